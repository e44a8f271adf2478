//! The saved-card selector: a radio group of stored cards plus "use a new card", the CVC of the
//! chosen card, and (optionally) removing cards after an in-page confirmation.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, KeyboardEvent};

use crate::dom::element::{document, with_text};
use crate::error::{ErrorCode, PaygateError};
use crate::i18n::Locale;
use crate::protocol::card::check_security_code;
use crate::protocol::vault::{default_card, SavedCard, SkippedEntry, VaultSource};
use crate::protocol::CardProblem;

use super::brand_mark::brand_mark;
use super::field_errors::{field, Field};
use super::pan_input::{cvc_digits, retype, set_cvc_length, CVC_ATTRS};
use super::radio_group::{mark, option_of, target};
use super::saved_card_label::{full_label, short_label, state};
use super::strings::{problem, text, Text};
use crate::dom::backend::{remove_payment_method, RemoveError};
use crate::dom::js::{append, focus, set, set_opt, show};
use crate::dom::listener::Listener;

/// The entries the selector left out, for JavaScript: `[{index, id, code, detail, message}]`
/// (`id` is `null` when the entry had none; `code` is `invalid_vault_data`).
pub fn skipped_entries(skipped: &[SkippedEntry]) -> js_sys::Array {
    skipped
        .iter()
        .map(|entry| {
            let obj: JsValue = js_sys::Object::new().into();
            set(&obj, "index", &JsValue::from_f64(entry.index as f64));
            set_opt(&obj, "id", entry.id.as_deref());
            set(&obj, "code", &JsValue::from_str(entry.error.code()));
            set(&obj, "detail", &JsValue::from_str(entry.error.detail()));
            set(
                &obj,
                "message",
                &JsValue::from_str(&entry.error.to_string()),
            );
            obj
        })
        .collect()
}

/// What the selector is configured with.
pub struct SavedCardsOptions {
    /// Language of every visible string.
    pub locale: Locale,
    /// The merchant backend's base path (`/paygate`).
    pub backend_url: String,
    /// Whether cards get a remove button.
    pub allow_remove: bool,
    /// Called with the chosen card's id, or `null` for a new card, whenever the choice changes.
    pub on_change: Option<js_sys::Function>,
}

struct State {
    opts: SavedCardsOptions,
    cards: Vec<SavedCard>,
    /// One radio per card, then "use a new card"; with whether each is enabled.
    options: Vec<(Element, bool)>,
    /// The remove button of each card (empty without `allowRemove`).
    remove_buttons: Vec<Element>,
    chosen: Option<usize>,
    cvc: Field,
    confirm: Element,
    confirm_text: Element,
    confirm_yes: Element,
    confirm_no: Element,
    pending: Option<usize>,
    status: Element,
    alert: Element,
    in_change: bool,
}

/// The rendered selector.
pub struct SavedCardsView {
    state: Rc<RefCell<State>>,
    root: Element,
    listeners: Vec<Listener>,
}

/// The option to choose first: the default card, else "use a new card" (`cards.len()`).
fn default_option(cards: &[SavedCard]) -> usize {
    default_card(cards)
        .and_then(|d| cards.iter().position(|c| std::ptr::eq(c, d)))
        .unwrap_or(cards.len())
}

fn button(doc: &Document, class: &str, label: &str) -> Result<Element, JsValue> {
    with_text(
        doc,
        "button",
        &[("type", "button"), ("class", class)],
        label,
    )
}

fn card_option(doc: &Document, locale: Locale, card: &SavedCard) -> Result<Element, JsValue> {
    let option = with_text(
        doc,
        "div",
        &[("role", "radio"), ("class", "pgw-option")],
        "",
    )?;
    append(&option, brand_mark(doc, card.brand, &card.brand_label)?)?;
    append(
        &option,
        with_text(
            doc,
            "span",
            &[("class", "pgw-option-label")],
            &full_label(locale, card),
        )?,
    )?;
    if let Some(s) = state(locale, card) {
        option.set_attribute("aria-disabled", "true")?;
        option.class_list().add_1("pgw-option-disabled")?;
        append(
            &option,
            with_text(
                doc,
                "span",
                &[("class", "pgw-option-state")],
                &format!(" ({s})"),
            )?,
        )?;
    }
    Ok(option)
}

impl SavedCardsView {
    /// Renders `cards` into `host`. Nothing is attached until everything is built.
    pub fn new(
        host: &Element,
        cards: Vec<SavedCard>,
        opts: SavedCardsOptions,
    ) -> Result<Self, JsValue> {
        let doc = document()?;
        let locale = opts.locale;
        let t = |x| text(locale, x);
        let prefix = super::id_prefix();
        let root = with_text(
            &doc,
            "div",
            &[("class", "pgw-saved"), ("lang", locale.tag())],
            "",
        )?;
        let title_id = format!("{prefix}title");
        append(
            &root,
            with_text(
                &doc,
                "p",
                &[("id", &title_id), ("class", "pgw-title")],
                t(Text::SavedCardsTitle),
            )?,
        )?;
        let group = with_text(
            &doc,
            "div",
            &[
                ("role", "radiogroup"),
                ("aria-labelledby", &title_id),
                ("class", "pgw-options"),
            ],
            "",
        )?;
        let mut options = Vec::with_capacity(cards.len() + 1);
        for card in &cards {
            let el = card_option(&doc, locale, card)?;
            group.append_child(&el)?;
            options.push((el, card.selectable()));
        }
        let new_card = with_text(
            &doc,
            "div",
            &[("role", "radio"), ("class", "pgw-option pgw-option-new")],
            "",
        )?;
        append(
            &new_card,
            with_text(
                &doc,
                "span",
                &[("class", "pgw-option-label")],
                t(Text::UseNewCard),
            )?,
        )?;
        group.append_child(&new_card)?;
        options.push((new_card, true));
        root.append_child(&group)?;

        let hint_id = format!("{prefix}cvc-hint");
        let cvc = field(
            &doc,
            &prefix,
            "cvc",
            t(Text::SecurityCode),
            CVC_ATTRS,
            &hint_id,
        )?;
        let hint = with_text(
            &doc,
            "p",
            &[("id", &hint_id), ("class", "pgw-hint")],
            t(Text::SecurityCodeHint),
        )?;
        cvc.wrap.insert_before(&hint, Some(&cvc.error))?;
        root.append_child(&cvc.wrap)?;

        let mut remove_buttons = Vec::new();
        if opts.allow_remove && !cards.is_empty() {
            let manage = with_text(
                &doc,
                "ul",
                &[
                    ("class", "pgw-manage"),
                    ("aria-label", t(Text::ManageCards)),
                ],
                "",
            )?;
            for card in &cards {
                let li = doc.create_element("li")?;
                let b = button(
                    &doc,
                    "pgw-remove",
                    &format!("{} {}", t(Text::Remove), short_label(locale, card)),
                )?;
                li.append_child(&b)?;
                manage.append_child(&li)?;
                remove_buttons.push(b);
            }
            root.append_child(&manage)?;
        }
        let confirm_id = format!("{prefix}confirm");
        let confirm = with_text(
            &doc,
            "div",
            &[
                ("role", "group"),
                ("class", "pgw-confirm"),
                ("aria-labelledby", &confirm_id),
                ("hidden", ""),
            ],
            "",
        )?;
        let confirm_text = with_text(&doc, "p", &[("id", &confirm_id)], "")?;
        let confirm_yes = button(&doc, "pgw-confirm-yes", t(Text::ConfirmYes))?;
        let confirm_no = button(&doc, "pgw-confirm-no", t(Text::ConfirmNo))?;
        confirm.append_child(&confirm_text)?;
        confirm.append_child(&confirm_yes)?;
        confirm.append_child(&confirm_no)?;
        root.append_child(&confirm)?;
        let status = with_text(
            &doc,
            "div",
            &[("role", "status"), ("class", "pgw-status")],
            "",
        )?;
        let alert = with_text(
            &doc,
            "div",
            &[("role", "alert"), ("class", "pgw-alert")],
            "",
        )?;
        root.append_child(&status)?;
        root.append_child(&alert)?;

        let chosen = default_option(&cards);
        let state = Rc::new(RefCell::new(State {
            opts,
            cards,
            options,
            remove_buttons,
            chosen: None,
            cvc,
            confirm: confirm.clone(),
            confirm_text,
            confirm_yes: confirm_yes.clone(),
            confirm_no: confirm_no.clone(),
            pending: None,
            status,
            alert,
            in_change: false,
        }));
        apply_choice(&mut state.borrow_mut(), chosen);

        // Three delegated listeners on the root cover every control.
        let mut listeners = Vec::with_capacity(3);
        let s = state.clone();
        listeners.push(Listener::new(&root, "click", move |e: Event| {
            on_click(&s, &e)
        })?);
        let s = state.clone();
        listeners.push(Listener::new(&root, "keydown", move |e: Event| {
            on_key(&s, &e)
        })?);
        let s = state.clone();
        listeners.push(Listener::new(&root, "input", move |_| {
            on_cvc_input(&s.borrow())
        })?);
        host.append_child(&root)?;
        Ok(SavedCardsView {
            state,
            root,
            listeners,
        })
    }

    /// The chosen stored card with its CVC, or `null` for "use a new card". A missing or
    /// wrong-length CVC shows an inline error and fails with `invalid_card`.
    pub fn selection(&self) -> Result<JsValue, PaygateError> {
        let st = self.state.borrow();
        let Some(card) = st.chosen_card() else {
            return Ok(JsValue::NULL);
        };
        let code = st.cvc.input.value();
        let checked = if card.selectable() {
            check_security_code(&code, card.brand)
        } else {
            Err(CardProblem::NotSelectable)
        };
        if let Err(p) = checked {
            if !st.in_change {
                st.cvc.show(Some(problem(st.opts.locale, p)));
                focus(&st.cvc.input);
            }
            return Err(PaygateError::new(
                ErrorCode::InvalidCard,
                "the chosen stored card needs a valid security code",
            )
            .with_detail(p.code()));
        }
        let out = js_sys::Object::new();
        set(&out, "id", &JsValue::from_str(&card.id));
        set(&out, "securityCode", &JsValue::from_str(&code));
        let source = match card.source {
            VaultSource::CustomerVault => "vault",
            VaultSource::CustomerDataStorage => "cds",
            VaultSource::Prefill => "prefill",
        };
        set(&out, "source", &JsValue::from_str(source));
        set_opt(&out, "pseudoCardNumber", card.pseudo_card_number.as_deref());
        set(
            &out,
            "expiryDate",
            &JsValue::from_str(&card.expiry.yyyymm()),
        );
        set_opt(
            &out,
            "brand",
            Some(
                card.brand
                    .map_or(card.brand_label.as_str(), |b| b.spelling()),
            )
            .filter(|b| !b.is_empty()),
        );
        set_opt(&out, "cardholderName", card.holder.as_deref());
        Ok(out.into())
    }

    /// The chosen card's id, or `None` for a new card (no CVC check, no error shown).
    pub fn chosen_id(&self) -> Option<String> {
        self.state.borrow().chosen_card().map(|c| c.id.clone())
    }

    /// Empties the CVC input.
    pub fn clear_sensitive(&self) {
        self.state.borrow().cvc.clear();
    }

    /// Removes everything rendered and the listeners.
    pub fn destroy(&mut self) {
        self.root.remove();
        self.listeners.clear();
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

fn on_click(state: &Rc<RefCell<State>>, e: &Event) {
    let Some(t) = event_element(e) else { return };
    let click = {
        let st = state.borrow();
        if let Some(i) = option_of(&st.options, &t) {
            Click::Choose(i)
        } else if let Some(i) = st.remove_buttons.iter().position(|b| b.contains(Some(&t))) {
            Click::AskRemove(i)
        } else if st.confirm_yes.contains(Some(&t)) {
            Click::Confirm
        } else if st.confirm_no.contains(Some(&t)) {
            Click::Cancel
        } else {
            return;
        }
    };
    match click {
        Click::Choose(i) => choose(state, i, true),
        Click::AskRemove(i) => ask_remove(&mut state.borrow_mut(), i),
        Click::Confirm => confirm_remove(state),
        Click::Cancel => cancel_remove(&mut state.borrow_mut()),
    }
}

fn on_key(state: &Rc<RefCell<State>>, e: &Event) {
    let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
        return;
    };
    let Some(t) = event_element(e) else { return };
    let key = k.key();
    let next = {
        let st = state.borrow();
        if key == "Escape" && st.confirm.contains(Some(&t)) {
            drop(st);
            return cancel_remove(&mut state.borrow_mut());
        }
        let Some(current) = option_of(&st.options, &t) else {
            return;
        };
        if key == " " || key == "Spacebar" {
            Some(current)
        } else {
            let enabled: Vec<bool> = st.options.iter().map(|(_, en)| *en).collect();
            target(&key, &enabled, Some(current))
        }
    };
    if let Some(i) = next {
        e.prevent_default();
        choose(state, i, true);
    }
}

fn on_cvc_input(st: &State) {
    let digits = retype(&st.cvc.input, cvc_digits);
    if st.cvc.has_error()
        && check_security_code(&digits, st.chosen_card().and_then(|c| c.brand)).is_ok()
    {
        st.cvc.show(None);
    }
}

impl State {
    fn chosen_card(&self) -> Option<&SavedCard> {
        self.chosen.and_then(|i| self.cards.get(i))
    }
}

/// Updates the radios and the CVC field for option `i` (a card, or `cards.len()` for a new
/// card). Returns whether the choice changed.
fn apply_choice(st: &mut State, i: usize) -> bool {
    if !st.options.get(i).is_some_and(|(_, enabled)| *enabled) || st.chosen == Some(i) {
        return false;
    }
    st.chosen = Some(i);
    mark(&st.options, st.chosen);
    st.cvc.clear();
    st.cvc.show(None);
    let card = st.cards.get(i);
    show(&st.cvc.wrap, card.is_some());
    set_cvc_length(&st.cvc.input, card.and_then(|c| c.brand));
    true
}

fn choose(state: &Rc<RefCell<State>>, i: usize, move_focus: bool) {
    let changed = {
        let mut st = state.borrow_mut();
        let changed = apply_choice(&mut st, i);
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

fn notify(state: &Rc<RefCell<State>>) {
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

fn ask_remove(st: &mut State, i: usize) {
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

fn cancel_remove(st: &mut State) {
    show(&st.confirm, false);
    if let Some(b) = st.pending.take().and_then(|i| st.remove_buttons.get(i)) {
        focus(b);
    }
}

fn confirm_remove(state: &Rc<RefCell<State>>) {
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
        let changed = {
            let mut st = state.borrow_mut();
            // The card is found by id: another removal may have been asked for meanwhile.
            let Some(i) = st.cards.iter().position(|c| c.id == id) else {
                return;
            };
            if st.pending == Some(i) {
                st.pending = None;
                show(&st.confirm, false);
            } else if let Some(p) = st.pending.filter(|&p| p > i) {
                st.pending = Some(p - 1);
            }
            let locale = st.opts.locale;
            match outcome {
                Ok(()) => removed(&mut st, i),
                Err(e) => {
                    let message = match e {
                        RemoveError::Refused(Some(m)) => m,
                        RemoveError::Refused(None) => text(locale, Text::RemoveFailed).to_owned(),
                        RemoveError::Unreachable => {
                            text(locale, Text::RemoveUnreachable).to_owned()
                        }
                    };
                    st.alert.set_text_content(Some(&message));
                    if let Some(b) = st.remove_buttons.get(i) {
                        focus(b);
                    }
                    false
                }
            }
        };
        if changed {
            notify(&state);
        }
    });
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
    let next = match was {
        Some(c) if c == i => default_option(&st.cards),
        Some(c) if c > i => c - 1,
        Some(c) => c,
        None => st.cards.len(),
    };
    if was == Some(i) {
        apply_choice(st, next);
    } else {
        st.chosen = Some(next);
        mark(&st.options, st.chosen);
    }
    if let Some((el, _)) = st.chosen.and_then(|c| st.options.get(c)) {
        focus(el);
    }
    was == Some(i)
}
