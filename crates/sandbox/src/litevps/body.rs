//! LiteVPS request and response plumbing: `{"error": …}` answers and JSON
//! body fields read one at a time, each failure naming its field.

use crate::{wire, Response};
use serde_json::{json, Map, Value};

/// A refused request: its status and `{"error": …}` body.
#[derive(Debug)]
pub(super) struct Refusal {
    status: u16,
    body: Value,
}

impl Refusal {
    /// The refusal as sent.
    pub(super) fn into_response(self) -> Response {
        wire::json(self.status, &self.body)
    }
}

/// `{"error": message}` with `status`.
pub(super) fn error(status: u16, message: &str) -> Refusal {
    Refusal {
        status,
        body: json!({ "error": message }),
    }
}

/// A 400 naming what was wrong.
pub(super) fn invalid(message: impl AsRef<str>) -> Refusal {
    error(400, message.as_ref())
}

/// A 404.
pub(super) fn not_found() -> Refusal {
    error(404, "not found")
}

/// A 402 for a balance below what is required.
pub(super) fn insufficient(balance: f64, required: f64) -> Refusal {
    Refusal {
        status: 402,
        body: json!({ "error": "insufficient balance", "balance": money(balance), "required": money(required) }),
    }
}

/// USD rounded to the 4 decimals LiteVPS shows.
pub(super) fn money(usd: f64) -> f64 {
    crate::fleet::round_to(usd, 4)
}

/// The body as a JSON object.
pub(super) fn object(body: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) | Err(_) => Err("request body must be a JSON object".into()),
    }
}

/// A value that is present and not `null`.
fn present<'a>(body: &'a Map<String, Value>, field: &str) -> Option<&'a Value> {
    body.get(field).filter(|v| !v.is_null())
}

/// A required, non-blank string.
pub(super) fn text<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, String> {
    match present(body, field) {
        None => Err(format!("{field} is required")),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
        Some(Value::String(_)) => Err(format!("{field} is required")),
        Some(_) => Err(format!("{field} must be a string")),
    }
}

/// An optional string.
pub(super) fn optional_text<'a>(
    body: &'a Map<String, Value>,
    field: &str,
) -> Result<Option<&'a str>, String> {
    match present(body, field) {
        None => Ok(None),
        Some(_) => text(body, field).map(Some),
    }
}

/// An optional integer within `lo..=hi`.
pub(super) fn optional_int(
    body: &Map<String, Value>,
    field: &str,
    lo: u64,
    hi: u64,
) -> Result<Option<u64>, String> {
    match present(body, field) {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .filter(|n| (lo..=hi).contains(n))
            .map(Some)
            .ok_or_else(|| format!("{field} must be an integer between {lo} and {hi}")),
    }
}

/// An optional boolean (false when absent).
pub(super) fn flag(body: &Map<String, Value>, field: &str) -> Result<bool, String> {
    match present(body, field) {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(format!("{field} must be true or false")),
    }
}

/// An optional number.
pub(super) fn optional_number(
    body: &Map<String, Value>,
    field: &str,
) -> Result<Option<f64>, String> {
    match present(body, field) {
        None => Ok(None),
        Some(v) => v
            .as_f64()
            .map(Some)
            .ok_or_else(|| format!("{field} must be a number")),
    }
}

/// A list of strings: required (`Err` when absent) or optional (`Ok(None)`).
pub(super) fn strings(
    body: &Map<String, Value>,
    field: &str,
    required: bool,
) -> Result<Option<Vec<String>>, String> {
    let Some(value) = present(body, field) else {
        return if required {
            Err(format!("{field} is required"))
        } else {
            Ok(None)
        };
    };
    value
        .as_array()
        .and_then(|items| {
            items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
        })
        .map(Some)
        .ok_or_else(|| format!("{field} must be an array of strings"))
}

/// A plausible email address (`local@domain.tld`).
pub(super) fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && value.len() <= 254
        && !value.chars().any(char::is_whitespace)
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}
