//! The account's SSH keys (`/ssh-key`): listing with the VMs that use each,
//! adding (the key's comment names it when no name is given), and deleting
//! unless a VM still uses the key.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{json, Value};

use super::reply::{body, invalid, ok, Reply};
use super::ssh;
use super::state::{Call, State};
use super::time::rfc3339;

/// A stored SSH key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SshKey {
    /// Key id.
    pub(super) id: u64,
    /// Owner's public key (hex).
    pub(super) owner: String,
    /// Display name.
    pub(super) name: String,
    /// When it was added.
    pub(super) created_ms: u64,
}

impl SshKey {
    /// `UserSshKey` JSON with the ids of the VMs using it.
    fn to_json(&self, vms: &[u64]) -> Value {
        json!({ "id": self.id, "name": self.name, "created": rfc3339(self.created_ms), "vms": vms })
    }
}

#[derive(Debug, Deserialize)]
struct NewKey {
    name: String,
    key_data: String,
}

impl State {
    /// Key id → the caller's VMs that use it.
    fn key_users(&self, call: &Call) -> BTreeMap<u64, Vec<u64>> {
        let mut users: BTreeMap<u64, Vec<u64>> = BTreeMap::new();
        if let Some(account) = self.accounts.get(&call.user) {
            for vm in account.vms.iter().filter_map(|id| self.vms.get(id)) {
                users.entry(vm.ssh_key_id).or_default().push(vm.id);
            }
        }
        users
    }

    /// `GET /api/v1/ssh-key`.
    pub(super) fn list_keys(&mut self, call: &Call) -> Reply {
        let users = self.key_users(call);
        let account = self.account(call)?;
        let ids: Vec<u64> = account.keys.iter().copied().collect();
        let keys = ids
            .iter()
            .filter_map(|id| self.keys.get(id))
            .map(|k| k.to_json(users.get(&k.id).map_or(&[][..], Vec::as_slice)))
            .collect::<Vec<_>>();
        ok(json!(keys))
    }

    /// `POST /api/v1/ssh-key`.
    pub(super) fn add_key(&mut self, call: &Call) -> Reply {
        let new: NewKey = body(call.request)?;
        let Some(parsed) = ssh::parse(&new.key_data) else {
            return Err(invalid("Invalid SSH public key format"));
        };
        let name = match new.name.trim() {
            "" => parsed.comment.unwrap_or_default(),
            name => name.to_string(),
        };
        if name.is_empty() {
            return Err(invalid("name is required when the key has no comment"));
        }
        let id = self.ids.key();
        let key = SshKey {
            id,
            owner: call.user.clone(),
            name,
            created_ms: call.now,
        };
        let json = key.to_json(&[]);
        self.account(call)?.keys.insert(id);
        self.keys.insert(id, key);
        ok(json)
    }

    /// `DELETE /api/v1/ssh-key/{id}`: 400 while a VM uses it.
    pub(super) fn delete_key(&mut self, call: &Call, id: u64) -> Reply {
        self.key(call, id)?;
        if let Some(vms) = self.key_users(call).get(&id) {
            let list: Vec<String> = vms.iter().map(u64::to_string).collect();
            return Err(invalid(format!(
                "SSH key is in use by VM {}",
                list.join(", ")
            )));
        }
        self.account(call)?.keys.remove(&id);
        self.keys.remove(&id);
        ok(Value::Null)
    }
}
