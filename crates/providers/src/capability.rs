//! What each provider can do through the panel, and why not where it cannot.

use crate::model::{MetricKind, MetricRange, ProviderId};
use serde::{Deserialize, Serialize};

/// A unified action the panel offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// List servers.
    ListServers,
    /// Power on, off and reboot.
    Power,
    /// Delete or cancel a server.
    Delete,
    /// Reinstall the operating system.
    Reinstall,
    /// Metric charts.
    Metrics,
    /// A browser or remote console.
    Console,
    /// Disk snapshots.
    Snapshots,
    /// Stored SSH keys.
    SshKeys,
    /// Order a new server.
    Order,
    /// Follow provisioning progress.
    Progress,
    /// An account balance or credit.
    Balance,
    /// Invoices, payments or charges.
    Invoices,
    /// API keys or access tokens.
    ApiTokens,
    /// Reverse DNS (PTR) for a server's IPs.
    ReverseDns,
    /// Upgrade a server's resources.
    Upgrade,
}

impl Action {
    /// Every action, in display order.
    pub const ALL: [Action; 15] = [
        Action::ListServers,
        Action::Power,
        Action::Delete,
        Action::Reinstall,
        Action::Metrics,
        Action::Console,
        Action::Snapshots,
        Action::SshKeys,
        Action::Order,
        Action::Progress,
        Action::Balance,
        Action::Invoices,
        Action::ApiTokens,
        Action::ReverseDns,
        Action::Upgrade,
    ];

    /// A short label for the UI.
    pub fn label(self) -> &'static str {
        match self {
            Action::ListServers => "List servers",
            Action::Power => "Power",
            Action::Delete => "Delete",
            Action::Reinstall => "Reinstall",
            Action::Metrics => "Metrics",
            Action::Console => "Console",
            Action::Snapshots => "Snapshots",
            Action::SshKeys => "SSH keys",
            Action::Order => "Order",
            Action::Progress => "Provisioning progress",
            Action::Balance => "Balance",
            Action::Invoices => "Invoices",
            Action::ApiTokens => "API tokens",
            Action::ReverseDns => "Reverse DNS",
            Action::Upgrade => "Upgrade",
        }
    }
}

/// Whether a provider supports an action; when not, the reason to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "support", content = "reason", rename_all = "snake_case")]
pub enum Support {
    /// Supported.
    Yes,
    /// Not supported, with a reason a person can read.
    No(&'static str),
}

impl Support {
    /// True when supported.
    pub fn is_supported(self) -> bool {
        matches!(self, Support::Yes)
    }
}

/// A provider's capability table.
///
/// ```
/// use providers::{Action, Capabilities, ProviderId};
/// let caps = Capabilities::of(ProviderId::Llamalink);
/// assert!(caps.supports(Action::Power));
/// assert!(!caps.supports(Action::Snapshots));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Which provider.
    pub provider: ProviderId,
}

impl Capabilities {
    /// The table for `provider`.
    pub fn of(provider: ProviderId) -> Self {
        Self { provider }
    }

    /// True when `action` is supported.
    pub fn supports(self, action: Action) -> bool {
        self.support(action).is_supported()
    }

    /// Every action with its support.
    pub fn all(self) -> impl Iterator<Item = (Action, Support)> {
        Action::ALL.into_iter().map(move |a| (a, self.support(a)))
    }

    /// Whether `action` is supported, and why not.
    pub fn support(self, action: Action) -> Support {
        use Action::*;
        use Support::{No, Yes};
        match (self.provider, action) {
            (_, ListServers | Power | Order | Progress) => Yes,

            (ProviderId::Lnvps, Delete) => No("LNVPS has no delete call: an unpaid order is removed after an hour, and a VM that is not renewed is removed after its grace period."),
            (ProviderId::Lnvps, Console) => No("LNVPS's serial console is a WebSocket outside its documented API."),
            (ProviderId::Lnvps, Snapshots) => No("LNVPS does not offer snapshots."),
            (ProviderId::Lnvps, Balance) => No("LNVPS bills each VM by Lightning invoice; there is no account balance."),
            (ProviderId::Lnvps, ApiTokens) => No("LNVPS signs every request with your Nostr key (NIP-98); there are no API tokens."),
            (ProviderId::Lnvps, _) => Yes,

            (ProviderId::Hostkey, Metrics) => No("HOSTKEY documents only traffic counters and per-port graph images; CPU and memory history are not in its API."),
            (ProviderId::Hostkey, Snapshots) => No("HOSTKEY lists snapshot permissions but documents no snapshot calls."),
            (ProviderId::Hostkey, SshKeys) => No("HOSTKEY documents no SSH-key store; a key is given when ordering or reinstalling."),
            (ProviderId::Hostkey, Upgrade) => No("HOSTKEY documents no upgrade call; ask support or order a new preset."),
            (ProviderId::Hostkey, _) => Yes,

            (ProviderId::Cyberpanel, Reinstall) => No("CyberPanel Cloud's API has no reinstall call."),
            (ProviderId::Cyberpanel, SshKeys) => No("CyberPanel Cloud takes one SSH key when a VPS is created; it keeps no key store."),
            (ProviderId::Cyberpanel, ReverseDns) => No("CyberPanel Cloud's API has no reverse-DNS call."),
            (ProviderId::Cyberpanel, Upgrade) => No("CyberPanel Cloud's API has no upgrade call."),
            (ProviderId::Cyberpanel, _) => Yes,

            (ProviderId::Litevps, Reinstall) => No("LiteVPS documents no reinstall call; create a new VPS from a template."),
            (ProviderId::Litevps, Metrics) => No("LiteVPS documents no metrics."),
            (ProviderId::Litevps, Console) => No("LiteVPS offers remote exec instead of a console."),
            (ProviderId::Litevps, ReverseDns) => No("LiteVPS documents no reverse-DNS call."),
            (ProviderId::Litevps, Upgrade) => No("LiteVPS documents no upgrade call."),
            (ProviderId::Litevps, _) => Yes,

            (ProviderId::Llamalink, Delete) => No("LlamaLink documents no delete or cancel call; cancel the subscription in LlamaLink's own panel."),
            (ProviderId::Llamalink, Reinstall) => No("LlamaLink documents no reinstall call."),
            (ProviderId::Llamalink, Console) => No("LlamaLink documents no console."),
            (ProviderId::Llamalink, Snapshots) => No("LlamaLink documents no snapshots."),
            (ProviderId::Llamalink, SshKeys) => No("LlamaLink documents no SSH-key calls."),
            (ProviderId::Llamalink, Balance) => No("LlamaLink charges a saved card; there is no account balance."),
            (ProviderId::Llamalink, ApiTokens) => No("LlamaLink API keys are managed in its own panel only."),
            (ProviderId::Llamalink, ReverseDns) => No("LlamaLink documents no reverse-DNS call."),
            (ProviderId::Llamalink, Upgrade) => No("LlamaLink documents no upgrade call."),
            (ProviderId::Llamalink, _) => Yes,
        }
    }

    /// The metric kinds the provider reports (empty when it has no metrics).
    pub fn metric_kinds(self) -> &'static [MetricKind] {
        use MetricKind::*;
        match self.provider {
            ProviderId::Lnvps | ProviderId::Cyberpanel => {
                &[Cpu, Memory, NetIn, NetOut, DiskRead, DiskWrite]
            }
            ProviderId::Llamalink => &[Cpu, Memory],
            ProviderId::Hostkey | ProviderId::Litevps => &[],
        }
    }

    /// The history ranges the provider serves. Empty with metric kinds means
    /// live readings only: the panel samples them while a page is open.
    pub fn metric_ranges(self) -> &'static [MetricRange] {
        match self.provider {
            ProviderId::Lnvps => &[MetricRange::Hour],
            ProviderId::Llamalink => &[MetricRange::Day],
            _ => &[],
        }
    }
}
