//! HOSTKEY: the account's API keys (the secret of a new one shown once, the
//! details, changes and history of each, and the keys of one server), DNS
//! zones, and the search of servers by tag.

use super::{checked, numeric_id, optional, required};
use crate::components::collection::{Added, Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::hostkey::{ApiKey, NewApiKey, NewZone, NotifyMethod, Soa, ZoneKind};
use providers::ProviderError;
use std::rc::Rc;

/// The account's API keys.
pub struct ApiKeys;

impl Collection for ApiKeys {
    type New = NewApiKey;
    const TITLE: &'static str = "API keys";
    const ID: &'static str = "hostkey-api-keys";
    const NOUN: &'static str = "API key";
    const COLUMNS: &'static [&'static str] =
        &["Id", "Name", "Key", "Server", "Allowed from", "State"];
    const REMOVABLE: bool = true;

    fn about() -> Option<&'static str> {
        Some("Removing the key this account signs in with signs the panel out of HOSTKEY.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let keys = session.hostkey(|a| a.api_keys()).await?;
        Ok(keys
            .into_iter()
            .map(|k| Item {
                key: k.id.clone(),
                cells: vec![
                    k.id.clone(),
                    k.name.clone(),
                    k.token_view
                        .clone()
                        .map(|t| format!("{t}…"))
                        .unwrap_or_default(),
                    match k.server_id.as_str() {
                        "" | "0" => "all servers".into(),
                        id => format!("server {id}"),
                    },
                    if k.ip.is_empty() {
                        "anywhere".into()
                    } else {
                        k.ip.clone()
                    },
                    if k.active { "active" } else { "off" }.into(),
                ],
                name: k.name,
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "api-key-name",
                "Name",
                FieldKind::Text {
                    placeholder: "monitoring",
                },
            ),
            Field::new(
                "api-key-ip",
                "Allowed from (optional)",
                FieldKind::Text {
                    placeholder: "203.0.113.0/24",
                },
            )
            .hint("An IP address or CIDR block; empty allows any address."),
        ]
    }

    fn check(values: &Values) -> Result<NewApiKey, Errors> {
        let mut errors = Errors::new();
        let name = required(values, &mut errors, "api-key-name", "The name is required.");
        let new = NewApiKey {
            name,
            server_id: None,
            ip: optional(values, "api-key-ip"),
            login_notify_method: NotifyMethod::None,
            login_notify_address: None,
            active: true,
        };
        if let (true, Err(ProviderError::Validation { field, reason })) =
            (errors.is_empty(), new.validate())
        {
            let id = if field == "ip" {
                "api-key-ip"
            } else {
                "api-key-name"
            };
            errors.insert(id, format!("{reason}."));
        }
        checked(errors, new)
    }

    async fn add(
        session: Rc<AppSession>,
        _: Scope,
        new: NewApiKey,
    ) -> Result<Added, ProviderError> {
        let key = session.hostkey(|a| a.add_api_key(&new)).await?;
        Ok(Added {
            message: format!("Created API key “{}”.", key.name),
            secret: key.api_key.map(|s| s.expose().to_string()),
        })
    }

    async fn remove(session: Rc<AppSession>, _: Scope, key: String) -> Result<(), ProviderError> {
        session.hostkey(|a| a.delete_api_key(&key)).await?;
        Ok(())
    }
}

/// The account's DNS zones.
pub struct Zones;

/// A SOA serial for today: `YYYYMMDD01`.
fn serial_today() -> u64 {
    let now = js_sys::Date::new_0();
    u64::from(now.get_utc_full_year()) * 1_000_000
        + u64::from(now.get_utc_month() + 1) * 10_000
        + u64::from(now.get_utc_date()) * 100
        + 1
}

impl Collection for Zones {
    type New = NewZone;
    const TITLE: &'static str = "DNS zones";
    const ID: &'static str = "hostkey-zones";
    const NOUN: &'static str = "DNS zone";
    const COLUMNS: &'static [&'static str] = &["Zone", "Kind", "Serial", "DNSSEC"];
    const REMOVABLE: bool = true;

    fn about() -> Option<&'static str> {
        Some("Zones served by HOSTKEY's name servers (ns1 and ns2.hostkey.com).")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let zones = session.hostkey(|a| a.list_zones()).await?;
        Ok(zones
            .into_iter()
            .map(|z| Item {
                key: z.name.clone(),
                cells: vec![
                    z.name.clone(),
                    z.kind.clone().unwrap_or_default(),
                    z.serial.map(|s| s.to_string()).unwrap_or_default(),
                    if z.dnssec { "on" } else { "off" }.into(),
                ],
                name: z.name,
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "zone-name",
            "Domain",
            FieldKind::Text {
                placeholder: "example.com",
            },
        )]
    }

    fn check(values: &Values) -> Result<NewZone, Errors> {
        let mut errors = Errors::new();
        let name = required(values, &mut errors, "zone-name", "The domain is required.");
        let new = NewZone {
            server_id: None,
            soa: Soa::new(
                NewZone::DEFAULT_NAMESERVERS[0],
                &format!("hostmaster.{}", name.trim_end_matches('.')),
                serial_today(),
            ),
            name,
            rrsets: true,
            dnssec: false,
            kind: ZoneKind::Master,
            masters: Vec::new(),
            nameservers: NewZone::DEFAULT_NAMESERVERS
                .iter()
                .map(|n| n.to_string())
                .collect(),
        };
        checked(errors, new)
    }

    async fn add(session: Rc<AppSession>, _: Scope, new: NewZone) -> Result<Added, ProviderError> {
        session.hostkey(|a| a.add_zone(&new)).await?;
        Ok(Added {
            message: format!("Zone {} created.", new.name),
            secret: None,
        })
    }

    async fn remove(session: Rc<AppSession>, _: Scope, key: String) -> Result<(), ProviderError> {
        session.hostkey(|a| a.delete_zone(&key)).await?;
        Ok(())
    }
}

/// What happened with one API key (sign-ins, changes).
pub struct KeyHistory;

impl Tool for KeyHistory {
    type Input = String;
    const TITLE: &'static str = "History of a key";
    const ID: &'static str = "hostkey-key-history";
    const SUBMIT: &'static str = "Show";
    const RUNNING: &'static str = "Reading the key's history";

    fn fields() -> Vec<Field> {
        vec![Field::new("history-key", "Key id", FieldKind::Number)
            .hint("The first column of the keys above.")]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        numeric_id(values, "history-key", "The key id")
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        id: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let events = session
            .hostkey(|a| a.api_key_history(&id, None, None))
            .await?;
        let lines: Vec<String> = events
            .iter()
            .map(|e| {
                let who = e
                    .login
                    .as_deref()
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default();
                format!("{}  {}{who}", e.date, e.message)
            })
            .collect();
        Ok(Ran {
            message: format!("Key {id}: {} event(s).", lines.len()),
            output: Some(if lines.is_empty() {
                "(nothing recorded)".into()
            } else {
                lines.join("\n")
            }),
            ..Ran::default()
        })
    }
}

/// A key id from field `id`, or the rule it breaks.
fn key_id(values: &Values, id: &'static str) -> Result<String, Errors> {
    numeric_id(values, id, "The key id")
}

/// Where a key may be used from, in words.
fn allowed_from(key: &ApiKey) -> String {
    if key.ip.trim().is_empty() {
        "anywhere".into()
    } else {
        key.ip.clone()
    }
}

/// What a key covers, in words.
fn covers(key: &ApiKey) -> String {
    key.server()
        .map(|id| format!("server {id}"))
        .unwrap_or_else(|| "the whole account".into())
}

/// The details of one API key.
pub struct KeyDetails;

impl Tool for KeyDetails {
    type Input = String;
    const TITLE: &'static str = "Details of a key";
    const ID: &'static str = "hostkey-key-details";
    const SUBMIT: &'static str = "Show";
    const RUNNING: &'static str = "Reading the key";

    fn fields() -> Vec<Field> {
        vec![Field::new("details-key", "Key id", FieldKind::Number)
            .hint("The first column of the keys above.")]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        key_id(values, "details-key")
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        id: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let key = session.hostkey(|a| a.api_key(&id)).await?;
        let notify = match (
            key.login_notify_method.as_deref().unwrap_or("none"),
            key.login_notify_address.as_deref(),
        ) {
            ("none", _) | ("", _) => "no".to_string(),
            (method, Some(address)) => format!("by {method} to {address}"),
            (method, None) => format!("by {method}"),
        };
        let lines = [
            ("Name", key.name.clone()),
            ("Covers", covers(&key)),
            ("Allowed from", allowed_from(&key)),
            ("State", if key.active { "active" } else { "off" }.into()),
            (
                "Starts with",
                key.token_view
                    .as_deref()
                    .map(|t| format!("{t}…"))
                    .unwrap_or_else(|| "—".into()),
            ),
            ("Sign-in notice", notify),
        ];
        Ok(Ran {
            message: format!(
                "Key {id}: “{}”, {}.",
                key.name,
                if key.active { "active" } else { "off" }
            ),
            output: Some(
                lines
                    .iter()
                    .map(|(label, value)| format!("{label:<14}{value}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ..Ran::default()
        })
    }
}

/// What to change about a key (`None`: keep).
pub struct KeyChange {
    id: String,
    name: Option<String>,
    ip: Option<String>,
    active: Option<bool>,
}

/// Renames a key, changes where it may be used from, or turns it on or off.
pub struct EditKey;

impl Tool for EditKey {
    type Input = KeyChange;
    const TITLE: &'static str = "Change a key";
    const ID: &'static str = "hostkey-key-edit";
    const SUBMIT: &'static str = "Save the changes";
    const RUNNING: &'static str = "Changing the key";

    fn about() -> Option<&'static str> {
        Some("Empty fields keep what the key has. Turning off the key this account signs in with signs the panel out of HOSTKEY.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new("edit-key", "Key id", FieldKind::Number)
                .hint("The first column of the keys above."),
            Field::new(
                "edit-key-name",
                "New name",
                FieldKind::Text {
                    placeholder: "monitoring",
                },
            ),
            Field::new(
                "edit-key-ip",
                "Allowed from",
                FieldKind::Text {
                    placeholder: "203.0.113.0/24",
                },
            )
            .hint("IP addresses or CIDR blocks, separated by commas or spaces."),
            Field::select(
                "edit-key-state",
                "State",
                vec![
                    ("keep".into(), "Keep as it is".into()),
                    ("on".into(), "Active".into()),
                    ("off".into(), "Off".into()),
                ],
            )
            .initial("keep"),
        ]
    }

    fn check(values: &Values) -> Result<KeyChange, Errors> {
        let id = key_id(values, "edit-key")?;
        let mut errors = Errors::new();
        let name = optional(values, "edit-key-name");
        if name.as_ref().is_some_and(|n| n.chars().count() > 64) {
            errors.insert(
                "edit-key-name",
                "The name must be at most 64 characters.".into(),
            );
        }
        let ip = optional(values, "edit-key-ip");
        if let Some(list) = &ip {
            let probe = NewApiKey {
                name: "probe".into(),
                server_id: None,
                ip: Some(list.clone()),
                login_notify_method: NotifyMethod::None,
                login_notify_address: None,
                active: true,
            };
            if let Err(ProviderError::Validation { reason, .. }) = probe.validate() {
                errors.insert("edit-key-ip", format!("{reason}."));
            }
        }
        let active = match values.get("edit-key-state").map(String::as_str) {
            Some("on") => Some(true),
            Some("off") => Some(false),
            _ => None,
        };
        if errors.is_empty() && name.is_none() && ip.is_none() && active.is_none() {
            errors.insert(
                "edit-key-name",
                "Nothing to change: give a new name, addresses or state.".into(),
            );
        }
        checked(
            errors,
            KeyChange {
                id,
                name,
                ip,
                active,
            },
        )
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        change: KeyChange,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let old = session.hostkey(|a| a.api_key(&change.id)).await?;
        let method = old
            .login_notify_method
            .as_deref()
            .filter(|m| !m.is_empty())
            .unwrap_or("none")
            .parse::<NotifyMethod>()?;
        let new = NewApiKey {
            name: change.name.clone().unwrap_or_else(|| old.name.clone()),
            server_id: old.server().map(str::to_string),
            ip: change
                .ip
                .clone()
                .or_else(|| Some(old.ip.clone()).filter(|ip| !ip.trim().is_empty())),
            login_notify_method: method,
            login_notify_address: old
                .login_notify_address
                .clone()
                .filter(|_| method != NotifyMethod::None),
            active: change.active.unwrap_or(old.active),
        };
        session
            .hostkey(|a| a.edit_api_key(&change.id, &new))
            .await?;
        let after = session.hostkey(|a| a.api_key(&change.id)).await?;
        Ok(Ran {
            message: format!(
                "Key {}: “{}”, allowed from {}, {}.",
                change.id,
                after.name,
                allowed_from(&after),
                if after.active { "active" } else { "off" }
            ),
            ..Ran::default()
        })
    }
}

/// The API keys issued for one server.
pub struct ServerKeys;

impl Collection for ServerKeys {
    type New = ();
    const TITLE: &'static str = "API keys for this server";
    const ID: &'static str = "hostkey-server-keys";
    const NOUN: &'static str = "API key for this server";
    const COLUMNS: &'static [&'static str] = &["Id", "Name", "Key", "Allowed from", "State"];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("Keys that reach only this server; they are added, changed and removed with the account's keys.")
    }

    async fn load(session: Rc<AppSession>, scope: Scope) -> Result<Vec<Item>, ProviderError> {
        let server = scope.server()?;
        let keys = session.hostkey(|a| a.api_keys_for_server(server)).await?;
        Ok(keys
            .into_iter()
            .map(|k| Item {
                key: k.id.clone(),
                cells: vec![
                    k.id.clone(),
                    k.name.clone(),
                    k.token_view
                        .clone()
                        .map(|t| format!("{t}…"))
                        .unwrap_or_default(),
                    allowed_from(&k),
                    if k.active { "active" } else { "off" }.into(),
                ],
                name: k.name,
            })
            .collect())
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// Finds the account's servers by a tag name or value.
pub struct TagSearch;

impl Tool for TagSearch {
    type Input = String;
    const TITLE: &'static str = "Find servers by tag";
    const ID: &'static str = "hostkey-tag-search";
    const SUBMIT: &'static str = "Find";
    const RUNNING: &'static str = "Searching the tags";

    fn about() -> Option<&'static str> {
        Some("Matches any part of a tag's name or value, upper or lower case alike.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "tag-search",
            "Tag name or value",
            FieldKind::Text { placeholder: "web" },
        )]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let pattern = required(
            values,
            &mut errors,
            "tag-search",
            "Type part of a tag's name or value.",
        );
        checked(errors, pattern)
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        pattern: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let servers = session.hostkey(|a| a.search_tags(&pattern)).await?;
        Ok(Ran {
            message: match servers.len() {
                0 => format!("No server has a tag matching “{pattern}”."),
                1 => format!("1 server has a tag matching “{pattern}”."),
                n => format!("{n} servers have a tag matching “{pattern}”."),
            },
            output: (!servers.is_empty()).then(|| {
                servers
                    .iter()
                    .map(|id| format!("Server {id}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            ..Ran::default()
        })
    }
}
