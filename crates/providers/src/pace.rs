//! Each provider's documented request limits, and a [`Pacer`] that keeps a
//! stream of requests under them. Sans-IO like the rest of the crate: the
//! caller passes the time, does the waiting, and reports what it sent.
//!
//! ```
//! use providers::pace::{Pacer, RateLimits};
//! use providers::ProviderId;
//! let mut pacer = Pacer::new(RateLimits::of(ProviderId::Cyberpanel));
//! assert_eq!(pacer.wait_ms(0), 0);
//! pacer.record(0, 50);
//! // The minute's budget is spent: the next request waits for the first to age out.
//! assert_eq!(pacer.wait_ms(1_000), 59_000);
//! ```

use crate::model::ProviderId;
use std::collections::VecDeque;

/// Whose requests a provider counts together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Each account (API key, token or login) has its own budget.
    Account,
    /// Every request from one client IP counts, whatever the account: all
    /// of this provider's accounts in the panel share one budget.
    ClientIp,
}

/// At most `limit` requests in any `span_secs` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Requests allowed in the span.
    pub limit: u32,
    /// The span, in seconds.
    pub span_secs: u64,
}

/// A provider's limits: whose requests count together, the pace the panel
/// keeps, and where the numbers come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Whose requests count together.
    pub scope: Scope,
    /// The pace kept: every window at most this many. Documented limits are
    /// kept at about 80 %, leaving room for the panel's other requests (a
    /// fleet refresh while a bulk action runs) and for steps that cost more
    /// requests than the one reserved for them.
    pub pace: &'static [Window],
    /// What the provider documents, in words for the user.
    pub documented: &'static str,
}

impl RateLimits {
    /// The limits of `provider`.
    ///
    /// ```
    /// use providers::pace::{RateLimits, Scope};
    /// use providers::ProviderId;
    /// assert_eq!(RateLimits::of(ProviderId::Lnvps).scope, Scope::ClientIp);
    /// assert!(RateLimits::of(ProviderId::Cyberpanel).pace.iter().all(|w| w.limit < 1000));
    /// ```
    pub fn of(provider: ProviderId) -> RateLimits {
        // Providers that document no number get one request a second.
        const ONE_A_SECOND: &[Window] = &[Window {
            limit: 60,
            span_secs: 60,
        }];
        match provider {
            // "Per Minute 60 requests … Per Hour 1000 requests", per API key.
            ProviderId::Cyberpanel => RateLimits {
                scope: Scope::Account,
                pace: &[
                    Window {
                        limit: 50,
                        span_secs: 60,
                    },
                    Window {
                        limit: 800,
                        span_secs: 3600,
                    },
                ],
                documented: "60 requests a minute and 1,000 an hour per API key",
            },
            // The server's limiter: 600 a minute per client IP.
            ProviderId::Lnvps => RateLimits {
                scope: Scope::ClientIp,
                pace: &[Window {
                    limit: 480,
                    span_secs: 60,
                }],
                documented: "600 requests a minute per client IP",
            },
            ProviderId::Litevps => RateLimits {
                scope: Scope::Account,
                pace: ONE_A_SECOND,
                documented:
                    "no limit for these calls (only sign-up, 10 a minute); paced at one a second",
            },
            ProviderId::Llamalink => RateLimits {
                scope: Scope::Account,
                pace: ONE_A_SECOND,
                documented: "a 429 without a number; paced at one a second",
            },
            ProviderId::Hostkey => RateLimits {
                scope: Scope::Account,
                pace: ONE_A_SECOND,
                documented: "no request limit (only login throttling); paced at one a second",
            },
        }
    }
}

/// Keeps requests under a provider's windows: ask [`Pacer::wait_ms`] before
/// a request, tell [`Pacer::record`] what was sent, and
/// [`Pacer::hold_until`] when the provider answered 429 anyway.
#[derive(Debug, Clone)]
pub struct Pacer {
    windows: Vec<(u32, u64)>,
    /// When each recorded request was sent (Unix ms, oldest first).
    sent: VecDeque<u64>,
    held_until_ms: u64,
}

impl Pacer {
    /// A pacer for `limits`, with nothing sent yet.
    pub fn new(limits: RateLimits) -> Self {
        Self {
            windows: limits
                .pace
                .iter()
                .map(|w| (w.limit.max(1), w.span_secs.saturating_mul(1000)))
                .collect(),
            sent: VecDeque::new(),
            held_until_ms: 0,
        }
    }

    /// Milliseconds to wait from `now_ms` before one more request fits in
    /// every window (and any hold has passed); 0 to send now.
    pub fn wait_ms(&self, now_ms: u64) -> u64 {
        let mut wait = self.held_until_ms.saturating_sub(now_ms);
        for &(limit, span) in &self.windows {
            let inside: Vec<u64> = self
                .sent
                .iter()
                .copied()
                .filter(|&t| t + span > now_ms)
                .collect();
            let excess = (inside.len() + 1).saturating_sub(limit as usize);
            if let Some(&leaves) = excess.checked_sub(1).and_then(|i| inside.get(i)) {
                wait = wait.max(leaves + span - now_ms);
            }
        }
        wait
    }

    /// Counts `count` requests sent at `now_ms`.
    pub fn record(&mut self, now_ms: u64, count: u32) {
        let longest = self.windows.iter().map(|w| w.1).max().unwrap_or(0);
        while self.sent.front().is_some_and(|&t| t + longest <= now_ms) {
            self.sent.pop_front();
        }
        // Times only move forward here, so the list stays sorted.
        let at = self.sent.back().map_or(now_ms, |&last| last.max(now_ms));
        self.sent.extend(std::iter::repeat_n(at, count as usize));
    }

    /// Sends nothing before `until_ms` (the provider's `Retry-After`).
    pub fn hold_until(&mut self, until_ms: u64) {
        self.held_until_ms = self.held_until_ms.max(until_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sends as fast as the pacer allows, `per_step` requests per step, and
    /// returns the send times.
    fn drive(provider: ProviderId, steps: usize, per_step: u32) -> Vec<u64> {
        let mut pacer = Pacer::new(RateLimits::of(provider));
        let mut now = 1_000_000;
        let mut times = Vec::new();
        for _ in 0..steps {
            now += pacer.wait_ms(now);
            for _ in 0..per_step {
                times.push(now);
            }
            pacer.record(now, per_step);
            now += 5;
        }
        times
    }

    fn most_in_any(times: &[u64], span_ms: u64) -> usize {
        times
            .iter()
            .map(|&start| {
                times
                    .iter()
                    .filter(|&&t| t >= start && t < start + span_ms)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn cyberpanel_stays_under_sixty_a_minute_and_a_thousand_an_hour() {
        let times = drive(ProviderId::Cyberpanel, 1_200, 1);
        assert!(most_in_any(&times, 60_000) <= 60);
        assert!(most_in_any(&times, 3_600_000) <= 1000);
        // And it does not crawl: the hour's budget is what limits it.
        let last = *times.last().unwrap_or(&0) - times[0];
        assert!(last < 2 * 3_600_000, "{last} ms");
    }

    #[test]
    fn steps_costing_two_requests_still_stay_under_the_documented_minute() {
        let times = drive(ProviderId::Cyberpanel, 200, 2);
        assert!(most_in_any(&times, 60_000) <= 60);
    }

    #[test]
    fn lnvps_stays_under_six_hundred_a_minute() {
        let times = drive(ProviderId::Lnvps, 1_500, 1);
        assert!(most_in_any(&times, 60_000) <= 600);
    }

    #[test]
    fn undocumented_providers_go_one_a_second_on_average() {
        for p in [
            ProviderId::Litevps,
            ProviderId::Llamalink,
            ProviderId::Hostkey,
        ] {
            let times = drive(p, 180, 1);
            assert!(most_in_any(&times, 60_000) <= 60, "{p:?}");
        }
    }

    #[test]
    fn a_hold_delays_the_next_request_until_it_ends() {
        let mut pacer = Pacer::new(RateLimits::of(ProviderId::Llamalink));
        pacer.hold_until(45_000);
        assert_eq!(pacer.wait_ms(10_000), 35_000);
        assert_eq!(pacer.wait_ms(45_000), 0);
    }

    #[test]
    fn nothing_sent_means_no_wait() {
        let pacer = Pacer::new(RateLimits::of(ProviderId::Hostkey));
        assert_eq!(pacer.wait_ms(123), 0);
    }
}
