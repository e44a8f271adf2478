//! The browser's clock, for expiry checks of the card components and the checkout.

use crate::protocol::card::YearMonth;

/// The current month in the browser's local time.
pub fn this_month() -> YearMonth {
    let now = js_sys::Date::new_0();
    YearMonth {
        year: now.get_full_year().min(9999) as u16,
        month: (now.get_month() + 1).clamp(1, 12) as u8,
    }
}
