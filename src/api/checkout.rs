//! `PaygateCheckout` and `collectBrowserInfo` for JavaScript.
