//! A string that never shows itself in `Debug`, logs or error messages.

use serde::{Deserialize, Serialize};

/// A credential (API key, password, token). `Debug` and `Display` print `***`.
///
/// ```
/// let key = providers::Secret::new("llk_abc");
/// assert_eq!(format!("{key:?}"), "Secret(***)");
/// assert_eq!(key.expose(), "llk_abc");
/// ```
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The credential itself: call only where it is put on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True for a desktop stand-in ([`crate::wire::placeholder`]): the real
    /// value is put in by the desktop app's native side, so shape checks on
    /// this side must let it through.
    pub fn is_stand_in(&self) -> bool {
        self.0.starts_with(crate::wire::PLACEHOLDER_PREFIX)
    }

    /// True when no credential was given.
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}
