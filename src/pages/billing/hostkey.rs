//! HOSTKEY billing (WHMCS): the invoices, how to pay an unpaid one (each
//! gateway's instructions, shown in a sandboxed frame) and the invoice PDF,
//! fetched by the client with the session token in the request body and
//! saved from memory, so no URL ever carries a credential; several unpaid
//! invoices made into one ([`mass_pay`]), a top-up of the credit
//! ([`funds`]), and the credit history and payments ([`history`]).

mod funds;
mod history;
mod mass_pay;

use super::invoices::{InvoiceTable, RowActions};
use super::loaded::{self, SessionRef, Slot};
use crate::components::error_notice::ErrorNotice;
use crate::services::download;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::hostkey::PaymentMethods;
use providers::{Invoice, InvoiceStatus, ProviderError};
use std::collections::BTreeSet;
use std::rc::Rc;

/// The account currency HOSTKEY bills in when an answer names none.
const CURRENCY: &str = "EUR";

/// What the last PDF or pay-info request produced.
#[derive(Clone, PartialEq)]
enum Outcome {
    Saved(String),
    Failed(ProviderError),
}

/// The HOSTKEY section.
#[component]
pub fn HostkeyBilling(session: SessionRef) -> impl IntoView {
    let slot: Slot<Vec<Invoice>> = RwSignal::new(None);
    let load = move || loaded::fetch(slot, async move { session.get_value().invoices().await });
    load();
    let retry = Callback::new(move |_| load());
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(None::<String>);
    let paying = RwSignal::new(None::<(String, Result<PaymentMethods, ProviderError>)>);
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    // How many unpaid invoices the last list had (kept while it reloads).
    let unpaid = Memo::new(move |before: Option<&usize>| {
        slot.with(|s| match s {
            Some(Ok(list)) => list
                .iter()
                .filter(|i| i.status == InvoiceStatus::Unpaid)
                .count(),
            _ => before.copied().unwrap_or(0),
        })
    });

    let download_pdf = move |id: String| {
        busy.set(Some(id.clone()));
        outcome.set(None);
        spawn_local(async move {
            let result = session
                .get_value()
                .hostkey(|api| api.download_invoice(&id))
                .await;
            busy.set(None);
            outcome.set(Some(match result {
                Ok(doc) => {
                    let name = format!("hostkey-invoice-{id}.pdf");
                    match download::save(&doc.bytes, &doc.content_type, &name) {
                        Ok(()) => Outcome::Saved(format!(
                            "Saved {name} ({} KB).",
                            doc.bytes.len().div_ceil(1024)
                        )),
                        Err(message) => Outcome::Failed(ProviderError::Transport {
                            message,
                            timed_out: false,
                        }),
                    }
                }
                Err(e) => Outcome::Failed(e),
            }));
        });
    };
    let show_pay_info = move |id: String| {
        busy.set(Some(id.clone()));
        spawn_local(async move {
            let result = session
                .get_value()
                .hostkey(|api| api.payment_methods(&id))
                .await;
            busy.set(None);
            paying.set(Some((id, result)));
        });
    };

    let actions: RowActions = Rc::new(move |inv: &Invoice| {
        let id = inv.id.clone();
        let pdf_id = id.clone();
        let unpaid = inv.status == InvoiceStatus::Unpaid;
        let busy_here = {
            let id = id.clone();
            move || busy.get().as_deref() == Some(id.as_str())
        };
        view! {
            {unpaid.then(|| mass_pay::pick(chosen, id.clone()))}
            {unpaid.then(|| {
                let id = id.clone();
                view! {
                    <button class="btn small primary" data-testid="pay-info"
                        aria-label=format!("How to pay invoice {id}")
                        on:click=move |_| show_pay_info(id.clone())>"How to pay"</button>
                }
            })}
            <button class="btn small" data-testid="invoice-pdf" aria-label=format!("Download invoice {id} as PDF")
                disabled=busy_here
                on:click=move |_| download_pdf(pdf_id.clone())>"PDF"</button>
        }
        .into_any()
    });
    // Views must be `Send`; the actions (an `Rc`) stay on this thread.
    let actions = StoredValue::new_local(actions);
    // A new invoice (a top-up, a group): list it and show how to pay it.
    let created = Callback::new(move |id: String| {
        load();
        show_pay_info(id);
    });

    view! {
        <section class="card" aria-labelledby="hostkey-invoices">
            <div class="section-head">
                <h2 id="hostkey-invoices">"Invoices"</h2>
                <button class="btn ghost small" on:click=move |_| load()>"Reload"</button>
            </div>
            {move || outcome.get().map(|o| match o {
                Outcome::Saved(text) => view! { <p class="notice ok" role="status" data-testid="pdf-saved">{text}</p> }.into_any(),
                Outcome::Failed(e) => view! { <ErrorNotice error=e /> }.into_any(),
            })}
            {loaded::show(slot, "invoices", retry, move |list: Vec<Invoice>| view! {
                <InvoiceTable invoices=list caption="HOSTKEY invoices" empty="No invoices." actions=actions.get_value() />
            })}
            <mass_pay::MassPay session=session chosen=chosen unpaid=Signal::from(unpaid) on_created=created />
        </section>
        {move || paying.get().map(|(id, result)| view! { <PayInfo invoice=id result=result on_close=Callback::new(move |_| paying.set(None)) /> })}
        <funds::AddFunds session=session on_created=created />
        <history::CreditHistory session=session />
        <history::Payments session=session />
    }
}

/// The gateways an invoice can be paid through, one at a time.
#[component]
fn PayInfo(
    invoice: String,
    result: Result<PaymentMethods, ProviderError>,
    on_close: Callback<()>,
) -> impl IntoView {
    let methods = match result {
        Err(e) => {
            return view! {
                <section class="card" data-testid="pay-methods">
                    <h2>{format!("Paying invoice {invoice}")}</h2>
                    <ErrorNotice error=e />
                </section>
            }
            .into_any()
        }
        Ok(m) => m.methods,
    };
    let first = methods.keys().next().cloned().unwrap_or_default();
    let chosen = RwSignal::new(first);
    let names: Vec<(String, String)> = methods
        .iter()
        .map(|(code, m)| (code.clone(), m.name.clone()))
        .collect();
    let methods = StoredValue::new(methods);
    // The instructions open below the table: bring them into view.
    let node = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(section) = node.get() {
            section.scroll_into_view();
        }
    });
    view! {
        <section class="card pay-info" data-testid="pay-methods" aria-labelledby="pay-title" node_ref=node>
            <div class="section-head">
                <h2 id="pay-title">{format!("Paying invoice {invoice}")}</h2>
                <button class="btn ghost small" aria-label="Close the payment instructions" on:click=move |_| on_close.run(())>"✕"</button>
            </div>
            {if names.is_empty() {
                view! { <p class="muted">"HOSTKEY offers no way to pay this invoice online."</p> }.into_any()
            } else {
                view! {
                    <div class="segmented" role="group" aria-label="Payment gateway">
                        {names.into_iter().map(|(code, name)| {
                            let c = code.clone();
                            view! {
                                <button class="btn small" data-testid=format!("gateway-{code}")
                                    aria-pressed=move || (chosen.get() == c).to_string()
                                    on:click=move |_| chosen.set(code.clone())>{name}</button>
                            }
                        }).collect_view()}
                    </div>
                    <p class="muted small">"HOSTKEY's own instructions; forms open the gateway in a new tab."</p>
                    {move || {
                        let code = chosen.get();
                        methods.with_value(|m| m.get(&code).map(|m| view! {
                            <iframe class="gateway" data-testid="gateway-frame" title=format!("How to pay with {}", m.name)
                                sandbox="allow-forms allow-popups allow-popups-to-escape-sandbox"
                                srcdoc=m.call.clone()></iframe>
                        }))
                    }}
                }.into_any()
            }}
        </section>
    }
    .into_any()
}
