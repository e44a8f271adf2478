//! Whole numbers as decimal text, written without `core::fmt`: the wasm does not link Rust's
//! formatting machinery (`format!`, `to_string()` of numbers).

/// Appends `n` in decimal to `out`, with leading zeros up to `width` digits (`format!("{n:0width$}")`).
pub fn push_decimal(out: &mut String, n: u64, width: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    let mut rest = n;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for _ in digits.len() - start..width {
        out.push('0');
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// `n` in decimal (`n.to_string()`).
pub fn decimal(n: u64) -> String {
    let mut out = String::new();
    push_decimal(&mut out, n, 0);
    out
}
