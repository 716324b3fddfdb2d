//! jira.php: remote-hands requests, tickets to HOSTKEY's duty shift for
//! servers without remote control (power, PXE boot, IP KVM, a check).

use super::file::JIRA;
use super::lenient::{any_text, opt_any_text};
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use crate::parse::opt_string_lenient;
use serde::{Deserialize, Serialize};

impl Api {
    /// `jira/request_pon`, `request_poff`, `request_reboot`, `request_PXEboot`,
    /// `request_kvm` or `request_check`: opens a ticket for the duty shift.
    pub fn remote_hands(
        &self,
        id: &str,
        action: RemoteHandsAction,
    ) -> Result<Call<RemoteHandsTicket>, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(self
            .signed(JIRA, action.as_str())?
            .field("id", id)
            .about(id)
            .json())
    }
}

/// What to ask the duty shift for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RemoteHandsAction {
    /// `request_pon`: power the server on.
    PowerOn,
    /// `request_poff`: power the server off.
    PowerOff,
    /// `request_reboot`: reboot it.
    Reboot,
    /// `request_PXEboot`: boot it from PXE (a reinstall without remote control).
    PxeBoot,
    /// `request_kvm`: connect an IP KVM.
    Kvm,
    /// `request_check`: check it and boot it into its OS.
    Check,
}

impl RemoteHandsAction {
    /// Every request, in the document's order.
    pub const ALL: [RemoteHandsAction; 6] = [
        RemoteHandsAction::PowerOn,
        RemoteHandsAction::PowerOff,
        RemoteHandsAction::Reboot,
        RemoteHandsAction::PxeBoot,
        RemoteHandsAction::Kvm,
        RemoteHandsAction::Check,
    ];

    /// The action name HOSTKEY takes.
    pub fn as_str(self) -> &'static str {
        match self {
            RemoteHandsAction::PowerOn => "request_pon",
            RemoteHandsAction::PowerOff => "request_poff",
            RemoteHandsAction::Reboot => "request_reboot",
            RemoteHandsAction::PxeBoot => "request_PXEboot",
            RemoteHandsAction::Kvm => "request_kvm",
            RemoteHandsAction::Check => "request_check",
        }
    }
}

/// The ticket a remote-hands request opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteHandsTicket {
    /// What was asked (an object here, not the usual action name).
    pub action: RemoteHands,
    /// Where the ticket can be followed.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub jira_url: Option<String>,
    /// The ticket id.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub jira_issue: Option<String>,
}

/// The request as sent to the service desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteHands {
    /// The permission it stands for (`eq/on`, `eq/PXEboot`, …).
    #[serde(default, deserialize_with = "any_text")]
    pub permission: String,
    /// Ticket subject.
    #[serde(default, deserialize_with = "any_text")]
    pub subject: String,
    /// Ticket text.
    #[serde(default, deserialize_with = "any_text")]
    pub message: String,
    /// The machine-readable request.
    #[serde(default)]
    pub msg: Option<RemoteHandsMsg>,
}

/// The machine-readable part of a remote-hands request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteHandsMsg {
    /// `request_pon`, …
    #[serde(default, deserialize_with = "any_text")]
    pub action: String,
    /// The server.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// Informational callback URL.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub callback_url: Option<String>,
    /// Informational callback key (empty).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub callback_key: Option<String>,
}
