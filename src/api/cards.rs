//! `SavedCards` and `CardForm` for JavaScript.

use wasm_bindgen::prelude::*;

use super::options::{card_form_options, on_skipped, saved_cards_options, texts, vault_data};
use crate::dom::cards::card_form::CardFormView;
use crate::dom::cards::saved_cards::{skipped_entries, SavedCardsView};
use crate::dom::clock::this_month;
use crate::error::{ErrorCode, Message, PaygateError};
use crate::protocol::vault::read_vault_js;

fn host(element: JsValue) -> Result<web_sys::Element, JsValue> {
    element
        .dyn_into::<web_sys::Element>()
        .map_err(|_| PaygateError::new(ErrorCode::InvalidOptions, Message::NotElement).into())
}

fn destroyed() -> JsValue {
    PaygateError::new(ErrorCode::Destroyed, Message::ComponentDestroyed).into()
}

/// The customer's stored cards as an accessible radio group, with "use a new card".
///
/// `new SavedCards(element, { vaultData, backendUrl, locale, translations, allowRemove, onChange })`:
/// `vaultData` in any documented shape (object or string: REST payment methods, Customer Data
/// Storage `CustomerInfos` decoded, base64 or the GetDetails answer, or a prefill `card`).
#[wasm_bindgen]
#[derive(Debug)]
pub struct SavedCards {
    view: Option<SavedCardsView>,
    skipped: js_sys::Array,
}

#[wasm_bindgen]
impl SavedCards {
    /// Renders the selector; entries that cannot be read are left out (`skippedEntries`,
    /// `onSkipped`). Throws `PaygateError` `invalid_vault_data` (nothing rendered) for vault data
    /// of no documented shape or without one readable entry. `texts`: `locale` and
    /// `translations` resolved by the package entry (`js/texts.js`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue,
        #[wasm_bindgen(unchecked_param_type = "SavedCardsOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] texts_list: JsValue,
    ) -> Result<SavedCards, JsValue> {
        let texts = texts(&texts_list)?;
        let host = host(element)?;
        let vault =
            read_vault_js(vault_data(&options), this_month()).map_err(PaygateError::from)?;
        let skipped = skipped_entries(&vault.skipped);
        let opts = saved_cards_options(&options, texts);
        let view = SavedCardsView::new(&host, vault.cards, opts)?;
        if let (Some(on_skipped), false) = (on_skipped(&options), vault.skipped.is_empty()) {
            let _ = on_skipped.call1(&JsValue::NULL, &skipped);
        }
        Ok(SavedCards {
            view: Some(view),
            skipped,
        })
    }

    /// The vault entries left out because they could not be read (empty when all were read).
    #[wasm_bindgen(getter, js_name = skippedEntries, unchecked_return_type = "SkippedVaultEntry[]")]
    pub fn skipped_entries(&self) -> js_sys::Array {
        self.skipped.clone()
    }

    /// `{id, securityCode, source: 'vault'|'cds'|'prefill', pseudoCardNumber, expiryDate, brand,
    /// cardholderName}` for the chosen stored card, or `null` for "use a new card". Throws
    /// `PaygateError` `invalid_card` (and shows the error) when the CVC is missing or wrong.
    #[wasm_bindgen(unchecked_return_type = "SavedCardSelection | null")]
    pub fn selection(&self) -> Result<JsValue, JsValue> {
        Ok(self.view.as_ref().ok_or_else(destroyed)?.selection()?)
    }

    /// The chosen stored card's id, or `null` for "use a new card" (no CVC check).
    #[wasm_bindgen(getter, js_name = selectedId)]
    pub fn selected_id(&self) -> JsValue {
        self.view
            .as_ref()
            .and_then(SavedCardsView::chosen_id)
            .map_or(JsValue::NULL, |id| JsValue::from_str(&id))
    }

    /// Empties the CVC input (call after paying).
    #[wasm_bindgen(js_name = clearSensitive)]
    pub fn clear_sensitive(&self) {
        if let Some(v) = &self.view {
            v.clear_sensitive();
        }
    }

    /// Removes the selector from the page.
    pub fn destroy(&mut self) {
        if let Some(mut v) = self.view.take() {
            v.destroy();
        }
    }
}

/// The new-card form.
///
/// `new CardForm(element, { payTypes: 'VISA|MasterCard', locale, translations, offerSave })`.
#[wasm_bindgen]
#[derive(Debug)]
pub struct CardForm {
    view: Option<CardFormView>,
}

#[wasm_bindgen]
impl CardForm {
    /// Renders the form; `texts` as for `SavedCards`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CardFormOptions")] options: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] texts_list: JsValue,
    ) -> Result<CardForm, JsValue> {
        let texts = texts(&texts_list)?;
        let host = host(element)?;
        Ok(CardForm {
            view: Some(CardFormView::new(
                &host,
                card_form_options(&options, texts),
            )?),
        })
    }

    /// `{number, expiryDate, securityCode, cardholderName, brand}`, checked; throws
    /// `PaygateError` `invalid_card` and shows the problems inline otherwise.
    #[wasm_bindgen(js_name = cardData, unchecked_return_type = "CardData")]
    pub fn card_data(&self) -> Result<JsValue, JsValue> {
        Ok(self.view.as_ref().ok_or_else(destroyed)?.card_data()?)
    }

    /// Empties the card number and CVC inputs (and any `value` attributes).
    #[wasm_bindgen(js_name = clearSensitive)]
    pub fn clear_sensitive(&self) {
        if let Some(v) = &self.view {
            v.clear_sensitive();
        }
    }

    /// Whether the customer ticked "save this card for future purchases".
    #[wasm_bindgen(getter, js_name = saveCard)]
    pub fn save_card(&self) -> bool {
        self.view.as_ref().is_some_and(CardFormView::save_card)
    }

    /// Removes the form from the page.
    pub fn destroy(&mut self) {
        if let Some(mut v) = self.view.take() {
            v.destroy();
        }
    }
}
