//! The top bar: brand, refresh-all, accounts and activity links, and the theme menu.

use crate::services::theme::Theme;
use crate::state::Panel;
use leptos::prelude::*;
use leptos_router::components::A;

/// The bar across the top of every page.
#[component]
pub fn TopBar() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let theme = expect_context::<RwSignal<Theme>>();
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">
                <img src="/public/favicon.svg" alt="" width="24" height="24" />
                <span>"VPS Panel"</span>
            </A>
            <div class="topbar-actions">
                <button class="btn ghost" data-testid="refresh-all" on:click=move |_| panel.refresh_all()>
                    "Refresh all"
                </button>
                <A href="/accounts" attr:class="btn ghost" attr:data-testid="nav-accounts">"Accounts"</A>
                <A href="/activity" attr:class="btn ghost" attr:data-testid="nav-activity">"Activity"</A>
                <label class="theme-pick">
                    <span class="visually-hidden">"Theme"</span>
                    <select
                        data-testid="theme"
                        aria-label="Theme"
                        on:change=move |ev| theme.set(Theme::parse(&event_target_value(&ev)))
                        prop:value=move || theme.get().as_str()
                    >
                        {Theme::ALL
                            .into_iter()
                            .map(|t| view! { <option value=t.as_str()>{t.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
        </header>
    }
}
