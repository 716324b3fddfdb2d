//! LiteVPS through the sandbox's public API, with requests built by hand
//! from the document's curl examples and the project's recorded choices:
//! auth (JWT expiry, `vtk_` tokens and spend limits), every documented
//! error, each endpoint's happy path, and billing and jobs over time.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use sandbox::{Config, ManualClock, Provider, Sandbox};
use serde_json::{json, Value};
use std::sync::Arc;

/// 2026-01-01T00:00:00Z.
const START: u64 = 1_767_225_600_000;
const MINUTE: u64 = 60_000;
const DEMO: &str = "demo@litevps.test";
const LOW: &str = "low@litevps.test";
const PASSWORD: &str = "sandbox-password";

struct Reply {
    status: u16,
    json: Value,
    body: Vec<u8>,
    headers: http::HeaderMap,
}

impl Reply {
    fn balance(&self) -> Option<&str> {
        self.headers
            .get("x-balance-remaining")
            .map(|v| v.to_str().unwrap())
    }

    fn error(&self) -> &str {
        self.json["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error in {}", self.json))
    }
}

struct Lite {
    sandbox: Sandbox,
    clock: Arc<ManualClock>,
}

impl Lite {
    fn new() -> Self {
        Self::with(Config::default())
    }

    fn with(config: Config) -> Self {
        let clock = Arc::new(ManualClock::new(START));
        Self {
            sandbox: Sandbox::new(config, clock.clone()),
            clock,
        }
    }

    fn raw(
        &mut self,
        method: &str,
        path: &str,
        bearer: Option<&str>,
        body: Vec<u8>,
        ip: &str,
    ) -> Reply {
        let mut builder = http::Request::builder()
            .method(method)
            .uri(format!("/litevps{path}"));
        if let Some(token) = bearer {
            builder = builder.header("authorization", format!("Bearer {token}"));
        }
        let response = self
            .sandbox
            .handle_from(&builder.body(body).unwrap(), ip)
            .response
            .unwrap();
        Reply {
            status: response.status().as_u16(),
            json: serde_json::from_slice(response.body()).unwrap_or(Value::Null),
            headers: response.headers().clone(),
            body: response.body().clone(),
        }
    }

    fn call(
        &mut self,
        method: &str,
        path: &str,
        bearer: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let bytes = body
            .map(|b| serde_json::to_vec(&b).unwrap())
            .unwrap_or_default();
        self.raw(method, path, bearer, bytes, "127.0.0.1")
    }

    fn get(&mut self, token: &str, path: &str) -> Reply {
        self.call("GET", path, Some(token), None)
    }

    fn post(&mut self, token: &str, path: &str, body: Value) -> Reply {
        self.call("POST", path, Some(token), Some(body))
    }

    fn login(&mut self, email: &str) -> String {
        let reply = self.call(
            "POST",
            "/api/auth/login",
            None,
            Some(json!({ "email": email, "password": PASSWORD })),
        );
        assert_eq!(reply.status, 200, "{}", reply.json);
        reply.json["token"].as_str().unwrap().to_string()
    }

    /// A new account with `funds` USD, logged in.
    fn fresh(&mut self, email: &str, funds: u32) -> String {
        let body = json!({ "email": email, "password": PASSWORD, "cf-turnstile-response": "sandbox-pass" });
        assert_eq!(
            self.call("POST", "/api/auth/register", None, Some(body))
                .status,
            201
        );
        let token = self.login(email);
        if funds > 0 {
            assert_eq!(
                self.post(&token, "/api/billing/add-funds", json!({ "amount": funds }))
                    .status,
                200
            );
        }
        token
    }

    fn plan(&mut self, name: &str) -> String {
        let plans = self.call("GET", "/api/pricing", None, None).json;
        plans
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// Creates a VM of plan `plan` and waits until it runs.
    fn running_vm(&mut self, token: &str, name: &str, plan: &str) -> String {
        let plan_id = self.plan(plan);
        let created = self.post(
            token,
            "/api/vps",
            json!({ "name": name, "plan_id": plan_id }),
        );
        assert_eq!(created.status, 201, "{}", created.json);
        self.advance(20_000);
        created.json["id"].as_str().unwrap().to_string()
    }

    fn advance(&self, ms: u64) {
        self.clock.advance_ms(ms);
    }
}

fn is_uuid(value: &Value) -> bool {
    let s = value.as_str().unwrap_or("");
    s.len() == 36 && s.split('-').map(str::len).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
}

fn public_key(seed: u8) -> String {
    let mut blob = vec![0, 0, 0, 11];
    blob.extend(b"ssh-ed25519");
    blob.extend([0, 0, 0, 32]);
    blob.extend([seed; 32]);
    format!("ssh-ed25519 {} me@laptop", STANDARD.encode(blob))
}

#[test]
fn public_endpoints_answer_without_a_token() {
    let mut l = Lite::new();
    let health = l.call("GET", "/api/health", None, None);
    assert_eq!(
        (health.status, health.json.clone()),
        (200, json!({ "status": "ok" }))
    );
    assert_eq!(health.balance(), None);

    let pricing = l.call("GET", "/api/pricing", None, None);
    let plans = pricing.json.as_array().unwrap();
    assert_eq!(plans.len(), 6);
    let nano = &plans[0];
    assert!(is_uuid(&nano["id"]));
    assert_eq!(nano["name"], "Nano");
    assert_eq!(
        (
            nano["vcpu"].clone(),
            nano["memory_mb"].clone(),
            nano["disk_gb"].clone()
        ),
        (json!(1), json!(512), json!(10))
    );
    assert_eq!(nano["price_hourly"], 0.0042);
    assert_eq!(plans[5]["price_hourly"], 0.1667);

    let templates = l.call("GET", "/api/templates", None, None).json;
    let small = templates
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "ubuntu-22-small")
        .unwrap()
        .clone();
    assert_eq!(
        small,
        json!({
            "name": "ubuntu-22-small", "vcpu": 1, "memory_mb": 1024, "disk_gb": 20,
            "user_data": null, "ttl_minutes": null, "plan_id": plans[1]["id"]
        })
    );

    let agent = l.call("GET", "/.well-known/agent.json", None, None);
    assert_eq!(agent.status, 200);
    assert_eq!(agent.json["name"], "LiteVPS");
    assert_eq!(agent.json["api_base"], "https://api.litevps.dev/api");
    assert_eq!(
        agent.json["openapi"],
        "https://api.litevps.dev/api/openapi.json"
    );
    assert_eq!(
        agent.json["auth"],
        json!({ "type": "bearer", "login": "/api/auth/login" })
    );
}

#[test]
fn unknown_paths_are_404_and_wrong_methods_405() {
    let mut l = Lite::new();
    let missing = l.call("GET", "/api/servers", None, None);
    assert_eq!(
        (missing.status, missing.json.clone()),
        (404, json!({ "error": "not found" }))
    );
    assert_eq!(l.call("GET", "/api/api/vps", None, None).status, 404);
    assert_eq!(l.call("POST", "/api/vps/x/reboot", None, None).status, 404);
    let wrong = l.call("DELETE", "/api/vps", None, None);
    assert_eq!(
        (wrong.status, wrong.json.clone()),
        (405, json!({ "error": "method not allowed" }))
    );
    assert_eq!(wrong.headers["allow"], "GET, POST");
    assert_eq!(l.call("GET", "/api/vps/batch", None, None).status, 405);
    assert_eq!(l.call("GET", "/api/billing/email", None, None).status, 405);
}

#[test]
fn login_issues_a_24_hour_jwt() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert!(token.starts_with("eyJ"));
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims["email"], DEMO);
    assert_eq!(claims["exp"], START / 1_000 + 86_400);
    let me = l.get(&token, "/api/me");
    assert_eq!(me.status, 200);
    assert_eq!(me.json["id"], claims["sub"]);
    assert_eq!(me.json["email"], DEMO);
    assert_eq!(me.json["balance"], 25.0);
    assert_eq!(me.balance(), Some("25.0000"));
}

#[test]
fn bad_logins_are_refused() {
    let mut l = Lite::new();
    for body in [
        json!({ "email": DEMO, "password": "wrong" }),
        json!({ "email": "nobody@example.com", "password": PASSWORD }),
    ] {
        let reply = l.call("POST", "/api/auth/login", None, Some(body));
        assert_eq!(
            (reply.status, reply.json.clone()),
            (401, json!({ "error": "invalid email or password" }))
        );
    }
    let reply = l.call(
        "POST",
        "/api/auth/login",
        None,
        Some(json!({ "email": DEMO })),
    );
    assert_eq!(
        (reply.status, reply.json.clone()),
        (400, json!({ "error": "password is required" }))
    );
    let reply = l.call(
        "POST",
        "/api/auth/login",
        None,
        Some(json!({ "password": PASSWORD })),
    );
    assert_eq!(reply.error(), "email is required");
}

#[test]
fn bad_expired_or_missing_tokens_are_401() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let cases = [
        None,
        Some("garbage".to_string()),
        Some("vtk_0000".to_string()),
        Some(format!("{}x", token)),
        Some({
            let parts: Vec<&str> = token.split('.').collect();
            let forged =
                URL_SAFE_NO_PAD.encode(r#"{"sub":"someone","email":"x@y.z","exp":9999999999}"#);
            format!("{}.{forged}.{}", parts[0], parts[2])
        }),
    ];
    for bearer in cases {
        let reply = l.call("GET", "/api/me", bearer.as_deref(), None);
        assert_eq!(
            (reply.status, reply.json.clone()),
            (401, json!({ "error": "unauthorized" })),
            "{bearer:?}"
        );
        assert_eq!(reply.balance(), None);
    }
    l.advance(86_400_000 - 1_000);
    assert_eq!(l.get(&token, "/api/me").status, 200);
    l.advance(1_000);
    let expired = l.get(&token, "/api/me");
    assert_eq!(
        (expired.status, expired.json.clone()),
        (401, json!({ "error": "unauthorized" }))
    );
}

#[test]
fn registration_requires_the_captcha() {
    let mut l = Lite::new();
    let register =
        |l: &mut Lite, body: Value| l.call("POST", "/api/auth/register", None, Some(body));
    for captcha in [None, Some("forged"), Some("")] {
        let mut body = json!({ "email": "you@example.com", "password": "password123" });
        if let Some(value) = captcha {
            body["cf-turnstile-response"] = json!(value);
        }
        let reply = register(&mut l, body);
        assert_eq!(
            (reply.status, reply.json.clone()),
            (400, json!({ "error": "CAPTCHA verification failed" }))
        );
    }
    let ok = register(
        &mut l,
        json!({ "email": "you@example.com", "password": "password123", "cf-turnstile-response": "sandbox-pass" }),
    );
    assert_eq!(ok.status, 201);
    assert!(is_uuid(&ok.json["id"]));
    assert_eq!(ok.json["email"], "you@example.com");
    let login = l.call(
        "POST",
        "/api/auth/login",
        None,
        Some(json!({ "email": "you@example.com", "password": "password123" })),
    );
    let token = login.json["token"].as_str().unwrap().to_string();
    let me = l.get(&token, "/api/me");
    assert_eq!(me.json["balance"], 0.0);
    assert_eq!(me.balance(), Some("0.0000"));

    let again = register(
        &mut l,
        json!({ "email": "YOU@example.com", "password": "password123", "cf-turnstile-response": "sandbox-pass" }),
    );
    assert_eq!(
        (again.status, again.json.clone()),
        (409, json!({ "error": "email is already registered" }))
    );
    let bad = register(
        &mut l,
        json!({ "email": "not-an-email", "password": "password123", "cf-turnstile-response": "sandbox-pass" }),
    );
    assert_eq!(bad.error(), "email must be an email address");
    let short = register(
        &mut l,
        json!({ "email": "b@example.com", "password": "short", "cf-turnstile-response": "sandbox-pass" }),
    );
    assert_eq!(
        (short.status, short.error()),
        (400, "password must be at least 8 characters")
    );
}

#[test]
fn auth_routes_allow_ten_requests_a_minute_per_address() {
    let mut l = Lite::new();
    let body = || serde_json::to_vec(&json!({ "email": DEMO, "password": "wrong" })).unwrap();
    for i in 0..9 {
        assert_eq!(
            l.raw("POST", "/api/auth/login", None, body(), "198.51.100.7")
                .status,
            401,
            "attempt {i}"
        );
    }
    let captcha =
        serde_json::to_vec(&json!({ "email": "z@example.com", "password": "password123" }))
            .unwrap();
    assert_eq!(
        l.raw("POST", "/api/auth/register", None, captcha, "198.51.100.7")
            .status,
        400
    );
    let limited = l.raw("POST", "/api/auth/login", None, body(), "198.51.100.7");
    assert_eq!(
        (limited.status, limited.json.clone()),
        (429, json!({ "error": "rate limit exceeded" }))
    );
    assert_eq!(limited.headers["retry-after"], "60");
    assert_eq!(
        l.raw("POST", "/api/auth/login", None, body(), "203.0.113.9")
            .status,
        401
    );
    assert_eq!(
        l.raw("GET", "/api/health", None, Vec::new(), "198.51.100.7")
            .status,
        200
    );
    l.advance(MINUTE);
    let good = serde_json::to_vec(&json!({ "email": DEMO, "password": PASSWORD })).unwrap();
    assert_eq!(
        l.raw("POST", "/api/auth/login", None, good, "198.51.100.7")
            .status,
        200
    );
}

#[test]
fn the_seeded_fleet_and_credentials() {
    let mut l = Lite::new();
    let creds = l.sandbox.credentials().remove(&Provider::Litevps).unwrap();
    let value = |label: &str| creds.iter().find(|(l, _)| l == label).unwrap().1.clone();
    assert_eq!(value("email"), DEMO);
    assert_eq!(value("password"), PASSWORD);
    assert_eq!(value("low-balance email"), LOW);
    assert_eq!(value("CAPTCHA token (register)"), "sandbox-pass");
    let token = value("access token");
    assert!(token.starts_with("vtk_"));

    let list = l.get(&token, "/api/vps");
    assert_eq!(list.status, 200);
    assert_eq!(list.balance(), Some("25.0000"));
    let vms = list.json.as_array().unwrap();
    assert_eq!(vms.len(), 5);
    assert_eq!(vms[3]["state"], "error");
    for vm in vms {
        assert!(is_uuid(&vm["id"]));
        assert!(["running", "stopped", "error"].contains(&vm["state"].as_str().unwrap()));
        let ip = vm["ipv4"].as_str().unwrap();
        assert!(["203.0.113.", "198.51.100.", "192.0.2."]
            .iter()
            .any(|p| ip.starts_with(p)));
        assert!(vm["ipv6"].as_str().unwrap().starts_with("2001:db8:"));
        assert_eq!(vm["ssh_key_ids"].as_array().unwrap().len(), 1);
        assert!(vm["created_at"].as_str().unwrap().ends_with('Z'));
        assert_eq!(vm["expires_at"], Value::Null);
    }
    let keys = l.get(&token, "/api/ssh-keys").json;
    assert_eq!(keys[0]["name"], "laptop");
    assert_eq!(keys[0]["id"], vms[0]["ssh_key_ids"][0]);
    let tokens = l.get(&token, "/api/tokens").json;
    assert_eq!(tokens[0]["name"], "ci-deploy");
    assert_eq!(tokens[0]["spend_limit"], 10.0);
    assert!(tokens[0].get("token").is_none());
}

#[test]
fn creating_a_vm_takes_twenty_seconds() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let key = l.get(&token, "/api/ssh-keys").json[0]["id"].clone();
    let nano = l.plan("Nano");
    let created = l.post(
        &token,
        "/api/vps",
        json!({ "name": "web-01", "plan_id": nano, "ssh_key_ids": [key] }),
    );
    assert_eq!(created.status, 201);
    assert_eq!(created.balance(), Some("25.0000"));
    let vm = created.json.clone();
    assert!(is_uuid(&vm["id"]));
    assert_eq!(vm["name"], "web-01");
    assert_eq!(vm["state"], "creating");
    assert_eq!(vm["plan_id"], json!(nano));
    assert_eq!(vm["template"], Value::Null);
    assert_eq!(
        (
            vm["vcpu"].clone(),
            vm["memory_mb"].clone(),
            vm["disk_gb"].clone()
        ),
        (json!(1), json!(512), json!(10))
    );
    assert_eq!(vm["ipv4"], Value::Null);
    assert_eq!(vm["ipv6"], Value::Null);
    assert_eq!(vm["price_hourly"], 0.0042);
    assert_eq!(vm["ssh_key_ids"], json!([key]));
    assert_eq!(vm["created_at"], "2026-01-01T00:00:00Z");
    assert_eq!(vm["expires_at"], Value::Null);
    let path = format!("/api/vps/{}", vm["id"].as_str().unwrap());
    l.advance(19_999);
    assert_eq!(l.get(&token, &path).json["state"], "creating");
    l.advance(1);
    let running = l.get(&token, &path).json;
    assert_eq!(running["state"], "running");
    assert!(running["ipv4"].as_str().unwrap().contains('.'));
    assert!(running["ipv6"].as_str().unwrap().starts_with("2001:db8:"));
    assert_eq!(l.get(&token, "/api/vps").json.as_array().unwrap().len(), 6);
}

#[test]
fn create_bodies_are_validated() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let nano = l.plan("Nano");
    let cases = [
        (json!({ "plan_id": nano }), "name is required"),
        (json!({ "name": "web_01!", "plan_id": nano }), "name must be a hostname: 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen"),
        (json!({ "name": "web-01" }), "plan_id or template is required"),
        (json!({ "name": "web-01", "plan_id": "plan-uuid" }), "plan_id \"plan-uuid\" is not a plan (see GET /api/pricing)"),
        (json!({ "name": "web-01", "template": "windows" }), "template \"windows\" does not exist (see GET /api/templates)"),
        (json!({ "name": "web-01", "plan_id": nano, "ssh_key_ids": ["key-uuid"] }), "ssh_key_ids: no SSH key with id \"key-uuid\""),
        (json!({ "name": "web-01", "plan_id": nano, "ssh_key_ids": "key-uuid" }), "ssh_key_ids must be an array of strings"),
        (json!({ "name": "web-01", "plan_id": nano, "vcpu": 0 }), "vcpu must be an integer between 1 and 32"),
        (json!({ "name": "web-01", "plan_id": nano, "memory_mb": 128 }), "memory_mb must be an integer between 256 and 131072"),
        (json!({ "name": "web-01", "plan_id": nano, "disk_gb": 1.5 }), "disk_gb must be an integer between 5 and 2000"),
        (json!({ "name": "web-01", "plan_id": nano, "ttl_minutes": 0 }), "ttl_minutes must be an integer between 1 and 43200"),
        (json!({ "name": "web-01", "plan_id": nano, "user_data": 7 }), "user_data must be a string of at most 65536 bytes"),
        (json!("web-01"), "request body must be a JSON object"),
    ];
    for (body, message) in cases {
        let reply = l.post(&token, "/api/vps", body);
        assert_eq!((reply.status, reply.error()), (400, message));
        assert_eq!(reply.balance(), Some("25.0000"));
    }
    assert_eq!(l.get(&token, "/api/vps").json.as_array().unwrap().len(), 5);
}

#[test]
fn templates_give_defaults_that_explicit_fields_override() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let micro = l.plan("Micro");
    let plain = l
        .post(
            &token,
            "/api/vps",
            json!({ "name": "agent-vm", "template": "ubuntu-22-small" }),
        )
        .json;
    assert_eq!(plain["template"], "ubuntu-22-small");
    assert_eq!(plain["plan_id"], json!(micro));
    assert_eq!(
        (
            plain["vcpu"].clone(),
            plain["memory_mb"].clone(),
            plain["disk_gb"].clone()
        ),
        (json!(1), json!(1024), json!(20))
    );
    assert_eq!(plain["price_hourly"], 0.0083);
    let bigger = l
        .post(
            &token,
            "/api/vps",
            json!({ "name": "agent-vm2", "template": "ubuntu-22-small", "vcpu": 2 }),
        )
        .json;
    assert_eq!(bigger["vcpu"], 2);
    assert_eq!(bigger["memory_mb"], 1024);
    assert_eq!(bigger["price_hourly"], 0.0166);

    let ephemeral = l
        .post(
            &token,
            "/api/vps",
            json!({ "name": "ci-1", "template": "ci-runner-ephemeral" }),
        )
        .json;
    assert_eq!(ephemeral["expires_at"], "2026-01-01T01:00:00Z");
    let id = ephemeral["id"].as_str().unwrap().to_string();
    l.advance(20_000);
    let files = l.get(
        &token,
        &format!("/api/vps/{id}/files?path=/var/lib/cloud/instance/user-data.txt"),
    );
    assert!(String::from_utf8(files.body)
        .unwrap()
        .starts_with("#cloud-config"));
    let short = l
        .post(
            &token,
            "/api/vps",
            json!({ "name": "ci-2", "template": "ci-runner-ephemeral", "ttl_minutes": 5 }),
        )
        .json;
    assert_eq!(short["expires_at"], "2026-01-01T00:05:20Z");
    l.advance(60 * MINUTE);
    assert_eq!(l.get(&token, &format!("/api/vps/{id}")).status, 404);
    let names: Vec<Value> = l
        .get(&token, "/api/vps")
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].clone())
        .collect();
    assert!(!names.contains(&json!("ci-1")) && !names.contains(&json!("ci-2")));
    assert!(names.contains(&json!("agent-vm")));
}

#[test]
fn a_low_balance_gets_402_with_balance_and_required() {
    let mut l = Lite::new();
    let token = l.login(LOW);
    let xl = l.plan("XL");
    let reply = l.post(&token, "/api/vps", json!({ "name": "big", "plan_id": xl }));
    assert_eq!(reply.status, 402);
    assert_eq!(
        reply.json,
        json!({ "error": "insufficient balance", "balance": 0.042, "required": 0.1667 })
    );
    assert_eq!(reply.balance(), Some("0.0420"));

    let batch = l.post(&token, "/api/vps/batch", json!({ "vms": [{ "name": "w1", "template": "debian-12-nano" }, { "name": "w2", "plan_id": xl }] }));
    assert_eq!(batch.status, 402);
    assert_eq!(
        batch.json,
        json!({ "error": "insufficient balance", "balance": 0.042, "required": 0.1709 })
    );

    let nano = l.plan("Nano");
    let small = l.post(
        &token,
        "/api/vps",
        json!({ "name": "tiny", "plan_id": nano }),
    );
    assert_eq!(small.status, 201);
}

#[test]
fn running_vms_draw_the_balance_down_each_minute() {
    let mut l = Lite::new();
    let token = l.fresh("billing@example.com", 10);
    assert_eq!(l.get(&token, "/api/me").balance(), Some("10.0000"));
    let id = l.running_vm(&token, "meter", "Small");
    // Running from START + 20 s: charged at each minute boundary.
    l.advance(10 * MINUTE - 20_000);
    let me = l.get(&token, "/api/me");
    assert_eq!(me.balance(), Some("9.9965"));
    assert_eq!(me.json["balance"], 9.9965);
    let history = l.get(&token, "/api/billing/transactions").json;
    let total: f64 = history["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["type"] == "charge")
        .map(|t| t["amount"].as_f64().unwrap())
        .sum();
    assert!((total + 10.0 * 0.0208 / 60.0).abs() < 0.0002, "{total}");

    assert_eq!(
        l.post(&token, &format!("/api/vps/{id}/stop"), json!({}))
            .json["state"],
        "stopped"
    );
    l.advance(60 * MINUTE);
    assert_eq!(l.get(&token, "/api/me").balance(), Some("9.9965"));
    assert_eq!(
        l.post(&token, &format!("/api/vps/{id}/start"), json!({}))
            .json["state"],
        "running"
    );
    l.advance(60 * MINUTE);
    assert_eq!(l.get(&token, "/api/me").balance(), Some("9.9757"));
}

#[test]
fn at_zero_balance_vms_stop_and_cannot_start() {
    let mut l = Lite::new();
    let token = l.login(LOW);
    let id = l.running_vm(&token, "tiny", "Nano");
    l.advance(9 * 60 * MINUTE);
    let vm = l.get(&token, &format!("/api/vps/{id}"));
    assert_eq!(vm.json["state"], "running");
    assert_eq!(vm.balance(), Some("0.0042"));
    l.advance(2 * 60 * MINUTE);
    let vm = l.get(&token, &format!("/api/vps/{id}"));
    assert_eq!(vm.json["state"], "stopped");
    assert_eq!(vm.balance(), Some("0.0000"));
    let last = l.get(&token, "/api/billing/transactions?limit=1").json["transactions"][0].clone();
    assert_eq!(last["balance_after"], 0.0);
    assert!(last["description"]
        .as_str()
        .unwrap()
        .contains("balance exhausted"));
    let start = l.post(&token, &format!("/api/vps/{id}/start"), json!({}));
    assert_eq!(start.status, 402);
    assert_eq!(
        start.json,
        json!({ "error": "insufficient balance", "balance": 0.0, "required": 0.0042 })
    );
    assert_eq!(
        l.post(&token, "/api/billing/add-funds", json!({ "amount": 5 }))
            .balance(),
        Some("5.0000")
    );
    assert_eq!(
        l.post(&token, &format!("/api/vps/{id}/start"), json!({}))
            .json["state"],
        "running"
    );
}

#[test]
fn power_actions_and_their_conflicts() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.running_vm(&token, "pw", "Nano");
    let path = |action: &str| format!("/api/vps/{id}/{action}");
    let stop = l.post(&token, &path("stop"), json!({}));
    assert_eq!(
        (stop.status, stop.json["state"].clone()),
        (200, json!("stopped"))
    );
    assert!(stop.balance().is_some());
    let restart = l.post(&token, &path("restart"), json!({}));
    assert_eq!(
        (restart.status, restart.json.clone()),
        (409, json!({ "error": "vps is not running" }))
    );
    assert_eq!(
        l.post(&token, &path("stop"), json!({})).json["state"],
        "stopped"
    );
    assert_eq!(
        l.post(&token, &path("start"), json!({})).json["state"],
        "running"
    );
    assert_eq!(
        l.post(&token, &path("restart"), json!({})).json["state"],
        "running"
    );
    assert_eq!(l.get(&token, &path("start")).status, 405);

    let fresh = l
        .post(
            &token,
            "/api/vps",
            json!({ "name": "new", "template": "debian-12-nano" }),
        )
        .json;
    let creating = l.post(
        &token,
        &format!("/api/vps/{}/stop", fresh["id"].as_str().unwrap()),
        json!({}),
    );
    assert_eq!(
        (creating.status, creating.json.clone()),
        (409, json!({ "error": "vps is still creating" }))
    );

    let errored = l.get(&token, "/api/vps").json[3]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let start = l.post(&token, &format!("/api/vps/{errored}/start"), json!({}));
    assert_eq!(
        (start.status, start.json.clone()),
        (409, json!({ "error": "vps is in error state" }))
    );

    let missing = l.post(
        &token,
        "/api/vps/00000000-0000-4000-8000-000000000000/start",
        json!({}),
    );
    assert_eq!(
        (missing.status, missing.json.clone()),
        (404, json!({ "error": "not found" }))
    );
    assert_eq!(missing.balance(), Some("25.0000"));
}

#[test]
fn deleting_a_vm() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.get(&token, "/api/vps").json[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let deleted = l.call("DELETE", &format!("/api/vps/{id}"), Some(&token), None);
    assert_eq!(
        (deleted.status, deleted.json.clone()),
        (200, json!({ "id": id, "deleted": true }))
    );
    assert_eq!(l.get(&token, &format!("/api/vps/{id}")).status, 404);
    assert_eq!(
        l.call("DELETE", &format!("/api/vps/{id}"), Some(&token), None)
            .status,
        404
    );
    let low = l.login(LOW);
    let other = l.get(&token, "/api/vps").json[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        l.call("DELETE", &format!("/api/vps/{other}"), Some(&low), None)
            .status,
        404
    );
}

#[test]
fn snapshots_are_created_listed_and_deleted() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.running_vm(&token, "snappy", "Medium");
    let created = l.post(
        &token,
        &format!("/api/vps/{id}/snapshots"),
        json!({ "name": "snap-name" }),
    );
    assert_eq!(created.status, 201);
    let snap = created.json.clone();
    assert!(is_uuid(&snap["id"]));
    assert_eq!(snap["name"], "snap-name");
    assert_eq!(snap["vps_id"], json!(id));
    assert!(snap["size_gb"].as_f64().unwrap() > 0.0 && snap["size_gb"].as_f64().unwrap() < 80.0);
    assert_eq!(snap["created_at"], "2026-01-01T00:00:20Z");
    let list = l.get(&token, &format!("/api/vps/{id}/snapshots"));
    assert_eq!(list.json, json!([snap]));
    let path = format!("/api/vps/{id}/snapshots/{}", snap["id"].as_str().unwrap());
    let deleted = l.call("DELETE", &path, Some(&token), None);
    assert_eq!(deleted.json, json!({ "id": snap["id"], "deleted": true }));
    assert_eq!(l.call("DELETE", &path, Some(&token), None).status, 404);
    assert_eq!(
        l.get(&token, &format!("/api/vps/{id}/snapshots")).json,
        json!([])
    );

    let missing = l.post(&token, &format!("/api/vps/{id}/snapshots"), json!({}));
    assert_eq!((missing.status, missing.error()), (400, "name is required"));
    let fresh = l
        .post(
            &token,
            "/api/vps",
            json!({ "name": "new", "template": "debian-12-nano" }),
        )
        .json;
    let early = l.post(
        &token,
        &format!("/api/vps/{}/snapshots", fresh["id"].as_str().unwrap()),
        json!({ "name": "x" }),
    );
    assert_eq!(
        (early.status, early.error()),
        (409, "vps is still creating")
    );
    assert_eq!(
        l.post(&token, "/api/vps/nope/snapshots", json!({ "name": "x" }))
            .status,
        404
    );
}

#[test]
fn files_are_stored_per_vm() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.running_vm(&token, "files", "Nano");
    let put = l.raw(
        "PUT",
        &format!("/api/vps/{id}/files?path=/root/hello.txt"),
        Some(&token),
        b"hello\n".to_vec(),
        "127.0.0.1",
    );
    assert_eq!(put.status, 200);
    assert_eq!(put.json, json!({ "path": "/root/hello.txt", "size": 6 }));
    assert!(put.balance().is_some());
    let got = l.get(&token, &format!("/api/vps/{id}/files?path=/root/hello.txt"));
    assert_eq!(got.status, 200);
    assert_eq!(got.body, b"hello\n");
    assert_eq!(got.headers["content-type"], "application/octet-stream");
    let hostname = l.get(&token, &format!("/api/vps/{id}/files?path=/etc/hostname"));
    assert_eq!(hostname.body, b"files\n");
    let other = l.running_vm(&token, "files2", "Nano");
    assert_eq!(
        l.get(
            &token,
            &format!("/api/vps/{other}/files?path=/root/hello.txt")
        )
        .status,
        404
    );

    for method in ["GET", "PUT"] {
        let reply = l.raw(
            method,
            &format!("/api/vps/{id}/files"),
            Some(&token),
            Vec::new(),
            "127.0.0.1",
        );
        assert_eq!(
            (reply.status, reply.json.clone()),
            (400, json!({ "error": "path is required" }))
        );
    }
    let relative = l.get(&token, &format!("/api/vps/{id}/files?path=root/x"));
    assert_eq!(
        relative.error(),
        "path must be absolute (e.g. /root/script.sh)"
    );
    let missing = l.get(&token, &format!("/api/vps/{id}/files?path=/nope"));
    assert_eq!(
        (missing.status, missing.json.clone()),
        (404, json!({ "error": "not found" }))
    );
    l.post(&token, &format!("/api/vps/{id}/stop"), json!({}));
    let stopped = l.get(&token, &format!("/api/vps/{id}/files?path=/root/hello.txt"));
    assert_eq!(
        (stopped.status, stopped.json.clone()),
        (409, json!({ "error": "vps is not running" }))
    );
}

#[test]
fn synchronous_exec_answers_like_a_shell() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.running_vm(&token, "web-01", "Small");
    let exec = |l: &mut Lite, body: Value| l.post(&token, &format!("/api/vps/{id}/exec"), body);
    let uname = exec(&mut l, json!({ "command": "uname -a" }));
    assert_eq!(uname.status, 200);
    assert!(uname.json["stdout"]
        .as_str()
        .unwrap()
        .starts_with("Linux web-01 "));
    assert_eq!(uname.json["stderr"], "");
    assert_eq!(uname.json["exit_code"], 0);
    let ms = uname.json["duration_ms"].as_u64().unwrap();
    assert!((20..200).contains(&ms));
    assert!(uname.balance().is_some());

    let df = exec(
        &mut l,
        json!({ "command": "df -h /", "timeout_seconds": 30 }),
    );
    assert!(df.json["stdout"]
        .as_str()
        .unwrap()
        .starts_with("Filesystem"));
    l.raw(
        "PUT",
        &format!("/api/vps/{id}/files?path=/root/script.sh"),
        Some(&token),
        b"echo hi\n".to_vec(),
        "127.0.0.1",
    );
    assert_eq!(
        exec(&mut l, json!({ "command": "cat /root/script.sh" })).json["stdout"],
        "echo hi\n"
    );
    let missing = exec(&mut l, json!({ "command": "cat /nope" })).json;
    assert_eq!(
        (missing["exit_code"].clone(), missing["stderr"].clone()),
        (json!(1), json!("cat: /nope: No such file or directory\n"))
    );
    let unknown = exec(&mut l, json!({ "command": "frobnicate --now" })).json;
    assert_eq!(
        (unknown["exit_code"].clone(), unknown["stderr"].clone()),
        (json!(127), json!("sh: 1: frobnicate: not found\n"))
    );
    let slow = exec(&mut l, json!({ "command": "sleep 40" })).json;
    assert_eq!(
        slow,
        json!({ "stdout": "", "stderr": "command timed out after 30s\n", "exit_code": 124, "duration_ms": 30_000 })
    );
}

#[test]
fn exec_is_validated_and_needs_a_running_vm() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.running_vm(&token, "ex", "Nano");
    let exec = |l: &mut Lite, body: Value| l.post(&token, &format!("/api/vps/{id}/exec"), body);
    assert_eq!(exec(&mut l, json!({})).error(), "command is required");
    assert_eq!(
        exec(&mut l, json!({ "command": "ls", "timeout_seconds": 0 })).error(),
        "timeout_seconds must be an integer between 1 and 3600"
    );
    assert_eq!(
        exec(&mut l, json!({ "command": "ls", "background": "yes" })).error(),
        "background must be true or false"
    );
    l.post(&token, &format!("/api/vps/{id}/stop"), json!({}));
    let stopped = exec(&mut l, json!({ "command": "uptime" }));
    assert_eq!(
        (stopped.status, stopped.json.clone()),
        (409, json!({ "error": "vps is not running" }))
    );
    assert_eq!(
        l.post(&token, "/api/vps/nope/exec", json!({ "command": "uptime" }))
            .status,
        404
    );
}

#[test]
fn the_deny_list_blocks_dangerous_commands() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.running_vm(&token, "deny", "Nano");
    let cases = [
        ("rm -rf /", "rm -rf /"),
        ("rm   -rf    /var", "rm -rf /"),
        ("mkfs.ext4 /dev/vdb", "mkfs"),
        ("dd if=/dev/zero of=/dev/vda", "dd if="),
        (":(){ :|:& };:", ":(){ :|:& };"),
        ("sudo shutdown -h now", "shutdown"),
        ("reboot", "reboot"),
        ("systemctl poweroff", "poweroff"),
        ("halt -p", "halt"),
    ];
    for (command, pattern) in cases {
        let reply = l.post(
            &token,
            &format!("/api/vps/{id}/exec"),
            json!({ "command": command }),
        );
        assert_eq!(reply.status, 400, "{command}");
        assert_eq!(
            reply.json,
            json!({ "error": format!("command blocked: contains `{pattern}`") })
        );
    }
    let batch = l.post(
        &token,
        "/api/vps/batch/exec",
        json!({ "ids": [id], "command": "reboot" }),
    );
    assert_eq!(
        batch.json,
        json!({ "error": "command blocked: contains `reboot`" })
    );
    assert_eq!(
        l.post(
            &token,
            &format!("/api/vps/{id}/exec"),
            json!({ "command": "rm -rf ./build" })
        )
        .status,
        200
    );
}

#[test]
fn background_jobs_run_then_finish() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.running_vm(&token, "jobs", "Small");
    let queued = l.post(
        &token,
        &format!("/api/vps/{id}/exec"),
        json!({ "command": "apt-get update -y", "timeout_seconds": 300, "background": true }),
    );
    assert_eq!(queued.status, 200);
    assert_eq!(queued.json["status"], "pending");
    assert_eq!(queued.json["timeout_seconds"], 300);
    let job = queued.json["job_id"].as_str().unwrap().to_string();
    assert!(is_uuid(&json!(job)));
    let path = format!("/api/vps/{id}/jobs/{job}");

    let pending = l.get(&token, &path).json;
    assert_eq!(pending["status"], "pending");
    assert_eq!(pending["vps_id"], json!(id));
    assert_eq!(pending["command"], "apt-get update -y");
    assert_eq!(
        (pending["exit_code"].clone(), pending["finished_at"].clone()),
        (Value::Null, Value::Null)
    );
    l.advance(1_000);
    assert_eq!(l.get(&token, &path).json["status"], "running");
    l.advance(4_199);
    assert_eq!(l.get(&token, &path).json["status"], "running");
    l.advance(1);
    let done = l.get(&token, &path).json;
    assert_eq!(done["status"], "done");
    assert_eq!(done["exit_code"], 0);
    assert_eq!(done["duration_ms"], 4_200);
    assert!(done["stdout"]
        .as_str()
        .unwrap()
        .contains("Reading package lists"));
    assert_eq!(done["created_at"], "2026-01-01T00:00:20Z");
    assert_eq!(done["finished_at"], "2026-01-01T00:00:25Z");
    let late = l.call("DELETE", &path, Some(&token), None);
    assert_eq!(
        (late.status, late.json.clone()),
        (409, json!({ "error": "job is already done" }))
    );

    let slow = l.post(
        &token,
        &format!("/api/vps/{id}/exec"),
        json!({ "command": "sleep 10", "timeout_seconds": 3, "background": true }),
    );
    let slow_path = format!(
        "/api/vps/{id}/jobs/{}",
        slow.json["job_id"].as_str().unwrap()
    );
    l.advance(3_999);
    assert_eq!(l.get(&token, &slow_path).json["status"], "running");
    l.advance(1);
    let timed_out = l.get(&token, &slow_path).json;
    assert_eq!(timed_out["status"], "timeout");
    assert_eq!(timed_out["exit_code"], Value::Null);
    assert_eq!(timed_out["stderr"], "command timed out after 3s\n");

    assert_eq!(
        l.get(&token, &format!("/api/vps/{id}/jobs/nope")).status,
        404
    );
}

#[test]
fn a_running_job_can_be_cancelled() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.running_vm(&token, "cancel", "Nano");
    let queued = l.post(
        &token,
        &format!("/api/vps/{id}/exec"),
        json!({ "command": "sleep 60", "background": true }),
    );
    assert_eq!(queued.json["timeout_seconds"], 30);
    let path = format!(
        "/api/vps/{id}/jobs/{}",
        queued.json["job_id"].as_str().unwrap()
    );
    l.advance(2_000);
    let cancelled = l.call("DELETE", &path, Some(&token), None);
    assert_eq!(cancelled.status, 200);
    assert_eq!(cancelled.json["status"], "cancelled");
    assert_eq!(cancelled.json["duration_ms"], 1_000);
    l.advance(60_000);
    assert_eq!(l.get(&token, &path).json["status"], "cancelled");
    let again = l.call("DELETE", &path, Some(&token), None);
    assert_eq!(
        (again.status, again.json.clone()),
        (409, json!({ "error": "job is already cancelled" }))
    );
}

#[test]
fn batch_create_reports_each_item() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let body = json!({ "vms": [
        { "name": "w1", "template": "ubuntu-22-small" },
        { "name": "w2", "template": "ubuntu-22-small" },
        { "template": "ubuntu-22-small" },
        "w4"
    ] });
    let reply = l.post(&token, "/api/vps/batch", body);
    assert_eq!(reply.status, 207);
    let results = reply.json["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    assert_eq!(results[0]["index"], 0);
    assert_eq!(results[0]["vps"]["name"], "w1");
    assert_eq!(results[0]["vps"]["state"], "creating");
    assert_eq!(results[1]["vps"]["name"], "w2");
    assert_eq!(
        results[2],
        json!({ "index": 2, "error": "name is required" })
    );
    assert_eq!(
        results[3],
        json!({ "index": 3, "error": "item must be a JSON object" })
    );
    assert_eq!(l.get(&token, "/api/vps").json.as_array().unwrap().len(), 7);

    let cases = [
        (json!({}), "vms is required"),
        (
            json!({ "vms": {} }),
            "vms must be an array of VM create bodies",
        ),
        (json!({ "vms": [] }), "vms must not be empty"),
        (
            json!({ "vms": vec![json!({ "name": "x", "template": "debian-12-nano" }); 11] }),
            "vms holds 11 VMs; max_batch_size is 10",
        ),
    ];
    for (body, message) in cases {
        let reply = l.post(&token, "/api/vps/batch", body);
        assert_eq!((reply.status, reply.error()), (400, message));
    }
}

#[test]
fn batch_delete_reports_each_id() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let id = l.get(&token, "/api/vps").json[1]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let reply = l.post(
        &token,
        "/api/vps/batch/delete",
        json!({ "ids": [id, "uuid2"] }),
    );
    assert_eq!(reply.status, 207);
    assert_eq!(
        reply.json,
        json!({ "results": [{ "id": id, "deleted": true }, { "id": "uuid2", "error": "not found" }] })
    );
    assert_eq!(l.get(&token, "/api/vps").json.as_array().unwrap().len(), 4);
    assert_eq!(
        l.post(&token, "/api/vps/batch/delete", json!({ "ids": [] }))
            .error(),
        "ids must not be empty"
    );
    assert_eq!(
        l.post(&token, "/api/vps/batch/delete", json!({})).error(),
        "ids is required"
    );
}

#[test]
fn batch_exec_runs_on_each_vm() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let a = l.running_vm(&token, "a1", "Nano");
    let b = l.running_vm(&token, "b1", "Nano");
    l.post(&token, &format!("/api/vps/{b}/stop"), json!({}));
    let reply = l.post(
        &token,
        "/api/vps/batch/exec",
        json!({ "ids": [a, b, "uuid3"], "command": "hostname", "timeout_seconds": 10 }),
    );
    assert_eq!(reply.status, 200);
    let results = reply.json["results"].as_array().unwrap();
    assert_eq!(results[0]["vps_id"], json!(a));
    assert_eq!(results[0]["stdout"], "a1\n");
    assert_eq!(results[0]["exit_code"], 0);
    assert!(results[0]["duration_ms"].is_u64());
    assert_eq!(
        results[1],
        json!({ "vps_id": b, "error": "vps is not running" })
    );
    assert_eq!(
        results[2],
        json!({ "vps_id": "uuid3", "error": "not found" })
    );

    let background = l.post(
        &token,
        "/api/vps/batch/exec",
        json!({ "ids": [a], "command": "uptime", "background": true }),
    );
    let item = &background.json["results"][0];
    assert_eq!(item["vps_id"], json!(a));
    assert_eq!(item["status"], "pending");
    let path = format!("/api/vps/{a}/jobs/{}", item["job_id"].as_str().unwrap());
    l.advance(3_000);
    assert_eq!(l.get(&token, &path).json["status"], "done");
}

#[test]
fn ssh_keys_are_checked_and_fingerprinted() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let key = public_key(7);
    let created = l.post(
        &token,
        "/api/ssh-keys",
        json!({ "name": "my-key", "public_key": key }),
    );
    assert_eq!(created.status, 201);
    assert!(is_uuid(&created.json["id"]));
    assert_eq!(created.json["name"], "my-key");
    assert_eq!(created.json["public_key"], json!(key));
    let fingerprint = created.json["fingerprint"].as_str().unwrap();
    assert!(fingerprint.starts_with("SHA256:") && fingerprint.len() == 50);
    assert_eq!(created.json["created_at"], "2026-01-01T00:00:00Z");
    assert_eq!(
        l.get(&token, "/api/ssh-keys")
            .json
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let duplicate = l.post(
        &token,
        "/api/ssh-keys",
        json!({ "name": "again", "public_key": key }),
    );
    assert_eq!(
        (duplicate.status, duplicate.error()),
        (409, "public_key is already registered")
    );
    let bad = l.post(
        &token,
        "/api/ssh-keys",
        json!({ "name": "my-key", "public_key": "ssh-ed25519 ..." }),
    );
    assert_eq!(
        (bad.status, bad.error()),
        (
            400,
            "public_key must be an OpenSSH public key (e.g. ssh-ed25519 AAAAC3Nza… user@host)"
        )
    );
    assert_eq!(
        l.post(&token, "/api/ssh-keys", json!({ "public_key": key }))
            .error(),
        "name is required"
    );

    let id = created.json["id"].as_str().unwrap();
    let used = l.post(
        &token,
        "/api/vps",
        json!({ "name": "keyed", "template": "debian-12-nano", "ssh_key_ids": [id] }),
    );
    assert_eq!(used.json["ssh_key_ids"], json!([id]));
    let deleted = l.call("DELETE", &format!("/api/ssh-keys/{id}"), Some(&token), None);
    assert_eq!(deleted.json, json!({ "id": id, "deleted": true }));
    assert_eq!(
        l.call("DELETE", &format!("/api/ssh-keys/{id}"), Some(&token), None)
            .status,
        404
    );
}

#[test]
fn top_ups_must_be_between_5_and_50_dollars() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    for amount in [json!(4.99), json!(50.01), json!(0), json!(-10)] {
        let reply = l.post(
            &token,
            "/api/billing/add-funds",
            json!({ "amount": amount }),
        );
        assert_eq!(
            (reply.status, reply.json.clone()),
            (400, json!({ "error": "amount must be between 5 and 50" }))
        );
    }
    assert_eq!(
        l.post(&token, "/api/billing/add-funds", json!({})).error(),
        "amount is required"
    );
    assert_eq!(
        l.post(&token, "/api/billing/add-funds", json!({ "amount": "10" }))
            .error(),
        "amount must be a number (USD)"
    );
    let ten = l.post(&token, "/api/billing/add-funds", json!({ "amount": 10 }));
    assert_eq!(ten.status, 200);
    assert!(ten.json["url"]
        .as_str()
        .unwrap()
        .starts_with("https://checkout.stripe.com/c/pay/cs_"));
    assert_eq!(ten.balance(), Some("35.0000"));
    assert_eq!(
        l.post(&token, "/api/billing/add-funds", json!({ "amount": 5 }))
            .balance(),
        Some("40.0000")
    );
    assert_eq!(
        l.post(&token, "/api/billing/add-funds", json!({ "amount": 50 }))
            .balance(),
        Some("90.0000")
    );
}

#[test]
fn transactions_are_paged_newest_first() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    l.post(&token, "/api/billing/add-funds", json!({ "amount": 10 }));
    let page = l.get(&token, "/api/billing/transactions").json;
    assert_eq!(
        (
            page["total"].clone(),
            page["limit"].clone(),
            page["offset"].clone()
        ),
        (json!(6), json!(20), json!(0))
    );
    let items = page["transactions"].as_array().unwrap();
    assert_eq!(items.len(), 6);
    assert_eq!(items[0]["type"], "topup");
    assert_eq!(items[0]["amount"], 10.0);
    assert_eq!(items[0]["balance_after"], 35.0);
    assert_eq!(items[1]["type"], "charge");
    assert_eq!(items[1]["amount"], -1.25);
    assert_eq!(items[1]["balance_after"], 25.0);
    assert!(is_uuid(&items[0]["id"]));
    assert_eq!(items[5]["amount"], 30.0);

    let second = l
        .get(&token, "/api/billing/transactions?limit=1&offset=1")
        .json;
    assert_eq!(second["transactions"], json!([items[1]]));
    assert_eq!(
        (second["limit"].clone(), second["offset"].clone()),
        (json!(1), json!(1))
    );
    for query in ["limit=0", "limit=101", "limit=abc"] {
        let reply = l.get(&token, &format!("/api/billing/transactions?{query}"));
        assert_eq!(
            (reply.status, reply.error()),
            (400, "limit must be an integer between 1 and 100")
        );
    }
    assert_eq!(
        l.get(&token, "/api/billing/transactions?offset=-1").status,
        400
    );
}

#[test]
fn the_billing_email_can_be_set() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let reply = l.call(
        "PUT",
        "/api/billing/email",
        Some(&token),
        Some(json!({ "email": "ops@example.com" })),
    );
    assert_eq!(
        (reply.status, reply.json.clone()),
        (200, json!({ "email": "ops@example.com" }))
    );
    assert!(reply.balance().is_some());
    let bad = l.call(
        "PUT",
        "/api/billing/email",
        Some(&token),
        Some(json!({ "email": "ops" })),
    );
    assert_eq!(
        (bad.status, bad.error()),
        (400, "email must be an email address")
    );
}

#[test]
fn access_tokens_are_created_listed_and_revoked() {
    let mut l = Lite::new();
    let jwt = l.login(DEMO);
    let created = l.post(&jwt, "/api/tokens", json!({ "name": "ci-deploy" }));
    assert_eq!(created.status, 201);
    let secret = created.json["token"].as_str().unwrap().to_string();
    assert!(secret.starts_with("vtk_"));
    assert_eq!(created.json["name"], "ci-deploy");
    assert_eq!(created.json["spend_limit"], Value::Null);
    assert_eq!(created.json["spent"], 0);
    assert_eq!(created.json["created_at"], "2026-01-01T00:00:00Z");
    let id = created.json["id"].as_str().unwrap().to_string();

    let me = l.get(&secret, "/api/me");
    assert_eq!((me.status, me.json["email"].clone()), (200, json!(DEMO)));
    assert_eq!(me.balance(), Some("25.0000"));
    let list = l.get(&jwt, "/api/tokens").json;
    let listed = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == json!(id))
        .unwrap()
        .clone();
    assert!(listed.get("token").is_none());
    assert_eq!(listed["spent"], 0.0);

    let limited = l.post(
        &jwt,
        "/api/tokens",
        json!({ "name": "capped", "spend_limit": 2.5 }),
    );
    assert_eq!(limited.json["spend_limit"], 2.5);
    assert_eq!(
        l.post(
            &jwt,
            "/api/tokens",
            json!({ "name": "x", "spend_limit": -1 })
        )
        .error(),
        "spend_limit must be a positive USD amount"
    );
    assert_eq!(
        l.post(
            &jwt,
            "/api/tokens",
            json!({ "name": "x", "spend_limit": "5" })
        )
        .error(),
        "spend_limit must be a number"
    );
    assert_eq!(
        l.post(&jwt, "/api/tokens", json!({})).error(),
        "name is required"
    );

    let revoked = l.call("DELETE", &format!("/api/tokens/{id}"), Some(&jwt), None);
    assert_eq!(revoked.json, json!({ "id": id, "deleted": true }));
    assert_eq!(l.get(&secret, "/api/me").status, 401);
    assert_eq!(
        l.call("DELETE", &format!("/api/tokens/{id}"), Some(&jwt), None)
            .status,
        404
    );
}

#[test]
fn a_token_past_its_spend_limit_is_403() {
    let mut l = Lite::new();
    let jwt = l.login(DEMO);
    let created = l.post(
        &jwt,
        "/api/tokens",
        json!({ "name": "agent", "spend_limit": 0.01 }),
    );
    let secret = created.json["token"].as_str().unwrap().to_string();
    // Small costs 0.0208/h: 0.01 is spent after 29 charged minutes.
    let vm = l.running_vm(&secret, "agent-vm", "Small");
    l.advance(28 * MINUTE);
    assert_eq!(l.get(&secret, "/api/me").status, 200);
    l.advance(MINUTE);
    let refused = l.get(&secret, &format!("/api/vps/{vm}"));
    assert_eq!(
        (refused.status, refused.json.clone()),
        (403, json!({ "error": "spend limit reached" }))
    );
    assert!(refused.balance().is_some());
    assert_eq!(l.get(&jwt, &format!("/api/vps/{vm}")).status, 200);
    let tokens = l.get(&jwt, "/api/tokens").json;
    let agent = tokens
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "agent")
        .unwrap()
        .clone();
    assert_eq!(agent["spent"], 0.0101);
}

#[test]
fn every_authenticated_answer_carries_the_balance() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let replies = [
        l.get(&token, "/api/me"),
        l.get(&token, "/api/vps/nope"),
        l.post(&token, "/api/vps", json!({})),
        l.get(&token, "/api/ssh-keys"),
        l.get(&token, "/api/billing/transactions"),
    ];
    for reply in replies {
        assert_eq!(reply.balance(), Some("25.0000"), "{}", reply.status);
    }
}

#[test]
fn the_seeded_fleet_bills_the_demo_account() {
    let mut l = Lite::new();
    let token = l.login(DEMO);
    let vms = l.get(&token, "/api/vps").json;
    let per_hour: f64 = vms
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["state"] == "running")
        .map(|v| v["price_hourly"].as_f64().unwrap())
        .sum();
    assert!(per_hour > 0.0);
    l.advance(60 * MINUTE);
    let balance: f64 = l.get(&token, "/api/me").json["balance"].as_f64().unwrap();
    assert!(
        (balance - (25.0 - per_hour)).abs() < 0.0002,
        "{balance} vs {per_hour}"
    );
}

#[test]
fn thousands_of_vms_list_and_bill() {
    let mut l = Lite::with(Config {
        servers: 2_000,
        ..Config::default()
    });
    let token = l.login(DEMO);
    assert_eq!(
        l.get(&token, "/api/vps").json.as_array().unwrap().len(),
        2_000
    );
    l.advance(23 * 60 * MINUTE);
    let me = l.get(&token, "/api/me");
    assert_eq!(me.balance(), Some("0.0000"));
    let running = l
        .get(&token, "/api/vps")
        .json
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["state"] == "running")
        .count();
    assert_eq!(running, 0);
}

#[test]
fn an_injected_429_burst_uses_litevps_shape() {
    let mut l = Lite::new();
    let faults = sandbox::Faults {
        rate_limit_burst: 1,
        retry_after_secs: 3,
        ..Default::default()
    };
    l.sandbox.set_faults(Provider::Litevps, faults);
    let limited = l.call("GET", "/api/health", None, None);
    assert_eq!(
        (limited.status, limited.json.clone()),
        (429, json!({ "error": "rate limit exceeded" }))
    );
    assert_eq!(limited.headers["retry-after"], "3");
    assert_eq!(l.call("GET", "/api/health", None, None).status, 200);
}
