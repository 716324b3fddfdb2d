//! Request bodies and list queries, validated before sending by the rules the
//! document states (so the user sees the field at fault without a round trip).

use crate::error::ProviderError;
use crate::Secret;
use serde::{Deserialize, Serialize};

/// Shortest root password the provider accepts.
pub const PASSWORD_MIN: usize = 8;
/// Longest root password the provider accepts.
pub const PASSWORD_MAX: usize = 72;
/// Largest page the list endpoints return.
pub const PAGE_MAX: u32 = 100;

/// `POST /vps/create` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateVps {
    /// FQDN (`my-server.example.com`).
    pub hostname: String,
    /// Plan id from `plans`.
    pub plan_id: u64,
    /// Location code from `locations` (`la`).
    pub location_code: String,
    /// Template id from `templates` (`9000`).
    pub template_id: String,
    /// Root password: 8–72 characters with letters and digits.
    pub root_password: Secret,
    /// SSH public key for root (`ssh-…`, `ecdsa-…`, or a security key's `sk-…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssh_key: Option<String>,
    /// URL called when deployment completes or fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_url: Option<String>,
    /// Secret for the webhook's `X-Webhook-Signature`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_secret: Option<Secret>,
}

impl CreateVps {
    /// Checks every field by the document's rules; the error names the field.
    pub fn validate(&self) -> Result<(), ProviderError> {
        validate_hostname(&self.hostname)?;
        if self.plan_id == 0 {
            return Err(ProviderError::validation(
                "plan_id",
                "must be a plan id from the plan list (greater than 0)",
            ));
        }
        require("location_code", &self.location_code)?;
        require("template_id", &self.template_id)?;
        validate_password(self.root_password.expose())?;
        if let Some(key) = present(&self.ssh_key) {
            if !is_openssh_key_type(key) {
                return Err(ProviderError::validation(
                    "ssh_key",
                    "must be an OpenSSH public key starting with `ssh-`, `ecdsa-` or `sk-` (a security key)",
                ));
            }
        }
        if let Some(url) = present(&self.webhook_url) {
            validate_webhook_url(url)?;
        }
        Ok(())
    }

    /// The body to send: blank optional fields are left out.
    pub(crate) fn body(&self) -> CreateVps {
        let keep = |v: &Option<String>| present(v).map(str::to_string);
        CreateVps {
            ssh_key: keep(&self.ssh_key),
            webhook_url: keep(&self.webhook_url),
            webhook_secret: self.webhook_secret.clone().filter(|s| !s.is_empty()),
            ..self.clone()
        }
    }
}

/// `POST /vps/{id}/snapshots/create` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSnapshot {
    /// Name: letters, digits and underscores.
    pub name: String,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Include the RAM state (the provider's default is `false`).
    #[serde(default)]
    pub include_ram: bool,
}

impl NewSnapshot {
    /// Checks the name by the documented rule (alphanumeric and underscores).
    pub fn validate(&self) -> Result<(), ProviderError> {
        if self.name.is_empty() {
            return Err(ProviderError::validation("name", "is required"));
        }
        if let Some(bad) = self
            .name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
        {
            return Err(ProviderError::validation(
                "name",
                format!("may contain only letters, digits and underscores, not `{bad}`"),
            ));
        }
        Ok(())
    }
}

/// The status filter of the VPS list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusFilter {
    /// Running instances.
    Running,
    /// Stopped instances.
    Stopped,
    /// Suspended instances.
    Suspended,
}

impl StatusFilter {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Running => "running",
            StatusFilter::Stopped => "stopped",
            StatusFilter::Suspended => "suspended",
        }
    }
}

/// Filters of `GET /vps`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VpsFilter {
    /// Only instances in this state.
    pub status: Option<StatusFilter>,
    /// Only instances at this location code (`la`, `de`); blank means any.
    pub location: Option<String>,
}

/// A page of a list: `limit` 1–100 (the provider's default is 50), `offset` from 0.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Items per page; `None` for the provider's default.
    pub limit: Option<u32>,
    /// Items to skip; `None` for 0.
    pub offset: Option<u32>,
}

impl Page {
    /// A page of `limit` items after `offset`.
    pub fn new(limit: u32, offset: u32) -> Self {
        Self {
            limit: Some(limit),
            offset: Some(offset),
        }
    }

    /// Checks `limit` is within 1–100.
    pub fn validate(&self) -> Result<(), ProviderError> {
        match self.limit {
            Some(l) if l == 0 || l > PAGE_MAX => Err(ProviderError::validation(
                "limit",
                format!("must be between 1 and {PAGE_MAX}, not {l}"),
            )),
            _ => Ok(()),
        }
    }
}

/// True for an OpenSSH public key line whose type is `ssh-…` (ed25519, rsa),
/// `ecdsa-…`, or a FIDO security key's `sk-ssh-ed25519@openssh.com` /
/// `sk-ecdsa-sha2-nistp256@openssh.com`.
fn is_openssh_key_type(key: &str) -> bool {
    ["ssh-", "ecdsa-", "sk-ssh-", "sk-ecdsa-"]
        .iter()
        .any(|prefix| key.starts_with(prefix))
}

fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn require(field: &str, value: &str) -> Result<(), ProviderError> {
    if value.trim().is_empty() {
        return Err(ProviderError::validation(field, "is required"));
    }
    Ok(())
}

/// Checks a hostname is a fully qualified domain name as the provider requires.
///
/// ```
/// use providers::cyberpanel::validate_hostname;
/// assert!(validate_hostname("my-server.example.com").is_ok());
/// assert!(validate_hostname("localhost").is_err());
/// ```
pub fn validate_hostname(hostname: &str) -> Result<(), ProviderError> {
    let fail = |reason: String| Err(ProviderError::validation("hostname", reason));
    if hostname.is_empty() {
        return fail("is required".into());
    }
    if hostname.len() > 253 {
        return fail(format!(
            "must be at most 253 characters, not {}",
            hostname.len()
        ));
    }
    let labels: Vec<&str> = hostname.split('.').collect();
    if labels.len() < 2 {
        return fail(format!(
            "`{hostname}` is not a fully qualified name such as my-server.example.com"
        ));
    }
    for label in labels {
        if label.is_empty() {
            return fail(format!(
                "`{hostname}` has an empty label (two dots, or a dot at an end)"
            ));
        }
        if label.len() > 63 {
            return fail(format!("the label `{label}` is longer than 63 characters"));
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return fail(format!(
                "the label `{label}` may contain only letters, digits and hyphens"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return fail(format!(
                "the label `{label}` must not start or end with a hyphen"
            ));
        }
    }
    Ok(())
}

/// Checks a root password as the provider does: too short, too long, or weak.
pub fn validate_password(password: &str) -> Result<(), ProviderError> {
    let fail = |reason: String| Err(ProviderError::validation("root_password", reason));
    let length = password.chars().count();
    if length < PASSWORD_MIN {
        return fail(format!("must be at least {PASSWORD_MIN} characters"));
    }
    if length > PASSWORD_MAX {
        return fail(format!("must not exceed {PASSWORD_MAX} characters"));
    }
    let letter = password.chars().any(char::is_alphabetic);
    let digit = password.chars().any(|c| c.is_ascii_digit());
    if !(letter && digit) {
        return fail("must contain letters AND numbers".into());
    }
    Ok(())
}

fn validate_webhook_url(raw: &str) -> Result<(), ProviderError> {
    // The URL is not echoed: it may carry a token.
    let url = url::Url::parse(raw).map_err(|e| {
        ProviderError::validation("webhook_url", format!("is not a valid URL: {e}"))
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(ProviderError::validation(
            "webhook_url",
            "must be an http:// or https:// URL with a host",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(ssh_key: &str) -> CreateVps {
        CreateVps {
            hostname: "my-server.example.com".into(),
            plan_id: 1,
            location_code: "la".into(),
            template_id: "9000".into(),
            root_password: Secret::new("SecurePass123"),
            ssh_key: Some(ssh_key.into()),
            webhook_url: None,
            webhook_secret: None,
        }
    }

    #[test]
    fn every_openssh_key_type_is_accepted_including_security_keys() {
        for key in [
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG me@laptop",
            "ssh-rsa AAAAB3NzaC1yc2E...",
            "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY=",
            "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29t me@yubikey",
            "sk-ecdsa-sha2-nistp256@openssh.com AAAAInNrLWVjZHNh me@yubikey",
        ] {
            assert_eq!(order(key).validate(), Ok(()), "{key}");
        }
    }

    #[test]
    fn a_key_of_no_known_type_is_rejected_naming_the_field() {
        for key in [
            "AAAAC3NzaC1lZDI1NTE5",
            "sk-other AAAA",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
        ] {
            assert!(
                matches!(order(key).validate(), Err(ProviderError::Validation { ref field, .. }) if field == "ssh_key"),
                "{key}"
            );
        }
    }
}
