//! Accounts: adding, remembering (encrypted), unlocking and forgetting them.
//!
//! An account is kept for this tab's session by default, in memory only. With
//! "remember", it is sealed in the vault (see `services::vault`); nothing
//! secret is ever written in clear. In the desktop app every account is kept
//! in the OS keychain by the native side, and the web view only ever holds
//! stand-ins for its secrets.

use super::{LoadStatus, Panel};
use crate::services::{desktop, vault};
use leptos::prelude::*;
use providers::Account;
use serde::{Deserialize, Serialize};

/// Where an account's credentials live.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Keep {
    /// A demo account of the in-browser sandbox.
    Sandbox,
    /// In memory for this tab only.
    Session,
    /// Sealed in the encrypted vault on this device.
    Remembered,
    /// In the OS keychain, held by the desktop app's native side.
    Keychain,
}

/// An account with where it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountEntry {
    /// The account.
    pub account: Account,
    /// Where its credentials live.
    pub keep: Keep,
}

/// The state of the encrypted vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultStatus {
    /// No account has been remembered on this device.
    Absent,
    /// Remembered accounts exist; the passphrase is needed to use them.
    Locked,
    /// Remembered accounts are loaded.
    Unlocked,
}

pub(super) fn initial_vault_status() -> VaultStatus {
    if vault::load_sealed().is_some() {
        VaultStatus::Locked
    } else {
        VaultStatus::Absent
    }
}

impl Panel {
    /// Adds an account kept for this session, or remembered in the vault
    /// (which must be unlocked, or is created with `passphrase`).
    pub async fn add_account(
        &self,
        account: Account,
        remember: bool,
        passphrase: Option<String>,
    ) -> Result<(), String> {
        if self.desktop {
            let saved = desktop::account_save(&account).await?;
            self.insert(saved, Keep::Keychain);
            return Ok(());
        }
        let keep = if remember {
            Keep::Remembered
        } else {
            Keep::Session
        };
        if remember && self.vault.get_untracked() != VaultStatus::Unlocked {
            match (self.vault.get_untracked(), passphrase) {
                (VaultStatus::Absent, Some(p)) => {
                    let key = vault::create(&p).await?;
                    self.runtime.update_value(|r| r.vault_key = Some(key));
                    self.vault.set(VaultStatus::Unlocked);
                }
                (VaultStatus::Locked, Some(p)) => self.unlock(&p).await?,
                _ => return Err("enter the vault passphrase to remember this account".into()),
            }
        }
        self.insert(account.clone(), keep);
        if remember {
            self.persist().await?;
        }
        Ok(())
    }

    /// Puts an account in the list (replacing one with its id) and loads its fleet.
    fn insert(&self, account: Account, keep: Keep) {
        let id = account.id.clone();
        self.accounts.update(|list| {
            list.retain(|a| a.account.id != id);
            list.push(AccountEntry { account, keep });
        });
        self.drop_session(&id);
        self.refresh(&id);
    }

    /// Loads the accounts kept in the desktop app's keychain.
    pub(super) fn load_keychain(&self) {
        let panel = *self;
        leptos::task::spawn_local(async move {
            match desktop::accounts_list().await {
                Ok(accounts) => {
                    // Someone with accounts of their own starts with them, not the demo.
                    if !accounts.is_empty() {
                        panel.sandbox_mode.set(false);
                    }
                    for account in accounts {
                        panel.insert(account, Keep::Keychain);
                    }
                }
                Err(e) => leptos::logging::warn!("the keychain could not be read: {e}"),
            }
            panel.report_when_loaded().await;
        });
    }

    /// Tells the desktop app's native side once every visible account's
    /// fleet has loaded or failed (its window-ready signal).
    async fn report_when_loaded(&self) {
        loop {
            let ids: Vec<String> = self
                .visible_accounts()
                .into_iter()
                .map(|a| a.account.id)
                .collect();
            let settled = self.fleet.with_untracked(|f| {
                ids.iter().all(|id| {
                    f.get(id).is_some_and(|a| {
                        matches!(a.status, LoadStatus::Ready | LoadStatus::Failed(_))
                    })
                })
            });
            if settled {
                let servers = self.rows().len();
                if let Err(e) = desktop::ready(servers).await {
                    leptos::logging::warn!("{e}");
                }
                return;
            }
            gloo_timers::future::sleep(std::time::Duration::from_millis(200)).await;
        }
    }

    /// Forgets an account: ends its provider session where one is held,
    /// then removes it from memory and from the vault. Says (`Ok`) how the
    /// provider session ended, when there was one to end.
    pub async fn forget(&self, id: &str) -> Result<Option<String>, String> {
        let ended = match self.open_session(id) {
            Some(session) => match session.end_session().await {
                Ok(()) => None,
                Err(e) => Some(format!(
                    "the provider session could not be ended ({e}); it expires by itself"
                )),
            },
            None => None,
        };
        let keep = self.account(id).map(|a| a.keep);
        if keep == Some(Keep::Keychain) {
            desktop::account_delete(id).await?;
        }
        let was_remembered = keep == Some(Keep::Remembered);
        self.accounts
            .update(|list| list.retain(|a| a.account.id != id));
        self.fleet.update(|f| {
            f.remove(id);
        });
        self.drop_session(id);
        if was_remembered {
            self.persist().await?;
        }
        Ok(ended)
    }

    /// Unlocks the vault and loads the remembered accounts.
    pub async fn unlock(&self, passphrase: &str) -> Result<(), String> {
        let sealed = vault::load_sealed().ok_or("no remembered accounts on this device")?;
        let (key, plain) = vault::open(passphrase, &sealed).await?;
        let accounts: Vec<Account> = serde_json::from_slice(&plain)
            .map_err(|_| "the vault's contents are damaged".to_string())?;
        self.runtime.update_value(|r| r.vault_key = Some(key));
        let ids: Vec<String> = accounts.iter().map(|a| a.id.clone()).collect();
        self.accounts.update(|list| {
            list.retain(|a| !ids.contains(&a.account.id));
            list.extend(accounts.into_iter().map(|account| AccountEntry {
                account,
                keep: Keep::Remembered,
            }));
        });
        self.vault.set(VaultStatus::Unlocked);
        for id in ids {
            self.refresh(&id);
        }
        Ok(())
    }

    /// Removes the vault from this device, with every remembered account.
    pub fn erase_vault(&self) {
        vault::clear();
        self.runtime.update_value(|r| r.vault_key = None);
        let remembered: Vec<String> = self.accounts.with_untracked(|list| {
            list.iter()
                .filter(|a| a.keep == Keep::Remembered)
                .map(|a| a.account.id.clone())
                .collect()
        });
        for id in &remembered {
            self.drop_session(id);
        }
        self.accounts
            .update(|list| list.retain(|a| a.keep != Keep::Remembered));
        self.fleet
            .update(|f| f.retain(|id, _| !remembered.contains(id)));
        self.vault.set(VaultStatus::Absent);
    }

    /// Re-seals the remembered accounts (or removes the vault when none are left).
    async fn persist(&self) -> Result<(), String> {
        let remembered: Vec<Account> = self.accounts.with_untracked(|list| {
            list.iter()
                .filter(|a| a.keep == Keep::Remembered)
                .map(|a| a.account.clone())
                .collect()
        });
        if remembered.is_empty() {
            vault::clear();
            self.runtime.update_value(|r| r.vault_key = None);
            self.vault.set(VaultStatus::Absent);
            return Ok(());
        }
        let key = self
            .runtime
            .with_value(|r| r.vault_key.clone())
            .ok_or("the vault is locked")?;
        let plain = serde_json::to_vec(&remembered).map_err(|e| e.to_string())?;
        let sealed = vault::seal(&key, &plain).await?;
        vault::store_sealed(&sealed);
        Ok(())
    }
}
