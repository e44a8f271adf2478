//! The card fields as the customer types them, without the DOM: the card number's digits grouped
//! by brand (4-4-4-4, AMEX 4-6-5) with the caret kept after the same digit, the expiry date's
//! `MM/YY`, the security code's digits, and where an arrow key moves the choice among saved cards.

use crate::protocol::ascii;
use crate::protocol::card::{Brand, YearMonth};

/// The ASCII digits of `text`.
pub fn digits(text: &str) -> String {
    text.bytes()
        .filter(u8::is_ascii_digit)
        .map(char::from)
        .collect()
}

/// The most digits a card number of `brand` may have (19 while the brand is unknown).
pub fn max_digits(brand: Option<Brand>) -> usize {
    brand.map_or(19, |b| *b.number_lengths().end())
}

/// `digits` grouped for `brand`: `4111 1111 1111 1111`, `3782 822463 10005`; the last group
/// takes whatever is left.
pub fn group(digits: &str, brand: Option<Brand>) -> String {
    let groups = brand.map_or(Brand::Visa.groups(), Brand::groups);
    let mut out = String::with_capacity(digits.len() + groups.len());
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
        let (head, tail) = rest.split_at(take);
        out.push_str(head);
        rest = tail;
    }
    out
}

/// The position (in bytes, which are UTF-16 units too for ASCII text) just after the `n`-th
/// digit of `formatted`; 0 for none, the end when it has fewer digits.
pub fn caret_after_digits(formatted: &str, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    formatted
        .bytes()
        .enumerate()
        .filter(|(_, b)| b.is_ascii_digit())
        .nth(n - 1)
        .map_or(formatted.len(), |(i, _)| i + 1)
}

/// The card number field after one edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberEdit {
    /// The digits kept, grouped for the brand.
    pub formatted: String,
    /// The brand read from the first digits.
    pub brand: Option<Brand>,
    /// Where the caret goes in `formatted` (after the same digit as before the edit).
    pub caret: usize,
}

/// Regroups the card number field. `typed` is its value after the edit, `caret` the caret's
/// position in it in UTF-16 units, `previous` the formatted value before the edit: deleting a
/// group separator with Backspace deletes the digit before it, so the caret never gets stuck.
pub fn edit_number(typed: &str, caret: usize, previous: &str) -> NumberEdit {
    let mut before = typed
        .encode_utf16()
        .take(caret)
        .filter(|u| (0x30..=0x39).contains(u))
        .count();
    let mut all = digits(typed);
    if before > 0 && typed.len() < previous.len() && all == digits(previous) {
        all.remove(before - 1);
        before -= 1;
    }
    // The brand is read from the first four digits, so cutting to its length keeps it.
    let brand = Brand::detect(&all);
    all.truncate(max_digits(brand));
    let formatted = group(&all, brand);
    let caret = caret_after_digits(&formatted, before.min(all.len()));
    NumberEdit {
        formatted,
        brand,
        caret,
    }
}

/// How many digits the security code of `brand` has (4 while the brand is unknown).
pub fn security_code_length(brand: Option<Brand>) -> usize {
    brand.map_or(4, Brand::security_code_length)
}

/// The security code as typed: its first four digits.
pub fn security_code_digits(typed: &str) -> String {
    let mut code = digits(typed);
    code.truncate(4);
    code
}

/// The month and year digits of an expiry date as typed: around the first `/`, else the first
/// two digits and the rest.
fn expiry_parts(typed: &str) -> (String, String) {
    match ascii::split_once(typed, b'/') {
        Some((month, year)) => (digits(month), digits(year)),
        None => {
            let mut month = digits(typed);
            let year = month.split_off(month.len().min(2));
            (month, year)
        }
    }
}

/// Formats the expiry date field as typed: `MM/YY` (or `MM/YYYY`); `1/` becomes `01/`.
pub fn format_expiry(typed: &str) -> String {
    let slash = ascii::contains(typed, b'/');
    let (mut month, mut year) = expiry_parts(typed);
    if month.len() == 1 && slash {
        month.insert(0, '0');
    }
    month.truncate(2);
    year.truncate(4);
    let mut out = month;
    if !year.is_empty() || (slash && !out.is_empty()) {
        out.push('/');
        out.push_str(&year);
    }
    out
}

/// Reads `MM/YY`, `MM/YYYY`, `M/YY`, `MMYY` or `MMYYYY` into a month; `None` for anything else.
pub fn parse_expiry(text: &str) -> Option<YearMonth> {
    let (month, year) = expiry_parts(text);
    if !ascii::contains(text, b'/')
        && month.len() + year.len() != 4
        && month.len() + year.len() != 6
    {
        return None;
    }
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

/// Where `key` moves the choice in a radio group whose options are `enabled` or not, from
/// option `current`: the arrow keys go to the next or previous enabled option (wrapping), Home
/// and End to the first and last enabled one. `None` when the key is none of these or no
/// option is enabled.
pub fn radio_target(key: &str, enabled: &[bool], current: Option<usize>) -> Option<usize> {
    let n = enabled.len();
    let first = enabled.iter().position(|&e| e);
    let last = enabled.iter().rposition(|&e| e);
    let step = |forward: bool| -> Option<usize> {
        let start = current.filter(|&c| c < n)?;
        (1..=n)
            .map(|k| {
                if forward {
                    (start + k) % n
                } else {
                    (start + n - k) % n
                }
            })
            .find(|&i| enabled[i])
    };
    match key {
        "ArrowDown" | "ArrowRight" | "Down" | "Right" => step(true).or(first),
        "ArrowUp" | "ArrowLeft" | "Up" | "Left" => step(false).or(last),
        "Home" => first,
        "End" => last,
        _ => None,
    }
}
