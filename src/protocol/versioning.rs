//! `versioningData`: which 3DS versions the issuer supports and how to run the 3DS Method.

use super::codec::base64_json;
use super::error::{Error, Subject};
use super::json::{self, Fields, Value};
use super::url_policy::SafeUrl;

/// The `errorDetails` sub-element: why some fields of `versioningData` are empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodData {
    /// `threeDSServerTransID`.
    pub three_ds_server_trans_id: String,
    /// `threeDSMethodNotificationURL`, pointing at the Paygate.
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
        Self::from_value(&json::parse(text, SUBJECT)?)
    }

    /// Reads `versioningdata` as the Paygate sends it: base64 of the JSON.
    pub fn from_base64(text: &str) -> Result<Self, Error> {
        Self::from_value(&base64_json(text, SUBJECT, "versioningdata")?)
    }

    /// Reads an already parsed value (a JavaScript object in the browser).
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        let f = Fields::of(value, SUBJECT)?;
        let acs_start = f.string(&["acsStartProtocolVersion"])?;
        let acs_end = f.string(&["acsEndProtocolVersion"])?;
        let protocol = match (acs_start, acs_end) {
            (Some(acs_start), Some(acs_end)) => {
                check_version(&acs_start, "acsStartProtocolVersion")?;
                check_version(&acs_end, "acsEndProtocolVersion")?;
                ProtocolSupport::ThreeDs2(ProtocolVersions {
                    acs_start,
                    acs_end,
                    ds_start: f.string(&["dsStartProtocolVersion"])?,
                    ds_end: f.string(&["dsEndProtocolVersion"])?,
                })
            }
            (None, None) => ProtocolSupport::Legacy,
            (None, Some(_)) => return Err(Error::missing(SUBJECT, "acsStartProtocolVersion")),
            (Some(_), None) => return Err(Error::missing(SUBJECT, "acsEndProtocolVersion")),
        };
        let method = match f.string(&["threeDSMethodURL"])? {
            None => None,
            Some(url) => {
                let data_form = f.required(&["threeDSMethodDataForm"])?;
                let decoded =
                    base64_json(&data_form, Subject::MethodData, "threeDSMethodDataForm")?;
                let d = Fields::of(&decoded, Subject::MethodData)?;
                let data = MethodData {
                    three_ds_server_trans_id: d.required(&["threeDSServerTransID"])?,
                    three_ds_method_notification_url: d
                        .required(&["threeDSMethodNotificationURL"])?,
                };
                Some(ThreeDsMethod {
                    url,
                    data_form,
                    data,
                })
            }
        };
        let error_details = match f.object(&["errorDetails"])? {
            None => None,
            Some(e) => Some(ErrorDetails {
                error_code: e.text(&["errorCode"])?,
                error_component: e.text(&["errorComponent"])?,
                error_description: e.text(&["errorDescription"])?,
                error_detail: e.text(&["errorDetail"])?,
            }),
        };
        Ok(VersioningData {
            three_ds_server_trans_id: f.string(&["threeDSServerTransID"])?,
            protocol,
            method,
            error_details,
        })
    }
}

/// A protocol version: digits separated by dots, such as `2.1.0`; `field` names it in the error.
fn check_version(version: &str, field: &'static str) -> Result<(), Error> {
    let ok = version.len() <= 8
        && version.split('.').count() >= 2
        && version
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(Error::format(SUBJECT, field, "a version such as 2.1.0"))
    }
}
