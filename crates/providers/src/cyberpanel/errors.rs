//! CyberPanel's error envelope and documented error codes as typed errors.

use super::scope::Scope;
use crate::error::ProviderError;
use crate::parse::{self, opt_string_lenient};
use crate::ApiResponse;
use serde::Deserialize;

/// The credential to fix when CyberPanel rejects a request.
pub const CREDENTIAL: &str = "CyberPanel API key (cyp_live_…)";

/// `{"success":false,"error","error_code","message"}`.
#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default, deserialize_with = "opt_string_lenient")]
    error: Option<String>,
    #[serde(default, deserialize_with = "opt_string_lenient")]
    error_code: Option<String>,
    #[serde(default, deserialize_with = "opt_string_lenient")]
    message: Option<String>,
}

/// Maps an error answer (any status with `success: false`, or a non-2xx
/// status) to an error a person can act on.
///
/// `needs` is the scope the endpoint requires; it is named when the key lacks
/// it (`INSUFFICIENT_SCOPE`). Undocumented codes and bodies without a code
/// fall back to the status's usual meaning.
pub fn error_from_response(response: &ApiResponse, needs: Option<Scope>) -> ProviderError {
    let body: ErrorBody = parse::json_opt(response).unwrap_or_default();
    let status = parse::status(response);
    let code = body
        .error_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let said = body
        .message
        .as_deref()
        .or(body.error.as_deref())
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .or(code)
        .unwrap_or("the provider reported a failure")
        .to_string();
    let Some(code) = code else {
        return if status >= 400 {
            parse::http_error(response, CREDENTIAL)
        } else {
            ProviderError::Provider {
                status,
                message: said,
            }
        };
    };
    let explain = |what: &str| format!("{what}: {said}");
    let auth = |what: &str| ProviderError::Auth {
        message: explain(what),
        credential: CREDENTIAL.into(),
    };
    let invalid = |field: &str| ProviderError::validation(field, said.clone());
    let failed = |what: &str| ProviderError::Provider {
        status,
        message: explain(what),
    };
    match code {
        "NO_API_KEY" => auth("no API key was sent"),
        "INVALID_API_KEY" => auth("the API key is invalid or malformed"),
        "EXPIRED_API_KEY" => auth("the API key has expired"),
        "INACTIVE_API_KEY" => auth("the API key has been deactivated"),
        "IP_NOT_ALLOWED" => ProviderError::Permission {
            needed: None,
            message: explain("this IP address is not in the API key's whitelist"),
        },
        "INSUFFICIENT_SCOPE" => ProviderError::Permission {
            needed: needs
                .map(|s| s.as_str().to_string())
                .or_else(|| scope_named_in(&said)),
            message: explain("the API key lacks the scope this call needs"),
        },
        "RATE_LIMIT_EXCEEDED" => ProviderError::RateLimited {
            retry_after_secs: parse::retry_after(response).or_else(|| seconds_named_in(&said)),
            message: said,
        },
        "VPS_NOT_FOUND" => ProviderError::NotFound {
            message: explain("no such VPS on this account"),
        },
        "KEY_NOT_FOUND" => ProviderError::NotFound {
            message: explain("no such API key on this account"),
        },
        "VPS_DELETED" => ProviderError::Conflict {
            message: explain("the VPS has been deleted"),
        },
        "VPS_ALREADY_DELETED" => ProviderError::Conflict {
            message: explain("the VPS is already deleted"),
        },
        "VPS_SUSPENDED" => ProviderError::Permission {
            needed: None,
            message: explain("the VPS is suspended"),
        },
        "PLAN_NOT_FOUND" => invalid("plan_id"),
        "LOCATION_NOT_FOUND" => invalid("location_code"),
        "INVALID_TEMPLATE" => invalid("template_id"),
        "INVALID_HOSTNAME" => invalid("hostname"),
        "PASSWORD_TOO_SHORT" | "PASSWORD_TOO_LONG" | "PASSWORD_WEAK" => invalid("root_password"),
        "MISSING_FIELDS" => ProviderError::validation(fields_named_in(&said), said.clone()),
        "INSUFFICIENT_BALANCE" => ProviderError::PaymentRequired {
            balance: None,
            required: None,
            message: explain("the account balance is too low: add funds"),
        },
        "START_FAILED" => failed("the VPS could not be started"),
        "STOP_FAILED" => failed("the VPS could not be stopped"),
        "RESTART_FAILED" => failed("the VPS could not be restarted"),
        "DELETE_FAILED" => failed("the VPS could not be deleted"),
        "STATUS_FAILED" => failed("the live status could not be read"),
        "CONSOLE_FAILED" => failed("no console could be opened"),
        "DEPLOYMENT_FAILED" => failed("the deployment failed"),
        "NODE_NOT_FOUND" => failed("the VPS's host node was not found"),
        other if status >= 400 => match parse::http_error(response, CREDENTIAL) {
            ProviderError::UnexpectedBody { .. } => ProviderError::Provider {
                status,
                message: format!("{other}: {said}"),
            },
            mapped => mapped,
        },
        other => ProviderError::Provider {
            status,
            message: format!("{other}: {said}"),
        },
    }
}

/// The first known scope named in a message (`… requires vps:write`).
fn scope_named_in(message: &str) -> Option<String> {
    message
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '_'))
        .find_map(|word| word.parse::<Scope>().ok())
        .filter(|scope| *scope != Scope::All)
        .map(|scope| scope.as_str().to_string())
}

/// `45` from "Please retry after 45 seconds.".
fn seconds_named_in(message: &str) -> Option<u64> {
    let lower = message.to_ascii_lowercase();
    let after = lower.split("after").nth(1)?;
    let mut words = after.split_whitespace();
    let number = words.next()?.parse().ok()?;
    words
        .next()
        .is_some_and(|unit| unit.starts_with("second"))
        .then_some(number)
}

/// The fields a `MISSING_FIELDS` message lists: the identifiers after its last
/// colon ("Missing required fields: hostname, plan_id"), else the request
/// fields it mentions; `request` when it names none.
fn fields_named_in(message: &str) -> String {
    const KNOWN: [&str; 10] = [
        "hostname",
        "plan_id",
        "location_code",
        "template_id",
        "root_password",
        "ssh_key",
        "webhook_url",
        "webhook_secret",
        "name",
        "description",
    ];
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let listed: Vec<String> = match message.rsplit_once(':') {
        Some((_, tail)) => words(tail)
            .into_iter()
            .filter(|w| {
                !matches!(w.as_str(), "and" | "or") && w.chars().any(|c| c.is_ascii_alphabetic())
            })
            .collect(),
        None => words(message)
            .into_iter()
            .filter(|w| KNOWN.contains(&w.as_str()))
            .collect(),
    };
    let mut fields: Vec<String> = Vec::new();
    for field in listed {
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    if fields.is_empty() {
        "request".into()
    } else {
        fields.join(", ")
    }
}
