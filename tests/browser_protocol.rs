//! The protocol core inside headless Chromium: JSON through the browser's own `JSON.parse`,
//! JavaScript objects read through `Reflect`, errors as JavaScript `PaygateError`s.
#![cfg(target_arch = "wasm32")]

use paygate_wasm::dom::js::get;
use paygate_wasm::error::{ErrorCode, Message, PaygateError};
use paygate_wasm::protocol::challenge::BrowserChallengeResponse;
use paygate_wasm::protocol::message::PaygateMessage;
use paygate_wasm::protocol::payment_response::Len;
use paygate_wasm::protocol::versioning::{ProtocolSupport, VersioningData};
use paygate_wasm::protocol::window_size::ChallengeWindowSize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CHALLENGE: &str = include_str!("fixtures/challenge-response.json");
const DOC_CHALLENGE: &str = include_str!("fixtures/challenge-response.doc-example.json");
const VERSIONING: &str = include_str!("fixtures/versioning-data.json");

#[wasm_bindgen_test]
fn versioning_data_through_json_parse() {
    let v = VersioningData::from_json(VERSIONING).unwrap();
    assert!(matches!(v.protocol, ProtocolSupport::ThreeDs2(_)));
    let method = v.method.unwrap();
    assert_eq!(
        method.data.three_ds_server_trans_id,
        "14dd844c-b0fc-4dfe-8635-366fbf43468c"
    );
    let js = js_sys::JSON::parse(VERSIONING).unwrap();
    assert_eq!(
        VersioningData::from_value(&paygate_wasm::protocol::json::from_js(&js))
            .unwrap()
            .three_ds_server_trans_id
            .as_deref(),
        Some("14dd844c-b0fc-4dfe-8635-366fbf43468c")
    );
}

#[wasm_bindgen_test]
fn messages_as_string_and_as_object() {
    let from_text = PaygateMessage::from_js(&JsValue::from_str(CHALLENGE)).unwrap();
    let from_object = PaygateMessage::from_js(&js_sys::JSON::parse(CHALLENGE).unwrap()).unwrap();
    assert_eq!(from_text, from_object);
    let base64 = web_sys::window().unwrap().btoa(CHALLENGE).unwrap();
    assert_eq!(
        PaygateMessage::from_js(&JsValue::from_str(&base64)).unwrap(),
        from_object,
        "base64 of the JSON text, as atob() reads it"
    );
    let PaygateMessage::Challenge(c) = from_object else {
        panic!("not a challenge")
    };
    assert_eq!(
        c.challenge_request.challenge_window_size,
        Some(ChallengeWindowSize::W250xH400)
    );

    let payment =
        js_sys::JSON::parse(r#"{"MID":"c2FuZGJveF9zaG9w","Len":42,"Data":"A1B2"}"#).unwrap();
    let PaygateMessage::Payment(p) = PaygateMessage::from_js(&payment).unwrap() else {
        panic!()
    };
    assert_eq!(p.len, Len::Number(42));
    let payment =
        js_sys::JSON::parse(r#"{"mid":"c2FuZGJveF9zaG9w","len":"NDI=","data":"A1B2"}"#).unwrap();
    let PaygateMessage::Payment(p) = PaygateMessage::from_js(&payment).unwrap() else {
        panic!()
    };
    assert_eq!(p.len, Len::Text("NDI=".into()));

    for other in [
        JsValue::from_f64(1.0),
        JsValue::NULL,
        js_sys::Array::new().into(),
        JsValue::from_str("hello"),
    ] {
        assert_eq!(
            PaygateMessage::from_js(&other).unwrap(),
            PaygateMessage::Other
        );
    }
}

#[wasm_bindgen_test]
fn broken_messages_become_typed_javascript_errors() {
    let err = BrowserChallengeResponse::from_json(DOC_CHALLENGE).unwrap_err();
    let js = PaygateError::from(err).to_js();
    assert!(js.is_instance_of::<js_sys::Error>());
    assert_eq!(get(&js, "name"), "PaygateError");
    assert_eq!(get(&js, "code"), "invalid_paygate_message");
    assert_eq!(get(&js, "kind"), "merchant");
    assert_eq!(get(&js, "detail"), "base64");

    let broken = PaygateMessage::from_js(&JsValue::from_str("{\"acsURL\": ")).unwrap_err();
    assert_eq!(broken.code(), "invalid_paygate_message");
    assert_eq!(broken.detail(), "json");
}

/// The message js/error.js writes from the wasm's message number and arguments: the protocol
/// core's errors as their `Display`, the parser's words from the browser, a refusal's HTTP
/// status as its detail.
#[wasm_bindgen_test]
fn messages_are_written_by_the_error_module() {
    let err = BrowserChallengeResponse::from_json(DOC_CHALLENGE).unwrap_err();
    let text = err.to_string();
    let js = PaygateError::from(err).to_js();
    assert_eq!(get(&js, "message"), text.as_str());

    let broken = PaygateMessage::from_text("{\"acsURL\": ").unwrap_err();
    let js = PaygateError::from(broken).to_js();
    let message = get(&js, "message").as_string().unwrap();
    let head = "browser challenge response: not valid JSON of the documented shape: ";
    assert!(message.starts_with(head), "{message}");
    assert!(
        message.len() > head.len(),
        "the browser's words follow: {message}"
    );

    let with_function = js_sys::Object::new();
    let function = js_sys::Function::new_no_args("");
    js_sys::Reflect::set(&with_function, &"acsURL".into(), &function).unwrap();
    let odd = PaygateMessage::from_js(&with_function).unwrap_err();
    assert_eq!(
        get(&PaygateError::from(odd).to_js(), "message"),
        "browser challenge response: not valid JSON of the documented shape: invalid type: function"
    );

    let refused = PaygateError::new(ErrorCode::BackendRejected, Message::Refused).with_status(404);
    let js = refused.to_js();
    assert_eq!(
        (get(&js, "message"), get(&js, "detail"), get(&js, "kind")),
        (
            JsValue::from("the merchant backend refused the request"),
            JsValue::from("404"),
            JsValue::from("merchant")
        )
    );
    let said = PaygateError::new(ErrorCode::BackendRejected, Message::BackendSaid)
        .with_arg("card declined")
        .with_detail("declined")
        .with_status(402);
    let js = said.to_js();
    assert_eq!(
        (get(&js, "message"), get(&js, "detail")),
        (JsValue::from("card declined"), JsValue::from("declined"))
    );

    let csp = PaygateError::new(ErrorCode::CspBlocked, Message::CspBlocked)
        .with_detail("frame-src")
        .with_arg("frame-src")
        .with_arg("https://acs.example");
    let message = get(&csp.to_js(), "message").as_string().unwrap();
    assert!(
        message.contains("directive frame-src blocked https://acs.example:"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn payment_response_len_is_bounded_as_a_64_bit_number_in_wasm32() {
    // 2^32 + 1 is 1 in a 32-bit usize; the bound holds on the full number.
    let payment = js_sys::JSON::parse(r#"{"MID":"m","Len":4294967297,"Data":"AB"}"#).unwrap();
    assert_eq!(
        PaygateMessage::from_js(&payment).unwrap_err().detail(),
        "too_long"
    );
}
