//! A frame with a form posted into it, the part the method frame and the challenge frame share.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, HtmlElement, HtmlFormElement, HtmlIFrameElement};

use super::{forget, frame_name, post_form, Frames};
use crate::protocol::url_policy::SafeUrl;

/// The posted frame; dropping it forgets the frame and removes its wrapper from the page.
#[derive(Debug)]
pub struct PostedFrame {
    wrapper: HtmlElement,
    frame: HtmlIFrameElement,
    form: HtmlFormElement,
    frames: Frames,
}

impl PostedFrame {
    /// Names `frame` uniquely (`paygate-<kind>-…`), adds a `POST` form of `fields` for `action`
    /// to `wrapper` (which holds the frame already), appends `wrapper` to `parent`, registers the
    /// frame in `frames` and submits the form into it. A failed step leaves nothing behind.
    #[allow(clippy::too_many_arguments)]
    pub fn post(
        doc: &Document,
        kind: &str,
        parent: &Element,
        wrapper: HtmlElement,
        frame: HtmlIFrameElement,
        action: &SafeUrl,
        fields: &[(&str, &str)],
        frames: &Frames,
    ) -> Result<Self, JsValue> {
        let name = frame_name(kind);
        frame.set_name(&name);
        let form = post_form::build(doc, action, &name, fields)?;
        wrapper.append_child(&form)?;
        parent.append_child(&wrapper)?;
        frames.borrow_mut().push(frame.clone());
        let posted = PostedFrame {
            wrapper,
            frame,
            form,
            frames: frames.clone(),
        };
        posted.form.submit()?;
        Ok(posted)
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

impl Drop for PostedFrame {
    fn drop(&mut self) {
        forget(&self.frames, &self.frame);
        self.wrapper.remove();
    }
}
