//! The HOSTKEY driver flows over a fake transport and a fake clock: log in
//! then call, reuse and renew the session token, log in again on `-2`, read a
//! server with its power state, follow async keys.

use super::billing::{BILLING_DATA, CLIENT, INVOICES};
use super::common::ok;
use super::servers::SHOW;
use futures::executor::block_on;
use providers::driver::{Operation, PollPolicy, Session};
use providers::hostkey::{self, ServerFilter};
use providers::{
    Account, ApiRequest, ApiResponse, Clock, Credentials, InvoiceStatus, KeySigner, PowerAction,
    ProgressState, ProviderError, ProviderId, Secret, ServerStatus, Transport, TransportError,
};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::time::Duration;

/// Answers with canned responses in order and records every request.
#[derive(Default)]
struct FakeTransport {
    responses: RefCell<VecDeque<ApiResponse>>,
    requests: RefCell<Vec<ApiRequest>>,
}

impl FakeTransport {
    fn with(bodies: &[&str]) -> Self {
        let t = Self::default();
        for body in bodies {
            t.responses.borrow_mut().push_back(ok(body));
        }
        t
    }

    fn push(&self, body: &str) {
        self.responses.borrow_mut().push_back(ok(body));
    }

    /// `(path, action, token)` of every request sent.
    fn sent(&self) -> Vec<(String, String, Option<String>)> {
        self.requests
            .borrow()
            .iter()
            .map(|r| {
                let fields: Vec<(String, String)> = form_urlencoded::parse(r.body())
                    .into_owned()
                    .chain(
                        form_urlencoded::parse(r.uri().query().unwrap_or("").as_bytes())
                            .into_owned(),
                    )
                    .collect();
                let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                (
                    r.uri().path().to_string(),
                    get("action").unwrap_or_default(),
                    get("token"),
                )
            })
            .collect()
    }
}

impl Transport for FakeTransport {
    fn send(
        &self,
        request: ApiRequest,
    ) -> impl Future<Output = Result<ApiResponse, TransportError>> {
        self.requests.borrow_mut().push(request);
        let next = self.responses.borrow_mut().pop_front();
        std::future::ready(next.ok_or_else(|| TransportError::failed("no canned response left")))
    }
}

/// Virtual time: `sleep` moves the clock forward at once.
struct FakeClock {
    now: Cell<u64>,
}

impl FakeClock {
    fn at(now: u64) -> Self {
        Self {
            now: Cell::new(now),
        }
    }
}

impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.now.get()
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        self.now.set(self.now.get() + duration.as_secs());
        std::future::ready(())
    }
}

const NOW: u64 = 1_700_000_000;

fn account(credentials: Credentials, pin: Option<&str>) -> Account {
    Account {
        id: "hk".into(),
        provider: ProviderId::Hostkey,
        label: "HOSTKEY".into(),
        credentials,
        base_url: None,
        pin: pin.map(Secret::new),
    }
}

fn key_account() -> Account {
    account(
        Credentials::ApiKey {
            key: Secret::new("d9815703f6f41d3f-5d52f141ff7ac755"),
        },
        Some("1907"),
    )
}

fn session<'a>(
    account: Account,
    t: &'a FakeTransport,
    c: &'a FakeClock,
) -> Session<&'a FakeTransport, KeySigner, &'a FakeClock> {
    Session::new(account, t, KeySigner::generate(), c)
}

fn login(token: &str, expires: u64) -> String {
    format!(
        r#"{{"result":{{"token":"{token}","role":"Customer billing","role_type":"Customer","whmcs_id":3172,"whmcs_location":"whmcs_com","servers":[34533,32645,17405],"customer_id":38157,"permissions":["eq/list","eq/show"],"token_expire":{expires},"new":1}}}}"#
    )
}

const LIST: &str = r#"{"servers":[34533],"result":"OK"}"#;
const EXPIRED: &str = r#"{"result":-2,"error":"auth: invalid token #13"}"#;

#[test]
fn logs_in_then_calls_with_the_token_and_reuses_it() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        LIST,
        LIST,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let ids = block_on(s.hostkey(|a| a.list(&ServerFilter::default()))).unwrap();
    assert_eq!(ids, vec!["34533"]);
    block_on(s.hostkey(|a| a.list(&ServerFilter::default()))).unwrap();
    let sent = t.sent();
    assert_eq!(sent.len(), 3, "one login for two calls");
    assert_eq!(
        (sent[0].0.as_str(), sent[0].1.as_str(), sent[0].2.as_deref()),
        ("/auth.php", "login", None)
    );
    assert_eq!(
        super::field(&t.requests.borrow()[0], "key").as_deref(),
        Some("d9815703f6f41d3f-5d52f141ff7ac755")
    );
    assert_eq!(
        sent[1].2.as_deref(),
        Some("aaaa1111aaaa1111aaaa1111aaaa1111")
    );
    assert_eq!(
        sent[2].2.as_deref(),
        Some("aaaa1111aaaa1111aaaa1111aaaa1111")
    );
}

#[test]
fn logs_in_again_when_the_token_is_about_to_expire() {
    let t = FakeTransport::with(&[&login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 100), LIST]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    block_on(s.hostkey(|a| a.list(&ServerFilter::default()))).unwrap();
    c.now.set(NOW + 75);
    t.push(&login("bbbb2222bbbb2222bbbb2222bbbb2222", NOW + 7200));
    t.push(LIST);
    block_on(s.hostkey(|a| a.list(&ServerFilter::default()))).unwrap();
    let sent = t.sent();
    assert_eq!(
        sent.iter().filter(|r| r.1 == "login").count(),
        2,
        "expiring within 30 s means a new login"
    );
    assert_eq!(
        sent[3].2.as_deref(),
        Some("bbbb2222bbbb2222bbbb2222bbbb2222")
    );
}

#[test]
fn a_minus_two_answer_logs_in_once_more_and_retries() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        EXPIRED,
        &login("bbbb2222bbbb2222bbbb2222bbbb2222", NOW + 7200),
        LIST,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    assert_eq!(
        block_on(s.hostkey(|a| a.list(&ServerFilter::default()))).unwrap(),
        vec!["34533"]
    );
    let actions: Vec<String> = t.sent().into_iter().map(|r| r.1).collect();
    assert_eq!(actions, ["login", "list", "login", "list"]);
    assert_eq!(
        t.sent()[3].2.as_deref(),
        Some("bbbb2222bbbb2222bbbb2222bbbb2222")
    );
}

#[test]
fn a_second_minus_two_is_returned_not_looped() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        EXPIRED,
        &login("bbbb2222bbbb2222bbbb2222bbbb2222", NOW + 7200),
        EXPIRED,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let err = block_on(s.hostkey(|a| a.list(&ServerFilter::default()))).unwrap_err();
    assert!(
        matches!(err, ProviderError::Auth { ref credential, .. } if credential == hostkey::SESSION_TOKEN),
        "{err:?}"
    );
    assert_eq!(t.requests.borrow().len(), 4);
}

#[test]
fn a_rejected_api_key_stops_at_login() {
    let t = FakeTransport::with(&[
        r#"{"result":-1,"error":"Invalid API key XXXXXXXXXXXXX-XXXXXXXXXXXXXXX"}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let err = block_on(s.list_servers()).unwrap_err();
    assert!(
        matches!(err, ProviderError::Auth { ref credential, .. } if credential == hostkey::API_KEY)
    );
    assert_eq!(t.requests.borrow().len(), 1);
}

#[test]
fn billing_login_uses_whmcslogin_and_its_default_ttl() {
    let t = FakeTransport::with(&[
        r#"{"result":{"token":"cccc3333cccc3333cccc3333cccc3333","permissions":[],"new":0}}"#,
        LIST,
    ]);
    let c = FakeClock::at(NOW);
    let creds = Credentials::Login {
        user: "client@example.com".into(),
        password: Secret::new("pw"),
    };
    let s = session(account(creds, None), &t, &c);
    block_on(s.hostkey(|a| a.list(&ServerFilter::default()))).unwrap();
    assert_eq!(t.sent()[0].1, "whmcslogin");
    assert_eq!(
        super::field(&t.requests.borrow()[0], "user").as_deref(),
        Some("client@example.com")
    );
    c.now.set(NOW + 3600 - 31);
    t.push(LIST);
    block_on(s.hostkey(|a| a.list(&ServerFilter::default()))).unwrap();
    assert_eq!(
        t.requests.borrow().len(),
        3,
        "the token is kept for its default hour"
    );
}

#[test]
fn other_credentials_are_refused() {
    let t = FakeTransport::default();
    let c = FakeClock::at(NOW);
    let s = session(
        account(
            Credentials::Token {
                token: Secret::new("vtk_x"),
            },
            None,
        ),
        &t,
        &c,
    );
    let err = block_on(s.balance()).unwrap_err();
    assert!(matches!(err, ProviderError::Validation { ref field, .. } if field == "credentials"));
    assert!(t.requests.borrow().is_empty());
}

#[test]
fn test_connection_reports_permissions_servers_and_company() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        r#"{"result":{"servers":{"34533":"34533","32645":"32645","17405":"17405"},"email":"client@example.com","token_expire":1703059020,"whmcs_id":"3172","role_name":"Customer billing","billing_options":{"url":"https://billing-itb.hostkey.com/","location":"NL","company":"HOSTKEY B.V.","active":1,"allowed_payments":["paypal"],"native_endpoint":"invapi.hostkey.com"}}}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let info = block_on(s.test_connection()).unwrap();
    assert_eq!(info.identity, "client@example.com");
    assert_eq!(info.permissions, vec!["eq/list", "eq/show"]);
    let detail = |k: &str| {
        info.details
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(detail("servers").as_deref(), Some("3"));
    assert_eq!(detail("billing company").as_deref(), Some("HOSTKEY B.V."));
    assert_eq!(detail("role").as_deref(), Some("Customer billing"));
    let actions: Vec<String> = t.sent().into_iter().map(|r| r.1).collect();
    assert_eq!(actions, ["login", "info"]);
}

#[test]
fn list_servers_shows_each_id() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        LIST,
        SHOW,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let servers = block_on(s.list_servers()).unwrap();
    assert_eq!(servers.len(), 1);
    assert_eq!(
        (
            servers[0].id.as_str(),
            servers[0].name.as_str(),
            servers[0].status
        ),
        ("34533", "nl-vmmini", ServerStatus::Running)
    );
    assert_eq!(
        super::field(&t.requests.borrow()[2], "id").as_deref(),
        Some("34533")
    );
}

const STATUS: &str =
    r#"{"result":"OK","action":"status","callback":"6fae43c4aca5be531a1275307bd094b1"}"#;
const NOT_READY: &str = r#"{"result":"Not ready","key":"6fae43c4aca5be531a1275307bd094b1"}"#;

#[test]
fn server_reads_the_power_state_through_the_callback_and_the_price() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        SHOW,
        STATUS,
        NOT_READY,
        r#"{"result":"OK","scope":"VM is down now","context":{"action":"status","id":"34533","location":"NL","ip_ipmi":""},"debug":"debug","key":"6fae43c4aca5be531a1275307bd094b1"}"#,
        BILLING_DATA,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let server = block_on(s.server("34533")).unwrap();
    assert_eq!(server.status, ServerStatus::Stopped);
    assert_eq!(server.raw_status, "rent");
    assert_eq!(server.monthly_cost.unwrap().to_string(), "5.00 EUR");
    let sent = t.sent();
    let paths: Vec<&str> = sent.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/auth.php",
            "/eq.php",
            "/eq.php",
            "/eq_callback.php",
            "/eq_callback.php",
            "/whmcs.php"
        ]
    );
    assert_eq!(sent[3].2, None, "the check carries no token");
    assert_eq!(c.now(), NOW + 2, "one pause between the two polls");
}

#[test]
fn server_without_billing_access_still_reads() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        SHOW,
        STATUS,
        r#"{"result":"Fail","scope":"IPMI timeout","context":{"action":"status","id":"34533"},"status":"failure","key":"6fae43c4aca5be531a1275307bd094b1"}"#,
        r#"{"result":-1,"error":"whmcs/get_billing_data: permission denied"}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let server = block_on(s.server("34533")).unwrap();
    assert_eq!(
        server.status,
        ServerStatus::Running,
        "a failed status read leaves eq/show's state"
    );
    assert_eq!(server.monthly_cost, None);
}

#[test]
fn power_returns_the_callback_operation() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        r#"{"result":"OK","action":"on","callback":"9f058913338363da1276a003707dc8bd"}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let op = block_on(s.power("34533", PowerAction::Start)).unwrap();
    assert_eq!(
        op,
        Some(Operation::Hostkey {
            key: "9f058913338363da1276a003707dc8bd".into(),
            nat: false
        })
    );
    assert_eq!(
        super::field(&t.requests.borrow()[1], "pin").as_deref(),
        Some("1907")
    );
}

#[test]
fn power_without_a_pin_says_so() {
    let t = FakeTransport::default();
    let c = FakeClock::at(NOW);
    let mut acc = key_account();
    acc.pin = None;
    let s = session(acc, &t, &c);
    let err = block_on(s.power("34533", PowerAction::Stop)).unwrap_err();
    assert_eq!(
        err,
        ProviderError::validation("pin", "HOSTKEY needs your PIN for this")
    );
    assert!(
        t.requests.borrow().is_empty(),
        "nothing is sent, not even a login"
    );
}

#[test]
fn power_and_wait_follows_the_key_then_reads_the_server() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        r#"{"result":"OK","action":"on","callback":"9f058913338363da1276a003707dc8bd"}"#,
        r#"{"result":"Not ready","key":"9f058913338363da1276a003707dc8bd"}"#,
        r#"{"result":"OK","scope":"VM is up now","context":{"action":"on","id":"34533","location":"NL","ip_ipmi":""},"debug":"","key":"9f058913338363da1276a003707dc8bd"}"#,
        SHOW,
        STATUS,
        r#"{"result":"OK","scope":"VM is up now","context":{"action":"status","id":"34533"},"key":"6fae43c4aca5be531a1275307bd094b1"}"#,
        BILLING_DATA,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c).with_policy(PollPolicy {
        interval: Duration::from_secs(5),
        max_wait_secs: 600,
        order_attempts: 1,
    });
    let mut seen = Vec::new();
    let server =
        block_on(s.power_and_wait("34533", PowerAction::Start, |s| seen.push(s.status))).unwrap();
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(seen, vec![ServerStatus::Running]);
    assert_eq!(c.now(), NOW + 5, "one pause while the key was not ready");
}

#[test]
fn a_failed_power_callback_is_an_error() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        r#"{"result":"OK","action":"off","callback":"6ff0b0895a6c25edd31c4069ea009ff7"}"#,
        r#"{"result":"Fail","scope":"IPMI is not responding","context":{"action":"off","id":"34533"},"status":"failure","created":"2021-05-17 21:07:55","debug":null,"key":"6ff0b0895a6c25edd31c4069ea009ff7"}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let err = block_on(s.power_and_wait("34533", PowerAction::Stop, |_| {})).unwrap_err();
    assert!(
        matches!(err, ProviderError::Provider { ref message, .. } if message == "IPMI is not responding"),
        "{err:?}"
    );
}

#[test]
fn a_pin_refused_by_a_power_callback_is_a_validation_error() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        r#"{"result":"OK","action":"off","callback":"6ff0b0895a6c25edd31c4069ea009ff7"}"#,
        r#"{"result":"Fail","scope":"Invalid pin code","context":{"action":"off","id":"34533"},"status":"failure","created":"2021-05-17 21:07:55","debug":null,"key":"6ff0b0895a6c25edd31c4069ea009ff7"}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let err = block_on(s.power_and_wait("34533", PowerAction::Stop, |_| {})).unwrap_err();
    assert_eq!(err, ProviderError::validation("pin", "Invalid pin code"));
}

#[test]
fn delete_requests_immediate_cancellation() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        r#"{"result":"OK","action":"request_cancellation","callback":"b36a18f95ce4ac52d5ee18aaf25940cc"}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    block_on(s.delete("34533")).unwrap();
    let request = &t.requests.borrow()[1];
    assert_eq!(
        super::field(request, "action").as_deref(),
        Some("request_cancellation")
    );
    assert_eq!(
        super::field(request, "cancellation_type").as_deref(),
        Some("1")
    );
    assert_eq!(super::field(request, "id").as_deref(), Some("34533"));
}

#[test]
fn balance_and_invoices() {
    let t = FakeTransport::with(&[
        &login("aaaa1111aaaa1111aaaa1111aaaa1111", NOW + 7200),
        CLIENT,
        INVOICES,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let balance = block_on(s.balance()).unwrap();
    assert_eq!(balance.available.to_string(), "998.39 EUR");
    let invoices = block_on(s.invoices()).unwrap();
    assert_eq!(invoices.len(), 5);
    assert_eq!(
        (invoices[0].id.as_str(), invoices[0].status),
        ("23455", InvoiceStatus::Unpaid)
    );
    assert_eq!(invoices[0].amount.minor_units(), 800);
    assert_eq!(t.requests.borrow().len(), 3);
}

#[test]
fn follow_reports_reinstall_stages_until_done() {
    let t = FakeTransport::with(&[
        r#"{"result":"Not ready","key":"aa719bfc59c3626c059950c1dcb4dbfa"}"#,
        r#"{"result":"Stage","scope":" (1\/5) OS installation started","context":{"action":"reinstall","id":"42253","location":"NL"},"key":"aa719bfc59c3626c059950c1dcb4dbfa"}"#,
        r#"{"result":"Stage","scope":" (3/5) Post-install tasks are completed","context":{"action":"reinstall","id":"42253","location":"NL"},"key":"aa719bfc59c3626c059950c1dcb4dbfa"}"#,
        r#"{"result":"OK","scope":" Deploy completed, Server is online","context":{"action":"reinstall","id":"42253","location":"NL"},"debug":null,"key":"aa719bfc59c3626c059950c1dcb4dbfa"}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let op = Operation::Hostkey {
        key: "aa719bfc59c3626c059950c1dcb4dbfa".into(),
        nat: false,
    };
    let mut percents = Vec::new();
    let done = block_on(s.follow(&op, |p| percents.push(p.percent))).unwrap();
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(done.server_id.as_deref(), Some("42253"));
    assert_eq!(percents, vec![None, Some(20), Some(60), Some(100)]);
    assert_eq!(c.now(), NOW + 30, "three pauses of HOSTKEY's 10 s pace");
    assert!(
        t.sent()
            .iter()
            .all(|r| r.0 == "/eq_callback.php" && r.2.is_none()),
        "no login for checks"
    );
}

#[test]
fn nat_operations_are_polled_with_get() {
    let t = FakeTransport::with(&[
        r#"{"result":"OK","scope":"5.39.221.32","context":{"action":"add_static_nat","id":"34533","location":"NL"},"debug":"/ip/firewall/nat/add","key":"7bc29eb23fb1b879b21fce509597f07c"}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let p = block_on(s.progress(&Operation::Hostkey {
        key: "7bc29eb23fb1b879b21fce509597f07c".into(),
        nat: true,
    }))
    .unwrap();
    assert_eq!(
        (p.state, p.message.as_deref()),
        (ProgressState::Done, Some("5.39.221.32"))
    );
    let request = &t.requests.borrow()[0];
    assert_eq!(request.method(), "GET");
    assert_eq!(request.uri().path(), "/nat_callback.php");
    assert_eq!(
        request.uri().query(),
        Some("action=check&key=7bc29eb23fb1b879b21fce509597f07c")
    );
}

#[test]
fn public_calls_need_no_login() {
    let t = FakeTransport::with(&[
        r#"{"result":"OK","tasks":[{"id":-1,"task":"","desc":"Do nothing","tag":"","tags":[{"tag":"vm"}]}]}"#,
    ]);
    let c = FakeClock::at(NOW);
    let s = session(key_account(), &t, &c);
    let tasks = block_on(s.hostkey_public(|a| Ok(a.jenkins_tasks()))).unwrap();
    assert_eq!(tasks[0].desc, "Do nothing");
    assert_eq!(t.sent()[0].0, "/jenkins.php");
}
