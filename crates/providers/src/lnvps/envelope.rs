//! LNVPS's response envelope: `{"data": T}`, `{"data": [...], "total",
//! "limit", "offset"}` for pages, and bodies that carry nothing (`null`, `{}`
//! or no body at all). Errors go to [`super::error_from_response`].

use super::errors::error_from_response;
use crate::error::ProviderError;
use crate::parse;
use crate::ApiResponse;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One page of a list. Lists LNVPS returns whole (a plain array) come back
/// as one page without `total`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items.
    pub items: Vec<T>,
    /// How many there are in all, when the server says.
    pub total: Option<u64>,
    /// Page size, when the server says.
    pub limit: Option<u64>,
    /// Items skipped, when the server says.
    pub offset: Option<u64>,
}

/// Reads `{"data": T}` (or, leniently, a bare `T`).
pub(crate) fn data<T: DeserializeOwned>(response: &ApiResponse) -> Result<T, ProviderError> {
    let value = success_json(response)?;
    from_envelope(response, value)
}

/// Reads a page: `{"data": [...], "total": …}`, `{"data": [...]}` or a bare array.
pub(crate) fn page<T: DeserializeOwned>(response: &ApiResponse) -> Result<Page<T>, ProviderError> {
    let value = success_json(response)?;
    let number = |key: &str| value.get(key).and_then(Value::as_u64);
    let (total, limit, offset) = (number("total"), number("limit"), number("offset"));
    let items: Vec<T> = from_envelope(response, value)?;
    Ok(Page {
        items,
        total,
        limit,
        offset,
    })
}

/// Accepts any success, whatever its body (`{"data": null}`, `{}`, nothing).
pub(crate) fn unit(response: &ApiResponse) -> Result<(), ProviderError> {
    if !parse::is_success(response) {
        return Err(error_from_response(response));
    }
    Ok(())
}

/// Reads a `T` whose every field has a default from a success that may carry
/// nothing: no body, `null`, `{}`, `{"data": null}` or `{"data": {…}}`.
pub(crate) fn data_or_default<T: DeserializeOwned + Default>(
    response: &ApiResponse,
) -> Result<T, ProviderError> {
    if !parse::is_success(response) {
        return Err(error_from_response(response));
    }
    if response.body().iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    match parse::json::<Value>(response)? {
        Value::Null => Ok(T::default()),
        Value::Object(map) if map.get("data").is_some_and(Value::is_null) => Ok(T::default()),
        value => from_envelope(response, value),
    }
}

fn success_json(response: &ApiResponse) -> Result<Value, ProviderError> {
    if !parse::is_success(response) {
        return Err(error_from_response(response));
    }
    parse::json(response)
}

/// The `data` of an envelope as `T`. A body that is not an envelope (keys
/// other than `data`, `total`, `limit`, `offset`) is read whole, as a `T`
/// sent unwrapped.
fn from_envelope<T: DeserializeOwned>(
    response: &ApiResponse,
    value: Value,
) -> Result<T, ProviderError> {
    const ENVELOPE_KEYS: [&str; 4] = ["data", "total", "limit", "offset"];
    let inner = match value {
        Value::Object(mut map)
            if map.contains_key("data")
                && map.keys().all(|k| ENVELOPE_KEYS.contains(&k.as_str())) =>
        {
            map.remove("data").unwrap_or_default()
        }
        other => other,
    };
    serde_json::from_value(inner).map_err(|e| {
        ProviderError::unexpected(
            parse::status(response),
            format!("the body is not the documented JSON: {e}"),
            response.body(),
        )
    })
}
