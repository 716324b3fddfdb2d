//! Operating systems (`os.php`): the document's RockyLinux 8 and Windows
//! Server 2022 VM entries plus the ids its examples cite (Ubuntu 22.04 = 187,
//! Debian 11 = 180, RockyLinux 9 = 205, …), with compatibility tags and
//! per-core licence prices.

use super::Kind;
use serde_json::{json, Value};

/// One operating system.
pub(in crate::hostkey) struct Os {
    pub id: u64,
    pub name: &'static str,
    pub active: bool,
    pub description: &'static str,
    /// Platforms it installs on (`bm`, `gpu`, `vgpu`, `vm`).
    pub platforms: &'static [&'static str],
    pub family: &'static str,
    pub family_order: &'static str,
    pub min_ram: Option<u32>,
    pub min_hdd: Option<u32>,
    /// Licence price per core per month (EUR), for paid systems.
    pub per_core_eur: Option<i64>,
    pub user_name: &'static str,
    pub short_name: Option<&'static str>,
}

const EVERYWHERE: &[&str] = &["bm", "gpu", "vgpu", "vm"];

const fn linux(id: u64, name: &'static str, family: &'static str, order: &'static str) -> Os {
    Os {
        id,
        name,
        active: true,
        description: "",
        platforms: EVERYWHERE,
        family,
        family_order: order,
        min_ram: None,
        min_hdd: None,
        per_core_eur: None,
        user_name: "root",
        short_name: None,
    }
}

/// The catalogue.
pub(in crate::hostkey) const SYSTEMS: &[Os] = &[
    linux(144, "CentOS 7", "CentOS", "40"),
    linux(157, "Debian 10", "Debian", "20"),
    linux(160, "Ubuntu 20.04", "Ubuntu", "10"),
    linux(180, "Debian 11", "Debian", "20"),
    linux(183, "RockyLinux 8", "RockyLinux", "50"),
    linux(184, "AlmaLinux 8", "AlmaLinux", "60"),
    linux(187, "Ubuntu 22.04", "Ubuntu", "10"),
    linux(193, "AlmaLinux 9", "AlmaLinux", "60"),
    Os {
        id: 202,
        name: "Windows Server 2022 VM",
        active: false,
        description: "WS22 DC for VMs",
        platforms: &["vm"],
        family: "Windows Server",
        family_order: "70",
        min_ram: Some(4),
        min_hdd: Some(32),
        per_core_eur: Some(2),
        user_name: "Administrator",
        short_name: Some("WS 2022 for VPS"),
    },
    linux(205, "RockyLinux 9", "RockyLinux", "50"),
    Os {
        id: 206,
        name: "Windows Server 2022 Standard",
        active: true,
        description: "WS22 Standard for VMs and dedicated servers",
        platforms: &["bm", "gpu", "vm"],
        family: "Windows Server",
        family_order: "70",
        min_ram: Some(4),
        min_hdd: Some(40),
        per_core_eur: Some(3),
        user_name: "Administrator",
        short_name: Some("WS 2022 Std"),
    },
    linux(217, "Ubuntu 23.04", "Ubuntu", "10"),
    linux(219, "Debian 12", "Debian", "20"),
];

/// The system with this id.
pub(in crate::hostkey) fn find(id: u64) -> Option<&'static Os> {
    SYSTEMS.iter().find(|o| o.id == id)
}

impl Os {
    /// True when it installs on `kind` with `ram`/`hdd` GB.
    pub fn fits(&self, kind: Kind, ram: u32, hdd: u32) -> bool {
        self.platforms.contains(&kind.tag())
            && self.min_ram.is_none_or(|m| ram >= m)
            && self.min_hdd.is_none_or(|m| hdd >= m)
    }

    /// Monthly licence price in cents for `cores` cores (0 when free).
    pub fn monthly_cents(&self, cores: u32) -> i64 {
        self.per_core_eur.map_or(0, |p| p * 100 * i64::from(cores))
    }

    /// The system as os/list prints it, priced for `cores` cores.
    pub fn json(&self, cores: u32) -> Value {
        let mut tags: Vec<(&str, String, &str)> = self
            .platforms
            .iter()
            .map(|p| (*p, "true".to_string(), ""))
            .collect();
        for (tag, value) in [("min_ram", self.min_ram), ("min_hdd", self.min_hdd)] {
            if let Some(v) = value {
                tags.push((tag, v.to_string(), ""));
            }
        }
        if let Some(price) = self.per_core_eur {
            tags.push(("price_per_core_EUR", price.to_string(), ""));
        }
        if self.user_name != "root" {
            tags.push(("user_name", self.user_name.to_string(), ""));
        }
        tags.push(("family", self.family.to_string(), self.family_order));
        if let Some(short) = self.short_name {
            tags.push(("short_name", short.to_string(), ""));
        }
        if self.per_core_eur.is_none() {
            tags.push(("vds", String::new(), ""));
        }
        let tags: Vec<Value> = tags
            .into_iter()
            .enumerate()
            .map(|(i, (tag, value, extra))| {
                json!({
                    "id": 78_797 + self.id * 40 + i as u64,
                    "tag": tag,
                    "value": value,
                    "extra": extra,
                    "component_id": self.id,
                    "component": "OS",
                    "internal": 0,
                })
            })
            .collect();
        let mut out = json!({
            "id": self.id,
            "name": self.name,
            "api_enabled": 0,
            "type_login": 1,
            "pxe_os_id": null,
            "active": i32::from(self.active),
            "description": self.description,
            "tags": tags,
        });
        if self.per_core_eur.is_some() {
            let month = self.monthly_cents(cores) / 100;
            out["price_EUR"] = json!(month);
            out["billing_plan"] =
                json!({ "EUR": { "1": month, "3": month * 3, "6": month * 6, "12": month * 12 } });
        }
        out
    }
}
