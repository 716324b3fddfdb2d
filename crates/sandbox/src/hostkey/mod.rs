//! HOSTKEY invapi simulated from its API document: `POST /<resource>.php`
//! with a form body dispatched on `action` (GET query strings for
//! eq set_pin/check_pin and nat_callback.php), every outcome reported in the
//! body with HTTP 200, session tokens from API keys or the billing login,
//! PIN-protected critical calls, asynchronous operations behind callback
//! keys, and a WHMCS billing side with credit and invoices.

mod api_keys;
mod auth;
mod call;
mod callback;
mod catalog;
mod dates;
mod effects;
mod eq;
mod gateways;
mod invoices;
mod jira;
mod jobs;
mod metrics;
mod nat;
mod net;
mod order;
mod pdf;
mod pdns;
mod pin;
mod png;
mod seed;
mod show;
mod state;
mod tags;
mod validate;
mod whmcs;

use crate::wire::{self, Form};
use crate::{Incoming, Response, Simulator};
use call::{Call, Reply};
use jobs::Channel;
use state::State;

/// The simulated HOSTKEY account.
pub(crate) struct Sim {
    state: State,
}

impl Sim {
    /// The demo account with `servers` servers, built from `seed` as of `now_ms`.
    pub(crate) fn new(servers: usize, seed: u64, now_ms: u64) -> Self {
        Sim {
            state: State::seed(servers, seed, now_ms),
        }
    }
}

/// Resource files and their module names.
const RESOURCES: &[&str] = &[
    "auth",
    "api_keys",
    "eq",
    "eq_callback",
    "nat_callback",
    "nat",
    "presets",
    "os",
    "software",
    "traffic_plans",
    "stocks",
    "jenkins",
    "net",
    "ip",
    "pdns",
    "jira",
    "tags",
    "whmcs",
];

/// The resource module a path names (`/eq.php` → `eq`).
fn resource(path: &str) -> Option<&'static str> {
    let name = path.strip_prefix('/')?.strip_suffix(".php")?;
    RESOURCES.iter().find(|r| **r == name).copied()
}

/// True for the calls the document shows as GET.
fn get_allowed(module: &str, action: &str) -> bool {
    matches!(
        (module, action),
        ("eq", "set_pin" | "check_pin") | ("nat_callback", "check")
    )
}

/// The request's parameters: the query string for GET, the form body for POST.
fn params(request: &Incoming) -> Form {
    if *request.method == http::Method::GET {
        return Form::parse(request.query.unwrap_or_default().as_bytes());
    }
    let form_body = wire::header(request.headers, "content-type").is_none_or(|ct| {
        ct.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    });
    if form_body {
        Form::parse(request.body)
    } else {
        Form::default()
    }
}

/// Runs one call on its resource.
fn route(state: &mut State, call: &Call) -> Reply {
    match call.module {
        "auth" => auth::handle(state, call),
        "api_keys" => api_keys::handle(state, call),
        "eq" => eq::handle(state, call),
        "eq_callback" => callback::check(state, call, Channel::Eq),
        "nat_callback" => callback::check(state, call, Channel::Nat),
        "nat" => nat::handle(state, call),
        "presets" => catalog::presets(state, call),
        "os" => catalog::os(call),
        "software" => catalog::software(call),
        "traffic_plans" => catalog::traffic_plans(call),
        "stocks" => catalog::stocks(state, call),
        "jenkins" => catalog::jenkins(call),
        "net" => net::net(state, call),
        "ip" => net::ip(state, call),
        "pdns" => pdns::handle(state, call),
        "jira" => jira::handle(state, call),
        "tags" => tags::handle(state, call),
        "whmcs" => whmcs::handle(state, call),
        _ => Err(call.unknown()),
    }
}

impl Simulator for Sim {
    fn handle(&mut self, request: &Incoming, now_ms: u64) -> Response {
        let Some(module) = resource(request.path) else {
            return wire::bytes(
                404,
                "text/html",
                b"<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n".to_vec(),
            );
        };
        self.state.settle(now_ms);
        let params = params(request);
        let action = params.get("action").map(str::trim).unwrap_or_default();
        let call = Call {
            module,
            action,
            params: &params,
            now_ms,
            client_ip: request.client_ip,
        };
        let method = request.method;
        if *method != http::Method::POST && *method != http::Method::GET {
            return *call.fail(format!("method {method} is not allowed, use POST"));
        }
        if *method == http::Method::GET && !action.is_empty() && !get_allowed(module, action) {
            return *call.fail("this call must be sent with POST");
        }
        match route(&mut self.state, &call) {
            Ok(response) => response,
            Err(failure) => *failure,
        }
    }

    fn action(&self, request: &Incoming) -> Option<String> {
        resource(request.path)?;
        params(request)
            .get("action")
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
    }

    fn mark_paid(&mut self, payment_id: &str, now_ms: u64) -> bool {
        self.state.settle(now_ms);
        payment_id
            .parse()
            .is_ok_and(|id| invoices::pay_by_gateway(&mut self.state, id, now_ms))
    }

    fn credentials(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for key in self.state.api_keys.values().rev() {
            let label = match key.server_id {
                0 => "api key".to_string(),
                id => format!("API key (server {id})"),
            };
            out.push((label, key.secret.clone()));
        }
        out.push(("Billing user".into(), self.state.account.email.clone()));
        out.push((
            "Billing password".into(),
            self.state.account.billing_password.clone(),
        ));
        out.push(("pin".into(), self.state.pin.code.clone()));
        out
    }
}
