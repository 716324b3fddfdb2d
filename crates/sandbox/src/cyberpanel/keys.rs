//! API keys: `cyp_live_` + 64 hex, kept only as SHA-256 hashes; scopes, IP
//! whitelists, expiry and deactivation; the per-minute and per-hour rate
//! windows with their `X-RateLimit-*` headers; request counts and usage logs.

use super::reply::ApiError;
use super::timefmt::{iso, HOUR_MS, MINUTE_MS};
use crate::wire::{self, ResponseExt};
use crate::Response;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};

/// The prefix every key starts with.
pub(super) const KEY_PREFIX: &str = "cyp_live_";
/// Hex digits after the prefix.
const KEY_HEX_LEN: usize = 64;
/// Usage logs kept per key (oldest dropped first).
const LOG_CAPACITY: usize = 5000;
/// The default requests per minute.
pub(super) const DEFAULT_PER_MINUTE: u32 = 60;
/// The default requests per hour.
pub(super) const DEFAULT_PER_HOUR: u32 = 1000;

/// One request made with a key.
#[derive(Debug, Clone)]
pub(super) struct UsageLog {
    /// Path below the mount (`/api/v1/vps`).
    pub endpoint: String,
    /// HTTP method.
    pub method: String,
    /// Caller address.
    pub ip: String,
    /// Status answered.
    pub status: u16,
    /// Time taken to answer.
    pub response_time_ms: u32,
    /// When it happened.
    pub created_ms: u64,
}

impl UsageLog {
    fn json(&self) -> Value {
        json!({
            "endpoint": self.endpoint,
            "method": self.method,
            "ip_address": self.ip,
            "response_status": self.status,
            "response_time_ms": self.response_time_ms,
            "created_at": iso(self.created_ms),
        })
    }
}

/// Requests counted in the current minute and hour.
#[derive(Debug, Clone, Default)]
struct Windows {
    minute_start: u64,
    minute_count: u32,
    hour_start: u64,
    hour_count: u32,
}

/// A stored API key (its secret only as a hash).
#[derive(Debug, Clone)]
pub(super) struct ApiKey {
    /// Key id.
    pub id: u64,
    /// Owning account (index).
    pub account: usize,
    /// Name given at creation.
    pub name: String,
    /// The first 12 characters (`cyp_live_3ac`).
    pub prefix: String,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// False once deactivated.
    pub is_active: bool,
    /// Allowed caller addresses; empty allows any.
    pub ip_whitelist: Vec<String>,
    /// Expiry, if any.
    pub expires_ms: Option<u64>,
    /// Creation time.
    pub created_ms: u64,
    /// Requests per minute.
    pub per_minute: u32,
    /// Requests per hour.
    pub per_hour: u32,
    /// Authenticated requests made so far.
    pub request_count: u64,
    /// Last use: time and address.
    pub last_used: Option<(u64, String)>,
    windows: Windows,
    logs: VecDeque<UsageLog>,
}

impl ApiKey {
    /// A key with the default rate limits and no history.
    pub fn new(
        id: u64,
        account: usize,
        name: &str,
        secret: &str,
        scopes: &[&str],
        created_ms: u64,
    ) -> Self {
        Self {
            id,
            account,
            name: name.to_string(),
            prefix: secret.chars().take(12).collect(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            is_active: true,
            ip_whitelist: Vec::new(),
            expires_ms: None,
            created_ms,
            per_minute: DEFAULT_PER_MINUTE,
            per_hour: DEFAULT_PER_HOUR,
            request_count: 0,
            last_used: None,
            windows: Windows::default(),
            logs: VecDeque::new(),
        }
    }

    /// True when the key grants `scope` (`all` grants every scope).
    pub fn allows(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == "all" || s == scope)
    }

    /// Counts an authenticated request from `ip` at `now_ms`.
    pub fn count_request(&mut self, now_ms: u64, ip: &str) {
        self.request_count += 1;
        self.last_used = Some((now_ms, ip.to_string()));
    }

    /// Appends a usage log (the oldest goes once the log is full).
    pub fn push_log(&mut self, log: UsageLog) {
        if self.logs.len() == LOG_CAPACITY {
            self.logs.pop_front();
        }
        self.logs.push_back(log);
    }

    /// Seeds past usage (already counted in `request_count`).
    pub fn seed_log(&mut self, log: UsageLog) {
        self.last_used = Some((log.created_ms, log.ip.clone()));
        self.push_log(log);
    }

    /// The key as `GET /account/api-keys` lists it.
    pub fn listing(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "key_prefix": self.prefix,
            "scopes": self.scopes,
            "is_active": self.is_active,
            "ip_whitelist": self.ip_whitelist,
            "expires_at": self.expires_ms.map(iso),
            "last_used_at": self.last_used.as_ref().map(|(t, _)| iso(*t)),
            "last_used_ip": self.last_used.as_ref().map(|(_, ip)| ip.clone()),
            "request_count": self.request_count,
            "rate_limit_per_minute": self.per_minute,
            "rate_limit_per_hour": self.per_hour,
            "created_at": iso(self.created_ms),
        })
    }

    /// Usage logs newest first, one page of them, and the total kept.
    pub fn logs_page(&self, offset: usize, limit: usize) -> (Vec<Value>, usize) {
        let page = self
            .logs
            .iter()
            .rev()
            .skip(offset)
            .take(limit)
            .map(UsageLog::json)
            .collect();
        (page, self.logs.len())
    }

    /// Counts a request against the rate windows, or says which limit it exceeds.
    pub fn admit(&mut self, now_ms: u64) -> Result<RateHeaders, (ApiError, RateHeaders)> {
        let minute_start = now_ms - now_ms % MINUTE_MS;
        let hour_start = now_ms - now_ms % HOUR_MS;
        let w = &mut self.windows;
        if w.minute_start != minute_start {
            w.minute_start = minute_start;
            w.minute_count = 0;
        }
        if w.hour_start != hour_start {
            w.hour_start = hour_start;
            w.hour_count = 0;
        }
        let reset_secs = (minute_start + MINUTE_MS) / 1000;
        let exceeded = if w.hour_count >= self.per_hour {
            Some(("hour", hour_start + HOUR_MS))
        } else if w.minute_count >= self.per_minute {
            Some(("minute", minute_start + MINUTE_MS))
        } else {
            None
        };
        if let Some((window, ends_ms)) = exceeded {
            let retry_after = (ends_ms - now_ms).div_ceil(1000);
            let headers = RateHeaders {
                limit: self.per_minute,
                remaining: 0,
                reset_secs,
                retry_after: Some(retry_after),
            };
            return Err((rate_limit_exceeded(window, retry_after), headers));
        }
        w.minute_count += 1;
        w.hour_count += 1;
        Ok(RateHeaders {
            limit: self.per_minute,
            remaining: self.per_minute - w.minute_count,
            reset_secs,
            retry_after: None,
        })
    }
}

/// The documented 429 body for the `window` ("minute" or "hour") limit.
pub(super) fn rate_limit_exceeded(window: &str, retry_after: u64) -> ApiError {
    ApiError::new(
        429,
        "RATE_LIMIT_EXCEEDED",
        "Rate limit exceeded",
        format!("You have exceeded the per {window} rate limit. Please retry after {retry_after} seconds."),
    )
}

/// The rate-limit headers of an authenticated answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct RateHeaders {
    limit: u32,
    remaining: u32,
    reset_secs: u64,
    retry_after: Option<u64>,
}

impl RateHeaders {
    /// Adds `X-RateLimit-*` (and `Retry-After` on a 429) to `response`.
    pub fn apply(&self, response: Response) -> Response {
        let response = response
            .with_header("x-ratelimit-limit", &self.limit.to_string())
            .with_header("x-ratelimit-remaining", &self.remaining.to_string())
            .with_header("x-ratelimit-reset", &self.reset_secs.to_string());
        match self.retry_after {
            Some(secs) => response.with_header("retry-after", &secs.to_string()),
            None => response,
        }
    }
}

/// Every key, found by the hash of its secret.
#[derive(Debug, Default)]
pub(super) struct Keyring {
    keys: Vec<ApiKey>,
    by_hash: HashMap<String, usize>,
}

impl Keyring {
    /// Stores `key` whose secret is `secret`.
    pub fn insert(&mut self, secret: &str, key: ApiKey) {
        self.by_hash.insert(digest(secret), self.keys.len());
        self.keys.push(key);
    }

    /// The key at `index`.
    pub fn get(&self, index: usize) -> Option<&ApiKey> {
        self.keys.get(index)
    }

    /// The key at `index`, to change.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut ApiKey> {
        self.keys.get_mut(index)
    }

    /// The keys of `account`, in creation order.
    pub fn of_account(&self, account: usize) -> impl Iterator<Item = &ApiKey> {
        self.keys.iter().filter(move |k| k.account == account)
    }

    /// Checks the `Authorization` header exactly as the document describes:
    /// present, well-formed, known, unexpired, active and from an allowed IP.
    pub fn authenticate(
        &self,
        headers: &http::HeaderMap,
        client_ip: &str,
        now_ms: u64,
    ) -> Result<usize, ApiError> {
        let token = wire::header(headers, "authorization")
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ApiError::new(
                    401,
                    "NO_API_KEY",
                    "API key required",
                    "Provide your API key in the Authorization header: Bearer cyp_live_<key>",
                )
            })?;
        if !well_formed(token) {
            return Err(ApiError::new(
                401,
                "INVALID_API_KEY",
                "Invalid API key",
                "API keys have the format cyp_live_ followed by 64 hexadecimal characters",
            ));
        }
        let index = *self.by_hash.get(&digest(token)).ok_or_else(unrecognised)?;
        let key = self.keys.get(index).ok_or_else(unrecognised)?;
        if let Some(expired) = key.expires_ms.filter(|t| *t <= now_ms) {
            return Err(ApiError::new(
                401,
                "EXPIRED_API_KEY",
                "API key expired",
                format!(
                    "This API key expired on {}. Create a new key.",
                    iso(expired)
                ),
            ));
        }
        if !key.is_active {
            return Err(ApiError::new(
                401,
                "INACTIVE_API_KEY",
                "API key inactive",
                "This API key has been deactivated",
            ));
        }
        if !key.ip_whitelist.is_empty() && !key.ip_whitelist.iter().any(|ip| ip == client_ip) {
            return Err(ApiError::new(
                403,
                "IP_NOT_ALLOWED",
                "IP address not allowed",
                format!("Requests from {client_ip} are not in this API key's IP whitelist"),
            ));
        }
        Ok(index)
    }
}

/// `INVALID_API_KEY` for a well-formed key that is not on record.
pub(super) fn unrecognised() -> ApiError {
    ApiError::new(
        401,
        "INVALID_API_KEY",
        "Invalid API key",
        "The API key was not recognised",
    )
}

/// `cyp_live_` followed by exactly 64 hex digits.
fn well_formed(token: &str) -> bool {
    token
        .strip_prefix(KEY_PREFIX)
        .is_some_and(|hex| hex.len() == KEY_HEX_LEN && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The stored form of a key: its SHA-256, hex.
fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}
