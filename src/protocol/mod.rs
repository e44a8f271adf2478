//! The Paygate protocol in pure Rust: what the Paygate, the ACS and the customer vault send,
//! and what the browser sends back. No DOM here; it runs natively and under a fuzzer.

pub mod ascii;
pub mod browser_info;
pub mod card;
pub mod card_input;
pub mod challenge;
pub mod codec;
pub mod credential_on_file;
pub mod csp;
pub mod decimal;
#[cfg(any(not(target_arch = "wasm32"), feature = "easycredit"))]
pub mod easycredit;
pub mod error;
pub mod idempotency;
pub mod json;
pub mod kv;
pub mod legacy;
pub mod message;
pub mod payment_flow;
pub mod payment_response;
pub mod timing;
pub mod url_policy;
pub mod vault;
pub mod versioning;
pub mod window_size;

pub use error::{CardProblem, Error, Problem, Subject, UrlRefusal};
