//! `PaygateCheckout` and `collectBrowserInfo` for JavaScript.

use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::checkout::{browser, Checkout};
use crate::dom::threeds::challenge_frame::space;
use crate::error::PaygateError;
use crate::protocol::window_size::WindowSizePreference;

/// The 3-D Secure checkout, `PaygateCheckout` in JavaScript.
#[wasm_bindgen]
#[derive(Debug)]
pub struct PaygateCheckout {
    inner: Rc<Checkout>,
}

#[wasm_bindgen]
impl PaygateCheckout {
    /// Checks the options (`invalid_options` otherwise) and adds the live region to `container`;
    /// `texts`: `locale` and `translations` resolved by the package entry (`js/texts.js`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] texts_list: JsValue,
    ) -> Result<PaygateCheckout, JsValue> {
        let texts = super::options::texts(&texts_list)?;
        let options = super::options::checkout_options(&options, texts)?;
        Ok(PaygateCheckout {
            inner: Checkout::new(options)?,
        })
    }

    /// Pays: resolves with the backend's `result` object (whatever its status); rejects with a
    /// `PaygateError`. A second call while one runs rejects with `busy`.
    pub fn pay(&self, args: JsValue) -> Promise {
        if let Err(e) = self.inner.claim() {
            return Promise::reject(&e.into());
        }
        let input = super::pay_input::read(&args, &self.inner.options);
        self.inner.clone().pay(input)
    }

    /// Cancels the running payment: it rejects with `challenge_cancelled` and its frames go.
    pub fn cancel(&self) {
        self.inner.cancel();
    }

    /// Removes everything the checkout added; a running payment rejects with `destroyed`.
    pub fn destroy(&self) {
        self.inner.destroy();
    }

    /// The last state reported to `onStateChange`, or `null`.
    #[wasm_bindgen(getter)]
    pub fn state(&self) -> JsValue {
        self.inner
            .state()
            .map_or(JsValue::NULL, |s| JsValue::from_str(s.as_str()))
    }
}

/// The normalised `browserInfo` (Computop's keys) for `challengeWindowSize` (`'auto'`, the
/// default, picks from the viewport; or `'01'`..`'05'`).
#[wasm_bindgen(js_name = collectBrowserInfo)]
pub fn collect_browser_info(challenge_window_size: Option<String>) -> Result<JsValue, JsValue> {
    let pref = match challenge_window_size {
        None => WindowSizePreference::Auto,
        Some(text) => WindowSizePreference::parse(&text).map_err(PaygateError::from)?,
    };
    let root = crate::dom::element::document()
        .ok()
        .and_then(|d| d.document_element());
    // Without a document the space of size 02, the common desktop choice.
    let size = pref.resolve(|| root.map_or((390.0, 400.0), |r| space(&r)));
    Ok(crate::protocol::json::to_js(
        &browser::collect(size).to_value(),
    ))
}
