//! The five providers simulated, faithfully to their documents.
//!
//! [`Sandbox::handle`] is a pure function of the request, in-memory state and
//! an injectable [`Clock`]: it authenticates exactly as each document says,
//! enforces the documented limits and validation, moves provisioning through
//! its stages as time passes, and can inject faults. It runs in-process (the
//! panel's Sandbox mode, native tests) or behind the loopback HTTP server in
//! `src/bin/sandbox.rs`.
//!
//! Provider `P` is mounted under `/P`: `/lnvps/api/v1/vm`, `/hostkey/eq.php`,
//! `/cyberpanel/api/v1/vps`, `/litevps/api/vps`, `/llamalink/user/vps`.
//! Sandbox controls live under `/_sandbox/` (see [`control`]).
//!
//! This crate shares no code with the provider clients: both are written from
//! the documents, so a misreading cannot hide in both.

pub mod clock;
pub mod control;
pub mod faults;
pub mod log;
pub mod wire;

mod cyberpanel;
mod fleet;
mod hostkey;
mod litevps;
mod llamalink;
mod lnvps;

pub use clock::{Clock, ManualClock, SystemClock};
pub use faults::Faults;
pub use log::LogEntry;
use wire::ResponseExt;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A request as the sandbox receives it.
pub type Request = http::Request<Vec<u8>>;
/// A response as the sandbox returns it.
pub type Response = http::Response<Vec<u8>>;

/// The simulated providers and their mount points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// LNVPS.
    Lnvps,
    /// HOSTKEY invapi.
    Hostkey,
    /// CyberPanel Cloud.
    Cyberpanel,
    /// LiteVPS.
    Litevps,
    /// LlamaLink.
    Llamalink,
}

impl Provider {
    /// All five.
    pub const ALL: [Provider; 5] = [
        Provider::Lnvps,
        Provider::Hostkey,
        Provider::Cyberpanel,
        Provider::Litevps,
        Provider::Llamalink,
    ];

    /// The mount name (`/lnvps`, …).
    pub fn slug(self) -> &'static str {
        match self {
            Provider::Lnvps => "lnvps",
            Provider::Hostkey => "hostkey",
            Provider::Cyberpanel => "cyberpanel",
            Provider::Litevps => "litevps",
            Provider::Llamalink => "llamalink",
        }
    }

    /// The provider mounted at `slug`.
    pub fn from_slug(slug: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// How the sandbox starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Servers seeded per provider account.
    pub servers: usize,
    /// Seed for every generated value (names, IPs, metrics), so runs repeat.
    pub seed: u64,
    /// Faults applied from the start, per provider.
    pub faults: BTreeMap<Provider, Faults>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            servers: 5,
            seed: 42,
            faults: BTreeMap::new(),
        }
    }
}

/// A request as a simulated provider sees it: the mount prefix removed.
#[derive(Debug)]
pub struct Incoming<'a> {
    /// HTTP method.
    pub method: &'a http::Method,
    /// Path below the mount (`/api/v1/vm`), without the query.
    pub path: &'a str,
    /// Path as the client sent it (`/lnvps/api/v1/vm`), for NIP-98 `u` checks.
    pub full_path: &'a str,
    /// Raw query string, if any.
    pub query: Option<&'a str>,
    /// Request headers.
    pub headers: &'a http::HeaderMap,
    /// Request body.
    pub body: &'a [u8],
    /// The caller's address (`127.0.0.1` in-process).
    pub client_ip: &'a str,
}

/// What one simulated provider implements.
pub(crate) trait Simulator {
    /// Answers one request at `now_ms` (Unix milliseconds from the sandbox clock).
    fn handle(&mut self, request: &Incoming, now_ms: u64) -> Response;

    /// The request's action for the log (HOSTKEY's `action` field); `None` elsewhere.
    fn action(&self, _request: &Incoming) -> Option<String> {
        None
    }

    /// The provider's documented 429 answer.
    fn rate_limited(&self, retry_after_secs: u64) -> Response {
        wire::json(429, &serde_json::json!({ "error": "Rate limit exceeded" }))
            .with_header("retry-after", &retry_after_secs.to_string())
    }

    /// Marks an invoice or payment paid (LNVPS Lightning payments, HOSTKEY
    /// invoices); false when unknown here.
    fn mark_paid(&mut self, _payment_id: &str, _now_ms: u64) -> bool {
        false
    }

    /// Test credentials to print at start-up (label, value).
    fn credentials(&self) -> Vec<(String, String)>;
}

/// What the sandbox did with one request.
#[derive(Debug)]
pub struct Served {
    /// The answer; `None` when a timeout fault swallows it.
    pub response: Option<Response>,
    /// How long the front door should wait before answering (latency fault).
    pub delay_ms: u64,
    /// The request-log line.
    pub entry: LogEntry,
}

/// All five simulated providers behind one router.
pub struct Sandbox {
    clock: Arc<dyn Clock>,
    /// Added to the clock: time moved forward with [`Sandbox::advance_ms`].
    offset_ms: u64,
    faults: BTreeMap<Provider, Faults>,
    rng: fastrand::Rng,
    lnvps: lnvps::Sim,
    hostkey: hostkey::Sim,
    cyberpanel: cyberpanel::Sim,
    litevps: litevps::Sim,
    llamalink: llamalink::Sim,
}

impl Sandbox {
    /// A sandbox with seeded accounts and fleets.
    pub fn new(config: Config, clock: Arc<dyn Clock>) -> Self {
        let now = clock.now_ms();
        let seed = config.seed;
        Self {
            offset_ms: 0,
            faults: config.faults,
            rng: fastrand::Rng::with_seed(seed),
            lnvps: lnvps::Sim::new(config.servers, seed, now),
            hostkey: hostkey::Sim::new(config.servers, seed, now),
            cyberpanel: cyberpanel::Sim::new(config.servers, seed, now),
            litevps: litevps::Sim::new(config.servers, seed, now),
            llamalink: llamalink::Sim::new(config.servers, seed, now),
            clock,
        }
    }

    fn sim(&mut self, provider: Provider) -> &mut dyn Simulator {
        match provider {
            Provider::Lnvps => &mut self.lnvps,
            Provider::Hostkey => &mut self.hostkey,
            Provider::Cyberpanel => &mut self.cyberpanel,
            Provider::Litevps => &mut self.litevps,
            Provider::Llamalink => &mut self.llamalink,
        }
    }

    /// The sandbox's current time (Unix milliseconds).
    pub fn now_ms(&self) -> u64 {
        self.clock.now_ms() + self.offset_ms
    }

    /// Moves the sandbox's time forward (provisioning, billing and expiry
    /// follow), without waiting.
    pub fn advance_ms(&mut self, ms: u64) {
        self.offset_ms += ms;
    }

    /// Answers one request from `client_ip`, applying the provider's faults.
    pub fn handle_from(&mut self, request: &Request, client_ip: &str) -> Served {
        let now = self.now_ms();
        let full_path = request.uri().path().to_string();
        let mut segments = full_path.trim_start_matches('/').splitn(2, '/');
        let mount = segments.next().unwrap_or("");
        let rest = format!("/{}", segments.next().unwrap_or(""));
        if request.method() == http::Method::OPTIONS {
            let mut response = wire::bytes(204, "text/plain", Vec::new());
            wire::cors(&mut response, request);
            return Served {
                entry: LogEntry::new(mount, request, &rest, None, Some(204), now),
                response: Some(response),
                delay_ms: 0,
            };
        }
        if mount == "_sandbox" {
            let response = control::handle(self, request, &rest, now);
            return Served {
                entry: LogEntry::new(
                    "_sandbox",
                    request,
                    &rest,
                    None,
                    Some(response.status().as_u16()),
                    now,
                ),
                response: Some(response),
                delay_ms: 0,
            };
        }
        let Some(provider) = Provider::from_slug(mount) else {
            let response = wire::text(404, "no such provider in the sandbox");
            return Served {
                entry: LogEntry::new(mount, request, &rest, None, Some(404), now),
                response: Some(response),
                delay_ms: 0,
            };
        };
        let incoming = Incoming {
            method: request.method(),
            path: &rest,
            full_path: &full_path,
            query: request.uri().query(),
            headers: request.headers(),
            body: request.body(),
            client_ip,
        };
        let faults = self.faults.get(&provider).cloned().unwrap_or_default();
        let action = self.sim(provider).action(&incoming);
        let roll = self.rng.f64();
        // A 429 burst refuses before the provider acts, as a real limiter does.
        let burst = self
            .faults
            .get_mut(&provider)
            .filter(|f| f.rate_limit_burst > 0)
            .map(|burst| {
                burst.rate_limit_burst -= 1;
                burst.retry_after_secs.max(1)
            });
        let mut response = match (burst, faults.decide(roll)) {
            (Some(retry), _) => Some(self.sim(provider).rate_limited(retry)),
            (None, faults::Outcome::Normal) => Some(self.sim(provider).handle(&incoming, now)),
            (None, faults::Outcome::Timeout) => None,
            (None, faults::Outcome::Error(status)) => Some(wire::json(
                status,
                &serde_json::json!({ "error": "simulated server failure" }),
            )),
            (None, faults::Outcome::Malformed) => Some(wire::malformed()),
        };
        if let Some(r) = response.as_mut() {
            wire::cors(r, request);
        }
        Served {
            entry: LogEntry::new(
                provider.slug(),
                request,
                &rest,
                action,
                response.as_ref().map(|r| r.status().as_u16()),
                now,
            ),
            delay_ms: faults.latency_ms,
            response,
        }
    }

    /// Answers one request from loopback.
    pub fn handle(&mut self, request: &Request) -> Served {
        self.handle_from(request, "127.0.0.1")
    }

    /// The faults currently set for `provider`.
    pub fn faults(&self, provider: Provider) -> Faults {
        self.faults.get(&provider).cloned().unwrap_or_default()
    }

    /// Sets the faults for `provider` (takes effect on the next request).
    pub fn set_faults(&mut self, provider: Provider, faults: Faults) {
        self.faults.insert(provider, faults);
    }

    /// Marks a provider's invoice or payment paid, as if the customer paid
    /// it (an LNVPS Lightning payment by its id, a HOSTKEY invoice by its number).
    pub fn mark_paid(&mut self, provider: Provider, id: &str) -> bool {
        let now = self.now_ms();
        self.sim(provider).mark_paid(id, now)
    }

    /// Each provider's test credentials (label, value), for the start-up banner.
    pub fn credentials(&self) -> BTreeMap<Provider, Vec<(String, String)>> {
        Provider::ALL
            .into_iter()
            .map(|p| {
                let creds = match p {
                    Provider::Lnvps => self.lnvps.credentials(),
                    Provider::Hostkey => self.hostkey.credentials(),
                    Provider::Cyberpanel => self.cyberpanel.credentials(),
                    Provider::Litevps => self.litevps.credentials(),
                    Provider::Llamalink => self.llamalink.credentials(),
                };
                (p, creds)
            })
            .collect()
    }
}
