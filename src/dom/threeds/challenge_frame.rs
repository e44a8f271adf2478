//! The visible challenge frame, sized by the EMV window size code: 01–04 in CSS pixels inside
//! the container, 05 as a fixed overlay filling the viewport. With `auto` the largest size that
//! fits is picked again on resize and rotation. The same frame carries the 3-D Secure 1.0 page.
//!
//! The frame sits in a `<dialog>` named for the customer ("Verification with your bank"): shown
//! in place (`show()`) at 01–04, where focus moves into the frame once the issuer's page has
//! loaded, and as a modal dialog (`showModal()`) at 05, where the page behind is inert and focus
//! stays inside until the dialog goes. Escape does not close it: the issuer's page has its own
//! cancel, and a stray key must not end a verification.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use web_sys::{
    Document, Element, HtmlDialogElement, HtmlElement, HtmlFormElement, HtmlIFrameElement,
};

use super::posted_frame::PostedFrame;
use super::{dom_error, Frames};
use crate::dom::element::{create, styled, with_text};
use crate::dom::listener::Listener;
use crate::error::PaygateError;
use crate::protocol::decimal::push_decimal;
use crate::protocol::url_policy::SafeUrl;
use crate::protocol::window_size::{ChallengeWindowSize, WindowSizePreference};

const FRAME_STYLE: &str =
    "border:0;margin:0;padding:0;display:block;width:100%;height:100%;overflow:hidden";
const LOADING_STYLE: &str = "position:absolute;top:0;left:0;right:0;bottom:0;display:flex;align-items:center;justify-content:center;text-align:center;background:#fff;color:#222";
const OVERLAY_STYLE: &str = "position:fixed;inset:0;width:100%;height:100%;max-width:none;max-height:none;margin:0;padding:0;border:0;z-index:2147483000;background:#fff;color:#222;box-sizing:border-box;overflow:hidden";

/// Visible texts of the frame.
#[derive(Debug)]
pub struct FrameTexts<'a> {
    /// The language of the texts, the dialog's `lang`.
    pub lang: &'a str,
    /// The dialog's accessible name.
    pub dialog: &'a str,
    /// The frame's `title`, read by screen readers.
    pub title: &'a str,
    /// Shown until the issuer's page has loaded.
    pub loading: &'a str,
}

/// Space for the frame: `min(container width, viewport width)` × viewport height.
pub fn space(container: &Element) -> (f64, f64) {
    let window = web_sys::window();
    let inner = |v: Option<Result<JsValue, JsValue>>| {
        v.and_then(Result::ok)
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    let (iw, ih) = (
        inner(window.as_ref().map(|w| w.inner_width())),
        inner(window.as_ref().map(|w| w.inner_height())),
    );
    let root = window
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    let (cw, ch) = root.map_or((0.0, 0.0), |r| {
        (f64::from(r.client_width()), f64::from(r.client_height()))
    });
    let vw = if cw > 0.0 { cw } else { iw };
    let vh = if ch > 0.0 { ch } else { ih };
    let container_width = f64::from(container.client_width());
    let width = if container_width > 0.0 {
        container_width.min(vw)
    } else {
        vw
    };
    (width, vh)
}

/// The wrapper's inline style for a size. A fixed size wider than the container is narrowed to
/// it (the page never scrolls sideways for the frame); its height stays.
pub fn wrapper_style(size: ChallengeWindowSize) -> String {
    match size.dimensions() {
        None => OVERLAY_STYLE.to_owned(),
        Some((w, h)) => {
            let mut s = String::from("position:relative;display:block;inset:auto;margin:0;padding:0;border:0;background:transparent;color:inherit;box-sizing:border-box;overflow:hidden;max-width:100%;max-height:none;width:");
            push_decimal(&mut s, w.into(), 0);
            s.push_str("px;height:");
            push_decimal(&mut s, h.into(), 0);
            s.push_str("px");
            s
        }
    }
}

/// The wrapper (a named `<dialog>`, `data-paygate=challenge`, busy), the frame and the loading
/// state in it.
fn markup(
    doc: &Document,
    texts: &FrameTexts,
) -> Result<(HtmlDialogElement, HtmlIFrameElement, HtmlElement), JsValue> {
    let wrapper: HtmlDialogElement = create(doc, "dialog")?;
    wrapper.set_attribute("data-paygate", "challenge")?;
    wrapper.set_attribute("lang", texts.lang)?;
    wrapper.set_attribute("aria-label", texts.dialog)?;
    wrapper.set_attribute("aria-busy", "true")?;
    let frame: HtmlIFrameElement = create(doc, "iframe")?;
    frame.set_title(texts.title);
    frame.set_attribute("allow", "payment *; publickey-credentials-get *")?;
    // CSSOM, not style attributes: allowed under a strict `style-src` CSP.
    frame.style().set_css_text(FRAME_STYLE);
    frame.set_attribute("frameborder", "0")?;
    let loading = with_text(doc, "div", &[("data-paygate", "loading")], texts.loading)?;
    let loading = styled(loading, LOADING_STYLE);
    wrapper.append_child(&frame)?;
    wrapper.append_child(&loading)?;
    Ok((wrapper, frame, loading))
}

struct Inner {
    wrapper: HtmlDialogElement,
    frame: HtmlIFrameElement,
    loading: RefCell<Option<HtmlElement>>,
    container: Element,
    size: Cell<ChallengeWindowSize>,
    /// Whether the dialog is shown with `showModal()` (05) rather than `show()`.
    modal: Cell<bool>,
}

impl Inner {
    fn apply(&self, size: ChallengeWindowSize) {
        self.size.set(size);
        self.wrapper.style().set_css_text(&wrapper_style(size));
        let _ = self.wrapper.set_attribute("data-size", size.code());
        if self.wrapper.is_connected() {
            self.show();
        }
    }

    /// Whether the size is shown as a modal dialog (05).
    fn modal_size(&self) -> bool {
        self.size.get() == ChallengeWindowSize::FullScreen
    }

    /// Shows the dialog the way its size asks for: modal at 05, in place otherwise.
    fn show(&self) {
        let modal = self.modal_size();
        if self.wrapper.open() && self.modal.get() == modal {
            return;
        }
        if self.wrapper.open() {
            self.wrapper.close();
        }
        self.modal.set(modal);
        if modal {
            let _ = self.wrapper.show_modal();
        } else {
            self.wrapper.show();
        }
    }

    /// Moves focus into the frame unless it is there already.
    fn focus_frame(&self) {
        let doc = self.frame.owner_document();
        let active = doc.and_then(|d| d.active_element());
        if active.as_ref() != Some(self.frame.unchecked_ref::<Element>()) {
            let _ = self.frame.focus();
        }
    }
}

/// The open challenge frame; dropping it removes frame, form, loading state and listeners.
pub struct ChallengeFrame {
    inner: Rc<Inner>,
    posted: PostedFrame,
    _listeners: Vec<Listener>,
}

impl ChallengeFrame {
    /// Opens the frame in `container` and POSTs `fields` to `action` into it. The URL was
    /// checked by the policy when `action` was made; nothing is added when a DOM step fails.
    #[allow(clippy::too_many_arguments)]
    pub fn open(
        doc: &Document,
        container: &Element,
        pref: WindowSizePreference,
        creq_size: Option<ChallengeWindowSize>,
        action: &SafeUrl,
        fields: &[(&str, &str)],
        texts: &FrameTexts,
        frames: &Frames,
    ) -> Result<Self, PaygateError> {
        let (wrapper, frame, loading) = markup(doc, texts).map_err(dom_error)?;
        let inner = Rc::new(Inner {
            wrapper: wrapper.clone(),
            frame: frame.clone(),
            loading: RefCell::new(Some(loading)),
            container: container.clone(),
            size: Cell::new(ChallengeWindowSize::W390xH400),
            modal: Cell::new(false),
        });
        inner.apply(pref.resolve_for(creq_size, || space(container)));
        let modal = inner.modal_size();
        if !modal {
            // Shown before it is in the page: `show()` then moves no focus and forces no layout
            // (focus moves into the frame once the issuer's page has loaded).
            inner.show();
        }
        let posted = PostedFrame::post(
            doc,
            "challenge",
            container,
            wrapper.unchecked_into(),
            frame,
            action,
            fields,
            frames,
        )
        .map_err(dom_error)?;
        if modal {
            // `showModal()` needs the dialog in the page.
            inner.show();
        }
        let mut opened = ChallengeFrame {
            inner,
            posted,
            _listeners: Vec::new(),
        };
        // Listening starts after the submit, so the initial about:blank load does not count.
        opened.listen(pref).map_err(dom_error)?;
        Ok(opened)
    }

    /// Removes the loading state and moves focus into the frame once the issuer's page has
    /// loaded; keeps the dialog open on Escape; with `auto`, re-picks the size on resize and
    /// rotation.
    fn listen(&mut self, pref: WindowSizePreference) -> Result<(), JsValue> {
        let inner = self.inner.clone();
        let on_load = Listener::new(self.posted.frame(), "load", move |_| {
            if let Some(el) = inner.loading.borrow_mut().take() {
                el.remove();
                let _ = inner.wrapper.remove_attribute("aria-busy");
                inner.focus_frame();
            }
        })?;
        self._listeners.push(on_load);
        self._listeners
            .push(Listener::new(&self.inner.wrapper, "cancel", |e| {
                e.prevent_default()
            })?);
        let inner = self.inner.clone();
        // Closed all the same (a browser may close a modal dialog on a second Escape): open again.
        self._listeners
            .push(Listener::new(&self.inner.wrapper, "close", move |_| {
                if inner.wrapper.is_connected() && !inner.wrapper.open() {
                    inner.show();
                }
            })?);
        if pref == WindowSizePreference::Auto {
            let window = web_sys::window().ok_or(JsValue::NULL)?;
            for kind in ["resize", "orientationchange"] {
                let inner = self.inner.clone();
                let l = Listener::new(&window, kind, move |_| {
                    let size = pref.resolve(|| space(&inner.container));
                    if size != inner.size.get() {
                        inner.apply(size);
                    }
                })?;
                self._listeners.push(l);
            }
        }
        Ok(())
    }

    /// The size the frame has now.
    pub fn size(&self) -> ChallengeWindowSize {
        self.inner.size.get()
    }

    /// The frame.
    pub fn frame(&self) -> &HtmlIFrameElement {
        self.posted.frame()
    }

    /// The form posted into the frame.
    pub fn form(&self) -> &HtmlFormElement {
        self.posted.form()
    }

    /// The `<dialog>` that holds frame, loading state and form (the overlay for 05).
    pub fn wrapper(&self) -> &HtmlDialogElement {
        &self.inner.wrapper
    }

    /// Whether the loading state is still shown.
    pub fn is_loading(&self) -> bool {
        self.inner.loading.borrow().is_some()
    }
}

impl std::fmt::Debug for ChallengeFrame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChallengeFrame").finish_non_exhaustive()
    }
}
