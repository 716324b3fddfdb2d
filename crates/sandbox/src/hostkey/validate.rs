//! Checks on values users type: hostnames and domain names, the two root
//! password policies the document states, SSH public keys and e-mail
//! addresses. Each returns the reason a value is refused.

/// A hostname: labels of letters, digits and inner hyphens, 1-253 characters.
pub(super) fn hostname(name: &str) -> Result<(), String> {
    let name = name.strip_suffix('.').unwrap_or(name);
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if name.is_empty() || name.len() > 253 || !name.split('.').all(label_ok) {
        return Err(format!("'{name}' is not a valid hostname"));
    }
    Ok(())
}

/// A domain name: a hostname with at least two labels and a non-numeric top level.
pub(super) fn domain(name: &str) -> Result<(), String> {
    hostname(name)?;
    let trimmed = name.strip_suffix('.').unwrap_or(name);
    match trimmed.rsplit_once('.') {
        Some((_, tld)) if tld.bytes().any(|b| b.is_ascii_alphabetic()) => Ok(()),
        _ => Err(format!("'{name}' is not a valid domain name")),
    }
}

/// eq/order_instance's policy: at least 8 characters, upper- and lower-case
/// Latin letters and at least one special character.
pub(super) fn order_password(password: &str) -> Result<(), String> {
    let special = password.chars().any(|c| !c.is_ascii_alphanumeric());
    if password.chars().count() < 8
        || !password.bytes().any(|b| b.is_ascii_uppercase())
        || !password.bytes().any(|b| b.is_ascii_lowercase())
        || !special
    {
        return Err("root_pass must be at least 8 characters long and include upper- and lower-case Latin letters and at least one special character".into());
    }
    Ok(())
}

/// eq/create_pxe's policy: at least 8 characters with digits and capital letters.
pub(super) fn pxe_password(password: &str) -> Result<(), String> {
    if password.chars().count() < 8
        || !password.bytes().any(|b| b.is_ascii_digit())
        || !password.bytes().any(|b| b.is_ascii_uppercase())
    {
        return Err(
            "root_pass must be at least 8 characters long and include digits and capital letters"
                .into(),
        );
    }
    Ok(())
}

/// An OpenSSH public key line (`ssh-ed25519 AAAA… comment`).
pub(super) fn ssh_key(key: &str) -> Result<(), String> {
    let mut parts = key.split_whitespace();
    let kind = parts.next().unwrap_or_default();
    let body = parts.next().unwrap_or_default();
    let known = [
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
    ];
    if !known.contains(&kind) || body.len() < 16 || !body.starts_with("AAAA") {
        return Err("ssh_key must be an OpenSSH public key (ssh-ed25519, ssh-rsa or ecdsa)".into());
    }
    Ok(())
}

/// An e-mail address (`user@host.tld`).
pub(super) fn email(address: &str) -> Result<(), String> {
    match address.split_once('@') {
        Some((user, host)) if !user.is_empty() && domain(host).is_ok() => Ok(()),
        _ => Err(format!("'{address}' is not a valid e-mail address")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policies_follow_the_document() {
        assert!(order_password("mnN48Dl@4").is_ok());
        assert!(order_password("mdLus8Ng").is_err());
        assert!(order_password("short@A").is_err());
        assert!(pxe_password("Passw0rdX").is_ok());
        assert!(pxe_password("password").is_err());
    }

    #[test]
    fn names_and_keys() {
        assert!(hostname("nl-vmmini").is_ok());
        assert!(hostname("-bad").is_err());
        assert!(domain("example.com").is_ok());
        assert!(domain("localhost").is_err());
        assert!(ssh_key("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGx user@host").is_ok());
        assert!(ssh_key("not a key").is_err());
        assert!(email("a@example.com").is_ok());
        assert!(email("a@b").is_err());
    }
}
