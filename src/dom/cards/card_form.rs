//! The new-card form: number grouped and brand-checked as typed, expiry `MM/YY`, CVC by brand,
//! holder; inline errors on blur and on submit; an optional save-card consent.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlInputElement};

use crate::dom::element::{create, document, with_text};
use crate::error::{ErrorCode, PaygateError};
use crate::i18n::Locale;
use crate::protocol::card::{
    check_expiry, check_holder, check_number, check_security_code, Brand, CardInput, PayTypes,
};
use crate::protocol::CardProblem;

use super::brand_mark::set_brand;
use super::field_errors::{field, Field};
use super::pan_input::{
    cvc_digits, format_expiry, parse_expiry, reformat, retype, set_cvc_length, CVC_ATTRS,
};
use super::strings::{problem, text, Text};
use crate::dom::js::{append, focus, show};
use crate::dom::listener::Listener;
use crate::protocol::json;

/// What the form is configured with.
pub struct CardFormOptions {
    /// Language of every visible string.
    pub locale: Locale,
    /// Accepted brands (empty: all).
    pub pay_types: PayTypes,
    /// Whether to offer the "save this card" consent.
    pub offer_save: bool,
}

/// The form's fields, in the order errors are focused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Number,
    Expiry,
    Cvc,
    Holder,
}

struct State {
    opts: CardFormOptions,
    number: Field,
    expiry: Field,
    cvc: Field,
    holder: Field,
    badge: Element,
    announce: Element,
    save: Option<HtmlInputElement>,
    formatted: String,
    brand: Option<Brand>,
}

/// The rendered form.
pub struct CardFormView {
    state: Rc<RefCell<State>>,
    root: Element,
    listeners: Vec<Listener>,
}

impl State {
    fn field(&self, w: Which) -> &Field {
        match w {
            Which::Number => &self.number,
            Which::Expiry => &self.expiry,
            Which::Cvc => &self.cvc,
            Which::Holder => &self.holder,
        }
    }

    /// `YYYYMM` of the expiry field, or what was typed when it is not a month (fails the check).
    fn expiry_yyyymm(&self) -> String {
        let typed = self.expiry.input.value();
        parse_expiry(&typed).map_or(typed, |m| m.yyyymm())
    }

    fn check(&self, w: Which) -> Result<(), CardProblem> {
        let value = self.field(w).input.value();
        match w {
            Which::Number => check_number(&value, &self.opts.pay_types).map(drop),
            Which::Expiry => check_expiry(&self.expiry_yyyymm(), super::this_month()).map(drop),
            Which::Cvc => check_security_code(&value, self.brand),
            Which::Holder => check_holder(&value).map(drop),
        }
    }

    fn show(&self, w: Which, p: Option<CardProblem>) {
        self.field(w).show(p.map(|p| problem(self.opts.locale, p)));
    }

    /// The field an event happened in.
    fn which(&self, e: &web_sys::Event) -> Option<Which> {
        let target = e.target()?;
        [Which::Number, Which::Expiry, Which::Cvc, Which::Holder]
            .into_iter()
            .find(|&w| JsValue::from(self.field(w).input.clone()) == JsValue::from(target.clone()))
    }

    /// Expiry, CVC or holder changed: format as typed, and re-check once an error is shown.
    fn on_input(&self, w: Which) {
        let input = &self.field(w).input;
        match w {
            Which::Expiry => {
                retype(input, format_expiry);
            }
            Which::Cvc => {
                retype(input, cvc_digits);
            }
            _ => {}
        }
        if self.field(w).has_error() {
            self.show(w, self.check(w).err());
        }
    }

    /// Number changed: regroup, detect the brand, update badge, CVC length and announcement.
    fn on_number(&mut self) {
        let (formatted, brand) = reformat(&self.number.input, &self.formatted);
        self.formatted = formatted;
        if brand != self.brand {
            self.brand = brand;
            set_brand(&self.badge, brand, "");
            show(&self.badge, brand.is_some());
            set_cvc_length(&self.cvc.input, brand);
            let said = brand.map(|b| {
                format!(
                    "{} {}",
                    text(self.opts.locale, Text::Detected),
                    b.spelling()
                )
            });
            self.announce.set_text_content(said.as_deref());
        }
        // Say at once when the brand is not accepted; otherwise clear a shown error once fixed.
        match brand {
            Some(b) if !self.opts.pay_types.allows(b) => {
                self.show(Which::Number, Some(CardProblem::BrandNotAccepted))
            }
            _ if self.number.has_error() => {
                self.show(Which::Number, self.check(Which::Number).err())
            }
            _ => {}
        }
    }
}

fn input_attrs(autocomplete: &'static str, numeric: bool) -> Vec<(&'static str, &'static str)> {
    let mut a = vec![
        ("type", "text"),
        ("autocomplete", autocomplete),
        ("spellcheck", "false"),
    ];
    if numeric {
        a.push(("inputmode", "numeric"));
    }
    a
}

impl CardFormView {
    /// Renders the form into `host`.
    pub fn new(host: &Element, opts: CardFormOptions) -> Result<Self, JsValue> {
        let doc = document()?;
        let locale = opts.locale;
        let t = |x| text(locale, x);
        let prefix = super::id_prefix();
        let root = with_text(
            &doc,
            "fieldset",
            &[("class", "pgw-card-form"), ("lang", locale.tag())],
            "",
        )?;
        append(
            &root,
            with_text(
                &doc,
                "legend",
                &[("class", "pgw-title")],
                t(Text::NewCardTitle),
            )?,
        )?;

        let brand_id = format!("{prefix}brand");
        let number = field(
            &doc,
            &prefix,
            "number",
            t(Text::CardNumber),
            &input_attrs("cc-number", true),
            "",
        )?;
        number.input.set_attribute("maxlength", "23")?;
        let badge = with_text(
            &doc,
            "span",
            &[("id", &brand_id), ("aria-hidden", "true"), ("hidden", "")],
            "",
        )?;
        set_brand(&badge, None, "");
        number.wrap.insert_before(&badge, Some(&number.error))?;
        let expiry = field(
            &doc,
            &prefix,
            "expiry",
            t(Text::ExpiryDate),
            &input_attrs("cc-exp", true),
            "",
        )?;
        expiry
            .input
            .set_attribute("placeholder", t(Text::ExpiryFormatHint))?;
        expiry.input.set_attribute("maxlength", "7")?;
        let cvc = field(&doc, &prefix, "cvc", t(Text::SecurityCode), CVC_ATTRS, "")?;
        let holder = field(
            &doc,
            &prefix,
            "holder",
            t(Text::Holder),
            &input_attrs("cc-name", false),
            "",
        )?;
        holder.input.set_attribute("maxlength", "45")?;
        for f in [&number, &expiry, &cvc, &holder] {
            root.append_child(&f.wrap)?;
        }
        let save = if opts.offer_save {
            let wrap = with_text(&doc, "div", &[("class", "pgw-field pgw-save")], "")?;
            let input: HtmlInputElement = create(&doc, "input")?;
            input.set_type("checkbox");
            input.set_id(&format!("{prefix}save"));
            wrap.append_child(&input)?;
            append(
                &wrap,
                with_text(
                    &doc,
                    "label",
                    &[("for", &format!("{prefix}save"))],
                    t(Text::SaveCard),
                )?,
            )?;
            root.append_child(&wrap)?;
            Some(input)
        } else {
            None
        };
        let announce = with_text(
            &doc,
            "div",
            &[("role", "status"), ("class", "pgw-status")],
            "",
        )?;
        root.append_child(&announce)?;

        let state = Rc::new(RefCell::new(State {
            opts,
            number,
            expiry,
            cvc,
            holder,
            badge,
            announce,
            save,
            formatted: String::new(),
            brand: None,
        }));
        // Two delegated listeners on the root: `input` reformats and re-checks a shown error,
        // `focusout` (a bubbling blur) checks a field the customer filled and left.
        let mut listeners = Vec::with_capacity(2);
        let s = state.clone();
        listeners.push(Listener::new(&root, "input", move |e| {
            let which = s.borrow().which(&e);
            match which {
                Some(Which::Number) => s.borrow_mut().on_number(),
                Some(w) => s.borrow().on_input(w),
                None => {}
            }
        })?);
        let s = state.clone();
        listeners.push(Listener::new(&root, "focusout", move |e| {
            let st = s.borrow();
            if let Some(w) = st.which(&e) {
                if !st.field(w).input.value().is_empty() {
                    st.show(w, st.check(w).err());
                }
            }
        })?);
        host.append_child(&root)?;
        Ok(CardFormView {
            state,
            root,
            listeners,
        })
    }

    /// The checked card as the documents' `card` object; shows every problem inline and
    /// focuses the first invalid field otherwise.
    pub fn card_data(&self) -> Result<JsValue, PaygateError> {
        let st = self.state.borrow();
        let input = CardInput {
            number: st.number.input.value(),
            expiry_date: st.expiry_yyyymm(),
            security_code: st.cvc.input.value(),
            cardholder_name: st.holder.input.value(),
            brand: None,
        };
        match input.check(&st.opts.pay_types, super::this_month()) {
            Ok(card) => {
                for w in [Which::Number, Which::Expiry, Which::Cvc, Which::Holder] {
                    st.show(w, None);
                }
                Ok(json::to_js(&card.to_value()))
            }
            Err(problems) => {
                let mut first = None;
                for w in [Which::Number, Which::Expiry, Which::Cvc, Which::Holder] {
                    let p = problems
                        .iter()
                        .copied()
                        .find(|p| p.field() == field_name(w));
                    st.show(w, p);
                    if p.is_some() && first.is_none() {
                        first = Some(w);
                    }
                }
                if let Some(w) = first {
                    focus(&st.field(w).input);
                }
                let detail = problems.first().map_or("invalid", |p| p.code());
                Err(
                    PaygateError::new(ErrorCode::InvalidCard, "the card form has errors")
                        .with_detail(detail),
                )
            }
        }
    }

    /// Empties the card number and the CVC (values and any `value` attributes).
    pub fn clear_sensitive(&self) {
        let mut st = self.state.borrow_mut();
        st.number.clear();
        st.cvc.clear();
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

    /// Removes everything rendered and the listeners.
    pub fn destroy(&mut self) {
        self.root.remove();
        self.listeners.clear();
    }
}

const fn field_name(w: Which) -> &'static str {
    match w {
        Which::Number => "number",
        Which::Expiry => "expiryDate",
        Which::Cvc => "securityCode",
        Which::Holder => "cardholderName",
    }
}
