//! The order journal: every order the panel sends, written to `localStorage`
//! before its request leaves and updated with each answer, so that a reload
//! or a lost answer resumes or reconciles the order instead of placing it
//! again. Entries hold ids, a summary and the request's non-secret fields;
//! never a credential, an invoice or a key.

use super::storage;
use providers::driver::{Operation, OrderTicket};
use serde::{Deserialize, Serialize};

/// The `localStorage` key of the journal.
const KEY: &str = "panel.orders";

/// Where a journaled order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Written; the request is leaving, or left and no answer was recorded.
    Sending,
    /// The provider took it: the server's id is known.
    Placed,
    /// Waiting for the customer to pay.
    AwaitingPayment,
    /// Paid (or free); the server is being set up.
    Provisioning,
    /// The server is running.
    Done,
    /// Refused by the provider, or never reached it: nothing was ordered.
    Failed,
}

impl OrderState {
    /// True while the order still needs following.
    pub fn in_flight(self) -> bool {
        !matches!(self, OrderState::Done | OrderState::Failed)
    }

    /// A short word for it.
    pub fn label(self) -> &'static str {
        match self {
            OrderState::Sending => "sending",
            OrderState::Placed => "placed",
            OrderState::AwaitingPayment => "awaiting payment",
            OrderState::Provisioning => "provisioning",
            OrderState::Done => "running",
            OrderState::Failed => "not ordered",
        }
    }
}

/// One order in the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// The order's identity: provider and idempotency key (reused on every retry).
    pub ticket: OrderTicket,
    /// The account it was placed with.
    pub account_id: String,
    /// What was ordered, in words (`VPS-Small · Ubuntu 24.04 · key laptop`).
    pub summary: String,
    /// The request's fields (ids and sizes), to recognise the order at the provider.
    pub request: serde_json::Value,
    /// When it was written (Unix ms).
    pub created_ms: u64,
    /// Where it stands.
    pub state: OrderState,
    /// The new server's id, once the provider answered.
    pub server_id: Option<String>,
    /// What to follow until the server runs, once known.
    pub operation: Option<Operation>,
    /// Why it stopped, or what the person should know.
    pub note: Option<String>,
    /// The invoice the provider issued for it, where it issues one (HOSTKEY).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice: Option<String>,
    /// Each server of a batch order, with its own result (empty for one server).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<OrderItem>,
}

/// One server of a batch order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderItem {
    /// The name it was ordered with.
    pub name: String,
    /// Its id, once the provider created it.
    pub server_id: Option<String>,
    /// Why it was not created or did not come up.
    pub error: Option<String>,
    /// True once it runs.
    pub done: bool,
}

impl JournalEntry {
    /// The idempotency key (the journal's key for this order).
    pub fn key(&self) -> &str {
        &self.ticket.op_id
    }
}

/// The journal as stored (empty when absent or unreadable).
pub fn load() -> Vec<JournalEntry> {
    storage::get(KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Replaces the stored journal; an error when it could not be written (then
/// no order may be sent).
pub fn save(entries: &[JournalEntry]) -> Result<(), String> {
    let text = serde_json::to_string(entries).map_err(|e| e.to_string())?;
    storage::try_set(KEY, &text).map_err(|e| format!("the order journal could not be written: {e}"))
}
