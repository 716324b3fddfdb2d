//! [`Call`]: a request value paired with the parser for its response, and the
//! small builder every provider module uses to make request values.

use crate::error::ProviderError;
use crate::{ApiRequest, ApiResponse};
use http::header::{HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use http::Method;
use serde::Serialize;
use url::Url;

type Parser<T> = Box<dyn Fn(&ApiResponse) -> Result<T, ProviderError> + Send + Sync>;

/// One provider operation: the request to send and how to read its answer.
///
/// ```
/// use providers::{llamalink, Secret};
/// let api = llamalink::Api::new(None, Secret::new("llk_x")).unwrap();
/// let call = api.os_templates();
/// assert_eq!(call.request().method(), "GET");
/// ```
pub struct Call<T> {
    request: ApiRequest,
    parse: Parser<T>,
}

impl<T: 'static> Call<T> {
    /// Pairs a request with its parser.
    pub fn new(
        request: ApiRequest,
        parse: impl Fn(&ApiResponse) -> Result<T, ProviderError> + Send + Sync + 'static,
    ) -> Self {
        Self {
            request,
            parse: Box::new(parse),
        }
    }

    /// The request to send.
    pub fn request(&self) -> &ApiRequest {
        &self.request
    }

    /// The request, for adding a signature or a header before sending.
    pub fn request_mut(&mut self) -> &mut ApiRequest {
        &mut self.request
    }

    /// Reads a response to this request.
    pub fn parse(&self, response: &ApiResponse) -> Result<T, ProviderError> {
        (self.parse)(response)
    }

    /// Transforms the parsed value.
    pub fn map<U: 'static>(self, f: impl Fn(T) -> U + Send + Sync + 'static) -> Call<U> {
        let parse = self.parse;
        Call {
            request: self.request,
            parse: Box::new(move |r| parse(r).map(&f)),
        }
    }

    /// The request as a copy-pasteable curl command, secrets redacted.
    pub fn to_curl(&self) -> String {
        crate::curl::to_curl(&self.request)
    }
}

impl<T> std::fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("method", self.request.method())
            .field("uri", self.request.uri())
            .finish_non_exhaustive()
    }
}

/// Names of body fields and query parameters whose values are secret, carried
/// in the request's extensions so [`crate::curl`] can redact them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Redactions(pub Vec<&'static str>);

/// Builds a request value against a base URL.
///
/// The base may carry a path prefix (`http://127.0.0.1:8080/lnvps`); the
/// documented path is appended to it, each segment percent-encoded.
#[derive(Debug)]
pub struct RequestBuilder {
    method: Method,
    url: Url,
    headers: Vec<(HeaderName, String)>,
    body: Vec<u8>,
    redact: Vec<&'static str>,
}

impl RequestBuilder {
    /// A request to `base` + the given path segments.
    pub fn new(method: Method, base: &Url, segments: &[&str]) -> Self {
        let mut url = base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        Self {
            method,
            url,
            headers: Vec::new(),
            body: Vec::new(),
            redact: Vec::new(),
        }
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &str, value: impl AsRef<str>) -> Self {
        self.url.query_pairs_mut().append_pair(key, value.as_ref());
        self
    }

    /// Adds a query parameter when the value is present.
    pub fn query_opt(self, key: &str, value: Option<impl AsRef<str>>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Adds `Authorization: Bearer <token>`.
    pub fn bearer(self, token: &str) -> Self {
        self.header(AUTHORIZATION, format!("Bearer {token}"))
    }

    /// Sets a JSON body and `Content-Type: application/json`.
    pub fn json(mut self, body: &impl Serialize) -> Self {
        self.body = serde_json::to_vec(body).unwrap_or_default();
        self.header(CONTENT_TYPE, "application/json")
    }

    /// Sets a form body (`application/x-www-form-urlencoded`) from ordered pairs.
    pub fn form<'a>(mut self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut encoder = form_urlencoded::Serializer::new(String::new());
        for (k, v) in pairs {
            encoder.append_pair(k, v);
        }
        self.body = encoder.finish().into_bytes();
        self.header(CONTENT_TYPE, "application/x-www-form-urlencoded")
    }

    /// Sets a raw body (file upload) with its content type.
    pub fn bytes(mut self, body: Vec<u8>, content_type: &str) -> Self {
        self.body = body;
        self.header(CONTENT_TYPE, content_type.to_string())
    }

    /// Marks body fields or query parameters as secret (redacted in curl output).
    pub fn redact(mut self, fields: &[&'static str]) -> Self {
        self.redact.extend_from_slice(fields);
        self
    }

    /// The finished request value.
    pub fn build(self) -> ApiRequest {
        let mut request = http::Request::new(self.body);
        *request.method_mut() = self.method;
        // A `Url` is always a valid URI; the fallback is unreachable in practice.
        *request.uri_mut() = self.url.as_str().parse().unwrap_or_default();
        for (name, value) in self.headers {
            if let Ok(value) = HeaderValue::from_str(&value) {
                request.headers_mut().append(name, value);
            }
        }
        if !self.redact.is_empty() {
            request.extensions_mut().insert(Redactions(self.redact));
        }
        request
    }
}
