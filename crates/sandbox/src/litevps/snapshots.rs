//! LiteVPS snapshots of a VM's disk: create, list, delete.

use super::body::{self, invalid, not_found, Refusal};
use super::vms::{State, Vm};
use super::Ctx;
use crate::fleet::{rfc3339, round_to, uuid};
use crate::{wire, Response};
use serde_json::{json, Value};

/// Longest snapshot name.
const MAX_NAME: usize = 64;

/// A point-in-time copy of a VM's disk.
#[derive(Debug, Clone)]
pub(super) struct Snapshot {
    id: String,
    name: String,
    size_gb: f64,
    created_ms: u64,
}

impl Snapshot {
    /// A snapshot of `vm`'s disk taken at `created_ms`.
    pub(super) fn of(vm: &Vm, id: String, name: &str, created_ms: u64) -> Snapshot {
        Snapshot {
            id,
            name: name.to_string(),
            size_gb: round_to(vm.disk_gb as f64 * vm.disk_used, 1),
            created_ms,
        }
    }

    fn json(&self, vps_id: &str) -> Value {
        json!({
            "id": self.id, "name": self.name, "vps_id": vps_id,
            "size_gb": self.size_gb, "created_at": rfc3339(self.created_ms),
        })
    }
}

/// `POST /api/vps/:id/snapshots`.
pub(super) fn create(ctx: &mut Ctx, id: &str, body: &[u8]) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let name = body::text(&object, "name").map_err(invalid)?;
    if name.chars().count() > MAX_NAME {
        return Err(invalid(format!(
            "name must be at most {MAX_NAME} characters"
        )));
    }
    let now = ctx.now;
    let snapshot_id = uuid(ctx.rng);
    let vm = ctx.account.vm_mut(id).ok_or_else(not_found)?;
    if vm.state_at(now) == State::Creating {
        return Err(body::error(409, "vps is still creating"));
    }
    let snapshot = Snapshot::of(vm, snapshot_id, name, now);
    let created = snapshot.json(&vm.id);
    vm.snapshots.push(snapshot);
    Ok(wire::json(201, &created))
}

/// `GET /api/vps/:id/snapshots`.
pub(super) fn list(ctx: &Ctx, id: &str) -> Result<Response, Refusal> {
    let vm = ctx.account.vm(id).ok_or_else(not_found)?;
    let items: Vec<Value> = vm.snapshots.iter().map(|s| s.json(&vm.id)).collect();
    Ok(wire::json(200, &json!(items)))
}

/// `DELETE /api/vps/:id/snapshots/:snapshot_id`.
pub(super) fn delete(ctx: &mut Ctx, id: &str, snapshot_id: &str) -> Result<Response, Refusal> {
    let vm = ctx.account.vm_mut(id).ok_or_else(not_found)?;
    let before = vm.snapshots.len();
    vm.snapshots.retain(|s| s.id != snapshot_id);
    if vm.snapshots.len() == before {
        return Err(not_found());
    }
    Ok(wire::json(
        200,
        &json!({ "id": snapshot_id, "deleted": true }),
    ))
}
