//! The brand badge: a `span` styled by a class chosen from a fixed list by [`Brand`],
//! never from data.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

use crate::protocol::card::Brand;

/// The class of a brand's badge; `pgw-brand-other` for brands this library does not know.
pub const fn brand_class(brand: Option<Brand>) -> &'static str {
    match brand {
        Some(Brand::Visa) => "pgw-brand pgw-brand-visa",
        Some(Brand::MasterCard) => "pgw-brand pgw-brand-mastercard",
        Some(Brand::Amex) => "pgw-brand pgw-brand-amex",
        Some(Brand::Diners) => "pgw-brand pgw-brand-diners",
        Some(Brand::Jcb) => "pgw-brand pgw-brand-jcb",
        Some(Brand::Maestro) => "pgw-brand pgw-brand-maestro",
        Some(Brand::Cup) => "pgw-brand pgw-brand-cup",
        Some(Brand::Discover) => "pgw-brand pgw-brand-discover",
        None => "pgw-brand pgw-brand-other",
    }
}

/// A decorative badge (`aria-hidden`): the brand's name as text, styled by its class.
/// `label` is the vault's spelling, used as text only.
pub fn brand_mark(doc: &Document, brand: Option<Brand>, label: &str) -> Result<Element, JsValue> {
    let el = doc.create_element("span")?;
    set_brand(&el, brand, label);
    el.set_attribute("aria-hidden", "true")?;
    Ok(el)
}

/// Shows `brand` on an existing badge (the card form's live badge).
pub fn set_brand(el: &Element, brand: Option<Brand>, label: &str) {
    el.set_class_name(brand_class(brand));
    el.set_text_content(Some(match brand {
        Some(b) => b.spelling(),
        None => label,
    }));
}
