//! Computop key=value strings: `&`-separated pairs split on the first `=`, keys case-insensitive.

/// An ordered list of key=value pairs with case-insensitive lookup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kv(pub Vec<(String, String)>);

impl Kv {
    /// Parses `a=b&c=d=` (no URL decoding: the Paygate's plaintext is not URL-encoded).
    pub fn parse(s: &str) -> Kv {
        Kv(s.split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (k.trim().to_string(), v.to_string()),
                None => (p.trim().to_string(), String::new()),
            })
            .collect())
    }

    /// Parses an `application/x-www-form-urlencoded` body.
    pub fn parse_form(body: &[u8]) -> Kv {
        Kv(form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect())
    }

    /// Creates an empty list.
    pub fn new() -> Kv {
        Kv(Vec::new())
    }

    /// Appends a pair; `&` in values is replaced (it cannot travel in this format).
    pub fn push(&mut self, key: &str, value: impl Into<String>) -> &mut Self {
        let v: String = value.into();
        self.0.push((key.to_string(), v.replace('&', "+")));
        self
    }

    /// The first value for `key`, compared case-insensitively.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// The first non-empty value for `key`.
    pub fn get_nonempty(&self, key: &str) -> Option<&str> {
        self.get(key).filter(|v| !v.trim().is_empty())
    }

    /// Serialises as `k=v&k=v`.
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// Serialises as a URL-encoded form body.
    pub fn encode_form(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.0 {
            s.append_pair(k, v);
        }
        s.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_first_equals_and_ignores_case() {
        let kv = Kv::parse("MerchantID=m&card=eyJhIjoiYiJ9==&x&Code=0");
        assert_eq!(kv.get("merchantid"), Some("m"));
        assert_eq!(kv.get("CARD"), Some("eyJhIjoiYiJ9=="));
        assert_eq!(kv.get("x"), Some(""));
        assert_eq!(kv.get("missing"), None);
    }

    #[test]
    fn encodes() {
        let mut kv = Kv::new();
        kv.push("a", "1").push("b", "x&y");
        assert_eq!(kv.encode(), "a=1&b=x+y");
    }
}
