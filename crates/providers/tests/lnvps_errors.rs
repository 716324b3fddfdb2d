//! LNVPS failures: every documented error shape as a typed error, every
//! check made before sending (naming its field), secrets kept out of curl,
//! and parsers that never panic on arbitrary answers.

mod common;

use common::response;
use proptest::prelude::*;
use providers::lnvps::{
    self, AccountPatch, Api, ContactForm, CustomVmSpec, NewNwcMethod, NewSshKey, NewSubscription,
    PayWith, Renewal, SubscriptionRenewal, UpgradeRequest, VmPatch, VmSize,
};
use providers::{ApiResponse, ProviderError, Secret};

fn api() -> Api {
    Api::new(None).unwrap()
}

fn err(status: u16, body: &str, headers: &[(&str, &str)]) -> ProviderError {
    api()
        .list_vms()
        .parse(&response(status, body, headers))
        .unwrap_err()
}

fn auth(message: &str) -> ProviderError {
    ProviderError::Auth {
        message: message.into(),
        credential: "Nostr signer (NIP-98)".into(),
    }
}

fn field_of(e: Result<impl std::fmt::Debug, ProviderError>) -> String {
    match e {
        Err(ProviderError::Validation { field, .. }) => field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

// ── Plain-text NIP-98 rejections ──────────────────────────────────────────

#[test]
fn missing_auth_header() {
    assert_eq!(
        err(403, "Auth header not found", &[]),
        auth("Auth header not found")
    );
}

#[test]
fn wrong_auth_scheme() {
    assert_eq!(
        err(403, "Auth scheme must be Nostr or Bearer", &[]),
        auth("Auth scheme must be Nostr or Bearer")
    );
}

#[test]
fn undecodable_auth() {
    assert_eq!(
        err(401, "Invalid auth: Invalid last symbol 61, offset 3.", &[]),
        auth("Invalid last symbol 61, offset 3.")
    );
}

#[test]
fn failed_auth_checks_give_the_reason() {
    for reason in [
        "Wrong event kind",
        "Created timestamp is out of range",
        "Missing url tag",
        "Invalid U tag",
        "U tag does not match",
        "Method tag incorrect",
        "Missing method tag",
        "Event signature invalid",
        "Credential has already been used",
    ] {
        assert_eq!(
            err(401, &format!("Auth check failed: {reason}"), &[]),
            auth(reason)
        );
    }
}

#[test]
fn auth_errors_say_what_to_fix() {
    let text = err(
        401,
        "Auth check failed: Created timestamp is out of range",
        &[],
    )
    .to_string();
    assert_eq!(text, "Authentication failed: Created timestamp is out of range. Check the Nostr signer (NIP-98).");
}

#[test]
fn a_json_401_is_auth_too() {
    assert_eq!(
        err(401, r#"{"error":"Session expired"}"#, &[]),
        auth("Session expired")
    );
}

// ── JSON errors from the API ──────────────────────────────────────────────

#[test]
fn bad_request_is_validation() {
    assert_eq!(
        err(400, r#"{"error":"Invalid SSH public key format"}"#, &[]),
        ProviderError::validation("key_data", "Invalid SSH public key format")
    );
    assert_eq!(
        err(400, r#"{"error":"Something odd"}"#, &[]),
        ProviderError::validation("request", "Something odd")
    );
    assert!(
        matches!(err(400, r#"{"error":"Invalid intervals"}"#, &[]), ProviderError::Validation { field, .. } if field == "intervals")
    );
}

#[test]
fn expired_vm_needs_payment() {
    assert_eq!(
        err(402, r#"{"error":"VM has expired"}"#, &[]),
        ProviderError::PaymentRequired {
            balance: None,
            required: None,
            message: "VM has expired".into()
        }
    );
}

#[test]
fn not_your_vm_is_permission() {
    assert_eq!(
        err(403, r#"{"error":"VM does not belong to you"}"#, &[]),
        ProviderError::Permission {
            needed: Some("ownership of this resource".into()),
            message: "VM does not belong to you".into()
        }
    );
}

#[test]
fn unverified_email_is_permission() {
    assert_eq!(
        err(
            403,
            r#"{"error":"Email verification is required before creating a VM"}"#,
            &[]
        ),
        ProviderError::Permission {
            needed: Some("a verified email address".into()),
            message: "Email verification is required before creating a VM".into()
        }
    );
}

#[test]
fn missing_row_is_not_found() {
    assert_eq!(
        err(404, r#"{"error":"Resource not found"}"#, &[]),
        ProviderError::NotFound {
            message: "Resource not found".into()
        }
    );
}

#[test]
fn capacity_is_conflict() {
    assert_eq!(
        err(409, r#"{"error":"No available capacity"}"#, &[]),
        ProviderError::Conflict {
            message: "No available capacity".into()
        }
    );
}

#[test]
fn rate_limit_is_plain_text_with_retry_after() {
    let e = err(429, "Rate limit exceeded", &[("retry-after", "42")]);
    assert_eq!(
        e,
        ProviderError::RateLimited {
            retry_after_secs: Some(42),
            message: "Rate limit exceeded".into()
        }
    );
    assert!(e.is_retryable());
}

#[test]
fn too_large_body() {
    assert!(
        matches!(err(413, "", &[]), ProviderError::Validation { field, reason } if field == "body" && reason.contains("2 MiB"))
    );
    assert!(
        matches!(err(413, "Payload Too Large", &[]), ProviderError::Validation { field, .. } if field == "body")
    );
}

#[test]
fn internal_error() {
    let e = err(500, r#"{"error":"An internal error occurred"}"#, &[]);
    assert_eq!(
        e,
        ProviderError::Provider {
            status: 500,
            message: "An internal error occurred".into()
        }
    );
    assert!(e.is_retryable());
}

#[test]
fn not_implemented() {
    assert_eq!(
        err(501, r#"{"error":"Not implemented"}"#, &[]),
        ProviderError::Unsupported {
            reason: "Not implemented".into()
        }
    );
}

#[test]
fn extractor_rejections_are_read_as_text() {
    let e = err(
        422,
        "Failed to deserialize the JSON body into the target type: missing field `contact_nip17`",
        &[],
    );
    assert!(
        matches!(e, ProviderError::Validation { reason, .. } if reason.contains("missing field `contact_nip17`"))
    );
}

#[test]
fn empty_error_bodies_get_a_useful_message() {
    assert_eq!(
        err(402, "", &[]).to_string(),
        "Payment required: the VM has expired: renew it first"
    );
    assert_eq!(
        err(503, "", &[]),
        ProviderError::Provider {
            status: 503,
            message: "server error".into()
        }
    );
}

#[test]
fn a_success_that_is_not_json_is_an_unexpected_body() {
    let e = err(200, "<html>maintenance</html>", &[]);
    assert!(
        matches!(e, ProviderError::UnexpectedBody { status: 200, ref body, .. } if body.contains("maintenance"))
    );
}

#[test]
fn a_success_with_the_wrong_shape_is_an_unexpected_body() {
    let e = api()
        .vm(1)
        .parse(&response(200, r#"{"data":{"name":"no id"}}"#, &[]))
        .unwrap_err();
    assert!(
        matches!(e, ProviderError::UnexpectedBody { status: 200, .. }),
        "{e:?}"
    );
}

// ── Checks before sending ─────────────────────────────────────────────────

fn size() -> VmSize {
    VmSize {
        cpu: 2,
        memory: 4 << 30,
        disk: 80 << 30,
    }
}

#[test]
fn upgrades_never_shrink() {
    let try_up = |up: UpgradeRequest| api().upgrade_quote(1, size(), &up, None);
    assert_eq!(
        field_of(try_up(UpgradeRequest {
            cpu: Some(1),
            memory: Some(8 << 30),
            disk: None
        })),
        "cpu"
    );
    assert_eq!(
        field_of(try_up(UpgradeRequest {
            cpu: None,
            memory: Some(2 << 30),
            disk: Some(100 << 30)
        })),
        "memory"
    );
    assert_eq!(
        field_of(try_up(UpgradeRequest {
            cpu: Some(4),
            memory: None,
            disk: Some(40 << 30)
        })),
        "disk"
    );
    let e = try_up(UpgradeRequest {
        cpu: Some(2),
        memory: Some(4 << 30),
        disk: Some(80 << 30),
    })
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("at least one of cpu, memory or disk must be larger"),
        "{e}"
    );
    assert!(try_up(UpgradeRequest::default()).is_err());
    assert!(try_up(UpgradeRequest {
        cpu: Some(2),
        memory: Some(4 << 30),
        disk: Some(81 << 30)
    })
    .is_ok());
    assert_eq!(
        field_of(api().upgrade(
            1,
            size(),
            &UpgradeRequest {
                cpu: Some(1),
                ..UpgradeRequest::default()
            },
            None,
            None
        )),
        "cpu"
    );
}

#[test]
fn a_shrinking_upgrade_says_by_how_much() {
    let e = api()
        .upgrade_quote(
            1,
            size(),
            &UpgradeRequest {
                cpu: Some(1),
                ..UpgradeRequest::default()
            },
            None,
        )
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid cpu: cannot go below the current 2 cores (asked for 1 cores); LNVPS only upgrades"
    );
}

#[test]
fn reverse_dns_must_be_a_host_name() {
    for bad in [
        "not a host",
        "-bad.example.com",
        "localhost",
        "a..b",
        "exa_mple.com",
        &format!("{}.com", "a".repeat(64)),
    ] {
        let patch = VmPatch {
            reverse_dns: Some(bad.to_string()),
            ..VmPatch::default()
        };
        assert_eq!(field_of(api().update_vm(1, &patch)), "reverse_dns", "{bad}");
    }
    for good in ["myserver.example.com", "vm-1.example.net."] {
        let patch = VmPatch {
            reverse_dns: Some(good.to_string()),
            ..VmPatch::default()
        };
        assert!(api().update_vm(1, &patch).is_ok(), "{good}");
    }
    assert_eq!(field_of(api().update_vm(1, &VmPatch::default())), "body");
}

#[test]
fn ssh_keys_start_with_a_known_type() {
    let key = |k: &str| NewSshKey {
        name: "k".into(),
        key_data: k.into(),
    };
    assert_eq!(
        field_of(api().add_ssh_key(&key("AAAAC3NzaC1lZDI1NTE5"))),
        "key_data"
    );
    assert_eq!(
        field_of(api().add_ssh_key(&key("ssh-foo AAAA"))),
        "key_data"
    );
    assert_eq!(field_of(api().add_ssh_key(&key("ssh-ed25519"))), "key_data");
    assert_eq!(
        field_of(api().add_ssh_key(&key("ssh-ed25519 AAAA\nssh-rsa BBBB"))),
        "key_data"
    );
    for kind in lnvps::SSH_KEY_TYPES {
        assert!(
            api()
                .add_ssh_key(&key(&format!("{kind} AAAAB3NzaC1yc2E me@laptop")))
                .is_ok(),
            "{kind}"
        );
    }
}

#[test]
fn nwc_strings_use_the_nwc_scheme() {
    let method = |s: &str| NewNwcMethod {
        nwc_connection_string: Secret::new(s),
        name: None,
    };
    assert_eq!(
        field_of(api().add_nwc_method(&method("https://wallet.example"))),
        "nwc_connection_string"
    );
    assert_eq!(
        field_of(api().add_nwc_method(&method("nostr+walletconnect://"))),
        "nwc_connection_string"
    );
    let patch = AccountPatch {
        nwc_connection_string: Some(Secret::new("nostr:npub1")),
        ..AccountPatch::default()
    };
    assert_eq!(
        field_of(api().update_account(&patch)),
        "nwc_connection_string"
    );
    assert!(api()
        .add_nwc_method(&method(
            "nostr+walletconnect://b889ff5b?relay=wss%3A%2F%2Frelay&secret=71a8"
        ))
        .is_ok());
}

#[test]
fn renewal_intervals_are_1_to_120() {
    let renew = |n: u32| {
        api().renew(
            1,
            &Renewal {
                intervals: Some(n),
                ..Renewal::lightning()
            },
        )
    };
    assert_eq!(field_of(renew(0)), "intervals");
    assert_eq!(field_of(renew(121)), "intervals");
    assert!(renew(1).is_ok() && renew(120).is_ok());
    let quote = api().renew_quote(
        1,
        &Renewal {
            intervals: Some(200),
            ..Renewal::lightning()
        },
    );
    assert_eq!(field_of(quote), "intervals");
    let sub = SubscriptionRenewal {
        renewal: Renewal {
            intervals: Some(0),
            ..Renewal::lightning()
        },
        ..SubscriptionRenewal::default()
    };
    assert_eq!(field_of(api().renew_subscription(1, &sub)), "intervals");
}

#[test]
fn saved_method_renewals_name_the_method() {
    let sub = SubscriptionRenewal {
        renewal: Renewal {
            method: PayWith::Saved,
            ..Renewal::lightning()
        },
        ..SubscriptionRenewal::default()
    };
    assert_eq!(
        field_of(api().renew_subscription(1, &sub)),
        "payment_method_id"
    );
}

fn template() -> lnvps::CustomTemplate {
    serde_json::from_str(
        r#"{"id":2,"name":"Custom","max_cpu":8,"min_cpu":1,"min_memory":1073741824,"max_memory":17179869184,"min_ip4":1,"max_ip4":4,"min_ip6":0,"max_ip6":16,
            "disks":[{"min_disk":10737418240,"max_disk":214748364800,"disk_type":"ssd","disk_interface":"pcie"}]}"#,
    )
    .unwrap()
}

fn spec() -> CustomVmSpec {
    CustomVmSpec {
        pricing_id: 2,
        cpu: 2,
        memory: 2 << 30,
        disk: 60 << 30,
        disk_type: "ssd".into(),
        disk_interface: "pcie".into(),
        cpu_mfg: None,
        cpu_arch: None,
        cpu_feature: vec![],
        ip4_count: None,
        ip6_count: None,
    }
}

/// Breaks one field of a custom build.
type Break = fn(&mut CustomVmSpec);

#[test]
fn custom_builds_stay_within_the_plan() {
    let cases: [(Break, &str); 9] = [
        (|s| s.cpu = 0, "cpu"),
        (|s| s.cpu = 9, "cpu"),
        (|s| s.memory = 512 << 20, "memory"),
        (|s| s.memory = 32 << 30, "memory"),
        (|s| s.disk = 5 << 30, "disk"),
        (|s| s.disk = 300 << 30, "disk"),
        (|s| s.disk_type = "hdd".into(), "disk_type"),
        (|s| s.ip4_count = Some(5), "ip4_count"),
        (|s| s.pricing_id = 3, "pricing_id"),
    ];
    for (break_it, field) in cases {
        let mut s = spec();
        break_it(&mut s);
        assert_eq!(field_of(api().custom_price(&template(), &s)), field);
    }
    let mut s = spec();
    s.ip6_count = Some(17);
    assert_eq!(
        field_of(api().create_custom_vm(
            &template(),
            &lnvps::CustomVmOrder {
                spec: s,
                image_id: 1,
                ssh_key_id: 1,
                ref_code: None
            }
        )),
        "ip6_count"
    );
    assert!(api().custom_price(&template(), &spec()).is_ok());
}

#[test]
fn a_custom_limit_error_gives_the_bound() {
    let mut s = spec();
    s.cpu = 9;
    let e = api().custom_price(&template(), &s).unwrap_err();
    assert_eq!(
        e.to_string(),
        "Invalid cpu: must be at most 8 cores (got 9 cores)"
    );
}

#[test]
fn account_fields_are_checked() {
    let patch = AccountPatch {
        email: Some("not-an-email".into()),
        ..AccountPatch::default()
    };
    assert_eq!(field_of(api().update_account(&patch)), "email");
    let patch = AccountPatch {
        country_code: Some(Some("Ireland".into())),
        ..AccountPatch::default()
    };
    assert_eq!(field_of(api().update_account(&patch)), "country_code");
    assert_eq!(field_of(api().verify_email(&Secret::new(" "))), "token");
}

#[test]
fn other_inputs_are_checked() {
    assert_eq!(field_of(api().payment("")), "payment_id");
    assert_eq!(field_of(api().subscription_payment(1, " ")), "payment_id");
    assert_eq!(field_of(api().exchange_rate("bitcoin")), "base");
    assert_eq!(
        field_of(api().create_subscription(&NewSubscription::default())),
        "line_items"
    );
    let form = ContactForm {
        subject: "Hi".into(),
        message: "Hello".into(),
        email: "user@example.com".into(),
        name: "Jane".into(),
        user_pubkey: None,
        timestamp: "now".into(),
        turnstile_token: "".into(),
    };
    assert_eq!(field_of(api().contact(&form)), "turnstile_token");
    assert_eq!(
        field_of(api().contact(&ContactForm {
            subject: " ".into(),
            ..form.clone()
        })),
        "subject"
    );
    assert_eq!(
        field_of(api().contact(&ContactForm {
            email: "nobody".into(),
            ..form
        })),
        "email"
    );
}

// ── Secrets in curl ───────────────────────────────────────────────────────

#[test]
fn curl_hides_the_nwc_string() {
    let add = NewNwcMethod {
        nwc_connection_string: Secret::new(
            "nostr+walletconnect://pk?relay=wss://r&secret=TOPSECRET",
        ),
        name: None,
    };
    let curl = api().add_nwc_method(&add).unwrap().to_curl();
    assert!(!curl.contains("TOPSECRET"), "{curl}");
    assert!(
        curl.contains(r#""nwc_connection_string":"<redacted>""#),
        "{curl}"
    );
    let patch = AccountPatch {
        nwc_connection_string: Some(Secret::new("nostr+walletconnect://pk?secret=TOPSECRET")),
        ..AccountPatch::default()
    };
    let curl = api().update_account(&patch).unwrap().to_curl();
    assert!(!curl.contains("TOPSECRET"), "{curl}");
}

#[test]
fn curl_hides_the_email_token() {
    let curl = api()
        .verify_email(&Secret::new("TOKEN123"))
        .unwrap()
        .to_curl();
    assert!(!curl.contains("TOKEN123"), "{curl}");
    assert!(curl.contains("token=%3Credacted%3E"), "{curl}");
}

#[test]
fn curl_of_a_signed_request_hides_the_event() {
    let mut call = api().list_vms();
    call.request_mut().headers_mut().insert(
        "authorization",
        "Nostr eyJraW5kIjoyNzIzNX0=".parse().unwrap(),
    );
    let curl = call.to_curl();
    assert!(curl.contains("Authorization: Nostr <redacted>"), "{curl}");
    assert!(!curl.contains("eyJraW5k"), "{curl}");
    assert!(
        curl.starts_with("curl -X GET https://api.lnvps.net/api/v1/vm"),
        "{curl}"
    );
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let add = NewNwcMethod {
        nwc_connection_string: Secret::new("nostr+walletconnect://SECRET"),
        name: None,
    };
    assert!(!format!("{add:?}").contains("SECRET"));
    let account: lnvps::Account =
        serde_json::from_str(r#"{"nwc_connection_string":"nostr+walletconnect://SECRET"}"#)
            .unwrap();
    assert!(!format!("{account:?}").contains("SECRET"));
}

// ── Parsers never panic ───────────────────────────────────────────────────

fn answer(status: u16, body: Vec<u8>) -> ApiResponse {
    let mut r = http::Response::new(body);
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
    r
}

fn every_parser(r: &ApiResponse) {
    let a = api();
    let _ = a.list_vms().parse(r);
    let _ = a.vm(1).parse(r);
    let _ = a.templates().parse(r);
    let _ = a.images(None).parse(r);
    let _ = a.ssh_keys().parse(r);
    let _ = a.time_series(1).parse(r);
    let _ = a.history(1, None).parse(r);
    let _ = a.vm_payments(1, None).parse(r);
    let _ = a.renew(1, &Renewal::lightning()).unwrap().parse(r);
    let _ = a.renew_quote(1, &Renewal::lightning()).unwrap().parse(r);
    let _ = a.account().parse(r);
    let _ = a.update_account(&AccountPatch::default()).unwrap().parse(r);
    let _ = a.payment_methods().parse(r);
    let _ = a.saved_payment_methods().parse(r);
    let _ = a.subscriptions(None).parse(r);
    let _ = a.subscription_payment(1, "x").unwrap().parse(r);
    let _ = a.ip_spaces(None).parse(r);
    let _ = a.ip_range(1).parse(r);
    let _ = a.exchange_rate("BTC").unwrap().parse(r);
    let _ = a.power(1, providers::PowerAction::Start).parse(r);
    if let Ok(vms) = a.list_vms().parse(r) {
        for vm in &vms {
            let _ = lnvps::server(vm);
        }
    }
    if let Ok(page) = a.vm_payments(1, None).parse(r) {
        for p in &page.items {
            let _ = lnvps::vm_payment_invoice(p, providers::Timestamp(0));
        }
    }
}

proptest! {
    #[test]
    fn parsers_never_panic_on_arbitrary_bytes(status in 100u16..600, body in proptest::collection::vec(any::<u8>(), 0..256)) {
        every_parser(&answer(status, body));
    }

    #[test]
    fn parsers_never_panic_on_arbitrary_json(status in prop_oneof![Just(200u16), 400u16..600], json in arb_json()) {
        let wrapped = serde_json::json!({ "data": json.clone() });
        every_parser(&answer(status, json.to_string().into_bytes()));
        every_parser(&answer(status, wrapped.to_string().into_bytes()));
    }

    #[test]
    fn bolt11_reading_never_panics(text in ".{0,120}") {
        let _ = lnvps::bolt11_amount_msat(&text);
        let _ = lnvps::btc_unit(1000, Some(&text));
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        "[a-z0-9:.-]{0,12}".prop_map(serde_json::Value::from),
    ];
    let keys = prop_oneof![
        Just("id"),
        Just("state"),
        Just("status"),
        Just("amount"),
        Just("currency"),
        Just("data"),
        Just("lightning"),
        Just("Lightning"),
        Just("expires"),
        Just("created"),
        Just("template"),
        Just("cost_plan"),
        Just("cpu"),
        Just("timestamp"),
        Just("templates"),
        Just("custom_template"),
        Just("is_paid"),
        Just("warnings"),
        Just("total"),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(keys.clone().prop_map(str::to_string), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn an_envelope_with_the_wrong_data_is_not_read_as_empty() {
    for body in [r#"{"data":"oops"}"#, r#"{"data":5}"#] {
        let r = response(200, body, &[]);
        assert!(
            matches!(
                api().templates().parse(&r),
                Err(ProviderError::UnexpectedBody { .. })
            ),
            "{body}"
        );
        assert!(
            matches!(
                api().account().parse(&r),
                Err(ProviderError::UnexpectedBody { .. })
            ),
            "{body}"
        );
    }
}

#[test]
fn an_unwrapped_body_is_read_whole() {
    let payment = r#"{"id":"9f2c","amount":21000,"currency":"BTC","is_paid":false,"data":{"lightning":"lnbc210u1pj..."},"time":2592000}"#;
    let p = api()
        .payment("9f2c")
        .unwrap()
        .parse(&response(200, payment, &[]))
        .unwrap();
    assert_eq!(p.bolt11(), Some("lnbc210u1pj..."));
}
