//! `tags.php`: a server's tags (list, upsert by name, remove by name) and the
//! search over tag names and values. System tags (`internal:1`) can not be
//! changed or removed.

use super::auth;
use super::call::{ok, Call, Failure, Reply};
use super::eq::{server, target};
use super::show::tag_json;
use super::state::{State, Tag};
use serde_json::{json, Value};

/// `tags.php`.
pub(super) fn handle(state: &mut State, call: &Call) -> Reply {
    match call.action {
        "list" => {
            let (_, id) = target(state, call)?;
            let server = server(state, call, id)?;
            let tags: Vec<Value> = server
                .tags
                .iter()
                .map(|t| tag_json(id, t, "Component1"))
                .collect();
            Ok(ok(
                &json!({ "result": "OK", "action": "list", "tags": tags }),
            ))
        }
        "add" => add(state, call),
        "remove" => remove(state, call),
        "user_search" => search(state, call),
        _ => Err(call.unknown()),
    }
}

/// The `tag` parameter: a name of 1-64 letters, digits, `_`, `-` or `.`.
fn tag_name<'a>(call: &'a Call) -> Result<&'a str, Failure> {
    let name = call.required("tag")?;
    if name.len() > 64
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    {
        return Err(call.fail(format!(
            "tag name '{name}' must be 1-64 letters, digits, '_', '-' or '.'"
        )));
    }
    Ok(name)
}

fn add(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let name = tag_name(call)?.to_string();
    let value = call
        .params
        .get("value")
        .ok_or_else(|| call.fail("value is required"))?
        .to_string();
    let extra = call.params.get("extra").unwrap_or_default().to_string();
    let existing = server(state, call, id)?
        .tags
        .iter()
        .find(|t| t.name == name)
        .cloned();
    if existing.as_ref().is_some_and(|t| t.internal) {
        return Err(call.fail(format!("tag {name} is a system tag and can not be changed")));
    }
    let tag_id = match &existing {
        Some(tag) => tag.id,
        None => state.tag_id(),
    };
    let tag = Tag {
        id: tag_id,
        name,
        value,
        extra,
        internal: false,
    };
    if let Some(s) = state.servers.get_mut(&id) {
        match s.tags.iter_mut().find(|t| t.id == tag_id) {
            Some(slot) => *slot = tag.clone(),
            None => s.tags.push(tag.clone()),
        }
    }
    let mut body = tag_json(id, &tag, "eq");
    body["result"] = json!("OK");
    body["action"] = json!("add");
    Ok(ok(&body))
}

fn remove(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let name = tag_name(call)?;
    let tag = server(state, call, id)?
        .tags
        .iter()
        .find(|t| t.name == name)
        .cloned()
        .ok_or_else(|| call.fail(format!("tag {name} not found on server {id}")))?;
    if tag.internal {
        return Err(call.fail(format!("tag {name} is a system tag and can not be removed")));
    }
    if let Some(s) = state.servers.get_mut(&id) {
        s.tags.retain(|t| t.id != tag.id);
    }
    Ok(ok(
        &json!({ "result": "OK", "action": "remove", "id": tag.id, "tag": tag.name, "component": "eq", "component_id": id }),
    ))
}

fn search(state: &State, call: &Call) -> Reply {
    let auth = auth::session(state, call)?;
    let pattern = call.required("value")?.to_lowercase();
    let found: Vec<u64> = auth::cached(state, &auth)
        .into_iter()
        .filter(|id| {
            state.servers.get(id).is_some_and(|s| {
                s.tags.iter().any(|t| {
                    !t.internal
                        && (t.name.to_lowercase().contains(&pattern)
                            || t.value.to_lowercase().contains(&pattern))
                })
            })
        })
        .collect();
    Ok(ok(
        &json!({ "result": "OK", "action": "search_user", "servers": found }),
    ))
}
