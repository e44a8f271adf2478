//! `paygate-sandbox`: a local Computop Paygate + ACS simulator and the reference merchant
//! backend for `paygate-wasm`, on three loopback origins (see README; the backend follows
//! docs/backend-contract.md).
#![warn(missing_docs)]
#![warn(clippy::too_many_lines)]

pub mod acs;
pub mod backend;
pub mod cards;
pub mod checks;
pub mod clock;
pub mod config;
pub mod easycredit;
pub mod error;
pub mod form;
pub mod html;
pub mod ids;
pub mod page_headers;
pub mod paygate;
pub mod paypage;
pub mod server;
pub mod shop;
pub mod state;
pub mod vault;
pub mod wire;
