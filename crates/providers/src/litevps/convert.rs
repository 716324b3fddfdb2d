//! LiteVPS bodies into the unified model.

use super::money::{monthly_cost, usd};
use super::types::{
    AccessToken, Me, PricingPlan, SshKeyInfo, Transaction, Vps, VpsSnapshot, VpsState,
};
use crate::model::*;
use crate::Secret;

const MIB: u64 = 1_048_576;
const GIB: u64 = 1_073_741_824;

fn raw(value: &impl serde::Serialize) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}

fn time(text: &Option<String>) -> Option<Timestamp> {
    text.as_deref().and_then(Timestamp::parse)
}

/// A VPS as a unified [`Server`]; the monthly cost is `price_hourly` × 730.
pub fn server(vps: &Vps) -> Server {
    let status = match vps.state() {
        VpsState::Creating => ServerStatus::Provisioning,
        VpsState::Running => ServerStatus::Running,
        VpsState::Stopped => ServerStatus::Stopped,
        VpsState::Error => ServerStatus::Error,
        VpsState::Unknown => ServerStatus::Unknown,
    };
    Server {
        id: vps.id.clone(),
        provider: ProviderId::Litevps,
        name: vps.name.clone(),
        status,
        raw_status: vps.state.clone(),
        ips: [&vps.ipv4, &vps.ipv6]
            .into_iter()
            .flatten()
            .filter(|ip| !ip.trim().is_empty())
            .cloned()
            .collect(),
        plan: vps.template.clone().or_else(|| vps.plan_id.clone()),
        region: None,
        specs: Specs {
            cpu_cores: vps.vcpu,
            memory_bytes: vps.memory_mb.map(|mb| mb.saturating_mul(MIB)),
            disk_bytes: vps.disk_gb.map(|gb| gb.saturating_mul(GIB)),
        },
        created: time(&vps.created_at),
        expires: time(&vps.expires_at),
        monthly_cost: vps.price_hourly.and_then(monthly_cost),
        tags: Vec::new(),
        raw: raw(vps),
    }
}

/// A pricing entry as a unified [`Plan`] with its hourly price.
pub fn plan(p: &PricingPlan) -> Plan {
    Plan {
        id: p.id.clone(),
        name: p.name.clone(),
        cpu_cores: p.vcpu,
        memory_bytes: p.memory_mb.map(|mb| mb.saturating_mul(MIB)),
        disk_bytes: p.disk_gb.map(|gb| gb.saturating_mul(GIB)),
        monthly_price: None,
        hourly_price: p.price_hourly.and_then(usd),
        locations: Vec::new(),
        raw: raw(p),
    }
}

/// `GET /api/me` as a unified [`Balance`].
pub fn balance(me: &Me) -> Option<Balance> {
    usd(me.balance).map(|available| Balance {
        available,
        raw: raw(me),
    })
}

/// A transaction as a billing line: charges are `Charged`, top-ups `Paid`;
/// the amount is always shown positive.
pub fn invoice(t: &Transaction) -> Invoice {
    let status = match t.kind.to_ascii_lowercase().as_str() {
        "charge" => InvoiceStatus::Charged,
        "topup" | "top-up" | "top_up" => InvoiceStatus::Paid,
        "refund" => InvoiceStatus::Refunded,
        _ => InvoiceStatus::Unknown,
    };
    Invoice {
        id: t.id.clone(),
        amount: usd(t.amount.abs()).unwrap_or_else(|| Money::from_minor(0, Currency::new("USD"))),
        status,
        description: t.description.clone(),
        created: time(&t.created_at),
        due: None,
        bolt11: None,
        pay_url: None,
        raw: raw(t),
    }
}

/// A stored key as a unified [`SshKey`].
pub fn ssh_key(k: &SshKeyInfo) -> SshKey {
    SshKey {
        id: k.id.clone(),
        name: k.name.clone(),
        public_key: k.public_key.clone(),
        created: time(&k.created_at),
    }
}

/// A snapshot as a unified [`Snapshot`]; its size becomes the description.
pub fn snapshot(s: &VpsSnapshot) -> Snapshot {
    Snapshot {
        id: s.id.clone(),
        name: s.name.clone(),
        description: s.size_gb.map(|gb| format!("{gb} GB")),
        created: time(&s.created_at),
    }
}

/// An access token as a unified [`ApiToken`].
///
/// The prefix is the first 7 characters (`vtk_abc`), known only from the
/// creation answer; a token that has spent its limit is shown inactive.
pub fn api_token(t: &AccessToken) -> ApiToken {
    let exhausted = match (t.spend_limit, t.spent) {
        (Some(limit), Some(spent)) => spent >= limit,
        _ => false,
    };
    ApiToken {
        id: t.id.clone(),
        name: t.name.clone(),
        prefix: t.token.as_ref().map(token_prefix),
        scopes: Vec::new(),
        active: !exhausted,
        created: time(&t.created_at),
        last_used: None,
        raw: raw(t),
    }
}

fn token_prefix(token: &Secret) -> String {
    token.expose().chars().take(7).collect()
}

/// Creation progress of a VPS: `creating` is under way, `running` (or
/// `stopped`) is done, `error` failed.
pub fn progress(vps: &Vps) -> Progress {
    let state = match vps.state() {
        VpsState::Running | VpsState::Stopped => ProgressState::Done,
        VpsState::Error => ProgressState::Failed,
        VpsState::Creating | VpsState::Unknown => ProgressState::InProgress,
    };
    Progress {
        state,
        percent: (state == ProgressState::Done).then_some(100),
        stage: vps.state.clone(),
        tasks: Vec::new(),
        server_id: Some(vps.id.clone()),
        message: (state == ProgressState::Failed)
            .then(|| format!("{} failed to be created", vps.name)),
    }
}
