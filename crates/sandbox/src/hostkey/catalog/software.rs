//! Marketplace software (`software.php`): the document's 3X-UI (#26) and
//! Minecraft (#65) plus the ids its examples cite (WordPress #20, Grafana #18,
//! Odoo #49, which does not run on Ubuntu 22.04). The `os` tag's value is an
//! array of OS id strings, as in the document.

use super::Kind;
use serde_json::{json, Value};

/// One installable application.
pub(in crate::hostkey) struct Software {
    pub id: u64,
    pub name: &'static str,
    pub description: &'static str,
    pub task: &'static str,
    pub platforms: &'static [&'static str],
    pub group: &'static str,
    pub family_order: &'static str,
    /// Compatible OS ids, as strings (duplicates kept as the document has them).
    pub os: &'static [&'static str],
    pub os_label: &'static str,
    pub min_cpu: u32,
    pub min_ram: u32,
    pub docs: &'static str,
}

/// The catalogue.
pub(in crate::hostkey) const SOFTWARE: &[Software] = &[
    Software {
        id: 18,
        name: "Grafana",
        description: "Grafana is an open observability platform for metrics, logs and traces with rich dashboards.",
        task: "invapi_external_grafana_install.dsl",
        platforms: &["vm", "bm"],
        group: "Monitoring",
        family_order: "90",
        os: &["160", "180", "183", "187", "205", "219"],
        os_label: "U20.4, U22.4, D11, D12, RL8, RL9",
        min_cpu: 1,
        min_ram: 1,
        docs: "https://url.hostkey.com/Grafana",
    },
    Software {
        id: 20,
        name: "WordPress",
        description: "WordPress is the most popular CMS for blogs and company websites.",
        task: "invapi_external_wordpress_install.dsl",
        platforms: &["vm", "bm"],
        group: "CMS",
        family_order: "20",
        os: &["160", "180", "187", "219"],
        os_label: "U20.4, U22.4, D11, D12",
        min_cpu: 1,
        min_ram: 1,
        docs: "https://url.hostkey.com/WordPress",
    },
    Software {
        id: 26,
        name: "3X-UI + Shadowsocks/Xray/V2ray VPN server",
        description: "3X-UI provides a graphical user interface for managing a private VPN server with Shadowsocks, V2ray, Xray, Trojan and other popular protocols.",
        task: "invapi_external_3x_vpn_ui_install.dsl",
        platforms: &["vm", "bm", "vgpu", "gpu"],
        group: "VPN servers",
        family_order: "120",
        os: &["160", "183", "184", "157", "180", "144", "187", "193"],
        os_label: "U20.4, U22.4, RL8, AL8, D10, D11",
        min_cpu: 1,
        min_ram: 1,
        docs: "https://url.hostkey.com/3x-ui",
    },
    Software {
        id: 49,
        name: "Odoo",
        description: "Odoo is a suite of open-source business apps: CRM, e-commerce, accounting, inventory and more.",
        task: "invapi_external_odoo_install.dsl",
        platforms: &["vm", "bm"],
        group: "Business",
        family_order: "60",
        os: &["160", "180", "219"],
        os_label: "U20.4, D11, D12",
        min_cpu: 2,
        min_ram: 2,
        docs: "https://url.hostkey.com/Odoo",
    },
    Software {
        id: 65,
        name: "Minecraft: Java Edition Server",
        description: "Minecraft: Java Edition Server is a player-owned or business-owned multiplayer game server software.",
        task: "invapi_external_minecraft_server_install.dsl",
        platforms: &["vm", "bm", "vgpu"],
        group: "Games",
        family_order: "31",
        os: &["180", "219", "219", "160", "187", "217"],
        os_label: "D11,12 U20,22,23",
        min_cpu: 1,
        min_ram: 1,
        docs: "https://url.hostkey.com/Minecraft",
    },
];

/// The application with this id.
pub(in crate::hostkey) fn find(id: u64) -> Option<&'static Software> {
    SOFTWARE.iter().find(|s| s.id == id)
}

impl Software {
    /// True when it runs on `kind` with `cpu` cores and `ram` GB.
    pub fn fits(&self, kind: Kind, cpu: u32, ram: u32) -> bool {
        self.platforms.contains(&kind.tag()) && cpu >= self.min_cpu && ram >= self.min_ram
    }

    /// True when it installs on OS `os_id`.
    pub fn supports(&self, os_id: u64) -> bool {
        self.os.iter().any(|o| o.parse() == Ok(os_id))
    }

    /// The application as software/list prints it.
    pub fn json(&self) -> Value {
        let mut tags: Vec<(&str, Value, String, u8)> = self
            .platforms
            .iter()
            .map(|p| (*p, json!("1"), String::new(), 1))
            .collect();
        tags.extend([
            ("group", json!(self.group), String::new(), 0),
            ("task", json!(self.task), String::new(), 1),
            (
                "family",
                json!(self.group),
                self.family_order.to_string(),
                0,
            ),
            ("os", json!(self.os), self.os_label.to_string(), 0),
            ("min_cpu", json!(self.min_cpu.to_string()), String::new(), 0),
            ("min_ram", json!(self.min_ram.to_string()), String::new(), 0),
            ("docs_en", json!(""), self.docs.to_string(), 0),
            ("timeout", json!("600"), String::new(), 1),
        ]);
        let tags: Vec<Value> = tags
            .into_iter()
            .enumerate()
            .map(|(i, (tag, value, extra, internal))| {
                json!({
                    "id": 325_472 + self.id * 100 + i as u64,
                    "tag": tag,
                    "value": value,
                    "extra": extra,
                    "component_id": self.id,
                    "component": "software",
                    "internal": internal,
                })
            })
            .collect();
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "price": 0,
            "active": 1,
            "icon": "",
            "task": self.task,
            "tags": tags,
        })
    }
}
