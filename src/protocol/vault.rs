//! Saved cards from the three documented vault shapes, normalised into [`SavedCard`].
//!
//! - Kundentresor REST payment methods (`last4Digits`, `pseudoCardNumber`, `brand`,
//!   `expiryDate`, `cardHolderName`; the documents' own webhook example spells it `name`);
//! - Customer Data Storage `CustomerInfos` (`CCNrMasked`, `Expiry`, `Holder`, `Brand`, `PCNr`,
//!   `Active`), decoded or as base64, or the whole GetDetails key=value answer;
//! - the pseudo card number prefill `card` object (`cardholderName`, `number`, `expiryDate`, `brand`).

use super::card::{is_pseudo_card_number, Brand, YearMonth};
use super::codec::decode_base64_text;
use super::error::{Error, Problem, Subject};
use super::json::{self, Fields, Value};
use super::kv::KeyValues;

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

/// A vault webhook event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultEvent {
    /// `action: create`.
    Created(SavedCard),
    /// `action: delete`.
    Deleted {
        /// The payment method id.
        id: String,
    },
}

const SUBJECT: Subject = Subject::Vault;

/// Reads vault data given as text: JSON of any shape, base64 `CustomerInfos`, or a
/// GetDetails key=value answer. `today` decides which cards count as expired.
pub fn saved_cards_from_text(text: &str, today: YearMonth) -> Result<Vec<SavedCard>, Error> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return saved_cards(&json::parse(trimmed, SUBJECT)?, today);
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
    saved_cards(&json::parse(decoded, SUBJECT)?, today)
}

/// Reads vault data already parsed (a JavaScript object or array, or a string as above).
pub fn saved_cards(value: &Value, today: YearMonth) -> Result<Vec<SavedCard>, Error> {
    let methods: &[Value] = match value {
        Value::String(text) => return saved_cards_from_text(text, today),
        Value::Array(items) => items,
        _ => {
            let f = Fields::of(value, SUBJECT)?;
            if let Some(list) = f.array(&["paymentMethods", "data"])? {
                list
            } else if let Some(one) = f.raw(&["paymentMethod"]) {
                core::slice::from_ref(one)
            } else if let Some(infos) = f.array(&["CustomerDataInfos"])? {
                return infos
                    .iter()
                    .map(|i| Fields::of(i, SUBJECT))
                    .filter(|i| match i {
                        Ok(i) => i.str(&["Type"]).ok().flatten().map_or(true, |t| t.eq_ignore_ascii_case("CreditCard")),
                        Err(_) => true,
                    })
                    .map(|i| from_cds(&i?, today))
                    .collect();
            } else if let Some(encoded) = f.str(&["CustomerInfos"])? {
                return saved_cards_from_text(encoded, today);
            } else if f.has(&["number"]) {
                return from_prefill(&f, today).map(|c| vec![c]);
            } else {
                return Err(Error::missing(SUBJECT, "paymentMethods"));
            }
        }
    };
    let mut cards = Vec::with_capacity(methods.len());
    for m in methods {
        let f = Fields::of(m, SUBJECT)?;
        let is_card = f.str(&["type"])?.map_or(true, |t| t.eq_ignore_ascii_case("card"));
        let deleted = f.str(&["action"])?.is_some_and(|a| a.eq_ignore_ascii_case("delete"));
        if is_card && !deleted {
            cards.push(from_payment_method(&f, today)?);
        }
    }
    Ok(cards)
}

/// Reads vault data from a JavaScript value (object, array, or a string as above).
#[cfg(target_arch = "wasm32")]
pub fn saved_cards_from_js(value: wasm_bindgen::JsValue, today: YearMonth) -> Result<Vec<SavedCard>, Error> {
    saved_cards(&json::from_js(&value), today)
}

/// Reads a vault webhook (`paymentMethod.action` create or delete).
pub fn vault_event_from_json(text: &str, today: YearMonth) -> Result<VaultEvent, Error> {
    let value = json::parse(text, SUBJECT)?;
    let method = Fields::of(&value, SUBJECT)?
        .object(&["paymentMethod"])?
        .ok_or(Error::missing(SUBJECT, "paymentMethod"))?;
    match method.str(&["action"])? {
        Some(a) if a.eq_ignore_ascii_case("delete") => {
            Ok(VaultEvent::Deleted { id: method.text(&["id"])?.ok_or(Error::missing(SUBJECT, "paymentMethod.id"))? })
        }
        Some(a) if !a.eq_ignore_ascii_case("create") => {
            Err(Error::format(SUBJECT, "paymentMethod.action", "create or delete"))
        }
        _ => Ok(VaultEvent::Created(from_payment_method(&method, today)?)),
    }
}

fn expiry_of(f: &Fields<'_>, field: &'static str) -> Result<YearMonth, Error> {
    let text = f.text(&[field])?.ok_or(Error::missing(SUBJECT, field))?;
    YearMonth::parse_yyyymm(&text).ok_or(Error::format(SUBJECT, field, "YYYYMM"))
}

fn last_digits(value: &str, count: usize, field: &'static str) -> Result<String, Error> {
    let digits: Vec<char> = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < count {
        return Err(Error::format(SUBJECT, field, "a masked card number ending in digits"));
    }
    Ok(digits[digits.len() - count..].iter().collect())
}

fn pseudo(f: &Fields<'_>, field: &'static str) -> Result<Option<String>, Error> {
    match f.text(&[field])? {
        None => Ok(None),
        Some(p) if is_pseudo_card_number(&p) => Ok(Some(p)),
        Some(_) => Err(Error::format(SUBJECT, field, "a pseudo card number (16 digits starting with 0)")),
    }
}

fn brand_of(f: &Fields<'_>) -> Result<(Option<Brand>, String), Error> {
    let label = f.string(&["brand"])?.unwrap_or_default();
    let brand = Brand::from_name(&label);
    let label = brand.map_or(label, |b| b.spelling().to_owned());
    Ok((brand, label))
}

fn from_payment_method(f: &Fields<'_>, today: YearMonth) -> Result<SavedCard, Error> {
    let id = f.text(&["id"])?.ok_or(Error::missing(SUBJECT, "id"))?;
    let last4 = f.text(&["last4Digits"])?.ok_or(Error::missing(SUBJECT, "last4Digits"))?;
    let expiry = expiry_of(f, "expiryDate")?;
    let (brand, brand_label) = brand_of(f)?;
    Ok(SavedCard {
        id,
        brand,
        brand_label,
        last_digits: last_digits(&last4, 4, "last4Digits")?,
        expiry,
        holder: f.string(&["cardHolderName", "name", "cardholderName"])?,
        pseudo_card_number: pseudo(f, "pseudoCardNumber")?,
        active: f.boolean(&["active"])?.unwrap_or(true),
        expired: expiry < today,
        last_used: f.string(&["lastUsedAt"])?,
        source: VaultSource::CustomerVault,
    })
}

fn from_cds(f: &Fields<'_>, today: YearMonth) -> Result<SavedCard, Error> {
    let masked = f.required(&["CCNrMasked"])?;
    let pcnr = pseudo(f, "PCNr")?;
    let id = f
        .string(&["CustomerDataId"])?
        .or_else(|| pcnr.clone())
        .ok_or(Error::missing(SUBJECT, "CustomerDataId"))?;
    let expiry = expiry_of(f, "Expiry")?;
    let (brand, brand_label) = brand_of(f)?;
    let active = match f.text(&["Active"])?.as_deref() {
        None | Some("1") => true,
        Some("0") => false,
        Some(a) if a.eq_ignore_ascii_case("true") => true,
        Some(a) if a.eq_ignore_ascii_case("false") => false,
        Some(_) => return Err(Error::format(SUBJECT, "Active", "true or false")),
    };
    Ok(SavedCard {
        id,
        brand,
        brand_label,
        last_digits: last_digits(&masked, 4, "CCNrMasked")?,
        expiry,
        holder: f.string(&["Holder"])?,
        pseudo_card_number: pcnr,
        active,
        expired: expiry < today,
        last_used: f.string(&["LastUsed"])?,
        source: VaultSource::CustomerDataStorage,
    })
}

fn from_prefill(f: &Fields<'_>, today: YearMonth) -> Result<SavedCard, Error> {
    let number = pseudo(f, "number")?.ok_or(Error::missing(SUBJECT, "number"))?;
    let expiry = expiry_of(f, "expiryDate")?;
    let (brand, brand_label) = brand_of(f)?;
    Ok(SavedCard {
        id: number.clone(),
        brand,
        brand_label,
        last_digits: last_digits(&number, 3, "number")?,
        expiry,
        holder: f.string(&["cardholderName"])?,
        pseudo_card_number: Some(number),
        active: true,
        expired: expiry < today,
        last_used: None,
        source: VaultSource::Prefill,
    })
}

/// The card to preselect: the selectable card with the latest `last_used` (a card never used
/// counts as oldest); of equally recent cards, the last in the list.
pub fn default_card(cards: &[SavedCard]) -> Option<&SavedCard> {
    cards.iter().filter(|c| c.selectable()).max_by(|a, b| a.last_used.cmp(&b.last_used))
}
