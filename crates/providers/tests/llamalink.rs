//! LlamaLink contract tests: every request and response example of the
//! LlamaLink document, and every documented status code.

mod common;

use common::{assert_request, ok, response, Body, Expected};
use providers::llamalink::{
    self, Api, CpuType, CustomBuild, CustomPricing, NewWebsite, StorageType,
};
use providers::{
    MetricKind, MetricRange, PowerAction, ProgressState, ProviderError, Secret, ServerStatus,
};

const AUTH: (&str, &str) = ("Authorization", "Bearer llk_YOUR_KEY");
const JSON: (&str, &str) = ("Content-Type", "application/json");

fn api() -> Api {
    Api::new(None, Secret::new("llk_YOUR_KEY")).unwrap()
}

fn get(path: &str) -> Expected<'_> {
    Expected {
        method: "GET",
        path,
        query: &[],
        headers: &[AUTH],
        body: None,
    }
}

#[test]
fn saved_cards() {
    let call = api().saved_cards();
    assert_request(call.request(), &get("/user/payment"));
    let cards = call
        .parse(&ok(
            r#"[{"id":3,"last4dig":"4242","exp_month":12,"exp_year":2027,"brand":"visa"}]"#,
        ))
        .unwrap();
    assert_eq!(cards.len(), 1);
    assert_eq!(
        (
            cards[0].id,
            cards[0].last4dig.as_str(),
            cards[0].exp_month,
            cards[0].exp_year,
            cards[0].brand.as_str()
        ),
        (3, "4242", 12, 2027, "visa")
    );
}

#[test]
fn vps_plans_is_public() {
    let call = api().vps_plans();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/platform/vps-plans",
            query: &[],
            headers: &[],
            body: None,
        },
    );
    let plans = call
        .parse(&ok(r#"{"shopPurchasesEnabled":true,"items":[{"id":"spark","name":"Llama Spark","price":54,"currency":"ILS","cpuCores":2,"ramGB":2,"storageGB":50}],"custom":{"available":true,"endpoint":"/user/custom-packages","pricing":{"currency":"ILS","ramPerGB":7,"cpuPerCore":{"xeonE5":15.6,"xeonGold":17}}}}"#))
        .unwrap();
    assert!(plans.shop_purchases_enabled);
    let spark = &plans.items[0];
    assert_eq!(
        (
            spark.id.as_str(),
            spark.name.as_str(),
            spark.price,
            spark.currency.as_str()
        ),
        ("spark", "Llama Spark", Some(54.0), "ILS")
    );
    assert_eq!(
        (spark.cpu_cores, spark.ram_gb, spark.storage_gb),
        (2, 2.0, 50.0)
    );
    let custom = plans.custom.unwrap();
    assert!(custom.available);
    assert_eq!(custom.endpoint.as_deref(), Some("/user/custom-packages"));
    let pricing = custom.pricing.unwrap();
    assert_eq!(pricing.ram_per_gb, 7.0);
    assert_eq!(pricing.cpu_per_core["xeonE5"], 15.6);
    assert_eq!(pricing.cpu_per_core["xeonGold"], 17.0);
}

#[test]
fn os_templates_is_public() {
    let call = api().os_templates();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/platform/os-templates",
            query: &[],
            headers: &[],
            body: None,
        },
    );
    let os = call
        .parse(&ok(r#"{"items":[{"id":"ubuntu-22","label":"Ubuntu 22.04","enabled":true},{"id":"windows-2022","label":"Windows Server 2022","enabled":true}]}"#))
        .unwrap();
    assert_eq!(os.items.len(), 2);
    assert_eq!(os.items[0].id, "ubuntu-22");
    assert!(!os.items[0].is_windows());
    assert!(os.items[1].is_windows());
}

#[test]
fn subscribe_vps_sends_the_op_id() {
    let call = api()
        .subscribe_vps("my-unique-op-001", "spark", "ubuntu-22")
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/user/subscribe-vps",
            query: &[],
            headers: &[AUTH, JSON, ("x-provision-op-id", "my-unique-op-001")],
            body: Some(Body::Json(r#"{"planId":"spark","os":"ubuntu-22"}"#)),
        },
    );
    let done = call
        .parse(&response(
            201,
            r#"{"subscribed":true,"vpsId":42,"message":"Server provisioned successfully."}"#,
            &[],
        ))
        .unwrap();
    assert!(done.subscribed);
    assert_eq!(done.vps_id, Some(42));
    assert_eq!(
        done.message.as_deref(),
        Some("Server provisioned successfully.")
    );
}

fn seed_build() -> CustomBuild {
    CustomBuild {
        name: "my-api-vps".into(),
        cpu_type: CpuType::XeonE5,
        cpu_cores: 4,
        ram_gb: 8,
        storage_type: StorageType::Ssd,
        storage_gb: 160,
        ipv4: 1,
        os: "ubuntu-22".into(),
    }
}

#[test]
fn custom_package_computes_the_documented_price() {
    let call = api()
        .custom_package("my-unique-op-002", &seed_build(), &CustomPricing::default())
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/user/custom-packages",
            query: &[],
            headers: &[AUTH, JSON, ("x-provision-op-id", "my-unique-op-002")],
            body: Some(Body::Json(
                r#"{"name":"my-api-vps","cpuType":"xeonE5","cpuCores":4,"ram":8,"storageType":"ssd","storageGB":160,"ipv4":1,"estimatedPrice":362.4,"os":"ubuntu-22"}"#,
            )),
        },
    );
    let done = call
        .parse(&response(
            201,
            r#"{"subscribed":true,"vpsId":43,"message":"Server provisioned successfully."}"#,
            &[],
        ))
        .unwrap();
    assert_eq!(done.vps_id, Some(43));
}

#[test]
fn custom_price_formula_for_every_part() {
    let p = CustomPricing::default();
    let mut b = seed_build();
    b.cpu_type = CpuType::XeonGold;
    b.storage_type = StorageType::Hdd;
    b.cpu_cores = 3;
    b.ram_gb = 5;
    b.storage_gb = 33;
    b.ipv4 = 2;
    // 17.0×3 + 7×5 + 1.2×33 + 4×2 = 51 + 35 + 39.6 + 8 = 133.60
    assert_eq!(b.price(&p).to_string(), "133.60");
    b.ipv4 = 0;
    assert_eq!(b.price(&p).to_string(), "125.60");
}

#[test]
fn custom_pricing_follows_the_published_offer() {
    let offer: llamalink::CustomOfferPricing = serde_json::from_str(
        r#"{"currency":"ILS","ramPerGB":8,"cpuPerCore":{"xeonE5":16.1,"xeonGold":17}}"#,
    )
    .unwrap();
    let p = CustomPricing::from_offer(Some(&offer));
    // 16.1×4 + 8×8 + 1.5×160 + 4 = 64.4 + 64 + 240 + 4
    assert_eq!(seed_build().price(&p).to_string(), "372.40");
}

#[test]
fn windows_needs_32_gb() {
    let mut b = seed_build();
    b.os = "windows-2022".into();
    b.storage_gb = 31;
    let err = api()
        .custom_package("op-1", &b, &CustomPricing::default())
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::validation("storageGB", "Windows needs at least 32 GB of disk")
    );
    b.storage_gb = 32;
    assert!(api()
        .custom_package("op-1", &b, &CustomPricing::default())
        .is_ok());
}

#[test]
fn custom_build_fields_are_validated() {
    type Breaker = fn(&mut CustomBuild);
    let cases: [(Breaker, &str); 5] = [
        (|b| b.name = " ".into(), "name"),
        (|b| b.cpu_cores = 0, "cpuCores"),
        (|b| b.ram_gb = 0, "ram"),
        (|b| b.storage_gb = 0, "storageGB"),
        (|b| b.os = "".into(), "os"),
    ];
    for (break_it, field) in cases {
        let mut b = seed_build();
        break_it(&mut b);
        match b.validate() {
            Err(ProviderError::Validation { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert!("xeonX".parse::<CpuType>().is_err());
    assert!("nvme".parse::<StorageType>().is_err());
}

#[test]
fn op_id_must_be_header_safe() {
    let err = api()
        .subscribe_vps("bad id\n", "spark", "ubuntu-22")
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::Validation { ref field, .. } if field == "x-provision-op-id")
    );
    assert!(api().subscribe_vps("", "spark", "ubuntu-22").is_err());
    assert!(
        matches!(api().subscribe_vps("op", "", "ubuntu-22"), Err(ProviderError::Validation { ref field, .. }) if field == "planId")
    );
}

#[test]
fn provision_progress() {
    let call = api().provision_progress("my-unique-op-001");
    assert_request(
        call.request(),
        &get("/user/vps/provision-progress/my-unique-op-001"),
    );
    let p = call
        .parse(&ok(
            r#"{"status":"success","percent":100,"vpsId":42,"message":"completed"}"#,
        ))
        .unwrap();
    assert_eq!(
        (p.status.as_str(), p.percent, p.vps_id, p.message.as_deref()),
        ("success", Some(100.0), Some(42), Some("completed"))
    );
    let unified = llamalink::progress(&p);
    assert_eq!(unified.state, ProgressState::Done);
    assert_eq!(unified.percent, Some(100));
    assert_eq!(unified.server_id.as_deref(), Some("42"));
}

#[test]
fn list_servers() {
    let call = api().list_servers();
    assert_request(call.request(), &get("/user/vps"));
    let list = call
        .parse(&ok(r#"[{"id":42,"name":"production-web","status":"running","paymentStatus":"active","disk":40.5,"cpu_used":12,"cpus_avail":4,"memory":{"used":1.2,"max":4,"usage_percent":30},"uptime":86400,"ip_addresses":["203.0.113.50"]}]"#))
        .unwrap();
    let vps = &list[0];
    assert_eq!(
        (vps.id.as_str(), vps.name.as_str(), vps.status.as_str()),
        ("42", "production-web", "running")
    );
    assert_eq!(vps.payment_status.as_deref(), Some("active"));
    assert_eq!(
        (vps.disk, vps.cpu_used, vps.cpus_avail, vps.uptime),
        (Some(40.5), Some(12.0), Some(4.0), Some(86400.0))
    );
    let mem = vps.memory.as_ref().unwrap();
    assert_eq!(
        (mem.used, mem.max, mem.usage_percent),
        (Some(1.2), Some(4.0), Some(30.0))
    );
    let server = llamalink::server(vps);
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(server.ips, vec!["203.0.113.50"]);
    assert_eq!(server.specs.cpu_cores, Some(4));
    assert_eq!(server.specs.memory_bytes, Some(4 * 1_073_741_824));
    assert_eq!(server.raw["paymentStatus"], "active");
}

#[test]
fn one_server() {
    let call = api().server("42");
    assert_request(call.request(), &get("/user/vps/42"));
    let vps = call
        .parse(&ok(r#"{"id":42,"name":"production-web","status":"running","ip_addresses":["203.0.113.50"],"memory":{"used":1.2,"max":4,"usage_percent":30},"cpu_used":12,"uptime":86400}"#))
        .unwrap();
    assert_eq!(vps.id, "42");
    assert_eq!(vps.payment_status, None);
    assert_eq!(vps.cpu_used, Some(12.0));
}

#[test]
fn power_actions() {
    for (action, path) in [
        (PowerAction::Start, "/user/vps/start/42"),
        (PowerAction::Stop, "/user/vps/stop/42"),
        (PowerAction::Restart, "/user/vps/restart/42"),
    ] {
        let call = api().power("42", action);
        assert_request(call.request(), &get(path));
        let r = call
            .parse(&ok(
                r#"{"message":"Action sent to server","status":"running"}"#,
            ))
            .unwrap();
        assert_eq!(r.message.as_deref(), Some("Action sent to server"));
        assert_eq!(r.status.as_deref(), Some("running"));
    }
}

#[test]
fn metrics_history() {
    let call = api()
        .metrics_history("42", MetricKind::Cpu, MetricRange::Day)
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/user/vps/42/metrics-history",
            query: &[("metric", "cpu"), ("range", "day")],
            headers: &[AUTH],
            body: None,
        },
    );
    let h = call
        .parse(&ok(r#"{"range":"day","points":[{"time":1716508800,"value":24.5},{"time":1716512400,"value":31.2}]}"#))
        .unwrap();
    assert_eq!(h.range.as_deref(), Some("day"));
    let series = llamalink::metric_series(MetricKind::Cpu, &h);
    assert_eq!(series.points.len(), 2);
    assert_eq!(series.points[0].time.unix(), 1716508800);
    assert_eq!(series.points[1].value, 31.2);
    assert!(matches!(
        api().metrics_history("42", MetricKind::NetIn, MetricRange::Day),
        Err(ProviderError::Unsupported { .. })
    ));
}

#[test]
fn websites() {
    let call = api().websites();
    assert_request(call.request(), &get("/user/websites"));
    let sites = call
        .parse(&ok(r#"[{"id":"8f2a1c00-1111-2222-3333-444455556666","domain":"example.com","status":"active","plan":"business","diskUsedMb":1200,"diskLimitMb":10240}]"#))
        .unwrap();
    assert_eq!(sites[0].domain, "example.com");
    assert_eq!(sites[0].plan.as_deref(), Some("business"));
    assert_eq!(
        (sites[0].disk_used_mb, sites[0].disk_limit_mb),
        (Some(1200.0), Some(10240.0))
    );
}

#[test]
fn website_info() {
    let call = api().website_info("8f2a1c00-1111-2222-3333-444455556666");
    assert_request(
        call.request(),
        &get("/user/websites/info/8f2a1c00-1111-2222-3333-444455556666"),
    );
    let info = call
        .parse(&ok(r#"{"id":"8f2a1c00-1111-2222-3333-444455556666","domain":"example.com","status":"active","phpVersion":"8.2","ssl":true,"nameservers":["ns1.llamalink.net","ns2.llamalink.net"]}"#))
        .unwrap();
    assert_eq!(info.php_version.as_deref(), Some("8.2"));
    assert!(info.ssl);
    assert_eq!(
        info.nameservers,
        vec!["ns1.llamalink.net", "ns2.llamalink.net"]
    );
}

#[test]
fn new_website() {
    let site = NewWebsite {
        domain: "mysite.com".into(),
        plan_id: "business".into(),
        php_version: "8.2".into(),
    };
    let call = api().new_website(&site).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/user/websites/new",
            query: &[],
            headers: &[AUTH, JSON],
            body: Some(Body::Json(
                r#"{"domain":"mysite.com","planId":"business","phpVersion":"8.2"}"#,
            )),
        },
    );
    let created = call
        .parse(&response(201, r#"{"id":"9a3b2c10-aaaa-bbbb-cccc-dddddddddddd","domain":"mysite.com","status":"provisioning","message":"Website is being provisioned"}"#, &[]))
        .unwrap();
    assert_eq!(created.status, "provisioning");
    let bad = NewWebsite {
        domain: "not a domain".into(),
        ..site.clone()
    };
    assert!(
        matches!(api().new_website(&bad), Err(ProviderError::Validation { ref field, .. }) if field == "domain")
    );
    let bad = NewWebsite {
        php_version: "eight".into(),
        ..site
    };
    assert!(
        matches!(api().new_website(&bad), Err(ProviderError::Validation { ref field, .. }) if field == "phpVersion")
    );
}

#[test]
fn profile() {
    let call = api().profile();
    assert_request(call.request(), &get("/user/profile"));
    let p = call
        .parse(&ok(r#"{"id":7,"username":"client1","email":"user@example.com","realname":"Jane Doe","phone":"+972501234567","userpfp":"avatar-7.png","role":"user"}"#))
        .unwrap();
    assert_eq!(
        (p.id, p.username.as_str(), p.email.as_str()),
        (7, "client1", "user@example.com")
    );
    assert_eq!(p.realname.as_deref(), Some("Jane Doe"));
}

#[test]
fn subscriptions() {
    let call = api().subscriptions();
    assert_request(call.request(), &get("/user/subscriptions"));
    let subs = call
        .parse(&ok(r#"[{"id":101,"type":"vps","name":"VPS Business","status":"active","renewalDate":"2026-06-01","priceMonthly":89}]"#))
        .unwrap();
    assert_eq!(
        (subs[0].id, subs[0].kind.as_str(), subs[0].price_monthly),
        (101, "vps", Some(89.0))
    );
    let invoice = llamalink::subscription_invoice(&subs[0]);
    assert_eq!(invoice.amount.minor_units(), 8900);
    assert_eq!(invoice.amount.currency.code(), "ILS");
    assert_eq!(invoice.due.unwrap().to_rfc3339(), "2026-06-01T00:00:00Z");
}

#[test]
fn documented_status_codes_map_to_typed_errors() {
    let call = api().list_servers();
    let err = |status: u16, headers: &[(&str, &str)]| {
        call.parse(&response(status, r#"{"error":"x"}"#, headers))
            .unwrap_err()
    };
    assert!(matches!(err(401, &[]), ProviderError::Auth { .. }));
    assert!(matches!(err(403, &[]), ProviderError::Auth { .. }));
    assert!(matches!(
        err(402, &[]),
        ProviderError::PaymentRequired { .. }
    ));
    assert!(matches!(err(404, &[]), ProviderError::NotFound { .. }));
    assert_eq!(
        err(429, &[("retry-after", "30")]),
        ProviderError::RateLimited {
            retry_after_secs: Some(30),
            message: "x".into()
        }
    );
    assert!(matches!(
        err(500, &[]),
        ProviderError::Provider { status: 500, .. }
    ));
}

#[test]
fn a_402_without_a_body_says_what_to_do() {
    let err = api()
        .list_servers()
        .parse(&response(402, "", &[]))
        .unwrap_err();
    assert!(err.to_string().contains("saved card"), "{err}");
}

#[test]
fn keys_must_be_llk() {
    assert!(
        matches!(Api::new(None, Secret::new("cyp_live_x")), Err(ProviderError::Validation { ref field, .. }) if field == "api_key")
    );
}

#[test]
fn base_url_override_keeps_its_prefix() {
    let api = Api::new(
        Some("http://127.0.0.1:8080/llamalink"),
        Secret::new("llk_k"),
    )
    .unwrap();
    assert_eq!(
        api.server("42").request().uri().to_string(),
        "http://127.0.0.1:8080/llamalink/user/vps/42"
    );
    assert!(Api::new(Some("ftp://x"), Secret::new("llk_k")).is_err());
}

#[test]
fn curl_redacts_the_key() {
    let curl = api()
        .subscribe_vps("op-1", "spark", "ubuntu-22")
        .unwrap()
        .to_curl();
    assert!(!curl.contains("llk_YOUR_KEY"), "{curl}");
    assert!(curl.contains("Authorization: Bearer <redacted>"), "{curl}");
    assert!(curl.contains("X-Provision-Op-Id: op-1"), "{curl}");
    assert!(
        curl.starts_with("curl -X POST https://api.llamalink.net/user/subscribe-vps"),
        "{curl}"
    );
}
