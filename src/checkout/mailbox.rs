//! Turns DOM events (messages, timers, poll answers, cancel) into events the flow awaits.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::footprint::Dom;
use crate::dom::listener::Timer;
use crate::protocol::payment_flow::{Event, StopReason};

/// A running pause: its timer, and the resolve function that ends it early.
struct Pause {
    key: u32,
    _timer: Timer,
    resolve: Function,
}

/// The queue of one payment's events, and the one place its stop reason is kept.
#[derive(Default)]
pub(crate) struct Mailbox {
    queue: RefCell<VecDeque<Event<Dom>>>,
    waker: RefCell<Option<Function>>,
    stop: Cell<Option<StopReason>>,
    closed: Cell<bool>,
    pauses: RefCell<Vec<Pause>>,
    next_pause: Cell<u32>,
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

    /// Ends the payment for `reason` (the first reason wins); running pauses end at once.
    pub(crate) fn stop(&self, reason: StopReason) {
        if self.stop.get().is_none() && !self.closed.get() {
            self.stop.set(Some(reason));
            self.end_pauses();
            self.wake();
        }
    }

    /// Why the payment was stopped, if it was.
    pub(crate) fn stopped(&self) -> Option<StopReason> {
        self.stop.get()
    }

    /// Marks the payment as over: later events are dropped, running pauses end at once (their
    /// timers cleared) and background tasks end.
    pub(crate) fn close(&self) {
        self.closed.set(true);
        self.queue.borrow_mut().clear();
        self.end_pauses();
        self.wake();
    }

    fn end_pauses(&self) {
        let pauses = std::mem::take(&mut *self.pauses.borrow_mut());
        for pause in pauses {
            let _ = pause.resolve.call0(&JsValue::NULL);
        }
    }

    /// Waits `ms` milliseconds, or less when the payment is stopped or closed first: no timer
    /// of a payment outlives it.
    pub(crate) async fn pause(&self, ms: u32) {
        if self.is_over() {
            return;
        }
        let key = self.next_pause.get().wrapping_add(1);
        self.next_pause.set(key);
        let promise = Promise::new(&mut |resolve, _| {
            let fire = resolve.clone();
            match Timer::new(ms, move || {
                let _ = fire.call0(&JsValue::NULL);
            }) {
                Ok(timer) => self.pauses.borrow_mut().push(Pause {
                    key,
                    _timer: timer,
                    resolve,
                }),
                Err(_) => {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            }
        });
        let _ = JsFuture::from(promise).await;
        self.pauses.borrow_mut().retain(|p| p.key != key);
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
