//! Ordering an LNVPS server through the panel, against the loopback sandbox:
//! the wizard to a Lightning invoice whose QR code is decoded and compared,
//! payment, provisioning to running; a reload in the middle of an order
//! that ends with one order at LNVPS, not two; and every rule of the order
//! form with its message.

use e2e::action::{self, NewAccount};
use e2e::order::{advance_sandbox_clock, choose_containing, order_state, says, JOURNAL};
use e2e::world::{http_request_with, request_log};
use e2e::{check, find, nostr_shim, Browser, World};
use serde_json::Value;

/// Faults set on the shared sandbox would disturb the other scenarios: a
/// scenario that sets some holds this exclusively, the others share it.
static FAULTS: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// A test SSH public key (any well-formed line: the sandbox stores it).
const PUBLIC_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl e2e@panel";

/// Opens the panel with the test NIP-07 extension, adds a loopback LNVPS
/// account (remembered with `passphrase` when given), hides the demo accounts
/// and opens the account's order wizard.
async fn open_wizard(world: &World, label: &str, passphrase: Option<&str>) -> Browser {
    let browser = world.browser().await;
    let c = &browser.client;
    browser.open("/?test_nostr=1").await;
    action::add_account(
        c,
        &NewAccount {
            provider: "lnvps".into(),
            label: label.into(),
            base_url: format!("{}/lnvps", world.sandbox),
            nostr: true,
            remember: passphrase.map(str::to_string),
            ..Default::default()
        },
    )
    .await;
    action::click(c, "leave-sandbox").await;
    action::click(c, "nav-all").await;
    action::click_css(c, "[data-testid=order-entries] summary").await;
    find::by_css(c, "[data-testid^=order-acc-]").await;
    browser
        .screenshot(&format!("order-lnvps-entry-{label}"))
        .await;
    action::click_css(c, "[data-testid^=order-acc-]").await;
    find::by_testid(c, "lnvps-wizard").await;
    browser
}

/// Adds `PUBLIC_KEY` named `name` inline and waits until it is the chosen key.
async fn add_key(c: &fantoccini::Client, name: &str) {
    action::choose(c, "ssh-key", "new").await;
    action::type_into(c, "new-key-name", name).await;
    action::type_into(c, "new-key-data", PUBLIC_KEY).await;
    action::click(c, "add-key").await;
    find::until_js(
        c,
        &format!(
            "(() => {{ const s = document.querySelector('[data-testid=ssh-key]'); \
             return s && s.value !== 'new' && s.value !== '' && s.selectedOptions[0].textContent === {name:?}; }})()"
        ),
        "the new key chosen",
    )
    .await;
}

/// Chooses Ubuntu 24.04 on x86-64 and the first standard template.
async fn choose_image_and_template(c: &fantoccini::Client) {
    choose_containing(c, "image", &["Ubuntu 24.04", "x86_64"]).await;
    let first = find::until_js(
        c,
        "document.querySelector('[data-testid=plan] optgroup[label=Templates] option')?.value",
        "a template",
    )
    .await;
    action::choose(c, "plan", first.as_str().unwrap_or_default()).await;
}

/// The LNVPS VMs of the test user that use the SSH key named `key_name`.
async fn vms_with_key(world: &World, key_name: &str) -> Vec<Value> {
    let path = "/lnvps/api/v1/vm";
    let auth = nostr_shim::nip98_authorization(&format!("{}{path}", world.sandbox), "GET");
    let (status, body) = http_request_with(
        &world.sandbox,
        "GET",
        path,
        &[("authorization", &auth)],
        None,
    )
    .await;
    assert_eq!(status, 200, "listing VMs: {body}");
    let list: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
    list["data"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .filter(|vm| vm["ssh_key"]["name"] == key_name)
        .collect()
}

/// How many custom-build orders the sandbox has received (its request log).
fn custom_orders_logged() -> usize {
    request_log()
        .iter()
        .filter(|entry| {
            entry["provider"] == "lnvps"
                && entry["method"] == "POST"
                && entry["path"] == "/api/v1/vm/custom-template"
        })
        .count()
}

/// Marks the invoice of the order followed on the page paid, as a wallet would.
async fn pay_the_invoice(world: &World, c: &fantoccini::Client) {
    let payment = find::until_js(
        c,
        &format!("{JOURNAL}.map(e => e.operation && e.operation.payment_id).find(Boolean)"),
        "the journaled payment id",
    )
    .await;
    let id = payment.as_str().unwrap_or_default();
    let (status, body) = e2e::world::http_request(
        &world.sandbox,
        "POST",
        &format!("/_sandbox/lnvps/pay/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 200, "paying {id}: {body}");
}

/// Decodes the QR code in a PNG screenshot (enlarged twice, pixel for
/// pixel: the reader wants more than the 4 pixels per module shown).
fn decode_qr(png: &[u8]) -> String {
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .expect("a PNG screenshot")
        .to_luma8();
    let (w, h) = image.dimensions();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(2 * w as usize, 2 * h as usize, |x, y| {
            image.get_pixel(x as u32 / 2, y as u32 / 2).0[0]
        });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the invoice");
    grids[0].decode().expect("a readable QR code").1
}

#[tokio::test]
async fn an_lnvps_server_is_ordered_paid_over_lightning_and_followed_until_running() {
    let _shared = FAULTS.read().await;
    let world = World::get();
    let browser = open_wizard(world, "lnvps-order", None).await;
    let c = &browser.client;
    add_key(c, "order-key").await;
    choose_image_and_template(c).await;
    let price = check::text(c, "price").await;
    assert!(
        price.contains("per month"),
        "the price before ordering: {price}"
    );
    browser.screenshot("order-lnvps-wizard").await;

    // A WebLN wallet (as a browser extension injects it) that records what it is asked to pay.
    check::js(
        c,
        "window.webln = { enable: async () => {}, sendPayment: async (invoice) => { window.__webln_paid = invoice; return { preimage: '00' }; } }, true",
    )
    .await;
    action::click(c, "place-order").await;
    find::until_js(c, "location.search.includes('order=')", "the order's page").await;
    let qr = find::by_testid(c, "invoice-qr").await;
    let bolt11 = check::js(
        c,
        "document.querySelector('[data-testid=invoice-bolt11]').value",
    )
    .await;
    let bolt11 = bolt11.as_str().unwrap_or_default().to_string();
    assert!(bolt11.starts_with("lnbc"), "a BOLT11 invoice: {bolt11}");
    let png = qr.screenshot().await.expect("a screenshot of the QR code");
    std::fs::write(e2e::world::out_dir().join("order-lnvps-qr.png"), &png).expect("QR saved");
    assert_eq!(decode_qr(&png), format!("lightning:{bolt11}"));
    let wallet = check::js(
        c,
        "document.querySelector('[data-testid=open-wallet]').getAttribute('href')",
    )
    .await;
    assert_eq!(wallet, Value::String(format!("lightning:{bolt11}")));
    let countdown = check::text(c, "invoice-countdown").await;
    assert!(
        countdown.starts_with("Expires in 10:") || countdown.starts_with("Expires in 9:"),
        "{countdown}"
    );
    let stage = check::text(c, "order-stage").await;
    assert!(stage.contains("Awaiting payment"), "{stage}");
    browser.screenshot("order-lnvps-invoice").await;

    // The journal keeps ids and a summary: no invoice, no key.
    let journal = check::js(c, "localStorage.getItem('panel.orders')").await;
    let journal = journal.as_str().unwrap_or_default();
    assert!(
        journal.contains("\"state\":\"awaiting_payment\""),
        "{journal}"
    );
    assert!(!journal.contains(&bolt11), "no invoice in the journal");
    assert!(!journal.contains("AAAAC3Nz"), "no key in the journal");

    action::click(c, "webln-pay").await;
    let asked = find::until_js(c, "window.__webln_paid", "the WebLN wallet asked to pay").await;
    assert_eq!(asked, Value::String(bolt11.clone()));
    pay_the_invoice(world, c).await;
    order_state(c, "provisioning").await;
    browser.screenshot("order-lnvps-provisioning").await;
    // Provisioning takes LNVPS 30 s: the sandbox's clock is moved on instead of waiting.
    advance_sandbox_clock(world, 31_000).await;
    order_state(c, "running").await;
    let stages = check::js(
        c,
        "[...document.querySelectorAll('[data-testid=stage]')].map(s => s.className + ':' + s.textContent)",
    )
    .await;
    let stages: Vec<String> = serde_json::from_value(stages).unwrap_or_default();
    assert_eq!(stages.len(), 4, "{stages:?}");
    assert!(
        stages.iter().all(|s| s.starts_with("stage done")),
        "{stages:?}"
    );
    browser.screenshot("order-lnvps-running").await;

    action::click(c, "order-server-link").await;
    find::by_testid(c, "server-name").await;
    assert_eq!(check::text(c, "status").await, "running");
    assert_eq!(vms_with_key(world, "order-key").await.len(), 1);
    browser.close().await;
}

#[tokio::test]
async fn a_reload_while_an_order_is_on_its_way_never_orders_twice() {
    let _exclusive = FAULTS.write().await;
    let world = World::get();
    let passphrase = "a reload never orders twice";
    let browser = open_wizard(world, "lnvps-reload", Some(passphrase)).await;
    let c = &browser.client;
    assert_eq!(custom_orders_logged(), 0);
    add_key(c, "reload-key").await;
    // A custom build: its request (`POST /vm/custom-template`) is this test's alone in the log.
    choose_containing(c, "image", &["Ubuntu 24.04", "x86_64"]).await;
    let custom = find::until_js(
        c,
        "document.querySelector('[data-testid=plan] optgroup[label=\"Custom build\"] option')?.value",
        "a custom plan",
    )
    .await;
    action::choose(c, "plan", custom.as_str().unwrap_or_default()).await;
    action::type_into(c, "custom-cpu", "2").await;
    action::type_into(c, "custom-memory", "4").await;
    action::type_into(c, "custom-disk", "80").await;

    // LNVPS takes the order at once but its answer is held back: the reload
    // happens after the order arrived and before the panel heard of it.
    world
        .set_faults("lnvps", serde_json::json!({ "latency_ms": 8000 }))
        .await;
    action::click(c, "place-order").await;
    let written = find::until_js(
        c,
        &format!("{JOURNAL}.length === 1 && {JOURNAL}[0].state"),
        "the journal entry",
    )
    .await;
    assert_eq!(
        written,
        Value::String("sending".into()),
        "journaled before it was sent"
    );
    let deadline = std::time::Instant::now() + find::WAIT;
    while custom_orders_logged() == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the order reached LNVPS"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let still = check::js(c, &format!("{JOURNAL}[0].state")).await;
    assert_eq!(
        still,
        Value::String("sending".into()),
        "the answer has not come yet"
    );
    browser.open("/accounts?test_nostr=1").await;
    world.set_faults("lnvps", serde_json::json!({})).await;

    // After the reload the order waits for its account, then is found, not re-sent.
    action::type_into(c, "vault-passphrase", passphrase).await;
    action::click(c, "vault-unlock").await;
    find::by_testid(c, "vault-unlocked").await;
    action::click(c, "nav-all").await;
    find::by_testid(c, "order-row").await;
    browser.screenshot("order-lnvps-fleet-orders").await;
    action::click(c, "order-open").await;
    find::by_testid(c, "order").await;
    browser.screenshot("order-lnvps-after-reload").await;
    find::by_testid(c, "invoice-qr").await;
    let note = check::text(c, "order-note").await;
    assert!(note.contains("it was not sent again"), "{note}");
    browser.screenshot("order-lnvps-resumed").await;

    pay_the_invoice(world, c).await;
    order_state(c, "provisioning").await;
    let vms = vms_with_key(world, "reload-key").await;
    assert_eq!(vms.len(), 1, "exactly one order at LNVPS: {vms:?}");
    assert_eq!(custom_orders_logged(), 1, "the order was sent once");
    let journal = check::js(c, JOURNAL).await;
    assert_eq!(journal.as_array().map(Vec::len), Some(1), "{journal}");
    assert_eq!(journal[0]["server_id"], vms[0]["id"].to_string().as_str());
    browser.close().await;
}

#[tokio::test]
async fn every_rule_of_the_lnvps_order_form_shows_its_message() {
    let _shared = FAULTS.read().await;
    let world = World::get();
    let browser = open_wizard(world, "lnvps-rules", None).await;
    let c = &browser.client;

    action::click(c, "place-order").await;
    says(c, "ssh-key", "Choose an SSH key, or add one").await;
    says(c, "image", "Choose an operating system image").await;
    says(c, "plan", "Choose a plan").await;
    find::by_testid(c, "form-errors").await;

    action::choose(c, "ssh-key", "new").await;
    action::click(c, "place-order").await;
    says(c, "ssh-key", "Add the new key first").await;
    for (text, rule) in [
        (
            "not-a-key AAAA",
            "must be an OpenSSH public key starting with a key type",
        ),
        (
            "ssh-ed25519",
            "the key itself is missing after `ssh-ed25519`",
        ),
        (
            "ssh-ed25519 AAAA\nssh-rsa BBBB",
            "must be one key on one line",
        ),
    ] {
        action::type_into(c, "new-key-data", text).await;
        action::click(c, "add-key").await;
        says(c, "key-data", rule).await;
    }

    choose_containing(c, "image", &["Ubuntu 24.04", "arm64"]).await;
    let x86 = find::until_js(
        c,
        "[...document.querySelectorAll('[data-testid=plan] optgroup[label=Templates] option')].find(o => !o.textContent.includes('arm'))?.value",
        "an x86-64 template",
    )
    .await;
    action::choose(c, "plan", x86.as_str().unwrap_or_default()).await;
    action::click(c, "place-order").await;
    says(c, "image", "is built for arm64, but this plan runs x86_64").await;

    choose_containing(c, "image", &["Ubuntu 24.04", "x86_64"]).await;
    let custom = find::until_js(
        c,
        "document.querySelector('[data-testid=plan] optgroup[label=\"Custom build\"] option')?.value",
        "a custom plan",
    )
    .await;
    action::choose(c, "plan", custom.as_str().unwrap_or_default()).await;
    find::by_testid(c, "custom-fields").await;
    for (field, value, rule) in [
        ("cpu", "99", "CPU cores must be between 1 and 8 (got 99)"),
        ("cpu", "", "CPU cores must be a whole number"),
        (
            "memory",
            "64",
            "Memory must be between 1 and 32 GiB (got 64 GiB)",
        ),
        (
            "disk",
            "5",
            "disk must be between 10 and 1024 GiB (got 5 GiB)",
        ),
    ] {
        action::type_into(c, &format!("custom-{field}"), value).await;
        action::click(c, "place-order").await;
        says(c, field, rule).await;
        let price = check::text(c, "price").await;
        assert!(
            price.contains("No price yet"),
            "no price for a build out of limits: {price}"
        );
    }
    browser.screenshot("order-lnvps-rules").await;

    // Within the limits, LNVPS prices the build live.
    action::type_into(c, "custom-cpu", "2").await;
    action::type_into(c, "custom-memory", "4").await;
    action::type_into(c, "custom-disk", "80").await;
    let price = find::until_js(
        c,
        "document.querySelector('[data-testid=price]').textContent.includes('per month') && document.querySelector('[data-testid=price]').textContent",
        "the live price of the custom build",
    )
    .await;
    assert!(
        price.as_str().unwrap_or_default().contains("EUR"),
        "{price}"
    );
    assert_eq!(
        check::js(c, JOURNAL).await,
        Value::Array(Vec::new()),
        "nothing was ordered"
    );
    browser.close().await;
}

#[tokio::test]
async fn in_sandbox_mode_a_demo_order_is_paid_with_a_simulated_payment() {
    let world = World::get();
    let browser = world.browser().await;
    let c = &browser.client;
    browser.open("/").await;
    action::click_css(c, "[data-testid=order-entries] summary").await;
    action::click(c, "order-sandbox-lnvps").await;
    find::by_testid(c, "lnvps-wizard").await;
    add_key(c, "demo-key").await;
    choose_image_and_template(c).await;
    action::click(c, "place-order").await;
    find::by_testid(c, "invoice-qr").await;
    let first = check::js(
        c,
        "document.querySelector('[data-testid=invoice-bolt11]').value",
    )
    .await;

    // Eleven minutes later (the page's clock, which the in-browser sandbox
    // shares) the invoice has expired and a new one is offered.
    check::js(
        c,
        "(() => { const now = Date.now; Date.now = () => now() + 11 * 60 * 1000; return true; })()",
    )
    .await;
    find::by_testid(c, "new-invoice").await;
    let countdown = check::text(c, "invoice-countdown").await;
    assert!(countdown.contains("expired"), "{countdown}");
    browser.screenshot("order-lnvps-invoice-expired").await;
    action::click(c, "new-invoice").await;
    let second = find::until_js(
        c,
        &format!(
            "(document.querySelector('[data-testid=invoice-bolt11]') || {{}}).value !== {first} && document.querySelector('[data-testid=invoice-bolt11]')?.value"
        ),
        "a new invoice",
    )
    .await;
    assert!(
        second.as_str().unwrap_or_default().starts_with("lnbc"),
        "{second}"
    );
    assert!(check::text(c, "invoice-countdown")
        .await
        .starts_with("Expires in"));
    action::click(c, "simulate-payment").await;
    order_state(c, "provisioning").await;
    let stage = check::text(c, "order-stage").await;
    assert!(
        stage.contains("creating"),
        "LNVPS's own state is shown: {stage}"
    );
    browser.screenshot("order-lnvps-sandbox-mode").await;
    browser.close().await;
}

#[tokio::test]
async fn a_failed_answer_is_checked_at_lnvps_before_anything_is_sent_again() {
    let _exclusive = FAULTS.write().await;
    let world = World::get();
    let browser = open_wizard(world, "lnvps-failing", None).await;
    let c = &browser.client;
    add_key(c, "failing-key").await;
    choose_image_and_template(c).await;

    // LNVPS answers 503 to everything: did the order arrive? The panel cannot know yet.
    world
        .set_faults(
            "lnvps",
            serde_json::json!({ "error_rate": 1.0, "error_status": 503 }),
        )
        .await;
    action::click(c, "place-order").await;
    let error = find::until_js(
        c,
        "document.querySelector('[data-testid=order] [data-testid=error]')?.textContent",
        "the provider's error",
    )
    .await;
    world.set_faults("lnvps", serde_json::json!({})).await;
    assert!(
        error.as_str().unwrap_or_default().contains("HTTP 503"),
        "{error}"
    );
    order_state(c, "sending").await;
    browser.screenshot("order-lnvps-unknown-outcome").await;

    // Checking again looks at LNVPS's VM list and sends nothing.
    action::click(c, "retry").await;
    order_state(c, "not ordered").await;
    let note = check::text(c, "order-note").await;
    assert!(note.contains("it never arrived"), "{note}");
    assert!(vms_with_key(world, "failing-key").await.is_empty());
    browser.close().await;
}
