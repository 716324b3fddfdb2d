//! api_keys.php: account and per-server API keys (every field is sent as
//! `params[<name>]`, as in the documented examples).

use super::file::API_KEYS;
use super::lenient::opt_any_text;
use super::reply::{module_data as data, ItemId};
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use crate::parse::{bool_lenient, string_lenient};
use crate::Secret;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

impl Api {
    /// `api_keys/list`: every API key of the account.
    pub fn api_keys(&self) -> Result<Call<Vec<ApiKey>>, ProviderError> {
        Ok(data(self.signed(API_KEYS, "list")?.json()))
    }

    /// `api_keys/list_for_server`: the keys issued for one server.
    pub fn api_keys_for_server(&self, server_id: &str) -> Result<Call<Vec<ApiKey>>, ProviderError> {
        let server_id = validate::id("server_id", server_id)?;
        Ok(data(
            self.public(API_KEYS, "list_for_server")
                .param("server_id", server_id)
                .secret("token", self.session_token()?)
                .about(server_id)
                .json(),
        ))
    }

    /// `api_keys/view`: one key.
    pub fn api_key(&self, id: &str) -> Result<Call<ApiKey>, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(data(self.with_id("view", id)?.json()))
    }

    /// `api_keys/add`: a new key. The answer's `api_key` is the only time the
    /// full key is shown.
    pub fn add_api_key(&self, key: &NewApiKey) -> Result<Call<ApiKey>, ProviderError> {
        key.validate()?;
        let form = key.fill(self.public(API_KEYS, "add"));
        Ok(data(form.secret("token", self.session_token()?).json()))
    }

    /// `api_keys/edit`: changes a key's name, ACL, notification and state.
    pub fn edit_api_key(&self, id: &str, key: &NewApiKey) -> Result<Call<ItemId>, ProviderError> {
        let id = validate::id("id", id)?;
        key.validate()?;
        let form = key.fill(self.public(API_KEYS, "edit").param("id", id));
        Ok(data(form.secret("token", self.session_token()?).json()))
    }

    /// `api_keys/delete`.
    pub fn delete_api_key(&self, id: &str) -> Result<Call<ItemId>, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(data(self.with_id("delete", id)?.json()))
    }

    /// `api_keys/history`: what was done with a key, newest first, optionally
    /// between two dates (`YYYY-MM-DD`).
    ///
    /// The document's example sends `period_from` twice; the second is the
    /// end date, sent here as `period_to` as its table says.
    pub fn api_key_history(
        &self,
        id: &str,
        period_from: Option<&str>,
        period_to: Option<&str>,
    ) -> Result<Call<Vec<ApiKeyEvent>>, ProviderError> {
        let id = validate::id("id", id)?;
        let from = period_from
            .map(|d| validate::date("period_from", d))
            .transpose()?;
        let to = period_to
            .map(|d| validate::date("period_to", d))
            .transpose()?;
        Ok(data(
            self.public(API_KEYS, "history")
                .param("id", id)
                .opt_param("period_from", from)
                .opt_param("period_to", to)
                .secret("token", self.session_token()?)
                .json(),
        ))
    }

    fn with_id(&self, action: &str, id: &str) -> Result<super::form::Form, ProviderError> {
        Ok(self
            .public(API_KEYS, action)
            .param("id", id)
            .secret("token", self.session_token()?))
    }
}

/// How HOSTKEY tells someone that an API key was used to log in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NotifyMethod {
    /// No notification (required for per-server keys).
    None,
    /// An e-mail to `login_notify_address`.
    Email,
    /// A call to the webhook at `login_notify_address`.
    Webhook,
}

impl NotifyMethod {
    /// The word HOSTKEY uses.
    pub fn as_str(self) -> &'static str {
        match self {
            NotifyMethod::None => "none",
            NotifyMethod::Email => "email",
            NotifyMethod::Webhook => "webhook",
        }
    }
}

impl FromStr for NotifyMethod {
    type Err = ProviderError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" => Ok(NotifyMethod::None),
            "email" => Ok(NotifyMethod::Email),
            "webhook" => Ok(NotifyMethod::Webhook),
            other => Err(ProviderError::validation(
                "login_notify_method",
                format!("`{other}` is not one of none, email, webhook"),
            )),
        }
    }
}

/// The fields of a key to add or edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApiKey {
    /// Key name.
    pub name: String,
    /// The server the key is for; `None` (or `0`) for an account-wide key.
    pub server_id: Option<String>,
    /// Allowed source addresses or CIDR blocks (`10.0.0.2, 10.4.6.3/24`).
    pub ip: Option<String>,
    /// Login notification.
    pub login_notify_method: NotifyMethod,
    /// E-mail or webhook URL for the notification.
    pub login_notify_address: Option<String>,
    /// False to create the key disabled.
    pub active: bool,
}

impl NewApiKey {
    fn is_server_key(&self) -> bool {
        self.server_id
            .as_deref()
            .is_some_and(|id| !id.trim().is_empty() && id.trim() != "0")
    }

    /// Checks the fields as HOSTKEY documents them.
    pub fn validate(&self) -> Result<(), ProviderError> {
        validate::required("name", &self.name)?;
        if let Some(server) = &self.server_id {
            validate::id("server_id", server)?;
        }
        if let Some(ip) = &self.ip {
            validate::ip_acl("ip", ip)?;
        }
        if self.is_server_key() && self.login_notify_method != NotifyMethod::None {
            return Err(ProviderError::validation(
                "login_notify_method",
                "a per-server key must use the notify method `none`",
            ));
        }
        let address = self
            .login_notify_address
            .as_deref()
            .map(str::trim)
            .unwrap_or("");
        match self.login_notify_method {
            NotifyMethod::None => {}
            NotifyMethod::Email => {
                validate::email("login_notify_address", address)?;
            }
            NotifyMethod::Webhook => {
                if !(address.starts_with("https://") || address.starts_with("http://")) {
                    return Err(ProviderError::validation(
                        "login_notify_address",
                        "a webhook address must be an http(s) URL",
                    ));
                }
            }
        }
        Ok(())
    }

    /// Adds the fields in the documented order.
    fn fill(&self, form: super::form::Form) -> super::form::Form {
        form.param("name", self.name.trim())
            .opt_param("server_id", self.server_id.as_deref().map(str::trim))
            .opt_param("ip", self.ip.as_deref())
            .param("login_notify_method", self.login_notify_method.as_str())
            .opt_param("login_notify_address", self.login_notify_address.as_deref())
            .param("active", super::auth::flag(self.active))
    }
}

/// An API key as HOSTKEY lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiKey {
    /// Key id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name.
    #[serde(default, deserialize_with = "super::lenient::any_text")]
    pub name: String,
    /// False when disabled.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub active: bool,
    /// Allowed addresses, space-separated (`10.0.0.1 10.3.4.5`).
    #[serde(default, deserialize_with = "super::lenient::any_text")]
    pub ip: String,
    /// The server of a per-server key; `0` for an account key.
    #[serde(default, deserialize_with = "super::lenient::any_text")]
    pub server_id: String,
    /// The first characters of the key, to recognise it.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub token_view: Option<String>,
    /// Login notification (`none`, `email`, `webhook`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub login_notify_method: Option<String>,
    /// Where notifications go.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub login_notify_address: Option<String>,
    /// The full key: only in the answer to `api_keys/add`.
    #[serde(default, skip_serializing)]
    pub api_key: Option<Secret>,
}

impl ApiKey {
    /// The server a per-server key is for; `None` for an account-wide key.
    pub fn server(&self) -> Option<&str> {
        let id = self.server_id.trim();
        (!id.is_empty() && id != "0").then_some(id)
    }
}

/// One entry of a key's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyEvent {
    /// Entry id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// When (`2024-02-14 11:14:05`).
    #[serde(default, deserialize_with = "super::lenient::any_text")]
    pub date: String,
    /// What happened.
    #[serde(default, deserialize_with = "super::lenient::any_text")]
    pub message: String,
    /// Entry type (`action`).
    #[serde(rename = "type", default, deserialize_with = "opt_any_text")]
    pub kind: Option<String>,
    /// Who did it (the document prints this key as `Login`).
    #[serde(default, alias = "Login", deserialize_with = "opt_any_text")]
    pub login: Option<String>,
}
