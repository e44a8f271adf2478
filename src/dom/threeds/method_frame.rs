//! The hidden 3DS Method frame: a form POSTs `threeDSMethodData` to `threeDSMethodURL` in it.

use web_sys::{Document, HtmlFormElement, HtmlIFrameElement};

use super::posted_frame::PostedFrame;
use super::{dom_error, Frames};
use crate::dom::element::{create, styled, with_text};
use crate::error::PaygateError;
use crate::protocol::versioning::ThreeDsMethod;

const HIDDEN: &str =
    "position:absolute;width:0;height:0;border:0;overflow:hidden;left:-10000px;top:0";

/// The running method frame; dropping it removes the frame and its form from the page.
#[derive(Debug)]
pub struct MethodFrame {
    posted: PostedFrame,
}

impl MethodFrame {
    /// Checks the method URL against the URL policy (no frame is made when it fails), adds a
    /// hidden frame with a unique name (and `title`, in language `lang`) to the body and submits
    /// the form into it at once.
    pub fn start(
        doc: &Document,
        method: &ThreeDsMethod,
        frames: &Frames,
        lang: &str,
        title: &str,
    ) -> Result<Self, PaygateError> {
        let url = method.safe_url()?;
        let body = doc
            .body()
            .ok_or_else(|| dom_error(wasm_bindgen::JsValue::NULL))?;
        let wrapper = with_text(
            doc,
            "div",
            &[
                ("aria-hidden", "true"),
                ("data-paygate", "method"),
                ("lang", lang),
            ],
            "",
        )
        .map_err(dom_error)?;
        let wrapper = styled(wrapper, HIDDEN);
        let frame: HtmlIFrameElement = create(doc, "iframe").map_err(dom_error)?;
        frame.set_title(title);
        frame.set_tab_index(-1);
        frame.style().set_css_text("border:0;width:0;height:0");
        wrapper.append_child(&frame).map_err(dom_error)?;
        let fields = [("threeDSMethodData", method.data_form.as_str())];
        let posted = PostedFrame::post(doc, "method", &body, wrapper, frame, &url, &fields, frames)
            .map_err(dom_error)?;
        Ok(MethodFrame { posted })
    }

    /// The frame.
    pub fn frame(&self) -> &HtmlIFrameElement {
        self.posted.frame()
    }

    /// The form that was posted into the frame.
    pub fn form(&self) -> &HtmlFormElement {
        self.posted.form()
    }
}
