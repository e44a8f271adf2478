//! The ACS simulator (origin 3): the 3DS method page, the challenge page and the 3-D Secure 1.0
//! page. Results are recorded here and read by the Paygate (standing in for the RReq / PaRes
//! verification of the real schemes), so a browser cannot forge a successful authentication.

use std::collections::HashMap;
use std::sync::Mutex;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};

use crate::cards::Scenario;
use crate::checks::{is_http_url, is_window_size};
use crate::html::{self, esc};
use crate::state::{lock, Shared};
use crate::wire;
use paygate_wasm::protocol::kv::KeyValues;

/// The OTP / password that passes.
pub const OTP: &str = "1234";

/// Result of a challenge as the ACS decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChallengeOutcome {
    /// transStatus Y.
    pub authenticated: bool,
    /// The cardholder pressed Cancel (challengeCancel 01).
    pub cancelled: bool,
}

#[derive(Debug, Clone)]
struct Challenge {
    tds_id: String,
    scenario: Scenario,
    notification_url: Option<String>,
    outcome: Option<ChallengeOutcome>,
}

/// The ACS's transactions.
#[derive(Debug, Default)]
pub struct AcsState {
    method: Mutex<HashMap<String, bool>>,
    challenges: Mutex<HashMap<String, Challenge>>,
    legacy: Mutex<HashMap<String, Option<bool>>>,
}

impl AcsState {
    /// Announces a method step; `silent` = the page never notifies (timeout card).
    pub fn register_method(&self, tds_id: &str, silent: bool) {
        lock(&self.method).insert(tds_id.to_string(), silent);
    }

    /// Announces a challenge (the ARes with transStatus C).
    pub fn register_challenge(&self, acs_trans_id: &str, tds_id: &str, scenario: Scenario) {
        let c = Challenge {
            tds_id: tds_id.to_string(),
            scenario,
            notification_url: None,
            outcome: None,
        };
        lock(&self.challenges).insert(acs_trans_id.to_string(), c);
    }

    /// Announces a 3-D Secure 1.0 PaReq.
    pub fn register_pareq(&self, id: &str) {
        lock(&self.legacy).insert(id.to_string(), None);
    }

    /// The recorded challenge result.
    pub fn challenge_outcome(&self, acs_trans_id: &str) -> Option<ChallengeOutcome> {
        lock(&self.challenges)
            .get(acs_trans_id)
            .and_then(|c| c.outcome)
    }

    /// Forgets the records of a transaction the Paygate swept.
    pub fn forget(&self, tds_id: &str, acs_trans_id: Option<&str>, pareq_id: Option<&str>) {
        lock(&self.method).remove(tds_id);
        if let Some(a) = acs_trans_id {
            lock(&self.challenges).remove(a);
        }
        if let Some(id) = pareq_id {
            lock(&self.legacy).remove(id);
        }
    }

    /// The recorded 3-D Secure 1.0 result.
    pub fn legacy_outcome(&self, id: &str) -> Option<bool> {
        lock(&self.legacy).get(id).copied().flatten()
    }
}

/// The ACS router.
pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/", axum::routing::get(index))
        .route("/method", post(method))
        .route("/challenge", post(challenge))
        .route("/challenge/submit", post(challenge_submit))
        .route("/3ds1", post(legacy))
        .route("/3ds1/submit", post(legacy_submit))
        .layer(DefaultBodyLimit::max(64 * 1024))
        .with_state(app)
}

async fn index() -> Html<String> {
    Html(page(
        "ACS sandbox",
        "<main><h1>ACS sandbox</h1><p>The issuer's access control server of the paygate-wasm sandbox: \
         POST /method (3DS Method), POST /challenge (creq), POST /3ds1 (PaReq, TermUrl, MD).</p></main>",
    ))
}

fn bad(msg: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html(page(
            "Error",
            &format!("<main><h1>Error</h1><p>{}</p></main>", esc(msg)),
        )),
    )
        .into_response()
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"UTF-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title></head>\n<body>\n{body}\n</body>\n</html>\n",
        esc(title)
    )
}

fn form(body: Result<Bytes, BytesRejection>) -> Option<KeyValues> {
    body.ok().map(|b| crate::form::parse(&b))
}

/// `POST /method`: collects "browser data" and posts `threeDSMethodData` to the notification URL.
async fn method(State(app): State<Shared>, body: Result<Bytes, BytesRejection>) -> Response {
    let Some(f) = form(body) else {
        return bad("request too large");
    };
    let Some(data) = f.get_nonempty("threeDSMethodData").and_then(wire::b64_json) else {
        return bad("threeDSMethodData missing or not base64url JSON");
    };
    let tds = data
        .get("threeDSServerTransID")
        .and_then(Value::as_str)
        .unwrap_or("");
    let url = data
        .get("threeDSMethodNotificationURL")
        .and_then(Value::as_str)
        .unwrap_or("");
    if tds.is_empty() || !is_http_url(url) {
        return bad(
            "threeDSMethodData needs threeDSServerTransID and threeDSMethodNotificationURL",
        );
    }
    if lock(&app.acs.method).get(tds).copied().unwrap_or(false) {
        // The timeout card: the page stays silent, the Paygate must time out.
        return Html(page("Identifying...", "<p>Identifying…</p>")).into_response();
    }
    let value = wire::b64url(json!({"threeDSServerTransID": tds}).to_string().as_bytes());
    Html(html::auto_post(
        "Identifying...",
        url,
        &[("threeDSMethodData", &value)],
    ))
    .into_response()
}

const CHALLENGE_CSS: &str = "html,body{margin:0;padding:0;width:100%;height:100%;overflow:hidden;font:14px/1.3 system-ui,sans-serif;color:#111;background:#fff}\
main{box-sizing:border-box;width:100%;height:100%;padding:10px;display:flex;flex-direction:column;gap:6px;overflow:hidden}\
h1{font-size:16px;margin:0}p{margin:0}.size{font:12px monospace;color:#333}\
label{font-weight:600}input{font-size:16px;padding:4px;max-width:12em}\
.row{display:flex;gap:8px;flex-wrap:wrap}button{font-size:14px;padding:6px 12px}";

/// `POST /challenge`: the OTP page that fills its frame and reports its size.
async fn challenge(State(app): State<Shared>, body: Result<Bytes, BytesRejection>) -> Response {
    let Some(f) = form(body) else {
        return bad("request too large");
    };
    let Some(creq) = f.get_nonempty("creq").and_then(wire::b64_json) else {
        return bad("creq missing or not base64 JSON");
    };
    let s = |k: &str| {
        creq.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (acs_id, tds, size, notify) = (
        s("acsTransID"),
        s("threeDSServerTransID"),
        s("challengeWindowSize"),
        s("notificationURL"),
    );
    if !is_window_size(&size) {
        return bad("challengeWindowSize must be 01-05");
    }
    {
        let mut g = lock(&app.acs.challenges);
        let Some(c) = g.get_mut(&acs_id).filter(|c| c.tds_id == tds) else {
            return bad("unknown acsTransID");
        };
        if !is_http_url(&notify) {
            return bad("notificationURL missing");
        }
        c.notification_url = Some(notify);
    }
    let script = format!(
        "(function(){{var code={code};function report(){{var w=window.innerWidth,h=window.innerHeight;\
         document.getElementById('inner').textContent=w+' \\u00d7 '+h;\
         parent.postMessage({{type:'acs-challenge-size',challengeWindowSize:code,innerWidth:w,innerHeight:h}},'*');}}\
         window.addEventListener('resize',report);if(document.readyState==='complete'){{report();}}else{{window.addEventListener('load',report);}}\
         document.getElementById('otp').focus();}})();",
        code = html::script_json(&json!(size))
    );
    let body = format!(
        "<style>{CHALLENGE_CSS}</style>\n<main>\n<h1>Sandbox Bank: confirm payment</h1>\n\
         <p class=\"size\">Window <span id=\"code\">{size}</span> · <span id=\"inner\">?</span></p>\n\
         <form method=\"POST\" action=\"/challenge/submit\" autocomplete=\"off\">\n\
         <input type=\"hidden\" name=\"acsTransID\" value=\"{acs}\">\n\
         <label for=\"otp\">One-time code (test: 1234)</label>\n\
         <input id=\"otp\" name=\"otp\" type=\"text\" inputmode=\"numeric\" autocomplete=\"one-time-code\" maxlength=\"8\">\n\
         <div class=\"row\"><button type=\"submit\" name=\"action\" value=\"submit\">Submit</button>\n\
         <button type=\"submit\" name=\"action\" value=\"cancel\" formnovalidate>Cancel</button></div>\n\
         </form>\n</main>\n<script>{script}</script>",
        size = esc(&size),
        acs = esc(&acs_id)
    );
    Html(page("Sandbox ACS challenge", &body)).into_response()
}

/// `POST /challenge/submit`: records the result and posts `cres` to the CReq's notificationURL.
async fn challenge_submit(
    State(app): State<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Some(f) = form(body) else {
        return bad("request too large");
    };
    let acs_id = f.get("acsTransID").unwrap_or("").to_string();
    let cancelled = f.get("action") == Some("cancel");
    let (tds, url, outcome) = {
        let mut g = lock(&app.acs.challenges);
        let Some(c) = g.get_mut(&acs_id) else {
            return bad("unknown acsTransID");
        };
        let Some(url) = c.notification_url.clone() else {
            return bad("challenge not started");
        };
        let outcome = c.outcome.unwrap_or(ChallengeOutcome {
            authenticated: !cancelled
                && c.scenario != Scenario::ChallengeFails
                && f.get("otp").map(str::trim) == Some(OTP),
            cancelled,
        });
        c.outcome = Some(outcome);
        (c.tds_id.clone(), url, outcome)
    };
    let mut cres = json!({
        "threeDSServerTransID": tds, "acsTransID": acs_id, "messageType": "CRes", "messageVersion": "2.2.0",
        "transStatus": if outcome.authenticated { "Y" } else { "N" },
    });
    if outcome.cancelled {
        cres["challengeCancel"] = json!("01");
    }
    let value = wire::b64url(cres.to_string().as_bytes());
    Html(html::auto_post(
        "Completing authentication...",
        &url,
        &[("cres", &value)],
    ))
    .into_response()
}

/// `POST /3ds1`: the 3-D Secure 1.0 password page.
async fn legacy(State(app): State<Shared>, body: Result<Bytes, BytesRejection>) -> Response {
    let Some(f) = form(body) else {
        return bad("request too large");
    };
    let (pareq, term, md) = (
        f.get("PaReq").unwrap_or(""),
        f.get("TermUrl").unwrap_or(""),
        f.get("MD").unwrap_or(""),
    );
    let id =
        wire::b64_json(pareq).and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_string));
    let Some(id) = id.filter(|id| lock(&app.acs.legacy).contains_key(id)) else {
        return bad("unknown PaReq");
    };
    if !is_http_url(term) || md.len() > 1024 {
        return bad("TermUrl or MD invalid");
    }
    let body = format!(
        "<style>{CHALLENGE_CSS}</style>\n<main>\n<h1>Sandbox Bank: 3-D Secure</h1>\n<p>Transaction {id_short}</p>\n\
         <form method=\"POST\" action=\"/3ds1/submit\">\n\
         <input type=\"hidden\" name=\"PaReq\" value=\"{pareq}\"><input type=\"hidden\" name=\"TermUrl\" value=\"{term}\">\
         <input type=\"hidden\" name=\"MD\" value=\"{md}\">\n\
         <label for=\"password\">Password (test: 1234)</label>\n\
         <input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"off\">\n\
         <div class=\"row\"><button type=\"submit\">Submit</button></div>\n</form>\n</main>",
        id_short = esc(&id[..8.min(id.len())]),
        pareq = esc(pareq),
        term = esc(term),
        md = esc(md)
    );
    Html(page("Sandbox ACS 3-D Secure", &body)).into_response()
}

/// `POST /3ds1/submit`: records the result and posts `PaRes` and `MD` to the TermUrl.
async fn legacy_submit(State(app): State<Shared>, body: Result<Bytes, BytesRejection>) -> Response {
    let Some(f) = form(body) else {
        return bad("request too large");
    };
    let (term, md) = (f.get("TermUrl").unwrap_or(""), f.get("MD").unwrap_or(""));
    let id = f
        .get("PaReq")
        .and_then(wire::b64_json)
        .and_then(|v| v.get("id").and_then(Value::as_str).map(str::to_string));
    let Some(id) = id else {
        return bad("unknown PaReq");
    };
    if !is_http_url(term) {
        return bad("TermUrl invalid");
    }
    let ok = {
        let mut g = lock(&app.acs.legacy);
        let Some(slot) = g.get_mut(&id) else {
            return bad("unknown PaReq");
        };
        *slot.get_or_insert(f.get("password") == Some(OTP))
    };
    let pares = wire::b64(
        json!({"messageType": "PaRes", "id": id, "status": if ok { "Y" } else { "N" }})
            .to_string()
            .as_bytes(),
    );
    Html(html::auto_post(
        "Completing authentication...",
        term,
        &[("PaRes", &pares), ("MD", md)],
    ))
    .into_response()
}
