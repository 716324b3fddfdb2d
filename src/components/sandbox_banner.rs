//! The banner that says, while Sandbox mode is on, that the servers shown are simulated.

use crate::state::Panel;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown while Sandbox mode is on.
#[component]
pub fn SandboxBanner() -> impl IntoView {
    let panel = expect_context::<Panel>();
    view! {
        <Show when=move || panel.sandbox_mode.get()>
            <div class="sandbox-banner" role="status" data-testid="sandbox-banner">
                <span class="banner-text">
                    <strong>"Sandbox mode."</strong>
                    " The demo accounts below are the five providers simulated in your browser: nothing is ordered or charged. "
                    <A href="/accounts">"Add your real accounts"</A>
                    " to manage your own servers."
                </span>
                <button class="btn small" data-testid="leave-sandbox" on:click=move |_| panel.sandbox_mode.set(false)>
                    "Hide demo accounts"
                </button>
            </div>
        </Show>
        <Show when=move || !panel.sandbox_mode.get()>
            <div class="sandbox-off">
                <button class="btn link small" data-testid="enter-sandbox" on:click=move |_| {
                    panel.sandbox_mode.set(true);
                    panel.refresh_all();
                }>"Show the demo accounts"</button>
            </div>
        </Show>
    }
}
