//! Card fields as typed: the number's digits grouped by brand (4-4-4-4, AMEX 4-6-5) with the
//! caret kept after the same digit, the expiry field's `MM/YY` and the security code's digits.

use web_sys::HtmlInputElement;

use crate::protocol::card::{Brand, YearMonth};

/// The ASCII digits of `text`.
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// The most digits a number of `brand` may have (19 while the brand is unknown).
pub fn max_digits(brand: Option<Brand>) -> usize {
    brand.map_or(19, |b| *b.number_lengths().end())
}

/// `digits` grouped for `brand`: `4111 1111 1111 1111`, `3782 822463 10005`.
pub fn group(digits: &str, brand: Option<Brand>) -> String {
    let groups = brand.map_or(Brand::Visa.groups(), Brand::groups);
    let mut out = String::with_capacity(digits.len() + 4);
    let mut rest = digits;
    for (i, &size) in groups.iter().enumerate() {
        if rest.is_empty() {
            break;
        }
        if i > 0 {
            out.push(' ');
        }
        let take = if i + 1 == groups.len() {
            rest.len()
        } else {
            size.min(rest.len())
        };
        out.push_str(&rest[..take]);
        rest = &rest[take..];
    }
    out
}

/// The position just after the `n`-th digit of `formatted` (0 for none).
pub fn caret_after_digits(formatted: &str, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, b) in formatted.bytes().enumerate() {
        if b.is_ascii_digit() {
            seen += 1;
            if seen == n {
                return i + 1;
            }
        }
    }
    formatted.len()
}

/// Reformats the number input after an `input` event and returns its new value and brand.
/// `previous` is the formatted value before the event: deleting a group separator with
/// Backspace deletes the digit before it, so the caret never gets stuck.
pub fn reformat(input: &HtmlInputElement, previous: &str) -> (String, Option<Brand>) {
    let raw = input.value();
    let caret = input
        .selection_start()
        .ok()
        .flatten()
        .map_or(raw.len(), |c| c as usize);
    let mut before: usize = raw
        .encode_utf16()
        .take(caret)
        .filter(|u| (0x30..=0x39).contains(u))
        .count();
    let mut all = digits(&raw);
    if all == digits(previous) && raw.len() < previous.len() && before > 0 {
        all.remove(before - 1);
        before -= 1;
    }
    // The brand is read from the first four digits, so cutting to its length keeps it.
    let brand = Brand::detect(&all);
    all.truncate(max_digits(brand));
    let formatted = group(&all, brand);
    if formatted != raw {
        input.set_value(&formatted);
        let at = caret_after_digits(&formatted, before.min(all.len())) as u32;
        let _ = input.set_selection_range(at, at);
    }
    (formatted, brand)
}

/// The security code input's fixed attributes (4 digits until the brand is known).
pub const CVC_ATTRS: &[(&str, &str)] = &[
    ("type", "text"),
    ("inputmode", "numeric"),
    ("autocomplete", "cc-csc"),
    ("maxlength", "4"),
    ("spellcheck", "false"),
];

/// The security code as typed: its first four digits.
pub fn cvc_digits(raw: &str) -> String {
    raw.chars().filter(char::is_ascii_digit).take(4).collect()
}

/// Lets the security code input take as many digits as `brand` has (4 while unknown).
pub fn set_cvc_length(input: &HtmlInputElement, brand: Option<Brand>) {
    let _ = input.set_attribute(
        "maxlength",
        &brand.map_or(4, Brand::security_code_length).to_string(),
    );
}

/// Replaces the input's value by `format(value)` when that differs; returns the new value.
pub fn retype(input: &HtmlInputElement, format: fn(&str) -> String) -> String {
    let raw = input.value();
    let formatted = format(&raw);
    if formatted != raw {
        input.set_value(&formatted);
    }
    formatted
}

/// Formats the expiry field as typed: `MM/YY` (or `MM/YYYY`); `1/` becomes `01/`.
pub fn format_expiry(raw: &str) -> String {
    let (mut month, year) = match raw.split_once('/') {
        Some((m, y)) => (digits(m), digits(y)),
        None => {
            let d = digits(raw);
            if d.len() > 2 {
                (d[..2].to_owned(), d[2..].to_owned())
            } else {
                (d, String::new())
            }
        }
    };
    if month.len() == 1 && raw.contains('/') {
        month.insert(0, '0');
    }
    month.truncate(2);
    let mut out = month;
    if !year.is_empty() || (raw.contains('/') && !out.is_empty()) {
        out.push('/');
        out.push_str(&year[..year.len().min(4)]);
    }
    out
}

/// Reads `MM/YY`, `MM/YYYY`, `MMYY` or `MMYYYY` into a month; `None` when it is none of them.
pub fn parse_expiry(text: &str) -> Option<YearMonth> {
    let (month, year) = match text.split_once('/') {
        Some((m, y)) => (digits(m), digits(y)),
        None => {
            let d = digits(text);
            if d.len() != 4 && d.len() != 6 {
                return None;
            }
            (d[..2].to_owned(), d[2..].to_owned())
        }
    };
    let year: u16 = match year.len() {
        2 => 2000 + year.parse::<u16>().ok()?,
        4 => year.parse().ok()?,
        _ => return None,
    };
    if month.is_empty() || month.len() > 2 {
        return None;
    }
    YearMonth::new(year, month.parse().ok()?)
}
