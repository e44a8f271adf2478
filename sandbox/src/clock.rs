//! Wall-clock helpers (UTC) without a date crate: ISO timestamps and the current month.

use std::time::{SystemTime, UNIX_EPOCH};

use paygate_wasm::protocol::card::YearMonth;

/// Civil date (year, month, day) from days since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn now_millis() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// `YYYY-MM-DDThh:mm:ss.mmm` (the vault documents' timestamp format), UTC, shifted by `offset_s`.
pub fn iso_now_offset(offset_s: i64) -> String {
    let ms = now_millis() + offset_s * 1000;
    let (secs, milli) = (ms.div_euclid(1000), ms.rem_euclid(1000));
    let (days, sod) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{milli:03}",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    )
}

/// The current timestamp, see [`iso_now_offset`].
pub fn iso_now() -> String {
    iso_now_offset(0)
}

/// The current (year, month), UTC.
pub fn year_month() -> (i32, u32) {
    let (y, m, _) = civil_from_days(now_millis().div_euclid(86_400_000));
    (y as i32, m)
}

/// The current month as the protocol core's [`YearMonth`], UTC.
pub fn this_month() -> YearMonth {
    let (year, month) = year_month();
    YearMonth {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: month as u8,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(super::iso_now().len(), 23);
    }
}
