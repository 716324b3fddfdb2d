//! Everything the simulated LNVPS remembers: accounts by public key, VMs,
//! SSH keys and payments by id, IP-range subscriptions, and the id counters; plus the look-ups every
//! endpoint shares (an owned VM, an owned key) and the lazy clean-up that
//! deletes unpaid orders after an hour and lapsed VMs after their grace period.

use std::collections::{BTreeMap, HashMap};

use crate::Incoming;

use super::reply::Rejection;

use super::account::Account;
use super::bolt11::Node;
use super::fleet;
use super::keys::SshKey;
use super::payment::Payment;
use super::ranges::Ranges;
use super::reply::{forbidden, not_found};
use super::vm::{Event, Vm};

/// Counters for every kind of id.
#[derive(Debug, Clone)]
pub(super) struct Ids {
    vm: u64,
    key: u64,
    event: u64,
    /// IP assignment ids (the last one used).
    pub(super) ip: u64,
    method: u64,
    template: u64,
    subscription: u64,
}

impl Default for Ids {
    fn default() -> Self {
        // VM ids start near the document's example (123); custom templates
        // after the catalogue's.
        Ids {
            vm: 100,
            key: 0,
            event: 0,
            ip: 0,
            method: 0,
            template: 1_000,
            subscription: 50,
        }
    }
}

fn bump(counter: &mut u64) -> u64 {
    *counter += 1;
    *counter
}

impl Ids {
    /// A new VM id.
    pub(super) fn vm(&mut self) -> u64 {
        bump(&mut self.vm)
    }
    /// A new SSH key id.
    pub(super) fn key(&mut self) -> u64 {
        bump(&mut self.key)
    }
    /// A new history entry id.
    pub(super) fn event(&mut self) -> u64 {
        bump(&mut self.event)
    }
    /// A new saved payment method id.
    pub(super) fn method(&mut self) -> u64 {
        bump(&mut self.method)
    }
    /// A new custom template id.
    pub(super) fn template(&mut self) -> u64 {
        bump(&mut self.template)
    }
    /// A new subscription id.
    pub(super) fn subscription(&mut self) -> u64 {
        bump(&mut self.subscription)
    }
}

/// A pending email verification.
#[derive(Debug, Clone)]
pub(super) struct EmailToken {
    /// Whose address it confirms.
    pub(super) owner: String,
    /// The address it confirms.
    pub(super) email: String,
    /// When it stops working.
    pub(super) expires_ms: u64,
}

/// The simulated provider's memory.
pub(super) struct State {
    /// Seed of every value drawn at random.
    pub(super) seed: u64,
    /// VMs a new account starts with.
    pub(super) servers: usize,
    /// Accounts by public key (hex).
    pub(super) accounts: HashMap<String, Account>,
    /// VMs by id.
    pub(super) vms: BTreeMap<u64, Vm>,
    /// SSH keys by id.
    pub(super) keys: BTreeMap<u64, SshKey>,
    /// Payments by id.
    pub(super) payments: HashMap<String, Payment>,
    /// Subscription id → VM id.
    pub(super) subscriptions: HashMap<u64, u64>,
    /// IP-range subscriptions and the ranges bought with them.
    pub(super) ranges: Ranges,
    /// Email verification tokens.
    pub(super) email_tokens: HashMap<String, EmailToken>,
    /// Id counters.
    pub(super) ids: Ids,
    /// Randomness for payments and tokens (seeded).
    pub(super) rng: fastrand::Rng,
    /// The Lightning node that signs invoices.
    pub(super) node: Node,
}

/// One authenticated request.
pub(super) struct Call<'a> {
    /// The request.
    pub(super) request: &'a Incoming<'a>,
    /// Sandbox time, Unix ms.
    pub(super) now: u64,
    /// The caller's public key (hex).
    pub(super) user: String,
}

impl State {
    /// Empty state; accounts appear on their first authenticated request.
    pub(super) fn new(servers: usize, seed: u64) -> Self {
        State {
            seed,
            servers,
            accounts: HashMap::new(),
            vms: BTreeMap::new(),
            keys: BTreeMap::new(),
            payments: HashMap::new(),
            subscriptions: HashMap::new(),
            ranges: Ranges::default(),
            email_tokens: HashMap::new(),
            ids: Ids::default(),
            rng: fastrand::Rng::with_seed(seed ^ 0x7061_796d_656e_7473),
            node: Node::new(seed),
        }
    }

    /// Makes sure `user` has an account (seeding a new one) and applies what
    /// time has done to its VMs.
    pub(super) fn enter(&mut self, user: &str, now: u64) {
        if !self.accounts.contains_key(user) {
            fleet::seed_account(self, user, now);
        }
        self.sweep(user, now);
    }

    /// Deletes `user`'s VMs that are gone and logs lapses of the others.
    fn sweep(&mut self, user: &str, now: u64) {
        let Some(account) = self.accounts.get_mut(user) else {
            return;
        };
        let mut removed = Vec::new();
        for id in &account.vms {
            let Some(vm) = self.vms.get_mut(id) else {
                continue;
            };
            if vm.gone(now) {
                removed.push(*id);
            } else if vm.paid_since.is_some() && vm.expired(now) && !vm.expiry_logged {
                vm.expiry_logged = true;
                let previous = if vm.power.on { "running" } else { "stopped" };
                let states = (Some(previous), Some("stopped"));
                let text = "VM expired and was stopped";
                vm.log(Event::new(
                    self.ids.event(),
                    vm.expires_ms,
                    "expired",
                    "system",
                    states,
                    text,
                ));
            }
        }
        for id in removed {
            account.vms.remove(&id);
            if let Some(vm) = self.vms.remove(&id) {
                if let Some(sub) = vm.subscription_id {
                    self.subscriptions.remove(&sub);
                }
            }
        }
    }

    /// The caller's VM `id`: 404 when it does not exist, 403 when it is someone else's.
    pub(super) fn vm(&self, call: &Call, id: u64) -> Result<&Vm, Rejection> {
        match self.vms.get(&id) {
            Some(vm) if vm.gone(call.now) => Err(not_found()),
            Some(vm) if vm.owner != call.user => Err(forbidden("VM")),
            Some(vm) => Ok(vm),
            None => Err(not_found()),
        }
    }

    /// The caller's SSH key `id`: 404 when missing, 403 when someone else's.
    pub(super) fn key(&self, call: &Call, id: u64) -> Result<&SshKey, Rejection> {
        match self.keys.get(&id) {
            Some(key) if key.owner != call.user => Err(forbidden("SSH key")),
            Some(key) => Ok(key),
            None => Err(not_found()),
        }
    }

    /// The caller's account (it exists once [`State::enter`] ran).
    pub(super) fn account(&mut self, call: &Call) -> Result<&mut Account, Rejection> {
        self.accounts.get_mut(&call.user).ok_or_else(not_found)
    }

    /// `VmStatus` JSON of VM `id` at `now`.
    pub(super) fn vm_json(&self, vm: &Vm, now: u64) -> serde_json::Value {
        let key = self
            .keys
            .get(&vm.ssh_key_id)
            .map(|k| (k.id, k.name.as_str(), k.created_ms));
        vm.to_json(key, now)
    }
}
