//! HOSTKEY DNS beyond the zone list: the records of a zone (listed, added,
//! changed or renamed, deleted), the account's domains, and the subdomains
//! of one server (listed, added, removed, moved to the server).

use super::{checked, numeric_id, optional, required};
use crate::components::collection::{Added, Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::{Callable, Callback};
use providers::hostkey::{DnsRecord, Domain, Rrset, Soa, Zone};
use providers::ProviderError;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::rc::Rc;

/// The record types the forms offer.
const RECORD_TYPES: [&str; 7] = ["A", "AAAA", "CNAME", "MX", "NS", "TXT", "CAA"];

/// The largest TTL DNS allows (RFC 2181: 2^31 − 1 seconds).
const MAX_TTL: u32 = 2_147_483_647;

/// The word that confirms deleting a record.
const CONFIRM: &str = "delete";

/// The record types as select choices.
fn type_choices() -> Vec<(String, String)> {
    RECORD_TYPES
        .iter()
        .map(|t| (t.to_string(), t.to_string()))
        .collect()
}

/// True for one DNS label: 1–63 letters, digits, `-` or `_`, not starting
/// or ending with `-` (`*` alone is allowed as a wildcard when `wildcard`).
fn label_ok(label: &str, wildcard: bool) -> bool {
    (wildcard && label == "*")
        || (!label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
}

/// True for a host name (`example.com`, with or without the final dot).
fn host_ok(name: &str) -> bool {
    let bare = name.strip_suffix('.').unwrap_or(name);
    !bare.is_empty() && bare.len() <= 253 && bare.split('.').all(|l| label_ok(l, false))
}

/// A zone name from field `id`, lower-case and without the final dot.
fn zone_field(values: &Values, errors: &mut Errors, id: &'static str) -> String {
    let zone = required(values, errors, id, "The zone is required.");
    if !zone.is_empty() && !host_ok(&zone) {
        errors.insert(
            id,
            format!("“{zone}” is not a domain name (letters, digits and “-” between dots)."),
        );
    }
    zone.trim_end_matches('.').to_ascii_lowercase()
}

/// A record name inside `zone` from field `id`: `@` (the zone itself), a
/// name relative to the zone (`www`), or a full name ending in the zone.
fn record_name(values: &Values, errors: &mut Errors, id: &'static str, zone: &str) -> String {
    let name = required(
        values,
        errors,
        id,
        "The name is required (“@” for the zone itself).",
    );
    if name.is_empty() || name == "@" {
        return name;
    }
    let bare = name.strip_suffix('.').unwrap_or(&name).to_ascii_lowercase();
    let labels_ok = bare
        .split('.')
        .enumerate()
        .all(|(i, l)| label_ok(l, i == 0));
    if !labels_ok || bare.len() > 253 {
        errors.insert(
            id,
            format!("“{name}” is not a record name: use letters, digits, “-” or “_” between dots (“*” first for a wildcard)."),
        );
    } else if name.ends_with('.')
        && !zone.is_empty()
        && bare != zone
        && !bare.ends_with(&format!(".{zone}"))
    {
        errors.insert(
            id,
            format!("“{name}” is not inside the zone {zone}: write it without the final dot (“www”) or end it with “.{zone}.”."),
        );
    }
    name
}

/// The record type from field `id`.
fn record_type(values: &Values, errors: &mut Errors, id: &'static str) -> String {
    let kind = required(values, errors, id, "Choose the record type.").to_ascii_uppercase();
    if !kind.is_empty() && !RECORD_TYPES.contains(&kind.as_str()) {
        errors.insert(
            id,
            format!("The type must be one of {}.", RECORD_TYPES.join(", ")),
        );
    }
    kind
}

/// The problem with `content` for a record of type `kind`, if any.
fn content_problem(kind: &str, content: &str) -> Option<String> {
    let tokens: Vec<&str> = content.split_whitespace().collect();
    match kind {
        "A" => tokens
            .iter()
            .find(|t| t.parse::<Ipv4Addr>().is_err())
            .map(|t| format!("“{t}” is not an IPv4 address (several are separated by spaces).")),
        "AAAA" => tokens
            .iter()
            .find(|t| t.parse::<Ipv6Addr>().is_err())
            .map(|t| format!("“{t}” is not an IPv6 address (several are separated by spaces).")),
        "CNAME" => match tokens.as_slice() {
            [one] if host_ok(one) => None,
            [one] => Some(format!("“{one}” is not a host name.")),
            _ => Some("A CNAME record points at exactly one host name.".into()),
        },
        "NS" => tokens
            .iter()
            .find(|t| !host_ok(t))
            .map(|t| format!("“{t}” is not a host name.")),
        "MX" => {
            let pairs = tokens.chunks(2);
            let bad = pairs.into_iter().any(|pair| match pair {
                [priority, host] => priority.parse::<u16>().is_err() || !host_ok(host),
                _ => true,
            });
            bad.then(|| {
                "Write MX records as “priority host” pairs, such as “10 mail.example.com.”.".into()
            })
        }
        "CAA" => match tokens.as_slice() {
            [flags, tag, value, ..]
                if flags.parse::<u8>().is_ok()
                    && !tag.is_empty()
                    && tag.bytes().all(|b| b.is_ascii_alphanumeric())
                    && !value.is_empty() =>
            {
                None
            }
            _ => Some(
                "Write a CAA record as “flags tag value”, such as “0 issue \"letsencrypt.org\"”."
                    .into(),
            ),
        },
        _ => None,
    }
}

/// The zone called `name`, read with its records.
async fn read_zone(session: &AppSession, name: &str) -> Result<Zone, ProviderError> {
    let zones = session.hostkey(|a| a.view_zone(name)).await?;
    zones
        .into_iter()
        .next()
        .ok_or_else(|| ProviderError::Provider {
            status: 200,
            message: format!("HOSTKEY returned no zone called {name}"),
        })
}

/// `name` relative to `zone` (`www`, or `@` for the zone itself).
fn relative(name: &str, zone: &str) -> String {
    let full = name.trim_end_matches('.');
    let zone = zone.trim_end_matches('.');
    if full.eq_ignore_ascii_case(zone) {
        "@".into()
    } else {
        full.strip_suffix(&format!(".{zone}"))
            .unwrap_or(full)
            .to_string()
    }
}

/// The record sets of `zone` as aligned lines, or a note when there are none.
fn record_lines(zone: &Zone, sets: &[&Rrset]) -> String {
    let rows: Vec<[String; 4]> = sets
        .iter()
        .flat_map(|set| {
            let name = relative(&set.name, &zone.name);
            let ttl = set.ttl.map(|t| t.to_string()).unwrap_or_default();
            set.records.iter().map(move |r| {
                [
                    name.clone(),
                    set.kind.clone(),
                    ttl.clone(),
                    if r.disabled {
                        format!("{} (disabled)", r.content)
                    } else {
                        r.content.clone()
                    },
                ]
            })
        })
        .collect();
    if rows.is_empty() {
        return "(no records)".into();
    }
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .max()
            .unwrap_or(0)
            .max(["Name", "Type", "TTL"][i].len())
    };
    let (w0, w1, w2) = (width(0), width(1), width(2));
    let mut lines = vec![format!(
        "{:w0$}  {:w1$}  {:w2$}  Content",
        "Name", "Type", "TTL"
    )];
    lines.extend(
        rows.iter()
            .map(|[n, t, ttl, c]| format!("{n:w0$}  {t:w1$}  {ttl:w2$}  {c}")),
    );
    lines.join("\n")
}

/// The SOA values a change of `zone` sends: the zone's own, read from its
/// SOA record, or HOSTKEY's defaults when it has none.
fn zone_soa(zone: &Zone) -> Soa {
    let bare = zone.name.trim_end_matches('.');
    let serial = zone.serial.and_then(|s| u64::try_from(s).ok()).unwrap_or(0);
    let fallback = Soa::new("ns1.hostkey.com", &format!("hostmaster.{bare}"), serial);
    let Some(text) = zone
        .rrsets
        .iter()
        .find(|r| r.kind == "SOA")
        .and_then(|r| r.records.first())
        .map(|r| r.content.clone())
    else {
        return fallback;
    };
    let parts: Vec<&str> = text.split_whitespace().collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    match parts.as_slice() {
        [mname, rname, serial, ..] => Soa {
            mname: mname.to_string(),
            rname: rname.to_string(),
            serial: serial.parse().unwrap_or(fallback.serial),
            refresh: number(3).unwrap_or(fallback.refresh),
            retry: number(4).unwrap_or(fallback.retry),
            expire: number(5).unwrap_or(fallback.expire),
            minimum: number(6).unwrap_or(fallback.minimum),
            ttl: fallback.ttl,
        },
        _ => fallback,
    }
}

/// The records of one zone.
pub struct ZoneRecords;

impl Tool for ZoneRecords {
    type Input = String;
    const TITLE: &'static str = "Records of a zone";
    const ID: &'static str = "hostkey-zone-records";
    const SUBMIT: &'static str = "Show the records";
    const RUNNING: &'static str = "Reading the zone";

    fn about() -> Option<&'static str> {
        Some("Names are shown relative to the zone (“@” is the zone itself), as the forms below take them.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "dns-view-zone",
            "Zone",
            FieldKind::Text {
                placeholder: "example.com",
            },
        )
        .hint("One of the DNS zones listed above.")]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let zone = zone_field(values, &mut errors, "dns-view-zone");
        checked(errors, zone)
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        name: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let zone = read_zone(&session, &name).await?;
        let sets: Vec<&Rrset> = zone.rrsets.iter().collect();
        let serial = zone
            .serial
            .map(|s| format!(", serial {s}"))
            .unwrap_or_default();
        Ok(Ran {
            message: format!("{name}: {} record set(s){serial}.", sets.len()),
            output: Some(record_lines(&zone, &sets)),
            ..Ran::default()
        })
    }
}

/// A record to add, or to change (and rename) when `old_name` is set.
pub struct RecordChange {
    zone: String,
    name: String,
    old_name: Option<String>,
    kind: String,
    content: String,
    ttl: u32,
}

/// Adds a record to a zone, or changes or renames one.
pub struct EditRecord;

impl Tool for EditRecord {
    type Input = RecordChange;
    const TITLE: &'static str = "Add or change a record";
    const ID: &'static str = "hostkey-record-edit";
    const SUBMIT: &'static str = "Save the record";
    const RUNNING: &'static str = "Saving the record";

    fn about() -> Option<&'static str> {
        Some("Saving replaces every value of that name and type with the ones given here; the zone's serial goes up by one.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "dns-zone",
                "Zone",
                FieldKind::Text {
                    placeholder: "example.com",
                },
            ),
            Field::select(
                "dns-mode",
                "What to do",
                vec![
                    ("add".into(), "Add a record".into()),
                    ("change".into(), "Change or rename a record".into()),
                ],
            )
            .initial("add"),
            Field::new(
                "dns-old-name",
                "Current name",
                FieldKind::Text { placeholder: "www" },
            )
            .hint("The name the record has now; it is renamed to the name below.")
            .shown_when(|v| v.get("dns-mode").map(String::as_str) == Some("change")),
            Field::new("dns-name", "Name", FieldKind::Text { placeholder: "www" })
                .hint("Relative to the zone; “@” is the zone itself."),
            Field::select("dns-type", "Type", type_choices()).initial("A"),
            Field::new(
                "dns-content",
                "Value",
                FieldKind::Text {
                    placeholder: "192.0.2.10",
                },
            )
            .hint("Several values are separated by spaces; an MX value is “priority host”."),
            Field::new("dns-ttl", "TTL (seconds)", FieldKind::Number).initial("3600"),
        ]
    }

    fn check(values: &Values) -> Result<RecordChange, Errors> {
        let mut errors = Errors::new();
        let zone = zone_field(values, &mut errors, "dns-zone");
        let changing = values.get("dns-mode").map(String::as_str) == Some("change");
        let old_name = changing.then(|| record_name(values, &mut errors, "dns-old-name", &zone));
        let name = record_name(values, &mut errors, "dns-name", &zone);
        let kind = record_type(values, &mut errors, "dns-type");
        let content = required(values, &mut errors, "dns-content", "The value is required.");
        if !content.is_empty() && !kind.is_empty() {
            if let Some(problem) = content_problem(&kind, &content) {
                errors.insert("dns-content", problem);
            }
        }
        let ttl_text = optional(values, "dns-ttl").unwrap_or_else(|| "3600".into());
        let ttl = match ttl_text.parse::<u32>() {
            Ok(t) if (1..=MAX_TTL).contains(&t) => t,
            _ => {
                errors.insert(
                    "dns-ttl",
                    format!("The TTL must be a whole number of seconds from 1 to {MAX_TTL} (got “{ttl_text}”)."),
                );
                0
            }
        };
        checked(
            errors,
            RecordChange {
                zone,
                name,
                old_name,
                kind,
                content,
                ttl,
            },
        )
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        change: RecordChange,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let zone = read_zone(&session, &change.zone).await?;
        progress.run("Sending the record to HOSTKEY…".into());
        let record = DnsRecord {
            zone: change.zone.clone(),
            name: Some(change.name.clone()),
            old_name: change.old_name.clone(),
            record_type: change.kind.clone(),
            content: change.content.clone(),
            ttl: Some(change.ttl),
            increase_soa_serial: Some(true),
            soa: zone_soa(&zone),
            srv: None,
            masters: None,
            dns: None,
            nameservers: Vec::new(),
        };
        session.hostkey(|a| a.add_dns(&record)).await?;
        let after = read_zone(&session, &change.zone).await?;
        let wanted = |set: &&Rrset| {
            set.kind == change.kind
                && relative(&set.name, &after.name)
                    .eq_ignore_ascii_case(&relative(change.name.trim_end_matches('.'), &after.name))
        };
        let sets: Vec<&Rrset> = after.rrsets.iter().filter(wanted).collect();
        let what = match &change.old_name {
            Some(old) if !old.eq_ignore_ascii_case(&change.name) => {
                format!("Record {old} {} renamed to {}", change.kind, change.name)
            }
            Some(_) => format!("Record {} {} changed", change.name, change.kind),
            None => format!("Record {} {} saved", change.name, change.kind),
        };
        Ok(Ran {
            message: format!("{what} in {}.", change.zone),
            output: Some(record_lines(&after, &sets)),
            ..Ran::default()
        })
    }
}

/// A record set to delete.
pub struct RecordToDelete {
    zone: String,
    name: String,
    kind: String,
}

/// Deletes the records of one name and type.
pub struct DeleteRecord;

impl Tool for DeleteRecord {
    type Input = RecordToDelete;
    const TITLE: &'static str = "Delete a record";
    const ID: &'static str = "hostkey-record-delete";
    const SUBMIT: &'static str = "Delete the record";
    const RUNNING: &'static str = "Deleting the record";

    fn about() -> Option<&'static str> {
        Some("Every value of that name and type goes; this cannot be undone.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "dns-del-zone",
                "Zone",
                FieldKind::Text {
                    placeholder: "example.com",
                },
            ),
            Field::new(
                "dns-del-name",
                "Name",
                FieldKind::Text { placeholder: "www" },
            )
            .hint("Relative to the zone; “@” is the zone itself."),
            Field::select("dns-del-type", "Type", type_choices()),
            Field::new(
                "dns-del-confirm",
                "Type “delete” to confirm",
                FieldKind::Text {
                    placeholder: CONFIRM,
                },
            ),
        ]
    }

    fn check(values: &Values) -> Result<RecordToDelete, Errors> {
        let mut errors = Errors::new();
        let zone = zone_field(values, &mut errors, "dns-del-zone");
        let name = record_name(values, &mut errors, "dns-del-name", &zone);
        let kind = record_type(values, &mut errors, "dns-del-type");
        if values.get("dns-del-confirm").map(|v| v.trim()) != Some(CONFIRM) {
            errors.insert(
                "dns-del-confirm",
                "Type “delete” to confirm: nothing is deleted without it.".into(),
            );
        }
        checked(errors, RecordToDelete { zone, name, kind })
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        gone: RecordToDelete,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        session
            .hostkey(|a| a.delete_dns(&gone.zone, &gone.name, &gone.kind))
            .await?;
        Ok(Ran {
            message: format!(
                "Deleted the {} records of {} in {}.",
                gone.kind, gone.name, gone.zone
            ),
            ..Ran::default()
        })
    }
}

/// The account's domains (each with its zone).
pub struct Domains;

impl Collection for Domains {
    type New = String;
    const TITLE: &'static str = "Domains";
    const ID: &'static str = "hostkey-domains";
    const NOUN: &'static str = "domain";
    const COLUMNS: &'static [&'static str] = &["Domain", "Id"];
    const REMOVABLE: bool = true;

    fn about() -> Option<&'static str> {
        Some("Adding a domain also creates its DNS zone; removing one removes its zone and its subdomains too.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let domains = session.hostkey(|a| a.list_domains()).await?;
        Ok(domains
            .into_iter()
            .map(|d| Item {
                key: d.id.clone(),
                cells: vec![d.name.clone(), d.id],
                name: d.name,
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "domain-name",
            "Domain",
            FieldKind::Text {
                placeholder: "example.com",
            },
        )]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let name = required(
            values,
            &mut errors,
            "domain-name",
            "The domain is required.",
        );
        if !name.is_empty() && (!host_ok(&name) || !name.trim_end_matches('.').contains('.')) {
            errors.insert(
                "domain-name",
                format!("“{name}” is not a domain name such as example.com."),
            );
        }
        checked(errors, name.trim_end_matches('.').to_ascii_lowercase())
    }

    async fn add(session: Rc<AppSession>, _: Scope, name: String) -> Result<Added, ProviderError> {
        session.hostkey(|a| a.add_domain(&name)).await?;
        Ok(Added {
            message: format!("Domain {name} added, with its zone."),
            secret: None,
        })
    }

    async fn remove(session: Rc<AppSession>, _: Scope, key: String) -> Result<(), ProviderError> {
        // HOSTKEY's delete_domain names a server of the account as well.
        let info = session.hostkey(|a| a.info()).await?;
        let server = info.servers.first().cloned().ok_or_else(|| {
            ProviderError::validation(
                "server_id",
                "HOSTKEY deletes a domain only for an account with a server, and this account has none",
            )
        })?;
        session.hostkey(|a| a.delete_domain(&server, &key)).await?;
        Ok(())
    }
}

/// A subdomain to add to a server.
pub struct NewSubdomain {
    domain: String,
    name: String,
}

/// The domain `wanted` names (by name or id) among `domains`.
fn find_domain<'a>(domains: &'a [Domain], wanted: &str) -> Option<&'a Domain> {
    let wanted = wanted.trim_end_matches('.');
    domains
        .iter()
        .find(|d| d.id == wanted || d.name.trim_end_matches('.').eq_ignore_ascii_case(wanted))
}

/// The subdomains pointing at this server.
pub struct Subdomains;

impl Collection for Subdomains {
    type New = NewSubdomain;
    const TITLE: &'static str = "Subdomains";
    const ID: &'static str = "hostkey-subdomains";
    const NOUN: &'static str = "subdomain";
    const COLUMNS: &'static [&'static str] = &["Subdomain", "Id"];
    const REMOVABLE: bool = true;

    fn about() -> Option<&'static str> {
        Some("Names under the account's domains that belong to this server.")
    }

    async fn load(session: Rc<AppSession>, scope: Scope) -> Result<Vec<Item>, ProviderError> {
        let server = scope.server()?;
        let subdomains = session.hostkey(|a| a.list_subdomains(server)).await?;
        let domains = if subdomains.is_empty() {
            Vec::new()
        } else {
            session.hostkey(|a| a.list_domains()).await?
        };
        Ok(subdomains
            .into_iter()
            .map(|s| {
                let full = match domains.iter().find(|d| d.id == s.domain_id) {
                    Some(d) => format!("{}.{}", s.name, d.name.trim_end_matches('.')),
                    None => format!("{} (domain {})", s.name, s.domain_id),
                };
                Item {
                    key: s.id.clone(),
                    cells: vec![full.clone(), s.id],
                    name: full,
                }
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new("sub-name", "Name", FieldKind::Text { placeholder: "www" })
                .hint("The part before the domain."),
            Field::new(
                "sub-domain",
                "Domain",
                FieldKind::Text {
                    placeholder: "example.com",
                },
            )
            .hint("One of the account's domains (on the “Keys, tokens and more” page)."),
        ]
    }

    fn check(values: &Values) -> Result<NewSubdomain, Errors> {
        let mut errors = Errors::new();
        let name = required(values, &mut errors, "sub-name", "The name is required.")
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if !name.is_empty() && !name.split('.').all(|l| label_ok(l, false)) {
            errors.insert(
                "sub-name",
                format!("“{name}” is not a subdomain name: letters, digits, “-” or “_”, dots between parts."),
            );
        }
        let domain = required(values, &mut errors, "sub-domain", "The domain is required.");
        if !domain.is_empty() && !domain.bytes().all(|b| b.is_ascii_digit()) && !host_ok(&domain) {
            errors.insert(
                "sub-domain",
                format!("“{domain}” is not a domain name such as example.com."),
            );
        }
        checked(errors, NewSubdomain { domain, name })
    }

    async fn add(
        session: Rc<AppSession>,
        scope: Scope,
        new: NewSubdomain,
    ) -> Result<Added, ProviderError> {
        let server = scope.server()?;
        let domains = session.hostkey(|a| a.list_domains()).await?;
        let domain = find_domain(&domains, &new.domain).ok_or_else(|| {
            ProviderError::validation(
                "domain",
                format!("{} is not one of this account's domains", new.domain),
            )
        })?;
        session
            .hostkey(|a| a.add_subdomain(server, &domain.id, &new.name))
            .await?;
        Ok(Added {
            message: format!(
                "Subdomain {}.{} added to this server.",
                new.name,
                domain.name.trim_end_matches('.')
            ),
            secret: None,
        })
    }

    async fn remove(
        session: Rc<AppSession>,
        scope: Scope,
        key: String,
    ) -> Result<(), ProviderError> {
        let server = scope.server()?;
        session
            .hostkey(|a| a.delete_subdomain(server, &key))
            .await?;
        Ok(())
    }
}

/// Attaches a subdomain (of another of the account's servers) to this one.
pub struct MoveSubdomain;

impl Tool for MoveSubdomain {
    type Input = String;
    const TITLE: &'static str = "Move a subdomain to this server";
    const ID: &'static str = "hostkey-subdomain-move";
    const SUBMIT: &'static str = "Move it here";
    const RUNNING: &'static str = "Moving the subdomain";

    fn about() -> Option<&'static str> {
        Some("HOSTKEY's edit call takes only a subdomain and a server: it attaches the subdomain to this server. Its name stays the same.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::new("sub-move-id", "Subdomain id", FieldKind::Number)
            .hint("The id column of the subdomains on the other server's page.")]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        numeric_id(values, "sub-move-id", "The subdomain id")
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        id: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        session.hostkey(|a| a.edit_subdomain(server, &id)).await?;
        Ok(Ran {
            message: format!(
                "Subdomain {id} now belongs to server {server}; reload the subdomains to see it."
            ),
            ..Ran::default()
        })
    }
}
