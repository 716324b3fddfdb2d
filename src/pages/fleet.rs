//! The fleet view: every server of every account in one table — search,
//! filters (provider, status, tag), sorting, and windowed rendering so ten
//! thousand rows stay smooth. Filters live in the query string. Rows can be
//! ticked (by server key, so it works across the window) for bulk actions.

use crate::components::account_status::{AccountChip, AccountProblem};
use crate::components::bulk_bar::BulkBar;
use crate::components::bulk_progress::BulkProgress;
use crate::components::order_entry::OrderEntries;
use crate::components::orders_in_flight::OrdersInFlight;
use crate::components::select_box::{SelectAll, SelectRow};
use crate::components::status_badge::StatusBadge;
use crate::format;
use crate::state::selection::{Selection, ServerKey};
use crate::state::{Panel, Row};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;
use providers::{ProviderId, ServerStatus};
use std::cmp::Ordering;

/// Row height in pixels (fixed, so the window can be computed from the scroll position).
const ROW_HEIGHT: f64 = 44.0;
/// Rows rendered above and below the visible ones.
const OVERSCAN: usize = 8;

/// Columns the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Provider,
    Name,
    Status,
    Ips,
    Plan,
    Region,
    Cost,
    Expires,
}

impl Column {
    const ALL: [Column; 8] = [
        Column::Provider,
        Column::Name,
        Column::Status,
        Column::Ips,
        Column::Plan,
        Column::Region,
        Column::Cost,
        Column::Expires,
    ];

    fn key(self) -> &'static str {
        match self {
            Column::Provider => "provider",
            Column::Name => "name",
            Column::Status => "status",
            Column::Ips => "ip",
            Column::Plan => "plan",
            Column::Region => "region",
            Column::Cost => "cost",
            Column::Expires => "expires",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Column::Provider => "Provider",
            Column::Name => "Name",
            Column::Status => "Status",
            Column::Ips => "IP addresses",
            Column::Plan => "Plan",
            Column::Region => "Region",
            Column::Cost => "Monthly",
            Column::Expires => "Expires",
        }
    }

    fn parse(s: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == s)
    }

    fn compare(self, a: &Row, b: &Row) -> Ordering {
        let (x, y) = (&a.server, &b.server);
        match self {
            Column::Provider => x
                .provider
                .cmp(&y.provider)
                .then_with(|| a.account_label.cmp(&b.account_label)),
            Column::Name => x.name.to_lowercase().cmp(&y.name.to_lowercase()),
            Column::Status => x.status.cmp(&y.status),
            Column::Ips => x.ips.first().cmp(&y.ips.first()),
            Column::Plan => x.plan.cmp(&y.plan),
            Column::Region => x.region.cmp(&y.region),
            Column::Cost => {
                let key = |s: &providers::Server| {
                    s.monthly_cost
                        .as_ref()
                        .map(|m| (m.currency.clone(), m.amount))
                };
                key(x).cmp(&key(y))
            }
            Column::Expires => x.expires.cmp(&y.expires),
        }
    }
}

/// Statuses offered in the filter.
const STATUSES: [ServerStatus; 7] = [
    ServerStatus::Running,
    ServerStatus::Stopped,
    ServerStatus::Provisioning,
    ServerStatus::PendingPayment,
    ServerStatus::Transitioning,
    ServerStatus::Suspended,
    ServerStatus::Error,
];

fn matches_search(row: &Row, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let s = &row.server;
    let hay = [
        Some(s.name.as_str()),
        Some(s.id.as_str()),
        s.plan.as_deref(),
        s.region.as_deref(),
        Some(row.account_label.as_ref()),
    ];
    hay.into_iter()
        .flatten()
        .any(|h| h.to_lowercase().contains(needle))
        || s.ips.iter().any(|ip| ip.contains(needle))
        || s.tags.iter().any(|t| t.to_lowercase().contains(needle))
}

/// The fleet page, for all providers, one provider or one account.
#[component]
pub fn FleetPage() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let params = use_params_map();
    let query = use_query_map();
    let navigate = use_navigate();

    let scope_provider =
        move || params.with(|p| p.get("provider").and_then(|s| s.parse::<ProviderId>().ok()));
    let scope_account = move || params.with(|p| p.get("account"));
    let q = move |k: &str| query.with(|m| m.get(k)).unwrap_or_default();
    let search = Memo::new(move |_| q("q").to_lowercase());
    let status_filter = Memo::new(move |_| q("status"));
    let tag_filter = Memo::new(move |_| q("tag"));
    let provider_filter = Memo::new(move |_| q("provider"));
    let sort = Memo::new(move |_| Column::parse(&q("sort")).unwrap_or(Column::Provider));
    let descending = Memo::new(move |_| q("dir") == "desc");

    let set_query = {
        let navigate = navigate.clone();
        // Every change of one click goes in one navigation: the query map
        // only updates after it, so a second call would undo the first.
        move |changes: &[(&'static str, String)]| {
            let mut map = query.get_untracked();
            for (key, value) in changes {
                if value.is_empty() {
                    map.remove(key);
                } else {
                    map.replace(*key, value.clone());
                }
            }
            let path = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_default();
            navigate(
                &format!("{path}{}", map.to_query_string()),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };

    let in_scope = move |row: &Row| {
        scope_account().is_none_or(|a| a == row.account_id.as_ref())
            && scope_provider().is_none_or(|p| p == row.server.provider)
    };

    let all_rows = Memo::new(move |_| panel.rows());
    let selection = Selection::new();
    let rows = Memo::new(move |_| {
        let needle = search.get();
        let status = status_filter.get();
        let tag = tag_filter.get();
        let provider = provider_filter.get();
        let mut list: Vec<Row> = all_rows.with(|all| {
            all.iter()
                .filter(|r| in_scope(r))
                .filter(|r| provider.is_empty() || r.server.provider.slug() == provider)
                .filter(|r| status.is_empty() || r.server.status.label() == status)
                .filter(|r| tag.is_empty() || r.server.tags.contains(&tag))
                .filter(|r| matches_search(r, &needle))
                .cloned()
                .collect()
        });
        let column = sort.get();
        list.sort_by(|a, b| {
            let o = column
                .compare(a, b)
                .then_with(|| a.server.name.cmp(&b.server.name));
            if descending.get() {
                o.reverse()
            } else {
                o
            }
        });
        list
    });
    let tags = Memo::new(move |_| {
        let mut t: Vec<String> = all_rows.with(|all| {
            all.iter()
                .filter(|r| in_scope(r))
                .flat_map(|r| r.server.tags.clone())
                .collect()
        });
        t.sort();
        t.dedup();
        t
    });

    let accounts_in_scope = move || {
        panel
            .visible_accounts()
            .into_iter()
            .filter(|a| scope_account().is_none_or(|id| id == a.account.id))
            .filter(|a| scope_provider().is_none_or(|p| p == a.account.provider))
            .collect::<Vec<_>>()
    };
    let title = move || match (scope_provider(), scope_account()) {
        (Some(p), _) => p.display_name().to_string(),
        (_, Some(id)) => panel
            .account(&id)
            .map(|a| a.account.label)
            .unwrap_or_else(|| "Unknown account".into()),
        _ => "All providers".to_string(),
    };

    // Windowed rendering.
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(640.0_f64);
    let visible = move || {
        let total = rows.with(|r| r.len());
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize)
            .saturating_sub(OVERSCAN)
            .min(total);
        let count = (viewport.get() / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
        let last = (first + count).min(total);
        (first, last, total)
    };
    let window_rows = move || {
        let (first, last, _) = visible();
        rows.with(|r| r[first..last].to_vec())
    };
    let pad_top = move || format!("height:{}px", visible().0 as f64 * ROW_HEIGHT);
    let pad_bottom = move || {
        let (_, last, total) = visible();
        format!("height:{}px", (total - last) as f64 * ROW_HEIGHT)
    };

    let header = {
        let set_query = set_query.clone();
        move |c: Column| {
            let set_query = set_query.clone();
            let aria = move || {
                if sort.get() != c {
                    "none"
                } else if descending.get() {
                    "descending"
                } else {
                    "ascending"
                }
            };
            let arrow = move || {
                if sort.get() != c {
                    ""
                } else if descending.get() {
                    " ▼"
                } else {
                    " ▲"
                }
            };
            view! {
                <th scope="col" aria-sort=aria>
                    <button class="th-button" data-testid=format!("sort-{}", c.key()) on:click=move |_| {
                        let dir = if sort.get_untracked() == c && !descending.get_untracked() { "desc" } else { "" };
                        set_query(&[("sort", c.key().to_string()), ("dir", dir.to_string())]);
                    }>{c.label()}{arrow}</button>
                </th>
            }
        }
    };

    let on_search = {
        let set_query = set_query.clone();
        move |ev| set_query(&[("q", event_target_value(&ev))])
    };
    let on_status = {
        let set_query = set_query.clone();
        move |ev| set_query(&[("status", event_target_value(&ev))])
    };
    let on_tag = {
        let set_query = set_query.clone();
        move |ev| set_query(&[("tag", event_target_value(&ev))])
    };
    let on_provider = {
        let set_query = set_query.clone();
        move |ev| set_query(&[("provider", event_target_value(&ev))])
    };

    view! {
        <section class="page fleet">
            <div class="page-head">
                <h1 data-testid="fleet-title">{title}</h1>
                {move || scope_account().map(|id| view! {
                    <A href=format!("/billing/{id}") attr:class="btn ghost small" attr:data-testid="account-billing">"Billing"</A>
                })}
                <span class="muted" data-testid="row-count">{move || {
                    let (shown, all) = (rows.with(|r| r.len()), all_rows.with(|r| r.iter().filter(|x| in_scope(x)).count()));
                    if shown == all { format!("{all} servers") } else { format!("{shown} of {all} servers") }
                }}</span>
                <OrderEntries accounts=Signal::derive(accounts_in_scope) />
            </div>
            <OrdersInFlight />
            <div class="account-strip" data-testid="account-strip">
                <div class="chips">
                    {move || accounts_in_scope().into_iter().map(|entry| view! { <AccountChip entry=entry /> }).collect_view()}
                </div>
                {move || accounts_in_scope().into_iter().map(|entry| view! { <AccountProblem entry=entry /> }).collect_view()}
            </div>
            <div class="toolbar" role="search">
                <label class="field grow">
                    <span class="visually-hidden">"Search"</span>
                    <input type="search" placeholder="Search name, IP, plan, region, tag…" data-testid="search"
                        prop:value=move || q("q") on:input=on_search />
                </label>
                <Show when=move || scope_provider().is_none() && scope_account().is_none()>
                    <label class="field">
                        <span class="visually-hidden">"Provider"</span>
                        <select data-testid="filter-provider" aria-label="Provider" prop:value=move || provider_filter.get() on:change=on_provider.clone()>
                            <option value="">"All providers"</option>
                            {ProviderId::ALL.into_iter().map(|p| view! { <option value=p.slug()>{p.display_name()}</option> }).collect_view()}
                        </select>
                    </label>
                </Show>
                <label class="field">
                    <span class="visually-hidden">"Status"</span>
                    <select data-testid="filter-status" aria-label="Status" prop:value=move || status_filter.get() on:change=on_status>
                        <option value="">"Any status"</option>
                        {STATUSES.into_iter().map(|s| view! { <option value=s.label()>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span class="visually-hidden">"Tag"</span>
                    <select data-testid="filter-tag" aria-label="Tag" prop:value=move || tag_filter.get() on:change=on_tag>
                        <option value="">"Any tag"</option>
                        {move || tags.get().into_iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <BulkBar all=all_rows shown=rows selection=selection />
            <BulkProgress />
            <div class="table-wrap" data-testid="fleet-table"
                on:scroll=move |ev| {
                    let el: web_sys::HtmlElement = event_target(&ev);
                    scroll_top.set(el.scroll_top() as f64);
                    viewport.set(el.client_height() as f64);
                }>
                <table class="fleet-table">
                    <thead>
                        <tr>
                            <th scope="col" class="select-col"><SelectAll rows=rows selection=selection /></th>
                            {Column::ALL.into_iter().map(header.clone()).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="pad" aria-hidden="true"><td colspan="9" style=pad_top></td></tr>
                        <For each=window_rows key=|r| (r.account_id.clone(), r.server.id.clone(), r.server.status, r.server.name.clone()) let:row>
                            <FleetRow row=row selection=selection />
                        </For>
                        <tr class="pad" aria-hidden="true"><td colspan="9" style=pad_bottom></td></tr>
                    </tbody>
                </table>
                <Show when=move || rows.with(|r| r.is_empty())>
                    <p class="empty" data-testid="empty">{move || if all_rows.with(|r| r.is_empty()) {
                        "No servers yet: accounts are loading, or have none."
                    } else {
                        "No server matches these filters."
                    }}</p>
                </Show>
            </div>
        </section>
    }
}

/// One table row.
#[component]
fn FleetRow(row: Row, selection: Selection) -> impl IntoView {
    let key = ServerKey::of(&row);
    let s = row.server;
    let href = format!("/server/{}/{}", row.account_id, s.id);
    let bare = |ip: &String| ip.split('/').next().unwrap_or(ip).to_string();
    let ips = match s.ips.len() {
        0 => "—".to_string(),
        1 => bare(&s.ips[0]),
        n => format!("{} +{}", bare(&s.ips[0]), n - 1),
    };
    let now = format::now_secs();
    let slug = s.provider.slug();
    let name = s.name.clone();
    let expires = s
        .expires
        .map(|t| format::relative(t, now))
        .unwrap_or_else(|| "—".into());
    let expired = s.expires.is_some_and(|t| t.unix() < now);
    view! {
        <tr data-testid="server-row" data-provider=slug data-status=s.status.label()>
            <td class="select-col"><SelectRow key=key name=s.name.clone() selection=selection /></td>
            <td title=row.account_label.to_string()><span class=format!("provider-tag {slug}")>{s.provider.display_name()}</span>
                <span class="muted small account-label">{row.account_label.to_string()}</span></td>
            <td class="name"><A href=href attr:data-testid="server-link">{name}</A></td>
            <td><StatusBadge status=s.status raw=s.raw_status.clone() /></td>
            <td class="mono" title=s.ips.join(", ")>{ips}</td>
            <td>{s.plan.clone().unwrap_or_else(|| "—".into())}</td>
            <td>{s.region.clone().unwrap_or_else(|| "—".into())}</td>
            <td class="num">{format::money(s.monthly_cost.as_ref())}</td>
            <td class:expired=expired title=s.expires.map(format::date_time).unwrap_or_default()>{expires}</td>
        </tr>
    }
}
