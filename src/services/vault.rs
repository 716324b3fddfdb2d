//! The encrypted vault for remembered accounts: AES-256-GCM with a key derived
//! from the user's passphrase by PBKDF2-SHA-256 (600,000 iterations), all in
//! WebCrypto. Only the sealed form ever reaches `localStorage`.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use js_sys::{Array, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

/// PBKDF2 iterations (OWASP's figure for PBKDF2-HMAC-SHA-256).
pub const ITERATIONS: u32 = 600_000;

/// Where the sealed vault is kept.
pub const STORAGE_KEY: &str = "panel.vault";

/// The vault as stored: KDF parameters, nonce and ciphertext, base64-encoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    /// Format version.
    pub v: u8,
    /// PBKDF2 iterations used.
    pub iterations: u32,
    /// PBKDF2 salt.
    pub salt: String,
    /// AES-GCM nonce.
    pub iv: String,
    /// Ciphertext with its authentication tag.
    pub data: String,
}

/// An unlocked vault key (non-extractable), with the salt it was derived with.
#[derive(Clone)]
pub struct VaultKey {
    key: CryptoKey,
    salt: Vec<u8>,
    iterations: u32,
}

fn subtle() -> Result<SubtleCrypto, String> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or("this browser has no WebCrypto")?;
    Ok(crypto.subtle())
}

fn js_err(context: &str) -> impl Fn(JsValue) -> String + '_ {
    move |e| {
        format!(
            "{context}: {}",
            e.as_string().unwrap_or_else(|| format!("{e:?}"))
        )
    }
}

/// `n` random bytes from the browser's CSPRNG.
pub fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0u8; n];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or("this browser has no WebCrypto")?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(js_err("no random numbers"))?;
    Ok(bytes)
}

/// Derives the vault key from a passphrase.
pub async fn derive(passphrase: &str, salt: Vec<u8>, iterations: u32) -> Result<VaultKey, String> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(passphrase.as_bytes());
    let base: CryptoKey = JsFuture::from(
        subtle
            .import_key_with_str(
                "raw",
                &raw,
                "PBKDF2",
                false,
                &Array::of1(&"deriveKey".into()),
            )
            .map_err(js_err("passphrase"))?,
    )
    .await
    .map_err(js_err("passphrase"))?
    .unchecked_into();
    let params = Pbkdf2Params::new_with_str(
        "PBKDF2",
        "SHA-256",
        iterations,
        &Uint8Array::from(salt.as_slice()),
    );
    let target = AesDerivedKeyParams::new("AES-GCM", 256);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key: CryptoKey = JsFuture::from(
        subtle
            .derive_key_with_object_and_object(&params, &base, &target, false, &usages)
            .map_err(js_err("key derivation"))?,
    )
    .await
    .map_err(js_err("key derivation"))?
    .unchecked_into();
    Ok(VaultKey {
        key,
        salt,
        iterations,
    })
}

/// A new vault key with a fresh salt.
pub async fn create(passphrase: &str) -> Result<VaultKey, String> {
    if passphrase.chars().count() < 8 {
        return Err("the passphrase must have at least 8 characters".into());
    }
    derive(passphrase, random_bytes(16)?, ITERATIONS).await
}

/// Encrypts `plaintext` under `key` with a fresh nonce.
pub async fn seal(key: &VaultKey, plaintext: &[u8]) -> Result<Sealed, String> {
    let iv = random_bytes(12)?;
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(iv.as_slice()));
    let out = JsFuture::from(
        subtle()?
            .encrypt_with_object_and_u8_array(&params, &key.key, plaintext)
            .map_err(js_err("encryption"))?,
    )
    .await
    .map_err(js_err("encryption"))?;
    Ok(Sealed {
        v: 1,
        iterations: key.iterations,
        salt: STANDARD.encode(&key.salt),
        iv: STANDARD.encode(iv),
        data: STANDARD.encode(Uint8Array::new(&out).to_vec()),
    })
}

/// Opens a sealed vault with a passphrase; a wrong passphrase fails cleanly.
pub async fn open(passphrase: &str, sealed: &Sealed) -> Result<(VaultKey, Vec<u8>), String> {
    let decode = |s: &str| {
        STANDARD
            .decode(s)
            .map_err(|_| "the stored vault is damaged".to_string())
    };
    let key = derive(passphrase, decode(&sealed.salt)?, sealed.iterations).await?;
    let iv = decode(&sealed.iv)?;
    let data = decode(&sealed.data)?;
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(iv.as_slice()));
    let out = JsFuture::from(
        subtle()?
            .decrypt_with_object_and_u8_array(&params, &key.key, &data)
            .map_err(js_err("decryption"))?,
    )
    .await
    .map_err(|_| "wrong passphrase".to_string())?;
    Ok((key, Uint8Array::new(&out).to_vec()))
}

/// Reads the sealed vault from storage, if there is one.
pub fn load_sealed() -> Option<Sealed> {
    super::storage::get(STORAGE_KEY).and_then(|s| serde_json::from_str(&s).ok())
}

/// Writes the sealed vault to storage.
pub fn store_sealed(sealed: &Sealed) {
    if let Ok(text) = serde_json::to_string(sealed) {
        super::storage::set(STORAGE_KEY, &text);
    }
}

/// Deletes the sealed vault from storage.
pub fn clear() {
    super::storage::remove(STORAGE_KEY);
}
