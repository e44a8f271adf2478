//! The protocol core on its own: window sizes, URL policy, browser info, cards, payment
//! responses, hostile input, and property tests (base64 round trips, Luhn, size fitting, no panic).
#![cfg(not(target_arch = "wasm32"))]

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use proptest::prelude::*;

use paygate_wasm::protocol::browser_info::{
    normalise_color_depth, normalise_language, normalise_timezone, normalise_user_agent,
    BrowserInfo, BrowserReading,
};
use paygate_wasm::protocol::card::{luhn_valid, Brand, CardInput, PayTypes, YearMonth};
use paygate_wasm::protocol::challenge::{BrowserChallengeResponse, ChallengeRequest};
use paygate_wasm::protocol::codec::decode_base64;
use paygate_wasm::protocol::kv::KeyValues;
use paygate_wasm::protocol::legacy::ThreeDsLegacy;
use paygate_wasm::protocol::message::PaygateMessage;
use paygate_wasm::protocol::payment_response::{BrowserPaymentResponse, Len};
use paygate_wasm::protocol::url_policy::SafeUrl;
use paygate_wasm::protocol::vault::{default_card, saved_cards_from_text, vault_event_from_json};
use paygate_wasm::protocol::versioning::VersioningData;
use paygate_wasm::protocol::window_size::{ChallengeWindowSize as W, WindowSizePreference};
use paygate_wasm::protocol::{CardProblem, Error, Problem, Subject, UrlRefusal};

const NOV_2026: YearMonth = YearMonth {
    year: 2026,
    month: 11,
};

// ---- challenge window size ----------------------------------------------------------------

#[test]
fn window_size_table() {
    let table = [
        ("01", Some((250, 400))),
        ("02", Some((390, 400))),
        ("03", Some((500, 600))),
        ("04", Some((600, 400))),
        ("05", None),
    ];
    for (code, dims) in table {
        let size = W::from_code(code).unwrap();
        assert_eq!(size.code(), code);
        assert_eq!(size.dimensions(), dims);
        // The documents write "5" where EMV writes "05".
        assert_eq!(W::from_code(code.trim_start_matches('0')).unwrap(), size);
    }
    for bad in ["", "0", "00", "06", "6", "auto", "1.0", "-1", "０１"] {
        assert_eq!(W::from_code(bad), Err(Error::WindowSize), "{bad:?}");
    }
}

#[test]
fn auto_picks_the_largest_that_fits() {
    assert_eq!(
        W::fitting(400.0, 800.0),
        W::W390xH400,
        "a 400 px container yields 02"
    );
    assert_eq!(
        W::fitting(1280.0, 720.0),
        W::W500xH600,
        "03 has the largest area"
    );
    assert_eq!(W::fitting(1280.0, 500.0), W::W600xH400, "03 is too tall");
    assert_eq!(W::fitting(300.0, 800.0), W::W250xH400);
    assert_eq!(
        W::fitting(240.0, 800.0),
        W::FullScreen,
        "nothing fits: use the whole screen"
    );
    assert_eq!(W::fitting(1000.0, 399.0), W::FullScreen);
    assert_eq!(
        WindowSizePreference::parse("auto")
            .unwrap()
            .resolve(|| (400.0, 800.0)),
        W::W390xH400
    );
    assert_eq!(
        WindowSizePreference::parse("AUTO").unwrap(),
        WindowSizePreference::Auto
    );
    assert_eq!(
        WindowSizePreference::parse("4")
            .unwrap()
            .resolve(|| unreachable!("a fixed size measures no space")),
        W::W600xH400
    );
    assert_eq!(WindowSizePreference::parse("07"), Err(Error::WindowSize));
}

// ---- URL policy -------------------------------------------------------------------------------

#[test]
fn url_policy_allows_https_and_loopback_http() {
    for ok in [
        "https://acs.example-issuer.test/challenge",
        "HTTPS://ACS.EXAMPLE.COM:8443/a?b=c#d",
        "http://127.0.0.1:8082/challenge",
        "http://localhost:8081/cbThreeDS.aspx?action=render",
        "http://[::1]:9000/",
        "http://127.255.0.1/",
    ] {
        assert!(SafeUrl::parse(ok, "acsURL").is_ok(), "{ok}");
    }
    assert_eq!(
        SafeUrl::parse("https://Acs.Example.com:443/x", "u")
            .unwrap()
            .origin(),
        "https://acs.example.com"
    );
    assert_eq!(
        SafeUrl::parse("http://127.0.0.1:8081/x", "u")
            .unwrap()
            .origin(),
        "http://127.0.0.1:8081"
    );
}

#[test]
fn url_policy_refuses_everything_else() {
    let cases: &[(&str, UrlRefusal)] = &[
        ("javascript:alert(1)", UrlRefusal::Scheme),
        ("JaVaScRiPt:alert(document.domain)", UrlRefusal::Scheme),
        ("java\tscript:alert(1)", UrlRefusal::Suspicious),
        (" javascript:alert(1)", UrlRefusal::Suspicious),
        ("javascript\n:alert(1)", UrlRefusal::Suspicious),
        (
            "data:text/html,<script>alert(1)</script>",
            UrlRefusal::Scheme,
        ),
        (
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            UrlRefusal::Scheme,
        ),
        ("vbscript:msgbox(1)", UrlRefusal::Scheme),
        ("blob:https://shop.test/uuid", UrlRefusal::Scheme),
        ("file:///etc/passwd", UrlRefusal::Scheme),
        ("ftp://acs.test/", UrlRefusal::Scheme),
        ("http://www.acs.com/script", UrlRefusal::PlainHttp),
        ("http://127.0.0.1.evil.test/", UrlRefusal::PlainHttp),
        ("http://localhost.evil.test/", UrlRefusal::PlainHttp),
        ("http://10.0.0.1/", UrlRefusal::PlainHttp),
        ("https://user:pw@acs.test/", UrlRefusal::Suspicious),
        ("https://127.0.0.1@evil.test/", UrlRefusal::Suspicious),
        ("https:\\\\evil.test", UrlRefusal::Suspicious),
        ("https:evil.test", UrlRefusal::NotAbsolute),
        ("//evil.test/x", UrlRefusal::NotAbsolute),
        ("/relative/path", UrlRefusal::NotAbsolute),
        ("acsURL-to-post-challenge-request", UrlRefusal::NotAbsolute),
        ("https://", UrlRefusal::Host),
        ("https://acs.test:99999999/", UrlRefusal::Host),
        ("https://<script>/", UrlRefusal::Host),
        ("", UrlRefusal::NotAbsolute),
    ];
    for (url, reason) in cases {
        let err = SafeUrl::parse(url, "acsURL").unwrap_err();
        assert_eq!(
            err,
            Error::InsecureUrl {
                field: "acsURL",
                reason: *reason
            },
            "{url:?}"
        );
        assert_eq!(err.code(), "insecure_url");
    }
}

// ---- browser info -----------------------------------------------------------------------------

#[test]
fn colour_depth_maps_onto_the_allowed_values() {
    for (raw, expected) in [
        (0.0, 1),
        (1.0, 1),
        (2.0, 1),
        (4.0, 4),
        (8.0, 8),
        (12.0, 8),
        (15.0, 15),
        (16.0, 16),
        (24.0, 24),
        (30.0, 24),
        (32.0, 32),
        (36.0, 32),
        (48.0, 48),
        (64.0, 48),
        (f64::NAN, 1),
    ] {
        assert_eq!(normalise_color_depth(raw), expected, "{raw}");
    }
}

#[test]
fn time_zone_is_minutes_positive_behind_utc() {
    assert_eq!(
        normalise_timezone(300.0),
        300,
        "New York in winter: UTC-5 is 300"
    );
    assert_eq!(
        normalise_timezone(-60.0),
        -60,
        "Berlin in winter: UTC+1 is -60"
    );
    assert_eq!(normalise_timezone(-345.0), -345, "Kathmandu");
    assert_eq!(normalise_timezone(99999.0), 720);
    assert_eq!(normalise_timezone(f64::INFINITY), 0);
}

#[test]
fn language_and_user_agent_lengths() {
    assert_eq!(normalise_language("de-DE"), "de-DE");
    assert_eq!(normalise_language("zh-Hans-CN"), "zh-Hans");
    assert_eq!(normalise_language("abcdefghijkl"), "abcdefgh");
    assert_eq!(normalise_language("<script>"), "script");
    assert_eq!(normalise_language(""), "en");
    let long = "x".repeat(5000);
    assert_eq!(normalise_user_agent(&long).chars().count(), 2048);
    assert_eq!(normalise_user_agent("Mozilla\n\u{0}/5.0"), "Mozilla/5.0");
}

#[test]
fn browser_info_has_computops_keys() {
    let reading = BrowserReading {
        java_enabled: false,
        language: "de-DE".into(),
        color_depth: 30.0,
        screen_height: 1080.0,
        screen_width: 1920.0,
        timezone_offset: -60.0,
        user_agent: "Mozilla/5.0".into(),
    };
    let info = BrowserInfo::normalise(&reading, W::W390xH400);
    let json = serde_json::Value::from(&info.to_value());
    assert_eq!(
        json,
        serde_json::json!({
            "javaEnabled": false, "javaScriptEnabled": true, "language": "de-DE", "colorDepth": 24,
            "screenHeight": 1080, "screenWidth": 1920, "timeZoneOffset": -60,
            "userAgent": "Mozilla/5.0", "challengeWindowSize": "02"
        })
    );
}

// ---- card data --------------------------------------------------------------------------------

#[test]
fn brands_from_bin_ranges_in_computops_spelling() {
    let cases = [
        ("4111111111111111", Brand::Visa, "VISA"),
        ("5555555555554444", Brand::MasterCard, "MasterCard"),
        ("2223003122003222", Brand::MasterCard, "MasterCard"),
        ("378282246310005", Brand::Amex, "AMEX"),
        ("30569309025904", Brand::Diners, "DINERS"),
        ("3530111333300000", Brand::Jcb, "JCB"),
        ("6011111111111117", Brand::Discover, "Discover"),
        ("6200000000000005", Brand::Cup, "CUP"),
        ("6759649826438453", Brand::Maestro, "Maestro"),
    ];
    for (pan, brand, spelling) in cases {
        assert_eq!(Brand::detect(pan), Some(brand), "{pan}");
        assert_eq!(brand.spelling(), spelling);
        assert!(luhn_valid(pan), "{pan}");
    }
    assert_eq!(Brand::detect("9999"), None);
    assert_eq!(Brand::from_name("visa"), Some(Brand::Visa));
    assert_eq!(Brand::from_name("Mastercard"), Some(Brand::MasterCard));
    assert_eq!(Brand::from_name("American Express"), Some(Brand::Amex));
}

fn input(number: &str, expiry: &str, cvc: &str, holder: &str) -> CardInput {
    CardInput {
        number: number.into(),
        expiry_date: expiry.into(),
        security_code: cvc.into(),
        cardholder_name: holder.into(),
        brand: None,
    }
}

#[test]
fn card_checks_report_every_field() {
    let any = PayTypes::default();
    let ok = input("4111 1111 1111 1111", "203012", "123", "Max Mustermann")
        .check(&any, NOV_2026)
        .unwrap();
    assert_eq!(
        (ok.number.as_str(), ok.brand.as_str()),
        ("4111111111111111", "VISA")
    );
    assert!(
        input("3782 822463 10005", "202611", "1234", "Jane O'Neil-Smith")
            .check(&any, NOV_2026)
            .is_ok()
    );
    assert_eq!(
        input(
            "4111111111111112",
            "202610",
            "12",
            "<script>alert(1)</script>"
        )
        .check(&any, NOV_2026)
        .unwrap_err(),
        vec![
            CardProblem::Luhn,
            CardProblem::Expired,
            CardProblem::SecurityCodeLength,
            CardProblem::HolderCharacters
        ]
    );
    assert_eq!(
        input("378282246310005", "2030-12", "123", "M")
            .check(&any, NOV_2026)
            .unwrap_err(),
        vec![
            CardProblem::ExpiryFormat,
            CardProblem::SecurityCodeLength,
            CardProblem::HolderLength
        ]
    );
    assert_eq!(
        input("4111x", "203012", "123", "Max Muster")
            .check(&any, NOV_2026)
            .unwrap_err(),
        vec![CardProblem::NumberNotDigits]
    );
    assert_eq!(
        input("411111111111", "203012", "123", "Max Muster")
            .check(&any, NOV_2026)
            .unwrap_err(),
        vec![CardProblem::NumberLength]
    );
    assert_eq!(
        input("9111111111111111", "203012", "123", "Max Muster")
            .check(&any, NOV_2026)
            .unwrap_err(),
        vec![CardProblem::UnknownBrand]
    );
    assert_eq!(
        input("4111111111111111", "203012", "123", &"a".repeat(46))
            .check(&any, NOV_2026)
            .unwrap_err(),
        vec![CardProblem::HolderLength]
    );
    assert_eq!(
        input("4111111111111111", "203013", "123", "Max Muster")
            .check(&any, NOV_2026)
            .unwrap_err(),
        vec![CardProblem::ExpiryFormat]
    );
    let amex_refused = input("378282246310005", "203012", "1234", "Max Muster")
        .validate(&PayTypes::parse("VISA|MasterCard"), NOV_2026)
        .unwrap_err();
    assert_eq!(
        amex_refused,
        Error::InvalidCard(CardProblem::BrandNotAccepted)
    );
    assert_eq!(amex_refused.code(), "invalid_card");
    assert_eq!(amex_refused.detail(), "brand_not_accepted");
    assert!(input("Müller", "", "", "Jürgen Müller")
        .check(&any, NOV_2026)
        .is_err());
    assert!(input("4111111111111111", "203012", "123", "Jürgen Müller")
        .check(&any, NOV_2026)
        .is_ok());
}

#[test]
fn pay_types_filter() {
    let p = PayTypes::parse("VISA|MasterCard");
    assert!(p.allows(Brand::Visa) && p.allows(Brand::MasterCard));
    assert!(!p.allows(Brand::Amex));
    assert!(PayTypes::parse("").allows(Brand::Amex));
    assert!(PayTypes::parse("visa|amex").allows(Brand::Amex));
}

// ---- payment response, legacy, messages -------------------------------------------------------

#[test]
fn len_is_accepted_as_number_and_as_string_and_forwarded_unchanged() {
    // The schema says integer; the text says the values are base64.
    let as_number =
        BrowserPaymentResponse::from_json(r#"{"MID":"sandbox_shop","Len":120,"Data":"A1B2C3"}"#)
            .unwrap();
    assert_eq!(as_number.len, Len::Number(120));
    assert_eq!(
        serde_json::Value::from(&as_number.to_value()),
        serde_json::json!({"MID":"sandbox_shop","Len":120,"Data":"A1B2C3"})
    );
    let as_base64 = BrowserPaymentResponse::from_json(
        r#"{"mid":"c2FuZGJveF9zaG9w","len":"MTIw","data":"QTFCMkMz"}"#,
    )
    .unwrap();
    assert_eq!(as_base64.len, Len::Text("MTIw".into()));
    assert_eq!(
        serde_json::Value::from(&as_base64.to_value()),
        serde_json::json!({"MID":"c2FuZGJveF9zaG9w","Len":"MTIw","Data":"QTFCMkMz"})
    );
}

#[test]
fn payment_response_refuses_what_is_not_ciphertext() {
    let cases: &[(&str, Problem)] = &[
        (r#"{"MID":"m","Len":1}"#, Problem::MissingField("Data")),
        (r#"{"MID":"m","Data":"AB"}"#, Problem::MissingField("Len")),
        (r#"{"Len":1,"Data":"AB"}"#, Problem::MissingField("MID")),
        (
            r#"{"MID":"m","Len":1,"Data":"<img src=x onerror=alert(1)>"}"#,
            Problem::Format {
                field: "Data",
                expected: "hex or base64 ciphertext",
            },
        ),
        (
            r#"{"MID":"m","Len":"","Data":"AB"}"#,
            Problem::Format {
                field: "Len",
                expected: "an integer or its base64",
            },
        ),
    ];
    for (text, problem) in cases {
        assert_eq!(
            BrowserPaymentResponse::from_json(text).unwrap_err(),
            Error::Malformed {
                subject: Subject::PaymentResponse,
                problem: problem.clone()
            },
            "{text}"
        );
    }
    let huge = format!(r#"{{"MID":"m","Len":1,"Data":"{}"}}"#, "A".repeat(70_000));
    assert_eq!(
        BrowserPaymentResponse::from_json(&huge)
            .unwrap_err()
            .detail(),
        "too_long"
    );
}

#[test]
fn legacy_data_in_every_spelling() {
    for text in [
        r#"{"acsURL":"https://acs.test/3ds1","paReq":"eJzT","termURL":"https://pg.test/term","md":"abc"}"#,
        r#"{"AcsUrl":"https://acs.test/3ds1","PaReq":"eJzT","TermUrl":"https://pg.test/term","MD":"abc"}"#,
        r#"{"acsUrl":"https://acs.test/3ds1","PAReq":"eJzT","termUrl":"https://pg.test/term","Md":"abc"}"#,
    ] {
        let l = ThreeDsLegacy::from_json(text).unwrap();
        assert_eq!(
            (l.acs_url.as_str(), l.pa_req.as_str(), l.md.as_str()),
            ("https://acs.test/3ds1", "eJzT", "abc")
        );
    }
    let js = ThreeDsLegacy::from_json(
        r#"{"acsURL":"javascript:alert(1)","paReq":"x","termURL":"https://pg.test/t"}"#,
    )
    .unwrap_err();
    assert_eq!(js.code(), "insecure_url");
    let missing =
        ThreeDsLegacy::from_json(r#"{"acsURL":"https://acs.test/","termURL":"https://pg.test/t"}"#)
            .unwrap_err();
    assert_eq!(
        missing,
        Error::Malformed {
            subject: Subject::Legacy,
            problem: Problem::MissingField("PaReq")
        }
    );
}

fn creq_b64(size: Option<&str>) -> String {
    let size = size
        .map(|s| format!(r#","challengeWindowSize":"{s}""#))
        .unwrap_or_default();
    STANDARD.encode(format!(
        r#"{{"threeDSServerTransID":"a","acsTransID":"b","messageType":"CReq"{size}}}"#
    ))
}

fn challenge_text(creq_size: Option<&str>, top_size: Option<serde_json::Value>) -> String {
    let mut v = serde_json::json!({
        "acsChallengeMandated": false,
        "base64EncodedChallengeRequest": creq_b64(creq_size),
        "acsURL": "https://acs.test/c",
    });
    if let Some(size) = top_size {
        v["challengeWindowSize"] = size;
    }
    v.to_string()
}

fn challenge_of(text: &str) -> BrowserChallengeResponse {
    match PaygateMessage::from_text(text) {
        Ok(PaygateMessage::Challenge(c)) => c,
        other => panic!("not a challenge: {other:?}"),
    }
}

#[test]
fn top_level_challenge_window_size_is_read_and_the_creqs_wins() {
    let only_top = challenge_of(&challenge_text(None, Some("04".into())));
    assert_eq!(only_top.challenge_window_size, Some(W::W600xH400));
    assert_eq!(
        only_top.window_size(),
        Some(W::W600xH400),
        "without a CReq size the message's own is used"
    );
    let as_number = challenge_of(&challenge_text(None, Some(2.into())));
    assert_eq!(as_number.window_size(), Some(W::W390xH400));
    let both = challenge_of(&challenge_text(Some("02"), Some("05".into())));
    assert_eq!(both.challenge_window_size, Some(W::FullScreen));
    assert_eq!(
        both.window_size(),
        Some(W::W390xH400),
        "the CReq's size wins: the ACS renders for it"
    );
    let neither = challenge_of(&challenge_text(None, None));
    assert_eq!(neither.window_size(), None);
    let bad =
        PaygateMessage::from_text(&challenge_text(Some("02"), Some("07".into()))).unwrap_err();
    assert_eq!(
        bad,
        Error::Malformed {
            subject: Subject::ChallengeResponse,
            problem: Problem::Format {
                field: "challengeWindowSize",
                expected: "a code 01-05"
            }
        }
    );
}

#[test]
fn base64_messages_are_read_and_other_text_is_ignored() {
    // The unknown key's value makes `+` and `/` in standard base64, `-` and `_` in URL-safe.
    let payment = r#"{"MID":"sandbox_shop","Len":120,"Data":"A1B2C3","note":"???>>>"}"#;
    let (standard, url_safe) = (STANDARD.encode(payment), URL_SAFE_NO_PAD.encode(payment));
    assert!(
        standard.contains('+')
            && standard.contains('/')
            && url_safe.contains('-')
            && url_safe.contains('_')
    );
    for form in [standard, url_safe] {
        let PaygateMessage::Payment(p) = PaygateMessage::from_text(&form).unwrap() else {
            panic!("{form}")
        };
        assert_eq!(
            (p.mid.as_str(), &p.len, p.data.as_str()),
            ("sandbox_shop", &Len::Number(120), "A1B2C3")
        );
    }
    // base64 of something that is not a JSON object, and text that is no base64 at all.
    for other in [
        STANDARD.encode("[1,2]"),
        STANDARD.encode("hello"),
        STANDARD.encode([0xff, 0xfe, 0x7b]),
        "test".into(),
        "a=b&c=d".into(),
        "".into(),
        "====".into(),
    ] {
        assert_eq!(
            PaygateMessage::from_text(&other).unwrap(),
            PaygateMessage::Other,
            "{other:?}"
        );
    }
    // base64 of broken JSON object text is refused as JSON text would be.
    assert_eq!(
        PaygateMessage::from_text(&STANDARD.encode("{\"acsURL\": "))
            .unwrap_err()
            .detail(),
        "json"
    );
    let hostile = STANDARD
        .encode(challenge_text(None, None).replace("https://acs.test/c", "javascript:alert(1)"));
    assert_eq!(
        PaygateMessage::from_text(&hostile).unwrap_err().code(),
        "insecure_url"
    );
}

#[test]
fn messages_are_told_apart_and_hostile_ones_refused() {
    assert_eq!(
        PaygateMessage::from_text("hello").unwrap(),
        PaygateMessage::Other
    );
    assert_eq!(
        PaygateMessage::from_text(r#"{"type":"acs-challenge-size","innerWidth":390}"#).unwrap(),
        PaygateMessage::Other
    );
    assert_eq!(
        PaygateMessage::from_text("[1,2]").unwrap(),
        PaygateMessage::Other
    );
    assert_eq!(
        PaygateMessage::from_text("{not json").unwrap_err().detail(),
        "json"
    );
    let creq = STANDARD.encode(r#"{"threeDSServerTransID":"a","acsTransID":"b","messageType":"CReq","challengeWindowSize":"5"}"#);
    let js_acs =
        format!(r#"{{"base64EncodedChallengeRequest":"{creq}","acsURL":"javascript:alert(1)"}}"#);
    assert_eq!(
        PaygateMessage::from_text(&js_acs).unwrap_err().code(),
        "insecure_url"
    );
    let ok = format!(
        r#"{{"acsChallengeMandated":true,"base64EncodedChallengeRequest":"{creq}","acsURL":"https://acs.test/c"}}"#
    );
    let PaygateMessage::Challenge(c) = PaygateMessage::from_text(&ok).unwrap() else {
        panic!()
    };
    assert!(c.acs_challenge_mandated);
    assert_eq!(
        c.challenge_request.challenge_window_size,
        Some(W::FullScreen),
        "\"5\" is read as 05"
    );
    let not_creq =
        STANDARD.encode(r#"{"threeDSServerTransID":"a","acsTransID":"b","messageType":"CRes"}"#);
    assert_eq!(
        ChallengeRequest::from_base64(&not_creq)
            .unwrap_err()
            .detail(),
        "format"
    );
    let not_json = STANDARD.encode("<html>");
    assert_eq!(
        ChallengeRequest::from_base64(&not_json)
            .unwrap_err()
            .detail(),
        "json"
    );
    assert_eq!(
        ChallengeRequest::from_base64("%%%").unwrap_err().detail(),
        "base64"
    );
    let bad_size = STANDARD.encode(r#"{"threeDSServerTransID":"a","acsTransID":"b","messageType":"CReq","challengeWindowSize":"09"}"#);
    assert_eq!(
        ChallengeRequest::from_base64(&bad_size)
            .unwrap_err()
            .detail(),
        "format"
    );
    assert!(BrowserChallengeResponse::from_json(r#"{"acsURL":"https://acs.test/"}"#).is_err());
}

#[test]
fn versioning_data_refuses_half_versions_and_broken_forms() {
    assert_eq!(
        VersioningData::from_json(r#"{"acsStartProtocolVersion":"2.1.0"}"#).unwrap_err(),
        Error::Malformed {
            subject: Subject::VersioningData,
            problem: Problem::MissingField("acsEndProtocolVersion")
        }
    );
    assert_eq!(
        VersioningData::from_json(r#"{"acsStartProtocolVersion":"2.1.0","acsEndProtocolVersion":"2.2.0","threeDSMethodURL":"https://acs.test/m"}"#).unwrap_err(),
        Error::Malformed { subject: Subject::VersioningData, problem: Problem::MissingField("threeDSMethodDataForm") }
    );
    assert_eq!(
        VersioningData::from_json(r#"{"acsStartProtocolVersion":"2.1.0","acsEndProtocolVersion":"2.2.0","threeDSMethodURL":"https://acs.test/m","threeDSMethodDataForm":"!!"}"#).unwrap_err(),
        Error::Malformed { subject: Subject::MethodData, problem: Problem::Base64("threeDSMethodDataForm") }
    );
    assert_eq!(
        VersioningData::from_json(r#"{"acsStartProtocolVersion":"x","acsEndProtocolVersion":"2"}"#)
            .unwrap_err()
            .detail(),
        "format"
    );
}

#[test]
fn vault_shapes_and_default_card() {
    let rest = r#"{"paymentMethods":[
      {"id":"pm_1","type":"card","last4Digits":"1111","pseudoCardNumber":"0123456789012111","cardHolderName":"Max Mustermann","brand":"visa","expiryDate":"203012","lastUsedAt":"2026-10-01T10:00:00"},
      {"id":"pm_2","type":"card","last4Digits":"4444","name":"Max Mustermann","brand":"Mastercard","expiryDate":202906,"lastUsedAt":"2026-11-01T10:00:00"},
      {"id":"pm_3","type":"card","last4Digits":"0002","brand":"VISA","expiryDate":"202301","lastUsedAt":"2026-11-20T10:00:00"},
      {"id":"pm_4","type":"sepa","last4Digits":"1234","expiryDate":"203001"}
    ]}"#;
    let cards = saved_cards_from_text(rest, NOV_2026).unwrap();
    assert_eq!(cards.len(), 3, "non-card payment methods are skipped");
    assert_eq!(cards[1].expiry.yyyymm(), "202906", "expiryDate as a number");
    assert_eq!(
        cards[1].holder.as_deref(),
        Some("Max Mustermann"),
        "`name` as in the documents' example"
    );
    assert!(cards[2].expired);
    assert_eq!(
        default_card(&cards).unwrap().id,
        "pm_2",
        "most recently used selectable card"
    );
    let bare_list = saved_cards_from_text(
        r#"[{"id":"x","last4Digits":"1111","expiryDate":"203001"}]"#,
        NOV_2026,
    )
    .unwrap();
    assert_eq!(bare_list[0].brand, None);
    for (text, detail) in [
        ("", "missing_field"),
        ("{}", "missing_field"),
        ("[{\"last4Digits\":\"1111\",\"expiryDate\":\"203001\"}]", "missing_field"),
        ("[{\"id\":\"a\",\"last4Digits\":\"11\",\"expiryDate\":\"203001\"}]", "format"),
        ("[{\"id\":\"a\",\"last4Digits\":\"1111\",\"expiryDate\":\"2030\"}]", "format"),
        ("[{\"id\":\"a\",\"last4Digits\":\"1111\",\"expiryDate\":\"203001\",\"pseudoCardNumber\":\"4111111111111111\"}]", "format"),
        ("Status=OK&CustomerInfos=%%%", "base64"),
        ("not base64 at all!", "base64"),
        ("{\"CustomerDataInfos\":[{\"CCNrMasked\":\"4111xx1111\",\"Expiry\":\"202701\",\"Active\":\"maybe\",\"CustomerDataId\":\"x\"}]}", "format"),
    ] {
        let err = saved_cards_from_text(text, NOV_2026).unwrap_err();
        assert_eq!((err.code(), err.detail()), ("invalid_vault_data", detail), "{text}");
    }
    assert_eq!(
        vault_event_from_json(
            "{\"paymentMethod\":{\"action\":\"rename\",\"id\":\"x\"}}",
            NOV_2026
        )
        .unwrap_err()
        .detail(),
        "format"
    );
}

#[test]
fn key_values_split_on_the_first_equals_sign() {
    let kv = KeyValues::parse("Len=12&Data=QUJD==&mid=shop&Empty=&=novalue&junk");
    assert_eq!(kv.get("data"), Some("QUJD=="));
    assert_eq!(kv.get("LEN"), Some("12"));
    assert_eq!(kv.get("empty"), Some(""));
    assert_eq!(kv.get("junk"), None);
    assert_eq!(kv.len(), 4);
}

#[test]
fn payment_response_len_is_bounded_as_a_64_bit_number() {
    let with_len = |len: &str| {
        BrowserPaymentResponse::from_json(&format!(r#"{{"MID":"m","Len":{len},"Data":"AB"}}"#))
    };
    assert_eq!(with_len("65536").unwrap().len, Len::Number(65536));
    let too_long = Error::Malformed {
        subject: Subject::PaymentResponse,
        problem: Problem::TooLong("Len"),
    };
    assert_eq!(with_len("65537").unwrap_err(), too_long);
    // 2^32 + 1: truncated to 32 bits it would be 1 and pass.
    assert_eq!(with_len("4294967297").unwrap_err(), too_long);
    assert_eq!(
        with_len("1.5").unwrap_err(),
        Error::Malformed {
            subject: Subject::PaymentResponse,
            problem: Problem::Format {
                field: "Len",
                expected: "a non-negative integer"
            },
        }
    );
}

#[test]
fn versioning_data_names_the_version_field_that_is_wrong() {
    let bad_end = VersioningData::from_json(
        r#"{"acsStartProtocolVersion":"2.1.0","acsEndProtocolVersion":"2"}"#,
    )
    .unwrap_err();
    assert_eq!(
        bad_end,
        Error::Malformed {
            subject: Subject::VersioningData,
            problem: Problem::Format {
                field: "acsEndProtocolVersion",
                expected: "a version such as 2.1.0"
            },
        }
    );
}

#[test]
fn protocol_errors_keep_their_code_as_paygate_errors() {
    use paygate_wasm::error::{ErrorCode, PaygateError};
    let cases = [
        (
            saved_cards_from_text("{}", NOV_2026).unwrap_err(),
            ErrorCode::InvalidVaultData,
        ),
        (
            SafeUrl::parse("javascript:alert(1)", "u").unwrap_err(),
            ErrorCode::InsecureUrl,
        ),
        (
            ThreeDsLegacy::from_json("{}").unwrap_err(),
            ErrorCode::InvalidPaygateMessage,
        ),
        (
            Error::InvalidCard(CardProblem::Luhn),
            ErrorCode::InvalidCard,
        ),
        (Error::WindowSize, ErrorCode::InvalidOptions),
        (
            Error::CredentialOnFileWithPrefill,
            ErrorCode::InvalidOptions,
        ),
    ];
    for (e, code) in cases {
        assert_eq!(e.error_code(), code, "{e}");
        assert_eq!(e.code(), code.as_str());
        let detail = e.detail();
        let p = PaygateError::from(e);
        assert_eq!((p.code, p.detail.as_str()), (code, detail));
    }
}

// ---- properties -------------------------------------------------------------------------------

fn luhn_check_digit(body: &str) -> char {
    (0..10u8)
        .map(|d| char::from(b'0' + d))
        .find(|d| luhn_valid(&format!("{body}{d}")))
        .unwrap()
}

proptest! {
    #[test]
    fn base64_round_trips_in_all_four_forms(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        for encoded in [STANDARD.encode(&bytes), STANDARD_NO_PAD.encode(&bytes), URL_SAFE.encode(&bytes), URL_SAFE_NO_PAD.encode(&bytes)] {
            if bytes.is_empty() {
                prop_assert_eq!(decode_base64(&encoded), None);
            } else {
                prop_assert_eq!(decode_base64(&encoded), Some(bytes.clone()));
            }
        }
    }

    #[test]
    fn luhn_accepts_the_right_check_digit_and_refuses_every_single_digit_error(body in "[0-9]{11,18}", pos in 0usize..19, delta in 1u8..10) {
        let pan = format!("{body}{}", luhn_check_digit(&body));
        prop_assert!(luhn_valid(&pan));
        let pos = pos % pan.len();
        let mut digits = pan.into_bytes();
        digits[pos] = b'0' + (digits[pos] - b'0' + delta) % 10;
        prop_assert!(!luhn_valid(std::str::from_utf8(&digits).unwrap()));
    }

    #[test]
    fn fitting_never_exceeds_the_space_and_nothing_larger_fits(w in 0.0f64..2000.0, h in 0.0f64..2000.0) {
        let picked = W::fitting(w, h);
        match picked.dimensions() {
            Some((pw, ph)) => {
                prop_assert!(f64::from(pw) <= w && f64::from(ph) <= h);
                for other in W::ALL {
                    if let Some((ow, oh)) = other.dimensions() {
                        if f64::from(ow) <= w && f64::from(oh) <= h {
                            prop_assert!(ow * oh <= pw * ph);
                        }
                    }
                }
            }
            None => prop_assert!(W::ALL.iter().filter_map(|s| s.dimensions()).all(|(a, b)| f64::from(a) > w || f64::from(b) > h)),
        }
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_text(text in ".{0,300}") {
        let _ = PaygateMessage::from_text(&text);
        let _ = VersioningData::from_json(&text);
        let _ = VersioningData::from_base64(&text);
        let _ = ChallengeRequest::from_base64(&text);
        let _ = ThreeDsLegacy::from_json(&text);
        let _ = saved_cards_from_text(&text, NOV_2026);
        let _ = vault_event_from_json(&text, NOV_2026);
        let _ = SafeUrl::parse(&text, "u");
        let _ = W::from_code(&text);
        let _ = KeyValues::parse(&text);
        let _ = input(&text, &text, &text, &text).check(&PayTypes::parse(&text), NOV_2026);
        let _ = normalise_language(&text);
    }

    #[test]
    fn every_message_encoding_reads_alike(mid in "[A-Za-z0-9_]{1,20}", len in 0u32..65536, data in "[A-F0-9]{2,64}", creq_size in proptest::option::of(1u8..6), top_size in proptest::option::of(1u8..6), form in 0usize..4) {
        let payment = serde_json::json!({"MID": mid, "Len": len, "Data": data}).to_string();
        let challenge = challenge_text(creq_size.map(|n| format!("0{n}")).as_deref(), top_size.map(|n| format!("0{n}").into()));
        let engines = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD];
        for text in [payment, challenge] {
            let direct = PaygateMessage::from_text(&text).unwrap();
            prop_assert_ne!(&direct, &PaygateMessage::Other);
            let from_value = PaygateMessage::from_value(&serde_json::from_str::<serde_json::Value>(&text).unwrap().into()).unwrap();
            prop_assert_eq!(&from_value, &direct);
            prop_assert_eq!(PaygateMessage::from_text(&engines[form].encode(&text)).unwrap(), direct.clone());
            if let PaygateMessage::Challenge(c) = direct {
                let expected = creq_size.or(top_size).map(|n| W::ALL[usize::from(n) - 1]);
                prop_assert_eq!(c.window_size(), expected);
            }
        }
    }

    #[test]
    fn text_that_is_neither_json_nor_base64_is_ignored(text in "[a-zA-Z0-9 ]{0,50}[!#$%&*.,;:?\\[\\]][^{]{0,100}") {
        prop_assert_eq!(PaygateMessage::from_text(&text).unwrap(), PaygateMessage::Other);
    }

    #[test]
    fn base64_of_anything_but_a_json_object_is_ignored(value in "(null|true|1|\"x\"|\\[\\]|[a-z ]{0,40})", form in 0usize..4) {
        let engines = [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD];
        prop_assert_eq!(PaygateMessage::from_text(&engines[form].encode(&value)).unwrap(), PaygateMessage::Other);
    }

    #[test]
    fn key_values_find_agrees_with_parse(text in "([A-Za-z]{0,3}[=& \r\n]{0,2}){0,8}", key in "[A-Za-z]{1,3}") {
        let parsed = KeyValues::parse(&text);
        prop_assert_eq!(KeyValues::find(&text, &key), parsed.get(&key));
    }

    #[test]
    fn parsers_never_panic_on_json_shaped_noise(keys in proptest::collection::vec("(acsURL|MID|Len|Data|base64EncodedChallengeRequest|paymentMethods|CustomerDataInfos|number|expiryDate|[a-z]{1,5})", 0..6), values in proptest::collection::vec("(null|true|1|-1|1e400|\"\"|\"x\"|\\[\\]|\\{\\}|\"%%\"|\"MDEyMw==\")", 0..6)) {
        let body: Vec<String> = keys.iter().zip(values.iter()).map(|(k, v)| format!("\"{k}\":{v}")).collect();
        let text = format!("{{{}}}", body.join(","));
        let _ = PaygateMessage::from_text(&text);
        let _ = VersioningData::from_json(&text);
        let _ = saved_cards_from_text(&text, NOV_2026);
        let _ = saved_cards_from_text(&format!("[{text}]"), NOV_2026);
        let _ = BrowserPaymentResponse::from_json(&text);
    }
}

// ---- idempotent payment creation -----------------------------------------------------------

mod idempotency {
    use paygate_wasm::protocol::idempotency::{
        AttemptOutcome as A, IdempotencyKey, RetryPolicy, KEY_LEN,
    };
    use proptest::prelude::*;

    #[test]
    fn keys_fit_req_id_and_differ() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut fill = |bytes: &mut [u8]| {
            for b in bytes.iter_mut() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *b = (state >> 24) as u8;
            }
            true
        };
        let a = IdempotencyKey::generate(&mut fill).unwrap();
        let b = IdempotencyKey::generate(&mut fill).unwrap();
        assert_ne!(a, b);
        for key in [&a, &b] {
            assert_eq!(key.as_str().len(), KEY_LEN);
            assert!(
                key.as_str().bytes().all(|c| c.is_ascii_alphanumeric()),
                "{key:?}"
            );
        }
        assert_eq!(
            IdempotencyKey::generate(|_| false),
            None,
            "no randomness, no key"
        );
    }

    #[test]
    fn bytes_that_would_bias_the_alphabet_are_skipped() {
        // Only bytes ≥ 248 in the first round: none is used, the second round fills the key.
        let mut round = 0;
        let key = IdempotencyKey::generate(|bytes| {
            round += 1;
            bytes.fill(if round == 1 { 250 } else { 61 });
            true
        })
        .unwrap();
        assert_eq!(round, 2);
        assert_eq!(key.as_str(), "z".repeat(32));
    }

    #[test]
    fn only_lost_answers_are_retried_with_backoff_and_a_bound() {
        let policy = RetryPolicy {
            retries: 3,
            attempt_timeout_ms: 15_000,
        };
        for lost in [
            A::NetworkError,
            A::TimedOut,
            A::Status(502),
            A::Status(503),
            A::Status(504),
        ] {
            assert!(RetryPolicy::retryable(lost), "{lost:?}");
        }
        for answer in [
            A::Status(200),
            A::Status(400),
            A::Status(401),
            A::Status(409),
            A::Status(422),
            A::Status(500),
            A::Status(501),
            A::Status(505),
        ] {
            assert!(!RetryPolicy::retryable(answer), "{answer:?}");
            assert_eq!(policy.next_delay_ms(0, answer), None);
        }
        let pauses: Vec<_> = (0..5)
            .map(|attempt| policy.next_delay_ms(attempt, A::Status(503)))
            .collect();
        assert_eq!(pauses, [Some(500), Some(1_000), Some(2_000), None, None]);
        assert_eq!(
            (1..8).map(RetryPolicy::delay_ms).collect::<Vec<_>>(),
            [500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000]
        );
        assert_eq!(policy.worst_case_ms(), 4 * 15_000 + 3_500);
        assert_eq!(RetryPolicy::default(), policy, "the documented defaults");
        assert_eq!(
            RetryPolicy {
                retries: 0,
                attempt_timeout_ms: 1
            }
            .next_delay_ms(0, A::TimedOut),
            None
        );
    }

    proptest! {
        #[test]
        fn retries_stay_within_the_bound(retries in 0u32..=10, attempt in 0u32..64, status in 100u16..600) {
            let policy = RetryPolicy { retries, attempt_timeout_ms: 1_000 };
            for outcome in [A::Status(status), A::NetworkError, A::TimedOut] {
                if let Some(pause) = policy.next_delay_ms(attempt, outcome) {
                    prop_assert!(attempt < retries);
                    prop_assert!((500..=4_000).contains(&pause));
                }
            }
            prop_assert!(RetryPolicy::delay_ms(attempt) <= 4_000);
        }
    }
}

// ---- Content-Security-Policy blocks ----------------------------------------------------------

#[test]
fn csp_blocks_of_frames_and_form_posts_to_the_acs_are_recognised() {
    use paygate_wasm::protocol::csp::{CspBlock, CspDirective};
    let acs = SafeUrl::parse("https://acs.issuer.test/challenge?x=1", "acsURL").unwrap();
    for (directive, expected) in [
        ("frame-src", CspDirective::FrameSrc),
        ("child-src", CspDirective::ChildSrc),
        ("form-action", CspDirective::FormAction),
    ] {
        for blocked in [
            "https://acs.issuer.test/challenge",
            "https://ACS.issuer.test:443",
            "https://acs.issuer.test/other",
        ] {
            let block = CspBlock::read("enforce", directive, blocked).unwrap();
            assert_eq!(block.directive, expected);
            assert_eq!(block.blocked_origin, "https://acs.issuer.test");
            assert!(block.blocks(&acs), "{directive} {blocked}");
        }
        let elsewhere = CspBlock::read("enforce", directive, "https://tracker.test/pixel").unwrap();
        assert!(!elsewhere.blocks(&acs));
    }
    for other in [
        "img-src",
        "script-src",
        "script-src-elem",
        "connect-src",
        "",
    ] {
        assert_eq!(
            CspBlock::read("enforce", other, "https://acs.issuer.test/challenge"),
            None,
            "{other}"
        );
    }
    for not_a_url in ["inline", "eval", "data", "", "javascript:alert(1)"] {
        assert_eq!(
            CspBlock::read("enforce", "frame-src", not_a_url),
            None,
            "{not_a_url}"
        );
    }
    assert_eq!(CspDirective::FormAction.as_str(), "form-action");
    // A report-only policy blocks nothing; browsers without `disposition` enforce.
    assert_eq!(
        CspBlock::read("report", "frame-src", "https://acs.issuer.test/challenge"),
        None
    );
    assert!(CspBlock::read("", "frame-src", "https://acs.issuer.test/challenge").is_some());
}

// ---- vault data, one card at a time ----------------------------------------------------------

#[test]
fn odd_vault_entries_are_left_out_and_reported_the_others_read() {
    use paygate_wasm::protocol::vault::{read_vault_text, SkippedEntry};
    let rest = r#"{"paymentMethods":[
      {"id":{"odd":true},"type":"card","last4Digits":"1111","brand":"VISA","expiryDate":"203012"},
      {"id":"pm_2","type":"card","last4Digits":"4444","brand":"MasterCard","expiryDate":"203006"},
      {"id":"pm_3","type":"card","last4Digits":"0002","brand":7,"expiryDate":"203001"},
      "not an object",
      {"id":"pm_5","type":"sepa","iban":"DE…"},
      {"id":"pm_6","type":"card","last4Digits":"5678","expiryDate":"2031"},
      {"id":"pm_7","type":"card","last4Digits":"1881","brand":"VISA","expiryDate":"202001"}
    ]}"#;
    let vault = read_vault_text(rest, NOV_2026).unwrap();
    let ids: Vec<_> = vault.cards.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        ["pm_2", "pm_7"],
        "readable cards render, the expired one as such"
    );
    assert!(vault.cards[1].expired);
    let skipped: Vec<_> = vault
        .skipped
        .iter()
        .map(|s: &SkippedEntry| (s.index, s.id.as_deref(), s.error.code(), s.error.detail()))
        .collect();
    assert_eq!(
        skipped,
        [
            (0, None, "invalid_vault_data", "format"),
            (2, Some("pm_3"), "invalid_vault_data", "format"),
            (3, None, "invalid_vault_data", "json"),
            (5, Some("pm_6"), "invalid_vault_data", "format"),
        ],
        "the sepa entry is not a card, so it is not skipped but not shown either"
    );
    assert_eq!(
        default_card(&vault.cards).map(|c| c.id.as_str()),
        Some("pm_2")
    );
    assert_eq!(saved_cards_from_text(rest, NOV_2026).unwrap(), vault.cards);

    let cds = r#"{"CustomerDataInfos":[
      {"Type":"CreditCard","CustomerDataId":"c1","CCNrMasked":"411111XXXXXX1111","Expiry":"203001","Brand":"VISA","Active":"maybe"},
      {"Type":"CreditCard","CustomerDataId":"c2","CCNrMasked":"555555XXXXXX4444","Expiry":"203001","Brand":"MasterCard","Active":true}
    ]}"#;
    let vault = read_vault_text(cds, NOV_2026).unwrap();
    assert_eq!(
        vault
            .cards
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>(),
        ["c2"]
    );
    assert_eq!(
        (vault.skipped[0].index, vault.skipped[0].id.as_deref()),
        (0, Some("c1"))
    );

    // Nothing usable: the first entry's error; no entries at all: no cards and no error.
    let none_usable = r#"[{"id":"a","last4Digits":"11","expiryDate":"203001"},{"id":{},"last4Digits":"1111","expiryDate":"203001"}]"#;
    assert_eq!(
        read_vault_text(none_usable, NOV_2026).unwrap_err().detail(),
        "format"
    );
    assert_eq!(
        read_vault_text(r#"{"paymentMethods":[]}"#, NOV_2026).unwrap(),
        Default::default()
    );
    assert_eq!(
        read_vault_text(r#"{"paymentMethods":[{"id":"x","type":"sepa"}]}"#, NOV_2026).unwrap(),
        Default::default()
    );
}

// ---- serde at the boundary: key spellings, priorities, duplicates --------------------------

#[test]
fn keys_are_read_in_every_spelling_and_the_last_duplicate_wins() {
    // Any case of a documented key; of one key given twice (or in two spellings) the last wins,
    // as `JSON.parse` keeps the last duplicate, so the host reads text as the browser does.
    let p = BrowserPaymentResponse::from_json(r#"{"mId":"a","LEN":"MTIw","dAtA":"AB"}"#).unwrap();
    assert_eq!((p.mid.as_str(), &p.len), ("a", &Len::Text("MTIw".into())));
    let p =
        BrowserPaymentResponse::from_json(r#"{"mid":"a","MID":"b","Len":7,"Data":"AB"}"#).unwrap();
    assert_eq!(p.mid, "b");
    let l = ThreeDsLegacy::from_json(
        r#"{"acsURL":"javascript:x","ACSURL":"https://acs.test/a","pareq":"p","TERMURL":"https://pg.test/t"}"#,
    )
    .unwrap();
    assert_eq!(l.acs_url.as_str(), "https://acs.test/a");
    // Keys that are not read may hold anything.
    assert_eq!(
        PaygateMessage::from_text(r#"{"other":[{"deep":{"x":[1,2,{"y":null}]}}],"n":1.5e300}"#)
            .unwrap(),
        PaygateMessage::Other
    );
    // A key present with `null` still makes a message of its kind, and is then missing.
    assert_eq!(
        PaygateMessage::from_text(r#"{"acsURL":null}"#).unwrap_err(),
        Error::Malformed {
            subject: Subject::ChallengeResponse,
            problem: Problem::MissingField("base64EncodedChallengeRequest")
        }
    );
    // A field's type is checked by the reader, with the field's documented name.
    assert_eq!(
        BrowserPaymentResponse::from_json(r#"{"mid":["m"],"Len":1,"Data":"AB"}"#).unwrap_err(),
        Error::Malformed {
            subject: Subject::PaymentResponse,
            problem: Problem::Format {
                field: "MID",
                expected: "a string"
            }
        }
    );
    assert_eq!(
        BrowserPaymentResponse::from_json(r#"{"MID":"m","Len":1.5,"Data":"AB"}"#).unwrap_err(),
        Error::Malformed {
            subject: Subject::PaymentResponse,
            problem: Problem::Format {
                field: "Len",
                expected: "a non-negative integer"
            }
        }
    );
}

#[test]
fn the_first_of_several_names_wins_in_any_order() {
    use paygate_wasm::protocol::vault::read_vault_text;
    // `paymentMethods` before `data`, wherever each stands.
    let vault = read_vault_text(
        r#"{"data":[{"id":"d","last4Digits":"1111","expiryDate":"203001"}],"paymentMethods":[{"id":"p","last4Digits":"1111","expiryDate":"203001"}]}"#,
        NOV_2026,
    )
    .unwrap();
    assert_eq!(vault.cards[0].id, "p");
    // `cardHolderName` before `name`.
    let vault = read_vault_text(
        r#"[{"name":"B Name","id":"x","last4Digits":"1111","expiryDate":"203001","cardHolderName":"A Name"}]"#,
        NOV_2026,
    )
    .unwrap();
    assert_eq!(vault.cards[0].holder.as_deref(), Some("A Name"));
    // Not an object where one is needed.
    for text in ["[1]", "1", "\"\""] {
        assert!(read_vault_text(text, NOV_2026).is_err(), "{text}");
    }
    assert_eq!(
        VersioningData::from_json("[]").unwrap_err(),
        Error::Malformed {
            subject: Subject::VersioningData,
            problem: Problem::Json("expected a JSON object".into())
        }
    );
}
