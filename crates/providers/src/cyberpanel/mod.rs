//! CyberPanel Cloud (`platform.cyberpersons.com/api/v1`): scoped `cyp_live_`
//! API keys, VPS list, detail, summary and live status, power and delete,
//! console URLs, creation with deployment tracking, snapshots, account,
//! billing, API keys and their usage logs.
//!
//! Every documented endpoint has a builder on [`Api`] returning a [`Call`]
//! whose answer is a [`Reply`]: the envelope's `data`, its `message` and the
//! rate-limit headers. Errors are mapped by their `error_code`
//! ([`error_from_response`]).

mod convert;
mod errors;
mod rate_limit;
mod reply;
mod request;
mod scope;
mod types;

pub use convert::*;
pub use errors::{error_from_response, CREDENTIAL};
pub use rate_limit::RateLimit;
pub use reply::Reply;
pub use request::*;
pub use scope::Scope;
pub use types::*;

use crate::call::{Call, RequestBuilder};
use crate::error::ProviderError;
use crate::model::{resolve_base_url, MetricKind, PowerAction, ProviderId};
use crate::Secret;
use http::Method;
use serde::de::DeserializeOwned;
use url::Url;

/// The prefix of every CyberPanel API key.
pub const KEY_PREFIX: &str = "cyp_live_";

/// Metric kinds the live status reports (one reading per call).
pub const METRIC_KINDS: &[MetricKind] = &[
    MetricKind::Cpu,
    MetricKind::Memory,
    MetricKind::NetIn,
    MetricKind::NetOut,
    MetricKind::DiskRead,
    MetricKind::DiskWrite,
];

/// Body fields whose values are secret.
const SECRET_FIELDS: &[&str] = &["root_password", "webhook_secret"];

/// Request builders for one CyberPanel account.
#[derive(Debug, Clone)]
pub struct Api {
    base: Url,
    key: Secret,
}

impl Api {
    /// An API client for `key` (`cyp_live_` and 64 hexadecimal characters),
    /// at the documented origin or at `base_url`. A base given with the
    /// documented `/api/v1` suffix is accepted: paths get it only once.
    pub fn new(base_url: Option<&str>, key: Secret) -> Result<Self, ProviderError> {
        let key = validate_key(&key)?;
        let mut base = resolve_base_url(ProviderId::Cyberpanel, base_url)?;
        let path = base.path().trim_end_matches('/').to_string();
        if let Some(prefix) = path.strip_suffix("/api/v1") {
            base.set_path(prefix);
        }
        Ok(Self { base, key })
    }

    fn public(&self, method: Method, path: &[&str]) -> RequestBuilder {
        let segments: Vec<&str> = ["api", "v1"]
            .into_iter()
            .chain(path.iter().copied())
            .collect();
        RequestBuilder::new(method, &self.base, &segments)
    }

    fn private(&self, method: Method, path: &[&str]) -> RequestBuilder {
        self.public(method, path).bearer(self.key.expose())
    }

    /// `GET /health`: is the API up (no key sent).
    pub fn health(&self) -> Call<Reply<Health>> {
        call(self.public(Method::GET, &["health"]), None)
    }

    /// `GET /test`: checks the key; says whose it is and its scopes (any valid key).
    pub fn test(&self) -> Call<Reply<AuthTest>> {
        call(self.private(Method::GET, &["test"]), None)
    }

    /// `GET /scopes`: every permission scope (no key sent).
    pub fn scopes(&self) -> Call<Reply<ScopeList>> {
        call(self.public(Method::GET, &["scopes"]), None)
    }

    /// `GET /account` (`account:read`).
    pub fn account(&self) -> Call<Reply<AccountInfo>> {
        call(
            self.private(Method::GET, &["account"]),
            Some(Scope::AccountRead),
        )
    }

    /// `GET /billing`: balance, auto-funding and recent billing lines (`billing:read`).
    pub fn billing(&self) -> Call<Reply<BillingInfo>> {
        call(
            self.private(Method::GET, &["billing"]),
            Some(Scope::BillingRead),
        )
    }

    /// `GET /account/api-keys`: the account's keys, metadata only (`account:read`).
    pub fn api_keys(&self) -> Call<Reply<ApiKeyList>> {
        call(
            self.private(Method::GET, &["account", "api-keys"]),
            Some(Scope::AccountRead),
        )
    }

    /// `GET /account/api-keys/{key_id}/usage?limit=&offset=` (`account:read`).
    pub fn key_usage(
        &self,
        key_id: u64,
        page: Page,
    ) -> Result<Call<Reply<KeyUsage>>, ProviderError> {
        page.validate()?;
        let key_id = key_id.to_string();
        let builder = self.private(Method::GET, &["account", "api-keys", &key_id, "usage"]);
        Ok(call(with_page(builder, page), Some(Scope::AccountRead)))
    }

    /// `GET /vps?status=&location=&limit=&offset=`: one page of instances (`vps:read`).
    pub fn list_vps(
        &self,
        filter: &VpsFilter,
        page: Page,
    ) -> Result<Call<Reply<VpsList>>, ProviderError> {
        page.validate()?;
        let location = filter
            .location
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty());
        let builder = self
            .private(Method::GET, &["vps"])
            .query_opt("status", filter.status.map(|s| s.as_str()))
            .query_opt("location", location);
        Ok(call(with_page(builder, page), Some(Scope::VpsRead)))
    }

    /// `GET /vps/{id}`: one instance with plan, location, node and billing (`vps:read`).
    pub fn vps(&self, id: u64) -> Call<Reply<VpsDetail>> {
        self.on_vps(Method::GET, id, &[], Scope::VpsRead)
    }

    /// `GET /vps/summary`: counts, monthly cost and instances per location (`vps:read`).
    pub fn summary(&self) -> Call<Reply<VpsSummary>> {
        call(
            self.private(Method::GET, &["vps", "summary"]),
            Some(Scope::VpsRead),
        )
    }

    /// `GET /vps/{id}/status`: live CPU, memory, disk and network readings (`vps:read`).
    pub fn live_status(&self, id: u64) -> Call<Reply<LiveStatus>> {
        self.on_vps(Method::GET, id, &["status"], Scope::VpsRead)
    }

    /// `GET /vps/plans` (`vps:read`).
    pub fn plans(&self) -> Call<Reply<PlanList>> {
        call(
            self.private(Method::GET, &["vps", "plans"]),
            Some(Scope::VpsRead),
        )
    }

    /// `GET /vps/locations` (`vps:read`).
    pub fn locations(&self) -> Call<Reply<LocationList>> {
        call(
            self.private(Method::GET, &["vps", "locations"]),
            Some(Scope::VpsRead),
        )
    }

    /// `GET /vps/templates`: OS templates (`vps:read`).
    pub fn templates(&self) -> Call<Reply<TemplateList>> {
        call(
            self.private(Method::GET, &["vps", "templates"]),
            Some(Scope::VpsRead),
        )
    }

    /// `POST /vps/{id}/start|stop|restart`; the answer carries the new status (`vps:write`).
    pub fn power(&self, id: u64, action: PowerAction) -> Call<Reply<PowerResult>> {
        self.on_vps(Method::POST, id, &[action.label()], Scope::VpsWrite)
    }

    /// `POST /vps/{id}/delete`: deletes the VPS and all its data, for good (`vps:write`).
    pub fn delete_vps(&self, id: u64) -> Call<Reply<Deleted>> {
        self.on_vps(Method::POST, id, &["delete"], Scope::VpsWrite)
    }

    /// `GET /vps/{id}/console`: a noVNC URL valid for 5 minutes (`vps:read`).
    pub fn console(&self, id: u64) -> Call<Reply<Console>> {
        self.on_vps(Method::GET, id, &["console"], Scope::VpsRead)
    }

    /// `POST /vps/create`: starts a deployment, charged to the balance
    /// (`vps:write`). The order is validated first; the root password and
    /// webhook secret are redacted from `to_curl`.
    pub fn create_vps(&self, order: &CreateVps) -> Result<Call<Reply<Created>>, ProviderError> {
        order.validate()?;
        Ok(call(
            self.private(Method::POST, &["vps", "create"])
                .json(&order.body())
                .redact(SECRET_FIELDS),
            Some(Scope::VpsWrite),
        ))
    }

    /// `GET /vps/{id}/deployment`: deployment progress, to poll (`vps:read`).
    pub fn deployment(&self, id: u64) -> Call<Reply<Deployment>> {
        self.on_vps(Method::GET, id, &["deployment"], Scope::VpsRead)
    }

    /// `GET /vps/{id}/snapshots` (`vps:read`).
    pub fn snapshots(&self, id: u64) -> Call<Reply<SnapshotList>> {
        self.on_vps(Method::GET, id, &["snapshots"], Scope::VpsRead)
    }

    /// `POST /vps/{id}/snapshots/create` (`vps:write`); the name is validated first.
    pub fn create_snapshot(
        &self,
        id: u64,
        snapshot: &NewSnapshot,
    ) -> Result<Call<Reply<SnapshotCreated>>, ProviderError> {
        snapshot.validate()?;
        let id = id.to_string();
        Ok(call(
            self.private(Method::POST, &["vps", &id, "snapshots", "create"])
                .json(snapshot),
            Some(Scope::VpsWrite),
        ))
    }

    fn on_vps<T: DeserializeOwned + 'static>(
        &self,
        method: Method,
        id: u64,
        rest: &[&str],
        needs: Scope,
    ) -> Call<Reply<T>> {
        let id = id.to_string();
        let path: Vec<&str> = ["vps", id.as_str()]
            .into_iter()
            .chain(rest.iter().copied())
            .collect();
        call(self.private(method, &path), Some(needs))
    }
}

fn call<T: DeserializeOwned + 'static>(
    builder: RequestBuilder,
    needs: Option<Scope>,
) -> Call<Reply<T>> {
    Call::new(builder.build(), move |response| {
        reply::parse_reply(response, needs)
    })
}

fn with_page(builder: RequestBuilder, page: Page) -> RequestBuilder {
    builder
        .query_opt("limit", page.limit.map(|l| l.to_string()))
        .query_opt("offset", page.offset.map(|o| o.to_string()))
}

/// Checks a key's shape (`cyp_live_` and 64 hexadecimal characters) without
/// ever showing it; surrounding whitespace from pasting is dropped.
fn validate_key(key: &Secret) -> Result<Secret, ProviderError> {
    if key.is_stand_in() {
        return Ok(key.clone());
    }
    let key = key.expose().trim();
    let fail = |reason: String| Err(ProviderError::validation("api_key", reason));
    let Some(hex) = key.strip_prefix(KEY_PREFIX) else {
        return fail(format!("a CyberPanel API key starts with `{KEY_PREFIX}`"));
    };
    if hex.chars().count() != 64 {
        return fail(format!(
            "a CyberPanel API key has 64 hexadecimal characters after `{KEY_PREFIX}`, this one has {}",
            hex.chars().count()
        ));
    }
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return fail(format!(
            "a CyberPanel API key has only hexadecimal characters (0-9, a-f) after `{KEY_PREFIX}`"
        ));
    }
    Ok(Secret::new(key))
}
