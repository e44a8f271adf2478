//! `Texts` reads the joined list the JavaScript entry hands over, and finds each text in it.
#![cfg(not(target_arch = "wasm32"))]

use paygate_wasm::i18n::{Text, Texts, SEPARATOR, TEXT_NAMES};

/// A list with the tag `tag` and text `i` spelled from `text(i)`.
fn joined(tag: &str, text: impl Fn(usize) -> String) -> String {
    let mut list = vec![tag.to_owned()];
    list.extend((0..TEXT_NAMES.len()).map(text));
    list.join(&SEPARATOR.to_string())
}

#[test]
fn each_text_is_found_at_its_place_whatever_its_length_and_script() {
    let list = joined("pl-PL", |i| format!("tekst {i}: zażółć gęślą jaźń"));
    let texts = Texts::read(&list).expect("a complete list");
    assert_eq!(texts.lang(), "pl-PL");
    let last = TEXT_NAMES.len() - 1;
    for (text, i) in [
        (Text::SavedCardsTitle, 0),
        (Text::Ending, 4),
        (Text::CardNumber, 17),
        (Text::MethodTitle, last),
    ] {
        assert_eq!(texts.get(text), format!("tekst {i}: zażółć gęślą jaźń"));
    }
}

#[test]
fn empty_texts_are_texts_of_their_own() {
    let list = joined("de", |i| {
        if i % 2 == 0 {
            String::new()
        } else {
            "x".repeat(i)
        }
    });
    let texts = Texts::read(&list).expect("a complete list");
    assert_eq!(texts.get(Text::SavedCardsTitle), "");
    assert_eq!(texts.get(Text::UseNewCard), "x");
    assert_eq!(texts.get(Text::Inactive), "xxx");
    assert_eq!(texts.lang(), "de");
}

#[test]
fn a_list_without_tag_or_with_a_text_too_many_or_too_few_is_refused() {
    assert_eq!(Texts::read(&joined("", |_| "t".into())), None);
    let complete = joined("en", |_| "t".into());
    assert_eq!(Texts::read(&format!("{complete}{SEPARATOR}t")), None);
    let (short, _) = complete.rsplit_once(SEPARATOR).expect("a separator");
    assert_eq!(Texts::read(short), None);
    assert_eq!(Texts::read(""), None);
}
