//! The public ordering catalogue (no token): presets.php, os.php,
//! software.php, traffic_plans.php, stocks.php and jenkins.php.

use super::file::{JENKINS, OS, PRESETS, SOFTWARE, STOCKS, TRAFFIC_PLANS};
use super::lenient::{any_text, opt_any_text, opt_i64};
use super::server::{Hardware, ServerLocation};
use super::tag::{self, Tag};
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use crate::model::{Currency, Money};
use crate::parse::{bool_lenient, opt_f64_lenient, opt_string_lenient, string_lenient};
use rust_decimal::Decimal;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;

impl Api {
    /// `presets/list`: the instances orderable in a location, with prices.
    pub fn presets(&self, location: &str) -> Result<Call<Vec<Preset>>, ProviderError> {
        let location = validate::location("location", location)?;
        Ok(self
            .public(PRESETS, "list")
            .field("location", location)
            .json::<PresetList>()
            .map(|l| l.presets))
    }

    /// `os/list`: the operating systems for an instance (for all when `None`).
    pub fn os_list(&self, instance_id: Option<&str>) -> Result<Call<Vec<Os>>, ProviderError> {
        let instance = instance_id
            .map(|i| validate::id("instance_id", i))
            .transpose()?;
        Ok(self
            .public(OS, "list")
            .opt("instance_id", instance)
            .json::<OsList>()
            .map(|l| l.os_list))
    }

    /// `software/list`: software that can be installed with an order or reinstall.
    pub fn software(
        &self,
        location: Option<&str>,
        instance_id: Option<&str>,
    ) -> Result<Call<Vec<Software>>, ProviderError> {
        let location = location
            .map(|l| validate::location("location", l))
            .transpose()?;
        let instance = instance_id
            .map(|i| validate::id("instance_id", i))
            .transpose()?;
        Ok(self
            .public(SOFTWARE, "list")
            .opt("location", location)
            .opt("instance_id", instance)
            .json::<SoftwareList>()
            .map(|l| l.software))
    }

    /// `traffic_plans/list`: the traffic plans for an instance in a location.
    ///
    /// The instance goes out as `instance`, as in the document's example (its
    /// table calls the parameter `instance_id`).
    pub fn traffic_plans(
        &self,
        location: &str,
        instance_id: Option<&str>,
    ) -> Result<Call<Vec<TrafficPlan>>, ProviderError> {
        let location = validate::location("location", location)?;
        let instance = instance_id
            .map(|i| validate::id("instance_id", i))
            .transpose()?;
        Ok(self
            .public(TRAFFIC_PLANS, "list")
            .field("location", location)
            .opt("instance", instance)
            .json::<TrafficPlanList>()
            .map(|l| l.traffic_plans))
    }

    /// `stocks/list`: stock (physical) servers in a location and group.
    pub fn stocks(
        &self,
        location: &str,
        group: StockGroup,
    ) -> Result<Call<Vec<Stock>>, ProviderError> {
        let location = validate::location("location", location)?;
        Ok(self
            .public(STOCKS, "list")
            .field("location", location)
            .field("group", group.as_str())
            .json::<StockList>()
            .map(|l| l.servers))
    }

    /// `stocks/show`: one stock server.
    pub fn stock(&self, id: &str) -> Result<Call<Stock>, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(self
            .public(STOCKS, "show")
            .field("id", id)
            .json::<StockShow>()
            .map(|s| s.server_data))
    }

    /// `jenkins/get_tasks`: post-install tasks (GPU drivers, …).
    pub fn jenkins_tasks(&self) -> Call<Vec<JenkinsTask>> {
        self.public(JENKINS, "get_tasks")
            .json::<JenkinsTasks>()
            .map(|t| t.tasks)
    }
}

/// A price table `{"EUR": {"1": 115, "3": 334.65}}` or `{"NL": {"USD": -1, "EUR": 3}}`.
pub type PriceTable = BTreeMap<String, BTreeMap<String, Value>>;

/// A price from a table cell; `-1` (and anything negative) means not offered.
fn price_cell(table: &PriceTable, outer: &str, inner: &str, currency: &str) -> Option<Money> {
    let row = table
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(outer))
        .map(|(_, v)| v)?;
    let cell = row
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(inner))
        .map(|(_, v)| v)?;
    let amount = match cell {
        Value::Number(n) => n.to_string().parse::<Decimal>().ok(),
        Value::String(s) => s.trim().parse::<Decimal>().ok(),
        _ => None,
    }?;
    (amount >= Decimal::ZERO).then(|| Money::new(amount, Currency::new(currency)))
}

#[derive(Deserialize)]
struct PresetList {
    #[serde(default)]
    presets: Vec<Preset>,
}

/// An instance that can be ordered (`presets/list`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preset {
    /// Preset id (what `preset` and `instance_id` take).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name (`vm.pico`, `bm.v1-mini`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// True when orderable.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub active: bool,
    /// EUR per month without VAT.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub monthly_com: Option<f64>,
    /// Description (`VM instance 1/1/15 SSD`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub description: Option<String>,
    /// CPU cores.
    #[serde(default, deserialize_with = "opt_i64")]
    pub cpu: Option<i64>,
    /// RAM in GB.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub ram: Option<f64>,
    /// Disk in GB (`"15"` or `240`).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub hdd: Option<f64>,
    /// GPU, if any (`1xGTX1080`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub gpu: Option<String>,
    /// Locations, comma-separated (`NL,US,FI`).
    #[serde(default, deserialize_with = "any_text")]
    pub locations: String,
    /// True for a VM.
    #[serde(rename = "virtual", default, deserialize_with = "bool_lenient")]
    pub is_virtual: bool,
    /// Price per location and currency; `-1` means not offered.
    #[serde(default)]
    pub price: PriceTable,
    /// Units orderable now.
    #[serde(default, deserialize_with = "opt_i64")]
    pub available: Option<i64>,
    /// Kind (`Virtual Private Server`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub server_type: Option<String>,
    /// UI tags (`vm`, `bm`, `gpu`, `stock`, `pid_<loc>`, `web_*`, …).
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl Preset {
    /// The monthly price in `location` and `currency`; `None` when not offered.
    pub fn price_in(&self, location: &str, currency: &str) -> Option<Money> {
        price_cell(&self.price, location, currency, currency)
    }

    /// The location codes it can be ordered in.
    pub fn location_codes(&self) -> Vec<String> {
        split_codes(&self.locations)
    }

    /// A tag by name.
    pub fn tag(&self, name: &str) -> Option<&Tag> {
        tag::find(&self.tags, name)
    }
}

/// Comma-separated codes (with HOSTKEY's trailing comma), upper-cased.
pub(crate) fn split_codes(list: &str) -> Vec<String> {
    list.split(',')
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .collect()
}

#[derive(Deserialize)]
struct OsList {
    #[serde(default)]
    os_list: Vec<Os>,
}

/// An operating system (`os/list`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Os {
    /// OS id (what `os_id` takes).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name (`RockyLinux 8`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// API flag.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub api_enabled: bool,
    /// Login type.
    #[serde(default, deserialize_with = "opt_i64")]
    pub type_login: Option<i64>,
    /// The PXE installer's OS id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub pxe_os_id: Option<String>,
    /// True when installable now.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub active: bool,
    /// Description (`WS22 DC for VMs`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub description: Option<String>,
    /// Tags (`bm`, `vm`, `family`, `min_ram`, `min_hdd`, `user_name`, …).
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Licence price in EUR (licensed OSes).
    #[serde(rename = "price_EUR", default, deserialize_with = "opt_f64_lenient")]
    pub price_eur: Option<f64>,
    /// Licence price per currency and billing period (months).
    #[serde(default)]
    pub billing_plan: PriceTable,
}

impl Os {
    /// A tag by name.
    pub fn tag(&self, name: &str) -> Option<&Tag> {
        tag::find(&self.tags, name)
    }

    /// The licence price for `months` (1, 3, 6, 12) in `currency`, where it has one.
    pub fn price_for(&self, currency: &str, months: u32) -> Option<Money> {
        price_cell(&self.billing_plan, currency, &months.to_string(), currency)
    }
}

#[derive(Deserialize)]
struct SoftwareList {
    #[serde(default)]
    software: Vec<Software>,
}

/// Software installable with an order (`software/list`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Software {
    /// Software id (what `soft_id` takes).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name.
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// Description.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub description: Option<String>,
    /// Price.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub price: Option<f64>,
    /// True when installable now.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub active: bool,
    /// Icon.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub icon: Option<String>,
    /// The install task.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub task: Option<String>,
    /// Tags (`os` lists the compatible OS ids).
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl Software {
    /// The OS ids it can be installed on (its `os` tag).
    pub fn os_ids(&self) -> Vec<String> {
        tag::find(&self.tags, "os")
            .map(|t| t.value.items())
            .unwrap_or_default()
    }
}

#[derive(Deserialize)]
struct TrafficPlanList {
    #[serde(default)]
    traffic_plans: Vec<TrafficPlan>,
}

/// A traffic plan (`traffic_plans/list`). Limits in Tb, rates in EUR/Tb,
/// bandwidth in Mbps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrafficPlan {
    /// Plan id (what `traffic_plan` takes).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name (`3Tb traffic (1Gbps) VM`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// Incoming limit (Tb).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub limit_in: Option<f64>,
    /// Outgoing limit (Tb).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub limit_out: Option<f64>,
    /// Price of excess incoming traffic (EUR/Tb).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub rate_in: Option<f64>,
    /// Price of excess outgoing traffic (EUR/Tb).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub rate_out: Option<f64>,
    /// Bandwidth (Mbps).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub bandwidth: Option<f64>,
    /// Locations, comma-separated (with a trailing comma).
    #[serde(default, deserialize_with = "any_text")]
    pub locations: String,
    /// Currency (0 = EUR).
    #[serde(default, deserialize_with = "opt_i64")]
    pub currency_id: Option<i64>,
    /// True when orderable.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub active: bool,
    /// Shown on the web site.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub web_plan: bool,
    /// Flat price.
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub price: Option<f64>,
    /// The related main plan.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub main_plan: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl TrafficPlan {
    /// The location codes it applies to.
    pub fn location_codes(&self) -> Vec<String> {
        split_codes(&self.locations)
    }
}

/// A stock-server group for `stocks/list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StockGroup {
    /// Every server.
    All,
    /// Single-processor servers.
    OneCpu,
    /// Dual-processor servers.
    TwoCpu,
    /// GPU servers (excluded from the other groups).
    Gpu,
    /// AMD processors.
    Amd,
    /// Modern AMD Ryzen processors.
    AmdModern,
    /// Intel processors.
    Intel,
}

impl StockGroup {
    /// The word HOSTKEY uses.
    pub fn as_str(self) -> &'static str {
        match self {
            StockGroup::All => "ALL",
            StockGroup::OneCpu => "1CPU",
            StockGroup::TwoCpu => "2CPU",
            StockGroup::Gpu => "GPU",
            StockGroup::Amd => "AMD",
            StockGroup::AmdModern => "AMD-MODERN",
            StockGroup::Intel => "INTEL",
        }
    }
}

impl FromStr for StockGroup {
    type Err = ProviderError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let all = [
            StockGroup::All,
            StockGroup::OneCpu,
            StockGroup::TwoCpu,
            StockGroup::Gpu,
            StockGroup::Amd,
            StockGroup::AmdModern,
            StockGroup::Intel,
        ];
        all.into_iter()
            .find(|g| g.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                ProviderError::validation(
                    "group",
                    format!("`{s}` is not one of ALL, 1CPU, 2CPU, GPU, AMD, AMD-MODERN, INTEL"),
                )
            })
    }
}

#[derive(Deserialize)]
struct StockList {
    #[serde(default)]
    servers: Vec<Stock>,
}

#[derive(Deserialize)]
struct StockShow {
    server_data: Stock,
}

/// Where a stock server is: a code in the list, an object in `stocks/show`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum StockLocation {
    /// `"FI"`.
    Code(String),
    /// `{"dc_location":"FI","location_id":4,"country":"FI"}`.
    Detail(ServerLocation),
}

impl StockLocation {
    /// The location code.
    pub fn code(&self) -> &str {
        match self {
            StockLocation::Code(c) => c,
            StockLocation::Detail(d) => &d.dc_location,
        }
    }
}

/// A stock server (`stocks/list`, `stocks/show`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stock {
    /// Server id (what `preset` takes when ordering it).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name (`44717 2U`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// Hardware.
    #[serde(default)]
    pub hardware: Hardware,
    /// Location.
    #[serde(default)]
    pub location: Option<StockLocation>,
    /// CPU count (text here, a number inside `hardware`).
    #[serde(default, deserialize_with = "opt_i64")]
    pub cpu_count: Option<i64>,
    /// CPU benchmark score.
    #[serde(default, deserialize_with = "opt_i64")]
    pub cpu_perf: Option<i64>,
    /// Benchmark link.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub cpu_perflink: Option<String>,
    /// Tags (`ipmi`, `hwraid`, `no_autodeploy`), sent as a map by tag name.
    #[serde(default, deserialize_with = "tag_map")]
    pub tags: Vec<Tag>,
    /// Deployment estimate (`auto`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub deployment_estimate: Option<String>,
    /// Price per currency and months (`{"EUR":{"1":115,"3":334.65}}`).
    #[serde(default)]
    pub billing_plan: PriceTable,
    /// Kind (`Dedicated Server`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub server_group: Option<String>,
}

impl Stock {
    /// The price for `months` (1, 3, 6, 12) in `currency`.
    pub fn price_for(&self, currency: &str, months: u32) -> Option<Money> {
        price_cell(&self.billing_plan, currency, &months.to_string(), currency)
    }

    /// A tag by name.
    pub fn tag(&self, name: &str) -> Option<&Tag> {
        tag::find(&self.tags, name)
    }
}

/// Tags sent as a map keyed by name (or as the usual array).
fn tag_map<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Tag>, D::Error> {
    let items = match Value::deserialize(d)? {
        Value::Object(map) => map.into_iter().map(|(_, v)| v).collect(),
        Value::Array(items) => items,
        _ => Vec::new(),
    };
    Ok(items
        .into_iter()
        .filter_map(|v| serde_json::from_value(v).ok())
        .collect())
}

#[derive(Deserialize)]
struct JenkinsTasks {
    #[serde(default)]
    tasks: Vec<JenkinsTask>,
}

/// A post-install task (`jenkins/get_tasks`); its id is what `jenkins_task` takes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JenkinsTask {
    /// Task id (`-1` = do nothing).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Task file.
    #[serde(default, deserialize_with = "any_text")]
    pub task: String,
    /// What it does.
    #[serde(default, deserialize_with = "any_text")]
    pub desc: String,
    /// Variant (`gpu_driver`).
    #[serde(default, deserialize_with = "any_text")]
    pub tag: String,
    /// Where it applies (`gpu`, `vgpu`, `vm`, `bm`, `default`).
    #[serde(default)]
    pub tags: Vec<Tag>,
}

impl JenkinsTask {
    /// The id as a number, for `jenkins_task`.
    pub fn number(&self) -> Option<i64> {
        self.id.trim().parse().ok()
    }
}
