//! LlamaLink billing: subscriptions (monthly, in shekels) and the saved
//! cards orders are charged to, shown masked (brand and last four digits).

use super::invoices::Amount;
use super::loaded::{self, SessionRef, Slot};
use leptos::prelude::*;
use providers::llamalink::{Card, Subscription};
use providers::{Currency, Money};

/// The LlamaLink section.
#[component]
pub fn LlamalinkBilling(session: SessionRef) -> impl IntoView {
    let subscriptions: Slot<Vec<Subscription>> = RwSignal::new(None);
    let cards: Slot<Vec<Card>> = RwSignal::new(None);
    let load_subscriptions = move || {
        loaded::fetch(subscriptions, async move {
            session
                .get_value()
                .llamalink(|api| Ok(api.subscriptions()))
                .await
        })
    };
    let load_cards = move || {
        loaded::fetch(cards, async move {
            session
                .get_value()
                .llamalink(|api| Ok(api.saved_cards()))
                .await
        })
    };
    load_subscriptions();
    load_cards();
    view! {
        <section class="card" aria-labelledby="llamalink-subscriptions">
            <div class="section-head">
                <h2 id="llamalink-subscriptions">"Subscriptions"</h2>
                <button class="btn ghost small" on:click=move |_| load_subscriptions()>"Reload"</button>
            </div>
            {loaded::show(subscriptions, "subscriptions", Callback::new(move |_| load_subscriptions()), |list: Vec<Subscription>| view! {
                <SubscriptionTable list=list />
            })}
        </section>
        <section class="card" aria-labelledby="llamalink-cards">
            <div class="section-head">
                <h2 id="llamalink-cards">"Saved cards"</h2>
                <button class="btn ghost small" on:click=move |_| load_cards()>"Reload"</button>
            </div>
            <p class="muted small">"Orders are charged to a saved card. Cards are added in LlamaLink's own checkout; the panel never sees card numbers."</p>
            {loaded::show(cards, "saved cards", Callback::new(move |_| load_cards()), |list: Vec<Card>| view! {
                <CardList list=list />
            })}
        </section>
    }
}

/// Subscriptions with their status, renewal date and monthly price.
#[component]
fn SubscriptionTable(list: Vec<Subscription>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="muted" data-testid="no-subscriptions">"No subscriptions."</p> }
            .into_any();
    }
    let rows = list
        .into_iter()
        .map(|s| {
            let price = s
                .price_monthly
                .and_then(|p| Money::from_f64(p, Currency::new("ILS")));
            view! {
                <tr data-testid="subscription-row" data-id=s.id.to_string()>
                    <td>{s.name.clone()}</td>
                    <td>{s.kind.clone()}</td>
                    <td><span class=format!("pill {}", s.status.to_ascii_lowercase())>{s.status.clone()}</span></td>
                    <td>{s.renewal_date.clone().unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{match price {
                        Some(m) => view! { <Amount money=m testid="subscription-price" /> }.into_any(),
                        None => "—".into_any(),
                    }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap plain">
            <table class="data" data-testid="subscriptions">
                <caption class="visually-hidden">"LlamaLink subscriptions"</caption>
                <thead><tr>
                    <th scope="col">"Name"</th><th scope="col">"Kind"</th><th scope="col">"Status"</th>
                    <th scope="col">"Renews"</th><th scope="col" class="num">"Monthly"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Saved cards, masked.
#[component]
fn CardList(list: Vec<Card>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="notice warn" data-testid="no-cards">"No saved card: add one in LlamaLink before ordering."</p>
        }
        .into_any();
    }
    view! {
        <ul class="plain-list" data-testid="cards">
            {list.into_iter().map(|c| view! {
                <li data-testid="card" data-id=c.id.to_string()>
                    <span class="mono">{format!("{} •••• {}", c.brand.to_uppercase(), last_four(&c.last4dig))}</span>
                    <span class="muted">{format!(" expires {:02}/{}", c.exp_month, c.exp_year)}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The last four characters of what the provider calls the last four digits
/// (so a longer value is never shown whole).
fn last_four(digits: &str) -> String {
    let chars: Vec<char> = digits.trim().chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}
