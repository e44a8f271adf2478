//! Everything the Paygate and the ACS send to the browser, as text: no input may panic, what is
//! accepted keeps the promises its type makes, and a message reads the same in every encoding
//! (JSON text, base64 of it in both alphabets, padded or not).
#![no_main]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use libfuzzer_sys::fuzz_target;
use paygate_wasm::protocol::challenge::{BrowserChallengeResponse, ChallengeRequest};
use paygate_wasm::protocol::credential_on_file::CredentialOnFile;
use paygate_wasm::protocol::legacy::ThreeDsLegacy;
use paygate_wasm::protocol::message::PaygateMessage;
use paygate_wasm::protocol::payment_response::BrowserPaymentResponse;
use paygate_wasm::protocol::url_policy::SafeUrl;
use paygate_wasm::protocol::versioning::VersioningData;

fn assert_safe(url: &SafeUrl) {
    assert!(
        SafeUrl::parse(url.as_str(), "again").is_ok(),
        "a SafeUrl parses again: {url:?}"
    );
}

fuzz_target!(|text: &str| {
    let message = PaygateMessage::from_text(text);
    if let Ok(PaygateMessage::Challenge(c)) = &message {
        assert_safe(&c.acs_url);
        if let (Some(creq), Some(message)) =
            (c.challenge_request.challenge_window_size, c.window_size())
        {
            assert_eq!(creq, message, "the CReq's window size wins");
        }
    }
    if text.trim_start().starts_with('{') {
        for encoded in [STANDARD.encode(text), URL_SAFE_NO_PAD.encode(text)] {
            assert_eq!(
                PaygateMessage::from_text(&encoded),
                message,
                "base64 of the JSON text reads alike"
            );
        }
    }
    if let Ok(c) = BrowserChallengeResponse::from_json(text) {
        assert_safe(&c.acs_url);
    }
    let _ = ChallengeRequest::from_base64(text);
    if let Ok(v) = VersioningData::from_json(text) {
        if let Some(m) = &v.method {
            let _ = m.safe_url();
        }
    }
    let _ = VersioningData::from_base64(text);
    if let Ok(l) = ThreeDsLegacy::from_json(text) {
        assert_safe(&l.acs_url);
    }
    if let Ok(p) = BrowserPaymentResponse::from_json(text) {
        let _ = p.to_value();
    }
    let _ = CredentialOnFile::from_json(text);
});
