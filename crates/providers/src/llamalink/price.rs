//! The custom-build price formula, computed exactly (to 0.01 ILS) before sending.
//!
//! Monthly price (ILS) = CPU per core × cores, plus 7 × RAM GB, plus storage
//! per GB × GB, plus 4 × IPv4; CPU xeonE5 = 15.6 and xeonGold = 17.0 per core,
//! storage SSD 1.5 and HDD 1.2 per GB. The server accepts a drift of at most 0.02 ILS,
//! so `estimatedPrice` is always computed here, never typed by the user.

use super::types::{is_windows_os, CustomOfferPricing};
use crate::error::ProviderError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// CPU families a custom build can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CpuType {
    /// Intel Xeon E5.
    #[serde(rename = "xeonE5")]
    XeonE5,
    /// Intel Xeon Gold.
    #[serde(rename = "xeonGold")]
    XeonGold,
}

impl CpuType {
    /// The wire name (`xeonE5`).
    pub fn as_str(self) -> &'static str {
        match self {
            CpuType::XeonE5 => "xeonE5",
            CpuType::XeonGold => "xeonGold",
        }
    }
}

impl FromStr for CpuType {
    type Err = ProviderError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "xeonE5" => Ok(CpuType::XeonE5),
            "xeonGold" => Ok(CpuType::XeonGold),
            _ => Err(ProviderError::validation(
                "cpuType",
                "must be xeonE5 or xeonGold",
            )),
        }
    }
}

/// Disk kinds a custom build can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageType {
    /// Solid-state.
    Ssd,
    /// Spinning disk.
    Hdd,
}

impl FromStr for StorageType {
    type Err = ProviderError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "ssd" => Ok(StorageType::Ssd),
            "hdd" => Ok(StorageType::Hdd),
            _ => Err(ProviderError::validation(
                "storageType",
                "must be ssd or hdd",
            )),
        }
    }
}

/// Unit prices in ILS per month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomPricing {
    /// Per Xeon E5 core.
    pub xeon_e5_per_core: Decimal,
    /// Per Xeon Gold core.
    pub xeon_gold_per_core: Decimal,
    /// Per GB of RAM.
    pub ram_per_gb: Decimal,
    /// Per GB of SSD.
    pub ssd_per_gb: Decimal,
    /// Per GB of HDD.
    pub hdd_per_gb: Decimal,
    /// Per IPv4 address.
    pub ipv4_each: Decimal,
}

impl Default for CustomPricing {
    /// The documented prices.
    fn default() -> Self {
        Self {
            xeon_e5_per_core: Decimal::new(156, 1),
            xeon_gold_per_core: Decimal::new(170, 1),
            ram_per_gb: Decimal::new(7, 0),
            ssd_per_gb: Decimal::new(15, 1),
            hdd_per_gb: Decimal::new(12, 1),
            ipv4_each: Decimal::new(4, 0),
        }
    }
}

impl CustomPricing {
    /// The documented prices, updated with any the API publishes
    /// (`custom.pricing` of `GET /platform/vps-plans` gives CPU and RAM).
    pub fn from_offer(offer: Option<&CustomOfferPricing>) -> Self {
        let mut pricing = Self::default();
        if let Some(offer) = offer {
            let dec = |v: f64| Decimal::try_from(v).ok();
            if let Some(v) = dec(offer.ram_per_gb) {
                pricing.ram_per_gb = v;
            }
            if let Some(v) = offer.cpu_per_core.get("xeonE5").copied().and_then(dec) {
                pricing.xeon_e5_per_core = v;
            }
            if let Some(v) = offer.cpu_per_core.get("xeonGold").copied().and_then(dec) {
                pricing.xeon_gold_per_core = v;
            }
        }
        pricing
    }
}

/// A custom server as the user configures it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomBuild {
    /// Server name.
    pub name: String,
    /// CPU family.
    pub cpu_type: CpuType,
    /// Cores.
    pub cpu_cores: u32,
    /// RAM in GB.
    pub ram_gb: u32,
    /// Disk kind.
    pub storage_type: StorageType,
    /// Disk in GB.
    pub storage_gb: u32,
    /// IPv4 addresses.
    pub ipv4: u32,
    /// OS template id (`ubuntu-22`).
    pub os: String,
}

impl CustomBuild {
    /// Checks every field, naming the first one at fault.
    pub fn validate(&self) -> Result<(), ProviderError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(ProviderError::validation("name", "is required"));
        }
        if name.len() > 63
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        {
            return Err(ProviderError::validation(
                "name",
                "use at most 63 letters, digits, `-`, `_` or `.`",
            ));
        }
        if self.cpu_cores == 0 {
            return Err(ProviderError::validation("cpuCores", "must be at least 1"));
        }
        if self.ram_gb == 0 {
            return Err(ProviderError::validation("ram", "must be at least 1 GB"));
        }
        if self.storage_gb == 0 {
            return Err(ProviderError::validation(
                "storageGB",
                "must be at least 1 GB",
            ));
        }
        if self.os.trim().is_empty() {
            return Err(ProviderError::validation("os", "is required"));
        }
        if is_windows_os(&self.os) && self.storage_gb < 32 {
            return Err(ProviderError::validation(
                "storageGB",
                "Windows needs at least 32 GB of disk",
            ));
        }
        Ok(())
    }

    /// The monthly price in ILS, rounded to 0.01.
    ///
    /// ```
    /// use providers::llamalink::{CpuType, CustomBuild, CustomPricing, StorageType};
    /// let build = CustomBuild { name: "my-api-vps".into(), cpu_type: CpuType::XeonE5,
    ///     cpu_cores: 4, ram_gb: 8, storage_type: StorageType::Ssd, storage_gb: 160,
    ///     ipv4: 1, os: "ubuntu-22".into() };
    /// assert_eq!(build.price(&CustomPricing::default()).to_string(), "362.40");
    /// ```
    pub fn price(&self, pricing: &CustomPricing) -> Decimal {
        let per_core = match self.cpu_type {
            CpuType::XeonE5 => pricing.xeon_e5_per_core,
            CpuType::XeonGold => pricing.xeon_gold_per_core,
        };
        let per_gb = match self.storage_type {
            StorageType::Ssd => pricing.ssd_per_gb,
            StorageType::Hdd => pricing.hdd_per_gb,
        };
        let mut total = per_core * Decimal::from(self.cpu_cores)
            + pricing.ram_per_gb * Decimal::from(self.ram_gb)
            + per_gb * Decimal::from(self.storage_gb)
            + pricing.ipv4_each * Decimal::from(self.ipv4);
        total = total.round_dp(2);
        total.rescale(2);
        total
    }

    /// The documented request body, with `estimatedPrice` computed.
    pub fn request_body(
        &self,
        pricing: &CustomPricing,
    ) -> Result<serde_json::Value, ProviderError> {
        self.validate()?;
        let price: f64 =
            self.price(pricing).to_string().parse().map_err(|_| {
                ProviderError::validation("estimatedPrice", "could not be computed")
            })?;
        Ok(serde_json::json!({
            "name": self.name.trim(),
            "cpuType": self.cpu_type.as_str(),
            "cpuCores": self.cpu_cores,
            "ram": self.ram_gb,
            "storageType": self.storage_type,
            "storageGB": self.storage_gb,
            "ipv4": self.ipv4,
            "estimatedPrice": price,
            "os": self.os.trim(),
        }))
    }
}
