//! The card checks, the URL policy, key=value answers, base64 and the window size code: no input
//! may panic, and every accepted value keeps the rule that let it in.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paygate_wasm::protocol::browser_info::{normalise_language, normalise_user_agent};
use paygate_wasm::protocol::card::{
    check_expiry, check_holder, check_number, check_security_code, luhn_valid, Brand, PayTypes,
    YearMonth,
};
use paygate_wasm::protocol::codec::decode_base64;
use paygate_wasm::protocol::kv::KeyValues;
use paygate_wasm::protocol::url_policy::SafeUrl;
use paygate_wasm::protocol::window_size::{ChallengeWindowSize, WindowSizePreference};

fuzz_target!(|text: &str| {
    let Some(today) = YearMonth::new(2026, 11) else {
        return;
    };
    let pay_types = PayTypes::parse("VISA|MasterCard|AMEX");
    if let Ok((digits, brand)) = check_number(text, &pay_types) {
        assert!(luhn_valid(&digits), "accepted numbers pass Luhn: {digits}");
        assert!(
            brand.number_lengths().contains(&digits.len()),
            "length fits {brand:?}: {digits}"
        );
        assert_eq!(Brand::detect(&digits), Some(brand));
    }
    if let Ok(month) = check_expiry(text, today) {
        assert!(month >= today, "accepted expiry is not in the past");
    }
    for brand in [None, Some(Brand::Visa), Some(Brand::Amex)] {
        if check_security_code(text, brand).is_ok() {
            assert!(
                text.bytes().all(|b| b.is_ascii_digit()),
                "a security code is digits only"
            );
        }
    }
    if let Ok(name) = check_holder(text) {
        assert!(
            !name.contains(['<', '>', '"', '&', '/']),
            "holder names carry no markup (O'Brien's apostrophe is a letter here): {name}"
        );
    }
    if let Ok(url) = SafeUrl::parse(text, "url") {
        let origin = url.origin();
        assert!(
            origin.starts_with("https://") || origin.starts_with("http://"),
            "origin {origin}"
        );
        let lower = text.to_ascii_lowercase();
        assert!(!lower.starts_with("javascript:") && !lower.starts_with("data:"));
    }
    let _ = KeyValues::parse(text).get("Code");
    let _ = decode_base64(text);
    let _ = normalise_language(text);
    assert!(normalise_user_agent(text).chars().count() <= 2048);
    if let Ok(pref) = WindowSizePreference::parse(text) {
        let _ = pref.resolve(|| (400.0, 600.0));
    }
    let _ = ChallengeWindowSize::from_code(text);
    if text.len() >= 8 {
        let (w, h) = (
            f64::from(text.as_bytes()[0]) * 8.0,
            f64::from(text.as_bytes()[1]) * 8.0,
        );
        let _ = ChallengeWindowSize::fitting(w, h);
    }
});
