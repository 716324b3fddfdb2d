//! What the panel sends to LNVPS: request bodies and query options, each with
//! the checks LNVPS would otherwise reject them for.

use super::account::Account;
use super::validate;
use super::vm::{CustomTemplate, VmSize};
use crate::error::ProviderError;
use crate::Secret;
use serde::{Deserialize, Serialize};

/// `POST /api/v1/ssh-key` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSshKey {
    /// Name (LNVPS uses the key's comment when empty).
    pub name: String,
    /// The OpenSSH public key line (`ssh-ed25519 AAAAC3… comment`).
    pub key_data: String,
}

impl NewSshKey {
    /// Checks that `key_data` is an OpenSSH public key line.
    pub fn validate(&self) -> Result<(), ProviderError> {
        validate::ssh_public_key("key_data", &self.key_data)
    }
}

/// `POST /api/v1/vm` body: order a standard template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVm {
    /// Template id.
    pub template_id: u64,
    /// Image id.
    pub image_id: u64,
    /// SSH key id.
    pub ssh_key_id: u64,
    /// Referral code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_code: Option<String>,
}

/// A custom build (`POST /api/v1/vm/custom-template/price` body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomVmSpec {
    /// The custom plan's id.
    pub pricing_id: u64,
    /// CPU cores.
    pub cpu: u64,
    /// Memory, bytes.
    pub memory: u64,
    /// Disk, bytes.
    pub disk: u64,
    /// `hdd` or `ssd`.
    pub disk_type: String,
    /// `sata`, `scsi` or `pcie`.
    pub disk_interface: String,
    /// CPU maker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_mfg: Option<String>,
    /// CPU architecture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_arch: Option<String>,
    /// CPU features wanted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpu_feature: Vec<String>,
    /// IPv4 addresses (LNVPS assumes 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip4_count: Option<u64>,
    /// IPv6 addresses (LNVPS assumes 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip6_count: Option<u64>,
}

impl CustomVmSpec {
    /// Checks the build against the custom plan's limits.
    pub fn validate(&self, template: &CustomTemplate) -> Result<(), ProviderError> {
        if self.pricing_id != template.id {
            return Err(ProviderError::validation(
                "pricing_id",
                format!(
                    "is {} but the custom plan `{}` has id {}",
                    self.pricing_id, template.name, template.id
                ),
            ));
        }
        validate::within(
            "cpu",
            self.cpu,
            template.min_cpu,
            template.max_cpu,
            " cores",
        )?;
        validate::within(
            "memory",
            self.memory,
            template.min_memory,
            template.max_memory,
            " bytes",
        )?;
        let disk = template
            .disks
            .iter()
            .find(|d| {
                d.disk_type.eq_ignore_ascii_case(&self.disk_type)
                    && d.disk_interface.eq_ignore_ascii_case(&self.disk_interface)
            })
            .ok_or_else(|| {
                let offered: Vec<String> = template
                    .disks
                    .iter()
                    .map(|d| format!("{}/{}", d.disk_type, d.disk_interface))
                    .collect();
                ProviderError::validation(
                    "disk_type",
                    format!(
                        "{}/{} is not offered by this plan (offered: {})",
                        self.disk_type,
                        self.disk_interface,
                        offered.join(", ")
                    ),
                )
            })?;
        validate::within("disk", self.disk, disk.min_disk, disk.max_disk, " bytes")?;
        let ip_limit = |field, value: Option<u64>, min: Option<u64>, max: Option<u64>| match value {
            Some(v) => validate::within(field, v, min.unwrap_or(0), max.unwrap_or(u64::MAX), ""),
            None => Ok(()),
        };
        ip_limit(
            "ip4_count",
            self.ip4_count,
            template.min_ip4,
            template.max_ip4,
        )?;
        ip_limit(
            "ip6_count",
            self.ip6_count,
            template.min_ip6,
            template.max_ip6,
        )
    }
}

/// `POST /api/v1/vm/custom-template` body: order a custom build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomVmOrder {
    /// The build.
    #[serde(flatten)]
    pub spec: CustomVmSpec,
    /// Image id.
    pub image_id: u64,
    /// SSH key id.
    pub ssh_key_id: u64,
    /// Referral code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ref_code: Option<String>,
}

/// `PATCH /api/v1/vm/{id}` body: only the fields set are changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VmPatch {
    /// Another stored SSH key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ssh_key_id: Option<u64>,
    /// Reverse DNS (PTR) for the VM's addresses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverse_dns: Option<String>,
    /// Renew automatically from the saved NWC wallet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renewal_enabled: Option<bool>,
}

impl VmPatch {
    /// Checks that something is changed and that `reverse_dns` is a host name.
    pub fn validate(&self) -> Result<(), ProviderError> {
        if self == &VmPatch::default() {
            return Err(ProviderError::validation(
                "body",
                "set at least one of ssh_key_id, reverse_dns or auto_renewal_enabled",
            ));
        }
        if let Some(name) = &self.reverse_dns {
            validate::hostname("reverse_dns", name)?;
        }
        Ok(())
    }
}

/// How a renewal or upgrade is paid (`method=`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PayWith {
    /// A Lightning invoice (the default).
    #[default]
    Lightning,
    /// An on-chain address.
    Onchain,
    /// Revolut card checkout.
    Revolut,
    /// Stripe checkout.
    Stripe,
    /// Charge the saved NWC wallet (waits up to ~10 s).
    Nwc,
    /// Charge a saved card (waits up to ~10 s).
    Saved,
}

impl PayWith {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            PayWith::Lightning => "lightning",
            PayWith::Onchain => "onchain",
            PayWith::Revolut => "revolut",
            PayWith::Stripe => "stripe",
            PayWith::Nwc => "nwc",
            PayWith::Saved => "saved",
        }
    }
}

/// Query of `GET /api/v1/vm/{id}/renew` and of renewal quotes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Renewal {
    /// How to pay.
    pub method: PayWith,
    /// How many intervals to pay for (1–120; the server's default when absent).
    pub intervals: Option<u32>,
    /// Discount code.
    pub code: Option<String>,
}

impl Renewal {
    /// One interval paid by Lightning: `?method=lightning`.
    pub fn lightning() -> Self {
        Renewal::default()
    }

    /// Checks `intervals` (1–120) and `code`.
    pub fn validate(&self) -> Result<(), ProviderError> {
        if let Some(n) = self.intervals {
            validate::intervals("intervals", n)?;
        }
        if let Some(code) = &self.code {
            validate::required("code", code)?;
        }
        Ok(())
    }

    pub(crate) fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = vec![("method", self.method.as_str().to_string())];
        if let Some(n) = self.intervals {
            query.push(("intervals", n.to_string()));
        }
        if let Some(code) = &self.code {
            query.push(("code", code.trim().to_string()));
        }
        query
    }
}

/// Query of `GET /api/v1/subscriptions/{sid}/renew`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionRenewal {
    /// Method, intervals and code.
    pub renewal: Renewal,
    /// Save the card for automatic renewal (card methods).
    pub save_card: Option<bool>,
    /// The saved method to charge (`method=saved`).
    pub payment_method_id: Option<u64>,
}

impl SubscriptionRenewal {
    /// Checks the renewal, and that `saved` names the method to charge.
    pub fn validate(&self) -> Result<(), ProviderError> {
        self.renewal.validate()?;
        if self.renewal.method == PayWith::Saved && self.payment_method_id.is_none() {
            return Err(ProviderError::validation(
                "payment_method_id",
                "is required to pay with a saved method",
            ));
        }
        Ok(())
    }

    pub(crate) fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = self.renewal.query();
        if let Some(save) = self.save_card {
            query.push(("save_card", save.to_string()));
        }
        if let Some(id) = self.payment_method_id {
            query.push(("payment_method_id", id.to_string()));
        }
        query
    }
}

/// `POST /api/v1/vm/{id}/upgrade[/quote]` body: the new size; absent values stay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradeRequest {
    /// CPU cores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<u32>,
    /// Memory, bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<u64>,
    /// Disk, bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk: Option<u64>,
}

impl UpgradeRequest {
    /// Checks that nothing goes below `current` and that something grows.
    pub fn validate(&self, current: VmSize) -> Result<(), ProviderError> {
        let fields = [
            (
                "cpu",
                self.cpu.map(u64::from),
                u64::from(current.cpu),
                " cores",
            ),
            ("memory", self.memory, current.memory, " bytes"),
            ("disk", self.disk, current.disk, " bytes"),
        ];
        for (field, new, now, unit) in fields {
            if let Some(new) = new.filter(|new| *new < now) {
                return Err(ProviderError::validation(
                    field,
                    format!("cannot go below the current {now}{unit} (asked for {new}{unit}); LNVPS only upgrades"),
                ));
            }
        }
        if !fields
            .iter()
            .any(|(_, new, now, _)| new.is_some_and(|n| n > *now))
        {
            return Err(ProviderError::validation(
                "upgrade",
                "at least one of cpu, memory or disk must be larger than now",
            ));
        }
        Ok(())
    }
}

/// `PATCH /api/v1/account` body; fields left `None` are not sent.
///
/// The seed's examples send one field (`{"email": …}`); the live server also
/// requires `contact_nip17` and `contact_email`, so start from
/// [`AccountPatch::keeping`] to carry the current values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountPatch {
    /// New email (sends a verification email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Notify by Nostr DM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_nip17: Option<bool>,
    /// Notify by email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<bool>,
    /// Notify by Telegram.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_telegram: Option<bool>,
    /// Notify by WhatsApp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_whatsapp: Option<bool>,
    /// Billing country (alpha-3); `Some(None)` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<Option<String>>,
    /// Billing name; `Some(None)` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Option<String>>,
    /// Billing address line 1; `Some(None)` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_1: Option<Option<String>>,
    /// Billing address line 2; `Some(None)` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_2: Option<Option<String>>,
    /// Billing state; `Some(None)` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<Option<String>>,
    /// Billing city; `Some(None)` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Option<String>>,
    /// Billing postcode; `Some(None)` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<Option<String>>,
    /// VAT number; `Some(None)` clears it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax_id: Option<Option<String>>,
    /// NWC wallet for auto-renewal (the seed's account field; secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nwc_connection_string: Option<Secret>,
}

impl AccountPatch {
    /// A patch carrying the account's current notification choices, which the
    /// live server requires on every PATCH.
    pub fn keeping(account: &Account) -> Self {
        AccountPatch {
            contact_nip17: Some(account.contact_nip17),
            contact_email: Some(account.contact_email),
            contact_telegram: Some(account.contact_telegram),
            contact_whatsapp: Some(account.contact_whatsapp),
            ..AccountPatch::default()
        }
    }

    /// Checks the email, country code and NWC string.
    pub fn validate(&self) -> Result<(), ProviderError> {
        if let Some(email) = &self.email {
            validate::email("email", email)?;
        }
        if let Some(Some(country)) = &self.country_code {
            validate::code3("country_code", country)?;
        }
        if let Some(nwc) = &self.nwc_connection_string {
            validate::nwc("nwc_connection_string", nwc.expose())?;
        }
        Ok(())
    }
}

/// `POST /api/v1/payment-methods` body: save an NWC wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNwcMethod {
    /// The connection string (secret: it can spend from the wallet).
    pub nwc_connection_string: Secret,
    /// A label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl NewNwcMethod {
    /// Checks the connection string's scheme.
    pub fn validate(&self) -> Result<(), ProviderError> {
        validate::nwc("nwc_connection_string", self.nwc_connection_string.expose())
    }
}

/// `PATCH /api/v1/payment-methods/{id}` body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedMethodPatch {
    /// Make it the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
    /// Switch it on or off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Set (`Some(Some)`) or clear (`Some(None)`) the label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Option<String>>,
}

/// `POST /api/v1/subscriptions` body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSubscription {
    /// Name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Currency to bill in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Renew automatically.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_renewal_enabled: Option<bool>,
    /// What to buy.
    pub line_items: Vec<NewLineItem>,
}

impl NewSubscription {
    /// Checks that something is bought and the currency code.
    pub fn validate(&self) -> Result<(), ProviderError> {
        if self.line_items.is_empty() {
            return Err(ProviderError::validation(
                "line_items",
                "add at least one item",
            ));
        }
        if let Some(currency) = &self.currency {
            validate::code3("currency", currency)?;
        }
        Ok(())
    }
}

/// An item of a new subscription (only IP ranges are implemented by LNVPS).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NewLineItem {
    /// An IP range from a block size of an IP space.
    IpRange {
        /// The `IpSpacePrice` id.
        ip_space_pricing_id: u64,
    },
}

/// `POST /api/v1/contact` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactForm {
    /// Subject.
    pub subject: String,
    /// Message.
    pub message: String,
    /// Reply address.
    pub email: String,
    /// Sender's name.
    pub name: String,
    /// Sender's Nostr public key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pubkey: Option<String>,
    /// When it was written (free text, e.g. RFC 3339).
    pub timestamp: String,
    /// The Cloudflare Turnstile token the server checks.
    pub turnstile_token: String,
}

impl ContactForm {
    /// Checks the required fields and the email.
    pub fn validate(&self) -> Result<(), ProviderError> {
        validate::required("subject", &self.subject)?;
        validate::required("message", &self.message)?;
        validate::required("name", &self.name)?;
        validate::email("email", &self.email)?;
        validate::required("turnstile_token", &self.turnstile_token)
    }
}

/// `?limit=&offset=` of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    /// Items per page.
    pub limit: u32,
    /// Items to skip.
    pub offset: u32,
}

/// CPU architecture filter of `GET /api/v1/image`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CpuArch {
    /// `x86_64`.
    #[serde(rename = "x86_64")]
    X86_64,
    /// `arm64`.
    #[serde(rename = "arm64")]
    Arm64,
}

impl CpuArch {
    /// The query value.
    pub fn as_str(self) -> &'static str {
        match self {
            CpuArch::X86_64 => "x86_64",
            CpuArch::Arm64 => "arm64",
        }
    }
}
