//! The `eq/show` answer: billing and traffic data, hardware, groups, licences,
//! location, IP addresses, interfaces, IPMI and tags of one server. The
//! hardware and location shapes are shared with the stock-server catalogue.

use super::lenient::{any_text, opt_any_text, opt_i64};
use super::tag::{self, Tag};
use crate::parse::{bool_lenient, opt_f64_lenient, opt_string_lenient, string_lenient};
use crate::Secret;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// `eq/show`: one server, field for field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerDetail {
    /// Billing, state and traffic counters.
    pub server_data: ServerData,
    /// Hardware configuration.
    #[serde(default)]
    pub hardware: Option<Hardware>,
    /// Server groups (`Micro`, `1CPU`, …).
    #[serde(default)]
    pub groups: Vec<ServerGroup>,
    /// Licences bought with the server.
    #[serde(default)]
    pub licenses: Vec<License>,
    /// Data centre.
    #[serde(default)]
    pub location: Option<ServerLocation>,
    /// Always `null` in the document: the OS name is in the `OS` tag.
    #[serde(rename = "OS", default)]
    pub os: Value,
    /// IP addresses.
    #[serde(rename = "IP", default)]
    pub ips: Vec<IpAddress>,
    /// Network interfaces.
    #[serde(default)]
    pub interfaces: Vec<Interface>,
    /// The management controller.
    #[serde(rename = "IPMI", default)]
    pub ipmi: Option<Ipmi>,
    /// Tags: hostname, OS, user name, root password, web panel, and the customer's own.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Preset name (`vm.mini`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub preset: Option<String>,
    /// Preset description (`VM instance 4/4/60 SSD`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub preset_description: Option<String>,
}

impl ServerDetail {
    fn tag_value(&self, name: &str) -> Option<String> {
        tag::find(&self.tags, name)
            .map(|t| t.value.as_text())
            .filter(|v| !v.trim().is_empty())
    }

    /// The `hostname` tag.
    pub fn hostname(&self) -> Option<String> {
        self.tag_value("hostname")
    }

    /// The `OS` tag (`Ubuntu 22.04`).
    pub fn os_name(&self) -> Option<String> {
        self.tag_value("OS")
    }

    /// The `user_name` tag (`root`, `Administrator`).
    pub fn user_name(&self) -> Option<String> {
        self.tag_value("user_name")
    }

    /// The root password HOSTKEY keeps in the `password` tag.
    pub fn root_password(&self) -> Option<Secret> {
        self.tag_value("password").map(Secret::new)
    }

    /// The web panel's name and URL (`webpanel` tag; the URL is in `extra`).
    pub fn web_panel(&self) -> Option<(String, String)> {
        tag::find(&self.tags, "webpanel").map(|t| (t.value.as_text(), t.extra.clone()))
    }

    /// The main IP address (`main_ip: 1`), else the first one.
    pub fn main_ip(&self) -> Option<&str> {
        self.ips
            .iter()
            .find(|ip| ip.main_ip)
            .or_else(|| self.ips.first())
            .map(|ip| ip.ip.as_str())
            .filter(|ip| !ip.is_empty())
    }
}

/// `server_data` of `eq/show`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerData {
    /// Server id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Inventory table (`VPS`).
    #[serde(rename = "ref_tableName", default, deserialize_with = "opt_any_text")]
    pub ref_table_name: Option<String>,
    /// Inventory condition (`rent`).
    #[serde(
        rename = "Condition_Component",
        default,
        deserialize_with = "opt_any_text"
    )]
    pub condition_component: Option<String>,
    /// The WHMCS service id (get_billing_data's `product_id`).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub account_id: Option<String>,
    /// Which billing (`whmcs_com`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub type_billing: Option<String>,
    /// Ownership (`Rent`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub is_owner: Option<String>,
    /// Price of excess incoming traffic (EUR/Tb).
    #[serde(
        rename = "cost_trafficIN",
        default,
        deserialize_with = "opt_f64_lenient"
    )]
    pub cost_traffic_in: Option<f64>,
    /// Incoming traffic limit (Tb).
    #[serde(
        rename = "limit_trafficIN",
        default,
        deserialize_with = "opt_f64_lenient"
    )]
    pub limit_traffic_in: Option<f64>,
    /// Price of excess outgoing traffic (EUR/Tb).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub cost_traffic: Option<f64>,
    /// Outgoing traffic limit (Tb).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub limit_traffic: Option<f64>,
    /// A pending new outgoing limit.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub new_limit_traffic: Option<f64>,
    /// Bandwidth limit (Mbps).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub limit_bands: Option<f64>,
    /// Outgoing traffic this period.
    #[serde(
        rename = "trafficPeriodOut",
        default,
        deserialize_with = "opt_f64_lenient"
    )]
    pub traffic_period_out: Option<f64>,
    /// Incoming traffic this period.
    #[serde(
        rename = "trafficPeriodIn",
        default,
        deserialize_with = "opt_f64_lenient"
    )]
    pub traffic_period_in: Option<f64>,
    /// Outgoing traffic billed this period.
    #[serde(
        rename = "trafficPeriodOutBilling",
        default,
        deserialize_with = "opt_f64_lenient"
    )]
    pub traffic_period_out_billing: Option<f64>,
    /// Incoming traffic billed this period.
    #[serde(
        rename = "trafficPeriodInBilling",
        default,
        deserialize_with = "opt_f64_lenient"
    )]
    pub traffic_period_in_billing: Option<f64>,
    /// End of the traffic period (`2024-01-14 00:00:00`).
    #[serde(rename = "datePeriod", default, deserialize_with = "opt_any_text")]
    pub date_period: Option<String>,
    /// True when the port is shaped.
    #[serde(rename = "IsShape", default, deserialize_with = "bool_lenient")]
    pub is_shape: bool,
    /// Hardware summary (`4 vCore/4Gb/60Gb SSD`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub hwconfig: Option<String>,
    /// `rent` (active) or `power_off` (suspended).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub status: Option<String>,
    /// Server type (`VPS`).
    #[serde(rename = "type", default, deserialize_with = "opt_any_text")]
    pub kind: Option<String>,
    /// Days until the next due date.
    #[serde(default, deserialize_with = "opt_i64")]
    pub days_left: Option<i64>,
    /// Next due date (`2024-01-14`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub due_date: Option<String>,
}

/// Hardware of a server or stock server.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Hardware {
    /// Summary (`4 vCore/4Gb/60Gb SSD`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub config: Option<String>,
    /// Components (platform, CPU, RAM, disks).
    #[serde(default)]
    pub components: Vec<Component>,
    /// Component tags: name → values, except `eta`, a number.
    #[serde(default)]
    pub tags: BTreeMap<String, Value>,
    /// True for a VM.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub vm: bool,
    /// True with a GPU.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub gpu: bool,
    /// True for a VDS.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub vds: bool,
    /// True when booting with UEFI.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub uefi: bool,
    /// True with a hardware RAID controller.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub hwraid: bool,
    /// Motherboard.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub motherboard_name: Option<String>,
    /// CPU model.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub cpu_name: Option<String>,
    /// CPU type (`vCPU`, `AMD-MODERN`, `INTEL`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub cpu_type: Option<String>,
    /// CPU count.
    #[serde(default, deserialize_with = "opt_i64")]
    pub cpu_count: Option<i64>,
    /// Cores in all.
    #[serde(default, deserialize_with = "opt_i64")]
    pub cpu_cores: Option<i64>,
    /// Clock in GHz (`2.4`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub cpu_frq: Option<String>,
    /// RAM in GB.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub ram: Option<f64>,
    /// RAM type (`vram`, `ddr4ecc`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub ram_type: Option<String>,
    /// Disk in GB.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub hdd: Option<f64>,
    /// Number of disks.
    #[serde(default, deserialize_with = "opt_i64")]
    pub hdd_count: Option<i64>,
    /// Disks grouped by kind.
    #[serde(default)]
    pub hdd_groups: Vec<HddGroup>,
    /// Disk pairs.
    #[serde(default, deserialize_with = "opt_i64")]
    pub hdd_pairs: Option<i64>,
    /// GPU model.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub gpu_name: Option<String>,
    /// GPU count.
    #[serde(default, deserialize_with = "opt_i64")]
    pub gpu_count: Option<i64>,
    /// Disk layouts the installer offers (`LVM_HBA`, …).
    #[serde(default)]
    pub raid_levels: Vec<String>,
}

impl Hardware {
    /// Disk in GB: `hdd`, else the sum of the disk groups.
    pub fn disk_gb(&self) -> Option<f64> {
        self.hdd.or_else(|| {
            let sizes: Vec<f64> = self
                .hdd_groups
                .iter()
                .filter_map(|g| {
                    g.size
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .map(|s| s * g.count.unwrap_or(1) as f64)
                })
                .collect();
            (!sizes.is_empty()).then(|| sizes.iter().sum())
        })
    }
}

/// One hardware component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Kind (`Platform`, `CPU`, `RAM`, `HDD`).
    #[serde(rename = "Type", default, deserialize_with = "any_text")]
    pub kind: String,
    /// Name (`VPS Core`).
    #[serde(rename = "Name", default, deserialize_with = "any_text")]
    pub name: String,
    /// How many.
    #[serde(rename = "Count", default, deserialize_with = "opt_i64")]
    pub count: Option<i64>,
    /// Disk type of the platform (`SSD`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub hdd_type: Option<String>,
    /// Cores (CPU).
    #[serde(rename = "Cores", default, deserialize_with = "opt_i64")]
    pub cores: Option<i64>,
    /// CPU make (`INTEL`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub cpu_type: Option<String>,
    /// Size in GB (RAM, HDD).
    #[serde(rename = "Size", default, deserialize_with = "opt_f64_lenient")]
    pub size: Option<f64>,
}

/// Disks of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HddGroup {
    /// Label (`60Gb SSD`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// Kind (`HDD`).
    #[serde(rename = "type", default, deserialize_with = "opt_any_text")]
    pub kind: Option<String>,
    /// How many.
    #[serde(default, deserialize_with = "opt_i64")]
    pub count: Option<i64>,
    /// Size of each in GB (text: `"60"`).
    #[serde(default, deserialize_with = "any_text")]
    pub size: String,
}

/// A server group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerGroup {
    /// Group id (text: `"26"`).
    #[serde(rename = "ID", default, deserialize_with = "any_text")]
    pub id: String,
    /// Code (`Micro`).
    #[serde(rename = "Code", default, deserialize_with = "any_text")]
    pub code: String,
    /// Name.
    #[serde(rename = "Name", default, deserialize_with = "any_text")]
    pub name: String,
    /// True when the server is in it.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub active: bool,
}

/// A licence bought with a server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct License {
    /// Licence id.
    #[serde(default, deserialize_with = "any_text")]
    pub id: String,
    /// Name (`ISPmanager 6 Lite on IP 31.207.44.105`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// Quantity.
    #[serde(default, deserialize_with = "opt_i64")]
    pub amount: Option<i64>,
    /// Purchase date.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub date_buy: Option<String>,
}

/// A data centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerLocation {
    /// Location code (`NL`).
    #[serde(default, deserialize_with = "any_text")]
    pub dc_location: String,
    /// Location id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub location_id: Option<String>,
    /// Country (stocks/show).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub country: Option<String>,
}

/// An IP address of a server (`IP[]` of eq/show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpAddress {
    /// Interface (`eth0`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub port: Option<String>,
    /// MAC address.
    #[serde(rename = "MAC", default, deserialize_with = "opt_any_text")]
    pub mac: Option<String>,
    /// The address.
    #[serde(rename = "IP", default, deserialize_with = "any_text")]
    pub ip: String,
    /// `enable`.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub status: Option<String>,
    /// True for the main address.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub main_ip: bool,
    /// True while blocked (net/block_ip).
    #[serde(default, deserialize_with = "bool_lenient")]
    pub locked: bool,
    /// When it was blocked.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub date_block: Option<String>,
    /// A licence bound to it.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub license_id: Option<String>,
    /// True on the main interface.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub main_int: bool,
    /// VLAN.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub vlan: Option<String>,
    /// Update counter.
    #[serde(default, deserialize_with = "opt_i64")]
    pub updated: Option<i64>,
    /// Licence name.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub license_name: Option<String>,
    /// True when DDoS-whitelisted.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub white_ddos: bool,
    /// Note.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub description: Option<String>,
}

/// A network interface of a server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interface {
    /// Interface id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// Name (`eth0`).
    #[serde(rename = "type", default, deserialize_with = "any_text")]
    pub kind: String,
    /// MAC address.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub mac: Option<String>,
    /// Upstream port id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub upstream_id: Option<String>,
    /// True for the main interface.
    #[serde(rename = "IsMain", default, deserialize_with = "bool_lenient")]
    pub is_main: bool,
    /// True for a virtual interface.
    #[serde(rename = "IsVirt", default, deserialize_with = "bool_lenient")]
    pub is_virt: bool,
    /// `enable`.
    #[serde(rename = "Status", default, deserialize_with = "opt_any_text")]
    pub status: Option<String>,
    /// Switch owner.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub switch_owner: Option<String>,
    /// Switch model (`virtual`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub switch_model: Option<String>,
}

/// The management controller of a server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ipmi {
    /// Model (`ovirt`, `dell_idrac9`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub model: Option<String>,
    /// Its interfaces.
    #[serde(default)]
    pub interfaces: Vec<Value>,
}
