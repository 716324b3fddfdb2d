//! LNVPS flows through the session, over a scripted transport and a virtual
//! clock: test connection, servers, power, metrics, invoices, ordering and
//! following an order from invoice to a running VM.

mod lnvps_fakes;

use futures::executor::block_on;
use lnvps_fakes::{event_of, session, tag, FakeClock, FakeTransport};
use providers::driver::{Operation, OrderTicket};
use providers::lnvps::{NewVm, Renewal};
use providers::{
    Account, ApiResponse, Credentials, InvoiceStatus, KeySigner, MetricKind, MetricRange,
    MetricUnit, PowerAction, ProgressState, ProviderError, ProviderId, Secret, ServerStatus,
    TransportError,
};

const NOW: u64 = 1_787_392_800; // 2026-08-22T10:00:00Z

fn answer(status: u16, body: &str) -> ApiResponse {
    let mut r = http::Response::new(body.as_bytes().to_vec());
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
    r
}

fn ok(body: &str) -> ApiResponse {
    answer(200, body)
}

fn vm(id: u64, state: &str, expires: &str) -> String {
    format!(
        r#"{{"id":{id},"created":"2026-08-01T10:00:00Z","expires":{expires},
            "template":{{"id":1,"name":"Tiny","cpu":1,"memory":1073741824,"disk_size":42949672960,
                        "cost_plan":{{"currency":"EUR","amount":300,"interval_amount":1,"interval_type":"month"}},"region":{{"name":"Dublin"}}}},
            "ip_assignments":[{{"ip":"203.0.113.{id}/24"}}],"status":{{"state":"{state}"}}}}"#
    )
}

fn one(json: String) -> ApiResponse {
    ok(&format!(r#"{{"data":{json}}}"#))
}

const PAID_UNTIL: &str = r#""2026-09-01T10:00:00Z""#;

fn payment(id: &str, created: &str, is_paid: bool) -> String {
    format!(
        r#"{{"id":"{id}","vm_id":1,"created":"{created}","expires":"2026-08-22T10:10:00Z","amount":3400000,"tax":0,"processing_fee":0,
            "currency":"BTC","is_paid":{is_paid},"data":{{"lightning":"lnbc34u1p..."}},"time":2592000,"is_upgrade":false,"is_refund":false}}"#
    )
}

#[test]
fn test_connection_names_the_npub_and_email() {
    let transport = FakeTransport::new(vec![ok(
        r#"{"data":{"email":"user@example.com","email_verified":true,"account_type":"nostr","contact_nip17":false,"contact_email":true}}"#,
    )]);
    let clock = FakeClock::at(NOW);
    let signer = KeySigner::generate();
    let npub = signer.npub();
    let s = session(&transport, &clock, signer);
    let info = block_on(s.test_connection()).unwrap();
    assert_eq!(info.identity, npub);
    assert!(info.identity.starts_with("npub1"));
    assert_eq!(
        info.details[0],
        ("email".to_string(), "user@example.com".to_string())
    );
    assert_eq!(
        info.details[1],
        ("email verified".to_string(), "yes".to_string())
    );
    assert_eq!(info.balance, None);
    assert_eq!(transport.sent(), vec!["GET /api/v1/account"]);
    event_of(&transport.request(0)).verify().unwrap();
}

#[test]
fn test_connection_warns_about_an_unverified_email() {
    let transport = FakeTransport::new(vec![ok(
        r#"{"data":{"email":"user@example.com","email_verified":false,"contact_nip17":false,"contact_email":true}}"#,
    )]);
    let clock = FakeClock::at(NOW);
    let info =
        block_on(session(&transport, &clock, KeySigner::generate()).test_connection()).unwrap();
    assert!(
        info.details[1].1.starts_with("no: confirm"),
        "{:?}",
        info.details
    );
}

#[test]
fn test_connection_reports_a_refused_signature() {
    let transport = FakeTransport::new(vec![answer(
        401,
        "Auth check failed: Created timestamp is out of range",
    )]);
    let clock = FakeClock::at(NOW);
    let e =
        block_on(session(&transport, &clock, KeySigner::generate()).test_connection()).unwrap_err();
    assert_eq!(
        e,
        ProviderError::Auth {
            message: "Created timestamp is out of range".into(),
            credential: "Nostr signer (NIP-98)".into()
        }
    );
}

#[test]
fn list_servers() {
    let transport = FakeTransport::new(vec![ok(&format!(
        r#"{{"data":[{},{}]}}"#,
        vm(1, "running", PAID_UNTIL),
        vm(2, "unknown", "null")
    ))]);
    let clock = FakeClock::at(NOW);
    let servers =
        block_on(session(&transport, &clock, KeySigner::generate()).list_servers()).unwrap();
    assert_eq!(servers.len(), 2);
    assert_eq!(
        (
            servers[0].id.as_str(),
            servers[0].status,
            servers[0].provider
        ),
        ("1", ServerStatus::Running, ProviderId::Lnvps)
    );
    assert_eq!(servers[0].ips, vec!["203.0.113.1/24"]);
    assert_eq!(servers[0].region.as_deref(), Some("Dublin"));
    assert_eq!(servers[1].status, ServerStatus::PendingPayment);
    assert_eq!(transport.sent(), vec!["GET /api/v1/vm"]);
}

#[test]
fn one_server_and_a_bad_id() {
    let transport = FakeTransport::new(vec![one(vm(7, "stopped", PAID_UNTIL))]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    let server = block_on(s.server("7")).unwrap();
    assert_eq!(
        (server.id.as_str(), server.status),
        ("7", ServerStatus::Stopped)
    );
    let e = block_on(s.server("vm-7")).unwrap_err();
    assert!(
        matches!(e, ProviderError::Validation { ref field, .. } if field == "id"),
        "{e:?}"
    );
    assert_eq!(
        transport.sent(),
        vec!["GET /api/v1/vm/7"],
        "nothing sent for a bad id"
    );
}

#[test]
fn power_is_a_signed_patch() {
    let transport = FakeTransport::new(vec![ok(r#"{"data":null}"#)]);
    let clock = FakeClock::at(NOW);
    let op = block_on(
        session(&transport, &clock, KeySigner::generate()).power("7", PowerAction::Restart),
    )
    .unwrap();
    assert_eq!(op, None);
    assert_eq!(transport.sent(), vec!["PATCH /api/v1/vm/7/restart"]);
    assert_eq!(
        tag(&event_of(&transport.request(0)), "method").as_deref(),
        Some("PATCH")
    );
}

#[test]
fn power_and_wait_polls_until_the_state_is_reached() {
    let transport = FakeTransport::new(vec![
        ok(r#"{"data":null}"#),
        one(vm(7, "stopped", PAID_UNTIL)),
        one(vm(7, "stopped", PAID_UNTIL)),
        one(vm(7, "running", PAID_UNTIL)),
    ]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    let mut seen = Vec::new();
    let server =
        block_on(s.power_and_wait("7", PowerAction::Start, |s| seen.push(s.status))).unwrap();
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(
        seen,
        vec![
            ServerStatus::Stopped,
            ServerStatus::Stopped,
            ServerStatus::Running
        ]
    );
    assert_eq!(clock.now.get(), NOW + 4, "two 2-second waits");
    let ids: std::collections::HashSet<_> = transport
        .requests
        .borrow()
        .iter()
        .map(|r| event_of(r).id)
        .collect();
    assert_eq!(ids.len(), 4, "a fresh event per poll");
}

#[test]
fn metrics_for_the_last_hour() {
    let transport = FakeTransport::new(vec![ok(
        r#"{"data":[{"timestamp":1754042400,"cpu":0.25,"memory":5.0e8,"memory_size":1.0e9,"net_in":10,"net_out":20,"disk_write":30,"disk_read":40}]}"#,
    )]);
    let clock = FakeClock::at(NOW);
    let all = block_on(
        session(&transport, &clock, KeySigner::generate()).metrics("7", MetricRange::Hour),
    )
    .unwrap();
    assert_eq!(all.len(), 6, "every kind from one time-series call");
    let pick = |kind| all.iter().find(|m| m.kind == kind).unwrap();
    let cpu = pick(MetricKind::Cpu);
    assert_eq!((cpu.unit, cpu.points[0].value), (MetricUnit::Percent, 25.0));
    let disk = pick(MetricKind::DiskRead);
    assert_eq!(
        (disk.unit, disk.points[0].value),
        (MetricUnit::BytesPerSecond, 40.0)
    );
    assert_eq!(transport.sent(), vec!["GET /api/v1/vm/7/time-series"]);
}

#[test]
fn longer_metric_ranges_are_unsupported() {
    let transport = FakeTransport::new(vec![]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    for range in [MetricRange::Day, MetricRange::Week, MetricRange::Month] {
        match block_on(s.metrics("7", range)) {
            Err(ProviderError::Unsupported { reason }) => {
                assert!(
                    reason.contains("last hour") && reason.contains(range.as_str()),
                    "{reason}"
                )
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(transport.sent().is_empty());
}

#[test]
fn invoices_from_every_vm_newest_first() {
    let transport = FakeTransport::new(vec![
        ok(&format!(
            r#"{{"data":[{},{}]}}"#,
            vm(1, "running", PAID_UNTIL),
            vm(2, "running", PAID_UNTIL)
        )),
        ok(&format!(
            r#"{{"data":[{}]}}"#,
            payment("old", "2026-07-01T10:00:00Z", true)
        )),
        ok(&format!(
            r#"{{"data":[{}],"total":1,"limit":20,"offset":0}}"#,
            payment("new", "2026-08-22T10:00:00Z", false)
        )),
    ]);
    let clock = FakeClock::at(NOW + 3600);
    let invoices = block_on(session(&transport, &clock, KeySigner::generate()).invoices()).unwrap();
    assert_eq!(
        transport.sent(),
        vec![
            "GET /api/v1/vm",
            "GET /api/v1/vm/1/payments",
            "GET /api/v1/vm/2/payments"
        ]
    );
    let ids: Vec<&str> = invoices.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, vec!["new", "old"]);
    assert_eq!(
        invoices[0].status,
        InvoiceStatus::Expired,
        "an unpaid invoice past its 10 minutes"
    );
    assert_eq!(invoices[1].status, InvoiceStatus::Paid);
    assert_eq!(invoices[0].amount.to_string(), "3400 sat");
}

#[test]
fn progress_while_the_invoice_is_unpaid_reads_only_the_payment() {
    let transport = FakeTransport::new(vec![one(payment("9f2c", "2026-08-22T10:00:00Z", false))]);
    let clock = FakeClock::at(NOW);
    let op = Operation::Lnvps {
        vm_id: "1".into(),
        payment_id: Some("9f2c".into()),
    };
    let p = block_on(session(&transport, &clock, KeySigner::generate()).progress(&op)).unwrap();
    assert_eq!(p.state, ProgressState::AwaitingPayment);
    assert_eq!(p.server_id.as_deref(), Some("1"));
    assert_eq!(transport.sent(), vec!["GET /api/v1/payment/9f2c"]);
}

#[test]
fn progress_once_paid_follows_the_vm() {
    let transport = FakeTransport::new(vec![
        one(payment("9f2c", "2026-08-22T10:00:00Z", true)),
        one(vm(1, "creating", PAID_UNTIL)),
        one(payment("9f2c", "2026-08-22T10:00:00Z", true)),
        one(vm(1, "running", PAID_UNTIL)),
    ]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    let op = Operation::Lnvps {
        vm_id: "1".into(),
        payment_id: Some("9f2c".into()),
    };
    assert_eq!(
        block_on(s.progress(&op)).unwrap().state,
        ProgressState::InProgress
    );
    let done = block_on(s.progress(&op)).unwrap();
    assert_eq!((done.state, done.percent), (ProgressState::Done, Some(100)));
    assert_eq!(
        transport.sent(),
        vec![
            "GET /api/v1/payment/9f2c",
            "GET /api/v1/vm/1",
            "GET /api/v1/payment/9f2c",
            "GET /api/v1/vm/1"
        ]
    );
}

#[test]
fn progress_without_a_payment_reads_the_vm() {
    let transport = FakeTransport::new(vec![
        one(vm(1, "unknown", "null")),
        one(vm(1, "running", PAID_UNTIL)),
    ]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    let op = Operation::Lnvps {
        vm_id: "1".into(),
        payment_id: None,
    };
    assert_eq!(
        block_on(s.progress(&op)).unwrap().state,
        ProgressState::AwaitingPayment
    );
    assert_eq!(
        block_on(s.progress(&op)).unwrap().state,
        ProgressState::Done
    );
}

#[test]
fn follow_an_order_from_invoice_to_running() {
    let transport = FakeTransport::new(vec![
        one(payment("9f2c", "2026-08-22T10:00:00Z", false)),
        answer(429, "Rate limit exceeded"),
        one(payment("9f2c", "2026-08-22T10:00:00Z", false)),
        one(payment("9f2c", "2026-08-22T10:00:00Z", true)),
        one(vm(1, "unknown", PAID_UNTIL)),
        one(payment("9f2c", "2026-08-22T10:00:00Z", true)),
        one(vm(1, "running", PAID_UNTIL)),
    ]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    let op = Operation::Lnvps {
        vm_id: "1".into(),
        payment_id: Some("9f2c".into()),
    };
    let mut states = Vec::new();
    let done = block_on(s.follow(&op, |p| states.push(p.state))).unwrap();
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(
        states,
        vec![
            ProgressState::AwaitingPayment,
            ProgressState::AwaitingPayment,
            ProgressState::InProgress,
            ProgressState::Done
        ]
    );
    assert!(clock.now.get() > NOW);
}

#[test]
fn an_invoice_that_expires_unpaid_fails_the_order_instead_of_waiting() {
    // The invoice expires at 10:10:00; it is still waited for a minute past
    // that (a payment settling at the deadline, clock skew), then the order fails.
    let transport = FakeTransport::new(vec![
        one(payment("9f2c", "2026-08-22T10:00:00Z", false)),
        one(payment("9f2c", "2026-08-22T10:00:00Z", false)),
    ]);
    let clock = FakeClock::at(NOW + 600 + 58);
    let s = session(&transport, &clock, KeySigner::generate());
    let op = Operation::Lnvps {
        vm_id: "1".into(),
        payment_id: Some("9f2c".into()),
    };
    let mut states = Vec::new();
    let done = block_on(s.follow(&op, |p| states.push(p.state))).unwrap();
    assert_eq!(
        states,
        vec![ProgressState::AwaitingPayment, ProgressState::Failed]
    );
    assert_eq!(done.state, ProgressState::Failed);
    assert_eq!(done.stage, "invoice expired");
    assert_eq!(done.server_id.as_deref(), Some("1"));
    let message = done.message.unwrap();
    assert!(
        message.contains("expired unpaid at 2026-08-22T10:10:00Z"),
        "{message}"
    );
    assert_eq!(
        transport.sent(),
        vec!["GET /api/v1/payment/9f2c", "GET /api/v1/payment/9f2c"]
    );
}

#[test]
fn a_failed_vm_fails_the_order() {
    let transport = FakeTransport::new(vec![
        one(payment("9f2c", "2026-08-22T10:00:00Z", true)),
        one(vm(1, "error", PAID_UNTIL)),
    ]);
    let clock = FakeClock::at(NOW);
    let op = Operation::Lnvps {
        vm_id: "1".into(),
        payment_id: Some("9f2c".into()),
    };
    let done =
        block_on(session(&transport, &clock, KeySigner::generate()).follow(&op, |_| {})).unwrap();
    assert_eq!(done.state, ProgressState::Failed);
}

#[test]
fn order_creates_the_vm_and_its_first_invoice() {
    let transport = FakeTransport::new(vec![
        one(vm(9, "unknown", r#""2026-08-01T10:00:00Z""#)),
        one(payment("abcd", "2026-08-22T10:00:00Z", false)),
    ]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    let order = NewVm {
        template_id: 1,
        image_id: 5,
        ssh_key_id: 7,
        ref_code: None,
    };
    let placed = block_on(s.lnvps_order(
        &OrderTicket::generate(ProviderId::Lnvps),
        &order,
        &Renewal::lightning(),
    ))
    .unwrap();
    assert_eq!(
        transport.sent(),
        vec!["POST /api/v1/vm", "GET /api/v1/vm/9/renew?method=lightning"]
    );
    assert_eq!(placed.vm.id, 9);
    assert!(placed.vm.is_unpaid_order());
    assert_eq!(placed.payment.bolt11(), Some("lnbc34u1p..."));
    assert_eq!(
        placed.operation,
        Operation::Lnvps {
            vm_id: "9".into(),
            payment_id: Some("abcd".into())
        }
    );
    let body: serde_json::Value = serde_json::from_slice(transport.request(0).body()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"template_id":1,"image_id":5,"ssh_key_id":7})
    );
}

#[test]
fn an_order_is_retried_only_when_it_never_left() {
    let transport = FakeTransport::new(vec![
        one(vm(9, "unknown", "null")),
        one(payment("abcd", "2026-08-22T10:00:00Z", false)),
    ]);
    transport.push_failure(TransportError::failed("connection refused"));
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    let order = NewVm {
        template_id: 1,
        image_id: 5,
        ssh_key_id: 7,
        ref_code: None,
    };
    let ticket = OrderTicket::generate(ProviderId::Lnvps);
    block_on(s.lnvps_order(&ticket, &order, &Renewal::lightning())).unwrap();
    assert_eq!(
        transport.sent(),
        vec![
            "POST /api/v1/vm",
            "POST /api/v1/vm",
            "GET /api/v1/vm/9/renew?method=lightning"
        ]
    );
    assert_ne!(
        event_of(&transport.request(0)).id,
        event_of(&transport.request(1)).id,
        "a retry is signed afresh"
    );

    let transport = FakeTransport::new(vec![]);
    transport.push_failure(TransportError::timeout("no answer"));
    let s = session(&transport, &clock, KeySigner::generate());
    let e = block_on(s.lnvps_order(&ticket, &order, &Renewal::lightning())).unwrap_err();
    assert!(matches!(
        e,
        ProviderError::Transport {
            timed_out: true,
            ..
        }
    ));
    assert_eq!(
        transport.sent(),
        vec!["POST /api/v1/vm"],
        "a timed-out order may have arrived: not resent"
    );
}

#[test]
fn an_order_needs_a_verified_email() {
    let transport = FakeTransport::new(vec![answer(
        403,
        r#"{"error":"Email verification is required before creating a VM"}"#,
    )]);
    let clock = FakeClock::at(NOW);
    let s = session(&transport, &clock, KeySigner::generate());
    let order = NewVm {
        template_id: 1,
        image_id: 5,
        ssh_key_id: 7,
        ref_code: None,
    };
    let e = block_on(s.lnvps_order(
        &OrderTicket::generate(ProviderId::Lnvps),
        &order,
        &Renewal::lightning(),
    ))
    .unwrap_err();
    assert!(
        matches!(e, ProviderError::Permission { needed: Some(ref n), .. } if n == "a verified email address"),
        "{e:?}"
    );
    let bad = Renewal {
        intervals: Some(0),
        ..Renewal::lightning()
    };
    assert!(
        block_on(s.lnvps_order(&OrderTicket::generate(ProviderId::Lnvps), &order, &bad)).is_err()
    );
    assert_eq!(
        transport.sent().len(),
        1,
        "an invalid renewal sends nothing"
    );
}

#[test]
fn delete_is_not_offered() {
    let transport = FakeTransport::new(vec![]);
    let clock = FakeClock::at(NOW);
    let e = block_on(session(&transport, &clock, KeySigner::generate()).delete("1")).unwrap_err();
    assert!(
        matches!(e, ProviderError::Unsupported { ref reason } if reason.contains("unpaid order is removed")),
        "{e:?}"
    );
    assert!(transport.sent().is_empty());
}

#[test]
fn an_api_key_account_is_refused() {
    let transport = FakeTransport::new(vec![]);
    let clock = FakeClock::at(NOW);
    let account = Account {
        credentials: Credentials::ApiKey {
            key: Secret::new("k"),
        },
        ..lnvps_fakes::account(None)
    };
    let s = providers::driver::Session::new(account, &transport, KeySigner::generate(), &clock);
    let e = block_on(s.list_servers()).unwrap_err();
    assert!(
        matches!(e, ProviderError::Validation { ref field, .. } if field == "credentials"),
        "{e:?}"
    );
}

#[test]
fn a_wrong_operation_is_refused() {
    let transport = FakeTransport::new(vec![]);
    let clock = FakeClock::at(NOW);
    let op = Operation::Lnvps {
        vm_id: "x".into(),
        payment_id: None,
    };
    let e = block_on(session(&transport, &clock, KeySigner::generate()).progress(&op)).unwrap_err();
    assert!(matches!(e, ProviderError::Validation { ref field, .. } if field == "id"));
}
