//! Instant-server presets (`presets.php`): the document's vm.pico, bm.v1-mini
//! and vgpu.v1-mini plus a few more sizes, in the two shapes the document
//! shows (the first items detailed with prices and full tags, later ones bare).

use super::{Kind, LOCATIONS};
use serde_json::{json, Value};

/// Bare-metal details behind a preset.
pub(in crate::hostkey) struct Metal {
    pub cpu_name: &'static str,
    pub cpu_type: &'static str,
    pub cpu_frq: &'static str,
    pub board: &'static str,
    pub ram_type: &'static str,
    pub ipmi: &'static str,
}

/// One preset.
pub(in crate::hostkey) struct Preset {
    pub id: u64,
    pub name: &'static str,
    pub monthly_eur: i64,
    pub description: &'static str,
    pub cpu: u32,
    pub ram: u32,
    pub hdd: u32,
    /// The document prints `hdd` as a string for some presets.
    pub hdd_as_text: bool,
    pub gpu: &'static str,
    pub locations: &'static [&'static str],
    pub kind: Kind,
    pub available: u32,
    /// Printed with `price`, `server_type` and full tag objects.
    pub detailed: bool,
    pub disk: &'static str,
    pub metal: Option<Metal>,
}

const ALL: &[&str] = &["NL", "US", "FI", "DE", "IS", "TR", "UK"];

/// The catalogue.
pub(in crate::hostkey) const PRESETS: &[Preset] = &[
    Preset {
        id: 108,
        name: "vm.pico",
        monthly_eur: 3,
        description: "VM instance 1/1/15 SSD",
        cpu: 1,
        ram: 1,
        hdd: 15,
        hdd_as_text: true,
        gpu: "",
        locations: ALL,
        kind: Kind::Vm,
        available: 184,
        detailed: true,
        disk: "SSD",
        metal: None,
    },
    Preset {
        id: 109,
        name: "vm.nano",
        monthly_eur: 4,
        description: "VM instance 1/2/30 SSD",
        cpu: 1,
        ram: 2,
        hdd: 30,
        hdd_as_text: true,
        gpu: "",
        locations: ALL,
        kind: Kind::Vm,
        available: 143,
        detailed: true,
        disk: "SSD",
        metal: None,
    },
    Preset {
        id: 110,
        name: "vm.mini",
        monthly_eur: 5,
        description: "VM instance 4/4/60 SSD",
        cpu: 4,
        ram: 4,
        hdd: 60,
        hdd_as_text: true,
        gpu: "",
        locations: ALL,
        kind: Kind::Vm,
        available: 97,
        detailed: true,
        disk: "SSD",
        metal: None,
    },
    Preset {
        id: 111,
        name: "vm.medium",
        monthly_eur: 12,
        description: "VM instance 4/8/120 SSD",
        cpu: 4,
        ram: 8,
        hdd: 120,
        hdd_as_text: false,
        gpu: "",
        locations: &["NL", "US", "FI", "DE", "IS"],
        kind: Kind::Vm,
        available: 61,
        detailed: true,
        disk: "SSD",
        metal: None,
    },
    Preset {
        id: 112,
        name: "vm.large",
        monthly_eur: 24,
        description: "VM instance 8/16/240 SSD",
        cpu: 8,
        ram: 16,
        hdd: 240,
        hdd_as_text: false,
        gpu: "",
        locations: &["NL", "US", "DE"],
        kind: Kind::Vm,
        available: 25,
        detailed: true,
        disk: "SSD",
        metal: None,
    },
    Preset {
        id: 15,
        name: "bm.v1-mini",
        monthly_eur: 35,
        description: "BM i3/8/240",
        cpu: 2,
        ram: 8,
        hdd: 240,
        hdd_as_text: false,
        gpu: "",
        locations: &["NL"],
        kind: Kind::Bm,
        available: 3,
        detailed: false,
        disk: "SSD",
        metal: Some(Metal {
            cpu_name: "Intel Core i3-4160 3.6GHz (2 cores)",
            cpu_type: "INTEL",
            cpu_frq: "3.6",
            board: "Supermicro X10SLL-F",
            ram_type: "ddr3",
            ipmi: "supermicro",
        }),
    },
    Preset {
        id: 17,
        name: "bm.v2-ryzen",
        monthly_eur: 79,
        description: "BM Ryzen 5 3600/64/1000 NVMe",
        cpu: 6,
        ram: 64,
        hdd: 1000,
        hdd_as_text: false,
        gpu: "",
        locations: &["NL", "FI", "DE"],
        kind: Kind::Bm,
        available: 7,
        detailed: false,
        disk: "NVMe SSD",
        metal: Some(Metal {
            cpu_name: "AMD Ryzen 5 3600 3.6GHz (6 cores)",
            cpu_type: "AMD-MODERN",
            cpu_frq: "3.6",
            board: "ASRock X470D4U",
            ram_type: "ddr4",
            ipmi: "ami_bmc",
        }),
    },
    Preset {
        id: 8,
        name: "vgpu.v1-mini",
        monthly_eur: 157,
        description: "vGPU 4/16/240 + 1080",
        cpu: 4,
        ram: 16,
        hdd: 240,
        hdd_as_text: false,
        gpu: "1xGTX1080",
        locations: &["NL"],
        kind: Kind::Vgpu,
        available: 1,
        detailed: false,
        disk: "SSD",
        metal: None,
    },
    Preset {
        id: 23,
        name: "gpu.v1-a4000",
        monthly_eur: 290,
        description: "BM Xeon E-2288G/64/960 + RTX A4000",
        cpu: 8,
        ram: 64,
        hdd: 960,
        hdd_as_text: false,
        gpu: "1xRTX A4000",
        locations: &["NL", "FI"],
        kind: Kind::Gpu,
        available: 2,
        detailed: false,
        disk: "SSD",
        metal: Some(Metal {
            cpu_name: "Xeon E-2288G 3.7GHz (8 cores)",
            cpu_type: "INTEL",
            cpu_frq: "3.7",
            board: "Supermicro X11SCA-F",
            ram_type: "ddr4ecc",
            ipmi: "supermicro",
        }),
    },
];

/// The preset with this id or name.
pub(in crate::hostkey) fn find(key: &str) -> Option<&'static Preset> {
    PRESETS
        .iter()
        .find(|p| p.name == key || p.id.to_string() == key)
}

impl Preset {
    /// The preset as presets/list prints it.
    pub fn json(&self, available: u32) -> Value {
        let hdd = if self.hdd_as_text {
            json!(self.hdd.to_string())
        } else {
            json!(self.hdd)
        };
        let mut out = json!({
            "id": self.id,
            "name": self.name,
            "active": 1,
            "monthly_com": self.monthly_eur,
            "description": self.description,
            "cpu": self.cpu,
            "ram": self.ram,
            "hdd": hdd,
            "gpu": self.gpu,
            "locations": self.locations.join(","),
            "virtual": i32::from(self.kind.is_virtual()),
            "available": available,
            "tags": self.tags(),
        });
        if self.detailed {
            let price: serde_json::Map<String, Value> = self
                .locations
                .iter()
                .map(|l| (l.to_string(), json!({ "USD": -1, "EUR": self.monthly_eur })))
                .collect();
            out["price"] = Value::Object(price);
            out["server_type"] = json!(self.kind.server_type());
        }
        out
    }

    fn tags(&self) -> Vec<Value> {
        if !self.detailed {
            let mut tags = vec![
                json!({ "id": 7000 + self.id * 10, "tag": self.kind.tag(), "value": "true", "extra": "", "internal": 1 }),
            ];
            if matches!(self.kind, Kind::Vgpu | Kind::Gpu) {
                tags.insert(0, json!({ "id": 7001 + self.id * 10, "tag": "gpu", "value": "1", "extra": "", "internal": 1 }));
            }
            return tags;
        }
        let row = |tag: &str, value: &str, extra: &str, internal: u8| {
            (
                tag.to_string(),
                value.to_string(),
                extra.to_string(),
                internal,
            )
        };
        let storage = format!("{}GB {}", self.hdd, self.disk);
        let score = (492 * self.cpu).to_string();
        let mut rows = vec![
            row("stock", "10", "", 0),
            row("web_group", "General", "vm", 0),
            row("web_hdd", self.disk, "", 0),
            row("web_storage", "true", &storage, 0),
            row("web_geekbench_score_max", "11121", "", 0),
            row("pre_order", "true", "TR", 0),
            row("no_increase", "", "", 0),
            row("vm", "true", "", 1),
            row("compute", "1", "", 1),
            row("web_ghz", "2.6", "", 1),
            row(
                "web_addinfo",
                "true",
                "param1=Delivery ETA: from 2-5 minutes param2=Upgrade: No",
                1,
            ),
            row("web_geekbench_score", &score, "Performance", 1),
        ];
        for (i, (code, _)) in LOCATIONS.iter().enumerate() {
            if self.locations.contains(code) {
                let pid = 3201 + self.id.saturating_sub(108) * 40 + 2 * i as u64;
                rows.push(row(
                    &format!("pid_{}", code.to_lowercase()),
                    &pid.to_string(),
                    "",
                    1,
                ));
            }
        }
        rows.into_iter()
            .enumerate()
            .map(|(i, (tag, value, extra, internal))| {
                json!({
                    "id": 312_305 + self.id * 100 + i as u64,
                    "component": "presets",
                    "component_id": self.id,
                    "tag": tag,
                    "value": value,
                    "extra": extra,
                    "internal": internal,
                })
            })
            .collect()
    }
}
