//! LlamaLink (`api.llamalink.net`) simulated from its API reference:
//! `llk_` API keys (401 without the header, 403 for an unknown key), 120
//! requests a minute per key, public catalogues, idempotent server orders
//! charged to a saved card (402 without one) with minute-long provisioning,
//! power actions that take a few seconds, metrics history, websites,
//! profile and subscriptions. Errors are `{"error": "…"}`.

mod account;
mod body;
mod catalog;
mod orders;
mod seed;
mod servers;
mod websites;

use crate::fleet::{ipv4, RateLimiter, MINUTE_MS};
use crate::wire::{self, Form, ResponseExt};
use crate::{Incoming, Response, Simulator};
use account::Account;
use http::Method;
use serde_json::json;
use servers::{Metric, Power, Range};

/// Requests a key may make per minute.
const RATE_LIMIT: usize = 120;

/// A LlamaLink error response.
fn error(status: u16, message: &str) -> Response {
    wire::json(status, &json!({ "error": message }))
}

/// LlamaLink's 429.
fn too_many(retry_after_secs: u64) -> Response {
    error(429, "Rate limited").with_header("retry-after", &retry_after_secs.to_string())
}

/// Hands out ids, addresses and per-server seeds.
#[derive(Debug)]
pub(super) struct Allocator {
    next_vps: u64,
    next_subscription: u64,
    next_address: usize,
    rng: fastrand::Rng,
}

impl Allocator {
    /// The next server id.
    fn vps_id(&mut self) -> u64 {
        self.next_vps += 1;
        self.next_vps - 1
    }

    /// The next subscription id.
    fn subscription_id(&mut self) -> u64 {
        self.next_subscription += 1;
        self.next_subscription - 1
    }

    /// `count` fresh IPv4 addresses.
    fn addresses(&mut self, count: u32) -> Vec<String> {
        (0..count)
            .map(|_| {
                self.next_address += 1;
                ipv4(self.next_address - 1)
            })
            .collect()
    }

    /// A seed for a new server's load curves.
    fn seed(&mut self) -> u64 {
        self.rng.u64(..)
    }

    /// The random stream, for ids.
    fn rng(&mut self) -> &mut fastrand::Rng {
        &mut self.rng
    }
}

/// A public catalogue path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Catalogue {
    Plans,
    Templates,
}

/// A path that needs an API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UserRoute<'a> {
    Payment,
    Subscribe,
    Custom,
    Progress(&'a str),
    Servers,
    Server(&'a str),
    Power(Power, &'a str),
    Metrics(&'a str),
    Websites,
    WebsiteInfo(&'a str),
    NewWebsite,
    Profile,
    Subscriptions,
}

/// A documented path, before its method is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route<'a> {
    Public(Catalogue),
    User(UserRoute<'a>),
}

impl<'a> Route<'a> {
    fn parse(path: &'a str) -> Option<Route<'a>> {
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
        let user = match segments.as_slice() {
            ["platform", "vps-plans"] => return Some(Route::Public(Catalogue::Plans)),
            ["platform", "os-templates"] => return Some(Route::Public(Catalogue::Templates)),
            ["user", "payment"] => UserRoute::Payment,
            ["user", "subscribe-vps"] => UserRoute::Subscribe,
            ["user", "custom-packages"] => UserRoute::Custom,
            ["user", "vps"] => UserRoute::Servers,
            ["user", "vps", "provision-progress", op] => UserRoute::Progress(op),
            ["user", "vps", id, "metrics-history"] => UserRoute::Metrics(id),
            ["user", "vps", action, id] => UserRoute::Power(Power::parse(action)?, id),
            ["user", "vps", id] => UserRoute::Server(id),
            ["user", "websites"] => UserRoute::Websites,
            ["user", "websites", "new"] => UserRoute::NewWebsite,
            ["user", "websites", "info", id] => UserRoute::WebsiteInfo(id),
            ["user", "profile"] => UserRoute::Profile,
            ["user", "subscriptions"] => UserRoute::Subscriptions,
            _ => return None,
        };
        Some(Route::User(user))
    }

    fn method(self) -> Method {
        match self {
            Route::User(UserRoute::Subscribe | UserRoute::Custom | UserRoute::NewWebsite) => {
                Method::POST
            }
            _ => Method::GET,
        }
    }
}

/// The simulated LlamaLink.
pub(crate) struct Sim {
    accounts: Vec<Account>,
    alloc: Allocator,
    limiter: RateLimiter,
}

impl Sim {
    /// Two accounts (one with a saved card and a fleet of `servers`, one
    /// without a card), seeded from `seed`.
    pub(crate) fn new(servers: usize, seed: u64, now_ms: u64) -> Self {
        let (accounts, alloc) = seed::accounts(servers, seed, now_ms);
        Sim {
            accounts,
            alloc,
            limiter: RateLimiter::new(RATE_LIMIT, MINUTE_MS),
        }
    }

    /// Answers a request that needs an API key.
    fn user(&mut self, route: UserRoute, request: &Incoming, now_ms: u64) -> Response {
        let Some(header) =
            wire::header(request.headers, "authorization").filter(|h| !h.trim().is_empty())
        else {
            return error(401, "Missing Authorization header");
        };
        let key = header
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|k| k.starts_with("llk_"));
        let hosted: Vec<String> = match route {
            UserRoute::NewWebsite => self
                .accounts
                .iter()
                .flat_map(|a| a.websites.iter().map(|w| w.domain.clone()))
                .collect(),
            _ => Vec::new(),
        };
        let Some(account) = key.and_then(|k| self.accounts.iter_mut().find(|a| a.key == k)) else {
            return error(403, "Invalid or expired API key");
        };
        if let Err(retry) = self.limiter.check(&account.key, now_ms) {
            return too_many(retry);
        }
        match route {
            UserRoute::Payment => wire::json(200, &account.cards_json()),
            UserRoute::Subscribe => orders::subscribe(account, &mut self.alloc, request, now_ms),
            UserRoute::Custom => orders::custom(account, &mut self.alloc, request, now_ms),
            UserRoute::Progress(op) => orders::progress(account, op, now_ms),
            UserRoute::Servers => {
                let list: Vec<_> = account.servers.iter().map(|s| s.json(now_ms)).collect();
                wire::json(200, &json!(list))
            }
            UserRoute::Server(id) => match account.server(id) {
                Some(server) => wire::json(200, &server.json(now_ms)),
                None => error(404, "VPS not found"),
            },
            UserRoute::Power(action, id) => {
                match account.server_mut(id).map(|s| s.power(action, now_ms)) {
                    Some(Ok(status)) => wire::json(
                        200,
                        &json!({ "message": "Action sent to server", "status": status }),
                    ),
                    Some(Err(message)) => error(400, &message),
                    None => error(404, "VPS not found"),
                }
            }
            UserRoute::Metrics(id) => {
                let Some(server) = account.server(id) else {
                    return error(404, "VPS not found");
                };
                let query = Form::parse(request.query.unwrap_or("").as_bytes());
                match (
                    Metric::parse(query.get("metric")),
                    Range::parse(query.get("range")),
                ) {
                    (Ok(metric), Ok(range)) => {
                        wire::json(200, &server.metrics(metric, range, now_ms))
                    }
                    (Err(message), _) | (_, Err(message)) => error(400, message),
                }
            }
            UserRoute::Websites => websites::list(account, now_ms),
            UserRoute::WebsiteInfo(id) => websites::info(account, id, now_ms),
            UserRoute::NewWebsite => websites::create(
                account,
                &mut self.alloc,
                request.body,
                |d| hosted.iter().any(|h| h == d),
                now_ms,
            ),
            UserRoute::Profile => wire::json(200, &account.profile_json()),
            UserRoute::Subscriptions => wire::json(200, &account.subscriptions_json(now_ms)),
        }
    }
}

impl Simulator for Sim {
    fn handle(&mut self, request: &Incoming, now_ms: u64) -> Response {
        let Some(route) = Route::parse(request.path) else {
            return error(404, "Not found");
        };
        if *request.method != route.method() {
            return error(405, "Method not allowed").with_header("allow", route.method().as_str());
        }
        match route {
            Route::Public(Catalogue::Plans) => wire::json(200, &catalog::plans_json()),
            Route::Public(Catalogue::Templates) => wire::json(200, &catalog::templates_json()),
            Route::User(route) => self.user(route, request, now_ms),
        }
    }

    fn rate_limited(&self, retry_after_secs: u64) -> Response {
        too_many(retry_after_secs)
    }

    fn credentials(&self) -> Vec<(String, String)> {
        self.accounts
            .iter()
            .map(|a| {
                let label = if a.can_pay() {
                    "api key"
                } else {
                    "API key (no payment method)"
                };
                (label.to_string(), a.key.clone())
            })
            .collect()
    }
}
