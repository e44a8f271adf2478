//! Amounts, interest rates and dates of the `Financing` answer, held exactly: cents and
//! hundredths of a percent as integers, never as floats to be formatted.

use crate::protocol::ascii;
use crate::protocol::json::Value;

/// Largest amount in cents that an `f64` still holds to the cent (2^53 / 100, rounded down).
const MAX_CENTS: u64 = 90_071_992_547_409;

/// Reads a non-negative decimal with at most two fraction digits as hundredths.
///
/// A JSON number (`2849.35`, `302`) is the nearest `f64` to the decimal the sender wrote; it is
/// brought back to hundredths by rounding, and refused when it is not within a millionth of
/// one (three or more significant fraction digits). A string (`"2849.35"`, `"2849,35"`) is read
/// digit by digit.
fn hundredths(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => {
            let scaled = n * 100.0;
            let rounded = scaled.round();
            let exact =
                n.is_finite() && *n >= 0.0 && (scaled - rounded).abs() < 1e-6 * rounded.max(1.0);
            (exact && rounded <= MAX_CENTS as f64).then_some(rounded as u64)
        }
        Value::String(s) => hundredths_of_text(s.trim()),
        _ => None,
    }
}

fn hundredths_of_text(text: &str) -> Option<u64> {
    let (whole, fraction) = match ascii::split_once_any(text, b".,") {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.len() > 2 || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let fraction = fraction
        .bytes()
        .zip([10, 1])
        .map(|(b, scale)| u64::from(b - b'0') * scale)
        .sum::<u64>();
    whole.checked_mul(100)?.checked_add(fraction)
}

/// An amount of money in cents (the answer is in the order's currency, EUR for easyCredit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money {
    /// The amount in cents.
    pub cents: u64,
}

impl Money {
    /// Reads a JSON amount (`2849.35`, `302`, or the same as a string); `None` when it is
    /// negative, not a number or has more than two fraction digits.
    pub fn read(value: &Value) -> Option<Money> {
        hundredths(value).map(|cents| Money { cents })
    }

    /// The whole units (euros).
    pub const fn units(self) -> u64 {
        self.cents / 100
    }

    /// The cents after the decimal separator, 0–99.
    pub const fn fraction(self) -> u8 {
        (self.cents % 100) as u8
    }
}

/// An interest rate in hundredths of a percent (`8.99` % is 899).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rate {
    /// The rate in hundredths of a percent.
    pub hundredths: u64,
}

impl Rate {
    /// Reads a JSON percentage (`8.99`); `None` as for [`Money::read`].
    pub fn read(value: &Value) -> Option<Rate> {
        hundredths(value)
            .filter(|h| *h <= 100_000)
            .map(|hundredths| Rate { hundredths })
    }
}

/// A calendar date as the answer writes it (`2023-03-20`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, 1000–9999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1 to the month's last day.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD` (a time part after `T`, as ISO 8601 allows, is ignored).
    pub fn parse(text: &str) -> Option<Date> {
        let date = ascii::before_any(text.trim(), b"T");
        let mut parts = ascii::split(date, b"-");
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let num = |s: &str| {
            s.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        let (year, month, day) = (num(y)?, num(m)?, num(d)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let last = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1000 && (1..=last).contains(&day)).then_some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}
