//! Timestamps as LNVPS writes them: RFC 3339 in UTC with whole seconds
//! (`2024-01-01T00:00:00Z`), and the durations its billing counts in.

/// One second in milliseconds.
pub(super) const SECOND: u64 = 1_000;
/// One minute in milliseconds.
pub(super) const MINUTE: u64 = 60 * SECOND;
/// One hour in milliseconds.
pub(super) const HOUR: u64 = 60 * MINUTE;
/// One day in milliseconds.
pub(super) const DAY: u64 = 24 * HOUR;
/// One billing month (the seed's `time: 2592000`), in milliseconds.
pub(super) const MONTH: u64 = 30 * DAY;

/// `ms` (Unix milliseconds) as `YYYY-MM-DDTHH:MM:SSZ`.
pub(super) fn rfc3339(ms: u64) -> String {
    let secs = ms / 1000;
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// The calendar date of a day count since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_704_067_200_000), "2024-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_709_210_096_999), "2024-02-29T12:34:56Z");
    }
}
