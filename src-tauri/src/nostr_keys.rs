//! LNVPS signing on the native side: one Nostr key per account, kept in the
//! secret store (entry `nostr.<account id>`, the secret key in hex), used
//! only to sign NIP-98 HTTP-auth events for that account's origin.
//!
//! The secret key never leaves this module: the web view gets npubs and
//! signed events.

use crate::accounts::{check_id, nostr_entry, BookError};
use crate::store::SecretStore;
use nostr::nips::nip19::ToBech32;
use nostr::prelude::{Event, Keys, Kind, SignEvent, Timestamp, UnsignedEvent};
use providers::nip98;
use url::Url;

fn npub(keys: &Keys) -> String {
    match keys.public_key().to_bech32() {
        Ok(npub) => npub,
        Err(never) => match never {},
    }
}

fn store_keys(store: &dyn SecretStore, account_id: &str, keys: &Keys) -> Result<String, BookError> {
    check_id(account_id)?;
    store.set(&nostr_entry(account_id), &keys.secret_key().to_secret_hex())?;
    Ok(npub(keys))
}

/// The account's key, if it has one.
fn load(store: &dyn SecretStore, account_id: &str) -> Result<Option<Keys>, BookError> {
    check_id(account_id)?;
    match store.get(&nostr_entry(account_id))? {
        None => Ok(None),
        Some(hex) => Keys::parse(hex.trim())
            .map(Some)
            .map_err(|_| BookError::Damaged(account_id.to_string())),
    }
}

/// The npub of the account's key, or `None` when it has no key yet.
pub fn public_key(store: &dyn SecretStore, account_id: &str) -> Result<Option<String>, BookError> {
    Ok(load(store, account_id)?.map(|k| npub(&k)))
}

/// Makes a new random key for the account; its npub. An account that
/// already has a key keeps it (replacing it would lose its LNVPS identity).
///
/// ```
/// use panel_desktop::{nostr_keys, store::MemoryStore};
/// let store = MemoryStore::default();
/// let npub = nostr_keys::generate(&store, "acc-1").unwrap();
/// assert!(npub.starts_with("npub1"));
/// assert_eq!(nostr_keys::public_key(&store, "acc-1").unwrap(), Some(npub));
/// ```
pub fn generate(store: &dyn SecretStore, account_id: &str) -> Result<String, BookError> {
    refuse_replacing(store, account_id)?;
    store_keys(store, account_id, &Keys::generate())
}

fn refuse_replacing(store: &dyn SecretStore, account_id: &str) -> Result<(), BookError> {
    match public_key(store, account_id)? {
        Some(npub) => Err(BookError::Invalid {
            field: "nostr".into(),
            reason: format!(
                "account `{account_id}` already has a key ({npub}); to use another, add a new account"
            ),
        }),
        None => Ok(()),
    }
}

/// Keeps an existing key for the account, given as `nsec1…` or 64 hex
/// digits; its npub. A bad key is refused naming the `nsec` field.
pub fn import(store: &dyn SecretStore, account_id: &str, nsec: &str) -> Result<String, BookError> {
    let keys = Keys::parse(nsec.trim()).map_err(|_| BookError::Invalid {
        field: "nsec".into(),
        reason: "not a valid nsec1… or 64-digit hex secret key".into(),
    })?;
    refuse_replacing(store, account_id)?;
    store_keys(store, account_id, &keys)
}

fn refused(reason: impl Into<String>) -> BookError {
    BookError::Invalid {
        field: "event".into(),
        reason: reason.into(),
    }
}

/// Signs a NIP-98 HTTP-auth event (kind 27235) with the account's key.
///
/// `unsigned` is the JSON of a nostr `UnsignedEvent`. Refused: any other
/// kind, an event whose pubkey is not the account's, and an event whose `u`
/// tag points anywhere but `origin` (the account's base origin), and one
/// dated more than [`nip98::MAX_SKEW_SECS`] from now, so the key only ever
/// authorises current requests to the account's own provider.
pub fn sign(
    store: &dyn SecretStore,
    account_id: &str,
    origin: &Url,
    unsigned: serde_json::Value,
) -> Result<Event, BookError> {
    let mut unsigned: UnsignedEvent = serde_json::from_value(unsigned)
        .map_err(|e| refused(format!("not an unsigned Nostr event: {e}")))?;
    // The id is computed here from the content, never taken from the web view.
    unsigned.id = None;
    let skew = unsigned
        .created_at
        .as_secs()
        .abs_diff(Timestamp::now().as_secs());
    if skew > nip98::MAX_SKEW_SECS {
        return Err(refused(format!(
            "its time is {skew} s away from now; NIP-98 allows {} s",
            nip98::MAX_SKEW_SECS
        )));
    }
    if unsigned.kind != Kind::from(nip98::KIND) {
        return Err(refused(format!(
            "only NIP-98 HTTP-auth events (kind {}) are signed here, not kind {}",
            nip98::KIND,
            unsigned.kind.as_u16()
        )));
    }
    let keys = load(store, account_id)?.ok_or_else(|| BookError::Invalid {
        field: "nostr".into(),
        reason: format!("account `{account_id}` has no Nostr key; generate or import one"),
    })?;
    if unsigned.pubkey != keys.public_key() {
        return Err(refused(format!(
            "the event's pubkey is not the key of account `{account_id}` ({})",
            npub(&keys)
        )));
    }
    let target = unsigned
        .tags
        .iter()
        .find(|t| t.kind() == "u")
        .and_then(|t| t.content())
        .ok_or_else(|| refused("a NIP-98 event needs a `u` tag with the request URL"))?;
    let same_origin = Url::parse(target)
        .map(|u| u.origin() == origin.origin())
        .unwrap_or(false);
    if !same_origin {
        return Err(refused(format!(
            "its `u` tag is not at this account's origin {}",
            origin.origin().ascii_serialization()
        )));
    }
    keys.sign_event(unsigned)
        .map_err(|e| refused(format!("cannot be signed: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;
    use nostr::prelude::{Tag, Timestamp};

    fn origin() -> Url {
        Url::parse("https://api.lnvps.example").unwrap()
    }

    fn http_auth(keys: &Keys, kind: u16, url: &str) -> serde_json::Value {
        let unsigned = UnsignedEvent::new(
            keys.public_key(),
            Timestamp::now(),
            Kind::from(kind),
            [
                Tag::parse(["u", url]).unwrap(),
                Tag::parse(["method", "GET"]).unwrap(),
            ],
            "",
        );
        serde_json::to_value(unsigned).unwrap()
    }

    #[test]
    fn signed_events_verify_with_the_accounts_key() {
        let store = MemoryStore::default();
        let npub = generate(&store, "ln").unwrap();
        let keys = load(&store, "ln").unwrap().unwrap();
        let event = sign(
            &store,
            "ln",
            &origin(),
            http_auth(&keys, 27235, "https://api.lnvps.example/api/v1/vm"),
        )
        .unwrap();
        event.verify().unwrap();
        assert_eq!(event.pubkey, keys.public_key());
        assert_eq!(event.pubkey.to_bech32().unwrap(), npub);
        assert_eq!(event.kind, Kind::from(27235));
        // The JSON the web view gets back parses as a valid event too.
        let back: Event = serde_json::from_value(serde_json::to_value(&event).unwrap()).unwrap();
        back.verify().unwrap();
    }

    #[test]
    fn only_nip98_events_for_the_accounts_origin_are_signed() {
        let store = MemoryStore::default();
        generate(&store, "ln").unwrap();
        let keys = load(&store, "ln").unwrap().unwrap();
        let note = sign(
            &store,
            "ln",
            &origin(),
            http_auth(&keys, 1, "https://api.lnvps.example/"),
        );
        let err = note.unwrap_err().to_string();
        assert!(err.contains("kind 1") && err.contains("27235"), "{err}");
        let elsewhere = sign(
            &store,
            "ln",
            &origin(),
            http_auth(&keys, 27235, "https://evil.example/api/v1/vm"),
        );
        assert!(elsewhere.unwrap_err().to_string().contains("origin"));
        let other_key = Keys::generate();
        let err = sign(
            &store,
            "ln",
            &origin(),
            http_auth(&other_key, 27235, "https://api.lnvps.example/"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("pubkey"), "{err}");
        let err = sign(&store, "ln", &origin(), serde_json::json!({"kind": 27235}))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("event:"), "{err}");
        let err = sign(
            &store,
            "nokey",
            &origin(),
            http_auth(&keys, 27235, "https://api.lnvps.example/"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("no Nostr key"), "{err}");
    }

    #[test]
    fn stale_events_are_refused_and_a_given_id_is_ignored() {
        let store = MemoryStore::default();
        generate(&store, "ln").unwrap();
        let keys = load(&store, "ln").unwrap().unwrap();
        let url = "https://api.lnvps.example/api/v1/vm";
        for offset in [-61i64, 61] {
            let mut event = http_auth(&keys, 27235, url);
            let at = Timestamp::now().as_secs() as i64 + offset;
            event["created_at"] = serde_json::json!(at);
            let err = sign(&store, "ln", &origin(), event)
                .unwrap_err()
                .to_string();
            assert!(err.contains("61 s away"), "{offset}: {err}");
        }
        let mut event = http_auth(&keys, 27235, url);
        event["id"] = serde_json::json!("0".repeat(64));
        let signed = sign(&store, "ln", &origin(), event).unwrap();
        signed.verify().unwrap();
        assert_ne!(signed.id.to_hex(), "0".repeat(64));
    }

    #[test]
    fn an_account_keeps_its_key() {
        let store = MemoryStore::default();
        let first = generate(&store, "ln").unwrap();
        let again = generate(&store, "ln").unwrap_err().to_string();
        assert!(again.contains("already has a key"), "{again}");
        let nsec = Keys::generate().secret_key().to_bech32().unwrap();
        assert!(import(&store, "ln", &nsec).is_err());
        assert_eq!(public_key(&store, "ln").unwrap(), Some(first));
    }

    #[test]
    fn nsec_and_hex_imports_give_the_same_npub() {
        let store = MemoryStore::default();
        let keys = Keys::generate();
        let nsec = keys.secret_key().to_bech32().unwrap();
        let hex = keys.secret_key().to_secret_hex();
        let from_nsec = import(&store, "a", &format!(" {nsec}\n")).unwrap();
        let from_hex = import(&store, "b", &hex).unwrap();
        assert_eq!(from_nsec, from_hex);
        assert_eq!(from_nsec, keys.public_key().to_bech32().unwrap());
        assert_eq!(public_key(&store, "a").unwrap(), Some(from_nsec));
        assert_eq!(public_key(&store, "c").unwrap(), None);
    }

    #[test]
    fn a_bad_nsec_is_refused_naming_the_field() {
        let store = MemoryStore::default();
        for bad in ["", "nsec1qqqq", "npub1abc", "zz"] {
            let err = import(&store, "a", bad).unwrap_err();
            assert!(
                matches!(&err, BookError::Invalid { field, .. } if field == "nsec"),
                "{bad}: {err}"
            );
            assert!(err.to_string().starts_with("nsec:"), "{err}");
        }
        assert!(store.names().is_empty());
    }
}
