//! `/tools/:account`: what a provider keeps for an account besides its
//! servers (SSH keys, API keys and tokens, DNS zones, websites, summaries),
//! each a [`collection`](crate::components::collection) section; and what
//! a server's page offers beyond power and metrics (snapshots, commands,
//! files, console, reverse DNS, tags, ports, remote hands), as collections
//! and [`tool`](crate::components::tool)s.

mod cyberpanel;
mod delete;
mod hostkey;
mod hostkey_addresses;
mod hostkey_cancellations;
mod hostkey_catalog;
mod hostkey_console;
mod hostkey_contacts;
mod hostkey_dns;
mod hostkey_follow;
mod hostkey_invoices;
mod hostkey_ipmi;
mod hostkey_network;
mod hostkey_password;
mod hostkey_pin;
mod hostkey_reinstall;
mod hostkey_server;
mod litevps;
mod litevps_account;
mod llamalink;
mod lnvps;
mod lnvps_ranges;

use crate::components::collection::{section, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
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
            {section::<lnvps::Wallets>(scope.clone())}
            {tool::<lnvps::WalletSettings>(scope.clone())}
            {section::<lnvps::PaymentMethods>(scope.clone())}
            {section::<lnvps_ranges::IpRanges>(scope.clone())}
            {section::<lnvps_ranges::IpSpaceOnSale>(scope.clone())}
            {tool::<lnvps_ranges::BuyRange>(scope.clone())}
            {tool::<lnvps_ranges::RenewRange>(scope.clone())}
            {tool::<lnvps_ranges::RangePayments>(scope.clone())}
            {tool::<lnvps_ranges::AutoRenewal>(scope.clone())}
            {tool::<lnvps_ranges::OriginAsn>(scope)}
        }
        .into_any(),
        ProviderId::Litevps => view! {
            {section::<litevps::SshKeys>(scope.clone())}
            {section::<litevps::Tokens>(scope.clone())}
            {tool::<litevps::RunEverywhere>(scope.clone())}
            {tool::<litevps_account::BillingEmail>(scope.clone())}
            {tool::<litevps_account::DeleteSeveral>(scope.clone())}
            {section::<litevps_account::Service>(scope)}
        }
        .into_any(),
        ProviderId::Cyberpanel => view! {
            {section::<cyberpanel::Summary>(scope.clone())}
            {section::<cyberpanel::Service>(scope.clone())}
            {section::<cyberpanel::Scopes>(scope.clone())}
            {section::<cyberpanel::Locations>(scope.clone())}
            {section::<cyberpanel::ApiKeys>(scope.clone())}
            {tool::<cyberpanel::KeyUsage>(scope)}
        }
        .into_any(),
        ProviderId::Hostkey => view! {
            {section::<hostkey::ApiKeys>(scope.clone())}
            {tool::<hostkey::KeyDetails>(scope.clone())}
            {tool::<hostkey::EditKey>(scope.clone())}
            {tool::<hostkey::KeyHistory>(scope.clone())}
            {section::<hostkey::Zones>(scope.clone())}
            {tool::<hostkey_dns::ZoneRecords>(scope.clone())}
            {tool::<hostkey_dns::EditRecord>(scope.clone())}
            {tool::<hostkey_dns::DeleteRecord>(scope.clone())}
            {section::<hostkey_dns::Domains>(scope.clone())}
            {tool::<hostkey::TagSearch>(scope.clone())}
            {tool::<hostkey_catalog::StockServers>(scope.clone())}
            {tool::<hostkey_catalog::StockDetails>(scope.clone())}
            {section::<hostkey_catalog::PostInstallTasks>(scope.clone())}
            {section::<hostkey_contacts::Contacts>(scope.clone())}
            {tool::<hostkey_contacts::EditContact>(scope.clone())}
            {tool::<hostkey_password::ResetPassword>(scope.clone())}
            {section::<hostkey_cancellations::Cancellations>(scope.clone())}
            {tool::<hostkey_pin::CheckPin>(scope.clone())}
            {tool::<hostkey_pin::SetPin>(scope)}
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
            {tool::<litevps::CancelJob>(scope.clone())}
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
            {tool::<hostkey_server::RemoteHands>(scope.clone())}
            {tool::<hostkey_network::PortStatus>(scope.clone())}
            {hostkey_network::traffic_graph(scope.clone())}
            {tool::<hostkey_addresses::Address>(scope.clone())}
            {tool::<hostkey_console::Console>(scope.clone())}
            {tool::<hostkey_ipmi::Sensors>(scope.clone())}
            {hostkey_ipmi::ipmi_access(scope.clone())}
            {tool::<hostkey_ipmi::BootDevice>(scope.clone())}
            {tool::<hostkey_ipmi::BmcReset>(scope.clone())}
            {hostkey_reinstall::reinstall(scope.clone())}
            {section::<hostkey_dns::Subdomains>(scope.clone())}
            {tool::<hostkey_dns::MoveSubdomain>(scope.clone())}
            {section::<hostkey::ServerKeys>(scope.clone())}
            {section::<hostkey_invoices::ServerInvoices>(scope.clone())}
            {tool::<hostkey_invoices::DueInvoice>(scope)}
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

/// An e-mail address from field `id`, with the rule it breaks under it.
fn email(values: &Values, errors: &mut Errors, id: &'static str) -> String {
    let email = required(values, errors, id, "The e-mail address is required.");
    if !email.is_empty()
        && !email
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
    {
        errors.insert(
            id,
            format!("“{email}” is not an e-mail address such as user@example.com."),
        );
    }
    email
}

/// A field where the person types `word` to confirm something that cannot be undone.
fn confirmation(id: &'static str, word: &'static str) -> Field {
    Field::new(
        id,
        format!("Type “{word}” to confirm"),
        FieldKind::Text { placeholder: word },
    )
}

/// Adds `message` under field `id` unless the person typed `word` there.
fn confirmed(values: &Values, errors: &mut Errors, id: &'static str, word: &str, message: &str) {
    if values.get(id).map(|v| v.trim()) != Some(word) {
        errors.insert(id, message.to_string());
    }
}

/// An id made of digits from field `id` (`what` names it in the message),
/// or the rule it breaks.
fn numeric_id(values: &Values, id: &'static str, what: &str) -> Result<String, Errors> {
    let text = values
        .get(id)
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Errors::from([(
            id,
            format!("{what} must be a number (got “{text}”)."),
        )]));
    }
    Ok(text)
}
