//! LNVPS flows: public calls go out as built, every other call is signed
//! with NIP-98 (a fresh event per request) just before it is sent.

use super::{ConnectionInfo, Operation, OrderTicket, Session};
use crate::call::Call;
use crate::error::ProviderError;
use crate::lnvps::{self, Api, NewVm, PlacedOrder, Renewal};
use crate::model::*;
use crate::signer::Signer;
use crate::transport::{Clock, Transport};
use nostr::nips::nip19::ToBech32;

impl<T: Transport, S: Signer, C: Clock> Session<T, S, C> {
    /// Runs an LNVPS call built from this account's [`Api`]: sent unsigned
    /// when the endpoint is public, signed with NIP-98 otherwise.
    pub async fn lnvps<R: 'static>(
        &self,
        build: impl FnOnce(&Api) -> Result<Call<R>, ProviderError>,
    ) -> Result<R, ProviderError> {
        let call = build(&api(self)?)?;
        if lnvps::is_public(call.request()) {
            self.send(call).await
        } else {
            self.send_signed(call).await
        }
    }

    /// Orders a VM and asks for its first invoice (`POST /api/v1/vm`, then
    /// `GET /api/v1/vm/{id}/renew` with `renewal`).
    ///
    /// The order is sent through [`Session::place_order`] with `ticket`:
    /// LNVPS has no idempotency key, so only failures that never reached it
    /// are retried.
    pub async fn lnvps_order(
        &self,
        ticket: &OrderTicket,
        order: &NewVm,
        renewal: &Renewal,
    ) -> Result<PlacedOrder, ProviderError> {
        renewal.validate()?;
        let vm = self
            .place_order(ticket, |_| self.lnvps(|a| Ok(a.create_vm(order))))
            .await?;
        let payment = self.lnvps(|a| a.renew(vm.id, renewal)).await?;
        let operation = Operation::Lnvps {
            vm_id: vm.id.to_string(),
            payment_id: Some(payment.id.clone()),
        };
        Ok(PlacedOrder {
            vm,
            payment,
            operation,
        })
    }
}

fn api<T, S, C>(s: &Session<T, S, C>) -> Result<Api, ProviderError> {
    match &s.account.credentials {
        Credentials::Nostr { .. } => Api::new(s.account.base_url.as_deref()),
        _ => Err(ProviderError::validation(
            "credentials",
            "LNVPS signs requests with a Nostr key (NIP-98); choose a Nostr signer for this account",
        )),
    }
}

fn vm_id(id: &str) -> Result<u64, ProviderError> {
    id.trim().parse().map_err(|_| {
        ProviderError::validation("id", format!("`{id}` is not an LNVPS VM id (a number)"))
    })
}

pub(super) async fn test_connection<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<ConnectionInfo, ProviderError> {
    let public_key = s
        .signer
        .public_key()
        .await
        .map_err(|message| ProviderError::Signer { message })?;
    let identity = match public_key.to_bech32() {
        Ok(npub) => npub,
        Err(never) => match never {},
    };
    let account = s.lnvps(|a| Ok(a.account())).await?;
    let verified = match account.email_verified {
        Some(true) => "yes",
        Some(false) => "no: confirm the emailed link before ordering",
        None => "no email set",
    };
    let mut details = vec![
        (
            "email".to_string(),
            account.email.clone().unwrap_or_else(|| "not set".into()),
        ),
        ("email verified".to_string(), verified.to_string()),
    ];
    if let Some(kind) = &account.account_type {
        details.push(("account type".into(), kind.clone()));
    }
    Ok(ConnectionInfo {
        identity,
        permissions: Vec::new(),
        balance: None,
        details,
    })
}

pub(super) async fn list_servers<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Server>, ProviderError> {
    let vms = s.lnvps(|a| Ok(a.list_vms())).await?;
    Ok(vms.iter().map(lnvps::server).collect())
}

pub(super) async fn server<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
) -> Result<Server, ProviderError> {
    let id = vm_id(id)?;
    let vm = s.lnvps(|a| Ok(a.vm(id))).await?;
    Ok(lnvps::server(&vm))
}

pub(super) async fn power<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
    action: PowerAction,
) -> Result<Option<Operation>, ProviderError> {
    let id = vm_id(id)?;
    s.lnvps(|a| Ok(a.power(id, action))).await?;
    Ok(None)
}

pub(super) async fn metrics<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
    range: MetricRange,
) -> Result<Vec<MetricSeries>, ProviderError> {
    if range != MetricRange::Hour {
        return Err(ProviderError::Unsupported {
            reason: format!(
                "LNVPS keeps only the last hour of usage; a {} range is not available",
                range.as_str()
            ),
        });
    }
    let id = vm_id(id)?;
    let points = s.lnvps(|a| Ok(a.time_series(id))).await?;
    Ok(crate::Capabilities::of(ProviderId::Lnvps)
        .metric_kinds()
        .iter()
        .map(|kind| lnvps::metric_series(*kind, &points))
        .collect())
}

pub(super) async fn invoices<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Invoice>, ProviderError> {
    let now = Timestamp(i64::try_from(s.clock.now()).unwrap_or(i64::MAX));
    let vms = s.lnvps(|a| Ok(a.list_vms())).await?;
    let mut invoices = Vec::new();
    for vm in &vms {
        let page = s.lnvps(|a| Ok(a.vm_payments(vm.id, None))).await?;
        invoices.extend(page.items.iter().map(|p| lnvps::vm_payment_invoice(p, now)));
    }
    invoices.sort_by_key(|i| std::cmp::Reverse(i.created));
    Ok(invoices)
}

pub(super) async fn progress<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    operation: &Operation,
) -> Result<Progress, ProviderError> {
    let Operation::Lnvps {
        vm_id: id,
        payment_id,
    } = operation
    else {
        return Err(ProviderError::validation(
            "operation",
            "not an LNVPS operation",
        ));
    };
    let id = vm_id(id)?;
    let payment = match payment_id {
        Some(payment_id) => Some(s.lnvps(|a| a.payment(payment_id)).await?),
        None => None,
    };
    if let Some(p) = payment.as_ref().filter(|p| !p.is_paid) {
        // The VM is not read while its payment is outstanding: one signed request per poll.
        // An invoice that expired unpaid ends the order (Failed) instead of being polled on.
        let now = Timestamp(i64::try_from(s.clock.now()).unwrap_or(i64::MAX));
        return Ok(lnvps::unpaid_order_progress(id, p, now));
    }
    let vm = s.lnvps(|a| Ok(a.vm(id))).await?;
    Ok(lnvps::order_progress(payment.as_ref(), &vm))
}
