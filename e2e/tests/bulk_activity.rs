//! Bulk actions in the fleet view and the activity log, in a real browser
//! against the loopback sandbox: a restart across all five providers, a
//! stop that skips a server already stopped, the log listing and exporting
//! those actions, a 429 waited out, and selection across ten thousand
//! windowed rows.

use e2e::loopback::{self, PROVIDERS};
use e2e::{action, check, find, World};
use fantoccini::Client;
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::Duration;

/// Long enough for HOSTKEY's asynchronous power calls followed at its pace.
const BULK_WAIT: Duration = Duration::from_secs(180);

/// The scenarios act on the same sandbox servers: one at a time.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Ticks the row of the server named `name` at `provider`.
async fn tick(c: &Client, provider: &str, name: &str) {
    let probe = format!(
        "(() => {{ const row = [...document.querySelectorAll('[data-testid=server-row][data-provider={provider}]')]
            .find(r => r.querySelector('[data-testid=server-link]').textContent === {name:?});
          if (!row) return false;
          const box = row.querySelector('[data-testid=select-row]');
          if (!box.checked) box.click();
          return box.checked; }})()"
    );
    find::until_js(c, &probe, &format!("{name} ticked")).await;
}

/// The (provider, name, status) of every row the fleet table shows.
async fn rows(c: &Client) -> Vec<(String, String, String)> {
    let value = check::js(
        c,
        "[...document.querySelectorAll('[data-testid=server-row]')].map(r => [r.dataset.provider, r.querySelector('[data-testid=server-link]').textContent, r.dataset.status])",
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}

/// Waits for the bulk run to finish; returns each result's (provider, state, detail).
async fn bulk_results(c: &Client, total: usize) -> Vec<(String, String, String)> {
    find::until_js_within(
        c,
        &format!(
            "(document.querySelector('[data-testid=bulk-progress]') || {{}}).textContent === '{total} of {total} done'"
        ),
        "the bulk run to finish",
        BULK_WAIT,
    )
    .await;
    let value = check::js(
        c,
        "[...document.querySelectorAll('[data-testid=bulk-result]')].map(r => [r.dataset.provider, r.dataset.state, r.querySelector('.name').textContent + ': ' + r.querySelector('.detail').textContent])",
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}

/// Confirms a stop or restart, after checking the dialog names the count.
async fn confirm(c: &Client, expected: &str) -> String {
    find::by_testid(c, "bulk-confirm").await;
    let text = check::text(c, "bulk-confirm-text").await;
    assert!(text.contains(expected), "{text}");
    action::click(c, "bulk-confirm-go").await;
    text
}

#[tokio::test]
async fn restarting_servers_at_all_five_providers_at_once_reports_each_and_leaves_them_running() {
    let _serial = SERIAL.lock().await;
    let world = World::get();
    let browser = loopback::browser_with(world, &PROVIDERS, true).await;
    let c = &browser.client;

    action::choose(c, "filter-status", "running").await;
    find::until_js(
        c,
        "[...document.querySelectorAll('[data-testid=server-row]')].every(r => r.dataset.status === 'running')",
        "running rows only",
    )
    .await;
    let running = rows(c).await;
    let providers: BTreeSet<&str> = running.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(
        providers.len(),
        5,
        "a running server at every provider: {running:?}"
    );
    let n = running.len();

    action::click(c, "select-all").await;
    assert_eq!(
        check::text(c, "selected-count").await,
        format!("{n} servers selected")
    );
    action::click(c, "bulk-restart").await;
    find::by_testid(c, "bulk-confirm").await;
    browser.screenshot("bulk-confirm").await;
    let text = confirm(c, &format!("Restart {n} servers?")).await;
    for name in [
        "LNVPS",
        "HOSTKEY",
        "CyberPanel Cloud",
        "LiteVPS",
        "LlamaLink",
    ] {
        assert!(
            text.contains(&format!(" at {name} (")),
            "{name} named: {text}"
        );
    }

    find::by_testid(c, "bulk-run").await;
    let results = bulk_results(c, n).await;
    assert_eq!(results.len(), n);
    for (provider, state, detail) in &results {
        assert_eq!(state, "ok", "{provider} {detail}");
    }
    let done: BTreeSet<&str> = results.iter().map(|(p, _, _)| p.as_str()).collect();
    assert_eq!(done.len(), 5, "results from every provider");
    browser.screenshot("bulk").await;

    // The fleet is reloaded afterwards and every restarted server runs.
    find::until_js_within(
        c,
        "document.querySelectorAll('[data-testid=state-ready]').length === 5",
        "every account reloaded",
        BULK_WAIT,
    )
    .await;
    action::choose(c, "filter-status", "").await;
    find::until_js(
        c,
        &format!("document.querySelectorAll('[data-testid=server-row]').length > {n}"),
        "every status shown again",
    )
    .await;
    let after = rows(c).await;
    for (provider, name, _) in &running {
        let now = after
            .iter()
            .find(|(p, m, _)| p == provider && m == name)
            .map(|(_, _, s)| s.as_str());
        assert_eq!(now, Some("running"), "{provider} {name}");
    }
    browser.close().await;
}

#[tokio::test]
async fn a_bulk_stop_skips_a_server_already_stopped_and_the_activity_log_exports_it() {
    let _serial = SERIAL.lock().await;
    let world = World::get();
    let providers = ["cyberpanel", "litevps"];
    let browser = loopback::browser_with(world, &providers, true).await;
    let c = &browser.client;
    let all = rows(c).await;
    let running = |p: &str| {
        all.iter()
            .find(|(q, _, s)| q == p && s == "running")
            .map(|(_, n, _)| n.clone())
            .unwrap_or_else(|| panic!("a running {p} server in {all:?}"))
    };
    let (first, second) = (running("cyberpanel"), running("litevps"));

    // Stop one server on its own.
    tick(c, "cyberpanel", &first).await;
    action::click(c, "bulk-stop").await;
    confirm(c, "Stop 1 server?").await;
    let results = bulk_results(c, 1).await;
    assert_eq!(results[0].1, "ok", "{results:?}");
    find::until_js(
        c,
        &format!("[...document.querySelectorAll('[data-testid=server-row][data-status=stopped] [data-testid=server-link]')].some(a => a.textContent === {first:?})"),
        "the stopped server in the fleet",
    )
    .await;

    // Stop it again together with a running one: it is skipped.
    tick(c, "litevps", &second).await;
    action::click(c, "bulk-stop").await;
    let text = confirm(c, "Stop 2 servers?").await;
    assert!(
        text.contains("1 at CyberPanel Cloud (cyberpanel-loop)"),
        "{text}"
    );
    let results = bulk_results(c, 2).await;
    let state_of = |name: &str| {
        results
            .iter()
            .find(|(_, _, d)| d.starts_with(&format!("{name}: ")))
            .map(|(_, s, d)| (s.clone(), d.clone()))
    };
    let (state, detail) = state_of(&first).unwrap_or_default();
    assert_eq!(state, "skipped", "{detail}");
    assert!(detail.contains("already stopped"), "{detail}");
    assert_eq!(state_of(&second).map(|(s, _)| s), Some("ok".into()));
    let tally = check::text(c, "bulk-tally").await;
    assert_eq!(tally, "1 ok · 0 failed · 1 skipped");

    // Start both again (no confirmation for start).
    action::click(c, "bulk-start").await;
    let results = bulk_results(c, 2).await;
    assert!(results.iter().all(|(_, s, _)| s == "ok"), "{results:?}");

    // The activity log lists what was done, newest first.
    action::click(c, "nav-activity").await;
    find::by_testid(c, "activity-table").await;
    let whats = check::js(
        c,
        "[...document.querySelectorAll('[data-testid=activity-entry] .what')].map(td => td.textContent)",
    )
    .await;
    let whats: Vec<String> = serde_json::from_value(whats).unwrap_or_default();
    assert_eq!(
        whats.first().map(String::as_str),
        Some("bulk start"),
        "{whats:?}"
    );
    assert_eq!(
        whats.iter().filter(|w| *w == "bulk stop").count(),
        3,
        "{whats:?}"
    );
    assert_eq!(
        whats.iter().filter(|w| *w == "account added").count(),
        2,
        "{whats:?}"
    );
    assert_eq!(
        check::count(c, "[data-testid=activity-server][data-outcome=skipped]").await,
        1
    );

    // Filtered by account.
    let id = loopback::account_id(&browser, "cyberpanel-loop").await;
    action::choose(c, "activity-account", &id).await;
    find::until_js(
        c,
        "[...document.querySelectorAll('[data-testid=activity-entry]')].every(r => r.children[2].textContent.startsWith('cyberpanel-loop'))",
        "only CyberPanel entries",
    )
    .await;
    let skipped = check::js(
        c,
        "(() => { const li = document.querySelector('[data-testid=activity-server][data-outcome=skipped]'); li.closest('details').open = true; li.scrollIntoView({block: 'center'}); return true; })()",
    )
    .await;
    assert_eq!(skipped, Value::Bool(true));
    browser.screenshot("activity").await;
    action::choose(c, "activity-account", "").await;

    // Export: the downloaded JSON, read through the Blob the page made.
    check::js(
        c,
        "(() => { window.__exports = []; const make = URL.createObjectURL; URL.createObjectURL = b => { window.__exports.push(b); return make.call(URL, b); }; return true; })()",
    )
    .await;
    action::click(c, "export-activity").await;
    find::until_js(
        c,
        "window.__exports.length > 0 && (window.__exports[0].text().then(t => window.__exported = t), true)",
        "the export",
    )
    .await;
    let exported = find::until_js(c, "window.__exported", "the exported text").await;
    let entries: Vec<Value> =
        serde_json::from_str(exported.as_str().unwrap_or_default()).expect("the export is JSON");
    let stops: Vec<&Value> = entries
        .iter()
        .filter(|e| e["what"] == "bulk stop")
        .collect();
    assert_eq!(stops.len(), 3, "{entries:?}");
    let skipped_entry = stops
        .iter()
        .find(|e| e["outcome"] == "skipped")
        .expect("the stop that did nothing");
    assert_eq!(skipped_entry["account_label"], "cyberpanel-loop");
    assert_eq!(skipped_entry["provider"], "cyberpanel");
    assert_eq!(skipped_entry["servers"][0]["name"], first.as_str());
    assert_eq!(skipped_entry["servers"][0]["outcome"], "skipped");
    assert!(entries.iter().any(|e| e["what"] == "bulk start"));

    // Nothing secret in what the log keeps.
    let creds = world.credentials().await;
    let stored = check::js(c, "localStorage.getItem('panel.activity')").await;
    let stored = stored.as_str().unwrap_or_default();
    assert!(stored.contains("bulk stop"));
    for secret in [
        loopback::credential(&creds, "cyberpanel", "api key"),
        loopback::credential(&creds, "litevps", "password"),
    ] {
        assert!(
            !stored.contains(&secret),
            "a credential in the activity log"
        );
    }
    browser.close().await;
}

#[tokio::test]
async fn a_provider_answering_429_holds_its_queue_for_retry_after_then_it_finishes() {
    let _serial = SERIAL.lock().await;
    let world = World::get();
    let browser = loopback::browser_with(world, &["llamalink"], true).await;
    let c = &browser.client;
    action::choose(c, "filter-status", "running").await;
    find::until_js(
        c,
        "[...document.querySelectorAll('[data-testid=server-row]')].every(r => r.dataset.status === 'running')",
        "running rows only",
    )
    .await;
    let n = rows(c).await.len();
    assert!(n >= 1);
    action::click(c, "select-all").await;
    action::click(c, "bulk-restart").await;
    world
        .set_faults(
            "llamalink",
            serde_json::json!({ "rate_limit_burst": 2, "retry_after_secs": 3 }),
        )
        .await;
    confirm(c, &format!("Restart {n} server")).await;
    let hold = find::until_js(
        c,
        "(document.querySelector('[data-testid=bulk-hold]') || {}).textContent",
        "the queue holding back",
    )
    .await;
    let hold = hold.as_str().unwrap_or_default().to_string();
    assert!(hold.contains("llamalink-loop (LlamaLink)"), "{hold}");
    assert!(hold.contains("answered 429"), "{hold}");
    let results = bulk_results(c, n).await;
    world.set_faults("llamalink", serde_json::json!({})).await;
    assert!(results.iter().all(|(_, s, _)| s == "ok"), "{results:?}");
    assert_eq!(check::count(c, "[data-testid=bulk-hold]").await, 0);
    browser.close().await;
}

#[tokio::test]
async fn ticking_all_ten_thousand_servers_keeps_them_ticked_across_the_window() {
    let world = World::get();
    let browser = world.browser().await;
    let c = &browser.client;
    browser.open("/?sandbox_servers=2000").await;
    find::until_js_within(
        c,
        "document.querySelector('[data-testid=row-count]').textContent === '10000 servers'",
        "ten thousand demo servers",
        BULK_WAIT,
    )
    .await;
    action::click(c, "select-all").await;
    assert_eq!(
        check::text(c, "selected-count").await,
        "10000 servers selected"
    );
    // Far down the table, rows drawn after the tick are ticked too.
    check::js(
        c,
        "(() => { const t = document.querySelector('[data-testid=fleet-table]'); t.scrollTop = t.scrollHeight; t.dispatchEvent(new Event('scroll')); return true; })()",
    )
    .await;
    let drawn = find::until_js(
        c,
        "(() => { const boxes = [...document.querySelectorAll('[data-testid=select-row]')]; return boxes.length > 0 && boxes.length < 200 && boxes.every(b => b.checked) && boxes.length; })()",
        "ticked rows at the bottom",
    )
    .await;
    assert!(drawn.as_u64().unwrap_or(0) > 0);
    // Unticking one there leaves 9,999.
    check::js(
        c,
        "document.querySelectorAll('[data-testid=select-row]')[3].click()",
    )
    .await;
    find::until_js(
        c,
        "document.querySelector('[data-testid=selected-count]').textContent === '9999 servers selected'",
        "one unticked",
    )
    .await;
    browser.close().await;
}
