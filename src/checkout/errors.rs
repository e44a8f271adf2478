//! The `PaygateError` each way a payment can end without a result.

use super::mailbox::Mailbox;
use crate::error::{ErrorCode, Message, PaygateError};
use crate::protocol::csp::CspBlock;
use crate::protocol::payment_flow::{Failure, StopReason};

/// The error a payment stopped for `reason` rejects with.
pub(crate) fn stopped(reason: StopReason) -> PaygateError {
    let (code, message) = match reason {
        StopReason::Cancelled => (ErrorCode::ChallengeCancelled, Message::Cancelled),
        StopReason::Aborted => (ErrorCode::Aborted, Message::Aborted),
        StopReason::Destroyed => (ErrorCode::Destroyed, Message::CheckoutDestroyed),
    };
    PaygateError::new(code, message)
}

/// The error of a payment whose footprint is gone: stopped for the mailbox's reason, or destroyed.
pub(crate) fn ended(mailbox: &Mailbox) -> PaygateError {
    stopped(mailbox.stopped().unwrap_or(StopReason::Destroyed))
}

/// `csp_blocked`: names the directive and the blocked origin, and what the shop must allow.
fn csp_blocked(block: &CspBlock) -> PaygateError {
    let directive = block.directive.as_str();
    PaygateError::new(ErrorCode::CspBlocked, Message::CspBlocked)
        .with_detail(directive)
        .with_arg(directive)
        .with_arg(block.blocked_origin.as_str())
}

/// The error of a payment that ended with `failure`.
pub(crate) fn failed(failure: Failure<PaygateError>) -> PaygateError {
    match failure {
        Failure::Stopped(reason) => stopped(reason),
        Failure::ChallengeTimeout => {
            PaygateError::new(ErrorCode::ChallengeTimeout, Message::ChallengeTimeout)
        }
        Failure::CspBlocked(block) => csp_blocked(&block),
        Failure::NotFinal => PaygateError::new(ErrorCode::BackendUnreachable, Message::NotFinal)
            .with_detail("not_final"),
        Failure::Error(e) => e,
    }
}
