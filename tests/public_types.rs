//! The hand-written TypeScript types (js/index.d.ts) against the Rust side: every error code the
//! wasm can raise is in `PaygateErrorCode`, with no `any` anywhere in the public declarations.

use paygate_wasm::error::ErrorCode;

const DTS: &str = include_str!("../js/index.d.ts");

/// The string literals of `export type <name> = … ;`.
fn union(name: &str) -> Vec<String> {
    let start = DTS
        .find(&format!("export type {name} ="))
        .expect("the type is declared");
    let body = &DTS[start..start + DTS[start..].find(';').expect("the declaration ends")];
    body.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_error_code_of_the_wasm_is_in_the_typescript_union() {
    let codes = union("PaygateErrorCode");
    for code in ErrorCode::ALL {
        assert!(
            codes.iter().any(|c| c == code.as_str()),
            "{} is missing from PaygateErrorCode",
            code.as_str()
        );
    }
    let kinds = union("PaygateErrorKind");
    for code in ErrorCode::ALL {
        assert!(
            kinds.iter().any(|k| k == code.kind().as_str()),
            "kind {} is missing",
            code.kind().as_str()
        );
    }
}

#[test]
fn the_public_declarations_have_no_any_and_no_bare_object_or_unknown() {
    let code: String = DTS
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with("//")
                && !l.trim_start().starts_with('*')
                && !l.trim_start().starts_with("/**")
        })
        .collect::<Vec<_>>()
        .join("\n");
    for word in [
        ": any",
        "<any>",
        "any[]",
        "| any",
        ": unknown",
        "| unknown",
        ": object",
        "| object",
        ": Object",
    ] {
        assert!(!code.contains(word), "the public types contain `{word}`");
    }
}

/// The keys of a locale table (`  name: 'text',` lines), in order.
fn table_keys(source: &str) -> Vec<&str> {
    source
        .lines()
        .filter_map(|l| l.strip_prefix("  ")?.split_once(": "))
        .map(|(key, _)| key)
        .collect()
}

#[test]
fn every_locale_table_has_every_text_in_the_order_of_the_wasm() {
    use paygate_wasm::i18n::TEXT_NAMES;
    let tables = [
        ("en", include_str!("../js/locales/en.js")),
        ("de", include_str!("../js/locales/de.js")),
        ("fr", include_str!("../js/locales/fr.js")),
        ("it", include_str!("../js/locales/it.js")),
        ("es", include_str!("../js/locales/es.js")),
        ("nl", include_str!("../js/locales/nl.js")),
        ("pl", include_str!("../js/locales/pl.js")),
    ];
    for (tag, source) in tables {
        assert_eq!(table_keys(source), TEXT_NAMES, "js/locales/{tag}.js");
    }
    assert_eq!(union("TextName"), TEXT_NAMES, "TextName in js/index.d.ts");
    let shipped: Vec<String> = tables.iter().map(|(t, _)| (*t).to_owned()).collect();
    let mut locales = union("Locale");
    locales.sort();
    let mut expected = shipped.clone();
    expected.sort();
    assert_eq!(locales, expected, "Locale lists exactly the shipped tables");
}
