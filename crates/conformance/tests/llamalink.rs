//! LlamaLink's whole lifecycle through the sandbox, in-process and over
//! loopback: sign in, list, order (idempotently), follow provisioning,
//! power-cycle, metrics, and the actions LlamaLink does not offer.

use conformance::in_process::InProcess;
use conformance::loopback::Loopback;
use conformance::{account, api_key, credential};
use providers::driver::{Operation, OrderTicket, Session};
use providers::signer::NoSigner;
use providers::{
    ApiRequest, ApiResponse, Clock, MetricRange, PowerAction, ProgressState, ProviderError,
    ProviderId, ServerStatus, Transport, TransportError,
};
use std::cell::Cell;

async fn lifecycle<T: Transport, C: Clock>(session: &Session<T, NoSigner, C>) {
    let who = session.test_connection().await.expect("the key works");
    assert!(
        who.identity.contains('@'),
        "identity is the profile email: {}",
        who.identity
    );
    assert!(
        who.details
            .iter()
            .any(|(k, v)| k == "saved cards" && v.contains("••••")),
        "{:?}",
        who.details
    );

    let before = session.list_servers().await.expect("list");
    assert!(!before.is_empty());
    assert!(before.iter().all(|s| s.provider == ProviderId::Llamalink));

    let plans = session
        .llamalink(|a| Ok(a.vps_plans()))
        .await
        .expect("plans");
    let os = session
        .llamalink(|a| Ok(a.os_templates()))
        .await
        .expect("templates");
    let plan = plans.items.first().expect("a plan").id.clone();
    let image = os
        .items
        .iter()
        .find(|o| o.enabled && !o.is_windows())
        .expect("an OS")
        .id
        .clone();

    let ticket = OrderTicket::generate(ProviderId::Llamalink);
    let placed = session
        .place_order(&ticket, |t| {
            let (plan, image) = (plan.clone(), image.clone());
            async move {
                session
                    .llamalink(|a| a.subscribe_vps(&t.op_id, &plan, &image))
                    .await
            }
        })
        .await
        .expect("order");
    assert!(placed.subscribed);
    let vps_id = placed.vps_id.expect("a server id").to_string();

    let mut stages = Vec::new();
    let done = session
        .follow(
            &Operation::Llamalink {
                op_id: ticket.op_id.clone(),
            },
            |p| stages.push(p.percent),
        )
        .await
        .expect("provisioning finishes");
    assert_eq!(done.state, ProgressState::Done);
    assert_eq!(done.server_id.as_deref(), Some(vps_id.as_str()));
    assert!(
        stages.len() >= 2,
        "progress was seen on the way: {stages:?}"
    );

    let server = session.server(&vps_id).await.expect("the new server");
    let server = if server.status == ServerStatus::Running {
        server
    } else {
        // Booting after the installer finished.
        session
            .power_and_wait(&vps_id, PowerAction::Start, |_| {})
            .await
            .expect("running")
    };
    assert_eq!(server.status, ServerStatus::Running);
    let after = session.list_servers().await.expect("list");
    assert_eq!(after.len(), before.len() + 1);

    let stopped = session
        .power_and_wait(&vps_id, PowerAction::Stop, |_| {})
        .await
        .expect("stop");
    assert_eq!(stopped.status, ServerStatus::Stopped);
    let started = session
        .power_and_wait(&vps_id, PowerAction::Start, |_| {})
        .await
        .expect("start");
    assert_eq!(started.status, ServerStatus::Running);

    let running = before
        .iter()
        .find(|s| s.status == ServerStatus::Running)
        .expect("a running server");
    let series = session
        .metrics(&running.id, MetricRange::Day)
        .await
        .expect("metrics");
    assert_eq!(series.len(), 2, "CPU and memory");
    assert!(series.iter().all(|s| !s.points.is_empty()));

    let invoices = session.invoices().await.expect("subscriptions");
    assert!(invoices.len() > before.len().min(1));
    for unsupported in [
        session.delete(&vps_id).await,
        session.balance().await.map(|_| ()),
    ] {
        assert!(
            matches!(unsupported, Err(ProviderError::Unsupported { .. })),
            "{unsupported:?}"
        );
    }
}

#[tokio::test]
async fn lifecycle_in_process() {
    let sandbox = InProcess::new(4);
    let key = credential(
        &sandbox.sandbox.borrow(),
        sandbox::Provider::Llamalink,
        "api key",
    );
    let acc = account(ProviderId::Llamalink, sandbox.base(), api_key(&key));
    let session = Session::new(acc, sandbox.clone(), NoSigner, sandbox.clone());
    lifecycle(&session).await;
}

#[tokio::test]
async fn lifecycle_over_loopback() {
    let server = Loopback::start(4).await;
    let creds: serde_json::Value =
        serde_json::from_str(&server.raw("GET", "/_sandbox/credentials", "").await.1).unwrap();
    let key = creds["llamalink"]["api key"]
        .as_str()
        .expect("a key")
        .to_string();
    let acc = account(ProviderId::Llamalink, &server.base, api_key(&key));
    let session = Session::new(acc, &server, NoSigner, &server);
    lifecycle(&session).await;
}

/// Passes requests to the sandbox but loses the first order answer on the way back.
struct LosesFirstOrderAnswer {
    inner: InProcess,
    lost: Cell<u32>,
}

impl Transport for LosesFirstOrderAnswer {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        let is_order = request.uri().path().ends_with("/subscribe-vps");
        let response = self.inner.send(request).await?;
        if is_order && self.lost.get() == 0 {
            self.lost.set(1);
            return Err(TransportError::timeout("the answer was lost"));
        }
        Ok(response)
    }
}

#[tokio::test]
async fn an_order_whose_answer_is_lost_is_retried_with_the_same_op_id_and_charged_once() {
    let sandbox = InProcess::new(2);
    let key = credential(
        &sandbox.sandbox.borrow(),
        sandbox::Provider::Llamalink,
        "api key",
    );
    let acc = account(ProviderId::Llamalink, sandbox.base(), api_key(&key));
    let transport = LosesFirstOrderAnswer {
        inner: sandbox.clone(),
        lost: Cell::new(0),
    };
    let session = Session::new(acc, &transport, NoSigner, sandbox.clone());
    let subscriptions_before = session.invoices().await.expect("subscriptions").len();

    let ticket = OrderTicket::generate(ProviderId::Llamalink);
    let mark = session.mark();
    let s = &session;
    let placed = session
        .place_order(&ticket, |t| async move {
            s.llamalink(|a| a.subscribe_vps(&t.op_id, "spark", "ubuntu-22"))
                .await
        })
        .await
        .expect("the retry gets the first result");
    assert_eq!(transport.lost.get(), 1, "the first answer was lost");
    let sent: Vec<_> = session
        .sent_since(mark)
        .into_iter()
        .filter(|r| r.curl.contains("subscribe-vps"))
        .collect();
    assert_eq!(sent.len(), 2, "sent twice");
    for request in &sent {
        assert!(
            request
                .curl
                .contains(&format!("X-Provision-Op-Id: {}", ticket.op_id)),
            "same op id: {}",
            request.curl
        );
    }
    assert!(placed.vps_id.is_some());
    let subscriptions_after = session.invoices().await.expect("subscriptions").len();
    assert_eq!(
        subscriptions_after,
        subscriptions_before + 1,
        "charged once"
    );
}
