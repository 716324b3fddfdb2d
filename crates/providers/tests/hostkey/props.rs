//! Every HOSTKEY parser (and the conversions behind it) returns `Ok` or
//! `Err` on any bytes and any status, and never panics.

use super::api;
use proptest::prelude::*;
use providers::hostkey::{
    self, BootMedia, CactiGraph, CancellationType, ClientField, ClientUpdate, ContactChange,
    CreatePxe, DeployPeriod, DnsRecord, NewApiKey, NewZone, NotifyMethod, Order, Reinstall,
    RemoteHandsAction, ServerFilter, Soa, StockGroup, ZoneKind,
};
use providers::{ApiResponse, PowerAction, Secret};
use rust_decimal::Decimal;
use serde_json::{json, Value};

type Parser = Box<dyn Fn(&ApiResponse) -> bool>;

/// Wraps calls so each reads a response (and converts what it read).
macro_rules! parsers {
    ($($call:expr $(=> $convert:expr)?),* $(,)?) => {
        vec![$({
            let call = $call.unwrap();
            Box::new(move |r: &ApiResponse| {
                let parsed = call.parse(r);
                $( let parsed = parsed.map($convert); )?
                parsed.is_ok()
            }) as Parser
        }),*]
    };
}

fn all_parsers() -> Vec<Parser> {
    let a = api();
    let anon = hostkey::Api::new(None, None).unwrap();
    let key = Secret::new("d9815703f6f41d3f-5d52f141ff7ac755");
    let soa = Soa::new("ns1.example.com", "admin.example.com", 2_023_101_800);
    let order = Order {
        deploy_period: DeployPeriod::Monthly,
        deploy_notify: true,
        preset: "108".into(),
        location: "NL".into(),
        os_id: "180".into(),
        soft_id: None,
        traffic_plan: "25".into(),
        root_pass: Secret::new("mdLus8Ng!"),
        hostname: None,
        ssh_key: None,
        post_install_callback: None,
        post_install_script: None,
        os_name: None,
        own_os: None,
        root_size: None,
        jenkins_task: None,
    };
    let reinstall = Reinstall {
        deploy_notify: None,
        os_id: "205".into(),
        soft_id: None,
        root_pass: Secret::new("mnN48Dl@4"),
        hostname: None,
        ssh_key: None,
        post_install_script: None,
        os_name: None,
        own_os: None,
        root_size: None,
    };
    let pxe = CreatePxe {
        email: None,
        os_id: "187".into(),
        root_pass: Secret::new("Passw0rdX"),
        hostname: "node-1".into(),
        ssh_key: None,
        post_install_callback: None,
        post_install_script: None,
        reinstall_key: None,
    };
    let new_key = NewApiKey {
        name: "k".into(),
        server_id: None,
        ip: None,
        login_notify_method: NotifyMethod::None,
        login_notify_address: None,
        active: true,
    };
    let zone = NewZone {
        server_id: None,
        name: "example.com".into(),
        rrsets: true,
        dnssec: false,
        kind: ZoneKind::Master,
        masters: vec![],
        soa: soa.clone(),
        nameservers: vec!["ns1.hostkey.com".into()],
    };
    let record = DnsRecord {
        zone: "example.com".into(),
        name: Some("www".into()),
        old_name: None,
        record_type: "A".into(),
        content: "10.0.0.1".into(),
        ttl: None,
        increase_soa_serial: None,
        soa,
        srv: None,
        masters: None,
        dns: None,
        nameservers: vec![],
    };
    let contact = ContactChange {
        email: "c@example.com".into(),
        phonenumber: None,
        password2: None,
    };
    parsers![
        anon.login(&key, None, None),
        anon.whmcslogin("u", &Secret::new("p"), None, None),
        a.logout(),
        a.info(),
        a.api_keys() => |keys: Vec<hostkey::ApiKey>| keys.iter().map(hostkey::api_token).collect::<Vec<_>>(),
        a.api_keys_for_server("1"),
        a.api_key("1"),
        a.add_api_key(&new_key),
        a.edit_api_key("1", &new_key),
        a.delete_api_key("1"),
        a.api_key_history("1", None, None),
        a.set_pin(None, &Secret::new("1234")),
        a.check_pin(&Secret::new("1234")),
        a.list(&ServerFilter::default()),
        a.show("1") => |d: hostkey::ServerDetail| hostkey::server(&d, None, None),
        a.update_servers(),
        a.status("1"),
        a.sensors("1"),
        a.power("1", PowerAction::Restart),
        a.console("1"),
        a.add_ipmi_user("1"),
        a.remove_ipmi_user("1"),
        a.unit_reset("1"),
        a.boot_dev("1", BootMedia::Disk),
        a.order_instance(&order),
        a.reinstall_instance("1", &reinstall),
        a.reinstall("1"),
        a.create_pxe("1", &pxe),
        a.clear_pxe("1", "node-1"),
        a.check("abc") => |r: hostkey::CallbackResult| (hostkey::progress(&r), hostkey::power_state(&r), r.port_status(), r.stage()),
        a.check_nat("abc") => |r: hostkey::CallbackResult| hostkey::progress(&r),
        a.add_static_nat("1"),
        a.remove_static_nat("1"),
        anon.presets("NL") => |p: Vec<hostkey::Preset>| p.iter().map(|p| hostkey::plan(p, "NL")).collect::<Vec<_>>(),
        anon.os_list(None) => |o: Vec<hostkey::Os>| o.iter().map(hostkey::image).collect::<Vec<_>>(),
        anon.software(None, None) => |s: Vec<hostkey::Software>| s.iter().map(|s| s.os_ids()).collect::<Vec<_>>(),
        anon.traffic_plans("NL", None),
        anon.stocks("NL", StockGroup::All) => |s: Vec<hostkey::Stock>| s.iter().map(|s| s.price_for("EUR", 1)).collect::<Vec<_>>(),
        anon.stock("1"),
        Ok::<_, providers::ProviderError>(anon.jenkins_tasks()),
        a.port_status("1"),
        a.port_off("1", "eth0"),
        a.port_on("1", "eth0"),
        a.show_cacti("1", "eth0", CactiGraph::Monthly),
        a.block_ip("1", "10.0.0.1", "abuse", None),
        a.unblock_ip("1", "10.0.0.1"),
        a.get_ip("10.0.0.1"),
        a.get_ptr("1", "10.0.0.1"),
        a.update_ptr("1", "10.0.0.1", &["mail.example.net."]),
        a.set_main("1", "10.0.0.1", "10.0.0.1"),
        a.list_domains(),
        a.add_domain("example.com"),
        a.delete_domain("1", "2"),
        a.list_subdomains("1"),
        a.add_subdomain("1", "2", "www"),
        a.edit_subdomain("1", "2"),
        a.delete_subdomain("1", "2"),
        a.list_zones(),
        a.view_zone("example.com"),
        a.add_zone(&zone),
        a.delete_zone("example.com"),
        a.add_dns(&record),
        a.delete_dns("example.com", "www", "A"),
        a.remote_hands("1", RemoteHandsAction::Kvm),
        a.tags("1"),
        a.add_tag("1", "t", "v", None),
        a.remove_tag("1", "t"),
        a.search_tags("v"),
        a.get_client() => |c: hostkey::ClientPage| hostkey::balance(&c).is_ok(),
        a.update_client(&ClientUpdate::default().set(ClientField::City, "Amsterdam")),
        a.reset_password("c@example.com"),
        a.get_contacts(),
        a.add_contact(),
        a.update_contact("1", &contact),
        a.delete_contact("1"),
        a.payment_methods("1"),
        a.billing_data("1") => |b: hostkey::BillingData| b.monthly_cost(),
        a.credits(),
        a.generate_due_invoice("1"),
        a.transactions(None, None),
        a.mass_pay(&["1"]),
        a.download_invoice("1"),
        a.related_invoices("1"),
        a.apply_credit("1", Decimal::ONE),
        a.create_addfunds(Decimal::ONE),
        a.get_invoice("1"),
        a.get_invoices() => |l: hostkey::InvoiceList| l.invoices.iter().map(|i| hostkey::invoice(i, "EUR")).collect::<Vec<_>>(),
        a.request_cancellation("1", CancellationType::Immediate, None),
        a.delete_cancellation_request("1"),
        a.cancellation_requests(None),
    ]
}

fn respond(status: u16, body: Vec<u8>) -> ApiResponse {
    let mut r = http::Response::new(body);
    *r.status_mut() = http::StatusCode::from_u16(status).unwrap();
    r
}

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        "[ -~]{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "OK",
            "success",
            "Not ready",
            "Stage",
            "Fail",
            "-1",
            "-2",
            " (2/5) x",
            "0000-00-00",
            "5.00",
            "2.5.00",
            "1"
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Field names HOSTKEY answers use, so random bodies reach the typed fields.
fn field_name() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "result",
        "error",
        "message",
        "data",
        "servers",
        "server_data",
        "hardware",
        "tags",
        "tag",
        "value",
        "IP",
        "id",
        "callback",
        "scope",
        "context",
        "key",
        "presets",
        "price",
        "os_list",
        "software",
        "traffic_plans",
        "tasks",
        "client",
        "credit",
        "currency_code",
        "invoices",
        "invoice",
        "items",
        "item",
        "transactions",
        "token",
        "token_expire",
        "location",
        "billing_plan",
        "methods",
        "contacts",
        "credits",
        "action",
        "status",
        "due_date",
        "hdd_groups",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn parsers_never_panic_on_bytes(status in 100u16..600, body in prop::collection::vec(any::<u8>(), 0..256)) {
        let response = respond(status, body);
        for parse in all_parsers() {
            let _ = parse(&response);
        }
    }

    #[test]
    fn parsers_never_panic_on_json(status in prop::sample::select(vec![200u16, 200, 200, 404, 500]), body in any_json()) {
        let response = respond(status, body.to_string().into_bytes());
        for parse in all_parsers() {
            let _ = parse(&response);
        }
    }

    #[test]
    fn parsers_never_panic_on_envelopes(result in any_json(), payload in any_json(), name in field_name()) {
        let body = json!({ "result": result, name: payload });
        let response = respond(200, body.to_string().into_bytes());
        for parse in all_parsers() {
            let _ = parse(&response);
        }
    }
}

#[test]
fn every_builder_has_a_parser_under_test() {
    // 90 builders cover the 97 documented calls: `power` sends eq/on, eq/off
    // and eq/reboot, `remote_hands` the six jira requests.
    assert_eq!(all_parsers().len(), 90);
}
