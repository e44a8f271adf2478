//! Random identifiers (PayID, transaction ids, pseudo card numbers, vault ids).

use rand::Rng;

/// `n` random lower-case hex characters.
pub fn hex(n: usize) -> String {
    let mut r = rand::thread_rng();
    (0..n)
        .map(|_| char::from_digit(r.gen_range(0..16), 16).unwrap_or('0'))
        .collect()
}

/// A 32-hex-character id (PayID, CustomerReferenceId).
pub fn id32() -> String {
    hex(32)
}

/// A UUID-v4-shaped string (3DS transaction ids).
pub fn uuid() -> String {
    let h = hex(32);
    format!(
        "{}-{}-4{}-a{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        &h[17..20],
        &h[20..32]
    )
}

/// `n` random decimal digits.
pub fn digits(n: usize) -> String {
    let mut r = rand::thread_rng();
    (0..n)
        .map(|_| char::from_digit(r.gen_range(0..10), 10).unwrap_or('0'))
        .collect()
}

/// A pseudo card number: 16 digits, starts with 0, ends with the PAN's last 3 digits.
pub fn pseudo_card_number(pan: &str) -> String {
    let tail = pan.get(pan.len().saturating_sub(3)..).unwrap_or("000");
    format!("0{}{}", digits(12), tail)
}

/// `n` random ASCII letters and digits (server-made idempotency keys).
pub fn alnum(n: usize) -> String {
    rand::thread_rng()
        .sample_iter(rand::distributions::Alphanumeric)
        .take(n)
        .map(char::from)
        .collect()
}
