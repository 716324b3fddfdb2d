//! `whmcs.php`: the billing client (profile, password reset, credit log),
//! additional contacts, a server's billing data, cancellation requests, and
//! the routes to the invoice calls (`invoices`) and payment gateways.

use super::auth::{self, Auth};
use super::call::{ok, reject, Call, Failure, Reply};
use super::callback::{self, context};
use super::dates::{self, ZERO_DATETIME};
use super::eq::server;
use super::jobs::{Finish, Outcome, ASYNC_MS};
use super::seed::cycle_name;
use super::state::{hex, money, Cancellation, Contact, InvoiceKind, InvoiceStatus, State};
use super::{gateways, invoices, validate};
use serde_json::{json, Value};

/// `whmcs.php`.
pub(super) fn handle(state: &mut State, call: &Call) -> Reply {
    let auth = auth::session(state, call)?;
    match call.action {
        "get_client" => Ok(ok(&client(state))),
        "update_client" => update_client(state, call),
        "reset_password" => {
            let email = call.required("email")?;
            if !email.eq_ignore_ascii_case(&state.account.email) {
                return Err(reject(&json!({
                    "result": -1,
                    "message": "Failed to identify the customer's billing, please contact support",
                })));
            }
            Ok(ok(&json!({
                "result": "OK",
                "message": "Password reset link was sent to the registred email.",
                "debug": { "result": "success" },
            })))
        }
        "get_contacts" => {
            let contacts: Vec<Value> = state
                .billing
                .contacts
                .values()
                .map(|c| contact_json(state, c))
                .collect();
            Ok(ok(&json!({ "result": "success", "contacts": contacts })))
        }
        "add_contact" => {
            state.next.contact += 1;
            let id = state.next.contact;
            let email = format!("contact-{}@example.com", hex(&mut state.rng, 8));
            let contact = Contact {
                id,
                firstname: String::new(),
                lastname: String::new(),
                email,
                phonenumber: String::new(),
                password_hash: String::new(),
                created: Some(call.now()),
                updated: call.now(),
            };
            state.billing.contacts.insert(id, contact);
            Ok(ok(&json!({ "result": "success", "contactid": id })))
        }
        "update_contact" => update_contact(state, call),
        "delete_contact" => {
            let id = contact_id(state, call)?;
            state.billing.contacts.remove(&id);
            Ok(ok(
                &json!({ "result": "success", "message": id.to_string() }),
            ))
        }
        "getpaymentgw" => gateways::getpaymentgw(state, call),
        "get_billing_data" => billing_data(state, call, &auth),
        "getcredits" => {
            let credits: Vec<Value> = state
                .billing
                .credits
                .iter()
                .map(|c| {
                    json!({
                        "id": c.id,
                        "date": dates::date(c.date),
                        "description": c.description,
                        "amount": money(c.amount_cents),
                        "relid": 0,
                    })
                })
                .collect();
            Ok(ok(&json!({
                "result": "OK",
                "message": {
                    "result": "success",
                    "totalresults": credits.len(),
                    "clientid": state.account.whmcs_id,
                    "credits": { "credit": credits },
                },
            })))
        }
        "generate_due_invoice" => invoices::generate_due_invoice(state, call, &auth),
        "transactions" => invoices::transactions(state, call),
        "mass_pay" => invoices::mass_pay(state, call),
        "download_invoice" => invoices::download_invoice(state, call),
        "get_related_invoices" => invoices::get_related_invoices(state, call, &auth),
        "apply_credit" => invoices::apply_credit_call(state, call),
        "create_addfunds" => invoices::create_addfunds(state, call),
        "get_invoice" => invoices::get_invoice(state, call),
        "get_invoices" => invoices::get_invoices(state),
        "request_cancellation" => request_cancellation(state, call, &auth),
        "delete_cancellation_request" => delete_cancellation(state, call, &auth),
        "get_cancellation_requests" => cancellations(state, call, &auth),
        _ => Err(call.unknown()),
    }
}

/// Field descriptions of the `co_*` custom fields: (key, name, type, size, required).
const CUSTOM_FIELDS: &[(&str, &str, &str, Option<u32>, bool)] = &[
    (
        "co_autopayment",
        "Autopayment enabled",
        "checkbox",
        None,
        false,
    ),
    (
        "co_payfirstday",
        "Services for first day",
        "checkbox",
        None,
        false,
    ),
    (
        "co_marktemails",
        "Marketing e-mails",
        "checkbox",
        None,
        false,
    ),
    (
        "co_subscription",
        "Autopayments via PayPal",
        "text",
        Some(40),
        false,
    ),
    ("co_marktsms", "Marketing SMS", "checkbox", None, false),
    (
        "co_smsnum",
        "SMS number for 2FA and notices",
        "text",
        Some(26),
        false,
    ),
    ("co_customertype", "Client type", "select", None, true),
    ("co_regaddress", "Legal address", "text", Some(100), false),
    ("co_bankdata", "Bank information", "text", Some(100), false),
    ("co_secret", "Secret word", "text", Some(26), true),
    ("co_skype", "Skype/Telegram", "text", Some(26), false),
];

/// Client types `co_customertype` accepts.
const CUSTOMER_TYPES: [&str; 2] = ["Individual", "Legal entity"];

fn country_name(code: &str) -> &'static str {
    match code {
        "NL" => "Netherlands",
        "US" => "United States",
        "DE" => "Germany",
        "FI" => "Finland",
        "IS" => "Iceland",
        "TR" => "Turkey",
        "GB" | "UK" => "United Kingdom",
        "PL" => "Poland",
        "FR" => "France",
        _ => "",
    }
}

fn client(state: &State) -> Value {
    let b = &state.billing;
    let flag = |name: &str| b.flags.get(name).copied().unwrap_or(false);
    let mut client = json!({
        "userid": state.account.whmcs_id,
        "id": state.account.whmcs_id,
        "uuid": "b6d0bd75-1bd1-4ffc-9ec5-3870668b1ea9",
        "firstname": b.firstname,
        "lastname": b.lastname,
        "fullname": format!("{} {}", b.firstname, b.lastname),
        "companyname": b.companyname,
        "email": state.account.email,
        "address1": b.address1,
        "address2": b.address2,
        "city": b.city,
        "fullstate": b.state,
        "state": b.state,
        "postcode": b.postcode,
        "countrycode": b.country,
        "country": b.country,
        "phonenumber": b.phonenumber,
        "tax_id": "",
        "Password": "",
    });
    let more = json!({
        "email_preferences": { "general": 1, "invoice": 1, "support": 1, "product": 1, "domain": 1, "affiliate": 1 },
        "statecode": "",
        "countryname": country_name(&b.country),
        "phonecc": 31,
        "phonenumberformatted": format!("+31.{}", b.phonenumber),
        "telephoneNumber": b.phonenumber,
        "billingcid": 0,
        "twofaenabled": b.twofa,
        "currency": b.currency,
        "defaultgateway": "",
        "groupid": b.groupid,
        "status": b.status,
        "credit": money(b.credit_cents),
        "taxexempt": flag("taxexempt"),
        "latefeeoveride": flag("latefeeoveride"),
        "overideduenotices": flag("overideduenotices"),
        "separateinvoices": flag("separateinvoices"),
        "disableautocc": flag("disableautocc"),
        "emailoptout": flag("emailoptout"),
        "marketing_emails_opt_in": flag("marketingoptin"),
        "overrideautoclose": flag("overrideautoclose"),
        "allowSingleSignOn": i32::from(flag("allowSingleSignOn")),
        "email_verified": false,
        "language": "",
        "isOptedInToMarketingEmails": flag("marketingoptin"),
        "lastlogin": "Date: 2023/09/11 12:27<br>IP Address: 203.0.113.23<br>Host: 203.0.113.20",
        "currency_code": "EUR",
    });
    if let (Some(all), Value::Object(rest)) = (client.as_object_mut(), more) {
        all.extend(rest);
    }
    for (key, name, kind, size, required) in CUSTOM_FIELDS {
        let mut field = json!({ "name": name, "type": kind, "required": required, "value": b.custom.get(key).cloned().unwrap_or_default() });
        if let Some(size) = size {
            field["size"] = json!(size);
        }
        if *key == "co_customertype" {
            field["options"] = json!(CUSTOMER_TYPES);
        }
        if *key == "co_smsnum" {
            field["placeholder"] = json!("+310695005645");
        }
        client[*key] = field;
    }
    json!({
        "result": "success",
        "client": client,
        "billing_location": "whmcs_com",
        "groupdata": group_data(),
        "internal": {
            "id": state.account.customer_id,
            "billing": "whmcs_com",
            "account_id": state.account.whmcs_id,
            "email": state.account.email,
            "active_since": dates::date(state.account.active_since),
            "monthly": null,
            "verified": null,
            "corporate": 0,
            "tags": [{
                "id": 582_523,
                "component": "customers",
                "component_id": state.account.customer_id,
                "tag": "email_verification",
                "value": "verified",
                "extra": state.account.active_since.to_string(),
                "internal": 0,
            }],
        },
    })
}

fn group_data() -> Value {
    json!({
        "id": 2,
        "groupname": "Customers",
        "groupcolour": "#ffffff",
        "discountpercent": "0.00",
        "susptermexempt": "",
        "separateinvoices": "",
    })
}

fn update_client(state: &mut State, call: &Call) -> Reply {
    let text = |name: &str| call.params.get(name).map(str::trim);
    if let Some(email) = text("billing_email") {
        validate::email(email).map_err(|e| call.fail(format!("billing_email: {e}")))?;
    }
    if let Some(country) = text("billing_country") {
        if country.len() != 2 || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(call.fail(format!(
                "billing_country must be a two-letter country code, got '{country}'"
            )));
        }
    }
    let currency = match text("billing_currency") {
        None => None,
        Some(v) => Some(
            v.parse::<u32>()
                .ok()
                .filter(|c| (1..=3).contains(c))
                .ok_or_else(|| {
                    call.fail(format!("billing_currency must be 1, 2 or 3, got '{v}'"))
                })?,
        ),
    };
    let group = match text("billing_groupid") {
        None => None,
        Some(v) => Some(
            v.parse::<u32>()
                .map_err(|_| call.fail(format!("billing_groupid must be a number, got '{v}'")))?,
        ),
    };
    if let Some(status) =
        text("billing_status").filter(|s| !matches!(*s, "Active" | "Inactive" | "Closed"))
    {
        return Err(call.fail(format!(
            "billing_status must be Active, Inactive or Closed, got '{status}'"
        )));
    }
    let mut flags = Vec::new();
    let names = [
        "twofaenabled",
        "taxexempt",
        "latefeeoveride",
        "overideduenotices",
        "separateinvoices",
        "disableautocc",
        "emailoptout",
        "marketingoptin",
        "overrideautoclose",
        "allowSingleSignOn",
    ];
    for name in names {
        let key = format!("billing_{name}");
        if let Some(v) = text(&key) {
            let on = match v {
                "true" | "1" => true,
                "false" | "0" => false,
                other => {
                    return Err(call.fail(format!("{key} must be true or false, got '{other}'")))
                }
            };
            flags.push((name, on));
        }
    }
    let mut custom = Vec::new();
    for (key, _, kind, size, _) in CUSTOM_FIELDS {
        let Some(v) = text(key) else { continue };
        let value = match *kind {
            "checkbox" => match v {
                "on" => "on".to_string(),
                "off" | "" => String::new(),
                other => return Err(call.fail(format!("{key} must be on or off, got '{other}'"))),
            },
            "select" if !CUSTOMER_TYPES.contains(&v) => {
                return Err(call.fail(format!(
                    "{key} must be one of {}, got '{v}'",
                    CUSTOMER_TYPES.join(", ")
                )));
            }
            _ if size.is_some_and(|s| v.chars().count() > s as usize) => {
                return Err(call.fail(format!(
                    "{key} is longer than {} characters",
                    size.unwrap_or_default()
                )));
            }
            _ => v.to_string(),
        };
        custom.push((*key, value));
    }
    let b = &mut state.billing;
    for (field, slot) in [
        ("billing_firstname", &mut b.firstname),
        ("billing_lastname", &mut b.lastname),
        ("billing_companyname", &mut b.companyname),
        ("billing_address1", &mut b.address1),
        ("billing_address2", &mut b.address2),
        ("billing_city", &mut b.city),
        ("billing_state", &mut b.state),
        ("billing_postcode", &mut b.postcode),
        ("billing_country", &mut b.country),
        ("billing_phonenumber", &mut b.phonenumber),
        ("billing_status", &mut b.status),
    ] {
        if let Some(v) = text(field) {
            *slot = v.to_string();
        }
    }
    for (name, on) in flags {
        if name == "twofaenabled" {
            b.twofa = on;
        } else if let Some(slot) = b.flags.get_mut(name) {
            *slot = on;
        }
    }
    b.currency = currency.unwrap_or(b.currency);
    b.groupid = group.unwrap_or(b.groupid);
    for (key, value) in custom {
        b.custom.insert(key, value);
    }
    if let Some(email) = text("billing_email") {
        state.account.email = email.to_string();
    }
    Ok(ok(
        &json!({ "result": "success", "clientid": state.account.whmcs_id.to_string() }),
    ))
}

fn contact_json(state: &State, c: &Contact) -> Value {
    json!({
        "id": c.id,
        "userid": state.account.whmcs_id,
        "firstname": c.firstname,
        "lastname": c.lastname,
        "companyname": "",
        "email": c.email,
        "address1": "",
        "address2": "",
        "city": "",
        "state": "",
        "postcode": "",
        "country": "NL",
        "phonenumber": c.phonenumber,
        "tax_id": "",
        "subaccount": 1,
        "password": c.password_hash,
        "permissions": "",
        "domainemails": 0,
        "generalemails": 0,
        "invoiceemails": 0,
        "productemails": 0,
        "supportemails": 0,
        "affiliateemails": 0,
        "pwresetkey": "",
        "created_at": c.created.map_or(ZERO_DATETIME.to_string(), dates::datetime),
        "updated_at": dates::datetime(c.updated),
        "pwresetexpiry": ZERO_DATETIME,
    })
}

/// The `contact_id` parameter, if it names a contact.
fn contact_id(state: &State, call: &Call) -> Result<u64, Failure> {
    let id = call.required_number("contact_id")?;
    state
        .billing
        .contacts
        .contains_key(&id)
        .then_some(id)
        .ok_or_else(|| call.fail("verification failed, subcontact not found"))
}

fn update_contact(state: &mut State, call: &Call) -> Reply {
    let id = contact_id(state, call)?;
    let email = call.required("email")?.to_string();
    validate::email(&email).map_err(|e| call.fail(format!("email: {e}")))?;
    let phone = call.text("phonenumber").map(str::to_string);
    if let Some(p) = &phone {
        let digits = p.strip_prefix('+').unwrap_or(p);
        if digits.len() < 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(call.fail(format!(
                "phonenumber must be digits with an optional leading +, got '{p}'"
            )));
        }
    }
    let password = call.text("password2").map(str::to_string);
    if password.as_ref().is_some_and(|p| p.chars().count() < 4) {
        return Err(call.fail("password2 must be at least 4 characters"));
    }
    let hash = password.map(|_| format!("$2y$10${}", hex(&mut state.rng, 53)));
    if let Some(contact) = state.billing.contacts.get_mut(&id) {
        contact.email = email;
        if let Some(p) = phone {
            contact.phonenumber = p;
        }
        if let Some(h) = hash {
            contact.password_hash = h;
        }
        contact.updated = call.now();
    }
    Ok(ok(&json!({ "result": "success", "contactid": id })))
}

fn billing_data(state: &State, call: &Call, auth: &Auth) -> Reply {
    let id = auth::server(state, call, auth, "id")?;
    let s = server(state, call, id)?;
    let hostname = s.hostname();
    let kind = if s.is_vm() {
        "Instant server"
    } else {
        "Dedicated server"
    };
    Ok(ok(&json!({
        "IP": hostname,
        "client_id": state.account.whmcs_id,
        "order_id": s.order_id,
        "suspend_reason": if s.suspended { "Overdue on Payment" } else { "" },
        "billing_setupfee": money(s.setup_cents),
        "product_id": s.service_id,
        "whmcs_location": "whmcs_com",
        "billing_status": if s.suspended { "Suspended" } else { "Active" },
        "reg_date": dates::date(s.reg_date),
        "billing_cycle": cycle_name(s.cycle_months),
        "next_due_date": dates::date(s.next_due),
        "billing_reccuring": money(s.recurring_cents),
        "billing_name": format!("Services related to the provision of computing facilities ({kind} {})", s.location),
        "billing_dedicatedip": s.main_ip().map(|ip| ip.addr.to_string()).unwrap_or_default(),
        "billing_domain": hostname,
        "promoid": 0,
        "terminationdate": null,
        "subscriptionid": "",
        "overideautosuspend": 0,
        "overidesuspenduntil": "0000-00-00",
        "currencyprefix": "",
        "currencysuffix": "EUR",
        "is_company": 0,
        "tax_id": "",
        "groupdata": group_data(),
        "days_left": s.next_due.saturating_sub(call.now()) / dates::DAY,
        "customer_name": format!("{} {}", state.billing.firstname, state.billing.lastname),
        "customer_email": state.account.email,
        "result": "OK",
    })))
}

fn request_cancellation(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    let id = auth::server(state, call, auth, "id")?;
    let kind = call
        .text("cancellation_type")
        .or_else(|| call.text("cancelation_type"))
        .ok_or_else(|| call.fail("cancellation_type is required"))?;
    let immediate = match kind {
        "1" => true,
        "0" => false,
        other => {
            return Err(call.fail(format!(
            "cancellation_type must be 1 (immediate) or 0 (end of billing period), got '{other}'"
        )))
        }
    };
    if state
        .billing
        .cancellations
        .iter()
        .any(|c| c.server_id == id)
    {
        return Err(call.fail(format!(
            "a cancellation request already exists for server {id}"
        )));
    }
    let s = server(state, call, id)?;
    let (service_id, ctx) = (s.service_id, context(s, "request_cancellation"));
    let reason = call
        .text("terminate_reason_custom")
        .unwrap_or("No reason given")
        .to_string();
    let mut cancelled = Vec::new();
    for invoice in state.billing.invoices.values_mut() {
        if invoice.kind == InvoiceKind::Service(id) && invoice.status == InvoiceStatus::Unpaid {
            invoice.status = InvoiceStatus::Cancelled;
            invoice.updated = call.now();
            cancelled.push(invoice.id);
        }
    }
    state.next.cancellation += 1;
    state.billing.cancellations.push(Cancellation {
        id: state.next.cancellation,
        date: call.now(),
        server_id: id,
        service_id,
        reason,
        immediate,
        cancelled_invoices: cancelled,
    });
    let outcome = Outcome::ok("Cancellation request has been submitted", Value::Null);
    Ok(callback::accept(
        state,
        call,
        ctx,
        Finish::Fixed(outcome),
        ASYNC_MS,
    ))
}

fn delete_cancellation(state: &mut State, call: &Call, auth: &Auth) -> Reply {
    let id = auth::server(state, call, auth, "id")?;
    let position = state
        .billing
        .cancellations
        .iter()
        .position(|c| c.server_id == id)
        .ok_or_else(|| call.fail(format!("no cancellation request for server {id}")))?;
    let request = state.billing.cancellations.remove(position);
    let mut message = vec!["CR deleted".to_string()];
    for invoice_id in request.cancelled_invoices {
        if let Some(invoice) = state
            .billing
            .invoices
            .get_mut(&invoice_id)
            .filter(|i| i.status == InvoiceStatus::Cancelled)
        {
            invoice.status = InvoiceStatus::Unpaid;
            invoice.updated = call.now();
            message.push(format!("Invoice {invoice_id} reactivated"));
        }
    }
    Ok(ok(&json!({ "result": "success", "message": message })))
}

fn cancellations(state: &State, call: &Call, auth: &Auth) -> Reply {
    let only = match call.text("id") {
        Some(_) => Some(auth::server(state, call, auth, "id")?),
        None => None,
    };
    let visible = state.sessions.get(&auth.token).map(|s| &s.servers);
    let list: Vec<Value> = state
        .billing
        .cancellations
        .iter()
        .filter(|c| {
            only.is_none_or(|id| c.server_id == id)
                && visible.is_some_and(|v| v.contains(&c.server_id))
        })
        .map(|c| {
            json!({
                "id": c.id,
                "date": dates::datetime(c.date),
                "relid": c.service_id,
                "reason": c.reason,
                "type": if c.immediate { "Immediate" } else { "End of Billing Period" },
                "created_at": ZERO_DATETIME,
                "updated_at": ZERO_DATETIME,
            })
        })
        .collect();
    Ok(ok(&json!({ "result": "success", "message": list })))
}
