//! Topping up the HOSTKEY credit: an add-funds invoice for a whole amount,
//! which adds that amount to the credit balance once it is paid.

use super::super::loaded::SessionRef;
use super::CURRENCY;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_fields::field_error;
use crate::components::form_fields::Errors;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::ProviderError;
use rust_decimal::Decimal;

/// The largest top-up asked for at once.
const MOST: u32 = 100_000;

/// The amount typed, or the rule it breaks.
fn amount(text: &str) -> Result<u32, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Type the amount to add.".into());
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=MOST).contains(&n) => Ok(n),
        _ => Err(format!(
            "The amount must be a whole number of {CURRENCY} from 1 to {MOST} (got “{text}”)."
        )),
    }
}

/// What the last request produced.
#[derive(Clone, PartialEq)]
enum Outcome {
    Created(String),
    Failed(ProviderError),
}

/// The add-funds form; `on_created` gets the new invoice's id.
#[component]
pub fn AddFunds(session: SessionRef, on_created: Callback<String>) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let errors = RwSignal::new(Errors::new());
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        let n = match amount(&typed.get_untracked()) {
            Ok(n) => n,
            Err(message) => {
                errors.set(Errors::from([("addfunds-amount", message)]));
                return;
            }
        };
        errors.set(Errors::new());
        busy.set(true);
        spawn_local(async move {
            let result = session
                .get_value()
                .hostkey(|a| a.create_addfunds(Decimal::from(n)))
                .await;
            busy.set(false);
            match result {
                Ok(created) => {
                    typed.set(String::new());
                    outcome.set(Some(Outcome::Created(format!(
                        "Invoice {} for {n}.00 {CURRENCY} created: how to pay it is shown under the invoices. Once it is paid, {n}.00 {CURRENCY} is added to the credit.",
                        created.invoice
                    ))));
                    on_created.run(created.invoice);
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e))),
            }
        });
    };
    view! {
        <section class="card" data-testid="hostkey-add-funds" aria-labelledby="hostkey-add-funds-title">
            <h2 id="hostkey-add-funds-title">"Add funds"</h2>
            <p class="muted small">"HOSTKEY issues an invoice for the amount; paying it tops up the credit, which pays for servers and renewals."</p>
            <form class="tool-form" novalidate on:submit=submit>
                <label class="field">
                    <span>{format!("Amount ({CURRENCY})")}</span>
                    <input type="number" inputmode="numeric" min="1" step="1" data-testid="addfunds-amount"
                        aria-describedby="error-addfunds-amount"
                        aria-invalid=move || errors.with(|e| e.contains_key("addfunds-amount")).to_string()
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                    <span class="muted small">{format!("A whole number, 1 to {MOST}.")}</span>
                    {field_error(errors, "addfunds-amount")}
                </label>
                <button type="submit" class="btn primary" data-testid="addfunds-create" disabled=move || busy.get()>
                    {move || if busy.get() { "Creating the invoice…" } else { "Create the invoice" }}
                </button>
            </form>
            {move || outcome.get().map(|o| match o {
                Outcome::Created(text) => view! { <p class="notice ok" role="status" data-testid="addfunds-done">{text}</p> }.into_any(),
                Outcome::Failed(e) => view! { <ErrorNotice error=e /> }.into_any(),
            })}
        </section>
    }
}
