//! Paying for VMs: renewals (`/vm/{id}/renew`, `/subscriptions/{id}/renew`)
//! that issue a Lightning invoice or return the identical unpaid one,
//! upgrade quotes and upgrades, payment look-ups, subscriptions (a VM's, or
//! an IP-range subscription's, see [`super::ranges`]), and the settlement of
//! a paid invoice (expiry extended; a first payment provisions the VM,
//! `creating` for 30 s and then `running`).

use serde::Deserialize;
use serde_json::{json, Value};

use super::reply::Rejection;

use super::catalogue::{price, Spec, CUSTOM, MAX_PREPAY_DAYS};
use super::methods;
use super::payment::{Order, Payment, Purpose};
use super::reply::{body, fail, forbidden, invalid, not_found, ok, page, Query, Reply};
use super::state::{Call, State};
use super::time::{rfc3339, DAY, MONTH, SECOND};
use super::vm::{Event, Vm, POWER_ACTION_MS, PROVISION_MS};

/// Renewal periods one request may buy.
const MAX_INTERVALS: u64 = 120;

/// The `method` query parameter: `lightning` (also for unknown values) or
/// `nwc`; the server's other rails are not enabled here.
fn payment_method(query: &Query) -> Result<&'static str, Rejection> {
    match query.text("method").unwrap_or("lightning") {
        "nwc" => Ok("nwc"),
        other @ ("onchain" | "revolut" | "stripe" | "paypal" | "saved") => {
            Err(invalid(format!("Payment method {other} is not enabled")))
        }
        _ => Ok("lightning"),
    }
}

/// 400 for any discount code: none are on offer.
fn check_code(query: &Query) -> Result<(), Rejection> {
    match query.text("code").filter(|c| !c.is_empty()) {
        Some(code) => Err(invalid(format!("Discount code `{code}` is not valid"))),
        None => Ok(()),
    }
}

/// The method and the number of months a renewal's query asks for, checked:
/// `method`, `intervals` from 1 to 120, no discount `code`.
pub(super) fn renewal_terms(call: &Call) -> Result<(&'static str, u64), Rejection> {
    let query = Query::of(call.request);
    let method = payment_method(&query)?;
    let intervals = query.number("intervals")?.unwrap_or(1);
    if !(1..=MAX_INTERVALS).contains(&intervals) {
        return Err(invalid(format!(
            "intervals must be between 1 and {MAX_INTERVALS}"
        )));
    }
    check_code(&query)?;
    Ok((method, intervals))
}

/// 400 when `intervals` months on top of `paid_until` (or `now`, if later)
/// would pay beyond the prepay limit.
pub(super) fn check_prepay(paid_until: u64, intervals: u64, now: u64) -> Result<(), Rejection> {
    let new_expiry = paid_until.max(now).saturating_add(intervals * MONTH);
    if new_expiry > now + MAX_PREPAY_DAYS * DAY {
        return Err(invalid(format!(
            "Renewing for {intervals} month(s) would pay beyond the {MAX_PREPAY_DAYS}-day prepay limit"
        )));
    }
    Ok(())
}

/// `units * numerator / denominator` without overflow.
fn scale(units: u64, numerator: u64, denominator: u64) -> u64 {
    let value = u128::from(units) * u128::from(numerator) / u128::from(denominator.max(1));
    u64::try_from(value).unwrap_or(u64::MAX)
}

/// `POST /vm/{id}/upgrade[/quote]` body.
#[derive(Debug, Deserialize)]
struct UpgradeRequest {
    #[serde(default)]
    cpu: Option<u16>,
    #[serde(default)]
    memory: Option<u64>,
    #[serde(default)]
    disk: Option<u64>,
}

/// `PATCH /subscriptions/{id}` body: auto-renewal is all it changes.
#[derive(Debug, Deserialize)]
struct SubscriptionPatch {
    auto_renewal_enabled: bool,
}

/// `RenewalQuote` JSON of a renewal `order`.
pub(super) fn renewal_quote(order: &Order) -> Value {
    json!({
        "amount": order.amount_sats,
        "tax": 0,
        "processing_fee": 0,
        "currency": "BTC",
        "time": order.time_secs,
    })
}

/// What an upgrade costs, in satoshis.
struct UpgradeQuote {
    cost_difference: u64,
    new_renewal_cost: u64,
    discount: u64,
}

/// The spec an upgrade asks for: never below the current values, at least
/// one above, within the custom plan's limits.
fn upgrade_target(vm: &Vm, request: &UpgradeRequest, now: u64) -> Result<Spec, Rejection> {
    if vm.expired(now) {
        return Err(fail(402, "VM has expired, renew it first"));
    }
    let current = vm.template.spec;
    let (max_cpu, max_memory, max_disk) = CUSTOM.maxima(current.disk_type, current.disk_interface);
    let target = Spec {
        cpu: request.cpu.unwrap_or(current.cpu),
        memory: request.memory.unwrap_or(current.memory),
        disk: request.disk.unwrap_or(current.disk),
        ..current
    };
    let fields = [
        (
            "cpu",
            u64::from(target.cpu),
            u64::from(current.cpu),
            u64::from(max_cpu),
        ),
        ("memory", target.memory, current.memory, max_memory),
        ("disk", target.disk, current.disk, max_disk),
    ];
    for (field, wanted, now_value, max) in fields {
        if wanted < now_value {
            return Err(invalid(format!(
                "{field} cannot be lower than the current {now_value}"
            )));
        }
        if wanted > max.max(now_value) {
            return Err(invalid(format!("{field} cannot be more than {max}")));
        }
    }
    if target == current {
        return Err(invalid(
            "An upgrade must increase at least one of cpu, memory or disk",
        ));
    }
    Ok(target)
}

/// The cost of moving `vm` to `target` for the rest of its paid time.
fn quote(vm: &Vm, target: Spec, now: u64) -> UpgradeQuote {
    let remaining = vm.expires_ms.saturating_sub(now);
    let new_monthly = vm.template.upgraded(0, target, now).sats();
    let discount = scale(vm.template.sats(), remaining, MONTH);
    let new_for_rest = scale(new_monthly, remaining, MONTH);
    UpgradeQuote {
        cost_difference: new_for_rest.saturating_sub(discount).max(1),
        new_renewal_cost: new_monthly,
        discount,
    }
}

impl State {
    /// The renewal `query` asks for on `vm`.
    fn renewal(&self, call: &Call, vm: &Vm) -> Result<Order, Rejection> {
        let (method, intervals) = renewal_terms(call)?;
        check_prepay(vm.expires_ms, intervals, call.now)?;
        Ok(Order {
            owner: call.user.clone(),
            vm_id: vm.id,
            range: None,
            amount_sats: vm.template.sats().saturating_mul(intervals),
            time_secs: intervals * MONTH / SECOND,
            purpose: if vm.paid_since.is_some() {
                Purpose::Renewal
            } else {
                Purpose::Purchase
            },
            method,
        })
    }

    /// The identical unpaid payment, or a new one, for `order`'s VM or
    /// IP-range subscription; charged at once for `nwc`.
    pub(super) fn charge(&mut self, call: &Call, order: Order) -> Result<String, Rejection> {
        if order.method == "nwc"
            && !self
                .accounts
                .get(&call.user)
                .is_some_and(methods::can_charge)
        {
            return Err(invalid(
                "No enabled NWC wallet to charge; add one under payment-methods",
            ));
        }
        let payments = match order.range {
            Some(sub) => self.ranges.payments_mut(sub),
            None => self.vms.get_mut(&order.vm_id).map(|vm| &mut vm.payments),
        }
        .ok_or_else(not_found)?;
        let existing = payments
            .iter()
            .rev()
            .find(|id| {
                self.payments
                    .get(*id)
                    .is_some_and(|p| p.same_as(&order, call.now))
            })
            .cloned();
        let id = match existing {
            Some(id) => id,
            None => {
                let payment = Payment::issue(order, call.now, &mut self.rng);
                let id = payment.id.clone();
                payments.push(id.clone());
                self.payments.insert(id.clone(), payment);
                id
            }
        };
        if self.payments.get(&id).is_some_and(|p| p.method == "nwc") {
            self.settle(&id, call.now);
        }
        Ok(id)
    }

    /// `VmPayment` JSON of payment `id`.
    fn payment_json(&self, id: &str) -> Reply {
        let payment = self.payments.get(id).ok_or_else(not_found)?;
        ok(payment.vm_json(&self.node))
    }

    /// `GET /api/v1/vm/{id}/renew`.
    pub(super) fn renew(&mut self, call: &Call, id: u64) -> Reply {
        let order = self.renewal(call, self.vm(call, id)?)?;
        let payment = self.charge(call, order)?;
        self.payment_json(&payment)
    }

    /// `GET /api/v1/vm/{id}/renew/quote`: what a renewal would cost; nothing is created.
    pub(super) fn renew_quote(&mut self, call: &Call, id: u64) -> Reply {
        let order = self.renewal(call, self.vm(call, id)?)?;
        ok(renewal_quote(&order))
    }

    /// `POST /api/v1/vm/{id}/upgrade/quote`.
    pub(super) fn upgrade_quote(&mut self, call: &Call, id: u64) -> Reply {
        let request: UpgradeRequest = body(call.request)?;
        payment_method(&Query::of(call.request))?;
        let vm = self.vm(call, id)?;
        let q = quote(vm, upgrade_target(vm, &request, call.now)?, call.now);
        ok(json!({
            "cost_difference": price("BTC", q.cost_difference),
            "new_renewal_cost": price("BTC", q.new_renewal_cost),
            "discount": price("BTC", q.discount),
            "tax": price("BTC", 0),
            "processing_fee": price("BTC", 0),
        }))
    }

    /// `POST /api/v1/vm/{id}/upgrade`: a payment with `is_upgrade: true`; paying it applies the upgrade.
    pub(super) fn upgrade(&mut self, call: &Call, id: u64) -> Reply {
        let request: UpgradeRequest = body(call.request)?;
        let method = payment_method(&Query::of(call.request))?;
        let vm = self.vm(call, id)?;
        let target = upgrade_target(vm, &request, call.now)?;
        let order = Order {
            owner: call.user.clone(),
            vm_id: id,
            range: None,
            amount_sats: quote(vm, target, call.now).cost_difference,
            time_secs: 0,
            purpose: Purpose::Upgrade(target),
            method,
        };
        let payment = self.charge(call, order)?;
        self.payment_json(&payment)
    }

    /// `GET /api/v1/payment/{id}`.
    pub(super) fn get_payment(&mut self, call: &Call, id: &str) -> Reply {
        match self.payments.get(id) {
            None => Err(not_found()),
            // IP-range payments are only shown under their subscription.
            Some(p) if p.range.is_some() => Err(not_found()),
            Some(p) if p.owner != call.user => Err(forbidden("VM")),
            Some(p) => ok(p.vm_json(&self.node)),
        }
    }

    /// `GET /api/v1/vm/{id}/payments`: a plain array, newest first.
    pub(super) fn vm_payments(&mut self, call: &Call, id: u64) -> Reply {
        let query = Query::of(call.request);
        let offset = query.number("offset")?.unwrap_or(0);
        let limit = query.number("limit")?.unwrap_or(u64::MAX);
        let vm = self.vm(call, id)?;
        let payments = vm
            .payments
            .iter()
            .rev()
            .filter_map(|p| self.payments.get(p))
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .map(|p| p.vm_json(&self.node));
        ok(json!(payments.collect::<Vec<_>>()))
    }

    /// The caller's VM behind subscription `id`.
    fn subscription_vm(&self, call: &Call, id: u64) -> Result<&Vm, Rejection> {
        let vm_id = self.subscriptions.get(&id).ok_or_else(not_found)?;
        match self.vms.get(vm_id) {
            Some(vm) if vm.gone(call.now) => Err(not_found()),
            Some(vm) if vm.owner != call.user => Err(forbidden("Subscription")),
            Some(vm) => Ok(vm),
            None => Err(not_found()),
        }
    }

    /// `Subscription` JSON of `vm`'s subscription.
    fn subscription_json(vm: &Vm, now: u64) -> Value {
        let id = vm.subscription_id.unwrap_or(0);
        json!({
            "id": id,
            "name": vm.template.name,
            "description": null,
            "created": rfc3339(vm.paid_since.unwrap_or(vm.created_ms)),
            "expires": rfc3339(vm.expires_ms),
            "is_active": !vm.expired(now),
            "auto_renewal_enabled": vm.auto_renewal,
            "company_id": 1,
            "line_items": [{
                "id": id,
                "subscription_id": id,
                "name": vm.template.name,
                "description": format!("VPS {}", vm.id),
                "price": price("EUR", vm.template.cents),
                "setup_fee": price("EUR", 0),
                "configuration": null,
                "resource": { "type": "vps", "vm_id": vm.id },
            }],
        })
    }

    /// `GET /api/v1/subscriptions`: paginated, by id; VMs' subscriptions and
    /// IP-range subscriptions together.
    pub(super) fn list_subscriptions(&mut self, call: &Call) -> Reply {
        /// One subscription of either kind.
        enum Listed<'a> {
            Vm(&'a Vm),
            Range,
        }
        let window = Query::of(call.request).window()?;
        let account = self.account(call)?;
        let ids: Vec<u64> = account.vms.iter().copied().collect();
        let mut all: Vec<(u64, Listed)> = ids
            .iter()
            .filter_map(|id| self.vms.get(id))
            .filter_map(|vm| Some((vm.subscription_id?, Listed::Vm(vm))))
            .chain(
                self.ranges
                    .owned_by(&call.user)
                    .map(|sub| (sub, Listed::Range)),
            )
            .collect();
        all.sort_by_key(|(id, _)| *id);
        let total = all.len();
        let items = window
            .slice(all)
            .into_iter()
            .filter_map(|(id, sub)| match sub {
                Listed::Vm(vm) => Some(Self::subscription_json(vm, call.now)),
                Listed::Range => self.ranges.subscription_json(id, call.now),
            })
            .collect();
        page(items, total, window)
    }

    /// `GET /api/v1/subscriptions/{id}`.
    pub(super) fn get_subscription(&mut self, call: &Call, id: u64) -> Reply {
        if self.ranges.contains(id) {
            return self.get_range_subscription(call, id);
        }
        ok(Self::subscription_json(
            self.subscription_vm(call, id)?,
            call.now,
        ))
    }

    /// `GET /api/v1/subscriptions/{id}/renew`: a `SubscriptionPayment`.
    pub(super) fn renew_subscription(&mut self, call: &Call, id: u64) -> Reply {
        if self.ranges.contains(id) {
            return self.renew_range_subscription(call, id);
        }
        let order = self.renewal(call, self.subscription_vm(call, id)?)?;
        let payment = self.charge(call, order)?;
        let payment = self.payments.get(&payment).ok_or_else(not_found)?;
        ok(payment.subscription_json(id, &self.node))
    }

    /// `GET /api/v1/subscriptions/{id}/renew/quote`: what renewing the
    /// subscription would cost (lnvps.md §2.1); nothing is created.
    pub(super) fn subscription_renew_quote(&mut self, call: &Call, id: u64) -> Reply {
        if self.ranges.contains(id) {
            return self.range_renew_quote(call, id);
        }
        let order = self.renewal(call, self.subscription_vm(call, id)?)?;
        ok(renewal_quote(&order))
    }

    /// `PATCH /api/v1/subscriptions/{id}`: only `auto_renewal_enabled`
    /// (lnvps.md §2.8); answers the `Subscription`.
    pub(super) fn patch_subscription(&mut self, call: &Call, id: u64) -> Reply {
        let patch: SubscriptionPatch = body(call.request)?;
        if self.ranges.contains(id) {
            return self.set_range_auto_renewal(call, id, patch.auto_renewal_enabled);
        }
        let vm_id = self.subscription_vm(call, id)?.id;
        let vm = self.vms.get_mut(&vm_id).ok_or_else(not_found)?;
        if vm.auto_renewal != patch.auto_renewal_enabled {
            vm.auto_renewal = patch.auto_renewal_enabled;
            let mut entry = Event::new(
                self.ids.event(),
                call.now,
                "configuration_changed",
                "owner",
                (None, None),
                "Subscription auto-renewal changed",
            );
            entry.metadata = Some(json!({ "auto_renewal_enabled": vm.auto_renewal }));
            vm.log(entry);
        }
        ok(Self::subscription_json(vm, call.now))
    }

    /// `GET /api/v1/subscriptions/{id}/payments`: paginated, newest first.
    pub(super) fn subscription_payments(&mut self, call: &Call, id: u64) -> Reply {
        let window = Query::of(call.request).window()?;
        let payments = if self.ranges.contains(id) {
            self.range_payment_ids(call, id)?
        } else {
            &self.subscription_vm(call, id)?.payments
        };
        let all: Vec<&Payment> = payments
            .iter()
            .rev()
            .filter_map(|p| self.payments.get(p))
            .collect();
        let total = all.len();
        let items = window
            .slice(all)
            .into_iter()
            .map(|p| p.subscription_json(id, &self.node))
            .collect();
        page(items, total, window)
    }

    /// `GET /api/v1/subscriptions/{id}/payments/{payment}`.
    pub(super) fn subscription_payment(&mut self, call: &Call, id: u64, payment: &str) -> Reply {
        let range = self.ranges.contains(id);
        // An IP-range subscription's payments have no VM (0).
        let vm_id = if range {
            self.range_payment_ids(call, id)?;
            0
        } else {
            self.subscription_vm(call, id)?.id
        };
        match self.payments.get(payment) {
            Some(p) if p.range == range.then_some(id) && p.vm_id == vm_id => {
                ok(p.subscription_json(id, &self.node))
            }
            _ => Err(not_found()),
        }
    }

    /// Settles payment `id` at `now`: false when unknown, already paid,
    /// expired, or its VM is gone.
    pub(super) fn settle(&mut self, id: &str, now: u64) -> bool {
        if let Some(sub) = self.payments.get(id).and_then(|p| p.range) {
            return self.settle_range(id, sub, now);
        }
        let Some(payment) = self.payments.get_mut(id) else {
            return false;
        };
        if !payment.payable(now) {
            return false;
        }
        let Some(vm) = self.vms.get_mut(&payment.vm_id).filter(|vm| !vm.gone(now)) else {
            return false;
        };
        payment.paid_ms = Some(now);
        let metadata = json!({ "payment_id": payment.id, "amount": payment.amount_sats, "time": payment.time_secs });
        let before = vm.state(now);
        let (action, text) = match payment.purpose {
            Purpose::Upgrade(spec) => {
                vm.template = vm.template.upgraded(self.ids.template(), spec, now);
                vm.transition(now, true, "pending", POWER_ACTION_MS);
                ("configuration_changed", "VM upgraded and restarted")
            }
            Purpose::Purchase | Purpose::Renewal => {
                let lapsed_at = vm.expires_ms;
                let lapsed = vm.paid_since.is_some() && vm.expired(now);
                vm.expires_ms = vm.expires_ms.max(now) + payment.time_secs * SECOND;
                vm.expiry_logged = false;
                if vm.paid_since.is_none() {
                    let subscription = self.ids.subscription();
                    vm.paid_since = Some(now);
                    vm.subscription_id = Some(subscription);
                    self.subscriptions.insert(subscription, vm.id);
                    vm.transition(now, true, "creating", PROVISION_MS);
                    ("payment_received", "Payment received, VM provisioning")
                } else {
                    if lapsed && vm.power.on {
                        vm.transition(now, true, "pending", POWER_ACTION_MS);
                        vm.power.outage.0 = lapsed_at;
                    }
                    ("renewed", "VM renewed")
                }
            }
        };
        let after = if vm.power.on { "running" } else { "stopped" };
        let mut entry = Event::new(
            self.ids.event(),
            now,
            action,
            "system",
            (Some(before), Some(after)),
            text,
        );
        entry.metadata = Some(metadata);
        vm.log(entry);
        true
    }
}
