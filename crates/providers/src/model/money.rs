//! Amounts of money with their currency, exact to the provider's precision.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A currency code as the provider reports it (`EUR`, `USD`, `ILS`, `BTC`, …).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Currency(String);

impl Currency {
    /// A currency from its code; the code is upper-cased.
    pub fn new(code: &str) -> Self {
        Self(code.trim().to_ascii_uppercase())
    }

    /// The code, e.g. `EUR`.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// Decimal places of the smallest unit: 8 for BTC (satoshi), 0 for JPY, else 2.
    pub fn exponent(&self) -> u32 {
        match self.0.as_str() {
            "BTC" => 8,
            "JPY" => 0,
            _ => 2,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An amount in major units (`6.00` EUR, `0.0042` USD) with its currency.
///
/// ```
/// use providers::{Currency, Money};
/// let m = Money::from_minor(21_000, Currency::new("BTC"));
/// assert_eq!(m.minor_units(), 21_000);
/// assert_eq!(m.to_string(), "21000 sat");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The amount in major units (euros, dollars, bitcoin).
    pub amount: Decimal,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in major units.
    pub fn new(amount: Decimal, currency: Currency) -> Self {
        Self { amount, currency }
    }

    /// An amount given in the currency's smallest unit (cents, satoshis).
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Self {
            amount: Decimal::new(minor, currency.exponent()),
            currency,
        }
    }

    /// Parses a provider's decimal text such as `"150.00"` or `"-0.0082"`.
    pub fn parse(amount: &str, currency: Currency) -> Option<Self> {
        amount
            .trim()
            .parse::<Decimal>()
            .ok()
            .map(|amount| Self { amount, currency })
    }

    /// From a JSON float such as `54` or `0.0042`.
    pub fn from_f64(amount: f64, currency: Currency) -> Option<Self> {
        Decimal::try_from(amount)
            .ok()
            .map(|amount| Self { amount, currency })
    }

    /// The amount in the smallest unit, rounded half away from zero.
    pub fn minor_units(&self) -> i64 {
        let scaled = self.amount * Decimal::from(10_i64.pow(self.currency.exponent()));
        i64::try_from(scaled.round()).unwrap_or(if scaled.is_sign_negative() {
            i64::MIN
        } else {
            i64::MAX
        })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.currency.code() == "BTC" {
            return write!(f, "{} sat", self.minor_units());
        }
        // At least two decimals (6.00 EUR), more where the provider gives them (0.0042 USD).
        let mut amount = self.amount.normalize();
        if amount.scale() < 2 {
            amount.rescale(2);
        }
        write!(f, "{amount} {}", self.currency)
    }
}
