//! The async driver: runs provider flows over a [`Transport`], a [`Signer`]
//! and a [`Clock`] — log in then call, sign then call, order then poll.
//!
//! A [`Session`] is one account's live connection: it keeps session tokens
//! (HOSTKEY, LiteVPS) and offers the unified operations the panel shows for
//! every provider, plus typed access to each provider's own calls.

mod cyberpanel;
mod hostkey;
mod litevps;
mod llamalink;
mod lnvps;
mod operation;

pub use operation::{Operation, OrderTicket, PollPolicy};

use crate::call::Call;
use crate::capability::{Action, Capabilities};
use crate::error::ProviderError;
use crate::model::*;
use crate::signer::Signer;
use crate::transport::{Clock, Transport};
use crate::Secret;
use serde::{Deserialize, Serialize};
use std::sync::Mutex;
use std::time::Duration;

/// What "Test connection" shows: who the credential is and what it may do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionInfo {
    /// Who the provider says this is (email, user name, npub, key name).
    pub identity: String,
    /// Scopes or permissions the credential carries, where the provider lists them.
    pub permissions: Vec<String>,
    /// The account balance, where the provider has one.
    pub balance: Option<Money>,
    /// Other facts worth showing (label, value).
    pub details: Vec<(String, String)>,
}

/// A request the session sent, as a redacted curl command, with its outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRequest {
    /// Position in the session's history (increasing).
    pub seq: u64,
    /// Unix seconds when it was sent.
    pub at: u64,
    /// The request as curl, secrets redacted.
    pub curl: String,
    /// The HTTP status, or `None` when no response came.
    pub status: Option<u16>,
}

/// How many sent requests a session remembers.
const HISTORY: usize = 200;

/// A session token obtained by logging in, with its expiry when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SessionToken {
    pub token: Secret,
    /// Unix seconds after which the token must not be used.
    pub expires_at: Option<u64>,
}

/// One account's connection: credentials, transport, signer and clock.
pub struct Session<T, S, C> {
    account: Account,
    transport: T,
    signer: S,
    clock: C,
    policy: PollPolicy,
    token: Mutex<Option<SessionToken>>,
    last_headers: Mutex<Option<http::HeaderMap>>,
    history: Mutex<std::collections::VecDeque<SentRequest>>,
    next_seq: std::sync::atomic::AtomicU64,
}

impl<T: Transport, S: Signer, C: Clock> Session<T, S, C> {
    /// A session for `account`. Nothing is sent until an operation is called.
    pub fn new(account: Account, transport: T, signer: S, clock: C) -> Self {
        let policy = PollPolicy::for_provider(account.provider);
        Self {
            account,
            transport,
            signer,
            clock,
            policy,
            token: Mutex::new(None),
            last_headers: Mutex::new(None),
            history: Mutex::new(std::collections::VecDeque::new()),
            next_seq: std::sync::atomic::AtomicU64::new(1),
        }
    }

    /// Replaces the polling policy (tests use short intervals).
    pub fn with_policy(mut self, policy: PollPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The account this session is for.
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// The provider.
    pub fn provider(&self) -> ProviderId {
        self.account.provider
    }

    /// The clock (for callers that want to pace their own polling).
    pub fn clock(&self) -> &C {
        &self.clock
    }

    /// Headers of the last response received (rate-limit and balance headers).
    pub fn last_headers(&self) -> Option<http::HeaderMap> {
        lock(&self.last_headers).clone()
    }

    /// Sends a call as built (public calls, static-key providers) and parses the answer.
    pub async fn send<R: 'static>(&self, call: Call<R>) -> Result<R, ProviderError> {
        let seq = self
            .next_seq
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let curl = call.to_curl();
        let result = self.transport.send(call.request().clone()).await;
        let status = result.as_ref().ok().map(|r| r.status().as_u16());
        {
            let mut history = lock(&self.history);
            if history.len() == HISTORY {
                history.pop_front();
            }
            history.push_back(SentRequest {
                seq,
                at: self.clock.now(),
                curl,
                status,
            });
        }
        let response = result?;
        *lock(&self.last_headers) = Some(response.headers().clone());
        call.parse(&response)
    }

    /// The next sequence number: requests sent from now on have `seq` ≥ it.
    pub fn mark(&self) -> u64 {
        self.next_seq.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Requests sent since `mark` (see [`Session::mark`]), oldest first.
    pub fn sent_since(&self, mark: u64) -> Vec<SentRequest> {
        lock(&self.history)
            .iter()
            .filter(|r| r.seq >= mark)
            .cloned()
            .collect()
    }

    /// Signs a call with NIP-98 (LNVPS), sends it and parses the answer.
    pub async fn send_signed<R: 'static>(&self, mut call: Call<R>) -> Result<R, ProviderError> {
        crate::nip98::sign_request(call.request_mut(), &self.signer, self.clock.now()).await?;
        self.send(call).await
    }

    /// Forgets any session token; the next call logs in again.
    pub fn sign_out(&self) {
        *lock(&self.token) = None;
    }

    /// Ends the session with the provider where it keeps one (HOSTKEY's
    /// token is revoked with `auth/logout`); the token is forgotten either way.
    pub async fn end_session(&self) -> Result<(), ProviderError> {
        let ended = match (self.provider(), self.cached_token()) {
            (ProviderId::Hostkey, Some(held)) => hostkey::logout(self, held.token).await,
            _ => Ok(()),
        };
        self.sign_out();
        ended
    }

    pub(crate) fn cached_token(&self) -> Option<SessionToken> {
        let now = self.clock.now();
        lock(&self.token)
            .clone()
            .filter(|t| t.expires_at.is_none_or(|exp| now + 30 < exp))
    }

    pub(crate) fn store_token(&self, token: SessionToken) {
        *lock(&self.token) = Some(token);
    }

    fn check(&self, action: Action) -> Result<(), ProviderError> {
        match Capabilities::of(self.provider()).support(action) {
            crate::Support::Yes => Ok(()),
            crate::Support::No(reason) => Err(ProviderError::Unsupported {
                reason: reason.to_string(),
            }),
        }
    }

    /// Checks the credential and says who it is and what it may do.
    pub async fn test_connection(&self) -> Result<ConnectionInfo, ProviderError> {
        match self.provider() {
            ProviderId::Llamalink => llamalink::test_connection(self).await,
            ProviderId::Cyberpanel => cyberpanel::test_connection(self).await,
            ProviderId::Litevps => litevps::test_connection(self).await,
            ProviderId::Hostkey => hostkey::test_connection(self).await,
            ProviderId::Lnvps => lnvps::test_connection(self).await,
        }
    }

    /// Every server of the account.
    pub async fn list_servers(&self) -> Result<Vec<Server>, ProviderError> {
        match self.provider() {
            ProviderId::Llamalink => llamalink::list_servers(self).await,
            ProviderId::Cyberpanel => cyberpanel::list_servers(self).await,
            ProviderId::Litevps => litevps::list_servers(self).await,
            ProviderId::Hostkey => hostkey::list_servers(self).await,
            ProviderId::Lnvps => lnvps::list_servers(self).await,
        }
    }

    /// One server, fresh.
    pub async fn server(&self, id: &str) -> Result<Server, ProviderError> {
        match self.provider() {
            ProviderId::Llamalink => llamalink::server(self, id).await,
            ProviderId::Cyberpanel => cyberpanel::server(self, id).await,
            ProviderId::Litevps => litevps::server(self, id).await,
            ProviderId::Hostkey => hostkey::server(self, id).await,
            ProviderId::Lnvps => lnvps::server(self, id).await,
        }
    }

    /// Asks for a power action. Returns the operation to follow when the
    /// provider runs it asynchronously (HOSTKEY callbacks).
    pub async fn power(
        &self,
        id: &str,
        action: PowerAction,
    ) -> Result<Option<Operation>, ProviderError> {
        self.check(Action::Power)?;
        match self.provider() {
            ProviderId::Llamalink => llamalink::power(self, id, action).await,
            ProviderId::Cyberpanel => cyberpanel::power(self, id, action).await,
            ProviderId::Litevps => litevps::power(self, id, action).await,
            ProviderId::Hostkey => hostkey::power(self, id, action).await,
            ProviderId::Lnvps => lnvps::power(self, id, action).await,
        }
    }

    /// Runs a power action and follows the server until it reaches the
    /// action's target status (or fails, or the policy's time runs out).
    /// `on_update` sees every status read on the way.
    pub async fn power_and_wait(
        &self,
        id: &str,
        action: PowerAction,
        mut on_update: impl FnMut(&Server),
    ) -> Result<Server, ProviderError> {
        if let Some(operation) = self.power(id, action).await? {
            let done = self.follow(&operation, |_| {}).await?;
            if done.state == ProgressState::Failed {
                return Err(ProviderError::Provider {
                    status: 200,
                    message: done
                        .message
                        .unwrap_or_else(|| format!("the {} did not complete", action.label())),
                });
            }
        }
        let target = action.target_status();
        let started = self.clock.now();
        loop {
            let server = self.server(id).await?;
            on_update(&server);
            if server.status == target {
                return Ok(server);
            }
            if server.status == ServerStatus::Error {
                return Err(ProviderError::Provider {
                    status: 200,
                    message: format!(
                        "{} is in an error state ({})",
                        server.name, server.raw_status
                    ),
                });
            }
            if self.clock.now().saturating_sub(started) > self.policy.max_wait_secs {
                return Err(ProviderError::Transport {
                    message: format!(
                        "{} did not become {} within {} s; it is {}",
                        server.name,
                        target.label(),
                        self.policy.max_wait_secs,
                        server.raw_status
                    ),
                    timed_out: true,
                });
            }
            self.clock.sleep(self.policy.interval).await;
        }
    }

    /// Deletes (or cancels) a server. Destructive: the UI confirms first.
    pub async fn delete(&self, id: &str) -> Result<(), ProviderError> {
        self.check(Action::Delete)?;
        match self.provider() {
            ProviderId::Llamalink | ProviderId::Lnvps => unreachable_unsupported(),
            ProviderId::Cyberpanel => cyberpanel::delete(self, id).await,
            ProviderId::Litevps => litevps::delete(self, id).await,
            ProviderId::Hostkey => hostkey::delete(self, id).await,
        }
    }

    /// Every metric series the provider keeps for a server over `range`
    /// (see [`Capabilities::metric_kinds`] and [`Capabilities::metric_ranges`]).
    pub async fn metrics(
        &self,
        id: &str,
        range: MetricRange,
    ) -> Result<Vec<MetricSeries>, ProviderError> {
        self.check(Action::Metrics)?;
        match self.provider() {
            ProviderId::Llamalink => llamalink::metrics(self, id, range).await,
            ProviderId::Cyberpanel => cyberpanel::metrics(self, id, range).await,
            ProviderId::Lnvps => lnvps::metrics(self, id, range).await,
            ProviderId::Litevps | ProviderId::Hostkey => unreachable_unsupported(),
        }
    }

    /// The account balance or credit.
    pub async fn balance(&self) -> Result<Balance, ProviderError> {
        self.check(Action::Balance)?;
        match self.provider() {
            ProviderId::Cyberpanel => cyberpanel::balance(self).await,
            ProviderId::Litevps => litevps::balance(self).await,
            ProviderId::Hostkey => hostkey::balance(self).await,
            ProviderId::Llamalink | ProviderId::Lnvps => unreachable_unsupported(),
        }
    }

    /// Invoices, payments or charges, newest first.
    pub async fn invoices(&self) -> Result<Vec<Invoice>, ProviderError> {
        self.check(Action::Invoices)?;
        match self.provider() {
            ProviderId::Llamalink => llamalink::invoices(self).await,
            ProviderId::Cyberpanel => cyberpanel::invoices(self).await,
            ProviderId::Litevps => litevps::invoices(self).await,
            ProviderId::Hostkey => hostkey::invoices(self).await,
            ProviderId::Lnvps => lnvps::invoices(self).await,
        }
    }

    /// One poll of a long operation's progress.
    pub async fn progress(&self, operation: &Operation) -> Result<Progress, ProviderError> {
        match operation {
            Operation::Llamalink { .. } => llamalink::progress(self, operation).await,
            Operation::Cyberpanel { .. } => cyberpanel::progress(self, operation).await,
            Operation::Litevps { .. } => litevps::progress(self, operation).await,
            Operation::Hostkey { .. } => hostkey::progress(self, operation).await,
            Operation::Lnvps { .. } => lnvps::progress(self, operation).await,
        }
    }

    /// Polls `operation` until it is done or failed, calling `on_update` with
    /// every reading. Gives up with a timeout error after the policy's limit.
    pub async fn follow(
        &self,
        operation: &Operation,
        mut on_update: impl FnMut(&Progress),
    ) -> Result<Progress, ProviderError> {
        let started = self.clock.now();
        loop {
            let progress = match self.progress(operation).await {
                Ok(p) => p,
                Err(ProviderError::RateLimited {
                    retry_after_secs, ..
                }) => {
                    let wait = retry_after_secs.unwrap_or(self.policy.interval.as_secs().max(1));
                    self.clock.sleep(Duration::from_secs(wait)).await;
                    continue;
                }
                Err(e) => return Err(e),
            };
            on_update(&progress);
            if progress.state.is_terminal() {
                return Ok(progress);
            }
            if self.clock.now().saturating_sub(started) > self.policy.max_wait_secs {
                return Err(ProviderError::Transport {
                    message: format!(
                        "still `{}` after {} s; the operation may finish later",
                        progress.stage, self.policy.max_wait_secs
                    ),
                    timed_out: true,
                });
            }
            self.clock.sleep(self.policy.interval).await;
        }
    }

    /// Sends an order with `attempt`, retrying what can be retried safely.
    ///
    /// `attempt` gets the same [`OrderTicket`] every time, so an idempotency
    /// key the provider honours (LlamaLink's `x-provision-op-id`) is reused:
    /// then a lost answer, a 429 or a 5xx is retried. Without such a key only
    /// failures that certainly never reached the provider are retried, so
    /// nothing is ordered twice.
    pub async fn place_order<R, F>(
        &self,
        ticket: &OrderTicket,
        attempt: impl Fn(OrderTicket) -> F,
    ) -> Result<R, ProviderError>
    where
        F: std::future::Future<Output = Result<R, ProviderError>>,
    {
        let idempotent = ticket.provider == ProviderId::Llamalink;
        let mut tries = 0;
        loop {
            tries += 1;
            let result = attempt(ticket.clone()).await;
            let retry = match &result {
                Err(ProviderError::Transport { timed_out, .. }) => idempotent || !timed_out,
                Err(ProviderError::RateLimited { .. }) => true,
                Err(ProviderError::Provider { status, .. }) => idempotent && *status >= 500,
                _ => false,
            };
            if !retry || tries >= self.policy.order_attempts {
                return result;
            }
            let wait = match &result {
                Err(ProviderError::RateLimited {
                    retry_after_secs: Some(s),
                    ..
                }) => Duration::from_secs(*s),
                _ => self.policy.interval,
            };
            self.clock.sleep(wait).await;
        }
    }
}

fn unreachable_unsupported<R>() -> Result<R, ProviderError> {
    Err(ProviderError::Unsupported {
        reason: "not offered by this provider".into(),
    })
}

fn lock<V>(m: &Mutex<V>) -> std::sync::MutexGuard<'_, V> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
