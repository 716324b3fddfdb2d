//! CyberPanel Cloud's whole lifecycle through the sandbox, in-process and over
//! loopback: test the key (its scopes), list, read the catalogue, create a VPS
//! with a security-key SSH key, follow its ten deployment tasks, power-cycle,
//! live metrics, snapshots, delete, balance and billing lines. Then what is
//! CyberPanel's own: scoped keys, 429s with `Retry-After`, and the checks the
//! client makes before anything is sent.

use conformance::in_process::InProcess;
use conformance::loopback::Loopback;
use conformance::{account, api_key, credential};
use providers::cyberpanel::{self, CreateVps, NewSnapshot, Scope};
use providers::driver::{Operation, OrderTicket, Session};
use providers::signer::NoSigner;
use providers::{
    Action, Capabilities, Clock, InvoiceStatus, MetricKind, MetricRange, MetricUnit, PowerAction,
    ProgressState, ProviderError, ProviderId, Secret, ServerStatus, TaskState, Transport,
};
use std::time::Duration;

/// The sandbox's credential labels.
const FULL_KEY: &str = "api key";
const READ_ONLY_KEY: &str = "API key (read-only: vps:read, account:read, billing:read)";

/// A FIDO security-key public key (OpenSSH's `sk-` type).
const SECURITY_KEY: &str =
    "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIC1lZmQ= me@yubikey";

/// The ten deployment tasks the document lists, in order.
const DEPLOY_TASKS: [&str; 10] = [
    "validate_resources",
    "allocate_ip",
    "create_vm",
    "configure_hardware",
    "apply_cloud_init",
    "start_vm",
    "configure_network",
    "wait_for_guest_agent",
    "verify_connectivity",
    "finalize",
];

fn order(hostname: &str, password: &str) -> CreateVps {
    CreateVps {
        hostname: hostname.into(),
        plan_id: 1,
        location_code: "la".into(),
        template_id: "9000".into(),
        root_password: Secret::new(password),
        ssh_key: None,
        webhook_url: None,
        webhook_secret: None,
    }
}

fn in_process_session(sandbox: &InProcess, label: &str) -> Session<InProcess, NoSigner, InProcess> {
    let key = credential(
        &sandbox.sandbox.borrow(),
        sandbox::Provider::Cyberpanel,
        label,
    );
    let acc = account(ProviderId::Cyberpanel, sandbox.base(), api_key(&key));
    Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone())
}

async fn loopback_session<'a>(
    server: &'a Loopback,
    label: &str,
) -> Session<&'a Loopback, NoSigner, &'a Loopback> {
    let creds: serde_json::Value =
        serde_json::from_str(&server.raw("GET", "/_sandbox/credentials", "").await.1).unwrap();
    let key = creds["cyberpanel"][label]
        .as_str()
        .unwrap_or_else(|| panic!("a key labelled `{label}`"))
        .to_string();
    let acc = account(ProviderId::Cyberpanel, &server.base, api_key(&key));
    Session::new(acc, server, NoSigner, server)
}

async fn lifecycle<T: Transport, C: Clock>(session: &Session<T, NoSigner, C>) {
    // Sign in: who the key is, and its scopes.
    let who = session.test_connection().await.expect("the key works");
    assert_eq!(who.identity, "user@example.com (key “Production Key”)");
    assert_eq!(who.permissions, vec!["all".to_string()]);
    let detail = |label: &str| {
        who.details
            .iter()
            .find(|(k, _)| k == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no `{label}` in {:?}", who.details))
    };
    assert!(detail("key prefix").starts_with("cyp_live_"));
    assert_eq!(detail("requests made"), "143", "142 seeded and this one");
    assert_eq!(detail("calling from"), "127.0.0.1");
    let opening = who.balance.clone().expect("`all` includes account:read");
    assert_eq!(opening.currency.code(), "USD");

    // List.
    let before = session.list_servers().await.expect("list");
    assert_eq!(before.len(), 4, "the seeded fleet: {before:?}");
    assert!(before.iter().all(|s| s.provider == ProviderId::Cyberpanel));
    let first = before.iter().find(|s| s.id == "45").expect("VPS 45");
    assert_eq!(first.name, "my-server.example.com");
    assert_eq!(first.status, ServerStatus::Running);
    for status in [
        ServerStatus::Running,
        ServerStatus::Stopped,
        ServerStatus::Suspended,
    ] {
        assert!(
            before.iter().any(|s| s.status == status),
            "{status:?} in {before:?}"
        );
    }

    // Plans, images, regions.
    let plans = session.cyberpanel(|a| Ok(a.plans())).await.expect("plans");
    let starter = &plans.data.plans[0];
    assert_eq!(plans.data.plans.len(), 6);
    assert_eq!((starter.id, starter.name.as_str()), (1, "Starter"));
    let unified = cyberpanel::plan(starter);
    assert_eq!(
        unified.monthly_price.as_ref().map(|m| m.amount.to_string()),
        Some("6.00".to_string())
    );
    assert_eq!(
        unified.hourly_price.as_ref().map(|m| m.amount.to_string()),
        Some("0.0082".to_string())
    );
    assert_eq!(unified.memory_bytes, Some(1024 * 1024 * 1024));
    let templates = session
        .cyberpanel(|a| Ok(a.templates()))
        .await
        .expect("templates");
    let ids: Vec<&str> = templates
        .data
        .templates
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(ids, ["101", "9000", "9022", "9010", "9001", "9008", "9125"]);
    let images: Vec<String> = templates
        .data
        .templates
        .iter()
        .map(|t| cyberpanel::image(t).name)
        .collect();
    assert_eq!(images[0], "CyberPanel (AlmaLinux 8)");
    assert_eq!(images[1], "Ubuntu 22.04");
    let locations = session
        .cyberpanel(|a| Ok(a.locations()))
        .await
        .expect("locations");
    let la = locations
        .data
        .locations
        .iter()
        .find(|l| l.code == "la")
        .expect("Los Angeles");
    assert_eq!(la.name, "Los Angeles, USA");
    let free_ips_before = la.available_ips.expect("free addresses");
    assert!(cyberpanel::location(la).available);

    // SSH keys: no key store, one key given at creation, of any OpenSSH type.
    assert!(!Capabilities::of(ProviderId::Cyberpanel).supports(Action::SshKeys));
    let mut new_vps = order("lifecycle-01.example.com", "SecurePass123");
    new_vps.ssh_key = Some(SECURITY_KEY.into());

    // Order.
    let mark = session.mark();
    let ticket = OrderTicket::generate(ProviderId::Cyberpanel);
    let created = session
        .place_order(&ticket, |_| {
            let new_vps = new_vps.clone();
            async move { session.cyberpanel(|a| a.create_vps(&new_vps)).await }
        })
        .await
        .expect("order");
    let sent = session.sent_since(mark);
    assert_eq!(sent.len(), 1, "ordered once");
    assert_eq!(sent[0].status, Some(200));
    assert!(
        sent[0].curl.contains("sk-ssh-ed25519@openssh.com"),
        "{}",
        sent[0].curl
    );
    assert!(
        !sent[0].curl.contains("SecurePass123"),
        "the password is redacted"
    );
    let created = created.data;
    assert_eq!(created.status, "deploying");
    assert_eq!(created.name.as_deref(), Some("lifecycle-01.example.com"));
    assert_eq!(created.location.as_deref(), Some("la"));
    assert_eq!(created.template.as_deref(), Some("9000"));
    assert_eq!(created.estimated_time_seconds, Some(180));
    let vps_id = created.vps_id.to_string();
    assert_eq!(
        created.deployment_url.as_deref(),
        Some(format!("/api/v1/vps/{vps_id}/deployment").as_str())
    );
    assert!(!before.iter().any(|s| s.id == vps_id));
    let deploying = session.server(&vps_id).await.expect("the new VPS");
    assert_eq!(deploying.status, ServerStatus::Provisioning);

    // Follow the deployment tasks to the end.
    let mut seen = Vec::new();
    let done = session
        .follow(
            &Operation::Cyberpanel {
                vps_id: vps_id.clone(),
            },
            |p| seen.push(p.clone()),
        )
        .await
        .expect("deployment finishes");
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(done.percent, Some(100));
    assert_eq!(done.server_id.as_deref(), Some(vps_id.as_str()));
    assert_eq!(
        done.message.as_deref(),
        Some("VPS deployment completed successfully")
    );
    let under_way: Vec<_> = seen
        .iter()
        .filter(|p| p.state == ProgressState::InProgress)
        .collect();
    assert!(under_way.len() >= 3, "progress seen on the way: {seen:?}");
    let percents: Vec<u8> = under_way.iter().filter_map(|p| p.percent).collect();
    assert!(percents.windows(2).all(|w| w[0] <= w[1]), "{percents:?}");
    assert!(
        percents.iter().any(|p| (1..100).contains(p)),
        "{percents:?}"
    );
    let first_reading = under_way[0];
    let names: Vec<&str> = first_reading
        .tasks
        .iter()
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(names, DEPLOY_TASKS);
    assert_eq!(first_reading.stage, "validate_resources");
    assert_eq!(first_reading.tasks[0].state, TaskState::Running);
    assert_eq!(first_reading.tasks[9].state, TaskState::Pending);
    let stages: Vec<&str> = under_way.iter().map(|p| p.stage.as_str()).collect();
    assert!(stages.contains(&"create_vm"), "{stages:?}");
    assert!(stages.contains(&"wait_for_guest_agent"), "{stages:?}");

    // Running.
    let server = session.server(&vps_id).await.expect("the new VPS");
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(server.name, "lifecycle-01.example.com");
    assert_eq!(server.plan.as_deref(), Some("Starter"));
    assert_eq!(server.region.as_deref(), Some("Los Angeles, USA"));
    assert_eq!(
        server.monthly_cost.as_ref().map(|m| m.amount.to_string()),
        Some("6.00".to_string())
    );
    assert_eq!(server.ips.len(), 1);
    assert_eq!(
        created.ip_address.as_deref(),
        Some(server.ips[0].as_str()),
        "the address given at creation"
    );
    let after = session.list_servers().await.expect("list");
    assert_eq!(after.len(), before.len() + 1);
    let locations = session
        .cyberpanel(|a| Ok(a.locations()))
        .await
        .expect("locations");
    let la = locations.data.locations.iter().find(|l| l.code == "la");
    assert_eq!(
        la.and_then(|l| l.available_ips),
        Some(free_ips_before - 1),
        "one address taken"
    );

    // Power: reboot, stop, start.
    let id: u64 = created.vps_id;
    let live = session
        .cyberpanel(|a| Ok(a.live_status(id)))
        .await
        .expect("live status")
        .data;
    let uptime_before = live.uptime_seconds.expect("uptime");
    assert!(
        uptime_before >= 90,
        "booted during deployment: {uptime_before}"
    );
    let rebooted = session
        .power_and_wait(&vps_id, PowerAction::Restart, |_| {})
        .await
        .expect("reboot");
    assert_eq!(rebooted.status, ServerStatus::Running);
    let live = session
        .cyberpanel(|a| Ok(a.live_status(id)))
        .await
        .expect("live status")
        .data;
    assert!(
        live.uptime_seconds.expect("uptime") < uptime_before,
        "uptime starts again after the reboot"
    );
    let stopped = session
        .power_and_wait(&vps_id, PowerAction::Stop, |_| {})
        .await
        .expect("stop");
    assert_eq!(stopped.status, ServerStatus::Stopped);
    assert_eq!(stopped.raw_status, "stopped");
    let live = session
        .cyberpanel(|a| Ok(a.live_status(id)))
        .await
        .expect("live status")
        .data;
    assert_eq!(live.qmpstatus.as_deref(), Some("stopped"));
    assert_eq!(live.uptime_seconds, Some(0));
    let started = session
        .power_and_wait(&vps_id, PowerAction::Start, |_| {})
        .await
        .expect("start");
    assert_eq!(started.status, ServerStatus::Running);

    // Metrics: one live reading of each kind.
    let series = session
        .metrics(&first.id, MetricRange::Hour)
        .await
        .expect("metrics");
    let kinds: Vec<MetricKind> = series.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, cyberpanel::METRIC_KINDS);
    for s in &series {
        assert_eq!(s.points.len(), 1, "{:?}", s.kind);
        let value = s.points[0].value;
        match s.unit {
            MetricUnit::Percent => assert!(value > 0.0 && value <= 100.0, "{s:?}"),
            _ => assert!(value > 0.0, "counters grew since boot: {s:?}"),
        }
    }

    // Snapshots: create and list. Restore and rebuild are not in the document.
    assert!(!Capabilities::of(ProviderId::Cyberpanel).supports(Action::Reinstall));
    let snapshots = session
        .cyberpanel(|a| Ok(a.snapshots(id)))
        .await
        .expect("snapshots");
    assert!(snapshots.data.snapshots.is_empty());
    let taken = session
        .cyberpanel(|a| {
            a.create_snapshot(
                id,
                &NewSnapshot {
                    name: "before_cleanup".into(),
                    description: Some("Lifecycle test".into()),
                    include_ram: false,
                },
            )
        })
        .await
        .expect("snapshot");
    assert_eq!(taken.data.vps_id, id);
    assert_eq!(taken.data.snapshot.name, "before_cleanup");
    assert_eq!(
        taken.message.as_deref(),
        Some("Snapshot created successfully")
    );
    let snapshots = session
        .cyberpanel(|a| Ok(a.snapshots(id)))
        .await
        .expect("snapshots");
    let listed: Vec<_> = snapshots
        .data
        .snapshots
        .iter()
        .map(cyberpanel::snapshot)
        .collect();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, "before_cleanup");
    assert_eq!(listed[0].description.as_deref(), Some("Lifecycle test"));
    assert!(listed[0].created.is_some());
    let duplicate = session
        .cyberpanel(|a| {
            a.create_snapshot(
                id,
                &NewSnapshot {
                    name: "before_cleanup".into(),
                    description: None,
                    include_ram: false,
                },
            )
        })
        .await;
    assert!(
        matches!(duplicate, Err(ProviderError::Validation { ref reason, .. }) if reason.contains("already has a snapshot")),
        "a second snapshot of that name: {duplicate:?}"
    );

    // Delete.
    session.delete(&vps_id).await.expect("delete");
    let remaining = session.list_servers().await.expect("list");
    assert_eq!(remaining.len(), before.len());
    assert!(!remaining.iter().any(|s| s.id == vps_id));
    let gone = session.server(&vps_id).await;
    assert!(
        matches!(gone, Err(ProviderError::Conflict { ref message }) if message.contains("deleted")),
        "{gone:?}"
    );
    let again = session.delete(&vps_id).await;
    assert!(
        matches!(again, Err(ProviderError::Conflict { ref message }) if message.contains("already deleted")),
        "{again:?}"
    );

    // Balance and billing lines.
    let balance = session.balance().await.expect("balance").available;
    assert_eq!(balance.currency.code(), "USD");
    assert!(
        balance.minor_units() >= 10_00,
        "auto-funding keeps it above 10.00: {balance}"
    );
    let invoices = session.invoices().await.expect("billing lines");
    let hourly: Vec<_> = invoices
        .iter()
        .filter(|i| i.description.as_deref() == Some("VPS Hourly Charge - my-server.example.com"))
        .collect();
    assert!(hourly.len() >= 3, "three seeded hours: {invoices:?}");
    for line in hourly {
        assert_eq!(line.status, InvoiceStatus::Charged);
        assert_eq!(line.amount.amount.to_string(), "0.0082");
        assert_eq!(line.amount.currency.code(), "USD");
    }
}

#[tokio::test]
async fn lifecycle_in_process() {
    let sandbox = InProcess::new(4);
    let session = in_process_session(&sandbox, FULL_KEY);
    lifecycle(&session).await;
    // Under an hour passed on the virtual clock: nothing was charged yet.
    let balance = session.balance().await.expect("balance").available;
    assert_eq!(balance.amount.to_string(), "150.00");
    let invoices = session.invoices().await.expect("billing lines");
    assert!(invoices.iter().all(|i| !i
        .description
        .as_deref()
        .unwrap_or("")
        .contains("lifecycle-01")));
}

#[tokio::test]
async fn lifecycle_over_loopback() {
    let server = Loopback::start(4).await;
    let session = loopback_session(&server, FULL_KEY).await;
    lifecycle(&session).await;
}

/// A read-only key lists and reads, and is refused every change with the
/// scope it lacks named.
#[tokio::test]
async fn a_key_without_vps_write_is_refused_naming_the_scope() {
    let sandbox = InProcess::new(4);
    let session = in_process_session(&sandbox, READ_ONLY_KEY);
    let who = session.test_connection().await.expect("the key works");
    assert_eq!(
        who.permissions,
        ["vps:read", "account:read", "billing:read"]
    );
    assert_eq!(
        who.balance.map(|b| b.amount.to_string()),
        Some("150.00".to_string())
    );
    let before = session.list_servers().await.expect("vps:read lists");
    assert_eq!(before.len(), 4);
    assert_eq!(
        session
            .balance()
            .await
            .expect("billing:read")
            .available
            .amount
            .to_string(),
        "150.00"
    );

    let mark = session.mark();
    let new_vps = order("refused.example.com", "SecurePass123");
    let refusals = [
        session
            .cyberpanel(|a| a.create_vps(&new_vps))
            .await
            .map(|_| ()),
        session.power("45", PowerAction::Stop).await.map(|_| ()),
        session.delete("45").await,
        session
            .cyberpanel(|a| {
                a.create_snapshot(
                    45,
                    &NewSnapshot {
                        name: "nope".into(),
                        description: None,
                        include_ram: false,
                    },
                )
            })
            .await
            .map(|_| ()),
    ];
    for refused in refusals {
        match refused {
            Err(ProviderError::Permission { needed, message }) => {
                assert_eq!(needed.as_deref(), Some(Scope::VpsWrite.as_str()));
                assert!(message.contains("vps:write"), "{message}");
            }
            other => panic!("expected INSUFFICIENT_SCOPE, got {other:?}"),
        }
    }
    let sent = session.sent_since(mark);
    assert_eq!(sent.len(), 4, "each was asked and refused by the provider");
    assert!(sent.iter().all(|r| r.status == Some(403)), "{sent:?}");

    let after = session.list_servers().await.expect("list");
    assert_eq!(after, before, "nothing changed");
    assert_eq!(
        session.server("45").await.expect("VPS 45").status,
        ServerStatus::Running
    );
}

/// A burst of injected 429s: a single call reports RateLimited with the
/// `Retry-After` seconds; the list waits them out and gets through.
async fn a_burst_of_429s<T: Transport, C: Clock>(session: &Session<T, NoSigner, C>) {
    let mark = session.mark();
    let limited = session.cyberpanel(|a| Ok(a.plans())).await;
    match &limited {
        Err(ProviderError::RateLimited {
            retry_after_secs,
            message,
        }) => {
            assert_eq!(*retry_after_secs, Some(45));
            assert!(message.contains("rate limit"), "{message}");
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
    let headers = session.last_headers().expect("headers of the 429");
    assert_eq!(
        headers.get("retry-after").and_then(|v| v.to_str().ok()),
        Some("45")
    );

    let listed = session
        .list_servers()
        .await
        .expect("the list waits out the second 429");
    assert_eq!(listed.len(), 4);
    let statuses: Vec<Option<u16>> = session.sent_since(mark).iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(429), Some(429), Some(200)]);
}

fn burst() -> sandbox::Faults {
    sandbox::Faults {
        rate_limit_burst: 2,
        retry_after_secs: 45,
        ..Default::default()
    }
}

#[tokio::test]
async fn a_burst_of_429s_in_process() {
    let sandbox = InProcess::new(4);
    let session = in_process_session(&sandbox, FULL_KEY);
    sandbox
        .sandbox
        .borrow_mut()
        .set_faults(sandbox::Provider::Cyberpanel, burst());
    let before = session.clock().now();
    a_burst_of_429s(&session).await;
    assert_eq!(
        session.clock().now() - before,
        45,
        "the list slept Retry-After once (virtual clock)"
    );
}

#[tokio::test]
async fn a_burst_of_429s_over_loopback() {
    let server = Loopback::start(4).await;
    let session = loopback_session(&server, FULL_KEY).await;
    let (status, body) = server
        .raw(
            "PUT",
            "/_sandbox/faults/cyberpanel",
            &serde_json::to_string(&burst()).unwrap(),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    a_burst_of_429s(&session).await;
}

/// The key's own limit (60 a minute): the 61st request in a minute is
/// refused until the minute ends, which `Retry-After` says.
#[tokio::test]
async fn the_per_minute_limit_gives_retry_after_until_the_minute_ends() {
    let sandbox = InProcess::new(2);
    let session = in_process_session(&sandbox, FULL_KEY);
    // START_MS is on a minute boundary and requests take no virtual time.
    for n in 0..60 {
        let plans = session
            .cyberpanel(|a| Ok(a.plans()))
            .await
            .expect("within the limit");
        let limit = plans.rate_limit.expect("rate-limit headers");
        assert_eq!((limit.limit, limit.remaining), (60, 59 - n));
    }
    let refused = session.cyberpanel(|a| Ok(a.plans())).await;
    assert!(
        matches!(
            refused,
            Err(ProviderError::RateLimited {
                retry_after_secs: Some(60),
                ..
            })
        ),
        "{refused:?}"
    );
    session.clock().sleep(Duration::from_secs(60)).await;
    let plans = session
        .cyberpanel(|a| Ok(a.plans()))
        .await
        .expect("a new minute");
    assert_eq!(plans.rate_limit.map(|l| l.remaining), Some(59));
}

/// Bad hostnames, passwords and SSH keys are refused before any request;
/// every OpenSSH key type, security keys included, is accepted.
#[tokio::test]
async fn invalid_orders_are_refused_before_anything_is_sent() {
    let sandbox = InProcess::new(2);
    let session = in_process_session(&sandbox, FULL_KEY);
    let before = session.list_servers().await.expect("list").len();
    let mark = session.mark();
    let refused = |o: CreateVps| {
        let session = &session;
        async move {
            session
                .place_order(&OrderTicket::generate(ProviderId::Cyberpanel), |_| {
                    let o = o.clone();
                    async move { session.cyberpanel(|a| a.create_vps(&o)).await }
                })
                .await
        }
    };
    let long_label = format!("{}.example.com", "a".repeat(64));
    for hostname in [
        "",
        "localhost",
        "my_server.example.com",
        "-web.example.com",
        "web..example.com",
        "web.example.com.",
        "has space.example.com",
        long_label.as_str(),
    ] {
        match refused(order(hostname, "SecurePass123")).await {
            Err(ProviderError::Validation { field, .. }) => assert_eq!(field, "hostname"),
            other => panic!("{hostname:?}: {other:?}"),
        }
    }
    let too_long = format!("Ab1{}", "x".repeat(70));
    for password in ["", "Short1", "onlyletters", "12345678", too_long.as_str()] {
        match refused(order("ok.example.com", password)).await {
            Err(ProviderError::Validation { field, reason }) => {
                assert_eq!(field, "root_password");
                assert!(password.is_empty() || !reason.contains(password));
            }
            other => panic!("{password:?}: {other:?}"),
        }
    }
    let mut bad_key = order("ok.example.com", "SecurePass123");
    bad_key.ssh_key = Some("AAAAC3NzaC1lZDI1NTE5AAAAI me@laptop".into());
    assert!(matches!(
        refused(bad_key).await,
        Err(ProviderError::Validation { ref field, .. }) if field == "ssh_key"
    ));
    let hyphenated = session
        .cyberpanel(|a| {
            a.create_snapshot(
                45,
                &NewSnapshot {
                    name: "pre-upgrade".into(),
                    description: None,
                    include_ram: false,
                },
            )
        })
        .await;
    assert!(matches!(
        hyphenated,
        Err(ProviderError::Validation { ref field, .. }) if field == "name"
    ));
    assert!(
        session.sent_since(mark).is_empty(),
        "nothing was sent: {:?}",
        session.sent_since(mark)
    );

    // Every OpenSSH key type passes the client and the provider.
    for (n, key) in [
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx me@laptop",
        "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ me@laptop",
        "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY me@laptop",
        SECURITY_KEY,
        "sk-ecdsa-sha2-nistp256@openssh.com AAAAInNrLWVjZHNhLXNoYTI me@yubikey",
    ]
    .into_iter()
    .enumerate()
    {
        let mut with_key = order(&format!("key-{n}.example.com"), "SecurePass123");
        with_key.ssh_key = Some(key.into());
        let created = refused(with_key)
            .await
            .unwrap_or_else(|e| panic!("{key}: {e}"));
        assert_eq!(created.data.status, "deploying", "{key}");
    }
    assert_eq!(
        session.list_servers().await.expect("list").len(),
        before + 5
    );

    // A hostname the client lets through but the provider refuses
    // (a numeric top-level domain) still comes back as a hostname error.
    let mark = session.mark();
    let numeric_tld = refused(order("web.example.123", "SecurePass123")).await;
    assert!(
        matches!(numeric_tld, Err(ProviderError::Validation { ref field, .. }) if field == "hostname"),
        "{numeric_tld:?}"
    );
    let sent = session.sent_since(mark);
    assert_eq!(sent.len(), 1, "asked once, not retried");
    assert_eq!(sent[0].status, Some(400));
}
