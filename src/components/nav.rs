//! The provider switch: all providers, then each provider and its accounts.
//! Every view is a route, so the URL names it and back/forward work.

use crate::state::{LoadStatus, Panel};
use leptos::prelude::*;
use leptos_router::components::A;
use providers::ProviderId;

/// The side navigation.
#[component]
pub fn ProviderNav() -> impl IntoView {
    let panel = expect_context::<Panel>();
    // Servers of the accounts shown (hidden demo accounts do not count).
    let total = move || panel.rows().len();
    view! {
        <nav class="sidenav" aria-label="Providers and accounts" data-testid="provider-nav">
            <A href="/" exact=true attr:class="nav-item" attr:data-testid="nav-all">
                <span>"All providers"</span>
                <span class="count">{total}</span>
            </A>
            <A href="/costs" attr:class="nav-item" attr:data-testid="nav-costs">
                <span>"Monthly costs"</span>
            </A>
            {move || {
                let accounts = panel.visible_accounts();
                ProviderId::ALL
                    .into_iter()
                    .filter_map(|p| {
                        let mine: Vec<_> = accounts.iter().filter(|a| a.account.provider == p).cloned().collect();
                        (!mine.is_empty()).then_some((p, mine))
                    })
                    .map(|(p, mine)| {
                        view! {
                            <div class="nav-group">
                                <A href=format!("/provider/{}", p.slug()) attr:class="nav-item provider" attr:data-testid=format!("nav-provider-{}", p.slug())>
                                    {p.display_name()}
                                </A>
                                {mine
                                    .into_iter()
                                    .map(|a| {
                                        let id = a.account.id.clone();
                                        let id_for_state = id.clone();
                                        let dot = move || panel.fleet.with(|f| match f.get(&id_for_state).map(|x| &x.status) {
                                            Some(LoadStatus::Ready) => "dot ok",
                                            Some(LoadStatus::Failed(_)) => "dot bad",
                                            Some(LoadStatus::Waiting { .. }) => "dot warn",
                                            _ => "dot busy",
                                        });
                                        view! {
                                            <A href=format!("/account/{id}") attr:class="nav-item account" attr:data-testid=format!("nav-account-{id}")>
                                                <span class=dot aria-hidden="true"></span>
                                                <span>{a.account.label.clone()}</span>
                                            </A>
                                            <A href=format!("/billing/{id}") attr:class="nav-item billing-link" attr:data-testid=format!("nav-billing-{id}")>
                                                <span>"Billing"</span>
                                            </A>
                                            <A href=format!("/tools/{id}") attr:class="nav-item billing-link" attr:data-testid=format!("nav-tools-{id}")>
                                                <span>"Keys and tools"</span>
                                            </A>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        }
                    })
                    .collect_view()
            }}
        </nav>
    }
}
