//! The corporate PayPage template (`www/paypage/index.html`) as the shop origin serves it at
//! `/paypage/`: every `integrity="{{sri}}"` filled with the SRI value of the file its tag loads,
//! the import map's `{{module-integrity}}` with those of the package's modules (the `.js` of
//! `--pkg`), the import map's hash in its Content-Security-Policy, and the other headers of a
//! payment page. The hashes change with every build, so they are taken from the files as they
//! are served; a corporate template carries those of its version (`pkg/integrity.json`).
//!
//! Variants for the tests: `?sri=wrong-script` pins `paypage.js`, `?sri=wrong-module` the
//! package's module, to a hash that does not match; `?csp=frame-src-without-acs`,
//! `?csp=form-action-without-acs` and `?csp=report-only-without-acs` (which only reports what
//! `frame-src <paygate>` would block) are the policies of a misconfigured shop.

use std::path::Path;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256, Sha384};

use crate::page_headers::{payment_page, Csp};
use crate::state::Shared;

/// Where the template wants the SRI value of the file its tag loads.
const SRI_SLOT: &str = "{{sri}}";
/// Where the template wants the import map's `integrity` object.
const MODULES_SLOT: &str = "{{module-integrity}}";
/// The start of the inline import map, whose hash the policy allows.
const IMPORT_MAP: &str = "<script type=\"importmap\">";
/// The template's own module, pinned wrong by `?sri=wrong-script`.
const PAGE_SCRIPT: &str = "/paypage/paypage.js";
/// The package's module, pinned wrong by `?sri=wrong-module`.
const PACKAGE_MODULE: &str = "/pkg/paygate_wasm.js";

/// `sha384-…` of some bytes: the Subresource Integrity value.
pub fn sri(bytes: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    format!("sha384-{}", b64.encode(Sha384::digest(bytes)))
}

/// The value of `name="…"` in one tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// The URL path of `url` as referenced from a page under `/paypage/`.
fn absolute(url: &str) -> String {
    if url.starts_with('/') {
        url.to_string()
    } else {
        format!("/paypage/{url}")
    }
}

/// Which pin a test variant gets wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tamper {
    None,
    Script,
    Module,
}

/// A PayPage being rendered: where its files are, and which pin to get wrong.
struct Render<'a> {
    app: &'a Shared,
    tamper: Tamper,
}

impl Render<'_> {
    /// The SRI value the page pins `path` to.
    fn pin(&self, path: &str) -> Option<String> {
        let wrong = match self.tamper {
            Tamper::Script => path == PAGE_SCRIPT,
            Tamper::Module => path == PACKAGE_MODULE,
            Tamper::None => false,
        };
        if wrong {
            return Some(sri(b"not the file that is served"));
        }
        let file = crate::shop::file_of(&self.app.cfg, path)?;
        std::fs::read(file).ok().map(|b| sri(&b))
    }

    /// `{"/pkg/<module>.js": "sha384-…", …}` for every module of the package.
    fn modules(&self) -> String {
        let mut names: Vec<String> = std::fs::read_dir(&self.app.cfg.pkg)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".js"))
            .collect();
        names.sort();
        let pins: serde_json::Map<String, serde_json::Value> = names
            .into_iter()
            .filter_map(|n| {
                let path = format!("/pkg/{n}");
                let pin = self.pin(&path)?;
                Some((path, pin.into()))
            })
            .collect();
        serde_json::Value::Object(pins).to_string()
    }

    /// The template with every slot filled; `Err` names a slot that could not be.
    fn fill(&self, html: &str) -> Result<String, String> {
        let html = html.replace(MODULES_SLOT, &self.modules());
        let mut out = String::with_capacity(html.len() + 1024);
        let mut rest = html.as_str();
        while let Some(at) = rest.find(SRI_SLOT) {
            let before = &rest[..at];
            let tag = &before[before.rfind('<').unwrap_or(0)..];
            let url = attribute(tag, "src")
                .or_else(|| attribute(tag, "href"))
                .ok_or_else(|| format!("{SRI_SLOT} in a tag that loads nothing: {tag}"))?;
            let pin = self
                .pin(&absolute(url))
                .ok_or_else(|| format!("{url} is not there to be pinned"))?;
            out.push_str(before);
            out.push_str(&pin);
            rest = &rest[at + SRI_SLOT.len()..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// `'sha256-…'` of the page's inline import map, for `script-src`.
fn import_map_hash(html: &str) -> Option<String> {
    let start = html.find(IMPORT_MAP)? + IMPORT_MAP.len();
    let len = html[start..].find("</script>")?;
    let b64 = base64::engine::general_purpose::STANDARD;
    Some(format!(
        "'sha256-{}'",
        b64.encode(Sha256::digest(&html.as_bytes()[start..start + len]))
    ))
}

/// The PayPage's policy: the payment page's, with the import map's hash and the test variant.
fn policy(app: &Shared, query: &str, html: &str) -> Csp {
    let (paygate, acs) = (&app.cfg.paygate, &app.cfg.acs);
    let mut csp = Csp::payment(paygate, acs);
    csp.script_extra.extend(import_map_hash(html));
    match variant(query, "csp") {
        Some("frame-src-without-acs") => csp.frame_src = paygate.clone(),
        Some("form-action-without-acs") => csp.form_action = format!("'self' {paygate}"),
        _ => {}
    }
    csp
}

/// The value of `key=` in the query.
fn variant<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}

/// Serves the template at `file` for a request with `query`.
pub async fn page(app: &Shared, file: &Path, query: &str) -> Response {
    let Ok(html) = tokio::fs::read_to_string(file).await else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let tamper = match variant(query, "sri") {
        Some("wrong-script") => Tamper::Script,
        Some("wrong-module") => Tamper::Module,
        _ => Tamper::None,
    };
    let html = match (Render { app, tamper }).fill(&html) {
        Ok(h) => h,
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e).into_response(),
    };
    let mut r = (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html.clone(),
    )
        .into_response();
    payment_page(r.headers_mut(), &policy(app, query, &html));
    if variant(query, "csp") == Some("report-only-without-acs") {
        if let Ok(v) = HeaderValue::from_str(&format!("frame-src {}", app.cfg.paygate)) {
            r.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY_REPORT_ONLY, v);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_what_they_load() {
        let tag = r#"<link rel="stylesheet" href="/pkg/style.css" integrity=""#;
        assert_eq!(attribute(tag, "href"), Some("/pkg/style.css"));
        assert_eq!(attribute(tag, "src"), None);
        assert_eq!(absolute("paypage.js"), "/paypage/paypage.js");
        assert_eq!(absolute("/pkg/style.css"), "/pkg/style.css");
        assert_eq!(variant("a=1&sri=wrong-script", "sri"), Some("wrong-script"));
        assert_eq!(variant("srix=1", "sri"), None);
    }

    #[test]
    fn the_import_map_hash_covers_its_text() {
        let html = r#"<script type="importmap">{"integrity":{}}</script>"#;
        let b64 = base64::engine::general_purpose::STANDARD;
        let want = format!(
            "'sha256-{}'",
            b64.encode(Sha256::digest(br#"{"integrity":{}}"#))
        );
        assert_eq!(import_map_hash(html), Some(want));
        assert_eq!(sri(b"").len(), "sha384-".len() + 64);
    }
}
