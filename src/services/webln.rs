//! WebLN (`window.webln`): the Lightning wallet a browser extension (Alby and
//! others) offers to pages, used to pay an invoice with one click.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn provider() -> Option<JsValue> {
    let window = web_sys::window()?;
    Reflect::get(&window, &JsValue::from_str("webln"))
        .ok()
        .filter(|v| v.is_object())
}

/// True when a WebLN wallet is present in this browser.
pub fn available() -> bool {
    provider().is_some()
}

/// Calls `webln.<name>(args…)` and waits for its promise.
async fn call(webln: &JsValue, name: &str, args: &js_sys::Array) -> Result<JsValue, String> {
    let method: Function = Reflect::get(webln, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("the wallet has no `{name}`"))?;
    let promise: Promise = method
        .apply(webln, args)
        .map_err(describe)?
        .dyn_into()
        .map_err(|_| format!("the wallet's `{name}` did not return a promise"))?;
    JsFuture::from(promise).await.map_err(describe)
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the wallet refused".into())
}

/// Asks the WebLN wallet to pay `bolt11` (it asks the person to confirm).
pub async fn pay(bolt11: &str) -> Result<(), String> {
    let webln = provider().ok_or("no WebLN wallet in this browser")?;
    call(&webln, "enable", &js_sys::Array::new()).await?;
    call(
        &webln,
        "sendPayment",
        &js_sys::Array::of1(&JsValue::from_str(bolt11)),
    )
    .await?;
    Ok(())
}
