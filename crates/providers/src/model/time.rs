//! Instants as Unix seconds, parsed leniently from the providers' date formats.

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime};

/// A point in time, in whole seconds since the Unix epoch (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Seconds since the Unix epoch.
    pub fn unix(self) -> i64 {
        self.0
    }

    /// Parses RFC 3339 (`2026-01-05T10:00:00Z`), `YYYY-MM-DD HH:MM:SS`
    /// (taken as UTC) or `YYYY-MM-DD`. WHMCS zero dates and empty strings
    /// give `None`.
    ///
    /// ```
    /// use providers::Timestamp;
    /// assert_eq!(Timestamp::parse("1970-01-02"), Some(Timestamp(86_400)));
    /// assert_eq!(Timestamp::parse("0000-00-00 00:00:00"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        if text.is_empty() || text.starts_with("0000-00-00") {
            return None;
        }
        if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
            return Some(Timestamp(t.unix_timestamp()));
        }
        let date_time = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
        if let Ok(t) = PrimitiveDateTime::parse(text, date_time) {
            return Some(Timestamp(t.assume_utc().unix_timestamp()));
        }
        let date = format_description!("[year]-[month]-[day]");
        Date::parse(text, date)
            .ok()
            .map(|d| Timestamp(d.midnight().assume_utc().unix_timestamp()))
    }

    /// RFC 3339 text in UTC, e.g. `2026-01-05T10:00:00Z`.
    pub fn to_rfc3339(self) -> String {
        OffsetDateTime::from_unix_timestamp(self.0)
            .ok()
            .and_then(|t| t.format(&Rfc3339).ok())
            .unwrap_or_else(|| self.0.to_string())
    }
}
