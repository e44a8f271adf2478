//! Saved cards from the three documented vault shapes, normalised into [`SavedCard`].
//!
//! - Kundentresor REST payment methods (`last4Digits`, `pseudoCardNumber`, `brand`,
//!   `expiryDate`, `cardHolderName`; the documents' own webhook example spells it `name`);
//! - Customer Data Storage `CustomerInfos` (`CCNrMasked`, `Expiry`, `Holder`, `Brand`, `PCNr`,
//!   `Active`), decoded or as base64, or the whole GetDetails key=value answer;
//! - the pseudo card number prefill `card` object (`cardholderName`, `number`, `expiryDate`, `brand`).

use serde::{Deserialize, Deserializer};

use super::card::{is_pseudo_card_number, Brand, YearMonth};
use super::codec::{decode_base64_text, from_json, non_blank, required};
use super::error::{Error, Subject};
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

/// A string or a number, as `expiryDate` is documented as `number (6)` but sent as a string.
#[derive(Debug, Clone)]
struct Flexible(String);

impl<'de> Deserialize<'de> for Flexible {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either {
            Text(String),
            Number(u64),
            Bool(bool),
        }
        Ok(Flexible(match Either::deserialize(deserializer)? {
            Either::Text(t) => t,
            Either::Number(n) => n.to_string(),
            Either::Bool(b) => b.to_string(),
        }))
    }
}

fn text(value: Option<Flexible>) -> Option<String> {
    non_blank(value.map(|f| f.0))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPaymentMethod {
    action: Option<String>,
    id: Option<Flexible>,
    #[serde(rename = "type")]
    kind: Option<String>,
    last4_digits: Option<Flexible>,
    pseudo_card_number: Option<Flexible>,
    #[serde(alias = "name", alias = "cardholderName")]
    card_holder_name: Option<String>,
    brand: Option<String>,
    expiry_date: Option<Flexible>,
    last_used_at: Option<String>,
    active: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RawCdsInfo {
    #[serde(rename = "CCNrMasked", alias = "ccNrMasked")]
    cc_nr_masked: Option<String>,
    #[serde(alias = "expiry")]
    expiry: Option<Flexible>,
    #[serde(alias = "holder")]
    holder: Option<String>,
    #[serde(alias = "brand")]
    brand: Option<String>,
    #[serde(rename = "PCNr", alias = "pcNr", alias = "pcnr")]
    pcnr: Option<Flexible>,
    #[serde(rename = "Type", alias = "type")]
    kind: Option<String>,
    #[serde(alias = "customerDataId")]
    customer_data_id: Option<String>,
    #[serde(alias = "active")]
    active: Option<Flexible>,
    #[serde(alias = "lastUsed")]
    last_used: Option<String>,
}

#[derive(Deserialize)]
struct RawVaultObject {
    #[serde(rename = "paymentMethods", alias = "PaymentMethods", alias = "data")]
    payment_methods: Option<Vec<RawPaymentMethod>>,
    #[serde(rename = "paymentMethod")]
    payment_method: Option<RawPaymentMethod>,
    #[serde(rename = "CustomerDataInfos", alias = "customerDataInfos")]
    customer_data_infos: Option<Vec<RawCdsInfo>>,
    #[serde(rename = "CustomerInfos", alias = "customerInfos")]
    customer_infos: Option<String>,
    #[serde(rename = "cardholderName")]
    cardholder_name: Option<String>,
    number: Option<Flexible>,
    #[serde(rename = "expiryDate")]
    expiry_date: Option<Flexible>,
    brand: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawVault {
    List(Vec<RawPaymentMethod>),
    Object(Box<RawVaultObject>),
}

const SUBJECT: Subject = Subject::Vault;

/// Reads vault data given as text: JSON of any shape, base64 `CustomerInfos`, or a
/// GetDetails key=value answer. `today` decides which cards count as expired.
pub fn saved_cards_from_text(text: &str, today: YearMonth) -> Result<Vec<SavedCard>, Error> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return saved_cards(from_json(trimmed, SUBJECT)?, today);
    }
    let kv = KeyValues::parse(trimmed);
    if let Some(infos) = kv.get("CustomerInfos") {
        return saved_cards_from_text(&decode_base64_text(infos, SUBJECT, "CustomerInfos")?, today);
    }
    if trimmed.is_empty() {
        return Err(Error::missing(SUBJECT, "vaultData"));
    }
    saved_cards_from_text(&decode_base64_text(trimmed, SUBJECT, "CustomerInfos")?, today)
}

/// Reads vault data from an already parsed JavaScript value (object, array or string).
#[cfg(target_arch = "wasm32")]
pub fn saved_cards_from_js(value: wasm_bindgen::JsValue, today: YearMonth) -> Result<Vec<SavedCard>, Error> {
    if let Some(text) = value.as_string() {
        return saved_cards_from_text(&text, today);
    }
    saved_cards(super::message::from_js(value, SUBJECT)?, today)
}

/// Reads a vault webhook (`paymentMethod.action` create or delete).
pub fn vault_event_from_json(text: &str, today: YearMonth) -> Result<VaultEvent, Error> {
    let raw: RawVaultObject = from_json(text, SUBJECT)?;
    let method = raw.payment_method.ok_or(Error::missing(SUBJECT, "paymentMethod"))?;
    match method.action.as_deref().map(str::to_ascii_lowercase).as_deref() {
        Some("delete") => Ok(VaultEvent::Deleted { id: required(method.id.map(|f| f.0), SUBJECT, "paymentMethod.id")? }),
        Some("create") | None => Ok(VaultEvent::Created(from_payment_method(method, today)?)),
        Some(_) => Err(Error::format(SUBJECT, "paymentMethod.action", "create or delete")),
    }
}

fn saved_cards(raw: RawVault, today: YearMonth) -> Result<Vec<SavedCard>, Error> {
    let methods = match raw {
        RawVault::List(list) => list,
        RawVault::Object(obj) => {
            if let Some(list) = obj.payment_methods {
                list
            } else if let Some(one) = obj.payment_method {
                vec![one]
            } else if let Some(infos) = obj.customer_data_infos {
                return infos
                    .into_iter()
                    .filter(|i| i.kind.as_deref().map_or(true, |k| k.eq_ignore_ascii_case("CreditCard")))
                    .map(|i| from_cds(i, today))
                    .collect();
            } else if let Some(encoded) = obj.customer_infos {
                return saved_cards_from_text(&decode_base64_text(&encoded, SUBJECT, "CustomerInfos")?, today);
            } else if obj.number.is_some() {
                return from_prefill(*obj, today).map(|c| vec![c]);
            } else {
                return Err(Error::missing(SUBJECT, "paymentMethods"));
            }
        }
    };
    methods
        .into_iter()
        .filter(|m| m.kind.as_deref().map_or(true, |k| k.eq_ignore_ascii_case("card")))
        .filter(|m| !m.action.as_deref().is_some_and(|a| a.eq_ignore_ascii_case("delete")))
        .map(|m| from_payment_method(m, today))
        .collect()
}

fn expiry_of(value: Option<Flexible>, field: &'static str) -> Result<YearMonth, Error> {
    let text = text(value).ok_or(Error::missing(SUBJECT, field))?;
    YearMonth::parse_yyyymm(&text).ok_or(Error::format(SUBJECT, field, "YYYYMM"))
}

fn last_digits(value: &str, count: usize, field: &'static str) -> Result<String, Error> {
    let digits: Vec<char> = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < count {
        return Err(Error::format(SUBJECT, field, "a masked card number ending in digits"));
    }
    Ok(digits[digits.len() - count..].iter().collect())
}

fn pseudo(value: Option<Flexible>, field: &'static str) -> Result<Option<String>, Error> {
    match text(value) {
        None => Ok(None),
        Some(p) if is_pseudo_card_number(&p) => Ok(Some(p)),
        Some(_) => Err(Error::format(SUBJECT, field, "a pseudo card number (16 digits starting with 0)")),
    }
}

fn brand_of(label: Option<String>) -> (Option<Brand>, String) {
    let label = non_blank(label).unwrap_or_default();
    let brand = Brand::from_name(&label);
    let label = brand.map_or(label, |b| b.spelling().to_owned());
    (brand, label)
}

fn from_payment_method(m: RawPaymentMethod, today: YearMonth) -> Result<SavedCard, Error> {
    let id = required(m.id.map(|f| f.0), SUBJECT, "id")?;
    let last4 = text(m.last4_digits).ok_or(Error::missing(SUBJECT, "last4Digits"))?;
    let expiry = expiry_of(m.expiry_date, "expiryDate")?;
    let (brand, brand_label) = brand_of(m.brand);
    Ok(SavedCard {
        id,
        brand,
        brand_label,
        last_digits: last_digits(&last4, 4, "last4Digits")?,
        expiry,
        holder: non_blank(m.card_holder_name),
        pseudo_card_number: pseudo(m.pseudo_card_number, "pseudoCardNumber")?,
        active: m.active.unwrap_or(true),
        expired: expiry < today,
        last_used: non_blank(m.last_used_at),
        source: VaultSource::CustomerVault,
    })
}

fn from_cds(i: RawCdsInfo, today: YearMonth) -> Result<SavedCard, Error> {
    let masked = required(i.cc_nr_masked, SUBJECT, "CCNrMasked")?;
    let pcnr = pseudo(i.pcnr, "PCNr")?;
    let id = non_blank(i.customer_data_id)
        .or_else(|| pcnr.clone())
        .ok_or(Error::missing(SUBJECT, "CustomerDataId"))?;
    let expiry = expiry_of(i.expiry, "Expiry")?;
    let (brand, brand_label) = brand_of(i.brand);
    let active = match text(i.active).as_deref().map(str::to_ascii_lowercase).as_deref() {
        None | Some("true") | Some("1") => true,
        Some("false") | Some("0") => false,
        Some(_) => return Err(Error::format(SUBJECT, "Active", "true or false")),
    };
    Ok(SavedCard {
        id,
        brand,
        brand_label,
        last_digits: last_digits(&masked, 4, "CCNrMasked")?,
        expiry,
        holder: non_blank(i.holder),
        pseudo_card_number: pcnr,
        active,
        expired: expiry < today,
        last_used: non_blank(i.last_used),
        source: VaultSource::CustomerDataStorage,
    })
}

fn from_prefill(obj: RawVaultObject, today: YearMonth) -> Result<SavedCard, Error> {
    let number = pseudo(obj.number, "number")?.ok_or(Error::missing(SUBJECT, "number"))?;
    let expiry = expiry_of(obj.expiry_date, "expiryDate")?;
    let (brand, brand_label) = brand_of(obj.brand);
    Ok(SavedCard {
        id: number.clone(),
        brand,
        brand_label,
        last_digits: last_digits(&number, 3, "number")?,
        expiry,
        holder: non_blank(obj.cardholder_name),
        pseudo_card_number: Some(number),
        active: true,
        expired: expiry < today,
        last_used: None,
        source: VaultSource::Prefill,
    })
}

/// The card to preselect: the most recently used selectable card, else the first selectable.
pub fn default_card(cards: &[SavedCard]) -> Option<&SavedCard> {
    cards
        .iter()
        .filter(|c| c.selectable())
        .max_by(|a, b| a.last_used.cmp(&b.last_used))
        .or_else(|| cards.iter().find(|c| c.selectable()))
}
