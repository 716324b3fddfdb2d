//! Calendar arithmetic for the dates HOSTKEY prints: `YYYY-MM-DD`,
//! `YYYY-MM-DD HH:MM:SS` and WHMCS's zero date, all in UTC.

/// Seconds in a day.
pub(super) const DAY: u64 = 86_400;

/// WHMCS's "never" timestamp.
pub(super) const ZERO_DATETIME: &str = "0000-00-00 00:00:00";

/// Days since 1970-01-01 for a civil date (proleptic Gregorian).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day count since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DD` of a Unix time in seconds.
pub(super) fn date(secs: u64) -> String {
    let (y, m, d) = civil_from_days((secs / DAY) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DD HH:MM:SS` of a Unix time in seconds.
pub(super) fn datetime(secs: u64) -> String {
    let rest = secs % DAY;
    format!(
        "{} {:02}:{:02}:{:02}",
        date(secs),
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Midnight of a `Y-M-D` date (one- or two-digit month and day accepted).
pub(super) fn parse_date(text: &str) -> Option<u64> {
    let mut parts = text.trim().split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1970..=9999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    if day == 0 || day > days_in_month(year, month) {
        return None;
    }
    u64::try_from(days_from_civil(year, month, day))
        .ok()
        .map(|d| d * DAY)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The same time of day `months` calendar months later (the day clamped to the month's end).
pub(super) fn add_months(secs: u64, months: i64) -> u64 {
    let (y, m, d) = civil_from_days((secs / DAY) as i64);
    let index = y * 12 + i64::from(m) - 1 + months;
    let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u32);
    let day = d.min(days_in_month(year, month));
    let days = days_from_civil(year, month, day);
    u64::try_from(days)
        .map(|d| d * DAY + secs % DAY)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        assert_eq!(datetime(1_702_895_140), "2023-12-18 10:25:40");
        assert_eq!(date(0), "1970-01-01");
        let midnight = parse_date("2024-02-29").unwrap();
        assert_eq!(date(midnight), "2024-02-29");
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-13-01"), None);
    }

    #[test]
    fn month_arithmetic_clamps_to_month_end() {
        let jan31 = parse_date("2024-01-31").unwrap();
        assert_eq!(date(add_months(jan31, 1)), "2024-02-29");
        assert_eq!(date(add_months(jan31, -2)), "2023-11-30");
        assert_eq!(date(add_months(jan31, 12)), "2025-01-31");
    }
}
