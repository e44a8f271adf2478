//! The browser challenge response and the CReq it carries.

use serde::Deserialize;

use super::codec::{decode_base64_text, from_json, required};
use super::error::{Error, Problem, Subject};
use super::url_policy::SafeUrl;
use super::window_size::ChallengeWindowSize;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RawChallengeResponse {
    pub(crate) acs_challenge_mandated: Option<bool>,
    pub(crate) base64_encoded_challenge_request: Option<String>,
    #[serde(rename = "acsURL", alias = "acsUrl")]
    pub(crate) acs_url: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawChallengeRequest {
    #[serde(rename = "threeDSServerTransID")]
    three_ds_server_trans_id: Option<String>,
    #[serde(rename = "acsTransID")]
    acs_trans_id: Option<String>,
    message_type: Option<String>,
    message_version: Option<String>,
    challenge_window_size: Option<String>,
}

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
        let text = decode_base64_text(creq, CREQ, "base64EncodedChallengeRequest")?;
        let raw: RawChallengeRequest = from_json(&text, CREQ)?;
        let message_type = required(raw.message_type, CREQ, "messageType")?;
        if !message_type.eq_ignore_ascii_case("CReq") {
            return Err(Error::format(CREQ, "messageType", "CReq"));
        }
        let challenge_window_size = match raw.challenge_window_size {
            None => None,
            Some(code) => Some(
                ChallengeWindowSize::from_code(&code)
                    .map_err(|_| Error::format(CREQ, "challengeWindowSize", "a code 01-05"))?,
            ),
        };
        Ok(ChallengeRequest {
            three_ds_server_trans_id: required(
                raw.three_ds_server_trans_id,
                CREQ,
                "threeDSServerTransID",
            )?,
            acs_trans_id: required(raw.acs_trans_id, CREQ, "acsTransID")?,
            message_version: raw.message_version,
            challenge_window_size,
        })
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
}

const RESPONSE: Subject = Subject::ChallengeResponse;

impl BrowserChallengeResponse {
    /// Reads the JSON text the Paygate posts.
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_raw(from_json(text, RESPONSE)?)
    }

    pub(crate) fn from_raw(raw: RawChallengeResponse) -> Result<Self, Error> {
        let creq = required(raw.base64_encoded_challenge_request, RESPONSE, "base64EncodedChallengeRequest")?;
        let challenge_request = ChallengeRequest::from_base64(&creq).map_err(|e| match e {
            Error::Malformed { problem: Problem::Base64(f), .. } => {
                Error::malformed(RESPONSE, Problem::Base64(f))
            }
            other => other,
        })?;
        let acs_url = SafeUrl::parse(&required(raw.acs_url, RESPONSE, "acsURL")?, "acsURL")?;
        Ok(BrowserChallengeResponse {
            acs_challenge_mandated: raw.acs_challenge_mandated.unwrap_or(false),
            creq,
            challenge_request,
            acs_url,
        })
    }
}
