//! The saved-card selector: a radio group of stored cards plus "use a new card", the CVC of the
//! chosen card, and (optionally) removing cards after an in-page confirmation.

mod choice;
mod markup;
mod removal;
mod selection;

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{Element, Event};

use super::field_errors::Field;
use super::template::Parts;
use crate::dom::listener::Listener;
use crate::error::PaygateError;
use crate::i18n::Texts;
use crate::protocol::vault::SavedCard;
use markup::Confirmation;

pub use selection::skipped_entries;

/// What the selector is configured with.
#[derive(Debug)]
pub struct SavedCardsOptions {
    /// Every visible string, in one language.
    pub texts: Texts,
    /// The merchant backend's base path (`/paygate`).
    pub backend_url: String,
    /// Whether cards get a remove button.
    pub allow_remove: bool,
    /// Called with the chosen card's id, or `null` for a new card, whenever the choice changes.
    pub on_change: Option<js_sys::Function>,
}

/// The selector's state, shared by its event handlers.
struct State {
    opts: SavedCardsOptions,
    cards: Vec<SavedCard>,
    /// One radio per card, then "use a new card"; with whether each is enabled.
    options: Vec<(Element, bool)>,
    /// The remove button of each card (empty without `allowRemove`).
    remove_buttons: Vec<Element>,
    /// Whether the frame has the list of remove buttons.
    managed: bool,
    chosen: Option<usize>,
    cvc: Field,
    /// Whether the CVC field is shown (it is hidden in the template).
    cvc_shown: bool,
    /// How many digits the CVC field takes (3 in the template, as most brands have).
    cvc_length: usize,
    /// The instance's prefix of element ids.
    prefix: String,
    /// The frame's elements as rendered.
    parts: Parts,
    /// The removal's confirmation, once a removal was asked for.
    confirmation: Option<Confirmation>,
    /// The card whose removal is being confirmed.
    pending: Option<usize>,
    /// Set while `onChange` runs: `selection()` called from it shows no error.
    in_change: bool,
}

impl State {
    fn chosen_card(&self) -> Option<&SavedCard> {
        self.chosen.and_then(|i| self.cards.get(i))
    }

    /// The removal's confirmation, found in the markup on first use.
    fn confirmation(&mut self) -> Option<&Confirmation> {
        if self.confirmation.is_none() {
            self.confirmation = Confirmation::find(&self.parts, &self.prefix, self.managed).ok();
        }
        self.confirmation.as_ref()
    }
}

/// The rendered selector. Dropping it (JavaScript's `free()`) removes it like `destroy()`.
pub struct SavedCardsView {
    state: Rc<RefCell<State>>,
    root: Element,
    listeners: Vec<Listener>,
}

impl SavedCardsView {
    /// Renders `cards` into `host`. Nothing is attached until everything is built.
    pub fn new(
        host: &Element,
        cards: Vec<SavedCard>,
        opts: SavedCardsOptions,
    ) -> Result<Self, JsValue> {
        let m = markup::render(&opts.texts, &cards, opts.allow_remove)?;
        let chosen = choice::default_option(&cards);
        let state = Rc::new(RefCell::new(State {
            opts,
            cards,
            options: m.options,
            managed: !m.remove_buttons.is_empty(),
            remove_buttons: m.remove_buttons,
            chosen: None,
            cvc: m.cvc,
            cvc_shown: false,
            cvc_length: 3,
            prefix: m.prefix,
            parts: m.parts,
            confirmation: None,
            pending: None,
            in_change: false,
        }));
        choice::apply(&mut state.borrow_mut(), chosen);

        // Three delegated listeners on the root cover every control.
        let root = m.root;
        let s = state.clone();
        let click = Listener::new(&root, "click", move |e: Event| choice::on_click(&s, &e))?;
        let s = state.clone();
        let key = Listener::new(&root, "keydown", move |e: Event| choice::on_key(&s, &e))?;
        let s = state.clone();
        let input = Listener::new(&root, "input", move |_| choice::on_cvc_input(&s.borrow()))?;
        host.append_child(&root)?;
        Ok(SavedCardsView {
            state,
            root,
            listeners: vec![click, key, input],
        })
    }

    /// The chosen stored card with its CVC, or `null` for "use a new card". A missing or
    /// wrong-length CVC shows an inline error and fails with `invalid_card`.
    pub fn selection(&self) -> Result<JsValue, PaygateError> {
        selection::selection(&self.state.borrow())
    }

    /// The chosen card's id, or `None` for a new card (no CVC check, no error shown).
    pub fn chosen_id(&self) -> Option<String> {
        self.state.borrow().chosen_card().map(|c| c.id.clone())
    }

    /// Empties the CVC input.
    pub fn clear_sensitive(&self) {
        self.state.borrow().cvc.clear();
    }

    /// Removes everything rendered and the listeners (again: nothing happens).
    pub fn destroy(&mut self) {
        self.root.remove();
        self.listeners.clear();
    }
}

impl Drop for SavedCardsView {
    fn drop(&mut self) {
        self.destroy();
    }
}

impl std::fmt::Debug for SavedCardsView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SavedCardsView").finish_non_exhaustive()
    }
}
