//! Key=value answers of the Paygate (`Status=OK&Code=00000000&…`, the GetDetails and Delete
//! answers of customer.aspx): no input may panic, `find` agrees with `parse` for every key the
//! text holds, and every pair keeps the rules it was split by.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paygate_wasm::protocol::card::YearMonth;
use paygate_wasm::protocol::kv::KeyValues;
use paygate_wasm::protocol::vault::saved_cards_from_text;

fuzz_target!(|text: &str| {
    let parsed = KeyValues::parse(text);
    // The first 32 keys: checking every key of a 4 KB input of `a=&a=&…` is quadratic.
    for key in text
        .split(['&', '\n', '\r'])
        .filter_map(|p| p.split_once('='))
        .map(|(k, _)| k.trim())
        .take(32)
    {
        assert_eq!(
            KeyValues::find(text, key),
            parsed.get(key),
            "find and parse disagree on {key:?}"
        );
        if !key.is_empty() {
            assert!(parsed.get(key).is_some(), "a present key is found: {key:?}");
        }
    }
    for key in ["Code", "Status", "CustomerInfos", "mid", "Len", "Data"] {
        assert_eq!(KeyValues::find(text, key), parsed.get(key));
    }
    if let (Some(today), false) = (YearMonth::new(2026, 11), parsed.is_empty()) {
        let _ = saved_cards_from_text(text, today);
    }
});
