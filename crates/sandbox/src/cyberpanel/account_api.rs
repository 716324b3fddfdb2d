//! The general and account endpoints that need a key: `/test`, `/account`,
//! `/billing`, `/account/api-keys` and a key's usage logs.

use super::params::{self, Page};
use super::reply::{self, ApiError, Reply};
use super::{keys, Sim};
use serde_json::{json, Value};

impl Sim {
    /// `GET /test`: who the key belongs to and what it may do.
    pub(super) fn test(&self, key: usize, client_ip: &str) -> Reply {
        let key = self.keys.get(key).ok_or_else(keys::unrecognised)?;
        let email = self
            .accounts
            .get(key.account)
            .map(|a| a.email.as_str())
            .unwrap_or_default();
        reply::ok_with(
            json!({
                "message": "API authentication successful!",
                "key_name": key.name,
                "key_prefix": key.prefix,
                "user_email": email,
                "scopes": key.scopes,
                "ip_address": client_ip,
                "request_count": key.request_count,
            }),
            "Your API key is working correctly",
        )
    }

    /// `GET /account`.
    pub(super) fn account(&self, account: usize) -> Reply {
        reply::ok(
            self.accounts
                .get(account)
                .map(|a| a.json())
                .unwrap_or(Value::Null),
        )
    }

    /// `GET /billing`.
    pub(super) fn billing(&self, account: usize) -> Reply {
        reply::ok(
            self.accounts
                .get(account)
                .map(|a| a.billing_json())
                .unwrap_or(Value::Null),
        )
    }

    /// `GET /account/api-keys`: every key of the account, metadata only.
    pub(super) fn api_keys(&self, account: usize) -> Reply {
        let list: Vec<Value> = self.keys.of_account(account).map(|k| k.listing()).collect();
        reply::ok(json!({ "total": list.len(), "api_keys": list }))
    }

    /// `GET /account/api-keys/{key_id}/usage`: the key's requests, newest first.
    pub(super) fn key_usage(&self, account: usize, key_id: u64, query: Option<&str>) -> Reply {
        let key = self
            .keys
            .of_account(account)
            .find(|k| k.id == key_id)
            .ok_or_else(|| {
                ApiError::new(
                    404,
                    "KEY_NOT_FOUND",
                    "API key not found",
                    format!("API key {key_id} does not exist"),
                )
            })?;
        let page = Page::from_query(&params::query(query))?;
        let (logs, total) = key.logs_page(page.offset, page.limit);
        reply::ok(json!({
            "key_id": key.id,
            "key_name": key.name,
            "usage_logs": logs,
            "pagination": page.json(total),
        }))
    }
}
