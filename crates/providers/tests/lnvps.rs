//! LNVPS contract tests: every request and response example of the LNVPS
//! document (the seed), endpoint by endpoint, including its Key Endpoints
//! table and VM creation flow.

mod common;

use common::{assert_request, ok, response, Body, Expected};
use providers::lnvps::{
    self, is_public, AccountPatch, Api, BtcUnit, NewSshKey, NewVm, PaymentData, Renewal,
    SubscriptionRenewal, UpgradeRequest, VmPatch, VmSize,
};
use providers::{InvoiceStatus, PowerAction, ProviderError, Secret, ServerStatus, Timestamp};

const JSON: (&str, &str) = ("Content-Type", "application/json");

fn api() -> Api {
    Api::new(None).unwrap()
}

fn get(path: &str) -> Expected<'_> {
    Expected {
        method: "GET",
        path,
        query: &[],
        headers: &[],
        body: None,
    }
}

fn patch(path: &str) -> Expected<'_> {
    Expected {
        method: "PATCH",
        path,
        query: &[],
        headers: &[],
        body: None,
    }
}

// ── Step 1: SSH key ───────────────────────────────────────────────────────

#[test]
fn add_ssh_key() {
    let key = NewSshKey {
        name: "my-key".into(),
        key_data: "ssh-ed25519 AAAAC3...".into(),
    };
    let call = api().add_ssh_key(&key).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/ssh-key",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"name": "my-key", "key_data": "ssh-ed25519 AAAAC3..."}"#,
            )),
        },
    );
    assert!(!is_public(call.request()));
    let stored = call
        .parse(&ok(
            r#"{ "data": { "id": 1, "name": "my-key", "created": "2024-01-01T00:00:00Z" } }"#,
        ))
        .unwrap();
    assert_eq!((stored.id, stored.name.as_str()), (1, "my-key"));
    assert_eq!(stored.created.as_deref(), Some("2024-01-01T00:00:00Z"));
    assert!(stored.vms.is_empty());
    let unified = lnvps::ssh_key(&stored);
    assert_eq!(
        (unified.id.as_str(), unified.name.as_str()),
        ("1", "my-key")
    );
    assert_eq!(unified.created, Some(Timestamp(1_704_067_200)));
    assert_eq!(unified.public_key, None);
}

#[test]
fn list_ssh_keys() {
    let call = api().ssh_keys();
    assert_request(call.request(), &get("/api/v1/ssh-key"));
    let keys = call
        .parse(&ok(
            r#"{"data":[{"id":1,"name":"my-key","created":"2024-01-01T00:00:00Z"}]}"#,
        ))
        .unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].name, "my-key");
}

// ── Step 2: images and templates (public) ─────────────────────────────────

#[test]
fn images_are_public() {
    let call = api().images(None);
    assert_request(call.request(), &get("/api/v1/image"));
    assert!(is_public(call.request()));
    let images = call
        .parse(&ok(r#"{ "data": [ { "id": 1, "distribution": "ubuntu", "version": "24.04", "default_username": "ubuntu" } ] }"#))
        .unwrap();
    let ubuntu = &images[0];
    assert_eq!(
        (
            ubuntu.id,
            ubuntu.distribution.as_str(),
            ubuntu.version.as_str()
        ),
        (1, "ubuntu", "24.04")
    );
    assert_eq!(ubuntu.default_username.as_deref(), Some("ubuntu"));
    let unified = lnvps::image(ubuntu);
    assert_eq!(
        (
            unified.id.as_str(),
            unified.name.as_str(),
            unified.available
        ),
        ("1", "Ubuntu 24.04", true)
    );
    assert_eq!(unified.raw["default_username"], "ubuntu");
}

#[test]
fn templates_are_public() {
    let call = api().templates();
    assert_request(call.request(), &get("/api/v1/vm/templates"));
    assert!(is_public(call.request()));
    let t = call
        .parse(&ok(r#"{ "data": [ { "id": 1, "name": "VPS-Small", "cpu": 1, "memory": 1073741824, "disk_size": 21474836480, "cost_plan": { "amount": 500, "currency": "EUR" } } ] }"#))
        .unwrap();
    assert!(t.custom_template.is_empty());
    let small = &t.templates[0];
    assert_eq!(
        (
            small.id,
            small.name.as_str(),
            small.cpu,
            small.memory,
            small.disk_size
        ),
        (1, "VPS-Small", 1, 1_073_741_824, 21_474_836_480)
    );
    let cost = small.cost_plan.as_ref().unwrap();
    assert_eq!(
        (
            cost.amount,
            cost.currency.as_str(),
            cost.interval_amount,
            cost.interval_type.as_str()
        ),
        (500, "EUR", 1, "month")
    );
    let plan = lnvps::plan(small);
    assert_eq!((plan.id.as_str(), plan.name.as_str()), ("1", "VPS-Small"));
    assert_eq!(
        (plan.cpu_cores, plan.memory_bytes, plan.disk_bytes),
        (Some(1), Some(1 << 30), Some(20 << 30))
    );
    let monthly = plan.monthly_price.unwrap();
    assert_eq!(monthly.to_string(), "5.00 EUR");
    assert_eq!(monthly.minor_units(), 500);
}

// ── Step 3: order ─────────────────────────────────────────────────────────

const UNPAID_VM: &str = r#"{"id":123,"created":"2024-01-01T00:00:00Z","expires":"2024-01-01T00:00:00Z",
  "image":{"id":1,"distribution":"ubuntu","version":"24.04","default_username":"ubuntu"},
  "template":{"id":1,"name":"VPS-Small","cpu":1,"memory":1073741824,"disk_size":21474836480,"cost_plan":{"amount":500,"currency":"EUR"}},
  "ssh_key":{"id":1,"name":"my-key","created":"2024-01-01T00:00:00Z"},
  "ip_assignments":[],"status":{"state":"unknown"}}"#;

fn data(json: &str) -> String {
    format!(r#"{{"data":{json}}}"#)
}

#[test]
fn create_vm_is_unpaid() {
    let call = api().create_vm(&NewVm {
        template_id: 1,
        image_id: 1,
        ssh_key_id: 1,
        ref_code: None,
    });
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/vm",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"template_id": 1, "image_id": 1, "ssh_key_id": 1}"#,
            )),
        },
    );
    let vm = call.parse(&ok(&data(UNPAID_VM))).unwrap();
    assert_eq!(vm.id, 123);
    assert_eq!(
        vm.created, vm.expires,
        "the seed: expires = created while unpaid"
    );
    assert!(vm.is_unpaid_order());
    let server = lnvps::server(&vm);
    assert_eq!(server.status, ServerStatus::PendingPayment);
    assert_eq!(server.plan.as_deref(), Some("VPS-Small"));
    assert_eq!(server.monthly_cost.unwrap().minor_units(), 500);
}

#[test]
fn create_vm_sends_a_referral_code_when_given() {
    let call = api().create_vm(&NewVm {
        template_id: 1,
        image_id: 5,
        ssh_key_id: 7,
        ref_code: Some("FRIEND".into()),
    });
    let body: serde_json::Value = serde_json::from_slice(call.request().body()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"template_id":1,"image_id":5,"ssh_key_id":7,"ref_code":"FRIEND"})
    );
}

// ── Step 4: invoice ───────────────────────────────────────────────────────

const SEED_PAYMENT: &str = r#"{
  "data": {
    "id": "a1b2c3d4...",
    "amount": 21000,
    "currency": "BTC",
    "is_paid": false,
    "data": { "Lightning": "lnbc210u1pj..." },
    "time": 2592000
  }
}"#;

#[test]
fn renew_gives_a_lightning_invoice() {
    let call = api().renew(123, &Renewal::lightning()).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/v1/vm/123/renew",
            query: &[("method", "lightning")],
            headers: &[],
            body: None,
        },
    );
    let payment = call.parse(&ok(SEED_PAYMENT)).unwrap();
    assert_eq!(
        (
            payment.id.as_str(),
            payment.amount,
            payment.currency.as_str()
        ),
        ("a1b2c3d4...", 21_000, "BTC")
    );
    assert!(!payment.is_paid);
    assert_eq!(payment.time, 2_592_000);
    assert_eq!(
        payment.data,
        Some(PaymentData::Lightning("lnbc210u1pj...".into()))
    );
    assert_eq!(payment.bolt11(), Some("lnbc210u1pj..."));
    // `amount` is in satoshis (the seed): the invoice's 210 µBTC agrees.
    assert_eq!(
        lnvps::btc_unit(payment.amount, payment.bolt11()),
        BtcUnit::Sats
    );
    let invoice = lnvps::vm_payment_invoice(&payment, Timestamp(1_704_067_200));
    assert_eq!(invoice.amount.minor_units(), 21_000);
    assert_eq!(invoice.amount.to_string(), "21000 sat");
    assert_eq!(invoice.status, InvoiceStatus::Unpaid);
    assert_eq!(invoice.bolt11.as_deref(), Some("lnbc210u1pj..."));
    assert_eq!(invoice.description.as_deref(), Some("Renewal (30 days)"));
}

#[test]
fn renew_takes_intervals_and_a_code() {
    let renewal = Renewal {
        method: lnvps::PayWith::Nwc,
        intervals: Some(3),
        code: Some("SAVE10".into()),
    };
    let call = api().renew(123, &renewal).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/v1/vm/123/renew",
            query: &[("method", "nwc"), ("intervals", "3"), ("code", "SAVE10")],
            headers: &[],
            body: None,
        },
    );
}

// ── Steps 5–7: polling ────────────────────────────────────────────────────

#[test]
fn payment_until_paid() {
    let call = api().payment("a1b2c3d4").unwrap();
    assert_request(call.request(), &get("/api/v1/payment/a1b2c3d4"));
    let paid = call
        .parse(&ok(r#"{"data":{"id":"a1b2c3d4","amount":21000,"currency":"BTC","is_paid":true,"data":{"Lightning":"lnbc210u1pj..."},"time":2592000}}"#))
        .unwrap();
    assert!(paid.is_paid);
    assert_eq!(
        lnvps::vm_payment_invoice(&paid, Timestamp(0)).status,
        InvoiceStatus::Paid
    );
}

#[test]
fn vm_until_running() {
    let call = api().vm(123);
    assert_request(call.request(), &get("/api/v1/vm/123"));
    let body = UNPAID_VM
        .replace(
            r#""expires":"2024-01-01T00:00:00Z""#,
            r#""expires":"2024-01-31T00:00:00Z""#,
        )
        .replace(r#"{"state":"unknown"}"#, r#"{"state":"running"}"#);
    let vm = call.parse(&ok(&data(&body))).unwrap();
    assert_eq!(vm.state(), "running");
    let server = lnvps::server(&vm);
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(server.expires.unwrap().to_rfc3339(), "2024-01-31T00:00:00Z");
}

// ── Key Endpoints table ───────────────────────────────────────────────────

#[test]
fn list_vms() {
    let call = api().list_vms();
    assert_request(call.request(), &get("/api/v1/vm"));
    let vms = call.parse(&ok(&data(&format!("[{UNPAID_VM}]")))).unwrap();
    assert_eq!(vms.len(), 1);
    assert_eq!(vms[0].template.as_ref().unwrap().name, "VPS-Small");
}

#[test]
fn start_stop_restart() {
    for (action, path) in [
        (PowerAction::Start, "/api/v1/vm/123/start"),
        (PowerAction::Stop, "/api/v1/vm/123/stop"),
        (PowerAction::Restart, "/api/v1/vm/123/restart"),
    ] {
        let call = api().power(123, action);
        assert_request(call.request(), &patch(path));
        call.parse(&ok(r#"{"data":null}"#)).unwrap();
        call.parse(&response(200, "", &[])).unwrap();
    }
}

#[test]
fn reinstall() {
    let call = api().reinstall(123, None);
    assert_request(call.request(), &patch("/api/v1/vm/123/re-install"));
    call.parse(&ok(r#"{"data":null}"#)).unwrap();
    let call = api().reinstall(123, Some(5));
    assert_request(
        call.request(),
        &Expected {
            method: "PATCH",
            path: "/api/v1/vm/123/re-install",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(r#"{"image_id":5}"#)),
        },
    );
}

#[test]
fn set_reverse_dns() {
    let change = VmPatch {
        reverse_dns: Some("myserver.example.com".into()),
        ..VmPatch::default()
    };
    let call = api().update_vm(123, &change).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "PATCH",
            path: "/api/v1/vm/123",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(r#"{"reverse_dns": "myserver.example.com"}"#)),
        },
    );
    call.parse(&ok(r#"{"data":null}"#)).unwrap();
}

#[test]
fn upgrade_quote() {
    let current = VmSize {
        cpu: 2,
        memory: 4 << 30,
        disk: 80 << 30,
    };
    let up = UpgradeRequest {
        cpu: Some(4),
        memory: Some(8_589_934_592),
        disk: Some(107_374_182_400),
    };
    let call = api().upgrade_quote(123, current, &up, None).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/vm/123/upgrade/quote",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"cpu": 4, "memory": 8589934592, "disk": 107374182400}"#,
            )),
        },
    );
    let quote = call
        .parse(&ok(r#"{"data":{"cost_difference":{"currency":"EUR","amount":250},"new_renewal_cost":{"currency":"EUR","amount":900},"discount":{"currency":"EUR","amount":120},"tax":{"currency":"EUR","amount":58},"processing_fee":{"currency":"EUR","amount":0}}}"#))
        .unwrap();
    assert_eq!(
        (quote.cost_difference.amount, quote.new_renewal_cost.amount),
        (250, 900)
    );
    assert_eq!(quote.discount.unwrap().amount, 120);
    assert_eq!(quote.tax.unwrap().amount, 58);
}

#[test]
fn upgrade() {
    let current = VmSize {
        cpu: 2,
        memory: 4 << 30,
        disk: 80 << 30,
    };
    let up = UpgradeRequest {
        cpu: Some(4),
        ..UpgradeRequest::default()
    };
    let call = api()
        .upgrade(123, current, &up, Some(lnvps::PayWith::Lightning), None)
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/vm/123/upgrade",
            query: &[("method", "lightning")],
            headers: &[JSON],
            body: Some(Body::Json(r#"{"cpu":4}"#)),
        },
    );
    let payment = call
        .parse(&ok(r#"{"data":{"id":"beef","vm_id":123,"amount":250,"currency":"EUR","is_paid":false,"data":{"lightning":"lnbc1pvjluez"},"time":0,"is_upgrade":true}}"#))
        .unwrap();
    assert!(payment.is_upgrade);
    let invoice = lnvps::vm_payment_invoice(&payment, Timestamp(0));
    assert_eq!(invoice.amount.to_string(), "2.50 EUR");
    assert_eq!(invoice.description.as_deref(), Some("Upgrade of VM 123"));
}

#[test]
fn history() {
    let call = api().history(123, None);
    assert_request(call.request(), &get("/api/v1/vm/123/history"));
    let page = call
        .parse(&ok(r#"{"data":[{"id":1,"vm_id":123,"action_type":"created","timestamp":"2024-01-01T00:00:00Z","initiated_by":"owner","previous_state":null,"new_state":null,"metadata":null,"description":"VM created"}]}"#))
        .unwrap();
    assert_eq!(page.items[0].action_type, "created");
    assert_eq!(page.items[0].initiated_by.as_deref(), Some("owner"));
    assert_eq!(page.total, None);
    let call = api().history(
        123,
        Some(lnvps::PageRequest {
            limit: 20,
            offset: 40,
        }),
    );
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/v1/vm/123/history",
            query: &[("limit", "20"), ("offset", "40")],
            headers: &[],
            body: None,
        },
    );
}

#[test]
fn time_series() {
    let call = api().time_series(123);
    assert_request(call.request(), &get("/api/v1/vm/123/time-series"));
    let points = call
        .parse(&ok(r#"{"data":[{"timestamp":1754042400,"cpu":0.021,"memory":412345678.0,"memory_size":1073741824,"net_in":1532.4,"net_out":880.1,"disk_write":20480.0,"disk_read":0.0}]}"#))
        .unwrap();
    assert_eq!(points[0].timestamp, Some(1_754_042_400));
    assert_eq!(points[0].memory_size, 1_073_741_824.0);
}

#[test]
fn account() {
    let call = api().account();
    assert_request(call.request(), &get("/api/v1/account"));
    let account = call
        .parse(&ok(
            r#"{ "data": { "email": "user@example.com", "email_verified": true } }"#,
        ))
        .unwrap();
    assert_eq!(account.email.as_deref(), Some("user@example.com"));
    assert_eq!(account.email_verified, Some(true));
}

#[test]
fn trigger_verification_email() {
    let patch = AccountPatch {
        email: Some("user@example.com".into()),
        ..AccountPatch::default()
    };
    let call = api().update_account(&patch).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "PATCH",
            path: "/api/v1/account",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(r#"{"email": "user@example.com"}"#)),
        },
    );
    assert!(call
        .parse(&ok(r#"{"data":null}"#))
        .unwrap()
        .warnings
        .is_empty());
}

#[test]
fn enable_auto_renewal_with_nwc() {
    let patch = AccountPatch {
        nwc_connection_string: Some(Secret::new("nostr+walletconnect://...")),
        ..AccountPatch::default()
    };
    let call = api().update_account(&patch).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "PATCH",
            path: "/api/v1/account",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"nwc_connection_string": "nostr+walletconnect://..."}"#,
            )),
        },
    );
}

#[test]
fn confirm_the_email_token() {
    let call = api().verify_email(&Secret::new("abc123")).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/v1/account/verify-email",
            query: &[("token", "abc123")],
            headers: &[],
            body: None,
        },
    );
    // "Returns 200 OK with no body on success."
    call.parse(&response(200, "", &[])).unwrap();
}

#[test]
fn payment_methods_are_listed() {
    let call = api().payment_methods();
    assert_request(call.request(), &get("/api/v1/payment/methods"));
    assert!(is_public(call.request()));
    let methods = call
        .parse(&ok(
            r#"{"data":[{"name":"lightning","currencies":["BTC"]}]}"#,
        ))
        .unwrap();
    assert_eq!(methods[0].name, "lightning");
    assert_eq!(methods[0].currencies, vec!["BTC"]);
}

#[test]
fn subscriptions_are_paginated() {
    let call = api().subscriptions(None);
    assert_request(call.request(), &get("/api/v1/subscriptions"));
    let page = call
        .parse(&ok(r#"{"data":[{"id":55,"name":"VM 123","description":null,"created":"2024-01-01T00:00:00Z","expires":null,"is_active":true,"auto_renewal_enabled":false,"company_id":1,"line_items":[]}],"total":100,"limit":20,"offset":0}"#))
        .unwrap();
    assert_eq!(
        (page.total, page.limit, page.offset),
        (Some(100), Some(20), Some(0))
    );
    assert_eq!(page.items[0].id, 55);
    assert!(page.items[0].is_active);
}

#[test]
fn renew_subscription() {
    let call = api()
        .renew_subscription(55, &SubscriptionRenewal::default())
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/v1/subscriptions/55/renew",
            query: &[("method", "lightning")],
            headers: &[],
            body: None,
        },
    );
}

#[test]
fn ip_spaces_are_public_and_paginated() {
    let call = api().ip_spaces(None);
    assert_request(call.request(), &get("/api/v1/ip_space"));
    assert!(is_public(call.request()));
    let page = call
        .parse(&ok(r#"{"data":[],"total":0,"limit":20,"offset":0}"#))
        .unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.total, Some(0));
}

#[test]
fn contact_form() {
    let form = lnvps::ContactForm {
        subject: "Question".into(),
        message: "Hello".into(),
        email: "user@example.com".into(),
        name: "Jane".into(),
        user_pubkey: None,
        timestamp: "2024-01-01T00:00:00Z".into(),
        turnstile_token: "tt".into(),
    };
    let call = api().contact(&form).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/contact",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"subject":"Question","message":"Hello","email":"user@example.com","name":"Jane","timestamp":"2024-01-01T00:00:00Z","turnstile_token":"tt"}"#,
            )),
        },
    );
    call.parse(&ok(r#"{"data":null}"#)).unwrap();
}

// ── Response and error formats ────────────────────────────────────────────

#[test]
fn the_documented_error_format_is_read() {
    let err = api()
        .vm(123)
        .parse(&response(
            404,
            r#"{ "error": "Description of the error" }"#,
            &[],
        ))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::NotFound {
            message: "Description of the error".into()
        }
    );
}

#[test]
fn nak_examples_build_the_same_urls() {
    assert_eq!(
        api()
            .renew(123, &Renewal::lightning())
            .unwrap()
            .request()
            .uri()
            .to_string(),
        "https://api.lnvps.net/api/v1/vm/123/renew?method=lightning"
    );
    assert_eq!(
        api()
            .payment("PAYMENT_ID")
            .unwrap()
            .request()
            .uri()
            .to_string(),
        "https://api.lnvps.net/api/v1/payment/PAYMENT_ID"
    );
    assert_eq!(
        api().list_vms().request().uri().to_string(),
        "https://api.lnvps.net/api/v1/vm"
    );
}

#[test]
fn base_url_override_keeps_its_prefix() {
    let api = Api::new(Some("http://127.0.0.1:8080/lnvps")).unwrap();
    assert_eq!(
        api.vm(7).request().uri().to_string(),
        "http://127.0.0.1:8080/lnvps/api/v1/vm/7"
    );
    assert!(Api::new(Some("ftp://x")).is_err());
}
