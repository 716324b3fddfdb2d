//! LiteVPS error bodies (`{"error": "<message>"}`) as typed errors.

use super::money::usd;
use crate::error::ProviderError;
use crate::parse;
use crate::ApiResponse;
use serde::Deserialize;

/// What to fix when a bearer token is refused.
pub const TOKEN_CREDENTIAL: &str =
    "LiteVPS access token (vtk_…) or login: the session may have expired";

/// What to fix when the login itself is refused.
pub const LOGIN_CREDENTIAL: &str = "LiteVPS email and password";

/// Request fields an error message may name, longest first where one contains another.
const FIELDS: &[&str] = &[
    "cf-turnstile-response",
    "timeout_seconds",
    "ssh_key_ids",
    "ttl_minutes",
    "spend_limit",
    "public_key",
    "memory_mb",
    "user_data",
    "background",
    "template",
    "password",
    "plan_id",
    "disk_gb",
    "command",
    "amount",
    "offset",
    "email",
    "limit",
    "name",
    "path",
    "vcpu",
    "ids",
    "vms",
];

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default, deserialize_with = "parse::opt_f64_lenient")]
    balance: Option<f64>,
    #[serde(default, deserialize_with = "parse::opt_f64_lenient")]
    required: Option<f64>,
}

/// Maps a non-2xx LiteVPS response to an error a person can act on.
///
/// 400 names the field the message is about; 401 means the token (or the
/// session) must be renewed; 402 carries the balance and the amount needed;
/// 403 is an access token past its spend limit.
pub fn error_from_response(response: &ApiResponse) -> ProviderError {
    error_with_credential(response, TOKEN_CREDENTIAL)
}

/// Like [`error_from_response`], naming `credential` on 401.
pub(crate) fn error_with_credential(response: &ApiResponse, credential: &str) -> ProviderError {
    let message = parse::error_message(response);
    match parse::status(response) {
        400 => {
            let message = message.unwrap_or_else(|| "the request was rejected".into());
            ProviderError::validation(field_named_in(&message), message)
        }
        401 => ProviderError::Auth {
            message: message.unwrap_or_else(|| "unauthorized".into()),
            credential: credential.into(),
        },
        402 => {
            let body = parse::json_opt::<ErrorBody>(response);
            let amount =
                |pick: fn(&ErrorBody) -> Option<f64>| body.as_ref().and_then(pick).and_then(usd);
            ProviderError::PaymentRequired {
                balance: amount(|b| b.balance),
                required: amount(|b| b.required),
                message: message.unwrap_or_else(|| {
                    "insufficient balance: add funds (between 5 and 50 USD)".into()
                }),
            }
        }
        403 => {
            let message = message.unwrap_or_else(|| "this token may not do that".into());
            let needed = message
                .to_ascii_lowercase()
                .contains("spend limit")
                .then(|| "spend_limit".to_string());
            ProviderError::Permission { needed, message }
        }
        _ => parse::http_error(response, credential),
    }
}

/// The request field a 400 message is about (`request` when it names none).
fn field_named_in(message: &str) -> &'static str {
    let lower = message.to_ascii_lowercase();
    if lower.contains("captcha") || lower.contains("turnstile") {
        return "cf-turnstile-response";
    }
    FIELDS
        .iter()
        .filter_map(|f| find_word(&lower, f).map(|at| (at, *f)))
        .min_by_key(|(at, _)| *at)
        .map(|(_, f)| f)
        .unwrap_or("request")
}

/// Where `word` first occurs in `text` as a whole word.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}
