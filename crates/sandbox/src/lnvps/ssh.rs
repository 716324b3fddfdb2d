//! SSH public keys: the OpenSSH one-line format the server accepts
//! (`<type> <base64 blob> [comment]`), checked down to the blob's own
//! length-prefixed fields; and the ed25519 wire form and fingerprints of host keys.

use base64::Engine;
use sha2::{Digest, Sha256};

/// Key types the server takes.
const TYPES: [&str; 7] = [
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
];

/// A parsed public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PublicKey {
    /// The trailing comment, if any.
    pub(super) comment: Option<String>,
}

/// Reads `text` as an OpenSSH public key line; `None` when it is not one.
pub(super) fn parse(text: &str) -> Option<PublicKey> {
    let mut parts = text.split_whitespace();
    let kind = parts.next()?;
    let encoded = parts.next()?;
    let comment: Vec<&str> = parts.collect();
    if !TYPES.contains(&kind) {
        return None;
    }
    let blob = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    let fields = fields(&blob)?;
    if fields.first().copied() != Some(kind.as_bytes()) || fields.len() < 2 {
        return None;
    }
    if kind == "ssh-ed25519" && (fields.len() != 2 || fields.get(1).map(|f| f.len()) != Some(32)) {
        return None;
    }
    let comment = (!comment.is_empty()).then(|| comment.join(" "));
    Some(PublicKey { comment })
}

/// The blob's length-prefixed fields; `None` unless they cover it exactly.
fn fields(mut blob: &[u8]) -> Option<Vec<&[u8]>> {
    let mut out = Vec::new();
    while !blob.is_empty() {
        let (len, rest) = blob.split_first_chunk::<4>()?;
        let len = usize::try_from(u32::from_be_bytes(*len)).ok()?;
        if rest.len() < len {
            return None;
        }
        let (field, rest) = rest.split_at(len);
        out.push(field);
        blob = rest;
    }
    Some(out)
}

/// The wire blob of an ed25519 key with `key` as its 32 public bytes.
pub(super) fn ed25519_blob(key: &[u8; 32]) -> Vec<u8> {
    let mut blob = Vec::with_capacity(51);
    for field in [b"ssh-ed25519".as_slice(), key.as_slice()] {
        blob.extend_from_slice(&u32::try_from(field.len()).unwrap_or(0).to_be_bytes());
        blob.extend_from_slice(field);
    }
    blob
}

/// `SHA256:<unpadded base64>`, as `ssh-keygen -l` prints it.
pub(super) fn fingerprint(blob: &[u8]) -> String {
    let digest = Sha256::digest(blob);
    format!(
        "SHA256:{}",
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_well_formed_keys_only() {
        let blob = base64::engine::general_purpose::STANDARD.encode(ed25519_blob(&[7; 32]));
        let key = parse(&format!("ssh-ed25519 {blob} alice@laptop")).unwrap();
        assert_eq!(key.comment.as_deref(), Some("alice@laptop"));
        assert!(parse("ssh-ed25519 AAAAC3...").is_none());
        assert!(parse("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGx1").is_none());
        assert!(parse("hello").is_none());
    }
}
