//! Stock dedicated servers (`stocks.php`): the document's 40514 (Ryzen 9
//! 5950X, FI) and 44717 (2x Xeon E5-2680v2, FI) plus a few in other
//! locations. `tags` is an object keyed by tag name here, unlike elsewhere,
//! and the top-level `cpu_count` is a string.

use super::location_id;
use crate::hostkey::state::money_number;
use serde_json::{json, Value};

/// One stock server.
pub(in crate::hostkey) struct Stock {
    pub id: u64,
    pub name: &'static str,
    pub location: &'static str,
    pub motherboard: &'static str,
    pub cpu_name: &'static str,
    pub cpu_type: &'static str,
    pub cpu_count: u32,
    pub cpu_cores: u32,
    pub cpu_frq: &'static str,
    pub ram: u32,
    pub ram_type: &'static str,
    pub disk_name: &'static str,
    pub disk_count: u32,
    pub disk_size: u32,
    pub gpu_name: Option<&'static str>,
    pub gpu_count: u32,
    pub psu: &'static str,
    pub cpu_perf: u32,
    pub perflink: &'static str,
    pub ipmi: &'static str,
    pub hwraid: bool,
    pub no_autodeploy: bool,
    /// Monthly price in EUR cents.
    pub monthly_cents: i64,
}

/// The catalogue.
pub(in crate::hostkey) const STOCKS: &[Stock] = &[
    Stock {
        id: 40514,
        name: "40514",
        location: "FI",
        motherboard: "ASRock X570D4U",
        cpu_name: "AMD Ryzen 9 5950X 3.4GHz (16 cores)",
        cpu_type: "AMD-MODERN",
        cpu_count: 1,
        cpu_cores: 16,
        cpu_frq: "3.4",
        ram: 128,
        ram_type: "ddr4ecc",
        disk_name: "1Tb NVMe SSD",
        disk_count: 1,
        disk_size: 1024,
        gpu_name: None,
        gpu_count: 0,
        psu: "PSU",
        cpu_perf: 46719,
        perflink: "http://www.cpubenchmark.net/cpu_lookup.php?cpu=AMD+Ryzen+9+5950X&id=3862",
        ipmi: "ami_bmc",
        hwraid: false,
        no_autodeploy: false,
        monthly_cents: 11_500,
    },
    Stock {
        id: 44717,
        name: "44717 2U",
        location: "FI",
        motherboard: "DELL PE R720 MB (native)",
        cpu_name: "Xeon E5-2680v2 2.8GHz (10 cores)",
        cpu_type: "INTEL",
        cpu_count: 2,
        cpu_cores: 20,
        cpu_frq: "2.8",
        ram: 128,
        ram_type: "ddr3reg",
        disk_name: "960Gb SSD",
        disk_count: 1,
        disk_size: 960,
        gpu_name: None,
        gpu_count: 0,
        psu: "2xPSU",
        cpu_perf: 12615,
        perflink: "http://www.cpubenchmark.net/cpu_lookup.php?cpu=Intel+Xeon+E5-2680+v2+%40+2.80GHz&id=2061",
        ipmi: "dell_idrac9",
        hwraid: true,
        no_autodeploy: false,
        monthly_cents: 10_700,
    },
    Stock {
        id: 45102,
        name: "45102",
        location: "NL",
        motherboard: "Supermicro X11SCL-F",
        cpu_name: "Xeon E-2288G 3.7GHz (8 cores)",
        cpu_type: "INTEL",
        cpu_count: 1,
        cpu_cores: 8,
        cpu_frq: "3.7",
        ram: 64,
        ram_type: "ddr4ecc",
        disk_name: "2x960Gb SSD",
        disk_count: 2,
        disk_size: 960,
        gpu_name: None,
        gpu_count: 0,
        psu: "PSU",
        cpu_perf: 18732,
        perflink: "http://www.cpubenchmark.net/cpu_lookup.php?cpu=Intel+Xeon+E-2288G+%40+3.70GHz&id=3597",
        ipmi: "supermicro",
        hwraid: false,
        no_autodeploy: false,
        monthly_cents: 8_900,
    },
    Stock {
        id: 45230,
        name: "45230",
        location: "NL",
        motherboard: "ASRock B650D4U",
        cpu_name: "AMD Ryzen 9 7950X 4.5GHz (16 cores)",
        cpu_type: "AMD-MODERN",
        cpu_count: 1,
        cpu_cores: 16,
        cpu_frq: "4.5",
        ram: 128,
        ram_type: "ddr5ecc",
        disk_name: "2Tb NVMe SSD",
        disk_count: 1,
        disk_size: 2048,
        gpu_name: None,
        gpu_count: 0,
        psu: "PSU",
        cpu_perf: 62784,
        perflink: "http://www.cpubenchmark.net/cpu_lookup.php?cpu=AMD+Ryzen+9+7950X&id=5031",
        ipmi: "ami_bmc",
        hwraid: false,
        no_autodeploy: false,
        monthly_cents: 16_900,
    },
    Stock {
        id: 46010,
        name: "46010 GPU",
        location: "DE",
        motherboard: "Supermicro H12SSL-i",
        cpu_name: "AMD EPYC 7313 3.0GHz (16 cores)",
        cpu_type: "AMD",
        cpu_count: 1,
        cpu_cores: 16,
        cpu_frq: "3.0",
        ram: 256,
        ram_type: "ddr4ecc",
        disk_name: "2x1.92Tb NVMe SSD",
        disk_count: 2,
        disk_size: 1920,
        gpu_name: Some("RTX 4090"),
        gpu_count: 2,
        psu: "2xPSU",
        cpu_perf: 41254,
        perflink: "http://www.cpubenchmark.net/cpu_lookup.php?cpu=AMD+EPYC+7313&id=4253",
        ipmi: "supermicro",
        hwraid: false,
        no_autodeploy: false,
        monthly_cents: 89_000,
    },
    Stock {
        id: 47200,
        name: "47200 1U",
        location: "US",
        motherboard: "DELL PE R630 MB (native)",
        cpu_name: "Xeon E5-2690v4 2.6GHz (14 cores)",
        cpu_type: "INTEL",
        cpu_count: 2,
        cpu_cores: 28,
        cpu_frq: "2.6",
        ram: 256,
        ram_type: "ddr4reg",
        disk_name: "4x1.92Tb SSD",
        disk_count: 4,
        disk_size: 1920,
        gpu_name: None,
        gpu_count: 0,
        psu: "2xPSU",
        cpu_perf: 24520,
        perflink: "http://www.cpubenchmark.net/cpu_lookup.php?cpu=Intel+Xeon+E5-2690+v4+%40+2.60GHz&id=2780",
        ipmi: "dell_idrac8",
        hwraid: false,
        no_autodeploy: true,
        monthly_cents: 14_900,
    },
    Stock {
        id: 47311,
        name: "47311",
        location: "IS",
        motherboard: "Supermicro X10SRi-F",
        cpu_name: "Xeon E5-1650v4 3.6GHz (6 cores)",
        cpu_type: "INTEL",
        cpu_count: 1,
        cpu_cores: 6,
        cpu_frq: "3.6",
        ram: 64,
        ram_type: "ddr4reg",
        disk_name: "2x480Gb SSD",
        disk_count: 2,
        disk_size: 480,
        gpu_name: None,
        gpu_count: 0,
        psu: "PSU",
        cpu_perf: 12830,
        perflink: "http://www.cpubenchmark.net/cpu_lookup.php?cpu=Intel+Xeon+E5-1650+v4+%40+3.60GHz&id=2804",
        ipmi: "supermicro",
        hwraid: false,
        no_autodeploy: false,
        monthly_cents: 6_500,
    },
    Stock {
        id: 47420,
        name: "47420",
        location: "TR",
        motherboard: "ASRock X470D4U",
        cpu_name: "AMD Ryzen 7 3700X 3.6GHz (8 cores)",
        cpu_type: "AMD-MODERN",
        cpu_count: 1,
        cpu_cores: 8,
        cpu_frq: "3.6",
        ram: 64,
        ram_type: "ddr4",
        disk_name: "1Tb NVMe SSD",
        disk_count: 1,
        disk_size: 1024,
        gpu_name: None,
        gpu_count: 0,
        psu: "PSU",
        cpu_perf: 22708,
        perflink: "http://www.cpubenchmark.net/cpu_lookup.php?cpu=AMD+Ryzen+7+3700X&id=3485",
        ipmi: "ami_bmc",
        hwraid: false,
        no_autodeploy: false,
        monthly_cents: 7_400,
    },
    Stock {
        id: 47530,
        name: "47530",
        location: "UK",
        motherboard: "Supermicro X11SSL-F",
        cpu_name: "Xeon E3-1230v6 3.5GHz (4 cores)",
        cpu_type: "INTEL",
        cpu_count: 1,
        cpu_cores: 4,
        cpu_frq: "3.5",
        ram: 32,
        ram_type: "ddr4ecc",
        disk_name: "2x1Tb HDD",
        disk_count: 2,
        disk_size: 1000,
        gpu_name: None,
        gpu_count: 0,
        psu: "PSU",
        cpu_perf: 8520,
        perflink: "http://www.cpubenchmark.net/cpu_lookup.php?cpu=Intel+Xeon+E3-1230+v6+%40+3.50GHz&id=2998",
        ipmi: "supermicro",
        hwraid: false,
        no_autodeploy: false,
        monthly_cents: 4_900,
    },
];

/// The stock groups stocks/list accepts.
pub(in crate::hostkey) const GROUPS: &[&str] =
    &["ALL", "1CPU", "2CPU", "GPU", "AMD", "AMD-MODERN", "INTEL"];

/// The disk layouts (`LVM_*`) a machine with `disks` drives supports.
pub(in crate::hostkey) fn raid_levels(disks: u32) -> Vec<&'static str> {
    match disks {
        0 | 1 => vec!["LVM_HBA"],
        2 | 3 => vec!["LVM_HBA", "LVM_RAID0", "LVM_RAID1"],
        _ => vec![
            "LVM_HBA",
            "LVM_RAID0",
            "LVM_RAID1",
            "LVM_RAID10",
            "LVM_RAID10S",
        ],
    }
}

/// The stock server with this id.
pub(in crate::hostkey) fn find(id: u64) -> Option<&'static Stock> {
    STOCKS.iter().find(|s| s.id == id)
}

/// Price multipliers (in hundredths) for 1, 3, 6 and 12 months, as the document's plans show.
const PLAN: [(u32, i64); 4] = [(1, 100), (3, 291), (6, 564), (12, 1056)];

impl Stock {
    /// True when it belongs to stocks/list `group` (GPU servers only in `GPU` and `ALL`).
    pub fn in_group(&self, group: &str) -> bool {
        let gpu = self.gpu_count > 0;
        match group {
            "ALL" => true,
            "GPU" => gpu,
            _ if gpu => false,
            "1CPU" => self.cpu_count == 1,
            "2CPU" => self.cpu_count == 2,
            "AMD" => self.cpu_type.starts_with("AMD"),
            "AMD-MODERN" => self.cpu_type == "AMD-MODERN",
            "INTEL" => self.cpu_type == "INTEL",
            _ => false,
        }
    }

    /// The price in cents for a period of `months`, from its billing plan.
    pub fn period_cents(&self, months: u32) -> Option<i64> {
        PLAN.iter()
            .find(|(m, _)| *m == months)
            .map(|(_, factor)| self.monthly_cents * factor / 100)
    }

    /// The configuration line (`CPU/RAM/disks/PSU`).
    pub fn config(&self) -> String {
        let cpus = if self.cpu_count > 1 {
            format!("{}x{}", self.cpu_count, self.cpu_name)
        } else {
            self.cpu_name.to_string()
        };
        let gpu = self
            .gpu_name
            .map(|g| format!("/{}x{g}", self.gpu_count))
            .unwrap_or_default();
        format!("{cpus}/{}Gb/{}{gpu}/{}", self.ram, self.disk_name, self.psu)
    }

    fn hardware_json(&self) -> Value {
        json!({
            "config": self.config(),
            "motherboard_name": self.motherboard,
            "cpu_name": self.cpu_name,
            "cpu_type": self.cpu_type,
            "cpu_count": self.cpu_count,
            "cpu_cores": self.cpu_cores,
            "cpu_frq": self.cpu_frq,
            "ram": self.ram,
            "ram_type": self.ram_type,
            "hdd_count": self.disk_count,
            "hdd_groups": [{ "name": self.disk_name, "type": "HDD", "count": self.disk_count, "size": self.disk_size.to_string() }],
            "hdd_pairs": self.disk_count / 2,
            "gpu_name": self.gpu_name,
            "gpu_count": self.gpu_count,
            "raid_levels": raid_levels(self.disk_count),
        })
    }

    fn tags_json(&self) -> Value {
        let mut tags = serde_json::Map::new();
        let mut add = |tag: &str, value: &str| {
            tags.insert(
                tag.to_string(),
                json!({ "tag": tag, "value": value, "extra": "" }),
            );
        };
        add("ipmi", self.ipmi);
        if self.hwraid {
            add("hwraid", "1");
        }
        if self.no_autodeploy {
            add("no_autodeploy", "1");
        }
        Value::Object(tags)
    }

    fn plan_json(&self) -> Value {
        let plan: serde_json::Map<String, Value> = PLAN
            .iter()
            .filter_map(|(months, _)| {
                let cents = self.period_cents(*months)?;
                Some((months.to_string(), money_number(cents)))
            })
            .collect();
        json!({ "EUR": plan })
    }

    /// The server as stocks/list prints it.
    pub fn list_json(&self) -> Value {
        let mut out = self.show_json();
        out["location"] = json!(self.location);
        out["server_group"] = json!(if self.gpu_count > 0 {
            "GPU Server"
        } else {
            "Dedicated Server"
        });
        out
    }

    /// The server as stocks/show prints it (`location` as an object, no `server_group`).
    pub fn show_json(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "hardware": self.hardware_json(),
            "location": { "dc_location": self.location, "location_id": location_id(self.location), "country": self.location },
            "cpu_count": self.cpu_count.to_string(),
            "cpu_perf": self.cpu_perf,
            "cpu_perflink": self.perflink,
            "tags": self.tags_json(),
            "deployment_estimate": "auto",
            "billing_plan": self.plan_json(),
        })
    }
}
