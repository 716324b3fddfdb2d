//! LiteVPS amounts: USD to 4 decimal places, the `X-Balance-Remaining`
//! header every authenticated response carries, and the monthly estimate
//! of an hourly price.

use crate::model::{Currency, Money};
use http::HeaderMap;
use rust_decimal::Decimal;

/// The header carrying the account balance after each authenticated call.
pub const BALANCE_HEADER: &str = "x-balance-remaining";

/// Hours in the month the panel uses for monthly estimates.
pub const HOURS_PER_MONTH: i64 = 730;

/// Decimal places LiteVPS gives its amounts to.
const PLACES: u32 = 4;

/// A USD amount rounded to 4 decimal places.
pub fn usd_decimal(amount: Decimal) -> Money {
    let mut amount = amount.round_dp(PLACES);
    amount.rescale(PLACES);
    Money::new(amount, Currency::new("USD"))
}

/// A USD amount from a JSON number (`0.0042`), rounded to 4 decimal places.
///
/// ```
/// let m = providers::litevps::usd(0.042).unwrap();
/// assert_eq!(m.amount.to_string(), "0.0420");
/// ```
pub fn usd(amount: f64) -> Option<Money> {
    Decimal::try_from(amount).ok().map(usd_decimal)
}

/// The balance an authenticated response reports in `X-Balance-Remaining`.
///
/// ```
/// let mut headers = http::HeaderMap::new();
/// headers.insert("x-balance-remaining", "10.5000".parse().unwrap());
/// let balance = providers::litevps::balance_from_headers(&headers).unwrap();
/// assert_eq!(balance.to_string(), "10.50 USD");
/// ```
pub fn balance_from_headers(headers: &HeaderMap) -> Option<Money> {
    let text = headers.get(BALANCE_HEADER)?.to_str().ok()?;
    text.trim().parse::<Decimal>().ok().map(usd_decimal)
}

/// What an hourly price comes to over a month of 730 hours.
///
/// ```
/// let m = providers::litevps::monthly_cost(0.0042).unwrap();
/// assert_eq!(m.amount.to_string(), "3.0660");
/// ```
pub fn monthly_cost(price_hourly: f64) -> Option<Money> {
    usd(price_hourly).map(|hourly| usd_decimal(hourly.amount * Decimal::from(HOURS_PER_MONTH)))
}
