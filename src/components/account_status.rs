//! Each account's load state above the fleet: a compact chip per account
//! (loading, ready with the time of the last refresh, failed, rate limited),
//! and under the chips the full reason and a retry for every account in trouble.

use super::error_notice::ErrorNotice;
use crate::state::{AccountEntry, LoadStatus, Panel};
use leptos::prelude::*;

fn status_of(panel: Panel, id: &str) -> Option<LoadStatus> {
    panel.fleet.with(|f| f.get(id).map(|a| a.status.clone()))
}

/// One account's chip.
#[component]
pub fn AccountChip(entry: AccountEntry) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let id = entry.account.id.clone();
    let label = entry.account.label.clone();
    let slug = entry.account.provider.slug();
    let state = {
        let id = id.clone();
        move || {
            panel.fleet.with(|f| {
                f.get(&id).map(|a| {
                    let when = a
                        .refreshed_ms
                        .map(|ms| {
                            crate::format::date_time(providers::Timestamp((ms / 1000) as i64))
                        })
                        .unwrap_or_default();
                    (a.status.clone(), a.servers.len(), when)
                })
            })
        }
    };
    let refresh = {
        let id = id.clone();
        move |_| panel.refresh(&id)
    };
    view! {
        <div class="chip" data-testid=format!("account-status-{id}")>
            <span class=format!("provider-dot {slug}") aria-hidden="true"></span>
            <span class="chip-label">{label}</span>
            {move || match state() {
                None | Some((LoadStatus::Loading, _, _)) => view! {
                    <span class="state busy" data-testid="state-loading"><span class="spinner" aria-hidden="true"></span>"loading"</span>
                }.into_any(),
                Some((LoadStatus::Ready, n, when)) => view! {
                    <span class="state ok" data-testid="state-ready" title=format!("updated {when} UTC")>
                        {format!("{n} servers · {}", when.get(11..).unwrap_or(&when))}
                    </span>
                }.into_any(),
                Some((LoadStatus::Failed(_), _, _)) => view! { <span class="state bad" data-testid="state-error">"failed"</span> }.into_any(),
                Some((LoadStatus::Waiting { .. }, _, _)) => view! { <span class="state warn" data-testid="state-waiting">"rate limited"</span> }.into_any(),
            }}
            <button class="icon-button" aria-label=format!("Refresh {}", entry.account.label) title="Refresh" on:click=refresh>"↻"</button>
        </div>
    }
}

/// The full error and a retry for one account that failed or waits.
#[component]
pub fn AccountProblem(entry: AccountEntry) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let id = entry.account.id.clone();
    let retry = {
        let id = id.clone();
        Callback::new(move |_| panel.refresh(&id))
    };
    let heading = format!(
        "{} · {}",
        entry.account.provider.display_name(),
        entry.account.label
    );
    move || match status_of(panel, &id) {
        Some(LoadStatus::Failed(error)) => Some(
            view! {
                <div class="problem" data-testid=format!("problem-{id}")>
                    <p class="problem-head">{heading.clone()}</p>
                    <ErrorNotice error=error on_retry=retry />
                </div>
            }
            .into_any(),
        ),
        Some(LoadStatus::Waiting { error, .. }) => Some(
            view! {
                <div class="problem" data-testid=format!("problem-{id}")>
                    <p class="problem-head">{heading.clone()}</p>
                    <ErrorNotice error=error />
                </div>
            }
            .into_any(),
        ),
        _ => None,
    }
}
