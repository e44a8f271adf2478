//! The card fields as typed: no input may panic; grouping keeps exactly the digits it was given,
//! the caret maps back to the same digit, a formatted expiry date reads as the typed one, and an
//! arrow key only ever lands on an enabled option.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paygate_wasm::protocol::card::Brand;
use paygate_wasm::protocol::card_input::{
    caret_after_digits, digits, edit_number, format_expiry, group, max_digits, parse_expiry,
    radio_target, security_code_digits,
};

fuzz_target!(|text: &str| {
    let typed_digits = digits(text);
    for brand in [None, Some(Brand::Visa), Some(Brand::Amex), Some(Brand::Diners)] {
        let grouped = group(&typed_digits, brand);
        assert_eq!(digits(&grouped), typed_digits, "grouping keeps the digits");
        for n in 0..=typed_digits.len().min(24) {
            let at = caret_after_digits(&grouped, n);
            assert_eq!(digits(&grouped[..at]).len(), n, "caret after digit {n}");
        }
    }
    // The first byte picks the caret, the rest splits into the value before and after the edit.
    let caret = text.bytes().next().map_or(0, usize::from);
    let half = (0..=text.len() / 2)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let (previous, typed) = text.split_at(half);
    let edit = edit_number(typed, caret, previous);
    let kept = digits(&edit.formatted);
    assert!(kept.len() <= max_digits(edit.brand));
    assert_eq!(edit.formatted, group(&kept, edit.brand));
    assert!(edit.caret <= edit.formatted.len());
    assert!(security_code_digits(text).len() <= 4);
    let shown = format_expiry(text);
    assert_eq!(format_expiry(&shown), shown, "formatting an expiry date is stable");
    if let Some(month) = parse_expiry(text) {
        assert!((1..=12).contains(&month.month));
        if !text.contains('/') || text.split('/').count() == 2 {
            assert_eq!(parse_expiry(&shown), Some(month), "{text:?} shown as {shown:?}");
        }
    }
    let enabled: Vec<bool> = text.bytes().take(16).map(|b| b & 1 == 1).collect();
    for key in ["ArrowDown", "ArrowUp", "Home", "End", text] {
        if let Some(i) = radio_target(key, &enabled, Some(caret)) {
            assert!(enabled[i], "{key} lands on an enabled option");
        }
    }
});
