//! Locales. The card components and the checkout take their texts from JavaScript
//! ([`Texts`], resolved by `js/texts.js` from the tables in `js/locales/`); easyCredit keeps its
//! own German and English texts ([`Locale`]).

use std::rc::Rc;

use crate::protocol::ascii;

/// A locale of easyCredit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// German.
    De,
    /// English.
    #[default]
    En,
}

impl Locale {
    /// Reads `de`, `de-DE`, `en`, `en-GB` …; anything else is English.
    pub fn parse(tag: &str) -> Self {
        if tag
            .trim()
            .get(..2)
            .is_some_and(|p| p.eq_ignore_ascii_case("de"))
        {
            Locale::De
        } else {
            Locale::En
        }
    }

    /// The BCP 47 tag for `lang` attributes.
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::De => "de",
            Locale::En => "en",
        }
    }

    /// Picks the German or the English text.
    pub const fn pick(self, de: &'static str, en: &'static str) -> &'static str {
        match self {
            Locale::De => de,
            Locale::En => en,
        }
    }
}

/// Declares [`Text`] and [`TEXT_NAMES`] from one list, so that the two cannot drift apart.
macro_rules! texts {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, )*) => {
        /// A text of the card components or the checkout; its index is its position in
        /// [`TEXT_NAMES`] and in the list that [`Texts::read`] reads.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text {
            $( $(#[$doc])* $variant, )*
        }

        /// The text names (the keys of `js/locales/*.js`), in the order of [`Text`].
        pub const TEXT_NAMES: &[&str] = &[$( $name, )*];
    };
}

texts! {
    /// Title of the saved-card selector.
    SavedCardsTitle = "savedCardsTitle",
    /// The "use a new card" choice.
    UseNewCard = "useNewCard",
    /// State of an expired card.
    Expired = "expired",
    /// State of an inactive card.
    Inactive = "inactive",
    /// Word between brand and last digits ("ending").
    Ending = "ending",
    /// Word before the expiry month ("expires").
    Expires = "expires",
    /// Generic word for a card of unknown brand.
    Card = "card",
    /// Label of the security code field.
    SecurityCode = "securityCode",
    /// Hint under the security code field of a stored card.
    SecurityCodeHint = "securityCodeHint",
    /// Label of the list of remove buttons.
    ManageCards = "manageCards",
    /// Text of a remove button, before the card.
    Remove = "remove",
    /// Question of the remove confirmation (followed by the card).
    ConfirmRemove = "confirmRemove",
    /// The confirming button.
    ConfirmYes = "confirmYes",
    /// The cancelling button.
    ConfirmNo = "confirmNo",
    /// Announced after a removal.
    Removed = "removed",
    /// Shown when the backend refused without a message.
    RemoveFailed = "removeFailed",
    /// Shown when the backend could not be reached.
    RemoveUnreachable = "removeUnreachable",
    /// Label of the card number field.
    CardNumber = "cardNumber",
    /// Label of the expiry field.
    ExpiryDate = "expiryDate",
    /// Placeholder/format hint of the expiry field.
    ExpiryFormatHint = "expiryFormatHint",
    /// Label of the holder field.
    Holder = "cardholderName",
    /// The save-card consent.
    SaveCard = "saveCard",
    /// Announced before a detected brand ("Card type:").
    Detected = "cardType",
    /// Title of the card form.
    NewCardTitle = "newCardTitle",
    /// Card problem: the number has other characters than digits.
    NumberNotDigits = "errorNumberNotDigits",
    /// Card problem: the number is too short or too long.
    NumberLength = "errorNumberLength",
    /// Card problem: the number fails the Luhn check.
    Luhn = "errorNumberInvalid",
    /// Card problem: the brand is not recognised.
    UnknownBrand = "errorUnknownBrand",
    /// Card problem: the brand is not accepted here.
    BrandNotAccepted = "errorBrandNotAccepted",
    /// Card problem: the security code is incomplete.
    SecurityCodeLength = "errorSecurityCode",
    /// Card problem: the expiry date is not MM/YY.
    ExpiryFormat = "errorExpiryFormat",
    /// Card problem: the card has expired.
    CardExpired = "errorCardExpired",
    /// Card problem: the holder's name is too short or too long.
    HolderLength = "errorNameLength",
    /// Card problem: the holder's name has characters not allowed.
    HolderCharacters = "errorNameCharacters",
    /// Card problem: the stored card cannot be chosen.
    NotSelectable = "errorCardNotUsable",
    /// Announced when the checkout starts collecting.
    AnnounceCollecting = "announcePreparing",
    /// Announced during the 3-D Secure method.
    AnnounceMethod = "announceContactingBank",
    /// Announced when the challenge opens.
    AnnounceChallenge = "announceChallenge",
    /// Announced while the payment is finished.
    AnnounceFinishing = "announceCompleting",
    /// Announced when the payment process ended.
    AnnounceDone = "announceFinished",
    /// Announced when the payment failed.
    AnnounceFailed = "announceFailed",
    /// Accessible name of the challenge dialog.
    ChallengeDialog = "challengeDialog",
    /// `title` of the challenge frame.
    ChallengeTitle = "challengeFrameTitle",
    /// Shown in the challenge frame until the bank's page has loaded.
    ChallengeLoading = "challengeLoading",
    /// `title` of the hidden method frame.
    MethodTitle = "methodFrameTitle",
}

/// What separates the language tag and the texts in the list [`Texts::read`] reads
/// (U+001F, which `js/texts.js` refuses in texts).
pub const SEPARATOR: char = '\u{1f}';

/// [`SEPARATOR`] as the byte the list is split at ([`crate::protocol::ascii`]).
const SEPARATOR_BYTE: u8 = 0x1f;
const _: () = assert!(SEPARATOR as u32 == SEPARATOR_BYTE as u32);

/// The texts of one component in its locale, as the JavaScript wrapper resolved them: the
/// language tag, then every text in the order of [`Text`], joined with [`SEPARATOR`] (kept as
/// the one string it came in; a look-up walks it, which is cheaper than a string per text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    joined: Rc<str>,
}

impl Texts {
    /// Reads the joined list; `None` unless it has a language tag and exactly one text per name.
    pub fn read(joined: &str) -> Option<Self> {
        let complete = ascii::split(joined, &[SEPARATOR_BYTE]).count() == TEXT_NAMES.len() + 1;
        let tagged = !ascii::starts_with(joined, SEPARATOR_BYTE);
        (complete && tagged).then(|| Texts {
            joined: joined.into(),
        })
    }

    /// The BCP 47 language tag for `lang` attributes.
    pub fn lang(&self) -> &str {
        ascii::split(&self.joined, &[SEPARATOR_BYTE])
            .next()
            .unwrap_or_default()
    }

    /// The text `t`.
    pub fn get(&self, t: Text) -> &str {
        ascii::split(&self.joined, &[SEPARATOR_BYTE])
            .nth(t as usize + 1)
            .unwrap_or_default()
    }
}
