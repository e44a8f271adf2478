//! Small input checks shared by the three origins.

/// An id as the sandbox accepts it from outside: 1–64 of `A-Z a-z 0-9 _ -`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// An EMV 3DS `challengeWindowSize`: `01` to `05`.
pub fn is_window_size(size: &str) -> bool {
    matches!(size, "01" | "02" | "03" | "04" | "05")
}

/// An `http://` or `https://` URL of at most 2048 bytes.
pub fn is_http_url(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://")) && s.len() <= 2048
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_window_sizes_urls() {
        assert!(
            valid_id("cus_a-1") && !valid_id("") && !valid_id("a b") && !valid_id(&"a".repeat(65))
        );
        assert!(is_window_size("05") && !is_window_size("06") && !is_window_size("5"));
        assert!(
            is_http_url("https://x")
                && !is_http_url("javascript:x")
                && !is_http_url(&format!("http://{}", "a".repeat(2048)))
        );
    }
}
