//! CyberPanel flows: the key is static, so every call is built and sent as
//! is. Listing walks pages of 100, pacing itself by the rate-limit headers.

use super::{ConnectionInfo, Operation, Session};
use crate::call::Call;
use crate::cyberpanel::{self, Api, Page, Reply, Scope, VpsFilter};
use crate::error::ProviderError;
use crate::model::*;
use crate::signer::Signer;
use crate::transport::{Clock, Transport};
use std::time::Duration;

/// Attempts of one page when the provider answers 429.
const PAGE_ATTEMPTS: u32 = 3;

/// Pages of 100 read before deciding the list does not end (100,000 servers).
const MAX_PAGES: u32 = 1_000;

impl<T: Transport, S: Signer, C: Clock> Session<T, S, C> {
    /// Runs a CyberPanel call built from this account's [`Api`].
    ///
    /// ```no_run
    /// # async fn demo<T: providers::Transport, S: providers::Signer, C: providers::Clock>(
    /// #     session: &providers::driver::Session<T, S, C>,
    /// # ) -> Result<(), providers::ProviderError> {
    /// let plans = session.cyberpanel(|api| Ok(api.plans())).await?;
    /// println!("{} plans", plans.data.plans.len());
    /// # Ok(()) }
    /// ```
    pub async fn cyberpanel<R: 'static>(
        &self,
        build: impl FnOnce(&Api) -> Result<Call<R>, ProviderError>,
    ) -> Result<R, ProviderError> {
        let api = api(self)?;
        self.send(build(&api)?).await
    }
}

fn api<T, S, C>(s: &Session<T, S, C>) -> Result<Api, ProviderError> {
    match &s.account.credentials {
        Credentials::ApiKey { key } => Api::new(s.account.base_url.as_deref(), key.clone()),
        _ => Err(ProviderError::validation(
            "credentials",
            "CyberPanel Cloud needs an API key (cyp_live_…)",
        )),
    }
}

fn vps_id(id: &str) -> Result<u64, ProviderError> {
    id.trim().parse().map_err(|_| {
        ProviderError::validation(
            "id",
            format!("`{id}` is not a CyberPanel VPS id (a number)"),
        )
    })
}

pub(super) async fn test_connection<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<ConnectionInfo, ProviderError> {
    let test = s.cyberpanel(|a| Ok(a.test())).await?.data;
    // The balance needs `account:read`; without it (or when refused) it is left out.
    let balance = if Scope::AccountRead.granted_by(&test.scopes) {
        match s.cyberpanel(|a| Ok(a.account())).await {
            Ok(account) => Some(cyberpanel::usd(account.data.balance)),
            Err(ProviderError::Permission { .. }) => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let mut details = Vec::new();
    if let Some(prefix) = &test.key_prefix {
        details.push(("key prefix".to_string(), format!("{prefix}…")));
    }
    if let Some(count) = test.request_count {
        details.push(("requests made".into(), count.to_string()));
    }
    if let Some(ip) = &test.ip_address {
        details.push(("calling from".into(), ip.clone()));
    }
    Ok(ConnectionInfo {
        identity: format!("{} (key “{}”)", test.user_email, test.key_name),
        permissions: test.scopes,
        balance,
        details,
    })
}

/// Sends one page, waiting out a 429 (by Retry-After) a few times.
async fn page_of_vps<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    offset: u32,
) -> Result<Reply<cyberpanel::VpsList>, ProviderError> {
    let mut attempt = 1;
    loop {
        let result = s
            .cyberpanel(|a| {
                a.list_vps(
                    &VpsFilter::default(),
                    Page::new(cyberpanel::PAGE_MAX, offset),
                )
            })
            .await;
        match result {
            Err(ProviderError::RateLimited {
                retry_after_secs, ..
            }) if attempt < PAGE_ATTEMPTS => {
                let wait = retry_after_secs
                    .unwrap_or(s.policy.interval.as_secs())
                    .max(1);
                s.clock.sleep(Duration::from_secs(wait)).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}

pub(super) async fn list_servers<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Server>, ProviderError> {
    let mut servers = Vec::new();
    let mut offset: u32 = 0;
    for _ in 0..MAX_PAGES {
        let reply = page_of_vps(s, offset).await?;
        let page = reply.data;
        servers.extend(page.instances.iter().map(cyberpanel::server));
        let got = u32::try_from(page.instances.len()).unwrap_or(u32::MAX);
        let beyond_total = page
            .pagination
            .total
            .is_some_and(|total| u64::from(offset) + u64::from(got) >= total);
        if !page.pagination.has_more || got == 0 || beyond_total {
            return Ok(servers);
        }
        offset = offset.saturating_add(got);
        if let Some(limit) = reply.rate_limit.filter(|r| r.is_exhausted()) {
            let wait = limit.seconds_until_reset(s.clock.now());
            if wait > 0 {
                s.clock.sleep(Duration::from_secs(wait)).await;
            }
        }
    }
    Err(ProviderError::UnexpectedBody {
        status: 200,
        reason: format!("the VPS list still had more after {MAX_PAGES} pages"),
        body: String::new(),
    })
}

pub(super) async fn server<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
) -> Result<Server, ProviderError> {
    let id = vps_id(id)?;
    let detail = s.cyberpanel(|a| Ok(a.vps(id))).await?;
    Ok(cyberpanel::server_detail(&detail.data))
}

pub(super) async fn power<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
    action: PowerAction,
) -> Result<Option<Operation>, ProviderError> {
    let id = vps_id(id)?;
    s.cyberpanel(|a| Ok(a.power(id, action))).await?;
    Ok(None)
}

pub(super) async fn delete<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
) -> Result<(), ProviderError> {
    let id = vps_id(id)?;
    let reply = s.cyberpanel(|a| Ok(a.delete_vps(id))).await?;
    if reply.data.deleted {
        Ok(())
    } else {
        Err(ProviderError::Provider {
            status: 200,
            message: reply
                .message
                .unwrap_or_else(|| "the provider did not confirm the deletion".into()),
        })
    }
}

/// The live reading as a one-point series. CyberPanel keeps no history, so
/// `range` does not change the answer; the panel samples periodically.
pub(super) async fn metrics<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
    _range: MetricRange,
) -> Result<Vec<MetricSeries>, ProviderError> {
    let id = vps_id(id)?;
    let status = s.cyberpanel(|a| Ok(a.live_status(id))).await?;
    let now = Timestamp(i64::try_from(s.clock.now()).unwrap_or(i64::MAX));
    Ok(crate::Capabilities::of(ProviderId::Cyberpanel)
        .metric_kinds()
        .iter()
        .map(|kind| cyberpanel::metric_series(*kind, &status.data, now))
        .collect())
}

/// The balance from `/billing`, or from `/account` when the key lacks `billing:read`.
pub(super) async fn balance<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Balance, ProviderError> {
    match s.cyberpanel(|a| Ok(a.billing())).await {
        Ok(billing) => Ok(cyberpanel::billing_balance(&billing.data)),
        Err(ProviderError::Permission {
            needed: Some(needed),
            ..
        }) if needed == Scope::BillingRead.as_str() => {
            let account = s.cyberpanel(|a| Ok(a.account())).await?;
            Ok(cyberpanel::account_balance(&account.data))
        }
        Err(e) => Err(e),
    }
}

pub(super) async fn invoices<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Invoice>, ProviderError> {
    let billing = s.cyberpanel(|a| Ok(a.billing())).await?;
    Ok(billing
        .data
        .recent_invoices
        .iter()
        .map(cyberpanel::invoice)
        .collect())
}

pub(super) async fn progress<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    operation: &Operation,
) -> Result<Progress, ProviderError> {
    let Operation::Cyberpanel { vps_id: id } = operation else {
        return Err(ProviderError::validation(
            "operation",
            "not a CyberPanel operation",
        ));
    };
    let id = vps_id(id)?;
    let reply = s.cyberpanel(|a| Ok(a.deployment(id))).await?;
    Ok(cyberpanel::progress(&reply.data, reply.message.as_deref()))
}
