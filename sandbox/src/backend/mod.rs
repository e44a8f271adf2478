//! The reference merchant backend (shop origin, under `/paygate`): DESIGN.md §4.

pub mod client;
pub mod methods;
pub mod payments;
pub mod session;
pub mod state;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{delete, get, post};
use axum::Router;

use crate::state::Shared;

/// Routes under `/paygate` (the backend contract) plus `/demo/login`.
pub fn router(app: Shared) -> Router {
    let customer_routes = Router::new()
        .route("/paygate/payments", post(payments::create))
        .route("/paygate/payments/{pay_id}", get(payments::poll))
        .route("/paygate/payments/{pay_id}/result", post(payments::result))
        .route("/paygate/payment-methods", get(methods::list))
        .route("/paygate/payment-methods/{id}", delete(methods::remove))
        .route_layer(middleware::from_fn_with_state(app.clone(), session::layer));
    Router::new()
        .merge(customer_routes)
        .route("/paygate/notify", post(payments::notify))
        .route("/paygate/vault-webhook", post(methods::webhook))
        .route("/demo/login", get(session::demo_login))
        .layer(DefaultBodyLimit::max(64 * 1024))
        .with_state(app)
}
