//! Form bodies (`application/x-www-form-urlencoded`) as key=value pairs: the encrypted requests
//! (`MerchantID`, `Len`, `Data`), URLNotify, and the pages' forms.

use paygate_wasm::protocol::kv::KeyValues;

/// The URL-decoded pairs of a form body, as sent.
pub fn parse(body: &[u8]) -> KeyValues {
    form_urlencoded::parse(body).collect()
}

/// The pairs as a form body.
pub fn encode(kv: &KeyValues) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kv.iter())
        .finish()
}
