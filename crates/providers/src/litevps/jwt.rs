//! Reading the claims of a LiteVPS login JWT (no signature check): the
//! client only needs `exp` to know when to log in again.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;

/// The claims of a LiteVPS JWT that the panel reads.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct JwtClaims {
    /// The user id.
    #[serde(default)]
    pub sub: Option<String>,
    /// The account's email.
    #[serde(default)]
    pub email: Option<String>,
    /// Expiry, Unix seconds.
    #[serde(default)]
    pub exp: Option<u64>,
}

/// True when `token` has the shape of a JWT: three non-empty base64url parts.
pub fn is_jwt(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='))
        })
}

/// The payload claims of a JWT, when it is one and its payload is readable JSON.
///
/// ```
/// use providers::litevps::jwt;
/// // {"alg":"HS256"} . {"sub":"u1","email":"a@b.c","exp":1700000000} . sig
/// let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSIsImVtYWlsIjoiYUBiLmMiLCJleHAiOjE3MDAwMDAwMDB9.c2ln";
/// assert_eq!(jwt::claims(token).unwrap().exp, Some(1_700_000_000));
/// assert_eq!(jwt::claims("vtk_abc"), None);
/// ```
pub fn claims(token: &str) -> Option<JwtClaims> {
    if !is_jwt(token) {
        return None;
    }
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// When a JWT stops being accepted (Unix seconds), when it says.
pub fn expires_at(token: &str) -> Option<u64> {
    claims(token).and_then(|c| c.exp)
}
