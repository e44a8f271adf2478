//! The reference merchant backend's easyCredit endpoints (shop origin, `/paygate/easycredit`).
//! The keys stay here, as for cards: the browser sends the order and gets a redirect URL, the
//! `Financing` for its summary, and the confirmed result; every Paygate call is encrypted and
//! every Paygate answer, redirect and URLNotify is decrypted and MAC-checked here.
//!
//! | call | answer |
//! |---|---|
//! | `POST /paygate/easycredit/orders` `{order, payment:{amount, currency}, locale}` | `{payId, redirectUrl}`; 400 `easycredit_refused` with the Paygate's `paygateCode` and `problems` |
//! | `GET /paygate/easycredit/return?MerchantID&Len&Data` (URLSuccess / URLFailure) | 303 to `/easycredit/confirm.html?payId=…&locale=…` |
//! | `GET /paygate/easycredit/orders/{payId}/financing` | `{financing}` (base64, as the Paygate sent it); 409 `pending` |
//! | `POST /paygate/easycredit/orders/{payId}/confirm` | `{result:{status, code, description, payId}}` |
//! | `POST /paygate/easycredit/orders/{payId}/capture` / `…/credit` `{amount}` | `{status:"Request"}` (final status by URLNotify) |
//! | `GET /paygate/easycredit/orders/{payId}` | `{payId, decision, confirmed, capture, credit}` |
//! | `POST /paygate/easycredit/notify` | URLNotify receiver |
//!
//! `start` places the order, `transaction` works on it, `notified` hears the decision.

mod notified;
mod start;
mod transaction;

use axum::extract::State;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;

use super::EasyCredit;
use crate::backend::guard;
use crate::backend::session::{self, Session};
use crate::error::AppError;
use crate::state::{lock, Shared};

/// What the backend knows of a hire purchase order.
#[derive(Debug, Clone)]
pub struct Order {
    /// The Paygate's PayID.
    pub pay_id: String,
    /// The backend's TransID.
    pub trans_id: String,
    /// The session customer who placed it.
    pub customer: String,
    /// Amount in cents (EUR).
    pub amount: u64,
    /// Language of the confirmation page.
    pub locale: String,
    /// `pending`, `approved` or `declined`, from the decrypted return or URLNotify.
    pub decision: &'static str,
    /// The confirmation's result, once confirmed.
    pub confirmed: Option<Value>,
    /// Status of the last capture (`Request`, then the notified one).
    pub capture: Option<String>,
    /// Status of the last credit.
    pub credit: Option<String>,
}

/// Routes under `/paygate/easycredit`.
pub fn router(ec: EasyCredit) -> Router {
    let customer_routes = Router::new()
        .route("/paygate/easycredit/orders", post(start::start))
        .route("/paygate/easycredit/return", get(notified::back))
        .route(
            "/paygate/easycredit/orders/{pay_id}",
            get(transaction::status),
        )
        .route(
            "/paygate/easycredit/orders/{pay_id}/financing",
            get(transaction::financing),
        )
        .route(
            "/paygate/easycredit/orders/{pay_id}/confirm",
            post(transaction::confirm),
        )
        .route(
            "/paygate/easycredit/orders/{pay_id}/capture",
            post(transaction::capture),
        )
        .route(
            "/paygate/easycredit/orders/{pay_id}/credit",
            post(transaction::credit),
        )
        .route_layer(middleware::from_fn_with_state(ec.app.clone(), with_session))
        .route_layer(middleware::from_fn(guard::same_origin_json));
    Router::new()
        .merge(customer_routes)
        .route("/paygate/easycredit/notify", post(notified::notify))
        .with_state(ec)
}

/// Middleware: hands the request's session (started for the demo customer when there is none)
/// to the handler and adds its `Set-Cookie` to the answer.
async fn with_session(
    State(app): State<Shared>,
    mut req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    match session::ensure(&app, req.headers()).await {
        Ok(s) => {
            req.extensions_mut().insert(s.clone());
            s.apply(next.run(req).await)
        }
        Err(e) => e.into_response(),
    }
}

/// The session customer's order with this PayID (404 otherwise).
fn order_of(ec: &EasyCredit, s: &Session, pay_id: &str) -> Result<Order, AppError> {
    lock(&ec.state.backend)
        .get(pay_id)
        .filter(|o| o.customer == s.customer)
        .cloned()
        .ok_or_else(|| AppError::not_found("no such hire purchase"))
}
