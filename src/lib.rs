//! paygate-wasm: the browser half of a Computop Paygate card checkout.
//!
//! [`protocol`] is pure Rust (parsers, validation, sizes, vault shapes, the payment's state
//! machine) and runs natively; `dom` holds the web-sys pieces and the card components' views;
//! `checkout` drives a payment through the state machine; `api` is what JavaScript sees.
//! Imports run one way: `api` → `checkout` / `dom::cards` → `dom` → `protocol`.
//! The cargo features pick what the wasm exports: `cards` (default: the checkout and the card
//! components) and `easycredit` (the hire purchase order check and summary, its own build).

#![deny(missing_docs, missing_debug_implementations)]
#![warn(clippy::too_many_lines)]

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(any(not(target_arch = "wasm32"), feature = "easycredit"))]
pub mod easycredit;
pub mod error;
pub mod i18n;
pub mod protocol;

#[cfg(target_arch = "wasm32")]
pub mod dom;

#[cfg(all(target_arch = "wasm32", feature = "cards"))]
pub mod checkout;

#[cfg(target_arch = "wasm32")]
pub mod api;
