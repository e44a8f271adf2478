//! The 3-D Secure flow that ties protocol, DOM and merchant backend together.
//!
//! [`options`] reads the constructor's options, [`input`] the arguments of `pay()`, [`browser`]
//! collects `browserInfo`, [`backend`] is the one place that talks to the merchant backend,
//! [`mailbox`] turns DOM events into awaitable events and [`flow`] is the state machine.

pub mod backend;
pub mod browser;
pub mod flow;
pub mod input;
pub mod mailbox;
pub mod options;
pub mod strings;

pub use flow::{Checkout, Stage};
