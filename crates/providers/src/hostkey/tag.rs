//! The tag object HOSTKEY attaches to servers, presets, OSes, software,
//! traffic plans and customers.

use super::lenient::{any_text, TagValue};
use crate::parse::{bool_lenient, opt_string_lenient};
use serde::{Deserialize, Serialize};

/// A tag: `{"id":799112,"component":"Component1","component_id":34533,"tag":"hostname","value":"nl-vmmini","extra":"","internal":0}`.
///
/// Later preset items and jenkins tasks omit `id`, `component` and `component_id`.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tag {
    /// Tag id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// What it is attached to (`Component1`, `eq`, `presets`, `OS`, `software`, `traffic_plans`, `customers`).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub component: Option<String>,
    /// The id of what it is attached to.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub component_id: Option<String>,
    /// Tag name (`hostname`, `OS`, `password`, `web_group`, `os`, …).
    #[serde(default, deserialize_with = "any_text")]
    pub tag: String,
    /// Value: text, or a list for software's `os` tag.
    #[serde(default)]
    pub value: TagValue,
    /// A second value (a URL for `webpanel`, a sort key for `family`).
    #[serde(default, deserialize_with = "any_text")]
    pub extra: String,
    /// True for system tags the customer cannot change.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub internal: bool,
}

/// The first tag called `name` (case-insensitive).
pub fn find<'a>(tags: &'a [Tag], name: &str) -> Option<&'a Tag> {
    tags.iter().find(|t| t.tag.eq_ignore_ascii_case(name))
}

/// True when a tag holds a secret (a root or panel password) that must not
/// be shown among a server's tags.
pub fn is_secret(tag: &Tag) -> bool {
    is_secret_name(&tag.tag)
}

/// True for tag names that hold secrets (`password`, `root_pass`, `secret`).
pub fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.contains("pass") || name.contains("secret")
}

impl std::fmt::Debug for Tag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("Tag");
        s.field("id", &self.id)
            .field("component", &self.component)
            .field("component_id", &self.component_id)
            .field("tag", &self.tag);
        if is_secret(self) {
            s.field("value", &"***");
        } else {
            s.field("value", &self.value);
        }
        s.field("extra", &self.extra)
            .field("internal", &self.internal)
            .finish()
    }
}
