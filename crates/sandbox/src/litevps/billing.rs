//! LiteVPS prepaid billing: running VMs draw the balance down by
//! `price_hourly / 60` at every minute boundary (settled lazily, in spans
//! where the set of running VMs is constant); at zero the VMs stop. Also
//! top-ups, the transaction history and the billing email.

use super::account::{Account, Kind};
use super::body::{self, invalid, money, Refusal};
use super::vms::State;
use super::Ctx;
use crate::fleet::{hex_token, uuid, Transition, MINUTE_MS};
use crate::wire::{self, Form};
use crate::Response;
use serde_json::{json, Value};

/// Smallest and largest top-up (USD).
const TOP_UP: (f64, f64) = (5.0, 50.0);
/// `limit` when none is given, and its maximum.
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 100;
/// Floating-point slack: a balance this small counts as zero.
const ROUNDING_USD: f64 = 1e-9;

/// Charges every minute boundary up to `now_ms`, stopping the VMs if the
/// balance runs out, and removes VMs whose TTL has passed.
pub(super) fn settle(account: &mut Account, rng: &mut fastrand::Rng, now_ms: u64) {
    let target = now_ms - now_ms % MINUTE_MS;
    while account.billed_until < target {
        let first = account.billed_until + MINUTE_MS;
        let running: Vec<usize> = (0..account.vms.len())
            .filter(|&i| account.vms[i].billable_at(first))
            .collect();
        let change = account
            .vms
            .iter()
            .flat_map(|vm| vm.changes())
            .filter(|&t| t > first)
            .min();
        let last = change.map_or(target, |t| ((t - 1) / MINUTE_MS * MINUTE_MS).min(target));
        if running.is_empty() {
            account.billed_until = last;
            continue;
        }
        let minutes = (last - first) / MINUTE_MS + 1;
        let per_minute: f64 = running
            .iter()
            .map(|&i| account.vms[i].price_hourly / 60.0)
            .sum();
        let due = per_minute * minutes as f64;
        let (paid, charged_minutes, until) = if account.balance + ROUNDING_USD >= due {
            (due, minutes as f64, last)
        } else {
            let whole = (account.balance / per_minute).floor() as u64;
            (
                account.balance,
                account.balance / per_minute,
                first + whole * MINUTE_MS,
            )
        };
        for &i in &running {
            let share = account.vms[i].price_hourly / 60.0 * charged_minutes;
            if let Some(token) = account.vms[i].token.clone() {
                if let Some(t) = account.tokens.iter_mut().find(|t| t.id == token) {
                    t.spent += share;
                }
            }
        }
        account.balance = (account.balance - paid).max(0.0);
        if account.balance <= ROUNDING_USD {
            account.balance = 0.0;
            for &i in &running {
                account.vms[i].state = Transition::settled(State::Stopped);
            }
        }
        if paid > 0.0 {
            let description = format!(
                "usage: {} running VM{} × {} min{}",
                running.len(),
                if running.len() == 1 { "" } else { "s" },
                charged_minutes.ceil(),
                if account.balance == 0.0 {
                    " (balance exhausted, VMs stopped)"
                } else {
                    ""
                }
            );
            account.record(uuid(rng), Kind::Charge, -paid, description, until);
        }
        account.billed_until = until;
    }
    account
        .vms
        .retain(|vm| vm.expires_ms.is_none_or(|t| t > now_ms));
}

/// `POST /api/billing/add-funds`: the checkout link; the sandbox completes
/// the checkout at once and credits the balance.
pub(super) fn add_funds(ctx: &mut Ctx, body: &[u8]) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let amount = match object.get("amount") {
        None | Some(Value::Null) => return Err(invalid("amount is required")),
        Some(v) => v
            .as_f64()
            .ok_or_else(|| invalid("amount must be a number (USD)"))?,
    };
    if !(TOP_UP.0..=TOP_UP.1).contains(&amount) {
        return Err(invalid(format!(
            "amount must be between {} and {}",
            TOP_UP.0, TOP_UP.1
        )));
    }
    let session = format!("cs_test_{}", hex_token(ctx.rng, 24));
    ctx.account.balance += money(amount);
    let id = uuid(ctx.rng);
    ctx.account.record(
        id,
        Kind::Topup,
        money(amount),
        format!("Stripe checkout {session}"),
        ctx.now,
    );
    Ok(wire::json(
        200,
        &json!({ "url": format!("https://checkout.stripe.com/c/pay/{session}") }),
    ))
}

/// A whole-number query parameter within `lo..=hi`, or `default`.
fn count(query: &Form, name: &str, default: usize, lo: usize, hi: usize) -> Result<usize, Refusal> {
    match query.get(name) {
        None | Some("") => Ok(default),
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (lo..=hi).contains(n))
            .ok_or_else(|| invalid(format!("{name} must be an integer between {lo} and {hi}"))),
    }
}

/// `GET /api/billing/transactions?limit&offset`, newest first.
pub(super) fn transactions(ctx: &Ctx, query: Option<&str>) -> Result<Response, Refusal> {
    let query = Form::parse(query.unwrap_or("").as_bytes());
    let limit = count(&query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)?;
    let offset = count(&query, "offset", 0, 0, usize::MAX)?;
    let all = &ctx.account.transactions;
    let page: Vec<Value> = all
        .iter()
        .rev()
        .skip(offset)
        .take(limit)
        .map(|t| t.json())
        .collect();
    Ok(wire::json(
        200,
        &json!({ "transactions": page, "total": all.len(), "limit": limit, "offset": offset }),
    ))
}

/// `PUT /api/billing/email`.
pub(super) fn set_email(ctx: &mut Ctx, body: &[u8]) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let email = body::text(&object, "email").map_err(invalid)?.trim();
    if !body::is_email(email) {
        return Err(invalid("email must be an email address"));
    }
    ctx.account.billing_email = email.to_string();
    Ok(wire::json(200, &json!({ "email": email })))
}
