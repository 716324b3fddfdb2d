//! CyberPanel contract tests: every request and response example of the
//! CyberPanel Cloud document, parsed into typed and unified values.

mod common;

use common::{assert_request, ok, response, Body, Expected};
use providers::cyberpanel::{self, Api, CreateVps, NewSnapshot, Page, StatusFilter, VpsFilter};
use providers::{
    InvoiceStatus, MetricKind, MetricUnit, PowerAction, ProgressState, ProviderError, Secret,
    ServerStatus, TaskState, Timestamp,
};
use rust_decimal::Decimal;
use std::str::FromStr;

const KEY: &str = "cyp_live_3ac1ca2feabcdd86f2dc01c4a574e4a34b9d995a28723cae0f1a2b3c4d5e6f70";
const AUTH: (&str, &str) = (
    "Authorization",
    "Bearer cyp_live_3ac1ca2feabcdd86f2dc01c4a574e4a34b9d995a28723cae0f1a2b3c4d5e6f70",
);
const JSON: (&str, &str) = ("Content-Type", "application/json");

fn api() -> Api {
    Api::new(None, Secret::new(KEY)).unwrap()
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

fn post(path: &str) -> Expected<'_> {
    Expected {
        method: "POST",
        path,
        query: &[],
        headers: &[AUTH],
        body: None,
    }
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn ts(text: &str) -> Option<Timestamp> {
    Timestamp::parse(text)
}

#[test]
fn health_is_public() {
    let call = api().health();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/v1/health",
            query: &[],
            headers: &[],
            body: None,
        },
    );
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "status": "healthy",
    "service": "CyberPanel Cloud API",
    "version": "1.0.0"
  }
}"#))
        .unwrap();
    assert_eq!(reply.data.status, "healthy");
    assert_eq!(reply.data.service.as_deref(), Some("CyberPanel Cloud API"));
    assert_eq!(reply.data.version.as_deref(), Some("1.0.0"));
    assert_eq!(reply.message, None);
}

#[test]
fn test_authentication() {
    let call = api().test();
    assert_request(call.request(), &get("/api/v1/test"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "message": "API authentication successful!",
    "key_name": "My Production Key",
    "key_prefix": "cyp_live_3ac",
    "user_email": "user@example.com",
    "scopes": ["vps:read", "vps:write"],
    "ip_address": "203.0.113.50",
    "request_count": 142
  },
  "message": "Your API key is working correctly"
}"#))
        .unwrap();
    let t = &reply.data;
    assert_eq!(t.message.as_deref(), Some("API authentication successful!"));
    assert_eq!(
        (
            t.key_name.as_str(),
            t.key_prefix.as_deref(),
            t.user_email.as_str()
        ),
        (
            "My Production Key",
            Some("cyp_live_3ac"),
            "user@example.com"
        )
    );
    assert_eq!(t.scopes, vec!["vps:read", "vps:write"]);
    assert_eq!(
        (t.ip_address.as_deref(), t.request_count),
        (Some("203.0.113.50"), Some(142))
    );
    assert_eq!(
        reply.message.as_deref(),
        Some("Your API key is working correctly")
    );
}

#[test]
fn scopes_is_public() {
    let call = api().scopes();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/v1/scopes",
            query: &[],
            headers: &[],
            body: None,
        },
    );
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "scopes": [
      {"scope": "vps:read", "description": "VPS - Read"},
      {"scope": "vps:write", "description": "VPS - Create/Modify"},
      {"scope": "vps:delete", "description": "VPS - Delete"},
      {"scope": "billing:read", "description": "Billing - Read"},
      {"scope": "billing:write", "description": "Billing - Add Funds"},
      {"scope": "account:read", "description": "Account - Read Info"},
      {"scope": "all", "description": "Full Access - All Permissions"}
    ]
  }
}"#))
        .unwrap();
    let scopes = &reply.data.scopes;
    assert_eq!(scopes.len(), 7);
    assert_eq!(
        (scopes[0].scope.as_str(), scopes[0].description.as_deref()),
        ("vps:read", Some("VPS - Read"))
    );
    assert_eq!(
        (scopes[6].scope.as_str(), scopes[6].description.as_deref()),
        ("all", Some("Full Access - All Permissions"))
    );
    // Every listed scope is one of the document's table.
    for s in scopes {
        assert_eq!(
            s.scope.parse::<cyberpanel::Scope>().unwrap().as_str(),
            s.scope
        );
    }
}

#[test]
fn account() {
    let call = api().account();
    assert_request(call.request(), &get("/api/v1/account"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "id": 123,
    "email": "user@example.com",
    "full_name": "John Doe",
    "balance": "150.00",
    "status": "active",
    "two_factor_enabled": true,
    "vps_ordering_enabled": true,
    "registration_date": "2024-01-15T10:30:00Z"
  }
}"#))
        .unwrap();
    let a = &reply.data;
    assert_eq!(
        (a.id, a.email.as_str(), a.full_name.as_deref()),
        (123, "user@example.com", Some("John Doe"))
    );
    assert_eq!(a.balance, dec("150.00"));
    assert_eq!(a.status.as_deref(), Some("active"));
    assert!(a.two_factor_enabled && a.vps_ordering_enabled);
    assert_eq!(a.registration_date.as_deref(), Some("2024-01-15T10:30:00Z"));
    let balance = cyberpanel::account_balance(a);
    assert_eq!(balance.available.to_string(), "150.00 USD");
    assert_eq!(balance.available.minor_units(), 15_000);
    assert_eq!(balance.raw["email"], "user@example.com");
}

const BILLING: &str = r#"{
  "success": true,
  "data": {
    "balance": "150.00",
    "auto_funding": {
      "enabled": true,
      "threshold": "10.00",
      "amount": "50.00"
    },
    "recent_invoices": [
      {
        "id": 456,
        "description": "VPS Hourly Charge - my-server.example.com",
        "amount": "-0.0082",
        "type": "debit",
        "date": "2026-01-05T12:00:00Z"
      }
    ]
  }
}"#;

#[test]
fn billing() {
    let call = api().billing();
    assert_request(call.request(), &get("/api/v1/billing"));
    let reply = call.parse(&ok(BILLING)).unwrap();
    let b = &reply.data;
    assert_eq!(b.balance, dec("150.00"));
    let auto = b.auto_funding.as_ref().unwrap();
    assert!(auto.enabled);
    assert_eq!(
        (auto.threshold, auto.amount),
        (Some(dec("10.00")), Some(dec("50.00")))
    );
    let line = &b.recent_invoices[0];
    assert_eq!(
        (line.id, line.kind.as_str(), line.amount),
        (456, "debit", dec("-0.0082"))
    );
    assert_eq!(
        line.description.as_deref(),
        Some("VPS Hourly Charge - my-server.example.com")
    );
    assert_eq!(
        cyberpanel::billing_balance(b).available.to_string(),
        "150.00 USD"
    );
}

#[test]
fn billing_lines_become_charged_invoices() {
    let reply = api().billing().parse(&ok(BILLING)).unwrap();
    let invoice = cyberpanel::invoice(&reply.data.recent_invoices[0]);
    assert_eq!(invoice.id, "456");
    assert_eq!(invoice.status, InvoiceStatus::Charged);
    assert_eq!(invoice.amount.amount, dec("0.0082"));
    assert_eq!(invoice.amount.to_string(), "0.0082 USD");
    assert_eq!(
        invoice.description.as_deref(),
        Some("VPS Hourly Charge - my-server.example.com")
    );
    assert_eq!(invoice.created, ts("2026-01-05T12:00:00Z"));
    assert_eq!(invoice.raw["amount"], "-0.0082");
    assert_eq!(invoice.raw["type"], "debit");
}

#[test]
fn api_keys() {
    let call = api().api_keys();
    assert_request(call.request(), &get("/api/v1/account/api-keys"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "api_keys": [
      {
        "id": 1,
        "name": "Production Key",
        "key_prefix": "cyp_live_3ac",
        "scopes": ["vps:read", "vps:write"],
        "is_active": true,
        "ip_whitelist": [],
        "expires_at": null,
        "last_used_at": "2026-01-05T14:30:00Z",
        "last_used_ip": "203.0.113.50",
        "request_count": 142,
        "rate_limit_per_minute": 60,
        "rate_limit_per_hour": 1000,
        "created_at": "2025-12-01T09:00:00Z"
      }
    ],
    "total": 1
  }
}"#))
        .unwrap();
    assert_eq!(reply.data.total, Some(1));
    let k = &reply.data.api_keys[0];
    assert_eq!(
        (k.id, k.name.as_str(), k.key_prefix.as_deref()),
        (1, "Production Key", Some("cyp_live_3ac"))
    );
    assert!(k.is_active && k.ip_whitelist.is_empty() && k.expires_at.is_none());
    assert_eq!(
        (
            k.request_count,
            k.rate_limit_per_minute,
            k.rate_limit_per_hour
        ),
        (Some(142), Some(60), Some(1000))
    );
    assert_eq!(k.last_used_ip.as_deref(), Some("203.0.113.50"));
    let token = cyberpanel::api_token(k);
    assert_eq!(
        (
            token.id.as_str(),
            token.name.as_str(),
            token.prefix.as_deref()
        ),
        ("1", "Production Key", Some("cyp_live_3ac"))
    );
    assert_eq!(token.scopes, vec!["vps:read", "vps:write"]);
    assert!(token.active);
    assert_eq!(token.created, ts("2025-12-01T09:00:00Z"));
    assert_eq!(token.last_used, ts("2026-01-05T14:30:00Z"));
    assert_eq!(token.raw["rate_limit_per_hour"], 1000);
}

#[test]
fn key_usage_logs() {
    let call = api().key_usage(1, Page::new(50, 0)).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/v1/account/api-keys/1/usage",
            query: &[("limit", "50"), ("offset", "0")],
            headers: &[AUTH],
            body: None,
        },
    );
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "key_id": 1,
    "key_name": "Production Key",
    "usage_logs": [
      {
        "endpoint": "/api/v1/vps",
        "method": "GET",
        "ip_address": "203.0.113.50",
        "response_status": 200,
        "response_time_ms": 45,
        "created_at": "2026-01-05T14:30:00Z"
      }
    ],
    "pagination": {
      "limit": 50,
      "offset": 0,
      "total": 142,
      "has_more": true
    }
  }
}"#))
        .unwrap();
    let u = &reply.data;
    assert_eq!(
        (u.key_id, u.key_name.as_deref()),
        (1, Some("Production Key"))
    );
    let log = &u.usage_logs[0];
    assert_eq!(
        (
            log.endpoint.as_str(),
            log.method.as_str(),
            log.ip_address.as_deref()
        ),
        ("/api/v1/vps", "GET", Some("203.0.113.50"))
    );
    assert_eq!(
        (log.response_status, log.response_time_ms),
        (Some(200), Some(45))
    );
    assert_eq!(log.created_at.as_deref(), Some("2026-01-05T14:30:00Z"));
    assert_eq!(
        (
            u.pagination.limit,
            u.pagination.offset,
            u.pagination.total,
            u.pagination.has_more
        ),
        (Some(50), Some(0), Some(142), true)
    );
}

#[test]
fn key_usage_default_page_sends_no_query() {
    let call = api().key_usage(7, Page::default()).unwrap();
    assert_request(call.request(), &get("/api/v1/account/api-keys/7/usage"));
}

const VPS_LIST: &str = r#"{
  "success": true,
  "data": {
    "instances": [
      {
        "id": 45,
        "vmid": 281,
        "name": "my-server.example.com",
        "status": "running",
        "ip_address": "74.81.40.145",
        "is_suspended": false,
        "created_at": "2026-01-05T10:00:00Z"
      }
    ],
    "pagination": {
      "total": 3,
      "limit": 50,
      "offset": 0,
      "has_more": false
    }
  }
}"#;

#[test]
fn list_vps_with_every_filter() {
    let filter = VpsFilter {
        status: Some(StatusFilter::Running),
        location: Some("la".into()),
    };
    let call = api().list_vps(&filter, Page::new(50, 0)).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/v1/vps",
            query: &[
                ("status", "running"),
                ("location", "la"),
                ("limit", "50"),
                ("offset", "0"),
            ],
            headers: &[AUTH],
            body: None,
        },
    );
    let reply = call.parse(&ok(VPS_LIST)).unwrap();
    let vps = &reply.data.instances[0];
    assert_eq!(
        (vps.id, vps.vmid, vps.name.as_str(), vps.status.as_str()),
        (45, Some(281), "my-server.example.com", "running")
    );
    assert_eq!(vps.ip_address.as_deref(), Some("74.81.40.145"));
    assert!(!vps.is_suspended);
    let p = reply.data.pagination;
    assert_eq!(
        (p.total, p.limit, p.offset, p.has_more),
        (Some(3), Some(50), Some(0), false)
    );
}

#[test]
fn list_vps_without_filters_sends_no_query() {
    let call = api()
        .list_vps(&VpsFilter::default(), Page::default())
        .unwrap();
    assert_request(call.request(), &get("/api/v1/vps"));
    let blank = VpsFilter {
        status: Some(StatusFilter::Suspended),
        location: Some("  ".into()),
    };
    let call = api().list_vps(&blank, Page::default()).unwrap();
    assert_eq!(call.request().uri().query(), Some("status=suspended"));
}

#[test]
fn listed_vps_as_unified_server() {
    let reply = api()
        .list_vps(&VpsFilter::default(), Page::default())
        .unwrap()
        .parse(&ok(VPS_LIST))
        .unwrap();
    let server = cyberpanel::server(&reply.data.instances[0]);
    assert_eq!(server.id, "45");
    assert_eq!(server.provider, providers::ProviderId::Cyberpanel);
    assert_eq!(
        (
            server.name.as_str(),
            server.status,
            server.raw_status.as_str()
        ),
        ("my-server.example.com", ServerStatus::Running, "running")
    );
    assert_eq!(server.ips, vec!["74.81.40.145"]);
    assert_eq!(server.created, ts("2026-01-05T10:00:00Z"));
    assert_eq!(server.monthly_cost, None);
    assert_eq!(server.raw["vmid"], 281);
}

const VPS_DETAIL: &str = r#"{
  "success": true,
  "data": {
    "id": 45,
    "vmid": 281,
    "name": "my-server.example.com",
    "status": "running",
    "ip_address": "74.81.40.145",
    "is_suspended": false,
    "created_at": "2026-01-05T10:00:00Z",
    "updated_at": "2026-01-05T14:30:00Z",
    "plan": {
      "id": 1,
      "name": "Starter",
      "cpu_cores": 1,
      "ram_mb": 1024,
      "disk_gb": 25,
      "bandwidth_gb": 1000,
      "price": "6.00"
    },
    "location": {
      "code": "la",
      "name": "Los Angeles, USA"
    },
    "server": {
      "hostname": "lax-power.cyberpersons.com"
    },
    "billing": {
      "hourly_rate": "0.0082",
      "billing_start": "2026-01-05T10:00:00Z",
      "last_billed": "2026-01-05T14:00:00Z"
    }
  }
}"#;

#[test]
fn vps_detail() {
    let call = api().vps(45);
    assert_request(call.request(), &get("/api/v1/vps/45"));
    let reply = call.parse(&ok(VPS_DETAIL)).unwrap();
    let d = &reply.data;
    assert_eq!(
        (d.instance.id, d.instance.vmid, d.instance.status.as_str()),
        (45, Some(281), "running")
    );
    assert_eq!(d.updated_at.as_deref(), Some("2026-01-05T14:30:00Z"));
    let plan = d.plan.as_ref().unwrap();
    assert_eq!(
        (
            plan.id,
            plan.name.as_str(),
            plan.cpu_cores,
            plan.ram_mb,
            plan.disk_gb,
            plan.bandwidth_gb
        ),
        (1, "Starter", Some(1), Some(1024), Some(25), Some(1000))
    );
    assert_eq!(plan.price, Some(dec("6.00")));
    let location = d.location.as_ref().unwrap();
    assert_eq!(
        (location.code.as_str(), location.name.as_deref()),
        ("la", Some("Los Angeles, USA"))
    );
    assert_eq!(
        d.server.as_ref().unwrap().hostname.as_deref(),
        Some("lax-power.cyberpersons.com")
    );
    let billing = d.billing.as_ref().unwrap();
    assert_eq!(billing.hourly_rate, Some(dec("0.0082")));
    assert_eq!(
        (
            billing.billing_start.as_deref(),
            billing.last_billed.as_deref()
        ),
        (Some("2026-01-05T10:00:00Z"), Some("2026-01-05T14:00:00Z"))
    );
}

#[test]
fn vps_detail_as_unified_server() {
    let reply = api().vps(45).parse(&ok(VPS_DETAIL)).unwrap();
    let server = cyberpanel::server_detail(&reply.data);
    assert_eq!(
        (server.id.as_str(), server.status),
        ("45", ServerStatus::Running)
    );
    assert_eq!(server.plan.as_deref(), Some("Starter"));
    assert_eq!(server.region.as_deref(), Some("Los Angeles, USA"));
    assert_eq!(server.specs.cpu_cores, Some(1));
    assert_eq!(server.specs.memory_bytes, Some(1024 * 1024 * 1024));
    assert_eq!(server.specs.disk_bytes, Some(25 * 1024 * 1024 * 1024));
    let cost = server.monthly_cost.unwrap();
    assert_eq!((cost.amount, cost.currency.code()), (dec("6.00"), "USD"));
    assert_eq!(server.raw["billing"]["hourly_rate"], "0.0082");
    assert_eq!(
        server.raw["server"]["hostname"],
        "lax-power.cyberpersons.com"
    );
    assert_eq!(server.raw["id"], 45);
}

#[test]
fn summary() {
    let call = api().summary();
    assert_request(call.request(), &get("/api/v1/vps/summary"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "total_instances": 3,
    "running": 2,
    "stopped": 1,
    "suspended": 0,
    "total_monthly_cost": "18.00",
    "locations": {
      "la": 2,
      "de": 1
    }
  }
}"#))
        .unwrap();
    let s = &reply.data;
    assert_eq!(
        (s.total_instances, s.running, s.stopped, s.suspended),
        (Some(3), Some(2), Some(1), Some(0))
    );
    assert_eq!(
        s.total_monthly_cost
            .map(cyberpanel::usd)
            .unwrap()
            .to_string(),
        "18.00 USD"
    );
    assert_eq!((s.locations["la"], s.locations["de"]), (2, 1));
}

const LIVE_STATUS: &str = r#"{
  "success": true,
  "data": {
    "vps_id": 45,
    "vmid": 281,
    "name": "my-server.example.com",
    "status": "running",
    "qmpstatus": "running",
    "cpu": {
      "usage_percent": 2.5,
      "cores": 1
    },
    "memory": {
      "used_bytes": 536870912,
      "total_bytes": 1073741824,
      "usage_percent": 50.0
    },
    "disk": {
      "read_bytes": 1234567890,
      "write_bytes": 987654321
    },
    "network": {
      "in_bytes": 5678901234,
      "out_bytes": 1234567890
    },
    "uptime_seconds": 86400,
    "pid": 12345
  }
}"#;

#[test]
fn live_status() {
    let call = api().live_status(45);
    assert_request(call.request(), &get("/api/v1/vps/45/status"));
    let reply = call.parse(&ok(LIVE_STATUS)).unwrap();
    let s = &reply.data;
    assert_eq!(
        (
            s.vps_id,
            s.vmid,
            s.name.as_deref(),
            s.status.as_str(),
            s.qmpstatus.as_deref()
        ),
        (
            45,
            Some(281),
            Some("my-server.example.com"),
            "running",
            Some("running")
        )
    );
    let cpu = s.cpu.as_ref().unwrap();
    assert_eq!((cpu.usage_percent, cpu.cores), (Some(2.5), Some(1)));
    let mem = s.memory.as_ref().unwrap();
    assert_eq!(
        (mem.used_bytes, mem.total_bytes, mem.usage_percent),
        (Some(536870912), Some(1073741824), Some(50.0))
    );
    let disk = s.disk.as_ref().unwrap();
    assert_eq!(
        (disk.read_bytes, disk.write_bytes),
        (Some(1234567890), Some(987654321))
    );
    let net = s.network.as_ref().unwrap();
    assert_eq!(
        (net.in_bytes, net.out_bytes),
        (Some(5678901234), Some(1234567890))
    );
    assert_eq!((s.uptime_seconds, s.pid), (Some(86400), Some(12345)));
}

#[test]
fn live_status_as_one_point_series_of_each_kind() {
    let reply = api().live_status(45).parse(&ok(LIVE_STATUS)).unwrap();
    let now = Timestamp(1_767_625_200);
    let cases = [
        (MetricKind::Cpu, MetricUnit::Percent, 2.5),
        (MetricKind::Memory, MetricUnit::Percent, 50.0),
        (MetricKind::NetIn, MetricUnit::Bytes, 5678901234.0),
        (MetricKind::NetOut, MetricUnit::Bytes, 1234567890.0),
        (MetricKind::DiskRead, MetricUnit::Bytes, 1234567890.0),
        (MetricKind::DiskWrite, MetricUnit::Bytes, 987654321.0),
    ];
    for (kind, unit, value) in cases {
        let series = cyberpanel::metric_series(kind, &reply.data, now);
        assert_eq!((series.kind, series.unit), (kind, unit), "{kind:?}");
        assert_eq!(series.points.len(), 1, "{kind:?}");
        assert_eq!(
            (series.points[0].time, series.points[0].value),
            (now, value),
            "{kind:?}"
        );
    }
    assert_eq!(cyberpanel::METRIC_KINDS.len(), 6);
}

#[test]
fn memory_percent_is_derived_when_missing_and_absent_readings_give_no_points() {
    let reply = api()
        .live_status(45)
        .parse(&ok(r#"{"success":true,"data":{"vps_id":45,"status":"stopped","memory":{"used_bytes":268435456,"total_bytes":1073741824}}}"#))
        .unwrap();
    let now = Timestamp(10);
    assert_eq!(
        cyberpanel::metric_series(MetricKind::Memory, &reply.data, now).points[0].value,
        25.0
    );
    assert!(cyberpanel::metric_series(MetricKind::Cpu, &reply.data, now)
        .points
        .is_empty());
    assert!(
        cyberpanel::metric_series(MetricKind::NetIn, &reply.data, now)
            .points
            .is_empty()
    );
}

#[test]
fn plans() {
    let call = api().plans();
    assert_request(call.request(), &get("/api/v1/vps/plans"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "plans": [
      {
        "id": 1,
        "name": "Starter",
        "cpu_cores": 1,
        "ram_mb": 1024,
        "disk_gb": 25,
        "bandwidth_gb": 1000,
        "monthly_price": "6.00",
        "price_hourly": "0.0082"
      },
      {
        "id": 2,
        "name": "Basic",
        "cpu_cores": 2,
        "ram_mb": 2048,
        "disk_gb": 50,
        "bandwidth_gb": 2000,
        "monthly_price": "12.00",
        "price_hourly": "0.0164"
      }
    ]
  }
}"#))
        .unwrap();
    let plans = &reply.data.plans;
    assert_eq!(plans.len(), 2);
    let basic = &plans[1];
    assert_eq!(
        (
            basic.id,
            basic.name.as_str(),
            basic.cpu_cores,
            basic.ram_mb,
            basic.disk_gb,
            basic.bandwidth_gb
        ),
        (2, "Basic", Some(2), Some(2048), Some(50), Some(2000))
    );
    assert_eq!(
        (basic.monthly_price, basic.price_hourly),
        (Some(dec("12.00")), Some(dec("0.0164")))
    );
    let plan = cyberpanel::plan(&plans[0]);
    assert_eq!(
        (plan.id.as_str(), plan.name.as_str(), plan.cpu_cores),
        ("1", "Starter", Some(1))
    );
    assert_eq!(
        (plan.memory_bytes, plan.disk_bytes),
        (Some(1 << 30), Some(25 << 30))
    );
    assert_eq!(plan.monthly_price.unwrap().to_string(), "6.00 USD");
    assert_eq!(plan.hourly_price.unwrap().to_string(), "0.0082 USD");
    assert_eq!(plan.raw["bandwidth_gb"], 1000);
}

#[test]
fn locations() {
    let call = api().locations();
    assert_request(call.request(), &get("/api/v1/vps/locations"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "locations": [
      {
        "code": "la",
        "name": "Los Angeles, USA",
        "country": "US",
        "available_ips": 15,
        "is_available": true
      },
      {
        "code": "de",
        "name": "Falkenstein, Germany",
        "country": "DE",
        "available_ips": 8,
        "is_available": true
      }
    ]
  }
}"#))
        .unwrap();
    let de = &reply.data.locations[1];
    assert_eq!(
        (
            de.code.as_str(),
            de.name.as_str(),
            de.country.as_deref(),
            de.available_ips,
            de.is_available
        ),
        ("de", "Falkenstein, Germany", Some("DE"), Some(8), true)
    );
    let la = cyberpanel::location(&reply.data.locations[0]);
    assert_eq!(
        (la.code.as_str(), la.name.as_str(), la.available),
        ("la", "Los Angeles, USA", true)
    );
}

#[test]
fn a_location_without_free_addresses_is_not_orderable() {
    let full: cyberpanel::LocationInfo = serde_json::from_str(
        r#"{"code":"eu","name":"EU","country":"NL","available_ips":0,"is_available":true}"#,
    )
    .unwrap();
    assert!(!cyberpanel::location(&full).available);
    let closed: cyberpanel::LocationInfo =
        serde_json::from_str(r#"{"code":"eu","name":"EU","available_ips":5,"is_available":false}"#)
            .unwrap();
    assert!(!cyberpanel::location(&closed).available);
}

#[test]
fn templates() {
    let call = api().templates();
    assert_request(call.request(), &get("/api/v1/vps/templates"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "templates": [
      {"id": "101", "name": "CyberPanel", "os": "AlmaLinux 8", "description": "CyberPanel pre-installed with OpenLiteSpeed"},
      {"id": "9000", "name": "Ubuntu 22.04", "os": "Ubuntu 22.04 LTS", "description": "Clean Ubuntu 22.04 LTS installation"},
      {"id": "9022", "name": "Ubuntu 24.04", "os": "Ubuntu 24.04 LTS", "description": "Clean Ubuntu 24.04 LTS installation"},
      {"id": "9010", "name": "Debian 12", "os": "Debian 12", "description": "Clean Debian 12 installation"},
      {"id": "9001", "name": "AlmaLinux 8", "os": "AlmaLinux 8", "description": "Clean AlmaLinux 8 installation"},
      {"id": "9008", "name": "AlmaLinux 9", "os": "AlmaLinux 9", "description": "Clean AlmaLinux 9 installation"},
      {"id": "9125", "name": "Windows Server 2022", "os": "Windows Server 2022", "description": "Windows Server 2022 (requires $20 min balance)"}
    ]
  }
}"#))
        .unwrap();
    let t = &reply.data.templates;
    assert_eq!(t.len(), 7);
    assert_eq!(
        (t[1].id.as_str(), t[1].name.as_str(), t[1].os.as_deref()),
        ("9000", "Ubuntu 22.04", Some("Ubuntu 22.04 LTS"))
    );
    assert_eq!(
        t[6].description.as_deref(),
        Some("Windows Server 2022 (requires $20 min balance)")
    );
    let images: Vec<_> = t.iter().map(cyberpanel::image).collect();
    assert_eq!(
        (images[0].id.as_str(), images[0].name.as_str()),
        ("101", "CyberPanel (AlmaLinux 8)")
    );
    assert_eq!(images[1].name, "Ubuntu 22.04");
    assert_eq!(images[3].name, "Debian 12");
    assert!(images.iter().all(|i| i.available));
    assert_eq!(
        images[6].raw["description"],
        "Windows Server 2022 (requires $20 min balance)"
    );
}

fn power_case(action: PowerAction, path: &str, body: &str, status: &str, message: &str) {
    let call = api().power(45, action);
    assert_request(call.request(), &post(path));
    let reply = call.parse(&ok(body)).unwrap();
    let r = &reply.data;
    assert_eq!(
        (
            r.id,
            r.vmid,
            r.name.as_deref(),
            r.status.as_str(),
            r.ip_address.as_deref()
        ),
        (
            45,
            Some(281),
            Some("my-server.example.com"),
            status,
            Some("74.81.40.145")
        )
    );
    assert_eq!(reply.message.as_deref(), Some(message));
}

#[test]
fn start_vps() {
    power_case(
        PowerAction::Start,
        "/api/v1/vps/45/start",
        r#"{"success": true, "data": {"id": 45, "vmid": 281, "name": "my-server.example.com", "status": "running", "ip_address": "74.81.40.145"}, "message": "VPS started successfully"}"#,
        "running",
        "VPS started successfully",
    );
}

#[test]
fn stop_vps() {
    power_case(
        PowerAction::Stop,
        "/api/v1/vps/45/stop",
        r#"{"success": true, "data": {"id": 45, "vmid": 281, "name": "my-server.example.com", "status": "stopped", "ip_address": "74.81.40.145"}, "message": "VPS stopped successfully"}"#,
        "stopped",
        "VPS stopped successfully",
    );
}

#[test]
fn restart_vps() {
    power_case(
        PowerAction::Restart,
        "/api/v1/vps/45/restart",
        r#"{"success": true, "data": {"id": 45, "vmid": 281, "name": "my-server.example.com", "status": "running", "ip_address": "74.81.40.145"}, "message": "VPS restarted successfully"}"#,
        "running",
        "VPS restarted successfully",
    );
}

#[test]
fn delete_vps() {
    let call = api().delete_vps(45);
    assert_request(call.request(), &post("/api/v1/vps/45/delete"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "deleted": true,
    "vps_id": 45,
    "name": "my-server.example.com",
    "vmid": 281
  },
  "message": "VPS \"my-server.example.com\" deleted successfully"
}"#))
        .unwrap();
    assert!(reply.data.deleted);
    assert_eq!(
        (
            reply.data.vps_id,
            reply.data.name.as_deref(),
            reply.data.vmid
        ),
        (45, Some("my-server.example.com"), Some(281))
    );
    assert_eq!(
        reply.message.as_deref(),
        Some("VPS \"my-server.example.com\" deleted successfully")
    );
}

#[test]
fn console() {
    let call = api().console(45);
    assert_request(call.request(), &get("/api/v1/vps/45/console"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "vps_id": 45,
    "console_url": "https://lax-power.cyberpersons.com:8006/?console=kvm&novnc=1&vmid=281&node=lax-power",
    "type": "novnc",
    "expires_in_seconds": 300
  },
  "message": "Console URL generated. Valid for 5 minutes."
}"#))
        .unwrap();
    let c = &reply.data;
    assert_eq!(c.vps_id, 45);
    assert_eq!(
        c.console_url,
        "https://lax-power.cyberpersons.com:8006/?console=kvm&novnc=1&vmid=281&node=lax-power"
    );
    assert_eq!(
        (c.kind.as_deref(), c.expires_in_seconds),
        (Some("novnc"), Some(300))
    );
    assert_eq!(
        reply.message.as_deref(),
        Some("Console URL generated. Valid for 5 minutes.")
    );
}

fn documented_order() -> CreateVps {
    CreateVps {
        hostname: "my-server.example.com".into(),
        plan_id: 1,
        location_code: "la".into(),
        template_id: "9000".into(),
        root_password: Secret::new("SecurePass123"),
        ssh_key: Some("ssh-rsa AAAAB3NzaC1yc2E...".into()),
        webhook_url: Some("https://your-server.com/webhook".into()),
        webhook_secret: None,
    }
}

#[test]
fn create_vps_sends_the_documented_body() {
    let call = api().create_vps(&documented_order()).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/vps/create",
            query: &[],
            headers: &[AUTH, JSON],
            body: Some(Body::Json(
                r#"{
  "hostname": "my-server.example.com",
  "plan_id": 1,
  "location_code": "la",
  "template_id": "9000",
  "root_password": "SecurePass123",
  "ssh_key": "ssh-rsa AAAAB3NzaC1yc2E...",
  "webhook_url": "https://your-server.com/webhook"
}"#,
            )),
        },
    );
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "vps_id": 46,
    "name": "my-server.example.com",
    "status": "deploying",
    "ip_address": "74.81.40.146",
    "plan": {
      "id": 1,
      "name": "Starter",
      "price": "6.00"
    },
    "location": "la",
    "template": "9000",
    "deployment_url": "/api/v1/vps/46/deployment",
    "estimated_time_seconds": 180,
    "webhook_configured": true
  },
  "message": "VPS deployment started. Use the deployment endpoint to check progress."
}"#))
        .unwrap();
    let c = &reply.data;
    assert_eq!(
        (
            c.vps_id,
            c.name.as_deref(),
            c.status.as_str(),
            c.ip_address.as_deref()
        ),
        (
            46,
            Some("my-server.example.com"),
            "deploying",
            Some("74.81.40.146")
        )
    );
    let plan = c.plan.as_ref().unwrap();
    assert_eq!(
        (plan.id, plan.name.as_str(), plan.price),
        (1, "Starter", Some(dec("6.00")))
    );
    assert_eq!(
        (c.location.as_deref(), c.template.as_deref()),
        (Some("la"), Some("9000"))
    );
    assert_eq!(
        (c.deployment_url.as_deref(), c.estimated_time_seconds),
        (Some("/api/v1/vps/46/deployment"), Some(180))
    );
    assert!(c.webhook_configured);
    assert_eq!(
        reply.message.as_deref(),
        Some("VPS deployment started. Use the deployment endpoint to check progress.")
    );
}

#[test]
fn create_vps_from_the_code_examples_leaves_optional_fields_out() {
    let order = CreateVps {
        ssh_key: None,
        webhook_url: Some("  ".into()),
        webhook_secret: Some(Secret::new("")),
        ..documented_order()
    };
    let call = api().create_vps(&order).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/vps/create",
            query: &[],
            headers: &[AUTH, JSON],
            body: Some(Body::Json(
                r#"{
    "hostname": "my-server.example.com",
    "plan_id": 1,
    "location_code": "la",
    "template_id": "9000",
    "root_password": "SecurePass123"
  }"#,
            )),
        },
    );
}

#[test]
fn create_vps_sends_a_webhook_secret_and_curl_hides_it() {
    let order = CreateVps {
        webhook_secret: Some(Secret::new("whsec-very-private")),
        ..documented_order()
    };
    let call = api().create_vps(&order).unwrap();
    let body: serde_json::Value = serde_json::from_slice(call.request().body()).unwrap();
    assert_eq!(body["webhook_secret"], "whsec-very-private");
    let curl = call.to_curl();
    assert!(!curl.contains("whsec-very-private"), "{curl}");
    assert!(!curl.contains("SecurePass123"), "{curl}");
    assert!(!curl.contains(KEY), "{curl}");
    assert!(curl.contains(r#""root_password":"<redacted>""#), "{curl}");
    assert!(curl.contains(r#""webhook_secret":"<redacted>""#), "{curl}");
    assert!(curl.contains("Authorization: Bearer <redacted>"), "{curl}");
    assert!(
        curl.contains(r#""hostname":"my-server.example.com""#),
        "{curl}"
    );
    assert!(
        curl.starts_with("curl -X POST https://platform.cyberpersons.com/api/v1/vps/create"),
        "{curl}"
    );
}

#[test]
fn debug_output_hides_the_key_and_password() {
    let shown = format!("{:?} {:?}", api(), documented_order());
    assert!(
        !shown.contains(KEY) && !shown.contains("SecurePass123"),
        "{shown}"
    );
}

#[test]
fn deployment_in_progress() {
    let call = api().deployment(46);
    assert_request(call.request(), &get("/api/v1/vps/46/deployment"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "vps_id": 46,
    "deployment_status": "in_progress",
    "vps_status": "deploying",
    "current_task": "configure_network",
    "progress_percent": 70,
    "tasks": [
      {"name": "validate_resources", "status": "completed", "order": 1},
      {"name": "allocate_ip", "status": "completed", "order": 2},
      {"name": "create_vm", "status": "completed", "order": 3},
      {"name": "configure_hardware", "status": "completed", "order": 4},
      {"name": "apply_cloud_init", "status": "completed", "order": 5},
      {"name": "start_vm", "status": "completed", "order": 6},
      {"name": "configure_network", "status": "in_progress", "order": 7},
      {"name": "wait_for_guest_agent", "status": "pending", "order": 8},
      {"name": "verify_connectivity", "status": "pending", "order": 9},
      {"name": "finalize", "status": "pending", "order": 10}
    ],
    "tasks_completed": 6,
    "tasks_total": 10,
    "started_at": "2026-01-05T15:00:00Z",
    "is_ready": false
  }
}"#))
        .unwrap();
    let d = &reply.data;
    assert_eq!(
        (
            d.vps_id,
            d.deployment_status.as_str(),
            d.vps_status.as_deref(),
            d.current_task.as_deref()
        ),
        (
            46,
            "in_progress",
            Some("deploying"),
            Some("configure_network")
        )
    );
    assert_eq!(
        (d.progress_percent, d.tasks_completed, d.tasks_total),
        (Some(70.0), Some(6), Some(10))
    );
    assert_eq!(
        (d.tasks.len(), d.tasks[6].name.as_str(), d.tasks[6].order),
        (10, "configure_network", Some(7))
    );
    assert!(!d.is_ready && d.access_info.is_none() && d.completed_at.is_none());
    let p = cyberpanel::progress(d, reply.message.as_deref());
    assert_eq!(
        (p.state, p.percent, p.stage.as_str()),
        (ProgressState::InProgress, Some(70), "configure_network")
    );
    assert_eq!(p.server_id.as_deref(), Some("46"));
    assert_eq!(p.tasks.len(), 10);
    assert_eq!(
        (p.tasks[0].name.as_str(), p.tasks[0].state),
        ("validate_resources", TaskState::Done)
    );
    assert_eq!(p.tasks[6].state, TaskState::Running);
    assert_eq!(p.tasks[9].state, TaskState::Pending);
}

#[test]
fn deployment_completed() {
    let reply = api()
        .deployment(46)
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "vps_id": 46,
    "deployment_status": "completed",
    "vps_status": "running",
    "current_task": null,
    "progress_percent": 100,
    "tasks_completed": 10,
    "tasks_total": 10,
    "started_at": "2026-01-05T15:00:00Z",
    "completed_at": "2026-01-05T15:03:00Z",
    "is_ready": true,
    "access_info": {
      "ip_address": "74.81.40.146",
      "ssh_port": 22,
      "ssh_user": "root"
    }
  },
  "message": "VPS deployment completed successfully"
}"#))
        .unwrap();
    let d = &reply.data;
    assert!(d.is_ready && d.tasks.is_empty() && d.current_task.is_none());
    assert_eq!(d.completed_at.as_deref(), Some("2026-01-05T15:03:00Z"));
    let access = d.access_info.as_ref().unwrap();
    assert_eq!(
        (
            access.ip_address.as_deref(),
            access.ssh_port,
            access.ssh_user.as_deref()
        ),
        (Some("74.81.40.146"), Some(22), Some("root"))
    );
    let p = cyberpanel::progress(d, reply.message.as_deref());
    assert_eq!(
        (p.state, p.percent, p.stage.as_str()),
        (ProgressState::Done, Some(100), "completed")
    );
    assert_eq!(
        p.message.as_deref(),
        Some("VPS deployment completed successfully")
    );
}

#[test]
fn deployment_failed_and_derived_percent() {
    let d: cyberpanel::Deployment = serde_json::from_str(
        r#"{"vps_id":47,"deployment_status":"failed","current_task":"create_vm","tasks":[{"name":"create_vm","status":"failed","order":3},{"name":"allocate_ip","status":"completed","order":2}],"tasks_completed":2,"tasks_total":10,"is_ready":false}"#,
    )
    .unwrap();
    let p = cyberpanel::progress(&d, Some("VPS deployment failed"));
    assert_eq!(
        (p.state, p.percent, p.stage.as_str()),
        (ProgressState::Failed, Some(20), "create_vm")
    );
    // Tasks are put in their documented order.
    assert_eq!(
        (p.tasks[0].name.as_str(), p.tasks[0].state),
        ("allocate_ip", TaskState::Done)
    );
    assert_eq!(p.tasks[1].state, TaskState::Failed);
}

#[test]
fn snapshots_list_takes_the_documented_hyphenated_name() {
    let call = api().snapshots(45);
    assert_request(call.request(), &get("/api/v1/vps/45/snapshots"));
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "vps_id": 45,
    "snapshots": [
      {
        "name": "pre-upgrade-snapshot",
        "description": "Before system upgrade",
        "created_at": "2026-01-04T10:00:00Z",
        "vmstate": false
      }
    ]
  }
}"#))
        .unwrap();
    let s = &reply.data.snapshots[0];
    assert_eq!(
        (
            reply.data.vps_id,
            s.name.as_str(),
            s.description.as_deref(),
            s.vmstate
        ),
        (
            45,
            "pre-upgrade-snapshot",
            Some("Before system upgrade"),
            false
        )
    );
    let unified = cyberpanel::snapshot(s);
    assert_eq!(
        (unified.id.as_str(), unified.name.as_str()),
        ("pre-upgrade-snapshot", "pre-upgrade-snapshot")
    );
    assert_eq!(unified.created, ts("2026-01-04T10:00:00Z"));
}

#[test]
fn create_snapshot() {
    let snapshot = NewSnapshot {
        name: "pre_upgrade_snapshot".into(),
        description: Some("Before upgrading to Ubuntu 24.04".into()),
        include_ram: false,
    };
    let call = api().create_snapshot(45, &snapshot).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/v1/vps/45/snapshots/create",
            query: &[],
            headers: &[AUTH, JSON],
            body: Some(Body::Json(
                r#"{
  "name": "pre_upgrade_snapshot",
  "description": "Before upgrading to Ubuntu 24.04",
  "include_ram": false
}"#,
            )),
        },
    );
    let reply = call
        .parse(&ok(r#"{
  "success": true,
  "data": {
    "vps_id": 45,
    "snapshot": {
      "name": "pre_upgrade_snapshot",
      "description": "Before upgrading to Ubuntu 24.04",
      "created_at": "2026-01-05T16:00:00Z"
    }
  },
  "message": "Snapshot created successfully"
}"#))
        .unwrap();
    let s = &reply.data.snapshot;
    assert_eq!(
        (
            reply.data.vps_id,
            s.name.as_str(),
            s.description.as_deref(),
            s.created_at.as_deref()
        ),
        (
            45,
            "pre_upgrade_snapshot",
            Some("Before upgrading to Ubuntu 24.04"),
            Some("2026-01-05T16:00:00Z")
        )
    );
    assert_eq!(
        reply.message.as_deref(),
        Some("Snapshot created successfully")
    );
}

#[test]
fn every_reply_carries_the_rate_limit_headers() {
    let reply = api()
        .plans()
        .parse(&response(
            200,
            r#"{"success":true,"data":{"plans":[]}}"#,
            &[
                ("X-RateLimit-Limit", "60"),
                ("X-RateLimit-Remaining", "58"),
                ("X-RateLimit-Reset", "1704067200"),
            ],
        ))
        .unwrap();
    let rl = reply.rate_limit.unwrap();
    assert_eq!(
        (rl.limit, rl.remaining, rl.reset),
        (60, 58, Timestamp(1704067200))
    );
    let without = api()
        .plans()
        .parse(&ok(r#"{"success":true,"data":{"plans":[]}}"#))
        .unwrap();
    assert_eq!(without.rate_limit, None);
}

#[test]
fn base_url_gets_the_api_prefix_once() {
    let uri = |base: Option<&str>| {
        Api::new(base, Secret::new(KEY))
            .unwrap()
            .vps(45)
            .request()
            .uri()
            .to_string()
    };
    assert_eq!(uri(None), "https://platform.cyberpersons.com/api/v1/vps/45");
    assert_eq!(
        uri(Some("https://platform.cyberpersons.com/api/v1")),
        "https://platform.cyberpersons.com/api/v1/vps/45"
    );
    assert_eq!(
        uri(Some("https://platform.cyberpersons.com/api/v1/")),
        "https://platform.cyberpersons.com/api/v1/vps/45"
    );
    assert_eq!(
        uri(Some("http://127.0.0.1:8080/cyberpanel")),
        "http://127.0.0.1:8080/cyberpanel/api/v1/vps/45"
    );
    assert_eq!(
        uri(Some("http://127.0.0.1:8080/cyberpanel/api/v1")),
        "http://127.0.0.1:8080/cyberpanel/api/v1/vps/45"
    );
    assert!(
        matches!(Api::new(Some("ftp://x"), Secret::new(KEY)), Err(ProviderError::Validation { ref field, .. }) if field == "base_url")
    );
}

#[test]
fn curl_of_a_plain_call_hides_the_key() {
    let curl = api().power(45, PowerAction::Stop).to_curl();
    assert_eq!(curl, "curl -X POST https://platform.cyberpersons.com/api/v1/vps/45/stop -H 'Authorization: Bearer <redacted>'");
}
