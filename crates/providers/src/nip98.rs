//! NIP-98 HTTP auth for LNVPS: one signed kind-27235 event per request.
//!
//! The event carries `u` = the absolute request URL, `method` = the HTTP
//! method, `payload` = the lowercase hex SHA-256 of the body when there is
//! one, and a random `nonce` so no two events are alike. It is sent as
//! `Authorization: Nostr <base64>`, with standard padded base64 of the event
//! JSON.

use crate::error::ProviderError;
use crate::signer::Signer;
use crate::ApiRequest;
use base64::Engine;
use http::header::{HeaderValue, AUTHORIZATION};
use nostr::prelude::{Event, Kind, PublicKey, Tag, Timestamp, UnsignedEvent};
use sha2::{Digest, Sha256};

/// The HTTP-auth event kind.
pub const KIND: u16 = 27235;

/// How far an event's `created_at` may be from the server's clock (LNVPS's
/// live server allows 60 s either way).
pub const MAX_SKEW_SECS: u64 = 60;

/// The unsigned event authorising `request` at `created_at` (Unix seconds).
pub fn unsigned_event(
    public_key: PublicKey,
    request: &ApiRequest,
    created_at: u64,
) -> UnsignedEvent {
    let mut tags = vec![
        Tag::parse(["u", &request.uri().to_string()]),
        Tag::parse(["method", request.method().as_str()]),
    ];
    if !request.body().is_empty() {
        tags.push(Tag::parse(["payload", &payload_hash(request.body())]));
    }
    // LNVPS accepts each event id once; a random nonce keeps two identical
    // requests signed in the same second from producing the same event.
    let nonce = uuid::Uuid::new_v4().as_u128().to_string();
    tags.push(Tag::parse(["nonce", &nonce]));
    UnsignedEvent::new(
        public_key,
        Timestamp::from_secs(created_at),
        Kind::from(KIND),
        tags.into_iter().flatten(),
        "",
    )
}

/// Lowercase hex SHA-256 of a body.
pub fn payload_hash(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// The `Authorization` header value for a signed event.
pub fn header_value(event: &Event) -> String {
    let json = serde_json::to_string(event).unwrap_or_default();
    format!(
        "Nostr {}",
        base64::engine::general_purpose::STANDARD.encode(json)
    )
}

/// Signs `request` with `signer` at `now` and sets its `Authorization` header.
pub async fn sign_request<S: Signer>(
    request: &mut ApiRequest,
    signer: &S,
    now: u64,
) -> Result<(), ProviderError> {
    let signer_error = |message: String| ProviderError::Signer { message };
    let public_key = signer.public_key().await.map_err(signer_error)?;
    let event = signer
        .sign(unsigned_event(public_key, request, now))
        .await
        .map_err(signer_error)?;
    let value =
        HeaderValue::from_str(&header_value(&event)).map_err(|e| ProviderError::Signer {
            message: e.to_string(),
        })?;
    request.headers_mut().insert(AUTHORIZATION, value);
    Ok(())
}
