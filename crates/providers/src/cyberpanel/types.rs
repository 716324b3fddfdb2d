//! CyberPanel's `data` bodies, field for field as documented.
//!
//! Money fields are decimals read from the documented strings (`"150.00"`,
//! `"-0.0082"`); ids and counters accept numbers or numeric text; timestamps
//! stay text (RFC 3339) and are read in `convert`.

use crate::parse::{bool_lenient, null_default, opt_string_lenient, string_lenient};
use rust_decimal::Decimal;
use serde::de::{Deserializer, IgnoredAny};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(untagged)]
enum Number {
    Int(u64),
    Float(f64),
    Text(String),
    Other(IgnoredAny),
}

impl Number {
    fn to_u64(&self) -> Option<u64> {
        match self {
            Number::Int(n) => Some(*n),
            Number::Float(f) if f.is_finite() && *f >= 0.0 && *f < u64::MAX as f64 => {
                Some(f.round() as u64)
            }
            Number::Text(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    fn to_f64(&self) -> Option<f64> {
        match self {
            Number::Int(n) => Some(*n as f64),
            Number::Float(f) => Some(*f),
            Number::Text(s) => s.trim().parse().ok(),
            Number::Other(_) => None,
        }
    }
}

/// A whole number given as a number or as text; `null` or junk gives `None`.
fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(Option::<Number>::deserialize(d)?.and_then(|n| n.to_u64()))
}

/// A number given as a number or as text; `null` or junk gives `None`.
fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Option::<Number>::deserialize(d)?.and_then(|n| n.to_f64()))
}

/// An id: a whole number given as a number or as text; anything else is an error.
fn id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    Number::deserialize(d)?
        .to_u64()
        .ok_or_else(|| serde::de::Error::custom("an id must be a whole number"))
}

/// `GET /health`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    /// `healthy` when the API is up.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// Service name (`CyberPanel Cloud API`).
    pub service: Option<String>,
    /// API version (`1.0.0`).
    pub version: Option<String>,
}

/// `GET /test`: who the key is and what it may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthTest {
    /// `API authentication successful!`.
    pub message: Option<String>,
    /// The key's name.
    #[serde(default, deserialize_with = "null_default")]
    pub key_name: String,
    /// The key's visible prefix (`cyp_live_3ac`).
    pub key_prefix: Option<String>,
    /// The account's email.
    #[serde(default, deserialize_with = "null_default")]
    pub user_email: String,
    /// Scopes the key carries (`vps:read`, …).
    #[serde(default, deserialize_with = "null_default")]
    pub scopes: Vec<String>,
    /// The address the request came from.
    pub ip_address: Option<String>,
    /// Requests made with this key so far.
    #[serde(default, deserialize_with = "opt_u64")]
    pub request_count: Option<u64>,
}

/// `GET /scopes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScopeList {
    /// The scopes the server offers.
    #[serde(default, deserialize_with = "null_default")]
    pub scopes: Vec<ScopeInfo>,
}

/// One scope with its description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScopeInfo {
    /// Wire name (`vps:read`).
    pub scope: String,
    /// Description (`VPS - Read`).
    pub description: Option<String>,
}

/// `GET /account`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountInfo {
    /// User id.
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Email.
    #[serde(default, deserialize_with = "null_default")]
    pub email: String,
    /// Full name.
    pub full_name: Option<String>,
    /// Prepaid balance (USD, see [`super::CURRENCY`]).
    pub balance: Decimal,
    /// Account status (`active`).
    pub status: Option<String>,
    /// True when two-factor login is on.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub two_factor_enabled: bool,
    /// False when the account may not order VPS.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub vps_ordering_enabled: bool,
    /// When the account was registered.
    pub registration_date: Option<String>,
}

/// `GET /billing`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillingInfo {
    /// Prepaid balance.
    pub balance: Decimal,
    /// Automatic top-up settings.
    pub auto_funding: Option<AutoFunding>,
    /// Latest billing lines, newest first.
    #[serde(default, deserialize_with = "null_default")]
    pub recent_invoices: Vec<BillingLine>,
}

/// Automatic top-up: add `amount` when the balance falls below `threshold`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutoFunding {
    /// True when on.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub enabled: bool,
    /// Balance that triggers a top-up.
    pub threshold: Option<Decimal>,
    /// Amount added.
    pub amount: Option<Decimal>,
}

/// A billing line (`recent_invoices[]`): a debit (charge) or a credit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillingLine {
    /// Line id.
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// What it is for (`VPS Hourly Charge - my-server.example.com`).
    pub description: Option<String>,
    /// Signed amount: negative for a debit.
    pub amount: Decimal,
    /// `debit` or `credit`.
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub kind: String,
    /// When it was booked.
    pub date: Option<String>,
}

/// `GET /account/api-keys`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiKeyList {
    /// The account's keys (metadata only).
    #[serde(default, deserialize_with = "null_default")]
    pub api_keys: Vec<ApiKeyInfo>,
    /// How many keys there are.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total: Option<u64>,
}

/// One API key's metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiKeyInfo {
    /// Key id (for the usage log).
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Visible prefix (`cyp_live_3ac`).
    pub key_prefix: Option<String>,
    /// Scopes.
    #[serde(default, deserialize_with = "null_default")]
    pub scopes: Vec<String>,
    /// False when deactivated.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_active: bool,
    /// Addresses the key may be used from (empty: any).
    #[serde(default, deserialize_with = "null_default")]
    pub ip_whitelist: Vec<String>,
    /// When the key expires (`null`: never).
    pub expires_at: Option<String>,
    /// When it was last used.
    pub last_used_at: Option<String>,
    /// The address it was last used from.
    pub last_used_ip: Option<String>,
    /// Requests made with it.
    #[serde(default, deserialize_with = "opt_u64")]
    pub request_count: Option<u64>,
    /// Requests allowed per minute.
    #[serde(default, deserialize_with = "opt_u64")]
    pub rate_limit_per_minute: Option<u64>,
    /// Requests allowed per hour.
    #[serde(default, deserialize_with = "opt_u64")]
    pub rate_limit_per_hour: Option<u64>,
    /// When it was created.
    pub created_at: Option<String>,
}

/// Paging of a list answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Pagination {
    /// Page size used.
    #[serde(default, deserialize_with = "opt_u64")]
    pub limit: Option<u64>,
    /// Offset used.
    #[serde(default, deserialize_with = "opt_u64")]
    pub offset: Option<u64>,
    /// Items in all.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total: Option<u64>,
    /// True when another page follows.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub has_more: bool,
}

/// `GET /account/api-keys/{key_id}/usage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyUsage {
    /// Key id.
    #[serde(deserialize_with = "id")]
    pub key_id: u64,
    /// Key name.
    pub key_name: Option<String>,
    /// Requests made with the key, newest first.
    #[serde(default, deserialize_with = "null_default")]
    pub usage_logs: Vec<UsageLog>,
    /// Paging.
    #[serde(default, deserialize_with = "null_default")]
    pub pagination: Pagination,
}

/// One request made with a key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageLog {
    /// Path called (`/api/v1/vps`).
    #[serde(default, deserialize_with = "null_default")]
    pub endpoint: String,
    /// HTTP method.
    #[serde(default, deserialize_with = "null_default")]
    pub method: String,
    /// Caller's address.
    pub ip_address: Option<String>,
    /// HTTP status answered.
    #[serde(default, deserialize_with = "opt_u64")]
    pub response_status: Option<u64>,
    /// Time taken, ms.
    #[serde(default, deserialize_with = "opt_u64")]
    pub response_time_ms: Option<u64>,
    /// When.
    pub created_at: Option<String>,
}

/// `GET /vps`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VpsList {
    /// This page of instances.
    #[serde(default, deserialize_with = "null_default")]
    pub instances: Vec<VpsInstance>,
    /// Paging.
    #[serde(default, deserialize_with = "null_default")]
    pub pagination: Pagination,
}

/// A VPS as listed (also the first fields of its detail).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VpsInstance {
    /// VPS id (what every `/vps/{id}` path takes).
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Proxmox VM id.
    #[serde(default, deserialize_with = "opt_u64")]
    pub vmid: Option<u64>,
    /// Hostname.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// `running`, `stopped`, `suspended`, `deploying`, …
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// Public IPv4.
    pub ip_address: Option<String>,
    /// True when suspended by the provider.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_suspended: bool,
    /// When it was created.
    pub created_at: Option<String>,
}

/// `GET /vps/{id}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VpsDetail {
    /// The fields the list also gives.
    #[serde(flatten)]
    pub instance: VpsInstance,
    /// Last change.
    pub updated_at: Option<String>,
    /// The plan it runs on.
    pub plan: Option<VpsPlan>,
    /// Where it runs.
    pub location: Option<LocationRef>,
    /// The Proxmox node.
    pub server: Option<NodeInfo>,
    /// Hourly billing.
    pub billing: Option<VpsBilling>,
}

/// The plan inside a VPS detail or a creation answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VpsPlan {
    /// Plan id.
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Name (`Starter`).
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// CPU cores.
    #[serde(default, deserialize_with = "opt_u64")]
    pub cpu_cores: Option<u64>,
    /// Memory, MiB.
    #[serde(default, deserialize_with = "opt_u64")]
    pub ram_mb: Option<u64>,
    /// Disk, GiB.
    #[serde(default, deserialize_with = "opt_u64")]
    pub disk_gb: Option<u64>,
    /// Monthly traffic, GB.
    #[serde(default, deserialize_with = "opt_u64")]
    pub bandwidth_gb: Option<u64>,
    /// Monthly price.
    pub price: Option<Decimal>,
}

/// A location by code and name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationRef {
    /// Code (`la`).
    #[serde(default, deserialize_with = "null_default")]
    pub code: String,
    /// Name (`Los Angeles, USA`).
    pub name: Option<String>,
}

/// The host node of a VPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeInfo {
    /// Node hostname.
    pub hostname: Option<String>,
}

/// Hourly billing of a VPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VpsBilling {
    /// Charge per hour.
    pub hourly_rate: Option<Decimal>,
    /// When billing started.
    pub billing_start: Option<String>,
    /// When it was last charged.
    pub last_billed: Option<String>,
}

/// `GET /vps/summary`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VpsSummary {
    /// Instances in all.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total_instances: Option<u64>,
    /// Running.
    #[serde(default, deserialize_with = "opt_u64")]
    pub running: Option<u64>,
    /// Stopped.
    #[serde(default, deserialize_with = "opt_u64")]
    pub stopped: Option<u64>,
    /// Suspended.
    #[serde(default, deserialize_with = "opt_u64")]
    pub suspended: Option<u64>,
    /// What all instances cost per month.
    pub total_monthly_cost: Option<Decimal>,
    /// Instances per location code.
    #[serde(default, deserialize_with = "null_default")]
    pub locations: BTreeMap<String, u64>,
}

/// `GET /vps/{id}/status`: live readings from Proxmox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveStatus {
    /// VPS id.
    #[serde(deserialize_with = "id")]
    pub vps_id: u64,
    /// Proxmox VM id.
    #[serde(default, deserialize_with = "opt_u64")]
    pub vmid: Option<u64>,
    /// Hostname.
    pub name: Option<String>,
    /// `running`, `stopped`, …
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// QEMU's own status.
    pub qmpstatus: Option<String>,
    /// CPU.
    pub cpu: Option<CpuReading>,
    /// Memory.
    pub memory: Option<MemoryReading>,
    /// Disk counters since boot.
    pub disk: Option<DiskReading>,
    /// Network counters since boot.
    pub network: Option<NetworkReading>,
    /// Seconds since boot.
    #[serde(default, deserialize_with = "opt_u64")]
    pub uptime_seconds: Option<u64>,
    /// QEMU process id.
    #[serde(default, deserialize_with = "opt_u64")]
    pub pid: Option<u64>,
}

/// CPU reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CpuReading {
    /// 0–100.
    #[serde(default, deserialize_with = "opt_f64")]
    pub usage_percent: Option<f64>,
    /// Cores.
    #[serde(default, deserialize_with = "opt_u64")]
    pub cores: Option<u64>,
}

/// Memory reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryReading {
    /// Bytes in use.
    #[serde(default, deserialize_with = "opt_u64")]
    pub used_bytes: Option<u64>,
    /// Bytes installed.
    #[serde(default, deserialize_with = "opt_u64")]
    pub total_bytes: Option<u64>,
    /// 0–100.
    #[serde(default, deserialize_with = "opt_f64")]
    pub usage_percent: Option<f64>,
}

/// Disk counters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiskReading {
    /// Bytes read.
    #[serde(default, deserialize_with = "opt_u64")]
    pub read_bytes: Option<u64>,
    /// Bytes written.
    #[serde(default, deserialize_with = "opt_u64")]
    pub write_bytes: Option<u64>,
}

/// Network counters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkReading {
    /// Bytes received.
    #[serde(default, deserialize_with = "opt_u64")]
    pub in_bytes: Option<u64>,
    /// Bytes sent.
    #[serde(default, deserialize_with = "opt_u64")]
    pub out_bytes: Option<u64>,
}

/// `GET /vps/plans`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanList {
    /// Plans that can be ordered.
    #[serde(default, deserialize_with = "null_default")]
    pub plans: Vec<PlanInfo>,
}

/// A plan that can be ordered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanInfo {
    /// Plan id (`plan_id` of an order).
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// CPU cores.
    #[serde(default, deserialize_with = "opt_u64")]
    pub cpu_cores: Option<u64>,
    /// Memory, MiB.
    #[serde(default, deserialize_with = "opt_u64")]
    pub ram_mb: Option<u64>,
    /// Disk, GiB.
    #[serde(default, deserialize_with = "opt_u64")]
    pub disk_gb: Option<u64>,
    /// Monthly traffic, GB.
    #[serde(default, deserialize_with = "opt_u64")]
    pub bandwidth_gb: Option<u64>,
    /// Monthly price.
    pub monthly_price: Option<Decimal>,
    /// Hourly price (what is charged).
    pub price_hourly: Option<Decimal>,
}

/// `GET /vps/locations`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationList {
    /// Locations.
    #[serde(default, deserialize_with = "null_default")]
    pub locations: Vec<LocationInfo>,
}

/// A location that can be ordered in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocationInfo {
    /// Code (`location_code` of an order).
    #[serde(default, deserialize_with = "null_default")]
    pub code: String,
    /// Name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Country code.
    pub country: Option<String>,
    /// Free IPv4 addresses left.
    #[serde(default, deserialize_with = "opt_u64")]
    pub available_ips: Option<u64>,
    /// False when closed for orders.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_available: bool,
}

/// `GET /vps/templates`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateList {
    /// OS templates.
    #[serde(default, deserialize_with = "null_default")]
    pub templates: Vec<Template>,
}

/// An OS template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Template id (`template_id` of an order), text such as `"9000"`.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name (`Ubuntu 22.04`).
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Operating system (`Ubuntu 22.04 LTS`).
    pub os: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// The answer to start, stop and restart: the VPS with its new status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerResult {
    /// VPS id.
    #[serde(deserialize_with = "id")]
    pub id: u64,
    /// Proxmox VM id.
    #[serde(default, deserialize_with = "opt_u64")]
    pub vmid: Option<u64>,
    /// Hostname.
    pub name: Option<String>,
    /// Status after the action.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// Public IPv4.
    pub ip_address: Option<String>,
}

/// The answer to `POST /vps/{id}/delete`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deleted {
    /// True when deleted.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub deleted: bool,
    /// VPS id.
    #[serde(deserialize_with = "id")]
    pub vps_id: u64,
    /// Hostname.
    pub name: Option<String>,
    /// Proxmox VM id.
    #[serde(default, deserialize_with = "opt_u64")]
    pub vmid: Option<u64>,
}

/// `GET /vps/{id}/console`: a noVNC URL valid for a few minutes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Console {
    /// VPS id.
    #[serde(deserialize_with = "id")]
    pub vps_id: u64,
    /// The URL to open in a browser.
    #[serde(default, deserialize_with = "null_default")]
    pub console_url: String,
    /// `novnc`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Seconds the URL stays valid.
    #[serde(default, deserialize_with = "opt_u64")]
    pub expires_in_seconds: Option<u64>,
}

/// The answer to `POST /vps/create`: deployment has started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Created {
    /// The new VPS's id (follow it with `deployment`).
    #[serde(deserialize_with = "id")]
    pub vps_id: u64,
    /// Hostname.
    pub name: Option<String>,
    /// `deploying`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// Public IPv4 assigned.
    pub ip_address: Option<String>,
    /// The plan ordered.
    pub plan: Option<VpsPlan>,
    /// Location code.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub location: Option<String>,
    /// Template id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub template: Option<String>,
    /// Path of the deployment endpoint.
    pub deployment_url: Option<String>,
    /// Expected deployment time.
    #[serde(default, deserialize_with = "opt_u64")]
    pub estimated_time_seconds: Option<u64>,
    /// True when a webhook will be called.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub webhook_configured: bool,
}

/// `GET /vps/{id}/deployment`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deployment {
    /// VPS id.
    #[serde(deserialize_with = "id")]
    pub vps_id: u64,
    /// `in_progress`, `completed` or `failed`.
    #[serde(default, deserialize_with = "null_default")]
    pub deployment_status: String,
    /// The VPS's status (`deploying`, `running`).
    pub vps_status: Option<String>,
    /// Task running now (`null` once done).
    pub current_task: Option<String>,
    /// 0–100.
    #[serde(default, deserialize_with = "opt_f64")]
    pub progress_percent: Option<f64>,
    /// The task list (absent once completed).
    #[serde(default, deserialize_with = "null_default")]
    pub tasks: Vec<DeploymentTask>,
    /// Tasks done.
    #[serde(default, deserialize_with = "opt_u64")]
    pub tasks_completed: Option<u64>,
    /// Tasks in all.
    #[serde(default, deserialize_with = "opt_u64")]
    pub tasks_total: Option<u64>,
    /// When deployment started.
    pub started_at: Option<String>,
    /// When it finished.
    pub completed_at: Option<String>,
    /// True once the VPS can be used.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_ready: bool,
    /// How to reach the VPS, once ready.
    pub access_info: Option<AccessInfo>,
}

/// One deployment task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeploymentTask {
    /// Name (`create_vm`).
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// `completed`, `in_progress`, `pending` or `failed`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// Position in the list.
    #[serde(default, deserialize_with = "opt_u64")]
    pub order: Option<u64>,
}

/// SSH access to a deployed VPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessInfo {
    /// Address.
    pub ip_address: Option<String>,
    /// SSH port.
    #[serde(default, deserialize_with = "opt_u64")]
    pub ssh_port: Option<u64>,
    /// SSH user.
    pub ssh_user: Option<String>,
}

/// `GET /vps/{id}/snapshots`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotList {
    /// VPS id.
    #[serde(deserialize_with = "id")]
    pub vps_id: u64,
    /// Snapshots.
    #[serde(default, deserialize_with = "null_default")]
    pub snapshots: Vec<SnapshotInfo>,
}

/// A snapshot. Listed names are taken as the server gives them (the
/// document's own example is `pre-upgrade-snapshot`, with hyphens).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    /// Name (also its id).
    #[serde(deserialize_with = "string_lenient")]
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// When it was taken.
    pub created_at: Option<String>,
    /// True when RAM state was included.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub vmstate: bool,
}

/// The answer to `POST /vps/{id}/snapshots/create`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotCreated {
    /// VPS id.
    #[serde(deserialize_with = "id")]
    pub vps_id: u64,
    /// The new snapshot.
    pub snapshot: SnapshotInfo,
}
