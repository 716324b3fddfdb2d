//! A server's status as a coloured badge with the provider's own word in its tooltip.

use leptos::prelude::*;
use providers::ServerStatus;

/// The CSS class of a status.
pub fn status_class(status: ServerStatus) -> &'static str {
    match status {
        ServerStatus::Running => "ok",
        ServerStatus::Stopped => "off",
        ServerStatus::Provisioning | ServerStatus::Transitioning | ServerStatus::PendingPayment => {
            "busy"
        }
        ServerStatus::Suspended | ServerStatus::Error => "bad",
        ServerStatus::Deleted | ServerStatus::Unknown => "off",
    }
}

/// A status badge.
#[component]
pub fn StatusBadge(status: ServerStatus, #[prop(into)] raw: String) -> impl IntoView {
    view! {
        <span class=format!("badge {}", status_class(status)) title=format!("{}: {raw}", status.label()) data-testid="status">
            {status.label()}
        </span>
    }
}
