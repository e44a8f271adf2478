//! The 3-D Secure flow that ties protocol, DOM and merchant backend together.
