//! LNVPS billing: each VM's payments and its renewal — a quote, then a
//! Lightning invoice shown as a QR code and polled until paid — and
//! automatic renewal from a saved NWC wallet (the wallet, and the switch on
//! each VM).

use super::invoices::{Amount, InvoiceTable};
use super::loaded::{self, SessionRef, Slot};
use crate::components::error_notice::ErrorNotice;
use crate::components::qr::QrImage;
use crate::components::request_view::copy;
use crate::format;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::lnvps::{
    self, NewNwcMethod, RenewalQuote, SavedPaymentMethod, VmPatch, VmPayment, VmStatus,
};
use providers::lnvps::{btc_unit, Renewal};
use providers::{Invoice, ProviderError, Secret, Timestamp};
use std::time::Duration;

/// Seconds between checks of an unpaid renewal invoice.
const PAYMENT_POLL: Duration = Duration::from_secs(3);

fn now() -> Timestamp {
    Timestamp(format::now_secs())
}

/// The LNVPS section.
#[component]
pub fn LnvpsBilling(session: SessionRef) -> impl IntoView {
    let vms: Slot<Vec<VmStatus>> = RwSignal::new(None);
    let load = move || {
        loaded::fetch(vms, async move {
            session.get_value().lnvps(|api| Ok(api.list_vms())).await
        })
    };
    load();
    let retry = Callback::new(move |_| load());
    view! {
        <NwcWallets session=session />
        {loaded::show(vms, "VMs", retry, move |list: Vec<VmStatus>| {
            if list.is_empty() {
                return view! { <p class="muted card">"No VMs, so nothing to pay for."</p> }.into_any();
            }
            list.into_iter().map(|vm| view! { <VmBilling session=session vm=vm /> }).collect_view().into_any()
        })}
    }
}

/// One VM: expiry, auto-renewal switch, renewal and payments.
#[component]
fn VmBilling(session: SessionRef, vm: VmStatus) -> impl IntoView {
    let id = vm.id;
    let server = lnvps::server(&vm);
    let payments: Slot<Vec<Invoice>> = RwSignal::new(None);
    let load = move || {
        loaded::fetch(payments, async move {
            let page = session
                .get_value()
                .lnvps(|api| Ok(api.vm_payments(id, None)))
                .await?;
            let now = now();
            let mut list: Vec<Invoice> = page
                .items
                .iter()
                .map(|p| lnvps::vm_payment_invoice(p, now))
                .collect();
            list.sort_by_key(|i| std::cmp::Reverse(i.created));
            Ok(list)
        })
    };
    load();
    let retry = Callback::new(move |_| load());
    let expires = server
        .expires
        .map(|t| {
            format!(
                "Paid until {} ({})",
                format::date_time(t),
                format::relative(t, format::now_secs())
            )
        })
        .unwrap_or_else(|| "Not paid yet".into());
    let cost = server.monthly_cost.clone();
    view! {
        <section class="card" data-testid="vm-billing" data-vm=id.to_string() aria-labelledby=format!("vm-{id}-title")>
            <div class="section-head">
                <h2 id=format!("vm-{id}-title")>{server.name.clone()}</h2>
                <span class="muted small">{format!("VM {id}")}</span>
            </div>
            <p>
                <span data-testid="vm-expires">{expires}</span>
                {cost.map(|m| view! { " · "<Amount money=m />" a month" })}
            </p>
            <AutoRenewal session=session vm_id=id enabled=vm.auto_renewal_enabled />
            <Renew session=session vm_id=id on_paid=Callback::new(move |_| load()) />
            <h3>"Payments"</h3>
            {loaded::show(payments, "payments", retry, move |list: Vec<Invoice>| view! {
                <InvoiceTable invoices=list caption=format!("Payments of VM {id}") empty="No payments yet." />
            })}
        </section>
    }
}

/// The VM's automatic-renewal switch (`PATCH /api/v1/vm/{id}`).
#[component]
fn AutoRenewal(session: SessionRef, vm_id: u64, enabled: bool) -> impl IntoView {
    let on = RwSignal::new(enabled);
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<ProviderError>);
    let toggle = move |ev: leptos::ev::Event| {
        let wanted = event_target_checked(&ev);
        working.set(true);
        error.set(None);
        spawn_local(async move {
            let patch = VmPatch {
                auto_renewal_enabled: Some(wanted),
                ..VmPatch::default()
            };
            let result = session
                .get_value()
                .lnvps(|api| api.update_vm(vm_id, &patch))
                .await;
            working.set(false);
            match result {
                Ok(()) => on.set(wanted),
                Err(e) => {
                    on.set(!wanted);
                    error.set(Some(e));
                }
            }
        });
    };
    view! {
        <label class="check">
            <input type="checkbox" data-testid="auto-renewal" prop:checked=move || on.get()
                disabled=move || working.get() on:change=toggle />
            " Renew automatically from my NWC wallet, a day before expiry"
        </label>
        {move || error.get().map(|e| view! { <ErrorNotice error=e /> })}
    }
}

/// Renewal: how many months, the quote, then the invoice to pay.
#[component]
fn Renew(session: SessionRef, vm_id: u64, on_paid: Callback<()>) -> impl IntoView {
    let intervals = RwSignal::new("1".to_string());
    let quote = RwSignal::new(None::<Result<RenewalQuote, ProviderError>>);
    let invoice = RwSignal::new(None::<Result<VmPayment, ProviderError>>);
    let working = RwSignal::new(false);
    let renewal = move || -> Result<Renewal, ProviderError> {
        let text = intervals.get_untracked();
        let n = text.trim().parse::<u32>().map_err(|_| {
            ProviderError::validation(
                "intervals",
                format!(
                    "must be a whole number from 1 to 120, not `{}`",
                    text.trim()
                ),
            )
        })?;
        let renewal = Renewal {
            intervals: Some(n),
            ..Renewal::lightning()
        };
        renewal.validate()?;
        Ok(renewal)
    };
    let ask_quote = move |_| {
        let renewal = match renewal() {
            Ok(r) => r,
            Err(e) => return quote.set(Some(Err(e))),
        };
        working.set(true);
        spawn_local(async move {
            let result = session
                .get_value()
                .lnvps(|api| api.renew_quote(vm_id, &renewal))
                .await;
            working.set(false);
            quote.set(Some(result));
        });
    };
    let create_invoice = move || {
        let Ok(renewal) = renewal() else { return };
        if working.get_untracked() {
            return;
        }
        working.set(true);
        spawn_local(async move {
            // LNVPS returns the same unpaid invoice for an identical request, so a retry never bills twice.
            let result = session
                .get_value()
                .lnvps(|api| api.renew(vm_id, &renewal))
                .await;
            working.set(false);
            invoice.set(Some(result));
        });
    };
    view! {
        <div class="renew">
            <div class="inline-form">
                <label class="field">
                    <span>"Months to renew (1–120)"</span>
                    <input type="number" min="1" max="120" data-testid="renew-intervals"
                        prop:value=move || intervals.get()
                        on:input=move |ev| { intervals.set(event_target_value(&ev)); quote.set(None); } />
                </label>
                <button class="btn" data-testid="renew-quote" disabled=move || working.get() on:click=ask_quote>"Price"</button>
            </div>
            {move || quote.get().map(|q| match q {
                Ok(q) => {
                    let unit = btc_unit(q.amount, None);
                    let total = lnvps::money(q.amount.saturating_add(q.tax), &q.currency, unit);
                    let days = q.time / 86_400;
                    view! {
                        <p data-testid="renew-price">
                            "Renewing adds "{days}" days for "<Amount money=total testid="renew-total" />" (tax included). "
                            <button class="btn primary small" data-testid="renew-invoice" disabled=move || working.get()
                                on:click=move |_| create_invoice()>"Create a Lightning invoice"</button>
                        </p>
                    }.into_any()
                }
                Err(ProviderError::Validation { field, reason }) => view! {
                    <p class="field-error" role="alert" data-testid="renew-error">{format!("Months to renew ({field}) {reason}.")}</p>
                }.into_any(),
                Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
            })}
            {move || invoice.get().map(|r| match r {
                Ok(p) => view! {
                    <LightningInvoice session=session payment=p on_paid=on_paid on_expired=Callback::new(move |_| create_invoice()) />
                }.into_any(),
                Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
            })}
        </div>
    }
}

/// An invoice to pay: QR code, copy and wallet buttons, expiry, and a poll
/// every few seconds until LNVPS says it is paid.
#[component]
fn LightningInvoice(
    session: SessionRef,
    payment: VmPayment,
    on_paid: Callback<()>,
    /// Asks for a fresh invoice once this one has expired.
    on_expired: Callback<()>,
) -> impl IntoView {
    let Some(bolt11) = payment.bolt11().map(str::to_string) else {
        return view! { <p class="muted">"LNVPS returned a payment without a Lightning invoice."</p> }.into_any();
    };
    let uri = format!("lightning:{bolt11}");
    let invoice = lnvps::vm_payment_invoice(&payment, now());
    let expires = payment.expires_at();
    let paid = RwSignal::new(payment.is_paid);
    let expired = RwSignal::new(false);
    let id = payment.id.clone();
    let poll = set_interval_with_handle(
        move || {
            if paid.get_untracked() || expired.get_untracked() {
                return;
            }
            if expires.is_some_and(|t| t.unix() < format::now_secs()) {
                expired.set(true);
                return;
            }
            let id = id.clone();
            spawn_local(async move {
                if let Ok(p) = session.get_value().lnvps(|api| api.payment(&id)).await {
                    if p.is_paid && !paid.get_untracked() {
                        paid.set(true);
                        on_paid.run(());
                    }
                }
            });
        },
        PAYMENT_POLL,
    );
    if let Ok(handle) = poll {
        on_cleanup(move || handle.clear());
    }
    let copy_text = uri.clone();
    view! {
        <div class="invoice-pay" data-testid="renew-invoice-box" data-payment=payment.id.clone()>
            <QrImage text=uri.clone() label="Lightning invoice to scan with a wallet" testid="renew-qr" />
            <div class="invoice-facts">
                <p>"Pay "<Amount money=invoice.amount testid="renew-invoice-amount" />" by Lightning."</p>
                <p class="muted small">{expires.map(|t| format!("Payable until {} UTC.", format::date_time(t)))}</p>
                <div class="row">
                    <button class="btn small" data-testid="copy-invoice" on:click=move |_| copy(&copy_text)>"Copy invoice"</button>
                    <a class="btn small" href=uri data-testid="open-wallet">"Open in wallet"</a>
                </div>
                <p class="mono small invoice-text">{bolt11}</p>
                <p role="status" data-testid="renew-status">
                    {move || if paid.get() {
                        "Paid. The VM's new expiry shows after a reload.".to_string()
                    } else if expired.get() {
                        "This invoice expired unpaid.".to_string()
                    } else {
                        "Waiting for the payment…".to_string()
                    }}
                </p>
                {move || (expired.get() && !paid.get()).then(|| view! {
                    <button class="btn primary small" data-testid="renew-again" on:click=move |_| on_expired.run(())>"Get a new invoice"</button>
                })}
            </div>
        </div>
    }
    .into_any()
}

/// Saved NWC wallets for automatic renewal, and adding one.
#[component]
fn NwcWallets(session: SessionRef) -> impl IntoView {
    let slot: Slot<Vec<SavedPaymentMethod>> = RwSignal::new(None);
    let load = move || {
        loaded::fetch(slot, async move {
            session
                .get_value()
                .lnvps(|api| Ok(api.saved_payment_methods()))
                .await
        })
    };
    load();
    let retry = Callback::new(move |_| load());
    let connection = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ProviderError>);
    let working = RwSignal::new(false);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let label = name.get_untracked().trim().to_string();
        let method = NewNwcMethod {
            nwc_connection_string: Secret::new(connection.get_untracked().trim()),
            name: (!label.is_empty()).then_some(label),
        };
        working.set(true);
        error.set(None);
        spawn_local(async move {
            let result = session
                .get_value()
                .lnvps(|api| api.add_nwc_method(&method))
                .await;
            working.set(false);
            match result {
                Ok(_) => {
                    connection.set(String::new());
                    load();
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <section class="card" aria-labelledby="nwc-title">
            <h2 id="nwc-title">"Automatic renewal (NWC)"</h2>
            <p class="muted small">
                "LNVPS renews a VM a day before it expires when an enabled Nostr Wallet Connect wallet is saved and the VM's switch below is on."
            </p>
            {loaded::show(slot, "saved wallets", retry, |list: Vec<SavedPaymentMethod>| {
                if list.is_empty() {
                    return view! { <p class="muted" data-testid="no-wallets">"No wallet saved."</p> }.into_any();
                }
                view! {
                    <ul class="plain-list" data-testid="wallets">
                        {list.into_iter().map(|m| view! {
                            <li data-testid="wallet">
                                {m.name.clone().unwrap_or_else(|| format!("{} wallet {}", m.provider, m.id))}
                                <span class="muted">{format!(" · {}{}", if m.enabled { "enabled" } else { "disabled" }, if m.is_default { " · default" } else { "" })}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            <form class="inline-form" on:submit=add>
                <label class="field grow">
                    <span>"Wallet connection (nostr+walletconnect://…)"</span>
                    <input type="password" autocomplete="off" data-testid="nwc-connection"
                        prop:value=move || connection.get() on:input=move |ev| connection.set(event_target_value(&ev)) />
                </label>
                <label class="field">
                    <span>"Label (optional)"</span>
                    <input type="text" data-testid="nwc-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <button class="btn" type="submit" data-testid="nwc-add" disabled=move || working.get()>"Save wallet"</button>
            </form>
            {move || error.get().map(|e| match e {
                ProviderError::Validation { field, reason } => view! {
                    <p class="field-error" role="alert" data-testid="nwc-error">{format!("Wallet connection ({field}) {reason}.")}</p>
                }.into_any(),
                e => view! { <ErrorNotice error=e /> }.into_any(),
            })}
        </section>
    }
}
