//! Which English message a [`PaygateError`](super::PaygateError) shows. The wasm carries no
//! message text: it passes the message's number and its arguments (field and subject names, the
//! parser's words, a CSP directive and origin …), and `js/error.js` fills them into its table
//! `MESSAGES`, whose entries are in the order of [`Message`]. `tests/error_messages.rs` checks
//! that order and every text.

use crate::protocol::{Error, Problem, UrlRefusal};

/// [`Message`] and [`Message::ALL`] from one list, so the order of the table cannot drift.
macro_rules! messages {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// A message of the table in `js/error.js`; `{0}`, `{1}`, `{2}` there are the arguments.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Message {
            $($(#[$doc])* $name,)*
        }

        impl Message {
            /// Every message, in the order of `js/error.js`'s table.
            pub const ALL: [Message; [$(Message::$name,)*].len()] = [$(Message::$name,)*];
        }
    };
}

messages! {
    /// [`Problem::Json`]: subject, the parser's words.
    Json,
    /// [`Problem::MissingField`]: subject, field.
    MissingField,
    /// [`Problem::Base64`]: subject, field.
    Base64,
    /// [`Problem::Format`]: subject, field, what the documents allow.
    Format,
    /// [`Problem::TooLong`]: subject, field.
    TooLong,
    /// [`UrlRefusal::NotAbsolute`]: the URL's field.
    UrlNotAbsolute,
    /// [`UrlRefusal::Scheme`]: the URL's field.
    UrlScheme,
    /// [`UrlRefusal::PlainHttp`]: the URL's field.
    UrlPlainHttp,
    /// [`UrlRefusal::Suspicious`]: the URL's field.
    UrlSuspicious,
    /// [`UrlRefusal::Host`]: the URL's field.
    UrlHost,
    /// [`Error::InvalidCard`]: the problem's code.
    CardRefused,
    /// [`Error::WindowSize`].
    WindowSize,
    /// [`Error::CredentialOnFileWithPrefill`].
    CredentialOnFileWithPrefill,
    /// The options are not an object.
    OptionsNotObject,
    /// The options hold something serde cannot read.
    OptionsNotPlain,
    /// `methodTimeoutMs`, `challengeTimeoutMs` or `backendTimeoutMs` out of range.
    Timeout,
    /// `backendRetries` out of range.
    BackendRetries,
    /// `backendUrl` neither a path nor an allowed URL.
    BackendUrl,
    /// `paygateOrigins` empty.
    PaygateOrigins,
    /// `challengeWindowSize` not `auto` or a code.
    ChallengeWindowSize,
    /// `container` not an element.
    Container,
    /// `onStateChange` not a function.
    OnStateChange,
    /// A component's element is not an element.
    NotElement,
    /// No `crypto.getRandomValues` for the idempotency key.
    NoCrypto,
    /// A DOM operation threw.
    DomRefused,
    /// `pay()` without an object.
    PayArguments,
    /// `pay({payment})` not an object.
    Payment,
    /// `pay({signal})` not an `AbortSignal`.
    Signal,
    /// `pay()` with `card` and `savedCard`.
    CardAndSavedCard,
    /// `pay()` with neither `card` nor `savedCard`.
    NoCard,
    /// `savedCard` without a selection.
    NoSelection,
    /// `savedCard` without an `id`.
    SavedCardId,
    /// `card` not an object.
    CardNotObject,
    /// The chosen stored card's security code does not fit.
    SecurityCodeNeeded,
    /// `CardForm.cardData()` with errors in the form.
    CardFormErrors,
    /// A destroyed component was used.
    ComponentDestroyed,
    /// `pay()` while a payment runs.
    Busy,
    /// `cancel()` or the challenge's cancel.
    Cancelled,
    /// The payment's `AbortSignal` fired.
    Aborted,
    /// The checkout was destroyed during the payment.
    CheckoutDestroyed,
    /// The challenge timer ran out.
    ChallengeTimeout,
    /// The page's CSP blocked a frame or form: the directive, the blocked origin.
    CspBlocked,
    /// `POST …/result` kept answering `final:false`.
    NotFinal,
    /// The long poll's challenge is another kind of message.
    PollChallenge,
    /// `fetch` could not even start.
    RequestFailed,
    /// No answer from the merchant backend.
    Unreachable,
    /// A refusal without the backend's own `error.message`.
    Refused,
    /// A refusal: the backend's `error.message`.
    BackendSaid,
    /// A 2xx answer that is not a JSON object.
    NotJsonObject,
    /// The payment request's answer has no `payId`.
    PayIdMissing,
    /// The payment request's answer has another `next.type`.
    NextType,
    /// The browser payment response could not be written as JSON text.
    PaymentResponse,
    /// `POST …/result` answered without `final`.
    FinalMissing,
    /// The long poll answered another `state`.
    PollState,
    /// `checkEasyCreditOrder` without an object.
    OrderNotObject,
    /// The `financing` of easyCredit is neither JSON nor base64 of it.
    FinancingBase64,
    /// The `financing` of easyCredit is not an object.
    FinancingJson,
    /// A figure of easyCredit's `financing` is missing: its key.
    FinancingMissing,
    /// A figure of easyCredit's `financing` has the wrong format: its key.
    FinancingFormat,
    /// A component was constructed without the texts the package entry resolves.
    TextsMissing,
}

/// What the JavaScript API says about what the protocol core refused.
impl Error {
    /// The message and its arguments (unused ones empty); the same text as `Display`, which
    /// the wasm does not link.
    pub fn message(&self) -> (Message, [&str; 3]) {
        match self {
            Error::Malformed { subject, problem } => {
                let s = subject.name();
                match problem {
                    Problem::Json(why) => (Message::Json, [s, why, ""]),
                    Problem::MissingField(k) => (Message::MissingField, [s, k, ""]),
                    Problem::Base64(k) => (Message::Base64, [s, k, ""]),
                    Problem::Format { field, expected } => (Message::Format, [s, field, expected]),
                    Problem::TooLong(k) => (Message::TooLong, [s, k, ""]),
                }
            }
            Error::InsecureUrl { field, reason } => {
                let message = match reason {
                    UrlRefusal::NotAbsolute => Message::UrlNotAbsolute,
                    UrlRefusal::Scheme => Message::UrlScheme,
                    UrlRefusal::PlainHttp => Message::UrlPlainHttp,
                    UrlRefusal::Suspicious => Message::UrlSuspicious,
                    UrlRefusal::Host => Message::UrlHost,
                };
                (message, [field, "", ""])
            }
            Error::InvalidCard(p) => (Message::CardRefused, [p.code(), "", ""]),
            Error::WindowSize => (Message::WindowSize, ["", "", ""]),
            Error::CredentialOnFileWithPrefill => {
                (Message::CredentialOnFileWithPrefill, ["", "", ""])
            }
        }
    }
}

#[cfg(any(not(target_arch = "wasm32"), feature = "easycredit"))]
impl crate::protocol::easycredit::FinancingError {
    /// The message and its argument (empty when unused), the same text as `Display`.
    pub fn message(self) -> (Message, &'static str) {
        use crate::protocol::easycredit::FinancingError as F;
        match self {
            F::Base64 => (Message::FinancingBase64, ""),
            F::Json => (Message::FinancingJson, ""),
            F::Missing(k) => (Message::FinancingMissing, k),
            F::Format(k) => (Message::FinancingFormat, k),
        }
    }
}
