//! The sandbox on loopback: all five providers over HTTP on 127.0.0.1.
//!
//! ```text
//! cargo run -p sandbox -- --port 8787 [--request-log FILE] [--servers N] [--latency-ms MS] [--seed S]
//! ```
//!
//! Provider P is served under `http://127.0.0.1:PORT/P`; controls under `/_sandbox/`.

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use sandbox::{Config, Faults, Provider, Sandbox, SystemClock};
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a request hit by a timeout fault is held before the connection drops.
const SWALLOW: Duration = Duration::from_secs(120);

struct Args {
    port: u16,
    request_log: Option<String>,
    servers: usize,
    latency_ms: u64,
    seed: u64,
}

fn parse_args() -> Result<Args, lexopt::Error> {
    use lexopt::prelude::*;
    let mut args = Args {
        port: 8787,
        request_log: None,
        servers: 5,
        latency_ms: 0,
        seed: 42,
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("port") => args.port = parser.value()?.parse()?,
            Long("request-log") => args.request_log = Some(parser.value()?.string()?),
            Long("servers") => args.servers = parser.value()?.parse()?,
            Long("latency-ms") => args.latency_ms = parser.value()?.parse()?,
            Long("seed") => args.seed = parser.value()?.parse()?,
            Long("help") | Short('h') => {
                println!("usage: sandbox --port PORT [--request-log FILE] [--servers N] [--latency-ms MS] [--seed S]");
                std::process::exit(0);
            }
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(args)
}

struct State {
    sandbox: Mutex<Sandbox>,
    log: Option<Mutex<std::fs::File>>,
}

async fn serve(
    state: Arc<State>,
    peer: SocketAddr,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes().to_vec())
        .unwrap_or_default();
    let request = http::Request::from_parts(parts, body);
    let served = {
        let mut sandbox = state.sandbox.lock().unwrap_or_else(|p| p.into_inner());
        sandbox.handle_from(&request, &peer.ip().to_string())
    };
    if let Some(log) = &state.log {
        let mut file = log.lock().unwrap_or_else(|p| p.into_inner());
        let _ = writeln!(file, "{}", served.entry.to_line());
    }
    if served.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(served.delay_ms)).await;
    }
    match served.response {
        Some(response) => {
            let (parts, body) = response.into_parts();
            Ok(hyper::Response::from_parts(
                parts,
                Full::new(Bytes::from(body)),
            ))
        }
        None => {
            tokio::time::sleep(SWALLOW).await;
            Ok(hyper::Response::builder()
                .status(504)
                .body(Full::new(Bytes::from_static(b"simulated timeout")))
                .unwrap_or_default())
        }
    }
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("sandbox: {e}\nusage: sandbox --port PORT [--request-log FILE] [--servers N] [--latency-ms MS] [--seed S]");
            std::process::exit(2);
        }
    };
    let mut config = Config {
        servers: args.servers,
        seed: args.seed,
        ..Config::default()
    };
    if args.latency_ms > 0 {
        for p in Provider::ALL {
            config.faults.insert(
                p,
                Faults {
                    latency_ms: args.latency_ms,
                    ..Faults::default()
                },
            );
        }
    }
    let sandbox = Sandbox::new(config, Arc::new(SystemClock));
    let log = match &args.request_log {
        Some(path) => match std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            Ok(f) => Some(Mutex::new(f)),
            Err(e) => {
                eprintln!("sandbox: cannot open request log {path}: {e}");
                std::process::exit(2);
            }
        },
        None => None,
    };
    let listener = match TcpListener::bind(("127.0.0.1", args.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("sandbox: cannot listen on 127.0.0.1:{}: {e}", args.port);
            std::process::exit(2);
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(args.port);
    println!(
        "Sandbox listening on http://127.0.0.1:{port} ({} servers per provider)",
        args.servers
    );
    for (provider, creds) in sandbox.credentials() {
        println!(
            "  {:<10} http://127.0.0.1:{port}/{}",
            provider.slug(),
            provider.slug()
        );
        for (label, value) in creds {
            println!("      {label}: {value}");
        }
    }
    println!("  controls   http://127.0.0.1:{port}/_sandbox/ (credentials, faults, lnvps/pay/<id>, time)");
    let _ = std::io::stdout().flush();
    let state = Arc::new(State {
        sandbox: Mutex::new(sandbox),
        log,
    });
    loop {
        let Ok((stream, peer)) = listener.accept().await else {
            continue;
        };
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| serve(state.clone(), peer, req));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
