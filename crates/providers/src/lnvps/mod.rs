//! LNVPS (`api.lnvps.net`): VMs paid by Lightning invoice, every private
//! call authorised by a NIP-98 event signed for that one request.
//!
//! Every endpoint of the LNVPS document, and the live endpoints a control
//! panel needs (lnvps.md §2.1), has a builder on [`Api`] returning an
//! unsigned [`Call`]. [`is_public`] says which ones LNVPS answers without a
//! signature; `Session::lnvps` signs the others just before sending.
//!
//! ```
//! use providers::lnvps::{is_public, Api};
//! let api = Api::new(None).unwrap();
//! assert!(is_public(api.templates().request()));
//! assert!(!is_public(api.list_vms().request()));
//! ```

mod account;
mod billing;
mod bolt11;
mod convert;
mod de;
mod envelope;
mod errors;
mod requests;
mod validate;
mod vm;

pub use account::*;
pub use billing::*;
pub use bolt11::bolt11_amount_msat;
pub use convert::*;
pub use envelope::Page;
pub use errors::{error_from_response, CREDENTIAL};
pub use requests::*;
pub use validate::{INTERVALS, NWC_PREFIX, SSH_KEY_TYPES};
pub use vm::*;

use crate::call::{Call, RequestBuilder};
use crate::error::ProviderError;
use crate::model::{resolve_base_url, PowerAction, ProviderId};
use crate::{ApiRequest, ApiResponse, Secret};
use http::Method;
use url::Url;

/// A placed order: the unpaid VM, its first invoice, and the operation to
/// follow until it runs (see `Session::lnvps_order`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedOrder {
    /// The VM as created (unpaid).
    pub vm: VmStatus,
    /// The first payment (a Lightning invoice by default).
    pub payment: VmPayment,
    /// Follow this with `Session::follow`.
    pub operation: crate::driver::Operation,
}

/// Marks a request LNVPS answers without NIP-98 auth (kept in the request's extensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Public;

/// True when `request` goes to a public LNVPS endpoint and is sent unsigned.
pub fn is_public(request: &ApiRequest) -> bool {
    request.extensions().get::<Public>().is_some()
}

/// Request builders for LNVPS. It holds no credential: private calls are
/// signed by the session's Nostr signer when sent.
#[derive(Debug, Clone)]
pub struct Api {
    base: Url,
}

impl Api {
    /// An API client at the documented origin or at `base_url`.
    pub fn new(base_url: Option<&str>) -> Result<Self, ProviderError> {
        Ok(Self {
            base: resolve_base_url(ProviderId::Lnvps, base_url)?,
        })
    }

    fn at(&self, method: Method, path: &[&str]) -> RequestBuilder {
        let mut segments = vec!["api", "v1"];
        segments.extend_from_slice(path);
        RequestBuilder::new(method, &self.base, &segments)
    }

    // ── Catalogue (public) ─────────────────────────────────────────────

    /// `GET /api/v1/image[?arch=]`: OS images (public).
    pub fn images(&self, arch: Option<CpuArch>) -> Call<Vec<Image>> {
        public(
            self.at(Method::GET, &["image"])
                .query_opt("arch", arch.map(CpuArch::as_str)),
            envelope::data,
        )
    }

    /// `GET /api/v1/vm/templates`: templates and custom plans (public).
    pub fn templates(&self) -> Call<Templates> {
        public(self.at(Method::GET, &["vm", "templates"]), envelope::data)
    }

    /// `POST /api/v1/vm/custom-template/price`: price a custom build within
    /// `template`'s limits (public).
    pub fn custom_price(
        &self,
        template: &CustomTemplate,
        spec: &CustomVmSpec,
    ) -> Result<Call<CustomPrice>, ProviderError> {
        spec.validate(template)?;
        Ok(public(
            self.at(Method::POST, &["vm", "custom-template", "price"])
                .json(spec),
            envelope::data,
        ))
    }

    /// `GET /api/v1/payment/methods`: payment methods the server accepts (public).
    pub fn payment_methods(&self) -> Call<Vec<PaymentInfo>> {
        public(
            self.at(Method::GET, &["payment", "methods"]),
            envelope::data,
        )
    }

    /// `GET /api/v1/ip_space[?limit&offset]`: IP space on offer (public).
    pub fn ip_spaces(&self, page: Option<PageRequest>) -> Call<Page<IpSpace>> {
        public(
            paged(self.at(Method::GET, &["ip_space"]), page),
            envelope::page,
        )
    }

    /// `GET /api/v1/ip_space/{id}` (public).
    pub fn ip_space(&self, id: u64) -> Call<IpSpace> {
        public(
            self.at(Method::GET, &["ip_space", &id.to_string()]),
            envelope::data,
        )
    }

    /// `GET /api/v1/exchange-rate?base=`: rates from `base` (`BTC`, `EUR`, …) (public).
    pub fn exchange_rate(&self, base: &str) -> Result<Call<ExchangeRates>, ProviderError> {
        validate::code3("base", base)?;
        Ok(public(
            self.at(Method::GET, &["exchange-rate"])
                .query("base", base.to_ascii_uppercase()),
            envelope::data,
        ))
    }

    // ── SSH keys ───────────────────────────────────────────────────────

    /// `GET /api/v1/ssh-key`.
    pub fn ssh_keys(&self) -> Call<Vec<SshKey>> {
        private(self.at(Method::GET, &["ssh-key"]), envelope::data)
    }

    /// `POST /api/v1/ssh-key`: store a public key.
    pub fn add_ssh_key(&self, key: &NewSshKey) -> Result<Call<SshKey>, ProviderError> {
        key.validate()?;
        Ok(private(
            self.at(Method::POST, &["ssh-key"]).json(key),
            envelope::data,
        ))
    }

    /// `DELETE /api/v1/ssh-key/{id}` (refused while a VM uses the key).
    pub fn delete_ssh_key(&self, id: u64) -> Call<()> {
        private(
            self.at(Method::DELETE, &["ssh-key", &id.to_string()]),
            envelope::unit,
        )
    }

    // ── VMs ────────────────────────────────────────────────────────────

    /// `GET /api/v1/vm`: every VM of the account.
    pub fn list_vms(&self) -> Call<Vec<VmStatus>> {
        private(self.at(Method::GET, &["vm"]), envelope::data)
    }

    /// `GET /api/v1/vm/{id}`.
    pub fn vm(&self, id: u64) -> Call<VmStatus> {
        private(self.vm_at(Method::GET, id, &[]), envelope::data)
    }

    /// `POST /api/v1/vm`: order a template; the VM is created unpaid.
    pub fn create_vm(&self, order: &NewVm) -> Call<VmStatus> {
        private(self.at(Method::POST, &["vm"]).json(order), envelope::data)
    }

    /// `POST /api/v1/vm/custom-template`: order a custom build within `template`'s limits.
    pub fn create_custom_vm(
        &self,
        template: &CustomTemplate,
        order: &CustomVmOrder,
    ) -> Result<Call<VmStatus>, ProviderError> {
        order.spec.validate(template)?;
        Ok(private(
            self.at(Method::POST, &["vm", "custom-template"])
                .json(order),
            envelope::data,
        ))
    }

    /// `PATCH /api/v1/vm/{id}`: SSH key, reverse DNS, auto-renewal.
    pub fn update_vm(&self, id: u64, patch: &VmPatch) -> Result<Call<()>, ProviderError> {
        patch.validate()?;
        Ok(private(
            self.vm_at(Method::PATCH, id, &[]).json(patch),
            envelope::unit,
        ))
    }

    /// `PATCH /api/v1/vm/{id}/start|stop|restart`.
    pub fn power(&self, id: u64, action: PowerAction) -> Call<()> {
        private(
            self.vm_at(Method::PATCH, id, &[action.label()]),
            envelope::unit,
        )
    }

    /// `PATCH /api/v1/vm/{id}/re-install`, optionally with another image.
    /// Destructive: the disk is wiped.
    pub fn reinstall(&self, id: u64, image_id: Option<u64>) -> Call<()> {
        let builder = self.vm_at(Method::PATCH, id, &["re-install"]);
        let builder = match image_id {
            Some(image_id) => builder.json(&serde_json::json!({ "image_id": image_id })),
            None => builder,
        };
        private(builder, envelope::unit)
    }

    /// `GET /api/v1/vm/{id}/renew?method=…`: an invoice extending the VM
    /// (for a new order, the first payment).
    pub fn renew(&self, id: u64, renewal: &Renewal) -> Result<Call<VmPayment>, ProviderError> {
        renewal.validate()?;
        Ok(private(
            queried(self.vm_at(Method::GET, id, &["renew"]), renewal.query()),
            envelope::data,
        ))
    }

    /// `GET /api/v1/vm/{id}/renew/quote?…`: what a renewal would cost.
    pub fn renew_quote(
        &self,
        id: u64,
        renewal: &Renewal,
    ) -> Result<Call<RenewalQuote>, ProviderError> {
        renewal.validate()?;
        Ok(private(
            queried(
                self.vm_at(Method::GET, id, &["renew", "quote"]),
                renewal.query(),
            ),
            envelope::data,
        ))
    }

    /// `GET /api/v1/vm/{id}/payments[?limit&offset]`: the VM's payments (a plain
    /// array on the live server, a page in its documentation; both read).
    pub fn vm_payments(&self, id: u64, page: Option<PageRequest>) -> Call<Page<VmPayment>> {
        private(
            paged(self.vm_at(Method::GET, id, &["payments"]), page),
            envelope::page,
        )
    }

    /// `GET /api/v1/vm/{id}/time-series`: the last hour of usage.
    pub fn time_series(&self, id: u64) -> Call<Vec<TimeSeriesPoint>> {
        private(
            self.vm_at(Method::GET, id, &["time-series"]),
            envelope::data,
        )
    }

    /// `GET /api/v1/vm/{id}/history[?limit&offset]`.
    pub fn history(&self, id: u64, page: Option<PageRequest>) -> Call<Page<VmHistoryEntry>> {
        private(
            paged(self.vm_at(Method::GET, id, &["history"]), page),
            envelope::page,
        )
    }

    /// `POST /api/v1/vm/{id}/upgrade/quote[?method=]`: what growing from
    /// `current` would cost.
    pub fn upgrade_quote(
        &self,
        id: u64,
        current: VmSize,
        upgrade: &UpgradeRequest,
        method: Option<PayWith>,
    ) -> Result<Call<UpgradeQuote>, ProviderError> {
        upgrade.validate(current)?;
        Ok(private(
            self.vm_at(Method::POST, id, &["upgrade", "quote"])
                .query_opt("method", method.map(PayWith::as_str))
                .json(upgrade),
            envelope::data,
        ))
    }

    /// `POST /api/v1/vm/{id}/upgrade[?method=&payment_method_id=]`: an upgrade
    /// payment; paying it restarts the VM at the new size.
    pub fn upgrade(
        &self,
        id: u64,
        current: VmSize,
        upgrade: &UpgradeRequest,
        method: Option<PayWith>,
        payment_method_id: Option<u64>,
    ) -> Result<Call<VmPayment>, ProviderError> {
        upgrade.validate(current)?;
        Ok(private(
            self.vm_at(Method::POST, id, &["upgrade"])
                .query_opt("method", method.map(PayWith::as_str))
                .query_opt(
                    "payment_method_id",
                    payment_method_id.map(|i| i.to_string()),
                )
                .json(upgrade),
            envelope::data,
        ))
    }

    // ── Payments ───────────────────────────────────────────────────────

    /// `GET /api/v1/payment/{id}`: poll until `is_paid`.
    pub fn payment(&self, id: &str) -> Result<Call<VmPayment>, ProviderError> {
        validate::required("payment_id", id)?;
        Ok(private(
            self.at(Method::GET, &["payment", id.trim()]),
            envelope::data,
        ))
    }

    /// `GET /api/v1/payment-methods`: saved methods for auto-renewal.
    pub fn saved_payment_methods(&self) -> Call<Vec<SavedPaymentMethod>> {
        private(self.at(Method::GET, &["payment-methods"]), envelope::data)
    }

    /// `POST /api/v1/payment-methods`: save an NWC wallet (the string is redacted in curl).
    pub fn add_nwc_method(
        &self,
        method: &NewNwcMethod,
    ) -> Result<Call<SavedPaymentMethod>, ProviderError> {
        method.validate()?;
        Ok(private(
            self.at(Method::POST, &["payment-methods"])
                .json(method)
                .redact(&["nwc_connection_string"]),
            envelope::data,
        ))
    }

    /// `PATCH /api/v1/payment-methods/{id}`: default, enabled, label.
    pub fn update_saved_payment_method(
        &self,
        id: u64,
        patch: &SavedMethodPatch,
    ) -> Call<SavedPaymentMethod> {
        private(
            self.at(Method::PATCH, &["payment-methods", &id.to_string()])
                .json(patch),
            envelope::data,
        )
    }

    /// `DELETE /api/v1/payment-methods/{id}`.
    pub fn delete_saved_payment_method(&self, id: u64) -> Call<()> {
        private(
            self.at(Method::DELETE, &["payment-methods", &id.to_string()]),
            envelope::unit,
        )
    }

    // ── Subscriptions and IP ranges ────────────────────────────────────

    /// `GET /api/v1/subscriptions[?limit&offset]`.
    pub fn subscriptions(&self, page: Option<PageRequest>) -> Call<Page<Subscription>> {
        private(
            paged(self.at(Method::GET, &["subscriptions"]), page),
            envelope::page,
        )
    }

    /// `GET /api/v1/subscriptions/{sid}`.
    pub fn subscription(&self, sid: u64) -> Call<Subscription> {
        private(self.subscription_at(Method::GET, sid, &[]), envelope::data)
    }

    /// `POST /api/v1/subscriptions`: buy an IP range.
    pub fn create_subscription(
        &self,
        new: &NewSubscription,
    ) -> Result<Call<Subscription>, ProviderError> {
        new.validate()?;
        Ok(private(
            self.at(Method::POST, &["subscriptions"]).json(new),
            envelope::data,
        ))
    }

    /// `PATCH /api/v1/subscriptions/{sid}`: switch auto-renewal.
    pub fn update_subscription(&self, sid: u64, auto_renewal_enabled: bool) -> Call<Subscription> {
        private(
            self.subscription_at(Method::PATCH, sid, &[])
                .json(&serde_json::json!({ "auto_renewal_enabled": auto_renewal_enabled })),
            envelope::data,
        )
    }

    /// `GET /api/v1/subscriptions/{sid}/renew?…`: a payment extending the subscription.
    pub fn renew_subscription(
        &self,
        sid: u64,
        renewal: &SubscriptionRenewal,
    ) -> Result<Call<SubscriptionPayment>, ProviderError> {
        renewal.validate()?;
        Ok(private(
            queried(
                self.subscription_at(Method::GET, sid, &["renew"]),
                renewal.query(),
            ),
            envelope::data,
        ))
    }

    /// `GET /api/v1/subscriptions/{sid}/renew/quote?…`: what a renewal would cost.
    pub fn subscription_renew_quote(
        &self,
        sid: u64,
        renewal: &Renewal,
    ) -> Result<Call<RenewalQuote>, ProviderError> {
        renewal.validate()?;
        Ok(private(
            queried(
                self.subscription_at(Method::GET, sid, &["renew", "quote"]),
                renewal.query(),
            ),
            envelope::data,
        ))
    }

    /// `GET /api/v1/subscriptions/{sid}/payments[?limit&offset]`.
    pub fn subscription_payments(
        &self,
        sid: u64,
        page: Option<PageRequest>,
    ) -> Call<Page<SubscriptionPayment>> {
        private(
            paged(self.subscription_at(Method::GET, sid, &["payments"]), page),
            envelope::page,
        )
    }

    /// `GET /api/v1/subscriptions/{sid}/payments/{id}`: poll until `is_paid`
    /// (what the live server recommends over `/payment/{id}`).
    pub fn subscription_payment(
        &self,
        sid: u64,
        payment_id: &str,
    ) -> Result<Call<SubscriptionPayment>, ProviderError> {
        validate::required("payment_id", payment_id)?;
        Ok(private(
            self.subscription_at(Method::GET, sid, &["payments", payment_id.trim()]),
            envelope::data,
        ))
    }

    /// `GET /api/v1/ip_range/{id}`: a purchased range.
    pub fn ip_range(&self, id: u64) -> Call<IpRange> {
        private(
            self.at(Method::GET, &["ip_range", &id.to_string()]),
            envelope::data,
        )
    }

    /// `PATCH /api/v1/ip_range/{id}`: set (or clear) the AS allowed to announce it.
    pub fn update_ip_range(&self, id: u64, origin_asn: Option<u32>) -> Call<IpRange> {
        private(
            self.at(Method::PATCH, &["ip_range", &id.to_string()])
                .json(&serde_json::json!({ "origin_asn": origin_asn })),
            envelope::data,
        )
    }

    // ── Account ────────────────────────────────────────────────────────

    /// `GET /api/v1/account`.
    pub fn account(&self) -> Call<Account> {
        private(self.at(Method::GET, &["account"]), envelope::data)
    }

    /// `PATCH /api/v1/account`: email (sends a verification email), contact
    /// choices, billing details, NWC (redacted in curl).
    pub fn update_account(
        &self,
        patch: &AccountPatch,
    ) -> Result<Call<AccountPatchResult>, ProviderError> {
        patch.validate()?;
        Ok(private(
            self.at(Method::PATCH, &["account"])
                .json(patch)
                .redact(&["nwc_connection_string"]),
            envelope::data_or_default,
        ))
    }

    /// `GET /api/v1/account/verify-email?token=`: confirm the emailed token (redacted in curl).
    pub fn verify_email(&self, token: &Secret) -> Result<Call<()>, ProviderError> {
        validate::required("token", token.expose())?;
        Ok(private(
            self.at(Method::GET, &["account", "verify-email"])
                .query("token", token.expose().trim())
                .redact(&["token"]),
            envelope::unit,
        ))
    }

    /// `POST /api/v1/contact`: the contact form (needs a Turnstile token).
    pub fn contact(&self, form: &ContactForm) -> Result<Call<()>, ProviderError> {
        form.validate()?;
        Ok(private(
            self.at(Method::POST, &["contact"]).json(form),
            envelope::unit,
        ))
    }

    fn vm_at(&self, method: Method, id: u64, rest: &[&str]) -> RequestBuilder {
        let id = id.to_string();
        let mut path = vec!["vm", id.as_str()];
        path.extend_from_slice(rest);
        self.at(method, &path)
    }

    fn subscription_at(&self, method: Method, sid: u64, rest: &[&str]) -> RequestBuilder {
        let sid = sid.to_string();
        let mut path = vec!["subscriptions", sid.as_str()];
        path.extend_from_slice(rest);
        self.at(method, &path)
    }
}

type Parser<T> = fn(&ApiResponse) -> Result<T, ProviderError>;

fn private<T: 'static>(builder: RequestBuilder, parse: Parser<T>) -> Call<T> {
    Call::new(builder.build(), parse)
}

fn public<T: 'static>(builder: RequestBuilder, parse: Parser<T>) -> Call<T> {
    let mut request = builder.build();
    request.extensions_mut().insert(Public);
    Call::new(request, parse)
}

fn paged(builder: RequestBuilder, page: Option<PageRequest>) -> RequestBuilder {
    match page {
        Some(p) => builder
            .query("limit", p.limit.to_string())
            .query("offset", p.offset.to_string()),
        None => builder,
    }
}

fn queried(builder: RequestBuilder, query: Vec<(&'static str, String)>) -> RequestBuilder {
    query
        .into_iter()
        .fold(builder, |b, (key, value)| b.query(key, value))
}
