//! Several processes of the sandbox binary: one Paygate (`--role paygate`) and backend
//! instances (`--role backend`) on one PostgreSQL database, each instance sending the Paygate to
//! another for URLNotify (`--public-url`), as a load balancer without sticky sessions would.
#![allow(dead_code)]

use std::process::Stdio;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use super::postgres::free_port;

/// Starts the binary with `args`; answers it with its first stdout line (the origins). Its
/// stderr is kept in the test's output when `PAYGATE_TEST_LOGS` is set.
pub async fn spawn(args: &[String]) -> (Child, Value) {
    let logs = std::env::var_os("PAYGATE_TEST_LOGS").is_some();
    let mut child = Command::new(env!("CARGO_BIN_EXE_paygate-sandbox"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(if logs {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .kill_on_drop(true)
        .spawn()
        .expect("binary starts");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines
        .next_line()
        .await
        .expect("stdout readable")
        .unwrap_or_else(|| panic!("the sandbox exited before its JSON line: {args:?}"));
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    (child, serde_json::from_str(&first).expect("JSON"))
}

/// One backend instance.
pub struct Instance {
    /// Its process (killed when dropped).
    pub child: Child,
    /// Its shop origin.
    pub shop: String,
    /// Its command line, to start it again.
    pub args: Vec<String>,
}

impl Instance {
    /// Starts (again) the instance of `args`.
    pub async fn start(args: Vec<String>) -> Instance {
        let (child, line) = spawn(&args).await;
        let shop = line["shop"].as_str().expect("shop origin").to_string();
        Instance { child, shop, args }
    }

    /// Kills the process at once (SIGKILL), as a crash would.
    pub async fn kill(&mut self) {
        self.child.kill().await.expect("killed");
    }
}

/// A Paygate process and two backend instances `a` and `b` on one database: the browser is
/// meant to talk to `a` (the Paygate's documents post to it), and the URLNotify of a payment
/// created at `a` goes to `b` (and `b`'s to `a`).
pub struct Cluster {
    /// The Paygate process.
    pub paygate_child: Child,
    /// The Paygate origin.
    pub paygate: String,
    /// The ACS origin.
    pub acs: String,
    /// The instance the browser uses.
    pub a: Instance,
    /// The instance that receives the URLNotify of `a`'s payments.
    pub b: Instance,
}

/// The command line of a backend instance on `port`.
pub fn backend_args(port: u16, paygate: &str, acs: &str, db: &str, public: &str) -> Vec<String> {
    [
        "--role",
        "backend",
        "--ports",
        &port.to_string(),
        "--paygate-url",
        paygate,
        "--acs-url",
        acs,
        "--database-url",
        db,
        "--public-url",
        public,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

impl Cluster {
    /// Starts the Paygate (method timeout 1 s) and two instances on the database `db`.
    pub async fn start(db: &str) -> Cluster {
        let (pa, pb) = (free_port(), free_port());
        let (a_origin, b_origin) = (
            format!("http://127.0.0.1:{pa}"),
            format!("http://127.0.0.1:{pb}"),
        );
        let pg_args: Vec<String> = [
            "--role",
            "paygate",
            "--ports",
            "0",
            "--shop-url",
            &a_origin,
            "--method-timeout-ms",
            "1000",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (paygate_child, line) = spawn(&pg_args).await;
        let origin = |k: &str| line[k].as_str().expect("origin").to_string();
        let (paygate, acs) = (origin("paygate"), origin("acs"));
        let a = Instance::start(backend_args(pa, &paygate, &acs, db, &b_origin)).await;
        let b = Instance::start(backend_args(pb, &paygate, &acs, db, &a_origin)).await;
        assert_eq!(
            (a.shop.as_str(), b.shop.as_str()),
            (a_origin.as_str(), b_origin.as_str())
        );
        Cluster {
            paygate_child,
            paygate,
            acs,
            a,
            b,
        }
    }
}

/// Completes a 3-D Secure 1.0 payment's password page (`next` of type `legacy`) with the test
/// password, as the challenge frame would; answers the Paygate's browser payment response.
pub async fn legacy_response(b: &super::Browser, next: &Value, acs: &str) -> Value {
    let text = |k: &str| next[k].as_str().expect("legacy field").to_string();
    let fields = [
        ("PaReq".to_string(), text("paReq")),
        ("TermUrl".to_string(), text("termURL")),
        ("MD".to_string(), text("md")),
        ("password".to_string(), "1234".to_string()),
    ];
    let doc = b.form(&format!("{acs}/3ds1/submit"), &fields).await;
    let answer = b.follow(&doc).await;
    paygate_sandbox::html::extract_post_message(&answer).expect("payment response document")
}

/// A long poll of `wait` seconds made beside the browser `b` (same session), as a task.
pub fn long_poll(
    b: &super::Browser,
    pay_id: &str,
    wait: u32,
) -> tokio::task::JoinHandle<(u16, Value)> {
    let mut twin = super::Browser::at(&b.shop);
    twin.cookie = b.cookie.clone();
    let path = format!("/paygate/payments/{pay_id}?wait={wait}");
    tokio::spawn(async move { twin.get(&path).await })
}
