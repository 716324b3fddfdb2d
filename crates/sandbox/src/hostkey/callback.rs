//! Callback keys: handing them out (`{"result":"OK","action":…,"callback":…}`)
//! and answering `eq_callback.php` / `nat_callback.php` `action=check`:
//! `Not ready`, install stages, then the terminal object exactly once.

use super::call::{ok, Call, Reply};
use super::dates;
use super::jobs::{Channel, Finish, Outcome, Poll, ASYNC_MS, STAGES};
use super::state::{Server, State};
use crate::Response;
use serde_json::{json, Value};

/// The usual context: the action, the server id as a string, and its location.
pub(super) fn context(server: &Server, action: &str) -> Value {
    json!({ "action": action, "id": server.id.to_string(), "location": server.location })
}

/// Issues an `eq_callback.php` key that finishes `finish` after `duration_ms`.
pub(super) fn accept(
    state: &mut State,
    call: &Call,
    context: Value,
    finish: Finish,
    duration_ms: u64,
) -> Response {
    accept_on(state, call, Channel::Eq, context, finish, duration_ms)
}

/// Issues a key on `channel`.
pub(super) fn accept_on(
    state: &mut State,
    call: &Call,
    channel: Channel,
    context: Value,
    finish: Finish,
    duration_ms: u64,
) -> Response {
    let key = state.key32();
    state.jobs.add(
        &key,
        channel,
        context,
        finish,
        call.now_ms,
        Some((duration_ms, false)),
    );
    ok(&json!({ "result": "OK", "action": call.action, "callback": key }))
}

/// Accepts an operation whose PIN was wrong: the key reports `Fail`.
pub(super) fn refuse(state: &mut State, call: &Call, channel: Channel, context: Value) -> Response {
    accept_on(
        state,
        call,
        channel,
        context,
        Finish::Fixed(Outcome::fail("Invalid pin code")),
        ASYNC_MS,
    )
}

/// `eq_callback.php` or `nat_callback.php`.
pub(super) fn check(state: &mut State, call: &Call, channel: Channel) -> Reply {
    if call.action != "check" {
        return Err(call.unknown());
    }
    let key = match call.text("key").or_else(|| call.text("reinstall_key")) {
        Some(key) => key.to_string(),
        None => return Err(call.fail("key is required")),
    };
    Ok(match state.jobs.poll(&key, channel, call.now_ms) {
        Poll::Missing => return Err(call.fail("key not found")),
        Poll::Pending(None, _) => ok(&json!({ "result": "Not ready", "key": key })),
        Poll::Pending(Some(stage), context) => ok(&json!({
            "result": "Stage",
            "scope": STAGES.get(stage.saturating_sub(1)).copied().unwrap_or_default(),
            "context": context,
            "key": key,
        })),
        Poll::Done(outcome, context, created_ms) => {
            let mut body = json!({
                "result": outcome.result,
                "scope": outcome.scope,
                "context": context,
                "debug": outcome.debug,
                "key": key,
            });
            if outcome.result == "Fail" {
                body["status"] = json!("failure");
                body["created"] = json!(dates::datetime(created_ms / 1000));
            }
            ok(&body)
        }
    })
}
