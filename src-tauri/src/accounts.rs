//! The account book: the user's provider accounts, secrets included, kept in
//! a [`SecretStore`].
//!
//! Layout: one entry per account (`account.<id>`, the account's JSON with
//! its real secrets), one entry per Nostr key (`nostr.<id>`, see
//! [`crate::nostr_keys`]) and one index entry (`accounts`, a JSON list of
//! ids in the order they were added). The web view only ever sees accounts
//! with their secrets replaced by placeholders ([`with_placeholders`]).

use crate::store::{SecretStore, StoreError};
use providers::wire::{placeholder, secret_fields, with_placeholders};
use providers::{Account, Credentials, Secret};
use std::sync::Mutex;

const INDEX: &str = "accounts";

/// The entry holding account `id`.
pub fn account_entry(id: &str) -> String {
    format!("account.{id}")
}

/// The entry holding the Nostr secret key of account `id`.
pub fn nostr_entry(id: &str) -> String {
    format!("nostr.{id}")
}

/// Why the account book refused or failed. Messages never hold a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookError {
    /// The keychain failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A field of the account is not acceptable.
    #[error("{field}: {reason}")]
    Invalid {
        /// Which field (`id`, `base_url`, `key`…).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No account has this id.
    #[error("no account `{0}` in the keychain")]
    Unknown(String),
    /// A stored entry could not be read back.
    #[error("the keychain entry of account `{0}` is damaged; remove and add the account again")]
    Damaged(String),
}

fn invalid(field: &str, reason: impl Into<String>) -> BookError {
    BookError::Invalid {
        field: field.to_string(),
        reason: reason.into(),
    }
}

/// Checks that an account id can name keychain entries: 1 to 64 ASCII
/// letters, digits, `-`, `_` or `.`.
pub fn check_id(id: &str) -> Result<(), BookError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(invalid(
            "id",
            "must be 1 to 64 letters, digits, `-`, `_` or `.`",
        ))
    }
}

/// The accounts, over a secret store.
///
/// ```
/// use panel_desktop::{accounts::AccountBook, store::MemoryStore};
/// use providers::{Account, Credentials, ProviderId, Secret};
/// let book = AccountBook::new(Box::new(MemoryStore::default()));
/// let account = Account {
///     id: "acc-1".into(),
///     provider: ProviderId::Llamalink,
///     label: "personal".into(),
///     credentials: Credentials::ApiKey { key: Secret::new("llk_real") },
///     base_url: None,
///     pin: None,
/// };
/// let shown = book.save(account).unwrap();
/// assert!(!serde_json::to_string(&shown).unwrap().contains("llk_real"));
/// assert_eq!(book.get("acc-1").unwrap().credentials,
///            Credentials::ApiKey { key: Secret::new("llk_real") });
/// ```
pub struct AccountBook {
    store: Box<dyn SecretStore>,
    /// Serialises read-modify-write of the index.
    writing: Mutex<()>,
}

impl AccountBook {
    /// A book over `store`.
    pub fn new(store: Box<dyn SecretStore>) -> Self {
        Self {
            store,
            writing: Mutex::new(()),
        }
    }

    /// The store underneath (the Nostr keys live there too).
    pub fn store(&self) -> &dyn SecretStore {
        self.store.as_ref()
    }

    fn ids(&self) -> Result<Vec<String>, BookError> {
        match self.store.get(INDEX)? {
            None => Ok(Vec::new()),
            Some(text) => serde_json::from_str(&text).map_err(|_| {
                BookError::Store(StoreError(format!(
                    "entry `{INDEX}`: the account list is damaged"
                )))
            }),
        }
    }

    fn write_ids(&self, ids: &[String]) -> Result<(), BookError> {
        if ids.is_empty() {
            self.store.delete(INDEX)?;
        } else {
            let text = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
            self.store.set(INDEX, &text)?;
        }
        Ok(())
    }

    /// Account `id` with its real secrets (for sending and signing only).
    pub fn get(&self, id: &str) -> Result<Account, BookError> {
        check_id(id)?;
        self.find(id)?
            .ok_or_else(|| BookError::Unknown(id.to_string()))
    }

    fn find(&self, id: &str) -> Result<Option<Account>, BookError> {
        match self.store.get(&account_entry(id))? {
            None => Ok(None),
            Some(text) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|_| BookError::Damaged(id.to_string())),
        }
    }

    /// Every account, in the order added, with real secrets.
    pub fn list(&self) -> Result<Vec<Account>, BookError> {
        let mut out = Vec::new();
        for id in self.ids()? {
            if let Some(account) = self.find(&id)? {
                out.push(account);
            }
        }
        Ok(out)
    }

    /// Every account as the web view may see it: secrets replaced by
    /// placeholders.
    pub fn list_public(&self) -> Result<Vec<Account>, BookError> {
        Ok(self.list()?.iter().map(with_placeholders).collect())
    }

    /// Saves `account` (inserting it, or replacing the one with its id) and
    /// returns it with placeholders.
    ///
    /// A secret whose value is its own placeholder keeps the stored value,
    /// so the web view can edit a label or base URL without the key.
    pub fn save(&self, account: Account) -> Result<Account, BookError> {
        check_id(&account.id)?;
        if account.label.trim().is_empty() {
            return Err(invalid("label", "must not be empty"));
        }
        account
            .base_url()
            .map_err(|e| invalid("base_url", e.to_string()))?;
        let _writing = self.writing.lock().unwrap_or_else(|p| p.into_inner());
        let stored = self.find(&account.id)?;
        if let Some(stored) = &stored {
            // Secrets (and a Nostr key) stay with the provider and address
            // they were given for: moving them would send them elsewhere.
            let origin = |a: &Account| a.base_url().ok().map(|u| u.origin());
            if stored.provider != account.provider || origin(stored) != origin(&account) {
                return Err(invalid(
                    "base_url",
                    "a saved account keeps its provider and address; add a new account for another one",
                ));
            }
        }
        let merged = merge_placeholders(account, stored.as_ref())?;
        for (field, secret) in secret_fields(&merged) {
            if secret.is_empty() {
                return Err(invalid(field, "must not be empty"));
            }
        }
        let text = serde_json::to_string(&merged)
            .map_err(|e| invalid("account", format!("cannot be stored: {e}")))?;
        self.store.set(&account_entry(&merged.id), &text)?;
        let mut ids = self.ids()?;
        if !ids.contains(&merged.id) {
            ids.push(merged.id.clone());
            self.write_ids(&ids)?;
        }
        Ok(with_placeholders(&merged))
    }

    /// Removes account `id` and its Nostr key. Removing an account that is
    /// not there is not an error.
    pub fn delete(&self, id: &str) -> Result<(), BookError> {
        check_id(id)?;
        let _writing = self.writing.lock().unwrap_or_else(|p| p.into_inner());
        self.store.delete(&account_entry(id))?;
        self.store.delete(&nostr_entry(id))?;
        let mut ids = self.ids()?;
        if ids.iter().any(|i| i == id) {
            ids.retain(|i| i != id);
            self.write_ids(&ids)?;
        }
        Ok(())
    }
}

/// `account` with every secret that equals its placeholder replaced by the
/// value stored in `stored`; a placeholder with nothing stored is refused.
pub fn merge_placeholders(
    mut account: Account,
    stored: Option<&Account>,
) -> Result<Account, BookError> {
    let kept = |field: &str, secret: &Secret| -> Result<Secret, BookError> {
        if secret.expose() != placeholder(field) {
            return Ok(secret.clone());
        }
        stored
            .and_then(|s| {
                secret_fields(s)
                    .into_iter()
                    .find(|(f, _)| *f == field)
                    .map(|(_, value)| value.clone())
            })
            .ok_or_else(|| invalid(field, "nothing is stored to keep; type it in"))
    };
    account.credentials = match account.credentials {
        Credentials::ApiKey { key } => Credentials::ApiKey {
            key: kept("key", &key)?,
        },
        Credentials::Login { user, password } => Credentials::Login {
            user,
            password: kept("password", &password)?,
        },
        Credentials::Token { token } => Credentials::Token {
            token: kept("token", &token)?,
        },
        nostr @ Credentials::Nostr { .. } => nostr,
    };
    account.pin = match account.pin {
        Some(pin) => Some(kept("pin", &pin)?),
        None => None,
    };
    Ok(account)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::MemoryStore;
    use providers::ProviderId;
    use std::sync::Arc;

    /// A memory store the test can still look into after the book took it.
    #[derive(Clone, Default)]
    pub(crate) struct Shared(pub Arc<MemoryStore>);

    impl SecretStore for Shared {
        fn get(&self, name: &str) -> Result<Option<String>, StoreError> {
            self.0.get(name)
        }
        fn set(&self, name: &str, value: &str) -> Result<(), StoreError> {
            self.0.set(name, value)
        }
        fn delete(&self, name: &str) -> Result<(), StoreError> {
            self.0.delete(name)
        }
    }

    pub(crate) fn hostkey(id: &str) -> Account {
        Account {
            id: id.into(),
            provider: ProviderId::Hostkey,
            label: "prod".into(),
            credentials: Credentials::ApiKey {
                key: Secret::new("hk-real-key"),
            },
            base_url: Some("https://invapi.example".into()),
            pin: Some(Secret::new("4711")),
        }
    }

    pub(crate) fn litevps(id: &str) -> Account {
        Account {
            id: id.into(),
            provider: ProviderId::Litevps,
            label: "lite".into(),
            credentials: Credentials::Login {
                user: "me@example.com".into(),
                password: Secret::new("pa$$ \"word\"&x"),
            },
            base_url: None,
            pin: None,
        }
    }

    fn book() -> (AccountBook, Shared) {
        let shared = Shared::default();
        (AccountBook::new(Box::new(shared.clone())), shared)
    }

    #[test]
    fn saved_accounts_are_listed_in_order_and_deleted() {
        let (book, store) = book();
        book.save(hostkey("a1")).unwrap();
        book.save(litevps("a2")).unwrap();
        let ids: Vec<_> = book.list().unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["a1", "a2"]);
        assert_eq!(book.get("a2").unwrap(), litevps("a2"));

        let mut renamed = hostkey("a1");
        renamed.label = "production".into();
        book.save(renamed).unwrap();
        let listed = book.list().unwrap();
        assert_eq!(listed.len(), 2, "replaced, not added");
        assert_eq!(listed[0].label, "production");

        book.delete("a1").unwrap();
        book.delete("a1").unwrap();
        assert!(matches!(book.get("a1"), Err(BookError::Unknown(_))));
        book.delete("a2").unwrap();
        assert!(book.list().unwrap().is_empty());
        assert!(store.0.names().is_empty(), "{:?}", store.0.names());
    }

    #[test]
    fn deleting_an_account_removes_its_nostr_key() {
        let (book, store) = book();
        let mut lnvps = hostkey("ln");
        lnvps.provider = ProviderId::Lnvps;
        lnvps.credentials = Credentials::Nostr { public_key: None };
        lnvps.pin = None;
        book.save(lnvps).unwrap();
        store.set(&nostr_entry("ln"), "00").unwrap();
        book.delete("ln").unwrap();
        assert!(store.0.names().is_empty(), "{:?}", store.0.names());
    }

    #[test]
    fn nothing_secret_reaches_the_web_view() {
        let (book, _) = book();
        let shown = book.save(hostkey("a1")).unwrap();
        book.save(litevps("a2")).unwrap();
        let listed = book.list_public().unwrap();
        let text = serde_json::to_string(&(shown, &listed)).unwrap();
        for secret in ["hk-real-key", "4711", "pa$$"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("panel-secret.key") && text.contains("panel-secret.password"));
        assert_eq!(listed[1].credentials, {
            Credentials::Login {
                user: "me@example.com".into(),
                password: Secret::new("panel-secret.password"),
            }
        });
    }

    #[test]
    fn a_placeholder_keeps_the_stored_secret() {
        let (book, _) = book();
        book.save(hostkey("a1")).unwrap();
        let mut edited = book.list_public().unwrap().remove(0);
        edited.label = "renamed".into();
        book.save(edited).unwrap();
        let stored = book.get("a1").unwrap();
        assert_eq!(stored.label, "renamed");
        assert_eq!(stored.credentials, hostkey("a1").credentials);
        assert_eq!(stored.pin, hostkey("a1").pin);

        let mut new_key = book.list_public().unwrap().remove(0);
        new_key.credentials = Credentials::ApiKey {
            key: Secret::new("hk-new"),
        };
        book.save(new_key).unwrap();
        let stored = book.get("a1").unwrap();
        assert_eq!(
            stored.credentials,
            Credentials::ApiKey {
                key: Secret::new("hk-new")
            }
        );
        assert_eq!(stored.pin, hostkey("a1").pin, "the PIN was kept");
    }

    #[test]
    fn moving_a_saved_account_to_another_address_or_provider_is_refused() {
        let (book, _) = book();
        book.save(hostkey("a1")).unwrap();
        let mut moved = book.list_public().unwrap().remove(0);
        moved.base_url = Some("https://collector.example".into());
        let err = book.save(moved).unwrap_err();
        assert!(
            matches!(&err, BookError::Invalid { field, .. } if field == "base_url"),
            "{err}"
        );
        let mut other_provider = book.list_public().unwrap().remove(0);
        other_provider.provider = providers::ProviderId::Cyberpanel;
        other_provider.base_url = hostkey("a1").base_url;
        assert!(book.save(other_provider).is_err());
        assert_eq!(book.get("a1").unwrap(), hostkey("a1"), "nothing changed");
    }

    #[test]
    fn a_placeholder_with_nothing_stored_is_refused() {
        let (book, _) = book();
        let fresh = with_placeholders(&hostkey("new"));
        let err = book.save(fresh).unwrap_err();
        assert!(
            matches!(&err, BookError::Invalid { field, .. } if field == "key"),
            "{err}"
        );
        // Switching from a key to a login cannot keep a password never stored.
        book.save(hostkey("a1")).unwrap();
        let mut switched = with_placeholders(&litevps("a1"));
        switched.provider = ProviderId::Hostkey;
        switched.base_url = hostkey("a1").base_url;
        let err = book.save(switched).unwrap_err();
        assert!(err.to_string().starts_with("password:"), "{err}");
    }

    #[test]
    fn bad_accounts_are_refused_naming_the_field() {
        let (book, store) = book();
        let mut ftp = hostkey("a1");
        ftp.base_url = Some("ftp://files.example".into());
        let err = book.save(ftp).unwrap_err().to_string();
        assert!(
            err.starts_with("base_url:") && err.contains("http"),
            "{err}"
        );
        let mut garbage = hostkey("a1");
        garbage.base_url = Some("not a url".into());
        assert!(book
            .save(garbage)
            .unwrap_err()
            .to_string()
            .starts_with("base_url:"));
        let err = book.save(hostkey("../etc")).unwrap_err().to_string();
        assert!(err.starts_with("id:"), "{err}");
        let mut empty = hostkey("a1");
        empty.credentials = Credentials::ApiKey {
            key: Secret::new(" "),
        };
        assert!(book
            .save(empty)
            .unwrap_err()
            .to_string()
            .starts_with("key:"));
        assert!(store.0.names().is_empty());
    }

    /// The account book over a real keychain (kernel keyutils): see
    /// `store::tests` for why it runs under `keyctl session -`.
    #[cfg(target_os = "linux")]
    #[test]
    #[ignore = "needs a fresh keyutils session: scripts/desktop-test.sh"]
    fn the_book_round_trips_through_keyutils_leaving_nothing_behind() {
        use crate::store::{Backend, KeyringStore};
        let service = format!("vps-panel-book-test-{}", std::process::id());
        let open = || KeyringStore::new(Backend::Keyutils, &service).unwrap();
        let book = AccountBook::new(Box::new(open()));
        book.save(hostkey("kh")).unwrap();
        book.save(litevps("kl")).unwrap();
        crate::nostr_keys::generate(book.store(), "kl").unwrap();
        // A fresh book over the same keychain reads the same accounts back.
        let reopened = AccountBook::new(Box::new(open()));
        assert_eq!(reopened.list().unwrap(), vec![hostkey("kh"), litevps("kl")]);
        let text = serde_json::to_string(&reopened.list_public().unwrap()).unwrap();
        assert!(!text.contains("hk-real-key"), "{text}");
        reopened.delete("kh").unwrap();
        reopened.delete("kl").unwrap();
        let raw = open();
        for name in [
            INDEX.to_string(),
            account_entry("kh"),
            account_entry("kl"),
            nostr_entry("kl"),
        ] {
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
            while raw.get(&name).unwrap().is_some() {
                assert!(std::time::Instant::now() < deadline, "{name} left behind");
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
        assert!(book.list().unwrap().is_empty());
    }
}
