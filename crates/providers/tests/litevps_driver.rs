//! LiteVPS driver flows over a fake transport (canned responses, recorded
//! requests) and a fake clock: log in then call, reuse and renew the JWT,
//! access tokens, unified operations and following a VPS until it runs.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use futures::executor::block_on;
use providers::driver::{Operation, PollPolicy, Session};
use providers::litevps::{self, NewVps};
use providers::signer::NoSigner;
use providers::{
    Account, ApiRequest, ApiResponse, Clock, Credentials, InvoiceStatus, MetricRange, PowerAction,
    ProgressState, ProviderError, ProviderId, Secret, ServerStatus, Transport, TransportError,
};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::Duration;

const START: u64 = 1_767_600_000;
const VPS: &str = r#"{"id":"v1","name":"web-01","state":"STATE","plan_id":"plan-uuid","template":null,"vcpu":1,"memory_mb":512,"disk_gb":10,"ipv4":"203.0.113.10","ipv6":null,"price_hourly":0.0042,"ssh_key_ids":[],"created_at":"2026-01-05T10:00:00Z","expires_at":null}"#;
const ME: &str = r#"{"id":"u1","email":"agent@example.com","balance":10.5}"#;

#[derive(Default)]
struct FakeTransport {
    responses: RefCell<VecDeque<ApiResponse>>,
    requests: RefCell<Vec<ApiRequest>>,
}

impl FakeTransport {
    fn with(responses: Vec<ApiResponse>) -> Self {
        Self {
            responses: RefCell::new(responses.into()),
            requests: RefCell::default(),
        }
    }

    fn push(&self, response: ApiResponse) {
        self.responses.borrow_mut().push_back(response);
    }

    /// `METHOD path` of every request sent, in order.
    fn sent(&self) -> Vec<String> {
        self.requests
            .borrow()
            .iter()
            .map(|r| format!("{} {}", r.method(), r.uri().path()))
            .collect()
    }

    fn authorization(&self, i: usize) -> Option<String> {
        self.requests.borrow()[i]
            .headers()
            .get("authorization")
            .map(|v| v.to_str().unwrap().to_string())
    }
}

impl Transport for FakeTransport {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        self.requests.borrow_mut().push(request);
        self.responses
            .borrow_mut()
            .pop_front()
            .ok_or_else(|| TransportError::failed("no canned response left"))
    }
}

struct FakeClock(Cell<u64>);

impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.0.get()
    }

    async fn sleep(&self, duration: Duration) {
        self.0.set(self.0.get() + duration.as_secs());
    }
}

fn respond(status: u16, body: &str) -> ApiResponse {
    let mut r = http::Response::new(body.as_bytes().to_vec());
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
    r.headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    r.headers_mut()
        .insert("x-balance-remaining", "10.5000".parse().unwrap());
    r
}

fn ok(body: &str) -> ApiResponse {
    respond(200, body)
}

fn vps(state: &str) -> ApiResponse {
    ok(&VPS.replace("STATE", state))
}

fn jwt(n: u32, exp: u64) -> String {
    let payload = format!(r#"{{"sub":"u1","email":"agent@example.com","exp":{exp},"n":{n}}}"#);
    format!(
        "eyJhbGciOiJIUzI1NiJ9.{}.c2ln",
        URL_SAFE_NO_PAD.encode(payload)
    )
}

fn login_ok(token: &str) -> ApiResponse {
    ok(&format!(r#"{{"token":"{token}"}}"#))
}

fn unauthorized() -> ApiResponse {
    respond(401, r#"{"error":"unauthorized"}"#)
}

fn account(credentials: Credentials) -> Account {
    Account {
        id: "a1".into(),
        provider: ProviderId::Litevps,
        label: "test".into(),
        credentials,
        base_url: None,
        pin: None,
    }
}

fn login_account() -> Account {
    account(Credentials::Login {
        user: "agent@example.com".into(),
        password: Secret::new("s3cr3t"),
    })
}

fn session<'a>(
    account: Account,
    t: &'a FakeTransport,
    c: &'a FakeClock,
) -> Session<&'a FakeTransport, NoSigner, &'a FakeClock> {
    Session::new(account, t, NoSigner, c).with_policy(PollPolicy {
        interval: Duration::from_secs(5),
        max_wait_secs: 60,
        order_attempts: 2,
    })
}

fn clock() -> FakeClock {
    FakeClock(Cell::new(START))
}

// --- auth flows ---

#[test]
fn logs_in_then_calls() {
    let token = jwt(1, START + 86_400);
    let t = FakeTransport::with(vec![login_ok(&token), ok(ME)]);
    let c = clock();
    let info = block_on(session(login_account(), &t, &c).test_connection()).unwrap();
    assert_eq!(t.sent(), vec!["POST /api/auth/login", "GET /api/me"]);
    let login_body: serde_json::Value =
        serde_json::from_slice(t.requests.borrow()[0].body()).unwrap();
    assert_eq!(
        login_body,
        serde_json::json!({"email":"agent@example.com","password":"s3cr3t"})
    );
    assert_eq!(t.authorization(0), None);
    assert_eq!(t.authorization(1), Some(format!("Bearer {token}")));
    assert_eq!(info.identity, "agent@example.com");
    assert_eq!(info.balance.unwrap().amount.to_string(), "10.5000");
    assert!(info
        .details
        .contains(&("user id".to_string(), "u1".to_string())));
    assert!(
        info.details.contains(&(
            "session expires".to_string(),
            "2026-01-06T08:00:00Z".to_string()
        )),
        "{:?}",
        info.details
    );
}

#[test]
fn the_jwt_is_reused_until_it_expires() {
    let first = jwt(1, START + 86_400);
    let t = FakeTransport::with(vec![login_ok(&first), ok(ME), ok(ME)]);
    let c = clock();
    let s = session(login_account(), &t, &c);
    block_on(s.balance()).unwrap();
    c.0.set(START + 3_600);
    block_on(s.balance()).unwrap();
    assert_eq!(
        t.sent(),
        vec!["POST /api/auth/login", "GET /api/me", "GET /api/me"]
    );
    assert_eq!(t.authorization(2), Some(format!("Bearer {first}")));
}

#[test]
fn an_expired_jwt_is_renewed_before_calling() {
    let (first, second) = (jwt(1, START + 86_400), jwt(2, START + 2 * 86_400));
    let t = FakeTransport::with(vec![login_ok(&first), ok(ME), login_ok(&second), ok(ME)]);
    let c = clock();
    let s = session(login_account(), &t, &c);
    block_on(s.balance()).unwrap();
    // Within the 30 s margin before `exp` the token counts as expired.
    c.0.set(START + 86_400 - 10);
    block_on(s.balance()).unwrap();
    assert_eq!(
        t.sent(),
        vec![
            "POST /api/auth/login",
            "GET /api/me",
            "POST /api/auth/login",
            "GET /api/me"
        ]
    );
    assert_eq!(t.authorization(3), Some(format!("Bearer {second}")));
}

#[test]
fn a_refused_cached_jwt_is_renewed_once_and_the_call_retried() {
    let (first, second) = (jwt(1, START + 86_400), jwt(2, START + 86_400));
    let t = FakeTransport::with(vec![
        login_ok(&first),
        ok(ME),
        unauthorized(),
        login_ok(&second),
        ok(ME),
    ]);
    let c = clock();
    let s = session(login_account(), &t, &c);
    block_on(s.balance()).unwrap();
    let balance = block_on(s.balance()).unwrap();
    assert_eq!(balance.available.amount.to_string(), "10.5000");
    assert_eq!(
        t.sent(),
        vec![
            "POST /api/auth/login",
            "GET /api/me",
            "GET /api/me",
            "POST /api/auth/login",
            "GET /api/me"
        ]
    );
    assert_eq!(t.authorization(2), Some(format!("Bearer {first}")));
    assert_eq!(t.authorization(4), Some(format!("Bearer {second}")));
}

#[test]
fn a_refused_fresh_jwt_is_not_renewed_again() {
    let t = FakeTransport::with(vec![login_ok(&jwt(1, START + 86_400)), unauthorized()]);
    let c = clock();
    let err = block_on(session(login_account(), &t, &c).balance()).unwrap_err();
    assert_eq!(
        err,
        ProviderError::Auth {
            message: "unauthorized".into(),
            credential: litevps::TOKEN_CREDENTIAL.into()
        }
    );
    assert_eq!(t.sent(), vec!["POST /api/auth/login", "GET /api/me"]);
}

#[test]
fn a_second_refusal_after_renewing_is_returned() {
    let t = FakeTransport::with(vec![
        login_ok(&jwt(1, START + 86_400)),
        ok(ME),
        unauthorized(),
        login_ok(&jwt(2, START + 86_400)),
        unauthorized(),
    ]);
    let c = clock();
    let s = session(login_account(), &t, &c);
    block_on(s.balance()).unwrap();
    assert!(matches!(
        block_on(s.balance()),
        Err(ProviderError::Auth { .. })
    ));
    assert_eq!(t.sent().len(), 5, "one renewal only: {:?}", t.sent());
}

#[test]
fn a_wrong_password_is_not_retried() {
    let t = FakeTransport::with(vec![respond(
        401,
        r#"{"error":"invalid email or password"}"#,
    )]);
    let c = clock();
    let err = block_on(session(login_account(), &t, &c).list_servers()).unwrap_err();
    assert_eq!(
        err,
        ProviderError::Auth {
            message: "invalid email or password".into(),
            credential: litevps::LOGIN_CREDENTIAL.into()
        }
    );
    assert_eq!(t.sent(), vec!["POST /api/auth/login"]);
}

#[test]
fn a_renewal_that_fails_is_returned() {
    let t = FakeTransport::with(vec![
        login_ok(&jwt(1, START + 86_400)),
        ok(ME),
        unauthorized(),
        respond(401, r#"{"error":"invalid email or password"}"#),
    ]);
    let c = clock();
    let s = session(login_account(), &t, &c);
    block_on(s.balance()).unwrap();
    let err = block_on(s.balance()).unwrap_err();
    assert!(
        matches!(err, ProviderError::Auth { ref credential, .. } if credential == litevps::LOGIN_CREDENTIAL),
        "{err:?}"
    );
    assert_eq!(t.sent().len(), 4);
}

#[test]
fn a_rate_limited_login_is_not_retried() {
    let mut limited = respond(429, r#"{"error":"rate limit exceeded"}"#);
    limited
        .headers_mut()
        .insert("retry-after", "60".parse().unwrap());
    let t = FakeTransport::with(vec![limited]);
    let c = clock();
    let err = block_on(session(login_account(), &t, &c).balance()).unwrap_err();
    assert_eq!(
        err,
        ProviderError::RateLimited {
            retry_after_secs: Some(60),
            message: "rate limit exceeded".into()
        }
    );
    assert_eq!(t.sent().len(), 1);
}

#[test]
fn an_access_token_is_used_as_is() {
    let t = FakeTransport::with(vec![ok(ME)]);
    let c = clock();
    let s = session(
        account(Credentials::Token {
            token: Secret::new("vtk_abc123"),
        }),
        &t,
        &c,
    );
    let info = block_on(s.test_connection()).unwrap();
    assert_eq!(t.sent(), vec!["GET /api/me"]);
    assert_eq!(t.authorization(0).as_deref(), Some("Bearer vtk_abc123"));
    assert!(info
        .details
        .contains(&("credential".to_string(), "access token (vtk_…)".to_string())));
}

#[test]
fn a_refused_access_token_is_an_auth_error_without_login() {
    let t = FakeTransport::with(vec![unauthorized()]);
    let c = clock();
    let s = session(
        account(Credentials::Token {
            token: Secret::new("vtk_revoked"),
        }),
        &t,
        &c,
    );
    assert!(matches!(
        block_on(s.list_servers()),
        Err(ProviderError::Auth { .. })
    ));
    assert_eq!(t.sent(), vec!["GET /api/vps"]);
}

#[test]
fn an_api_key_credential_is_taken_as_an_access_token() {
    let t = FakeTransport::with(vec![ok("[]")]);
    let c = clock();
    let s = session(
        account(Credentials::ApiKey {
            key: Secret::new("vtk_abc123"),
        }),
        &t,
        &c,
    );
    assert!(block_on(s.list_servers()).unwrap().is_empty());
    assert_eq!(t.authorization(0).as_deref(), Some("Bearer vtk_abc123"));
}

#[test]
fn a_pasted_jwt_is_used_until_its_expiry() {
    let token = jwt(1, START + 100);
    let t = FakeTransport::with(vec![ok(ME)]);
    let c = clock();
    let s = session(
        account(Credentials::Token {
            token: Secret::new(token.clone()),
        }),
        &t,
        &c,
    );
    block_on(s.balance()).unwrap();
    assert_eq!(t.authorization(0), Some(format!("Bearer {token}")));
    c.0.set(START + 100);
    let err = block_on(s.balance()).unwrap_err();
    assert!(
        matches!(err, ProviderError::Auth { ref message, .. } if message.contains("expired")),
        "{err:?}"
    );
    assert_eq!(t.sent().len(), 1, "nothing sent with an expired JWT");
}

#[test]
fn nostr_credentials_are_refused() {
    let t = FakeTransport::default();
    let c = clock();
    let s = session(account(Credentials::Nostr { public_key: None }), &t, &c);
    assert!(
        matches!(block_on(s.list_servers()), Err(ProviderError::Validation { ref field, .. }) if field == "credentials")
    );
    assert!(t.sent().is_empty());
}

#[test]
fn bad_input_fails_before_logging_in() {
    let t = FakeTransport::default();
    let c = clock();
    let s = session(login_account(), &t, &c);
    let err =
        block_on(s.litevps(|a| a.create_vps(&NewVps::from_plan("bad_name", "p")))).unwrap_err();
    assert!(matches!(err, ProviderError::Validation { ref field, .. } if field == "name"));
    assert!(t.sent().is_empty());
}

#[test]
fn typed_calls_run_through_the_session() {
    let t = FakeTransport::with(vec![
        login_ok(&jwt(1, START + 86_400)),
        ok(r#"{"stdout":"up 1 day","stderr":"","exit_code":0,"duration_ms":9}"#),
    ]);
    let c = clock();
    let s = session(login_account(), &t, &c);
    let out = block_on(s.litevps(|a| a.exec("v1", &litevps::Exec::new("uptime")))).unwrap();
    assert_eq!((out.stdout.as_str(), out.exit_code), ("up 1 day", Some(0)));
    assert_eq!(t.sent()[1], "POST /api/vps/v1/exec");
}

#[test]
fn the_balance_header_is_read_from_the_last_response() {
    let t = FakeTransport::with(vec![ok("[]")]);
    let c = clock();
    let s = session(
        account(Credentials::Token {
            token: Secret::new("vtk_abc123"),
        }),
        &t,
        &c,
    );
    block_on(s.list_servers()).unwrap();
    let balance = litevps::balance_from_headers(&s.last_headers().unwrap()).unwrap();
    assert_eq!(balance.amount.to_string(), "10.5000");
    assert_eq!(balance.currency.code(), "USD");
}

#[test]
fn payment_required_comes_through_the_session() {
    let t = FakeTransport::with(vec![respond(
        402,
        r#"{"error":"insufficient balance","balance":0.0420,"required":0.1667}"#,
    )]);
    let c = clock();
    let s = session(
        account(Credentials::Token {
            token: Secret::new("vtk_abc123"),
        }),
        &t,
        &c,
    );
    let err = block_on(s.power("v1", PowerAction::Start)).unwrap_err();
    let ProviderError::PaymentRequired {
        balance, required, ..
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!(balance.unwrap().amount.to_string(), "0.0420");
    assert_eq!(required.unwrap().amount.to_string(), "0.1667");
}

// --- unified operations ---

fn token_session<'a>(
    t: &'a FakeTransport,
    c: &'a FakeClock,
) -> Session<&'a FakeTransport, NoSigner, &'a FakeClock> {
    session(
        account(Credentials::Token {
            token: Secret::new("vtk_abc123"),
        }),
        t,
        c,
    )
}

#[test]
fn list_servers_and_one_server() {
    let t = FakeTransport::with(vec![
        ok(&format!("[{}]", VPS.replace("STATE", "running"))),
        vps("stopped"),
    ]);
    let c = clock();
    let s = token_session(&t, &c);
    let list = block_on(s.list_servers()).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].id.as_str(), list[0].status, list[0].provider),
        ("v1", ServerStatus::Running, ProviderId::Litevps)
    );
    assert_eq!(
        list[0].monthly_cost.as_ref().unwrap().amount.to_string(),
        "3.0660"
    );
    let one = block_on(s.server("v1")).unwrap();
    assert_eq!(one.status, ServerStatus::Stopped);
    assert_eq!(t.sent(), vec!["GET /api/vps", "GET /api/vps/v1"]);
}

#[test]
fn power_and_wait_polls_until_stopped() {
    let t = FakeTransport::with(vec![vps("stopped"), vps("running"), vps("stopped")]);
    let c = clock();
    let s = token_session(&t, &c);
    let mut seen = Vec::new();
    let server =
        block_on(s.power_and_wait("v1", PowerAction::Stop, |s| seen.push(s.status))).unwrap();
    assert_eq!(server.status, ServerStatus::Stopped);
    assert_eq!(seen, vec![ServerStatus::Running, ServerStatus::Stopped]);
    assert_eq!(
        t.sent(),
        vec![
            "POST /api/vps/v1/stop",
            "GET /api/vps/v1",
            "GET /api/vps/v1"
        ]
    );
    assert_eq!(c.now(), START + 5);
}

#[test]
fn power_returns_no_operation() {
    for (action, path) in [
        (PowerAction::Start, "POST /api/vps/v1/start"),
        (PowerAction::Restart, "POST /api/vps/v1/restart"),
    ] {
        let t = FakeTransport::with(vec![vps("running")]);
        let c = clock();
        assert_eq!(
            block_on(token_session(&t, &c).power("v1", action)).unwrap(),
            None
        );
        assert_eq!(t.sent(), vec![path]);
    }
}

#[test]
fn delete_a_server() {
    let t = FakeTransport::with(vec![
        ok(r#"{"id":"v1","deleted":true}"#),
        ok(r#"{"id":"v2","deleted":false}"#),
    ]);
    let c = clock();
    let s = token_session(&t, &c);
    block_on(s.delete("v1")).unwrap();
    assert!(matches!(
        block_on(s.delete("v2")),
        Err(ProviderError::Conflict { .. })
    ));
    assert_eq!(t.sent(), vec!["DELETE /api/vps/v1", "DELETE /api/vps/v2"]);
}

#[test]
fn balance_from_me() {
    let t = FakeTransport::with(vec![ok(ME)]);
    let c = clock();
    let balance = block_on(token_session(&t, &c).balance()).unwrap();
    assert_eq!(balance.available.amount.to_string(), "10.5000");
    assert_eq!(balance.raw["email"], "agent@example.com");
}

#[test]
fn invoices_are_transactions_newest_first() {
    let t = FakeTransport::with(vec![ok(
        r#"{"transactions":[{"id":"t1","type":"topup","amount":10,"balance_after":10,"description":"top-up","created_at":"2026-01-05T09:00:00Z"},{"id":"t2","type":"charge","amount":-0.0042,"balance_after":9.9958,"description":"web-01","created_at":"2026-01-05T10:00:00Z"}],"total":2,"limit":20,"offset":0}"#,
    )]);
    let c = clock();
    let invoices = block_on(token_session(&t, &c).invoices()).unwrap();
    assert_eq!(
        t.requests.borrow()[0].uri().query(),
        Some("limit=20&offset=0")
    );
    let summary: Vec<(&str, InvoiceStatus, String)> = invoices
        .iter()
        .map(|i| (i.id.as_str(), i.status, i.amount.amount.to_string()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("t2", InvoiceStatus::Charged, "0.0042".to_string()),
            ("t1", InvoiceStatus::Paid, "10.0000".to_string())
        ]
    );
}

#[test]
fn follow_creation_until_running() {
    let t = FakeTransport::with(vec![vps("creating"), vps("creating"), vps("running")]);
    let c = clock();
    let s = token_session(&t, &c);
    let op = Operation::Litevps {
        vps_id: "v1".into(),
    };
    let mut states = Vec::new();
    let done = block_on(s.follow(&op, |p| states.push(p.state))).unwrap();
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(done.server_id.as_deref(), Some("v1"));
    assert_eq!(
        states,
        vec![
            ProgressState::InProgress,
            ProgressState::InProgress,
            ProgressState::Done
        ]
    );
    assert_eq!(c.now(), START + 10);
    assert_eq!(t.sent(), vec!["GET /api/vps/v1"; 3]);
}

#[test]
fn follow_creation_that_fails() {
    let t = FakeTransport::with(vec![vps("creating"), vps("error")]);
    let c = clock();
    let done = block_on(token_session(&t, &c).follow(
        &Operation::Litevps {
            vps_id: "v1".into(),
        },
        |_| {},
    ))
    .unwrap();
    assert_eq!(done.state, ProgressState::Failed);
    assert!(done.message.unwrap().contains("web-01"));
}

#[test]
fn follow_gives_up_after_the_policy_limit() {
    let t = FakeTransport::default();
    for _ in 0..20 {
        t.push(vps("creating"));
    }
    let c = clock();
    let err = block_on(token_session(&t, &c).follow(
        &Operation::Litevps {
            vps_id: "v1".into(),
        },
        |_| {},
    ))
    .unwrap_err();
    assert!(
        matches!(
            err,
            ProviderError::Transport {
                timed_out: true,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn follow_waits_out_a_rate_limit() {
    let mut limited = respond(429, r#"{"error":"rate limit exceeded"}"#);
    limited
        .headers_mut()
        .insert("retry-after", "7".parse().unwrap());
    let t = FakeTransport::with(vec![limited, vps("running")]);
    let c = clock();
    let done = block_on(token_session(&t, &c).follow(
        &Operation::Litevps {
            vps_id: "v1".into(),
        },
        |_| {},
    ))
    .unwrap();
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(c.now(), START + 7);
}

#[test]
fn unsupported_actions_send_nothing() {
    let t = FakeTransport::default();
    let c = clock();
    let err = block_on(token_session(&t, &c).metrics("v1", MetricRange::Day)).unwrap_err();
    assert!(matches!(err, ProviderError::Unsupported { .. }));
    assert!(t.sent().is_empty());
}

#[test]
fn a_lost_connection_is_a_transport_error() {
    let t = FakeTransport::default();
    let c = clock();
    let err = block_on(token_session(&t, &c).list_servers()).unwrap_err();
    assert!(matches!(
        err,
        ProviderError::Transport {
            timed_out: false,
            ..
        }
    ));
}
