//! A modal dialog: a labelled panel over the page, closed with Escape or its buttons.

use leptos::prelude::*;

/// A modal dialog. `open` shows it; Escape and the close button set it false.
#[component]
pub fn Dialog(
    open: RwSignal<bool>,
    #[prop(into)] title: String,
    #[prop(optional, into)] testid: String,
    children: ChildrenFn,
) -> impl IntoView {
    let title_id = format!(
        "dialog-{}",
        title
            .to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    );
    let children = StoredValue::new(children);
    view! {
        <Show when=move || open.get()>
            <div class="overlay" on:click=move |_| open.set(false)>
                <div
                    class="dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby=title_id.clone()
                    data-testid=testid.clone()
                    on:click=|ev| ev.stop_propagation()
                    on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }
                >
                    <div class="dialog-head">
                        <h2 id=title_id.clone()>{title.clone()}</h2>
                        <button class="btn ghost small" aria-label="Close" on:click=move |_| open.set(false)>"✕"</button>
                    </div>
                    {children.read_value()()}
                </div>
            </div>
        </Show>
    }
}
