//! The order flow of LlamaLink, LiteVPS, CyberPanel and HOSTKEY: journal the
//! order, send it once, then follow the provider's progress until the server
//! runs. LNVPS, with its Lightning invoice, has its own flow
//! (`order_lnvps`); both share the journal and the follow-up page.
//!
//! An order whose answer was lost is never blindly sent again: LlamaLink's
//! is re-sent with the same `x-provision-op-id` (the provider answers the
//! first result); the others are looked for in the provider's server list
//! by the unique name the form gave them, and only reported as never
//! arrived when they are not there.

use super::activity::{self, Activity};
use super::orders::Orders;
use super::{AppSession, Panel};
use crate::services::order_journal::{JournalEntry, OrderItem, OrderState};
use leptos::prelude::WithUntracked;
use leptos::task::spawn_local;
use providers::driver::{Operation, OrderTicket, PollPolicy};
use providers::hostkey::{self, DeployPeriod};
use providers::llamalink::{CustomBuild, CustomPricing};
use providers::{cyberpanel, litevps, ProgressState, ProviderError, ProviderId, Secret};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use std::time::Duration;

/// What is ordered (journaled as the order's request).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OrderRequest {
    /// A LlamaLink shop plan with an OS template.
    LlamalinkPlan {
        /// The plan's `planId`.
        plan_id: String,
        /// The OS template id.
        os: String,
    },
    /// A LlamaLink custom build, priced by the published formula.
    LlamalinkCustom(CustomBuild),
    /// LiteVPS servers: one, or a batch (one request, a result per server).
    Litevps {
        /// The servers, each with its own name.
        servers: Vec<litevps::NewVps>,
    },
    /// One CyberPanel VPS.
    Cyberpanel(cyberpanel::CreateVps),
    /// One HOSTKEY instance.
    Hostkey(HostkeyOrder),
}

/// A HOSTKEY order (`eq/order_instance`); the root password is never journaled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostkeyOrder {
    /// Preset id.
    pub preset: String,
    /// Location code (`NL`).
    pub location: String,
    /// OS id.
    pub os_id: String,
    /// Software id, if any.
    pub soft_id: Option<String>,
    /// Traffic plan id.
    pub traffic_plan: String,
    /// Billing period (`monthly`).
    pub period: String,
    /// Host name: also how the order is recognised on its invoice.
    pub hostname: String,
    /// A public SSH key for root.
    pub ssh_key: Option<String>,
    /// The root password (kept in memory only).
    #[serde(skip)]
    pub root_pass: Secret,
}

impl HostkeyOrder {
    /// The order as HOSTKEY's client takes it.
    pub fn order(&self) -> Result<hostkey::Order, ProviderError> {
        Ok(hostkey::Order {
            deploy_period: self.period.parse::<DeployPeriod>()?,
            deploy_notify: true,
            preset: self.preset.clone(),
            location: self.location.clone(),
            os_id: self.os_id.clone(),
            soft_id: self.soft_id.clone(),
            traffic_plan: self.traffic_plan.clone(),
            root_pass: self.root_pass.clone(),
            hostname: Some(self.hostname.clone()),
            ssh_key: self.ssh_key.clone(),
            post_install_callback: None,
            post_install_script: None,
            os_name: None,
            own_os: None,
            root_size: None,
            jenkins_task: None,
        })
    }
}

impl OrderRequest {
    /// The provider it goes to.
    pub fn provider(&self) -> ProviderId {
        match self {
            OrderRequest::LlamalinkPlan { .. } | OrderRequest::LlamalinkCustom(_) => {
                ProviderId::Llamalink
            }
            OrderRequest::Litevps { .. } => ProviderId::Litevps,
            OrderRequest::Cyberpanel(_) => ProviderId::Cyberpanel,
            OrderRequest::Hostkey(_) => ProviderId::Hostkey,
        }
    }

    /// The request as journaled: secrets (a root password) left out, since a
    /// journaled order is only ever looked for again, never re-sent, where
    /// the request holds one.
    fn journaled(&self) -> OrderRequest {
        match self {
            OrderRequest::Cyberpanel(vps) => OrderRequest::Cyberpanel(cyberpanel::CreateVps {
                root_password: Secret::default(),
                webhook_secret: None,
                ..vps.clone()
            }),
            other => other.clone(),
        }
    }

    /// The names the new servers get, to find them after a lost answer.
    fn names(&self) -> Vec<String> {
        match self {
            OrderRequest::LlamalinkPlan { .. } => Vec::new(),
            OrderRequest::LlamalinkCustom(build) => vec![build.name.clone()],
            OrderRequest::Litevps { servers } => servers.iter().map(|v| v.name.clone()).collect(),
            OrderRequest::Cyberpanel(vps) => vec![vps.hostname.clone()],
            OrderRequest::Hostkey(order) => vec![order.hostname.clone()],
        }
    }

    /// What to follow for a server this order created.
    fn operation_for(&self, server_id: &str) -> Option<Operation> {
        match self {
            OrderRequest::Litevps { .. } => Some(Operation::Litevps {
                vps_id: server_id.into(),
            }),
            OrderRequest::Cyberpanel(_) => Some(Operation::Cyberpanel {
                vps_id: server_id.into(),
            }),
            _ => None,
        }
    }
}

/// What the provider answered to an order.
struct Placed {
    server_id: Option<String>,
    operation: Option<Operation>,
    items: Vec<OrderItem>,
    detail: String,
    /// The invoice issued, and whether it is paid already.
    invoice: Option<(String, bool)>,
}

impl Placed {
    /// One server being set up, followed by its id.
    fn server(request: &OrderRequest, id: String, detail: String) -> Self {
        Placed {
            detail,
            operation: request.operation_for(&id),
            server_id: Some(id),
            items: Vec::new(),
            invoice: None,
        }
    }
}

/// Places an order: journals it, then sends it and follows it. Returns the
/// order's key, or why nothing was sent.
pub fn place(
    panel: Panel,
    orders: Orders,
    account_id: &str,
    request: OrderRequest,
    summary: String,
) -> Result<String, String> {
    let session = panel
        .session(account_id)
        .ok_or("this account is not in the panel")?;
    let provider = request.provider();
    if session.provider() != provider {
        return Err(format!(
            "this account is not a {} account",
            provider.display_name()
        ));
    }
    let ticket = OrderTicket::generate(provider);
    let journaled = serde_json::to_value(request.journaled()).map_err(|e| e.to_string())?;
    let key = orders.open(&ticket, account_id, summary, journaled)?;
    let flow_key = key.clone();
    spawn_local(async move {
        let outcome = send_and_follow(&session, panel, orders, &flow_key, &request).await;
        finish(orders, &flow_key, outcome);
    });
    Ok(key)
}

/// Follows (or resumes) a journaled order; the caller has claimed it.
pub fn drive(panel: Panel, orders: Orders, key: String) {
    spawn_local(async move {
        let outcome = resume(panel, orders, &key).await;
        finish(orders, &key, outcome);
    });
}

/// Shows how the flow stopped and lets the order be followed again.
fn finish(orders: Orders, key: &str, outcome: Result<(), ProviderError>) {
    if let Err(error) = outcome {
        orders.show(key, |l| {
            l.busy = None;
            l.error = Some(error);
        });
    } else {
        orders.show(key, |l| l.busy = None);
    }
    orders.release(key);
}

async fn resume(panel: Panel, orders: Orders, key: &str) -> Result<(), ProviderError> {
    let Some(entry) = orders.entry(key) else {
        return Ok(());
    };
    let session = panel
        .session(&entry.account_id)
        .ok_or(ProviderError::NotFound {
            message: "the order's account is not in the panel".into(),
        })?;
    let request: OrderRequest = serde_json::from_value(entry.request.clone())
        .map_err(|e| ProviderError::validation("request", e.to_string()))?;
    if entry.state != OrderState::Sending {
        return follow(&session, panel, orders, key).await;
    }
    if request.provider() == ProviderId::Llamalink {
        // Same op id: LlamaLink answers the first result, it orders nothing twice.
        return send_and_follow(&session, panel, orders, key, &request).await;
    }
    if reconcile(&session, panel, orders, &entry, &request).await? {
        follow(&session, panel, orders, key).await
    } else {
        Ok(())
    }
}

/// Sends the journaled order (once; LlamaLink's may be retried with its op
/// id) and follows it.
async fn send_and_follow(
    session: &Rc<AppSession>,
    panel: Panel,
    orders: Orders,
    key: &str,
    request: &OrderRequest,
) -> Result<(), ProviderError> {
    let Some(entry) = orders.entry(key) else {
        return Ok(());
    };
    let provider = request.provider();
    orders.show(key, |l| {
        l.busy = Some(format!("sending the order to {}", provider.display_name()));
        l.error = None;
    });
    match send(session, &entry.ticket, request).await {
        Ok(placed) => {
            log(panel, orders, key, Ok(placed.detail.clone()));
            orders.update(key, |e| {
                e.state = match placed.invoice {
                    Some((_, false)) => OrderState::AwaitingPayment,
                    Some((_, true)) => OrderState::Provisioning,
                    None => OrderState::Placed,
                };
                e.invoice = placed.invoice.map(|(id, _)| id);
                e.server_id = placed.server_id;
                e.operation = placed.operation;
                e.items = placed.items;
                e.note = None;
            });
            follow(session, panel, orders, key).await
        }
        Err(error) if outcome_unknown(&error) && provider != ProviderId::Llamalink => {
            orders.update(key, |e| {
                e.note = Some(format!(
                    "No clear answer came: {error}. The panel looks for the order at {} \
                     before anything is sent again.",
                    provider.display_name()
                ))
            });
            if reconcile(session, panel, orders, &entry, request).await? {
                follow(session, panel, orders, key).await
            } else {
                Ok(())
            }
        }
        Err(error) if outcome_unknown(&error) => Err(error),
        Err(error) => {
            log(panel, orders, key, Err(error.to_string()));
            orders.update(key, |e| {
                e.state = OrderState::Failed;
                e.note = Some(format!("Not ordered, nothing was charged: {error}"));
            });
            Err(error)
        }
    }
}

/// One order request, sent with the provider's own call.
async fn send(
    s: &AppSession,
    ticket: &OrderTicket,
    request: &OrderRequest,
) -> Result<Placed, ProviderError> {
    let placed = match request {
        OrderRequest::LlamalinkPlan { plan_id, os } => {
            let done = s
                .place_order(ticket, |t| async move {
                    s.llamalink(|a| a.subscribe_vps(&t.op_id, plan_id, os))
                        .await
                })
                .await?;
            llamalink_placed(ticket, done)
        }
        OrderRequest::LlamalinkCustom(build) => {
            let plans = s.llamalink(|a| Ok(a.vps_plans())).await?;
            let pricing =
                CustomPricing::from_offer(plans.custom.as_ref().and_then(|c| c.pricing.as_ref()));
            let pricing = &pricing;
            let done = s
                .place_order(ticket, |t| async move {
                    s.llamalink(|a| a.custom_package(&t.op_id, build, pricing))
                        .await
                })
                .await?;
            llamalink_placed(ticket, done)
        }
        OrderRequest::Hostkey(request) => {
            let order = request.order()?;
            let order = &order;
            let ordered = s
                .place_order(ticket, |_| async move {
                    s.hostkey(|a| a.order_instance(order)).await
                })
                .await?;
            let invoice = ordered
                .invoice
                .clone()
                .ok_or(ProviderError::UnexpectedBody {
                    status: 200,
                    reason: "HOSTKEY took the order but named no invoice".into(),
                    body: String::new(),
                })?;
            let paid = ordered.is_paid();
            Placed {
                detail: format!(
                    "HOSTKEY issued invoice {invoice} for {} ({})",
                    request.hostname,
                    if paid { "paid from credit" } else { "unpaid" }
                ),
                server_id: None,
                operation: None,
                items: Vec::new(),
                invoice: Some((invoice, paid)),
            }
        }
        OrderRequest::Litevps { servers } => match servers.as_slice() {
            [one] => {
                let vps = s
                    .place_order(
                        ticket,
                        |_| async move { s.litevps(|a| a.create_vps(one)).await },
                    )
                    .await?;
                let detail = format!("LiteVPS created {} ({})", vps.name, vps.id);
                Placed::server(request, vps.id, detail)
            }
            many => {
                let created = s
                    .place_order(ticket, |_| async move {
                        s.litevps(|a| a.batch_create(many)).await
                    })
                    .await?;
                let items: Vec<OrderItem> = many
                    .iter()
                    .enumerate()
                    .map(|(i, new)| {
                        let result = created.results.iter().find(|r| r.index == i);
                        OrderItem {
                            name: new.name.clone(),
                            server_id: result.and_then(|r| r.vps.as_ref()).map(|v| v.id.clone()),
                            error: match result {
                                None => Some("LiteVPS gave no result for this server".into()),
                                Some(r) => r.error.clone(),
                            },
                            done: false,
                        }
                    })
                    .collect();
                let made = items.iter().filter(|i| i.server_id.is_some()).count();
                if made == 0 {
                    let reasons: Vec<String> = items
                        .iter()
                        .filter_map(|i| i.error.as_ref().map(|e| format!("{}: {e}", i.name)))
                        .collect();
                    return Err(ProviderError::validation("vms", reasons.join("; ")));
                }
                Placed {
                    detail: format!("LiteVPS created {made} of {} servers", items.len()),
                    server_id: None,
                    operation: None,
                    items,
                    invoice: None,
                }
            }
        },
        OrderRequest::Cyberpanel(new) => {
            let created = s
                .place_order(ticket, |_| async move {
                    s.cyberpanel(|a| a.create_vps(new)).await
                })
                .await?;
            let id = created.data.vps_id.to_string();
            let detail = format!("CyberPanel is deploying {} ({id})", new.hostname);
            Placed::server(request, id, detail)
        }
    };
    Ok(placed)
}

fn llamalink_placed(ticket: &OrderTicket, done: providers::llamalink::Subscribed) -> Placed {
    let server_id = done.vps_id.map(|id| id.to_string());
    Placed {
        detail: match &server_id {
            Some(id) => format!("LlamaLink subscribed server {id}"),
            None => "LlamaLink took the order".into(),
        },
        server_id,
        operation: Some(Operation::Llamalink {
            op_id: ticket.op_id.clone(),
        }),
        items: Vec::new(),
        invoice: None,
    }
}

/// Looks for the servers of an order whose answer was lost; true when found
/// (the journal then says what to follow), false when it never arrived.
async fn reconcile(
    session: &Rc<AppSession>,
    panel: Panel,
    orders: Orders,
    entry: &JournalEntry,
    request: &OrderRequest,
) -> Result<bool, ProviderError> {
    let provider = request.provider();
    if let OrderRequest::Hostkey(order) = request {
        orders.show(entry.key(), |l| {
            l.busy = Some("looking for this order among the HOSTKEY invoices".into())
        });
        return reconcile_hostkey(session, panel, orders, entry, &order.hostname).await;
    }
    orders.show(entry.key(), |l| {
        l.busy = Some(format!(
            "looking for this order in the {} server list",
            provider.display_name()
        ))
    });
    let claimed: Vec<String> = orders.entries.with_untracked(|l| {
        l.iter()
            .filter(|e| e.key() != entry.key())
            .flat_map(|e| {
                e.server_id
                    .iter()
                    .chain(e.items.iter().filter_map(|i| i.server_id.as_ref()))
            })
            .cloned()
            .collect()
    });
    let servers = session.list_servers().await?;
    let items: Vec<OrderItem> = request
        .names()
        .into_iter()
        .map(|name| {
            let found = servers
                .iter()
                .find(|s| s.name == name && !claimed.contains(&s.id));
            OrderItem {
                server_id: found.map(|s| s.id.clone()),
                error: found
                    .is_none()
                    .then(|| "never arrived: not created".to_string()),
                name,
                done: false,
            }
        })
        .collect();
    let found: Vec<&OrderItem> = items.iter().filter(|i| i.server_id.is_some()).collect();
    if found.is_empty() {
        orders.update(entry.key(), |e| {
            e.state = OrderState::Failed;
            e.note = Some(format!(
                "{} has no server from this order: it never arrived, and nothing was ordered \
                 or charged. Order again if you still want it.",
                provider.display_name()
            ));
        });
        return Ok(false);
    }
    let ids: Vec<String> = found.iter().filter_map(|i| i.server_id.clone()).collect();
    let single = items.len() == 1;
    let first = ids[0].clone();
    orders.update(entry.key(), |e| {
        e.state = OrderState::Placed;
        e.note = Some(format!(
            "Found at {} ({}): the order had arrived; it was not sent again",
            provider.display_name(),
            ids.join(", ")
        ));
        if single {
            e.operation = request.operation_for(&first);
            e.server_id = Some(first);
        } else {
            e.items = items;
        }
    });
    log(
        panel,
        orders,
        entry.key(),
        Ok(format!(
            "found at {} after its answer was lost",
            provider.display_name()
        )),
    );
    Ok(true)
}

/// Polls the order until its servers run or it fails.
async fn follow(
    session: &Rc<AppSession>,
    panel: Panel,
    orders: Orders,
    key: &str,
) -> Result<(), ProviderError> {
    let interval = PollPolicy::for_provider(session.provider()).interval;
    loop {
        let Some(entry) = orders.entry(key) else {
            return Ok(());
        };
        if !entry.state.in_flight() {
            return Ok(());
        }
        orders.show(key, |l| l.busy = None);
        let step = if entry.items.is_empty() {
            follow_one(session, panel, orders, &entry).await
        } else {
            follow_items(session, panel, orders, &entry).await
        };
        match step {
            Ok(true) => return Ok(()),
            Ok(false) => gloo_timers::future::sleep(interval).await,
            Err(error) => wait_after(orders, key, error, interval).await?,
        }
    }
}

/// After a reading failed: waits out a rate limit, or shows a passing
/// network failure and waits `interval`, before the next reading; any other
/// error ends the following.
pub(super) async fn wait_after(
    orders: Orders,
    key: &str,
    error: ProviderError,
    interval: Duration,
) -> Result<(), ProviderError> {
    match error {
        ProviderError::RateLimited {
            retry_after_secs, ..
        } => {
            let wait = retry_after_secs.unwrap_or(interval.as_secs()).max(1);
            gloo_timers::future::sleep(Duration::from_secs(wait)).await;
            Ok(())
        }
        error @ ProviderError::Transport { .. } => {
            orders.show(key, |l| l.error = Some(error));
            gloo_timers::future::sleep(interval).await;
            Ok(())
        }
        error => Err(error),
    }
}

/// One reading of a single-server order; true once it ended.
async fn follow_one(
    session: &Rc<AppSession>,
    panel: Panel,
    orders: Orders,
    entry: &JournalEntry,
) -> Result<bool, ProviderError> {
    let key = entry.key();
    if entry.ticket.provider == ProviderId::Hostkey
        && !hostkey_ready(session, orders, entry).await?
    {
        return Ok(false);
    }
    let Some(operation) = orders.entry(key).and_then(|e| e.operation) else {
        return Ok(true);
    };
    let progress = session.progress(&operation).await?;
    orders.progressed(key, &progress);
    match progress.state {
        ProgressState::Done => {
            let server = progress.server_id.clone().or(entry.server_id.clone());
            orders.update(key, |e| {
                e.server_id = server.clone();
                e.note = None;
            });
            log(
                panel,
                orders,
                key,
                Ok(format!("server {} running", server.unwrap_or_default())),
            );
            if entry.ticket.provider == ProviderId::Hostkey {
                // HOSTKEY lists a new server only after its list is refreshed.
                session.hostkey(|a| a.update_servers()).await?;
            }
            panel.refresh(&entry.account_id);
            Ok(true)
        }
        ProgressState::Failed => {
            let message = progress
                .message
                .clone()
                .unwrap_or_else(|| format!("stopped at “{}”", progress.stage));
            log(panel, orders, key, Err(message.clone()));
            orders.update(key, |e| {
                e.state = OrderState::Failed;
                e.note = Some(message);
            });
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// HOSTKEY: true once the order's invoice is paid and its deployment key
/// known (`auth/info` lists it with the invoice); until then the deployment
/// answers "not ready" whether paid or not, so the invoice is read instead.
async fn hostkey_ready(
    session: &Rc<AppSession>,
    orders: Orders,
    entry: &JournalEntry,
) -> Result<bool, ProviderError> {
    let key = entry.key();
    let Some(invoice) = entry.invoice.clone() else {
        return Ok(false);
    };
    if entry.state == OrderState::AwaitingPayment {
        let detail = session.hostkey(|a| a.get_invoice(&invoice)).await?;
        if !detail.status.eq_ignore_ascii_case("paid") {
            orders.progressed(
                key,
                &providers::Progress {
                    state: ProgressState::AwaitingPayment,
                    percent: None,
                    stage: "awaiting payment".into(),
                    tasks: Vec::new(),
                    server_id: None,
                    message: Some(format!(
                        "invoice {invoice} is {}: {} due",
                        detail.status.to_lowercase(),
                        detail.balance
                    )),
                },
            );
            return Ok(false);
        }
        orders.update(key, |e| e.state = OrderState::Provisioning);
    }
    if entry.operation.is_some() {
        return Ok(true);
    }
    let info = session.hostkey(|a| a.info()).await?;
    let text = |v: &serde_json::Value| v.to_string().trim_matches('"').to_string();
    let Some(deploy) = info
        .deploy_keys
        .iter()
        .find(|k| text(&k["invoice"]) == invoice)
    else {
        return Ok(false);
    };
    let operation = Operation::Hostkey {
        key: text(&deploy["key"]),
        nat: false,
    };
    let server = text(&deploy["id"]);
    orders.update(key, |e| {
        e.operation = Some(operation);
        e.server_id = Some(server);
    });
    Ok(true)
}

/// Pays a HOSTKEY order's invoice from the account's credit.
pub fn pay_from_credit(panel: Panel, orders: Orders, key: &str) {
    let Some(entry) = orders.entry(key) else {
        return;
    };
    let (Some(invoice), Some(session)) = (entry.invoice.clone(), panel.session(&entry.account_id))
    else {
        return;
    };
    let key = key.to_string();
    orders.show(&key, |l| {
        l.busy = Some(format!("paying invoice {invoice} from your HOSTKEY credit"));
        l.error = None;
    });
    spawn_local(async move {
        let paid = async {
            let detail = session.hostkey(|a| a.get_invoice(&invoice)).await?;
            let due: Decimal = detail.balance.trim().parse().map_err(|_| {
                ProviderError::UnexpectedBody {
                    status: 200,
                    reason: format!("invoice {invoice} has no readable balance"),
                    body: detail.balance.clone(),
                }
            })?;
            let applied = session.hostkey(|a| a.apply_credit(&invoice, due)).await?;
            if applied.invoicepaid {
                Ok(due)
            } else {
                Err(ProviderError::PaymentRequired {
                    balance: None,
                    required: None,
                    message: format!(
                        "HOSTKEY applied credit to invoice {invoice} but it is not paid yet: pay the rest on the Billing page"
                    ),
                })
            }
        }
        .await;
        orders.show(&key, |l| l.busy = None);
        match paid {
            Ok(due) => {
                log_step(
                    panel,
                    orders,
                    &key,
                    "pay",
                    Ok(format!("invoice {invoice} paid from credit ({due})")),
                );
                orders.update(&key, |e| e.state = OrderState::Provisioning);
            }
            Err(error) => {
                log_step(panel, orders, &key, "pay", Err(error.to_string()));
                orders.show(&key, |l| l.error = Some(error));
            }
        }
    });
}

/// HOSTKEY: looks for the invoice of an order whose answer was lost among
/// the newest invoices (its line names the host name); true when found.
async fn reconcile_hostkey(
    session: &Rc<AppSession>,
    panel: Panel,
    orders: Orders,
    entry: &JournalEntry,
    hostname: &str,
) -> Result<bool, ProviderError> {
    let claimed: Vec<String> = orders
        .entries
        .with_untracked(|l| l.iter().filter_map(|e| e.invoice.clone()).collect());
    let list = session.hostkey(|a| a.get_invoices()).await?;
    let mut found = None;
    for invoice in list
        .invoices
        .iter()
        .filter(|i| !claimed.contains(&i.id))
        .take(5)
    {
        let detail = session.hostkey(|a| a.get_invoice(&invoice.id)).await?;
        let ours = detail
            .items
            .iter()
            .any(|item| item.description.contains(&format!("({hostname})")));
        if ours {
            found = Some((
                invoice.id.clone(),
                detail.status.eq_ignore_ascii_case("paid"),
            ));
            break;
        }
    }
    let Some((invoice, paid)) = found else {
        orders.update(entry.key(), |e| {
            e.state = OrderState::Failed;
            e.note = Some(
                "HOSTKEY has no invoice for this order: it never arrived, and nothing was \
                 ordered or charged. Order again if you still want it."
                    .into(),
            );
        });
        return Ok(false);
    };
    orders.update(entry.key(), |e| {
        e.state = if paid {
            OrderState::Provisioning
        } else {
            OrderState::AwaitingPayment
        };
        e.note = Some(format!(
            "Found at HOSTKEY as invoice {invoice}: the order had arrived; it was not sent again"
        ));
        e.invoice = Some(invoice.clone());
    });
    log(
        panel,
        orders,
        entry.key(),
        Ok(format!(
            "found at HOSTKEY as invoice {invoice} after its answer was lost"
        )),
    );
    Ok(true)
}

/// One reading of every server of a batch; true once each ran or failed.
async fn follow_items(
    session: &Rc<AppSession>,
    panel: Panel,
    orders: Orders,
    entry: &JournalEntry,
) -> Result<bool, ProviderError> {
    let key = entry.key();
    let request: OrderRequest = serde_json::from_value(entry.request.clone())
        .map_err(|e| ProviderError::validation("request", e.to_string()))?;
    let mut items = entry.items.clone();
    for item in items.iter_mut().filter(|i| !i.done && i.error.is_none()) {
        let Some(operation) = item
            .server_id
            .as_deref()
            .and_then(|id| request.operation_for(id))
        else {
            continue;
        };
        let progress = session.progress(&operation).await?;
        match progress.state {
            ProgressState::Done => item.done = true,
            ProgressState::Failed => {
                item.error = Some(progress.message.unwrap_or_else(|| progress.stage.clone()))
            }
            _ => {}
        }
    }
    let open = items
        .iter()
        .filter(|i| !i.done && i.error.is_none())
        .count();
    let running = items.iter().filter(|i| i.done).count();
    let total = items.len();
    let progress = providers::Progress {
        state: if open == 0 {
            ProgressState::Done
        } else {
            ProgressState::InProgress
        },
        percent: Some(((total - open) * 100 / total.max(1)) as u8),
        stage: format!("{running} of {total} running"),
        tasks: Vec::new(),
        server_id: None,
        message: None,
    };
    orders.update(key, |e| e.items = items);
    if open > 0 {
        orders.progressed(key, &progress);
        return Ok(false);
    }
    if running == 0 {
        orders.update(key, |e| {
            e.state = OrderState::Failed;
            e.note = Some("None of the servers came up: see each one's reason below.".into());
        });
        log(
            panel,
            orders,
            key,
            Err("no server of the batch came up".into()),
        );
    } else {
        orders.progressed(key, &progress);
        log(
            panel,
            orders,
            key,
            Ok(format!("{running} of {total} servers running")),
        );
        panel.refresh(&entry.account_id);
    }
    Ok(true)
}

/// Records an order in the activity log: `detail` when it worked, the reason when not.
fn log(panel: Panel, orders: Orders, key: &str, result: Result<String, String>) {
    log_step(panel, orders, key, "order", result)
}

/// Records a step of an order (`order`, `new invoice`) in the activity log.
pub fn log_step(
    panel: Panel,
    orders: Orders,
    key: &str,
    what: &str,
    result: Result<String, String>,
) {
    let Some(entry) = orders.entry(key) else {
        return;
    };
    let mut item = Activity::new(what)
        .provider(entry.ticket.provider)
        .target(entry.summary.clone());
    if let Some(account) = panel.account(&entry.account_id) {
        item = item.account(&account.account);
    }
    activity::record(match result {
        Ok(detail) => item.ok(detail),
        Err(reason) => item.failed(reason),
    });
}

/// True when a failed order may still have reached the provider.
pub fn outcome_unknown(error: &ProviderError) -> bool {
    match error {
        ProviderError::Transport { timed_out, .. } => *timed_out,
        ProviderError::Provider { status, .. } => *status >= 500,
        ProviderError::UnexpectedBody { .. } => true,
        _ => false,
    }
}
