//! The account PIN: eq/set_pin and eq/check_pin (both asynchronous), and the
//! check the critical calls run. After five wrong PINs in a row every PIN is
//! refused for fifteen minutes, the document's "only failed responses".

use super::auth;
use super::call::{Call, Failure, Reply};
use super::callback;
use super::jobs::{Finish, Outcome, ASYNC_MS};
use super::state::State;
use serde_json::json;

const MAX_FAILURES: u32 = 5;
const LOCK_MS: u64 = 15 * 60_000;

/// Reads the required PIN parameter `name` and checks it (false when wrong or locked out).
pub(super) fn check(state: &mut State, call: &Call, name: &str) -> Result<bool, Failure> {
    let given = call.required(name)?.to_string();
    Ok(verify(state, &given, call.now_ms))
}

/// Checks `given` against the PIN, counting failures.
fn verify(state: &mut State, given: &str, now_ms: u64) -> bool {
    let pin = &mut state.pin;
    if now_ms < pin.locked_until_ms {
        return false;
    }
    if given == pin.code {
        pin.failures = 0;
        return true;
    }
    pin.failures += 1;
    if pin.failures >= MAX_FAILURES {
        pin.failures = 0;
        pin.locked_until_ms = now_ms + LOCK_MS;
    }
    false
}

/// eq/set_pin: `new_pin` (4-8 digits), `old_pin` (the current PIN).
pub(super) fn set_pin(state: &mut State, call: &Call) -> Reply {
    auth::session(state, call)?;
    let new_pin = call.required("new_pin")?.to_string();
    if !(4..=8).contains(&new_pin.len()) || !new_pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(call.fail("new_pin must be 4 to 8 digits"));
    }
    let old_ok = match call.text("old_pin") {
        Some(old) => verify(state, old, call.now_ms),
        None => false,
    };
    let outcome = if old_ok {
        state.pin.code = new_pin;
        Outcome::ok("PIN code has been changed", serde_json::Value::Null)
    } else {
        Outcome::fail("Invalid PIN/email combination, please check")
    };
    let context = json!({ "action": "set_pin", "id": "0" });
    Ok(callback::accept(
        state,
        call,
        context,
        Finish::Fixed(outcome),
        ASYNC_MS,
    ))
}

/// eq/check_pin: `pin` (the table's `old_pin` accepted too).
pub(super) fn check_pin(state: &mut State, call: &Call) -> Reply {
    auth::session(state, call)?;
    let name = if call.text("pin").is_none() && call.text("old_pin").is_some() {
        "old_pin"
    } else {
        "pin"
    };
    let outcome = if check(state, call, name)? {
        Outcome::ok("PIN code is valid", "")
    } else {
        Outcome::ok("Invalid pin code", "Blocked For Security Purposes")
    };
    let context = json!({ "action": "check_pin", "id": "0" });
    Ok(callback::accept(
        state,
        call,
        context,
        Finish::Fixed(outcome),
        ASYNC_MS,
    ))
}
