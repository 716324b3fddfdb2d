//! Every LiteVPS parser returns `Ok` or `Err`, never panics, whatever the
//! status and body; so do the JWT, header and deny-list readers.

use proptest::prelude::*;
use providers::litevps::{self, Api, Exec, NewVps, Page};
use providers::{ApiResponse, Call, PowerAction, Secret};
use rust_decimal::Decimal;

fn every_call() -> Vec<Call<()>> {
    let api = Api::new(None, Some(Secret::new("vtk_abc123"))).unwrap();
    let ids = vec!["v1".to_string(), "v2".to_string()];
    let exec = Exec::new("uptime").timeout(10);
    let pw = Secret::new("pw");
    vec![
        api.register("a@b.co", &pw, "sandbox-pass")
            .unwrap()
            .map(|_| ()),
        api.login("a@b.co", &pw).unwrap().map(|_| ()),
        api.me().map(|_| ()),
        api.pricing().map(|_| ()),
        api.templates().map(|_| ()),
        api.health().map(|_| ()),
        api.agent().map(|_| ()),
        api.create_vps(&NewVps::from_plan("w", "p"))
            .unwrap()
            .map(|_| ()),
        api.list_vps().map(|_| ()),
        api.vps("v1").map(|_| ()),
        api.delete_vps("v1").map(|_| ()),
        api.power("v1", PowerAction::Restart).map(|_| ()),
        api.create_snapshot("v1", "s").unwrap().map(|_| ()),
        api.snapshots("v1").map(|_| ()),
        api.delete_snapshot("v1", "s1").map(|_| ()),
        api.upload_file("v1", "/root/x", b"x".to_vec())
            .unwrap()
            .map(|_| ()),
        api.download_file("v1", "/root/x").unwrap().map(|_| ()),
        api.exec("v1", &exec).unwrap().map(|_| ()),
        api.exec_background("v1", &exec).unwrap().map(|_| ()),
        api.job("v1", "j1").map(|_| ()),
        api.cancel_job("v1", "j1").map(|_| ()),
        api.batch_create(&[NewVps::from_template("w", "t")])
            .unwrap()
            .map(|_| ()),
        api.batch_delete(&ids).unwrap().map(|_| ()),
        api.batch_exec(&ids, &exec).unwrap().map(|_| ()),
        api.batch_exec_background(&ids, &exec).unwrap().map(|_| ()),
        api.add_ssh_key("k", "ssh-ed25519 AAAA")
            .unwrap()
            .map(|_| ()),
        api.ssh_keys().map(|_| ()),
        api.delete_ssh_key("k1").map(|_| ()),
        api.add_funds(Decimal::from(10)).unwrap().map(|_| ()),
        api.transactions(Page::default()).unwrap().map(|_| ()),
        api.set_billing_email("ops@example.com")
            .unwrap()
            .map(|_| ()),
        api.create_token("ci", None).unwrap().map(|_| ()),
        api.tokens().map(|_| ()),
        api.delete_token("t1").map(|_| ()),
    ]
}

fn response(status: u16, body: Vec<u8>, retry_after: Option<String>) -> ApiResponse {
    let mut r = http::Response::new(body);
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
    if let Some(value) = retry_after.and_then(|v| v.parse().ok()) {
        r.headers_mut().insert("retry-after", value);
    }
    r
}

/// Bodies that are close to the documented ones, so the parsers get past the first byte.
fn json_like() -> impl Strategy<Value = Vec<u8>> {
    let value = prop_oneof![
        Just("null".to_string()),
        Just("\"x\"".to_string()),
        Just("-0.0042".to_string()),
        Just("1e400".to_string()),
        Just("18446744073709551616".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("true".to_string()),
    ];
    let key = prop_oneof![
        Just("id"),
        Just("name"),
        Just("state"),
        Just("token"),
        Just("balance"),
        Just("required"),
        Just("results"),
        Just("transactions"),
        Just("amount"),
        Just("error"),
        Just("index"),
        Just("deleted"),
        Just("job_id"),
        Just("exit_code"),
        Just("size"),
        Just("path"),
        Just("url"),
    ];
    prop::collection::vec((key, value), 0..6).prop_map(|pairs| {
        let fields: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
        format!("{{{}}}", fields.join(",")).into_bytes()
    })
}

proptest! {
    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(
        status in 100u16..600,
        body in prop::collection::vec(any::<u8>(), 0..256),
        retry_after in proptest::option::of("[0-9a-z ]{0,6}"),
    ) {
        let r = response(status, body, retry_after);
        for call in every_call() {
            let _ = call.parse(&r);
        }
    }

    #[test]
    fn parsers_never_panic_on_near_json(
        status in prop::sample::select(vec![200u16, 201, 204, 207, 400, 401, 402, 403, 404, 409, 429, 500]),
        body in json_like(),
    ) {
        let r = response(status, body, None);
        for call in every_call() {
            let result = call.parse(&r);
            if !(200..300).contains(&status) {
                prop_assert!(result.is_err());
            }
        }
    }

    #[test]
    fn jwt_reading_never_panics(token in "[A-Za-z0-9_.=-]{0,80}") {
        let _ = litevps::jwt::claims(&token);
        let _ = litevps::jwt::expires_at(&token);
    }

    #[test]
    fn deny_list_never_panics(command in "\\PC{0,64}") {
        let found = litevps::blocked_pattern(&command);
        prop_assert_eq!(found.is_some(), Exec::new(command.clone()).validate().is_err() && !command.trim().is_empty());
    }

    #[test]
    fn balance_header_never_panics(value in "[0-9a-z. -]{0,12}") {
        let mut headers = http::HeaderMap::new();
        if let Ok(v) = value.parse() {
            headers.insert(litevps::BALANCE_HEADER, v);
        }
        if let Some(m) = litevps::balance_from_headers(&headers) {
            prop_assert_eq!(m.amount.scale(), 4);
        }
    }

    #[test]
    fn top_up_accepts_exactly_five_to_fifty(cents in 0i64..10_000) {
        let api = Api::new(None, Some(Secret::new("vtk_x"))).unwrap();
        let accepted = api.add_funds(Decimal::new(cents, 2)).is_ok();
        prop_assert_eq!(accepted, (500..=5000).contains(&cents));
    }
}
