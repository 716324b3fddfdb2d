//! The panel's state, provided once at the root: accounts and their
//! sessions, each account's fleet, the vault and Sandbox mode.

pub mod accounts;
pub mod activity;
pub mod bulk;
pub mod fleet;
pub mod order_flow;
pub mod order_lnvps;
pub mod orders;
pub mod power;
pub mod selection;

pub use accounts::{AccountEntry, Keep, VaultStatus};
pub use fleet::{AccountFleet, LoadStatus, Row};

use crate::services::clock::BrowserClock;
use crate::services::signer::AppSigner;
use crate::services::transport::AppTransport;
use leptos::prelude::*;
use providers::driver::Session;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// A live connection to one account.
pub type AppSession = Session<AppTransport, AppSigner, BrowserClock>;

/// Non-reactive, browser-only parts of the state.
pub struct Runtime {
    transport: AppTransport,
    sessions: HashMap<String, Rc<AppSession>>,
    vault_key: Option<crate::services::vault::VaultKey>,
    demo_signer: providers::KeySigner,
}

/// The root service every view reaches with `expect_context::<Panel>()`.
#[derive(Clone, Copy)]
pub struct Panel {
    /// Every account the panel knows, in the order added.
    pub accounts: RwSignal<Vec<AccountEntry>>,
    /// Each account's fleet, by account id.
    pub fleet: RwSignal<BTreeMap<String, AccountFleet>>,
    /// Whether remembered accounts exist and are unlocked.
    pub vault: RwSignal<VaultStatus>,
    /// Sandbox mode: the simulated providers' demo accounts are shown.
    pub sandbox_mode: RwSignal<bool>,
    /// True inside the desktop app: accounts live in the OS keychain.
    pub desktop: bool,
    runtime: StoredValue<Runtime, LocalStorage>,
}

impl Panel {
    /// The state at start-up: Sandbox mode on, no real accounts yet.
    pub fn new(transport: AppTransport) -> Self {
        let demo_signer = providers::KeySigner::generate();
        let runtime = Runtime {
            transport,
            sessions: HashMap::new(),
            vault_key: None,
            demo_signer,
        };
        let panel = Self {
            accounts: RwSignal::new(Vec::new()),
            fleet: RwSignal::new(BTreeMap::new()),
            vault: RwSignal::new(accounts::initial_vault_status()),
            sandbox_mode: RwSignal::new(true),
            desktop: crate::services::desktop::available(),
            runtime: StoredValue::new_local(runtime),
        };
        let demo = crate::services::demo::accounts(&panel.transport().sandbox().borrow());
        panel.accounts.set(demo);
        if panel.desktop {
            panel.load_keychain();
        }
        panel
    }

    /// The transport shared by every session.
    pub fn transport(&self) -> AppTransport {
        self.runtime.with_value(|r| r.transport.clone())
    }

    /// Accounts currently shown (Sandbox accounts only in Sandbox mode).
    pub fn visible_accounts(&self) -> Vec<AccountEntry> {
        let sandbox = self.sandbox_mode.get();
        self.accounts
            .get()
            .into_iter()
            .filter(|a| sandbox || a.keep != Keep::Sandbox)
            .collect()
    }

    /// One account by id.
    pub fn account(&self, id: &str) -> Option<AccountEntry> {
        self.accounts
            .with(|list| list.iter().find(|a| a.account.id == id).cloned())
    }

    /// The session already open for an account, if any.
    fn open_session(&self, id: &str) -> Option<Rc<AppSession>> {
        self.runtime.with_value(|r| r.sessions.get(id).cloned())
    }

    /// The session for an account, created on first use.
    pub fn session(&self, id: &str) -> Option<Rc<AppSession>> {
        let entry = self
            .accounts
            .with_untracked(|list| list.iter().find(|a| a.account.id == id).cloned())?;
        let mut session = None;
        self.runtime.update_value(|r| {
            let s = r.sessions.entry(id.to_string()).or_insert_with(|| {
                let signer = match (&entry.account.credentials, entry.keep) {
                    (providers::Credentials::Nostr { .. }, Keep::Sandbox) => {
                        AppSigner::Key(r.demo_signer.clone())
                    }
                    (providers::Credentials::Nostr { .. }, Keep::Keychain) => {
                        AppSigner::Keychain(entry.account.id.clone())
                    }
                    (providers::Credentials::Nostr { .. }, _) => AppSigner::Extension,
                    _ => AppSigner::None,
                };
                let transport = match entry.keep {
                    Keep::Keychain => r.transport.for_keychain_account(&entry.account.id),
                    _ => r.transport.clone(),
                };
                Rc::new(Session::new(
                    entry.account.clone(),
                    transport,
                    signer,
                    BrowserClock,
                ))
            });
            session = Some(s.clone());
        });
        session
    }

    fn drop_session(&self, id: &str) {
        self.runtime.update_value(|r| {
            r.sessions.remove(id);
        });
    }
}
