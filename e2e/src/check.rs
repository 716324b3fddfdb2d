//! What a user sees: texts, counts, attributes.

use crate::find;
use fantoccini::Client;

/// The visible text of the element with `data-testid=id`.
pub async fn text(client: &Client, id: &str) -> String {
    find::by_testid(client, id)
        .await
        .text()
        .await
        .unwrap_or_default()
}

/// How many elements match a CSS selector now.
pub async fn count(client: &Client, css: &str) -> usize {
    find::all(client, css).await.len()
}

/// The value of a JS expression.
pub async fn js(client: &Client, expression: &str) -> serde_json::Value {
    client
        .execute(&format!("return ({expression});"), vec![])
        .await
        .unwrap_or(serde_json::Value::Null)
}
