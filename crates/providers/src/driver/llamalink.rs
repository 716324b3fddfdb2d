//! LlamaLink flows: the key is static, so every call is built and sent as is.

use super::{ConnectionInfo, Operation, Session};
use crate::call::Call;
use crate::error::ProviderError;
use crate::llamalink::{self, Api};
use crate::model::*;
use crate::signer::Signer;
use crate::transport::{Clock, Transport};

impl<T: Transport, S: Signer, C: Clock> Session<T, S, C> {
    /// Runs a LlamaLink call built from this account's [`Api`].
    pub async fn llamalink<R: 'static>(
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
            "LlamaLink needs an API key (llk_…)",
        )),
    }
}

pub(super) async fn test_connection<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<ConnectionInfo, ProviderError> {
    let profile = s.llamalink(|a| Ok(a.profile())).await?;
    let cards = s.llamalink(|a| Ok(a.saved_cards())).await?;
    let mut details = vec![("user".to_string(), profile.username.clone())];
    if let Some(role) = &profile.role {
        details.push(("role".into(), role.clone()));
    }
    details.push((
        "saved cards".into(),
        match cards.first() {
            Some(c) => format!("{} •••• {} ({} in all)", c.brand, c.last4dig, cards.len()),
            None => "none: add a card in LlamaLink before ordering".into(),
        },
    ));
    Ok(ConnectionInfo {
        identity: profile.email,
        permissions: Vec::new(),
        balance: None,
        details,
    })
}

pub(super) async fn list_servers<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Server>, ProviderError> {
    let list = s.llamalink(|a| Ok(a.list_servers())).await?;
    Ok(list.iter().map(llamalink::server).collect())
}

pub(super) async fn server<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
) -> Result<Server, ProviderError> {
    let vps = s.llamalink(|a| Ok(a.server(id))).await?;
    Ok(llamalink::server(&vps))
}

pub(super) async fn power<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
    action: PowerAction,
) -> Result<Option<Operation>, ProviderError> {
    s.llamalink(|a| Ok(a.power(id, action))).await?;
    Ok(None)
}

pub(super) async fn metrics<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
    range: MetricRange,
) -> Result<Vec<MetricSeries>, ProviderError> {
    let mut all = Vec::new();
    for kind in llamalink::METRIC_KINDS {
        let history = s.llamalink(|a| a.metrics_history(id, *kind, range)).await?;
        all.push(llamalink::metric_series(*kind, &history));
    }
    Ok(all)
}

pub(super) async fn invoices<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Invoice>, ProviderError> {
    let subscriptions = s.llamalink(|a| Ok(a.subscriptions())).await?;
    Ok(subscriptions
        .iter()
        .map(llamalink::subscription_invoice)
        .collect())
}

pub(super) async fn progress<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    operation: &Operation,
) -> Result<Progress, ProviderError> {
    let Operation::Llamalink { op_id } = operation else {
        return Err(ProviderError::validation(
            "operation",
            "not a LlamaLink operation",
        ));
    };
    let p = s.llamalink(|a| Ok(a.provision_progress(op_id))).await?;
    Ok(llamalink::progress(&p))
}
