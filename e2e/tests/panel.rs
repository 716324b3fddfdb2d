//! The web panel in a real browser: first run, accounts for every provider,
//! the merged fleet, filters and sorting, power actions, charts, a failing
//! provider, NIP-07 signing, and credentials never stored in clear.

use e2e::action::{self, NewAccount};
use e2e::loopback::{self, credential as cred, PROVIDERS};
use e2e::{check, find, nostr_shim, World};
use serde_json::Value;

/// The five loopback accounts, as a user would type them (remembered with
/// the vault passphrase `remember`).
async fn loopback_accounts(world: &World, remember: Option<&str>) -> Vec<NewAccount> {
    let mut accounts = Vec::new();
    for p in PROVIDERS {
        let mut account = loopback::account(world, p).await;
        account.remember = remember.map(str::to_string);
        accounts.push(account);
    }
    accounts
}

/// Opens the panel with the test NIP-07 extension, adds the five loopback
/// accounts and hides the demo ones; returns when every account has loaded.
async fn browser_with_loopback_accounts(world: &World, remember: Option<&str>) -> e2e::Browser {
    let accounts = loopback_accounts(world, remember).await;
    loopback::browser_with_accounts(world, &accounts, true).await
}

#[tokio::test]
async fn a_newcomer_sees_the_sandbox_fleet_on_first_run() {
    let world = World::get();
    let browser = world.browser().await;
    browser.open("/").await;
    let banner = check::text(&browser.client, "sandbox-banner").await;
    assert!(banner.contains("Sandbox mode"), "{banner}");
    for p in PROVIDERS {
        let n = find::until_js(
            &browser.client,
            &format!(
                "document.querySelectorAll('[data-testid=server-row][data-provider={p}]').length"
            ),
            &format!("demo {p} servers"),
        )
        .await;
        assert!(n.as_u64().unwrap_or(0) >= 1, "{p}: {n}");
    }
    let ready = check::count(&browser.client, "[data-testid=state-ready]").await;
    assert_eq!(ready, 5, "every demo account loaded");
    browser.close().await;
}

#[tokio::test]
async fn accounts_for_every_provider_against_the_loopback_sandbox_fill_one_fleet() {
    let world = World::get();
    let browser = browser_with_loopback_accounts(world, None).await;
    let c = &browser.client;
    let title = check::text(c, "fleet-title").await;
    assert_eq!(title, "All providers");
    let rows = check::count(c, "[data-testid=server-row]").await;
    assert!(
        rows >= 25,
        "five loopback accounts with five servers each, got {rows}"
    );
    for p in PROVIDERS {
        let nav = find::by_testid(c, &format!("nav-provider-{p}")).await;
        assert!(nav.text().await.unwrap_or_default().len() > 2);
    }
    assert_eq!(check::count(c, "[data-testid=state-ready]").await, 5);
    browser.screenshot("fleet").await;

    // The provider switch is a route: the URL names the view and Back works.
    action::click(c, "nav-provider-cyberpanel").await;
    find::until_js(
        c,
        "location.pathname === '/provider/cyberpanel'",
        "provider route",
    )
    .await;
    let only = find::until_js(
        c,
        "[...document.querySelectorAll('[data-testid=server-row]')].every(r => r.dataset.provider === 'cyberpanel') && document.querySelectorAll('[data-testid=server-row]').length",
        "only CyberPanel rows",
    )
    .await;
    assert!(only.as_u64().unwrap_or(0) >= 1);
    c.back().await.expect("back");
    find::until_js(c, "location.pathname === '/'", "back to all providers").await;

    action::click(c, "nav-accounts").await;
    find::by_testid(c, "account-list").await;
    browser.screenshot("accounts").await;
    browser.close().await;
}

#[tokio::test]
async fn filtering_and_sorting_narrow_and_order_the_fleet() {
    let world = World::get();
    let browser = world.browser().await;
    let c = &browser.client;
    browser.open("/").await;
    find::until_js(
        c,
        "document.querySelectorAll('[data-testid=state-ready]').length === 5",
        "demo fleet",
    )
    .await;
    let all = check::count(c, "[data-testid=server-row]").await;

    action::choose(c, "filter-provider", "litevps").await;
    let lite = find::until_js(
        c,
        "[...document.querySelectorAll('[data-testid=server-row]')].every(r => r.dataset.provider === 'litevps') && document.querySelectorAll('[data-testid=server-row]').length",
        "LiteVPS rows only",
    )
    .await;
    assert!(lite.as_u64().unwrap_or(0) < all as u64);
    assert!(check::js(c, "location.search")
        .await
        .as_str()
        .unwrap_or("")
        .contains("provider=litevps"));
    action::choose(c, "filter-provider", "").await;

    action::choose(c, "filter-status", "running").await;
    find::until_js(
        c,
        "[...document.querySelectorAll('[data-testid=server-row]')].every(r => r.dataset.status === 'running')",
        "running rows only",
    )
    .await;
    action::choose(c, "filter-status", "").await;

    let first_name = check::js(
        c,
        "document.querySelector('[data-testid=server-link]').textContent",
    )
    .await;
    let needle = first_name.as_str().unwrap_or_default().to_string();
    action::type_into(c, "search", &needle).await;
    let hits = find::until_js(
        c,
        &format!("[...document.querySelectorAll('[data-testid=server-link]')].every(a => a.textContent.toLowerCase().includes({:?})) && document.querySelectorAll('[data-testid=server-row]').length", needle.to_lowercase()),
        "search results",
    )
    .await;
    assert!(hits.as_u64().unwrap_or(0) >= 1);
    action::type_into(c, "search", "no-such-server-anywhere").await;
    find::by_testid(c, "empty").await;
    action::type_into(c, "search", "").await;

    action::click(c, "sort-name").await;
    let ascending = find::until_js(c, "location.search.includes('sort=name') && [...document.querySelectorAll('[data-testid=server-link]')].map(a => a.textContent.toLowerCase())", "sorted by name").await;
    let names: Vec<String> = serde_json::from_value(ascending).unwrap_or_default();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "ascending by name");
    action::click(c, "sort-name").await;
    let descending = find::until_js(c, "location.search.includes('dir=desc') && [...document.querySelectorAll('[data-testid=server-link]')].map(a => a.textContent.toLowerCase())", "descending").await;
    let names: Vec<String> = serde_json::from_value(descending).unwrap_or_default();
    let mut reversed = names.clone();
    reversed.sort();
    reversed.reverse();
    assert_eq!(names, reversed, "descending by name");
    browser.close().await;
}

/// Opens the first running server of `provider` in the current fleet.
/// Follows the link of a running server of `provider` (inside the app: a
/// reload would drop the accounts kept for this session only).
async fn open_running_server(c: &fantoccini::Client, provider: &str) {
    let selector = format!("[data-testid=server-row][data-provider={provider}][data-status=running] [data-testid=server-link]");
    find::until_js(
        c,
        &format!("document.querySelector('{selector}')"),
        &format!("a running {provider} server"),
    )
    .await;
    c.execute(
        &format!("const a = document.querySelector('{selector}'); a.scrollIntoView({{block: 'center'}}); a.click(); return true;"),
        vec![],
    )
    .await
    .expect("following the server link");
    find::by_testid(c, "server-name").await;
}

/// Stops the open server (confirming), then starts it, each followed until
/// the page shows the new state.
async fn stop_then_start(c: &fantoccini::Client) {
    action::click(c, "power-stop").await;
    find::by_testid(c, "confirm-dialog").await;
    action::click(c, "confirm").await;
    find::by_testid(c, "busy").await;
    let outcome = find::until_js(
        c,
        "(document.querySelector('[data-testid=outcome]') || {}).textContent",
        "stop outcome",
    )
    .await;
    assert!(
        outcome.as_str().unwrap_or("").contains("stopped"),
        "{outcome}"
    );
    assert_eq!(check::text(c, "status").await, "stopped");

    action::click(c, "power-start").await;
    let outcome = find::until_js(c, "((document.querySelector('[data-testid=outcome]') || {}).textContent || '').includes('running')", "start outcome").await;
    assert_eq!(outcome, Value::Bool(true));
    assert_eq!(check::text(c, "status").await, "running");
}

#[tokio::test]
async fn an_lnvps_vm_is_stopped_and_started_from_its_page() {
    let world = World::get();
    let browser = browser_with_loopback_accounts(world, None).await;
    let c = &browser.client;
    open_running_server(c, "lnvps").await;
    stop_then_start(c).await;
    browser.close().await;
}

#[tokio::test]
async fn stopping_and_starting_a_server_is_followed_until_the_state_changes() {
    let world = World::get();
    let browser = browser_with_loopback_accounts(world, None).await;
    let c = &browser.client;
    open_running_server(c, "llamalink").await;
    stop_then_start(c).await;

    action::click(c, "show-requests").await;
    let curl = check::text(c, "requests").await;
    assert!(curl.contains("curl -X GET"), "{curl}");
    assert!(curl.contains("/llamalink/user/vps/start/"), "{curl}");
    assert!(curl.contains("Bearer <redacted>"), "{curl}");
    assert!(
        !curl.contains("llk_"),
        "no key in the shown request: {curl}"
    );
    browser.close().await;
}

#[tokio::test]
async fn server_charts_render_real_pixels() {
    let world = World::get();
    let browser = browser_with_loopback_accounts(world, None).await;
    let c = &browser.client;
    open_running_server(c, "lnvps").await;
    find::by_testid(c, "metrics").await;
    let drawn = find::until_js(
        c,
        r#"(() => {
            const canvas = document.querySelector('[data-testid=chart-cpu] canvas');
            if (!canvas || !canvas.width) return 0;
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let painted = 0;
            for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
            return painted;
        })()"#,
        "a painted CPU chart",
    )
    .await;
    assert!(
        drawn.as_u64().unwrap_or(0) > 500,
        "non-blank pixels: {drawn}"
    );
    assert!(
        check::count(c, "[data-testid=metrics] canvas").await >= 4,
        "CPU, memory, network and disk charts"
    );
    browser.screenshot("server").await;
    browser.close().await;
}

#[tokio::test]
async fn a_failing_provider_shows_its_own_error_while_the_others_still_list() {
    let world = World::get();
    let browser = browser_with_loopback_accounts(world, None).await;
    let c = &browser.client;
    world
        .set_faults(
            "cyberpanel",
            serde_json::json!({ "error_rate": 1.0, "error_status": 503 }),
        )
        .await;
    action::click(c, "refresh-all").await;
    let failed = find::until_js(
        c,
        "document.querySelectorAll('[data-testid=state-error]').length",
        "an account error",
    )
    .await;
    world.set_faults("cyberpanel", serde_json::json!({})).await;
    assert_eq!(failed.as_u64(), Some(1), "only CyberPanel fails");
    let strip = check::text(c, "account-strip").await;
    assert!(strip.contains("HTTP 503"), "{strip}");
    find::until_js(
        c,
        "document.querySelectorAll('[data-testid=state-ready]').length === 4",
        "the four others loaded",
    )
    .await;
    for p in ["lnvps", "hostkey", "litevps", "llamalink"] {
        let n = check::count(c, &format!("[data-testid=server-row][data-provider={p}]")).await;
        assert!(n >= 1, "{p} still lists");
    }
    browser.close().await;
}

#[tokio::test]
async fn lnvps_signs_with_the_browsers_nostr_extension() {
    let world = World::get();
    let browser = world.browser().await;
    let c = &browser.client;
    browser.open("/?test_nostr=1").await;
    let account = loopback_accounts(world, None).await.remove(0);
    action::click(c, "nav-accounts").await;
    action::choose(c, "add-provider", "lnvps").await;
    action::click(c, "connect-extension").await;
    assert_eq!(check::text(c, "npub").await, nostr_shim::npub());
    action::add_account(c, &account).await;
    action::click(c, "leave-sandbox").await;
    action::click(c, "nav-all").await;
    let n = find::until_js(
        c,
        "document.querySelectorAll('[data-testid=server-row][data-provider=lnvps]').length",
        "LNVPS rows",
    )
    .await;
    assert!(n.as_u64().unwrap_or(0) >= 1);
    browser.close().await;
}

#[tokio::test]
async fn remembered_accounts_are_never_stored_in_clear() {
    let world = World::get();
    let browser = browser_with_loopback_accounts(world, Some("correct horse battery")).await;
    let c = &browser.client;
    let creds = world.credentials().await;
    let secrets = [
        cred(&creds, "hostkey", "api key"),
        cred(&creds, "hostkey", "pin"),
        cred(&creds, "cyberpanel", "api key"),
        cred(&creds, "litevps", "password"),
        cred(&creds, "llamalink", "api key"),
    ];
    let stored = find::until_js(
        c,
        r#"((async () => {
            const dump = { local: {}, session: {}, cookies: document.cookie, idb: [] };
            for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); dump.local[k] = localStorage.getItem(k); }
            for (let i = 0; i < sessionStorage.length; i++) { const k = sessionStorage.key(i); dump.session[k] = sessionStorage.getItem(k); }
            if (indexedDB.databases) dump.idb = await indexedDB.databases();
            window.__dump = JSON.stringify(dump);
        })(), true)"#,
        "storage dump",
    )
    .await;
    assert_eq!(stored, Value::Bool(true));
    let dump = find::until_js(c, "window.__dump", "storage dump").await;
    let dump = dump.as_str().unwrap_or_default().to_string();
    assert!(dump.contains("panel.vault"), "the vault is stored: {dump}");
    for secret in &secrets {
        assert!(
            !dump.contains(secret.as_str()),
            "a credential is stored in clear: {secret}"
        );
    }
    assert!(
        !dump.contains("litevps-loop"),
        "account labels are inside the vault too"
    );

    // After a reload the accounts come back only with the passphrase.
    browser.open("/accounts").await;
    find::by_testid(c, "vault-locked").await;
    action::type_into(c, "vault-passphrase", "wrong passphrase").await;
    action::click(c, "vault-unlock").await;
    find::until_js(
        c,
        "document.body.textContent.includes('wrong passphrase')",
        "a wrong passphrase is refused",
    )
    .await;
    action::type_into(c, "vault-passphrase", "correct horse battery").await;
    action::click(c, "vault-unlock").await;
    find::by_testid(c, "vault-unlocked").await;
    let cards = check::count(c, "[data-testid^=account-acc-]").await;
    assert_eq!(cards, 5, "the five remembered accounts are back");
    browser.close().await;
}
