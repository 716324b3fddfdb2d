//! LlamaLink (`api.llamalink.net`): `llk_` API keys, shop and custom VPS
//! builds charged to a saved card, idempotent provisioning by
//! `x-provision-op-id`, power, metrics history, websites, profile and
//! subscriptions.
//!
//! Every documented endpoint has a builder on [`Api`] returning a [`Call`].

mod convert;
mod errors;
mod price;
mod types;

pub use convert::{metric_series, progress, server, subscription_invoice};
pub use errors::error_from_response;
pub use price::{CpuType, CustomBuild, CustomPricing, StorageType};
pub use types::*;

use crate::call::{Call, RequestBuilder};
use crate::error::ProviderError;
use crate::model::{resolve_base_url, MetricKind, MetricRange, PowerAction, ProviderId};
use crate::parse;
use crate::{ApiResponse, Secret};
use http::{HeaderName, Method};
use serde::de::DeserializeOwned;
use url::Url;

/// The header carrying a provisioning operation's idempotency key.
pub const OP_ID_HEADER: &str = "x-provision-op-id";

/// Metric history ranges LlamaLink documents (only `day` appears in its docs).
pub const METRIC_RANGES: &[MetricRange] = &[MetricRange::Day];

/// Metric kinds LlamaLink keeps history for.
pub const METRIC_KINDS: &[MetricKind] = &[MetricKind::Cpu, MetricKind::Memory];

/// Request builders for one LlamaLink account.
#[derive(Debug, Clone)]
pub struct Api {
    base: Url,
    key: Secret,
}

impl Api {
    /// An API client for `key` (must start with `llk_`), at the documented
    /// origin or at `base_url`.
    pub fn new(base_url: Option<&str>, key: Secret) -> Result<Self, ProviderError> {
        if !key.is_stand_in() && !key.expose().starts_with("llk_") {
            return Err(ProviderError::validation(
                "api_key",
                "a LlamaLink API key starts with `llk_`",
            ));
        }
        Ok(Self {
            base: resolve_base_url(ProviderId::Llamalink, base_url)?,
            key,
        })
    }

    fn public(&self, method: Method, segments: &[&str]) -> RequestBuilder {
        RequestBuilder::new(method, &self.base, segments)
    }

    fn private(&self, method: Method, segments: &[&str]) -> RequestBuilder {
        self.public(method, segments).bearer(self.key.expose())
    }

    /// `GET /user/payment`: saved cards (check before provisioning).
    pub fn saved_cards(&self) -> Call<Vec<Card>> {
        json_call(self.private(Method::GET, &["user", "payment"]))
    }

    /// `GET /platform/vps-plans`: shop plans and custom pricing (no key needed).
    pub fn vps_plans(&self) -> Call<VpsPlans> {
        json_call(self.public(Method::GET, &["platform", "vps-plans"]))
    }

    /// `GET /platform/os-templates`: operating systems (no key needed).
    pub fn os_templates(&self) -> Call<OsTemplates> {
        json_call(self.public(Method::GET, &["platform", "os-templates"]))
    }

    /// `POST /user/subscribe-vps`: provision a shop plan, charging the saved card.
    ///
    /// `op_id` is the idempotency key: reuse it on every retry of this order.
    pub fn subscribe_vps(
        &self,
        op_id: &str,
        plan_id: &str,
        os: &str,
    ) -> Result<Call<Subscribed>, ProviderError> {
        let op_id = validate_op_id(op_id)?;
        require("planId", plan_id)?;
        require("os", os)?;
        let body = serde_json::json!({ "planId": plan_id, "os": os });
        Ok(json_call(
            self.private(Method::POST, &["user", "subscribe-vps"])
                .json(&body)
                .header(HeaderName::from_static(OP_ID_HEADER), op_id),
        ))
    }

    /// `POST /user/custom-packages`: provision custom hardware, charging the saved card.
    ///
    /// The build is validated and `estimatedPrice` computed from `pricing`.
    pub fn custom_package(
        &self,
        op_id: &str,
        build: &CustomBuild,
        pricing: &CustomPricing,
    ) -> Result<Call<Subscribed>, ProviderError> {
        let op_id = validate_op_id(op_id)?;
        let body = build.request_body(pricing)?;
        Ok(json_call(
            self.private(Method::POST, &["user", "custom-packages"])
                .json(&body)
                .header(HeaderName::from_static(OP_ID_HEADER), op_id),
        ))
    }

    /// `GET /user/vps/provision-progress/:opId`.
    pub fn provision_progress(&self, op_id: &str) -> Call<ProvisionProgress> {
        json_call(self.private(Method::GET, &["user", "vps", "provision-progress", op_id]))
    }

    /// `GET /user/vps`: every server on the account.
    pub fn list_servers(&self) -> Call<Vec<Vps>> {
        json_call(self.private(Method::GET, &["user", "vps"]))
    }

    /// `GET /user/vps/:id`: one server.
    pub fn server(&self, id: &str) -> Call<Vps> {
        json_call(self.private(Method::GET, &["user", "vps", id]))
    }

    /// `GET /user/vps/start|stop|restart/:id`.
    pub fn power(&self, id: &str, action: PowerAction) -> Call<PowerResult> {
        json_call(self.private(Method::GET, &["user", "vps", action.label(), id]))
    }

    /// `GET /user/vps/:id/metrics-history?metric=&range=`.
    pub fn metrics_history(
        &self,
        id: &str,
        kind: MetricKind,
        range: MetricRange,
    ) -> Result<Call<MetricsHistory>, ProviderError> {
        let metric = match kind {
            MetricKind::Cpu => "cpu",
            MetricKind::Memory => "memory",
            other => {
                return Err(ProviderError::Unsupported {
                    reason: format!("LlamaLink keeps no {} history", other.label()),
                })
            }
        };
        Ok(json_call(
            self.private(Method::GET, &["user", "vps", id, "metrics-history"])
                .query("metric", metric)
                .query("range", range.as_str()),
        ))
    }

    /// `GET /user/websites`: hosting websites.
    pub fn websites(&self) -> Call<Vec<Website>> {
        json_call(self.private(Method::GET, &["user", "websites"]))
    }

    /// `GET /user/websites/info/:id`.
    pub fn website_info(&self, id: &str) -> Call<WebsiteInfo> {
        json_call(self.private(Method::GET, &["user", "websites", "info", id]))
    }

    /// `POST /user/websites/new`: create a site (needs a saved card).
    pub fn new_website(&self, site: &NewWebsite) -> Result<Call<WebsiteCreated>, ProviderError> {
        site.validate()?;
        Ok(json_call(
            self.private(Method::POST, &["user", "websites", "new"])
                .json(site),
        ))
    }

    /// `GET /user/profile`.
    pub fn profile(&self) -> Call<Profile> {
        json_call(self.private(Method::GET, &["user", "profile"]))
    }

    /// `GET /user/subscriptions`: active and pending subscriptions.
    pub fn subscriptions(&self) -> Call<Vec<Subscription>> {
        json_call(self.private(Method::GET, &["user", "subscriptions"]))
    }
}

fn json_call<T: DeserializeOwned + 'static>(builder: RequestBuilder) -> Call<T> {
    Call::new(builder.build(), parse_json)
}

fn parse_json<T: DeserializeOwned>(response: &ApiResponse) -> Result<T, ProviderError> {
    if !parse::is_success(response) {
        return Err(error_from_response(response));
    }
    parse::json(response)
}

fn require(field: &str, value: &str) -> Result<(), ProviderError> {
    if value.trim().is_empty() {
        return Err(ProviderError::validation(field, "is required"));
    }
    Ok(())
}

fn validate_op_id(op_id: &str) -> Result<&str, ProviderError> {
    let ok = !op_id.is_empty()
        && op_id.len() <= 128
        && op_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(op_id)
    } else {
        Err(ProviderError::validation(
            OP_ID_HEADER,
            "must be 1–128 letters, digits, `-`, `_` or `.`",
        ))
    }
}
