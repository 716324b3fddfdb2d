//! "Order a server": one entry per account, leading to its order wizard;
//! disabled, with the reason, where the provider offers no ordering or the
//! panel has no wizard for it yet.

use crate::pages::order::wizard_support;
use crate::state::AccountEntry;
use leptos::prelude::*;
use leptos_router::components::A;
use providers::Support;

/// One account's entry.
#[component]
pub fn OrderEntry(entry: AccountEntry) -> impl IntoView {
    let id = entry.account.id.clone();
    let name = format!("Order a server with {}", entry.account.label);
    match wizard_support(entry.account.provider) {
        Support::Yes => view! {
            <A href=format!("/order/{id}") attr:class="btn primary small" attr:data-testid=format!("order-{id}")>{name}</A>
        }
        .into_any(),
        Support::No(reason) => view! {
            <span class="order-off">
                <button class="btn small" disabled data-testid=format!("order-{id}") aria-describedby=format!("order-off-{id}")>{name}</button>
                <span class="muted small" id=format!("order-off-{id}")>{reason.to_string()}</span>
            </span>
        }
        .into_any(),
    }
}

/// The entries for the accounts a fleet view shows (`accounts`).
#[component]
pub fn OrderEntries(
    /// The accounts in view.
    #[prop(into)]
    accounts: Signal<Vec<AccountEntry>>,
) -> impl IntoView {
    view! {
        <details class="order-entries" data-testid="order-entries">
            <summary class="btn primary">"Order a server"</summary>
            <div class="order-menu">
                {move || accounts.get().into_iter().map(|entry| view! { <OrderEntry entry=entry /> }).collect_view()}
            </div>
        </details>
    }
}
