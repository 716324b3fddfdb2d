//! CyberPanel bodies into the unified model.
//!
//! Amounts are US dollars (see [`super::CURRENCY`]). Each unified value keeps
//! the typed body it came from as JSON in `raw`.

use super::types::*;
use crate::model::*;
use rust_decimal::Decimal;

/// The currency CyberPanel amounts are in. The document never states one;
/// its template list says Windows "requires $20 min balance", so balances and
/// prices are taken as US dollars.
pub const CURRENCY: &str = "USD";

/// An amount in [`CURRENCY`].
pub fn usd(amount: Decimal) -> Money {
    Money::new(amount, Currency::new(CURRENCY))
}

const MIB: u64 = 1024 * 1024;
const GIB: u64 = 1024 * MIB;

fn time(text: &Option<String>) -> Option<Timestamp> {
    text.as_deref().and_then(Timestamp::parse)
}

fn raw(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// CyberPanel's status word as a unified status; a suspended flag wins.
pub fn server_status(status: &str, suspended: bool) -> ServerStatus {
    if suspended {
        return ServerStatus::Suspended;
    }
    match status.trim().to_ascii_lowercase().as_str() {
        "running" | "active" => ServerStatus::Running,
        "stopped" | "shutdown" | "off" => ServerStatus::Stopped,
        "deploying" | "pending" | "creating" | "provisioning" | "installing" => {
            ServerStatus::Provisioning
        }
        "starting" | "stopping" | "restarting" | "rebooting" => ServerStatus::Transitioning,
        "suspended" => ServerStatus::Suspended,
        "deleted" | "deleting" | "terminated" => ServerStatus::Deleted,
        "error" | "failed" => ServerStatus::Error,
        _ => ServerStatus::Unknown,
    }
}

/// A listed VPS as a unified [`Server`] (the list gives no plan or location).
pub fn server(vps: &VpsInstance) -> Server {
    Server {
        id: vps.id.to_string(),
        provider: ProviderId::Cyberpanel,
        name: vps.name.clone(),
        status: server_status(&vps.status, vps.is_suspended),
        raw_status: vps.status.clone(),
        ips: vps
            .ip_address
            .iter()
            .map(|ip| ip.trim().to_string())
            .filter(|ip| !ip.is_empty())
            .collect(),
        plan: None,
        region: None,
        specs: Specs::default(),
        created: time(&vps.created_at),
        expires: None,
        monthly_cost: None,
        tags: Vec::new(),
        raw: raw(vps),
    }
}

/// A VPS detail as a unified [`Server`]: plan name and size, location name,
/// and the plan's price as the monthly cost.
pub fn server_detail(detail: &VpsDetail) -> Server {
    let plan = detail.plan.as_ref();
    Server {
        plan: plan.map(|p| p.name.clone()).filter(|n| !n.is_empty()),
        region: detail
            .location
            .as_ref()
            .and_then(|l| l.name.clone().or_else(|| Some(l.code.clone())))
            .filter(|r| !r.is_empty()),
        specs: Specs {
            cpu_cores: plan
                .and_then(|p| p.cpu_cores)
                .and_then(|c| u32::try_from(c).ok()),
            memory_bytes: plan.and_then(|p| p.ram_mb).map(|m| m.saturating_mul(MIB)),
            disk_bytes: plan.and_then(|p| p.disk_gb).map(|g| g.saturating_mul(GIB)),
        },
        monthly_cost: plan.and_then(|p| p.price).map(usd),
        raw: raw(detail),
        ..server(&detail.instance)
    }
}

/// A plan as a unified [`Plan`] with its monthly and hourly price.
pub fn plan(p: &PlanInfo) -> Plan {
    Plan {
        id: p.id.to_string(),
        name: p.name.clone(),
        cpu_cores: p.cpu_cores.and_then(|c| u32::try_from(c).ok()),
        memory_bytes: p.ram_mb.map(|m| m.saturating_mul(MIB)),
        disk_bytes: p.disk_gb.map(|g| g.saturating_mul(GIB)),
        monthly_price: p.monthly_price.map(usd),
        hourly_price: p.price_hourly.map(usd),
        locations: Vec::new(),
        raw: raw(p),
    }
}

/// A template as a unified [`Image`]; the OS is added to the name where the
/// name does not already say it (`CyberPanel (AlmaLinux 8)`).
pub fn image(t: &Template) -> Image {
    let name = match t.os.as_deref().map(str::trim) {
        Some(os) if !os.is_empty() && !os.starts_with(t.name.as_str()) => {
            format!("{} ({os})", t.name)
        }
        _ => t.name.clone(),
    };
    Image {
        id: t.id.clone(),
        name,
        available: true,
        raw: raw(t),
    }
}

/// A location as a unified [`Location`]; it is orderable when open and it
/// has free addresses left.
pub fn location(l: &LocationInfo) -> Location {
    Location {
        code: l.code.clone(),
        name: l.name.clone(),
        available: l.is_available && l.available_ips != Some(0),
    }
}

/// One live reading as a series of one point at `now`.
///
/// CPU and memory are percentages; network and disk are byte counters since
/// boot. The provider keeps no history: the panel samples this periodically.
/// A reading the answer lacks gives an empty series.
pub fn metric_series(kind: MetricKind, status: &LiveStatus, now: Timestamp) -> MetricSeries {
    let counter = |v: Option<u64>| v.map(|b| b as f64);
    let (unit, value) = match kind {
        MetricKind::Cpu => (
            MetricUnit::Percent,
            status.cpu.as_ref().and_then(|c| c.usage_percent),
        ),
        MetricKind::Memory => (
            MetricUnit::Percent,
            status.memory.as_ref().and_then(|m| {
                m.usage_percent.or(match (m.used_bytes, m.total_bytes) {
                    (Some(used), Some(total)) if total > 0 => {
                        Some(used as f64 * 100.0 / total as f64)
                    }
                    _ => None,
                })
            }),
        ),
        MetricKind::NetIn => (
            MetricUnit::Bytes,
            counter(status.network.as_ref().and_then(|n| n.in_bytes)),
        ),
        MetricKind::NetOut => (
            MetricUnit::Bytes,
            counter(status.network.as_ref().and_then(|n| n.out_bytes)),
        ),
        MetricKind::DiskRead => (
            MetricUnit::Bytes,
            counter(status.disk.as_ref().and_then(|d| d.read_bytes)),
        ),
        MetricKind::DiskWrite => (
            MetricUnit::Bytes,
            counter(status.disk.as_ref().and_then(|d| d.write_bytes)),
        ),
    };
    MetricSeries {
        kind,
        unit,
        points: value
            .filter(|v| v.is_finite())
            .map(|value| MetricPoint { time: now, value })
            .into_iter()
            .collect(),
    }
}

/// The balance of `GET /account`.
pub fn account_balance(account: &AccountInfo) -> Balance {
    Balance {
        available: usd(account.balance),
        raw: raw(account),
    }
}

/// The balance of `GET /billing`.
pub fn billing_balance(billing: &BillingInfo) -> Balance {
    Balance {
        available: usd(billing.balance),
        raw: raw(billing),
    }
}

/// A billing line as a unified [`Invoice`]: a debit is a charge already taken
/// from the balance, a credit a payment in. The amount is its size; the
/// direction is in the status (and the signed amount in `raw`).
pub fn invoice(line: &BillingLine) -> Invoice {
    let status = match line.kind.trim().to_ascii_lowercase().as_str() {
        "debit" | "charge" => InvoiceStatus::Charged,
        "credit" | "payment" | "deposit" => InvoiceStatus::Paid,
        "refund" => InvoiceStatus::Refunded,
        _ => InvoiceStatus::Unknown,
    };
    Invoice {
        id: line.id.to_string(),
        amount: usd(line.amount.abs()),
        status,
        description: line.description.clone(),
        created: time(&line.date),
        due: None,
        bolt11: None,
        pay_url: None,
        raw: raw(line),
    }
}

/// An API key's metadata as a unified [`ApiToken`].
pub fn api_token(key: &ApiKeyInfo) -> ApiToken {
    ApiToken {
        id: key.id.to_string(),
        name: key.name.clone(),
        prefix: key.key_prefix.clone(),
        scopes: key.scopes.clone(),
        active: key.is_active,
        created: time(&key.created_at),
        last_used: time(&key.last_used_at),
        raw: raw(key),
    }
}

/// A snapshot as a unified [`Snapshot`]; its name is its id.
pub fn snapshot(s: &SnapshotInfo) -> Snapshot {
    Snapshot {
        id: s.name.clone(),
        name: s.name.clone(),
        description: s.description.clone(),
        created: time(&s.created_at),
    }
}

fn task_state(status: &str) -> TaskState {
    match status.trim().to_ascii_lowercase().as_str() {
        "completed" | "complete" | "done" | "success" | "skipped" => TaskState::Done,
        "in_progress" | "running" | "active" => TaskState::Running,
        "failed" | "error" => TaskState::Failed,
        _ => TaskState::Pending,
    }
}

/// Deployment progress as unified [`Progress`]: done once `is_ready`, failed
/// when `deployment_status` is `failed`, else under way. The stage is the
/// current task (or the deployment status once there is none); the percentage
/// is the provider's, or tasks done over tasks in all.
pub fn progress(d: &Deployment, message: Option<&str>) -> Progress {
    let deployment = d.deployment_status.trim().to_ascii_lowercase();
    let state = if d.is_ready {
        ProgressState::Done
    } else if matches!(deployment.as_str(), "failed" | "error") {
        ProgressState::Failed
    } else {
        ProgressState::InProgress
    };
    let derived = match (d.tasks_completed, d.tasks_total) {
        (Some(done), Some(total)) if total > 0 => Some(done as f64 * 100.0 / total as f64),
        _ => None,
    };
    let percent = d
        .progress_percent
        .or(derived)
        .filter(|p| p.is_finite())
        .map(|p| p.clamp(0.0, 100.0).round() as u8)
        .or((state == ProgressState::Done).then_some(100));
    let mut tasks: Vec<&DeploymentTask> = d.tasks.iter().collect();
    tasks.sort_by_key(|t| t.order.unwrap_or(u64::MAX));
    Progress {
        state,
        percent,
        stage: d
            .current_task
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| d.deployment_status.clone()),
        tasks: tasks
            .into_iter()
            .map(|t| ProgressTask {
                name: t.name.clone(),
                state: task_state(&t.status),
            })
            .collect(),
        server_id: Some(d.vps_id.to_string()),
        message: message.map(str::to_string),
    }
}
