//! The card form's behaviour: formats as typed, the brand as detected, the checks of each field
//! and the card as the documents describe it.

use wasm_bindgen::JsValue;
use web_sys::{Element, Event, HtmlInputElement};

use super::super::brand_mark::set_brand;
use super::super::field_errors::Field;
use super::super::pan_input::{reformat, retype, set_cvc_length};
use super::super::strings::{problem, text, Text};
use super::CardFormOptions;
use crate::dom::clock::this_month;
use crate::dom::js::{focus, show};
use crate::error::{ErrorCode, Message, PaygateError};
use crate::protocol::card::{
    check_expiry, check_holder, check_number, check_security_code, Brand, CardInput,
};
use crate::protocol::card_input::{format_expiry, parse_expiry, security_code_digits};
use crate::protocol::{json, CardProblem};

/// The form's fields, in the order errors are focused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Which {
    Number,
    Expiry,
    Cvc,
    Holder,
}

const ALL: [Which; 4] = [Which::Number, Which::Expiry, Which::Cvc, Which::Holder];

impl Which {
    /// The field's name in the documents' `card` object.
    const fn name(self) -> &'static str {
        match self {
            Which::Number => "number",
            Which::Expiry => "expiryDate",
            Which::Cvc => "securityCode",
            Which::Holder => "cardholderName",
        }
    }
}

/// The form's state, shared by its event handlers.
pub(super) struct State {
    pub opts: CardFormOptions,
    /// Number, expiry date, security code, holder (in [`Which`]'s order).
    pub fields: [Field; 4],
    pub badge: Element,
    pub announce: Element,
    pub save: Option<HtmlInputElement>,
    /// The number field's value as last formatted.
    pub formatted: String,
    pub brand: Option<Brand>,
}

impl State {
    pub(super) fn field(&self, w: Which) -> &Field {
        &self.fields[w as usize]
    }

    /// `YYYYMM` of the expiry field, or what was typed when it is not a month (fails the check).
    fn expiry_yyyymm(&self) -> String {
        let typed = self.field(Which::Expiry).input.value();
        parse_expiry(&typed).map_or(typed, |m| m.yyyymm())
    }

    pub(super) fn check(&self, w: Which) -> Result<(), CardProblem> {
        let value = self.field(w).input.value();
        match w {
            Which::Number => check_number(&value, &self.opts.pay_types).map(drop),
            Which::Expiry => check_expiry(&self.expiry_yyyymm(), this_month()).map(drop),
            Which::Cvc => check_security_code(&value, self.brand),
            Which::Holder => check_holder(&value).map(drop),
        }
    }

    pub(super) fn show(&self, w: Which, p: Option<CardProblem>) {
        self.field(w).show(p.map(|p| problem(&self.opts.texts, p)));
    }

    /// The field an event happened in.
    pub(super) fn which(&self, e: &Event) -> Option<Which> {
        let target = e.target()?;
        let target: &JsValue = target.as_ref();
        ALL.into_iter()
            .find(|&w| AsRef::<JsValue>::as_ref(&self.field(w).input) == target)
    }

    /// Expiry, CVC or holder changed: format as typed, and re-check once an error is shown.
    pub(super) fn on_input(&self, w: Which) {
        let input = &self.field(w).input;
        match w {
            Which::Expiry => {
                retype(input, format_expiry);
            }
            Which::Cvc => {
                retype(input, security_code_digits);
            }
            _ => {}
        }
        if self.field(w).has_error() {
            self.show(w, self.check(w).err());
        }
    }

    /// Number changed: regroup, detect the brand, update badge, CVC length and announcement.
    pub(super) fn on_number(&mut self) {
        let (formatted, brand) = reformat(&self.field(Which::Number).input, &self.formatted);
        self.formatted = formatted;
        if brand != self.brand {
            self.brand = brand;
            set_brand(&self.badge, brand, "");
            show(&self.badge, brand.is_some());
            set_cvc_length(&self.field(Which::Cvc).input, brand);
            let said = brand.map(|b| {
                let mut said = String::from(text(&self.opts.texts, Text::Detected));
                said.push(' ');
                said.push_str(b.spelling());
                said
            });
            self.announce.set_text_content(said.as_deref());
        }
        // Say at once when the brand is not accepted; otherwise clear a shown error once fixed.
        match brand {
            Some(b) if !self.opts.pay_types.allows(b) => {
                self.show(Which::Number, Some(CardProblem::BrandNotAccepted))
            }
            _ if self.field(Which::Number).has_error() => {
                self.show(Which::Number, self.check(Which::Number).err())
            }
            _ => {}
        }
    }

    /// The checked card as the documents' `card` object; shows every problem inline and
    /// focuses the first invalid field otherwise.
    pub(super) fn card_data(&self) -> Result<JsValue, PaygateError> {
        let value = |w| self.field(w).input.value();
        let input = CardInput {
            number: value(Which::Number),
            expiry_date: self.expiry_yyyymm(),
            security_code: value(Which::Cvc),
            cardholder_name: value(Which::Holder),
            brand: None,
        };
        let problems = match input.check(&self.opts.pay_types, this_month()) {
            Ok(card) => {
                for w in ALL {
                    self.show(w, None);
                }
                return Ok(json::to_js(&card.to_value()));
            }
            Err(problems) => problems,
        };
        let mut first = None;
        for w in ALL {
            let p = problems.iter().copied().find(|p| p.field() == w.name());
            self.show(w, p);
            if p.is_some() && first.is_none() {
                first = Some(w);
            }
        }
        if let Some(w) = first {
            focus(&self.field(w).input);
        }
        let detail = problems.first().map_or("invalid", |p| p.code());
        Err(PaygateError::new(ErrorCode::InvalidCard, Message::CardFormErrors).with_detail(detail))
    }
}
