//! easyCredit v3 (hire purchase): the Paygate side ([`paygate`]: `easyCredit.aspx` and
//! `easyCreditDirect.aspx`; [`plan_page`] standing in for easyCredit's own pages; [`bookings`]:
//! asynchronous capture and credit), the reference merchant backend's endpoints ([`backend`])
//! and the decision figures ([`plan`]). Its state lives here, apart from the card payments.

pub mod backend;
pub mod bookings;
pub mod package;
pub mod paygate;
pub mod plan;
pub mod plan_page;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::routing::{get, post};
use axum::Router;

use crate::state::Shared;

/// Everything easyCredit keeps: the Paygate's transactions and the merchant backend's orders,
/// in separate stores as the two sides would.
#[derive(Debug, Default)]
pub struct EasyCreditState {
    /// The Paygate's easyCredit transactions by PayID.
    pub paygate: Mutex<HashMap<String, paygate::Transaction>>,
    /// The merchant backend's hire purchase orders by PayID.
    pub backend: Mutex<HashMap<String, backend::Order>>,
}

/// The handle the easyCredit routes share: the sandbox's state and easyCredit's own.
#[derive(Debug, Clone)]
pub struct EasyCredit {
    /// Origins, credentials and the HTTP client.
    pub app: Shared,
    /// easyCredit's stores.
    pub state: Arc<EasyCreditState>,
}

impl EasyCredit {
    /// A fresh easyCredit for a sandbox.
    pub fn new(app: Shared) -> EasyCredit {
        EasyCredit {
            app,
            state: Arc::default(),
        }
    }
}

/// The Paygate origin's easyCredit routes.
pub fn paygate_router(ec: EasyCredit) -> Router {
    Router::new()
        .route("/easyCredit.aspx", post(paygate::init))
        .route(
            "/easycredit/plan",
            get(plan_page::plan_page).post(plan_page::plan_chosen),
        )
        .route(
            "/easycredit/precontractual/{pay_id}",
            get(plan_page::precontractual),
        )
        .route("/easyCreditDirect.aspx", post(paygate::direct))
        .route("/capture.aspx", post(bookings::capture))
        .route("/credit.aspx", post(bookings::credit))
        .with_state(ec)
}

/// The shop origin's easyCredit routes: the backend under `/paygate/easycredit` and the
/// second wasm build at `/pkg-easycredit/`.
pub fn shop_router(ec: EasyCredit) -> Router {
    backend::router(ec.clone()).merge(
        Router::new()
            .route("/pkg-easycredit/{*file}", get(package::package_file))
            .with_state(ec),
    )
}
