//! A LiteVPS account and what it owns: login, prepaid balance and its
//! transactions, access tokens with spend limits, SSH keys and VMs.

use super::body::money;
use super::vms::Vm;
use crate::fleet::rfc3339;
use serde_json::{json, Value};

/// Whether a transaction added or drew money.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Charge,
    Topup,
}

/// A balance movement.
#[derive(Debug, Clone)]
pub(super) struct Transaction {
    pub(super) id: String,
    pub(super) kind: Kind,
    /// Signed USD: negative for charges.
    pub(super) amount: f64,
    pub(super) balance_after: f64,
    pub(super) description: String,
    pub(super) at_ms: u64,
}

impl Transaction {
    /// An item of `GET /api/billing/transactions`.
    pub(super) fn json(&self) -> Value {
        json!({
            "id": self.id,
            "type": match self.kind { Kind::Charge => "charge", Kind::Topup => "topup" },
            "amount": money(self.amount),
            "balance_after": money(self.balance_after),
            "description": self.description,
            "created_at": rfc3339(self.at_ms),
        })
    }
}

/// A `vtk_` access token (no `Debug`: it holds the secret).
pub(super) struct Token {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) secret: String,
    pub(super) spend_limit: Option<f64>,
    /// USD charged for VMs created with this token.
    pub(super) spent: f64,
    pub(super) created_ms: u64,
}

impl Token {
    /// Whether the token has used up its spend limit.
    pub(super) fn exhausted(&self) -> bool {
        self.spend_limit
            .is_some_and(|limit| self.spent + 1e-9 >= limit)
    }

    /// The token as listed (without its secret).
    pub(super) fn json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "spend_limit": self.spend_limit.map(money),
            "spent": money(self.spent), "created_at": rfc3339(self.created_ms),
        })
    }
}

/// An SSH public key.
#[derive(Debug, Clone)]
pub(super) struct SshKey {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) public_key: String,
    pub(super) fingerprint: String,
    pub(super) created_ms: u64,
}

impl SshKey {
    /// The key as created and listed.
    pub(super) fn json(&self) -> Value {
        json!({
            "id": self.id, "name": self.name, "public_key": self.public_key,
            "fingerprint": self.fingerprint, "created_at": rfc3339(self.created_ms),
        })
    }
}

/// One account (no `Debug`: it holds the password and tokens).
pub(super) struct Account {
    pub(super) id: String,
    pub(super) email: String,
    pub(super) password: String,
    /// USD, never below zero.
    pub(super) balance: f64,
    /// Where invoices and low-balance alerts go.
    pub(super) billing_email: String,
    /// The minute boundary up to which running VMs have been charged.
    pub(super) billed_until: u64,
    pub(super) transactions: Vec<Transaction>,
    pub(super) tokens: Vec<Token>,
    pub(super) keys: Vec<SshKey>,
    pub(super) vms: Vec<Vm>,
}

impl Account {
    /// A new, empty account at `now_ms`.
    pub(super) fn new(id: String, email: &str, password: &str, now_ms: u64) -> Self {
        Self {
            id,
            email: email.to_string(),
            password: password.to_string(),
            balance: 0.0,
            billing_email: email.to_string(),
            billed_until: now_ms - now_ms % crate::fleet::MINUTE_MS,
            transactions: Vec::new(),
            tokens: Vec::new(),
            keys: Vec::new(),
            vms: Vec::new(),
        }
    }

    /// Records a balance movement, newest last.
    pub(super) fn record(
        &mut self,
        id: String,
        kind: Kind,
        amount: f64,
        description: String,
        at_ms: u64,
    ) {
        self.transactions.push(Transaction {
            id,
            kind,
            amount,
            balance_after: self.balance,
            description,
            at_ms,
        });
    }

    /// The VM `id`.
    pub(super) fn vm(&self, id: &str) -> Option<&Vm> {
        self.vms.iter().find(|vm| vm.id == id)
    }

    /// The VM `id`, to act on.
    pub(super) fn vm_mut(&mut self, id: &str) -> Option<&mut Vm> {
        self.vms.iter_mut().find(|vm| vm.id == id)
    }

    /// `GET /api/me`.
    pub(super) fn me_json(&self) -> Value {
        json!({ "id": self.id, "email": self.email, "balance": money(self.balance) })
    }
}
