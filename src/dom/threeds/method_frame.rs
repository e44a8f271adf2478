//! The hidden 3DS Method frame: a form POSTs `threeDSMethodData` to `threeDSMethodURL` in it.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlFormElement, HtmlIFrameElement};

use super::{dom_error, forget, frame_name, post_form, Frames};
use crate::dom::element::{create, with_text};
use crate::error::PaygateError;
use crate::protocol::versioning::ThreeDsMethod;

const HIDDEN: &str = "position:absolute;width:0;height:0;border:0;overflow:hidden;left:-10000px;top:0";

/// The running method frame; dropping it removes the frame and its form from the page.
pub struct MethodFrame {
    wrapper: Element,
    frame: HtmlIFrameElement,
    form: HtmlFormElement,
    frames: Frames,
}

impl MethodFrame {
    /// Checks the method URL against the URL policy (no frame is made when it fails), adds a
    /// hidden frame with a unique name to the body and submits the form into it at once.
    pub fn start(doc: &Document, method: &ThreeDsMethod, frames: &Frames, title: &str) -> Result<Self, PaygateError> {
        let url = method.safe_url()?;
        let body = doc.body().ok_or_else(|| dom_error(wasm_bindgen::JsValue::NULL))?;
        let name = frame_name("method");
        let wrapper = with_text(doc, "div", &[("aria-hidden", "true"), ("data-paygate", "method")], "")
            .map_err(dom_error)?;
        // CSSOM, not style attributes: allowed under a strict `style-src` CSP.
        wrapper.unchecked_ref::<web_sys::HtmlElement>().style().set_css_text(HIDDEN);
        let frame: HtmlIFrameElement = create(doc, "iframe").map_err(dom_error)?;
        frame.set_name(&name);
        frame.set_title(title);
        frame.set_tab_index(-1);
        frame.style().set_css_text("border:0;width:0;height:0");
        let form = post_form::build(doc, &url, &name, &[("threeDSMethodData", &method.data_form)]).map_err(dom_error)?;
        wrapper.append_child(&frame).map_err(dom_error)?;
        wrapper.append_child(&form).map_err(dom_error)?;
        body.append_child(&wrapper).map_err(dom_error)?;
        frames.borrow_mut().push(frame.clone());
        let started = MethodFrame { wrapper, frame, form, frames: frames.clone() };
        started.form.submit().map_err(dom_error)?;
        Ok(started)
    }

    /// The frame.
    pub fn frame(&self) -> &HtmlIFrameElement {
        &self.frame
    }

    /// The form that was posted into the frame.
    pub fn form(&self) -> &HtmlFormElement {
        &self.form
    }
}

impl Drop for MethodFrame {
    fn drop(&mut self) {
        forget(&self.frames, &self.frame);
        self.wrapper.remove();
    }
}
