//! CyberPanel driver flows over a fake transport (canned answers, recorded
//! requests) and a fake clock (sleeping advances it).

mod common;

use common::{ok, response};
use futures::executor::block_on;
use providers::cyberpanel::{self, CreateVps, RateLimit};
use providers::driver::{Operation, Session};
use providers::{
    Account, ApiRequest, ApiResponse, Clock, Credentials, InvoiceStatus, KeySigner, MetricKind,
    MetricRange, MetricUnit, PowerAction, ProgressState, ProviderError, ProviderId, Secret,
    ServerStatus, Transport, TransportError,
};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::time::Duration;

const KEY: &str = "cyp_live_3ac1ca2feabcdd86f2dc01c4a574e4a34b9d995a28723cae0f1a2b3c4d5e6f70";
const START: u64 = 1_767_625_200;

#[derive(Default)]
struct FakeTransport {
    answers: RefCell<VecDeque<ApiResponse>>,
    sent: RefCell<Vec<ApiRequest>>,
}

impl FakeTransport {
    fn with(answers: Vec<ApiResponse>) -> Self {
        Self {
            answers: RefCell::new(answers.into()),
            sent: RefCell::default(),
        }
    }

    /// `METHOD path?query` of every request sent, in order.
    fn log(&self) -> Vec<String> {
        self.sent
            .borrow()
            .iter()
            .map(|r| match r.uri().query() {
                Some(q) => format!("{} {}?{q}", r.method(), r.uri().path()),
                None => format!("{} {}", r.method(), r.uri().path()),
            })
            .collect()
    }
}

impl Transport for FakeTransport {
    fn send(
        &self,
        request: ApiRequest,
    ) -> impl Future<Output = Result<ApiResponse, TransportError>> {
        self.sent.borrow_mut().push(request);
        let answer = self
            .answers
            .borrow_mut()
            .pop_front()
            .ok_or_else(|| TransportError::failed("no canned answer left"));
        async move { answer }
    }
}

struct FakeClock {
    now: Cell<u64>,
    slept: RefCell<Vec<u64>>,
}

impl FakeClock {
    fn new() -> Self {
        Self {
            now: Cell::new(START),
            slept: RefCell::default(),
        }
    }
}

impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.now.get()
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        self.now.set(self.now.get() + duration.as_secs());
        self.slept.borrow_mut().push(duration.as_secs());
        async {}
    }
}

fn account(credentials: Credentials) -> Account {
    Account {
        id: "cp-1".into(),
        provider: ProviderId::Cyberpanel,
        label: "prod".into(),
        credentials,
        base_url: Some("http://127.0.0.1:8080/cyberpanel".into()),
        pin: None,
    }
}

fn session<'a>(
    t: &'a FakeTransport,
    c: &'a FakeClock,
) -> Session<&'a FakeTransport, KeySigner, &'a FakeClock> {
    Session::new(
        account(Credentials::ApiKey {
            key: Secret::new(KEY),
        }),
        t,
        KeySigner::generate(),
        c,
    )
}

fn data(json: &str) -> ApiResponse {
    ok(&format!(r#"{{"success":true,"data":{json}}}"#))
}

fn test_answer(scopes: &str) -> ApiResponse {
    data(&format!(
        r#"{{"message":"API authentication successful!","key_name":"My Production Key","key_prefix":"cyp_live_3ac","user_email":"user@example.com","scopes":{scopes},"ip_address":"203.0.113.50","request_count":142}}"#
    ))
}

const ACCOUNT: &str = r#"{"id":123,"email":"user@example.com","full_name":"John Doe","balance":"150.00","status":"active","two_factor_enabled":true,"vps_ordering_enabled":true,"registration_date":"2024-01-15T10:30:00Z"}"#;
const BILLING: &str = r#"{"balance":"42.50","auto_funding":{"enabled":false,"threshold":"10.00","amount":"50.00"},"recent_invoices":[{"id":456,"description":"VPS Hourly Charge - my-server.example.com","amount":"-0.0082","type":"debit","date":"2026-01-05T12:00:00Z"},{"id":455,"description":"Funds added","amount":"50.00","type":"credit","date":"2026-01-04T09:00:00Z"}]}"#;

fn denied() -> ApiResponse {
    response(
        403,
        r#"{"success":false,"error":"Insufficient scope","error_code":"INSUFFICIENT_SCOPE","message":"API key lacks required permissions"}"#,
        &[],
    )
}

fn instance(id: u64, status: &str) -> String {
    format!(
        r#"{{"id":{id},"vmid":{},"name":"vps{id}.example.com","status":"{status}","ip_address":"74.81.40.{id}","is_suspended":false,"created_at":"2026-01-05T10:00:00Z"}}"#,
        200 + id
    )
}

fn page(ids: &[u64], total: u64, offset: u64, has_more: bool) -> ApiResponse {
    let instances: Vec<String> = ids.iter().map(|id| instance(*id, "running")).collect();
    data(&format!(
        r#"{{"instances":[{}],"pagination":{{"total":{total},"limit":100,"offset":{offset},"has_more":{has_more}}}}}"#,
        instances.join(",")
    ))
}

fn detail(status: &str) -> ApiResponse {
    data(&format!(
        r#"{{"id":45,"vmid":281,"name":"my-server.example.com","status":"{status}","ip_address":"74.81.40.145","is_suspended":false,"created_at":"2026-01-05T10:00:00Z","updated_at":"2026-01-05T14:30:00Z","plan":{{"id":1,"name":"Starter","cpu_cores":1,"ram_mb":1024,"disk_gb":25,"bandwidth_gb":1000,"price":"6.00"}},"location":{{"code":"la","name":"Los Angeles, USA"}},"server":{{"hostname":"lax-power.cyberpersons.com"}},"billing":{{"hourly_rate":"0.0082","billing_start":"2026-01-05T10:00:00Z","last_billed":"2026-01-05T14:00:00Z"}}}}"#
    ))
}

fn deployment(percent: u8, task: &str, ready: bool) -> ApiResponse {
    let status = if ready { "completed" } else { "in_progress" };
    let task = if ready {
        "null".to_string()
    } else {
        format!("{task:?}")
    };
    data(&format!(
        r#"{{"vps_id":46,"deployment_status":"{status}","vps_status":"deploying","current_task":{task},"progress_percent":{percent},"tasks":[],"tasks_completed":0,"tasks_total":10,"started_at":"2026-01-05T15:00:00Z","is_ready":{ready}}}"#
    ))
}

#[test]
fn test_connection_with_account_read_shows_the_balance() {
    let t = FakeTransport::with(vec![
        test_answer(r#"["vps:read","account:read"]"#),
        data(ACCOUNT),
    ]);
    let c = FakeClock::new();
    let info = block_on(session(&t, &c).test_connection()).unwrap();
    assert_eq!(info.identity, "user@example.com (key “My Production Key”)");
    assert_eq!(info.permissions, vec!["vps:read", "account:read"]);
    assert_eq!(info.balance.unwrap().to_string(), "150.00 USD");
    assert!(info
        .details
        .contains(&("requests made".to_string(), "142".to_string())));
    assert!(info
        .details
        .contains(&("key prefix".to_string(), "cyp_live_3ac…".to_string())));
    assert_eq!(
        t.log(),
        vec![
            "GET /cyberpanel/api/v1/test",
            "GET /cyberpanel/api/v1/account"
        ]
    );
    assert_eq!(
        t.sent.borrow()[0].headers()["authorization"],
        format!("Bearer {KEY}").as_str()
    );
}

#[test]
fn test_connection_without_account_read_skips_the_balance() {
    let t = FakeTransport::with(vec![test_answer(r#"["vps:read","vps:write"]"#)]);
    let c = FakeClock::new();
    let info = block_on(session(&t, &c).test_connection()).unwrap();
    assert_eq!(info.balance, None);
    assert_eq!(info.permissions, vec!["vps:read", "vps:write"]);
    assert_eq!(t.log(), vec!["GET /cyberpanel/api/v1/test"]);
}

#[test]
fn test_connection_with_all_scope_reads_the_balance() {
    let t = FakeTransport::with(vec![test_answer(r#"["all"]"#), data(ACCOUNT)]);
    let c = FakeClock::new();
    let info = block_on(session(&t, &c).test_connection()).unwrap();
    assert_eq!(info.balance.unwrap().minor_units(), 15_000);
}

#[test]
fn test_connection_skips_a_refused_balance_but_reports_other_failures() {
    let t = FakeTransport::with(vec![test_answer(r#"["account:read"]"#), denied()]);
    let c = FakeClock::new();
    assert_eq!(
        block_on(session(&t, &c).test_connection()).unwrap().balance,
        None
    );

    let t = FakeTransport::with(vec![
        test_answer(r#"["account:read"]"#),
        response(
            500,
            r#"{"success":false,"error_code":"NODE_NOT_FOUND","message":"x"}"#,
            &[],
        ),
    ]);
    assert!(matches!(
        block_on(session(&t, &c).test_connection()),
        Err(ProviderError::Provider { status: 500, .. })
    ));
}

#[test]
fn a_rejected_key_is_an_auth_error() {
    let t = FakeTransport::with(vec![response(
        401,
        r#"{"success":false,"error":"Unauthorized","error_code":"INACTIVE_API_KEY","message":"API key has been deactivated"}"#,
        &[],
    )]);
    let c = FakeClock::new();
    let err = block_on(session(&t, &c).test_connection()).unwrap_err();
    assert!(
        matches!(err, ProviderError::Auth { ref message, .. } if message.contains("deactivated")),
        "{err:?}"
    );
}

#[test]
fn a_malformed_key_or_other_credentials_send_nothing() {
    let t = FakeTransport::default();
    let c = FakeClock::new();
    let bad = Session::new(
        account(Credentials::ApiKey {
            key: Secret::new("cyp_live_nothex"),
        }),
        &t,
        KeySigner::generate(),
        &c,
    );
    assert!(
        matches!(block_on(bad.list_servers()), Err(ProviderError::Validation { ref field, .. }) if field == "api_key")
    );
    let login = Session::new(
        account(Credentials::Login {
            user: "u".into(),
            password: Secret::new("p"),
        }),
        &t,
        KeySigner::generate(),
        &c,
    );
    assert!(
        matches!(block_on(login.test_connection()), Err(ProviderError::Validation { ref field, .. }) if field == "credentials")
    );
    assert!(t.log().is_empty());
}

#[test]
fn list_servers_walks_every_page() {
    let t = FakeTransport::with(vec![page(&[1, 2], 3, 0, true), page(&[3], 3, 2, false)]);
    let c = FakeClock::new();
    let servers = block_on(session(&t, &c).list_servers()).unwrap();
    let ids: Vec<&str> = servers.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, vec!["1", "2", "3"]);
    assert!(servers
        .iter()
        .all(|s| s.status == ServerStatus::Running && s.provider == ProviderId::Cyberpanel));
    assert_eq!(servers[2].ips, vec!["74.81.40.3"]);
    assert_eq!(
        t.log(),
        vec![
            "GET /cyberpanel/api/v1/vps?limit=100&offset=0",
            "GET /cyberpanel/api/v1/vps?limit=100&offset=2"
        ]
    );
}

#[test]
fn list_servers_stops_on_an_empty_page_or_past_the_total() {
    let t = FakeTransport::with(vec![page(&[1], 5, 0, true), page(&[], 5, 1, true)]);
    let c = FakeClock::new();
    assert_eq!(block_on(session(&t, &c).list_servers()).unwrap().len(), 1);
    assert_eq!(t.log().len(), 2);

    let t = FakeTransport::with(vec![page(&[1, 2], 2, 0, true)]);
    assert_eq!(block_on(session(&t, &c).list_servers()).unwrap().len(), 2);
    assert_eq!(t.log().len(), 1);
}

#[test]
fn list_servers_gives_up_on_a_list_that_never_ends() {
    let endless = || {
        data(&format!(
            r#"{{"instances":[{}],"pagination":{{"has_more":true}}}}"#,
            instance(1, "running")
        ))
    };
    let t = FakeTransport::with((0..1_001).map(|_| endless()).collect());
    let c = FakeClock::new();
    let err = block_on(session(&t, &c).list_servers()).unwrap_err();
    assert!(
        matches!(err, ProviderError::UnexpectedBody { ref reason, .. } if reason.contains("1000 pages")),
        "{err:?}"
    );
    assert_eq!(t.log().len(), 1_000);
    assert_eq!(
        t.log()[999],
        "GET /cyberpanel/api/v1/vps?limit=100&offset=999"
    );
}

#[test]
fn list_servers_waits_out_a_429_and_retries_the_page() {
    let limited = response(
        429,
        r#"{"success":false,"error":"Rate limit exceeded","error_code":"RATE_LIMIT_EXCEEDED","message":"You have exceeded the per minute rate limit. Please retry after 45 seconds."}"#,
        &[("Retry-After", "45")],
    );
    let t = FakeTransport::with(vec![limited, page(&[1], 1, 0, false)]);
    let c = FakeClock::new();
    assert_eq!(block_on(session(&t, &c).list_servers()).unwrap().len(), 1);
    assert_eq!(*c.slept.borrow(), vec![45]);
    assert_eq!(t.log().len(), 2);
}

#[test]
fn list_servers_gives_up_after_repeated_429s() {
    let limited = || {
        response(
            429,
            r#"{"success":false,"error_code":"RATE_LIMIT_EXCEEDED","message":"Slow down"}"#,
            &[("Retry-After", "5")],
        )
    };
    let t = FakeTransport::with(vec![limited(), limited(), limited()]);
    let c = FakeClock::new();
    assert!(matches!(
        block_on(session(&t, &c).list_servers()),
        Err(ProviderError::RateLimited {
            retry_after_secs: Some(5),
            ..
        })
    ));
    assert_eq!(t.log().len(), 3);
}

#[test]
fn list_servers_waits_for_the_window_when_no_request_is_left() {
    let reset = (START + 30).to_string();
    let mut first = page(&[1], 2, 0, true);
    for (k, v) in [
        ("x-ratelimit-limit", "60"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", reset.as_str()),
    ] {
        first.headers_mut().insert(k, v.parse().unwrap());
    }
    let t = FakeTransport::with(vec![first, page(&[2], 2, 1, false)]);
    let c = FakeClock::new();
    assert_eq!(block_on(session(&t, &c).list_servers()).unwrap().len(), 2);
    assert_eq!(*c.slept.borrow(), vec![30]);
}

#[test]
fn last_headers_give_the_rate_limit() {
    let mut answer = detail("running");
    for (k, v) in [
        ("x-ratelimit-limit", "60"),
        ("x-ratelimit-remaining", "58"),
        ("x-ratelimit-reset", "1704067200"),
    ] {
        answer.headers_mut().insert(k, v.parse().unwrap());
    }
    let t = FakeTransport::with(vec![answer]);
    let c = FakeClock::new();
    let s = session(&t, &c);
    block_on(s.server("45")).unwrap();
    let rl = RateLimit::from_headers(&s.last_headers().unwrap()).unwrap();
    assert_eq!((rl.limit, rl.remaining), (60, 58));
}

#[test]
fn one_server_reads_the_detail() {
    let t = FakeTransport::with(vec![detail("running")]);
    let c = FakeClock::new();
    let server = block_on(session(&t, &c).server("45")).unwrap();
    assert_eq!(
        (
            server.id.as_str(),
            server.plan.as_deref(),
            server.region.as_deref()
        ),
        ("45", Some("Starter"), Some("Los Angeles, USA"))
    );
    assert_eq!(server.monthly_cost.unwrap().to_string(), "6.00 USD");
    assert_eq!(t.log(), vec!["GET /cyberpanel/api/v1/vps/45"]);
}

#[test]
fn a_non_numeric_id_is_refused_before_sending() {
    let t = FakeTransport::default();
    let c = FakeClock::new();
    let s = session(&t, &c);
    assert!(
        matches!(block_on(s.server("abc")), Err(ProviderError::Validation { ref field, .. }) if field == "id")
    );
    assert!(
        matches!(block_on(s.delete("")), Err(ProviderError::Validation { ref field, .. }) if field == "id")
    );
    assert!(t.log().is_empty());
}

#[test]
fn power_posts_the_action() {
    let t = FakeTransport::with(vec![data(
        r#"{"id":45,"vmid":281,"name":"my-server.example.com","status":"stopped","ip_address":"74.81.40.145"}"#,
    )]);
    let c = FakeClock::new();
    assert_eq!(
        block_on(session(&t, &c).power("45", PowerAction::Stop)).unwrap(),
        None
    );
    assert_eq!(t.log(), vec!["POST /cyberpanel/api/v1/vps/45/stop"]);
    assert!(t.sent.borrow()[0].body().is_empty());
    assert!(t.sent.borrow()[0].headers().get("content-type").is_none());
}

#[test]
fn power_and_wait_follows_the_server_until_running() {
    let t = FakeTransport::with(vec![
        data(
            r#"{"id":45,"vmid":281,"name":"my-server.example.com","status":"running","ip_address":"74.81.40.145"}"#,
        ),
        detail("starting"),
        detail("running"),
    ]);
    let c = FakeClock::new();
    let mut seen = Vec::new();
    let server =
        block_on(session(&t, &c).power_and_wait("45", PowerAction::Start, |s| seen.push(s.status)))
            .unwrap();
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(
        seen,
        vec![ServerStatus::Transitioning, ServerStatus::Running]
    );
    assert_eq!(*c.slept.borrow(), vec![10]);
}

#[test]
fn power_on_a_suspended_vps_says_why() {
    let t = FakeTransport::with(vec![response(
        403,
        r#"{"success":false,"error":"VPS suspended","error_code":"VPS_SUSPENDED","message":"VPS is suspended: abuse report"}"#,
        &[],
    )]);
    let c = FakeClock::new();
    let err = block_on(session(&t, &c).power("45", PowerAction::Start)).unwrap_err();
    assert!(
        matches!(err, ProviderError::Permission { ref message, .. } if message.contains("abuse report")),
        "{err:?}"
    );
}

#[test]
fn delete_posts_and_checks_the_confirmation() {
    let t = FakeTransport::with(vec![data(
        r#"{"deleted":true,"vps_id":45,"name":"my-server.example.com","vmid":281}"#,
    )]);
    let c = FakeClock::new();
    block_on(session(&t, &c).delete("45")).unwrap();
    assert_eq!(t.log(), vec!["POST /cyberpanel/api/v1/vps/45/delete"]);

    let t = FakeTransport::with(vec![ok(
        r#"{"success":true,"data":{"deleted":false,"vps_id":45},"message":"Deletion queued"}"#,
    )]);
    assert_eq!(
        block_on(session(&t, &c).delete("45")),
        Err(ProviderError::Provider {
            status: 200,
            message: "Deletion queued".into()
        })
    );

    let t = FakeTransport::with(vec![response(
        400,
        r#"{"success":false,"error":"Deleted","error_code":"VPS_ALREADY_DELETED","message":"Attempted to delete already-deleted VPS"}"#,
        &[],
    )]);
    assert!(matches!(
        block_on(session(&t, &c).delete("45")),
        Err(ProviderError::Conflict { .. })
    ));
}

#[test]
fn metrics_give_one_point_at_the_clocks_time() {
    let status = r#"{"vps_id":45,"vmid":281,"name":"my-server.example.com","status":"running","qmpstatus":"running","cpu":{"usage_percent":2.5,"cores":1},"memory":{"used_bytes":536870912,"total_bytes":1073741824,"usage_percent":50.0},"disk":{"read_bytes":1234567890,"write_bytes":987654321},"network":{"in_bytes":5678901234,"out_bytes":1234567890},"uptime_seconds":86400,"pid":12345}"#;
    let t = FakeTransport::with(vec![data(status), data(status)]);
    let c = FakeClock::new();
    let s = session(&t, &c);
    let pick = |all: &[providers::MetricSeries], kind| {
        all.iter().find(|m| m.kind == kind).cloned().unwrap()
    };
    let first = block_on(s.metrics("45", MetricRange::Hour)).unwrap();
    assert_eq!(
        first.len(),
        6,
        "one series per kind from a single status call"
    );
    let cpu = pick(&first, MetricKind::Cpu);
    assert_eq!(
        (
            cpu.unit,
            cpu.points.len(),
            cpu.points[0].value,
            cpu.points[0].time.unix()
        ),
        (MetricUnit::Percent, 1, 2.5, START as i64)
    );
    c.now.set(START + 60);
    let net = pick(
        &block_on(s.metrics("45", MetricRange::Day)).unwrap(),
        MetricKind::NetIn,
    );
    assert_eq!(
        (net.unit, net.points[0].value, net.points[0].time.unix()),
        (MetricUnit::Bytes, 5678901234.0, (START + 60) as i64)
    );
    assert_eq!(t.log(), vec!["GET /cyberpanel/api/v1/vps/45/status"; 2]);
}

#[test]
fn balance_reads_billing() {
    let t = FakeTransport::with(vec![data(BILLING)]);
    let c = FakeClock::new();
    let balance = block_on(session(&t, &c).balance()).unwrap();
    assert_eq!(balance.available.to_string(), "42.50 USD");
    assert_eq!(balance.raw["auto_funding"]["amount"], "50.00");
    assert_eq!(t.log(), vec!["GET /cyberpanel/api/v1/billing"]);
}

#[test]
fn balance_falls_back_to_account_without_billing_read() {
    let t = FakeTransport::with(vec![denied(), data(ACCOUNT)]);
    let c = FakeClock::new();
    let balance = block_on(session(&t, &c).balance()).unwrap();
    assert_eq!(balance.available.to_string(), "150.00 USD");
    assert_eq!(
        t.log(),
        vec![
            "GET /cyberpanel/api/v1/billing",
            "GET /cyberpanel/api/v1/account"
        ]
    );

    let t = FakeTransport::with(vec![denied(), denied()]);
    let err = block_on(session(&t, &c).balance()).unwrap_err();
    assert!(
        matches!(err, ProviderError::Permission { needed: Some(ref n), .. } if n == "account:read"),
        "{err:?}"
    );
}

#[test]
fn invoices_are_the_recent_billing_lines() {
    let t = FakeTransport::with(vec![data(BILLING)]);
    let c = FakeClock::new();
    let invoices = block_on(session(&t, &c).invoices()).unwrap();
    assert_eq!(invoices.len(), 2);
    assert_eq!(
        (
            invoices[0].id.as_str(),
            invoices[0].status,
            invoices[0].amount.to_string()
        ),
        ("456", InvoiceStatus::Charged, "0.0082 USD".to_string())
    );
    assert_eq!(
        (invoices[1].status, invoices[1].amount.to_string()),
        (InvoiceStatus::Paid, "50.00 USD".to_string())
    );
}

#[test]
fn follow_polls_the_deployment_until_ready() {
    let t = FakeTransport::with(vec![
        deployment(30, "create_vm", false),
        deployment(70, "configure_network", false),
        deployment(100, "", true),
    ]);
    let c = FakeClock::new();
    let mut stages = Vec::new();
    let operation = Operation::Cyberpanel {
        vps_id: "46".into(),
    };
    let done =
        block_on(session(&t, &c).follow(&operation, |p| stages.push((p.percent, p.stage.clone()))))
            .unwrap();
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(
        stages,
        vec![
            (Some(30), "create_vm".to_string()),
            (Some(70), "configure_network".to_string()),
            (Some(100), "completed".to_string())
        ]
    );
    assert_eq!(*c.slept.borrow(), vec![10, 10]);
    assert_eq!(t.log(), vec!["GET /cyberpanel/api/v1/vps/46/deployment"; 3]);
}

#[test]
fn follow_reports_a_failed_deployment() {
    let failed = data(
        r#"{"vps_id":46,"deployment_status":"failed","vps_status":"error","current_task":"create_vm","progress_percent":30,"is_ready":false}"#,
    );
    let t = FakeTransport::with(vec![failed]);
    let c = FakeClock::new();
    let done = block_on(session(&t, &c).follow(
        &Operation::Cyberpanel {
            vps_id: "46".into(),
        },
        |_| {},
    ))
    .unwrap();
    assert_eq!(
        (done.state, done.stage.as_str()),
        (ProgressState::Failed, "create_vm")
    );
}

#[test]
fn order_then_follow_through_the_typed_entry_point() {
    let created = ok(
        r#"{"success":true,"data":{"vps_id":46,"name":"my-server.example.com","status":"deploying","ip_address":"74.81.40.146","plan":{"id":1,"name":"Starter","price":"6.00"},"location":"la","template":"9000","deployment_url":"/api/v1/vps/46/deployment","estimated_time_seconds":180,"webhook_configured":false},"message":"VPS deployment started. Use the deployment endpoint to check progress."}"#,
    );
    let t = FakeTransport::with(vec![created, deployment(100, "", true)]);
    let c = FakeClock::new();
    let s = session(&t, &c);
    let order = CreateVps {
        hostname: "my-server.example.com".into(),
        plan_id: 1,
        location_code: "la".into(),
        template_id: "9000".into(),
        root_password: Secret::new("SecurePass123"),
        ssh_key: None,
        webhook_url: None,
        webhook_secret: None,
    };
    let reply = block_on(s.cyberpanel(|api| api.create_vps(&order))).unwrap();
    let operation = Operation::Cyberpanel {
        vps_id: reply.data.vps_id.to_string(),
    };
    let done = block_on(s.follow(&operation, |_| {})).unwrap();
    assert_eq!(
        (done.state, done.server_id.as_deref()),
        (ProgressState::Done, Some("46"))
    );
    assert_eq!(
        t.log(),
        vec![
            "POST /cyberpanel/api/v1/vps/create",
            "GET /cyberpanel/api/v1/vps/46/deployment"
        ]
    );
    assert_eq!(
        t.sent.borrow()[0].headers()["content-type"],
        "application/json"
    );
}

#[test]
fn an_invalid_order_is_refused_before_sending() {
    let t = FakeTransport::default();
    let c = FakeClock::new();
    let s = session(&t, &c);
    let order = CreateVps {
        hostname: "my-server.example.com".into(),
        plan_id: 1,
        location_code: "la".into(),
        template_id: "9000".into(),
        root_password: Secret::new("short1"),
        ssh_key: None,
        webhook_url: None,
        webhook_secret: None,
    };
    let err = block_on(s.cyberpanel(|api| api.create_vps(&order))).unwrap_err();
    assert!(matches!(err, ProviderError::Validation { ref field, .. } if field == "root_password"));
    assert!(t.log().is_empty());
}

#[test]
fn typed_calls_reach_provider_only_endpoints() {
    let t = FakeTransport::with(vec![data(
        r#"{"vps_id":45,"console_url":"https://lax-power.cyberpersons.com:8006/?console=kvm&novnc=1&vmid=281&node=lax-power","type":"novnc","expires_in_seconds":300}"#,
    )]);
    let c = FakeClock::new();
    let console = block_on(session(&t, &c).cyberpanel(|api| Ok(api.console(45)))).unwrap();
    assert_eq!(console.data.expires_in_seconds, Some(300));
    assert_eq!(t.log(), vec!["GET /cyberpanel/api/v1/vps/45/console"]);
    assert_eq!(cyberpanel::CURRENCY, "USD");
}
