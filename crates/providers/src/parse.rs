//! Helpers shared by the response parsers: JSON decoding that never panics,
//! lenient field types, and header reading.

use crate::error::ProviderError;
use crate::ApiResponse;
use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;

/// Decodes a JSON body, or says why it could not.
pub fn json<T: DeserializeOwned>(response: &ApiResponse) -> Result<T, ProviderError> {
    serde_json::from_slice(response.body()).map_err(|e| {
        ProviderError::unexpected(
            response.status().as_u16(),
            format!("the body is not the documented JSON: {e}"),
            response.body(),
        )
    })
}

/// Decodes a JSON body that may be absent; parse failures give `None`.
pub fn json_opt<T: DeserializeOwned>(response: &ApiResponse) -> Option<T> {
    serde_json::from_slice(response.body()).ok()
}

/// The body as text (lossy), trimmed.
pub fn text(response: &ApiResponse) -> String {
    String::from_utf8_lossy(response.body()).trim().to_string()
}

/// A header value as text, when present and readable.
pub fn header<'a>(response: &'a ApiResponse, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// `Retry-After` in seconds (only the delta-seconds form is used by the providers).
pub fn retry_after(response: &ApiResponse) -> Option<u64> {
    header(response, "retry-after").and_then(|v| v.trim().parse().ok())
}

/// True for 2xx statuses.
pub fn is_success(response: &ApiResponse) -> bool {
    response.status().is_success()
}

/// The status as a number.
pub fn status(response: &ApiResponse) -> u16 {
    response.status().as_u16()
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Lenient {
    Str(String),
    Int(i64),
    Uint(u64),
    Float(f64),
    Bool(bool),
}

impl Lenient {
    fn into_string(self) -> String {
        match self {
            Lenient::Str(s) => s,
            Lenient::Int(i) => i.to_string(),
            Lenient::Uint(u) => u.to_string(),
            Lenient::Float(f) => f.to_string(),
            Lenient::Bool(b) => b.to_string(),
        }
    }

    fn to_f64(&self) -> Option<f64> {
        match self {
            Lenient::Str(s) => s.trim().parse().ok(),
            Lenient::Int(i) => Some(*i as f64),
            Lenient::Uint(u) => Some(*u as f64),
            Lenient::Float(f) => Some(*f),
            Lenient::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        }
    }

    fn to_bool(&self) -> bool {
        match self {
            Lenient::Str(s) => matches!(s.trim(), "1" | "true" | "yes" | "on"),
            Lenient::Int(i) => *i != 0,
            Lenient::Uint(u) => *u != 0,
            Lenient::Float(f) => *f != 0.0,
            Lenient::Bool(b) => *b,
        }
    }
}

/// Deserialises a string, number or bool as text (`34533` and `"34533"` alike).
pub fn string_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Lenient::deserialize(d)?.into_string())
}

/// Like [`string_lenient`] for optional fields; `null` gives `None`.
pub fn opt_string_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Lenient>::deserialize(d)?.map(Lenient::into_string))
}

/// Deserialises a number given as a number or as text (`"150.00"`); `null` or junk gives `None`.
pub fn opt_f64_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Option::<Lenient>::deserialize(d)?.and_then(|l| l.to_f64()))
}

/// Deserialises `1`/`0`, `"true"`/`"false"` or a real bool; `null` gives `false`.
pub fn bool_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(Option::<Lenient>::deserialize(d)?.is_some_and(|l| l.to_bool()))
}

/// Deserialises `null` as the type's default.
pub fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// The message of an error body: `error` or `message` of a JSON object, or short plain text.
pub fn error_message(response: &ApiResponse) -> Option<String> {
    let from_json = json_opt::<serde_json::Value>(response).and_then(|v| {
        ["message", "error"]
            .iter()
            .find_map(|k| v.get(k).and_then(|m| m.as_str()).map(str::to_string))
    });
    from_json.or_else(|| {
        let text = text(response);
        (!text.is_empty() && !text.starts_with(['{', '[', '<']) && text.len() < 500).then_some(text)
    })
}

/// The usual meaning of an HTTP error status, for statuses a provider gives no
/// special meaning. `credential` names what to fix on 401.
pub fn http_error(response: &ApiResponse, credential: &str) -> ProviderError {
    let status = status(response);
    let message = error_message(response);
    let or = |default: &str| message.clone().unwrap_or_else(|| default.to_string());
    match status {
        401 => ProviderError::Auth {
            message: or("the credential was rejected"),
            credential: credential.to_string(),
        },
        402 => ProviderError::PaymentRequired {
            balance: None,
            required: None,
            message: or("payment required"),
        },
        403 => ProviderError::Permission {
            needed: None,
            message: or("this credential may not do that"),
        },
        404 => ProviderError::NotFound {
            message: or("not found"),
        },
        409 => ProviderError::Conflict {
            message: or("conflicts with the current state"),
        },
        429 => ProviderError::RateLimited {
            retry_after_secs: retry_after(response),
            message: or("too many requests"),
        },
        400 | 422 => ProviderError::validation("request", or("rejected by the provider")),
        s if s >= 500 => ProviderError::Provider {
            status: s,
            message: or("server error"),
        },
        s => ProviderError::unexpected(s, "undocumented status", response.body()),
    }
}
