//! Paying several HOSTKEY invoices at once: the unpaid invoices chosen in
//! the table become one group invoice, paid once; paying it pays them all.

use super::super::loaded::SessionRef;
use crate::components::error_notice::ErrorNotice;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::ProviderError;
use std::collections::BTreeSet;

/// A tick box in an unpaid invoice's row, choosing it for one payment.
pub fn pick(chosen: RwSignal<BTreeSet<String>>, id: String) -> impl IntoView {
    let checked_id = id.clone();
    let label = format!("Pay invoice {id} together with others");
    let title = label.clone();
    view! {
        <label class="pick" title=title>
            <input type="checkbox" data-testid="mass-pay-pick" aria-label=label
                prop:checked=move || chosen.with(|c| c.contains(&checked_id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    chosen.update(|c| {
                        if on {
                            c.insert(id.clone());
                        } else {
                            c.remove(&id);
                        }
                    });
                } />
            <span class="small">"together"</span>
        </label>
    }
}

/// What the last request produced.
#[derive(Clone, PartialEq)]
enum Outcome {
    Created(String),
    Failed(ProviderError),
}

/// The bar that turns the chosen invoices into one; `on_created` gets the
/// new invoice's id.
#[component]
pub fn MassPay(
    session: SessionRef,
    chosen: RwSignal<BTreeSet<String>>,
    /// How many unpaid invoices are listed (the choice shows from two).
    unpaid: Signal<usize>,
    on_created: Callback<String>,
) -> impl IntoView {
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let problem = RwSignal::new(None::<String>);
    let create = move |_| {
        outcome.set(None);
        let ids: Vec<String> = chosen.get_untracked().into_iter().collect();
        if ids.len() < 2 {
            problem.set(Some(
                "Tick “together” on two or more unpaid invoices first.".into(),
            ));
            return;
        }
        problem.set(None);
        busy.set(true);
        spawn_local(async move {
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            let result = session.get_value().hostkey(|a| a.mass_pay(&refs)).await;
            busy.set(false);
            match result {
                Ok(made) => {
                    chosen.set(BTreeSet::new());
                    outcome.set(Some(Outcome::Created(format!(
                        "Invoice {} now covers invoices {}. Pay it once with the instructions below, and they are all paid.",
                        made.invoiceid,
                        ids.join(", ")
                    ))));
                    on_created.run(made.invoiceid);
                }
                Err(e) => outcome.set(Some(Outcome::Failed(e))),
            }
        });
    };
    view! {
        <div class="mass-pay" data-testid="mass-pay-bar">
            <div class="actions" hidden=move || unpaid.get() < 2>
                <p class="muted small">
                    "To pay several unpaid invoices at once, tick “together” on each, then make one invoice of them."
                </p>
                <button class="btn small" data-testid="mass-pay" disabled=move || busy.get() on:click=create>
                    {move || match chosen.with(BTreeSet::len) {
                        0 | 1 => "One invoice for the ticked invoices".to_string(),
                        n => format!("One invoice for the {n} ticked invoices"),
                    }}
                </button>
            </div>
            {move || problem.get().map(|p| view! { <p class="field-error" role="alert" data-testid="mass-pay-problem">{p}</p> })}
            {move || outcome.get().map(|o| match o {
                Outcome::Created(text) => view! { <p class="notice ok" role="status" data-testid="mass-pay-done">{text}</p> }.into_any(),
                Outcome::Failed(e) => view! { <ErrorNotice error=e /> }.into_any(),
            })}
        </div>
    }
}
