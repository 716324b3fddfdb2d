//! Request rate limits per client IP (`X-Forwarded-For`, then `X-Real-IP`,
//! then the socket address): 600 a minute in general, 10 a minute on the
//! email-verification and contact endpoints, counted in fixed one-minute windows.

use std::collections::HashMap;

use crate::{wire, Incoming};

use super::time::{MINUTE, SECOND};

/// Requests a minute in general.
pub(super) const GENERAL_PER_MINUTE: u32 = 600;
/// Requests a minute on the sensitive endpoints.
pub(super) const STRICT_PER_MINUTE: u32 = 10;
/// Distinct clients remembered before old windows are dropped.
const PRUNE_AT: usize = 10_000;

/// Which budget a request draws on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Bucket {
    /// Every request.
    General,
    /// Email verification and the contact form.
    Strict,
}

impl Bucket {
    fn limit(self) -> u32 {
        match self {
            Bucket::General => GENERAL_PER_MINUTE,
            Bucket::Strict => STRICT_PER_MINUTE,
        }
    }
}

/// Counts per client, bucket and minute.
#[derive(Debug, Default)]
pub(super) struct Limiter {
    windows: HashMap<(String, Bucket), (u64, u32)>,
}

/// The address the server attributes `request` to.
pub(super) fn client_ip(request: &Incoming) -> String {
    wire::header(request.headers, "x-forwarded-for")
        .and_then(|list| list.split(',').next())
        .or_else(|| wire::header(request.headers, "x-real-ip"))
        .map(str::trim)
        .filter(|ip| !ip.is_empty())
        .unwrap_or(request.client_ip)
        .to_string()
}

impl Limiter {
    /// Counts one request in `buckets`; `Err(retry_after_secs)` when over a limit.
    pub(super) fn admit(&mut self, ip: &str, buckets: &[Bucket], now: u64) -> Result<(), u64> {
        let window = now / MINUTE;
        if self.windows.len() > PRUNE_AT {
            self.windows.retain(|_, (w, _)| *w == window);
        }
        for &bucket in buckets {
            let entry = self
                .windows
                .entry((ip.to_string(), bucket))
                .or_insert((window, 0));
            if entry.0 != window {
                *entry = (window, 0);
            }
            if entry.1 >= bucket.limit() {
                let rest_ms = (window + 1) * MINUTE - now;
                return Err(rest_ms.div_ceil(SECOND).max(1));
            }
            entry.1 += 1;
        }
        Ok(())
    }
}
