//! An account's billing page at `/billing/:account`: the balance or credit
//! where the provider keeps one, then what the provider documents about
//! money — invoices, payments, charges, subscriptions, cards, top-ups and
//! renewals — in one section per provider.

mod cyberpanel;
mod hostkey;
mod invoices;
mod litevps;
mod llamalink;
mod lnvps;
mod loaded;

use crate::components::error_notice::ErrorNotice;
use crate::state::{AccountEntry, Panel};
use invoices::Amount;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use loaded::{SessionRef, Slot};
use providers::{Action, Balance, Capabilities, ProviderError, ProviderId};

/// The billing page.
#[component]
pub fn BillingPage() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let params = use_params_map();
    let account_id = Memo::new(move |_| params.with(|p| p.get("account")).unwrap_or_default());
    view! {
        <section class="page billing">
            {move || {
                let id = account_id.get();
                match (panel.account(&id), panel.session(&id)) {
                    (Some(entry), Some(session)) => {
                        let session = StoredValue::new_local(session);
                        view! { <AccountBilling entry=entry session=session /> }.into_any()
                    }
                    _ => view! {
                        <h1>"Billing"</h1>
                        <ErrorNotice error=ProviderError::NotFound {
                            message: format!("no account `{id}` in the panel (it may be locked in the vault)"),
                        } />
                    }
                    .into_any(),
                }
            }}
        </section>
    }
}

/// One account's billing: its balance, then its provider's own section.
#[component]
fn AccountBilling(entry: AccountEntry, session: SessionRef) -> impl IntoView {
    let account = entry.account;
    let provider = account.provider;
    let (label, crumb) = (account.label.clone(), account.label.clone());
    let account_href = format!("/account/{}", account.id);
    let section = match provider {
        ProviderId::Hostkey => view! { <hostkey::HostkeyBilling session=session /> }.into_any(),
        ProviderId::Cyberpanel => {
            view! { <cyberpanel::CyberpanelBilling session=session /> }.into_any()
        }
        ProviderId::Litevps => view! { <litevps::LitevpsBilling session=session /> }.into_any(),
        ProviderId::Llamalink => {
            view! { <llamalink::LlamalinkBilling session=session /> }.into_any()
        }
        ProviderId::Lnvps => view! { <lnvps::LnvpsBilling session=session /> }.into_any(),
    };
    view! {
        <nav class="crumbs" aria-label="Breadcrumb">
            <A href="/">"Fleet"</A>" / "
            <A href=account_href>{crumb}</A>
        </nav>
        <div class="page-head">
            <h1 data-testid="billing-title">"Billing · "{label}</h1>
            <span class=format!("provider-tag {}", provider.slug())>{provider.display_name()}</span>
            <A href="/costs" attr:class="btn ghost small">"Monthly costs of all servers"</A>
        </div>
        {Capabilities::of(provider).supports(Action::Balance).then(|| view! { <BalanceCard session=session /> })}
        <div data-testid=format!("billing-{}", provider.slug())>{section}</div>
    }
}

/// The account's balance or credit (the unified `Session::balance`).
#[component]
fn BalanceCard(session: SessionRef) -> impl IntoView {
    let slot: Slot<Balance> = RwSignal::new(None);
    let load = move || loaded::fetch(slot, async move { session.get_value().balance().await });
    load();
    let retry = Callback::new(move |_| load());
    view! {
        <section class="card balance-card" aria-labelledby="balance-title">
            <div class="section-head">
                <h2 id="balance-title">"Balance"</h2>
                <button class="btn ghost small" data-testid="reload-balance" on:click=move |_| load()>"Reload"</button>
            </div>
            {loaded::show(slot, "the balance", retry, |b: Balance| view! {
                <p class="big-number"><Amount money=b.available testid="balance" /></p>
            })}
        </section>
    }
}
