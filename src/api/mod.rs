//! The exported JavaScript surface.

#[cfg(feature = "cards")]
mod cards;
#[cfg(feature = "cards")]
mod checkout;
#[cfg(feature = "easycredit")]
mod easycredit;
#[cfg(feature = "cards")]
pub mod options;
#[cfg(feature = "cards")]
pub mod pay_input;

use wasm_bindgen::prelude::*;

/// Installs the panic hook so a bug shows a readable message in the console.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// The library's version, as published.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
