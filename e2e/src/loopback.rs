//! Accounts for the loopback sandbox, typed in as a user would, and finding
//! an account's id (which the panel makes up) from its label.

use crate::action::{self, NewAccount};
use crate::{find, Browser, World};
use serde_json::Value;

/// Provider slugs, in the panel's order.
pub const PROVIDERS: [&str; 5] = ["lnvps", "hostkey", "cyberpanel", "litevps", "llamalink"];

/// A sandbox credential by provider slug and label.
pub fn credential(creds: &Value, provider: &str, label: &str) -> String {
    creds[provider][label]
        .as_str()
        .unwrap_or_else(|| panic!("sandbox credential {provider}/{label}"))
        .to_string()
}

/// The account the form gets for `provider` on the loopback sandbox, labelled `<provider>-loop`.
pub async fn account(world: &World, provider: &str) -> NewAccount {
    let creds = world.credentials().await;
    let mut account = NewAccount {
        provider: provider.into(),
        label: format!("{provider}-loop"),
        base_url: format!("{}/{provider}", world.sandbox),
        ..Default::default()
    };
    match provider {
        "lnvps" => account.nostr = true,
        "hostkey" => {
            account.key = Some(credential(&creds, "hostkey", "api key"));
            account.pin = Some(credential(&creds, "hostkey", "pin"));
        }
        "litevps" => {
            account.user = Some(credential(&creds, "litevps", "email"));
            account.password = Some(credential(&creds, "litevps", "password"));
        }
        other => account.key = Some(credential(&creds, other, "api key")),
    }
    account
}

/// A browser (with the test NIP-07 extension) holding loopback accounts for
/// `providers`; with `only_these`, the demo accounts are hidden and every
/// added account's fleet has loaded when it returns.
pub async fn browser_with(world: &World, providers: &[&str], only_these: bool) -> Browser {
    let mut accounts = Vec::new();
    for p in providers {
        accounts.push(account(world, p).await);
    }
    browser_with_accounts(world, &accounts, only_these).await
}

/// A browser (with the test NIP-07 extension) where `accounts` were added
/// through the form; with `only_these`, the demo accounts are hidden and
/// every added account's fleet has loaded when it returns.
pub async fn browser_with_accounts(
    world: &World,
    accounts: &[NewAccount],
    only_these: bool,
) -> Browser {
    let browser = world.browser().await;
    browser.open("/?test_nostr=1").await;
    for account in accounts {
        action::add_account(&browser.client, account).await;
    }
    if only_these {
        action::click(&browser.client, "leave-sandbox").await;
        action::click(&browser.client, "nav-all").await;
        for account in accounts {
            let p = &account.provider;
            find::until_js(
                &browser.client,
                &format!(
                    "document.querySelectorAll('[data-testid=server-row][data-provider={p}]').length"
                ),
                &format!("{p} rows"),
            )
            .await;
        }
    }
    browser
}

/// The id of the account labelled `label`, read from the side navigation.
pub async fn account_id(browser: &Browser, label: &str) -> String {
    let probe = format!(
        "[...document.querySelectorAll('[data-testid^=nav-account-]')]\
         .filter(a => a.textContent.trim() === {label:?})\
         .map(a => a.dataset.testid.slice('nav-account-'.length))[0] || ''"
    );
    let id = find::until_js(
        &browser.client,
        &probe,
        &format!("account {label} in the nav"),
    )
    .await;
    id.as_str().unwrap_or_default().to_string()
}
