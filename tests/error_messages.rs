//! The developer messages of `PaygateError`: the wasm passes a `Message` and its arguments, and
//! `js/error.js` writes the English text from its table `MESSAGES`. Here: the table is in the
//! order of `Message`, every text is the one the wasm wrote itself before, and every error of
//! the protocol core reads exactly as its `Display` (which the native users keep).

#![cfg(not(target_arch = "wasm32"))]

use paygate_wasm::error::Message;
use paygate_wasm::protocol::card::YearMonth;
use paygate_wasm::protocol::decimal::{decimal, push_decimal};
use paygate_wasm::protocol::easycredit::FinancingError;
use paygate_wasm::protocol::legacy::ThreeDsLegacy;
use paygate_wasm::protocol::message::PaygateMessage;
use paygate_wasm::protocol::url_policy::SafeUrl;
use paygate_wasm::protocol::vault::saved_cards_from_text;
use paygate_wasm::protocol::{CardProblem, Error, Problem, Subject, UrlRefusal};
use proptest::prelude::*;

const ERROR_JS: &str = include_str!("../js/error.js");

/// The entries of `const MESSAGES = [ … ];`, one string literal a line.
fn table() -> Vec<String> {
    let start = ERROR_JS
        .find("const MESSAGES = [")
        .expect("js/error.js has MESSAGES");
    let body = &ERROR_JS[start..];
    body[..body.find("];").expect("MESSAGES ends")]
        .lines()
        .skip(1)
        .map(|line| {
            let literal = line.trim().trim_end_matches(',');
            let quote = literal.chars().next().expect("a string literal");
            assert!(quote == '\'' || quote == '"', "{line}");
            let text = &literal[1..literal.len() - 1];
            assert!(!text.contains('\\') && !text.contains(quote), "{line}");
            text.to_owned()
        })
        .collect()
}

/// What `messageText` gives: the entry with `{0}`, `{1}`, `{2}` replaced by the arguments.
fn render(message: Message, args: &[&str]) -> String {
    let mut text = table()[message as usize].clone();
    for (i, arg) in args.iter().enumerate() {
        text = text.replace(&format!("{{{i}}}"), arg);
    }
    text
}

#[test]
fn the_table_has_one_entry_for_each_message_in_its_order() {
    assert_eq!(table().len(), Message::ALL.len());
    for (i, m) in Message::ALL.into_iter().enumerate() {
        assert_eq!(m as usize, i, "{m:?} is not at its place in Message::ALL");
    }
}

/// Each message the wasm's own code raises, with its arguments, as the developer reads it.
#[test]
fn every_message_reads_as_before() {
    use Message::*;
    let cases: &[(Message, &[&str], &str)] = &[
        (OptionsNotObject, &[], "options must be an object"),
        (
            TextsMissing,
            &[],
            "texts missing: construct the components from the package entry",
        ),
        (
            OptionsNotPlain,
            &[],
            "options must be an object of plain values, elements and functions",
        ),
        (Timeout, &[], "timeouts must be a number of milliseconds"),
        (
            BackendRetries,
            &[],
            "backendRetries must be a whole number from 0 to 10",
        ),
        (
            BackendUrl,
            &[],
            "backendUrl must be a path such as /paygate or an https URL",
        ),
        (
            PaygateOrigins,
            &[],
            "paygateOrigins must list the Paygate's origins",
        ),
        (
            ChallengeWindowSize,
            &[],
            "challengeWindowSize must be 'auto' or '01'..'05'",
        ),
        (Container, &[], "container must be an element"),
        (OnStateChange, &[], "onStateChange must be a function"),
        (NotElement, &[], "element must be a DOM element"),
        (NoCrypto, &[], "crypto.getRandomValues is not available"),
        (DomRefused, &[], "the page refused a DOM operation"),
        (PayArguments, &[], "pay() needs an object argument"),
        (Payment, &[], "payment must be an object"),
        (Signal, &[], "signal must be an AbortSignal"),
        (
            CardAndSavedCard,
            &[],
            "pass either card or savedCard, not both",
        ),
        (NoCard, &[], "pay() needs card or savedCard"),
        (NoSelection, &[], "no saved card is selected"),
        (SavedCardId, &[], "savedCard needs an id"),
        (CardNotObject, &[], "card must be an object"),
        (
            SecurityCodeNeeded,
            &[],
            "the chosen stored card needs a valid security code",
        ),
        (CardFormErrors, &[], "the card form has errors"),
        (ComponentDestroyed, &[], "the component was destroyed"),
        (Busy, &[], "a payment is already running"),
        (Cancelled, &[], "the payment was cancelled"),
        (
            Aborted,
            &[],
            "the payment was aborted through its AbortSignal",
        ),
        (CheckoutDestroyed, &[], "the checkout was destroyed"),
        (
            ChallengeTimeout,
            &[],
            "the challenge did not finish in time",
        ),
        (
            CspBlocked,
            &["frame-src", "https://acs.example"],
            "the page's Content-Security-Policy directive frame-src blocked https://acs.example: \
             frame-src and form-action must allow every issuer's ACS (https:)",
        ),
        (NotFinal, &[], "the merchant backend has no final result"),
        (
            PollChallenge,
            &[],
            "the long poll's challenge is not a browser challenge response",
        ),
        (RequestFailed, &[], "the request could not be made"),
        (
            Unreachable,
            &[],
            "the merchant backend could not be reached",
        ),
        (Refused, &[], "the merchant backend refused the request"),
        (BackendSaid, &["card declined: 05"], "card declined: 05"),
        (
            NotJsonObject,
            &[],
            "the merchant backend answered something that is not a JSON object",
        ),
        (PayIdMissing, &[], "payId is missing"),
        (NextType, &[], "next.type is not method, legacy or done"),
        (PaymentResponse, &[], "payment response"),
        (FinalMissing, &[], "final is missing"),
        (PollState, &[], "state is not pending, challenge or done"),
        (OrderNotObject, &[], "the order must be an object"),
    ];
    for (message, args, text) in cases {
        assert_eq!(render(*message, args), *text, "{message:?}");
    }
}

/// Errors of every kind the protocol core raises, some from its readers.
fn protocol_errors() -> Vec<Error> {
    let mut errors = vec![
        Error::WindowSize,
        Error::CredentialOnFileWithPrefill,
        saved_cards_from_text("{}", YearMonth::new(2026, 11).unwrap()).unwrap_err(),
        ThreeDsLegacy::from_json("{}").unwrap_err(),
        PaygateMessage::from_text("{not json").unwrap_err(),
    ];
    for url in [
        "javascript:alert(1)",
        "relative",
        "http://example.com/",
        "https:// x",
    ] {
        errors.push(SafeUrl::parse(url, "acsURL").unwrap_err());
    }
    for reason in [
        UrlRefusal::NotAbsolute,
        UrlRefusal::Scheme,
        UrlRefusal::PlainHttp,
        UrlRefusal::Suspicious,
        UrlRefusal::Host,
    ] {
        errors.push(Error::InsecureUrl {
            field: "backendUrl",
            reason,
        });
    }
    for problem in [
        CardProblem::NumberNotDigits,
        CardProblem::Luhn,
        CardProblem::SecurityCodeLength,
        CardProblem::Expired,
        CardProblem::NotSelectable,
    ] {
        errors.push(Error::InvalidCard(problem));
    }
    for problem in [
        Problem::Json("expected value at line 1 column 2".into()),
        Problem::MissingField("acsURL"),
        Problem::Base64("creq"),
        Problem::Format {
            field: "challengeWindowSize",
            expected: "a code 01-05",
        },
        Problem::TooLong("Len"),
    ] {
        for subject in [Subject::ChallengeRequest, Subject::Vault, Subject::Card] {
            errors.push(Error::Malformed {
                subject,
                problem: problem.clone(),
            });
        }
    }
    errors
}

#[test]
fn protocol_errors_read_as_their_display() {
    for e in protocol_errors() {
        let (message, args) = e.message();
        assert_eq!(render(message, &args), e.to_string(), "{e:?}");
    }
}

#[test]
fn a_refused_card_names_its_problem_and_no_digits() {
    let (message, args) = Error::InvalidCard(CardProblem::Luhn).message();
    assert_eq!(render(message, &args), "card refused: luhn");
}

#[test]
fn financing_errors_read_as_their_display() {
    for e in [
        FinancingError::Base64,
        FinancingError::Json,
        FinancingError::Missing("totalValue"),
        FinancingError::Format("numberOfInstallments"),
    ] {
        let (message, arg) = e.message();
        assert_eq!(render(message, &[arg]), e.to_string(), "{e:?}");
    }
}

#[test]
fn expiry_months_are_written_as_before() {
    let m = YearMonth::new(2027, 1).unwrap();
    assert_eq!(
        (m.yyyymm(), m.display()),
        ("202701".into(), "01/2027".into())
    );
    let far = YearMonth::new(12345, 12).unwrap();
    assert_eq!(
        (far.yyyymm(), far.display()),
        ("1234512".into(), "12/12345".into())
    );
}

proptest! {
    #[test]
    fn decimals_are_what_format_writes(n in any::<u64>(), width in 0usize..24) {
        prop_assert_eq!(decimal(n), n.to_string());
        let mut out = String::from("x");
        push_decimal(&mut out, n, width);
        prop_assert_eq!(out, format!("x{n:0width$}"));
    }
}
