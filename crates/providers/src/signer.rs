//! Signers for LNVPS's NIP-98 auth: anything that can sign a Nostr event.
//!
//! The web app implements [`Signer`] over a NIP-07 browser extension, the
//! desktop app over a key kept in the OS keychain, and tests use [`KeySigner`].

use nostr::prelude::{Event, Keys, PublicKey, SignEvent, UnsignedEvent};
use std::future::Future;

/// Signs Nostr events (async, because a browser extension asks the user).
pub trait Signer {
    /// The public key events will be signed with.
    fn public_key(&self) -> impl Future<Output = Result<PublicKey, String>>;

    /// Signs an unsigned event; the error says why (user refused, no extension, …).
    fn sign(&self, unsigned: UnsignedEvent) -> impl Future<Output = Result<Event, String>>;
}

/// A signer holding a secret key in memory.
///
/// ```
/// let signer = providers::KeySigner::generate();
/// assert!(signer.npub().starts_with("npub1"));
/// ```
#[derive(Debug, Clone)]
pub struct KeySigner {
    keys: Keys,
}

impl KeySigner {
    /// A signer for an existing key.
    pub fn new(keys: Keys) -> Self {
        Self { keys }
    }

    /// A signer with a fresh random key.
    pub fn generate() -> Self {
        Self::new(Keys::generate())
    }

    /// A signer for an `nsec1…` or hex secret key.
    pub fn parse(secret: &str) -> Result<Self, String> {
        Keys::parse(secret.trim())
            .map(Self::new)
            .map_err(|_| "not a valid nsec or hex secret key".to_string())
    }

    /// The public key as `npub1…`.
    pub fn npub(&self) -> String {
        use nostr::nips::nip19::ToBech32;
        match self.keys.public_key().to_bech32() {
            Ok(npub) => npub,
            Err(never) => match never {},
        }
    }

    /// The keys (for tests that need to verify or re-sign).
    pub fn keys(&self) -> &Keys {
        &self.keys
    }
}

impl Signer for KeySigner {
    async fn public_key(&self) -> Result<PublicKey, String> {
        Ok(self.keys.public_key())
    }

    async fn sign(&self, unsigned: UnsignedEvent) -> Result<Event, String> {
        self.keys.sign_event(unsigned).map_err(|e| e.to_string())
    }
}

/// For accounts that never sign: every attempt fails with a clear reason.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoSigner;

impl Signer for NoSigner {
    async fn public_key(&self) -> Result<PublicKey, String> {
        Err("no Nostr signer is configured".to_string())
    }

    async fn sign(&self, _unsigned: UnsignedEvent) -> Result<Event, String> {
        Err("no Nostr signer is configured".to_string())
    }
}
