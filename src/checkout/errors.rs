//! The `PaygateError` each way a payment can end without a result.

use super::mailbox::Mailbox;
use crate::error::{ErrorCode, PaygateError};
use crate::protocol::csp::CspBlock;
use crate::protocol::payment_flow::{Failure, StopReason};

/// The error a payment stopped for `reason` rejects with.
pub(crate) fn stopped(reason: StopReason) -> PaygateError {
    let (code, message) = match reason {
        StopReason::Cancelled => (ErrorCode::ChallengeCancelled, "the payment was cancelled"),
        StopReason::Aborted => (
            ErrorCode::Aborted,
            "the payment was aborted through its AbortSignal",
        ),
        StopReason::Destroyed => (ErrorCode::Destroyed, "the checkout was destroyed"),
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
    let mut message = String::from("the page's Content-Security-Policy directive ");
    for part in [
        directive,
        " blocked ",
        block.blocked_origin.as_str(),
        ": frame-src and form-action must allow every issuer's ACS (https:)",
    ] {
        message.push_str(part);
    }
    PaygateError::new(ErrorCode::CspBlocked, message).with_detail(directive)
}

/// The error of a payment that ended with `failure`.
pub(crate) fn failed(failure: Failure<PaygateError>) -> PaygateError {
    match failure {
        Failure::Stopped(reason) => stopped(reason),
        Failure::ChallengeTimeout => PaygateError::new(
            ErrorCode::ChallengeTimeout,
            "the challenge did not finish in time",
        ),
        Failure::CspBlocked(block) => csp_blocked(&block),
        Failure::NotFinal => PaygateError::new(
            ErrorCode::BackendUnreachable,
            "the merchant backend has no final result",
        )
        .with_detail("not_final"),
        Failure::Error(e) => e,
    }
}
