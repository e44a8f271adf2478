//! The browser challenge response and the CReq it carries.

use super::codec::decode_base64_text;
use super::error::{Error, Subject};
use super::json::{self, Obj, Scalar, Value};
use super::message::MessageFields;
use super::url_policy::SafeUrl;
use super::window_size::ChallengeWindowSize;

/// The CReq as decoded from `base64EncodedChallengeRequest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeRequest {
    /// `threeDSServerTransID`.
    pub three_ds_server_trans_id: String,
    /// `acsTransID`.
    pub acs_trans_id: String,
    /// `messageVersion`, such as `2.1.0`.
    pub message_version: Option<String>,
    /// `challengeWindowSize`; the ACS renders for this size.
    pub challenge_window_size: Option<ChallengeWindowSize>,
}

const CREQ: Subject = Subject::ChallengeRequest;

impl ChallengeRequest {
    /// Decodes a `creq` value: standard or URL-safe base64, padded or not, of the CReq JSON.
    pub fn from_base64(creq: &str) -> Result<Self, Error> {
        Self::decode(creq, CREQ)
    }

    /// Decodes `creq`; a base64 failure is reported under `base64_subject`, the message that
    /// carried it, and everything after under the CReq.
    fn decode(creq: &str, base64_subject: Subject) -> Result<Self, Error> {
        let text = decode_base64_text(creq, base64_subject, "base64EncodedChallengeRequest")?;
        let f: CReqFields = json::parse_object(&text, CREQ)?;
        if !f
            .message_type
            .required_str(CREQ, "messageType")?
            .eq_ignore_ascii_case("CReq")
        {
            return Err(Error::format(CREQ, "messageType", "CReq"));
        }
        let challenge_window_size = window_size(&f.challenge_window_size, CREQ)?;
        Ok(ChallengeRequest {
            three_ds_server_trans_id: f.trans_id.required(CREQ, "threeDSServerTransID")?,
            acs_trans_id: f.acs_trans_id.required(CREQ, "acsTransID")?,
            message_version: f.message_version.string(CREQ, "messageVersion")?,
            challenge_window_size,
        })
    }
}

crate::record! {
    /// The CReq as sent, before checking.
    pub struct CReqFields {
        /// `messageType`.
        message_type: Scalar = ["messageType"],
        /// `threeDSServerTransID`.
        trans_id: Scalar = ["threeDSServerTransID"],
        /// `acsTransID`.
        acs_trans_id: Scalar = ["acsTransID"],
        /// `messageVersion`.
        message_version: Scalar = ["messageVersion"],
        /// `challengeWindowSize`.
        challenge_window_size: Scalar = ["challengeWindowSize"],
    }
}

/// `challengeWindowSize`, a code `01`–`05` (also `1`–`5`, as text or number), when present.
fn window_size(size: &Scalar, subject: Subject) -> Result<Option<ChallengeWindowSize>, Error> {
    match size.text(subject, "challengeWindowSize")? {
        None => Ok(None),
        Some(code) => ChallengeWindowSize::from_code(&code)
            .map(Some)
            .map_err(|_| Error::format(subject, "challengeWindowSize", "a code 01-05")),
    }
}

/// A browser challenge response: post `creq` to `acs_url` in the challenge frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserChallengeResponse {
    /// `acsChallengeMandated`: the challenge is required by regulation.
    pub acs_challenge_mandated: bool,
    /// `base64EncodedChallengeRequest`, posted unchanged as `creq`.
    pub creq: String,
    /// What `creq` says.
    pub challenge_request: ChallengeRequest,
    /// `acsURL`, checked by the URL policy.
    pub acs_url: SafeUrl,
    /// `challengeWindowSize` beside `acsURL`, as real Paygate integrations send it.
    pub challenge_window_size: Option<ChallengeWindowSize>,
}

const RESPONSE: Subject = Subject::ChallengeResponse;

impl BrowserChallengeResponse {
    /// Reads the JSON text the Paygate posts.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_fields(json::parse(text, RESPONSE)?)
    }

    /// Reads an already parsed value.
    pub fn from_value(value: &Value) -> Result<Self, Error> {
        Self::from_fields(json::read_value(value, RESPONSE)?)
    }

    /// Checks what was read.
    pub fn from_fields(fields: Obj<MessageFields>) -> Result<Self, Error> {
        Self::from_message(&json::object(fields, RESPONSE)?)
    }

    /// Checks the fields of a message.
    pub fn from_message(f: &MessageFields) -> Result<Self, Error> {
        let creq = f.creq.required(RESPONSE, "base64EncodedChallengeRequest")?;
        let challenge_request = ChallengeRequest::decode(&creq, RESPONSE)?;
        let acs_url = SafeUrl::parse(f.acs_url.required_str(RESPONSE, "acsURL")?, "acsURL")?;
        Ok(BrowserChallengeResponse {
            acs_challenge_mandated: f
                .acs_challenge_mandated
                .boolean(RESPONSE, "acsChallengeMandated")?
                .unwrap_or(false),
            creq,
            challenge_request,
            acs_url,
            challenge_window_size: window_size(&f.challenge_window_size, RESPONSE)?,
        })
    }

    /// The size to open the challenge frame at: the CReq's when it names one, because the ACS
    /// renders for the CReq's size; otherwise the message's own `challengeWindowSize`.
    pub fn window_size(&self) -> Option<ChallengeWindowSize> {
        self.challenge_request
            .challenge_window_size
            .or(self.challenge_window_size)
    }
}
