//! The keys-and-tools pages (`/tools/{account}` and a server page's
//! sections) as a person uses them: open one, read a section's rows, fill a
//! collection's add form or a tool's form and read what it says.

use crate::action::{self, NewAccount};
use crate::loopback::{self, account_id, browser_with_accounts};
use crate::{check, find, Browser, World};
use fantoccini::Client;

/// A browser holding the loopback account of `provider` (labelled `label`), on its tools page.
pub async fn open_tools(world: &World, provider: &str, label: &str) -> Browser {
    let account = NewAccount {
        label: label.into(),
        ..loopback::account(world, provider).await
    };
    let browser = browser_with_accounts(world, &[account], false).await;
    let id = account_id(&browser, label).await;
    action::click(&browser.client, &format!("nav-tools-{id}")).await;
    find::by_testid(&browser.client, "tools-title").await;
    browser
}

/// The first cell of every row of `section`, once it has loaded.
pub async fn names(c: &Client, section: &str) -> Vec<String> {
    column(c, section, 1).await
}

/// Cell `n` (from 1) of every row of `section`, once it has loaded.
pub async fn column(c: &Client, section: &str, n: usize) -> Vec<String> {
    let rows = find::until_js(
        c,
        &format!(
            "(() => {{ const s = document.querySelector('[data-testid={section}]'); \
             if (!s || s.querySelector('.spinner')) return null; \
             return [...s.querySelectorAll('[data-testid=collection-row] td:nth-child({n})')].map(td => td.textContent); }})()"
        ),
        &format!("the {section} list"),
    )
    .await;
    serde_json::from_value(rows).unwrap_or_default()
}

/// Waits until a row of `section` has (or no row has) a cell reading `name`.
pub async fn listed(c: &Client, section: &str, name: &str, present: bool) {
    find::until_js(
        c,
        &format!(
            "[...document.querySelectorAll('[data-testid={section}] [data-testid=collection-row] td')]\
             .some(td => td.textContent === {name:?}) === {present}"
        ),
        &format!("{name} {} in {section}", if present { "listed" } else { "gone" }),
    )
    .await;
}

/// The message shown after the last action of `section`.
pub async fn done(c: &Client, section: &str) -> String {
    let css = format!("[data-testid={section}] [data-testid=collection-done]");
    find::by_css(c, &css).await;
    check::js(c, &format!("document.querySelector('{css}').textContent"))
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// A browser on the page of a running server of `provider`.
pub async fn open_server(world: &World, provider: &str, label: &str) -> Browser {
    let account = NewAccount {
        label: label.into(),
        ..loopback::account(world, provider).await
    };
    let browser = browser_with_accounts(world, &[account], true).await;
    action::click_css(
        &browser.client,
        &format!("[data-testid=server-row][data-provider={provider}][data-status=running] [data-testid=server-link]"),
    )
    .await;
    find::by_testid(&browser.client, "details").await;
    browser
}

/// A browser on the page of the last running server of `provider` (the
/// other scenarios use the first).
pub async fn open_last_server(world: &World, provider: &str, label: &str) -> Browser {
    let account = NewAccount {
        label: label.into(),
        ..loopback::account(world, provider).await
    };
    let browser = browser_with_accounts(world, &[account], true).await;
    let c = &browser.client;
    let links = find::all(
        c,
        &format!("[data-testid=server-row][data-provider={provider}][data-status=running] [data-testid=server-link]"),
    )
    .await;
    let last = links.last().expect("a running server").clone();
    let href = last.attr("href").await.ok().flatten().unwrap_or_default();
    action::click_css(c, &format!("[data-testid=server-link][href={href:?}]")).await;
    find::by_testid(c, "details").await;
    browser
}

/// Reads the rows of collection `section` again (its Reload button).
pub async fn reload(c: &Client, section: &str) {
    action::click_css(
        c,
        &format!("[data-testid={section}] [data-testid=collection-reload]"),
    )
    .await;
}

/// Sets `fields` of `section` (a select by value, a text by typing).
pub async fn fill(c: &Client, section: &str, fields: &[(&str, &str)]) {
    for (id, value) in fields {
        let css = format!("[data-testid={section}] [data-testid={id}]");
        if check::js(c, &format!("document.querySelector('{css}').tagName")).await == "SELECT" {
            action::choose(c, id, value).await;
        } else {
            action::type_into(c, id, value).await;
        }
    }
}

/// Fills `fields` of `section`'s add form and submits it.
pub async fn add(c: &Client, section: &str, fields: &[(&str, &str)]) {
    fill(c, section, fields).await;
    action::click_css(
        c,
        &format!("[data-testid={section}] [data-testid=collection-add]"),
    )
    .await;
}

/// Removes the row of `section` whose first cell is `name`, confirming.
pub async fn remove(c: &Client, section: &str, name: &str) {
    action::click_css(
        c,
        &format!(
            "[data-testid={section}] [data-testid=collection-remove][aria-label$={:?}]",
            format!(" {name}")
        ),
    )
    .await;
    let asked = check::js(
        c,
        &format!("document.querySelector('[data-testid={section}] [data-testid=collection-confirm]').textContent"),
    )
    .await;
    let asked = asked.as_str().unwrap_or_default();
    assert!(asked.contains(name), "the confirmation names it: {asked}");
    action::click_css(
        c,
        &format!("[data-testid={section}] [data-testid=collection-confirm-remove]"),
    )
    .await;
    listed(c, section, name, false).await;
}

/// Fills `fields` of tool `section`, runs it and returns what it says (or its error).
pub async fn run_tool(c: &Client, section: &str, fields: &[(&str, &str)]) -> String {
    fill(c, section, fields).await;
    action::click_css(
        c,
        &format!("[data-testid={section}] [data-testid=tool-run]"),
    )
    .await;
    let shown = find::until_js(
        c,
        &format!(
            "(() => {{ const s = document.querySelector('[data-testid={section}]'); \
             if (s.querySelector('[data-testid=tool-running]')) return null; \
             const r = s.querySelector('[data-testid=tool-result], .notice.error, .field-error'); \
             return r ? r.textContent : null; }})()"
        ),
        &format!("the result of {section}"),
    )
    .await;
    shown.as_str().unwrap_or_default().to_string()
}
