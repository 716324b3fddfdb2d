//! Filling in prices the fleet list leaves out: HOSTKEY's `eq/list` carries
//! none (its `whmcs/get_billing_data` does, one server at a time), and
//! CyberPanel's list carries no plan price (its VPS detail does). The prices
//! found go into the fleet rows, so the fleet view and the summary agree.

use crate::state::{Panel, Row};
use leptos::prelude::*;
use providers::{Money, ProviderError, ProviderId};
use std::sync::Arc;

/// Where a lookup stands: servers done of all, and what failed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lookup {
    /// Servers looked up so far.
    pub done: usize,
    /// Servers to look up.
    pub total: usize,
    /// True while it runs.
    pub running: bool,
    /// Servers whose price could not be read, with the reason.
    pub failed: Vec<String>,
}

/// Whether the panel can look up the price of a server of `provider`.
pub fn can_look_up(provider: ProviderId) -> bool {
    matches!(provider, ProviderId::Hostkey | ProviderId::Cyberpanel)
}

/// Why a server without a price has none, as the summary says it.
pub fn missing_reason(provider: ProviderId) -> &'static str {
    match provider {
        ProviderId::Llamalink => {
            "LlamaLink prices subscriptions, not servers (see its billing page)"
        }
        p if can_look_up(p) => "not in the server list: use “Look up missing prices”",
        _ => "no monthly price from the provider",
    }
}

/// The monthly price of one server, read from its provider.
async fn price(panel: Panel, row: &Row) -> Result<Option<Money>, ProviderError> {
    let session = panel
        .session(&row.account_id)
        .ok_or_else(|| ProviderError::NotFound {
            message: format!("no account `{}`", row.account_id),
        })?;
    let id = row.server.id.clone();
    match row.server.provider {
        ProviderId::Hostkey => Ok(session
            .hostkey(|api| api.billing_data(&id))
            .await?
            .monthly_cost()),
        _ => Ok(session.server(&id).await?.monthly_cost),
    }
}

/// Puts a price into the fleet row of `row`'s server.
fn store(panel: Panel, row: &Row, cost: Money) {
    panel.fleet.update(|fleet| {
        if let Some(account) = fleet.get_mut(row.account_id.as_ref()) {
            if let Some(slot) = account.servers.iter_mut().find(|s| s.id == row.server.id) {
                let mut server = (**slot).clone();
                server.monthly_cost = Some(cost);
                *slot = Arc::new(server);
            }
        }
    });
}

/// Looks up, one server after another, the prices of `rows` that lack one
/// and whose provider offers it, reporting progress in `state`.
pub async fn look_up(panel: Panel, rows: Vec<Row>, state: RwSignal<Lookup>) {
    let wanted: Vec<Row> = rows
        .into_iter()
        .filter(|r| r.server.monthly_cost.is_none() && can_look_up(r.server.provider))
        .collect();
    state.set(Lookup {
        total: wanted.len(),
        running: true,
        ..Lookup::default()
    });
    for row in &wanted {
        match price(panel, row).await {
            Ok(Some(cost)) => store(panel, row, cost),
            Ok(None) => state.update(|s| {
                s.failed.push(format!(
                    "{}: the provider gives no recurring price",
                    row.server.name
                ))
            }),
            Err(e) => state.update(|s| s.failed.push(format!("{}: {e}", row.server.name))),
        }
        state.update(|s| s.done += 1);
    }
    state.update(|s| s.running = false);
}
