//! `nat.php`: a static DNAT from a public address to a bare-metal server's
//! IPMI and its removal, both polled on `nat_callback.php`.

use super::call::{Call, Reply};
use super::callback::{self, context};
use super::eq::{server, target};
use super::jobs::{Channel, Finish, ASYNC_MS};
use super::pin;
use super::state::State;
use std::net::Ipv4Addr;

/// `nat.php`.
pub(super) fn handle(state: &mut State, call: &Call) -> Reply {
    let add = match call.action {
        "add_static_nat" => true,
        "remove_static_nat" => false,
        _ => return Err(call.unknown()),
    };
    let (_, id) = target(state, call)?;
    let server = server(state, call, id)?;
    if server.is_vm() {
        return Err(call.fail(format!(
            "static NAT to IPMI is available for bare-metal servers only, {id} is a VM"
        )));
    }
    if !add {
        if server.nat.is_none() {
            return Err(call.fail(format!("no static NAT for server {id}")));
        }
        let ctx = context(server, "remove_staticnat");
        return Ok(callback::accept_on(
            state,
            call,
            Channel::Nat,
            ctx,
            Finish::NatRemove { server: id },
            ASYNC_MS,
        ));
    }
    let ctx = context(server, "add_static_nat");
    if !pin::check(state, call, "pin")? {
        return Ok(callback::refuse(state, call, Channel::Nat, ctx));
    }
    let public = Ipv4Addr::new(192, 0, 2, 2 + (id % 8) as u8).to_string();
    Ok(callback::accept_on(
        state,
        call,
        Channel::Nat,
        ctx,
        Finish::NatAdd { server: id, public },
        ASYNC_MS,
    ))
}
