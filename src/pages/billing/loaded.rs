//! A provider answer loaded into a section: a spinner while it comes, the
//! error with its advice and a retry button, or the section's own view.

use crate::components::error_notice::ErrorNotice;
use crate::state::AppSession;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::ProviderError;
use std::future::Future;
use std::rc::Rc;

/// Where a load stands: `None` while it runs.
pub type Slot<T> = RwSignal<Option<Result<T, ProviderError>>>;

/// The account's session, held where views (which must be `Send`) can reach it.
pub type SessionRef = StoredValue<Rc<AppSession>, LocalStorage>;

/// Runs `future` and puts its outcome into `slot`, clearing it first.
pub fn fetch<T, F>(slot: Slot<T>, future: F)
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<T, ProviderError>> + 'static,
{
    slot.set(None);
    spawn_local(async move {
        let result = future.await;
        slot.set(Some(result));
    });
}

/// The view of a slot: loading, the error with `retry`, or `render(value)`.
pub fn show<T, V>(
    slot: Slot<T>,
    what: &'static str,
    retry: Callback<()>,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || {
        match slot.get() {
        None => view! {
            <p class="muted" role="status"><span class="spinner" aria-hidden="true"></span>" Loading "{what}"…"</p>
        }
        .into_any(),
        Some(Err(error)) => view! { <ErrorNotice error=error on_retry=retry /> }.into_any(),
        Some(Ok(value)) => render(value).into_view().into_any(),
    }
    }
}
