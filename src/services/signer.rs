//! Signers for LNVPS's NIP-98 auth: the user's NIP-07 extension
//! (`window.nostr`), a key in the desktop app's keychain, or a key held in
//! memory for Sandbox mode.

use nostr::prelude::{AsyncGetPublicKey, AsyncSignEvent, Event, PublicKey, UnsignedEvent};
use nostr_browser_signer::BrowserSigner;
use providers::{KeySigner, Signer};

/// The signer an account uses.
#[derive(Clone, Debug)]
pub enum AppSigner {
    /// The browser's NIP-07 extension.
    Extension,
    /// A key in memory (Sandbox mode, tests).
    Key(KeySigner),
    /// The key of this account in the desktop app's keychain.
    Keychain(String),
    /// Accounts that never sign.
    None,
}

/// True when a NIP-07 extension (`window.nostr`) is present.
pub fn extension_available() -> bool {
    BrowserSigner::new().is_ok()
}

fn extension() -> Result<BrowserSigner, String> {
    BrowserSigner::new().map_err(|_| {
        "no Nostr extension found: install a NIP-07 extension (Alby, nos2x) and allow this site"
            .to_string()
    })
}

impl Signer for AppSigner {
    async fn public_key(&self) -> Result<PublicKey, String> {
        match self {
            AppSigner::Extension => extension()?
                .get_public_key_async()
                .await
                .map_err(|e| format!("the Nostr extension did not give a public key: {e}")),
            AppSigner::Key(key) => key.public_key().await,
            AppSigner::Keychain(account) => {
                let npub = super::desktop::nostr_key(account)
                    .await?
                    .ok_or("this account has no Nostr key in the keychain yet")?;
                PublicKey::parse(&npub).map_err(|e| e.to_string())
            }
            AppSigner::None => Err("this account does not sign requests".into()),
        }
    }

    async fn sign(&self, unsigned: UnsignedEvent) -> Result<Event, String> {
        match self {
            AppSigner::Extension => extension()?
                .sign_event_async(unsigned)
                .await
                .map_err(|e| format!("the Nostr extension refused to sign: {e}")),
            AppSigner::Key(key) => key.sign(unsigned).await,
            AppSigner::Keychain(account) => super::desktop::nostr_sign(account, &unsigned).await,
            AppSigner::None => Err("this account does not sign requests".into()),
        }
    }
}

/// The public key of a signer as `npub1…`.
pub async fn npub(signer: &AppSigner) -> Result<String, String> {
    use nostr::nips::nip19::ToBech32;
    let key = signer.public_key().await?;
    key.to_bech32().map_err(|e| e.to_string())
}
