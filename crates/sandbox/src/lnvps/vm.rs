//! One VM: what was ordered, what has been paid, and its power state, which
//! is worked out from stored timestamps at the moment it is asked for
//! (`unknown` until paid, `creating` while provisioned, `pending` during a
//! power action, `stopped` once expired), rendered as `VmStatus` JSON.

use serde_json::{json, Value};

use super::catalogue::{self, Template};
use super::metrics::{self, IDLE};
use super::ssh;
use super::time::{rfc3339, DAY, HOUR, MONTH, SECOND};

/// How long a power action takes.
pub(super) const POWER_ACTION_MS: u64 = 5 * SECOND;
/// How long provisioning (and re-installing) takes.
pub(super) const PROVISION_MS: u64 = 30 * SECOND;
/// How long an unpaid order is kept.
pub(super) const UNPAID_KEEP_MS: u64 = HOUR;
/// How often the status cache refreshes.
const STATUS_REFRESH_SECS: u64 = 30;

/// An IP address of a VM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Ip {
    /// Assignment id.
    pub(super) id: u64,
    /// Address with prefix length.
    pub(super) ip: String,
    /// Gateway address.
    pub(super) gateway: String,
    /// PTR record, when the owner set one.
    pub(super) reverse_dns: Option<String>,
}

/// The power side of a VM, as timestamps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Power {
    /// True when the VM should be running.
    pub(super) on: bool,
    /// Until when a transition shows `busy_state`.
    pub(super) busy_until: u64,
    /// The state shown during a transition (`creating`, `pending`).
    pub(super) busy_state: &'static str,
    /// When the VM first finished booting (0: never).
    pub(super) booted_ms: u64,
    /// Since when it has been off, while it is off.
    pub(super) off_since: Option<u64>,
    /// The last stretch it was not running (a stop, a restart, a lapse).
    pub(super) outage: (u64, u64),
}

/// One entry of the VM's audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Event {
    /// Entry id.
    pub(super) id: u64,
    /// When, Unix ms.
    pub(super) at_ms: u64,
    /// `action_type`.
    pub(super) action: &'static str,
    /// `owner` or `system`.
    pub(super) by: &'static str,
    /// State before, when the action changed it.
    pub(super) previous: Option<&'static str>,
    /// State after, when the action changed it.
    pub(super) new: Option<&'static str>,
    /// Extra details as a JSON object.
    pub(super) metadata: Option<Value>,
    /// What happened, in words.
    pub(super) description: String,
}

impl Event {
    /// An entry without metadata; `states` is (previous, new).
    pub(super) fn new(
        id: u64,
        at_ms: u64,
        action: &'static str,
        by: &'static str,
        (previous, new): (Option<&'static str>, Option<&'static str>),
        description: &str,
    ) -> Self {
        Event {
            id,
            at_ms,
            action,
            by,
            previous,
            new,
            metadata: None,
            description: description.to_string(),
        }
    }

    /// `VmHistory` JSON (states and metadata are JSON text, as the server stores them).
    pub(super) fn to_json(&self, vm_id: u64) -> Value {
        let encoded = |state: Option<&str>| state.map(|s| json!(s).to_string());
        json!({
            "id": self.id,
            "vm_id": vm_id,
            "action_type": self.action,
            "timestamp": rfc3339(self.at_ms),
            "initiated_by": self.by,
            "previous_state": encoded(self.previous),
            "new_state": encoded(self.new),
            "metadata": self.metadata.as_ref().map(Value::to_string),
            "description": self.description,
        })
    }
}

/// A VM and everything that happened to it.
#[derive(Debug, Clone)]
pub(super) struct Vm {
    /// VM id.
    pub(super) id: u64,
    /// Owner's public key (hex).
    pub(super) owner: String,
    /// When it was ordered.
    pub(super) created_ms: u64,
    /// When it was first paid for.
    pub(super) paid_since: Option<u64>,
    /// Paid until (equal to `created_ms` while unpaid).
    pub(super) expires_ms: u64,
    /// Its plan and hardware.
    pub(super) template: Template,
    /// Installed OS image.
    pub(super) image_id: u64,
    /// SSH key installed for the default user.
    pub(super) ssh_key_id: u64,
    /// Addresses.
    pub(super) ips: Vec<Ip>,
    /// Renew from the saved NWC wallet before expiry.
    pub(super) auto_renewal: bool,
    /// Its subscription, once paid.
    pub(super) subscription_id: Option<u64>,
    /// Power timestamps.
    pub(super) power: Power,
    /// Audit log, oldest first.
    pub(super) history: Vec<Event>,
    /// Its payments' ids, oldest first.
    pub(super) payments: Vec<String>,
    /// Seed for its metrics and host keys.
    pub(super) seed: u64,
    /// True once the lapse of the current expiry has been logged.
    pub(super) expiry_logged: bool,
}

/// The grace days before an expired VM is deleted: a day per month it was
/// paid for, from 1 to 14.
fn grace_days(paid_span_ms: u64) -> u64 {
    (paid_span_ms / MONTH).clamp(1, 14)
}

impl Vm {
    /// True once paid-for time has run out (always, for an unpaid order).
    pub(super) fn expired(&self, now: u64) -> bool {
        now >= self.expires_ms
    }

    /// When the VM will be deleted if not renewed (`None` while never paid).
    pub(super) fn deleting_on(&self) -> Option<u64> {
        self.paid_since
            .map(|paid| self.expires_ms + grace_days(self.expires_ms.saturating_sub(paid)) * DAY)
    }

    /// True once the VM no longer exists: an order unpaid for an hour, or an
    /// expired VM past its grace period.
    pub(super) fn gone(&self, now: u64) -> bool {
        match self.deleting_on() {
            None => now >= self.created_ms + UNPAID_KEEP_MS,
            Some(deleting) => now >= deleting,
        }
    }

    /// True while a power transition or provisioning is under way.
    pub(super) fn busy(&self, now: u64) -> bool {
        now < self.power.busy_until
    }

    /// `status.state` at `now`.
    pub(super) fn state(&self, now: u64) -> &'static str {
        if self.paid_since.is_none() {
            "unknown"
        } else if self.busy(now) {
            self.power.busy_state
        } else if self.expired(now) || !self.power.on {
            "stopped"
        } else {
            "running"
        }
    }

    /// True when the VM was up at `t` (for the time series).
    fn running_at(&self, t: u64) -> bool {
        let p = &self.power;
        p.booted_ms > 0
            && t >= p.booted_ms
            && t < self.expires_ms
            && p.off_since.is_none_or(|off| t < off)
            && !(p.outage.0 <= t && t < p.outage.1)
    }

    /// Starts a transition at `now` that ends with the VM `on` (or off),
    /// showing `busy_state` for `duration_ms`.
    pub(super) fn transition(
        &mut self,
        now: u64,
        on: bool,
        busy_state: &'static str,
        duration_ms: u64,
    ) {
        let done = now + duration_ms;
        let p = &mut self.power;
        if on {
            let down_from = p.off_since.take().unwrap_or(now);
            p.outage = (down_from.min(now), done);
            if p.booted_ms == 0 {
                p.booted_ms = done;
            }
        } else {
            p.off_since = Some(done);
        }
        p.on = on;
        p.busy_until = done;
        p.busy_state = busy_state;
    }

    /// Appends an audit entry.
    pub(super) fn log(&mut self, entry: Event) {
        self.history.push(entry);
    }

    /// The VM's host keys: one ed25519 key derived from its seed.
    fn host_keys(&self) -> Value {
        let mut rng = fastrand::Rng::with_seed(self.seed ^ 0x686f_7374_6b65_7973);
        let mut key = [0u8; 32];
        rng.fill(&mut key);
        let blob = ssh::ed25519_blob(&key);
        json!([{
            "key_type": "ssh-ed25519",
            "public_key": base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &blob),
            "fingerprint_sha256": ssh::fingerprint(&blob),
        }])
    }

    /// `status` at `now`: the cached poll (every 30 s) of state and load.
    fn status(&self, now: u64) -> Value {
        let polled_secs = now / SECOND / STATUS_REFRESH_SECS * STATUS_REFRESH_SECS;
        let state = self.state(now);
        let running = state == "running";
        let up_since = self.power.booted_ms.max(self.power.outage.1);
        let uptime_secs = if running {
            now.saturating_sub(up_since) / SECOND
        } else {
            0
        };
        let load = if running {
            metrics::sample(self.seed, polled_secs)
        } else {
            IDLE
        };
        let rates = metrics::mean_rates(self.seed);
        let counter = |i: usize| {
            if running {
                (rates[i] * uptime_secs as f64) as u64
            } else {
                0
            }
        };
        json!({
            "timestamp": polled_secs,
            "state": state,
            "cpu_usage": round(load.cpu, 4),
            "mem_usage": round(load.memory, 4),
            "uptime": uptime_secs,
            "net_in": counter(0),
            "net_out": counter(1),
            "disk_read": counter(2),
            "disk_write": counter(3),
        })
    }

    /// The hourly series (one point a minute for the last hour), zero while down.
    pub(super) fn time_series(&self, now: u64) -> Vec<Value> {
        let last = now / SECOND / 60 * 60;
        (0..60u64)
            .rev()
            .map(|back| {
                let t = last - back * 60;
                let load = if self.running_at(t * SECOND) {
                    metrics::sample(self.seed, t)
                } else {
                    IDLE
                };
                json!({
                    "timestamp": t,
                    "cpu": round(load.cpu, 4),
                    "memory": (load.memory * self.template.spec.memory as f64).round(),
                    "memory_size": self.template.spec.memory,
                    "net_in": round(load.net_in, 1),
                    "net_out": round(load.net_out, 1),
                    "disk_write": round(load.disk_write, 1),
                    "disk_read": round(load.disk_read, 1),
                })
            })
            .collect()
    }

    /// `VmStatus` JSON at `now`; `key` is `(id, name, created_ms)` of its SSH key.
    pub(super) fn to_json(&self, key: Option<(u64, &str, u64)>, now: u64) -> Value {
        let (key_id, key_name, key_created) = key.unwrap_or((0, "", 0));
        let image = catalogue::image_by_id(self.image_id).map(|i| i.to_json(0.0));
        json!({
            "id": self.id,
            "created": rfc3339(self.created_ms),
            "expires": rfc3339(self.expires_ms),
            "mac_address": mac_address(self.id),
            "image": image,
            "template": self.template.to_json(),
            "ssh_key": { "id": key_id, "name": key_name, "created": rfc3339(key_created), "vms": [] },
            "ip_assignments": self.ips.iter().map(|ip| json!({
                "id": ip.id,
                "ip": ip.ip,
                "gateway": ip.gateway,
                "forward_dns": format!("vm-{}.example.net", self.id),
                "reverse_dns": ip.reverse_dns,
            })).collect::<Vec<_>>(),
            "status": self.status(now),
            "auto_renewal_enabled": self.auto_renewal,
            "deleting_on": self.deleting_on().map(rfc3339),
            "subscription_id": self.subscription_id,
            "max_prepay_days": catalogue::MAX_PREPAY_DAYS,
            "cpu_arch": self.template.arch.name(),
            "host_ssh_keys": self.host_keys(),
        })
    }
}

/// `value` rounded to `places` decimals.
fn round(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

/// A Proxmox-style MAC address for VM `id`.
fn mac_address(id: u64) -> String {
    format!(
        "bc:24:11:{:02x}:{:02x}:{:02x}",
        (id >> 16) & 0xff,
        (id >> 8) & 0xff,
        id & 0xff
    )
}

/// The addresses of VM `id` from the documentation ranges: `ip4` IPv4
/// addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 in turn) and
/// `ip6` IPv6 addresses in 2001:db8::/32. `next_ip_id` numbers the assignments.
pub(super) fn addresses(id: u64, ip4: u8, ip6: u8, next_ip_id: &mut u64) -> Vec<Ip> {
    const NETS: [&str; 3] = ["192.0.2", "198.51.100", "203.0.113"];
    let n = id.saturating_sub(1);
    let host = n % 250 + 2;
    let (hi, lo) = ((id >> 16) & 0xffff, id & 0xffff);
    let v4 = (0..u64::from(ip4)).map(|k| {
        let net = NETS[((n / 250 + k) % 3) as usize];
        (format!("{net}.{host}/24"), format!("{net}.1"))
    });
    let v6 = (0..u64::from(ip6)).map(|k| {
        (
            format!("2001:db8:{hi:x}:{lo:x}::{:x}/64", k + 2),
            format!("2001:db8:{hi:x}:{lo:x}::1"),
        )
    });
    v4.chain(v6)
        .map(|(ip, gateway)| {
            *next_ip_id += 1;
            Ip {
                id: *next_ip_id,
                ip,
                gateway,
                reverse_dns: None,
            }
        })
        .collect()
}
