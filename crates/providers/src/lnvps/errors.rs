//! LNVPS's failures as typed errors.
//!
//! Auth failures come back as plain text from the NIP-98 check (403 `Auth
//! header not found`, 403 `Auth scheme must be Nostr or Bearer`, 401 `Invalid
//! auth: …`, 401 `Auth check failed: <reason>`); everything else the API
//! decides is `{"error": "…"}`; rate limits and oversized bodies are plain text.

use crate::error::ProviderError;
use crate::parse;
use crate::ApiResponse;

/// The credential to fix when LNVPS refuses the signature.
pub const CREDENTIAL: &str = "Nostr signer (NIP-98)";

/// The plain-text prefixes of LNVPS's NIP-98 rejections.
const AUTH_PREFIXES: &[&str] = &[
    "Auth header not found",
    "Auth scheme must be Nostr or Bearer",
    "Invalid auth:",
    "Auth check failed:",
];

/// Maps a non-2xx LNVPS response to an error a person can act on.
pub fn error_from_response(response: &ApiResponse) -> ProviderError {
    let status = parse::status(response);
    let message = parse::error_message(response).unwrap_or_default();
    let or = |default: &str| {
        if message.is_empty() {
            default.to_string()
        } else {
            message.clone()
        }
    };
    let auth = |reason: String| ProviderError::Auth {
        message: reason,
        credential: CREDENTIAL.into(),
    };
    if AUTH_PREFIXES.iter().any(|p| message.starts_with(p)) {
        return auth(auth_reason(&message));
    }
    match status {
        401 => auth(or("the signed request was refused")),
        400 => ProviderError::validation(field_of(&message), or("LNVPS rejected the request")),
        402 => ProviderError::PaymentRequired {
            balance: None,
            required: None,
            message: or("the VM has expired: renew it first"),
        },
        403 => ProviderError::Permission {
            needed: needed_for(&message),
            message: or("this account may not do that"),
        },
        404 => ProviderError::NotFound {
            message: or("not found"),
        },
        409 => ProviderError::Conflict {
            message: or("conflicts with the current state (or no capacity)"),
        },
        413 => ProviderError::validation(
            "body",
            or("the request body is larger than the 2 MiB LNVPS accepts with NIP-98"),
        ),
        429 => ProviderError::RateLimited {
            retry_after_secs: parse::retry_after(response),
            message: or("rate limit exceeded"),
        },
        501 => ProviderError::Unsupported {
            reason: or("LNVPS has not implemented this"),
        },
        _ => parse::http_error(response, CREDENTIAL),
    }
}

/// The reason after `Auth check failed: ` / `Invalid auth: `, else the whole text.
fn auth_reason(message: &str) -> String {
    ["Auth check failed:", "Invalid auth:"]
        .iter()
        .find_map(|p| message.strip_prefix(p))
        .map(str::trim)
        .filter(|reason| !reason.is_empty())
        .unwrap_or(message)
        .to_string()
}

/// The request field a 400 message is about, where it names one.
fn field_of(message: &str) -> &'static str {
    let m = message.to_ascii_lowercase();
    const FIELDS: &[(&str, &str)] = &[
        ("ssh", "key_data"),
        ("reverse dns", "reverse_dns"),
        ("reverse_dns", "reverse_dns"),
        ("interval", "intervals"),
        ("discount", "code"),
        ("email", "email"),
        ("subject", "subject"),
        ("message is required", "message"),
        ("name is required", "name"),
        ("captcha", "turnstile_token"),
        ("arch", "arch"),
        ("image", "image_id"),
        ("template", "template_id"),
        ("cpu", "cpu"),
        ("memory", "memory"),
        ("disk", "disk"),
        ("nwc", "nwc_connection_string"),
        ("wallet connect", "nwc_connection_string"),
    ];
    FIELDS
        .iter()
        .find(|(needle, _)| m.contains(needle))
        .map_or("request", |(_, field)| field)
}

/// What a 403 says is missing.
fn needed_for(message: &str) -> Option<String> {
    let m = message.to_ascii_lowercase();
    if m.contains("email verification") || m.contains("verified email") {
        Some("a verified email address".into())
    } else if m.contains("does not belong to you") {
        Some("ownership of this resource".into())
    } else {
        None
    }
}
