//! The async results: `eq_callback.php` (POST) and `nat_callback.php` (GET)
//! `action=check&key=<key>`, answering `Not ready`, a reinstall `Stage`,
//! `OK` with the outcome in `scope`, or `Fail`.

use super::envelope::{self, Outcome};
use super::file::{EQ_CALLBACK, NAT_CALLBACK};
use super::lenient::{opt_any_text, value_text};
use super::Api;
use crate::call::Call;
use crate::driver::Operation;
use crate::error::ProviderError;
use crate::parse::opt_string_lenient;
use crate::Secret;
use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

impl Api {
    /// `eq_callback/check`: the state of an async call by its key (no token).
    pub fn check(&self, key: &str) -> Result<Call<CallbackResult>, ProviderError> {
        let key = callback_key(key)?;
        Ok(callback_call(
            self.public(EQ_CALLBACK, "check").field("key", key),
        ))
    }

    /// `nat_callback/check`: the state of a NAT call, as a GET query string.
    pub fn check_nat(&self, key: &str) -> Result<Call<CallbackResult>, ProviderError> {
        let key = callback_key(key)?;
        Ok(callback_call(
            self.public(NAT_CALLBACK, "check").get().field("key", key),
        ))
    }

    /// The check call for an operation, on the callback file it belongs to.
    pub fn check_operation(
        &self,
        operation: &Operation,
    ) -> Result<Call<CallbackResult>, ProviderError> {
        match operation {
            Operation::Hostkey { key, nat: false } => self.check(key),
            Operation::Hostkey { key, nat: true } => self.check_nat(key),
            _ => Err(ProviderError::validation(
                "operation",
                "not a HOSTKEY operation",
            )),
        }
    }
}

fn callback_key(key: &str) -> Result<&str, ProviderError> {
    let key = key.trim();
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ProviderError::validation(
            "key",
            "an async key is letters and digits (32 hex digits)",
        ));
    }
    Ok(key)
}

/// A check whose `Fail` answer is a result to show, not an error; a negative
/// `result` (an unknown key) is an error.
fn callback_call(form: super::form::Form) -> Call<CallbackResult> {
    let request = form.request();
    Call::new(request, |response| {
        let value = envelope::body(response)?;
        match envelope::outcome(&value) {
            Outcome::Failure {
                code: Some(code),
                message,
            } => Err(envelope::failure_error(
                response,
                Some(code),
                &message,
                None,
            )),
            _ => envelope::decode(response, value),
        }
    })
}

/// Where an async call stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CallbackState {
    /// `Not ready`: still running.
    NotReady,
    /// `Stage`: a reinstall reported a stage (`(2/5) …`).
    Stage,
    /// `OK`: finished; the outcome is in `scope`.
    Ok,
    /// `Fail`: finished with a failure; the reason is in `scope`.
    Fail,
    /// Anything else, as sent.
    Other(String),
}

impl CallbackState {
    /// The word HOSTKEY sends.
    pub fn as_str(&self) -> &str {
        match self {
            CallbackState::NotReady => "Not ready",
            CallbackState::Stage => "Stage",
            CallbackState::Ok => "OK",
            CallbackState::Fail => "Fail",
            CallbackState::Other(s) => s,
        }
    }
}

impl<'de> Deserialize<'de> for CallbackState {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = value_text(&Value::deserialize(d)?).unwrap_or_default();
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "not ready" => CallbackState::NotReady,
            "stage" => CallbackState::Stage,
            "ok" | "success" => CallbackState::Ok,
            "fail" | "failure" => CallbackState::Fail,
            _ => CallbackState::Other(text),
        })
    }
}

impl Serialize for CallbackState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The answer to a check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallbackResult {
    /// Where it stands.
    pub result: CallbackState,
    /// The message to the user: a status sentence, an IP, a `.vv` file, or
    /// JSON text (net/get_status, reinstall's `{"result":"deploy_done"}`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub scope: Option<String>,
    /// The original request and extra data.
    #[serde(default)]
    pub context: CallbackContext,
    /// Device output.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub debug: Option<String>,
    /// The key.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub key: Option<String>,
    /// `failure` on a failed call.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub status: Option<String>,
    /// When the failure was recorded.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub created: Option<String>,
}

/// `context` of a check answer: the action it is for and its extra data.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CallbackContext {
    /// The action (`on`, `status`, `reinstall_vm`, `deploy_vm`, `get_sensors`, …).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub action: Option<String>,
    /// The server (text, `"0"` for account-level calls such as set_pin).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// Location code (absent for block_ip / unblock_ip).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub location: Option<String>,
    /// The server's IPMI address.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub ip_ipmi: Option<String>,
    /// The server's IP (deploys, block_ip).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub ip: Option<String>,
    /// Interface (net calls).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub interface_id: Option<String>,
    /// Switch port (net calls).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub port: Option<String>,
    /// `1` for a reinstall through order_instance.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub reinstall: Option<String>,
    /// The temporary IPMI user (add_ipmi_user, remove_ipmi_user).
    #[serde(rename = "User", default, deserialize_with = "opt_any_text")]
    pub user: Option<String>,
    /// The temporary IPMI password (add_ipmi_user).
    #[serde(rename = "Password", default, skip_serializing)]
    pub password: Option<Secret>,
    /// Any other context fields.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

impl CallbackResult {
    /// The stage number `n` of a `Stage` scope ` (n/5) …`.
    pub fn stage(&self) -> Option<u8> {
        let scope = self.scope.as_deref()?;
        let open = scope.find('(')?;
        let rest = &scope[open + 1..];
        let (n, _) = rest.split_once('/')?;
        n.trim().parse().ok()
    }

    /// The stage text without its ` (n/5) ` prefix.
    pub fn stage_text(&self) -> Option<String> {
        let scope = self.scope.as_deref()?.trim();
        Some(match scope.split_once(')') {
            Some((head, tail)) if head.starts_with('(') => tail.trim().to_string(),
            _ => scope.to_string(),
        })
    }

    /// The server the call is about (`None` for account-level calls).
    pub fn server_id(&self) -> Option<&str> {
        self.context
            .id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty() && *id != "0" && id.bytes().all(|b| b.is_ascii_digit()))
    }

    /// True when an `OK` answer is really a rejected PIN (check_pin answers
    /// `"result":"OK","scope":"Invalid pin code"`).
    pub fn rejects_pin(&self) -> bool {
        let scope = self.scope.as_deref().unwrap_or("").to_ascii_lowercase();
        scope.contains("invalid pin") || scope.contains("pin/email combination")
    }

    /// The `result` inside a JSON `scope` (`deploy_done` after a reinstall).
    pub fn scope_result(&self) -> Option<String> {
        let value: Value = serde_json::from_str(self.scope.as_deref()?).ok()?;
        value.get("result").and_then(value_text)
    }

    /// The port state a net/get_status call reported.
    pub fn port_status(&self) -> Option<PortStatus> {
        serde_json::from_str(self.scope.as_deref()?).ok()
    }

    /// The temporary IPMI user and password from add_ipmi_user.
    pub fn ipmi_credentials(&self) -> Option<(String, Secret)> {
        Some((self.context.user.clone()?, self.context.password.clone()?))
    }
}

/// A switch port's state (the JSON `scope` of net/get_status).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortStatus {
    /// Switch (`virtual`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub switch: Option<String>,
    /// Switch port.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub port: Option<String>,
    /// VLAN (`v415`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub vlan: Option<String>,
    /// Link speed in Mbps (`1000`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub speed: Option<String>,
    /// `connected` or not.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub status: Option<String>,
    /// MAC addresses seen on the port.
    #[serde(default)]
    pub mac: Vec<String>,
    /// Allowed MACs, if limited.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub port_security: Option<String>,
    /// Speed limit, if any.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub shape: Option<String>,
    /// Interface (`eth0`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub interface: Option<String>,
}
