//! Key=value text of the Paygate (`Status=OK&Code=00000000&…`): its answers, and the plaintext
//! of a request before encryption.

use super::ascii;

/// The pairs of a key=value answer, in order; keys are matched case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyValues(Vec<(String, String)>);

/// The trimmed pairs of `text`: split on `&` and line breaks, each pair on its first `=` only
/// (base64 values end in `=`). Pieces without `=` or with an empty key are skipped.
fn pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    ascii::split(text, b"&\n\r").filter_map(|piece| {
        let (key, value) = ascii::split_once(piece, b'=')?;
        let key = key.trim();
        (!key.is_empty()).then(|| (key, value.trim()))
    })
}

impl KeyValues {
    /// No pairs yet; add them with [`KeyValues::push`].
    pub fn new() -> Self {
        KeyValues(Vec::new())
    }

    /// Splits on `&` and line breaks, each pair on its first `=` only (base64 values end in `=`).
    /// Pieces without `=` (such as the documents' `[...]` elisions) are skipped.
    pub fn parse(text: &str) -> Self {
        KeyValues(
            pairs(text)
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        )
    }

    /// The first value under `key` in `text`, compared case-insensitively, without copying:
    /// the same as `KeyValues::parse(text).get(key)`.
    pub fn find<'t>(text: &'t str, key: &str) -> Option<&'t str> {
        pairs(text)
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }

    /// The first value under `key`, compared case-insensitively.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// The first value under `key` unless it is empty or blank.
    pub fn get_nonempty(&self, key: &str) -> Option<&str> {
        self.get(key).filter(|v| !v.trim().is_empty())
    }

    /// The pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Appends a pair. `&` and line breaks cannot travel in a value, as [`KeyValues::parse`]
    /// splits on them: `&` becomes `+`, a line break a space. `key` is a parameter name.
    pub fn push(&mut self, key: &str, value: impl Into<String>) -> &mut Self {
        let mut value: String = value.into();
        if value.contains(['&', '\n', '\r']) {
            value = value.replace('&', "+").replace(['\n', '\r'], " ");
        }
        self.0.push((key.to_owned(), value));
        self
    }

    /// Removes every pair under `key`, compared case-insensitively.
    pub fn remove(&mut self, key: &str) {
        self.0.retain(|(k, _)| !k.eq_ignore_ascii_case(key));
    }

    /// The pairs as `key=value` joined by `&`, the plaintext of a request (not URL-encoded).
    pub fn encode(&self) -> String {
        let mut text = String::new();
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                text.push('&');
            }
            text.push_str(k);
            text.push('=');
            text.push_str(v);
        }
        text
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Pairs taken as they are, such as the decoded pairs of a form body (no splitting, no trimming).
impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for KeyValues {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(pairs: I) -> Self {
        KeyValues(
            pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::KeyValues;

    #[test]
    fn splits_on_the_first_equals_sign_and_ignores_the_case_of_keys() {
        let kv = KeyValues::parse("MerchantID=m&card=eyJhIjoiYiJ9==&x&Code=0");
        assert_eq!(kv.get("merchantid"), Some("m"));
        assert_eq!(kv.get("CARD"), Some("eyJhIjoiYiJ9=="));
        assert_eq!(kv.get("missing"), None);
        // The documents write an empty value as `x=`; a piece without `=` occurs only as their
        // `[...]` elision (tests/fixtures/prefill-notify-response.kv.txt), so `x` is no pair.
        assert_eq!(kv.get("x"), None);
        assert_eq!(kv.len(), 3);
    }

    #[test]
    fn push_keeps_values_whole_and_encode_joins_them() {
        let mut kv = KeyValues::new();
        kv.push("a", "1").push("b", "x&y").push("c", "two\r\nlines");
        assert_eq!(kv.encode(), "a=1&b=x+y&c=two  lines");
        assert_eq!(KeyValues::parse(&kv.encode()), kv);
        assert_eq!(KeyValues::new().encode(), "");
    }

    #[test]
    fn base64_values_survive_a_round_trip() {
        let mut kv = KeyValues::new();
        kv.push("Len", "12")
            .push("Data", "QUJD==")
            .push("Empty", "");
        let text = kv.encode();
        assert_eq!(text, "Len=12&Data=QUJD==&Empty=");
        assert_eq!(KeyValues::parse(&text), kv);
    }

    #[test]
    fn get_nonempty_skips_blank_values() {
        let kv: KeyValues = [("A", ""), ("B", " "), ("C", "c")].into_iter().collect();
        assert_eq!(kv.get("a"), Some(""));
        assert_eq!(kv.get_nonempty("a"), None);
        assert_eq!(kv.get_nonempty("b"), None);
        assert_eq!(kv.get_nonempty("c"), Some("c"));
    }

    #[test]
    fn collected_pairs_are_kept_as_given() {
        let kv: KeyValues = [("k", " spaced "), ("", "no key")].into_iter().collect();
        assert_eq!(
            kv.iter().collect::<Vec<_>>(),
            [("k", " spaced "), ("", "no key")]
        );
    }

    #[test]
    fn remove_takes_every_pair_under_the_key() {
        let mut kv = KeyValues::parse("a=1&B=2&A=3");
        kv.remove("A");
        assert_eq!(kv.encode(), "B=2");
        kv.push("a", "4");
        assert_eq!(kv.get("A"), Some("4"));
    }
}
