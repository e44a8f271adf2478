//! The states a payment reports to `onStateChange` and the live region.

/// The states `onStateChange` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentState {
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

impl PaymentState {
    /// The name JavaScript sees.
    pub const fn as_str(self) -> &'static str {
        match self {
            PaymentState::Collecting => "collecting",
            PaymentState::Method => "method",
            PaymentState::Challenge => "challenge",
            PaymentState::Finishing => "finishing",
            PaymentState::Done => "done",
            PaymentState::Failed => "failed",
        }
    }
}
