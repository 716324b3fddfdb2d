//! LlamaLink's order form (seed: plans → payment method → OS → order →
//! provisioning progress): a shop plan, or a custom build priced live by the
//! published formula; an OS template; the saved card it is charged to.

use super::{provider_rule, required, value, whole};
use crate::components::form_fields::{Errors, Field, FieldKind, Values, PAYMENT};
use crate::components::order_form::{Checked, OrderForm, Step};
use crate::state::order_flow::OrderRequest;
use crate::state::AppSession;
use providers::llamalink::{
    Card, CpuType, CustomBuild, CustomPricing, OsTemplate, StorageType, VpsPlans,
};
use providers::{ProviderError, ProviderId};
use std::rc::Rc;

/// The plan choice that opens the custom build.
const CUSTOM: &str = "custom";
/// LlamaLink's prices are in shekels.
const CURRENCY: &str = "ILS";

/// What LlamaLink offers this account.
#[derive(Debug, Clone)]
pub struct Offer {
    plans: VpsPlans,
    os: Vec<OsTemplate>,
    cards: Vec<Card>,
}

impl Offer {
    fn pricing(&self) -> CustomPricing {
        CustomPricing::from_offer(self.plans.custom.as_ref().and_then(|c| c.pricing.as_ref()))
    }

    fn custom_open(&self) -> bool {
        self.plans.custom.as_ref().is_some_and(|c| c.available)
    }

    fn os_label(&self, id: &str) -> String {
        self.os
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

/// LlamaLink's form.
pub struct Llamalink;

fn custom_chosen(v: &Values) -> bool {
    v.get("plan").is_some_and(|p| p == CUSTOM)
}

/// The custom build the form describes, or the rules it breaks.
fn build(values: &Values) -> Result<CustomBuild, Errors> {
    let mut errors = Errors::new();
    let cpu_cores = whole(values, &mut errors, "cpu-cores", "CPU cores", (1, 64));
    let ram_gb = whole(values, &mut errors, "ram", "Memory", (1, 512));
    let storage_gb = whole(values, &mut errors, "storage", "Disk", (10, 4000));
    let ipv4 = whole(values, &mut errors, "ipv4", "IPv4 addresses", (0, 16));
    let cpu_type = value(values, "cpu-type").parse::<CpuType>();
    let storage_type = value(values, "storage-type").parse::<StorageType>();
    if cpu_type.is_err() {
        errors.insert("cpu-type", "Choose a CPU family.".into());
    }
    if storage_type.is_err() {
        errors.insert("storage-type", "Choose a disk type.".into());
    }
    let (
        Some(cpu_cores),
        Some(ram_gb),
        Some(storage_gb),
        Some(ipv4),
        Ok(cpu_type),
        Ok(storage_type),
    ) = (cpu_cores, ram_gb, storage_gb, ipv4, cpu_type, storage_type)
    else {
        return Err(errors);
    };
    let build = CustomBuild {
        name: value(values, "name").to_string(),
        cpu_type,
        cpu_cores,
        ram_gb,
        storage_type,
        storage_gb,
        ipv4,
        os: value(values, "os").to_string(),
    };
    provider_rule(
        &mut errors,
        &[
            ("name", "name", "The server name"),
            ("cpuCores", "cpu-cores", "CPU cores"),
            ("ram", "ram", "Memory"),
            ("storageGB", "storage", "Disk"),
            ("os", "os", "The operating system"),
        ],
        "name",
        build.validate(),
    );
    if errors.is_empty() {
        Ok(build)
    } else {
        Err(errors)
    }
}

impl OrderForm for Llamalink {
    type Offer = Offer;
    const PROVIDER: ProviderId = ProviderId::Llamalink;
    const LOADING: &'static str = "Loading plans, systems and your saved card from LlamaLink…";
    const SUBMIT: &'static str = "Order and charge my card";

    async fn load(session: Rc<AppSession>) -> Result<Offer, ProviderError> {
        let (plans, os, cards) = futures::join!(
            session.llamalink(|a| Ok(a.vps_plans())),
            session.llamalink(|a| Ok(a.os_templates())),
            session.llamalink(|a| Ok(a.saved_cards())),
        );
        Ok(Offer {
            plans: plans?,
            os: os?.items.into_iter().filter(|o| o.enabled).collect(),
            cards: cards?,
        })
    }

    fn steps(offer: &Offer) -> Vec<Step> {
        let mut plans: Vec<(String, String)> = offer
            .plans
            .items
            .iter()
            .map(|p| {
                let price = p
                    .price
                    .map(|m| format!(" · {m:.2} {}/month", p.currency))
                    .unwrap_or_default();
                (
                    p.id.clone(),
                    format!(
                        "{} · {} vCPU, {} GB RAM, {} GB disk{price}",
                        p.name, p.cpu_cores, p.ram_gb, p.storage_gb
                    ),
                )
            })
            .collect();
        if offer.custom_open() {
            plans.push((
                CUSTOM.into(),
                "Custom build: choose CPU, memory and disk".into(),
            ));
        }
        let pricing = offer.pricing();
        let os: Vec<(String, String)> = offer
            .os
            .iter()
            .map(|o| (o.id.clone(), o.label.clone()))
            .collect();
        let custom = |f: Field| f.shown_when(custom_chosen);
        vec![
            Step {
                title: "Plan",
                note: (!offer.plans.shop_purchases_enabled)
                    .then(|| "LlamaLink's shop is closed for new plans just now; a custom build may still be ordered.".into()),
                fields: vec![
                    Field::select("plan", "Plan", plans),
                    custom(Field::new("name", "Server name", FieldKind::Text { placeholder: "web-1" }).hint(
                        "Up to 63 letters, digits, “-” or “.”",
                    )),
                    custom(Field::select(
                        "cpu-type",
                        "CPU family",
                        vec![
                            ("xeonE5".into(), format!("Xeon E5 · {} {CURRENCY} per core", pricing.xeon_e5_per_core)),
                            ("xeonGold".into(), format!("Xeon Gold · {} {CURRENCY} per core", pricing.xeon_gold_per_core)),
                        ],
                    ))
                    .initial("xeonE5"),
                    custom(Field::new("cpu-cores", "CPU cores (1–64)", FieldKind::Number)).initial("2"),
                    custom(Field::new("ram", "Memory, GB (1–512)", FieldKind::Number)).initial("4"),
                    custom(Field::select(
                        "storage-type",
                        "Disk type",
                        vec![
                            ("ssd".into(), format!("SSD · {} {CURRENCY} per GB", pricing.ssd_per_gb)),
                            ("hdd".into(), format!("HDD · {} {CURRENCY} per GB", pricing.hdd_per_gb)),
                        ],
                    ))
                    .initial("ssd"),
                    custom(Field::new("storage", "Disk, GB (10–4000)", FieldKind::Number))
                        .initial("50")
                        .hint("Windows needs at least 32 GB."),
                    custom(Field::new("ipv4", "IPv4 addresses (0–16)", FieldKind::Number))
                        .initial("1")
                        .hint(format!("{} {CURRENCY} each per month", pricing.ipv4_each)),
                ],
            },
            Step {
                title: "Operating system",
                note: None,
                fields: vec![Field::select("os", "Operating system", os)],
            },
        ]
    }

    fn price(offer: &Offer, values: &Values) -> Option<Result<String, String>> {
        let plan = value(values, "plan");
        if plan == CUSTOM {
            return Some(match build(values) {
                Ok(b) => Ok(format!(
                    "{:.2} {CURRENCY} per month",
                    b.price(&offer.pricing())
                )),
                Err(errors) => Err(format!(
                    "No price yet: {}",
                    errors.into_values().next().unwrap_or_default()
                )),
            });
        }
        let p = offer.plans.items.iter().find(|p| p.id == plan)?;
        Some(
            p.price
                .map(|m| format!("{m:.2} {} per month", p.currency))
                .ok_or_else(|| "LlamaLink lists no price for this plan.".to_string()),
        )
    }

    fn terms(offer: &Offer) -> String {
        match offer.cards.first() {
            Some(c) => format!(
                "Charged monthly to your saved {} card •••• {} (expires {:02}/{}). The server is set up as soon as the first charge goes through.",
                c.brand, c.last4dig, c.exp_month, c.exp_year
            ),
            None => "LlamaLink charges a saved card, and this account has none: add a card in LlamaLink's billing page, then reload this form.".into(),
        }
    }

    fn check(offer: &Offer, values: &Values) -> Result<Checked, Errors> {
        let mut errors = Errors::new();
        let plan = required(
            values,
            &mut errors,
            "plan",
            "Choose a plan or a custom build.",
        );
        let os = required(values, &mut errors, "os", "Choose an operating system.");
        if offer.cards.is_empty() {
            errors.insert(
                PAYMENT,
                "LlamaLink has no saved card for this account: add one in LlamaLink's billing page first (orders are charged to it).".into(),
            );
        }
        let request = match (plan.as_deref(), &os) {
            (Some(CUSTOM), _) => match build(values) {
                Ok(b) => Some(OrderRequest::LlamalinkCustom(b)),
                Err(found) => {
                    for (k, v) in found {
                        errors.entry(k).or_insert(v);
                    }
                    None
                }
            },
            (Some(plan_id), Some(os)) => Some(OrderRequest::LlamalinkPlan {
                plan_id: plan_id.to_string(),
                os: os.clone(),
            }),
            _ => None,
        };
        match request {
            Some(request) if errors.is_empty() => {
                let summary = summary(offer, &request);
                Ok(Checked { request, summary })
            }
            _ => Err(errors),
        }
    }
}

/// `Llama Spark · Ubuntu 22.04` or `Custom web-1 · 4 × Xeon Gold, 8 GB, 100 GB SSD · Debian 12`.
fn summary(offer: &Offer, request: &OrderRequest) -> String {
    match request {
        OrderRequest::LlamalinkPlan { plan_id, os } => {
            let plan = offer
                .plans
                .items
                .iter()
                .find(|p| &p.id == plan_id)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| plan_id.clone());
            format!("{plan} · {}", offer.os_label(os))
        }
        OrderRequest::LlamalinkCustom(b) => {
            let cpu = match b.cpu_type {
                CpuType::XeonE5 => "Xeon E5",
                CpuType::XeonGold => "Xeon Gold",
            };
            let disk = match b.storage_type {
                StorageType::Ssd => "SSD",
                StorageType::Hdd => "HDD",
            };
            format!(
                "Custom {} · {} × {cpu}, {} GB, {} GB {disk}, {} IPv4 · {}",
                b.name,
                b.cpu_cores,
                b.ram_gb,
                b.storage_gb,
                b.ipv4,
                offer.os_label(&b.os)
            )
        }
        _ => String::new(),
    }
}
