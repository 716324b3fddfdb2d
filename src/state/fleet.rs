//! Each account's fleet: loaded in parallel, each with its own state, so one
//! provider failing never blanks the others. A rate-limited account waits
//! the time the provider asked for and retries by itself.

use super::Panel;
use crate::services::clock::now_ms;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::{ProviderError, Server};
use std::sync::Arc;
use std::time::Duration;

/// Where an account's fleet stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    /// A request is under way.
    Loading,
    /// Loaded.
    Ready,
    /// The last load failed.
    Failed(ProviderError),
    /// Rate limited: retrying by itself at `until_ms`.
    Waiting {
        /// When the retry happens (Unix ms).
        until_ms: u64,
        /// The 429 that caused the wait.
        error: ProviderError,
    },
}

/// One account's servers and load state.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountFleet {
    /// Load state.
    pub status: LoadStatus,
    /// Servers from the last successful load.
    pub servers: Vec<Arc<Server>>,
    /// When the last successful load finished (Unix ms).
    pub refreshed_ms: Option<u64>,
    /// How long the last successful load took (ms).
    pub took_ms: Option<u64>,
}

/// A fleet-table row: a server with the account it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Account id.
    pub account_id: Arc<str>,
    /// Account label.
    pub account_label: Arc<str>,
    /// The server.
    pub server: Arc<Server>,
}

impl Panel {
    /// Reloads every visible account's fleet, in parallel.
    pub fn refresh_all(&self) {
        for entry in self.visible_accounts() {
            self.refresh(&entry.account.id);
        }
    }

    /// Reloads one account's fleet.
    pub fn refresh(&self, id: &str) {
        let Some(session) = self.session(id) else {
            return;
        };
        let id = id.to_string();
        let fleet = self.fleet;
        fleet.update(|f| {
            let entry = f.entry(id.clone()).or_insert_with(|| AccountFleet {
                status: LoadStatus::Loading,
                servers: Vec::new(),
                refreshed_ms: None,
                took_ms: None,
            });
            entry.status = LoadStatus::Loading;
        });
        let panel = *self;
        spawn_local(async move {
            let started = now_ms();
            let result = session.list_servers().await;
            // The account may have been forgotten while loading.
            if panel.account(&id).is_none() {
                return;
            }
            match result {
                Ok(servers) => fleet.update(|f| {
                    if let Some(e) = f.get_mut(&id) {
                        e.servers = servers.into_iter().map(Arc::new).collect();
                        e.status = LoadStatus::Ready;
                        e.refreshed_ms = Some(now_ms());
                        e.took_ms = Some(now_ms().saturating_sub(started));
                    }
                }),
                Err(ProviderError::RateLimited {
                    retry_after_secs,
                    message,
                }) => {
                    let wait = retry_after_secs.unwrap_or(30).max(1);
                    let error = ProviderError::RateLimited {
                        retry_after_secs,
                        message,
                    };
                    fleet.update(|f| {
                        if let Some(e) = f.get_mut(&id) {
                            e.status = LoadStatus::Waiting {
                                until_ms: now_ms() + wait * 1000,
                                error,
                            };
                        }
                    });
                    gloo_timers::future::sleep(Duration::from_secs(wait)).await;
                    if panel.account(&id).is_some() {
                        panel.refresh(&id);
                    }
                }
                Err(error) => fleet.update(|f| {
                    if let Some(e) = f.get_mut(&id) {
                        e.status = LoadStatus::Failed(error);
                    }
                }),
            }
        });
    }

    /// Puts a fresh copy of one server in its account's fleet (after a power action).
    pub fn replace_server(&self, account: &str, server: &Server) {
        self.fleet.update(|f| {
            if let Some(a) = f.get_mut(account) {
                if let Some(slot) = a.servers.iter_mut().find(|s| s.id == server.id) {
                    *slot = Arc::new(server.clone());
                }
            }
        });
    }

    /// Every server of the visible accounts, as table rows.
    pub fn rows(&self) -> Vec<Row> {
        let accounts = self.visible_accounts();
        self.fleet.with(|fleet| {
            accounts
                .iter()
                .filter_map(|a| fleet.get(&a.account.id).map(|f| (a, f)))
                .flat_map(|(a, f)| {
                    let id: Arc<str> = Arc::from(a.account.id.as_str());
                    let label: Arc<str> = Arc::from(a.account.label.as_str());
                    f.servers.iter().map(move |s| Row {
                        account_id: id.clone(),
                        account_label: label.clone(),
                        server: s.clone(),
                    })
                })
                .collect()
        })
    }
}
