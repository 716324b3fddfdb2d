//! The root component: the five providers and what the panel can do at each.

use leptos::prelude::*;
use providers::{Capabilities, ProviderId, Support};

/// The page: a card per provider listing its capabilities.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="topbar">
            <h1>"VPS Panel"</h1>
            <p class="muted">"One place for every server at LNVPS, HOSTKEY, CyberPanel Cloud, LiteVPS and LlamaLink."</p>
        </header>
        <main class="providers" data-testid="providers">
            {ProviderId::ALL.into_iter().map(|p| view! { <ProviderCard provider=p /> }).collect_view()}
        </main>
    }
}

/// One provider and its capability table.
#[component]
fn ProviderCard(provider: ProviderId) -> impl IntoView {
    let caps = Capabilities::of(provider);
    view! {
        <section class="card" data-testid=format!("provider-{}", provider.slug())>
            <h2>{provider.display_name()}</h2>
            <p class="muted mono">{provider.default_base_url()}</p>
            <ul class="caps">
                {caps.all().map(|(action, support)| match support {
                    Support::Yes => view! {
                        <li class="cap yes"><span aria-hidden="true">"✓ "</span>{action.label()}</li>
                    }.into_any(),
                    Support::No(reason) => view! {
                        <li class="cap no" title=reason>
                            <span aria-hidden="true">"– "</span>{action.label()}
                            <span class="reason">{reason}</span>
                        </li>
                    }.into_any(),
                }).collect_view()}
            </ul>
        </section>
    }
}
