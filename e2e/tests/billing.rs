//! Billing in a real browser against the loopback sandbox: each provider's
//! billing page shows what the sandbox itself answers (fetched here by the
//! test, straight from its API), a LiteVPS top-up outside $5–$50 is refused
//! before anything is sent, an LNVPS renewal invoice is shown as a QR code
//! and followed until paid, and the monthly cost summary adds up the fleet.

use e2e::loopback::{self, credential};
use e2e::world::{http_request_with, request_log};
use e2e::{action, check, find, nostr_shim, Browser, World};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;
use std::collections::BTreeSet;
use std::str::FromStr;

/// A decimal from a JSON number or numeric string.
fn dec(v: &Value) -> Decimal {
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .unwrap_or_else(|e| panic!("`{text}` is not a number: {e}"))
}

/// The ids of every JSON object in `list`, as text.
fn ids(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("a list: {list}"))
        .iter()
        .map(|item| match &item["id"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// `data-<attr>` of every element matching `css`.
async fn data_of(browser: &Browser, css: &str, attr: &str) -> Vec<String> {
    let value = check::js(
        &browser.client,
        &format!("[...document.querySelectorAll({css:?})].map(e => e.dataset.{attr})"),
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}

/// Waits until at least one `css` element is on the page, then returns `data-<attr>` of all.
async fn wait_data_of(browser: &Browser, css: &str, attr: &str, what: &str) -> Vec<String> {
    find::until_js(
        &browser.client,
        &format!("document.querySelectorAll({css:?}).length"),
        what,
    )
    .await;
    data_of(browser, css, attr).await
}

/// The balance the page shows, once loaded.
async fn shown_balance(browser: &Browser) -> Decimal {
    let el = find::by_testid(&browser.client, "balance").await;
    let amount = el
        .attr("data-amount")
        .await
        .ok()
        .flatten()
        .expect("the balance carries its amount");
    Decimal::from_str(&amount).expect("a decimal balance")
}

/// Opens the billing page of the loopback account for `provider` from the side navigation.
async fn open_billing(world: &World, provider: &str) -> Browser {
    let browser = loopback::browser_with(world, &[provider], false).await;
    let id = loopback::account_id(&browser, &format!("{provider}-loop")).await;
    action::click(&browser.client, &format!("nav-billing-{id}")).await;
    let title = check::text(&browser.client, "billing-title").await;
    assert!(title.contains(&format!("{provider}-loop")), "{title}");
    find::by_testid(&browser.client, &format!("billing-{provider}")).await;
    browser
}

/// A GET on the sandbox with headers; the JSON answer.
async fn get(world: &World, path: &str, headers: &[(&str, &str)]) -> Value {
    let (status, body) = http_request_with(&world.sandbox, "GET", path, headers, None).await;
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
}

/// A form POST to HOSTKEY; the JSON answer.
async fn hostkey_post(world: &World, file: &str, form: &str) -> Value {
    let (status, body) = http_request_with(
        &world.sandbox,
        "POST",
        &format!("/hostkey/{file}"),
        &[("content-type", "application/x-www-form-urlencoded")],
        Some(form.to_string()),
    )
    .await;
    assert_eq!(status, 200, "{file} {form}: {body}");
    serde_json::from_str(&body).unwrap_or_default()
}

/// A NIP-98 signed GET on the sandbox's LNVPS, as the page's account.
async fn lnvps_get(world: &World, path: &str) -> Value {
    let full = format!("/lnvps{path}");
    let auth = nostr_shim::nip98_authorization(&format!("{}{full}", world.sandbox), "GET");
    get(world, &full, &[("authorization", &auth)]).await
}

#[tokio::test]
async fn litevps_billing_shows_the_sandbox_balance_and_transactions() {
    let world = World::get();
    let browser = open_billing(world, "litevps").await;
    let creds = world.credentials().await;
    let login = serde_json::json!({
        "email": credential(&creds, "litevps", "email"),
        "password": credential(&creds, "litevps", "password"),
    });
    let (_, body) = http_request_with(
        &world.sandbox,
        "POST",
        "/litevps/api/auth/login",
        &[("content-type", "application/json")],
        Some(login.to_string()),
    )
    .await;
    let token: Value = serde_json::from_str(&body).expect("a login answer");
    let bearer = format!("Bearer {}", token["token"].as_str().expect("a JWT"));
    let auth = [("authorization", bearer.as_str())];

    let shown = shown_balance(&browser).await;
    let me = get(world, "/litevps/api/me", &auth).await;
    assert_eq!(shown, dec(&me["balance"]), "balance as /api/me says");

    let rows = wait_data_of(&browser, "[data-testid=invoice-row]", "id", "transactions").await;
    let page = get(
        world,
        "/litevps/api/billing/transactions?limit=20&offset=0",
        &auth,
    )
    .await;
    let expected = ids(&page["transactions"]);
    assert!(!expected.is_empty(), "the sandbox has transactions");
    assert_eq!(rows.into_iter().collect::<BTreeSet<_>>(), expected);
    browser.screenshot("billing-litevps").await;
    browser.close().await;
}

#[tokio::test]
async fn a_litevps_top_up_outside_5_to_50_dollars_is_refused_before_anything_is_sent() {
    let world = World::get();
    // The second sandbox user, so the balance test's account is not topped up meanwhile.
    let browser = world.browser().await;
    browser.open("/?test_nostr=1").await;
    let mut account = loopback::account(world, "litevps").await;
    account.label = "litevps-low".into();
    account.user = Some(credential(
        &world.credentials().await,
        "litevps",
        "low-balance email",
    ));
    action::add_account(&browser.client, &account).await;
    let id = loopback::account_id(&browser, "litevps-low").await;
    action::click(&browser.client, &format!("nav-billing-{id}")).await;
    let c = &browser.client;
    let add_funds = || {
        request_log()
            .iter()
            .filter(|l| {
                // The browser's CORS preflight (OPTIONS) carries no amount and orders nothing.
                l["provider"] == "litevps"
                    && l["method"] == "POST"
                    && l["path"] == "/api/billing/add-funds"
            })
            .count()
    };
    for (typed, says) in [
        ("4.99", "between 5 and 50"),
        ("50.01", "between 5 and 50"),
        ("0", "between 5 and 50"),
        ("ten", "must be a number"),
        ("", "is required"),
    ] {
        action::type_into(c, "topup-amount", typed).await;
        action::click(c, "topup-submit").await;
        let message = check::text(c, "topup-error").await;
        assert!(
            message.starts_with("Amount") && message.contains(says),
            "{typed:?}: {message}"
        );
        assert_eq!(check::count(c, "[data-testid=topup-checkout]").await, 0);
    }
    browser.screenshot("billing-litevps-topup").await;
    assert_eq!(add_funds(), 0, "no add-funds request left the browser");

    // A valid amount is sent once and comes back as a checkout link.
    action::type_into(c, "topup-amount", "12.50").await;
    action::click(c, "topup-submit").await;
    let link = find::by_testid(c, "topup-link").await;
    let href = link.attr("href").await.ok().flatten().unwrap_or_default();
    assert!(href.starts_with("https://"), "{href}");
    assert_eq!(check::count(c, "[data-testid=topup-error]").await, 0);
    assert_eq!(add_funds(), 1, "exactly one add-funds request");
    browser.close().await;
}

#[tokio::test]
async fn cyberpanel_billing_shows_the_sandbox_balance_and_recent_charges() {
    let world = World::get();
    let browser = open_billing(world, "cyberpanel").await;
    let creds = world.credentials().await;
    let bearer = format!("Bearer {}", credential(&creds, "cyberpanel", "api key"));
    let auth = [("authorization", bearer.as_str())];

    let shown = shown_balance(&browser).await;
    let rows = wait_data_of(&browser, "[data-testid=invoice-row]", "id", "charges").await;
    let billing = get(world, "/cyberpanel/api/v1/billing", &auth).await;
    assert_eq!(shown, dec(&billing["data"]["balance"]));
    assert_eq!(
        rows.into_iter().collect::<BTreeSet<_>>(),
        ids(&billing["data"]["recent_invoices"])
    );
    let funding = check::text(&browser.client, "auto-funding").await;
    let auto = &billing["data"]["auto_funding"];
    if auto["enabled"] == true {
        let threshold = format!("{} USD", dec(&auto["threshold"]).round_dp(2));
        assert!(
            funding.contains("is on") && funding.contains(&threshold),
            "{funding}"
        );
    }
    browser.screenshot("billing-cyberpanel").await;
    browser.close().await;
}

#[tokio::test]
async fn hostkey_billing_shows_the_credit_and_invoices_with_pay_info_and_pdf() {
    let world = World::get();
    let browser = open_billing(world, "hostkey").await;
    let c = &browser.client;
    let creds = world.credentials().await;
    let login = hostkey_post(
        world,
        "auth.php",
        &format!(
            "action=login&key={}",
            credential(&creds, "hostkey", "api key")
        ),
    )
    .await;
    let token = login["result"]["token"]
        .as_str()
        .expect("a session token")
        .to_string();

    let shown = shown_balance(&browser).await;
    let client = hostkey_post(
        world,
        "whmcs.php",
        &format!("action=get_client&token={token}"),
    )
    .await;
    assert_eq!(
        shown,
        dec(&client["client"]["credit"]),
        "credit as get_client says"
    );

    let rows = wait_data_of(&browser, "[data-testid=invoice-row]", "id", "invoices").await;
    let list = hostkey_post(
        world,
        "whmcs.php",
        &format!("action=get_invoices&token={token}"),
    )
    .await;
    let invoices = &list["invoices"]["invoice"];
    assert_eq!(rows.iter().cloned().collect::<BTreeSet<_>>(), ids(invoices));
    let unpaid = invoices
        .as_array()
        .and_then(|l| l.iter().find(|i| i["status"] == "Unpaid"))
        .map(|i| i["id"].to_string())
        .expect("the sandbox has an unpaid invoice");

    // How to pay it: HOSTKEY's gateways, in a sandboxed frame.
    let row = format!("[data-testid=invoice-row][data-id='{unpaid}']");
    action::click_css(c, &format!("{row} [data-testid=pay-info]")).await;
    let frame = find::by_testid(c, "gateway-frame").await;
    let doc = frame
        .attr("srcdoc")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(
        doc.contains(&unpaid),
        "the instructions name invoice {unpaid}"
    );
    let sandbox_attr = frame
        .attr("sandbox")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(!sandbox_attr.contains("allow-scripts"), "{sandbox_attr}");
    browser.screenshot("billing-hostkey").await;

    // The PDF comes through the client (token in the POST body), saved from memory.
    action::click_css(c, &format!("{row} [data-testid=invoice-pdf]")).await;
    let saved = check::text(c, "pdf-saved").await;
    assert!(
        saved.contains(&format!("hostkey-invoice-{unpaid}.pdf")),
        "{saved}"
    );
    let downloads = request_log()
        .into_iter()
        .filter(|l| l["provider"] == "hostkey" && l["action"] == "download_invoice")
        .count();
    assert!(downloads >= 1, "download_invoice was sent");
    let links = check::js(
        c,
        "[...document.querySelectorAll('a[href]')].map(a => a.href).join(' ')",
    )
    .await;
    assert!(
        !links.to_string().contains(&token),
        "no link carries the session token"
    );
    browser.close().await;
}

#[tokio::test]
async fn llamalink_billing_shows_subscriptions_and_masked_cards() {
    let world = World::get();
    let browser = open_billing(world, "llamalink").await;
    let creds = world.credentials().await;
    let bearer = format!("Bearer {}", credential(&creds, "llamalink", "api key"));
    let auth = [("authorization", bearer.as_str())];

    let rows = wait_data_of(
        &browser,
        "[data-testid=subscription-row]",
        "id",
        "subscriptions",
    )
    .await;
    let subscriptions = get(world, "/llamalink/user/subscriptions", &auth).await;
    assert_eq!(
        rows.into_iter().collect::<BTreeSet<_>>(),
        ids(&subscriptions)
    );

    let cards = get(world, "/llamalink/user/payment", &auth).await;
    let shown = check::text(&browser.client, "cards").await;
    for card in cards.as_array().expect("cards") {
        let last4 = card["last4dig"].as_str().unwrap_or_default();
        assert!(shown.contains(&format!("•••• {last4}")), "{shown}");
    }
    browser.screenshot("billing-llamalink").await;
    browser.close().await;
}

#[tokio::test]
async fn lnvps_billing_shows_payments_and_renews_with_a_lightning_qr_code() {
    let world = World::get();
    let browser = open_billing(world, "lnvps").await;
    let c = &browser.client;

    let shown_vms = wait_data_of(&browser, "[data-testid=vm-billing]", "vm", "VMs").await;
    let vms = lnvps_get(world, "/api/v1/vm").await;
    assert_eq!(
        shown_vms.iter().cloned().collect::<BTreeSet<_>>(),
        ids(&vms["data"])
    );
    let vm = shown_vms.first().expect("a VM").clone();
    let section = format!("[data-testid=vm-billing][data-vm='{vm}']");
    let payments = lnvps_get(world, &format!("/api/v1/vm/{vm}/payments")).await;
    let list = if payments["data"].is_array() {
        &payments["data"]
    } else {
        &payments["data"]["items"]
    };
    let expected = ids(list);
    if !expected.is_empty() {
        let rows = wait_data_of(
            &browser,
            &format!("{section} [data-testid=invoice-row]"),
            "id",
            "payments",
        )
        .await;
        assert_eq!(rows.into_iter().collect::<BTreeSet<_>>(), expected);
    }

    // A wallet string that is not NWC is refused before it is sent.
    action::type_into(c, "nwc-connection", "https://wallet.example/connect").await;
    action::click(c, "nwc-add").await;
    let refused = check::text(c, "nwc-error").await;
    assert!(refused.contains("nwc_connection_string"), "{refused}");

    // Automatic renewal switched on for the VM, as LNVPS then reports it.
    let switch = format!("{section} [data-testid=auto-renewal]");
    let was_on = vms["data"]
        .as_array()
        .and_then(|l| {
            l.iter()
                .find(|v| v["id"].as_u64().map(|n| n.to_string()) == Some(vm.clone()))
        })
        .map(|v| v["auto_renewal_enabled"] == true)
        .unwrap_or(false);
    action::click_css(c, &switch).await;
    let deadline = std::time::Instant::now() + find::WAIT;
    loop {
        let now = lnvps_get(world, &format!("/api/v1/vm/{vm}")).await;
        if now["data"]["auto_renewal_enabled"] == !was_on {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "auto-renewal still {was_on}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    // Renew for two months: quote, invoice as QR, paid in the sandbox, seen as paid.
    let intervals = find::by_css(c, &format!("{section} [data-testid=renew-intervals]")).await;
    intervals.clear().await.expect("clearing");
    intervals.send_keys("2").await.expect("typing");
    action::click_css(c, &format!("{section} [data-testid=renew-quote]")).await;
    action::click_css(c, &format!("{section} [data-testid=renew-invoice]")).await;
    let qr = find::by_css(c, &format!("{section} [data-testid=renew-qr]")).await;
    let encoded = qr
        .attr("data-text")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(
        qr.find(fantoccini::Locator::Css("svg")).await.is_ok(),
        "the QR code is drawn"
    );
    let payment_id = find::by_css(c, &format!("{section} [data-testid=renew-invoice-box]"))
        .await
        .attr("data-payment")
        .await
        .ok()
        .flatten()
        .expect("the invoice's payment id");
    let payment = lnvps_get(world, &format!("/api/v1/payment/{payment_id}")).await;
    let data = &payment["data"]["data"];
    let bolt11 = data["lightning"]
        .as_str()
        .or(data["Lightning"].as_str())
        .expect("a BOLT11 invoice");
    assert_eq!(
        encoded,
        format!("lightning:{}", bolt11.trim_start_matches("lightning:"))
    );
    browser.screenshot("billing-lnvps").await;

    let (status, body) = http_request_with(
        &world.sandbox,
        "POST",
        &format!("/_sandbox/lnvps/pay/{payment_id}"),
        &[],
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    find::until_js(
        c,
        &format!("(document.querySelector(\"{section} [data-testid=renew-status]\")||{{}}).textContent?.startsWith('Paid')"),
        "the renewal seen as paid",
    )
    .await;
    browser.close().await;
}

/// A fleet cost cell (`6.00 EUR`, `0.0042 USD`, `21000 sat`) as amount and currency.
fn parse_cost(text: &str) -> Option<(Decimal, String)> {
    let (amount, unit) = text.trim().split_once(' ')?;
    let amount = Decimal::from_str(amount).ok()?;
    Some(match unit {
        "sat" => (amount / Decimal::from(100_000_000), "BTC".to_string()),
        code => (amount, code.to_string()),
    })
}

/// Every fleet row as (provider, name, monthly cost text), scrolling the
/// windowed table from top to bottom so each row is rendered once.
async fn fleet_costs(browser: &Browser) -> Vec<(String, String, String)> {
    let c = &browser.client;
    let count = check::text(c, "row-count").await;
    let total: usize = count
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a row count: {count}"));
    let mut seen = std::collections::BTreeMap::new();
    check::js(
        c,
        "document.querySelector('[data-testid=fleet-table]').scrollTop = 0",
    )
    .await;
    for _ in 0..200 {
        let batch: Vec<(String, String, String, String)> = serde_json::from_value(
            check::js(
                c,
                "[...document.querySelectorAll('[data-testid=server-row]')].map(r => { \
                   const link = r.querySelector('[data-testid=server-link]'); \
                   return [link.getAttribute('href'), r.dataset.provider, link.textContent, \
                           r.querySelectorAll('td.num')[0].textContent]; })",
            )
            .await,
        )
        .unwrap_or_default();
        for (href, provider, name, cost) in batch {
            seen.insert(href, (provider, name, cost));
        }
        if seen.len() >= total {
            break;
        }
        check::js(
            c,
            "document.querySelector('[data-testid=fleet-table]').scrollTop += 200",
        )
        .await;
        // Let the window re-render at the new scroll position.
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(seen.len(), total, "every fleet row read");
    seen.into_values().collect()
}

#[tokio::test]
async fn the_cost_summary_adds_up_every_fleet_row_in_the_chosen_currency() {
    let world = World::get();
    let browser = loopback::browser_with(world, &loopback::PROVIDERS, true).await;
    let c = &browser.client;
    // Prices the lists leave out (HOSTKEY, CyberPanel) are looked up, with progress.
    action::click(c, "nav-costs").await;
    action::click(c, "lookup-prices").await;
    find::until_js(
        c,
        "document.querySelector('[data-testid=lookup-progress]')?.dataset.running === 'false'",
        "the price lookup to finish",
    )
    .await;
    action::click(c, "nav-all").await;
    let fleet = fleet_costs(&browser).await;
    assert!(fleet.len() >= 25, "{} rows", fleet.len());
    for (provider, name, cost) in &fleet {
        if provider == "hostkey" || provider == "cyberpanel" {
            assert!(
                parse_cost(cost).is_some(),
                "{provider} {name} has its price looked up: {cost:?}"
            );
        }
    }

    action::click(c, "nav-costs").await;
    find::by_testid(c, "costs-title").await;
    action::choose(c, "cost-currency", "EUR").await;

    // LNVPS's feed fills what it knows; ILS it does not know.
    let currencies: BTreeSet<String> = fleet
        .iter()
        .filter_map(|(_, _, t)| parse_cost(t))
        .map(|(_, c)| c)
        .collect();
    if currencies.contains("USD") {
        action::click(c, "rates-from-lnvps").await;
        find::until_js(
            c,
            "document.querySelector('[data-testid=rate-USD]').value",
            "USD rate",
        )
        .await;
        let feed = get(world, "/lnvps/api/v1/exchange-rate?base=USD", &[]).await;
        let filled = check::js(c, "document.querySelector('[data-testid=rate-USD]').value").await;
        assert_eq!(
            Decimal::from_str(filled.as_str().unwrap_or_default()).ok(),
            Some(dec(&feed["data"]["rates"]["EUR"])),
        );
        if currencies.contains("ILS") {
            let problem = check::text(c, "feed-error").await;
            assert!(problem.contains("ILS"), "{problem}");
        }
    }

    // A rate that is not a positive number is named and refused.
    if let Some(code) = currencies.iter().find(|c| *c != "EUR") {
        action::type_into(c, &format!("rate-{code}"), "-2").await;
        let error = check::text(c, "rate-error").await;
        assert!(
            error.contains(&format!("Rate {code} → EUR")) && error.contains("above zero"),
            "{error}"
        );
    }

    // The test's own rates, typed by hand.
    let rate_for = |code: &str| match code {
        "EUR" => Decimal::ONE,
        "USD" => Decimal::from_str("0.9").unwrap_or_default(),
        "ILS" => Decimal::from_str("0.25").unwrap_or_default(),
        "BTC" => Decimal::from_str("90000").unwrap_or_default(),
        _ => Decimal::from_str("1.5").unwrap_or_default(),
    };
    for code in currencies.iter().filter(|c| *c != "EUR") {
        action::type_into(c, &format!("rate-{code}"), &rate_for(code).to_string()).await;
    }
    let mut expected = Decimal::ZERO;
    let mut unpriced = Vec::new();
    for (_, name, text) in &fleet {
        match parse_cost(text) {
            Some((amount, code)) => expected += amount * rate_for(&code),
            None => unpriced.push(name.clone()),
        }
    }
    let expected = expected.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let probe = "document.querySelector('[data-testid=cost-total]')?.dataset.amount";
    let deadline = std::time::Instant::now() + find::WAIT;
    let shown = loop {
        let shown = check::js(c, probe).await;
        let value = shown.as_str().and_then(|s| Decimal::from_str(s).ok());
        if value == Some(expected) || std::time::Instant::now() > deadline {
            break value;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(shown, Some(expected), "total in EUR");
    let total_text = check::text(c, "cost-total").await;
    assert!(total_text.ends_with("EUR"), "{total_text}");
    let counted = check::text(c, "cost-counted").await;
    assert_eq!(counted, (fleet.len() - unpriced.len()).to_string());
    let left_out = check::js(
        c,
        "[...document.querySelectorAll('[data-testid=left-out-row] a')].map(a => a.textContent)",
    )
    .await;
    let left_out: Vec<String> = serde_json::from_value(left_out).unwrap_or_default();
    assert_eq!(
        left_out.iter().cloned().collect::<BTreeSet<_>>(),
        unpriced.iter().cloned().collect::<BTreeSet<_>>(),
        "every server without a price is named"
    );
    browser.screenshot("costs").await;

    // The rates are kept on this device.
    let stored = check::js(c, "localStorage.getItem('panel.cost_rates')").await;
    assert!(
        stored.as_str().unwrap_or_default().contains(">EUR"),
        "{stored}"
    );
    browser.close().await;
}
