//! auth.php, api_keys.php, tags.php and jira.php examples.

use super::common::{assert_request, ok};
use super::{anonymous, api, post, PERMISSIONS, TOKEN};
use providers::hostkey::{self, NewApiKey, NotifyMethod, RemoteHandsAction, TagValue};
use providers::{ProviderError, Secret};

const KEY: &str = "d9815703f6f41d3f-5d52f141ff7ac755";

fn login_body() -> String {
    format!(
        r#"{{"result":{{"token":"c92e48c4506320873286b84440e74sfd","role":"Customer billing","role_type":"Customer","whmcs_id":3172,"whmcs_location":"whmcs_com","servers":[34533,32645,17405],"customer_id":38157,"permissions":{PERMISSIONS},"token_expire":1702895140,"new":1}}}}"#
    )
}

#[test]
fn login_exchanges_the_api_key_for_a_token() {
    let call = anonymous().login(&Secret::new(KEY), None, None).unwrap();
    assert_request(
        call.request(),
        &post("/auth.php", &[("action", "login"), ("key", KEY)]),
    );
    let reply = call.parse(&ok(&login_body())).unwrap();
    let r = reply.result;
    assert_eq!(r.token.expose(), "c92e48c4506320873286b84440e74sfd");
    assert_eq!(r.role.as_deref(), Some("Customer billing"));
    assert_eq!(r.role_type.as_deref(), Some("Customer"));
    assert_eq!(r.whmcs_id.as_deref(), Some("3172"));
    assert_eq!(r.whmcs_location.as_deref(), Some("whmcs_com"));
    assert_eq!(r.servers, vec!["34533", "32645", "17405"]);
    assert_eq!(r.customer_id.as_deref(), Some("38157"));
    assert_eq!(r.permissions.len(), 143);
    assert_eq!(r.permissions[0], "api_keys/edit");
    assert!(r.permissions.contains(&"eq/order_instance".to_string()));
    assert_eq!(r.token_expire, Some(1_702_895_140));
    assert!(r.new);
    assert!(reply.timings.is_empty());
}

#[test]
fn login_sends_ttl_and_ip_binding_when_asked() {
    let call = anonymous()
        .login(&Secret::new(KEY), Some(600), Some(false))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/auth.php",
            &[
                ("action", "login"),
                ("key", KEY),
                ("ttl", "600"),
                ("fix_ip", "0"),
            ],
        ),
    );
}

#[test]
fn login_rejects_a_key_in_the_wrong_format_before_sending() {
    for bad in [
        "",
        "d9815703f6f41d3f5d52f141ff7ac755",
        "d9815703f6f41d3f-5d52f141ff7ac75",
        "g9815703f6f41d3f-5d52f141ff7ac755",
        "llk_abc",
    ] {
        match anonymous().login(&Secret::new(bad), None, None) {
            Err(ProviderError::Validation { field, .. }) => assert_eq!(field, "api_key", "{bad}"),
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn login_failure_names_the_api_key_without_echoing_it() {
    let call = anonymous().login(&Secret::new(KEY), None, None).unwrap();
    let err = call
        .parse(&ok(
            r#"{"result":-1,"error":"Invalid API key XXXXXXXXXXXXX-XXXXXXXXXXXXXXX"}"#,
        ))
        .unwrap_err();
    match &err {
        ProviderError::Auth {
            credential,
            message,
        } => {
            assert_eq!(credential, hostkey::API_KEY);
            assert!(!message.contains("XXXX"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(!err.to_string().contains("XXXXXXXXXXXXX"));
}

#[test]
fn whmcslogin_with_billing_credentials() {
    let call = anonymous()
        .whmcslogin("client@example.com", &Secret::new("s3cret"), None, None)
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/auth.php",
            &[
                ("action", "whmcslogin"),
                ("user", "client@example.com"),
                ("password", "s3cret"),
            ],
        ),
    );
    let body = format!(
        r#"{{"result":{{"token":"c92e48c4506320873286b84440e74sfd","role":"Customer Billing","role_type":"Customer","whmcs_id":3172,"whmcs_location":"whmcs_com","whmcs_token":null,"permissions":{PERMISSIONS},"corporate":0,"verified":null,"token_expire":1703059226,"new":0,"billing_options":{{"location":"NL","company":"HOSTKEY B.V.","active":1,"allowed_payments":["yookassa"],"native_endpoint":"invapi.hostkey.com"}}}},"timings":[{{"init":2}},{{"auth_log_start":2}},{{"auth_log_done":3}},{{"check_brute_done":131}},{{"auth_find_customer_done":3}},{{"check_whmcs_user at whmcs_com":469}},{{"log_brute_done":5}},{{"usleep_done":84}},{{"auth_get_hash_done":2}},{{"hash_init_done":5}},{{"auth_set_token_done":423}},{{"auth_get_role_done":1}},{{"auth_list_permissions_done":2}},{{"auth_check_customer_init":0}},{{"auth_check_customer_done":5}},{{"auth_add_tags_done":0}},{{"auth_log_time":[{{"add_log":3}},{{"amqp_sendmessage":28}}]}},{{"whmcslogin total":1166}}]}}"#
    );
    let reply = call.parse(&ok(&body)).unwrap();
    assert_eq!(
        reply.result.token.expose(),
        "c92e48c4506320873286b84440e74sfd"
    );
    assert!(!reply.result.new);
    assert!(!reply.result.corporate);
    assert_eq!(reply.result.whmcs_token, None);
    assert_eq!(reply.result.token_expire, Some(1_703_059_226));
    let billing = reply.result.billing_options.unwrap();
    assert_eq!(billing.company.as_deref(), Some("HOSTKEY B.V."));
    assert_eq!(billing.allowed_payments, vec!["yookassa"]);
    assert!(billing.active);
    assert_eq!(reply.timings.len(), 18);
    assert_eq!(reply.timings[17]["whmcslogin total"], 1166);
}

#[test]
fn whmcslogin_options_and_failure() {
    let call = anonymous()
        .whmcslogin("client", &Secret::new("pw"), Some(true), Some(3600))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/auth.php",
            &[
                ("action", "whmcslogin"),
                ("user", "client"),
                ("password", "pw"),
                ("fix_ip", "1"),
                ("ttl", "3600"),
            ],
        ),
    );
    let err = call
        .parse(&ok(r#"{"result":-2,"error":"auth: authenthication failure  ","details":"Email or Password Invalid"}"#))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::Auth { ref credential, .. } if credential == hostkey::BILLING_LOGIN),
        "{err:?}"
    );
    assert!(
        matches!(anonymous().whmcslogin(" ", &Secret::new("pw"), None, None), Err(ProviderError::Validation { ref field, .. }) if field == "user")
    );
    assert!(
        matches!(anonymous().whmcslogin("u", &Secret::new(""), None, None), Err(ProviderError::Validation { ref field, .. }) if field == "password")
    );
}

#[test]
fn logout_sends_the_token() {
    let call = api().logout().unwrap();
    assert_request(
        call.request(),
        &post("/auth.php", &[("action", "logout"), ("token", TOKEN)]),
    );
    let done = call
        .parse(&ok(r#"{"result":"OK","action":"logout"}"#))
        .unwrap();
    assert_eq!(done.result.as_deref(), Some("OK"));
}

#[test]
fn signed_calls_need_a_token() {
    match anonymous().info() {
        Err(ProviderError::Auth { credential, .. }) => {
            assert_eq!(credential, hostkey::SESSION_TOKEN)
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn info_reads_the_server_map_and_billing_options() {
    let call = api().info().unwrap();
    assert_request(
        call.request(),
        &post("/auth.php", &[("action", "info"), ("token", TOKEN)]),
    );
    let body = format!(
        r#"{{"result":{{"servers":{{"34533":"34533","32645":"32645","17405":"17405"}},"show_products":1,"manage_products":1,"show_invoices":1,"manage_orders":1,"email":"client@example.com","token_expire":1703059020,"whmcs_id":"3172","whmcs_location":"whmcs_com","billing_servers":[],"deploy_keys":[],"permissions":{PERMISSIONS},"role_type":"Customer","role_name":"Customer billing","verified":null,"sumsub_id":null,"sumsub_comment":null,"corporate":0,"tags":[{{"id":582523,"component":"customers","component_id":38157,"tag":"email_verification","value":"verified","extra":"1699523441","internal":0}}],"billing_options":{{"url":"https://billing-itb.hostkey.com/","location":"NL","company":"HOSTKEY B.V.","active":1,"allowed_payments":["paypal"],"native_endpoint":"invapi.hostkey.com"}},"client_ip":"185.130.215.70","timing":[{{"auth_validate_token":0}},{{"auth_tags":0}},{{"auth_get_role":0}},{{"whmcs_get_server_raw":0}},{{"eq_search":0}},{{"add new tags":0}},{{"list_permissions":0}},{{"private_block":0}},{{"auth_log":0}}]}}}}"#
    );
    let info = call.parse(&ok(&body)).unwrap();
    let mut servers = info.servers.clone();
    servers.sort();
    assert_eq!(servers, vec!["17405", "32645", "34533"]);
    assert!(info.show_products && info.manage_products && info.show_invoices && info.manage_orders);
    assert_eq!(info.email.as_deref(), Some("client@example.com"));
    assert_eq!(info.token_expire, Some(1_703_059_020));
    assert_eq!(info.whmcs_id.as_deref(), Some("3172"));
    assert_eq!(info.role_name.as_deref(), Some("Customer billing"));
    assert_eq!(info.tags[0].tag, "email_verification");
    assert_eq!(info.tags[0].value, TagValue::Text("verified".into()));
    assert_eq!(info.tags[0].component.as_deref(), Some("customers"));
    assert_eq!(
        info.billing_options.as_ref().unwrap().url.as_deref(),
        Some("https://billing-itb.hostkey.com/")
    );
    assert_eq!(info.client_ip.as_deref(), Some("185.130.215.70"));
    assert_eq!(info.timing.len(), 9);
    assert_eq!(info.permissions.len(), 143);
}

#[test]
fn info_with_an_expired_token_is_a_session_error() {
    let err = api()
        .info()
        .unwrap()
        .parse(&ok(r#"{"result":-2,"error":"auth: invalid token #13"}"#))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::Auth { ref credential, .. } if credential == hostkey::SESSION_TOKEN),
        "{err:?}"
    );
}

const KEYS: &str = r#"{"result":"OK","module":"api_keys","action":"list","data":[{"id":484,"name":"new_api","active":1,"ip":"","server_id":0,"token_view":"0cab","login_notify_method":"none","login_notify_address":null},{"id":237,"name":"test_control_panel","active":1,"ip":"","server_id":39601,"token_view":"b66d","login_notify_method":"none","login_notify_address":null}]}"#;

#[test]
fn api_keys_list() {
    let call = api().api_keys().unwrap();
    assert_request(
        call.request(),
        &post("/api_keys.php", &[("action", "list"), ("token", TOKEN)]),
    );
    let keys = call.parse(&ok(KEYS)).unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(
        (keys[0].id.as_str(), keys[0].name.as_str(), keys[0].server()),
        ("484", "new_api", None)
    );
    assert_eq!(keys[1].server(), Some("39601"));
    let tokens: Vec<_> = keys.iter().map(hostkey::api_token).collect();
    assert_eq!(tokens[0].scopes, vec!["account"]);
    assert_eq!(tokens[0].prefix.as_deref(), Some("0cab"));
    assert!(tokens[0].active);
    assert_eq!(tokens[1].scopes, vec!["server 39601"]);
    assert_eq!(tokens[1].raw["token_view"], "b66d");
}

#[test]
fn api_keys_for_server() {
    let call = api().api_keys_for_server("39601").unwrap();
    assert_request(
        call.request(),
        &post(
            "/api_keys.php",
            &[
                ("action", "list_for_server"),
                ("params[server_id]", "39601"),
                ("token", TOKEN),
            ],
        ),
    );
    let keys = call
        .parse(&ok(r#"{"result":"OK","module":"api_keys","action":"list_for_server","data":[{"id":237,"name":"test_control_panel","active":1,"ip":"","server_id":39601,"token_view":"b66d","login_notify_method":"none","login_notify_address":null}]}"#))
        .unwrap();
    assert_eq!(keys[0].id, "237");
    assert_eq!(keys[0].login_notify_method.as_deref(), Some("none"));
}

#[test]
fn api_key_view() {
    let call = api().api_key("484").unwrap();
    assert_request(
        call.request(),
        &post(
            "/api_keys.php",
            &[("action", "view"), ("params[id]", "484"), ("token", TOKEN)],
        ),
    );
    let key = call
        .parse(&ok(r#"{"result":"OK","module":"api_keys","action":"view","data":{"id":484,"name":"new_api","active":1,"ip":"","server_id":0,"token_view":"0cab","login_notify_method":"none","login_notify_address":null}}"#))
        .unwrap();
    assert_eq!(
        (key.id.as_str(), key.token_view.as_deref()),
        ("484", Some("0cab"))
    );
    assert!(key.api_key.is_none());
}

fn new_key() -> NewApiKey {
    NewApiKey {
        name: "test key".into(),
        server_id: Some("0".into()),
        ip: Some(" 10.0.0.1, 10.3.4.5".into()),
        login_notify_method: NotifyMethod::Email,
        login_notify_address: Some("client@example.com".into()),
        active: true,
    }
}

#[test]
fn api_key_add_shows_the_key_once() {
    let call = api().add_api_key(&new_key()).unwrap();
    assert_request(
        call.request(),
        &post(
            "/api_keys.php",
            &[
                ("action", "add"),
                ("params[name]", "test key"),
                ("params[server_id]", "0"),
                ("params[ip]", " 10.0.0.1, 10.3.4.5"),
                ("params[login_notify_method]", "email"),
                ("params[login_notify_address]", "client@example.com"),
                ("params[active]", "1"),
                ("token", TOKEN),
            ],
        ),
    );
    let key = call
        .parse(&ok(r#"{"result":"OK","module":"api_keys","action":"add","data":{"id":501,"name":"test key","active":1,"ip":"10.0.0.1 10.3.4.5","server_id":0,"token_view":"d981","login_notify_method":"email","login_notify_address":"client@example.com","api_key":"d9815703f6f41d3f-5d52f141ff7ac755"}}"#))
        .unwrap();
    assert_eq!(key.id, "501");
    assert_eq!(key.ip, "10.0.0.1 10.3.4.5");
    assert_eq!(key.api_key.as_ref().unwrap().expose(), KEY);
    assert!(
        !format!("{key:?}").contains(KEY),
        "the key must not show in Debug"
    );
    assert!(!hostkey::api_token(&key).raw.to_string().contains(KEY));
}

#[test]
fn api_key_rules() {
    let mut k = new_key();
    k.server_id = Some("34533".into());
    assert!(
        matches!(api().add_api_key(&k), Err(ProviderError::Validation { ref field, .. }) if field == "login_notify_method")
    );
    k.login_notify_method = NotifyMethod::None;
    k.login_notify_address = None;
    assert!(api().add_api_key(&k).is_ok());
    let mut k = new_key();
    k.login_notify_address = Some("not-an-address".into());
    assert!(
        matches!(api().add_api_key(&k), Err(ProviderError::Validation { ref field, .. }) if field == "login_notify_address")
    );
    let mut k = new_key();
    k.login_notify_method = NotifyMethod::Webhook;
    k.login_notify_address = Some("https://hooks.example.com/login".into());
    assert!(api().add_api_key(&k).is_ok());
    let mut k = new_key();
    k.ip = Some("10.0.0.1, 300.1.1.1".into());
    assert!(
        matches!(api().add_api_key(&k), Err(ProviderError::Validation { ref field, .. }) if field == "ip")
    );
    let mut k = new_key();
    k.ip = Some("10.4.6.3/24".into());
    assert!(api().add_api_key(&k).is_ok());
    let mut k = new_key();
    k.name = "  ".into();
    assert!(
        matches!(api().add_api_key(&k), Err(ProviderError::Validation { ref field, .. }) if field == "name")
    );
    assert!(
        matches!("sms".parse::<NotifyMethod>(), Err(ProviderError::Validation { ref field, .. }) if field == "login_notify_method")
    );
    assert_eq!(
        "webhook".parse::<NotifyMethod>().unwrap(),
        NotifyMethod::Webhook
    );
}

#[test]
fn api_key_edit() {
    let call = api().edit_api_key("506", &new_key()).unwrap();
    assert_request(
        call.request(),
        &post(
            "/api_keys.php",
            &[
                ("action", "edit"),
                ("params[id]", "506"),
                ("params[name]", "test key"),
                ("params[server_id]", "0"),
                ("params[ip]", " 10.0.0.1, 10.3.4.5"),
                ("params[login_notify_method]", "email"),
                ("params[login_notify_address]", "client@example.com"),
                ("params[active]", "1"),
                ("token", TOKEN),
            ],
        ),
    );
    let id = call
        .parse(&ok(
            r#"{"result":"OK","module":"api_keys","action":"edit","data":{"id":506}}"#,
        ))
        .unwrap();
    assert_eq!(id.id, "506");
}

#[test]
fn api_key_delete() {
    let call = api().delete_api_key("506").unwrap();
    assert_request(
        call.request(),
        &post(
            "/api_keys.php",
            &[
                ("action", "delete"),
                ("params[id]", "506"),
                ("token", TOKEN),
            ],
        ),
    );
    let id = call
        .parse(&ok(
            r#"{"result":"OK","module":"api_keys","action":"delete","data":{"id":506}}"#,
        ))
        .unwrap();
    assert_eq!(id.id, "506");
    assert!(
        matches!(api().delete_api_key("five"), Err(ProviderError::Validation { ref field, .. }) if field == "id")
    );
}

#[test]
fn api_key_history_sends_the_end_date_as_period_to() {
    let call = api()
        .api_key_history("506", Some("2024-02-01"), Some("2024-02-29"))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/api_keys.php",
            &[
                ("action", "history"),
                ("params[id]", "506"),
                ("params[period_from]", "2024-02-01"),
                ("params[period_to]", "2024-02-29"),
                ("token", TOKEN),
            ],
        ),
    );
    let events = call
        .parse(&ok(r#"{"result":"OK","module":"api_keys","action":"history","data":[{"id":20818097,"date":"2024-02-14 11:14:05","message":"Deleted api_key 506. json:{\"id\":\"506\"}","type":"action","login":"client@example.com"},{"id":20816506,"date":"2024-02-14 11:03:51","message":"Created new api_key 506. json:{\"name\":\"test key 2\",\"ip\":\" 10.0.0.1, 10.3.4.5\",\"login_notify_method\":\"none\",\"active\":\"1\",\"server_id\":\"34533\"}","type":"action","Login":"client@example.com"}]}"#))
        .unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0].id, "20818097");
    assert_eq!(events[0].kind.as_deref(), Some("action"));
    assert!(events[0].message.starts_with("Deleted api_key 506"));
    assert_eq!(events[0].login.as_deref(), Some("client@example.com"));
    assert_eq!(
        events[1].login.as_deref(),
        Some("client@example.com"),
        "the document's `Login` spelling"
    );
    assert!(
        matches!(api().api_key_history("506", Some("14.02.2024"), None), Err(ProviderError::Validation { ref field, .. }) if field == "period_from")
    );
}

const SERVER_TAGS: &str = r#"{"result":"OK","action":"list","tags":[{"id":799108,"component":"Component1","component_id":34533,"tag":"order_origin","value":"invapi","extra":"1","internal":0},{"id":799112,"component":"Component1","component_id":34533,"tag":"hostname","value":"nl-vmmini","extra":"","internal":0},{"id":799116,"component":"Component1","component_id":34533,"tag":"password","value":"wK5Vjwx_BC","extra":"","internal":0},{"id":799128,"component":"Component1","component_id":34533,"tag":"OS","value":"Ubuntu 22.04","extra":"","internal":0},{"id":799132,"component":"Component1","component_id":34533,"tag":"user_name","value":"root","extra":"","internal":0},{"id":799137,"component":"Component1","component_id":34533,"tag":"webpanel","value":"ispmanager6","extra":"https://isp34533.hostkey.in:1500/ispmgr","internal":0}]}"#;

#[test]
fn tags_list() {
    let call = api().tags("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/tags.php",
            &[("action", "list"), ("token", TOKEN), ("id", "34533")],
        ),
    );
    let tags = call.parse(&ok(SERVER_TAGS)).unwrap();
    assert_eq!(tags.len(), 6);
    assert_eq!(tags[1].id.as_deref(), Some("799112"));
    assert_eq!(tags[1].component_id.as_deref(), Some("34533"));
    assert_eq!(tags[5].extra, "https://isp34533.hostkey.in:1500/ispmgr");
    assert_eq!(tags[0].extra, "1");
    assert!(
        !format!("{:?}", tags[2]).contains("wK5Vjwx_BC"),
        "secret tag values stay out of Debug"
    );
}

#[test]
fn tags_add_is_an_upsert() {
    let call = api()
        .add_tag("34533", "server_number", "docs_13456", None)
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/tags.php",
            &[
                ("action", "add"),
                ("token", TOKEN),
                ("id", "34533"),
                ("tag", "server_number"),
                ("value", "docs_13456"),
            ],
        ),
    );
    let added = call
        .parse(&ok(r#"{"result":"OK","action":"add","id":903319,"component":"eq","component_id":34533,"tag":"server_number","value":"docs_13456","extra":"","internal":0}"#))
        .unwrap();
    assert_eq!(added.id.as_deref(), Some("903319"));
    assert_eq!(added.value, TagValue::Text("docs_13456".into()));
    let changed = api()
        .add_tag("34533", "server_number", "docs_654321", None)
        .unwrap()
        .parse(&ok(r#"{"result":"OK","action":"add","id":903319,"component":"eq","component_id":34533,"tag":"server_number","value":"docs_654321","extra":"","internal":0}"#))
        .unwrap();
    assert_eq!(changed.id, added.id, "the same tag id after a change");
    assert_eq!(changed.value.as_text(), "docs_654321");
    let with_extra = api()
        .add_tag("34533", "billing", "B-1", Some("note"))
        .unwrap();
    assert_eq!(
        super::field(with_extra.request(), "extra").as_deref(),
        Some("note")
    );
    assert!(
        matches!(api().add_tag("34533", "", "v", None), Err(ProviderError::Validation { ref field, .. }) if field == "tag")
    );
}

#[test]
fn tags_remove() {
    let call = api().remove_tag("34533", "server_number").unwrap();
    assert_request(
        call.request(),
        &post(
            "/tags.php",
            &[
                ("action", "remove"),
                ("token", TOKEN),
                ("id", "34533"),
                ("tag", "server_number"),
            ],
        ),
    );
    let removed = call
        .parse(&ok(r#"{"result":"OK","action":"remove","id":903319,"tag":"server_number","component":"eq","component_id":34533}"#))
        .unwrap();
    assert_eq!(
        (
            removed.id.as_deref(),
            removed.tag.as_str(),
            removed.component_id.as_deref()
        ),
        (Some("903319"), "server_number", Some("34533"))
    );
}

#[test]
fn tags_user_search() {
    let call = api().search_tags("docs").unwrap();
    assert_request(
        call.request(),
        &post(
            "/tags.php",
            &[
                ("action", "user_search"),
                ("token", TOKEN),
                ("value", "docs"),
            ],
        ),
    );
    let servers = call
        .parse(&ok(
            r#"{"result":"OK","action":"search_user","servers":[11723]}"#,
        ))
        .unwrap();
    assert_eq!(servers, vec!["11723"]);
}

#[test]
fn remote_hands_requests() {
    let cases = [
        (
            RemoteHandsAction::PowerOn,
            "request_pon",
            "eq/on",
            "CP request: Manual power ON the server SERVER_ID please",
        ),
        (
            RemoteHandsAction::PowerOff,
            "request_poff",
            "eq/off",
            "CP request: Manual power OFF the server SERVER_ID please",
        ),
        (
            RemoteHandsAction::Reboot,
            "request_reboot",
            "eq/reboot",
            "CP request: Manual REBOOT the server SERVER_ID please",
        ),
        (
            RemoteHandsAction::PxeBoot,
            "request_PXEboot",
            "eq/PXEboot",
            "CP request: Manual boot from PXE the server SERVER_ID please",
        ),
        (
            RemoteHandsAction::Kvm,
            "request_kvm",
            "eq/kvm",
            "CP request: KVM to the server SERVER_ID please",
        ),
        (
            RemoteHandsAction::Check,
            "request_check",
            "eq/check",
            "CP request: Manual check the server SERVER_ID please",
        ),
    ];
    assert_eq!(RemoteHandsAction::ALL.len(), cases.len());
    for (action, name, permission, subject) in cases {
        let call = api().remote_hands("34533", action).unwrap();
        assert_request(
            call.request(),
            &post(
                "/jira.php",
                &[("action", name), ("token", TOKEN), ("id", "34533")],
            ),
        );
        let body = format!(
            r#"{{"result":"OK","action":{{"permission":"{permission}","subject":"{subject}","message":"Dear HOSTKEY support, please act on the server SERVER_ID since it doesn't have remote control. \n This is automated message from INVAPI, no extra verification required.","msg":{{"action":"{name}","id":34533,"callback_url":"https://invapi.hostkey.com/eq_callback.php","callback_key":""}}}},"jira_url":"https://my.hostkey.com/servicedesk/customer/portal/1/TICKET_ID","jira_issue":"TICKET_ID"}}"#
        );
        let ticket = call.parse(&ok(&body)).unwrap();
        assert_eq!(ticket.action.permission, permission);
        assert_eq!(ticket.action.subject, subject);
        let msg = ticket.action.msg.unwrap();
        assert_eq!(
            (msg.action.as_str(), msg.id.as_deref()),
            (name, Some("34533"))
        );
        assert_eq!(
            msg.callback_url.as_deref(),
            Some("https://invapi.hostkey.com/eq_callback.php")
        );
        assert_eq!(ticket.jira_issue.as_deref(), Some("TICKET_ID"));
        assert_eq!(
            ticket.jira_url.as_deref(),
            Some("https://my.hostkey.com/servicedesk/customer/portal/1/TICKET_ID")
        );
    }
}
