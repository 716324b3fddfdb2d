//! Where the desktop app keeps its secrets: named text entries in the OS
//! keychain ([`KeyringStore`]), or in memory for tests ([`MemoryStore`]).
//!
//! The backend is chosen at start-up by the environment variable
//! `PANEL_KEYSTORE` (see [`Backend::from_env`]).

use std::collections::BTreeMap;
use std::sync::Mutex;

/// The keychain service name every entry of the app is filed under.
pub const SERVICE: &str = "vps-panel";

/// The service name to use: `PANEL_KEYSTORE_SERVICE` when set (tests keep
/// their entries apart from the user's with it), else [`SERVICE`].
pub fn service_from_env() -> String {
    std::env::var("PANEL_KEYSTORE_SERVICE")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| SERVICE.to_string())
}

/// Why the secret store could not do what was asked. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("keychain: {0}")]
pub struct StoreError(pub String);

/// Named text entries kept secret: get, set and delete.
///
/// ```
/// use panel_desktop::store::{MemoryStore, SecretStore};
/// let store = MemoryStore::default();
/// store.set("greeting", "hello").unwrap();
/// assert_eq!(store.get("greeting").unwrap().as_deref(), Some("hello"));
/// store.delete("greeting").unwrap();
/// assert_eq!(store.get("greeting").unwrap(), None);
/// ```
pub trait SecretStore: Send + Sync {
    /// The entry's value, or `None` when there is no such entry.
    fn get(&self, name: &str) -> Result<Option<String>, StoreError>;
    /// Creates or replaces an entry.
    fn set(&self, name: &str, value: &str) -> Result<(), StoreError>;
    /// Removes an entry; removing a missing entry is not an error.
    fn delete(&self, name: &str) -> Result<(), StoreError>;
}

/// Entries in a map, gone when the process ends: for tests and for trying
/// the app without a keychain (`PANEL_KEYSTORE=memory`).
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<BTreeMap<String, String>>,
}

impl MemoryStore {
    /// The names of the entries held, in order (for tests).
    pub fn names(&self) -> Vec<String> {
        self.lock().keys().cloned().collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecretStore for MemoryStore {
    fn get(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self.lock().get(name).cloned())
    }

    fn set(&self, name: &str, value: &str) -> Result<(), StoreError> {
        self.lock().insert(name.to_string(), value.to_string());
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), StoreError> {
        self.lock().remove(name);
        Ok(())
    }
}

/// Which store the app keeps its secrets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// The platform keychain: Secret Service on Linux (GNOME Keyring,
    /// KWallet), Keychain on macOS, Credential Manager on Windows.
    Native,
    /// Linux only: the kernel key store (keyutils), which works headless.
    Keyutils,
    /// In memory: nothing outlives the process.
    Memory,
}

impl Backend {
    /// Reads `PANEL_KEYSTORE`: `secret-service` (the default on Linux; on
    /// macOS and Windows the default is the platform keychain, also named
    /// `native`), `keyutils` (Linux) or `memory`.
    ///
    /// ```
    /// use panel_desktop::store::Backend;
    /// assert_eq!(Backend::parse(Some("memory")), Ok(Backend::Memory));
    /// assert!(Backend::parse(Some("floppy")).unwrap_err().contains("PANEL_KEYSTORE"));
    /// ```
    pub fn from_env() -> Result<Self, String> {
        Self::parse(std::env::var("PANEL_KEYSTORE").ok().as_deref())
    }

    /// [`Backend::from_env`] for a given value of `PANEL_KEYSTORE`.
    pub fn parse(value: Option<&str>) -> Result<Self, String> {
        match value.map(str::trim).unwrap_or("") {
            "" | "native" => Ok(Backend::Native),
            "secret-service" if cfg!(target_os = "linux") => Ok(Backend::Native),
            "keyutils" if cfg!(target_os = "linux") => Ok(Backend::Keyutils),
            "memory" => Ok(Backend::Memory),
            other => Err(format!(
                "PANEL_KEYSTORE=`{other}` is not a key store here; use {}",
                if cfg!(target_os = "linux") {
                    "secret-service, keyutils or memory"
                } else {
                    "native or memory"
                }
            )),
        }
    }

    /// Opens the store this backend names, its entries filed under `service`
    /// (normally [`service_from_env`]).
    pub fn open(self, service: &str) -> Result<Box<dyn SecretStore>, StoreError> {
        match self {
            Backend::Memory => Ok(Box::new(MemoryStore::default())),
            keychain => Ok(Box::new(KeyringStore::new(keychain, service)?)),
        }
    }
}

/// Entries in an OS keychain through the `keyring` crate: one credential per
/// entry, filed under a service name with the entry name as the user.
pub struct KeyringStore {
    builder: Box<keyring::CredentialBuilder>,
    service: String,
}

impl std::fmt::Debug for KeyringStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyringStore")
            .field("builder", &self.builder)
            .field("service", &self.service)
            .finish()
    }
}

impl KeyringStore {
    /// A store over `backend`'s keychain with entries filed under `service`
    /// ([`Backend::Memory`] is no keychain: use [`MemoryStore`]).
    pub fn new(backend: Backend, service: &str) -> Result<Self, StoreError> {
        if service.is_empty() {
            return Err(StoreError("the service name is empty".into()));
        }
        let builder = match backend {
            Backend::Native => native_builder(),
            Backend::Keyutils => keyutils_builder()?,
            Backend::Memory => {
                return Err(StoreError(
                    "memory is not a keychain; use MemoryStore".into(),
                ))
            }
        };
        Ok(Self {
            builder,
            service: service.to_string(),
        })
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry, StoreError> {
        let credential = self
            .builder
            .build(None, &self.service, name)
            .map_err(|e| describe(name, e))?;
        Ok(keyring::Entry::new_with_credential(credential))
    }
}

#[cfg(target_os = "linux")]
fn native_builder() -> Box<keyring::CredentialBuilder> {
    keyring::secret_service::default_credential_builder()
}

#[cfg(target_os = "macos")]
fn native_builder() -> Box<keyring::CredentialBuilder> {
    keyring::macos::default_credential_builder()
}

#[cfg(target_os = "windows")]
fn native_builder() -> Box<keyring::CredentialBuilder> {
    keyring::windows::default_credential_builder()
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn native_builder() -> Box<keyring::CredentialBuilder> {
    keyring::mock::default_credential_builder()
}

#[cfg(target_os = "linux")]
fn keyutils_builder() -> Result<Box<keyring::CredentialBuilder>, StoreError> {
    Ok(keyring::keyutils::default_credential_builder())
}

#[cfg(not(target_os = "linux"))]
fn keyutils_builder() -> Result<Box<keyring::CredentialBuilder>, StoreError> {
    Err(StoreError("keyutils exists only on Linux".into()))
}

/// A keyring error as a sentence naming the entry (never its value).
fn describe(name: &str, error: keyring::Error) -> StoreError {
    let what = match error {
        keyring::Error::NoStorageAccess(e) => format!("cannot reach the keychain ({e})"),
        keyring::Error::PlatformFailure(e) => format!("the keychain failed ({e})"),
        keyring::Error::BadEncoding(_) => "the stored value is not UTF-8 text".to_string(),
        keyring::Error::TooLong(attr, limit) => {
            format!("{attr} is longer than the keychain allows ({limit})")
        }
        keyring::Error::Invalid(attr, why) => format!("{attr} {why}"),
        keyring::Error::Ambiguous(found) => {
            format!(
                "{} keychain items match; remove the extra ones",
                found.len()
            )
        }
        keyring::Error::NoEntry => "no such entry".to_string(),
        other => other.to_string(),
    };
    StoreError(format!("entry `{name}`: {what}"))
}

impl SecretStore for KeyringStore {
    fn get(&self, name: &str) -> Result<Option<String>, StoreError> {
        match self.entry(name)?.get_password() {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(describe(name, e)),
        }
    }

    fn set(&self, name: &str, value: &str) -> Result<(), StoreError> {
        self.entry(name)?
            .set_password(value)
            .map_err(|e| describe(name, e))
    }

    fn delete(&self, name: &str) -> Result<(), StoreError> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(describe(name, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memory_store_sets_replaces_and_deletes() {
        let store = MemoryStore::default();
        assert_eq!(store.get("a").unwrap(), None);
        store.set("a", "1").unwrap();
        store.set("a", "2").unwrap();
        assert_eq!(store.get("a").unwrap().as_deref(), Some("2"));
        store.delete("a").unwrap();
        store.delete("a").unwrap();
        assert!(store.names().is_empty());
    }

    #[test]
    fn the_backend_comes_from_panel_keystore() {
        assert_eq!(Backend::parse(None), Ok(Backend::Native));
        assert_eq!(Backend::parse(Some("memory")), Ok(Backend::Memory));
        #[cfg(target_os = "linux")]
        {
            assert_eq!(Backend::parse(Some("secret-service")), Ok(Backend::Native));
            assert_eq!(Backend::parse(Some("keyutils")), Ok(Backend::Keyutils));
        }
        let err = Backend::parse(Some("floppy")).unwrap_err();
        assert!(err.contains("floppy") && err.contains("memory"), "{err}");
    }

    /// A real keychain: the Linux kernel key store. It needs a session
    /// keyring of its own, so `scripts/desktop-test.sh` runs the tests under
    /// `keyctl session -`.
    #[cfg(target_os = "linux")]
    #[test]
    #[ignore = "needs a fresh keyutils session: scripts/desktop-test.sh"]
    fn keyutils_stores_loads_and_deletes_leaving_nothing_behind() {
        let service = format!("vps-panel-test-{}", std::process::id());
        let store = KeyringStore::new(Backend::Keyutils, &service).unwrap();
        let names = ["index", "account.one", "nostr.one"];
        for name in names {
            assert_eq!(store.get(name).unwrap(), None, "{name} starts absent");
        }
        for (i, name) in names.iter().enumerate() {
            store.set(name, &format!("value {i} ✓")).unwrap();
        }
        store.set("index", "replaced").unwrap();
        assert_eq!(store.get("index").unwrap().as_deref(), Some("replaced"));
        assert_eq!(
            store.get("account.one").unwrap().as_deref(),
            Some("value 1 ✓")
        );
        // A second store over the same keychain sees the same entries.
        let again = KeyringStore::new(Backend::Keyutils, &service).unwrap();
        assert_eq!(
            again.get("nostr.one").unwrap().as_deref(),
            Some("value 2 ✓")
        );
        for name in names {
            store.delete(name).unwrap();
        }
        store.delete("index").unwrap();
        // keyutils may serve an invalidated key from its cache for a moment.
        for name in names {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
            while store.get(name).unwrap().is_some() {
                assert!(
                    std::time::Instant::now() < deadline,
                    "{name} still there after delete"
                );
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
}
