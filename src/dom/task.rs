//! Background tasks: `spawn_local` behind one non-generic body, so the wasm holds its spawning
//! code once rather than once per task type.

use std::future::Future;
use std::pin::Pin;

/// Runs `task` to its end in the background, on the browser's microtask queue.
pub fn spawn(task: impl Future<Output = ()> + 'static) {
    spawn_boxed(Box::pin(task));
}

fn spawn_boxed(task: Pin<Box<dyn Future<Output = ()>>>) {
    wasm_bindgen_futures::spawn_local(task);
}
