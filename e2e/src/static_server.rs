//! Serves `dist/` on loopback with an SPA fallback to `index.html`, plus the
//! test NIP-07 signer's endpoints (see [`crate::nostr_shim`]).

use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}

async fn serve(
    root: Arc<PathBuf>,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or("").to_string();
    if path.starts_with("/__test__/nostr/") {
        let body = request
            .into_body()
            .collect()
            .await
            .map(|b| b.to_bytes())
            .unwrap_or_default();
        let (status, text) = crate::nostr_shim::answer(&path, &body);
        return Ok(respond(status, "application/json", text.into_bytes()));
    }
    let relative = path.trim_start_matches('/');
    let file = root.join(relative);
    let inside = !relative.split('/').any(|s| s == "..");
    if inside && !relative.is_empty() && file.is_file() {
        let bytes = std::fs::read(&file).unwrap_or_default();
        return Ok(respond(200, content_type(relative), bytes));
    }
    // SPA fallback: every other path is a route of the app.
    let mut html = std::fs::read_to_string(root.join("index.html")).unwrap_or_default();
    if query.split('&').any(|kv| kv == "test_nostr=1") {
        html = html.replacen(
            "<head>",
            &format!("<head><script>{}</script>", crate::nostr_shim::SCRIPT),
            1,
        );
    }
    Ok(respond(200, "text/html; charset=utf-8", html.into_bytes()))
}

fn respond(status: u16, content_type: &str, body: Vec<u8>) -> hyper::Response<Full<Bytes>> {
    hyper::Response::builder()
        .status(status)
        .header("content-type", content_type)
        .header("cache-control", "no-store")
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_default()
}

/// Starts the server on a free port in a thread of its own; returns the port.
pub fn start(root: PathBuf) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let port = listener.local_addr().map(|a| a.port()).expect("a port");
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    let root = Arc::new(root);
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let root = root.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| serve(root.clone(), req));
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    port
}
