//! The locales of every visible string: German and English.

/// A supported locale.
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
