//! Removing a stored card: an in-page confirmation, then the merchant backend; its refusal is
//! shown, its success takes the card out of the list.

use std::cell::RefCell;
use std::rc::Rc;

use super::super::saved_card_label::push_full_label;
use super::super::strings::{text, Text};
use super::choice::{apply, default_option, notify};
use super::State;
use crate::dom::backend::{remove_payment_method, RemoveError};
use crate::dom::js::{focus, show};

/// Asks to confirm the removal of card `i`.
pub(super) fn ask(st: &mut State, i: usize) {
    let Some(card) = st.cards.get(i) else { return };
    let texts = &st.opts.texts;
    let mut question = text(texts, Text::ConfirmRemove).to_owned();
    question.push(' ');
    push_full_label(&mut question, texts, card);
    let Some(c) = st.confirmation() else { return };
    c.alert.set_text_content(None);
    c.question.set_text_content(Some(&question));
    let _ = c.yes.remove_attribute("disabled");
    show(&c.group, true);
    focus(&c.no);
    st.pending = Some(i);
}

/// Closes the confirmation and gives the focus back to the card's remove button.
pub(super) fn cancel(st: &mut State) {
    if let Some(c) = &st.confirmation {
        show(&c.group, false);
    }
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
        if let Some(c) = &st.confirmation {
            let _ = c.yes.set_attribute("disabled", "");
        }
        (st.opts.backend_url.clone(), card.id.clone())
    };
    let state = state.clone();
    crate::dom::task::spawn(async move {
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
        if let Some(c) = &st.confirmation {
            show(&c.group, false);
        }
    } else if let Some(p) = st.pending.filter(|&p| p > i) {
        st.pending = Some(p - 1);
    }
    let texts = &st.opts.texts;
    let message = match outcome {
        Ok(()) => return removed(st, i),
        Err(RemoveError::Refused(Some(m))) => m,
        Err(RemoveError::Refused(None)) => text(texts, Text::RemoveFailed).to_owned(),
        Err(RemoveError::Unreachable) => text(texts, Text::RemoveUnreachable).to_owned(),
    };
    if let Some(c) = &st.confirmation {
        c.alert.set_text_content(Some(&message));
    }
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
    if let Some(c) = &st.confirmation {
        c.status
            .set_text_content(Some(text(&st.opts.texts, Text::Removed)));
    }
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
