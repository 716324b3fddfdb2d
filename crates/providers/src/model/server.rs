//! A server as the fleet view shows it, whatever provider it runs at.

use super::{Money, ProviderId, Timestamp};
use serde::{Deserialize, Serialize};

/// The normalised state of a server; the provider's own word is kept beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerStatus {
    /// Up and running.
    Running,
    /// Powered off.
    Stopped,
    /// Being created, deployed, installed or reinstalled.
    Provisioning,
    /// Ordered but not paid yet.
    PendingPayment,
    /// Starting, stopping or rebooting.
    Transitioning,
    /// Suspended by the provider (billing, abuse).
    Suspended,
    /// Failed or in an error state.
    Error,
    /// Deleted or being deleted.
    Deleted,
    /// The provider did not say, or said something the panel does not know.
    Unknown,
}

impl ServerStatus {
    /// A short lowercase label for tables and filters.
    pub fn label(self) -> &'static str {
        match self {
            ServerStatus::Running => "running",
            ServerStatus::Stopped => "stopped",
            ServerStatus::Provisioning => "provisioning",
            ServerStatus::PendingPayment => "pending payment",
            ServerStatus::Transitioning => "changing",
            ServerStatus::Suspended => "suspended",
            ServerStatus::Error => "error",
            ServerStatus::Deleted => "deleted",
            ServerStatus::Unknown => "unknown",
        }
    }
}

/// A power action the panel can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PowerAction {
    /// Power on.
    Start,
    /// Power off.
    Stop,
    /// Reboot.
    Restart,
}

impl PowerAction {
    /// The status a server settles in once the action is done.
    pub fn target_status(self) -> ServerStatus {
        match self {
            PowerAction::Start | PowerAction::Restart => ServerStatus::Running,
            PowerAction::Stop => ServerStatus::Stopped,
        }
    }

    /// The verb for buttons and logs.
    pub fn label(self) -> &'static str {
        match self {
            PowerAction::Start => "start",
            PowerAction::Stop => "stop",
            PowerAction::Restart => "restart",
        }
    }
}

/// Size of a server, where the provider tells it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Specs {
    /// Virtual CPU cores.
    pub cpu_cores: Option<u32>,
    /// Memory in bytes.
    pub memory_bytes: Option<u64>,
    /// Disk in bytes.
    pub disk_bytes: Option<u64>,
}

/// One server of one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Server {
    /// The provider's id for it, as text.
    pub id: String,
    /// Which provider it runs at.
    pub provider: ProviderId,
    /// Name or hostname.
    pub name: String,
    /// Normalised status.
    pub status: ServerStatus,
    /// The provider's own status word (`running`, `rent`, `deploying`, …).
    pub raw_status: String,
    /// IPv4 and IPv6 addresses (CIDR suffix kept where the provider gives one).
    pub ips: Vec<String>,
    /// Plan, template or preset name.
    pub plan: Option<String>,
    /// Region or location.
    pub region: Option<String>,
    /// Size, where known.
    pub specs: Specs,
    /// When it was created.
    pub created: Option<Timestamp>,
    /// When it expires or is next due.
    pub expires: Option<Timestamp>,
    /// What it costs per month, in the provider's currency.
    pub monthly_cost: Option<Money>,
    /// User-visible tags.
    pub tags: Vec<String>,
    /// The provider's JSON for this server, untouched.
    pub raw: serde_json::Value,
}
