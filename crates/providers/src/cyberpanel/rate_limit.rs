//! The rate-limit headers CyberPanel puts on every response.

use crate::model::Timestamp;
use http::HeaderMap;
use serde::{Deserialize, Serialize};

/// `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` of one response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimit {
    /// Requests allowed in the current window (60 per minute by default).
    pub limit: u64,
    /// Requests left in the current window.
    pub remaining: u64,
    /// When the window resets.
    pub reset: Timestamp,
}

impl RateLimit {
    /// Reads the three headers; `None` unless all three are present and numeric.
    ///
    /// ```
    /// use providers::cyberpanel::RateLimit;
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("x-ratelimit-limit", "60".parse().unwrap());
    /// headers.insert("x-ratelimit-remaining", "58".parse().unwrap());
    /// headers.insert("x-ratelimit-reset", "1704067200".parse().unwrap());
    /// let rl = RateLimit::from_headers(&headers).unwrap();
    /// assert_eq!((rl.limit, rl.remaining, rl.reset.unix()), (60, 58, 1704067200));
    /// ```
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        let number = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
        };
        Some(RateLimit {
            limit: number("x-ratelimit-limit")?,
            remaining: number("x-ratelimit-remaining")?,
            reset: Timestamp(i64::try_from(number("x-ratelimit-reset")?).ok()?),
        })
    }

    /// True when no request is left in this window.
    pub fn is_exhausted(&self) -> bool {
        self.remaining == 0
    }

    /// Seconds from `now` (Unix seconds) until the window resets; 0 once past.
    pub fn seconds_until_reset(&self, now: u64) -> u64 {
        u64::try_from(self.reset.unix())
            .unwrap_or(0)
            .saturating_sub(now)
    }
}
