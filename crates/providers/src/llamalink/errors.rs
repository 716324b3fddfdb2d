//! LlamaLink's documented status codes as typed errors.

use crate::error::ProviderError;
use crate::parse;
use crate::ApiResponse;

const CREDENTIAL: &str = "LlamaLink API key (llk_…)";

/// Maps a non-2xx LlamaLink response to an error a person can act on.
///
/// 401 (missing key) and 403 (invalid or expired key) both mean "fix the key";
/// 402 means no valid saved card or a failed charge.
pub fn error_from_response(response: &ApiResponse) -> ProviderError {
    let message = parse::error_message(response);
    match parse::status(response) {
        401 => ProviderError::Auth {
            message: message.unwrap_or_else(|| "the Authorization header is missing".into()),
            credential: CREDENTIAL.into(),
        },
        403 => ProviderError::Auth {
            message: message.unwrap_or_else(|| "the API key is invalid or expired".into()),
            credential: CREDENTIAL.into(),
        },
        402 => ProviderError::PaymentRequired {
            balance: None,
            required: None,
            message: message.unwrap_or_else(|| {
                "no valid payment method, or the charge failed: add or update a saved card".into()
            }),
        },
        _ => parse::http_error(response, CREDENTIAL),
    }
}
