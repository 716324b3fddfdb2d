//! Deterministic fleet material any simulated provider can use: server names,
//! addresses from the documentation ranges, UUIDs and tokens, load curves,
//! calendar formatting, timed state changes and a sliding-window rate limiter.
//!
//! Everything here is provider-neutral and a pure function of a seed, an index
//! or a time, so a provider can serve any state or time range without storing
//! history.

use std::collections::{HashMap, VecDeque};

/// One minute in milliseconds.
pub(crate) const MINUTE_MS: u64 = 60_000;

/// A random stream for one provider: the sandbox seed mixed with the
/// provider's name, so providers seeded alike still get different fleets.
pub(crate) fn rng(seed: u64, salt: &str) -> fastrand::Rng {
    let salt = salt.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    fastrand::Rng::with_seed(mix(seed, salt))
}

/// SplitMix64 over two words: a well-spread hash for deriving values from
/// (seed, time) pairs without keeping a random stream.
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(0x6a09_e667_f3bc_c909);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A uniform value in [0, 1) from a hash.
fn unit(hash: u64) -> f64 {
    (hash >> 11) as f64 / (1_u64 << 53) as f64
}

const ROLES: [&str; 16] = [
    "web", "api", "db", "cache", "worker", "edge", "mail", "ci", "vpn", "monitor", "search",
    "queue", "backup", "proxy", "git", "media",
];
const QUALIFIERS: [&str; 12] = [
    "prod", "staging", "eu", "us", "ams", "fra", "tlv", "dev", "blue", "green", "primary",
    "replica",
];

/// A realistic server name for the `index`-th server of a fleet
/// (`api-prod-03`); the index suffix keeps names unique within a fleet.
pub(crate) fn server_name(rng: &mut fastrand::Rng, index: usize) -> String {
    let role = ROLES[rng.usize(..ROLES.len())];
    let qualifier = QUALIFIERS[rng.usize(..QUALIFIERS.len())];
    format!("{role}-{qualifier}-{:02}", index + 1)
}

/// The three IPv4 documentation networks (RFC 5737), in the order addresses are handed out.
const IPV4_NETWORKS: [&str; 3] = ["203.0.113", "198.51.100", "192.0.2"];
/// Usable hosts per network (.2 to .254).
const IPV4_HOSTS: usize = 253;

/// The `n`-th address of the documentation IPv4 ranges (`203.0.113.2`,
/// `203.0.113.3`, …, then 198.51.100.0/24 and 192.0.2.0/24). The ranges
/// hold 759 hosts; later positions wrap around.
pub(crate) fn ipv4(n: usize) -> String {
    let network = IPV4_NETWORKS[(n / IPV4_HOSTS) % IPV4_NETWORKS.len()];
    format!("{network}.{}", n % IPV4_HOSTS + 2)
}

/// The `n`-th address in 2001:db8::/32 (RFC 3849), one /64 per position.
pub(crate) fn ipv6(n: usize) -> String {
    format!("2001:db8:{:x}:{:x}::1", 0x1000 + (n >> 16), n & 0xffff)
}

/// A random (version 4) UUID in its canonical text form.
pub(crate) fn uuid(rng: &mut fastrand::Rng) -> String {
    let mut b = [0_u8; 16];
    rng.fill(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// `bytes` random bytes as lowercase hex (API keys, opaque ids).
pub(crate) fn hex_token(rng: &mut fastrand::Rng, bytes: usize) -> String {
    let mut b = vec![0_u8; bytes];
    rng.fill(&mut b);
    hex::encode(b)
}

/// A server's load as a percentage over time: a daily swing around a
/// baseline (peaking mid-afternoon in the server's own time zone),
/// minute-level noise and rare half-hour spikes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Load {
    seed: u64,
    base: f64,
    swing: f64,
    noise: f64,
    spike_chance: f64,
    offset_secs: i64,
}

impl Load {
    /// CPU load: low to moderate baseline, wide daily swing, spiky.
    pub(crate) fn cpu(seed: u64) -> Self {
        let h = mix(seed, 0xc0);
        Self {
            seed: h,
            base: 8.0 + unit(mix(h, 1)) * 30.0,
            swing: 5.0 + unit(mix(h, 2)) * 20.0,
            noise: 4.0,
            spike_chance: 0.04,
            offset_secs: (unit(mix(h, 3)) * 43_200.0) as i64 - 21_600,
        }
    }

    /// Memory use: a higher, steadier baseline with a small daily swing.
    pub(crate) fn memory(seed: u64) -> Self {
        let h = mix(seed, 0x3e);
        Self {
            seed: h,
            base: 35.0 + unit(mix(h, 1)) * 35.0,
            swing: 3.0 + unit(mix(h, 2)) * 8.0,
            noise: 1.5,
            spike_chance: 0.0,
            offset_secs: (unit(mix(h, 3)) * 43_200.0) as i64 - 21_600,
        }
    }

    /// The load (0–100, one decimal) at Unix second `t`.
    pub(crate) fn at(&self, t: u64) -> f64 {
        let local = (t as i64)
            .saturating_add(self.offset_secs)
            .rem_euclid(86_400) as f64
            / 86_400.0;
        let daily = self.swing * (std::f64::consts::TAU * (local - 0.375)).sin();
        let noise = (unit(mix(self.seed, t / 60)) * 2.0 - 1.0) * self.noise;
        let bucket = t / 1_800;
        let spike = if unit(mix(self.seed ^ 0x5b1e, bucket)) < self.spike_chance {
            25.0 + unit(mix(self.seed, bucket ^ 0xa5a5)) * 45.0
        } else {
            0.0
        };
        round_to((self.base + daily + noise + spike).clamp(0.0, 100.0), 1)
    }
}

/// `count` sample times `step` seconds apart, oldest first, the last on the
/// latest step boundary at or before `now_secs`.
pub(crate) fn sample_times(now_secs: u64, step: u64, count: u64) -> impl Iterator<Item = u64> {
    let step = step.max(1);
    let last = now_secs - now_secs % step;
    (0..count)
        .rev()
        .filter_map(move |i| last.checked_sub(i * step))
}

/// `value` rounded to `decimals` places.
pub(crate) fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10_f64.powi(decimals);
    (value * scale).round() / scale
}

/// A state that reads `during` until `until_ms` and `after` from then on
/// (provisioning, a power action in progress), evaluated lazily.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Transition<T> {
    during: T,
    after: T,
    until_ms: u64,
}

impl<T: Copy> Transition<T> {
    /// A state that does not change.
    pub(crate) fn settled(state: T) -> Self {
        Self {
            during: state,
            after: state,
            until_ms: 0,
        }
    }

    /// `during` until `until_ms`, then `after`.
    pub(crate) fn between(during: T, after: T, until_ms: u64) -> Self {
        Self {
            during,
            after,
            until_ms,
        }
    }

    /// The state at `now_ms`.
    pub(crate) fn at(&self, now_ms: u64) -> T {
        if now_ms < self.until_ms {
            self.during
        } else {
            self.after
        }
    }

    /// When the state settles (0 for a state that never changed).
    pub(crate) fn until_ms(&self) -> u64 {
        self.until_ms
    }
}

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// (year, month, day) → days since 1970-01-01.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from(if month > 2 { month - 3 } else { month + 9 });
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// Unix milliseconds as an RFC 3339 UTC timestamp (`2026-01-01T00:00:00Z`).
pub(crate) fn rfc3339(ms: u64) -> String {
    let secs = ms / 1_000;
    let (y, m, d) = civil((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3_600,
        s / 60 % 60,
        s % 60
    )
}

/// The calendar year of Unix milliseconds `ms` (UTC).
pub(crate) fn year(ms: u64) -> i64 {
    civil((ms / 86_400_000) as i64).0
}

/// The first monthly anniversary of `start_ms` strictly after `now_ms`, as
/// `YYYY-MM-DD` (a subscription's next renewal). Days past a month's end
/// fall on its last day (31 January renews on 28 or 29 February).
pub(crate) fn next_monthly(start_ms: u64, now_ms: u64) -> String {
    let (y, m, d) = civil((start_ms / 86_400_000) as i64);
    let start_month = y * 12 + i64::from(m) - 1;
    let (ny, nm, _) = civil((now_ms / 86_400_000) as i64);
    let mut months = (ny * 12 + i64::from(nm) - 1 - start_month).max(1);
    loop {
        let index = start_month + months;
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        let last = days_from_civil(year + i64::from(month == 12), month % 12 + 1, 1)
            - days_from_civil(year, month, 1);
        let day = d.min(last as u32);
        let days = days_from_civil(year, month, day);
        if days * 86_400_000 > now_ms as i64 {
            return format!("{year:04}-{month:02}-{day:02}");
        }
        months += 1;
    }
}

/// A sliding-window request limit per key (an API key, a client address).
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limit: usize,
    window_ms: u64,
    hits: HashMap<String, VecDeque<u64>>,
}

impl RateLimiter {
    /// At most `limit` requests per key in any `window_ms`.
    pub(crate) fn new(limit: usize, window_ms: u64) -> Self {
        Self {
            limit,
            window_ms,
            hits: HashMap::new(),
        }
    }

    /// Counts a request from `key` at `now_ms`, or refuses it with the
    /// seconds to wait (at least 1) when the window is full. Refused requests
    /// are not counted.
    pub(crate) fn check(&mut self, key: &str, now_ms: u64) -> Result<(), u64> {
        let hits = self.hits.entry(key.to_string()).or_default();
        while hits.front().is_some_and(|&t| t + self.window_ms <= now_ms) {
            hits.pop_front();
        }
        if hits.len() >= self.limit {
            let oldest = hits.front().copied().unwrap_or(now_ms);
            let wait_ms = (oldest + self.window_ms).saturating_sub(now_ms);
            return Err(wait_ms.div_ceil(1_000).max(1));
        }
        hits.push_back(now_ms);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips_and_formats() {
        assert_eq!(rfc3339(1_767_225_600_000), "2026-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(1_716_508_800_000 + 3_723_000),
            "2024-05-24T01:02:03Z"
        );
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
        assert_eq!(civil(19_782), (2024, 2, 29));
        assert_eq!(year(1_767_225_599_000), 2025);
    }

    #[test]
    fn monthly_renewal_is_the_next_anniversary() {
        let jan31 = days_from_civil(2026, 1, 31) as u64 * 86_400_000;
        assert_eq!(next_monthly(jan31, jan31), "2026-02-28");
        let later = days_from_civil(2026, 5, 10) as u64 * 86_400_000;
        assert_eq!(next_monthly(jan31, later), "2026-05-31");
        let dec15 = days_from_civil(2025, 12, 15) as u64 * 86_400_000;
        assert_eq!(next_monthly(dec15, dec15 + 86_400_000), "2026-01-15");
    }

    #[test]
    fn addresses_stay_in_documentation_ranges() {
        assert_eq!(ipv4(0), "203.0.113.2");
        assert_eq!(ipv4(252), "203.0.113.254");
        assert_eq!(ipv4(253), "198.51.100.2");
        assert_eq!(ipv4(759), "203.0.113.2");
        assert_eq!(ipv6(1), "2001:db8:1000:1::1");
    }

    #[test]
    fn load_is_deterministic_and_bounded() {
        let cpu = Load::cpu(7);
        for t in (0..86_400 * 7).step_by(600) {
            let v = cpu.at(t);
            assert!((0.0..=100.0).contains(&v));
            assert_eq!(v, Load::cpu(7).at(t));
        }
        assert_ne!(Load::cpu(7).at(50_000), Load::cpu(8).at(50_000));
    }

    #[test]
    fn limiter_refuses_a_full_window_and_recovers() {
        let mut l = RateLimiter::new(2, 60_000);
        assert_eq!(l.check("k", 0), Ok(()));
        assert_eq!(l.check("k", 10_000), Ok(()));
        assert_eq!(l.check("k", 20_000), Err(40));
        assert_eq!(l.check("other", 20_000), Ok(()));
        assert_eq!(l.check("k", 60_000), Ok(()));
    }

    #[test]
    fn uuids_are_version_4() {
        let mut rng = fastrand::Rng::with_seed(1);
        let id = uuid(&mut rng);
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }
}
