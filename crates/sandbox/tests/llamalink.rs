//! LlamaLink through the sandbox's public API, with requests built by hand
//! from the API reference's examples: auth, every documented error, each
//! endpoint's happy path, idempotent orders, and behaviour over time.

use sandbox::{Config, ManualClock, Provider, Sandbox};
use serde_json::{json, Value};
use std::sync::Arc;

/// 2026-01-01T00:00:00Z.
const START: u64 = 1_767_225_600_000;

struct Reply {
    status: u16,
    json: Value,
    headers: http::HeaderMap,
}

struct Llama {
    sandbox: Sandbox,
    clock: Arc<ManualClock>,
    card: String,
    no_card: String,
}

impl Llama {
    fn new() -> Self {
        Self::with(Config::default())
    }

    fn with(config: Config) -> Self {
        let clock = Arc::new(ManualClock::new(START));
        let sandbox = Sandbox::new(config, clock.clone());
        let creds = sandbox.credentials().remove(&Provider::Llamalink).unwrap();
        let key = |label: &str| creds.iter().find(|(l, _)| l == label).unwrap().1.clone();
        Self {
            card: key("api key"),
            no_card: key("API key (no payment method)"),
            sandbox,
            clock,
        }
    }

    fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Value>,
    ) -> Reply {
        let mut builder = http::Request::builder()
            .method(method)
            .uri(format!("/llamalink{path}"));
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        if body.is_some() {
            builder = builder.header("content-type", "application/json");
        }
        let bytes = body
            .map(|b| serde_json::to_vec(&b).unwrap())
            .unwrap_or_default();
        let response = self
            .sandbox
            .handle(&builder.body(bytes).unwrap())
            .response
            .unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let json = serde_json::from_slice(response.body()).unwrap_or(Value::Null);
        Reply {
            status,
            json,
            headers,
        }
    }

    /// A request with the saved-card account's key.
    fn get(&mut self, path: &str) -> Reply {
        let auth = format!("Bearer {}", self.card);
        self.send("GET", path, &[("authorization", &auth)], None)
    }

    /// A POST with `key` and an optional operation id.
    fn post(&mut self, key: &str, path: &str, op: Option<&str>, body: Value) -> Reply {
        let auth = format!("Bearer {key}");
        let mut headers = vec![("authorization", auth.as_str())];
        if let Some(op) = op {
            headers.push(("x-provision-op-id", op));
        }
        self.send("POST", path, &headers, Some(body))
    }

    fn order(&mut self, op: &str) -> Reply {
        let key = self.card.clone();
        self.post(
            &key,
            "/user/subscribe-vps",
            Some(op),
            json!({ "planId": "spark", "os": "ubuntu-22" }),
        )
    }

    fn custom(&mut self, body: Value) -> Reply {
        let key = self.card.clone();
        self.post(
            &key,
            "/user/custom-packages",
            Some("my-unique-op-002"),
            body,
        )
    }

    fn advance(&self, ms: u64) {
        self.clock.advance_ms(ms);
    }
}

/// The document's custom-package example body.
fn custom_example() -> Value {
    json!({
        "name": "my-api-vps", "cpuType": "xeonE5", "cpuCores": 4, "ram": 8, "storageType": "ssd",
        "storageGB": 160, "ipv4": 1, "estimatedPrice": 362.4, "os": "ubuntu-22"
    })
}

fn error(reply: &Reply) -> &str {
    reply.json["error"]
        .as_str()
        .unwrap_or_else(|| panic!("no error in {}", reply.json))
}

#[test]
fn catalogues_are_public_and_match_the_document() {
    let mut l = Llama::new();
    let plans = l.send("GET", "/platform/vps-plans", &[], None);
    assert_eq!(plans.status, 200);
    assert_eq!(plans.json["shopPurchasesEnabled"], true);
    assert_eq!(
        plans.json["items"][0],
        json!({ "id": "spark", "name": "Llama Spark", "price": 54.0, "currency": "ILS", "cpuCores": 2, "ramGB": 2, "storageGB": 50 })
    );
    let pricing = &plans.json["custom"]["pricing"];
    assert_eq!(plans.json["custom"]["endpoint"], "/user/custom-packages");
    assert_eq!(pricing["ramPerGB"], 7.0);
    assert_eq!(
        pricing["cpuPerCore"],
        json!({ "xeonE5": 15.6, "xeonGold": 17.0 })
    );
    assert_eq!(pricing["storagePerGB"], json!({ "ssd": 1.5, "hdd": 1.2 }));
    assert_eq!(pricing["ipv4Each"], 4.0);

    let os = l.send("GET", "/platform/os-templates", &[], None);
    assert_eq!(os.status, 200);
    assert_eq!(
        os.json["items"][0],
        json!({ "id": "ubuntu-22", "label": "Ubuntu 22.04", "enabled": true })
    );
    assert_eq!(
        os.json["items"][1],
        json!({ "id": "windows-2022", "label": "Windows Server 2022", "enabled": true })
    );
    assert!(os.json["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["enabled"] == false));
}

#[test]
fn missing_authorization_is_401() {
    let mut l = Llama::new();
    let reply = l.send("GET", "/user/vps", &[], None);
    assert_eq!(reply.status, 401);
    assert_eq!(
        reply.json,
        json!({ "error": "Missing Authorization header" })
    );
    let blank = l.send("GET", "/user/profile", &[("authorization", "  ")], None);
    assert_eq!(blank.status, 401);
}

#[test]
fn unknown_or_malformed_keys_are_403() {
    let mut l = Llama::new();
    let card = l.card.clone();
    for header in [
        "Bearer llk_YOUR_KEY",
        "Bearer sk_live_abc",
        &format!("Basic {card}"),
        &card,
        "Bearer ",
    ] {
        let reply = l.send("GET", "/user/vps", &[("authorization", header)], None);
        assert_eq!(reply.status, 403, "{header}");
        assert_eq!(reply.json, json!({ "error": "Invalid or expired API key" }));
    }
}

#[test]
fn unknown_paths_are_404_and_wrong_methods_405() {
    let mut l = Llama::new();
    let missing = l.get("/user/servers");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json, json!({ "error": "Not found" }));
    assert_eq!(l.get("/user/vps/reboot/42").status, 404);
    let card = l.card.clone();
    let wrong = l.post(&card, "/user/vps", None, json!({}));
    assert_eq!(wrong.status, 405);
    assert_eq!(wrong.json, json!({ "error": "Method not allowed" }));
    assert_eq!(wrong.headers["allow"], "GET");
    let wrong = l.get("/user/subscribe-vps");
    assert_eq!(wrong.status, 405);
    assert_eq!(wrong.headers["allow"], "POST");
    assert_eq!(
        l.post(&card, "/user/vps/restart/42", None, json!({}))
            .status,
        405
    );
}

#[test]
fn saved_cards_profile_and_the_account_without_a_card() {
    let mut l = Llama::new();
    let cards = l.get("/user/payment");
    assert_eq!(cards.status, 200);
    assert_eq!(
        cards.json,
        json!([{ "id": 3, "last4dig": "4242", "exp_month": 12, "exp_year": 2027, "brand": "visa" }])
    );
    let profile = l.get("/user/profile");
    assert_eq!(
        profile.json,
        json!({
            "id": 7, "username": "client1", "email": "user@example.com", "realname": "Jane Doe",
            "phone": "+972501234567", "userpfp": "avatar-7.png", "role": "user"
        })
    );
    let auth = format!("Bearer {}", l.no_card);
    let none = l.send("GET", "/user/payment", &[("authorization", &auth)], None);
    assert_eq!(none.json, json!([]));
    let servers = l.send("GET", "/user/vps", &[("authorization", &auth)], None);
    assert_eq!(servers.json, json!([]));
    let profile = l.send("GET", "/user/profile", &[("authorization", &auth)], None);
    assert_eq!(profile.json["id"], 8);
}

#[test]
fn the_seeded_fleet_starts_with_the_documents_server() {
    let mut l = Llama::new();
    let list = l.get("/user/vps");
    assert_eq!(list.status, 200);
    let servers = list.json.as_array().unwrap();
    assert_eq!(servers.len(), 5);
    let first = &servers[0];
    assert_eq!(first["id"], 42);
    assert_eq!(first["name"], "production-web");
    assert_eq!(first["status"], "running");
    assert_eq!(first["paymentStatus"], "active");
    assert_eq!(first["disk"], 40.5);
    assert_eq!(first["cpus_avail"], 4);
    assert_eq!(first["memory"]["max"], 4);
    assert_eq!(first["ip_addresses"], json!(["203.0.113.50"]));
    assert!(first["uptime"].as_u64().unwrap() >= 2 * 86_400);
    let ids: Vec<u64> = servers.iter().map(|s| s["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, vec![42, 43, 44, 45, 46]);
    for server in servers {
        let status = server["status"].as_str().unwrap();
        assert!(status == "running" || status == "stopped", "{status}");
        let ip = server["ip_addresses"][0].as_str().unwrap();
        assert!(
            ["203.0.113.", "198.51.100.", "192.0.2."]
                .iter()
                .any(|p| ip.starts_with(p)),
            "{ip}"
        );
        let used = server["memory"]["usage_percent"].as_u64().unwrap();
        if status == "running" {
            assert!(used > 0 && used <= 100);
        } else {
            assert_eq!(server["cpu_used"], 0);
            assert_eq!(server["uptime"], 0);
        }
    }
    let names: std::collections::HashSet<&str> = servers
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 5);

    let one = l.get("/user/vps/42");
    assert_eq!(one.status, 200);
    assert_eq!(one.json["name"], "production-web");
    assert_eq!(one.json["ip_addresses"], json!(["203.0.113.50"]));
    for path in ["/user/vps/9999", "/user/vps/abc"] {
        let missing = l.get(path);
        assert_eq!(missing.status, 404);
        assert_eq!(missing.json, json!({ "error": "VPS not found" }));
    }
}

#[test]
fn another_accounts_server_is_not_found() {
    let mut l = Llama::new();
    let auth = format!("Bearer {}", l.no_card);
    let reply = l.send("GET", "/user/vps/42", &[("authorization", &auth)], None);
    assert_eq!(reply.status, 404);
    let reply = l.send(
        "GET",
        "/user/vps/stop/42",
        &[("authorization", &auth)],
        None,
    );
    assert_eq!(reply.status, 404);
}

#[test]
fn a_shop_order_provisions_over_a_minute() {
    let mut l = Llama::new();
    let subscriptions_before = l.get("/user/subscriptions").json.as_array().unwrap().len();
    let order = l.order("my-unique-op-001");
    assert_eq!(order.status, 201);
    assert_eq!(
        order.json,
        json!({ "subscribed": true, "vpsId": 47, "message": "Server provisioned successfully." })
    );

    let expected = [
        (0, "in_progress", 0, "queued"),
        (6_000, "in_progress", 10, "allocating"),
        (24_000, "in_progress", 50, "installing os"),
        (18_000, "in_progress", 80, "booting"),
        (11_999, "in_progress", 99, "booting"),
        (1, "success", 100, "completed"),
    ];
    for (step, status, percent, message) in expected {
        l.advance(step);
        let progress = l.get("/user/vps/provision-progress/my-unique-op-001");
        assert_eq!(progress.status, 200);
        assert_eq!(
            progress.json,
            json!({ "status": status, "percent": percent, "vpsId": 47, "message": message })
        );
        let server = l.get("/user/vps/47");
        let shown = if status == "success" {
            "running"
        } else {
            "provisioning"
        };
        assert_eq!(server.json["status"], shown, "after {percent}%");
    }
    let server = l.get("/user/vps/47");
    assert_eq!(server.json["name"], "vps-47");
    assert_eq!(server.json["cpus_avail"], 2);
    assert_eq!(server.json["memory"]["max"], 2);
    assert_eq!(server.json["uptime"], 0);
    l.advance(90_000);
    assert_eq!(l.get("/user/vps/47").json["uptime"], 90);

    let subscriptions = l.get("/user/subscriptions").json;
    let list = subscriptions.as_array().unwrap();
    assert_eq!(list.len(), subscriptions_before + 1);
    let last = list.last().unwrap();
    assert_eq!(last["type"], "vps");
    assert_eq!(last["name"], "VPS Llama Spark");
    assert_eq!(last["priceMonthly"], 54.0);
    assert_eq!(last["status"], "active");
    assert_eq!(last["renewalDate"], "2026-02-01");
}

#[test]
fn a_new_subscription_is_pending_until_the_server_is_ready() {
    let mut l = Llama::new();
    l.order("op-pending");
    let subscriptions = l.get("/user/subscriptions").json;
    assert_eq!(
        subscriptions.as_array().unwrap().last().unwrap()["status"],
        "pending"
    );
    l.advance(60_000);
    let subscriptions = l.get("/user/subscriptions").json;
    assert_eq!(
        subscriptions.as_array().unwrap().last().unwrap()["status"],
        "active"
    );
}

#[test]
fn a_retried_order_returns_the_first_result_and_charges_once() {
    let mut l = Llama::new();
    let count = |l: &mut Llama, path: &str| l.get(path).json.as_array().unwrap().len();
    let subscriptions = count(&mut l, "/user/subscriptions");
    let servers = count(&mut l, "/user/vps");

    let first = l.order("retry-op-1");
    l.advance(3_000);
    let retry = l.order("retry-op-1");
    assert_eq!(first.status, 201);
    assert_eq!(retry.status, 201);
    assert_eq!(retry.json, first.json);
    assert_eq!(count(&mut l, "/user/subscriptions"), subscriptions + 1);
    assert_eq!(count(&mut l, "/user/vps"), servers + 1);

    let custom_first = l.custom(custom_example());
    let custom_retry = l.custom(custom_example());
    assert_eq!(custom_first.json["vpsId"], 48);
    assert_eq!(custom_retry.json, custom_first.json);
    assert_eq!(count(&mut l, "/user/subscriptions"), subscriptions + 2);

    let other = l.order("retry-op-2");
    assert_eq!(other.json["vpsId"], 49);
    assert_eq!(count(&mut l, "/user/subscriptions"), subscriptions + 3);
    assert_eq!(count(&mut l, "/user/vps"), servers + 3);
}

#[test]
fn a_rejected_order_does_not_claim_its_operation_id() {
    let mut l = Llama::new();
    let card = l.card.clone();
    let bad = l.post(
        &card,
        "/user/subscribe-vps",
        Some("op-x"),
        json!({ "planId": "nope", "os": "ubuntu-22" }),
    );
    assert_eq!(bad.status, 400);
    let missing = l.get("/user/vps/provision-progress/op-x");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.json,
        json!({ "error": "Provisioning operation not found" })
    );
    let good = l.order("op-x");
    assert_eq!(good.status, 201);
    assert_eq!(l.get("/user/vps/provision-progress/op-x").status, 200);
}

#[test]
fn orders_need_an_operation_id() {
    let mut l = Llama::new();
    let card = l.card.clone();
    for path in ["/user/subscribe-vps", "/user/custom-packages"] {
        let reply = l.post(
            &card,
            path,
            None,
            json!({ "planId": "spark", "os": "ubuntu-22" }),
        );
        assert_eq!(reply.status, 400);
        assert_eq!(
            reply.json,
            json!({ "error": "x-provision-op-id header is required" })
        );
        let reply = l.post(
            &card,
            path,
            Some("has spaces/and slash"),
            json!({ "planId": "spark", "os": "ubuntu-22" }),
        );
        assert_eq!(reply.status, 400);
        assert!(error(&reply).starts_with("x-provision-op-id must be"));
    }
}

#[test]
fn shop_orders_validate_plan_and_os() {
    let mut l = Llama::new();
    let card = l.card.clone();
    let cases = [
        (json!({ "os": "ubuntu-22" }), "planId is required"),
        (
            json!({ "planId": 5, "os": "ubuntu-22" }),
            "planId must be a string",
        ),
        (
            json!({ "planId": "gold", "os": "ubuntu-22" }),
            "planId must be one of the ids from /platform/vps-plans (got \"gold\")",
        ),
        (json!({ "planId": "spark" }), "os is required"),
        (
            json!({ "planId": "spark", "os": "templeos" }),
            "os must be one of the ids from /platform/os-templates (got \"templeos\")",
        ),
        (
            json!({ "planId": "spark", "os": "centos-7" }),
            "os centos-7 is not available for new servers",
        ),
        (json!(["spark"]), "Request body must be a JSON object"),
    ];
    for (body, message) in cases {
        let reply = l.post(&card, "/user/subscribe-vps", Some("op-validate"), body);
        assert_eq!(reply.status, 400);
        assert_eq!(error(&reply), message);
    }
}

#[test]
fn without_a_saved_card_orders_and_websites_are_402() {
    let mut l = Llama::new();
    let key = l.no_card.clone();
    let shop = l.post(
        &key,
        "/user/subscribe-vps",
        Some("op-1"),
        json!({ "planId": "spark", "os": "ubuntu-22" }),
    );
    assert_eq!(shop.status, 402);
    assert_eq!(shop.json, json!({ "error": "No valid payment method" }));
    let custom = l.post(
        &key,
        "/user/custom-packages",
        Some("op-2"),
        custom_example(),
    );
    assert_eq!(custom.status, 402);
    assert_eq!(custom.json, json!({ "error": "No valid payment method" }));
    let site = l.post(
        &key,
        "/user/websites/new",
        None,
        json!({ "domain": "mysite.com", "planId": "business", "phpVersion": "8.2" }),
    );
    assert_eq!(site.status, 402);
    assert_eq!(site.json, json!({ "error": "No valid payment method" }));
    let auth = format!("Bearer {key}");
    let subscriptions = l.send(
        "GET",
        "/user/subscriptions",
        &[("authorization", &auth)],
        None,
    );
    assert_eq!(subscriptions.json, json!([]));
    let progress = l.send(
        "GET",
        "/user/vps/provision-progress/op-1",
        &[("authorization", &auth)],
        None,
    );
    assert_eq!(progress.status, 404);
}

#[test]
fn the_documents_custom_package_is_priced_and_built() {
    let mut l = Llama::new();
    let reply = l.custom(custom_example());
    assert_eq!(reply.status, 201);
    assert_eq!(
        reply.json,
        json!({ "subscribed": true, "vpsId": 47, "message": "Server provisioned successfully." })
    );
    let server = l.get("/user/vps/47");
    assert_eq!(server.json["name"], "my-api-vps");
    assert_eq!(server.json["cpus_avail"], 4);
    assert_eq!(server.json["memory"]["max"], 8);
    assert_eq!(server.json["ip_addresses"].as_array().unwrap().len(), 1);
    let subscriptions = l.get("/user/subscriptions").json;
    let last = subscriptions.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["name"], "Custom VPS my-api-vps");
    assert_eq!(last["priceMonthly"], 362.4);
}

#[test]
fn estimated_price_may_drift_two_agorot_and_no_more() {
    let mut l = Llama::new();
    let card = l.card.clone();
    for (i, (price, ok)) in [
        (362.42, true),
        (362.38, true),
        (362.43, false),
        (360.0, false),
    ]
    .into_iter()
    .enumerate()
    {
        let mut body = custom_example();
        body["estimatedPrice"] = json!(price);
        let reply = l.post(
            &card,
            "/user/custom-packages",
            Some(&format!("drift-{i}")),
            body,
        );
        if ok {
            assert_eq!(reply.status, 201, "{price}");
        } else {
            assert_eq!(reply.status, 400, "{price}");
            assert_eq!(
                reply.json,
                json!({ "error": "estimatedPrice does not match the server price (expected 362.40)" })
            );
        }
    }
    let mut gold = custom_example();
    gold["cpuType"] = json!("xeonGold");
    gold["storageType"] = json!("hdd");
    gold["ipv4"] = json!(2);
    gold["estimatedPrice"] = json!(1.0);
    let reply = l.post(&card, "/user/custom-packages", Some("gold"), gold);
    // 17 × 4 + 7 × 8 + 1.2 × 160 + 4 × 2 = 324
    assert_eq!(
        reply.json,
        json!({ "error": "estimatedPrice does not match the server price (expected 324.00)" })
    );
}

#[test]
fn every_custom_field_is_validated() {
    let mut l = Llama::new();
    let cases: [(&str, Value, &str); 13] = [
        ("name", json!(null), "name is required"),
        (
            "name",
            json!("my vps"),
            "name must be 1 to 63 letters, digits, '-' or '.'",
        ),
        (
            "cpuType",
            json!("epyc"),
            "cpuType must be one of xeonE5, xeonGold",
        ),
        (
            "cpuCores",
            json!(0),
            "cpuCores must be a whole number from 1 to 64",
        ),
        (
            "cpuCores",
            json!(2.5),
            "cpuCores must be a whole number from 1 to 64",
        ),
        ("ram", json!(null), "ram is required"),
        (
            "ram",
            json!("8"),
            "ram must be a whole number from 1 to 512",
        ),
        (
            "storageType",
            json!("nvme"),
            "storageType must be one of ssd, hdd",
        ),
        (
            "storageGB",
            json!(5),
            "storageGB must be a whole number from 10 to 4000",
        ),
        (
            "ipv4",
            json!(-1),
            "ipv4 must be a whole number from 0 to 16",
        ),
        (
            "estimatedPrice",
            json!("362.4"),
            "estimatedPrice must be a number",
        ),
        ("estimatedPrice", json!(null), "estimatedPrice is required"),
        (
            "os",
            json!("windows-95"),
            "os must be one of the ids from /platform/os-templates (got \"windows-95\")",
        ),
    ];
    for (field, value, message) in cases {
        let mut body = custom_example();
        body[field] = value;
        let reply = l.custom(body);
        assert_eq!(reply.status, 400, "{field}");
        assert_eq!(error(&reply), message, "{field}");
    }
    assert_eq!(l.get("/user/vps").json.as_array().unwrap().len(), 5);
}

#[test]
fn windows_needs_32_gb_of_disk() {
    let mut l = Llama::new();
    let card = l.card.clone();
    let windows = |gb: u32| {
        let price = 15.6 * 2.0 + 7.0 * 4.0 + 1.5 * f64::from(gb) + 4.0;
        json!({
            "name": "win-01", "cpuType": "xeonE5", "cpuCores": 2, "ram": 4, "storageType": "ssd",
            "storageGB": gb, "ipv4": 1, "estimatedPrice": price, "os": "windows-2022"
        })
    };
    let small = l.post(
        &card,
        "/user/custom-packages",
        Some("win-small"),
        windows(20),
    );
    assert_eq!(small.status, 400);
    assert_eq!(
        small.json,
        json!({ "error": "Windows requires at least 32GB disk (storageGB is 20)" })
    );
    let enough = l.post(&card, "/user/custom-packages", Some("win-ok"), windows(32));
    assert_eq!(enough.status, 201);
    let linux = l.post(&card, "/user/custom-packages", Some("linux-small"), {
        let mut body = windows(20);
        body["os"] = json!("debian-12");
        body
    });
    assert_eq!(linux.status, 201);
}

#[test]
fn power_actions_pass_through_a_transitional_state() {
    let mut l = Llama::new();
    let restart = l.get("/user/vps/restart/42");
    assert_eq!(restart.status, 200);
    assert_eq!(
        restart.json,
        json!({ "message": "Action sent to server", "status": "running" })
    );
    assert_eq!(l.get("/user/vps/42").json["status"], "restarting");
    let busy = l.get("/user/vps/stop/42");
    assert_eq!(busy.status, 400);
    assert_eq!(
        busy.json,
        json!({ "error": "Server is busy (restarting); try again in a few seconds" })
    );
    l.advance(5_000);
    let after = l.get("/user/vps/42").json;
    assert_eq!(after["status"], "running");
    assert_eq!(after["uptime"], 0);

    let stop = l.get("/user/vps/stop/42");
    assert_eq!(
        stop.json,
        json!({ "message": "Action sent to server", "status": "stopped" })
    );
    assert_eq!(l.get("/user/vps/42").json["status"], "stopping");
    l.advance(4_999);
    assert_eq!(l.get("/user/vps/42").json["status"], "stopping");
    l.advance(1);
    let stopped = l.get("/user/vps/42").json;
    assert_eq!(stopped["status"], "stopped");
    assert_eq!(stopped["cpu_used"], 0);
    assert_eq!(stopped["memory"]["used"], 0.0);

    let again = l.get("/user/vps/stop/42");
    assert_eq!(
        again.json,
        json!({ "message": "Action sent to server", "status": "stopped" })
    );
    let restart_stopped = l.get("/user/vps/restart/42");
    assert_eq!(restart_stopped.status, 400);
    assert_eq!(
        restart_stopped.json,
        json!({ "error": "Server is stopped; start it instead" })
    );

    let start = l.get("/user/vps/start/42");
    assert_eq!(
        start.json,
        json!({ "message": "Action sent to server", "status": "running" })
    );
    assert_eq!(l.get("/user/vps/42").json["status"], "starting");
    l.advance(5_000);
    assert_eq!(l.get("/user/vps/42").json["status"], "running");
    l.advance(60_000);
    assert_eq!(l.get("/user/vps/42").json["uptime"], 60);

    let missing = l.get("/user/vps/start/9999");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json, json!({ "error": "VPS not found" }));
}

#[test]
fn a_provisioning_server_refuses_power_actions() {
    let mut l = Llama::new();
    l.order("op-power");
    let reply = l.get("/user/vps/stop/47");
    assert_eq!(reply.status, 400);
    assert_eq!(
        reply.json,
        json!({ "error": "Server is still provisioning" })
    );
    l.advance(60_000);
    assert_eq!(l.get("/user/vps/stop/47").status, 200);
}

#[test]
fn metrics_history_covers_each_range() {
    let mut l = Llama::new();
    l.advance(1_234_567);
    let now = (START + 1_234_567) / 1_000;
    for (range, step, count) in [
        ("hour", 60, 60),
        ("day", 3_600, 24),
        ("week", 3_600, 168),
        ("month", 14_400, 180),
    ] {
        for metric in ["cpu", "memory"] {
            let reply = l.get(&format!(
                "/user/vps/42/metrics-history?metric={metric}&range={range}"
            ));
            assert_eq!(reply.status, 200, "{metric} {range}");
            assert_eq!(reply.json["range"], range);
            let points = reply.json["points"].as_array().unwrap();
            assert_eq!(points.len(), count, "{metric} {range}");
            let times: Vec<u64> = points.iter().map(|p| p["time"].as_u64().unwrap()).collect();
            assert_eq!(*times.last().unwrap(), now - now % step);
            assert!(times.windows(2).all(|w| w[1] - w[0] == step));
            let values: Vec<f64> = points
                .iter()
                .map(|p| p["value"].as_f64().unwrap())
                .collect();
            assert!(values.iter().all(|v| (0.0..=100.0).contains(v)));
            let (min, max) = values
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
            assert!(max - min > 1.0, "{metric} {range} is flat");
            let again = l.get(&format!(
                "/user/vps/42/metrics-history?metric={metric}&range={range}"
            ));
            assert_eq!(again.json, reply.json);
        }
    }
}

#[test]
fn metrics_history_rejects_bad_queries() {
    let mut l = Llama::new();
    let cases = [
        ("?metric=disk&range=day", "metric must be cpu or memory"),
        (
            "?metric=cpu&range=year",
            "range must be hour, day, week or month",
        ),
        ("?range=day", "metric is required (cpu or memory)"),
        (
            "?metric=cpu",
            "range is required (hour, day, week or month)",
        ),
    ];
    for (query, message) in cases {
        let reply = l.get(&format!("/user/vps/42/metrics-history{query}"));
        assert_eq!(reply.status, 400, "{query}");
        assert_eq!(reply.json, json!({ "error": message }));
    }
    assert_eq!(
        l.get("/user/vps/9999/metrics-history?metric=cpu&range=day")
            .status,
        404
    );
}

#[test]
fn a_new_servers_metrics_start_when_it_comes_up() {
    let mut l = Llama::new();
    l.order("op-metrics");
    let empty = l.get("/user/vps/47/metrics-history?metric=cpu&range=hour");
    assert_eq!(empty.json["points"], json!([]));
    l.advance(10 * 60_000);
    let reply = l.get("/user/vps/47/metrics-history?metric=cpu&range=hour");
    let times: Vec<u64> = reply.json["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["time"].as_u64().unwrap())
        .collect();
    // Up at START + 60 s; one point a minute from then to now (START + 600 s).
    let start = START / 1_000;
    assert_eq!(times, (1..=10).map(|m| start + m * 60).collect::<Vec<_>>());
}

#[test]
fn websites_list_info_and_the_documents_example() {
    let mut l = Llama::new();
    let list = l.get("/user/websites");
    assert_eq!(list.status, 200);
    assert_eq!(
        list.json[0],
        json!({
            "id": "8f2a1c00-1111-2222-3333-444455556666", "domain": "example.com", "status": "active",
            "plan": "business", "diskUsedMb": 1200, "diskLimitMb": 10240
        })
    );
    let info = l.get("/user/websites/info/8f2a1c00-1111-2222-3333-444455556666");
    assert_eq!(
        info.json,
        json!({
            "id": "8f2a1c00-1111-2222-3333-444455556666", "domain": "example.com", "status": "active",
            "phpVersion": "8.2", "ssl": true, "nameservers": ["ns1.llamalink.net", "ns2.llamalink.net"]
        })
    );
    let missing = l.get("/user/websites/info/9a3b2c10-aaaa-bbbb-cccc-dddddddddddd");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json, json!({ "error": "Website not found" }));
}

#[test]
fn a_new_website_provisions_for_half_a_minute() {
    let mut l = Llama::new();
    let card = l.card.clone();
    let before = l.get("/user/subscriptions").json.as_array().unwrap().len();
    let reply = l.post(
        &card,
        "/user/websites/new",
        None,
        json!({ "domain": "mysite.com", "planId": "business", "phpVersion": "8.2" }),
    );
    assert_eq!(reply.status, 201);
    assert_eq!(reply.json["domain"], "mysite.com");
    assert_eq!(reply.json["status"], "provisioning");
    assert_eq!(reply.json["message"], "Website is being provisioned");
    let id = reply.json["id"].as_str().unwrap().to_string();
    assert_eq!(id.len(), 36);
    let info = l.get(&format!("/user/websites/info/{id}"));
    assert_eq!(info.json["status"], "provisioning");
    assert_eq!(info.json["ssl"], false);
    l.advance(29_999);
    assert_eq!(
        l.get(&format!("/user/websites/info/{id}")).json["status"],
        "provisioning"
    );
    l.advance(1);
    let info = l.get(&format!("/user/websites/info/{id}"));
    assert_eq!(info.json["status"], "active");
    assert_eq!(info.json["ssl"], true);
    let subscriptions = l.get("/user/subscriptions").json;
    let list = subscriptions.as_array().unwrap();
    assert_eq!(list.len(), before + 1);
    assert_eq!(list.last().unwrap()["type"], "website");
    assert_eq!(list.last().unwrap()["priceMonthly"], 39.0);
    let sites = l.get("/user/websites").json;
    assert!(sites
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["domain"] == "mysite.com" && s["diskLimitMb"] == 10240));
}

#[test]
fn new_websites_are_validated() {
    let mut l = Llama::new();
    let card = l.card.clone();
    let cases = [
        (json!({ "planId": "business" }), "domain is required"),
        (
            json!({ "domain": "not a domain", "planId": "business" }),
            "domain must be a domain name such as mysite.com",
        ),
        (
            json!({ "domain": "localhost", "planId": "business" }),
            "domain must be a domain name such as mysite.com",
        ),
        (
            json!({ "domain": "example.com", "planId": "business" }),
            "domain example.com is already hosted",
        ),
        (
            json!({ "domain": "mysite.com", "planId": "gold" }),
            "planId must be one of starter, business, pro",
        ),
        (json!({ "domain": "mysite.com" }), "planId is required"),
        (
            json!({ "domain": "mysite.com", "planId": "pro", "phpVersion": "5.6" }),
            "phpVersion must be one of 7.4, 8.0, 8.1, 8.2, 8.3",
        ),
    ];
    for (body, message) in cases {
        let reply = l.post(&card, "/user/websites/new", None, body);
        assert_eq!(reply.status, 400);
        assert_eq!(reply.json, json!({ "error": message }));
    }
    let default_php = l.post(
        &card,
        "/user/websites/new",
        None,
        json!({ "domain": "Blog.Example.NET", "planId": "starter" }),
    );
    assert_eq!(default_php.status, 201);
    assert_eq!(default_php.json["domain"], "blog.example.net");
    let id = default_php.json["id"].as_str().unwrap().to_string();
    assert_eq!(
        l.get(&format!("/user/websites/info/{id}")).json["phpVersion"],
        "8.2"
    );
}

#[test]
fn seeded_subscriptions_renew_in_the_future() {
    let mut l = Llama::new();
    let reply = l.get("/user/subscriptions");
    assert_eq!(reply.status, 200);
    let list = reply.json.as_array().unwrap();
    assert_eq!(list.len(), 7);
    assert_eq!(list[0]["id"], 101);
    assert_eq!(list.iter().filter(|s| s["type"] == "website").count(), 2);
    for s in list {
        let date = s["renewalDate"].as_str().unwrap();
        assert_eq!(date.len(), 10);
        assert!(date > "2026-01-01" && date <= "2026-02-01", "{date}");
        assert_eq!(s["status"], "active");
        assert!(s["priceMonthly"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn each_key_may_make_120_requests_a_minute() {
    let mut l = Llama::new();
    for i in 0..120 {
        assert_eq!(l.get("/user/profile").status, 200, "request {i}");
    }
    let limited = l.get("/user/profile");
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json, json!({ "error": "Rate limited" }));
    assert_eq!(limited.headers["retry-after"], "60");
    let auth = format!("Bearer {}", l.no_card);
    assert_eq!(
        l.send("GET", "/user/profile", &[("authorization", &auth)], None)
            .status,
        200
    );
    assert_eq!(l.send("GET", "/platform/vps-plans", &[], None).status, 200);
    l.advance(30_000);
    assert_eq!(l.get("/user/profile").headers["retry-after"], "30");
    l.advance(30_000);
    assert_eq!(l.get("/user/profile").status, 200);
}

#[test]
fn thousands_of_servers_list() {
    let mut l = Llama::with(Config {
        servers: 3_000,
        ..Config::default()
    });
    let list = l.get("/user/vps");
    let servers = list.json.as_array().unwrap();
    assert_eq!(servers.len(), 3_000);
    assert_eq!(servers[2_999]["id"], 42 + 2_999);
    assert_eq!(l.get("/user/vps/3041").json["id"], 3_041);
}

#[test]
fn an_injected_429_burst_uses_llamalinks_shape() {
    let mut l = Llama::new();
    let faults = sandbox::Faults {
        rate_limit_burst: 1,
        retry_after_secs: 7,
        ..Default::default()
    };
    l.sandbox.set_faults(Provider::Llamalink, faults);
    let limited = l.get("/user/profile");
    assert_eq!(limited.status, 429);
    assert_eq!(limited.json, json!({ "error": "Rate limited" }));
    assert_eq!(limited.headers["retry-after"], "7");
    assert_eq!(l.get("/user/profile").status, 200);
}

#[test]
fn an_order_refused_by_an_injected_429_is_not_placed() {
    let mut l = Llama::new();
    let before = l.get("/user/vps").json.as_array().unwrap().len();
    let faults = sandbox::Faults {
        rate_limit_burst: 1,
        retry_after_secs: 3,
        ..Default::default()
    };
    l.sandbox.set_faults(Provider::Llamalink, faults);
    assert_eq!(l.order("op-limited").status, 429);
    assert_eq!(l.get("/user/vps").json.as_array().unwrap().len(), before);
    let placed = l.order("op-limited");
    assert_eq!(placed.status, 201, "{}", placed.json);
    assert_eq!(
        l.get("/user/vps").json.as_array().unwrap().len(),
        before + 1
    );
}
