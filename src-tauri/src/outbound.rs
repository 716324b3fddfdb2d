//! Requests leaving the desktop app: the allow-list, the secrets put in, and
//! the send.
//!
//! The web view hands over a [`WireRequest`] for one account, with
//! [`placeholder`]s where that account's secrets belong. [`prepare`] refuses
//! it unless its URL is at the account's own origin (scheme, host and port
//! of [`Account::base_url`]), then replaces each placeholder with the secret
//! encoded for where it stands: raw in a header value, form-encoded in the
//! query, form-encoded or JSON-escaped or raw in the body by its content
//! type. [`send`] sends the result with reqwest (rustls, 30 s timeout,
//! redirects followed only within the origin). Nothing here puts a secret in
//! an error message.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use providers::wire::{
    header_pairs, placeholder, secret_fields, WireRequest, WireResponse, PLACEHOLDER_PREFIX,
};
use providers::{Account, TransportError};
use reqwest::header::{HeaderName, HeaderValue};
use std::time::Duration;
use url::Url;

/// How long one request may take, connection to last byte.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Redirects followed within one origin before giving up.
const MAX_REDIRECTS: usize = 10;

/// Headers the HTTP client sets itself; a value from the web view would be
/// wrong once secrets change the body's length.
const CLIENT_HEADERS: [&str; 5] = [
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
];

/// A request ready to go: at the account's origin, with its secrets in (its
/// `Debug` shows only the method, the path, header names and body length).
pub struct Outgoing {
    /// The method.
    pub method: reqwest::Method,
    /// The URL, query secrets included.
    pub url: Url,
    /// The headers, secrets included.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The body, secrets included.
    pub body: Vec<u8>,
}

impl std::fmt::Debug for Outgoing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Outgoing")
            .field("method", &self.method)
            .field("path", &self.url.path())
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>(),
            )
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

fn refuse(message: impl Into<String>) -> TransportError {
    TransportError::failed(message)
}

/// The form fields and JSON members each secret may fill. A secret may stand
/// only where the provider consumes it, never in a field a provider could
/// echo back (a server name, a label), where the web view could read it.
fn fields_for(secret: &str) -> &'static [&'static str] {
    match secret {
        "key" => &["key", "api_key"],
        "pin" => &["pin", "old_pin"],
        "password" => &["password"],
        "token" => &["token"],
        _ => &[],
    }
}

fn has_stand_in(text: &[u8]) -> bool {
    let prefix = PLACEHOLDER_PREFIX.as_bytes();
    text.windows(prefix.len()).any(|w| w == prefix)
}

/// The secret a whole value stands for (`panel-secret.<field>`), if it is one.
fn stand_in_field(value: &str) -> Option<&str> {
    value
        .strip_prefix(PLACEHOLDER_PREFIX)
        .filter(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
}

/// The account's secret `field`, or a refusal naming what is missing.
fn secret<'a>(account: &'a Account, field: &str) -> Result<&'a str, TransportError> {
    secret_fields(account)
        .into_iter()
        .find(|(f, _)| *f == field)
        .map(|(_, s)| s.expose())
        .ok_or_else(|| {
            refuse(format!(
                "the request asks for `{}`, but account `{}` has no such secret",
                placeholder(field),
                account.id
            ))
        })
}

fn misplaced(field: &str, place: &str) -> TransportError {
    refuse(format!(
        "refused: `{}` may not stand in {place}; nothing was sent",
        placeholder(field)
    ))
}

/// A header value with its secret put in: only `authorization` may carry
/// one, as its whole value or after a scheme (`Bearer panel-secret.key`).
fn header_value(
    account: &Account,
    name: &HeaderName,
    value: &str,
) -> Result<String, TransportError> {
    if !has_stand_in(value.as_bytes()) {
        return Ok(value.to_string());
    }
    let (scheme, token) = match value.split_once(' ') {
        Some((scheme, token)) if scheme.bytes().all(|b| b.is_ascii_alphabetic()) => {
            (Some(scheme), token)
        }
        _ => (None, value),
    };
    let field = stand_in_field(token)
        .ok_or_else(|| refuse(format!("header `{name}` holds a malformed stand-in")))?;
    if name != reqwest::header::AUTHORIZATION {
        return Err(misplaced(field, &format!("header `{name}`")));
    }
    let secret = secret(account, field)?;
    if secret.bytes().any(|b| matches!(b, b'\r' | b'\n' | 0)) {
        return Err(refuse(format!(
            "the {field} of account `{}` contains a line break, so it cannot go in a header",
            account.id
        )));
    }
    Ok(match scheme {
        Some(scheme) => format!("{scheme} {secret}"),
        None => secret.to_string(),
    })
}

/// Form-encoded text (a query or a body) with its secrets put in: each must
/// be the whole value of a field named for it ([`fields_for`]); everything
/// else is kept byte for byte.
fn form_fields(account: &Account, text: &str, place: &str) -> Result<String, TransportError> {
    let mut out = Vec::new();
    for pair in text.split('&') {
        if !has_stand_in(pair.as_bytes()) {
            out.push(pair.to_string());
            continue;
        }
        let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let name: String = form_urlencoded::parse(raw_name.as_bytes())
            .next()
            .map(|(n, _)| n.into_owned())
            .unwrap_or_default();
        let field = stand_in_field(raw_value)
            .ok_or_else(|| refuse(format!("the {place} holds a malformed stand-in")))?;
        if !fields_for(field).contains(&name.as_str()) {
            return Err(misplaced(field, &format!("the {place} field `{name}`")));
        }
        let encoded: String =
            form_urlencoded::byte_serialize(secret(account, field)?.as_bytes()).collect();
        out.push(format!("{raw_name}={encoded}"));
    }
    Ok(out.join("&"))
}

/// A JSON body with its secrets put in: each must be the whole string value
/// of a top-level member named for it ([`fields_for`]).
fn json_members(account: &Account, body: &[u8]) -> Result<Vec<u8>, TransportError> {
    let text = std::str::from_utf8(body).map_err(|_| refuse("the JSON body is not UTF-8"))?;
    let parsed: serde_json::Value =
        serde_json::from_str(text).map_err(|_| refuse("the JSON body does not parse"))?;
    let mut allowed = Vec::new();
    if let Some(members) = parsed.as_object() {
        for (name, value) in members {
            let Some(field) = value.as_str().and_then(stand_in_field) else {
                continue;
            };
            if !fields_for(field).contains(&name.as_str()) {
                return Err(misplaced(field, &format!("the JSON member `{name}`")));
            }
            allowed.push(field.to_string());
        }
    }
    let mut out = text.to_string();
    for field in &allowed {
        let quoted = serde_json::Value::String(secret(account, field)?.to_string()).to_string();
        out = out.replacen(&format!("\"{}\"", placeholder(field)), &quoted, 1);
    }
    if has_stand_in(out.as_bytes()) {
        return Err(refuse(
            "refused: a stand-in stands somewhere in the JSON body other than a top-level member named for it; nothing was sent",
        ));
    }
    Ok(out.into_bytes())
}

/// The body with its secrets put in, by its `content-type`: form fields or
/// JSON members named for them; no other kind of body may carry one.
fn body_with_secrets(
    account: &Account,
    headers: &[(String, String)],
    body: Vec<u8>,
) -> Result<Vec<u8>, TransportError> {
    if !has_stand_in(&body) {
        return Ok(body);
    }
    let mime = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map(|(_, value)| {
            value
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    if mime == "application/x-www-form-urlencoded" {
        let text = String::from_utf8(body).map_err(|_| refuse("the form body is not UTF-8"))?;
        Ok(form_fields(account, &text, "form body")?.into_bytes())
    } else if mime == "application/json" || mime.ends_with("+json") {
        json_members(account, &body)
    } else {
        Err(refuse(format!(
            "refused: a `{mime}` body may not carry a secret; nothing was sent"
        )))
    }
}

/// Refuses a URL that is not at `account`'s origin; else the parsed URL.
pub fn check_origin(account: &Account, url: &str) -> Result<Url, TransportError> {
    let base = account
        .base_url()
        .map_err(|e| refuse(format!("account `{}`: {e}", account.id)))?;
    let target =
        Url::parse(url).map_err(|e| refuse(format!("the request URL is not valid: {e}")))?;
    if target.origin() != base.origin() {
        let shown = match target.origin() {
            origin @ url::Origin::Tuple(..) => origin.ascii_serialization(),
            url::Origin::Opaque(_) => format!("a {} URL", target.scheme()),
        };
        return Err(refuse(format!(
            "refused: {shown} is not where account `{}` lives ({}); nothing was sent",
            account.id,
            base.origin().ascii_serialization()
        )));
    }
    Ok(target)
}

/// Checks `request` against `account`'s origin and puts the account's
/// secrets in place of their placeholders. Pure: nothing is sent.
///
/// ```
/// use panel_desktop::outbound::prepare;
/// use providers::wire::WireRequest;
/// use providers::{Account, Credentials, ProviderId, Secret};
/// let account = Account {
///     id: "ll".into(),
///     provider: ProviderId::Llamalink,
///     label: "ll".into(),
///     credentials: Credentials::ApiKey { key: Secret::new("llk_real") },
///     base_url: None,
///     pin: None,
/// };
/// let request = WireRequest {
///     method: "GET".into(),
///     url: "https://api.llamalink.net/user/vps".into(),
///     headers: vec![("authorization".into(), "Bearer panel-secret.key".into())],
///     body: String::new(),
/// };
/// let out = prepare(&account, request.clone()).unwrap();
/// assert_eq!(out.headers[0].1, "Bearer llk_real");
/// let elsewhere = WireRequest { url: "https://evil.example/".into(), ..request };
/// assert!(prepare(&account, elsewhere).is_err());
/// ```
pub fn prepare(account: &Account, request: WireRequest) -> Result<Outgoing, TransportError> {
    let mut url = check_origin(account, &request.url)?;
    let method = reqwest::Method::from_bytes(request.method.as_bytes())
        .map_err(|_| refuse(format!("`{}` is not an HTTP method", request.method)))?;

    let mut outside_query = url.clone();
    outside_query.set_query(None);
    if has_stand_in(outside_query.as_str().as_bytes()) {
        return Err(refuse(
            "a secret may stand only in the query of a URL, not in its path",
        ));
    }
    if let Some(query) = url.query().map(str::to_string) {
        let query = form_fields(account, &query, "query")?;
        url.set_query(Some(&query));
    }

    let mut headers = Vec::with_capacity(request.headers.len());
    for (name, value) in &request.headers {
        if has_stand_in(name.as_bytes()) {
            return Err(refuse("a secret may not stand in a header name"));
        }
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| refuse(format!("`{name}` is not a valid header name")))?;
        if CLIENT_HEADERS.contains(&header.as_str()) {
            continue;
        }
        let sensitive = has_stand_in(value.as_bytes());
        let value = header_value(account, &header, value)?;
        let mut value = HeaderValue::from_bytes(value.as_bytes())
            .map_err(|_| refuse(format!("the value of header `{header}` is not valid")))?;
        value.set_sensitive(sensitive);
        headers.push((header, value));
    }

    let body = request
        .body_bytes()
        .map_err(|e| refuse(format!("the request body: {e}")))?;
    let body = body_with_secrets(account, &request.headers, body)?;
    Ok(Outgoing {
        method,
        url,
        headers,
        body,
    })
}

/// The HTTP client: rustls with the platform's roots, a 30 s timeout, and
/// redirects followed only within the origin they start from (a redirect
/// elsewhere comes back to the web view as the 3xx response).
pub fn client() -> Result<reqwest::Client, String> {
    let policy = reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .is_some_and(|first| first.origin() == attempt.url().origin());
        if same_origin && attempt.previous().len() <= MAX_REDIRECTS {
            attempt.follow()
        } else {
            attempt.stop()
        }
    });
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        .redirect(policy)
        .user_agent(concat!("vps-panel-desktop/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("cannot start the HTTP client: {}", chain(&e)))
}

/// An error and its causes, one sentence (reqwest errors without their URL,
/// which could carry a secret in its query).
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

/// Sends `request` for `account` (see [`prepare`]) and returns the
/// provider's response, whatever its status.
pub async fn send(
    client: &reqwest::Client,
    account: &Account,
    request: WireRequest,
) -> Result<WireResponse, TransportError> {
    let outgoing = prepare(account, request)?;
    let origin = outgoing.url.origin().ascii_serialization();
    let mut builder = client.request(outgoing.method, outgoing.url);
    for (name, value) in outgoing.headers {
        builder = builder.header(name, value);
    }
    // Only a failure to connect proves nothing arrived; after that the
    // provider may have acted (an order placed), which the driver must know
    // so as not to send it again.
    let failed = |e: reqwest::Error| {
        let (timed_out, connect) = (e.is_timeout(), e.is_connect());
        let e = e.without_url();
        if timed_out {
            TransportError::timeout(format!(
                "{origin} did not answer within {} s",
                TIMEOUT.as_secs()
            ))
        } else if connect {
            TransportError::failed(format!("could not reach {origin}: {}", chain(&e)))
        } else {
            TransportError::timeout(format!(
                "the exchange with {origin} broke after the request was sent: {}",
                chain(&e)
            ))
        }
    };
    let response = builder.body(outgoing.body).send().await.map_err(failed)?;
    let status = response.status().as_u16();
    let headers = header_pairs(response.headers());
    let body = response.bytes().await.map_err(failed)?;
    Ok(WireResponse {
        status,
        headers,
        body: STANDARD.encode(body),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use providers::{Credentials, ProviderId, Secret};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    fn account(base: &str) -> Account {
        Account {
            id: "hk".into(),
            provider: ProviderId::Hostkey,
            label: "hk".into(),
            credentials: Credentials::ApiKey {
                key: Secret::new("k&y=1 \"q\"+ü"),
            },
            base_url: Some(base.into()),
            pin: Some(Secret::new("12\\34")),
        }
    }

    fn wire(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> WireRequest {
        WireRequest {
            method: method.into(),
            url: url.into(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: STANDARD.encode(body),
        }
    }

    fn header<'a>(out: &'a Outgoing, name: &str) -> &'a str {
        out.headers
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.to_str().ok())
            .unwrap_or_default()
    }

    #[test]
    fn secrets_go_in_the_authorization_header_raw() {
        let out = prepare(
            &account("https://invapi.example"),
            wire(
                "GET",
                "https://invapi.example/eq.php",
                &[("authorization", "Bearer panel-secret.key")],
                "",
            ),
        )
        .unwrap();
        assert_eq!(
            out.headers[0].1.as_bytes(),
            "Bearer k&y=1 \"q\"+ü".as_bytes()
        );
        assert!(out.headers[0].1.is_sensitive(), "kept out of debug output");
        let bare = prepare(
            &account("https://invapi.example"),
            wire(
                "GET",
                "https://invapi.example/eq.php",
                &[("Authorization", "panel-secret.pin")],
                "",
            ),
        )
        .unwrap();
        assert_eq!(bare.headers[0].1, "12\\34");
    }

    #[test]
    fn debug_output_shows_no_secret() {
        let out = prepare(
            &account("https://invapi.example"),
            wire(
                "POST",
                "https://invapi.example/auth.php?pin=panel-secret.pin",
                &[
                    ("content-type", "application/x-www-form-urlencoded"),
                    ("authorization", "Bearer panel-secret.key"),
                ],
                "action=login&key=panel-secret.key",
            ),
        )
        .unwrap();
        let shown = format!("{out:?}");
        assert!(
            shown.contains("/auth.php") && shown.contains("authorization"),
            "{shown}"
        );
        for secret in ["k&y", "k%26y", "12\\34", "12%5C34"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[test]
    fn a_secret_where_a_provider_could_echo_it_is_refused() {
        let acc = account("https://invapi.example");
        let cases = [
            wire(
                "GET",
                "https://invapi.example/",
                &[("x-api-key", "panel-secret.key")],
                "",
            ),
            wire(
                "GET",
                "https://invapi.example/eq.php?name=panel-secret.key",
                &[],
                "",
            ),
            wire(
                "POST",
                "https://invapi.example/eq.php",
                &[("content-type", "application/x-www-form-urlencoded")],
                "action=rename&label=panel-secret.pin",
            ),
            wire(
                "POST",
                "https://invapi.example/eq.php",
                &[("content-type", "application/x-www-form-urlencoded")],
                "action=login&key=x-panel-secret.key",
            ),
            wire(
                "POST",
                "https://invapi.example/vps",
                &[("content-type", "application/json")],
                r#"{"hostname":"panel-secret.key"}"#,
            ),
            wire(
                "POST",
                "https://invapi.example/vps",
                &[("content-type", "application/json")],
                r#"{"meta":{"key":"panel-secret.key"}}"#,
            ),
            wire(
                "POST",
                "https://invapi.example/vps",
                &[("content-type", "application/json")],
                r#"{"key":"panel-secret.key","note":"see panel-secret.key"}"#,
            ),
            wire(
                "PUT",
                "https://invapi.example/x",
                &[("content-type", "text/plain")],
                "pin panel-secret.pin",
            ),
        ];
        for request in cases {
            let shown = format!("{request:?}");
            let err = match prepare(&acc, request) {
                Ok(_) => panic!("accepted: {shown}"),
                Err(e) => e,
            };
            assert!(
                err.message.contains("refused") || err.message.contains("malformed"),
                "{shown}: {}",
                err.message
            );
            assert!(!err.timed_out);
            assert!(!err.message.contains("k&y") && !err.message.contains("12\\34"));
        }
    }

    #[test]
    fn secrets_go_in_the_query_form_encoded() {
        let out = prepare(
            &account("https://invapi.example/api"),
            wire(
                "GET",
                "https://invapi.example/api/auth.php?action=login&key=panel-secret.key&pin=panel-secret.pin",
                &[],
                "",
            ),
        )
        .unwrap();
        assert_eq!(
            out.url.query(),
            Some("action=login&key=k%26y%3D1+%22q%22%2B%C3%BC&pin=12%5C34")
        );
        let pairs: Vec<_> = out.url.query_pairs().into_owned().collect();
        assert_eq!(pairs[1], ("key".into(), "k&y=1 \"q\"+ü".into()));
        assert_eq!(out.url.path(), "/api/auth.php");
    }

    #[test]
    fn secrets_go_in_form_bodies_form_encoded() {
        let out = prepare(
            &account("https://invapi.example"),
            wire(
                "POST",
                "https://invapi.example/auth.php",
                &[(
                    "Content-Type",
                    "application/x-www-form-urlencoded; charset=utf-8",
                )],
                "action=login&key=panel-secret.key",
            ),
        )
        .unwrap();
        let body = String::from_utf8(out.body).unwrap();
        assert_eq!(body, "action=login&key=k%26y%3D1+%22q%22%2B%C3%BC");
        let pairs: Vec<_> = form_urlencoded::parse(body.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(pairs[1].1, "k&y=1 \"q\"+ü");
    }

    #[test]
    fn secrets_go_in_json_bodies_escaped() {
        let out = prepare(
            &account("https://invapi.example"),
            wire(
                "POST",
                "https://invapi.example/login",
                &[
                    ("content-type", "application/json"),
                    ("content-length", "999"),
                ],
                r#"{"key":"panel-secret.key","pin":"panel-secret.pin"}"#,
            ),
        )
        .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.body).unwrap();
        assert_eq!(json["key"], "k&y=1 \"q\"+ü");
        assert_eq!(json["pin"], "12\\34");
        assert_eq!(header(&out, "content-length"), "", "the client sets it");
    }

    #[test]
    fn unknown_placeholders_are_refused() {
        let err = prepare(
            &account("https://invapi.example"),
            wire(
                "POST",
                "https://invapi.example/login",
                &[("content-type", "application/json")],
                r#"{"password":"panel-secret.password"}"#,
            ),
        )
        .unwrap_err();
        assert!(
            err.message.contains("panel-secret.password") && err.message.contains("`hk`"),
            "{}",
            err.message
        );
        let in_path = prepare(
            &account("https://invapi.example"),
            wire("GET", "https://invapi.example/panel-secret.key/x", &[], ""),
        );
        assert!(in_path.unwrap_err().message.contains("path"));
    }

    #[test]
    fn line_breaks_in_a_header_secret_are_refused() {
        let mut acc = account("https://invapi.example");
        acc.credentials = Credentials::ApiKey {
            key: Secret::new("abc\r\nx-evil: 1"),
        };
        let err = prepare(
            &acc,
            wire(
                "GET",
                "https://invapi.example/",
                &[("authorization", "Bearer panel-secret.key")],
                "",
            ),
        )
        .unwrap_err();
        assert!(err.message.contains("line break"), "{}", err.message);
        assert!(!err.message.contains("abc"), "no secret in the error");
        // In a form body the same key is simply encoded.
        let out = prepare(
            &acc,
            wire(
                "POST",
                "https://invapi.example/",
                &[("content-type", "application/x-www-form-urlencoded")],
                "key=panel-secret.key",
            ),
        )
        .unwrap();
        assert_eq!(out.body, b"key=abc%0D%0Ax-evil%3A+1");
    }

    #[test]
    fn another_origin_is_refused() {
        let acc = account("https://invapi.example/api");
        for url in [
            "https://other.example/api/eq.php",
            "http://invapi.example/api/eq.php",
            "https://invapi.example:8443/api/eq.php",
            "https://invapi.example.evil.example/",
            "file:///etc/passwd",
            "not a url",
        ] {
            let err = prepare(
                &acc,
                wire("GET", url, &[("authorization", "panel-secret.key")], ""),
            )
            .unwrap_err();
            assert!(
                err.message.contains("refused") || err.message.contains("not valid"),
                "{url}: {}",
                err.message
            );
            assert!(!err.timed_out);
        }
        // Another account's origin (same host, another port) is refused too.
        let other = account("https://invapi.example:8443");
        let to_other = wire("GET", "https://invapi.example:8443/eq.php", &[], "");
        prepare(&other, to_other.clone()).unwrap();
        assert!(prepare(&acc, to_other)
            .unwrap_err()
            .message
            .contains("refused"));
        // The default port is the same origin.
        prepare(&acc, wire("GET", "https://invapi.example:443/x", &[], "")).unwrap();
        // No base URL: the provider's documented origin.
        let mut documented = acc.clone();
        documented.base_url = None;
        prepare(
            &documented,
            wire("GET", "https://invapi.hostkey.com/eq.php", &[], ""),
        )
        .unwrap();
        assert!(prepare(
            &documented,
            wire("GET", "https://invapi.example/x", &[], "")
        )
        .is_err());
    }

    /// A one-shot HTTP responder: returns what it received.
    async fn respond_once(listener: TcpListener, response: String) -> String {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = socket.read(&mut buf).await.unwrap();
            seen.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&seen).to_string();
            if let Some(end) = text.find("\r\n\r\n") {
                let length = text[..end]
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                    })
                    .unwrap_or(0);
                if seen.len() >= end + 4 + length {
                    break;
                }
            }
            if n == 0 {
                break;
            }
        }
        socket.write_all(response.as_bytes()).await.unwrap();
        socket.shutdown().await.ok();
        String::from_utf8_lossy(&seen).into_owned()
    }

    fn no_connection_came(listener: &std::net::TcpListener) -> bool {
        listener.set_nonblocking(true).unwrap();
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
    }

    #[tokio::test]
    async fn a_disallowed_host_is_refused_before_any_connection() {
        let trap = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let trap_url = format!("http://{}/steal", trap.local_addr().unwrap());
        let client = client().unwrap();
        let acc = account("http://127.0.0.1:9");
        let err = send(
            &client,
            &acc,
            wire(
                "GET",
                &trap_url,
                &[("authorization", "panel-secret.key")],
                "",
            ),
        )
        .await
        .unwrap_err();
        assert!(err.message.contains("refused"), "{}", err.message);
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(no_connection_came(&trap), "the trap saw a connection");
    }

    #[tokio::test]
    async fn an_allowed_loopback_origin_works_end_to_end() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let body = r#"{"ok":true}"#;
        let server = tokio::spawn(respond_once(
            listener,
            format!(
                "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\nx-reply: yes\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            ),
        ));
        let acc = account(&format!("{origin}/hostkey"));
        let response = send(
            &client().unwrap(),
            &acc,
            wire(
                "POST",
                &format!("{origin}/hostkey/auth.php?pin=panel-secret.pin"),
                &[
                    ("content-type", "application/x-www-form-urlencoded"),
                    ("authorization", "Bearer panel-secret.key"),
                ],
                "action=login&key=panel-secret.key",
            ),
        )
        .await
        .unwrap();
        let seen = server.await.unwrap();
        assert!(
            seen.starts_with("POST /hostkey/auth.php?pin=12%5C34 HTTP/1.1\r\n"),
            "{seen}"
        );
        assert!(
            seen.contains("authorization: Bearer k&y=1 \"q\"+ü\r\n"),
            "{seen}"
        );
        let sent = "action=login&key=k%26y%3D1+%22q%22%2B%C3%BC";
        assert!(
            seen.contains(&format!("content-length: {}\r\n", sent.len())),
            "{seen}"
        );
        assert!(seen.ends_with(sent), "{seen}");
        assert_eq!(response.status, 201);
        assert!(response.headers.contains(&("x-reply".into(), "yes".into())));
        assert_eq!(STANDARD.decode(&response.body).unwrap(), body.as_bytes());
    }

    #[tokio::test]
    async fn a_redirect_to_another_origin_is_not_followed() {
        let trap = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let elsewhere = format!("http://{}/collect", trap.local_addr().unwrap());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(respond_once(
            listener,
            format!("HTTP/1.1 302 Found\r\nlocation: {elsewhere}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"),
        ));
        let response = send(
            &client().unwrap(),
            &account(&origin),
            wire(
                "GET",
                &format!("{origin}/x"),
                &[("authorization", "Bearer panel-secret.key")],
                "",
            ),
        )
        .await
        .unwrap();
        server.await.unwrap();
        assert_eq!(response.status, 302);
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert!(no_connection_came(&trap), "the redirect was followed");
    }

    #[tokio::test]
    async fn a_connection_failure_names_the_origin_but_no_secret() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let origin = format!("http://{}", closed.local_addr().unwrap());
        drop(closed);
        let err = send(
            &client().unwrap(),
            &account(&origin),
            wire("GET", &format!("{origin}/x?key=panel-secret.key"), &[], ""),
        )
        .await
        .unwrap_err();
        assert!(err.message.contains(&origin), "{}", err.message);
        assert!(
            !err.message.contains("k&y") && !err.message.contains("k%26y"),
            "{}",
            err.message
        );
        assert!(!err.timed_out);
    }
}
