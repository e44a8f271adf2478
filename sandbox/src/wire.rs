//! The Paygate wire format (README "Wire format"): Blowfish-ECB `Data` with zero padding and `Len`,
//! the HMAC-SHA256 `MAC`, and tolerant base64 for JSON-valued parameters.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use blowfish::Blowfish;
use ecb::cipher::block_padding::NoPadding;
use ecb::cipher::{BlockDecryptMut, BlockEncryptMut, KeyInit};
use hmac::{Hmac, Mac};
use paygate_wasm::protocol::codec::decode_base64;
use sha2::Sha256;

use paygate_wasm::protocol::kv::KeyValues;

/// Blowfish block size in bytes.
const BLOCK: usize = 8;
/// Largest `Len` the sandbox accepts (the plaintext of any real request is far smaller).
pub const MAX_LEN: usize = 32 * 1024;

/// Why a `Len`/`Data` pair or a key could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    /// The password is not a valid Blowfish key (4–56 bytes).
    BadKey,
    /// `Len` is not a positive decimal of at most [`MAX_LEN`].
    LenFormat,
    /// `Len` is zero or does not fit the `Data`.
    BadLen,
    /// `Data` is not hex, or not a whole number of blocks.
    BadHex,
    /// The plaintext is not UTF-8.
    NotUtf8,
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            WireError::BadKey => "invalid Blowfish key",
            WireError::LenFormat => "invalid Len",
            WireError::BadLen => "Len does not match Data",
            WireError::BadHex => "invalid Data (hex)",
            WireError::NotUtf8 => "Data is not UTF-8",
        })
    }
}

/// An encrypted message as it travels: `Len` and upper-case hex `Data`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encrypted {
    /// Length of the plaintext before padding.
    pub len: usize,
    /// Upper-case hex of the Blowfish-ECB ciphertext.
    pub data: String,
}

/// Encrypts `plaintext` with Blowfish-ECB (zero padding to a multiple of 8), hex upper case.
pub fn encrypt(key: &[u8], plaintext: &str) -> Result<Encrypted, WireError> {
    let cipher = ecb::Encryptor::<Blowfish>::new_from_slice(key).map_err(|_| WireError::BadKey)?;
    let mut buf = plaintext.as_bytes().to_vec();
    let padded = buf.len().div_ceil(BLOCK).max(1) * BLOCK;
    buf.resize(padded, 0);
    let out = cipher.encrypt_padded_vec_mut::<NoPadding>(&buf);
    Ok(Encrypted {
        len: plaintext.len(),
        data: hex::encode_upper(out),
    })
}

/// Parses a `Len` value (decimal, positive, at most [`MAX_LEN`]).
pub fn parse_len(len: &str) -> Result<usize, WireError> {
    let t = len.trim();
    if t.is_empty() || t.len() > 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WireError::LenFormat);
    }
    let n: usize = t.parse().map_err(|_| WireError::LenFormat)?;
    if n == 0 || n > MAX_LEN {
        return Err(WireError::LenFormat);
    }
    Ok(n)
}

/// Decrypts hex `data` (either case) and cuts the plaintext to `len` bytes.
pub fn decrypt(key: &[u8], len: usize, data: &str) -> Result<String, WireError> {
    let raw = hex::decode(data.trim()).map_err(|_| WireError::BadHex)?;
    if raw.is_empty() || raw.len() % BLOCK != 0 {
        return Err(WireError::BadHex);
    }
    if len == 0 || len > raw.len() || raw.len() - len >= BLOCK {
        return Err(WireError::BadLen);
    }
    let cipher = ecb::Decryptor::<Blowfish>::new_from_slice(key).map_err(|_| WireError::BadKey)?;
    let mut plain = cipher
        .decrypt_padded_vec_mut::<NoPadding>(&raw)
        .map_err(|_| WireError::BadHex)?;
    plain.truncate(len);
    String::from_utf8(plain).map_err(|_| WireError::NotUtf8)
}

/// Encrypts `kv` into the form body of a server-to-server request: `MerchantID`, `Len`, `Data`.
pub fn seal_form(key: &[u8], merchant_id: &str, kv: &KeyValues) -> Result<String, WireError> {
    let e = encrypt(key, &kv.encode())?;
    let mut form = KeyValues::new();
    form.push("MerchantID", merchant_id)
        .push("Len", e.len.to_string())
        .push("Data", e.data);
    Ok(crate::form::encode(&form))
}

/// Decrypts a `Len`/`Data` pair into its key=value pairs.
pub fn open_kv(key: &[u8], len: &str, data: &str) -> Result<KeyValues, WireError> {
    let plain = decrypt(key, parse_len(len)?, data)?;
    Ok(KeyValues::parse(&plain))
}

/// HMAC-SHA256 of `message` under `key`, upper-case hex.
pub fn mac(key: &[u8], message: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    m.update(message.as_bytes());
    hex::encode_upper(m.finalize().into_bytes())
}

/// Constant-time comparison of a received MAC (either case) with the expected one.
pub fn mac_matches(key: &[u8], message: &str, received: &str) -> bool {
    let Ok(bytes) = hex::decode(received.trim()) else {
        return false;
    };
    let mut m = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    m.update(message.as_bytes());
    m.verify_slice(&bytes).is_ok()
}

/// The string a request MAC is computed over: `PayID*TransID*MerchantID*Amount*Currency`.
pub fn request_mac_input(
    pay_id: &str,
    trans_id: &str,
    merchant_id: &str,
    amount: &str,
    currency: &str,
) -> String {
    format!("{pay_id}*{trans_id}*{merchant_id}*{amount}*{currency}")
}

/// The string a response/notify MAC is computed over: `PayID*TransID*MerchantID*Status*Code`.
pub fn response_mac_input(
    pay_id: &str,
    trans_id: &str,
    merchant_id: &str,
    status: &str,
    code: &str,
) -> String {
    format!("{pay_id}*{trans_id}*{merchant_id}*{status}*{code}")
}

/// Standard base64 (padded) of `bytes`.
pub fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// URL-safe base64 without padding of `bytes` (3DS method data, CRes).
pub fn b64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes a base64 JSON parameter (standard or URL-safe, padded or not) into a JSON value.
pub fn b64_json(s: &str) -> Option<serde_json::Value> {
    serde_json::from_slice(&decode_base64(s)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blowfish_known_answer() {
        let e = encrypt(b"password", "plaintext").unwrap();
        assert_eq!(e.data, "14EC7A6DA0FBB3E50A84B47302443328");
        assert_eq!(e.len, 9);
        assert_eq!(
            decrypt(b"password", 9, "14ec7a6da0fbb3e50a84b47302443328").unwrap(),
            "plaintext"
        );
    }

    #[test]
    fn hmac_known_answer() {
        assert_eq!(
            mac(b"password", "value"),
            "18B40402BBF3FEED824E9F762B412F1108C4D678B2A067425B99963CD68B1D6A"
        );
        assert!(mac_matches(
            b"password",
            "value",
            "18b40402bbf3feed824e9f762b412f1108c4d678b2a067425b99963cd68b1d6a"
        ));
        assert!(!mac_matches(
            b"password",
            "value2",
            "18B40402BBF3FEED824E9F762B412F1108C4D678B2A067425B99963CD68B1D6A"
        ));
    }

    #[test]
    fn round_trip_and_len_checks() {
        let text = "MerchantID=x&TransID=1&Amount=100&Currency=EUR";
        let e = encrypt(b"sandbox-blowfish-password", text).unwrap();
        assert_eq!(e.data.len() % 16, 0);
        assert_eq!(
            decrypt(b"sandbox-blowfish-password", e.len, &e.data).unwrap(),
            text
        );
        assert_eq!(
            decrypt(b"sandbox-blowfish-password", e.len + 8, &e.data),
            Err(WireError::BadLen)
        );
        assert_eq!(
            decrypt(b"sandbox-blowfish-password", 1, &e.data),
            Err(WireError::BadLen)
        );
        assert_eq!(
            decrypt(b"sandbox-blowfish-password", 4, "zz"),
            Err(WireError::BadHex)
        );
        assert_eq!(
            decrypt(b"sandbox-blowfish-password", 4, "ABCD"),
            Err(WireError::BadHex)
        );
        assert!(
            parse_len("12a").is_err() && parse_len("0").is_err() && parse_len("99999999").is_err()
        );
    }

    #[test]
    fn mac_strings() {
        assert_eq!(
            request_mac_input("", "T1", "m", "100", "EUR"),
            "*T1*m*100*EUR"
        );
        assert_eq!(
            response_mac_input("P", "T1", "m", "OK", "00000000"),
            "P*T1*m*OK*00000000"
        );
    }

    #[test]
    fn base64_variants() {
        for s in ["eyJhIjoiYj8ifQ==", "eyJhIjoiYj8ifQ", "eyJhIjoiYj8ifQ"] {
            assert_eq!(b64_json(s).unwrap()["a"], "b?");
        }
        assert!(b64_json("%%%").is_none());
    }
}
