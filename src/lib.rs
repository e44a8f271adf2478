//! paygate-wasm: the browser half of a Computop Paygate card checkout.
//!
//! [`protocol`] is pure Rust (parsers, validation, sizes, vault shapes); the DOM code and the
//! exported JavaScript surface build on it.

#![warn(missing_docs)]

pub mod protocol;
