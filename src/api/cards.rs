//! `SavedCards` and `CardForm` for JavaScript.
