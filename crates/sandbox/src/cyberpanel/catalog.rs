//! The catalogues the document lists: plans (its Starter and Basic plus the
//! larger sizes), locations (`la`, `de` and `eu`), the seven OS templates and
//! the permission scopes `GET /scopes` returns.

use super::money::{self, Amount, DOLLAR};
use serde_json::{json, Value};

/// A VPS plan.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Plan {
    /// Plan id (`plan_id` in create requests).
    pub id: u64,
    /// Display name.
    pub name: &'static str,
    /// vCPU cores.
    pub cpu_cores: u32,
    /// Memory in MiB.
    pub ram_mb: u64,
    /// Disk in GB.
    pub disk_gb: u32,
    /// Monthly transfer in GB.
    pub bandwidth_gb: u32,
    /// Price per month.
    pub monthly: Amount,
}

/// Every plan on sale.
pub(super) const PLANS: [Plan; 6] = [
    plan(1, "Starter", 1, 1024, 25, 1000, 6),
    plan(2, "Basic", 2, 2048, 50, 2000, 12),
    plan(3, "Standard", 2, 4096, 80, 3000, 24),
    plan(4, "Professional", 4, 8192, 160, 4000, 48),
    plan(5, "Business", 8, 16384, 320, 5000, 96),
    plan(6, "Enterprise", 16, 32768, 640, 10000, 192),
];

const fn plan(
    id: u64,
    name: &'static str,
    cpu_cores: u32,
    ram_mb: u64,
    disk_gb: u32,
    bandwidth_gb: u32,
    dollars: Amount,
) -> Plan {
    Plan {
        id,
        name,
        cpu_cores,
        ram_mb,
        disk_gb,
        bandwidth_gb,
        monthly: dollars * DOLLAR,
    }
}

impl Plan {
    /// The plan with `id`.
    pub fn find(id: u64) -> Option<&'static Plan> {
        PLANS.iter().find(|p| p.id == id)
    }

    /// What one hour of a running VPS on this plan costs.
    pub fn hourly(&self) -> Amount {
        money::hourly(self.monthly)
    }

    /// Memory in bytes.
    pub fn ram_bytes(&self) -> u64 {
        self.ram_mb * 1024 * 1024
    }

    /// The plan as `GET /vps/plans` lists it.
    pub fn listing(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "cpu_cores": self.cpu_cores,
            "ram_mb": self.ram_mb,
            "disk_gb": self.disk_gb,
            "bandwidth_gb": self.bandwidth_gb,
            "monthly_price": money::two(self.monthly),
            "price_hourly": money::four(self.hourly()),
        })
    }

    /// The plan as a VPS's details show it.
    pub fn detail(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "cpu_cores": self.cpu_cores,
            "ram_mb": self.ram_mb,
            "disk_gb": self.disk_gb,
            "bandwidth_gb": self.bandwidth_gb,
            "price": money::two(self.monthly),
        })
    }
}

/// A data centre.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Location {
    /// `location_code`.
    pub code: &'static str,
    /// Display name.
    pub name: &'static str,
    /// ISO country code.
    pub country: &'static str,
    /// The Proxmox node's host name.
    pub host: &'static str,
    /// Free addresses at start.
    pub available_ips: u32,
    /// The IPv4 /24 (documentation range) addresses come from.
    pub ipv4_prefix: &'static str,
    /// The first host number handed out in that /24.
    pub first_host: u32,
}

/// Every location.
pub(super) const LOCATIONS: [Location; 3] = [
    Location {
        code: "la",
        name: "Los Angeles, USA",
        country: "US",
        host: "lax-power.cyberpersons.com",
        available_ips: 15,
        ipv4_prefix: "198.51.100",
        first_host: 145,
    },
    Location {
        code: "de",
        name: "Falkenstein, Germany",
        country: "DE",
        host: "fsn-power.cyberpersons.com",
        available_ips: 8,
        ipv4_prefix: "203.0.113",
        first_host: 20,
    },
    Location {
        code: "eu",
        name: "Amsterdam, Netherlands",
        country: "NL",
        host: "ams-power.cyberpersons.com",
        available_ips: 12,
        ipv4_prefix: "192.0.2",
        first_host: 30,
    },
];

impl Location {
    /// The index of the location with `code`.
    pub fn index_of(code: &str) -> Option<usize> {
        LOCATIONS.iter().position(|l| l.code == code)
    }

    /// The Proxmox node name (`lax-power`).
    pub fn node(&self) -> &'static str {
        self.host.split('.').next().unwrap_or(self.host)
    }
}

/// An OS template: id, name, OS, description.
pub(super) type Template = (&'static str, &'static str, &'static str, &'static str);

/// The templates, exactly as the document lists them.
pub(super) const TEMPLATES: [Template; 7] = [
    (
        "101",
        "CyberPanel",
        "AlmaLinux 8",
        "CyberPanel pre-installed with OpenLiteSpeed",
    ),
    (
        "9000",
        "Ubuntu 22.04",
        "Ubuntu 22.04 LTS",
        "Clean Ubuntu 22.04 LTS installation",
    ),
    (
        "9022",
        "Ubuntu 24.04",
        "Ubuntu 24.04 LTS",
        "Clean Ubuntu 24.04 LTS installation",
    ),
    (
        "9010",
        "Debian 12",
        "Debian 12",
        "Clean Debian 12 installation",
    ),
    (
        "9001",
        "AlmaLinux 8",
        "AlmaLinux 8",
        "Clean AlmaLinux 8 installation",
    ),
    (
        "9008",
        "AlmaLinux 9",
        "AlmaLinux 9",
        "Clean AlmaLinux 9 installation",
    ),
    (
        "9125",
        "Windows Server 2022",
        "Windows Server 2022",
        "Windows Server 2022 (requires $20 min balance)",
    ),
];

/// The Windows template, which needs a minimum balance.
pub(super) const WINDOWS_TEMPLATE: &str = "9125";

/// The balance the Windows template requires.
pub(super) const WINDOWS_MIN_BALANCE: Amount = 20 * DOLLAR;

/// The template with `id`, as its canonical static id.
pub(super) fn template(id: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|t| t.0 == id).map(|t| t.0)
}

/// The templates as `GET /vps/templates` lists them.
pub(super) fn templates_json() -> Value {
    let list: Vec<Value> = TEMPLATES
        .iter()
        .map(|(id, name, os, description)| {
            json!({ "id": id, "name": name, "os": os, "description": description })
        })
        .collect();
    json!({ "templates": list })
}

/// The scopes `GET /scopes` returns, as the document shows them.
pub(super) fn scopes_json() -> Value {
    const SCOPES: [(&str, &str); 7] = [
        ("vps:read", "VPS - Read"),
        ("vps:write", "VPS - Create/Modify"),
        ("vps:delete", "VPS - Delete"),
        ("billing:read", "Billing - Read"),
        ("billing:write", "Billing - Add Funds"),
        ("account:read", "Account - Read Info"),
        ("all", "Full Access - All Permissions"),
    ];
    let list: Vec<Value> = SCOPES
        .iter()
        .map(|(scope, description)| json!({ "scope": scope, "description": description }))
        .collect();
    json!({ "scopes": list })
}
