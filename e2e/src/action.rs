//! What a user does: click, type, choose.

use crate::find;
use fantoccini::Client;

/// Clicks the element with `data-testid=id`, brought to the middle of the
/// window first (as a person scrolls to what they click).
pub async fn click(client: &Client, id: &str) {
    click_css(client, &find::testid(id)).await;
}

/// Replaces the text of an input (an empty `text` leaves it empty).
pub async fn type_into(client: &Client, id: &str, text: &str) {
    let field = find::by_testid(client, id).await;
    field
        .clear()
        .await
        .unwrap_or_else(|e| panic!("clearing {id}: {e}"));
    // WebDriver's clear fires no `input` event; a person's deleting does.
    let arg = serde_json::to_value(&field).expect("an element reference");
    client
        .execute(
            "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            vec![arg],
        )
        .await
        .unwrap_or_else(|e| panic!("emptying {id}: {e}"));
    if !text.is_empty() {
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing into {id}: {e}"));
    }
}

/// Chooses an option of a `<select>` by its value.
pub async fn choose(client: &Client, id: &str, value: &str) {
    let select = find::by_testid(client, id).await;
    select
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("choosing {value} in {id}: {e}"));
}

/// The fields a test fills in the "Add an account" form.
#[derive(Debug, Clone, Default)]
pub struct NewAccount {
    /// Provider slug.
    pub provider: String,
    /// Label.
    pub label: String,
    /// Base URL (the loopback sandbox).
    pub base_url: String,
    /// API key or access token.
    pub key: Option<String>,
    /// Email or user, with `password`.
    pub user: Option<String>,
    /// Password.
    pub password: Option<String>,
    /// HOSTKEY PIN.
    pub pin: Option<String>,
    /// Use the NIP-07 extension (LNVPS).
    pub nostr: bool,
    /// Remember with this vault passphrase.
    pub remember: Option<String>,
}

/// Adds an account through the Accounts page and waits for the confirmation.
pub async fn add_account(client: &Client, account: &NewAccount) {
    let link = find::by_testid(client, "nav-accounts").await;
    link.click().await.expect("opening Accounts");
    choose(client, "add-provider", &account.provider).await;
    type_into(client, "add-label", &account.label).await;
    if account.user.is_some() {
        if !find::all(client, &find::testid("method-login"))
            .await
            .is_empty()
        {
            click(client, "method-login").await;
        }
        type_into(
            client,
            "add-user",
            account.user.as_deref().unwrap_or_default(),
        )
        .await;
        type_into(
            client,
            "add-password",
            account.password.as_deref().unwrap_or_default(),
        )
        .await;
    }
    if let Some(key) = &account.key {
        type_into(client, "add-key", key).await;
    }
    if let Some(pin) = &account.pin {
        type_into(client, "add-pin", pin).await;
    }
    if account.nostr {
        click(client, "connect-extension").await;
        find::by_testid(client, "npub").await;
    }
    type_into(client, "add-base-url", &account.base_url).await;
    if let Some(passphrase) = &account.remember {
        // The box keeps its state from the previous account.
        let ticked = find::by_testid(client, "add-remember")
            .await
            .is_selected()
            .await
            .unwrap_or(false);
        if !ticked {
            click(client, "add-remember").await;
        }
        if !find::all(client, &find::testid("add-passphrase"))
            .await
            .is_empty()
        {
            type_into(client, "add-passphrase", passphrase).await;
            if !find::all(client, &find::testid("add-passphrase2"))
                .await
                .is_empty()
            {
                type_into(client, "add-passphrase2", passphrase).await;
            }
        }
    }
    click(client, "add-submit").await;
    let added = find::by_testid(client, "added").await;
    let text = added.text().await.unwrap_or_default();
    assert!(
        text.contains(&account.label),
        "confirmation names the account: {text}"
    );
}

/// Clicks the first element matching a CSS selector (for elements a test
/// cannot name by `data-testid` alone, such as a generated account id).
pub async fn click_css(client: &Client, css: &str) {
    let element = find::by_css(client, css).await;
    let arg = serde_json::to_value(&element).expect("an element reference");
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
            vec![arg],
        )
        .await
        .unwrap_or_else(|e| panic!("scrolling to {css}: {e}"));
    element
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}
