//! The sandbox binary over HTTP on loopback, with its clock moved forward by
//! the driver's waits through `POST /_sandbox/time`.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use providers::{ApiRequest, ApiResponse, Clock, Transport, TransportError};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn sandbox_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("SANDBOX_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("..")
                .join("target")
        });
    target.join("debug").join("sandbox")
}

/// A running sandbox binary; killed when dropped.
pub struct Loopback {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    child: Child,
    client: Client<HttpConnector, Full<Bytes>>,
    offset_ms: Arc<AtomicU64>,
}

impl Drop for Loopback {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Loopback {
    /// Starts `target/debug/sandbox` on a free port with `servers` per provider.
    pub async fn start(servers: usize) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let binary = sandbox_binary();
        let child = Command::new(&binary)
            .args([
                "--port",
                &port.to_string(),
                "--servers",
                &servers.to_string(),
            ])
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "{} starts (build it with `cargo build -p sandbox`): {e}",
                    binary.display()
                )
            });
        for _ in 0..300 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Self {
            base: format!("http://127.0.0.1:{port}"),
            child,
            client: Client::builder(TokioExecutor::new()).build(HttpConnector::new()),
            offset_ms: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Sends a raw request (controls such as paying an invoice).
    pub async fn raw(&self, method: &str, path: &str, body: &str) -> (u16, String) {
        let request = http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .body(body.as_bytes().to_vec())
            .expect("a valid request");
        let response = self.send(request).await.expect("the sandbox answers");
        (
            response.status().as_u16(),
            String::from_utf8_lossy(response.body()).into_owned(),
        )
    }
}

impl Transport for Loopback {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        let (parts, body) = request.into_parts();
        let request = http::Request::from_parts(parts, Full::new(Bytes::from(body)));
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| TransportError::failed(e.to_string()))?;
        let (parts, body) = response.into_parts();
        let bytes = body
            .collect()
            .await
            .map_err(|e| TransportError::failed(e.to_string()))?
            .to_bytes()
            .to_vec();
        Ok(http::Response::from_parts(parts, bytes))
    }
}

impl Clock for Loopback {
    fn now(&self) -> u64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        (real + self.offset_ms.load(Ordering::SeqCst)) / 1000
    }

    async fn sleep(&self, duration: Duration) {
        let ms = duration.as_millis() as u64;
        let (status, body) = self
            .raw(
                "POST",
                "/_sandbox/time",
                &format!("{{\"advance_ms\":{ms}}}"),
            )
            .await;
        assert_eq!(status, 200, "advancing the sandbox clock: {body}");
        self.offset_ms.fetch_add(ms, Ordering::SeqCst);
    }
}
