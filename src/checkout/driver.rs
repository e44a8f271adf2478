//! The driver: steps a payment through [`transition`] from the callbacks of what happens to it.
//!
//! There is no loop that awaits the payment's events. The answer to the payment request calls
//! [`Checkout::created`], which opens the first phase; every later event (a frame's message, a
//! timer, the long poll, a CSP report, a stop, the answer of `POST …/result`) comes through the
//! mailbox to [`Checkout::on_event`], which takes the parked phase, steps it and starts what the
//! `Step` asks for. Each request runs as a small task of its own that posts its event when it
//! settles.

use std::rc::Rc;

use web_sys::AbortSignal;

use super::backend::{self, Created, Finished, Next};
use super::errors;
use super::flow::{Checkout, Payment};
use super::footprint::Dom;
use super::mailbox::Mailbox;
use super::PaymentState;
use crate::error::PaygateError;
use crate::protocol::payment_flow::{transition, Event, Phase, Step};
use crate::protocol::payment_response::BrowserPaymentResponse;

impl Checkout {
    /// The payment request was answered (or failed for good): opens the first phase, or ends.
    pub(crate) fn created(
        &self,
        mailbox: &Rc<Mailbox>,
        fetch: AbortSignal,
        created: Result<Created, PaygateError>,
    ) {
        mailbox.set_creating(false);
        if let Some(reason) = mailbox.stopped() {
            return self.end(mailbox, Err(errors::stopped(reason).into()));
        }
        let created = match created {
            Ok(created) => created,
            Err(e) => return self.end(mailbox, Err(e.into())),
        };
        let payment = Rc::new(Payment {
            mailbox: mailbox.clone(),
            pay_id: created.pay_id,
            fetch,
        });
        self.keep(&payment);
        let first = match created.next {
            Next::Done(result) => return self.end(mailbox, Ok(result)),
            Next::Legacy(next) => self.open_legacy(&payment, &next),
            Next::Method(data) => self.start_method(&payment, &data),
        };
        match first.and_then(|phase| self.park(&payment, phase)) {
            Ok(()) => mailbox.open(),
            Err(e) => self.end(mailbox, Err(e.into())),
        }
    }

    /// Steps the payment of `mailbox` with `event`. While `POST …/result` runs only its answer
    /// (`answer`) counts. A stop ends the payment whatever the event; during the payment request
    /// it removes the footprint, which aborts the request, and the request's end ends the
    /// payment, so that nothing of it is left when `pay()` rejects.
    pub(crate) fn on_event(&self, mailbox: &Mailbox, event: Event<Dom>, answer: bool) {
        if let Some(reason) = mailbox.stopped() {
            if mailbox.creating() {
                return self.remove_footprint(mailbox);
            }
            return self.end(mailbox, Err(errors::stopped(reason).into()));
        }
        let Some(payment) = self.payment() else {
            return;
        };
        let parked = self.with_footprint(|f| match f.phase.take() {
            Some(phase @ Phase::Finishing { .. }) if !answer => {
                f.phase = Some(phase);
                None
            }
            phase => phase,
        });
        let Some(phase) = parked.flatten() else {
            return;
        };
        let next = match transition(phase, event) {
            Step::Stay(phase) => Ok(phase),
            Step::OpenChallenge {
                request,
                start_poll,
            } => {
                let fields = [("creq", request.creq.as_str())];
                let phase =
                    self.open_challenge(&payment, &request.acs_url, &fields, request.window_size());
                if start_poll && phase.is_ok() {
                    self.start_poll(&payment);
                }
                phase
            }
            Step::Poll => {
                self.start_poll(&payment);
                Ok(Phase::Waiting)
            }
            Step::Finish { phase, pause_ms } => {
                self.set_state(PaymentState::Finishing);
                if let Phase::Finishing { response, .. } = &phase {
                    self.send_result(&payment, response.clone(), pause_ms);
                }
                Ok(phase)
            }
            Step::Done(result) => return self.end(mailbox, Ok(result)),
            Step::Fail(failure) => return self.end(mailbox, Err(errors::failed(failure).into())),
        };
        if let Err(e) = next.and_then(|phase| self.park(&payment, phase)) {
            self.end(mailbox, Err(e.into()));
        }
    }

    /// Puts `phase` into the footprint until the next event, where a stop drops it at once.
    fn park(&self, payment: &Payment, phase: Phase<Dom>) -> Result<(), PaygateError> {
        self.with_footprint(|r| r.phase = Some(phase))
            .ok_or_else(|| errors::ended(&payment.mailbox))
    }

    /// One `POST …/result` after `pause_ms`, as a task of its own that delivers its answer.
    fn send_result(&self, payment: &Rc<Payment>, response: BrowserPaymentResponse, pause_ms: u32) {
        let (payment, base) = (payment.clone(), self.options.backend_url.clone());
        crate::dom::task::spawn(async move {
            let mailbox = &payment.mailbox;
            if pause_ms > 0 {
                mailbox.pause(pause_ms).await;
            }
            if mailbox.is_over() {
                return;
            }
            let answer =
                backend::post_result(&base, &payment.pay_id, &response, &payment.fetch).await;
            let event = match answer {
                Ok(Finished::Final(result)) => Event::Done(result),
                Ok(Finished::NotFinal) => Event::NotFinal,
                Err(e) => Event::Failed(e),
            };
            mailbox.deliver(event, true);
        });
    }
}
