//! Customer accounts: profile, prepaid balance, auto-funding and the recent
//! invoice lines (`VPS Hourly Charge - <name>` debits, auto-funding credits).

use super::money::{self, Amount};
use super::timefmt::iso;
use serde_json::{json, Value};
use std::collections::VecDeque;

/// Invoice lines kept for `recent_invoices`.
pub(super) const RECENT_INVOICES: usize = 20;

/// A balance movement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Invoice {
    /// Invoice id.
    pub id: u64,
    /// What it was for.
    pub description: String,
    /// Signed amount: negative for debits.
    pub amount: Amount,
    /// When it was booked.
    pub date_ms: u64,
}

impl Invoice {
    fn json(&self) -> Value {
        json!({
            "id": self.id,
            "description": self.description,
            "amount": money::four(self.amount),
            "type": if self.amount < 0 { "debit" } else { "credit" },
            "date": iso(self.date_ms),
        })
    }
}

/// Automatic top-ups when the balance runs low.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct AutoFunding {
    /// Whether top-ups happen.
    pub enabled: bool,
    /// The balance below which a top-up happens.
    pub threshold: Amount,
    /// How much each top-up adds.
    pub amount: Amount,
}

/// A customer account.
#[derive(Debug, Clone)]
pub(super) struct Account {
    /// Account id.
    pub id: u64,
    /// Login e-mail.
    pub email: String,
    /// Full name.
    pub full_name: String,
    /// Prepaid balance.
    pub balance: Amount,
    /// Whether two-factor login is on.
    pub two_factor_enabled: bool,
    /// When the account was opened.
    pub registration_ms: u64,
    /// Top-up settings.
    pub auto_funding: AutoFunding,
    /// The newest invoice lines, oldest first.
    pub invoices: VecDeque<Invoice>,
}

/// One running VPS to charge for an hour.
#[derive(Debug, Clone)]
pub(super) struct Charge {
    /// The VPS id.
    pub vps_id: u64,
    /// Its hourly rate.
    pub rate: Amount,
    /// Its name, for the invoice line.
    pub name: String,
}

impl Account {
    /// `GET /account`.
    pub fn json(&self) -> Value {
        json!({
            "id": self.id,
            "email": self.email,
            "full_name": self.full_name,
            "balance": money::two(self.balance),
            "status": "active",
            "two_factor_enabled": self.two_factor_enabled,
            "vps_ordering_enabled": true,
            "registration_date": iso(self.registration_ms),
        })
    }

    /// `GET /billing`.
    pub fn billing_json(&self) -> Value {
        let recent: Vec<Value> = self.invoices.iter().rev().map(Invoice::json).collect();
        json!({
            "balance": money::two(self.balance),
            "auto_funding": {
                "enabled": self.auto_funding.enabled,
                "threshold": money::two(self.auto_funding.threshold),
                "amount": money::two(self.auto_funding.amount),
            },
            "recent_invoices": recent,
        })
    }

    /// Charges one hour (ending at `at_ms`) for every VPS in `running`, then
    /// tops up if auto-funding says so. `later_hours` is how many more hours
    /// this catch-up will charge: lines that would fall out of the recent list
    /// anyway only take their invoice ids.
    pub fn charge_hour(
        &mut self,
        at_ms: u64,
        running: &[Charge],
        later_hours: u64,
        next_id: &mut u64,
    ) {
        self.balance -= running.iter().map(|c| c.rate).sum::<Amount>();
        let count = running.len() as u64;
        if later_hours.saturating_mul(count) >= RECENT_INVOICES as u64 {
            *next_id += count;
        } else {
            let skip = running.len().saturating_sub(RECENT_INVOICES);
            *next_id += skip as u64;
            for charge in running.iter().skip(skip) {
                let description = format!("VPS Hourly Charge - {}", charge.name);
                self.book(next_id, description, -charge.rate, at_ms);
            }
        }
        let funding = self.auto_funding;
        if funding.enabled && funding.amount > 0 {
            while self.balance < funding.threshold {
                self.balance += funding.amount;
                self.book(
                    next_id,
                    "Auto-Funding Top-up".to_string(),
                    funding.amount,
                    at_ms,
                );
            }
        }
    }

    /// Books an invoice line, dropping the oldest beyond the recent list.
    fn book(&mut self, next_id: &mut u64, description: String, amount: Amount, date_ms: u64) {
        *next_id += 1;
        if self.invoices.len() == RECENT_INVOICES {
            self.invoices.pop_front();
        }
        self.invoices.push_back(Invoice {
            id: *next_id,
            description,
            amount,
            date_ms,
        });
    }
}
