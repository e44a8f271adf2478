//! easyCredit (hire purchase) API v3 as the Paygate speaks it: the order rules that
//! `easyCredit.aspx` enforces before the redirect ([`rules`] over an [`order`]), and the `Financing` answer of
//! `easyCreditDirect.aspx` with `EventToken=GET` ([`financing`]), with exact decimal amounts
//! ([`decimal`]).

pub mod decimal;
pub mod employment;
pub mod financing;
pub mod order;
pub mod problem;
pub mod rules;

pub use decimal::{Date, Money, Rate};
pub use employment::Employment;
pub use financing::{Approved, DecisionOutcome, Financing, FinancingError};
pub use order::{Address, Entry, Name, Order};
pub use problem::{AddressPart, Field, OrderProblem, ProblemCode};
pub use rules::{check_order, check_request, NotifyUrlRule};

use crate::protocol::json::Value;

/// Parses JSON text: serde_json on the host, the browser's `JSON.parse` in wasm. (The same as
/// `json::parse` without its card-side error subject; kept here so the card build is unchanged.)
#[cfg(not(target_arch = "wasm32"))]
fn parse_json(text: &str) -> Option<Value> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .map(Value::from)
}

#[cfg(target_arch = "wasm32")]
fn parse_json(text: &str) -> Option<Value> {
    js_sys::JSON::parse(text)
        .ok()
        .map(|v| crate::protocol::json::from_js(&v))
}
