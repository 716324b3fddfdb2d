//! HOSTKEY's failure envelopes (`"result": -1 | -2 | "Fail"`) as typed errors.
//!
//! HOSTKEY always answers HTTP 200 and says what went wrong in the body, so
//! the variant is chosen from the result code and the documented texts.

use crate::error::ProviderError;
use crate::model::Money;

/// The credential named when HOSTKEY rejects an API key at `auth/login`.
pub const API_KEY: &str = "HOSTKEY API key";
/// The credential named when a session token is invalid or expired (result `-2`);
/// the driver logs in again once when it sees this.
pub const SESSION_TOKEN: &str = "HOSTKEY session token";
/// The credential named when `auth/whmcslogin` rejects the billing login.
pub const BILLING_LOGIN: &str = "HOSTKEY billing user and password";

/// Turns a failure HOSTKEY reported into an error a person can act on.
///
/// `code` is the negative `result` (when it was a number), `message` the
/// `error` (or `message`) text, `server` the server id the request was about,
/// used to say which server an ownership error concerns, and `status` the HTTP
/// status (always 200 in practice).
///
/// ```
/// use providers::{hostkey, ProviderError};
/// let e = hostkey::error_from_failure(Some(-1), "eq/on: invalid pin", None, 200);
/// assert!(matches!(e, ProviderError::Validation { ref field, .. } if field == "pin"));
/// ```
pub fn error_from_failure(
    code: Option<i64>,
    message: &str,
    server: Option<&str>,
    status: u16,
) -> ProviderError {
    let text = message.trim().to_string();
    let lower = text.to_ascii_lowercase();
    let has = |needle: &str| lower.contains(needle);
    let server_name = server.map_or_else(|| "this server".to_string(), |id| format!("server {id}"));

    if has("invalid api key") {
        // The text echoes the key itself; it must not reach logs or the screen.
        return ProviderError::Auth {
            message: "HOSTKEY did not accept the API key".into(),
            credential: API_KEY.into(),
        };
    }
    if has("authenthication failure") || has("authentication failure") {
        return ProviderError::Auth {
            message: text,
            credential: BILLING_LOGIN.into(),
        };
    }
    if code == Some(-2) || has("invalid token") {
        return ProviderError::Auth {
            message: format!("session token invalid or expired ({text})"),
            credential: SESSION_TOKEN.into(),
        };
    }
    if has("this is not your server") {
        return ProviderError::NotFound {
            message: format!(
                "{server_name} is not one of this account's servers ({text}); \
                 if it was ordered moments ago, refresh the server list (eq/update_servers)"
            ),
        };
    }
    if has("no server with that id") {
        return ProviderError::NotFound {
            message: format!(
                "{server_name} is not in this session's server list ({text}); \
                 refresh it with eq/update_servers"
            ),
        };
    }
    if has("invalid pin") || has("pin/email combination") {
        return ProviderError::validation("pin", text);
    }
    if has("another reinstall in progress") {
        return ProviderError::Conflict { message: text };
    }
    if has("is not compatible with") {
        return ProviderError::validation("soft_id", text);
    }
    if has("permission denied") {
        return ProviderError::Permission {
            needed: permission_of(&text),
            message: text,
        };
    }
    if has("insufficient") || has("not enough funds") || has("not enough money") {
        return ProviderError::PaymentRequired {
            balance: None,
            required: None::<Money>,
            message: text,
        };
    }
    if has("invalid request") {
        return ProviderError::validation("request", text);
    }
    if has("not found") || has("invalid invoice id") {
        return ProviderError::NotFound { message: text };
    }
    ProviderError::Provider {
        status,
        message: if text.is_empty() {
            format!("HOSTKEY reported a failure (result {})", code.unwrap_or(-1))
        } else {
            text
        },
    }
}

/// The `<module>/<action>` prefix of a HOSTKEY error text, which names the
/// permission a "permission denied" answer is about.
fn permission_of(text: &str) -> Option<String> {
    let (prefix, _) = text.split_once(':')?;
    let prefix = prefix.trim();
    let (module, action) = prefix.split_once('/')?;
    let word = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    (word(module) && word(action)).then(|| prefix.to_string())
}
