//! `eq.php`: the server list and detail, refreshing the token's server list,
//! power (status, sensors, on, off, reboot), remote access (console, IPMI
//! users, BMC reset) and the PXE reinstall path (reinstall, create_pxe,
//! boot_dev, clear_pxe). The PIN calls live in `pin`, ordering in `order`.

use super::auth::{self, Auth};
use super::call::{ok, reject, Call, Failure, Reply};
use super::callback::{self, context};
use super::catalog;
use super::dates;
use super::jobs::{Channel, Finish, Outcome, Power, ASYNC_MS, POWER_MS};
use super::metrics;
use super::show;
use super::state::{BootDevice, PxeConfig, Server, State};
use super::{order, pin, validate};
use serde_json::{json, Value};

/// `eq.php`.
pub(super) fn handle(state: &mut State, call: &Call) -> Reply {
    match call.action {
        "set_pin" => pin::set_pin(state, call),
        "check_pin" => pin::check_pin(state, call),
        "order_instance" => order::handle(state, call),
        "list" => list(state, call),
        "show" => {
            let (_, id) = target(state, call)?;
            let server = server(state, call, id)?;
            Ok(ok(&show::show(server, call.now())))
        }
        "update_servers" => {
            let auth = auth::session(state, call)?;
            let servers = auth::visible_servers(state, auth.scope);
            if let Some(session) = state.sessions.get_mut(&auth.token) {
                session.servers = servers;
            }
            Ok(ok(&json!({ "result": "OK" })))
        }
        "status" => status(state, call),
        "sensors" => sensors(state, call),
        "on" => power(state, call, Power::On),
        "off" => power(state, call, Power::Off),
        "reboot" => power(state, call, Power::Reboot),
        "console" => console(state, call),
        "add_ipmi_user" | "remove_ipmi_user" => ipmi_user(state, call),
        "unit_reset" => unit_reset(state, call),
        "reinstall" => reinstall(state, call),
        "create_pxe" => create_pxe(state, call),
        "boot_dev" => boot_dev(state, call),
        "clear_pxe" => clear_pxe(state, call),
        _ => Err(call.unknown()),
    }
}

/// The session and the owned server named by `id`.
pub(super) fn target(state: &State, call: &Call) -> Result<(Auth, u64), Failure> {
    let auth = auth::session(state, call)?;
    let id = auth::server(state, call, &auth, "id")?;
    Ok((auth, id))
}

/// The server record for an id `target` accepted.
pub(super) fn server<'a>(state: &'a State, call: &Call, id: u64) -> Result<&'a Server, Failure> {
    state
        .servers
        .get(&id)
        .ok_or_else(|| call.fail("no server with that ID was found"))
}

/// A context carrying `ip_ipmi` (empty for VMs, the BMC address for bare metal).
fn power_context(server: &Server, action: &str) -> Value {
    let mut ctx = context(server, action);
    ctx["ip_ipmi"] = json!(server.ipmi_text());
    ctx
}

/// Refuses calls that need IPMI on a VM.
fn bare_metal_only<'a>(call: &Call, server: &'a Server, what: &str) -> Result<&'a Server, Failure> {
    if server.is_vm() {
        return Err(call.fail(format!(
            "{what} is available for bare-metal servers only, {} is a VM",
            server.id
        )));
    }
    Ok(server)
}

/// Accepts a PIN-protected operation: a Fail key when the PIN is wrong.
pub(super) fn guarded(
    state: &mut State,
    call: &Call,
    ctx: Value,
    finish: Finish,
    duration_ms: u64,
) -> Reply {
    if pin::check(state, call, "pin")? {
        Ok(callback::accept(state, call, ctx, finish, duration_ms))
    } else {
        Ok(callback::refuse(state, call, Channel::Eq, ctx))
    }
}

fn list(state: &State, call: &Call) -> Reply {
    let auth = auth::session(state, call)?;
    let split = |v: &str| -> Vec<String> {
        v.split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let locations = call.text("location").map(split).unwrap_or_default();
    if let Some(bad) = locations.iter().find(|l| catalog::location(l).is_none()) {
        return Err(call.fail(format!(
            "unknown location {bad}, expected NL,US,FI,DE,IS,TR or UK"
        )));
    }
    let status = call.text("status");
    if let Some(s) = status.filter(|s| !matches!(*s, "rent" | "power_off")) {
        return Err(call.fail(format!("status must be rent or power_off, got '{s}'")));
    }
    let mut components = Vec::new();
    for c in call.text("component").map(split).unwrap_or_default() {
        components.push(
            c.parse::<u64>()
                .map_err(|_| call.fail(format!("component ids must be numbers, got '{c}'")))?,
        );
    }
    let mut groups = call.text("group").map(split).unwrap_or_default();
    groups.extend(
        show::GROUPS
            .iter()
            .filter(|(code, _)| call.params.get(code).is_some())
            .map(|(c, _)| c.to_string()),
    );
    let mut wanted_groups = Vec::new();
    for g in &groups {
        let code = show::GROUPS
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(g))
            .map(|(c, _)| *c);
        wanted_groups.push(code.ok_or_else(|| call.fail(format!("unknown group {g}")))?);
    }
    let mac = call.text("mac").map(normalize_mac);
    let ip = call.text("ip");
    let matches = |s: &Server| -> bool {
        (locations.is_empty() || locations.iter().any(|l| l.eq_ignore_ascii_case(s.location)))
            && status.is_none_or(|st| (st == "power_off") == s.suspended)
            && (components.is_empty() || components.contains(&s.id))
            && ip.is_none_or(|ip| s.ips.iter().any(|a| a.addr.to_string() == ip))
            && mac
                .as_deref()
                .is_none_or(|m| s.interfaces.iter().any(|i| normalize_mac(&i.mac) == m))
            && (wanted_groups.is_empty() || {
                let have = show::groups(s);
                wanted_groups.iter().all(|g| have.contains(g))
            })
    };
    let servers: Vec<u64> = auth::cached(state, &auth)
        .into_iter()
        .filter(|id| state.servers.get(id).is_some_and(matches))
        .collect();
    Ok(ok(&json!({ "servers": servers, "result": "OK" })))
}

/// A MAC in lower case with colons (`00.00.00.00.00.00` and dashes accepted).
fn normalize_mac(mac: &str) -> String {
    mac.trim().to_ascii_lowercase().replace(['.', '-'], ":")
}

fn status(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let ctx = power_context(server(state, call, id)?, "status");
    Ok(callback::accept(
        state,
        call,
        ctx,
        Finish::Status { server: id },
        ASYNC_MS,
    ))
}

fn sensors(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let server = bare_metal_only(call, server(state, call, id)?, "reading sensors")?;
    let at = call.now() + ASYNC_MS / 1000;
    let temp = |base: f64| metrics::temperature(server.seed, at, base).round() as i64;
    let fan = 2400 + temp(0.0) * 60;
    let rows = [
        ("CPU Temp", format!("{} degrees C", temp(34.0)), "ok"),
        ("PCH Temp", format!("{} degrees C", temp(36.0)), "ok"),
        ("System Temp", format!("{} degrees C", temp(24.0)), "ok"),
        ("Peripheral Temp", format!("{} degrees C", temp(31.0)), "ok"),
        ("P1-DIMMA1 Temp", format!("{} degrees C", temp(25.0)), "ok"),
        ("P1-DIMMC1 Temp", "no reading".to_string(), "ns"),
        ("FAN", format!("{fan} RPM"), "ok"),
        ("12V", "12.06 Volts".to_string(), "ok"),
        ("5VCC", "5.08 Volts".to_string(), "ok"),
        ("3.3VCC", "3.33 Volts".to_string(), "ok"),
        ("VBAT", "3.00 Volts".to_string(), "ok"),
        ("PS Status", "0x01".to_string(), "ok"),
    ];
    let lines: Vec<String> = rows
        .iter()
        .map(|(name, value, st)| format!("{name:<17}| {value:<18}| {st}"))
        .collect();
    let table = format!("{}\n", lines.join("\n"));
    let outcome = Outcome::ok(table.clone(), table.replace('\n', ""));
    let ctx = context(server, "get_sensors");
    Ok(callback::accept(
        state,
        call,
        ctx,
        Finish::Fixed(outcome),
        ASYNC_MS,
    ))
}

fn power(state: &mut State, call: &Call, power: Power) -> Reply {
    let (_, id) = target(state, call)?;
    let server = server(state, call, id)?;
    // The document's reboot result names the action "off".
    let action = if power == Power::On { "on" } else { "off" };
    let ctx = power_context(server, action);
    let suspended = server.suspended && power != Power::Off;
    if !pin::check(state, call, "pin")? {
        return Ok(callback::refuse(state, call, Channel::Eq, ctx));
    }
    if suspended {
        let outcome = Outcome::fail("Server is suspended, please contact billing");
        return Ok(callback::accept(
            state,
            call,
            ctx,
            Finish::Fixed(outcome),
            ASYNC_MS,
        ));
    }
    if power == Power::Reboot {
        if let Some(s) = state.servers.get_mut(&id) {
            s.power_on = false;
        }
    }
    Ok(callback::accept(
        state,
        call,
        ctx,
        Finish::Power { server: id, power },
        POWER_MS,
    ))
}

fn console(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let server = server(state, call, id)?;
    if !server.is_vm() {
        return Err(call.fail(format!(
            "console is available for VMs only, use IPMI for server {id}"
        )));
    }
    let ctx = power_context(server, "console");
    let location = server.location.to_lowercase();
    let password: String = (0..8).map(|_| state.rng.alphanumeric()).collect();
    let port = 5_900 + state.rng.u16(0..1_000);
    let guid = format!(
        "{}-{}-{}-{}-{}",
        super::state::hex(&mut state.rng, 8),
        super::state::hex(&mut state.rng, 4),
        super::state::hex(&mut state.rng, 4),
        super::state::hex(&mut state.rng, 4),
        super::state::hex(&mut state.rng, 12)
    );
    let vv = format!(
        "[virt-viewer]\ntype=spice\nhost=198.51.100.250\nport={port}\npassword={password}\n\
         # Password is valid for 120 seconds.\ndelete-this-file=1\nfullscreen=0\ntitle={id}:%d\n\
         toggle-fullscreen=shift+f11\nrelease-cursor=shift+f12\nsecure-attention=ctrl+alt+end\n\
         tls-port={}\nenable-smartcard=0\nenable-usb-autoshare=0\nusb-filter=null\ntls-ciphers=DEFAULT\n\
         host-subject=O=infra.hostkey.com,CN=198.51.100.250\n\
         secure-channels=main;inputs;cursor;playback;record;display;smartcard;usbredir\n\n\
         [ovirt]\nhost=ovr-{}-engine02a.infra.hostkey.com:443\nvm-guid={guid}\nadmin=1\n\n",
        port + 1,
        location,
    );
    guarded(
        state,
        call,
        ctx,
        Finish::Fixed(Outcome::ok(vv, "")),
        ASYNC_MS,
    )
}

fn ipmi_user(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let server = bare_metal_only(call, server(state, call, id)?, "IPMI access")?;
    let mut ctx = context(server, call.action);
    if call.action == "remove_ipmi_user" {
        let user = server
            .ipmi_user
            .clone()
            .ok_or_else(|| call.fail(format!("no temporary IPMI user on server {id}")))?;
        ctx["User"] = json!(user);
        return Ok(callback::accept(
            state,
            call,
            ctx,
            Finish::IpmiUser {
                server: id,
                user: None,
            },
            ASYNC_MS,
        ));
    }
    let user = format!(
        "u{}{}",
        state.rng.uppercase(),
        (0..6).map(|_| state.rng.alphanumeric()).collect::<String>()
    );
    let password: String = (0..8).map(|_| state.rng.alphanumeric()).collect();
    ctx["User"] = json!(user);
    ctx["Password"] = json!(password);
    Ok(callback::accept(
        state,
        call,
        ctx,
        Finish::IpmiUser {
            server: id,
            user: Some(user),
        },
        ASYNC_MS,
    ))
}

fn unit_reset(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let server = bare_metal_only(call, server(state, call, id)?, "unit_reset")?;
    let ctx = context(server, "unit_reset");
    let outcome = Outcome::ok("Unit is reset", "Sent cold reset command to MC");
    guarded(state, call, ctx, Finish::Fixed(outcome), ASYNC_MS)
}

/// The "another reinstall in progress" refusal, when an install is under way.
fn busy(state: &State, server: &Server) -> Result<(), Failure> {
    let running = server.install.as_ref().is_some_and(|key| {
        state
            .jobs
            .get(key)
            .is_some_and(|j| j.started() && !j.done())
    });
    if running {
        return Err(reject(
            &json!({ "result": -1, "error": format!("another reinstall in progress for {}, please wait", server.id) }),
        ));
    }
    Ok(())
}

fn reinstall(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    let server = server(state, call, id)?;
    busy(state, server)?;
    let ctx = context(server, "reinstall");
    let key = state.key32();
    let finish = Finish::Install {
        server: id,
        os_id: None,
        root_pass: String::new(),
        hostname: None,
        ordered: false,
    };
    state
        .jobs
        .add(&key, Channel::Eq, ctx, finish, call.now_ms, None);
    Ok(ok(
        &json!({ "result": "OK", "action": "reinstall", "stage": "create_pxe", "callback": key }),
    ))
}

fn create_pxe(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    call.required("pin")?;
    let os_id = call.required_number("os_id")?;
    let root_pass = call.required("root_pass")?.to_string();
    let hostname = call.required("hostname")?.to_string();
    let server = server(state, call, id)?;
    busy(state, server)?;
    let os = catalog::os::find(os_id).ok_or_else(|| call.fail(format!("unknown os_id {os_id}")))?;
    let kind = if server.is_vm() {
        "vm"
    } else if server.hardware.gpu_count > 0 {
        "gpu"
    } else {
        "bm"
    };
    if !os.platforms.contains(&kind) {
        return Err(call.fail(format!(
            "OS {} (#{os_id}) can not be installed on server {id}",
            os.name
        )));
    }
    validate::pxe_password(&root_pass).map_err(|e| call.fail(e))?;
    validate::hostname(&hostname).map_err(|e| call.fail(format!("hostname: {e}")))?;
    if let Some(key) = call.text("ssh_key") {
        validate::ssh_key(key).map_err(|e| call.fail(e))?;
    }
    let reinstall_key = call.text("reinstall_key").map(str::to_string);
    if let Some(key) = &reinstall_key {
        let valid = state.jobs.get(key).is_some_and(|j| {
            !j.started() && matches!(j.finish, Finish::Install { server, ordered: false, .. } if server == id)
        });
        if !valid {
            return Err(call.fail(format!("invalid reinstall_key {key} for server {id}")));
        }
    }
    let ctx = context(server, "create_pxe");
    let config = PxeConfig {
        os_id,
        root_pass,
        hostname,
        reinstall_key,
    };
    guarded(
        state,
        call,
        ctx,
        Finish::CreatePxe { server: id, config },
        ASYNC_MS,
    )
}

fn boot_dev(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    call.required("pin")?;
    let media = match call.required("media")? {
        "pxe" => BootDevice::Pxe,
        "disk" => BootDevice::Disk,
        "cd" => BootDevice::Cd,
        other => return Err(call.fail(format!("media must be pxe, disk or cd, got '{other}'"))),
    };
    let ctx = context(
        server(state, call, id)?,
        &format!("bootdev_{}", media.name()),
    );
    guarded(
        state,
        call,
        ctx,
        Finish::BootDev { server: id, media },
        ASYNC_MS,
    )
}

fn clear_pxe(state: &mut State, call: &Call) -> Reply {
    let (_, id) = target(state, call)?;
    call.required("hostname")?;
    let ctx = context(server(state, call, id)?, "clear_pxe");
    Ok(callback::accept(
        state,
        call,
        ctx,
        Finish::ClearPxe { server: id },
        ASYNC_MS,
    ))
}

/// The scope of eq/status for a server's current power state.
pub(super) fn status_scope(server: &Server) -> (String, String) {
    match (server.is_vm(), server.power_on) {
        (true, true) => ("VM is up now".into(), "debug".into()),
        (true, false) => ("VM is down now".into(), "debug".into()),
        (false, on) => {
            let text = format!("Chassis Power is {}", if on { "on" } else { "off" });
            (text.clone(), text)
        }
    }
}

/// `2021/05/17 22:46:55`, the IPMI log timestamp.
pub(super) fn log_time(secs: u64) -> String {
    dates::datetime(secs).replace('-', "/")
}
