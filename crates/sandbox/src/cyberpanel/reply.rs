//! The document's response envelope: `{"success":true,"data":…,"message":…}`
//! for answers and `{"success":false,"error","error_code","message"}` for
//! errors, with the documented status of each error code.

use crate::{wire, Response};
use serde_json::{json, Value};

/// What a handler returns.
pub(super) type Reply = Result<Response, ApiError>;

/// An error answer in the documented shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// `error_code`.
    pub code: &'static str,
    /// `error`: a short description.
    pub error: &'static str,
    /// `message`: what went wrong and what to do.
    pub message: String,
}

impl ApiError {
    /// An error with its status, code, short description and explanation.
    pub fn new(
        status: u16,
        code: &'static str,
        error: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code,
            error,
            message: message.into(),
        }
    }

    /// `MISSING_FIELDS` (400).
    pub fn missing_fields(message: impl Into<String>) -> Self {
        Self::new(400, "MISSING_FIELDS", "Missing required fields", message)
    }

    /// A malformed parameter or field the document gives no code for (400).
    pub fn invalid_parameter(message: impl Into<String>) -> Self {
        Self::new(400, "INVALID_PARAMETER", "Invalid parameter", message)
    }

    /// `LOCATION_NOT_FOUND` (400).
    pub fn location_not_found(message: impl Into<String>) -> Self {
        Self::new(400, "LOCATION_NOT_FOUND", "Location not found", message)
    }

    /// The answer.
    pub fn response(&self) -> Response {
        wire::json(
            self.status,
            &json!({
                "success": false,
                "error": self.error,
                "error_code": self.code,
                "message": self.message,
            }),
        )
    }
}

/// `{"success":true,"data":…}`.
pub(super) fn ok(data: Value) -> Reply {
    Ok(wire::json(200, &json!({ "success": true, "data": data })))
}

/// `{"success":true,"data":…,"message":…}`.
pub(super) fn ok_with(data: Value, message: &str) -> Reply {
    Ok(wire::json(
        200,
        &json!({ "success": true, "data": data, "message": message }),
    ))
}
