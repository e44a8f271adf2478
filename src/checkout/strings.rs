//! The checkout's visible or announced texts, looked up in its [`Texts`].

use crate::i18n::{Text, Texts};

use super::PaymentState;

/// What the live region announces when the checkout enters `state`.
pub fn announcement(texts: &Texts, state: PaymentState) -> &str {
    texts.get(match state {
        PaymentState::Collecting => Text::AnnounceCollecting,
        PaymentState::Method => Text::AnnounceMethod,
        PaymentState::Challenge => Text::AnnounceChallenge,
        PaymentState::Finishing => Text::AnnounceFinishing,
        PaymentState::Done => Text::AnnounceDone,
        PaymentState::Failed => Text::AnnounceFailed,
    })
}

/// The accessible name of the dialog that holds the challenge frame.
pub fn challenge_dialog(texts: &Texts) -> &str {
    texts.get(Text::ChallengeDialog)
}

/// The challenge frame's `title`.
pub fn challenge_title(texts: &Texts) -> &str {
    texts.get(Text::ChallengeTitle)
}

/// Shown in the challenge frame until the bank's page has loaded.
pub fn challenge_loading(texts: &Texts) -> &str {
    texts.get(Text::ChallengeLoading)
}

/// The hidden method frame's `title`.
pub fn method_title(texts: &Texts) -> &str {
    texts.get(Text::MethodTitle)
}
