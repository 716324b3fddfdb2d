//! VM load that looks real: a daily cycle peaking in the afternoon (UTC),
//! per-minute noise and the odd spike, computed from the VM's seed and the
//! timestamp alone, so any instant can be served without stored history.

use std::f64::consts::TAU;

/// One minute of load.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Sample {
    /// CPU use, 0–1.
    pub(super) cpu: f64,
    /// Memory in use, 0–1 of the VM's memory.
    pub(super) memory: f64,
    /// Bytes per second received.
    pub(super) net_in: f64,
    /// Bytes per second sent.
    pub(super) net_out: f64,
    /// Bytes per second read from disk.
    pub(super) disk_read: f64,
    /// Bytes per second written to disk.
    pub(super) disk_write: f64,
}

/// A VM's character: how busy it usually is.
#[derive(Debug, Clone, Copy)]
struct Profile {
    cpu: f64,
    memory: f64,
    net: f64,
    disk: f64,
    /// Hour (UTC) of the daily peak.
    peak_hour: f64,
}

impl Profile {
    fn of(seed: u64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed);
        Profile {
            cpu: 0.03 + 0.35 * rng.f64(),
            memory: 0.25 + 0.5 * rng.f64(),
            net: 10f64.powf(3.0 + 3.0 * rng.f64()),
            disk: 10f64.powf(3.0 + 2.5 * rng.f64()),
            peak_hour: 12.0 + 8.0 * rng.f64(),
        }
    }
}

/// The mean bytes per second a VM moves (in, out, read, write), for its counters.
pub(super) fn mean_rates(seed: u64) -> [f64; 4] {
    let p = Profile::of(seed);
    [p.net * 0.8, p.net * 0.5, p.disk * 0.3, p.disk * 0.7]
}

/// The load of the VM with `seed` during the minute holding `unix_secs`.
pub(super) fn sample(seed: u64, unix_secs: u64) -> Sample {
    let p = Profile::of(seed);
    let minute = unix_secs / 60;
    let hour = ((minute * 60) % 86_400) as f64 / 3_600.0;
    // 0 at the trough, 1 at the peak hour.
    let daily = 0.5 + 0.5 * (TAU * (hour - p.peak_hour) / 24.0).cos();
    let mut noise = fastrand::Rng::with_seed(seed ^ minute.wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let spike = if noise.u32(0..60) == 0 {
        0.3 + 0.6 * noise.f64()
    } else {
        0.0
    };
    let jitter = |rng: &mut fastrand::Rng| 0.8 + 0.4 * rng.f64();
    let busy = 0.3 + 0.9 * daily;
    Sample {
        cpu: (p.cpu * busy * jitter(&mut noise) + spike).clamp(0.001, 1.0),
        memory: (p.memory + 0.1 * daily + 0.03 * (noise.f64() - 0.5) + spike * 0.2)
            .clamp(0.05, 0.98),
        net_in: p.net * busy * jitter(&mut noise) * (1.0 + 4.0 * spike),
        net_out: p.net * 0.6 * busy * jitter(&mut noise) * (1.0 + 2.0 * spike),
        disk_read: p.disk * 0.3 * busy * jitter(&mut noise),
        disk_write: p.disk * 0.7 * busy * jitter(&mut noise) * (1.0 + 3.0 * spike),
    }
}

/// A sample with nothing running.
pub(super) const IDLE: Sample = Sample {
    cpu: 0.0,
    memory: 0.0,
    net_in: 0.0,
    net_out: 0.0,
    disk_read: 0.0,
    disk_write: 0.0,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_repeat_and_follow_the_day() {
        let seed = 7;
        assert_eq!(sample(seed, 1_754_042_400), sample(seed, 1_754_042_430));
        let p = Profile::of(seed);
        let day = 1_754_006_400; // midnight UTC
        let peak = day + (p.peak_hour * 3_600.0) as u64;
        let trough = peak - 12 * 3_600;
        let mean = |start: u64| {
            (0..30)
                .map(|m| sample(seed, start + m * 60).cpu)
                .sum::<f64>()
                / 30.0
        };
        assert!(mean(peak) > mean(trough));
        let s = sample(seed, peak);
        assert!((0.0..=1.0).contains(&s.cpu) && (0.0..=1.0).contains(&s.memory));
    }
}
