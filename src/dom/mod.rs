//! DOM pieces built on web-sys: frames, forms, message listening, rendering.

#[cfg(feature = "cards")]
pub mod backend;
#[cfg(feature = "cards")]
pub mod cards;
pub mod clock;
pub mod element;
pub mod js;
pub mod listener;
pub mod task;
pub mod threeds;
