//! Text split and searched at ASCII separators, over bytes. Every separator of the protocol's
//! texts (`=`, `&`, `/`, `:`, `.`, `|`, U+001F …) is ASCII, and a byte index next to an ASCII
//! byte is always a char boundary, so these give exactly what `str`'s methods with a `char`
//! pattern give; but the wasm then holds no char searcher (its `memchr` fast path, forward and
//! backward, and the reject searchers), only these few loops.

/// The index of the first `sep` in `text`.
pub fn find(text: &str, sep: u8) -> Option<usize> {
    text.bytes().position(|b| b == sep)
}

/// The index of the last `sep` in `text`.
pub fn rfind(text: &str, sep: u8) -> Option<usize> {
    text.bytes().rposition(|b| b == sep)
}

/// Whether `text` holds `sep`.
pub fn contains(text: &str, sep: u8) -> bool {
    find(text, sep).is_some()
}

/// Whether `text` starts with `first`.
pub fn starts_with(text: &str, first: u8) -> bool {
    text.as_bytes().first() == Some(&first)
}

/// `text` before and after its first `sep`.
pub fn split_once(text: &str, sep: u8) -> Option<(&str, &str)> {
    split_once_any(text, &[sep])
}

/// `text` before and after the first of `seps`.
pub fn split_once_any<'a>(text: &'a str, seps: &[u8]) -> Option<(&'a str, &'a str)> {
    let i = text.bytes().position(|b| seps.contains(&b))?;
    Some((&text[..i], &text[i + 1..]))
}

/// `text` before and after its last `sep`.
pub fn rsplit_once(text: &str, sep: u8) -> Option<(&str, &str)> {
    rfind(text, sep).map(|i| (&text[..i], &text[i + 1..]))
}

/// `text` up to the first of `seps` (all of it without one).
pub fn before_any<'a>(text: &'a str, seps: &[u8]) -> &'a str {
    split_once_any(text, seps).map_or(text, |(before, _)| before)
}

/// `text` without the `strip` bytes at its start.
pub fn trim_start(text: &str, strip: u8) -> &str {
    let n = text.bytes().take_while(|b| *b == strip).count();
    &text[n..]
}

/// `text` without the `strip` bytes at its end.
pub fn trim_end(text: &str, strip: u8) -> &str {
    let n = text.bytes().rev().take_while(|b| *b == strip).count();
    &text[..text.len() - n]
}

/// The pieces of `text` between any of `seps`, as `str::split` with those chars gives them.
pub fn split<'a, 's>(text: &'a str, seps: &'s [u8]) -> Split<'a, 's> {
    Split {
        rest: Some(text),
        seps,
    }
}

/// The iterator of [`split`].
#[derive(Debug, Clone)]
pub struct Split<'a, 's> {
    rest: Option<&'a str>,
    seps: &'s [u8],
}

impl<'a> Iterator for Split<'a, '_> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        let (piece, after) = match split_once_any(rest, self.seps) {
            Some((piece, after)) => (piece, Some(after)),
            None => (rest, None),
        };
        self.rest = after;
        Some(piece)
    }
}
