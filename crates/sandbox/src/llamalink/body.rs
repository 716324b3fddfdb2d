//! Reading LlamaLink JSON request bodies field by field, with errors that
//! name the field and the rule it broke.

use serde_json::{Map, Value};

/// The request body as a JSON object.
pub(super) fn object(body: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) | Err(_) => Err("Request body must be a JSON object".into()),
    }
}

/// A required, non-empty string field.
pub(super) fn text<'a>(body: &'a Map<String, Value>, field: &str) -> Result<&'a str, String> {
    match body.get(field) {
        None | Some(Value::Null) => Err(format!("{field} is required")),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim()),
        Some(Value::String(_)) => Err(format!("{field} must not be empty")),
        Some(_) => Err(format!("{field} must be a string")),
    }
}

/// An optional string field.
pub(super) fn optional_text<'a>(
    body: &'a Map<String, Value>,
    field: &str,
) -> Result<Option<&'a str>, String> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(_) => text(body, field).map(Some),
    }
}

/// A required whole number within `lo..=hi`.
pub(super) fn whole(
    body: &Map<String, Value>,
    field: &str,
    lo: u32,
    hi: u32,
) -> Result<u32, String> {
    let value = body
        .get(field)
        .filter(|v| !v.is_null())
        .ok_or_else(|| format!("{field} is required"))?;
    value
        .as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .filter(|n| (lo..=hi).contains(n))
        .ok_or_else(|| format!("{field} must be a whole number from {lo} to {hi}"))
}

/// A required number.
pub(super) fn number(body: &Map<String, Value>, field: &str) -> Result<f64, String> {
    match body.get(field) {
        None | Some(Value::Null) => Err(format!("{field} is required")),
        Some(v) => v
            .as_f64()
            .ok_or_else(|| format!("{field} must be a number")),
    }
}

/// A required string naming one of `items` (by `key`): the item it names.
pub(super) fn pick<'a, T>(
    body: &Map<String, Value>,
    field: &str,
    items: &'a [T],
    key: impl Fn(&T) -> &str,
) -> Result<&'a T, String> {
    let value = text(body, field)?;
    items.iter().find(|item| key(item) == value).ok_or_else(|| {
        let names: Vec<&str> = items.iter().map(&key).collect();
        format!("{field} must be one of {}", names.join(", "))
    })
}
