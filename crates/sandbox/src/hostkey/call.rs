//! One request as the resource handlers see it: the resource and action, the
//! decoded form (or query) parameters, the time, and the caller's address,
//! with the parameter readers and the `-1` error envelope every module uses.

use crate::wire::{self, Form};
use crate::Response;
use serde_json::{json, Value};
use std::fmt::Display;

/// An error answer ready to send (boxed, as responses are large).
pub(super) type Failure = Box<Response>;

/// A handler's answer: `Err` carries an error answer out early through `?`.
pub(super) type Reply = Result<Response, Failure>;

/// A request routed to a resource action.
pub(super) struct Call<'a> {
    /// Resource file without `.php` (`eq`, `whmcs`, …).
    pub module: &'static str,
    /// The `action` field.
    pub action: &'a str,
    /// The form body (POST) or query string (GET).
    pub params: &'a Form,
    /// Sandbox time in Unix milliseconds.
    pub now_ms: u64,
    /// The caller's address.
    pub client_ip: &'a str,
}

impl Call<'_> {
    /// Sandbox time in Unix seconds.
    pub fn now(&self) -> u64 {
        self.now_ms / 1000
    }

    /// `module/action`, the prefix of every error text.
    pub fn prefix(&self) -> String {
        format!("{}/{}", self.module, self.action)
    }

    /// `{"result":-1,"error":"module/action: text"}`.
    pub fn fail(&self, text: impl Display) -> Failure {
        reject(&json!({ "result": -1, "error": format!("{}: {text}", self.prefix()) }))
    }

    /// `{"result":-1,"error":"module: unknown action <a>"}`.
    pub fn unknown(&self) -> Failure {
        let text = if self.action.is_empty() {
            format!("{}: action is required", self.module)
        } else {
            format!("{}: unknown action {}", self.module, self.action)
        };
        reject(&json!({ "result": -1, "error": text }))
    }

    /// A parameter, or `None` when absent or blank.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.params
            .get(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// A parameter that must be present and not blank.
    pub fn required(&self, name: &str) -> Result<&str, Failure> {
        self.text(name)
            .ok_or_else(|| self.fail(format!("{name} is required")))
    }

    /// An optional non-negative integer parameter.
    pub fn number(&self, name: &str) -> Result<Option<u64>, Failure> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => v.parse::<u64>().map(Some).map_err(|_| {
                self.fail(format!("{name} must be a non-negative integer, got '{v}'"))
            }),
        }
    }

    /// A required non-negative integer parameter.
    pub fn required_number(&self, name: &str) -> Result<u64, Failure> {
        self.required(name)?;
        self.number(name)?
            .ok_or_else(|| self.fail(format!("{name} is required")))
    }

    /// An optional `0`/`1` flag.
    pub fn flag(&self, name: &str) -> Result<Option<bool>, Failure> {
        match self.text(name) {
            None => Ok(None),
            Some("1") => Ok(Some(true)),
            Some("0") => Ok(Some(false)),
            Some(v) => Err(self.fail(format!("{name} must be 0 or 1, got '{v}'"))),
        }
    }
}

/// A 200 JSON answer (HOSTKEY reports every outcome in the body).
pub(super) fn ok(value: &Value) -> Response {
    wire::json(200, value)
}

/// A 200 JSON error answer.
pub(super) fn reject(value: &Value) -> Failure {
    Box::new(ok(value))
}
