//! The fleet table's checkboxes: one per row, and one in the header that
//! ticks every row the filters show (not only the rows drawn on screen).

use crate::state::selection::{Selection, ServerKey};
use crate::state::Row;
use leptos::prelude::*;

/// A row's checkbox, labelled with the server's name.
#[component]
pub fn SelectRow(
    key: ServerKey,
    #[prop(into)] name: String,
    selection: Selection,
) -> impl IntoView {
    let watched = key.clone();
    view! {
        <label class="select-box">
            <input type="checkbox" data-testid="select-row"
                prop:checked=move || selection.contains(&watched)
                on:change=move |ev| selection.set(key.clone(), event_target_checked(&ev)) />
            <span class="visually-hidden">{format!("Select {name}")}</span>
        </label>
    }
}

/// The header checkbox: ticked when every shown row is, mixed when some are.
#[component]
pub fn SelectAll(#[prop(into)] rows: Signal<Vec<Row>>, selection: Selection) -> impl IntoView {
    let counts = Memo::new(move |_| rows.with(|r| (selection.count_in(r), r.len())));
    view! {
        <label class="select-box">
            <input type="checkbox" data-testid="select-all"
                disabled=move || counts.get().1 == 0
                prop:checked=move || { let (ticked, all) = counts.get(); all > 0 && ticked == all }
                prop:indeterminate=move || { let (ticked, all) = counts.get(); ticked > 0 && ticked < all }
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    rows.with_untracked(|r| selection.set_rows(r, on));
                } />
            <span class="visually-hidden">{move || format!("Select all {} servers shown", counts.get().1)}</span>
        </label>
    }
}
