//! One order followed to the end: what was ordered, a progress bar over the
//! order's stages, the invoice while it waits for payment, the provider's
//! errors with a retry, and a link to the new server once it runs.

use super::error_notice::ErrorNotice;
use super::lightning_invoice::LightningInvoiceView;
use super::stage_progress::{StageAt, StageProgress};
use crate::services::order_journal::{JournalEntry, OrderState};
use crate::state::order_lnvps;
use crate::state::orders::{LightningInvoice, LiveOrder, Orders};
use crate::state::{Keep, Panel};
use leptos::prelude::*;
use leptos_router::components::A;
use providers::ProviderId;

/// The stages of an order, as named along the way (LNVPS's seed: order,
/// invoice and payment, then the VM until `running`).
pub const ORDER_STAGES: &[&str] = &["order", "awaiting payment", "provisioning", "running"];

/// Where an order stands among [`ORDER_STAGES`].
pub fn stage_of(state: OrderState, failed_at: Option<usize>) -> StageAt {
    let index = match state {
        OrderState::Sending => 0,
        OrderState::Placed | OrderState::AwaitingPayment => 1,
        OrderState::Provisioning => 2,
        OrderState::Done => ORDER_STAGES.len(),
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
                reached.set(stage_of(e.state, None).index.min(ORDER_STAGES.len() - 1));
            }
        }
    });
    let at = Signal::derive(move || {
        entry
            .get()
            .map(|e| stage_of(e.state, Some(reached.get())))
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
                    <StageProgress stages=ORDER_STAGES at=at label="Order progress" />
                    <p class="order-stage" data-testid="order-stage" role="status">{
                        let e = e.clone();
                        move || stage_line(&e, &live.get())
                    }</p>
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
