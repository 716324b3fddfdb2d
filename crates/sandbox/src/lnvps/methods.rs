//! Saved payment methods (`/payment-methods`): NWC wallets that auto-renewal
//! charges. The connection string is checked and then dropped, never stored
//! or echoed: it holds the wallet's secret.

use serde::Deserialize;
use serde_json::{json, Value};

use super::reply::Rejection;

use super::account::Account;
use super::reply::{body, invalid, not_found, ok, present, Reply};
use super::state::{Call, State};
use super::time::rfc3339;

/// What NWC strings start with.
const NWC_SCHEME: &str = "nostr+walletconnect://";

/// One saved method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SavedMethod {
    id: u64,
    name: Option<String>,
    created_ms: u64,
    is_default: bool,
    /// False when the owner paused it.
    pub(super) enabled: bool,
}

impl SavedMethod {
    /// `PaymentMethodResponse` JSON.
    fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "provider": "nwc",
            "name": self.name,
            "created": rfc3339(self.created_ms),
            "card_brand": null,
            "card_last_four": null,
            "exp_month": null,
            "exp_year": null,
            "is_default": self.is_default,
            "enabled": self.enabled,
        })
    }
}

fn is_hex64(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Checks a `nostr+walletconnect://<wallet pubkey>?relay=…&secret=…` string.
pub(super) fn check_nwc(uri: &str) -> Result<(), Rejection> {
    let Some(rest) = uri.strip_prefix(NWC_SCHEME) else {
        return Err(invalid(format!(
            "nwc_connection_string must start with {NWC_SCHEME}"
        )));
    };
    let (wallet, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !is_hex64(wallet) {
        return Err(invalid(
            "nwc_connection_string: the wallet public key must be 64 hex characters",
        ));
    }
    let params = crate::wire::Form::parse(query.as_bytes());
    if params
        .get("relay")
        .is_none_or(|r| !r.starts_with("wss://") && !r.starts_with("ws://"))
    {
        return Err(invalid(
            "nwc_connection_string: a relay=wss://… parameter is required",
        ));
    }
    if !params.get("secret").is_some_and(is_hex64) {
        return Err(invalid(
            "nwc_connection_string: a secret of 64 hex characters is required",
        ));
    }
    Ok(())
}

/// Adds a method to `account`; the first one becomes the default.
pub(super) fn save(account: &mut Account, id: u64, name: Option<String>, now: u64) -> &SavedMethod {
    let is_default = account.methods.is_empty();
    account.methods.push(SavedMethod {
        id,
        name,
        created_ms: now,
        is_default,
        enabled: true,
    });
    &account.methods[account.methods.len() - 1]
}

/// True when `account` has an enabled NWC wallet to charge.
pub(super) fn can_charge(account: &Account) -> bool {
    account.methods.iter().any(|m| m.enabled)
}

#[derive(Debug, Deserialize)]
struct NewMethod {
    nwc_connection_string: String,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct MethodPatch {
    #[serde(default)]
    is_default: Option<bool>,
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    name: Option<Option<String>>,
}

impl State {
    /// `GET /api/v1/payment-methods`.
    pub(super) fn list_methods(&mut self, call: &Call) -> Reply {
        let account = self.account(call)?;
        ok(json!(account
            .methods
            .iter()
            .map(SavedMethod::to_json)
            .collect::<Vec<_>>()))
    }

    /// `POST /api/v1/payment-methods`.
    pub(super) fn add_method(&mut self, call: &Call) -> Reply {
        let new: NewMethod = body(call.request)?;
        check_nwc(&new.nwc_connection_string)?;
        let id = self.ids.method();
        let account = self.account(call)?;
        let saved = save(account, id, new.name.filter(|n| !n.is_empty()), call.now);
        ok(saved.to_json())
    }

    /// `PATCH /api/v1/payment-methods/{id}`.
    pub(super) fn patch_method(&mut self, call: &Call, id: u64) -> Reply {
        let patch: MethodPatch = body(call.request)?;
        let account = self.account(call)?;
        let index = account
            .methods
            .iter()
            .position(|m| m.id == id)
            .ok_or_else(not_found)?;
        if patch.is_default == Some(true) {
            for m in &mut account.methods {
                m.is_default = false;
            }
        }
        let method = &mut account.methods[index];
        if let Some(d) = patch.is_default {
            method.is_default = d;
        }
        if let Some(e) = patch.enabled {
            method.enabled = e;
        }
        if let Some(name) = patch.name {
            method.name = name.filter(|n| !n.is_empty());
        }
        ok(method.to_json())
    }

    /// `DELETE /api/v1/payment-methods/{id}`.
    pub(super) fn delete_method(&mut self, call: &Call, id: u64) -> Reply {
        let account = self.account(call)?;
        let index = account
            .methods
            .iter()
            .position(|m| m.id == id)
            .ok_or_else(not_found)?;
        let removed = account.methods.remove(index);
        if removed.is_default {
            if let Some(first) = account.methods.first_mut() {
                first.is_default = true;
            }
        }
        ok(Value::Null)
    }
}
