//! The account of one Nostr key: contact preferences, billing details and
//! email verification (`GET/PATCH /account`, `GET /account/verify-email`),
//! and the public contact form.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::{json, Value};

use crate::wire::ResponseExt;
use crate::Incoming;

use super::methods::{self, SavedMethod};
use super::reply::{self, body, invalid, ok, present, Query, Reply};
use super::state::{Call, EmailToken, State};
use super::time::DAY;

/// Header carrying a new email-verification token: the sandbox's stand-in
/// for the mail the live server sends.
pub(super) const EMAIL_TOKEN_HEADER: &str = "x-sandbox-email-token";
/// How long a verification link works.
const EMAIL_TOKEN_TTL_MS: u64 = DAY;

/// Billing details; `None` is unset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Billing {
    country_code: Option<String>,
    name: Option<String>,
    address_1: Option<String>,
    address_2: Option<String>,
    state: Option<String>,
    city: Option<String>,
    postcode: Option<String>,
    tax_id: Option<String>,
}

/// One account.
#[derive(Debug, Clone, Default)]
pub(super) struct Account {
    /// Confirmed or pending email address.
    email: Option<String>,
    email_verified: bool,
    contact_nip17: bool,
    contact_email: bool,
    contact_telegram: bool,
    contact_whatsapp: bool,
    billing: Billing,
    /// Its VMs' ids.
    pub(super) vms: BTreeSet<u64>,
    /// Its SSH keys' ids.
    pub(super) keys: BTreeSet<u64>,
    /// Saved payment methods, oldest first.
    pub(super) methods: Vec<SavedMethod>,
}

impl Account {
    /// A new account that takes notifications over NIP-17.
    pub(super) fn new() -> Self {
        Account {
            contact_nip17: true,
            ..Account::default()
        }
    }

    /// `Account` JSON.
    fn to_json(&self) -> Value {
        let b = &self.billing;
        let mut value = json!({
            "account_type": "nostr",
            "contact_nip17": self.contact_nip17,
            "contact_email": self.contact_email,
            "contact_telegram": self.contact_telegram,
            "telegram_linked": false,
            "contact_whatsapp": self.contact_whatsapp,
            "whatsapp_verified": false,
            "country_code": b.country_code,
            "name": b.name,
            "address_1": b.address_1,
            "address_2": b.address_2,
            "state": b.state,
            "city": b.city,
            "postcode": b.postcode,
            "tax_id": b.tax_id,
            "tax": [],
        });
        if let Some(email) = &self.email {
            value["email"] = json!(email);
            value["email_verified"] = json!(self.email_verified);
        }
        value
    }
}

/// `PATCH /account` body: the two contact flags are required, the rest optional;
/// `null` clears a billing field.
#[derive(Debug, Deserialize)]
struct AccountPatch {
    contact_nip17: bool,
    contact_email: bool,
    #[serde(default)]
    contact_telegram: Option<bool>,
    #[serde(default)]
    contact_whatsapp: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    country_code: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    address_1: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    address_2: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    state: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    city: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    postcode: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    tax_id: Option<Option<String>>,
    /// The seed's way to set up auto-renewal: saves an NWC wallet.
    #[serde(default)]
    nwc_connection_string: Option<String>,
}

/// True for `local@domain.tld` with no spaces.
fn valid_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain.split('.').all(|label| !label.is_empty())
        }
        None => false,
    }
}

/// Applies a billing-field change (`Some(None)` clears it).
fn apply(field: &mut Option<String>, change: Option<Option<String>>) {
    if let Some(value) = change {
        *field = value.filter(|v| !v.is_empty());
    }
}

impl State {
    /// `GET /api/v1/account`.
    pub(super) fn get_account(&mut self, call: &Call) -> Reply {
        ok(self.account(call)?.to_json())
    }

    /// `PATCH /api/v1/account`: answers `{}`; a new or unconfirmed email gets a
    /// verification token (see [`EMAIL_TOKEN_HEADER`]).
    pub(super) fn patch_account(&mut self, call: &Call) -> Reply {
        let patch: AccountPatch = body(call.request)?;
        let email = match patch.email {
            Some(None) => return Err(invalid("email cannot be removed")),
            Some(Some(email)) if !valid_email(&email) => {
                return Err(invalid(format!(
                    "email: `{email}` is not a valid email address"
                )))
            }
            Some(Some(email)) => Some(email),
            None => None,
        };
        if let Some(Some(code)) = &patch.country_code {
            if !(2..=3).contains(&code.len()) || !code.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(invalid(format!(
                    "country_code: `{code}` is not an ISO country code"
                )));
            }
        }
        let wallet = match &patch.nwc_connection_string {
            Some(uri) => Some(methods::check_nwc(uri)?),
            None => None,
        };
        let method_id = wallet.map(|_| self.ids.method());
        let account = self.account(call)?;
        account.contact_nip17 = patch.contact_nip17;
        account.contact_email = patch.contact_email;
        if let Some(v) = patch.contact_telegram {
            account.contact_telegram = v;
        }
        if let Some(v) = patch.contact_whatsapp {
            account.contact_whatsapp = v;
        }
        let b = &mut account.billing;
        apply(&mut b.country_code, patch.country_code);
        apply(&mut b.name, patch.name);
        apply(&mut b.address_1, patch.address_1);
        apply(&mut b.address_2, patch.address_2);
        apply(&mut b.state, patch.state);
        apply(&mut b.city, patch.city);
        apply(&mut b.postcode, patch.postcode);
        apply(&mut b.tax_id, patch.tax_id);
        if let Some(id) = method_id {
            methods::save(account, id, Some("Wallet".into()), call.now);
        }
        let send_token = match email {
            Some(email) if account.email.as_deref() != Some(&email) || !account.email_verified => {
                account.email = Some(email.clone());
                account.email_verified = false;
                Some(email)
            }
            _ => None,
        };
        let response = ok(json!({}))?;
        match send_token {
            Some(email) => {
                let token = hex::encode(self.rng.u128(..).to_be_bytes());
                self.email_tokens.retain(|_, t| t.owner != call.user);
                let expires_ms = call.now + EMAIL_TOKEN_TTL_MS;
                self.email_tokens.insert(
                    token.clone(),
                    EmailToken {
                        owner: call.user.clone(),
                        email,
                        expires_ms,
                    },
                );
                Ok(response.with_header(EMAIL_TOKEN_HEADER, &token))
            }
            None => Ok(response),
        }
    }

    /// `GET /api/v1/account/verify-email?token=`: 200 with no body.
    pub(super) fn verify_email(&mut self, request: &Incoming, now: u64) -> Reply {
        let query = Query::of(request);
        let token = query.required("token")?;
        let Some(pending) = self
            .email_tokens
            .get(token)
            .filter(|t| now < t.expires_ms)
            .cloned()
        else {
            return Err(invalid("Invalid or expired verification token"));
        };
        self.email_tokens.remove(token);
        match self.accounts.get_mut(&pending.owner) {
            Some(account) if account.email.as_deref() == Some(pending.email.as_str()) => {
                account.email_verified = true;
                Ok(crate::wire::bytes(
                    200,
                    "text/plain; charset=utf-8",
                    Vec::new(),
                ))
            }
            _ => Err(invalid("Invalid or expired verification token")),
        }
    }
}

/// `POST /api/v1/contact` body.
#[derive(Debug, Deserialize)]
struct ContactForm {
    subject: String,
    message: String,
    email: String,
    name: String,
}

/// `POST /api/v1/contact`: accepts a message for support.
pub(super) fn contact(request: &Incoming) -> Reply {
    let form: ContactForm = body(request)?;
    for (field, value) in [
        ("name", &form.name),
        ("subject", &form.subject),
        ("message", &form.message),
    ] {
        if value.trim().is_empty() {
            return Err(invalid(format!("{field} is required")));
        }
    }
    if !valid_email(&form.email) {
        return Err(invalid(format!(
            "email: `{}` is not a valid email address",
            form.email
        )));
    }
    reply::ok(Value::Null)
}
