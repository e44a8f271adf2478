//! The saved-card selector and the card form.
//!
//! Their markup is cloned from static templates (no data in them); everything that comes from
//! vault data or from the customer is then put in as text (`textContent`, or the value of a
//! fixed, non-event attribute); class names come from fixed allow-lists, never from data. No
//! `style` attribute is ever set: the components run under a strict `style-src 'self'`
//! Content-Security-Policy and are styled by class names only (`js/style.css`).

pub(crate) mod brand_mark;
pub mod card_form;
pub(crate) mod field_errors;
pub(crate) mod pan_input;
pub(crate) mod radio_group;
pub(crate) mod saved_card_label;
pub mod saved_cards;
pub(crate) mod strings;
pub(crate) mod template;

use std::cell::Cell;

use crate::protocol::decimal::push_decimal;

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// A fresh prefix for element ids of one component instance (`pgw3-`), so that several
/// components on one page never share an id.
pub(crate) fn id_prefix() -> String {
    let n = NEXT_ID.with(|c| {
        let n = c.get() + 1;
        c.set(n);
        n
    });
    let mut prefix = String::from("pgw");
    push_decimal(&mut prefix, n.into(), 0);
    prefix.push('-');
    prefix
}
