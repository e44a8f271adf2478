//! The reference merchant backend (shop origin, under `/paygate`): DESIGN.md §4.

pub mod client;
pub mod create;
pub mod faults;
pub mod idempotency;
pub mod methods;
pub mod payments;
pub mod session;
pub mod state;
pub mod store;
pub mod waiters;

use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post};
use axum::Router;

use crate::state::{log, Shared};

/// Routes under `/paygate` (the backend contract) plus `/demo/login`.
pub fn router(app: Shared) -> Router {
    Router::new()
        .route("/paygate/payments", post(create::create))
        .route("/paygate/payments/{pay_id}", get(payments::poll))
        .route("/paygate/payments/{pay_id}/result", post(payments::result))
        .route("/paygate/payment-methods", get(methods::list))
        .route("/paygate/payment-methods/{id}", delete(methods::remove))
        .route("/paygate/notify", post(payments::notify))
        .route("/paygate/vault-webhook", post(methods::webhook))
        .route("/demo/login", get(session::demo_login))
        .layer(DefaultBodyLimit::max(64 * 1024))
        .with_state(app)
}

/// Deletes expired sessions, customers, payments and idempotency answers every half of the
/// shorter lifetime (1–60 s); the demo cards of an expired customer leave the vault too.
pub fn spawn_sweep(app: &Shared) {
    let app = app.clone();
    let l = app.backend.lifetimes;
    let every =
        (l.session.min(l.payment) / 2).clamp(Duration::from_secs(1), Duration::from_secs(60));
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(every).await;
            match app.backend.store.sweep() {
                Ok(customers) => {
                    for c in customers {
                        let _ =
                            client::rest(&app, reqwest::Method::DELETE, &format!("/customers/{c}"))
                                .await;
                    }
                }
                Err(e) => log("shop", format!("sweep: {e}")),
            }
        }
    });
}
