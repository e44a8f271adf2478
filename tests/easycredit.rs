//! easyCredit v3: the order rules and the `Financing` reader on the documents' examples and on
//! broken variants, and the German and English formats of the confirmation block.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use proptest::prelude::*;

use paygate_wasm::easycredit::format::{date, money, rate};
use paygate_wasm::easycredit::strings::problem;
use paygate_wasm::i18n::Locale;
use paygate_wasm::protocol::easycredit::AddressPart::{self, *};
use paygate_wasm::protocol::easycredit::{
    check_order, check_request, Date, DecisionOutcome, Employment, Field, Financing,
    FinancingError, Money, NotifyUrlRule, Order, OrderProblem, ProblemCode, Rate,
};
use paygate_wasm::protocol::json::Value;
use paygate_wasm::protocol::kv::KeyValues;

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn value(json: &str) -> Value {
    Value::from(serde_json::from_str::<serde_json::Value>(json).expect("test JSON"))
}

fn financing_json() -> serde_json::Value {
    serde_json::from_str(&fixture("easycredit-financing.json")).expect("fixture is JSON")
}

fn read(json: &serde_json::Value) -> Result<Financing, FinancingError> {
    Financing::read(&Value::from(json.clone()))
}

fn approved(json: &serde_json::Value) -> paygate_wasm::protocol::easycredit::Approved {
    match read(json) {
        Ok(Financing::Approved(a)) => a,
        other => panic!("expected approved, got {other:?}"),
    }
}

const EUR: fn(u64) -> Money = |cents| Money { cents };
const PCT: fn(u64) -> Rate = |hundredths| Rate { hundredths };

// ---- Financing ------------------------------------------------------------------------------

#[test]
fn the_documents_financing_is_approved_with_every_figure() {
    let a = approved(&financing_json());
    assert_eq!(a.number_of_installments, 9);
    assert_eq!(a.installment, EUR(30_200));
    assert_eq!(a.last_installment, EUR(29_358));
    assert_eq!(
        a.first_installment_date,
        Date {
            year: 2023,
            month: 3,
            day: 20
        }
    );
    assert_eq!(
        a.last_installment_date,
        Date {
            year: 2023,
            month: 3,
            day: 20
        }
    );
    assert_eq!(a.order_value, Some(EUR(261_479)));
    assert_eq!(a.interest, EUR(23_456));
    assert_eq!(a.total_value, EUR(284_935));
    assert_eq!(a.effective_interest, PCT(899));
    assert_eq!(a.nominal_interest, PCT(864));
    assert_eq!(a.amortization_plan_text.as_deref(), Some("string"));
    assert_eq!(a.url_pre_contractual_information.as_deref(), Some("string"));
}

#[test]
fn the_documents_contradict_themselves_on_the_term_and_the_plan_total() {
    // The example says `transaction.financingTerm: 6` and `decision.numberOfInstallments: 9`,
    // and `installmentPlans[0].totalValuePlan: 0` beside `totalValue: 2849.35`: the decision's
    // own figures win; the others are only fallbacks.
    let json = financing_json();
    assert_eq!(json["transaction"]["financingTerm"], 6);
    assert_eq!(json["decision"]["installmentPlans"][0]["totalValuePlan"], 0);
    let a = approved(&json);
    assert_eq!(a.number_of_installments, 9);
    assert_eq!(a.total_value, EUR(284_935));
}

#[test]
fn every_form_of_financing_reads_the_same() {
    let text = fixture("easycredit-financing.json");
    let expected = read(&financing_json()).unwrap();
    let b64 = STANDARD.encode(text.as_bytes());
    // base64 as sent, the JSON text, base64 wrapped in lines, URL-safe without padding, the
    // key=value answer of easyCreditDirect.aspx (`financing=` in lower case as in the example).
    let wrapped: String = b64
        .as_bytes()
        .chunks(76)
        .map(|c| format!("{}\r\n", String::from_utf8_lossy(c)))
        .collect();
    let url_safe = b64
        .replace('+', "-")
        .replace('/', "_")
        .trim_end_matches('=')
        .to_owned();
    let answer =
        format!("mid=YourMerchantID&PayID=b1ec&financing={b64}&Status=AUTHORIZE_REQUEST&Code=0");
    for form in [b64.clone(), text.clone(), wrapped, url_safe, answer] {
        assert_eq!(
            Financing::read(&Value::String(form.clone())).as_ref(),
            Ok(&expected),
            "{}",
            &form[..20.min(form.len())]
        );
    }
}

#[test]
fn keys_are_case_insensitive_and_unknown_keys_are_ignored() {
    let text = fixture("easycredit-financing.json")
        .replace("\"decisionOutcome\"", "\"DecisionOutcome\"")
        .replace("\"totalValue\"", "\"TOTALVALUE\"")
        .replace(
            "\"decision\": {",
            "\"decision\": { \"somethingNew\": {\"x\": [1, 2]},",
        );
    let a = approved(&serde_json::from_str(&text).unwrap());
    assert_eq!(a.total_value, EUR(284_935));
    assert_eq!(read(&financing_json()).unwrap(), Financing::Approved(a));
}

#[test]
fn amounts_are_exact_decimals() {
    for (json, cents) in [
        ("2849.35", 284_935),
        ("0.1", 10),
        ("0.29", 29),
        ("302", 30_200),
        ("1.005e3", 100_500),
        ("\"2849.35\"", 284_935),
        ("\"2849,35\"", 284_935),
        ("\"7\"", 700),
    ] {
        assert_eq!(Money::read(&value(json)), Some(EUR(cents)), "{json}");
    }
    for json in [
        "-1",
        "2849.355",
        "0.001",
        "\"12.345\"",
        "\"1e3\"",
        "\"\"",
        "null",
        "true",
        "\"-3\"",
        "1e300",
    ] {
        assert_eq!(Money::read(&value(json)), None, "{json}");
    }
}

#[test]
fn a_decision_that_is_not_positive_carries_no_figures() {
    for (outcome, expected) in [
        ("NEGATIVE", DecisionOutcome::Negative),
        ("negative", DecisionOutcome::Negative),
        (
            "UNKNOWN_FUTURE",
            DecisionOutcome::Other("UNKNOWN_FUTURE".into()),
        ),
    ] {
        let mut json = financing_json();
        json["decision"]["decisionOutcome"] = outcome.into();
        assert_eq!(
            read(&json),
            Ok(Financing::NotApproved(expected.clone())),
            "{outcome}"
        );
        // Even with its figures broken: nothing of them is read.
        json["decision"]["totalValue"] = "lots".into();
        assert_eq!(read(&json), Ok(Financing::NotApproved(expected)));
    }
    let mut json = financing_json();
    json["decision"]["decisionOutcome"] = "positive".into();
    assert!(
        matches!(read(&json), Ok(Financing::Approved(_))),
        "case-insensitive"
    );
}

#[test]
fn missing_flat_figures_come_from_the_chosen_plan() {
    let mut json = financing_json();
    let d = json["decision"].as_object_mut().unwrap();
    for k in [
        "installment",
        "lastInstallment",
        "firstInstallmentDate",
        "lastInstallmentDate",
        "effectiveInterest",
        "nominalInterest",
        "interest",
        "totalValue",
    ] {
        d.remove(k);
    }
    let a = approved(&json);
    assert_eq!(
        (a.installment, a.last_installment, a.interest),
        (EUR(30_200), EUR(29_358), EUR(23_456))
    );
    assert_eq!(
        a.total_value,
        EUR(261_479 + 23_456),
        "order value plus interest"
    );
    assert_eq!(
        (a.effective_interest, a.nominal_interest),
        (PCT(899), PCT(864))
    );
    // Without numberOfInstallments anywhere, transaction.financingTerm is the term.
    json["decision"]
        .as_object_mut()
        .unwrap()
        .remove("numberOfInstallments");
    json["decision"]["installmentPlans"][0]["paymentPlan"]
        .as_object_mut()
        .unwrap()
        .remove("numberOfInstallments");
    assert_eq!(approved(&json).number_of_installments, 6);
}

#[test]
fn broken_financing_is_a_typed_error() {
    type Breaking = Box<dyn Fn(&mut serde_json::Value)>;
    let broken: Vec<(Breaking, FinancingError)> = vec![
        (
            Box::new(|j| {
                j.as_object_mut().unwrap().remove("decision");
            }),
            FinancingError::Missing("decision"),
        ),
        (
            Box::new(|j| j["decision"] = "POSITIVE".into()),
            FinancingError::Format("decision"),
        ),
        (
            Box::new(|j| {
                j["decision"]
                    .as_object_mut()
                    .unwrap()
                    .remove("decisionOutcome");
            }),
            FinancingError::Missing("decisionOutcome"),
        ),
        (
            Box::new(|j| j["decision"]["decisionOutcome"] = 1.into()),
            FinancingError::Format("decisionOutcome"),
        ),
        (
            Box::new(|j| j["decision"]["totalValue"] = (-1).into()),
            FinancingError::Format("totalValue"),
        ),
        (
            Box::new(|j| j["decision"]["installment"] = serde_json::json!(302.001)),
            FinancingError::Format("installment"),
        ),
        (
            Box::new(|j| j["decision"]["firstInstallmentDate"] = "2023-02-30".into()),
            FinancingError::Format("firstInstallmentDate"),
        ),
        (
            Box::new(|j| j["decision"]["lastInstallmentDate"] = "20.03.2023".into()),
            FinancingError::Format("lastInstallmentDate"),
        ),
        (
            Box::new(|j| j["decision"]["numberOfInstallments"] = 0.into()),
            FinancingError::Format("numberOfInstallments"),
        ),
        (
            Box::new(|j| j["decision"]["urlPreContractualInformation"] = 5.into()),
            FinancingError::Format("urlPreContractualInformation"),
        ),
        (
            Box::new(|j| {
                j["decision"]["installmentPlans"] = serde_json::json!([]);
                j["decision"]
                    .as_object_mut()
                    .unwrap()
                    .remove("effectiveInterest");
            }),
            FinancingError::Missing("effectiveInterest"),
        ),
    ];
    for (i, (break_it, expected)) in broken.into_iter().enumerate() {
        let mut json = financing_json();
        break_it(&mut json);
        assert_eq!(read(&json), Err(expected), "variant {i}");
    }
    for (text, expected) in [
        ("", FinancingError::Base64),
        ("%%%", FinancingError::Base64),
        ("{\"decision\":", FinancingError::Json),
        ("WzEsMl0=", FinancingError::Json),
        ("/w==", FinancingError::Base64),
    ] {
        assert_eq!(
            Financing::read(&Value::String(text.into())),
            Err(expected),
            "{text:?}"
        );
    }
    assert_eq!(
        Financing::read(&Value::Number(1.0)),
        Err(FinancingError::Json)
    );
    assert_eq!(FinancingError::Missing("x").code(), "missing_field");
}

// ---- the order rules -------------------------------------------------------------------------

fn request() -> String {
    fixture("easycredit-init-request.kv.txt")
}

fn with(kv: &str, key: &str, value: Option<&str>) -> String {
    let mut lines: Vec<String> = kv
        .lines()
        .filter(|l| l.split('=').next() != Some(key))
        .map(str::to_owned)
        .collect();
    if let Some(v) = value {
        lines.push(format!("{key}={v}"));
    }
    lines.join("\n")
}

fn codes(problems: &[OrderProblem]) -> Vec<(String, &'static str)> {
    problems
        .iter()
        .map(|p| (p.field.parameter(), p.code.as_str()))
        .collect()
}

#[test]
fn the_documents_request_passes_every_rule() {
    let kv = KeyValues::parse(&request());
    assert_eq!(check_request(&kv, NotifyUrlRule::HttpsOnly), vec![]);
    let order = Order::from_key_values(&kv);
    assert_eq!(order.billing.name.first_name.filled(), Some("John"));
    assert_eq!(order.employment.filled(), Some("EMPLOYEE"));
}

#[test]
fn each_rule_violation_of_the_request_has_its_field_and_code() {
    type Case<'a> = (&'a str, Option<&'a str>, &'a [(&'a str, &'a str)]);
    let cases: [Case; 20] = [
        ("bdFirstName", None, &[("bdFirstName", "missing")]),
        ("bdLastName", Some("  "), &[("bdLastName", "missing")]),
        ("sdFirstName", None, &[("sdFirstName", "missing")]),
        (
            "sdLastName",
            Some(&"D".repeat(51)),
            &[("sdLastName", "too_long")],
        ),
        (
            "bdFirstName",
            Some("Jane"),
            &[("bdFirstName", "name_mismatch")],
        ),
        (
            "sdLastName",
            Some("Roe"),
            &[("sdLastName", "name_mismatch")],
        ),
        (
            "FirstName",
            Some("Max"),
            &[
                ("bdFirstName", "name_mismatch"),
                ("sdFirstName", "name_mismatch"),
            ],
        ),
        ("sdCity", Some("Berlin"), &[("sdCity", "address_mismatch")]),
        ("sdStreetNr", None, &[("sdStreetNr", "address_mismatch")]),
        (
            "Employment",
            Some("ANGESTELLTER"),
            &[("Employment", "employment_v2")],
        ),
        (
            "Employment",
            Some("employee"),
            &[("Employment", "employment_unknown")],
        ),
        (
            "ArticleList",
            Some("not base64!"),
            &[("ArticleList", "article_list_not_base64")],
        ),
        (
            "ArticleList",
            Some("eyJhIjoxfQ=="),
            &[("ArticleList", "article_list_shape")],
        ),
        (
            "ArticleList",
            Some(&"QUFB".repeat(257)),
            &[("ArticleList", "too_long")],
        ),
        (
            "URLNotify",
            Some("http://your.shop.info/notify.aspx"),
            &[("URLNotify", "url_not_https")],
        ),
        (
            "URLNotify",
            Some("https://your.shop.info:8443/notify.aspx"),
            &[("URLNotify", "url_port")],
        ),
        (
            "URLNotify",
            Some("https://your.shop.info/notify.aspx?order=1"),
            &[("URLNotify", "url_parameters")],
        ),
        ("URLNotify", None, &[("URLNotify", "missing")]),
        ("version", Some("v2"), &[("version", "version")]),
        ("version", None, &[("version", "missing")]),
    ];
    for (key, value, expected) in cases {
        let kv = KeyValues::parse(&with(&request(), key, value));
        let got = codes(&check_request(&kv, NotifyUrlRule::HttpsOnly));
        let expected: Vec<(String, &str)> =
            expected.iter().map(|(f, c)| (f.to_string(), *c)).collect();
        assert_eq!(got, expected, "{key}={value:?}");
    }
}

/// The problems of the key=value request `kv` under the https-only rule, as (field, code).
fn problems(kv: &str) -> Vec<(String, &'static str)> {
    codes(&check_request(
        &KeyValues::parse(kv),
        NotifyUrlRule::HttpsOnly,
    ))
}

#[test]
fn names_and_addresses_compare_without_case_or_runs_of_white_space() {
    let ours = with(&request(), "sdCity", Some("Köln"));
    let ours = with(
        &with(&ours, "bdCity", Some("Köln")),
        "sdStreet",
        Some("Hauptstraße"),
    );
    let ours = with(&ours, "bdStreet", Some("Hauptstraße"));
    assert_eq!(problems(&ours), vec![]);
    for (key, value) in [
        ("sdFirstName", " JOHN "),
        ("sdLastName", "DOE"),
        ("sdCity", "KÖLN"),
        ("sdStreet", "hauptstraße"),
    ] {
        assert_eq!(
            problems(&with(&ours, key, Some(value))),
            vec![],
            "{key}={value}"
        );
    }
    // Greek final sigma: ΟΔΟΣ is οδος and οδοσ.
    let greek = with(&request(), "bdStreet", Some("Οδος Αθηνας"));
    let greek = with(&greek, "sdStreet", Some("ΟΔΟΣ  ΑΘΗΝΑΣ"));
    assert_eq!(problems(&greek), vec![]);
    assert_eq!(
        problems(&with(&greek, "sdStreet", Some("ΟΔΟΣ ΑΘΗΝΩΝ"))),
        vec![("sdStreet".to_string(), "address_mismatch")]
    );
}

#[test]
fn a_packing_station_may_differ_from_the_invoice_address_but_not_in_the_name() {
    let station = with(
        &with(
            &with(&request(), "sdStreet", Some("Packstation 123")),
            "sdStreetNr",
            None,
        ),
        "PackingStation",
        Some("YES"),
    );
    let station = with(&station, "sdZip", Some("96052"));
    assert_eq!(
        check_request(&KeyValues::parse(&station), NotifyUrlRule::HttpsOnly),
        vec![]
    );
    let renamed = with(&station, "sdFirstName", Some("Jane"));
    assert_eq!(
        codes(&check_request(
            &KeyValues::parse(&renamed),
            NotifyUrlRule::HttpsOnly
        )),
        vec![("sdFirstName".to_string(), "name_mismatch")]
    );
    let unsure = with(&station, "PackingStation", Some("MAYBE"));
    let got = codes(&check_request(
        &KeyValues::parse(&unsure),
        NotifyUrlRule::HttpsOnly,
    ));
    assert_eq!(got[0], ("PackingStation".to_string(), "invalid"));
    assert!(got.contains(&("sdStreet".to_string(), "address_mismatch")));
}

#[test]
fn names_and_addresses_compare_without_case_and_extra_spaces() {
    let kv = with(
        &with(&request(), "sdFirstName", Some(" john ")),
        "sdCity",
        Some("BAMBERG"),
    );
    let kv = with(&kv, "sdStreet", Some("Schwarzenbergstraße "));
    assert_eq!(
        check_request(&KeyValues::parse(&kv), NotifyUrlRule::HttpsOnly),
        vec![]
    );
}

#[test]
fn the_sandbox_rule_allows_plain_http_to_loopback_only() {
    let local = with(
        &request(),
        "URLNotify",
        Some("http://127.0.0.1:8080/paygate/easycredit/notify"),
    );
    assert_eq!(
        check_request(&KeyValues::parse(&local), NotifyUrlRule::AllowLoopbackHttp),
        vec![]
    );
    assert_eq!(
        codes(&check_request(
            &KeyValues::parse(&local),
            NotifyUrlRule::HttpsOnly
        )),
        vec![("URLNotify".to_string(), "url_not_https")]
    );
    let remote = with(&request(), "URLNotify", Some("http://shop.example/notify"));
    assert_eq!(
        codes(&check_request(
            &KeyValues::parse(&remote),
            NotifyUrlRule::AllowLoopbackHttp
        )),
        vec![("URLNotify".to_string(), "url_not_https")]
    );
    for (url, code) in [
        ("javascript:alert(1)", "url_not_https"),
        ("/notify", "url_invalid"),
        ("https://", "url_invalid"),
        ("https://a b/", "url_invalid"),
    ] {
        let kv = with(&request(), "URLNotify", Some(url));
        assert_eq!(
            codes(&check_request(
                &KeyValues::parse(&kv),
                NotifyUrlRule::HttpsOnly
            )),
            vec![("URLNotify".to_string(), code)],
            "{url}"
        );
    }
    let explicit = with(
        &request(),
        "URLNotify",
        Some("https://your.shop.info:443/notify.aspx"),
    );
    assert_eq!(
        check_request(&KeyValues::parse(&explicit), NotifyUrlRule::HttpsOnly),
        vec![]
    );
}

fn js_order() -> serde_json::Value {
    serde_json::json!({
        "customer": {"firstName": "John", "lastName": "Doe"},
        "billingAddress": {"firstName": "John", "lastName": "Doe", "street": "Schwarzenbergstraße", "streetNumber": "4", "zip": "96050", "city": "Bamberg", "countryCode": "DE"},
        "shippingAddress": {"firstName": "John", "lastName": "Doe", "street": "Schwarzenbergstraße", "streetNumber": 4, "zip": 96050, "city": "Bamberg", "countryCode": "DE", "packingStation": false},
        "employment": "EMPLOYEE",
        "articleList": request().lines().find_map(|l| l.strip_prefix("ArticleList=")).unwrap().trim(),
        "urlNotify": "https://your.shop.info/notify.aspx",
        "somethingElse": true
    })
}

fn check_js(order: &serde_json::Value) -> Vec<(String, &'static str)> {
    check_order(
        &Order::from_value(&Value::from(order.clone())),
        NotifyUrlRule::HttpsOnly,
    )
    .iter()
    .map(|p| (p.field.path(), p.code.as_str()))
    .collect()
}

#[test]
fn the_javascript_order_reads_numbers_and_booleans_and_reports_by_path() {
    assert_eq!(check_js(&js_order()), vec![]);
    let mut o = js_order();
    o["shippingAddress"]["packingStation"] = true.into();
    o["shippingAddress"]["street"] = "Packstation 123".into();
    assert_eq!(check_js(&o), vec![]);
    let mut o = js_order();
    o["billingAddress"]["firstName"] = serde_json::json!({"x": 1});
    o["shippingAddress"]["countryCode"] = "Deutschland".into();
    o["customer"] = serde_json::Value::Null;
    o["employment"] = "BEAMTER".into();
    assert_eq!(
        check_js(&o),
        vec![
            ("customer.firstName".into(), "missing"),
            ("customer.lastName".into(), "missing"),
            ("billingAddress.firstName".into(), "invalid"),
            ("shippingAddress.countryCode".into(), "invalid"),
            ("shippingAddress.countryCode".into(), "address_mismatch"),
            ("employment".into(), "employment_v2"),
        ]
    );
    assert_eq!(
        check_js(&serde_json::json!({})).len(),
        2 + 2 * 6,
        "every mandatory field of an empty order"
    );
}

#[test]
fn every_v3_employment_is_accepted_and_every_v2_one_is_named() {
    for e in Employment::ALL {
        assert_eq!(Employment::parse(e.as_str()), Some(e));
        let mut o = js_order();
        o["employment"] = e.as_str().into();
        assert_eq!(check_js(&o), vec![]);
    }
    for (v2, v3) in [
        (
            "ANGESTELLTER_OEFFENTLICHER_DIENST",
            Employment::EmployeePublicSector,
        ),
        ("SONSTIGES", Employment::Other),
        ("RENTNER", Employment::Retiree),
    ] {
        assert_eq!(Employment::from_v2(v2), Some(v3));
    }
}

#[test]
fn messages_exist_in_both_languages() {
    let p = |field, code| OrderProblem { field, code };
    assert_eq!(
        problem(
            Locale::De,
            p(Field::Billing(FirstName), ProblemCode::Missing)
        ),
        "Bitte ausfüllen."
    );
    assert_eq!(
        problem(
            Locale::En,
            p(Field::Shipping(LastName), ProblemCode::NameMismatch)
        ),
        "The name must match the customer's name."
    );
    assert_eq!(
        problem(Locale::De, p(Field::ArticleList, ProblemCode::TooLong)),
        "Zu lang: höchstens 1024 Zeichen."
    );
    assert!(
        problem(Locale::En, p(Field::Employment, ProblemCode::EmploymentV2))
            .contains("EMPLOYEE, EMPLOYEE_PUBLIC_SECTOR, WORKER")
    );
    let part: AddressPart = CountryCode;
    assert!(
        problem(Locale::De, p(Field::Shipping(part), ProblemCode::Invalid)).contains("Ländercode")
    );
}

// ---- formats ----------------------------------------------------------------------------------

#[test]
fn formats_follow_the_locale() {
    let nb = '\u{a0}';
    assert_eq!(money(Locale::De, EUR(284_935)), format!("2.849,35{nb}€"));
    assert_eq!(money(Locale::En, EUR(284_935)), "€2,849.35");
    assert_eq!(money(Locale::De, EUR(30_200)), format!("302,00{nb}€"));
    assert_eq!(money(Locale::En, EUR(5)), "€0.05");
    assert_eq!(money(Locale::En, EUR(12_345_678_900)), "€123,456,789.00");
    assert_eq!(rate(Locale::De, PCT(899)), format!("8,99{nb}%"));
    assert_eq!(rate(Locale::En, PCT(899)), "8.99%");
    assert_eq!(rate(Locale::En, PCT(1000)), "10.00%");
    let d = Date {
        year: 2023,
        month: 3,
        day: 20,
    };
    assert_eq!(date(Locale::De, d), "20.03.2023");
    assert_eq!(date(Locale::En, d), "20 March 2023");
    assert_eq!(
        Date::parse("2024-02-29"),
        Some(Date {
            year: 2024,
            month: 2,
            day: 29
        })
    );
    assert_eq!(Date::parse("2023-02-29"), None);
    assert_eq!(Date::parse("2023-03-20T00:00:00Z"), Some(d));
}

proptest! {
    #[test]
    fn any_cent_amount_survives_json_and_formatting(cents in 0u64..10_000_000_000) {
        let json = format!("{}.{:02}", cents / 100, cents % 100);
        prop_assert_eq!(Money::read(&value(&json)), Some(EUR(cents)));
        let en = money(Locale::En, EUR(cents));
        prop_assert_eq!(en.trim_start_matches('€').replace(',', ""), json);
    }

    #[test]
    fn no_order_or_financing_panics(text in ".{0,300}") {
        let _ = check_request(&KeyValues::parse(&text), NotifyUrlRule::HttpsOnly);
        let _ = Financing::read(&Value::String(text.clone()));
        let _ = Financing::from_text(&STANDARD.encode(text.as_bytes()));
    }
}

#[test]
fn a_broken_customer_name_is_reported_once_not_as_a_mismatch_of_every_address() {
    let mut o = js_order();
    o["customer"]["lastName"] = "D".repeat(51).into();
    assert_eq!(
        check_js(&o),
        vec![("customer.lastName".to_string(), "too_long")]
    );
}
