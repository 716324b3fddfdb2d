//! The arithmetic of the monthly cost summary: every server's monthly cost
//! converted to one currency with the rates the user gave, summed per
//! provider and in total. Exact decimals throughout; each sum is rounded
//! once, at the end, to the currency's smallest unit (half away from zero).

use crate::state::Row;
use providers::{Currency, Money, ProviderId};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// Rates into the chosen currency: one unit of the key buys the value.
pub type Rates = BTreeMap<Currency, Decimal>;

/// One provider's servers, converted and summed.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderTotal {
    /// The provider.
    pub provider: ProviderId,
    /// Servers whose cost is in the total.
    pub counted: usize,
    /// Their costs in the providers' own currencies, summed per currency.
    pub original: BTreeMap<Currency, Decimal>,
    /// The converted sum, rounded.
    pub total: Money,
}

/// A server left out of the total, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    /// The server's row.
    pub row: Row,
    /// Why it is not in the total.
    pub reason: String,
}

/// The summary the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Per provider, in the providers' usual order.
    pub providers: Vec<ProviderTotal>,
    /// Everything converted, rounded once.
    pub total: Money,
    /// Servers in the total.
    pub counted: usize,
    /// Servers without a price, or in a currency without a rate.
    pub left_out: Vec<LeftOut>,
}

/// `amount` rounded to `currency`'s smallest unit, half away from zero.
pub fn round(amount: Decimal, currency: &Currency) -> Decimal {
    amount.round_dp_with_strategy(currency.exponent(), RoundingStrategy::MidpointAwayFromZero)
}

/// The rate from `from` into `target`: 1 for the same currency.
fn rate(rates: &Rates, from: &Currency, target: &Currency) -> Option<Decimal> {
    if from == target {
        Some(Decimal::ONE)
    } else {
        rates.get(from).copied()
    }
}

/// Sums `rows` in `target`.
pub fn summarise(rows: &[Row], target: &Currency, rates: &Rates) -> Summary {
    let mut per_provider: BTreeMap<ProviderId, (usize, BTreeMap<Currency, Decimal>, Decimal)> =
        BTreeMap::new();
    let mut left_out = Vec::new();
    let mut exact_total = Decimal::ZERO;
    let mut counted = 0;
    for row in rows {
        let Some(cost) = &row.server.monthly_cost else {
            left_out.push(LeftOut {
                row: row.clone(),
                reason: super::lookup::missing_reason(row.server.provider).into(),
            });
            continue;
        };
        let Some(r) = rate(rates, &cost.currency, target) else {
            left_out.push(LeftOut {
                row: row.clone(),
                reason: format!("no {} → {} rate", cost.currency, target),
            });
            continue;
        };
        let converted = cost.amount * r;
        let entry = per_provider.entry(row.server.provider).or_default();
        entry.0 += 1;
        *entry.1.entry(cost.currency.clone()).or_default() += cost.amount;
        entry.2 += converted;
        exact_total += converted;
        counted += 1;
    }
    let providers = ProviderId::ALL
        .into_iter()
        .filter_map(|p| {
            per_provider
                .remove(&p)
                .map(|(n, original, sum)| ProviderTotal {
                    provider: p,
                    counted: n,
                    original,
                    total: Money::new(round(sum, target), target.clone()),
                })
        })
        .collect();
    Summary {
        providers,
        total: Money::new(round(exact_total, target), target.clone()),
        counted,
        left_out,
    }
}
