//! whmcs.php examples: the customer, contacts, invoices, credit, payments
//! and cancellations.

use super::common::{assert_request, ok, response};
use super::{api, post, TOKEN};
use providers::hostkey::{self, CancellationType, ClientField, ClientUpdate, ContactChange};
use providers::{InvoiceStatus, Money, ProviderError, Secret};
use rust_decimal::Decimal;

pub const CLIENT: &str = r##"{"result":"success","client":{"userid":3172,"id":3172,"uuid":"b6d0bd75-1bd1-4ffc-9ec5-3870668b1ea9","firstname":"John","lastname":"Hostkey","fullname":"Hostkey","companyname":"","email":"client@example.com","address1":"Veldweg 111","address2":"","city":"Amsterdam","fullstate":"","state":"","postcode":"7845 TC","countrycode":"NL","country":"NL","phonenumber":"79658742356","tax_id":"","Password":"","email_preferences":{"general":1,"invoice":1,"support":1,"product":1,"domain":1,"affiliate":1},"statecode":"","countryname":"Netherlands","phonecc":7,"phonenumberformatted":"+31.06-95005645","telephoneNumber":"06-95005645","billingcid":0,"twofaenabled":false,"currency":2,"defaultgateway":"","groupid":2,"status":"Active","credit":"998.39","taxexempt":false,"latefeeoveride":false,"overideduenotices":false,"separateinvoices":false,"disableautocc":false,"emailoptout":false,"marketing_emails_opt_in":true,"overrideautoclose":false,"allowSingleSignOn":1,"email_verified":false,"language":"","isOptedInToMarketingEmails":true,"lastlogin":"Date: 2023/09/11 12:27<br>IP Address: 176.222.34.23<br>Host: 176.222.56.20","currency_code":"EUR","co_autopayment":{"name":"Autopayment enabled","type":"checkbox","required":false,"value":""},"co_payfirstday":{"name":"Services for first day","type":"checkbox","required":false,"value":""},"co_marktemails":{"name":"Marketing e-mails","type":"checkbox","required":false,"value":"on"},"co_subscription":{"name":"Autopayments via PayPal","type":"text","size":40,"required":false,"value":""},"co_marktsms":{"name":"Marketing SMS","type":"checkbox","required":false,"value":"on"},"co_smsnum":{"name":"SMS number for 2FA and notices","type":"text","size":26,"required":false,"placeholder":"+310695005645","value":"310695005645"},"co_customertype":{"name":"Client type","type":"select","options":["Individual","Legal entity"],"required":true,"value":"Individual"},"co_regaddress":{"name":"Legal address","type":"text","size":100,"required":false,"value":""},"co_bankdata":{"name":"Bank information","type":"text","size":100,"required":false,"value":""},"co_secret":{"name":"Secret word","type":"text","size":26,"required":true,"value":"server"},"co_skype":{"name":"Skype/Telegram","type":"text","size":26,"required":false,"value":""}},"billing_location":"whmcs_com","groupdata":{"id":2,"groupname":"Customers","groupcolour":"#ffffff","discountpercent":"0.00","susptermexempt":"","separateinvoices":""},"internal":{"id":38157,"billing":"whmcs_com","account_id":3172,"email":"client@example.com","active_since":"2023-11-09","monthly":null,"verified":null,"corporate":0,"tags":[{"id":582523,"component":"customers","component_id":38157,"tag":"email_verification","value":"verified","extra":"1699523441","internal":0}]}}"##;
pub const CONTACTS: &str = r##"{"result":"success","contacts":[{"id":121,"userid":3172,"firstname":"Dimitry","lastname":"Servers","companyname":"","email":"client@example.com","address1":"","address2":"","city":"","state":"","postcode":"","country":"NL","phonenumber":"","tax_id":"","subaccount":1,"password":"$2y$10$pSlFQ1Vvq0UcKD5eE9dZ2.J5s779skGChaD0fPJB7ooURi1/KnDJm","permissions":"","domainemails":0,"generalemails":0,"invoiceemails":0,"productemails":0,"supportemails":0,"affiliateemails":0,"pwresetkey":"","created_at":"0000-00-00 00:00:00","updated_at":"2023-12-22 11:31:45","pwresetexpiry":"0000-00-00 00:00:00"}]}"##;
pub const PAYMENT_METHODS: &str = r##"{"result":"OK","methods":{"paypal":{"name":"PayPal","call":"<table><tr><td><form target=_blank action=\"https://www.paypal.com/cgi-bin/webscr\" method=\"post\"><input type=\"hidden\" name=\"amount\" value=\"10.00\"></form></td></tr></table>"},"banktransfer":{"name":"Bank Transfer","call":"<span style='text-align:left'>Please wire funds in favor of: <p>HOSTKEY B.V.<br />\r\nWillem Frederik Hermansstraat 91, 1011DG<br />\r\nAmsterdam, the Netherlands<br />\r\nVAT: … KvK: … <br />\r\nIBAN: … SWIFT: …<br />\r\nBank: Coöperatieve Rabobank U.A.<br />Reference Number: 196727</p>"}}}"##;
pub const BILLING_DATA: &str = r##"{"IP":"nl-vmmini","client_id":3172,"order_id":5448,"suspend_reason":"","billing_setupfee":"5.00","product_id":5724,"whmcs_location":"whmcs_com","billing_status":"Active","reg_date":"2023-12-14","billing_cycle":"Monthly","next_due_date":"2024-01-14","billing_reccuring":"5.00","billing_name":"Services related to the provision of computing facilities (Instant server NL)","billing_dedicatedip":"176.222.34.23","billing_domain":"nl-vmmini","promoid":0,"terminationdate":null,"subscriptionid":"","overideautosuspend":0,"overidesuspenduntil":"0000-00-00","currencyprefix":"","currencysuffix":"EUR","is_company":0,"tax_id":"","groupdata":{"id":2,"groupname":"Customers","groupcolour":"#ffffff","discountpercent":"0.00","susptermexempt":"","separateinvoices":""},"days_left":23,"customer_name":"John Hostkey","customer_email":"client@example.com","result":"OK"}"##;
pub const CREDITS: &str = r##"{"result":"OK","message":{"result":"success","totalresults":5,"clientid":3172,"credits":{"credit":[{"id":2526,"date":"2023-11-09","description":"Credit Applied to Invoice #10116","amount":"-5.00","relid":0},{"id":4657,"date":"2023-12-14","description":"Credit Applied to Invoice #18580","amount":"-5","relid":0}]}}}"##;
pub const RELATED: &str = r##"{"result":"success","invoices":[{"id":23451,"userid":3172,"invoicenum":"","date":"2023-12-25","duedate":"2024-01-14","datepaid":"0000-00-00 00:00:00","last_capture_attempt":"0000-00-00 00:00:00","date_refunded":"0000-00-00 00:00:00","date_cancelled":"0000-00-00 00:00:00","subtotal":"5.00","credit":"0.00","tax":"0.00","tax2":"0.00","total":"5.00","taxrate":"0.00","taxrate2":"0.00","status":"Unpaid","paymentmethod":"paipal","paymethodid":null,"notes":"","created_at":"2023-12-25 11:20:31","updated_at":"2023-12-25 11:20:31"},{"id":18580,"userid":3172,"invoicenum":"","date":"2023-12-14","duedate":"2023-12-29","datepaid":"2023-12-14 05:54:52","last_capture_attempt":"0000-00-00 00:00:00","date_refunded":"0000-00-00 00:00:00","date_cancelled":"0000-00-00 00:00:00","subtotal":"5.00","credit":"5.00","tax":"0.00","tax2":"0.00","total":"0.00","taxrate":"0.00","taxrate2":"0.00","status":"Paid","paymentmethod":"paipal","paymethodid":null,"notes":"","created_at":"2023-12-14 05:54:31","updated_at":"2023-12-14 05:54:52"}]}"##;
pub const INVOICE: &str = r##"{"result":"success","invoiceid":23455,"invoicenum":"","userid":3172,"date":"2023-12-25","duedate":"2023-12-25","datepaid":"0000-00-00 00:00:00","lastcaptureattempt":"0000-00-00 00:00:00","subtotal":"800.00","credit":"0.00","tax":"0.00","tax2":"0.00","total":"800.00","balance":"8.00","taxrate":"0.00","taxrate2":"0.00","status":"Unpaid","paymentmethod":"paypal","notes":"","ccgateway":false,"items":{"item":[{"id":25727,"type":"Invoice","relid":23449,"description":"Invoice #23449","amount":"3.00","taxed":0,"inv_id":-1},{"id":25731,"type":"Invoice","relid":23451,"description":"Invoice #23451","amount":"5.00","taxed":0,"inv_id":-1}]},"transactions":""}"##;
pub const INVOICES: &str = r##"{"result":"success","totalresults":6,"numreturned":5,"invoices":{"invoice":[{"id":23455,"userid":3172,"firstname":"John","lastname":"Hostkey","companyname":"","invoicenum":"","date":"2023-12-25","duedate":"2023-12-25","datepaid":"0000-00-00 00:00:00","last_capture_attempt":"0000-00-00 00:00:00","date_refunded":"0000-00-00 00:00:00","date_cancelled":"0000-00-00 00:00:00","subtotal":"8.00","credit":"0.00","tax":"0.00","tax2":"0.00","total":"8.00","taxrate":"0.00","taxrate2":"0.00","status":"Unpaid","paymentmethod":"paypal","paymethodid":null,"notes":"","created_at":"2023-12-25 12:01:27","updated_at":"2023-12-25 12:01:27","currencycode":"EUR","currencyprefix":"","currencysuffix":"EUR"},{"id":23451,"userid":3172,"firstname":"John","lastname":"Hostkey","companyname":"","invoicenum":"","date":"2023-12-25","duedate":"2024-01-14","datepaid":"0000-00-00 00:00:00","last_capture_attempt":"0000-00-00 00:00:00","date_refunded":"0000-00-00 00:00:00","date_cancelled":"0000-00-00 00:00:00","subtotal":"5.00","credit":"0.00","tax":"0.00","tax2":"0.00","total":"5.00","taxrate":"0.00","taxrate2":"0.00","status":"Unpaid","paymentmethod":"paypal","paymethodid":null,"notes":"","created_at":"2023-12-25 11:20:31","updated_at":"2023-12-25 11:20:31","currencycode":"EUR","currencyprefix":"","currencysuffix":"EUR"},{"id":23449,"userid":3172,"firstname":"John","lastname":"Hostkey","companyname":"","invoicenum":"","date":"2023-12-25","duedate":"2024-01-09","datepaid":"2023-12-25 13:08:58","last_capture_attempt":"0000-00-00 00:00:00","date_refunded":"0000-00-00 00:00:00","date_cancelled":"0000-00-00 00:00:00","subtotal":"3.00","credit":"3.00","tax":"0.00","tax2":"0.00","total":"0.00","taxrate":"0.00","taxrate2":"0.00","status":"Paid","paymentmethod":"paypal","paymethodid":null,"notes":"","created_at":"2023-12-25 11:15:14","updated_at":"2023-12-25 13:08:58","currencycode":"EUR","currencyprefix":"","currencysuffix":"EUR"},{"id":18580,"userid":3172,"firstname":"John","lastname":"Hostkey","companyname":"","invoicenum":"","date":"2023-12-14","duedate":"2023-12-29","datepaid":"2023-12-14 05:54:52","last_capture_attempt":"0000-00-00 00:00:00","date_refunded":"0000-00-00 00:00:00","date_cancelled":"0000-00-00 00:00:00","subtotal":"5.00","credit":"5.00","tax":"0.00","tax2":"0.00","total":"0.00","taxrate":"0.00","taxrate2":"0.00","status":"Paid","paymentmethod":"paypal","paymethodid":null,"notes":"","created_at":"2023-12-14 05:54:31","updated_at":"2023-12-14 05:54:52","currencycode":"EUR","currencyprefix":"","currencysuffix":"EUR"},{"id":10116,"userid":3172,"firstname":"John","lastname":"Hostkey","companyname":"","invoicenum":"","date":"2023-11-09","duedate":"2023-11-24","datepaid":"2023-11-09 13:13:37","last_capture_attempt":"0000-00-00 00:00:00","date_refunded":"0000-00-00 00:00:00","date_cancelled":"0000-00-00 00:00:00","subtotal":"2.5.00","credit":"2.5.00","tax":"0.00","tax2":"0.00","total":"0.00","taxrate":"0.00","taxrate2":"0.00","status":"Paid","paymentmethod":"paypal","paymethodid":null,"notes":"","created_at":"2023-11-09 12:48:29","updated_at":"2023-11-09 13:13:37","currencycode":"EUR","currencyprefix":"","currencysuffix":"EUR"}]}}"##;
pub const CANCELLATIONS: &str = r##"{"result":"success","message":[{"id":507,"date":"2023-12-25 13:44:22","relid":5724,"reason":"Not needing for me","type":"End of Billing Period","created_at":"0000-00-00 00:00:00","updated_at":"0000-00-00 00:00:00"}]}"##;

fn eur(amount: &str) -> Money {
    Money::new(
        amount.parse::<Decimal>().unwrap(),
        providers::Currency::new("EUR"),
    )
}

fn is_field(err: Result<impl std::fmt::Debug, ProviderError>, field: &str) -> bool {
    matches!(err, Err(ProviderError::Validation { field: ref f, .. }) if f == field)
}

#[test]
fn get_client_gives_the_balance() {
    let call = api().get_client().unwrap();
    assert_request(
        call.request(),
        &post("/whmcs.php", &[("action", "get_client"), ("token", TOKEN)]),
    );
    let page = call.parse(&ok(CLIENT)).unwrap();
    let c = &page.client;
    assert_eq!(
        (c.id.as_deref(), c.firstname.as_str(), c.lastname.as_str()),
        (Some("3172"), "John", "Hostkey")
    );
    assert_eq!(
        (
            c.credit.as_str(),
            c.currency_code.as_str(),
            c.status.as_deref()
        ),
        ("998.39", "EUR", Some("Active"))
    );
    assert_eq!(c.currency.as_deref(), Some("2"));
    assert!(!c.twofaenabled);
    assert_eq!(c.password, None, "an empty Password field");
    assert_eq!(c.extra["co_smsnum"]["value"], "310695005645");
    assert_eq!(c.extra["co_customertype"]["options"][1], "Legal entity");
    assert_eq!(c.extra["city"], "Amsterdam");
    assert_eq!(c.secret_word.as_ref().unwrap().expose(), "server");
    assert!(!c.extra.contains_key("co_secret"));
    assert!(!format!("{c:?}").contains(r#""server""#));
    assert_eq!(page.billing_location.as_deref(), Some("whmcs_com"));
    assert_eq!(page.groupdata.as_ref().unwrap().groupname, "Customers");
    assert_eq!(page.internal["account_id"], 3172);
    let balance = hostkey::balance(&page).unwrap();
    assert_eq!(balance.available, eur("998.39"));
    assert_eq!(balance.available.to_string(), "998.39 EUR");
    assert_eq!(balance.raw["client"]["currency_code"], "EUR");
    assert!(
        balance.raw["client"].get("co_secret").is_none(),
        "the secret word stays out of raw"
    );
}

#[test]
fn update_client_sends_the_fields_then_the_token() {
    let update = ClientUpdate::default()
        .set(ClientField::FirstName, "John")
        .set(ClientField::MarketingEmails, "on")
        .set(ClientField::SmsNumber, "310695005645");
    let call = api().update_client(&update).unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "update_client"),
                ("billing_firstname", "John"),
                ("co_marktemails", "on"),
                ("co_smsnum", "310695005645"),
                ("token", TOKEN),
            ],
        ),
    );
    assert_eq!(
        call.parse(&ok(r#"{"result":"success","clientid":"3172"}"#))
            .unwrap()
            .clientid,
        "3172"
    );
    assert!(is_field(
        api().update_client(&ClientUpdate::default().set(ClientField::TwoFaEnabled, "yes")),
        "billing_twofaenabled"
    ));
    assert!(is_field(
        api().update_client(&ClientUpdate::default().set(ClientField::AutoPayment, "true")),
        "co_autopayment"
    ));
    assert!(is_field(
        api().update_client(&ClientUpdate::default().set(ClientField::Email, "nope")),
        "billing_email"
    ));
    assert!(is_field(
        api().update_client(&ClientUpdate::default()),
        "update_client"
    ));
    let secret = api()
        .update_client(&ClientUpdate::default().set(ClientField::SecretWord, "server"))
        .unwrap();
    assert!(
        !secret.to_curl().contains("server&"),
        "{}",
        secret.to_curl()
    );
    assert!(secret.to_curl().contains("co_secret=%3Credacted%3E"));
}

#[test]
fn reset_password() {
    let call = api().reset_password("client@example.com").unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "reset_password"),
                ("email", "client@example.com"),
                ("token", TOKEN),
            ],
        ),
    );
    let done = call
        .parse(&ok(r#"{"result":"OK","message":"Password reset link was sent to the registred email.","debug":{"result":"success"}}"#))
        .unwrap();
    assert_eq!(
        done.message.as_deref(),
        Some("Password reset link was sent to the registred email.")
    );
    assert_eq!(done.debug.as_deref(), Some(r#"{"result":"success"}"#));
    let err = call
        .parse(&ok(r#"{"result":-1,"message":"Failed to identify the customer's billing, please contact support"}"#))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Provider {
            status: 200,
            message: "Failed to identify the customer's billing, please contact support".into()
        }
    );
    assert!(is_field(api().reset_password("client"), "email"));
}

#[test]
fn contacts() {
    let call = api().get_contacts().unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[("action", "get_contacts"), ("token", TOKEN)],
        ),
    );
    let contacts = call.parse(&ok(CONTACTS)).unwrap().contacts;
    let c = &contacts[0];
    assert_eq!(
        (
            c.id.as_str(),
            c.userid.as_deref(),
            c.firstname.as_str(),
            c.lastname.as_str()
        ),
        ("121", Some("3172"), "Dimitry", "Servers")
    );
    assert!(c.subaccount);
    assert_eq!(
        c.password.as_ref().unwrap().expose(),
        "$2y$10$pSlFQ1Vvq0UcKD5eE9dZ2.J5s779skGChaD0fPJB7ooURi1/KnDJm"
    );
    assert!(!format!("{c:?}").contains("$2y$10$"));
    assert!(!serde_json::to_string(c).unwrap().contains("$2y$10$"));
    assert_eq!(c.extra["updated_at"], "2023-12-22 11:31:45");
    let add = api().add_contact().unwrap();
    assert_request(
        add.request(),
        &post("/whmcs.php", &[("action", "add_contact"), ("token", TOKEN)]),
    );
    assert_eq!(
        add.parse(&ok(r#"{"result":"success","contactid":121}"#))
            .unwrap()
            .contactid,
        "121"
    );
}

#[test]
fn update_contact_in_the_documented_order() {
    let change = ContactChange {
        email: "contact@example.com".into(),
        phonenumber: Some("+79656754663".into()),
        password2: Some(Secret::new("4321")),
    };
    let call = api().update_contact("121", &change).unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "update_contact"),
                ("contact_id", "121"),
                ("token", TOKEN),
                ("email", "contact@example.com"),
                ("phonenumber", "+79656754663"),
                ("password2", "4321"),
            ],
        ),
    );
    assert!(call.to_curl().contains("password2=%3Credacted%3E"));
    assert_eq!(
        call.parse(&ok(r#"{"result":"success","contactid":121}"#))
            .unwrap()
            .contactid,
        "121"
    );
    let mut bad = change;
    bad.email = "".into();
    assert!(is_field(api().update_contact("121", &bad), "email"));
}

#[test]
fn delete_contact_sends_its_own_action() {
    let call = api().delete_contact("119").unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "delete_contact"),
                ("contact_id", "119"),
                ("token", TOKEN),
            ],
        ),
    );
    assert_eq!(
        call.parse(&ok(r#"{"result":"success","message":"119"}"#))
            .unwrap()
            .messages,
        vec!["119"]
    );
    let err = call
        .parse(&ok(r#"{"result":-1,"error":"whmcs/delete_contact: verification failed, subcontact not found"}"#))
        .unwrap_err();
    assert!(matches!(err, ProviderError::NotFound { .. }), "{err:?}");
}

#[test]
fn payment_methods() {
    let call = api().payment_methods("196727").unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "getpaymentgw"),
                ("invoice_id", "196727"),
                ("token", TOKEN),
            ],
        ),
    );
    let methods = call.parse(&ok(PAYMENT_METHODS)).unwrap().methods;
    assert_eq!(methods["paypal"].name, "PayPal");
    assert!(methods["paypal"].call.starts_with("<table><tr><td><form"));
    assert!(methods["banktransfer"]
        .call
        .contains("Reference Number: 196727"));
}

#[test]
fn billing_data_and_the_monthly_cost() {
    let call = api().billing_data("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "get_billing_data"),
                ("token", TOKEN),
                ("id", "34533"),
            ],
        ),
    );
    let b = call.parse(&ok(BILLING_DATA)).unwrap();
    assert_eq!(
        (
            b.ip.as_deref(),
            b.client_id.as_deref(),
            b.product_id.as_deref()
        ),
        (Some("nl-vmmini"), Some("3172"), Some("5724"))
    );
    assert_eq!(
        (b.billing_cycle.as_deref(), b.next_due_date.as_deref()),
        (Some("Monthly"), Some("2024-01-14"))
    );
    assert_eq!(b.billing_reccuring.as_deref(), Some("5.00"));
    assert_eq!(b.terminationdate, None);
    assert_eq!(
        b.groupdata.as_ref().unwrap().discountpercent.as_deref(),
        Some("0.00")
    );
    assert_eq!(
        (b.days_left, b.customer_name.as_deref()),
        (Some(23), Some("John Hostkey"))
    );
    assert_eq!(b.monthly_cost(), Some(eur("5.00")));
    let mut quarterly = b.clone();
    quarterly.billing_cycle = Some("Quarterly".into());
    quarterly.billing_reccuring = Some("30.00".into());
    assert_eq!(quarterly.monthly_cost(), Some(eur("10.00")));
    quarterly.billing_cycle = Some("Free Account".into());
    assert_eq!(quarterly.monthly_cost(), None);
    let detail = api()
        .show("34533")
        .unwrap()
        .parse(&ok(super::servers::SHOW))
        .unwrap();
    let server = hostkey::server(&detail, None, Some(&b));
    assert_eq!(server.monthly_cost, Some(eur("5.00")));
    assert_eq!(server.created.unwrap().to_rfc3339(), "2023-12-14T00:00:00Z");
}

#[test]
fn credits_are_account_level() {
    let call = api().credits().unwrap();
    assert_request(
        call.request(),
        &post("/whmcs.php", &[("action", "getcredits"), ("token", TOKEN)]),
    );
    let credits = call.parse(&ok(CREDITS)).unwrap();
    assert_eq!(
        (credits.totalresults, credits.clientid.as_deref()),
        (Some(5), Some("3172"))
    );
    assert_eq!(credits.credits.len(), 2);
    assert_eq!(
        (
            credits.credits[0].id.as_str(),
            credits.credits[0].amount.as_str()
        ),
        ("2526", "-5.00")
    );
    assert_eq!(
        credits.credits[1].description,
        "Credit Applied to Invoice #18580"
    );
}

#[test]
fn generate_due_invoice_and_ownership_errors() {
    let call = api().generate_due_invoice("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "generate_due_invoice"),
                ("token", TOKEN),
                ("id", "34533"),
            ],
        ),
    );
    assert_eq!(
        call.parse(&ok(r#"{"result":"OK","invoices":1}"#))
            .unwrap()
            .invoices,
        Some(1)
    );
    let err = call
        .parse(&ok(r#"{"result":-1,"error":"whmcs/generate_due_invoice: permission denied #3, this is not your server"}"#))
        .unwrap_err();
    match err {
        ProviderError::NotFound { message } => {
            assert!(message.contains("server 34533"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn transactions() {
    let call = api().transactions(Some("23455"), Some("77")).unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "transactions"),
                ("token", TOKEN),
                ("invoice_id", "23455"),
                ("transaction_id", "77"),
            ],
        ),
    );
    assert!(call
        .parse(&ok(r#"{"result":"OK","transactions":[]}"#))
        .unwrap()
        .transactions
        .is_empty());
    assert!(call
        .parse(&ok(r#"{"result":"OK","transactions":""}"#))
        .unwrap()
        .transactions
        .is_empty());
    let all = api().transactions(None, None).unwrap();
    assert_request(
        all.request(),
        &post(
            "/whmcs.php",
            &[("action", "transactions"), ("token", TOKEN)],
        ),
    );
}

#[test]
fn mass_pay_repeats_invoices() {
    let call = api().mass_pay(&["23449", "23451"]).unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "mass_pay"),
                ("token", TOKEN),
                ("invoices[]", "23449"),
                ("invoices[]", "23451"),
            ],
        ),
    );
    assert_eq!(
        call.parse(&ok(r#"{"result":"OK","invoiceid":23455}"#))
            .unwrap()
            .invoiceid,
        "23455"
    );
    let err = call
        .parse(&ok(
            r#"{"result":-1,"error":"whmcs/mass_pay: invalid request"}"#,
        ))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::Validation { ref field, .. } if field == "request"),
        "{err:?}"
    );
    assert!(is_field(api().mass_pay(&[]), "invoices"));
    assert!(is_field(api().mass_pay(&["x"]), "invoices"));
}

#[test]
fn download_invoice_returns_pdf_bytes() {
    let call = api().download_invoice("23455").unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "download_invoice"),
                ("token", TOKEN),
                ("invoice_id", "23455"),
            ],
        ),
    );
    let pdf = call
        .parse(&response(
            200,
            "%PDF-1.4\n%âãÏÓ\n1 0 obj",
            &[("content-type", "application/pdf")],
        ))
        .unwrap();
    assert!(pdf.bytes.starts_with(b"%PDF-1.4"));
    assert_eq!(pdf.content_type, "application/pdf");
    let err = call
        .parse(&ok(
            r#"{"result":-1,"error":"whmcs/download_invoice: Invalid invoice ID"}"#,
        ))
        .unwrap_err();
    assert!(matches!(err, ProviderError::NotFound { .. }), "{err:?}");
}

#[test]
fn related_invoices_of_a_server() {
    let call = api().related_invoices("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "get_related_invoices"),
                ("token", TOKEN),
                ("id", "34533"),
            ],
        ),
    );
    let list = call.parse(&ok(RELATED)).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        (
            list[0].id.as_str(),
            list[0].status.as_str(),
            list[0].paymentmethod.as_deref()
        ),
        ("23451", "Unpaid", Some("paipal"))
    );
    let unified = hostkey::invoice(&list[0], "EUR");
    assert_eq!(
        (unified.status, unified.amount.clone()),
        (InvoiceStatus::Unpaid, eur("5.00"))
    );
    assert_eq!(unified.due.unwrap().to_rfc3339(), "2024-01-14T00:00:00Z");
    let paid = hostkey::invoice(&list[1], "EUR");
    assert_eq!(
        (paid.status, paid.amount),
        (InvoiceStatus::Paid, eur("5.00")),
        "total 0.00 plus credit 5.00"
    );
    let err = call
        .parse(&ok(r#"{"result":-1,"error":"whmcs/get_related_invoices: permission denied #3, this is not your server"}"#))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::NotFound { ref message } if message.contains("server 34533"))
    );
}

#[test]
fn apply_credit() {
    let call = api().apply_credit("23449", Decimal::new(300, 2)).unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "apply_credit"),
                ("token", TOKEN),
                ("invoice_id", "23449"),
                ("amount", "3"),
            ],
        ),
    );
    let applied = call
        .parse(&ok(
            r#"{"result":"success","invoiceid":23449,"amount":300,"invoicepaid":"true"}"#,
        ))
        .unwrap();
    assert_eq!(
        (applied.invoiceid.as_str(), applied.amount.as_deref()),
        ("23449", Some("300"))
    );
    assert!(applied.invoicepaid);
    let err = call
        .parse(&ok(
            r#"{"result":-1,"error":"whmcs/apply_credit: invalid invoice id"}"#,
        ))
        .unwrap_err();
    assert!(matches!(err, ProviderError::NotFound { .. }));
    assert!(is_field(
        api().apply_credit("23449", Decimal::ZERO),
        "amount"
    ));
    assert_eq!(
        super::field(
            api()
                .apply_credit("23449", Decimal::new(250, 2))
                .unwrap()
                .request(),
            "amount"
        )
        .as_deref(),
        Some("2.5")
    );
}

#[test]
fn create_addfunds() {
    let call = api().create_addfunds(Decimal::from(10)).unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "create_addfunds"),
                ("amount", "10"),
                ("token", TOKEN),
            ],
        ),
    );
    let invoice = call
        .parse(&ok(
            r#"{"result":"OK","invoice":196727,"message":"Invoice 196727 created"}"#,
        ))
        .unwrap();
    assert_eq!(
        (invoice.invoice.as_str(), invoice.message.as_deref()),
        ("196727", Some("Invoice 196727 created"))
    );
    assert!(is_field(api().create_addfunds(Decimal::from(-5)), "amount"));
}

#[test]
fn get_invoice_with_items() {
    let call = api().get_invoice("23455").unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "get_invoice"),
                ("token", TOKEN),
                ("invoice_id", "23455"),
            ],
        ),
    );
    let inv = call.parse(&ok(INVOICE)).unwrap();
    assert_eq!(
        (
            inv.invoiceid.as_str(),
            inv.status.as_str(),
            inv.balance.as_str()
        ),
        ("23455", "Unpaid", "8.00")
    );
    assert_eq!(
        inv.total, "800.00",
        "the document's own inconsistent total is kept as sent"
    );
    assert_eq!(inv.items.len(), 2);
    assert_eq!(
        (
            inv.items[0].kind.as_str(),
            inv.items[0].relid.as_deref(),
            inv.items[0].amount.as_str()
        ),
        ("Invoice", Some("23449"), "3.00")
    );
    assert!(inv.transactions.is_empty(), "`\"\"` when empty");
    assert!(!inv.ccgateway);
    let err = call
        .parse(&ok(
            r#"{"result":-1,"error":"whmcs/get_invoice: invalid invoice id 23457 at whmcs_com"}"#,
        ))
        .unwrap_err();
    assert!(matches!(err, ProviderError::NotFound { .. }));
}

#[test]
fn get_invoices_as_unified_invoices() {
    let call = api().get_invoices().unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[("action", "get_invoices"), ("token", TOKEN)],
        ),
    );
    let list = call.parse(&ok(INVOICES)).unwrap();
    assert_eq!(
        (list.totalresults, list.numreturned, list.invoices.len()),
        (Some(6), Some(5), 5)
    );
    let unified: Vec<_> = list
        .invoices
        .iter()
        .map(|i| hostkey::invoice(i, "USD"))
        .collect();
    assert_eq!(unified[0].id, "23455");
    assert_eq!(
        unified[0].amount,
        eur("8.00"),
        "the invoice's own currency wins"
    );
    assert_eq!(unified[0].status, InvoiceStatus::Unpaid);
    assert_eq!(unified[0].description.as_deref(), Some("Invoice #23455"));
    assert_eq!(
        unified[0].created.unwrap().to_rfc3339(),
        "2023-12-25T00:00:00Z"
    );
    assert_eq!(unified[2].status, InvoiceStatus::Paid);
    assert_eq!(
        (unified[2].amount.clone(), unified[3].amount.clone()),
        (eur("3.00"), eur("5.00")),
        "paid from credit: total 0.00 plus the credit applied"
    );
    assert_eq!(list.invoices[4].subtotal, "2.5.00");
    assert_eq!(
        unified[4].amount,
        eur("0.00"),
        "credit and subtotal are both malformed: only total (0.00) is left"
    );
    assert_eq!(unified[4].raw["credit"], "2.5.00");
    let err = call
        .parse(&ok(
            r#"{"result":-2,"error":"whmcs/get_invoices: invalid token, logout"}"#,
        ))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::Auth { ref credential, .. } if credential == hostkey::SESSION_TOKEN)
    );
}

#[test]
fn request_cancellation_is_async() {
    let call = api()
        .request_cancellation(
            "34533",
            CancellationType::Immediate,
            Some("Not needing for me"),
        )
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "request_cancellation"),
                ("id", "34533"),
                ("cancellation_type", "1"),
                ("terminate_reason_custom", "Not needing for me"),
                ("token", TOKEN),
            ],
        ),
    );
    let accepted = call
        .parse(&ok(r#"{"result":"OK","action":"request_cancellation","callback":"b36a18f95ce4ac52d5ee18aaf25940cc"}"#))
        .unwrap();
    assert_eq!(accepted.callback, "b36a18f95ce4ac52d5ee18aaf25940cc");
    let err = call
        .parse(&ok(r#"{"result":-1,"error":"whmcs/request_cancellation: permission denied #3, this is not your server"}"#))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::NotFound { ref message } if message.contains("server 34533"))
    );
    let later = api()
        .request_cancellation("34533", CancellationType::EndOfPeriod, None)
        .unwrap();
    assert_eq!(
        super::field(later.request(), "cancellation_type").as_deref(),
        Some("0")
    );
    assert_eq!(
        super::field(later.request(), "terminate_reason_custom"),
        None
    );
    assert_eq!(
        CancellationType::from_number(1).unwrap(),
        CancellationType::Immediate
    );
    assert!(is_field(
        CancellationType::from_number(2),
        "cancellation_type"
    ));
}

#[test]
fn cancellation_requests() {
    let delete = api().delete_cancellation_request("34533").unwrap();
    assert_request(
        delete.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "delete_cancellation_request"),
                ("id", "34533"),
                ("token", TOKEN),
            ],
        ),
    );
    let deleted = delete
        .parse(&ok(
            r#"{"result":"success","message":["CR deleted","Invoice 23451 reactivated"]}"#,
        ))
        .unwrap();
    assert_eq!(
        deleted.messages,
        vec!["CR deleted", "Invoice 23451 reactivated"]
    );
    let list = api().cancellation_requests(Some("34533")).unwrap();
    assert_request(
        list.request(),
        &post(
            "/whmcs.php",
            &[
                ("action", "get_cancellation_requests"),
                ("id", "34533"),
                ("token", TOKEN),
            ],
        ),
    );
    let requests = list.parse(&ok(CANCELLATIONS)).unwrap();
    assert_eq!(
        (
            requests[0].id.as_str(),
            requests[0].relid.as_deref(),
            requests[0].kind.as_str()
        ),
        ("507", Some("5724"), "End of Billing Period")
    );
    assert_eq!(requests[0].reason.as_deref(), Some("Not needing for me"));
    let all = api().cancellation_requests(None).unwrap();
    assert_request(
        all.request(),
        &post(
            "/whmcs.php",
            &[("action", "get_cancellation_requests"), ("token", TOKEN)],
        ),
    );
}
