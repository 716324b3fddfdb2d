//! LiteVPS SSH keys: OpenSSH public keys checked and fingerprinted the way
//! `ssh-keygen -l` does (`SHA256:…`), created, listed and deleted.

use super::account::SshKey;
use super::body::{self, invalid, not_found, Refusal};
use super::Ctx;
use crate::fleet::uuid;
use crate::{wire, Response};
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Key types OpenSSH accepts.
const KEY_TYPES: [&str; 7] = [
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
];
/// Longest key name.
const MAX_NAME: usize = 64;

/// The `SHA256:` fingerprint of an OpenSSH public key line (`type base64
/// [comment]`), or `None` when the line is not one.
fn fingerprint(line: &str) -> Option<String> {
    let mut parts = line.split_whitespace();
    let kind = parts.next().filter(|k| KEY_TYPES.contains(k))?;
    let blob = STANDARD.decode(parts.next()?).ok()?;
    let len = u32::from_be_bytes(blob.get(..4)?.try_into().ok()?) as usize;
    if blob.get(4..4 + len)? != kind.as_bytes() {
        return None;
    }
    Some(format!(
        "SHA256:{}",
        STANDARD_NO_PAD.encode(Sha256::digest(&blob))
    ))
}

/// A fresh Ed25519 public key line with `comment`.
pub(super) fn generate(rng: &mut fastrand::Rng, comment: &str) -> String {
    let mut blob = Vec::with_capacity(51);
    for part in [
        b"ssh-ed25519".to_vec(),
        (0..32).map(|_| rng.u8(..)).collect(),
    ] {
        blob.extend((part.len() as u32).to_be_bytes());
        blob.extend(part);
    }
    format!("ssh-ed25519 {} {comment}", STANDARD.encode(blob))
}

/// A key record for `public_key`, if it is a valid key line.
pub(super) fn record(id: String, name: &str, public_key: &str, created_ms: u64) -> Option<SshKey> {
    Some(SshKey {
        fingerprint: fingerprint(public_key)?,
        id,
        name: name.to_string(),
        public_key: public_key.trim().to_string(),
        created_ms,
    })
}

/// `POST /api/ssh-keys`.
pub(super) fn create(ctx: &mut Ctx, body: &[u8]) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let name = body::text(&object, "name").map_err(invalid)?;
    if name.chars().count() > MAX_NAME {
        return Err(invalid(format!(
            "name must be at most {MAX_NAME} characters"
        )));
    }
    let public_key = body::text(&object, "public_key").map_err(invalid)?;
    let key = record(uuid(ctx.rng), name, public_key, ctx.now).ok_or_else(|| {
        invalid("public_key must be an OpenSSH public key (e.g. ssh-ed25519 AAAAC3Nza… user@host)")
    })?;
    if ctx
        .account
        .keys
        .iter()
        .any(|k| k.fingerprint == key.fingerprint)
    {
        return Err(body::error(409, "public_key is already registered"));
    }
    let created = key.json();
    ctx.account.keys.push(key);
    Ok(wire::json(201, &created))
}

/// `GET /api/ssh-keys`.
pub(super) fn list(ctx: &Ctx) -> Response {
    let items: Vec<Value> = ctx.account.keys.iter().map(SshKey::json).collect();
    wire::json(200, &json!(items))
}

/// `DELETE /api/ssh-keys/:id`.
pub(super) fn delete(ctx: &mut Ctx, id: &str) -> Result<Response, Refusal> {
    let before = ctx.account.keys.len();
    ctx.account.keys.retain(|k| k.id != id);
    if ctx.account.keys.len() == before {
        return Err(not_found());
    }
    Ok(wire::json(200, &json!({ "id": id, "deleted": true })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_keys_fingerprint_like_ssh_keygen() {
        let mut rng = fastrand::Rng::with_seed(3);
        let line = generate(&mut rng, "me@host");
        let fp = fingerprint(&line).unwrap();
        assert!(fp.starts_with("SHA256:"));
        assert_eq!(fp.len(), 7 + 43);
        assert_eq!(fingerprint("ssh-ed25519 ..."), None);
        assert_eq!(fingerprint("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIA=="), None);
    }
}
