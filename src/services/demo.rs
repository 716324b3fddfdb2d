//! Sandbox mode: one demo account per provider, answered by the in-browser
//! sandbox with its test credentials, so a newcomer sees a working fleet.

use super::transport::sandbox_base_url;
use crate::state::{AccountEntry, Keep};
use providers::{Account, Credentials, ProviderId, Secret};
use sandbox::{Provider, Sandbox};

/// The sandbox's credential for `provider` labelled `label`.
fn credential(sandbox: &Sandbox, provider: Provider, label: &str) -> String {
    sandbox
        .credentials()
        .remove(&provider)
        .and_then(|list| list.into_iter().find(|(l, _)| l == label).map(|(_, v)| v))
        .unwrap_or_default()
}

/// The demo accounts for the in-browser sandbox.
pub fn accounts(sandbox: &Sandbox) -> Vec<AccountEntry> {
    ProviderId::ALL
        .into_iter()
        .map(|provider| {
            let sim = sandbox_provider(provider);
            let credentials = match provider {
                ProviderId::Lnvps => Credentials::Nostr { public_key: None },
                ProviderId::Litevps => Credentials::Login {
                    user: credential(sandbox, sim, "email"),
                    password: Secret::new(credential(sandbox, sim, "password")),
                },
                _ => Credentials::ApiKey {
                    key: Secret::new(credential(sandbox, sim, "api key")),
                },
            };
            let pin = (provider == ProviderId::Hostkey)
                .then(|| Secret::new(credential(sandbox, sim, "pin")));
            AccountEntry {
                account: Account {
                    id: format!("sandbox-{}", provider.slug()),
                    provider,
                    label: format!("{} demo", provider.display_name()),
                    credentials,
                    base_url: Some(sandbox_base_url(provider.slug())),
                    pin,
                },
                keep: Keep::Sandbox,
            }
        })
        .collect()
}

/// The sandbox's name for a provider.
pub fn sandbox_provider(provider: ProviderId) -> Provider {
    match provider {
        ProviderId::Lnvps => Provider::Lnvps,
        ProviderId::Hostkey => Provider::Hostkey,
        ProviderId::Cyberpanel => Provider::Cyberpanel,
        ProviderId::Litevps => Provider::Litevps,
        ProviderId::Llamalink => Provider::Llamalink,
    }
}
