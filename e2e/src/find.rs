//! Locating things on the page, waiting for them to appear.

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};
use std::time::Duration;

/// How long any single wait may take.
pub const WAIT: Duration = Duration::from_secs(30);

/// The CSS selector of a `data-testid`.
pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Waits for the element with `data-testid=id`.
pub async fn by_testid(client: &Client, id: &str) -> Element {
    by_css(client, &testid(id)).await
}

/// Waits for an element matching a CSS selector.
pub async fn by_css(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("no element `{css}` within {WAIT:?}: {e}"))
}

/// Every element matching a CSS selector now (no wait).
pub async fn all(client: &Client, css: &str) -> Vec<Element> {
    client.find_all(Locator::Css(css)).await.unwrap_or_default()
}

/// Waits until `probe` (a JS expression) is truthy; returns its last value.
pub async fn until_js(client: &Client, probe: &str, what: &str) -> serde_json::Value {
    until_js_within(client, probe, what, WAIT).await
}

/// [`until_js`] with its own limit, for what takes longer than one step
/// (a bulk action following servers at each provider's polling pace).
pub async fn until_js_within(
    client: &Client,
    probe: &str,
    what: &str,
    within: Duration,
) -> serde_json::Value {
    let deadline = std::time::Instant::now() + within;
    loop {
        let value = client
            .execute(&format!("return ({probe});"), vec![])
            .await
            .unwrap_or(serde_json::Value::Null);
        let truthy = match &value {
            serde_json::Value::Null => false,
            serde_json::Value::Bool(b) => *b,
            serde_json::Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
            serde_json::Value::String(s) => !s.is_empty(),
            _ => true,
        };
        if truthy {
            return value;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what} (`{probe}` = {value})"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
