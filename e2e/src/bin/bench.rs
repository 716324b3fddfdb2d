//! Measures the panel: the release bundle's size (gzipped; ECharts apart) and
//! the time from page load to every row of a 1,000-server fleet over the five
//! providers with 100 ms added latency, in headless Chromium.
//!
//! ```text
//! trunk build --release && cargo build -p sandbox && cargo run -p e2e --bin bench --release
//! ```
//!
//! Two fleets are timed: the in-browser sandbox (no network), and the sandbox
//! binary on loopback (real HTTP and CORS), where the clock starts at the
//! "Refresh all" click because the five accounts are added through the UI first.

use e2e::action::{self, NewAccount};
use e2e::{find, World};
use std::io::Write;
use std::path::Path;

const PER_PROVIDER: usize = 200;
const LATENCY_MS: u64 = 100;
const RUNS: usize = 5;

fn gzip_size(path: &Path) -> (u64, u64) {
    let raw = std::fs::read(path).unwrap_or_default();
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(&raw);
    let gz = encoder.finish().unwrap_or_default();
    (raw.len() as u64, gz.len() as u64)
}

/// Starts a requestAnimationFrame probe that records `performance.now()` when
/// the fleet shows `total` rows and every account is ready, after having
/// seen at least one account not ready (a reload keeps the old rows).
const PROBE: &str = r#"(() => {
    const total = arguments[0];
    const accounts = arguments[1];
    window.__done = null;
    let busy = false;
    const tick = () => {
        const count = (document.querySelector('[data-testid=row-count]') || {}).textContent || '';
        const ready = document.querySelectorAll('[data-testid=state-ready]').length;
        if (ready < accounts) busy = true;
        if (busy && count.startsWith(total + ' servers') && ready === accounts) { window.__done = performance.now(); return; }
        requestAnimationFrame(tick);
    };
    tick();
    return true;
})()"#;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dist");
    let mut wasm = (0, 0);
    let mut js = (0, 0);
    for entry in std::fs::read_dir(&dist)
        .expect("dist/ exists: run trunk build --release")
        .flatten()
    {
        let path = entry.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let (raw, gz) = gzip_size(&path);
        if name.ends_with(".wasm") {
            wasm = (wasm.0 + raw, wasm.1 + gz);
        } else if name.ends_with(".js") {
            js = (js.0 + raw, js.1 + gz);
        }
    }
    let echarts = gzip_size(&dist.join("public/vendor/echarts.min.js"));
    println!(
        "bundle: wasm {} B ({} B gzipped), js {} B ({} B gzipped); total {} B gzipped",
        wasm.0,
        wasm.1,
        js.0,
        js.1,
        wasm.1 + js.1
    );
    println!(
        "echarts (loaded with the first chart): {} B ({} B gzipped)",
        echarts.0, echarts.1
    );

    let world = World::get();
    let total = PER_PROVIDER * 5;

    let mut in_browser = Vec::new();
    for _ in 0..RUNS {
        let browser = world.browser().await;
        browser
            .open(&format!(
                "/?sandbox_servers={PER_PROVIDER}&sandbox_latency_ms={LATENCY_MS}"
            ))
            .await;
        browser
            .client
            .execute(&format!("return {PROBE}"), vec![total.into(), 5.into()])
            .await
            .expect("probe");
        let at = find::until_js(&browser.client, "window.__done", "every row").await;
        in_browser.push(at.as_f64().unwrap_or(f64::NAN));
        browser.close().await;
    }
    println!(
        "in-browser sandbox, {total} servers, {LATENCY_MS} ms latency: page load → all rows {:.0} ms (median of {RUNS}: {:?})",
        median(in_browser.clone()),
        in_browser.iter().map(|v| v.round()).collect::<Vec<_>>()
    );

    // Loopback: a second sandbox binary with the big fleet and latency.
    let loopback = e2e::world::Sandbox::start(PER_PROVIDER, LATENCY_MS);
    let creds: serde_json::Value = serde_json::from_str(
        &e2e::world::http_request(&loopback.base, "GET", "/_sandbox/credentials", None)
            .await
            .1,
    )
    .unwrap_or_default();
    let browser = world.browser().await;
    browser.open("/?test_nostr=1").await;
    let c = |p: &str, l: &str| creds[p][l].as_str().unwrap_or_default().to_string();
    let base = |p: &str| format!("{}/{p}", loopback.base);
    let accounts = vec![
        NewAccount {
            provider: "lnvps".into(),
            label: "lnvps".into(),
            base_url: base("lnvps"),
            nostr: true,
            ..Default::default()
        },
        NewAccount {
            provider: "hostkey".into(),
            label: "hostkey".into(),
            base_url: base("hostkey"),
            key: Some(c("hostkey", "api key")),
            pin: Some(c("hostkey", "pin")),
            ..Default::default()
        },
        NewAccount {
            provider: "cyberpanel".into(),
            label: "cyberpanel".into(),
            base_url: base("cyberpanel"),
            key: Some(c("cyberpanel", "api key")),
            ..Default::default()
        },
        NewAccount {
            provider: "litevps".into(),
            label: "litevps".into(),
            base_url: base("litevps"),
            user: Some(c("litevps", "email")),
            password: Some(c("litevps", "password")),
            ..Default::default()
        },
        NewAccount {
            provider: "llamalink".into(),
            label: "llamalink".into(),
            base_url: base("llamalink"),
            key: Some(c("llamalink", "api key")),
            ..Default::default()
        },
    ];
    for a in &accounts {
        action::add_account(&browser.client, a).await;
    }
    action::click(&browser.client, "leave-sandbox").await;
    action::click(&browser.client, "nav-all").await;
    find::until_js(&browser.client, &format!("(document.querySelector('[data-testid=row-count]') || {{}}).textContent === '{total} servers'"), "the loopback fleet").await;
    let mut loop_times = Vec::new();
    for _ in 0..RUNS {
        let start = browser.client.execute(&format!("const t = performance.now(); document.querySelector('[data-testid=refresh-all]').click(); return {PROBE} && t"), vec![total.into(), 5.into()]).await.expect("probe");
        let done = find::until_js(&browser.client, "window.__done", "every row again").await;
        loop_times.push(done.as_f64().unwrap_or(f64::NAN) - start.as_f64().unwrap_or(f64::NAN));
    }
    println!(
        "loopback sandbox binary, {total} servers, {LATENCY_MS} ms latency: Refresh all → all rows {:.0} ms (median of {RUNS}: {:?})",
        median(loop_times.clone()),
        loop_times.iter().map(|v| v.round()).collect::<Vec<_>>()
    );
    browser.close().await;
}
