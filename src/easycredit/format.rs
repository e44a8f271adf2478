//! Amounts, rates and dates as a German or English reader expects them: `2.849,35 €` /
//! `€2,849.35`, `8,99 %` / `8.99%`, `20.03.2023` / `20 March 2023`. Integer arithmetic only.

use crate::i18n::Locale;
use crate::protocol::decimal::push_decimal;
use crate::protocol::easycredit::{Date, Money, Rate};

/// The no-break space between a German amount and its unit, so `€` and `%` never wrap alone.
const NBSP: char = '\u{a0}';

/// `units` with thousands grouped and two decimals: `2.849,35` (de) or `2,849.35` (en).
fn decimal(locale: Locale, hundredths: u64) -> String {
    let (group, point) = match locale {
        Locale::De => ('.', ','),
        Locale::En => (',', '.'),
    };
    let digits = crate::protocol::decimal::decimal(hundredths / 100);
    let mut out = String::with_capacity(digits.len() + 6);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    let fraction = hundredths % 100;
    out.push(point);
    out.push(char::from(b'0' + (fraction / 10) as u8));
    out.push(char::from(b'0' + (fraction % 10) as u8));
    out
}

/// An amount in euros: `2.849,35 €` (de, with a no-break space) or `€2,849.35` (en).
pub fn money(locale: Locale, amount: Money) -> String {
    let mut number = decimal(locale, amount.cents);
    match locale {
        Locale::De => {
            number.push(NBSP);
            number.push('€');
            number
        }
        Locale::En => ["€", &number].concat(),
    }
}

/// A percentage: `8,99 %` (de, with a no-break space) or `8.99%` (en).
pub fn rate(locale: Locale, rate: Rate) -> String {
    let mut number = decimal(locale, rate.hundredths);
    if locale == Locale::De {
        number.push(NBSP);
    }
    number.push('%');
    number
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date: `20.03.2023` (de) or `20 March 2023` (en).
pub fn date(locale: Locale, d: Date) -> String {
    let mut out = String::new();
    match locale {
        Locale::De => {
            push_decimal(&mut out, d.day.into(), 2);
            out.push('.');
            push_decimal(&mut out, d.month.into(), 2);
            out.push('.');
        }
        Locale::En => {
            push_decimal(&mut out, d.day.into(), 0);
            out.push(' ');
            out.push_str(MONTHS[usize::from(d.month.clamp(1, 12) - 1)]);
            out.push(' ');
        }
    }
    push_decimal(&mut out, d.year.into(), 0);
    out
}
