//! `jira.php`: remote-hands requests. Each opens a service-desk ticket and
//! answers with the ticket's subject and message (`action` is an object here).

use super::call::{ok, Call, Reply};
use super::eq::target;
use super::state::State;
use serde_json::json;

/// `jira.php`.
pub(super) fn handle(state: &mut State, call: &Call) -> Reply {
    let (permission, subject, ask) = match call.action {
        "request_pon" => ("eq/on", "Manual power ON", "power on the server {id}"),
        "request_poff" => ("eq/off", "Manual power OFF", "power off the server {id}"),
        "request_reboot" => ("eq/reboot", "Manual REBOOT", "reboot the server {id}"),
        "request_PXEboot" => (
            "eq/PXEboot",
            "Manual boot from PXE",
            "set PXE boot the server {id}",
        ),
        "request_kvm" => ("eq/kvm", "KVM to", "connect KVM module to the server {id}"),
        "request_check" => (
            "eq/check",
            "Manual check",
            "check the server {id} and boot in into OS",
        ),
        _ => return Err(call.unknown()),
    };
    let (_, id) = target(state, call)?;
    state.next.ticket += 1;
    let ticket = format!("RHR-{}", state.next.ticket);
    let ask = ask.replace("{id}", &id.to_string());
    Ok(ok(&json!({
        "result": "OK",
        "action": {
            "permission": permission,
            "subject": format!("CP request: {subject} the server {id} please"),
            "message": format!(
                "Dear HOSTKEY support, please {ask} since it doesn't have remote control. \n This is automated message from INVAPI, no extra verification required."
            ),
            "msg": {
                "action": call.action,
                "id": id,
                "callback_url": "https://invapi.hostkey.com/eq_callback.php",
                "callback_key": "",
            },
        },
        "jira_url": format!("https://my.hostkey.com/servicedesk/customer/portal/1/{ticket}"),
        "jira_issue": ticket,
    })))
}
