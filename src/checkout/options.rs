//! The options of `new PaygateCheckout({...})`, read into a typed struct.

use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::dom::js::{get, get_string};
use crate::error::{ErrorCode, PaygateError};
use crate::i18n::Locale;
use crate::protocol::card::PayTypes;
use crate::protocol::idempotency::{
    RetryPolicy, DEFAULT_BACKEND_RETRIES, DEFAULT_BACKEND_TIMEOUT_MS, MAX_BACKEND_RETRIES,
};
use crate::protocol::url_policy::SafeUrl;
use crate::protocol::window_size::WindowSizePreference;

/// Default wait for the 3DS method notification (EMV: 10 s).
pub const DEFAULT_METHOD_TIMEOUT_MS: u32 = 10_000;
/// Default challenge timeout (600 s).
pub const DEFAULT_CHALLENGE_TIMEOUT_MS: u32 = 600_000;

/// The checked options.
#[derive(Clone)]
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
    /// `locale`.
    pub locale: Locale,
    /// `onStateChange`.
    pub on_state_change: Option<Function>,
    /// `payTypes` for plain card objects (`VISA|MasterCard`); empty accepts every brand.
    pub pay_types: PayTypes,
    /// `backendRetries` and `backendTimeoutMs`: how `POST {backendUrl}/payments` is repeated.
    pub retry: RetryPolicy,
}

fn invalid(message: &str, detail: &str) -> PaygateError {
    PaygateError::new(ErrorCode::InvalidOptions, message).with_detail(detail)
}

/// `options.locale`: `de` or `en` (the default for anything else).
pub fn locale(options: &JsValue) -> Locale {
    get_string(options, "locale").map_or(Locale::default(), |l| Locale::parse(&l))
}

/// `options.payTypes`, `VISA|MasterCard`; absent accepts every brand.
pub fn pay_types(options: &JsValue) -> PayTypes {
    get_string(options, "payTypes").map_or(PayTypes::default(), |p| PayTypes::parse(&p))
}

fn timeout(options: &JsValue, key: &str, default: u32) -> Result<u32, PaygateError> {
    let v = get(options, key);
    if v.is_null_or_undefined() {
        return Ok(default);
    }
    match v.as_f64() {
        Some(ms) if (1.0..=86_400_000.0).contains(&ms) => Ok(ms as u32),
        _ => Err(invalid("timeouts must be a number of milliseconds", key)),
    }
}

/// `backendRetries`: a whole number of retries, 0 to [`MAX_BACKEND_RETRIES`].
fn retries(options: &JsValue) -> Result<u32, PaygateError> {
    let v = get(options, "backendRetries");
    if v.is_null_or_undefined() {
        return Ok(DEFAULT_BACKEND_RETRIES);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(MAX_BACKEND_RETRIES)).contains(&n) => {
            Ok(n as u32)
        }
        _ => Err(invalid(
            "backendRetries must be a whole number from 0 to 10",
            "backendRetries",
        )),
    }
}

/// A backend URL: a same-origin path (`/paygate`) or an absolute URL allowed by the URL policy.
fn backend_url(v: JsValue) -> Result<String, PaygateError> {
    let text = v.as_string().unwrap_or_default();
    let text = text.trim().trim_end_matches('/');
    let path_ok = text.starts_with('/') && !text.starts_with("//") && !text.contains('\\');
    if path_ok || SafeUrl::parse(text, "backendUrl").is_ok() {
        Ok(text.to_owned())
    } else {
        Err(invalid(
            "backendUrl must be a path such as /paygate or an https URL",
            "backendUrl",
        ))
    }
}

impl Options {
    /// Reads and checks the constructor's options; every problem is `invalid_options`.
    pub fn from_js(options: &JsValue) -> Result<Self, PaygateError> {
        if !options.is_object() {
            return Err(invalid("options must be an object", "options"));
        }
        let backend_url = backend_url(get(options, "backendUrl"))?;
        let origins = get(options, "paygateOrigins");
        let mut paygate_origins = Vec::new();
        if js_sys::Array::is_array(&origins) {
            for o in js_sys::Array::from(&origins).iter() {
                let text = o.as_string().unwrap_or_default();
                let url =
                    SafeUrl::parse(text.trim(), "paygateOrigins").map_err(PaygateError::from)?;
                paygate_origins.push(url.origin());
            }
        }
        if paygate_origins.is_empty() {
            return Err(invalid(
                "paygateOrigins must list the Paygate's origins",
                "paygateOrigins",
            ));
        }
        let container = get(options, "container")
            .dyn_into::<Element>()
            .map_err(|_| invalid("container must be an element", "container"))?;
        let size = get(options, "challengeWindowSize");
        let window_size = if size.is_null_or_undefined() {
            WindowSizePreference::Auto
        } else {
            WindowSizePreference::parse(&size.as_string().unwrap_or_default()).map_err(|_| {
                invalid(
                    "challengeWindowSize must be 'auto' or '01'..'05'",
                    "challengeWindowSize",
                )
            })?
        };
        let on_state_change = match get(options, "onStateChange") {
            v if v.is_null_or_undefined() => None,
            v if v.is_function() => Some(v.unchecked_into()),
            _ => return Err(invalid("onStateChange must be a function", "onStateChange")),
        };
        Ok(Options {
            backend_url,
            paygate_origins,
            container,
            window_size,
            method_timeout_ms: timeout(options, "methodTimeoutMs", DEFAULT_METHOD_TIMEOUT_MS)?,
            challenge_timeout_ms: timeout(
                options,
                "challengeTimeoutMs",
                DEFAULT_CHALLENGE_TIMEOUT_MS,
            )?,
            locale: locale(options),
            on_state_change,
            pay_types: pay_types(options),
            retry: RetryPolicy {
                retries: retries(options)?,
                attempt_timeout_ms: timeout(
                    options,
                    "backendTimeoutMs",
                    DEFAULT_BACKEND_TIMEOUT_MS,
                )?,
            },
        })
    }
}
