//! `api_keys.php`: account and per-server API keys (`16hex-16hex`), their
//! address allow-lists and login notifications, and the history of changes
//! and logins. Fields arrive as `params[<name>]` (the tables' bare names are
//! accepted too); answers use the `module` envelope.

use super::auth::{self, Auth};
use super::call::{ok, Call, Failure, Reply};
use super::dates;
use super::state::{hex, ApiKey, HistoryEntry, State};
use crate::Response;
use serde_json::{json, Value};
use std::net::Ipv4Addr;

/// `api_keys.php`.
pub(super) fn handle(state: &mut State, call: &Call) -> Reply {
    let auth = auth::session(state, call)?;
    match call.action {
        "list" => {
            let keys: Vec<Value> = state
                .api_keys
                .values()
                .filter(|k| visible(&auth, k))
                .map(key_json)
                .collect();
            Ok(envelope(call, json!(keys)))
        }
        "list_for_server" => {
            let server = required(call, "server_id")?;
            let server = number(call, "server_id", server)?;
            auth::owned(state, call, &auth, server)?;
            let keys: Vec<Value> = state
                .api_keys
                .values()
                .filter(|k| k.server_id == server)
                .map(key_json)
                .collect();
            Ok(envelope(call, json!(keys)))
        }
        "view" => {
            let key = find(state, call, &auth)?;
            Ok(envelope(call, key_json(key)))
        }
        "add" => add(state, call, &auth),
        "edit" => edit(state, call, &auth),
        "delete" => {
            let id = find(state, call, &auth)?.id;
            state.api_keys.remove(&id);
            record(
                state,
                call,
                id,
                format!("Deleted api_key {id}. json:{{\"id\":\"{id}\"}}"),
            );
            Ok(envelope(call, json!({ "id": id })))
        }
        "history" => history(state, call, &auth),
        _ => Err(call.unknown()),
    }
}

/// True for `16hex-16hex`.
pub(super) fn well_formed(key: &str) -> bool {
    key.split_once('-').is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|half| half.len() == 16 && half.bytes().all(|c| c.is_ascii_hexdigit()))
    })
}

/// True when `acl` (space-separated addresses and CIDR blocks; empty = any) admits `client`.
pub(super) fn allows(acl: &str, client: &str) -> bool {
    if acl.trim().is_empty() {
        return true;
    }
    let Ok(client) = client.parse::<Ipv4Addr>() else {
        return acl.split_whitespace().any(|entry| entry == client);
    };
    acl.split_whitespace().filter_map(cidr).any(|(net, bits)| {
        let mask = if bits == 0 {
            0
        } else {
            u32::MAX << (32 - bits)
        };
        u32::from(client) & mask == u32::from(net) & mask
    })
}

/// An address or CIDR block as (network, prefix length).
fn cidr(entry: &str) -> Option<(Ipv4Addr, u32)> {
    let (addr, bits) = entry.split_once('/').unwrap_or((entry, "32"));
    let bits: u32 = bits.parse().ok().filter(|b| *b <= 32)?;
    Some((addr.parse().ok()?, bits))
}

fn envelope(call: &Call, data: Value) -> Response {
    ok(&json!({ "result": "OK", "module": "api_keys", "action": call.action, "data": data }))
}

/// `params[name]`, or the bare `name` the tables list.
fn param<'a>(call: &'a Call, name: &str) -> Option<&'a str> {
    call.params
        .nested("params", name)
        .or_else(|| call.params.get(name))
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn required<'a>(call: &'a Call, name: &str) -> Result<&'a str, Failure> {
    param(call, name).ok_or_else(|| call.fail(format!("{name} is required")))
}

fn number(call: &Call, name: &str, value: &str) -> Result<u64, Failure> {
    value.parse().map_err(|_| {
        call.fail(format!(
            "{name} must be a non-negative integer, got '{value}'"
        ))
    })
}

fn visible(auth: &Auth, key: &ApiKey) -> bool {
    auth.scope.is_none_or(|server| key.server_id == server)
}

fn key_json(key: &ApiKey) -> Value {
    json!({
        "id": key.id,
        "name": key.name,
        "active": i32::from(key.active),
        "ip": key.ip,
        "server_id": key.server_id,
        "token_view": key.secret.get(..4).unwrap_or_default(),
        "login_notify_method": key.notify_method,
        "login_notify_address": key.notify_address,
    })
}

/// The key named by `params[id]`, if this session may see it.
fn find<'a>(state: &'a State, call: &Call, auth: &Auth) -> Result<&'a ApiKey, Failure> {
    let id = number(call, "id", required(call, "id")?)?;
    state
        .api_keys
        .get(&id)
        .filter(|k| visible(auth, k))
        .ok_or_else(|| call.fail(format!("API key {id} not found")))
}

fn record(state: &mut State, call: &Call, key_id: u64, message: String) {
    state.next.history += 1;
    state.key_history.push(HistoryEntry {
        id: state.next.history,
        key_id,
        at: call.now(),
        message,
        kind: "action",
    });
}

/// The validated editable fields: name, allow-list, method, address, active.
struct Fields {
    name: String,
    ip: Option<String>,
    method: String,
    address: Option<String>,
    active: bool,
}

fn fields(call: &Call) -> Result<Fields, Failure> {
    let name = required(call, "name")?.to_string();
    if name.chars().count() > 64 {
        return Err(call.fail("name must be at most 64 characters"));
    }
    let ip = match param(call, "ip") {
        None => None,
        Some(list) => {
            let entries: Vec<&str> = list
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|e| !e.is_empty())
                .collect();
            if let Some(bad) = entries.iter().find(|e| cidr(e).is_none()) {
                return Err(call.fail(format!("ip: '{bad}' is not an IPv4 address or CIDR block")));
            }
            Some(entries.join(" "))
        }
    };
    let method = required(call, "login_notify_method")?.to_string();
    let address = param(call, "login_notify_address").map(str::to_string);
    match (method.as_str(), address.as_deref()) {
        ("none", _) => {}
        ("email", Some(a))
            if a.split_once('@')
                .is_some_and(|(user, host)| !user.is_empty() && host.contains('.')) => {}
        ("email", _) => {
            return Err(call.fail("login_notify_address must be an e-mail address for method email"))
        }
        ("webhook", Some(a)) if a.starts_with("https://") || a.starts_with("http://") => {}
        ("webhook", _) => {
            return Err(call.fail("login_notify_address must be an http(s) URL for method webhook"))
        }
        (other, _) => {
            return Err(call.fail(format!(
                "login_notify_method must be none, email or webhook, got '{other}'"
            )));
        }
    }
    let active = match required(call, "active")? {
        "1" => true,
        "0" => false,
        other => return Err(call.fail(format!("active must be 1 or 0, got '{other}'"))),
    };
    let address = if method == "none" { None } else { address };
    Ok(Fields {
        name,
        ip,
        method,
        address,
        active,
    })
}

fn add(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    let server_id = match param(call, "server_id") {
        None => 0,
        Some(v) => number(call, "server_id", v)?,
    };
    if server_id > 0 {
        auth::owned(state, call, auth, server_id)?;
    } else if auth.scope.is_some() {
        return Err(call.fail("permission denied #3, a server key can not create account keys"));
    }
    let f = fields(call)?;
    if server_id > 0 && f.method != "none" {
        return Err(call.fail("login_notify_method must be none for a server key"));
    }
    state.next.api_key += 1;
    let secret = format!("{}-{}", hex(&mut state.rng, 16), hex(&mut state.rng, 16));
    let key = ApiKey {
        id: state.next.api_key,
        name: f.name,
        active: f.active,
        ip: f.ip.unwrap_or_default(),
        server_id,
        secret,
        notify_method: f.method,
        notify_address: f.address,
    };
    let payload = json!({
        "name": key.name,
        "ip": param(call, "ip").unwrap_or_default(),
        "login_notify_method": key.notify_method,
        "active": if key.active { "1" } else { "0" },
        "server_id": key.server_id.to_string(),
    });
    record(
        state,
        call,
        key.id,
        format!("Created new api_key {}. json:{payload}", key.id),
    );
    let mut data = key_json(&key);
    data["api_key"] = json!(key.secret);
    state.api_keys.insert(key.id, key);
    Ok(envelope(call, data))
}

fn edit(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    let old = find(state, call, auth)?.clone();
    let f = fields(call)?;
    if old.server_id > 0 && f.method != "none" {
        return Err(call.fail("login_notify_method must be none for a server key"));
    }
    let new = ApiKey {
        name: f.name,
        active: f.active,
        ip: f.ip.unwrap_or_else(|| old.ip.clone()),
        notify_method: f.method,
        notify_address: f.address,
        ..old.clone()
    };
    let bit = |b: bool| if b { "1" } else { "0" };
    let payload = json!({
        "id": new.id.to_string(),
        "name": new.name,
        "ip": new.ip,
        "login_notify_method": new.notify_method,
        "login_notify_address": new.notify_address.clone().unwrap_or_default(),
        "active": bit(new.active),
    });
    record(
        state,
        call,
        new.id,
        format!("Updated api_key {}. json:{payload}", new.id),
    );
    let changes: Vec<String> = [
        ("name", old.name.clone(), new.name.clone()),
        (
            "active",
            bit(old.active).to_string(),
            bit(new.active).to_string(),
        ),
        ("ip", old.ip.clone(), new.ip.clone()),
        (
            "login_notify_method",
            old.notify_method.clone(),
            new.notify_method.clone(),
        ),
        (
            "login_notify_address",
            old.notify_address.clone().unwrap_or_default(),
            new.notify_address.clone().unwrap_or_default(),
        ),
    ]
    .into_iter()
    .filter(|(_, before, after)| before != after)
    .map(|(field, before, after)| format!("{field} from '{before}' to '{after}'"))
    .collect();
    if !changes.is_empty() {
        record(
            state,
            call,
            new.id,
            format!("Changed api_key {}. {}", new.id, changes.join(", ")),
        );
    }
    let id = new.id;
    state.api_keys.insert(id, new);
    Ok(envelope(call, json!({ "id": id })))
}

fn history(state: &State, call: &Call, auth: &Auth) -> Reply {
    let id = number(call, "id", required(call, "id")?)?;
    let known =
        state.key_history.iter().any(|h| h.key_id == id) || state.api_keys.contains_key(&id);
    let allowed = state.api_keys.get(&id).is_none_or(|k| visible(auth, k));
    if !known || !allowed {
        return Err(call.fail(format!("API key {id} not found")));
    }
    let bound = |name: &str| -> Result<Option<u64>, Failure> {
        param(call, name)
            .map(|v| {
                dates::parse_date(v).ok_or_else(|| {
                    call.fail(format!("{name} must be a date in Y-M-D format, got '{v}'"))
                })
            })
            .transpose()
    };
    let from = bound("period_from")?.unwrap_or(0);
    let to = bound("period_to")?.map_or(u64::MAX, |d| d + dates::DAY);
    let entries: Vec<Value> = state
        .key_history
        .iter()
        .rev()
        .filter(|h| h.key_id == id && h.at >= from && h.at < to)
        .map(|h| {
            json!({
                "id": h.id,
                "date": dates::datetime(h.at),
                "message": h.message,
                "type": h.kind,
                "login": state.account.email,
            })
        })
        .collect();
    Ok(envelope(call, json!(entries)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_format_and_allow_lists() {
        assert!(well_formed("d9815703f6f41d3f-5d52f141ff7ac755"));
        assert!(!well_formed("XXXXXXXXXXXXX-XXXXXXXXXXXXXXX"));
        assert!(allows("", "203.0.113.9"));
        assert!(allows("10.0.0.1 10.4.6.3/24", "10.4.6.200"));
        assert!(!allows("10.0.0.1 10.4.6.3/24", "10.4.7.1"));
    }
}
