//! Runtime configuration: the three origins, the merchant credentials and the knobs.

use std::path::PathBuf;
use std::time::Duration;

/// Everything the servers need to know about themselves and the merchant.
#[derive(Debug, Clone)]
pub struct Config {
    /// Shop + merchant backend origin, e.g. `http://127.0.0.1:8080`.
    pub shop: String,
    /// The shop origin as the Paygate reaches it, where URLNotify goes: `--public-url` (the
    /// load balancer in front of several backend instances), else [`Config::shop`].
    pub public_shop: String,
    /// Paygate origin.
    pub paygate: String,
    /// ACS origin.
    pub acs: String,
    /// The one merchant the sandbox Paygate knows.
    pub merchant_id: String,
    /// Blowfish password (raw bytes are the key).
    pub blowfish_key: Vec<u8>,
    /// HMAC password.
    pub hmac_key: Vec<u8>,
    /// How long the Paygate waits for the 3DS method notification.
    pub method_timeout: Duration,
    /// How long a challenge may stay open before the Paygate ends it in a 3-D Secure timeout.
    pub challenge_timeout: Duration,
    /// Static files served at `/` on the shop origin.
    pub www: PathBuf,
    /// Static files served at `/pkg/` on the shop origin.
    pub pkg: PathBuf,
    /// Serve the pages of `www` as they are, without the demo shop's headers (`--plain-www`:
    /// a shop's own pages under test, with their own policy).
    pub plain_www: bool,
    /// How the Paygate's browser documents post their message (`--message-encoding`).
    pub message_encoding: crate::paygate::encoding::EncodingSwitch,
}

/// Merchant credentials from the environment, with the sandbox's defaults (README "Command
/// line").
pub fn credentials_from_env() -> (String, Vec<u8>, Vec<u8>) {
    let get = |k: &str, d: &str| {
        std::env::var(k)
            .ok()
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| d.to_string())
    };
    (
        get("PAYGATE_MERCHANT_ID", "sandbox_shop"),
        get("PAYGATE_BLOWFISH_PASSWORD", "sandbox-blowfish-password").into_bytes(),
        get("PAYGATE_HMAC_PASSWORD", "sandbox-hmac-password").into_bytes(),
    )
}
