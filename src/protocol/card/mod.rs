//! Card data a customer enters: brand, Luhn, expiry, security code, holder, `PayTypes`.
//! `input` reads and checks a whole card.

use core::fmt;

use super::ascii;
use super::decimal::push_decimal;
use super::error::CardProblem;

mod input;
pub use input::{CardData, CardFields, CardInput};

/// Card brands in Computop's spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Brand {
    /// `VISA`.
    Visa,
    /// `MasterCard`.
    MasterCard,
    /// `AMEX`.
    Amex,
    /// `DINERS`.
    Diners,
    /// `JCB`.
    Jcb,
    /// `Maestro`.
    Maestro,
    /// `CUP` (China UnionPay).
    Cup,
    /// `Discover`.
    Discover,
}

impl Brand {
    /// Computop's spelling, as `PayTypes` and the `card` JSON use it.
    pub const fn spelling(self) -> &'static str {
        match self {
            Brand::Visa => "VISA",
            Brand::MasterCard => "MasterCard",
            Brand::Amex => "AMEX",
            Brand::Diners => "DINERS",
            Brand::Jcb => "JCB",
            Brand::Maestro => "Maestro",
            Brand::Cup => "CUP",
            Brand::Discover => "Discover",
        }
    }

    /// Reads a brand name in any case and common spelling (`visa`, `Mastercard`, `American Express`).
    pub fn from_name(name: &str) -> Option<Self> {
        let key: String = name
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
        Some(match key.as_str() {
            "visa" => Brand::Visa,
            "mastercard" | "mc" => Brand::MasterCard,
            "amex" | "americanexpress" => Brand::Amex,
            "diners" | "dinersclub" => Brand::Diners,
            "jcb" => Brand::Jcb,
            "maestro" => Brand::Maestro,
            "cup" | "unionpay" | "chinaunionpay" => Brand::Cup,
            "discover" => Brand::Discover,
            _ => return None,
        })
    }

    /// The brand whose BIN ranges `digits` starts with.
    pub fn detect(digits: &str) -> Option<Self> {
        let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok());
        let within = |n, lo, hi| prefix(n).is_some_and(|p| (lo..=hi).contains(&p));
        if within(2, 34, 34) || within(2, 37, 37) {
            Some(Brand::Amex)
        } else if within(3, 300, 305)
            || within(4, 3095, 3095)
            || within(2, 36, 36)
            || within(2, 38, 39)
        {
            Some(Brand::Diners)
        } else if within(4, 3528, 3589) {
            Some(Brand::Jcb)
        } else if within(1, 4, 4) {
            Some(Brand::Visa)
        } else if within(2, 51, 55) || within(4, 2221, 2720) {
            Some(Brand::MasterCard)
        } else if within(4, 6011, 6011) || within(3, 644, 649) || within(2, 65, 65) {
            Some(Brand::Discover)
        } else if within(2, 62, 62) || within(2, 81, 81) {
            Some(Brand::Cup)
        } else if within(2, 50, 50)
            || within(2, 56, 58)
            || within(2, 67, 67)
            || within(3, 639, 639)
            || within(4, 6304, 6304)
        {
            Some(Brand::Maestro)
        } else {
            None
        }
    }

    /// Card number lengths the brand issues.
    pub fn number_lengths(self) -> core::ops::RangeInclusive<usize> {
        match self {
            Brand::Visa => 13..=19,
            Brand::MasterCard => 16..=16,
            Brand::Amex => 15..=15,
            Brand::Diners => 14..=19,
            Brand::Maestro => 12..=19,
            Brand::Jcb | Brand::Cup | Brand::Discover => 16..=19,
        }
    }

    /// Length of the security code: 4 for AMEX, 3 for the others.
    pub const fn security_code_length(self) -> usize {
        match self {
            Brand::Amex => 4,
            _ => 3,
        }
    }

    /// How the number is grouped as typed: AMEX 4-6-5, others 4-4-4-4(-3).
    pub fn groups(self) -> &'static [usize] {
        match self {
            Brand::Amex => &[4, 6, 5],
            Brand::Diners => &[4, 6, 4],
            _ => &[4, 4, 4, 4, 3],
        }
    }
}

impl fmt::Display for Brand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.spelling())
    }
}

/// The Luhn (mod 10) check over a string of digits.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// A month of a year, as the documents write expiry dates (`YYYYMM`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    /// Four-digit year.
    pub year: u16,
    /// 1–12.
    pub month: u8,
}

impl YearMonth {
    /// A month; `None` outside 1–12. (`month` is read as a `u16`, as the year is: the wasm
    /// then carries one integer parser.)
    pub fn new(year: u16, month: u16) -> Option<Self> {
        let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
        Some(YearMonth { year, month })
    }

    /// Reads `YYYYMM`.
    pub fn parse_yyyymm(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        YearMonth::new(text[..4].parse().ok()?, text[4..].parse().ok()?)
    }

    /// `YYYYMM`.
    pub fn yyyymm(self) -> String {
        let mut out = String::new();
        push_decimal(&mut out, self.year.into(), 4);
        push_decimal(&mut out, self.month.into(), 2);
        out
    }

    /// `MM/YYYY`, as labels show it.
    pub fn display(self) -> String {
        let mut out = String::new();
        push_decimal(&mut out, self.month.into(), 2);
        out.push('/');
        push_decimal(&mut out, self.year.into(), 4);
        out
    }
}

/// The merchant's `PayTypes`: brands accepted, `VISA|MasterCard`. Empty accepts all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PayTypes(Vec<Brand>);

impl PayTypes {
    /// Reads `VISA|MasterCard`; unknown names are ignored.
    pub fn parse(text: &str) -> Self {
        PayTypes(
            ascii::split(text, b"|")
                .filter_map(Brand::from_name)
                .collect(),
        )
    }

    /// Whether `brand` may be paid with.
    pub fn allows(&self, brand: Brand) -> bool {
        self.0.is_empty() || self.0.contains(&brand)
    }
}

/// Whether a number is a Computop pseudo card number: 16 digits starting with 0.
pub fn is_pseudo_card_number(digits: &str) -> bool {
    digits.len() == 16
        && ascii::starts_with(digits, b'0')
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The digits of a number as typed, or `None` if it has anything but digits, spaces and dashes.
pub fn number_digits(typed: &str) -> Option<String> {
    let digits: String = typed
        .bytes()
        .filter(|b| !matches!(b, b' ' | b'-'))
        .map(char::from)
        .collect();
    digits.bytes().all(|b| b.is_ascii_digit()).then_some(digits)
}

/// Checks the number alone: digits, brand, `PayTypes`, length, Luhn.
pub fn check_number(typed: &str, pay_types: &PayTypes) -> Result<(String, Brand), CardProblem> {
    check_digits(
        number_digits(typed).ok_or(CardProblem::NumberNotDigits)?,
        pay_types,
    )
}

/// Checks the digits of a number: brand, `PayTypes`, length, Luhn.
fn check_digits(digits: String, pay_types: &PayTypes) -> Result<(String, Brand), CardProblem> {
    let brand = Brand::detect(&digits).ok_or(if digits.len() < 2 {
        CardProblem::NumberLength
    } else {
        CardProblem::UnknownBrand
    })?;
    if !pay_types.allows(brand) {
        return Err(CardProblem::BrandNotAccepted);
    }
    if !brand.number_lengths().contains(&digits.len()) {
        return Err(CardProblem::NumberLength);
    }
    if !luhn_valid(&digits) {
        return Err(CardProblem::Luhn);
    }
    Ok((digits, brand))
}

/// Checks an expiry date `YYYYMM` against the current month.
pub fn check_expiry(text: &str, today: YearMonth) -> Result<YearMonth, CardProblem> {
    let expiry = YearMonth::parse_yyyymm(text).ok_or(CardProblem::ExpiryFormat)?;
    if expiry < today {
        return Err(CardProblem::Expired);
    }
    Ok(expiry)
}

/// Checks a security code's length for `brand`.
pub fn check_security_code(code: &str, brand: Option<Brand>) -> Result<(), CardProblem> {
    let digits_only = code.bytes().all(|b| b.is_ascii_digit());
    let ok = match brand {
        Some(b) => code.len() == b.security_code_length(),
        None => (3..=4).contains(&code.len()),
    };
    if ok && digits_only {
        Ok(())
    } else {
        Err(CardProblem::SecurityCodeLength)
    }
}

/// Checks a holder's name: 2–45 characters; letters, spaces, `-`, `'` and `.` only.
pub fn check_holder(name: &str) -> Result<String, CardProblem> {
    let name = name.trim();
    let count = name.chars().count();
    if !(2..=45).contains(&count) {
        return Err(CardProblem::HolderLength);
    }
    let allowed = |c: char| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.');
    if !name.chars().all(allowed) || !name.chars().any(char::is_alphabetic) {
        return Err(CardProblem::HolderCharacters);
    }
    Ok(name.to_owned())
}
