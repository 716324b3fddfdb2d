//! Light, dark or system theme, applied as `data-theme` on `<html>` and
//! remembered on the device.

use serde::{Deserialize, Serialize};

const STORAGE_KEY: &str = "panel.theme";

/// The user's theme choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// Every choice, in menu order.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The attribute value and stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    /// Parses the stored word.
    pub fn parse(s: &str) -> Theme {
        Theme::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .unwrap_or_default()
    }
}

/// The remembered choice.
pub fn load() -> Theme {
    super::storage::get(STORAGE_KEY)
        .map(|s| Theme::parse(&s))
        .unwrap_or_default()
}

/// Applies and remembers a choice.
pub fn apply(theme: Theme) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
    super::storage::set(STORAGE_KEY, theme.as_str());
}
