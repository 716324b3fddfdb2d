//! The orders of this device's journal, above the fleet: each with where it
//! stands and a link to follow it, so an order in flight is resumed (never
//! placed again) after a reload.

use crate::services::order_journal::OrderState;
use crate::state::orders::Orders;
use leptos::prelude::*;
use leptos_router::components::A;

/// The journal's orders (optionally only one account's).
#[component]
pub fn OrdersInFlight(
    /// Only this account's orders, when set.
    #[prop(optional, into)]
    account: Option<String>,
) -> impl IntoView {
    let orders = expect_context::<Orders>();
    let list = Memo::new(move |_| {
        orders.entries.with(|l| {
            l.iter()
                .filter(|e| account.as_ref().is_none_or(|a| *a == e.account_id))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    move || {
        let list = list.get();
        (!list.is_empty()).then(|| view! {
            <section class="card orders-in-flight" data-testid="orders-in-flight" aria-labelledby="orders-heading">
                <h2 id="orders-heading">"Orders"</h2>
                <ul class="order-rows">
                    {list.into_iter().map(|e| {
                        let key = e.key().to_string();
                        let class = match e.state {
                            OrderState::Done => "badge ok",
                            OrderState::Failed => "badge bad",
                            _ => "badge busy",
                        };
                        view! {
                            <li class="order-row" data-testid="order-row" data-state=e.state.label()>
                                <span class=format!("provider-dot {}", e.ticket.provider.slug()) aria-hidden="true"></span>
                                <span class="order-row-summary">{e.summary.clone()}</span>
                                <span class=class>{e.state.label()}</span>
                                <A href=format!("/order/{}?order={key}", e.account_id) attr:class="btn small" attr:data-testid="order-open">
                                    {if e.state.in_flight() { "Follow" } else { "Details" }}
                                </A>
                                {(!e.state.in_flight()).then(|| view! {
                                    <button class="btn ghost small" aria-label=format!("Dismiss the order {}", e.summary) on:click=move |_| orders.dismiss(&key)>"Dismiss"</button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
