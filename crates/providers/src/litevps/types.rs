//! LiteVPS response bodies, field for field as documented. Fields the
//! document does not name are kept in `extra`, so nothing the provider
//! sends is lost.

use crate::parse::{
    bool_lenient, null_default, opt_f64_lenient, opt_string_lenient, string_lenient,
};
use crate::Secret;
use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};

/// Fields the document does not name.
pub type Extra = serde_json::Map<String, serde_json::Value>;

fn f64_required<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    opt_f64_lenient(d)?.ok_or_else(|| D::Error::custom("expected a number"))
}

/// `POST /api/auth/register` → 201.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Registered {
    /// The new user's id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// The account's email.
    pub email: String,
}

/// `POST /api/auth/login` → the JWT to send as a bearer token.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LoginToken {
    /// The JWT (`eyJ…`).
    pub token: Secret,
}

/// `GET /api/me`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    /// User id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Email.
    pub email: String,
    /// Prepaid balance in USD.
    #[serde(deserialize_with = "f64_required")]
    pub balance: f64,
    /// Undocumented fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A plan from `GET /api/pricing`; its `id` is the `plan_id` of a new VPS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PricingPlan {
    /// Plan id (a UUID).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Display name (`Nano`).
    pub name: String,
    /// Virtual CPUs.
    #[serde(default)]
    pub vcpu: Option<u32>,
    /// Memory in MB.
    #[serde(default)]
    pub memory_mb: Option<u64>,
    /// Disk in GB.
    #[serde(default)]
    pub disk_gb: Option<u64>,
    /// USD per hour while running.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub price_hourly: Option<f64>,
    /// Undocumented fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A template from `GET /api/templates`: defaults for a new VPS, used by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Template name (`ubuntu-22-small`), the `template` of a new VPS.
    pub name: String,
    /// Virtual CPUs.
    #[serde(default)]
    pub vcpu: Option<u32>,
    /// Memory in MB.
    #[serde(default)]
    pub memory_mb: Option<u64>,
    /// Disk in GB.
    #[serde(default)]
    pub disk_gb: Option<u64>,
    /// Cloud-init user data.
    #[serde(default)]
    pub user_data: Option<String>,
    /// Minutes after which a VPS made from it expires.
    #[serde(default)]
    pub ttl_minutes: Option<u32>,
    /// The plan it uses.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub plan_id: Option<String>,
    /// Undocumented fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The documented VPS states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VpsState {
    /// Being created (about 20 s).
    Creating,
    /// Up.
    Running,
    /// Powered off (by request, or when the balance reached 0).
    Stopped,
    /// Failed.
    Error,
    /// A word the document does not list.
    Unknown,
}

impl VpsState {
    /// The state a `state` word names.
    pub fn from_word(word: &str) -> Self {
        match word.trim().to_ascii_lowercase().as_str() {
            "creating" => VpsState::Creating,
            "running" => VpsState::Running,
            "stopped" => VpsState::Stopped,
            "error" => VpsState::Error,
            _ => VpsState::Unknown,
        }
    }
}

/// A VPS (`GET /api/vps/:id`, list items, create and power answers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vps {
    /// VPS id (a UUID).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Hostname.
    #[serde(default)]
    pub name: String,
    /// `creating`, `running`, `stopped` or `error`.
    #[serde(default)]
    pub state: String,
    /// The plan it runs on.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub plan_id: Option<String>,
    /// The template it was made from.
    #[serde(default)]
    pub template: Option<String>,
    /// Virtual CPUs.
    #[serde(default)]
    pub vcpu: Option<u32>,
    /// Memory in MB.
    #[serde(default)]
    pub memory_mb: Option<u64>,
    /// Disk in GB.
    #[serde(default)]
    pub disk_gb: Option<u64>,
    /// IPv4 address, once assigned.
    #[serde(default)]
    pub ipv4: Option<String>,
    /// IPv6 address, once assigned.
    #[serde(default)]
    pub ipv6: Option<String>,
    /// USD per hour while running.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub price_hourly: Option<f64>,
    /// SSH keys injected at cloud-init.
    #[serde(default, deserialize_with = "null_default")]
    pub ssh_key_ids: Vec<String>,
    /// When it was created (RFC 3339).
    #[serde(default)]
    pub created_at: Option<String>,
    /// When it expires (set when `ttl_minutes` was given).
    #[serde(default)]
    pub expires_at: Option<String>,
    /// Undocumented fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Vps {
    /// The state as an enum.
    pub fn state(&self) -> VpsState {
        VpsState::from_word(&self.state)
    }
}

/// The answer to a delete: `{"id","deleted":true}`. A success without a
/// body, or without `deleted`, counts as deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deleted {
    /// What was deleted.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// False only when the provider says so.
    #[serde(default = "yes", deserialize_with = "bool_lenient")]
    pub deleted: bool,
}

fn yes() -> bool {
    true
}

/// A snapshot of a VPS disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VpsSnapshot {
    /// Snapshot id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// The VPS it was taken of.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub vps_id: Option<String>,
    /// Size in GB.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub size_gb: Option<f64>,
    /// When it was taken (RFC 3339).
    #[serde(default)]
    pub created_at: Option<String>,
    /// Undocumented fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The answer to a file upload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileWritten {
    /// The absolute path written.
    pub path: String,
    /// Bytes written.
    #[serde(default)]
    pub size: Option<u64>,
}

/// The output of a synchronous exec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecOutput {
    /// Standard output.
    #[serde(default, deserialize_with = "null_default")]
    pub stdout: String,
    /// Standard error.
    #[serde(default, deserialize_with = "null_default")]
    pub stderr: String,
    /// Exit code.
    #[serde(default)]
    pub exit_code: Option<i64>,
    /// How long it ran, in milliseconds.
    #[serde(default)]
    pub duration_ms: Option<u64>,
}

/// The answer to a background exec: a job to poll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobStarted {
    /// Job id.
    #[serde(deserialize_with = "string_lenient")]
    pub job_id: String,
    /// `pending`.
    #[serde(default)]
    pub status: String,
    /// The timeout the job runs under.
    #[serde(default)]
    pub timeout_seconds: Option<u32>,
}

/// The documented job statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Queued.
    Pending,
    /// Running.
    Running,
    /// Finished (see the exit code).
    Done,
    /// Killed at its timeout.
    Timeout,
    /// Cancelled.
    Cancelled,
    /// A word the document does not list.
    Unknown,
}

impl JobStatus {
    /// The status a `status` word names.
    pub fn from_word(word: &str) -> Self {
        match word.trim().to_ascii_lowercase().as_str() {
            "pending" => JobStatus::Pending,
            "running" => JobStatus::Running,
            "done" => JobStatus::Done,
            "timeout" => JobStatus::Timeout,
            "cancelled" | "canceled" => JobStatus::Cancelled,
            _ => JobStatus::Unknown,
        }
    }

    /// True once the job will not change any more.
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            JobStatus::Done | JobStatus::Timeout | JobStatus::Cancelled
        )
    }
}

/// A background exec job (`GET /api/vps/:id/jobs/:job_id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Job id.
    #[serde(deserialize_with = "string_lenient")]
    pub job_id: String,
    /// The VPS it runs on.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub vps_id: Option<String>,
    /// The command.
    #[serde(default)]
    pub command: Option<String>,
    /// `pending`, `running`, `done`, `timeout` or `cancelled`.
    #[serde(default)]
    pub status: String,
    /// Standard output so far.
    #[serde(default)]
    pub stdout: Option<String>,
    /// Standard error so far.
    #[serde(default)]
    pub stderr: Option<String>,
    /// Exit code, once finished.
    #[serde(default)]
    pub exit_code: Option<i64>,
    /// How long it ran, in milliseconds.
    #[serde(default)]
    pub duration_ms: Option<u64>,
    /// When it was queued.
    #[serde(default)]
    pub created_at: Option<String>,
    /// When it finished.
    #[serde(default)]
    pub finished_at: Option<String>,
}

impl Job {
    /// The status as an enum.
    pub fn status(&self) -> JobStatus {
        JobStatus::from_word(&self.status)
    }
}

/// `POST /api/vps/batch` → 207: one result per requested VM, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchCreated {
    /// Per-item results.
    #[serde(default, deserialize_with = "null_default")]
    pub results: Vec<BatchCreateItem>,
}

/// One item of a batch create: the VPS, or why it was not made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchCreateItem {
    /// Position in the request's `vms`.
    pub index: usize,
    /// The new VPS.
    #[serde(default)]
    pub vps: Option<Vps>,
    /// Why this item failed.
    #[serde(default)]
    pub error: Option<String>,
}

/// `POST /api/vps/batch/delete` → 207.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchDeleted {
    /// Per-id results.
    #[serde(default, deserialize_with = "null_default")]
    pub results: Vec<BatchDeleteItem>,
}

/// One item of a batch delete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchDeleteItem {
    /// The VPS id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// True when deleted.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub deleted: bool,
    /// Why it was not deleted.
    #[serde(default)]
    pub error: Option<String>,
}

/// `POST /api/vps/batch/exec`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchExec {
    /// Per-VPS results.
    #[serde(default, deserialize_with = "null_default")]
    pub results: Vec<BatchExecItem>,
}

/// One VPS's result of a batch exec: output, a background job, or an error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchExecItem {
    /// The VPS id.
    #[serde(deserialize_with = "string_lenient")]
    pub vps_id: String,
    /// Standard output (synchronous).
    #[serde(default)]
    pub stdout: Option<String>,
    /// Standard error (synchronous).
    #[serde(default)]
    pub stderr: Option<String>,
    /// Exit code (synchronous).
    #[serde(default)]
    pub exit_code: Option<i64>,
    /// Run time in milliseconds (synchronous).
    #[serde(default)]
    pub duration_ms: Option<u64>,
    /// Job id (background).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub job_id: Option<String>,
    /// Job status (background).
    #[serde(default)]
    pub status: Option<String>,
    /// Why it did not run on this VPS.
    #[serde(default)]
    pub error: Option<String>,
}

/// A stored SSH key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SshKeyInfo {
    /// Key id, used in `ssh_key_ids`.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// OpenSSH public key.
    #[serde(default)]
    pub public_key: Option<String>,
    /// Fingerprint.
    #[serde(default)]
    pub fingerprint: Option<String>,
    /// When it was added.
    #[serde(default)]
    pub created_at: Option<String>,
}

/// `POST /api/billing/add-funds` → a Stripe checkout to complete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checkout {
    /// Where to pay.
    pub url: String,
}

/// A balance movement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    /// Transaction id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// `charge` or `topup`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// USD; negative for charges.
    #[serde(deserialize_with = "f64_required")]
    pub amount: f64,
    /// Balance after it, USD.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub balance_after: Option<f64>,
    /// What it was for.
    #[serde(default)]
    pub description: Option<String>,
    /// When (RFC 3339).
    #[serde(default)]
    pub created_at: Option<String>,
    /// Undocumented fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /api/billing/transactions`: a page of transactions.
///
/// The documented body is an object; a bare array is read as one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transactions {
    /// The page's transactions.
    pub transactions: Vec<Transaction>,
    /// How many there are in all.
    pub total: Option<u64>,
    /// The page size used.
    pub limit: Option<u32>,
    /// The offset used.
    pub offset: Option<u32>,
}

#[derive(Deserialize)]
struct TransactionPage {
    #[serde(default, deserialize_with = "null_default")]
    transactions: Vec<Transaction>,
    #[serde(default)]
    total: Option<u64>,
    #[serde(default)]
    limit: Option<u32>,
    #[serde(default)]
    offset: Option<u32>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TransactionsBody {
    Page(TransactionPage),
    Bare(Vec<Transaction>),
}

impl<'de> Deserialize<'de> for Transactions {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match TransactionsBody::deserialize(d)? {
            TransactionsBody::Page(p) => Transactions {
                transactions: p.transactions,
                total: p.total,
                limit: p.limit,
                offset: p.offset,
            },
            TransactionsBody::Bare(transactions) => Transactions {
                transactions,
                total: None,
                limit: None,
                offset: None,
            },
        })
    }
}

/// `PUT /api/billing/email`: where invoices and low-balance alerts go.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillingEmail {
    /// The address.
    pub email: String,
}

/// An access token (`vtk_…`). The secret is present only in the creation answer
/// and is never serialised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccessToken {
    /// Token id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// The token itself, shown once.
    #[serde(default, skip_serializing)]
    pub token: Option<Secret>,
    /// USD it may spend, when limited.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub spend_limit: Option<f64>,
    /// USD spent so far.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub spent: Option<f64>,
    /// When it was created.
    #[serde(default)]
    pub created_at: Option<String>,
    /// Undocumented fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    /// `ok` when the API is up.
    pub status: String,
}

/// `GET /.well-known/agent.json`: the discovery manifest for agents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentManifest {
    /// Service name.
    pub name: String,
    /// What it is.
    #[serde(default)]
    pub description: Option<String>,
    /// The API base URL.
    #[serde(default)]
    pub api_base: Option<String>,
    /// The OpenAPI document.
    #[serde(default)]
    pub openapi: Option<String>,
    /// How to authenticate.
    #[serde(default)]
    pub auth: Option<AgentAuth>,
    /// Undocumented fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `auth` part of the agent manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentAuth {
    /// `bearer`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The login path.
    #[serde(default)]
    pub login: Option<String>,
}
