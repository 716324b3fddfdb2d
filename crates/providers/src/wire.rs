//! Request and response values in a serialisable form, for handing them
//! between processes: the desktop app's web view builds requests and its
//! native side sends them.
//!
//! On the desktop, the web view never holds a stored secret: an account's
//! credentials there are [`placeholder`]s, which the native side replaces with
//! the real values (see [`secret_fields`]) just before sending.
//!
//! ```
//! use providers::wire::WireRequest;
//! let request = http::Request::post("https://api.example/v1?a=1")
//!     .header("content-type", "application/json")
//!     .body(br#"{"x":1}"#.to_vec())
//!     .unwrap();
//! let wire = WireRequest::from_request(&request);
//! assert_eq!(wire.into_request().unwrap().uri(), "https://api.example/v1?a=1");
//! ```

use crate::{Account, ApiRequest, ApiResponse, Credentials, Secret};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// A request as plain data: method, absolute URL, headers and a base64 body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireRequest {
    /// `GET`, `POST`…
    pub method: String,
    /// The absolute URL.
    pub url: String,
    /// Header names and values, in order (values must be visible ASCII).
    pub headers: Vec<(String, String)>,
    /// The body, standard base64.
    pub body: String,
}

/// A response as plain data: status, headers and a base64 body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireResponse {
    /// The HTTP status code.
    pub status: u16,
    /// Header names and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body, standard base64.
    pub body: String,
}

/// Why a wire value could not be turned back into an HTTP value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("malformed {part}: {reason}")]
pub struct WireError {
    /// Which part was wrong (`method`, `url`, `header`, `body`, `status`).
    pub part: &'static str,
    /// What was wrong with it.
    pub reason: String,
}

fn wire_error(part: &'static str) -> impl Fn(String) -> WireError {
    move |reason| WireError { part, reason }
}

/// Header names and values as plain pairs, in order.
pub fn header_pairs(headers: &http::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

fn decode_body(body: &str) -> Result<Vec<u8>, WireError> {
    STANDARD
        .decode(body)
        .map_err(|e| wire_error("body")(e.to_string()))
}

impl WireRequest {
    /// The wire form of a request.
    pub fn from_request(request: &ApiRequest) -> Self {
        Self {
            method: request.method().as_str().to_string(),
            url: request.uri().to_string(),
            headers: header_pairs(request.headers()),
            body: STANDARD.encode(request.body()),
        }
    }

    /// The request back as an HTTP value.
    pub fn into_request(self) -> Result<ApiRequest, WireError> {
        let mut builder = http::Request::builder()
            .method(
                http::Method::from_bytes(self.method.as_bytes())
                    .map_err(|e| wire_error("method")(e.to_string()))?,
            )
            .uri(&self.url);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        builder
            .body(decode_body(&self.body)?)
            .map_err(|e| wire_error("request")(e.to_string()))
    }

    /// The decoded body.
    pub fn body_bytes(&self) -> Result<Vec<u8>, WireError> {
        decode_body(&self.body)
    }
}

impl WireResponse {
    /// The wire form of a response.
    pub fn from_response(response: &ApiResponse) -> Self {
        Self {
            status: response.status().as_u16(),
            headers: header_pairs(response.headers()),
            body: STANDARD.encode(response.body()),
        }
    }

    /// The response back as an HTTP value.
    pub fn into_response(self) -> Result<ApiResponse, WireError> {
        let mut builder = http::Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        builder
            .body(decode_body(&self.body)?)
            .map_err(|e| wire_error("response")(e.to_string()))
    }
}

/// What every [`placeholder`] starts with.
pub const PLACEHOLDER_PREFIX: &str = "panel-secret.";

/// The stand-in the web view holds for the secret field `field` of an account.
///
/// Made of URL-unreserved characters only, so it survives form and query
/// encoding unchanged and can be found again in any part of a request.
pub fn placeholder(field: &str) -> String {
    format!("{PLACEHOLDER_PREFIX}{field}")
}

/// The secret fields of an account, by name (`key`, `password`, `token`, `pin`).
pub fn secret_fields(account: &Account) -> Vec<(&'static str, &Secret)> {
    let mut fields = match &account.credentials {
        Credentials::ApiKey { key } => vec![("key", key)],
        Credentials::Login { password, .. } => vec![("password", password)],
        Credentials::Token { token } => vec![("token", token)],
        Credentials::Nostr { .. } => vec![],
    };
    if let Some(pin) = &account.pin {
        fields.push(("pin", pin));
    }
    fields
}

/// The account with every secret replaced by its [`placeholder`].
pub fn with_placeholders(account: &Account) -> Account {
    let mut out = account.clone();
    let stand_in = |field: &str| Secret::new(placeholder(field));
    out.credentials = match &account.credentials {
        Credentials::ApiKey { .. } => Credentials::ApiKey {
            key: stand_in("key"),
        },
        Credentials::Login { user, .. } => Credentials::Login {
            user: user.clone(),
            password: stand_in("password"),
        },
        Credentials::Token { .. } => Credentials::Token {
            token: stand_in("token"),
        },
        nostr @ Credentials::Nostr { .. } => nostr.clone(),
    };
    out.pin = account.pin.as_ref().map(|_| stand_in("pin"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ProviderId;

    #[test]
    fn a_request_survives_the_round_trip() {
        let request = http::Request::put("https://h.example/p?q=a%20b")
            .header("authorization", "Bearer x")
            .header("x-two", "1")
            .body(vec![0, 159, 255])
            .unwrap();
        let back = WireRequest::from_request(&request).into_request().unwrap();
        assert_eq!(back.method(), "PUT");
        assert_eq!(back.uri(), request.uri());
        assert_eq!(back.headers(), request.headers());
        assert_eq!(back.body(), &vec![0, 159, 255]);
    }

    #[test]
    fn a_response_survives_the_round_trip() {
        let response = http::Response::builder()
            .status(429)
            .header("retry-after", "7")
            .body(b"{}".to_vec())
            .unwrap();
        let back = WireResponse::from_response(&response)
            .into_response()
            .unwrap();
        assert_eq!(back.status(), 429);
        assert_eq!(back.headers()["retry-after"], "7");
        assert_eq!(back.body(), b"{}");
    }

    #[test]
    fn malformed_wire_values_name_the_part() {
        let bad_body = WireResponse {
            status: 200,
            headers: vec![],
            body: "not base64!".into(),
        };
        assert_eq!(bad_body.into_response().unwrap_err().part, "body");
        let bad_method = WireRequest {
            method: "GE T".into(),
            url: "https://h/".into(),
            headers: vec![],
            body: String::new(),
        };
        assert_eq!(bad_method.into_request().unwrap_err().part, "method");
    }

    #[test]
    fn placeholders_replace_every_secret_and_nothing_else() {
        let account = Account {
            id: "a1".into(),
            provider: ProviderId::Hostkey,
            label: "prod".into(),
            credentials: Credentials::ApiKey {
                key: Secret::new("real-key"),
            },
            base_url: Some("https://staging.example".into()),
            pin: Some(Secret::new("1234")),
        };
        let shown = with_placeholders(&account);
        let text = serde_json::to_string(&shown).unwrap();
        assert!(
            !text.contains("real-key") && !text.contains("1234"),
            "{text}"
        );
        assert_eq!(
            secret_fields(&shown)
                .iter()
                .map(|(f, s)| (*f, s.expose().to_string()))
                .collect::<Vec<_>>(),
            vec![
                ("key", "panel-secret.key".to_string()),
                ("pin", "panel-secret.pin".to_string())
            ]
        );
        assert_eq!(shown.base_url, account.base_url);
        assert_eq!(shown.label, "prod");
        let encoded: String =
            form_urlencoded::byte_serialize(placeholder("key").as_bytes()).collect();
        assert_eq!(encoded, placeholder("key"), "unchanged by form encoding");
        assert!(shown.pin.unwrap().is_stand_in());
        assert!(!Secret::new("real-key").is_stand_in());
    }
}
