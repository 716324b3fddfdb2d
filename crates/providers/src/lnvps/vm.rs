//! LNVPS bodies about VMs and what they are made from: VM status, templates
//! (standard and custom), OS images, SSH keys, time series and history.
//!
//! Fields follow the seed document and the live server (lnvps.md §2); where
//! they differ both forms are read.

use super::billing::Price;
use super::de::{self, f64_or_zero, opt_i64, opt_u64, u64_or_zero, u64_strict};
use crate::model::Timestamp;
use crate::parse::{bool_lenient, null_default, opt_f64_lenient, opt_string_lenient};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A VM (`GET /api/v1/vm`, `GET /api/v1/vm/{id}`, and the answer to an order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VmStatus {
    /// VM id.
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// When it was ordered (RFC 3339).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub created: Option<String>,
    /// When it expires; `null`, or equal to `created`, while never paid.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub expires: Option<String>,
    /// MAC address.
    #[serde(default)]
    pub mac_address: Option<String>,
    /// The OS image.
    #[serde(default)]
    pub image: Option<Image>,
    /// The template (plan), with its region and price.
    #[serde(default)]
    pub template: Option<VmTemplate>,
    /// The SSH key (`id` 0 and an empty name when none).
    #[serde(default)]
    pub ssh_key: Option<SshKey>,
    /// Addresses.
    #[serde(default, deserialize_with = "null_default")]
    pub ip_assignments: Vec<IpAssignment>,
    /// Running state and usage.
    #[serde(default, deserialize_with = "de::running_state")]
    pub status: Option<VmRunningState>,
    /// True when renewal is charged to a saved NWC wallet.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub auto_renewal_enabled: bool,
    /// When an expired VM will be deleted.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub deleting_on: Option<String>,
    /// The subscription billing it (`null` while never paid).
    #[serde(default, deserialize_with = "opt_u64")]
    pub subscription_id: Option<u64>,
    /// How far ahead it may be paid, in days.
    #[serde(default, deserialize_with = "opt_u64")]
    pub max_prepay_days: Option<u64>,
    /// CPU architecture (`x86_64`, `arm64`).
    #[serde(default)]
    pub cpu_arch: Option<String>,
    /// When its host is retired.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub host_sunset_date: Option<String>,
    /// The VM's SSH host keys, for checking fingerprints.
    #[serde(default, deserialize_with = "null_default")]
    pub host_ssh_keys: Vec<HostSshKey>,
    /// Fields this client does not know yet.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl VmStatus {
    /// The state word (`running`, `stopped`, `creating`, `unknown`, …), or `unknown`.
    pub fn state(&self) -> &str {
        self.status
            .as_ref()
            .map(|s| s.state.as_str())
            .filter(|s| !s.is_empty())
            .unwrap_or("unknown")
    }

    /// When it was ordered.
    pub fn created_at(&self) -> Option<Timestamp> {
        de::time(self.created.as_deref())
    }

    /// When it expires.
    pub fn expires_at(&self) -> Option<Timestamp> {
        de::time(self.expires.as_deref())
    }

    /// True for an order nobody has paid yet: no expiry, or an expiry equal to
    /// the creation time, and no running state reported.
    pub fn is_unpaid_order(&self) -> bool {
        let never_paid = match (self.expires_at(), self.created_at()) {
            (None, _) => true,
            (Some(expires), Some(created)) => expires <= created,
            (Some(_), None) => false,
        };
        never_paid && matches!(self.state(), "unknown" | "pending" | "")
    }

    /// Current size, from its template (what an upgrade must not go below).
    pub fn size(&self) -> Option<VmSize> {
        self.template.as_ref().map(|t| VmSize {
            cpu: t.cpu,
            memory: t.memory,
            disk: t.disk_size,
        })
    }
}

/// CPU cores, memory bytes and disk bytes of a VM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VmSize {
    /// CPU cores.
    pub cpu: u32,
    /// Memory in bytes.
    pub memory: u64,
    /// Disk in bytes.
    pub disk: u64,
}

/// `status` of a VM: state and usage from the host (refreshed every 30 s).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VmRunningState {
    /// When it was read, Unix seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub timestamp: Option<i64>,
    /// `running`, `stopped`, `creating` (paid, being provisioned) or `unknown`.
    #[serde(default, deserialize_with = "null_default")]
    pub state: String,
    /// CPU use: a fraction 0–1 (the code) or a percentage 0–100 (the docs).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub cpu_usage: Option<f64>,
    /// Memory use, as a fraction or a percentage like `cpu_usage`.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub mem_usage: Option<f64>,
    /// Seconds since boot.
    #[serde(default, deserialize_with = "opt_u64")]
    pub uptime: Option<u64>,
    /// Bytes received (counter).
    #[serde(default, deserialize_with = "opt_u64")]
    pub net_in: Option<u64>,
    /// Bytes sent (counter).
    #[serde(default, deserialize_with = "opt_u64")]
    pub net_out: Option<u64>,
    /// Bytes written (counter).
    #[serde(default, deserialize_with = "opt_u64")]
    pub disk_write: Option<u64>,
    /// Bytes read (counter).
    #[serde(default, deserialize_with = "opt_u64")]
    pub disk_read: Option<u64>,
}

impl VmRunningState {
    /// CPU use in percent (0–100), whichever form the server sent.
    pub fn cpu_percent(&self) -> Option<f64> {
        self.cpu_usage.map(usage_percent)
    }

    /// Memory use in percent (0–100), whichever form the server sent.
    pub fn mem_percent(&self) -> Option<f64> {
        self.mem_usage.map(usage_percent)
    }
}

/// A usage reading in percent: values up to 1.0 are fractions (the live
/// server), larger ones already percentages (the documentation).
///
/// ```
/// assert_eq!(providers::lnvps::usage_percent(0.41), 41.0);
/// assert_eq!(providers::lnvps::usage_percent(41.0), 41.0);
/// ```
pub fn usage_percent(value: f64) -> f64 {
    if value <= 1.0 {
        value * 100.0
    } else {
        value
    }
}

/// An address of a VM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpAssignment {
    /// Assignment id.
    #[serde(default, deserialize_with = "opt_u64")]
    pub id: Option<u64>,
    /// Address with prefix length (`203.0.113.10/24`).
    pub ip: String,
    /// Gateway.
    #[serde(default)]
    pub gateway: Option<String>,
    /// Forward DNS name.
    #[serde(default)]
    pub forward_dns: Option<String>,
    /// Reverse DNS (PTR) name.
    #[serde(default)]
    pub reverse_dns: Option<String>,
}

/// An SSH host key of a VM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostSshKey {
    /// Key type (`ssh-ed25519`).
    pub key_type: String,
    /// Base64 key.
    pub public_key: String,
    /// `SHA256:…` fingerprint.
    #[serde(default)]
    pub fingerprint_sha256: Option<String>,
}

/// A standard template: a fixed size at a fixed price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VmTemplate {
    /// Template id (what `template_id` takes).
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// Name (`VPS-Small`).
    pub name: String,
    /// When it was added.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub created: Option<String>,
    /// When it stops being offered.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub expires: Option<String>,
    /// CPU cores.
    #[serde(default, deserialize_with = "u32_or_zero")]
    pub cpu: u32,
    /// Memory in bytes.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub memory: u64,
    /// Disk in bytes.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub disk_size: u64,
    /// `hdd` or `ssd`.
    #[serde(default)]
    pub disk_type: Option<String>,
    /// `sata`, `scsi` or `pcie`.
    #[serde(default)]
    pub disk_interface: Option<String>,
    /// Price per billing interval.
    #[serde(default)]
    pub cost_plan: Option<CostPlan>,
    /// Where it runs.
    #[serde(default)]
    pub region: Option<Region>,
    /// CPU maker (`amd`, `intel`).
    #[serde(default)]
    pub cpu_mfg: Option<String>,
    /// CPU architecture.
    #[serde(default)]
    pub cpu_arch: Option<String>,
    /// CPU features (`AVX2`).
    #[serde(default, deserialize_with = "null_default")]
    pub cpu_features: Vec<String>,
    /// IPv4 addresses included.
    #[serde(default, deserialize_with = "opt_u64")]
    pub ip4_count: Option<u64>,
    /// IPv6 addresses included.
    #[serde(default, deserialize_with = "opt_u64")]
    pub ip6_count: Option<u64>,
    /// Fields this client does not know yet.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

fn u32_or_zero<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    Ok(u32::try_from(u64_or_zero(d)?).unwrap_or(u32::MAX))
}

fn one() -> u64 {
    1
}

fn month() -> String {
    "month".into()
}

/// What a template costs: `amount` in the smallest unit (cents; satoshis in
/// the seed, millisatoshis on the live server for BTC) per `interval_amount`
/// × `interval_type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostPlan {
    /// Cost plan id.
    #[serde(default, deserialize_with = "opt_u64")]
    pub id: Option<u64>,
    /// Cost plan name.
    #[serde(default)]
    pub name: Option<String>,
    /// Currency (`EUR`, `BTC`, …).
    pub currency: String,
    /// Amount in the smallest unit.
    #[serde(deserialize_with = "u64_strict")]
    pub amount: u64,
    /// The same price in other currencies (deprecated by LNVPS).
    #[serde(default, deserialize_with = "null_default")]
    pub other_price: Vec<Price>,
    /// How many intervals the amount buys (1 when absent).
    #[serde(default = "one", deserialize_with = "u64_or_zero")]
    pub interval_amount: u64,
    /// `day`, `month` or `year` (`month` when absent).
    #[serde(default = "month")]
    pub interval_type: String,
}

/// A region (data centre).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Region {
    /// Region id.
    #[serde(default, deserialize_with = "opt_u64")]
    pub id: Option<u64>,
    /// Name (`Dublin`).
    pub name: String,
    /// The company operating it.
    #[serde(default, deserialize_with = "opt_u64")]
    pub company_id: Option<u64>,
}

/// A custom plan: a region and the limits a custom build must stay within.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomTemplate {
    /// Pricing id (what `pricing_id` takes).
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Where it runs.
    #[serde(default)]
    pub region: Option<Region>,
    /// CPU maker.
    #[serde(default)]
    pub cpu_mfg: Option<String>,
    /// CPU architecture.
    #[serde(default)]
    pub cpu_arch: Option<String>,
    /// CPU features.
    #[serde(default, deserialize_with = "null_default")]
    pub cpu_features: Vec<String>,
    /// Fewest CPU cores.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub min_cpu: u64,
    /// Most CPU cores.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub max_cpu: u64,
    /// Least memory, bytes.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub min_memory: u64,
    /// Most memory, bytes.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub max_memory: u64,
    /// Fewest IPv4 addresses.
    #[serde(default, deserialize_with = "opt_u64")]
    pub min_ip4: Option<u64>,
    /// Most IPv4 addresses.
    #[serde(default, deserialize_with = "opt_u64")]
    pub max_ip4: Option<u64>,
    /// Fewest IPv6 addresses.
    #[serde(default, deserialize_with = "opt_u64")]
    pub min_ip6: Option<u64>,
    /// Most IPv6 addresses.
    #[serde(default, deserialize_with = "opt_u64")]
    pub max_ip6: Option<u64>,
    /// Disk kinds offered, each with its size limits.
    #[serde(default, deserialize_with = "null_default")]
    pub disks: Vec<CustomDisk>,
}

/// A disk kind of a custom plan and its size limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomDisk {
    /// Smallest disk, bytes.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub min_disk: u64,
    /// Largest disk, bytes.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub max_disk: u64,
    /// `hdd` or `ssd`.
    pub disk_type: String,
    /// `sata`, `scsi` or `pcie`.
    pub disk_interface: String,
}

/// `GET /api/v1/vm/templates`: standard templates, and custom plans where offered.
///
/// The seed answers with a list of templates; the live server with
/// `{templates, custom_template?}`. Both read into this.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "TemplatesWire")]
pub struct Templates {
    /// Standard templates.
    pub templates: Vec<VmTemplate>,
    /// Custom plans (empty when none are offered).
    pub custom_template: Vec<CustomTemplate>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TemplatesWire {
    List(Vec<VmTemplate>),
    Object {
        #[serde(default, deserialize_with = "null_default")]
        templates: Vec<VmTemplate>,
        #[serde(default, deserialize_with = "null_default")]
        custom_template: Vec<CustomTemplate>,
    },
}

impl From<TemplatesWire> for Templates {
    fn from(wire: TemplatesWire) -> Self {
        match wire {
            TemplatesWire::List(templates) => Templates {
                templates,
                custom_template: Vec::new(),
            },
            TemplatesWire::Object {
                templates,
                custom_template,
            } => Templates {
                templates,
                custom_template,
            },
        }
    }
}

/// An OS image (`GET /api/v1/image`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// Image id (what `image_id` takes).
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// Distribution (`ubuntu`, `debian`, …).
    pub distribution: String,
    /// Flavour (`server`).
    #[serde(default)]
    pub flavour: Option<String>,
    /// Version (`24.04`).
    #[serde(default, deserialize_with = "null_default")]
    pub version: String,
    /// Release date.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub release_date: Option<String>,
    /// CPU architecture.
    #[serde(default)]
    pub cpu_arch: Option<String>,
    /// The login user (`ubuntu`), when the image has one.
    #[serde(default)]
    pub default_username: Option<String>,
    /// Share of active VMs using it.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub popularity: Option<f64>,
    /// Fields this client does not know yet.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl Image {
    /// A display name such as `Ubuntu 24.04` or `Rocky Linux 9`.
    pub fn display_name(&self) -> String {
        let distribution = match self.distribution.to_ascii_lowercase().as_str() {
            "centos" => "CentOS".to_string(),
            "opensuse" => "openSUSE".to_string(),
            "archlinux" => "Arch Linux".to_string(),
            "redhatenterprise" => "Red Hat Enterprise Linux".to_string(),
            "almalinux" => "AlmaLinux".to_string(),
            "rockylinux" => "Rocky Linux".to_string(),
            "freebsd" => "FreeBSD".to_string(),
            "openbsd" => "OpenBSD".to_string(),
            "netbsd" => "NetBSD".to_string(),
            "nixos" => "NixOS".to_string(),
            "voidlinux" => "Void Linux".to_string(),
            other => capitalise(other),
        };
        match self.version.trim() {
            "" => distribution,
            version => format!("{distribution} {version}"),
        }
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A stored SSH key (`GET`/`POST /api/v1/ssh-key`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SshKey {
    /// Key id (what `ssh_key_id` takes).
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// Name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// When it was added.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub created: Option<String>,
    /// Active VMs using it (in the key list; empty inside a VM).
    #[serde(default, deserialize_with = "null_default")]
    pub vms: Vec<u64>,
}

/// One sample of `GET /api/v1/vm/{id}/time-series` (the last hour, from the host).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TimeSeriesPoint {
    /// Unix seconds.
    #[serde(default, deserialize_with = "opt_i64")]
    pub timestamp: Option<i64>,
    /// CPU use, a fraction 0–1.
    #[serde(default, deserialize_with = "f64_or_zero")]
    pub cpu: f64,
    /// Memory in use, bytes.
    #[serde(default, deserialize_with = "f64_or_zero")]
    pub memory: f64,
    /// Memory installed, bytes.
    #[serde(default, deserialize_with = "f64_or_zero")]
    pub memory_size: f64,
    /// Received, bytes per second.
    #[serde(default, deserialize_with = "f64_or_zero")]
    pub net_in: f64,
    /// Sent, bytes per second.
    #[serde(default, deserialize_with = "f64_or_zero")]
    pub net_out: f64,
    /// Written, bytes per second.
    #[serde(default, deserialize_with = "f64_or_zero")]
    pub disk_write: f64,
    /// Read, bytes per second.
    #[serde(default, deserialize_with = "f64_or_zero")]
    pub disk_read: f64,
}

/// One entry of a VM's history (`GET /api/v1/vm/{id}/history`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VmHistoryEntry {
    /// Entry id.
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// The VM.
    #[serde(default, deserialize_with = "opt_u64")]
    pub vm_id: Option<u64>,
    /// `created`, `started`, `renewed`, `payment_received`, …
    #[serde(default, deserialize_with = "null_default")]
    pub action_type: String,
    /// When it happened.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub timestamp: Option<String>,
    /// `owner`, `system` or `other`.
    #[serde(default)]
    pub initiated_by: Option<String>,
    /// The state before, as JSON text.
    #[serde(default)]
    pub previous_state: Option<String>,
    /// The state after, as JSON text.
    #[serde(default)]
    pub new_state: Option<String>,
    /// More detail, as JSON text.
    #[serde(default)]
    pub metadata: Option<String>,
    /// A sentence describing it.
    #[serde(default)]
    pub description: Option<String>,
}
