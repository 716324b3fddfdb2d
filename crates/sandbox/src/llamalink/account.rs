//! A LlamaLink account: its API key, profile, saved cards, servers,
//! websites, provisioning operations and subscriptions (the ledger of what
//! was charged: one subscription per order).

use super::orders::Operation;
use super::servers::Server;
use super::websites::Website;
use crate::fleet::next_monthly;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The read-only profile (`GET /user/profile`).
#[derive(Debug, Clone)]
pub(super) struct Profile {
    pub(super) id: u64,
    pub(super) username: &'static str,
    pub(super) email: &'static str,
    pub(super) realname: &'static str,
    pub(super) phone: &'static str,
}

/// A saved card (`GET /user/payment`).
#[derive(Debug, Clone)]
pub(super) struct Card {
    pub(super) id: u64,
    pub(super) last4: &'static str,
    pub(super) exp_month: u32,
    pub(super) exp_year: i64,
    pub(super) brand: &'static str,
}

/// What a subscription pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Vps,
    Website,
}

/// One order's charge, renewed monthly: pending until what it bought is
/// ready, then active.
#[derive(Debug, Clone)]
pub(super) struct Subscription {
    pub(super) id: u64,
    pub(super) kind: Kind,
    pub(super) name: String,
    pub(super) price_monthly: f64,
    pub(super) started_ms: u64,
    pub(super) ready_ms: u64,
}

impl Subscription {
    fn json(&self, now_ms: u64) -> Value {
        json!({
            "id": self.id,
            "type": match self.kind { Kind::Vps => "vps", Kind::Website => "website" },
            "name": self.name,
            "status": if now_ms < self.ready_ms { "pending" } else { "active" },
            "renewalDate": next_monthly(self.started_ms, now_ms),
            "priceMonthly": self.price_monthly,
        })
    }
}

/// One API key's account (no `Debug`: it holds the key).
pub(super) struct Account {
    pub(super) key: String,
    pub(super) profile: Profile,
    pub(super) cards: Vec<Card>,
    pub(super) servers: Vec<Server>,
    pub(super) websites: Vec<Website>,
    pub(super) operations: HashMap<String, Operation>,
    pub(super) subscriptions: Vec<Subscription>,
}

impl Account {
    /// The server `id` on this account.
    pub(super) fn server(&self, id: &str) -> Option<&Server> {
        let id: u64 = id.parse().ok()?;
        self.servers.iter().find(|s| s.id == id)
    }

    /// The server `id` on this account, to act on.
    pub(super) fn server_mut(&mut self, id: &str) -> Option<&mut Server> {
        let id: u64 = id.parse().ok()?;
        self.servers.iter_mut().find(|s| s.id == id)
    }

    /// Whether orders can be charged (a saved card).
    pub(super) fn can_pay(&self) -> bool {
        !self.cards.is_empty()
    }

    /// `GET /user/profile`.
    pub(super) fn profile_json(&self) -> Value {
        let p = &self.profile;
        json!({
            "id": p.id, "username": p.username, "email": p.email, "realname": p.realname,
            "phone": p.phone, "userpfp": format!("avatar-{}.png", p.id), "role": "user",
        })
    }

    /// `GET /user/payment`.
    pub(super) fn cards_json(&self) -> Value {
        self.cards
            .iter()
            .map(|c| {
                json!({ "id": c.id, "last4dig": c.last4, "exp_month": c.exp_month, "exp_year": c.exp_year, "brand": c.brand })
            })
            .collect()
    }

    /// `GET /user/subscriptions`.
    pub(super) fn subscriptions_json(&self, now_ms: u64) -> Value {
        self.subscriptions.iter().map(|s| s.json(now_ms)).collect()
    }
}
