//! CyberPanel Cloud: the account's summary, the service's health, the key in
//! use and its scopes, locations and API keys (listed;
//! CyberPanel documents no call to create or revoke a key); a server's
//! snapshots (listed and taken; none to delete) and console link.

use super::{checked, details, optional, required, when};
use crate::components::collection::{Added, Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::cyberpanel::{self, usd, NewSnapshot, Page};
use providers::ProviderError;
use std::rc::Rc;

/// The account's API keys, with their scopes and last use.
pub struct ApiKeys;

impl Collection for ApiKeys {
    type New = ();
    const TITLE: &'static str = "API keys";
    const ID: &'static str = "cyberpanel-api-keys";
    const NOUN: &'static str = "API key";
    const COLUMNS: &'static [&'static str] =
        &["Name", "Key", "Scopes", "State", "Requests", "Last used"];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("Keys are created and revoked in CyberPanel's own settings; CyberPanel's API only lists them.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let list = session
            .cyberpanel(|a| Ok(a.api_keys()))
            .await?
            .data
            .api_keys;
        Ok(list
            .into_iter()
            .map(|k| {
                let state = match (k.is_active, &k.expires_at) {
                    (false, _) => "revoked".to_string(),
                    (true, Some(at)) => format!("active until {}", when(Some(at))),
                    (true, None) => "active".to_string(),
                };
                let used = match (&k.last_used_at, &k.last_used_ip) {
                    (Some(at), Some(ip)) => format!("{} from {ip}", when(Some(at))),
                    (at, _) => when(at.as_deref()),
                };
                Item {
                    key: k.id.to_string(),
                    cells: vec![
                        k.id.to_string(),
                        k.name.clone(),
                        k.key_prefix
                            .clone()
                            .map(|p| format!("{p}…"))
                            .unwrap_or_default(),
                        k.scopes.join(", "),
                        state,
                        k.request_count.map(|n| n.to_string()).unwrap_or_default(),
                        used,
                    ],
                    name: k.name,
                }
            })
            .collect())
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// A server's snapshots.
pub struct Snapshots;

impl Collection for Snapshots {
    type New = NewSnapshot;
    const TITLE: &'static str = "Snapshots";
    const ID: &'static str = "cyberpanel-snapshots";
    const NOUN: &'static str = "snapshot";
    const COLUMNS: &'static [&'static str] = &["Name", "Description", "Taken", "With memory"];
    const REMOVABLE: bool = false;

    async fn load(session: Rc<AppSession>, scope: Scope) -> Result<Vec<Item>, ProviderError> {
        let id = vps_id(&scope)?;
        let list = session
            .cyberpanel(|a| Ok(a.snapshots(id)))
            .await?
            .data
            .snapshots;
        Ok(list
            .into_iter()
            .map(|s| Item {
                key: s.name.clone(),
                cells: vec![
                    s.name.clone(),
                    s.description.clone().unwrap_or_default(),
                    when(s.created_at.as_deref()),
                    if s.vmstate { "yes" } else { "no" }.into(),
                ],
                name: s.name,
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "snapshot-name",
                "Name",
                FieldKind::Text {
                    placeholder: "before_upgrade",
                },
            )
            .hint("Letters, digits and underscores."),
            Field::new(
                "snapshot-description",
                "Description (optional)",
                FieldKind::Text {
                    placeholder: "Before the PHP upgrade",
                },
            ),
        ]
    }

    fn check(values: &Values) -> Result<NewSnapshot, Errors> {
        let mut errors = Errors::new();
        let name = required(
            values,
            &mut errors,
            "snapshot-name",
            "The snapshot name is required.",
        );
        if let Some(bad) = name
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
        {
            errors.insert(
                "snapshot-name",
                format!("The snapshot name may contain only letters, digits and underscores, not “{bad}”."),
            );
        }
        checked(
            errors,
            NewSnapshot {
                name,
                description: optional(values, "snapshot-description"),
                include_ram: false,
            },
        )
    }

    async fn add(
        session: Rc<AppSession>,
        scope: Scope,
        new: NewSnapshot,
    ) -> Result<Added, ProviderError> {
        let id = vps_id(&scope)?;
        let made = session.cyberpanel(|a| a.create_snapshot(id, &new)).await?;
        Ok(Added {
            message: format!("Snapshot “{}” taken.", made.data.snapshot.name),
            secret: None,
        })
    }
}

fn vps_id(scope: &Scope) -> Result<u64, ProviderError> {
    let id = scope.server()?;
    id.parse().map_err(|_| {
        ProviderError::validation("server", format!("`{id}` is not a CyberPanel VPS id"))
    })
}

/// The account at a glance: servers by state and location, the monthly cost.
pub struct Summary;

impl Collection for Summary {
    type New = ();
    const TITLE: &'static str = "Summary";
    const ID: &'static str = "cyberpanel-summary";
    const NOUN: &'static str = "figure";
    const COLUMNS: &'static [&'static str] = &["", ""];
    const REMOVABLE: bool = false;

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let s = session.cyberpanel(|a| Ok(a.summary())).await?.data;
        let count = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
        let mut rows = vec![
            ("Servers", count(s.total_instances)),
            ("Running", count(s.running)),
            ("Stopped", count(s.stopped)),
            ("Suspended", count(s.suspended)),
            (
                "Monthly cost of running servers",
                s.total_monthly_cost
                    .map(|c| usd(c).to_string())
                    .unwrap_or_else(|| "—".into()),
            ),
        ];
        let places: Vec<String> = s
            .locations
            .iter()
            .map(|(code, n)| format!("{code}: {n}"))
            .collect();
        rows.push(("By location", places.join(", ")));
        Ok(details(rows))
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// Whether the API is up, and which key the panel calls it with.
pub struct Service;

impl Collection for Service {
    type New = ();
    const TITLE: &'static str = "Service and key";
    const ID: &'static str = "cyberpanel-service";
    const NOUN: &'static str = "detail";
    const COLUMNS: &'static [&'static str] = &["", ""];
    const REMOVABLE: bool = false;

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let health = session.cyberpanel(|a| Ok(a.health())).await?.data;
        let key = session.cyberpanel(|a| Ok(a.test())).await?.data;
        let api = [Some(health.status), health.service, health.version]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · ");
        let mut rows = vec![
            ("API", api),
            ("Key", key.key_name),
            ("Account", key.user_email),
        ];
        rows.extend(
            [
                ("Key prefix", key.key_prefix.map(|p| format!("{p}…"))),
                (
                    "Requests made with it",
                    key.request_count.map(|n| n.to_string()),
                ),
                ("Calling from", key.ip_address),
            ]
            .into_iter()
            .filter_map(|(k, v)| Some((k, v?))),
        );
        Ok(details(rows))
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// Every permission a CyberPanel key can carry, and whether this one does.
pub struct Scopes;

impl Collection for Scopes {
    type New = ();
    const TITLE: &'static str = "What this key may do";
    const ID: &'static str = "cyberpanel-scopes";
    const NOUN: &'static str = "scope";
    const COLUMNS: &'static [&'static str] = &["Scope", "Allows", "This key"];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("A panel feature that needs a scope this key lacks says so when used; CyberPanel's own panel issues keys with more scopes.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let all = session.cyberpanel(|a| Ok(a.scopes())).await?.data.scopes;
        let granted = session.cyberpanel(|a| Ok(a.test())).await?.data.scopes;
        Ok(all
            .into_iter()
            .map(|s| Item {
                key: s.scope.clone(),
                cells: vec![
                    s.scope.clone(),
                    s.description.unwrap_or_default(),
                    match s.scope.parse::<cyberpanel::Scope>() {
                        Ok(scope) if scope.granted_by(&granted) => "granted",
                        _ => "—",
                    }
                    .into(),
                ],
                name: s.scope,
            })
            .collect())
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// Where servers can be deployed, and how many addresses are free there.
pub struct Locations;

impl Collection for Locations {
    type New = ();
    const TITLE: &'static str = "Locations";
    const ID: &'static str = "cyberpanel-locations";
    const NOUN: &'static str = "location";
    const COLUMNS: &'static [&'static str] =
        &["Location", "Code", "Country", "Free addresses", "Open"];
    const REMOVABLE: bool = false;

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let list = session
            .cyberpanel(|a| Ok(a.locations()))
            .await?
            .data
            .locations;
        Ok(list
            .into_iter()
            .map(|l| Item {
                key: l.code.clone(),
                cells: vec![
                    l.name.clone(),
                    l.code.clone(),
                    l.country.clone().unwrap_or_default(),
                    l.available_ips
                        .map(|n| n.to_string())
                        .unwrap_or_else(|| "—".into()),
                    if l.is_available { "yes" } else { "no" }.into(),
                ],
                name: l.name,
            })
            .collect())
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// The server's console in the browser (noVNC), by a link that soon expires.
pub struct Console;

impl Tool for Console {
    type Input = ();
    const TITLE: &'static str = "Console";
    const ID: &'static str = "cyberpanel-console";
    const SUBMIT: &'static str = "Open a console link";
    const RUNNING: &'static str = "Asking CyberPanel for a console link";

    fn about() -> Option<&'static str> {
        Some("The link opens the server's screen in your browser; CyberPanel makes it valid for a few minutes.")
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        _: (),
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let id = vps_id(&scope)?;
        let console = session.cyberpanel(|a| Ok(a.console(id))).await?.data;
        let expiry = console
            .expires_in_seconds
            .map(|s| format!(" It stops working in {} minutes.", s.div_ceil(60)))
            .unwrap_or_default();
        Ok(Ran {
            message: format!(
                "A {} console link is ready.{expiry}",
                console.kind.unwrap_or_else(|| "web".into())
            ),
            output: None,
            link: Some(("Open the console".into(), console.console_url)),
            qr: None,
        })
    }
}

/// The latest requests made with one API key.
pub struct KeyUsage;

impl Tool for KeyUsage {
    type Input = u64;
    const TITLE: &'static str = "Recent use of a key";
    const ID: &'static str = "cyberpanel-key-usage";
    const SUBMIT: &'static str = "Show";
    const RUNNING: &'static str = "Reading the key's usage log";

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "usage-key",
            "Key id (first column above)",
            FieldKind::Number,
        )]
    }

    fn check(values: &Values) -> Result<u64, Errors> {
        let text = values
            .get("usage-key")
            .map(|v| v.trim().to_string())
            .unwrap_or_default();
        text.parse::<u64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| {
                Errors::from([(
                    "usage-key",
                    format!("The key id must be a number from the list above (got “{text}”)."),
                )])
            })
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        id: u64,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let usage = session
            .cyberpanel(|a| a.key_usage(id, Page::new(20, 0)))
            .await?
            .data;
        let lines: Vec<String> = usage
            .usage_logs
            .iter()
            .map(|l| {
                format!(
                    "{}  {:6} {}  → {}  {} ms  from {}",
                    when(l.created_at.as_deref()),
                    l.method,
                    l.endpoint,
                    l.response_status.map(|s| s.to_string()).unwrap_or_default(),
                    l.response_time_ms
                        .map(|t| t.to_string())
                        .unwrap_or_default(),
                    l.ip_address.clone().unwrap_or_default()
                )
            })
            .collect();
        Ok(Ran {
            message: format!(
                "{}: the latest {} of {} requests.",
                usage.key_name.unwrap_or_else(|| format!("key {id}")),
                lines.len(),
                usage.pagination.total.unwrap_or(lines.len() as u64)
            ),
            output: Some(lines.join("\n")),
            link: None,
            qr: None,
        })
    }
}
