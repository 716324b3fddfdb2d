//! CyberPanel Cloud in the sandbox, driven through the public API with raw
//! HTTP requests built from the document's examples: every auth rule and
//! documented error, each endpoint's happy path, rate limits, deployment
//! progress and hourly billing as the clock moves.

use sandbox::{Config, Faults, ManualClock, Provider, Sandbox};
use serde_json::{json, Value};
use std::sync::Arc;

/// 2026-01-05T15:00:00Z, a full hour.
const T0: u64 = 1_767_625_200_000;
const MINUTE: u64 = 60_000;
const HOUR: u64 = 3_600_000;

struct Env {
    clock: Arc<ManualClock>,
    sandbox: Sandbox,
}

struct Answer {
    status: u16,
    body: Value,
    headers: http::HeaderMap,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn data(&self) -> &Value {
        &self.body["data"]
    }

    /// Asserts the documented error envelope with `status` and `code`.
    fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.body["success"], json!(false), "{}", self.body);
        assert_eq!(self.body["error_code"], json!(code), "{}", self.body);
        assert!(
            self.body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{}",
            self.body
        );
        assert!(
            self.body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{}",
            self.body
        );
        let keys: Vec<&String> = self.body.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["error", "error_code", "message", "success"]);
    }
}

fn env() -> Env {
    env_with(5)
}

fn env_with(servers: usize) -> Env {
    let clock = Arc::new(ManualClock::new(T0));
    let config = Config {
        servers,
        ..Config::default()
    };
    Env {
        sandbox: Sandbox::new(config, clock.clone()),
        clock,
    }
}

impl Env {
    /// The credential whose label starts with `label`.
    fn cred(&self, label: &str) -> String {
        let creds = self.sandbox.credentials();
        creds[&Provider::Cyberpanel]
            .iter()
            .find(|(l, _)| l.starts_with(label))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no credential {label}"))
    }

    fn full(&self) -> String {
        self.cred("api key")
    }

    fn send(
        &mut self,
        method: &str,
        path: &str,
        auth: Option<&str>,
        body: Option<&str>,
        ip: &str,
    ) -> Answer {
        let mut builder = http::Request::builder()
            .method(method)
            .uri(format!("/cyberpanel/api/v1{path}"));
        if let Some(auth) = auth {
            builder = builder.header("Authorization", auth);
        }
        if body.is_some() {
            builder = builder.header("Content-Type", "application/json");
        }
        let request = builder
            .body(body.unwrap_or("").as_bytes().to_vec())
            .unwrap();
        let response = self
            .sandbox
            .handle_from(&request, ip)
            .response
            .expect("answered");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = serde_json::from_slice(response.body()).unwrap_or(Value::Null);
        Answer {
            status,
            body,
            headers,
        }
    }

    fn get(&mut self, path: &str, key: &str) -> Answer {
        self.send(
            "GET",
            path,
            Some(&format!("Bearer {key}")),
            None,
            "127.0.0.1",
        )
    }

    fn post(&mut self, path: &str, key: &str, body: Option<&str>) -> Answer {
        self.send(
            "POST",
            path,
            Some(&format!("Bearer {key}")),
            body,
            "127.0.0.1",
        )
    }

    fn ok(&mut self, path: &str) -> Value {
        let key = self.full();
        let answer = self.get(path, &key);
        assert_eq!(answer.status, 200, "{path}: {}", answer.body);
        assert_eq!(answer.body["success"], json!(true));
        answer.data().clone()
    }
}

/// "-0.0082" → -82 (ten-thousandths).
fn units(amount: &str) -> i64 {
    let negative = amount.starts_with('-');
    let digits: String = amount.chars().filter(|c| c.is_ascii_digit()).collect();
    let (whole, frac) = amount.trim_start_matches('-').split_once('.').unwrap();
    let scale = 10i64.pow(4 - frac.len() as u32);
    let value = digits.parse::<i64>().unwrap() * scale;
    assert!(!whole.is_empty());
    if negative {
        -value
    } else {
        value
    }
}

/// Ten-thousandths as the two-decimal balance string.
fn two(amount: i64) -> String {
    let cents = (amount + 50) / 100;
    format!("{}.{:02}", cents / 100, cents % 100)
}

const CREATE_EXAMPLE: &str = r#"{
  "hostname": "my-server.example.com",
  "plan_id": 1,
  "location_code": "la",
  "template_id": "9000",
  "root_password": "SecurePass123",
  "ssh_key": "ssh-rsa AAAAB3NzaC1yc2E...",
  "webhook_url": "https://your-server.com/webhook"
}"#;

// ---------------------------------------------------------------- public

#[test]
fn health_needs_no_key_and_matches_the_document() {
    let mut env = env();
    let answer = env.send("GET", "/health", None, None, "127.0.0.1");
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body,
        json!({"success": true, "data": {"status": "healthy", "service": "CyberPanel Cloud API", "version": "1.0.0"}})
    );
    assert_eq!(answer.header("x-ratelimit-limit"), None);
}

#[test]
fn scopes_need_no_key_and_list_the_documented_seven() {
    let mut env = env();
    let answer = env.send("GET", "/scopes", None, None, "127.0.0.1");
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body,
        json!({"success": true, "data": {"scopes": [
            {"scope": "vps:read", "description": "VPS - Read"},
            {"scope": "vps:write", "description": "VPS - Create/Modify"},
            {"scope": "vps:delete", "description": "VPS - Delete"},
            {"scope": "billing:read", "description": "Billing - Read"},
            {"scope": "billing:write", "description": "Billing - Add Funds"},
            {"scope": "account:read", "description": "Account - Read Info"},
            {"scope": "all", "description": "Full Access - All Permissions"}
        ]}})
    );
}

// ---------------------------------------------------------------- auth

#[test]
fn missing_key_is_no_api_key() {
    let mut env = env();
    for path in ["/test", "/vps", "/account", "/billing", "/vps/45/status"] {
        env.send("GET", path, None, None, "127.0.0.1")
            .assert_error(401, "NO_API_KEY");
    }
    env.send("POST", "/vps/45/stop", None, None, "127.0.0.1")
        .assert_error(401, "NO_API_KEY");
    let key = env.full();
    env.send(
        "GET",
        "/test",
        Some(&format!("Token {key}")),
        None,
        "127.0.0.1",
    )
    .assert_error(401, "NO_API_KEY");
    env.send("GET", "/test", Some("Bearer "), None, "127.0.0.1")
        .assert_error(401, "NO_API_KEY");
}

#[test]
fn malformed_or_unknown_key_is_invalid_api_key() {
    let mut env = env();
    // The document's own example is not 64 hex digits.
    let doc_example = "cyp_live_3ac1ca2feaADSRTSAFDbcdd86f2dc01c4a574e4a34EWRWEb9d995a28723caERERE";
    let unknown = format!("cyp_live_{}", "ab".repeat(32));
    let short = "cyp_live_3ac1ca2f";
    let wrong_prefix = format!("cyp_test_{}", "ab".repeat(32));
    for key in [
        doc_example,
        unknown.as_str(),
        short,
        wrong_prefix.as_str(),
        "cyp_live_your_api_key_here",
    ] {
        let answer = env.get("/test", key);
        answer.assert_error(401, "INVALID_API_KEY");
        assert_eq!(answer.body["error"], json!("Invalid API key"));
    }
}

#[test]
fn expired_key_is_rejected() {
    let mut env = env();
    let key = env.cred("API key (expired)");
    let answer = env.get("/vps", &key);
    answer.assert_error(401, "EXPIRED_API_KEY");
    assert!(answer.body["message"]
        .as_str()
        .unwrap()
        .contains("2025-12-26T15:00:00Z"));
}

#[test]
fn inactive_key_is_rejected() {
    let mut env = env();
    let key = env.cred("API key (inactive)");
    env.get("/test", &key).assert_error(401, "INACTIVE_API_KEY");
}

#[test]
fn ip_whitelist_admits_only_its_address() {
    let mut env = env();
    let key = env.cred("API key (only from IP 203.0.113.50)");
    let auth = format!("Bearer {key}");
    let denied = env.send("GET", "/test", Some(&auth), None, "198.51.100.7");
    denied.assert_error(403, "IP_NOT_ALLOWED");
    assert!(denied.body["message"]
        .as_str()
        .unwrap()
        .contains("198.51.100.7"));
    env.send("GET", "/vps", Some(&auth), None, "127.0.0.1")
        .assert_error(403, "IP_NOT_ALLOWED");
    let allowed = env.send("GET", "/test", Some(&auth), None, "203.0.113.50");
    assert_eq!(allowed.status, 200);
    assert_eq!(allowed.data()["ip_address"], json!("203.0.113.50"));
    assert_eq!(allowed.data()["key_name"], json!("Office Key"));
}

#[test]
fn read_only_key_reads_but_cannot_write() {
    let mut env = env();
    let key = env.cred("API key (read-only");
    for path in [
        "/vps",
        "/vps/45",
        "/vps/summary",
        "/vps/plans",
        "/account",
        "/billing",
        "/account/api-keys",
    ] {
        assert_eq!(env.get(path, &key).status, 200, "{path}");
    }
    for path in [
        "/vps/45/stop",
        "/vps/45/start",
        "/vps/45/restart",
        "/vps/45/delete",
        "/vps/45/snapshots/create",
    ] {
        let answer = env.post(path, &key, Some(r#"{"name":"x1"}"#));
        answer.assert_error(403, "INSUFFICIENT_SCOPE");
        assert_eq!(
            answer.body["message"],
            json!("This endpoint requires the 'vps:write' scope")
        );
        assert_eq!(answer.header("x-ratelimit-limit"), Some("60"));
    }
    env.post("/vps/create", &key, Some(CREATE_EXAMPLE))
        .assert_error(403, "INSUFFICIENT_SCOPE");
    // Nothing changed.
    assert_eq!(env.ok("/vps/45")["status"], json!("running"));
}

#[test]
fn test_endpoint_reports_the_key() {
    let mut env = env();
    let key = env.full();
    let answer = env.get("/test", &key);
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body["message"],
        json!("Your API key is working correctly")
    );
    assert_eq!(
        answer.data(),
        &json!({
            "message": "API authentication successful!",
            "key_name": "Production Key",
            "key_prefix": &key[..12],
            "user_email": "user@example.com",
            "scopes": ["all"],
            "ip_address": "127.0.0.1",
            "request_count": 143
        })
    );
    assert_eq!(env.get("/test", &key).data()["request_count"], json!(144));
}

// ---------------------------------------------------------------- rate limits

#[test]
fn per_minute_limit_counts_headers_and_answers_429() {
    let mut env = env();
    let key = env.full();
    env.clock.advance_ms(10_000);
    let first = env.get("/test", &key);
    assert_eq!(first.header("x-ratelimit-limit"), Some("60"));
    assert_eq!(first.header("x-ratelimit-remaining"), Some("59"));
    let reset = (T0 / 1000 + 60).to_string();
    assert_eq!(first.header("x-ratelimit-reset"), Some(reset.as_str()));
    for n in 2..=60 {
        let answer = env.get("/vps/plans", &key);
        assert_eq!(answer.status, 200);
        assert_eq!(
            answer.header("x-ratelimit-remaining"),
            Some((60 - n).to_string().as_str())
        );
    }
    let limited = env.get("/test", &key);
    limited.assert_error(429, "RATE_LIMIT_EXCEEDED");
    assert_eq!(limited.body["error"], json!("Rate limit exceeded"));
    assert_eq!(
        limited.body["message"],
        json!("You have exceeded the per minute rate limit. Please retry after 50 seconds.")
    );
    assert_eq!(limited.header("retry-after"), Some("50"));
    assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
    // Other keys have their own windows.
    let other = env.cred("API key (read-only");
    assert_eq!(env.get("/test", &other).status, 200);
    // The next minute starts afresh.
    env.clock.advance_ms(50_000);
    let again = env.get("/test", &key);
    assert_eq!(again.status, 200);
    assert_eq!(again.header("x-ratelimit-remaining"), Some("59"));
}

#[test]
fn per_hour_limit_answers_429_until_the_hour_ends() {
    let mut env = env();
    let key = env.full();
    let mut served = 0;
    let limited = 'outer: loop {
        for _ in 0..59 {
            let answer = env.get("/test", &key);
            if answer.status == 429 {
                break 'outer answer;
            }
            served += 1;
        }
        env.clock.advance_ms(MINUTE);
    };
    assert_eq!(served, 1000);
    limited.assert_error(429, "RATE_LIMIT_EXCEEDED");
    // 1000 = 16 minutes of 59 + 56: the 429 comes at minute 16, 2640 s before the hour ends.
    assert_eq!(
        limited.body["message"],
        json!("You have exceeded the per hour rate limit. Please retry after 2640 seconds.")
    );
    assert_eq!(limited.header("retry-after"), Some("2640"));
    env.clock.advance_ms(30 * MINUTE);
    env.get("/test", &key)
        .assert_error(429, "RATE_LIMIT_EXCEEDED");
    env.clock.set_ms(T0 + HOUR);
    assert_eq!(env.get("/test", &key).status, 200);
}

#[test]
fn rate_limit_fault_uses_the_documented_body() {
    let mut env = env();
    env.sandbox.set_faults(
        Provider::Cyberpanel,
        Faults {
            rate_limit_burst: 1,
            retry_after_secs: 45,
            ..Faults::default()
        },
    );
    let key = env.full();
    let limited = env.get("/vps", &key);
    limited.assert_error(429, "RATE_LIMIT_EXCEEDED");
    assert_eq!(
        limited.body["message"],
        json!("You have exceeded the per minute rate limit. Please retry after 45 seconds.")
    );
    assert_eq!(limited.header("retry-after"), Some("45"));
    assert_eq!(env.get("/vps", &key).status, 200);
}

// ---------------------------------------------------------------- account

#[test]
fn account_matches_the_document() {
    let mut env = env();
    assert_eq!(
        env.ok("/account"),
        json!({
            "id": 123,
            "email": "user@example.com",
            "full_name": "John Doe",
            "balance": "150.00",
            "status": "active",
            "two_factor_enabled": true,
            "vps_ordering_enabled": true,
            "registration_date": "2024-01-15T10:30:00Z"
        })
    );
}

#[test]
fn billing_shows_balance_auto_funding_and_hourly_debits() {
    let mut env = env();
    let billing = env.ok("/billing");
    assert_eq!(billing["balance"], json!("150.00"));
    assert_eq!(
        billing["auto_funding"],
        json!({"enabled": true, "threshold": "10.00", "amount": "50.00"})
    );
    let invoices = billing["recent_invoices"].as_array().unwrap();
    assert!(!invoices.is_empty());
    let newest = &invoices[0];
    assert_eq!(newest["type"], json!("debit"));
    assert_eq!(newest["date"], json!("2026-01-05T15:00:00Z"));
    let mine = invoices
        .iter()
        .find(|i| i["description"] == json!("VPS Hourly Charge - my-server.example.com"))
        .expect("a charge for my-server.example.com");
    assert_eq!(mine["amount"], json!("-0.0082"));
    assert!(mine["id"].as_u64().is_some());
}

#[test]
fn api_keys_list_metadata_only() {
    let mut env = env();
    let key = env.full();
    let data = env.ok("/account/api-keys");
    assert_eq!(data["total"], json!(5));
    let keys = data["api_keys"].as_array().unwrap();
    assert_eq!(keys.len(), 5);
    let production = &keys[0];
    assert_eq!(production["id"], json!(1));
    assert_eq!(production["name"], json!("Production Key"));
    assert_eq!(production["key_prefix"], json!(&key[..12]));
    assert_eq!(production["scopes"], json!(["all"]));
    assert_eq!(production["is_active"], json!(true));
    assert_eq!(production["ip_whitelist"], json!([]));
    assert_eq!(production["expires_at"], json!(null));
    assert_eq!(production["request_count"], json!(143));
    assert_eq!(production["last_used_at"], json!("2026-01-05T15:00:00Z"));
    assert_eq!(production["last_used_ip"], json!("127.0.0.1"));
    assert_eq!(production["rate_limit_per_minute"], json!(60));
    assert_eq!(production["rate_limit_per_hour"], json!(1000));
    assert_eq!(production["created_at"], json!("2025-12-01T15:00:00Z"));
    assert_eq!(
        keys[1]["scopes"],
        json!(["vps:read", "account:read", "billing:read"])
    );
    assert_eq!(keys[2]["expires_at"], json!("2025-12-26T15:00:00Z"));
    assert_eq!(keys[3]["is_active"], json!(false));
    assert_eq!(keys[4]["ip_whitelist"], json!(["203.0.113.50"]));
    let text = data.to_string();
    for label in [
        "api key",
        "API key (read-only",
        "API key (expired",
        "API key (inactive",
        "API key (only from IP",
        "API key (second user",
    ] {
        let secret = env.cred(label);
        assert!(
            !text.contains(&secret[12..]),
            "a secret leaked into the key list"
        );
    }
}

#[test]
fn usage_logs_record_each_request_and_paginate() {
    let mut env = env();
    let key = env.full();
    env.clock.advance_ms(5_000);
    env.get("/vps", &key);
    env.clock.advance_ms(1_000);
    env.get("/vps/99999", &key);
    env.clock.advance_ms(1_000);
    let answer = env.get("/account/api-keys/1/usage?limit=2", &key);
    assert_eq!(answer.status, 200);
    let data = answer.data();
    assert_eq!(data["key_id"], json!(1));
    assert_eq!(data["key_name"], json!("Production Key"));
    assert_eq!(
        data["pagination"],
        json!({"limit": 2, "offset": 0, "total": 144, "has_more": true})
    );
    let logs = data["usage_logs"].as_array().unwrap();
    assert_eq!(logs[0]["endpoint"], json!("/api/v1/vps/99999"));
    assert_eq!(logs[0]["method"], json!("GET"));
    assert_eq!(logs[0]["ip_address"], json!("127.0.0.1"));
    assert_eq!(logs[0]["response_status"], json!(404));
    assert_eq!(logs[0]["created_at"], json!("2026-01-05T15:00:06Z"));
    assert!(logs[0]["response_time_ms"]
        .as_u64()
        .is_some_and(|ms| ms > 0));
    assert_eq!(logs[1]["endpoint"], json!("/api/v1/vps"));
    assert_eq!(logs[1]["response_status"], json!(200));
    let default = env.get("/account/api-keys/1/usage", &key);
    assert_eq!(default.data()["pagination"]["limit"], json!(50));
    assert_eq!(default.data()["usage_logs"].as_array().unwrap().len(), 50);
    let capped = env.get("/account/api-keys/1/usage?limit=500&offset=100", &key);
    assert_eq!(
        capped.data()["pagination"],
        json!({"limit": 100, "offset": 100, "total": 146, "has_more": false})
    );
    assert_eq!(capped.data()["usage_logs"].as_array().unwrap().len(), 46);
    env.get("/account/api-keys/1/usage?limit=abc", &key)
        .assert_error(400, "INVALID_PARAMETER");
    env.get("/account/api-keys/1/usage?offset=-1", &key)
        .assert_error(400, "INVALID_PARAMETER");
    // Unknown keys and the other user's key are not found.
    env.get("/account/api-keys/99/usage", &key)
        .assert_error(404, "KEY_NOT_FOUND");
    env.get("/account/api-keys/6/usage", &key)
        .assert_error(404, "KEY_NOT_FOUND");
    let fresh = env.get("/account/api-keys/5/usage", &key);
    assert_eq!(
        fresh.data()["pagination"],
        json!({"limit": 50, "offset": 0, "total": 0, "has_more": false})
    );
}

// ---------------------------------------------------------------- catalogues

#[test]
fn plans_start_with_the_documented_two_and_rate_monthly_over_730() {
    let mut env = env();
    let plans = env.ok("/vps/plans")["plans"].as_array().unwrap().clone();
    assert!(plans.len() > 2);
    assert_eq!(
        plans[..2],
        [
            json!({"id": 1, "name": "Starter", "cpu_cores": 1, "ram_mb": 1024, "disk_gb": 25, "bandwidth_gb": 1000, "monthly_price": "6.00", "price_hourly": "0.0082"}),
            json!({"id": 2, "name": "Basic", "cpu_cores": 2, "ram_mb": 2048, "disk_gb": 50, "bandwidth_gb": 2000, "monthly_price": "12.00", "price_hourly": "0.0164"}),
        ]
    );
    for plan in &plans {
        let monthly = units(plan["monthly_price"].as_str().unwrap());
        let hourly = units(plan["price_hourly"].as_str().unwrap());
        assert_eq!(hourly, (monthly + 365) / 730, "{plan}");
    }
}

#[test]
fn locations_are_la_de_and_eu() {
    let mut env = env();
    let locations = env.ok("/vps/locations")["locations"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(
        locations[..2],
        [
            json!({"code": "la", "name": "Los Angeles, USA", "country": "US", "available_ips": 15, "is_available": true}),
            json!({"code": "de", "name": "Falkenstein, Germany", "country": "DE", "available_ips": 8, "is_available": true}),
        ]
    );
    assert_eq!(locations[2]["code"], json!("eu"));
    assert_eq!(locations.len(), 3);
}

#[test]
fn templates_are_exactly_the_documented_list() {
    let mut env = env();
    assert_eq!(
        env.ok("/vps/templates"),
        json!({"templates": [
            {"id": "101", "name": "CyberPanel", "os": "AlmaLinux 8", "description": "CyberPanel pre-installed with OpenLiteSpeed"},
            {"id": "9000", "name": "Ubuntu 22.04", "os": "Ubuntu 22.04 LTS", "description": "Clean Ubuntu 22.04 LTS installation"},
            {"id": "9022", "name": "Ubuntu 24.04", "os": "Ubuntu 24.04 LTS", "description": "Clean Ubuntu 24.04 LTS installation"},
            {"id": "9010", "name": "Debian 12", "os": "Debian 12", "description": "Clean Debian 12 installation"},
            {"id": "9001", "name": "AlmaLinux 8", "os": "AlmaLinux 8", "description": "Clean AlmaLinux 8 installation"},
            {"id": "9008", "name": "AlmaLinux 9", "os": "AlmaLinux 9", "description": "Clean AlmaLinux 9 installation"},
            {"id": "9125", "name": "Windows Server 2022", "os": "Windows Server 2022", "description": "Windows Server 2022 (requires $20 min balance)"}
        ]})
    );
}

// ---------------------------------------------------------------- fleet

#[test]
fn list_filters_and_paginates_the_callers_fleet() {
    let mut env = env();
    let data = env.ok("/vps");
    assert_eq!(
        data["pagination"],
        json!({"total": 5, "limit": 50, "offset": 0, "has_more": false})
    );
    let instances = data["instances"].as_array().unwrap();
    let ids: Vec<u64> = instances
        .iter()
        .map(|i| i["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [45, 46, 47, 48, 49]);
    assert_eq!(
        instances[0],
        json!({"id": 45, "vmid": 281, "name": "my-server.example.com", "status": "running", "ip_address": "198.51.100.145", "is_suspended": false, "created_at": "2026-01-05T10:00:00Z"})
    );
    for instance in instances {
        let ip = instance["ip_address"].as_str().unwrap();
        assert!(
            ["198.51.100.", "203.0.113.", "192.0.2."]
                .iter()
                .any(|p| ip.starts_with(p)),
            "{ip}"
        );
    }
    let suspended = env.ok("/vps?status=suspended");
    assert_eq!(suspended["instances"].as_array().unwrap().len(), 1);
    assert_eq!(suspended["instances"][0]["id"], json!(47));
    assert_eq!(suspended["instances"][0]["status"], json!("suspended"));
    assert_eq!(suspended["instances"][0]["is_suspended"], json!(true));
    let stopped = env.ok("/vps?status=stopped");
    assert!(stopped["instances"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == json!(46)));
    assert!(stopped["instances"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["status"] == json!("stopped")));
    let la = env.ok("/vps?location=la");
    assert!(la["instances"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == json!(45)));
    for instance in la["instances"].as_array().unwrap() {
        let id = instance["id"].as_u64().unwrap();
        assert_eq!(
            env.ok(&format!("/vps/{id}"))["location"]["code"],
            json!("la")
        );
    }
    let page = env.ok("/vps?limit=2&offset=1");
    assert_eq!(
        page["pagination"],
        json!({"total": 5, "limit": 2, "offset": 1, "has_more": true})
    );
    let ids: Vec<&Value> = page["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    assert_eq!(ids, [&json!(46), &json!(47)]);
    let key = env.full();
    env.get("/vps?status=deleted", &key)
        .assert_error(400, "INVALID_PARAMETER");
    env.get("/vps?location=xx", &key)
        .assert_error(400, "LOCATION_NOT_FOUND");
    env.get("/vps?limit=ten", &key)
        .assert_error(400, "INVALID_PARAMETER");
}

#[test]
fn detail_matches_the_document_shape() {
    let mut env = env();
    let data = env.ok("/vps/45");
    assert_eq!(
        data,
        json!({
            "id": 45,
            "vmid": 281,
            "name": "my-server.example.com",
            "status": "running",
            "ip_address": "198.51.100.145",
            "is_suspended": false,
            "created_at": "2026-01-05T10:00:00Z",
            "updated_at": "2026-01-05T10:03:00Z",
            "plan": {"id": 1, "name": "Starter", "cpu_cores": 1, "ram_mb": 1024, "disk_gb": 25, "bandwidth_gb": 1000, "price": "6.00"},
            "location": {"code": "la", "name": "Los Angeles, USA"},
            "server": {"hostname": "lax-power.cyberpersons.com"},
            "billing": {"hourly_rate": "0.0082", "billing_start": "2026-01-05T10:00:00Z", "last_billed": "2026-01-05T15:00:00Z"}
        })
    );
    let suspended = env.ok("/vps/47");
    assert_eq!(suspended["is_suspended"], json!(true));
}

#[test]
fn other_users_and_unknown_vps_are_not_found() {
    let mut env = env();
    let key = env.full();
    let theirs: u64 = env.cred("Second user's VPS id").parse().unwrap();
    for id in [theirs, 99_999] {
        for path in ["", "/status", "/console", "/deployment", "/snapshots"] {
            env.get(&format!("/vps/{id}{path}"), &key)
                .assert_error(404, "VPS_NOT_FOUND");
        }
        for action in ["start", "stop", "restart", "delete"] {
            env.post(&format!("/vps/{id}/{action}"), &key, None)
                .assert_error(404, "VPS_NOT_FOUND");
        }
    }
    // The owner sees it; the other user's list holds only it.
    let jane = env.cred("API key (second user");
    let answer = env.get("/vps", &jane);
    assert_eq!(answer.data()["pagination"]["total"], json!(1));
    assert_eq!(answer.data()["instances"][0]["id"], json!(theirs));
    assert_eq!(
        answer.data()["instances"][0]["name"],
        json!("jane-blog.example.org")
    );
    env.get("/vps/45", &jane).assert_error(404, "VPS_NOT_FOUND");
}

#[test]
fn deleted_vps_answers_vps_deleted_and_already_deleted() {
    let mut env = env();
    let key = env.full();
    let id: u64 = env.cred("Deleted VPS id").parse().unwrap();
    assert_eq!(id, 50);
    for path in ["", "/status", "/console", "/deployment", "/snapshots"] {
        env.get(&format!("/vps/{id}{path}"), &key)
            .assert_error(400, "VPS_DELETED");
    }
    for action in ["start", "stop", "restart"] {
        env.post(&format!("/vps/{id}/{action}"), &key, None)
            .assert_error(400, "VPS_DELETED");
    }
    env.post(
        &format!("/vps/{id}/snapshots/create"),
        &key,
        Some(r#"{"name":"a1"}"#),
    )
    .assert_error(400, "VPS_DELETED");
    env.post(&format!("/vps/{id}/delete"), &key, None)
        .assert_error(400, "VPS_ALREADY_DELETED");
    assert!(env.ok("/vps")["instances"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["id"] != json!(id)));
}

#[test]
fn suspended_vps_refuses_actions_but_can_be_read() {
    let mut env = env();
    let key = env.full();
    let id: u64 = env.cred("Suspended VPS id").parse().unwrap();
    assert_eq!(id, 47);
    for action in ["start", "stop", "restart", "delete"] {
        let answer = env.post(&format!("/vps/{id}/{action}"), &key, None);
        answer.assert_error(403, "VPS_SUSPENDED");
        assert!(answer.body["message"]
            .as_str()
            .unwrap()
            .contains("port scanning"));
    }
    env.get(&format!("/vps/{id}/console"), &key)
        .assert_error(403, "VPS_SUSPENDED");
    env.post(
        &format!("/vps/{id}/snapshots/create"),
        &key,
        Some(r#"{"name":"a1"}"#),
    )
    .assert_error(403, "VPS_SUSPENDED");
    let status = env.ok(&format!("/vps/{id}/status"));
    assert_eq!(status["status"], json!("suspended"));
    assert_eq!(status["qmpstatus"], json!("stopped"));
    assert_eq!(env.ok(&format!("/vps/{id}"))["status"], json!("suspended"));
}

#[test]
fn summary_counts_the_fleet() {
    let mut env = env();
    let list = env.ok("/vps");
    let instances = list["instances"].as_array().unwrap().clone();
    let count = |status: &str| {
        instances
            .iter()
            .filter(|i| i["status"] == json!(status))
            .count()
    };
    let mut monthly = 0;
    let mut la = 0;
    for instance in &instances {
        let detail = env.ok(&format!("/vps/{}", instance["id"]));
        if detail["status"] == json!("running") {
            monthly += units(detail["plan"]["price"].as_str().unwrap());
        }
        if detail["location"]["code"] == json!("la") {
            la += 1;
        }
    }
    let summary = env.ok("/vps/summary");
    assert_eq!(summary["total_instances"], json!(5));
    assert_eq!(summary["running"], json!(count("running")));
    assert_eq!(summary["stopped"], json!(count("stopped")));
    assert_eq!(summary["suspended"], json!(1));
    assert_eq!(summary["total_monthly_cost"], json!(two(monthly)));
    assert_eq!(summary["locations"]["la"], json!(la));
    let located: u64 = summary["locations"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(located, 5);
}

#[test]
fn live_status_reports_metrics_that_move_with_time() {
    let mut env = env();
    let first = env.ok("/vps/45/status");
    assert_eq!(first["vps_id"], json!(45));
    assert_eq!(first["vmid"], json!(281));
    assert_eq!(first["name"], json!("my-server.example.com"));
    assert_eq!(first["status"], json!("running"));
    assert_eq!(first["qmpstatus"], json!("running"));
    assert_eq!(first["cpu"]["cores"], json!(1));
    let cpu = first["cpu"]["usage_percent"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&cpu));
    assert_eq!(first["memory"]["total_bytes"], json!(1_073_741_824u64));
    let used = first["memory"]["used_bytes"].as_u64().unwrap();
    assert!(used > 0 && used < 1_073_741_824);
    let percent = first["memory"]["usage_percent"].as_f64().unwrap();
    assert!((percent - used as f64 * 100.0 / 1_073_741_824.0).abs() < 0.06);
    // Booted at 10:03 when its deployment finished: 4 h 57 min ago.
    assert_eq!(first["uptime_seconds"], json!(17_820));
    assert!(first["pid"].as_u64().is_some());
    env.clock.advance_ms(10 * MINUTE);
    let later = env.ok("/vps/45/status");
    assert_eq!(later["uptime_seconds"], json!(18_420));
    for (group, counter) in [
        ("disk", "read_bytes"),
        ("disk", "write_bytes"),
        ("network", "in_bytes"),
        ("network", "out_bytes"),
    ] {
        let before = first[group][counter].as_u64().unwrap();
        let after = later[group][counter].as_u64().unwrap();
        assert!(
            before > 0 && after > before,
            "{group}.{counter}: {before} -> {after}"
        );
    }
    let stopped = env.ok("/vps/46/status");
    assert_eq!(stopped["status"], json!("stopped"));
    assert_eq!(stopped["qmpstatus"], json!("stopped"));
    assert_eq!(stopped["uptime_seconds"], json!(0));
    assert_eq!(stopped["pid"], json!(null));
    assert_eq!(stopped["network"]["in_bytes"], json!(0));
}

// ---------------------------------------------------------------- actions

#[test]
fn power_actions_change_state_and_repeat_harmlessly() {
    let mut env = env();
    let key = env.full();
    let stopped = env.post("/vps/45/stop", &key, None);
    assert_eq!(stopped.status, 200);
    assert_eq!(
        stopped.body,
        json!({"success": true, "data": {"id": 45, "vmid": 281, "name": "my-server.example.com", "status": "stopped", "ip_address": "198.51.100.145"}, "message": "VPS stopped successfully"})
    );
    assert_eq!(env.ok("/vps/45")["status"], json!("stopped"));
    assert_eq!(
        env.post("/vps/45/stop", &key, None).data()["status"],
        json!("stopped")
    );
    env.clock.advance_ms(MINUTE);
    let started = env.post("/vps/45/start", &key, None);
    assert_eq!(started.data()["status"], json!("running"));
    assert_eq!(started.body["message"], json!("VPS started successfully"));
    let again = env.post("/vps/45/start", &key, None);
    assert_eq!(again.status, 200);
    assert_eq!(again.data()["status"], json!("running"));
    env.clock.advance_ms(30_000);
    assert_eq!(env.ok("/vps/45/status")["uptime_seconds"], json!(30));
    let restarted = env.post("/vps/45/restart", &key, None);
    assert_eq!(
        restarted.body["message"],
        json!("VPS restarted successfully")
    );
    assert_eq!(restarted.data()["status"], json!("running"));
    assert_eq!(env.ok("/vps/45/status")["uptime_seconds"], json!(0));
    assert_eq!(
        env.ok("/vps/45")["updated_at"],
        json!("2026-01-05T15:01:30Z")
    );
}

#[test]
fn delete_removes_the_vps_once() {
    let mut env = env();
    let key = env.full();
    let answer = env.post("/vps/45/delete", &key, None);
    assert_eq!(
        answer.body,
        json!({"success": true, "data": {"deleted": true, "vps_id": 45, "name": "my-server.example.com", "vmid": 281}, "message": "VPS \"my-server.example.com\" deleted successfully"})
    );
    env.get("/vps/45", &key).assert_error(400, "VPS_DELETED");
    env.post("/vps/45/start", &key, None)
        .assert_error(400, "VPS_DELETED");
    env.post("/vps/45/delete", &key, None)
        .assert_error(400, "VPS_ALREADY_DELETED");
    assert_eq!(env.ok("/vps")["pagination"]["total"], json!(4));
    assert_eq!(env.ok("/vps/summary")["total_instances"], json!(4));
    assert_eq!(
        env.ok("/vps/locations")["locations"][0]["available_ips"],
        json!(16)
    );
}

#[test]
fn console_gives_a_five_minute_novnc_url() {
    let mut env = env();
    let key = env.full();
    let answer = env.get("/vps/45/console", &key);
    assert_eq!(
        answer.body,
        json!({
            "success": true,
            "data": {
                "vps_id": 45,
                "console_url": "https://lax-power.cyberpersons.com:8006/?console=kvm&novnc=1&vmid=281&node=lax-power",
                "type": "novnc",
                "expires_in_seconds": 300
            },
            "message": "Console URL generated. Valid for 5 minutes."
        })
    );
}

// ---------------------------------------------------------------- create

fn create_body(changes: Value) -> String {
    let mut body: Value = serde_json::from_str(CREATE_EXAMPLE).unwrap();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() {
            body.as_object_mut().unwrap().remove(k);
        } else {
            body[k] = v.clone();
        }
    }
    body.to_string()
}

#[test]
fn create_validates_in_the_documented_order() {
    let mut env = env();
    let key = env.full();
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"hostname": null, "root_password": ""}),
            "MISSING_FIELDS",
        ),
        (
            json!({"hostname": "localhost", "root_password": "short", "plan_id": 99}),
            "INVALID_HOSTNAME",
        ),
        (
            json!({"hostname": "my_server.example.com"}),
            "INVALID_HOSTNAME",
        ),
        (
            json!({"root_password": "Ab1", "plan_id": 99}),
            "PASSWORD_TOO_SHORT",
        ),
        (
            json!({"root_password": "a1".repeat(37)}),
            "PASSWORD_TOO_LONG",
        ),
        (
            json!({"root_password": "SecurePassword", "plan_id": 99}),
            "PASSWORD_WEAK",
        ),
        (json!({"root_password": "1234567890"}), "PASSWORD_WEAK"),
        (
            json!({"plan_id": 99, "location_code": "xx"}),
            "PLAN_NOT_FOUND",
        ),
        (json!({"plan_id": "one"}), "PLAN_NOT_FOUND"),
        (
            json!({"location_code": "xx", "template_id": "1"}),
            "LOCATION_NOT_FOUND",
        ),
        (
            json!({"template_id": "1234", "plan_id": 6}),
            "INVALID_TEMPLATE",
        ),
        (json!({"template_id": 9000}), "INVALID_TEMPLATE"),
        (json!({"plan_id": 6}), "INSUFFICIENT_BALANCE"),
    ];
    for (changes, code) in cases {
        let answer = env.post("/vps/create", &key, Some(&create_body(changes.clone())));
        answer.assert_error(400, code);
        assert_eq!(answer.header("x-ratelimit-limit"), Some("60"), "{changes}");
    }
    let missing = env.post("/vps/create", &key, Some("{}"));
    assert_eq!(
        missing.body["message"],
        json!(
            "Missing required fields: hostname, plan_id, location_code, template_id, root_password"
        )
    );
    env.post("/vps/create", &key, Some("{not json"))
        .assert_error(400, "INVALID_JSON");
    let balance = env.post(
        "/vps/create",
        &key,
        Some(&create_body(json!({"plan_id": 6}))),
    );
    assert!(balance.body["message"].as_str().unwrap().contains("192.00"));
    // Nothing was created.
    assert_eq!(env.ok("/vps")["pagination"]["total"], json!(5));
}

#[test]
fn windows_needs_twenty_dollars() {
    let mut env = env();
    let jane = env.cred("API key (second user");
    let windows = create_body(json!({"hostname": "win.example.org", "template_id": "9125"}));
    let answer = env.post("/vps/create", &jane, Some(&windows));
    answer.assert_error(400, "INSUFFICIENT_BALANCE");
    assert!(answer.body["message"].as_str().unwrap().contains("20.00"));
    let linux = create_body(json!({"hostname": "box.example.org", "webhook_url": null}));
    let created = env.post("/vps/create", &jane, Some(&linux));
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(created.data()["webhook_configured"], json!(false));
    // The main account (150.00) may order Windows.
    let key = env.full();
    assert_eq!(env.post("/vps/create", &key, Some(&windows)).status, 200);
}

#[test]
fn create_then_deployment_advances_through_ten_tasks() {
    let mut env = env();
    let key = env.full();
    let created = env.post(
        "/vps/create",
        &key,
        Some(&create_body(json!({"hostname": "new-box.example.com"}))),
    );
    assert_eq!(created.status, 200, "{}", created.body);
    assert_eq!(
        created.body["message"],
        json!("VPS deployment started. Use the deployment endpoint to check progress.")
    );
    let data = created.data().clone();
    let id = data["vps_id"].as_u64().unwrap();
    assert_eq!(id, 52);
    let ip = data["ip_address"].as_str().unwrap().to_string();
    assert!(ip.starts_with("198.51.100."));
    assert_eq!(
        data,
        json!({
            "vps_id": 52,
            "name": "new-box.example.com",
            "status": "deploying",
            "ip_address": ip,
            "plan": {"id": 1, "name": "Starter", "price": "6.00"},
            "location": "la",
            "template": "9000",
            "deployment_url": "/api/v1/vps/52/deployment",
            "estimated_time_seconds": 180,
            "webhook_configured": true
        })
    );
    assert_eq!(
        env.ok("/vps/locations")["locations"][0]["available_ips"],
        json!(14)
    );

    let start = env.ok("/vps/52/deployment");
    assert_eq!(start["deployment_status"], json!("in_progress"));
    assert_eq!(start["current_task"], json!("validate_resources"));
    assert_eq!(start["progress_percent"], json!(10));
    assert_eq!(start["tasks_completed"], json!(0));
    assert_eq!(start["is_ready"], json!(false));
    assert_eq!(env.ok("/vps/52")["status"], json!("deploying"));
    env.post("/vps/52/start", &key, None)
        .assert_error(500, "START_FAILED");

    env.clock.advance_ms(90_000);
    let midway = env.ok("/vps/52/deployment");
    assert_eq!(
        midway,
        json!({
            "vps_id": 52,
            "deployment_status": "in_progress",
            "vps_status": "deploying",
            "current_task": "configure_network",
            "progress_percent": 70,
            "tasks": [
                {"name": "validate_resources", "status": "completed", "order": 1},
                {"name": "allocate_ip", "status": "completed", "order": 2},
                {"name": "create_vm", "status": "completed", "order": 3},
                {"name": "configure_hardware", "status": "completed", "order": 4},
                {"name": "apply_cloud_init", "status": "completed", "order": 5},
                {"name": "start_vm", "status": "completed", "order": 6},
                {"name": "configure_network", "status": "in_progress", "order": 7},
                {"name": "wait_for_guest_agent", "status": "pending", "order": 8},
                {"name": "verify_connectivity", "status": "pending", "order": 9},
                {"name": "finalize", "status": "pending", "order": 10}
            ],
            "tasks_completed": 6,
            "tasks_total": 10,
            "started_at": "2026-01-05T15:00:00Z",
            "is_ready": false
        })
    );
    assert_eq!(env.ok("/vps/52/status")["qmpstatus"], json!("running"));

    env.clock.advance_ms(90_000);
    let key_answer = env.get("/vps/52/deployment", &key);
    assert_eq!(
        key_answer.body["message"],
        json!("VPS deployment completed successfully")
    );
    assert_eq!(
        key_answer.data(),
        &json!({
            "vps_id": 52,
            "deployment_status": "completed",
            "vps_status": "running",
            "current_task": null,
            "progress_percent": 100,
            "tasks_completed": 10,
            "tasks_total": 10,
            "started_at": "2026-01-05T15:00:00Z",
            "completed_at": "2026-01-05T15:03:00Z",
            "is_ready": true,
            "access_info": {"ip_address": ip, "ssh_port": 22, "ssh_user": "root"}
        })
    );
    assert_eq!(env.ok("/vps/52")["status"], json!("running"));
    assert_eq!(env.ok("/vps/52/status")["uptime_seconds"], json!(97));
    assert_eq!(
        env.post("/vps/52/stop", &key, None).data()["status"],
        json!("stopped")
    );
    assert_eq!(env.ok("/vps")["pagination"]["total"], json!(6));

    // Its first hourly charge comes at 16:00.
    env.clock.set_ms(T0 + HOUR);
    env.post("/vps/52/start", &key, None);
    env.clock.set_ms(T0 + 2 * HOUR);
    let billing = env.ok("/billing");
    let charged = billing["recent_invoices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["description"] == json!("VPS Hourly Charge - new-box.example.com"))
        .count();
    assert_eq!(charged, 1);
    assert_eq!(
        env.ok("/vps/52")["billing"]["last_billed"],
        json!("2026-01-05T17:00:00Z")
    );
}

#[test]
fn location_without_free_ips_is_refused() {
    let mut env = env();
    let key = env.full();
    for n in 0..8 {
        let body =
            create_body(json!({"hostname": format!("de-{n}.example.com"), "location_code": "de"}));
        assert_eq!(env.post("/vps/create", &key, Some(&body)).status, 200);
    }
    let locations = env.ok("/vps/locations");
    assert_eq!(locations["locations"][1]["available_ips"], json!(0));
    assert_eq!(locations["locations"][1]["is_available"], json!(false));
    let body = create_body(json!({"hostname": "de-9.example.com", "location_code": "de"}));
    env.post("/vps/create", &key, Some(&body))
        .assert_error(400, "LOCATION_NOT_FOUND");
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshots_list_and_create() {
    let mut env = env();
    let key = env.full();
    assert_eq!(
        env.ok("/vps/45/snapshots"),
        json!({"vps_id": 45, "snapshots": [
            {"name": "pre-upgrade-snapshot", "description": "Before system upgrade", "created_at": "2026-01-04T10:00:00Z", "vmstate": false}
        ]})
    );
    env.clock.advance_ms(HOUR);
    let body = r#"{"name": "pre_upgrade_snapshot", "description": "Before upgrading to Ubuntu 24.04", "include_ram": false}"#;
    let created = env.post("/vps/45/snapshots/create", &key, Some(body));
    assert_eq!(
        created.body,
        json!({
            "success": true,
            "data": {
                "vps_id": 45,
                "snapshot": {"name": "pre_upgrade_snapshot", "description": "Before upgrading to Ubuntu 24.04", "created_at": "2026-01-05T16:00:00Z"}
            },
            "message": "Snapshot created successfully"
        })
    );
    let with_ram = env.post(
        "/vps/45/snapshots/create",
        &key,
        Some(r#"{"name": "Live_2", "include_ram": true}"#),
    );
    assert_eq!(with_ram.status, 200);
    let list = env.ok("/vps/45/snapshots")["snapshots"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(list.len(), 3);
    assert_eq!(
        list[2],
        json!({"name": "Live_2", "description": null, "created_at": "2026-01-05T16:00:00Z", "vmstate": true})
    );

    let bad = env.post(
        "/vps/45/snapshots/create",
        &key,
        Some(r#"{"name": "pre-upgrade"}"#),
    );
    bad.assert_error(400, "MISSING_FIELDS");
    assert_eq!(
        bad.body["message"],
        json!("name may contain only letters, digits and underscores (e.g. pre_upgrade_snapshot)")
    );
    let missing = env.post(
        "/vps/45/snapshots/create",
        &key,
        Some(r#"{"description": "x"}"#),
    );
    missing.assert_error(400, "MISSING_FIELDS");
    assert_eq!(
        missing.body["message"],
        json!("Missing required fields: name")
    );
    env.post(
        "/vps/45/snapshots/create",
        &key,
        Some(r#"{"name": "has space"}"#),
    )
    .assert_error(400, "MISSING_FIELDS");
    env.post("/vps/45/snapshots/create", &key, Some(body))
        .assert_error(400, "SNAPSHOT_EXISTS");
    env.post(
        "/vps/45/snapshots/create",
        &key,
        Some(r#"{"name": "a1", "include_ram": "yes"}"#),
    )
    .assert_error(400, "INVALID_PARAMETER");
}

// ---------------------------------------------------------------- billing over time

#[test]
fn hourly_charges_draw_the_balance_down() {
    let mut env = env();
    let jane = env.cred("API key (second user");
    let vps: u64 = env.cred("Second user's VPS id").parse().unwrap();
    assert_eq!(env.get("/billing", &jane).data()["balance"], json!("15.00"));
    env.clock.advance_ms(10 * HOUR + 20 * MINUTE);
    let billing = env.get("/billing", &jane).data().clone();
    // Basic: 12.00 / 730 = 0.0164 an hour, ten hours.
    assert_eq!(billing["balance"], json!("14.84"));
    assert_eq!(billing["auto_funding"]["enabled"], json!(false));
    let invoices = billing["recent_invoices"].as_array().unwrap();
    assert_eq!(invoices.len(), 13);
    assert!(invoices.iter().all(|i| i["description"]
        == json!("VPS Hourly Charge - jane-blog.example.org")
        && i["amount"] == json!("-0.0164")
        && i["type"] == json!("debit")));
    assert_eq!(invoices[0]["date"], json!("2026-01-06T01:00:00Z"));
    assert_eq!(invoices[1]["date"], json!("2026-01-06T00:00:00Z"));
    let ids: Vec<u64> = invoices.iter().map(|i| i["id"].as_u64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] > w[1]));
    assert_eq!(env.get("/account", &jane).data()["balance"], json!("14.84"));
    assert_eq!(
        env.get(&format!("/vps/{vps}"), &jane).data()["billing"]["last_billed"],
        json!("2026-01-06T01:00:00Z")
    );
    // Stopped machines are not charged.
    env.post(&format!("/vps/{vps}/stop"), &jane, None);
    env.clock.advance_ms(5 * HOUR);
    assert_eq!(env.get("/billing", &jane).data()["balance"], json!("14.84"));
}

#[test]
fn main_account_balance_falls_by_the_running_fleets_rates() {
    let mut env = env();
    let mut hourly = 0;
    for instance in env.ok("/vps?status=running")["instances"]
        .as_array()
        .unwrap()
        .clone()
    {
        let detail = env.ok(&format!("/vps/{}", instance["id"]));
        hourly += units(detail["billing"]["hourly_rate"].as_str().unwrap());
    }
    assert!(hourly > 0);
    env.clock.advance_ms(3 * HOUR);
    let billing = env.ok("/billing");
    assert_eq!(billing["balance"], json!(two(150 * 10_000 - 3 * hourly)));
    let newest: i64 = billing["recent_invoices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["date"] == json!("2026-01-05T18:00:00Z"))
        .map(|i| units(i["amount"].as_str().unwrap()))
        .sum();
    assert_eq!(newest, -hourly);
}

#[test]
fn a_large_fleet_lists_and_auto_funding_tops_up() {
    let mut env = env_with(3000);
    let list = env.ok("/vps?limit=100&offset=2900");
    assert_eq!(list["pagination"]["total"], json!(3000));
    assert_eq!(list["instances"].as_array().unwrap().len(), 100);
    let ips: Vec<String> = list["instances"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["ip_address"].as_str().unwrap().to_string())
        .collect();
    assert!(ips.iter().any(|ip| ip.starts_with("2001:db8:")));
    env.clock.advance_ms(48 * HOUR);
    let billing = env.ok("/billing");
    let invoices = billing["recent_invoices"].as_array().unwrap();
    assert_eq!(invoices.len(), 20);
    assert!(invoices
        .iter()
        .any(|i| i["description"] == json!("Auto-Funding Top-up") && i["type"] == json!("credit")));
    let balance = units(billing["balance"].as_str().unwrap());
    assert!(
        balance >= 10 * 10_000,
        "auto-funding keeps the balance above its threshold"
    );
    let summary = env.ok("/vps/summary");
    assert_eq!(summary["total_instances"], json!(3000));
}

// ---------------------------------------------------------------- routing

#[test]
fn unknown_paths_and_wrong_methods() {
    let mut env = env();
    let key = env.full();
    env.get("/nope", &key).assert_error(404, "NOT_FOUND");
    env.get("/vps/abc", &key).assert_error(404, "NOT_FOUND");
    env.get("/vps/45/", &key).assert_error(404, "NOT_FOUND");
    env.send("GET", "/health/", None, None, "127.0.0.1")
        .assert_error(404, "NOT_FOUND");
    let wrong = env.get("/vps/45/start", &key);
    wrong.assert_error(405, "METHOD_NOT_ALLOWED");
    assert_eq!(wrong.header("allow"), Some("POST"));
    let wrong = env.post("/vps", &key, None);
    wrong.assert_error(405, "METHOD_NOT_ALLOWED");
    assert_eq!(wrong.header("allow"), Some("GET"));
    env.send(
        "DELETE",
        "/vps/45",
        Some(&format!("Bearer {key}")),
        None,
        "127.0.0.1",
    )
    .assert_error(405, "METHOD_NOT_ALLOWED");
}

#[test]
fn the_same_seed_gives_the_same_platform() {
    let mut a = env();
    let mut b = env();
    assert_eq!(a.sandbox.credentials(), b.sandbox.credentials());
    assert_eq!(a.ok("/vps"), b.ok("/vps"));
    assert_eq!(a.ok("/vps/46/status"), b.ok("/vps/46/status"));
    let other = Sandbox::new(
        Config {
            seed: 7,
            ..Config::default()
        },
        Arc::new(ManualClock::new(T0)),
    );
    assert_ne!(
        other.credentials()[&Provider::Cyberpanel],
        a.sandbox.credentials()[&Provider::Cyberpanel]
    );
}
