//! A bulk run as it goes: a progress bar ("12 of 25 done"), the accounts
//! holding back for a rate limit with a countdown, and every server's
//! result (the provider's own status while it is followed).

use super::status_badge::status_class;
use crate::services::clock::now_ms;
use crate::state::bulk::{Bulk, Item, ItemState, Run};
use crate::state::power::under_way;
use leptos::prelude::*;
use providers::ServerStatus;
use std::sync::Arc;

/// The current or last bulk run, if any.
#[component]
pub fn BulkProgress() -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    move || bulk.current().map(|run| view! { <RunCard run=run /> })
}

#[component]
fn RunCard(run: Arc<Run>) -> impl IntoView {
    let bulk = expect_context::<Bulk>();
    let total = run.items.len();
    let (tally, holds, finished) = (run.tally.clone(), run.holds.clone(), run.finished.clone());
    let now = RwSignal::new(now_ms());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(now_ms()), std::time::Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    let verb = under_way(run.action);
    let done_verb = match run.action {
        providers::PowerAction::Start => "Started",
        providers::PowerAction::Stop => "Stopped",
        providers::PowerAction::Restart => "Restarted",
    };
    let title = {
        let finished = finished.clone();
        move || {
            let what = if total == 1 {
                "1 server".to_string()
            } else {
                format!("{total} servers")
            };
            if finished.get() {
                format!("{done_verb} {what}: finished")
            } else {
                format!("{verb} {what}…")
            }
        }
    };
    let counts = {
        let tally = tally.clone();
        move || {
            let t = tally.get();
            format!("{} ok · {} failed · {} skipped", t.ok, t.failed, t.skipped)
        }
    };
    let progress_tally = tally.clone();
    let text_tally = tally.clone();
    let items = run.items.iter().map(result_row).collect_view();
    view! {
        <section class="card bulk-run" data-testid="bulk-run" aria-label="Bulk action">
            <div class="section-head">
                <h2>{title}</h2>
                <span class="bulk-done" role="status" data-testid="bulk-progress">
                    {move || format!("{} of {total} done", text_tally.get().done())}
                </span>
                <span class="muted small" data-testid="bulk-tally">{counts}</span>
                <Show when={let finished = finished.clone(); move || finished.get()}>
                    <button class="btn ghost small push-right" data-testid="bulk-dismiss" on:click=move |_| bulk.dismiss()>"Dismiss"</button>
                </Show>
            </div>
            <progress class="bulk-meter" max=total.to_string() value=move || progress_tally.get().done().to_string() aria-label="Servers done"></progress>
            <ul class="bulk-holds">
                {move || holds.get().into_values().map(|h| {
                    let secs = h.until_ms.saturating_sub(now.get()).div_ceil(1000);
                    view! {
                        <li class="countdown" data-testid="bulk-hold">
                            {format!("{}: {} — next request in {secs} s", h.account, h.why)}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ol class="bulk-results" data-testid="bulk-results">{items}</ol>
        </section>
    }
}

/// The badge colour of an item state, in the fleet's status colours.
fn badge(state: &ItemState) -> &'static str {
    match state {
        ItemState::Ok(_) => status_class(ServerStatus::Running),
        ItemState::Failed(_) => status_class(ServerStatus::Error),
        ItemState::Sending | ItemState::Following(_) => status_class(ServerStatus::Transitioning),
        ItemState::Queued | ItemState::Skipped(_) => status_class(ServerStatus::Stopped),
    }
}

/// One server's line.
fn result_row(item: &Item) -> impl IntoView {
    let server = item.row.server.clone();
    let slug = server.provider.slug();
    let state = item.state.clone();
    let key = {
        let state = state.clone();
        move || state.with(|s| s.key())
    };
    let class = {
        let state = state.clone();
        move || format!("badge {}", state.with(badge))
    };
    let label = {
        let state = state.clone();
        move || state.with(|s| s.key())
    };
    let detail = move || state.with(|s| s.detail().to_string());
    view! {
        <li class="bulk-result" data-testid="bulk-result" data-state=key data-provider=slug>
            <span class="name">{server.name.clone()}</span>
            <span class=format!("provider-tag {slug}")>{server.provider.display_name()}</span>
            <span class="muted small">{item.row.account_label.to_string()}</span>
            <span class=class>{label}</span>
            <span class="detail">{detail}</span>
        </li>
    }
}
