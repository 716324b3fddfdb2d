//! What can be ordered: plans (templates, presets), images and locations.

use super::Money;
use serde::{Deserialize, Serialize};

/// A plan, template or preset that can be ordered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The provider's id (what the order request takes).
    pub id: String,
    /// Display name.
    pub name: String,
    /// CPU cores.
    pub cpu_cores: Option<u32>,
    /// Memory in bytes.
    pub memory_bytes: Option<u64>,
    /// Disk in bytes.
    pub disk_bytes: Option<u64>,
    /// Monthly price, where the provider gives one.
    pub monthly_price: Option<Money>,
    /// Hourly price, where the provider bills by the hour or minute.
    pub hourly_price: Option<Money>,
    /// Locations it can be ordered in (empty when not restricted or unknown).
    pub locations: Vec<String>,
    /// The provider's JSON for this plan.
    pub raw: serde_json::Value,
}

/// An operating-system image or template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// The provider's id.
    pub id: String,
    /// Display name (`Ubuntu 24.04`).
    pub name: String,
    /// False when listed but not orderable now.
    pub available: bool,
    /// The provider's JSON for this image.
    pub raw: serde_json::Value,
}

/// A data-centre location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The provider's code (`la`, `NL`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// False when not orderable now.
    pub available: bool,
}
