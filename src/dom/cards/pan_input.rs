//! The card fields' inputs as typed, on top of [`crate::protocol::card_input`]: the number
//! regrouped with the caret kept, the security code's length by brand, formats applied in place.

use web_sys::HtmlInputElement;

use crate::protocol::card::Brand;
use crate::protocol::card_input::{edit_number, security_code_length};

/// Regroups the number input after an `input` event and returns its new value and brand.
/// `previous` is the formatted value before the event.
pub(crate) fn reformat(input: &HtmlInputElement, previous: &str) -> (String, Option<Brand>) {
    let typed = input.value();
    let caret = input
        .selection_start()
        .ok()
        .flatten()
        .map_or(typed.len(), |c| c as usize);
    let edit = edit_number(&typed, caret, previous);
    if edit.formatted != typed {
        input.set_value(&edit.formatted);
        let at = edit.caret as u32;
        let _ = input.set_selection_range(at, at);
    }
    (edit.formatted, edit.brand)
}

/// Lets the security code input take as many digits as `brand` has (4 while unknown).
pub(crate) fn set_cvc_length(input: &HtmlInputElement, brand: Option<Brand>) {
    let max = security_code_length(brand);
    let _ = input.set_attribute("maxlength", if max == 3 { "3" } else { "4" });
}

/// Replaces the input's value by `format(value)` when that differs; returns the new value.
pub(crate) fn retype(input: &HtmlInputElement, format: fn(&str) -> String) -> String {
    let typed = input.value();
    let formatted = format(&typed);
    if formatted != typed {
        input.set_value(&formatted);
    }
    formatted
}
