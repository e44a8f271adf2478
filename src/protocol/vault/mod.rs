//! Saved cards from the three documented vault shapes, normalised into [`SavedCard`].
//!
//! - Kundentresor REST payment methods (`last4Digits`, `pseudoCardNumber`, `brand`,
//!   `expiryDate`, `cardHolderName`; the documents' own webhook example spells it `name`);
//! - Customer Data Storage `CustomerInfos` (`CCNrMasked`, `Expiry`, `Holder`, `Brand`, `PCNr`,
//!   `Active`), decoded or as base64, or the whole GetDetails key=value answer;
//! - the pseudo card number prefill `card` object (`cardholderName`, `number`, `expiryDate`, `brand`).
//!
//! `shapes` reads one card of each shape; `webhook` reads the customer vault's webhook.

use super::ascii;
use super::card::{Brand, YearMonth};
use super::codec::decode_base64_text;
use super::error::{Error, Problem, Subject};
use serde::{Deserialize, Deserializer};

use super::json::{self, Obj, Scalar, Value};
use super::kv::KeyValues;

mod shapes;
mod webhook;
use shapes::{from_cds, from_payment_method, from_prefill};
pub use webhook::{vault_event_from_json, VaultEvent};

/// Which vault shape a card came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultSource {
    /// Kundentresor REST API or its webhook.
    CustomerVault,
    /// Customer Data Storage (`customer.aspx`).
    CustomerDataStorage,
    /// Pseudo card number prefill.
    Prefill,
}

/// A stored card, whatever shape it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedCard {
    /// The vault's id (`id`, `CustomerDataId`; the pseudo card number for prefill).
    pub id: String,
    /// The brand, when known.
    pub brand: Option<Brand>,
    /// The brand as the vault spelled it, for brands this library does not know.
    pub brand_label: String,
    /// The last digits of the real card number: four, or three when only a pseudo card number
    /// is known (a pseudo card number keeps just the last three digits of the PAN).
    pub last_digits: String,
    /// Expiry month.
    pub expiry: YearMonth,
    /// The holder's name, when stored.
    pub holder: Option<String>,
    /// The pseudo card number, when stored.
    pub pseudo_card_number: Option<String>,
    /// Whether the vault marks the card active.
    pub active: bool,
    /// Whether the card expired before the month given to the parser.
    pub expired: bool,
    /// When it was last used (ISO 8601 as stored), for picking the default.
    pub last_used: Option<String>,
    /// The shape it came from.
    pub source: VaultSource,
}

impl SavedCard {
    /// Whether the customer may choose the card.
    pub fn selectable(&self) -> bool {
        self.active && !self.expired
    }
}

/// An entry of a vault list that the reader refused; the other entries are still read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedEntry {
    /// Its position in the list (`paymentMethods`, `CustomerDataInfos` or the bare list).
    pub index: usize,
    /// Its `id` (`CustomerDataId`), when it has one that is text or a number.
    pub id: Option<String>,
    /// Why it was refused (`invalid_vault_data` with a detail such as `format`).
    pub error: Error,
}

/// What vault data holds: the cards that can be shown, and the entries left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VaultCards {
    /// The readable cards, in the vault's order.
    pub cards: Vec<SavedCard>,
    /// The entries the reader refused, in the vault's order.
    pub skipped: Vec<SkippedEntry>,
}

impl VaultCards {
    /// Reads the entries of a list one at a time with `read`, which gives `None` for an entry
    /// that is not a card (left out unreported); an entry that is not an object is refused.
    /// Data with entries but none readable is no use: then the first entry's error.
    fn collect(
        entries: &[Obj<VaultEntry>],
        read: &dyn Fn(&VaultEntry) -> Option<Result<SavedCard, Error>>,
    ) -> Result<Self, Error> {
        let mut read_cards = VaultCards::default();
        for (index, entry) in entries.iter().enumerate() {
            let Obj::Object(e) = entry else {
                let error = json::not_object(SUBJECT);
                read_cards.skipped.push(SkippedEntry {
                    index,
                    id: None,
                    error,
                });
                continue;
            };
            match read(e) {
                None => {}
                Some(Ok(card)) => read_cards.cards.push(card),
                Some(Err(error)) => {
                    let id = e.id.or(&e.customer_data_id).text(SUBJECT, "id");
                    let id = id.ok().flatten();
                    read_cards.skipped.push(SkippedEntry { index, id, error });
                }
            }
        }
        match (read_cards.cards.is_empty(), read_cards.skipped.first()) {
            (true, Some(first)) => Err(first.error.clone()),
            _ => Ok(read_cards),
        }
    }
}

pub(super) const SUBJECT: Subject = Subject::Vault;

crate::record! {
    /// An entry of a vault list as sent: a Kundentresor payment method or a Customer Data
    /// Storage entry (keys are case-insensitive, so `type`/`Type`, `brand`/`Brand` and
    /// `active`/`Active` are one field each).
    pub struct VaultEntry {
        /// `id` (payment method).
        id: Scalar = ["id"],
        /// `CustomerDataId` (Customer Data Storage).
        customer_data_id: Scalar = ["CustomerDataId"],
        /// `type` / `Type`.
        kind: Scalar = ["type"],
        /// `action` (webhooks).
        action: Scalar = ["action"],
        /// `last4Digits`.
        last4_digits: Scalar = ["last4Digits"],
        /// `CCNrMasked`.
        masked_number: Scalar = ["CCNrMasked"],
        /// `expiryDate`.
        expiry_date: Scalar = ["expiryDate"],
        /// `Expiry`.
        expiry: Scalar = ["Expiry"],
        /// `brand` / `Brand`.
        brand: Scalar = ["brand"],
        /// `cardHolderName`, or the documents' webhook example's `name`.
        holder_name: Scalar = ["cardHolderName", "name", "cardholderName"],
        /// `Holder`.
        holder: Scalar = ["Holder"],
        /// `pseudoCardNumber`.
        pseudo_card_number: Scalar = ["pseudoCardNumber"],
        /// `PCNr`.
        pcnr: Scalar = ["PCNr"],
        /// `active` / `Active`.
        active: Scalar = ["active"],
        /// `lastUsedAt`.
        last_used_at: Scalar = ["lastUsedAt"],
        /// `LastUsed`.
        last_used: Scalar = ["LastUsed"],
    }
}

crate::record! {
    /// Vault data given as an object, before checking: a list of payment methods, one payment
    /// method (a webhook), Customer Data Storage entries decoded or as base64, or a prefill
    /// `card`.
    pub struct VaultFields {
        /// `paymentMethods` (or `data`).
        payment_methods: json::List<Obj<VaultEntry>> = ["paymentMethods", "data"],
        /// `paymentMethod`.
        payment_method: Obj<VaultEntry> = ["paymentMethod"],
        /// `CustomerDataInfos`.
        customer_data_infos: json::List<Obj<VaultEntry>> = ["CustomerDataInfos"],
        /// `CustomerInfos`, base64.
        customer_infos: Scalar = ["CustomerInfos"],
        /// Prefill `number`.
        number: Scalar = ["number"],
        /// Prefill `expiryDate`.
        expiry_date: Scalar = ["expiryDate"],
        /// Prefill `brand`.
        brand: Scalar = ["brand"],
        /// Prefill `cardholderName`.
        cardholder_name: Scalar = ["cardholderName"],
    }
}

/// Vault data as sent: text (JSON, base64, key=value), a list of entries, or an object.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum VaultData {
    /// A string, read as [`read_vault_text`] reads text.
    Text(String),
    /// A bare list of payment methods.
    List(Vec<Obj<VaultEntry>>),
    /// An object.
    Object(Box<VaultFields>),
    /// Anything else (refused).
    #[default]
    Other,
}

impl json::Slot for VaultData {
    fn scalar(&mut self, value: Scalar) {
        *self = match value {
            Scalar::Text(text) => VaultData::Text(text),
            _ => VaultData::Other,
        };
    }
    fn object(&mut self) -> Option<&mut dyn json::Keys> {
        *self = VaultData::Object(Box::default());
        match self {
            VaultData::Object(fields) => Some(&mut **fields),
            _ => None,
        }
    }
    fn array(&mut self) -> Option<&mut dyn json::Items> {
        *self = VaultData::List(Vec::new());
        match self {
            VaultData::List(items) => Some(items),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for VaultData {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut data = VaultData::Other;
        serde::de::DeserializeSeed::deserialize(json::SlotSeed(&mut data), d)?;
        Ok(data)
    }
}

/// The cards of vault data given as text that can be shown; see [`read_vault_text`].
pub fn saved_cards_from_text(text: &str, today: YearMonth) -> Result<Vec<SavedCard>, Error> {
    read_vault_text(text, today).map(|v| v.cards)
}

/// The cards of already parsed vault data that can be shown; see [`read_vault`].
pub fn saved_cards(value: &Value, today: YearMonth) -> Result<Vec<SavedCard>, Error> {
    read_vault(value, today).map(|v| v.cards)
}

/// Reads vault data given as text: JSON of any shape, base64 `CustomerInfos`, or a
/// GetDetails key=value answer. `today` decides which cards count as expired. A list entry the
/// reader refuses is left out and reported in [`VaultCards::skipped`]; the data is refused as a
/// whole only when it has no documented shape or none of its entries can be read.
pub fn read_vault_text(text: &str, today: YearMonth) -> Result<VaultCards, Error> {
    let trimmed = text.trim();
    if ascii::starts_with(trimmed, b'{') || ascii::starts_with(trimmed, b'[') {
        return read_vault_data(json::parse(trimmed, SUBJECT)?, today);
    }
    if trimmed.is_empty() {
        return Err(Error::missing(SUBJECT, "vaultData"));
    }
    let encoded = KeyValues::find(trimmed, "CustomerInfos").unwrap_or(trimmed);
    let decoded = decode_base64_text(encoded, SUBJECT, "CustomerInfos")?;
    let decoded = decoded.trim();
    if !decoded.starts_with(['{', '[']) {
        return Err(Error::malformed(SUBJECT, Problem::Base64("CustomerInfos")));
    }
    read_vault_data(json::parse(decoded, SUBJECT)?, today)
}

/// Reads vault data already parsed (an object or array, or a string as above), one entry at a
/// time like [`read_vault_text`].
pub fn read_vault(value: &Value, today: YearMonth) -> Result<VaultCards, Error> {
    read_vault_data(json::read_value(value, SUBJECT)?, today)
}

/// Reads vault data as sent, one entry at a time like [`read_vault_text`].
pub fn read_vault_data(data: VaultData, today: YearMonth) -> Result<VaultCards, Error> {
    match data {
        VaultData::Text(text) => read_vault_text(&text, today),
        VaultData::List(items) => payment_methods(&items, today),
        VaultData::Other => Err(json::not_object(SUBJECT)),
        VaultData::Object(f) => read_object(*f, today),
    }
}

/// An object: a REST list or one payment method, Customer Data Storage infos (decoded or as
/// base64), or the prefill `card`.
fn read_object(mut f: VaultFields, today: YearMonth) -> Result<VaultCards, Error> {
    if let Some(list) = core::mem::take(&mut f.payment_methods).get(SUBJECT, "paymentMethods")? {
        payment_methods(&list, today)
    } else if f.payment_method.is_present() {
        payment_methods(&[f.payment_method], today)
    } else if let Some(infos) =
        core::mem::take(&mut f.customer_data_infos).get(SUBJECT, "CustomerDataInfos")?
    {
        customer_data_infos(&infos, today)
    } else if let Some(encoded) = f.customer_infos.str(SUBJECT, "CustomerInfos")? {
        read_vault_text(encoded, today)
    } else if f.number.is_present() {
        from_prefill(&f, today).map(|c| VaultCards {
            cards: vec![c],
            skipped: Vec::new(),
        })
    } else {
        Err(Error::missing(SUBJECT, "paymentMethods"))
    }
}

/// Customer Data Storage's `CustomerDataInfos`: the entries of `Type` `CreditCard` (or none).
fn customer_data_infos(infos: &[Obj<VaultEntry>], today: YearMonth) -> Result<VaultCards, Error> {
    VaultCards::collect(infos, &|i| {
        let credit_card = i
            .kind
            .str(SUBJECT, "Type")
            .ok()
            .flatten()
            .map_or(true, |t| t.eq_ignore_ascii_case("CreditCard"));
        credit_card.then(|| from_cds(i, today))
    })
}

/// The REST payment methods that are cards. An entry is a card unless it says it is another
/// payment method or a deleted one; an entry whose `type` or `action` cannot be read is a card
/// entry that is refused.
fn payment_methods(methods: &[Obj<VaultEntry>], today: YearMonth) -> Result<VaultCards, Error> {
    let is_card = |e: &VaultEntry| {
        let other_type = e
            .kind
            .str(SUBJECT, "type")
            .ok()
            .flatten()
            .is_some_and(|t| !t.eq_ignore_ascii_case("card"));
        let deleted = e
            .action
            .str(SUBJECT, "action")
            .ok()
            .flatten()
            .is_some_and(|a| a.eq_ignore_ascii_case("delete"));
        !other_type && !deleted
    };
    VaultCards::collect(methods, &|e| {
        is_card(e).then(|| card_entry(e).and_then(|()| from_payment_method(e, today)))
    })
}

/// Checks what makes an entry a card entry: `type` and `action` are text when present.
fn card_entry(e: &VaultEntry) -> Result<(), Error> {
    e.kind.str(SUBJECT, "type")?;
    e.action.str(SUBJECT, "action")?;
    Ok(())
}

/// Reads vault data from a JavaScript value (object, array, or a string as above).
#[cfg(target_arch = "wasm32")]
pub fn read_vault_js(value: wasm_bindgen::JsValue, today: YearMonth) -> Result<VaultCards, Error> {
    read_vault_data(json::read_js(value, SUBJECT)?, today)
}

/// The card to preselect: the selectable card with the latest `last_used` (a card never used
/// counts as oldest); of equally recent cards, the last in the list.
pub fn default_card(cards: &[SavedCard]) -> Option<&SavedCard> {
    cards
        .iter()
        .filter(|c| c.selectable())
        .max_by(|a, b| a.last_used.cmp(&b.last_used))
}
