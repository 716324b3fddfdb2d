//! An account at one provider: credentials and where to reach it.

use super::ProviderId;
use crate::error::ProviderError;
use crate::Secret;
use serde::{Deserialize, Serialize};
use url::Url;

/// How the panel proves who it is to a provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Credentials {
    /// A static key: LlamaLink `llk_…`, CyberPanel `cyp_live_…`, HOSTKEY API key.
    ApiKey {
        /// The key.
        key: Secret,
    },
    /// An email (or billing login) and password: LiteVPS JWT login, HOSTKEY `whmcslogin`.
    Login {
        /// Email address or billing user name.
        user: String,
        /// Password.
        password: Secret,
    },
    /// A ready bearer token: a LiteVPS `vtk_…` access token or JWT.
    Token {
        /// The token.
        token: Secret,
    },
    /// LNVPS: requests are signed by the configured [`crate::Signer`].
    Nostr {
        /// The npub or hex public key shown to the user, when known.
        public_key: Option<String>,
    },
}

/// One account: a provider, its credentials and an optional base-URL override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Stable local identifier chosen by the panel.
    pub id: String,
    /// The provider this account is at.
    pub provider: ProviderId,
    /// A label the user recognises ("prod", "personal").
    pub label: String,
    /// How to authenticate.
    pub credentials: Credentials,
    /// Origin to use instead of the documented one (staging, a relay, the sandbox).
    pub base_url: Option<String>,
    /// HOSTKEY's PIN, required by its power, console, network and order calls.
    #[serde(default)]
    pub pin: Option<Secret>,
}

impl Account {
    /// The origin requests go to: the override when set, else the documented one.
    pub fn base_url(&self) -> Result<Url, ProviderError> {
        resolve_base_url(self.provider, self.base_url.as_deref())
    }
}

/// Parses a base-URL override (or the provider's default) into a URL.
pub(crate) fn resolve_base_url(
    provider: ProviderId,
    base: Option<&str>,
) -> Result<Url, ProviderError> {
    let raw = base
        .map(str::trim)
        .filter(|b| !b.is_empty())
        .unwrap_or(provider.default_base_url());
    let url = Url::parse(raw).map_err(|e| {
        ProviderError::validation("base_url", format!("`{raw}` is not a valid URL: {e}"))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(ProviderError::validation(
            "base_url",
            "the base URL must start with http:// or https://",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ProviderError::validation(
            "base_url",
            "the base URL must not carry a query or fragment",
        ));
    }
    Ok(url)
}
