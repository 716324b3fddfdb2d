//! The page for an unknown address.

use leptos::prelude::*;
use leptos_router::components::A;

/// Unknown route.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"Nothing here"</h1>
            <p>"This address does not name a view of the panel. " <A href="/">"Go to the fleet."</A></p>
        </section>
    }
}
