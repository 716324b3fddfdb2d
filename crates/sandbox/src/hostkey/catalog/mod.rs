//! The ordering catalogue, served without a token: `presets.php`, `os.php`,
//! `software.php`, `traffic_plans.php`, `stocks.php` and `jenkins.php`, and
//! the [`Product`] view eq/order_instance uses to price and build a server.

pub(super) mod os;
pub(super) mod presets;
pub(super) mod software;
pub(super) mod stocks;
pub(super) mod traffic;

use super::call::{ok, Call, Failure, Reply};
use super::state::{Hardware, Platform, State};
use presets::Preset;
use serde_json::{json, Value};
use stocks::Stock;

/// Locations and their `location_id`.
pub(super) const LOCATIONS: &[(&str, u64)] = &[
    ("NL", 1),
    ("US", 2),
    ("DE", 3),
    ("FI", 4),
    ("IS", 5),
    ("TR", 6),
    ("UK", 7),
];

/// The `location_id` of a location code (0 when unknown).
pub(super) fn location_id(code: &str) -> u64 {
    LOCATIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(0, |(_, id)| *id)
}

/// The canonical `&'static` code for a location, if valid.
pub(super) fn location(code: &str) -> Option<&'static str> {
    LOCATIONS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
        .map(|(c, _)| *c)
}

/// What kind of machine a product is, as the compatibility tags name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A VM (`vm`).
    Vm,
    /// A bare-metal server (`bm`).
    Bm,
    /// A VM with a passed-through GPU (`vgpu`).
    Vgpu,
    /// A bare-metal GPU server (`gpu`).
    Gpu,
}

impl Kind {
    /// The compatibility tag.
    pub fn tag(self) -> &'static str {
        match self {
            Kind::Vm => "vm",
            Kind::Bm => "bm",
            Kind::Vgpu => "vgpu",
            Kind::Gpu => "gpu",
        }
    }

    /// True for virtual machines.
    pub fn is_virtual(self) -> bool {
        matches!(self, Kind::Vm | Kind::Vgpu)
    }

    /// presets/list `server_type`.
    pub fn server_type(self) -> &'static str {
        match self {
            Kind::Vm => "Virtual Private Server",
            Kind::Bm => "Dedicated Server",
            Kind::Vgpu => "vGPU Server",
            Kind::Gpu => "GPU Server",
        }
    }
}

/// Something eq/order_instance can order: a preset or a stock server.
#[derive(Clone, Copy)]
pub(super) enum Product {
    /// An instant-server preset.
    Preset(&'static Preset),
    /// A stock dedicated server.
    Stock(&'static Stock),
}

impl Product {
    /// The preset with this id or name, else the stock server with this id.
    pub fn find(key: &str) -> Option<Product> {
        presets::find(key)
            .map(Product::Preset)
            .or_else(|| key.parse().ok().and_then(stocks::find).map(Product::Stock))
    }

    /// Its compatibility kind.
    pub fn kind(&self) -> Kind {
        match self {
            Product::Preset(p) => p.kind,
            Product::Stock(s) if s.gpu_count > 0 => Kind::Gpu,
            Product::Stock(_) => Kind::Bm,
        }
    }

    /// CPU cores.
    pub fn cpu(&self) -> u32 {
        match self {
            Product::Preset(p) => p.cpu,
            Product::Stock(s) => s.cpu_cores,
        }
    }

    /// RAM in GB.
    pub fn ram(&self) -> u32 {
        match self {
            Product::Preset(p) => p.ram,
            Product::Stock(s) => s.ram,
        }
    }

    /// Storage in GB.
    pub fn hdd(&self) -> u32 {
        match self {
            Product::Preset(p) => p.hdd,
            Product::Stock(s) => s.disk_size * s.disk_count,
        }
    }

    /// The preset name eq/show prints.
    pub fn name(&self) -> String {
        match self {
            Product::Preset(p) => p.name.to_string(),
            Product::Stock(s) => format!("stock.{}", s.id),
        }
    }

    /// The human description eq/show prints.
    pub fn description(&self) -> String {
        match self {
            Product::Preset(p) => p.description.to_string(),
            Product::Stock(s) => s.config(),
        }
    }

    /// True when orderable in `location`.
    pub fn sold_in(&self, location: &str) -> bool {
        match self {
            Product::Preset(p) => p.locations.contains(&location),
            Product::Stock(s) => s.location == location,
        }
    }

    /// The price in cents for `months` months.
    pub fn period_cents(&self, months: u32) -> Option<i64> {
        match self {
            Product::Preset(p) => Some(p.monthly_eur * 100 * i64::from(months)),
            Product::Stock(s) => s.period_cents(months),
        }
    }

    /// How long deployment takes once paid (stock servers are slower).
    pub fn deploy_ms(&self) -> u64 {
        match self {
            Product::Preset(_) => 60_000,
            Product::Stock(_) => 180_000,
        }
    }

    /// The hardware the delivered server has.
    pub fn hardware(&self) -> Hardware {
        match self {
            Product::Preset(p) => match &p.metal {
                None => Hardware {
                    platform: Platform::Vm,
                    config: format!("{} vCore/{}Gb/{}Gb {}", p.cpu, p.ram, p.hdd, p.disk),
                    motherboard: String::new(),
                    cpu_name: "vCPU".into(),
                    cpu_type: "vCPU".into(),
                    cpu_count: p.cpu,
                    cpu_cores: p.cpu,
                    cpu_frq: "2.4".into(),
                    ram: p.ram,
                    ram_type: "vram".into(),
                    hdd: p.hdd,
                    hdd_count: 1,
                    hdd_kind: p.disk.into(),
                    gpu_name: gpu_name(p.gpu),
                    gpu_count: u32::from(!p.gpu.is_empty()),
                    ipmi_model: "ovirt".into(),
                    hwraid: false,
                },
                Some(m) => Hardware {
                    platform: Platform::BareMetal,
                    config: format!("{}/{}Gb/{}Gb {}", m.cpu_name, p.ram, p.hdd, p.disk),
                    motherboard: m.board.into(),
                    cpu_name: m.cpu_name.into(),
                    cpu_type: m.cpu_type.into(),
                    cpu_count: 1,
                    cpu_cores: p.cpu,
                    cpu_frq: m.cpu_frq.into(),
                    ram: p.ram,
                    ram_type: m.ram_type.into(),
                    hdd: p.hdd,
                    hdd_count: 1,
                    hdd_kind: p.disk.into(),
                    gpu_name: gpu_name(p.gpu),
                    gpu_count: u32::from(!p.gpu.is_empty()),
                    ipmi_model: m.ipmi.into(),
                    hwraid: false,
                },
            },
            Product::Stock(s) => Hardware {
                platform: Platform::BareMetal,
                config: s.config(),
                motherboard: s.motherboard.into(),
                cpu_name: s.cpu_name.into(),
                cpu_type: s.cpu_type.into(),
                cpu_count: s.cpu_count,
                cpu_cores: s.cpu_cores,
                cpu_frq: s.cpu_frq.into(),
                ram: s.ram,
                ram_type: s.ram_type.into(),
                hdd: s.disk_size * s.disk_count,
                hdd_count: s.disk_count,
                hdd_kind: s.disk_name.rsplit(' ').next().unwrap_or("SSD").into(),
                gpu_name: s.gpu_name.map(str::to_string),
                gpu_count: s.gpu_count,
                ipmi_model: s.ipmi.into(),
                hwraid: s.hwraid,
            },
        }
    }
}

/// `"1xGTX1080"` → `GTX1080`.
fn gpu_name(label: &str) -> Option<String> {
    (!label.is_empty()).then(|| {
        label
            .split_once('x')
            .map_or(label, |(_, name)| name)
            .to_string()
    })
}

/// A location parameter that must name a known location.
fn required_location(call: &Call, name: &str) -> Result<&'static str, Failure> {
    let code = call.required(name)?;
    location(code).ok_or_else(|| {
        call.fail(format!(
            "unknown location {code}, expected one of NL/US/FI/DE/IS/TR/UK"
        ))
    })
}

/// The product named by `instance_id` (or the document's `instance` spelling).
fn instance(call: &Call) -> Result<Option<Product>, Failure> {
    let Some(id) = call.text("instance_id").or_else(|| call.text("instance")) else {
        return Ok(None);
    };
    Product::find(id)
        .map(Some)
        .ok_or_else(|| call.fail(format!("unknown instance {id}")))
}

/// `presets.php`.
pub(super) fn presets(state: &State, call: &Call) -> Reply {
    if call.action != "list" {
        return Err(call.unknown());
    }
    let location = required_location(call, "location")?;
    let list: Vec<Value> = presets::PRESETS
        .iter()
        .filter(|p| p.locations.contains(&location))
        .map(|p| {
            p.json(
                state
                    .preset_available
                    .get(&p.id)
                    .copied()
                    .unwrap_or(p.available),
            )
        })
        .collect();
    Ok(ok(
        &json!({ "result": "OK", "action": "list", "presets": list }),
    ))
}

/// `os.php`.
pub(super) fn os(call: &Call) -> Reply {
    if call.action != "list" {
        return Err(call.unknown());
    }
    let product = instance(call)?;
    let list: Vec<Value> = os::SYSTEMS
        .iter()
        .filter(|o| product.is_none_or(|p| o.fits(p.kind(), p.ram(), p.hdd())))
        .map(|o| o.json(product.map_or(1, |p| p.cpu())))
        .collect();
    Ok(ok(
        &json!({ "result": "OK", "action": "list", "os_list": list }),
    ))
}

/// `software.php`.
pub(super) fn software(call: &Call) -> Reply {
    if call.action != "list" {
        return Err(call.unknown());
    }
    if let Some(code) = call.text("location") {
        if location(code).is_none() {
            return Err(call.fail(format!(
                "unknown location {code}, expected one of NL/US/FI/DE/IS/TR/UK"
            )));
        }
    }
    let product = instance(call)?;
    let list: Vec<Value> = software::SOFTWARE
        .iter()
        .filter(|s| product.is_none_or(|p| s.fits(p.kind(), p.cpu(), p.ram())))
        .map(software::Software::json)
        .collect();
    Ok(ok(
        &json!({ "result": "OK", "action": "list", "software": list }),
    ))
}

/// `traffic_plans.php`.
pub(super) fn traffic_plans(call: &Call) -> Reply {
    if call.action != "list" {
        return Err(call.unknown());
    }
    let code = call.required("location")?;
    let not_found = || call.fail("error while looking for traffic plans");
    let location = location(code).ok_or_else(not_found)?;
    let product = instance(call).map_err(|_| not_found())?;
    let list: Vec<Value> = traffic::PLANS
        .iter()
        .filter(|p| p.sold_in(location) && product.is_none_or(|i| p.fits(i.kind())))
        .map(traffic::Plan::json)
        .collect();
    if list.is_empty() {
        return Err(not_found());
    }
    Ok(ok(
        &json!({ "result": "OK", "action": "list", "traffic_plans": list }),
    ))
}

/// `stocks.php`.
pub(super) fn stocks(state: &State, call: &Call) -> Reply {
    match call.action {
        "list" => {
            let location = required_location(call, "location")?;
            let group = call.required("group")?;
            if !stocks::GROUPS.contains(&group) {
                return Err(call.fail(format!(
                    "unknown group {group}, expected one of {}",
                    stocks::GROUPS.join(", ")
                )));
            }
            let list: Vec<Value> = stocks::STOCKS
                .iter()
                .filter(|s| {
                    s.location == location && s.in_group(group) && !state.stock_sold.contains(&s.id)
                })
                .map(Stock::list_json)
                .collect();
            Ok(ok(
                &json!({ "result": "OK", "action": "list", "servers": list }),
            ))
        }
        "show" => {
            let id = call.required_number("id")?;
            let stock = stocks::find(id)
                .filter(|s| !state.stock_sold.contains(&s.id))
                .ok_or_else(|| call.fail(format!("stock server {id} not found")))?;
            Ok(ok(
                &json!({ "result": "OK", "action": "show", "server_data": stock.show_json() }),
            ))
        }
        _ => Err(call.unknown()),
    }
}

/// `jenkins.php`: the post-install tasks.
pub(super) fn jenkins(call: &Call) -> Reply {
    if call.action != "get_tasks" {
        return Err(call.unknown());
    }
    let tags =
        |names: &[&str]| -> Vec<Value> { names.iter().map(|t| json!({ "tag": t })).collect() };
    let task = "invapi_gpu_conf_iommu_patch_gpu_linux_auto.dsl";
    Ok(ok(&json!({
        "result": "OK",
        "tasks": [
            { "id": -1, "task": "", "desc": "Do nothing", "tag": "", "tags": tags(&["gpu", "vgpu", "vm", "bm"]) },
            { "id": 1, "task": task, "desc": "Install GPU drivers", "tag": "gpu_driver", "tags": tags(&["gpu", "vgpu", "default"]) },
            { "id": 2, "task": task, "desc": "Install GPU drivers + NVIDIA docker", "tag": "gpu_driver_docker", "tags": tags(&["gpu", "vgpu"]) },
            { "id": 3, "task": task, "desc": "Install GPU drivers + NVIDIA docker + IOMMU patch", "tag": "gpu_driver_docker_iommu", "tags": tags(&["gpu", "vgpu"]) },
        ],
    })))
}
