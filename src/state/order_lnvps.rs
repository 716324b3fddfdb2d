//! The LNVPS order flow (seed: "VM Creation Flow"): journal the order, send
//! `POST /api/v1/vm` (or `/vm/custom-template`), ask for the first invoice
//! (`GET /vm/{id}/renew?method=lightning`), poll the payment until paid and
//! the VM until it runs.
//!
//! [`drive`] is the whole flow after the order was sent, and resumes a
//! journaled order from wherever it stopped: an order whose answer was lost
//! is looked for in the VM list (same template, image and key, created after
//! the journal entry) instead of being sent again; an invoice is asked for
//! again (LNVPS returns the identical unpaid one); an expired invoice waits
//! for the person to ask for a new one.

use super::order_flow::{log_step as log, outcome_unknown, wait_after};
use super::orders::{LightningInvoice, Orders};
use super::{AppSession, Panel};
use crate::services::clock::now_ms;
use crate::services::order_journal::{JournalEntry, OrderState};
use leptos::prelude::WithUntracked;
use leptos::task::spawn_local;
use providers::driver::{Operation, OrderTicket, PollPolicy};
use providers::lnvps::{self, CustomTemplate, CustomVmOrder, NewVm, Renewal, VmPayment, VmStatus};
use providers::{ProgressState, ProviderError, ProviderId};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// What the wizard orders from LNVPS (journaled as the order's request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LnvpsRequest {
    /// A standard template.
    Template(NewVm),
    /// A custom build.
    Custom(CustomVmOrder),
}

impl LnvpsRequest {
    /// True when `vm` is what this request orders (template or size, image, key).
    fn matches(&self, vm: &VmStatus) -> bool {
        let image = vm.image.as_ref().map(|i| i.id);
        let key = vm.ssh_key.as_ref().map(|k| k.id);
        match self {
            LnvpsRequest::Template(new) => {
                vm.template.as_ref().map(|t| t.id) == Some(new.template_id)
                    && image == Some(new.image_id)
                    && key == Some(new.ssh_key_id)
            }
            LnvpsRequest::Custom(order) => {
                vm.size().is_some_and(|s| {
                    u64::from(s.cpu) == order.spec.cpu
                        && s.memory == order.spec.memory
                        && s.disk == order.spec.disk
                }) && image == Some(order.image_id)
                    && key == Some(order.ssh_key_id)
            }
        }
    }
}

/// Seconds of clock difference allowed between this browser and LNVPS when
/// matching a VM's creation time to a journal entry.
const CLOCK_SLACK_SECS: i64 = 120;

/// Places an order: journals it, then sends it and follows it. Returns the
/// order's key, or why nothing was sent.
pub fn place(
    panel: Panel,
    orders: Orders,
    account_id: &str,
    request: LnvpsRequest,
    custom: Option<CustomTemplate>,
    summary: String,
) -> Result<String, String> {
    let session = panel
        .session(account_id)
        .ok_or("this account is not in the panel")?;
    let ticket = OrderTicket::generate(ProviderId::Lnvps);
    let request_json = serde_json::to_value(&request).map_err(|e| e.to_string())?;
    let key = orders.open(&ticket, account_id, summary, request_json)?;
    orders.show(&key, |l| l.busy = Some("sending the order to LNVPS".into()));
    let flow_key = key.clone();
    spawn_local(async move {
        let key = flow_key;
        let s: &AppSession = &session;
        let request = &request;
        let custom = custom.as_ref();
        let sent = s
            .place_order(&ticket, |_| async move {
                match (request, custom) {
                    (LnvpsRequest::Template(new), _) => s.lnvps(|a| Ok(a.create_vm(new))).await,
                    (LnvpsRequest::Custom(order), Some(template)) => {
                        s.lnvps(|a| a.create_custom_vm(template, order)).await
                    }
                    (LnvpsRequest::Custom(_), None) => Err(ProviderError::validation(
                        "pricing_id",
                        "the custom plan's limits are not known",
                    )),
                }
            })
            .await;
        match sent {
            Ok(vm) => {
                orders.update(&key, |e| {
                    e.state = OrderState::Placed;
                    e.server_id = Some(vm.id.to_string());
                });
                log(
                    panel,
                    orders,
                    &key,
                    "order",
                    Ok(format!("LNVPS created VM {} (unpaid)", vm.id)),
                );
                drive_claimed(panel, orders, key).await;
            }
            Err(error) if outcome_unknown(&error) => {
                orders.update(&key, |e| {
                    e.note = Some(format!(
                        "No clear answer came: {error}. The panel looks for the order at LNVPS \
                         before anything is sent again."
                    ))
                });
                drive_claimed(panel, orders, key).await;
            }
            Err(error) => {
                log(panel, orders, &key, "order", Err(error.to_string()));
                orders.update(&key, |e| {
                    e.state = OrderState::Failed;
                    e.note = Some(format!("Not ordered, nothing was charged: {error}"));
                });
                orders.show(&key, |l| {
                    l.busy = None;
                    l.error = Some(error);
                });
                orders.release(&key);
            }
        }
    });
    Ok(key)
}

/// Follows (or resumes) a journaled order; the caller has claimed it.
pub fn drive(panel: Panel, orders: Orders, key: String) {
    spawn_local(drive_claimed(panel, orders, key));
}

/// Asks for a new invoice once the last one expired, and follows the order again.
pub fn new_invoice(panel: Panel, orders: Orders, key: &str) {
    log(
        panel,
        orders,
        key,
        "new invoice",
        Ok("the last invoice expired unpaid".into()),
    );
    orders.update(key, |e| {
        if let Some(Operation::Lnvps { payment_id, .. }) = e.operation.as_mut() {
            *payment_id = None;
        }
        e.state = OrderState::Placed;
    });
    orders.show(key, |l| {
        l.invoice = None;
        l.progress = None;
    });
    if let Some(entry) = orders.entry(key) {
        orders.resume(panel, &entry);
    }
}

async fn drive_claimed(panel: Panel, orders: Orders, key: String) {
    let outcome = run(panel, orders, &key).await;
    if let Err(error) = outcome {
        let gone = matches!(error, ProviderError::NotFound { .. });
        if gone {
            orders.update(&key, |e| {
                e.state = OrderState::Failed;
                e.note = Some(
                    "LNVPS no longer has this order (an unpaid order is deleted after an hour); \
                     nothing was charged"
                        .into(),
                );
            });
        }
        orders.show(&key, |l| {
            l.busy = None;
            l.error = Some(error);
        });
    }
    orders.release(&key);
}

/// The flow from wherever the journal says the order stands, until it runs,
/// fails, or waits for a new invoice.
async fn run(panel: Panel, orders: Orders, key: &str) -> Result<(), ProviderError> {
    let Some(entry) = orders.entry(key) else {
        return Ok(());
    };
    let session = panel
        .session(&entry.account_id)
        .ok_or(ProviderError::NotFound {
            message: "the order's account is not in the panel".into(),
        })?;
    let vm_id = match entry.server_id.clone() {
        Some(id) => id,
        None => match reconcile(&session, panel, orders, &entry).await? {
            Some(vm) => vm.id.to_string(),
            None => {
                orders.update(key, |e| {
                    e.state = OrderState::Failed;
                    e.note = Some(
                        "LNVPS has no VM from this order: it never arrived, and nothing was \
                         ordered or charged. Order again if you still want it."
                            .into(),
                    );
                });
                orders.show(key, |l| l.busy = None);
                return Ok(());
            }
        },
    };
    let id: u64 = vm_id.parse().map_err(|_| {
        ProviderError::validation("server_id", format!("`{vm_id}` is not an LNVPS VM id"))
    })?;
    loop {
        let payment = invoice(&session, orders, key, id).await?;
        if !payment.is_paid && payment_expired(&payment) {
            // Waits for the person to ask for a new invoice.
            orders.show(key, |l| l.busy = None);
            return Ok(());
        }
        if follow(&session, panel, orders, key).await? == Followed::Ended {
            return Ok(());
        }
    }
}

/// How following stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Followed {
    /// Running, failed, expired or dismissed.
    Ended,
    /// A new invoice was asked for: fetch it and follow again.
    NewInvoice,
}

/// The payment the journal says to follow, with its VM.
fn journaled_payment(orders: Orders, key: &str) -> Option<(String, Option<String>)> {
    match orders.entry(key)?.operation {
        Some(Operation::Lnvps { vm_id, payment_id }) => Some((vm_id, payment_id)),
        _ => None,
    }
}

/// Looks for the VM a journaled order created whose answer was lost.
async fn reconcile(
    session: &Rc<AppSession>,
    panel: Panel,
    orders: Orders,
    entry: &JournalEntry,
) -> Result<Option<VmStatus>, ProviderError> {
    orders.show(entry.key(), |l| {
        l.busy = Some("looking for this order in the LNVPS VM list".into())
    });
    let request: LnvpsRequest = serde_json::from_value(entry.request.clone())
        .map_err(|e| ProviderError::validation("request", e.to_string()))?;
    let claimed: Vec<String> = orders
        .entries
        .with_untracked(|l| l.iter().filter_map(|e| e.server_id.clone()).collect());
    let since = (entry.created_ms / 1000) as i64 - CLOCK_SLACK_SECS;
    let vms = session.lnvps(|a| Ok(a.list_vms())).await?;
    let mut found: Vec<VmStatus> = vms
        .into_iter()
        .filter(|vm| !claimed.contains(&vm.id.to_string()))
        .filter(|vm| vm.created_at().is_some_and(|t| t.0 >= since))
        .filter(|vm| request.matches(vm))
        .collect();
    // The earliest match is this order's: a later one came from another order.
    found.sort_by_key(|vm| (vm.created_at(), vm.id));
    let vm = found.into_iter().next();
    if let Some(vm) = &vm {
        let id = vm.id.to_string();
        orders.update(entry.key(), |e| {
            e.state = OrderState::Placed;
            e.server_id = Some(id.clone());
            e.note = Some(format!(
                "Found at LNVPS as VM {id}: the order had arrived; it was not sent again"
            ));
        });
        log(
            panel,
            orders,
            entry.key(),
            "order",
            Ok(format!(
                "found at LNVPS as VM {id} after its answer was lost"
            )),
        );
    }
    Ok(vm)
}

/// The order's invoice: the journaled payment, or the first invoice asked
/// for now (LNVPS returns the identical unpaid one if it already exists).
async fn invoice(
    session: &Rc<AppSession>,
    orders: Orders,
    key: &str,
    vm_id: u64,
) -> Result<VmPayment, ProviderError> {
    let known = orders.entry(key).and_then(|e| match e.operation {
        Some(Operation::Lnvps { payment_id, .. }) => payment_id,
        _ => None,
    });
    orders.show(key, |l| {
        l.busy = Some("asking LNVPS for the Lightning invoice".into())
    });
    let payment = match known {
        Some(id) => session.lnvps(|a| a.payment(&id)).await?,
        None => {
            session
                .lnvps(|a| a.renew(vm_id, &Renewal::lightning()))
                .await?
        }
    };
    let operation = Operation::Lnvps {
        vm_id: vm_id.to_string(),
        payment_id: Some(payment.id.clone()),
    };
    let state = if payment.is_paid {
        OrderState::Provisioning
    } else {
        OrderState::AwaitingPayment
    };
    orders.update(key, |e| {
        e.operation = Some(operation);
        if e.state.in_flight() {
            e.state = state;
        }
    });
    let shown = shown_invoice(&payment);
    orders.show(key, |l| {
        l.invoice = shown;
        l.busy = None;
    });
    Ok(payment)
}

/// The invoice as shown (`None` when the payment is not a Lightning one).
fn shown_invoice(p: &VmPayment) -> Option<LightningInvoice> {
    let bolt11 = p.bolt11()?.to_string();
    let total = p.total();
    let amount = lnvps::money(total, &p.currency, lnvps::btc_unit(total, Some(&bolt11)));
    Some(LightningInvoice {
        payment_id: p.id.clone(),
        amount: amount.to_string(),
        expires_ms: p.expires_at().map(|t| (t.0.max(0) as u64) * 1000),
        paid: p.is_paid,
        bolt11,
    })
}

fn payment_expired(p: &VmPayment) -> bool {
    p.expires_at()
        .is_some_and(|t| (t.0.max(0) as u64) * 1000 <= now_ms())
}

/// Polls the order until the VM runs, the invoice expires, or it fails.
async fn follow(
    session: &Rc<AppSession>,
    panel: Panel,
    orders: Orders,
    key: &str,
) -> Result<Followed, ProviderError> {
    let interval = PollPolicy::for_provider(ProviderId::Lnvps).interval;
    loop {
        // The journal decides: dismissed, dropped, or given a new invoice.
        if !orders.entry(key).is_some_and(|e| e.state.in_flight()) {
            return Ok(Followed::Ended);
        }
        let Some((vm_id, payment_id)) = journaled_payment(orders, key) else {
            return Ok(Followed::Ended);
        };
        let Some(payment_id) = payment_id else {
            return Ok(Followed::NewInvoice);
        };
        let operation = Operation::Lnvps {
            vm_id,
            payment_id: Some(payment_id.clone()),
        };
        let result = session.progress(&operation).await;
        if journaled_payment(orders, key).and_then(|(_, p)| p) != Some(payment_id) {
            // Asked for a new invoice while this reading was on its way.
            continue;
        }
        match result {
            Ok(progress) => {
                orders.progressed(key, &progress);
                if progress.state != ProgressState::AwaitingPayment {
                    orders.show(key, |l| {
                        if let Some(i) = l.invoice.as_mut() {
                            i.paid = true;
                        }
                    });
                }
                match progress.state {
                    ProgressState::Done => {
                        orders.update(key, |e| e.note = None);
                        let server = progress.server_id.clone().unwrap_or_default();
                        log(
                            panel,
                            orders,
                            key,
                            "order",
                            Ok(format!("VM {server} paid and running")),
                        );
                        if let Some(entry) = orders.entry(key) {
                            panel.refresh(&entry.account_id);
                        }
                        return Ok(Followed::Ended);
                    }
                    // An invoice that expired unpaid: the person asks for a new one.
                    ProgressState::Failed if progress.stage == "invoice expired" => {
                        return Ok(Followed::Ended)
                    }
                    ProgressState::Failed => {
                        orders.update(key, |e| {
                            e.state = OrderState::Failed;
                            e.note = progress.message.clone();
                        });
                        return Ok(Followed::Ended);
                    }
                    _ => {}
                }
            }
            Err(error) => {
                wait_after(orders, key, error, interval).await?;
                continue;
            }
        }
        gloo_timers::future::sleep(interval).await;
    }
}
