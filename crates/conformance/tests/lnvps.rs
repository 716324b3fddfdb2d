//! LNVPS's whole lifecycle through the sandbox, in-process and over loopback,
//! every private request signed with NIP-98 by a freshly generated Nostr key:
//! sign in, list, catalogue, SSH key, order → unpaid VM with a BOLT11 invoice
//! → paid → provisioned and running, power cycle, the hourly time series,
//! reinstall, renewal (VM and subscription, quotes first), and delete, which
//! LNVPS does not offer. Then focused tests: an invoice that expires unpaid
//! ends the order, and replayed or stale NIP-98 events are auth errors.

use conformance::account;
use conformance::in_process::InProcess;
use conformance::loopback::Loopback;
use providers::driver::{Operation, OrderTicket, Session};
use providers::lnvps::{
    self, bolt11_amount_msat, LineItemResource, NewSshKey, NewVm, PayWith, Renewal,
    SubscriptionRenewal,
};
use providers::signer::KeySigner;
use providers::{
    ApiRequest, ApiResponse, Clock, Credentials, InvoiceStatus, MetricKind, MetricRange,
    PowerAction, ProgressState, ProviderError, ProviderId, ServerStatus, Transport, TransportError,
};
use std::cell::{Cell, RefCell};
use std::time::Duration;

/// An OpenSSH ed25519 public key (bytes 1..=32 as the key).
const SSH_KEY: &str = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g conformance@panel";
/// One LNVPS billing month (the seed's `time: 2592000`).
const MONTH_SECS: u64 = 30 * 86_400;
/// VMs the sandbox seeds for each new key in these tests.
const SEEDED: usize = 4;

/// The sandbox's controls, in-process or over loopback.
trait Controls {
    /// Settles LNVPS payment `id`; false when it is not payable (paid, expired, unknown).
    async fn pay(&self, id: &str) -> bool;
}

impl Controls for InProcess {
    async fn pay(&self, id: &str) -> bool {
        self.sandbox
            .borrow_mut()
            .mark_paid(sandbox::Provider::Lnvps, id)
    }
}

impl Controls for Loopback {
    async fn pay(&self, id: &str) -> bool {
        let (status, body) = self
            .raw("POST", &format!("/_sandbox/lnvps/pay/{id}"), "")
            .await;
        assert!(matches!(status, 200 | 404), "paying {id}: {status} {body}");
        status == 200
    }
}

/// A Nostr account at the sandbox under `base`, for `signer`'s key.
fn nostr_account(base: &str, signer: &KeySigner) -> providers::Account {
    account(
        ProviderId::Lnvps,
        base,
        Credentials::Nostr {
            public_key: Some(signer.npub()),
        },
    )
}

fn now_secs<C: Clock>(clock: &C) -> i64 {
    i64::try_from(clock.now()).expect("a Unix time")
}

async fn lifecycle<T: Transport, C: Clock>(
    session: &Session<T, KeySigner, C>,
    sandbox: &impl Controls,
) {
    // ── Sign in: any key is an account; the identity is the key's npub ──
    let Credentials::Nostr {
        public_key: Some(npub),
    } = &session.account().credentials
    else {
        panic!("a Nostr account")
    };
    let who = session
        .test_connection()
        .await
        .expect("the signed request is accepted");
    assert_eq!(&who.identity, npub);
    assert!(who.identity.starts_with("npub1"));
    for fact in [("account type", "nostr"), ("email", "not set")] {
        assert!(
            who.details
                .iter()
                .any(|(k, v)| (k.as_str(), v.as_str()) == fact),
            "{fact:?} in {:?}",
            who.details
        );
    }
    assert_eq!(who.balance, None, "LNVPS has no balance");

    // ── List: the seeded fleet in mixed states ──
    let before = session.list_servers().await.expect("list");
    assert_eq!(before.len(), SEEDED);
    assert!(before
        .iter()
        .all(|s| s.provider == ProviderId::Lnvps && s.id.parse::<u64>().is_ok()));
    assert!(before.iter().any(|s| s.status == ServerStatus::Running));
    assert!(before.iter().any(|s| s.status == ServerStatus::Stopped));
    assert!(before.iter().all(|s| s.expires.is_some()), "all paid");

    // ── Catalogue: public calls go out unsigned ──
    let mark = session.mark();
    let templates = session
        .lnvps(|a| Ok(a.templates()))
        .await
        .expect("templates");
    let images = session.lnvps(|a| Ok(a.images(None))).await.expect("images");
    let sent = session.sent_since(mark);
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter()
            .all(|r| !r.curl.to_ascii_lowercase().contains("authorization")),
        "public calls carry no NIP-98 header: {sent:?}"
    );
    let small = templates.templates.first().expect("a template").clone();
    assert_eq!(small.name, "VPS-Small", "the seed's example first");
    assert_eq!(
        (small.cpu, small.memory, small.disk_size),
        (1, 1 << 30, 20 << 30)
    );
    let cost = small.cost_plan.clone().expect("a price");
    assert_eq!((cost.currency.as_str(), cost.amount), ("EUR", 500));
    let quoted_sats = cost
        .other_price
        .iter()
        .find(|p| p.currency == "BTC")
        .expect("a BTC price")
        .amount;
    assert_eq!(quoted_sats, 21_000, "the seed's invoice for VPS-Small");
    assert_eq!(
        lnvps::plan(&small)
            .monthly_price
            .map(|m| m.to_string())
            .as_deref(),
        Some("5.00 EUR")
    );
    assert_eq!(templates.custom_template.len(), 1);
    let x86 = |distribution: &str| {
        images
            .iter()
            .find(|i| i.distribution == distribution && i.cpu_arch.as_deref() == Some("x86_64"))
            .unwrap_or_else(|| panic!("an x86_64 {distribution} image in {images:?}"))
            .clone()
    };
    let (ubuntu, debian) = (x86("ubuntu"), x86("debian"));
    assert_eq!(ubuntu.display_name(), "Ubuntu 24.04");
    let arm = images
        .iter()
        .find(|i| i.cpu_arch.as_deref() == Some("arm64"))
        .expect("an arm64 image")
        .clone();

    // ── SSH key ──
    let keys_before = session.lnvps(|a| Ok(a.ssh_keys())).await.expect("keys");
    let key = session
        .lnvps(|a| {
            a.add_ssh_key(&NewSshKey {
                name: "conformance".into(),
                key_data: SSH_KEY.into(),
            })
        })
        .await
        .expect("the key is stored");
    assert_eq!(key.name, "conformance");
    let keys_after = session.lnvps(|a| Ok(a.ssh_keys())).await.expect("keys");
    assert_eq!(keys_after.len(), keys_before.len() + 1);
    assert!(keys_after
        .iter()
        .any(|k| k.id == key.id && k.vms.is_empty()));

    // ── Order: an unpaid VM and its first Lightning invoice ──
    let ticket = OrderTicket::generate(ProviderId::Lnvps);
    let order = NewVm {
        template_id: small.id,
        image_id: ubuntu.id,
        ssh_key_id: key.id,
        ref_code: None,
    };
    let placed = session
        .lnvps_order(&ticket, &order, &Renewal::lightning())
        .await
        .expect("order");
    let id = placed.vm.id;
    let vm_id = id.to_string();
    assert!(placed.vm.is_unpaid_order(), "{:?}", placed.vm);
    assert_eq!(placed.vm.state(), "unknown");
    assert_eq!(placed.vm.subscription_id, None);
    assert_eq!(placed.vm.template.as_ref().map(|t| t.id), Some(small.id));
    assert_eq!(placed.vm.image.as_ref().map(|i| i.id), Some(ubuntu.id));
    assert_eq!(placed.vm.ssh_key.as_ref().map(|k| k.id), Some(key.id));
    assert_eq!(
        lnvps::server(&placed.vm).status,
        ServerStatus::PendingPayment
    );
    let payment = placed.payment.clone();
    assert!(!payment.is_paid);
    assert_eq!(payment.vm_id, Some(id));
    assert_eq!(
        (payment.currency.as_str(), payment.amount, payment.time),
        ("BTC", quoted_sats, MONTH_SECS)
    );
    assert_eq!(payment.total(), quoted_sats, "no tax, no fee on Lightning");
    let bolt11 = payment.bolt11().expect("a BOLT11 invoice").to_string();
    assert!(bolt11.starts_with("lnbc210u1"), "{bolt11}");
    assert_eq!(
        bolt11_amount_msat(&bolt11),
        Some(quoted_sats * 1_000),
        "the invoice decodes (checksum intact) to the quoted price"
    );
    let created = placed.vm.created_at().expect("created").0;
    let due = payment.expires_at().expect("an expiry").0;
    assert_eq!(due - created, 600, "Lightning invoices expire after 600 s");
    let quote = session
        .lnvps(|a| a.renew_quote(id, &Renewal::lightning()))
        .await
        .expect("quote");
    assert_eq!(
        (quote.amount, quote.currency.as_str(), quote.time),
        (payment.amount, "BTC", payment.time),
        "the quote and the invoice agree"
    );
    assert_eq!(
        placed.operation,
        Operation::Lnvps {
            vm_id: vm_id.clone(),
            payment_id: Some(payment.id.clone()),
        }
    );

    let listed = session.list_servers().await.expect("list");
    assert_eq!(listed.len(), before.len() + 1);
    let new = listed.iter().find(|s| s.id == vm_id).expect("listed");
    assert_eq!(new.status, ServerStatus::PendingPayment);
    let invoices = session.invoices().await.expect("invoices");
    let unpaid = invoices
        .iter()
        .find(|i| i.id == payment.id)
        .expect("the invoice is listed");
    assert_eq!(unpaid.status, InvoiceStatus::Unpaid);
    assert_eq!(unpaid.amount.to_string(), "21000 sat");
    assert_eq!(unpaid.bolt11.as_deref(), Some(bolt11.as_str()));

    // ── Pay, then follow until running ──
    let waiting = session.progress(&placed.operation).await.expect("poll");
    assert_eq!(waiting.state, ProgressState::AwaitingPayment);
    assert_eq!(waiting.server_id.as_deref(), Some(vm_id.as_str()));
    assert!(sandbox.pay(&payment.id).await, "the invoice is payable");
    assert!(
        !sandbox.pay(&payment.id).await,
        "a paid invoice is not paid twice"
    );
    let mut seen = Vec::new();
    let done = session
        .follow(&placed.operation, |p| seen.push((p.state, p.stage.clone())))
        .await
        .expect("provisioning finishes");
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(done.percent, Some(100));
    assert_eq!(done.server_id.as_deref(), Some(vm_id.as_str()));
    assert!(
        seen.iter()
            .any(|(s, stage)| *s == ProgressState::InProgress && stage == "provisioning"),
        "provisioning was seen on the way: {seen:?}"
    );
    let paid = session
        .lnvps(|a| a.payment(&payment.id))
        .await
        .expect("payment");
    assert!(paid.is_paid && paid.paid_at.is_some(), "{paid:?}");

    let server = session.server(&vm_id).await.expect("the new server");
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(server.raw_status, "running");
    assert_eq!(server.plan.as_deref(), Some("VPS-Small"));
    assert_eq!(server.region.as_deref(), Some("Dublin"));
    assert_eq!(
        server.monthly_cost.map(|m| m.to_string()).as_deref(),
        Some("5.00 EUR")
    );
    assert!(!server.ips.is_empty());
    let now = now_secs(session.clock());
    let expires = server.expires.expect("paid until").0;
    assert!(
        expires > now + MONTH_SECS as i64 - 600 && expires <= now + MONTH_SECS as i64,
        "paid for one month from the payment: {expires} vs now {now}"
    );
    let vm = session.lnvps(|a| Ok(a.vm(id))).await.expect("vm");
    let sid = vm.subscription_id.expect("paid VMs have a subscription");
    assert!(vm.deleting_on.is_some());

    // ── Power cycle ──
    let stopped = session
        .power_and_wait(&vm_id, PowerAction::Stop, |_| {})
        .await
        .expect("stop");
    assert_eq!(stopped.status, ServerStatus::Stopped);
    let started = session
        .power_and_wait(&vm_id, PowerAction::Start, |_| {})
        .await
        .expect("start");
    assert_eq!(started.status, ServerStatus::Running);
    let mut on_the_way = Vec::new();
    let restarted = session
        .power_and_wait(&vm_id, PowerAction::Restart, |s| {
            on_the_way.push(s.raw_status.clone())
        })
        .await
        .expect("restart");
    assert_eq!(restarted.status, ServerStatus::Running);
    assert_eq!(on_the_way.first().map(String::as_str), Some("pending"));
    let history = session
        .lnvps(|a| Ok(a.history(id, None)))
        .await
        .expect("history");
    let actions: Vec<&str> = history
        .items
        .iter()
        .map(|e| e.action_type.as_str())
        .collect();
    assert_eq!(
        actions,
        [
            "restarted",
            "started",
            "stopped",
            "payment_received",
            "created"
        ],
        "newest first"
    );

    // ── Metrics: the last hour, one point a minute ──
    let running = before
        .iter()
        .find(|s| s.status == ServerStatus::Running)
        .expect("a running server");
    let series = session
        .metrics(&running.id, MetricRange::Hour)
        .await
        .expect("metrics");
    let kinds: Vec<MetricKind> = series.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            MetricKind::Cpu,
            MetricKind::Memory,
            MetricKind::NetIn,
            MetricKind::NetOut,
            MetricKind::DiskRead,
            MetricKind::DiskWrite
        ]
    );
    for s in &series {
        assert_eq!(s.points.len(), 60, "{:?}", s.kind);
        assert!(s.points.windows(2).all(|w| w[1].time.0 - w[0].time.0 == 60));
    }
    let cpu = &series[0].points;
    assert!(
        cpu.iter().all(|p| p.value > 0.0 && p.value <= 100.0),
        "a VM up for days used some CPU every minute, in percent: {cpu:?}"
    );
    let memory_size = running.specs.memory_bytes.expect("memory") as f64;
    assert!(series[1]
        .points
        .iter()
        .all(|p| p.value > 0.0 && p.value <= memory_size));
    let stopped_long_ago = before
        .iter()
        .find(|s| s.status == ServerStatus::Stopped)
        .expect("a stopped server");
    let idle = session
        .metrics(&stopped_long_ago.id, MetricRange::Hour)
        .await
        .expect("metrics");
    assert!(
        idle.iter().all(|s| s.points.iter().all(|p| p.value == 0.0)),
        "stopped for over an hour: all zero"
    );
    let fresh = session
        .metrics(&vm_id, MetricRange::Hour)
        .await
        .expect("metrics");
    assert_eq!(
        fresh[0].points[0].value, 0.0,
        "an hour ago it did not exist"
    );
    match session.metrics(&vm_id, MetricRange::Day).await {
        Err(ProviderError::Unsupported { reason }) => {
            assert!(reason.contains("last hour"), "{reason}")
        }
        other => panic!("a day of metrics is not kept: {other:?}"),
    }

    // ── Reinstall onto another image ──
    match session.lnvps(|a| Ok(a.reinstall(id, Some(arm.id)))).await {
        Err(ProviderError::Validation { field, reason }) => {
            assert_eq!(field, "image_id");
            assert!(reason.contains("arm64"), "{reason}");
        }
        other => panic!("an arm64 image on an x86_64 VM is refused: {other:?}"),
    }
    session
        .lnvps(|a| Ok(a.reinstall(id, Some(debian.id))))
        .await
        .expect("reinstall");
    let reinstalling = session.server(&vm_id).await.expect("server");
    assert_eq!(reinstalling.status, ServerStatus::Provisioning);
    assert_eq!(reinstalling.raw_status, "creating");
    let reinstalled = session
        .follow(
            &Operation::Lnvps {
                vm_id: vm_id.clone(),
                payment_id: None,
            },
            |_| {},
        )
        .await
        .expect("reinstalled");
    assert_eq!(reinstalled.state, ProgressState::Done);
    let vm = session.lnvps(|a| Ok(a.vm(id))).await.expect("vm");
    assert_eq!(vm.image.as_ref().map(|i| i.id), Some(debian.id));
    assert_eq!(vm.state(), "running");

    // ── Renew: quotes, an invoice, the same invoice through the subscription ──
    let two_months = Renewal {
        intervals: Some(2),
        ..Renewal::lightning()
    };
    let quote = session
        .lnvps(|a| a.renew_quote(id, &two_months))
        .await
        .expect("quote");
    assert_eq!(
        (quote.amount, quote.time),
        (2 * quoted_sats, 2 * MONTH_SECS)
    );
    let subscription = session
        .lnvps(|a| Ok(a.subscription(sid)))
        .await
        .expect("subscription");
    assert!(subscription.is_active);
    assert_eq!(
        subscription.line_items[0].resource,
        Some(LineItemResource::Vps { vm_id: id })
    );
    let sub_quote = session
        .lnvps(|a| a.subscription_renew_quote(sid, &two_months))
        .await
        .expect("subscription quote");
    assert_eq!(sub_quote, quote, "the subscription renews the same VM");
    let expires_before = session.server(&vm_id).await.expect("server").expires;
    let renewal = session
        .lnvps(|a| a.renew(id, &Renewal::lightning()))
        .await
        .expect("renewal invoice");
    assert!(!renewal.is_paid);
    assert_ne!(renewal.id, payment.id);
    assert_eq!((renewal.amount, renewal.time), (quoted_sats, MONTH_SECS));
    assert_eq!(
        renewal.bolt11().and_then(bolt11_amount_msat),
        Some(quoted_sats * 1_000)
    );
    let via_subscription = session
        .lnvps(|a| a.renew_subscription(sid, &SubscriptionRenewal::default()))
        .await
        .expect("subscription renewal");
    assert_eq!(
        via_subscription.id, renewal.id,
        "an identical unpaid invoice is returned, not a second one"
    );
    assert_eq!(via_subscription.payment_type.as_deref(), Some("Renewal"));
    assert_eq!(via_subscription.total(), quoted_sats);
    assert!(sandbox.pay(&renewal.id).await);
    let settled = session
        .lnvps(|a| a.subscription_payment(sid, &renewal.id))
        .await
        .expect("poll");
    assert!(settled.is_paid);
    let expires_after = session.server(&vm_id).await.expect("server").expires;
    assert_eq!(
        expires_after.map(|t| t.0),
        expires_before.map(|t| t.0 + MONTH_SECS as i64),
        "one month more"
    );
    match session
        .lnvps(|a| {
            a.renew(
                id,
                &Renewal {
                    method: PayWith::Onchain,
                    ..Renewal::lightning()
                },
            )
        })
        .await
    {
        Err(ProviderError::Validation { reason, .. }) => {
            assert!(reason.contains("onchain"), "{reason}")
        }
        other => panic!("on-chain is not enabled here: {other:?}"),
    }

    // ── Auto-renewal through the subscription ──
    let switched = session
        .lnvps(|a| Ok(a.update_subscription(sid, !subscription.auto_renewal_enabled)))
        .await
        .expect("patch");
    assert_eq!(
        switched.auto_renewal_enabled,
        !subscription.auto_renewal_enabled
    );
    let vm = session.lnvps(|a| Ok(a.vm(id))).await.expect("vm");
    assert_eq!(vm.auto_renewal_enabled, switched.auto_renewal_enabled);

    // ── Invoices: the order and the renewal, both paid ──
    let invoices = session.invoices().await.expect("invoices");
    let mine: Vec<_> = invoices
        .iter()
        .filter(|i| i.id == payment.id || i.id == renewal.id)
        .collect();
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|i| i.status == InvoiceStatus::Paid));
    assert!(invoices.windows(2).all(|w| w[0].created >= w[1].created));

    // ── Delete: LNVPS has no such call ──
    match session.delete(&vm_id).await {
        Err(ProviderError::Unsupported { reason }) => {
            assert!(reason.contains("no delete call"), "{reason}")
        }
        other => panic!("delete is not offered: {other:?}"),
    }
    assert!(matches!(
        session.balance().await,
        Err(ProviderError::Unsupported { .. })
    ));
    let last = session.list_servers().await.expect("list");
    assert_eq!(last.len(), before.len() + 1, "nothing was deleted");
}

#[tokio::test]
async fn lifecycle_in_process() {
    let sandbox = InProcess::new(SEEDED);
    let signer = KeySigner::generate();
    let acc = nostr_account(sandbox.base(), &signer);
    let session = Session::new(acc, sandbox.clone(), signer, sandbox.clone());
    lifecycle(&session, &sandbox).await;
}

#[tokio::test]
async fn lifecycle_over_loopback() {
    let server = Loopback::start(SEEDED).await;
    let creds: serde_json::Value =
        serde_json::from_str(&server.raw("GET", "/_sandbox/credentials", "").await.1).unwrap();
    assert!(
        creds["lnvps"]["Sign-in"]
            .as_str()
            .is_some_and(|s| s.contains("any Nostr key")),
        "{creds}"
    );
    let signer = KeySigner::generate();
    let acc = nostr_account(&server.base, &signer);
    let session = Session::new(acc, &server, signer, &server);
    lifecycle(&session, &server).await;
}

/// An in-process session with a new key.
fn in_process_session(sandbox: &InProcess) -> Session<InProcess, KeySigner, InProcess> {
    let signer = KeySigner::generate();
    let acc = nostr_account(sandbox.base(), &signer);
    Session::new(acc, sandbox.clone(), signer, sandbox.clone())
}

/// Orders a VPS-Small with Ubuntu on a new SSH key.
async fn order_small<T: Transport, C: Clock>(
    session: &Session<T, KeySigner, C>,
) -> lnvps::PlacedOrder {
    let key = session
        .lnvps(|a| {
            a.add_ssh_key(&NewSshKey {
                name: "k".into(),
                key_data: SSH_KEY.into(),
            })
        })
        .await
        .expect("key");
    let order = NewVm {
        template_id: 1,
        image_id: 1,
        ssh_key_id: key.id,
        ref_code: None,
    };
    session
        .lnvps_order(
            &OrderTicket::generate(ProviderId::Lnvps),
            &order,
            &Renewal::lightning(),
        )
        .await
        .expect("order")
}

#[tokio::test]
async fn an_invoice_that_expires_unpaid_ends_follow_with_a_clear_failure() {
    let sandbox = InProcess::new(1);
    let session = in_process_session(&sandbox);
    let placed = order_small(&session).await;
    let started = now_secs(&sandbox);
    let due = placed.payment.expires_at().expect("an expiry").0;

    let mut states = Vec::new();
    let ended = session
        .follow(&placed.operation, |p| states.push(p.state))
        .await
        .expect("follow ends");
    let waited = now_secs(&sandbox) - started;
    assert_eq!(ended.state, ProgressState::Failed);
    assert_eq!(ended.stage, "invoice expired");
    assert_eq!(ended.server_id, Some(placed.vm.id.to_string()));
    let message = ended.message.expect("a message");
    assert!(
        message.contains("expired unpaid") && message.contains(&placed.payment.id),
        "{message}"
    );
    assert!(
        (600..=700).contains(&waited),
        "gave up a minute after the 600 s expiry, not after the hour-long limit: {waited} s"
    );
    assert!(now_secs(&sandbox) >= due);
    assert!(states[..states.len() - 1]
        .iter()
        .all(|s| *s == ProgressState::AwaitingPayment));
    assert!(
        !sandbox.pay(&placed.payment.id).await,
        "the sandbox refuses to settle an expired invoice too"
    );

    // What the message says to do works: a new invoice, paid, provisions the VM.
    let fresh = session
        .lnvps(|a| a.renew(placed.vm.id, &Renewal::lightning()))
        .await
        .expect("a new invoice");
    assert_ne!(fresh.id, placed.payment.id);
    assert!(sandbox.pay(&fresh.id).await);
    let done = session
        .follow(
            &Operation::Lnvps {
                vm_id: placed.vm.id.to_string(),
                payment_id: Some(fresh.id),
            },
            |_| {},
        )
        .await
        .expect("provisioned");
    assert_eq!(done.state, ProgressState::Done);
}

/// Passes requests to the sandbox; when armed, sends the last request again
/// instead of the new one (a captured NIP-98 header replayed).
struct Replayer {
    inner: InProcess,
    last: RefCell<Option<ApiRequest>>,
    armed: Cell<bool>,
}

fn copy(request: &ApiRequest) -> ApiRequest {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

impl Transport for Replayer {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        let request = match self.last.borrow().as_ref() {
            Some(last) if self.armed.get() => copy(last),
            _ => request,
        };
        *self.last.borrow_mut() = Some(copy(&request));
        self.inner.send(request).await
    }
}

#[tokio::test]
async fn a_replayed_nip98_event_is_an_auth_error() {
    let sandbox = InProcess::new(2);
    let signer = KeySigner::generate();
    let acc = nostr_account(sandbox.base(), &signer);
    let transport = Replayer {
        inner: sandbox.clone(),
        last: RefCell::new(None),
        armed: Cell::new(false),
    };
    let session = Session::new(acc, &transport, signer, sandbox.clone());
    let servers = session.list_servers().await.expect("list");
    assert_eq!(servers.len(), 2);

    transport.armed.set(true);
    let replayed = session.list_servers().await;
    assert_eq!(
        replayed,
        Err(ProviderError::Auth {
            message: "Credential has already been used".into(),
            credential: lnvps::CREDENTIAL.into(),
        })
    );
    let shown = replayed.unwrap_err().to_string();
    assert!(shown.contains("Check the Nostr signer (NIP-98)"), "{shown}");

    // Even two minutes later, when LNVPS has forgotten the event id, the
    // event is then stale: a captured header is never accepted again.
    sandbox.clock.advance_ms(121_000);
    assert!(matches!(
        session.list_servers().await,
        Err(ProviderError::Auth { message, .. }) if message == "Created timestamp is out of range"
    ));

    transport.armed.set(false);
    assert_eq!(
        session.list_servers().await.expect("a fresh event").len(),
        2,
        "the client signs a new event for every request"
    );
}

/// The sandbox's clock, read `behind` seconds late.
#[derive(Clone)]
struct LateClock {
    inner: InProcess,
    behind: u64,
}

impl Clock for LateClock {
    fn now(&self) -> u64 {
        self.inner.now() - self.behind
    }

    async fn sleep(&self, duration: Duration) {
        self.inner.sleep(duration).await
    }
}

#[tokio::test]
async fn a_stale_nip98_event_is_an_auth_error() {
    let sandbox = InProcess::new(1);
    let session_behind = |behind| {
        let signer = KeySigner::generate();
        let acc = nostr_account(sandbox.base(), &signer);
        let clock = LateClock {
            inner: sandbox.clone(),
            behind,
        };
        Session::new(acc, sandbox.clone(), signer, clock)
    };

    let within = session_behind(60);
    let who = within
        .test_connection()
        .await
        .expect("60 s off is still inside the window");
    assert!(who.identity.starts_with("npub1"));

    let stale = session_behind(61);
    match stale.test_connection().await {
        Err(ProviderError::Auth {
            message,
            credential,
        }) => {
            assert_eq!(message, "Created timestamp is out of range");
            assert_eq!(credential, lnvps::CREDENTIAL);
        }
        other => panic!("a stale event is refused as an auth error: {other:?}"),
    }
    // Public calls are not signed, so a late clock does not affect them.
    let templates = stale.lnvps(|a| Ok(a.templates())).await.expect("templates");
    assert!(!templates.templates.is_empty());
}
