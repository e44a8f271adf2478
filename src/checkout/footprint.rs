//! What one payment adds to the page, and what its phases own.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{AbortController, AbortSignal};

use super::mailbox::Mailbox;
use super::options::Options;
use crate::dom::element::document;
use crate::dom::js::get_string;
use crate::dom::listener::{Listener, Timer};
use crate::dom::threeds::challenge_frame::ChallengeFrame;
use crate::dom::threeds::listener::{MessageFilter, MessageListener};
use crate::dom::threeds::method_frame::MethodFrame;
use crate::dom::threeds::return_point::ReturnPoint;
use crate::dom::threeds::{dom_error, Frames};
use crate::error::PaygateError;
use crate::protocol::challenge::BrowserChallengeResponse;
use crate::protocol::csp::CspBlock;
use crate::protocol::message::PaygateMessage;
use crate::protocol::payment_flow::{Event, Parts, Phase, StopReason};

/// A posted frame with the timer that ends its phase.
#[derive(Debug)]
pub(crate) struct Framed<F> {
    _frame: F,
    _timer: Timer,
}

impl<F> Framed<F> {
    /// `frame` with `timer`: both go when the phase does.
    pub(crate) fn new(frame: F, timer: Timer) -> Self {
        Framed {
            _frame: frame,
            _timer: timer,
        }
    }
}

/// The browser's side of the payment state machine.
pub(crate) struct Dom;

impl Parts for Dom {
    type Method = Framed<MethodFrame>;
    type Challenge = Framed<ChallengeFrame>;
    type ChallengeRequest = BrowserChallengeResponse;
    type Result = JsValue;
    type Error = PaygateError;
}

/// Everything one payment added to the page; dropping it removes all of it at once.
pub(crate) struct Footprint {
    /// The frames whose messages are accepted.
    pub(crate) frames: Frames,
    /// The phase between two events; the driver holds it while it steps.
    pub(crate) phase: Option<Phase<Dom>>,
    fetch: AbortController,
    return_point: Option<ReturnPoint>,
    _messages: MessageListener,
    _abort: Option<Listener>,
    _csp: Listener,
}

impl Drop for Footprint {
    /// Ends the payment's requests and events, removes its frames, then gives the page back its
    /// focus and history ([`ReturnPoint`]).
    fn drop(&mut self) {
        self.fetch.abort();
        self.phase.take();
        if let (Some(point), Ok(doc)) = (self.return_point.take(), document()) {
            point.restore(&doc);
        }
    }
}

impl Footprint {
    /// Starts listening for the payment's messages, its `AbortSignal` and CSP violations.
    pub(crate) fn start(
        mailbox: &Rc<Mailbox>,
        options: &Options,
        signal: Option<&AbortSignal>,
    ) -> Result<Self, PaygateError> {
        let frames = Frames::default();
        let filter = MessageFilter {
            origins: options.paygate_origins.clone(),
            frames: frames.clone(),
        };
        let mb = mailbox.clone();
        let messages = MessageListener::new(filter, move |data| {
            let event = match PaygateMessage::from_js(&data) {
                Ok(PaygateMessage::Other) => return,
                Ok(PaygateMessage::Challenge(c)) => Event::Challenge(c),
                Ok(PaygateMessage::Payment(p)) => Event::Payment(p),
                Err(e) => Event::Failed(e.into()),
            };
            mb.post(event);
        })
        .map_err(dom_error)?;
        let abort = match signal {
            None => None,
            Some(s) => Some(abort_listener(mailbox, s)?),
        };
        let doc = document().map_err(dom_error)?;
        Ok(Footprint {
            frames,
            phase: None,
            fetch: AbortController::new().map_err(dom_error)?,
            return_point: Some(ReturnPoint::take(&doc, &options.container)),
            _messages: messages,
            _abort: abort,
            _csp: csp_listener(mailbox)?,
        })
    }

    /// The signal that aborts the payment's requests when the footprint goes.
    pub(crate) fn fetch_signal(&self) -> AbortSignal {
        self.fetch.signal()
    }
}

/// The `AbortSignal` stops the payment; the driver ends it in a task of its own, so the
/// footprint (and this listener with it) goes outside the listener's own call.
fn abort_listener(mailbox: &Rc<Mailbox>, signal: &AbortSignal) -> Result<Listener, PaygateError> {
    let mb = mailbox.clone();
    Listener::new(signal, "abort", move |_| mb.stop(StopReason::Aborted)).map_err(dom_error)
}

fn csp_listener(mailbox: &Rc<Mailbox>) -> Result<Listener, PaygateError> {
    let mb = mailbox.clone();
    let doc = document().map_err(dom_error)?;
    Listener::new(&doc, "securitypolicyviolation", move |event| {
        let text = |key| get_string(&event, key).unwrap_or_default();
        if let Some(block) = CspBlock::read(
            &text("disposition"),
            &text("effectiveDirective"),
            &text("blockedURI"),
        ) {
            mb.post(Event::CspBlocked(block));
        }
    })
    .map_err(dom_error)
}
