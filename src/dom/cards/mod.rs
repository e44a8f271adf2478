//! The saved-card selector and the card form.
