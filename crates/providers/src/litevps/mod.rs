//! LiteVPS (`api.litevps.dev`): JWT login or `vtk_` access tokens, prepaid
//! USD billed per minute, VPS lifecycle, snapshots, files, remote exec and
//! background jobs, batch operations, SSH keys, billing and tokens.
//!
//! Every documented endpoint has a builder on [`Api`] returning a [`Call`].
//! Documented paths already start with `/api`, so they are appended to the
//! origin (`https://api.litevps.dev`), never to `…/api`.

mod convert;
mod errors;
pub mod jwt;
mod money;
mod requests;
mod types;

pub use convert::{api_token, balance, invoice, plan, progress, server, snapshot, ssh_key};
pub use errors::{error_from_response, LOGIN_CREDENTIAL, TOKEN_CREDENTIAL};
pub use money::{
    balance_from_headers, monthly_cost, usd, usd_decimal, BALANCE_HEADER, HOURS_PER_MONTH,
};
pub use requests::{blocked_pattern, Exec, NewVps, Page, BLOCKED_COMMANDS, MAX_TOP_UP, MIN_TOP_UP};
pub use types::*;

use crate::call::{Call, RequestBuilder};
use crate::error::ProviderError;
use crate::model::{resolve_base_url, PowerAction, ProviderId};
use crate::parse;
use crate::{ApiResponse, Secret};
use http::Method;
use requests::{json_number, require, validate_email, validate_path, validate_top_up};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::json;
use url::Url;

/// Request builders for one LiteVPS account.
///
/// ```
/// use providers::{litevps::Api, Secret};
/// let api = Api::new(None, Some(Secret::new("vtk_abc123"))).unwrap();
/// assert_eq!(api.list_vps().request().uri().to_string(), "https://api.litevps.dev/api/vps");
/// ```
#[derive(Debug, Clone)]
pub struct Api {
    base: Url,
    token: Option<Secret>,
}

impl Api {
    /// A client at the documented origin or at `base_url`. `token` is a
    /// `vtk_` access token or a JWT from [`Api::login`]; without one only
    /// the public endpoints and login succeed (the others answer 401).
    pub fn new(base_url: Option<&str>, token: Option<Secret>) -> Result<Self, ProviderError> {
        if let Some(token) = &token {
            validate_token(token)?;
        }
        Ok(Self {
            base: resolve_base_url(ProviderId::Litevps, base_url)?,
            token,
        })
    }

    /// The same account with another token (after logging in).
    pub fn with_token(&self, token: Secret) -> Result<Self, ProviderError> {
        validate_token(&token)?;
        Ok(Self {
            base: self.base.clone(),
            token: Some(token),
        })
    }

    fn public(&self, method: Method, segments: &[&str]) -> RequestBuilder {
        RequestBuilder::new(method, &self.base, segments)
    }

    fn private(&self, method: Method, segments: &[&str]) -> RequestBuilder {
        let builder = self.public(method, segments);
        match &self.token {
            Some(token) => builder.bearer(token.expose()),
            None => builder,
        }
    }

    // --- auth and account ---

    /// `POST /api/auth/register`: create an account. LiteVPS requires a
    /// Cloudflare Turnstile token from its portal (litevps.dev/register).
    pub fn register(
        &self,
        email: &str,
        password: &Secret,
        turnstile: &str,
    ) -> Result<Call<Registered>, ProviderError> {
        validate_email("email", email)?;
        require("password", password.expose())?;
        require("cf-turnstile-response", turnstile)?;
        let body = json!({
            "email": email,
            "password": password.expose(),
            "cf-turnstile-response": turnstile,
        });
        Ok(json_call(
            self.public(Method::POST, &["api", "auth", "register"])
                .json(&body)
                .redact(&["password", "cf-turnstile-response"]),
        ))
    }

    /// `POST /api/auth/login`: exchange email and password for a JWT.
    pub fn login(&self, email: &str, password: &Secret) -> Result<Call<LoginToken>, ProviderError> {
        require("email", email)?;
        require("password", password.expose())?;
        let body = json!({ "email": email, "password": password.expose() });
        let request = self
            .public(Method::POST, &["api", "auth", "login"])
            .json(&body)
            .redact(&["password"])
            .build();
        Ok(Call::new(request, |r| {
            if !parse::is_success(r) {
                return Err(errors::error_with_credential(r, LOGIN_CREDENTIAL));
            }
            let answer: LoginToken = parse::json(r)?;
            if !looks_like_jwt(answer.token.expose()) {
                return Err(ProviderError::unexpected(
                    parse::status(r),
                    "the login answer carries no JWT in `token`",
                    b"",
                ));
            }
            Ok(answer)
        }))
    }

    /// `GET /api/me`: who this is and the balance.
    pub fn me(&self) -> Call<Me> {
        json_call(self.private(Method::GET, &["api", "me"]))
    }

    // --- catalogue (public) ---

    /// `GET /api/pricing`: plans and hourly prices.
    pub fn pricing(&self) -> Call<Vec<PricingPlan>> {
        json_call(self.public(Method::GET, &["api", "pricing"]))
    }

    /// `GET /api/templates`: named defaults for new VPSes.
    pub fn templates(&self) -> Call<Vec<Template>> {
        json_call(self.public(Method::GET, &["api", "templates"]))
    }

    /// `GET /api/health`.
    pub fn health(&self) -> Call<Health> {
        json_call(self.public(Method::GET, &["api", "health"]))
    }

    /// `GET /.well-known/agent.json`: the agent discovery manifest.
    pub fn agent(&self) -> Call<AgentManifest> {
        json_call(self.public(Method::GET, &[".well-known", "agent.json"]))
    }

    // --- VPS ---

    /// `POST /api/vps`: create a VPS (state `creating`, `running` about 20 s later).
    pub fn create_vps(&self, vps: &NewVps) -> Result<Call<Vps>, ProviderError> {
        vps.validate()?;
        Ok(json_call(
            self.private(Method::POST, &["api", "vps"]).json(vps),
        ))
    }

    /// `GET /api/vps`: every VPS.
    pub fn list_vps(&self) -> Call<Vec<Vps>> {
        json_call(self.private(Method::GET, &["api", "vps"]))
    }

    /// `GET /api/vps/:id`.
    pub fn vps(&self, id: &str) -> Call<Vps> {
        json_call(self.private(Method::GET, &["api", "vps", id]))
    }

    /// `DELETE /api/vps/:id`.
    pub fn delete_vps(&self, id: &str) -> Call<Deleted> {
        deleted_call(self.private(Method::DELETE, &["api", "vps", id]))
    }

    /// `POST /api/vps/:id/start`, `/stop` or `/restart`: the VPS after the action.
    pub fn power(&self, id: &str, action: PowerAction) -> Call<Vps> {
        json_call(self.private(Method::POST, &["api", "vps", id, action.label()]))
    }

    // --- snapshots ---

    /// `POST /api/vps/:id/snapshots`.
    pub fn create_snapshot(
        &self,
        id: &str,
        name: &str,
    ) -> Result<Call<VpsSnapshot>, ProviderError> {
        require("name", name)?;
        Ok(json_call(
            self.private(Method::POST, &["api", "vps", id, "snapshots"])
                .json(&json!({ "name": name })),
        ))
    }

    /// `GET /api/vps/:id/snapshots`.
    pub fn snapshots(&self, id: &str) -> Call<Vec<VpsSnapshot>> {
        json_call(self.private(Method::GET, &["api", "vps", id, "snapshots"]))
    }

    /// `DELETE /api/vps/:id/snapshots/:snapshot_id`.
    pub fn delete_snapshot(&self, id: &str, snapshot_id: &str) -> Call<Deleted> {
        deleted_call(self.private(
            Method::DELETE,
            &["api", "vps", id, "snapshots", snapshot_id],
        ))
    }

    // --- files ---

    /// `PUT /api/vps/:id/files?path=…`: write `content` to an absolute path.
    pub fn upload_file(
        &self,
        id: &str,
        path: &str,
        content: Vec<u8>,
    ) -> Result<Call<FileWritten>, ProviderError> {
        validate_path(path)?;
        Ok(json_call(
            self.private(Method::PUT, &["api", "vps", id, "files"])
                .query("path", path)
                .bytes(content, "application/octet-stream"),
        ))
    }

    /// `GET /api/vps/:id/files?path=…`: the file's bytes.
    pub fn download_file(&self, id: &str, path: &str) -> Result<Call<Vec<u8>>, ProviderError> {
        validate_path(path)?;
        let request = self
            .private(Method::GET, &["api", "vps", id, "files"])
            .query("path", path)
            .build();
        Ok(Call::new(request, |r| {
            if !parse::is_success(r) {
                return Err(error_from_response(r));
            }
            Ok(r.body().clone())
        }))
    }

    // --- exec and jobs ---

    /// `POST /api/vps/:id/exec`: run a command and wait for its output.
    pub fn exec(&self, id: &str, exec: &Exec) -> Result<Call<ExecOutput>, ProviderError> {
        exec.validate()?;
        Ok(json_call(
            self.private(Method::POST, &["api", "vps", id, "exec"])
                .json(exec),
        ))
    }

    /// `POST /api/vps/:id/exec` with `"background":true`: start a job to poll.
    pub fn exec_background(
        &self,
        id: &str,
        exec: &Exec,
    ) -> Result<Call<JobStarted>, ProviderError> {
        exec.validate()?;
        Ok(json_call(
            self.private(Method::POST, &["api", "vps", id, "exec"])
                .json(&with_background(exec_body(exec))),
        ))
    }

    /// `GET /api/vps/:id/jobs/:job_id`.
    pub fn job(&self, id: &str, job_id: &str) -> Call<Job> {
        json_call(self.private(Method::GET, &["api", "vps", id, "jobs", job_id]))
    }

    /// `DELETE /api/vps/:id/jobs/:job_id`: cancel a job.
    pub fn cancel_job(&self, id: &str, job_id: &str) -> Call<Job> {
        json_call(self.private(Method::DELETE, &["api", "vps", id, "jobs", job_id]))
    }

    // --- batch ---

    /// `POST /api/vps/batch`: create several VPSes (HTTP 207, one result each).
    pub fn batch_create(&self, vms: &[NewVps]) -> Result<Call<BatchCreated>, ProviderError> {
        if vms.is_empty() {
            return Err(ProviderError::validation(
                "vms",
                "at least one VPS is required",
            ));
        }
        for (i, vm) in vms.iter().enumerate() {
            vm.validate_as(&format!("vms[{i}]."))?;
        }
        Ok(json_call(
            self.private(Method::POST, &["api", "vps", "batch"])
                .json(&json!({ "vms": vms })),
        ))
    }

    /// `POST /api/vps/batch/delete`: delete several VPSes (HTTP 207).
    pub fn batch_delete(&self, ids: &[String]) -> Result<Call<BatchDeleted>, ProviderError> {
        validate_ids(ids)?;
        Ok(json_call(
            self.private(Method::POST, &["api", "vps", "batch", "delete"])
                .json(&json!({ "ids": ids })),
        ))
    }

    /// `POST /api/vps/batch/exec`: run a command on several VPSes and wait.
    pub fn batch_exec(
        &self,
        ids: &[String],
        exec: &Exec,
    ) -> Result<Call<BatchExec>, ProviderError> {
        self.batch_exec_call(ids, exec, false)
    }

    /// `POST /api/vps/batch/exec` with `"background":true`: one job per VPS.
    pub fn batch_exec_background(
        &self,
        ids: &[String],
        exec: &Exec,
    ) -> Result<Call<BatchExec>, ProviderError> {
        self.batch_exec_call(ids, exec, true)
    }

    fn batch_exec_call(
        &self,
        ids: &[String],
        exec: &Exec,
        background: bool,
    ) -> Result<Call<BatchExec>, ProviderError> {
        validate_ids(ids)?;
        exec.validate()?;
        let mut body = exec_body(exec);
        body.insert("ids".into(), json!(ids));
        let body = if background {
            with_background(body)
        } else {
            body
        };
        Ok(json_call(
            self.private(Method::POST, &["api", "vps", "batch", "exec"])
                .json(&body),
        ))
    }

    // --- SSH keys ---

    /// `POST /api/ssh-keys`: store an OpenSSH public key.
    pub fn add_ssh_key(
        &self,
        name: &str,
        public_key: &str,
    ) -> Result<Call<SshKeyInfo>, ProviderError> {
        require("name", name)?;
        validate_public_key(public_key)?;
        Ok(json_call(
            self.private(Method::POST, &["api", "ssh-keys"])
                .json(&json!({ "name": name, "public_key": public_key.trim() })),
        ))
    }

    /// `GET /api/ssh-keys`.
    pub fn ssh_keys(&self) -> Call<Vec<SshKeyInfo>> {
        json_call(self.private(Method::GET, &["api", "ssh-keys"]))
    }

    /// `DELETE /api/ssh-keys/:id`.
    pub fn delete_ssh_key(&self, id: &str) -> Call<Deleted> {
        deleted_call(self.private(Method::DELETE, &["api", "ssh-keys", id]))
    }

    // --- billing ---

    /// `POST /api/billing/add-funds`: a Stripe checkout for $5–$50.
    pub fn add_funds(&self, amount: Decimal) -> Result<Call<Checkout>, ProviderError> {
        validate_top_up(amount)?;
        Ok(json_call(
            self.private(Method::POST, &["api", "billing", "add-funds"])
                .json(&json!({ "amount": json_number(amount) })),
        ))
    }

    /// `GET /api/billing/transactions?limit=&offset=`.
    pub fn transactions(&self, page: Page) -> Result<Call<Transactions>, ProviderError> {
        if page.limit == 0 {
            return Err(ProviderError::validation("limit", "must be at least 1"));
        }
        Ok(json_call(
            self.private(Method::GET, &["api", "billing", "transactions"])
                .query("limit", page.limit.to_string())
                .query("offset", page.offset.to_string()),
        ))
    }

    /// `PUT /api/billing/email`: where invoices and low-balance alerts go.
    pub fn set_billing_email(&self, email: &str) -> Result<Call<BillingEmail>, ProviderError> {
        validate_email("email", email)?;
        Ok(json_call(
            self.private(Method::PUT, &["api", "billing", "email"])
                .json(&json!({ "email": email })),
        ))
    }

    // --- access tokens ---

    /// `POST /api/tokens`: a `vtk_` token, optionally capped at `spend_limit` USD.
    pub fn create_token(
        &self,
        name: &str,
        spend_limit: Option<Decimal>,
    ) -> Result<Call<AccessToken>, ProviderError> {
        require("name", name)?;
        let mut body = serde_json::Map::new();
        body.insert("name".into(), json!(name));
        if let Some(limit) = spend_limit {
            if limit <= Decimal::ZERO {
                return Err(ProviderError::validation(
                    "spend_limit",
                    "must be more than 0 USD (leave it out for no limit)",
                ));
            }
            body.insert("spend_limit".into(), json_number(limit));
        }
        Ok(json_call(
            self.private(Method::POST, &["api", "tokens"]).json(&body),
        ))
    }

    /// `GET /api/tokens` (items carry no `token`).
    pub fn tokens(&self) -> Call<Vec<AccessToken>> {
        json_call(self.private(Method::GET, &["api", "tokens"]))
    }

    /// `DELETE /api/tokens/:id`: revoke a token.
    pub fn delete_token(&self, id: &str) -> Call<Deleted> {
        deleted_call(self.private(Method::DELETE, &["api", "tokens", id]))
    }
}

/// A JWT's text starts with the base64url of `{"`.
fn looks_like_jwt(token: &str) -> bool {
    token.starts_with("eyJ") && is_header_safe(token)
}

fn is_header_safe(token: &str) -> bool {
    token.bytes().all(|b| b.is_ascii_graphic())
}

fn validate_token(token: &Secret) -> Result<(), ProviderError> {
    let value = token.expose();
    if value.trim().is_empty() {
        return Err(ProviderError::validation("token", "is empty"));
    }
    if !is_header_safe(value) {
        return Err(ProviderError::validation(
            "token",
            "has spaces or characters a header cannot carry; paste the token alone",
        ));
    }
    if token.is_stand_in() || value.starts_with("vtk_") || looks_like_jwt(value) {
        return Ok(());
    }
    Err(ProviderError::validation(
        "token",
        "a LiteVPS token is an access token starting with `vtk_` or a JWT (`eyJ…`) from /api/auth/login",
    ))
}

fn validate_ids(ids: &[String]) -> Result<(), ProviderError> {
    if ids.is_empty() {
        return Err(ProviderError::validation(
            "ids",
            "at least one VPS id is required",
        ));
    }
    if ids.iter().any(|id| id.trim().is_empty()) {
        return Err(ProviderError::validation("ids", "a VPS id is empty"));
    }
    Ok(())
}

fn validate_public_key(key: &str) -> Result<(), ProviderError> {
    let mut parts = key.split_whitespace();
    let kind = parts.next().unwrap_or_default();
    let known = kind.starts_with("ssh-") || kind.starts_with("ecdsa-") || kind.starts_with("sk-");
    if !known || parts.next().is_none() {
        return Err(ProviderError::validation(
            "public_key",
            "must be an OpenSSH public key such as `ssh-ed25519 AAAA… comment`",
        ));
    }
    Ok(())
}

fn exec_body(exec: &Exec) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(exec) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    }
}

fn with_background(
    mut body: serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    body.insert("background".into(), json!(true));
    body
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

fn deleted_call(builder: RequestBuilder) -> Call<Deleted> {
    Call::new(builder.build(), |r| {
        if parse::is_success(r) && parse::text(r).is_empty() {
            return Ok(Deleted {
                id: None,
                deleted: true,
            });
        }
        parse_json(r)
    })
}
