//! `GET /vps/{id}/snapshots` and `POST /vps/{id}/snapshots/create`. Names
//! are letters, digits and underscores, as the document says.

use super::fleet::{Snapshot, Use};
use super::params;
use super::reply::{self, ApiError, Reply};
use super::timefmt::iso;
use super::Sim;
use serde_json::{json, Value};

impl Snapshot {
    fn json(&self) -> Value {
        json!({
            "name": self.name,
            "description": self.description,
            "created_at": iso(self.created_ms),
            "vmstate": self.vmstate,
        })
    }
}

impl Sim {
    /// `GET /vps/{id}/snapshots`.
    pub(super) fn snapshots(&self, account: usize, id: u64) -> Reply {
        let vps = self.fleet.get(id, account, Use::Read)?;
        let list: Vec<Value> = vps.snapshots.iter().map(Snapshot::json).collect();
        reply::ok(json!({ "vps_id": vps.id, "snapshots": list }))
    }

    /// `POST /vps/{id}/snapshots/create`.
    pub(super) fn create_snapshot(
        &mut self,
        account: usize,
        id: u64,
        body: &[u8],
        now_ms: u64,
    ) -> Reply {
        let vps = self.fleet.get_mut(id, account, Use::Act)?;
        let body = params::object(body)?;
        if params::blank(&body, "name") {
            return Err(ApiError::missing_fields("Missing required fields: name"));
        }
        let name = body
            .get("name")
            .and_then(Value::as_str)
            .filter(|n| n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'))
            .ok_or_else(|| {
                ApiError::missing_fields("name may contain only letters, digits and underscores (e.g. pre_upgrade_snapshot)")
            })?;
        let description = params::optional_text(&body, "description")?.map(str::to_string);
        let vmstate = match body.get("include_ram") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                return Err(ApiError::invalid_parameter(
                    "include_ram must be true or false",
                ))
            }
        };
        if vps.snapshots.iter().any(|s| s.name == name) {
            return Err(ApiError::new(
                400,
                "SNAPSHOT_EXISTS",
                "Snapshot already exists",
                format!("VPS {id} already has a snapshot named {name}"),
            ));
        }
        let snapshot = Snapshot {
            name: name.to_string(),
            description,
            created_ms: now_ms,
            vmstate,
        };
        let data = json!({
            "vps_id": vps.id,
            "snapshot": {
                "name": snapshot.name,
                "description": snapshot.description,
                "created_at": iso(snapshot.created_ms),
            },
        });
        vps.snapshots.push(snapshot);
        reply::ok_with(data, "Snapshot created successfully")
    }
}
