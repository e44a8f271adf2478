//! Session cookie handling and the demo customers with their saved cards. A session (and its
//! copy of a demo customer) is made only by the calls that need a customer: creating a payment,
//! listing saved cards and `/demo/login`; other calls without a session answer 404. Over https
//! the cookie is `Secure` and named with the `__Host-` prefix (host-only, path `/`).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;

use super::client;
use super::state::{Lifetimes, Profile};
use super::store::{CustomerRow, Records};
use crate::error::AppError;
use crate::ids;
use crate::state::Shared;

/// Name of the session cookie.
pub const COOKIE: &str = "paygate_sandbox_session";
/// Its name when the backend is served over https: the browser keeps a `__Host-` cookie only
/// when it is `Secure`, has `Path=/` and no `Domain`, so no subdomain can set or overwrite it.
pub const SECURE_COOKIE: &str = "__Host-paygate_sandbox_session";

/// The cookie's name for the request's transport.
fn cookie_name(headers: &HeaderMap) -> &'static str {
    if super::guard::served_over_https(headers) {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

/// The session's customer, and a `Set-Cookie` value when the answer must (re)set the cookie.
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
    let name = cookie_name(headers);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|p| {
            let (k, v) = p.trim().split_once('=')?;
            (k == name && v.len() <= 64).then(|| v.to_string())
        })
}

fn set_cookie(token: &str, headers: &HeaderMap) -> Option<HeaderValue> {
    let name = cookie_name(headers);
    let secure = if name == SECURE_COOKIE {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{name}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"
    ))
    .ok()
}

/// The customer of the request's live session, if it has one. Creates nothing.
pub async fn current(app: &Shared, headers: &HeaderMap) -> Result<Option<String>, AppError> {
    match cookie_token(headers) {
        Some(t) => Ok(app.backend.store.session_customer(&t).await?),
        None => Ok(None),
    }
}

/// The customer of the request's session, or 404 when there is none.
pub async fn required(app: &Shared, headers: &HeaderMap) -> Result<String, AppError> {
    current(app, headers)
        .await?
        .ok_or_else(|| AppError::not_found("no session"))
}

/// The request's session; starts one (demo customer Max) when there is none.
pub async fn ensure(app: &Shared, headers: &HeaderMap) -> Result<Session, AppError> {
    match current(app, headers).await? {
        Some(customer) => Ok(Session {
            customer,
            set_cookie: None,
        }),
        None => new_session(app, Demo::Max, headers).await,
    }
}

/// The live session of `customer`, with a Set-Cookie that hands it to this browser.
pub async fn adopt(
    app: &Shared,
    customer: &str,
    headers: &HeaderMap,
) -> Result<Option<Session>, AppError> {
    let token = app.backend.store.session_of(customer).await?;
    Ok(token.map(|t| Session {
        customer: customer.to_string(),
        set_cookie: set_cookie(&t, headers),
    }))
}

/// Which demo customer a new session gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Demo {
    /// Max Mustermann: VISA, MasterCard and an expired VISA.
    Max,
    /// Erika Musterfrau: AMEX and the challenge VISA.
    Erika,
}

impl Demo {
    fn name(self) -> &'static str {
        match self {
            Demo::Max => "max",
            Demo::Erika => "erika",
        }
    }

    fn profile(self) -> Profile {
        let (first, last) = match self {
            Demo::Max => ("Max", "Mustermann"),
            Demo::Erika => ("Erika", "Musterfrau"),
        };
        Profile {
            first_name: first.into(),
            last_name: last.into(),
            email: format!(
                "{}.{}@example.com",
                first.to_lowercase(),
                last.to_lowercase()
            ),
        }
    }

    /// PAN, expiry and last use (seconds from now) of the demo cards.
    fn cards(self) -> &'static [(&'static str, &'static str, i64)] {
        match self {
            Demo::Max => &[
                ("4111111111111111", "203012", -600),
                ("5555555555554444", "202906", -86_400 * 12),
                ("4012888888881881", "202301", -86_400 * 900),
            ],
            Demo::Erika => &[
                ("378282246310005", "202811", -3_600),
                ("4000000000001091", "202912", -86_400 * 3),
            ],
        }
    }
}

/// Starts a session for a fresh copy of a demo customer (its cards reach the vault on first
/// use), with the cookie for the transport of the request (`headers`).
pub async fn new_session(
    app: &Shared,
    demo: Demo,
    headers: &HeaderMap,
) -> Result<Session, AppError> {
    let customer = CustomerRow {
        id: format!("cus_{}", ids::hex(16)),
        demo: demo.name().into(),
        profile: demo.profile(),
    };
    let token = ids::hex(40);
    let expires_at = Lifetimes::from_now(app.backend.lifetimes.session);
    app.backend
        .store
        .create_session(&token, &customer, expires_at)
        .await?;
    Ok(Session {
        customer: customer.id,
        set_cookie: set_cookie(&token, headers),
    })
}

/// Puts the customer's demo cards into the Paygate vault once, as if saved in earlier purchases
/// (sandbox shortcut, through the Paygate's `/__sandbox/vault/cards`).
pub async fn ensure_seeded(app: &Shared, customer: &str) -> Result<(), AppError> {
    let Some(row) = app.backend.store.customer(customer).await? else {
        return Ok(());
    };
    if !app.backend.store.claim_seeding(customer, true).await? {
        return Ok(());
    }
    let demo = if row.demo == "erika" {
        Demo::Erika
    } else {
        Demo::Max
    };
    let p = &row.profile;
    let cards: Vec<_> = demo
        .cards()
        .iter()
        .map(|(pan, expiry, offset)| {
            json!({"number": pan, "expiryDate": expiry, "cardholderName": format!("{} {}", p.first_name, p.last_name), "lastUsedOffsetS": offset})
        })
        .collect();
    let body = json!({
        "customerInfo": {"merchantCustomerId": customer, "firstName": p.first_name, "lastName": p.last_name, "email": p.email},
        "cards": cards,
    });
    if let Err(e) = client::sandbox_seed(app, &body).await {
        app.backend.store.claim_seeding(customer, false).await?;
        return Err(e);
    }
    Ok(())
}

/// Query of `/demo/login`.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    customer: Option<String>,
}

/// `GET /demo/login?customer=demo|other`: new session for a demo customer, redirect to `/`.
pub async fn demo_login(
    State(app): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<LoginQuery>, QueryRejection>,
) -> Response {
    let demo = match q.as_ref().ok().and_then(|q| q.customer.as_deref()) {
        Some("other") => Demo::Erika,
        _ => Demo::Max,
    };
    match new_session(&app, demo, &headers).await {
        Ok(s) => s.apply(Redirect::to("/").into_response()),
        Err(e) => e.into_response(),
    }
}
