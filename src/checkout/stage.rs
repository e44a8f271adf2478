//! The states a payment reports to `onStateChange` and the live region.

/// The states `onStateChange` reports (DESIGN.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading card data and browser info, sending the payment request.
    Collecting,
    /// The 3DS method runs.
    Method,
    /// The challenge (or the 3-D Secure 1.0 page) is shown.
    Challenge,
    /// The browser payment response goes to the backend.
    Finishing,
    /// The backend's result is in.
    Done,
    /// The payment ended with an error.
    Failed,
}

impl Stage {
    /// The name JavaScript sees.
    pub const fn as_str(self) -> &'static str {
        match self {
            Stage::Collecting => "collecting",
            Stage::Method => "method",
            Stage::Challenge => "challenge",
            Stage::Finishing => "finishing",
            Stage::Done => "done",
            Stage::Failed => "failed",
        }
    }
}
