//! Starts the three origins on loopback and hands back their URLs.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;

use crate::config::{credentials_from_env, Config};
use crate::state::{App, Shared};

/// Start-up options (the CLI).
#[derive(Debug, Clone)]
pub struct Options {
    /// Ports of shop, Paygate, ACS; 0 picks a free port.
    pub ports: [u16; 3],
    /// Static files for `/`.
    pub www: PathBuf,
    /// Static files for `/pkg/`.
    pub pkg: PathBuf,
    /// Paygate method timeout.
    pub method_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options { ports: [8080, 8081, 8082], www: "www".into(), pkg: "pkg".into(), method_timeout: Duration::from_millis(10_000) }
    }
}

/// A running sandbox.
#[derive(Debug, Clone)]
pub struct Running {
    /// Shared state (origins in `app.cfg`).
    pub app: Shared,
}

impl Running {
    /// The pinned first stdout line: `{"shop":…,"paygate":…,"acs":…}`.
    pub fn json_line(&self) -> String {
        let q = |s: &str| serde_json::Value::String(s.to_string()).to_string();
        let c = &self.app.cfg;
        format!("{{\"shop\":{},\"paygate\":{},\"acs\":{}}}", q(&c.shop), q(&c.paygate), q(&c.acs))
    }
}

fn shop_router(app: Shared) -> Router {
    crate::backend::router(app.clone()).merge(
        Router::new()
            .route("/config.json", get(crate::shop::config))
            .fallback(crate::shop::static_files)
            .with_state(app),
    )
}

/// Binds the three listeners, builds the state and serves in background tasks.
pub async fn start(opts: Options) -> std::io::Result<Running> {
    let bind = |p: u16| TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], p)));
    let (shop, paygate, acs) = (bind(opts.ports[0]).await?, bind(opts.ports[1]).await?, bind(opts.ports[2]).await?);
    let origin = |l: &TcpListener| l.local_addr().map(|a| format!("http://127.0.0.1:{}", a.port()));
    let (merchant_id, blowfish_key, hmac_key) = credentials_from_env();
    let cfg = Config {
        shop: origin(&shop)?,
        paygate: origin(&paygate)?,
        acs: origin(&acs)?,
        merchant_id,
        blowfish_key,
        hmac_key,
        method_timeout: opts.method_timeout,
        www: opts.www,
        pkg: opts.pkg,
    };
    let app: Shared = Arc::new(App::new(cfg));
    let easycredit = crate::easycredit::EasyCredit::new(app.clone());
    for (listener, router) in [
        (shop, shop_router(app.clone()).merge(crate::easycredit::shop_router(easycredit.clone()))),
        (paygate, crate::paygate::router(app.clone()).merge(crate::easycredit::paygate_router(easycredit))),
        (acs, crate::acs::router(app.clone())),
    ] {
        let svc = router.into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, svc).await {
                eprintln!("server error: {e}");
            }
        });
    }
    Ok(Running { app })
}
