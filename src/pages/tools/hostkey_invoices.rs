//! HOSTKEY, for one server: its invoices, and its next period invoiced now
//! (after a confirmation, since that makes a bill to pay).

use crate::components::collection::{Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::hostkey::{self, WhmcsInvoice};
use providers::{InvoiceStatus, ProviderError};
use std::rc::Rc;

/// The currency when HOSTKEY names none (accounts bill in euros by default).
const CURRENCY: &str = "EUR";

/// A WHMCS date, or a dash for an empty one.
fn date(text: &str) -> String {
    match text.trim() {
        "" | "0000-00-00" => "—".into(),
        t => t.chars().take(10).collect(),
    }
}

/// The invoices of the server.
pub struct ServerInvoices;

impl Collection for ServerInvoices {
    type New = ();
    const TITLE: &'static str = "Invoices of this server";
    const ID: &'static str = "hostkey-server-invoices";
    const NOUN: &'static str = "invoice";
    const COLUMNS: &'static [&'static str] = &["Invoice", "Issued", "Due", "Amount", "Status"];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("Pay them, or download them as PDF, on the account's Billing page.")
    }

    async fn load(session: Rc<AppSession>, scope: Scope) -> Result<Vec<Item>, ProviderError> {
        let server = scope.server()?;
        let list = session.hostkey(|a| a.related_invoices(server)).await?;
        Ok(list
            .iter()
            .map(|inv| {
                let amount = hostkey::invoice(inv, CURRENCY).amount;
                Item {
                    key: inv.id.clone(),
                    name: format!("invoice {}", inv.id),
                    cells: vec![
                        inv.id.clone(),
                        date(&inv.date),
                        date(&inv.duedate),
                        amount.to_string(),
                        inv.status.to_lowercase(),
                    ],
                }
            })
            .collect())
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// The newest unpaid invoice in `list` (HOSTKEY lists the newest first).
fn newest_unpaid(list: &[WhmcsInvoice]) -> Option<String> {
    list.iter()
        .find(|inv| hostkey::invoice(inv, CURRENCY).status == InvoiceStatus::Unpaid)
        .map(|inv| {
            let shown = hostkey::invoice(inv, CURRENCY);
            format!(
                "invoice {} for {}, due {}",
                inv.id,
                shown.amount,
                date(&inv.duedate)
            )
        })
}

/// Issues the invoice of the server's next period now.
pub struct DueInvoice;

impl Tool for DueInvoice {
    type Input = ();
    const TITLE: &'static str = "Invoice the next period now";
    const ID: &'static str = "hostkey-due-invoice";
    const SUBMIT: &'static str = "Issue the invoice";
    const RUNNING: &'static str = "Asking HOSTKEY for the invoice";

    fn about() -> Option<&'static str> {
        Some("HOSTKEY adds an unpaid invoice for the server's next billing period to the account, to pay it before it is due. Nothing is issued when that period already has an invoice.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::select(
            "due-confirm",
            "Confirm",
            vec![("yes".into(), "Yes, issue an invoice to pay now".into())],
        )]
    }

    fn check(values: &Values) -> Result<(), Errors> {
        match values.get("due-confirm").map(String::as_str) {
            Some("yes") => Ok(()),
            _ => Err(Errors::from([(
                "due-confirm",
                "Confirm first: this adds a bill to the account.".to_string(),
            )])),
        }
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        _: (),
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let issued = session.hostkey(|a| a.generate_due_invoice(server)).await?;
        let list = session.hostkey(|a| a.related_invoices(server)).await?;
        let unpaid = newest_unpaid(&list);
        let message = match (issued.invoices.unwrap_or(0), unpaid) {
            (0, Some(open)) => format!(
                "HOSTKEY issued no new invoice: the next period already has {open}."
            ),
            (0, None) => "HOSTKEY issued no new invoice: the next period is already invoiced.".into(),
            (_, Some(open)) => format!(
                "HOSTKEY issued {open}. Pay it on the account's Billing page; reload the invoices above to see it."
            ),
            (n, None) => format!("HOSTKEY issued {n} invoice(s); they are on the account's Billing page."),
        };
        Ok(Ran {
            message,
            ..Ran::default()
        })
    }
}
