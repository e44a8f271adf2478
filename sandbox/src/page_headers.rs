//! The headers of the shop origin's payment pages (the demo shop and the PayPage template), as
//! the README's "Content-Security-Policy" recommends them: a policy that allows the package, its
//! wasm and the 3-D Secure frames and forms and nothing else, that no other site may frame, with
//! no `<base>` and no plugins; `X-Content-Type-Options: nosniff`; and a `Referrer-Policy` that
//! hands no payment URL to the Paygate, the ACS or anyone else.

use axum::http::{header, HeaderMap, HeaderValue};

/// `Referrer-Policy` of the payment pages: the URLs carry amounts and payment ids.
pub const REFERRER_POLICY: &str = "no-referrer";

/// A payment page's Content-Security-Policy, by the parts that differ between pages.
#[derive(Debug, Clone)]
pub struct Csp {
    /// Sources of `script-src` beside `'self' 'wasm-unsafe-eval'` (an inline import map's hash).
    pub script_extra: Vec<String>,
    /// `frame-src`: the Paygate (the method frame) and the ACS (the challenge).
    pub frame_src: String,
    /// `form-action`: where the method and challenge forms post (the Paygate and the ACS).
    pub form_action: String,
}

impl Csp {
    /// The policy of a page that pays through the Paygate at `paygate` with the ACS at `acs`.
    pub fn payment(paygate: &str, acs: &str) -> Csp {
        Csp {
            script_extra: Vec::new(),
            frame_src: format!("{paygate} {acs}"),
            form_action: format!("{paygate} {acs}"),
        }
    }

    /// The header value.
    pub fn value(&self) -> String {
        let extra: String = self.script_extra.iter().map(|s| format!(" {s}")).collect();
        format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{extra}; style-src 'self'; \
             frame-src {}; form-action {}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
            self.frame_src, self.form_action
        )
    }
}

/// Adds `X-Content-Type-Options: nosniff`, which every static file gets: a script or
/// stylesheet is used only when served as one.
pub fn nosniff(headers: &mut HeaderMap) {
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// Adds the headers of a payment page: `csp`, nosniff, the referrer policy, and
/// `X-Frame-Options: DENY` for browsers that do not know `frame-ancestors`.
pub fn payment_page(headers: &mut HeaderMap, csp: &Csp) {
    if let Ok(v) = HeaderValue::from_str(&csp.value()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    nosniff(headers);
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static(REFERRER_POLICY),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_every_directive_a_payment_page_needs() {
        let mut csp = Csp::payment("https://pg.example", "https://acs.example");
        csp.script_extra.push("'sha256-abc'".into());
        let v = csp.value();
        for d in [
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';",
            "frame-src https://pg.example https://acs.example;",
            "form-action https://pg.example https://acs.example;",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        ] {
            assert!(v.contains(d), "{d} in {v}");
        }
        let mut h = HeaderMap::new();
        payment_page(&mut h, &csp);
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(h[header::REFERRER_POLICY], "no-referrer");
    }
}
