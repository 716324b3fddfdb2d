//! One JSON line per request served, for `--request-log`.

use serde::{Deserialize, Serialize};

/// A request-log line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// Mount name (`lnvps`, …, or `_sandbox` for controls).
    pub provider: String,
    /// HTTP method.
    pub method: String,
    /// Path below the mount, without the query (`/api/v1/vm`).
    pub path: String,
    /// HOSTKEY's `action` field; `null` elsewhere.
    pub action: Option<String>,
    /// Status sent; `null` when a timeout fault swallowed the answer.
    pub status: Option<u16>,
    /// When it was served (Unix milliseconds, sandbox clock).
    pub time_ms: u64,
}

impl LogEntry {
    pub(crate) fn new(
        provider: &str,
        request: &crate::Request,
        path: &str,
        action: Option<String>,
        status: Option<u16>,
        time_ms: u64,
    ) -> Self {
        Self {
            provider: provider.to_string(),
            method: request.method().to_string(),
            path: path.to_string(),
            action,
            status,
            time_ms,
        }
    }

    /// The line as written to the log (no trailing newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}
