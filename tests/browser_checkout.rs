//! The checkout's DOM pieces in headless Chromium: frame names, method form, challenge frame
//! sizes per code and `auto`, message filtering by origin and source, listener/frame removal.
#![cfg(all(target_arch = "wasm32", feature = "cards"))]

use std::cell::RefCell;
use std::rc::Rc;

use paygate_wasm::api::options::checkout_options;
use paygate_wasm::api::pay_input;
use paygate_wasm::checkout::Checkout;
use paygate_wasm::dom::js::{get_string, set};
use paygate_wasm::dom::threeds::challenge_frame::{ChallengeFrame, FrameTexts};
use paygate_wasm::dom::threeds::listener::{
    live_listeners, live_timers, MessageFilter, MessageListener, Timer,
};
use paygate_wasm::dom::threeds::method_frame::MethodFrame;
use paygate_wasm::dom::threeds::{frame_name, Frames};
use paygate_wasm::protocol::url_policy::SafeUrl;
use paygate_wasm::protocol::versioning::VersioningData;
use paygate_wasm::protocol::window_size::{ChallengeWindowSize, WindowSizePreference};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, HtmlElement, HtmlFormElement, HtmlIFrameElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "support/texts.rs"]
mod texts;

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = web_sys::window().expect("a window");
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("the pause resolves");
}

const TEXTS: FrameTexts<'static> = FrameTexts {
    lang: "en",
    dialog: "Verification with your bank",
    title: "Your bank's page",
    loading: "Loading",
};

fn doc() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

fn iframes() -> u32 {
    doc().query_selector_all("iframe").unwrap().length()
}

fn container(width: Option<u32>) -> HtmlElement {
    let d = doc();
    let el: HtmlElement = d.create_element("div").unwrap().unchecked_into();
    if let Some(w) = width {
        el.set_attribute("style", &format!("width:{w}px")).unwrap();
    }
    d.body().unwrap().append_child(&el).unwrap();
    el
}

fn versioning(method_url: &str) -> VersioningData {
    let form = base64_std(
        r#"{"threeDSServerTransID":"tx-1","threeDSMethodNotificationURL":"http://127.0.0.1:9/cbThreeDS.aspx?action=mthdNtfn"}"#,
    );
    VersioningData::from_json(&format!(
        r#"{{"threeDSServerTransID":"tx-1","acsStartProtocolVersion":"2.1.0","acsEndProtocolVersion":"2.2.0","threeDSMethodURL":"{method_url}","threeDSMethodDataForm":"{form}"}}"#
    ))
    .unwrap()
}

fn base64_std(text: &str) -> String {
    web_sys::window().unwrap().btoa(text).unwrap()
}

fn rect(el: &web_sys::Element) -> (f64, f64) {
    let r = el.get_bounding_client_rect();
    (r.width(), r.height())
}

#[wasm_bindgen_test]
fn frame_names_are_unique() {
    let names: Vec<String> = (0..200).map(|_| frame_name("method")).collect();
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len());
    assert!(names.iter().all(|n| n.starts_with("paygate-method-")));
}

#[wasm_bindgen_test]
fn method_form_posts_three_ds_method_data_into_the_named_hidden_frame() {
    let before = iframes();
    let frames = Frames::default();
    let v = versioning("http://127.0.0.1:9/method");
    let method = v.method.as_ref().unwrap();
    let started = MethodFrame::start(&doc(), method, &frames, "fr", "device check").unwrap();
    let wrapper = started.frame().parent_element().unwrap();
    assert_eq!(wrapper.get_attribute("lang").as_deref(), Some("fr"));
    assert_eq!(started.frame().title(), "device check");
    let form: &HtmlFormElement = started.form();
    assert_eq!(form.method(), "post");
    assert_eq!(form.action(), "http://127.0.0.1:9/method");
    assert_eq!(form.target(), started.frame().name());
    let inputs = form.query_selector_all("input").unwrap();
    assert_eq!(inputs.length(), 1);
    let input: HtmlInputElement = inputs.get(0).unwrap().unchecked_into();
    assert_eq!(input.name(), "threeDSMethodData");
    assert_eq!(input.type_(), "hidden");
    assert_eq!(input.value(), method.data_form);
    assert_eq!(iframes(), before + 1);
    assert_eq!(frames.borrow().len(), 1);
    let (w, h) = rect(started.frame());
    assert!(w <= 1.0 && h <= 1.0, "the method frame is hidden");
    drop(started);
    assert_eq!(iframes(), before);
    assert!(frames.borrow().is_empty());
    assert!(doc()
        .query_selector("form[target^=\"paygate-method\"]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
fn insecure_urls_are_refused_before_any_frame_is_made() {
    let before = iframes();
    let frames = Frames::default();
    for url in [
        "http://www.acs.com/script",
        "javascript:alert(1)",
        "data:text/html,x",
    ] {
        let v = versioning(url);
        let err = MethodFrame::start(&doc(), v.method.as_ref().unwrap(), &frames, "en", "x")
            .err()
            .unwrap();
        assert_eq!(err.code.as_str(), "insecure_url");
    }
    for url in [
        "javascript:alert(1)",
        "data:text/html,<p>x</p>",
        "http://evil.example/acs",
    ] {
        assert!(SafeUrl::parse(url, "acsURL").is_err(), "{url}");
    }
    assert_eq!(iframes(), before);
    assert!(frames.borrow().is_empty());
}

fn open(
    c: &HtmlElement,
    pref: WindowSizePreference,
    creq: Option<ChallengeWindowSize>,
    frames: &Frames,
) -> ChallengeFrame {
    let url = SafeUrl::parse("http://127.0.0.1:9/challenge", "acsURL").unwrap();
    ChallengeFrame::open(
        &doc(),
        c,
        pref,
        creq,
        &url,
        &[("creq", "e30")],
        &TEXTS,
        frames,
    )
    .unwrap()
}

#[wasm_bindgen_test]
fn challenge_frame_has_the_size_of_its_code() {
    let frames = Frames::default();
    let c = container(None);
    for size in ChallengeWindowSize::ALL {
        let opened = open(&c, WindowSizePreference::Fixed(size), Some(size), &frames);
        let frame = opened.frame();
        let expected = size.dimensions().map_or_else(
            || {
                let root = doc().document_element().unwrap();
                (
                    f64::from(root.client_width()),
                    f64::from(root.client_height()),
                )
            },
            |(w, h)| (f64::from(w), f64::from(h)),
        );
        assert_eq!(rect(frame), expected, "code {}", size.code());
        assert_eq!(rect(opened.wrapper()), expected, "code {}", size.code());
        assert_eq!(
            frame.get_attribute("allow").as_deref(),
            Some("payment *; publickey-credentials-get *")
        );
        assert_eq!(frame.title(), TEXTS.title);
        assert!(opened.is_loading());
        assert_eq!(opened.form().target(), frame.name());
        assert_eq!(opened.size(), size);
        drop(opened);
        assert_eq!(c.child_element_count(), 0);
    }
    // A fixed preference follows the CReq's code.
    let opened = open(
        &c,
        WindowSizePreference::Fixed(ChallengeWindowSize::W390xH400),
        Some(ChallengeWindowSize::W250xH400),
        &frames,
    );
    assert_eq!(rect(opened.frame()), (250.0, 400.0));
    drop(opened);
    c.remove();
}

#[wasm_bindgen_test]
async fn auto_fits_the_container_and_repicks_on_resize() {
    let frames = Frames::default();
    let base = live_listeners();
    let c = container(Some(400));
    let opened = open(&c, WindowSizePreference::Auto, None, &frames);
    let root = doc().document_element().unwrap();
    if root.client_height() >= 400 {
        assert_eq!(opened.size(), ChallengeWindowSize::W390xH400);
        assert_eq!(rect(opened.frame()), (390.0, 400.0));
        c.set_attribute("style", "width:260px").unwrap();
        web_sys::window()
            .unwrap()
            .dispatch_event(&web_sys::Event::new("resize").unwrap())
            .unwrap();
        assert_eq!(opened.size(), ChallengeWindowSize::W250xH400);
        assert_eq!(rect(opened.frame()), (250.0, 400.0));
    }
    assert_eq!(
        live_listeners(),
        base + 5,
        "load, the dialog's cancel and close, resize and orientationchange"
    );
    drop(opened);
    assert_eq!(live_listeners(), base);
    assert_eq!(iframes(), 0);
    c.remove();
}

#[wasm_bindgen_test]
async fn timers_are_cleared_when_dropped() {
    let fired = Rc::new(RefCell::new(false));
    let f = fired.clone();
    let base = live_timers();
    let t = Timer::new(20, move || *f.borrow_mut() = true).unwrap();
    assert_eq!(live_timers(), base + 1);
    drop(t);
    assert_eq!(live_timers(), base);
    sleep(60).await;
    assert!(!*fired.borrow());
}

/// Posts `data` to the top window from inside `frame`'s own realm, so `event.source` is the frame.
fn post_from(frame: &HtmlIFrameElement, data: &str) {
    let w = frame.content_window().unwrap();
    let function = js_sys::Reflect::get(&w, &"Function".into()).unwrap();
    let args = js_sys::Array::of1(&JsValue::from_str("m"));
    args.push(&"parent.postMessage(m, '*')".into());
    let function: js_sys::Function = function.unchecked_into();
    let f: js_sys::Function =
        js_sys::Reflect::construct::<fn() -> JsValue>(&function.unchecked_into(), &args)
            .unwrap()
            .unchecked_into();
    f.call1(&JsValue::NULL, &data.into()).unwrap();
}

#[wasm_bindgen_test]
async fn only_messages_from_our_frame_and_a_paygate_origin_are_taken() {
    let d = doc();
    let ours: HtmlIFrameElement = d.create_element("iframe").unwrap().unchecked_into();
    let other: HtmlIFrameElement = d.create_element("iframe").unwrap().unchecked_into();
    d.body().unwrap().append_child(&ours).unwrap();
    d.body().unwrap().append_child(&other).unwrap();
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let frames = Frames::default();
    frames.borrow_mut().push(ours.clone());

    let got = Rc::new(RefCell::new(Vec::<String>::new()));
    let g = got.clone();
    let base = live_listeners();
    let listener = MessageListener::new(
        MessageFilter {
            origins: vec![origin.clone()],
            frames: frames.clone(),
        },
        move |d| g.borrow_mut().push(d.as_string().unwrap_or_default()),
    )
    .unwrap();
    let g2 = Rc::new(RefCell::new(0u32));
    let g2c = g2.clone();
    let wrong_origin = MessageListener::new(
        MessageFilter {
            origins: vec!["https://paygate.example".into()],
            frames: frames.clone(),
        },
        move |_| *g2c.borrow_mut() += 1,
    )
    .unwrap();

    post_from(&ours, "from-ours");
    post_from(&other, "from-other-window");
    web_sys::window()
        .unwrap()
        .post_message(&"from-top".into(), "*")
        .unwrap();
    sleep(80).await;
    assert_eq!(*got.borrow(), vec!["from-ours".to_owned()]);
    assert_eq!(
        *g2.borrow(),
        0,
        "a message from an origin that is not a Paygate origin is ignored"
    );

    drop(listener);
    drop(wrong_origin);
    assert_eq!(live_listeners(), base);
    post_from(&ours, "after-drop");
    sleep(50).await;
    assert_eq!(got.borrow().len(), 1, "no listener after drop");
    ours.remove();
    other.remove();
}

fn checkout(c: &HtmlElement) -> Rc<Checkout> {
    let o = js_sys::Object::new();
    set(&o, "backendUrl", &"/no-such-backend".into());
    set(
        &o,
        "paygateOrigins",
        &js_sys::Array::of1(&"http://127.0.0.1:9".into()),
    );
    set(&o, "container", c);
    set(&o, "challengeWindowSize", &"02".into());
    Checkout::new(checkout_options(&o.into(), texts::de()).unwrap()).unwrap()
}

fn pay_args() -> JsValue {
    js_sys::JSON::parse(r#"{"payment":{"amount":1999,"currency":"EUR"},"card":{"number":"4111 1111 1111 1111","expiryDate":"203012","securityCode":"123","cardholderName":"Max Mustermann"}}"#).unwrap()
}

fn code_of(e: &JsValue) -> String {
    get_string(e, "code").unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_failed_payment_leaves_nothing_behind_and_destroy_removes_the_live_region() {
    let c = container(None);
    let base = (live_listeners(), live_timers());
    let co = checkout(&c);
    assert!(c.query_selector("[aria-live=polite]").unwrap().is_some());
    co.claim().unwrap();
    assert_eq!(co.claim().unwrap_err().code.as_str(), "busy");
    let err = JsFuture::from(co.clone().pay(pay_input::read(&pay_args(), &co.options)))
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "backend_rejected");
    assert_eq!((live_listeners(), live_timers()), base);
    assert_eq!(co.state().map(|s| s.as_str()), Some("failed"));
    let live = c.query_selector("[aria-live=polite]").unwrap().unwrap();
    assert_eq!(
        live.text_content().unwrap(),
        "Die Zahlung konnte nicht abgeschlossen werden."
    );
    assert_eq!(iframes(), 0);

    // Card problems are refused before any request.
    co.claim().unwrap();
    let bad = js_sys::JSON::parse(r#"{"payment":{},"card":{"number":"4111 1111 1111 1112","expiryDate":"203012","securityCode":"123","cardholderName":"Max"}}"#).unwrap();
    let err = JsFuture::from(co.clone().pay(pay_input::read(&bad, &co.options)))
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), "invalid_card");

    co.destroy();
    assert!(c.query_selector("[aria-live]").unwrap().is_none());
    assert_eq!(co.claim().unwrap_err().code.as_str(), "destroyed");
    c.remove();
}

#[wasm_bindgen_test]
async fn destroy_during_a_payment_rejects_with_destroyed_and_removes_listeners() {
    let c = container(None);
    let base = live_listeners();
    let co = checkout(&c);
    co.claim().unwrap();
    let promise = co.clone().pay(pay_input::read(&pay_args(), &co.options));
    co.destroy();
    let err = JsFuture::from(promise).await.unwrap_err();
    assert_eq!(code_of(&err), "destroyed");
    assert_eq!(live_listeners(), base);
    assert_eq!(c.child_element_count(), 0);
    c.remove();
}

#[wasm_bindgen_test]
fn every_payment_gets_its_own_idempotency_key_from_crypto_get_random_values() {
    use paygate_wasm::checkout::backend::new_idempotency_key;
    let keys: Vec<String> = (0..50)
        .map(|_| new_idempotency_key().unwrap().as_str().to_owned())
        .collect();
    for key in &keys {
        assert_eq!(key.len(), 32);
        assert!(key.bytes().all(|b| b.is_ascii_alphanumeric()), "{key}");
    }
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), keys.len());
}

/// Pays against a backend that cannot be reached, stops the payment with `stop` while the
/// payment request waits to be retried, and returns the code it rejected with.
async fn stop_during_the_retry_pause(
    stop: impl FnOnce(&Checkout, &web_sys::AbortController),
) -> String {
    let c = container(None);
    let base = (live_listeners(), live_timers());
    let o = js_sys::Object::new();
    // Port 9 is one Chromium refuses to fetch: every attempt is a network error, retried
    // after a pause of 500 ms.
    set(&o, "backendUrl", &"http://127.0.0.1:9/paygate".into());
    set(
        &o,
        "paygateOrigins",
        &js_sys::Array::of1(&"http://127.0.0.1:9".into()),
    );
    set(&o, "container", &c);
    let co = Checkout::new(checkout_options(&o.into(), texts::en()).unwrap()).unwrap();
    let abort = web_sys::AbortController::new().unwrap();
    let args = pay_args();
    set(&args, "signal", &abort.signal());
    co.claim().unwrap();
    let promise = co.clone().pay(pay_input::read(&args, &co.options));
    sleep(250).await;
    assert_eq!(
        live_timers(),
        base.1 + 1,
        "the retry pause is a timer of the payment"
    );
    stop(&co, &abort);
    assert_eq!(live_timers(), base.1, "the stop clears the pause at once");
    let err = JsFuture::from(promise).await.unwrap_err();
    co.destroy();
    assert_eq!((live_listeners(), live_timers()), base);
    c.remove();
    code_of(&err)
}

#[wasm_bindgen_test]
async fn a_stop_during_the_retry_pause_of_the_payment_request_clears_its_timer() {
    let cancelled = stop_during_the_retry_pause(|co, _| co.cancel()).await;
    assert_eq!(cancelled, "challenge_cancelled");
    let destroyed = stop_during_the_retry_pause(|co, _| co.destroy()).await;
    assert_eq!(destroyed, "destroyed");
    let aborted = stop_during_the_retry_pause(|_, signal| signal.abort()).await;
    assert_eq!(aborted, "aborted");
}

#[wasm_bindgen_test]
async fn a_payment_cancelled_as_soon_as_pay_returns_sends_no_request() {
    let c = container(None);
    let base = (live_listeners(), live_timers());
    let co = checkout(&c);
    // Counts the page's fetch() calls while the payment runs.
    let count = js_sys::Function::new_no_args(
        "const f = window.fetch; window.__fetches = 0; window.__fetch = f; \
         window.fetch = function (...a) { window.__fetches += 1; return f.apply(this, a); };",
    );
    count.call0(&JsValue::NULL).unwrap();
    co.claim().unwrap();
    let promise = co.clone().pay(pay_input::read(&pay_args(), &co.options));
    co.cancel();
    let err = JsFuture::from(promise).await.unwrap_err();
    js_sys::Function::new_no_args("window.fetch = window.__fetch;")
        .call0(&JsValue::NULL)
        .unwrap();
    let window = JsValue::from(web_sys::window().unwrap());
    let fetches = js_sys::Reflect::get(&window, &"__fetches".into()).unwrap();
    assert_eq!(code_of(&err), "challenge_cancelled");
    assert_eq!(fetches.as_f64(), Some(0.0), "no payment request went out");
    assert_eq!(co.state().map(|s| s.as_str()), Some("failed"));
    assert_eq!((live_listeners(), live_timers()), base);
    assert_eq!(iframes(), 0);
    co.destroy();
    c.remove();
}
