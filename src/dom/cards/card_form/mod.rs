//! The new-card form: number grouped and brand-checked as typed, expiry `MM/YY`, CVC by brand,
//! holder; inline errors on blur and on submit; an optional save-card consent.

mod markup;
mod state;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlInputElement};

use crate::dom::listener::Listener;
use crate::error::PaygateError;
use crate::i18n::Texts;
use crate::protocol::card::PayTypes;
use state::{State, Which};

/// What the form is configured with.
#[derive(Debug)]
pub struct CardFormOptions {
    /// Every visible string, in one language.
    pub texts: Texts,
    /// Accepted brands (empty: all).
    pub pay_types: PayTypes,
    /// Whether to offer the "save this card" consent.
    pub offer_save: bool,
}

/// The rendered form. Dropping it (JavaScript's `free()`) removes it like `destroy()`.
pub struct CardFormView {
    state: Rc<RefCell<State>>,
    root: Element,
    listeners: Vec<Listener>,
}

impl CardFormView {
    /// Renders the form into `host`.
    pub fn new(host: &Element, opts: CardFormOptions) -> Result<Self, JsValue> {
        let m = markup::render(&opts.texts, opts.offer_save)?;
        let root = m.root;
        let state = Rc::new(RefCell::new(State {
            opts,
            fields: m.fields,
            badge: m.badge,
            announce: m.announce,
            save: m.save,
            formatted: String::new(),
            brand: None,
        }));
        // Two delegated listeners on the root: `input` reformats and re-checks a shown error,
        // `focusout` (a bubbling blur) checks a field the customer filled and left.
        let s = state.clone();
        let input = Listener::new(&root, "input", move |e| {
            let which = s.borrow().which(&e);
            match which {
                Some(Which::Number) => s.borrow_mut().on_number(),
                Some(w) => s.borrow().on_input(w),
                None => {}
            }
        })?;
        let s = state.clone();
        let focusout = Listener::new(&root, "focusout", move |e| {
            let st = s.borrow();
            if let Some(w) = st.which(&e) {
                if !st.field(w).input.value().is_empty() {
                    st.show(w, st.check(w).err());
                }
            }
        })?;
        host.append_child(&root)?;
        Ok(CardFormView {
            state,
            root,
            listeners: vec![input, focusout],
        })
    }

    /// The checked card as the documents' `card` object; shows every problem inline and
    /// focuses the first invalid field otherwise.
    pub fn card_data(&self) -> Result<JsValue, PaygateError> {
        self.state.borrow().card_data()
    }

    /// Empties the card number and the CVC (values and any `value` attributes).
    pub fn clear_sensitive(&self) {
        let mut st = self.state.borrow_mut();
        st.field(Which::Number).clear();
        st.field(Which::Cvc).clear();
        st.formatted.clear();
        st.on_number();
    }

    /// Whether the customer consented to saving the card.
    pub fn save_card(&self) -> bool {
        self.state
            .borrow()
            .save
            .as_ref()
            .is_some_and(HtmlInputElement::checked)
    }

    /// Removes everything rendered and the listeners (again: nothing happens).
    pub fn destroy(&mut self) {
        self.root.remove();
        self.listeners.clear();
    }
}

impl Drop for CardFormView {
    fn drop(&mut self) {
        self.destroy();
    }
}

impl std::fmt::Debug for CardFormView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardFormView").finish_non_exhaustive()
    }
}
