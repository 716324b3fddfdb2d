//! The VPS endpoints: catalogue listings, the fleet list and summary, one
//! VPS's details, live status, power actions, deletion, console access and
//! deployment progress.

use super::catalog::{Location, LOCATIONS, PLANS};
use super::fleet::{self, Power, Status, Use, Vps, DEPLOY_TASKS};
use super::params::{self, Page};
use super::reply::{self, ApiError, Reply};
use super::timefmt::iso;
use super::{metrics, money, Sim};
use serde_json::{json, Map, Value};

/// `GET /vps/plans`.
pub(super) fn plans() -> Reply {
    let list: Vec<Value> = PLANS.iter().map(|p| p.listing()).collect();
    reply::ok(json!({ "plans": list }))
}

/// A VPS as the list and the power actions show it.
fn brief(vps: &Vps) -> Value {
    json!({
        "id": vps.id,
        "vmid": vps.vmid,
        "name": vps.name,
        "status": vps.status.as_str(),
        "ip_address": vps.ip,
    })
}

/// A VPS as `GET /vps` lists it.
fn listed(vps: &Vps) -> Value {
    let mut item = brief(vps);
    if let Some(map) = item.as_object_mut() {
        map.insert(
            "is_suspended".into(),
            json!(vps.status == Status::Suspended),
        );
        map.insert("created_at".into(), json!(iso(vps.created_ms)));
    }
    item
}

/// Which VPS `GET /vps` keeps for its `status` filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StatusFilter {
    Running,
    Stopped,
    Suspended,
}

impl StatusFilter {
    fn parse(raw: &str) -> Result<Self, ApiError> {
        match raw {
            "running" => Ok(Self::Running),
            "stopped" => Ok(Self::Stopped),
            "suspended" => Ok(Self::Suspended),
            _ => Err(ApiError::invalid_parameter(format!(
                "status must be one of running, stopped, suspended; got \"{raw}\""
            ))),
        }
    }

    fn keeps(self, vps: &Vps) -> bool {
        vps.status
            == match self {
                Self::Running => Status::Running,
                Self::Stopped => Status::Stopped,
                Self::Suspended => Status::Suspended,
            }
    }
}

impl Sim {
    /// `GET /vps/locations`.
    pub(super) fn locations(&self) -> Reply {
        let list: Vec<Value> = LOCATIONS
            .iter()
            .enumerate()
            .map(|(site, l)| {
                let free = self.fleet.available_ips(site);
                json!({
                    "code": l.code,
                    "name": l.name,
                    "country": l.country,
                    "available_ips": free,
                    "is_available": free > 0,
                })
            })
            .collect();
        reply::ok(json!({ "locations": list }))
    }

    /// `GET /vps`: the account's VPS by id, filtered and paged.
    pub(super) fn vps_list(&self, account: usize, query: Option<&str>) -> Reply {
        let query = params::query(query);
        let status = query.get("status").map(StatusFilter::parse).transpose()?;
        let site = query
            .get("location")
            .map(|code| {
                Location::index_of(code).ok_or_else(|| {
                    ApiError::location_not_found(format!(
                        "location must be a location code from /api/v1/vps/locations; got \"{code}\""
                    ))
                })
            })
            .transpose()?;
        let page = Page::from_query(&query)?;
        let mut total = 0;
        let mut instances = Vec::new();
        let matching = self
            .fleet
            .of_owner(account)
            .filter(|v| status.is_none_or(|s| s.keeps(v)) && site.is_none_or(|s| v.site == s));
        for vps in matching {
            if total >= page.offset && instances.len() < page.limit {
                instances.push(listed(vps));
            }
            total += 1;
        }
        reply::ok(json!({ "instances": instances, "pagination": page.json(total) }))
    }

    /// `GET /vps/summary`: counts by state and location, and what the running VPS cost a month.
    pub(super) fn summary(&self, account: usize) -> Reply {
        let (mut total, mut running, mut stopped, mut suspended, mut monthly) = (0, 0, 0, 0, 0);
        let mut locations = Map::new();
        for vps in self.fleet.of_owner(account) {
            total += 1;
            match vps.status {
                Status::Running => {
                    running += 1;
                    monthly += vps.plan.monthly;
                }
                Status::Stopped => stopped += 1,
                Status::Suspended => suspended += 1,
                Status::Deploying | Status::Deleted => {}
            }
            let count = locations.entry(vps.location().code).or_insert(json!(0));
            *count = json!(count.as_u64().unwrap_or(0) + 1);
        }
        reply::ok(json!({
            "total_instances": total,
            "running": running,
            "stopped": stopped,
            "suspended": suspended,
            "total_monthly_cost": money::two(monthly),
            "locations": locations,
        }))
    }

    /// `GET /vps/{id}`.
    pub(super) fn detail(&self, account: usize, id: u64) -> Reply {
        let vps = self.fleet.get(id, account, Use::Read)?;
        let location = vps.location();
        let mut data = listed(vps);
        if let Some(map) = data.as_object_mut() {
            map.insert("updated_at".into(), json!(iso(vps.updated_ms)));
            map.insert("plan".into(), vps.plan.detail());
            map.insert(
                "location".into(),
                json!({ "code": location.code, "name": location.name }),
            );
            map.insert("server".into(), json!({ "hostname": location.host }));
            map.insert(
                "billing".into(),
                json!({
                    "hourly_rate": money::four(vps.plan.hourly()),
                    "billing_start": iso(vps.created_ms),
                    "last_billed": vps.last_billed_ms.map(iso),
                }),
            );
        }
        reply::ok(data)
    }

    /// `GET /vps/{id}/status`: live numbers from the hypervisor.
    pub(super) fn live_status(&self, account: usize, id: u64, now_ms: u64) -> Reply {
        let vps = self.fleet.get(id, account, Use::Read)?;
        let total = vps.plan.ram_bytes();
        let up = vps.is_up(now_ms);
        let booted = vps.boot_ms();
        let live = up.then(|| metrics::sample(vps.seed, total, booted, now_ms));
        let used = live.map_or(0, |l| l.memory_used);
        let percent = |part: u64| ((part as f64 / total.max(1) as f64) * 1000.0).round() / 10.0;
        reply::ok(json!({
            "vps_id": vps.id,
            "vmid": vps.vmid,
            "name": vps.name,
            "status": vps.status.as_str(),
            "qmpstatus": if up { "running" } else { "stopped" },
            "cpu": { "usage_percent": live.map_or(0.0, |l| l.cpu_percent), "cores": vps.plan.cpu_cores },
            "memory": { "used_bytes": used, "total_bytes": total, "usage_percent": percent(used) },
            "disk": {
                "read_bytes": live.map_or(0, |l| l.disk_read),
                "write_bytes": live.map_or(0, |l| l.disk_write),
            },
            "network": { "in_bytes": live.map_or(0, |l| l.net_in), "out_bytes": live.map_or(0, |l| l.net_out) },
            "uptime_seconds": if up { now_ms.saturating_sub(booted) / 1000 } else { 0 },
            "pid": up.then(|| 1000 + metrics::mix(vps.seed, u64::from(vps.boots)) % 60_000),
        }))
    }

    /// `POST /vps/{id}/start|stop|restart`.
    pub(super) fn power(&mut self, account: usize, id: u64, action: Power, now_ms: u64) -> Reply {
        let vps = self.fleet.get_mut(id, account, Use::Act)?;
        vps.power(action, now_ms)?;
        reply::ok_with(brief(vps), action.message())
    }

    /// `POST /vps/{id}/delete`.
    pub(super) fn delete(&mut self, account: usize, id: u64, now_ms: u64) -> Reply {
        let vps = self.fleet.delete(id, account, now_ms)?;
        reply::ok_with(
            json!({ "deleted": true, "vps_id": vps.id, "name": vps.name, "vmid": vps.vmid }),
            &format!("VPS \"{}\" deleted successfully", vps.name),
        )
    }

    /// `GET /vps/{id}/console`: a noVNC URL on the VPS's Proxmox node.
    pub(super) fn console(&self, account: usize, id: u64) -> Reply {
        let vps = self.fleet.get(id, account, Use::Act)?;
        let location = vps.location();
        reply::ok_with(
            json!({
                "vps_id": vps.id,
                "console_url": format!(
                    "https://{}:8006/?console=kvm&novnc=1&vmid={}&node={}",
                    location.host,
                    vps.vmid,
                    location.node()
                ),
                "type": "novnc",
                "expires_in_seconds": 300,
            }),
            "Console URL generated. Valid for 5 minutes.",
        )
    }

    /// `GET /vps/{id}/deployment`: the ten tasks, advancing over 180 seconds.
    pub(super) fn deployment(&self, account: usize, id: u64, now_ms: u64) -> Reply {
        let vps = self.fleet.get(id, account, Use::Read)?;
        let started = iso(vps.created_ms);
        if vps.status != Status::Deploying {
            return reply::ok_with(
                json!({
                    "vps_id": vps.id,
                    "deployment_status": "completed",
                    "vps_status": vps.status.as_str(),
                    "current_task": null,
                    "progress_percent": 100,
                    "tasks_completed": DEPLOY_TASKS.len(),
                    "tasks_total": DEPLOY_TASKS.len(),
                    "started_at": started,
                    "completed_at": iso(vps.deployed_ms()),
                    "is_ready": true,
                    "access_info": { "ip_address": vps.ip, "ssh_port": 22, "ssh_user": "root" },
                }),
                "VPS deployment completed successfully",
            );
        }
        let elapsed = now_ms.saturating_sub(vps.created_ms);
        let done = (0..DEPLOY_TASKS.len())
            .take_while(|i| fleet::task_end_ms(*i) <= elapsed)
            .count();
        let current = done.min(DEPLOY_TASKS.len() - 1);
        let tasks: Vec<Value> = DEPLOY_TASKS
            .iter()
            .enumerate()
            .map(|(i, (name, _))| {
                let status = if i < done {
                    "completed"
                } else if i == current {
                    "in_progress"
                } else {
                    "pending"
                };
                json!({ "name": name, "status": status, "order": i + 1 })
            })
            .collect();
        reply::ok(json!({
            "vps_id": vps.id,
            "deployment_status": "in_progress",
            "vps_status": vps.status.as_str(),
            "current_task": DEPLOY_TASKS.get(current).map(|(name, _)| *name),
            "progress_percent": (current + 1) * 100 / DEPLOY_TASKS.len(),
            "tasks": tasks,
            "tasks_completed": done,
            "tasks_total": DEPLOY_TASKS.len(),
            "started_at": started,
            "is_ready": false,
        }))
    }
}
