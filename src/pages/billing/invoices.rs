//! The one table every provider's invoices, payments, charges and
//! transactions are shown in, with a slot for per-row actions.

use crate::format;
use leptos::prelude::*;
use providers::{Invoice, InvoiceStatus, Money};
use std::rc::Rc;

/// Per-row actions (buttons) for an invoice.
pub type RowActions = Rc<dyn Fn(&Invoice) -> AnyView>;

/// The word shown for a status.
pub fn status_label(status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Unpaid => "unpaid",
        InvoiceStatus::Paid => "paid",
        InvoiceStatus::Expired => "expired",
        InvoiceStatus::Cancelled => "cancelled",
        InvoiceStatus::Refunded => "refunded",
        InvoiceStatus::Charged => "charged",
        InvoiceStatus::Unknown => "unknown",
    }
}

/// An amount with its exact value and currency in data attributes (for tests
/// and copy-paste), shown as the provider's money.
#[component]
pub fn Amount(money: Money, #[prop(optional, into)] testid: String) -> impl IntoView {
    view! {
        <span class="num" data-testid=testid data-amount=money.amount.normalize().to_string()
            data-currency=money.currency.code().to_string()>{money.to_string()}</span>
    }
}

/// Invoices as a table, newest first as given; `empty` when there are none.
#[component]
pub fn InvoiceTable(
    invoices: Vec<Invoice>,
    /// What the table lists, for screen readers.
    #[prop(into)]
    caption: String,
    /// Shown instead of an empty table.
    #[prop(into)]
    empty: String,
    /// Buttons for each row.
    #[prop(optional)]
    actions: Option<RowActions>,
) -> impl IntoView {
    if invoices.is_empty() {
        return view! { <p class="muted" data-testid="no-invoices">{empty}</p> }.into_any();
    }
    let with_actions = actions.is_some();
    // Charges already taken have no due date: the column shows only where one does.
    let with_due = invoices.iter().any(|i| i.due.is_some());
    let rows = invoices
        .iter()
        .map(|inv| {
            let status = status_label(inv.status);
            let when = inv
                .created
                .map(format::date_time)
                .unwrap_or_else(|| "—".into());
            let due = with_due.then(|| {
                view! { <td>{inv.due.map(format::date_time).unwrap_or_else(|| "—".into())}</td> }
            });
            let extra = actions
                .as_ref()
                .map(|f| view! { <td class="row-actions">{f(inv)}</td> });
            view! {
                <tr data-testid="invoice-row" data-id=inv.id.clone() data-status=status>
                    <td>{when}</td>
                    <td>{inv.description.clone().unwrap_or_else(|| inv.id.clone())}</td>
                    <td class="num"><Amount money=inv.amount.clone() testid="invoice-amount" /></td>
                    <td><span class=format!("pill {status}")>{status}</span></td>
                    {due}
                    {extra}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap plain">
            <table class="data" data-testid="invoices">
                <caption class="visually-hidden">{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"What"</th>
                        <th scope="col" class="num">"Amount"</th>
                        <th scope="col">"Status"</th>
                        {with_due.then(|| view! { <th scope="col">"Due or expires"</th> })}
                        {with_actions.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
