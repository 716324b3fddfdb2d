//! LiteVPS VMs: the create body (plan or template defaults, explicit
//! fields overriding them), the VPS object, creation (single and batch, with
//! the 402 balance rule), power actions and deletion (single and batch).

use super::body::{self, insufficient, invalid, money, not_found, Refusal};
use super::catalog::{Catalog, Plan, Template};
use super::exec::Job;
use super::snapshots::Snapshot;
use super::Ctx;
use crate::fleet::{ipv4, ipv6, rfc3339, uuid, Transition};
use crate::{wire, Response};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// How long a new VM stays `creating`.
pub(super) const CREATE_MS: u64 = 20_000;
/// The server's `max_batch_size`.
pub(super) const MAX_BATCH_SIZE: usize = 10;
/// Most ids one batch delete or batch exec takes.
pub(super) const MAX_BATCH_IDS: usize = 100;
const MAX_USER_DATA: usize = 65_536;
const MAX_TTL_MINUTES: u64 = 43_200;
/// Where cloud-init leaves the user data on the guest.
const USER_DATA_PATH: &str = "/var/lib/cloud/instance/user-data.txt";

/// The state a VM is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    Creating,
    Running,
    Stopped,
    Error,
}

impl State {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            State::Creating => "creating",
            State::Running => "running",
            State::Stopped => "stopped",
            State::Error => "error",
        }
    }
}

/// A power action (`POST /api/vps/:id/start|stop|restart`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Power {
    Start,
    Stop,
    Restart,
}

impl Power {
    /// The action named in the path.
    pub(super) fn parse(name: &str) -> Option<Power> {
        match name {
            "start" => Some(Power::Start),
            "stop" => Some(Power::Stop),
            "restart" => Some(Power::Restart),
            _ => None,
        }
    }
}

/// One VM.
#[derive(Debug, Clone)]
pub(super) struct Vm {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) state: Transition<State>,
    pub(super) plan_id: String,
    pub(super) template: Option<String>,
    pub(super) vcpu: u64,
    pub(super) memory_mb: u64,
    pub(super) disk_gb: u64,
    pub(super) ipv4: String,
    pub(super) ipv6: String,
    pub(super) price_hourly: f64,
    pub(super) ssh_key_ids: Vec<String>,
    pub(super) created_ms: u64,
    pub(super) expires_ms: Option<u64>,
    /// The access token that created it; its charges count against that token.
    pub(super) token: Option<String>,
    /// When the guest last booted.
    pub(super) booted_ms: u64,
    /// Share of the disk in use.
    pub(super) disk_used: f64,
    pub(super) files: BTreeMap<String, Vec<u8>>,
    pub(super) snapshots: Vec<Snapshot>,
    pub(super) jobs: Vec<Job>,
}

impl Vm {
    /// A VM made from `spec` with the `host`-th addresses, created at
    /// `created_ms` and booted when `state` settles.
    pub(super) fn build(
        id: String,
        spec: Spec,
        host: usize,
        created_ms: u64,
        state: Transition<State>,
        disk_used: f64,
    ) -> Vm {
        let mut files = BTreeMap::from([(
            "/etc/hostname".to_string(),
            format!("{}\n", spec.name).into_bytes(),
        )]);
        if let Some(user_data) = spec.user_data {
            files.insert(USER_DATA_PATH.to_string(), user_data.into_bytes());
        }
        Vm {
            id,
            files,
            name: spec.name,
            state,
            plan_id: spec.plan_id,
            template: spec.template,
            vcpu: spec.vcpu,
            memory_mb: spec.memory_mb,
            disk_gb: spec.disk_gb,
            ipv4: ipv4(host),
            ipv6: ipv6(host),
            price_hourly: spec.price_hourly,
            ssh_key_ids: spec.ssh_key_ids,
            created_ms,
            expires_ms: spec.ttl_minutes.map(|m| created_ms + m * 60_000),
            token: None,
            booted_ms: state.until_ms().max(created_ms),
            disk_used,
            snapshots: Vec::new(),
            jobs: Vec::new(),
        }
    }

    /// The state at `now_ms`.
    pub(super) fn state_at(&self, now_ms: u64) -> State {
        if self.expires_ms.is_some_and(|t| t <= now_ms) {
            return State::Stopped;
        }
        self.state.at(now_ms)
    }

    /// Whether the VM is charged at the minute boundary `at_ms`.
    pub(super) fn billable_at(&self, at_ms: u64) -> bool {
        self.state_at(at_ms) == State::Running
    }

    /// The times after which the VM's billing could change.
    pub(super) fn changes(&self) -> [u64; 2] {
        [self.state.until_ms(), self.expires_ms.unwrap_or(0)]
    }

    /// The VPS object.
    pub(super) fn json(&self, now_ms: u64) -> Value {
        let state = self.state_at(now_ms);
        let addressed = state != State::Creating;
        json!({
            "id": self.id,
            "name": self.name,
            "state": state.as_str(),
            "plan_id": self.plan_id,
            "template": self.template,
            "vcpu": self.vcpu,
            "memory_mb": self.memory_mb,
            "disk_gb": self.disk_gb,
            "ipv4": addressed.then_some(&self.ipv4),
            "ipv6": addressed.then_some(&self.ipv6),
            "price_hourly": money(self.price_hourly),
            "ssh_key_ids": self.ssh_key_ids,
            "created_at": rfc3339(self.created_ms),
            "expires_at": self.expires_ms.map(rfc3339),
        })
    }
}

/// A validated create body.
#[derive(Debug, Clone)]
pub(super) struct Spec {
    name: String,
    plan_id: String,
    template: Option<String>,
    vcpu: u64,
    memory_mb: u64,
    disk_gb: u64,
    user_data: Option<String>,
    ttl_minutes: Option<u64>,
    ssh_key_ids: Vec<String>,
    price_hourly: f64,
}

impl Spec {
    /// A VM of `plan` named `name`, made from `template` if given, with `ssh_key_ids`.
    pub(super) fn of_plan(
        name: String,
        plan: &Plan,
        template: Option<&Template>,
        ssh_key_ids: Vec<String>,
    ) -> Spec {
        Spec {
            name,
            plan_id: plan.id.clone(),
            template: template.map(|t| t.name.to_string()),
            vcpu: plan.vcpu,
            memory_mb: plan.memory_mb,
            disk_gb: plan.disk_gb,
            user_data: template.and_then(|t| t.user_data).map(str::to_string),
            ttl_minutes: None,
            ssh_key_ids,
            price_hourly: plan.price_hourly,
        }
    }
}

/// A hostname label: 1–63 letters, digits and inner hyphens.
fn is_hostname(name: &str) -> bool {
    (1..=63).contains(&name.len())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

/// Validates one create body against the catalogue and the account's keys.
fn spec(catalog: &Catalog, key_ids: &[String], body: &Map<String, Value>) -> Result<Spec, String> {
    let name = body::text(body, "name")?;
    if !is_hostname(name) {
        return Err("name must be a hostname: 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen".into());
    }
    let template =
        match body::optional_text(body, "template")? {
            Some(t) => Some(catalog.template(t).ok_or_else(|| {
                format!("template {t:?} does not exist (see GET /api/templates)")
            })?),
            None => None,
        };
    let plan_id = match (body::optional_text(body, "plan_id")?, template) {
        (Some(id), _) => id,
        (None, Some(t)) => t.plan_id.as_str(),
        (None, None) => return Err("plan_id or template is required".into()),
    };
    let plan = catalog
        .plan(plan_id)
        .ok_or_else(|| format!("plan_id {plan_id:?} is not a plan (see GET /api/pricing)"))?;
    let vcpu = body::optional_int(body, "vcpu", 1, 32)?
        .or(template.map(|t| t.vcpu))
        .unwrap_or(plan.vcpu);
    let memory_mb = body::optional_int(body, "memory_mb", 256, 131_072)?
        .or(template.map(|t| t.memory_mb))
        .unwrap_or(plan.memory_mb);
    let disk_gb = body::optional_int(body, "disk_gb", 5, 2_000)?
        .or(template.map(|t| t.disk_gb))
        .unwrap_or(plan.disk_gb);
    let user_data = match body.get("user_data") {
        None | Some(Value::Null) => template.and_then(|t| t.user_data).map(str::to_string),
        Some(Value::String(s)) if s.len() <= MAX_USER_DATA => Some(s.clone()),
        Some(_) => {
            return Err(format!(
                "user_data must be a string of at most {MAX_USER_DATA} bytes"
            ))
        }
    };
    let ttl_minutes = body::optional_int(body, "ttl_minutes", 1, MAX_TTL_MINUTES)?
        .or(template.and_then(|t| t.ttl_minutes));
    let ssh_key_ids = body::strings(body, "ssh_key_ids", false)?.unwrap_or_default();
    if let Some(unknown) = ssh_key_ids.iter().find(|id| !key_ids.contains(id)) {
        return Err(format!("ssh_key_ids: no SSH key with id {unknown:?}"));
    }
    let scale = [
        vcpu as f64 / plan.vcpu as f64,
        memory_mb as f64 / plan.memory_mb as f64,
        disk_gb as f64 / plan.disk_gb as f64,
    ]
    .into_iter()
    .fold(1.0, f64::max);
    Ok(Spec {
        name: name.to_string(),
        plan_id: plan.id.clone(),
        template: template.map(|t| t.name.to_string()),
        vcpu,
        memory_mb,
        disk_gb,
        user_data,
        ttl_minutes,
        ssh_key_ids,
        price_hourly: money(plan.price_hourly * scale),
    })
}

/// Builds the VM a spec describes, `creating` for [`CREATE_MS`].
fn launch(ctx: &mut Ctx, spec: Spec) -> Value {
    let now = ctx.now;
    let state = Transition::between(State::Creating, State::Running, now + CREATE_MS);
    let host = *ctx.hosts;
    *ctx.hosts += 1;
    let disk_used = 0.04 + ctx.rng.f64() * 0.06;
    let mut vm = Vm::build(uuid(ctx.rng), spec, host, now, state, disk_used);
    vm.token = ctx.token.clone();
    let created = vm.json(now);
    ctx.account.vms.push(vm);
    created
}

/// The ids of the account's SSH keys.
fn key_ids(ctx: &Ctx) -> Vec<String> {
    ctx.account.keys.iter().map(|k| k.id.clone()).collect()
}

/// `POST /api/vps`.
pub(super) fn create(ctx: &mut Ctx, body: &[u8]) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let spec = spec(ctx.catalog, &key_ids(ctx), &object).map_err(invalid)?;
    if ctx.account.balance < spec.price_hourly {
        return Err(insufficient(ctx.account.balance, spec.price_hourly));
    }
    Ok(wire::json(201, &launch(ctx, spec)))
}

/// `POST /api/vps/batch`: 207 with one result per item, or 402 when the
/// balance does not cover the first hour of every valid item.
pub(super) fn batch_create(ctx: &mut Ctx, body: &[u8]) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let items = match object.get("vms") {
        None | Some(Value::Null) => return Err(invalid("vms is required")),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(invalid("vms must be an array of VM create bodies")),
    };
    if items.is_empty() {
        return Err(invalid("vms must not be empty"));
    }
    if items.len() > MAX_BATCH_SIZE {
        return Err(invalid(format!(
            "vms holds {} VMs; max_batch_size is {MAX_BATCH_SIZE}",
            items.len()
        )));
    }
    let keys = key_ids(ctx);
    let specs: Vec<Result<Spec, String>> = items
        .iter()
        .map(|item| match item {
            Value::Object(map) => spec(ctx.catalog, &keys, map),
            _ => Err("item must be a JSON object".into()),
        })
        .collect();
    let required: f64 = specs.iter().flatten().map(|s| s.price_hourly).sum();
    if required > 0.0 && ctx.account.balance < money(required) {
        return Err(insufficient(ctx.account.balance, required));
    }
    let results: Vec<Value> = specs
        .into_iter()
        .enumerate()
        .map(|(index, spec)| match spec {
            Ok(spec) => json!({ "index": index, "vps": launch(ctx, spec) }),
            Err(message) => json!({ "index": index, "error": message }),
        })
        .collect();
    Ok(wire::json(207, &json!({ "results": results })))
}

/// `GET /api/vps`.
pub(super) fn list(ctx: &Ctx) -> Response {
    let items: Vec<Value> = ctx.account.vms.iter().map(|vm| vm.json(ctx.now)).collect();
    wire::json(200, &json!(items))
}

/// `GET /api/vps/:id`.
pub(super) fn get(ctx: &Ctx, id: &str) -> Result<Response, Refusal> {
    let vm = ctx.account.vm(id).ok_or_else(not_found)?;
    Ok(wire::json(200, &vm.json(ctx.now)))
}

/// Removes the VM `id`; whether it existed.
fn remove(ctx: &mut Ctx, id: &str) -> bool {
    let before = ctx.account.vms.len();
    ctx.account.vms.retain(|vm| vm.id != id);
    ctx.account.vms.len() < before
}

/// `DELETE /api/vps/:id`.
pub(super) fn delete(ctx: &mut Ctx, id: &str) -> Result<Response, Refusal> {
    if !remove(ctx, id) {
        return Err(not_found());
    }
    Ok(wire::json(200, &json!({ "id": id, "deleted": true })))
}

/// The `ids` list of a batch body: present, non-empty, not too long.
pub(super) fn batch_ids(object: &Map<String, Value>) -> Result<Vec<String>, Refusal> {
    let ids = body::strings(object, "ids", true)
        .map_err(invalid)?
        .unwrap_or_default();
    if ids.is_empty() {
        return Err(invalid("ids must not be empty"));
    }
    if ids.len() > MAX_BATCH_IDS {
        return Err(invalid(format!(
            "ids holds {} ids; at most {MAX_BATCH_IDS} per batch",
            ids.len()
        )));
    }
    Ok(ids)
}

/// `POST /api/vps/batch/delete`.
pub(super) fn batch_delete(ctx: &mut Ctx, body: &[u8]) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let results: Vec<Value> = batch_ids(&object)?
        .into_iter()
        .map(|id| match remove(ctx, &id) {
            true => json!({ "id": id, "deleted": true }),
            false => json!({ "id": id, "error": "not found" }),
        })
        .collect();
    Ok(wire::json(207, &json!({ "results": results })))
}

/// `POST /api/vps/:id/start|stop|restart`.
pub(super) fn power(ctx: &mut Ctx, id: &str, action: Power) -> Result<Response, Refusal> {
    let now = ctx.now;
    let balance = ctx.account.balance;
    let vm = ctx.account.vm_mut(id).ok_or_else(not_found)?;
    match (vm.state_at(now), action) {
        (State::Creating, _) => return Err(body::error(409, "vps is still creating")),
        (State::Error, Power::Start | Power::Restart) => {
            return Err(body::error(409, "vps is in error state"))
        }
        (State::Stopped, Power::Restart) => return Err(body::error(409, "vps is not running")),
        (State::Stopped, Power::Start) if balance < vm.price_hourly => {
            return Err(insufficient(balance, vm.price_hourly));
        }
        (State::Stopped, Power::Start) => {
            vm.state = Transition::settled(State::Running);
            vm.booted_ms = now;
        }
        (State::Running, Power::Restart) => vm.booted_ms = now,
        (State::Running | State::Error, Power::Stop) => {
            vm.state = Transition::settled(State::Stopped)
        }
        (State::Running, Power::Start) | (State::Stopped, Power::Stop) => {}
    }
    Ok(wire::json(200, &vm.json(now)))
}
