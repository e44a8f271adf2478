//! Where a payment leaves the page: focus where the customer was, and the browser's history as
//! it was before the payment's frames navigated.
//!
//! The issuer's pages navigate inside the method and challenge frames, and each navigation can
//! add an entry to the joint session history: afterwards one press of Back would only step
//! through the removed frames' entries. Firefox drops those entries with the frames (as the HTML
//! standard says); Chromium keeps them. So once the frames are gone, the history is stepped back
//! over the entries the payment added, which restores what one press of Back does. The page
//! itself does not move: no `popstate`, no reload.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The focus and history of the page when `pay()` was called.
#[derive(Debug)]
pub struct ReturnPoint {
    focus: Option<HtmlElement>,
    container: Element,
    history_length: Option<u32>,
    href: Option<String>,
}

impl ReturnPoint {
    /// Notes the focused element (unless it is `<body>`), the length of the history and the
    /// page's URL. `container` takes focus when that element cannot.
    pub fn take(doc: &Document, container: &Element) -> Self {
        let focus = doc
            .active_element()
            .filter(|el| doc.body().as_ref().map(AsRef::<Element>::as_ref) != Some(el))
            .and_then(|el| el.dyn_into::<HtmlElement>().ok());
        let window = web_sys::window();
        ReturnPoint {
            focus,
            container: container.clone(),
            history_length: window
                .as_ref()
                .and_then(|w| w.history().ok()?.length().ok()),
            href: window.and_then(|w| w.location().href().ok()),
        }
    }

    /// Call once the payment's frames are gone: gives focus back if it was lost or left in the
    /// container, and steps back over the history entries the frames added.
    pub fn restore(self, doc: &Document) {
        self.restore_focus(doc);
        self.restore_history();
    }

    /// Focus goes back to the element that had it, or to the container when that element is gone
    /// or cannot take focus (disabled, hidden) — never to `<body>`. Focus the customer moved
    /// elsewhere on the page stays there.
    fn restore_focus(&self, doc: &Document) {
        let active = doc.active_element();
        let body = doc.body();
        let lost = match &active {
            None => true,
            Some(el) => {
                body.as_ref().map(AsRef::<Element>::as_ref) == Some(el)
                    || self.container.contains(Some(el))
            }
        };
        if !lost {
            return;
        }
        if let Some(el) = self.focus.as_ref().filter(|el| el.is_connected()) {
            let _ = el.focus();
            if doc.active_element().as_ref() == Some(el.as_ref()) {
                return;
            }
        }
        if let Some(container) = self.container.dyn_ref::<HtmlElement>() {
            if !container.has_attribute("tabindex") {
                let _ = container.set_attribute("tabindex", "-1");
            }
            let _ = container.focus();
        }
    }

    /// `history.go(-n)` for the `n` entries added since [`ReturnPoint::take`], when the page
    /// is still at the URL it had then (a shop that navigated itself is left alone).
    fn restore_history(&self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let (Some(before), Some(href)) = (self.history_length, self.href.as_deref()) else {
            return;
        };
        let Ok(history) = window.history() else {
            return;
        };
        let now = history.length().unwrap_or(before);
        if now > before && window.location().href().ok().as_deref() == Some(href) {
            let steps = i32::try_from(now - before).unwrap_or(0);
            let _ = history.go_with_delta(-steps);
        }
    }
}
