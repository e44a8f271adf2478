//! Which Content-Security-Policy violations stop a payment: a `frame-src`, `child-src` or
//! `form-action` block of a URL the checkout posts to (the shop's policy does not allow the ACS).

use super::url_policy::SafeUrl;

/// The directives that block the checkout's frames and form posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CspDirective {
    /// `frame-src`: the frame may not load the URL.
    FrameSrc,
    /// `child-src`: the fallback of `frame-src`.
    ChildSrc,
    /// `form-action`: the form may not be posted to the URL.
    FormAction,
}

impl CspDirective {
    /// Reads a violation's `effectiveDirective`; `None` for every other directive.
    pub fn parse(effective_directive: &str) -> Option<Self> {
        match effective_directive.trim() {
            "frame-src" => Some(CspDirective::FrameSrc),
            "child-src" => Some(CspDirective::ChildSrc),
            "form-action" => Some(CspDirective::FormAction),
            _ => None,
        }
    }

    /// The directive's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            CspDirective::FrameSrc => "frame-src",
            CspDirective::ChildSrc => "child-src",
            CspDirective::FormAction => "form-action",
        }
    }
}

/// A `securitypolicyviolation` that may concern the checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CspBlock {
    /// The directive that blocked.
    pub directive: CspDirective,
    /// The origin of the blocked URL (`blockedURI`), as browsers spell origins.
    pub blocked_origin: String,
}

impl CspBlock {
    /// Reads a violation's `disposition`, `effectiveDirective` and `blockedURI`; `None` when
    /// nothing was blocked (`disposition` `report`, a report-only policy), the directive is not
    /// one of [`CspDirective`] or the blocked URI is not a URL the checkout could post to.
    pub fn read(disposition: &str, effective_directive: &str, blocked_uri: &str) -> Option<Self> {
        if disposition.eq_ignore_ascii_case("report") {
            return None;
        }
        let directive = CspDirective::parse(effective_directive)?;
        let blocked = SafeUrl::parse(blocked_uri.trim(), "blockedURI").ok()?;
        Some(CspBlock {
            directive,
            blocked_origin: blocked.origin(),
        })
    }

    /// Whether it blocked posting to `target` (browsers may report only the origin).
    pub fn blocks(&self, target: &SafeUrl) -> bool {
        self.blocked_origin == target.origin()
    }
}
