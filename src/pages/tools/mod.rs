//! `/tools/:account`: what a provider keeps for an account besides its
//! servers (SSH keys, API keys and tokens, DNS zones, websites, summaries),
//! each a [`collection`](crate::components::collection) section; and what
//! a server's page offers beyond power and metrics (snapshots, commands,
//! files, console, reverse DNS, tags, ports, remote hands), as collections
//! and [`tool`](crate::components::tool)s.

mod cyberpanel;
mod delete;
mod hostkey;
mod hostkey_server;
mod litevps;
mod llamalink;
mod lnvps;

use crate::components::collection::{section, Item, Scope};
use crate::components::form_fields::{Errors, Values};
use crate::components::tool::section as tool;
use crate::state::Panel;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use providers::{Action, Capabilities, ProviderId};

/// The account tools page.
#[component]
pub fn ToolsPage() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let params = use_params_map();
    let account_id = Memo::new(move |_| params.with(|p| p.get("account")).unwrap_or_default());
    let account = Memo::new(move |_| panel.account(&account_id.get()));
    view! {
        <section class="page tools">
            <nav class="crumbs" aria-label="Breadcrumb">
                <A href="/">"Fleet"</A>" / "
                <A href=move || format!("/account/{}", account_id.get())>
                    {move || account.get().map(|a| a.account.label).unwrap_or_else(|| account_id.get())}
                </A>
            </nav>
            <div class="page-head"><h1 data-testid="tools-title">"Keys, tokens and more"</h1></div>
            {move || match account.get() {
                None => view! {
                    <p class="notice" data-testid="tools-no-account">
                        "This account is not in the panel. Unlock your remembered accounts or add it on the Accounts page."
                    </p>
                }.into_any(),
                Some(entry) => account_sections(entry.account.provider, Scope { account: entry.account.id, server: None }),
            }}
        </section>
    }
}

/// The account-wide sections of `provider`.
fn account_sections(provider: ProviderId, scope: Scope) -> AnyView {
    match provider {
        ProviderId::Lnvps => view! {
            {section::<lnvps::Contact>(scope.clone())}
            {tool::<lnvps::Email>(scope.clone())}
            {tool::<lnvps::VerifyEmail>(scope.clone())}
            {section::<lnvps::SshKeys>(scope.clone())}
            {section::<lnvps::Wallets>(scope)}
        }
        .into_any(),
        ProviderId::Litevps => view! {
            {section::<litevps::SshKeys>(scope.clone())}
            {section::<litevps::Tokens>(scope.clone())}
            {tool::<litevps::RunEverywhere>(scope)}
        }
        .into_any(),
        ProviderId::Cyberpanel => view! {
            {section::<cyberpanel::Summary>(scope.clone())}
            {section::<cyberpanel::Locations>(scope.clone())}
            {section::<cyberpanel::ApiKeys>(scope.clone())}
            {tool::<cyberpanel::KeyUsage>(scope)}
        }
        .into_any(),
        ProviderId::Hostkey => view! {
            {section::<hostkey::ApiKeys>(scope.clone())}
            {tool::<hostkey::KeyHistory>(scope.clone())}
            {section::<hostkey::Zones>(scope)}
        }
        .into_any(),
        ProviderId::Llamalink => view! {
            {section::<llamalink::Profile>(scope.clone())}
            {section::<llamalink::Websites>(scope)}
        }
        .into_any(),
    }
}

/// The server-wide sections of `provider` (a server page shows them), the
/// deletion last where the provider offers one.
pub fn server_sections(provider: ProviderId, scope: Scope) -> impl IntoView {
    let delete = Capabilities::of(provider)
        .supports(Action::Delete)
        .then(|| tool::<delete::DeleteServer>(scope.clone()));
    view! {
        {provider_sections(provider, scope)}
        {delete}
    }
}

/// What `provider` offers for one server besides power, metrics and deletion.
fn provider_sections(provider: ProviderId, scope: Scope) -> Option<AnyView> {
    Some(match provider {
        ProviderId::Litevps => view! {
            {tool::<litevps::Run>(scope.clone())}
            {tool::<litevps::Background>(scope.clone())}
            {tool::<litevps::PutFile>(scope.clone())}
            {tool::<litevps::GetFile>(scope.clone())}
            {section::<litevps::Snapshots>(scope)}
        }
        .into_any(),
        ProviderId::Cyberpanel => view! {
            {tool::<cyberpanel::Console>(scope.clone())}
            {section::<cyberpanel::Snapshots>(scope)}
        }
        .into_any(),
        ProviderId::Lnvps => view! {
            {tool::<lnvps::ReverseDns>(scope.clone())}
            {tool::<lnvps::Upgrade>(scope.clone())}
            {section::<lnvps::History>(scope.clone())}
            {tool::<lnvps::Reinstall>(scope)}
        }
        .into_any(),
        ProviderId::Hostkey => view! {
            {section::<hostkey_server::Tags>(scope.clone())}
            {tool::<hostkey_server::Ptr>(scope.clone())}
            {tool::<hostkey_server::Port>(scope.clone())}
            {tool::<hostkey_server::Block>(scope.clone())}
            {tool::<hostkey_server::RemoteHands>(scope)}
        }
        .into_any(),
        ProviderId::Llamalink => return None,
    })
}

/// The trimmed value of `id`, or `message` under it when empty.
fn required(values: &Values, errors: &mut Errors, id: &'static str, message: &str) -> String {
    let value = values
        .get(id)
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    if value.is_empty() {
        errors.insert(id, message.to_string());
    }
    value
}

/// `Ok(new)` when no rule was broken.
fn checked<T>(errors: Errors, new: T) -> Result<T, Errors> {
    if errors.is_empty() {
        Ok(new)
    } else {
        Err(errors)
    }
}

/// An optional text: `None` when blank.
fn optional(values: &Values, id: &str) -> Option<String> {
    values
        .get(id)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// Label and value pairs (a read-only list of details) as items.
fn details<'a>(rows: impl IntoIterator<Item = (&'a str, String)>) -> Vec<Item> {
    rows.into_iter()
        .map(|(label, value)| Item {
            key: label.into(),
            name: label.into(),
            cells: vec![label.into(), value],
        })
        .collect()
}

/// A date-time as the provider wrote it, shortened to the minute.
fn when(text: Option<&str>) -> String {
    text.map(|t| t.replace('T', " ").chars().take(16).collect())
        .unwrap_or_else(|| "—".into())
}
