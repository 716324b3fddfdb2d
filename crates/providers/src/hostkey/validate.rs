//! Checks made before a HOSTKEY request is sent, each naming the field at fault.

use crate::error::ProviderError;
use crate::Secret;
use rust_decimal::Decimal;
use std::net::IpAddr;

/// The location codes HOSTKEY documents (Netherlands, USA, Finland, Germany,
/// Iceland, Turkey, United Kingdom).
pub const LOCATIONS: [(&str, &str); 7] = [
    ("NL", "Netherlands"),
    ("US", "USA"),
    ("FI", "Finland"),
    ("DE", "Germany"),
    ("IS", "Iceland"),
    ("TR", "Turkey"),
    ("UK", "United Kingdom"),
];

/// A value that must not be blank.
pub(crate) fn required<'a>(field: &str, value: &'a str) -> Result<&'a str, ProviderError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ProviderError::validation(field, "is required"));
    }
    Ok(value)
}

/// A numeric id (server, API key, invoice, contact, domain, …).
pub(crate) fn id<'a>(field: &str, value: &'a str) -> Result<&'a str, ProviderError> {
    let value = required(field, value)?;
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ProviderError::validation(
            field,
            format!("`{value}` is not a numeric id"),
        ));
    }
    Ok(value)
}

/// An API key in HOSTKEY's format: 16 hex digits, a dash, 16 hex digits.
pub(crate) fn api_key(key: &Secret) -> Result<(), ProviderError> {
    if key.is_stand_in() {
        return Ok(());
    }
    let hex16 = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    match key.expose().trim().split_once('-') {
        Some((a, b)) if hex16(a) && hex16(b) => Ok(()),
        _ => Err(ProviderError::validation(
            "api_key",
            "a HOSTKEY API key is 16 hex digits, a dash and 16 hex digits (d9815703f6f41d3f-5d52f141ff7ac755)",
        )),
    }
}

/// A PIN: digits only (HOSTKEY types it `int`).
pub(crate) fn pin(field: &str, pin: &Secret) -> Result<(), ProviderError> {
    if pin.is_stand_in() {
        return Ok(());
    }
    let value = pin.expose().trim();
    if value.is_empty() {
        return Err(ProviderError::validation(
            field,
            "HOSTKEY needs your PIN for this",
        ));
    }
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ProviderError::validation(
            field,
            "a HOSTKEY PIN is made of digits only",
        ));
    }
    Ok(())
}

/// A location code (`NL`, `US`, …), upper-cased.
pub(crate) fn location(field: &str, code: &str) -> Result<String, ProviderError> {
    let code = code.trim().to_ascii_uppercase();
    if LOCATIONS.iter().any(|(c, _)| *c == code) {
        Ok(code)
    } else {
        Err(ProviderError::validation(
            field,
            format!("`{code}` is not a HOSTKEY location (NL, US, FI, DE, IS, TR or UK)"),
        ))
    }
}

/// A comma list of location codes (`IS,NL`), upper-cased.
pub(crate) fn locations(field: &str, codes: &str) -> Result<String, ProviderError> {
    codes
        .split(',')
        .map(|c| location(field, c))
        .collect::<Result<Vec<_>, _>>()
        .map(|codes| codes.join(","))
}

/// A root password for eq/order_instance: at least 8 characters with upper-
/// and lower-case Latin letters and at least one special character.
pub(crate) fn root_pass(pass: &Secret) -> Result<(), ProviderError> {
    let p = pass.expose();
    let problem = if p.chars().count() < 8 {
        Some("must be at least 8 characters long")
    } else if !p.bytes().any(|b| b.is_ascii_uppercase()) {
        Some("must contain an upper-case Latin letter")
    } else if !p.bytes().any(|b| b.is_ascii_lowercase()) {
        Some("must contain a lower-case Latin letter")
    } else if !p
        .chars()
        .any(|c| !c.is_ascii_alphanumeric() && !c.is_whitespace())
    {
        Some("must contain at least one special character (such as @, #, !)")
    } else {
        None
    };
    match problem {
        Some(reason) => Err(ProviderError::validation("root_pass", reason)),
        None => Ok(()),
    }
}

/// A root password for eq/create_pxe: at least 8 characters with a digit and
/// an upper-case letter (the PXE installer's stated policy).
pub(crate) fn pxe_root_pass(pass: &Secret) -> Result<(), ProviderError> {
    let p = pass.expose();
    let problem = if p.chars().count() < 8 {
        Some("must be at least 8 characters long")
    } else if !p.bytes().any(|b| b.is_ascii_digit()) {
        Some("must contain a digit")
    } else if !p.bytes().any(|b| b.is_ascii_uppercase()) {
        Some("must contain an upper-case letter")
    } else {
        None
    };
    match problem {
        Some(reason) => Err(ProviderError::validation("root_pass", reason)),
        None => Ok(()),
    }
}

/// A host name (letters, digits and hyphens in dot-separated labels; a
/// trailing dot is allowed, as in PTR records).
pub(crate) fn hostname<'a>(field: &str, name: &'a str) -> Result<&'a str, ProviderError> {
    let name = required(field, name)?;
    let bare = name.strip_suffix('.').unwrap_or(name);
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if bare.len() > 253 || !bare.split('.').all(label_ok) {
        return Err(ProviderError::validation(
            field,
            format!("`{name}` is not a valid host name"),
        ));
    }
    Ok(name)
}

/// An IPv4 or IPv6 address.
pub(crate) fn ip<'a>(field: &str, ip: &'a str) -> Result<&'a str, ProviderError> {
    let ip = required(field, ip)?;
    ip.parse::<IpAddr>()
        .map(|_| ip)
        .map_err(|_| ProviderError::validation(field, format!("`{ip}` is not an IP address")))
}

/// An e-mail address (something@domain).
pub(crate) fn email<'a>(field: &str, email: &'a str) -> Result<&'a str, ProviderError> {
    let email = required(field, email)?;
    match email.split_once('@') {
        Some((user, domain))
            if !user.is_empty() && domain.contains('.') && !domain.contains('@') =>
        {
            Ok(email)
        }
        _ => Err(ProviderError::validation(
            field,
            format!("`{email}` is not an e-mail address"),
        )),
    }
}

/// A positive amount of money in the account currency.
pub(crate) fn amount(field: &str, amount: Decimal) -> Result<String, ProviderError> {
    if amount <= Decimal::ZERO {
        return Err(ProviderError::validation(field, "must be more than zero"));
    }
    Ok(amount.normalize().to_string())
}

/// A date as `YYYY-MM-DD`.
pub(crate) fn date<'a>(field: &str, date: &'a str) -> Result<&'a str, ProviderError> {
    let date = required(field, date)?;
    if date.len() == 10 && crate::model::Timestamp::parse(date).is_some() {
        Ok(date)
    } else {
        Err(ProviderError::validation(
            field,
            format!("`{date}` is not a date (YYYY-MM-DD)"),
        ))
    }
}

/// An IP access list: addresses or CIDR blocks separated by commas or spaces.
pub(crate) fn ip_acl<'a>(field: &str, list: &'a str) -> Result<&'a str, ProviderError> {
    for entry in list
        .split([',', ' '])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let (addr, prefix) = entry.split_once('/').unwrap_or((entry, "0"));
        let ok = addr.parse::<IpAddr>().is_ok() && prefix.parse::<u8>().is_ok_and(|p| p <= 128);
        if !ok {
            return Err(ProviderError::validation(
                field,
                format!("`{entry}` is not an IP address or CIDR block"),
            ));
        }
    }
    Ok(list)
}
