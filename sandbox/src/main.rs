//! `paygate-sandbox [--role all|backend|paygate] [--ports …] [--data-dir DIR] [--database-url URL] [--message-encoding json|base64] …` (see README).
#![warn(clippy::too_many_lines)]

use std::io::Write;
use std::time::Duration;

use paygate_sandbox::paygate::encoding::MessageEncoding;
use paygate_sandbox::server::{start, Options, Role};

const USAGE: &str = "usage: paygate-sandbox [--role all|backend|paygate] [--ports 0 | --ports SHOP,PAYGATE,ACS | --ports PORT (backend) | --ports PAYGATE,ACS (paygate)]
       [--paygate-url URL --acs-url URL (backend)] [--shop-url URL (paygate)] [--data-dir DIR]
       [--database-url postgres://… (backend, all)] [--public-url URL (backend, all)]
       [--www DIR] [--plain-www] [--pkg DIR] [--method-timeout-ms N] [--challenge-timeout-ms N] [--session-ttl-s N] [--payment-ttl-s N]
       [--message-encoding json|base64]";

fn usage() -> ! {
    eprintln!("{USAGE}");
    std::process::exit(2)
}

fn num(v: String) -> u64 {
    v.parse().unwrap_or_else(|_| usage())
}

/// `--role`, `--ports` and the other role's URLs, checked together by [`role_and_ports`].
struct RoleArgs {
    role: String,
    ports: Vec<u16>,
    paygate: Option<String>,
    acs: Option<String>,
    shop: Option<String>,
}

/// The role and the ports it binds (`defaults` for those not given; 0 picks a free port).
fn role_and_ports(r: RoleArgs, defaults: [u16; 3]) -> (Role, [u16; 3]) {
    let [s, p, c] = defaults;
    match (r.role.as_str(), r.ports.as_slice()) {
        ("all", []) => (Role::All, [s, p, c]),
        ("all", [0]) => (Role::All, [0, 0, 0]),
        ("all", [a, b, c]) => (Role::All, [*a, *b, *c]),
        ("backend", [] | [_]) => {
            let (Some(paygate), Some(acs)) = (r.paygate, r.acs) else {
                usage()
            };
            (
                Role::Backend { paygate, acs },
                [r.ports.first().copied().unwrap_or(s), 0, 0],
            )
        }
        ("paygate", [] | [0] | [_, _]) => {
            let Some(shop) = r.shop else { usage() };
            let (pp, cp) = match r.ports.as_slice() {
                [a, b] => (*a, *b),
                [_] => (0, 0),
                _ => (p, c),
            };
            (Role::Paygate { shop }, [0, pp, cp])
        }
        _ => usage(),
    }
}

/// The options of the command line; exits with the usage on anything else.
fn parse_args() -> Options {
    let mut o = Options::default();
    let mut r = RoleArgs {
        role: "all".to_string(),
        ports: Vec::new(),
        paygate: None,
        acs: None,
        shop: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--role" => r.role = val(),
            "--ports" => {
                r.ports = val()
                    .split(',')
                    .map(|p| p.trim().parse::<u16>().unwrap_or_else(|_| usage()))
                    .collect()
            }
            "--paygate-url" => r.paygate = Some(val()),
            "--acs-url" => r.acs = Some(val()),
            "--shop-url" => r.shop = Some(val()),
            "--data-dir" => o.data_dir = Some(val().into()),
            "--database-url" => o.database_url = Some(val()),
            "--public-url" => o.public_url = Some(val()),
            "--www" => o.www = val().into(),
            "--plain-www" => o.plain_www = true,
            "--pkg" => o.pkg = val().into(),
            "--method-timeout-ms" => o.method_timeout = Duration::from_millis(num(val())),
            "--challenge-timeout-ms" => o.challenge_timeout = Duration::from_millis(num(val())),
            "--session-ttl-s" => o.lifetimes.session = Duration::from_secs(num(val()).max(1)),
            "--payment-ttl-s" => o.lifetimes.payment = Duration::from_secs(num(val()).max(1)),
            "--message-encoding" => {
                o.message_encoding = MessageEncoding::parse(&val()).unwrap_or_else(|| usage())
            }
            _ => usage(),
        }
    }
    (o.role, o.ports) = role_and_ports(r, o.ports);
    o
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let opts = parse_args();
    let running = match start(opts).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("paygate-sandbox: cannot start: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", running.json_line());
    if !matches!(running.role, Role::Paygate { .. }) {
        let _ = writeln!(out, "open {}/", running.app.cfg.shop);
    }
    let _ = out.flush();
    drop(out);
    // On SIGINT or SIGTERM main returns, so the state (and a temporary data directory) is dropped.
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
    drop(running);
}
