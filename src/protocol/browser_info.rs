//! EMV 3DS browser data with Computop's keys, normalised to what the schemes accept.

use super::ascii;
use super::json::Value;
use super::window_size::ChallengeWindowSize;

/// Colour depths the EMV specification allows.
pub const COLOR_DEPTHS: [u32; 8] = [1, 4, 8, 15, 16, 24, 32, 48];
/// Longest `language` the schemes accept.
pub const MAX_LANGUAGE: usize = 8;
/// Longest `userAgent` the schemes accept.
pub const MAX_USER_AGENT: usize = 2048;
/// Longest screen dimension (six digits).
const MAX_SCREEN: u32 = 999_999;

/// What the browser reports, before normalisation.
#[derive(Debug, Clone, PartialEq)]
pub struct BrowserReading {
    /// `navigator.javaEnabled()`; false in every current browser.
    pub java_enabled: bool,
    /// `navigator.language`.
    pub language: String,
    /// `screen.colorDepth`.
    pub color_depth: f64,
    /// `screen.height`.
    pub screen_height: f64,
    /// `screen.width`.
    pub screen_width: f64,
    /// `new Date().getTimezoneOffset()`: minutes, positive when local time is behind UTC.
    pub timezone_offset: f64,
    /// `navigator.userAgent`.
    pub user_agent: String,
}

/// `browserInfo` as sent to the merchant backend, which adds `acceptHeaders` and `ipAddress`.
/// `javaScriptEnabled` is always true where this runs, so it is written, not stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserInfo {
    /// `javaEnabled`.
    pub java_enabled: bool,
    /// `language`, at most 8 characters.
    pub language: String,
    /// `colorDepth`, one of [`COLOR_DEPTHS`].
    pub color_depth: u32,
    /// `screenHeight`.
    pub screen_height: u32,
    /// `screenWidth`.
    pub screen_width: u32,
    /// `timeZoneOffset` (EMV `browserTZ`): minutes, positive when local time is behind UTC.
    pub time_zone_offset: i32,
    /// `userAgent`, at most 2048 characters.
    pub user_agent: String,
    /// `challengeWindowSize` the ACS should render for.
    pub challenge_window_size: ChallengeWindowSize,
}

impl BrowserInfo {
    /// Normalises a reading.
    pub fn normalise(reading: &BrowserReading, challenge_window_size: ChallengeWindowSize) -> Self {
        BrowserInfo {
            java_enabled: reading.java_enabled,
            language: normalise_language(&reading.language),
            color_depth: normalise_color_depth(reading.color_depth),
            screen_height: clamp_screen(reading.screen_height),
            screen_width: clamp_screen(reading.screen_width),
            time_zone_offset: normalise_timezone(reading.timezone_offset),
            user_agent: normalise_user_agent(&reading.user_agent),
            challenge_window_size,
        }
    }

    /// The JSON object with Computop's keys.
    pub fn to_value(&self) -> Value {
        let number = |n: u32| Value::Number(f64::from(n));
        Value::object([
            ("javaEnabled", Value::Bool(self.java_enabled)),
            ("javaScriptEnabled", Value::Bool(true)),
            ("language", Value::string(self.language.as_str())),
            ("colorDepth", number(self.color_depth)),
            ("screenHeight", number(self.screen_height)),
            ("screenWidth", number(self.screen_width)),
            (
                "timeZoneOffset",
                Value::Number(f64::from(self.time_zone_offset)),
            ),
            ("userAgent", Value::string(self.user_agent.as_str())),
            (
                "challengeWindowSize",
                Value::string(self.challenge_window_size.code()),
            ),
        ])
    }
}

/// The largest allowed colour depth not above `depth` (1 for anything smaller).
pub fn normalise_color_depth(depth: f64) -> u32 {
    COLOR_DEPTHS
        .into_iter()
        .rev()
        .find(|&d| f64::from(d) <= depth)
        .unwrap_or(1)
}

/// A BCP 47 tag of at most 8 characters: subtags are dropped from the end (`zh-Hans-CN` →
/// `zh-Hans`); a first subtag longer than 8 is cut; characters outside the tag alphabet go.
pub fn normalise_language(language: &str) -> String {
    let clean: String = language
        .bytes()
        .filter(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .map(char::from)
        .collect();
    let mut tag = clean.trim_matches('-').to_owned();
    while tag.len() > MAX_LANGUAGE {
        match ascii::rfind(&tag, b'-') {
            Some(i) => tag.truncate(i),
            None => tag.truncate(MAX_LANGUAGE),
        }
    }
    if tag.is_empty() {
        String::from("en")
    } else {
        tag
    }
}

/// Minutes in the range time zones use (UTC−12 … UTC+14); sign as `getTimezoneOffset()`.
pub fn normalise_timezone(offset: f64) -> i32 {
    if offset.is_finite() {
        offset.round().clamp(-840.0, 720.0) as i32
    } else {
        0
    }
}

/// The user agent without control characters, cut to 2048 characters.
pub fn normalise_user_agent(user_agent: &str) -> String {
    user_agent
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_USER_AGENT)
        .collect()
}

fn clamp_screen(value: f64) -> u32 {
    if value.is_finite() && value > 0.0 {
        value.round().min(f64::from(MAX_SCREEN)) as u32
    } else {
        0
    }
}
