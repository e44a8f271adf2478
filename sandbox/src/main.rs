//! `paygate-sandbox [--ports 0 | --ports SHOP,PAYGATE,ACS] [--www DIR] [--pkg DIR] [--method-timeout-ms N] [--message-encoding json|base64]`

use std::io::Write;
use std::time::Duration;

use paygate_sandbox::paygate::encoding::MessageEncoding;
use paygate_sandbox::server::{start, Options};

fn usage() -> ! {
    eprintln!("usage: paygate-sandbox [--ports 0 | --ports SHOP,PAYGATE,ACS] [--www DIR] [--pkg DIR] [--method-timeout-ms N] [--message-encoding json|base64]");
    std::process::exit(2)
}

fn parse_args() -> Options {
    let mut o = Options::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--ports" => {
                let v = val();
                let ports: Vec<u16> = v.split(',').map(|p| p.trim().parse().unwrap_or_else(|_| usage())).collect();
                o.ports = match ports.as_slice() {
                    [0] => [0, 0, 0],
                    [a, b, c] => [*a, *b, *c],
                    _ => usage(),
                };
            }
            "--www" => o.www = val().into(),
            "--pkg" => o.pkg = val().into(),
            "--method-timeout-ms" => o.method_timeout = Duration::from_millis(val().parse().unwrap_or_else(|_| usage())),
            "--message-encoding" => o.message_encoding = MessageEncoding::parse(&val()).unwrap_or_else(|| usage()),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
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
    let _ = writeln!(out, "open {}/", running.app.cfg.shop);
    let _ = out.flush();
    drop(out);
    let _ = tokio::signal::ctrl_c().await;
}
