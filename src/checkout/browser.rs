//! `browserInfo`: read from the browser, normalised by the protocol core.

use crate::protocol::browser_info::{BrowserInfo, BrowserReading};
use crate::protocol::window_size::ChallengeWindowSize;

/// What this browser reports now.
pub fn reading() -> BrowserReading {
    let window = web_sys::window();
    let navigator = window.as_ref().map(|w| w.navigator());
    let screen = window.as_ref().and_then(|w| w.screen().ok());
    BrowserReading {
        java_enabled: false,
        language: navigator
            .as_ref()
            .and_then(|n| n.language())
            .unwrap_or_default(),
        color_depth: screen
            .as_ref()
            .and_then(|s| s.color_depth().ok())
            .map_or(24.0, f64::from),
        screen_height: screen
            .as_ref()
            .and_then(|s| s.height().ok())
            .map_or(0.0, f64::from),
        screen_width: screen
            .as_ref()
            .and_then(|s| s.width().ok())
            .map_or(0.0, f64::from),
        timezone_offset: js_sys::Date::new_0().get_timezone_offset(),
        user_agent: navigator
            .as_ref()
            .and_then(|n| n.user_agent().ok())
            .unwrap_or_default(),
    }
}

/// The normalised `browserInfo` for a challenge window of `size`.
pub fn collect(size: ChallengeWindowSize) -> BrowserInfo {
    BrowserInfo::normalise(&reading(), size)
}
