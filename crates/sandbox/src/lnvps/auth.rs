//! NIP-98 HTTP authentication as the live LNVPS server checks it
//! (`lnvps_api_common/src/nip98.rs`): the `Nostr ` scheme, a padded
//! standard-base64 signed event of kind 27235 at most 60 s from now, whose
//! first `u` tag has exactly the request's path and whose `method` tag is the
//! request's method, an optional `payload` tag with the body's SHA-256, and
//! each event accepted once. Failures are plain text.

use crate::{wire, Incoming};
use base64::Engine;
use nostr::prelude::{Event, EventId, Kind};
use sha2::{Digest, Sha256};
use std::collections::{HashSet, VecDeque};

use super::reply::Rejection;
use super::time::SECOND;

/// How far `created_at` may be from now, either way (`AUTH_WINDOW_SECS`).
const WINDOW_SECS: u64 = 60;
/// How long a used event id is remembered.
const REPLAY_KEEP_MS: u64 = 120 * SECOND;
/// How many used event ids are remembered at most.
const REPLAY_CAPACITY: usize = 100_000;

/// Event ids already accepted, forgotten after [`REPLAY_KEEP_MS`].
#[derive(Debug, Default)]
pub(super) struct Replay {
    seen: HashSet<EventId>,
    order: VecDeque<(u64, EventId)>,
}

impl Replay {
    fn forget_expired(&mut self, now_ms: u64) {
        while let Some(&(until, id)) = self.order.front() {
            if until > now_ms && self.order.len() <= REPLAY_CAPACITY {
                break;
            }
            self.order.pop_front();
            self.seen.remove(&id);
        }
    }

    fn contains(&self, id: &EventId) -> bool {
        self.seen.contains(id)
    }

    fn remember(&mut self, id: EventId, now_ms: u64) {
        if self.seen.insert(id) {
            self.order.push_back((now_ms + REPLAY_KEEP_MS, id));
        }
    }
}

/// 401 `Auth check failed: <reason>`.
fn check_failed(reason: &str) -> Rejection {
    Box::new(wire::text(401, &format!("Auth check failed: {reason}")))
}

/// The caller's public key (hex) when the request carries a valid NIP-98
/// header, or the server's plain-text rejection.
pub(super) fn authenticate(
    request: &Incoming,
    now_ms: u64,
    replay: &mut Replay,
) -> Result<String, Rejection> {
    let Some(value) = request.headers.get(http::header::AUTHORIZATION) else {
        return Err(Box::new(wire::text(403, "Auth header not found")));
    };
    let value = value.to_str().unwrap_or("");
    let Some(encoded) = value.strip_prefix("Nostr ") else {
        if value.starts_with("Bearer ") {
            return Err(Box::new(wire::text(
                401,
                "Invalid auth: session token is not valid",
            )));
        }
        return Err(Box::new(wire::text(
            403,
            "Auth scheme must be Nostr or Bearer",
        )));
    };
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|e| Box::new(wire::text(401, &format!("Invalid auth: {e}"))))?;
    let event = Event::from_json(&decoded)
        .map_err(|e| Box::new(wire::text(401, &format!("Invalid auth: {e}"))))?;

    if let Some(expected) = tag_value(&event, "payload") {
        let actual = hex::encode(Sha256::digest(request.body));
        if !expected.eq_ignore_ascii_case(&actual) {
            return Err(check_failed("Payload tag does not match the request body"));
        }
    }
    if event.kind != Kind::HttpAuth {
        return Err(check_failed("Wrong event kind"));
    }
    if event.created_at.as_secs().abs_diff(now_ms / SECOND) > WINDOW_SECS {
        return Err(check_failed("Created timestamp is out of range"));
    }
    let Some(url) = tag_value(&event, "u") else {
        return Err(check_failed("Missing url tag"));
    };
    let uri: http::Uri = url.parse().map_err(|_| check_failed("Invalid U tag"))?;
    if uri.path() != request.full_path {
        return Err(check_failed("U tag does not match"));
    }
    match tag_value(&event, "method") {
        None => return Err(check_failed("Missing method tag")),
        Some(method) if method != request.method.as_str() => {
            return Err(check_failed("Method tag incorrect"))
        }
        Some(_) => {}
    }
    if event.verify().is_err() {
        return Err(check_failed("Event signature invalid"));
    }
    replay.forget_expired(now_ms);
    if replay.contains(&event.id) {
        return Err(check_failed("Credential has already been used"));
    }
    replay.remember(event.id, now_ms);
    Ok(event.pubkey.to_hex())
}

/// The value of the first `name` tag, when it has one.
fn tag_value<'e>(event: &'e Event, name: &str) -> Option<&'e str> {
    event
        .tags
        .iter()
        .find(|tag| tag.kind() == name)
        .and_then(|tag| tag.content())
}
