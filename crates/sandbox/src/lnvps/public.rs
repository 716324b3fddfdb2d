//! Endpoints that need no authentication: templates, custom pricing, OS
//! images, accepted payment methods, IP space and exchange rates.

use std::collections::HashMap;

use serde_json::{json, Value};

use crate::Incoming;

use super::catalogue::{self, Arch, CUSTOM};
use super::reply::{body, invalid, not_found, ok, page, Query, Reply};
use super::state::State;
use super::time::{rfc3339, MINUTE};
use super::vms::CustomSpec;

/// `GET /api/v1/vm/templates`: `{templates, custom_template}`.
pub(super) fn templates() -> Reply {
    let templates: Vec<Value> = catalogue::templates()
        .iter()
        .map(catalogue::Template::to_json)
        .collect();
    ok(json!({ "templates": templates, "custom_template": [CUSTOM.to_json()] }))
}

/// `POST /api/v1/vm/custom-template/price`: `CustomVmPrice`, billed monthly.
pub(super) fn custom_price(request: &Incoming) -> Reply {
    let spec: CustomSpec = body(request)?;
    let cents = CUSTOM.price(&spec.resolve()?).map_err(invalid)?;
    ok(json!({
        "currency": "EUR",
        "amount": cents,
        "other_price": [catalogue::price("BTC", catalogue::sats(cents))],
        "interval_amount": 1,
        "interval_type": "month",
    }))
}

/// `GET /api/v1/payment/methods`.
pub(super) fn payment_methods() -> Reply {
    ok(catalogue::payment_methods())
}

/// `GET /api/v1/ip_space`: paginated.
pub(super) fn ip_spaces(request: &Incoming) -> Reply {
    let window = Query::of(request).window()?;
    let all = catalogue::ip_spaces();
    let total = all.len();
    page(window.slice(all), total, window)
}

/// `GET /api/v1/ip_space/{id}`.
pub(super) fn ip_space(id: u64) -> Reply {
    let found = catalogue::ip_spaces()
        .into_iter()
        .find(|s| s["id"] == json!(id));
    ok(found.ok_or_else(not_found)?)
}

/// `GET /api/v1/exchange-rate?base=`.
pub(super) fn exchange_rate(request: &Incoming, now: u64) -> Reply {
    let query = Query::of(request);
    let base = query.required("base")?;
    let rates = catalogue::exchange_rates(base).ok_or_else(|| {
        invalid(format!(
            "base: unknown currency `{base}` (use BTC, EUR, USD, GBP, CAD, CHF, AUD or JPY)"
        ))
    })?;
    ok(
        json!({ "updated": rfc3339(now / (5 * MINUTE) * (5 * MINUTE)), "base": base, "rates": rates }),
    )
}

impl State {
    /// `GET /api/v1/image[?arch=]`, with each image's share of active VMs.
    pub(super) fn images(&self, request: &Incoming, now: u64) -> Reply {
        let query = Query::of(request);
        let arch = match query.text("arch") {
            None => None,
            Some(text) => Some(Arch::parse(text).ok_or_else(|| {
                invalid(format!(
                    "arch: unknown architecture `{text}` (use x86_64, amd64, arm64 or aarch64)"
                ))
            })?),
        };
        let mut counts: HashMap<u64, usize> = HashMap::new();
        let mut active = 0usize;
        for vm in self.vms.values().filter(|vm| !vm.gone(now)) {
            *counts.entry(vm.image_id).or_default() += 1;
            active += 1;
        }
        let images: Vec<Value> = catalogue::IMAGES
            .iter()
            .filter(|image| arch.is_none_or(|a| image.arch == a))
            .map(|image| {
                let used = counts.get(&image.id).copied().unwrap_or(0);
                let share = if active == 0 {
                    0.0
                } else {
                    used as f64 / active as f64
                };
                image.to_json((share * 1e4).round() / 1e4)
            })
            .collect();
        ok(json!(images))
    }
}
