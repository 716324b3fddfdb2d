//! CyberPanel's permission scopes, and which one each endpoint needs.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A permission scope an API key can carry (the document's scope table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Scope {
    /// List and view VPS instances, plans, locations, templates.
    #[serde(rename = "vps:read")]
    VpsRead,
    /// Create, start, stop, restart and modify VPS instances (and delete them:
    /// `POST /vps/{id}/delete` is documented as needing this scope).
    #[serde(rename = "vps:write")]
    VpsWrite,
    /// Delete VPS instances.
    #[serde(rename = "vps:delete")]
    VpsDelete,
    /// View account information and API-key metadata.
    #[serde(rename = "account:read")]
    AccountRead,
    /// Update account settings.
    #[serde(rename = "account:write")]
    AccountWrite,
    /// View balance, invoices and billing information.
    #[serde(rename = "billing:read")]
    BillingRead,
    /// Add funds.
    #[serde(rename = "billing:write")]
    BillingWrite,
    /// View support tickets.
    #[serde(rename = "support:read")]
    SupportRead,
    /// Create and reply to support tickets.
    #[serde(rename = "support:write")]
    SupportWrite,
    /// View email service information.
    #[serde(rename = "email:read")]
    EmailRead,
    /// Send emails.
    #[serde(rename = "email:write")]
    EmailWrite,
    /// Every permission.
    #[serde(rename = "all")]
    All,
}

impl Scope {
    /// Every scope of the document's table, in its order.
    pub const ALL: [Scope; 12] = [
        Scope::VpsRead,
        Scope::VpsWrite,
        Scope::VpsDelete,
        Scope::AccountRead,
        Scope::AccountWrite,
        Scope::BillingRead,
        Scope::BillingWrite,
        Scope::SupportRead,
        Scope::SupportWrite,
        Scope::EmailRead,
        Scope::EmailWrite,
        Scope::All,
    ];

    /// The wire name (`vps:read`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::VpsRead => "vps:read",
            Scope::VpsWrite => "vps:write",
            Scope::VpsDelete => "vps:delete",
            Scope::AccountRead => "account:read",
            Scope::AccountWrite => "account:write",
            Scope::BillingRead => "billing:read",
            Scope::BillingWrite => "billing:write",
            Scope::SupportRead => "support:read",
            Scope::SupportWrite => "support:write",
            Scope::EmailRead => "email:read",
            Scope::EmailWrite => "email:write",
            Scope::All => "all",
        }
    }

    /// True when a key holding `granted` (wire names) may use an endpoint
    /// needing this scope: it holds the scope itself or `all`.
    ///
    /// ```
    /// use providers::cyberpanel::Scope;
    /// assert!(Scope::AccountRead.granted_by(&["all".to_string()]));
    /// assert!(!Scope::AccountRead.granted_by(&["vps:read".to_string()]));
    /// ```
    pub fn granted_by(self, granted: &[String]) -> bool {
        granted
            .iter()
            .any(|g| g == self.as_str() || g == Scope::All.as_str())
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Scope {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == s.trim())
            .ok_or_else(|| format!("unknown CyberPanel scope `{s}`"))
    }
}
