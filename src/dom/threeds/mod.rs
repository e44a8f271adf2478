//! The 3-D Secure DOM pieces: method frame, challenge frame, form posts, message listening.

pub mod challenge_frame;
pub mod listener;
pub mod live_region;
pub mod method_frame;
pub mod post_form;
pub mod posted_frame;
pub mod return_point;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::HtmlIFrameElement;

use crate::error::{ErrorCode, Message, PaygateError};
use crate::protocol::decimal::push_decimal;

/// The frames one checkout created; only messages from their windows are accepted.
pub type Frames = Rc<RefCell<Vec<HtmlIFrameElement>>>;

/// Whether `source` (a `MessageEvent.source`) is the window of one of `frames`.
pub fn is_our_window(frames: &Frames, source: &JsValue) -> bool {
    if source.is_null_or_undefined() {
        return false;
    }
    frames.borrow().iter().any(|f| {
        f.content_window()
            .is_some_and(|w| js_sys::Object::is(&w, source))
    })
}

/// Forgets `frame` in `frames`.
pub(crate) fn forget(frames: &Frames, frame: &HtmlIFrameElement) {
    frames.borrow_mut().retain(|f| f != frame);
}

/// User Timing marks the flow sets, so a shop can measure it in the field (and the benchmarks do).
pub mod marks {
    /// The method form was submitted into its hidden frame.
    pub const METHOD_POSTED: &str = "paygate:method-posted";
    /// The challenge (or 3-D Secure 1.0) form was submitted into the visible frame.
    pub const CHALLENGE_MOUNTED: &str = "paygate:challenge-mounted";
}

/// Sets a User Timing mark (`performance.mark`); silently nothing where there is no `performance`.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// A DOM operation failed (detached container, document gone): the integration's problem.
pub fn dom_error(_: JsValue) -> PaygateError {
    PaygateError::new(ErrorCode::InvalidOptions, Message::DomRefused).with_detail("dom")
}

thread_local! {
    static FRAME_COUNTER: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

/// A frame name unique in this page: `paygate-<kind>-<counter>-<random>`.
pub fn frame_name(kind: &str) -> String {
    let n = FRAME_COUNTER.with(|c| {
        let n = c.get().wrapping_add(1);
        c.set(n);
        n
    });
    let random = (js_sys::Math::random() * 4_294_967_295.0) as u32;
    let mut name = String::from("paygate-");
    name.push_str(kind);
    name.push('-');
    push_decimal(&mut name, n.into(), 0);
    name.push('-');
    push_decimal(&mut name, random.into(), 0);
    name
}
