//! `/order/:account`: the account's order wizard, with the account's orders
//! already in flight above it; `?order=KEY` follows one order instead.

use super::order_forms::{
    cyberpanel::Cyberpanel, hostkey::Hostkey, litevps::Litevps, llamalink::Llamalink,
};
use super::order_lnvps::LnvpsWizard;
use crate::components::order_follow::OrderFollow;
use crate::components::order_form::wizard;
use crate::components::orders_in_flight::OrdersInFlight;
use crate::state::Panel;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use providers::{Action, Capabilities, ProviderId, Support};

/// Whether the panel can order from `provider`: the provider's own capability.
pub fn wizard_support(provider: ProviderId) -> Support {
    Capabilities::of(provider).support(Action::Order)
}

/// The order form of `provider` for one account.
fn order_form(provider: ProviderId, account_id: String, on_placed: Callback<String>) -> AnyView {
    match provider {
        ProviderId::Lnvps => {
            view! { <LnvpsWizard account_id=account_id on_placed=on_placed /> }.into_any()
        }
        ProviderId::Llamalink => wizard::<Llamalink>(account_id, on_placed).into_any(),
        ProviderId::Litevps => wizard::<Litevps>(account_id, on_placed).into_any(),
        ProviderId::Cyberpanel => wizard::<Cyberpanel>(account_id, on_placed).into_any(),
        ProviderId::Hostkey => wizard::<Hostkey>(account_id, on_placed).into_any(),
    }
}

/// The order page.
#[component]
pub fn OrderPage() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();
    let account_id = Memo::new(move |_| params.with(|p| p.get("account")).unwrap_or_default());
    let following = Memo::new(move |_| query.with(|q| q.get("order")));
    let account = Memo::new(move |_| panel.account(&account_id.get()));
    // A placed order is followed on its own address (kept by Back and reload).
    let placed = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let Some(key) = placed.get() {
            navigate(
                &format!("/order/{}?order={key}", account_id.get_untracked()),
                Default::default(),
            );
        }
    });
    let on_placed = Callback::new(move |key: String| placed.set(Some(key)));

    view! {
        <section class="page order">
            <nav class="crumbs" aria-label="Breadcrumb">
                <A href="/">"Fleet"</A>" / "
                <A href=move || format!("/account/{}", account_id.get())>
                    {move || account.get().map(|a| a.account.label).unwrap_or_else(|| account_id.get())}
                </A>
            </nav>
            <div class="page-head">
                <h1 data-testid="order-title">{move || if following.get().is_some() { "Your order" } else { "Order a server" }}</h1>
            </div>
            {move || match (following.get(), account.get()) {
                (Some(key), _) => view! {
                    <OrderFollow key=key />
                    <A href=move || format!("/order/{}", account_id.get()) attr:class="btn ghost">"Order another server"</A>
                }.into_any(),
                (None, None) => view! {
                    <p class="notice" data-testid="order-no-account">
                        "This account is not in the panel. Unlock your remembered accounts or add it on the Accounts page."
                    </p>
                }.into_any(),
                (None, Some(entry)) => match wizard_support(entry.account.provider) {
                    Support::No(reason) => view! {
                        <p class="notice" data-testid="order-unsupported">
                            {format!("{} cannot be ordered from here: {reason}.", entry.account.provider.display_name())}
                        </p>
                    }.into_any(),
                    Support::Yes => view! {
                        <OrdersInFlight account=entry.account.id.clone() />
                        {order_form(entry.account.provider, entry.account.id.clone(), on_placed)}
                    }.into_any(),
                },
            }}
        </section>
    }
}
