//! 3-D Secure 1.0 fallback data (`threeDSLegacy`): post `PaReq`, `TermUrl`, `MD` to `acsURL`.

use super::error::{Error, Subject};
use super::json::{self, Obj, Scalar, Value};
use super::url_policy::SafeUrl;

/// What the 3-D Secure 1.0 form posts, with `acsURL` already checked by the URL policy.
/// Keys are read case-insensitively, so the documents' `TermURL`/`termUrl` and integrations'
/// `PaReq`/`PAReq`/`paReq` are all accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreeDsLegacy {
    /// The issuer's 3-D Secure 1.0 ACS.
    pub acs_url: SafeUrl,
    /// `PaReq`, posted unchanged.
    pub pa_req: String,
    /// `TermUrl`: where the ACS posts `PaRes`, checked by the URL policy.
    pub term_url: SafeUrl,
    /// `MD`, merchant data, posted unchanged (may be empty).
    pub md: String,
}

const SUBJECT: Subject = Subject::Legacy;

crate::record! {
    /// `threeDSLegacy` as sent, before checking.
    pub struct LegacyFields {
        /// `acsURL`.
        acs_url: Scalar = ["acsURL"],
        /// `PaReq`.
        pa_req: Scalar = ["PaReq"],
        /// `TermUrl`.
        term_url: Scalar = ["TermUrl"],
        /// `MD`.
        md: Scalar = ["MD"],
    }
}

impl ThreeDsLegacy {
    /// Reads `threeDSLegacy` JSON text.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_fields(json::parse(text, SUBJECT)?)
    }

    /// Reads a JavaScript value (the backend's `threeDSLegacy` object).
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Self, Error> {
        Self::from_fields(json::read_js(value.clone(), SUBJECT)?)
    }

    /// Reads an already parsed value.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        Self::from_fields(json::read_value(value, SUBJECT)?)
    }

    /// Checks what was read.
    pub fn from_fields(fields: Obj<LegacyFields>) -> Result<Self, Error> {
        let f = json::object(fields, SUBJECT)?;
        let acs_url = SafeUrl::parse(f.acs_url.required_str(SUBJECT, "acsURL")?, "acsURL")?;
        let term_url = SafeUrl::parse(f.term_url.required_str(SUBJECT, "TermUrl")?, "TermUrl")?;
        Ok(ThreeDsLegacy {
            acs_url,
            pa_req: f.pa_req.required(SUBJECT, "PaReq")?,
            term_url,
            md: f.md.string(SUBJECT, "MD")?.unwrap_or_default(),
        })
    }
}
