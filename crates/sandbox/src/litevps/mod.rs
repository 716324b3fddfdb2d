//! LiteVPS (`api.litevps.dev`) simulated from its fragmentary document and
//! the project's recorded choices where it is silent: JWT or `vtk_` bearer
//! auth (401 `unauthorized`), `X-Balance-Remaining` on every authenticated
//! answer, per-minute prepaid billing with 402 when the balance cannot pay
//! the first hour, 403 for a token past its spend limit, VMs that take 20 s
//! to create, snapshots, files, exec with a deny-list and background jobs,
//! batch operations (207), SSH keys, top-ups, tokens, and the auth routes
//! rate-limited to 10 requests a minute per client address.

mod account;
mod auth;
mod billing;
mod body;
mod catalog;
mod exec;
mod files;
mod keys;
mod seed;
mod shell;
mod snapshots;
mod tokens;
mod vms;

use crate::fleet::{self, RateLimiter, MINUTE_MS};
use crate::wire::{self, ResponseExt};
use crate::{Incoming, Response, Simulator};
use account::Account;
use body::{error, Refusal};
use catalog::Catalog;
use http::Method;
use serde_json::json;
use vms::Power;

/// Requests per minute per client address on the auth routes.
const AUTH_RATE_LIMIT: usize = 10;

/// LiteVPS's 429.
fn too_many(retry_after_secs: u64) -> Response {
    error(429, "rate limit exceeded")
        .into_response()
        .with_header("retry-after", &retry_after_secs.to_string())
}

/// What an authenticated request works on.
pub(super) struct Ctx<'a> {
    account: &'a mut Account,
    catalog: &'a Catalog,
    /// The id of the `vtk_` token the caller used, if any.
    token: Option<String>,
    rng: &'a mut fastrand::Rng,
    /// Address positions handed out so far.
    hosts: &'a mut usize,
    now: u64,
}

/// A path anyone may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Public {
    Health,
    Pricing,
    Templates,
    Agent,
    Register,
    Login,
}

/// A path that needs a bearer credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route<'a> {
    Me,
    Vms,
    Vm(&'a str),
    Power(&'a str, Power),
    Snapshots(&'a str),
    Snapshot(&'a str, &'a str),
    Files(&'a str),
    Exec(&'a str),
    Job(&'a str, &'a str),
    Batch,
    BatchDelete,
    BatchExec,
    Keys,
    Key(&'a str),
    AddFunds,
    Transactions,
    BillingEmail,
    Tokens,
    Token(&'a str),
}

/// A documented path, before its method is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint<'a> {
    Public(Public),
    Protected(Route<'a>),
}

impl<'a> Endpoint<'a> {
    fn parse(path: &'a str) -> Option<Endpoint<'a>> {
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
        let public = |p| Some(Endpoint::Public(p));
        let route = match segments.as_slice() {
            [".well-known", "agent.json"] => return public(Public::Agent),
            ["api", "health"] => return public(Public::Health),
            ["api", "pricing"] => return public(Public::Pricing),
            ["api", "templates"] => return public(Public::Templates),
            ["api", "auth", "register"] => return public(Public::Register),
            ["api", "auth", "login"] => return public(Public::Login),
            ["api", "me"] => Route::Me,
            ["api", "vps"] => Route::Vms,
            ["api", "vps", "batch"] => Route::Batch,
            ["api", "vps", "batch", "delete"] => Route::BatchDelete,
            ["api", "vps", "batch", "exec"] => Route::BatchExec,
            ["api", "vps", id] => Route::Vm(id),
            ["api", "vps", id, "snapshots"] => Route::Snapshots(id),
            ["api", "vps", id, "snapshots", snapshot] => Route::Snapshot(id, snapshot),
            ["api", "vps", id, "files"] => Route::Files(id),
            ["api", "vps", id, "exec"] => Route::Exec(id),
            ["api", "vps", id, "jobs", job] => Route::Job(id, job),
            ["api", "vps", id, action] => Route::Power(id, Power::parse(action)?),
            ["api", "ssh-keys"] => Route::Keys,
            ["api", "ssh-keys", id] => Route::Key(id),
            ["api", "billing", "add-funds"] => Route::AddFunds,
            ["api", "billing", "transactions"] => Route::Transactions,
            ["api", "billing", "email"] => Route::BillingEmail,
            ["api", "tokens"] => Route::Tokens,
            ["api", "tokens", id] => Route::Token(id),
            _ => return None,
        };
        Some(Endpoint::Protected(route))
    }

    /// The methods the path answers, as an `Allow` header.
    fn allow(self) -> &'static str {
        let route = match self {
            Endpoint::Public(Public::Register | Public::Login) => return "POST",
            Endpoint::Public(_) => return "GET",
            Endpoint::Protected(route) => route,
        };
        match route {
            Route::Me | Route::Transactions => "GET",
            Route::Power(..)
            | Route::Exec(_)
            | Route::Batch
            | Route::BatchDelete
            | Route::BatchExec
            | Route::AddFunds => "POST",
            Route::Vms | Route::Snapshots(_) | Route::Keys | Route::Tokens => "GET, POST",
            Route::Vm(_) | Route::Job(..) => "GET, DELETE",
            Route::Snapshot(..) | Route::Key(_) | Route::Token(_) => "DELETE",
            Route::Files(_) => "GET, PUT",
            Route::BillingEmail => "PUT",
        }
    }

    fn allows(self, method: &Method) -> bool {
        self.allow().split(", ").any(|m| m == method.as_str())
    }
}

/// The simulated LiteVPS.
pub(crate) struct Sim {
    accounts: Vec<Account>,
    catalog: Catalog,
    signer: auth::Signer,
    rng: fastrand::Rng,
    hosts: usize,
    auth_limiter: RateLimiter,
}

impl Sim {
    /// The catalogue, the demo account with `servers` VMs and the
    /// low-balance account, seeded from `seed`.
    pub(crate) fn new(servers: usize, seed: u64, now_ms: u64) -> Self {
        let mut rng = fleet::rng(seed, "litevps");
        let catalog = Catalog::new(&mut rng);
        let signer = auth::Signer::new(&mut rng);
        let mut hosts = 0;
        let accounts = seed::accounts(servers, &catalog, &mut rng, &mut hosts, now_ms);
        Sim {
            accounts,
            catalog,
            signer,
            rng,
            hosts,
            auth_limiter: RateLimiter::new(AUTH_RATE_LIMIT, MINUTE_MS),
        }
    }

    /// The account a bearer credential belongs to, and the token id when it is a `vtk_` token.
    fn authenticate(&self, request: &Incoming, now_ms: u64) -> Option<(usize, Option<String>)> {
        let bearer = wire::bearer(request.headers)?;
        if bearer.starts_with("vtk_") {
            return self
                .accounts
                .iter()
                .enumerate()
                .find_map(|(index, account)| {
                    account
                        .tokens
                        .iter()
                        .find(|t| t.secret == bearer)
                        .map(|t| (index, Some(t.id.clone())))
                });
        }
        let subject = self.signer.verify(bearer, now_ms)?;
        self.accounts
            .iter()
            .position(|a| a.id == subject)
            .map(|index| (index, None))
    }

    /// Answers a request that needs a bearer credential.
    fn protected(&mut self, route: Route, request: &Incoming, now_ms: u64) -> Response {
        let Some((index, token)) = self.authenticate(request, now_ms) else {
            return error(401, "unauthorized").into_response();
        };
        let Some(account) = self.accounts.get_mut(index) else {
            return error(401, "unauthorized").into_response();
        };
        billing::settle(account, &mut self.rng, now_ms);
        let exhausted = token
            .as_ref()
            .is_some_and(|id| account.tokens.iter().any(|t| &t.id == id && t.exhausted()));
        let response = if exhausted {
            error(403, "spend limit reached").into_response()
        } else {
            let mut ctx = Ctx {
                account,
                catalog: &self.catalog,
                token,
                rng: &mut self.rng,
                hosts: &mut self.hosts,
                now: now_ms,
            };
            dispatch(&mut ctx, route, request).unwrap_or_else(Refusal::into_response)
        };
        let balance = self.accounts.get(index).map_or(0.0, |a| a.balance);
        response.with_header("x-balance-remaining", &format!("{balance:.4}"))
    }
}

/// Runs an authenticated request.
fn dispatch(ctx: &mut Ctx, route: Route, request: &Incoming) -> Result<Response, Refusal> {
    let method = request.method;
    let body = request.body;
    match route {
        Route::Me => Ok(wire::json(200, &ctx.account.me_json())),
        Route::Vms if method == Method::GET => Ok(vms::list(ctx)),
        Route::Vms => vms::create(ctx, body),
        Route::Vm(id) if method == Method::GET => vms::get(ctx, id),
        Route::Vm(id) => vms::delete(ctx, id),
        Route::Power(id, action) => vms::power(ctx, id, action),
        Route::Snapshots(id) if method == Method::GET => snapshots::list(ctx, id),
        Route::Snapshots(id) => snapshots::create(ctx, id, body),
        Route::Snapshot(id, snapshot) => snapshots::delete(ctx, id, snapshot),
        Route::Files(id) if method == Method::GET => files::get(ctx, id, request),
        Route::Files(id) => files::put(ctx, id, request),
        Route::Exec(id) => exec::exec(ctx, id, body),
        Route::Job(id, job) if method == Method::GET => exec::get(ctx, id, job),
        Route::Job(id, job) => exec::cancel(ctx, id, job),
        Route::Batch => vms::batch_create(ctx, body),
        Route::BatchDelete => vms::batch_delete(ctx, body),
        Route::BatchExec => exec::batch(ctx, body),
        Route::Keys if method == Method::GET => Ok(keys::list(ctx)),
        Route::Keys => keys::create(ctx, body),
        Route::Key(id) => keys::delete(ctx, id),
        Route::AddFunds => billing::add_funds(ctx, body),
        Route::Transactions => billing::transactions(ctx, request.query),
        Route::BillingEmail => billing::set_email(ctx, body),
        Route::Tokens if method == Method::GET => Ok(tokens::list(ctx)),
        Route::Tokens => tokens::create(ctx, body),
        Route::Token(id) => tokens::delete(ctx, id),
    }
}

impl Simulator for Sim {
    fn handle(&mut self, request: &Incoming, now_ms: u64) -> Response {
        let Some(endpoint) = Endpoint::parse(request.path) else {
            return body::not_found().into_response();
        };
        if !endpoint.allows(request.method) {
            return error(405, "method not allowed")
                .into_response()
                .with_header("allow", endpoint.allow());
        }
        let public = match endpoint {
            Endpoint::Protected(route) => return self.protected(route, request, now_ms),
            Endpoint::Public(public) => public,
        };
        let answer = match public {
            Public::Health => Ok(wire::json(200, &json!({ "status": "ok" }))),
            Public::Pricing => Ok(wire::json(200, &self.catalog.pricing_json())),
            Public::Templates => Ok(wire::json(200, &self.catalog.templates_json())),
            Public::Agent => Ok(wire::json(200, &catalog::agent_json())),
            Public::Register | Public::Login => {
                if let Err(retry) = self.auth_limiter.check(request.client_ip, now_ms) {
                    return too_many(retry);
                }
                if public == Public::Login {
                    auth::login(&self.accounts, &self.signer, request.body, now_ms)
                } else {
                    auth::register(&mut self.accounts, &mut self.rng, request.body, now_ms)
                }
            }
        };
        answer.unwrap_or_else(Refusal::into_response)
    }

    fn rate_limited(&self, retry_after_secs: u64) -> Response {
        too_many(retry_after_secs)
    }

    fn credentials(&self) -> Vec<(String, String)> {
        let token = self
            .accounts
            .first()
            .and_then(|a| a.tokens.first())
            .map(|t| t.secret.clone())
            .unwrap_or_default();
        vec![
            ("email".into(), seed::DEMO_EMAIL.into()),
            ("password".into(), seed::PASSWORD.into()),
            ("access token".into(), token),
            ("low-balance email".into(), seed::LOW_EMAIL.into()),
            (
                "CAPTCHA token (register)".into(),
                auth::TURNSTILE_PASS.into(),
            ),
        ]
    }
}
