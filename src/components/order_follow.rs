//! One order followed to the end: what was ordered, a progress bar over the
//! order's stages, the invoice while it waits for payment, the provider's
//! errors with a retry, and a link to the new server once it runs.

use super::error_notice::ErrorNotice;
use super::lightning_invoice::LightningInvoiceView;
use super::stage_progress::{StageAt, StageProgress};
use crate::services::order_journal::{JournalEntry, OrderState};
use crate::state::orders::{LightningInvoice, LiveOrder, Orders};
use crate::state::{order_flow, order_lnvps};
use crate::state::{Keep, Panel};
use leptos::prelude::*;
use leptos_router::components::A;
use providers::ProviderId;

/// The stages of an order paid by invoice (LNVPS's seed: order, invoice and
/// payment, then the VM until `running`; HOSTKEY's invoice, then the deploy).
const PAID_STAGES: &[&str] = &["order", "awaiting payment", "provisioning", "running"];
/// The stages of an order charged to a card or balance: the provider takes
/// it and sets the server up.
const CHARGED_STAGES: &[&str] = &["order", "provisioning", "running"];

/// The stages an order of `provider` goes through.
pub fn order_stages(provider: ProviderId) -> &'static [&'static str] {
    match provider {
        ProviderId::Lnvps | ProviderId::Hostkey => PAID_STAGES,
        _ => CHARGED_STAGES,
    }
}

/// Where an order of `provider` stands among its [`order_stages`].
pub fn stage_of(provider: ProviderId, state: OrderState, failed_at: Option<usize>) -> StageAt {
    let stages = order_stages(provider);
    let paid = stages.len() == PAID_STAGES.len();
    let index = match state {
        OrderState::Sending => 0,
        OrderState::Placed | OrderState::AwaitingPayment => 1,
        OrderState::Provisioning if paid => 2,
        OrderState::Provisioning => 1,
        OrderState::Done => stages.len(),
        OrderState::Failed => failed_at.unwrap_or(0),
    };
    StageAt {
        index,
        failed: state == OrderState::Failed,
    }
}

/// One order, by its journal key.
#[component]
pub fn OrderFollow(
    /// The order's key.
    key: String,
) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let orders = expect_context::<Orders>();
    let entry = {
        let key = key.clone();
        Memo::new(move |_| {
            orders
                .entries
                .with(|l| l.iter().find(|e| e.key() == key).cloned())
        })
    };
    let live = {
        let key = key.clone();
        Memo::new(move |_| {
            orders
                .live
                .with(|l| l.get(&key).cloned().unwrap_or_default())
        })
    };
    // The stage reached before a failure, to show it where it happened.
    let reached = RwSignal::new(0usize);
    Effect::new(move |_| {
        if let Some(e) = entry.get() {
            if e.state != OrderState::Failed {
                let last = order_stages(e.ticket.provider).len() - 1;
                reached.set(stage_of(e.ticket.provider, e.state, None).index.min(last));
            }
        }
    });
    let at = Signal::derive(move || {
        entry
            .get()
            .map(|e| stage_of(e.ticket.provider, e.state, Some(reached.get())))
            .unwrap_or(StageAt {
                index: 0,
                failed: false,
            })
    });
    let invoice = Memo::new(move |_| live.with(|l| l.invoice.clone()));
    let key = StoredValue::new(key);

    move || {
        match entry.get() {
        None => view! {
            <p class="muted" data-testid="order-missing">"This order is not in this device's journal (it may have been dismissed)."</p>
        }.into_any(),
        Some(e) => {
            let account = panel.account(&e.account_id);
            let retry = Callback::new(move |_| {
                if let Some(e) = orders.entry(&key.get_value()) {
                    orders.resume(panel, &e);
                }
            });
            view! {
                <section class="card order-follow" data-testid="order" data-state=e.state.label() aria-live="polite">
                    <div class="section-head">
                        <h2 data-testid="order-summary">{e.summary.clone()}</h2>
                        <span class=format!("provider-tag {}", e.ticket.provider.slug())>{e.ticket.provider.display_name()}</span>
                    </div>
                    <p class="muted small">
                        {account.as_ref().map(|a| a.account.label.clone()).unwrap_or_else(|| "an account not in the panel".into())}
                        {format!(" · ordered {} UTC · order key ", crate::format::date_time(providers::Timestamp((e.created_ms / 1000) as i64)))}
                        <span class="mono">{e.key().to_string()}</span>
                    </p>
                    <StageProgress stages=order_stages(e.ticket.provider) at=at label="Order progress" />
                    <p class="order-stage" data-testid="order-stage" role="status">{
                        let e = e.clone();
                        move || stage_line(&e, &live.get())
                    }</p>
                    {move || live.with(|l| l.progress.clone()).filter(|_| e_in_flight(orders, &key.get_value())).map(provider_progress)}
                    {(!e.items.is_empty()).then(|| batch_items(&e))}
                    {e.note.clone().map(|n| view! { <p class="notice" data-testid="order-note">{n}</p> })}
                    {account.is_none().then(|| view! {
                        <p class="notice" data-testid="order-needs-account">
                            "Unlock your remembered accounts (or add this account again) and the panel resumes this order; it will not be placed again."
                        </p>
                    })}
                    {move || live.get().error.map(|error| view! { <ErrorNotice error=error on_retry=retry /> })}
                    {
                        let e = e.clone();
                        let keep = account.map(|a| a.keep);
                        move || invoice_view(panel, orders, &e, invoice.get(), keep)
                    }
                    {hostkey_invoice(panel, orders, &e)}
                    {(e.state == OrderState::Done).then(|| e.server_id.clone()).flatten().map(|id| view! {
                        <A href=format!("/server/{}/{}", e.account_id, id) attr:class="btn primary" attr:data-testid="order-server-link">"Open the new server"</A>
                    })}
                    {(!e.state.in_flight()).then(|| view! {
                        <button class="btn ghost" data-testid="order-dismiss" on:click=move |_| orders.dismiss(&key.get_value())>"Dismiss"</button>
                    })}
                </section>
            }.into_any()
        }
    }
    }
}

/// True while the order is still followed.
fn e_in_flight(orders: Orders, key: &str) -> bool {
    orders.entry(key).is_some_and(|e| e.state.in_flight())
}

/// The provider's own progress: its percentage and its task list.
fn provider_progress(p: providers::Progress) -> impl IntoView {
    view! {
        {p.percent.map(|pc| view! {
            <div class="provider-progress">
                <progress max="100" value=pc.to_string() data-testid="order-percent" aria-label="Set-up progress"></progress>
                <span class="muted small">{format!("{pc} %")}</span>
            </div>
        })}
        {(!p.tasks.is_empty()).then(|| view! {
            <ol class="task-list" data-testid="order-tasks" aria-label="The provider's set-up tasks">
                {p.tasks.into_iter().map(|t| {
                    let state = format!("{:?}", t.state).to_lowercase();
                    view! { <li class=format!("task {state}") data-state=state.clone()>{t.name}<span class="muted small">{format!(" · {state}")}</span></li> }
                }).collect_view()}
            </ol>
        })}
    }
}

/// Each server of a batch order with its own result.
fn batch_items(e: &JournalEntry) -> impl IntoView {
    let account = e.account_id.clone();
    view! {
        <table class="data batch-items" data-testid="order-items">
            <thead><tr><th scope="col">"Server"</th><th scope="col">"Result"</th></tr></thead>
            <tbody>
                {e.items.iter().map(|i| {
                    let result = match (&i.server_id, &i.error, i.done) {
                        (_, Some(error), _) => view! { <span class="field-error">{format!("Not created: {error}")}</span> }.into_any(),
                        (Some(id), None, true) => view! {
                            <A href=format!("/server/{account}/{id}")>{format!("Running ({id})")}</A>
                        }.into_any(),
                        (Some(id), None, false) => view! { <span>{format!("Being set up ({id})")}</span> }.into_any(),
                        (None, None, _) => view! { <span class="muted">"Waiting for the provider's answer"</span> }.into_any(),
                    };
                    view! { <tr data-testid="order-item"><td class="mono">{i.name.clone()}</td><td>{result}</td></tr> }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// The line under the bar: what is happening now, in the provider's words.
fn stage_line(e: &JournalEntry, live: &LiveOrder) -> String {
    if let Some(busy) = &live.busy {
        return format!("{}…", capitalise(busy));
    }
    match (&live.progress, e.state) {
        (_, OrderState::Done) => "Running.".into(),
        (_, OrderState::Failed) => "Stopped: nothing more will happen to this order.".into(),
        (_, OrderState::Sending) if live.error.is_some() => {
            "Not known yet whether the provider received this order; “Retry now” checks, and sends nothing again.".into()
        }
        (Some(p), _) => match &p.message {
            Some(m) => format!("{}: {m}", capitalise(&p.stage)),
            None => capitalise(&p.stage),
        },
        (None, state) => capitalise(state.label()),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A HOSTKEY invoice waiting for payment: paid from credit here, or on the Billing page.
fn hostkey_invoice(panel: Panel, orders: Orders, e: &JournalEntry) -> Option<AnyView> {
    if e.ticket.provider != ProviderId::Hostkey || e.state != OrderState::AwaitingPayment {
        return None;
    }
    let invoice = e.invoice.clone()?;
    let key = e.key().to_string();
    let account = e.account_id.clone();
    let busy = move || {
        orders
            .live
            .with(|l| l.get(&key).is_some_and(|o| o.busy.is_some()))
    };
    let key = e.key().to_string();
    Some(view! {
        <div class="notice" data-testid="hostkey-invoice">
            <p>{format!("HOSTKEY issued invoice {invoice} for this order; the server is deployed once it is paid.")}</p>
            <div class="actions">
                <button class="btn primary" data-testid="pay-from-credit" disabled=busy
                    on:click=move |_| order_flow::pay_from_credit(panel, orders, &key)>"Pay from my HOSTKEY credit"</button>
                <A href=format!("/billing/{account}") attr:class="btn">"Other ways to pay (Billing)"</A>
            </div>
        </div>
    }.into_any())
}

/// The invoice while the order waits for payment.
fn invoice_view(
    panel: Panel,
    orders: Orders,
    e: &JournalEntry,
    invoice: Option<LightningInvoice>,
    keep: Option<Keep>,
) -> Option<AnyView> {
    let invoice = invoice.filter(|i| !i.paid)?;
    if e.state != OrderState::AwaitingPayment || e.ticket.provider != ProviderId::Lnvps {
        return None;
    }
    let key = e.key().to_string();
    let on_give_up = {
        let key = key.clone();
        Callback::new(move |_| {
            orders.update(&key, |e| {
                e.state = OrderState::Failed;
                e.note = Some(
                    "Dropped with its invoice unpaid: nothing was charged, and LNVPS deletes the \
                     unpaid order within the hour."
                        .into(),
                );
            })
        })
    };
    let on_new_invoice = Callback::new(move |_| order_lnvps::new_invoice(panel, orders, &key));
    let on_simulate = (keep == Some(Keep::Sandbox)).then(|| {
        Callback::new(move |payment_id: String| {
            panel
                .transport()
                .sandbox()
                .borrow_mut()
                .mark_paid(sandbox::Provider::Lnvps, &payment_id);
        })
    });
    Some(match on_simulate {
        Some(on_simulate) => view! {
            <LightningInvoiceView invoice=invoice on_new_invoice=on_new_invoice on_simulate=on_simulate on_give_up=on_give_up />
        }
        .into_any(),
        None => view! { <LightningInvoiceView invoice=invoice on_new_invoice=on_new_invoice on_give_up=on_give_up /> }.into_any(),
    })
}
