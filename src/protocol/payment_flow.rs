//! The payment after the payment request, as a state machine without a browser.
//!
//! Each [`Phase`] holds only what it owns: the method frame with its timer, the challenge frame
//! with its timer, the attempt count of the finishing request. [`transition`] consumes the phase
//! and an [`Event`] and says what comes next ([`Step`]); what a phase owned and the next one does
//! not is dropped with it. The DOM side picks what the phases own through [`Parts`], so the same
//! function drives the real frames and the native tests.

use super::csp::CspBlock;
use super::payment_response::BrowserPaymentResponse;
use super::timing::result_pause_ms;
use super::url_policy::SafeUrl;

/// What the phases own and what the events carry, chosen by whoever drives the machine.
pub trait Parts {
    /// The posted method frame and its timeout.
    type Method: std::fmt::Debug;
    /// The posted challenge frame and its timeout.
    type Challenge: std::fmt::Debug;
    /// A challenge to open (the browser challenge response).
    type ChallengeRequest: std::fmt::Debug;
    /// The backend's final result.
    type Result: std::fmt::Debug;
    /// An error that ends the payment.
    type Error: std::fmt::Debug;
}

/// Why a payment was stopped from outside: the shop or the customer, not the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// `cancel()`.
    Cancelled,
    /// The `AbortSignal` given to `pay()`.
    Aborted,
    /// `destroy()`.
    Destroyed,
}

/// Where a running payment is.
#[derive(Debug)]
pub enum Phase<P: Parts> {
    /// The method form went into its hidden frame; waiting for its notification.
    Method {
        /// The frame and its timer.
        frame: P::Method,
        /// Where the form went, to tell a CSP block of it.
        url: Option<SafeUrl>,
    },
    /// No frame: the long poll tells what comes next (no method URL, the method timed out or
    /// the page's CSP blocked it).
    Waiting,
    /// The challenge (or 3-D Secure 1.0) frame is shown.
    Challenge {
        /// The frame and its timer.
        frame: P::Challenge,
        /// Where the form went, to tell a CSP block of it.
        url: SafeUrl,
    },
    /// `POST …/result` with the browser payment response is under way.
    Finishing {
        /// The response to send, as the Paygate sent it.
        response: BrowserPaymentResponse,
        /// Answers with `final:false` so far.
        attempt: u32,
    },
}

/// Something that happened to a running payment.
#[derive(Debug)]
pub enum Event<P: Parts> {
    /// A frame's message or the long poll asks for a challenge.
    Challenge(P::ChallengeRequest),
    /// A frame's message carries the browser payment response.
    Payment(BrowserPaymentResponse),
    /// The long poll or the finishing request has the final result.
    Done(P::Result),
    /// The finishing request was answered `final:false`.
    NotFinal,
    /// A message could not be read, or the long poll or the finishing request failed for good.
    Failed(P::Error),
    /// `cancel()`, the `AbortSignal` or `destroy()`.
    Stopped(StopReason),
    /// The method frame did not notify in time.
    MethodTimeout,
    /// The challenge did not finish in time.
    ChallengeTimeout,
    /// The page's Content-Security-Policy blocked a frame or a form post.
    CspBlocked(CspBlock),
}

/// How a payment ends when it does not end with a result.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure<E> {
    /// Stopped from outside.
    Stopped(StopReason),
    /// The challenge stayed open longer than `challengeTimeoutMs`.
    ChallengeTimeout,
    /// The page's CSP blocked the challenge.
    CspBlocked(CspBlock),
    /// The backend answered `final:false` to every attempt.
    NotFinal,
    /// Any other error.
    Error(E),
}

/// What the driver does after an event.
#[derive(Debug)]
pub enum Step<P: Parts> {
    /// Nothing changes: go on waiting in this phase.
    Stay(Phase<P>),
    /// Open this challenge: the next phase is [`Phase::Challenge`]. `start_poll` is true when
    /// the long poll is not running yet (the payment leaves the method phase).
    OpenChallenge {
        /// The challenge to open.
        request: P::ChallengeRequest,
        /// Whether the long poll has to be started.
        start_poll: bool,
    },
    /// The method is over without news: start the long poll, the next phase is [`Phase::Waiting`].
    Poll,
    /// Send the browser payment response (again, after `pause_ms`); the next phase is this
    /// [`Phase::Finishing`].
    Finish {
        /// The finishing phase.
        phase: Phase<P>,
        /// How long to wait before sending (0 the first time).
        pause_ms: u32,
    },
    /// The payment is over with the backend's result.
    Done(P::Result),
    /// The payment is over without a result.
    Fail(Failure<P::Error>),
}

/// The next step of `phase` after `event`.
pub fn transition<P: Parts>(phase: Phase<P>, event: Event<P>) -> Step<P> {
    use Phase as Ph;
    match (phase, event) {
        (_, Event::Stopped(reason)) => Step::Fail(Failure::Stopped(reason)),
        (_, Event::Failed(e)) => Step::Fail(Failure::Error(e)),
        (_, Event::Done(result)) => Step::Done(result),
        (phase @ (Ph::Challenge { .. } | Ph::Finishing { .. }), Event::Challenge(_)) => {
            Step::Stay(phase)
        }
        (phase, Event::Challenge(request)) => Step::OpenChallenge {
            start_poll: matches!(phase, Ph::Method { .. }),
            request,
        },
        (phase @ Ph::Finishing { .. }, Event::Payment(_)) => Step::Stay(phase),
        (_, Event::Payment(response)) => Step::Finish {
            phase: Ph::Finishing {
                response,
                attempt: 0,
            },
            pause_ms: 0,
        },
        (Ph::Finishing { response, attempt }, Event::NotFinal) => match result_pause_ms(attempt) {
            Some(pause_ms) => Step::Finish {
                phase: Ph::Finishing {
                    response,
                    attempt: attempt + 1,
                },
                pause_ms,
            },
            None => Step::Fail(Failure::NotFinal),
        },
        (Ph::Method { .. }, Event::MethodTimeout) => Step::Poll,
        (Ph::Challenge { .. }, Event::ChallengeTimeout) => Step::Fail(Failure::ChallengeTimeout),
        (Ph::Challenge { frame, url }, Event::CspBlocked(block)) => {
            if block.blocks(&url) {
                Step::Fail(Failure::CspBlocked(block))
            } else {
                Step::Stay(Ph::Challenge { frame, url })
            }
        }
        // A blocked method is a method that never notifies: the Paygate goes on with
        // threeDSCompInd=N and the payment may well succeed, so it is no error.
        (Ph::Method { frame, url }, Event::CspBlocked(block)) => match &url {
            Some(target) if block.blocks(target) => Step::Poll,
            _ => Step::Stay(Ph::Method { frame, url }),
        },
        (phase, Event::NotFinal | Event::MethodTimeout | Event::ChallengeTimeout)
        | (phase, Event::CspBlocked(_)) => Step::Stay(phase),
    }
}
