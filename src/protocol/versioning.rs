//! `versioningData`: which 3DS versions the issuer supports and how to run the 3DS Method.

use serde::Deserialize;

use super::codec::{from_base64_json, non_blank, required};
use super::error::{Error, Subject};
use super::url_policy::SafeUrl;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawVersioningData {
    #[serde(rename = "threeDSServerTransID")]
    three_ds_server_trans_id: Option<String>,
    acs_start_protocol_version: Option<String>,
    acs_end_protocol_version: Option<String>,
    ds_start_protocol_version: Option<String>,
    ds_end_protocol_version: Option<String>,
    #[serde(rename = "threeDSMethodURL", alias = "threeDSMethodUrl")]
    three_ds_method_url: Option<String>,
    #[serde(rename = "threeDSMethodDataForm")]
    three_ds_method_data_form: Option<String>,
    error_details: Option<ErrorDetails>,
}

/// The `errorDetails` sub-element: why some fields of `versioningData` are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorDetails {
    /// EMV error code, when given.
    pub error_code: Option<String>,
    /// Which component reported it.
    pub error_component: Option<String>,
    /// Human-readable description.
    pub error_description: Option<String>,
    /// Further detail.
    pub error_detail: Option<String>,
}

/// Protocol versions the ACS and the directory server support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolVersions {
    /// `acsStartProtocolVersion`.
    pub acs_start: String,
    /// `acsEndProtocolVersion`.
    pub acs_end: String,
    /// `dsStartProtocolVersion`, when given.
    pub ds_start: Option<String>,
    /// `dsEndProtocolVersion`, when given.
    pub ds_end: Option<String>,
}

/// What the card's range supports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtocolSupport {
    /// EMV 3-D Secure 2 with these versions.
    ThreeDs2(ProtocolVersions),
    /// Null protocol versions: the card range is not enrolled, fall back to 3-D Secure 1.0.
    Legacy,
}

/// The decoded `threeDSMethodDataForm`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct MethodData {
    /// `threeDSServerTransID`.
    #[serde(rename = "threeDSServerTransID")]
    pub three_ds_server_trans_id: String,
    /// `threeDSMethodNotificationURL`, pointing at the Paygate.
    #[serde(rename = "threeDSMethodNotificationURL")]
    pub three_ds_method_notification_url: String,
}

/// How to run the 3DS Method: post `data_form` as `threeDSMethodData` to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreeDsMethod {
    /// `threeDSMethodURL` as sent; checked by the URL policy with [`ThreeDsMethod::safe_url`].
    pub url: String,
    /// `threeDSMethodDataForm`, posted unchanged.
    pub data_form: String,
    /// What `data_form` says.
    pub data: MethodData,
}

impl ThreeDsMethod {
    /// The method URL, if the URL policy allows it as a form action.
    pub fn safe_url(&self) -> Result<SafeUrl, Error> {
        SafeUrl::parse(&self.url, "threeDSMethodURL")
    }
}

/// `versioningData` as the Paygate returns it to the merchant backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersioningData {
    /// `threeDSServerTransID`, when given.
    pub three_ds_server_trans_id: Option<String>,
    /// 3DS 2 versions, or the 1.0 fallback.
    pub protocol: ProtocolSupport,
    /// The 3DS Method; `None` when there is no method URL (`threeDSCompInd=U`).
    pub method: Option<ThreeDsMethod>,
    /// `errorDetails`, when given.
    pub error_details: Option<ErrorDetails>,
}

const SUBJECT: Subject = Subject::VersioningData;

impl VersioningData {
    /// Reads `versioningData` JSON text.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_raw(super::codec::from_json(text, SUBJECT)?)
    }

    /// Reads `versioningdata` as the Paygate sends it: base64 of the JSON.
    pub fn from_base64(text: &str) -> Result<Self, Error> {
        Self::from_raw(from_base64_json(text, SUBJECT, "versioningdata")?)
    }

    /// Reads `versioningData` from an already parsed JavaScript value.
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: wasm_bindgen::JsValue) -> Result<Self, Error> {
        Self::from_raw(super::message::from_js(value, SUBJECT)?)
    }

    fn from_raw(raw: RawVersioningData) -> Result<Self, Error> {
        let acs_start = non_blank(raw.acs_start_protocol_version);
        let acs_end = non_blank(raw.acs_end_protocol_version);
        let protocol = match (acs_start, acs_end) {
            (Some(acs_start), Some(acs_end)) => {
                for v in [&acs_start, &acs_end] {
                    check_version(v)?;
                }
                ProtocolSupport::ThreeDs2(ProtocolVersions {
                    acs_start,
                    acs_end,
                    ds_start: non_blank(raw.ds_start_protocol_version),
                    ds_end: non_blank(raw.ds_end_protocol_version),
                })
            }
            (None, None) => ProtocolSupport::Legacy,
            (None, Some(_)) => return Err(Error::missing(SUBJECT, "acsStartProtocolVersion")),
            (Some(_), None) => return Err(Error::missing(SUBJECT, "acsEndProtocolVersion")),
        };
        let method = match non_blank(raw.three_ds_method_url) {
            None => None,
            Some(url) => {
                let data_form =
                    required(raw.three_ds_method_data_form, SUBJECT, "threeDSMethodDataForm")?;
                let data = from_base64_json(&data_form, Subject::MethodData, "threeDSMethodDataForm")?;
                Some(ThreeDsMethod { url, data_form, data })
            }
        };
        Ok(VersioningData {
            three_ds_server_trans_id: non_blank(raw.three_ds_server_trans_id),
            protocol,
            method,
            error_details: raw.error_details,
        })
    }
}

/// A protocol version: digits separated by dots, such as `2.1.0`.
fn check_version(version: &str) -> Result<(), Error> {
    let ok = version.len() <= 8
        && version.split('.').count() >= 2
        && version.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(Error::format(SUBJECT, "acsStartProtocolVersion", "a version such as 2.1.0"))
    }
}
