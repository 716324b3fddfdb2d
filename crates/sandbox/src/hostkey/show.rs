//! A server as eq/show prints it: `server_data` with billing and traffic
//! counters, `hardware` with its per-component tag arrays, groups, licences,
//! IPs (with block state), interfaces (with port state), IPMI and tags.

use super::catalog::stocks::raid_levels;
use super::catalog::{location_id, traffic};
use super::dates::{self, DAY};
use super::metrics::{traffic_gb, Direction};
use super::state::{Hardware, Platform, Server, Tag};
use serde_json::{json, Value};

/// Server groups eq/list filters on: (code, id).
pub(super) const GROUPS: &[(&str, u64)] = &[
    ("VPS", 21),
    ("Mini", 22),
    ("Storage", 23),
    ("Nodes", 24),
    ("Micro", 26),
    ("Dell", 27),
    ("Instances", 28),
    ("AMD", 29),
    ("1CPU", 32),
    ("2CPU", 33),
    ("Gpu", 41),
];

/// The groups a server belongs to.
pub(super) fn groups(server: &Server) -> Vec<&'static str> {
    let hw = &server.hardware;
    let mut out = Vec::new();
    if hw.platform == Platform::Vm {
        out.push("VPS");
        if hw.cpu_cores <= 2 {
            out.push("Micro");
        }
    } else {
        out.push(if hw.cpu_count > 1 { "2CPU" } else { "1CPU" });
        if hw.cpu_type.starts_with("AMD") {
            out.push("AMD");
        }
        if hw.motherboard.contains("DELL") {
            out.push("Dell");
        }
        if hw.ram <= 16 {
            out.push("Mini");
        }
        if hw.hdd_count >= 4 {
            out.push("Storage");
        }
    }
    if hw.gpu_count > 0 {
        out.push("Gpu");
    }
    if server.preset_name.contains('.') && !server.preset_name.starts_with("stock.") {
        out.push("Instances");
    }
    out
}

/// A tag object; `component` is `Component1` in list/show and `eq` in add/remove answers.
pub(super) fn tag_json(server_id: u64, tag: &Tag, component: &str) -> Value {
    json!({
        "id": tag.id,
        "component": component,
        "component_id": server_id,
        "tag": tag.name,
        "value": tag.value,
        "extra": tag.extra,
        "internal": i32::from(tag.internal),
    })
}

/// Traffic counters (GB, whole numbers) for the current billing period.
fn counters(server: &Server, now: u64) -> (u64, u64, u64) {
    let start =
        dates::add_months(server.next_due, -i64::from(server.cycle_months)).max(server.reg_date);
    let out = traffic_gb(server.seed, start, now.max(start), Direction::Out) as u64;
    let inbound = traffic_gb(server.seed, start, now.max(start), Direction::In) as u64;
    let limit_gb =
        traffic::find(server.traffic_plan).map_or(u64::MAX, |p| u64::from(p.limit_out) * 1000);
    (out, inbound, out.saturating_sub(limit_gb))
}

/// The eq/show answer for `server` at `now` (Unix seconds).
pub(super) fn show(server: &Server, now: u64) -> Value {
    let plan = traffic::find(server.traffic_plan);
    let (out_gb, in_gb, billed_gb) = counters(server, now);
    let vm = server.is_vm();
    let status = if server.suspended {
        "power_off"
    } else {
        "rent"
    };
    let kind = if vm { "VPS" } else { "Server" };
    let groups: Vec<Value> = groups(server)
        .into_iter()
        .filter_map(|code| GROUPS.iter().find(|(c, _)| *c == code))
        .map(|(code, id)| json!({ "ID": id.to_string(), "Code": code, "Name": code, "active": 1 }))
        .collect();
    let ports_enabled = |port: &str| {
        server
            .interfaces
            .iter()
            .any(|i| i.name == port && i.enabled)
    };
    let ips: Vec<Value> = server
        .ips
        .iter()
        .map(|ip| {
            let block = ip.block_at(now);
            json!({
                "port": ip.port,
                "MAC": ip.mac,
                "IP": ip.addr.to_string(),
                "status": if ports_enabled(&ip.port) { "enable" } else { "disable" },
                "main_ip": i32::from(ip.main),
                "locked": i32::from(block.is_some()),
                "date_block": block.map(|b| dates::datetime(b.since)),
                "license_id": ip.license.as_ref().map(|(id, _)| *id),
                "main_int": i32::from(server.interfaces.iter().any(|i| i.main && i.name == ip.port)),
                "vlan": ip.subnet.vlan,
                "updated": 0,
                "license_name": ip.license.as_ref().map_or("", |(_, name)| name.as_str()),
                "white_ddos": 0,
                "description": "",
            })
        })
        .collect();
    let interfaces: Vec<Value> = server
        .interfaces
        .iter()
        .map(|i| {
            json!({
                "id": i.id,
                "type": i.name,
                "mac": i.mac,
                "upstream_id": null,
                "IsMain": i32::from(i.main),
                "IsVirt": 0,
                "Status": if i.enabled { "enable" } else { "disable" },
                "switch_owner": "",
                "switch_model": i.switch_model,
            })
        })
        .collect();
    let ipmi = match server.ipmi_ip {
        Some(addr) => {
            json!({ "model": server.hardware.ipmi_model, "interfaces": [{ "IP": addr.to_string(), "user": server.ipmi_user }] })
        }
        None => json!({ "model": server.hardware.ipmi_model, "interfaces": [] }),
    };
    let licenses: Vec<Value> = server
        .licenses
        .iter()
        .map(|l| json!({ "id": l.id, "name": l.name, "amount": 1, "date_buy": "" }))
        .collect();
    let tags: Vec<Value> = server
        .tags
        .iter()
        .map(|t| tag_json(server.id, t, "Component1"))
        .collect();
    json!({
        "result": "OK",
        "server_data": {
            "id": server.id,
            "ref_tableName": kind,
            "Condition_Component": status,
            "account_id": server.service_id,
            "type_billing": "whmcs_com",
            "is_owner": "Rent",
            "cost_trafficIN": plan.map_or(0, |p| p.rate_in),
            "limit_trafficIN": plan.map_or(0, |p| p.limit_in),
            "cost_traffic": plan.map_or(0, |p| p.rate_out),
            "limit_traffic": plan.map_or(0, |p| p.limit_out),
            "new_limit_traffic": 0,
            "limit_bands": plan.map_or(0, |p| p.bandwidth),
            "trafficPeriodOut": out_gb,
            "trafficPeriodIn": in_gb,
            "trafficPeriodOutBilling": billed_gb,
            "trafficPeriodInBilling": 0,
            "datePeriod": format!("{} 00:00:00", dates::date(server.next_due)),
            "IsShape": 1,
            "hwconfig": server.hardware.config,
            "status": status,
            "type": kind,
            "days_left": server.next_due.saturating_sub(now) / DAY,
            "due_date": dates::date(server.next_due),
        },
        "hardware": hardware(&server.hardware),
        "groups": groups,
        "licenses": licenses,
        "location": { "dc_location": server.location, "location_id": location_id(server.location) },
        "OS": null,
        "IP": ips,
        "interfaces": interfaces,
        "IPMI": ipmi,
        "tags": tags,
        "preset": server.preset_name,
        "preset_description": server.preset_description,
    })
}

/// `n` copies of `value`, as the per-component tag arrays list them.
fn repeat(value: &str, n: u32) -> Value {
    json!(vec![value; n as usize])
}

fn hardware(hw: &Hardware) -> Value {
    let vm = hw.platform == Platform::Vm;
    let disk_size = hw.hdd / hw.hdd_count.max(1);
    let (ram_module, hdd_unit) = if vm {
        (1, 10)
    } else {
        (if hw.ram >= 64 { 16 } else { 8 }, disk_size.max(1))
    };
    let ram_modules = (hw.ram / ram_module).max(1);
    let hdd_units = if vm {
        (hw.hdd / hdd_unit).max(1)
    } else {
        hw.hdd_count.max(1)
    };
    let cpus = if vm { hw.cpu_cores } else { hw.cpu_count };
    let locations = "NL,US,FI,IS,TR";
    let mut components = vec![
        json!({ "Type": "Platform", "Name": if vm { "Ovirt VM" } else { hw.motherboard.as_str() }, "Count": 1, "hdd_type": hw.hdd_kind }),
        json!({
            "Type": "CPU",
            "Name": if vm { "VPS Core" } else { hw.cpu_name.as_str() },
            "Count": cpus,
            "hdd_type": hw.hdd_kind,
            "Cores": hw.cpu_cores,
            "cpu_type": if vm { "INTEL" } else { hw.cpu_type.as_str() },
        }),
        json!({
            "Type": "RAM",
            "Name": if vm { "VPS RAM 1Gb".to_string() } else { format!("{} {ram_module}Gb", hw.ram_type.to_uppercase()) },
            "Count": ram_modules,
            "hdd_type": hw.hdd_kind,
            "Size": ram_module,
        }),
        json!({
            "Type": "HDD",
            "Name": if vm { "VPS HDD 10 Gb".to_string() } else { format!("{disk_size}Gb {}", hw.hdd_kind) },
            "Count": hdd_units,
            "hdd_type": hw.hdd_kind,
            "Size": hdd_unit,
        }),
    ];
    if let Some(gpu) = &hw.gpu_name {
        components.push(
            json!({ "Type": "GPU", "Name": gpu, "Count": hw.gpu_count, "hdd_type": hw.hdd_kind }),
        );
    }
    let cpu_cores_each = (hw.cpu_cores / cpus.max(1)).to_string();
    let tags = json!({
        "platform_ipmi": [hw.ipmi_model],
        "platform_location": ["NL,US,FI,IS,DE"],
        "platform_tdp": ["1"],
        "platform_blades": ["100"],
        "platform_nojava_console": [""],
        "platform_vm": [if vm { "true" } else { "" }],
        "platform_virt": [if vm { "1" } else { "0" }],
        "cpu_location": repeat(locations, cpus),
        "cpu_deprecation": repeat("8", cpus),
        "cpu_production_start": repeat("", cpus),
        "cpu_tdp": repeat("1", cpus),
        "cpu_virt": repeat(if vm { "1" } else { "0" }, cpus),
        "cpu_frq": repeat(&hw.cpu_frq, cpus),
        "cpu_cores": repeat(&cpu_cores_each, cpus),
        "ram_vm": repeat(if vm { "1" } else { "0" }, ram_modules),
        "ram_location": repeat(locations, ram_modules),
        "ram_ram_type": repeat(&hw.ram_type.to_uppercase(), ram_modules),
        "ram_size": repeat(&ram_module.to_string(), ram_modules),
        "ram_ramtype": repeat(&hw.ram_type.to_uppercase(), ram_modules),
        "ram_virt": repeat(if vm { "1" } else { "0" }, ram_modules),
        "hdd_location": repeat(locations, hdd_units),
        "hdd_tdp": repeat("0.01", hdd_units),
        "hdd_size": repeat(&hdd_unit.to_string(), hdd_units),
        "hdd_type": repeat("HDD", hdd_units),
        "hdd_virt": repeat(if vm { "1" } else { "0" }, hdd_units),
        "hdd_interface": repeat(if hw.hdd_kind.contains("NVMe") { "NVMe" } else { "SATA" }, hdd_units),
        "hdd_interface_sata": repeat("SATA", hdd_units),
        "eta": if vm { 0.07 } else { 1.0 },
    });
    json!({
        "config": hw.config,
        "components": components,
        "tags": tags,
        "vm": i32::from(vm),
        "gpu": i32::from(hw.gpu_count > 0),
        "vds": 0,
        "uefi": 0,
        "hwraid": i32::from(hw.hwraid),
        "motherboard_name": hw.motherboard,
        "cpu_name": hw.cpu_name,
        "cpu_type": hw.cpu_type,
        "cpu_count": hw.cpu_count,
        "cpu_cores": hw.cpu_cores,
        "cpu_frq": hw.cpu_frq,
        "ram": hw.ram,
        "ram_type": hw.ram_type,
        "hdd": hw.hdd,
        "hdd_count": hw.hdd_count,
        "hdd_groups": [{
            "name": format!("{disk_size}Gb {}", hw.hdd_kind),
            "type": "HDD",
            "count": hw.hdd_count,
            "size": disk_size.to_string(),
        }],
        "hdd_pairs": hw.hdd_count / 2,
        "gpu_name": hw.gpu_name,
        "gpu_count": hw.gpu_count,
        "raid_levels": raid_levels(if vm { 1 } else { hw.hdd_count }),
    })
}
