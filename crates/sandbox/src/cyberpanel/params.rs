//! Reading requests: `limit`/`offset` pagination and other query parameters,
//! and JSON request bodies.

use super::reply::ApiError;
use crate::wire::Form;
use serde_json::{json, Map, Value};

/// The default page size.
const DEFAULT_LIMIT: usize = 50;
/// The largest page the document allows.
const MAX_LIMIT: usize = 100;

/// A page requested with `limit` and `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Page {
    /// Records per page (1–100).
    pub limit: usize,
    /// Records skipped.
    pub offset: usize,
}

impl Page {
    /// Reads `limit` (default 50, at most 100) and `offset` (default 0).
    pub fn from_query(query: &Form) -> Result<Page, ApiError> {
        let limit = number(query, "limit")?.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 {
            return Err(ApiError::invalid_parameter(
                "limit must be between 1 and 100",
            ));
        }
        let offset = number(query, "offset")?.unwrap_or(0);
        Ok(Page {
            limit: limit.min(MAX_LIMIT),
            offset,
        })
    }

    /// The `pagination` object for `total` records.
    pub fn json(&self, total: usize) -> Value {
        json!({
            "limit": self.limit,
            "offset": self.offset,
            "total": total,
            "has_more": self.offset.saturating_add(self.limit) < total,
        })
    }
}

/// A non-negative integer query parameter.
fn number(query: &Form, name: &str) -> Result<Option<usize>, ApiError> {
    query
        .get(name)
        .map(|raw| {
            raw.trim().parse::<usize>().map_err(|_| {
                ApiError::invalid_parameter(format!(
                    "{name} must be a non-negative integer, got \"{raw}\""
                ))
            })
        })
        .transpose()
}

/// The query string of a request as a form.
pub(super) fn query(raw: Option<&str>) -> Form {
    Form::parse(raw.unwrap_or("").as_bytes())
}

/// A JSON object body.
pub(super) fn object(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let invalid = |why: String| ApiError::new(400, "INVALID_JSON", "Invalid JSON", why);
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid("The request body must be a JSON object".into())),
        Err(e) => Err(invalid(format!("The request body is not valid JSON: {e}"))),
    }
}

/// True when a field is absent, `null` or an empty string.
pub(super) fn blank(body: &Map<String, Value>, name: &str) -> bool {
    match body.get(name) {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(_) => false,
    }
}

/// An optional text field: absent, `null` or a string.
pub(super) fn optional_text<'a>(
    body: &'a Map<String, Value>,
    name: &str,
) -> Result<Option<&'a str>, ApiError> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(ApiError::invalid_parameter(format!(
            "{name} must be a string"
        ))),
    }
}
