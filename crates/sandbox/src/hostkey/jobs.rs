//! The store of asynchronous operations behind the `callback` keys: what each
//! key will report, when it is due, and its stages. Keys finish in due order
//! (see `effects`), are polled through eq_callback.php or nat_callback.php,
//! and are dropped once their terminal result has been read.

use super::order::Order;
use super::state::{BootDevice, PxeConfig};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};

/// How long ordinary operations take.
pub(super) const ASYNC_MS: u64 = 3_000;
/// How long power operations take.
pub(super) const POWER_MS: u64 = 5_000;
/// Time between install stages; the install completes one step after stage 5.
pub(super) const STAGE_MS: u64 = 10_000;

/// The install stages reported as `"result":"Stage"`.
pub(super) const STAGES: [&str; 5] = [
    " (1/5) OS installation started",
    " (2/5) Base OS installed, proceeding with post-install tasks",
    " (3/5) Post-install tasks completed, running final tasks",
    " (4/5) Installation completed, restarting the server",
    " (5/5) Server is online",
];

/// Which poll endpoint serves a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Channel {
    /// `eq_callback.php`.
    Eq,
    /// `nat_callback.php`.
    Nat,
}

/// A terminal result: `result`, `scope` and `debug`.
#[derive(Debug, Clone)]
pub(super) struct Outcome {
    pub result: &'static str,
    pub scope: Value,
    pub debug: Value,
}

impl Outcome {
    /// `"result":"OK"`.
    pub fn ok(scope: impl Into<Value>, debug: impl Into<Value>) -> Self {
        Outcome {
            result: "OK",
            scope: scope.into(),
            debug: debug.into(),
        }
    }

    /// `"result":"Fail"` (printed with `status` and `created`).
    pub fn fail(scope: impl Into<Value>) -> Self {
        Outcome {
            result: "Fail",
            scope: scope.into(),
            debug: Value::Null,
        }
    }
}

/// The power operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Power {
    On,
    Off,
    Reboot,
}

/// What happens when a key comes due.
#[derive(Clone)]
pub(super) enum Finish {
    /// A result known in advance.
    Fixed(Outcome),
    /// eq/on, eq/off, eq/reboot.
    Power { server: u64, power: Power },
    /// eq/status: reads the power state when due.
    Status { server: u64 },
    /// net/port_on, net/port_off.
    Port { server: u64, port: String, on: bool },
    /// net/block_ip.
    Block {
        server: u64,
        ip: String,
        four_hours: bool,
    },
    /// net/unblock_ip.
    Unblock { server: u64, ip: String },
    /// eq/boot_dev.
    BootDev { server: u64, media: BootDevice },
    /// eq/create_pxe.
    CreatePxe { server: u64, config: PxeConfig },
    /// eq/clear_pxe.
    ClearPxe { server: u64 },
    /// An OS install: eq/order_instance in reinstall mode (`ordered`) or a PXE install.
    Install {
        server: u64,
        os_id: Option<u64>,
        root_pass: String,
        hostname: Option<String>,
        ordered: bool,
    },
    /// A new order's deployment.
    Deploy(Box<Order>),
    /// nat/add_static_nat.
    NatAdd { server: u64, public: String },
    /// nat/remove_static_nat.
    NatRemove { server: u64 },
    /// eq/add_ipmi_user (`Some`) or eq/remove_ipmi_user (`None`).
    IpmiUser { server: u64, user: Option<String> },
}

#[derive(Clone)]
enum Progress {
    /// Not started (a reinstall key before its PXE boot, an unpaid order).
    Waiting,
    /// Under way until `due_ms`; staged keys report stages from `start_ms`.
    Running {
        start_ms: u64,
        due_ms: u64,
        staged: bool,
    },
    /// Finished; delivered once, then dropped.
    Done(Outcome),
}

/// One asynchronous operation.
pub(super) struct Job {
    pub channel: Channel,
    pub context: Value,
    pub created_ms: u64,
    pub finish: Finish,
    progress: Progress,
}

impl Job {
    /// True once finished or while under way (not waiting to start).
    pub fn started(&self) -> bool {
        !matches!(self.progress, Progress::Waiting)
    }

    /// True once finished.
    pub fn done(&self) -> bool {
        matches!(self.progress, Progress::Done(_))
    }
}

/// What a poll sees.
pub(super) enum Poll {
    /// No such key on this endpoint.
    Missing,
    /// Not finished: `Some(n)` while in install stage `n` (1-5).
    Pending(Option<usize>, Value),
    /// Finished: the result, context and creation time; the key is now gone.
    Done(Outcome, Value, u64),
}

/// Every key by id, and the due queue.
#[derive(Default)]
pub(super) struct Jobs {
    map: HashMap<String, Job>,
    queue: BTreeMap<(u64, u64), String>,
    seq: u64,
}

impl Jobs {
    /// Stores a key; `run` gives its duration and whether it reports stages, `None` to wait.
    pub fn add(
        &mut self,
        key: &str,
        channel: Channel,
        context: Value,
        finish: Finish,
        now_ms: u64,
        run: Option<(u64, bool)>,
    ) {
        let job = Job {
            channel,
            context,
            created_ms: now_ms,
            finish,
            progress: Progress::Waiting,
        };
        self.map.insert(key.to_string(), job);
        if let Some((duration, staged)) = run {
            self.start(key, now_ms, duration, staged);
        }
    }

    /// Starts a waiting key (or restarts a running one) now.
    pub fn start(&mut self, key: &str, now_ms: u64, duration_ms: u64, staged: bool) {
        if let Some(job) = self.map.get_mut(key) {
            let due_ms = now_ms + duration_ms;
            job.progress = Progress::Running {
                start_ms: now_ms,
                due_ms,
                staged,
            };
            self.seq += 1;
            self.queue.insert((due_ms, self.seq), key.to_string());
        }
    }

    /// The next key due at or before `now_ms`, with its job's finish, taken off the queue.
    pub fn next_due(&mut self, now_ms: u64) -> Option<(String, u64, Finish)> {
        loop {
            let (&(due, seq), _) = self.queue.first_key_value()?;
            if due > now_ms {
                return None;
            }
            let key = self.queue.remove(&(due, seq))?;
            if let Some(job) = self.map.get(&key) {
                if matches!(job.progress, Progress::Running { due_ms, .. } if due_ms == due) {
                    return Some((key, due, job.finish.clone()));
                }
            }
        }
    }

    /// Records the result of a key that came due.
    pub fn complete(&mut self, key: &str, outcome: Outcome) {
        if let Some(job) = self.map.get_mut(key) {
            job.progress = Progress::Done(outcome);
        }
    }

    /// A key's job.
    pub fn get(&self, key: &str) -> Option<&Job> {
        self.map.get(key)
    }

    /// A key's job, to amend its finish or context.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Job> {
        self.map.get_mut(key)
    }

    /// Polls a key on `channel` at `now_ms`; a finished key is removed.
    pub fn poll(&mut self, key: &str, channel: Channel, now_ms: u64) -> Poll {
        let Some(job) = self.map.get(key).filter(|j| j.channel == channel) else {
            return Poll::Missing;
        };
        match &job.progress {
            Progress::Waiting => Poll::Pending(None, job.context.clone()),
            Progress::Running {
                start_ms, staged, ..
            } => {
                let stage = (now_ms.saturating_sub(*start_ms) / STAGE_MS) as usize;
                let stage = (*staged && stage > 0).then_some(stage.min(STAGES.len()));
                Poll::Pending(stage, job.context.clone())
            }
            Progress::Done(_) => match self.map.remove(key) {
                Some(Job {
                    progress: Progress::Done(outcome),
                    context,
                    created_ms,
                    ..
                }) => Poll::Done(outcome, context, created_ms),
                _ => Poll::Missing,
            },
        }
    }

    /// Undelivered new-order deploy keys, oldest first (auth/info `deploy_keys`).
    pub fn deploy_keys(&self) -> Vec<Value> {
        let mut keys: Vec<(u64, Value)> = self
            .map
            .iter()
            .filter_map(|(key, job)| match &job.finish {
                Finish::Deploy(order) => Some((
                    job.created_ms,
                    json!({
                        "key": key,
                        "id": order.server_id,
                        "invoice": order.invoice_id,
                        "preset": order.product.name(),
                        "location": order.location,
                    }),
                )),
                _ => None,
            })
            .collect();
        keys.sort_by_key(|(created, _)| *created);
        keys.into_iter().map(|(_, v)| v).collect()
    }
}
