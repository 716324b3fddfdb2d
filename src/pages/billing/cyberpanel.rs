//! CyberPanel billing (`GET /billing`): automatic top-up settings and the
//! recent charges and credits (hourly VPS charges, payments).

use super::invoices::{Amount, InvoiceTable};
use super::loaded::{self, SessionRef, Slot};
use leptos::prelude::*;
use providers::cyberpanel::{self, BillingInfo};
use providers::Invoice;

/// The CyberPanel section.
#[component]
pub fn CyberpanelBilling(session: SessionRef) -> impl IntoView {
    let slot: Slot<BillingInfo> = RwSignal::new(None);
    let load = move || {
        loaded::fetch(slot, async move {
            Ok(session
                .get_value()
                .cyberpanel(|api| Ok(api.billing()))
                .await?
                .data)
        })
    };
    load();
    let retry = Callback::new(move |_| load());
    view! {
        <section class="card" aria-labelledby="cyberpanel-charges">
            <div class="section-head">
                <h2 id="cyberpanel-charges">"Recent charges and payments"</h2>
                <button class="btn ghost small" on:click=move |_| load()>"Reload"</button>
            </div>
            {loaded::show(slot, "billing", retry, |billing: BillingInfo| {
                let lines: Vec<Invoice> = billing.recent_invoices.iter().map(cyberpanel::invoice).collect();
                view! {
                    <AutoFunding billing=billing />
                    <InvoiceTable invoices=lines caption="CyberPanel recent charges" empty="No charges yet." />
                }
            })}
        </section>
    }
}

/// Whether the balance is topped up automatically, and by how much.
#[component]
fn AutoFunding(billing: BillingInfo) -> impl IntoView {
    let text = match &billing.auto_funding {
        Some(a) if a.enabled => match (a.threshold, a.amount) {
            (Some(threshold), Some(amount)) => view! {
                "Automatic top-up is on: "<Amount money=cyberpanel::usd(amount) />" is added when the balance falls below "
                <Amount money=cyberpanel::usd(threshold) />"."
            }
            .into_any(),
            _ => "Automatic top-up is on.".into_any(),
        },
        _ => "Automatic top-up is off: add funds in CyberPanel before the balance runs out.".into_any(),
    };
    view! { <p class="muted small" data-testid="auto-funding">{text}</p> }
}
