//! Checks on values before they are sent to LNVPS, each failing with the
//! field at fault and the reason.

use crate::error::ProviderError;

/// Key types an SSH public key line may start with.
pub const SSH_KEY_TYPES: &[&str] = &[
    "ssh-ed25519",
    "ssh-rsa",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
    "sk-ssh-ed25519@openssh.com",
    "sk-ecdsa-sha2-nistp256@openssh.com",
    "ssh-dss",
];

/// The scheme of a Nostr Wallet Connect string.
pub const NWC_PREFIX: &str = "nostr+walletconnect://";

/// Renewal intervals LNVPS accepts in one payment.
pub const INTERVALS: std::ops::RangeInclusive<u32> = 1..=120;

/// A value that must not be blank.
pub fn required(field: &str, value: &str) -> Result<(), ProviderError> {
    if value.trim().is_empty() {
        return Err(ProviderError::validation(field, "is required"));
    }
    Ok(())
}

/// An OpenSSH public key line: a known key type, then the key (and an optional comment).
pub fn ssh_public_key(field: &str, key: &str) -> Result<(), ProviderError> {
    let key = key.trim();
    let mut parts = key.split_whitespace();
    let kind = parts.next().unwrap_or_default();
    if !SSH_KEY_TYPES.contains(&kind) {
        return Err(ProviderError::validation(
            field,
            format!(
                "must be an OpenSSH public key starting with a key type ({})",
                SSH_KEY_TYPES.join(", ")
            ),
        ));
    }
    if parts.next().is_none() {
        return Err(ProviderError::validation(
            field,
            format!("the key itself is missing after `{kind}`"),
        ));
    }
    if key.contains(['\n', '\r']) {
        return Err(ProviderError::validation(
            field,
            "must be one key on one line",
        ));
    }
    Ok(())
}

/// A host name for reverse DNS (`myserver.example.com`).
pub fn hostname(field: &str, name: &str) -> Result<(), ProviderError> {
    let name = name.trim().strip_suffix('.').unwrap_or(name.trim());
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let labels: Vec<&str> = name.split('.').collect();
    if name.len() > 253 || labels.len() < 2 || !labels.iter().all(|l| label_ok(l)) {
        return Err(ProviderError::validation(
            field,
            "must be a host name such as myserver.example.com (letters, digits and hyphens, dot-separated)",
        ));
    }
    Ok(())
}

/// A Nostr Wallet Connect string (`nostr+walletconnect://<pubkey>?relay=…&secret=…`).
pub fn nwc(field: &str, connection: &str) -> Result<(), ProviderError> {
    let rest = connection.trim().strip_prefix(NWC_PREFIX);
    match rest {
        Some(rest) if !rest.trim().is_empty() => Ok(()),
        _ => Err(ProviderError::validation(
            field,
            format!("must be a Nostr Wallet Connect string starting with `{NWC_PREFIX}`"),
        )),
    }
}

/// An email address (something@domain.tld).
pub fn email(field: &str, email: &str) -> Result<(), ProviderError> {
    let email = email.trim();
    let ok = match email.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(())
    } else {
        Err(ProviderError::validation(
            field,
            "must be an email address such as user@example.com",
        ))
    }
}

/// A number of renewal intervals (1–120).
pub fn intervals(field: &str, value: u32) -> Result<(), ProviderError> {
    if INTERVALS.contains(&value) {
        Ok(())
    } else {
        Err(ProviderError::validation(
            field,
            format!(
                "must be between {} and {} (got {value})",
                INTERVALS.start(),
                INTERVALS.end()
            ),
        ))
    }
}

/// `value` within `min..=max`, saying which bound it broke and in what unit.
pub fn within(
    field: &str,
    value: u64,
    min: u64,
    max: u64,
    unit: &str,
) -> Result<(), ProviderError> {
    if value < min {
        return Err(ProviderError::validation(
            field,
            format!("must be at least {min}{unit} (got {value}{unit})"),
        ));
    }
    if value > max {
        return Err(ProviderError::validation(
            field,
            format!("must be at most {max}{unit} (got {value}{unit})"),
        ));
    }
    Ok(())
}

/// A three-letter code (currency, or ISO 3166-1 alpha-3 country).
pub fn code3(field: &str, code: &str) -> Result<(), ProviderError> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(())
    } else {
        Err(ProviderError::validation(
            field,
            format!("must be a three-letter code (got `{code}`)"),
        ))
    }
}
