//! The bulk-action bar above the fleet table: how many servers are ticked,
//! start / stop / restart for all of them, and for stop and restart a
//! confirmation naming how many servers at which providers.

use super::dialog::Dialog;
use crate::state::bulk::Bulk;
use crate::state::power::not_applicable;
use crate::state::selection::Selection;
use crate::state::{Panel, Row};
use leptos::prelude::*;
use providers::{PowerAction, ProviderId};
use std::collections::BTreeSet;

/// "5 at LNVPS (lnvps-loop), 3 at HOSTKEY (prod, staging)".
fn per_provider(rows: &[Row]) -> String {
    ProviderId::ALL
        .into_iter()
        .filter_map(|p| {
            let mine: Vec<&Row> = rows.iter().filter(|r| r.server.provider == p).collect();
            if mine.is_empty() {
                return None;
            }
            let accounts: BTreeSet<&str> = mine.iter().map(|r| r.account_label.as_ref()).collect();
            let accounts = accounts.into_iter().collect::<Vec<_>>().join(", ");
            Some(format!(
                "{} at {} ({accounts})",
                mine.len(),
                p.display_name()
            ))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn servers(n: usize) -> String {
    format!("{n} server{}", if n == 1 { "" } else { "s" })
}

/// The bar. `all` is every server of the visible accounts, `shown` those
/// the filters let through.
#[component]
pub fn BulkBar(
    #[prop(into)] all: Signal<Vec<Row>>,
    #[prop(into)] shown: Signal<Vec<Row>>,
    selection: Selection,
) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let bulk = expect_context::<Bulk>();
    let picked = Memo::new(move |_| all.with(|rows| selection.picked(rows)));
    let count = move || picked.with(Vec::len);
    let hidden = move || count().saturating_sub(shown.with(|rows| selection.count_in(rows)));
    let confirm = RwSignal::new(None::<PowerAction>);
    let confirm_open = RwSignal::new(false);
    let go = move |action: PowerAction| bulk.start(panel, action, picked.get_untracked());
    let ask = move |action: PowerAction| {
        if action == PowerAction::Start {
            go(action);
        } else {
            confirm.set(Some(action));
            confirm_open.set(true);
        }
    };
    let summary = move || {
        let n = count();
        if n == 0 {
            return "Tick servers to start, stop or restart them together.".to_string();
        }
        match hidden() {
            0 => format!("{} selected", servers(n)),
            h => format!("{} selected ({h} hidden by the filters)", servers(n)),
        }
    };
    view! {
        <div class="bulk-bar" role="group" aria-label="Bulk actions" data-testid="bulk-bar">
            <span class="bulk-count" data-testid="selected-count" aria-live="polite">{summary}</span>
            {[PowerAction::Start, PowerAction::Stop, PowerAction::Restart].into_iter().map(|a| view! {
                <button class="btn small" data-testid=format!("bulk-{}", a.label())
                    disabled=move || count() == 0 || bulk.running()
                    on:click=move |_| ask(a)>
                    {match a { PowerAction::Start => "Start", PowerAction::Stop => "Stop", PowerAction::Restart => "Restart" }}
                </button>
            }).collect_view()}
            <button class="btn ghost small" data-testid="clear-selection" disabled=move || count() == 0
                on:click=move |_| selection.clear()>"Clear selection"</button>
        </div>
        <Dialog open=confirm_open title="Confirm bulk action" testid="bulk-confirm">
            {move || confirm.get().map(|action| {
                let rows = picked.get_untracked();
                let skipped = rows.iter().filter(|r| not_applicable(action, r.server.status).is_some()).count();
                let verb = match action { PowerAction::Stop => "Stop", _ => "Restart" };
                view! {
                    <p data-testid="bulk-confirm-text">
                        <strong>{format!("{verb} {}?", servers(rows.len()))}</strong>" "
                        {format!("{}.", per_provider(&rows))}
                    </p>
                    <p class="muted">
                        {if action == PowerAction::Stop {
                            "Everything running on them stops until they are started again."
                        } else {
                            "Each is unreachable while it reboots."
                        }}
                        {(skipped > 0).then(|| format!(" {} will be skipped: already there, or busy.", servers(skipped)))}
                    </p>
                    <div class="dialog-actions">
                        <button class="btn" on:click=move |_| confirm_open.set(false)>"Cancel"</button>
                        <button class="btn danger" data-testid="bulk-confirm-go" autofocus on:click=move |_| {
                            confirm_open.set(false);
                            go(action);
                        }>{format!("{verb} {}", servers(rows.len()))}</button>
                    </div>
                }
            })}
        </Dialog>
    }
}
