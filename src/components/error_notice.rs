//! Provider errors as messages a person can act on: which key to fix, the
//! balance and the amount needed, a countdown before a retry, a retry button.

use leptos::prelude::*;
use leptos_router::components::A;
use providers::ProviderError;

/// What to do about an error, in a sentence.
pub fn advice(error: &ProviderError) -> String {
    match error {
        ProviderError::Auth { credential, .. } => {
            format!("Fix the {credential} on the Accounts page.")
        }
        ProviderError::Permission {
            needed: Some(scope),
            ..
        } => {
            format!("Use a key that has the `{scope}` permission.")
        }
        ProviderError::Permission { needed: None, .. } => "Use a key with more permissions.".into(),
        ProviderError::PaymentRequired {
            balance, required, ..
        } => match (balance, required) {
            (Some(b), Some(r)) => {
                format!("Your balance is {b}; this needs {r}. Top up, then retry.")
            }
            (Some(b), None) => format!("Your balance is {b}. Top up, then retry."),
            _ => "Add funds or a payment method at the provider, then retry.".into(),
        },
        ProviderError::RateLimited { .. } => {
            "The provider asked to slow down; the panel retries by itself.".into()
        }
        ProviderError::Transport { .. } => {
            "Check your connection (or the account's base URL), then retry.".into()
        }
        ProviderError::Validation { .. } => "Correct the value and try again.".into(),
        ProviderError::Unsupported { .. } => "This provider does not offer it.".into(),
        ProviderError::Signer { .. } => {
            "Allow this site in your Nostr extension, then retry.".into()
        }
        _ => "Retry; if it keeps failing, check the provider's status.".into(),
    }
}

/// An error with its advice, a countdown when rate limited, and a retry button.
#[component]
pub fn ErrorNotice(
    error: ProviderError,
    /// Called by the retry button (and when a rate-limit countdown ends, if `auto_retry`).
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
    /// Retry by itself when a rate-limit countdown ends.
    #[prop(optional)]
    auto_retry: bool,
) -> impl IntoView {
    let is_auth = matches!(
        error,
        ProviderError::Auth { .. } | ProviderError::Permission { .. }
    );
    let wait = match &error {
        ProviderError::RateLimited {
            retry_after_secs, ..
        } => Some(retry_after_secs.unwrap_or(30)),
        _ => None,
    };
    let remaining = RwSignal::new(wait.unwrap_or(0));
    if wait.is_some() {
        let handle = set_interval_with_handle(
            move || {
                let left = remaining.get_untracked().saturating_sub(1);
                remaining.set(left);
                if left == 0 && auto_retry {
                    if let Some(retry) = on_retry {
                        retry.run(());
                    }
                }
            },
            std::time::Duration::from_secs(1),
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    }
    let message = error.to_string();
    let advice = advice(&error);
    view! {
        <div class="notice error" role="alert" data-testid="error">
            <p class="notice-title">{message}</p>
            <p class="notice-advice">{advice}</p>
            {wait.map(|_| view! {
                <p class="countdown" data-testid="countdown">
                    {move || if remaining.get() > 0 { format!("Retrying in {} s", remaining.get()) } else { "Retrying…".into() }}
                </p>
            })}
            <div class="notice-actions">
                {is_auth.then(|| view! { <A href="/accounts" attr:class="btn small">"Fix the key"</A> })}
                {on_retry.map(|retry| view! {
                    <button class="btn small" data-testid="retry" on:click=move |_| retry.run(())>"Retry now"</button>
                })}
            </div>
        </div>
    }
}
