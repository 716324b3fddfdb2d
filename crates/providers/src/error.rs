//! The one error type every provider call returns, phrased so a person can act on it.

use crate::model::Money;
use serde::{Deserialize, Serialize};

/// Why a provider call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProviderError {
    /// The credential was missing, wrong or expired: fix the key.
    #[error("Authentication failed: {message}. Check the {credential}.")]
    Auth {
        /// The provider's explanation.
        message: String,
        /// Which credential to fix ("API key", "NIP-98 signature", …).
        credential: String,
    },
    /// The credential is valid but lacks a scope or permission.
    #[error("Permission denied: {message}{}", needed.as_ref().map(|n| format!(" (needs `{n}`)")).unwrap_or_default())]
    Permission {
        /// The scope or permission that is needed, when the provider says.
        needed: Option<String>,
        /// The provider's explanation.
        message: String,
    },
    /// Not enough balance or no way to pay.
    #[error("Payment required: {message}{}", payment_detail(balance, required))]
    PaymentRequired {
        /// What the account has.
        balance: Option<Money>,
        /// What the action costs.
        required: Option<Money>,
        /// The provider's explanation.
        message: String,
    },
    /// Too many requests: wait and retry.
    #[error("Rate limited: {message}{}", retry_after_secs.map(|s| format!(" Retry in {s} s.")).unwrap_or_default())]
    RateLimited {
        /// Seconds to wait, when the provider says.
        retry_after_secs: Option<u64>,
        /// The provider's explanation.
        message: String,
    },
    /// A value was rejected, by the panel before sending or by the provider.
    #[error("Invalid {field}: {reason}")]
    Validation {
        /// The field at fault.
        field: String,
        /// Why.
        reason: String,
    },
    /// The thing asked for does not exist (or is not this account's).
    #[error("Not found: {message}")]
    NotFound {
        /// The provider's explanation.
        message: String,
    },
    /// The request conflicts with the current state (already running, in progress).
    #[error("Conflict: {message}")]
    Conflict {
        /// The provider's explanation.
        message: String,
    },
    /// The provider failed on its side.
    #[error("The provider failed (HTTP {status}): {message}")]
    Provider {
        /// HTTP status.
        status: u16,
        /// The provider's explanation.
        message: String,
    },
    /// The response could not be understood; the body is kept for display.
    #[error("Unexpected response (HTTP {status}): {reason}")]
    UnexpectedBody {
        /// HTTP status.
        status: u16,
        /// What did not match.
        reason: String,
        /// The body as text, cut to a readable length.
        body: String,
    },
    /// The request did not reach the provider or no answer came back.
    #[error("Could not reach the provider: {message}")]
    Transport {
        /// What went wrong.
        message: String,
        /// True when it timed out (rather than being refused or offline).
        timed_out: bool,
    },
    /// The provider does not offer this action.
    #[error("Not supported: {reason}")]
    Unsupported {
        /// Why, in words the UI can show.
        reason: String,
    },
    /// The NIP-98 signer refused or failed.
    #[error("Signing failed: {message}")]
    Signer {
        /// What went wrong.
        message: String,
    },
}

fn payment_detail(balance: &Option<Money>, required: &Option<Money>) -> String {
    match (balance, required) {
        (Some(b), Some(r)) => format!(" (balance {b}, needed {r})"),
        (Some(b), None) => format!(" (balance {b})"),
        (None, Some(r)) => format!(" (needed {r})"),
        (None, None) => String::new(),
    }
}

impl ProviderError {
    /// A validation error for `field`.
    pub fn validation(field: impl Into<String>, reason: impl Into<String>) -> Self {
        ProviderError::Validation {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// An unreadable body, kept (cut to 2,000 characters) for display.
    pub fn unexpected(status: u16, reason: impl Into<String>, body: &[u8]) -> Self {
        let text = String::from_utf8_lossy(body);
        let body: String = text.chars().take(2_000).collect();
        ProviderError::UnexpectedBody {
            status,
            reason: reason.into(),
            body,
        }
    }

    /// True when retrying the same request later may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            ProviderError::RateLimited { .. } | ProviderError::Transport { .. } => true,
            ProviderError::Provider { status, .. } => *status >= 500,
            _ => false,
        }
    }
}
