//! A visually hidden `aria-live="polite"` region that announces the checkout's state.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, HtmlElement};

use crate::dom::element::{styled, with_text};

const VISUALLY_HIDDEN: &str = "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap";

/// The live region; removed from the page when dropped.
#[derive(Debug)]
pub struct LiveRegion {
    el: HtmlElement,
}

impl LiveRegion {
    /// Appends an empty region to `parent`; `lang` is the locale's tag.
    pub fn new(doc: &Document, parent: &Element, lang: &str) -> Result<Self, JsValue> {
        let el = with_text(
            doc,
            "div",
            &[
                ("aria-live", "polite"),
                ("role", "status"),
                ("lang", lang),
                ("data-paygate", "live"),
            ],
            "",
        )?;
        let el = styled(el, VISUALLY_HIDDEN);
        parent.append_child(&el)?;
        Ok(LiveRegion { el })
    }

    /// Replaces the announced text.
    pub fn announce(&self, text: &str) {
        self.el.set_text_content(Some(text));
    }
}

impl Drop for LiveRegion {
    fn drop(&mut self) {
        self.el.remove();
    }
}
