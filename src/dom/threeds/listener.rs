//! The filter that decides which `message` events come from a Paygate frame of this checkout,
//! and the window listener built on it.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, MessageEvent};

use super::{is_our_window, Frames};
use crate::dom::listener::Listener;

// Their home is `dom::listener`; the 3-D Secure pieces and their tests reach them here too.
pub use crate::dom::listener::{live_listeners, live_timers, Timer};

/// Which `message` events are accepted: `event.origin` is a configured Paygate origin **and**
/// `event.source` is the window of a frame this checkout created.
#[derive(Clone, Debug)]
pub struct MessageFilter {
    /// Accepted origins, as browsers spell them (`https://host[:port]`).
    pub origins: Vec<String>,
    /// This checkout's frames.
    pub frames: Frames,
}

impl MessageFilter {
    /// Whether the event passes both checks.
    pub fn accepts(&self, event: &MessageEvent) -> bool {
        let origin = event.origin();
        if !self.origins.contains(&origin) {
            return false;
        }
        let source: JsValue = event.source().map(JsValue::from).unwrap_or(JsValue::NULL);
        is_our_window(&self.frames, &source)
    }
}

/// A `message` listener on the window that hands accepted events' `data` to `on_data`.
#[derive(Debug)]
pub struct MessageListener {
    _listener: Listener,
}

impl MessageListener {
    /// Listens on the window; everything `filter` refuses is ignored.
    pub fn new(
        filter: MessageFilter,
        mut on_data: impl FnMut(JsValue) + 'static,
    ) -> Result<Self, JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let listener = Listener::new(&window, "message", move |event: Event| {
            if let Ok(event) = event.dyn_into::<MessageEvent>() {
                if filter.accepts(&event) {
                    on_data(event.data());
                }
            }
        })?;
        Ok(MessageListener {
            _listener: listener,
        })
    }
}
