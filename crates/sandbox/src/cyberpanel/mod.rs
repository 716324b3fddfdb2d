//! CyberPanel Cloud, simulated from its API document: `cyp_live_` keys with
//! scopes, IP whitelists, expiry, deactivation and per-key rate limits; VPS
//! listing, details, live status, power actions, deletion, console,
//! creation with its ten deployment tasks, and snapshots; a prepaid balance
//! drawn down by hourly charges. Mounted at `/cyberpanel`, so paths start
//! with `/api/v1`.

mod account_api;
mod accounts;
mod billing;
mod catalog;
mod create;
mod fleet;
mod keys;
mod metrics;
mod money;
mod params;
mod reply;
mod routes;
mod seed;
mod snapshots;
mod timefmt;
mod vps_api;

use crate::wire::ResponseExt;
use crate::{Incoming, Response, Simulator};
use accounts::Account;
use fleet::Fleet;
use keys::{Keyring, UsageLog};
use reply::Reply;
use routes::{Access, Route};
use serde_json::json;

/// The simulated CyberPanel Cloud platform.
pub(crate) struct Sim {
    accounts: Vec<Account>,
    keys: Keyring,
    fleet: Fleet,
    /// Every full hour up to this one has been charged.
    billed_until_ms: u64,
    last_invoice_id: u64,
    rng: fastrand::Rng,
    credentials: Vec<(String, String)>,
}

impl Sim {
    /// Answers an authenticated request with key `key` (index), already
    /// admitted by the rate limiter and holding the route's scope.
    fn dispatch(&mut self, route: Route, key: usize, request: &Incoming, now_ms: u64) -> Reply {
        let Some(account) = self.keys.get(key).map(|k| k.account) else {
            return Err(keys::unrecognised());
        };
        match route {
            Route::Health | Route::Scopes => Ok(public(route)),
            Route::Test => self.test(key, request.client_ip),
            Route::Account => self.account(account),
            Route::Billing => self.billing(account),
            Route::ApiKeys => self.api_keys(account),
            Route::KeyUsage(id) => self.key_usage(account, id, request.query),
            Route::VpsList => self.vps_list(account, request.query),
            Route::Summary => self.summary(account),
            Route::Plans => vps_api::plans(),
            Route::Locations => self.locations(),
            Route::Templates => reply::ok(catalog::templates_json()),
            Route::Create => self.create(account, request.body, now_ms),
            Route::Detail(id) => self.detail(account, id),
            Route::LiveStatus(id) => self.live_status(account, id, now_ms),
            Route::Power(id, action) => self.power(account, id, action, now_ms),
            Route::Delete(id) => self.delete(account, id, now_ms),
            Route::Console(id) => self.console(account, id),
            Route::Deployment(id) => self.deployment(account, id, now_ms),
            Route::Snapshots(id) => self.snapshots(account, id),
            Route::SnapshotCreate(id) => self.create_snapshot(account, id, request.body, now_ms),
        }
    }
}

/// The answers that need no key: health and the scope list.
fn public(route: Route) -> Response {
    let data = if route == Route::Scopes {
        catalog::scopes_json()
    } else {
        json!({ "status": "healthy", "service": "CyberPanel Cloud API", "version": "1.0.0" })
    };
    crate::wire::json(200, &json!({ "success": true, "data": data }))
}

impl Simulator for Sim {
    fn handle(&mut self, request: &Incoming, now_ms: u64) -> Response {
        self.advance(now_ms);
        let route = match routes::resolve(request.method, request.path) {
            Ok(route) => route,
            Err(miss) => return miss.response(request.method, request.path),
        };
        let scope = match route.access() {
            Access::Public => return public(route),
            Access::AnyKey => None,
            Access::Scope(scope) => Some(scope),
        };
        let index = match self
            .keys
            .authenticate(request.headers, request.client_ip, now_ms)
        {
            Ok(index) => index,
            Err(e) => return e.response(),
        };
        let Some(key) = self.keys.get_mut(index) else {
            return keys::unrecognised().response();
        };
        key.count_request(now_ms, request.client_ip);
        let admitted = key.admit(now_ms);
        let denied = scope.filter(|s| !key.allows(s)).map(|s| {
            reply::ApiError::new(
                403,
                "INSUFFICIENT_SCOPE",
                "Insufficient permissions",
                format!("This endpoint requires the '{s}' scope"),
            )
        });
        let response = match admitted {
            Err((limited, headers)) => headers.apply(limited.response()),
            Ok(headers) => {
                let answer = match denied {
                    Some(e) => Err(e),
                    None => self.dispatch(route, index, request, now_ms),
                };
                headers.apply(answer.unwrap_or_else(|e| e.response()))
            }
        };
        let log = UsageLog {
            endpoint: request.path.to_string(),
            method: request.method.to_string(),
            ip: request.client_ip.to_string(),
            status: response.status().as_u16(),
            response_time_ms: self.rng.u32(18..=140),
            created_ms: now_ms,
        };
        if let Some(key) = self.keys.get_mut(index) {
            key.push_log(log);
        }
        response
    }

    fn rate_limited(&self, retry_after_secs: u64) -> Response {
        keys::rate_limit_exceeded("minute", retry_after_secs)
            .response()
            .with_header("retry-after", &retry_after_secs.to_string())
    }

    fn credentials(&self) -> Vec<(String, String)> {
        self.credentials.clone()
    }
}
