//! Ordering from LlamaLink, LiteVPS and CyberPanel through the panel,
//! against the loopback sandbox: each order form to a running server with
//! the provider's own progress, a LiteVPS batch with a result per server,
//! a reload while an order is on its way that ends with one server, and
//! every rule of each form with its message (nothing sent).

use e2e::action::{self, NewAccount};
use e2e::loopback::{self, account_id, browser_with_accounts, credential};
use e2e::order::{advance_sandbox_clock, choose_containing, order_state, says, JOURNAL};
use e2e::world::request_log;
use e2e::{check, find, Browser, World};
use serde_json::Value;

/// Faults set on the shared sandbox, or its clock moved on, would disturb the
/// other scenarios: a scenario that does either holds this exclusively (so
/// no order's set-up finishes before its progress is seen), the others share it.
static FAULTS: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// A test SSH public key.
const PUBLIC_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl e2e@panel";

/// A browser holding `account` only, on its order form.
async fn open_form(world: &World, account: NewAccount) -> Browser {
    let slug = account.provider.clone();
    let label = account.label.clone();
    let browser = browser_with_accounts(world, &[account], false).await;
    let c = &browser.client;
    action::click(c, "leave-sandbox").await;
    action::click(c, "nav-all").await;
    let id = account_id(&browser, &label).await;
    action::click_css(c, "[data-testid=order-entries] summary").await;
    action::click(c, &format!("order-{id}")).await;
    find::by_testid(c, &format!("{slug}-wizard")).await;
    browser
}

/// The loopback account of `provider`, labelled `label`.
async fn account(world: &World, provider: &str, label: &str) -> NewAccount {
    NewAccount {
        label: label.into(),
        ..loopback::account(world, provider).await
    }
}

/// Requests of `provider` with `method` whose path holds `fragment`.
fn logged(provider: &str, method: &str, fragment: &str) -> Vec<Value> {
    request_log()
        .into_iter()
        .filter(|e| {
            e["provider"] == provider
                && e["method"] == method
                && e["path"].as_str().is_some_and(|p| p.contains(fragment))
        })
        .collect()
}

/// Places the order and waits for its page.
async fn place(c: &fantoccini::Client) {
    action::click(c, "place-order").await;
    let outcome = find::until_js(
        c,
        "location.search.includes('order=') ? 'placed' : \
         [...document.querySelectorAll('.field-error')].map(e => e.textContent).join(' | ') || null",
        "the order's page",
    )
    .await;
    assert_eq!(outcome, "placed", "the form refused the order");
    find::by_testid(c, "order").await;
}

/// The journal's only entry for this browser.
async fn journaled(c: &fantoccini::Client) -> Value {
    let journal = check::js(c, JOURNAL).await;
    assert_eq!(journal.as_array().map(Vec::len), Some(1), "{journal}");
    journal[0].clone()
}

/// Every stage of the bar ticked.
async fn all_stages_done(c: &fantoccini::Client) {
    let stages = check::js(
        c,
        "[...document.querySelectorAll('[data-testid=stage]')].map(s => s.className)",
    )
    .await;
    let stages: Vec<String> = serde_json::from_value(stages).unwrap_or_default();
    assert_eq!(stages.len(), 3, "order, provisioning, running: {stages:?}");
    assert!(
        stages.iter().all(|s| s.starts_with("stage done")),
        "{stages:?}"
    );
}

#[tokio::test]
async fn a_llamalink_plan_is_charged_to_the_saved_card_and_followed_until_running() {
    let _exclusive = FAULTS.write().await;
    let world = World::get();
    let browser = open_form(world, account(world, "llamalink", "llama-plan").await).await;
    let c = &browser.client;
    let terms = check::text(c, "order-terms").await;
    assert!(terms.contains("•••• 4242"), "the saved card: {terms}");
    choose_containing(c, "plan", &["Llama Spark"]).await;
    choose_containing(c, "os", &["Ubuntu 22.04"]).await;
    assert_eq!(check::text(c, "price").await, "Price: 54.00 ILS per month");
    browser.screenshot("order-llamalink-wizard").await;
    place(c).await;

    let entry = journaled(c).await;
    let op_id = entry["ticket"]["op_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(op_id.starts_with("panel-"), "{entry}");
    find::until_js(
        c,
        "document.querySelector('[data-testid=order-stage]')?.textContent.match(/queued|allocating/i) !== null",
        "LlamaLink's own stage name",
    )
    .await;
    browser.screenshot("order-llamalink-provisioning").await;
    advance_sandbox_clock(world, 61_000).await;
    order_state(c, "running").await;
    all_stages_done(c).await;
    let orders = logged("llamalink", "POST", "subscribe-vps");
    assert_eq!(orders.len(), 1, "ordered once: {orders:?}");
    assert!(
        !logged("llamalink", "GET", &format!("provision-progress/{op_id}")).is_empty(),
        "followed by the order's op id"
    );
    browser.screenshot("order-llamalink-running").await;
    action::click(c, "order-server-link").await;
    find::by_testid(c, "server-name").await;
    assert_eq!(check::text(c, "status").await, "running");
    browser.close().await;
}

#[tokio::test]
async fn a_llamalink_custom_build_is_priced_live_by_the_published_formula() {
    let _exclusive = FAULTS.write().await;
    let world = World::get();
    let browser = open_form(world, account(world, "llamalink", "llama-custom").await).await;
    let c = &browser.client;
    action::choose(c, "plan", "custom").await;
    action::type_into(c, "name", "build-e2e").await;
    // The seed's example: 4 Xeon E5 cores, 8 GB, 160 GB SSD, one IPv4 is 362.40 ILS.
    action::choose(c, "cpu-type", "xeonE5").await;
    action::type_into(c, "cpu-cores", "4").await;
    action::type_into(c, "ram", "8").await;
    action::choose(c, "storage-type", "ssd").await;
    action::type_into(c, "storage", "160").await;
    action::type_into(c, "ipv4", "1").await;
    choose_containing(c, "os", &["Debian 12"]).await;
    assert_eq!(check::text(c, "price").await, "Price: 362.40 ILS per month");
    action::choose(c, "cpu-type", "xeonGold").await;
    action::type_into(c, "cpu-cores", "2").await;
    // 2 × 17 + 8 × 7 + 160 × 1.5 + 4.
    assert_eq!(check::text(c, "price").await, "Price: 334.00 ILS per month");
    browser.screenshot("order-llamalink-custom").await;
    place(c).await;
    advance_sandbox_clock(world, 61_000).await;
    order_state(c, "running").await;
    assert_eq!(logged("llamalink", "POST", "custom-package").len(), 1);
    let summary = check::text(c, "order-summary").await;
    assert!(
        summary.starts_with("Custom build-e2e · 2 × Xeon Gold, 8 GB, 160 GB SSD"),
        "{summary}"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_litevps_server_is_created_from_a_plan_and_followed_until_running() {
    let _exclusive = FAULTS.write().await;
    let world = World::get();
    let browser = open_form(world, account(world, "litevps", "lite-plan").await).await;
    let c = &browser.client;
    choose_containing(c, "source", &["Plan Small"]).await;
    action::type_into(c, "name", "lite-e2e-one").await;
    let key = check::js(
        c,
        "document.querySelector('[data-testid=ssh-key]').selectedOptions[0].textContent",
    )
    .await;
    assert!(
        key.as_str().is_some_and(|k| k.starts_with("laptop")),
        "the account's key chosen: {key}"
    );
    let price = check::text(c, "price").await;
    assert!(price.contains("0.0208 USD/hour"), "{price}");
    browser.screenshot("order-litevps-wizard").await;
    place(c).await;
    order_state(c, "provisioning").await;
    advance_sandbox_clock(world, 21_000).await;
    order_state(c, "running").await;
    all_stages_done(c).await;
    let entry = journaled(c).await;
    assert!(entry["server_id"].is_string(), "{entry}");
    browser.screenshot("order-litevps-running").await;
    browser.close().await;
}

#[tokio::test]
async fn a_litevps_batch_shows_a_result_for_each_server() {
    let _exclusive = FAULTS.write().await;
    let world = World::get();
    let browser = open_form(world, account(world, "litevps", "lite-batch").await).await;
    let c = &browser.client;
    choose_containing(c, "source", &["Template debian-12-nano"]).await;
    action::type_into(c, "name", "batch-e2e").await;
    action::type_into(c, "count", "3").await;
    let price = check::text(c, "price").await;
    assert!(price.contains("/hour each"), "{price}");
    place(c).await;
    let items = find::all(c, "[data-testid=order-item]").await;
    assert_eq!(items.len(), 3);
    advance_sandbox_clock(world, 21_000).await;
    order_state(c, "running").await;
    let rows = check::js(
        c,
        "[...document.querySelectorAll('[data-testid=order-item]')].map(r => r.textContent)",
    )
    .await;
    let rows: Vec<String> = serde_json::from_value(rows).unwrap_or_default();
    for (i, row) in rows.iter().enumerate() {
        assert!(row.starts_with(&format!("batch-e2e-{}", i + 1)), "{rows:?}");
        assert!(row.contains("Running"), "{rows:?}");
    }
    assert_eq!(
        logged("litevps", "POST", "/api/vps/batch").len(),
        1,
        "one batch request"
    );
    browser.screenshot("order-litevps-batch").await;
    browser.close().await;
}

#[tokio::test]
async fn a_cyberpanel_vps_shows_its_deployment_tasks_until_ready() {
    let _exclusive = FAULTS.write().await;
    let world = World::get();
    let browser = open_form(world, account(world, "cyberpanel", "cp-order").await).await;
    let c = &browser.client;
    choose_containing(c, "plan", &["Starter"]).await;
    choose_containing(c, "location", &["Amsterdam"]).await;
    choose_containing(c, "template", &["Ubuntu 22.04"]).await;
    action::type_into(c, "hostname", "e2e-web.example.com").await;
    action::type_into(c, "root-password", "Sandbox2026pass").await;
    action::type_into(c, "ssh-key", PUBLIC_KEY).await;
    let price = check::text(c, "price").await;
    assert!(price.contains("6.00 USD per month"), "{price}");
    browser.screenshot("order-cyberpanel-wizard").await;
    place(c).await;
    let tasks = find::until_js(
        c,
        "document.querySelectorAll('[data-testid=order-tasks] li').length",
        "the deployment task list",
    )
    .await;
    assert_eq!(tasks, Value::from(10));
    let first = check::js(
        c,
        "document.querySelector('[data-testid=order-tasks] li').textContent",
    )
    .await;
    assert!(
        first
            .as_str()
            .is_some_and(|t| t.starts_with("validate_resources")),
        "{first}"
    );
    browser.screenshot("order-cyberpanel-deploying").await;
    let journal = check::js(c, "localStorage.getItem('panel.orders')").await;
    assert!(
        !journal
            .as_str()
            .unwrap_or_default()
            .contains("Sandbox2026pass"),
        "no root password in the journal"
    );
    advance_sandbox_clock(world, 181_000).await;
    order_state(c, "running").await;
    all_stages_done(c).await;
    assert_eq!(logged("cyberpanel", "POST", "/vps/create").len(), 1);
    browser.screenshot("order-cyberpanel-running").await;
    browser.close().await;
}

#[tokio::test]
async fn a_reload_while_a_litevps_order_is_on_its_way_finds_it_instead_of_ordering_again() {
    let _exclusive = FAULTS.write().await;
    let world = World::get();
    let passphrase = "one server, not two";
    let mut new = account(world, "litevps", "lite-reload").await;
    new.remember = Some(passphrase.into());
    let browser = open_form(world, new).await;
    let c = &browser.client;
    choose_containing(c, "source", &["Plan Nano"]).await;
    action::type_into(c, "name", "reload-e2e").await;
    let refused = check::js(
        c,
        "[...document.querySelectorAll('.field-error')].map(e => e.textContent).join(' | ')",
    )
    .await;
    assert_eq!(refused, "", "the form is complete");
    let created = || {
        logged("litevps", "POST", "/api/vps")
            .into_iter()
            .filter(|e| e["path"] == "/api/vps")
            .count()
    };
    let before = created();
    world
        .set_faults("litevps", serde_json::json!({ "latency_ms": 8000 }))
        .await;
    action::click(c, "place-order").await;
    let deadline = std::time::Instant::now() + find::WAIT;
    while created() == before {
        assert!(
            std::time::Instant::now() < deadline,
            "the order reached LiteVPS"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        check::js(c, &format!("{JOURNAL}[0].state")).await,
        "sending"
    );
    browser.open("/accounts").await;
    world.set_faults("litevps", serde_json::json!({})).await;
    action::type_into(c, "vault-passphrase", passphrase).await;
    action::click(c, "vault-unlock").await;
    find::by_testid(c, "vault-unlocked").await;
    action::click(c, "nav-all").await;
    action::click(c, "order-open").await;
    find::by_testid(c, "order").await;
    find::until_js(
        c,
        "document.querySelector('[data-testid=order-note]')?.textContent.includes('it was not sent again')",
        "the order found at LiteVPS",
    )
    .await;
    advance_sandbox_clock(world, 21_000).await;
    order_state(c, "running").await;
    assert_eq!(created(), before + 1, "sent once");
    browser.screenshot("order-litevps-after-reload").await;
    browser.close().await;
}

#[tokio::test]
async fn every_rule_of_the_llamalink_form_shows_its_message() {
    let _shared = FAULTS.read().await;
    let world = World::get();
    let creds = world.credentials().await;
    let no_card = NewAccount {
        key: Some(credential(
            &creds,
            "llamalink",
            "API key (no payment method)",
        )),
        ..account(world, "llamalink", "llama-rules").await
    };
    let browser = open_form(world, no_card).await;
    let c = &browser.client;
    let sent = logged("llamalink", "POST", "/").len();
    action::click(c, "place-order").await;
    says(c, "plan", "Choose a plan or a custom build").await;
    says(c, "os", "Choose an operating system").await;
    says(c, "payment", "no saved card").await;
    find::by_testid(c, "form-errors").await;

    action::choose(c, "plan", "custom").await;
    choose_containing(c, "os", &["Windows"]).await;
    action::type_into(c, "name", "").await;
    action::click(c, "place-order").await;
    says(c, "name", "The server name is required").await;
    for (field, text, rule) in [
        (
            "name",
            "my server",
            "The server name: use at most 63 letters, digits",
        ),
        ("cpu-cores", "0", "CPU cores must be between 1 and 64"),
        ("cpu-cores", "two", "CPU cores must be a whole number"),
        ("ram", "600", "Memory must be between 1 and 512"),
        ("storage", "5", "Disk must be between 10 and 4000"),
        ("ipv4", "17", "IPv4 addresses must be between 0 and 16"),
    ] {
        action::type_into(c, field, text).await;
        action::click(c, "place-order").await;
        says(c, field, rule).await;
    }
    action::type_into(c, "name", "win-e2e").await;
    action::type_into(c, "cpu-cores", "2").await;
    action::type_into(c, "ram", "4").await;
    action::type_into(c, "ipv4", "1").await;
    action::type_into(c, "storage", "20").await;
    action::click(c, "place-order").await;
    says(c, "storage", "Windows needs at least 32 GB").await;
    browser.screenshot("order-llamalink-rules").await;
    assert_eq!(
        logged("llamalink", "POST", "/").len(),
        sent,
        "nothing was sent"
    );
    browser.close().await;
}

#[tokio::test]
async fn every_rule_of_the_litevps_form_shows_its_message() {
    let _shared = FAULTS.read().await;
    let world = World::get();
    let creds = world.credentials().await;
    let low = NewAccount {
        user: Some(credential(&creds, "litevps", "low-balance email")),
        ..account(world, "litevps", "lite-rules").await
    };
    let browser = open_form(world, low).await;
    let c = &browser.client;
    let sent = logged("litevps", "POST", "/api/vps").len();
    action::click(c, "place-order").await;
    says(c, "source", "Choose a plan or a template").await;
    says(c, "name", "The host name is required").await;
    for (text, rule) in [
        ("web_1", "a hostname has only letters, digits and hyphens"),
        ("-web", "a hostname does not start or end with a hyphen"),
        (&"a".repeat(64), "a hostname has at most 63 characters"),
    ] {
        action::type_into(c, "name", text).await;
        action::click(c, "place-order").await;
        says(c, "name", rule).await;
    }
    action::type_into(c, "name", "low-e2e").await;
    action::type_into(c, "count", "11").await;
    action::click(c, "place-order").await;
    says(c, "count", "How many must be between 1 and 10").await;
    action::type_into(c, "count", "1").await;
    choose_containing(c, "source", &["Plan Large"]).await;
    action::click(c, "place-order").await;
    says(
        c,
        "payment",
        "Your LiteVPS balance is 0.042 USD; this server needs 0.0833 USD for its first hour",
    )
    .await;
    browser.screenshot("order-litevps-rules").await;
    assert_eq!(
        logged("litevps", "POST", "/api/vps").len(),
        sent,
        "nothing was sent"
    );
    browser.close().await;
}

#[tokio::test]
async fn every_rule_of_the_cyberpanel_form_shows_its_message() {
    let _shared = FAULTS.read().await;
    let world = World::get();
    let browser = open_form(world, account(world, "cyberpanel", "cp-rules").await).await;
    let c = &browser.client;
    let sent = logged("cyberpanel", "POST", "/vps/create").len();
    action::click(c, "place-order").await;
    says(c, "plan", "Choose a plan").await;
    says(c, "location", "Choose a location").await;
    says(c, "template", "Choose an operating system").await;
    says(c, "hostname", "The host name is required").await;
    says(c, "root-password", "must be at least 8 characters").await;
    for (text, rule) in [
        ("localhost", "is not a fully qualified name"),
        (
            "my_server.example.com",
            "may contain only letters, digits and hyphens",
        ),
        ("-web.example.com", "must not start or end with a hyphen"),
        ("web..example.com", "has an empty label"),
    ] {
        action::type_into(c, "hostname", text).await;
        action::click(c, "place-order").await;
        says(c, "hostname", rule).await;
    }
    for (text, rule) in [
        ("onlyletters", "must contain letters AND numbers"),
        (
            &format!("a1{}", "b".repeat(71)),
            "must not exceed 72 characters",
        ),
    ] {
        action::type_into(c, "root-password", text).await;
        action::click(c, "place-order").await;
        says(c, "root-password", rule).await;
    }
    action::type_into(c, "hostname", "rules.example.com").await;
    action::type_into(c, "root-password", "Sandbox2026pass").await;
    action::type_into(c, "ssh-key", "AAAAC3Nz not-a-key").await;
    choose_containing(c, "plan", &["Enterprise"]).await;
    choose_containing(c, "location", &["Los Angeles"]).await;
    choose_containing(c, "template", &["Ubuntu 22.04"]).await;
    action::click(c, "place-order").await;
    says(c, "ssh-key", "must be an OpenSSH public key").await;
    // The balance drains as the sandbox's servers run: the rule names both amounts.
    says(c, "payment", "Your CyberPanel balance is ").await;
    says(c, "payment", "; this order needs 192.00 USD").await;
    browser.screenshot("order-cyberpanel-rules").await;
    assert_eq!(
        logged("cyberpanel", "POST", "/vps/create").len(),
        sent,
        "nothing was sent"
    );
    browser.close().await;
}

/// HOSTKEY requests logged with `action` (`order_instance`, `apply_credit`).
fn hostkey_calls(action: &str) -> usize {
    request_log()
        .iter()
        .filter(|e| e["provider"] == "hostkey" && e["action"] == action)
        .count()
}

/// Turns HOSTKEY's automatic payment from credit on or off, as the account
/// holder would in HOSTKEY's billing settings.
async fn hostkey_autopay(world: &World, on: bool) {
    let creds = world.credentials().await;
    let key = credential(&creds, "hostkey", "api key");
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let (status, body) = e2e::world::http_request_with(
        &world.sandbox,
        "POST",
        "/hostkey/auth.php",
        &form,
        Some(format!("action=login&key={key}")),
    )
    .await;
    assert_eq!(status, 200, "login: {body}");
    let reply: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    let token = reply["result"]["token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!token.is_empty(), "a session token: {body}");
    let value = if on { "on" } else { "off" };
    let (status, body) = e2e::world::http_request_with(
        &world.sandbox,
        "POST",
        "/hostkey/whmcs.php",
        &form,
        Some(format!(
            "action=update_client&co_autopayment={value}&token={token}"
        )),
    )
    .await;
    assert_eq!(status, 200, "autopay {value}: {body}");
}

#[tokio::test]
async fn a_hostkey_order_is_paid_from_credit_and_deployed_until_running() {
    let _exclusive = FAULTS.write().await;
    let world = World::get();
    hostkey_autopay(world, false).await;
    let browser = open_form(world, account(world, "hostkey", "hk-order").await).await;
    let c = &browser.client;
    action::choose(c, "location", "NL").await;
    choose_containing(c, "preset", &["vm.nano"]).await;
    choose_containing(c, "os", &["Ubuntu 22.04"]).await;
    choose_containing(c, "traffic", &["3Tb"]).await;
    action::choose(c, "software", "none").await;
    action::type_into(c, "hostname", "hk-e2e").await;
    action::type_into(c, "root-password", "Sandbox#2026").await;
    action::type_into(c, "ssh-key", PUBLIC_KEY).await;
    let price = check::text(c, "price").await;
    assert!(price.starts_with("Price: 4.00 EUR for 1 month"), "{price}");
    action::choose(c, "period", "quarterly").await;
    let price = check::text(c, "price").await;
    assert!(
        price.starts_with("Price: 12.00 EUR for 3 months"),
        "{price}"
    );
    browser.screenshot("order-hostkey-wizard").await;
    let ordered = hostkey_calls("order_instance");
    place(c).await;
    order_state(c, "awaiting payment").await;
    find::by_testid(c, "hostkey-invoice").await;
    browser.screenshot("order-hostkey-invoice").await;
    let invoice = journaled(c).await["invoice"].clone();
    assert!(invoice.is_string(), "the invoice is journaled");
    action::click(c, "pay-from-credit").await;
    order_state(c, "provisioning").await;
    assert_eq!(hostkey_calls("apply_credit"), 1);
    hostkey_autopay(world, true).await;
    advance_sandbox_clock(world, 61_000).await;
    order_state(c, "running").await;
    assert_eq!(hostkey_calls("order_instance"), ordered + 1, "ordered once");
    browser.screenshot("order-hostkey-running").await;
    action::click(c, "order-server-link").await;
    find::by_testid(c, "server-name").await;
    assert_eq!(check::text(c, "status").await, "running");
    browser.close().await;
}

#[tokio::test]
async fn every_rule_of_the_hostkey_form_shows_its_message() {
    let _shared = FAULTS.read().await;
    let world = World::get();
    let browser = open_form(world, account(world, "hostkey", "hk-rules").await).await;
    let c = &browser.client;
    let ordered = hostkey_calls("order_instance");
    action::click(c, "place-order").await;
    says(c, "preset", "Choose a preset").await;
    says(c, "os", "Choose an operating system").await;
    says(c, "traffic", "Choose a traffic plan").await;
    says(c, "hostname", "The host name is required").await;
    says(c, "root-password", "must be at least 8 characters long").await;
    for (text, rule) in [
        ("alllowercase#1", "must contain an upper-case Latin letter"),
        ("ALLUPPERCASE#1", "must contain a lower-case Latin letter"),
        (
            "NoSpecial123",
            "must contain at least one special character",
        ),
    ] {
        action::type_into(c, "root-password", text).await;
        action::click(c, "place-order").await;
        says(c, "root-password", rule).await;
    }
    action::type_into(c, "root-password", "Sandbox#2026").await;
    action::type_into(c, "hostname", "bad host").await;
    action::type_into(c, "ssh-key", "sk-ssh-ed25519@openssh.com AAAAGnNr").await;
    action::click(c, "place-order").await;
    says(c, "hostname", "is not a valid host name").await;
    says(c, "ssh-key", "ssh-ed25519, ssh-rsa or ecdsa-sha2").await;
    browser.screenshot("order-hostkey-rules").await;
    assert_eq!(hostkey_calls("order_instance"), ordered, "nothing was sent");
    browser.close().await;
}
