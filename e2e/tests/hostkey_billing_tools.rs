//! HOSTKEY billing, contacts, cancellations and the PIN through the panel,
//! against the loopback sandbox: the credit history and payments listed as
//! HOSTKEY has them, the credit topped up with an add-funds invoice, unpaid
//! invoices made into one, a server's invoices and its next period invoiced
//! after a confirmation, contacts added, changed and removed, a billing
//! password reset, cancellations requested and withdrawn, and the PIN
//! checked and changed — every form's rules shown before anything is sent.

use e2e::action::{self, NewAccount};
use e2e::loopback::{self, account_id, browser_with_accounts, credential};
use e2e::order::says;
use e2e::tools::{add, column, done, listed, reload, remove, run_tool};
use e2e::world::{http_request_with, request_log};
use e2e::{check, find, Browser, World};
use fantoccini::Client;
use serde_json::Value;
use std::collections::BTreeSet;
use tokio::sync::Mutex;

/// The PIN test changes the account's PIN for a while: the tests of this
/// file run one at a time so no other call meets the changed PIN.
static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

/// A browser holding the loopback HOSTKEY account (labelled `label`), with
/// its fleet loaded; and the account's id.
async fn open_account(world: &World, label: &str) -> (Browser, String) {
    let account = NewAccount {
        label: label.into(),
        ..loopback::account(world, "hostkey").await
    };
    let browser = browser_with_accounts(world, &[account], true).await;
    let id = account_id(&browser, label).await;
    (browser, id)
}

/// Opens the account's tools page from the side navigation.
async fn to_tools(c: &Client, account: &str) {
    action::click(c, &format!("nav-tools-{account}")).await;
    find::by_testid(c, "tools-title").await;
}

/// Opens the page of the first running HOSTKEY server; returns its id.
async fn to_server(c: &Client, account: &str) -> String {
    action::click(c, &format!("nav-account-{account}")).await;
    action::click_css(
        c,
        "[data-testid=server-row][data-provider=hostkey][data-status=running] [data-testid=server-link]",
    )
    .await;
    find::by_testid(c, "details").await;
    let path = check::js(c, "location.pathname").await;
    path.as_str()
        .and_then(|p| p.rsplit('/').next())
        .unwrap_or_default()
        .to_string()
}

/// A session token for calling the sandbox's HOSTKEY directly.
async fn token(world: &World) -> String {
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
    login["result"]["token"]
        .as_str()
        .expect("a session token")
        .to_string()
}

/// A form POST to the sandbox's HOSTKEY; the JSON answer.
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
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{file} {form}: {e}: {body}"))
}

/// `whmcs.php` `action` with the token and `more` fields, straight from the sandbox.
async fn whmcs(world: &World, token: &str, action: &str, more: &str) -> Value {
    hostkey_post(
        world,
        "whmcs.php",
        &format!("action={action}&token={token}{more}"),
    )
    .await
}

/// A JSON id (number or text) as text.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The ids of the objects in `list`.
fn ids(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .map(|l| l.iter().map(|i| text(&i["id"])).collect())
        .unwrap_or_default()
}

/// `data-<attr>` of every element matching `css`, once one is there.
async fn data_of(c: &Client, css: &str, attr: &str) -> BTreeSet<String> {
    find::by_css(c, css).await;
    let value = check::js(
        c,
        &format!("[...document.querySelectorAll({css:?})].map(e => e.dataset.{attr})"),
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}

/// The id of the invoice named in the message of `testid` (`Invoice 24016 …`).
async fn invoice_in(c: &Client, testid: &str) -> String {
    let said = check::text(c, testid).await;
    said.split_whitespace()
        .nth(1)
        .filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or_else(|| panic!("an invoice id in “{said}”"))
        .to_string()
}

/// Waits for the payment instructions of invoice `id`.
async fn paying(c: &Client, id: &str) {
    find::until_js(
        c,
        &format!(
            "(document.querySelector('[data-testid=pay-methods]')?.textContent || '').includes('Paying invoice {id}')"
        ),
        &format!("how to pay invoice {id}"),
    )
    .await;
}

#[tokio::test]
async fn hostkey_credit_is_topped_up_and_unpaid_invoices_are_paid_as_one() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let world = World::get();
    let (browser, account) = open_account(world, "hk-money").await;
    let c = &browser.client;
    let token = token(world).await;
    action::click(c, &format!("nav-billing-{account}")).await;
    find::by_testid(c, "billing-hostkey").await;

    // The credit history and the payments, as HOSTKEY lists them.
    let credits = whmcs(world, &token, "getcredits", "").await;
    let expected = ids(&credits["message"]["credits"]["credit"]);
    assert!(!expected.is_empty(), "the sandbox has credit movements");
    let shown = data_of(c, "[data-testid=credit-row]", "id").await;
    assert_eq!(shown, expected);
    let history = check::text(c, "hostkey-credits").await;
    assert!(history.contains("Add Funds Invoice #9921"), "{history}");
    assert!(
        history.contains("Credit Applied to Invoice #10116"),
        "{history}"
    );
    let payments = whmcs(world, &token, "transactions", "").await;
    let expected = ids(&payments["transactions"]);
    assert!(!expected.is_empty(), "the sandbox has payments");
    let shown = data_of(c, "[data-testid=payment-row]", "id").await;
    assert_eq!(shown, expected);

    // An add-funds amount is checked before anything is sent.
    let created_before = request_log()
        .iter()
        .filter(|l| l["action"] == "create_addfunds")
        .count();
    action::type_into(c, "addfunds-amount", "0").await;
    action::click(c, "addfunds-create").await;
    says(c, "addfunds-amount", "whole number").await;
    action::type_into(c, "addfunds-amount", "100001").await;
    action::click(c, "addfunds-create").await;
    says(c, "addfunds-amount", "got “100001”").await;
    let created_after = request_log()
        .iter()
        .filter(|l| l["action"] == "create_addfunds")
        .count();
    assert_eq!(created_before, created_after, "nothing was sent");

    // A top-up invoice, listed, with how to pay it.
    action::type_into(c, "addfunds-amount", "25").await;
    action::click(c, "addfunds-create").await;
    let first = invoice_in(c, "addfunds-done").await;
    assert!(check::text(c, "addfunds-done").await.contains("25.00 EUR"));
    paying(c, &first).await;
    find::by_css(
        c,
        &format!("[data-testid=invoice-row][data-id='{first}'][data-status=unpaid]"),
    )
    .await;
    let invoice = whmcs(
        world,
        &token,
        "get_invoice",
        &format!("&invoice_id={first}"),
    )
    .await;
    assert_eq!(invoice["total"], "25.00", "{invoice}");
    assert_eq!(invoice["status"], "Unpaid", "{invoice}");
    action::type_into(c, "addfunds-amount", "40").await;
    action::click(c, "addfunds-create").await;
    find::until_js(
        c,
        &format!("!document.querySelector('[data-testid=addfunds-done]')?.textContent.includes('Invoice {first} ')"),
        "the second top-up",
    )
    .await;
    let second = invoice_in(c, "addfunds-done").await;
    find::by_css(c, &format!("[data-testid=invoice-row][data-id='{second}']")).await;

    // One invoice needs two or more ticked.
    let pick =
        |id: &str| format!("[data-testid=invoice-row][data-id='{id}'] [data-testid=mass-pay-pick]");
    action::click_css(c, &pick(&first)).await;
    action::click(c, "mass-pay").await;
    let problem = check::text(c, "mass-pay-problem").await;
    assert!(problem.contains("two or more"), "{problem}");
    action::click_css(c, &pick(&second)).await;
    action::click(c, "mass-pay").await;
    let group = invoice_in(c, "mass-pay-done").await;
    let said = check::text(c, "mass-pay-done").await;
    assert!(said.contains(&first) && said.contains(&second), "{said}");
    paying(c, &group).await;
    find::by_css(
        c,
        &format!("[data-testid=invoice-row][data-id='{group}'] [data-testid=invoice-amount][data-amount='65']"),
    )
    .await;
    let invoice = whmcs(
        world,
        &token,
        "get_invoice",
        &format!("&invoice_id={group}"),
    )
    .await;
    assert_eq!(invoice["total"], "65.00", "{invoice}");
    let covered: BTreeSet<String> = invoice["items"]["item"]
        .as_array()
        .map(|l| l.iter().map(|i| text(&i["relid"])).collect())
        .unwrap_or_default();
    assert_eq!(covered, BTreeSet::from([first, second]));
    check::js(
        c,
        "document.querySelector('[data-testid=mass-pay-bar]').scrollIntoView()",
    )
    .await;
    browser.screenshot("hostkey-billing-tools").await;
    browser.close().await;
}

#[tokio::test]
async fn a_hostkey_server_lists_its_invoices_and_invoices_its_next_period_once_confirmed() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let world = World::get();
    let (browser, account) = open_account(world, "hk-due").await;
    let c = &browser.client;
    let token = token(world).await;
    let server = to_server(c, &account).await;

    let related = whmcs(
        world,
        &token,
        "get_related_invoices",
        &format!("&id={server}"),
    )
    .await;
    let before = ids(&related["invoices"]);
    let shown: BTreeSet<String> = column(c, "hostkey-server-invoices", 1)
        .await
        .into_iter()
        .collect();
    assert_eq!(shown, before, "server {server}'s invoices");

    let said = run_tool(c, "hostkey-due-invoice", &[]).await;
    assert!(said.contains("Confirm first"), "{said}");
    let said = run_tool(c, "hostkey-due-invoice", &[("due-confirm", "yes")]).await;
    let related = whmcs(
        world,
        &token,
        "get_related_invoices",
        &format!("&id={server}"),
    )
    .await;
    let after = ids(&related["invoices"]);
    if said.contains("HOSTKEY issued invoice") {
        let new: Vec<&String> = after.difference(&before).collect();
        assert_eq!(new.len(), 1, "one invoice issued: {said}");
        assert!(said.contains(new[0].as_str()), "{said} names {}", new[0]);
        reload(c, "hostkey-server-invoices").await;
        listed(c, "hostkey-server-invoices", new[0], true).await;
    } else {
        assert!(said.contains("no new invoice"), "{said}");
        assert_eq!(after, before);
    }
    // Asked again, the period is already invoiced.
    let said = run_tool(c, "hostkey-due-invoice", &[]).await;
    assert!(said.contains("no new invoice"), "{said}");
    check::js(
        c,
        "document.querySelector('[data-testid=hostkey-server-invoices]').scrollIntoView()",
    )
    .await;
    browser.screenshot("hostkey-server-invoices").await;
    browser.close().await;
}

#[tokio::test]
async fn hostkey_contacts_are_added_changed_and_removed_and_a_password_reset_is_sent() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let world = World::get();
    let (browser, account) = open_account(world, "hk-contacts").await;
    let c = &browser.client;
    let token = token(world).await;
    to_tools(c, &account).await;

    let section = "hostkey-contacts";
    assert!(column(c, section, 3)
        .await
        .contains(&"dimitry.servers@example.com".to_string()));
    add(c, section, &[("contact-email", "not-an-address")]).await;
    says(c, "contact-email", "is not an e-mail address").await;
    add(
        c,
        section,
        &[
            ("contact-email", "e2e.contact@example.com"),
            ("contact-phone", "12"),
        ],
    )
    .await;
    says(c, "contact-phone", "6 or more digits").await;
    add(c, section, &[("contact-phone", "+31612345678")]).await;
    let said = done(c, section).await;
    assert!(said.contains("e2e.contact@example.com"), "{said}");
    listed(c, section, "e2e.contact@example.com", true).await;
    let contacts = whmcs(world, &token, "get_contacts", "").await;
    let added = contacts["contacts"]
        .as_array()
        .and_then(|l| l.iter().find(|x| x["email"] == "e2e.contact@example.com"))
        .cloned()
        .expect("the sandbox has the new contact");
    assert_eq!(added["phonenumber"], "+31612345678");
    let id = text(&added["id"]);

    let said = run_tool(
        c,
        "hostkey-edit-contact",
        &[("edit-contact-id", &id), ("edit-contact-email", "nope@")],
    )
    .await;
    assert!(said.contains("is not an e-mail address"), "{said}");
    let said = run_tool(
        c,
        "hostkey-edit-contact",
        &[
            ("edit-contact-email", "e2e.changed@example.com"),
            ("edit-contact-password", "s3cret-pass"),
        ],
    )
    .await;
    assert!(said.contains(&format!("Contact {id} saved")), "{said}");
    assert!(!said.contains("s3cret-pass"), "the password is not shown");
    reload(c, section).await;
    listed(c, section, "e2e.changed@example.com", true).await;
    remove(c, section, "e2e.changed@example.com").await;
    let contacts = whmcs(world, &token, "get_contacts", "").await;
    assert!(
        !ids(&contacts["contacts"]).contains(&id),
        "contact {id} is gone"
    );

    let section = "hostkey-reset-password";
    let said = run_tool(c, section, &[("reset-email", "john at example")]).await;
    assert!(said.contains("is not an e-mail address"), "{said}");
    let said = run_tool(c, section, &[("reset-email", "someone.else@example.com")]).await;
    assert!(said.contains("Failed to identify"), "{said}");
    let said = run_tool(c, section, &[("reset-email", "john.hostkey@example.com")]).await;
    assert!(
        said.contains("reset link") && said.contains("john.hostkey@example.com"),
        "{said}"
    );
    check::js(
        c,
        "document.querySelector('[data-testid=hostkey-contacts]').scrollIntoView()",
    )
    .await;
    browser.screenshot("hostkey-contacts").await;
    browser.close().await;
}

#[tokio::test]
async fn hostkey_cancellations_are_listed_requested_and_withdrawn() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let world = World::get();
    let (browser, account) = open_account(world, "hk-cancel").await;
    let c = &browser.client;
    let token = token(world).await;
    let section = "hostkey-cancellations";

    // The seeded request for server 34533, withdrawn: its invoice is due again.
    to_tools(c, &account).await;
    let servers = column(c, section, 2).await;
    let seeded = servers
        .iter()
        .find(|s| s.contains("server 34533"))
        .unwrap_or_else(|| panic!("server 34533's request is listed: {servers:?}"))
        .clone();
    assert!(column(c, section, 1).await.contains(&"507".to_string()));
    remove(c, section, &seeded).await;
    let said = done(c, section).await;
    assert!(said.contains(&seeded), "{said}");
    let invoices = whmcs(world, &token, "get_invoices", "").await;
    let reactivated = invoices["invoices"]["invoice"]
        .as_array()
        .and_then(|l| l.iter().find(|i| text(&i["id"]) == "23451"))
        .cloned()
        .expect("invoice 23451 is listed again");
    assert_eq!(reactivated["status"], "Unpaid");

    // A cancellation requested from a server's page is listed, then withdrawn.
    let server = to_server(c, &account).await;
    let said = run_tool(c, "delete-server", &[("confirm-delete", "delete")]).await;
    assert!(
        said.contains(&format!("cancellation of server {server}")),
        "{said}"
    );
    to_tools(c, &account).await;
    let requested = find::until_js(
        c,
        &format!(
            "[...document.querySelectorAll('[data-testid={section}] [data-testid=collection-row][data-key=\"{server}\"] td')].map(td => td.textContent)"
        ),
        &format!("server {server}'s request"),
    )
    .await;
    let cells: Vec<String> = serde_json::from_value(requested).unwrap_or_default();
    assert!(cells.iter().any(|t| t == "at once"), "{cells:?}");
    let pending = whmcs(
        world,
        &token,
        "get_cancellation_requests",
        &format!("&id={server}"),
    )
    .await;
    let request = ids(&pending["message"]);
    assert_eq!(request.len(), 1, "{pending}");
    assert!(request.iter().all(|r| cells.contains(r)), "{cells:?}");
    check::js(
        c,
        "document.querySelector('[data-testid=hostkey-cancellations]').scrollIntoView()",
    )
    .await;
    browser.screenshot("hostkey-cancellations").await;
    remove(c, section, &cells[1]).await;
    let pending = whmcs(world, &token, "get_cancellation_requests", "").await;
    assert_eq!(pending["message"], serde_json::json!([]), "{pending}");
    browser.close().await;
}

#[tokio::test]
async fn the_hostkey_pin_is_checked_and_changed_without_being_shown() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let world = World::get();
    let (browser, account) = open_account(world, "hk-pin").await;
    let c = &browser.client;
    to_tools(c, &account).await;
    let saved = credential(&world.credentials().await, "hostkey", "pin");

    let check = "hostkey-check-pin";
    let said = run_tool(c, check, &[]).await;
    assert!(
        said.contains("The PIN saved with this account is right"),
        "{said}"
    );
    let said = run_tool(c, check, &[("check-pin", "12ab")]).await;
    assert!(said.contains("digits only"), "{said}");
    let said = run_tool(c, check, &[("check-pin", "97531")]).await;
    assert!(said.contains("is not the account's PIN"), "{said}");

    let set = "hostkey-set-pin";
    let said = run_tool(c, set, &[("pin-new", "12"), ("pin-repeat", "12")]).await;
    assert!(said.contains("4 to 8 digits"), "{said}");
    let said = run_tool(c, set, &[("pin-new", "5678"), ("pin-repeat", "5679")]).await;
    assert!(said.contains("the two differ"), "{said}");
    let said = run_tool(c, set, &[("pin-current", "1111"), ("pin-repeat", "5678")]).await;
    assert!(said.contains("refused the current PIN"), "{said}");
    // The PINs typed for that attempt are not left in the form.
    let left = check::js(
        c,
        "[...document.querySelectorAll('[data-testid=hostkey-set-pin] input')].map(i => i.value).join('')",
    )
    .await;
    assert_eq!(left, "", "the PIN fields are emptied");
    let said = run_tool(c, set, &[("pin-new", "5678"), ("pin-repeat", "5678")]).await;
    assert!(said.contains("PIN code has been changed"), "{said}");
    assert!(said.contains("Accounts page"), "{said}");
    assert!(!said.contains("5678"), "the PIN is not shown: {said}");
    let said = run_tool(c, check, &[("check-pin", "5678")]).await;
    assert!(said.contains("The PIN you typed is right"), "{said}");
    let said = run_tool(c, check, &[("check-pin", "")]).await;
    assert!(said.contains("is not the account's PIN"), "{said}");
    browser.screenshot("hostkey-pin").await;

    // Back to the PIN saved with the account.
    let said = run_tool(
        c,
        set,
        &[
            ("pin-current", "5678"),
            ("pin-new", &saved),
            ("pin-repeat", &saved),
        ],
    )
    .await;
    assert!(said.contains("PIN code has been changed"), "{said}");
    let said = run_tool(c, check, &[]).await;
    assert!(
        said.contains("The PIN saved with this account is right"),
        "{said}"
    );
    let page = check::js(c, "document.body.innerText").await;
    assert!(
        !page.to_string().contains("5678"),
        "no PIN is shown on the page"
    );
    browser.close().await;
}
