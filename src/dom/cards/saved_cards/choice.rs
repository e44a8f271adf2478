//! Choosing among the options: by click, by the radio group's keys, and the CVC of the chosen
//! card as typed; `onChange` after every change.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Event, KeyboardEvent};

use super::super::pan_input::{retype, set_cvc_length};
use super::super::radio_group::{option_of, set_checked};
use super::{removal, State};
use crate::dom::js::{focus, show};
use crate::protocol::card::check_security_code;
use crate::protocol::card_input::{radio_target, security_code_digits, security_code_length};
use crate::protocol::vault::{default_card, SavedCard};

/// The option to choose first: the default card, else "use a new card" (`cards.len()`).
pub(super) fn default_option(cards: &[SavedCard]) -> usize {
    default_card(cards)
        .and_then(|d| cards.iter().position(|c| std::ptr::eq(c, d)))
        .unwrap_or(cards.len())
}

/// Checks option `i` (a card, or `cards.len()` for a new card) instead of the chosen one, and
/// sets up the CVC field for it. Returns whether the choice changed.
pub(super) fn apply(st: &mut State, i: usize) -> bool {
    if !st.options.get(i).is_some_and(|(_, enabled)| *enabled) || st.chosen == Some(i) {
        return false;
    }
    if let Some((old, _)) = st.chosen.and_then(|c| st.options.get(c)) {
        set_checked(old, false);
        st.cvc.clear();
    }
    set_checked(&st.options[i].0, true);
    st.chosen = Some(i);
    st.cvc.show(None);
    let card = st.cards.get(i);
    if st.cvc_shown != card.is_some() {
        st.cvc_shown = card.is_some();
        show(&st.cvc.wrap, st.cvc_shown);
    }
    let brand = card.and_then(|c| c.brand);
    if st.cvc_length != security_code_length(brand) {
        st.cvc_length = security_code_length(brand);
        set_cvc_length(&st.cvc.input, brand);
    }
    true
}

/// Chooses option `i`, optionally focusing it, and tells `onChange` when that changed the choice.
pub(super) fn choose(state: &Rc<RefCell<State>>, i: usize, move_focus: bool) {
    let changed = {
        let mut st = state.borrow_mut();
        let changed = apply(&mut st, i);
        if move_focus {
            if let Some((el, true)) = st.options.get(i) {
                focus(el);
            }
        }
        changed
    };
    if changed {
        notify(state);
    }
}

/// Calls `onChange` with the chosen card's id, or `null` for a new card.
pub(super) fn notify(state: &Rc<RefCell<State>>) {
    let (callback, id) = {
        let st = state.borrow();
        (
            st.opts.on_change.clone(),
            st.chosen_card().map(|c| c.id.clone()),
        )
    };
    if let Some(f) = callback {
        state.borrow_mut().in_change = true;
        let _ = f.call1(
            &JsValue::NULL,
            &id.map_or(JsValue::NULL, |id| JsValue::from_str(&id)),
        );
        state.borrow_mut().in_change = false;
    }
}

fn event_element(e: &Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

enum Click {
    Choose(usize),
    AskRemove(usize),
    Confirm,
    Cancel,
}

/// A click anywhere in the selector: an option, a remove button or a confirmation button.
pub(super) fn on_click(state: &Rc<RefCell<State>>, e: &Event) {
    let Some(t) = event_element(e) else { return };
    let click = {
        let st = state.borrow();
        if let Some(i) = option_of(&st.options, &t) {
            Click::Choose(i)
        } else if let Some(i) = st.remove_buttons.iter().position(|b| b.contains(Some(&t))) {
            Click::AskRemove(i)
        } else if let Some(c) = &st.confirmation {
            if c.yes.contains(Some(&t)) {
                Click::Confirm
            } else if c.no.contains(Some(&t)) {
                Click::Cancel
            } else {
                return;
            }
        } else {
            return;
        }
    };
    match click {
        Click::Choose(i) => choose(state, i, true),
        Click::AskRemove(i) => removal::ask(&mut state.borrow_mut(), i),
        Click::Confirm => removal::confirm(state),
        Click::Cancel => removal::cancel(&mut state.borrow_mut()),
    }
}

/// A key in the selector: the radio group's keys on an option, Escape in the confirmation.
pub(super) fn on_key(state: &Rc<RefCell<State>>, e: &Event) {
    let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    let Some(t) = event_element(e) else { return };
    let key = k.key();
    let next = {
        let st = state.borrow();
        let in_confirmation = st
            .confirmation
            .as_ref()
            .is_some_and(|c| c.group.contains(Some(&t)));
        if key == "Escape" && in_confirmation {
            drop(st);
            return removal::cancel(&mut state.borrow_mut());
        }
        let Some(current) = option_of(&st.options, &t) else {
            return;
        };
        if key == " " || key == "Spacebar" {
            Some(current)
        } else {
            let enabled: Vec<bool> = st.options.iter().map(|(_, en)| *en).collect();
            radio_target(&key, &enabled, Some(current))
        }
    };
    if let Some(i) = next {
        e.prevent_default();
        choose(state, i, true);
    }
}

/// The CVC as typed: digits only; a shown error goes once the code fits the card's brand.
pub(super) fn on_cvc_input(st: &State) {
    let digits = retype(&st.cvc.input, security_code_digits);
    if st.cvc.has_error()
        && check_security_code(&digits, st.chosen_card().and_then(|c| c.brand)).is_ok()
    {
        st.cvc.show(None);
    }
}
