//! Card checks (Luhn, brand, expiry, CVC length) and the sandbox's test-card behaviours.

/// What the simulated issuer does with a card (README "Test cards").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// ACS with a method URL, frictionless, authorised.
    Frictionless,
    /// Issuer without a method URL: the Paygate's own rendering URL; frictionless.
    NoMethodUrl,
    /// Challenge; OTP `1234` passes.
    Challenge,
    /// Challenge with `acsChallengeMandated: true`; OTP `1234` passes.
    ChallengeMandated,
    /// Challenge that always fails.
    ChallengeFails,
    /// The ACS method page never notifies: Paygate timeout, then frictionless.
    MethodTimeout,
    /// Not enrolled for 3DS 2: 3-D Secure 1.0 fallback.
    NotEnrolled,
    /// Authenticated, then declined at authorisation.
    Declined,
}

impl Scenario {
    /// The scenario for a real PAN.
    pub fn for_pan(pan: &str) -> Scenario {
        match pan {
            "4000000000001000" => Scenario::NoMethodUrl,
            "4000000000001091" => Scenario::Challenge,
            "4000000000001109" => Scenario::ChallengeMandated,
            "4000000000001117" => Scenario::ChallengeFails,
            "4000000000001125" => Scenario::MethodTimeout,
            "4000000000002008" => Scenario::NotEnrolled,
            "4000000000000002" => Scenario::Declined,
            _ => Scenario::Frictionless,
        }
    }

    /// True when the issuer asks for a challenge after the method step.
    pub fn challenges(self) -> bool {
        matches!(
            self,
            Scenario::Challenge | Scenario::ChallengeMandated | Scenario::ChallengeFails
        )
    }
}

use paygate_wasm::protocol::card::Brand;

pub use paygate_wasm::protocol::card::{is_pseudo_card_number, luhn_valid};

/// Computop brand spelling for a PAN, from its IIN.
pub fn brand_of(pan: &str) -> &'static str {
    Brand::detect(pan).map_or("Unknown", Brand::spelling)
}

/// True when `cvc` is all digits and as long as the brand (a Computop spelling) requires:
/// 4 for AMEX, 3 for the other brands and for an unknown one.
pub fn cvc_ok(brand: &str, cvc: &str) -> bool {
    cvc.len() == Brand::from_name(brand).map_or(3, Brand::security_code_length)
        && cvc.bytes().all(|b| b.is_ascii_digit())
}

/// Checks `YYYYMM` and that the month is not before `(year, month)` (the current month).
pub fn expiry_ok(expiry: &str, now: (i32, u32)) -> Result<(), &'static str> {
    if expiry.len() != 6 || !expiry.bytes().all(|b| b.is_ascii_digit()) {
        return Err("expiryDate must be YYYYMM");
    }
    let y: i32 = expiry[..4]
        .parse()
        .map_err(|_| "expiryDate must be YYYYMM")?;
    let m: u32 = expiry[4..]
        .parse()
        .map_err(|_| "expiryDate must be YYYYMM")?;
    if !(1..=12).contains(&m) {
        return Err("expiryDate month must be 01-12");
    }
    if (y, m) < now {
        return Err("card expired");
    }
    Ok(())
}

/// Masked PAN for logs and CDS (`411111xxxxxx1111`).
pub fn mask(pan: &str) -> String {
    if pan.len() < 10 {
        return "x".repeat(pan.len());
    }
    format!(
        "{}{}{}",
        &pan[..6],
        "x".repeat(pan.len() - 10),
        &pan[pan.len() - 4..]
    )
}

/// What is wrong with a card, as [`validate_card`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardFault {
    /// Luhn or length.
    Number,
    /// Malformed or expired, with the reason from [`expiry_ok`].
    Expiry(&'static str),
    /// Security code length wrong for the brand, or not digits.
    Cvc,
}

impl CardFault {
    /// The message for the merchant.
    pub fn message(self) -> &'static str {
        match self {
            CardFault::Number => "invalid card number",
            CardFault::Expiry(m) => m,
            CardFault::Cvc => "invalid security code length",
        }
    }
}

/// Validates a real card: Luhn, length, expiry, CVC length for its brand. Answers the brand.
pub fn validate_card(
    number: &str,
    expiry: &str,
    cvc: &str,
    now: (i32, u32),
) -> Result<&'static str, CardFault> {
    if !(12..=19).contains(&number.len()) || !luhn_valid(number) {
        return Err(CardFault::Number);
    }
    expiry_ok(expiry, now).map_err(CardFault::Expiry)?;
    let brand = brand_of(number);
    if !cvc_ok(brand, cvc) {
        return Err(CardFault::Cvc);
    }
    Ok(brand)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cards_are_valid() {
        for pan in [
            "4111111111111111",
            "5555555555554444",
            "378282246310005",
            "4000000000001000",
            "4000000000001091",
            "4000000000001109",
            "4000000000001117",
            "4000000000001125",
            "4000000000002008",
            "4000000000000002",
        ] {
            assert!(luhn_valid(pan), "{pan}");
        }
        assert!(!luhn_valid("4111111111111112"));
        assert_eq!(brand_of("5555555555554444"), "MasterCard");
        assert_eq!(brand_of("378282246310005"), "AMEX");
        assert_eq!(Scenario::for_pan("4000000000002008"), Scenario::NotEnrolled);
    }

    #[test]
    fn expiry_and_cvc() {
        assert!(expiry_ok("203012", (2026, 5)).is_ok());
        assert!(expiry_ok("202605", (2026, 5)).is_ok());
        assert!(expiry_ok("202604", (2026, 5)).is_err());
        assert!(expiry_ok("202613", (2026, 5)).is_err());
        assert!(validate_card("378282246310005", "203001", "123", (2026, 1)).is_err());
        assert_eq!(
            validate_card("378282246310005", "203001", "1234", (2026, 1)),
            Ok("AMEX")
        );
        assert_eq!(mask("4111111111111111"), "411111xxxxxx1111");
        assert!(is_pseudo_card_number("0123456789012111"));
    }

    #[test]
    fn cvc_length_per_brand_spelling() {
        for brand in [
            "VISA",
            "MasterCard",
            "DINERS",
            "JCB",
            "Maestro",
            "CUP",
            "Discover",
            "Unknown",
            "",
        ] {
            assert!(cvc_ok(brand, "123") && !cvc_ok(brand, "1234"), "{brand}");
        }
        assert!(cvc_ok("AMEX", "1234") && !cvc_ok("AMEX", "123") && !cvc_ok("VISA", "12a"));
        assert_eq!(
            validate_card("4111111111111111", "203001", "12", (2026, 1)),
            Err(CardFault::Cvc)
        );
        assert_eq!(
            validate_card("4111111111111112", "203001", "123", (2026, 1)),
            Err(CardFault::Number)
        );
    }
}
