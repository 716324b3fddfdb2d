//! HOSTKEY flows: exchange the API key (or billing login) for a session
//! token, call with it, log in again once when HOSTKEY says the token is no
//! longer valid (`result: -2`), and follow async calls through their
//! callback keys.

use super::{ConnectionInfo, Operation, Session, SessionToken};
use crate::call::Call;
use crate::error::ProviderError;
use crate::hostkey::{self, Api, CallbackState, CancellationType, LoginResult, ServerFilter};
use crate::model::*;
use crate::signer::Signer;
use crate::transport::{Clock, Transport};
use crate::Secret;
use futures::stream::{self, StreamExt, TryStreamExt};
use std::time::Duration;

/// Pause between polls of an `eq/status` key while reading a server.
const STATUS_POLL: Duration = Duration::from_secs(2);
/// Polls of an `eq/status` key before the power state is left unknown.
const STATUS_POLLS: u32 = 15;
/// Stands in for the session token while a call is only checked, never sent.
const UNSENT: &str = "unsent";

/// `eq/show` calls in flight at once when listing: HOSTKEY has no bulk
/// detail call (the list is N+1) and documents no rate limit.
const DETAILS_AT_ONCE: usize = 8;
/// auth/login's documented token lifetime, used when the answer omits `token_expire`.
const LOGIN_TTL: u64 = 7200;
/// auth/whmcslogin's documented default lifetime (one hour), likewise.
const WHMCSLOGIN_TTL: u64 = 3600;

impl<T: Transport, S: Signer, C: Clock> Session<T, S, C> {
    /// Runs a HOSTKEY call built from an [`Api`] holding this account's
    /// session token and PIN.
    ///
    /// Logs in first when no token is held or it expires within 30 s, and
    /// logs in once more and repeats the call when HOSTKEY answers that the
    /// token is invalid or expired.
    pub async fn hostkey<R: 'static>(
        &self,
        build: impl Fn(&Api) -> Result<Call<R>, ProviderError>,
    ) -> Result<R, ProviderError> {
        let token = match self.cached_token() {
            Some(token) => token.token,
            None => {
                // Check the input first, so a rejected call sends nothing, not even a login.
                build(&api(self, Some(Secret::new(UNSENT)))?)?;
                login(self).await?.token
            }
        };
        match self.send(build(&api(self, Some(token))?)?).await {
            Err(ProviderError::Auth { credential, .. }) if credential == hostkey::SESSION_TOKEN => {
                self.sign_out();
                let token = login(self).await?.token;
                self.send(build(&api(self, Some(token))?)?).await
            }
            other => other,
        }
    }

    /// Runs a HOSTKEY call that needs no session token (the ordering
    /// catalogue, async checks) without logging in.
    pub async fn hostkey_public<R: 'static>(
        &self,
        build: impl FnOnce(&Api) -> Result<Call<R>, ProviderError>,
    ) -> Result<R, ProviderError> {
        self.send(build(&api(self, None)?)?).await
    }
}

/// An [`Api`] for the account, with the PIN and (when given) a session token.
fn api<T, S, C>(s: &Session<T, S, C>, token: Option<Secret>) -> Result<Api, ProviderError> {
    Ok(Api::new(s.account.base_url.as_deref(), token)?.with_pin(s.account.pin.clone()))
}

/// Revokes the session `token` (`auth/logout`).
pub(super) async fn logout<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    token: Secret,
) -> Result<(), ProviderError> {
    s.send(api(s, Some(token))?.logout()?).await.map(|_| ())
}

/// Logs in with the account's credentials and keeps the token.
async fn login<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<LoginResult, ProviderError> {
    let api = api(s, None)?;
    let (call, ttl) = match &s.account.credentials {
        Credentials::ApiKey { key } => (api.login(key, None, None)?, LOGIN_TTL),
        Credentials::Login { user, password } => {
            (api.whmcslogin(user, password, None, None)?, WHMCSLOGIN_TTL)
        }
        _ => {
            return Err(ProviderError::validation(
                "credentials",
                "HOSTKEY needs an API key (16hex-16hex) or the billing login and password",
            ))
        }
    };
    let reply = s.send(call).await?;
    let expires_at = reply
        .result
        .token_expire
        .and_then(|e| u64::try_from(e).ok())
        .unwrap_or_else(|| s.clock.now() + ttl);
    s.store_token(SessionToken {
        token: reply.result.token.clone(),
        expires_at: Some(expires_at),
    });
    Ok(reply.result)
}

pub(super) async fn test_connection<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<ConnectionInfo, ProviderError> {
    let session = login(s).await?;
    let info = s.hostkey(|a| a.info()).await?;
    let mut details = Vec::new();
    if let Some(role) = session.role.clone().or_else(|| info.role_name.clone()) {
        details.push(("role".to_string(), role));
    }
    let servers = if session.servers.is_empty() {
        &info.servers
    } else {
        &session.servers
    };
    details.push(("servers".into(), servers.len().to_string()));
    let company = info
        .billing_options
        .as_ref()
        .or(session.billing_options.as_ref())
        .and_then(|b| b.company.clone());
    if let Some(company) = company {
        details.push(("billing company".into(), company));
    }
    if let Some(expires) = session.token_expire.or(info.token_expire) {
        details.push(("session expires".into(), Timestamp(expires).to_rfc3339()));
    }
    let identity = info
        .email
        .clone()
        .filter(|e| !e.is_empty())
        .or_else(|| {
            info.whmcs_id
                .as_ref()
                .map(|id| format!("WHMCS client {id}"))
        })
        .unwrap_or_else(|| "HOSTKEY customer".into());
    let permissions = if session.permissions.is_empty() {
        info.permissions
    } else {
        session.permissions
    };
    Ok(ConnectionInfo {
        identity,
        permissions,
        balance: None,
        details,
    })
}

/// Every server: `eq/list` for the ids, then `eq/show` for each (HOSTKEY has
/// no bulk detail call). The power state is not read here (it takes an async
/// `eq/status` per server), so an active server shows as running.
pub(super) async fn list_servers<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Server>, ProviderError> {
    let ids = s.hostkey(|a| a.list(&ServerFilter::default())).await?;
    stream::iter(&ids)
        .map(|id| async move {
            let detail = s.hostkey(|a| a.show(id)).await?;
            Ok(hostkey::server(&detail, None, None))
        })
        .buffered(DETAILS_AT_ONCE)
        .try_collect()
        .await
}

/// One server: `eq/show`, its power state through `eq/status` and its
/// callback, and its price from `whmcs/get_billing_data` when the account
/// may read it.
pub(super) async fn server<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
) -> Result<Server, ProviderError> {
    let detail = s.hostkey(|a| a.show(id)).await?;
    let power = read_power_state(s, id).await?;
    let billing = match s.hostkey(|a| a.billing_data(id)).await {
        Ok(b) => Some(b),
        Err(
            ProviderError::Permission { .. }
            | ProviderError::NotFound { .. }
            | ProviderError::Provider { .. },
        ) => None,
        Err(e) => return Err(e),
    };
    Ok(hostkey::server(&detail, power, billing.as_ref()))
}

/// Asks `eq/status` and polls its key until it answers; `None` when it fails
/// or does not answer in time.
async fn read_power_state<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
) -> Result<Option<ServerStatus>, ProviderError> {
    let accepted = s.hostkey(|a| a.status(id)).await?;
    for attempt in 0..STATUS_POLLS {
        if attempt > 0 {
            s.clock.sleep(STATUS_POLL).await;
        }
        let result = s.hostkey_public(|a| a.check(&accepted.callback)).await?;
        match result.result {
            CallbackState::Ok => return Ok(hostkey::power_state(&result)),
            CallbackState::Fail => return Ok(None),
            _ => {}
        }
    }
    Ok(None)
}

pub(super) async fn power<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
    action: PowerAction,
) -> Result<Option<Operation>, ProviderError> {
    let accepted = s.hostkey(|a| a.power(id, action)).await?;
    Ok(Some(accepted.operation()))
}

/// Requests immediate cancellation (`cancellation_type=1`, with a partial
/// refund where possible); returns once HOSTKEY has accepted the request
/// with a callback key.
pub(super) async fn delete<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
) -> Result<(), ProviderError> {
    s.hostkey(|a| a.request_cancellation(id, CancellationType::Immediate, None))
        .await?;
    Ok(())
}

pub(super) async fn balance<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Balance, ProviderError> {
    let page = s.hostkey(|a| a.get_client()).await?;
    hostkey::balance(&page)
}

pub(super) async fn invoices<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Invoice>, ProviderError> {
    let list = s.hostkey(|a| a.get_invoices()).await?;
    Ok(list
        .invoices
        .iter()
        .map(|inv| hostkey::invoice(inv, "EUR"))
        .collect())
}

/// One poll of an async key. A key that finished by refusing the PIN
/// (`Fail` with `Invalid pin code`, or check_pin's `OK` with that scope) is
/// the PIN's fault, so it is a validation error on `pin`, as the same
/// refusal is on HOSTKEY's synchronous calls (`… invalid pin`).
pub(super) async fn progress<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    operation: &Operation,
) -> Result<Progress, ProviderError> {
    let result = s.hostkey_public(|a| a.check_operation(operation)).await?;
    if matches!(result.result, CallbackState::Fail | CallbackState::Ok) && result.rejects_pin() {
        let scope = result.scope.as_deref().unwrap_or_default().trim();
        return Err(ProviderError::validation("pin", scope));
    }
    Ok(hostkey::progress(&result))
}
