//! `net.php` (port status, port on/off, the Cacti traffic graph, IP blocks)
//! and `ip.php` (address details, PTR records, the main address).

use super::auth;
use super::call::{ok, reject, Call, Failure, Reply};
use super::callback::context;
use super::catalog::traffic;
use super::eq::{guarded, server, target};
use super::jobs::{Finish, Outcome, ASYNC_MS};
use super::state::{Ip, Server, State};
use super::{pin, png, validate};
use crate::wire;
use serde_json::{json, Value};
use std::net::Ipv4Addr;

/// `net.php`.
pub(super) fn net(state: &mut State, call: &Call) -> Reply {
    match call.action {
        "get_status" => get_status(state, call),
        "port_on" | "port_off" => port(state, call),
        "show_cacti" => show_cacti(state, call),
        "block_ip" | "unblock_ip" => block(state, call),
        _ => Err(call.unknown()),
    }
}

/// `ip.php`.
pub(super) fn ip(state: &mut State, call: &Call) -> Reply {
    match call.action {
        "get_ip" => get_ip(state, call),
        "get_ptr" => {
            let (server, addr) = owned_ip(state, call)?;
            let ptr = server
                .ips
                .iter()
                .find(|ip| ip.addr == addr)
                .map(|ip| ip.ptr.clone())
                .unwrap_or_default();
            Ok(ok(&json!({ "result": "OK", "message": ptr })))
        }
        "update_ptr" => update_ptr(state, call),
        "set_main" => set_main(state, call),
        _ => Err(call.unknown()),
    }
}

/// The context network operations print (`ip_ipmi` is `0.0.0.0` for VMs).
fn net_context(server: &Server, action: &str, port: &str) -> Value {
    let mut ctx = context(server, action);
    ctx["ip_ipmi"] = json!(server
        .ipmi_ip
        .map_or_else(|| "0.0.0.0".to_string(), |ip| ip.to_string()));
    ctx["interface_id"] = json!(port);
    ctx["port"] = json!(port);
    ctx
}

/// The named port of the server (`port` parameter), or its main one when `optional` and absent.
fn port_name(call: &Call, server: &Server, optional: bool) -> Result<String, Failure> {
    let name = match call.text("port") {
        Some(name) => name.to_string(),
        None if optional => server
            .interfaces
            .iter()
            .find(|i| i.main)
            .map(|i| i.name.clone())
            .unwrap_or_else(|| "eth0".into()),
        None => return Err(call.fail("port is required")),
    };
    if !server.interfaces.iter().any(|i| i.name == name) {
        return Err(call.fail(format!("port {name} not found on server {}", server.id)));
    }
    Ok(name)
}

fn get_status(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let server = server(state, call, id)?;
    let port = port_name(call, server, true)?;
    let enabled = server
        .interfaces
        .iter()
        .any(|i| i.name == port && i.enabled);
    let mac: Vec<&str> = server
        .interfaces
        .iter()
        .filter(|i| i.name == port)
        .map(|i| i.mac.as_str())
        .collect();
    let vlan = server.main_ip().map_or(0, |ip| ip.subnet.vlan);
    let bandwidth = traffic::find(server.traffic_plan).map_or(1000, |p| p.bandwidth);
    let (switch, switch_port, debug) = if server.is_vm() {
        (
            "virtual".to_string(),
            "virtual".to_string(),
            "get status port via Ovirt API",
        )
    } else {
        let unit = server.id % 40 + 1;
        (
            format!(
                "sw-{}-{:02}.hostkey.example",
                server.location.to_lowercase(),
                server.id % 17 + 1
            ),
            format!("Gi1/0/{unit}"),
            "get status port via SNMP",
        )
    };
    let scope = json!({
        "switch": switch,
        "port": switch_port,
        "vlan": format!("v{vlan}"),
        "speed": if bandwidth >= 10_000 { "10000" } else { "1000" },
        "status": if enabled { "connected" } else { "disabled" },
        "mac": mac,
        "port_security": "",
        "shape": if bandwidth < 1000 { format!("{bandwidth}M") } else { String::new() },
        "interface": port,
    });
    let ctx = net_context(server, "get_status", &port);
    let outcome = Outcome::ok(scope.to_string(), debug);
    guarded(state, call, ctx, Finish::Fixed(outcome), ASYNC_MS)
}

fn port(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let server = server(state, call, id)?;
    let port = port_name(call, server, false)?;
    let ctx = net_context(server, call.action, &port);
    let on = call.action == "port_on";
    guarded(
        state,
        call,
        ctx,
        Finish::Port {
            server: id,
            port,
            on,
        },
        ASYNC_MS,
    )
}

fn show_cacti(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    call.required("pin")?;
    let port = call.required("port")?.to_string();
    let span = match call.required("graph")? {
        "1" => 86_400,
        "2" => 30 * 86_400,
        "3" => 365 * 86_400,
        other => {
            return Err(call.fail(format!(
                "graph must be 1 (daily), 2 (monthly) or 3 (annual), got '{other}'"
            )))
        }
    };
    if !pin::check(state, call, "pin")? {
        return Err(call.fail("invalid pin"));
    }
    let server = server(state, call, id)?;
    if !server.interfaces.iter().any(|i| i.name == port) {
        return Err(reject(&json!({
            "result": -1,
            "action": "show_cacti",
            "error": format!("net/show_cacti: failed to load img for server {id} port {port}: failed to find cacti id for this server interface"),
            "context": { "id": id, "port": port },
        })));
    }
    let seed = server.seed
        ^ port
            .bytes()
            .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    Ok(wire::bytes(
        200,
        "image/png",
        png::traffic_graph(seed, call.now(), span),
    ))
}

/// The `ip` parameter as an IPv4 address.
fn address(call: &Call) -> Result<Ipv4Addr, Failure> {
    let text = call.required("ip")?;
    text.parse()
        .map_err(|_| call.fail(format!("'{text}' is not an IPv4 address")))
}

/// The owned server (`id`) and an address of it (`ip`).
fn owned_ip<'a>(state: &'a State, call: &Call) -> Result<(&'a Server, Ipv4Addr), Failure> {
    let (_, id) = target(state, call)?;
    let addr = address(call)?;
    let server = server(state, call, id)?;
    if !server.ips.iter().any(|ip| ip.addr == addr) {
        return Err(call.fail(format!("ip {addr} does not belong to server {id}")));
    }
    Ok((server, addr))
}

fn block(state: &mut State, call: &Call) -> Reply {
    let (server, addr) = owned_ip(state, call)?;
    call.required("pin")?;
    if call.action == "block_ip" {
        call.required("description")?;
    }
    let four_hours = call.flag("four_hours")?.unwrap_or(false);
    let id = server.id;
    let ctx = json!({ "action": call.action, "id": id.to_string(), "ip": addr.to_string() });
    let ip = addr.to_string();
    let finish = if call.action == "block_ip" {
        Finish::Block {
            server: id,
            ip,
            four_hours,
        }
    } else {
        Finish::Unblock { server: id, ip }
    };
    guarded(state, call, ctx, finish, ASYNC_MS)
}

fn get_ip(state: &State, call: &Call) -> Reply {
    let auth = auth::session(state, call)?;
    let addr = address(call)?;
    let server = state
        .server_by_ip(addr)
        .ok_or_else(|| call.fail(format!("ip {addr} not found")))?;
    auth::owned(state, call, &auth, server.id)?;
    let Some(ip) = server.ips.iter().find(|ip| ip.addr == addr) else {
        return Err(call.fail(format!("ip {addr} not found")));
    };
    let net = ip.subnet;
    Ok(ok(&json!({
        "network": net.network.to_string(),
        "broadcast": net.broadcast().to_string(),
        "netmask": net.netmask().to_string(),
        "gateway": net.gateway().to_string(),
        "vlan": net.vlan,
        "subnet_id": net.id,
        "cidr": net.cidr,
        "location": server.location,
        "ip": addr.to_string(),
    })))
}

fn update_ptr(state: &mut State, call: &Call) -> Reply {
    let (server, addr) = owned_ip(state, call)?;
    let id = server.id;
    let text = call.required("ptr")?;
    let mut records = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        validate::hostname(line).map_err(|e| call.fail(format!("ptr: {e}")))?;
        records.push(if line.ends_with('.') {
            line.to_string()
        } else {
            format!("{line}.")
        });
    }
    if let Some(ip) = state
        .servers
        .get_mut(&id)
        .and_then(|s| s.ips.iter_mut().find(|ip| ip.addr == addr))
    {
        ip.ptr = records;
    }
    Ok(ok(&json!({ "result": "OK", "message": "" })))
}

fn set_main(state: &mut State, call: &Call) -> Reply {
    let (server, addr) = owned_ip(state, call)?;
    let id = server.id;
    let main = call.required("main")?;
    let target = match main {
        "1" => addr,
        other => match other.parse::<Ipv4Addr>() {
            Ok(a) if server.ips.iter().any(|ip| ip.addr == a) => a,
            _ => {
                return Err(call.fail(format!(
                    "main must be 1 or an address of server {id}, got '{other}'"
                )))
            }
        },
    };
    if let Some(s) = state.servers.get_mut(&id) {
        s.ips
            .iter_mut()
            .for_each(|ip: &mut Ip| ip.main = ip.addr == target);
    }
    Ok(ok(
        &json!({ "result": "OK", "message": format!("{target} set as main address") }),
    ))
}
