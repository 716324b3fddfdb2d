//! LiteVPS billing: the prepaid transactions (charges per minute, top-ups)
//! and a top-up through a Stripe checkout link, $5–$50, checked before
//! anything is sent.

use super::invoices::InvoiceTable;
use super::loaded::{self, SessionRef, Slot};
use crate::components::error_notice::ErrorNotice;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::litevps::{MAX_TOP_UP, MIN_TOP_UP};
use providers::{Invoice, ProviderError};
use rust_decimal::Decimal;

/// The LiteVPS section.
#[component]
pub fn LitevpsBilling(session: SessionRef) -> impl IntoView {
    let slot: Slot<Vec<Invoice>> = RwSignal::new(None);
    let load = move || loaded::fetch(slot, async move { session.get_value().invoices().await });
    load();
    let retry = Callback::new(move |_| load());
    view! {
        <TopUp session=session />
        <section class="card" aria-labelledby="litevps-transactions">
            <div class="section-head">
                <h2 id="litevps-transactions">"Transactions"</h2>
                <button class="btn ghost small" on:click=move |_| load()>"Reload"</button>
            </div>
            <p class="muted small">"Running servers are charged per minute from the prepaid balance; top-ups appear here once paid."</p>
            {loaded::show(slot, "transactions", retry, |list: Vec<Invoice>| view! {
                <InvoiceTable invoices=list caption="LiteVPS transactions" empty="No transactions yet." />
            })}
        </section>
    }
}

/// What the top-up form last produced.
#[derive(Clone, PartialEq)]
enum Outcome {
    /// The field's problem, shown under it (nothing was sent).
    Invalid(String),
    /// The provider refused or could not be reached.
    Failed(ProviderError),
    /// A checkout to pay.
    Checkout { url: String, amount: String },
}

/// Reads the amount field: a number of dollars.
fn parse_amount(text: &str) -> Result<Decimal, String> {
    let text = text.trim().trim_start_matches('$').trim();
    if text.is_empty() {
        return Err(format!(
            "Amount is required: enter {MIN_TOP_UP} to {MAX_TOP_UP} US dollars."
        ));
    }
    text.parse::<Decimal>().map_err(|_| {
        format!("Amount must be a number of US dollars, such as 10 or 12.50; `{text}` is not.")
    })
}

/// The add-funds form: an amount, then the provider's checkout link.
#[component]
fn TopUp(session: SessionRef) -> impl IntoView {
    let amount = RwSignal::new("10".to_string());
    let outcome = RwSignal::new(None::<Outcome>);
    let working = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if working.get_untracked() {
            return;
        }
        let value = match parse_amount(&amount.get_untracked()) {
            Ok(v) => v,
            Err(message) => return outcome.set(Some(Outcome::Invalid(message))),
        };
        working.set(true);
        outcome.set(None);
        spawn_local(async move {
            // The client checks $5–$50 before anything is sent (no login either).
            let result = session
                .get_value()
                .litevps(|api| api.add_funds(value))
                .await;
            working.set(false);
            outcome.set(Some(match result {
                Ok(checkout) => Outcome::Checkout {
                    url: checkout.url,
                    amount: format!("{} USD", value.round_dp(2)),
                },
                Err(ProviderError::Validation { field, reason }) => {
                    let field = if field == "amount" {
                        "Amount".to_string()
                    } else {
                        field
                    };
                    Outcome::Invalid(format!("{field} {reason}."))
                }
                Err(e) => Outcome::Failed(e),
            }));
        });
    };
    let invalid = move || matches!(outcome.get(), Some(Outcome::Invalid(_)));
    view! {
        <section class="card" aria-labelledby="litevps-topup">
            <h2 id="litevps-topup">"Add funds"</h2>
            <form class="inline-form" on:submit=submit novalidate>
                <label class="field">
                    <span>{format!("Amount in US dollars ({MIN_TOP_UP}–{MAX_TOP_UP})")}</span>
                    <input type="text" inputmode="decimal" data-testid="topup-amount"
                        aria-invalid=move || invalid().to_string()
                        aria-describedby="topup-error"
                        prop:value=move || amount.get()
                        on:input=move |ev| amount.set(event_target_value(&ev)) />
                </label>
                <button class="btn primary" type="submit" data-testid="topup-submit" disabled=move || working.get()>
                    {move || if working.get() { "Asking LiteVPS…" } else { "Get a checkout link" }}
                </button>
            </form>
            <div id="topup-error">
                {move || outcome.get().map(|o| match o {
                    Outcome::Invalid(message) => view! {
                        <p class="field-error" role="alert" data-testid="topup-error">{message}</p>
                    }.into_any(),
                    Outcome::Failed(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    Outcome::Checkout { url, amount } => view! {
                        <p class="notice ok" role="status" data-testid="topup-checkout">
                            "LiteVPS made a checkout for "{amount}". "
                            <a href=url target="_blank" rel="noopener noreferrer" data-testid="topup-link">"Pay it at Stripe"</a>
                            "; the balance grows once it is paid (reload it then)."
                        </p>
                    }.into_any(),
                })}
            </div>
        </section>
    }
}
