//! LNVPS bodies about the account, subscriptions and IP space.

use super::billing::Price;
use super::de::{opt_u64, u64_or_zero, u64_strict};
use crate::parse::{bool_lenient, null_default, opt_f64_lenient, opt_string_lenient};
use crate::Secret;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The account (`GET /api/v1/account`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Email address, when set.
    #[serde(default)]
    pub email: Option<String>,
    /// True once the email is confirmed (ordering may require it).
    #[serde(default)]
    pub email_verified: Option<bool>,
    /// `nostr`, `oauth` or `webauthn`.
    #[serde(default)]
    pub account_type: Option<String>,
    /// Notify by Nostr DM (NIP-17).
    #[serde(default, deserialize_with = "bool_lenient")]
    pub contact_nip17: bool,
    /// Notify by email.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub contact_email: bool,
    /// Notify by Telegram.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub contact_telegram: bool,
    /// True when a Telegram chat is linked.
    #[serde(default)]
    pub telegram_linked: Option<bool>,
    /// Notify by WhatsApp.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub contact_whatsapp: bool,
    /// The verified WhatsApp number.
    #[serde(default)]
    pub whatsapp_number: Option<String>,
    /// True when the WhatsApp number is verified.
    #[serde(default)]
    pub whatsapp_verified: Option<bool>,
    /// Billing country (ISO 3166-1 alpha-3).
    #[serde(default)]
    pub country_code: Option<String>,
    /// Billing name.
    #[serde(default)]
    pub name: Option<String>,
    /// Billing address, first line.
    #[serde(default)]
    pub address_1: Option<String>,
    /// Billing address, second line.
    #[serde(default)]
    pub address_2: Option<String>,
    /// Billing state or province.
    #[serde(default)]
    pub state: Option<String>,
    /// Billing city.
    #[serde(default)]
    pub city: Option<String>,
    /// Billing postcode.
    #[serde(default)]
    pub postcode: Option<String>,
    /// VAT number.
    #[serde(default)]
    pub tax_id: Option<String>,
    /// The VAT each seller company will charge.
    #[serde(default, deserialize_with = "null_default")]
    pub tax: Vec<AccountTax>,
    /// The NWC wallet for auto-renewal, where an older server returns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nwc_connection_string: Option<Secret>,
}

/// The VAT a seller company will charge this account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountTax {
    /// Seller company id.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub company_id: u64,
    /// Seller company name.
    #[serde(default, deserialize_with = "null_default")]
    pub company_name: String,
    /// Rate in percent (23.0 = 23 %).
    #[serde(default, deserialize_with = "opt_f64_lenient")]
    pub rate: Option<f64>,
    /// Place-of-supply country.
    #[serde(default)]
    pub country_code: Option<String>,
    /// `domestic`, `oss_b2c`, `reverse_charge`, `out_of_scope` or `undetermined_default`.
    #[serde(default, deserialize_with = "null_default")]
    pub treatment: String,
}

/// The answer to `PATCH /api/v1/account`: `null`, `{}` or `{warnings}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPatchResult {
    /// Non-fatal warnings to show (VIES name or address mismatches).
    #[serde(default, deserialize_with = "null_default")]
    pub warnings: Vec<String>,
}

/// A subscription (`GET /api/v1/subscriptions`, `…/{sid}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    /// Subscription id.
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// When it started.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub created: Option<String>,
    /// When it runs out (`null` until first paid).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub expires: Option<String>,
    /// True while paid up.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_active: bool,
    /// True when renewed automatically.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub auto_renewal_enabled: bool,
    /// The seller company.
    #[serde(default, deserialize_with = "opt_u64")]
    pub company_id: Option<u64>,
    /// What it bills for.
    #[serde(default, deserialize_with = "null_default")]
    pub line_items: Vec<LineItem>,
}

/// One thing a subscription bills for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineItem {
    /// Line id.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub id: u64,
    /// The subscription.
    #[serde(default, deserialize_with = "opt_u64")]
    pub subscription_id: Option<u64>,
    /// Name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Recurring price.
    #[serde(default)]
    pub price: Option<Price>,
    /// One-off setup fee.
    #[serde(default)]
    pub setup_fee: Option<Price>,
    /// Item-specific configuration.
    #[serde(default)]
    pub configuration: Option<Value>,
    /// The resource it pays for.
    #[serde(default)]
    pub resource: Option<LineItemResource>,
}

/// The resource a line item pays for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LineItemResource {
    /// A VM.
    Vps {
        /// The VM id.
        vm_id: u64,
    },
    /// An IP range.
    IpRange {
        /// The IP range subscription id.
        ip_range_subscription_id: u64,
    },
    /// An AS number.
    Asn {
        /// The ASN subscription id.
        asn_subscription_id: u64,
    },
    /// A managed app.
    App {
        /// The deployment id.
        app_deployment_id: u64,
    },
    /// A marketplace node.
    MarketplaceNode {
        /// The node id.
        marketplace_node_id: u64,
    },
    /// A type this client does not know.
    #[serde(other)]
    Other,
}

/// IP space on offer (`GET /api/v1/ip_space`); the CIDR is shown after purchase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpSpace {
    /// Space id.
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// Smallest block, as a prefix length (29).
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub min_prefix_size: u64,
    /// Largest block, as a prefix length (24).
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub max_prefix_size: u64,
    /// `arin`, `ripe`, `apnic`, `lacnic` or `afrinic`.
    #[serde(default, deserialize_with = "null_default")]
    pub registry: String,
    /// `ipv4` or `ipv6`.
    #[serde(default, deserialize_with = "null_default")]
    pub ip_version: String,
    /// Prices by block size.
    #[serde(default, deserialize_with = "null_default")]
    pub pricing: Vec<IpSpacePrice>,
}

/// The price of one block size of an [`IpSpace`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpSpacePrice {
    /// Pricing id (what `ip_space_pricing_id` takes).
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// Prefix length.
    #[serde(default, deserialize_with = "u64_or_zero")]
    pub prefix_size: u64,
    /// Recurring price.
    pub price: Price,
    /// One-off setup fee.
    #[serde(default)]
    pub setup_fee: Option<Price>,
    /// Price in other currencies (deprecated).
    #[serde(default, deserialize_with = "null_default")]
    pub other_price: Vec<Price>,
    /// Setup fee in other currencies (deprecated).
    #[serde(default, deserialize_with = "null_default")]
    pub other_setup_fee: Vec<Price>,
}

/// A purchased IP range (`GET`/`PATCH /api/v1/ip_range/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IpRange {
    /// Range subscription id.
    #[serde(deserialize_with = "u64_strict")]
    pub id: u64,
    /// The block (`192.0.2.0/24`).
    pub cidr: String,
    /// The AS allowed to announce it.
    #[serde(default, deserialize_with = "opt_u64")]
    pub origin_asn: Option<u64>,
    /// True while active.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_active: bool,
    /// When it started.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub started_at: Option<String>,
    /// When it ended.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub ended_at: Option<String>,
    /// The block it was cut from.
    #[serde(default)]
    pub parent_cidr: Option<String>,
}
