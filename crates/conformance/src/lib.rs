//! Adapters that let the provider clients talk to the sandbox, for the
//! lifecycle tests in `tests/`:
//!
//! - [`in_process`]: the sandbox called directly, on a virtual clock that the
//!   driver's waits move forward, so a 3-minute deployment takes no time;
//! - [`loopback`]: the sandbox binary over HTTP on 127.0.0.1, whose clock the
//!   driver's waits move forward through the `/_sandbox/time` control.

pub mod in_process;
pub mod loopback;

use providers::{Account, Credentials, ProviderId, Secret};

/// An account at the sandbox mounted under `base` (`http://127.0.0.1:PORT`).
pub fn account(provider: ProviderId, base: &str, credentials: Credentials) -> Account {
    Account {
        id: format!("test-{}", provider.slug()),
        provider,
        label: format!("{} test", provider.display_name()),
        credentials,
        base_url: Some(format!("{base}/{}", provider.slug())),
        pin: None,
    }
}

/// An API-key credential.
pub fn api_key(key: &str) -> Credentials {
    Credentials::ApiKey {
        key: Secret::new(key),
    }
}

/// A sandbox credential by provider and label, from its start-up list.
pub fn credential(sandbox: &sandbox::Sandbox, provider: sandbox::Provider, label: &str) -> String {
    sandbox
        .credentials()
        .remove(&provider)
        .and_then(|list| list.into_iter().find(|(l, _)| l == label).map(|(_, v)| v))
        .unwrap_or_else(|| panic!("the sandbox has no {provider:?} credential `{label}`"))
}
