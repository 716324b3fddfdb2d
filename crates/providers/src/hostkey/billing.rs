//! The answers of whmcs.php (HOSTKEY's WHMCS billing), field for field.
//! Money is kept as the text WHMCS sends (`"5.00"`); read it with the
//! `Money` readers, which give `None` for malformed amounts such as `"2.5.00"`.

use super::lenient::{any_text, list_or_empty, opt_any_text, opt_i64, text_list};
use crate::model::{Currency, Money};
use crate::parse::{bool_lenient, opt_string_lenient, string_lenient};
use crate::Secret;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Money from WHMCS text in `currency`; `None` when the text is not a number.
pub(crate) fn money(amount: &str, currency: &str) -> Option<Money> {
    let code = if currency.trim().is_empty() {
        "EUR"
    } else {
        currency
    };
    Money::parse(amount, Currency::new(code))
}

/// `whmcs/get_client`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientPage {
    /// The client.
    pub client: Client,
    /// Which WHMCS (`whmcs_com`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub billing_location: Option<String>,
    /// The client group.
    #[serde(default)]
    pub groupdata: Option<GroupData>,
    /// HOSTKEY's own record of the customer (id, account, tags, …).
    #[serde(default)]
    pub internal: Value,
}

/// A WHMCS client. The fields the panel reads are typed; every other
/// documented field (flags, `co_*` custom fields) is in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Client {
    /// WHMCS client id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// The same id as `userid`.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub userid: Option<String>,
    /// UUID.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub uuid: Option<String>,
    /// First name.
    #[serde(default, deserialize_with = "any_text")]
    pub firstname: String,
    /// Last name.
    #[serde(default, deserialize_with = "any_text")]
    pub lastname: String,
    /// Full name.
    #[serde(default, deserialize_with = "any_text")]
    pub fullname: String,
    /// Company.
    #[serde(default, deserialize_with = "any_text")]
    pub companyname: String,
    /// E-mail.
    #[serde(default, deserialize_with = "any_text")]
    pub email: String,
    /// Country code.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub countrycode: Option<String>,
    /// Phone number.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub phonenumber: Option<String>,
    /// True with two-factor authentication.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub twofaenabled: bool,
    /// Currency id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub currency: Option<String>,
    /// `Active`.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub status: Option<String>,
    /// Credit balance (`"998.39"`).
    #[serde(default, deserialize_with = "any_text")]
    pub credit: String,
    /// Currency code (`EUR`).
    #[serde(default, deserialize_with = "any_text")]
    pub currency_code: String,
    /// Last login (HTML text).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub lastlogin: Option<String>,
    /// The billing password field (never serialised).
    #[serde(
        rename = "Password",
        default,
        skip_serializing,
        deserialize_with = "opt_secret"
    )]
    pub password: Option<Secret>,
    /// The secret word support asks for (`co_secret`; never serialised).
    #[serde(
        rename = "co_secret",
        default,
        skip_serializing,
        deserialize_with = "custom_secret"
    )]
    pub secret_word: Option<Secret>,
    /// Every other field as sent (address, preferences, flags, `co_*` custom fields).
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A custom field's `value` (`{"name":…,"value":"server"}`) or plain text, as a secret.
fn custom_secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
    let value = match Value::deserialize(d)? {
        Value::Object(mut field) => field.remove("value").unwrap_or(Value::Null),
        other => other,
    };
    Ok(super::lenient::value_text(&value)
        .filter(|s| !s.is_empty())
        .map(Secret::new))
}

impl Client {
    /// The credit balance in the account currency.
    pub fn credit(&self) -> Option<Money> {
        money(&self.credit, &self.currency_code)
    }
}

/// A secret given as text, number or `null`.
fn opt_secret<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
    Ok(opt_any_text(d)?.filter(|s| !s.is_empty()).map(Secret::new))
}

/// A WHMCS client group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupData {
    /// Group id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// Name (`Customers`).
    #[serde(default, deserialize_with = "any_text")]
    pub groupname: String,
    /// Colour.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub groupcolour: Option<String>,
    /// Discount in percent (`"0.00"`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub discountpercent: Option<String>,
    /// Suspension/termination exemption.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub susptermexempt: Option<String>,
    /// Separate invoices.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub separateinvoices: Option<String>,
}

/// The fields `whmcs/update_client` accepts, in the document's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum ClientField {
    Status,
    FirstName,
    LastName,
    CompanyName,
    Email,
    Address1,
    Address2,
    City,
    State,
    Postcode,
    Country,
    PhoneNumber,
    TwoFaEnabled,
    Currency,
    GroupId,
    TaxExempt,
    LateFeeOverride,
    OverrideDueNotices,
    SeparateInvoices,
    DisableAutoCc,
    EmailOptOut,
    MarketingOptIn,
    OverrideAutoClose,
    AllowSingleSignOn,
    AutoPayment,
    PayFirstDay,
    MarketingEmails,
    Subscription,
    MarketingSms,
    SmsNumber,
    CustomerType,
    RegisteredAddress,
    BankData,
    SecretWord,
    Skype,
}

impl ClientField {
    /// The parameter name HOSTKEY takes.
    pub fn as_str(self) -> &'static str {
        use ClientField::*;
        match self {
            Status => "billing_status",
            FirstName => "billing_firstname",
            LastName => "billing_lastname",
            CompanyName => "billing_companyname",
            Email => "billing_email",
            Address1 => "billing_address1",
            Address2 => "billing_address2",
            City => "billing_city",
            State => "billing_state",
            Postcode => "billing_postcode",
            Country => "billing_country",
            PhoneNumber => "billing_phonenumber",
            TwoFaEnabled => "billing_twofaenabled",
            Currency => "billing_currency",
            GroupId => "billing_groupid",
            TaxExempt => "billing_taxexempt",
            LateFeeOverride => "billing_latefeeoveride",
            OverrideDueNotices => "billing_overideduenotices",
            SeparateInvoices => "billing_separateinvoices",
            DisableAutoCc => "billing_disableautocc",
            EmailOptOut => "billing_emailoptout",
            MarketingOptIn => "billing_marketingoptin",
            OverrideAutoClose => "billing_overrideautoclose",
            AllowSingleSignOn => "billing_allowSingleSignOn",
            AutoPayment => "co_autopayment",
            PayFirstDay => "co_payfirstday",
            MarketingEmails => "co_marktemails",
            Subscription => "co_subscription",
            MarketingSms => "co_marktsms",
            SmsNumber => "co_smsnum",
            CustomerType => "co_customertype",
            RegisteredAddress => "co_regaddress",
            BankData => "co_bankdata",
            SecretWord => "co_secret",
            Skype => "co_skype",
        }
    }

    /// The allowed values, for the fields that take a fixed set.
    pub fn allowed(self) -> Option<&'static [&'static str]> {
        use ClientField::*;
        match self {
            TwoFaEnabled | TaxExempt | LateFeeOverride | OverrideDueNotices | SeparateInvoices
            | DisableAutoCc | EmailOptOut | MarketingOptIn | OverrideAutoClose => {
                Some(&["true", "false"])
            }
            AllowSingleSignOn | GroupId => Some(&["1", "0"]),
            AutoPayment | PayFirstDay | MarketingEmails | MarketingSms => Some(&["on", "off"]),
            _ => None,
        }
    }
}

/// The changes for `whmcs/update_client`, sent in the order they were set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientUpdate {
    /// Field and new value.
    pub fields: Vec<(ClientField, String)>,
}

impl ClientUpdate {
    /// Adds a change.
    pub fn set(mut self, field: ClientField, value: impl Into<String>) -> Self {
        self.fields.push((field, value.into()));
        self
    }
}

/// The answer to `whmcs/update_client`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientId {
    /// The client id (text).
    #[serde(deserialize_with = "string_lenient")]
    pub clientid: String,
}

/// `whmcs/get_contacts`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contacts {
    /// Additional contacts.
    #[serde(default, deserialize_with = "list_or_empty")]
    pub contacts: Vec<Contact>,
}

/// An additional contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    /// Contact id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Client id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub userid: Option<String>,
    /// First name.
    #[serde(default, deserialize_with = "any_text")]
    pub firstname: String,
    /// Last name.
    #[serde(default, deserialize_with = "any_text")]
    pub lastname: String,
    /// E-mail.
    #[serde(default, deserialize_with = "any_text")]
    pub email: String,
    /// Phone (enables SMS 2FA).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub phonenumber: Option<String>,
    /// True for a sub-account.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub subaccount: bool,
    /// The password hash (the document prints the key as `Password`; never serialised).
    #[serde(
        rename = "password",
        alias = "Password",
        default,
        skip_serializing,
        deserialize_with = "opt_secret"
    )]
    pub password: Option<Secret>,
    /// The password-reset key (never serialised).
    #[serde(default, skip_serializing, deserialize_with = "opt_secret")]
    pub pwresetkey: Option<Secret>,
    /// Every other field as sent (address, e-mail preferences, dates).
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// The answer to `whmcs/add_contact` and `whmcs/update_contact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactId {
    /// The contact id.
    #[serde(deserialize_with = "string_lenient")]
    pub contactid: String,
}

/// The changes for `whmcs/update_contact`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactChange {
    /// The contact's e-mail (required).
    pub email: String,
    /// A new phone number (turns on SMS 2FA).
    pub phonenumber: Option<String>,
    /// A new password.
    pub password2: Option<Secret>,
}

/// `whmcs/getpaymentgw`: how an invoice can be paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethods {
    /// Gateways by code (`paypal`, `banktransfer`, …).
    #[serde(default)]
    pub methods: BTreeMap<String, PaymentMethod>,
}

/// One payment gateway.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentMethod {
    /// Display name (`PayPal`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// HTML (a form or instructions) to render for paying.
    #[serde(default, deserialize_with = "any_text")]
    pub call: String,
}

/// `whmcs/get_billing_data`: a server's billing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BillingData {
    /// Host name or IP in billing.
    #[serde(rename = "IP", default, deserialize_with = "opt_any_text")]
    pub ip: Option<String>,
    /// WHMCS client id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub client_id: Option<String>,
    /// WHMCS order id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub order_id: Option<String>,
    /// Why it was suspended, if it was.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub suspend_reason: Option<String>,
    /// Setup fee (`"5.00"`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub billing_setupfee: Option<String>,
    /// WHMCS service id (eq/show's `account_id`).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub product_id: Option<String>,
    /// Which WHMCS.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub whmcs_location: Option<String>,
    /// `Active`.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub billing_status: Option<String>,
    /// Start date.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub reg_date: Option<String>,
    /// `Monthly`, `Quarterly`, `Semi-Annually`, `Annually`, …
    #[serde(default, deserialize_with = "opt_any_text")]
    pub billing_cycle: Option<String>,
    /// Next due date.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub next_due_date: Option<String>,
    /// The recurring amount per cycle (`"5.00"`; spelled so by HOSTKEY).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub billing_reccuring: Option<String>,
    /// Product name.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub billing_name: Option<String>,
    /// Dedicated IP.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub billing_dedicatedip: Option<String>,
    /// Domain.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub billing_domain: Option<String>,
    /// Promotion id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub promoid: Option<String>,
    /// Termination date.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub terminationdate: Option<String>,
    /// Subscription id.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub subscriptionid: Option<String>,
    /// Auto-suspend override.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub overideautosuspend: bool,
    /// Suspension override end.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub overidesuspenduntil: Option<String>,
    /// Currency symbol.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub currencyprefix: Option<String>,
    /// Currency code (`EUR`).
    #[serde(default, deserialize_with = "any_text")]
    pub currencysuffix: String,
    /// True for a company.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub is_company: bool,
    /// Tax id.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub tax_id: Option<String>,
    /// Client group.
    #[serde(default)]
    pub groupdata: Option<GroupData>,
    /// Days until due.
    #[serde(default, deserialize_with = "opt_i64")]
    pub days_left: Option<i64>,
    /// Client name.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub customer_name: Option<String>,
    /// Client e-mail.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub customer_email: Option<String>,
}

impl BillingData {
    /// The recurring amount per billing cycle.
    pub fn recurring(&self) -> Option<Money> {
        money(self.billing_reccuring.as_deref()?, &self.currencysuffix)
    }

    /// The recurring amount spread over one month (a quarterly 30.00 is 10.00
    /// a month); `None` for one-time or free services.
    pub fn monthly_cost(&self) -> Option<Money> {
        let recurring = self.recurring()?;
        let cycle = self
            .billing_cycle
            .as_deref()
            .unwrap_or("Monthly")
            .to_ascii_lowercase();
        let months: u32 = match cycle.replace(['-', ' '], "").as_str() {
            "monthly" => 1,
            "quarterly" => 3,
            "semiannually" => 6,
            "annually" => 12,
            "biennially" => 24,
            "triennially" => 36,
            _ => return None,
        };
        Some(Money::new(
            (recurring.amount / rust_decimal::Decimal::from(months)).round_dp(2),
            recurring.currency,
        ))
    }
}

/// `whmcs/getcredits`: credit movements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credits {
    /// How many there are.
    #[serde(default, deserialize_with = "opt_i64")]
    pub totalresults: Option<i64>,
    /// Client id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub clientid: Option<String>,
    /// The movements (`credits.credit[]` in the answer).
    #[serde(default, deserialize_with = "nested_credit")]
    pub credits: Vec<Credit>,
}

fn nested_credit<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Credit>, D::Error> {
    nested(d, "credit")
}

/// A WHMCS list wrapped in an object (`{"credit":[…]}`, `{"invoice":[…]}`,
/// `{"item":[…]}`), or empty.
fn nested<'de, D, T>(d: D, key: &str) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let value = Value::deserialize(d)?;
    let list = match value {
        Value::Object(mut map) => map.remove(key).unwrap_or(Value::Null),
        other => other,
    };
    list_or_empty(list).map_err(serde::de::Error::custom)
}

/// One credit movement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// Entry id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Date.
    #[serde(default, deserialize_with = "any_text")]
    pub date: String,
    /// What it was (`Credit Applied to Invoice #10116`).
    #[serde(default, deserialize_with = "any_text")]
    pub description: String,
    /// Amount, negative when spent (`"-5.00"`).
    #[serde(default, deserialize_with = "any_text")]
    pub amount: String,
    /// Related id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub relid: Option<String>,
}

/// `whmcs/transactions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transactions {
    /// Transactions (their shape is not documented).
    #[serde(default, deserialize_with = "list_or_empty")]
    pub transactions: Vec<Value>,
}

/// `whmcs/mass_pay`: the group invoice created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MassPay {
    /// The new invoice.
    #[serde(deserialize_with = "string_lenient")]
    pub invoiceid: String,
}

/// `whmcs/generate_due_invoice`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueInvoices {
    /// How many invoices were generated.
    #[serde(default, deserialize_with = "opt_i64")]
    pub invoices: Option<i64>,
}

/// `whmcs/apply_credit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyCredit {
    /// The invoice.
    #[serde(deserialize_with = "string_lenient")]
    pub invoiceid: String,
    /// Amount applied, as sent (`300` for a 3.00 invoice in the document).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub amount: Option<String>,
    /// True when the invoice is now paid (`"true"`).
    #[serde(default, deserialize_with = "bool_lenient")]
    pub invoicepaid: bool,
}

/// `whmcs/create_addfunds`: the top-up invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundsInvoice {
    /// The invoice to pay.
    #[serde(deserialize_with = "string_lenient")]
    pub invoice: String,
    /// `Invoice 196727 created`.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub message: Option<String>,
}

/// An invoice as listed by `get_invoices` and `get_related_invoices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhmcsInvoice {
    /// Invoice id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Client id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub userid: Option<String>,
    /// First name (get_invoices).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub firstname: Option<String>,
    /// Last name (get_invoices).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub lastname: Option<String>,
    /// Company (get_invoices).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub companyname: Option<String>,
    /// Invoice number.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub invoicenum: Option<String>,
    /// Issue date.
    #[serde(default, deserialize_with = "any_text")]
    pub date: String,
    /// Due date.
    #[serde(default, deserialize_with = "any_text")]
    pub duedate: String,
    /// Paid at (`0000-00-00 00:00:00` when unpaid).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub datepaid: Option<String>,
    /// Last capture attempt.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub last_capture_attempt: Option<String>,
    /// Refunded at.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub date_refunded: Option<String>,
    /// Cancelled at.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub date_cancelled: Option<String>,
    /// Subtotal.
    #[serde(default, deserialize_with = "any_text")]
    pub subtotal: String,
    /// Credit applied.
    #[serde(default, deserialize_with = "any_text")]
    pub credit: String,
    /// Tax.
    #[serde(default, deserialize_with = "any_text")]
    pub tax: String,
    /// Second tax.
    #[serde(default, deserialize_with = "any_text")]
    pub tax2: String,
    /// Total due.
    #[serde(default, deserialize_with = "any_text")]
    pub total: String,
    /// Tax rate.
    #[serde(default, deserialize_with = "any_text")]
    pub taxrate: String,
    /// Second tax rate.
    #[serde(default, deserialize_with = "any_text")]
    pub taxrate2: String,
    /// `Unpaid`, `Paid`, `Cancelled`, `Refunded`, …
    #[serde(default, deserialize_with = "any_text")]
    pub status: String,
    /// Payment gateway.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub paymentmethod: Option<String>,
    /// Saved payment method.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub paymethodid: Option<String>,
    /// Notes.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub notes: Option<String>,
    /// Created at.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub created_at: Option<String>,
    /// Updated at.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub updated_at: Option<String>,
    /// Currency code (get_invoices).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub currencycode: Option<String>,
    /// Currency symbol (get_invoices).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub currencyprefix: Option<String>,
    /// Currency suffix (get_invoices).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub currencysuffix: Option<String>,
}

/// `whmcs/get_invoices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceList {
    /// How many invoices the account has.
    #[serde(default, deserialize_with = "opt_i64")]
    pub totalresults: Option<i64>,
    /// How many are in this answer.
    #[serde(default, deserialize_with = "opt_i64")]
    pub numreturned: Option<i64>,
    /// The invoices, newest first (`invoices.invoice[]` in the answer).
    #[serde(default, deserialize_with = "nested_invoice")]
    pub invoices: Vec<WhmcsInvoice>,
}

fn nested_invoice<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<WhmcsInvoice>, D::Error> {
    nested(d, "invoice")
}

/// `whmcs/get_related_invoices`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct RelatedInvoices {
    #[serde(default, deserialize_with = "list_or_empty")]
    pub invoices: Vec<WhmcsInvoice>,
}

/// `whmcs/get_invoice`: one invoice with its items (flat in the body).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvoiceDetail {
    /// Invoice id.
    #[serde(deserialize_with = "string_lenient")]
    pub invoiceid: String,
    /// Invoice number.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub invoicenum: Option<String>,
    /// Client id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub userid: Option<String>,
    /// Issue date.
    #[serde(default, deserialize_with = "any_text")]
    pub date: String,
    /// Due date.
    #[serde(default, deserialize_with = "any_text")]
    pub duedate: String,
    /// Paid at.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub datepaid: Option<String>,
    /// Last capture attempt.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub lastcaptureattempt: Option<String>,
    /// Subtotal.
    #[serde(default, deserialize_with = "any_text")]
    pub subtotal: String,
    /// Credit applied.
    #[serde(default, deserialize_with = "any_text")]
    pub credit: String,
    /// Tax.
    #[serde(default, deserialize_with = "any_text")]
    pub tax: String,
    /// Second tax.
    #[serde(default, deserialize_with = "any_text")]
    pub tax2: String,
    /// Total.
    #[serde(default, deserialize_with = "any_text")]
    pub total: String,
    /// What is still to pay.
    #[serde(default, deserialize_with = "any_text")]
    pub balance: String,
    /// Tax rate.
    #[serde(default, deserialize_with = "any_text")]
    pub taxrate: String,
    /// Second tax rate.
    #[serde(default, deserialize_with = "any_text")]
    pub taxrate2: String,
    /// `Unpaid`, `Paid`, …
    #[serde(default, deserialize_with = "any_text")]
    pub status: String,
    /// Payment gateway.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub paymentmethod: Option<String>,
    /// Notes.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub notes: Option<String>,
    /// Card gateway flag.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub ccgateway: bool,
    /// Lines (`items.item[]` in the answer).
    #[serde(default, deserialize_with = "nested_item")]
    pub items: Vec<InvoiceItem>,
    /// Payments (`""` when there are none).
    #[serde(default, deserialize_with = "list_or_empty")]
    pub transactions: Vec<Value>,
}

fn nested_item<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<InvoiceItem>, D::Error> {
    nested(d, "item")
}

/// A line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceItem {
    /// Line id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Kind (`Invoice` for a line of a group invoice).
    #[serde(rename = "type", default, deserialize_with = "any_text")]
    pub kind: String,
    /// Related id (the invoice a group invoice pays).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub relid: Option<String>,
    /// Description.
    #[serde(default, deserialize_with = "any_text")]
    pub description: String,
    /// Amount.
    #[serde(default, deserialize_with = "any_text")]
    pub amount: String,
    /// Taxed.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub taxed: bool,
    /// Internal id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub inv_id: Option<String>,
}

/// Messages given as a list or as one text (delete_cancellation_request,
/// delete_contact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Messages {
    /// The messages.
    #[serde(rename = "message", default, deserialize_with = "text_list")]
    pub messages: Vec<String>,
}

/// `whmcs/get_cancellation_requests`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct CancellationRequests {
    #[serde(rename = "message", default, deserialize_with = "list_or_empty")]
    pub requests: Vec<CancellationRequest>,
}

/// A pending cancellation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancellationRequest {
    /// Request id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// When it was made.
    #[serde(default, deserialize_with = "any_text")]
    pub date: String,
    /// The WHMCS service (eq/show's `account_id`).
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub relid: Option<String>,
    /// The reason given.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub reason: Option<String>,
    /// `End of Billing Period` or `Immediate`.
    #[serde(rename = "type", default, deserialize_with = "any_text")]
    pub kind: String,
    /// Created at.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub created_at: Option<String>,
    /// Updated at.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub updated_at: Option<String>,
}
