//! Which URLs may become a form action or a frame source: `https:`, or `http:` to loopback.

use super::ascii;
use super::error::{Error, UrlRefusal};

/// A URL that passed the policy. The only way to make one is [`SafeUrl::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeUrl(String);

impl SafeUrl {
    /// Checks `text` against the policy; `field` names it in the error.
    ///
    /// Refused: anything but `https:` and loopback `http:` (`javascript:`, `data:`, `blob:`,
    /// `file:` …), relative URLs, white space or control characters anywhere (browsers drop
    /// tabs and line breaks, so `java\tscript:` would run), backslashes, and user info.
    pub fn parse(text: &str, field: &'static str) -> Result<Self, Error> {
        let refuse = |reason| Error::InsecureUrl { field, reason };
        if text
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
        {
            return Err(refuse(UrlRefusal::Suspicious));
        }
        let (scheme, rest) =
            ascii::split_once(text, b':').ok_or(refuse(UrlRefusal::NotAbsolute))?;
        let valid_scheme = !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !valid_scheme {
            return Err(refuse(UrlRefusal::NotAbsolute));
        }
        let plain = if scheme.eq_ignore_ascii_case("https") {
            false
        } else if scheme.eq_ignore_ascii_case("http") {
            true
        } else {
            return Err(refuse(UrlRefusal::Scheme));
        };
        let rest = rest
            .strip_prefix("//")
            .ok_or(refuse(UrlRefusal::NotAbsolute))?;
        let authority = authority(rest);
        if ascii::contains(authority, b'@') {
            return Err(refuse(UrlRefusal::Suspicious));
        }
        let host = host_of(authority).ok_or(refuse(UrlRefusal::Host))?;
        if plain && !is_loopback(host) {
            return Err(refuse(UrlRefusal::PlainHttp));
        }
        Ok(SafeUrl(text.to_owned()))
    }

    /// The URL as it was given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The URL's origin (`scheme://host[:port]`), lower-cased as browsers report it.
    pub fn origin(&self) -> String {
        let (scheme, rest) = split_scheme(&self.0);
        let authority = authority(rest);
        let scheme = scheme.to_ascii_lowercase();
        let authority = authority.to_ascii_lowercase();
        let default_port = if scheme == "https" { ":443" } else { ":80" };
        let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
        let mut origin = scheme;
        origin.push_str("://");
        origin.push_str(authority);
        origin
    }
}

/// `scheme` and what follows the first `://` (`("", url)` without one). Over bytes: a string
/// pattern would bring core's two-way substring searcher into the wasm.
pub fn split_scheme(url: &str) -> (&str, &str) {
    match url.as_bytes().windows(3).position(|w| w == b"://") {
        Some(i) => (&url[..i], &url[i + 3..]),
        None => ("", url),
    }
}

/// The authority of what follows `scheme://`: up to the first `/`, `?` or `#`.
pub fn authority(rest: &str) -> &str {
    ascii::before_any(rest, b"/?#")
}

/// The host of `host[:port]` as written (an IPv6 host with its brackets); `None` when it is
/// empty or malformed.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = if ascii::starts_with(authority, b'[') {
        let end = ascii::find(authority, b']')?;
        let after = &authority[end + 1..];
        let port = ascii::starts_with(after, b':').then(|| &after[1..]);
        (&authority[..=end], port)
    } else {
        match ascii::rsplit_once(authority, b':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':' | '_'));
    host_ok.then_some(host)
}

/// Whether `host` (any case) is `localhost`, `[::1]` or a dotted-quad in 127.0.0.0/8.
fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    let mut octets = ascii::split(host, b".");
    octets.next() == Some("127")
        && octets.clone().count() == 3
        && octets.all(|o| !o.is_empty() && o.len() <= 3 && o.parse::<u16>().is_ok_and(|v| v <= 255))
}
