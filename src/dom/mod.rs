//! DOM pieces built on web-sys: frames, forms, message listening, rendering.
