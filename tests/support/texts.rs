//! The texts of `js/locales/en.js` and `de.js` for components built from Rust, as the package
//! entry resolves them (`js/texts.js`): the language tag, then every text, joined with U+001F.

use paygate_wasm::i18n::{Texts, SEPARATOR};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/locales/en.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = default)]
    static EN: js_sys::Object;
}

#[wasm_bindgen(module = "/js/locales/de.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = default)]
    static DE: js_sys::Object;
}

fn joined(lang: &str, table: &js_sys::Object) -> String {
    let values: String = js_sys::Object::values(table)
        .join(&SEPARATOR.to_string())
        .into();
    format!("{lang}{SEPARATOR}{values}")
}

/// The English texts as the wasm reads them.
#[allow(dead_code)]
pub fn en_list() -> String {
    EN.with(|t| joined("en", t))
}

/// The German texts as the wasm reads them.
#[allow(dead_code)]
pub fn de_list() -> String {
    DE.with(|t| joined("de", t))
}

/// The English texts.
#[allow(dead_code)]
pub fn en() -> Texts {
    Texts::read(&en_list()).expect("en.js has every text")
}

/// The German texts.
#[allow(dead_code)]
pub fn de() -> Texts {
    Texts::read(&de_list()).expect("de.js has every text")
}
