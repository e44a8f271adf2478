//! 3-D Secure 1.0 fallback data (`threeDSLegacy`): post `PaReq`, `TermUrl`, `MD` to `acsURL`.

use serde::Deserialize;

use super::codec::{from_json, required};
use super::error::{Error, Subject};
use super::url_policy::SafeUrl;

/// Field spellings differ between the documents (`TermURL`, `termUrl`) and integrations
/// (`PaReq`, `PAReq`, `paReq`); all are accepted.
#[derive(Deserialize)]
pub(crate) struct RawLegacy {
    #[serde(rename = "acsURL", alias = "acsUrl", alias = "AcsUrl", alias = "ACSURL")]
    acs_url: Option<String>,
    #[serde(rename = "paReq", alias = "PaReq", alias = "PAReq", alias = "pareq")]
    pa_req: Option<String>,
    #[serde(rename = "termURL", alias = "termUrl", alias = "TermUrl", alias = "TermURL")]
    term_url: Option<String>,
    #[serde(rename = "md", alias = "MD", alias = "Md")]
    md: Option<String>,
}

/// What the 3-D Secure 1.0 form posts, with `acsURL` already checked by the URL policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreeDsLegacy {
    /// The issuer's 3-D Secure 1.0 ACS.
    pub acs_url: SafeUrl,
    /// `PaReq`, posted unchanged.
    pub pa_req: String,
    /// `TermUrl`: where the ACS posts `PaRes`.
    pub term_url: String,
    /// `MD`, merchant data, posted unchanged (may be empty).
    pub md: String,
}

const SUBJECT: Subject = Subject::Legacy;

impl ThreeDsLegacy {
    /// Reads `threeDSLegacy` JSON text.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_raw(from_json(text, SUBJECT)?)
    }

    /// Reads it from an already parsed JavaScript value.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: wasm_bindgen::JsValue) -> Result<Self, Error> {
        Self::from_raw(super::message::from_js(value, SUBJECT)?)
    }

    pub(crate) fn from_raw(raw: RawLegacy) -> Result<Self, Error> {
        let acs_url = SafeUrl::parse(&required(raw.acs_url, SUBJECT, "acsURL")?, "acsURL")?;
        let term_url = required(raw.term_url, SUBJECT, "TermUrl")?;
        SafeUrl::parse(&term_url, "TermUrl")?;
        Ok(ThreeDsLegacy {
            acs_url,
            pa_req: required(raw.pa_req, SUBJECT, "PaReq")?,
            term_url,
            md: raw.md.unwrap_or_default(),
        })
    }
}
