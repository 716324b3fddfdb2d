//! LlamaLink virtual servers: their stored facts, the status they show at
//! any moment (provisioning, power actions taking a few seconds), the JSON
//! of `GET /user/vps`, power actions and metrics history.

use crate::fleet::{round_to, sample_times, Load, Transition};
use serde_json::{json, Value};

/// How long a new server provisions.
pub(super) const PROVISION_MS: u64 = 60_000;
/// How long a power action keeps a server in its transitional status.
pub(super) const POWER_MS: u64 = 5_000;

/// The status a server shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    Provisioning,
    Running,
    Stopped,
    Starting,
    Stopping,
    Restarting,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Provisioning => "provisioning",
            Status::Running => "running",
            Status::Stopped => "stopped",
            Status::Starting => "starting",
            Status::Stopping => "stopping",
            Status::Restarting => "restarting",
        }
    }

    /// Whether the guest is up and producing load.
    fn is_up(self) -> bool {
        matches!(
            self,
            Status::Running | Status::Stopping | Status::Restarting
        )
    }
}

/// A power action (`/user/vps/start|stop|restart/:id`).
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

/// What a new server is made of.
#[derive(Debug, Clone)]
pub(super) struct Spec {
    pub(super) name: String,
    pub(super) cpus: u32,
    pub(super) ram_gb: u32,
    pub(super) storage_gb: u32,
    pub(super) ips: Vec<String>,
}

/// One server on an account.
#[derive(Debug, Clone)]
pub(super) struct Server {
    pub(super) id: u64,
    spec: Spec,
    payment_status: &'static str,
    status: Transition<Status>,
    /// When the guest last came up (uptime counts from here).
    booted_at: u64,
    /// When the guest went down, while it is stopped or stopping.
    stopped_since: Option<u64>,
    /// When the first boot finished; metrics start here.
    online_since: u64,
    disk_used_share: f64,
    seed: u64,
}

impl Server {
    /// A server ordered at `now_ms`: provisioning for a minute, then running.
    pub(super) fn ordered(id: u64, spec: Spec, seed: u64, now_ms: u64) -> Self {
        let ready = now_ms + PROVISION_MS;
        Self {
            id,
            spec,
            payment_status: "active",
            status: Transition::between(Status::Provisioning, Status::Running, ready),
            booted_at: ready,
            stopped_since: None,
            online_since: ready,
            disk_used_share: 0.08,
            seed,
        }
    }

    /// A server that has existed since `created_ms`, running or stopped
    /// (since `stopped_ms`), with `disk_used_share` of its disk in use.
    pub(super) fn existing(
        id: u64,
        spec: Spec,
        seed: u64,
        created_ms: u64,
        stopped_ms: Option<u64>,
        disk_used_share: f64,
    ) -> Self {
        let status = if stopped_ms.is_some() {
            Status::Stopped
        } else {
            Status::Running
        };
        Self {
            id,
            spec,
            payment_status: if stopped_ms.is_some() {
                "overdue"
            } else {
                "active"
            },
            status: Transition::settled(status),
            booted_at: created_ms,
            stopped_since: stopped_ms,
            online_since: created_ms,
            disk_used_share,
            seed,
        }
    }

    /// The server as `GET /user/vps` and `GET /user/vps/:id` show it.
    pub(super) fn json(&self, now_ms: u64) -> Value {
        let status = self.status.at(now_ms);
        let now = now_ms / 1_000;
        let (cpu, memory) = if status.is_up() {
            (
                Load::cpu(self.seed).at(now),
                Load::memory(self.seed).at(now),
            )
        } else {
            (0.0, 0.0)
        };
        let ram = f64::from(self.spec.ram_gb);
        let disk = if status == Status::Provisioning {
            0.0
        } else {
            round_to(f64::from(self.spec.storage_gb) * self.disk_used_share, 1)
        };
        let uptime = if status.is_up() {
            now_ms.saturating_sub(self.booted_at) / 1_000
        } else {
            0
        };
        json!({
            "id": self.id,
            "name": self.spec.name,
            "status": status.as_str(),
            "paymentStatus": self.payment_status,
            "disk": disk,
            "cpu_used": cpu.round() as u64,
            "cpus_avail": self.spec.cpus,
            "memory": {
                "used": round_to(ram * memory / 100.0, 1),
                "max": self.spec.ram_gb,
                "usage_percent": memory.round() as u64,
            },
            "uptime": uptime,
            "ip_addresses": self.spec.ips,
        })
    }

    /// Sends a power action at `now_ms`; the status the server settles in, or
    /// why the action cannot be sent now.
    pub(super) fn power(&mut self, action: Power, now_ms: u64) -> Result<&'static str, String> {
        let settle = now_ms + POWER_MS;
        match (self.status.at(now_ms), action) {
            (Status::Provisioning, _) => Err("Server is still provisioning".into()),
            (busy @ (Status::Starting | Status::Stopping | Status::Restarting), _) => Err(format!(
                "Server is busy ({}); try again in a few seconds",
                busy.as_str()
            )),
            (Status::Running, Power::Start) | (Status::Stopped, Power::Stop) => {
                Ok(self.status.at(now_ms).as_str())
            }
            (Status::Stopped, Power::Restart) => Err("Server is stopped; start it instead".into()),
            (Status::Stopped, Power::Start) => {
                self.status = Transition::between(Status::Starting, Status::Running, settle);
                self.booted_at = settle;
                self.stopped_since = None;
                Ok(Status::Running.as_str())
            }
            (Status::Running, Power::Stop) => {
                self.status = Transition::between(Status::Stopping, Status::Stopped, settle);
                self.stopped_since = Some(settle);
                Ok(Status::Stopped.as_str())
            }
            (Status::Running, Power::Restart) => {
                self.status = Transition::between(Status::Restarting, Status::Running, settle);
                self.booted_at = settle;
                Ok(Status::Running.as_str())
            }
        }
    }

    /// `GET /user/vps/:id/metrics-history` for `metric` over `range`.
    pub(super) fn metrics(&self, metric: Metric, range: Range, now_ms: u64) -> Value {
        let load = match metric {
            Metric::Cpu => Load::cpu(self.seed),
            Metric::Memory => Load::memory(self.seed),
        };
        let (step, count) = range.sampling();
        let first = self.online_since.div_ceil(1_000);
        let down_from = self
            .stopped_since
            .map(|ms| ms.div_ceil(1_000))
            .unwrap_or(u64::MAX);
        let points: Vec<Value> = sample_times(now_ms / 1_000, step, count)
            .filter(|&t| t >= first)
            .map(|t| json!({ "time": t, "value": if t >= down_from { 0.0 } else { load.at(t) } }))
            .collect();
        json!({ "range": range.as_str(), "points": points })
    }
}

/// The `metric` query value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Metric {
    Cpu,
    Memory,
}

impl Metric {
    /// Parses `cpu` or `memory`.
    pub(super) fn parse(value: Option<&str>) -> Result<Metric, &'static str> {
        match value {
            Some("cpu") => Ok(Metric::Cpu),
            Some("memory") => Ok(Metric::Memory),
            Some(_) => Err("metric must be cpu or memory"),
            None => Err("metric is required (cpu or memory)"),
        }
    }
}

/// The `range` query value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Range {
    Hour,
    Day,
    Week,
    Month,
}

impl Range {
    /// Parses `hour`, `day`, `week` or `month`.
    pub(super) fn parse(value: Option<&str>) -> Result<Range, &'static str> {
        match value {
            Some("hour") => Ok(Range::Hour),
            Some("day") => Ok(Range::Day),
            Some("week") => Ok(Range::Week),
            Some("month") => Ok(Range::Month),
            Some(_) => Err("range must be hour, day, week or month"),
            None => Err("range is required (hour, day, week or month)"),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Range::Hour => "hour",
            Range::Day => "day",
            Range::Week => "week",
            Range::Month => "month",
        }
    }

    /// Seconds between points and how many points the range holds.
    fn sampling(self) -> (u64, u64) {
        match self {
            Range::Hour => (60, 60),
            Range::Day => (3_600, 24),
            Range::Week => (3_600, 168),
            Range::Month => (14_400, 180),
        }
    }
}
