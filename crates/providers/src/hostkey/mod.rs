//! HOSTKEY invapi (`invapi.hostkey.com`): an API key (or billing login) is
//! exchanged for a session token, then every call is a form POST to
//! `<resource>.php` with `action=<name>` and `token=<session token>`.
//!
//! One builder per documented call on [`Api`], grouped by resource file:
//! auth, api_keys, eq (servers, power, PIN, remote access, reinstall, orders),
//! the async callbacks, the public ordering catalogue (presets, os, software,
//! traffic_plans, stocks, jenkins), net, ip, nat, pdns, jira (remote hands),
//! tags and whmcs (billing). Every answer goes through one envelope reader
//! ([`outcome`]) and one error mapping ([`error_from_failure`]).

mod api_keys;
mod auth;
mod billing;
mod callback;
mod catalog;
mod convert;
mod envelope;
mod eq;
mod errors;
mod form;
mod ip;
mod jira;
mod lenient;
mod nat;
mod net;
mod order;
mod pdns;
mod reply;
mod server;
mod tag;
mod tags;
mod validate;
mod whmcs;

pub use api_keys::{ApiKey, ApiKeyEvent, NewApiKey, NotifyMethod};
pub use auth::{AccountInfo, BillingOptions, LoginReply, LoginResult};
pub use billing::{
    ApplyCredit, BillingData, CancellationRequest, Client, ClientField, ClientId, ClientPage,
    ClientUpdate, Contact, ContactChange, ContactId, Contacts, Credit, Credits, DueInvoices,
    FundsInvoice, GroupData, InvoiceDetail, InvoiceItem, InvoiceList, MassPay, Messages,
    PaymentMethod, PaymentMethods, Transactions, WhmcsInvoice,
};
pub use callback::{CallbackContext, CallbackResult, CallbackState, PortStatus};
pub use catalog::{
    JenkinsTask, Os, Preset, PriceTable, Software, Stock, StockGroup, StockLocation, TrafficPlan,
};
pub use convert::{
    api_token, balance, image, invoice, locations, plan, power_state, progress, server,
};
pub use envelope::{outcome, Outcome};
pub use eq::{BootMedia, ServerFilter, ServerIds};
pub use errors::{error_from_failure, API_KEY, BILLING_LOGIN, SESSION_TOKEN};
pub use ip::{IpInfo, Ptr};
pub use jira::{RemoteHands, RemoteHandsAction, RemoteHandsMsg, RemoteHandsTicket};
pub use lenient::TagValue;
pub use net::CactiGraph;
pub use order::{CreatePxe, DeployPeriod, Order, Ordered, Reinstall, ReinstallStarted};
pub use pdns::{DnsRecord, Domain, NewZone, Record, Rrset, Soa, Srv, Subdomain, Zone, ZoneKind};
pub use reply::{Accepted, Document, Done, ItemId, ModuleReply};
pub use server::{
    Component, Hardware, HddGroup, Interface, IpAddress, Ipmi, License, ServerData, ServerDetail,
    ServerGroup, ServerLocation,
};
pub use tag::{is_secret, Tag};
pub use tags::{TagChange, TagRemoved};
pub use validate::LOCATIONS;
pub use whmcs::CancellationType;

use crate::error::ProviderError;
use crate::model::{resolve_base_url, ProviderId};
use crate::Secret;
use form::Form;
use url::Url;

/// The resource files (`<resource>.php`) HOSTKEY documents.
pub(crate) mod file {
    pub const AUTH: &str = "auth.php";
    pub const API_KEYS: &str = "api_keys.php";
    pub const EQ: &str = "eq.php";
    pub const EQ_CALLBACK: &str = "eq_callback.php";
    pub const NAT_CALLBACK: &str = "nat_callback.php";
    pub const NAT: &str = "nat.php";
    pub const PRESETS: &str = "presets.php";
    pub const OS: &str = "os.php";
    pub const SOFTWARE: &str = "software.php";
    pub const TRAFFIC_PLANS: &str = "traffic_plans.php";
    pub const STOCKS: &str = "stocks.php";
    pub const JENKINS: &str = "jenkins.php";
    pub const NET: &str = "net.php";
    pub const IP: &str = "ip.php";
    pub const PDNS: &str = "pdns.php";
    pub const JIRA: &str = "jira.php";
    pub const TAGS: &str = "tags.php";
    pub const WHMCS: &str = "whmcs.php";
}

/// Request builders for one HOSTKEY account.
///
/// The session token (from [`Api::login`] or [`Api::whmcslogin`]) is needed by
/// every call except the login calls, the public catalogue and the callback
/// checks; the PIN (see [`Api::with_pin`]) by the calls HOSTKEY protects with it.
///
/// ```
/// use providers::{hostkey::Api, Secret};
/// let api = Api::new(None, Some(Secret::new("0123456789abcdef0123456789abcdef"))).unwrap();
/// let call = api.show("34533").unwrap();
/// assert_eq!(call.request().uri().path(), "/eq.php");
/// ```
#[derive(Debug, Clone)]
pub struct Api {
    base: Url,
    token: Option<Secret>,
    pin: Option<Secret>,
}

impl Api {
    /// A client at the documented origin (or at `base_url`), with the
    /// session token when one is held.
    pub fn new(base_url: Option<&str>, token: Option<Secret>) -> Result<Self, ProviderError> {
        Ok(Self {
            base: resolve_base_url(ProviderId::Hostkey, base_url)?,
            token: token.filter(|t| !t.is_empty()),
            pin: None,
        })
    }

    /// The same client with the account's PIN, for the calls that need one.
    pub fn with_pin(mut self, pin: Option<Secret>) -> Self {
        self.pin = pin.filter(|p| !p.is_empty());
        self
    }

    /// True when a session token is held.
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    /// A call that needs no session token.
    fn public(&self, file: &'static str, action: &str) -> Form {
        Form::new(&self.base, file, action)
    }

    /// The session token, or an error saying to log in first.
    fn session_token(&self) -> Result<&Secret, ProviderError> {
        self.token.as_ref().ok_or_else(|| ProviderError::Auth {
            message: "not signed in: log in with auth/login (or auth/whmcslogin) first".into(),
            credential: SESSION_TOKEN.into(),
        })
    }

    /// A call with `action` then `token`, the order most examples use.
    fn signed(&self, file: &'static str, action: &str) -> Result<Form, ProviderError> {
        Ok(self
            .public(file, action)
            .secret("token", self.session_token()?))
    }

    /// The account's PIN, or the error the PIN-protected calls give without one.
    fn pin(&self) -> Result<&Secret, ProviderError> {
        let pin = self
            .pin
            .as_ref()
            .ok_or_else(|| ProviderError::validation("pin", "HOSTKEY needs your PIN for this"))?;
        validate::pin("pin", pin)?;
        Ok(pin)
    }
}
