//! The simulated LNVPS against its documents: NIP-98 exactly as the live
//! server checks it, the seed's order → invoice → pay → running flow with
//! BOLT11 invoices read back by an independent parser, and every endpoint's
//! happy path and documented failures. Requests are built by hand.

use std::sync::Arc;

use base64::Engine;
use nostr::prelude::{Event, EventBuilder, FinalizeEvent, Keys, Kind, Tag, Timestamp};
use sandbox::{Clock, Config, ManualClock, Provider, Sandbox};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// 2025-08-01T10:00:00Z.
const T0_MS: u64 = 1_754_042_400_000;
/// Where a client reaches the sandbox's LNVPS.
const BASE: &str = "http://127.0.0.1:8080/lnvps";
const ALICE: &str = "6b911fd37cdf5c81d4c0adb1ab7fa822ed253ab0ad9aa18d77257c88b29b718e";
const BOB: &str = "7f7ff03d123792d6ac594bfa67bf6d0c0ab55b6b1fdb6249303fe861f1ccba9a";

type Response = http::Response<Vec<u8>>;

struct Lnvps {
    sandbox: Sandbox,
    clock: Arc<ManualClock>,
    keys: Keys,
    nonce: u64,
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn body_text(response: &Response) -> String {
    String::from_utf8(response.body().clone()).unwrap()
}

fn body_json(response: &Response) -> Value {
    serde_json::from_slice(response.body()).unwrap_or(Value::Null)
}

fn ed25519_key(fill: u8, comment: &str) -> String {
    let mut blob = Vec::new();
    for field in [b"ssh-ed25519".as_slice(), &[fill; 32]] {
        blob.extend_from_slice(&(field.len() as u32).to_be_bytes());
        blob.extend_from_slice(field);
    }
    format!("ssh-ed25519 {} {comment}", b64(&blob))
        .trim()
        .to_string()
}

impl Lnvps {
    fn new() -> Self {
        Self::with(Config::default())
    }

    fn with(config: Config) -> Self {
        let clock = Arc::new(ManualClock::new(T0_MS));
        let sandbox = Sandbox::new(config, clock.clone());
        Lnvps {
            sandbox,
            clock,
            keys: Keys::parse(ALICE).unwrap(),
            nonce: 0,
        }
    }

    fn now(&self) -> u64 {
        self.clock.now_ms() / 1000
    }

    fn advance(&self, secs: u64) {
        self.clock.advance_ms(secs * 1000);
    }

    fn as_user(&mut self, secret: &str) {
        self.keys = Keys::parse(secret).unwrap();
    }

    fn event(&self, kind: Kind, created_at: u64, tags: &[&[&str]]) -> Event {
        let tags = tags.iter().map(|t| Tag::parse(t.iter().copied()).unwrap());
        EventBuilder::new(kind, "")
            .tags(tags)
            .custom_created_at(Timestamp::from_secs(created_at))
            .finalize(&self.keys)
            .unwrap()
    }

    /// A valid NIP-98 header for `method` on `path` (query included), unique per call.
    fn auth(&mut self, method: &str, path: &str, extra: &[&[&str]]) -> String {
        self.nonce += 1;
        let url = format!("{BASE}{path}");
        let nonce = self.nonce.to_string();
        let (u, m, n) = (
            ["u", url.as_str()],
            ["method", method],
            ["nonce", nonce.as_str()],
        );
        let mut tags: Vec<&[&str]> = vec![&u, &m, &n];
        tags.extend_from_slice(extra);
        let event = self.event(Kind::HttpAuth, self.now(), &tags);
        format!("Nostr {}", b64(event.as_json().as_bytes()))
    }

    fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        let mut builder = http::Request::builder()
            .method(method)
            .uri(format!("/lnvps{path}"));
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let request = builder.body(body.to_vec()).unwrap();
        self.sandbox.handle(&request).response.unwrap()
    }

    /// An authenticated request with a JSON body.
    fn call(&mut self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let auth = self.auth(method, path, &[]);
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let response = self.send(
            method,
            path,
            &[
                ("authorization", &auth),
                ("content-type", "application/json"),
            ],
            &bytes,
        );
        (response.status().as_u16(), body_json(&response))
    }

    /// `data` of a 200 answer.
    fn data(&mut self, method: &str, path: &str, body: Option<Value>) -> Value {
        let (status, value) = self.call(method, path, body);
        assert_eq!(status, 200, "{method} {path}: {value}");
        value["data"].clone()
    }

    fn get(&mut self, path: &str) -> Value {
        self.data("GET", path, None)
    }

    /// An unauthenticated request.
    fn public(&mut self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let bytes = body.map(|b| b.to_string().into_bytes()).unwrap_or_default();
        let response = self.send(
            method,
            path,
            &[("content-type", "application/json")],
            &bytes,
        );
        (response.status().as_u16(), body_json(&response))
    }

    fn state(&mut self, id: u64) -> String {
        self.get(&format!("/api/v1/vm/{id}"))["status"]["state"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Adds an SSH key and orders a `VPS-Small` with Ubuntu 24.04; returns (vm id, key id).
    fn order_small(&mut self) -> (u64, u64) {
        let key = self.data(
            "POST",
            "/api/v1/ssh-key",
            Some(json!({ "name": "my-key", "key_data": ed25519_key(9, "") })),
        );
        let key_id = key["id"].as_u64().unwrap();
        let body = json!({ "template_id": 1, "image_id": 1, "ssh_key_id": key_id });
        let vm = self.data("POST", "/api/v1/vm", Some(body));
        (vm["id"].as_u64().unwrap(), key_id)
    }

    fn pay(&mut self, payment_id: &str) -> bool {
        self.sandbox.mark_paid(Provider::Lnvps, payment_id)
    }
}

/// A request for `GET /api/v1/vm` carrying `event` as its header.
fn with_event(lnvps: &mut Lnvps, method: &str, path: &str, event: &Event, body: &[u8]) -> Response {
    let header = format!("Nostr {}", b64(event.as_json().as_bytes()));
    lnvps.send(
        method,
        path,
        &[
            ("authorization", &header),
            ("content-type", "application/json"),
        ],
        body,
    )
}

fn assert_text(response: &Response, status: u16, text: &str) {
    assert_eq!(
        response.status().as_u16(),
        status,
        "{}",
        body_text(response)
    );
    assert_eq!(body_text(response), text);
    let content_type = response.headers()["content-type"].to_str().unwrap();
    assert!(content_type.starts_with("text/plain"), "{content_type}");
}

// ---------------------------------------------------------------- NIP-98

#[test]
fn missing_header_is_403_plain_text() {
    let mut lnvps = Lnvps::new();
    let response = lnvps.send("GET", "/api/v1/vm", &[], b"");
    assert_text(&response, 403, "Auth header not found");
}

#[test]
fn other_schemes_are_403_and_the_scheme_is_case_sensitive() {
    let mut lnvps = Lnvps::new();
    let valid = lnvps.auth("GET", "/api/v1/vm", &[]);
    let encoded = valid.strip_prefix("Nostr ").unwrap().to_string();
    for header in [
        format!("Basic {encoded}"),
        format!("nostr {encoded}"),
        format!("Nostr{encoded}"),
    ] {
        let response = lnvps.send("GET", "/api/v1/vm", &[("authorization", &header)], b"");
        assert_text(&response, 403, "Auth scheme must be Nostr or Bearer");
    }
    let response = lnvps.send(
        "GET",
        "/api/v1/vm",
        &[("authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x")],
        b"",
    );
    assert_eq!(response.status(), 401);
    assert!(body_text(&response).starts_with("Invalid auth: "));
}

#[test]
fn bad_base64_and_bad_json_are_401_invalid_auth() {
    let mut lnvps = Lnvps::new();
    // An event whose JSON needs base64 padding, so the unpadded form differs.
    let url = format!("{BASE}/api/v1/vm");
    let json = (0..3)
        .map(|n| {
            let nonce = "x".repeat(n);
            lnvps
                .event(
                    Kind::HttpAuth,
                    lnvps.now(),
                    &[&["u", &url], &["method", "GET"], &["nonce", &nonce]],
                )
                .as_json()
        })
        .find(|json| json.len() % 3 != 0)
        .unwrap();
    let unpadded = base64::engine::general_purpose::STANDARD_NO_PAD.encode(json.as_bytes());
    let url_safe = base64::engine::general_purpose::URL_SAFE.encode(json.as_bytes());
    let not_an_event = b64(b"{\"kind\":27235}");
    let cases = [
        "Nostr !!!not-base64!!!".to_string(),
        format!("Nostr {unpadded}"),
        format!("Nostr {not_an_event}"),
        format!("Nostr {}", b64(b"hello")),
    ];
    for header in cases {
        let response = lnvps.send("GET", "/api/v1/vm", &[("authorization", &header)], b"");
        assert_eq!(response.status(), 401, "{header}");
        assert!(
            body_text(&response).starts_with("Invalid auth: "),
            "{}",
            body_text(&response)
        );
    }
    // URL-safe base64 differs from standard only when the text has `+` or `/`;
    // it must then fail, otherwise it is the same string and passes.
    let response = lnvps.send(
        "GET",
        "/api/v1/vm",
        &[("authorization", &format!("Nostr {url_safe}"))],
        b"",
    );
    if url_safe == b64(json.as_bytes()) {
        assert_eq!(response.status(), 200);
    } else {
        assert_eq!(response.status(), 401);
    }
}

#[test]
fn wrong_kind_is_rejected() {
    let mut lnvps = Lnvps::new();
    let event = lnvps.event(
        Kind::TextNote,
        lnvps.now(),
        &[&["u", &format!("{BASE}/api/v1/vm")], &["method", "GET"]],
    );
    let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
    assert_text(&response, 401, "Auth check failed: Wrong event kind");
}

#[test]
fn created_at_may_be_sixty_seconds_off_either_way_and_no_more() {
    let mut lnvps = Lnvps::new();
    let url = format!("{BASE}/api/v1/vm");
    let now = lnvps.now();
    for (created_at, ok) in [
        (now - 61, false),
        (now + 61, false),
        (now - 60, true),
        (now + 60, true),
    ] {
        let event = lnvps.event(
            Kind::HttpAuth,
            created_at,
            &[&["u", &url], &["method", "GET"]],
        );
        let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
        if ok {
            assert_eq!(
                response.status(),
                200,
                "{created_at}: {}",
                body_text(&response)
            );
        } else {
            assert_text(
                &response,
                401,
                "Auth check failed: Created timestamp is out of range",
            );
        }
    }
}

#[test]
fn url_tag_must_be_present_parseable_and_name_the_exact_path() {
    let mut lnvps = Lnvps::new();
    let now = lnvps.now();
    let event = lnvps.event(Kind::HttpAuth, now, &[&["method", "GET"]]);
    let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
    assert_text(&response, 401, "Auth check failed: Missing url tag");

    let event = lnvps.event(
        Kind::HttpAuth,
        now,
        &[&["u", "http://bad host/ x"], &["method", "GET"]],
    );
    let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
    assert_text(&response, 401, "Auth check failed: Invalid U tag");

    for wrong in [
        format!("{BASE}/api/v1/vm/"),
        "https://api.lnvps.net/api/v1/vm".to_string(),
        format!("{BASE}/api/v1/ssh-key"),
        format!("{BASE}/api/v1/VM"),
    ] {
        let event = lnvps.event(Kind::HttpAuth, now, &[&["u", &wrong], &["method", "GET"]]);
        let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
        assert_text(&response, 401, "Auth check failed: U tag does not match");
    }

    // Host, scheme and query are ignored; a relative path passes.
    for fine in [
        "https://elsewhere.example:9999/lnvps/api/v1/vm?limit=5",
        "/lnvps/api/v1/vm",
        "http://127.0.0.1:8080/lnvps/api/v1/vm",
    ] {
        let event = lnvps.event(Kind::HttpAuth, now, &[&["u", fine], &["method", "GET"]]);
        let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
        assert_eq!(response.status(), 200, "{fine}: {}", body_text(&response));
    }
}

#[test]
fn method_tag_is_required_and_case_sensitive() {
    let mut lnvps = Lnvps::new();
    let url = format!("{BASE}/api/v1/vm");
    let now = lnvps.now();
    let event = lnvps.event(Kind::HttpAuth, now, &[&["u", &url]]);
    let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
    assert_text(&response, 401, "Auth check failed: Missing method tag");
    for wrong in ["POST", "get"] {
        let event = lnvps.event(Kind::HttpAuth, now, &[&["u", &url], &["method", wrong]]);
        let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
        assert_text(&response, 401, "Auth check failed: Method tag incorrect");
    }
}

#[test]
fn tampered_events_fail_the_signature_check() {
    let mut lnvps = Lnvps::new();
    let event = lnvps.event(
        Kind::HttpAuth,
        lnvps.now(),
        &[&["u", &format!("{BASE}/api/v1/vm")], &["method", "GET"]],
    );
    let mut value: Value = serde_json::from_str(&event.as_json()).unwrap();

    let mut bad_sig = value.clone();
    let sig = bad_sig["sig"].as_str().unwrap().to_string();
    let flipped = if sig.starts_with('0') { "1" } else { "0" };
    bad_sig["sig"] = json!(format!("{flipped}{}", &sig[1..]));
    // A changed field no longer hashes to the id.
    value["content"] = json!("changed");
    for tampered in [bad_sig, value] {
        let header = format!("Nostr {}", b64(tampered.to_string().as_bytes()));
        let response = lnvps.send("GET", "/api/v1/vm", &[("authorization", &header)], b"");
        assert_text(&response, 401, "Auth check failed: Event signature invalid");
    }
}

#[test]
fn each_event_is_accepted_once() {
    let mut lnvps = Lnvps::new();
    let event = lnvps.event(
        Kind::HttpAuth,
        lnvps.now(),
        &[&["u", &format!("{BASE}/api/v1/vm")], &["method", "GET"]],
    );
    assert_eq!(
        with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"").status(),
        200
    );
    let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
    assert_text(
        &response,
        401,
        "Auth check failed: Credential has already been used",
    );
    lnvps.advance(30);
    let response = with_event(&mut lnvps, "GET", "/api/v1/vm", &event, b"");
    assert_text(
        &response,
        401,
        "Auth check failed: Credential has already been used",
    );
}

#[test]
fn payload_tag_must_hash_the_body() {
    let mut lnvps = Lnvps::new();
    let body = br#"{"name":"k","key_data":"ssh-ed25519 AAAA"}"#;
    let good = hex::encode(Sha256::digest(body));
    let path = "/api/v1/ssh-key";
    let json_type = ("content-type", "application/json");

    let wrong = hex::encode(Sha256::digest(b"something else"));
    let auth = lnvps.auth("POST", path, &[&["payload", &wrong]]);
    let response = lnvps.send("POST", path, &[("authorization", &auth), json_type], body);
    assert_eq!(response.status(), 401);
    assert!(body_text(&response).starts_with("Auth check failed: "));
    assert!(body_text(&response).contains("Payload"));

    // Matching hash (either case) passes auth; the key itself is then rejected.
    for hash in [good.clone(), good.to_uppercase()] {
        let auth = lnvps.auth("POST", path, &[&["payload", &hash]]);
        let response = lnvps.send("POST", path, &[("authorization", &auth), json_type], body);
        assert_eq!(response.status(), 400);
        assert_eq!(
            body_json(&response),
            json!({ "error": "Invalid SSH public key format" })
        );
    }

    // No body: the expected hash is that of the empty string.
    let empty = hex::encode(Sha256::digest(b""));
    let auth = lnvps.auth("GET", "/api/v1/vm", &[&["payload", &empty]]);
    assert_eq!(
        lnvps
            .send("GET", "/api/v1/vm", &[("authorization", &auth)], b"")
            .status(),
        200
    );
}

#[test]
fn public_endpoints_need_no_header() {
    let mut lnvps = Lnvps::new();
    for path in [
        "/api/v1/image",
        "/api/v1/vm/templates",
        "/api/v1/payment/methods",
        "/api/v1/ip_space",
    ] {
        let (status, value) = lnvps.public("GET", path, None);
        assert_eq!(status, 200, "{path}");
        assert!(value.get("data").is_some());
    }
}

// ---------------------------------------------------------------- routing, errors, limits

#[test]
fn unknown_paths_are_404_and_wrong_methods_405() {
    let mut lnvps = Lnvps::new();
    let (status, value) = lnvps.public("GET", "/api/v1/nothing-here", None);
    assert_eq!(
        (status, value),
        (404, json!({ "error": "Resource not found" }))
    );
    let response = lnvps.send("DELETE", "/api/v1/vm", &[], b"");
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET,POST");
    let response = lnvps.send("GET", "/api/v1/vm/101/start", &[], b"");
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "PATCH");
}

#[test]
fn non_numeric_ids_and_bad_bodies_get_the_framework_rejections() {
    let mut lnvps = Lnvps::new();
    let auth = lnvps.auth("GET", "/api/v1/vm/abc", &[]);
    let response = lnvps.send("GET", "/api/v1/vm/abc", &[("authorization", &auth)], b"");
    assert_text(&response, 400, "Invalid URL: Cannot parse `abc` to a `u64`");

    let auth = lnvps.auth("POST", "/api/v1/ssh-key", &[]);
    let response = lnvps.send(
        "POST",
        "/api/v1/ssh-key",
        &[("authorization", &auth)],
        br#"{"name":"a","key_data":"b"}"#,
    );
    assert_text(
        &response,
        415,
        "Expected request with `Content-Type: application/json`",
    );

    let auth = lnvps.auth("POST", "/api/v1/ssh-key", &[]);
    let json_type = ("content-type", "application/json");
    let response = lnvps.send(
        "POST",
        "/api/v1/ssh-key",
        &[("authorization", &auth), json_type],
        b"{\"name\":",
    );
    assert_eq!(response.status(), 400);
    assert!(body_text(&response).starts_with("Failed to parse the request body as JSON: "));

    let (status, _) = lnvps.call("POST", "/api/v1/ssh-key", Some(json!({ "name": "a" })));
    assert_eq!(status, 422);
    let auth = lnvps.auth("POST", "/api/v1/ssh-key", &[]);
    let response = lnvps.send(
        "POST",
        "/api/v1/ssh-key",
        &[("authorization", &auth), json_type],
        br#"{"name":"a"}"#,
    );
    assert_eq!(
        body_text(&response),
        "Failed to deserialize the JSON body into the target type: missing field `key_data` at line 1 column 12"
    );
}

#[test]
fn six_hundred_requests_a_minute_per_client_then_429() {
    let mut lnvps = Lnvps::new();
    lnvps.advance(15);
    for _ in 0..600 {
        assert_eq!(lnvps.public("GET", "/api/v1/payment/methods", None).0, 200);
    }
    let response = lnvps.send("GET", "/api/v1/payment/methods", &[], b"");
    assert_text(&response, 429, "Rate limit exceeded");
    assert_eq!(response.headers()["retry-after"], "45");
    // Another client (by X-Forwarded-For) has its own budget.
    let response = lnvps.send(
        "GET",
        "/api/v1/payment/methods",
        &[("x-forwarded-for", "198.51.100.7, 10.0.0.1")],
        b"",
    );
    assert_eq!(response.status(), 200);
    lnvps.advance(45);
    assert_eq!(lnvps.public("GET", "/api/v1/payment/methods", None).0, 200);
}

#[test]
fn contact_form_allows_ten_a_minute() {
    let mut lnvps = Lnvps::new();
    let form = json!({ "name": "Ada", "email": "ada@example.com", "subject": "Hello", "message": "Is IPv6 included?" });
    for _ in 0..10 {
        assert_eq!(
            lnvps.public("POST", "/api/v1/contact", Some(form.clone())),
            (200, json!({ "data": null }))
        );
    }
    let response = lnvps.send(
        "POST",
        "/api/v1/contact",
        &[("content-type", "application/json")],
        form.to_string().as_bytes(),
    );
    assert_text(&response, 429, "Rate limit exceeded");
}

#[test]
fn contact_form_validates_its_fields() {
    let mut lnvps = Lnvps::new();
    let form = json!({ "name": "Ada", "email": "not-an-email", "subject": "Hi", "message": "x" });
    let (status, value) = lnvps.public("POST", "/api/v1/contact", Some(form));
    assert_eq!(status, 400);
    assert_eq!(
        value["error"],
        "email: `not-an-email` is not a valid email address"
    );
    let form =
        json!({ "name": "Ada", "email": "ada@example.com", "subject": "Hi", "message": "  " });
    assert_eq!(
        lnvps.public("POST", "/api/v1/contact", Some(form)).1["error"],
        "message is required"
    );
}

// ---------------------------------------------------------------- the seed's flow

#[test]
fn order_invoice_pay_creating_running() {
    let mut lnvps = Lnvps::new();
    // Step 1: the seed's SSH key request.
    let key = lnvps.data(
        "POST",
        "/api/v1/ssh-key",
        Some(json!({ "name": "my-key", "key_data": ed25519_key(1, "") })),
    );
    assert_eq!(key["name"], "my-key");
    assert_eq!(key["created"], "2025-08-01T10:00:00Z");
    assert_eq!(key["vms"], json!([]));
    let key_id = key["id"].as_u64().unwrap();

    // Step 3: the order is unpaid, expires = created.
    let vm = lnvps.data(
        "POST",
        "/api/v1/vm",
        Some(json!({ "template_id": 1, "image_id": 1, "ssh_key_id": key_id })),
    );
    let vm_id = vm["id"].as_u64().unwrap();
    assert_eq!(vm["created"], "2025-08-01T10:00:00Z");
    assert_eq!(vm["expires"], vm["created"]);
    assert_eq!(vm["status"]["state"], "unknown");
    assert_eq!(vm["deleting_on"], Value::Null);
    assert_eq!(vm["subscription_id"], Value::Null);
    assert_eq!(vm["template"]["name"], "VPS-Small");
    assert_eq!(vm["ssh_key"]["id"], key_id);

    // Step 4: the invoice, as the seed shows it.
    let payment = lnvps.get(&format!("/api/v1/vm/{vm_id}/renew?method=lightning"));
    assert_eq!(payment["amount"], 21_000);
    assert_eq!(payment["currency"], "BTC");
    assert_eq!(payment["is_paid"], false);
    assert_eq!(payment["time"], 2_592_000);
    assert_eq!(payment["vm_id"], vm_id);
    assert_eq!(payment["expires"], "2025-08-01T10:10:00Z");
    let invoice = payment["data"]["Lightning"].as_str().unwrap();
    assert!(invoice.starts_with("lnbc210u1p"), "{invoice}");
    let payment_id = payment["id"].as_str().unwrap().to_string();
    assert_eq!(payment_id.len(), 64);

    // Step 6: poll the payment.
    assert_eq!(
        lnvps.get(&format!("/api/v1/payment/{payment_id}"))["is_paid"],
        false
    );
    lnvps.advance(20);
    assert!(lnvps.pay(&payment_id));
    assert!(!lnvps.pay(&payment_id), "paid once only");
    let paid = lnvps.get(&format!("/api/v1/payment/{payment_id}"));
    assert_eq!(paid["is_paid"], true);
    assert_eq!(paid["paid_at"], "2025-08-01T10:00:20Z");

    // Step 7: creating for 30 s, then running.
    let vm = lnvps.get(&format!("/api/v1/vm/{vm_id}"));
    assert_eq!(vm["status"]["state"], "creating");
    assert_eq!(vm["expires"], "2025-08-31T10:00:20Z");
    assert!(vm["subscription_id"].as_u64().is_some());
    assert_eq!(vm["deleting_on"], "2025-09-01T10:00:20Z");
    lnvps.advance(29);
    assert_eq!(lnvps.state(vm_id), "creating");
    lnvps.advance(1);
    let vm = lnvps.get(&format!("/api/v1/vm/{vm_id}"));
    assert_eq!(vm["status"]["state"], "running");
    lnvps.advance(60);
    let vm = lnvps.get(&format!("/api/v1/vm/{vm_id}"));
    assert_eq!(vm["status"]["uptime"], 60);
    let cpu = vm["status"]["cpu_usage"].as_f64().unwrap();
    assert!(cpu > 0.0 && cpu <= 1.0, "{cpu}");

    let history = lnvps.get(&format!("/api/v1/vm/{vm_id}/history"));
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["action_type"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["payment_received", "created"]);
}

#[test]
fn invoices_are_valid_bolt11_for_an_independent_parser() {
    use lightning_invoice::{Bolt11Invoice, Bolt11InvoiceDescriptionRef, Currency};
    let mut lnvps = Lnvps::new();
    let (vm_id, _) = lnvps.order_small();
    let payment = lnvps.get(&format!(
        "/api/v1/vm/{vm_id}/renew?method=lightning&intervals=3"
    ));
    let text = payment["data"]["Lightning"].as_str().unwrap();
    assert!(text.starts_with("lnbc630u1p"), "{text}");
    let invoice: Bolt11Invoice = text.parse().unwrap();
    assert_eq!(invoice.currency(), Currency::Bitcoin);
    assert_eq!(invoice.amount_milli_satoshis(), Some(63_000 * 1000));
    assert_eq!(invoice.expiry_time().as_secs(), 600);
    assert_eq!(invoice.duration_since_epoch().as_secs(), T0_MS / 1000);
    assert_eq!(
        invoice.payment_hash().to_string(),
        payment["id"].as_str().unwrap()
    );
    match invoice.description() {
        Bolt11InvoiceDescriptionRef::Direct(d) => {
            assert_eq!(d.to_string(), format!("VM order {vm_id}"))
        }
        Bolt11InvoiceDescriptionRef::Hash(_) => panic!("expected a direct description"),
    }
    assert_eq!(payment["time"], 3 * 2_592_000);

    // Every invoice is signed by the same node key.
    lnvps.advance(601);
    let (other_vm, _) = lnvps.order_small();
    let second = lnvps.get(&format!("/api/v1/vm/{other_vm}/renew"));
    let second: Bolt11Invoice = second["data"]["Lightning"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        second.recover_payee_pub_key(),
        invoice.recover_payee_pub_key()
    );
    assert_eq!(second.amount_milli_satoshis(), Some(21_000 * 1000));
}

#[test]
fn identical_unpaid_invoice_is_reused_until_it_expires() {
    let mut lnvps = Lnvps::new();
    let (vm_id, _) = lnvps.order_small();
    let path = format!("/api/v1/vm/{vm_id}/renew?method=lightning");
    let first = lnvps.get(&path);
    lnvps.advance(599);
    assert_eq!(lnvps.get(&path)["id"], first["id"]);
    // A different number of intervals is a different payment.
    assert_ne!(lnvps.get(&format!("{path}&intervals=2"))["id"], first["id"]);
    lnvps.advance(1);
    let fresh = lnvps.get(&path);
    assert_ne!(fresh["id"], first["id"]);
    // The expired one cannot be paid any more; the fresh one can.
    assert!(!lnvps.pay(first["id"].as_str().unwrap()));
    assert!(lnvps.pay(fresh["id"].as_str().unwrap()));
}

#[test]
fn unpaid_orders_are_deleted_after_an_hour() {
    let mut lnvps = Lnvps::new();
    let (vm_id, _) = lnvps.order_small();
    lnvps.advance(3_599);
    assert_eq!(lnvps.state(vm_id), "unknown");
    lnvps.advance(1);
    let (status, value) = lnvps.call("GET", &format!("/api/v1/vm/{vm_id}"), None);
    assert_eq!(
        (status, value),
        (404, json!({ "error": "Resource not found" }))
    );
    let listed = lnvps.get("/api/v1/vm");
    assert!(listed
        .as_array()
        .unwrap()
        .iter()
        .all(|vm| vm["id"] != vm_id));
}

#[test]
fn renewal_parameters_are_validated() {
    let mut lnvps = Lnvps::new();
    let (vm_id, _) = lnvps.order_small();
    let cases = [
        ("intervals=0", "intervals must be between 1 and 120"),
        ("intervals=121", "intervals must be between 1 and 120"),
        (
            "intervals=13",
            "Renewing for 13 month(s) would pay beyond the 365-day prepay limit",
        ),
        ("method=onchain", "Payment method onchain is not enabled"),
        ("code=FREE", "Discount code `FREE` is not valid"),
    ];
    for (query, error) in cases {
        let (status, value) = lnvps.call("GET", &format!("/api/v1/vm/{vm_id}/renew?{query}"), None);
        assert_eq!((status, value), (400, json!({ "error": error })), "{query}");
    }
    let auth = lnvps.auth("GET", &format!("/api/v1/vm/{vm_id}/renew?intervals=x"), &[]);
    let response = lnvps.send(
        "GET",
        &format!("/api/v1/vm/{vm_id}/renew?intervals=x"),
        &[("authorization", &auth)],
        b"",
    );
    assert_text(
        &response,
        400,
        "Failed to deserialize query string: intervals: invalid digit found in string",
    );
    // Unknown methods fall back to Lightning.
    let payment = lnvps.get(&format!(
        "/api/v1/vm/{vm_id}/renew?method=carrier-pigeon&intervals=12"
    ));
    assert_eq!(payment["amount"], 12 * 21_000);
}

#[test]
fn renewal_quote_creates_nothing() {
    let mut lnvps = Lnvps::new();
    let (vm_id, _) = lnvps.order_small();
    let quote = lnvps.get(&format!("/api/v1/vm/{vm_id}/renew/quote?intervals=2"));
    assert_eq!(
        quote,
        json!({ "amount": 42_000, "tax": 0, "processing_fee": 0, "currency": "BTC", "time": 5_184_000 })
    );
    assert_eq!(
        lnvps.get(&format!("/api/v1/vm/{vm_id}/payments")),
        json!([])
    );
}

#[test]
fn nwc_renewal_charges_the_saved_wallet_at_once() {
    let mut lnvps = Lnvps::new();
    let vms = lnvps.get("/api/v1/vm");
    let vm = &vms[0];
    let vm_id = vm["id"].as_u64().unwrap();
    let expires = vm["expires"].as_str().unwrap().to_string();
    let payment = lnvps.get(&format!("/api/v1/vm/{vm_id}/renew?method=nwc"));
    assert_eq!(payment["is_paid"], true);
    let after = lnvps.get(&format!("/api/v1/vm/{vm_id}"));
    assert_ne!(after["expires"].as_str().unwrap(), expires);

    // Without an enabled wallet there is nothing to charge.
    let methods = lnvps.get("/api/v1/payment-methods");
    let id = methods[0]["id"].as_u64().unwrap();
    lnvps.data(
        "PATCH",
        &format!("/api/v1/payment-methods/{id}"),
        Some(json!({ "enabled": false })),
    );
    let (status, value) = lnvps.call("GET", &format!("/api/v1/vm/{vm_id}/renew?method=nwc"), None);
    assert_eq!(status, 400);
    assert_eq!(
        value["error"],
        "No enabled NWC wallet to charge; add one under payment-methods"
    );
}

// ---------------------------------------------------------------- seeded account

#[test]
fn a_new_key_finds_a_seeded_fleet_in_mixed_states() {
    let mut lnvps = Lnvps::new();
    let vms = lnvps.get("/api/v1/vm");
    let vms = vms.as_array().unwrap();
    assert_eq!(vms.len(), 5);
    let ids: Vec<u64> = vms.iter().map(|v| v["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, [101, 102, 103, 104, 105]);
    let states: Vec<&str> = vms
        .iter()
        .map(|v| v["status"]["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        ["running", "creating", "stopped", "running", "stopped"]
    );
    let t0 = "2025-08-01T10:00:00Z";
    // The lapsed one has expired but is not deleted yet.
    assert!(vms[4]["expires"].as_str().unwrap() < t0);
    assert!(vms[4]["deleting_on"].as_str().unwrap() > t0);
    // The one expiring soon does so within two days.
    assert!(vms[3]["expires"].as_str().unwrap() < "2025-08-03T10:00:00Z");
    for vm in vms {
        let ip = vm["ip_assignments"][0]["ip"].as_str().unwrap();
        assert!(
            ip.starts_with("192.0.2.")
                || ip.starts_with("198.51.100.")
                || ip.starts_with("203.0.113."),
            "{ip}"
        );
        assert!(vm["ip_assignments"][1]["ip"]
            .as_str()
            .unwrap()
            .starts_with("2001:db8:"));
        assert!(vm["mac_address"].as_str().unwrap().starts_with("bc:24:11:"));
        assert_eq!(vm["max_prepay_days"], 365);
        let usage = vm["status"]["cpu_usage"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&usage));
        let fingerprint = vm["host_ssh_keys"][0]["fingerprint_sha256"]
            .as_str()
            .unwrap();
        assert!(fingerprint.starts_with("SHA256:"));
    }
    // Nothing in the seeded past lies in the future.
    for id in ids {
        let history = lnvps.get(&format!("/api/v1/vm/{id}/history"));
        for entry in history.as_array().unwrap() {
            assert!(entry["timestamp"].as_str().unwrap() <= t0, "{entry}");
        }
        let payments = lnvps.get(&format!("/api/v1/vm/{id}/payments"));
        for payment in payments.as_array().unwrap() {
            assert!(payment["paid_at"].as_str().unwrap() <= t0, "{payment}");
        }
    }
    assert!(vms[0]["status"]["uptime"].as_u64().unwrap() > 86_400);
    assert_eq!(vms[2]["status"]["cpu_usage"], 0.0);
    lnvps.advance(20);
    assert_eq!(lnvps.state(102), "running");
    // Paid history.
    let payments = lnvps.get("/api/v1/vm/101/payments");
    let payments = payments.as_array().unwrap();
    assert!(!payments.is_empty());
    assert!(payments
        .iter()
        .all(|p| p["is_paid"] == true && p["amount"].as_u64().unwrap() > 0));
    assert_eq!(
        payments.last().unwrap()["data"]["Lightning"]
            .as_str()
            .unwrap()[..4],
        *"lnbc"
    );
    let history = lnvps.get("/api/v1/vm/105/history");
    assert_eq!(history[0]["action_type"], "expired");
    assert_eq!(history[0]["initiated_by"], "system");
    assert_eq!(history[0]["new_state"], "\"stopped\"");
}

#[test]
fn fleets_repeat_per_seed_and_key_and_differ_between_keys() {
    let mut one = Lnvps::new();
    let mut two = Lnvps::new();
    assert_eq!(one.get("/api/v1/vm"), two.get("/api/v1/vm"));
    two.as_user(BOB);
    let bobs = two.get("/api/v1/vm");
    assert_eq!(bobs.as_array().unwrap().len(), 5);
    assert_eq!(bobs[0]["id"], 106);
    let alices = one.get("/api/v1/vm");
    let strip = |v: &Value| {
        (
            v["template"]["name"].clone(),
            v["expires"].clone(),
            v["image"]["id"].clone(),
        )
    };
    let differs = (0..5).any(|i| strip(&alices[i]) != strip(&bobs[i]));
    assert!(differs);
}

#[test]
fn thousands_of_servers_are_served() {
    let mut lnvps = Lnvps::with(Config {
        servers: 2_000,
        ..Config::default()
    });
    let vms = lnvps.get("/api/v1/vm");
    assert_eq!(vms.as_array().unwrap().len(), 2_000);
    let running = vms
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["status"]["state"] == "running")
        .count();
    assert!(running > 1_000, "{running}");
    let keys = lnvps.get("/api/v1/ssh-key");
    let used: usize = keys
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["vms"].as_array().unwrap().len())
        .sum();
    assert_eq!(used, 2_000);
}

#[test]
fn credentials_explain_that_any_key_works() {
    let lnvps = Lnvps::new();
    let creds = lnvps.sandbox.credentials();
    let lnvps_creds = &creds[&sandbox::Provider::Lnvps];
    assert!(lnvps_creds.iter().any(|(_, v)| v.contains("any Nostr key")));
    let nsec = &lnvps_creds
        .iter()
        .find(|(k, _)| k == "Demo nsec")
        .unwrap()
        .1;
    assert!(nsec.starts_with("nsec1"));
    let keys = Keys::parse(nsec).unwrap();
    let npub = &lnvps_creds
        .iter()
        .find(|(k, _)| k == "Demo npub")
        .unwrap()
        .1;
    assert_eq!(
        nostr::prelude::ToBech32::to_bech32(&keys.public_key()).unwrap(),
        *npub
    );
}

// ---------------------------------------------------------------- ownership

#[test]
fn other_peoples_resources_are_403_and_missing_ones_404() {
    let mut lnvps = Lnvps::new();
    let (vm_id, key_id) = lnvps.order_small();
    let payment = lnvps.get(&format!("/api/v1/vm/{vm_id}/renew"));
    let payment_id = payment["id"].as_str().unwrap().to_string();
    lnvps.as_user(BOB);
    let forbidden = json!({ "error": "VM does not belong to you" });
    for (method, path) in [
        ("GET", format!("/api/v1/vm/{vm_id}")),
        ("PATCH", format!("/api/v1/vm/{vm_id}/start")),
        ("GET", format!("/api/v1/vm/{vm_id}/renew")),
        ("GET", format!("/api/v1/vm/{vm_id}/history")),
        ("GET", format!("/api/v1/payment/{payment_id}")),
    ] {
        assert_eq!(
            lnvps.call(method, &path, None),
            (403, forbidden.clone()),
            "{method} {path}"
        );
    }
    let (status, value) = lnvps.call("DELETE", &format!("/api/v1/ssh-key/{key_id}"), None);
    assert_eq!(
        (status, value),
        (403, json!({ "error": "SSH key does not belong to you" }))
    );
    let not_found = json!({ "error": "Resource not found" });
    assert_eq!(
        lnvps.call("GET", "/api/v1/vm/999999", None),
        (404, not_found.clone())
    );
    assert_eq!(
        lnvps.call("GET", &format!("/api/v1/payment/{}", "ab".repeat(32)), None),
        (404, not_found)
    );
}

// ---------------------------------------------------------------- VM management

#[test]
fn power_actions_pass_through_pending() {
    let mut lnvps = Lnvps::new();
    lnvps.advance(30);
    assert_eq!(lnvps.state(103), "stopped");
    assert_eq!(
        lnvps.data("PATCH", "/api/v1/vm/103/start", None),
        Value::Null
    );
    assert_eq!(lnvps.state(103), "pending");
    // A second action while busy conflicts.
    let (status, value) = lnvps.call("PATCH", "/api/v1/vm/103/stop", None);
    assert_eq!(
        (status, value),
        (
            409,
            json!({ "error": "VM is busy (pending), try again in a few seconds" })
        )
    );
    lnvps.advance(5);
    assert_eq!(lnvps.state(103), "running");
    lnvps.data("PATCH", "/api/v1/vm/103/restart", None);
    assert_eq!(lnvps.state(103), "pending");
    lnvps.advance(5);
    let vm = lnvps.get("/api/v1/vm/103");
    assert_eq!(vm["status"]["state"], "running");
    assert_eq!(vm["status"]["uptime"], 0);
    lnvps.data("PATCH", "/api/v1/vm/103/stop", None);
    lnvps.advance(5);
    assert_eq!(lnvps.state(103), "stopped");
    // Stopping a stopped VM changes nothing.
    lnvps.data("PATCH", "/api/v1/vm/103/stop", None);
    assert_eq!(lnvps.state(103), "stopped");
    let history = lnvps.get("/api/v1/vm/103/history");
    let actions: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|h| h["action_type"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["stopped", "restarted", "started"]);
    assert_eq!(history[0]["initiated_by"], "owner");
    assert_eq!(history[0]["previous_state"], "\"running\"");
}

#[test]
fn expired_vms_refuse_start_and_reinstall_with_402() {
    let mut lnvps = Lnvps::new();
    let payment_required = json!({ "error": "VM has expired, renew it first" });
    for path in [
        "/api/v1/vm/105/start",
        "/api/v1/vm/105/restart",
        "/api/v1/vm/105/re-install",
    ] {
        assert_eq!(
            lnvps.call("PATCH", path, None),
            (402, payment_required.clone()),
            "{path}"
        );
    }
    // Renewing brings it back.
    let payment = lnvps.get("/api/v1/vm/105/renew");
    assert!(lnvps.pay(payment["id"].as_str().unwrap()));
    assert_eq!(lnvps.state(105), "pending");
    lnvps.advance(5);
    assert_eq!(lnvps.state(105), "running");
    assert_eq!(
        lnvps.data("PATCH", "/api/v1/vm/105/re-install", None),
        Value::Null
    );
}

#[test]
fn billing_stops_a_vm_when_its_time_runs_out() {
    let mut lnvps = Lnvps::new();
    let vm = lnvps.get("/api/v1/vm/104");
    assert_eq!(vm["status"]["state"], "running");
    lnvps.advance(2 * 86_400);
    let vm = lnvps.get("/api/v1/vm/104");
    assert_eq!(vm["status"]["state"], "stopped");
    assert_eq!(vm["status"]["uptime"], 0);
    let history = lnvps.get("/api/v1/vm/104/history");
    assert_eq!(history[0]["action_type"], "expired");
    assert_eq!(history[0]["timestamp"], vm["expires"]);
    assert_eq!(
        lnvps.call("PATCH", "/api/v1/vm/104/re-install", None).0,
        402
    );
    // Past the grace period it is deleted.
    lnvps.advance(15 * 86_400);
    assert_eq!(lnvps.call("GET", "/api/v1/vm/104", None).0, 404);
}

#[test]
fn reinstall_onto_another_image() {
    let mut lnvps = Lnvps::new();
    lnvps.advance(30);
    let before = lnvps.get("/api/v1/vm/101");
    assert_eq!(before["template"]["cpu_arch"], "x86_64");
    let (status, value) = lnvps.call(
        "PATCH",
        "/api/v1/vm/101/re-install",
        Some(json!({ "image_id": 8 })),
    );
    assert_eq!(status, 400);
    assert_eq!(
        value["error"],
        "image_id: image 8 is built for arm64, the VM's CPU is x86_64"
    );
    assert_eq!(
        lnvps
            .call(
                "PATCH",
                "/api/v1/vm/101/re-install",
                Some(json!({ "image_id": 77 }))
            )
            .0,
        404
    );
    lnvps.data(
        "PATCH",
        "/api/v1/vm/101/re-install",
        Some(json!({ "image_id": 2 })),
    );
    let vm = lnvps.get("/api/v1/vm/101");
    assert_eq!(vm["status"]["state"], "creating");
    assert_eq!(vm["image"]["distribution"], "debian");
    lnvps.advance(30);
    assert_eq!(lnvps.state(101), "running");
}

#[test]
fn patch_vm_sets_key_reverse_dns_and_auto_renewal() {
    let mut lnvps = Lnvps::new();
    let key = lnvps.data(
        "POST",
        "/api/v1/ssh-key",
        Some(json!({ "name": "", "key_data": ed25519_key(3, "ops@bastion") })),
    );
    assert_eq!(key["name"], "ops@bastion");
    let key_id = key["id"].as_u64().unwrap();
    let patch = json!({ "ssh_key_id": key_id, "reverse_dns": "myserver.example.com", "auto_renewal_enabled": true });
    assert_eq!(
        lnvps.data("PATCH", "/api/v1/vm/101", Some(patch)),
        Value::Null
    );
    let vm = lnvps.get("/api/v1/vm/101");
    assert_eq!(vm["ssh_key"]["id"], key_id);
    assert_eq!(vm["ssh_key"]["name"], "ops@bastion");
    assert_eq!(
        vm["ip_assignments"][0]["reverse_dns"],
        "myserver.example.com"
    );
    assert_eq!(vm["auto_renewal_enabled"], true);
    let history = lnvps.get("/api/v1/vm/101/history");
    assert_eq!(history[0]["action_type"], "configuration_changed");
    let metadata: Value = serde_json::from_str(history[0]["metadata"].as_str().unwrap()).unwrap();
    assert_eq!(metadata["reverse_dns"], "myserver.example.com");

    let (status, value) = lnvps.call(
        "PATCH",
        "/api/v1/vm/101",
        Some(json!({ "reverse_dns": "not a host" })),
    );
    assert_eq!(
        (status, value),
        (
            400,
            json!({ "error": "reverse_dns: `not a host` is not a valid host name" })
        )
    );
    assert_eq!(
        lnvps
            .call(
                "PATCH",
                "/api/v1/vm/101",
                Some(json!({ "ssh_key_id": 4242 }))
            )
            .0,
        404
    );
    lnvps.data(
        "PATCH",
        "/api/v1/vm/101",
        Some(json!({ "reverse_dns": null })),
    );
    assert_eq!(
        lnvps.get("/api/v1/vm/101")["ip_assignments"][0]["reverse_dns"],
        Value::Null
    );
}

#[test]
fn order_validation() {
    let mut lnvps = Lnvps::new();
    let keys = lnvps.get("/api/v1/ssh-key");
    let key_id = keys[0]["id"].as_u64().unwrap();
    let not_found = json!({ "error": "Resource not found" });
    let bad_template = json!({ "template_id": 99, "image_id": 1, "ssh_key_id": key_id });
    assert_eq!(
        lnvps.call("POST", "/api/v1/vm", Some(bad_template)),
        (404, not_found.clone())
    );
    let bad_image = json!({ "template_id": 1, "image_id": 99, "ssh_key_id": key_id });
    assert_eq!(
        lnvps.call("POST", "/api/v1/vm", Some(bad_image)),
        (404, not_found.clone())
    );
    let bad_key = json!({ "template_id": 1, "image_id": 1, "ssh_key_id": 9999 });
    assert_eq!(
        lnvps.call("POST", "/api/v1/vm", Some(bad_key)),
        (404, not_found)
    );
    let wrong_arch = json!({ "template_id": 6, "image_id": 1, "ssh_key_id": key_id });
    let (status, value) = lnvps.call("POST", "/api/v1/vm", Some(wrong_arch));
    assert_eq!(status, 400);
    assert_eq!(
        value["error"],
        "image_id: image 1 is built for x86_64, the VM's CPU is arm64"
    );
    let arm = lnvps.data(
        "POST",
        "/api/v1/vm",
        Some(json!({ "template_id": 6, "image_id": 8, "ssh_key_id": key_id })),
    );
    assert_eq!(arm["cpu_arch"], "arm64");
}

#[test]
fn time_series_is_an_hour_of_minutes() {
    let mut lnvps = Lnvps::new();
    let series = lnvps.get("/api/v1/vm/101/time-series");
    let points = series.as_array().unwrap();
    assert_eq!(points.len(), 60);
    assert_eq!(points[59]["timestamp"], T0_MS / 1000);
    assert_eq!(points[0]["timestamp"], T0_MS / 1000 - 59 * 60);
    let memory_size = lnvps.get("/api/v1/vm/101")["template"]["memory"].clone();
    for point in points {
        let cpu = point["cpu"].as_f64().unwrap();
        assert!(cpu > 0.0 && cpu <= 1.0, "{point}");
        assert_eq!(point["memory_size"], memory_size);
        assert!(point["memory"].as_f64().unwrap() > 0.0);
        assert!(point["net_in"].as_f64().unwrap() > 0.0);
    }
    // The same minute gives the same numbers; the stopped VM shows nothing.
    assert_eq!(lnvps.get("/api/v1/vm/101/time-series"), series);
    let stopped = lnvps.get("/api/v1/vm/103/time-series");
    assert_eq!(stopped[59]["cpu"], 0.0);
    assert_eq!(stopped[59]["net_in"], 0.0);
}

#[test]
fn history_pages_when_limit_and_offset_are_given() {
    let mut lnvps = Lnvps::new();
    let all = lnvps.get("/api/v1/vm/101/history");
    let all = all.as_array().unwrap();
    assert!(all.len() >= 4);
    assert_eq!(all.last().unwrap()["action_type"], "created");
    assert_eq!(all.last().unwrap()["vm_id"], 101);
    let page = lnvps.get("/api/v1/vm/101/history?limit=2&offset=1");
    assert_eq!(page.as_array().unwrap().as_slice(), &all[1..3]);
    // limit alone does not page.
    assert_eq!(
        lnvps
            .get("/api/v1/vm/101/history?limit=2")
            .as_array()
            .unwrap()
            .len(),
        all.len()
    );
}

// ---------------------------------------------------------------- upgrades

#[test]
fn upgrades_must_grow_and_are_applied_when_paid() {
    let mut lnvps = Lnvps::new();
    lnvps.advance(30);
    let vm = lnvps.get("/api/v1/vm/101");
    let cpu = vm["template"]["cpu"].as_u64().unwrap();
    let memory = vm["template"]["memory"].as_u64().unwrap();
    let path = "/api/v1/vm/101/upgrade/quote";
    let (status, value) = lnvps.call("POST", path, Some(json!({ "cpu": cpu, "memory": memory })));
    assert_eq!(
        (status, value),
        (
            400,
            json!({ "error": "An upgrade must increase at least one of cpu, memory or disk" })
        )
    );
    let (status, value) = lnvps.call(
        "POST",
        path,
        Some(json!({ "cpu": cpu + 1, "memory": memory - 1 })),
    );
    assert_eq!(status, 400);
    assert_eq!(
        value["error"],
        format!("memory cannot be lower than the current {memory}")
    );
    let (status, value) = lnvps.call("POST", path, Some(json!({ "cpu": 64 })));
    assert_eq!(
        (status, value),
        (400, json!({ "error": "cpu cannot be more than 8" }))
    );

    let quote = lnvps.data("POST", path, Some(json!({ "cpu": cpu + 1 })));
    let new_cost = quote["new_renewal_cost"]["amount"].as_u64().unwrap();
    let old_cost = vm["template"]["cost_plan"]["other_price"][0]["amount"]
        .as_u64()
        .unwrap();
    assert_eq!(new_cost, old_cost + 150 * 42);
    assert_eq!(quote["cost_difference"]["currency"], "BTC");
    assert!(quote["cost_difference"]["amount"].as_u64().unwrap() > 0);
    assert!(quote["discount"]["amount"].as_u64().unwrap() > 0);

    let payment = lnvps.data(
        "POST",
        "/api/v1/vm/101/upgrade",
        Some(json!({ "cpu": cpu + 1 })),
    );
    assert_eq!(payment["is_upgrade"], true);
    assert_eq!(payment["time"], 0);
    assert_eq!(payment["amount"], quote["cost_difference"]["amount"]);
    let params: Value = serde_json::from_str(payment["upgrade_params"].as_str().unwrap()).unwrap();
    assert_eq!(
        params,
        json!({ "cpu": cpu + 1, "memory": memory, "disk": vm["template"]["disk_size"] })
    );
    assert!(lnvps.pay(payment["id"].as_str().unwrap()));
    let upgraded = lnvps.get("/api/v1/vm/101");
    assert_eq!(upgraded["template"]["cpu"], cpu + 1);
    assert_eq!(upgraded["template"]["name"], "Custom");
    assert_eq!(upgraded["status"]["state"], "pending");
    assert_eq!(upgraded["expires"], vm["expires"]);
    lnvps.advance(5);
    assert_eq!(lnvps.state(101), "running");
}

// ---------------------------------------------------------------- catalogue

#[test]
fn templates_start_with_the_seed_example_and_offer_a_custom_plan() {
    let mut lnvps = Lnvps::new();
    let (status, value) = lnvps.public("GET", "/api/v1/vm/templates", None);
    assert_eq!(status, 200);
    let small = &value["data"]["templates"][0];
    assert_eq!(small["id"], 1);
    assert_eq!(small["name"], "VPS-Small");
    assert_eq!(small["cpu"], 1);
    assert_eq!(small["memory"], 1_073_741_824u64);
    assert_eq!(small["disk_size"], 21_474_836_480u64);
    assert_eq!(small["cost_plan"]["amount"], 500);
    assert_eq!(small["cost_plan"]["currency"], "EUR");
    assert_eq!(
        small["cost_plan"]["other_price"],
        json!([{ "currency": "BTC", "amount": 21_000 }])
    );
    let custom = &value["data"]["custom_template"][0];
    assert_eq!(custom["id"], 2);
    assert_eq!(custom["max_cpu"], 8);
    assert_eq!(custom["disks"][0]["disk_type"], "ssd");
}

#[test]
fn custom_price_follows_the_document_example() {
    let mut lnvps = Lnvps::new();
    let request = json!({ "pricing_id": 2, "cpu": 2, "memory": 2_147_483_648u64, "disk": 64_424_509_440u64,
                          "disk_type": "ssd", "disk_interface": "pcie" });
    let (status, value) = lnvps.public(
        "POST",
        "/api/v1/vm/custom-template/price",
        Some(request.clone()),
    );
    assert_eq!(status, 200);
    assert_eq!(
        value["data"],
        json!({ "currency": "EUR", "amount": 750, "other_price": [{ "currency": "BTC", "amount": 31_500 }],
                "interval_amount": 1, "interval_type": "month" })
    );
    let mut too_big = request.clone();
    too_big["cpu"] = json!(16);
    let (status, value) = lnvps.public("POST", "/api/v1/vm/custom-template/price", Some(too_big));
    assert_eq!(
        (status, value),
        (400, json!({ "error": "cpu must be between 1 and 8" }))
    );
    let mut wrong_disk = request.clone();
    wrong_disk["disk_interface"] = json!("sata");
    let (status, value) =
        lnvps.public("POST", "/api/v1/vm/custom-template/price", Some(wrong_disk));
    assert_eq!(
        (status, value),
        (
            400,
            json!({ "error": "disk_type ssd with disk_interface sata is not offered" })
        )
    );
    let mut wrong_plan = request.clone();
    wrong_plan["pricing_id"] = json!(7);
    assert_eq!(
        lnvps
            .public("POST", "/api/v1/vm/custom-template/price", Some(wrong_plan))
            .0,
        404
    );
    let mut bad_enum = request;
    bad_enum["disk_type"] = json!("nvme");
    assert_eq!(
        lnvps
            .public("POST", "/api/v1/vm/custom-template/price", Some(bad_enum))
            .0,
        422
    );
}

#[test]
fn custom_order_is_priced_by_the_plan() {
    let mut lnvps = Lnvps::new();
    let keys = lnvps.get("/api/v1/ssh-key");
    let order = json!({ "pricing_id": 2, "cpu": 2, "memory": 2_147_483_648u64, "disk": 64_424_509_440u64,
                        "disk_type": "ssd", "disk_interface": "pcie", "image_id": 2, "ssh_key_id": keys[0]["id"] });
    let vm = lnvps.data("POST", "/api/v1/vm/custom-template", Some(order));
    assert_eq!(vm["template"]["name"], "Custom");
    assert_eq!(vm["template"]["cpu"], 2);
    assert_eq!(vm["template"]["cost_plan"]["amount"], 750);
    assert_eq!(vm["status"]["state"], "unknown");
    let payment = lnvps.get(&format!("/api/v1/vm/{}/renew", vm["id"]));
    assert_eq!(payment["amount"], 31_500);
}

#[test]
fn images_filter_by_arch_and_report_popularity() {
    let mut lnvps = Lnvps::new();
    lnvps.get("/api/v1/vm");
    let (_, all) = lnvps.public("GET", "/api/v1/image", None);
    let images = all["data"].as_array().unwrap();
    assert_eq!(images.len(), 8);
    assert_eq!(images[0]["distribution"], "ubuntu");
    assert_eq!(images[0]["version"], "24.04");
    assert_eq!(images[0]["default_username"], "ubuntu");
    let total: f64 = images
        .iter()
        .map(|i| i["popularity"].as_f64().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 0.001, "{total}");
    for arch in ["arm64", "aarch64"] {
        let (_, arm) = lnvps.public("GET", &format!("/api/v1/image?arch={arch}"), None);
        assert_eq!(arm["data"].as_array().unwrap().len(), 1);
        assert_eq!(arm["data"][0]["id"], 8);
    }
    assert_eq!(
        lnvps.public("GET", "/api/v1/image?arch=amd64", None).1["data"]
            .as_array()
            .unwrap()
            .len(),
        7
    );
    let (status, value) = lnvps.public("GET", "/api/v1/image?arch=sparc", None);
    assert_eq!(status, 400);
    assert_eq!(
        value["error"],
        "arch: unknown architecture `sparc` (use x86_64, amd64, arm64 or aarch64)"
    );
}

#[test]
fn payment_methods_ip_space_and_exchange_rates_are_public() {
    let mut lnvps = Lnvps::new();
    let (_, methods) = lnvps.public("GET", "/api/v1/payment/methods", None);
    let names: Vec<&str> = methods["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["lightning", "nwc", "lnurl"]);
    assert_eq!(methods["data"][0]["currencies"], json!(["BTC"]));

    let (_, spaces) = lnvps.public("GET", "/api/v1/ip_space", None);
    assert_eq!(spaces["total"], 2);
    assert_eq!(spaces["limit"], 20);
    assert_eq!(spaces["offset"], 0);
    assert_eq!(spaces["data"][0]["registry"], "ripe");
    assert_eq!(spaces["data"][0]["min_prefix_size"], 29);
    let (_, one) = lnvps.public("GET", "/api/v1/ip_space/2", None);
    assert_eq!(one["data"]["ip_version"], "ipv6");
    assert_eq!(lnvps.public("GET", "/api/v1/ip_space/3", None).0, 404);
    let (_, paged) = lnvps.public("GET", "/api/v1/ip_space?limit=1&offset=1", None);
    assert_eq!(paged["data"].as_array().unwrap().len(), 1);
    assert_eq!(paged["data"][0]["id"], 2);

    let (status, rates) = lnvps.public("GET", "/api/v1/exchange-rate?base=BTC", None);
    assert_eq!(status, 200);
    assert_eq!(rates["data"]["base"], "BTC");
    assert_eq!(rates["data"]["updated"], "2025-08-01T10:00:00Z");
    let eur = rates["data"]["rates"]["EUR"].as_f64().unwrap();
    // 500 EUR cents bill as 21 000 sat.
    assert!((5.0 / eur * 1e8 - 21_000.0).abs() < 0.01, "{eur}");
    let (_, eur_base) = lnvps.public("GET", "/api/v1/exchange-rate?base=EUR", None);
    assert_eq!(eur_base["data"]["rates"]["USD"], 1.08);
    let (status, value) = lnvps.public("GET", "/api/v1/exchange-rate?base=DOGE", None);
    assert_eq!(status, 400);
    assert!(value["error"]
        .as_str()
        .unwrap()
        .starts_with("base: unknown currency `DOGE`"));
    let response = lnvps.send("GET", "/api/v1/exchange-rate", &[], b"");
    assert_text(
        &response,
        400,
        "Failed to deserialize query string: missing field `base`",
    );
}

// ---------------------------------------------------------------- SSH keys

#[test]
fn ssh_keys_list_add_and_delete() {
    let mut lnvps = Lnvps::new();
    let keys = lnvps.get("/api/v1/ssh-key");
    let keys = keys.as_array().unwrap().clone();
    let names: Vec<&str> = keys.iter().map(|k| k["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["laptop", "workstation"]);
    let used: usize = keys
        .iter()
        .map(|k| k["vms"].as_array().unwrap().len())
        .sum();
    assert_eq!(used, 5);

    let (status, value) = lnvps.call(
        "POST",
        "/api/v1/ssh-key",
        Some(json!({ "name": "x", "key_data": "ssh-ed25519 AAAAC3..." })),
    );
    assert_eq!(
        (status, value),
        (400, json!({ "error": "Invalid SSH public key format" }))
    );
    let (status, value) = lnvps.call(
        "POST",
        "/api/v1/ssh-key",
        Some(json!({ "name": "", "key_data": ed25519_key(5, "") })),
    );
    assert_eq!(
        (status, value),
        (
            400,
            json!({ "error": "name is required when the key has no comment" })
        )
    );

    let added = lnvps.data(
        "POST",
        "/api/v1/ssh-key",
        Some(json!({ "name": "spare", "key_data": ed25519_key(5, "") })),
    );
    let added_id = added["id"].as_u64().unwrap();
    assert_eq!(
        added,
        json!({ "id": added_id, "name": "spare", "created": "2025-08-01T10:00:00Z", "vms": [] })
    );

    let in_use = keys
        .iter()
        .find(|k| !k["vms"].as_array().unwrap().is_empty())
        .unwrap();
    let (status, value) = lnvps.call("DELETE", &format!("/api/v1/ssh-key/{}", in_use["id"]), None);
    assert_eq!(status, 400);
    assert!(value["error"]
        .as_str()
        .unwrap()
        .starts_with("SSH key is in use by VM "));

    assert_eq!(
        lnvps.data("DELETE", &format!("/api/v1/ssh-key/{added_id}"), None),
        Value::Null
    );
    assert_eq!(
        lnvps
            .call("DELETE", &format!("/api/v1/ssh-key/{added_id}"), None)
            .0,
        404
    );
    assert_eq!(lnvps.get("/api/v1/ssh-key").as_array().unwrap().len(), 2);
}

// ---------------------------------------------------------------- account

#[test]
fn account_patch_requires_the_contact_flags_and_verifies_email() {
    let mut lnvps = Lnvps::new();
    let account = lnvps.get("/api/v1/account");
    assert_eq!(account["account_type"], "nostr");
    assert_eq!(account["contact_nip17"], true);
    assert!(account.get("email").is_none());

    let (status, _) = lnvps.call(
        "PATCH",
        "/api/v1/account",
        Some(json!({ "email": "user@example.com" })),
    );
    assert_eq!(status, 422);

    let patch = json!({ "contact_nip17": true, "contact_email": true, "email": "user@example.com", "city": "Dublin" });
    let auth = lnvps.auth("PATCH", "/api/v1/account", &[]);
    let response = lnvps.send(
        "PATCH",
        "/api/v1/account",
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
        ],
        patch.to_string().as_bytes(),
    );
    assert_eq!(response.status(), 200);
    assert_eq!(body_json(&response), json!({ "data": {} }));
    let token = response.headers()["x-sandbox-email-token"]
        .to_str()
        .unwrap()
        .to_string();

    let account = lnvps.get("/api/v1/account");
    assert_eq!(account["email"], "user@example.com");
    assert_eq!(account["email_verified"], false);
    assert_eq!(account["contact_email"], true);
    assert_eq!(account["city"], "Dublin");

    let (status, value) = lnvps.public("GET", "/api/v1/account/verify-email?token=nope", None);
    assert_eq!(
        (status, value),
        (
            400,
            json!({ "error": "Invalid or expired verification token" })
        )
    );
    let response = lnvps.send(
        "GET",
        &format!("/api/v1/account/verify-email?token={token}"),
        &[],
        b"",
    );
    assert_eq!(response.status(), 200);
    assert!(response.body().is_empty());
    assert_eq!(lnvps.get("/api/v1/account")["email_verified"], true);
    // A token works once.
    assert_eq!(
        lnvps
            .public(
                "GET",
                &format!("/api/v1/account/verify-email?token={token}"),
                None
            )
            .0,
        400
    );

    // null clears a billing field; email cannot be removed or malformed.
    lnvps.data(
        "PATCH",
        "/api/v1/account",
        Some(json!({ "contact_nip17": false, "contact_email": true, "city": null })),
    );
    let account = lnvps.get("/api/v1/account");
    assert_eq!(account["city"], Value::Null);
    assert_eq!(account["contact_nip17"], false);
    assert_eq!(account["email_verified"], true);
    let (status, value) = lnvps.call(
        "PATCH",
        "/api/v1/account",
        Some(json!({ "contact_nip17": true, "contact_email": true, "email": null })),
    );
    assert_eq!(
        (status, value),
        (400, json!({ "error": "email cannot be removed" }))
    );
    let (status, value) = lnvps.call(
        "PATCH",
        "/api/v1/account",
        Some(json!({ "contact_nip17": true, "contact_email": true, "email": "nope" })),
    );
    assert_eq!(
        (status, value),
        (
            400,
            json!({ "error": "email: `nope` is not a valid email address" })
        )
    );
}

#[test]
fn account_patch_accepts_the_seeds_nwc_string() {
    let mut lnvps = Lnvps::new();
    let wallet = format!(
        "nostr+walletconnect://{}?relay=wss://relay.example.com&secret={}",
        "a".repeat(64),
        "b".repeat(64)
    );
    let patch =
        json!({ "contact_nip17": true, "contact_email": false, "nwc_connection_string": wallet });
    assert_eq!(
        lnvps.data("PATCH", "/api/v1/account", Some(patch)),
        json!({})
    );
    assert_eq!(
        lnvps
            .get("/api/v1/payment-methods")
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let patch = json!({ "contact_nip17": true, "contact_email": false, "nwc_connection_string": "https://wallet" });
    let (status, value) = lnvps.call("PATCH", "/api/v1/account", Some(patch));
    assert_eq!(
        (status, value),
        (
            400,
            json!({ "error": "nwc_connection_string must start with nostr+walletconnect://" })
        )
    );
}

#[test]
fn saved_payment_methods() {
    let mut lnvps = Lnvps::new();
    let methods = lnvps.get("/api/v1/payment-methods");
    assert_eq!(methods[0]["provider"], "nwc");
    assert_eq!(methods[0]["name"], "Alby Hub");
    assert_eq!(methods[0]["is_default"], true);
    assert_eq!(methods[0]["card_brand"], Value::Null);

    let bad =
        json!({ "nwc_connection_string": "nostr+walletconnect://abc?relay=wss://r.example.com" });
    let (status, value) = lnvps.call("POST", "/api/v1/payment-methods", Some(bad));
    assert_eq!(
        (status, value),
        (
            400,
            json!({ "error": "nwc_connection_string: the wallet public key must be 64 hex characters" })
        )
    );
    let no_secret = json!({ "nwc_connection_string": format!("nostr+walletconnect://{}?relay=wss://r.example.com", "c".repeat(64)) });
    assert_eq!(
        lnvps
            .call("POST", "/api/v1/payment-methods", Some(no_secret))
            .0,
        400
    );

    let uri = format!(
        "nostr+walletconnect://{}?relay=wss://r.example.com&secret={}",
        "c".repeat(64),
        "d".repeat(64)
    );
    let added = lnvps.data(
        "POST",
        "/api/v1/payment-methods",
        Some(json!({ "nwc_connection_string": uri, "name": "Phone" })),
    );
    assert_eq!(added["name"], "Phone");
    assert_eq!(added["is_default"], false);
    assert_eq!(added["enabled"], true);
    assert!(
        !added.to_string().contains(&"d".repeat(64)),
        "the secret is never echoed"
    );
    let id = added["id"].as_u64().unwrap();

    let patched = lnvps.data(
        "PATCH",
        &format!("/api/v1/payment-methods/{id}"),
        Some(json!({ "is_default": true, "name": null })),
    );
    assert_eq!(patched["is_default"], true);
    assert_eq!(patched["name"], Value::Null);
    let methods = lnvps.get("/api/v1/payment-methods");
    assert_eq!(methods[0]["is_default"], false);

    assert_eq!(
        lnvps.data("DELETE", &format!("/api/v1/payment-methods/{id}"), None),
        Value::Null
    );
    assert_eq!(
        lnvps
            .call("DELETE", &format!("/api/v1/payment-methods/{id}"), None)
            .0,
        404
    );
    assert_eq!(lnvps.get("/api/v1/payment-methods")[0]["is_default"], true);
}

// ---------------------------------------------------------------- payments & subscriptions

#[test]
fn vm_payments_are_a_plain_array_newest_first() {
    let mut lnvps = Lnvps::new();
    let (vm_id, _) = lnvps.order_small();
    let first = lnvps.get(&format!("/api/v1/vm/{vm_id}/renew"));
    lnvps.advance(601);
    let second = lnvps.get(&format!("/api/v1/vm/{vm_id}/renew"));
    let payments = lnvps.get(&format!("/api/v1/vm/{vm_id}/payments"));
    assert_eq!(payments, json!([second, first]));
    let limited = lnvps.get(&format!("/api/v1/vm/{vm_id}/payments?limit=1&offset=1"));
    assert_eq!(limited, json!([first]));
    assert_eq!(first["is_refund"], false);
    assert_eq!(first["tax"], 0);
}

#[test]
fn subscriptions_list_renew_and_poll() {
    let mut lnvps = Lnvps::new();
    let list = lnvps
        .call("GET", "/api/v1/subscriptions?limit=2&offset=0", None)
        .1;
    // Five VMs' subscriptions and the seeded IP-range one.
    assert_eq!(list["total"], 6);
    assert_eq!(list["limit"], 2);
    let subs = list["data"].as_array().unwrap();
    assert_eq!(subs.len(), 2);
    let sub = &subs[0];
    let sub_id = sub["id"].as_u64().unwrap();
    assert_eq!(
        sub["line_items"][0]["resource"],
        json!({ "type": "vps", "vm_id": 101 })
    );
    assert_eq!(sub["company_id"], 1);
    assert_eq!(lnvps.get(&format!("/api/v1/subscriptions/{sub_id}")), *sub);

    let payment = lnvps.get(&format!(
        "/api/v1/subscriptions/{sub_id}/renew?method=lightning"
    ));
    assert_eq!(payment["subscription_id"], sub_id);
    assert_eq!(payment["payment_type"], "Renewal");
    assert_eq!(payment["payment_method"], "lightning");
    assert_eq!(payment["is_paid"], false);
    assert_eq!(payment["amount"]["currency"], "BTC");
    assert_eq!(payment["tax"], json!({ "currency": "BTC", "amount": 0 }));
    assert!(payment["data"]["Lightning"]
        .as_str()
        .unwrap()
        .starts_with("lnbc"));
    let pid = payment["id"].as_str().unwrap();
    let before = lnvps.get("/api/v1/vm/101")["expires"].clone();
    assert!(lnvps.pay(pid));
    let polled = lnvps.get(&format!("/api/v1/subscriptions/{sub_id}/payments/{pid}"));
    assert_eq!(polled["is_paid"], true);
    assert_ne!(lnvps.get("/api/v1/vm/101")["expires"], before);
    let (_, history) = lnvps.call(
        "GET",
        &format!("/api/v1/subscriptions/{sub_id}/payments"),
        None,
    );
    assert_eq!(history["data"][0]["id"], pid);
    assert!(history["total"].as_u64().unwrap() >= 2);

    // Another subscription's payment is not found under this one.
    let other = subs[1]["id"].as_u64().unwrap();
    assert_eq!(
        lnvps
            .call(
                "GET",
                &format!("/api/v1/subscriptions/{other}/payments/{pid}"),
                None
            )
            .0,
        404
    );
    lnvps.as_user(BOB);
    let (status, value) = lnvps.call("GET", &format!("/api/v1/subscriptions/{sub_id}"), None);
    assert_eq!(
        (status, value),
        (
            403,
            json!({ "error": "Subscription does not belong to you" })
        )
    );
}

#[test]
fn subscription_renewal_quote_and_auto_renewal_patch() {
    let mut lnvps = Lnvps::new();
    let list = lnvps.call("GET", "/api/v1/subscriptions", None).1;
    let sub = list["data"][0].clone();
    let sub_id = sub["id"].as_u64().unwrap();
    let vm_id = sub["line_items"][0]["resource"]["vm_id"].as_u64().unwrap();
    let payments = |lnvps: &mut Lnvps| {
        lnvps
            .call(
                "GET",
                &format!("/api/v1/subscriptions/{sub_id}/payments"),
                None,
            )
            .1["total"]
            .clone()
    };
    let before = payments(&mut lnvps);

    let quote = lnvps.get(&format!(
        "/api/v1/subscriptions/{sub_id}/renew/quote?method=lightning&intervals=2"
    ));
    let monthly = lnvps.get(&format!("/api/v1/vm/{vm_id}"))["template"]["cost_plan"]["other_price"]
        [0]["amount"]
        .as_u64()
        .unwrap();
    assert_eq!(
        quote,
        json!({ "amount": monthly * 2, "tax": 0, "processing_fee": 0, "currency": "BTC", "time": 5_184_000 })
    );
    assert_eq!(payments(&mut lnvps), before, "a quote creates nothing");
    let (status, _) = lnvps.call(
        "GET",
        &format!("/api/v1/subscriptions/{sub_id}/renew/quote?intervals=0"),
        None,
    );
    assert_eq!(status, 400);

    let wanted = !sub["auto_renewal_enabled"].as_bool().unwrap();
    let patched = lnvps.data(
        "PATCH",
        &format!("/api/v1/subscriptions/{sub_id}"),
        Some(json!({ "auto_renewal_enabled": wanted })),
    );
    assert_eq!(patched["id"], sub_id);
    assert_eq!(patched["auto_renewal_enabled"], wanted);
    assert_eq!(
        lnvps.get(&format!("/api/v1/vm/{vm_id}"))["auto_renewal_enabled"],
        wanted
    );
    let history = lnvps.get(&format!("/api/v1/vm/{vm_id}/history"));
    assert_eq!(history[0]["action_type"], "configuration_changed");
    // Auto-renewal is the only thing a PATCH changes, and it is required.
    let (status, _) = lnvps.call(
        "PATCH",
        &format!("/api/v1/subscriptions/{sub_id}"),
        Some(json!({ "name": "renamed" })),
    );
    assert_eq!(status, 422);
    lnvps.as_user(BOB);
    let (status, _) = lnvps.call(
        "PATCH",
        &format!("/api/v1/subscriptions/{sub_id}"),
        Some(json!({ "auto_renewal_enabled": true })),
    );
    assert_eq!(status, 403);
}

#[test]
fn sandbox_control_settles_invoices_over_http() {
    let mut lnvps = Lnvps::new();
    let (vm_id, _) = lnvps.order_small();
    let payment = lnvps.get(&format!("/api/v1/vm/{vm_id}/renew"));
    let id = payment["id"].as_str().unwrap();
    let request = http::Request::builder()
        .method("POST")
        .uri(format!("/_sandbox/lnvps/pay/{id}"))
        .body(Vec::new())
        .unwrap();
    let response = lnvps.sandbox.handle(&request).response.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(lnvps.state(vm_id), "creating");
}

// ---------------------------------------------------------------- IP ranges

/// The seeded IP-range subscription of the current user.
fn seeded_range_subscription(lnvps: &mut Lnvps) -> Value {
    let list = lnvps.call("GET", "/api/v1/subscriptions", None).1;
    list["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["line_items"][0]["resource"]["type"] == "ip_range")
        .cloned()
        .expect("a seeded IP-range subscription")
}

/// The keys of a JSON object, sorted.
fn keys_of(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

#[test]
fn a_new_key_finds_a_paid_ip_range_subscription() {
    let mut lnvps = Lnvps::new();
    let sub = seeded_range_subscription(&mut lnvps);
    assert_eq!(sub["id"], 56, "after the five VMs' subscriptions");
    assert_eq!(sub["is_active"], true);
    assert!(sub["expires"].as_str().unwrap() > "2025-08-01T10:00:00Z");
    assert!(sub["created"].as_str().unwrap() < "2025-08-01T10:00:00Z");
    let items = sub["line_items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["name"], "IP Range: /29 from 198.18.0.0/15");
    assert_eq!(
        items[0]["price"],
        json!({ "currency": "EUR", "amount": 1200 })
    );
    assert_eq!(items[1]["configuration"]["prefix_size"], 48);

    let v4_id = items[0]["resource"]["ip_range_subscription_id"]
        .as_u64()
        .unwrap();
    let v4 = lnvps.get(&format!("/api/v1/ip_range/{v4_id}"));
    assert_eq!(
        keys_of(&v4),
        [
            "cidr",
            "ended_at",
            "id",
            "is_active",
            "origin_asn",
            "parent_cidr",
            "started_at"
        ]
    );
    assert_eq!(v4["id"], v4_id);
    assert_eq!(v4["cidr"], "198.18.0.0/29");
    assert_eq!(v4["parent_cidr"], "198.18.0.0/15");
    assert_eq!(v4["is_active"], true);
    assert_eq!(v4["ended_at"], Value::Null);
    assert!(v4["started_at"].as_str().unwrap() < "2025-08-01T10:00:00Z");
    let asn = v4["origin_asn"].as_u64().unwrap();
    assert!((64_496..=64_511).contains(&asn), "documentation AS: {asn}");

    let v6_id = items[1]["resource"]["ip_range_subscription_id"]
        .as_u64()
        .unwrap();
    let v6 = lnvps.get(&format!("/api/v1/ip_range/{v6_id}"));
    assert_eq!(v6["cidr"], "3fff::/48");
    assert_eq!(v6["parent_cidr"], "3fff::/20");
    assert_eq!(v6["origin_asn"], Value::Null);

    // Its paid history: the purchase carried the setup fee.
    let (_, payments) = lnvps.call(
        "GET",
        &format!("/api/v1/subscriptions/{}/payments", sub["id"]),
        None,
    );
    let payments = payments["data"].as_array().unwrap();
    assert!(payments.len() >= 2);
    assert!(payments.iter().all(|p| p["is_paid"] == true));
    let purchase = payments.last().unwrap();
    assert_eq!(purchase["payment_type"], "Purchase");
    // (1 200 + 1 500 + 500 setup) cents at 42 sat a cent.
    assert_eq!(
        purchase["amount"],
        json!({ "currency": "BTC", "amount": 134_400 })
    );
    assert_eq!(payments[0]["amount"]["amount"], 113_400);

    // Another key gets the next blocks of the same parents.
    lnvps.as_user(BOB);
    let bobs = seeded_range_subscription(&mut lnvps);
    let bob_v4 = bobs["line_items"][0]["resource"]["ip_range_subscription_id"]
        .as_u64()
        .unwrap();
    let bob_v6 = bobs["line_items"][1]["resource"]["ip_range_subscription_id"]
        .as_u64()
        .unwrap();
    assert_eq!(
        lnvps.get(&format!("/api/v1/ip_range/{bob_v4}"))["cidr"],
        "198.18.0.8/29"
    );
    assert_eq!(
        lnvps.get(&format!("/api/v1/ip_range/{bob_v6}"))["cidr"],
        "3fff:0:1::/48"
    );
}

#[test]
fn create_subscription_is_inactive_until_its_first_payment_cuts_the_block() {
    let mut lnvps = Lnvps::new();
    let before = lnvps.call("GET", "/api/v1/subscriptions", None).1["total"].clone();
    let body = json!({
        "name": "office prefix",
        "line_items": [{ "type": "ip_range", "ip_space_pricing_id": 2 }],
    });
    let created = lnvps.data("POST", "/api/v1/subscriptions", Some(body));
    assert_eq!(
        keys_of(&created),
        [
            "auto_renewal_enabled",
            "company_id",
            "created",
            "description",
            "expires",
            "id",
            "is_active",
            "line_items",
            "name"
        ]
    );
    let sid = created["id"].as_u64().unwrap();
    assert_eq!(sid, 57);
    assert_eq!(created["name"], "office prefix");
    assert_eq!(created["description"], Value::Null);
    assert_eq!(created["created"], "2025-08-01T10:00:00Z");
    assert_eq!(created["expires"], Value::Null);
    assert_eq!(created["is_active"], false);
    assert_eq!(
        created["auto_renewal_enabled"], true,
        "the server's default"
    );
    assert_eq!(created["company_id"], 1);
    let item = &created["line_items"][0];
    assert_eq!(item["subscription_id"], sid);
    assert_eq!(item["name"], "IP Range: /27 from 198.18.0.0/15");
    assert_eq!(item["price"], json!({ "currency": "EUR", "amount": 4_000 }));
    assert_eq!(
        item["setup_fee"],
        json!({ "currency": "EUR", "amount": 1_000 })
    );
    assert_eq!(
        item["configuration"],
        json!({ "ip_space_pricing_id": 2, "available_ip_space_id": 1, "prefix_size": 27 })
    );
    assert_eq!(
        item["resource"],
        Value::Null,
        "nothing allocated before payment"
    );
    assert_eq!(lnvps.get(&format!("/api/v1/subscriptions/{sid}")), created);
    let list = lnvps.call("GET", "/api/v1/subscriptions", None).1;
    assert_eq!(list["total"], before.as_u64().unwrap() + 1);

    // The first payment is a month plus the setup fee.
    let quote = lnvps.get(&format!("/api/v1/subscriptions/{sid}/renew/quote"));
    assert_eq!(
        quote,
        json!({ "amount": 210_000, "tax": 0, "processing_fee": 0, "currency": "BTC", "time": 2_592_000 })
    );
    let payment = lnvps.get(&format!("/api/v1/subscriptions/{sid}/renew"));
    assert_eq!(payment["subscription_id"], sid);
    assert_eq!(payment["payment_type"], "Purchase");
    assert_eq!(
        payment["amount"],
        json!({ "currency": "BTC", "amount": 210_000 })
    );
    let pid = payment["id"].as_str().unwrap().to_string();
    // Only a subscription shows it; the VM-only look-up does not.
    assert_eq!(
        lnvps.call("GET", &format!("/api/v1/payment/{pid}"), None).0,
        404
    );
    assert!(lnvps.pay(&pid));
    let polled = lnvps.get(&format!("/api/v1/subscriptions/{sid}/payments/{pid}"));
    assert_eq!(polled["is_paid"], true);

    let paid = lnvps.get(&format!("/api/v1/subscriptions/{sid}"));
    assert_eq!(paid["is_active"], true);
    assert_eq!(paid["expires"], "2025-08-31T10:00:00Z");
    let range_id = paid["line_items"][0]["resource"]["ip_range_subscription_id"]
        .as_u64()
        .unwrap();
    let range = lnvps.get(&format!("/api/v1/ip_range/{range_id}"));
    assert_eq!(
        range,
        json!({
            "id": range_id,
            "cidr": "198.18.0.32/27",
            "origin_asn": null,
            "is_active": true,
            "started_at": "2025-08-01T10:00:00Z",
            "ended_at": null,
            "parent_cidr": "198.18.0.0/15",
        })
    );

    // Renewals are the monthly price only.
    let renewal = lnvps.get(&format!("/api/v1/subscriptions/{sid}/renew"));
    assert_eq!(renewal["payment_type"], "Renewal");
    assert_eq!(renewal["amount"]["amount"], 168_000);
    // Auto-renewal is switched through the subscription.
    let patched = lnvps.data(
        "PATCH",
        &format!("/api/v1/subscriptions/{sid}"),
        Some(json!({ "auto_renewal_enabled": false })),
    );
    assert_eq!(patched["auto_renewal_enabled"], false);

    // Prices are shown in BTC when asked for.
    let body = json!({
        "currency": "BTC",
        "auto_renewal_enabled": false,
        "line_items": [{ "type": "ip_range", "ip_space_pricing_id": 4 }],
    });
    let in_btc = lnvps.data("POST", "/api/v1/subscriptions", Some(body));
    assert_eq!(in_btc["name"], "Subscription");
    assert_eq!(in_btc["auto_renewal_enabled"], false);
    assert_eq!(
        in_btc["line_items"][0]["price"],
        json!({ "currency": "BTC", "amount": 63_000 })
    );
}

#[test]
fn create_subscription_rejects_bad_bodies_and_missing_auth() {
    let mut lnvps = Lnvps::new();
    let path = "/api/v1/subscriptions";
    let total = |lnvps: &mut Lnvps| lnvps.call("GET", path, None).1["total"].clone();
    let before = total(&mut lnvps);
    let error = |message: &str| json!({ "error": message });

    assert_eq!(
        lnvps.call("POST", path, Some(json!({ "line_items": [] }))),
        (400, error("At least one line item is required"))
    );
    assert_eq!(
        lnvps.call(
            "POST",
            path,
            Some(json!({ "line_items": [{ "type": "ip_range", "ip_space_pricing_id": 99 }] }))
        ),
        (404, error("Resource not found"))
    );
    assert_eq!(
        lnvps.call(
            "POST",
            path,
            Some(json!({ "line_items": [{ "type": "asn_sponsoring", "asn": 64500 }] }))
        ),
        (501, error("ASN sponsoring not yet implemented"))
    );
    assert_eq!(
        lnvps.call(
            "POST",
            path,
            Some(json!({ "line_items": [{ "type": "dns_hosting", "domain": "example.com" }] }))
        ),
        (501, error("DNS hosting not yet implemented"))
    );
    let one_range = json!([{ "type": "ip_range", "ip_space_pricing_id": 3 }]);
    let (status, value) = lnvps.call(
        "POST",
        path,
        Some(json!({ "currency": "USD", "line_items": one_range.clone() })),
    );
    assert_eq!(status, 400);
    assert!(value["error"].as_str().unwrap().starts_with("currency: "));
    let (status, value) = lnvps.call(
        "POST",
        path,
        Some(json!({ "currency": "DOGE", "line_items": one_range })),
    );
    assert_eq!(status, 400);
    assert!(value["error"]
        .as_str()
        .unwrap()
        .starts_with("currency: unknown currency `DOGE`"));

    // Shapes the JSON extractor refuses: plain text.
    let json_type = ("content-type", "application/json");
    for (bytes, status, start) in [
        (
            br#"{"name":"x"}"#.as_slice(),
            422,
            "Failed to deserialize the JSON body into the target type: missing field `line_items`",
        ),
        (
            br#"{"line_items":[{"type":"vpn"}]}"#.as_slice(),
            422,
            "Failed to deserialize the JSON body into the target type: unknown variant `vpn`",
        ),
        (
            br#"{"line_items":[{"type":"ip_range"}]}"#.as_slice(),
            422,
            "Failed to deserialize the JSON body into the target type: missing field `ip_space_pricing_id`",
        ),
        (
            br#"{"line_items":"#.as_slice(),
            400,
            "Failed to parse the request body as JSON: ",
        ),
    ] {
        let auth = lnvps.auth("POST", path, &[]);
        let response = lnvps.send("POST", path, &[("authorization", &auth), json_type], bytes);
        assert_eq!(response.status(), status, "{}", body_text(&response));
        assert!(body_text(&response).starts_with(start), "{}", body_text(&response));
    }
    let auth = lnvps.auth("POST", path, &[]);
    let response = lnvps.send(
        "POST",
        path,
        &[("authorization", &auth)],
        br#"{"line_items":[{"type":"ip_range","ip_space_pricing_id":3}]}"#,
    );
    assert_text(
        &response,
        415,
        "Expected request with `Content-Type: application/json`",
    );

    // Unauthenticated, or signed for another method: nothing is created.
    let body = br#"{"line_items":[{"type":"ip_range","ip_space_pricing_id":3}]}"#;
    let response = lnvps.send("POST", path, &[json_type], body);
    assert_text(&response, 403, "Auth header not found");
    let auth = lnvps.auth("GET", path, &[]);
    let response = lnvps.send("POST", path, &[("authorization", &auth), json_type], body);
    assert_text(&response, 401, "Auth check failed: Method tag incorrect");
    assert_eq!(total(&mut lnvps), before, "nothing was created");

    let response = lnvps.send("PUT", path, &[], b"");
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET,POST");
}

#[test]
fn range_subscriptions_belong_to_their_buyer() {
    let mut lnvps = Lnvps::new();
    let body = json!({ "line_items": [{ "type": "ip_range", "ip_space_pricing_id": 3 }] });
    let sid = lnvps.data("POST", "/api/v1/subscriptions", Some(body))["id"]
        .as_u64()
        .unwrap();
    lnvps.as_user(BOB);
    let forbidden = json!({ "error": "Subscription does not belong to you" });
    for (method, path, body) in [
        ("GET", format!("/api/v1/subscriptions/{sid}"), None),
        ("GET", format!("/api/v1/subscriptions/{sid}/renew"), None),
        ("GET", format!("/api/v1/subscriptions/{sid}/payments"), None),
        (
            "PATCH",
            format!("/api/v1/subscriptions/{sid}"),
            Some(json!({ "auto_renewal_enabled": false })),
        ),
    ] {
        assert_eq!(
            lnvps.call(method, &path, body),
            (403, forbidden.clone()),
            "{method} {path}"
        );
    }
    // Bob's list does not show it.
    let list = lnvps.call("GET", "/api/v1/subscriptions", None).1;
    assert!(list["data"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["id"] != sid));
}

#[test]
fn get_ip_range_needs_auth_and_ownership() {
    let mut lnvps = Lnvps::new();
    let sub = seeded_range_subscription(&mut lnvps);
    let id = sub["line_items"][0]["resource"]["ip_range_subscription_id"]
        .as_u64()
        .unwrap();
    let path = format!("/api/v1/ip_range/{id}");

    let response = lnvps.send("GET", &path, &[], b"");
    assert_text(&response, 403, "Auth header not found");
    let auth = lnvps.auth("GET", "/api/v1/ip_range/999", &[]);
    let response = lnvps.send("GET", &path, &[("authorization", &auth)], b"");
    assert_text(&response, 401, "Auth check failed: U tag does not match");

    assert_eq!(
        lnvps.call("GET", "/api/v1/ip_range/999999", None),
        (404, json!({ "error": "Resource not found" }))
    );
    let auth = lnvps.auth("GET", "/api/v1/ip_range/abc", &[]);
    let response = lnvps.send(
        "GET",
        "/api/v1/ip_range/abc",
        &[("authorization", &auth)],
        b"",
    );
    assert_text(&response, 400, "Invalid URL: Cannot parse `abc` to a `u64`");
    let response = lnvps.send("DELETE", &path, &[], b"");
    assert_eq!(response.status(), 405);
    assert_eq!(response.headers()["allow"], "GET,PATCH");

    lnvps.as_user(BOB);
    assert_eq!(
        lnvps.call("GET", &path, None),
        (403, json!({ "error": "IP range does not belong to you" }))
    );
}

#[test]
fn patch_ip_range_sets_and_clears_the_origin_as() {
    let mut lnvps = Lnvps::new();
    let sub = seeded_range_subscription(&mut lnvps);
    let id = sub["line_items"][1]["resource"]["ip_range_subscription_id"]
        .as_u64()
        .unwrap();
    let path = format!("/api/v1/ip_range/{id}");

    let set = lnvps.data("PATCH", &path, Some(json!({ "origin_asn": 213_279 })));
    assert_eq!(set["id"], id);
    assert_eq!(set["origin_asn"], 213_279);
    assert_eq!(set["cidr"], "3fff::/48");
    assert_eq!(lnvps.get(&path), set);
    // Four-byte documentation ASNs are accepted.
    let set = lnvps.data("PATCH", &path, Some(json!({ "origin_asn": 65_551 })));
    assert_eq!(set["origin_asn"], 65_551);
    let cleared = lnvps.data("PATCH", &path, Some(json!({ "origin_asn": null })));
    assert_eq!(cleared["origin_asn"], Value::Null);
    assert_eq!(lnvps.get(&path)["origin_asn"], Value::Null);
}

#[test]
fn patch_ip_range_rejects_bad_bodies_other_owners_and_lapsed_ranges() {
    let mut lnvps = Lnvps::new();
    let sub = seeded_range_subscription(&mut lnvps);
    let id = sub["line_items"][0]["resource"]["ip_range_subscription_id"]
        .as_u64()
        .unwrap();
    let path = format!("/api/v1/ip_range/{id}");
    let original = lnvps.get(&path)["origin_asn"].clone();

    for (asn, reason) in [
        (0u64, "reserved (RFC 7607)"),
        (23_456, "AS_TRANS (RFC 6793)"),
        (64_512, "for private use (RFC 6996)"),
        (4_200_000_000, "for private use (RFC 6996)"),
        (65_535, "reserved (RFC 7300)"),
    ] {
        assert_eq!(
            lnvps.call("PATCH", &path, Some(json!({ "origin_asn": asn }))),
            (
                400,
                json!({ "error": format!("origin_asn: AS{asn} is {reason} and cannot originate a route") })
            )
        );
    }
    let json_type = ("content-type", "application/json");
    for (bytes, start) in [
        (
            br#"{}"#.as_slice(),
            "Failed to deserialize the JSON body into the target type: missing field `origin_asn`",
        ),
        (
            br#"{"origin_asn":"AS64500"}"#.as_slice(),
            "Failed to deserialize the JSON body into the target type: invalid type: string",
        ),
        (
            br#"{"origin_asn":-1}"#.as_slice(),
            "Failed to deserialize the JSON body into the target type: invalid value",
        ),
        (
            br#"{"origin_asn":4294967296}"#.as_slice(),
            "Failed to deserialize the JSON body into the target type: invalid value",
        ),
    ] {
        let auth = lnvps.auth("PATCH", &path, &[]);
        let response = lnvps.send(
            "PATCH",
            &path,
            &[("authorization", &auth), json_type],
            bytes,
        );
        assert_eq!(response.status(), 422, "{}", body_text(&response));
        assert!(
            body_text(&response).starts_with(start),
            "{}",
            body_text(&response)
        );
    }
    assert_eq!(lnvps.get(&path)["origin_asn"], original, "nothing changed");

    // Unauthenticated, not found, not yours.
    let body = br#"{"origin_asn":64500}"#;
    let response = lnvps.send("PATCH", &path, &[json_type], body);
    assert_text(&response, 403, "Auth header not found");
    let zeros = "00".repeat(32);
    let auth = lnvps.auth("PATCH", &path, &[&["payload", zeros.as_str()]]);
    let response = lnvps.send("PATCH", &path, &[("authorization", &auth), json_type], body);
    assert_text(
        &response,
        401,
        "Auth check failed: Payload tag does not match the request body",
    );
    assert_eq!(
        lnvps.call(
            "PATCH",
            "/api/v1/ip_range/999999",
            Some(json!({ "origin_asn": 64_500 }))
        ),
        (404, json!({ "error": "Resource not found" }))
    );
    lnvps.as_user(BOB);
    assert_eq!(
        lnvps.call("PATCH", &path, Some(json!({ "origin_asn": 64_500 }))),
        (403, json!({ "error": "IP range does not belong to you" }))
    );

    // Once the subscription runs out the range is ended and cannot be changed.
    lnvps.as_user(ALICE);
    let expires = sub["expires"].as_str().unwrap().to_string();
    lnvps.advance(27 * 86_400);
    let lapsed = lnvps.get(&path);
    assert_eq!(lapsed["is_active"], false);
    assert_eq!(lapsed["ended_at"], expires);
    assert_eq!(
        lnvps.call("PATCH", &path, Some(json!({ "origin_asn": 64_500 }))),
        (
            402,
            json!({ "error": "IP range subscription has expired, renew it first" })
        )
    );
}
