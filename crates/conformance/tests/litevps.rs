//! LiteVPS's whole lifecycle through the sandbox, in-process and over
//! loopback: log in for a JWT, test the connection (balance), list, read the
//! pricing and templates, create a VPS and follow it from `creating` to
//! `running`, power-cycle it, snapshot it, run commands (and have a blocked
//! one refused before sending), watch the prepaid balance drawn down by the
//! hour, delete it and read the transactions. Then the LiteVPS specifics: a
//! `vtk_` token made through the API as a second session's credential, the
//! 402 with balance and amount needed, the top-up limits checked before
//! sending, and the `X-Balance-Remaining` header.
//!
//! LiteVPS documents no snapshot restore (the seed keeps only the create
//! body; the digest lists restore among the unknown endpoints), so the
//! snapshot step is create, list and delete; the panel offers no restore.

use conformance::in_process::InProcess;
use conformance::loopback::Loopback;
use conformance::{account, credential};
use providers::driver::{Operation, OrderTicket, Session};
use providers::litevps::{self, Exec, JobStatus, NewVps, Page, VpsState};
use providers::signer::NoSigner;
use providers::{
    Action, Capabilities, Clock, Credentials, Currency, InvoiceStatus, MetricRange, Money,
    PowerAction, ProgressState, ProviderError, ProviderId, Secret, ServerStatus, Support,
    Transport,
};
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3_600);

fn usd(amount: f64) -> Money {
    litevps::usd(amount).expect("a USD amount")
}

fn cents(minor: i64) -> Money {
    Money::from_minor(minor, Currency::new("USD"))
}

fn login(user: &str, password: &str) -> Credentials {
    Credentials::Login {
        user: user.to_string(),
        password: Secret::new(password),
    }
}

/// The logins sent since `mark`.
fn logins_since<T: Transport, C: Clock>(session: &Session<T, NoSigner, C>, mark: u64) -> usize {
    session
        .sent_since(mark)
        .iter()
        .filter(|r| r.curl.contains("/api/auth/login"))
        .count()
}

/// The balance the last answer carried in `X-Balance-Remaining`.
fn header_balance<T: Transport, C: Clock>(session: &Session<T, NoSigner, C>) -> Money {
    let headers = session.last_headers().expect("an answer was received");
    litevps::balance_from_headers(&headers).expect("X-Balance-Remaining is on the answer")
}

/// How the test's clock relates to the sandbox's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Time {
    /// Only the driver's waits move it: an hour is exactly 60 minute boundaries.
    Virtual,
    /// Wall-clock time passes too: a minute boundary may be crossed between calls.
    Real,
}

async fn lifecycle<T: Transport, C: Clock>(session: &Session<T, NoSigner, C>, time: Time) {
    let start = session.mark();
    let who = session.test_connection().await.expect("the login works");
    assert_eq!(who.identity, "demo@litevps.test");
    assert_eq!(logins_since(session, start), 1, "logged in for a JWT");
    let detail = |label: &str| {
        who.details
            .iter()
            .find(|(k, _)| k == label)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        detail("credential").as_deref(),
        Some("email and password (JWT session)")
    );
    assert!(
        detail("session expires").is_some(),
        "the JWT's exp is read: {:?}",
        who.details
    );
    let opening = who.balance.clone().expect("the balance is shown");
    assert_eq!(opening.currency, Currency::new("USD"));
    if time == Time::Virtual {
        // 30.00 topped up, 4 × 1.25 used, no time passed since.
        assert_eq!(opening, usd(25.0));
    } else {
        assert!(opening.amount <= usd(25.0).amount && opening.amount > usd(24.0).amount);
    }
    assert_eq!(
        header_balance(session),
        opening,
        "/api/me and its X-Balance-Remaining agree"
    );

    let before = session.list_servers().await.expect("list");
    assert_eq!(before.len(), 4);
    assert!(before.iter().all(|s| s.provider == ProviderId::Litevps));
    assert!(
        before.iter().any(|s| s.status == ServerStatus::Error),
        "the seeded fleet has a VPS in `error`"
    );

    let pricing = session.litevps(|a| Ok(a.pricing())).await.expect("pricing");
    assert_eq!(pricing.len(), 6);
    let nano = pricing
        .iter()
        .find(|p| p.name == "Nano")
        .expect("the documented Nano plan");
    assert_eq!(
        (nano.vcpu, nano.memory_mb, nano.disk_gb, nano.price_hourly),
        (Some(1), Some(512), Some(10), Some(0.0042))
    );
    let templates = session
        .litevps(|a| Ok(a.templates()))
        .await
        .expect("templates");
    let small = templates
        .iter()
        .find(|t| t.name == "ubuntu-22-small")
        .expect("the documented template");
    let small_plan = small.plan_id.clone().expect("a template names its plan");
    assert!(pricing.iter().any(|p| p.id == small_plan));

    // Order: `creating` at once, followed until `running`.
    let ticket = OrderTicket::generate(ProviderId::Litevps);
    let order = NewVps::from_plan("conformance-01", nano.id.clone());
    let created = session
        .place_order(&ticket, |_| {
            let order = order.clone();
            async move { session.litevps(|a| a.create_vps(&order)).await }
        })
        .await
        .expect("create");
    assert_eq!(created.state(), VpsState::Creating);
    assert_eq!(created.name, "conformance-01");
    assert_eq!(created.plan_id.as_deref(), Some(nano.id.as_str()));
    assert_eq!(created.price_hourly, Some(0.0042));
    assert_eq!(created.ipv4, None, "no address while creating");
    let vps_id = created.id.clone();

    let mut stages = Vec::new();
    let done = session
        .follow(
            &Operation::Litevps {
                vps_id: vps_id.clone(),
            },
            |p| stages.push(p.stage.clone()),
        )
        .await
        .expect("creation finishes");
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(done.percent, Some(100));
    assert_eq!(done.server_id.as_deref(), Some(vps_id.as_str()));
    assert_eq!(stages.first().map(String::as_str), Some("creating"));
    assert_eq!(stages.last().map(String::as_str), Some("running"));
    assert!(stages.len() >= 2, "polled while creating: {stages:?}");

    let server = session.server(&vps_id).await.expect("the new VPS");
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(server.raw_status, "running");
    assert_eq!(server.ips.len(), 2, "IPv4 and IPv6 once running");
    assert_eq!(server.specs.cpu_cores, Some(1));
    assert_eq!(server.monthly_cost, Some(usd(0.0042 * 730.0)));
    let after = session.list_servers().await.expect("list");
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|s| s.id == vps_id));

    // Power.
    let stopped = session
        .power_and_wait(&vps_id, PowerAction::Stop, |_| {})
        .await
        .expect("stop");
    assert_eq!(stopped.status, ServerStatus::Stopped);
    assert_eq!(stopped.raw_status, "stopped");
    let started = session
        .power_and_wait(&vps_id, PowerAction::Start, |_| {})
        .await
        .expect("start");
    assert_eq!(started.status, ServerStatus::Running);
    let mark = session.mark();
    let restarted = session
        .power_and_wait(&vps_id, PowerAction::Restart, |_| {})
        .await
        .expect("restart");
    assert_eq!(restarted.status, ServerStatus::Running);
    assert!(
        session
            .sent_since(mark)
            .iter()
            .any(|r| r.curl.contains(&format!("/api/vps/{vps_id}/restart"))),
        "restart is its own call"
    );

    // Metrics: not documented.
    let mark = session.mark();
    match session.metrics(&vps_id, MetricRange::Day).await {
        Err(ProviderError::Unsupported { reason }) => {
            assert!(reason.contains("metrics"), "{reason}")
        }
        other => panic!("metrics are unsupported: {other:?}"),
    }
    assert!(session.sent_since(mark).is_empty(), "nothing sent");

    // Snapshots: create, list, delete (no restore is documented).
    assert_eq!(
        Capabilities::of(ProviderId::Litevps).support(Action::Snapshots),
        Support::Yes
    );
    let snapshots_before = session
        .litevps(|a| Ok(a.snapshots(&vps_id)))
        .await
        .expect("snapshots");
    assert!(snapshots_before.is_empty(), "a new VPS has none");
    let snapshot = session
        .litevps(|a| a.create_snapshot(&vps_id, "before-deploy"))
        .await
        .expect("snapshot");
    assert_eq!(snapshot.name, "before-deploy");
    assert_eq!(snapshot.vps_id.as_deref(), Some(vps_id.as_str()));
    assert!(snapshot.size_gb.is_some_and(|gb| gb > 0.0 && gb <= 10.0));
    let listed = session
        .litevps(|a| Ok(a.snapshots(&vps_id)))
        .await
        .expect("snapshots");
    assert_eq!(
        listed.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        [snapshot.id.as_str()]
    );
    let gone = session
        .litevps(|a| Ok(a.delete_snapshot(&vps_id, &snapshot.id)))
        .await
        .expect("delete snapshot");
    assert!(gone.deleted);
    assert_eq!(gone.id.as_deref(), Some(snapshot.id.as_str()));
    let listed = session
        .litevps(|a| Ok(a.snapshots(&vps_id)))
        .await
        .expect("snapshots");
    assert!(listed.is_empty());

    // Exec: an allowed command, a background job, and a blocked command
    // refused before anything is sent.
    let output = session
        .litevps(|a| a.exec(&vps_id, &Exec::new("uname -a")))
        .await
        .expect("exec");
    assert_eq!(output.exit_code, Some(0));
    assert!(
        output.stdout.starts_with("Linux conformance-01 "),
        "{}",
        output.stdout
    );
    assert_eq!(output.stderr, "");
    let job = session
        .litevps(|a| a.exec_background(&vps_id, &Exec::new("hostname").timeout(60)))
        .await
        .expect("background exec");
    assert_eq!(job.status, "pending");
    assert_eq!(job.timeout_seconds, Some(60));
    let mut statuses = Vec::new();
    let finished = loop {
        let now = session
            .litevps(|a| Ok(a.job(&vps_id, &job.job_id)))
            .await
            .expect("job");
        statuses.push(now.status());
        if now.status().is_finished() {
            break now;
        }
        assert!(statuses.len() < 20, "the job finishes: {statuses:?}");
        session.clock().sleep(Duration::from_secs(1)).await;
    };
    assert_eq!(finished.status(), JobStatus::Done, "{statuses:?}");
    assert_eq!(finished.stdout.as_deref(), Some("conformance-01\n"));
    assert_eq!(finished.exit_code, Some(0));
    assert_eq!(finished.vps_id.as_deref(), Some(vps_id.as_str()));

    let mark = session.mark();
    match session
        .litevps(|a| a.exec(&vps_id, &Exec::new("sudo   shutdown -h now")))
        .await
    {
        Err(ProviderError::Validation { field, reason }) => {
            assert_eq!(field, "command");
            assert!(reason.contains("`shutdown`"), "{reason}");
        }
        other => panic!("a blocked command is refused: {other:?}"),
    }
    assert!(
        session.sent_since(mark).is_empty(),
        "the blocked command was not sent"
    );

    // Prepaid billing: an hour of the running VPSes, charged by the minute.
    let fleet = session.litevps(|a| Ok(a.list_vps())).await.expect("list");
    let hourly: f64 = fleet
        .iter()
        .filter(|v| v.state() == VpsState::Running)
        .map(|v| v.price_hourly.expect("a price"))
        .sum();
    assert!(hourly >= 0.0042, "at least the new VPS runs");
    let before_hour = session.balance().await.expect("balance").available;
    assert_eq!(header_balance(session), before_hour);
    session.clock().sleep(HOUR).await;
    let after_hour = session.balance().await.expect("balance").available;
    assert_eq!(header_balance(session), after_hour);
    let drawn = before_hour.amount - after_hour.amount;
    let slack = usd(0.0002).amount;
    assert!(
        drawn >= usd(hourly).amount - slack,
        "an hour costs {hourly}: drawn {drawn}"
    );
    let most = match time {
        Time::Virtual => hourly,
        Time::Real => hourly * 61.0 / 60.0,
    };
    assert!(
        drawn <= usd(most).amount + slack,
        "an hour costs {hourly}: drawn {drawn}"
    );

    let invoices = session.invoices().await.expect("transactions");
    let newest = invoices.first().expect("a transaction");
    assert_eq!(newest.status, InvoiceStatus::Charged);
    assert!(
        (newest.amount.amount - drawn).abs() <= slack,
        "the hour's charge {} is what was drawn ({drawn})",
        newest.amount
    );
    assert!(newest
        .description
        .as_deref()
        .is_some_and(|d| d.starts_with("usage: ")));

    // Delete.
    session.delete(&vps_id).await.expect("delete");
    match session.server(&vps_id).await {
        Err(ProviderError::NotFound { .. }) => {}
        other => panic!("the deleted VPS is gone: {other:?}"),
    }
    let end = session.list_servers().await.expect("list");
    assert_eq!(end.len(), before.len());
    assert!(end.iter().all(|s| s.id != vps_id));

    // Transactions: the seeded top-up and usage, then the hour's charge, newest first.
    let invoices = session.invoices().await.expect("transactions");
    assert!(invoices
        .windows(2)
        .all(|w| w[0].created.is_some() && w[0].created >= w[1].created));
    let topups: Vec<_> = invoices
        .iter()
        .filter(|i| i.status == InvoiceStatus::Paid)
        .collect();
    assert_eq!(topups.len(), 1);
    assert_eq!(topups[0].amount, usd(30.0));
    let seeded_usage = invoices
        .iter()
        .filter(|i| i.status == InvoiceStatus::Charged && i.amount == usd(1.25))
        .count();
    assert_eq!(seeded_usage, 4);
    let page = session
        .litevps(|a| {
            a.transactions(Page {
                limit: 2,
                offset: 1,
            })
        })
        .await
        .expect("a page");
    assert_eq!(page.transactions.len(), 2);
    assert_eq!((page.limit, page.offset), (Some(2), Some(1)));
    assert_eq!(page.total, Some(invoices.len() as u64));
    assert_eq!(page.transactions[0].id, invoices[1].id);

    assert_eq!(
        logins_since(session, start),
        1,
        "the JWT was reused for the whole lifecycle"
    );
}

fn in_process_session(
    sandbox: &InProcess,
    email_label: &str,
) -> Session<InProcess, NoSigner, InProcess> {
    let sb = sandbox.sandbox.borrow();
    let email = credential(&sb, sandbox::Provider::Litevps, email_label);
    let password = credential(&sb, sandbox::Provider::Litevps, "password");
    let acc = account(
        ProviderId::Litevps,
        sandbox.base(),
        login(&email, &password),
    );
    Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone())
}

#[tokio::test]
async fn lifecycle_in_process() {
    let sandbox = InProcess::new(4);
    let session = in_process_session(&sandbox, "email");
    lifecycle(&session, Time::Virtual).await;
}

#[tokio::test]
async fn lifecycle_over_loopback() {
    let server = Loopback::start(4).await;
    let creds: serde_json::Value =
        serde_json::from_str(&server.raw("GET", "/_sandbox/credentials", "").await.1).unwrap();
    let email = creds["litevps"]["email"].as_str().expect("an email");
    let password = creds["litevps"]["password"].as_str().expect("a password");
    let acc = account(ProviderId::Litevps, &server.base, login(email, password));
    let session = Session::new(acc, &server, NoSigner, &server);
    lifecycle(&session, Time::Real).await;
}

#[tokio::test]
async fn an_access_token_made_through_the_api_is_the_credential_of_a_second_session() {
    let sandbox = InProcess::new(3);
    let first = in_process_session(&sandbox, "email");
    let tokens_before = first
        .litevps(|a| Ok(a.tokens()))
        .await
        .expect("tokens")
        .len();
    let made = first
        .litevps(|a| a.create_token("conformance-agent", Some(usd(2.5).amount)))
        .await
        .expect("a token");
    assert_eq!(made.name, "conformance-agent");
    assert_eq!(made.spend_limit, Some(2.5));
    let token = made
        .token
        .clone()
        .expect("the secret is in the creation answer");
    assert!(token.expose().starts_with("vtk_"));
    let listed = first.litevps(|a| Ok(a.tokens())).await.expect("tokens");
    assert_eq!(listed.len(), tokens_before + 1);
    let item = listed
        .iter()
        .find(|t| t.id == made.id)
        .expect("the new token is listed");
    assert_eq!(item.token, None, "the secret is shown only once");

    let acc = account(
        ProviderId::Litevps,
        sandbox.base(),
        Credentials::Token { token },
    );
    let second = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());
    let who = second.test_connection().await.expect("the token works");
    assert_eq!(who.identity, "demo@litevps.test");
    assert!(who
        .details
        .iter()
        .any(|(k, v)| k == "credential" && v == "access token (vtk_…)"));
    assert!(
        !who.details.iter().any(|(k, _)| k == "session expires"),
        "an access token has no session"
    );
    let theirs = second.list_servers().await.expect("list");
    let mine = first.list_servers().await.expect("list");
    assert_eq!(
        theirs.iter().map(|s| &s.id).collect::<Vec<_>>(),
        mine.iter().map(|s| &s.id).collect::<Vec<_>>(),
        "the same account"
    );
    let vps = second
        .litevps(|a| a.create_vps(&NewVps::from_template("token-made", "ubuntu-22-small")))
        .await
        .expect("the token may create");
    assert_eq!(vps.template.as_deref(), Some("ubuntu-22-small"));
    assert_eq!(logins_since(&second, 0), 0, "the token is used as is");

    let revoked = first
        .litevps(|a| Ok(a.delete_token(&made.id)))
        .await
        .expect("revoke");
    assert!(revoked.deleted);
    match second.test_connection().await {
        Err(ProviderError::Auth { credential, .. }) => {
            assert!(credential.contains("vtk_"), "{credential}")
        }
        other => panic!("a revoked token is refused: {other:?}"),
    }
}

#[tokio::test]
async fn a_create_beyond_the_balance_is_payment_required_with_the_balance_and_amount_needed() {
    let sandbox = InProcess::new(2);
    let session = in_process_session(&sandbox, "low-balance email");
    let balance = session.balance().await.expect("balance").available;
    assert_eq!(balance, usd(0.042), "the document's 402 example balance");
    let xl = session
        .litevps(|a| Ok(a.pricing()))
        .await
        .expect("pricing")
        .into_iter()
        .find(|p| p.name == "XL")
        .expect("the XL plan");
    assert_eq!(xl.price_hourly, Some(0.1667));

    match session
        .litevps(|a| a.create_vps(&NewVps::from_plan("too-big", xl.id.clone())))
        .await
    {
        Err(ProviderError::PaymentRequired {
            balance,
            required,
            message,
        }) => {
            assert_eq!(balance, Some(usd(0.042)));
            assert_eq!(required, Some(usd(0.1667)), "the first hour of XL");
            assert_eq!(message, "insufficient balance");
        }
        other => panic!("402: {other:?}"),
    }
    assert_eq!(header_balance(&session), usd(0.042), "nothing was charged");
    let servers = session.list_servers().await.expect("list");
    assert!(servers.is_empty(), "nothing was created: {servers:?}");
}

#[tokio::test]
async fn a_top_up_outside_5_to_50_usd_is_refused_by_validation_before_sending() {
    let sandbox = InProcess::new(2);
    let session = in_process_session(&sandbox, "email");
    for amount in [cents(499), cents(5_001), cents(0)] {
        let mark = session.mark();
        match session.litevps(|a| a.add_funds(amount.amount)).await {
            Err(ProviderError::Validation { field, reason }) => {
                assert_eq!(field, "amount");
                assert!(reason.contains("between 5 and 50"), "{reason}");
            }
            other => panic!("{amount} is refused: {other:?}"),
        }
        assert!(
            session.sent_since(mark).is_empty(),
            "nothing sent for {amount}, not even a login"
        );
    }
    assert_eq!(session.mark(), 1, "no request at all so far");

    // The limits themselves are valid, and the balance is credited.
    let before = session.balance().await.expect("balance").available;
    for amount in [cents(500), cents(5_000)] {
        let checkout = session
            .litevps(|a| a.add_funds(amount.amount))
            .await
            .expect("a checkout");
        assert!(
            checkout.url.starts_with("https://checkout.stripe.com/"),
            "{}",
            checkout.url
        );
    }
    let after = session.balance().await.expect("balance").available;
    assert_eq!(after.amount - before.amount, usd(55.0).amount);
    let newest = session.invoices().await.expect("transactions");
    let topups: Vec<_> = newest
        .iter()
        .filter(|i| i.status == InvoiceStatus::Paid)
        .map(|i| i.amount.clone())
        .collect();
    assert!(topups.contains(&usd(5.0)) && topups.contains(&usd(50.0)));
}

#[tokio::test]
async fn the_balance_reported_after_each_call_is_the_x_balance_remaining_header() {
    let sandbox = InProcess::new(4);
    let session = in_process_session(&sandbox, "email");
    let opening = session.balance().await.expect("balance").available;
    assert_eq!(header_balance(&session), opening);

    // A call that is not about money still carries the balance.
    session.list_servers().await.expect("list");
    assert_eq!(header_balance(&session), opening);

    // Time passes: the first call after it carries the drawn-down balance,
    // and /api/me agrees with it.
    session.clock().sleep(HOUR).await;
    session.list_servers().await.expect("list");
    let drawn_down = header_balance(&session);
    assert!(
        drawn_down.amount < opening.amount,
        "running VPSes were billed"
    );
    assert_eq!(
        session.balance().await.expect("balance").available,
        drawn_down
    );

    // A top-up's own answer carries the credited balance.
    session
        .litevps(|a| a.add_funds(cents(1_000).amount))
        .await
        .expect("top-up");
    let topped_up = header_balance(&session);
    assert_eq!(topped_up.amount - drawn_down.amount, usd(10.0).amount);
    assert_eq!(
        session.balance().await.expect("balance").available,
        topped_up
    );

    // A refused call carries it too.
    match session.server("no-such-vps").await {
        Err(ProviderError::NotFound { .. }) => {}
        other => panic!("404: {other:?}"),
    }
    assert_eq!(header_balance(&session), topped_up);
}
