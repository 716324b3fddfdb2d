//! LlamaLink server orders: `POST /user/subscribe-vps` (shop plan) and
//! `POST /user/custom-packages` (custom hardware, priced by the documented
//! formula), both idempotent on `x-provision-op-id`, and the provisioning
//! progress of `GET /user/vps/provision-progress/:opId`.

use super::account::{Account, Kind, Subscription};
use super::body;
use super::catalog::{self, OsTemplate};
use super::servers::{Server, Spec, PROVISION_MS};
use super::{error, Allocator};
use crate::{wire, Incoming, Response};
use serde_json::{json, Map, Value};

/// The header that names an order so a retry does not order twice.
const OP_HEADER: &str = "x-provision-op-id";
/// The longest accepted operation id.
const OP_MAX: usize = 128;
/// Largest custom build.
const MAX_CORES: u32 = 64;
const MAX_RAM_GB: u32 = 512;
const MIN_STORAGE_GB: u32 = 10;
const MAX_STORAGE_GB: u32 = 4_000;
const MAX_IPV4: u32 = 16;
/// How far `estimatedPrice` may drift from the server's price (ILS).
const MAX_DRIFT: f64 = 0.02;

/// A provisioning operation: the order it answered and when it started.
#[derive(Debug, Clone)]
pub(super) struct Operation {
    vps_id: u64,
    started_ms: u64,
}

impl Operation {
    /// The 201 body every request with this operation id gets.
    fn receipt(&self) -> Value {
        json!({ "subscribed": true, "vpsId": self.vps_id, "message": "Server provisioned successfully." })
    }

    /// `GET /user/vps/provision-progress/:opId` at `now_ms`.
    fn progress(&self, now_ms: u64) -> Value {
        let elapsed = now_ms.saturating_sub(self.started_ms);
        let percent = (elapsed * 100 / PROVISION_MS).min(100);
        let (status, message) = match percent {
            100 => ("success", "completed"),
            80.. => ("in_progress", "booting"),
            40.. => ("in_progress", "installing os"),
            10.. => ("in_progress", "allocating"),
            _ => ("in_progress", "queued"),
        };
        json!({ "status": status, "percent": percent, "vpsId": self.vps_id, "message": message })
    }
}

/// A validated order: the server to build and what it costs.
struct Order {
    spec: Spec,
    ipv4: u32,
    price: f64,
    subscription: String,
}

/// `POST /user/subscribe-vps`.
pub(super) fn subscribe(
    account: &mut Account,
    alloc: &mut Allocator,
    request: &Incoming,
    now_ms: u64,
) -> Response {
    place(account, alloc, request, now_ms, |body| {
        let plan_id = body::text(body, "planId")?;
        let plan = catalog::plan(plan_id).ok_or_else(|| {
            format!("planId must be one of the ids from /platform/vps-plans (got {plan_id:?})")
        })?;
        let os = catalog::os(body::text(body, "os")?)?;
        check_windows(os, plan.storage_gb)?;
        Ok(Order {
            spec: Spec {
                name: String::new(),
                cpus: plan.cpus,
                ram_gb: plan.ram_gb,
                storage_gb: plan.storage_gb,
                ips: Vec::new(),
            },
            ipv4: 1,
            price: plan.price,
            subscription: format!("VPS {}", plan.name),
        })
    })
}

/// `POST /user/custom-packages`.
pub(super) fn custom(
    account: &mut Account,
    alloc: &mut Allocator,
    request: &Incoming,
    now_ms: u64,
) -> Response {
    place(account, alloc, request, now_ms, |body| {
        let name = body::text(body, "name")?;
        if name.len() > 63
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        {
            return Err("name must be 1 to 63 letters, digits, '-' or '.'".into());
        }
        let (_, cpu_rate) = body::pick(body, "cpuType", &catalog::CPU_PRICES, |(k, _)| k)?;
        let cores = body::whole(body, "cpuCores", 1, MAX_CORES)?;
        let ram = body::whole(body, "ram", 1, MAX_RAM_GB)?;
        let (_, storage_rate) =
            body::pick(body, "storageType", &catalog::STORAGE_PRICES, |(k, _)| k)?;
        let storage_gb = body::whole(body, "storageGB", MIN_STORAGE_GB, MAX_STORAGE_GB)?;
        let ipv4 = body::whole(body, "ipv4", 0, MAX_IPV4)?;
        let estimated = body::number(body, "estimatedPrice")?;
        let os = catalog::os(body::text(body, "os")?)?;
        check_windows(os, storage_gb)?;
        let expected =
            catalog::custom_price(*cpu_rate, cores, ram, *storage_rate, storage_gb, ipv4);
        if (estimated - expected).abs() > MAX_DRIFT + 1e-9 {
            return Err(format!(
                "estimatedPrice does not match the server price (expected {expected:.2})"
            ));
        }
        Ok(Order {
            spec: Spec {
                name: name.to_string(),
                cpus: cores,
                ram_gb: ram,
                storage_gb,
                ips: Vec::new(),
            },
            ipv4,
            price: (expected * 100.0).round() / 100.0,
            subscription: format!("Custom VPS {name}"),
        })
    })
}

/// Windows will not install on a small disk.
fn check_windows(os: &OsTemplate, storage_gb: u32) -> Result<(), String> {
    if catalog::is_windows(os) && storage_gb < catalog::WINDOWS_MIN_GB {
        return Err(format!(
            "Windows requires at least {}GB disk (storageGB is {storage_gb})",
            catalog::WINDOWS_MIN_GB
        ));
    }
    Ok(())
}

/// The common order flow: operation id, replay, validation, payment, build.
fn place(
    account: &mut Account,
    alloc: &mut Allocator,
    request: &Incoming,
    now_ms: u64,
    validate: impl FnOnce(&Map<String, Value>) -> Result<Order, String>,
) -> Response {
    let op_id = match operation_id(request) {
        Ok(id) => id,
        Err(message) => return error(400, &message),
    };
    if let Some(done) = account.operations.get(op_id) {
        return wire::json(201, &done.receipt());
    }
    let order = match body::object(request.body).and_then(|b| validate(&b)) {
        Ok(order) => order,
        Err(message) => return error(400, &message),
    };
    if !account.can_pay() {
        return error(402, "No valid payment method");
    }
    let vps_id = alloc.vps_id();
    let mut spec = order.spec;
    if spec.name.is_empty() {
        spec.name = format!("vps-{vps_id}");
    }
    spec.ips = alloc.addresses(order.ipv4);
    account
        .servers
        .push(Server::ordered(vps_id, spec, alloc.seed(), now_ms));
    account.subscriptions.push(Subscription {
        id: alloc.subscription_id(),
        kind: Kind::Vps,
        name: order.subscription,
        price_monthly: order.price,
        started_ms: now_ms,
        ready_ms: now_ms + PROVISION_MS,
    });
    let operation = Operation {
        vps_id,
        started_ms: now_ms,
    };
    let receipt = operation.receipt();
    account.operations.insert(op_id.to_string(), operation);
    wire::json(201, &receipt)
}

/// The `x-provision-op-id` header, checked.
fn operation_id<'a>(request: &Incoming<'a>) -> Result<&'a str, String> {
    let id = wire::header(request.headers, OP_HEADER)
        .map(str::trim)
        .unwrap_or("");
    if id.is_empty() {
        return Err(format!("{OP_HEADER} header is required"));
    }
    if id.len() > OP_MAX
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c))
    {
        return Err(format!(
            "{OP_HEADER} must be 1 to {OP_MAX} letters, digits, '-', '_', '.' or ':'"
        ));
    }
    Ok(id)
}

/// `GET /user/vps/provision-progress/:opId`.
pub(super) fn progress(account: &Account, op_id: &str, now_ms: u64) -> Response {
    match account.operations.get(op_id) {
        Some(op) => wire::json(200, &op.progress(now_ms)),
        None => error(404, "Provisioning operation not found"),
    }
}
