//! The VPS instances: lifecycle states, power actions, the ten deployment
//! tasks over 180 seconds, IP allocation per location, and the ownership and
//! state checks every per-VPS endpoint applies.

use super::accounts::Charge;
use super::catalog::{Location, Plan, LOCATIONS};
use super::reply::ApiError;
use super::timefmt::iso;
use std::collections::BTreeMap;

/// Deployment tasks in order, with the seconds each takes (180 in all).
pub(super) const DEPLOY_TASKS: [(&str, u64); 10] = [
    ("validate_resources", 3),
    ("allocate_ip", 3),
    ("create_vm", 40),
    ("configure_hardware", 10),
    ("apply_cloud_init", 12),
    ("start_vm", 15),
    ("configure_network", 20),
    ("wait_for_guest_agent", 50),
    ("verify_connectivity", 17),
    ("finalize", 10),
];

/// How long a deployment takes.
pub(super) const DEPLOY_MS: u64 = 180_000;

/// Milliseconds after creation at which a deployment's task `index` ends.
pub(super) fn task_end_ms(index: usize) -> u64 {
    DEPLOY_TASKS
        .iter()
        .take(index + 1)
        .map(|(_, secs)| secs * 1000)
        .sum()
}

/// The task `start_vm`, after which the machine is running.
const START_VM_TASK: usize = 5;

/// Where a VPS is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    /// Being deployed.
    Deploying,
    /// Powered on.
    Running,
    /// Powered off.
    Stopped,
    /// Suspended by the platform.
    Suspended,
    /// Deleted by its owner.
    Deleted,
}

impl Status {
    /// The status as the API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Deploying => "deploying",
            Status::Running => "running",
            Status::Stopped => "stopped",
            Status::Suspended => "suspended",
            Status::Deleted => "deleted",
        }
    }
}

/// A power action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Power {
    /// `POST /vps/{id}/start`.
    Start,
    /// `POST /vps/{id}/stop`.
    Stop,
    /// `POST /vps/{id}/restart`.
    Restart,
}

impl Power {
    /// The success message.
    pub fn message(self) -> &'static str {
        match self {
            Power::Start => "VPS started successfully",
            Power::Stop => "VPS stopped successfully",
            Power::Restart => "VPS restarted successfully",
        }
    }

    fn failure(self, message: String) -> ApiError {
        match self {
            Power::Start => ApiError::new(500, "START_FAILED", "Failed to start VPS", message),
            Power::Stop => ApiError::new(500, "STOP_FAILED", "Failed to stop VPS", message),
            Power::Restart => {
                ApiError::new(500, "RESTART_FAILED", "Failed to restart VPS", message)
            }
        }
    }
}

/// A snapshot of a VPS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Snapshot {
    /// Snapshot name.
    pub name: String,
    /// Free text.
    pub description: Option<String>,
    /// When it was taken.
    pub created_ms: u64,
    /// Whether RAM state was included.
    pub vmstate: bool,
}

/// A VPS instance.
#[derive(Debug, Clone)]
pub(super) struct Vps {
    /// Platform id.
    pub id: u64,
    /// Proxmox VM id.
    pub vmid: u64,
    /// Owning account (index).
    pub owner: usize,
    /// Host name.
    pub name: String,
    /// Lifecycle state.
    pub status: Status,
    /// Why it is suspended.
    pub suspension_reason: Option<String>,
    /// Primary address.
    pub ip: String,
    /// Its plan.
    pub plan: &'static Plan,
    /// Its location (index into `LOCATIONS`).
    pub site: usize,
    /// Template id it was built from.
    pub template: &'static str,
    /// Creation time (deployment starts then).
    pub created_ms: u64,
    /// Last change.
    pub updated_ms: u64,
    /// When the machine last booted.
    pub booted_ms: u64,
    /// Boots so far (changes the process id).
    pub boots: u32,
    /// Last hourly charge.
    pub last_billed_ms: Option<u64>,
    /// When it was deleted.
    pub deleted_ms: Option<u64>,
    /// Snapshots, oldest first.
    pub snapshots: Vec<Snapshot>,
    /// Drives its metrics.
    pub seed: u64,
}

impl Vps {
    /// Its location.
    pub fn location(&self) -> &'static Location {
        LOCATIONS.get(self.site).unwrap_or(&LOCATIONS[0])
    }

    /// When its deployment finished (or finishes).
    pub fn deployed_ms(&self) -> u64 {
        self.created_ms + DEPLOY_MS
    }

    /// When the machine booted (a deploying one boots when `start_vm` ends).
    pub fn boot_ms(&self) -> u64 {
        if self.status == Status::Deploying {
            self.created_ms + task_end_ms(START_VM_TASK)
        } else {
            self.booted_ms
        }
    }

    /// True when the machine is powered on at `now_ms`.
    pub fn is_up(&self, now_ms: u64) -> bool {
        match self.status {
            Status::Running => true,
            Status::Deploying => now_ms >= self.boot_ms(),
            Status::Stopped | Status::Suspended | Status::Deleted => false,
        }
    }

    /// Applies a power action. Starting a running VPS or stopping a stopped
    /// one succeeds without change; restarting a stopped VPS boots it.
    pub fn power(&mut self, action: Power, now_ms: u64) -> Result<(), ApiError> {
        match (self.status, action) {
            (Status::Deploying, _) => {
                return Err(action.failure(format!("VPS {} is still being deployed", self.id)));
            }
            (Status::Running, Power::Start) | (Status::Stopped, Power::Stop) => return Ok(()),
            (_, Power::Stop) => self.status = Status::Stopped,
            (_, Power::Start | Power::Restart) => {
                self.status = Status::Running;
                self.booted_ms = now_ms;
                self.boots += 1;
            }
        }
        self.updated_ms = now_ms;
        Ok(())
    }
}

/// How an endpoint uses a VPS, which decides what a suspended or deleted one answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Use {
    /// Reads its records (details, live status, deployment, snapshots).
    Read,
    /// Acts on the machine (power, console, snapshot creation).
    Act,
    /// Deletes it.
    Delete,
}

/// Free addresses and the next host number at one location.
#[derive(Debug, Clone)]
struct Site {
    available_ips: u32,
    handed_out: u32,
}

/// Every VPS on the platform.
#[derive(Debug)]
pub(super) struct Fleet {
    vps: BTreeMap<u64, Vps>,
    deploying: Vec<u64>,
    sites: Vec<Site>,
    next_id: u64,
    next_vmid: u64,
}

impl Fleet {
    /// An empty fleet whose first VPS gets `first_id` and Proxmox id `first_vmid`.
    pub fn new(first_id: u64, first_vmid: u64) -> Self {
        Self {
            vps: BTreeMap::new(),
            deploying: Vec::new(),
            sites: LOCATIONS
                .iter()
                .map(|l| Site {
                    available_ips: l.available_ips,
                    handed_out: 0,
                })
                .collect(),
            next_id: first_id,
            next_vmid: first_vmid,
        }
    }

    /// The next platform id and Proxmox id.
    pub fn next_ids(&mut self) -> (u64, u64) {
        let ids = (self.next_id, self.next_vmid);
        self.next_id += 1;
        self.next_vmid += 1;
        ids
    }

    /// Free addresses left at location `site`.
    pub fn available_ips(&self, site: usize) -> u32 {
        self.sites.get(site).map_or(0, |s| s.available_ips)
    }

    /// Hands out an address at `site`: IPv4 from the location's documentation
    /// /24 while it lasts, then IPv6 from 2001:db8::/32. `order` says whether
    /// it comes from the location's free pool (orders) or not (the seeded fleet).
    pub fn allocate_ip(&mut self, site: usize, order: bool) -> String {
        let location = LOCATIONS.get(site).unwrap_or(&LOCATIONS[0]);
        let Some(state) = self.sites.get_mut(site) else {
            return format!("{}.{}", location.ipv4_prefix, location.first_host);
        };
        if order {
            state.available_ips = state.available_ips.saturating_sub(1);
        }
        let n = state.handed_out;
        state.handed_out += 1;
        let host = location.first_host + n;
        if host <= 254 {
            format!("{}.{host}", location.ipv4_prefix)
        } else {
            format!("2001:db8:{:x}::{:x}", site + 1, n + 1)
        }
    }

    /// Adds a VPS (tracking its deployment if it is deploying).
    pub fn insert(&mut self, vps: Vps) {
        if vps.status == Status::Deploying {
            self.deploying.push(vps.id);
        }
        self.vps.insert(vps.id, vps);
    }

    /// Every VPS of `owner` that is not deleted, by id.
    pub fn of_owner(&self, owner: usize) -> impl Iterator<Item = &Vps> {
        self.vps
            .values()
            .filter(move |v| v.owner == owner && v.status != Status::Deleted)
    }

    /// The VPS `id` as `account` may use it: another account's VPS is not
    /// found; a deleted one answers `VPS_DELETED` (`VPS_ALREADY_DELETED` when
    /// deleting); a suspended one answers `VPS_SUSPENDED` unless only read.
    pub fn get(&self, id: u64, account: usize, usage: Use) -> Result<&Vps, ApiError> {
        let vps = self
            .vps
            .get(&id)
            .filter(|v| v.owner == account)
            .ok_or_else(|| not_found(id))?;
        check(vps, usage)?;
        Ok(vps)
    }

    /// [`Fleet::get`], to change.
    pub fn get_mut(&mut self, id: u64, account: usize, usage: Use) -> Result<&mut Vps, ApiError> {
        let vps = self
            .vps
            .get_mut(&id)
            .filter(|v| v.owner == account)
            .ok_or_else(|| not_found(id))?;
        check(vps, usage)?;
        Ok(vps)
    }

    /// Deletes the VPS `id`, returning its address to the location's pool.
    pub fn delete(&mut self, id: u64, account: usize, now_ms: u64) -> Result<&Vps, ApiError> {
        let vps = self
            .vps
            .get_mut(&id)
            .filter(|v| v.owner == account)
            .ok_or_else(|| not_found(id))?;
        check(vps, Use::Delete)?;
        vps.status = Status::Deleted;
        vps.deleted_ms = Some(now_ms);
        vps.updated_ms = now_ms;
        if let Some(site) = self.sites.get_mut(vps.site) {
            site.available_ips += 1;
        }
        Ok(vps)
    }

    /// Finishes deployments that are done by `at_ms`; true when any finished.
    pub fn settle(&mut self, at_ms: u64) -> bool {
        let before = self.deploying.len();
        let vps = &mut self.vps;
        self.deploying.retain(|id| {
            let Some(v) = vps.get_mut(id).filter(|v| v.status == Status::Deploying) else {
                return false;
            };
            if v.deployed_ms() > at_ms {
                return true;
            }
            v.status = Status::Running;
            v.booted_ms = v.created_ms + task_end_ms(START_VM_TASK);
            v.boots += 1;
            v.updated_ms = v.deployed_ms();
            false
        });
        self.deploying.len() != before
    }

    /// Running VPS grouped by owner, as lines to charge.
    pub fn running_by_owner(&self, owners: usize) -> Vec<Vec<Charge>> {
        let mut lists = vec![Vec::new(); owners];
        for v in self.vps.values().filter(|v| v.status == Status::Running) {
            if let Some(list) = lists.get_mut(v.owner) {
                list.push(Charge {
                    vps_id: v.id,
                    rate: v.plan.hourly(),
                    name: v.name.clone(),
                });
            }
        }
        lists
    }

    /// Notes `at_ms` as the last charge of every VPS in `lists`.
    pub fn mark_billed(&mut self, lists: &[Vec<Charge>], at_ms: u64) {
        for charge in lists.iter().flatten() {
            if let Some(v) = self.vps.get_mut(&charge.vps_id) {
                v.last_billed_ms = Some(at_ms);
            }
        }
    }
}

fn not_found(id: u64) -> ApiError {
    ApiError::new(
        404,
        "VPS_NOT_FOUND",
        "VPS not found",
        format!("VPS {id} does not exist or is not owned by you"),
    )
}

fn check(vps: &Vps, usage: Use) -> Result<(), ApiError> {
    if vps.status == Status::Deleted {
        let deleted = vps.deleted_ms.unwrap_or(vps.updated_ms);
        return Err(if usage == Use::Delete {
            ApiError::new(
                400,
                "VPS_ALREADY_DELETED",
                "VPS already deleted",
                format!("VPS {} was already deleted on {}", vps.id, iso(deleted)),
            )
        } else {
            ApiError::new(
                400,
                "VPS_DELETED",
                "VPS has been deleted",
                format!("VPS {} has already been deleted", vps.id),
            )
        });
    }
    if vps.status == Status::Suspended && usage != Use::Read {
        let reason = vps
            .suspension_reason
            .as_deref()
            .unwrap_or("no reason given");
        return Err(ApiError::new(
            403,
            "VPS_SUSPENDED",
            "VPS is suspended",
            format!(
                "VPS {} is suspended ({reason}). Contact support to lift the suspension.",
                vps.id
            ),
        ));
    }
    Ok(())
}
