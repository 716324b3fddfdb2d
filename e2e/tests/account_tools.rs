//! What the tools page says about an account and its service (LiteVPS's
//! health and manifest, CyberPanel's health, key and scopes), where LiteVPS
//! sends bills, several LiteVPS servers deleted in one request only after
//! the confirmation, each with its result; and a HOSTKEY account signed in
//! with its billing login, whose session is ended when it is forgotten.

use e2e::action::{self, NewAccount};
use e2e::loopback::{self, account_id, browser_with_accounts};
use e2e::tools::{column, names, open_tools, run_tool};
use e2e::world::request_log;
use e2e::{check, find, World};

#[tokio::test]
async fn litevps_service_billing_e_mail_and_a_batch_deletion() {
    let world = World::get();
    let browser = open_tools(world, "litevps", "lite-account").await;
    let c = &browser.client;

    let labels = names(c, "litevps-service").await;
    let values = column(c, "litevps-service", 2).await;
    let row = |label: &str| {
        labels
            .iter()
            .position(|l| l == label)
            .map(|i| values[i].clone())
    };
    assert_eq!(row("API").as_deref(), Some("ok"), "{labels:?} {values:?}");
    assert_eq!(row("Service").as_deref(), Some("LiteVPS"));
    assert_eq!(
        row("Sign-in").as_deref(),
        Some("bearer token from /api/auth/login")
    );

    let said = run_tool(c, "litevps-billing-email", &[("billing-email", "bills")]).await;
    assert!(said.contains("is not an e-mail address"), "{said}");
    let said = run_tool(
        c,
        "litevps-billing-email",
        &[("billing-email", "bills@example.com")],
    )
    .await;
    assert_eq!(said.trim(), "Bills now go to bills@example.com.");

    // Two servers of the account, by the names the fleet shows.
    action::click(c, "nav-all").await;
    let listed = find::until_js(
        c,
        "(() => { const n = [...document.querySelectorAll('[data-testid=server-row]')].filter(r => r.querySelector('.account-label').textContent === 'lite-account').map(r => r.querySelector('[data-testid=server-link]').textContent); return n.length >= 3 ? n : null; })()",
        "three LiteVPS servers",
    )
    .await;
    let fleet: Vec<String> = serde_json::from_value(listed).unwrap_or_default();
    let doomed = [fleet[0].clone(), fleet[1].clone()];
    let id = account_id(&browser, "lite-account").await;
    action::click(c, &format!("nav-tools-{id}")).await;
    find::by_testid(c, "litevps-batch-delete").await;

    // Without the confirmation, or with a name the account does not have, nothing is deleted.
    let both = doomed.join(", ");
    let said = run_tool(c, "litevps-batch-delete", &[("batch-delete-names", &both)]).await;
    assert!(said.contains("Type “delete” to confirm"), "{said}");
    let said = run_tool(
        c,
        "litevps-batch-delete",
        &[
            ("batch-delete-names", &format!("{both} no-such-server")),
            ("confirm-batch-delete", "delete"),
        ],
    )
    .await;
    assert!(
        said.contains("no server of this account is called no-such-server; nothing was deleted"),
        "{said}"
    );
    let said = run_tool(
        c,
        "litevps-batch-delete",
        &[
            ("batch-delete-names", &both),
            ("confirm-batch-delete", "delete"),
        ],
    )
    .await;
    assert!(said.contains("Deleted 2 of 2 servers."), "{said}");
    let out = check::text(c, "tool-output").await;
    for name in &doomed {
        assert!(out.contains(&format!("{name}: deleted")), "{out}");
    }
    // The button is off for good: a second click cannot send the deletion again.
    assert_eq!(
        check::js(
            c,
            "document.querySelector('[data-testid=litevps-batch-delete] [data-testid=tool-run]').disabled"
        )
        .await,
        true
    );
    browser.screenshot("tools-litevps-account").await;

    // The fleet, read again, no longer lists them.
    action::click(c, "nav-all").await;
    find::until_js(
        c,
        &format!(
            "(() => {{ const n = [...document.querySelectorAll('[data-testid=server-row]')].filter(r => r.querySelector('.account-label').textContent === 'lite-account').map(r => r.querySelector('[data-testid=server-link]').textContent); \
             return n.length > 0 && !n.includes({:?}) && !n.includes({:?}); }})()",
            doomed[0], doomed[1]
        ),
        "the deleted servers gone from the fleet",
    )
    .await;
    browser.close().await;
}

#[tokio::test]
async fn cyberpanel_service_key_and_scopes_are_shown() {
    let world = World::get();
    let browser = open_tools(world, "cyberpanel", "cp-key").await;
    let c = &browser.client;
    let labels = names(c, "cyberpanel-service").await;
    let values = column(c, "cyberpanel-service", 2).await;
    assert_eq!(labels[0], "API");
    assert_eq!(values[0], "healthy · CyberPanel Cloud API · 1.0.0");
    assert!(labels.contains(&"Key".to_string()), "{labels:?}");

    let scopes = names(c, "cyberpanel-scopes").await;
    assert_eq!(
        scopes,
        [
            "vps:read",
            "vps:write",
            "vps:delete",
            "billing:read",
            "billing:write",
            "account:read",
            "all"
        ]
    );
    let granted = column(c, "cyberpanel-scopes", 3).await;
    assert_eq!(granted.len(), scopes.len());
    assert!(granted.iter().all(|g| g == "granted"), "{granted:?}");
    browser.screenshot("tools-cyberpanel-key").await;
    browser.close().await;
}

/// How many HOSTKEY `auth` calls with `action` the sandbox has answered so far.
fn auth_calls(action: &str) -> usize {
    request_log()
        .iter()
        .filter(|r| r["provider"] == "hostkey" && r["action"] == action)
        .count()
}

#[tokio::test]
async fn a_hostkey_billing_login_lists_the_fleet_and_forgetting_it_ends_the_session() {
    let world = World::get();
    let creds = world.credentials().await;
    let account = NewAccount {
        label: "hk-billing-login".into(),
        user: Some(loopback::credential(&creds, "hostkey", "Billing user")),
        password: Some(loopback::credential(&creds, "hostkey", "Billing password")),
        key: None,
        ..loopback::account(world, "hostkey").await
    };
    let logins = auth_calls("whmcslogin");
    let browser = browser_with_accounts(world, &[account], true).await;
    let c = &browser.client;
    assert!(check::count(c, "[data-testid=server-row][data-provider=hostkey]").await > 0);
    assert!(
        auth_calls("whmcslogin") > logins,
        "signed in with the billing login"
    );

    let logouts = auth_calls("logout");
    let id = account_id(&browser, "hk-billing-login").await;
    action::click(c, "nav-accounts").await;
    action::click_css(
        c,
        &format!("[data-testid=account-{id}] [data-testid=forget]"),
    )
    .await;
    find::until_js(
        c,
        &format!("!document.querySelector('[data-testid=account-{id}]')"),
        "the account gone from the list",
    )
    .await;
    assert_eq!(
        auth_calls("logout"),
        logouts + 1,
        "the session token is revoked"
    );
    action::click(c, "nav-activity").await;
    let entry = find::until_js(
        c,
        "[...document.querySelectorAll('[data-testid=activity-entry]')].map(r => r.textContent).find(t => t.includes('account forgotten'))",
        "the forgotten account in the activity log",
    )
    .await;
    let entry = entry.as_str().unwrap_or_default();
    assert!(
        entry.contains("HOSTKEY") && entry.contains("removed"),
        "{entry}"
    );
    assert!(!entry.contains("could not be ended"), "{entry}");
    browser.close().await;
}
