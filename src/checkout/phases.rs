//! The phases' frames: the 3DS method's hidden frame, the challenge (or 3-D Secure 1.0) frame,
//! each with its timer, and the long poll that runs beside them.

use wasm_bindgen::JsValue;

use super::flow::{Checkout, Payment};
use super::footprint::{Dom, Framed};
use super::{errors, poll, strings, PaymentState};
use crate::dom::element::document;
use crate::dom::listener::Timer;
use crate::dom::threeds::challenge_frame::{ChallengeFrame, FrameTexts};
use crate::dom::threeds::method_frame::MethodFrame;
use crate::dom::threeds::{dom_error, mark, marks};
use crate::error::PaygateError;
use crate::protocol::legacy::ThreeDsLegacy;
use crate::protocol::payment_flow::{Event, Phase};
use crate::protocol::url_policy::SafeUrl;
use crate::protocol::versioning::VersioningData;
use crate::protocol::window_size::ChallengeWindowSize;

impl Checkout {
    /// The 3-D Secure 1.0 page in the challenge frame, and the long poll.
    pub(super) fn open_legacy(
        &self,
        payment: &Payment,
        next: &JsValue,
    ) -> Result<Phase<Dom>, PaygateError> {
        let legacy = ThreeDsLegacy::from_js(next)?;
        let fields = [
            ("PaReq", legacy.pa_req.as_str()),
            ("TermUrl", legacy.term_url.as_str()),
            ("MD", legacy.md.as_str()),
        ];
        let phase = self.open_challenge(payment, &legacy.acs_url, &fields, None)?;
        self.start_poll(payment);
        Ok(phase)
    }

    /// Posts the 3DS method into its hidden frame, or goes straight to the long poll without one.
    pub(super) fn start_method(
        &self,
        payment: &Payment,
        data: &JsValue,
    ) -> Result<Phase<Dom>, PaygateError> {
        let versioning = VersioningData::from_js(data)?;
        self.set_state(PaymentState::Method);
        let Some(method) = &versioning.method else {
            self.start_poll(payment);
            return Ok(Phase::Waiting);
        };
        let doc = document().map_err(dom_error)?;
        let frames = self
            .with_footprint(|r| r.frames.clone())
            .ok_or_else(|| errors::ended(&payment.mailbox))?;
        let frame = MethodFrame::start(
            &doc,
            method,
            &frames,
            self.options.texts.lang(),
            strings::method_title(&self.options.texts),
        )?;
        mark(marks::METHOD_POSTED);
        let mb = payment.mailbox.clone();
        let timer = Timer::new(self.options.method_timeout_ms, move || {
            mb.post(Event::MethodTimeout)
        })
        .map_err(dom_error)?;
        Ok(Phase::Method {
            frame: Framed::new(frame, timer),
            url: method.safe_url().ok(),
        })
    }

    /// Opens the challenge frame, posts `fields` to `url` in it and starts the challenge timer.
    pub(super) fn open_challenge(
        &self,
        payment: &Payment,
        url: &SafeUrl,
        fields: &[(&str, &str)],
        creq_size: Option<ChallengeWindowSize>,
    ) -> Result<Phase<Dom>, PaygateError> {
        let doc = document().map_err(dom_error)?;
        let frames = self
            .with_footprint(|r| r.frames.clone())
            .ok_or_else(|| errors::ended(&payment.mailbox))?;
        let locale = &self.options.texts;
        let texts = FrameTexts {
            lang: locale.lang(),
            dialog: strings::challenge_dialog(locale),
            title: strings::challenge_title(locale),
            loading: strings::challenge_loading(locale),
        };
        let frame = ChallengeFrame::open(
            &doc,
            &self.options.container,
            self.options.window_size,
            creq_size,
            url,
            fields,
            &texts,
            &frames,
        )?;
        mark(marks::CHALLENGE_MOUNTED);
        let mailbox = payment.mailbox.clone();
        let timer = Timer::new(self.options.challenge_timeout_ms, move || {
            mailbox.post(Event::ChallengeTimeout)
        })
        .map_err(dom_error)?;
        self.set_state(PaymentState::Challenge);
        Ok(Phase::Challenge {
            frame: Framed::new(frame, timer),
            url: url.clone(),
        })
    }

    /// Starts the long poll; the state machine asks for it once per payment.
    pub(super) fn start_poll(&self, payment: &Payment) {
        poll::start(
            payment.mailbox.clone(),
            self.options.backend_url.clone(),
            payment.pay_id.clone(),
            payment.fetch.clone(),
        );
    }
}
