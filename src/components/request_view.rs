//! The requests an action sent, as copy-pasteable curl commands with secrets redacted.

use leptos::prelude::*;
use providers::driver::SentRequest;

/// Copies text to the clipboard.
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// A list of sent requests as curl commands.
#[component]
pub fn RequestView(requests: Vec<SentRequest>) -> impl IntoView {
    if requests.is_empty() {
        return view! { <p class="muted">"Nothing has been sent for this yet."</p> }.into_any();
    }
    view! {
        <p class="muted small">"Secrets are replaced by <redacted>; paste your own to run these."</p>
        <ol class="requests" data-testid="requests">
            {requests
                .into_iter()
                .map(|r| {
                    let curl = r.curl.clone();
                    let status = r.status.map(|s| format!("HTTP {s}")).unwrap_or_else(|| "no answer".into());
                    view! {
                        <li>
                            <div class="request-head">
                                <span class="muted small">{status}</span>
                                <button class="btn small ghost" on:click=move |_| copy(&curl)>"Copy"</button>
                            </div>
                            <pre class="curl" data-testid="curl">{r.curl}</pre>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
    .into_any()
}
