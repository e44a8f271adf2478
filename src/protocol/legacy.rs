//! 3-D Secure 1.0 fallback data (`threeDSLegacy`): post `PaReq`, `TermUrl`, `MD` to `acsURL`.

use super::error::{Error, Subject};
use super::json::{self, Fields, Value};
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

impl ThreeDsLegacy {
    /// Reads `threeDSLegacy` JSON text.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_value(&json::parse(text, SUBJECT)?)
    }

    /// Reads an already parsed value (a JavaScript object in the browser).
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let f = Fields::of(value, SUBJECT)?;
        let acs_url = SafeUrl::parse(f.required_str(&["acsURL"])?, "acsURL")?;
        let term_url = SafeUrl::parse(f.required_str(&["TermUrl"])?, "TermUrl")?;
        Ok(ThreeDsLegacy {
            acs_url,
            pa_req: f.required(&["PaReq"])?,
            term_url,
            md: f.string(&["MD"])?.unwrap_or_default(),
        })
    }
}
