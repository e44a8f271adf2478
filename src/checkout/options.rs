//! The options of `new PaygateCheckout({...})`: what the object holds ([`OptionsFields`], a
//! serde type) and the checked [`Options`]. Reading the JavaScript object is the api's job
//! (`src/api/options.rs`); here the values are checked.

use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::error::{ErrorCode, Message, PaygateError};
use crate::i18n::Texts;
use crate::protocol::ascii;
use crate::protocol::card::PayTypes;
use crate::protocol::idempotency::RetryPolicy;
use crate::protocol::json::{List, Scalar};
use crate::protocol::timing::{
    DEFAULT_BACKEND_RETRIES, DEFAULT_BACKEND_TIMEOUT_MS, DEFAULT_CHALLENGE_TIMEOUT_MS,
    DEFAULT_METHOD_TIMEOUT_MS, MAX_BACKEND_RETRIES,
};
use crate::protocol::url_policy::SafeUrl;
use crate::protocol::window_size::WindowSizePreference;

/// The checked options.
#[derive(Clone, Debug)]
pub struct Options {
    /// Merchant backend base path or URL, without a trailing slash.
    pub backend_url: String,
    /// Accepted Paygate origins, as browsers spell them.
    pub paygate_origins: Vec<String>,
    /// Where the challenge frame goes.
    pub container: Element,
    /// `challengeWindowSize`: `auto` or a code.
    pub window_size: WindowSizePreference,
    /// `methodTimeoutMs`.
    pub method_timeout_ms: u32,
    /// `challengeTimeoutMs`.
    pub challenge_timeout_ms: u32,
    /// The texts of `locale` and `translations`, as the JavaScript wrapper resolved them.
    pub texts: Texts,
    /// `onStateChange`.
    pub on_state_change: Option<Function>,
    /// `payTypes` for plain card objects (`VISA|MasterCard`); empty accepts every brand.
    pub pay_types: PayTypes,
    /// `backendRetries` and `backendTimeoutMs`: how `POST {backendUrl}/payments` is repeated.
    pub retry: RetryPolicy,
}

crate::record! {
    /// The data options of `new PaygateCheckout({...})` as given (keys exactly as documented);
    /// `container` and `onStateChange`, an element and a function, are not data and are
    /// passed beside it.
    pub struct OptionsFields: exact {
        /// `backendUrl`.
        backend_url: Scalar = ["backendUrl"],
        /// `paygateOrigins`.
        paygate_origins: List<Scalar> = ["paygateOrigins"],
        /// `challengeWindowSize`.
        challenge_window_size: Scalar = ["challengeWindowSize"],
        /// `methodTimeoutMs`.
        method_timeout_ms: Scalar = ["methodTimeoutMs"],
        /// `challengeTimeoutMs`.
        challenge_timeout_ms: Scalar = ["challengeTimeoutMs"],
        /// `backendTimeoutMs`.
        backend_timeout_ms: Scalar = ["backendTimeoutMs"],
        /// `backendRetries`.
        backend_retries: Scalar = ["backendRetries"],
        /// `payTypes`.
        pay_types: Scalar = ["payTypes"],
    }
}

/// An `invalid_options` error.
pub fn invalid(message: Message, detail: &str) -> PaygateError {
    PaygateError::new(ErrorCode::InvalidOptions, message).with_detail(detail)
}

/// `payTypes`, `VISA|MasterCard`; absent accepts every brand.
pub fn pay_types(value: &Scalar) -> PayTypes {
    value.as_text().map_or(PayTypes::default(), PayTypes::parse)
}

fn timeout(value: &Scalar, key: &str, default: u32) -> Result<u32, PaygateError> {
    match value {
        Scalar::Absent | Scalar::Null => Ok(default),
        Scalar::Number(ms) if (1.0..=86_400_000.0).contains(ms) => Ok(*ms as u32),
        _ => Err(invalid(Message::Timeout, key)),
    }
}

/// `backendRetries`: a whole number of retries, 0 to [`MAX_BACKEND_RETRIES`].
fn retries(value: &Scalar) -> Result<u32, PaygateError> {
    match value {
        Scalar::Absent | Scalar::Null => Ok(DEFAULT_BACKEND_RETRIES),
        Scalar::Number(n)
            if n.fract() == 0.0 && (0.0..=f64::from(MAX_BACKEND_RETRIES)).contains(n) =>
        {
            Ok(*n as u32)
        }
        _ => Err(invalid(Message::BackendRetries, "backendRetries")),
    }
}

/// A backend URL: a same-origin path (`/paygate`) or an absolute URL allowed by the URL policy.
fn backend_url(value: &Scalar) -> Result<String, PaygateError> {
    let text = value.as_text().unwrap_or_default();
    let text = ascii::trim_end(text.trim(), b'/');
    let path_ok =
        ascii::starts_with(text, b'/') && !text.starts_with("//") && !ascii::contains(text, b'\\');
    if path_ok || SafeUrl::parse(text, "backendUrl").is_ok() {
        Ok(text.to_owned())
    } else {
        Err(invalid(Message::BackendUrl, "backendUrl"))
    }
}

/// `paygateOrigins`: the origins the Paygate's messages may come from, at least one.
fn paygate_origins(list: &List<Scalar>) -> Result<Vec<String>, PaygateError> {
    let mut origins = Vec::new();
    if let List::Items(items) = list {
        for o in items {
            let text = o.as_text().unwrap_or_default();
            let url = SafeUrl::parse(text.trim(), "paygateOrigins").map_err(PaygateError::from)?;
            origins.push(url.origin());
        }
    }
    if origins.is_empty() {
        return Err(invalid(Message::PaygateOrigins, "paygateOrigins"));
    }
    Ok(origins)
}

/// `challengeWindowSize`: `auto` (the default) or a code `01`–`05`.
fn window_size(size: &Scalar) -> Result<WindowSizePreference, PaygateError> {
    match size {
        Scalar::Absent | Scalar::Null => Ok(WindowSizePreference::Auto),
        size => WindowSizePreference::parse(size.as_text().unwrap_or_default())
            .map_err(|_| invalid(Message::ChallengeWindowSize, "challengeWindowSize")),
    }
}

impl Options {
    /// Checks the options: the data in `f`, the `container` element and `onStateChange`;
    /// `texts` are the resolved `locale` and `translations`.
    pub fn check(
        f: &OptionsFields,
        container: JsValue,
        on_state_change: JsValue,
        texts: Texts,
    ) -> Result<Self, PaygateError> {
        let backend_url = backend_url(&f.backend_url)?;
        let paygate_origins = paygate_origins(&f.paygate_origins)?;
        let container = container
            .dyn_into::<Element>()
            .map_err(|_| invalid(Message::Container, "container"))?;
        let window_size = window_size(&f.challenge_window_size)?;
        let on_state_change = match on_state_change {
            v if v.is_null_or_undefined() => None,
            v if v.is_function() => Some(v.unchecked_into()),
            _ => return Err(invalid(Message::OnStateChange, "onStateChange")),
        };
        Ok(Options {
            backend_url,
            paygate_origins,
            container,
            window_size,
            method_timeout_ms: timeout(
                &f.method_timeout_ms,
                "methodTimeoutMs",
                DEFAULT_METHOD_TIMEOUT_MS,
            )?,
            challenge_timeout_ms: timeout(
                &f.challenge_timeout_ms,
                "challengeTimeoutMs",
                DEFAULT_CHALLENGE_TIMEOUT_MS,
            )?,
            texts,
            on_state_change,
            pay_types: pay_types(&f.pay_types),
            retry: RetryPolicy {
                retries: retries(&f.backend_retries)?,
                attempt_timeout_ms: timeout(
                    &f.backend_timeout_ms,
                    "backendTimeoutMs",
                    DEFAULT_BACKEND_TIMEOUT_MS,
                )?,
            },
        })
    }
}
