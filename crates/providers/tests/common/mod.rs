//! Helpers for contract tests: compare a request value with a documented
//! example field by field, and make response values from documented bodies.
#![allow(dead_code)]

use http::header::HeaderName;
use providers::{ApiRequest, ApiResponse};
use std::collections::BTreeMap;

/// What a documented request example says.
pub struct Expected<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a [(&'a str, &'a str)],
    pub headers: &'a [(&'a str, &'a str)],
    pub body: Option<Body<'a>>,
}

/// A documented body.
pub enum Body<'a> {
    /// JSON, compared as values (key order and spacing do not matter).
    Json(&'a str),
    /// Form fields, compared as an ordered list of pairs.
    Form(&'a [(&'a str, &'a str)]),
    /// Raw bytes.
    Raw(&'a [u8]),
}

/// Asserts that `request` is exactly the documented example: method, path,
/// query, the full set of headers, and body.
pub fn assert_request(request: &ApiRequest, expected: &Expected) {
    assert_eq!(request.method().as_str(), expected.method, "method");
    assert_eq!(request.uri().path(), expected.path, "path");
    let query: Vec<(String, String)> = request
        .uri()
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let want_query: Vec<(String, String)> = expected
        .query
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(query, want_query, "query");
    let headers: BTreeMap<String, String> = request
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap().to_string()))
        .collect();
    let want_headers: BTreeMap<String, String> = expected
        .headers
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect();
    assert_eq!(headers, want_headers, "headers");
    match &expected.body {
        None => assert!(
            request.body().is_empty(),
            "expected no body, got {:?}",
            String::from_utf8_lossy(request.body())
        ),
        Some(Body::Json(json)) => {
            let got: serde_json::Value =
                serde_json::from_slice(request.body()).expect("body is JSON");
            let want: serde_json::Value =
                serde_json::from_str(json).expect("documented body is JSON");
            assert_eq!(got, want, "body");
        }
        Some(Body::Form(pairs)) => {
            let got: Vec<(String, String)> = form_urlencoded::parse(request.body())
                .into_owned()
                .collect();
            let want: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            assert_eq!(got, want, "form body");
        }
        Some(Body::Raw(bytes)) => assert_eq!(request.body().as_slice(), *bytes, "raw body"),
    }
}

/// A response value with `status`, `body` and headers.
pub fn response(status: u16, body: &str, headers: &[(&str, &str)]) -> ApiResponse {
    let mut r = http::Response::new(body.as_bytes().to_vec());
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
    for (k, v) in headers {
        r.headers_mut().insert(
            HeaderName::from_bytes(k.as_bytes()).unwrap(),
            v.parse().unwrap(),
        );
    }
    r
}

/// A 200 JSON response.
pub fn ok(body: &str) -> ApiResponse {
    response(200, body, &[("content-type", "application/json")])
}
