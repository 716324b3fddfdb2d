//! eq/order_instance. Without `id` it orders a preset or stock server: an
//! invoice paid from credit when autopay is on and the credit covers it (else
//! left unpaid), and a deploy key (auth/info `deploy_keys`) that finishes
//! `deploy_vm` once the invoice is paid and the deployment has run. With `id`
//! it reinstalls that server: a key stepping through the five install stages
//! to `deploy_done`.

use super::auth::{self, Auth};
use super::call::{ok, reject, Call, Failure, Reply};
use super::callback;
use super::catalog::{self, os, software, traffic, Kind, Product};
use super::dates;
use super::invoices;
use super::jobs::{Channel, Finish, Outcome, STAGE_MS};
use super::pin;
use super::seed::{cycle_name, Spec};
use super::state::{Invoice, InvoiceKind, InvoiceStatus, Ip, Item, Server, State};
use super::validate;
use serde_json::json;

/// A paid-for server waiting to be deployed.
#[derive(Clone)]
pub(super) struct Order {
    pub server_id: u64,
    pub ip: Ip,
    pub product: Product,
    pub location: &'static str,
    pub os_id: Option<u64>,
    pub root_pass: String,
    pub hostname: String,
    pub months: u32,
    pub invoice_id: u64,
    pub traffic_plan: u64,
    pub recurring_cents: i64,
    pub service_id: u64,
    pub order_id: u64,
}

/// The kind of an existing server, for compatibility checks.
fn server_kind(server: &Server) -> Kind {
    match (server.is_vm(), server.hardware.gpu_count > 0) {
        (true, false) => Kind::Vm,
        (true, true) => Kind::Vgpu,
        (false, false) => Kind::Bm,
        (false, true) => Kind::Gpu,
    }
}

/// eq/order_instance.
pub(super) fn handle(state: &mut State, call: &Call) -> Reply {
    let auth = auth::session(state, call)?;
    if call.text("id").is_some() {
        reinstall(state, call, &auth)
    } else {
        order(state, call)
    }
}

/// The `deploy_period` in months (both spellings the document uses).
fn months(call: &Call) -> Result<u32, Failure> {
    match call.required("deploy_period")? {
        "monthly" | "month" => Ok(1),
        "quarterly" | "quarter" => Ok(3),
        "semi-annually" | "6 months" => Ok(6),
        "annually" | "year" => Ok(12),
        other => Err(call.fail(format!(
            "deploy_period must be monthly, quarterly, semi-annually or annually, got '{other}'"
        ))),
    }
}

/// The OS, unless `own_os=1` ships the server without one.
fn chosen_os(
    call: &Call,
    kind: Kind,
    ram: u32,
    hdd: u32,
    what: &str,
) -> Result<Option<&'static os::Os>, Failure> {
    if call.flag("own_os")? == Some(true) {
        return Ok(None);
    }
    let id = call.required_number("os_id")?;
    let os = os::find(id).ok_or_else(|| call.fail(format!("unknown os_id {id}")))?;
    if !os.active {
        return Err(call.fail(format!("OS {} (#{id}) is not available", os.name)));
    }
    if !os.fits(kind, ram, hdd) {
        return Err(call.fail(format!(
            "OS {} (#{id}) is not compatible with {what}",
            os.name
        )));
    }
    Ok(Some(os))
}

/// The optional extra software, checked against the OS and the machine.
fn chosen_software(
    call: &Call,
    os: Option<&os::Os>,
    kind: Kind,
    cpu: u32,
    ram: u32,
) -> Result<Option<&'static software::Software>, Failure> {
    let Some(id) = call.number("soft_id")? else {
        return Ok(None);
    };
    let soft = software::find(id).ok_or_else(|| call.fail(format!("unknown soft_id {id}")))?;
    let Some(os) = os else {
        return Err(call.fail("soft_id needs an operating system (own_os=1 was given)"));
    };
    if !soft.supports(os.id) || !soft.fits(kind, cpu, ram) {
        return Err(reject(&json!({
            "result": -1,
            "error": format!("reinstall: extra software {} (#{}) is not compatible with {}", soft.name, soft.id, os.name),
        })));
    }
    Ok(Some(soft))
}

/// Optional extras shared by both modes: hostname, SSH key, root partition size, callbacks.
fn extras(call: &Call) -> Result<Option<String>, Failure> {
    let hostname = call.text("hostname").map(str::to_string);
    if let Some(name) = &hostname {
        validate::hostname(name).map_err(|e| call.fail(format!("hostname: {e}")))?;
    }
    if let Some(key) = call.text("ssh_key") {
        validate::ssh_key(key).map_err(|e| call.fail(e))?;
    }
    if let Some(size) = call.number("root_size")? {
        if !(1..=100).contains(&size) {
            return Err(call.fail("root_size must be a percentage between 1 and 100"));
        }
    }
    if let Some(url) = call.text("post_install_callback") {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(call.fail("post_install_callback must be an http(s) URL"));
        }
    }
    if let Some(task) = call.text("jenkins_task") {
        if !["-1", "1", "2", "3"].contains(&task) {
            return Err(call.fail("jenkins_task must be -1, 1, 2 or 3"));
        }
    }
    Ok(hostname)
}

fn order(state: &mut State, call: &Call) -> Reply {
    for name in [
        "deploy_period",
        "deploy_notify",
        "pin",
        "preset",
        "location_name",
        "traffic_plan",
        "root_pass",
    ] {
        call.required(name)?;
    }
    if !pin::check(state, call, "pin")? {
        return Err(call.fail("invalid pin"));
    }
    let months = months(call)?;
    if !matches!(call.required("deploy_notify")?, "true" | "false") {
        return Err(call.fail("deploy_notify must be true or false"));
    }
    let code = call.required("location_name")?;
    let location = catalog::location(code)
        .ok_or_else(|| call.fail(format!("unknown location_name {code}")))?;
    let key = call.required("preset")?;
    let product = Product::find(key).ok_or_else(|| call.fail(format!("preset {key} not found")))?;
    if !product.sold_in(location) {
        return Err(call.fail(format!(
            "preset {} is not available in {location}",
            product.name()
        )));
    }
    let available = match product {
        Product::Preset(p) => state.preset_available.get(&p.id).copied().unwrap_or(0) > 0,
        Product::Stock(s) => !state.stock_sold.contains(&s.id),
    };
    if !available {
        return Err(call.fail(format!(
            "preset {} is sold out in {location}",
            product.name()
        )));
    }
    let (kind, what) = (product.kind(), format!("preset {}", product.name()));
    let os = chosen_os(call, kind, product.ram(), product.hdd(), &what)?;
    chosen_software(call, os, kind, product.cpu(), product.ram())?;
    let plan_id = call.required_number("traffic_plan")?;
    let plan = traffic::find(plan_id)
        .filter(|p| p.sold_in(location) && p.fits(kind))
        .ok_or_else(|| {
            call.fail(format!(
                "traffic plan {plan_id} is not available for this instance in {location}"
            ))
        })?;
    let root_pass = call.required("root_pass")?.to_string();
    validate::order_password(&root_pass).map_err(|e| call.fail(e))?;
    let hostname = extras(call)?;

    let base = product.period_cents(months).ok_or_else(|| {
        call.fail(format!(
            "preset {} can not be ordered for {months} months",
            product.name()
        ))
    })?;
    let licence = os.map_or(0, |o| o.monthly_cents(product.cpu()) * i64::from(months));
    let traffic = i64::from(plan.price) * 100 * i64::from(months);

    state.next.server += 1 + state.rng.u64(0..40);
    state.next.service += 1;
    state.next.order += 1;
    state.next.invoice += 1;
    let (server_id, service_id, invoice_id) =
        (state.next.server, state.next.service, state.next.invoice);
    let hostname = hostname.unwrap_or_else(|| server_id.to_string());
    let now = call.now();
    let period = format!(
        "{} ({} - {})",
        cycle_name(months),
        dates::date(now),
        dates::date(dates::add_months(now, i64::from(months)))
    );
    let mut lines = vec![(
        "Hosting",
        format!("{} ({hostname}) - {period}", product.description()),
        base,
    )];
    if let Some(os) = os.filter(|_| licence > 0) {
        lines.push(("Addon", format!("{} licence - {period}", os.name), licence));
    }
    if traffic > 0 {
        lines.push(("Addon", format!("{} - {period}", plan.name), traffic));
    }
    let items: Vec<Item> = lines
        .into_iter()
        .map(|(kind, description, amount_cents)| {
            state.next.item += 1;
            Item {
                id: state.next.item,
                kind,
                relid: service_id,
                description,
                amount_cents,
            }
        })
        .collect();
    let key = state.key32();
    state.billing.invoices.insert(
        invoice_id,
        Invoice {
            id: invoice_id,
            kind: InvoiceKind::Order(key.clone()),
            date: now,
            due: now,
            paid_at: None,
            created: now,
            updated: now,
            status: InvoiceStatus::Unpaid,
            method: "paypal",
            items,
            credit_cents: 0,
            paid_cents: 0,
        },
    );
    match product {
        Product::Preset(p) => {
            if let Some(n) = state.preset_available.get_mut(&p.id) {
                *n = n.saturating_sub(1);
            }
        }
        Product::Stock(s) => {
            state.stock_sold.insert(s.id);
        }
    }
    let ip = state.allocate_ip(location);
    let context = json!({
        "action": "deploy_vm",
        "id": server_id.to_string(),
        "location": location,
        "ip": ip.addr.to_string(),
        "ip_ipmi": "0.0.0.0",
    });
    let order = Order {
        server_id,
        ip,
        product,
        location,
        os_id: os.map(|o| o.id),
        root_pass,
        hostname,
        months,
        invoice_id,
        traffic_plan: plan.id,
        recurring_cents: base + licence + traffic,
        service_id,
        order_id: state.next.order,
    };
    state.jobs.add(
        &key,
        Channel::Eq,
        context,
        Finish::Deploy(Box::new(order)),
        call.now_ms,
        None,
    );
    let autopay = state
        .billing
        .custom
        .get("co_autopayment")
        .is_some_and(|v| v == "on");
    let total = state
        .billing
        .invoices
        .get(&invoice_id)
        .map_or(0, Invoice::balance);
    let status = if autopay && state.billing.credit_cents >= total {
        invoices::apply_credit(state, invoice_id, total, call.now_ms);
        "Paid"
    } else {
        "Unpaid"
    };
    Ok(ok(
        &json!({ "result": "OK", "action": "order_instance", "invoice": invoice_id, "status": status }),
    ))
}

fn reinstall(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    let id = auth::server(state, call, auth, "id")?;
    call.required("pin")?;
    let root_pass = call.required("root_pass")?.to_string();
    let Some(server) = state.servers.get(&id) else {
        return Err(call.fail("no server with that ID was found"));
    };
    if server
        .install
        .as_ref()
        .is_some_and(|key| state.jobs.get(key).is_some_and(|j| !j.done()))
    {
        return Err(reject(
            &json!({ "result": -1, "error": format!("another reinstall in progress for {id}, please wait") }),
        ));
    }
    let (kind, hw) = (server_kind(server), &server.hardware);
    let os = chosen_os(call, kind, hw.ram, hw.hdd, &format!("server {id}"))?;
    let soft = chosen_software(call, os, kind, hw.cpu_cores, hw.ram)?;
    validate::order_password(&root_pass).map_err(|e| call.fail(e))?;
    let hostname = extras(call)?;
    let mut context = callback::context(server, "reinstall_vm");
    context["ip"] = json!(server
        .main_ip()
        .map(|ip| ip.addr.to_string())
        .unwrap_or_default());
    context["ip_ipmi"] = json!("0.0.0.0");
    context["reinstall"] = json!(1);
    if !pin::check(state, call, "pin")? {
        return Ok(callback::refuse(state, call, Channel::Eq, context));
    }
    let key = state.key32();
    let finish = Finish::Install {
        server: id,
        os_id: os.map(|o| o.id),
        root_pass,
        hostname,
        ordered: true,
    };
    state.jobs.add(
        &key,
        Channel::Eq,
        context,
        finish,
        call.now_ms,
        Some((6 * STAGE_MS, true)),
    );
    if let Some(server) = state.servers.get_mut(&id) {
        server.install = Some(key.clone());
        server.power_on = true;
    }
    Ok(ok(&json!({
        "result": "OK",
        "action": "order_instance",
        "callback": key,
        "deploy_status": "reinstall",
        "id": id,
        "os_name": os.map_or("", |o| o.name),
        "soft_name": soft.map_or("", |s| s.name),
    })))
}

/// Puts a deployed order's server into the account (the deploy key's result).
pub(super) fn deliver(state: &mut State, order: &Order, at_ms: u64) -> Outcome {
    let at = at_ms / 1000;
    let spec = Spec {
        id: order.server_id,
        location: order.location,
        product: order.product,
        hostname: order.hostname.clone(),
        os: order.os_id.and_then(os::find),
        password: order.root_pass.clone(),
        reg_date: at,
        next_due: dates::add_months(at, i64::from(order.months)),
        cycle_months: order.months,
        recurring_cents: order.recurring_cents,
        service_id: order.service_id,
        order_id: order.order_id,
        traffic_plan: order.traffic_plan,
        ip: order.ip.clone(),
        power_on: true,
        suspended: false,
        panel: false,
    };
    let server = state.assemble(spec);
    state.servers.insert(server.id, server);
    if let Some(invoice) = state.billing.invoices.get_mut(&order.invoice_id) {
        invoice.kind = InvoiceKind::Service(order.server_id);
    }
    Outcome::ok(
        format!(
            "Autodeploy completed, check VRI-208-{}",
            60_000 + order.server_id % 10_000
        ),
        "0",
    )
}
