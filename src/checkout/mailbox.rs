//! Turns DOM events (messages, timers, poll answers, cancel) into events the flow awaits.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::error::{ErrorCode, PaygateError};
use crate::protocol::challenge::BrowserChallengeResponse;
use crate::protocol::csp::CspBlock;
use crate::protocol::message::PaygateMessage;

/// Something the flow reacts to.
pub enum Event {
    /// An accepted message from one of this checkout's frames, classified.
    Message(Result<PaygateMessage, PaygateError>),
    /// The 3DS method got no notification in time (`threeDSCompInd=N`).
    MethodTimeout,
    /// The challenge did not finish in time.
    ChallengeTimeout,
    /// The long poll says a challenge is needed.
    PollChallenge(BrowserChallengeResponse),
    /// The long poll says the backend has the final result.
    PollDone(JsValue),
    /// The long poll failed for good.
    PollFailed(PaygateError),
    /// `cancel()`, the `AbortSignal` or `destroy()` ended the payment.
    Stop(ErrorCode),
    /// The page's Content-Security-Policy blocked a frame or a form post.
    CspBlocked(CspBlock),
}

/// The queue of one payment's events.
#[derive(Default)]
pub struct Mailbox {
    queue: RefCell<VecDeque<Event>>,
    waker: RefCell<Option<Function>>,
    stop: Cell<Option<ErrorCode>>,
    closed: Cell<bool>,
}

impl Mailbox {
    /// Queues an event and wakes the flow. Ignored once the payment is over.
    pub fn post(&self, event: Event) {
        if self.closed.get() {
            return;
        }
        self.queue.borrow_mut().push_back(event);
        self.wake();
    }

    /// Ends the payment with `code` (the first reason wins).
    pub fn stop(&self, code: ErrorCode) {
        if self.stop.get().is_none() && !self.closed.get() {
            self.stop.set(Some(code));
            self.wake();
        }
    }

    /// Why the payment was stopped, if it was.
    pub fn stopped(&self) -> Option<ErrorCode> {
        self.stop.get()
    }

    /// Marks the payment as over: later events are dropped, background tasks end.
    pub fn close(&self) {
        self.closed.set(true);
        self.queue.borrow_mut().clear();
        self.wake();
    }

    /// Whether the payment is over.
    pub fn is_closed(&self) -> bool {
        self.closed.get()
    }

    fn wake(&self) {
        let waker = self.waker.borrow_mut().take();
        if let Some(w) = waker {
            let _ = w.call0(&JsValue::NULL);
        }
    }

    /// The next event; a stop comes before anything queued.
    pub async fn next(&self) -> Event {
        loop {
            if let Some(code) = self.stop.get() {
                return Event::Stop(code);
            }
            if let Some(e) = self.queue.borrow_mut().pop_front() {
                return e;
            }
            if self.closed.get() {
                return Event::Stop(ErrorCode::Destroyed);
            }
            let promise = Promise::new(&mut |resolve, _| {
                *self.waker.borrow_mut() = Some(resolve);
            });
            let _ = JsFuture::from(promise).await;
        }
    }
}
