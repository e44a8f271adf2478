//! One `PaygateCheckout`: its lifecycle (idle, paying, destroyed), the start of a payment and its
//! end; `driver` steps it through the state machine of [`crate::protocol::payment_flow`].
//!
//! Everything a payment adds to the page lives in its `Footprint`; `cancel()`, the `AbortSignal`
//! and `destroy()` stop the payment's mailbox and drop the footprint at once.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use super::backend;
use super::errors;
use super::footprint::Footprint;
use super::input::{self, PayInput};
use super::mailbox::Mailbox;
use super::options::Options;
use super::{browser, strings, PaymentState};
use crate::dom::element::document;
use crate::dom::js::set;
use crate::dom::threeds::challenge_frame::space;
use crate::dom::threeds::dom_error;
use crate::dom::threeds::live_region::LiveRegion;
use crate::error::{ErrorCode, Message, PaygateError};
use crate::protocol::json;
use crate::protocol::payment_flow::StopReason;

/// Where the checkout is between payments and during one.
enum Lifecycle {
    /// No payment runs.
    Idle,
    /// `pay()` was called.
    Paying(Run),
    /// `destroy()` was called.
    Destroyed,
}

/// One running payment as the checkout holds it.
struct Run {
    mailbox: Rc<Mailbox>,
    /// Exists once the listeners are set up, and is gone once the payment was stopped.
    footprint: Option<Footprint>,
    /// Exists once the backend created the payment.
    payment: Option<Rc<Payment>>,
}

/// One `PaygateCheckout`.
pub struct Checkout {
    /// The checked options.
    pub options: Options,
    live: RefCell<Option<LiveRegion>>,
    lifecycle: RefCell<Lifecycle>,
    state: Cell<Option<PaymentState>>,
}

/// What the driver needs at every step of one payment.
pub(crate) struct Payment {
    /// The payment's events.
    pub(crate) mailbox: Rc<Mailbox>,
    /// `payId`.
    pub(crate) pay_id: String,
    /// Aborts the payment's requests when its footprint goes.
    pub(crate) fetch: AbortSignal,
}

impl Checkout {
    /// A checkout for checked options; adds the live region to the container.
    pub fn new(options: Options) -> Result<Rc<Self>, PaygateError> {
        let doc = document().map_err(dom_error)?;
        let live =
            LiveRegion::new(&doc, &options.container, options.texts.lang()).map_err(dom_error)?;
        Ok(Rc::new(Checkout {
            options,
            live: RefCell::new(Some(live)),
            lifecycle: RefCell::new(Lifecycle::Idle),
            state: Cell::new(None),
        }))
    }

    /// The last state reported.
    pub fn state(&self) -> Option<PaymentState> {
        self.state.get()
    }

    pub(crate) fn set_state(&self, state: PaymentState) {
        if self.state.replace(Some(state)) == Some(state) {
            return;
        }
        if let Some(live) = self.live.borrow().as_ref() {
            live.announce(strings::announcement(&self.options.texts, state));
        }
        if let Some(f) = &self.options.on_state_change {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(state.as_str()));
        }
    }

    /// Ends the running payment for `reason` and removes what it added, at once.
    pub(crate) fn stop(&self, reason: StopReason) {
        let (mailbox, footprint) = match &mut *self.lifecycle.borrow_mut() {
            Lifecycle::Paying(run) => (run.mailbox.clone(), run.footprint.take()),
            _ => return,
        };
        mailbox.stop(reason);
        drop(footprint);
    }

    /// `cancel()`: the running payment rejects with `challenge_cancelled`.
    pub fn cancel(&self) {
        self.stop(StopReason::Cancelled);
    }

    /// `destroy()`: stops a running payment (`destroyed`) and removes the live region.
    pub fn destroy(&self) {
        self.stop(StopReason::Destroyed);
        *self.lifecycle.borrow_mut() = Lifecycle::Destroyed;
        self.live.borrow_mut().take();
    }

    /// Claims the checkout for one payment; `busy` or `destroyed` when it cannot be had.
    pub fn claim(&self) -> Result<(), PaygateError> {
        let mut lifecycle = self.lifecycle.borrow_mut();
        match *lifecycle {
            Lifecycle::Destroyed => Err(errors::stopped(StopReason::Destroyed)),
            Lifecycle::Paying { .. } => Err(PaygateError::new(ErrorCode::Busy, Message::Busy)),
            Lifecycle::Idle => {
                *lifecycle = Lifecycle::Paying(Run {
                    mailbox: Rc::default(),
                    footprint: None,
                    payment: None,
                });
                Ok(())
            }
        }
    }

    /// Starts one payment after [`Checkout::claim`] with what `pay()` was asked to do, or the
    /// reason its arguments were refused. The promise resolves with the backend's result object
    /// or rejects with a `PaygateError` once the payment is over: each request, message and timer
    /// of the payment steps it from its own callback (`Checkout::on_event`).
    pub fn pay(self: Rc<Self>, input: Result<PayInput, JsValue>) -> Promise {
        let mailbox = match &*self.lifecycle.borrow() {
            Lifecycle::Paying(run) => run.mailbox.clone(),
            _ => return Promise::reject(&errors::stopped(StopReason::Destroyed).into()),
        };
        let promise = Promise::new(&mut |resolve, reject| {
            mailbox.bind(self.clone(), resolve, reject);
        });
        crate::dom::task::spawn(self.request(mailbox, input));
        promise
    }

    /// The payment's first task, after `pay()` returned: sets up the footprint, sends the payment
    /// request (with its retries) and hands the answer to `Checkout::created`.
    async fn request(self: Rc<Self>, mailbox: Rc<Mailbox>, input: Result<PayInput, JsValue>) {
        let started = self.start(&mailbox, input).and_then(|started| {
            let key = backend::new_idempotency_key()?;
            Ok((started, key))
        });
        let ((text, component, fetch), key) = match started {
            Ok(started) => started,
            Err(e) => return self.end(&mailbox, Err(e)),
        };
        mailbox.set_creating(true);
        let (base, retry) = (&self.options.backend_url, self.options.retry);
        let created = backend::create(base, &text, &key, retry, &fetch, &mailbox).await;
        if created.is_ok() {
            input::clear_sensitive(&component);
        }
        self.created(&mailbox, fetch, created);
    }

    /// Removes the footprint of the payment of `mailbox`, if it is still there.
    pub(crate) fn remove_footprint(&self, mailbox: &Mailbox) {
        let footprint = match &mut *self.lifecycle.borrow_mut() {
            Lifecycle::Paying(run) if std::ptr::eq(&*run.mailbox, mailbox) => run.footprint.take(),
            _ => None,
        };
        drop(footprint);
    }

    /// Ends the payment of `mailbox` with `outcome`, once: the checkout is idle again, the
    /// footprint goes, the state is reported and `pay()`'s promise settles.
    pub(crate) fn end(&self, mailbox: &Mailbox, outcome: Result<JsValue, JsValue>) {
        let old = {
            let mut lifecycle = self.lifecycle.borrow_mut();
            match &*lifecycle {
                Lifecycle::Paying(run) if std::ptr::eq(&*run.mailbox, mailbox) => {
                    std::mem::replace(&mut *lifecycle, Lifecycle::Idle)
                }
                _ => Lifecycle::Idle,
            }
        };
        drop(old);
        if !mailbox.close() {
            return;
        }
        self.set_state(if outcome.is_ok() {
            PaymentState::Done
        } else {
            PaymentState::Failed
        });
        mailbox.settle(outcome);
    }

    /// The running payment, once the backend created it.
    pub(crate) fn payment(&self) -> Option<Rc<Payment>> {
        match &*self.lifecycle.borrow() {
            Lifecycle::Paying(run) => run.payment.clone(),
            _ => None,
        }
    }

    /// Keeps the payment the backend created.
    pub(crate) fn keep(&self, payment: &Rc<Payment>) {
        if let Lifecycle::Paying(run) = &mut *self.lifecycle.borrow_mut() {
            run.payment = Some(payment.clone());
        }
    }

    /// Calls `f` with the footprint, `None` once the payment was stopped.
    pub(crate) fn with_footprint<R>(&self, f: impl FnOnce(&mut Footprint) -> R) -> Option<R> {
        match &mut *self.lifecycle.borrow_mut() {
            Lifecycle::Paying(Run {
                footprint: Some(footprint),
                ..
            }) => Some(f(footprint)),
            _ => None,
        }
    }

    /// The payment request's JSON text with `browserInfo`, the component to clear and the signal.
    fn payment_request(
        &self,
        input: PayInput,
    ) -> Result<(String, Option<JsValue>, Option<AbortSignal>), JsValue> {
        let PayInput {
            body,
            component,
            signal,
        } = input;
        if signal.as_ref().is_some_and(AbortSignal::aborted) {
            return Err(errors::stopped(StopReason::Aborted).into());
        }
        let size = self
            .options
            .window_size
            .resolve(|| space(&self.options.container));
        set(
            &body,
            "browserInfo",
            &json::to_js(&browser::collect(size).to_value()),
        );
        let text = js_sys::JSON::stringify(&body)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        Ok((text, component, signal))
    }

    /// Reports `collecting`, builds the payment request and sets up the footprint: the request's
    /// JSON text, the component to clear and the signal of the payment's requests.
    fn start(
        &self,
        mailbox: &Rc<Mailbox>,
        input: Result<PayInput, JsValue>,
    ) -> Result<(String, Option<JsValue>, AbortSignal), JsValue> {
        self.set_state(PaymentState::Collecting);
        let (text, component, signal) = self.payment_request(input?)?;
        let footprint = Footprint::start(mailbox, &self.options, signal.as_ref())?;
        let fetch = footprint.fetch_signal();
        match &mut *self.lifecycle.borrow_mut() {
            Lifecycle::Paying(run) if mailbox.stopped().is_none() => {
                run.footprint = Some(footprint);
            }
            _ => return Err(errors::ended(mailbox).into()),
        }
        Ok((text, component, fetch))
    }
}

impl std::fmt::Debug for Checkout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checkout")
            .field("options", &self.options)
            .field("state", &self.state.get())
            .finish_non_exhaustive()
    }
}
