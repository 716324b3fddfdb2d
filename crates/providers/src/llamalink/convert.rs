//! LlamaLink bodies into the unified model.

use super::types::{MetricsHistory, ProvisionProgress, Vps};
use crate::model::*;

/// A LlamaLink server as a unified [`Server`].
pub fn server(vps: &Vps) -> Server {
    let status = match vps.status.to_ascii_lowercase().as_str() {
        "running" => ServerStatus::Running,
        "stopped" | "shutdown" | "off" => ServerStatus::Stopped,
        "provisioning" | "creating" | "installing" => ServerStatus::Provisioning,
        "starting" | "stopping" | "restarting" | "rebooting" => ServerStatus::Transitioning,
        "suspended" => ServerStatus::Suspended,
        "error" | "failed" => ServerStatus::Error,
        _ => ServerStatus::Unknown,
    };
    let gb = |v: f64| (v * 1_073_741_824.0).round() as u64;
    Server {
        id: vps.id.clone(),
        provider: ProviderId::Llamalink,
        name: vps.name.clone(),
        status,
        raw_status: vps.status.clone(),
        ips: vps.ip_addresses.clone(),
        plan: None,
        region: None,
        specs: Specs {
            cpu_cores: vps.cpus_avail.map(|c| c.round() as u32),
            memory_bytes: vps.memory.as_ref().and_then(|m| m.max).map(gb),
            disk_bytes: None,
        },
        created: None,
        expires: None,
        monthly_cost: None,
        tags: vps
            .payment_status
            .iter()
            .map(|p| format!("payment:{p}"))
            .collect(),
        raw: serde_json::to_value(vps).unwrap_or_default(),
    }
}

/// Provisioning progress by op id as unified [`Progress`].
pub fn progress(p: &ProvisionProgress) -> Progress {
    let status = p.status.to_ascii_lowercase();
    let state = match status.as_str() {
        "success" | "completed" | "done" => ProgressState::Done,
        "failed" | "error" | "failure" => ProgressState::Failed,
        _ => ProgressState::InProgress,
    };
    let percent = p
        .percent
        .map(|v| v.clamp(0.0, 100.0).round() as u8)
        .or(match state {
            ProgressState::Done => Some(100),
            _ => None,
        });
    Progress {
        state,
        percent,
        stage: p.message.clone().unwrap_or(status),
        tasks: Vec::new(),
        server_id: p.vps_id.map(|id| id.to_string()),
        message: p.message.clone(),
    }
}

/// A metrics-history body as a unified series (CPU and memory are percentages).
pub fn metric_series(kind: MetricKind, history: &MetricsHistory) -> MetricSeries {
    let mut points: Vec<MetricPoint> = history
        .points
        .iter()
        .map(|p| MetricPoint {
            time: Timestamp(p.time),
            value: p.value,
        })
        .collect();
    points.sort_by_key(|p| p.time);
    MetricSeries {
        kind,
        unit: MetricUnit::Percent,
        points,
    }
}

/// A subscription as a billing line: its monthly price, due on its renewal date.
pub fn subscription_invoice(sub: &super::types::Subscription) -> Invoice {
    let currency = Currency::new("ILS");
    let amount = sub
        .price_monthly
        .and_then(|p| Money::from_f64(p, currency.clone()))
        .unwrap_or_else(|| Money::from_minor(0, currency));
    let status = match sub.status.to_ascii_lowercase().as_str() {
        "active" => InvoiceStatus::Paid,
        "pending" => InvoiceStatus::Unpaid,
        "cancelled" | "canceled" => InvoiceStatus::Cancelled,
        _ => InvoiceStatus::Unknown,
    };
    Invoice {
        id: sub.id.to_string(),
        amount,
        status,
        description: Some(format!("{} ({}, {})", sub.name, sub.kind, sub.status)),
        created: None,
        due: sub.renewal_date.as_deref().and_then(Timestamp::parse),
        bolt11: None,
        pay_url: None,
        raw: serde_json::to_value(sub).unwrap_or_default(),
    }
}
