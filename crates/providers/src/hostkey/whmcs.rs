//! whmcs.php: the customer, contacts, invoices, credit, payments and
//! cancellations (HOSTKEY bills through WHMCS). Fields go out in the order of
//! each call's documented example, including where `token` sits.

use super::billing::{
    ApplyCredit, BillingData, CancellationRequest, CancellationRequests, ClientId, ClientPage,
    ClientUpdate, ContactChange, ContactId, Contacts, Credits, DueInvoices, FundsInvoice,
    InvoiceDetail, InvoiceList, MassPay, Messages, PaymentMethods, RelatedInvoices, Transactions,
    WhmcsInvoice,
};
use super::file::WHMCS;
use super::form::Form;
use super::reply::{Accepted, Document, Done};
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

impl Api {
    /// `whmcs/get_client`: the customer, with the credit balance and currency.
    pub fn get_client(&self) -> Result<Call<ClientPage>, ProviderError> {
        Ok(self.signed(WHMCS, "get_client")?.json())
    }

    /// `whmcs/update_client`: changes account details.
    pub fn update_client(&self, update: &ClientUpdate) -> Result<Call<ClientId>, ProviderError> {
        if update.fields.is_empty() {
            return Err(ProviderError::validation(
                "update_client",
                "nothing to change",
            ));
        }
        let mut form = self.public(WHMCS, "update_client");
        for (field, value) in &update.fields {
            let name = field.as_str();
            let value = value.trim();
            if let Some(allowed) = field.allowed() {
                if !allowed.contains(&value) {
                    return Err(ProviderError::validation(
                        name,
                        format!("must be one of {}", allowed.join(", ")),
                    ));
                }
            }
            if name == "billing_email" {
                validate::email(name, value)?;
            }
            form = form.field(name, value);
            if name == "co_secret" {
                form = form.redact("co_secret");
            }
        }
        Ok(form.secret("token", self.session_token()?).json())
    }

    /// `whmcs/reset_password`: sends a reset link to `email` (the account's address).
    pub fn reset_password(&self, email: &str) -> Result<Call<Done>, ProviderError> {
        let email = validate::email("email", email)?;
        Ok(self
            .then_token("reset_password", |f| f.field("email", email))?
            .json())
    }

    /// `whmcs/get_contacts`: additional contacts.
    pub fn get_contacts(&self) -> Result<Call<Contacts>, ProviderError> {
        Ok(self.signed(WHMCS, "get_contacts")?.json())
    }

    /// `whmcs/add_contact`: a new contact with a random e-mail, to be changed
    /// with [`Api::update_contact`].
    pub fn add_contact(&self) -> Result<Call<ContactId>, ProviderError> {
        Ok(self.signed(WHMCS, "add_contact")?.json())
    }

    /// `whmcs/update_contact`.
    pub fn update_contact(
        &self,
        contact_id: &str,
        change: &ContactChange,
    ) -> Result<Call<ContactId>, ProviderError> {
        let contact_id = validate::id("contact_id", contact_id)?;
        let email = validate::email("email", &change.email)?;
        Ok(self
            .public(WHMCS, "update_contact")
            .field("contact_id", contact_id)
            .secret("token", self.session_token()?)
            .field("email", email)
            .opt("phonenumber", change.phonenumber.as_deref().map(str::trim))
            .opt_secret("password2", change.password2.as_ref())
            .json())
    }

    /// `whmcs/delete_contact` (the document's example sends `add_contact` by mistake).
    pub fn delete_contact(&self, contact_id: &str) -> Result<Call<Messages>, ProviderError> {
        let contact_id = validate::id("contact_id", contact_id)?;
        Ok(self
            .then_token("delete_contact", |f| f.field("contact_id", contact_id))?
            .json())
    }

    /// `whmcs/getpaymentgw`: the ways to pay an invoice (HTML to render).
    pub fn payment_methods(&self, invoice_id: &str) -> Result<Call<PaymentMethods>, ProviderError> {
        let invoice_id = validate::id("invoice_id", invoice_id)?;
        Ok(self
            .then_token("getpaymentgw", |f| f.field("invoice_id", invoice_id))?
            .json())
    }

    /// `whmcs/get_billing_data`: a server's billing cycle, next due date and price.
    pub fn billing_data(&self, id: &str) -> Result<Call<BillingData>, ProviderError> {
        Ok(self.server_billing("get_billing_data", id)?.json())
    }

    /// `whmcs/getcredits`: credit movements of the account (account-level: the
    /// server `id` of the document's table is not sent, as in its example).
    pub fn credits(&self) -> Result<Call<Credits>, ProviderError> {
        Ok(self
            .signed(WHMCS, "getcredits")?
            .json::<CreditsReply>()
            .map(|reply| reply.message))
    }

    /// `whmcs/generate_due_invoice`: issues a server's next invoice now.
    pub fn generate_due_invoice(&self, id: &str) -> Result<Call<DueInvoices>, ProviderError> {
        Ok(self.server_billing("generate_due_invoice", id)?.json())
    }

    /// `whmcs/transactions`: payments, optionally of one invoice or one transaction.
    pub fn transactions(
        &self,
        invoice_id: Option<&str>,
        transaction_id: Option<&str>,
    ) -> Result<Call<Transactions>, ProviderError> {
        let invoice_id = invoice_id
            .map(|i| validate::id("invoice_id", i))
            .transpose()?;
        let transaction_id = transaction_id
            .map(|t| validate::id("transaction_id", t))
            .transpose()?;
        Ok(self
            .signed(WHMCS, "transactions")?
            .opt("invoice_id", invoice_id)
            .opt("transaction_id", transaction_id)
            .json())
    }

    /// `whmcs/mass_pay`: one group invoice for several invoices.
    pub fn mass_pay(&self, invoice_ids: &[&str]) -> Result<Call<MassPay>, ProviderError> {
        if invoice_ids.is_empty() {
            return Err(ProviderError::validation(
                "invoices",
                "give at least one invoice",
            ));
        }
        let ids = invoice_ids
            .iter()
            .map(|i| validate::id("invoices", i))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.signed(WHMCS, "mass_pay")?.list("invoices", ids).json())
    }

    /// `whmcs/download_invoice`: the invoice as PDF bytes.
    pub fn download_invoice(&self, invoice_id: &str) -> Result<Call<Document>, ProviderError> {
        let invoice_id = validate::id("invoice_id", invoice_id)?;
        Ok(self
            .signed(WHMCS, "download_invoice")?
            .field("invoice_id", invoice_id)
            .document("a PDF invoice", "application/pdf"))
    }

    /// `whmcs/get_related_invoices`: a server's invoices.
    pub fn related_invoices(&self, id: &str) -> Result<Call<Vec<WhmcsInvoice>>, ProviderError> {
        Ok(self
            .server_billing("get_related_invoices", id)?
            .json::<RelatedInvoices>()
            .map(|r| r.invoices))
    }

    /// `whmcs/apply_credit`: pays (part of) an invoice from the credit balance.
    pub fn apply_credit(
        &self,
        invoice_id: &str,
        amount: Decimal,
    ) -> Result<Call<ApplyCredit>, ProviderError> {
        let invoice_id = validate::id("invoice_id", invoice_id)?;
        let amount = validate::amount("amount", amount)?;
        Ok(self
            .signed(WHMCS, "apply_credit")?
            .field("invoice_id", invoice_id)
            .field("amount", amount)
            .json())
    }

    /// `whmcs/create_addfunds`: an invoice that tops up the credit balance.
    pub fn create_addfunds(&self, amount: Decimal) -> Result<Call<FundsInvoice>, ProviderError> {
        let amount = validate::amount("amount", amount)?;
        Ok(self
            .then_token("create_addfunds", |f| f.field("amount", amount))?
            .json())
    }

    /// `whmcs/get_invoice`: one invoice with its lines.
    pub fn get_invoice(&self, invoice_id: &str) -> Result<Call<InvoiceDetail>, ProviderError> {
        let invoice_id = validate::id("invoice_id", invoice_id)?;
        Ok(self
            .signed(WHMCS, "get_invoice")?
            .field("invoice_id", invoice_id)
            .json())
    }

    /// `whmcs/get_invoices`: every invoice, newest first.
    pub fn get_invoices(&self) -> Result<Call<InvoiceList>, ProviderError> {
        Ok(self.signed(WHMCS, "get_invoices")?.json())
    }

    /// `whmcs/request_cancellation` (async). Sent as `cancellation_type`, the
    /// table's spelling (the document's example spells it `cancelation_type`).
    pub fn request_cancellation(
        &self,
        id: &str,
        kind: CancellationType,
        reason: Option<&str>,
    ) -> Result<Call<Accepted>, ProviderError> {
        let id = validate::id("id", id)?;
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        Ok(self
            .then_token("request_cancellation", |f| {
                f.field("id", id)
                    .field("cancellation_type", kind.number().to_string())
                    .opt("terminate_reason_custom", reason)
                    .about(id)
            })?
            .json())
    }

    /// `whmcs/delete_cancellation_request`: withdraws a cancellation.
    pub fn delete_cancellation_request(&self, id: &str) -> Result<Call<Messages>, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(self
            .then_token("delete_cancellation_request", |f| {
                f.field("id", id).about(id)
            })?
            .json())
    }

    /// `whmcs/get_cancellation_requests`: pending cancellations, of one server
    /// or of all.
    pub fn cancellation_requests(
        &self,
        id: Option<&str>,
    ) -> Result<Call<Vec<CancellationRequest>>, ProviderError> {
        let id = id.map(|i| validate::id("id", i)).transpose()?;
        Ok(self
            .then_token("get_cancellation_requests", |f| f.opt("id", id))?
            .json::<CancellationRequests>()
            .map(|r| r.requests))
    }

    /// `action`, `token`, `id` for a call about one server's billing.
    fn server_billing(&self, action: &str, id: &str) -> Result<Form, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(self.signed(WHMCS, action)?.field("id", id).about(id))
    }

    /// `action`, the fields `fill` adds, then `token` (the order of several examples).
    fn then_token(
        &self,
        action: &str,
        fill: impl FnOnce(Form) -> Form,
    ) -> Result<Form, ProviderError> {
        let token = self.session_token()?;
        Ok(fill(self.public(WHMCS, action)).secret("token", token))
    }
}

#[derive(Deserialize)]
struct CreditsReply {
    message: Credits,
}

/// When a cancelled service ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CancellationType {
    /// `0`: at the end of the billing period.
    EndOfPeriod,
    /// `1`: now, with a partial refund where possible.
    Immediate,
}

impl CancellationType {
    /// The number HOSTKEY takes.
    pub fn number(self) -> u8 {
        match self {
            CancellationType::EndOfPeriod => 0,
            CancellationType::Immediate => 1,
        }
    }

    /// The type for a number (0 or 1).
    pub fn from_number(n: u8) -> Result<Self, ProviderError> {
        match n {
            0 => Ok(CancellationType::EndOfPeriod),
            1 => Ok(CancellationType::Immediate),
            other => Err(ProviderError::validation(
                "cancellation_type",
                format!("{other} is not 0 (end of period) or 1 (immediate)"),
            )),
        }
    }
}
