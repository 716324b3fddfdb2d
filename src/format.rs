//! Formatting for tables and detail pages: times, sizes, money, addresses.

use providers::{Money, Timestamp};

/// `2026-01-05 10:00` (UTC) for a timestamp.
pub fn date_time(t: Timestamp) -> String {
    let text = t.to_rfc3339();
    text.get(..16).map(|s| s.replace('T', " ")).unwrap_or(text)
}

/// "in 3 days", "2 h ago" relative to `now_secs`.
pub fn relative(t: Timestamp, now_secs: i64) -> String {
    let delta = t.unix() - now_secs;
    let abs = delta.unsigned_abs();
    let amount = match abs {
        0..=59 => format!("{abs} s"),
        60..=3599 => format!("{} min", abs / 60),
        3600..=86_399 => format!("{} h", abs / 3600),
        86_400..=172_799 => "1 day".to_string(),
        _ => format!("{} days", abs / 86_400),
    };
    if delta >= 0 {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// `4 GiB`, `60 GiB`, `512 MiB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if value.fract() < 0.05 || value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A monthly cost, or a dash.
pub fn money(m: Option<&Money>) -> String {
    m.map(|m| m.to_string()).unwrap_or_else(|| "—".into())
}

/// Seconds since the epoch now.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}
