//! The 3-D Secure flow that ties protocol, DOM and merchant backend together.
//!
//! [`options`] reads the constructor's options, [`input`] the arguments of `pay()`, [`browser`]
//! collects `browserInfo`, [`backend`] is the one place that talks to the merchant backend,
//! `mailbox` turns DOM events into the state machine's events, `run` holds what a payment adds
//! to the page, `poll` is the long poll, and [`flow`] drives a payment through the state machine.

pub mod backend;
pub mod browser;
mod errors;
pub mod flow;
pub mod input;
mod mailbox;
pub mod options;
mod phases;
mod poll;
mod run;
mod stage;
pub mod strings;

pub use flow::Checkout;
pub use stage::Stage;
