//! The form every HOSTKEY call is built with: `action` first, then the
//! parameters in the documented order, PHP bracket names for nested and list
//! parameters (`params[name]`, `dns[ttl]`, `invoices[]`, `masters[]`), sent as
//! an `application/x-www-form-urlencoded` POST to `<resource>.php` (or as a
//! query string for the GET-only `nat_callback.php`).

use super::envelope;
use super::reply::Document;
use crate::call::{Call, RequestBuilder};
use crate::{ApiRequest, Secret};
use http::Method;
use serde::de::DeserializeOwned;
use url::Url;

/// A HOSTKEY request being assembled.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    method: Method,
    base: Url,
    file: &'static str,
    pairs: Vec<(String, String)>,
    secret: Vec<&'static str>,
    server: Option<String>,
}

impl Form {
    /// A POST to `base/<file>` with `action=<action>` as its first field.
    pub(crate) fn new(base: &Url, file: &'static str, action: &str) -> Self {
        Self {
            method: Method::POST,
            base: base.clone(),
            file,
            pairs: vec![("action".into(), action.into())],
            secret: Vec::new(),
            server: None,
        }
    }

    /// Sends the fields as a query string with GET instead.
    pub(crate) fn get(mut self) -> Self {
        self.method = Method::GET;
        self
    }

    /// Adds `name=value`.
    pub(crate) fn field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.pairs.push((name.into(), value.into()));
        self
    }

    /// Adds `name=value` when a value is given.
    pub(crate) fn opt(self, name: impl Into<String>, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(v) => self.field(name, v),
            None => self,
        }
    }

    /// Adds a secret field (token, key, PIN, password), redacted in curl output.
    pub(crate) fn secret(mut self, name: &'static str, value: &Secret) -> Self {
        if !self.secret.contains(&name) {
            self.secret.push(name);
        }
        self.field(name, value.expose())
    }

    /// Adds a secret field when one is given.
    pub(crate) fn opt_secret(self, name: &'static str, value: Option<&Secret>) -> Self {
        match value {
            Some(v) => self.secret(name, v),
            None => self,
        }
    }

    /// Adds `params[name]=value` (the api_keys calls).
    pub(crate) fn param(self, name: &str, value: impl Into<String>) -> Self {
        self.nested("params", name, value)
    }

    /// Adds `params[name]=value` when a value is given.
    pub(crate) fn opt_param(self, name: &str, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(v) => self.param(name, v),
            None => self,
        }
    }

    /// Adds `parent[name]=value` (`dns[ttl]=3600`).
    pub(crate) fn nested(self, parent: &str, name: &str, value: impl Into<String>) -> Self {
        self.field(format!("{parent}[{name}]"), value)
    }

    /// Adds `name[]=value` once per value (`invoices[]`, `nameservers[]`).
    pub(crate) fn list<V: Into<String>>(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        for value in values {
            self = self.field(format!("{name}[]"), value);
        }
        self
    }

    /// Marks the request as being about `server`, so an ownership error names it.
    pub(crate) fn about(mut self, server: &str) -> Self {
        self.server = Some(server.to_string());
        self
    }

    /// Marks a field as secret without adding it (a field added with [`Form::field`]).
    pub(crate) fn redact(mut self, name: &'static str) -> Self {
        if !self.secret.contains(&name) {
            self.secret.push(name);
        }
        self
    }

    /// The request value.
    pub(crate) fn request(&self) -> ApiRequest {
        let pairs = self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        let builder = RequestBuilder::new(self.method.clone(), &self.base, &[self.file]);
        let builder = if self.method == Method::GET {
            pairs.fold(builder, |b, (k, v)| b.query(k, v))
        } else {
            builder.form(pairs)
        };
        builder.redact(&self.secret).build()
    }

    /// A call whose JSON answer is decoded into `T` after its envelope is checked.
    pub(crate) fn json<T: DeserializeOwned + 'static>(self) -> Call<T> {
        let request = self.request();
        let server = self.server;
        Call::new(request, move |response| {
            envelope::parse_json(response, server.as_deref())
        })
    }

    /// A call whose answer is a binary document (`what` names it in errors).
    pub(crate) fn document(self, what: &'static str, default_type: &'static str) -> Call<Document> {
        let request = self.request();
        let server = self.server;
        Call::new(request, move |response| {
            envelope::parse_document(response, what, default_type, server.as_deref())
        })
    }
}
