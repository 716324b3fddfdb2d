//! Renders any request value as a copy-pasteable curl command, secrets redacted.
//!
//! Credentials in `Authorization` headers are always replaced; body fields and
//! query parameters named in the request's [`Redactions`] are replaced too.

use crate::call::Redactions;
use crate::ApiRequest;
use http::header::{AUTHORIZATION, CONTENT_TYPE};

/// What a redacted value is shown as.
pub const REDACTED: &str = "<redacted>";

/// The request as a curl command.
///
/// ```
/// use providers::{llamalink, Secret};
/// let api = llamalink::Api::new(None, Secret::new("llk_secret")).unwrap();
/// let curl = api.list_servers().to_curl();
/// assert!(curl.contains("Authorization: Bearer <redacted>"));
/// assert!(!curl.contains("llk_secret"));
/// ```
pub fn to_curl(request: &ApiRequest) -> String {
    let redactions = request
        .extensions()
        .get::<Redactions>()
        .cloned()
        .unwrap_or_default();
    let mut parts = vec![
        "curl".to_string(),
        "-X".to_string(),
        request.method().as_str().to_string(),
        quote(&redact_url(&request.uri().to_string(), &redactions.0)),
    ];
    for (name, value) in request.headers() {
        let value = value.to_str().unwrap_or("<binary>");
        let shown = if name == AUTHORIZATION {
            let scheme = value.split(' ').next().unwrap_or("");
            format!("{scheme} {REDACTED}")
        } else {
            value.to_string()
        };
        parts.push("-H".to_string());
        parts.push(quote(&format!(
            "{}: {shown}",
            canonical_header(name.as_str())
        )));
    }
    let body = request.body();
    if !body.is_empty() {
        let content_type = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        match std::str::from_utf8(body) {
            Ok(text) => {
                let shown = redact_body(text, content_type, &redactions.0);
                parts.push("--data-raw".to_string());
                parts.push(quote(&shown));
            }
            Err(_) => {
                parts.push("--data-binary".to_string());
                parts.push(quote(&format!("@<{} bytes of binary data>", body.len())));
            }
        }
    }
    parts.join(" ")
}

fn canonical_header(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn quote(text: &str) -> String {
    shlex::try_quote(text)
        .map(|q| q.into_owned())
        .unwrap_or_else(|_| format!("'{}'", text.replace('\0', "").replace('\'', r"'\''")))
}

fn redact_url(url: &str, secret: &[&str]) -> String {
    let Ok(mut parsed) = url::Url::parse(url) else {
        return url.to_string();
    };
    if parsed.query().is_none() || secret.is_empty() {
        return url.to_string();
    }
    let pairs: Vec<(String, String)> = parsed
        .query_pairs()
        .map(|(k, v)| {
            let v = if secret.contains(&k.as_ref()) {
                REDACTED.to_string()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    parsed.query_pairs_mut().clear().extend_pairs(pairs);
    parsed.to_string()
}

fn redact_body(text: &str, content_type: &str, secret: &[&str]) -> String {
    if secret.is_empty() {
        return text.to_string();
    }
    if content_type.starts_with("application/json") {
        if let Ok(mut value) = serde_json::from_str::<serde_json::Value>(text) {
            redact_json(&mut value, secret);
            return value.to_string();
        }
    }
    if content_type.starts_with("application/x-www-form-urlencoded") {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in form_urlencoded::parse(text.as_bytes()) {
            let v = if secret.contains(&k.as_ref()) {
                REDACTED.into()
            } else {
                v
            };
            out.append_pair(&k, &v);
        }
        return out.finish();
    }
    text.to_string()
}

fn redact_json(value: &mut serde_json::Value, secret: &[&str]) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if secret.contains(&k.as_str()) {
                    *v = serde_json::Value::String(REDACTED.to_string());
                } else {
                    redact_json(v, secret);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| redact_json(v, secret)),
        _ => {}
    }
}
