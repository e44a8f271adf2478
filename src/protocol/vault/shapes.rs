//! One saved card from each documented shape: a REST payment method, a Customer Data Storage
//! entry, the prefill `card` object.

use super::{SavedCard, VaultEntry, VaultFields, VaultSource, SUBJECT};
use crate::protocol::card::{is_pseudo_card_number, Brand, YearMonth};
use crate::protocol::card_input::digits;
use crate::protocol::error::Error;
use crate::protocol::json::Scalar;

/// The expiry date `YYYYMM` (text or number) of field `field`.
fn expiry_of(value: &Scalar, field: &'static str) -> Result<YearMonth, Error> {
    let text = value
        .text(SUBJECT, field)?
        .ok_or(Error::missing(SUBJECT, field))?;
    YearMonth::parse_yyyymm(&text).ok_or(Error::format(SUBJECT, field, "YYYYMM"))
}

/// The last `count` digits of a masked or plain number in `field`.
fn last_digits(value: &str, count: usize, field: &'static str) -> Result<String, Error> {
    let digits = digits(value);
    if digits.len() < count {
        return Err(Error::format(
            SUBJECT,
            field,
            "a masked card number ending in digits",
        ));
    }
    Ok(digits[digits.len() - count..].to_owned())
}

/// A pseudo card number in `field`, when given: 16 digits starting with 0.
fn pseudo(value: &Scalar, field: &'static str) -> Result<Option<String>, Error> {
    match value.text(SUBJECT, field)? {
        None => Ok(None),
        Some(p) if is_pseudo_card_number(&p) => Ok(Some(p)),
        Some(_) => Err(Error::format(
            SUBJECT,
            field,
            "a pseudo card number (16 digits starting with 0)",
        )),
    }
}

/// The brand and its label: Computop's spelling for a known brand, the text as given for another.
fn brand_of(value: &Scalar) -> Result<(Option<Brand>, String), Error> {
    let label = value.string(SUBJECT, "brand")?.unwrap_or_default();
    let brand = Brand::from_name(&label);
    let label = brand.map_or(label, |b| b.spelling().to_owned());
    Ok((brand, label))
}

/// A card of `source` to fill in field by field: a refused field then drops the one half-read
/// card, not each string read before it.
fn blank(source: VaultSource, today: YearMonth) -> SavedCard {
    SavedCard {
        id: String::new(),
        brand: None,
        brand_label: String::new(),
        last_digits: String::new(),
        expiry: today,
        holder: None,
        pseudo_card_number: None,
        active: true,
        expired: false,
        last_used: None,
        source,
    }
}

/// A card of the customer vault REST shape (`last4Digits`, `pseudoCardNumber`, `cardHolderName`).
pub(super) fn from_payment_method(f: &VaultEntry, today: YearMonth) -> Result<SavedCard, Error> {
    let mut card = blank(VaultSource::CustomerVault, today);
    card.id =
        f.id.text(SUBJECT, "id")?
            .ok_or(Error::missing(SUBJECT, "id"))?;
    card.last_digits = f
        .last4_digits
        .text(SUBJECT, "last4Digits")?
        .ok_or(Error::missing(SUBJECT, "last4Digits"))?;
    card.expiry = expiry_of(&f.expiry_date, "expiryDate")?;
    (card.brand, card.brand_label) = brand_of(&f.brand)?;
    card.last_digits = last_digits(&card.last_digits, 4, "last4Digits")?;
    card.holder = f.holder_name.string(SUBJECT, "cardHolderName")?;
    card.pseudo_card_number = pseudo(&f.pseudo_card_number, "pseudoCardNumber")?;
    card.active = f.active.boolean(SUBJECT, "active")?.unwrap_or(true);
    card.expired = card.expiry < today;
    card.last_used = f.last_used_at.string(SUBJECT, "lastUsedAt")?;
    Ok(card)
}

/// A card of Customer Data Storage (`CCNrMasked`, `Expiry`, `Holder`, `PCNr`, `Active`).
pub(super) fn from_cds(f: &VaultEntry, today: YearMonth) -> Result<SavedCard, Error> {
    let mut card = blank(VaultSource::CustomerDataStorage, today);
    card.last_digits = f.masked_number.required(SUBJECT, "CCNrMasked")?;
    card.pseudo_card_number = pseudo(&f.pcnr, "PCNr")?;
    card.id = f
        .customer_data_id
        .string(SUBJECT, "CustomerDataId")?
        .or_else(|| card.pseudo_card_number.clone())
        .ok_or(Error::missing(SUBJECT, "CustomerDataId"))?;
    card.expiry = expiry_of(&f.expiry, "Expiry")?;
    (card.brand, card.brand_label) = brand_of(&f.brand)?;
    card.active = match f.active.text(SUBJECT, "Active")?.as_deref() {
        None | Some("1") => true,
        Some("0") => false,
        Some(a) if a.eq_ignore_ascii_case("true") => true,
        Some(a) if a.eq_ignore_ascii_case("false") => false,
        Some(_) => return Err(Error::format(SUBJECT, "Active", "true or false")),
    };
    card.last_digits = last_digits(&card.last_digits, 4, "CCNrMasked")?;
    card.holder = f.holder.string(SUBJECT, "Holder")?;
    card.expired = card.expiry < today;
    card.last_used = f.last_used.string(SUBJECT, "LastUsed")?;
    Ok(card)
}

/// The pseudo card number prefill `card` object, shown as the preselected stored card.
pub(super) fn from_prefill(f: &VaultFields, today: YearMonth) -> Result<SavedCard, Error> {
    let mut card = blank(VaultSource::Prefill, today);
    card.id = pseudo(&f.number, "number")?.ok_or(Error::missing(SUBJECT, "number"))?;
    card.expiry = expiry_of(&f.expiry_date, "expiryDate")?;
    (card.brand, card.brand_label) = brand_of(&f.brand)?;
    card.last_digits = last_digits(&card.id, 3, "number")?;
    card.holder = f.cardholder_name.string(SUBJECT, "cardholderName")?;
    card.pseudo_card_number = Some(card.id.clone());
    card.expired = card.expiry < today;
    Ok(card)
}
