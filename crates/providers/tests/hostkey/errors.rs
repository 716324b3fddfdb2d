//! The result envelope, every documented error shape, HTTP statuses HOSTKEY
//! never documents, unreadable bodies, curl redaction and base URLs.

use super::common::{ok, response};
use super::{anonymous, api, TOKEN};
use providers::hostkey::{self, outcome, Api, DeployPeriod, Order, Outcome};
use providers::{PowerAction, ProviderError, Secret};
use serde_json::json;

#[test]
fn outcome_reads_every_result_shape() {
    assert_eq!(outcome(&json!({"result": "OK"})), Outcome::Success);
    assert_eq!(outcome(&json!({"result": "success"})), Outcome::Success);
    assert_eq!(
        outcome(&json!({"result": {"token": "t"}})),
        Outcome::Success
    );
    assert_eq!(
        outcome(&json!({"network": "176.222.34.0"})),
        Outcome::Success,
        "ip/get_ip has no result"
    );
    assert_eq!(outcome(&json!({"result": "Not ready"})), Outcome::Pending);
    assert_eq!(outcome(&json!({"result": "Stage"})), Outcome::Pending);
    assert_eq!(
        outcome(&json!({"result": "Fail", "scope": "Invalid PIN/email combination, please check"})),
        Outcome::Failure {
            code: None,
            message: "Invalid PIN/email combination, please check".into()
        }
    );
    assert_eq!(
        outcome(
            &json!({"result": -1, "message": "Failed to identify the customer's billing, please contact support"})
        ),
        Outcome::Failure {
            code: Some(-1),
            message: "Failed to identify the customer's billing, please contact support".into()
        }
    );
    assert_eq!(
        outcome(&json!({"result": "-2", "error": "auth: invalid token #13"})),
        Outcome::Failure {
            code: Some(-2),
            message: "auth: invalid token #13".into()
        }
    );
    assert_eq!(
        outcome(&json!({"result": -1, "error": "x", "message": "y"})),
        Outcome::Failure {
            code: Some(-1),
            message: "x".into()
        },
        "error wins over message"
    );
}

fn mapped(code: i64, text: &str) -> ProviderError {
    hostkey::error_from_failure(Some(code), text, Some("34533"), 200)
}

#[test]
fn documented_error_texts_map_to_typed_errors() {
    assert!(
        matches!(mapped(-2, "auth: invalid token #13"), ProviderError::Auth { ref credential, .. } if credential == hostkey::SESSION_TOKEN)
    );
    assert!(
        matches!(mapped(-1, "whmcs/get_invoices: invalid token, logout"), ProviderError::Auth { ref credential, .. } if credential == hostkey::SESSION_TOKEN)
    );
    assert!(
        matches!(mapped(-1, "Invalid API key XXXXXXXXXXXXX-XXXXXXXXXXXXXXX"), ProviderError::Auth { ref credential, .. } if credential == hostkey::API_KEY)
    );
    assert!(
        matches!(mapped(-2, "auth: authenthication failure  "), ProviderError::Auth { ref credential, .. } if credential == hostkey::BILLING_LOGIN)
    );
    assert!(
        matches!(mapped(-1, "whmcs/generate_due_invoice: permission denied #3, this is not your server"), ProviderError::NotFound { ref message } if message.contains("server 34533"))
    );
    assert!(
        matches!(mapped(-1, "eq/on: invalid pin"), ProviderError::Validation { ref field, .. } if field == "pin")
    );
    assert!(matches!(
        mapped(-1, "another reinstall in progress for XXXXX, please wait"),
        ProviderError::Conflict { .. }
    ));
    assert!(
        matches!(mapped(-1, "reinstall: extra software Odoo (#49) is not compatible with Ubuntu 22.04"), ProviderError::Validation { ref field, .. } if field == "soft_id")
    );
    assert!(
        matches!(mapped(-1, "no server with that ID was found"), ProviderError::NotFound { ref message } if message.contains("update_servers"))
    );
    assert_eq!(
        mapped(-1, "eq/order_instance: permission denied"),
        ProviderError::Permission {
            needed: Some("eq/order_instance".into()),
            message: "eq/order_instance: permission denied".into()
        }
    );
    assert!(matches!(
        mapped(-1, "eq/order_instance: insufficient funds"),
        ProviderError::PaymentRequired { .. }
    ));
    assert!(matches!(
        mapped(-1, "eq_callback/check: key not found"),
        ProviderError::NotFound { .. }
    ));
    assert_eq!(
        mapped(
            -1,
            "traffic_plans/list: error while looking for traffic plans"
        ),
        ProviderError::Provider {
            status: 200,
            message: "traffic_plans/list: error while looking for traffic plans".into()
        }
    );
    assert!(
        matches!(hostkey::error_from_failure(Some(-1), "", None, 200), ProviderError::Provider { ref message, .. } if message.contains("result -1"))
    );
    assert!(!mapped(-2, "auth: invalid token #13").is_retryable());
}

#[test]
fn a_fail_result_on_a_plain_call_is_an_error() {
    let err = api()
        .update_servers()
        .unwrap()
        .parse(&ok(r#"{"result":"Fail","scope":"something broke"}"#))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Provider {
            status: 200,
            message: "something broke".into()
        }
    );
}

#[test]
fn bodies_that_are_not_json_are_unexpected() {
    let call = api().show("34533").unwrap();
    match call
        .parse(&response(200, "<html>Bad gateway</html>", &[]))
        .unwrap_err()
    {
        ProviderError::UnexpectedBody { status, body, .. } => {
            assert_eq!(status, 200);
            assert!(body.contains("Bad gateway"));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(
            call.parse(&ok(r#"{"result":"OK"}"#)),
            Err(ProviderError::UnexpectedBody { .. })
        ),
        "server_data is required"
    );
    assert!(matches!(
        call.parse(&ok(r#"[1,2]"#)),
        Err(ProviderError::UnexpectedBody { .. })
    ));
}

#[test]
fn undocumented_http_statuses_still_read_as_errors() {
    let call = api().get_client().unwrap();
    assert!(matches!(
        call.parse(&response(502, "bad gateway", &[])),
        Err(ProviderError::Provider { status: 502, .. })
    ));
    assert!(matches!(
        call.parse(&response(429, "", &[("retry-after", "7")])),
        Err(ProviderError::RateLimited {
            retry_after_secs: Some(7),
            ..
        })
    ));
    assert!(matches!(
        call.parse(&response(500, r#"{"result":"OK"}"#, &[])),
        Err(ProviderError::Provider { status: 500, .. })
    ));
    assert!(
        matches!(
            call.parse(&response(
                500,
                r#"{"result":-2,"error":"auth: invalid token #13"}"#,
                &[]
            )),
            Err(ProviderError::Auth { .. })
        ),
        "a failure envelope is read whatever the status"
    );
}

#[test]
fn curl_hides_every_secret() {
    let key = Secret::new("d9815703f6f41d3f-5d52f141ff7ac755");
    let login = anonymous().login(&key, None, None).unwrap().to_curl();
    assert!(!login.contains("d9815703f6f41d3f"), "{login}");
    assert!(login.contains("key=%3Credacted%3E"), "{login}");
    let whmcs = anonymous()
        .whmcslogin("client", &Secret::new("hunter22"), None, None)
        .unwrap()
        .to_curl();
    assert!(
        !whmcs.contains("hunter22") && whmcs.contains("user=client"),
        "{whmcs}"
    );
    let pin = api()
        .set_pin(Some(&Secret::new("1111")), &Secret::new("2222"))
        .unwrap()
        .to_curl();
    assert!(
        !pin.contains("1111") && !pin.contains("2222") && !pin.contains(TOKEN),
        "{pin}"
    );
    let power = api()
        .power("34533", PowerAction::Restart)
        .unwrap()
        .to_curl();
    assert!(
        !power.contains("1907") && !power.contains(TOKEN) && power.contains("id=34533"),
        "{power}"
    );
    assert!(
        power.starts_with("curl -X POST https://invapi.hostkey.com/eq.php"),
        "{power}"
    );
    let order = Order {
        deploy_period: DeployPeriod::Annually,
        deploy_notify: false,
        preset: "vm.pico".into(),
        location: "US".into(),
        os_id: "187".into(),
        soft_id: None,
        traffic_plan: "25".into(),
        root_pass: Secret::new("Sup3r$ecret"),
        hostname: None,
        ssh_key: None,
        post_install_callback: None,
        post_install_script: None,
        os_name: None,
        own_os: Some(true),
        root_size: None,
        jenkins_task: None,
    };
    let curl = api().order_instance(&order).unwrap().to_curl();
    assert!(!curl.contains("Sup3r") && !curl.contains("1907"), "{curl}");
    assert!(
        curl.contains("preset=vm.pico") && curl.contains("own_os=1"),
        "{curl}"
    );
    let check = api().check_pin(&Secret::new("4321")).unwrap().to_curl();
    assert!(!check.contains("4321"), "{check}");
}

#[test]
fn secrets_stay_out_of_debug() {
    let api = api();
    let shown = format!("{api:?}");
    assert!(!shown.contains(TOKEN) && !shown.contains("1907"), "{shown}");
    let reply = anonymous()
        .login(&Secret::new("d9815703f6f41d3f-5d52f141ff7ac755"), None, None)
        .unwrap()
        .parse(&ok(r#"{"result":{"token":"c92e48c4506320873286b84440e74sfd","servers":[],"permissions":[],"token_expire":1702895140,"new":1}}"#))
        .unwrap();
    assert!(!format!("{reply:?}").contains("c92e48c4506320873286b84440e74sfd"));
}

#[test]
fn base_url_override_keeps_its_prefix() {
    let api = Api::new(
        Some("http://127.0.0.1:8080/hostkey"),
        Some(Secret::new(TOKEN)),
    )
    .unwrap();
    assert_eq!(
        api.show("34533").unwrap().request().uri().to_string(),
        "http://127.0.0.1:8080/hostkey/eq.php"
    );
    assert_eq!(
        api.check_nat("abc123").unwrap().request().uri().to_string(),
        "http://127.0.0.1:8080/hostkey/nat_callback.php?action=check&key=abc123"
    );
    assert!(
        matches!(Api::new(Some("ftp://x"), None), Err(ProviderError::Validation { ref field, .. }) if field == "base_url")
    );
    assert!(
        Api::new(None, Some(Secret::new("  ")))
            .unwrap()
            .info()
            .is_err(),
        "a blank token is no token"
    );
    assert!(api.has_token() && !anonymous().has_token());
}

#[test]
fn ids_are_checked_before_sending() {
    for bad in ["", "34 533", "34533;", "abc"] {
        assert!(
            matches!(api().show(bad), Err(ProviderError::Validation { ref field, .. }) if field == "id"),
            "{bad:?}"
        );
    }
    assert!(
        matches!(api().get_ptr("34533", "mail"), Err(ProviderError::Validation { ref field, .. }) if field == "ip")
    );
    assert!(
        matches!(api().set_main("34533", "176.222.34.23", "x"), Err(ProviderError::Validation { ref field, .. }) if field == "main")
    );
    let bad_pin = api().with_pin(Some(Secret::new("19o7")));
    assert!(
        matches!(bad_pin.power("34533", PowerAction::Start), Err(ProviderError::Validation { ref field, .. }) if field == "pin")
    );
    assert!(
        matches!(api().check_operation(&providers::driver::Operation::Litevps { vps_id: "1".into() }), Err(ProviderError::Validation { ref field, .. }) if field == "operation")
    );
}

#[test]
fn loosely_typed_fields_parse_either_way() {
    let reply = anonymous()
        .login(&Secret::new("d9815703f6f41d3f-5d52f141ff7ac755"), None, None)
        .unwrap()
        .parse(&ok(r#"{"result":{"token":"t0k","servers":{"34533":"34533"},"whmcs_id":"3172","customer_id":"38157","token_expire":"1702895140","new":"true","permissions":[]}}"#))
        .unwrap();
    assert_eq!(reply.result.servers, vec!["34533"]);
    assert_eq!(reply.result.whmcs_id.as_deref(), Some("3172"));
    assert_eq!(reply.result.token_expire, Some(1_702_895_140));
    assert!(reply.result.new);
    let tags = api()
        .tags("34533")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","tags":[{"id":"1","tag":"eta","value":0.07,"extra":null,"internal":"1"},{"tag":"os","value":["180",187]}]}"#))
        .unwrap();
    assert_eq!(tags[0].value.as_text(), "0.07");
    assert_eq!((tags[0].extra.as_str(), tags[0].internal), ("", true));
    assert_eq!(tags[1].value.items(), vec!["180", "187"]);
    let invoice = api()
        .get_invoice("1")
        .unwrap()
        .parse(&ok(r#"{"result":"success","invoiceid":"1","items":{"item":{"id":5,"type":"Hosting","amount":"5.00"}},"transactions":[{"id":9}]}"#))
        .unwrap();
    assert_eq!(
        invoice.items.len(),
        1,
        "a single item object is a one-item list"
    );
    assert_eq!(invoice.transactions.len(), 1);
}
