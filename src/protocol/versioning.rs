//! `versioningData`: which 3DS versions the issuer supports and how to run the 3DS Method.

use super::ascii;
use super::codec::base64_json;
use super::error::{Error, Subject};
use super::json::{self, Obj, Scalar, Value};
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

crate::record! {
    /// `versioningData` as sent, before checking.
    pub struct VersioningFields {
        /// `threeDSServerTransID`.
        trans_id: Scalar = ["threeDSServerTransID"],
        /// `acsStartProtocolVersion`.
        acs_start: Scalar = ["acsStartProtocolVersion"],
        /// `acsEndProtocolVersion`.
        acs_end: Scalar = ["acsEndProtocolVersion"],
        /// `dsStartProtocolVersion`.
        ds_start: Scalar = ["dsStartProtocolVersion"],
        /// `dsEndProtocolVersion`.
        ds_end: Scalar = ["dsEndProtocolVersion"],
        /// `threeDSMethodURL`.
        method_url: Scalar = ["threeDSMethodURL"],
        /// `threeDSMethodDataForm`.
        method_data_form: Scalar = ["threeDSMethodDataForm"],
        /// `errorDetails`.
        error_details: Obj<ErrorDetailsFields> = ["errorDetails"],
    }
}

crate::record! {
    /// `errorDetails` as sent.
    pub struct ErrorDetailsFields {
        /// `errorCode`.
        error_code: Scalar = ["errorCode"],
        /// `errorComponent`.
        error_component: Scalar = ["errorComponent"],
        /// `errorDescription`.
        error_description: Scalar = ["errorDescription"],
        /// `errorDetail`.
        error_detail: Scalar = ["errorDetail"],
    }
}

crate::record! {
    /// The decoded `threeDSMethodDataForm` as sent.
    pub struct MethodDataFields {
        /// `threeDSServerTransID`.
        trans_id: Scalar = ["threeDSServerTransID"],
        /// `threeDSMethodNotificationURL`.
        notification_url: Scalar = ["threeDSMethodNotificationURL"],
    }
}

impl VersioningData {
    /// Reads `versioningData` JSON text.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_fields(json::parse(text, SUBJECT)?)
    }

    /// Reads `versioningdata` as the Paygate sends it: base64 of the JSON.
    pub fn from_base64(text: &str) -> Result<Self, Error> {
        Self::from_fields(base64_json(text, SUBJECT, "versioningdata")?)
    }

    /// Reads a JavaScript value (the backend's `versioningData` object).
    #[cfg(target_arch = "wasm32")]
    pub fn from_js(value: &wasm_bindgen::JsValue) -> Result<Self, Error> {
        Self::from_fields(json::read_js(value.clone(), SUBJECT)?)
    }

    /// Reads an already parsed value.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        Self::from_fields(json::read_value(value, SUBJECT)?)
    }

    /// Checks what was read.
    pub fn from_fields(fields: Obj<VersioningFields>) -> Result<Self, Error> {
        let f = json::object(fields, SUBJECT)?;
        let acs_start = f.acs_start.string(SUBJECT, "acsStartProtocolVersion")?;
        let acs_end = f.acs_end.string(SUBJECT, "acsEndProtocolVersion")?;
        let protocol = match (acs_start, acs_end) {
            (Some(acs_start), Some(acs_end)) => {
                check_version(&acs_start, "acsStartProtocolVersion")?;
                check_version(&acs_end, "acsEndProtocolVersion")?;
                ProtocolSupport::ThreeDs2(ProtocolVersions {
                    acs_start,
                    acs_end,
                    ds_start: f.ds_start.string(SUBJECT, "dsStartProtocolVersion")?,
                    ds_end: f.ds_end.string(SUBJECT, "dsEndProtocolVersion")?,
                })
            }
            (None, None) => ProtocolSupport::Legacy,
            (None, Some(_)) => return Err(Error::missing(SUBJECT, "acsStartProtocolVersion")),
            (Some(_), None) => return Err(Error::missing(SUBJECT, "acsEndProtocolVersion")),
        };
        let method = match f.method_url.string(SUBJECT, "threeDSMethodURL")? {
            None => None,
            Some(url) => {
                let data_form = f
                    .method_data_form
                    .required(SUBJECT, "threeDSMethodDataForm")?;
                const M: Subject = Subject::MethodData;
                let d: MethodDataFields =
                    json::object(base64_json(&data_form, M, "threeDSMethodDataForm")?, M)?;
                let data = MethodData {
                    three_ds_server_trans_id: d.trans_id.required(M, "threeDSServerTransID")?,
                    three_ds_method_notification_url: d
                        .notification_url
                        .required(M, "threeDSMethodNotificationURL")?,
                };
                Some(ThreeDsMethod {
                    url,
                    data_form,
                    data,
                })
            }
        };
        let error_details = match f.error_details.get(SUBJECT, "errorDetails")? {
            None => None,
            Some(e) => Some(ErrorDetails {
                error_code: e.error_code.text(SUBJECT, "errorCode")?,
                error_component: e.error_component.text(SUBJECT, "errorComponent")?,
                error_description: e.error_description.text(SUBJECT, "errorDescription")?,
                error_detail: e.error_detail.text(SUBJECT, "errorDetail")?,
            }),
        };
        Ok(VersioningData {
            three_ds_server_trans_id: f.trans_id.string(SUBJECT, "threeDSServerTransID")?,
            protocol,
            method,
            error_details,
        })
    }
}

/// A protocol version: digits separated by dots, such as `2.1.0`; `field` names it in the error.
fn check_version(version: &str, field: &'static str) -> Result<(), Error> {
    let ok = version.len() <= 8
        && ascii::split(version, b".").count() >= 2
        && ascii::split(version, b".")
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(())
    } else {
        Err(Error::format(SUBJECT, field, "a version such as 2.1.0"))
    }
}
