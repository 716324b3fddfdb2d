//! `pdns.php`: PowerDNS zones and record sets (list/view/add/delete zones,
//! add_dns upserts a record set, delete_dns removes one) and the domain and
//! subdomain bookkeeping tables. Answers use the `module` envelope and echo
//! the document's action names, including its slips (add_zone answers as
//! `view_zone`, add_dns as `delete_zone`, delete_subdomain as `delete_domain`).

use super::auth::{self, Auth};
use super::call::{ok, Call, Failure, Reply};
use super::dates;
use super::seed;
use super::state::{Domain, RrSet, State, Subdomain, Zone};
use super::validate;
use crate::Response;
use serde_json::{json, Value};
use std::net::{Ipv4Addr, Ipv6Addr};

/// `pdns.php`.
pub(super) fn handle(state: &mut State, call: &Call) -> Reply {
    let auth = auth::session(state, call)?;
    match call.action {
        "list_domains" => {
            let data: Vec<Value> = state
                .dns
                .domains
                .values()
                .map(|d| json!({ "id": d.id, "name": d.name }))
                .collect();
            Ok(envelope("list_domains", json!(data)))
        }
        "add_domain" => add_domain(state, call),
        "delete_domain" => delete_domain(state, call, &auth),
        "list_subdomains" => {
            let server = auth::server(state, call, &auth, "server_id")?;
            let data: Vec<Value> = state
                .dns
                .subdomains
                .values()
                .filter(|s| s.server_id == server)
                .map(|s| json!({ "id": s.id, "name": s.name, "domain_id": s.domain_id, "server_id": s.server_id }))
                .collect();
            Ok(envelope("list_subdomains", json!(data)))
        }
        "add_subdomain" => add_subdomain(state, call, &auth),
        "edit_subdomain" => edit_subdomain(state, call, &auth),
        "delete_subdomain" => delete_subdomain(state, call, &auth),
        "list_zones" => {
            let data: Vec<Value> = state.dns.zones.values().map(summary).collect();
            Ok(envelope("list_zones", json!(data)))
        }
        "view_zone" => {
            let name = zone_param(call, "zone")?;
            let zone = state
                .dns
                .zones
                .get(&name)
                .ok_or_else(|| call.fail(format!("zone {name} not found")))?;
            Ok(envelope("view_zone", json!([full(zone)])))
        }
        "add_zone" => add_zone(state, call, &auth),
        "delete_zone" => {
            let name = zone_param(call, "zone")?;
            state
                .dns
                .zones
                .remove(&name)
                .ok_or_else(|| call.fail(format!("zone {name} not found")))?;
            Ok(envelope("delete_zone", Value::Null))
        }
        "add_dns" => add_dns(state, call),
        "delete_dns" => {
            let name = zone_param(call, "zone")?;
            let zone = state
                .dns
                .zones
                .get_mut(&name)
                .ok_or_else(|| call.fail(format!("zone {name} not found")))?;
            let record = fqdn(call, call.required("name")?, &zone.name)?;
            let rtype = call.required("type")?.to_ascii_uppercase();
            let before = zone.rrsets.len();
            zone.rrsets
                .retain(|r| !(r.name == record && r.rtype == rtype));
            if zone.rrsets.len() == before {
                return Err(call.fail(format!("record {record} {rtype} not found in zone {name}")));
            }
            bump_serial(zone);
            Ok(envelope("delete_dns", Value::Null))
        }
        _ => Err(call.unknown()),
    }
}

fn envelope(action: &str, data: Value) -> Response {
    ok(&json!({ "result": "OK", "module": "pdns", "action": action, "data": data }))
}

/// A zone name parameter as a canonical FQDN (`example.com.`).
fn zone_param(call: &Call, name: &str) -> Result<String, Failure> {
    let raw = call.required(name)?;
    validate::domain(raw).map_err(|e| call.fail(format!("{name}: {e}")))?;
    let lower = raw.to_ascii_lowercase();
    Ok(if lower.ends_with('.') {
        lower
    } else {
        format!("{lower}.")
    })
}

/// A record name inside `zone`: `@`/empty is the apex, a relative name gets the zone appended.
fn fqdn(call: &Call, name: &str, zone: &str) -> Result<String, Failure> {
    let name = name.trim().to_ascii_lowercase();
    let bare = zone.trim_end_matches('.');
    let full = if name.is_empty() || name == "@" {
        zone.to_string()
    } else if name.ends_with('.') {
        name
    } else if name == bare || name.ends_with(&format!(".{bare}")) {
        format!("{name}.")
    } else {
        format!("{name}.{zone}")
    };
    let label_ok = full.trim_end_matches('.').split('.').all(|l| {
        !l.is_empty()
            && l.len() <= 63
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'*'))
    });
    if !label_ok || !(full == zone || full.ends_with(&format!(".{zone}"))) {
        return Err(call.fail(format!("name '{full}' is not inside zone {zone}")));
    }
    Ok(full)
}

fn url(zone: &Zone) -> String {
    format!("/api/v1/servers/localhost/zones/{}", zone.name)
}

fn summary(zone: &Zone) -> Value {
    json!({
        "account": "",
        "dnssec": zone.dnssec,
        "edited_serial": zone.serial,
        "id": zone.name,
        "kind": zone.kind,
        "last_check": zone.last_check,
        "masters": zone.masters,
        "name": zone.name,
        "notified_serial": zone.serial,
        "serial": zone.serial,
        "url": url(zone),
    })
}

fn full(zone: &Zone) -> Value {
    let rrsets: Vec<Value> = zone
        .rrsets
        .iter()
        .map(|r| {
            let records: Vec<Value> = r.records.iter().map(|c| json!({ "content": c, "disabled": false })).collect();
            json!({ "comments": [], "name": r.name, "records": records, "ttl": r.ttl, "type": r.rtype })
        })
        .collect();
    json!({
        "account": "",
        "api_rectify": false,
        "dnssec": zone.dnssec,
        "edited_serial": zone.serial,
        "id": zone.name,
        "kind": zone.kind,
        "last_check": zone.last_check,
        "master_tsig_key_ids": [],
        "masters": zone.masters,
        "name": zone.name,
        "notified_serial": zone.serial,
        "nsec3narrow": false,
        "nsec3param": "",
        "rrsets": rrsets,
        "serial": zone.serial,
        "slave_tsig_key_ids": [],
        "soa_edit": "",
        "soa_edit_api": "DEFAULT",
        "url": url(zone),
    })
}

/// Increments the serial and rewrites it into the SOA record.
fn bump_serial(zone: &mut Zone) {
    let old = zone.serial.to_string();
    zone.serial += 1;
    let new = zone.serial.to_string();
    for soa in zone.rrsets.iter_mut().filter(|r| r.rtype == "SOA") {
        for record in soa.records.iter_mut() {
            let fields: Vec<String> = record
                .split_whitespace()
                .map(|f| if f == old { new.clone() } else { f.to_string() })
                .collect();
            *record = fields.join(" ");
        }
    }
}

/// Replaces (or adds) the record set `name`/`rtype`.
fn upsert(zone: &mut Zone, name: &str, rtype: &str, ttl: u32, records: Vec<String>) {
    let set = RrSet {
        name: name.into(),
        rtype: rtype.into(),
        ttl,
        records,
    };
    match zone
        .rrsets
        .iter_mut()
        .find(|r| r.name == name && r.rtype == rtype)
    {
        Some(slot) => *slot = set,
        None => zone.rrsets.push(set),
    }
}

/// Today's first serial, `YYYYMMDD00`.
fn todays_serial(now: u64) -> u64 {
    dates::date(now)
        .replace('-', "")
        .parse::<u64>()
        .unwrap_or(2_024_010_100)
        * 100
}

fn add_domain(state: &mut State, call: &Call) -> Reply {
    let name = call
        .required("name")?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    validate::domain(&name).map_err(|e| call.fail(format!("name: {e}")))?;
    if state.dns.domains.values().any(|d| d.name == name) {
        return Err(call.fail(format!("domain {name} already exists")));
    }
    state.next.domain += 1;
    let id = state.next.domain;
    state.dns.domains.insert(
        id,
        Domain {
            id,
            name: name.clone(),
        },
    );
    let zone_name = format!("{name}.");
    let serial = todays_serial(call.now()) + 1;
    state
        .dns
        .zones
        .entry(zone_name.clone())
        .or_insert_with(|| seed::zone(&zone_name, serial, 3600));
    Ok(envelope("add_domain", json!([{ "id": id }])))
}

fn domain_id(state: &State, call: &Call) -> Result<u64, Failure> {
    let id = call.required_number("domain_id")?;
    state
        .dns
        .domains
        .contains_key(&id)
        .then_some(id)
        .ok_or_else(|| call.fail(format!("domain {id} not found")))
}

fn delete_domain(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    auth::server(state, call, auth, "server_id")?;
    let id = domain_id(state, call)?;
    if let Some(domain) = state.dns.domains.remove(&id) {
        state.dns.zones.remove(&format!("{}.", domain.name));
    }
    state.dns.subdomains.retain(|_, s| s.domain_id != id);
    Ok(envelope("delete_domain", json!([{ "id": id }])))
}

/// Points `label.domain.` at the server's main address (or removes it).
fn point(state: &mut State, domain_id: u64, label: &str, server: Option<u64>) {
    let Some(domain) = state.dns.domains.get(&domain_id) else {
        return;
    };
    let zone_name = format!("{}.", domain.name);
    let record = format!("{label}.{zone_name}");
    let address = server
        .and_then(|id| state.servers.get(&id))
        .and_then(|s| s.main_ip())
        .map(|ip| ip.addr.to_string());
    let Some(zone) = state.dns.zones.get_mut(&zone_name) else {
        return;
    };
    match address {
        Some(addr) => upsert(zone, &record, "A", 3600, vec![addr]),
        None => zone
            .rrsets
            .retain(|r| !(r.name == record && r.rtype == "A")),
    }
    bump_serial(zone);
}

/// A subdomain label (one or more DNS labels, no trailing dot).
fn label<'a>(call: &'a Call) -> Result<&'a str, Failure> {
    let name = call.required("name")?;
    validate::hostname(name).map_err(|e| call.fail(format!("name: {e}")))?;
    Ok(name.trim_end_matches('.'))
}

fn add_subdomain(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    let server = auth::server(state, call, auth, "server_id")?;
    let domain = domain_id(state, call)?;
    let name = label(call)?.to_ascii_lowercase();
    if state
        .dns
        .subdomains
        .values()
        .any(|s| s.domain_id == domain && s.name == name)
    {
        return Err(call.fail(format!("subdomain {name} already exists")));
    }
    state.next.subdomain += 1;
    let id = state.next.subdomain;
    state.dns.subdomains.insert(
        id,
        Subdomain {
            id,
            name: name.clone(),
            domain_id: domain,
            server_id: server,
        },
    );
    point(state, domain, &name, Some(server));
    Ok(envelope("add_subdomain", json!([{ "id": id }])))
}

fn subdomain(state: &State, call: &Call) -> Result<Subdomain, Failure> {
    let id = call.required_number("id")?;
    state
        .dns
        .subdomains
        .get(&id)
        .cloned()
        .ok_or_else(|| call.fail(format!("subdomain {id} not found")))
}

fn edit_subdomain(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    let old = subdomain(state, call)?;
    auth::owned(state, call, auth, old.server_id)?;
    let server = match call.text("server_id") {
        Some(_) => auth::server(state, call, auth, "server_id")?,
        None => old.server_id,
    };
    let name = match call.text("name") {
        Some(_) => label(call)?.to_ascii_lowercase(),
        None => old.name.clone(),
    };
    point(state, old.domain_id, &old.name, None);
    point(state, old.domain_id, &name, Some(server));
    state.dns.subdomains.insert(
        old.id,
        Subdomain {
            name,
            server_id: server,
            ..old.clone()
        },
    );
    Ok(envelope("edit_subdomain", json!([{ "id": old.id }])))
}

fn delete_subdomain(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    let server = auth::server(state, call, auth, "server_id")?;
    let old = subdomain(state, call)?;
    if old.server_id != server {
        return Err(call.fail(format!("subdomain {} not found on server {server}", old.id)));
    }
    state.dns.subdomains.remove(&old.id);
    point(state, old.domain_id, &old.name, None);
    Ok(envelope("delete_domain", json!([{ "id": old.id }])))
}

/// A nameserver or target hostname with its trailing dot.
fn absolute(call: &Call, what: &str, name: &str) -> Result<String, Failure> {
    validate::hostname(name).map_err(|e| call.fail(format!("{what}: {e}")))?;
    Ok(if name.ends_with('.') {
        name.to_ascii_lowercase()
    } else {
        format!("{}.", name.to_ascii_lowercase())
    })
}

/// An optional numeric field, from `name` or `dns[name]`.
fn soa_number(call: &Call, name: &str, default: u64) -> Result<u64, Failure> {
    match call.text(name).or_else(|| {
        call.params
            .nested("dns", name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| call.fail(format!("{name} must be a number, got '{v}'"))),
    }
}

fn add_zone(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    let name = match call.text("name") {
        Some(_) => zone_param(call, "name")?,
        None => zone_param(call, "zonename").map_err(|_| call.fail("name is required"))?,
    };
    if call.text("server_id").is_some() {
        auth::server(state, call, auth, "server_id")?;
    }
    if state.dns.zones.contains_key(&name) {
        return Err(call.fail(format!("zone {name} already exists")));
    }
    let kind = match call
        .text("kind")
        .unwrap_or("Master")
        .to_ascii_lowercase()
        .as_str()
    {
        "master" => "Master",
        "slave" => "Slave",
        "native" => "Native",
        other => {
            return Err(call.fail(format!(
                "kind must be Master, Slave or Native, got '{other}'"
            )))
        }
    };
    let mut masters = Vec::new();
    for m in call
        .params
        .all("masters[]")
        .into_iter()
        .map(str::trim)
        .filter(|m| !m.is_empty() && *m != "[]")
    {
        masters.push(
            m.parse::<Ipv4Addr>()
                .map_err(|_| call.fail(format!("masters: '{m}' is not an IPv4 address")))?
                .to_string(),
        );
    }
    if kind == "Slave" && masters.is_empty() {
        return Err(call.fail("a Slave zone needs at least one master"));
    }
    let dnssec = match call.text("dnssec").unwrap_or("false") {
        "true" | "1" => true,
        "false" | "0" => false,
        other => return Err(call.fail(format!("dnssec must be true or false, got '{other}'"))),
    };
    let ttl = soa_number(call, "ttl", 3600)?;
    let serial = soa_number(call, "serial", todays_serial(call.now()))?;
    let mname = absolute(
        call,
        "dns[mname]",
        call.params
            .nested("dns", "mname")
            .unwrap_or("ns1.hostkey.com"),
    )?;
    let rname = absolute(
        call,
        "dns[rname]",
        call.params
            .nested("dns", "rname")
            .unwrap_or(&format!("admin.{name}")),
    )?;
    let [refresh, retry, expire, minimum] = [
        ("refresh", 14_400),
        ("retry", 3_600),
        ("expire", 604_800),
        ("minimum", 3_600),
    ]
    .map(|(n, d)| soa_number(call, n, d));
    let soa = format!(
        "{mname} {rname} {serial} {} {} {} {}",
        refresh?, retry?, expire?, minimum?
    );
    let mut nameservers = Vec::new();
    for ns in call
        .params
        .all("nameservers[]")
        .into_iter()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        let ns = absolute(call, "nameservers", ns)?;
        if !nameservers.contains(&ns) {
            nameservers.push(ns);
        }
    }
    if nameservers.is_empty() {
        nameservers = vec!["ns1.hostkey.com.".into(), "ns2.hostkey.com.".into()];
    }
    let ttl = u32::try_from(ttl).map_err(|_| call.fail("ttl is too large"))?;
    let zone = Zone {
        name: name.clone(),
        kind,
        masters,
        dnssec,
        serial,
        last_check: 0,
        rrsets: vec![
            RrSet {
                name: name.clone(),
                rtype: "SOA".into(),
                ttl,
                records: vec![soa],
            },
            RrSet {
                name: name.clone(),
                rtype: "NS".into(),
                ttl,
                records: nameservers,
            },
        ],
    };
    let body = full(&zone);
    state.dns.zones.insert(name, zone);
    Ok(envelope("view_zone", json!([body])))
}

/// The records of an add_dns call, by type.
fn records(call: &Call, rtype: &str) -> Result<Vec<String>, Failure> {
    let content = call.text("content");
    let tokens = || -> Result<Vec<&str>, Failure> {
        let text = content.ok_or_else(|| call.fail("content is required"))?;
        Ok(text.split_whitespace().collect())
    };
    match rtype {
        "A" => tokens()?
            .into_iter()
            .map(|t| {
                t.parse::<Ipv4Addr>()
                    .map(|a| a.to_string())
                    .map_err(|_| call.fail(format!("content: '{t}' is not an IPv4 address")))
            })
            .collect(),
        "AAAA" => tokens()?
            .into_iter()
            .map(|t| {
                t.parse::<Ipv6Addr>()
                    .map(|a| a.to_string())
                    .map_err(|_| call.fail(format!("content: '{t}' is not an IPv6 address")))
            })
            .collect(),
        "NS" | "PTR" => tokens()?
            .into_iter()
            .map(|t| absolute(call, "content", t))
            .collect(),
        "CNAME" => match tokens()?.as_slice() {
            [one] => Ok(vec![absolute(call, "content", one)?]),
            _ => Err(call.fail("content: a CNAME takes exactly one target")),
        },
        "MX" => {
            let tokens = tokens()?;
            let pairs = tokens.chunks_exact(2);
            if !pairs.remainder().is_empty() || tokens.is_empty() {
                return Err(call.fail("content: MX records are 'priority host' pairs"));
            }
            pairs
                .map(|pair| match pair {
                    [priority, host] => {
                        let priority: u16 = priority.parse().map_err(|_| {
                            call.fail(format!("content: '{priority}' is not an MX priority"))
                        })?;
                        Ok(format!("{priority} {}", absolute(call, "content", host)?))
                    }
                    _ => Err(call.fail("content: MX records are 'priority host' pairs")),
                })
                .collect()
        }
        "SRV" => {
            let text = match content {
                Some(text) => text.to_string(),
                None => {
                    let field = |n: &str| call.required(n).map(str::to_string);
                    format!(
                        "{} {} {} {}",
                        field("priority")?,
                        field("weight")?,
                        field("port")?,
                        field("target")?
                    )
                }
            };
            let parts: Vec<&str> = text.split_whitespace().collect();
            let quads = parts.chunks_exact(4);
            let shape = || call.fail("content: SRV records are 'priority weight port target'");
            if !quads.remainder().is_empty() || parts.is_empty() {
                return Err(shape());
            }
            quads
                .map(|quad| match quad {
                    [priority, weight, port, target] => {
                        for n in [priority, weight, port] {
                            n.parse::<u16>().map_err(|_| {
                                call.fail(format!("content: '{n}' is not a number"))
                            })?;
                        }
                        let target = absolute(call, "target", target)?;
                        Ok(format!("{priority} {weight} {port} {target}"))
                    }
                    _ => Err(shape()),
                })
                .collect()
        }
        "TXT" | "SPF" => {
            let text = content.ok_or_else(|| call.fail("content is required"))?;
            Ok(vec![if text.starts_with('"') {
                text.to_string()
            } else {
                format!("\"{}\"", text.replace('"', "\\\""))
            }])
        }
        "CAA" => Ok(vec![content
            .ok_or_else(|| call.fail("content is required"))?
            .to_string()]),
        "SOA" => {
            let mname = absolute(call, "mname", call.required("mname")?)?;
            let rname = absolute(call, "rname", call.required("rname")?)?;
            let serial = soa_number(call, "serial", todays_serial(call.now()))?;
            let [refresh, retry, expire, minimum] = [
                ("refresh", 14_400),
                ("retry", 3_600),
                ("expire", 604_800),
                ("minimum", 3_600),
            ]
            .map(|(n, d)| soa_number(call, n, d));
            Ok(vec![format!(
                "{mname} {rname} {serial} {} {} {} {}",
                refresh?, retry?, expire?, minimum?
            )])
        }
        other => Err(call.fail(format!(
            "type {other} is not supported (A, AAAA, CNAME, MX, NS, PTR, SRV, TXT, SPF, CAA, SOA)"
        ))),
    }
}

fn add_dns(state: &mut State, call: &Call) -> Reply {
    let zone_name = zone_param(call, "zone")?;
    if !state.dns.zones.contains_key(&zone_name) {
        return Err(call.fail(format!("zone {zone_name} not found")));
    }
    let rtype = call.required("type")?.to_ascii_uppercase();
    let name = fqdn(call, call.text("name").unwrap_or("@"), &zone_name)?;
    let old_name = call
        .text("old_name")
        .map(|n| fqdn(call, n, &zone_name))
        .transpose()?;
    let ttl = call.number("ttl")?.unwrap_or(3600);
    let ttl = u32::try_from(ttl)
        .ok()
        .filter(|t| *t > 0)
        .ok_or_else(|| call.fail("ttl must be between 1 and 4294967295"))?;
    let increase = call.flag("increase_soa_serial")?.unwrap_or(true);
    let records = records(call, &rtype)?;
    let Some(zone) = state.dns.zones.get_mut(&zone_name) else {
        return Err(call.fail(format!("zone {zone_name} not found")));
    };
    let clashes = |r: &RrSet| {
        r.name == name
            && (rtype == "CNAME") != (r.rtype == "CNAME")
            && old_name.as_deref() != Some(r.name.as_str())
    };
    if zone.rrsets.iter().any(clashes) {
        return Err(call.fail(format!(
            "a CNAME can not share the name {name} with other records"
        )));
    }
    if let Some(old) = old_name.filter(|old| *old != name) {
        zone.rrsets.retain(|r| !(r.name == old && r.rtype == rtype));
    }
    if rtype == "SOA" {
        if let Some(serial) = records
            .first()
            .and_then(|r| r.split_whitespace().nth(2))
            .and_then(|s| s.parse().ok())
        {
            zone.serial = serial;
        }
    }
    upsert(zone, &name, &rtype, ttl, records);
    if increase && rtype != "SOA" {
        bump_serial(zone);
    }
    Ok(envelope("delete_zone", Value::Null))
}
