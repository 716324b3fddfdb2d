//! Exchange rates the user entered (or fetched) for the cost summary, and
//! the currency they sum in, kept in `localStorage` (no secrets: numbers).

use super::storage;
use providers::Currency;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

const RATES_KEY: &str = "panel.cost_rates";
const CURRENCY_KEY: &str = "panel.cost_currency";

/// The currency summed in when none was chosen.
pub const DEFAULT_CURRENCY: &str = "EUR";

/// The chosen currency.
pub fn currency() -> Currency {
    Currency::new(&storage::get(CURRENCY_KEY).unwrap_or_else(|| DEFAULT_CURRENCY.into()))
}

/// Remembers the chosen currency.
pub fn set_currency(currency: &Currency) {
    storage::set(CURRENCY_KEY, currency.code());
}

/// Every remembered rate, by (from, to): one `from` buys the value in `to`.
pub fn all() -> BTreeMap<(Currency, Currency), Decimal> {
    let stored: BTreeMap<String, String> = storage::get(RATES_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    stored
        .into_iter()
        .filter_map(|(pair, rate)| {
            let (from, to) = pair.split_once('>')?;
            let rate = rate.parse::<Decimal>().ok()?;
            Some(((Currency::new(from), Currency::new(to)), rate))
        })
        .collect()
}

/// Remembers (or, with `None`, forgets) the rate from `from` into `to`.
pub fn set(from: &Currency, to: &Currency, rate: Option<Decimal>) {
    let mut rates = all();
    match rate {
        Some(r) => rates.insert((from.clone(), to.clone()), r),
        None => rates.remove(&(from.clone(), to.clone())),
    };
    let stored: BTreeMap<String, String> = rates
        .into_iter()
        .map(|((f, t), r)| (format!("{f}>{t}"), r.normalize().to_string()))
        .collect();
    storage::set(
        RATES_KEY,
        &serde_json::to_string(&stored).unwrap_or_default(),
    );
}
