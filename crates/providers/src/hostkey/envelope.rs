//! The `result` envelope every HOSTKEY answer carries, read in one place.
//!
//! `result` is polymorphic: `"OK"` or `"success"` (or an object, for the auth
//! calls) means success, `"Not ready"` and `"Stage"` mean an async operation
//! is still running, and `"Fail"` or a negative number means failure, with
//! the text in `error` or else `message`. A body without `result` (ip/get_ip)
//! is a success.

use super::errors::{error_from_failure, SESSION_TOKEN};
use super::reply::Document;
use crate::error::ProviderError;
use crate::parse;
use crate::ApiResponse;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What a body's `result` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The call succeeded.
    Success,
    /// An async operation is still running (`Not ready`, `Stage`).
    Pending,
    /// The call failed.
    Failure {
        /// The negative `result` code, when it was a number.
        code: Option<i64>,
        /// The `error` text, or else the `message` text.
        message: String,
    },
}

/// Reads the `result` field of a decoded body.
///
/// ```
/// use providers::hostkey::{outcome, Outcome};
/// let body = serde_json::json!({"result": -2, "error": "auth: invalid token #13"});
/// assert_eq!(outcome(&body), Outcome::Failure { code: Some(-2), message: "auth: invalid token #13".into() });
/// assert_eq!(outcome(&serde_json::json!({"result": "Not ready"})), Outcome::Pending);
/// ```
pub fn outcome(body: &Value) -> Outcome {
    match body.get("result") {
        None | Some(Value::Null) | Some(Value::Object(_)) | Some(Value::Array(_)) => {
            Outcome::Success
        }
        Some(Value::String(s)) => {
            let word = s.trim().to_ascii_lowercase();
            match word.as_str() {
                "ok" | "success" => Outcome::Success,
                "not ready" | "stage" => Outcome::Pending,
                _ => match word.parse::<i64>() {
                    Ok(n) if n >= 0 => Outcome::Success,
                    Ok(n) => failure(body, Some(n)),
                    Err(_) => failure(body, None),
                },
            }
        }
        Some(Value::Number(n)) => match n.as_i64() {
            Some(code) if code < 0 => failure(body, Some(code)),
            None if n.as_f64().is_some_and(|f| f < 0.0) => failure(body, Some(-1)),
            _ => Outcome::Success,
        },
        Some(Value::Bool(true)) => Outcome::Success,
        Some(Value::Bool(false)) => failure(body, None),
    }
}

fn failure(body: &Value, code: Option<i64>) -> Outcome {
    let text = |key: &str| match body.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Null) | None => None,
        Some(Value::String(_)) => None,
        Some(other) => Some(other.to_string()),
    };
    let message = text("error")
        .or_else(|| text("message"))
        .or_else(|| text("scope"))
        .unwrap_or_default();
    Outcome::Failure { code, message }
}

/// Decodes the body as JSON, or explains why it is not.
pub(crate) fn body(response: &ApiResponse) -> Result<Value, ProviderError> {
    match serde_json::from_slice::<Value>(response.body()) {
        Ok(value) => {
            if !parse::is_success(response) && !matches!(outcome(&value), Outcome::Failure { .. }) {
                return Err(parse::http_error(response, SESSION_TOKEN));
            }
            Ok(value)
        }
        Err(_) if !parse::is_success(response) => Err(parse::http_error(response, SESSION_TOKEN)),
        Err(e) => Err(ProviderError::unexpected(
            parse::status(response),
            format!("HOSTKEY answered with something that is not JSON: {e}"),
            response.body(),
        )),
    }
}

/// The error for a failure envelope, naming `server` where the text is about one.
pub(crate) fn failure_error(
    response: &ApiResponse,
    code: Option<i64>,
    message: &str,
    server: Option<&str>,
) -> ProviderError {
    error_from_failure(code, message, server, parse::status(response))
}

/// Decodes a JSON answer into `T` after checking its envelope.
pub(crate) fn parse_json<T: DeserializeOwned>(
    response: &ApiResponse,
    server: Option<&str>,
) -> Result<T, ProviderError> {
    let value = body(response)?;
    if let Outcome::Failure { code, message } = outcome(&value) {
        return Err(failure_error(response, code, &message, server));
    }
    decode(response, value)
}

/// Decodes an already checked body into `T`.
pub(crate) fn decode<T: DeserializeOwned>(
    response: &ApiResponse,
    value: Value,
) -> Result<T, ProviderError> {
    serde_json::from_value(value).map_err(|e| {
        ProviderError::unexpected(
            parse::status(response),
            format!("the body is not the documented JSON: {e}"),
            response.body(),
        )
    })
}

/// Reads a binary answer (a PDF invoice, a traffic graph): bytes on success,
/// the JSON failure envelope as an error.
pub(crate) fn parse_document(
    response: &ApiResponse,
    what: &str,
    default_type: &str,
    server: Option<&str>,
) -> Result<Document, ProviderError> {
    if let Ok(value) = serde_json::from_slice::<Value>(response.body()) {
        if let Outcome::Failure { code, message } = outcome(&value) {
            return Err(failure_error(response, code, &message, server));
        }
        if !parse::is_success(response) {
            return Err(parse::http_error(response, SESSION_TOKEN));
        }
        return Err(ProviderError::unexpected(
            parse::status(response),
            format!("expected {what}, got a JSON body"),
            response.body(),
        ));
    }
    if !parse::is_success(response) {
        return Err(parse::http_error(response, SESSION_TOKEN));
    }
    if response.body().is_empty() {
        return Err(ProviderError::unexpected(
            parse::status(response),
            format!("expected {what}, got an empty body"),
            response.body(),
        ));
    }
    let content_type = parse::header(response, "content-type")
        .map(str::to_string)
        .unwrap_or_else(|| default_type.to_string());
    Ok(Document {
        bytes: response.body().clone(),
        content_type,
    })
}
