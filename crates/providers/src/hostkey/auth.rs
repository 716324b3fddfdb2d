//! auth.php: log in with an API key or a billing login, log out, and read
//! what the session token may do.

use super::file::AUTH;
use super::lenient::{id_list, opt_any_text, opt_i64};
use super::reply::Done;
use super::tag::Tag;
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use crate::parse::{bool_lenient, opt_string_lenient};
use crate::Secret;
use serde::{Deserialize, Serialize};
use serde_json::Value;

impl Api {
    /// `auth/login`: exchanges an API key (`16hex-16hex`) for a session token.
    ///
    /// `ttl` is the token lifetime in seconds (HOSTKEY's default is 7200);
    /// `fix_ip` binds the token to the caller's IP (`Some(false)` sends `fix_ip=0`).
    pub fn login(
        &self,
        key: &Secret,
        ttl: Option<u32>,
        fix_ip: Option<bool>,
    ) -> Result<Call<LoginReply>, ProviderError> {
        validate::api_key(key)?;
        Ok(self
            .public(AUTH, "login")
            .secret("key", key)
            .opt("ttl", ttl.map(|t| t.to_string()))
            .opt("fix_ip", fix_ip.map(flag))
            .json())
    }

    /// `auth/whmcslogin`: exchanges the billing login and password for a session
    /// token (this triggers 2FA when the account has it enabled).
    pub fn whmcslogin(
        &self,
        user: &str,
        password: &Secret,
        fix_ip: Option<bool>,
        ttl: Option<u32>,
    ) -> Result<Call<LoginReply>, ProviderError> {
        let user = validate::required("user", user)?;
        if password.is_empty() {
            return Err(ProviderError::validation("password", "is required"));
        }
        Ok(self
            .public(AUTH, "whmcslogin")
            .field("user", user)
            .secret("password", password)
            .opt("fix_ip", fix_ip.map(flag))
            .opt("ttl", ttl.map(|t| t.to_string()))
            .json())
    }

    /// `auth/logout`: deletes the session token.
    pub fn logout(&self) -> Result<Call<Done>, ProviderError> {
        Ok(self.signed(AUTH, "logout")?.json())
    }

    /// `auth/info`: the account behind the token (email, servers, permissions,
    /// billing options, deploy keys, tags).
    pub fn info(&self) -> Result<Call<AccountInfo>, ProviderError> {
        Ok(self
            .signed(AUTH, "info")?
            .json::<InfoReply>()
            .map(|reply| reply.result))
    }
}

/// `1` or `0`, as HOSTKEY's flags are sent.
pub(crate) fn flag(on: bool) -> &'static str {
    if on {
        "1"
    } else {
        "0"
    }
}

/// The answer to `auth/login` and `auth/whmcslogin` (not serialisable: it holds the token).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LoginReply {
    /// The session (an object in `result`).
    pub result: LoginResult,
    /// Server-side timings of whmcslogin (`[{"init":2}, …]`).
    #[serde(default)]
    pub timings: Vec<Value>,
}

/// A new (or reused) session token and what it may do.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LoginResult {
    /// The session token.
    pub token: Secret,
    /// Role (`Customer billing`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub role: Option<String>,
    /// Role type (`Customer`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub role_type: Option<String>,
    /// The WHMCS client id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub whmcs_id: Option<String>,
    /// Which WHMCS serves the account (`whmcs_com`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub whmcs_location: Option<String>,
    /// WHMCS single-sign-on token (whmcslogin; `null` in the example).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub whmcs_token: Option<String>,
    /// The servers the token covers (a per-server key covers one).
    #[serde(default, deserialize_with = "id_list")]
    pub servers: Vec<String>,
    /// The customer id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub customer_id: Option<String>,
    /// The API calls this role may make (`eq/on`, `whmcs/get_invoices`, …).
    #[serde(default)]
    pub permissions: Vec<String>,
    /// Unix seconds when the token expires.
    #[serde(default, deserialize_with = "opt_i64")]
    pub token_expire: Option<i64>,
    /// True when a fresh token was minted, false when a valid one was reused.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub new: bool,
    /// True for a corporate account (whmcslogin).
    #[serde(default, deserialize_with = "bool_lenient")]
    pub corporate: bool,
    /// Verification state (whmcslogin; `null` in the example).
    #[serde(default)]
    pub verified: Value,
    /// Billing entity and payment options (whmcslogin).
    #[serde(default)]
    pub billing_options: Option<BillingOptions>,
}

/// Which HOSTKEY entity bills the account and how it can pay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BillingOptions {
    /// Billing site (`https://billing-itb.hostkey.com/`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub url: Option<String>,
    /// Billing location (`NL`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub location: Option<String>,
    /// Billing company (`HOSTKEY B.V.`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub company: Option<String>,
    /// True when billing is active.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub active: bool,
    /// Payment providers the account may use (`paypal`, `yookassa`).
    #[serde(default)]
    pub allowed_payments: Vec<String>,
    /// The API host to use (`invapi.hostkey.com`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub native_endpoint: Option<String>,
}

#[derive(Deserialize)]
struct InfoReply {
    result: AccountInfo,
}

/// `auth/info`: the account behind a session token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountInfo {
    /// The servers the token covers (a map `{"34533":"34533"}` in the answer).
    #[serde(default, deserialize_with = "id_list")]
    pub servers: Vec<String>,
    /// May see products.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub show_products: bool,
    /// May manage products.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub manage_products: bool,
    /// May see invoices.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub show_invoices: bool,
    /// May place orders.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub manage_orders: bool,
    /// The account e-mail.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub email: Option<String>,
    /// Unix seconds when the token expires.
    #[serde(default, deserialize_with = "opt_i64")]
    pub token_expire: Option<i64>,
    /// WHMCS client id (text here, a number at login).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub whmcs_id: Option<String>,
    /// Which WHMCS serves the account.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub whmcs_location: Option<String>,
    /// Billing servers.
    #[serde(default)]
    pub billing_servers: Vec<Value>,
    /// Keys of deployments in progress (to poll with eq_callback).
    #[serde(default)]
    pub deploy_keys: Vec<Value>,
    /// The API calls this role may make.
    #[serde(default)]
    pub permissions: Vec<String>,
    /// Role type (`Customer`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub role_type: Option<String>,
    /// Role name (`Customer billing`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub role_name: Option<String>,
    /// Verification state.
    #[serde(default)]
    pub verified: Value,
    /// Identity-check id.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub sumsub_id: Option<String>,
    /// Identity-check comment.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub sumsub_comment: Option<String>,
    /// True for a corporate account.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub corporate: bool,
    /// Customer tags (`email_verification`, …).
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Billing entity and payment options.
    #[serde(default)]
    pub billing_options: Option<BillingOptions>,
    /// The address HOSTKEY sees the caller at.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub client_ip: Option<String>,
    /// Server-side timings.
    #[serde(default)]
    pub timing: Vec<Value>,
}
