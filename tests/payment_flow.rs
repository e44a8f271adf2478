//! The payment state machine without a browser: every (phase, event) pair, the retry pauses, and
//! that a phase's frame is dropped exactly when the payment leaves it.

use std::cell::Cell;
use std::rc::Rc;

use paygate_wasm::protocol::csp::CspBlock;
use paygate_wasm::protocol::payment_flow::{
    transition, Event, Failure, Parts, Phase, Step, StopReason,
};
use paygate_wasm::protocol::payment_response::BrowserPaymentResponse;
use paygate_wasm::protocol::timing::{
    poll_retry_ms, result_pause_ms, POLL_RETRIES, RESULT_ATTEMPTS,
};
use paygate_wasm::protocol::url_policy::SafeUrl;

/// A frame that counts how many of its kind are alive.
#[derive(Debug)]
struct Frame(Rc<Cell<i32>>);

impl Frame {
    fn new(live: &Rc<Cell<i32>>) -> Self {
        live.set(live.get() + 1);
        Frame(live.clone())
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

struct Test;

impl Parts for Test {
    type Method = Frame;
    type Challenge = Frame;
    type ChallengeRequest = &'static str;
    type Result = &'static str;
    type Error = &'static str;
}

fn url(text: &str) -> SafeUrl {
    SafeUrl::parse(text, "test").unwrap()
}

fn acs() -> SafeUrl {
    url("https://acs.example/challenge")
}

fn method(live: &Rc<Cell<i32>>) -> Phase<Test> {
    Phase::Method {
        frame: Frame::new(live),
        url: Some(url("https://acs.example/method")),
    }
}

fn challenge(live: &Rc<Cell<i32>>) -> Phase<Test> {
    Phase::Challenge {
        frame: Frame::new(live),
        url: acs(),
    }
}

fn response() -> BrowserPaymentResponse {
    BrowserPaymentResponse::from_json(r#"{"MID":"m","Len":4,"Data":"abcd"}"#).unwrap()
}

fn finishing(attempt: u32) -> Phase<Test> {
    Phase::Finishing {
        response: response(),
        attempt,
    }
}

fn block(origin: &str) -> CspBlock {
    CspBlock::read("enforce", "frame-src", origin).unwrap()
}

/// The name of a step, to compare with what a table expects.
fn name(step: &Step<Test>) -> String {
    match step {
        Step::Stay(Phase::Method { .. }) => "stay method".into(),
        Step::Stay(Phase::Waiting) => "stay waiting".into(),
        Step::Stay(Phase::Challenge { .. }) => "stay challenge".into(),
        Step::Stay(Phase::Finishing { attempt, .. }) => format!("stay finishing {attempt}"),
        Step::OpenChallenge {
            request,
            start_poll,
        } => format!("open {request} poll={start_poll}"),
        Step::Poll => "poll".into(),
        Step::Finish {
            phase: Phase::Finishing { attempt, .. },
            pause_ms,
        } => format!("finish {attempt} after {pause_ms}"),
        Step::Finish { .. } => "finish in a wrong phase".into(),
        Step::Done(r) => format!("done {r}"),
        Step::Fail(Failure::Stopped(r)) => format!("stopped {r:?}"),
        Step::Fail(Failure::ChallengeTimeout) => "challenge timeout".into(),
        Step::Fail(Failure::CspBlocked(b)) => format!("csp {}", b.directive.as_str()),
        Step::Fail(Failure::NotFinal) => "not final".into(),
        Step::Fail(Failure::Error(e)) => format!("error {e}"),
    }
}

type MakePhase = fn(&Rc<Cell<i32>>) -> Phase<Test>;
type MakeEvent = fn() -> Event<Test>;

const PHASES: [(&str, MakePhase); 4] = [
    ("method", method),
    ("waiting", |_| Phase::Waiting),
    ("challenge", challenge),
    ("finishing", |_| finishing(0)),
];

const EVENTS: [(&str, MakeEvent); 11] = [
    ("challenge", || Event::Challenge("creq")),
    ("payment", || Event::Payment(response())),
    ("done", || Event::Done("result")),
    ("not final", || Event::NotFinal),
    ("failed", || Event::Failed("broken")),
    ("cancel", || Event::Stopped(StopReason::Cancelled)),
    ("method timeout", || Event::MethodTimeout),
    ("challenge timeout", || Event::ChallengeTimeout),
    ("csp acs", || {
        Event::CspBlocked(block("https://acs.example"))
    }),
    ("csp other", || {
        Event::CspBlocked(block("https://elsewhere.example"))
    }),
    ("abort", || Event::Stopped(StopReason::Aborted)),
];

/// Every phase × every event, against the table of what must happen.
#[test]
fn every_phase_and_event() {
    let expected: [[&str; 11]; 4] = [
        // challenge, payment, done, not final, failed, cancel, method timeout,
        // challenge timeout, csp acs, csp other, abort
        [
            "open creq poll=true",
            "finish 0 after 0",
            "done result",
            "stay method",
            "error broken",
            "stopped Cancelled",
            "poll",
            "stay method",
            "poll",
            "stay method",
            "stopped Aborted",
        ],
        [
            "open creq poll=false",
            "finish 0 after 0",
            "done result",
            "stay waiting",
            "error broken",
            "stopped Cancelled",
            "stay waiting",
            "stay waiting",
            "stay waiting",
            "stay waiting",
            "stopped Aborted",
        ],
        [
            "stay challenge",
            "finish 0 after 0",
            "done result",
            "stay challenge",
            "error broken",
            "stopped Cancelled",
            "stay challenge",
            "challenge timeout",
            "csp frame-src",
            "stay challenge",
            "stopped Aborted",
        ],
        [
            "stay finishing 0",
            "stay finishing 0",
            "done result",
            "finish 1 after 200",
            "error broken",
            "stopped Cancelled",
            "stay finishing 0",
            "stay finishing 0",
            "stay finishing 0",
            "stay finishing 0",
            "stopped Aborted",
        ],
    ];
    for (p, (phase_name, phase)) in PHASES.iter().enumerate() {
        for (e, (event_name, event)) in EVENTS.iter().enumerate() {
            let live = Rc::new(Cell::new(0));
            let step = transition(phase(&live), event());
            assert_eq!(name(&step), expected[p][e], "{phase_name} + {event_name}");
            let kept = matches!(
                step,
                Step::Stay(Phase::Method { .. } | Phase::Challenge { .. })
            );
            assert_eq!(
                live.get(),
                i32::from(kept),
                "{phase_name} + {event_name}: the frame lives on only while its phase does"
            );
        }
    }
}

/// The challenge replaces the method frame; the finishing request drops the challenge frame.
#[test]
fn a_frictionless_then_a_challenge_payment_drops_each_frame_once() {
    let method_frames = Rc::new(Cell::new(0));
    let challenge_frames = Rc::new(Cell::new(0));
    let step = transition(method(&method_frames), Event::Challenge("creq"));
    assert_eq!(method_frames.get(), 0);
    let Step::OpenChallenge {
        start_poll: true, ..
    } = step
    else {
        panic!("the challenge opens and the poll starts");
    };
    let step = transition(challenge(&challenge_frames), Event::Challenge("again"));
    assert_eq!(
        challenge_frames.get(),
        1,
        "a repeated challenge keeps the open one"
    );
    let Step::Stay(phase) = step else {
        panic!("stays");
    };
    let step = transition(phase, Event::Payment(response()));
    assert_eq!(challenge_frames.get(), 0);
    assert!(matches!(step, Step::Finish { pause_ms: 0, .. }));
}

/// `final:false` is asked again with growing pauses, `RESULT_ATTEMPTS` times in all.
#[test]
fn not_final_retries_with_growing_pauses_then_fails() {
    let mut phase = finishing(0);
    let mut pauses = vec![];
    loop {
        match transition(phase, Event::NotFinal) {
            Step::Finish {
                phase: next,
                pause_ms,
            } => {
                pauses.push(pause_ms);
                phase = next;
            }
            Step::Fail(Failure::NotFinal) => break,
            other => panic!("unexpected {}", name(&other)),
        }
    }
    assert_eq!(pauses.len() as u32 + 1, RESULT_ATTEMPTS);
    assert_eq!(&pauses[..3], &[200, 350, 500]);
    assert!(pauses.windows(2).all(|w| w[0] <= w[1]));
    assert_eq!(*pauses.last().unwrap(), 200 + 150 * 8);
    assert_eq!(result_pause_ms(RESULT_ATTEMPTS - 1), None);
}

/// A finishing payment keeps the response it sends, unchanged, across retries.
#[test]
fn finishing_keeps_the_response() {
    let Step::Finish { phase, .. } = transition(finishing(3), Event::NotFinal) else {
        panic!("retries");
    };
    let Phase::Finishing {
        response: r,
        attempt,
    } = phase
    else {
        panic!("finishing");
    };
    assert_eq!(attempt, 4);
    assert_eq!(r, response());
}

/// The long poll retries lost answers `POLL_RETRIES` times with growing pauses, then gives up.
#[test]
fn poll_retries_then_gives_up() {
    let pauses: Vec<_> = (1..=POLL_RETRIES)
        .map(|n| poll_retry_ms(n).unwrap())
        .collect();
    assert_eq!(pauses, [500, 1000, 1500, 2000, 2500]);
    assert_eq!(poll_retry_ms(POLL_RETRIES + 1), None);
}

/// A CSP block of the method URL is no error; a method with no URL known ignores blocks.
#[test]
fn a_blocked_method_goes_on_with_the_poll() {
    let live = Rc::new(Cell::new(0));
    let unknown = Phase::<Test>::Method {
        frame: Frame::new(&live),
        url: None,
    };
    let step = transition(unknown, Event::CspBlocked(block("https://acs.example")));
    assert_eq!(name(&step), "stay method");
    drop(step);
    assert_eq!(live.get(), 0);
}
