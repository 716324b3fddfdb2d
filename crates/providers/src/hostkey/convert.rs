//! HOSTKEY answers into the unified model: servers, plans, images,
//! locations, balance, invoices, API tokens and async progress.

use super::api_keys::ApiKey;
use super::billing::{self, BillingData, ClientPage};
use super::callback::{CallbackResult, CallbackState};
use super::catalog::{Os, Preset};
use super::server::ServerDetail;
use super::tag;
use super::validate::LOCATIONS;
use crate::curl::REDACTED;
use crate::error::ProviderError;
use crate::model::*;
use serde_json::Value;

const GIB: f64 = 1_073_741_824.0;

fn gib(gb: f64) -> Option<u64> {
    (gb.is_finite() && gb >= 0.0).then(|| (gb * GIB).round() as u64)
}

/// A server from `eq/show`, with the power state read through `eq/status`
/// when known and the billing data when fetched.
///
/// Status: `server_data.status` `rent` (active) is Running unless the power
/// state says Stopped; `power_off` (suspended by HOSTKEY) is Suspended
/// whatever the power state. The monthly cost is the recurring amount of
/// `whmcs/get_billing_data` spread over one month of its billing cycle.
pub fn server(
    detail: &ServerDetail,
    power: Option<ServerStatus>,
    billing: Option<&BillingData>,
) -> Server {
    let data = &detail.server_data;
    let raw_status = data
        .status
        .clone()
        .or_else(|| data.condition_component.clone())
        .unwrap_or_default();
    let base = match raw_status.to_ascii_lowercase().as_str() {
        "rent" => ServerStatus::Running,
        "power_off" => ServerStatus::Suspended,
        s if s.contains("deploy") || s.contains("install") => ServerStatus::Provisioning,
        s if s.contains("cancel") || s.contains("terminat") => ServerStatus::Deleted,
        _ => ServerStatus::Unknown,
    };
    let status = match (base, power) {
        (ServerStatus::Running | ServerStatus::Unknown, Some(p)) => p,
        (b, _) => b,
    };
    let hardware = detail.hardware.as_ref();
    let tags = detail
        .tags
        .iter()
        .filter(|t| !t.internal && !tag::is_secret(t))
        .map(|t| format!("{}={}", t.tag, t.value.as_text()))
        .collect();
    let due = data
        .due_date
        .as_deref()
        .and_then(Timestamp::parse)
        .or_else(|| {
            billing
                .and_then(|b| b.next_due_date.as_deref())
                .and_then(Timestamp::parse)
        });
    Server {
        id: data.id.clone(),
        provider: ProviderId::Hostkey,
        name: detail.hostname().unwrap_or_else(|| data.id.clone()),
        status,
        raw_status,
        ips: detail
            .ips
            .iter()
            .map(|ip| ip.ip.trim().to_string())
            .filter(|ip| !ip.is_empty())
            .collect(),
        plan: detail
            .preset
            .clone()
            .filter(|p| !p.is_empty())
            .or_else(|| data.hwconfig.clone()),
        region: detail
            .location
            .as_ref()
            .map(|l| l.dc_location.clone())
            .filter(|l| !l.is_empty()),
        specs: Specs {
            cpu_cores: hardware
                .and_then(|h| h.cpu_cores.or(h.cpu_count))
                .and_then(|c| u32::try_from(c).ok()),
            memory_bytes: hardware.and_then(|h| h.ram).and_then(gib),
            disk_bytes: hardware.and_then(|h| h.disk_gb()).and_then(gib),
        },
        created: billing
            .and_then(|b| b.reg_date.as_deref())
            .and_then(Timestamp::parse),
        expires: due,
        monthly_cost: billing.and_then(BillingData::monthly_cost),
        tags,
        raw: redacted_raw(detail),
    }
}

/// The eq/show JSON with secret tag values (the root password) replaced.
fn redacted_raw(detail: &ServerDetail) -> Value {
    let mut raw = serde_json::to_value(detail).unwrap_or_default();
    if let Some(Value::Array(tags)) = raw.get_mut("tags") {
        for t in tags.iter_mut() {
            let name = t.get("tag").and_then(Value::as_str).unwrap_or("");
            if tag::is_secret_name(name) {
                t["value"] = Value::String(REDACTED.into());
            }
        }
    }
    raw
}

/// The power state an `eq/status` (or on/off) result reports:
/// `VM is up now` / `Chassis Power is on` → Running, `… down …` / `… off` → Stopped.
pub fn power_state(result: &CallbackResult) -> Option<ServerStatus> {
    if result.result != CallbackState::Ok {
        return None;
    }
    let scope = format!(" {} ", result.scope.as_deref()?.to_ascii_lowercase());
    if scope.contains(" down") || scope.contains(" off ") || scope.contains(" off.") {
        Some(ServerStatus::Stopped)
    } else if scope.contains(" up ") || scope.contains(" on ") || scope.contains(" on.") {
        Some(ServerStatus::Running)
    } else {
        None
    }
}

/// One poll of an async key as unified progress: `Not ready` and `Stage`
/// (` (n/5) …`, n×20 %) are in progress, `OK` is done (except check_pin's
/// `Invalid pin code`, a failure), `Fail` is failed with `scope` as message.
pub fn progress(result: &CallbackResult) -> Progress {
    let action = result.context.action.clone();
    let server_id = result.server_id().map(str::to_string);
    let (state, percent, stage, message) = match &result.result {
        CallbackState::NotReady => (
            ProgressState::InProgress,
            None,
            action.map_or_else(|| "waiting".to_string(), |a| format!("{a}: waiting")),
            None,
        ),
        CallbackState::Stage => (
            ProgressState::InProgress,
            result.stage().map(|n| n.saturating_mul(20).min(100)),
            result.stage_text().unwrap_or_else(|| "installing".into()),
            result.scope.clone(),
        ),
        CallbackState::Ok if result.rejects_pin() => (
            ProgressState::Failed,
            None,
            action.unwrap_or_else(|| "check_pin".into()),
            result.scope.clone(),
        ),
        CallbackState::Ok => (
            ProgressState::Done,
            Some(100),
            action.unwrap_or_else(|| "done".into()),
            result.scope.clone(),
        ),
        CallbackState::Fail => (
            ProgressState::Failed,
            None,
            action.unwrap_or_else(|| "failed".into()),
            result.scope.clone().or_else(|| result.debug.clone()),
        ),
        CallbackState::Other(word) => (
            ProgressState::InProgress,
            None,
            word.clone(),
            result.scope.clone(),
        ),
    };
    Progress {
        state,
        percent,
        stage,
        tasks: Vec::new(),
        server_id,
        message: message.map(|m| m.trim().to_string()),
    }
}

/// A preset as a plan for `location`. The price is the location's EUR price
/// (USD when EUR is not offered); `-1` means not offered there, which gives
/// no price. Without a price table, `monthly_com` (EUR) is used.
pub fn plan(preset: &Preset, location: &str) -> Plan {
    let listed = preset
        .price
        .keys()
        .any(|k| k.eq_ignore_ascii_case(location.trim()));
    let monthly_price = if listed {
        preset
            .price_in(location.trim(), "EUR")
            .or_else(|| preset.price_in(location.trim(), "USD"))
    } else {
        preset
            .monthly_com
            .filter(|p| *p >= 0.0)
            .and_then(|p| Money::from_f64(p, Currency::new("EUR")))
    };
    Plan {
        id: preset.id.clone(),
        name: preset.name.clone(),
        cpu_cores: preset.cpu.and_then(|c| u32::try_from(c).ok()),
        memory_bytes: preset.ram.and_then(gib),
        disk_bytes: preset.hdd.and_then(gib),
        monthly_price,
        hourly_price: None,
        locations: preset.location_codes(),
        raw: serde_json::to_value(preset).unwrap_or_default(),
    }
}

/// An OS as an image; inactive ones are listed but not available.
pub fn image(os: &Os) -> Image {
    Image {
        id: os.id.clone(),
        name: os.name.clone(),
        available: os.active,
        raw: serde_json::to_value(os).unwrap_or_default(),
    }
}

/// HOSTKEY's locations.
pub fn locations() -> Vec<Location> {
    LOCATIONS
        .iter()
        .map(|(code, name)| Location {
            code: code.to_string(),
            name: name.to_string(),
            available: true,
        })
        .collect()
}

/// The credit balance from `whmcs/get_client`.
pub fn balance(page: &ClientPage) -> Result<Balance, ProviderError> {
    let available = page.client.credit().ok_or_else(|| {
        ProviderError::unexpected(
            200,
            format!("the credit `{}` is not an amount", page.client.credit),
            &[],
        )
    })?;
    Ok(Balance {
        available,
        raw: serde_json::to_value(page).unwrap_or_default(),
    })
}

/// A WHMCS invoice as a unified invoice; `currency` is used when the invoice
/// does not name its own (get_related_invoices).
///
/// The amount is what was invoiced: WHMCS takes applied credit off `total`
/// (the document's invoice 23449 is subtotal 3.00, credit 3.00, total 0.00,
/// Paid), so it is `total` plus `credit` (none when absent). When `total`
/// is unreadable (the document also prints `"2.5.00"`), `subtotal`.
pub fn invoice(inv: &billing::WhmcsInvoice, currency: &str) -> Invoice {
    let code = inv
        .currencycode
        .as_deref()
        .or(inv.currencysuffix.as_deref())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or(currency);
    let total = billing::money(&inv.total, code);
    let credit = billing::money(&inv.credit, code);
    let amount = match total {
        Some(total) => match credit {
            Some(credit) => Money::new(total.amount + credit.amount, total.currency),
            None => total,
        },
        None => billing::money(&inv.subtotal, code)
            .unwrap_or_else(|| Money::from_minor(0, Currency::new(code))),
    };
    let status = match inv.status.trim().to_ascii_lowercase().as_str() {
        "paid" => InvoiceStatus::Paid,
        "unpaid" | "payment pending" | "collections" => InvoiceStatus::Unpaid,
        "cancelled" | "canceled" => InvoiceStatus::Cancelled,
        "refunded" => InvoiceStatus::Refunded,
        _ => InvoiceStatus::Unknown,
    };
    let number = inv
        .invoicenum
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(&inv.id);
    Invoice {
        id: inv.id.clone(),
        amount,
        status,
        description: Some(format!("Invoice #{number}")),
        created: Timestamp::parse(&inv.date),
        due: Timestamp::parse(&inv.duedate),
        bolt11: None,
        pay_url: None,
        raw: serde_json::to_value(inv).unwrap_or_default(),
    }
}

/// An API key as a unified token; its scope is the whole account or one server.
pub fn api_token(key: &ApiKey) -> ApiToken {
    let scope = match key.server() {
        Some(server) => format!("server {server}"),
        None => "account".to_string(),
    };
    ApiToken {
        id: key.id.clone(),
        name: key.name.clone(),
        prefix: key.token_view.clone().filter(|p| !p.is_empty()),
        scopes: vec![scope],
        active: key.active,
        created: None,
        last_used: None,
        raw: serde_json::to_value(key).unwrap_or_default(),
    }
}
