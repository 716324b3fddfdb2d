//! HOSTKEY's pending cancellations (a server's cancellation is requested
//! from its page): listed with the server they end, and withdrawn.

use super::when;
use crate::components::collection::{Collection, Item, Scope};
use crate::components::form_fields::{Errors, Values};
use crate::state::AppSession;
use futures::future::join_all;
use providers::hostkey::{self, ServerFilter};
use providers::ProviderError;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The account's pending cancellation requests.
pub struct Cancellations;

/// Each server's id and name, by its WHMCS service id (what a request names).
async fn servers_by_service(
    session: &AppSession,
) -> Result<BTreeMap<String, (String, String)>, ProviderError> {
    let ids = session
        .hostkey(|a| a.list(&ServerFilter::default()))
        .await?;
    let shown = join_all(ids.iter().map(|id| session.hostkey(move |a| a.show(id)))).await;
    let mut map = BTreeMap::new();
    for detail in shown {
        let detail = detail?;
        if let Some(service) = detail.server_data.account_id.clone() {
            let server = hostkey::server(&detail, None, None);
            map.insert(service, (server.id, server.name));
        }
    }
    Ok(map)
}

impl Collection for Cancellations {
    type New = ();
    const TITLE: &'static str = "Pending cancellations";
    const ID: &'static str = "hostkey-cancellations";
    const NOUN: &'static str = "cancellation request";
    const COLUMNS: &'static [&'static str] = &["Request", "Server", "Requested", "Ends", "Reason"];
    const REMOVABLE: bool = true;

    fn about() -> Option<&'static str> {
        Some("Servers HOSTKEY has been asked to cancel (from a server's page). Removing a request withdraws the cancellation: the server stays, and the invoices the request cancelled are due again.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let requests = session.hostkey(|a| a.cancellation_requests(None)).await?;
        if requests.is_empty() {
            return Ok(Vec::new());
        }
        let servers = servers_by_service(&session).await?;
        Ok(requests
            .into_iter()
            .filter_map(|r| {
                // Only a server the account still lists can be named, and withdrawn by its id.
                let (id, name) = servers.get(r.relid.as_deref()?)?.clone();
                let label = if name.is_empty() || name == id {
                    format!("server {id}")
                } else {
                    format!("{name} (server {id})")
                };
                Some(Item {
                    key: id,
                    name: label.clone(),
                    cells: vec![
                        r.id,
                        label,
                        when(Some(&r.date)),
                        match r.kind.as_str() {
                            "Immediate" => "at once".to_string(),
                            "End of Billing Period" => "at the end of the paid period".into(),
                            other => other.to_string(),
                        },
                        r.reason
                            .filter(|r| !r.is_empty())
                            .unwrap_or_else(|| "—".into()),
                    ],
                })
            })
            .collect())
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }

    async fn remove(session: Rc<AppSession>, _: Scope, key: String) -> Result<(), ProviderError> {
        session
            .hostkey(|a| a.delete_cancellation_request(&key))
            .await?;
        Ok(())
    }
}
