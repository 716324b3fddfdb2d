//! LiteVPS file transfer: `PUT` and `GET /api/vps/:id/files?path=…`, raw
//! bytes kept in memory per VM.

use super::body::{self, invalid, not_found, Refusal};
use super::vms::{State, Vm};
use super::Ctx;
use crate::wire::{self, Form};
use crate::{Incoming, Response};
use serde_json::json;

/// Largest file accepted (10 MiB).
pub(super) const MAX_FILE: usize = 10 * 1024 * 1024;

/// The `path` query parameter: present and absolute.
fn path(request: &Incoming) -> Result<String, Refusal> {
    let query = Form::parse(request.query.unwrap_or("").as_bytes());
    match query.get("path").filter(|p| !p.is_empty()) {
        None => Err(invalid("path is required")),
        Some(p) if !p.starts_with('/') => {
            Err(invalid("path must be absolute (e.g. /root/script.sh)"))
        }
        Some(p) => Ok(p.to_string()),
    }
}

/// The VM `id`, which must be running to transfer files.
fn running<'a>(ctx: &'a mut Ctx, id: &str) -> Result<&'a mut Vm, Refusal> {
    let now = ctx.now;
    let vm = ctx.account.vm_mut(id).ok_or_else(not_found)?;
    if vm.state_at(now) != State::Running {
        return Err(body::error(409, "vps is not running"));
    }
    Ok(vm)
}

/// `PUT /api/vps/:id/files?path=…` with the file as the raw body.
pub(super) fn put(ctx: &mut Ctx, id: &str, request: &Incoming) -> Result<Response, Refusal> {
    let path = path(request)?;
    if request.body.len() > MAX_FILE {
        return Err(invalid(format!(
            "file is {} bytes; at most {MAX_FILE} bytes per upload",
            request.body.len()
        )));
    }
    let vm = running(ctx, id)?;
    vm.files.insert(path.clone(), request.body.to_vec());
    Ok(wire::json(
        200,
        &json!({ "path": path, "size": request.body.len() }),
    ))
}

/// `GET /api/vps/:id/files?path=…`: the raw bytes.
pub(super) fn get(ctx: &mut Ctx, id: &str, request: &Incoming) -> Result<Response, Refusal> {
    let path = path(request)?;
    let vm = running(ctx, id)?;
    let bytes = vm.files.get(&path).ok_or_else(not_found)?;
    Ok(wire::bytes(200, "application/octet-stream", bytes.clone()))
}
