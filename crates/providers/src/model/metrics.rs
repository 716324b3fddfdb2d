//! Metric series for the server page's charts.

use super::Timestamp;
use serde::{Deserialize, Serialize};

/// What a series measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// CPU usage.
    Cpu,
    /// Memory in use.
    Memory,
    /// Network received.
    NetIn,
    /// Network sent.
    NetOut,
    /// Disk read.
    DiskRead,
    /// Disk written.
    DiskWrite,
}

impl MetricKind {
    /// Chart title.
    pub fn label(self) -> &'static str {
        match self {
            MetricKind::Cpu => "CPU",
            MetricKind::Memory => "Memory",
            MetricKind::NetIn => "Network in",
            MetricKind::NetOut => "Network out",
            MetricKind::DiskRead => "Disk read",
            MetricKind::DiskWrite => "Disk write",
        }
    }
}

/// The unit of a series' values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricUnit {
    /// 0–100.
    Percent,
    /// Bytes.
    Bytes,
    /// Bytes per second.
    BytesPerSecond,
}

/// A time range a provider can return history for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricRange {
    /// The last hour.
    Hour,
    /// The last day.
    Day,
    /// The last week.
    Week,
    /// The last month.
    Month,
}

impl MetricRange {
    /// The word used in query strings and labels (`hour`, `day`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            MetricRange::Hour => "hour",
            MetricRange::Day => "day",
            MetricRange::Week => "week",
            MetricRange::Month => "month",
        }
    }
}

/// One sample.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MetricPoint {
    /// When it was taken.
    pub time: Timestamp,
    /// The value, in the series' unit.
    pub value: f64,
}

/// A series of samples of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSeries {
    /// What it measures.
    pub kind: MetricKind,
    /// The unit of `points[].value`.
    pub unit: MetricUnit,
    /// Samples, oldest first.
    pub points: Vec<MetricPoint>,
}
