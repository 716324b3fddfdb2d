//! Load that looks real, computed from a server's seed and the time alone, so
//! any window can be served without stored history: network throughput (a
//! diurnal sine with noise and the odd spike) and the temperatures the IPMI
//! sensors report.

use std::f64::consts::PI;

/// Traffic direction as HOSTKEY counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    /// Into the server.
    In,
    /// Out of the server (the billed direction).
    Out,
}

/// A well-mixed 64-bit hash of two words (splitmix64 finaliser).
pub(super) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A uniform number in [0, 1) from a hash.
fn unit(h: u64) -> f64 {
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// The server's usual outbound rate in Mbit/s (between 2 and 60).
fn base_mbps(seed: u64) -> f64 {
    2.0 + 58.0 * unit(mix(seed, 0xB45E)).powi(2)
}

/// Throughput in Mbit/s during the five minutes containing `secs`.
pub(super) fn mbps(seed: u64, secs: u64, direction: Direction) -> f64 {
    let bucket = secs / 300;
    let day_phase = (secs % 86_400) as f64 / 86_400.0;
    // Busiest around 20:00 UTC, quietest before dawn.
    let diurnal = 1.0 + 0.6 * (2.0 * PI * (day_phase - 0.583)).cos();
    let noise = 0.75 + 0.5 * unit(mix(seed ^ 0x7E57, bucket));
    let spike = if unit(mix(seed ^ 0x5B1C, bucket / 6)) < 0.015 {
        4.0
    } else {
        1.0
    };
    let share = match direction {
        Direction::Out => 1.0,
        Direction::In => 0.25 + 0.2 * unit(mix(seed, 0x1A)),
    };
    base_mbps(seed) * diurnal * noise * spike * share
}

/// Gigabytes moved between two times, summed hour by hour.
pub(super) fn traffic_gb(seed: u64, from_secs: u64, to_secs: u64, direction: Direction) -> f64 {
    let mut total_megabits = 0.0;
    let mut t = from_secs;
    while t < to_secs {
        let end = (t / 3600 + 1).saturating_mul(3600).min(to_secs);
        total_megabits += mbps(seed, t, direction) * (end - t) as f64;
        t = end;
    }
    total_megabits / 8.0 / 1000.0
}

/// A sensor temperature in °C at `secs`: a baseline warmed by the load.
pub(super) fn temperature(seed: u64, secs: u64, baseline: f64) -> f64 {
    let load = mbps(seed, secs, Direction::Out) / (base_mbps(seed) * 1.6);
    baseline + 12.0 * load.min(1.5) + 2.0 * unit(mix(seed ^ 0x7E3, secs / 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn series_repeat_and_follow_the_day() {
        let seed = 34533;
        assert_eq!(
            mbps(seed, 1_700_000_000, Direction::Out),
            mbps(seed, 1_700_000_000, Direction::Out)
        );
        // Averaged over a week, evenings carry more than early mornings.
        let day0 = 1_699_920_000;
        let avg = |hour: u64| -> f64 {
            (0..7)
                .map(|d| mbps(seed, day0 + d * 86_400 + hour * 3600, Direction::Out))
                .sum::<f64>()
                / 7.0
        };
        assert!(avg(20) > avg(4));
        let gb = traffic_gb(seed, day0, day0 + 86_400, Direction::Out);
        assert!(gb > 0.0);
        assert!(traffic_gb(seed, day0, day0 + 86_400, Direction::In) < gb);
    }
}
