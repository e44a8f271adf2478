//! The 3-D Secure flow that ties protocol, DOM and merchant backend together.
//!
//! [`options`] holds the constructor's checked options, `input` reads the arguments of `pay()`,
//! `browser` collects `browserInfo`, [`backend`] makes the checkout's requests to the merchant
//! backend, `mailbox` turns DOM events into the state machine's events, `footprint` holds what a
//! payment adds to the page, `phases` opens its frames, `poll` is the long poll, [`flow`]
//! starts and ends a payment, `driver` steps it through [`crate::protocol::payment_flow`] from
//! its events, and [`PaymentState`] is what it reports to `onStateChange`.

pub mod backend;
pub(crate) mod browser;
mod driver;
mod errors;
pub mod flow;
mod footprint;
pub(crate) mod input;
mod mailbox;
pub mod options;
mod payment_state;
mod phases;
mod poll;
pub(crate) mod strings;

pub use flow::Checkout;
pub use payment_state::PaymentState;
