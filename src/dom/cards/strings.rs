//! The texts of the card components, looked up in the component's [`Texts`].

pub(crate) use crate::i18n::Text;
use crate::i18n::Texts;
use crate::protocol::CardProblem;

/// The text `t`.
pub(crate) fn text(texts: &Texts, t: Text) -> &str {
    texts.get(t)
}

/// The inline message for a card problem.
pub(crate) fn problem(texts: &Texts, p: CardProblem) -> &str {
    use CardProblem::*;
    texts.get(match p {
        NumberNotDigits => Text::NumberNotDigits,
        NumberLength => Text::NumberLength,
        Luhn => Text::Luhn,
        UnknownBrand => Text::UnknownBrand,
        BrandNotAccepted => Text::BrandNotAccepted,
        SecurityCodeLength => Text::SecurityCodeLength,
        ExpiryFormat => Text::ExpiryFormat,
        Expired => Text::CardExpired,
        HolderLength => Text::HolderLength,
        HolderCharacters => Text::HolderCharacters,
        NotSelectable => Text::NotSelectable,
    })
}
