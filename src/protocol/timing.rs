//! Every timeout, pause and retry count of a payment, in one place.
//!
//! The checkout's own options (`methodTimeoutMs`, `challengeTimeoutMs`, `backendRetries`,
//! `backendTimeoutMs`) default to the `DEFAULT_*` values; the rest are fixed by the backend
//! contract (docs/backend-contract.md).

/// `methodTimeoutMs` by default: EMV 3DS gives the 3DS method 10 seconds to notify.
pub const DEFAULT_METHOD_TIMEOUT_MS: u32 = 10_000;
/// `challengeTimeoutMs` by default: how long a challenge may stay open.
pub const DEFAULT_CHALLENGE_TIMEOUT_MS: u32 = 600_000;

/// Default number of retries of `POST {backendUrl}/payments` after the first attempt
/// (`backendRetries`).
pub const DEFAULT_BACKEND_RETRIES: u32 = 3;
/// Most retries `backendRetries` may ask for.
pub const MAX_BACKEND_RETRIES: u32 = 10;
/// Default time one attempt may take before it is aborted and retried (`backendTimeoutMs`).
pub const DEFAULT_BACKEND_TIMEOUT_MS: u32 = 15_000;
/// Pause before the first retry; each further retry waits twice as long …
pub const RETRY_BASE_DELAY_MS: u32 = 500;
/// … up to this pause.
pub const RETRY_MAX_DELAY_MS: u32 = 4_000;

/// Seconds one long-poll request may wait at the backend (`?wait=`).
pub const POLL_WAIT_S: u32 = 25;
/// Pause between polls while the backend reports a running challenge.
pub const POLL_CHALLENGE_PAUSE_MS: u32 = 1_500;
/// How many failed polls in a row are retried before the payment fails.
pub const POLL_RETRIES: u32 = 5;
/// The pause before retry `n` (1-based) of a failed poll grows by this much each time.
pub const POLL_RETRY_STEP_MS: u32 = 500;

/// How often `POST …/result` is sent while the backend answers `final:false`.
pub const RESULT_ATTEMPTS: u32 = 15;
/// The pause after the first `final:false`.
pub const RESULT_PAUSE_MS: u32 = 200;
/// How much each later pause adds, up to [`RESULT_PAUSE_GROWTH_CAP`] times.
pub const RESULT_PAUSE_STEP_MS: u32 = 150;
/// After this many answers the pause stops growing.
pub const RESULT_PAUSE_GROWTH_CAP: u32 = 8;

/// The pause before the next `POST …/result` after `attempt` (0-based) answered `final:false`,
/// or `None` when the attempts are used up.
pub fn result_pause_ms(attempt: u32) -> Option<u32> {
    (attempt + 1 < RESULT_ATTEMPTS)
        .then(|| RESULT_PAUSE_MS + RESULT_PAUSE_STEP_MS * attempt.min(RESULT_PAUSE_GROWTH_CAP))
}

/// The pause before retrying the long poll after `failures` (1-based) lost answers in a row, or
/// `None` when the poll should give up.
pub fn poll_retry_ms(failures: u32) -> Option<u32> {
    (failures <= POLL_RETRIES).then(|| POLL_RETRY_STEP_MS * failures)
}
