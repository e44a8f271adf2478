//! Every protocol example of the Computop documents, parsed and asserted by name.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use paygate_wasm::protocol::card::{Brand, CardData, CardInput, PayTypes, YearMonth};
use paygate_wasm::protocol::challenge::{BrowserChallengeResponse, ChallengeRequest};
use paygate_wasm::protocol::codec::{decode_base64, decode_base64_text};
use paygate_wasm::protocol::credential_on_file::{
    check_prefill_payment, CredentialOnFile, CredentialOnFileType, Initiator,
};
use paygate_wasm::protocol::kv::KeyValues;
use paygate_wasm::protocol::message::PaygateMessage;
use paygate_wasm::protocol::vault::{
    default_card, saved_cards_from_text, vault_event_from_json, VaultEvent, VaultSource,
};
use paygate_wasm::protocol::versioning::{ProtocolSupport, VersioningData};
use paygate_wasm::protocol::window_size::ChallengeWindowSize;
use paygate_wasm::protocol::{CardProblem, Error, Problem, Subject, UrlRefusal};

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixture(name: &str) -> String {
    let path = fixtures_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.trim_end().to_owned()
}

fn json(name: &str) -> serde_json::Value {
    serde_json::from_str(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The `.b64` file decodes to exactly the bytes of its `.json` twin.
fn assert_b64_twin(b64: &str, json_name: &str) {
    let decoded = decode_base64(&fixture(b64)).expect("decodes");
    assert_eq!(
        String::from_utf8(decoded).unwrap().trim_end(),
        fixture(json_name).trim_end(),
        "{b64} vs {json_name}"
    );
}

const NOV_2026: YearMonth = YearMonth {
    year: 2026,
    month: 11,
};

#[test]
fn every_fixture_file_is_named_in_this_test() {
    let source = include_str!("fixtures.rs");
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures in the repository")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "README.md")
        .collect();
    names.sort();
    assert!(
        names.len() >= 30,
        "expected the documents' fixtures, found {names:?}"
    );
    let missing: Vec<_> = names
        .iter()
        .filter(|n| !source.contains(n.as_str()))
        .collect();
    assert!(missing.is_empty(), "fixtures no test names: {missing:?}");
}

#[test]
fn versioning_data_json() {
    let v = VersioningData::from_json(&fixture("versioning-data.json")).unwrap();
    assert_eq!(
        v.three_ds_server_trans_id.as_deref(),
        Some("14dd844c-b0fc-4dfe-8635-366fbf43468c")
    );
    match &v.protocol {
        ProtocolSupport::ThreeDs2(p) => {
            assert_eq!(p.acs_start, "2.1.0");
            assert_eq!(p.acs_end, "2.1.0");
            assert_eq!(p.ds_start.as_deref(), Some("2.1.0"));
            assert_eq!(p.ds_end.as_deref(), Some("2.1.0"));
        }
        other => panic!("expected 3DS 2, got {other:?}"),
    }
    let method = v.method.as_ref().expect("method");
    assert_eq!(method.url, "http://www.acs.com/script");
    // The documents' form value mixes the URL-safe alphabet (`_`) with `==` padding.
    assert!(method.data_form.contains('_') && method.data_form.ends_with("=="));
    assert_eq!(
        method.data.three_ds_server_trans_id,
        "14dd844c-b0fc-4dfe-8635-366fbf43468c"
    );
    assert_eq!(
        method.data.three_ds_method_notification_url,
        "https://www.computop-paygate.com/cbThreeDS.aspx?action=mthdNtfn"
    );
    // The example's method URL is plain http to a public host: parsed, but never posted to.
    let refused = method.safe_url().unwrap_err();
    assert_eq!(
        refused,
        Error::InsecureUrl {
            field: "threeDSMethodURL",
            reason: UrlRefusal::PlainHttp
        }
    );
    assert_eq!(refused.code(), "insecure_url");
}

#[test]
fn versioning_data_with_null_versions_means_3ds1_fallback() {
    let mut v = json("versioning-data.json");
    for k in [
        "acsStartProtocolVersion",
        "acsEndProtocolVersion",
        "dsStartProtocolVersion",
        "dsEndProtocolVersion",
    ] {
        v[k] = serde_json::Value::Null;
    }
    v["threeDSMethodURL"] = serde_json::Value::Null;
    v["errorDetails"] =
        serde_json::json!({"errorCode": "305", "errorDescription": "Card range not enrolled"});
    let parsed = VersioningData::from_json(&v.to_string()).unwrap();
    assert_eq!(parsed.protocol, ProtocolSupport::Legacy);
    assert!(parsed.method.is_none(), "no URL: threeDSCompInd=U");
    assert_eq!(
        parsed.error_details.unwrap().error_code.as_deref(),
        Some("305")
    );
    // As the Paygate sends it to the backend: base64 of the JSON.
    let b64 = base64_std(&v.to_string());
    assert_eq!(
        VersioningData::from_base64(&b64).unwrap().protocol,
        ProtocolSupport::Legacy
    );
}

fn base64_std(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}

#[test]
fn threeds_method_data_b64url_without_padding() {
    let text = decode_base64_text(
        &fixture("threeds-method-data.b64url"),
        Subject::MethodData,
        "threeDSMethodData",
    )
    .unwrap();
    assert_eq!(text, fixture("threeds-method-data.decoded.json"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["threeDSServerTransID"],
        "3ac7caa7-aa42-2663-791b-2ac05a542c4a"
    );
}

#[test]
fn threeds_method_notification_b64url() {
    let text = decode_base64_text(
        &fixture("threeds-method-notification.b64url"),
        Subject::MethodData,
        "threeDSMethodData",
    )
    .unwrap();
    assert_eq!(text, fixture("threeds-method-notification.decoded.json"));
    assert!(text.contains("e1c1ebeb-74e8-43b2-b385-2e67d1aacfa2"));
}

#[test]
fn challenge_response_json_parses() {
    let r = BrowserChallengeResponse::from_json(&fixture("challenge-response.json")).unwrap();
    assert!(!r.acs_challenge_mandated);
    assert_eq!(
        r.acs_url.as_str(),
        "https://acs.example-issuer.test/challenge"
    );
    assert_eq!(r.creq, fixture("creq.b64"));
    assert_eq!(
        r.challenge_request.three_ds_server_trans_id,
        "8a880dc0-d2d2-4067-bcb1-b08d1690b26e"
    );
    assert_eq!(
        r.challenge_request.acs_trans_id,
        "d7c1ee99-9478-44a6-b1f2-391e29c6b340"
    );
    assert_eq!(
        r.challenge_request.message_version.as_deref(),
        Some("2.1.0")
    );
    assert_eq!(
        r.challenge_request.challenge_window_size,
        Some(ChallengeWindowSize::W250xH400)
    );
    assert!(matches!(
        PaygateMessage::from_text(&fixture("challenge-response.json")).unwrap(),
        PaygateMessage::Challenge(_)
    ));
}

/// The challenge response fixture in every encoding a Paygate frame posts it in: JSON text, and
/// base64 of the JSON text in all four base64 forms (the real Paygate's integrations read
/// `JSON.parse(atob(event.data))`). Each reads as the same challenge.
#[test]
fn challenge_response_in_every_message_encoding() {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    use base64::Engine;
    let text = fixture("challenge-response.json");
    let PaygateMessage::Challenge(expected) = PaygateMessage::from_text(&text).unwrap() else {
        panic!("not a challenge")
    };
    let forms = [
        STANDARD.encode(&text),
        STANDARD_NO_PAD.encode(&text),
        URL_SAFE.encode(&text),
        URL_SAFE_NO_PAD.encode(&text),
    ];
    for form in forms {
        assert_eq!(
            PaygateMessage::from_text(&form).unwrap(),
            PaygateMessage::Challenge(expected.clone()),
            "{form}"
        );
        assert_eq!(
            PaygateMessage::from_text(&format!(" {form}\n")).unwrap(),
            PaygateMessage::Challenge(expected.clone())
        );
    }
    assert_eq!(expected.window_size(), Some(ChallengeWindowSize::W250xH400));
    // The same CReq (creq.b64) inside a message whose own top-level size disagrees: the CReq wins.
    let mut v = json("challenge-response.json");
    v["challengeWindowSize"] = "05".into();
    let PaygateMessage::Challenge(c) =
        PaygateMessage::from_text(&STANDARD.encode(v.to_string())).unwrap()
    else {
        panic!()
    };
    assert_eq!(
        c.challenge_window_size,
        Some(ChallengeWindowSize::FullScreen)
    );
    assert_eq!(
        c.window_size(),
        Some(ChallengeWindowSize::W250xH400),
        "the CReq's size wins: the ACS renders for it"
    );
}

#[test]
fn challenge_response_doc_example_is_refused_for_its_placeholder() {
    // As printed, `base64EncodedChallengeRequest` is the placeholder
    // "base64-encoded-challenge-request": URL-safe base64 letters, but not of UTF-8 text.
    let err = BrowserChallengeResponse::from_json(&fixture("challenge-response.doc-example.json"))
        .unwrap_err();
    assert_eq!(
        err,
        Error::Malformed {
            subject: Subject::ChallengeResponse,
            problem: Problem::Base64("base64EncodedChallengeRequest")
        }
    );
    assert_eq!(err.code(), "invalid_paygate_message");
    assert_eq!(err.detail(), "base64");
    // With a real CReq, the placeholder acsURL is refused on its own.
    let mut v = json("challenge-response.doc-example.json");
    v["base64EncodedChallengeRequest"] = fixture("creq.b64").into();
    let err = BrowserChallengeResponse::from_json(&v.to_string()).unwrap_err();
    assert_eq!(
        err,
        Error::InsecureUrl {
            field: "acsURL",
            reason: UrlRefusal::NotAbsolute
        }
    );
}

#[test]
fn creq_b64_standard_padded_and_every_other_form() {
    let creq = fixture("creq.b64");
    let decoded = decode_base64_text(&creq, Subject::ChallengeRequest, "creq").unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&decoded).unwrap(),
        json("creq.decoded.json")
    );
    let url_safe_unpadded = creq
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_");
    for form in [
        creq.clone(),
        creq.trim_end_matches('=').to_owned(),
        url_safe_unpadded,
    ] {
        let c = ChallengeRequest::from_base64(&form).unwrap();
        assert_eq!(
            c.challenge_window_size,
            Some(ChallengeWindowSize::W250xH400)
        );
        assert_eq!(c.acs_trans_id, "d7c1ee99-9478-44a6-b1f2-391e29c6b340");
    }
}

#[test]
fn card_request_json_and_b64() {
    assert_b64_twin("card-request.b64", "card-request.json");
    let value =
        paygate_wasm::protocol::json::parse(&fixture("card-request.json"), Subject::Card).unwrap();
    let input = CardInput::from_value(&value).unwrap();
    let card = CardData {
        security_code: input.security_code.clone(),
        expiry_date: input.expiry_date.clone(),
        cardholder_name: input.cardholder_name.clone(),
        number: input.number.clone(),
        brand: input.brand.clone().unwrap(),
    };
    assert_eq!(card.number, "4111111111111111");
    assert_eq!(card.brand, "VISA");
    assert_eq!(card.expiry_date, "202508");
    assert_eq!(card.cardholder_name, "William Thomas");
    assert_eq!(card.security_code, "569");
    // Valid when the documents were written; expired now.
    let then = YearMonth::new(2025, 1).unwrap();
    assert_eq!(
        input
            .check(&PayTypes::parse("VISA|MasterCard"), then)
            .unwrap(),
        card
    );
    assert_eq!(
        input.check(&PayTypes::default(), NOV_2026).unwrap_err(),
        vec![CardProblem::Expired]
    );
    assert_eq!(
        input
            .check(&PayTypes::parse("MasterCard"), then)
            .unwrap_err(),
        vec![CardProblem::BrandNotAccepted]
    );
    // What the browser sends serialises back to the documents' keys.
    let back = serde_json::Value::from(&card.to_value());
    assert_eq!(back, json("card-request.json"));
}

#[test]
fn billing_address_json_and_b64() {
    assert_b64_twin("billing-address.b64", "billing-address.json");
    let v = json("billing-address.json");
    assert_eq!(v["city"], "New York");
    assert_eq!(v["country"]["countryA3"], "USA");
    assert_eq!(v["addressLine1"]["streetNumber"], "270");
}

#[test]
fn threeds_policy_json_and_b64_keep_the_trailing_space_key() {
    // The documents print the key as "challengePreference " (trailing space). This library does
    // not build threeDSPolicy (the merchant backend does); the payment object is passed through
    // unchanged, so both spellings reach the backend as the merchant wrote them.
    assert_b64_twin("threeds-policy.b64", "threeds-policy.json");
    let v = json("threeds-policy.json");
    assert_eq!(v["challengePreference "], "mandateChallenge");
}

#[test]
fn credential_on_file_examples() {
    for (b64, json_name, initial) in [
        (
            "credential-on-file.recurring-initial.b64",
            "credential-on-file.recurring-initial.json",
            true,
        ),
        (
            "credential-on-file.recurring-subsequent.b64",
            "credential-on-file.recurring-subsequent.json",
            false,
        ),
        (
            "credential-on-file.cit-initial.b64",
            "credential-on-file.cit-initial.json",
            true,
        ),
        (
            "credential-on-file.mit-subsequent.b64",
            "credential-on-file.mit-subsequent.json",
            false,
        ),
    ] {
        assert_b64_twin(b64, json_name);
        let cof = CredentialOnFile::from_json(&fixture(json_name)).unwrap();
        assert_eq!(cof.initial_payment, initial, "{json_name}");
    }
    let recurring =
        CredentialOnFile::from_json(&fixture("credential-on-file.recurring-initial.json")).unwrap();
    match recurring.kind {
        CredentialOnFileType::Recurring(r) => {
            assert_eq!(r.recurring_frequency, 30);
            assert_eq!(r.recurring_start_date, "2021-09-14");
            assert_eq!(r.recurring_expiry_date, "2022-09-14");
        }
        other => panic!("{other:?}"),
    }
    let cit = CredentialOnFile::from_json(&fixture("credential-on-file.cit-initial.json")).unwrap();
    assert_eq!(cit.kind, CredentialOnFileType::Unscheduled(Initiator::Cit));
    let mit =
        CredentialOnFile::from_json(&fixture("credential-on-file.mit-subsequent.json")).unwrap();
    assert_eq!(mit.kind, CredentialOnFileType::Unscheduled(Initiator::Mit));
    assert_eq!(
        check_prefill_payment(true, true),
        Err(Error::CredentialOnFileWithPrefill)
    );
    assert_eq!(check_prefill_payment(true, false), Ok(()));
    assert_eq!(check_prefill_payment(false, true), Ok(()));
}

#[test]
fn cds_getdetails_response_kv_and_its_customer_infos() {
    let kv = KeyValues::parse(&fixture("cds-getdetails-response.kv"));
    assert_eq!(kv.get("status"), Some("OK"));
    assert_eq!(kv.get("CODE"), Some("00000000"));
    assert_eq!(kv.get("CustomerId"), Some("123123"));
    // The encoded CustomerInfos is the decoded fixture, not the printed one.
    let infos = decode_base64_text(
        kv.get("CustomerInfos").unwrap(),
        Subject::Vault,
        "CustomerInfos",
    )
    .unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&infos).unwrap(),
        json("cds-customer-infos.decoded.json")
    );
    // The whole key=value answer is accepted as vault data.
    let cards = saved_cards_from_text(&fixture("cds-getdetails-response.kv"), NOV_2026).unwrap();
    assert_eq!(cards.len(), 1);
    let c = &cards[0];
    assert_eq!(c.id, "9de5132163cf4c838ffd7695e2d6b542");
    assert_eq!(c.brand, Some(Brand::Visa));
    assert_eq!(c.last_digits, "1111");
    assert_eq!(c.expiry.yyyymm(), "202401");
    assert_eq!(c.holder.as_deref(), Some("as dasd"));
    assert_eq!(c.pseudo_card_number.as_deref(), Some("0605262127687111"));
    assert!(c.active && c.expired && !c.selectable());
    assert_eq!(c.source, VaultSource::CustomerDataStorage);
    assert_eq!(c.last_used.as_deref(), Some("2023-12-21T12:10:58.087"));
}

#[test]
fn cds_customer_infos_decoded_and_doc_example() {
    let decoded =
        saved_cards_from_text(&fixture("cds-customer-infos.decoded.json"), NOV_2026).unwrap();
    assert_eq!(decoded[0].holder.as_deref(), Some("as dasd"));
    assert!(decoded[0].expired);
    let printed =
        saved_cards_from_text(&fixture("cds-customer-infos.doc-example.json"), NOV_2026).unwrap();
    assert_eq!(printed.len(), 1);
    assert_eq!(printed[0].holder.as_deref(), Some("John Doe"));
    assert_eq!(printed[0].expiry.yyyymm(), "202701");
    assert!(printed[0].selectable());
    assert_eq!(
        default_card(&printed).map(|c| c.id.as_str()),
        Some("9de5132163cf4c838ffd7695e2d6b542")
    );
    // base64 of the JSON, as CustomerInfos travels, is accepted too.
    let b64 = base64_std(&fixture("cds-customer-infos.doc-example.json"));
    assert_eq!(saved_cards_from_text(&b64, NOV_2026).unwrap(), printed);
}

#[test]
fn cds_delete_response_kv() {
    let kv = KeyValues::parse(&fixture("cds-delete-response.kv"));
    assert_eq!(kv.get("Description"), Some("Deleted"));
    assert_eq!(kv.get("code"), Some("00000000"));
    assert_eq!(kv.get("Type"), Some("CreditCard"));
    assert_eq!(kv.len(), 5);
}

#[test]
fn vault_webhook_create_doc_example_is_refused_for_its_trailing_comma() {
    let err = vault_event_from_json(&fixture("vault-webhook-create.doc-example.json"), NOV_2026)
        .unwrap_err();
    match &err {
        Error::Malformed {
            subject: Subject::Vault,
            problem: Problem::Json(why),
        } => {
            assert!(why.contains("trailing comma"), "{why}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(err.code(), "invalid_vault_data");
    // Without the comma it parses; it spells the holder `name` where the table says
    // `cardHolderName`: both are accepted.
    let fixed =
        fixture("vault-webhook-create.doc-example.json").replace("087\",\n  }", "087\"\n  }");
    let VaultEvent::Created(card) = vault_event_from_json(&fixed, NOV_2026).unwrap() else {
        panic!()
    };
    assert_eq!(card.holder.as_deref(), Some("Max Mustermann"));
    assert_eq!(card.brand, Some(Brand::Visa));
    assert_eq!(card.brand_label, "VISA");
    assert_eq!(card.last_digits, "4242");
    assert_eq!(card.pseudo_card_number.as_deref(), Some("0132332232424242"));
    assert!(card.expired, "202506 is before 2026-11");
    let table_spelling = fixed.replace("\"name\"", "\"cardHolderName\"");
    let VaultEvent::Created(same) = vault_event_from_json(&table_spelling, NOV_2026).unwrap()
    else {
        panic!()
    };
    assert_eq!(same, card);
}

#[test]
fn vault_webhook_delete_json() {
    assert_eq!(
        vault_event_from_json(&fixture("vault-webhook-delete.json"), NOV_2026).unwrap(),
        VaultEvent::Deleted {
            id: "pm_5555bla99fe4tg3".into()
        }
    );
}

#[test]
fn vault_payment_request_customer_info_json() {
    let v = json("vault-payment-request-customer-info.json");
    assert_eq!(
        v["customerInfo"]["merchantCustomerId"],
        "cus_1234567890abcdef"
    );
    assert_eq!(v["customerInfo"]["phone"]["countryCode"], "+49");
}

#[test]
fn prefill_card_response_json_is_a_preselectable_stored_card() {
    let cards = saved_cards_from_text(
        &fixture("prefill-card-response.json"),
        YearMonth::new(2025, 1).unwrap(),
    )
    .unwrap();
    let c = &cards[0];
    assert_eq!(c.source, VaultSource::Prefill);
    assert_eq!(c.pseudo_card_number.as_deref(), Some("0949128693311459"));
    assert_eq!(
        c.last_digits, "459",
        "a pseudo card number keeps only the PAN's last three digits"
    );
    assert_eq!(c.brand, Some(Brand::MasterCard));
    assert_eq!(c.holder.as_deref(), Some("Jane Doe"));
    assert!(c.selectable());
    // Paying with it: the pseudo number passes as a card number with its brand.
    let input = CardInput {
        number: "0949128693311459".into(),
        expiry_date: "202502".into(),
        security_code: "123".into(),
        cardholder_name: "Jane Doe".into(),
        brand: Some("MasterCard".into()),
    };
    let card = input
        .check(&PayTypes::default(), YearMonth::new(2025, 1).unwrap())
        .unwrap();
    assert_eq!(card.number, "0949128693311459");
}

#[test]
fn prefill_notify_response_kv_txt() {
    // Shortened in the documents with `[...]`, one pair a line with a leading `&`.
    let kv = KeyValues::parse(&fixture("prefill-notify-response.kv.txt"));
    assert_eq!(kv.get("mid"), Some("mymid"));
    assert_eq!(kv.get("Status"), Some("AUTHORIZED"));
    assert_eq!(kv.get("prefill"), Some("on"));
    assert_eq!(kv.get("schemeReferenceID"), Some("5834d7bc4"));
    assert_eq!(kv.get("card"), Some("eyJjYXJkaG9sZGVyTmFtZSI6InR0[...]"));
    // The elided card value is not usable vault data: a typed error, not a panic.
    let err = saved_cards_from_text(kv.get("card").unwrap(), NOV_2026).unwrap_err();
    assert_eq!(err.code(), "invalid_vault_data");
}

#[test]
fn easycredit_fixtures_are_outside_the_card_flow_but_readable() {
    let financing = json("easycredit-financing.json");
    assert_eq!(financing["decision"]["decisionOutcome"], "POSITIVE");
    let kv = KeyValues::parse(&fixture("easycredit-init-request.kv.txt"));
    assert_eq!(kv.get("EventToken"), Some("INT"));
    assert_eq!(kv.get("version"), Some("v3"));
    assert_eq!(kv.get("bdStreet"), Some("Schwarzenbergstraße"));
    // A base64 value ending in `=`-free text, split on the first `=` only.
    assert!(kv.get("ArticleList").unwrap().starts_with("ew0KCSJzaG9w"));
}
