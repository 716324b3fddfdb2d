//! tags.php: the customer's own tags on a server, and search by tag.

use super::file::TAGS;
use super::lenient::{any_text, id_list, opt_any_text, TagValue};
use super::tag::Tag;
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use crate::parse::{bool_lenient, opt_string_lenient};
use serde::{Deserialize, Serialize};

impl Api {
    /// `tags/list`: every tag of a server.
    pub fn tags(&self, id: &str) -> Result<Call<Vec<Tag>>, ProviderError> {
        Ok(self.tag_form("list", id)?.json::<TagList>().map(|l| l.tags))
    }

    /// `tags/add`: sets a tag (adding it, or changing the value of an existing
    /// tag of that name while keeping its id).
    pub fn add_tag(
        &self,
        id: &str,
        tag: &str,
        value: &str,
        extra: Option<&str>,
    ) -> Result<Call<TagChange>, ProviderError> {
        let tag = validate::required("tag", tag)?;
        Ok(self
            .tag_form("add", id)?
            .field("tag", tag)
            .field("value", value)
            .opt("extra", extra)
            .json())
    }

    /// `tags/remove`: removes a tag by name.
    pub fn remove_tag(&self, id: &str, tag: &str) -> Result<Call<TagRemoved>, ProviderError> {
        let tag = validate::required("tag", tag)?;
        Ok(self.tag_form("remove", id)?.field("tag", tag).json())
    }

    /// `tags/user_search`: the servers with a tag name or value matching `pattern`.
    pub fn search_tags(&self, pattern: &str) -> Result<Call<Vec<String>>, ProviderError> {
        let pattern = validate::required("value", pattern)?;
        Ok(self
            .signed(TAGS, "user_search")?
            .field("value", pattern)
            .json::<SearchResult>()
            .map(|r| r.servers))
    }

    fn tag_form(&self, action: &str, id: &str) -> Result<super::form::Form, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(self.signed(TAGS, action)?.field("id", id).about(id))
    }
}

#[derive(Deserialize)]
struct TagList {
    #[serde(default)]
    tags: Vec<Tag>,
}

#[derive(Deserialize)]
struct SearchResult {
    #[serde(default, deserialize_with = "id_list")]
    servers: Vec<String>,
}

/// The answer to `tags/add`: the tag as stored, flat in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagChange {
    /// Tag id (kept when an existing tag changes).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// What it is attached to (`eq`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub component: Option<String>,
    /// The server.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub component_id: Option<String>,
    /// Tag name.
    #[serde(default, deserialize_with = "any_text")]
    pub tag: String,
    /// Value.
    #[serde(default)]
    pub value: TagValue,
    /// Extra value.
    #[serde(default, deserialize_with = "any_text")]
    pub extra: String,
    /// True for a system tag.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub internal: bool,
}

/// The answer to `tags/remove`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagRemoved {
    /// The removed tag's id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// Its name.
    #[serde(default, deserialize_with = "any_text")]
    pub tag: String,
    /// What it was attached to (`eq`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub component: Option<String>,
    /// The server.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub component_id: Option<String>,
}
