//! SSH keys, API tokens and snapshots.

use super::Timestamp;
use serde::{Deserialize, Serialize};

/// A public SSH key stored at a provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SshKey {
    /// The provider's id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The public key text, when the provider returns it.
    pub public_key: Option<String>,
    /// When it was added.
    pub created: Option<Timestamp>,
}

/// An API key or access token (metadata only; a secret is shown once at creation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiToken {
    /// The provider's id.
    pub id: String,
    /// Name.
    pub name: String,
    /// A non-secret prefix to recognise it (`cyp_live_3ac`).
    pub prefix: Option<String>,
    /// Scopes or permissions.
    pub scopes: Vec<String>,
    /// False when deactivated.
    pub active: bool,
    /// When it was created.
    pub created: Option<Timestamp>,
    /// When it was last used.
    pub last_used: Option<Timestamp>,
    /// The provider's JSON it came from.
    pub raw: serde_json::Value,
}

/// A snapshot of a server's disk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The provider's id or name.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// When it was taken.
    pub created: Option<Timestamp>,
}
