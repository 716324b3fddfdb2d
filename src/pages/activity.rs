//! The activity log at `/activity`: every action taken in the panel, newest
//! first, filterable by account, and exportable as JSON.

use crate::format;
use crate::services::download;
use crate::state::activity::{self, Entry};
use crate::state::Panel;
use leptos::prelude::*;
use providers::{ProviderId, Timestamp};
use serde::Serialize;

/// An entry as exported: the entry with its account's label where the
/// account is still in the panel.
#[derive(Serialize)]
struct Exported<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    account_label: Option<String>,
}

/// The name an entry's account goes by: its label, or what is known of it
/// once it has left the panel.
fn account_name(panel: Panel, id: Option<&str>, provider: Option<ProviderId>) -> String {
    let provider = provider.map(ProviderId::display_name);
    match (id, provider) {
        (Some(id), p) => match panel.account(id) {
            Some(a) => format!(
                "{} ({})",
                a.account.label,
                a.account.provider.display_name()
            ),
            None => format!("{} account {id}, since forgotten", p.unwrap_or("An")),
        },
        (None, Some(p)) => p.to_string(),
        (None, None) => "—".to_string(),
    }
}

/// The activity page.
#[component]
pub fn ActivityPage() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let filter = RwSignal::new(String::new());
    let entries = Memo::new(move |_| activity::entries());
    let shown = Memo::new(move |_| {
        let f = filter.get();
        entries.with(|list| {
            list.iter()
                .filter(|e| f.is_empty() || e.account_id.as_deref() == Some(f.as_str()))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let accounts = Memo::new(move |_| {
        let mut seen: Vec<(String, Option<ProviderId>)> = Vec::new();
        entries.with(|list| {
            for e in list {
                if let Some(id) = &e.account_id {
                    if !seen.iter().any(|(s, _)| s == id) {
                        seen.push((id.clone(), e.provider));
                    }
                }
            }
        });
        seen.into_iter()
            .map(|(id, p)| (account_name(panel, Some(&id), p), id))
            .collect::<Vec<_>>()
    });
    let export_error = RwSignal::new(None::<String>);
    let export = move |_| {
        let text = shown.with(|list| {
            let rows: Vec<Exported> = list
                .iter()
                .map(|entry| Exported {
                    entry,
                    account_label: entry
                        .account_id
                        .as_deref()
                        .and_then(|id| panel.account(id))
                        .map(|a| a.account.label),
                })
                .collect();
            serde_json::to_string_pretty(&rows)
        });
        let day = format::date_time(Timestamp((crate::services::clock::now_ms() / 1000) as i64));
        let name = format!("panel-activity-{}.json", day.get(..10).unwrap_or("export"));
        let result = text
            .map_err(|e| e.to_string())
            .and_then(|t| download::save(t.as_bytes(), "application/json", &name));
        export_error.set(result.err());
    };

    view! {
        <section class="page activity">
            <div class="page-head">
                <h1>"Activity"</h1>
                <span class="muted" data-testid="activity-count">{move || {
                    let (n, all) = (shown.with(Vec::len), entries.with(Vec::len));
                    if n == all { format!("{all} actions") } else { format!("{n} of {all} actions") }
                }}</span>
            </div>
            <p class="muted small">
                "Every action taken in this panel on this device, newest first: the last 500, kept in this browser, never with a key or password."
            </p>
            <div class="toolbar">
                <label class="field">
                    <span class="visually-hidden">"Account"</span>
                    <select data-testid="activity-account" aria-label="Account" prop:value=move || filter.get()
                        on:change=move |ev| filter.set(event_target_value(&ev))>
                        <option value="">"All accounts"</option>
                        {move || accounts.get().into_iter().map(|(name, id)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <button class="btn" data-testid="export-activity" disabled=move || shown.with(Vec::is_empty) on:click=export>
                    "Export JSON"
                </button>
            </div>
            {move || export_error.get().map(|e| view! { <p class="field-error" role="alert">{format!("Export failed: {e}")}</p> })}
            <Show when=move || !shown.with(Vec::is_empty) fallback=|| view! {
                <p class="empty" data-testid="activity-empty">"Nothing yet: power actions, accounts added or forgotten and connection tests appear here."</p>
            }>
                <table class="activity-table" data-testid="activity-table">
                    <thead>
                        <tr>
                            <th scope="col">"When (UTC)"</th>
                            <th scope="col">"Action"</th>
                            <th scope="col">"Account"</th>
                            <th scope="col">"On"</th>
                            <th scope="col">"Result"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || shown.get().into_iter().map(|e| view! { <EntryRow entry=e /> }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

/// `2026-01-05 10:00:07` (UTC): actions come seconds apart.
fn stamp(t: Timestamp) -> String {
    let text = t.to_rfc3339();
    text.get(..19).map(|s| s.replace('T', " ")).unwrap_or(text)
}

/// One action.
#[component]
fn EntryRow(entry: Entry) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let at = Timestamp((entry.at_ms / 1000) as i64);
    let account = account_name(panel, entry.account_id.as_deref(), entry.provider);
    let badge = match entry.outcome {
        activity::Outcome::Ok => "badge ok",
        activity::Outcome::Failed => "badge bad",
        activity::Outcome::Skipped => "badge off",
    };
    let servers = (!entry.servers.is_empty()).then(|| {
        let more = entry.more_servers;
        view! {
            <details class="activity-servers">
                <summary>"Each server"</summary>
                <ul>
                    {entry.servers.iter().map(|s| view! {
                        <li data-testid="activity-server" data-outcome=s.outcome.label()>
                            <strong>{s.name.clone()}</strong>" "{s.outcome.label()}
                            {(!s.detail.is_empty()).then(|| format!(": {}", s.detail))}
                        </li>
                    }).collect_view()}
                    {(more > 0).then(|| view! { <li class="muted">{format!("and {more} more")}</li> })}
                </ul>
            </details>
        }
    });
    view! {
        <tr data-testid="activity-entry" data-outcome=entry.outcome.label()>
            <td title=format::relative(at, format::now_secs())>{stamp(at)}</td>
            <td class="what">{entry.what.clone()}</td>
            <td>{account}</td>
            <td>{entry.target.clone().unwrap_or_else(|| "—".into())}</td>
            <td>
                <span class=badge>{entry.outcome.label()}</span>" "
                <span class="detail">{entry.detail.clone()}</span>
                {servers}
            </td>
        </tr>
    }
}
