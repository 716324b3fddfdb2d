//! Reply shapes shared by many HOSTKEY calls: a plain acknowledgement, an
//! accepted async call with its callback key, the `module`/`data` envelope of
//! api_keys and pdns, and binary documents.

use super::lenient::opt_any_text;
use crate::driver::Operation;
use serde::{Deserialize, Serialize};

/// A success with nothing more than an optional message
/// (`{"result":"OK"}`, `{"result":"OK","message":"176.222.34.23 set as main address"}`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Done {
    /// `result` as sent (`OK`, `success`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub result: Option<String>,
    /// The message, when the call gives one (lists and objects as JSON text).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub message: Option<String>,
    /// Extra detail some calls add (whmcs/reset_password), as JSON text.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub debug: Option<String>,
}

/// An accepted asynchronous call: `{"result":"OK","action":"on","callback":"<key>"}`.
///
/// Poll the key with `eq_callback.php` (or `nat_callback.php` for NAT calls)
/// through [`Accepted::operation`] and the session's `progress`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    /// The action echoed back.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub action: Option<String>,
    /// The async key to poll.
    pub callback: String,
    /// The next reinstall step (eq/reinstall answers `create_pxe`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub stage: Option<String>,
    /// True for NAT calls, whose key is polled on `nat_callback.php`.
    #[serde(skip)]
    pub nat: bool,
}

impl Accepted {
    /// The operation to follow until the call has finished.
    pub fn operation(&self) -> Operation {
        Operation::Hostkey {
            key: self.callback.clone(),
            nat: self.nat,
        }
    }
}

/// The envelope of api_keys and pdns answers:
/// `{"result":"OK","module":"pdns","action":"list_domains","data":…}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleReply<T> {
    /// The module (`api_keys`, `pdns`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub module: Option<String>,
    /// The action echoed back (pdns echoes some wrongly, e.g. `view_zone` for add_zone).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub action: Option<String>,
    /// The payload.
    pub data: T,
}

/// A binary answer: a PDF invoice or a traffic-graph image.
#[derive(Clone, PartialEq, Eq)]
pub struct Document {
    /// The bytes as received.
    pub bytes: Vec<u8>,
    /// The content type HOSTKEY sent, or the expected one when it sent none.
    pub content_type: String,
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// The id of what a call created, changed or deleted (`{"id":506}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemId {
    /// The id.
    #[serde(deserialize_with = "crate::parse::string_lenient")]
    pub id: String,
}

/// The `data` of a `{"module":…,"data":…}` answer.
pub(crate) fn module_data<T: serde::de::DeserializeOwned + 'static>(
    call: crate::call::Call<ModuleReply<T>>,
) -> crate::call::Call<T> {
    call.map(|reply| reply.data)
}
