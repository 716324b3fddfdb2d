//! The success envelope `{"success":true,"data":…,"message"?}` and what every
//! answer carries besides its data: the message and the rate-limit headers.

use super::errors::error_from_response;
use super::rate_limit::RateLimit;
use super::scope::Scope;
use crate::error::ProviderError;
use crate::parse::{self, opt_string_lenient};
use crate::ApiResponse;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A successful answer: the envelope's `data`, its optional `message`, and
/// the rate-limit headers of the response.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<T> {
    /// The typed `data`.
    pub data: T,
    /// The envelope's `message` (`VPS started successfully`), when given.
    pub message: Option<String>,
    /// The `X-RateLimit-*` headers, when present.
    pub rate_limit: Option<RateLimit>,
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    success: Option<serde_json::Value>,
    #[serde(default)]
    data: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "opt_string_lenient")]
    message: Option<String>,
}

/// Reads an answer of an endpoint needing `needs`: errors by their code,
/// success by its envelope.
pub(crate) fn parse_reply<T: DeserializeOwned>(
    response: &ApiResponse,
    needs: Option<Scope>,
) -> Result<Reply<T>, ProviderError> {
    if !parse::is_success(response) {
        return Err(error_from_response(response, needs));
    }
    let envelope: Envelope = parse::json(response)?;
    let failed = match &envelope.success {
        Some(serde_json::Value::Bool(ok)) => !ok,
        Some(serde_json::Value::String(ok)) => ok.trim().eq_ignore_ascii_case("false"),
        _ => false,
    };
    if failed {
        return Err(error_from_response(response, needs));
    }
    let unexpected = |reason: String| {
        ProviderError::unexpected(parse::status(response), reason, response.body())
    };
    let data = envelope
        .data
        .ok_or_else(|| unexpected("the answer has no `data`".into()))?;
    let data = serde_json::from_value(data)
        .map_err(|e| unexpected(format!("`data` is not as documented: {e}")))?;
    Ok(Reply {
        data,
        message: envelope.message,
        rate_limit: RateLimit::from_headers(response.headers()),
    })
}
