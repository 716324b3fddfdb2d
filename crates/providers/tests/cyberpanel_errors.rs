//! CyberPanel error codes, envelope edge cases, validation before sending,
//! key format and rate-limit headers; and no parser panics on any input.

mod common;

use common::response;
use proptest::prelude::*;
use providers::cyberpanel::{self, Api, CreateVps, NewSnapshot, Page, RateLimit, Scope, VpsFilter};
use providers::{ApiResponse, PowerAction, ProviderError, Secret};

const KEY: &str = "cyp_live_3ac1ca2feabcdd86f2dc01c4a574e4a34b9d995a28723cae0f1a2b3c4d5e6f70";

fn api() -> Api {
    Api::new(None, Secret::new(KEY)).unwrap()
}

fn body(code: &str, error: &str, message: &str) -> String {
    serde_json::json!({ "success": false, "error": error, "error_code": code, "message": message })
        .to_string()
}

/// The error the VPS-detail call (needs `vps:read`) gives for an error answer.
fn vps_error(status: u16, code: &str, message: &str) -> ProviderError {
    api()
        .vps(45)
        .parse(&response(status, &body(code, "Error", message), &[]))
        .unwrap_err()
}

fn assert_validation(err: ProviderError, want_field: &str) {
    match err {
        ProviderError::Validation { field, .. } => assert_eq!(field, want_field),
        other => panic!("expected a validation error of {want_field}, got {other:?}"),
    }
}

// ---- authentication errors ----

#[test]
fn auth_codes_say_which_problem() {
    for (code, says) in [
        ("NO_API_KEY", "no API key was sent"),
        ("INVALID_API_KEY", "invalid or malformed"),
        ("EXPIRED_API_KEY", "expired"),
        ("INACTIVE_API_KEY", "deactivated"),
    ] {
        match vps_error(401, code, "API key rejected") {
            ProviderError::Auth {
                message,
                credential,
            } => {
                assert!(message.contains(says), "{code}: {message}");
                assert!(message.contains("API key rejected"), "{code}: {message}");
                assert_eq!(credential, cyberpanel::CREDENTIAL);
            }
            other => panic!("{code}: {other:?}"),
        }
    }
}

#[test]
fn expired_key_reads_well() {
    let err = vps_error(401, "EXPIRED_API_KEY", "API key has expired");
    assert_eq!(
        err.to_string(),
        "Authentication failed: the API key has expired: API key has expired. Check the CyberPanel API key (cyp_live_…)."
    );
}

#[test]
fn ip_not_allowed_is_a_permission_error() {
    match vps_error(403, "IP_NOT_ALLOWED", "Request IP not in key's whitelist") {
        ProviderError::Permission { needed, message } => {
            assert_eq!(needed, None);
            assert!(message.contains("whitelist"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn insufficient_scope_names_the_scope_each_endpoint_needs() {
    let a = api();
    let order = CreateVps {
        hostname: "a.example.com".into(),
        plan_id: 1,
        location_code: "la".into(),
        template_id: "9000".into(),
        root_password: Secret::new("SecurePass123"),
        ssh_key: None,
        webhook_url: None,
        webhook_secret: None,
    };
    let snap = NewSnapshot {
        name: "s1".into(),
        description: None,
        include_ram: false,
    };
    let denied = response(
        403,
        &body(
            "INSUFFICIENT_SCOPE",
            "Insufficient scope",
            "API key lacks required permissions",
        ),
        &[],
    );
    let needed = |r: Result<(), ProviderError>| match r {
        Err(ProviderError::Permission { needed, .. }) => needed,
        other => panic!("{other:?}"),
    };
    let cases: Vec<(Result<(), ProviderError>, &str)> = vec![
        (a.account().parse(&denied).map(drop), "account:read"),
        (a.api_keys().parse(&denied).map(drop), "account:read"),
        (
            a.key_usage(1, Page::default())
                .unwrap()
                .parse(&denied)
                .map(drop),
            "account:read",
        ),
        (a.billing().parse(&denied).map(drop), "billing:read"),
        (
            a.list_vps(&VpsFilter::default(), Page::default())
                .unwrap()
                .parse(&denied)
                .map(drop),
            "vps:read",
        ),
        (a.vps(1).parse(&denied).map(drop), "vps:read"),
        (a.summary().parse(&denied).map(drop), "vps:read"),
        (a.live_status(1).parse(&denied).map(drop), "vps:read"),
        (a.plans().parse(&denied).map(drop), "vps:read"),
        (a.locations().parse(&denied).map(drop), "vps:read"),
        (a.templates().parse(&denied).map(drop), "vps:read"),
        (a.console(1).parse(&denied).map(drop), "vps:read"),
        (a.deployment(1).parse(&denied).map(drop), "vps:read"),
        (a.snapshots(1).parse(&denied).map(drop), "vps:read"),
        (
            a.power(1, PowerAction::Start).parse(&denied).map(drop),
            "vps:write",
        ),
        (
            a.power(1, PowerAction::Stop).parse(&denied).map(drop),
            "vps:write",
        ),
        (
            a.power(1, PowerAction::Restart).parse(&denied).map(drop),
            "vps:write",
        ),
        (a.delete_vps(1).parse(&denied).map(drop), "vps:write"),
        (
            a.create_vps(&order).unwrap().parse(&denied).map(drop),
            "vps:write",
        ),
        (
            a.create_snapshot(1, &snap)
                .unwrap()
                .parse(&denied)
                .map(drop),
            "vps:write",
        ),
    ];
    for (result, scope) in cases {
        assert_eq!(needed(result).as_deref(), Some(scope));
    }
}

#[test]
fn insufficient_scope_display_names_the_scope() {
    let err = api()
        .billing()
        .parse(&response(
            403,
            &body(
                "INSUFFICIENT_SCOPE",
                "Insufficient scope",
                "API key lacks required permissions",
            ),
            &[],
        ))
        .unwrap_err();
    assert!(err.to_string().ends_with("(needs `billing:read`)"), "{err}");
}

#[test]
fn insufficient_scope_on_an_any_key_call_takes_the_scope_from_the_message() {
    let err = api()
        .test()
        .parse(&response(
            403,
            &body(
                "INSUFFICIENT_SCOPE",
                "x",
                "This endpoint requires account:read",
            ),
            &[],
        ))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::Permission { needed: Some(ref n), .. } if n == "account:read"),
        "{err:?}"
    );
}

#[test]
fn rate_limit_exceeded_uses_retry_after() {
    let r = response(
        429,
        r#"{"success": false, "error": "Rate limit exceeded", "error_code": "RATE_LIMIT_EXCEEDED", "message": "You have exceeded the per minute rate limit. Please retry after 45 seconds."}"#,
        &[("Retry-After", "30")],
    );
    let err = api().plans().parse(&r).unwrap_err();
    assert_eq!(
        err,
        ProviderError::RateLimited {
            retry_after_secs: Some(30),
            message: "You have exceeded the per minute rate limit. Please retry after 45 seconds."
                .into()
        }
    );
    assert!(err.is_retryable());
}

#[test]
fn rate_limit_without_header_reads_the_seconds_from_the_message() {
    let r = response(
        429,
        r#"{"success": false, "error": "Rate limit exceeded", "error_code": "RATE_LIMIT_EXCEEDED", "message": "You have exceeded the per minute rate limit. Please retry after 45 seconds."}"#,
        &[],
    );
    assert!(matches!(
        api().plans().parse(&r),
        Err(ProviderError::RateLimited {
            retry_after_secs: Some(45),
            ..
        })
    ));
    let vague = response(
        429,
        &body("RATE_LIMIT_EXCEEDED", "Rate limit exceeded", "Slow down"),
        &[],
    );
    assert!(matches!(
        api().plans().parse(&vague),
        Err(ProviderError::RateLimited {
            retry_after_secs: None,
            ..
        })
    ));
}

// ---- resource errors ----

#[test]
fn not_found_codes() {
    assert!(
        matches!(vps_error(404, "VPS_NOT_FOUND", "VPS instance doesn't exist or isn't owned by you"), ProviderError::NotFound { ref message } if message.contains("isn't owned by you"))
    );
    let err = api()
        .key_usage(9, Page::default())
        .unwrap()
        .parse(&response(
            404,
            &body("KEY_NOT_FOUND", "Not found", "API key doesn't exist"),
            &[],
        ))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::NotFound { ref message } if message.contains("API key")),
        "{err:?}"
    );
}

#[test]
fn deleted_codes_are_conflicts() {
    assert!(matches!(
        vps_error(400, "VPS_DELETED", "VPS has already been deleted"),
        ProviderError::Conflict { .. }
    ));
    let err = api()
        .delete_vps(45)
        .parse(&response(
            400,
            &body(
                "VPS_ALREADY_DELETED",
                "Already deleted",
                "Attempted to delete already-deleted VPS",
            ),
            &[],
        ))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::Conflict { ref message } if message.contains("already deleted")),
        "{err:?}"
    );
}

#[test]
fn suspended_vps_gives_the_reason() {
    let err = api()
        .power(45, PowerAction::Start)
        .parse(&response(
            403,
            &body(
                "VPS_SUSPENDED",
                "VPS suspended",
                "VPS is suspended: unpaid balance",
            ),
            &[],
        ))
        .unwrap_err();
    match err {
        ProviderError::Permission { needed, message } => {
            assert_eq!(needed, None);
            assert!(message.contains("unpaid balance"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn order_rejections_name_the_field() {
    for (code, field) in [
        ("PLAN_NOT_FOUND", "plan_id"),
        ("LOCATION_NOT_FOUND", "location_code"),
        ("INVALID_TEMPLATE", "template_id"),
        ("INVALID_HOSTNAME", "hostname"),
        ("PASSWORD_TOO_SHORT", "root_password"),
        ("PASSWORD_TOO_LONG", "root_password"),
        ("PASSWORD_WEAK", "root_password"),
    ] {
        let err = vps_error(400, code, "rejected");
        assert_eq!(err, ProviderError::validation(field, "rejected"), "{code}");
    }
}

#[test]
fn missing_fields_are_named_from_the_message() {
    assert_validation(
        vps_error(
            400,
            "MISSING_FIELDS",
            "Missing required fields: hostname, plan_id",
        ),
        "hostname, plan_id",
    );
    assert_validation(
        vps_error(
            400,
            "MISSING_FIELDS",
            "Missing required fields: ['root_password', 'template_id']",
        ),
        "root_password, template_id",
    );
    assert_validation(
        vps_error(400, "MISSING_FIELDS", "location_code is required"),
        "location_code",
    );
    assert_validation(
        vps_error(400, "MISSING_FIELDS", "Required fields not provided"),
        "request",
    );
}

#[test]
fn insufficient_balance_is_a_payment_error_despite_its_400() {
    let err = vps_error(400, "INSUFFICIENT_BALANCE", "Account balance too low");
    match &err {
        ProviderError::PaymentRequired {
            balance,
            required,
            message,
        } => {
            assert_eq!((balance, required), (&None, &None));
            assert!(
                message.contains("Account balance too low") && message.contains("add funds"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn server_error_codes_are_provider_errors() {
    for (code, says) in [
        ("START_FAILED", "started"),
        ("STOP_FAILED", "stopped"),
        ("RESTART_FAILED", "restarted"),
        ("DELETE_FAILED", "deleted"),
        ("STATUS_FAILED", "live status"),
        ("CONSOLE_FAILED", "console"),
        ("DEPLOYMENT_FAILED", "deployment failed"),
        ("NODE_NOT_FOUND", "node"),
    ] {
        match vps_error(500, code, "Proxmox said no") {
            ProviderError::Provider { status, message } => {
                assert_eq!(status, 500, "{code}");
                assert!(
                    message.contains(says) && message.contains("Proxmox said no"),
                    "{code}: {message}"
                );
            }
            other => panic!("{code}: {other:?}"),
        }
    }
    assert!(vps_error(500, "START_FAILED", "x").is_retryable());
}

// ---- envelope edge cases ----

#[test]
fn a_failure_envelope_with_status_200_is_still_an_error() {
    let err = api()
        .vps(45)
        .parse(&response(
            200,
            &body("VPS_NOT_FOUND", "Not found", "gone"),
            &[],
        ))
        .unwrap_err();
    assert!(matches!(err, ProviderError::NotFound { .. }), "{err:?}");
    let err = api()
        .vps(45)
        .parse(&response(
            200,
            r#"{"success":false,"message":"Something broke"}"#,
            &[],
        ))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Provider {
            status: 200,
            message: "Something broke".into()
        }
    );
}

#[test]
fn unknown_codes_and_bare_statuses_fall_back_to_the_status() {
    assert!(matches!(
        vps_error(404, "SOMETHING_NEW", "x"),
        ProviderError::NotFound { .. }
    ));
    assert!(matches!(
        vps_error(503, "MAINTENANCE", "down"),
        ProviderError::Provider { status: 503, .. }
    ));
    assert!(
        matches!(vps_error(418, "TEAPOT", "short and stout"), ProviderError::Provider { status: 418, ref message } if message.contains("TEAPOT"))
    );
    let html = api()
        .vps(45)
        .parse(&response(502, "<html>Bad gateway</html>", &[]))
        .unwrap_err();
    assert!(
        matches!(html, ProviderError::Provider { status: 502, .. }),
        "{html:?}"
    );
    let bare = api().vps(45).parse(&response(401, "", &[])).unwrap_err();
    assert!(
        matches!(bare, ProviderError::Auth { ref credential, .. } if credential == cyberpanel::CREDENTIAL)
    );
}

#[test]
fn undocumented_success_bodies_are_unexpected() {
    let no_data = api()
        .vps(45)
        .parse(&response(200, r#"{"success":true}"#, &[]))
        .unwrap_err();
    assert!(
        matches!(no_data, ProviderError::UnexpectedBody { ref reason, .. } if reason.contains("no `data`")),
        "{no_data:?}"
    );
    let wrong = api()
        .vps(45)
        .parse(&response(
            200,
            r#"{"success":true,"data":{"id":"forty-five"}}"#,
            &[],
        ))
        .unwrap_err();
    assert!(
        matches!(wrong, ProviderError::UnexpectedBody { status: 200, .. }),
        "{wrong:?}"
    );
    let junk = api()
        .vps(45)
        .parse(&response(200, "not json", &[]))
        .unwrap_err();
    assert!(matches!(junk, ProviderError::UnexpectedBody { ref body, .. } if body == "not json"));
}

#[test]
fn lenient_fields_accept_text_numbers_and_nulls() {
    let r = response(
        200,
        r#"{"success":true,"data":{"instances":[{"id":"45","vmid":"281","name":"a.example.com","status":"running","ip_address":null,"is_suspended":0,"created_at":null}],"pagination":null}}"#,
        &[],
    );
    let reply = api()
        .list_vps(&VpsFilter::default(), Page::default())
        .unwrap()
        .parse(&r)
        .unwrap();
    let vps = &reply.data.instances[0];
    assert_eq!((vps.id, vps.vmid, vps.is_suspended), (45, Some(281), false));
    assert!(!reply.data.pagination.has_more);
    assert!(cyberpanel::server(vps).ips.is_empty());
    let template = api()
        .templates()
        .parse(&response(
            200,
            r#"{"success":true,"data":{"templates":[{"id":9000,"name":"Ubuntu"}]}}"#,
            &[],
        ))
        .unwrap();
    assert_eq!(template.data.templates[0].id, "9000");
}

#[test]
fn suspended_flag_wins_over_the_status_word() {
    let vps: cyberpanel::VpsInstance =
        serde_json::from_str(r#"{"id":1,"name":"a.b","status":"running","is_suspended":true}"#)
            .unwrap();
    assert_eq!(
        cyberpanel::server(&vps).status,
        providers::ServerStatus::Suspended
    );
    for (word, status) in [
        ("stopped", providers::ServerStatus::Stopped),
        ("deploying", providers::ServerStatus::Provisioning),
        ("suspended", providers::ServerStatus::Suspended),
        ("restarting", providers::ServerStatus::Transitioning),
        ("deleted", providers::ServerStatus::Deleted),
        ("failed", providers::ServerStatus::Error),
        ("mystery", providers::ServerStatus::Unknown),
    ] {
        assert_eq!(cyberpanel::server_status(word, false), status, "{word}");
    }
}

// ---- the key ----

#[test]
fn key_must_be_cyp_live_and_64_hex() {
    let field_of = |key: &str| match Api::new(None, Secret::new(key)) {
        Err(ProviderError::Validation { field, reason }) => {
            assert!(
                !reason.contains(key),
                "the reason must not echo the key: {reason}"
            );
            field
        }
        other => panic!("{key}: {other:?}"),
    };
    assert_eq!(field_of("llk_abc"), "api_key");
    assert_eq!(field_of("cyp_live_abc123"), "api_key");
    assert_eq!(field_of(&format!("cyp_test_{}", "a".repeat(64))), "api_key");
    assert_eq!(field_of(&format!("cyp_live_{}", "g".repeat(64))), "api_key");
    assert_eq!(field_of(&format!("cyp_live_{}", "a".repeat(65))), "api_key");
    // The document's own example key is not hexadecimal (and has 66 characters).
    assert_eq!(
        field_of("cyp_live_3ac1ca2feaADSRTSAFDbcdd86f2dc01c4a574e4a34EWRWEb9d995a28723caERERE"),
        "api_key"
    );
    assert!(Api::new(None, Secret::new(format!("cyp_live_{}", "AbC0".repeat(16)))).is_ok());
}

#[test]
fn a_pasted_key_is_trimmed() {
    let api = Api::new(None, Secret::new(format!(" {KEY}\n"))).unwrap();
    let auth = api.test().request().headers()["authorization"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(auth, format!("Bearer {KEY}"));
}

// ---- validation before sending ----

fn order() -> CreateVps {
    CreateVps {
        hostname: "my-server.example.com".into(),
        plan_id: 1,
        location_code: "la".into(),
        template_id: "9000".into(),
        root_password: Secret::new("SecurePass123"),
        ssh_key: Some("ssh-ed25519 AAAAC3Nza".into()),
        webhook_url: Some("http://hooks.example.com/cp".into()),
        webhook_secret: None,
    }
}

fn create_error(change: impl FnOnce(&mut CreateVps)) -> ProviderError {
    let mut o = order();
    change(&mut o);
    api().create_vps(&o).unwrap_err()
}

#[test]
fn hostname_must_be_a_fqdn() {
    for bad in [
        "",
        "localhost",
        "my_server.example.com",
        "-start.example.com",
        "end-.example.com",
        "double..dot.com",
        "trailing.dot.",
        "has space.example.com",
    ] {
        assert_validation(create_error(|o| o.hostname = bad.into()), "hostname");
    }
    let long_label = format!("{}.example.com", "a".repeat(64));
    assert_validation(create_error(|o| o.hostname = long_label), "hostname");
    let long_name = vec!["abcdefghi"; 26].join(".");
    assert!(long_name.len() > 253);
    assert_validation(create_error(|o| o.hostname = long_name), "hostname");
    for good in [
        "a.b",
        "my-server.example.com",
        "x1.y-2.example.co.uk",
        &format!("{}.com", "a".repeat(63)),
    ] {
        assert!(cyberpanel::validate_hostname(good).is_ok(), "{good}");
    }
}

#[test]
fn password_rules_match_the_providers_three_errors() {
    let reason = |pw: &str| match create_error(|o| o.root_password = Secret::new(pw)) {
        ProviderError::Validation { field, reason } => {
            assert_eq!(field, "root_password");
            assert!(
                !reason.contains(pw),
                "the reason must not echo the password"
            );
            reason
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(reason("Abc1234"), "must be at least 8 characters");
    assert_eq!(
        reason(&format!("a1{}", "x".repeat(71))),
        "must not exceed 72 characters"
    );
    assert_eq!(reason("onlyletters"), "must contain letters AND numbers");
    assert_eq!(reason("1234567890"), "must contain letters AND numbers");
    assert!(cyberpanel::validate_password("abcdefg1").is_ok());
    assert!(cyberpanel::validate_password(&format!("a1{}", "x".repeat(70))).is_ok());
}

#[test]
fn plan_location_and_template_are_required() {
    assert_validation(create_error(|o| o.plan_id = 0), "plan_id");
    assert_validation(
        create_error(|o| o.location_code = " ".into()),
        "location_code",
    );
    assert_validation(
        create_error(|o| o.template_id = String::new()),
        "template_id",
    );
}

#[test]
fn ssh_key_must_look_like_a_public_key() {
    assert_validation(
        create_error(|o| o.ssh_key = Some("AAAAB3NzaC1yc2E".into())),
        "ssh_key",
    );
    assert_validation(
        create_error(|o| o.ssh_key = Some("-----BEGIN OPENSSH PRIVATE KEY-----".into())),
        "ssh_key",
    );
    let mut ecdsa = order();
    ecdsa.ssh_key = Some("ecdsa-sha2-nistp256 AAAAE2Vj".into());
    assert!(api().create_vps(&ecdsa).is_ok());
}

#[test]
fn webhook_url_must_be_http_or_https() {
    assert_validation(
        create_error(|o| o.webhook_url = Some("ftp://example.com/hook".into())),
        "webhook_url",
    );
    assert_validation(
        create_error(|o| o.webhook_url = Some("not a url".into())),
        "webhook_url",
    );
    match create_error(|o| o.webhook_url = Some("mailto:token-123@example.com".into())) {
        ProviderError::Validation { field, reason } => {
            assert_eq!(field, "webhook_url");
            assert!(!reason.contains("token-123"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn snapshot_names_follow_the_stated_rule() {
    let snap = |name: &str| NewSnapshot {
        name: name.into(),
        description: None,
        include_ram: true,
    };
    assert_validation(
        api()
            .create_snapshot(45, &snap("pre-upgrade-snapshot"))
            .unwrap_err(),
        "name",
    );
    assert_validation(api().create_snapshot(45, &snap("")).unwrap_err(), "name");
    assert_validation(
        api().create_snapshot(45, &snap("with space")).unwrap_err(),
        "name",
    );
    let call = api().create_snapshot(45, &snap("Before_2026")).unwrap();
    let sent: serde_json::Value = serde_json::from_slice(call.request().body()).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({ "name": "Before_2026", "include_ram": true })
    );
}

#[test]
fn page_limits_are_1_to_100() {
    let a = api();
    assert_validation(
        a.list_vps(&VpsFilter::default(), Page::new(0, 0))
            .unwrap_err(),
        "limit",
    );
    assert_validation(
        a.list_vps(&VpsFilter::default(), Page::new(101, 0))
            .unwrap_err(),
        "limit",
    );
    assert_validation(a.key_usage(1, Page::new(0, 0)).unwrap_err(), "limit");
    assert_validation(a.key_usage(1, Page::new(101, 5)).unwrap_err(), "limit");
    assert!(a.key_usage(1, Page::new(1, 0)).is_ok());
    assert!(a
        .list_vps(&VpsFilter::default(), Page::new(100, 200))
        .is_ok());
}

// ---- rate-limit headers ----

#[test]
fn rate_limit_from_headers() {
    let mut headers = http::HeaderMap::new();
    headers.insert("X-RateLimit-Limit", "60".parse().unwrap());
    headers.insert("X-RateLimit-Remaining", "0".parse().unwrap());
    headers.insert("X-RateLimit-Reset", "1704067200".parse().unwrap());
    let rl = RateLimit::from_headers(&headers).unwrap();
    assert_eq!(
        (rl.limit, rl.remaining, rl.reset.unix()),
        (60, 0, 1704067200)
    );
    assert!(rl.is_exhausted());
    assert_eq!(rl.seconds_until_reset(1704067155), 45);
    assert_eq!(rl.seconds_until_reset(1704067300), 0);
}

#[test]
fn rate_limit_needs_all_three_numeric_headers() {
    let mut headers = http::HeaderMap::new();
    assert_eq!(RateLimit::from_headers(&headers), None);
    headers.insert("x-ratelimit-limit", "60".parse().unwrap());
    headers.insert("x-ratelimit-remaining", "58".parse().unwrap());
    assert_eq!(RateLimit::from_headers(&headers), None);
    headers.insert("x-ratelimit-reset", "soon".parse().unwrap());
    assert_eq!(RateLimit::from_headers(&headers), None);
    headers.insert("x-ratelimit-reset", " 1704067200 ".parse().unwrap());
    assert_eq!(
        RateLimit::from_headers(&headers).map(|r| r.remaining),
        Some(58)
    );
}

#[test]
fn scopes_round_trip_and_all_grants_everything() {
    for scope in Scope::ALL {
        assert_eq!(scope.as_str().parse::<Scope>(), Ok(scope));
        assert_eq!(serde_json::to_value(scope).unwrap(), scope.as_str());
    }
    assert!("vps:admin".parse::<Scope>().is_err());
    assert!(Scope::BillingRead.granted_by(&["vps:read".into(), "all".into()]));
    assert!(!Scope::BillingRead.granted_by(&["billing:write".into()]));
}

// ---- no panics ----

/// A parser that says whether it accepted a response.
type Parser = Box<dyn Fn(&ApiResponse) -> bool>;

fn every_parser() -> Vec<Parser> {
    let a = api();
    let order = order();
    let snap = NewSnapshot {
        name: "s".into(),
        description: None,
        include_ram: false,
    };
    fn boxed<T: 'static>(call: providers::Call<T>) -> Parser {
        Box::new(move |r| call.parse(r).is_ok())
    }
    vec![
        boxed(a.health()),
        boxed(a.test()),
        boxed(a.scopes()),
        boxed(a.account()),
        boxed(a.billing()),
        boxed(a.api_keys()),
        boxed(a.key_usage(1, Page::default()).unwrap()),
        boxed(a.list_vps(&VpsFilter::default(), Page::default()).unwrap()),
        boxed(a.vps(1)),
        boxed(a.summary()),
        boxed(a.live_status(1)),
        boxed(a.plans()),
        boxed(a.locations()),
        boxed(a.templates()),
        boxed(a.power(1, PowerAction::Start)),
        boxed(a.delete_vps(1)),
        boxed(a.console(1)),
        boxed(a.create_vps(&order).unwrap()),
        boxed(a.deployment(1)),
        boxed(a.snapshots(1)),
        boxed(a.create_snapshot(1, &snap).unwrap()),
    ]
}

fn json_ish() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| if f.is_finite() {
            f.to_string()
        } else {
            "1e308".into()
        }),
        "[a-z_:0-9.-]{0,12}".prop_map(|s| format!("{s:?}")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        let keys = prop_oneof![
            Just("success"),
            Just("data"),
            Just("message"),
            Just("error_code"),
            Just("id"),
            Just("vps_id"),
            Just("status"),
            Just("balance"),
            Just("amount"),
            Just("instances"),
            Just("pagination"),
            Just("tasks"),
            Just("name"),
            Just("plan"),
            Just("snapshot"),
            Just("is_ready"),
            Just("progress_percent"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((keys, inner), 0..6).prop_map(|kv| {
                let fields: Vec<String> =
                    kv.into_iter().map(|(k, v)| format!("{k:?}:{v}")).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    })
}

proptest! {
    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(status in 100u16..600, bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let mut r = http::Response::new(bytes);
        *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
        for parse in every_parser() {
            let _ = parse(&r);
        }
    }

    #[test]
    fn parsers_never_panic_on_json_shaped_bodies(status in prop_oneof![Just(200u16), Just(400), Just(403), Just(429), Just(500)], data in json_ish(), code in "[A-Z_]{0,20}") {
        let bodies = [
            format!(r#"{{"success":true,"data":{data}}}"#),
            format!(r#"{{"success":false,"error_code":"{code}","message":{data}}}"#),
            data.clone(),
        ];
        for body in bodies {
            let r = response(status, &body, &[("retry-after", "x"), ("x-ratelimit-reset", "99999999999999999999")]);
            for parse in every_parser() {
                let _ = parse(&r);
            }
        }
    }
}
