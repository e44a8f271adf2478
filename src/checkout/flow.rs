//! The payment as an explicit state machine:
//! `Collecting → Method → (Challenge) → Finishing → Done`, or `Failed` from anywhere.
//!
//! Everything a payment adds to the page (frames, forms, listeners, timers, the long poll)
//! lives in one [`Run`]; dropping it removes all of it. `cancel()`, the `AbortSignal` and
//! `destroy()` stop the run's mailbox and drop the run at once.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::JsValue;
use web_sys::{AbortController, AbortSignal};

use super::backend::{self, Finished, Next, PollAnswer};
use super::browser;
use super::input::{self, PayInput};
use super::mailbox::{Event, Mailbox};
use super::options::Options;
use super::strings;
use crate::dom::element::document;
use crate::dom::js::{get_string, set};
use crate::dom::listener::{sleep, Listener, Timer};
use crate::dom::threeds::challenge_frame::{initial_size, ChallengeFrame, FrameTexts};
use crate::dom::threeds::listener::{MessageFilter, MessageListener};
use crate::dom::threeds::live_region::LiveRegion;
use crate::dom::threeds::method_frame::MethodFrame;
use crate::dom::threeds::{dom_error, mark, marks, Frames};
use crate::error::{ErrorCode, PaygateError};
use crate::protocol::csp::CspBlock;
use crate::protocol::json;
use crate::protocol::legacy::ThreeDsLegacy;
use crate::protocol::message::PaygateMessage;
use crate::protocol::url_policy::SafeUrl;
use crate::protocol::versioning::VersioningData;
use crate::protocol::window_size::ChallengeWindowSize;

/// Seconds one long-poll request may wait at the backend.
const POLL_WAIT_S: u32 = 25;
/// Pause between polls while the backend reports a running challenge.
const POLL_CHALLENGE_PAUSE_MS: u32 = 1_500;
/// How often `POST …/result` is retried while the answer is `final:false`.
const RESULT_ATTEMPTS: u32 = 15;

/// The states `onStateChange` reports (DESIGN.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading card data and browser info, sending the payment request.
    Collecting,
    /// The 3DS method runs.
    Method,
    /// The challenge (or the 3-D Secure 1.0 page) is shown.
    Challenge,
    /// The browser payment response goes to the backend.
    Finishing,
    /// The backend's result is in.
    Done,
    /// The payment ended with an error.
    Failed,
}

impl Stage {
    /// The name JavaScript sees.
    pub const fn as_str(self) -> &'static str {
        match self {
            Stage::Collecting => "collecting",
            Stage::Method => "method",
            Stage::Challenge => "challenge",
            Stage::Finishing => "finishing",
            Stage::Done => "done",
            Stage::Failed => "failed",
        }
    }
}

/// What one payment added to the page; dropping it removes everything.
pub struct Run {
    mailbox: Rc<Mailbox>,
    frames: Frames,
    fetch: AbortController,
    _messages: MessageListener,
    _abort: Option<Listener>,
    _csp: Listener,
    /// Where the method form went while the method runs, and where the challenge form went.
    method_url: Option<SafeUrl>,
    challenge_url: Option<SafeUrl>,
    method: Option<MethodFrame>,
    method_timer: Option<Timer>,
    challenge: Option<ChallengeFrame>,
    challenge_timer: Option<Timer>,
    polling: bool,
}

impl Drop for Run {
    fn drop(&mut self) {
        self.fetch.abort();
        self.mailbox.close();
    }
}

/// One `PaygateCheckout`.
pub struct Checkout {
    /// The checked options.
    pub options: Options,
    live: RefCell<Option<LiveRegion>>,
    run: RefCell<Option<Run>>,
    busy: Cell<bool>,
    destroyed: Cell<bool>,
    stage: Cell<Option<Stage>>,
    /// A stop that came after `pay()` was called but before its run was set up.
    pending_stop: Cell<Option<ErrorCode>>,
}

fn error(code: ErrorCode, message: &str) -> PaygateError {
    PaygateError::new(code, message)
}

/// `csp_blocked`: names the directive and the blocked origin, and what the shop must allow.
fn csp_error(block: &CspBlock) -> PaygateError {
    let directive = block.directive.as_str();
    let mut message = String::from("the page's Content-Security-Policy directive ");
    for part in [
        directive,
        " blocked ",
        block.blocked_origin.as_str(),
        ": frame-src and form-action must allow every issuer's ACS (https:)",
    ] {
        message.push_str(part);
    }
    error(ErrorCode::CspBlocked, &message).with_detail(directive)
}

fn stop_error(code: ErrorCode) -> PaygateError {
    let message = match code {
        ErrorCode::ChallengeCancelled => "the payment was cancelled",
        ErrorCode::Aborted => "the payment was aborted through its AbortSignal",
        ErrorCode::Destroyed => "the checkout was destroyed",
        ErrorCode::ChallengeTimeout => "the challenge did not finish in time",
        _ => "the payment was stopped",
    };
    error(code, message)
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
            run: RefCell::new(None),
            busy: Cell::new(false),
            destroyed: Cell::new(false),
            stage: Cell::new(None),
            pending_stop: Cell::new(None),
        }))
    }

    /// The last state reported.
    pub fn stage(&self) -> Option<Stage> {
        self.stage.get()
    }

    fn set_stage(&self, stage: Stage) {
        if self.stage.get() == Some(stage) {
            return;
        }
        self.stage.set(Some(stage));
        if let Some(live) = self.live.borrow().as_ref() {
            live.announce(strings::announcement(self.options.locale, stage));
        }
        if let Some(f) = &self.options.on_state_change {
            let _ = f.call1(&JsValue::NULL, &JsValue::from_str(stage.as_str()));
        }
    }

    /// Ends the running payment with `code` and removes what it added, at once.
    pub fn stop(&self, code: ErrorCode) {
        let run = self.run.borrow_mut().take();
        match run {
            Some(run) => {
                run.mailbox.stop(code);
                drop(run);
            }
            None if self.busy.get() && self.pending_stop.get().is_none() => {
                self.pending_stop.set(Some(code));
            }
            None => {}
        }
    }

    /// `cancel()`: the running payment rejects with `challenge_cancelled`.
    pub fn cancel(&self) {
        self.stop(ErrorCode::ChallengeCancelled);
    }

    /// `destroy()`: stops a running payment (`destroyed`) and removes the live region.
    pub fn destroy(&self) {
        self.destroyed.set(true);
        self.stop(ErrorCode::Destroyed);
        self.live.borrow_mut().take();
    }

    /// Claims the checkout for one payment; `busy` or `destroyed` when it cannot be had.
    pub fn claim(&self) -> Result<(), PaygateError> {
        if self.destroyed.get() {
            return Err(stop_error(ErrorCode::Destroyed));
        }
        if self.busy.replace(true) {
            return Err(error(ErrorCode::Busy, "a payment is already running"));
        }
        self.pending_stop.set(None);
        Ok(())
    }

    /// Runs one payment after [`Checkout::claim`]; resolves with the backend's result object.
    pub async fn pay(self: Rc<Self>, args: JsValue) -> Result<JsValue, JsValue> {
        let outcome = self.run_payment(&args).await;
        let run = self.run.borrow_mut().take();
        drop(run);
        self.busy.set(false);
        self.set_stage(if outcome.is_ok() {
            Stage::Done
        } else {
            Stage::Failed
        });
        outcome
    }

    fn with_run<R>(&self, f: impl FnOnce(&mut Run) -> R) -> Option<R> {
        self.run.borrow_mut().as_mut().map(f)
    }

    async fn run_payment(self: &Rc<Self>, args: &JsValue) -> Result<JsValue, JsValue> {
        self.set_stage(Stage::Collecting);
        let PayInput {
            body,
            component,
            signal,
        } = input::read(args, &self.options)?;
        if signal.as_ref().is_some_and(AbortSignal::aborted) {
            return Err(stop_error(ErrorCode::Aborted).into());
        }
        let size = initial_size(self.options.window_size, None, &self.options.container);
        let info = json::to_js(&browser::collect(size).to_value());
        set(&body, "browserInfo", &info);
        let text = js_sys::JSON::stringify(&body)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        drop(body);

        let mailbox = Rc::new(Mailbox::default());
        let frames = Frames::default();
        let filter = MessageFilter {
            origins: self.options.paygate_origins.clone(),
            frames: frames.clone(),
        };
        let mb = mailbox.clone();
        let messages =
            MessageListener::new(filter, move |data| match PaygateMessage::from_js(&data) {
                Ok(PaygateMessage::Other) => {}
                other => mb.post(Event::Message(other.map_err(PaygateError::from))),
            })
            .map_err(dom_error)?;
        let abort = match &signal {
            None => None,
            Some(s) => {
                let weak: Weak<Checkout> = Rc::downgrade(self);
                let mb = mailbox.clone();
                Some(
                    Listener::new(s, "abort", move |_| {
                        mb.stop(ErrorCode::Aborted);
                        // Drop the run outside this listener's own call.
                        let weak = weak.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Some(c) = weak.upgrade() {
                                c.stop(ErrorCode::Aborted);
                            }
                        });
                    })
                    .map_err(dom_error)?,
                )
            }
        };
        let mb = mailbox.clone();
        let doc = document().map_err(dom_error)?;
        let csp = Listener::new(&doc, "securitypolicyviolation", move |event| {
            let text = |key| get_string(&event, key).unwrap_or_default();
            if let Some(block) = CspBlock::read(
                &text("disposition"),
                &text("effectiveDirective"),
                &text("blockedURI"),
            ) {
                mb.post(Event::CspBlocked(block));
            }
        })
        .map_err(dom_error)?;
        let fetch = AbortController::new().map_err(dom_error)?;
        let fetch_signal = fetch.signal();
        *self.run.borrow_mut() = Some(Run {
            mailbox: mailbox.clone(),
            frames,
            fetch,
            _messages: messages,
            _abort: abort,
            _csp: csp,
            method_url: None,
            challenge_url: None,
            method: None,
            method_timer: None,
            challenge: None,
            challenge_timer: None,
            polling: false,
        });
        if let Some(code) = self.pending_stop.take() {
            return Err(stop_error(code).into());
        }

        let settle =
            |e: PaygateError| -> JsValue { mailbox.stopped().map_or(e, stop_error).into() };
        let key = backend::new_idempotency_key()?;
        let created = backend::create(
            &self.options.backend_url,
            &text,
            &key,
            self.options.retry,
            &fetch_signal,
        )
        .await
        .map_err(settle)?;
        input::clear_sensitive(&component);
        if let Some(code) = mailbox.stopped() {
            return Err(stop_error(code).into());
        }
        let pay_id = created.pay_id;
        match created.next {
            Next::Done(result) => return Ok(result),
            Next::Legacy(next) => {
                let legacy =
                    ThreeDsLegacy::from_value(&json::from_js(&next)).map_err(PaygateError::from)?;
                let fields = [
                    ("PaReq", legacy.pa_req.as_str()),
                    ("TermUrl", legacy.term_url.as_str()),
                    ("MD", legacy.md.as_str()),
                ];
                self.open_challenge(&legacy.acs_url, &fields, None)?;
                self.start_poll(&pay_id, &fetch_signal);
            }
            Next::Method(data) => {
                let versioning = VersioningData::from_value(&json::from_js(&data))
                    .map_err(PaygateError::from)?;
                self.set_stage(Stage::Method);
                match &versioning.method {
                    Some(method) => {
                        let doc = document().map_err(dom_error)?;
                        let frames = self
                            .with_run(|r| r.frames.clone())
                            .ok_or_else(|| stop_error(ErrorCode::Destroyed))?;
                        let frame = MethodFrame::start(
                            &doc,
                            method,
                            &frames,
                            strings::method_title(self.options.locale),
                        )?;
                        mark(marks::METHOD_POSTED);
                        let mb = mailbox.clone();
                        let timer = Timer::new(self.options.method_timeout_ms, move || {
                            mb.post(Event::MethodTimeout)
                        })
                        .map_err(dom_error)?;
                        let url = method.safe_url().ok();
                        self.with_run(|r| {
                            r.method = Some(frame);
                            r.method_timer = Some(timer);
                            r.method_url = url;
                        });
                    }
                    None => self.start_poll(&pay_id, &fetch_signal),
                }
            }
        }

        loop {
            match mailbox.next().await {
                Event::Stop(code) => return Err(stop_error(code).into()),
                Event::Message(Err(e)) | Event::PollFailed(e) => return Err(e.into()),
                Event::Message(Ok(PaygateMessage::Challenge(c))) | Event::PollChallenge(c) => {
                    if self.with_run(|r| r.challenge.is_some()).unwrap_or(true) {
                        continue;
                    }
                    self.end_method();
                    // `creq`: the base64EncodedChallengeRequest as the Paygate sent it.
                    let fields = [("creq", c.creq.as_str())];
                    self.open_challenge(&c.acs_url, &fields, c.window_size())?;
                    self.start_poll(&pay_id, &fetch_signal);
                }
                Event::Message(Ok(PaygateMessage::Payment(p))) => {
                    self.end_method();
                    self.with_run(|r| {
                        r.challenge_timer = None;
                        r.challenge = None;
                    });
                    self.set_stage(Stage::Finishing);
                    for attempt in 0..RESULT_ATTEMPTS {
                        let answer = backend::post_result(
                            &self.options.backend_url,
                            &pay_id,
                            &p,
                            &fetch_signal,
                        )
                        .await
                        .map_err(settle)?;
                        if let Finished::Final(result) = answer {
                            return Ok(result);
                        }
                        sleep(200 + 150 * attempt.min(8)).await;
                        if let Some(code) = mailbox.stopped() {
                            return Err(stop_error(code).into());
                        }
                    }
                    return Err(error(
                        ErrorCode::BackendUnreachable,
                        "the merchant backend has no final result",
                    )
                    .with_detail("not_final")
                    .into());
                }
                Event::Message(Ok(PaygateMessage::Other)) => {}
                Event::PollDone(result) => return Ok(result),
                Event::MethodTimeout => {
                    self.end_method();
                    self.start_poll(&pay_id, &fetch_signal);
                }
                Event::ChallengeTimeout => {
                    return Err(stop_error(ErrorCode::ChallengeTimeout).into())
                }
                Event::CspBlocked(block) => {
                    let (challenge, method) = self
                        .with_run(|r| {
                            (
                                r.challenge_url.as_ref().is_some_and(|u| block.blocks(u)),
                                r.method_url.as_ref().is_some_and(|u| block.blocks(u)),
                            )
                        })
                        .unwrap_or_default();
                    if challenge {
                        return Err(csp_error(&block).into());
                    }
                    // A blocked method is a method that never notifies: the Paygate goes on with
                    // threeDSCompInd=N and the payment may well succeed, so it is no error.
                    if method {
                        self.end_method();
                        self.start_poll(&pay_id, &fetch_signal);
                    }
                }
            }
        }
    }

    /// Removes the method frame and its timer.
    fn end_method(&self) {
        self.with_run(|r| {
            r.method_timer = None;
            r.method = None;
            r.method_url = None;
        });
    }

    /// Opens the challenge frame, posts `fields` to `url` in it and starts the challenge timer.
    fn open_challenge(
        &self,
        url: &SafeUrl,
        fields: &[(&str, &str)],
        creq_size: Option<ChallengeWindowSize>,
    ) -> Result<(), PaygateError> {
        let doc = document().map_err(dom_error)?;
        let (frames, mailbox) = self
            .with_run(|r| (r.frames.clone(), r.mailbox.clone()))
            .ok_or_else(|| stop_error(ErrorCode::Destroyed))?;
        let locale = self.options.locale;
        let texts = FrameTexts {
            title: strings::challenge_title(locale),
            loading: strings::challenge_loading(locale),
        };
        let target = url.clone();
        self.with_run(|r| r.challenge_url = Some(target));
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
        let timer = Timer::new(self.options.challenge_timeout_ms, move || {
            mailbox.post(Event::ChallengeTimeout)
        })
        .map_err(dom_error)?;
        self.with_run(|r| {
            r.challenge = Some(frame);
            r.challenge_timer = Some(timer);
        });
        self.set_stage(Stage::Challenge);
        Ok(())
    }

    /// Starts the long poll once per payment; it ends when the payment is over.
    fn start_poll(&self, pay_id: &str, signal: &AbortSignal) {
        let Some(mailbox) = self
            .with_run(|r| {
                let first = !r.polling;
                r.polling = true;
                first.then(|| r.mailbox.clone())
            })
            .flatten()
        else {
            return;
        };
        let base = self.options.backend_url.clone();
        let pay_id = pay_id.to_owned();
        let signal = signal.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut failures = 0u32;
            // Once a challenge went to the flow it is open: later rounds repeat it, unread.
            let mut challenge_posted = false;
            while !mailbox.is_closed() && mailbox.stopped().is_none() {
                let answer = backend::poll(&base, &pay_id, POLL_WAIT_S, &signal).await;
                if mailbox.is_closed() || mailbox.stopped().is_some() {
                    break;
                }
                match answer {
                    Ok(PollAnswer::Pending) => failures = 0,
                    Ok(PollAnswer::Done(result)) => {
                        mailbox.post(Event::PollDone(result));
                        break;
                    }
                    Ok(PollAnswer::Challenge(raw)) => {
                        failures = 0;
                        if !challenge_posted {
                            match PaygateMessage::from_js(&raw) {
                                Ok(PaygateMessage::Challenge(c)) => {
                                    challenge_posted = true;
                                    mailbox.post(Event::PollChallenge(c));
                                }
                                Ok(_) => mailbox.post(Event::PollFailed(
                                    error(ErrorCode::InvalidPaygateMessage, "the long poll's challenge is not a browser challenge response")
                                        .with_detail("format"),
                                )),
                                Err(e) => mailbox.post(Event::PollFailed(e.into())),
                            }
                        }
                        sleep(POLL_CHALLENGE_PAUSE_MS).await;
                    }
                    Err(e) if e.code == ErrorCode::BackendUnreachable && failures < 5 => {
                        failures += 1;
                        sleep(500 * failures).await;
                    }
                    Err(e) => {
                        mailbox.post(Event::PollFailed(e));
                        break;
                    }
                }
            }
        });
    }
}
