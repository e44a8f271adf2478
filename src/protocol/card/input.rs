//! A whole card: the `card` JSON as given ([`CardFields`]), as entered ([`CardInput`]) and as
//! checked ([`CardData`]).

use super::{
    check_digits, check_expiry, check_holder, check_security_code, is_pseudo_card_number,
    number_digits, Brand, PayTypes, YearMonth,
};
use crate::protocol::error::{CardProblem, Error, Subject};
use crate::protocol::json::{self, Obj, Scalar, Value};

/// The `card` JSON of the documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardData {
    /// `securityCode` (CVC); never stored.
    pub security_code: String,
    /// `expiryDate`, `YYYYMM`.
    pub expiry_date: String,
    /// `cardholderName`.
    pub cardholder_name: String,
    /// `number`: the PAN, or a pseudo card number.
    pub number: String,
    /// `brand`, Computop's spelling.
    pub brand: String,
}

impl CardData {
    /// The documents' `card` JSON: `securityCode`, `expiryDate`, `cardholderName`, `number`, `brand`.
    pub fn to_value(&self) -> Value {
        Value::object([
            ("securityCode", Value::string(self.security_code.as_str())),
            ("expiryDate", Value::string(self.expiry_date.as_str())),
            (
                "cardholderName",
                Value::string(self.cardholder_name.as_str()),
            ),
            ("number", Value::string(self.number.as_str())),
            ("brand", Value::string(self.brand.as_str())),
        ])
    }
}

/// Card data as entered, before checking.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardInput {
    /// The number as typed (spaces and dashes allowed).
    pub number: String,
    /// `YYYYMM`.
    pub expiry_date: String,
    /// The CVC.
    pub security_code: String,
    /// The holder's name.
    pub cardholder_name: String,
    /// A brand name; needed only for pseudo card numbers, whose digits tell no brand.
    pub brand: Option<String>,
}

crate::record! {
    /// The `card` JSON as given (a plain card object or `CardForm.cardData()`), before
    /// checking: `number`, `expiryDate` (a number too), `securityCode`, `cardholderName`,
    /// `brand`; keys case-insensitive.
    pub struct CardFields {
        /// `number`.
        number: Scalar = ["number"],
        /// `expiryDate`.
        expiry_date: Scalar = ["expiryDate"],
        /// `securityCode`.
        security_code: Scalar = ["securityCode"],
        /// `cardholderName`.
        cardholder_name: Scalar = ["cardholderName"],
        /// `brand`.
        brand: Scalar = ["brand"],
    }
}

impl CardInput {
    /// Reads the `card` JSON (`number`, `expiryDate`, `securityCode`, `cardholderName`, `brand`);
    /// `expiryDate` may be a number. Absent fields are empty and fail the checks.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let fields = json::read_value::<Obj<CardFields>>(value, Subject::Card)?;
        Self::from_fields(&json::object(fields, Subject::Card)?)
    }

    /// The card of a read `card` object.
    pub fn from_fields(f: &CardFields) -> Result<Self, Error> {
        Self::from_scalars(
            &f.number,
            &f.expiry_date,
            &f.security_code,
            &f.cardholder_name,
            &f.brand,
        )
    }

    /// The card as entered; absent fields are empty and fail the checks (as `CardInput::from_value`).
    pub fn from_scalars(
        number: &Scalar,
        expiry_date: &Scalar,
        security_code: &Scalar,
        cardholder_name: &Scalar,
        brand: &Scalar,
    ) -> Result<CardInput, Error> {
        const S: Subject = Subject::Card;
        Ok(CardInput {
            number: number.text(S, "number")?.unwrap_or_default(),
            expiry_date: expiry_date.text(S, "expiryDate")?.unwrap_or_default(),
            security_code: security_code.text(S, "securityCode")?.unwrap_or_default(),
            cardholder_name: cardholder_name
                .string(S, "cardholderName")?
                .unwrap_or_default(),
            brand: brand.string(S, "brand")?,
        })
    }

    /// Checks every field; all problems are reported, one per field at most.
    pub fn check(
        &self,
        pay_types: &PayTypes,
        today: YearMonth,
    ) -> Result<CardData, Vec<CardProblem>> {
        let mut problems = Vec::new();
        let number = match number_digits(&self.number) {
            None => {
                problems.push(CardProblem::NumberNotDigits);
                None
            }
            Some(d) if is_pseudo_card_number(&d) => {
                match self.brand.as_deref().and_then(Brand::from_name) {
                    Some(b) if pay_types.allows(b) => Some((d, b)),
                    Some(_) => {
                        problems.push(CardProblem::BrandNotAccepted);
                        None
                    }
                    None => {
                        problems.push(CardProblem::UnknownBrand);
                        None
                    }
                }
            }
            Some(d) => check_digits(d, pay_types)
                .map_err(|p| problems.push(p))
                .ok(),
        };
        let brand = number.as_ref().map(|(_, b)| *b);
        let expiry = check_expiry(&self.expiry_date, today)
            .map_err(|p| problems.push(p))
            .ok();
        let _ = check_security_code(&self.security_code, brand).map_err(|p| problems.push(p));
        let holder = check_holder(&self.cardholder_name)
            .map_err(|p| problems.push(p))
            .ok();
        match (number, expiry, holder) {
            (Some((number, brand)), Some(expiry), Some(holder)) if problems.is_empty() => {
                Ok(CardData {
                    security_code: self.security_code.clone(),
                    expiry_date: expiry.yyyymm(),
                    cardholder_name: holder,
                    number,
                    brand: brand.spelling().to_owned(),
                })
            }
            _ => Err(problems),
        }
    }

    /// Like [`CardInput::check`], with the first problem as the error.
    pub fn validate(&self, pay_types: &PayTypes, today: YearMonth) -> Result<CardData, Error> {
        self.check(pay_types, today).map_err(|p| {
            Error::InvalidCard(p.first().copied().unwrap_or(CardProblem::NumberLength))
        })
    }
}
