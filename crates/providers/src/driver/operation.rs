//! Long operations to follow, order tickets, and how often to poll.

use crate::model::ProviderId;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// A long operation whose progress can be polled.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "provider", rename_all = "lowercase")]
pub enum Operation {
    /// LlamaLink provisioning, by the order's op id.
    Llamalink {
        /// The `x-provision-op-id` of the order.
        op_id: String,
    },
    /// CyberPanel deployment of a VPS.
    Cyberpanel {
        /// The VPS id.
        vps_id: String,
    },
    /// LiteVPS creation (state `creating` → `running`).
    Litevps {
        /// The VPS id.
        vps_id: String,
    },
    /// A HOSTKEY asynchronous call, by its callback key.
    Hostkey {
        /// The callback key.
        key: String,
        /// True for NAT operations, polled on `nat_callback.php`.
        nat: bool,
    },
    /// An LNVPS order: payment, then provisioning until running.
    Lnvps {
        /// The VM id.
        vm_id: String,
        /// The payment to wait for, when one was issued.
        payment_id: Option<String>,
    },
}

/// An order's identity, made once and reused on every retry of that order.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrderTicket {
    /// Which provider the order is for.
    pub provider: ProviderId,
    /// The idempotency key (LlamaLink's `x-provision-op-id`; the journal key elsewhere).
    pub op_id: String,
}

impl OrderTicket {
    /// A ticket with a fresh random op id.
    ///
    /// ```
    /// use providers::{driver::OrderTicket, ProviderId};
    /// let a = OrderTicket::generate(ProviderId::Llamalink);
    /// let b = OrderTicket::generate(ProviderId::Llamalink);
    /// assert_ne!(a.op_id, b.op_id);
    /// ```
    pub fn generate(provider: ProviderId) -> Self {
        Self {
            provider,
            op_id: format!("panel-{}", uuid::Uuid::new_v4()),
        }
    }

    /// A ticket with a known op id (resuming a journaled order).
    pub fn resume(provider: ProviderId, op_id: impl Into<String>) -> Self {
        Self {
            provider,
            op_id: op_id.into(),
        }
    }
}

/// How often and how long to poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollPolicy {
    /// Time between polls.
    pub interval: Duration,
    /// Give up following after this many seconds.
    pub max_wait_secs: u64,
    /// Attempts of one order before giving up (retries only where safe).
    pub order_attempts: u32,
}

impl PollPolicy {
    /// The documented or sensible pace for each provider: CyberPanel's
    /// example polls every 10 s, LiteVPS's every 5 s, LNVPS's web app every 2 s.
    pub fn for_provider(provider: ProviderId) -> Self {
        let (interval, max_wait_secs) = match provider {
            ProviderId::Cyberpanel => (10, 30 * 60),
            ProviderId::Litevps => (5, 20 * 60),
            ProviderId::Lnvps => (2, 60 * 60),
            ProviderId::Hostkey => (10, 90 * 60),
            ProviderId::Llamalink => (3, 30 * 60),
        };
        Self {
            interval: Duration::from_secs(interval),
            max_wait_secs,
            order_attempts: 4,
        }
    }
}
