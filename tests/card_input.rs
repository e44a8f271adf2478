//! The card fields as typed, natively: grouping keeps every digit and nothing more, AMEX 4-6-5,
//! the caret maps back to the same digit, every expiry format the form accepts, arrow keys skip
//! disabled options and wrap, and no input makes any of it panic.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use paygate_wasm::protocol::card::{Brand, YearMonth};
use paygate_wasm::protocol::card_input::{
    caret_after_digits, digits, edit_number, format_expiry, group, max_digits, parse_expiry,
    radio_target, security_code_digits, security_code_length,
};

const BRANDS: [Option<Brand>; 9] = [
    None,
    Some(Brand::Visa),
    Some(Brand::MasterCard),
    Some(Brand::Amex),
    Some(Brand::Diners),
    Some(Brand::Jcb),
    Some(Brand::Maestro),
    Some(Brand::Cup),
    Some(Brand::Discover),
];

fn group_lengths(formatted: &str) -> Vec<usize> {
    formatted.split(' ').map(str::len).collect()
}

#[test]
fn groups_by_brand() {
    assert_eq!(
        group("4111111111111111", Some(Brand::Visa)),
        "4111 1111 1111 1111"
    );
    assert_eq!(
        group("378282246310005", Some(Brand::Amex)),
        "3782 822463 10005"
    );
    assert_eq!(
        group_lengths(&group("36227206271667", Some(Brand::Diners))),
        [4, 6, 4]
    );
    assert_eq!(group("41111", None), "4111 1");
    assert_eq!(group("", None), "");
    assert_eq!(
        group("4000000000000000006", Some(Brand::Visa)),
        "4000 0000 0000 0000 006"
    );
}

#[test]
fn typing_keeps_the_caret_after_the_same_digit() {
    // A digit typed into the middle: the caret stays right after it.
    let edit = edit_number("41119111", 4, "4111 111");
    assert_eq!(edit.formatted, "4111 9111");
    assert_eq!(edit.caret, 4);
    let edit = edit_number("4111 91111", 6, "4111 1111");
    assert_eq!((edit.formatted.as_str(), edit.caret), ("4111 9111 1", 6));
    // Backspace on the separator deletes the digit before it.
    let edit = edit_number("41111111", 4, "4111 1111");
    assert_eq!((edit.formatted.as_str(), edit.caret), ("4111 111", 3));
    // Pasting too many digits keeps the brand's length.
    let edit = edit_number("3782822463100059999", 19, "");
    assert_eq!(edit.brand, Some(Brand::Amex));
    assert_eq!(edit.formatted, "3782 822463 10005");
    assert_eq!(edit.caret, edit.formatted.len());
}

#[test]
fn security_code_by_brand() {
    assert_eq!(security_code_length(None), 4);
    assert_eq!(security_code_length(Some(Brand::Amex)), 4);
    assert_eq!(security_code_length(Some(Brand::Visa)), 3);
    assert_eq!(security_code_digits("1a2b3c45"), "1234");
}

#[test]
fn expiry_formats() {
    assert_eq!(format_expiry("1227"), "12/27");
    assert_eq!(format_expiry("1/"), "01/");
    assert_eq!(format_expiry("12"), "12");
    assert_eq!(format_expiry("122031"), "12/2031");
    assert_eq!(format_expiry(""), "");
    assert_eq!(parse_expiry("12/27"), YearMonth::new(2027, 12));
    assert_eq!(parse_expiry("12/2031"), YearMonth::new(2031, 12));
    assert_eq!(parse_expiry("1/31"), YearMonth::new(2031, 1));
    assert_eq!(parse_expiry("1231"), YearMonth::new(2031, 12));
    assert_eq!(parse_expiry("122031"), YearMonth::new(2031, 12));
    for bad in [
        "13/27", "00/27", "12/7", "12/207", "123", "12345", "", "/", "12/", "/27",
    ] {
        assert_eq!(parse_expiry(bad), None, "{bad}");
    }
    // A month that would be 1 if it wrapped around a byte is refused.
    assert_eq!(YearMonth::new(2027, 257), None);
    assert_eq!(YearMonth::parse_yyyymm("202757"), None);
}

#[test]
fn keyboard_model() {
    let en = [true, false, true, true];
    assert_eq!(radio_target("ArrowDown", &en, Some(0)), Some(2));
    assert_eq!(radio_target("ArrowRight", &en, Some(3)), Some(0));
    assert_eq!(radio_target("ArrowUp", &en, Some(0)), Some(3));
    assert_eq!(radio_target("ArrowLeft", &en, Some(2)), Some(0));
    assert_eq!(radio_target("Home", &en, Some(3)), Some(0));
    assert_eq!(radio_target("End", &en, Some(0)), Some(3));
    assert_eq!(radio_target("a", &en, Some(0)), None);
    assert_eq!(radio_target("ArrowDown", &[false, false], Some(0)), None);
    assert_eq!(radio_target("ArrowDown", &[], None), None);
    assert_eq!(radio_target("ArrowDown", &en, None), Some(0));
    assert_eq!(radio_target("ArrowUp", &en, Some(99)), Some(3));
}

fn brand() -> impl Strategy<Value = Option<Brand>> {
    (0..BRANDS.len()).prop_map(|i| BRANDS[i])
}

proptest! {
    #[test]
    fn grouping_never_loses_or_adds_digits(d in "[0-9]{0,25}", b in brand()) {
        let g = group(&d, b);
        prop_assert_eq!(digits(&g), d.clone());
        prop_assert!(g.bytes().all(|c| c.is_ascii_digit() || c == b' '));
        prop_assert!(!g.starts_with(' ') && !g.ends_with(' ') && !g.contains("  "));
    }

    #[test]
    fn amex_is_4_6_5(d in "3[47][0-9]{13}") {
        prop_assert_eq!(group_lengths(&group(&d, Some(Brand::Amex))), vec![4, 6, 5]);
        prop_assert_eq!(group_lengths(&edit_number(&d, 15, "").formatted), vec![4, 6, 5]);
    }

    #[test]
    fn caret_maps_back_to_the_same_digit(d in "[0-9]{0,19}", b in brand()) {
        let g = group(&d, b);
        for n in 0..=d.len() {
            let at = caret_after_digits(&g, n);
            prop_assert!(at <= g.len());
            prop_assert_eq!(digits(&g[..at]).len(), n);
            prop_assert!(n == 0 || g.as_bytes()[at - 1].is_ascii_digit());
        }
    }

    #[test]
    fn an_edit_keeps_the_digits_up_to_the_brand_length(typed in "[0-9 a/]{0,30}", at in 0usize..32, previous in "[0-9 ]{0,24}") {
        let caret = at.min(typed.len());
        let edit = edit_number(&typed, caret, &previous);
        let kept = digits(&edit.formatted);
        prop_assert!(kept.len() <= max_digits(edit.brand));
        prop_assert_eq!(&edit.formatted, &group(&kept, edit.brand));
        prop_assert_eq!(Brand::detect(&kept), edit.brand);
        let all = digits(&typed);
        let before = digits(&typed[..caret]).len();
        if digits(&previous) != all || typed.len() >= previous.len() || before == 0 {
            prop_assert!(all.starts_with(&kept));
            prop_assert_eq!(kept.len(), all.len().min(max_digits(edit.brand)));
            prop_assert_eq!(digits(&edit.formatted[..edit.caret]).len(), before.min(kept.len()));
        } else {
            prop_assert_eq!(digits(&edit.formatted[..edit.caret]).len() + 1, before.min(kept.len() + 1));
        }
        prop_assert!(edit.caret <= edit.formatted.len());
    }

    #[test]
    fn every_accepted_expiry_format_parses(month in 1u16..=12, year in 2000u16..=2099) {
        let want = YearMonth::new(year, month);
        let yy = year % 100;
        for typed in [
            format!("{month:02}/{yy:02}"),
            format!("{month:02}/{year}"),
            format!("{month}/{yy:02}"),
            format!("{month:02}{yy:02}"),
            format!("{month:02}{year}"),
        ] {
            prop_assert_eq!(parse_expiry(&typed), want, "{}", typed);
            let shown = format_expiry(&typed);
            prop_assert_eq!(parse_expiry(&shown), want, "{} shown as {}", typed, shown);
        }
    }

    #[test]
    fn expiry_formatting_is_stable(typed in "[0-9/ ]{0,10}") {
        let once = format_expiry(&typed);
        prop_assert_eq!(format_expiry(&once), once.clone());
        prop_assert!(once.len() <= 7);
    }

    #[test]
    fn arrow_targets_skip_disabled_options_and_wrap(enabled in prop::collection::vec(any::<bool>(), 0..12), current in 0usize..12) {
        let n = enabled.len();
        for key in ["ArrowDown", "ArrowUp", "Home", "End", "ArrowLeft", "ArrowRight"] {
            let got = radio_target(key, &enabled, Some(current));
            prop_assert_eq!(got.is_some(), enabled.contains(&true), "{}", key);
            if let Some(i) = got {
                prop_assert!(enabled[i]);
            }
        }
        if current < n {
            if let Some(next) = radio_target("ArrowDown", &enabled, Some(current)) {
                // Every option strictly between the current one and the target is disabled.
                let mut i = (current + 1) % n;
                while i != next {
                    prop_assert!(!enabled[i]);
                    i = (i + 1) % n;
                }
            }
            if let Some(prev) = radio_target("ArrowUp", &enabled, Some(current)) {
                let mut i = (current + n - 1) % n;
                while i != prev {
                    prop_assert!(!enabled[i]);
                    i = (i + n - 1) % n;
                }
            }
        }
    }

    #[test]
    fn no_string_makes_it_panic(text in any::<String>(), caret in any::<usize>(), previous in any::<String>()) {
        let _ = digits(&text);
        let _ = group(&digits(&text), Brand::detect(&digits(&text)));
        let _ = caret_after_digits(&text, caret % 64);
        let edit = edit_number(&text, caret, &previous);
        prop_assert!(edit.caret <= edit.formatted.len());
        let _ = security_code_digits(&text);
        let _ = format_expiry(&text);
        let _ = parse_expiry(&text);
        let _ = radio_target(&text, &[true, false], Some(caret));
    }
}
