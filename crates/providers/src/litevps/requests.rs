//! LiteVPS request bodies and the checks made before sending them: hostnames,
//! the exec deny-list, absolute file paths, top-up limits and emails.

use crate::error::ProviderError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Commands LiteVPS refuses to run (matched after collapsing whitespace).
pub const BLOCKED_COMMANDS: &[&str] = &[
    "rm -rf /",
    "mkfs",
    "dd if=",
    ":(){ :|:& };",
    "shutdown",
    "reboot",
    "poweroff",
    "halt",
];

/// Smallest top-up, USD.
pub const MIN_TOP_UP: Decimal = Decimal::from_parts(5, 0, 0, false, 0);
/// Largest top-up, USD.
pub const MAX_TOP_UP: Decimal = Decimal::from_parts(50, 0, 0, false, 0);

/// The body of `POST /api/vps` (and each item of a batch create).
///
/// `name` and one of `plan_id` / `template` are required; template values
/// are defaults that the other fields override.
///
/// ```
/// use providers::litevps::NewVps;
/// let vps = NewVps::from_template("agent-vm", "ubuntu-22-small");
/// assert!(vps.validate().is_ok());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVps {
    /// Hostname: letters, digits and hyphens, at most 63.
    pub name: String,
    /// Plan id from `GET /api/pricing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan_id: Option<String>,
    /// Template name from `GET /api/templates`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// SSH key ids to inject at cloud-init.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub ssh_key_ids: Vec<String>,
    /// Virtual CPUs (overrides the template).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcpu: Option<u32>,
    /// Memory in MB (overrides the template).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_mb: Option<u64>,
    /// Disk in GB (overrides the template).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk_gb: Option<u64>,
    /// Cloud-init user data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_data: Option<String>,
    /// Minutes until the VPS expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ttl_minutes: Option<u32>,
}

impl NewVps {
    /// A VPS on a plan.
    pub fn from_plan(name: impl Into<String>, plan_id: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            plan_id: Some(plan_id.into()),
            ..Self::default()
        }
    }

    /// A VPS from a template.
    pub fn from_template(name: impl Into<String>, template: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            template: Some(template.into()),
            ..Self::default()
        }
    }

    /// Checks the fields before sending.
    pub fn validate(&self) -> Result<(), ProviderError> {
        self.validate_as("")
    }

    /// Checks the fields, naming them with `prefix` (`vms[1].`) in errors.
    pub(crate) fn validate_as(&self, prefix: &str) -> Result<(), ProviderError> {
        let field = |name: &str| format!("{prefix}{name}");
        validate_hostname(&field("name"), &self.name)?;
        let given = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        if !given(&self.plan_id) && !given(&self.template) {
            return Err(ProviderError::validation(
                field("plan_id"),
                "a plan_id (from the pricing list) or a template is required",
            ));
        }
        for (name, value) in [
            ("vcpu", self.vcpu.map(u64::from)),
            ("memory_mb", self.memory_mb),
            ("disk_gb", self.disk_gb),
            ("ttl_minutes", self.ttl_minutes.map(u64::from)),
        ] {
            if value == Some(0) {
                return Err(ProviderError::validation(field(name), "must be at least 1"));
            }
        }
        if self.ssh_key_ids.iter().any(|id| id.trim().is_empty()) {
            return Err(ProviderError::validation(
                field("ssh_key_ids"),
                "an SSH key id is empty",
            ));
        }
        Ok(())
    }
}

/// A command to run on a VPS (`POST /api/vps/:id/exec` and batch exec).
///
/// ```
/// use providers::litevps::Exec;
/// assert!(Exec::new("uname -a").validate().is_ok());
/// assert!(Exec::new("sudo reboot").validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exec {
    /// The shell command.
    pub command: String,
    /// Seconds before it is killed (the provider's default is 30).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<u32>,
}

impl Exec {
    /// A command with the provider's default timeout.
    pub fn new(command: impl Into<String>) -> Self {
        Self {
            command: command.into(),
            timeout_seconds: None,
        }
    }

    /// The same command with a timeout.
    pub fn timeout(mut self, seconds: u32) -> Self {
        self.timeout_seconds = Some(seconds);
        self
    }

    /// Checks the command against the deny-list and the timeout.
    pub fn validate(&self) -> Result<(), ProviderError> {
        if self.command.trim().is_empty() {
            return Err(ProviderError::validation("command", "is required"));
        }
        if let Some(pattern) = blocked_pattern(&self.command) {
            return Err(ProviderError::validation(
                "command",
                format!("command blocked: contains `{pattern}`"),
            ));
        }
        if self.timeout_seconds == Some(0) {
            return Err(ProviderError::validation(
                "timeout_seconds",
                "must be at least 1",
            ));
        }
        Ok(())
    }
}

/// The deny-list pattern `command` contains, after collapsing whitespace.
///
/// ```
/// use providers::litevps::blocked_pattern;
/// assert_eq!(blocked_pattern("rm   -rf\t/tmp"), Some("rm -rf /"));
/// assert_eq!(blocked_pattern("ls -la"), None);
/// ```
pub fn blocked_pattern(command: &str) -> Option<&'static str> {
    let collapsed = command.split_whitespace().collect::<Vec<_>>().join(" ");
    BLOCKED_COMMANDS
        .iter()
        .copied()
        .find(|pattern| collapsed.contains(pattern))
}

/// Which page of the transaction history to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// How many (the provider's default is 20).
    pub limit: u32,
    /// How many to skip.
    pub offset: u32,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            limit: 20,
            offset: 0,
        }
    }
}

/// Checks a hostname: 1–63 letters, digits and hyphens, not starting or ending with `-`.
pub(crate) fn validate_hostname(field: &str, name: &str) -> Result<(), ProviderError> {
    if name.is_empty() {
        return Err(ProviderError::validation(field, "is required"));
    }
    if name.len() > 63 {
        return Err(ProviderError::validation(
            field,
            "a hostname has at most 63 characters",
        ));
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(ProviderError::validation(
            field,
            "a hostname has only letters, digits and hyphens",
        ));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err(ProviderError::validation(
            field,
            "a hostname does not start or end with a hyphen",
        ));
    }
    Ok(())
}

/// Checks that a value is given.
pub(crate) fn require(field: &str, value: &str) -> Result<(), ProviderError> {
    if value.trim().is_empty() {
        return Err(ProviderError::validation(field, "is required"));
    }
    Ok(())
}

/// Checks an absolute file path on the VPS.
pub(crate) fn validate_path(path: &str) -> Result<(), ProviderError> {
    if path.is_empty() {
        return Err(ProviderError::validation("path", "is required"));
    }
    if !path.starts_with('/') {
        return Err(ProviderError::validation(
            "path",
            format!("must be absolute (start with /), e.g. /root/{path}"),
        ));
    }
    if path.contains('\0') {
        return Err(ProviderError::validation("path", "must not contain NUL"));
    }
    Ok(())
}

/// Checks an email address: one `@`, something on both sides, no spaces.
pub(crate) fn validate_email(field: &str, email: &str) -> Result<(), ProviderError> {
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(ProviderError::validation(
            field,
            format!("`{email}` is not an email address"),
        ))
    }
}

/// Checks a top-up amount: $5–$50 inclusive, in whole cents.
pub(crate) fn validate_top_up(amount: Decimal) -> Result<(), ProviderError> {
    if amount < MIN_TOP_UP || amount > MAX_TOP_UP {
        return Err(ProviderError::validation(
            "amount",
            format!("must be between {MIN_TOP_UP} and {MAX_TOP_UP} USD, got {amount}"),
        ));
    }
    if amount.normalize().scale() > 2 {
        return Err(ProviderError::validation(
            "amount",
            "must be in whole cents",
        ));
    }
    Ok(())
}

/// A decimal as a JSON number: `10` stays an integer, `10.5` a fraction.
pub(crate) fn json_number(value: Decimal) -> serde_json::Value {
    value
        .normalize()
        .to_string()
        .parse::<serde_json::Number>()
        .map(serde_json::Value::Number)
        .unwrap_or(serde_json::Value::Null)
}
