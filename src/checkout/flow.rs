//! One `PaygateCheckout`: its lifecycle (idle, paying, destroyed) and the driver that runs a
//! payment through the state machine of [`crate::protocol::payment_flow`].
//!
//! Everything a payment adds to the page lives in its `Footprint`; `cancel()`, the `AbortSignal`
//! and `destroy()` stop the payment's mailbox and drop the footprint at once.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::AbortSignal;

use super::backend::{self, Finished, Next};
use super::errors;
use super::footprint::{Dom, Footprint};
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
use crate::protocol::payment_flow::{transition, Event, Phase, Step, StopReason};

/// Where the checkout is between payments and during one.
enum Lifecycle {
    /// No payment runs.
    Idle,
    /// `pay()` was called; its footprint exists once the listeners are set up, and is gone once the
    /// payment was stopped.
    Paying {
        mailbox: Rc<Mailbox>,
        footprint: Option<Footprint>,
    },
    /// `destroy()` was called.
    Destroyed,
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
            LiveRegion::new(&doc, &options.container, options.locale.tag()).map_err(dom_error)?;
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
            live.announce(strings::announcement(self.options.locale, state));
        }
        if let Some(f) = &self.options.on_state_change {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(state.as_str()));
        }
    }

    /// Ends the running payment for `reason` and removes what it added, at once.
    pub(crate) fn stop(&self, reason: StopReason) {
        let footprint = match &mut *self.lifecycle.borrow_mut() {
            Lifecycle::Paying { mailbox, footprint } => {
                mailbox.stop(reason);
                footprint.take()
            }
            _ => None,
        };
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
                *lifecycle = Lifecycle::Paying {
                    mailbox: Rc::default(),
                    footprint: None,
                };
                Ok(())
            }
        }
    }

    /// Runs one payment after [`Checkout::claim`] with what `pay()` was asked to do, or the
    /// reason its arguments were refused; resolves with the backend's result object.
    pub async fn pay(self: Rc<Self>, input: Result<PayInput, JsValue>) -> Result<JsValue, JsValue> {
        let outcome = self.run_payment(input).await;
        let old = {
            let mut lifecycle = self.lifecycle.borrow_mut();
            match *lifecycle {
                Lifecycle::Paying { .. } => std::mem::replace(&mut *lifecycle, Lifecycle::Idle),
                _ => Lifecycle::Idle,
            }
        };
        drop(old);
        self.set_state(if outcome.is_ok() {
            PaymentState::Done
        } else {
            PaymentState::Failed
        });
        outcome
    }

    fn mailbox(&self) -> Option<Rc<Mailbox>> {
        match &*self.lifecycle.borrow() {
            Lifecycle::Paying { mailbox, .. } => Some(mailbox.clone()),
            _ => None,
        }
    }

    /// Calls `f` with the footprint, `None` once the payment was stopped.
    pub(crate) fn with_footprint<R>(&self, f: impl FnOnce(&mut Footprint) -> R) -> Option<R> {
        match &mut *self.lifecycle.borrow_mut() {
            Lifecycle::Paying {
                footprint: Some(footprint),
                ..
            } => Some(f(footprint)),
            _ => None,
        }
    }

    /// The error for a payment that was stopped, or `e` when it was not.
    fn settle(mailbox: &Mailbox, e: PaygateError) -> PaygateError {
        mailbox.stopped().map_or(e, errors::stopped)
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
        let (width, height) = space(&self.options.container);
        let size = self.options.window_size.resolve(width, height);
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

    async fn run_payment(
        self: &Rc<Self>,
        input: Result<PayInput, JsValue>,
    ) -> Result<JsValue, JsValue> {
        self.set_state(PaymentState::Collecting);
        let mailbox = self
            .mailbox()
            .ok_or_else(|| errors::stopped(StopReason::Destroyed))?;
        let (text, component, signal) = self.payment_request(input?)?;
        let footprint = Footprint::start(self, &mailbox, signal.as_ref())?;
        let fetch = footprint.fetch_signal();
        match &mut *self.lifecycle.borrow_mut() {
            Lifecycle::Paying {
                footprint: held, ..
            } if mailbox.stopped().is_none() => *held = Some(footprint),
            _ => return Err(errors::ended(&mailbox).into()),
        }
        let key = backend::new_idempotency_key()?;
        let created = backend::create(
            &self.options.backend_url,
            &text,
            &key,
            self.options.retry,
            &fetch,
            &mailbox,
        )
        .await
        .map_err(|e| Self::settle(&mailbox, e))?;
        input::clear_sensitive(&component);
        if let Some(reason) = mailbox.stopped() {
            return Err(errors::stopped(reason).into());
        }
        let payment = Payment {
            mailbox,
            pay_id: created.pay_id,
            fetch,
        };
        let first = match created.next {
            Next::Done(result) => return Ok(result),
            Next::Legacy(next) => self.open_legacy(&payment, &next)?,
            Next::Method(data) => self.start_method(&payment, &data)?,
        };
        Ok(self.drive(&payment, first).await?)
    }

    /// Steps the state machine from `phase` until the payment is over.
    async fn drive(
        &self,
        payment: &Payment,
        mut phase: Phase<Dom>,
    ) -> Result<JsValue, PaygateError> {
        loop {
            let event = match &phase {
                Phase::Finishing { response, .. } => {
                    let response = response.clone();
                    self.park(payment, phase)?;
                    self.finish_attempt(payment, &response).await
                }
                _ => {
                    self.park(payment, phase)?;
                    payment.mailbox.next().await
                }
            };
            let parked = self.with_footprint(|r| r.phase.take()).flatten();
            let Some(current) = parked else {
                return Err(errors::ended(&payment.mailbox));
            };
            phase = match transition(current, event) {
                Step::Stay(phase) => phase,
                Step::OpenChallenge {
                    request,
                    start_poll,
                } => {
                    let fields = [("creq", request.creq.as_str())];
                    let phase = self.open_challenge(
                        payment,
                        &request.acs_url,
                        &fields,
                        request.window_size(),
                    )?;
                    if start_poll {
                        self.start_poll(payment);
                    }
                    phase
                }
                Step::Poll => {
                    self.start_poll(payment);
                    Phase::Waiting
                }
                Step::Finish { phase, pause_ms } => {
                    self.set_state(PaymentState::Finishing);
                    if pause_ms > 0 {
                        payment.mailbox.pause(pause_ms).await;
                    }
                    phase
                }
                Step::Done(result) => return Ok(result),
                Step::Fail(failure) => return Err(errors::failed(failure)),
            };
        }
    }

    /// Puts `phase` into the footprint while the flow waits, where a stop drops it at once.
    fn park(&self, payment: &Payment, phase: Phase<Dom>) -> Result<(), PaygateError> {
        self.with_footprint(|r| r.phase = Some(phase))
            .ok_or_else(|| errors::ended(&payment.mailbox))
    }

    /// One `POST …/result`, as the event it ends with.
    async fn finish_attempt(
        &self,
        payment: &Payment,
        response: &crate::protocol::payment_response::BrowserPaymentResponse,
    ) -> Event<Dom> {
        let answer = backend::post_result(
            &self.options.backend_url,
            &payment.pay_id,
            response,
            &payment.fetch,
        )
        .await;
        match (payment.mailbox.stopped(), answer) {
            (Some(reason), _) => Event::Stopped(reason),
            (None, Ok(Finished::Final(result))) => Event::Done(result),
            (None, Ok(Finished::NotFinal)) => Event::NotFinal,
            (None, Err(e)) => Event::Failed(e),
        }
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
