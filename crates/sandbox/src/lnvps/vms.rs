//! VM endpoints: list and read, settings (`PATCH /vm/{id}`), power actions
//! and re-install (a few seconds of `pending`, 402 once expired), standard
//! and custom orders (an unpaid VM whose expiry equals its creation), the
//! audit log and the hourly metrics series.

use serde::Deserialize;
use serde_json::{json, Value};

use super::reply::Rejection;

use super::catalogue::{self, Arch, DiskInterface, DiskType, Spec, Template, CUSTOM};
use super::reply::{body, fail, invalid, not_found, ok, optional_body, present, Query, Reply};
use super::state::{Call, Ids, State};
use super::vm::{self, Event, Power, Vm, POWER_ACTION_MS, PROVISION_MS};

/// A power action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PowerAction {
    /// `PATCH /vm/{id}/start`.
    Start,
    /// `PATCH /vm/{id}/stop`.
    Stop,
    /// `PATCH /vm/{id}/restart`.
    Restart,
}

/// 402 for a VM whose paid time has run out.
fn expired() -> Rejection {
    fail(402, "VM has expired, renew it first")
}

/// 409 while a previous action is still under way.
fn busy(vm: &Vm, now: u64) -> Rejection {
    fail(
        409,
        format!("VM is busy ({}), try again in a few seconds", vm.state(now)),
    )
}

/// True for a DNS name: dot-separated labels of letters, digits and inner hyphens.
fn valid_hostname(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name);
    name.len() <= 253
        && name.contains('.')
        && name.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// 400 unless `image` runs on `arch`.
fn check_arch(image: &catalogue::Image, arch: Arch) -> Result<(), Rejection> {
    if image.arch == arch {
        Ok(())
    } else {
        Err(invalid(format!(
            "image_id: image {} is built for {}, the VM's CPU is {}",
            image.id,
            image.arch.name(),
            arch.name()
        )))
    }
}

#[derive(Debug, Deserialize)]
struct VmPatch {
    #[serde(default)]
    ssh_key_id: Option<u64>,
    #[serde(default, deserialize_with = "present")]
    reverse_dns: Option<Option<String>>,
    #[serde(default)]
    auto_renewal_enabled: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct Reinstall {
    #[serde(default)]
    image_id: Option<u64>,
}

#[derive(Debug, Deserialize)]
struct NewVm {
    template_id: u64,
    image_id: u64,
    ssh_key_id: u64,
}

/// The hardware part of a custom price request or order.
#[derive(Debug, Deserialize)]
pub(super) struct CustomSpec {
    pricing_id: u64,
    cpu: u16,
    memory: u64,
    disk: u64,
    disk_type: DiskType,
    disk_interface: DiskInterface,
    #[serde(default)]
    cpu_mfg: Option<String>,
    #[serde(default)]
    cpu_arch: Option<String>,
    #[serde(default)]
    cpu_feature: Vec<String>,
    #[serde(default)]
    ip4_count: Option<u8>,
    #[serde(default)]
    ip6_count: Option<u8>,
}

impl CustomSpec {
    /// The spec, checked against the custom plan.
    pub(super) fn resolve(&self) -> Result<Spec, Rejection> {
        if self.pricing_id != CUSTOM.id {
            return Err(not_found());
        }
        let (mfg, arch) = CUSTOM.cpu();
        if let Some(want) = self
            .cpu_mfg
            .as_deref()
            .filter(|m| !m.eq_ignore_ascii_case(mfg))
        {
            return Err(invalid(format!(
                "cpu_mfg: no custom plan with `{want}` CPUs (offered: {mfg})"
            )));
        }
        if let Some(want) = self
            .cpu_arch
            .as_deref()
            .filter(|a| Arch::parse(a) != Some(arch))
        {
            return Err(invalid(format!(
                "cpu_arch: no custom plan for `{want}` (offered: {})",
                arch.name()
            )));
        }
        if !self.cpu_feature.is_empty() {
            return Err(invalid(format!(
                "cpu_feature: no custom plan guarantees {}",
                self.cpu_feature.join(", ")
            )));
        }
        let spec = Spec {
            cpu: self.cpu,
            memory: self.memory,
            disk: self.disk,
            disk_type: self.disk_type,
            disk_interface: self.disk_interface,
            ip4: self.ip4_count.unwrap_or(1),
            ip6: self.ip6_count.unwrap_or(1),
        };
        CUSTOM.check(&spec).map_err(invalid)?;
        Ok(spec)
    }
}

#[derive(Debug, Deserialize)]
struct NewCustomVm {
    #[serde(flatten)]
    spec: CustomSpec,
    image_id: u64,
    ssh_key_id: u64,
}

impl State {
    /// Checks the caller's VM `id`, then runs `change` on it with the id counters.
    fn change_vm<R>(
        &mut self,
        call: &Call,
        id: u64,
        change: impl FnOnce(&mut Vm, &mut Ids) -> R,
    ) -> Result<R, Rejection> {
        self.vm(call, id)?;
        let vm = self.vms.get_mut(&id).ok_or_else(not_found)?;
        Ok(change(vm, &mut self.ids))
    }

    /// `GET /api/v1/vm`.
    pub(super) fn list_vms(&mut self, call: &Call) -> Reply {
        let account = self.account(call)?;
        let ids: Vec<u64> = account.vms.iter().copied().collect();
        let vms = ids
            .iter()
            .filter_map(|id| self.vms.get(id))
            .map(|vm| self.vm_json(vm, call.now));
        ok(json!(vms.collect::<Vec<_>>()))
    }

    /// `GET /api/v1/vm/{id}`.
    pub(super) fn get_vm(&mut self, call: &Call, id: u64) -> Reply {
        let vm = self.vm(call, id)?;
        ok(self.vm_json(vm, call.now))
    }

    /// `PATCH /api/v1/vm/{id}`: SSH key, reverse DNS, auto-renewal.
    pub(super) fn patch_vm(&mut self, call: &Call, id: u64) -> Reply {
        let patch: VmPatch = body(call.request)?;
        self.vm(call, id)?;
        if let Some(key) = patch.ssh_key_id {
            self.key(call, key)?;
        }
        if let Some(Some(name)) = &patch.reverse_dns {
            if !name.is_empty() && !valid_hostname(name) {
                return Err(invalid(format!(
                    "reverse_dns: `{name}` is not a valid host name"
                )));
            }
        }
        self.change_vm(call, id, |vm, ids| {
            let mut changed = serde_json::Map::new();
            if let Some(key) = patch.ssh_key_id {
                vm.ssh_key_id = key;
                changed.insert("ssh_key_id".into(), json!(key));
            }
            if let Some(ptr) = patch.reverse_dns {
                let ptr = ptr.filter(|p| !p.is_empty());
                for ip in &mut vm.ips {
                    ip.reverse_dns.clone_from(&ptr);
                }
                changed.insert("reverse_dns".into(), json!(ptr));
            }
            if let Some(auto) = patch.auto_renewal_enabled {
                vm.auto_renewal = auto;
                changed.insert("auto_renewal_enabled".into(), json!(auto));
            }
            if !changed.is_empty() {
                let mut entry = Event::new(
                    ids.event(),
                    call.now,
                    "configuration_changed",
                    "owner",
                    (None, None),
                    "VM settings changed",
                );
                entry.metadata = Some(Value::Object(changed));
                vm.log(entry);
            }
        })?;
        ok(Value::Null)
    }

    /// `PATCH /api/v1/vm/{id}/start|stop|restart`.
    pub(super) fn power(&mut self, call: &Call, id: u64, action: PowerAction) -> Reply {
        let now = call.now;
        self.change_vm(call, id, |vm, ids| {
            if vm.busy(now) {
                return Err(busy(vm, now));
            }
            let before = vm.state(now);
            let (action_type, text) = match action {
                PowerAction::Start | PowerAction::Restart if vm.expired(now) => {
                    return Err(expired())
                }
                PowerAction::Start if vm.power.on => return Ok(()),
                PowerAction::Stop if !vm.power.on => return Ok(()),
                PowerAction::Stop if vm.expired(now) => {
                    vm.power.on = false;
                    vm.power.off_since = Some(vm.expires_ms);
                    ("stopped", "VM stopped by owner")
                }
                PowerAction::Start => {
                    vm.transition(now, true, "pending", POWER_ACTION_MS);
                    ("started", "VM started by owner")
                }
                PowerAction::Stop => {
                    vm.transition(now, false, "pending", POWER_ACTION_MS);
                    ("stopped", "VM stopped by owner")
                }
                PowerAction::Restart => {
                    vm.transition(now, true, "pending", POWER_ACTION_MS);
                    ("restarted", "VM restarted by owner")
                }
            };
            let after = if vm.power.on { "running" } else { "stopped" };
            vm.log(Event::new(
                ids.event(),
                now,
                action_type,
                "owner",
                (Some(before), Some(after)),
                text,
            ));
            Ok(())
        })??;
        ok(Value::Null)
    }

    /// `PATCH /api/v1/vm/{id}/re-install`, optionally onto another image.
    pub(super) fn reinstall(&mut self, call: &Call, id: u64) -> Reply {
        let request: Option<Reinstall> = optional_body(call.request)?;
        let now = call.now;
        let vm = self.vm(call, id)?;
        if vm.expired(now) {
            return Err(expired());
        }
        if vm.busy(now) {
            return Err(busy(vm, now));
        }
        let image_id = match request.and_then(|r| r.image_id) {
            Some(image_id) => {
                let image = catalogue::image_by_id(image_id).ok_or_else(not_found)?;
                check_arch(&image, vm.template.arch)?;
                image_id
            }
            None => vm.image_id,
        };
        self.change_vm(call, id, |vm, ids| {
            let before = vm.state(now);
            vm.image_id = image_id;
            vm.transition(now, true, "creating", PROVISION_MS);
            let mut entry = Event::new(
                ids.event(),
                now,
                "reinstalled",
                "owner",
                (Some(before), Some("running")),
                "VM re-installed",
            );
            entry.metadata = Some(json!({ "image_id": image_id }));
            vm.log(entry);
        })?;
        ok(Value::Null)
    }

    /// Stores a new unpaid VM on `template` and answers its `VmStatus`.
    fn place_order(
        &mut self,
        call: &Call,
        template: Template,
        image_id: u64,
        ssh_key_id: u64,
    ) -> Reply {
        let image = catalogue::image_by_id(image_id).ok_or_else(not_found)?;
        self.key(call, ssh_key_id)?;
        check_arch(&image, template.arch)?;
        let id = self.ids.vm();
        let mut vm = Vm {
            id,
            owner: call.user.clone(),
            created_ms: call.now,
            paid_since: None,
            expires_ms: call.now,
            image_id,
            ssh_key_id,
            ips: vm::addresses(id, template.spec.ip4, template.spec.ip6, &mut self.ids.ip),
            template,
            auto_renewal: false,
            subscription_id: None,
            power: Power {
                on: false,
                busy_until: 0,
                busy_state: "pending",
                booted_ms: 0,
                off_since: None,
                outage: (0, 0),
            },
            history: Vec::new(),
            payments: Vec::new(),
            seed: self.seed ^ id.wrapping_mul(0x2545_f491_4f6c_dd1d),
            expiry_logged: false,
        };
        vm.log(Event::new(
            self.ids.event(),
            call.now,
            "created",
            "owner",
            (None, Some("unknown")),
            "VM ordered",
        ));
        let json = self.vm_json(&vm, call.now);
        self.account(call)?.vms.insert(id);
        self.vms.insert(id, vm);
        ok(json)
    }

    /// `POST /api/v1/vm`.
    pub(super) fn order(&mut self, call: &Call) -> Reply {
        let new: NewVm = body(call.request)?;
        let template = catalogue::template(new.template_id).ok_or_else(not_found)?;
        self.place_order(call, template, new.image_id, new.ssh_key_id)
    }

    /// `POST /api/v1/vm/custom-template`.
    pub(super) fn order_custom(&mut self, call: &Call) -> Reply {
        let new: NewCustomVm = body(call.request)?;
        let spec = new.spec.resolve()?;
        let template = CUSTOM
            .template(self.ids.template(), spec, call.now)
            .map_err(invalid)?;
        self.place_order(call, template, new.image_id, new.ssh_key_id)
    }

    /// `GET /api/v1/vm/{id}/history`: newest first; paged when both `limit` and `offset` are given.
    pub(super) fn history(&mut self, call: &Call, id: u64) -> Reply {
        let window = Query::of(call.request).window()?;
        let vm = self.vm(call, id)?;
        let entries: Vec<Value> = vm.history.iter().rev().map(|e| e.to_json(vm.id)).collect();
        ok(json!(if window.explicit {
            window.slice(entries)
        } else {
            entries
        }))
    }

    /// `GET /api/v1/vm/{id}/time-series`.
    pub(super) fn time_series(&mut self, call: &Call, id: u64) -> Reply {
        let vm = self.vm(call, id)?;
        ok(json!(vm.time_series(call.now)))
    }
}
