//! The brand badge: a `span` styled by a class chosen from a fixed list by [`Brand`],
//! never from data.

use web_sys::Element;

use crate::protocol::card::Brand;

/// The class of a brand's badge; `pgw-brand-other` for brands this library does not know.
pub(crate) const fn brand_class(brand: Option<Brand>) -> &'static str {
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

/// A number per brand (0 for unknown brands), for caches of markup per brand.
pub(crate) const fn brand_slot(brand: Option<Brand>) -> usize {
    match brand {
        None => 0,
        Some(Brand::Visa) => 1,
        Some(Brand::MasterCard) => 2,
        Some(Brand::Amex) => 3,
        Some(Brand::Diners) => 4,
        Some(Brand::Jcb) => 5,
        Some(Brand::Maestro) => 6,
        Some(Brand::Cup) => 7,
        Some(Brand::Discover) => 8,
    }
}

/// Shows `brand` on a badge: its class and its spelling, or `label` (the vault's spelling of a
/// brand this library does not know, used as text only).
pub(crate) fn set_brand(el: &Element, brand: Option<Brand>, label: &str) {
    el.set_class_name(brand_class(brand));
    el.set_text_content(Some(match brand {
        Some(b) => b.spelling(),
        None => label,
    }));
}
