//! Starts the origins of a role on loopback and hands back their URLs.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;

use crate::backend::state::{BackendState, Database, Lifetimes};
use crate::config::{credentials_from_env, Config};
use crate::paygate::encoding::{EncodingSwitch, MessageEncoding};
use crate::state::{App, Shared};

/// Which origins a process serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// Shop + merchant backend, Paygate and ACS in one process.
    All,
    /// Shop + merchant backend only, talking to a Paygate and ACS elsewhere.
    Backend {
        /// The Paygate's origin.
        paygate: String,
        /// The ACS's origin (for `/config.json` and the PayPage CSP).
        acs: String,
    },
    /// Paygate + ACS only.
    Paygate {
        /// The shop's origin (the Paygate documents post their messages to it).
        shop: String,
    },
}

/// Start-up options (the CLI).
#[derive(Debug, Clone)]
pub struct Options {
    /// Which origins to serve.
    pub role: Role,
    /// Ports of shop, Paygate, ACS (only those of the role are used); 0 picks a free port.
    pub ports: [u16; 3],
    /// Static files for `/`.
    pub www: PathBuf,
    /// Static files for `/pkg/`.
    pub pkg: PathBuf,
    /// Serve `www`'s pages without the demo shop's headers (`--plain-www`).
    pub plain_www: bool,
    /// Paygate method timeout.
    pub method_timeout: Duration,
    /// Paygate challenge timeout (then the 3-D Secure timeout `22000003`).
    pub challenge_timeout: Duration,
    /// Directory of the backend's SQLite file; `None` = a fresh temporary directory.
    pub data_dir: Option<PathBuf>,
    /// `--database-url postgres://…`: the backend's records in PostgreSQL, shared with other
    /// instances, instead of SQLite under `data_dir`.
    pub database_url: Option<String>,
    /// `--public-url`: the shop origin as the Paygate reaches it (a load balancer), where
    /// URLNotify goes; `None` = this instance's own origin.
    pub public_url: Option<String>,
    /// How long sessions, payments and idempotency answers live.
    pub lifetimes: Lifetimes,
    /// How the Paygate's browser documents post their message.
    pub message_encoding: MessageEncoding,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            role: Role::All,
            ports: [8080, 8081, 8082],
            www: "www".into(),
            pkg: "pkg".into(),
            plain_www: false,
            method_timeout: Duration::from_millis(10_000),
            challenge_timeout: Duration::from_secs(600),
            data_dir: None,
            database_url: None,
            public_url: None,
            message_encoding: MessageEncoding::Json,
            lifetimes: Lifetimes {
                session: Duration::from_secs(1800),
                payment: Duration::from_secs(3600),
            },
        }
    }
}

/// A running sandbox.
#[derive(Debug, Clone)]
pub struct Running {
    /// Shared state (origins in `app.cfg`).
    pub app: Shared,
    /// The role it runs.
    pub role: Role,
}

impl Running {
    /// The pinned first stdout line: `{"shop":…,"paygate":…,"acs":…}` (the origins this
    /// process serves: all three for `all`, `shop` for `backend`, `paygate` and `acs` for `paygate`).
    pub fn json_line(&self) -> String {
        let c = &self.app.cfg;
        let mut fields = Vec::new();
        if !matches!(self.role, Role::Paygate { .. }) {
            fields.push(("shop", &c.shop));
        }
        if !matches!(self.role, Role::Backend { .. }) {
            fields.extend([("paygate", &c.paygate), ("acs", &c.acs)]);
        }
        let q = |s: &str| serde_json::Value::String(s.to_string()).to_string();
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{}:{}", q(k), q(v)))
            .collect();
        format!("{{{}}}", body.join(","))
    }
}

fn shop_router(app: Shared) -> Router {
    crate::backend::router(app.clone()).merge(
        Router::new()
            .route("/config.json", get(crate::shop::config))
            .route("/__sandbox/faults", post(crate::backend::faults::arm))
            .fallback(crate::shop::static_files)
            .with_state(app),
    )
}

async fn bind(port: u16) -> std::io::Result<(TcpListener, String)> {
    let l = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    let origin = format!("http://127.0.0.1:{}", l.local_addr()?.port());
    Ok((l, origin))
}

fn data_dir(opts: &Options) -> std::io::Result<(PathBuf, Option<tempfile::TempDir>)> {
    match &opts.data_dir {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            Ok((d.clone(), None))
        }
        None => {
            let t = tempfile::Builder::new()
                .prefix("paygate-sandbox-")
                .tempdir()?;
            Ok((t.path().to_path_buf(), Some(t)))
        }
    }
}

/// A bound listener and its origin.
type Bound = (TcpListener, String);

/// The listeners of a role (`None` for an origin served elsewhere).
struct Listeners {
    shop: Option<Bound>,
    paygate: Option<Bound>,
    acs: Option<Bound>,
}

impl Listeners {
    /// Binds the ports of the origins `role` serves.
    async fn bind(role: &Role, ports: [u16; 3]) -> std::io::Result<Listeners> {
        let serves_backend = !matches!(role, Role::Paygate { .. });
        let serves_paygate = !matches!(role, Role::Backend { .. });
        let maybe = |serves: bool, port: u16| async move {
            if serves {
                bind(port).await.map(Some)
            } else {
                Ok(None)
            }
        };
        Ok(Listeners {
            shop: maybe(serves_backend, ports[0]).await?,
            paygate: maybe(serves_paygate, ports[1]).await?,
            acs: maybe(serves_paygate, ports[2]).await?,
        })
    }
}

/// The configuration: the origins (bound here, or given for the other role), the credentials
/// from the environment and the options.
fn config(opts: &Options, l: &Listeners) -> Config {
    let origin = |b: &Option<Bound>, other: Option<&String>| {
        b.as_ref()
            .map(|(_, o)| o.clone())
            .or(other.cloned())
            .unwrap_or_default()
            .trim_end_matches('/')
            .to_string()
    };
    let (shop_other, pg_other, acs_other) = match &opts.role {
        Role::All => (None, None, None),
        Role::Backend { paygate, acs } => (None, Some(paygate), Some(acs)),
        Role::Paygate { shop } => (Some(shop), None, None),
    };
    let (merchant_id, blowfish_key, hmac_key) = credentials_from_env();
    let shop = origin(&l.shop, shop_other);
    Config {
        public_shop: opts
            .public_url
            .as_deref()
            .map_or_else(|| shop.clone(), |u| u.trim_end_matches('/').to_string()),
        shop,
        paygate: origin(&l.paygate, pg_other),
        acs: origin(&l.acs, acs_other),
        merchant_id,
        blowfish_key,
        hmac_key,
        method_timeout: opts.method_timeout,
        challenge_timeout: opts.challenge_timeout,
        www: opts.www.clone(),
        pkg: opts.pkg.clone(),
        plain_www: opts.plain_www,
        message_encoding: EncodingSwitch::new(opts.message_encoding),
    }
}

/// The backend's state: its PostgreSQL database with `--database-url`, else its SQLite store in
/// the data directory when it serves the backend (with the temporary directory to keep while it
/// runs), else an unused one in memory.
async fn backend_state(
    opts: &Options,
    serves_backend: bool,
) -> std::io::Result<(BackendState, Option<tempfile::TempDir>)> {
    let (db, dir) = match (&opts.database_url, serves_backend) {
        (_, false) => (Database::Memory, None),
        (Some(url), true) => (Database::Postgres(url.clone()), None),
        (None, true) => {
            let (dir, temp) = data_dir(opts)?;
            (Database::Sqlite(dir.join("backend.sqlite3")), temp)
        }
    };
    let state = BackendState::open(db, opts.lifetimes)
        .await
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok((state, dir))
}

/// The routers of the bound origins, with their background sweeps started.
fn routers(app: &Shared, l: Listeners, ttl: Duration) -> Vec<(TcpListener, Router)> {
    let easycredit = crate::easycredit::EasyCredit::new(app.clone());
    let mut servers = Vec::new();
    if let Some((listener, _)) = l.shop {
        let router =
            shop_router(app.clone()).merge(crate::easycredit::shop_router(easycredit.clone()));
        servers.push((listener, router));
        crate::backend::spawn_sweep(app);
    }
    if let (Some((pl, _)), Some((al, _))) = (l.paygate, l.acs) {
        let router = crate::paygate::router(app.clone())
            .merge(crate::easycredit::paygate_router(easycredit));
        servers.push((pl, router));
        servers.push((al, crate::acs::router(app.clone())));
        crate::paygate::spawn_sweep(app, ttl);
    }
    servers
}

/// Binds the listeners of the role, builds the state and serves in background tasks.
pub async fn start(opts: Options) -> std::io::Result<Running> {
    let listeners = Listeners::bind(&opts.role, opts.ports).await?;
    let cfg = config(&opts, &listeners);
    let (backend, dir) = backend_state(&opts, listeners.shop.is_some()).await?;
    let app: Shared = Arc::new(App::new(cfg, backend, dir));
    for (listener, router) in routers(&app, listeners, opts.lifetimes.payment) {
        let svc = router.into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, svc).await {
                eprintln!("server error: {e}");
            }
        });
    }
    Ok(Running {
        app,
        role: opts.role,
    })
}
