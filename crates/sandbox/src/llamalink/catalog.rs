//! LlamaLink's public catalogues: VPS shop plans, OS templates, website
//! plans, and the documented custom-server price formula (ILS per month).

use serde_json::{json, Value};

/// A VPS shop plan (`planId` in `POST /user/subscribe-vps`).
#[derive(Debug)]
pub(super) struct Plan {
    pub(super) id: &'static str,
    pub(super) name: &'static str,
    pub(super) price: f64,
    pub(super) cpus: u32,
    pub(super) ram_gb: u32,
    pub(super) storage_gb: u32,
}

/// The shop, starting with the document's example plan.
pub(super) const PLANS: [Plan; 4] = [
    Plan {
        id: "spark",
        name: "Llama Spark",
        price: 54.0,
        cpus: 2,
        ram_gb: 2,
        storage_gb: 50,
    },
    Plan {
        id: "business",
        name: "Llama Business",
        price: 89.0,
        cpus: 2,
        ram_gb: 4,
        storage_gb: 80,
    },
    Plan {
        id: "pro",
        name: "Llama Pro",
        price: 159.0,
        cpus: 4,
        ram_gb: 8,
        storage_gb: 160,
    },
    Plan {
        id: "ultra",
        name: "Llama Ultra",
        price: 289.0,
        cpus: 8,
        ram_gb: 16,
        storage_gb: 320,
    },
];

/// An OS template (`os` in both order bodies).
#[derive(Debug)]
pub(super) struct OsTemplate {
    pub(super) id: &'static str,
    pub(super) label: &'static str,
    pub(super) enabled: bool,
}

/// The OS list, starting with the document's two examples.
pub(super) const OS_TEMPLATES: [OsTemplate; 7] = [
    OsTemplate {
        id: "ubuntu-22",
        label: "Ubuntu 22.04",
        enabled: true,
    },
    OsTemplate {
        id: "windows-2022",
        label: "Windows Server 2022",
        enabled: true,
    },
    OsTemplate {
        id: "ubuntu-24",
        label: "Ubuntu 24.04",
        enabled: true,
    },
    OsTemplate {
        id: "debian-12",
        label: "Debian 12",
        enabled: true,
    },
    OsTemplate {
        id: "almalinux-9",
        label: "AlmaLinux 9",
        enabled: true,
    },
    OsTemplate {
        id: "windows-2019",
        label: "Windows Server 2019",
        enabled: true,
    },
    OsTemplate {
        id: "centos-7",
        label: "CentOS 7 (end of life)",
        enabled: false,
    },
];

/// A website hosting plan (`planId` in `POST /user/websites/new`).
#[derive(Debug)]
pub(super) struct WebsitePlan {
    pub(super) id: &'static str,
    pub(super) price: f64,
    pub(super) disk_limit_mb: u64,
}

/// Hosting plans; `business` carries the document's 10 GB limit.
pub(super) const WEBSITE_PLANS: [WebsitePlan; 3] = [
    WebsitePlan {
        id: "starter",
        price: 19.0,
        disk_limit_mb: 2_048,
    },
    WebsitePlan {
        id: "business",
        price: 39.0,
        disk_limit_mb: 10_240,
    },
    WebsitePlan {
        id: "pro",
        price: 79.0,
        disk_limit_mb: 51_200,
    },
];

/// PHP versions a website may run.
pub(super) const PHP_VERSIONS: [&str; 5] = ["7.4", "8.0", "8.1", "8.2", "8.3"];

/// Price per CPU core by `cpuType`.
pub(super) const CPU_PRICES: [(&str, f64); 2] = [("xeonE5", 15.6), ("xeonGold", 17.0)];
/// Price per GB by `storageType`.
pub(super) const STORAGE_PRICES: [(&str, f64); 2] = [("ssd", 1.5), ("hdd", 1.2)];
/// Price per GB of RAM.
pub(super) const RAM_PER_GB: f64 = 7.0;
/// Price per IPv4 address.
pub(super) const IPV4_EACH: f64 = 4.0;

/// The shop plan `id`.
pub(super) fn plan(id: &str) -> Option<&'static Plan> {
    PLANS.iter().find(|p| p.id == id)
}

/// The OS template `id`, if it exists and can be ordered.
pub(super) fn os(id: &str) -> Result<&'static OsTemplate, String> {
    match OS_TEMPLATES.iter().find(|t| t.id == id) {
        Some(t) if t.enabled => Ok(t),
        Some(t) => Err(format!("os {} is not available for new servers", t.id)),
        None => Err(format!(
            "os must be one of the ids from /platform/os-templates (got {id:?})"
        )),
    }
}

/// Windows templates need at least [`WINDOWS_MIN_GB`] of disk.
pub(super) fn is_windows(os: &OsTemplate) -> bool {
    os.id.starts_with("windows")
}

/// The smallest disk Windows installs on.
pub(super) const WINDOWS_MIN_GB: u32 = 32;

/// The document's monthly price for a custom server.
pub(super) fn custom_price(
    cpu_per_core: f64,
    cores: u32,
    ram_gb: u32,
    storage_per_gb: f64,
    storage_gb: u32,
    ipv4: u32,
) -> f64 {
    cpu_per_core * f64::from(cores)
        + RAM_PER_GB * f64::from(ram_gb)
        + storage_per_gb * f64::from(storage_gb)
        + IPV4_EACH * f64::from(ipv4)
}

/// `GET /platform/vps-plans`.
pub(super) fn plans_json() -> Value {
    let items: Vec<Value> = PLANS
        .iter()
        .map(|p| {
            json!({
                "id": p.id, "name": p.name, "price": p.price, "currency": "ILS",
                "cpuCores": p.cpus, "ramGB": p.ram_gb, "storageGB": p.storage_gb,
            })
        })
        .collect();
    let per = |table: &[(&str, f64)]| -> serde_json::Map<String, Value> {
        table
            .iter()
            .map(|(k, v)| (k.to_string(), json!(v)))
            .collect()
    };
    json!({
        "shopPurchasesEnabled": true,
        "items": items,
        "custom": {
            "available": true,
            "endpoint": "/user/custom-packages",
            "pricing": {
                "currency": "ILS",
                "ramPerGB": RAM_PER_GB,
                "cpuPerCore": per(&CPU_PRICES),
                "storagePerGB": per(&STORAGE_PRICES),
                "ipv4Each": IPV4_EACH,
            }
        }
    })
}

/// `GET /platform/os-templates`.
pub(super) fn templates_json() -> Value {
    let items: Vec<Value> = OS_TEMPLATES
        .iter()
        .map(|t| json!({ "id": t.id, "label": t.label, "enabled": t.enabled }))
        .collect();
    json!({ "items": items })
}
