//! The Tauri commands the web view may call: thin wrappers over the account
//! book, the outbound transport and the Nostr keys. Every one is allowed by
//! name in `capabilities/default.json` and nothing else is.
//!
//! Keychain work runs on a blocking thread (Secret Service talks D-Bus).
//! Errors are sentences for the user and never hold a secret.

use crate::accounts::AccountBook;
use crate::{nostr_keys, outbound};
use nostr::prelude::Event;
use providers::wire::{WireRequest, WireResponse};
use providers::{Account, Credentials, TransportError};
use std::sync::Arc;
use tauri::State;

/// Every command's names: the list `build.rs` turns into the app manifest.
pub const NAMES: [&str; 9] = include!("command_names.rs");

/// What the commands share: the account book and the HTTP client.
pub struct Native {
    /// The accounts and Nostr keys, in the keychain.
    pub book: AccountBook,
    /// The HTTP client of [`outbound::send`].
    pub client: reqwest::Client,
}

/// The managed state: [`Native`] behind an `Arc`, so blocking work can own it.
pub type Shared = Arc<Native>;

/// Runs keychain work off the async threads.
async fn blocking<T, F>(state: &Shared, work: F) -> Result<T, String>
where
    T: Send + 'static,
    F: FnOnce(&Native) -> Result<T, String> + Send + 'static,
{
    let native = state.clone();
    tauri::async_runtime::spawn_blocking(move || work(&native))
        .await
        .map_err(|e| format!("the keychain task failed: {e}"))?
}

/// The LNVPS account with the npub of its keychain key filled in.
fn with_npub(native: &Native, mut account: Account) -> Account {
    if let Credentials::Nostr { public_key } = &mut account.credentials {
        if let Ok(Some(npub)) = nostr_keys::public_key(native.book.store(), &account.id) {
            *public_key = Some(npub);
        }
    }
    account
}

/// The saved accounts, secrets replaced by placeholders.
#[tauri::command]
pub async fn accounts_list(state: State<'_, Shared>) -> Result<Vec<Account>, String> {
    blocking(&state, |n| {
        let listed = n.book.list_public().map_err(|e| e.to_string())?;
        Ok(listed.into_iter().map(|a| with_npub(n, a)).collect())
    })
    .await
}

/// Saves an account (insert or replace by id); a placeholder keeps the
/// stored secret. Returns the placeholder form.
#[tauri::command]
pub async fn account_save(state: State<'_, Shared>, account: Account) -> Result<Account, String> {
    blocking(&state, move |n| {
        let saved = n.book.save(account).map_err(|e| e.to_string())?;
        Ok(with_npub(n, saved))
    })
    .await
}

/// Removes an account and its Nostr key.
#[tauri::command]
pub async fn account_delete(state: State<'_, Shared>, id: String) -> Result<(), String> {
    blocking(&state, move |n| {
        n.book.delete(&id).map_err(|e| e.to_string())
    })
    .await
}

/// Sends a request for an account, its secrets put in natively. Refused
/// before any connection unless the URL is at the account's origin. The
/// error is a `TransportError` (`{message, timed_out}`).
#[tauri::command]
pub async fn send(
    state: State<'_, Shared>,
    account_id: String,
    request: WireRequest,
) -> Result<WireResponse, TransportError> {
    let id = account_id.clone();
    let account = blocking(&state, move |n| n.book.get(&id).map_err(|e| e.to_string()))
        .await
        .map_err(TransportError::failed)?;
    outbound::send(&state.client, &account, request).await
}

/// The npub of the account's Nostr key, if it has one.
#[tauri::command]
pub async fn nostr_key(
    state: State<'_, Shared>,
    account_id: String,
) -> Result<Option<String>, String> {
    blocking(&state, move |n| {
        nostr_keys::public_key(n.book.store(), &account_id).map_err(|e| e.to_string())
    })
    .await
}

/// A new Nostr key for the account, kept in the keychain; its npub.
#[tauri::command]
pub async fn nostr_generate(
    state: State<'_, Shared>,
    account_id: String,
) -> Result<String, String> {
    blocking(&state, move |n| {
        nostr_keys::generate(n.book.store(), &account_id).map_err(|e| e.to_string())
    })
    .await
}

/// Keeps an nsec (or hex secret key) for the account; its npub.
#[tauri::command]
pub async fn nostr_import(
    state: State<'_, Shared>,
    account_id: String,
    nsec: String,
) -> Result<String, String> {
    blocking(&state, move |n| {
        nostr_keys::import(n.book.store(), &account_id, &nsec).map_err(|e| e.to_string())
    })
    .await
}

/// Signs a NIP-98 event (kind 27235, `u` at the account's origin) with the
/// account's key; the signed event.
#[tauri::command]
pub async fn nostr_sign(
    state: State<'_, Shared>,
    account_id: String,
    unsigned: serde_json::Value,
) -> Result<Event, String> {
    blocking(&state, move |n| {
        let account = n.book.get(&account_id).map_err(|e| e.to_string())?;
        if !matches!(account.credentials, Credentials::Nostr { .. }) {
            return Err(format!("account `{account_id}` does not sign with Nostr"));
        }
        let origin = account.base_url().map_err(|e| e.to_string())?;
        nostr_keys::sign(n.book.store(), &account_id, &origin, unsigned).map_err(|e| e.to_string())
    })
    .await
}

/// The web view reports that every account's fleet has loaded. When
/// `PANEL_READY_FILE` is set, writes `servers` into it (the smoke test waits
/// for that file).
#[tauri::command]
pub fn ready(servers: usize) -> Result<(), String> {
    match std::env::var_os("PANEL_READY_FILE") {
        Some(path) => write_ready(std::path::Path::new(&path), servers),
        None => Ok(()),
    }
}

/// Writes `servers` into `path` whole (through a temporary file and a
/// rename, so a watcher never reads half of it).
pub fn write_ready(path: &std::path::Path, servers: usize) -> Result<(), String> {
    let partial = path.with_extension("partial");
    std::fs::write(&partial, format!("{servers}\n"))
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(|e| format!("cannot write the ready file {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ready_file_holds_the_server_count() {
        let dir = std::env::temp_dir().join(format!("panel-ready-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("ready");
        write_ready(&file, 25).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "25\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn every_command_is_in_the_build_manifest_and_the_capability() {
        let build = include_str!("../build.rs");
        assert!(
            build.contains("include!(\"src/command_names.rs\")"),
            "build.rs reads the same list"
        );
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
        let allowed: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect();
        for name in NAMES {
            let permission = format!("allow-{}", name.replace('_', "-"));
            assert!(
                allowed.contains(&permission),
                "{permission} in the capability"
            );
        }
        assert_eq!(
            allowed.len(),
            NAMES.len(),
            "nothing else is allowed: {allowed:?}"
        );
    }
}
