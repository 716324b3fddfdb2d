//! Bulk power actions across providers and accounts.
//!
//! One queue per account, the accounts in parallel. Each queue sends its
//! power requests one after another, then follows every server it acted on
//! until it reaches the action's status, reading each one in turn at the
//! provider's polling interval. Every request waits for its provider's
//! [`Pacer`] (kept per account, or per provider where the provider counts
//! per client IP); a 429 holds the queue for the `Retry-After` the provider
//! asked for, then the same request is sent again, and an answer saying no
//! request is left in the window (`X-RateLimit-Remaining: 0`) holds it until
//! the window resets. Each server's result
//! (ok, failed with the reason, skipped) shows as it comes; the account's
//! fleet is reloaded and the run logged in the activity log when its queue ends.

use super::activity::{self, Activity, Outcome, ServerOutcome};
use super::power::not_applicable;
use super::{AppSession, Panel, Row};
use crate::services::clock::now_ms;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::cyberpanel::RateLimit;
use providers::driver::{Operation, PollPolicy};
use providers::pace::{Pacer, RateLimits, Scope};
use providers::{
    Action, Capabilities, PowerAction, ProgressState, ProviderError, ServerStatus, Support,
};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// Times one request may be refused with 429 before its server fails.
const MAX_REFUSALS: u32 = 5;
/// The wait after a 429 that names none.
const DEFAULT_RETRY_SECS: u64 = 30;
/// Waits shorter than this are not announced.
const ANNOUNCE_WAIT_MS: u64 = 1_500;

/// Where one server of a bulk run stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemState {
    /// Waiting for its account's queue.
    Queued,
    /// The request is on its way.
    Sending,
    /// Accepted; being followed. The provider's word for where it is.
    Following(String),
    /// Done: where it ended.
    Ok(String),
    /// Failed: why.
    Failed(String),
    /// Left alone: why.
    Skipped(String),
}

impl ItemState {
    /// A short word for the state, also its CSS class and test hook.
    pub fn key(&self) -> &'static str {
        match self {
            ItemState::Queued => "queued",
            ItemState::Sending => "sending",
            ItemState::Following(_) => "following",
            ItemState::Ok(_) => "ok",
            ItemState::Failed(_) => "failed",
            ItemState::Skipped(_) => "skipped",
        }
    }

    /// The detail shown next to the state.
    pub fn detail(&self) -> &str {
        match self {
            ItemState::Queued | ItemState::Sending => "",
            ItemState::Following(s)
            | ItemState::Ok(s)
            | ItemState::Failed(s)
            | ItemState::Skipped(s) => s,
        }
    }

    fn outcome(&self) -> Option<Outcome> {
        match self {
            ItemState::Ok(_) => Some(Outcome::Ok),
            ItemState::Failed(_) => Some(Outcome::Failed),
            ItemState::Skipped(_) => Some(Outcome::Skipped),
            _ => None,
        }
    }
}

/// One server of a bulk run.
pub struct Item {
    /// The server, as it was when the run started.
    pub row: Row,
    /// Where it stands.
    pub state: ArcRwSignal<ItemState>,
}

/// Finished servers of a run, by outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Done.
    pub ok: usize,
    /// Failed.
    pub failed: usize,
    /// Skipped.
    pub skipped: usize,
}

impl Tally {
    /// Servers finished one way or another.
    pub fn done(&self) -> usize {
        self.ok + self.failed + self.skipped
    }
}

/// An account's queue holding back for a rate limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hold {
    /// The account's label and provider.
    pub account: String,
    /// When the next request goes (Unix ms).
    pub until_ms: u64,
    /// Why: the provider's 429, or the pace kept under its limits.
    pub why: String,
}

/// One bulk action across servers.
pub struct Run {
    /// What is done to every server.
    pub action: PowerAction,
    /// The servers, in the order they were listed.
    pub items: Vec<Item>,
    /// How many have finished, by outcome.
    pub tally: ArcRwSignal<Tally>,
    /// Queues holding back for a rate limit, by account id.
    pub holds: ArcRwSignal<BTreeMap<String, Hold>>,
    /// True once every queue has ended.
    pub finished: ArcRwSignal<bool>,
}

impl Run {
    fn finish(&self, index: usize, state: ItemState) {
        let outcome = state.outcome();
        self.items[index].state.set(state);
        self.tally.update(|t| match outcome {
            Some(Outcome::Ok) => t.ok += 1,
            Some(Outcome::Failed) => t.failed += 1,
            Some(Outcome::Skipped) => t.skipped += 1,
            None => {}
        });
    }
}

/// Bulk actions: the current (or last) run, and the pacers that outlive
/// runs so back-to-back runs still share each provider's budget. Provided
/// once at the root.
#[derive(Clone, Copy)]
pub struct Bulk {
    run: RwSignal<Option<Arc<Run>>>,
    pacers: StoredValue<HashMap<String, Rc<RefCell<Pacer>>>, LocalStorage>,
}

impl Bulk {
    /// No run yet.
    pub fn new() -> Self {
        Self {
            run: RwSignal::new(None),
            pacers: StoredValue::new_local(HashMap::new()),
        }
    }

    /// The current or last run (reactive).
    pub fn current(&self) -> Option<Arc<Run>> {
        self.run.get()
    }

    /// True while a run is under way (reactive).
    pub fn running(&self) -> bool {
        self.run
            .with(|r| r.as_ref().is_some_and(|run| !run.finished.get()))
    }

    /// Hides the last run's results.
    pub fn dismiss(&self) {
        self.run.set(None);
    }

    /// Starts `action` on every server of `rows`.
    pub fn start(&self, panel: Panel, action: PowerAction, rows: Vec<Row>) {
        let run = Arc::new(Run {
            action,
            items: rows
                .into_iter()
                .map(|row| Item {
                    row,
                    state: ArcRwSignal::new(ItemState::Queued),
                })
                .collect(),
            tally: ArcRwSignal::new(Tally::default()),
            holds: ArcRwSignal::new(BTreeMap::new()),
            finished: ArcRwSignal::new(false),
        });
        self.run.set(Some(run.clone()));
        let mut queues: BTreeMap<Arc<str>, Vec<usize>> = BTreeMap::new();
        for (i, item) in run.items.iter().enumerate() {
            queues
                .entry(item.row.account_id.clone())
                .or_default()
                .push(i);
        }
        if queues.is_empty() {
            run.finished.set(true);
            return;
        }
        let left = Rc::new(Cell::new(queues.len()));
        for (account_id, indexes) in queues {
            let run = run.clone();
            let left = left.clone();
            let queue = panel.session(&account_id).map(|session| Queue {
                pacer: self.pacer(&session),
                label: format!(
                    "{} ({})",
                    session.account().label,
                    session.provider().display_name()
                ),
                session,
                run: run.clone(),
                panel,
                refusal: RefCell::new(None),
            });
            spawn_local(async move {
                match queue {
                    Some(queue) => {
                        queue.process(&indexes).await;
                        queue.log(&indexes);
                        panel.refresh(&account_id);
                    }
                    None => {
                        for i in indexes {
                            run.finish(
                                i,
                                ItemState::Failed("its account is no longer in the panel".into()),
                            );
                        }
                    }
                }
                left.set(left.get() - 1);
                if left.get() == 0 {
                    run.finished.set(true);
                }
            });
        }
    }

    /// The pacer of a session's rate-limit scope: its account, or its
    /// provider where the provider counts per client IP.
    fn pacer(&self, session: &AppSession) -> Rc<RefCell<Pacer>> {
        let limits = RateLimits::of(session.provider());
        let scope = match limits.scope {
            Scope::Account => format!("account {}", session.account().id),
            Scope::ClientIp => format!("provider {}", session.provider().slug()),
        };
        let mut pacer = None;
        self.pacers.update_value(|map| {
            pacer = Some(
                map.entry(scope)
                    .or_insert_with(|| Rc::new(RefCell::new(Pacer::new(limits))))
                    .clone(),
            );
        });
        pacer.unwrap_or_else(|| Rc::new(RefCell::new(Pacer::new(limits))))
    }
}

impl Default for Bulk {
    fn default() -> Self {
        Self::new()
    }
}

/// One account's queue.
struct Queue {
    session: Rc<AppSession>,
    pacer: Rc<RefCell<Pacer>>,
    label: String,
    run: Arc<Run>,
    panel: Panel,
    /// The provider's last 429 message, while its hold lasts.
    refusal: RefCell<Option<String>>,
}

impl Queue {
    /// Sends the action to each server, then follows them all until each
    /// has reached its status, failed or run out of time.
    async fn process(&self, indexes: &[usize]) {
        let action = self.run.action;
        let provider = self.session.provider();
        let mut following = Vec::new();
        for &i in indexes {
            let server = self.run.items[i].row.server.clone();
            if let Support::No(reason) = Capabilities::of(provider).support(Action::Power) {
                self.run.finish(i, ItemState::Skipped(reason.to_string()));
                continue;
            }
            if let Some(why) = not_applicable(action, server.status) {
                self.run.finish(i, ItemState::Skipped(why));
                continue;
            }
            self.run.items[i].state.set(ItemState::Sending);
            let id = server.id.as_str();
            match self.paced(move || self.session.power(id, action)).await {
                Ok(operation) => {
                    self.run.items[i]
                        .state
                        .set(ItemState::Following("accepted".into()));
                    following.push((i, operation));
                }
                Err(e) => self.run.finish(i, ItemState::Failed(e.to_string())),
            }
        }
        let policy = PollPolicy::for_provider(provider);
        let started = now_ms();
        let mut first = true;
        while !following.is_empty() {
            if !first {
                gloo_timers::future::sleep(policy.interval).await;
            }
            first = false;
            let mut still = Vec::new();
            for (i, operation) in following {
                if let Some(operation) = self.follow(i, operation, started, &policy).await {
                    still.push((i, operation));
                }
            }
            following = still;
        }
    }

    /// Reads one server (and its operation, if it has one) once. Returns
    /// what to follow next time, or `None` once it has finished.
    async fn follow(
        &self,
        i: usize,
        operation: Option<Operation>,
        started_ms: u64,
        policy: &PollPolicy,
    ) -> Option<Option<Operation>> {
        let item = &self.run.items[i];
        let id = item.row.server.id.as_str();
        let target = self.run.action.target_status();
        let late = now_ms().saturating_sub(started_ms) > policy.max_wait_secs * 1000;
        let late_error = |now: &str| {
            ItemState::Failed(format!(
                "not {} after {} min; it is {now}",
                target.label(),
                policy.max_wait_secs / 60
            ))
        };
        if let Some(op) = &operation {
            match self.paced(move || self.session.progress(op)).await {
                Err(e) => {
                    self.run.finish(i, ItemState::Failed(e.to_string()));
                    return None;
                }
                Ok(p) if p.state == ProgressState::Failed => {
                    let why = p.message.unwrap_or(p.stage);
                    self.run.finish(i, ItemState::Failed(why));
                    return None;
                }
                Ok(p) if p.state != ProgressState::Done => {
                    if late {
                        self.run.finish(i, late_error(&p.stage));
                        return None;
                    }
                    item.state.set(ItemState::Following(p.stage));
                    return Some(operation);
                }
                Ok(_) => {}
            }
        }
        match self.paced(move || self.session.server(id)).await {
            Err(e) => {
                self.run.finish(i, ItemState::Failed(e.to_string()));
                None
            }
            Ok(server) => {
                self.panel
                    .replace_server(&self.session.account().id, &server);
                if server.status == target {
                    self.run
                        .finish(i, ItemState::Ok(format!("{} now", target.label())));
                    None
                } else if server.status == ServerStatus::Error {
                    let why = format!("in an error state ({})", server.raw_status);
                    self.run.finish(i, ItemState::Failed(why));
                    None
                } else if late {
                    self.run.finish(i, late_error(&server.raw_status));
                    None
                } else {
                    item.state.set(ItemState::Following(server.raw_status));
                    Some(None)
                }
            }
        }
    }

    /// Runs one step once the pacer allows it; after a 429 waits the
    /// provider's `Retry-After` and runs it again.
    async fn paced<R, F: Future<Output = Result<R, ProviderError>>>(
        &self,
        step: impl Fn() -> F,
    ) -> Result<R, ProviderError> {
        let mut refusals = 0;
        loop {
            let wait = self.pacer.borrow().wait_ms(now_ms());
            if wait > 0 {
                self.announce(wait);
                gloo_timers::future::sleep(Duration::from_millis(wait)).await;
                continue;
            }
            self.announce(0);
            let mark = self.session.mark();
            let result = step().await;
            let sent = self.session.sent_since(mark).len();
            self.pacer
                .borrow_mut()
                .record(now_ms(), u32::try_from(sent).unwrap_or(u32::MAX));
            self.obey_rate_headers();
            match result {
                Err(ProviderError::RateLimited {
                    retry_after_secs,
                    message,
                }) if refusals < MAX_REFUSALS => {
                    refusals += 1;
                    let secs = retry_after_secs.unwrap_or(DEFAULT_RETRY_SECS).max(1);
                    self.pacer.borrow_mut().hold_until(now_ms() + secs * 1000);
                    *self.refusal.borrow_mut() = Some(message);
                }
                other => {
                    self.refusal.borrow_mut().take();
                    return other;
                }
            }
        }
    }

    /// Holds the queue until the window resets when the last answer's
    /// `X-RateLimit-Remaining` is 0 (CyberPanel keys can be set below the
    /// default limit the pacer assumes).
    fn obey_rate_headers(&self) {
        let spent = self
            .session
            .last_headers()
            .and_then(|h| RateLimit::from_headers(&h))
            .filter(RateLimit::is_exhausted);
        if let Some(limit) = spent {
            let now = now_ms();
            let wait_secs = limit.seconds_until_reset(now / 1000).max(1);
            self.pacer.borrow_mut().hold_until(now + wait_secs * 1000);
        }
    }

    /// Shows (or, with 0, clears) this queue's wait.
    fn announce(&self, wait_ms: u64) {
        let id = self.session.account().id.clone();
        if wait_ms < ANNOUNCE_WAIT_MS && self.refusal.borrow().is_none() {
            if self.run.holds.with_untracked(|h| h.contains_key(&id)) {
                self.run.holds.update(|h| {
                    h.remove(&id);
                });
            }
            return;
        }
        let why = match self.refusal.borrow().as_ref() {
            Some(message) => format!("the provider answered 429 ({message}); waiting as it asked"),
            None => format!(
                "keeping under {}",
                RateLimits::of(self.session.provider()).documented
            ),
        };
        let hold = Hold {
            account: self.label.clone(),
            until_ms: now_ms() + wait_ms,
            why,
        };
        self.run.holds.update(|h| {
            h.insert(id, hold);
        });
    }

    /// Logs this account's part of the run in the activity log.
    fn log(&self, indexes: &[usize]) {
        let servers: Vec<ServerOutcome> = indexes
            .iter()
            .map(|&i| {
                let item = &self.run.items[i];
                let state = item.state.get_untracked();
                ServerOutcome {
                    id: item.row.server.id.clone(),
                    name: item.row.server.name.clone(),
                    outcome: state.outcome().unwrap_or(Outcome::Failed),
                    detail: state.detail().to_string(),
                }
            })
            .collect();
        let count = |o: Outcome| servers.iter().filter(|s| s.outcome == o).count();
        let (ok, failed, skipped) = (
            count(Outcome::Ok),
            count(Outcome::Failed),
            count(Outcome::Skipped),
        );
        let outcome = if failed > 0 {
            Outcome::Failed
        } else if ok == 0 {
            Outcome::Skipped
        } else {
            Outcome::Ok
        };
        let detail = [(ok, "ok"), (failed, "failed"), (skipped, "skipped")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, word)| format!("{n} {word}"))
            .collect::<Vec<_>>()
            .join(", ");
        let noun = if servers.len() == 1 {
            "server"
        } else {
            "servers"
        };
        activity::record(
            Activity::new(format!("bulk {}", self.run.action.label()))
                .account(self.session.account())
                .target(format!("{} {noun}", servers.len()))
                .outcome(outcome, detail)
                .servers(servers),
        );
    }
}
