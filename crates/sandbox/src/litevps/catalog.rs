//! LiteVPS's public catalogues: plans with hourly prices (`GET /api/pricing`),
//! templates (`GET /api/templates`), the agent manifest and the health check.

use crate::fleet::uuid;
use serde_json::{json, Value};

/// A priced plan.
#[derive(Debug, Clone)]
pub(super) struct Plan {
    pub(super) id: String,
    pub(super) name: &'static str,
    pub(super) vcpu: u64,
    pub(super) memory_mb: u64,
    pub(super) disk_gb: u64,
    pub(super) price_hourly: f64,
}

/// A named set of create defaults.
#[derive(Debug, Clone)]
pub(super) struct Template {
    pub(super) name: &'static str,
    pub(super) vcpu: u64,
    pub(super) memory_mb: u64,
    pub(super) disk_gb: u64,
    pub(super) user_data: Option<&'static str>,
    pub(super) ttl_minutes: Option<u64>,
    pub(super) plan_id: String,
}

/// Plans and templates, with ids drawn from the sandbox seed.
#[derive(Debug, Clone)]
pub(super) struct Catalog {
    pub(super) plans: Vec<Plan>,
    pub(super) templates: Vec<Template>,
}

/// (name, vCPU, memory MB, disk GB, USD per hour); Nano is the document's
/// example and XL's price is the document's 402 `required`.
const PLANS: [(&str, u64, u64, u64, f64); 6] = [
    ("Nano", 1, 512, 10, 0.0042),
    ("Micro", 1, 1_024, 20, 0.0083),
    ("Small", 2, 2_048, 40, 0.0208),
    ("Medium", 2, 4_096, 80, 0.0417),
    ("Large", 4, 8_192, 160, 0.0833),
    ("XL", 8, 16_384, 320, 0.1667),
];

/// (template, plan index, user data, TTL minutes); resources come from the plan.
const TEMPLATES: [(&str, usize, Option<&str>, Option<u64>); 4] = [
    ("ubuntu-22-small", 1, None, None),
    ("debian-12-nano", 0, None, None),
    ("ubuntu-24-medium", 3, None, None),
    (
        "ci-runner-ephemeral",
        2,
        Some("#cloud-config\npackages:\n  - docker.io\n  - git\n"),
        Some(60),
    ),
];

impl Catalog {
    /// The catalogue with ids from `rng`.
    pub(super) fn new(rng: &mut fastrand::Rng) -> Self {
        let plans: Vec<Plan> = PLANS
            .iter()
            .map(|&(name, vcpu, memory_mb, disk_gb, price_hourly)| Plan {
                id: uuid(rng),
                name,
                vcpu,
                memory_mb,
                disk_gb,
                price_hourly,
            })
            .collect();
        let templates = TEMPLATES
            .iter()
            .filter_map(|&(name, plan, user_data, ttl_minutes)| {
                let plan = plans.get(plan)?;
                Some(Template {
                    name,
                    vcpu: plan.vcpu,
                    memory_mb: plan.memory_mb,
                    disk_gb: plan.disk_gb,
                    user_data,
                    ttl_minutes,
                    plan_id: plan.id.clone(),
                })
            })
            .collect();
        Self { plans, templates }
    }

    /// The plan `id`.
    pub(super) fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The template `name`.
    pub(super) fn template(&self, name: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.name == name)
    }

    /// `GET /api/pricing`.
    pub(super) fn pricing_json(&self) -> Value {
        self.plans
            .iter()
            .map(|p| {
                json!({
                    "id": p.id, "name": p.name, "vcpu": p.vcpu, "memory_mb": p.memory_mb,
                    "disk_gb": p.disk_gb, "price_hourly": p.price_hourly,
                })
            })
            .collect()
    }

    /// `GET /api/templates`.
    pub(super) fn templates_json(&self) -> Value {
        self.templates
            .iter()
            .map(|t| {
                json!({
                    "name": t.name, "vcpu": t.vcpu, "memory_mb": t.memory_mb, "disk_gb": t.disk_gb,
                    "user_data": t.user_data, "ttl_minutes": t.ttl_minutes, "plan_id": t.plan_id,
                })
            })
            .collect()
    }
}

/// `GET /.well-known/agent.json`.
pub(super) fn agent_json() -> Value {
    json!({
        "name": "LiteVPS",
        "description": "Prepaid VPS for agents: create, exec, files, snapshots and batch operations over a JSON API.",
        "api_base": "https://api.litevps.dev/api",
        "openapi": "https://api.litevps.dev/api/openapi.json",
        "auth": { "type": "bearer", "login": "/api/auth/login" },
    })
}
