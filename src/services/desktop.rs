//! The desktop app's native side, reached through Tauri's IPC.
//!
//! In the desktop app the web view holds no stored secret: accounts come
//! from the OS keychain with their keys replaced by stand-ins, and requests
//! are sent (and LNVPS events signed) by the native side, which puts the real
//! keys in. See `src-tauri/`.

use nostr::prelude::{Event, UnsignedEvent};
use providers::wire::{WireRequest, WireResponse};
use providers::{Account, TransportError};
use serde::de::DeserializeOwned;
use serde_json::json;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI_INTERNALS__"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// True when the panel runs inside the desktop app.
pub fn available() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::has(&w, &"__TAURI_INTERNALS__".into()).ok())
        .unwrap_or(false)
}

/// Calls a native command with JSON arguments; its JSON answer, or what it
/// rejected with.
async fn invoke(command: &str, args: serde_json::Value) -> Result<String, JsValue> {
    let args = js_sys::JSON::parse(&args.to_string())?;
    let answer = tauri_invoke(command, args).await?;
    if answer.is_undefined() {
        return Ok("null".into());
    }
    Ok(js_sys::JSON::stringify(&answer)?.into())
}

fn decode<T: DeserializeOwned>(command: &str, text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("`{command}` gave an unexpected answer: {e}"))
}

fn refusal(command: &str, error: JsValue) -> String {
    error
        .as_string()
        .unwrap_or_else(|| format!("the desktop app refused `{command}`"))
}

/// Calls a native command whose errors are messages.
async fn call<T: DeserializeOwned>(command: &str, args: serde_json::Value) -> Result<T, String> {
    let text = invoke(command, args)
        .await
        .map_err(|e| refusal(command, e))?;
    decode(command, &text)
}

/// The accounts saved in the keychain, with stand-ins for their secrets.
pub async fn accounts_list() -> Result<Vec<Account>, String> {
    call("accounts_list", json!({})).await
}

/// Saves an account in the keychain; returns it with stand-ins for its secrets.
pub async fn account_save(account: &Account) -> Result<Account, String> {
    call("account_save", json!({ "account": account })).await
}

/// Removes an account (and its Nostr key) from the keychain.
pub async fn account_delete(id: &str) -> Result<(), String> {
    call("account_delete", json!({ "id": id })).await
}

/// Sends a request for an account; the native side puts its secrets in.
/// A refusal or a network failure comes back as a [`TransportError`] that
/// says whether the request may have arrived (a timeout).
pub async fn send(account_id: &str, request: WireRequest) -> Result<WireResponse, TransportError> {
    let args = json!({ "accountId": account_id, "request": request });
    match invoke("send", args).await {
        // The provider answered: whatever it did has happened.
        Ok(text) => decode("send", &text).map_err(TransportError::timeout),
        Err(error) => Err(js_sys::JSON::stringify(&error)
            .ok()
            .and_then(|t| serde_json::from_str(&String::from(t)).ok())
            .unwrap_or_else(|| TransportError::failed(refusal("send", error)))),
    }
}

/// The npub of an account's Nostr key, if it has one.
pub async fn nostr_key(account_id: &str) -> Result<Option<String>, String> {
    call("nostr_key", json!({ "accountId": account_id })).await
}

/// Generates a Nostr key for an account, kept in the keychain; its npub.
pub async fn nostr_generate(account_id: &str) -> Result<String, String> {
    call("nostr_generate", json!({ "accountId": account_id })).await
}

/// Imports an nsec (or hex secret key) for an account; its npub.
pub async fn nostr_import(account_id: &str, nsec: &str) -> Result<String, String> {
    call(
        "nostr_import",
        json!({ "accountId": account_id, "nsec": nsec }),
    )
    .await
}

/// Signs a NIP-98 event with an account's key.
pub async fn nostr_sign(account_id: &str, unsigned: &UnsignedEvent) -> Result<Event, String> {
    call(
        "nostr_sign",
        json!({ "accountId": account_id, "unsigned": unsigned }),
    )
    .await
}

/// Tells the native side every account's fleet has loaded.
pub async fn ready(servers: usize) -> Result<(), String> {
    call("ready", json!({ "servers": servers })).await
}
