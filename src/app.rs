//! The root: services provided once, the router, and the page shell.

use crate::components::{nav::ProviderNav, sandbox_banner::SandboxBanner, topbar::TopBar};
use crate::pages::{
    accounts::AccountsPage, activity::ActivityPage, billing::BillingPage, costs::CostsPage,
    fleet::FleetPage, not_found::NotFound, order::OrderPage, server::ServerPage, tools::ToolsPage,
};
use crate::services::clock::BrowserClock;
use crate::services::theme::{self, Theme};
use crate::services::transport::AppTransport;
use crate::state::orders::Orders;
use crate::state::Panel;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// Servers per provider in the in-browser sandbox (`?sandbox_servers=N` overrides).
const SANDBOX_SERVERS: u64 = 6;

/// A number from the page's query string.
fn query_number(name: &str) -> Option<u64> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|q| web_sys::UrlSearchParams::new_with_str(&q).ok())
        .and_then(|p| p.get(name))
        .and_then(|n| n.parse().ok())
}

/// The in-browser sandbox's settings: `?sandbox_servers=N` (per provider) and
/// `?sandbox_latency_ms=MS` (added to every answer) for demos and benchmarks.
fn sandbox_config() -> sandbox::Config {
    let mut config = sandbox::Config {
        servers: query_number("sandbox_servers").unwrap_or(SANDBOX_SERVERS) as usize,
        ..sandbox::Config::default()
    };
    if let Some(latency_ms) = query_number("sandbox_latency_ms") {
        for p in sandbox::Provider::ALL {
            config.faults.insert(
                p,
                sandbox::Faults {
                    latency_ms,
                    ..sandbox::Faults::default()
                },
            );
        }
    }
    config
}

/// The whole panel.
#[component]
pub fn App() -> impl IntoView {
    let sandbox = sandbox::Sandbox::new(sandbox_config(), Arc::new(BrowserClock));
    let panel = Panel::new(AppTransport::new(Rc::new(RefCell::new(sandbox))));
    provide_context(panel);
    provide_context(crate::state::bulk::Bulk::new());

    let theme = RwSignal::new(theme::load());
    Effect::new(move |_| theme::apply(theme.get()));
    provide_context::<RwSignal<Theme>>(theme);

    panel.refresh_all();

    // Orders journaled on this device resume once their account is in the panel.
    let orders = Orders::load();
    provide_context(orders);
    Effect::new(move |_| {
        panel.accounts.track();
        orders.resume_all(panel);
    });

    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <TopBar />
            <SandboxBanner />
            <div class="layout">
                <ProviderNav />
                <main id="main" tabindex="-1">
                    <Routes fallback=|| view! { <NotFound /> }>
                        <Route path=path!("/") view=FleetPage />
                        <Route path=path!("/provider/:provider") view=FleetPage />
                        <Route path=path!("/account/:account") view=FleetPage />
                        <Route path=path!("/server/:account/:server") view=ServerPage />
                        <Route path=path!("/accounts") view=AccountsPage />
                        <Route path=path!("/billing/:account") view=BillingPage />
                        <Route path=path!("/costs") view=CostsPage />
                        <Route path=path!("/activity") view=ActivityPage />
                        <Route path=path!("/order/:account") view=OrderPage />
                        <Route path=path!("/tools/:account") view=ToolsPage />
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
