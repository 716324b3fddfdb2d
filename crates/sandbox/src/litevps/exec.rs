//! LiteVPS remote exec: the deny-list, synchronous runs, background jobs
//! (pending → running → done/timeout, or cancelled) and batch exec.

use super::body::{self, invalid, not_found, Refusal};
use super::shell::{self, Outcome};
use super::vms::{batch_ids, State, Vm};
use super::Ctx;
use crate::fleet::{rfc3339, uuid};
use crate::{wire, Response};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// Commands containing any of these (after collapsing whitespace) are refused.
const BLOCKED: [&str; 8] = [
    "rm -rf /",
    "mkfs",
    "dd if=",
    ":(){ :|:& };",
    "shutdown",
    "reboot",
    "poweroff",
    "halt",
];
/// `timeout_seconds` when none is given.
const DEFAULT_TIMEOUT: u64 = 30;
/// The server's configured maximum `timeout_seconds`.
const MAX_TIMEOUT: u64 = 3_600;
/// How long a background job waits before it starts.
const QUEUE_MS: u64 = 1_000;
/// The shortest a background job runs.
const MIN_RUN_MS: u64 = 2_000;

/// Where a background job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Pending,
    Running,
    Done,
    Timeout,
    Cancelled,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Running => "running",
            Status::Done => "done",
            Status::Timeout => "timeout",
            Status::Cancelled => "cancelled",
        }
    }
}

/// A background command on a VM.
#[derive(Debug, Clone)]
pub(super) struct Job {
    id: String,
    command: String,
    timeout_ms: u64,
    created_ms: u64,
    outcome: Outcome,
    cancelled_ms: Option<u64>,
}

impl Job {
    fn start_ms(&self) -> u64 {
        self.created_ms + QUEUE_MS
    }

    fn run_ms(&self) -> u64 {
        self.outcome.duration_ms.max(MIN_RUN_MS)
    }

    /// The status at `now_ms` and when the job finished, if it has.
    fn status(&self, now_ms: u64) -> (Status, Option<u64>) {
        if let Some(at) = self.cancelled_ms {
            return (Status::Cancelled, Some(at));
        }
        let end = self.start_ms() + self.run_ms().min(self.timeout_ms);
        if now_ms < self.start_ms() {
            (Status::Pending, None)
        } else if now_ms < end {
            (Status::Running, None)
        } else if self.run_ms() > self.timeout_ms {
            (Status::Timeout, Some(end))
        } else {
            (Status::Done, Some(end))
        }
    }

    fn json(&self, vps_id: &str, now_ms: u64) -> Value {
        let (status, finished) = self.status(now_ms);
        let ran = |until: u64| until.saturating_sub(self.start_ms());
        let (stdout, stderr, exit_code, duration) = match status {
            Status::Pending => ("", String::new(), None, None),
            Status::Running => ("", String::new(), None, Some(ran(now_ms))),
            Status::Done => (
                self.outcome.stdout.as_str(),
                self.outcome.stderr.clone(),
                Some(self.outcome.exit_code),
                Some(self.run_ms()),
            ),
            Status::Timeout => ("", timed_out(self.timeout_ms), None, Some(self.timeout_ms)),
            Status::Cancelled => ("", String::new(), None, finished.map(ran)),
        };
        json!({
            "job_id": self.id, "vps_id": vps_id, "command": self.command, "status": status.as_str(),
            "stdout": stdout, "stderr": stderr, "exit_code": exit_code, "duration_ms": duration,
            "created_at": rfc3339(self.created_ms), "finished_at": finished.map(rfc3339),
        })
    }
}

fn timed_out(timeout_ms: u64) -> String {
    format!("command timed out after {}s\n", timeout_ms / 1_000)
}

/// An exec request.
struct Command {
    command: String,
    timeout_secs: u64,
    background: bool,
}

/// The pattern `command` contains from the deny-list, if any.
fn blocked(command: &str) -> Option<&'static str> {
    let collapsed = command.split_whitespace().collect::<Vec<_>>().join(" ");
    BLOCKED
        .into_iter()
        .find(|pattern| collapsed.contains(pattern))
}

/// Reads and checks `command`, `timeout_seconds` and `background`.
fn command(object: &Map<String, Value>) -> Result<Command, Refusal> {
    let command = body::text(object, "command").map_err(invalid)?;
    if let Some(pattern) = blocked(command) {
        return Err(invalid(format!("command blocked: contains `{pattern}`")));
    }
    let timeout_secs =
        body::optional_int(object, "timeout_seconds", 1, MAX_TIMEOUT).map_err(invalid)?;
    Ok(Command {
        command: command.to_string(),
        timeout_secs: timeout_secs.unwrap_or(DEFAULT_TIMEOUT),
        background: body::flag(object, "background").map_err(invalid)?,
    })
}

/// What exec answers for one VM.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Answer {
    Finished {
        stdout: String,
        stderr: String,
        exit_code: i64,
        duration_ms: u64,
    },
    Queued {
        job_id: String,
        status: &'static str,
        timeout_seconds: u64,
    },
    Refused {
        error: String,
    },
}

/// One VM's result in a batch exec.
#[derive(Debug, Serialize)]
struct Item {
    vps_id: String,
    #[serde(flatten)]
    answer: Answer,
}

/// Runs `cmd` on `vm` (which must be running): the synchronous result or the new job.
fn start(
    vm: &mut Vm,
    cmd: &Command,
    rng: &mut fastrand::Rng,
    now_ms: u64,
) -> Result<Answer, String> {
    if vm.state_at(now_ms) != State::Running {
        return Err("vps is not running".into());
    }
    let outcome = shell::run(vm, &cmd.command, now_ms);
    let timeout_ms = cmd.timeout_secs * 1_000;
    Ok(if cmd.background {
        let job = Job {
            id: uuid(rng),
            command: cmd.command.clone(),
            timeout_ms,
            created_ms: now_ms,
            outcome,
            cancelled_ms: None,
        };
        let answer = Answer::Queued {
            job_id: job.id.clone(),
            status: Status::Pending.as_str(),
            timeout_seconds: cmd.timeout_secs,
        };
        vm.jobs.push(job);
        answer
    } else if outcome.duration_ms > timeout_ms {
        Answer::Finished {
            stdout: String::new(),
            stderr: timed_out(timeout_ms),
            exit_code: 124,
            duration_ms: timeout_ms,
        }
    } else {
        let Outcome {
            stdout,
            stderr,
            exit_code,
            duration_ms,
        } = outcome;
        Answer::Finished {
            stdout,
            stderr,
            exit_code,
            duration_ms,
        }
    })
}

/// `POST /api/vps/:id/exec`.
pub(super) fn exec(ctx: &mut Ctx, id: &str, body: &[u8]) -> Result<Response, Refusal> {
    let cmd = command(&body::object(body).map_err(invalid)?)?;
    let now = ctx.now;
    let vm = ctx.account.vm_mut(id).ok_or_else(not_found)?;
    let answer = start(vm, &cmd, ctx.rng, now).map_err(|message| body::error(409, &message))?;
    Ok(wire::json(200, &json!(answer)))
}

/// `POST /api/vps/batch/exec`: one result per id, in order.
pub(super) fn batch(ctx: &mut Ctx, body: &[u8]) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let ids = batch_ids(&object)?;
    let cmd = command(&object)?;
    let now = ctx.now;
    let results: Vec<Item> = ids
        .into_iter()
        .map(|id| {
            let result = match ctx.account.vm_mut(&id) {
                None => Err("not found".to_string()),
                Some(vm) => start(vm, &cmd, ctx.rng, now),
            };
            Item {
                vps_id: id,
                answer: result.unwrap_or_else(|error| Answer::Refused { error }),
            }
        })
        .collect();
    Ok(wire::json(200, &json!({ "results": results })))
}

/// The job `job_id` on VM `id`.
fn job<'a>(ctx: &'a mut Ctx, id: &str, job_id: &str) -> Result<(&'a str, &'a mut Job), Refusal> {
    let vm = ctx.account.vm_mut(id).ok_or_else(not_found)?;
    let job = vm
        .jobs
        .iter_mut()
        .find(|j| j.id == job_id)
        .ok_or_else(not_found)?;
    Ok((vm.id.as_str(), job))
}

/// `GET /api/vps/:id/jobs/:job_id`.
pub(super) fn get(ctx: &mut Ctx, id: &str, job_id: &str) -> Result<Response, Refusal> {
    let now = ctx.now;
    let (vps_id, job) = job(ctx, id, job_id)?;
    Ok(wire::json(200, &job.json(vps_id, now)))
}

/// `DELETE /api/vps/:id/jobs/:job_id`: cancels a pending or running job.
pub(super) fn cancel(ctx: &mut Ctx, id: &str, job_id: &str) -> Result<Response, Refusal> {
    let now = ctx.now;
    let (vps_id, job) = job(ctx, id, job_id)?;
    match job.status(now).0 {
        Status::Pending | Status::Running => job.cancelled_ms = Some(now),
        finished => {
            return Err(body::error(
                409,
                &format!("job is already {}", finished.as_str()),
            ))
        }
    }
    Ok(wire::json(200, &job.json(vps_id, now)))
}
