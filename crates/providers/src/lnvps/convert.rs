//! LNVPS bodies into the unified model, and LNVPS amounts into [`Money`].
//!
//! BTC amounts are satoshis in the seed and millisatoshis on the live server.
//! Where a Lightning invoice is at hand its amount decides ([`btc_unit`]);
//! elsewhere the seed's satoshis are assumed.

use super::billing::{PaymentData, SubscriptionPayment, VmPayment};
use super::bolt11;
use super::de;
use super::vm::{
    CostPlan, Image as LnvpsImage, SshKey as LnvpsSshKey, TimeSeriesPoint, VmStatus, VmTemplate,
};
use crate::model::*;
use rust_decimal::Decimal;

/// The unit of a BTC amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BtcUnit {
    /// Satoshis (the seed).
    Sats,
    /// Millisatoshis (the live server).
    Millisats,
}

/// Which unit `amount` (BTC, smallest unit) is in, judged against the
/// invoice it is paid with: the one putting it nearer the invoice's amount.
/// Without an invoice amount, satoshis (the seed).
///
/// ```
/// use providers::lnvps::{btc_unit, BtcUnit};
/// assert_eq!(btc_unit(21_000, Some("lnbc210u1pj...")), BtcUnit::Sats);
/// assert_eq!(btc_unit(3_400_000, Some("lnbc34u1p...")), BtcUnit::Millisats);
/// assert_eq!(btc_unit(3_400_000, None), BtcUnit::Sats);
/// ```
pub fn btc_unit(amount: u64, bolt11: Option<&str>) -> BtcUnit {
    // The prefix carries the amount even when a document cut the invoice short.
    let invoice_msat = bolt11.and_then(bolt11::prefix_amount_msat);
    match invoice_msat {
        // √1000 ≈ 31.6 is the midpoint between "the same" and "1000 times more".
        Some(msat) if amount > 0 && msat < amount.saturating_mul(32) => BtcUnit::Millisats,
        _ => BtcUnit::Sats,
    }
}

/// An LNVPS amount (smallest unit) in `currency` as [`Money`]; `unit` says
/// what BTC amounts are in.
pub fn money(amount: u64, currency: &str, unit: BtcUnit) -> Money {
    let currency = Currency::new(currency);
    let minor = i64::try_from(amount).unwrap_or(i64::MAX);
    match (currency.code(), unit) {
        ("BTC", BtcUnit::Millisats) => Money::new(Decimal::new(minor, 11), currency),
        _ => Money::from_minor(minor, currency),
    }
}

/// What a template costs per month: its cost plan scaled from its interval
/// (LNVPS months are 30 days), rounded to the currency's smallest unit.
pub fn monthly_cost(plan: &CostPlan) -> Option<Money> {
    let base = money(plan.amount, &plan.currency, BtcUnit::Sats);
    let intervals = Decimal::from(plan.interval_amount.max(1));
    let per_month = match plan.interval_type.to_ascii_lowercase().as_str() {
        "day" => Decimal::from(30) / intervals,
        "month" => Decimal::ONE / intervals,
        "year" => Decimal::ONE / (Decimal::from(12) * intervals),
        _ => return None,
    };
    let exponent = base.currency.exponent();
    Some(Money::new(
        (base.amount * per_month).round_dp(exponent),
        base.currency,
    ))
}

/// An LNVPS VM as a unified [`Server`].
pub fn server(vm: &VmStatus) -> Server {
    let state = vm.state().to_ascii_lowercase();
    let status = if vm.is_unpaid_order() {
        ServerStatus::PendingPayment
    } else {
        match state.as_str() {
            "running" => ServerStatus::Running,
            "stopped" => ServerStatus::Stopped,
            "creating" | "pending" => ServerStatus::Provisioning,
            "error" | "failed" => ServerStatus::Error,
            _ => ServerStatus::Unknown,
        }
    };
    let template = vm.template.as_ref();
    Server {
        id: vm.id.to_string(),
        provider: ProviderId::Lnvps,
        name: vm
            .ip_assignments
            .iter()
            .find_map(|ip| ip.forward_dns.clone().filter(|d| !d.is_empty()))
            .unwrap_or_else(|| format!("vm-{}", vm.id)),
        status,
        raw_status: state,
        ips: vm.ip_assignments.iter().map(|ip| ip.ip.clone()).collect(),
        plan: template.map(|t| t.name.clone()),
        region: template
            .and_then(|t| t.region.as_ref())
            .map(|r| r.name.clone()),
        specs: template.map(specs).unwrap_or_default(),
        created: vm.created_at(),
        expires: vm.expires_at(),
        monthly_cost: template
            .and_then(|t| t.cost_plan.as_ref())
            .and_then(monthly_cost),
        tags: Vec::new(),
        raw: serde_json::to_value(vm).unwrap_or_default(),
    }
}

fn specs(t: &VmTemplate) -> Specs {
    Specs {
        cpu_cores: Some(t.cpu),
        memory_bytes: Some(t.memory),
        disk_bytes: Some(t.disk_size),
    }
}

/// A standard template as a unified [`Plan`].
pub fn plan(t: &VmTemplate) -> Plan {
    Plan {
        id: t.id.to_string(),
        name: t.name.clone(),
        cpu_cores: Some(t.cpu),
        memory_bytes: Some(t.memory),
        disk_bytes: Some(t.disk_size),
        monthly_price: t.cost_plan.as_ref().and_then(monthly_cost),
        hourly_price: None,
        locations: t.region.iter().map(|r| r.name.clone()).collect(),
        raw: serde_json::to_value(t).unwrap_or_default(),
    }
}

/// An OS image as a unified [`Image`] (`Ubuntu 24.04`).
pub fn image(i: &LnvpsImage) -> Image {
    Image {
        id: i.id.to_string(),
        name: i.display_name(),
        // LNVPS leaves disabled images out of the list.
        available: true,
        raw: serde_json::to_value(i).unwrap_or_default(),
    }
}

/// A stored key as a unified [`SshKey`] (LNVPS does not return the key text).
pub fn ssh_key(k: &LnvpsSshKey) -> SshKey {
    SshKey {
        id: k.id.to_string(),
        name: k.name.clone(),
        public_key: None,
        created: de::time(k.created.as_deref()),
    }
}

/// One kind of the hourly time series as a unified [`MetricSeries`]: CPU as
/// a percentage (fractions ×100), memory in bytes, network and disk in bytes
/// per second; oldest first.
pub fn metric_series(kind: MetricKind, points: &[TimeSeriesPoint]) -> MetricSeries {
    let cpu_is_fraction = points.iter().all(|p| p.cpu <= 1.0);
    let (unit, read): (MetricUnit, fn(&TimeSeriesPoint) -> f64) = match kind {
        MetricKind::Cpu => (MetricUnit::Percent, |p| p.cpu),
        MetricKind::Memory => (MetricUnit::Bytes, |p| p.memory),
        MetricKind::NetIn => (MetricUnit::BytesPerSecond, |p| p.net_in),
        MetricKind::NetOut => (MetricUnit::BytesPerSecond, |p| p.net_out),
        MetricKind::DiskRead => (MetricUnit::BytesPerSecond, |p| p.disk_read),
        MetricKind::DiskWrite => (MetricUnit::BytesPerSecond, |p| p.disk_write),
    };
    let scale = if kind == MetricKind::Cpu && cpu_is_fraction {
        100.0
    } else {
        1.0
    };
    let mut points: Vec<MetricPoint> = points
        .iter()
        .filter_map(|p| {
            Some(MetricPoint {
                time: Timestamp(p.timestamp?),
                value: read(p) * scale,
            })
        })
        .collect();
    points.sort_by_key(|p| p.time);
    MetricSeries { kind, unit, points }
}

fn invoice_status(
    is_paid: bool,
    is_refund: bool,
    expires: Option<Timestamp>,
    now: Timestamp,
) -> InvoiceStatus {
    match (is_refund, is_paid, expires) {
        (true, _, _) => InvoiceStatus::Refunded,
        (false, true, _) => InvoiceStatus::Paid,
        (false, false, Some(expires)) if expires <= now => InvoiceStatus::Expired,
        (false, false, _) => InvoiceStatus::Unpaid,
    }
}

/// A VM payment as a unified [`Invoice`]: amount + tax (+ fee for cards),
/// the BOLT11 to pay, paid / expired (at `now`) / unpaid / refunded.
pub fn vm_payment_invoice(p: &VmPayment, now: Timestamp) -> Invoice {
    let total = p.total();
    let amount = money(total, &p.currency, btc_unit(total, p.bolt11()));
    let what = match (p.is_refund, p.is_upgrade) {
        (true, _) => "Refund",
        (false, true) => "Upgrade",
        (false, false) => "Renewal",
    };
    let vm = p.vm_id.map(|id| format!(" of VM {id}")).unwrap_or_default();
    let days = match p.time / 86_400 {
        0 => String::new(),
        d => format!(" ({d} days)"),
    };
    Invoice {
        id: p.id.clone(),
        amount,
        status: invoice_status(p.is_paid, p.is_refund, p.expires_at(), now),
        description: Some(format!("{what}{vm}{days}")),
        created: de::time(p.created.as_deref()),
        due: p.expires_at(),
        bolt11: p.bolt11().map(str::to_string),
        pay_url: None,
        raw: serde_json::to_value(p).unwrap_or_default(),
    }
}

/// A subscription payment as a unified [`Invoice`].
pub fn subscription_payment_invoice(p: &SubscriptionPayment, now: Timestamp) -> Invoice {
    let total = p.total();
    let amount = money(total, &p.amount.currency, btc_unit(total, p.bolt11()));
    let refund = p.payment_type.as_deref() == Some("Refund");
    let what = p.payment_type.clone().unwrap_or_else(|| "Payment".into());
    let subscription = p
        .subscription_id
        .map(|id| format!(" of subscription {id}"))
        .unwrap_or_default();
    Invoice {
        id: p.id.clone(),
        amount,
        status: invoice_status(p.is_paid, refund, p.expires_at(), now),
        description: Some(format!("{what}{subscription}")),
        created: de::time(p.created.as_deref()),
        due: p.expires_at(),
        bolt11: p.bolt11().map(str::to_string),
        pay_url: None,
        raw: serde_json::to_value(p).unwrap_or_default(),
    }
}

/// Where an order stands: awaiting payment until `payment` is paid (or, with
/// no payment, while the VM was never paid), then provisioning until the VM
/// runs.
pub fn order_progress(payment: Option<&VmPayment>, vm: &VmStatus) -> Progress {
    let awaiting = match payment {
        Some(p) => !p.is_paid,
        None => vm.is_unpaid_order(),
    };
    if awaiting {
        return awaiting_payment(vm.id, payment);
    }
    let state = vm.state().to_ascii_lowercase();
    let (progress, percent, stage) = match state.as_str() {
        "running" => (ProgressState::Done, Some(100), "running"),
        "error" | "failed" => (ProgressState::Failed, None, "failed"),
        "stopped" => (
            ProgressState::InProgress,
            None,
            "provisioned, not started yet",
        ),
        _ => (ProgressState::InProgress, None, "provisioning"),
    };
    Progress {
        state: progress,
        percent,
        stage: stage.into(),
        tasks: Vec::new(),
        server_id: Some(vm.id.to_string()),
        message: Some(format!("VM state: {state}")),
    }
}

/// Seconds an unpaid invoice is still waited for after its `expires`: a
/// payment settling at the deadline still counts, and the clocks may differ
/// (NIP-98 already requires them within 60 s of each other).
pub const INVOICE_EXPIRY_GRACE_SECS: i64 = 60;

/// Where an order of VM `vm_id` stands at `now` while `payment` is unpaid:
/// awaiting payment, or failed once the invoice has expired (LNVPS never
/// settles it afterwards, so waiting longer would wait for nothing).
pub fn unpaid_order_progress(vm_id: u64, payment: &VmPayment, now: Timestamp) -> Progress {
    let expired = payment
        .expires_at()
        .is_some_and(|expires| now.0 >= expires.0.saturating_add(INVOICE_EXPIRY_GRACE_SECS));
    if !expired {
        return awaiting_payment(vm_id, Some(payment));
    }
    let what = match payment.data.as_ref() {
        Some(PaymentData::Lightning(_)) | None => "Lightning invoice".to_string(),
        Some(other) => format!("{} payment", other.method()),
    };
    Progress {
        state: ProgressState::Failed,
        percent: None,
        stage: "invoice expired".into(),
        tasks: Vec::new(),
        server_id: Some(vm_id.to_string()),
        message: Some(format!(
            "the {what} {} expired unpaid at {}; nothing was charged. Renew VM {vm_id} for a new \
             invoice (LNVPS deletes an order left unpaid for an hour)",
            payment.id,
            payment.expires.as_deref().unwrap_or("its deadline"),
        )),
    }
}

/// An order of VM `vm_id` waiting for `payment` (or for an invoice, when none).
pub fn awaiting_payment(vm_id: u64, payment: Option<&VmPayment>) -> Progress {
    let message = match payment.and_then(|p| p.data.as_ref()) {
        Some(PaymentData::Lightning(invoice)) if !invoice.is_empty() => {
            "pay the Lightning invoice to start provisioning".to_string()
        }
        Some(other) => format!(
            "complete the {} payment to start provisioning",
            other.method()
        ),
        None => "renew the VM to get an invoice, then pay it".to_string(),
    };
    Progress {
        state: ProgressState::AwaitingPayment,
        percent: None,
        stage: "awaiting payment".into(),
        tasks: Vec::new(),
        server_id: Some(vm_id.to_string()),
        message: Some(message),
    }
}
