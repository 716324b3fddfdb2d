//! Live numbers for `GET /vps/{id}/status`, as Proxmox reports them: CPU and
//! memory following a daily rhythm with noise and occasional spikes, and disk
//! and network byte counters that grow from the last boot. Everything is a
//! function of the VPS seed and the time, so nothing is stored.

use std::f64::consts::TAU;

const DAY_SECS: f64 = 86_400.0;

/// One reading of a running machine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Live {
    /// CPU use across all cores, percent (one decimal).
    pub cpu_percent: f64,
    /// Memory in use, bytes.
    pub memory_used: u64,
    /// Bytes read from disk since boot.
    pub disk_read: u64,
    /// Bytes written to disk since boot.
    pub disk_write: u64,
    /// Bytes received since boot.
    pub net_in: u64,
    /// Bytes sent since boot.
    pub net_out: u64,
}

/// The reading at `now_ms` of a machine booted at `booted_ms` with `memory_total` bytes.
pub(super) fn sample(seed: u64, memory_total: u64, booted_ms: u64, now_ms: u64) -> Live {
    let t = now_ms as f64 / 1000.0;
    let phase = TAU * unit(mix(seed, 2));
    let daily = (TAU * t / DAY_SECS + phase).sin();
    let noise = unit(mix(seed ^ (now_ms / 60_000), 3)) * 2.0 - 1.0;
    let spike_roll = mix(seed ^ (now_ms / 300_000), 4);
    let spike = if unit(spike_roll) < 0.04 {
        30.0 + 40.0 * unit(mix(spike_roll, 5))
    } else {
        0.0
    };
    let base = 2.0 + 25.0 * unit(mix(seed, 1));
    let cpu = (base * (1.0 + 0.6 * daily) + 2.5 * noise + spike).clamp(0.1, 100.0);
    let memory_share =
        (0.3 + 0.35 * unit(mix(seed, 6)) + 0.08 * daily + 0.02 * noise).clamp(0.05, 0.98);
    let from = booted_ms.min(now_ms) as f64 / 1000.0;
    let counter = |salt: u64, low: f64, spread: f64| -> u64 {
        let rate = low + spread * unit(mix(seed, salt));
        grown(rate, phase, from, t)
    };
    Live {
        cpu_percent: (cpu * 10.0).round() / 10.0,
        memory_used: (memory_total as f64 * memory_share) as u64,
        disk_read: counter(10, 20_000.0, 400_000.0),
        disk_write: counter(11, 10_000.0, 250_000.0),
        net_in: counter(12, 50_000.0, 900_000.0),
        net_out: counter(13, 15_000.0, 300_000.0),
    }
}

/// Bytes moved between `from` and `to` (seconds) at `rate` bytes per second
/// varied by half over the day: the integral of `rate * (1 + 0.5 sin(ωt + φ))`.
fn grown(rate: f64, phase: f64, from: f64, to: f64) -> u64 {
    let omega = TAU / DAY_SECS;
    let wave = 0.5 / omega * ((omega * from + phase).cos() - (omega * to + phase).cos());
    (rate * ((to - from) + wave)).max(0.0) as u64
}

/// A well-mixed 64-bit hash of two values (SplitMix64 finaliser).
pub(super) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A hash as a fraction in [0, 1).
fn unit(hash: u64) -> f64 {
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_grow_and_readings_stay_in_range() {
        let start = 1_767_625_200_000;
        let mut last = sample(7, 1 << 30, start, start);
        assert_eq!(last.disk_read, 0);
        for minute in 1..600 {
            let now = start + minute * 60_000;
            let live = sample(7, 1 << 30, start, now);
            assert!(live.disk_read > last.disk_read && live.net_out > last.net_out);
            assert!((0.1..=100.0).contains(&live.cpu_percent));
            assert!(live.memory_used < 1 << 30);
            last = live;
        }
    }
}
