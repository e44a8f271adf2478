//! The shared application state of the three origins (one process, separate stores).

use std::sync::Arc;

use crate::config::Config;

/// Everything the handlers of all three origins share. Each origin only touches its own store;
/// the Paygate↔ACS shortcut (`acs`) stands in for the directory server's AReq/RReq messages.
#[derive(Debug)]
pub struct App {
    /// Origins, credentials, knobs.
    pub cfg: Config,
    /// HTTP client for URLNotify, webhooks and backend→Paygate calls.
    pub http: reqwest::Client,
    /// The Paygate's customer vault.
    pub vault: crate::vault::Vault,
    /// The Paygate's transactions.
    pub paygate: crate::paygate::payments::PaygateState,
    /// The ACS's transactions.
    pub acs: crate::acs::AcsState,
    /// The merchant backend's sessions and payments.
    pub backend: crate::backend::state::BackendState,
    /// The temporary data directory (removed when the state goes), if no `--data-dir` was given.
    pub temp_dir: Option<tempfile::TempDir>,
}

/// Cheaply clonable handle to [`App`].
pub type Shared = Arc<App>;

impl App {
    /// Creates the state for a configuration.
    pub fn new(
        cfg: Config,
        backend: crate::backend::state::BackendState,
        temp_dir: Option<tempfile::TempDir>,
    ) -> App {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        App {
            cfg,
            http,
            vault: Default::default(),
            paygate: Default::default(),
            acs: Default::default(),
            backend,
            temp_dir,
        }
    }
}

/// Logs one line to stderr (never card data: callers pass masked values only).
pub fn log(origin: &str, msg: impl std::fmt::Display) {
    eprintln!("[{origin}] {msg}");
}

/// Locks a mutex, recovering from poisoning (a panicked holder must not take the server down).
pub fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
