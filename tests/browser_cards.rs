//! The card components in headless Chromium: every vault shape of the fixtures rendered as a
//! radio group, labels, default choice, disabled cards, keyboard, the card form's grouping,
//! brand detection, inline errors and clearing.
#![cfg(all(target_arch = "wasm32", feature = "cards"))]

use paygate_wasm::dom::cards::card_form::{CardFormOptions, CardFormView};
use paygate_wasm::dom::cards::saved_cards::{SavedCardsOptions, SavedCardsView};
use paygate_wasm::dom::clock::this_month;
use paygate_wasm::dom::js::get_string;
use paygate_wasm::i18n::Texts;
use paygate_wasm::protocol::card::{Brand, PayTypes, YearMonth};
use paygate_wasm::protocol::card_input::{
    format_expiry, group, parse_expiry, radio_target as target,
};
use paygate_wasm::protocol::vault::read_vault_js;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/texts.rs"]
mod texts;
use texts::{de, en};

const CDS_DECODED: &str = include_str!("fixtures/cds-customer-infos.decoded.json");
const CDS_DOC: &str = include_str!("fixtures/cds-customer-infos.doc-example.json");
const CDS_KV: &str = include_str!("fixtures/cds-getdetails-response.kv");
const PREFILL: &str = include_str!("fixtures/prefill-card-response.json");
const REST: &str = r#"{"paymentMethods":[
 {"id":"pm_mc","type":"card","last4Digits":"4444","pseudoCardNumber":"0555555555554444","cardHolderName":"Max Mustermann","brand":"MasterCard","expiryDate":"202906","lastUsedAt":"2026-01-02T10:00:00Z"},
 {"id":"pm_old","type":"card","last4Digits":"1881","cardHolderName":"Max Mustermann","brand":"VISA","expiryDate":"202301","lastUsedAt":"2026-09-01T10:00:00Z"},
 {"id":"pm_visa","type":"card","last4Digits":"1111","pseudoCardNumber":"0411111111111111","cardHolderName":"Max Mustermann","brand":"visa","expiryDate":"203012","lastUsedAt":"2026-06-01T10:00:00Z"},
 {"id":"pm_off","type":"card","last4Digits":"0005","cardHolderName":"Max Mustermann","brand":"AMEX","expiryDate":"203001","active":false}
]}"#;

fn host() -> Element {
    let doc = web_sys::window().unwrap().document().unwrap();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

fn saved(vault: JsValue, texts: Texts) -> (Element, SavedCardsView) {
    let el = host();
    let cards = read_vault_js(vault, this_month())
        .expect("vault data parses")
        .cards;
    let opts = SavedCardsOptions {
        texts,
        backend_url: "/paygate".into(),
        allow_remove: true,
        on_change: None,
    };
    let view = SavedCardsView::new(&el, cards, opts).unwrap();
    (el, view)
}

fn all(el: &Element, selector: &str) -> Vec<Element> {
    let list = el.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into().unwrap())
        .collect()
}

fn radios(el: &Element) -> Vec<Element> {
    all(el, "[role=radio]")
}

fn labels(el: &Element) -> Vec<String> {
    all(el, "[role=radio] .pgw-option-label")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect()
}

fn checked(el: &Element) -> Vec<bool> {
    radios(el)
        .iter()
        .map(|r| r.get_attribute("aria-checked").as_deref() == Some("true"))
        .collect()
}

fn key(el: &Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn active() -> Option<Element> {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
}

fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
fn cds_decoded_expired_card_is_shown_but_not_choosable() {
    let (el, view) = saved(js_sys::JSON::parse(CDS_DECODED).unwrap(), en());
    assert_eq!(
        labels(&el),
        [
            "VISA ending 1111, expires 01/2024, as dasd",
            "Use a new card"
        ]
    );
    let r = radios(&el);
    assert_eq!(r[0].get_attribute("aria-disabled").as_deref(), Some("true"));
    assert!(r[0].get_attribute("tabindex").is_none());
    assert!(r[0].text_content().unwrap().contains("(expired)"));
    assert_eq!(checked(&el), [false, true]);
    assert!(view.selection().unwrap().is_null());
    assert!(el
        .query_selector("[role=radiogroup]")
        .unwrap()
        .unwrap()
        .get_attribute("aria-labelledby")
        .is_some());
    assert_eq!(all(&el, ".pgw-brand.pgw-brand-visa").len(), 1);
}

#[wasm_bindgen_test]
fn cds_doc_example_and_getdetails_string() {
    let (el, _v) = saved(js_sys::JSON::parse(CDS_DOC).unwrap(), en());
    assert_eq!(
        labels(&el)[0],
        "VISA ending 1111, expires 01/2027, John Doe"
    );
    assert_eq!(checked(&el), [true, false]);
    let (el, _v) = saved(JsValue::from_str(CDS_KV), de());
    assert_eq!(
        labels(&el),
        [
            "VISA mit Endziffern 1111, gültig bis 01/2024, as dasd",
            "Neue Karte verwenden"
        ]
    );
    assert!(el.text_content().unwrap().contains("(abgelaufen)"));
}

#[wasm_bindgen_test]
fn prefill_card_uses_last_three_digits_and_reports_prefill() {
    let (el, _v) = saved(js_sys::JSON::parse(PREFILL).unwrap(), en());
    assert_eq!(
        labels(&el)[0],
        "MasterCard ending 459, expires 02/2025, Jane Doe"
    );
    let future = PREFILL.replace("202502", "203002");
    let (el, view) = saved(js_sys::JSON::parse(&future).unwrap(), en());
    assert_eq!(checked(&el), [true, false]);
    let cvc: HtmlInputElement = el
        .query_selector("input[autocomplete=cc-csc]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(cvc.value(), "");
    assert_eq!(cvc.get_attribute("inputmode").as_deref(), Some("numeric"));
    assert_eq!(cvc.get_attribute("maxlength").as_deref(), Some("3"));
    let err = view.selection().unwrap_err();
    assert_eq!(err.code.as_str(), "invalid_card");
    assert_eq!(cvc.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(!el
        .query_selector(".pgw-field-cvc .pgw-error")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .is_empty());
    type_into(&cvc, "123");
    let sel = view.selection().unwrap();
    assert_eq!(get_string(&sel, "source").as_deref(), Some("prefill"));
    assert_eq!(
        get_string(&sel, "pseudoCardNumber").as_deref(),
        Some("0949128693311459")
    );
    assert_eq!(get_string(&sel, "id").as_deref(), Some("0949128693311459"));
    assert_eq!(get_string(&sel, "securityCode").as_deref(), Some("123"));
    assert_eq!(get_string(&sel, "expiryDate").as_deref(), Some("203002"));
    assert_eq!(get_string(&sel, "brand").as_deref(), Some("MasterCard"));
    view.clear_sensitive();
    assert_eq!(cvc.value(), "");
}

#[wasm_bindgen_test]
fn rest_list_default_disabled_and_arrow_keys() {
    let (el, view) = saved(js_sys::JSON::parse(REST).unwrap(), en());
    assert_eq!(
        labels(&el),
        [
            "MasterCard ending 4444, expires 06/2029, Max Mustermann",
            "VISA ending 1881, expires 01/2023, Max Mustermann",
            "VISA ending 1111, expires 12/2030, Max Mustermann",
            "AMEX ending 0005, expires 01/2030, Max Mustermann",
            "Use a new card",
        ]
    );
    // The most recently used *selectable* card, not the expired one used later.
    assert_eq!(checked(&el), [false, false, true, false, false]);
    let r = radios(&el);
    assert_eq!(r[1].get_attribute("aria-disabled").as_deref(), Some("true"));
    assert_eq!(r[3].get_attribute("aria-disabled").as_deref(), Some("true"));
    assert!(r[3].text_content().unwrap().contains("(inactive)"));
    let tab: Vec<_> = r.iter().map(|x| x.get_attribute("tabindex")).collect();
    assert_eq!(
        tab,
        [
            Some("-1".into()),
            None,
            Some("0".into()),
            None,
            Some("-1".into())
        ]
    );

    r[2].dyn_ref::<HtmlElement>().unwrap().focus().unwrap();
    key(&r[2], "ArrowDown");
    assert_eq!(
        checked(&el),
        [false, false, false, false, true],
        "skips the inactive AMEX"
    );
    assert_eq!(active().as_ref(), Some(&r[4]));
    key(&r[4], "ArrowRight");
    assert_eq!(checked(&el), [true, false, false, false, false], "wraps");
    key(&r[0], "ArrowDown");
    assert_eq!(
        checked(&el),
        [false, false, true, false, false],
        "skips the expired VISA"
    );
    key(&r[2], "ArrowUp");
    assert_eq!(checked(&el), [true, false, false, false, false]);
    key(&r[0], "End");
    assert_eq!(checked(&el), [false, false, false, false, true]);
    assert!(view.selection().unwrap().is_null());
    key(&r[4], "Home");
    assert_eq!(checked(&el), [true, false, false, false, false]);
    assert_eq!(r[0].get_attribute("tabindex").as_deref(), Some("0"));
    // Disabled cards are not choosable by click either.
    r[1].dyn_ref::<HtmlElement>().unwrap().click();
    assert_eq!(checked(&el), [true, false, false, false, false]);
    let cvc: HtmlInputElement = el
        .query_selector("input[autocomplete=cc-csc]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    type_into(&cvc, "1a2b3");
    assert_eq!(cvc.value(), "123");
    let sel = view.selection().unwrap();
    assert_eq!(get_string(&sel, "id").as_deref(), Some("pm_mc"));
    assert_eq!(get_string(&sel, "source").as_deref(), Some("vault"));
    // Remove buttons and an in-page confirmation.
    let removes = all(&el, "button.pgw-remove");
    assert_eq!(removes.len(), 4);
    assert_eq!(
        removes[0].text_content().unwrap(),
        "Remove MasterCard ending 4444"
    );
    removes[0].dyn_ref::<HtmlElement>().unwrap().click();
    let confirm = el.query_selector(".pgw-confirm").unwrap().unwrap();
    assert!(!confirm.has_attribute("hidden"));
    assert!(confirm
        .text_content()
        .unwrap()
        .contains("Remove this card? MasterCard ending 4444"));
    key(&confirm, "Escape");
    assert!(confirm.has_attribute("hidden"));
    assert_eq!(active().as_ref(), Some(&removes[0]));
}

#[wasm_bindgen_test]
fn keyboard_model() {
    let en = [true, false, true, true];
    assert_eq!(target("ArrowDown", &en, Some(0)), Some(2));
    assert_eq!(target("ArrowUp", &en, Some(0)), Some(3));
    assert_eq!(target("ArrowLeft", &en, Some(2)), Some(0));
    assert_eq!(target("Home", &en, Some(3)), Some(0));
    assert_eq!(target("End", &en, Some(0)), Some(3));
    assert_eq!(target("a", &en, Some(0)), None);
}

#[wasm_bindgen_test]
fn pan_grouping_and_expiry_formats() {
    assert_eq!(
        group("4111111111111111", Some(Brand::Visa)),
        "4111 1111 1111 1111"
    );
    assert_eq!(
        group("378282246310005", Some(Brand::Amex)),
        "3782 822463 10005"
    );
    assert_eq!(group("41111", None), "4111 1");
    assert_eq!(format_expiry("1227"), "12/27");
    assert_eq!(format_expiry("1/"), "01/");
    assert_eq!(parse_expiry("12/27"), YearMonth::new(2027, 12));
    assert_eq!(parse_expiry("12/2031"), YearMonth::new(2031, 12));
    assert_eq!(parse_expiry("13/27"), None);
}

fn form(pay_types: &str, texts: Texts) -> (Element, CardFormView) {
    let el = host();
    let opts = CardFormOptions {
        texts,
        pay_types: PayTypes::parse(pay_types),
        offer_save: true,
    };
    let view = CardFormView::new(&el, opts).unwrap();
    (el, view)
}

fn input(el: &Element, autocomplete: &str) -> HtmlInputElement {
    el.query_selector(&format!("input[autocomplete={autocomplete}]"))
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
fn card_form_groups_detects_and_validates() {
    let (el, view) = form("VISA|MasterCard|AMEX", en());
    let number = input(&el, "cc-number");
    type_into(&number, "4111111111111111");
    assert_eq!(number.value(), "4111 1111 1111 1111");
    let badge = el.query_selector(".pgw-brand").unwrap().unwrap();
    assert_eq!(badge.class_name(), "pgw-brand pgw-brand-visa");
    assert!(!badge.has_attribute("hidden"));
    assert_eq!(
        el.query_selector("[role=status]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Card type: VISA"
    );
    type_into(&number, "378282246310005");
    assert_eq!(number.value(), "3782 822463 10005");
    assert_eq!(badge.class_name(), "pgw-brand pgw-brand-amex");
    assert_eq!(
        input(&el, "cc-csc").get_attribute("maxlength").as_deref(),
        Some("4")
    );
    // Every problem shown inline at once.
    let err = view.card_data().unwrap_err();
    assert_eq!(err.code.as_str(), "invalid_card");
    for ac in ["cc-exp", "cc-csc", "cc-name"] {
        let i = input(&el, ac);
        assert_eq!(
            i.get_attribute("aria-invalid").as_deref(),
            Some("true"),
            "{ac}"
        );
        let described = i.get_attribute("aria-describedby").unwrap();
        let msg = el
            .query_selector(&format!("[id='{}']", described.rsplit(' ').next().unwrap()))
            .unwrap()
            .unwrap();
        assert!(!msg.text_content().unwrap().is_empty());
    }
    assert!(number.get_attribute("aria-invalid").is_none());
    assert_eq!(active().as_ref(), Some(input(&el, "cc-exp").as_ref()));
    type_into(&input(&el, "cc-exp"), "12/30");
    type_into(&input(&el, "cc-csc"), "1234");
    type_into(&input(&el, "cc-name"), "Max Mustermann");
    let card = view.card_data().unwrap();
    assert_eq!(
        get_string(&card, "number").as_deref(),
        Some("378282246310005")
    );
    assert_eq!(get_string(&card, "expiryDate").as_deref(), Some("203012"));
    assert_eq!(get_string(&card, "securityCode").as_deref(), Some("1234"));
    assert_eq!(
        get_string(&card, "cardholderName").as_deref(),
        Some("Max Mustermann")
    );
    assert_eq!(get_string(&card, "brand").as_deref(), Some("AMEX"));
    assert!(!view.save_card());
    el.query_selector("input[type=checkbox]")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    assert!(view.save_card());
    view.clear_sensitive();
    assert_eq!(number.value(), "");
    assert_eq!(input(&el, "cc-csc").value(), "");
    assert!(badge.has_attribute("hidden"));
    assert_eq!(input(&el, "cc-name").value(), "Max Mustermann");
}

#[wasm_bindgen_test]
fn card_form_refuses_brand_luhn_and_holder_in_german() {
    let (el, view) = form("VISA|MasterCard", de());
    let number = input(&el, "cc-number");
    type_into(&number, "3782");
    let msg = el
        .query_selector(".pgw-field-number .pgw-error")
        .unwrap()
        .unwrap();
    assert_eq!(
        msg.text_content().unwrap(),
        "Dieser Kartentyp wird hier nicht akzeptiert."
    );
    assert_eq!(
        number.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    type_into(&number, "4111111111111111");
    assert!(
        number.get_attribute("aria-invalid").is_none(),
        "fixed: the error goes away as typed"
    );
    type_into(&number, "4111111111111112");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    number
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("focusout", &init).unwrap())
        .unwrap();
    assert!(msg.text_content().unwrap().contains("ungültig"));
    type_into(&input(&el, "cc-name"), "<script>");
    let err = view.card_data().unwrap_err();
    assert_eq!(err.detail, "luhn");
    assert!(el
        .query_selector(".pgw-field-holder .pgw-error")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("Buchstaben"));
    assert_eq!(
        el.query_selector("label")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Kartennummer"
    );
}

#[wasm_bindgen_test]
fn odd_vault_entries_are_left_out_the_others_render_and_the_skipped_are_reported() {
    use paygate_wasm::dom::cards::saved_cards::skipped_entries;
    use paygate_wasm::dom::js::get;
    let vault = js_sys::JSON::parse(r#"{"paymentMethods":[
     {"id":"pm_mc","type":"card","last4Digits":"4444","brand":"MasterCard","expiryDate":"203006"},
     {"id":["odd"],"type":"card","last4Digits":"1111","brand":"VISA","expiryDate":"203012"},
     {"id":"pm_brand","type":"card","last4Digits":"0005","brand":{"name":"AMEX"},"expiryDate":"203001"}
    ]}"#)
    .unwrap();
    let read = read_vault_js(vault, this_month()).expect("one readable card is enough");
    assert_eq!(read.cards.len(), 1);
    let el = host();
    let opts = SavedCardsOptions {
        texts: en(),
        backend_url: "/paygate".into(),
        allow_remove: false,
        on_change: None,
    };
    let _view = SavedCardsView::new(&el, read.cards, opts).unwrap();
    assert_eq!(
        labels(&el).len(),
        2,
        "the readable card and \"use a new card\""
    );
    assert!(labels(&el)[0].contains("4444"), "{:?}", labels(&el));
    let skipped = skipped_entries(&read.skipped);
    assert_eq!(skipped.length(), 2);
    let first = skipped.get(0);
    assert_eq!(get(&first, "index"), 1);
    assert!(
        get(&first, "id").is_null(),
        "an id that is not text is not reported as one"
    );
    assert_eq!(get(&first, "code"), "invalid_vault_data");
    assert_eq!(get(&first, "detail"), "format");
    let second = skipped.get(1);
    assert_eq!(
        (get(&second, "index"), get(&second, "id")),
        (JsValue::from(2), JsValue::from("pm_brand"))
    );
    assert!(get_string(&second, "message").unwrap().contains("brand"));
    el.remove();
}

#[wasm_bindgen_test]
fn dropping_a_view_without_destroy_removes_its_markup_and_listeners() {
    use paygate_wasm::dom::listener::live_listeners;
    let listening = live_listeners();
    let (el, view) = saved(js_sys::JSON::parse(REST).unwrap(), en());
    assert_eq!(radios(&el).len(), 5);
    assert_eq!(live_listeners(), listening + 3);
    drop(view);
    assert_eq!(
        el.child_element_count(),
        0,
        "free() without destroy() empties the host"
    );
    assert_eq!(live_listeners(), listening);
    let (el, view) = form("VISA", de());
    assert!(el.child_element_count() > 0);
    drop(view);
    assert_eq!(el.child_element_count(), 0);
    assert_eq!(live_listeners(), listening);
    // destroy() twice, then the drop: nothing more happens.
    let (el, mut view) = form("VISA", en());
    view.destroy();
    view.destroy();
    drop(view);
    assert_eq!(el.child_element_count(), 0);
    assert_eq!(live_listeners(), listening);
}
