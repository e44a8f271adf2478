//! Removing a stored card: an in-page confirmation, then the merchant backend; its refusal is
//! shown, its success takes the card out of the list.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::saved_card_label::full_label;
use super::super::strings::{text, Text};
use super::choice::{apply, default_option, notify};
use super::State;
use crate::checkout::backend::{remove_payment_method, RemoveError};
use crate::dom::js::{focus, show};

/// Asks to confirm the removal of card `i`.
pub(super) fn ask(st: &mut State, i: usize) {
    let Some(card) = st.cards.get(i) else { return };
    let locale = st.opts.locale;
    st.pending = Some(i);
    st.alert.set_text_content(None);
    st.confirm_text.set_text_content(Some(&format!(
        "{} {}",
        text(locale, Text::ConfirmRemove),
        full_label(locale, card)
    )));
    let _ = st.confirm_yes.remove_attribute("disabled");
    show(&st.confirm, true);
    focus(&st.confirm_no);
}

/// Closes the confirmation and gives the focus back to the card's remove button.
pub(super) fn cancel(st: &mut State) {
    show(&st.confirm, false);
    if let Some(b) = st.pending.take().and_then(|i| st.remove_buttons.get(i)) {
        focus(b);
    }
}

/// The customer confirmed: asks the backend to remove the card.
pub(super) fn confirm(state: &Rc<RefCell<State>>) {
    let (url, id) = {
        let st = state.borrow();
        let Some(card) = st.pending.and_then(|i| st.cards.get(i)) else {
            return;
        };
        let _ = st.confirm_yes.set_attribute("disabled", "");
        (st.opts.backend_url.clone(), card.id.clone())
    };
    let state = state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = remove_payment_method(&url, &id).await;
        let changed = answered(&mut state.borrow_mut(), &id, outcome);
        if changed {
            notify(&state);
        }
    });
}

/// The backend's answer for card `id`; returns whether the choice changed.
fn answered(st: &mut State, id: &str, outcome: Result<(), RemoveError>) -> bool {
    // The card is found by id: another removal may have been asked for meanwhile.
    let Some(i) = st.cards.iter().position(|c| c.id == id) else {
        return false;
    };
    if st.pending == Some(i) {
        st.pending = None;
        show(&st.confirm, false);
    } else if let Some(p) = st.pending.filter(|&p| p > i) {
        st.pending = Some(p - 1);
    }
    let locale = st.opts.locale;
    let message = match outcome {
        Ok(()) => return removed(st, i),
        Err(RemoveError::Refused(Some(m))) => m,
        Err(RemoveError::Refused(None)) => text(locale, Text::RemoveFailed).to_owned(),
        Err(RemoveError::Unreachable) => text(locale, Text::RemoveUnreachable).to_owned(),
    };
    st.alert.set_text_content(Some(&message));
    if let Some(b) = st.remove_buttons.get(i) {
        focus(b);
    }
    false
}

/// Takes card `i` out of the list after the backend removed it; returns whether the choice changed.
fn removed(st: &mut State, i: usize) -> bool {
    st.cards.remove(i);
    st.options.remove(i).0.remove();
    if i < st.remove_buttons.len() {
        let b = st.remove_buttons.remove(i);
        match b.parent_element() {
            Some(li) => li.remove(),
            None => b.remove(),
        }
    }
    st.status
        .set_text_content(Some(text(st.opts.locale, Text::Removed)));
    let was = st.chosen.take();
    if was == Some(i) {
        st.cvc.clear();
        apply(st, default_option(&st.cards));
    } else {
        st.chosen = Some(match was {
            Some(c) if c > i => c - 1,
            Some(c) => c,
            None => st.cards.len(),
        });
    }
    if let Some((el, _)) = st.chosen.and_then(|c| st.options.get(c)) {
        focus(el);
    }
    was == Some(i)
}
