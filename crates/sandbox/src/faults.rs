//! Fault injection per provider: latency, failures, timeouts, malformed
//! bodies and bursts of 429s. Set at start and changeable while running.

use serde::{Deserialize, Serialize};

/// The faults one provider suffers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Added to every answer, in milliseconds.
    pub latency_ms: u64,
    /// Share of requests (0–1) answered with `error_status` instead.
    pub error_rate: f64,
    /// The status those failures get (500 when unset).
    pub error_status: u16,
    /// Share of requests (0–1) never answered.
    pub timeout_rate: f64,
    /// Share of requests (0–1) answered 200 with a truncated JSON body.
    pub malformed_rate: f64,
    /// The next this-many requests get the provider's 429.
    pub rate_limit_burst: u32,
    /// `Retry-After` seconds on those 429s (at least 1).
    pub retry_after_secs: u64,
}

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Normal,
    Timeout,
    Error(u16),
    Malformed,
}

impl Faults {
    /// True when nothing is injected.
    pub fn is_clear(&self) -> bool {
        *self == Faults::default()
    }

    /// Picks the outcome for a request, given a uniform roll in [0, 1).
    pub(crate) fn decide(&self, roll: f64) -> Outcome {
        let timeout = self.timeout_rate.clamp(0.0, 1.0);
        let error = timeout + self.error_rate.clamp(0.0, 1.0);
        let malformed = error + self.malformed_rate.clamp(0.0, 1.0);
        if roll < timeout {
            Outcome::Timeout
        } else if roll < error {
            Outcome::Error(if (500..600).contains(&self.error_status) {
                self.error_status
            } else {
                500
            })
        } else if roll < malformed {
            Outcome::Malformed
        } else {
            Outcome::Normal
        }
    }
}
