//! The customer vault's webhook: a payment method created or deleted.

use super::shapes::from_payment_method;
use super::{SavedCard, VaultFields, SUBJECT};
use crate::protocol::card::YearMonth;
use crate::protocol::error::Error;
use crate::protocol::json;

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

/// Reads a vault webhook (`paymentMethod.action` create or delete).
pub fn vault_event_from_json(text: &str, today: YearMonth) -> Result<VaultEvent, Error> {
    let f: VaultFields = json::parse_object(text, SUBJECT)?;
    let method = f
        .payment_method
        .get(SUBJECT, "paymentMethod")?
        .ok_or(Error::missing(SUBJECT, "paymentMethod"))?;
    match method.action.str(SUBJECT, "action")? {
        Some(a) if a.eq_ignore_ascii_case("delete") => Ok(VaultEvent::Deleted {
            id: method
                .id
                .text(SUBJECT, "id")?
                .ok_or(Error::missing(SUBJECT, "paymentMethod.id"))?,
        }),
        Some(a) if !a.eq_ignore_ascii_case("create") => Err(Error::format(
            SUBJECT,
            "paymentMethod.action",
            "create or delete",
        )),
        _ => Ok(VaultEvent::Created(from_payment_method(&method, today)?)),
    }
}
