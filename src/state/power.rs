//! Which power actions make sense in which state: the server page enables
//! its buttons with it, and bulk actions skip the servers it rules out.

use providers::{PowerAction, ServerStatus};

/// Why `action` does not apply to a server in `status`, or `None` when it does.
///
/// A server already where the action would take it is skipped ("already
/// stopped"); one that is busy or suspended is left alone with its status.
pub fn not_applicable(action: PowerAction, status: ServerStatus) -> Option<String> {
    use ServerStatus::*;
    match (action, status) {
        (PowerAction::Start, Stopped | Error | Unknown)
        | (PowerAction::Stop, Running | Error | Unknown)
        | (PowerAction::Restart, Running | Unknown) => None,
        (PowerAction::Start, Running) => Some("already running".into()),
        (PowerAction::Stop, Stopped) => Some("already stopped".into()),
        (PowerAction::Restart, Stopped) => Some("stopped: start it instead".into()),
        (_, other) => Some(format!(
            "{}: nothing to {} now",
            other.label(),
            action.label()
        )),
    }
}

/// "Starting", "Stopping", "Restarting": the action under way.
pub fn under_way(action: PowerAction) -> &'static str {
    match action {
        PowerAction::Start => "Starting",
        PowerAction::Stop => "Stopping",
        PowerAction::Restart => "Restarting",
    }
}
