//! The EMV challenge window size: codes 01–05 and the sizes they stand for.

use super::ascii;
use super::error::Error;

/// A challenge window size code of the EMV 3DS table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChallengeWindowSize {
    /// `01`: 250 × 400.
    W250xH400,
    /// `02`: 390 × 400.
    W390xH400,
    /// `03`: 500 × 600.
    W500xH600,
    /// `04`: 600 × 400.
    W600xH400,
    /// `05`: full screen.
    FullScreen,
}

impl ChallengeWindowSize {
    /// All codes, in code order.
    pub const ALL: [ChallengeWindowSize; 5] = [
        ChallengeWindowSize::W250xH400,
        ChallengeWindowSize::W390xH400,
        ChallengeWindowSize::W500xH600,
        ChallengeWindowSize::W600xH400,
        ChallengeWindowSize::FullScreen,
    ];

    /// Reads a code; `"5"` is taken for `"05"`, surrounding white space is ignored.
    pub fn from_code(code: &str) -> Result<Self, Error> {
        match ascii::trim_start(code.trim(), b'0') {
            "1" => Ok(ChallengeWindowSize::W250xH400),
            "2" => Ok(ChallengeWindowSize::W390xH400),
            "3" => Ok(ChallengeWindowSize::W500xH600),
            "4" => Ok(ChallengeWindowSize::W600xH400),
            "5" => Ok(ChallengeWindowSize::FullScreen),
            _ => Err(Error::WindowSize),
        }
    }

    /// The two-digit code.
    pub const fn code(self) -> &'static str {
        match self {
            ChallengeWindowSize::W250xH400 => "01",
            ChallengeWindowSize::W390xH400 => "02",
            ChallengeWindowSize::W500xH600 => "03",
            ChallengeWindowSize::W600xH400 => "04",
            ChallengeWindowSize::FullScreen => "05",
        }
    }

    /// Width × height in CSS pixels; `None` for full screen.
    pub const fn dimensions(self) -> Option<(u32, u32)> {
        match self {
            ChallengeWindowSize::W250xH400 => Some((250, 400)),
            ChallengeWindowSize::W390xH400 => Some((390, 400)),
            ChallengeWindowSize::W500xH600 => Some((500, 600)),
            ChallengeWindowSize::W600xH400 => Some((600, 400)),
            ChallengeWindowSize::FullScreen => None,
        }
    }

    /// The largest fixed size (by area) that fits `width` × `height`; full screen when none does,
    /// because a viewport smaller than 250 × 400 is best used whole.
    pub fn fitting(width: f64, height: f64) -> Self {
        Self::ALL
            .into_iter()
            .filter_map(|s| s.dimensions().map(|d| (s, d)))
            .filter(|(_, (w, h))| f64::from(*w) <= width && f64::from(*h) <= height)
            .max_by_key(|(_, (w, h))| w * h)
            .map_or(ChallengeWindowSize::FullScreen, |(s, _)| s)
    }
}

/// What the merchant asked for: a fixed code, or `auto` (largest that fits, re-picked on resize).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WindowSizePreference {
    /// Pick from the container and viewport.
    Auto,
    /// Always this size.
    Fixed(ChallengeWindowSize),
}

impl WindowSizePreference {
    /// Reads `auto` or a code `01`–`05` (also `1`–`5`).
    pub fn parse(text: &str) -> Result<Self, Error> {
        if text.trim().eq_ignore_ascii_case("auto") {
            Ok(WindowSizePreference::Auto)
        } else {
            ChallengeWindowSize::from_code(text).map(WindowSizePreference::Fixed)
        }
    }

    /// The size for the space `space()` measures (`width`, `height` in CSS pixels). The space
    /// is only measured for `auto`: measuring forces the browser to lay out the page.
    pub fn resolve(self, space: impl FnOnce() -> (f64, f64)) -> ChallengeWindowSize {
        self.resolve_for(None, space)
    }

    /// The size to open a challenge with, the one place a size is chosen: for a fixed
    /// preference the CReq's own code when it has one (the ACS renders for it), else the code
    /// asked for; for `auto` the largest that fits the space `space()` measures.
    pub fn resolve_for(
        self,
        creq: Option<ChallengeWindowSize>,
        space: impl FnOnce() -> (f64, f64),
    ) -> ChallengeWindowSize {
        match self {
            WindowSizePreference::Auto => {
                let (width, height) = space();
                ChallengeWindowSize::fitting(width, height)
            }
            WindowSizePreference::Fixed(size) => creq.unwrap_or(size),
        }
    }
}
