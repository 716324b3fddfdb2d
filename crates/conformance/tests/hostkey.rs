//! HOSTKEY's whole lifecycle through the sandbox, in-process and over
//! loopback: an API key exchanged for a session token, the server list, the
//! ordering catalogue, an order with its invoice paid and its deploy key
//! followed, power cycling, metrics (not offered), an OS reinstall followed
//! through its stages, and the cancellation; plus session renewal, PIN
//! refusals, invoice amounts, ownership errors and the PXE reinstall path.

use conformance::in_process::InProcess;
use conformance::loopback::Loopback;
use conformance::{account, api_key, credential};
use providers::driver::{Operation, OrderTicket, Session};
use providers::hostkey::{
    BootMedia, ClientField, ClientUpdate, CreatePxe, DeployPeriod, Order, Reinstall,
};
use providers::signer::NoSigner;
use providers::{
    Account, Clock, Currency, InvoiceStatus, MetricRange, Money, PowerAction, ProgressState,
    ProviderError, ProviderId, Secret, ServerStatus, Transport,
};
use std::time::Duration;

/// The demo account's PIN (sandbox credential `pin`).
const PIN_LABEL: &str = "pin";
/// The demo account's e-mail, which auth/info reports.
const EMAIL: &str = "john.hostkey@example.com";
/// A root password HOSTKEY accepts (upper, lower, a special character, 8+).
const ROOT_PASS: &str = "Sandbox_Root9x";

/// The sandbox controls a test needs besides the provider API.
trait Controls {
    /// Marks a HOSTKEY invoice paid, as if the customer paid it by PayPal.
    async fn pay(&self, invoice: &str);
    /// Moves only the sandbox's clock forward (the client's clock stays).
    async fn advance_sandbox(&self, ms: u64);
}

impl Controls for InProcess {
    async fn pay(&self, invoice: &str) {
        assert!(
            self.sandbox
                .borrow_mut()
                .mark_paid(sandbox::Provider::Hostkey, invoice),
            "invoice {invoice} was unpaid"
        );
    }

    async fn advance_sandbox(&self, ms: u64) {
        self.sandbox.borrow_mut().advance_ms(ms);
    }
}

impl Controls for Loopback {
    async fn pay(&self, invoice: &str) {
        let (status, body) = self
            .raw("POST", &format!("/_sandbox/hostkey/pay/{invoice}"), "")
            .await;
        assert_eq!(status, 200, "paying invoice {invoice}: {body}");
    }

    async fn advance_sandbox(&self, ms: u64) {
        let (status, body) = self
            .raw(
                "POST",
                "/_sandbox/time",
                &format!("{{\"advance_ms\":{ms}}}"),
            )
            .await;
        assert_eq!(status, 200, "advancing the sandbox clock: {body}");
    }
}

fn eur(amount: &str) -> Money {
    Money::parse(amount, Currency::new("EUR")).expect("an amount")
}

/// `resource/action` of every request sent since `mark`, in order.
fn actions<T: Transport, C: Clock>(session: &Session<T, NoSigner, C>, mark: u64) -> Vec<String> {
    session
        .sent_since(mark)
        .iter()
        .map(|r| {
            let curl = &r.curl;
            let file = curl
                .split(|c: char| c == '/' || c == '"' || c == '\'' || c.is_whitespace())
                .find_map(|w| w.strip_suffix(".php"))
                .unwrap_or("?");
            let action = curl
                .split("action=")
                .nth(1)
                .map(|rest| {
                    rest.chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect::<String>()
                })
                .unwrap_or_default();
            format!("{file}/{action}")
        })
        .collect()
}

async fn lifecycle<T: Transport, C: Clock>(
    session: &Session<T, NoSigner, C>,
    sandbox: &impl Controls,
) {
    // Sign in: the API key becomes a session token; auth/info says who it is.
    let mark = session.mark();
    let who = session.test_connection().await.expect("the key works");
    assert_eq!(
        actions(session, mark)[..2],
        ["auth/login".to_string(), "auth/info".to_string()]
    );
    assert_eq!(who.identity, EMAIL);
    assert_eq!(who.permissions.len(), 143, "the customer role's list");
    for needed in ["eq/order_instance", "eq/on", "whmcs/request_cancellation"] {
        assert!(who.permissions.iter().any(|p| p == needed), "{needed}");
    }
    let detail = |k: &str| {
        who.details
            .iter()
            .find(|(label, _)| label == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(detail("role").as_deref(), Some("Customer billing"));
    assert_eq!(detail("servers").as_deref(), Some("4"));
    assert_eq!(detail("billing company").as_deref(), Some("HOSTKEY B.V."));
    assert!(detail("session expires").is_some(), "{:?}", who.details);

    // The servers: eq/list then eq/show for each.
    let before = session.list_servers().await.expect("list");
    assert_eq!(before.len(), 4);
    assert!(before.iter().all(|s| s.provider == ProviderId::Hostkey));
    for id in ["34533", "32645", "17405"] {
        assert!(before.iter().any(|s| s.id == id), "the document's {id}");
    }
    let first = before.iter().find(|s| s.id == "34533").expect("34533");
    assert_eq!(
        (first.name.as_str(), first.region.as_deref()),
        ("nl-vmmini", Some("NL"))
    );

    // The catalogue (no token needed).
    let mark = session.mark();
    let presets = session
        .hostkey_public(|a| a.presets("NL"))
        .await
        .expect("presets");
    let preset = presets
        .iter()
        .find(|p| p.name == "vm.pico")
        .expect("vm.pico is sold in NL");
    assert!(preset.active && preset.is_virtual);
    let price = preset.price_in("NL", "EUR").expect("an EUR price");
    assert_eq!(price, eur("3"));
    let systems = session
        .hostkey_public(|a| a.os_list(Some(&preset.id)))
        .await
        .expect("systems");
    let free: Vec<_> = systems
        .iter()
        .filter(|o| o.active && o.price_eur.unwrap_or(0.0) == 0.0 && o.billing_plan.is_empty())
        .collect();
    assert!(
        free.len() >= 2,
        "two licence-free systems to switch between"
    );
    let (os, other_os) = (free[0], free[1]);
    let plans = session
        .hostkey_public(|a| a.traffic_plans("NL", Some(&preset.id)))
        .await
        .expect("traffic plans");
    let plan = plans.iter().find(|p| p.active).expect("a traffic plan");
    assert_eq!(plan.price.unwrap_or(0.0), 0.0, "{plan:?}");
    assert!(
        actions(session, mark)
            .iter()
            .all(|a| !a.starts_with("auth/")),
        "public calls do not log in"
    );

    // Pay by invoice rather than from credit, so the order waits for payment.
    let balance = session.balance().await.expect("balance");
    assert_eq!(balance.available, eur("998.39"));
    let update = ClientUpdate::default().set(ClientField::AutoPayment, "off");
    session
        .hostkey(|a| a.update_client(&update))
        .await
        .expect("autopay off");
    let invoices_before = session.invoices().await.expect("invoices");

    // Order.
    let order = Order {
        deploy_period: DeployPeriod::Monthly,
        deploy_notify: false,
        preset: preset.id.clone(),
        location: "NL".into(),
        os_id: os.id.clone(),
        soft_id: None,
        traffic_plan: plan.id.clone(),
        root_pass: Secret::new(ROOT_PASS),
        hostname: Some("lifecycle-test".into()),
        ssh_key: None,
        post_install_callback: None,
        post_install_script: None,
        os_name: None,
        own_os: None,
        root_size: None,
        jenkins_task: None,
    };
    let ticket = OrderTicket::generate(ProviderId::Hostkey);
    let ordered = session
        .place_order(&ticket, |_| {
            let order = order.clone();
            async move { session.hostkey(|a| a.order_instance(&order)).await }
        })
        .await
        .expect("order");
    assert_eq!(ordered.action.as_deref(), Some("order_instance"));
    assert!(!ordered.is_paid(), "autopay is off: {ordered:?}");
    let invoice_id = ordered.invoice.clone().expect("an invoice");

    let invoices = session.invoices().await.expect("invoices");
    assert_eq!(invoices.len(), invoices_before.len() + 1);
    let invoice = &invoices[0];
    assert_eq!(invoice.id, invoice_id, "newest first");
    assert_eq!(
        (invoice.status, invoice.amount.clone()),
        (InvoiceStatus::Unpaid, price.clone())
    );
    let detail = session
        .hostkey(|a| a.get_invoice(&invoice_id))
        .await
        .expect("the invoice");
    assert_eq!(detail.items.len(), 1, "{:?}", detail.items);
    assert!(
        detail.items[0].description.contains("lifecycle-test"),
        "{:?}",
        detail.items[0]
    );

    // The deploy key (auth/info deploy_keys) waits for the payment.
    let info = session.hostkey(|a| a.info()).await.expect("info");
    let deploy = info
        .deploy_keys
        .iter()
        .find(|k| k["invoice"].to_string().trim_matches('"') == invoice_id)
        .expect("a deploy key for the order");
    let key = deploy["key"].as_str().expect("the key").to_string();
    let server_id = deploy["id"].to_string().trim_matches('"').to_string();
    let operation = Operation::Hostkey { key, nat: false };
    let waiting = session.progress(&operation).await.expect("a poll");
    assert_eq!(waiting.state, ProgressState::InProgress);
    assert_eq!(waiting.stage, "waiting", "`Not ready` carries no context");

    sandbox.pay(&invoice_id).await;
    let mut seen = Vec::new();
    let deployed = session
        .follow(&operation, |p| seen.push(p.state))
        .await
        .expect("the deployment finishes");
    assert_eq!(deployed.state, ProgressState::Done);
    assert_eq!(deployed.server_id.as_deref(), Some(server_id.as_str()));
    assert!(
        deployed
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("Autodeploy completed")),
        "{deployed:?}"
    );
    assert!(
        seen.len() >= 2
            && seen[..seen.len() - 1]
                .iter()
                .all(|s| *s == ProgressState::InProgress),
        "Not ready before OK: {seen:?}"
    );
    let invoices = session.invoices().await.expect("invoices");
    let paid = invoices.iter().find(|i| i.id == invoice_id).expect("kept");
    assert_eq!(
        (paid.status, paid.amount.clone()),
        (InvoiceStatus::Paid, price.clone())
    );
    let balance = session.balance().await.expect("balance");
    assert_eq!(
        balance.available,
        eur("998.39"),
        "paid by PayPal, not credit"
    );

    // The token's cached server list needs eq/update_servers to show the new server.
    let stale = session.server(&server_id).await;
    assert!(
        matches!(stale, Err(ProviderError::NotFound { .. })),
        "{stale:?}"
    );
    session
        .hostkey(|a| a.update_servers())
        .await
        .expect("refresh");
    let server = session.server(&server_id).await.expect("the new server");
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(server.name, "lifecycle-test");
    assert_eq!(server.plan.as_deref(), Some("vm.pico"));
    assert_eq!(server.region.as_deref(), Some("NL"));
    assert!(
        server.tags.contains(&format!("OS={}", os.name)),
        "{:?}",
        server.tags
    );
    assert_eq!(server.monthly_cost, Some(price.clone()));
    let after = session.list_servers().await.expect("list");
    assert_eq!(after.len(), before.len() + 1);

    // Power cycle (PIN-protected, async keys).
    let stopped = session
        .power_and_wait(&server_id, PowerAction::Stop, |_| {})
        .await
        .expect("stop");
    assert_eq!(stopped.status, ServerStatus::Stopped);
    let started = session
        .power_and_wait(&server_id, PowerAction::Start, |_| {})
        .await
        .expect("start");
    assert_eq!(started.status, ServerStatus::Running);
    let rebooted = session
        .power_and_wait(&server_id, PowerAction::Restart, |_| {})
        .await
        .expect("reboot");
    assert_eq!(rebooted.status, ServerStatus::Running);

    // Metrics: not in HOSTKEY's API.
    match session.metrics(&server_id, MetricRange::Day).await {
        Err(ProviderError::Unsupported { reason }) => {
            assert!(reason.contains("traffic"), "{reason}")
        }
        other => panic!("metrics should be unsupported: {other:?}"),
    }

    // Reinstall with another OS through eq/order_instance with `id`.
    let reinstall = Reinstall {
        deploy_notify: None,
        os_id: other_os.id.clone(),
        soft_id: None,
        root_pass: Secret::new("Reinstall_Root7q"),
        hostname: None,
        ssh_key: None,
        post_install_script: None,
        os_name: None,
        own_os: None,
        root_size: None,
    };
    let started = session
        .hostkey(|a| a.reinstall_instance(&server_id, &reinstall))
        .await
        .expect("reinstall accepted");
    assert_eq!(started.deploy_status.as_deref(), Some("reinstall"));
    assert_eq!(started.id.as_deref(), Some(server_id.as_str()));
    assert_eq!(started.os_name.as_deref(), Some(other_os.name.as_str()));
    let mut percents = Vec::new();
    let done = session
        .follow(&started.operation(), |p| percents.push(p.percent))
        .await
        .expect("the reinstall finishes");
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(
        done.message.as_deref(),
        Some("{\"result\":\"deploy_done\"}")
    );
    assert_eq!(done.server_id.as_deref(), Some(server_id.as_str()));
    for stage in [20, 40, 60, 80, 100] {
        assert!(
            percents.contains(&Some(stage)),
            "stage {stage}%: {percents:?}"
        );
    }
    let again = session.progress(&started.operation()).await;
    assert!(
        matches!(again, Err(ProviderError::NotFound { .. })),
        "the key is dropped once OK was read: {again:?}"
    );
    let reinstalled = session.server(&server_id).await.expect("reinstalled");
    assert!(
        reinstalled.tags.contains(&format!("OS={}", other_os.name)),
        "{:?}",
        reinstalled.tags
    );
    assert_eq!(reinstalled.status, ServerStatus::Running);

    // Cancel: an immediate cancellation request.
    session.delete(&server_id).await.expect("cancelled");
    let requests = session
        .hostkey(|a| a.cancellation_requests(Some(&server_id)))
        .await
        .expect("cancellation requests");
    assert_eq!(requests.len(), 1, "{requests:?}");
    assert_eq!(requests[0].kind, "Immediate");
    let service = reinstalled.raw["server_data"]["account_id"].to_string();
    assert_eq!(
        requests[0].relid.as_deref(),
        Some(service.trim_matches('"'))
    );
    let again = session.delete(&server_id).await;
    assert!(
        matches!(again, Err(ProviderError::Provider { ref message, .. }) if message.contains("already exists")),
        "{again:?}"
    );
}

/// The demo account at `base`, with its API key and PIN.
fn hostkey_account(base: &str, key: &str, pin: &str) -> Account {
    let mut acc = account(ProviderId::Hostkey, base, api_key(key));
    acc.pin = Some(Secret::new(pin));
    acc
}

fn in_process_account(sandbox: &InProcess, label: &str, pin: Option<&str>) -> Account {
    let sb = sandbox.sandbox.borrow();
    let key = credential(&sb, sandbox::Provider::Hostkey, label);
    let real_pin = credential(&sb, sandbox::Provider::Hostkey, PIN_LABEL);
    hostkey_account(sandbox.base(), &key, pin.unwrap_or(&real_pin))
}

#[tokio::test]
async fn lifecycle_in_process() {
    let sandbox = InProcess::new(4);
    let acc = in_process_account(&sandbox, "api key", None);
    let session = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());
    lifecycle(&session, &sandbox).await;
}

#[tokio::test]
async fn lifecycle_over_loopback() {
    let server = Loopback::start(4).await;
    let creds: serde_json::Value =
        serde_json::from_str(&server.raw("GET", "/_sandbox/credentials", "").await.1).unwrap();
    let key = creds["hostkey"]["api key"].as_str().expect("a key");
    let pin = creds["hostkey"][PIN_LABEL].as_str().expect("a PIN");
    let acc = hostkey_account(&server.base, key, pin);
    let session = Session::new(acc, &server, NoSigner, &server);
    lifecycle(&session, &server).await;
}

/// A token past its lifetime is replaced without the caller noticing: when
/// the client's clock says it expired (it logs in before the call), and when
/// only HOSTKEY knows (it answers `-2`, the client logs in and repeats).
async fn expired_token_is_renewed<T: Transport, C: Clock>(
    session: &Session<T, NoSigner, C>,
    sandbox: &impl Controls,
) {
    let mark = session.mark();
    let first = session.list_servers().await.expect("list");
    assert_eq!(actions(session, mark)[..2], ["auth/login", "eq/list"]);

    // Both clocks past the 7,200 s lifetime: re-login before the call.
    session.clock().sleep(Duration::from_secs(7_200 + 1)).await;
    let mark = session.mark();
    let ids = session
        .hostkey(|a| a.list(&Default::default()))
        .await
        .expect("list after expiry");
    assert_eq!(ids.len(), first.len());
    assert_eq!(actions(session, mark), ["auth/login", "eq/list"]);

    // Only HOSTKEY's clock past it: `-2`, then one login and the same call again.
    sandbox.advance_sandbox((7_200 + 1) * 1000).await;
    let mark = session.mark();
    let ids = session
        .hostkey(|a| a.list(&Default::default()))
        .await
        .expect("list after server-side expiry");
    assert_eq!(ids.len(), first.len());
    assert_eq!(actions(session, mark), ["eq/list", "auth/login", "eq/list"]);
    let statuses: Vec<_> = session.sent_since(mark).iter().map(|r| r.status).collect();
    assert!(statuses.iter().all(|s| *s == Some(200)), "{statuses:?}");

    // And the new token is kept: the next call goes straight through.
    let mark = session.mark();
    session.invoices().await.expect("invoices");
    assert_eq!(actions(session, mark), ["whmcs/get_invoices"]);
}

#[tokio::test]
async fn an_expired_session_token_is_renewed_transparently_in_process() {
    let sandbox = InProcess::new(3);
    let acc = in_process_account(&sandbox, "api key", None);
    let session = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());
    expired_token_is_renewed(&session, &sandbox).await;
}

#[tokio::test]
async fn an_expired_session_token_is_renewed_transparently_over_loopback() {
    let server = Loopback::start(3).await;
    let creds: serde_json::Value =
        serde_json::from_str(&server.raw("GET", "/_sandbox/credentials", "").await.1).unwrap();
    let key = creds["hostkey"]["api key"].as_str().expect("a key");
    let pin = creds["hostkey"][PIN_LABEL].as_str().expect("a PIN");
    let acc = hostkey_account(&server.base, key, pin);
    let session = Session::new(acc, &server, NoSigner, &server);
    expired_token_is_renewed(&session, &server).await;
}

#[tokio::test]
async fn a_wrong_pin_is_a_validation_error_naming_the_pin() {
    let sandbox = InProcess::new(3);
    let real_pin = credential(
        &sandbox.sandbox.borrow(),
        sandbox::Provider::Hostkey,
        PIN_LABEL,
    );
    let wrong = if real_pin == "9876" { "6789" } else { "9876" };
    let acc = in_process_account(&sandbox, "api key", Some(wrong));
    let session = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());
    let invoices_before = session.invoices().await.expect("invoices").len();

    // A synchronous call (a new order) answers `-1 … invalid pin` at once.
    let order = Order {
        deploy_period: DeployPeriod::Monthly,
        deploy_notify: false,
        preset: "vm.pico".into(),
        location: "NL".into(),
        os_id: "187".into(),
        soft_id: None,
        traffic_plan: "25".into(),
        root_pass: Secret::new(ROOT_PASS),
        hostname: None,
        ssh_key: None,
        post_install_callback: None,
        post_install_script: None,
        os_name: None,
        own_os: None,
        root_size: None,
        jenkins_task: None,
    };
    let refused = session.hostkey(|a| a.order_instance(&order)).await;
    assert!(
        matches!(refused, Err(ProviderError::Validation { ref field, .. }) if field == "pin"),
        "{refused:?}"
    );
    assert_eq!(
        session.invoices().await.expect("invoices").len(),
        invoices_before,
        "nothing was ordered"
    );

    // An asynchronous one (power) accepts the call and fails its key.
    let refused = session
        .power_and_wait("34533", PowerAction::Stop, |_| {})
        .await;
    assert!(
        matches!(refused, Err(ProviderError::Validation { ref field, ref reason }) if field == "pin" && reason.contains("Invalid pin")),
        "{refused:?}"
    );

    // With the right PIN the same server still runs and stops.
    let acc = in_process_account(&sandbox, "api key", None);
    let session = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());
    let server = session.server("34533").await.expect("34533");
    assert_eq!(
        server.status,
        ServerStatus::Running,
        "the wrong PIN did nothing"
    );
    let stopped = session
        .power_and_wait("34533", PowerAction::Stop, |_| {})
        .await
        .expect("stop with the right PIN");
    assert_eq!(stopped.status, ServerStatus::Stopped);
}

#[tokio::test]
async fn a_paid_invoice_amount_is_its_total_plus_the_credit_applied() {
    let sandbox = InProcess::new(3);
    let acc = in_process_account(&sandbox, "api key", None);
    let session = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());

    // The document's invoice 23449: subtotal 3.00, credit 3.00, total 0.00, Paid.
    let invoices = session.invoices().await.expect("invoices");
    let seeded = invoices.iter().find(|i| i.id == "23449").expect("23449");
    assert_eq!(seeded.status, InvoiceStatus::Paid);
    assert_eq!(seeded.raw["total"], "0.00", "{}", seeded.raw);
    let credit = eur(seeded.raw["credit"].as_str().expect("credit"));
    assert!(credit.amount > eur("0").amount, "paid from credit");
    let detail = session
        .hostkey(|a| a.get_invoice("23449"))
        .await
        .expect("23449");
    let items: Vec<Money> = detail.items.iter().map(|i| eur(&i.amount)).collect();
    let billed = items.iter().fold(eur("0"), |sum, m| {
        Money::new(sum.amount + m.amount, sum.currency)
    });
    assert_eq!(
        seeded.amount, billed,
        "what was billed, not the 0.00 left to pay"
    );
    assert_eq!(seeded.amount, credit);

    // A new order paid from credit (autopay is on): same rule.
    let before = session.balance().await.expect("balance").available;
    let order = Order {
        deploy_period: DeployPeriod::Monthly,
        deploy_notify: false,
        preset: "vm.pico".into(),
        location: "NL".into(),
        os_id: "187".into(),
        soft_id: None,
        traffic_plan: "25".into(),
        root_pass: Secret::new(ROOT_PASS),
        hostname: None,
        ssh_key: None,
        post_install_callback: None,
        post_install_script: None,
        os_name: None,
        own_os: None,
        root_size: None,
        jenkins_task: None,
    };
    let ordered = session
        .hostkey(|a| a.order_instance(&order))
        .await
        .expect("order");
    assert!(ordered.is_paid(), "{ordered:?}");
    let id = ordered.invoice.expect("an invoice");
    let invoices = session.invoices().await.expect("invoices");
    let new = invoices
        .iter()
        .find(|i| i.id == id)
        .expect("the order's invoice");
    assert_eq!(new.status, InvoiceStatus::Paid);
    assert_eq!(new.amount, eur("3.00"));
    assert_eq!(
        (&new.raw["total"], &new.raw["credit"]),
        (&"0.00".into(), &"3.00".into())
    );
    let after = session.balance().await.expect("balance").available;
    assert_eq!(before.amount - after.amount, eur("3.00").amount);
}

/// HOSTKEY's ownership refusal, `permission denied #3, this is not your server`.
fn not_yours<R>(result: &Result<R, ProviderError>) -> bool {
    matches!(result, Err(ProviderError::NotFound { message }) if message.contains("this is not your server"))
}

#[tokio::test]
async fn a_server_the_account_does_not_own_is_not_found() {
    let sandbox = InProcess::new(3);
    let acc = in_process_account(&sandbox, "api key", None);
    let session = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());

    // An id that is not the account's at all.
    let shown = session.server("99999").await;
    assert!(not_yours(&shown), "{shown:?}");
    let power = session.power("99999", PowerAction::Stop).await;
    assert!(not_yours(&power), "{power:?}");
    let billing = session.hostkey(|a| a.generate_due_invoice("99999")).await;
    assert!(not_yours(&billing), "{billing:?}");

    // A per-server key sees its server only.
    let key = {
        let sb = sandbox.sandbox.borrow();
        sb.credentials()
            .remove(&sandbox::Provider::Hostkey)
            .and_then(|l| {
                l.into_iter()
                    .find(|(k, _)| k.starts_with("API key (server"))
            })
            .expect("a per-server key")
    };
    let own = key
        .0
        .trim_start_matches("API key (server ")
        .trim_end_matches(')')
        .to_string();
    let pin = credential(
        &sandbox.sandbox.borrow(),
        sandbox::Provider::Hostkey,
        PIN_LABEL,
    );
    let acc = hostkey_account(sandbox.base(), &key.1, &pin);
    let scoped = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());
    let list = scoped.list_servers().await.expect("list");
    assert_eq!(
        list.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        [own.as_str()]
    );
    let other = ["34533", "32645", "17405"]
        .into_iter()
        .find(|id| *id != own)
        .expect("another server");
    let shown = scoped.server(other).await;
    assert!(not_yours(&shown), "{shown:?}");
    let cancel = scoped.delete(other).await;
    assert!(not_yours(&cancel), "{cancel:?}");
    assert_eq!(
        session.server(other).await.expect("still there").status,
        ServerStatus::Running,
        "nothing happened to it"
    );
}

#[tokio::test]
async fn a_pxe_reinstall_reports_its_five_stages() {
    let sandbox = InProcess::new(3);
    let acc = in_process_account(&sandbox, "api key", None);
    let session = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());
    let id = "17405";
    let server = session.server(id).await.expect("the bare-metal server");
    let systems = session
        .hostkey_public(|a| a.os_list(None))
        .await
        .expect("systems");
    let os = systems
        .iter()
        .find(|o| {
            o.active
                && o.tag("bm").is_some()
                && !server.tags.contains(&format!("OS={}", o.name))
                && !o.name.contains("Windows")
        })
        .expect("another bare-metal OS");

    let master = session
        .hostkey(|a| a.reinstall(id))
        .await
        .expect("eq/reinstall");
    assert_eq!(master.stage.as_deref(), Some("create_pxe"));
    let waiting = session.progress(&master.operation()).await.expect("a poll");
    assert_eq!(waiting.state, ProgressState::InProgress);
    assert_eq!(waiting.percent, None, "not started before the PXE boot");

    let run = |accepted: providers::hostkey::Accepted| {
        let s = &session;
        async move {
            let done = s
                .follow(&accepted.operation(), |_| {})
                .await
                .expect("finishes");
            assert_eq!(done.state, ProgressState::Done, "{done:?}");
            done.message.unwrap_or_default()
        }
    };
    let pxe = CreatePxe {
        email: None,
        os_id: os.id.clone(),
        root_pass: Secret::new("Pxe1Root9Pass"),
        hostname: "nl-bm-mini".into(),
        ssh_key: None,
        post_install_callback: None,
        post_install_script: None,
        reinstall_key: Some(master.callback.clone()),
    };
    let created = session
        .hostkey(|a| a.create_pxe(id, &pxe))
        .await
        .expect("create_pxe");
    assert_eq!(run(created).await, "Configuration_successfully_created");
    let boot = session
        .hostkey(|a| a.boot_dev(id, BootMedia::Pxe))
        .await
        .expect("boot_dev pxe");
    assert_eq!(run(boot).await, "Set Boot Device to pxe");
    session
        .power_and_wait(id, PowerAction::Restart, |_| {})
        .await
        .expect("reboot into PXE");

    let mut stages = Vec::new();
    let done = session
        .follow(&master.operation(), |p| {
            if let Some(n) = p.percent {
                stages.push((n, p.stage.clone()));
            }
        })
        .await
        .expect("the install finishes");
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(
        done.message.as_deref(),
        Some("Deploy completed, Server is online")
    );
    let percents: Vec<u8> = stages.iter().map(|(n, _)| *n).collect();
    for n in [20, 40, 60, 80] {
        assert!(percents.contains(&n), "{stages:?}");
    }
    assert!(
        stages
            .iter()
            .any(|(n, s)| *n == 20 && s == "OS installation started"),
        "{stages:?}"
    );

    let disk = session
        .hostkey(|a| a.boot_dev(id, BootMedia::Disk))
        .await
        .expect("boot_dev disk");
    assert_eq!(run(disk).await, "Set Boot Device to disk");
    let cleared = session
        .hostkey(|a| a.clear_pxe(id, "nl-bm-mini"))
        .await
        .expect("clear_pxe");
    assert_eq!(run(cleared).await, "Configuration_successfully_cleared");
    let after = session.server(id).await.expect("reinstalled");
    assert!(
        after.tags.contains(&format!("OS={}", os.name)),
        "{:?}",
        after.tags
    );
    assert_eq!(after.status, ServerStatus::Running);
}

#[tokio::test]
async fn ending_the_session_revokes_the_token_and_the_next_call_logs_in_again() {
    let sandbox = InProcess::new(5);
    let acc = in_process_account(&sandbox, "api key", None);
    let session = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());

    // Nothing held yet: nothing to revoke, nothing sent.
    let mark = session.mark();
    session.end_session().await.expect("no session to end");
    assert!(actions(&session, mark).is_empty());

    session.invoices().await.expect("invoices");
    let mark = session.mark();
    session.end_session().await.expect("logout");
    assert_eq!(actions(&session, mark), ["auth/logout"]);

    // The revoked token is not used again: the next call logs in first.
    let mark = session.mark();
    session.invoices().await.expect("invoices after logout");
    assert_eq!(
        actions(&session, mark),
        ["auth/login", "whmcs/get_invoices"]
    );
}
