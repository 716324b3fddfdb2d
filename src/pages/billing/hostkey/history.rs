//! HOSTKEY money movements: the credit history (top-ups in, invoices paid
//! from credit out) and the payments received through gateways.

use super::super::invoices::Amount;
use super::super::loaded::{self, SessionRef, Slot};
use super::CURRENCY;
use leptos::prelude::*;
use providers::hostkey::Credit;
use providers::{Currency, Money};
use serde_json::Value;
use std::cmp::Reverse;

/// Money from WHMCS text; `None` when it is not a number.
fn money(text: &str) -> Option<Money> {
    Money::parse(text.trim(), Currency::new(CURRENCY))
}

/// An amount cell: the amount, or the text as sent when it is not a number.
fn amount_cell(text: &str, testid: &'static str) -> AnyView {
    match money(text) {
        Some(m) => view! { <Amount money=m testid=testid /> }.into_any(),
        None => view! { <span>{text.to_string()}</span> }.into_any(),
    }
}

/// The credit balance's movements, newest first.
#[component]
pub fn CreditHistory(session: SessionRef) -> impl IntoView {
    let slot: Slot<Vec<Credit>> = RwSignal::new(None);
    let load = move || {
        loaded::fetch(slot, async move {
            let mut list = session.get_value().hostkey(|a| a.credits()).await?.credits;
            list.sort_by_key(|c| Reverse((c.date.clone(), c.id.parse::<u64>().unwrap_or(0))));
            Ok(list)
        })
    };
    load();
    let retry = Callback::new(move |_| load());
    view! {
        <section class="card" data-testid="hostkey-credits" aria-labelledby="hostkey-credits-title">
            <div class="section-head">
                <h2 id="hostkey-credits-title">"Credit history"</h2>
                <button class="btn ghost small" on:click=move |_| load()>"Reload"</button>
            </div>
            <p class="muted small">"What went into the credit balance (paid top-ups) and what was paid from it."</p>
            {loaded::show(slot, "the credit history", retry, |list: Vec<Credit>| {
                if list.is_empty() {
                    return view! { <p class="muted" data-testid="no-credits">"No credit movements yet."</p> }.into_any();
                }
                view! {
                    <div class="table-wrap plain">
                        <table class="data">
                            <caption class="visually-hidden">"Credit movements"</caption>
                            <thead><tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"What"</th>
                                <th scope="col" class="num">"Amount"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|c| view! {
                                    <tr data-testid="credit-row" data-id=c.id.clone()>
                                        <td>{c.date.clone()}</td>
                                        <td>{c.description.clone()}</td>
                                        <td class="num">{amount_cell(&c.amount, "credit-amount")}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
        </section>
    }
}

/// A field of an undocumented transaction as text (numbers too).
fn field(t: &Value, key: &str) -> String {
    match t.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// Payments received through gateways, newest first.
#[component]
pub fn Payments(session: SessionRef) -> impl IntoView {
    let slot: Slot<Vec<Value>> = RwSignal::new(None);
    let load = move || {
        loaded::fetch(slot, async move {
            let mut list = session
                .get_value()
                .hostkey(|a| a.transactions(None, None))
                .await?
                .transactions;
            list.sort_by_key(|t| {
                Reverse((field(t, "date"), field(t, "id").parse::<u64>().unwrap_or(0)))
            });
            Ok(list)
        })
    };
    load();
    let retry = Callback::new(move |_| load());
    view! {
        <section class="card" data-testid="hostkey-payments" aria-labelledby="hostkey-payments-title">
            <div class="section-head">
                <h2 id="hostkey-payments-title">"Payments"</h2>
                <button class="btn ghost small" on:click=move |_| load()>"Reload"</button>
            </div>
            <p class="muted small">"Money HOSTKEY received through a payment gateway (PayPal, card, bank)."</p>
            {loaded::show(slot, "the payments", retry, |list: Vec<Value>| {
                if list.is_empty() {
                    return view! { <p class="muted" data-testid="no-payments">"No payments yet."</p> }.into_any();
                }
                view! {
                    <div class="table-wrap plain">
                        <table class="data">
                            <caption class="visually-hidden">"Payments received"</caption>
                            <thead><tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"What"</th>
                                <th scope="col">"Gateway"</th>
                                <th scope="col">"Reference"</th>
                                <th scope="col" class="num">"Amount"</th>
                            </tr></thead>
                            <tbody>
                                {list.into_iter().map(|t| {
                                    let date: String = field(&t, "date").chars().take(16).collect();
                                    view! {
                                        <tr data-testid="payment-row" data-id=field(&t, "id") data-invoice=field(&t, "invoiceid")>
                                            <td>{date}</td>
                                            <td>{field(&t, "description")}</td>
                                            <td>{field(&t, "gateway")}</td>
                                            <td class="mono small">{field(&t, "transid")}</td>
                                            <td class="num">{amount_cell(&field(&t, "amountin"), "payment-amount")}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            })}
        </section>
    }
}
