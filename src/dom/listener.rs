//! Event listeners and timers that remove themselves when dropped, shared by the checkout and
//! the card components.

use std::cell::Cell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, EventTarget};

thread_local! {
    static LIVE_LISTENERS: Cell<u32> = const { Cell::new(0) };
    static LIVE_TIMERS: Cell<u32> = const { Cell::new(0) };
}

fn bump(cell: &'static std::thread::LocalKey<Cell<u32>>, up: bool) {
    cell.with(|c| {
        c.set(if up {
            c.get() + 1
        } else {
            c.get().saturating_sub(1)
        })
    });
}

/// How many [`Listener`]s are attached right now (for leak tests).
pub fn live_listeners() -> u32 {
    LIVE_LISTENERS.with(Cell::get)
}

/// How many [`Timer`]s are pending right now (for leak tests).
pub fn live_timers() -> u32 {
    LIVE_TIMERS.with(Cell::get)
}

/// An event listener that is removed when this value is dropped.
#[derive(Debug)]
#[must_use = "the listener is removed as soon as this value is dropped"]
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Adds `handler` for `kind` events on `target`.
    pub fn new(
        target: &EventTarget,
        kind: &'static str,
        handler: impl FnMut(Event) + 'static,
    ) -> Result<Self, JsValue> {
        Self::boxed(target, kind, Box::new(handler))
    }

    /// [`Listener::new`] without a copy of it for every handler type.
    fn boxed(
        target: &EventTarget,
        kind: &'static str,
        handler: Box<dyn FnMut(Event)>,
    ) -> Result<Self, JsValue> {
        let closure = Closure::wrap(handler);
        target.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref())?;
        bump(&LIVE_LISTENERS, true);
        Ok(Listener {
            target: target.clone(),
            kind,
            closure,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
        bump(&LIVE_LISTENERS, false);
    }
}

/// A `setTimeout` that is cleared when this value is dropped.
#[derive(Debug)]
#[must_use = "the timer is cleared as soon as this value is dropped"]
pub struct Timer {
    id: i32,
    _closure: Closure<dyn FnMut()>,
}

impl Timer {
    /// Calls `f` once after `ms` milliseconds, unless dropped before.
    pub fn new(ms: u32, f: impl FnOnce() + 'static) -> Result<Self, JsValue> {
        Self::boxed(ms, Box::new(f))
    }

    /// [`Timer::new`] without a copy of it for every callback type.
    fn boxed(ms: u32, f: Box<dyn FnOnce()>) -> Result<Self, JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let closure = Closure::once(f);
        let id = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            closure.as_ref().unchecked_ref(),
            ms.min(i32::MAX as u32) as i32,
        )?;
        bump(&LIVE_TIMERS, true);
        Ok(Timer {
            id,
            _closure: closure,
        })
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.id);
        }
        bump(&LIVE_TIMERS, false);
    }
}
