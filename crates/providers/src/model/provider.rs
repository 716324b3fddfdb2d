//! The five providers.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Which provider an account, server or request belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderId {
    /// LNVPS: NIP-98 auth, Lightning invoices.
    Lnvps,
    /// HOSTKEY invapi: API key → session token, WHMCS billing.
    Hostkey,
    /// CyberPanel Cloud: scoped `cyp_live_` keys, prepaid balance.
    Cyberpanel,
    /// LiteVPS: JWT or `vtk_` tokens, prepaid USD.
    Litevps,
    /// LlamaLink: `llk_` keys, saved cards, ILS.
    Llamalink,
}

impl ProviderId {
    /// Every provider, in the order the panel lists them.
    pub const ALL: [ProviderId; 5] = [
        ProviderId::Lnvps,
        ProviderId::Hostkey,
        ProviderId::Cyberpanel,
        ProviderId::Litevps,
        ProviderId::Llamalink,
    ];

    /// The lowercase slug used in URLs, routes and the sandbox (`lnvps`, …).
    pub fn slug(self) -> &'static str {
        match self {
            ProviderId::Lnvps => "lnvps",
            ProviderId::Hostkey => "hostkey",
            ProviderId::Cyberpanel => "cyberpanel",
            ProviderId::Litevps => "litevps",
            ProviderId::Llamalink => "llamalink",
        }
    }

    /// The name people know the provider by.
    pub fn display_name(self) -> &'static str {
        match self {
            ProviderId::Lnvps => "LNVPS",
            ProviderId::Hostkey => "HOSTKEY",
            ProviderId::Cyberpanel => "CyberPanel Cloud",
            ProviderId::Litevps => "LiteVPS",
            ProviderId::Llamalink => "LlamaLink",
        }
    }

    /// The documented production origin; documented paths are appended to it.
    pub fn default_base_url(self) -> &'static str {
        match self {
            ProviderId::Lnvps => "https://api.lnvps.net",
            ProviderId::Hostkey => "https://invapi.hostkey.com",
            ProviderId::Cyberpanel => "https://platform.cyberpersons.com",
            ProviderId::Litevps => "https://api.litevps.dev",
            ProviderId::Llamalink => "https://api.llamalink.net",
        }
    }
}

impl fmt::Display for ProviderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

impl FromStr for ProviderId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProviderId::ALL
            .into_iter()
            .find(|p| p.slug().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown provider `{s}`"))
    }
}
