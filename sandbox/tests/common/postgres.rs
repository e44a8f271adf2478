//! A PostgreSQL server for the tests, from Debian's `postgresql` package: `initdb` in a
//! temporary directory and `postgres` on a free loopback port, both as the `postgres` user when
//! the tests run as root. A watchdog shell owns the server: when this process ends, however it
//! ends, its stdin closes and the shell stops the server and removes the directory. Without
//! PostgreSQL the tests fail and say what to install; they never skip.
#![allow(dead_code)]

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// What to install when PostgreSQL is missing.
const MISSING: &str = "PostgreSQL is not installed: the multi-instance tests need Debian's \
`postgresql` package (initdb, pg_ctl, postgres under /usr/lib/postgresql/*/bin). \
`bash scripts/provision.sh` installs it (apt-get install postgresql).";

/// The watchdog: starts the server, waits for a line on stdin (or its end), stops the server
/// (fast shutdown) and, unless the line was `keep`, removes the directory.
const WATCHDOG: &str = r#"
"$0/postgres" -D "$1/data" -p "$2" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
  -c max_connections=200 -c shared_buffers=16MB $3 >>"$1/log" 2>&1 &
pid=$!
read -r cmd
kill -INT "$pid" 2>/dev/null
wait "$pid"
[ "$cmd" = keep ] || rm -rf "$1"
"#;

/// A PostgreSQL server of the tests.
#[derive(Debug)]
pub struct PgServer {
    bin: PathBuf,
    root: PathBuf,
    /// Its loopback port.
    pub port: u16,
    durable: bool,
    watchdog: Option<(Child, ChildStdin)>,
}

/// The newest `/usr/lib/postgresql/<version>/bin` with `initdb`, or a loud failure.
fn bin_dir() -> PathBuf {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, b)| b)
        .unwrap_or_else(|| panic!("{MISSING}"))
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

/// `program args…`, as the `postgres` user when this process is root.
fn as_postgres(program: &Path, args: &[&str]) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program).args(args);
        c
    } else {
        let mut c = Command::new(program);
        c.args(args);
        c
    }
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    l.local_addr().expect("its address").port()
}

impl PgServer {
    /// A new server, initialised and running. `durable`: fsync as in production (the load
    /// benchmark); otherwise fsync is off, which only matters if the machine crashes.
    pub fn start(durable: bool) -> PgServer {
        let bin = bin_dir();
        let root = tempfile::Builder::new()
            .prefix("paygate-pg-")
            .tempdir()
            .expect("a temporary directory")
            .keep();
        if is_root() {
            let ok = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&root)
                .status()
                .is_ok_and(|s| s.success());
            assert!(
                ok,
                "chown of {} to the postgres user failed: {MISSING}",
                root.display()
            );
        }
        let data = root.join("data");
        let data = data.to_str().expect("a UTF-8 path");
        let out = as_postgres(
            &bin.join("initdb"),
            &[
                "-D",
                data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        )
        .output()
        .unwrap_or_else(|e| panic!("initdb could not run ({e}): {MISSING}"));
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut server = PgServer {
            bin,
            root,
            port: free_port(),
            durable,
            watchdog: None,
        };
        server.run();
        server
    }

    /// The server shared by the tests of one test binary (each test makes its own database).
    pub fn shared() -> &'static PgServer {
        static SHARED: OnceLock<PgServer> = OnceLock::new();
        SHARED.get_or_init(|| PgServer::start(false))
    }

    /// Starts the server process (again) and waits until it accepts connections.
    pub fn run(&mut self) {
        let settings = if self.durable {
            ""
        } else {
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        };
        let port = self.port.to_string();
        let (bin, root) = (
            self.bin.to_str().expect("UTF-8"),
            self.root.to_str().expect("UTF-8"),
        );
        let mut child = as_postgres(
            Path::new("sh"),
            &["-c", WATCHDOG, bin, root, &port, settings],
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("postgres could not start ({e}): {MISSING}"));
        let stdin = child.stdin.take().expect("the watchdog's stdin");
        self.watchdog = Some((child, stdin));
        self.wait_ready();
    }

    fn wait_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        let port = self.port.to_string();
        loop {
            let ready = Command::new(self.bin.join("pg_isready"))
                .args(["-h", "127.0.0.1", "-p", &port, "-U", "postgres", "-t", "1"])
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ready {
                return;
            }
            let log = std::fs::read_to_string(self.root.join("log")).unwrap_or_default();
            assert!(
                Instant::now() < deadline,
                "postgres did not start within 60 s: {log}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the server (fast shutdown) and keeps its data for [`PgServer::run`].
    pub fn stop(&mut self) {
        if let Some((mut child, mut stdin)) = self.watchdog.take() {
            let _ = writeln!(stdin, "keep");
            let _ = child.wait();
        }
    }

    /// The URL of database `db`.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    /// A new, empty database; answers its URL.
    pub async fn database(&self) -> String {
        let name = format!("t_{}", paygate_sandbox::ids::hex(12));
        let (client, connection) =
            tokio_postgres::connect(&self.url("postgres"), tokio_postgres::NoTls)
                .await
                .expect("the test server accepts connections");
        let conn = tokio::spawn(connection);
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .expect("CREATE DATABASE");
        drop(client);
        let _ = conn.await;
        self.url(&name)
    }
}

impl Drop for PgServer {
    fn drop(&mut self) {
        // Closing stdin makes the watchdog stop the server and remove the directory.
        if let Some((mut child, stdin)) = self.watchdog.take() {
            drop(stdin);
            let _ = child.wait();
        } else {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}
