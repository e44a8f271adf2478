//! The 3-D Secure DOM pieces: method frame, challenge frame, form posts, message listening.
