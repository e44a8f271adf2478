//! paygate-wasm: the browser half of a Computop Paygate card checkout.
//!
//! [`protocol`] is pure Rust (parsers, validation, sizes, vault shapes) and runs natively;
//! [`dom`] holds the web-sys pieces; `checkout`, `cards` tie them into the exported API.
//! The cargo features pick what the wasm exports: `cards` (default: the checkout and the card
//! components) and `easycredit` (the hire purchase order check and summary, its own build).

#![warn(missing_docs)]

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
