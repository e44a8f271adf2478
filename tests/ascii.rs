//! `protocol::ascii` gives what `str`'s methods with the same ASCII `char` give, for any text.
#![cfg(not(target_arch = "wasm32"))]

use paygate_wasm::protocol::ascii;
use proptest::prelude::*;

/// Texts made mostly of separators and multi-byte characters, where the indices matter.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('='),
            Just('/'),
            Just(':'),
            Just('.'),
            Just('\u{1f}'),
            Just('é'),
            Just('€'),
            Just('😀'),
            Just('a'),
            Just(' ')
        ],
        0..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn sep() -> impl Strategy<Value = u8> {
    prop_oneof![Just(b'='), Just(b'/'), Just(b':'), Just(b'.'), Just(0x1f)]
}

proptest! {
    #[test]
    fn searches_agree_with_str(text in text(), sep in sep()) {
        let c = char::from(sep);
        prop_assert_eq!(ascii::find(&text, sep), text.find(c));
        prop_assert_eq!(ascii::rfind(&text, sep), text.rfind(c));
        prop_assert_eq!(ascii::contains(&text, sep), text.contains(c));
        prop_assert_eq!(ascii::starts_with(&text, sep), text.starts_with(c));
        prop_assert_eq!(ascii::split_once(&text, sep), text.split_once(c));
        prop_assert_eq!(ascii::rsplit_once(&text, sep), text.rsplit_once(c));
        prop_assert_eq!(ascii::trim_start(&text, sep), text.trim_start_matches(c));
        prop_assert_eq!(ascii::trim_end(&text, sep), text.trim_end_matches(c));
    }

    #[test]
    fn splits_agree_with_str(text in text(), a in sep(), b in sep()) {
        let (ca, cb) = (char::from(a), char::from(b));
        let ours: Vec<&str> = ascii::split(&text, &[a, b]).collect();
        let std: Vec<&str> = text.split([ca, cb]).collect();
        prop_assert_eq!(ours, std);
        prop_assert_eq!(ascii::before_any(&text, &[a, b]), text.split([ca, cb]).next().unwrap_or_default());
    }
}
