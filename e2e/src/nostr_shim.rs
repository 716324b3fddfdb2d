//! A test NIP-07 extension: `window.nostr` injected at page start (as a real
//! extension's content script is), signing with a key generated for this test
//! run and held by the test process, never by the page.

use nostr::prelude::{Event, Keys, Kind, SignEvent, Tag, Timestamp, UnsignedEvent};
use std::sync::OnceLock;

/// The content script: `getPublicKey` and `signEvent` over the test server.
pub const SCRIPT: &str = r#"window.nostr = {
  getPublicKey: async () => (await fetch('/__test__/nostr/pubkey')).text(),
  signEvent: async (event) => {
    const r = await fetch('/__test__/nostr/sign', { method: 'POST', body: JSON.stringify(event) });
    if (!r.ok) throw new Error(await r.text());
    return r.json();
  },
};"#;

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(Keys::generate)
}

/// The test key's public key as `npub1…`.
pub fn npub() -> String {
    use nostr::nips::nip19::ToBech32;
    match keys().public_key().to_bech32() {
        Ok(n) => n,
        Err(never) => match never {},
    }
}

/// Answers `/__test__/nostr/pubkey` and `/__test__/nostr/sign` (status, body).
pub fn answer(path: &str, body: &[u8]) -> (u16, String) {
    match path {
        "/__test__/nostr/pubkey" => (200, keys().public_key().to_hex()),
        "/__test__/nostr/sign" => match sign(body) {
            Ok(event) => (200, serde_json::to_string(&event).unwrap_or_default()),
            Err(e) => (400, e),
        },
        _ => (404, "unknown".into()),
    }
}

fn sign(body: &[u8]) -> Result<Event, String> {
    let mut value: serde_json::Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    // NIP-07 hands over an event without `id`; the signer computes it.
    if let Some(map) = value.as_object_mut() {
        map.remove("id");
    }
    let unsigned: UnsignedEvent = serde_json::from_value(value).map_err(|e| e.to_string())?;
    if unsigned.pubkey != keys().public_key() {
        return Err("the event is not for this key".into());
    }
    keys().sign_event(unsigned).map_err(|e| e.to_string())
}

/// A NIP-98 `Authorization` header for `method url`, signed with the test
/// key, so a test can ask LNVPS (the sandbox) what the page's account sees.
pub fn nip98_authorization(url: &str, method: &str) -> String {
    use base64::Engine;
    use std::sync::atomic::{AtomicU64, Ordering};
    static NONCE: AtomicU64 = AtomicU64::new(1);
    let nonce = NONCE.fetch_add(1, Ordering::Relaxed).to_string();
    let tags = [
        Tag::parse(["u", url]),
        Tag::parse(["method", method]),
        Tag::parse(["nonce", &nonce]),
    ]
    .into_iter()
    .map(|t| t.expect("a valid tag"));
    let unsigned = UnsignedEvent::new(
        keys().public_key(),
        Timestamp::now(),
        Kind::from(27235),
        tags,
        "",
    );
    let event = keys().sign_event(unsigned).expect("the test key signs");
    let json = serde_json::to_string(&event).expect("an event as JSON");
    format!(
        "Nostr {}",
        base64::engine::general_purpose::STANDARD.encode(json)
    )
}
