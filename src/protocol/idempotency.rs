//! Idempotent payment creation (docs/backend-contract.md): one key per `pay()`, sent as `Idempotency-Key` on
//! `POST {backendUrl}/payments` and by the backend as the Paygate's `ReqID`, and the policy for
//! retrying that request with the same key when its answer is lost.

/// Characters of a key: `ReqID` allows at most 32 alphanumerics.
const ALPHABET: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// Length of a key; 32 characters of 62 carry 190 bits.
pub const KEY_LEN: usize = 32;
/// Random bytes to ask for per round: bytes ≥ 248 are dropped (248 = 4 × 62) so that every
/// character is equally likely, so a round may give fewer than [`KEY_LEN`] characters.
pub const RANDOM_BYTES_PER_ROUND: usize = 48;

/// An idempotency key: exactly [`KEY_LEN`] ASCII alphanumerics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    /// Builds a key from uniformly random bytes, asking `fill` (`crypto.getRandomValues`) for
    /// more until there are enough; `None` when `fill` fails.
    pub fn generate(mut fill: impl FnMut(&mut [u8]) -> bool) -> Option<Self> {
        let mut key = String::with_capacity(KEY_LEN);
        let mut bytes = [0u8; RANDOM_BYTES_PER_ROUND];
        while key.len() < KEY_LEN {
            if !fill(&mut bytes) {
                return None;
            }
            for b in bytes.iter().filter(|b| **b < 248) {
                if key.len() < KEY_LEN {
                    key.push(char::from(ALPHABET[usize::from(*b % 62)]));
                }
            }
        }
        Some(IdempotencyKey(key))
    }

    /// The key as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub use super::timing::{
    DEFAULT_BACKEND_RETRIES, DEFAULT_BACKEND_TIMEOUT_MS, MAX_BACKEND_RETRIES, RETRY_BASE_DELAY_MS,
    RETRY_MAX_DELAY_MS,
};

/// How one attempt of `POST {backendUrl}/payments` ended, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttemptOutcome {
    /// An answer with this HTTP status.
    Status(u16),
    /// No answer: the network failed.
    NetworkError,
    /// No answer within the attempt's time.
    TimedOut,
}

/// Retries of the payment request: bounded, with exponential backoff, always with the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// Time one attempt may take, in milliseconds.
    pub attempt_timeout_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            retries: DEFAULT_BACKEND_RETRIES,
            attempt_timeout_ms: DEFAULT_BACKEND_TIMEOUT_MS,
        }
    }
}

impl RetryPolicy {
    /// Whether an attempt that ended so may be repeated: the backend may have processed it and
    /// the answer was lost (network error, timeout, 502/503/504). Any other status is an answer.
    pub const fn retryable(outcome: AttemptOutcome) -> bool {
        matches!(
            outcome,
            AttemptOutcome::NetworkError
                | AttemptOutcome::TimedOut
                | AttemptOutcome::Status(502..=504)
        )
    }

    /// The pause before retry `retry` (1-based): 500 ms, 1 s, 2 s, 4 s, 4 s, …
    pub fn delay_ms(retry: u32) -> u32 {
        let doubled = RETRY_BASE_DELAY_MS.saturating_mul(
            1u32.checked_shl(retry.saturating_sub(1))
                .unwrap_or(u32::MAX),
        );
        doubled.min(RETRY_MAX_DELAY_MS)
    }

    /// The pause after attempt `attempt` (0-based) ended with `outcome`, or `None` when the
    /// request must not be repeated.
    pub fn next_delay_ms(&self, attempt: u32, outcome: AttemptOutcome) -> Option<u32> {
        (Self::retryable(outcome) && attempt < self.retries).then(|| Self::delay_ms(attempt + 1))
    }

    /// The longest the payment request can take in all: every attempt timing out, and every pause.
    pub fn worst_case_ms(&self) -> u64 {
        let attempts = u64::from(self.retries) + 1;
        let pauses: u64 = (1..=self.retries)
            .map(|r| u64::from(Self::delay_ms(r)))
            .sum();
        attempts * u64::from(self.attempt_timeout_ms) + pauses
    }
}
