//! easyCredit (hire purchase): the customer-facing texts and number formats ([`strings`],
//! [`format`](mod@format)), pure and tested natively, and the confirmation block (`summary`) in the browser.

pub mod format;
pub mod strings;

#[cfg(target_arch = "wasm32")]
pub mod summary;
