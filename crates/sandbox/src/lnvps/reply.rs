//! How LNVPS answers: the `{"data": …}` envelope, `{"error": …}` failures,
//! and the plain-text rejections its web framework gives for a body, path or
//! query string it cannot read.

use crate::{wire, Incoming, Response};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// A failure to answer with, boxed so that `Result`s stay small.
pub(super) type Rejection = Box<Response>;

/// What a handler returns: an answer, or the failure to send instead.
pub(super) type Reply = Result<Response, Rejection>;

/// 200 with `{"data": value}`.
pub(super) fn ok(value: Value) -> Reply {
    Ok(wire::json(200, &json!({ "data": value })))
}

/// 200 with a paginated list: `{"data": [...], "total", "limit", "offset"}`.
pub(super) fn page(items: Vec<Value>, total: usize, window: Window) -> Reply {
    Ok(wire::json(
        200,
        &json!({ "data": items, "total": total, "limit": window.limit, "offset": window.offset }),
    ))
}

/// `status` with `{"error": message}`.
pub(super) fn fail(status: u16, message: impl Into<String>) -> Rejection {
    Box::new(wire::json(status, &json!({ "error": message.into() })))
}

/// 400 with `{"error": message}` (validation failures).
pub(super) fn invalid(message: impl Into<String>) -> Rejection {
    fail(400, message)
}

/// 404 `Resource not found` (a missing row, or a path nothing serves).
pub(super) fn not_found() -> Rejection {
    fail(404, "Resource not found")
}

/// 403 for a resource that belongs to another account.
pub(super) fn forbidden(what: &str) -> Rejection {
    fail(403, format!("{what} does not belong to you"))
}

/// 405 with the methods the path accepts in `allow`, as the router answers.
pub(super) fn method_not_allowed(allowed: &[http::Method]) -> Response {
    let allow: Vec<&str> = allowed.iter().map(http::Method::as_str).collect();
    let mut response = wire::bytes(405, "text/plain; charset=utf-8", Vec::new());
    if let Ok(value) = http::HeaderValue::from_str(&allow.join(",")) {
        response.headers_mut().insert(http::header::ALLOW, value);
    }
    response
}

/// A numeric path segment, or the router's plain-text 400.
pub(super) fn path_id(segment: &str) -> Result<u64, Rejection> {
    segment.parse().map_err(|_| {
        text(
            400,
            &format!("Invalid URL: Cannot parse `{segment}` to a `u64`"),
        )
    })
}

/// A plain-text failure (the framework's own rejections).
fn text(status: u16, body: &str) -> Rejection {
    Box::new(wire::text(status, body))
}

/// The JSON body as `T`, rejected the way the JSON extractor does: 415 without
/// a JSON content type, 400 for malformed JSON, 422 for JSON of the wrong shape.
pub(super) fn body<T: DeserializeOwned>(request: &Incoming) -> Result<T, Rejection> {
    let content_type = wire::header(request.headers, "content-type").unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let is_json = essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"));
    if !is_json {
        return Err(text(
            415,
            "Expected request with `Content-Type: application/json`",
        ));
    }
    serde_json::from_slice(request.body).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => text(
            422,
            &format!("Failed to deserialize the JSON body into the target type: {e}"),
        ),
        _ => text(
            400,
            &format!("Failed to parse the request body as JSON: {e}"),
        ),
    })
}

/// Like [`body`], but an empty body means "nothing sent".
pub(super) fn optional_body<T: DeserializeOwned>(
    request: &Incoming,
) -> Result<Option<T>, Rejection> {
    if request.body.iter().all(u8::is_ascii_whitespace) {
        Ok(None)
    } else {
        body(request).map(Some)
    }
}

/// Deserialises a present field, so `Option<Option<T>>` tells "absent" (outer
/// `None`, with `#[serde(default)]`) from `null` (`Some(None)`).
pub(super) fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde::Deserialize::deserialize(deserializer).map(Some)
}

/// The decoded query string.
pub(super) struct Query(wire::Form);

impl Query {
    /// The query of `request` (empty when there is none).
    pub(super) fn of(request: &Incoming) -> Self {
        Query(wire::Form::parse(request.query.unwrap_or("").as_bytes()))
    }

    /// A text parameter.
    pub(super) fn text(&self, name: &str) -> Option<&str> {
        self.0.get(name)
    }

    /// A required text parameter, or the query extractor's 400.
    pub(super) fn required(&self, name: &str) -> Result<&str, Rejection> {
        self.text(name).ok_or_else(|| {
            text(
                400,
                &format!("Failed to deserialize query string: missing field `{name}`"),
            )
        })
    }

    /// An optional unsigned number, or the query extractor's 400.
    pub(super) fn number(&self, name: &str) -> Result<Option<u64>, Rejection> {
        match self.text(name) {
            None => Ok(None),
            Some(raw) => raw.parse().map(Some).map_err(|e| {
                text(
                    400,
                    &format!("Failed to deserialize query string: {name}: {e}"),
                )
            }),
        }
    }

    /// `limit` and `offset`, with the list defaults (20 from 0).
    pub(super) fn window(&self) -> Result<Window, Rejection> {
        Ok(Window {
            limit: self.number("limit")?.unwrap_or(20),
            offset: self.number("offset")?.unwrap_or(0),
            explicit: self.text("limit").is_some() && self.text("offset").is_some(),
        })
    }
}

/// A page of a list.
#[derive(Debug, Clone, Copy)]
pub(super) struct Window {
    /// Items per page.
    pub(super) limit: u64,
    /// Items skipped.
    pub(super) offset: u64,
    /// True when the caller gave both `limit` and `offset`.
    pub(super) explicit: bool,
}

impl Window {
    /// The items of `all` inside the window.
    pub(super) fn slice<T>(&self, all: Vec<T>) -> Vec<T> {
        let offset = usize::try_from(self.offset).unwrap_or(usize::MAX);
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        all.into_iter().skip(offset).take(limit).collect()
    }
}
