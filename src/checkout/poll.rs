//! The long poll (`GET …/payments/{payId}?wait=`): runs beside the frames from the moment the
//! method phase ends until the payment is over, and posts what it learns to the mailbox.

use std::rc::Rc;

use web_sys::AbortSignal;

use super::backend::{self, PollAnswer};
use super::mailbox::Mailbox;
use crate::error::{ErrorCode, Message, PaygateError};
use crate::protocol::message::PaygateMessage;
use crate::protocol::payment_flow::Event;
use crate::protocol::timing::{poll_retry_ms, POLL_CHALLENGE_PAUSE_MS, POLL_WAIT_S};

/// Starts polling in the background; it ends by itself once the mailbox is stopped or closed.
pub(crate) fn start(mailbox: Rc<Mailbox>, base: String, pay_id: String, signal: AbortSignal) {
    crate::dom::task::spawn(async move {
        let mut failures = 0u32;
        // Once a challenge went to the flow it is open: later rounds repeat it, unread.
        let mut challenge_posted = false;
        while !mailbox.is_over() {
            let answer = backend::poll(&base, &pay_id, POLL_WAIT_S, &signal).await;
            if mailbox.is_over() {
                break;
            }
            match answer {
                Ok(PollAnswer::Pending) => failures = 0,
                Ok(PollAnswer::Done(result)) => {
                    mailbox.post(Event::Done(result));
                    break;
                }
                Ok(PollAnswer::Challenge(raw)) => {
                    failures = 0;
                    if !challenge_posted {
                        challenge_posted = true;
                        mailbox.post(challenge_event(&raw));
                    }
                    mailbox.pause(POLL_CHALLENGE_PAUSE_MS).await;
                }
                Err(e) if e.code == ErrorCode::BackendUnreachable => {
                    failures += 1;
                    match poll_retry_ms(failures) {
                        Some(pause) => mailbox.pause(pause).await,
                        None => {
                            mailbox.post(Event::Failed(e));
                            break;
                        }
                    }
                }
                Err(e) => {
                    mailbox.post(Event::Failed(e));
                    break;
                }
            }
        }
    });
}

/// The long poll's `challenge`: a browser challenge response, or the error that ends the payment.
fn challenge_event(raw: &wasm_bindgen::JsValue) -> Event<super::footprint::Dom> {
    match PaygateMessage::from_js(raw) {
        Ok(PaygateMessage::Challenge(c)) => Event::Challenge(c),
        Ok(_) => Event::Failed(
            PaygateError::new(ErrorCode::InvalidPaygateMessage, Message::PollChallenge)
                .with_detail("format"),
        ),
        Err(e) => Event::Failed(e.into()),
    }
}
