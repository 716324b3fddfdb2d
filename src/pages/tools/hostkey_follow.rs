//! Following HOSTKEY's asynchronous calls: each answers with a callback key,
//! asked about on `eq_callback.php` (or `nat_callback.php` for NAT) until it
//! reports `OK` or `Fail`. The whole answer is kept, because some calls put
//! what they produced in it (sensor readings, a console file, IPMI
//! credentials, install stages).

use crate::state::AppSession;
use providers::driver::Operation;
use providers::hostkey::{Accepted, CallbackResult, CallbackState};
use providers::ProviderError;
use std::time::Duration;

/// How often a quick asynchronous call is asked about (they take seconds).
pub const QUICK_POLL: Duration = Duration::from_secs(2);
/// How many times a quick call is asked about before the panel stops.
pub const QUICK_LIMIT: u32 = 90;

/// Asks about `operation` every `every` until it has finished, at most
/// `limit` times; `seen` gets each answer that is not final. A `Fail` (or a
/// refused PIN) is an error carrying HOSTKEY's reason.
pub async fn follow(
    session: &AppSession,
    operation: &Operation,
    every: Duration,
    limit: u32,
    seen: impl Fn(&CallbackResult),
) -> Result<CallbackResult, ProviderError> {
    for _ in 0..limit {
        let answer = session
            .hostkey_public(|a| a.check_operation(operation))
            .await?;
        match answer.result {
            CallbackState::Ok | CallbackState::Fail if answer.rejects_pin() => {
                let scope = answer.scope.unwrap_or_default();
                return Err(ProviderError::validation("pin", scope.trim()));
            }
            CallbackState::Ok => return Ok(answer),
            CallbackState::Fail => {
                return Err(ProviderError::Provider {
                    status: 200,
                    message: answer
                        .scope
                        .or(answer.debug)
                        .unwrap_or_else(|| "HOSTKEY reports a failure".into()),
                })
            }
            _ => seen(&answer),
        }
        gloo_timers::future::sleep(every).await;
    }
    Err(ProviderError::Transport {
        message: "HOSTKEY has not finished yet; look again on this page later".into(),
        timed_out: true,
    })
}

/// Follows a quick call to its end, reporting "HOSTKEY: <action>: waiting…"
/// through `progress`; returns the final answer.
pub async fn finish(
    session: &AppSession,
    accepted: &Accepted,
    progress: impl Fn(String),
) -> Result<CallbackResult, ProviderError> {
    follow(
        session,
        &accepted.operation(),
        QUICK_POLL,
        QUICK_LIMIT,
        |a| {
            let action = a.context.action.as_deref().unwrap_or("working");
            progress(format!("HOSTKEY: {action}: waiting…"));
        },
    )
    .await
}

/// Follows a quick call to its end; returns what HOSTKEY said (its `scope`).
pub async fn settle(
    session: &AppSession,
    accepted: &Accepted,
    progress: impl Fn(String),
) -> Result<String, ProviderError> {
    let answer = finish(session, accepted, progress).await?;
    Ok(answer
        .scope
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "done".into()))
}
