//! Turns DOM events (messages, timers, poll answers, cancel) into events and hands each to the
//! checkout's driver; keeps the payment's stop reason, its pauses and its promise's settle
//! functions.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use super::flow::Checkout;
use super::footprint::Dom;
use crate::dom::listener::Timer;
use crate::protocol::payment_flow::{Event, StopReason};

/// A running pause: its timer, and the resolve function that ends it early.
struct Pause {
    key: u32,
    _timer: Timer,
    resolve: Function,
}

/// One payment's events on their way to the driver, and the one place its stop reason is kept.
#[derive(Default)]
pub(crate) struct Mailbox {
    /// The checkout that steps the payment, from `pay()` until the payment is over.
    driver: RefCell<Option<Rc<Checkout>>>,
    /// `pay()`'s promise: resolve and reject, called once when the payment is over.
    settle: RefCell<Option<(Function, Function)>>,
    stop: Cell<Option<StopReason>>,
    closed: Cell<bool>,
    /// Whether the payment request is under way: its own end ends a stopped payment.
    creating: Cell<bool>,
    /// Whether the first phase is there; events before it wait in `held`.
    open: Cell<bool>,
    held: RefCell<Vec<Event<Dom>>>,
    pauses: RefCell<Vec<Pause>>,
    next_pause: Cell<u32>,
}

impl Mailbox {
    /// Gives the payment its driver and the settle functions of `pay()`'s promise.
    pub(crate) fn bind(&self, driver: Rc<Checkout>, resolve: Function, reject: Function) {
        *self.driver.borrow_mut() = Some(driver);
        *self.settle.borrow_mut() = Some((resolve, reject));
    }

    /// The driver, `None` once the payment is over.
    pub(crate) fn driver(&self) -> Option<Rc<Checkout>> {
        if self.closed.get() {
            return None;
        }
        self.driver.borrow().clone()
    }

    /// Hands `event` to the driver in a task of its own, after everything posted before it:
    /// never inside the DOM callback that posts it. Ignored once the payment is over.
    pub(crate) fn post(self: &Rc<Self>, event: Event<Dom>) {
        if self.closed.get() {
            return;
        }
        let mailbox = self.clone();
        crate::dom::task::spawn(async move { mailbox.deliver(event, false) });
    }

    /// Hands `event` to the driver now; `answer` marks the answer of `POST …/result`. Events
    /// before the first phase wait for it (a stop does not).
    pub(crate) fn deliver(&self, event: Event<Dom>, answer: bool) {
        if !self.open.get() && self.stop.get().is_none() {
            if !self.closed.get() {
                self.held.borrow_mut().push(event);
            }
            return;
        }
        if let Some(driver) = self.driver() {
            driver.on_event(self, event, answer);
        }
    }

    /// The first phase is there: the events that came before it go to the driver, in order.
    pub(crate) fn open(self: &Rc<Self>) {
        self.open.set(true);
        let held = std::mem::take(&mut *self.held.borrow_mut());
        for event in held {
            self.post(event);
        }
    }

    /// Ends the payment for `reason` (the first reason wins): running pauses end at once, and
    /// the driver hears of it before anything posted earlier.
    pub(crate) fn stop(self: &Rc<Self>, reason: StopReason) {
        if self.stop.get().is_none() && !self.closed.get() {
            self.stop.set(Some(reason));
            self.end_pauses();
            self.post(Event::Stopped(reason));
        }
    }

    /// Marks the payment request as under way, or over.
    pub(crate) fn set_creating(&self, creating: bool) {
        self.creating.set(creating);
    }

    /// Whether the payment request is under way.
    pub(crate) fn creating(&self) -> bool {
        self.creating.get()
    }

    /// Why the payment was stopped, if it was.
    pub(crate) fn stopped(&self) -> Option<StopReason> {
        self.stop.get()
    }

    /// Marks the payment as over: later events are dropped, running pauses end at once (their
    /// timers cleared), background tasks end and the driver is let go. Says whether it was open.
    pub(crate) fn close(&self) -> bool {
        if self.closed.replace(true) {
            return false;
        }
        self.held.borrow_mut().clear();
        self.end_pauses();
        let driver = self.driver.borrow_mut().take();
        drop(driver);
        true
    }

    /// Resolves `pay()`'s promise with the result or rejects it with the error, once.
    pub(crate) fn settle(&self, outcome: Result<JsValue, JsValue>) {
        let settle = self.settle.borrow_mut().take();
        if let Some((resolve, reject)) = settle {
            let _ = match outcome {
                Ok(result) => resolve.call1(&JsValue::NULL, &result),
                Err(e) => reject.call1(&JsValue::NULL, &e),
            };
        }
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
}
