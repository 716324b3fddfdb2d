//! One account's load state in the fleet view: loading, ready (with the time
//! of the last refresh), failed (with the reason and a retry), or waiting out
//! a rate limit.

use super::error_notice::ErrorNotice;
use crate::state::{AccountEntry, LoadStatus, Panel};
use leptos::prelude::*;

/// The state chip of one account.
#[component]
pub fn AccountStatus(entry: AccountEntry) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let id = entry.account.id.clone();
    let label = format!(
        "{} · {}",
        entry.account.provider.display_name(),
        entry.account.label
    );
    let retry = {
        let id = id.clone();
        Callback::new(move |_| panel.refresh(&id))
    };
    let state = {
        let id = id.clone();
        move || panel.fleet.with(|f| f.get(&id).cloned())
    };
    view! {
        <div class="account-status" data-testid=format!("account-status-{id}")>
            <div class="account-status-head">
                <span class="account-name">{label}</span>
                {move || {
                    let Some(f) = state() else { return loading() };
                    match f.status {
                        LoadStatus::Loading => loading(),
                        LoadStatus::Ready => {
                            let when = f
                                .refreshed_ms
                                .map(|ms| crate::format::date_time(providers::Timestamp((ms / 1000) as i64)))
                                .unwrap_or_default();
                            view! {
                                <span class="state ok" data-testid="state-ready">
                                    {format!("{} servers · updated {when} UTC", f.servers.len())}
                                </span>
                                <button class="btn small ghost" aria-label="Refresh this account" on:click=move |_| retry.run(())>"Refresh"</button>
                            }
                            .into_any()
                        }
                        LoadStatus::Failed(error) => view! {
                            <span class="state bad" data-testid="state-error">"Failed"</span>
                            <ErrorNotice error=error on_retry=retry />
                        }
                        .into_any(),
                        LoadStatus::Waiting { error, .. } => view! {
                            <span class="state warn" data-testid="state-waiting">"Rate limited"</span>
                            <ErrorNotice error=error />
                        }
                        .into_any(),
                    }
                }}
            </div>
        </div>
    }
}

fn loading() -> AnyView {
    view! {
        <span class="state busy" data-testid="state-loading"><span class="spinner" aria-hidden="true"></span>"Loading…"</span>
    }
    .into_any()
}
