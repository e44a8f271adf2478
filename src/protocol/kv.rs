//! Key=value answers of the Paygate (`Status=OK&Code=00000000&…`).

/// The pairs of a key=value answer, in order; keys are matched case-insensitively.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyValues(Vec<(String, String)>);

/// The trimmed pairs of `text`: split on `&` and line breaks, each pair on its first `=` only
/// (base64 values end in `=`). Pieces without `=` or with an empty key are skipped.
fn pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split(['&', '\n', '\r']).filter_map(|piece| {
        let (key, value) = piece.split_once('=')?;
        let key = key.trim();
        (!key.is_empty()).then(|| (key, value.trim()))
    })
}

impl KeyValues {
    /// Splits on `&` and line breaks, each pair on its first `=` only (base64 values end in `=`).
    /// Pieces without `=` (such as the documents' `[...]` elisions) are skipped.
    pub fn parse(text: &str) -> Self {
        KeyValues(
            pairs(text)
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        )
    }

    /// The first value under `key` in `text`, compared case-insensitively, without copying:
    /// the same as `KeyValues::parse(text).get(key)`.
    pub fn find<'t>(text: &'t str, key: &str) -> Option<&'t str> {
        pairs(text)
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    }

    /// The first value under `key`, compared case-insensitively.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
