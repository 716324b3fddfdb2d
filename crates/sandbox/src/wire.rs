//! Small helpers every simulated provider uses to read requests and write
//! responses: JSON and text bodies, headers, query strings, PHP-style forms.

use crate::{Request, Response};
use http::header::{HeaderName, HeaderValue};

/// Adds headers to a response fluently.
pub trait ResponseExt {
    /// Sets (replaces) a header.
    fn with_header(self, name: &str, value: &str) -> Self;
}

impl ResponseExt for Response {
    fn with_header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.headers_mut().insert(n, v);
        }
        self
    }
}

/// A response with `status`, a body and a content type.
pub fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Response {
    let mut r = http::Response::new(body);
    *r.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    r.with_header("content-type", content_type)
}

/// A JSON response.
pub fn json(status: u16, value: &serde_json::Value) -> Response {
    bytes(
        status,
        "application/json",
        serde_json::to_vec(value).unwrap_or_default(),
    )
}

/// A plain-text response.
pub fn text(status: u16, body: &str) -> Response {
    bytes(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

/// A 200 whose JSON body is cut short (the malformed-body fault).
pub fn malformed() -> Response {
    bytes(200, "application/json", br#"{"data":[{"id":1,"na"#.to_vec())
}

/// Adds permissive CORS headers so the web app can call the sandbox from any origin.
pub fn cors(response: &mut Response, request: &Request) {
    let h = response.headers_mut();
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE, OPTIONS"),
    );
    let asked = request
        .headers()
        .get("access-control-request-headers")
        .cloned()
        .unwrap_or(HeaderValue::from_static(
            "authorization, content-type, x-provision-op-id",
        ));
    h.insert("access-control-allow-headers", asked);
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("*"),
    );
    h.insert("access-control-max-age", HeaderValue::from_static("600"));
}

/// The `Bearer` token of the `Authorization` header.
pub fn bearer(headers: &http::HeaderMap) -> Option<&str> {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

/// A header as text.
pub fn header<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// Decoded `key=value` pairs of a query string or form body, in order.
pub fn pairs(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded).into_owned().collect()
}

/// A decoded form body (or query string) with PHP bracket names
/// (`params[name]`, `invoices[]`, `dns[ttl]`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form(pub Vec<(String, String)>);

impl Form {
    /// Parses an `application/x-www-form-urlencoded` body or a query string.
    pub fn parse(encoded: &[u8]) -> Self {
        Form(pairs(encoded))
    }

    /// The last value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name` (for `invoices[]`, pass `invoices[]`).
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The value of `outer[inner]` (`params[name]`, `dns[ttl]`).
    pub fn nested(&self, outer: &str, inner: &str) -> Option<&str> {
        self.get(&format!("{outer}[{inner}]"))
    }
}
