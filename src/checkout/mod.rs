//! The 3-D Secure flow that ties protocol, DOM and merchant backend together.
//!
//! [`options`] holds the constructor's checked options, `input` reads the arguments of `pay()`,
//! `browser` collects `browserInfo`, [`backend`] makes the checkout's requests to the merchant
//! backend, `mailbox` turns DOM events into the state machine's events, `run` holds what a
//! payment adds to the page, `phases` opens its frames, `poll` is the long poll, and [`flow`]
//! drives a payment through [`crate::protocol::payment_flow`].

pub mod backend;
pub(crate) mod browser;
mod errors;
pub mod flow;
pub(crate) mod input;
mod mailbox;
pub mod options;
mod phases;
mod poll;
mod run;
mod stage;
pub(crate) mod strings;

pub use flow::Checkout;
pub use stage::Stage;
