//! HOSTKEY: the account's API keys (the secret of a new one shown once, the
//! history of each) and DNS zones.

use super::{checked, optional, required};
use crate::components::collection::{Added, Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::hostkey::{NewApiKey, NewZone, NotifyMethod, Soa, ZoneKind};
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
        let text = values
            .get("history-key")
            .map(|v| v.trim().to_string())
            .unwrap_or_default();
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Errors::from([(
                "history-key",
                format!("The key id must be a number (got “{text}”)."),
            )]));
        }
        Ok(text)
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
