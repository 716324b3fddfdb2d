//! LlamaLink's response bodies, field for field as documented.

use crate::error::ProviderError;
use crate::parse::{null_default, opt_f64_lenient, string_lenient};
use serde::{Deserialize, Serialize};

/// A saved card (`GET /user/payment`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// Card id.
    pub id: i64,
    /// Last four digits.
    pub last4dig: String,
    /// Expiry month.
    pub exp_month: u32,
    /// Expiry year.
    pub exp_year: u32,
    /// Card brand (`visa`).
    pub brand: String,
}

/// `GET /platform/vps-plans`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VpsPlans {
    /// False when the shop is closed.
    #[serde(default)]
    pub shop_purchases_enabled: bool,
    /// Shop plans.
    #[serde(default)]
    pub items: Vec<ShopPlan>,
    /// Custom-build pricing.
    pub custom: Option<CustomOffer>,
}

/// A shop plan; `id` is the `planId` of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShopPlan {
    /// Plan id (`spark`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Monthly price.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub price: Option<f64>,
    /// Currency (`ILS`).
    pub currency: String,
    /// CPU cores.
    pub cpu_cores: u32,
    /// Memory in GB.
    #[serde(rename = "ramGB")]
    pub ram_gb: f64,
    /// Storage in GB.
    #[serde(rename = "storageGB")]
    pub storage_gb: f64,
}

/// The custom-build offer inside [`VpsPlans`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomOffer {
    /// False when custom builds cannot be ordered now.
    #[serde(default)]
    pub available: bool,
    /// The endpoint to order at (`/user/custom-packages`).
    pub endpoint: Option<String>,
    /// Published prices.
    pub pricing: Option<CustomOfferPricing>,
}

/// Published custom-build prices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomOfferPricing {
    /// Currency (`ILS`).
    pub currency: String,
    /// Price per GB of RAM.
    #[serde(rename = "ramPerGB")]
    pub ram_per_gb: f64,
    /// Price per core by CPU type (`xeonE5`, `xeonGold`).
    pub cpu_per_core: std::collections::BTreeMap<String, f64>,
}

/// `GET /platform/os-templates`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsTemplates {
    /// Operating systems.
    pub items: Vec<OsTemplate>,
}

/// An operating system to provision with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OsTemplate {
    /// Id used as `os` in orders (`ubuntu-22`).
    pub id: String,
    /// Display name.
    pub label: String,
    /// False when not orderable.
    #[serde(default)]
    pub enabled: bool,
}

impl OsTemplate {
    /// True for Windows images (which need at least 32 GB of disk).
    pub fn is_windows(&self) -> bool {
        is_windows_os(&self.id) || self.label.to_ascii_lowercase().contains("windows")
    }
}

/// True when an OS id names Windows.
pub fn is_windows_os(os: &str) -> bool {
    os.to_ascii_lowercase().starts_with("windows")
}

/// The answer to an order (`201`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscribed {
    /// True when the order went through.
    pub subscribed: bool,
    /// The new server's id.
    pub vps_id: Option<i64>,
    /// The provider's message.
    pub message: Option<String>,
}

/// `GET /user/vps/provision-progress/:opId`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProvisionProgress {
    /// `success`, or another word while running or on failure.
    pub status: String,
    /// 0–100.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub percent: Option<f64>,
    /// The server's id, once known.
    pub vps_id: Option<i64>,
    /// Stage message (`completed`).
    pub message: Option<String>,
}

/// Memory use of a server.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Memory {
    /// GB in use.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub used: Option<f64>,
    /// GB installed.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub max: Option<f64>,
    /// Percent in use.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub usage_percent: Option<f64>,
}

/// A server (`GET /user/vps`, `GET /user/vps/:id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vps {
    /// Server id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name.
    pub name: String,
    /// Power status (`running`).
    pub status: String,
    /// Billing status (`active`), in the list only.
    #[serde(rename = "paymentStatus")]
    pub payment_status: Option<String>,
    /// Disk in use, GB.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub disk: Option<f64>,
    /// CPU in use, percent.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub cpu_used: Option<f64>,
    /// CPU cores.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub cpus_avail: Option<f64>,
    /// Memory.
    #[serde(default)]
    pub memory: Option<Memory>,
    /// Seconds since boot.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub uptime: Option<f64>,
    /// Addresses.
    #[serde(default, deserialize_with = "null_default")]
    pub ip_addresses: Vec<String>,
}

/// The answer to a power action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PowerResult {
    /// The provider's message.
    pub message: Option<String>,
    /// Status after the action.
    pub status: Option<String>,
}

/// `GET /user/vps/:id/metrics-history`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricsHistory {
    /// Range echoed back (`day`).
    pub range: Option<String>,
    /// Samples.
    #[serde(default)]
    pub points: Vec<MetricSample>,
}

/// One sample: Unix seconds and a value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MetricSample {
    /// Unix seconds.
    pub time: i64,
    /// Value.
    pub value: f64,
}

/// A hosting website (`GET /user/websites`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Website {
    /// Site id (a UUID).
    pub id: String,
    /// Domain.
    pub domain: String,
    /// Status (`active`, `provisioning`).
    pub status: String,
    /// Hosting plan.
    pub plan: Option<String>,
    /// Disk used, MB.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub disk_used_mb: Option<f64>,
    /// Disk limit, MB.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub disk_limit_mb: Option<f64>,
}

/// `GET /user/websites/info/:id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebsiteInfo {
    /// Site id.
    pub id: String,
    /// Domain.
    pub domain: String,
    /// Status.
    pub status: String,
    /// PHP version (`8.2`).
    pub php_version: Option<String>,
    /// True when TLS is set up.
    #[serde(default)]
    pub ssl: bool,
    /// Name servers to point the domain at.
    #[serde(default)]
    pub nameservers: Vec<String>,
}

/// `POST /user/websites/new` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewWebsite {
    /// Domain (`mysite.com`).
    pub domain: String,
    /// Hosting plan (`business`).
    pub plan_id: String,
    /// PHP version (`8.2`).
    pub php_version: String,
}

impl NewWebsite {
    /// Checks the fields before sending.
    pub fn validate(&self) -> Result<(), ProviderError> {
        let domain = self.domain.trim();
        let labels_ok = domain.split('.').count() >= 2
            && domain.split('.').all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if !labels_ok || domain.len() > 253 {
            return Err(ProviderError::validation(
                "domain",
                "must be a domain name such as example.com",
            ));
        }
        if self.plan_id.trim().is_empty() {
            return Err(ProviderError::validation("planId", "is required"));
        }
        let php_ok = {
            let mut parts = self.php_version.split('.');
            matches!((parts.next(), parts.next(), parts.next()),
                (Some(a), Some(b), None) if !a.is_empty() && !b.is_empty()
                    && a.bytes().all(|c| c.is_ascii_digit()) && b.bytes().all(|c| c.is_ascii_digit()))
        };
        if !php_ok {
            return Err(ProviderError::validation(
                "phpVersion",
                "must be a version such as 8.2",
            ));
        }
        Ok(())
    }
}

/// The answer to `POST /user/websites/new`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebsiteCreated {
    /// Site id.
    pub id: String,
    /// Domain.
    pub domain: String,
    /// Status (`provisioning`).
    pub status: String,
    /// The provider's message.
    pub message: Option<String>,
}

/// `GET /user/profile`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// User id.
    pub id: i64,
    /// User name.
    pub username: String,
    /// Email.
    pub email: String,
    /// Real name.
    pub realname: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Avatar file.
    pub userpfp: Option<String>,
    /// Role (`user`).
    pub role: Option<String>,
}

/// A subscription (`GET /user/subscriptions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Subscription {
    /// Subscription id.
    pub id: i64,
    /// Kind (`vps`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Name.
    pub name: String,
    /// Status (`active`, `pending`).
    pub status: String,
    /// Next renewal (`YYYY-MM-DD`).
    pub renewal_date: Option<String>,
    /// Monthly price in ILS.
    #[serde(deserialize_with = "opt_f64_lenient", default)]
    pub price_monthly: Option<f64>,
}
