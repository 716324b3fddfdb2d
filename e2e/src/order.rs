//! Order forms and followed orders: choosing by what an option says,
//! reading a field's message, waiting for an order's state, moving the
//! sandbox's clock past a provider's set-up time.

use crate::{action, find, World};
use fantoccini::Client;

/// The order journal in the page's `localStorage`, as a JavaScript expression.
pub const JOURNAL: &str = "JSON.parse(localStorage.getItem('panel.orders') || '[]')";

/// Chooses the first option of a select whose text contains every `needle`; returns its value.
pub async fn choose_containing(c: &Client, id: &str, needles: &[&str]) -> String {
    let value = find::until_js(
        c,
        &format!(
            "[...document.querySelectorAll('[data-testid={id}] option')].find(o => o.value && {needles:?}.every(n => o.textContent.includes(n)))?.value"
        ),
        &format!("an option of {id} with {needles:?}"),
    )
    .await;
    let value = value.as_str().unwrap_or_default().to_string();
    action::choose(c, id, &value).await;
    value
}

/// Asserts the message under `field` contains `text`.
pub async fn says(c: &Client, field: &str, text: &str) {
    let shown = find::until_js(
        c,
        &format!("document.querySelector('[data-testid=error-{field}]')?.textContent"),
        &format!("the {field} message"),
    )
    .await;
    let shown = shown.as_str().unwrap_or_default();
    assert!(
        shown.contains(text),
        "{field}: expected “{text}”, shown “{shown}”"
    );
}

/// Waits until the order shown on the page is in `state` (`running`, `provisioning`…).
pub async fn order_state(c: &Client, state: &str) {
    find::until_js(
        c,
        &format!("document.querySelector('[data-testid=order]')?.dataset.state === {state:?}"),
        &format!("the order {state}"),
    )
    .await;
}

/// Moves the sandbox's clock on by `ms` (every provider's set-up timers).
pub async fn advance_sandbox_clock(world: &World, ms: u64) {
    let (status, body) = crate::world::http_request(
        &world.sandbox,
        "POST",
        "/_sandbox/time",
        Some(format!(r#"{{"advance_ms": {ms}}}"#)),
    )
    .await;
    assert_eq!(status, 200, "moving the sandbox clock: {body}");
}
