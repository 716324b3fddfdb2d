//! LiteVPS checks made before anything is sent: each rule has a failing case
//! that names the field, and the boundary values that pass.

use providers::litevps::{blocked_pattern, Api, Exec, NewVps, Page, BLOCKED_COMMANDS};
use providers::{ProviderError, Secret};
use rust_decimal::Decimal;

fn api() -> Api {
    Api::new(None, Some(Secret::new("vtk_abc123"))).unwrap()
}

#[track_caller]
fn field_of<T: std::fmt::Debug>(result: Result<T, ProviderError>) -> String {
    match result {
        Err(ProviderError::Validation { field, .. }) => field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[track_caller]
fn reason_of<T: std::fmt::Debug>(result: Result<T, ProviderError>) -> String {
    match result {
        Err(ProviderError::Validation { reason, .. }) => reason,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

// --- top-up ---

#[test]
fn top_up_bounds_are_inclusive() {
    for ok in [
        Decimal::from(5),
        Decimal::new(500, 2),
        Decimal::from(50),
        Decimal::new(1999, 2),
    ] {
        assert!(api().add_funds(ok).is_ok(), "{ok}");
    }
    for bad in [
        Decimal::new(499, 2),
        Decimal::new(5001, 2),
        Decimal::ZERO,
        Decimal::from(-10),
        Decimal::from(100),
    ] {
        assert_eq!(field_of(api().add_funds(bad)), "amount", "{bad}");
    }
}

#[test]
fn top_up_says_the_limits() {
    let reason = reason_of(api().add_funds(Decimal::from(4)));
    assert!(reason.contains('5') && reason.contains("50"), "{reason}");
}

#[test]
fn top_up_is_in_whole_cents() {
    assert_eq!(field_of(api().add_funds(Decimal::new(10001, 3))), "amount");
    assert!(
        api().add_funds(Decimal::new(10500, 3)).is_ok(),
        "10.500 is 10.50"
    );
}

#[test]
fn top_up_fractions_are_sent_as_numbers() {
    let call = api().add_funds(Decimal::new(1050, 2)).unwrap();
    let body: serde_json::Value = serde_json::from_slice(call.request().body()).unwrap();
    assert_eq!(body, serde_json::json!({ "amount": 10.5 }));
}

// --- exec ---

#[test]
fn every_blocked_pattern_is_refused_by_name() {
    for pattern in BLOCKED_COMMANDS {
        let command = format!("echo start && {pattern} now");
        let err = api().exec("v1", &Exec::new(command.clone())).unwrap_err();
        assert_eq!(
            err,
            ProviderError::validation("command", format!("command blocked: contains `{pattern}`")),
            "{command}"
        );
    }
}

#[test]
fn blocked_patterns_match_after_collapsing_whitespace() {
    assert_eq!(blocked_pattern("rm  -rf \t /"), Some("rm -rf /"));
    assert_eq!(
        blocked_pattern("dd   if=/dev/zero of=/dev/sda"),
        Some("dd if=")
    );
    assert_eq!(blocked_pattern(":(){  :|:&  };:"), Some(":(){ :|:& };"));
    assert_eq!(blocked_pattern("sudo\nreboot"), Some("reboot"));
}

#[test]
fn ordinary_commands_pass() {
    for command in [
        "uname -a",
        "df -h /",
        "apt-get update -y",
        "rm -rf ./build",
        "ls /tmp",
        "dd of=x",
    ] {
        assert_eq!(blocked_pattern(command), None, "{command}");
        assert!(api().exec("v1", &Exec::new(command)).is_ok(), "{command}");
    }
}

#[test]
fn background_exec_and_batch_exec_use_the_same_deny_list() {
    let ids = vec!["v1".to_string()];
    assert_eq!(
        field_of(api().exec_background("v1", &Exec::new("mkfs.ext4 /dev/vdb"))),
        "command"
    );
    assert_eq!(
        field_of(api().batch_exec(&ids, &Exec::new("shutdown -h now"))),
        "command"
    );
    assert_eq!(
        field_of(api().batch_exec_background(&ids, &Exec::new("poweroff"))),
        "command"
    );
}

#[test]
fn exec_needs_a_command() {
    assert_eq!(field_of(api().exec("v1", &Exec::new("  "))), "command");
}

#[test]
fn exec_timeout_is_at_least_one_second() {
    assert_eq!(
        field_of(api().exec("v1", &Exec::new("uptime").timeout(0))),
        "timeout_seconds"
    );
    assert_eq!(
        field_of(api().exec_background("v1", &Exec::new("uptime").timeout(0))),
        "timeout_seconds"
    );
    assert_eq!(
        field_of(api().batch_exec(&["v1".into()], &Exec::new("uptime").timeout(0))),
        "timeout_seconds"
    );
    assert!(api().exec("v1", &Exec::new("uptime").timeout(1)).is_ok());
}

// --- VPS create ---

#[test]
fn name_is_required() {
    assert_eq!(
        field_of(api().create_vps(&NewVps::from_plan("", "p"))),
        "name"
    );
}

#[test]
fn name_is_at_most_63_characters() {
    assert!(api()
        .create_vps(&NewVps::from_plan("a".repeat(63), "p"))
        .is_ok());
    assert_eq!(
        field_of(api().create_vps(&NewVps::from_plan("a".repeat(64), "p"))),
        "name"
    );
}

#[test]
fn name_is_a_hostname() {
    for bad in ["web_01", "web.01", "web 01", "-web", "web-", "wéb"] {
        assert_eq!(
            field_of(api().create_vps(&NewVps::from_plan(bad, "p"))),
            "name",
            "{bad}"
        );
    }
    for ok in ["web-01", "W1", "0", "a-b-c"] {
        assert!(
            api().create_vps(&NewVps::from_plan(ok, "p")).is_ok(),
            "{ok}"
        );
    }
}

#[test]
fn plan_or_template_is_required() {
    let vps = NewVps {
        name: "web-01".into(),
        ..NewVps::default()
    };
    assert_eq!(field_of(api().create_vps(&vps)), "plan_id");
    assert_eq!(
        field_of(api().create_vps(&NewVps::from_plan("web-01", " "))),
        "plan_id"
    );
    let both = NewVps {
        template: Some("ubuntu-22-small".into()),
        ..NewVps::from_plan("web-01", "p")
    };
    assert!(api().create_vps(&both).is_ok());
}

#[test]
fn resource_overrides_are_positive() {
    let base = NewVps::from_template("web-01", "t");
    let cases: [(NewVps, &str); 4] = [
        (
            NewVps {
                vcpu: Some(0),
                ..base.clone()
            },
            "vcpu",
        ),
        (
            NewVps {
                memory_mb: Some(0),
                ..base.clone()
            },
            "memory_mb",
        ),
        (
            NewVps {
                disk_gb: Some(0),
                ..base.clone()
            },
            "disk_gb",
        ),
        (
            NewVps {
                ttl_minutes: Some(0),
                ..base.clone()
            },
            "ttl_minutes",
        ),
    ];
    for (vps, field) in cases {
        assert_eq!(field_of(api().create_vps(&vps)), field);
    }
}

#[test]
fn ssh_key_ids_are_not_empty() {
    let vps = NewVps {
        ssh_key_ids: vec!["k1".into(), "".into()],
        ..NewVps::from_plan("web-01", "p")
    };
    assert_eq!(field_of(api().create_vps(&vps)), "ssh_key_ids");
}

#[test]
fn batch_create_names_the_failing_item() {
    let vms = [
        NewVps::from_template("w1", "t"),
        NewVps::from_template("w_2", "t"),
    ];
    assert_eq!(field_of(api().batch_create(&vms)), "vms[1].name");
    let vms = [NewVps {
        name: "w1".into(),
        ..NewVps::default()
    }];
    assert_eq!(field_of(api().batch_create(&vms)), "vms[0].plan_id");
    assert_eq!(field_of(api().batch_create(&[])), "vms");
}

#[test]
fn batch_ids_are_required() {
    assert_eq!(field_of(api().batch_delete(&[])), "ids");
    assert_eq!(
        field_of(api().batch_delete(&["a".into(), " ".into()])),
        "ids"
    );
    assert_eq!(field_of(api().batch_exec(&[], &Exec::new("uptime"))), "ids");
}

// --- files ---

#[test]
fn file_paths_are_absolute() {
    assert_eq!(field_of(api().upload_file("v1", "root/x", vec![])), "path");
    assert_eq!(field_of(api().upload_file("v1", "", vec![])), "path");
    assert_eq!(field_of(api().download_file("v1", "etc/hostname")), "path");
    assert_eq!(field_of(api().download_file("v1", "/etc/\0")), "path");
    let reason = reason_of(api().download_file("v1", "hello.txt"));
    assert!(reason.contains("absolute"), "{reason}");
    assert!(api().download_file("v1", "/").is_ok());
}

// --- keys, tokens, account ---

#[test]
fn ssh_keys_are_openssh_public_keys() {
    assert_eq!(field_of(api().add_ssh_key("k", "not a key")), "public_key");
    assert_eq!(
        field_of(api().add_ssh_key("k", "ssh-ed25519")),
        "public_key"
    );
    assert_eq!(field_of(api().add_ssh_key("", "ssh-ed25519 AAAA")), "name");
    assert!(api()
        .add_ssh_key("k", "ecdsa-sha2-nistp256 AAAA me@host")
        .is_ok());
}

#[test]
fn spend_limit_is_positive() {
    assert_eq!(
        field_of(api().create_token("ci", Some(Decimal::ZERO))),
        "spend_limit"
    );
    assert_eq!(
        field_of(api().create_token("ci", Some(Decimal::from(-1)))),
        "spend_limit"
    );
    assert_eq!(field_of(api().create_token(" ", None)), "name");
}

#[test]
fn emails_are_checked() {
    for bad in [
        "ops",
        "ops@",
        "@example.com",
        "ops@example",
        "ops @example.com",
        "a@b@c.com",
    ] {
        assert_eq!(field_of(api().set_billing_email(bad)), "email", "{bad}");
    }
    assert_eq!(
        field_of(api().register("nope", &Secret::new("pw"), "t")),
        "email"
    );
}

#[test]
fn register_needs_password_and_turnstile() {
    assert_eq!(
        field_of(api().register("a@b.co", &Secret::new(""), "t")),
        "password"
    );
    assert_eq!(
        field_of(api().register("a@b.co", &Secret::new("pw"), "")),
        "cf-turnstile-response"
    );
}

#[test]
fn login_needs_both_fields() {
    assert_eq!(field_of(api().login("", &Secret::new("pw"))), "email");
    assert_eq!(
        field_of(api().login("a@b.co", &Secret::new(" "))),
        "password"
    );
}

#[test]
fn snapshot_needs_a_name() {
    assert_eq!(field_of(api().create_snapshot("v1", "")), "name");
}

#[test]
fn transaction_pages_have_a_size() {
    assert_eq!(
        field_of(api().transactions(Page {
            limit: 0,
            offset: 0
        })),
        "limit"
    );
}

#[test]
fn validation_errors_read_well() {
    let err = api().exec("v1", &Exec::new("halt")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Invalid command: command blocked: contains `halt`"
    );
}
