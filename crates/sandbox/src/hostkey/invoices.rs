//! WHMCS invoices behind `whmcs.php`: listing (newest first), one invoice,
//! a server's invoices, paying from credit, mass-pay groups, add-funds
//! invoices, the next due invoice, transactions and the PDF; and what paying
//! an invoice sets off (a deployment, a renewal, a top-up, a group's members).

use super::auth;
use super::call::{ok, Call, Failure, Reply};
use super::dates::{self, ZERO_DATETIME};
use super::jobs::Finish;
use super::pdf;
use super::seed::cycle_name;
use super::state::{
    money, money_number, parse_money, CreditEntry, Invoice, InvoiceKind, InvoiceStatus, Item,
    State, Transaction,
};
use crate::wire::{self, ResponseExt};
use serde_json::{json, Value};

/// The `invoice_id` parameter, if it names an invoice.
fn invoice_param(
    state: &State,
    call: &Call,
    invalid: impl Fn(&str) -> Failure,
) -> Result<u64, Failure> {
    let raw = call.required("invoice_id")?;
    raw.parse::<u64>()
        .ok()
        .filter(|id| state.billing.invoices.contains_key(id))
        .ok_or_else(|| invalid(raw))
}

/// An invoice as get_related_invoices lists it (get_invoices adds the client fields).
fn summary(invoice: &Invoice) -> Value {
    json!({
        "id": invoice.id,
        "userid": 3172,
        "invoicenum": "",
        "date": dates::date(invoice.date),
        "duedate": dates::date(invoice.due),
        "datepaid": invoice.paid_at.map_or(ZERO_DATETIME.to_string(), dates::datetime),
        "last_capture_attempt": ZERO_DATETIME,
        "date_refunded": ZERO_DATETIME,
        "date_cancelled": if invoice.status == InvoiceStatus::Cancelled { dates::datetime(invoice.updated) } else { ZERO_DATETIME.to_string() },
        "subtotal": money(invoice.subtotal()),
        "credit": money(invoice.credit_cents),
        "tax": "0.00",
        "tax2": "0.00",
        "total": money(invoice.total()),
        "taxrate": "0.00",
        "taxrate2": "0.00",
        "status": invoice.status.name(),
        "paymentmethod": invoice.method,
        "paymethodid": null,
        "notes": "",
        "created_at": dates::datetime(invoice.created),
        "updated_at": dates::datetime(invoice.updated),
    })
}

/// Invoices newest first.
fn newest_first<'a>(invoices: impl Iterator<Item = &'a Invoice>) -> Vec<&'a Invoice> {
    let mut list: Vec<&Invoice> = invoices.collect();
    list.sort_by_key(|i| std::cmp::Reverse((i.date, i.id)));
    list
}

/// whmcs/get_invoices: every invoice but cancelled ones, newest first.
pub(super) fn get_invoices(state: &State) -> Reply {
    let b = &state.billing;
    let list: Vec<Value> = newest_first(
        b.invoices
            .values()
            .filter(|i| i.status != InvoiceStatus::Cancelled),
    )
    .into_iter()
    .map(|i| {
        let mut row = summary(i);
        row["firstname"] = json!(b.firstname);
        row["lastname"] = json!(b.lastname);
        row["companyname"] = json!(b.companyname);
        row["currencycode"] = json!("EUR");
        row["currencyprefix"] = json!("");
        row["currencysuffix"] = json!("EUR");
        row
    })
    .collect();
    Ok(ok(&json!({
        "result": "success",
        "totalresults": b.invoices.len(),
        "numreturned": list.len(),
        "invoices": { "invoice": list },
    })))
}

/// whmcs/get_related_invoices: a server's invoices.
pub(super) fn get_related_invoices(state: &State, call: &Call, auth: &auth::Auth) -> Reply {
    let id = auth::server(state, call, auth, "id")?;
    let list: Vec<Value> = newest_first(
        state
            .billing
            .invoices
            .values()
            .filter(|i| i.kind == InvoiceKind::Service(id)),
    )
    .into_iter()
    .map(summary)
    .collect();
    Ok(ok(&json!({ "result": "success", "invoices": list })))
}

fn transaction_json(t: &Transaction) -> Value {
    json!({
        "id": t.id,
        "userid": 3172,
        "currency": 0,
        "gateway": t.gateway,
        "date": dates::datetime(t.date),
        "description": format!("Invoice Payment (#{})", t.invoice_id),
        "amountin": money(t.amount_cents),
        "fees": "0.00",
        "amountout": "0.00",
        "rate": "1.00000",
        "transid": t.transid,
        "invoiceid": t.invoice_id,
        "refundid": 0,
    })
}

/// whmcs/get_invoice.
pub(super) fn get_invoice(state: &State, call: &Call) -> Reply {
    let id = invoice_param(state, call, |raw| {
        call.fail(format!("invalid invoice id {raw} at whmcs_com"))
    })?;
    let Some(invoice) = state.billing.invoices.get(&id) else {
        return Err(call.fail(format!("invalid invoice id {id} at whmcs_com")));
    };
    let items: Vec<Value> = invoice
        .items
        .iter()
        .map(|item| {
            json!({
                "id": item.id,
                "type": item.kind,
                "relid": item.relid,
                "description": item.description,
                "amount": money(item.amount_cents),
                "taxed": 0,
                "inv_id": -1,
            })
        })
        .collect();
    let transactions: Vec<Value> = state
        .billing
        .transactions
        .iter()
        .filter(|t| t.invoice_id == id)
        .map(transaction_json)
        .collect();
    Ok(ok(&json!({
        "result": "success",
        "invoiceid": invoice.id,
        "invoicenum": "",
        "userid": 3172,
        "date": dates::date(invoice.date),
        "duedate": dates::date(invoice.due),
        "datepaid": invoice.paid_at.map_or(ZERO_DATETIME.to_string(), dates::datetime),
        "lastcaptureattempt": ZERO_DATETIME,
        "subtotal": money(invoice.subtotal()),
        "credit": money(invoice.credit_cents),
        "tax": "0.00",
        "tax2": "0.00",
        "total": money(invoice.total()),
        "balance": money(invoice.balance()),
        "taxrate": "0.00",
        "taxrate2": "0.00",
        "status": invoice.status.name(),
        "paymentmethod": invoice.method,
        "notes": "",
        "ccgateway": false,
        "items": { "item": items },
        "transactions": if transactions.is_empty() { json!("") } else { json!({ "transaction": transactions }) },
    })))
}

/// whmcs/transactions, optionally for one invoice or one transaction.
pub(super) fn transactions(state: &State, call: &Call) -> Reply {
    let invoice = call.number("invoice_id")?;
    let transaction = call.number("transaction_id")?;
    let list: Vec<Value> = state
        .billing
        .transactions
        .iter()
        .filter(|t| {
            invoice.is_none_or(|i| t.invoice_id == i) && transaction.is_none_or(|i| t.id == i)
        })
        .map(transaction_json)
        .collect();
    Ok(ok(&json!({ "result": "OK", "transactions": list })))
}

/// whmcs/apply_credit: pays (part of) an unpaid invoice from the credit balance.
pub(super) fn apply_credit_call(state: &mut State, call: &Call) -> Reply {
    let id = invoice_param(state, call, |_| call.fail("invalid invoice id"))?;
    let raw = call.required("amount")?;
    let amount = parse_money(raw)
        .filter(|c| *c > 0)
        .ok_or_else(|| call.fail(format!("amount must be a positive number, got '{raw}'")))?;
    let Some(invoice) = state.billing.invoices.get(&id) else {
        return Err(call.fail("invalid invoice id"));
    };
    if invoice.status != InvoiceStatus::Unpaid || invoice.kind == InvoiceKind::AddFunds {
        return Err(call.fail("invalid invoice id"));
    }
    let applied = amount.min(invoice.balance());
    if applied > state.billing.credit_cents {
        return Err(call.fail(format!(
            "insufficient credit balance ({} EUR)",
            money(state.billing.credit_cents)
        )));
    }
    apply_credit(state, id, applied, call.now_ms);
    let paid = state
        .billing
        .invoices
        .get(&id)
        .is_some_and(|i| i.status == InvoiceStatus::Paid);
    Ok(ok(&json!({
        "result": "success",
        "invoiceid": id,
        "amount": money_number(amount),
        "invoicepaid": if paid { "true" } else { "false" },
    })))
}

/// Moves `cents` of credit onto invoice `id`, settling it when nothing is left to pay.
pub(super) fn apply_credit(state: &mut State, id: u64, cents: i64, now_ms: u64) {
    let Some(invoice) = state.billing.invoices.get_mut(&id) else {
        return;
    };
    invoice.credit_cents += cents;
    invoice.updated = now_ms / 1000;
    let settled = invoice.balance() == 0;
    state.billing.credit_cents -= cents;
    state.next.credit += 1;
    state.billing.credits.push(CreditEntry {
        id: state.next.credit,
        date: now_ms / 1000,
        description: format!("Credit Applied to Invoice #{id}"),
        amount_cents: -cents,
    });
    if settled {
        settle(state, id, now_ms);
    }
}

/// Pays an invoice's balance through a gateway (the sandbox's "customer paid").
pub(super) fn pay_by_gateway(state: &mut State, id: u64, now_ms: u64) -> bool {
    let Some(invoice) = state
        .billing
        .invoices
        .get_mut(&id)
        .filter(|i| i.status == InvoiceStatus::Unpaid)
    else {
        return false;
    };
    let amount = invoice.balance();
    invoice.paid_cents += amount;
    state.next.transaction += 1;
    let transid = format!(
        "PAYID-{}",
        super::state::hex(&mut state.rng, 20).to_uppercase()
    );
    state.billing.transactions.push(Transaction {
        id: state.next.transaction,
        invoice_id: id,
        date: now_ms / 1000,
        gateway: "paypal",
        transid,
        amount_cents: amount,
    });
    settle(state, id, now_ms);
    true
}

/// Marks an invoice paid and carries out what it paid for.
fn settle(state: &mut State, id: u64, now_ms: u64) {
    let now = now_ms / 1000;
    let Some(invoice) = state.billing.invoices.get_mut(&id) else {
        return;
    };
    invoice.status = InvoiceStatus::Paid;
    invoice.paid_at = Some(now);
    invoice.updated = now;
    let (kind, subtotal, due) = (invoice.kind.clone(), invoice.subtotal(), invoice.due);
    match kind {
        InvoiceKind::Order(key) => {
            let duration = match state.jobs.get(&key).map(|j| &j.finish) {
                Some(Finish::Deploy(order)) => order.product.deploy_ms(),
                _ => return,
            };
            state.jobs.start(&key, now_ms, duration, false);
        }
        InvoiceKind::AddFunds => {
            state.billing.credit_cents += subtotal;
            state.next.credit += 1;
            state.billing.credits.push(CreditEntry {
                id: state.next.credit,
                date: now,
                description: format!("Add Funds Invoice #{id}"),
                amount_cents: subtotal,
            });
        }
        InvoiceKind::Group(members) => {
            for member in members {
                if let Some(m) = state
                    .billing
                    .invoices
                    .get_mut(&member)
                    .filter(|m| m.status == InvoiceStatus::Unpaid)
                {
                    m.paid_cents += m.balance();
                    settle(state, member, now_ms);
                }
            }
        }
        InvoiceKind::Service(server) => {
            if let Some(s) = state.servers.get_mut(&server).filter(|s| due >= s.next_due) {
                s.next_due = dates::add_months(s.next_due, i64::from(s.cycle_months));
                s.suspended = false;
            }
        }
    }
}

/// A new unpaid invoice with `items`, dated now.
fn issue(
    state: &mut State,
    kind: InvoiceKind,
    due: u64,
    lines: Vec<(&'static str, u64, String, i64)>,
    now: u64,
) -> u64 {
    state.next.invoice += 1;
    let id = state.next.invoice;
    let items = lines
        .into_iter()
        .map(|(item_kind, relid, description, amount_cents)| {
            state.next.item += 1;
            Item {
                id: state.next.item,
                kind: item_kind,
                relid,
                description,
                amount_cents,
            }
        })
        .collect();
    let invoice = Invoice {
        id,
        kind,
        date: now,
        due,
        paid_at: None,
        created: now,
        updated: now,
        status: InvoiceStatus::Unpaid,
        method: "paypal",
        items,
        credit_cents: 0,
        paid_cents: 0,
    };
    state.billing.invoices.insert(id, invoice);
    id
}

/// whmcs/mass_pay: one group invoice for several unpaid ones.
pub(super) fn mass_pay(state: &mut State, call: &Call) -> Reply {
    let invalid = || call.fail("invalid request");
    let raw: Vec<&str> = call
        .params
        .0
        .iter()
        .filter(|(k, _)| k.starts_with("invoices["))
        .map(|(_, v)| v.as_str())
        .collect();
    let mut members = Vec::new();
    for value in raw {
        let id: u64 = value.trim().parse().map_err(|_| invalid())?;
        let invoice = state.billing.invoices.get(&id).ok_or_else(invalid)?;
        if invoice.status != InvoiceStatus::Unpaid
            || matches!(invoice.kind, InvoiceKind::Group(_))
            || members.contains(&id)
        {
            return Err(invalid());
        }
        members.push(id);
    }
    if members.len() < 2 {
        return Err(invalid());
    }
    let lines = members
        .iter()
        .filter_map(|id| state.billing.invoices.get(id))
        .map(|m| ("Invoice", m.id, format!("Invoice #{}", m.id), m.balance()))
        .collect();
    let id = issue(
        state,
        InvoiceKind::Group(members),
        call.now(),
        lines,
        call.now(),
    );
    Ok(ok(&json!({ "result": "OK", "invoiceid": id })))
}

/// whmcs/create_addfunds: an invoice that tops up the credit once paid.
pub(super) fn create_addfunds(state: &mut State, call: &Call) -> Reply {
    let raw = call.required("amount")?;
    let amount: i64 = raw
        .parse()
        .ok()
        .filter(|a| (1..=100_000).contains(a))
        .ok_or_else(|| {
            call.fail(format!(
                "amount must be a whole number between 1 and 100000, got '{raw}'"
            ))
        })?;
    let lines = vec![("AddFunds", 0, "Add Funds Invoice".to_string(), amount * 100)];
    let id = issue(state, InvoiceKind::AddFunds, call.now(), lines, call.now());
    Ok(ok(
        &json!({ "result": "OK", "invoice": id, "message": format!("Invoice {id} created") }),
    ))
}

/// whmcs/generate_due_invoice: the server's next period invoice, unless it exists.
pub(super) fn generate_due_invoice(state: &mut State, call: &Call, auth: &auth::Auth) -> Reply {
    let id = auth::server(state, call, auth, "id")?;
    let Some(server) = state.servers.get(&id).cloned() else {
        return Err(call.fail("no server with that ID was found"));
    };
    let exists = state
        .billing
        .invoices
        .values()
        .any(|i| i.kind == InvoiceKind::Service(id) && i.due == server.next_due);
    if exists {
        return Ok(ok(&json!({ "result": "OK", "invoices": 0 })));
    }
    let end = dates::add_months(server.next_due, i64::from(server.cycle_months));
    let description = format!(
        "{} ({}) - {} ({} - {})",
        server.preset_description,
        server.hostname(),
        cycle_name(server.cycle_months),
        dates::date(server.next_due),
        dates::date(end)
    );
    let lines = vec![(
        "Hosting",
        server.service_id,
        description,
        server.recurring_cents,
    )];
    issue(
        state,
        InvoiceKind::Service(id),
        server.next_due,
        lines,
        call.now(),
    );
    Ok(ok(&json!({ "result": "OK", "invoices": 1 })))
}

/// whmcs/download_invoice: the invoice as a PDF.
pub(super) fn download_invoice(state: &State, call: &Call) -> Reply {
    let id = invoice_param(state, call, |_| call.fail("Invalid invoice ID"))?;
    let Some(invoice) = state.billing.invoices.get(&id) else {
        return Err(call.fail("Invalid invoice ID"));
    };
    let b = &state.billing;
    let mut lines = vec![
        "HOSTKEY B.V., Willem Frederik Hermansstraat 91, 1011DG Amsterdam".to_string(),
        String::new(),
        format!(
            "Invoice date: {}    Due date: {}",
            dates::date(invoice.date),
            dates::date(invoice.due)
        ),
        format!("Status: {}", invoice.status.name()),
        format!(
            "Invoiced to: {} {}, {}, {} {}",
            b.firstname, b.lastname, b.address1, b.postcode, b.city
        ),
        String::new(),
    ];
    lines.extend(
        invoice
            .items
            .iter()
            .map(|i| format!("{}    {} EUR", i.description, money(i.amount_cents))),
    );
    lines.extend([
        String::new(),
        format!("Sub total: {} EUR", money(invoice.subtotal())),
        format!("Credit: {} EUR", money(invoice.credit_cents)),
        format!("Total: {} EUR", money(invoice.total())),
        format!("Balance: {} EUR", money(invoice.balance())),
    ]);
    let document = pdf::document(&format!("Invoice #{id}"), &lines);
    Ok(wire::bytes(200, "application/pdf", document).with_header(
        "content-disposition",
        &format!("attachment; filename=\"Invoice-{id}.pdf\""),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gateway_payment_of_an_add_funds_invoice_tops_up_the_credit() {
        let mut state = State::seed(3, 7, 1_717_200_000_000);
        let before = state.billing.credit_cents;
        let id = issue(
            &mut state,
            InvoiceKind::AddFunds,
            1_717_200_000,
            vec![("AddFunds", 0, "Add Funds Invoice".into(), 2_500)],
            1_717_200_000,
        );
        assert!(pay_by_gateway(&mut state, id, 1_717_200_060_000));
        assert_eq!(state.billing.credit_cents, before + 2_500);
        let invoice = &state.billing.invoices[&id];
        assert_eq!(invoice.status, InvoiceStatus::Paid);
        assert_eq!(invoice.balance(), 0);
        assert_eq!(
            state
                .billing
                .transactions
                .last()
                .map(|t| (t.invoice_id, t.amount_cents)),
            Some((id, 2_500))
        );
        assert!(
            !pay_by_gateway(&mut state, id, 1_717_200_120_000),
            "a paid invoice is not paid twice"
        );
    }
}
