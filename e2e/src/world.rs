//! The processes a test run needs, started once: sandbox, static server, chromedriver.

use fantoccini::{Client, ClientBuilder};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Where screenshots and the request log go.
pub fn out_dir() -> PathBuf {
    let dir = workspace().join("target").join("e2e");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn wait_for_port(port: u16, what: &str) {
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Kills a child process when dropped, or when the test binary exits if it
/// lives in a static (which is never dropped).
struct Guard(Child);

impl Guard {
    fn new(child: Child) -> Self {
        static REGISTER: std::sync::Once = std::sync::Once::new();
        REGISTER.call_once(|| {
            // SAFETY: registers a plain `extern "C"` function with no captured state.
            unsafe { libc::atexit(kill_at_exit) };
        });
        LIVE.lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(child.id());
        Guard(child)
    }
}

/// Children still running, by process id.
static LIVE: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

extern "C" fn kill_at_exit() {
    if let Ok(live) = LIVE.lock() {
        for pid in live.iter() {
            // SAFETY: signals a process this binary started.
            unsafe { libc::kill(*pid as libc::pid_t, libc::SIGTERM) };
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
        let id = self.0.id();
        LIVE.lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|pid| *pid != id);
    }
}

/// A sandbox binary on a free loopback port; killed when dropped.
pub struct Sandbox {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    _process: Guard,
}

impl Sandbox {
    /// Starts the sandbox binary with `servers` per provider and `latency_ms`
    /// added to every answer.
    pub fn start(servers: usize, latency_ms: u64) -> Sandbox {
        Sandbox::start_logging(servers, latency_ms, None)
    }

    fn start_logging(servers: usize, latency_ms: u64, log: Option<&Path>) -> Sandbox {
        let binary = std::env::var_os("SANDBOX_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|| target_dir().join("debug").join("sandbox"));
        assert!(
            binary.exists(),
            "{} is missing: run `cargo build -p sandbox` first (scripts/test.sh does)",
            binary.display()
        );
        let port = free_port();
        let mut command = Command::new(&binary);
        command.args([
            "--port",
            &port.to_string(),
            "--servers",
            &servers.to_string(),
            "--latency-ms",
            &latency_ms.to_string(),
        ]);
        if let Some(log) = log {
            command.arg("--request-log").arg(log);
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the sandbox binary starts");
        wait_for_port(port, "the sandbox");
        Sandbox {
            base: format!("http://127.0.0.1:{port}"),
            _process: Guard::new(child),
        }
    }
}

/// The running sandbox, static server and chromedriver.
pub struct World {
    /// `http://127.0.0.1:PORT` of the sandbox.
    pub sandbox: String,
    /// `http://127.0.0.1:PORT` of the panel.
    pub app: String,
    webdriver: String,
    _sandbox: Sandbox,
    _driver: Guard,
}

static WORLD: OnceLock<World> = OnceLock::new();

impl World {
    /// The shared world, started on first use.
    pub fn get() -> &'static World {
        WORLD.get_or_init(World::start)
    }

    fn start() -> World {
        let dist = workspace().join("dist");
        assert!(
            dist.join("index.html").exists(),
            "{} has no index.html: run `trunk build --release` first (scripts/test.sh does)",
            dist.display()
        );
        let log = log_path();
        let _ = std::fs::create_dir_all(out_dir().join("requests"));
        let _ = std::fs::remove_file(&log);
        let sandbox = Sandbox::start_logging(5, 0, Some(&log));

        let app_port = super::static_server::start(dist);

        let driver_port = free_port();
        let driver = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts (apt package chromium-driver)");
        wait_for_port(driver_port, "chromedriver");

        World {
            sandbox: sandbox.base.clone(),
            app: format!("http://127.0.0.1:{app_port}"),
            webdriver: format!("http://127.0.0.1:{driver_port}"),
            _sandbox: sandbox,
            _driver: Guard::new(driver),
        }
    }

    /// A fresh headless Chromium with an empty profile.
    pub async fn browser(&self) -> Browser {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-quic", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--window-size=1400,1000"]
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let mut last = None;
        for _ in 0..50 {
            match ClientBuilder::new(connector.clone())
                .capabilities(caps.clone())
                .connect(&self.webdriver)
                .await
            {
                Ok(client) => {
                    return Browser {
                        client,
                        app: self.app.clone(),
                    }
                }
                Err(e) => last = Some(e),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no browser session: {last:?}");
    }

    /// The sandbox's test credentials, by provider slug then label.
    pub async fn credentials(&self) -> serde_json::Value {
        self.get_json("/_sandbox/credentials").await
    }

    /// A GET on the sandbox, as JSON.
    pub async fn get_json(&self, path: &str) -> serde_json::Value {
        let (status, body) = http_request(&self.sandbox, "GET", path, None).await;
        assert_eq!(status, 200, "GET {path}: {body}");
        serde_json::from_str(&body).unwrap_or(serde_json::Value::Null)
    }

    /// Sets a provider's faults in the sandbox.
    pub async fn set_faults(&self, provider: &str, faults: serde_json::Value) {
        let (status, body) = http_request(
            &self.sandbox,
            "PUT",
            &format!("/_sandbox/faults/{provider}"),
            Some(faults.to_string()),
        )
        .await;
        assert_eq!(status, 200, "setting faults: {body}");
    }
}

/// A minimal HTTP/1.1 request to a loopback server (status, body).
pub async fn http_request(
    base: &str,
    method: &str,
    path: &str,
    body: Option<String>,
) -> (u16, String) {
    http_request_with(
        base,
        method,
        path,
        &[("content-type", "application/json")],
        body,
    )
    .await
}

/// This test binary's request log, `target/e2e/requests/<test file>.jsonl`
/// (each browser test file keeps its own; `endpoint_coverage` gathers them).
fn log_path() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    let stem = exe
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Cargo names test binaries `<file>-<hash>`.
    let name = stem
        .rsplit_once('-')
        .map_or(stem.as_str(), |(name, _)| name);
    out_dir().join("requests").join(format!("{name}.jsonl"))
}

/// Every line of this test binary's request log so far.
pub fn request_log() -> Vec<serde_json::Value> {
    std::fs::read_to_string(log_path())
        .unwrap_or_default()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// A minimal HTTP/1.1 request with the given headers (status, body).
pub async fn http_request_with(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> (u16, String) {
    use http_body_util::{BodyExt, Full};
    use hyper_util::client::legacy::Client as HttpClient;
    use hyper_util::rt::TokioExecutor;
    let client: HttpClient<_, Full<hyper::body::Bytes>> = HttpClient::builder(TokioExecutor::new())
        .build(hyper_util::client::legacy::connect::HttpConnector::new());
    let mut request = http::Request::builder()
        .method(method)
        .uri(format!("{base}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Full::new(hyper::body::Bytes::from(
            body.unwrap_or_default(),
        )))
        .expect("a valid request");
    let response = client.request(request).await.expect("the sandbox answers");
    let status = response.status().as_u16();
    let bytes = response
        .into_body()
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// One browser, closed when dropped at the end of a test.
pub struct Browser {
    /// The WebDriver client.
    pub client: Client,
    app: String,
}

impl Browser {
    /// Opens a path of the panel (`/`, `/accounts`, …).
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.app))
            .await
            .expect("page loads");
    }

    /// Saves a PNG screenshot as `target/e2e/<name>.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::write(out_dir().join(format!("{name}.png")), png).expect("screenshot written");
    }

    /// Closes the browser.
    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}
