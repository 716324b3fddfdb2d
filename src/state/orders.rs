//! Orders in flight, provided once at the root: the order journal as
//! reactive state, what each order shows while it is followed (progress,
//! invoice, the last error), and the resumption of journaled orders once
//! their account is in the panel (after a reload, or after unlocking the
//! vault). Each provider's order flow lives in its own module and is
//! dispatched from [`Orders::resume`].

use super::{order_flow, order_lnvps, Keep, Panel};
use crate::services::order_journal::{self, JournalEntry, OrderState};
use leptos::prelude::*;
use providers::driver::OrderTicket;
use providers::{ProgressState, ProviderError, ProviderId};
use std::collections::{BTreeMap, HashSet};

/// A Lightning invoice to pay, as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct LightningInvoice {
    /// The provider's payment id.
    pub payment_id: String,
    /// The BOLT11 invoice (no `lightning:` prefix).
    pub bolt11: String,
    /// What it asks for, formatted (`21000 sat`).
    pub amount: String,
    /// When it stops being payable (Unix ms).
    pub expires_ms: Option<u64>,
    /// True once paid.
    pub paid: bool,
}

/// What an order shows while it is followed (not journaled: rebuilt on resume).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LiveOrder {
    /// The provider's last progress reading.
    pub progress: Option<providers::Progress>,
    /// The invoice to pay, where there is one.
    pub invoice: Option<LightningInvoice>,
    /// The last error (the order is still followed after a passing one).
    pub error: Option<ProviderError>,
    /// What the panel is doing for it now (`asking LNVPS for the invoice`).
    pub busy: Option<String>,
}

/// The orders context: `expect_context::<Orders>()`.
#[derive(Clone, Copy)]
pub struct Orders {
    /// Every journaled order, oldest first.
    pub entries: RwSignal<Vec<JournalEntry>>,
    /// What each order shows, by its key.
    pub live: RwSignal<BTreeMap<String, LiveOrder>>,
    followed: StoredValue<HashSet<String>, LocalStorage>,
    /// When this page loaded (Unix ms).
    started_ms: u64,
}

impl Orders {
    /// The journal as stored on this device.
    pub fn load() -> Self {
        Self {
            entries: RwSignal::new(order_journal::load()),
            live: RwSignal::new(BTreeMap::new()),
            followed: StoredValue::new_local(HashSet::new()),
            started_ms: crate::services::clock::now_ms(),
        }
    }

    /// Adds an order to the journal and stores it; an error (and nothing
    /// may be sent) when it could not be stored.
    pub fn record(&self, entry: JournalEntry) -> Result<(), String> {
        let mut list = self.entries.get_untracked();
        list.push(entry);
        order_journal::save(&list)?;
        self.entries.set(list);
        Ok(())
    }

    /// Journals a new order about to be sent and claims its following; its
    /// key, or why nothing may be sent (the journal could not be written).
    /// From here on a reload reconciles this order instead of placing another.
    pub fn open(
        &self,
        ticket: &OrderTicket,
        account_id: &str,
        summary: String,
        request: serde_json::Value,
    ) -> Result<String, String> {
        let key = ticket.op_id.clone();
        self.record(JournalEntry {
            ticket: ticket.clone(),
            account_id: account_id.to_string(),
            summary,
            request,
            created_ms: crate::services::clock::now_ms(),
            state: OrderState::Sending,
            server_id: None,
            operation: None,
            note: None,
            invoice: None,
            items: Vec::new(),
        })?;
        self.claim(&key);
        Ok(key)
    }

    /// Changes one order and stores the journal.
    pub fn update(&self, key: &str, change: impl FnOnce(&mut JournalEntry)) {
        self.entries.update(|list| {
            if let Some(entry) = list.iter_mut().find(|e| e.key() == key) {
                change(entry);
            }
        });
        if let Err(e) = self.entries.with_untracked(|l| order_journal::save(l)) {
            leptos::logging::warn!("{e}");
        }
    }

    /// One order by key.
    pub fn entry(&self, key: &str) -> Option<JournalEntry> {
        self.entries
            .with_untracked(|l| l.iter().find(|e| e.key() == key).cloned())
    }

    /// Changes what an order shows.
    pub fn show(&self, key: &str, change: impl FnOnce(&mut LiveOrder)) {
        self.live
            .update(|live| change(live.entry(key.to_string()).or_default()));
    }

    /// Removes a finished order from the journal.
    pub fn dismiss(&self, key: &str) {
        self.entries.update(|l| l.retain(|e| e.key() != key));
        self.live.update(|l| {
            l.remove(key);
        });
        if let Err(e) = self.entries.with_untracked(|l| order_journal::save(l)) {
            leptos::logging::warn!("{e}");
        }
    }

    /// Claims the following of `key`; false when it is already followed.
    pub fn claim(&self, key: &str) -> bool {
        let mut fresh = false;
        self.followed
            .update_value(|set| fresh = set.insert(key.to_string()));
        fresh
    }

    /// Gives up the following of `key` (the flow ended or paused).
    pub fn release(&self, key: &str) {
        self.followed.update_value(|set| {
            set.remove(key);
        });
    }

    /// Starts following every in-flight order whose account is in the panel
    /// and that nothing follows yet; the others wait for their account.
    pub fn resume_all(&self, panel: Panel) {
        let waiting: Vec<JournalEntry> = self
            .entries
            .get_untracked()
            .into_iter()
            .filter(|e| e.state.in_flight())
            .filter(|e| panel.account(&e.account_id).is_some())
            .collect();
        for entry in waiting {
            let demo = panel
                .account(&entry.account_id)
                .is_some_and(|a| a.keep == Keep::Sandbox);
            if demo && entry.created_ms < self.started_ms {
                // The in-browser sandbox starts afresh on every load.
                self.update(entry.key(), |e| {
                    e.state = OrderState::Failed;
                    e.note = Some(
                        "A Sandbox-mode order from before the page was reloaded: the \
                         in-browser sandbox starts afresh, so this demo order is gone."
                            .into(),
                    );
                });
                continue;
            }
            self.resume(panel, &entry);
        }
    }

    /// Follows one journaled order with its provider's flow.
    pub fn resume(&self, panel: Panel, entry: &JournalEntry) {
        if !self.claim(entry.key()) {
            return;
        }
        match entry.ticket.provider {
            ProviderId::Lnvps => order_lnvps::drive(panel, *self, entry.key().to_string()),
            _ => order_flow::drive(panel, *self, entry.key().to_string()),
        }
    }

    /// Records a progress reading of `key`: the live view, and the journal's state.
    pub fn progressed(&self, key: &str, progress: &providers::Progress) {
        let state = match progress.state {
            ProgressState::AwaitingPayment => Some(OrderState::AwaitingPayment),
            ProgressState::InProgress => Some(OrderState::Provisioning),
            ProgressState::Done => Some(OrderState::Done),
            ProgressState::Failed => None,
        };
        if let Some(state) = state {
            // A dropped or finished order stays as it is.
            if self
                .entry(key)
                .is_some_and(|e| e.state.in_flight() && e.state != state)
            {
                self.update(key, |e| e.state = state);
            }
        }
        let progress = progress.clone();
        self.show(key, move |l| {
            l.progress = Some(progress);
            l.error = None;
        });
    }
}
