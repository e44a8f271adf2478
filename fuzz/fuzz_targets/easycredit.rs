//! easyCredit v3: the order rules over any key=value request and the `Financing` reader over
//! any text. No input may panic, and what is accepted keeps the rule that let it in.
#![no_main]

use libfuzzer_sys::fuzz_target;
use paygate_wasm::protocol::easycredit::{
    check_request, Financing, NotifyUrlRule, Order, ProblemCode,
};
use paygate_wasm::protocol::json::Value;
use paygate_wasm::protocol::kv::KeyValues;

fuzz_target!(|text: &str| {
    let kv = KeyValues::parse(text);
    let problems = check_request(&kv, NotifyUrlRule::HttpsOnly);
    if problems.is_empty() {
        let order = Order::from_key_values(&kv);
        let url = order.url_notify.filled().unwrap_or_default();
        assert!(
            url.to_ascii_lowercase().starts_with("https://") && !url.contains('?'),
            "accepted URLNotify: {url}"
        );
        for name in [
            &order.billing.name.first_name,
            &order.shipping.name.last_name,
            &order.customer.first_name,
        ] {
            assert!(
                name.filled().is_some_and(|n| n.chars().count() <= 50),
                "accepted names are present and short"
            );
        }
        assert_eq!(kv.get("version").map(str::trim), Some("v3"));
    }
    assert!(problems
        .iter()
        .all(|p| !p.code.as_str().is_empty() && !p.field.parameter().is_empty()));
    let _ = problems.iter().any(|p| p.code == ProblemCode::Missing);
    if let Ok(Financing::Approved(a)) = Financing::read(&Value::String(text.to_owned())) {
        assert!(
            a.number_of_installments >= 1,
            "an approved plan has installments"
        );
    }
    let _ = Financing::from_text(text);
});
