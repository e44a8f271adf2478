//! The saved-card selector and the card form.
//!
//! Everything that comes from vault data or from the customer is rendered as text
//! (`textContent`, or the value of a fixed, non-event attribute); class names come from fixed
//! allow-lists, never from data. No `style` attribute is ever set: the components run under a
//! strict `style-src 'self'` Content-Security-Policy and are styled by class names only.

pub mod brand_mark;
pub mod card_form;
pub mod field_errors;
pub mod pan_input;
pub mod radio_group;
pub mod saved_card_label;
pub mod saved_cards;
pub mod strings;

use std::cell::Cell;

use crate::protocol::card::YearMonth;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A fresh prefix for element ids of one component instance (`pgw3-`), so that several
/// components on one page never share an id.
pub fn id_prefix() -> String {
    let n = NEXT_ID.with(|c| {
        let n = c.get() + 1;
        c.set(n);
        n
    });
    format!("pgw{n}-")
}

/// The current month in the browser's local time, for expiry checks (of the checkout too).
pub fn this_month() -> YearMonth {
    let now = js_sys::Date::new_0();
    YearMonth {
        year: now.get_full_year().min(9999) as u16,
        month: (now.get_month() + 1).clamp(1, 12) as u8,
    }
}
