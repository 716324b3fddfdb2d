//! One payment: a Lightning invoice for a VM's purchase, renewal or upgrade,
//! or for an IP-range subscription's purchase or renewal, shown as
//! `VmPayment` (`/payment/{id}`, `/vm/{id}/payments`; VMs only) or as
//! `SubscriptionPayment` (`/subscriptions/…`). Amounts are satoshis and the
//! invoice sits in `data.Lightning`, as the seed shows.

use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::bolt11::{Invoice, Node, EXPIRY_SECS};
use super::catalogue::{price, Spec};
use super::time::{rfc3339, SECOND};

/// What a payment buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Purpose {
    /// The first payment of an order.
    Purchase,
    /// More time for a paid VM.
    Renewal,
    /// New hardware for the rest of the paid time.
    Upgrade(Spec),
}

/// A payment and its invoice's inputs (the invoice is re-encoded on demand;
/// signing is deterministic, so it never changes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Payment {
    /// Hex payment hash, the payment's id.
    pub(super) id: String,
    payment_hash: [u8; 32],
    payment_secret: [u8; 32],
    /// Owner's public key (hex).
    pub(super) owner: String,
    /// The VM it pays for (0 for an IP-range subscription's payment).
    pub(super) vm_id: u64,
    /// The IP-range subscription it pays for, when it is not a VM's.
    pub(super) range: Option<u64>,
    /// When it was issued.
    pub(super) created_ms: u64,
    /// Amount, satoshis.
    pub(super) amount_sats: u64,
    /// Seconds it adds to the VM's expiry.
    pub(super) time_secs: u64,
    /// What it buys.
    pub(super) purpose: Purpose,
    /// `lightning`, or `nwc` when charged to a saved wallet.
    pub(super) method: &'static str,
    /// When it was settled.
    pub(super) paid_ms: Option<u64>,
    description: String,
}

/// What a new payment is for.
#[derive(Debug, Clone)]
pub(super) struct Order {
    /// Owner's public key (hex).
    pub(super) owner: String,
    /// The VM (0 for an IP-range subscription).
    pub(super) vm_id: u64,
    /// The IP-range subscription, when the order is not a VM's.
    pub(super) range: Option<u64>,
    /// Amount, satoshis.
    pub(super) amount_sats: u64,
    /// Seconds added to expiry.
    pub(super) time_secs: u64,
    /// What it buys.
    pub(super) purpose: Purpose,
    /// `lightning` or `nwc`.
    pub(super) method: &'static str,
}

impl Payment {
    /// A new unpaid payment for `order` at `now`, with a fresh preimage and secret from `rng`.
    pub(super) fn issue(order: Order, now: u64, rng: &mut fastrand::Rng) -> Self {
        let mut preimage = [0u8; 32];
        rng.fill(&mut preimage);
        let mut payment_secret = [0u8; 32];
        rng.fill(&mut payment_secret);
        let payment_hash: [u8; 32] = Sha256::digest(preimage).into();
        let description = match (order.range, order.purpose) {
            (Some(sub), Purpose::Renewal) => format!("IP range renewal {sub}"),
            (Some(sub), _) => format!("IP range order {sub}"),
            (None, Purpose::Purchase) => format!("VM order {}", order.vm_id),
            (None, Purpose::Renewal) => format!("VM renewal {}", order.vm_id),
            (None, Purpose::Upgrade(_)) => format!("VM upgrade {}", order.vm_id),
        };
        Payment {
            id: hex::encode(payment_hash),
            payment_hash,
            payment_secret,
            owner: order.owner,
            vm_id: order.vm_id,
            range: order.range,
            created_ms: now,
            amount_sats: order.amount_sats,
            time_secs: order.time_secs,
            purpose: order.purpose,
            method: order.method,
            paid_ms: None,
            description,
        }
    }

    /// When the invoice stops being payable.
    pub(super) fn expires_ms(&self) -> u64 {
        self.created_ms + EXPIRY_SECS * SECOND
    }

    /// True while it can still be paid.
    pub(super) fn payable(&self, now: u64) -> bool {
        self.paid_ms.is_none() && now < self.expires_ms()
    }

    /// True when it is an unpaid, unexpired payment for the same thing.
    pub(super) fn same_as(&self, order: &Order, now: u64) -> bool {
        self.payable(now)
            && self.vm_id == order.vm_id
            && self.range == order.range
            && self.amount_sats == order.amount_sats
            && self.time_secs == order.time_secs
            && self.purpose == order.purpose
            && self.method == order.method
    }

    /// The BOLT11 invoice.
    pub(super) fn invoice(&self, node: &Node) -> String {
        node.encode(&Invoice {
            amount_sats: self.amount_sats,
            timestamp: self.created_ms / SECOND,
            payment_hash: self.payment_hash,
            payment_secret: self.payment_secret,
            description: self.description.clone(),
        })
    }

    fn payment_type(&self) -> &'static str {
        match self.purpose {
            Purpose::Purchase => "Purchase",
            Purpose::Renewal => "Renewal",
            Purpose::Upgrade(_) => "Upgrade",
        }
    }

    /// `VmPayment` JSON.
    pub(super) fn vm_json(&self, node: &Node) -> Value {
        let mut value = json!({
            "id": self.id,
            "vm_id": self.vm_id,
            "created": rfc3339(self.created_ms),
            "expires": rfc3339(self.expires_ms()),
            "amount": self.amount_sats,
            "tax": 0,
            "processing_fee": 0,
            "currency": "BTC",
            "is_paid": self.paid_ms.is_some(),
            "data": { "Lightning": self.invoice(node) },
            "time": self.time_secs,
            "is_upgrade": matches!(self.purpose, Purpose::Upgrade(_)),
            "is_refund": false,
        });
        if let Some(paid) = self.paid_ms {
            value["paid_at"] = json!(rfc3339(paid));
        }
        if let Purpose::Upgrade(spec) = self.purpose {
            value["upgrade_params"] = json!(
                json!({ "cpu": spec.cpu, "memory": spec.memory, "disk": spec.disk }).to_string()
            );
        }
        value
    }

    /// `SubscriptionPayment` JSON, as a payment of `subscription_id`.
    pub(super) fn subscription_json(&self, subscription_id: u64, node: &Node) -> Value {
        let mut value = json!({
            "id": self.id,
            "subscription_id": subscription_id,
            "created": rfc3339(self.created_ms),
            "expires": rfc3339(self.expires_ms()),
            "amount": price("BTC", self.amount_sats),
            "payment_method": self.method,
            "payment_type": self.payment_type(),
            "is_paid": self.paid_ms.is_some(),
            "tax": price("BTC", 0),
            "processing_fee": price("BTC", 0),
            "data": { "Lightning": self.invoice(node) },
        });
        if let Some(paid) = self.paid_ms {
            value["paid_at"] = json!(rfc3339(paid));
        }
        value
    }
}
