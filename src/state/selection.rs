//! The fleet view's multi-selection, by server key (account and server id)
//! rather than by table row, so it survives windowed rendering, sorting,
//! filtering and refreshes.

use super::Row;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// A server, by the account it belongs to and its id there.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ServerKey {
    /// The panel's account id.
    pub account_id: Arc<str>,
    /// The provider's server id.
    pub server_id: Arc<str>,
}

impl ServerKey {
    /// The key of a table row.
    pub fn of(row: &Row) -> Self {
        Self {
            account_id: row.account_id.clone(),
            server_id: Arc::from(row.server.id.as_str()),
        }
    }
}

/// The servers ticked in the fleet view.
#[derive(Debug, Clone, Copy)]
pub struct Selection(RwSignal<HashSet<ServerKey>>);

impl Selection {
    /// Nothing selected.
    pub fn new() -> Self {
        Self(RwSignal::new(HashSet::new()))
    }

    /// Whether a server is ticked (reactive).
    pub fn contains(&self, key: &ServerKey) -> bool {
        self.0.with(|s| s.contains(key))
    }

    /// Ticks or unticks one server.
    pub fn set(&self, key: ServerKey, on: bool) {
        self.0.update(|s| {
            if on {
                s.insert(key);
            } else {
                s.remove(&key);
            }
        });
    }

    /// Ticks or unticks every row given (the rows the filters show).
    pub fn set_rows(&self, rows: &[Row], on: bool) {
        self.0.update(|s| {
            for row in rows {
                let key = ServerKey::of(row);
                if on {
                    s.insert(key);
                } else {
                    s.remove(&key);
                }
            }
        });
    }

    /// Unticks everything.
    pub fn clear(&self) {
        self.0.update(HashSet::clear);
    }

    /// The rows among `rows` that are ticked (reactive), in their order.
    pub fn picked(&self, rows: &[Row]) -> Vec<Row> {
        self.0.with(|s| {
            if s.is_empty() {
                return Vec::new();
            }
            rows.iter()
                .filter(|r| s.contains(&ServerKey::of(r)))
                .cloned()
                .collect()
        })
    }

    /// How many of `rows` are ticked (reactive).
    pub fn count_in(&self, rows: &[Row]) -> usize {
        self.0.with(|s| {
            if s.is_empty() {
                return 0;
            }
            rows.iter()
                .filter(|r| s.contains(&ServerKey::of(r)))
                .count()
        })
    }
}

impl Default for Selection {
    fn default() -> Self {
        Self::new()
    }
}
