//! LNVPS bodies about money: payments and their Lightning (or other) data,
//! quotes, prices, accepted and saved payment methods, exchange rates.

use super::bolt11;
use super::de::{self, opt_u64, u64_or_zero, u64_strict};
use crate::parse::{bool_lenient, null_default, opt_f64_lenient, string_lenient};
use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// An amount in a currency's smallest unit (`{"currency":"EUR","amount":300}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Price {
    /// Currency code.
    pub currency: String,
    /// Amount in the smallest unit (cents; sats or millisats for BTC).
    #[serde(deserialize_with = "u64_or_zero")]
    pub amount: u64,
}

/// How a payment is paid: the `data` of a payment, externally tagged.
///
/// The seed writes `{"Lightning": "lnbc…"}`, the live server
/// `{"lightning": "lnbc…"}`; both read the same. A `lightning:` prefix on the
/// invoice is removed.
#[derive(Debug, Clone, PartialEq)]
pub enum PaymentData {
    /// A BOLT11 invoice (empty on refund rows).
    Lightning(String),
    /// An on-chain address; `outpoint` appears once the deposit is seen.
    Onchain {
        /// Address to pay.
        address: String,
        /// `txid:vout` of the deposit, once seen.
        outpoint: Option<String>,
    },
    /// A Revolut order.
    Revolut {
        /// Order token.
        token: String,
    },
    /// A Stripe checkout session.
    Stripe {
        /// Session id.
        session_id: String,
    },
    /// A kind this client does not know, kept as sent.
    Other(Value),
}

impl PaymentData {
    /// The BOLT11 invoice, when this is a Lightning payment with one.
    pub fn bolt11(&self) -> Option<&str> {
        match self {
            PaymentData::Lightning(invoice) if !invoice.is_empty() => Some(invoice),
            _ => None,
        }
    }

    /// The lowercase method name (`lightning`, `onchain`, …).
    pub fn method(&self) -> &str {
        match self {
            PaymentData::Lightning(_) => "lightning",
            PaymentData::Onchain { .. } => "onchain",
            PaymentData::Revolut { .. } => "revolut",
            PaymentData::Stripe { .. } => "stripe",
            PaymentData::Other(_) => "other",
        }
    }

    fn from_value(value: Value) -> PaymentData {
        let Value::Object(map) = &value else {
            return PaymentData::Other(value);
        };
        let mut entries = map.iter();
        let (Some((tag, inner)), None) = (entries.next(), entries.next()) else {
            return PaymentData::Other(value);
        };
        let text = |key: &str| inner.get(key).and_then(Value::as_str).map(str::to_string);
        match (tag.to_ascii_lowercase().as_str(), inner) {
            ("lightning", Value::String(invoice)) => {
                PaymentData::Lightning(bolt11::strip_scheme(invoice).to_string())
            }
            ("onchain", Value::Object(_)) => match text("address") {
                Some(address) => PaymentData::Onchain {
                    address,
                    outpoint: text("outpoint"),
                },
                None => PaymentData::Other(value),
            },
            ("revolut", Value::Object(_)) => match text("token") {
                Some(token) => PaymentData::Revolut { token },
                None => PaymentData::Other(value),
            },
            ("stripe", Value::Object(_)) => match text("session_id") {
                Some(session_id) => PaymentData::Stripe { session_id },
                None => PaymentData::Other(value),
            },
            _ => PaymentData::Other(value),
        }
    }

    fn to_value(&self) -> Value {
        match self {
            PaymentData::Lightning(invoice) => serde_json::json!({ "lightning": invoice }),
            PaymentData::Onchain { address, outpoint } => {
                serde_json::json!({ "onchain": { "address": address, "outpoint": outpoint } })
            }
            PaymentData::Revolut { token } => serde_json::json!({ "revolut": { "token": token } }),
            PaymentData::Stripe { session_id } => {
                serde_json::json!({ "stripe": { "session_id": session_id } })
            }
            PaymentData::Other(value) => value.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for PaymentData {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Value::deserialize(d).map(PaymentData::from_value)
    }
}

impl Serialize for PaymentData {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

/// A discount applied to a payment (already taken off its amount).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Discount {
    /// The code entered.
    #[serde(default)]
    pub code: Option<String>,
    /// Amount taken off, smallest unit.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub amount_off: u64,
}

/// A VM payment (`GET /api/v1/vm/{id}/renew`, `GET /api/v1/payment/{id}`,
/// `GET /api/v1/vm/{id}/payments`, `POST /api/v1/vm/{id}/upgrade`).
///
/// `amount`, `tax` and `processing_fee` are in the smallest unit: cents for
/// fiat; for BTC satoshis in the seed and millisatoshis on the live server
/// (see [`super::btc_unit`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VmPayment {
    /// Payment id (hex).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// The VM it pays for.
    #[serde(default, deserialize_with = "opt_u64")]
    pub vm_id: Option<u64>,
    /// When it was issued.
    #[serde(default, deserialize_with = "crate::parse::opt_string_lenient")]
    pub created: Option<String>,
    /// When it stops being payable (Lightning: 10 minutes).
    #[serde(default, deserialize_with = "crate::parse::opt_string_lenient")]
    pub expires: Option<String>,
    /// Amount before tax, smallest unit.
    #[serde(deserialize_with = "u64_strict")]
    pub amount: u64,
    /// Tax, smallest unit.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub tax: u64,
    /// Processing fee (cards), smallest unit.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub processing_fee: u64,
    /// Currency code.
    pub currency: String,
    /// True once paid.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_paid: bool,
    /// When it was paid.
    #[serde(default, deserialize_with = "crate::parse::opt_string_lenient")]
    pub paid_at: Option<String>,
    /// How to pay it.
    #[serde(default)]
    pub data: Option<PaymentData>,
    /// Seconds it adds to the VM's expiry.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub time: u64,
    /// True for an upgrade payment.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_upgrade: bool,
    /// The upgrade asked for, as JSON text.
    #[serde(default)]
    pub upgrade_params: Option<String>,
    /// True for money returned to the customer.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_refund: bool,
    /// The discount applied.
    #[serde(default)]
    pub discount: Option<Discount>,
    /// Fields this client does not know yet.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl VmPayment {
    /// The BOLT11 invoice to pay, without `lightning:`.
    pub fn bolt11(&self) -> Option<&str> {
        self.data.as_ref().and_then(PaymentData::bolt11)
    }

    /// What the payer is asked for, smallest unit: amount + tax, plus the
    /// processing fee for methods other than Lightning.
    pub fn total(&self) -> u64 {
        let lightning = matches!(self.data, None | Some(PaymentData::Lightning(_)));
        let fee = if lightning { 0 } else { self.processing_fee };
        self.amount.saturating_add(self.tax).saturating_add(fee)
    }

    /// When it stops being payable.
    pub fn expires_at(&self) -> Option<crate::Timestamp> {
        de::time(self.expires.as_deref())
    }
}

/// A subscription payment (`GET /api/v1/subscriptions/{sid}/renew`,
/// `…/payments`, `…/payments/{id}`): amounts are [`Price`] objects here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubscriptionPayment {
    /// Payment id (hex).
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// The subscription.
    #[serde(default, deserialize_with = "opt_u64")]
    pub subscription_id: Option<u64>,
    /// When it was issued.
    #[serde(default, deserialize_with = "crate::parse::opt_string_lenient")]
    pub created: Option<String>,
    /// When it stops being payable.
    #[serde(default, deserialize_with = "crate::parse::opt_string_lenient")]
    pub expires: Option<String>,
    /// Amount before tax.
    pub amount: Price,
    /// `lightning`, `revolut`, …
    #[serde(default)]
    pub payment_method: Option<String>,
    /// `Purchase`, `Renewal`, `Upgrade` or `Refund`.
    #[serde(default)]
    pub payment_type: Option<String>,
    /// True once paid.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_paid: bool,
    /// When it was paid.
    #[serde(default, deserialize_with = "crate::parse::opt_string_lenient")]
    pub paid_at: Option<String>,
    /// Tax.
    #[serde(default)]
    pub tax: Option<Price>,
    /// Processing fee.
    #[serde(default)]
    pub processing_fee: Option<Price>,
    /// How to pay it.
    #[serde(default)]
    pub data: Option<PaymentData>,
    /// The discount applied.
    #[serde(default)]
    pub discount: Option<Discount>,
    /// Fields this client does not know yet.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

impl SubscriptionPayment {
    /// The BOLT11 invoice to pay, without `lightning:`.
    pub fn bolt11(&self) -> Option<&str> {
        self.data.as_ref().and_then(PaymentData::bolt11)
    }

    /// Amount + tax, plus the processing fee for methods other than Lightning.
    pub fn total(&self) -> u64 {
        let lightning = matches!(self.data, None | Some(PaymentData::Lightning(_)));
        let tax = self.tax.as_ref().map_or(0, |p| p.amount);
        let fee = match &self.processing_fee {
            Some(fee) if !lightning => fee.amount,
            _ => 0,
        };
        self.amount.amount.saturating_add(tax).saturating_add(fee)
    }

    /// When it stops being payable.
    pub fn expires_at(&self) -> Option<crate::Timestamp> {
        de::time(self.expires.as_deref())
    }
}

/// What a renewal would cost (`GET …/renew/quote`); nothing is created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalQuote {
    /// Amount before tax, smallest unit.
    #[serde(deserialize_with = "u64_strict")]
    pub amount: u64,
    /// Tax.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub tax: u64,
    /// Processing fee.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub processing_fee: u64,
    /// Currency code.
    pub currency: String,
    /// Seconds it would add.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub time: u64,
    /// The discount that would apply.
    #[serde(default)]
    pub discount: Option<Discount>,
}

/// What an upgrade would cost (`POST /api/v1/vm/{id}/upgrade/quote`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradeQuote {
    /// Net prorated cost, before tax.
    pub cost_difference: Price,
    /// What each renewal will cost afterwards.
    pub new_renewal_cost: Price,
    /// Credit for the remaining time at the old rate.
    #[serde(default)]
    pub discount: Option<Price>,
    /// Tax on the upgrade.
    #[serde(default)]
    pub tax: Option<Price>,
    /// Processing fee (zero for Lightning).
    #[serde(default)]
    pub processing_fee: Option<Price>,
}

/// The price of a custom build (`POST /api/v1/vm/custom-template/price`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomPrice {
    /// Currency code.
    pub currency: String,
    /// Amount per interval, smallest unit.
    #[serde(deserialize_with = "u64_strict")]
    pub amount: u64,
    /// The same price in other currencies (deprecated by LNVPS).
    #[serde(default, deserialize_with = "null_default")]
    pub other_price: Vec<Price>,
    /// Intervals the amount buys (custom builds: 1).
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub interval_amount: u64,
    /// Interval (custom builds: `month`).
    #[serde(default)]
    pub interval_type: Option<String>,
}

/// A payment method the server accepts (`GET /api/v1/payment/methods`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentInfo {
    /// `lightning`, `revolut`, `paypal`, `stripe`, `nwc`, `lnurl` or `onchain`.
    pub name: String,
    /// Currencies it takes.
    #[serde(default, deserialize_with = "null_default")]
    pub currencies: Vec<String>,
    /// Method-specific settings.
    #[serde(default, deserialize_with = "null_default")]
    pub metadata: BTreeMap<String, String>,
    /// Fee rate in percent (1.0 = 1 %).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub processing_fee_rate: Option<f64>,
    /// Fixed fee, smallest unit of `processing_fee_currency`.
    #[serde(default, deserialize_with = "opt_u64")]
    pub processing_fee_base: Option<u64>,
    /// Currency of the fixed fee.
    #[serde(default)]
    pub processing_fee_currency: Option<String>,
    /// Smallest payable amount, smallest unit of `min_amount_currency`.
    #[serde(default, deserialize_with = "opt_u64")]
    pub min_amount: Option<u64>,
    /// Currency of `min_amount`.
    #[serde(default)]
    pub min_amount_currency: Option<String>,
}

/// A saved payment method for automatic renewal (`GET /api/v1/payment-methods`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedPaymentMethod {
    /// Method id.
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// `nwc` or `revolut`.
    pub provider: String,
    /// The user's label.
    #[serde(default)]
    pub name: Option<String>,
    /// When it was added.
    #[serde(default, deserialize_with = "crate::parse::opt_string_lenient")]
    pub created: Option<String>,
    /// Card brand (cards only).
    #[serde(default)]
    pub card_brand: Option<String>,
    /// Last four digits (cards only).
    #[serde(default)]
    pub card_last_four: Option<String>,
    /// Expiry month (cards only).
    #[serde(default, deserialize_with = "opt_u64")]
    pub exp_month: Option<u64>,
    /// Expiry year (cards only).
    #[serde(default, deserialize_with = "opt_u64")]
    pub exp_year: Option<u64>,
    /// True for the method tried first.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_default: bool,
    /// False when switched off.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub enabled: bool,
}

/// Exchange rates (`GET /api/v1/exchange-rate?base=`): one `base` buys `rates[X]` of X.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExchangeRates {
    /// When the rates were read.
    #[serde(default, deserialize_with = "crate::parse::opt_string_lenient")]
    pub updated: Option<String>,
    /// The base currency.
    pub base: String,
    /// Rates in standard units (EUR, BTC), by currency code.
    #[serde(default, deserialize_with = "null_default")]
    pub rates: BTreeMap<String, f64>,
}
