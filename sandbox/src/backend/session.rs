//! Session cookie handling and the demo customers with their saved cards.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::state::Profile;
use crate::state::{lock, Shared};
use crate::vault::{CustomerInfo, NewCard};
use crate::ids;

/// Name of the session cookie.
pub const COOKIE: &str = "paygate_sandbox_session";

/// The session's customer, and a `Set-Cookie` value when a new session was started.
#[derive(Debug, Clone)]
pub struct Session {
    /// merchantCustomerId.
    pub customer: String,
    /// Set-Cookie header to add to the answer.
    pub set_cookie: Option<HeaderValue>,
}

impl Session {
    /// Adds the Set-Cookie header (if any) to a response.
    pub fn apply(&self, mut r: Response) -> Response {
        if let Some(c) = &self.set_cookie {
            r.headers_mut().append(header::SET_COOKIE, c.clone());
        }
        r
    }
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        (k == COOKIE && v.len() <= 64).then(|| v.to_string())
    })
}

/// The session of a request; starts a new one (demo customer) when there is none.
pub fn session(app: &Shared, headers: &HeaderMap) -> Session {
    if let Some(t) = cookie_token(headers) {
        if let Some(c) = lock(&app.backend.sessions).get(&t) {
            return Session { customer: c.clone(), set_cookie: None };
        }
    }
    new_session(app, Demo::Max)
}

/// Middleware: hands the request's [`Session`] to the handler (as an extension) and adds its
/// `Set-Cookie` to the answer.
pub async fn layer(State(app): State<Shared>, mut req: Request, next: Next) -> Response {
    let s = session(&app, req.headers());
    req.extensions_mut().insert(s.clone());
    s.apply(next.run(req).await)
}

/// Which demo customer a new session gets.
#[derive(Debug, Clone, Copy)]
pub enum Demo {
    /// Max Mustermann: VISA, MasterCard and an expired VISA.
    Max,
    /// Erika Musterfrau: AMEX and the challenge VISA.
    Erika,
}

/// Starts a session for a fresh copy of a demo customer.
pub fn new_session(app: &Shared, demo: Demo) -> Session {
    let customer = create_demo_customer(app, demo);
    let token = ids::hex(40);
    lock(&app.backend.sessions).insert(token.clone(), customer.clone());
    let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax");
    Session { customer, set_cookie: HeaderValue::from_str(&cookie).ok() }
}

fn create_demo_customer(app: &Shared, demo: Demo) -> String {
    let id = format!("cus_{}", ids::hex(16));
    let (first, last, cards): (&str, &str, Vec<(&str, &str, i64)>) = match demo {
        Demo::Max => (
            "Max",
            "Mustermann",
            vec![("4111111111111111", "203012", -600), ("5555555555554444", "202906", -86_400 * 12), ("4012888888881881", "202301", -86_400 * 900)],
        ),
        Demo::Erika => ("Erika", "Musterfrau", vec![("378282246310005", "202811", -3_600), ("4000000000001091", "202912", -86_400 * 3)]),
    };
    let profile = Profile {
        first_name: first.into(),
        last_name: last.into(),
        email: format!("{}.{}@example.com", first.to_lowercase(), last.to_lowercase()),
    };
    let info = CustomerInfo {
        merchant_customer_id: id.clone(),
        first_name: profile.first_name.clone(),
        last_name: profile.last_name.clone(),
        email: profile.email.clone(),
    };
    // Sandbox shortcut: the demo cards are put straight into the Paygate's vault, as if the
    // customer had saved them in earlier purchases.
    for (pan, expiry, offset) in cards {
        let card = NewCard { pan: pan.into(), holder: format!("{first} {last}"), expiry: expiry.into(), last_used_offset_s: offset };
        app.vault.store(&app.cfg.merchant_id, &info, &card);
    }
    lock(&app.backend.customers).insert(id.clone(), profile);
    id
}

/// Query of `/demo/login`.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    customer: Option<String>,
}

/// `GET /demo/login?customer=demo|other`: new session for a demo customer, redirect to `/`.
pub async fn demo_login(State(app): State<Shared>, q: Result<Query<LoginQuery>, QueryRejection>) -> Response {
    let demo = match q.as_ref().ok().and_then(|q| q.customer.as_deref()) {
        Some("other") => Demo::Erika,
        _ => Demo::Max,
    };
    new_session(&app, demo).apply(Redirect::to("/").into_response())
}
