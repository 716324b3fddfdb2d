//! HOSTKEY invapi through the sandbox's public API: raw form-encoded requests
//! built from the document's curl examples, answered with the documented
//! shapes; authentication, ownership, PINs, asynchronous keys over time.

use sandbox::{Config, ManualClock, Sandbox};
use serde_json::{json, Value};
use std::sync::Arc;

/// 2024-06-01 00:00:00 UTC.
const START: u64 = 1_717_200_000_000;

struct Hk {
    sandbox: Sandbox,
    clock: Arc<ManualClock>,
}

/// Percent-encodes a form value.
fn enc(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

impl Hk {
    fn new() -> Self {
        Self::with_servers(5)
    }

    fn with_servers(servers: usize) -> Self {
        let clock = Arc::new(ManualClock::new(START));
        let sandbox = Sandbox::new(
            Config {
                servers,
                ..Config::default()
            },
            clock.clone(),
        );
        Hk { sandbox, clock }
    }

    fn advance(&self, secs: u64) {
        self.clock.advance_ms(secs * 1000);
    }

    /// A raw POST of a form body from `ip`.
    fn raw_from(&mut self, ip: &str, resource: &str, body: &str) -> http::Response<Vec<u8>> {
        let request = http::Request::builder()
            .method("POST")
            .uri(format!("/hostkey/{resource}.php"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.as_bytes().to_vec())
            .unwrap();
        self.sandbox.handle_from(&request, ip).response.unwrap()
    }

    fn raw(&mut self, resource: &str, body: &str) -> http::Response<Vec<u8>> {
        self.raw_from("127.0.0.1", resource, body)
    }

    /// A POST whose answer must be HTTP 200 JSON.
    fn post(&mut self, resource: &str, body: &str) -> Value {
        body_json(self.raw(resource, body))
    }

    fn post_from(&mut self, ip: &str, resource: &str, body: &str) -> Value {
        body_json(self.raw_from(ip, resource, body))
    }

    /// A GET of `path?query` below `/hostkey`.
    fn get(&mut self, path: &str) -> Value {
        let request = http::Request::builder()
            .method("GET")
            .uri(format!("/hostkey{path}"))
            .body(Vec::new())
            .unwrap();
        body_json(self.sandbox.handle(&request).response.unwrap())
    }

    fn credential(&self, label_start: &str) -> String {
        let creds = self.sandbox.credentials();
        let list = &creds[&sandbox::Provider::Hostkey];
        list.iter()
            .find(|(label, _)| label.starts_with(label_start))
            .map(|(_, v)| v.clone())
            .unwrap()
    }

    fn account_key(&self) -> String {
        self.credential("api key")
    }

    fn server_key(&self) -> String {
        self.credential("API key (server")
    }

    /// A session token from the account key.
    fn login(&mut self) -> String {
        let key = self.account_key();
        let answer = self.post("auth", &format!("action=login&key={key}"));
        answer["result"]["token"].as_str().unwrap().to_string()
    }

    /// `post` with `token=` appended.
    fn call(&mut self, resource: &str, token: &str, body: &str) -> Value {
        self.post(resource, &format!("{body}&token={token}"))
    }

    /// An eq_callback.php check.
    fn check(&mut self, key: &str) -> Value {
        self.post("eq_callback", &format!("action=check&key={key}"))
    }

    /// Waits `secs` and then checks the key once.
    fn check_after(&mut self, key: &str, secs: u64) -> Value {
        self.advance(secs);
        self.check(key)
    }

    /// The callback key of an accepted asynchronous call.
    fn accepted(&mut self, resource: &str, token: &str, body: &str) -> String {
        let answer = self.call(resource, token, body);
        assert_eq!(answer["result"], "OK", "{answer}");
        let key = answer["callback"]
            .as_str()
            .unwrap_or_else(|| panic!("no callback in {answer}"))
            .to_string();
        assert!(is_hex(&key, 32), "{key}");
        key
    }

    /// An eq/show answer.
    fn show(&mut self, token: &str, id: u64) -> Value {
        self.call("eq", token, &format!("action=show&id={id}"))
    }

    fn tag(&mut self, token: &str, id: u64, name: &str) -> Option<String> {
        let show = self.show(token, id);
        show["tags"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["tag"] == name)
            .map(|t| t["value"].as_str().unwrap().to_string())
    }
}

fn body_json(response: http::Response<Vec<u8>>) -> Value {
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/json");
    serde_json::from_slice(response.body()).unwrap()
}

fn is_hex(text: &str, len: usize) -> bool {
    text.len() == len
        && text
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

fn error(text: &str) -> Value {
    json!({ "result": -1, "error": text })
}

// ---------------------------------------------------------------- auth.php

#[test]
fn login_with_the_account_key_returns_the_documented_session() {
    let mut hk = Hk::new();
    let key = hk.account_key();
    assert!(
        key.len() == 33 && is_hex(&key[..16], 16) && &key[16..17] == "-" && is_hex(&key[17..], 16)
    );
    let answer = hk.post("auth", &format!("action=login&key={key}"));
    let result = &answer["result"];
    assert!(is_hex(result["token"].as_str().unwrap(), 32));
    assert_eq!(result["role"], "Customer billing");
    assert_eq!(result["role_type"], "Customer");
    assert_eq!(result["whmcs_id"], 3172);
    assert_eq!(result["whmcs_location"], "whmcs_com");
    assert_eq!(result["customer_id"], 38157);
    assert_eq!(result["token_expire"], START / 1000 + 7200);
    assert_eq!(result["new"], 1);
    let servers: Vec<u64> = result["servers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(servers.len(), 5);
    assert_eq!(&servers[2..], &[34533, 32645, 17405]);
    let permissions = result["permissions"].as_array().unwrap();
    assert_eq!(permissions.len(), 143);
    assert_eq!(permissions[0], "api_keys/edit");
    assert_eq!(permissions[142], "yookassa/init");
    assert!(permissions.contains(&json!("tag/add")) && permissions.contains(&json!("soft/list")));
}

#[test]
fn login_again_within_the_ttl_returns_the_same_token_with_new_0() {
    let mut hk = Hk::new();
    let key = hk.account_key();
    let first = hk.post("auth", &format!("action=login&key={key}"));
    hk.advance(600);
    let second = hk.post("auth", &format!("action=login&key={key}"));
    assert_eq!(second["result"]["token"], first["result"]["token"]);
    assert_eq!(second["result"]["new"], 0);
    assert_eq!(
        second["result"]["token_expire"],
        first["result"]["token_expire"]
    );
    hk.advance(7200);
    let third = hk.post("auth", &format!("action=login&key={key}"));
    assert_ne!(third["result"]["token"], first["result"]["token"]);
    assert_eq!(third["result"]["new"], 1);
}

#[test]
fn a_bad_api_key_gets_the_documented_error() {
    let mut hk = Hk::new();
    let answer = hk.post("auth", "action=login&key=XXXXXXXXXXXXX-XXXXXXXXXXXXXXX");
    assert_eq!(
        answer,
        error("Invalid API key XXXXXXXXXXXXX-XXXXXXXXXXXXXXX")
    );
    let unknown = hk.post("auth", "action=login&key=0123456789abcdef-0123456789abcdef");
    assert_eq!(
        unknown,
        error("Invalid API key 0123456789abcdef-0123456789abcdef")
    );
    assert_eq!(
        hk.post("auth", "action=login"),
        error("auth/login: key is required")
    );
}

#[test]
fn an_expired_token_is_refused_with_each_modules_text() {
    let mut hk = Hk::new();
    let key = hk.account_key();
    let token = hk.post("auth", &format!("action=login&key={key}&ttl=60"))["result"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        hk.call("auth", &token, "action=info")["result"]["token_expire"],
        START / 1000 + 60
    );
    hk.advance(59);
    assert_eq!(hk.call("eq", &token, "action=list")["result"], "OK");
    hk.advance(1);
    assert_eq!(
        hk.call("auth", &token, "action=info"),
        json!({ "result": -2, "error": "auth: invalid token #13" })
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=get_invoices"),
        json!({ "result": -2, "error": "whmcs/get_invoices: invalid token, logout" })
    );
    assert_eq!(
        hk.call("eq", &token, "action=list"),
        json!({ "result": -2, "error": "auth: invalid token #13" })
    );
}

#[test]
fn the_default_login_ttl_is_two_hours() {
    let mut hk = Hk::new();
    let token = hk.login();
    hk.advance(7199);
    assert_eq!(
        hk.call("auth", &token, "action=info")["result"]["whmcs_id"],
        "3172"
    );
    hk.advance(1);
    assert_eq!(hk.call("auth", &token, "action=info")["result"], -2);
}

#[test]
fn a_missing_or_unknown_token_is_refused() {
    let mut hk = Hk::new();
    let refused = json!({ "result": -2, "error": "auth: invalid token #13" });
    assert_eq!(hk.post("eq", "action=list"), refused);
    assert_eq!(
        hk.post("eq", "action=list&token=0123456789abcdef0123456789abcdef"),
        refused
    );
    assert_eq!(hk.post("tags", "action=list&id=34533"), refused);
}

#[test]
fn logout_ends_the_session() {
    let mut hk = Hk::new();
    let token = hk.login();
    assert_eq!(
        hk.call("auth", &token, "action=logout"),
        json!({ "result": "OK", "action": "logout" })
    );
    assert_eq!(
        hk.call("auth", &token, "action=info"),
        json!({ "result": -2, "error": "auth: invalid token #13" })
    );
    assert_eq!(hk.call("auth", &token, "action=logout")["result"], -2);
}

#[test]
fn tokens_are_bound_to_the_callers_address_unless_fix_ip_is_0() {
    let mut hk = Hk::new();
    let key = hk.account_key();
    let bound = hk.post_from("203.0.113.5", "auth", &format!("action=login&key={key}"));
    let token = bound["result"]["token"].as_str().unwrap().to_string();
    assert_eq!(
        hk.post_from("203.0.113.5", "eq", &format!("action=list&token={token}"))["result"],
        "OK"
    );
    assert_eq!(
        hk.post_from("198.51.100.7", "eq", &format!("action=list&token={token}")),
        json!({ "result": -2, "error": "auth: invalid token #13" })
    );
    // Logging in again from the new address gives a token that works there.
    let moved = hk.post_from("198.51.100.7", "auth", &format!("action=login&key={key}"));
    assert_ne!(moved["result"]["token"], bound["result"]["token"]);
    assert_eq!(moved["result"]["new"], 1);

    for flag in ["fix_ip=0", "fix_ix=0"] {
        let free = hk.post_from(
            "203.0.113.5",
            "auth",
            &format!("action=login&key={key}&{flag}"),
        );
        let token = free["result"]["token"].as_str().unwrap().to_string();
        assert_eq!(
            hk.post_from("192.0.2.77", "eq", &format!("action=list&token={token}"))["result"],
            "OK"
        );
    }
}

#[test]
fn info_reports_servers_as_an_object_and_the_callers_address() {
    let mut hk = Hk::new();
    let key = hk.account_key();
    let token = hk.post_from("185.130.215.70", "auth", &format!("action=login&key={key}"))
        ["result"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let info = hk.post_from(
        "185.130.215.70",
        "auth",
        &format!("action=info&token={token}"),
    );
    let result = &info["result"];
    assert_eq!(result["servers"]["34533"], "34533");
    assert_eq!(result["servers"]["17405"], "17405");
    assert_eq!(result["servers"].as_object().unwrap().len(), 5);
    assert_eq!(result["whmcs_id"], "3172");
    assert_eq!(result["email"], "john.hostkey@example.com");
    assert_eq!(result["deploy_keys"], json!([]));
    assert_eq!(result["billing_servers"], json!([]));
    assert_eq!(result["role_name"], "Customer billing");
    assert_eq!(result["client_ip"], "185.130.215.70");
    assert_eq!(result["permissions"].as_array().unwrap().len(), 143);
    assert_eq!(result["tags"][0]["component"], "customers");
    assert_eq!(result["billing_options"]["company"], "HOSTKEY B.V.");
    assert!(result["timing"].is_array());
}

#[test]
fn whmcslogin_uses_the_billing_user_and_a_one_hour_token() {
    let mut hk = Hk::new();
    let user = hk.credential("Billing user");
    let password = hk.credential("Billing password");
    let body = format!(
        "action=whmcslogin&user={}&password={}",
        enc(&user),
        enc(&password)
    );
    let answer = hk.post("auth", &body);
    let result = &answer["result"];
    assert!(is_hex(result["token"].as_str().unwrap(), 32));
    assert_eq!(result["role"], "Customer Billing");
    assert_eq!(result["whmcs_token"], Value::Null);
    assert_eq!(result["token_expire"], START / 1000 + 3600);
    assert_eq!(result["new"], 1);
    assert_eq!(
        result["billing_options"]["native_endpoint"],
        "invapi.hostkey.com"
    );
    assert!(answer["timings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t.get("whmcslogin total").is_some()));
    let again = hk.post("auth", &body);
    assert_eq!(again["result"]["token"], result["token"]);
    assert_eq!(again["result"]["new"], 0);

    let wrong = hk.post(
        "auth",
        &format!("action=whmcslogin&user={}&password=nope", enc(&user)),
    );
    assert_eq!(wrong["result"], -2);
    assert_eq!(wrong["error"], "auth: authenthication failure  ");
    assert!(wrong.get("details").is_some());
}

#[test]
fn a_per_server_key_sees_only_its_server() {
    let mut hk = Hk::new();
    let key = hk.server_key();
    let answer = hk.post("auth", &format!("action=login&key={key}"));
    assert_eq!(answer["result"]["servers"], json!([34533]));
    let token = answer["result"]["token"].as_str().unwrap().to_string();
    assert_eq!(
        hk.call("eq", &token, "action=list"),
        json!({ "servers": [34533], "result": "OK" })
    );
    assert_eq!(hk.show(&token, 34533)["server_data"]["id"], 34533);
    assert_eq!(
        hk.show(&token, 32645),
        error("eq/show: permission denied #3, this is not your server")
    );
    assert_eq!(
        hk.call("api_keys", &token, "action=list")["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["id"].clone())
            .collect::<Vec<_>>(),
        vec![json!(237)]
    );
}

#[test]
fn api_key_allow_lists_and_deactivation_are_enforced_at_login() {
    let mut hk = Hk::new();
    let token = hk.login();
    let added = hk.call(
        "api_keys",
        &token,
        "action=add&params[name]=office&params[ip]=10.0.0.1,%2010.4.6.3/24&params[login_notify_method]=none&params[active]=1",
    );
    let key = added["data"]["api_key"].as_str().unwrap().to_string();
    assert_eq!(added["data"]["ip"], "10.0.0.1 10.4.6.3/24");
    assert_eq!(
        hk.post_from("127.0.0.1", "auth", &format!("action=login&key={key}")),
        error("auth/login: access from 127.0.0.1 is not allowed for this API key")
    );
    assert_eq!(
        hk.post_from("10.4.6.200", "auth", &format!("action=login&key={key}"))["result"]["new"],
        1
    );
    let id = added["data"]["id"].as_u64().unwrap();
    let edit = format!(
        "action=edit&params[id]={id}&params[name]=office&params[ip]=10.0.0.1&params[login_notify_method]=none&params[active]=0"
    );
    assert_eq!(
        hk.call("api_keys", &token, &edit)["data"],
        json!({ "id": id })
    );
    assert_eq!(
        hk.post_from("10.0.0.1", "auth", &format!("action=login&key={key}")),
        error(&format!("Invalid API key {key}"))
    );
}

// ---------------------------------------------------------------- routing

#[test]
fn unknown_actions_resources_and_methods() {
    let mut hk = Hk::new();
    let token = hk.login();
    assert_eq!(
        hk.call("eq", &token, "action=frobnicate"),
        error("eq: unknown action frobnicate")
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=cancel_order"),
        error("whmcs: unknown action cancel_order")
    );
    assert_eq!(
        hk.post("presets", "location=NL"),
        error("presets: action is required")
    );
    let missing = hk.raw("vm", "action=load_stats");
    assert_eq!(missing.status(), 404);
    let get = hk.get(&format!("/eq.php?action=list&token={token}"));
    assert_eq!(get, error("eq/list: this call must be sent with POST"));
    let json_body = http::Request::builder()
        .method("POST")
        .uri("/hostkey/eq.php")
        .header("content-type", "application/json")
        .body(br#"{"action":"list"}"#.to_vec())
        .unwrap();
    let answer: Value =
        serde_json::from_slice(hk.sandbox.handle(&json_body).response.unwrap().body()).unwrap();
    assert_eq!(answer, error("eq: action is required"));
}

#[test]
fn the_request_log_records_the_action() {
    let mut hk = Hk::new();
    let request = http::Request::builder()
        .method("POST")
        .uri("/hostkey/presets.php")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(b"action=list&location=NL".to_vec())
        .unwrap();
    let served = hk.sandbox.handle(&request);
    assert_eq!(served.entry.action.as_deref(), Some("list"));
    assert_eq!(served.entry.path, "/presets.php");
    let query = http::Request::builder()
        .method("GET")
        .uri("/hostkey/nat_callback.php?action=check&key=abc")
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        hk.sandbox.handle(&query).entry.action.as_deref(),
        Some("check")
    );
}

// ---------------------------------------------------------------- api_keys.php

#[test]
fn api_keys_list_view_and_list_for_server_use_the_module_envelope() {
    let mut hk = Hk::new();
    let token = hk.login();
    let list = hk.call("api_keys", &token, "action=list");
    assert_eq!(list["result"], "OK");
    assert_eq!(list["module"], "api_keys");
    assert_eq!(list["action"], "list");
    let account = hk.account_key();
    assert_eq!(
        list["data"][0],
        json!({
            "id": 237,
            "name": "test_control_panel",
            "active": 1,
            "ip": "",
            "server_id": 34533,
            "token_view": hk.server_key()[..4],
            "login_notify_method": "none",
            "login_notify_address": null,
        })
    );
    assert_eq!(list["data"][1]["id"], 484);
    assert_eq!(list["data"][1]["token_view"], account[..4]);
    let view = hk.call("api_keys", &token, "action=view&params[id]=484");
    assert_eq!(view["action"], "view");
    assert_eq!(view["data"]["name"], "new_api");
    assert_eq!(view["data"]["server_id"], 0);
    let for_server = hk.call(
        "api_keys",
        &token,
        "action=list_for_server&params[server_id]=34533",
    );
    assert_eq!(for_server["action"], "list_for_server");
    assert_eq!(for_server["data"].as_array().unwrap().len(), 1);
    assert_eq!(
        hk.call("api_keys", &token, "action=view&params[id]=9"),
        error("api_keys/view: API key 9 not found")
    );
    assert_eq!(
        hk.call(
            "api_keys",
            &token,
            "action=list_for_server&params[server_id]=99999"
        ),
        error("api_keys/list_for_server: permission denied #3, this is not your server")
    );
}

#[test]
fn api_keys_add_edit_delete_and_history() {
    let mut hk = Hk::new();
    let token = hk.login();
    let added = hk.call(
        "api_keys",
        &token,
        "action=add&params[name]=test%20key&params[ip]=%2010.0.0.1,%2010.3.4.5&params[login_notify_method]=email\
         &params[login_notify_address]=ops%40example.com&params[active]=1",
    );
    assert_eq!(added["action"], "add");
    let data = &added["data"];
    assert_eq!(data["name"], "test key");
    assert_eq!(data["ip"], "10.0.0.1 10.3.4.5");
    assert_eq!(data["server_id"], 0);
    assert_eq!(data["login_notify_method"], "email");
    assert_eq!(data["login_notify_address"], "ops@example.com");
    let secret = data["api_key"].as_str().unwrap().to_string();
    assert_eq!(data["token_view"], secret[..4]);
    let id = data["id"].as_u64().unwrap();
    // The full key is shown only when it is created.
    assert!(
        hk.call("api_keys", &token, &format!("action=view&params[id]={id}"))["data"]
            .get("api_key")
            .is_none()
    );
    assert_eq!(
        hk.post_from("10.3.4.5", "auth", &format!("action=login&key={secret}"))["result"]["new"],
        1
    );

    hk.advance(60);
    let edit = format!(
        "action=edit&params[id]={id}&params[name]=new_new%20test&params[server_id]=34533&params[ip]=78.8.8.6\
         &params[login_notify_method]=email&params[login_notify_address]=ops%40example.com&params[active]=0"
    );
    assert_eq!(
        hk.call("api_keys", &token, &edit),
        json!({ "result": "OK", "module": "api_keys", "action": "edit", "data": { "id": id } })
    );
    let view = hk.call("api_keys", &token, &format!("action=view&params[id]={id}"));
    assert_eq!(view["data"]["name"], "new_new test");
    assert_eq!(view["data"]["active"], 0);
    assert_eq!(view["data"]["ip"], "78.8.8.6");

    hk.advance(60);
    assert_eq!(
        hk.call(
            "api_keys",
            &token,
            &format!("action=delete&params[id]={id}")
        )["data"],
        json!({ "id": id })
    );
    assert_eq!(
        hk.call("api_keys", &token, &format!("action=view&params[id]={id}"))["result"],
        -1
    );

    let history = hk.call(
        "api_keys",
        &token,
        &format!("action=history&params[id]={id}"),
    );
    let entries = history["data"].as_array().unwrap();
    let messages: Vec<&str> = entries
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages[0],
        format!("Deleted api_key {id}. json:{{\"id\":\"{id}\"}}")
    );
    assert_eq!(
        messages[1],
        format!("Changed api_key {id}. name from 'test key' to 'new_new test', active from '1' to '0', ip from '10.0.0.1 10.3.4.5' to '78.8.8.6'")
    );
    assert!(messages[2].starts_with(&format!("Updated api_key {id}. json:")));
    assert_eq!(
        messages[3],
        format!("Login with api_key {id} from 10.3.4.5")
    );
    assert!(messages[4].starts_with(&format!("Created new api_key {id}. json:")));
    assert_eq!(entries[0]["type"], "action");
    assert_eq!(entries[3]["type"], "login");
    assert_eq!(entries[0]["login"], "john.hostkey@example.com");
    assert_eq!(entries[0]["date"], "2024-06-01 00:02:00");

    let today = hk.call(
        "api_keys",
        &token,
        &format!("action=history&params[id]={id}&params[period_from]=2024-06-02"),
    );
    assert_eq!(today["data"], json!([]));
    assert_eq!(
        hk.call(
            "api_keys",
            &token,
            &format!("action=history&params[id]={id}&params[period_from]=01.06.2024")
        ),
        error("api_keys/history: period_from must be a date in Y-M-D format, got '01.06.2024'")
    );
}

#[test]
fn api_keys_validate_their_fields() {
    let mut hk = Hk::new();
    let token = hk.login();
    let base = "action=add&params[name]=k&params[active]=1";
    assert_eq!(
        hk.call(
            "api_keys",
            &token,
            "action=add&params[active]=1&params[login_notify_method]=none"
        ),
        error("api_keys/add: name is required")
    );
    assert_eq!(
        hk.call(
            "api_keys",
            &token,
            &format!("{base}&params[login_notify_method]=sms")
        ),
        error("api_keys/add: login_notify_method must be none, email or webhook, got 'sms'")
    );
    assert_eq!(
        hk.call(
            "api_keys",
            &token,
            &format!(
                "{base}&params[login_notify_method]=webhook&params[login_notify_address]=ftp://x"
            )
        ),
        error("api_keys/add: login_notify_address must be an http(s) URL for method webhook")
    );
    assert_eq!(
        hk.call(
            "api_keys",
            &token,
            &format!("{base}&params[login_notify_method]=none&params[ip]=10.0.0.300")
        ),
        error("api_keys/add: ip: '10.0.0.300' is not an IPv4 address or CIDR block")
    );
    assert_eq!(
        hk.call(
            "api_keys",
            &token,
            &format!("{base}&params[server_id]=34533&params[login_notify_method]=email&params[login_notify_address]=a%40example.com")
        ),
        error("api_keys/add: login_notify_method must be none for a server key")
    );
    let server_key = hk.call(
        "api_keys",
        &token,
        &format!("{base}&params[server_id]=32645&params[login_notify_method]=none"),
    );
    let secret = server_key["data"]["api_key"].as_str().unwrap().to_string();
    assert_eq!(
        hk.post("auth", &format!("action=login&key={secret}"))["result"]["servers"],
        json!([32645])
    );
}

// ---------------------------------------------------------------- eq.php: list, show

#[test]
fn eq_list_returns_ids_and_filters() {
    let mut hk = Hk::with_servers(60);
    let token = hk.login();
    let all = hk.call("eq", &token, "action=list");
    assert_eq!(all["result"], "OK");
    let ids = all["servers"].as_array().unwrap();
    assert_eq!(ids.len(), 60);
    let nl = hk.call("eq", &token, "action=list&location=NL")["servers"]
        .as_array()
        .unwrap()
        .len();
    let is_nl = hk.call("eq", &token, "action=list&location=IS,NL")["servers"]
        .as_array()
        .unwrap()
        .len();
    assert!(nl >= 3 && is_nl >= nl && is_nl < 60);
    let vps = hk.call("eq", &token, "action=list&group=VPS")["servers"]
        .as_array()
        .unwrap()
        .clone();
    assert!(vps.contains(&json!(34533)) && !vps.contains(&json!(17405)));
    let bm = hk.call("eq", &token, "action=list&group=1CPU,Mini")["servers"]
        .as_array()
        .unwrap()
        .clone();
    assert!(bm.contains(&json!(17405)));
    let ip = hk.show(&token, 32645)["IP"][0]["IP"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        hk.call("eq", &token, &format!("action=list&ip={ip}"))["servers"],
        json!([32645])
    );
    let mac = hk.show(&token, 17405)["interfaces"][0]["mac"]
        .as_str()
        .unwrap()
        .replace(':', ".");
    assert_eq!(
        hk.call("eq", &token, &format!("action=list&mac={mac}"))["servers"],
        json!([17405])
    );
    assert_eq!(
        hk.call("eq", &token, "action=list&component=34533,17405")["servers"],
        json!([34533, 17405])
    );
    let suspended = hk.call("eq", &token, "action=list&status=power_off")["servers"]
        .as_array()
        .unwrap()
        .len();
    let rented = hk.call("eq", &token, "action=list&status=rent")["servers"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(suspended + rented, 60);
    assert_eq!(
        hk.call("eq", &token, "action=list&location=XX"),
        error("eq/list: unknown location XX, expected NL,US,FI,DE,IS,TR or UK")
    );
    assert_eq!(
        hk.call("eq", &token, "action=list&group=Huge"),
        error("eq/list: unknown group Huge")
    );
    assert_eq!(
        hk.call("eq", &token, "action=list&status=on"),
        error("eq/list: status must be rent or power_off, got 'on'")
    );
}

#[test]
fn eq_show_matches_the_documented_server() {
    let mut hk = Hk::new();
    let token = hk.login();
    let show = hk.show(&token, 34533);
    assert_eq!(show["result"], "OK");
    let data = &show["server_data"];
    assert_eq!(data["id"], 34533);
    assert_eq!(data["ref_tableName"], "VPS");
    assert_eq!(data["Condition_Component"], "rent");
    assert_eq!(data["account_id"], 5724);
    assert_eq!(data["type_billing"], "whmcs_com");
    assert_eq!(data["cost_traffic"], 180);
    assert_eq!(data["limit_traffic"], 3);
    assert_eq!(data["limit_trafficIN"], 999);
    assert_eq!(data["limit_bands"], 1000);
    assert_eq!(data["hwconfig"], "4 vCore/4Gb/60Gb SSD");
    assert_eq!(data["status"], "rent");
    assert_eq!(data["type"], "VPS");
    assert!(data["trafficPeriodOut"].is_u64());
    let due = data["due_date"].as_str().unwrap();
    assert_eq!(data["datePeriod"], format!("{due} 00:00:00"));
    let hardware = &show["hardware"];
    assert_eq!(hardware["config"], "4 vCore/4Gb/60Gb SSD");
    assert_eq!(hardware["vm"], 1);
    assert_eq!(hardware["cpu_name"], "vCPU");
    assert_eq!(hardware["cpu_count"], 4);
    assert_eq!(hardware["ram"], 4);
    assert_eq!(hardware["hdd"], 60);
    assert_eq!(hardware["tags"]["eta"], 0.07);
    assert_eq!(
        hardware["tags"]["cpu_frq"],
        json!(["2.4", "2.4", "2.4", "2.4"])
    );
    assert_eq!(hardware["tags"]["hdd_size"].as_array().unwrap().len(), 6);
    assert_eq!(
        hardware["components"][0],
        json!({ "Type": "Platform", "Name": "Ovirt VM", "Count": 1, "hdd_type": "SSD" })
    );
    assert_eq!(
        hardware["hdd_groups"],
        json!([{ "name": "60Gb SSD", "type": "HDD", "count": 1, "size": "60" }])
    );
    assert_eq!(hardware["raid_levels"], json!(["LVM_HBA"]));
    assert!(show["groups"][0]["ID"].is_string());
    assert_eq!(
        show["location"],
        json!({ "dc_location": "NL", "location_id": 1 })
    );
    assert_eq!(show["OS"], Value::Null);
    let ip = &show["IP"][0];
    assert!(ip["IP"].as_str().unwrap().starts_with("192.0.2."));
    assert_eq!(ip["main_ip"], 1);
    assert_eq!(ip["locked"], 0);
    assert_eq!(ip["date_block"], Value::Null);
    assert_eq!(ip["status"], "enable");
    assert_eq!(ip["MAC"], show["interfaces"][0]["mac"]);
    assert_eq!(show["interfaces"][0]["switch_model"], "virtual");
    assert_eq!(show["IPMI"], json!({ "model": "ovirt", "interfaces": [] }));
    assert_eq!(show["preset"], "vm.mini");
    assert_eq!(show["preset_description"], "VM instance 4/4/60 SSD");
    let tags = show["tags"].as_array().unwrap();
    let tag = |name: &str| tags.iter().find(|t| t["tag"] == name).unwrap().clone();
    assert_eq!(tag("hostname")["value"], "nl-vmmini");
    assert_eq!(tag("hostname")["component"], "Component1");
    assert_eq!(tag("hostname")["component_id"], 34533);
    assert_eq!(tag("password")["value"], "wK5Vjwx_BC");
    assert_eq!(tag("OS")["value"], "Ubuntu 22.04");
    assert_eq!(tag("user_name")["value"], "root");
    assert_eq!(tag("order_origin")["extra"], "1");
    assert_eq!(tag("webpanel")["value"], "ispmanager6");
    let licence = &show["licenses"][0];
    assert_eq!(
        licence["name"],
        format!("ISPmanager 6 Lite on IP {}", ip["IP"].as_str().unwrap())
    );
    assert_eq!(ip["license_id"], licence["id"]);
    assert_eq!(ip["license_name"], "ISPmanager");

    let bm = hk.show(&token, 17405);
    assert_eq!(bm["hardware"]["vm"], 0);
    assert_eq!(bm["server_data"]["type"], "Server");
    assert_eq!(bm["hardware"]["motherboard_name"], "Supermicro X10SLL-F");
    assert_eq!(bm["IPMI"]["model"], "supermicro");
    assert!(bm["IPMI"]["interfaces"][0]["IP"]
        .as_str()
        .unwrap()
        .starts_with("10.77."));
    assert_eq!(
        hk.show(&token, 99999),
        error("eq/show: permission denied #3, this is not your server")
    );
    assert_eq!(
        hk.call("eq", &token, "action=show"),
        error("eq/show: id is required")
    );
    assert_eq!(
        hk.call("eq", &token, "action=show&id=abc"),
        error("eq/show: id must be a non-negative integer, got 'abc'")
    );
}

#[test]
fn traffic_counters_grow_over_time() {
    let mut hk = Hk::new();
    let token = hk.login();
    let before = hk.show(&token, 32645)["server_data"].clone();
    hk.advance(3 * 86_400);
    let token = hk.login();
    let after = hk.show(&token, 32645)["server_data"].clone();
    let out = |d: &Value| d["trafficPeriodOut"].as_u64().unwrap();
    let inbound = |d: &Value| d["trafficPeriodIn"].as_u64().unwrap();
    if before["due_date"] == after["due_date"] {
        assert!(out(&after) > out(&before), "{before} {after}");
        assert!(inbound(&after) >= inbound(&before));
    }
    assert!(out(&after) >= inbound(&after));
    assert_eq!(
        after["days_left"],
        before["days_left"].as_u64().unwrap().saturating_sub(3)
    );
}

#[test]
fn thousands_of_servers_stay_listable() {
    let mut hk = Hk::with_servers(3000);
    let token = hk.login();
    let list = hk.call("eq", &token, "action=list");
    let ids = list["servers"].as_array().unwrap();
    assert_eq!(ids.len(), 3000);
    let mut unique: Vec<u64> = ids.iter().map(|v| v.as_u64().unwrap()).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 3000);
    let last = unique[unique.len() - 1];
    let show = hk.show(&token, last);
    assert_eq!(show["server_data"]["id"], last);
    assert!(show["IP"][0]["IP"].as_str().unwrap().contains('.'));
}

// ---------------------------------------------------------------- PIN

#[test]
fn set_pin_changes_the_pin_asynchronously() {
    let mut hk = Hk::new();
    let token = hk.login();
    let pin = hk.credential("pin");
    assert_eq!(pin, "1234");
    let key = hk.accepted("eq", &token, "action=set_pin&old_pin=1234&new_pin=7531");
    assert_eq!(hk.check(&key), json!({ "result": "Not ready", "key": key }));
    let done = hk.check_after(&key, 3);
    assert_eq!(done["result"], "OK");
    assert_eq!(done["context"], json!({ "action": "set_pin", "id": "0" }));
    assert_eq!(hk.check(&key), error("eq_callback/check: key not found"));
    // The new PIN now guards the critical calls.
    let refused = hk.accepted("eq", &token, "action=on&id=34533&pin=1234");
    assert_eq!(hk.check_after(&refused, 3)["result"], "Fail");
    let on = hk.accepted("eq", &token, "action=on&id=34533&pin=7531");
    assert_eq!(hk.check_after(&on, 5)["scope"], "VM is up now");
}

#[test]
fn set_pin_with_a_wrong_old_pin_fails_with_the_documented_result() {
    let mut hk = Hk::new();
    let token = hk.login();
    let key = hk.accepted("eq", &token, "action=set_pin&old_pin=0000&new_pin=7531");
    let fail = hk.check_after(&key, 3);
    assert_eq!(
        fail,
        json!({
            "result": "Fail",
            "scope": "Invalid PIN/email combination, please check",
            "context": { "action": "set_pin", "id": "0" },
            "status": "failure",
            "created": "2024-06-01 00:00:00",
            "debug": null,
            "key": key,
        })
    );
    assert_eq!(
        hk.call("eq", &token, "action=set_pin&old_pin=1234&new_pin=12"),
        error("eq/set_pin: new_pin must be 4 to 8 digits")
    );
}

#[test]
fn check_pin_works_over_get_and_reports_invalid_pins_as_documented() {
    let mut hk = Hk::new();
    let token = hk.login();
    let good = hk.get(&format!("/eq.php?action=check_pin&token={token}&pin=1234"));
    assert_eq!(good["action"], "check_pin");
    let key = good["callback"].as_str().unwrap().to_string();
    let result = hk.check_after(&key, 3);
    assert_eq!(result["result"], "OK");
    assert_eq!(result["scope"], "PIN code is valid");
    let bad = hk.get(&format!("/eq.php?action=check_pin&token={token}&pin=9999"));
    let key = bad["callback"].as_str().unwrap().to_string();
    assert_eq!(
        hk.check_after(&key, 3),
        json!({
            "result": "OK",
            "scope": "Invalid pin code",
            "context": { "action": "check_pin", "id": "0" },
            "debug": "Blocked For Security Purposes",
            "key": key,
        })
    );
    // The table's old_pin spelling is accepted too.
    let old = hk.accepted("eq", &token, "action=check_pin&old_pin=1234");
    assert_eq!(hk.check_after(&old, 3)["scope"], "PIN code is valid");
}

#[test]
fn pins_are_required_exactly_where_the_document_says() {
    let mut hk = Hk::new();
    let token = hk.login();
    for (resource, body) in [
        ("eq", "action=on&id=34533"),
        ("eq", "action=off&id=34533"),
        ("eq", "action=reboot&id=34533"),
        ("eq", "action=console&id=34533"),
        ("eq", "action=unit_reset&id=17405"),
        ("eq", "action=boot_dev&id=34533&media=pxe"),
        ("nat", "action=add_static_nat&id=17405"),
        ("net", "action=get_status&id=34533"),
        ("net", "action=port_on&id=34533&port=eth0"),
        ("net", "action=port_off&id=34533&port=eth0"),
        ("net", "action=show_cacti&id=34533&port=eth0&graph=1"),
        ("net", "action=unblock_ip&id=34533&ip=192.0.2.10"),
    ] {
        let action = body
            .split('&')
            .next()
            .unwrap()
            .trim_start_matches("action=");
        assert_eq!(
            hk.call(resource, &token, body),
            error(&format!("{resource}/{action}: pin is required")),
            "{body}"
        );
    }
    for (resource, body) in [
        ("eq", "action=status&id=34533"),
        ("eq", "action=reinstall&id=34533"),
        ("eq", "action=clear_pxe&id=34533&hostname=nl-vmmini"),
        ("eq", "action=add_ipmi_user&id=17405"),
        ("tags", "action=list&id=34533"),
        ("ip", "action=get_ptr&id=34533&ip=192.0.2.10"),
    ] {
        assert_eq!(hk.call(resource, &token, body)["result"], "OK", "{body}");
    }
}

#[test]
fn a_wrong_pin_fails_sync_calls_at_once_and_async_calls_in_the_poll() {
    let mut hk = Hk::new();
    let token = hk.login();
    assert_eq!(
        hk.call(
            "net",
            &token,
            "action=show_cacti&id=34533&port=eth0&graph=1&pin=1111"
        ),
        error("net/show_cacti: invalid pin")
    );
    let order = "action=order_instance&deploy_period=monthly&deploy_notify=true&pin=1111&preset=108&location_name=NL\
                 &os_id=180&traffic_plan=25&root_pass=Sup3r%21pass";
    assert_eq!(
        hk.call("eq", &token, order),
        error("eq/order_instance: invalid pin")
    );
    let key = hk.accepted("eq", &token, "action=off&id=34533&pin=1111");
    assert_eq!(hk.check(&key)["result"], "Not ready");
    let fail = hk.check_after(&key, 3);
    assert_eq!(fail["result"], "Fail");
    assert_eq!(fail["scope"], "Invalid pin code");
    assert_eq!(fail["status"], "failure");
    assert_eq!(
        fail["context"],
        json!({ "action": "off", "id": "34533", "location": "NL", "ip_ipmi": "" })
    );
    // The server was left running.
    let status = hk.accepted("eq", &token, "action=status&id=34533");
    assert_eq!(hk.check_after(&status, 3)["scope"], "VM is up now");
}

#[test]
fn repeated_wrong_pins_lock_every_pin_for_a_while() {
    let mut hk = Hk::new();
    let token = hk.login();
    for _ in 0..5 {
        hk.accepted("eq", &token, "action=check_pin&pin=0000");
    }
    let locked = hk.accepted("eq", &token, "action=check_pin&pin=1234");
    assert_eq!(hk.check_after(&locked, 3)["scope"], "Invalid pin code");
    hk.advance(15 * 60);
    let token = hk.login();
    let open = hk.accepted("eq", &token, "action=check_pin&pin=1234");
    assert_eq!(hk.check_after(&open, 3)["scope"], "PIN code is valid");
}

// ---------------------------------------------------------------- power and async keys

#[test]
fn status_reports_the_vm_power_state_after_a_few_seconds() {
    let mut hk = Hk::new();
    let token = hk.login();
    let key = hk.accepted("eq", &token, "action=status&id=34533");
    assert_eq!(hk.check(&key), json!({ "result": "Not ready", "key": key }));
    assert_eq!(hk.check_after(&key, 2)["result"], "Not ready");
    assert_eq!(
        hk.check_after(&key, 1),
        json!({
            "result": "OK",
            "scope": "VM is up now",
            "context": { "action": "status", "id": "34533", "location": "NL", "ip_ipmi": "" },
            "debug": "debug",
            "key": key,
        })
    );
    assert_eq!(hk.check(&key), error("eq_callback/check: key not found"));
    assert_eq!(
        hk.post("eq_callback", "action=check"),
        error("eq_callback/check: key is required")
    );
    assert_eq!(
        hk.post(
            "eq_callback",
            "action=check&reinstall_key=ffffffffffffffffffffffffffffffff"
        ),
        error("eq_callback/check: key not found")
    );
}

#[test]
fn off_then_on_changes_the_power_state() {
    let mut hk = Hk::new();
    let token = hk.login();
    let off = hk.accepted("eq", &token, "action=off&id=34533&pin=1234");
    assert_eq!(hk.check_after(&off, 4)["result"], "Not ready");
    assert_eq!(
        hk.check_after(&off, 1),
        json!({
            "result": "OK",
            "scope": "VM is down now",
            "context": { "action": "off", "id": "34533", "location": "NL", "ip_ipmi": "" },
            "debug": "debug",
            "key": off,
        })
    );
    let status = hk.accepted("eq", &token, "action=status&id=34533");
    assert_eq!(hk.check_after(&status, 3)["scope"], "VM is down now");
    let on = hk.accepted("eq", &token, "action=on&id=34533&pin=1234");
    let done = hk.check_after(&on, 5);
    assert_eq!(done["scope"], "VM is up now");
    assert_eq!(done["debug"], "");
    assert_eq!(done["context"]["action"], "on");
}

#[test]
fn reboot_passes_through_down_and_reports_the_documented_context() {
    let mut hk = Hk::new();
    let token = hk.login();
    let reboot = hk.accepted("eq", &token, "action=reboot&id=34533&pin=1234");
    let during = hk.accepted("eq", &token, "action=status&id=34533");
    assert_eq!(hk.check_after(&during, 3)["scope"], "VM is down now");
    let done = hk.check_after(&reboot, 2);
    assert_eq!(done["scope"], "VM is rebooted");
    assert_eq!(done["context"]["action"], "off");
    let after = hk.accepted("eq", &token, "action=status&id=34533");
    assert_eq!(hk.check_after(&after, 3)["scope"], "VM is up now");
}

#[test]
fn bare_metal_power_goes_through_ipmi() {
    let mut hk = Hk::new();
    let token = hk.login();
    let off = hk.accepted("eq", &token, "action=off&id=17405&pin=1234");
    hk.advance(5);
    let on = hk.accepted("eq", &token, "action=on&id=17405&pin=1234");
    let done = hk.check_after(&on, 5);
    assert_eq!(done["scope"], "Post is on");
    assert_eq!(done["debug"], "Chassis Power Control: Up/On");
    assert!(done["context"]["ip_ipmi"]
        .as_str()
        .unwrap()
        .starts_with("10.77."));
    assert_eq!(hk.check(&off)["scope"], "Chassis Power is off");
    let status = hk.accepted("eq", &token, "action=status&id=17405");
    let answer = hk.check_after(&status, 3);
    assert_eq!(answer["scope"], "Chassis Power is on");
    assert_eq!(answer["debug"], "Chassis Power is on");
}

#[test]
fn sensors_are_read_from_bare_metal_only() {
    let mut hk = Hk::new();
    let token = hk.login();
    assert_eq!(
        hk.call("eq", &token, "action=sensors&id=34533"),
        error(
            "eq/sensors: reading sensors is available for bare-metal servers only, 34533 is a VM"
        )
    );
    let key = hk.accepted("eq", &token, "action=sensors&id=17405");
    let done = hk.check_after(&key, 3);
    let scope = done["scope"].as_str().unwrap();
    assert!(
        scope.starts_with("CPU Temp") && scope.contains("degrees C") && scope.contains("| ok\n")
    );
    assert!(!done["debug"].as_str().unwrap().contains('\n'));
    assert_eq!(
        done["context"],
        json!({ "action": "get_sensors", "id": "17405", "location": "NL" })
    );
}

#[test]
fn console_returns_a_virt_viewer_file_for_vms() {
    let mut hk = Hk::new();
    let token = hk.login();
    let key = hk.accepted("eq", &token, "action=console&id=34533&pin=1234");
    let done = hk.check_after(&key, 3);
    let vv = done["scope"].as_str().unwrap();
    assert!(vv.starts_with("[virt-viewer]\ntype=spice\n"));
    assert!(vv.contains("title=34533:%d") && vv.contains("[ovirt]"));
    assert_eq!(
        done["context"],
        json!({ "action": "console", "id": "34533", "location": "NL", "ip_ipmi": "" })
    );
    assert_eq!(
        hk.call("eq", &token, "action=console&id=17405&pin=1234"),
        error("eq/console: console is available for VMs only, use IPMI for server 17405")
    );
}

#[test]
fn ipmi_users_nat_and_bmc_reset_for_bare_metal() {
    let mut hk = Hk::new();
    let token = hk.login();
    let nat = hk.accepted("nat", &token, "action=add_static_nat&id=17405&pin=1234");
    assert_eq!(hk.check(&nat), error("eq_callback/check: key not found"));
    assert_eq!(
        hk.get(&format!("/nat_callback.php?action=check&key={nat}")),
        json!({ "result": "Not ready", "key": nat })
    );
    hk.advance(3);
    let done = hk.get(&format!("/nat_callback.php?action=check&key={nat}"));
    assert_eq!(done["result"], "OK");
    let public = done["scope"].as_str().unwrap().to_string();
    assert!(public.starts_with("192.0.2."));
    assert_eq!(
        done["context"],
        json!({ "action": "add_static_nat", "id": "17405", "location": "NL" })
    );
    assert!(done["debug"]
        .as_str()
        .unwrap()
        .contains(&format!("dst-address={public}")));
    assert_eq!(
        hk.get(&format!("/nat_callback.php?action=check&key={nat}")),
        error("nat_callback/check: key not found")
    );

    let user = hk.accepted("eq", &token, "action=add_ipmi_user&id=17405");
    let added = hk.check_after(&user, 3);
    let login = added["context"]["User"].as_str().unwrap().to_string();
    assert!(login.starts_with('u') && added["context"]["Password"].as_str().unwrap().len() == 8);
    assert!(added["scope"]
        .as_str()
        .unwrap()
        .contains("Set User Password command successful"));
    let removed = hk.accepted("eq", &token, "action=remove_ipmi_user&id=17405");
    let gone = hk.check_after(&removed, 3);
    assert_eq!(gone["context"]["User"], login);
    assert!(gone["scope"].as_str().unwrap().ends_with("  User removed"));
    assert_eq!(
        hk.call("eq", &token, "action=remove_ipmi_user&id=17405"),
        error("eq/remove_ipmi_user: no temporary IPMI user on server 17405")
    );

    let unnat = hk.accepted("nat", &token, "action=remove_static_nat&id=17405");
    hk.advance(3);
    let undone = hk.post("nat_callback", &format!("action=check&key={unnat}"));
    assert_eq!(undone["scope"], public);
    assert_eq!(undone["context"]["action"], "remove_staticnat");
    assert_eq!(
        hk.call("nat", &token, "action=remove_static_nat&id=17405"),
        error("nat/remove_static_nat: no static NAT for server 17405")
    );
    assert_eq!(
        hk.call("nat", &token, "action=add_static_nat&id=34533&pin=1234"),
        error("nat/add_static_nat: static NAT to IPMI is available for bare-metal servers only, 34533 is a VM")
    );

    let reset = hk.accepted("eq", &token, "action=unit_reset&id=17405&pin=1234");
    let done = hk.check_after(&reset, 3);
    assert_eq!(done["scope"], "Unit is reset");
    assert_eq!(done["debug"], "Sent cold reset command to MC");
}

// ---------------------------------------------------------------- reinstall

#[test]
fn reinstall_through_order_instance_steps_through_five_stages() {
    let mut hk = Hk::new();
    let token = hk.login();
    let body = "action=order_instance&token=TOKEN&deploy_notify=true&pin=1234&os_id=205&soft_id=18&root_pass=mnN48Dl%404&id=32645"
        .replace("TOKEN", &token);
    let answer = hk.post("eq", &body);
    let key = answer["callback"].as_str().unwrap().to_string();
    assert_eq!(
        answer,
        json!({
            "result": "OK",
            "action": "order_instance",
            "callback": key,
            "deploy_status": "reinstall",
            "id": 32645,
            "os_name": "RockyLinux 9",
            "soft_name": "Grafana",
        })
    );
    assert_eq!(hk.check(&key), json!({ "result": "Not ready", "key": key }));
    let stages = [
        " (1/5) OS installation started",
        " (2/5) Base OS installed, proceeding with post-install tasks",
        " (3/5) Post-install tasks completed, running final tasks",
        " (4/5) Installation completed, restarting the server",
        " (5/5) Server is online",
    ];
    for scope in stages {
        let stage = hk.check_after(&key, 10);
        assert_eq!(stage["result"], "Stage");
        assert_eq!(stage["scope"], scope);
        assert_eq!(stage["context"]["action"], "reinstall_vm");
        assert_eq!(stage["key"], key);
    }
    assert_eq!(
        hk.post("eq", &body),
        error("another reinstall in progress for 32645, please wait")
    );
    let done = hk.check_after(&key, 10);
    let ip = hk.show(&token, 32645)["IP"][0]["IP"].clone();
    assert_eq!(
        done,
        json!({
            "result": "OK",
            "scope": "{\"result\":\"deploy_done\"}",
            "context": { "action": "reinstall_vm", "id": "32645", "location": "NL", "ip": ip, "ip_ipmi": "0.0.0.0", "reinstall": 1 },
            "debug": "",
            "key": key,
        })
    );
    assert_eq!(hk.check(&key), error("eq_callback/check: key not found"));
    assert_eq!(hk.tag(&token, 32645, "OS").as_deref(), Some("RockyLinux 9"));
    assert_eq!(
        hk.tag(&token, 32645, "password").as_deref(),
        Some("mnN48Dl@4")
    );
    // Another reinstall is accepted once the first is done.
    assert_eq!(hk.post("eq", &body)["deploy_status"], "reinstall");
}

#[test]
fn reinstall_refuses_incompatible_software_and_weak_passwords() {
    let mut hk = Hk::new();
    let token = hk.login();
    assert_eq!(
        hk.call(
            "eq",
            &token,
            "action=order_instance&pin=1234&os_id=187&soft_id=49&root_pass=mnN48Dl%404&id=34533"
        ),
        error("reinstall: extra software Odoo (#49) is not compatible with Ubuntu 22.04")
    );
    assert_eq!(
        hk.call("eq", &token, "action=order_instance&pin=1234&os_id=187&root_pass=password1&id=34533"),
        error("eq/order_instance: root_pass must be at least 8 characters long and include upper- and lower-case Latin letters and at least one special character")
    );
    assert_eq!(
        hk.call(
            "eq",
            &token,
            "action=order_instance&pin=1234&os_id=202&root_pass=mnN48Dl%404&id=34533"
        ),
        error("eq/order_instance: OS Windows Server 2022 VM (#202) is not available")
    );
    assert_eq!(
        hk.call("eq", &token, "action=order_instance&pin=1234&os_id=206&root_pass=mnN48Dl%404&id=32645"),
        error("eq/order_instance: OS Windows Server 2022 Standard (#206) is not compatible with server 32645")
    );
    assert_eq!(
        hk.call(
            "eq",
            &token,
            "action=order_instance&pin=1234&os_id=187&root_pass=mnN48Dl%404&id=99999"
        ),
        error("eq/order_instance: permission denied #3, this is not your server")
    );
    let refused = hk.accepted(
        "eq",
        &token,
        "action=order_instance&pin=4321&os_id=187&root_pass=mnN48Dl%404&id=34533",
    );
    let fail = hk.check_after(&refused, 3);
    assert_eq!(fail["result"], "Fail");
    assert_eq!(fail["context"]["action"], "reinstall_vm");
    assert_eq!(hk.tag(&token, 34533, "OS").as_deref(), Some("Ubuntu 22.04"));
}

#[test]
fn the_pxe_path_installs_after_a_reboot_into_pxe() {
    let mut hk = Hk::new();
    let token = hk.login();
    let master = hk.call("eq", &token, "action=reinstall&id=17405");
    let key = master["callback"].as_str().unwrap().to_string();
    assert_eq!(
        master,
        json!({ "result": "OK", "action": "reinstall", "stage": "create_pxe", "callback": key })
    );
    assert_eq!(
        hk.check_after(&key, 30),
        json!({ "result": "Not ready", "key": key })
    );

    assert_eq!(
        hk.call("eq", &token, "action=create_pxe&pin=1234&id=17405&os_id=180&root_pass=weakpass&hostname=nl-bm-mini"),
        error("eq/create_pxe: root_pass must be at least 8 characters long and include digits and capital letters")
    );
    assert_eq!(
        hk.call("eq", &token, "action=create_pxe&pin=1234&id=17405&os_id=180&root_pass=Passw0rdX&hostname=nl-bm-mini&reinstall_key=00000000000000000000000000000000"),
        error("eq/create_pxe: invalid reinstall_key 00000000000000000000000000000000 for server 17405")
    );
    let pxe = hk.accepted(
        "eq",
        &token,
        &format!("action=create_pxe&email=&pin=1234&id=17405&os_id=180&root_pass=Passw0rdX&hostname=bm-fresh&ssh_key=&post_install_callback=&post_install_script=&reinstall_key={key}"),
    );
    let created = hk.check_after(&pxe, 3);
    assert_eq!(created["scope"], "Configuration_successfully_created");
    assert_eq!(
        created["context"],
        json!({ "action": "create_pxe", "id": "17405", "location": "NL" })
    );
    assert_eq!(created["debug"], Value::Null);
    let boot = hk.accepted("eq", &token, "action=boot_dev&id=17405&pin=1234&media=pxe");
    let booted = hk.check_after(&boot, 3);
    assert_eq!(booted["scope"], "Set Boot Device to pxe");
    assert_eq!(booted["context"]["action"], "bootdev_pxe");
    hk.accepted("eq", &token, "action=reboot&id=17405&pin=1234");
    hk.advance(5);
    assert_eq!(hk.check(&key)["result"], "Not ready");
    let first = hk.check_after(&key, 10);
    assert_eq!(first["result"], "Stage");
    assert_eq!(first["scope"], " (1/5) OS installation started");
    assert_eq!(
        first["context"],
        json!({ "action": "reinstall", "id": "17405", "location": "NL" })
    );
    assert_eq!(
        hk.call("eq", &token, "action=reinstall&id=17405"),
        error("another reinstall in progress for 17405, please wait")
    );
    let done = hk.check_after(&key, 50);
    assert_eq!(
        done,
        json!({
            "result": "OK",
            "scope": " Deploy completed, Server is online",
            "context": { "action": "reinstall", "id": "17405", "location": "NL" },
            "debug": null,
            "key": key,
        })
    );
    assert_eq!(hk.tag(&token, 17405, "OS").as_deref(), Some("Debian 11"));
    assert_eq!(
        hk.tag(&token, 17405, "hostname").as_deref(),
        Some("bm-fresh")
    );
    let disk = hk.accepted("eq", &token, "action=boot_dev&id=17405&pin=1234&media=disk");
    assert_eq!(hk.check_after(&disk, 3)["scope"], "Set Boot Device to disk");
    let clear = hk.accepted("eq", &token, "action=clear_pxe&id=17405&hostname=bm-fresh");
    let cleared = hk.check_after(&clear, 3);
    assert_eq!(cleared["scope"], "Configuration_successfully_cleared");
    assert_eq!(cleared["context"]["action"], "clear_pxe");
    assert_eq!(
        hk.call("eq", &token, "action=boot_dev&id=17405&pin=1234&media=usb"),
        error("eq/boot_dev: media must be pxe, disk or cd, got 'usb'")
    );
    assert_eq!(
        hk.call("eq", &token, "action=clear_pxe&id=17405"),
        error("eq/clear_pxe: hostname is required")
    );
}

#[test]
fn a_vm_boots_from_disk_with_the_documented_text() {
    let mut hk = Hk::new();
    let token = hk.login();
    let disk = hk.accepted("eq", &token, "action=boot_dev&id=34533&pin=1234&media=disk");
    let done = hk.check_after(&disk, 3);
    assert_eq!(done["scope"], "VM is boot for disk");
    assert_eq!(
        done["context"],
        json!({ "action": "bootdev_disk", "id": "34533", "location": "NL" })
    );
}

// ---------------------------------------------------------------- ordering

/// The document's ordering example with a password that meets its own policy.
fn order_body(token: &str, preset: &str, extra: &str) -> String {
    format!(
        "action=order_instance&token={token}&deploy_period=monthly&deploy_notify=true&pin=1234&preset={preset}\
         &location_name=NL&os_id=180&soft_id=20&traffic_plan=25&root_pass=mdLus8Ng%21{extra}"
    )
}

#[test]
fn the_documented_order_example_password_breaks_the_documented_policy() {
    let mut hk = Hk::new();
    let token = hk.login();
    let example = format!(
        "action=order_instance&token={token}&deploy_period=monthly&deploy_notify=true&pin=1234&preset=108\
         &location_name=NL&os_id=180&soft_id=20&traffic_plan=25&root_pass=mdLus8Ng"
    );
    assert_eq!(
        hk.post("eq", &example),
        error("eq/order_instance: root_pass must be at least 8 characters long and include upper- and lower-case Latin letters and at least one special character")
    );
}

#[test]
fn an_order_paid_from_credit_deploys_and_appears_after_update_servers() {
    let mut hk = Hk::new();
    let token = hk.login();
    let answer = hk.post("eq", &order_body(&token, "108", "&hostname=web-new"));
    let invoice = answer["invoice"].as_u64().unwrap();
    assert_eq!(
        answer,
        json!({ "result": "OK", "action": "order_instance", "invoice": invoice, "status": "Paid" })
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=get_client")["client"]["credit"],
        "995.39"
    );
    let bill = hk.call(
        "whmcs",
        &token,
        &format!("action=get_invoice&invoice_id={invoice}"),
    );
    assert_eq!(bill["status"], "Paid");
    assert_eq!(bill["subtotal"], "3.00");
    assert_eq!(bill["credit"], "3.00");
    assert_eq!(bill["total"], "0.00");
    assert_eq!(bill["balance"], "0.00");

    let info = hk.call("auth", &token, "action=info");
    let deploy = info["result"]["deploy_keys"][0].clone();
    let key = deploy["key"].as_str().unwrap().to_string();
    let id = deploy["id"].as_u64().unwrap();
    assert_eq!(deploy["invoice"], invoice);
    assert_eq!(deploy["preset"], "vm.pico");
    assert_eq!(
        hk.check_after(&key, 59),
        json!({ "result": "Not ready", "key": key })
    );
    let done = hk.check_after(&key, 1);
    assert_eq!(done["result"], "OK");
    assert!(done["scope"]
        .as_str()
        .unwrap()
        .starts_with("Autodeploy completed, check VRI-208-"));
    assert_eq!(done["context"]["action"], "deploy_vm");
    assert_eq!(done["context"]["id"], id.to_string());
    assert_eq!(done["context"]["location"], "NL");
    assert_eq!(done["context"]["ip_ipmi"], "0.0.0.0");
    assert_eq!(done["debug"], "0");
    assert_eq!(
        hk.call("auth", &token, "action=info")["result"]["deploy_keys"],
        json!([])
    );

    assert!(!hk.call("eq", &token, "action=list")["servers"]
        .as_array()
        .unwrap()
        .contains(&json!(id)));
    assert_eq!(
        hk.show(&token, id),
        error("eq/show: no server with that ID was found")
    );
    assert_eq!(
        hk.call("eq", &token, "action=update_servers"),
        json!({ "result": "OK" })
    );
    assert_eq!(hk.call("eq", &token, "action=list")["servers"][0], id);
    let show = hk.show(&token, id);
    assert_eq!(show["preset"], "vm.pico");
    assert_eq!(show["IP"][0]["IP"], done["context"]["ip"]);
    assert_eq!(hk.tag(&token, id, "hostname").as_deref(), Some("web-new"));
    assert_eq!(hk.tag(&token, id, "OS").as_deref(), Some("Debian 11"));
    let related = hk.call(
        "whmcs",
        &token,
        &format!("action=get_related_invoices&id={id}"),
    );
    assert_eq!(related["invoices"][0]["id"], invoice);
    let billing = hk.call("whmcs", &token, &format!("action=get_billing_data&id={id}"));
    assert_eq!(billing["billing_reccuring"], "3.00");
    assert_eq!(billing["next_due_date"], "2024-07-01");
}

#[test]
fn an_unpaid_order_waits_for_its_invoice() {
    let mut hk = Hk::new();
    let token = hk.login();
    assert_eq!(
        hk.call("whmcs", &token, "action=update_client&co_autopayment=off")["result"],
        "success"
    );
    let answer = hk.post("eq", &order_body(&token, "vm.mini", ""));
    assert_eq!(answer["status"], "Unpaid");
    let invoice = answer["invoice"].as_u64().unwrap();
    let key = hk.call("auth", &token, "action=info")["result"]["deploy_keys"][0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(hk.check_after(&key, 300)["result"], "Not ready");
    assert_eq!(
        hk.call("whmcs", &token, "action=get_client")["client"]["credit"],
        "998.39"
    );
    let paid = hk.call(
        "whmcs",
        &token,
        &format!("action=apply_credit&invoice_id={invoice}&amount=5"),
    );
    assert_eq!(
        paid,
        json!({ "result": "success", "invoiceid": invoice, "amount": 5, "invoicepaid": "true" })
    );
    assert_eq!(hk.check_after(&key, 59)["result"], "Not ready");
    assert_eq!(hk.check_after(&key, 1)["context"]["action"], "deploy_vm");
}

#[test]
fn an_order_beyond_the_credit_stays_unpaid() {
    let mut hk = Hk::new();
    let token = hk.login();
    let body = format!(
        "action=order_instance&token={token}&deploy_period=annually&deploy_notify=false&pin=1234&preset=vgpu.v1-mini\
         &location_name=NL&os_id=187&traffic_plan=25&root_pass=Gpu%23Server1"
    );
    let answer = hk.post("eq", &body);
    assert_eq!(answer["status"], "Unpaid");
    let bill = hk.call(
        "whmcs",
        &token,
        &format!("action=get_invoice&invoice_id={}", answer["invoice"]),
    );
    assert_eq!(bill["total"], "1884.00");
    assert_eq!(bill["status"], "Unpaid");
    assert_eq!(
        hk.call("whmcs", &token, "action=get_client")["client"]["credit"],
        "998.39"
    );
    // The only vGPU unit is taken.
    assert_eq!(
        hk.post("eq", &body),
        error("eq/order_instance: preset vgpu.v1-mini is sold out in NL")
    );
}

#[test]
fn order_validation_follows_the_catalogue() {
    let mut hk = Hk::new();
    let token = hk.login();
    assert_eq!(
        hk.call(
            "eq",
            &token,
            "action=order_instance&deploy_period=monthly&deploy_notify=true&pin=1234&preset=108"
        ),
        error("eq/order_instance: location_name is required")
    );
    let odoo =
        order_body(&token, "108", "").replace("os_id=180&soft_id=20", "os_id=187&soft_id=49");
    assert_eq!(
        hk.post("eq", &odoo),
        error("reinstall: extra software Odoo (#49) is not compatible with Ubuntu 22.04")
    );
    let windows = order_body(&token, "108", "").replace("os_id=180&soft_id=20", "os_id=206");
    assert_eq!(hk.post("eq", &windows), error("eq/order_instance: OS Windows Server 2022 Standard (#206) is not compatible with preset vm.pico"));
    let period = order_body(&token, "108", "").replace("monthly", "weekly");
    assert_eq!(
        hk.post("eq", &period),
        error("eq/order_instance: deploy_period must be monthly, quarterly, semi-annually or annually, got 'weekly'")
    );
    let elsewhere =
        order_body(&token, "bm.v1-mini", "").replace("location_name=NL", "location_name=US");
    assert_eq!(
        hk.post("eq", &elsewhere),
        error("eq/order_instance: preset bm.v1-mini is not available in US")
    );
    let plan = order_body(&token, "108", "").replace("traffic_plan=25", "traffic_plan=41");
    assert_eq!(
        hk.post("eq", &plan),
        error("eq/order_instance: traffic plan 41 is not available for this instance in NL")
    );
    assert_eq!(
        hk.post("eq", &order_body(&token, "vm.galaxy", "")),
        error("eq/order_instance: preset vm.galaxy not found")
    );
    let own_os = order_body(&token, "108", "&own_os=1").replace("&soft_id=20", "");
    assert_eq!(hk.post("eq", &own_os)["status"], "Paid");
}

#[test]
fn stock_servers_are_ordered_by_id_and_leave_the_stock_list() {
    let mut hk = Hk::new();
    let token = hk.login();
    let body = format!(
        "action=order_instance&token={token}&deploy_period=quarterly&deploy_notify=true&pin=1234&preset=40514\
         &location_name=FI&os_id=187&traffic_plan=41&root_pass=Stock%21Box1"
    );
    let answer = hk.post("eq", &body);
    assert_eq!(answer["status"], "Paid");
    assert_eq!(
        hk.call("whmcs", &token, "action=get_client")["client"]["credit"],
        "663.74"
    );
    let listed = hk.post("stocks", "action=list&location=FI&group=ALL");
    assert_eq!(
        listed["servers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].clone())
            .collect::<Vec<_>>(),
        vec![json!(44717)]
    );
    assert_eq!(
        hk.post("stocks", "action=show&id=40514"),
        error("stocks/show: stock server 40514 not found")
    );
    assert_eq!(
        hk.post("eq", &body),
        error("eq/order_instance: preset stock.40514 is sold out in FI")
    );
    let key = hk.call("auth", &token, "action=info")["result"]["deploy_keys"][0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(hk.check_after(&key, 60)["result"], "Not ready");
    let done = hk.check_after(&key, 120);
    assert_eq!(done["context"]["location"], "FI");
    hk.call("eq", &token, "action=update_servers");
    let id = done["context"]["id"]
        .as_str()
        .unwrap()
        .parse::<u64>()
        .unwrap();
    let show = hk.show(&token, id);
    assert_eq!(
        show["hardware"]["cpu_name"],
        "AMD Ryzen 9 5950X 3.4GHz (16 cores)"
    );
    assert_eq!(show["location"]["dc_location"], "FI");
}

// ---------------------------------------------------------------- catalogue (no token)

#[test]
fn presets_list_per_location_in_both_documented_shapes() {
    let mut hk = Hk::new();
    let answer = hk.post("presets", "action=list&location=NL");
    assert_eq!(answer["result"], "OK");
    assert_eq!(answer["action"], "list");
    let presets = answer["presets"].as_array().unwrap();
    let pico = presets.iter().find(|p| p["id"] == 108).unwrap();
    assert_eq!(pico["name"], "vm.pico");
    assert_eq!(pico["monthly_com"], 3);
    assert_eq!(pico["hdd"], "15");
    assert_eq!(pico["cpu"], 1);
    assert_eq!(pico["virtual"], 1);
    assert_eq!(pico["locations"], "NL,US,FI,DE,IS,TR,UK");
    assert_eq!(pico["price"]["NL"], json!({ "USD": -1, "EUR": 3 }));
    assert_eq!(pico["available"], 184);
    assert_eq!(pico["server_type"], "Virtual Private Server");
    assert!(pico["tags"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["component"] == "presets" && t["component_id"] == 108));
    assert!(pico["tags"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["tag"] == "pid_nl" && t["internal"] == 1));
    let mini = presets.iter().find(|p| p["name"] == "bm.v1-mini").unwrap();
    assert_eq!(mini["hdd"], 240);
    assert_eq!(mini["virtual"], 0);
    assert!(mini.get("price").is_none() && mini.get("server_type").is_none());
    assert_eq!(
        mini["tags"],
        json!([{ "id": 7150, "tag": "bm", "value": "true", "extra": "", "internal": 1 }])
    );
    let vgpu = presets.iter().find(|p| p["id"] == 8).unwrap();
    assert_eq!(vgpu["gpu"], "1xGTX1080");
    let us = hk.post("presets", "action=list&location=US");
    assert!(us["presets"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["locations"].as_str().unwrap().contains("US")));
    assert_eq!(
        hk.post("presets", "action=list"),
        error("presets/list: location is required")
    );
    assert_eq!(
        hk.post("presets", "action=list&location=XX"),
        error("presets/list: unknown location XX, expected one of NL/US/FI/DE/IS/TR/UK")
    );
}

#[test]
fn os_list_filters_by_instance_and_prices_licences() {
    let mut hk = Hk::new();
    let all = hk.post("os", "action=list");
    let list = all["os_list"].as_array().unwrap();
    let rocky = list.iter().find(|o| o["id"] == 183).unwrap();
    assert_eq!(rocky["name"], "RockyLinux 8");
    assert_eq!(rocky["api_enabled"], 0);
    assert_eq!(rocky["pxe_os_id"], Value::Null);
    let family = rocky["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tag"] == "family")
        .unwrap();
    assert_eq!(family["value"], "RockyLinux");
    assert_eq!(family["extra"], "50");
    assert_eq!(family["component"], "OS");
    let windows = list.iter().find(|o| o["id"] == 202).unwrap();
    assert_eq!(windows["active"], 0);
    assert_eq!(windows["price_EUR"], 2);
    assert_eq!(
        windows["billing_plan"],
        json!({ "EUR": { "1": 2, "3": 6, "6": 12, "12": 24 } })
    );
    let pico = hk.post("os", "action=list&instance_id=108");
    let ids: Vec<u64> = pico["os_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_u64().unwrap())
        .collect();
    assert!(ids.contains(&187) && ids.contains(&180) && ids.contains(&205));
    assert!(!ids.contains(&202), "Windows needs 4 GB of RAM");
    let medium = hk.post("os", "action=list&instance_id=111");
    let ws = medium["os_list"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == 202)
        .unwrap()
        .clone();
    assert_eq!(ws["price_EUR"], 8);
    assert_eq!(
        hk.post("os", "action=list&instance_id=999"),
        error("os/list: unknown instance 999")
    );
}

#[test]
fn software_list_keeps_the_os_tag_as_an_array() {
    let mut hk = Hk::new();
    let answer = hk.post("software", "action=list&location=NL&instance_id=108");
    let list = answer["software"].as_array().unwrap();
    let odoo = list.iter().find(|s| s["id"] == 49);
    assert!(odoo.is_none(), "Odoo needs two cores");
    let vpn = list.iter().find(|s| s["id"] == 26).unwrap();
    assert_eq!(vpn["task"], "invapi_external_3x_vpn_ui_install.dsl");
    assert_eq!(vpn["price"], 0);
    let os = vpn["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tag"] == "os")
        .unwrap();
    assert_eq!(
        os["value"],
        json!(["160", "183", "184", "157", "180", "144", "187", "193"])
    );
    assert_eq!(os["component"], "software");
    let all = hk.post("software", "action=list");
    let minecraft = all["software"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == 65)
        .unwrap()
        .clone();
    let os = minecraft["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tag"] == "os")
        .unwrap()
        .clone();
    assert_eq!(
        os["value"],
        json!(["180", "219", "219", "160", "187", "217"])
    );
    assert_eq!(all["software"].as_array().unwrap().len(), 5);
}

#[test]
fn traffic_plans_accept_both_instance_spellings() {
    let mut hk = Hk::new();
    let vm = hk.post("traffic_plans", "action=list&location=NL&instance=108");
    let plans = vm["traffic_plans"].as_array().unwrap();
    assert_eq!(
        plans.iter().map(|p| p["id"].clone()).collect::<Vec<_>>(),
        vec![json!(25), json!(37)]
    );
    assert_eq!(plans[0]["locations"], "NL,US,FI,DE,IS,TR,UK,");
    assert_eq!(plans[0]["limit_out"], 3);
    assert_eq!(plans[0]["currency_id"], 0);
    assert_eq!(plans[0]["tags"][0]["component"], "traffic_plans");
    let bm = hk.post("traffic_plans", "action=list&location=FI&instance_id=15");
    let ids: Vec<Value> = bm["traffic_plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].clone())
        .collect();
    assert_eq!(ids, vec![json!(41), json!(43), json!(45)]);
    assert_eq!(
        hk.post("traffic_plans", "action=list&location=XX"),
        error("traffic_plans/list: error while looking for traffic plans")
    );
    assert_eq!(
        hk.post("traffic_plans", "action=list"),
        error("traffic_plans/list: location is required")
    );
}

#[test]
fn stocks_list_and_show_use_their_own_shapes() {
    let mut hk = Hk::new();
    let fi = hk.post("stocks", "action=list&location=FI&group=ALL");
    let servers = fi["servers"].as_array().unwrap();
    assert_eq!(servers.len(), 2);
    let ryzen = &servers[0];
    assert_eq!(ryzen["id"], 40514);
    assert_eq!(ryzen["name"], "40514");
    assert_eq!(ryzen["location"], "FI");
    assert_eq!(ryzen["cpu_count"], "1");
    assert_eq!(ryzen["hardware"]["cpu_count"], 1);
    assert_eq!(
        ryzen["hardware"]["config"],
        "AMD Ryzen 9 5950X 3.4GHz (16 cores)/128Gb/1Tb NVMe SSD/PSU"
    );
    assert_eq!(ryzen["hardware"]["hdd_groups"][0]["size"], "1024");
    assert_eq!(
        ryzen["tags"],
        json!({ "ipmi": { "tag": "ipmi", "value": "ami_bmc", "extra": "" } })
    );
    assert_eq!(
        ryzen["billing_plan"],
        json!({ "EUR": { "1": 115, "3": 334.65, "6": 648.6, "12": 1214.4 } })
    );
    assert_eq!(ryzen["server_group"], "Dedicated Server");
    let intel = hk.post("stocks", "action=list&location=FI&group=INTEL");
    assert_eq!(intel["servers"][0]["id"], 44717);
    assert_eq!(intel["servers"][0]["tags"]["hwraid"]["value"], "1");
    assert_eq!(
        hk.post("stocks", "action=list&location=DE&group=GPU")["servers"][0]["id"],
        46010
    );
    assert_eq!(
        hk.post("stocks", "action=list&location=DE&group=AMD")["servers"],
        json!([])
    );
    let show = hk.post("stocks", "action=show&id=44717");
    assert_eq!(show["action"], "show");
    assert_eq!(
        show["server_data"]["location"],
        json!({ "dc_location": "FI", "location_id": 4, "country": "FI" })
    );
    assert!(show["server_data"].get("server_group").is_none());
    assert_eq!(show["server_data"]["billing_plan"]["EUR"]["12"], 1129.92);
    assert_eq!(
        hk.post("stocks", "action=list&location=FI&group=ARM"),
        error("stocks/list: unknown group ARM, expected one of ALL, 1CPU, 2CPU, GPU, AMD, AMD-MODERN, INTEL")
    );
}

#[test]
fn jenkins_lists_the_post_install_tasks() {
    let mut hk = Hk::new();
    let answer = hk.post("jenkins", "action=get_tasks");
    let tasks = answer["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 4);
    assert_eq!(
        tasks[0],
        json!({ "id": -1, "task": "", "desc": "Do nothing", "tag": "", "tags": [{"tag":"gpu"},{"tag":"vgpu"},{"tag":"vm"},{"tag":"bm"}] })
    );
    assert_eq!(tasks[3]["tag"], "gpu_driver_docker_iommu");
}

// ---------------------------------------------------------------- net.php and ip.php

#[test]
fn port_status_and_port_switching() {
    let mut hk = Hk::new();
    let token = hk.login();
    let status = hk.accepted("net", &token, "action=get_status&id=34533&pin=1234");
    let done = hk.check_after(&status, 3);
    let scope: Value = serde_json::from_str(done["scope"].as_str().unwrap()).unwrap();
    assert_eq!(scope["switch"], "virtual");
    assert_eq!(scope["status"], "connected");
    assert_eq!(scope["speed"], "1000");
    assert_eq!(scope["interface"], "eth0");
    assert!(scope["vlan"].as_str().unwrap().starts_with('v'));
    assert_eq!(
        done["context"],
        json!({ "action": "get_status", "id": "34533", "location": "NL", "ip_ipmi": "0.0.0.0", "interface_id": "eth0", "port": "eth0" })
    );
    assert_eq!(done["debug"], "get status port via Ovirt API");

    let off = hk.accepted("net", &token, "action=port_off&id=34533&port=eth0&pin=1234");
    let done = hk.check_after(&off, 3);
    assert_eq!(
        (done["scope"].clone(), done["debug"].clone()),
        (json!("Port is off"), json!("Unplugged"))
    );
    let show = hk.show(&token, 34533);
    assert_eq!(show["interfaces"][0]["Status"], "disable");
    assert_eq!(show["IP"][0]["status"], "disable");
    let on = hk.accepted("net", &token, "action=port_on&id=34533&port=eth0&pin=1234");
    assert_eq!(hk.check_after(&on, 3)["scope"], "Port is on");
    assert_eq!(hk.show(&token, 34533)["interfaces"][0]["Status"], "enable");
    assert_eq!(
        hk.call("net", &token, "action=port_on&id=34533&port=&pin=1234"),
        error("net/port_on: port is required")
    );
    assert_eq!(
        hk.call("net", &token, "action=port_on&id=34533&port=eth9&pin=1234"),
        error("net/port_on: port eth9 not found on server 34533")
    );
}

#[test]
fn show_cacti_returns_a_png_graph() {
    let mut hk = Hk::new();
    let token = hk.login();
    for graph in ["1", "2", "3"] {
        let response = hk.raw(
            "net",
            &format!("action=show_cacti&token={token}&id=34533&pin=1234&port=eth0&graph={graph}"),
        );
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "image/png");
        assert_eq!(&response.body()[..8], b"\x89PNG\r\n\x1a\n");
        assert!(response.body().ends_with(b"IEND\xaeB`\x82"));
    }
    assert_eq!(
        hk.call(
            "net",
            &token,
            "action=show_cacti&id=34533&pin=1234&port=eth9&graph=1"
        ),
        json!({
            "result": -1,
            "action": "show_cacti",
            "error": "net/show_cacti: failed to load img for server 34533 port eth9: failed to find cacti id for this server interface",
            "context": { "id": 34533, "port": "eth9" },
        })
    );
    assert_eq!(
        hk.call(
            "net",
            &token,
            "action=show_cacti&id=34533&pin=1234&port=eth0&graph=7"
        ),
        error("net/show_cacti: graph must be 1 (daily), 2 (monthly) or 3 (annual), got '7'")
    );
}

#[test]
fn blocking_an_ip_shows_in_eq_show_and_can_lift_itself() {
    let mut hk = Hk::new();
    let token = hk.login();
    let ip = hk.show(&token, 34533)["IP"][0]["IP"]
        .as_str()
        .unwrap()
        .to_string();
    let key = hk.accepted(
        "net",
        &token,
        &format!("action=block_ip&id=34533&ip={ip}&pin=1234&description=abuse&four_hours=1"),
    );
    assert_eq!(
        hk.check_after(&key, 3),
        json!({ "result": "OK", "scope": "blocked", "context": { "action": "block_ip", "id": "34533", "ip": ip }, "debug": null, "key": key })
    );
    let blocked = hk.show(&token, 34533)["IP"][0].clone();
    assert_eq!(blocked["locked"], 1);
    assert_eq!(blocked["date_block"], "2024-06-01 00:00:03");
    hk.advance(4 * 3600);
    let token = hk.login();
    assert_eq!(hk.show(&token, 34533)["IP"][0]["locked"], 0);

    let key = hk.accepted(
        "net",
        &token,
        &format!("action=block_ip&id=34533&ip={ip}&pin=1234&description=abuse"),
    );
    hk.advance(3);
    let unblock = hk.accepted(
        "net",
        &token,
        &format!("action=unblock_ip&id=34533&ip={ip}&pin=1234"),
    );
    assert_eq!(hk.check(&key)["scope"], "blocked");
    assert_eq!(hk.show(&token, 34533)["IP"][0]["locked"], 1);
    assert_eq!(hk.check_after(&unblock, 3)["scope"], "unblocked");
    assert_eq!(hk.show(&token, 34533)["IP"][0]["date_block"], Value::Null);
    assert_eq!(
        hk.call(
            "net",
            &token,
            "action=block_ip&id=34533&ip=198.51.100.99&pin=1234&description=x"
        ),
        error("net/block_ip: ip 198.51.100.99 does not belong to server 34533")
    );
    assert_eq!(
        hk.call(
            "net",
            &token,
            &format!("action=block_ip&id=34533&ip={ip}&pin=1234")
        ),
        error("net/block_ip: description is required")
    );
}

#[test]
fn ip_details_ptr_records_and_the_main_address() {
    let mut hk = Hk::new();
    let token = hk.login();
    let ip = hk.show(&token, 34533)["IP"][0]["IP"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        hk.call("ip", &token, &format!("action=get_ip&ip={ip}")),
        json!({
            "network": "192.0.2.0",
            "broadcast": "192.0.2.127",
            "netmask": "255.255.255.128",
            "gateway": "192.0.2.1",
            "vlan": 415,
            "subnet_id": 517,
            "cidr": 25,
            "location": "NL",
            "ip": ip,
        })
    );
    assert_eq!(
        hk.call("ip", &token, "action=get_ip&ip=203.0.113.250"),
        error("ip/get_ip: ip 203.0.113.250 not found")
    );
    assert_eq!(
        hk.call("ip", &token, "action=get_ip&ip=banana"),
        error("ip/get_ip: 'banana' is not an IPv4 address")
    );
    let ptr = hk.call("ip", &token, &format!("action=get_ptr&id=34533&ip={ip}"));
    assert_eq!(ptr["result"], "OK");
    assert_eq!(
        ptr["message"],
        json!([format!("{}.static.hostkey.example.", ip.replace('.', "-"))])
    );
    assert_eq!(
        hk.call(
            "ip",
            &token,
            &format!("action=update_ptr&id=34533&ip={ip}&ptr=mail.example.net%0Awww.example.net.")
        ),
        json!({ "result": "OK", "message": "" })
    );
    assert_eq!(
        hk.call("ip", &token, &format!("action=get_ptr&id=34533&ip={ip}"))["message"],
        json!(["mail.example.net.", "www.example.net."])
    );
    assert_eq!(
        hk.call(
            "ip",
            &token,
            &format!("action=update_ptr&id=34533&ip={ip}&ptr=bad_name!")
        ),
        error("ip/update_ptr: ptr: 'bad_name!' is not a valid hostname")
    );
    assert_eq!(
        hk.call(
            "ip",
            &token,
            &format!("action=set_main&id=34533&ip={ip}&main=1")
        ),
        json!({ "result": "OK", "message": format!("{ip} set as main address") })
    );
    assert_eq!(
        hk.call("ip", &token, &format!("action=get_ptr&id=32645&ip={ip}")),
        error(&format!(
            "ip/get_ptr: ip {ip} does not belong to server 32645"
        ))
    );
}

// ---------------------------------------------------------------- pdns.php

#[test]
fn pdns_lists_domains_and_zones() {
    let mut hk = Hk::new();
    let token = hk.login();
    assert_eq!(
        hk.call("pdns", &token, "action=list_domains"),
        json!({ "result": "OK", "module": "pdns", "action": "list_domains", "data": [{ "id": 232, "name": "mydomen.com" }] })
    );
    let zones = hk.call("pdns", &token, "action=list_zones");
    let hostbuy = zones["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|z| z["id"] == "hostbuy.com.")
        .unwrap()
        .clone();
    assert_eq!(
        hostbuy,
        json!({
            "account": "",
            "dnssec": false,
            "edited_serial": 2018041900u64,
            "id": "hostbuy.com.",
            "kind": "Master",
            "last_check": 1612322161u64,
            "masters": ["198.51.100.53"],
            "name": "hostbuy.com.",
            "notified_serial": 2018041900u64,
            "serial": 2018041900u64,
            "url": "/api/v1/servers/localhost/zones/hostbuy.com.",
        })
    );
    let view = hk.call("pdns", &token, "action=view_zone&zone=aaa.com");
    assert_eq!(view["action"], "view_zone");
    let zone = &view["data"][0];
    assert_eq!(zone["soa_edit_api"], "DEFAULT");
    assert_eq!(zone["api_rectify"], false);
    let txt = zone["rrsets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "TXT")
        .unwrap()
        .clone();
    assert_eq!(
        txt,
        json!({ "comments": [], "name": "tesrt._domainkey.aaa.com.", "records": [{ "content": "\"v=DKIM1; p=dsdsdsd\"", "disabled": false }], "ttl": 3600, "type": "TXT" })
    );
    assert_eq!(
        hk.call("pdns", &token, "action=view_zone&zone=nothing.example"),
        error("pdns/view_zone: zone nothing.example. not found")
    );
}

/// The rrset `name`/`rtype` of a zone, from view_zone.
fn rrset(hk: &mut Hk, token: &str, zone: &str, name: &str, rtype: &str) -> Option<Value> {
    let view = hk.call("pdns", token, &format!("action=view_zone&zone={zone}"));
    view["data"][0]["rrsets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name && r["type"] == rtype)
        .cloned()
}

#[test]
fn pdns_zone_lifecycle_with_record_upserts() {
    let mut hk = Hk::new();
    let token = hk.login();
    let add_zone = format!(
        "action=add_zone&token={token}&server_id=34533&zonename=example.com&rrsets=true&dnssec=false&kind=master&masters[]=[]\
         &dns[ttl]=3600&dns[mname]=ns1.hostkey.com&dns[rname]=admin.example.com&dns[serial]=2023101800&dns[refresh]=14400\
         &dns[retry]=3600&dns[expire]=604800&dns[minimum]=3600&nameservers[]=ns1.hostkey.com&nameservers[]=ns1.hostkey.com"
    );
    let created = hk.post("pdns", &add_zone);
    assert_eq!(created["action"], "view_zone");
    let zone = &created["data"][0];
    assert_eq!(zone["name"], "example.com.");
    assert_eq!(zone["kind"], "Master");
    assert_eq!(zone["serial"], 2023101800u64);
    assert_eq!(zone["masters"], json!([]));
    let soa = zone["rrsets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "SOA")
        .unwrap()
        .clone();
    assert_eq!(
        soa["records"][0]["content"],
        "ns1.hostkey.com. admin.example.com. 2023101800 14400 3600 604800 3600"
    );
    let ns = zone["rrsets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "NS")
        .unwrap()
        .clone();
    assert_eq!(
        ns["records"],
        json!([{ "content": "ns1.hostkey.com.", "disabled": false }])
    );
    assert_eq!(
        hk.post("pdns", &add_zone),
        error("pdns/add_zone: zone example.com. already exists")
    );

    let add_dns = format!(
        "action=add_dns&token={token}&zone=example.com&name=www&old_name=&type=A&content=10.56.121.5%2010.56.121.6&ttl=3600\
         &increase_soa_serial=1&mname=ns1.example.com&rname=admin.example.com&serial=2023101800&refresh=14400&retry=3600\
         &expire=604800&minimum=3600&proto=tcp&priority=10&weight=5&port=450&target=example.com.&masters=[]&dns[ttl]=3600\
         &nameservers[]=ns1.example.com"
    );
    assert_eq!(
        hk.post("pdns", &add_dns),
        json!({ "result": "OK", "module": "pdns", "action": "delete_zone", "data": null })
    );
    let www = rrset(&mut hk, &token, "example.com", "www.example.com.", "A").unwrap();
    assert_eq!(
        www["records"],
        json!([{ "content": "10.56.121.5", "disabled": false }, { "content": "10.56.121.6", "disabled": false }])
    );
    let view = hk.call("pdns", &token, "action=view_zone&zone=example.com");
    assert_eq!(view["data"][0]["serial"], 2023101801u64);

    hk.call(
        "pdns",
        &token,
        "action=add_dns&zone=example.com&name=www&type=A&content=10.0.0.9&ttl=600",
    );
    let www = rrset(&mut hk, &token, "example.com", "www.example.com.", "A").unwrap();
    assert_eq!(
        www["records"],
        json!([{ "content": "10.0.0.9", "disabled": false }])
    );
    assert_eq!(www["ttl"], 600);
    hk.call(
        "pdns",
        &token,
        "action=add_dns&zone=example.com&name=web&old_name=www&type=A&content=10.0.0.9",
    );
    assert!(rrset(&mut hk, &token, "example.com", "www.example.com.", "A").is_none());
    assert!(rrset(&mut hk, &token, "example.com", "web.example.com.", "A").is_some());
    hk.call(
        "pdns",
        &token,
        "action=add_dns&zone=example.com&name=@&type=MX&content=10%20mail.example.com",
    );
    assert_eq!(
        rrset(&mut hk, &token, "example.com", "example.com.", "MX").unwrap()["records"][0]
            ["content"],
        "10 mail.example.com."
    );
    hk.call("pdns", &token, "action=add_dns&zone=example.com&name=_sip._tcp&type=SRV&priority=10&weight=5&port=450&target=example.com.");
    assert_eq!(
        rrset(
            &mut hk,
            &token,
            "example.com",
            "_sip._tcp.example.com.",
            "SRV"
        )
        .unwrap()["records"][0]["content"],
        "10 5 450 example.com."
    );
    assert_eq!(
        hk.call(
            "pdns",
            &token,
            "action=add_dns&zone=example.com&name=bad&type=A&content=not-an-ip"
        ),
        error("pdns/add_dns: content: 'not-an-ip' is not an IPv4 address")
    );
    assert_eq!(
        hk.call(
            "pdns",
            &token,
            "action=add_dns&zone=example.com&name=web&type=CNAME&content=example.com"
        ),
        error("pdns/add_dns: a CNAME can not share the name web.example.com. with other records")
    );

    let delete =
        format!("action=add_zone&action=delete_dns&token={token}&zone=example.com&name=web&type=A");
    assert_eq!(
        hk.post("pdns", &delete),
        json!({ "result": "OK", "module": "pdns", "action": "delete_dns", "data": null })
    );
    assert!(rrset(&mut hk, &token, "example.com", "web.example.com.", "A").is_none());
    assert_eq!(
        hk.post("pdns", &delete),
        error("pdns/delete_dns: record web.example.com. A not found in zone example.com.")
    );
    assert_eq!(
        hk.call("pdns", &token, "action=delete_zone&zone=example.com"),
        json!({ "result": "OK", "module": "pdns", "action": "delete_zone", "data": null })
    );
    assert_eq!(
        hk.call("pdns", &token, "action=view_zone&zone=example.com")["result"],
        -1
    );
    assert_eq!(
        hk.call(
            "pdns",
            &token,
            "action=add_zone&name=slave.example&kind=Slave"
        ),
        error("pdns/add_zone: a Slave zone needs at least one master")
    );
}

#[test]
fn pdns_domains_and_subdomains_point_at_servers() {
    let mut hk = Hk::new();
    let token = hk.login();
    let ip = hk.show(&token, 32645)["IP"][0]["IP"].clone();
    let added = hk.call(
        "pdns",
        &token,
        "action=add_subdomain&server_id=32645&domain_id=232&name=api",
    );
    assert_eq!(
        added,
        json!({ "result": "OK", "module": "pdns", "action": "add_subdomain", "data": [{ "id": 2 }] })
    );
    assert_eq!(
        rrset(&mut hk, &token, "mydomen.com", "api.mydomen.com.", "A").unwrap()["records"][0]
            ["content"],
        ip
    );
    assert_eq!(
        hk.call("pdns", &token, "action=list_subdomains&server_id=32645")["data"],
        json!([{ "id": 2, "name": "api", "domain_id": 232, "server_id": 32645 }])
    );
    let edited = hk.call(
        "pdns",
        &token,
        "action=edit_subdomain&server_id=32645&id=2&name=gateway",
    );
    assert_eq!(edited["data"], json!([{ "id": 2 }]));
    assert!(rrset(&mut hk, &token, "mydomen.com", "api.mydomen.com.", "A").is_none());
    assert!(rrset(&mut hk, &token, "mydomen.com", "gateway.mydomen.com.", "A").is_some());
    let deleted = hk.call(
        "pdns",
        &token,
        "action=delete_subdomain&server_id=32645&id=2",
    );
    assert_eq!(
        deleted,
        json!({ "result": "OK", "module": "pdns", "action": "delete_domain", "data": [{ "id": 2 }] })
    );
    assert!(rrset(&mut hk, &token, "mydomen.com", "gateway.mydomen.com.", "A").is_none());
    assert_eq!(
        hk.call(
            "pdns",
            &token,
            "action=add_subdomain&server_id=99999&domain_id=232&name=x"
        ),
        error("pdns/add_subdomain: permission denied #3, this is not your server")
    );

    let domain = hk.call("pdns", &token, "action=add_domain&name=shop.example");
    assert_eq!(
        domain,
        json!({ "result": "OK", "module": "pdns", "action": "add_domain", "data": [{ "id": 233 }] })
    );
    assert_eq!(
        hk.call("pdns", &token, "action=view_zone&zone=shop.example.")["data"][0]["name"],
        "shop.example."
    );
    assert_eq!(
        hk.call("pdns", &token, "action=add_domain&name=shop.example"),
        error("pdns/add_domain: domain shop.example already exists")
    );
    assert_eq!(
        hk.call(
            "pdns",
            &token,
            "action=delete_domain&server_id=34533&domain_id=233"
        )["data"],
        json!([{ "id": 233 }])
    );
    assert_eq!(
        hk.call("pdns", &token, "action=view_zone&zone=shop.example")["result"],
        -1
    );
    assert_eq!(
        hk.call(
            "pdns",
            &token,
            "action=delete_domain&server_id=34533&domain_id=233"
        ),
        error("pdns/delete_domain: domain 233 not found")
    );
}

// ---------------------------------------------------------------- tags.php

#[test]
fn tags_upsert_remove_and_search() {
    let mut hk = Hk::new();
    let token = hk.login();
    let list = hk.call("tags", &token, "action=list&id=34533");
    assert_eq!(list["action"], "list");
    let webpanel = list["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["tag"] == "webpanel")
        .unwrap()
        .clone();
    assert_eq!(webpanel["value"], "ispmanager6");
    assert_eq!(
        webpanel["extra"],
        "https://isp34533.hostkey.example:1500/ispmgr"
    );
    assert_eq!(webpanel["component"], "Component1");
    let added = hk.call(
        "tags",
        &token,
        "action=add&id=34533&tag=server_number&value=docs_13456",
    );
    let id = added["id"].as_u64().unwrap();
    assert_eq!(
        added,
        json!({ "result": "OK", "action": "add", "id": id, "component": "eq", "component_id": 34533, "tag": "server_number", "value": "docs_13456", "extra": "", "internal": 0 })
    );
    let changed = hk.call(
        "tags",
        &token,
        "action=add&id=34533&tag=server_number&value=docs_654321",
    );
    assert_eq!(changed["id"], id);
    assert_eq!(changed["value"], "docs_654321");
    assert_eq!(
        hk.tag(&token, 34533, "server_number").as_deref(),
        Some("docs_654321")
    );
    assert_eq!(
        hk.call("tags", &token, "action=user_search&value=DOCS_65"),
        json!({ "result": "OK", "action": "search_user", "servers": [34533] })
    );
    assert_eq!(
        hk.call("tags", &token, "action=user_search&value=nl-vmpico")["servers"],
        json!([32645])
    );
    assert_eq!(
        hk.call("tags", &token, "action=remove&id=34533&tag=server_number"),
        json!({ "result": "OK", "action": "remove", "id": id, "tag": "server_number", "component": "eq", "component_id": 34533 })
    );
    assert_eq!(
        hk.call("tags", &token, "action=remove&id=34533&tag=server_number"),
        error("tags/remove: tag server_number not found on server 34533")
    );
    assert_eq!(
        hk.call(
            "tags",
            &token,
            "action=add&id=34533&tag=preset_id&value=vm.huge"
        ),
        error("tags/add: tag preset_id is a system tag and can not be changed")
    );
    assert_eq!(
        hk.call("tags", &token, "action=remove&id=34533&tag=os_id"),
        error("tags/remove: tag os_id is a system tag and can not be removed")
    );
    assert_eq!(
        hk.call("tags", &token, "action=add&id=34533&tag=note"),
        error("tags/add: value is required")
    );
    assert_eq!(
        hk.call("tags", &token, "action=add&id=99999&tag=a&value=b"),
        error("tags/add: permission denied #3, this is not your server")
    );
}

// ---------------------------------------------------------------- jira.php

#[test]
fn remote_hands_requests_open_tickets() {
    let mut hk = Hk::new();
    let token = hk.login();
    let answer = hk.call("jira", &token, "action=request_pon&id=34533");
    assert_eq!(
        answer,
        json!({
            "result": "OK",
            "action": {
                "permission": "eq/on",
                "subject": "CP request: Manual power ON the server 34533 please",
                "message": "Dear HOSTKEY support, please power on the server 34533 since it doesn't have remote control. \n This is automated message from INVAPI, no extra verification required.",
                "msg": { "action": "request_pon", "id": 34533, "callback_url": "https://invapi.hostkey.com/eq_callback.php", "callback_key": "" },
            },
            "jira_url": "https://my.hostkey.com/servicedesk/customer/portal/1/RHR-10231",
            "jira_issue": "RHR-10231",
        })
    );
    let kvm = hk.call("jira", &token, "action=request_kvm&id=17405");
    assert_eq!(
        kvm["action"]["subject"],
        "CP request: KVM to the server 17405 please"
    );
    assert_eq!(kvm["action"]["permission"], "eq/kvm");
    assert_eq!(kvm["jira_issue"], "RHR-10232");
    for (action, permission) in [
        ("request_poff", "eq/off"),
        ("request_reboot", "eq/reboot"),
        ("request_PXEboot", "eq/PXEboot"),
        ("request_check", "eq/check"),
    ] {
        assert_eq!(
            hk.call("jira", &token, &format!("action={action}&id=34533"))["action"]["permission"],
            permission
        );
    }
    assert_eq!(
        hk.call("jira", &token, "action=request_pon&id=1"),
        error("jira/request_pon: permission denied #3, this is not your server")
    );
}

// ---------------------------------------------------------------- whmcs.php

#[test]
fn get_client_reports_the_documented_customer() {
    let mut hk = Hk::new();
    let token = hk.login();
    let answer = hk.call("whmcs", &token, "action=get_client");
    assert_eq!(answer["result"], "success");
    let client = &answer["client"];
    assert_eq!(client["userid"], 3172);
    assert_eq!(client["firstname"], "John");
    assert_eq!(client["lastname"], "Hostkey");
    assert_eq!(client["city"], "Amsterdam");
    assert_eq!(client["countryname"], "Netherlands");
    assert_eq!(client["credit"], "998.39");
    assert_eq!(client["currency_code"], "EUR");
    assert_eq!(client["twofaenabled"], false);
    assert_eq!(
        client["co_autopayment"],
        json!({ "name": "Autopayment enabled", "type": "checkbox", "required": false, "value": "on" })
    );
    assert_eq!(
        client["co_customertype"]["options"],
        json!(["Individual", "Legal entity"])
    );
    assert_eq!(client["co_smsnum"]["size"], 26);
    assert_eq!(answer["billing_location"], "whmcs_com");
    assert_eq!(answer["groupdata"]["groupname"], "Customers");
    assert_eq!(answer["internal"]["account_id"], 3172);
}

#[test]
fn update_client_and_reset_password() {
    let mut hk = Hk::new();
    let token = hk.login();
    let update = "action=update_client&billing_firstname=Jane&billing_city=Rotterdam&billing_taxexempt=true&co_smsnum=310695005645\
                  &co_customertype=Legal%20entity&billing_email=jane%40example.org";
    assert_eq!(
        hk.call("whmcs", &token, update),
        json!({ "result": "success", "clientid": "3172" })
    );
    let client = hk.call("whmcs", &token, "action=get_client")["client"].clone();
    assert_eq!(client["firstname"], "Jane");
    assert_eq!(client["city"], "Rotterdam");
    assert_eq!(client["taxexempt"], true);
    assert_eq!(client["email"], "jane@example.org");
    assert_eq!(client["co_customertype"]["value"], "Legal entity");
    assert_eq!(
        hk.call("whmcs", &token, "action=update_client&billing_email=nobody"),
        error("whmcs/update_client: billing_email: 'nobody' is not a valid e-mail address")
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=update_client&co_marktsms=maybe"),
        error("whmcs/update_client: co_marktsms must be on or off, got 'maybe'")
    );
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=reset_password&email=someone%40example.com"
        ),
        json!({ "result": -1, "message": "Failed to identify the customer's billing, please contact support" })
    );
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=reset_password&email=JANE%40example.org"
        ),
        json!({ "result": "OK", "message": "Password reset link was sent to the registred email.", "debug": { "result": "success" } })
    );
    // The billing login follows the new e-mail.
    let password = hk.credential("Billing password");
    let login = hk.post(
        "auth",
        &format!(
            "action=whmcslogin&user=jane%40example.org&password={}",
            enc(&password)
        ),
    );
    assert!(login["result"]["token"].is_string());
}

#[test]
fn contacts_can_be_added_updated_and_deleted() {
    let mut hk = Hk::new();
    let token = hk.login();
    let contacts = hk.call("whmcs", &token, "action=get_contacts");
    assert_eq!(contacts["result"], "success");
    let first = &contacts["contacts"][0];
    assert_eq!(first["id"], 121);
    assert_eq!(first["firstname"], "Dimitry");
    assert_eq!(first["userid"], 3172);
    assert_eq!(first["created_at"], "0000-00-00 00:00:00");
    assert!(first["password"].as_str().unwrap().starts_with("$2y$10$"));
    assert_eq!(
        hk.call("whmcs", &token, "action=add_contact"),
        json!({ "result": "success", "contactid": 122 })
    );
    let random = hk.call("whmcs", &token, "action=get_contacts")["contacts"][1]["email"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(random.starts_with("contact-") && random.ends_with("@example.com"));
    let update = "action=update_contact&contact_id=122&email=ops%40example.com&phonenumber=%2B79656754663&password2=4321";
    assert_eq!(
        hk.call("whmcs", &token, update),
        json!({ "result": "success", "contactid": 122 })
    );
    let updated = hk.call("whmcs", &token, "action=get_contacts")["contacts"][1].clone();
    assert_eq!(updated["email"], "ops@example.com");
    assert_eq!(updated["phonenumber"], "+79656754663");
    assert_eq!(
        hk.call("whmcs", &token, "action=delete_contact&contact_id=122"),
        json!({ "result": "success", "message": "122" })
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=delete_contact&contact_id=122"),
        error("whmcs/delete_contact: verification failed, subcontact not found")
    );
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=update_contact&contact_id=121&email=bad"
        ),
        error("whmcs/update_contact: email: 'bad' is not a valid e-mail address")
    );
}

#[test]
fn invoices_are_listed_newest_first_with_string_money() {
    let mut hk = Hk::new();
    let token = hk.login();
    let answer = hk.call("whmcs", &token, "action=get_invoices");
    assert_eq!(answer["result"], "success");
    let list = answer["invoices"]["invoice"].as_array().unwrap();
    assert_eq!(answer["numreturned"], list.len());
    // The cancelled invoice counts in the total but is not returned.
    assert_eq!(answer["totalresults"], list.len() + 1);
    let dates: Vec<&str> = list.iter().map(|i| i["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let paid = list.iter().find(|i| i["id"] == 23449).unwrap();
    assert_eq!(paid["subtotal"], "3.00");
    assert_eq!(paid["credit"], "3.00");
    assert_eq!(paid["total"], "0.00");
    assert_eq!(paid["status"], "Paid");
    assert_eq!(paid["currencycode"], "EUR");
    assert_eq!(paid["firstname"], "John");
    assert_eq!(paid["paymethodid"], Value::Null);
    assert!(list.iter().all(|i| i["id"] != 23451));

    let one = hk.call("whmcs", &token, "action=get_invoice&invoice_id=23449");
    assert_eq!(one["result"], "success");
    assert_eq!(one["invoiceid"], 23449);
    assert_eq!(one["balance"], "0.00");
    assert_eq!(one["ccgateway"], false);
    assert_eq!(one["transactions"], "");
    let item = &one["items"]["item"][0];
    assert_eq!(item["type"], "Hosting");
    assert_eq!(item["amount"], "3.00");
    assert_eq!(item["inv_id"], -1);
    assert_eq!(
        hk.call("whmcs", &token, "action=get_invoice&invoice_id=23457"),
        error("whmcs/get_invoice: invalid invoice id 23457 at whmcs_com")
    );

    let related = hk.call("whmcs", &token, "action=get_related_invoices&id=34533");
    let ids: Vec<Value> = related["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(ids, vec![json!(23451), json!(18580), json!(10116)]);
    assert_eq!(related["invoices"][0]["status"], "Cancelled");
    assert_eq!(
        hk.call("whmcs", &token, "action=get_related_invoices&id=99999"),
        error("whmcs/get_related_invoices: permission denied #3, this is not your server")
    );
}

#[test]
fn gateway_payments_show_up_as_transactions() {
    let mut hk = Hk::new();
    let token = hk.login();
    let related = hk.call("whmcs", &token, "action=get_related_invoices&id=17405");
    let invoice = related["invoices"][0]["id"].as_u64().unwrap();
    let all = hk.call("whmcs", &token, "action=transactions");
    assert_eq!(all["result"], "OK");
    let one = hk.call(
        "whmcs",
        &token,
        &format!("action=transactions&invoice_id={invoice}"),
    );
    let list = one["transactions"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["invoiceid"], invoice);
    assert_eq!(list[0]["gateway"], "paypal");
    assert_eq!(list[0]["amountin"], "35.00");
    let bill = hk.call(
        "whmcs",
        &token,
        &format!("action=get_invoice&invoice_id={invoice}"),
    );
    assert_eq!(
        bill["transactions"]["transaction"][0]["transid"],
        list[0]["transid"]
    );
    assert_eq!(bill["balance"], "0.00");
    assert_eq!(
        hk.call("whmcs", &token, "action=transactions&invoice_id=1")["transactions"],
        json!([])
    );
}

#[test]
fn cancellation_requests_cancel_and_reactivate_invoices() {
    let mut hk = Hk::new();
    let token = hk.login();
    let seeded = hk.call("whmcs", &token, "action=get_cancellation_requests&id=34533");
    assert_eq!(seeded["result"], "success");
    let request = &seeded["message"][0];
    assert_eq!(request["id"], 507);
    assert_eq!(request["relid"], 5724);
    assert_eq!(request["reason"], "Not needing for me");
    assert_eq!(request["type"], "End of Billing Period");
    assert_eq!(request["created_at"], "0000-00-00 00:00:00");
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=delete_cancellation_request&id=34533"
        ),
        json!({ "result": "success", "message": ["CR deleted", "Invoice 23451 reactivated"] })
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=get_cancellation_requests")["message"],
        json!([])
    );
    let invoices = hk.call("whmcs", &token, "action=get_invoices");
    assert_eq!(invoices["totalresults"], invoices["numreturned"]);
    assert_eq!(
        hk.call("whmcs", &token, "action=get_invoice&invoice_id=23451")["status"],
        "Unpaid"
    );
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=delete_cancellation_request&id=34533"
        ),
        error("whmcs/delete_cancellation_request: no cancellation request for server 34533")
    );

    let key = hk.accepted(
        "whmcs",
        &token,
        "action=request_cancellation&id=34533&cancelation_type=1&terminate_reason_custom=Moving",
    );
    let done = hk.check_after(&key, 3);
    assert_eq!(done["result"], "OK");
    assert_eq!(
        done["context"],
        json!({ "action": "request_cancellation", "id": "34533", "location": "NL" })
    );
    let requests = hk.call("whmcs", &token, "action=get_cancellation_requests")["message"].clone();
    assert_eq!(requests[0]["type"], "Immediate");
    assert_eq!(requests[0]["reason"], "Moving");
    assert_eq!(
        hk.call("whmcs", &token, "action=get_invoice&invoice_id=23451")["status"],
        "Cancelled"
    );
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=request_cancellation&id=34533&cancellation_type=0"
        ),
        error("whmcs/request_cancellation: a cancellation request already exists for server 34533")
    );
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=request_cancellation&id=99999&cancellation_type=0"
        ),
        error("whmcs/request_cancellation: permission denied #3, this is not your server")
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=request_cancellation&id=32645"),
        error("whmcs/request_cancellation: cancellation_type is required")
    );
}

#[test]
fn apply_credit_pays_invoices_and_draws_down_the_credit() {
    let mut hk = Hk::new();
    let token = hk.login();
    hk.call(
        "whmcs",
        &token,
        "action=delete_cancellation_request&id=34533",
    );
    let due_before = hk.call("whmcs", &token, "action=get_billing_data&id=34533")["next_due_date"]
        .as_str()
        .unwrap()
        .to_string();
    let partial = hk.call(
        "whmcs",
        &token,
        "action=apply_credit&invoice_id=23451&amount=2",
    );
    assert_eq!(
        partial,
        json!({ "result": "success", "invoiceid": 23451, "amount": 2, "invoicepaid": "false" })
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=get_invoice&invoice_id=23451")["balance"],
        "3.00"
    );
    let rest = hk.call(
        "whmcs",
        &token,
        "action=apply_credit&invoice_id=23451&amount=300",
    );
    assert_eq!(
        rest,
        json!({ "result": "success", "invoiceid": 23451, "amount": 300, "invoicepaid": "true" })
    );
    let bill = hk.call("whmcs", &token, "action=get_invoice&invoice_id=23451");
    assert_eq!(
        (
            bill["status"].clone(),
            bill["credit"].clone(),
            bill["total"].clone()
        ),
        (json!("Paid"), json!("5.00"), json!("0.00"))
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=get_client")["client"]["credit"],
        "993.39"
    );
    let credits = hk.call("whmcs", &token, "action=getcredits");
    assert_eq!(credits["result"], "OK");
    assert_eq!(credits["message"]["result"], "success");
    assert_eq!(credits["message"]["clientid"], 3172);
    let lines = credits["message"]["credits"]["credit"].as_array().unwrap();
    assert_eq!(credits["message"]["totalresults"], lines.len());
    assert_eq!(
        lines.last().unwrap()["description"],
        "Credit Applied to Invoice #23451"
    );
    assert_eq!(lines.last().unwrap()["amount"], "-3.00");
    let balance: f64 = lines
        .iter()
        .map(|c| c["amount"].as_str().unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((balance - 993.39).abs() < 0.001);
    // Paying the renewal moved the next due date on by a month.
    let due_after = hk.call("whmcs", &token, "action=get_billing_data&id=34533")["next_due_date"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(due_after > due_before, "{due_before} -> {due_after}");
    assert_eq!(hk.show(&token, 34533)["server_data"]["due_date"], due_after);
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=apply_credit&invoice_id=23451&amount=1"
        ),
        error("whmcs/apply_credit: invalid invoice id")
    );
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=apply_credit&invoice_id=777&amount=1"
        ),
        error("whmcs/apply_credit: invalid invoice id")
    );
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            "action=apply_credit&invoice_id=23451&amount=-1"
        ),
        error("whmcs/apply_credit: amount must be a positive number, got '-1'")
    );
}

#[test]
fn due_invoices_mass_pay_groups_and_add_funds() {
    let mut hk = Hk::new();
    let token = hk.login();
    assert_eq!(
        hk.call("whmcs", &token, "action=generate_due_invoice&id=32645"),
        json!({ "result": "OK", "invoices": 1 })
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=generate_due_invoice&id=32645"),
        json!({ "result": "OK", "invoices": 0 })
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=generate_due_invoice&id=99999"),
        error("whmcs/generate_due_invoice: permission denied #3, this is not your server")
    );
    let due_pico = hk.call("whmcs", &token, "action=get_related_invoices&id=32645")["invoices"][0]
        ["id"]
        .as_u64()
        .unwrap();
    hk.call("whmcs", &token, "action=generate_due_invoice&id=17405");
    let due_bm =
        hk.call("whmcs", &token, "action=get_related_invoices&id=17405")["invoices"][0].clone();
    assert_eq!(due_bm["status"], "Unpaid");
    let due_bm = due_bm["id"].as_u64().unwrap();

    let group = hk.call(
        "whmcs",
        &token,
        &format!("action=mass_pay&invoices[]={due_pico}&invoices[]={due_bm}"),
    );
    assert_eq!(group["result"], "OK");
    let group_id = group["invoiceid"].as_u64().unwrap();
    let bill = hk.call(
        "whmcs",
        &token,
        &format!("action=get_invoice&invoice_id={group_id}"),
    );
    assert_eq!(bill["total"], "38.00");
    assert_eq!(bill["items"]["item"][0]["type"], "Invoice");
    assert_eq!(bill["items"]["item"][0]["relid"], due_pico);
    assert_eq!(
        bill["items"]["item"][1]["description"],
        format!("Invoice #{due_bm}")
    );
    let paid = hk.call(
        "whmcs",
        &token,
        &format!("action=apply_credit&invoice_id={group_id}&amount=38"),
    );
    assert_eq!(paid["invoicepaid"], "true");
    for id in [due_pico, due_bm] {
        assert_eq!(
            hk.call(
                "whmcs",
                &token,
                &format!("action=get_invoice&invoice_id={id}")
            )["status"],
            "Paid"
        );
    }
    assert_eq!(
        hk.call("whmcs", &token, "action=get_client")["client"]["credit"],
        "960.39"
    );
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            &format!("action=mass_pay&invoices[]={due_pico}&invoices[]={due_bm}")
        ),
        error("whmcs/mass_pay: invalid request")
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=mass_pay"),
        error("whmcs/mass_pay: invalid request")
    );

    let funds = hk.call("whmcs", &token, "action=create_addfunds&amount=10");
    let invoice = funds["invoice"].as_u64().unwrap();
    assert_eq!(
        funds,
        json!({ "result": "OK", "invoice": invoice, "message": format!("Invoice {invoice} created") })
    );
    let gw = hk.call(
        "whmcs",
        &token,
        &format!("action=getpaymentgw&invoice_id={invoice}"),
    );
    assert_eq!(gw["result"], "OK");
    let methods = gw["methods"].as_object().unwrap();
    assert_eq!(
        methods.keys().cloned().collect::<Vec<_>>(),
        vec![
            "banktransfer",
            "bitpaycheckout",
            "paymaster",
            "paypal",
            "roudiappstripealipay"
        ]
    );
    assert_eq!(gw["methods"]["paypal"]["name"], "PayPal");
    let form = gw["methods"]["paypal"]["call"].as_str().unwrap();
    assert!(
        form.contains("<form")
            && form.contains(&format!("Invoice #{invoice}"))
            && form.contains("value=\"10.00\"")
    );
    assert!(gw["methods"]["banktransfer"]["call"]
        .as_str()
        .unwrap()
        .contains(&format!("Reference Number: {invoice}")));
    assert_eq!(
        hk.call(
            "whmcs",
            &token,
            &format!("action=apply_credit&invoice_id={invoice}&amount=10")
        ),
        error("whmcs/apply_credit: invalid invoice id")
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=create_addfunds&amount=ten"),
        error(
            "whmcs/create_addfunds: amount must be a whole number between 1 and 100000, got 'ten'"
        )
    );
    assert_eq!(
        hk.call("whmcs", &token, "action=getpaymentgw&invoice_id=23449"),
        error("whmcs/getpaymentgw: invoice 23449 is paid, nothing to pay")
    );
}

#[test]
fn invoices_download_as_pdf() {
    let mut hk = Hk::new();
    let token = hk.login();
    let response = hk.raw(
        "whmcs",
        &format!("action=download_invoice&token={token}&invoice_id=23449"),
    );
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let text = String::from_utf8_lossy(response.body()).to_string();
    assert!(text.starts_with("%PDF-1.4") && text.trim_end().ends_with("%%EOF"));
    assert!(text.contains("(Invoice #23449) Tj") && text.contains("Total: 0.00 EUR"));
    assert_eq!(
        hk.call("whmcs", &token, "action=download_invoice&invoice_id=1"),
        error("whmcs/download_invoice: Invalid invoice ID")
    );
}

#[test]
fn billing_data_describes_a_servers_service() {
    let mut hk = Hk::new();
    let token = hk.login();
    let data = hk.call("whmcs", &token, "action=get_billing_data&id=34533");
    assert_eq!(data["result"], "OK");
    assert_eq!(data["IP"], "nl-vmmini");
    assert_eq!(data["client_id"], 3172);
    assert_eq!(data["order_id"], 5448);
    assert_eq!(data["product_id"], 5724);
    assert_eq!(data["billing_status"], "Active");
    assert_eq!(data["billing_cycle"], "Monthly");
    assert_eq!(data["billing_reccuring"], "5.00");
    assert_eq!(data["billing_setupfee"], "0.00");
    assert_eq!(data["billing_domain"], "nl-vmmini");
    assert_eq!(data["overidesuspenduntil"], "0000-00-00");
    assert_eq!(data["terminationdate"], Value::Null);
    assert_eq!(data["customer_name"], "John Hostkey");
    assert_eq!(
        data["billing_dedicatedip"],
        hk.show(&token, 34533)["IP"][0]["IP"]
    );
    assert_eq!(
        data["days_left"],
        hk.show(&token, 34533)["server_data"]["days_left"]
    );
}

// ---------------------------------------------------------------- seeding

#[test]
fn the_account_is_deterministic_per_seed() {
    let make = |seed: u64| {
        let clock = Arc::new(ManualClock::new(START));
        Sandbox::new(
            Config {
                servers: 8,
                seed,
                ..Config::default()
            },
            clock,
        )
        .credentials()[&sandbox::Provider::Hostkey]
            .clone()
    };
    assert_eq!(make(42), make(42));
    assert_ne!(make(42), make(43));
    let creds = make(42);
    let labels: Vec<&str> = creds.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(
        labels,
        vec![
            "api key",
            "API key (server 34533)",
            "Billing user",
            "Billing password",
            "pin"
        ]
    );
}

#[test]
fn an_account_without_servers_still_logs_in() {
    let mut hk = Hk::with_servers(0);
    let token = hk.login();
    assert_eq!(
        hk.call("eq", &token, "action=list"),
        json!({ "servers": [], "result": "OK" })
    );
    assert_eq!(
        hk.call("auth", &token, "action=info")["result"]["servers"],
        json!({})
    );
    assert!(hk.sandbox.credentials()[&sandbox::Provider::Hostkey]
        .iter()
        .all(|(label, _)| !label.starts_with("API key (server")));
    let answer = hk.post("eq", &order_body(&token, "108", ""));
    assert_eq!(answer["status"], "Paid");
}
