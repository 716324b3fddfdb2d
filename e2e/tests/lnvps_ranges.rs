//! LNVPS IP space through the panel's account tools, against the loopback
//! sandbox: the space on sale with its prices, a block bought only after its
//! price was shown (and not ordered twice), its invoice paid and its range
//! assigned; a seeded subscription renewed, its payments read, its automatic
//! renewal switched and the origin AS of its ranges set and cleared.

use e2e::action;
use e2e::order::says;
use e2e::tools::{column, open_tools, run_tool};
use e2e::world::{http_request, request_log};
use e2e::{check, find, World};
use fantoccini::Client;

/// The list of the account's IP-range subscriptions.
const RANGES: &str = "lnvps-ip-ranges";

/// The cells of the IP-range subscription whose name cell starts with
/// `name`, as `(subscription id, cells)`, once listed.
async fn subscription_row(c: &Client, name: &str) -> (String, Vec<String>) {
    let row = find::until_js(
        c,
        &format!(
            "(() => {{ const r = [...document.querySelectorAll('[data-testid={RANGES}] [data-testid=collection-row]')]\
             .find(r => r.querySelector('td').textContent.startsWith({name:?})); \
             return r ? [r.dataset.key, ...[...r.querySelectorAll('td')].map(td => td.textContent)] : null; }})()"
        ),
        &format!("{name} under IP ranges"),
    )
    .await;
    let mut cells: Vec<String> = serde_json::from_value(row).unwrap_or_default();
    let key = cells.remove(0);
    (key, cells)
}

/// Reloads the IP ranges and waits until cell `n` (from 1) of subscription
/// `sid` contains `text`; returns that cell.
async fn reloaded_until(c: &Client, sid: &str, n: usize, text: &str) -> String {
    action::click_css(c, &format!("[data-testid={RANGES}] .section-head .btn")).await;
    let cell = find::until_js(
        c,
        &format!(
            "(() => {{ const td = document.querySelector('[data-testid={RANGES}] [data-testid=collection-row][data-key=\"{sid}\"] td:nth-child({n})'); \
             return td && td.textContent.includes({text:?}) ? td.textContent : null; }})()"
        ),
        &format!("“{text}” for subscription {sid}"),
    )
    .await;
    cell.as_str().unwrap_or_default().to_string()
}

/// The payment id a tool's result names (`payment <hex>`).
fn payment_id(said: &str) -> String {
    let after = said
        .split("payment ")
        .nth(1)
        .unwrap_or_else(|| panic!("no payment id in “{said}”"));
    after.chars().take_while(char::is_ascii_hexdigit).collect()
}

/// The range ids listed in a Ranges cell (`#3 198.18.0.8/29, #4 …`), in order.
fn range_ids(cell: &str) -> Vec<String> {
    cell.split('#')
        .skip(1)
        .map(|s| s.chars().take_while(char::is_ascii_digit).collect())
        .collect()
}

/// Marks LNVPS payment `id` paid, as a wallet paying the invoice would.
async fn pay(world: &World, id: &str) {
    let (status, body) = http_request(
        &world.sandbox,
        "POST",
        &format!("/_sandbox/lnvps/pay/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 200, "paying {id}: {body}");
}

/// How many subscriptions the sandbox was asked to create.
fn orders_logged() -> usize {
    request_log()
        .iter()
        .filter(|e| {
            e["provider"] == "lnvps"
                && e["method"] == "POST"
                && e["path"] == "/api/v1/subscriptions"
        })
        .count()
}

/// Asks “Payments of a subscription” to wait for `payment`, pays it while
/// the tool waits, and returns what the tool shows at the end.
async fn follow_until_paid(world: &World, c: &Client, payment: &str) -> String {
    let section = "lnvps-range-payments";
    action::choose(c, "payment-follow", "wait").await;
    action::type_into(c, "payment-id", payment).await;
    action::click_css(
        c,
        &format!("[data-testid={section}] [data-testid=tool-run]"),
    )
    .await;
    find::until_js(
        c,
        &format!(
            "document.querySelector('[data-testid={section}] [data-testid=tool-running]')?.textContent.includes('Waiting for payment')"
        ),
        "the tool waiting for the payment",
    )
    .await;
    let disabled = check::js(
        c,
        &format!(
            "document.querySelector('[data-testid={section}] [data-testid=tool-run]').disabled"
        ),
    )
    .await;
    assert_eq!(disabled, true, "the button waits with the tool");
    pay(world, payment).await;
    let shown = find::until_js(
        c,
        &format!(
            "(() => {{ const s = document.querySelector('[data-testid={section}]'); \
             if (s.querySelector('[data-testid=tool-running]')) return null; \
             const r = s.querySelector('[data-testid=tool-result], .notice.error'); \
             return r ? r.textContent : null; }})()"
        ),
        "the followed payment paid",
    )
    .await;
    action::choose(c, "payment-follow", "once").await;
    shown.as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn a_block_is_bought_after_its_price_once_and_assigned_when_paid() {
    let world = World::get();
    let browser = open_tools(world, "lnvps", "lnvps-buy").await;
    let c = &browser.client;

    let spaces = column(c, "lnvps-ip-space", 1).await;
    let sizes = column(c, "lnvps-ip-space", 2).await;
    let monthly = column(c, "lnvps-ip-space", 4).await;
    let row29 = sizes
        .iter()
        .position(|s| s == "/29")
        .expect("a /29 on sale");
    assert!(spaces[row29].contains("IPv4 · RIPE"), "{spaces:?}");
    assert!(monthly[row29].starts_with("12.00 EUR"), "{monthly:?}");
    assert!(sizes.contains(&"/48".to_string()), "{sizes:?}");

    let buy = "lnvps-buy-range";
    let said = run_tool(c, buy, &[("buy-space", "1"), ("buy-size", "/200")]).await;
    assert!(said.contains("prefix length from /1 to /128"), "{said}");
    let said = run_tool(
        c,
        buy,
        &[
            ("buy-size", "29"),
            ("buy-name", "e2e block"),
            ("buy-step", "buy"),
        ],
    )
    .await;
    assert!(said.contains("first"), "{said}");
    says(c, "buy-step", "Show the price of a /29 from space 1 first").await;
    assert_eq!(
        orders_logged(),
        0,
        "nothing ordered before the price was shown"
    );

    let said = run_tool(c, buy, &[("buy-size", "28"), ("buy-step", "price")]).await;
    assert!(said.contains("it offers /24, /27, /29"), "{said}");
    let said = run_tool(c, buy, &[("buy-size", "/29")]).await;
    assert!(
        said.contains("costs 12.00 EUR (≈")
            && said.contains("a month, plus a setup fee of 5.00 EUR"),
        "{said}"
    );
    assert_eq!(orders_logged(), 0, "showing the price orders nothing");

    let said = run_tool(c, buy, &[("buy-step", "buy")]).await;
    assert!(said.contains("Ordered “e2e block”"), "{said}");
    find::by_css(c, &format!("[data-testid={buy}] [data-testid=tool-qr]")).await;
    let link = check::js(
        c,
        &format!("document.querySelector('[data-testid={buy}] [data-testid=tool-link]').getAttribute('href')"),
    )
    .await;
    assert!(
        link.as_str()
            .unwrap_or_default()
            .starts_with("lightning:lnbc"),
        "{link}"
    );
    let first_payment = payment_id(&said);
    check::js(
        c,
        &format!("document.querySelector('[data-testid={buy}]').scrollIntoView()"),
    )
    .await;
    browser.screenshot("lnvps-ranges-invoice").await;
    assert_eq!(orders_logged(), 1);

    // Buying the same block again finds the unpaid order instead of placing another.
    run_tool(c, buy, &[("buy-step", "price")]).await;
    let said = run_tool(c, buy, &[("buy-step", "buy")]).await;
    assert!(said.contains("already ordered as “e2e block”"), "{said}");
    assert_eq!(orders_logged(), 1, "the block is not ordered twice");

    action::click_css(c, &format!("[data-testid={RANGES}] .section-head .btn")).await;
    let (sid, cells) = subscription_row(c, "“e2e block”").await;
    assert_eq!(cells[1], "awaiting first payment", "{cells:?}");
    assert_eq!(cells[2], "a /29 once paid", "{cells:?}");
    let listed = column(c, RANGES, 1).await;
    assert_eq!(
        listed
            .iter()
            .filter(|n| n.starts_with("“e2e block”"))
            .count(),
        1,
        "{listed:?}"
    );

    let payments = "lnvps-range-payments";
    let said = run_tool(
        c,
        payments,
        &[("payments-sub", &sid), ("payment-id", "not-hex!")],
    )
    .await;
    assert!(said.contains("only letters and digits"), "{said}");
    let said = follow_until_paid(world, c, &first_payment).await;
    assert!(said.contains("is paid"), "{said}");

    let range = reloaded_until(c, &sid, 3, "198.18.").await;
    assert!(range.contains("/29 (range #"), "{range}");
    let (_, cells) = subscription_row(c, "“e2e block”").await;
    assert_eq!(cells[1], "active", "{cells:?}");
    browser.screenshot("lnvps-ranges-buy").await;
}

#[tokio::test]
async fn a_range_is_renewed_its_payments_read_and_its_origin_as_set() {
    let world = World::get();
    let browser = open_tools(world, "lnvps", "lnvps-renew").await;
    let c = &browser.client;

    let (sid, cells) = subscription_row(c, "“BGP prefixes”").await;
    assert_eq!(cells[1], "active", "{cells:?}");
    assert!(
        cells[2].contains("/29") && cells[2].contains("/48"),
        "{cells:?}"
    );
    let paid_until = cells[4].clone();
    let ranges = range_ids(&cells[2]);
    assert_eq!(ranges.len(), 2, "{cells:?}");

    let renew = "lnvps-renew-range";
    let said = run_tool(c, renew, &[("renew-sub", &sid), ("renew-months", "121")]).await;
    assert!(said.contains("Months must be from 1 to 120"), "{said}");
    let said = run_tool(c, renew, &[("renew-months", "2")]).await;
    assert!(
        said.contains("Renewing “BGP prefixes”") && said.contains("adds 60 days"),
        "{said}"
    );
    let said = run_tool(c, renew, &[("renew-step", "invoice")]).await;
    find::by_css(c, &format!("[data-testid={renew}] [data-testid=tool-qr]")).await;
    let payment = payment_id(&said);

    let payments = "lnvps-range-payments";
    let said = run_tool(
        c,
        payments,
        &[("payments-sub", &sid), ("payment-id", &payment)],
    )
    .await;
    assert!(said.contains("is not paid yet"), "{said}");
    find::by_css(
        c,
        &format!("[data-testid={payments}] [data-testid=tool-qr]"),
    )
    .await;
    let said = follow_until_paid(world, c, &payment).await;
    assert!(said.contains("is paid"), "{said}");
    let said = run_tool(
        c,
        payments,
        &[("payment-id", ""), ("payment-follow", "wait")],
    )
    .await;
    assert!(said.contains("Give the payment to wait for"), "{said}");
    let said = run_tool(c, payments, &[("payment-follow", "once")]).await;
    assert!(said.contains(&format!("Subscription #{sid} has")), "{said}");
    let output = check::js(
        c,
        &format!("document.querySelector('[data-testid={payments}] [data-testid=tool-output]').textContent"),
    )
    .await;
    let output = output.as_str().unwrap_or_default();
    assert!(
        output.contains("Purchase") && output.contains("Renewal") && output.contains(&payment),
        "{output}"
    );

    action::click_css(c, &format!("[data-testid={RANGES}] .section-head .btn")).await;
    find::until_js(
        c,
        &format!(
            "document.querySelector('[data-testid={RANGES}] [data-key=\"{sid}\"] td:nth-child(5)')?.textContent !== {paid_until:?}"
        ),
        "the new expiry",
    )
    .await;

    let auto = "lnvps-range-auto-renew";
    let (_, cells) = subscription_row(c, "“BGP prefixes”").await;
    let to = if cells[5] == "on" { "off" } else { "on" };
    let said = run_tool(c, auto, &[("auto-sub", &sid), ("auto-renew", to)]).await;
    assert!(said.contains(&format!("is now {to}")), "{said}");
    reloaded_until(c, &sid, 6, to).await;

    let asn = "lnvps-origin-asn";
    let v6 = &ranges[1];
    let said = run_tool(c, asn, &[("asn-range", v6), ("asn", "AS64500")]).await;
    assert!(said.contains("digits only"), "{said}");
    let said = run_tool(c, asn, &[("asn", "4294967296")]).await;
    assert!(said.contains("from 1 to 4294967295"), "{said}");
    let said = run_tool(c, asn, &[("asn", "64512")]).await;
    assert!(said.contains("private use"), "{said}");
    let said = run_tool(c, asn, &[("asn", "64500")]).await;
    assert!(said.contains("AS64500 may now announce 3fff:"), "{said}");
    let origins = reloaded_until(c, &sid, 4, "AS64500").await;
    assert!(origins.ends_with("AS64500"), "{origins}");
    browser.screenshot("lnvps-ranges-renew").await;
    let said = run_tool(c, asn, &[("asn", "")]).await;
    assert!(
        said.contains("has no origin AS any more (before: AS64500)"),
        "{said}"
    );
    let origins = reloaded_until(c, &sid, 4, "none").await;
    assert!(origins.ends_with("none"), "{origins}");
}
