//! The activity log: every action taken in the panel (power actions, bulk
//! runs, accounts added and forgotten, connection tests, orders, payments)
//! with when, which account and the result, kept in `localStorage`.
//!
//! Any module records with one call:
//!
//! ```ignore
//! use crate::state::activity::{self, Activity};
//! activity::record(Activity::new("restart").account(&account).target("web-1").ok("web-1 is running"));
//! ```
//!
//! Nothing secret goes in: the account is stored by its local id and
//! provider only (its label stays in the vault with its keys, and is looked
//! up when shown or exported), and texts are the panel's own messages, which
//! never carry credentials.

use crate::services::{clock::now_ms, storage};
use leptos::prelude::*;
use providers::{Account, ProviderId};
use serde::{Deserialize, Serialize};

/// The `localStorage` key.
const KEY: &str = "panel.activity";
/// Entries kept; older ones are dropped.
const MAX_ENTRIES: usize = 500;
/// Per-server results kept in one entry (a bulk run); the rest are counted.
const MAX_SERVERS: usize = 200;
/// Size of the stored log, in characters; the oldest entries go first.
const MAX_CHARS: usize = 1_500_000;

/// How an action ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It did what was asked.
    Ok,
    /// It failed; the detail says why.
    Failed,
    /// Nothing was done (already in that state, not applicable).
    Skipped,
}

impl Outcome {
    /// The word shown in the log.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Failed => "failed",
            Outcome::Skipped => "skipped",
        }
    }
}

/// One server's result inside a bulk entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerOutcome {
    /// The provider's server id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How it ended.
    pub outcome: Outcome,
    /// What happened, or why not.
    pub detail: String,
}

/// One logged action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it finished (Unix ms).
    pub at_ms: u64,
    /// What was done ("restart", "account added", "bulk stop").
    pub what: String,
    /// The provider, when the action was at one.
    pub provider: Option<ProviderId>,
    /// The panel's id of the account, when the action was on one.
    pub account_id: Option<String>,
    /// What it was done to ("web-1", "5 servers").
    pub target: Option<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// What happened, or why it failed.
    pub detail: String,
    /// Per-server results of a bulk action (at most 200; see `more_servers`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub servers: Vec<ServerOutcome>,
    /// Servers of a bulk action beyond those listed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more_servers: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// An entry being built; hand it to [`record`].
#[derive(Debug, Clone)]
pub struct Activity(Entry);

impl Activity {
    /// An action that succeeded, until told otherwise.
    pub fn new(what: impl Into<String>) -> Self {
        Self(Entry {
            at_ms: 0,
            what: what.into(),
            provider: None,
            account_id: None,
            target: None,
            outcome: Outcome::Ok,
            detail: String::new(),
            servers: Vec::new(),
            more_servers: 0,
        })
    }

    /// The account it was done with.
    pub fn account(mut self, account: &Account) -> Self {
        self.0.account_id = Some(account.id.clone());
        self.0.provider = Some(account.provider);
        self
    }

    /// The provider, for actions with no account yet (testing a new key).
    pub fn provider(mut self, provider: ProviderId) -> Self {
        self.0.provider = Some(provider);
        self
    }

    /// What it was done to.
    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.0.target = Some(target.into());
        self
    }

    /// It worked: what happened.
    pub fn ok(self, detail: impl Into<String>) -> Self {
        self.outcome(Outcome::Ok, detail)
    }

    /// It failed: why.
    pub fn failed(self, reason: impl Into<String>) -> Self {
        self.outcome(Outcome::Failed, reason)
    }

    /// How it ended, and the detail.
    pub fn outcome(mut self, outcome: Outcome, detail: impl Into<String>) -> Self {
        self.0.outcome = outcome;
        self.0.detail = detail.into();
        self
    }

    /// Per-server results of a bulk action.
    pub fn servers(mut self, mut servers: Vec<ServerOutcome>) -> Self {
        self.0.more_servers = servers.len().saturating_sub(MAX_SERVERS);
        servers.truncate(MAX_SERVERS);
        self.0.servers = servers;
        self
    }
}

thread_local! {
    /// Notified on every change, so open views re-read the log.
    static CHANGED: ArcTrigger = ArcTrigger::new();
}

/// Adds an action to the log, stamped now.
pub fn record(activity: Activity) {
    let mut entry = activity.0;
    entry.at_ms = now_ms();
    let mut entries = load();
    entries.insert(0, entry);
    entries.truncate(MAX_ENTRIES);
    save(entries);
    CHANGED.with(|c| c.notify());
}

/// Every entry, newest first (reactive: re-read when one is recorded).
pub fn entries() -> Vec<Entry> {
    CHANGED.with(|c| c.track());
    load()
}

fn load() -> Vec<Entry> {
    storage::get(KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save(mut entries: Vec<Entry>) {
    loop {
        let Ok(text) = serde_json::to_string(&entries) else {
            return;
        };
        if text.len() <= MAX_CHARS || entries.len() <= 1 {
            storage::set(KEY, &text);
            return;
        }
        let keep = entries.len() * 3 / 4;
        entries.truncate(keep.max(1));
    }
}
