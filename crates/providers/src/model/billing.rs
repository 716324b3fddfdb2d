//! Balances, invoices and payments.

use super::{Money, Timestamp};
use serde::{Deserialize, Serialize};

/// What an account has to spend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    /// Credit or prepaid balance.
    pub available: Money,
    /// The provider's JSON it came from.
    pub raw: serde_json::Value,
}

/// Where an invoice or payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Waiting to be paid.
    Unpaid,
    /// Paid.
    Paid,
    /// No longer payable (a Lightning invoice past its expiry).
    Expired,
    /// Cancelled.
    Cancelled,
    /// Refunded.
    Refunded,
    /// A charge already taken from a balance (a debit line).
    Charged,
    /// Anything else.
    Unknown,
}

/// An invoice, payment or billing line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Invoice {
    /// The provider's id.
    pub id: String,
    /// Amount due or paid (use [`Money::minor_units`] for the smallest unit).
    pub amount: Money,
    /// Status.
    pub status: InvoiceStatus,
    /// What it is for.
    pub description: Option<String>,
    /// When it was issued.
    pub created: Option<Timestamp>,
    /// When it is due or stops being payable.
    pub due: Option<Timestamp>,
    /// A BOLT11 Lightning invoice to pay, without the `lightning:` prefix.
    pub bolt11: Option<String>,
    /// A URL where it can be paid.
    pub pay_url: Option<String>,
    /// The provider's JSON it came from.
    pub raw: serde_json::Value,
}
