//! LNVPS as the live server answers (lnvps.md §2): the shapes that differ
//! from the seed, and the endpoints a control panel needs beyond it.

mod common;

use common::{assert_request, ok, response, Body, Expected};
use providers::lnvps::{
    self, is_public, AccountPatch, Api, BtcUnit, CpuArch, CustomVmOrder, CustomVmSpec,
    LineItemResource, NewLineItem, NewNwcMethod, NewSubscription, PageRequest, PayWith,
    PaymentData, Renewal, SavedMethodPatch, SubscriptionRenewal,
};
use providers::{
    InvoiceStatus, MetricKind, MetricUnit, ProgressState, Secret, ServerStatus, Timestamp,
};

const JSON: (&str, &str) = ("Content-Type", "application/json");

fn api() -> Api {
    Api::new(None).unwrap()
}

fn get<'a>(path: &'a str, query: &'a [(&'a str, &'a str)]) -> Expected<'a> {
    Expected {
        method: "GET",
        path,
        query,
        headers: &[],
        body: None,
    }
}

fn data(json: &str) -> String {
    format!(r#"{{"data":{json}}}"#)
}

/// The VM status example of lnvps.md §2.2.
const LIVE_VM: &str = r#"{"id":123,"created":"2026-08-01T10:00:00Z","expires":"2026-09-01T10:00:00Z","mac_address":"bc:24:11:00:00:01",
 "image":{"id":5,"distribution":"ubuntu","flavour":"server","version":"24.04","release_date":"2024-04-25T00:00:00Z",
          "cpu_arch":"x86_64","default_username":"ubuntu","popularity":0.0},
 "template":{"id":1,"name":"Tiny","created":"2025-01-01T00:00:00Z","cpu":1,"memory":1073741824,"disk_size":42949672960,
   "disk_type":"ssd","disk_interface":"pcie",
   "cost_plan":{"id":1,"name":"Tiny","currency":"EUR","amount":300,"other_price":[{"currency":"BTC","amount":3400000}],
                "interval_amount":1,"interval_type":"month"},
   "region":{"id":1,"name":"Dublin","company_id":1},"cpu_mfg":"amd","cpu_arch":"x86_64","ip4_count":1,"ip6_count":1},
 "ssh_key":{"id":7,"name":"laptop","created":"2026-07-01T00:00:00Z","vms":[]},
 "ip_assignments":[{"id":9,"ip":"203.0.113.10/24","gateway":"203.0.113.1","forward_dns":"vm-123.example.net","reverse_dns":null}],
 "status":{"timestamp":1754042400,"state":"running","cpu_usage":0.03,"mem_usage":0.41,"uptime":86400,
           "net_in":123456,"net_out":654321,"disk_write":1024,"disk_read":2048},
 "auto_renewal_enabled":false,"deleting_on":"2026-09-08T10:00:00Z","subscription_id":55,
 "max_prepay_days":365,"cpu_arch":"x86_64",
 "host_ssh_keys":[{"key_type":"ssh-ed25519","public_key":"AAAAC3Nz...","fingerprint_sha256":"SHA256:..."}]}"#;

#[test]
fn live_vm_status_reads_every_field() {
    let vm = api().vm(123).parse(&ok(&data(LIVE_VM))).unwrap();
    assert_eq!(vm.mac_address.as_deref(), Some("bc:24:11:00:00:01"));
    assert_eq!(
        vm.image.as_ref().unwrap().flavour.as_deref(),
        Some("server")
    );
    let t = vm.template.as_ref().unwrap();
    assert_eq!(
        (
            t.disk_type.as_deref(),
            t.disk_interface.as_deref(),
            t.cpu_mfg.as_deref()
        ),
        (Some("ssd"), Some("pcie"), Some("amd"))
    );
    assert_eq!((t.ip4_count, t.ip6_count), (Some(1), Some(1)));
    assert_eq!(
        t.cost_plan.as_ref().unwrap().other_price[0].amount,
        3_400_000
    );
    assert_eq!(vm.ssh_key.as_ref().unwrap().id, 7);
    assert_eq!(vm.ip_assignments[0].gateway.as_deref(), Some("203.0.113.1"));
    let status = vm.status.as_ref().unwrap();
    assert_eq!(
        (
            status.timestamp,
            status.uptime,
            status.net_in,
            status.disk_read
        ),
        (
            Some(1_754_042_400),
            Some(86_400),
            Some(123_456),
            Some(2_048)
        )
    );
    assert_eq!(vm.subscription_id, Some(55));
    assert_eq!(vm.max_prepay_days, Some(365));
    assert_eq!(vm.deleting_on.as_deref(), Some("2026-09-08T10:00:00Z"));
    assert_eq!(
        vm.host_ssh_keys[0].fingerprint_sha256.as_deref(),
        Some("SHA256:...")
    );
    assert_eq!(
        vm.size(),
        Some(lnvps::VmSize {
            cpu: 1,
            memory: 1 << 30,
            disk: 40 << 30
        })
    );
}

#[test]
fn live_vm_as_a_server() {
    let vm = api().vm(123).parse(&ok(&data(LIVE_VM))).unwrap();
    let s = lnvps::server(&vm);
    assert_eq!(
        (
            s.id.as_str(),
            s.name.as_str(),
            s.status,
            s.raw_status.as_str()
        ),
        (
            "123",
            "vm-123.example.net",
            ServerStatus::Running,
            "running"
        )
    );
    assert_eq!(s.ips, vec!["203.0.113.10/24"]);
    assert_eq!(
        (s.plan.as_deref(), s.region.as_deref()),
        (Some("Tiny"), Some("Dublin"))
    );
    assert_eq!(
        (s.specs.cpu_cores, s.specs.memory_bytes, s.specs.disk_bytes),
        (Some(1), Some(1 << 30), Some(40 << 30))
    );
    assert_eq!(s.created.unwrap().to_rfc3339(), "2026-08-01T10:00:00Z");
    assert_eq!(s.expires.unwrap().to_rfc3339(), "2026-09-01T10:00:00Z");
    assert_eq!(s.monthly_cost.unwrap().to_string(), "3.00 EUR");
    assert_eq!(s.raw["mac_address"], "bc:24:11:00:00:01");
    assert_eq!(s.raw["status"]["cpu_usage"], 0.03);
}

#[test]
fn usage_as_fractions_or_percentages() {
    let vm = api().vm(123).parse(&ok(&data(LIVE_VM))).unwrap();
    let status = vm.status.unwrap();
    assert_eq!(status.cpu_percent(), Some(3.0));
    assert!((status.mem_percent().unwrap() - 41.0).abs() < 1e-9);
    let documented = LIVE_VM.replace(
        r#""cpu_usage":0.03,"mem_usage":0.41"#,
        r#""cpu_usage":12.5,"mem_usage":41"#,
    );
    let status = api()
        .vm(123)
        .parse(&ok(&data(&documented)))
        .unwrap()
        .status
        .unwrap();
    assert_eq!(
        (status.cpu_percent(), status.mem_percent()),
        (Some(12.5), Some(41.0))
    );
}

#[test]
fn server_states() {
    for (state, expected) in [
        ("running", ServerStatus::Running),
        ("stopped", ServerStatus::Stopped),
        ("creating", ServerStatus::Provisioning),
        ("unknown", ServerStatus::Unknown),
        ("error", ServerStatus::Error),
    ] {
        let body = LIVE_VM.replace(r#""state":"running""#, &format!(r#""state":"{state}""#));
        let vm = api().vm(123).parse(&ok(&data(&body))).unwrap();
        assert_eq!(lnvps::server(&vm).status, expected, "{state}");
    }
}

#[test]
fn a_never_paid_vm_is_pending_payment() {
    let body = LIVE_VM
        .replace(r#""expires":"2026-09-01T10:00:00Z""#, r#""expires":null"#)
        .replace(
            r#""deleting_on":"2026-09-08T10:00:00Z","subscription_id":55"#,
            r#""deleting_on":null,"subscription_id":null"#,
        )
        .replace(r#""state":"running""#, r#""state":"unknown""#);
    let vm = api().vm(123).parse(&ok(&data(&body))).unwrap();
    assert!(vm.is_unpaid_order());
    assert_eq!(lnvps::server(&vm).status, ServerStatus::PendingPayment);
    assert_eq!(lnvps::server(&vm).expires, None);
}

#[test]
fn an_old_style_status_word_is_read() {
    let body = LIVE_VM.replace(
        r#"{"timestamp":1754042400,"state":"running","cpu_usage":0.03,"mem_usage":0.41,"uptime":86400,
           "net_in":123456,"net_out":654321,"disk_write":1024,"disk_read":2048}"#,
        r#""stopped""#,
    );
    let vm = api().vm(123).parse(&ok(&data(&body))).unwrap();
    assert_eq!(vm.state(), "stopped");
    assert_eq!(lnvps::server(&vm).status, ServerStatus::Stopped);
}

#[test]
fn monthly_cost_scales_the_interval() {
    let plan = |amount: u64, n: u64, kind: &str| lnvps::CostPlan {
        id: None,
        name: None,
        currency: "EUR".into(),
        amount,
        other_price: vec![],
        interval_amount: n,
        interval_type: kind.into(),
    };
    assert_eq!(
        lnvps::monthly_cost(&plan(900, 3, "month"))
            .unwrap()
            .to_string(),
        "3.00 EUR"
    );
    assert_eq!(
        lnvps::monthly_cost(&plan(10, 1, "day"))
            .unwrap()
            .to_string(),
        "3.00 EUR"
    );
    assert_eq!(
        lnvps::monthly_cost(&plan(3600, 1, "year"))
            .unwrap()
            .to_string(),
        "3.00 EUR"
    );
    assert_eq!(
        lnvps::monthly_cost(&plan(1000, 1, "year"))
            .unwrap()
            .to_string(),
        "0.83 EUR"
    );
    assert_eq!(lnvps::monthly_cost(&plan(100, 1, "fortnight")), None);
    let mut btc = plan(21_000, 1, "month");
    btc.currency = "BTC".into();
    assert_eq!(lnvps::monthly_cost(&btc).unwrap().to_string(), "21000 sat");
}

#[test]
fn templates_with_custom_plans() {
    let body = r#"{"data":{"templates":[{"id":1,"name":"Tiny","cpu":1,"memory":1073741824,"disk_size":42949672960,"cost_plan":{"currency":"EUR","amount":300,"interval_amount":1,"interval_type":"month"},"region":{"id":1,"name":"Dublin"}}],
      "custom_template":[{"id":2,"name":"Custom","region":{"id":1,"name":"Dublin"},"max_cpu":8,"min_cpu":1,"min_memory":1073741824,"max_memory":17179869184,
        "min_ip4":1,"max_ip4":4,"min_ip6":0,"max_ip6":16,"disks":[{"min_disk":10737418240,"max_disk":214748364800,"disk_type":"ssd","disk_interface":"pcie"}]}]}}"#;
    let t = api().templates().parse(&ok(body)).unwrap();
    assert_eq!(t.templates[0].name, "Tiny");
    assert_eq!(lnvps::plan(&t.templates[0]).locations, vec!["Dublin"]);
    let custom = &t.custom_template[0];
    assert_eq!(
        (custom.id, custom.min_cpu, custom.max_cpu, custom.max_ip4),
        (2, 1, 8, Some(4))
    );
    assert_eq!(custom.disks[0].max_disk, 200 << 30);
    let without = api()
        .templates()
        .parse(&ok(r#"{"data":{"templates":[]}}"#))
        .unwrap();
    assert!(without.custom_template.is_empty());
}

fn custom_template() -> lnvps::CustomTemplate {
    serde_json::from_str(
        r#"{"id":2,"name":"Custom","max_cpu":8,"min_cpu":1,"min_memory":1073741824,"max_memory":17179869184,"min_ip4":1,"max_ip4":4,"min_ip6":0,"max_ip6":16,
            "disks":[{"min_disk":10737418240,"max_disk":214748364800,"disk_type":"ssd","disk_interface":"pcie"}]}"#,
    )
    .unwrap()
}

fn custom_spec() -> CustomVmSpec {
    CustomVmSpec {
        pricing_id: 2,
        cpu: 2,
        memory: 2_147_483_648,
        disk: 64_424_509_440,
        disk_type: "ssd".into(),
        disk_interface: "pcie".into(),
        cpu_mfg: None,
        cpu_arch: None,
        cpu_feature: vec![],
        ip4_count: Some(1),
        ip6_count: Some(1),
    }
}

#[test]
fn custom_price_is_public() {
    let call = api()
        .custom_price(&custom_template(), &custom_spec())
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/vm/custom-template/price",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"pricing_id":2,"cpu":2,"memory":2147483648,"disk":64424509440,"disk_type":"ssd","disk_interface":"pcie","ip4_count":1,"ip6_count":1}"#,
            )),
        },
    );
    assert!(is_public(call.request()));
    let price = call
        .parse(&ok(r#"{"data":{"currency":"EUR","amount":750,"other_price":[],"interval_amount":1,"interval_type":"month"}}"#))
        .unwrap();
    assert_eq!(
        (price.currency.as_str(), price.amount, price.interval_amount),
        ("EUR", 750, 1)
    );
    assert_eq!(price.interval_type.as_deref(), Some("month"));
}

#[test]
fn custom_order_flattens_the_build() {
    let order = CustomVmOrder {
        spec: custom_spec(),
        image_id: 5,
        ssh_key_id: 7,
        ref_code: None,
    };
    let call = api().create_custom_vm(&custom_template(), &order).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/vm/custom-template",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"pricing_id":2,"cpu":2,"memory":2147483648,"disk":64424509440,"disk_type":"ssd","disk_interface":"pcie","ip4_count":1,"ip6_count":1,"image_id":5,"ssh_key_id":7}"#,
            )),
        },
    );
    assert!(!is_public(call.request()));
    assert_eq!(call.parse(&ok(&data(LIVE_VM))).unwrap().id, 123);
}

#[test]
fn images_by_architecture() {
    let call = api().images(Some(CpuArch::Arm64));
    assert_request(call.request(), &get("/api/v1/image", &[("arch", "arm64")]));
    let images = call
        .parse(&ok(r#"{"data":[{"id":8,"distribution":"rockylinux","flavour":"","version":"9","release_date":"2024-01-01T00:00:00Z","cpu_arch":"arm64","default_username":null,"popularity":0.25}]}"#))
        .unwrap();
    assert_eq!(lnvps::image(&images[0]).name, "Rocky Linux 9");
    assert_eq!(images[0].default_username, None);
    assert_eq!(images[0].popularity, Some(0.25));
}

#[test]
fn ssh_keys_list_their_vms_and_can_be_deleted() {
    let keys = api().ssh_keys().parse(&ok(r#"{"data":[{"id":7,"name":"laptop","created":"2026-07-01T00:00:00Z","vms":[123,124]}]}"#)).unwrap();
    assert_eq!(keys[0].vms, vec![123, 124]);
    let call = api().delete_ssh_key(7);
    assert_request(
        call.request(),
        &Expected {
            method: "DELETE",
            path: "/api/v1/ssh-key/7",
            query: &[],
            headers: &[],
            body: None,
        },
    );
    call.parse(&ok(r#"{"data":null}"#)).unwrap();
}

/// The payment example of lnvps.md §2.4: BTC in millisatoshis, lowercase `lightning`.
const LIVE_PAYMENT: &str = r#"{"id":"9f2c","vm_id":123,"created":"2026-08-22T10:00:00Z","expires":"2026-08-22T10:10:00Z",
 "amount":3400000,"tax":0,"processing_fee":0,"currency":"BTC","is_paid":false,
 "data":{"lightning":"lnbc34u1p..."},"time":2592000,"is_upgrade":false,"is_refund":false}"#;

#[test]
fn live_payment_in_millisats() {
    let p = api()
        .payment("9f2c")
        .unwrap()
        .parse(&ok(&data(LIVE_PAYMENT)))
        .unwrap();
    assert_eq!(p.bolt11(), Some("lnbc34u1p..."));
    assert_eq!(lnvps::btc_unit(p.amount, p.bolt11()), BtcUnit::Millisats);
    let before = lnvps::vm_payment_invoice(&p, Timestamp::parse("2026-08-22T10:05:00Z").unwrap());
    assert_eq!(before.amount.to_string(), "3400 sat");
    assert_eq!(before.status, InvoiceStatus::Unpaid);
    assert_eq!(before.due.unwrap().to_rfc3339(), "2026-08-22T10:10:00Z");
    assert_eq!(before.created.unwrap().to_rfc3339(), "2026-08-22T10:00:00Z");
    assert_eq!(
        before.description.as_deref(),
        Some("Renewal of VM 123 (30 days)")
    );
    let after = lnvps::vm_payment_invoice(&p, Timestamp::parse("2026-08-22T10:10:01Z").unwrap());
    assert_eq!(after.status, InvoiceStatus::Expired);
}

#[test]
fn lightning_prefix_is_removed() {
    let body = LIVE_PAYMENT.replace("lnbc34u1p...", "lightning:lnbc34u1p...");
    let p = api()
        .payment("9f2c")
        .unwrap()
        .parse(&ok(&data(&body)))
        .unwrap();
    assert_eq!(p.bolt11(), Some("lnbc34u1p..."));
    assert_eq!(
        lnvps::vm_payment_invoice(&p, Timestamp(0))
            .bolt11
            .as_deref(),
        Some("lnbc34u1p...")
    );
}

#[test]
fn tax_is_part_of_the_lightning_total_and_fees_of_card_totals() {
    let body = LIVE_PAYMENT.replace(
        r#""amount":3400000,"tax":0,"processing_fee":0"#,
        r#""amount":3000000,"tax":400000,"processing_fee":50000"#,
    );
    let p = api()
        .payment("9f2c")
        .unwrap()
        .parse(&ok(&data(&body)))
        .unwrap();
    assert_eq!(p.total(), 3_400_000);
    assert_eq!(
        lnvps::vm_payment_invoice(&p, Timestamp(0))
            .amount
            .to_string(),
        "3400 sat"
    );
    let card = r#"{"id":"c1","amount":750,"tax":173,"processing_fee":30,"currency":"EUR","is_paid":false,"data":{"revolut":{"token":"tok_1"}},"time":2592000}"#;
    let p = api()
        .payment("c1")
        .unwrap()
        .parse(&ok(&data(card)))
        .unwrap();
    assert_eq!(
        p.data,
        Some(PaymentData::Revolut {
            token: "tok_1".into()
        })
    );
    assert_eq!(
        lnvps::vm_payment_invoice(&p, Timestamp(0))
            .amount
            .to_string(),
        "9.53 EUR"
    );
}

#[test]
fn every_payment_data_kind_is_read() {
    let read = |json: &str| serde_json::from_str::<PaymentData>(json).unwrap();
    assert_eq!(
        read(r#"{"onchain":{"address":"bc1qxyz","outpoint":"ab:0"}}"#),
        PaymentData::Onchain {
            address: "bc1qxyz".into(),
            outpoint: Some("ab:0".into())
        }
    );
    assert_eq!(
        read(r#"{"onchain":{"address":"bc1qxyz"}}"#),
        PaymentData::Onchain {
            address: "bc1qxyz".into(),
            outpoint: None
        }
    );
    assert_eq!(
        read(r#"{"stripe":{"session_id":"cs_1"}}"#),
        PaymentData::Stripe {
            session_id: "cs_1".into()
        }
    );
    assert_eq!(
        read(r#"{"Lightning":"lnbc1"}"#),
        PaymentData::Lightning("lnbc1".into())
    );
    assert!(matches!(
        read(r#"{"paypal":{"id":"x"}}"#),
        PaymentData::Other(_)
    ));
    assert_eq!(read(r#"{"lightning":""}"#).bolt11(), None);
}

#[test]
fn refund_rows_are_refunded_invoices() {
    let refund = r#"{"id":"r1","vm_id":123,"amount":100000,"tax":0,"processing_fee":0,"currency":"BTC","is_paid":true,"data":{"lightning":""},"time":0,"is_upgrade":false,"is_refund":true}"#;
    let p = api()
        .payment("r1")
        .unwrap()
        .parse(&ok(&data(refund)))
        .unwrap();
    let invoice = lnvps::vm_payment_invoice(&p, Timestamp(0));
    assert_eq!(invoice.status, InvoiceStatus::Refunded);
    assert_eq!(invoice.bolt11, None);
    assert_eq!(invoice.description.as_deref(), Some("Refund of VM 123"));
}

#[test]
fn vm_payments_as_a_plain_array_or_a_page() {
    let call = api().vm_payments(
        123,
        Some(PageRequest {
            limit: 10,
            offset: 0,
        }),
    );
    assert_request(
        call.request(),
        &get(
            "/api/v1/vm/123/payments",
            &[("limit", "10"), ("offset", "0")],
        ),
    );
    let plain = call
        .parse(&ok(&data(&format!("[{LIVE_PAYMENT}]"))))
        .unwrap();
    assert_eq!((plain.items.len(), plain.total), (1, None));
    let paged = call
        .parse(&ok(&format!(
            r#"{{"data":[{LIVE_PAYMENT}],"total":7,"limit":10,"offset":0}}"#
        )))
        .unwrap();
    assert_eq!((paged.items[0].id.as_str(), paged.total), ("9f2c", Some(7)));
}

#[test]
fn renew_quote() {
    let call = api()
        .renew_quote(
            123,
            &Renewal {
                intervals: Some(12),
                ..Renewal::lightning()
            },
        )
        .unwrap();
    assert_request(
        call.request(),
        &get(
            "/api/v1/vm/123/renew/quote",
            &[("method", "lightning"), ("intervals", "12")],
        ),
    );
    let q = call.parse(&ok(r#"{"data":{"amount":3600,"tax":828,"processing_fee":0,"currency":"EUR","time":31104000,"discount":{"code":"YEAR","amount_off":400}}}"#)).unwrap();
    assert_eq!((q.amount, q.tax, q.time), (3600, 828, 31_104_000));
    assert_eq!(q.discount.unwrap().code.as_deref(), Some("YEAR"));
}

const SUB_PAYMENT: &str = r#"{"id":"77aa","subscription_id":55,"created":"2026-08-22T10:00:00Z","expires":"2026-08-22T10:10:00Z",
 "amount":{"currency":"BTC","amount":3400000},"payment_method":"lightning","payment_type":"Renewal","is_paid":false,
 "tax":{"currency":"BTC","amount":0},"processing_fee":{"currency":"BTC","amount":0},"data":{"lightning":"lnbc34u1p..."}}"#;

#[test]
fn subscription_payment_polling() {
    let call = api().subscription_payment(55, "77aa").unwrap();
    assert_request(
        call.request(),
        &get("/api/v1/subscriptions/55/payments/77aa", &[]),
    );
    let p = call.parse(&ok(&data(SUB_PAYMENT))).unwrap();
    assert_eq!(
        (p.amount.amount, p.payment_type.as_deref(), p.is_paid),
        (3_400_000, Some("Renewal"), false)
    );
    let invoice = lnvps::subscription_payment_invoice(&p, Timestamp(0));
    assert_eq!(invoice.amount.to_string(), "3400 sat");
    assert_eq!(
        invoice.description.as_deref(),
        Some("Renewal of subscription 55")
    );
    assert_eq!(invoice.status, InvoiceStatus::Unpaid);
}

#[test]
fn subscription_payments_and_renewal_options() {
    let call = api().subscription_payments(55, None);
    assert_request(
        call.request(),
        &get("/api/v1/subscriptions/55/payments", &[]),
    );
    let page = call
        .parse(&ok(&format!(
            r#"{{"data":[{SUB_PAYMENT}],"total":1,"limit":20,"offset":0}}"#
        )))
        .unwrap();
    assert_eq!(page.items[0].subscription_id, Some(55));
    let renewal = SubscriptionRenewal {
        renewal: Renewal {
            method: PayWith::Saved,
            intervals: Some(2),
            code: None,
        },
        save_card: Some(false),
        payment_method_id: Some(4),
    };
    let call = api().renew_subscription(55, &renewal).unwrap();
    assert_request(
        call.request(),
        &get(
            "/api/v1/subscriptions/55/renew",
            &[
                ("method", "saved"),
                ("intervals", "2"),
                ("save_card", "false"),
                ("payment_method_id", "4"),
            ],
        ),
    );
    assert_eq!(call.parse(&ok(&data(SUB_PAYMENT))).unwrap().id, "77aa");
    let call = api()
        .subscription_renew_quote(55, &Renewal::lightning())
        .unwrap();
    assert_request(
        call.request(),
        &get(
            "/api/v1/subscriptions/55/renew/quote",
            &[("method", "lightning")],
        ),
    );
}

#[test]
fn subscription_with_line_items() {
    let call = api().subscription(55);
    assert_request(call.request(), &get("/api/v1/subscriptions/55", &[]));
    let sub = call
        .parse(&ok(r#"{"data":{"id":55,"name":"VM 123","description":null,"created":"2026-08-01T10:00:00Z","expires":null,"is_active":true,"auto_renewal_enabled":true,"company_id":1,
          "line_items":[{"id":1,"subscription_id":55,"name":"Tiny","description":"VPS","price":{"currency":"EUR","amount":300},"setup_fee":{"currency":"EUR","amount":0},"configuration":null,"resource":{"type":"vps","vm_id":123}},
                        {"id":2,"subscription_id":55,"name":"/24","description":null,"price":{"currency":"EUR","amount":5000},"setup_fee":{"currency":"EUR","amount":1000},"configuration":{"cidr":"hidden"},"resource":{"type":"ip_range","ip_range_subscription_id":3}},
                        {"id":3,"subscription_id":55,"name":"?","description":null,"price":{"currency":"EUR","amount":1},"setup_fee":{"currency":"EUR","amount":0},"configuration":null,"resource":{"type":"dns_hosting"}}]}}"#))
        .unwrap();
    assert!(sub.auto_renewal_enabled);
    assert_eq!(
        sub.line_items[0].resource,
        Some(LineItemResource::Vps { vm_id: 123 })
    );
    assert_eq!(
        sub.line_items[1].resource,
        Some(LineItemResource::IpRange {
            ip_range_subscription_id: 3
        })
    );
    assert_eq!(sub.line_items[1].setup_fee.as_ref().unwrap().amount, 1000);
    assert_eq!(sub.line_items[2].resource, Some(LineItemResource::Other));
}

#[test]
fn create_and_update_subscriptions() {
    let new = NewSubscription {
        line_items: vec![NewLineItem::IpRange {
            ip_space_pricing_id: 5,
        }],
        ..NewSubscription::default()
    };
    let call = api().create_subscription(&new).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/subscriptions",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"line_items":[{"type":"ip_range","ip_space_pricing_id":5}]}"#,
            )),
        },
    );
    let call = api().update_subscription(55, false);
    assert_request(
        call.request(),
        &Expected {
            method: "PATCH",
            path: "/api/v1/subscriptions/55",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(r#"{"auto_renewal_enabled":false}"#)),
        },
    );
}

#[test]
fn ip_space_and_ranges() {
    let call = api().ip_space(3);
    assert_request(call.request(), &get("/api/v1/ip_space/3", &[]));
    assert!(is_public(call.request()));
    let space = call
        .parse(&ok(r#"{"data":{"id":3,"min_prefix_size":29,"max_prefix_size":24,"registry":"ripe","ip_version":"ipv4","pricing":[{"id":5,"prefix_size":24,"price":{"currency":"EUR","amount":5000},"setup_fee":{"currency":"EUR","amount":1000},"other_price":[],"other_setup_fee":[]}]}}"#))
        .unwrap();
    assert_eq!(
        (
            space.min_prefix_size,
            space.max_prefix_size,
            space.registry.as_str()
        ),
        (29, 24, "ripe")
    );
    assert_eq!(space.pricing[0].price.amount, 5000);
    let call = api().ip_range(3);
    assert_request(call.request(), &get("/api/v1/ip_range/3", &[]));
    let range = call.parse(&ok(r#"{"data":{"id":3,"cidr":"192.0.2.0/24","origin_asn":null,"is_active":true,"started_at":"2026-08-01T10:00:00Z","ended_at":null,"parent_cidr":"192.0.0.0/16"}}"#)).unwrap();
    assert_eq!(
        (range.cidr.as_str(), range.origin_asn),
        ("192.0.2.0/24", None)
    );
    let call = api().update_ip_range(3, Some(64_512));
    assert_request(
        call.request(),
        &Expected {
            method: "PATCH",
            path: "/api/v1/ip_range/3",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(r#"{"origin_asn":64512}"#)),
        },
    );
}

#[test]
fn exchange_rate_is_public() {
    let call = api().exchange_rate("btc").unwrap();
    assert_request(
        call.request(),
        &get("/api/v1/exchange-rate", &[("base", "BTC")]),
    );
    assert!(is_public(call.request()));
    let rates = call.parse(&ok(r#"{"data":{"updated":"2026-08-22T10:00:00Z","base":"BTC","rates":{"EUR":88000.5,"USD":95000.0}}}"#)).unwrap();
    assert_eq!(rates.base, "BTC");
    assert_eq!(rates.rates["EUR"], 88_000.5);
}

#[test]
fn accepted_payment_methods_with_fees() {
    let methods = api()
        .payment_methods()
        .parse(&ok(r#"{"data":[{"name":"lightning","currencies":["BTC"]},{"name":"revolut","currencies":["EUR","USD"],"processing_fee_rate":1.0,"processing_fee_base":20,"processing_fee_currency":"EUR","min_amount":100,"min_amount_currency":"EUR"},{"name":"nwc","currencies":["BTC"]}]}"#))
        .unwrap();
    let revolut = &methods[1];
    assert_eq!(
        (
            revolut.processing_fee_rate,
            revolut.processing_fee_base,
            revolut.min_amount
        ),
        (Some(1.0), Some(20), Some(100))
    );
    assert_eq!(revolut.processing_fee_currency.as_deref(), Some("EUR"));
    assert_eq!(methods[2].name, "nwc");
}

#[test]
fn saved_nwc_methods() {
    let call = api().saved_payment_methods();
    assert_request(call.request(), &get("/api/v1/payment-methods", &[]));
    let saved = call
        .parse(&ok(r#"{"data":[{"id":4,"provider":"nwc","name":"Alby","created":"2026-08-01T10:00:00Z","card_brand":null,"card_last_four":null,"exp_month":null,"exp_year":null,"is_default":true,"enabled":true}]}"#))
        .unwrap();
    assert_eq!(
        (saved[0].id, saved[0].provider.as_str(), saved[0].is_default),
        (4, "nwc", true)
    );
    let add = NewNwcMethod {
        nwc_connection_string: Secret::new("nostr+walletconnect://abc?relay=wss://r&secret=s"),
        name: Some("Alby".into()),
    };
    let call = api().add_nwc_method(&add).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/payment-methods",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"nwc_connection_string":"nostr+walletconnect://abc?relay=wss://r&secret=s","name":"Alby"}"#,
            )),
        },
    );
    let patch = SavedMethodPatch {
        is_default: Some(true),
        enabled: None,
        name: Some(None),
    };
    let call = api().update_saved_payment_method(4, &patch);
    assert_request(
        call.request(),
        &Expected {
            method: "PATCH",
            path: "/api/v1/payment-methods/4",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(r#"{"is_default":true,"name":null}"#)),
        },
    );
    let call = api().delete_saved_payment_method(4);
    assert_request(
        call.request(),
        &Expected {
            method: "DELETE",
            path: "/api/v1/payment-methods/4",
            query: &[],
            headers: &[],
            body: None,
        },
    );
}

#[test]
fn live_account() {
    let account = api()
        .account()
        .parse(&ok(r#"{"data":{"email":"user@example.com","email_verified":false,"account_type":"nostr","contact_nip17":true,"contact_email":false,"contact_telegram":false,"telegram_linked":false,"contact_whatsapp":false,"whatsapp_verified":false,"country_code":"IRL","name":"Jane","address_1":null,"address_2":null,"state":null,"city":"Dublin","postcode":null,"tax_id":null,
          "tax":[{"company_id":1,"company_name":"LNVPS","rate":23.0,"country_code":"IRL","treatment":"domestic"}]}}"#))
        .unwrap();
    assert_eq!(account.account_type.as_deref(), Some("nostr"));
    assert!(account.contact_nip17);
    assert_eq!(account.city.as_deref(), Some("Dublin"));
    assert_eq!(account.tax[0].rate, Some(23.0));
    let patch = AccountPatch {
        name: Some(None),
        ..AccountPatch::keeping(&account)
    };
    let body: serde_json::Value = serde_json::to_value(&patch).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"contact_nip17":true,"contact_email":false,"contact_telegram":false,"contact_whatsapp":false,"name":null})
    );
}

#[test]
fn account_patch_answers() {
    let call = api()
        .update_account(&AccountPatch {
            email: Some("a@b.io".into()),
            ..AccountPatch::default()
        })
        .unwrap();
    for body in ["", "null", "{}", r#"{"data":null}"#, r#"{"data":{}}"#] {
        assert!(
            call.parse(&response(200, body, &[]))
                .unwrap()
                .warnings
                .is_empty(),
            "{body:?}"
        );
    }
    for body in [
        r#"{"data":{"warnings":["VIES name mismatch"]}}"#,
        r#"{"warnings":["VIES name mismatch"]}"#,
    ] {
        assert_eq!(
            call.parse(&ok(body)).unwrap().warnings,
            vec!["VIES name mismatch"]
        );
    }
}

#[test]
fn metric_series_from_the_time_series() {
    let points = api()
        .time_series(123)
        .parse(&ok(r#"{"data":[{"timestamp":1754042460,"cpu":0.5,"memory":500.0,"memory_size":1000,"net_in":10,"net_out":20,"disk_write":30,"disk_read":40},
                               {"timestamp":1754042400,"cpu":0.021,"memory":412345678.0,"memory_size":1073741824,"net_in":1532.4,"net_out":880.1,"disk_write":20480.0,"disk_read":0.0}]}"#))
        .unwrap();
    let cpu = lnvps::metric_series(MetricKind::Cpu, &points);
    assert_eq!(cpu.unit, MetricUnit::Percent);
    assert_eq!(cpu.points[0].time.unix(), 1_754_042_400, "oldest first");
    assert!((cpu.points[0].value - 2.1).abs() < 1e-9);
    assert_eq!(cpu.points[1].value, 50.0);
    let memory = lnvps::metric_series(MetricKind::Memory, &points);
    assert_eq!(
        (memory.unit, memory.points[0].value),
        (MetricUnit::Bytes, 412_345_678.0)
    );
    for (kind, first) in [
        (MetricKind::NetIn, 1532.4),
        (MetricKind::NetOut, 880.1),
        (MetricKind::DiskWrite, 20480.0),
        (MetricKind::DiskRead, 0.0),
    ] {
        let series = lnvps::metric_series(kind, &points);
        assert_eq!(
            (series.unit, series.points[0].value),
            (MetricUnit::BytesPerSecond, first),
            "{kind:?}"
        );
    }
}

#[test]
fn missing_time_series_values_read_as_zero() {
    let points = api()
        .time_series(1)
        .parse(&ok(r#"{"data":[{"timestamp":1,"cpu":null}]}"#))
        .unwrap();
    assert_eq!((points[0].cpu, points[0].net_in), (0.0, 0.0));
}

#[test]
fn order_progress_from_payment_and_state() {
    let vm = |state: &str| {
        api()
            .vm(123)
            .parse(&ok(&data(&LIVE_VM.replace(
                r#""state":"running""#,
                &format!(r#""state":"{state}""#),
            ))))
            .unwrap()
    };
    let unpaid = api()
        .payment("9f2c")
        .unwrap()
        .parse(&ok(&data(LIVE_PAYMENT)))
        .unwrap();
    let paid = lnvps::VmPayment {
        is_paid: true,
        ..unpaid.clone()
    };
    let waiting = lnvps::order_progress(Some(&unpaid), &vm("unknown"));
    assert_eq!(waiting.state, ProgressState::AwaitingPayment);
    assert_eq!(waiting.server_id.as_deref(), Some("123"));
    assert!(waiting.message.unwrap().contains("Lightning invoice"));
    assert_eq!(
        lnvps::order_progress(Some(&paid), &vm("unknown")).state,
        ProgressState::InProgress
    );
    assert_eq!(
        lnvps::order_progress(Some(&paid), &vm("creating")).state,
        ProgressState::InProgress
    );
    let done = lnvps::order_progress(Some(&paid), &vm("running"));
    assert_eq!((done.state, done.percent), (ProgressState::Done, Some(100)));
    assert_eq!(
        lnvps::order_progress(Some(&paid), &vm("error")).state,
        ProgressState::Failed
    );
}
