//! Hourly billing, evaluated lazily up to `now`: at every full hour each
//! running VPS is charged its plan's hourly rate (monthly price / 730) from
//! its owner's balance, deployments that finished by then count as running,
//! and auto-funding tops balances up below their threshold.

use super::accounts::Charge;
use super::timefmt::HOUR_MS;
use super::Sim;

impl Sim {
    /// Brings deployments and billing up to `now_ms`.
    pub(super) fn advance(&mut self, now_ms: u64) {
        let target = now_ms - now_ms % HOUR_MS;
        let mut running: Option<Vec<Vec<Charge>>> = None;
        while self.billed_until_ms < target {
            let hour = self.billed_until_ms + HOUR_MS;
            if self.fleet.settle(hour) {
                if let Some(lists) = running.take() {
                    self.fleet.mark_billed(&lists, self.billed_until_ms);
                }
            }
            let lists =
                running.get_or_insert_with(|| self.fleet.running_by_owner(self.accounts.len()));
            let later_hours = (target - hour) / HOUR_MS;
            for (account, list) in self.accounts.iter_mut().zip(lists.iter()) {
                account.charge_hour(hour, list, later_hours, &mut self.last_invoice_id);
            }
            self.billed_until_ms = hour;
        }
        if let Some(lists) = running {
            self.fleet.mark_billed(&lists, self.billed_until_ms);
        }
        self.fleet.settle(now_ms);
    }
}
