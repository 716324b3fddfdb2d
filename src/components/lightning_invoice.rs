//! A Lightning invoice to pay: its QR code (`lightning:<bolt11>`), the
//! invoice text with a copy button, an open-in-wallet link, a WebLN "Pay"
//! button when the browser has a WebLN wallet, and the time left before it
//! expires, with a "New invoice" action once it has.

use super::qr::svg as qr_svg;
use super::request_view::copy;
use crate::services::clock::now_ms;
use crate::services::webln;
use crate::state::orders::LightningInvoice;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// `m:ss` of a duration in milliseconds.
fn minutes_seconds(ms: u64) -> String {
    let secs = ms.div_ceil(1000);
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// The invoice, ready to pay.
#[component]
pub fn LightningInvoiceView(
    /// The invoice.
    invoice: LightningInvoice,
    /// Asks the provider for a new invoice (shown once this one expired).
    on_new_invoice: Callback<()>,
    /// Marks it paid in the sandbox (Sandbox accounts only).
    #[prop(optional)]
    on_simulate: Option<Callback<String>>,
    /// Gives up on what the invoice pays for (offered once it expired).
    #[prop(optional)]
    on_give_up: Option<Callback<()>>,
) -> impl IntoView {
    let uri = format!("lightning:{}", invoice.bolt11);
    let svg = qr_svg(&uri);
    let now = RwSignal::new(now_ms());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(now_ms()), std::time::Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    let expires = invoice.expires_ms;
    let left = move || expires.map(|e| e.saturating_sub(now.get()));
    let expired = move || left() == Some(0);
    let copied = RwSignal::new(false);
    let wallet_note = RwSignal::new(None::<String>);
    let bolt11 = invoice.bolt11.clone();
    let copy_it = {
        let bolt11 = bolt11.clone();
        move |_| {
            copy(&bolt11);
            copied.set(true);
        }
    };
    let pay_webln = {
        let bolt11 = bolt11.clone();
        move |_| {
            let bolt11 = bolt11.clone();
            wallet_note.set(Some("Confirm the payment in your wallet…".into()));
            spawn_local(async move {
                let note = match webln::pay(&bolt11).await {
                    Ok(()) => "Your wallet paid; waiting for LNVPS to see it…".to_string(),
                    Err(e) => format!("The wallet did not pay: {e}"),
                };
                wallet_note.set(Some(note));
            });
        }
    };
    let payment_id = invoice.payment_id.clone();
    view! {
        <div class="invoice" data-testid="invoice">
            <div class=move || if expired() { "qr expired" } else { "qr" } data-testid="invoice-qr" role="img"
                aria-label="QR code of the Lightning invoice; scan it with a Lightning wallet"
                inner_html=svg.unwrap_or_default()></div>
            <div class="invoice-side">
                <p class="invoice-amount">"Pay "<strong data-testid="invoice-amount">{invoice.amount.clone()}</strong>" over Lightning"</p>
                <p class="countdown" data-testid="invoice-countdown" role="timer">
                    {move || match left() {
                        None => "No expiry given".to_string(),
                        Some(0) => "This invoice expired unpaid; nothing was charged.".to_string(),
                        Some(ms) => format!("Expires in {}", minutes_seconds(ms)),
                    }}
                </p>
                <label class="field">
                    <span>"Invoice"</span>
                    <textarea class="bolt11 mono" readonly rows="5" data-testid="invoice-bolt11">{bolt11.clone()}</textarea>
                </label>
                <div class="row">
                    <Show when=move || !expired() fallback=move || view! {
                        <button class="btn primary" data-testid="new-invoice" on:click=move |_| on_new_invoice.run(())>"New invoice"</button>
                        {on_give_up.map(|give_up| view! {
                            <button class="btn ghost" data-testid="give-up" on:click=move |_| give_up.run(())>"Drop this order"</button>
                        })}
                    }>
                        <a class="btn primary" href=uri.clone() data-testid="open-wallet">"Open in wallet"</a>
                        {webln::available().then(|| view! {
                            <button class="btn" data-testid="webln-pay" on:click=pay_webln.clone()>"Pay with WebLN"</button>
                        })}
                        <button class="btn" data-testid="copy-invoice" on:click=copy_it.clone()>
                            {move || if copied.get() { "Copied" } else { "Copy invoice" }}
                        </button>
                        {on_simulate.map(|simulate| {
                            let id = payment_id.clone();
                            view! {
                                <button class="btn ghost" data-testid="simulate-payment" title="Sandbox mode: no real money moves"
                                    on:click=move |_| simulate.run(id.clone())>"Simulate payment"</button>
                            }
                        })}
                    </Show>
                </div>
                {move || wallet_note.get().map(|n| view! { <p class="muted" role="status">{n}</p> })}
            </div>
        </div>
    }
}
