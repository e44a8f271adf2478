//! Turns DOM events (messages, timers, poll answers, cancel) into events the flow awaits.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::run::Dom;
use crate::protocol::payment_flow::{Event, StopReason};

/// The queue of one payment's events, and the one place its stop reason is kept.
#[derive(Default)]
pub(crate) struct Mailbox {
    queue: RefCell<VecDeque<Event<Dom>>>,
    waker: RefCell<Option<Function>>,
    stop: Cell<Option<StopReason>>,
    closed: Cell<bool>,
}

impl Mailbox {
    /// Queues an event and wakes the flow. Ignored once the payment is over.
    pub(crate) fn post(&self, event: Event<Dom>) {
        if self.closed.get() {
            return;
        }
        self.queue.borrow_mut().push_back(event);
        self.wake();
    }

    /// Ends the payment for `reason` (the first reason wins).
    pub(crate) fn stop(&self, reason: StopReason) {
        if self.stop.get().is_none() && !self.closed.get() {
            self.stop.set(Some(reason));
            self.wake();
        }
    }

    /// Why the payment was stopped, if it was.
    pub(crate) fn stopped(&self) -> Option<StopReason> {
        self.stop.get()
    }

    /// Marks the payment as over: later events are dropped, background tasks end.
    pub(crate) fn close(&self) {
        self.closed.set(true);
        self.queue.borrow_mut().clear();
        self.wake();
    }

    /// Whether the payment is over or stopped: background tasks end.
    pub(crate) fn is_over(&self) -> bool {
        self.closed.get() || self.stop.get().is_some()
    }

    fn wake(&self) {
        let waker = self.waker.borrow_mut().take();
        if let Some(w) = waker {
            let _ = w.call0(&JsValue::NULL);
        }
    }

    /// The next event; a stop comes before anything queued.
    pub(crate) async fn next(&self) -> Event<Dom> {
        loop {
            if let Some(reason) = self.stop.get() {
                return Event::Stopped(reason);
            }
            if let Some(e) = self.queue.borrow_mut().pop_front() {
                return e;
            }
            if self.closed.get() {
                return Event::Stopped(StopReason::Destroyed);
            }
            let promise = Promise::new(&mut |resolve, _| {
                *self.waker.borrow_mut() = Some(resolve);
            });
            let _ = JsFuture::from(promise).await;
        }
    }
}
