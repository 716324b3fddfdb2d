//! LiteVPS contract tests: every request and response example of the LiteVPS
//! document (and of the endpoint table it was reconstructed into), and every
//! documented error shape.

mod common;

use common::{assert_request, ok, response, Body, Expected};
use providers::litevps::{self, Api, Exec, JobStatus, NewVps, Page, VpsState};
use providers::{
    InvoiceStatus, PowerAction, ProgressState, ProviderError, Secret, ServerStatus, Timestamp,
};
use rust_decimal::Decimal;

const TOKEN: &str = "vtk_abc123";
const AUTH: (&str, &str) = ("Authorization", "Bearer vtk_abc123");
const JSON: (&str, &str) = ("Content-Type", "application/json");

const VPS_CREATING: &str = r#"{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","name":"web-01","state":"creating","plan_id":"plan-uuid","template":null,"vcpu":1,"memory_mb":512,"disk_gb":10,"ipv4":null,"ipv6":null,"price_hourly":0.0042,"ssh_key_ids":["key-uuid"],"created_at":"2026-01-05T10:00:00Z","expires_at":null}"#;
const VPS_RUNNING: &str = r#"{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","name":"web-01","state":"running","plan_id":"plan-uuid","template":"ubuntu-22-small","vcpu":1,"memory_mb":512,"disk_gb":10,"ipv4":"203.0.113.10","ipv6":"2001:db8::10","price_hourly":0.0042,"ssh_key_ids":["key-uuid"],"created_at":"2026-01-05T10:00:00Z","expires_at":"2026-01-05T11:00:00Z"}"#;
const VPS_ID: &str = "7c9e6679-7425-40de-944b-e07fc1f90ae7";

fn api() -> Api {
    Api::new(None, Some(Secret::new(TOKEN))).unwrap()
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

fn public_get(path: &str) -> Expected<'_> {
    Expected {
        method: "GET",
        path,
        query: &[],
        headers: &[],
        body: None,
    }
}

fn post<'a>(path: &'a str, body: &'a str) -> Expected<'a> {
    Expected {
        method: "POST",
        path,
        query: &[],
        headers: &[AUTH, JSON],
        body: Some(Body::Json(body)),
    }
}

fn delete(path: &str) -> Expected<'_> {
    Expected {
        method: "DELETE",
        path,
        query: &[],
        headers: &[AUTH],
        body: None,
    }
}

fn created(body: &str) -> providers::ApiResponse {
    response(
        201,
        body,
        &[
            ("content-type", "application/json"),
            ("x-balance-remaining", "10.5000"),
        ],
    )
}

// --- auth ---

#[test]
fn login_quick_start_example() {
    let call = api()
        .login("agent@example.com", &Secret::new("s3cr3t"))
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/auth/login",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"email":"agent@example.com","password":"s3cr3t"}"#,
            )),
        },
    );
    assert_eq!(
        call.request().uri().to_string(),
        "https://api.litevps.dev/api/auth/login"
    );
    let answer = call.parse(&ok(r#"{"token":"eyJ..."}"#)).unwrap();
    assert_eq!(answer.token.expose(), "eyJ...");
}

#[test]
fn login_auth_section_example() {
    let anonymous = Api::new(None, None).unwrap();
    let call = anonymous
        .login("you@example.com", &Secret::new("password123"))
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/auth/login",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"email":"you@example.com","password":"password123"}"#,
            )),
        },
    );
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1MSIsImVtYWlsIjoieW91QGV4YW1wbGUuY29tIiwiZXhwIjoxNzY3NjkwMDAwfQ.c2ln";
    let answer = call.parse(&ok(&format!(r#"{{"token":"{jwt}"}}"#))).unwrap();
    assert_eq!(answer.token.expose(), jwt);
    let claims = litevps::jwt::claims(answer.token.expose()).unwrap();
    assert_eq!(claims.sub.as_deref(), Some("u1"));
    assert_eq!(claims.email.as_deref(), Some("you@example.com"));
    assert_eq!(claims.exp, Some(1_767_690_000));
}

#[test]
fn bad_login_names_email_and_password() {
    let call = api()
        .login("you@example.com", &Secret::new("wrong"))
        .unwrap();
    let err = call
        .parse(&response(
            401,
            r#"{"error":"invalid email or password"}"#,
            &[],
        ))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Auth {
            message: "invalid email or password".into(),
            credential: litevps::LOGIN_CREDENTIAL.into()
        }
    );
}

#[test]
fn login_answer_without_a_jwt_is_unexpected() {
    let call = api().login("you@example.com", &Secret::new("pw")).unwrap();
    let err = call.parse(&ok(r#"{"token":"not a jwt"}"#)).unwrap_err();
    assert!(
        matches!(err, ProviderError::UnexpectedBody { status: 200, ref body, .. } if body.is_empty()),
        "{err:?}"
    );
    assert!(call.parse(&ok(r#"{"jwt":"eyJ"}"#)).is_err());
}

#[test]
fn login_rate_limit() {
    let call = api().login("you@example.com", &Secret::new("pw")).unwrap();
    let err = call
        .parse(&response(
            429,
            r#"{"error":"rate limit exceeded"}"#,
            &[("retry-after", "42")],
        ))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::RateLimited {
            retry_after_secs: Some(42),
            message: "rate limit exceeded".into()
        }
    );
}

#[test]
fn register_sends_the_turnstile_token() {
    let call = Api::new(None, None)
        .unwrap()
        .register(
            "you@example.com",
            &Secret::new("password123"),
            "sandbox-pass",
        )
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "POST",
            path: "/api/auth/register",
            query: &[],
            headers: &[JSON],
            body: Some(Body::Json(
                r#"{"email":"you@example.com","password":"password123","cf-turnstile-response":"sandbox-pass"}"#,
            )),
        },
    );
    let user = call
        .parse(&created(r#"{"id":"u-1","email":"you@example.com"}"#))
        .unwrap();
    assert_eq!(
        (user.id.as_str(), user.email.as_str()),
        ("u-1", "you@example.com")
    );
}

#[test]
fn register_captcha_failure_names_the_turnstile_field() {
    let call = api()
        .register("you@example.com", &Secret::new("pw"), "forged")
        .unwrap();
    let err = call
        .parse(&response(
            400,
            r#"{"error":"CAPTCHA verification failed"}"#,
            &[],
        ))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::validation("cf-turnstile-response", "CAPTCHA verification failed")
    );
}

#[test]
fn register_curl_hides_password_and_turnstile() {
    let curl = api()
        .register("you@example.com", &Secret::new("hunter2"), "tt-secret")
        .unwrap()
        .to_curl();
    assert!(!curl.contains("hunter2"), "{curl}");
    assert!(!curl.contains("tt-secret"), "{curl}");
    assert!(curl.contains("you@example.com"), "{curl}");
    assert!(
        curl.starts_with("curl -X POST https://api.litevps.dev/api/auth/register"),
        "{curl}"
    );
}

#[test]
fn login_curl_hides_the_password() {
    let curl = api()
        .login("agent@example.com", &Secret::new("s3cr3t"))
        .unwrap()
        .to_curl();
    assert!(!curl.contains("s3cr3t"), "{curl}");
    assert!(curl.contains(r#""password":"<redacted>""#), "{curl}");
}

#[test]
fn me() {
    let call = api().me();
    assert_request(call.request(), &get("/api/me"));
    let me = call
        .parse(&ok(
            r#"{"id":"...","email":"you@example.com","balance":10.5000}"#,
        ))
        .unwrap();
    assert_eq!(
        (me.id.as_str(), me.email.as_str(), me.balance),
        ("...", "you@example.com", 10.5)
    );
    let balance = litevps::balance(&me).unwrap();
    assert_eq!(balance.available.amount.to_string(), "10.5000");
    assert_eq!(balance.available.currency.code(), "USD");
    assert_eq!(balance.raw["email"], "you@example.com");
}

#[test]
fn me_keeps_undocumented_fields() {
    let me = api()
        .me()
        .parse(&ok(
            r#"{"id":"u1","email":"a@b.co","balance":"3.25","plan":"beta"}"#,
        ))
        .unwrap();
    assert_eq!(me.balance, 3.25);
    assert_eq!(me.extra["plan"], "beta");
    assert_eq!(litevps::balance(&me).unwrap().raw["plan"], "beta");
}

// --- catalogue ---

#[test]
fn pricing_is_public() {
    let call = api().pricing();
    assert_request(call.request(), &public_get("/api/pricing"));
    let plans = call
        .parse(&ok(r#"[{"id":"...","name":"Nano","vcpu":1,"memory_mb":512,"disk_gb":10,"price_hourly":0.0042}]"#))
        .unwrap();
    let nano = &plans[0];
    assert_eq!(
        (
            nano.id.as_str(),
            nano.name.as_str(),
            nano.vcpu,
            nano.memory_mb,
            nano.disk_gb
        ),
        ("...", "Nano", Some(1), Some(512), Some(10))
    );
    assert_eq!(nano.price_hourly, Some(0.0042));
    let plan = litevps::plan(nano);
    assert_eq!(plan.hourly_price.unwrap().amount.to_string(), "0.0042");
    assert_eq!(plan.monthly_price, None);
    assert_eq!(plan.cpu_cores, Some(1));
    assert_eq!(plan.memory_bytes, Some(512 * 1_048_576));
    assert_eq!(plan.disk_bytes, Some(10 * 1_073_741_824));
    assert_eq!(plan.raw["name"], "Nano");
}

#[test]
fn templates_are_public() {
    let call = api().templates();
    assert_request(call.request(), &public_get("/api/templates"));
    let templates = call
        .parse(&ok(r#"[{"name":"ubuntu-22-small","vcpu":1,"memory_mb":1024,"disk_gb":20,"user_data":null,"ttl_minutes":null,"plan_id":"plan-uuid"}]"#))
        .unwrap();
    let t = &templates[0];
    assert_eq!(
        (t.name.as_str(), t.vcpu, t.memory_mb, t.disk_gb),
        ("ubuntu-22-small", Some(1), Some(1024), Some(20))
    );
    assert_eq!(
        (t.user_data.as_deref(), t.ttl_minutes, t.plan_id.as_deref()),
        (None, None, Some("plan-uuid"))
    );
}

#[test]
fn health_is_public() {
    let call = api().health();
    assert_request(call.request(), &public_get("/api/health"));
    assert_eq!(call.parse(&ok(r#"{"status":"ok"}"#)).unwrap().status, "ok");
}

#[test]
fn agent_manifest_is_on_the_origin() {
    let call = api().agent();
    assert_request(call.request(), &public_get("/.well-known/agent.json"));
    assert_eq!(
        call.request().uri().to_string(),
        "https://api.litevps.dev/.well-known/agent.json"
    );
    let m = call
        .parse(&ok(r#"{"name":"LiteVPS","description":"Agent-first VPS","api_base":"https://api.litevps.dev/api","openapi":"https://api.litevps.dev/api/openapi.json","auth":{"type":"bearer","login":"/api/auth/login"}}"#))
        .unwrap();
    assert_eq!(m.name, "LiteVPS");
    assert_eq!(m.api_base.as_deref(), Some("https://api.litevps.dev/api"));
    assert_eq!(
        m.openapi.as_deref(),
        Some("https://api.litevps.dev/api/openapi.json")
    );
    let auth = m.auth.unwrap();
    assert_eq!(
        (auth.kind.as_str(), auth.login.as_deref()),
        ("bearer", Some("/api/auth/login"))
    );
}

// --- VPS ---

#[test]
fn create_vps_quick_start_example() {
    let call = api()
        .create_vps(&NewVps::from_plan("my-vm", "<plan-id>"))
        .unwrap();
    assert_request(
        call.request(),
        &post("/api/vps", r#"{"name":"my-vm","plan_id":"<plan-id>"}"#),
    );
    let vps = call.parse(&created(VPS_CREATING)).unwrap();
    assert_eq!((vps.id.as_str(), vps.state.as_str()), (VPS_ID, "creating"));
    assert_eq!(vps.state(), VpsState::Creating);
    let server = litevps::server(&vps);
    assert_eq!(server.status, ServerStatus::Provisioning);
    assert!(server.ips.is_empty());
    let progress = litevps::progress(&vps);
    assert_eq!(progress.state, ProgressState::InProgress);
    assert_eq!(progress.server_id.as_deref(), Some(VPS_ID));
    assert_eq!(progress.percent, None);
}

#[test]
fn create_vps_with_ssh_keys() {
    let vps = NewVps {
        ssh_key_ids: vec!["key-uuid".into()],
        ..NewVps::from_plan("web-01", "plan-uuid")
    };
    let call = api().create_vps(&vps).unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps",
            r#"{"name":"web-01","plan_id":"plan-uuid","ssh_key_ids":["key-uuid"]}"#,
        ),
    );
    let vps = call.parse(&created(VPS_CREATING)).unwrap();
    assert_eq!(vps.ssh_key_ids, vec!["key-uuid"]);
    assert_eq!(vps.price_hourly, Some(0.0042));
}

#[test]
fn create_vps_from_a_template() {
    let call = api()
        .create_vps(&NewVps::from_template("agent-vm", "ubuntu-22-small"))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps",
            r#"{"name":"agent-vm","template":"ubuntu-22-small"}"#,
        ),
    );
}

#[test]
fn create_vps_with_every_override() {
    let vps = NewVps {
        vcpu: Some(2),
        memory_mb: Some(2048),
        disk_gb: Some(40),
        user_data: Some("#cloud-config\n".into()),
        ttl_minutes: Some(60),
        ..NewVps::from_template("agent-vm", "ubuntu-22-small")
    };
    let call = api().create_vps(&vps).unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps",
            r##"{"name":"agent-vm","template":"ubuntu-22-small","vcpu":2,"memory_mb":2048,"disk_gb":40,"user_data":"#cloud-config\n","ttl_minutes":60}"##,
        ),
    );
}

#[test]
fn poll_vps_until_running() {
    let call = api().vps(VPS_ID);
    assert_request(
        call.request(),
        &get("/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7"),
    );
    let vps = call.parse(&ok(VPS_RUNNING)).unwrap();
    assert_eq!(vps.state(), VpsState::Running);
    let server = litevps::server(&vps);
    assert_eq!(server.id, VPS_ID);
    assert_eq!(server.name, "web-01");
    assert_eq!(server.status, ServerStatus::Running);
    assert_eq!(server.raw_status, "running");
    assert_eq!(server.ips, vec!["203.0.113.10", "2001:db8::10"]);
    assert_eq!(server.plan.as_deref(), Some("ubuntu-22-small"));
    assert_eq!(server.specs.cpu_cores, Some(1));
    assert_eq!(server.specs.memory_bytes, Some(536_870_912));
    assert_eq!(server.specs.disk_bytes, Some(10_737_418_240));
    assert_eq!(server.created, Timestamp::parse("2026-01-05T10:00:00Z"));
    assert_eq!(server.expires, Timestamp::parse("2026-01-05T11:00:00Z"));
    let cost = server.monthly_cost.clone().unwrap();
    assert_eq!(cost.amount.to_string(), "3.0660");
    assert_eq!(cost.currency.code(), "USD");
    assert_eq!(server.raw["ssh_key_ids"][0], "key-uuid");
    let progress = litevps::progress(&vps);
    assert_eq!(
        (progress.state, progress.percent),
        (ProgressState::Done, Some(100))
    );
}

#[test]
fn vps_states_map_to_unified_statuses() {
    for (state, status, progress) in [
        (
            "creating",
            ServerStatus::Provisioning,
            ProgressState::InProgress,
        ),
        ("running", ServerStatus::Running, ProgressState::Done),
        ("stopped", ServerStatus::Stopped, ProgressState::Done),
        ("error", ServerStatus::Error, ProgressState::Failed),
        (
            "migrating",
            ServerStatus::Unknown,
            ProgressState::InProgress,
        ),
    ] {
        let body = VPS_CREATING.replace(r#""state":"creating""#, &format!(r#""state":"{state}""#));
        let vps = api().vps(VPS_ID).parse(&ok(&body)).unwrap();
        assert_eq!(litevps::server(&vps).status, status, "{state}");
        assert_eq!(litevps::progress(&vps).state, progress, "{state}");
    }
}

#[test]
fn list_vps() {
    let call = api().list_vps();
    assert_request(call.request(), &get("/api/vps"));
    let list = call
        .parse(&ok(&format!("[{VPS_CREATING},{VPS_RUNNING}]")))
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].state(), VpsState::Creating);
    assert_eq!(list[1].ipv4.as_deref(), Some("203.0.113.10"));
    assert!(call.parse(&ok("[]")).unwrap().is_empty());
}

#[test]
fn vps_object_keeps_undocumented_fields() {
    let body = VPS_RUNNING.replace(r#""name":"web-01""#, r#""name":"web-01","region":"eu-1""#);
    let vps = api().vps(VPS_ID).parse(&ok(&body)).unwrap();
    assert_eq!(vps.extra["region"], "eu-1");
    assert_eq!(litevps::server(&vps).raw["region"], "eu-1");
}

#[test]
fn delete_vps() {
    let call = api().delete_vps(VPS_ID);
    assert_request(
        call.request(),
        &delete("/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7"),
    );
    let d = call
        .parse(&ok(&format!(r#"{{"id":"{VPS_ID}","deleted":true}}"#)))
        .unwrap();
    assert_eq!((d.id.as_deref(), d.deleted), (Some(VPS_ID), true));
    let empty = call.parse(&response(204, "", &[])).unwrap();
    assert!(empty.deleted);
    assert!(
        !call
            .parse(&ok(r#"{"id":"x","deleted":false}"#))
            .unwrap()
            .deleted
    );
}

#[test]
fn power_actions() {
    for (action, path, state) in [
        (
            PowerAction::Start,
            "/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/start",
            "running",
        ),
        (
            PowerAction::Stop,
            "/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/stop",
            "stopped",
        ),
        (
            PowerAction::Restart,
            "/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/restart",
            "running",
        ),
    ] {
        let call = api().power(VPS_ID, action);
        assert_request(
            call.request(),
            &Expected {
                method: "POST",
                path,
                query: &[],
                headers: &[AUTH],
                body: None,
            },
        );
        let body = VPS_RUNNING.replace(r#""state":"running""#, &format!(r#""state":"{state}""#));
        let vps = call.parse(&ok(&body)).unwrap();
        assert_eq!(litevps::server(&vps).status, action.target_status());
    }
}

#[test]
fn start_without_balance_is_payment_required() {
    let err = api()
        .power(VPS_ID, PowerAction::Start)
        .parse(&response(
            402,
            r#"{"error":"insufficient balance","balance":0.0420,"required":0.1667}"#,
            &[],
        ))
        .unwrap_err();
    let ProviderError::PaymentRequired {
        balance,
        required,
        message,
    } = err
    else {
        panic!("{err:?}")
    };
    assert_eq!(balance.unwrap().amount.to_string(), "0.0420");
    assert_eq!(required.unwrap().amount.to_string(), "0.1667");
    assert_eq!(message, "insufficient balance");
}

// --- snapshots ---

const SNAPSHOT: &str = r#"{"id":"snap-1","name":"snap-name","vps_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","size_gb":10,"created_at":"2026-01-05T12:00:00Z"}"#;

#[test]
fn create_snapshot() {
    let call = api().create_snapshot(VPS_ID, "snap-name").unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/snapshots",
            r#"{"name":"snap-name"}"#,
        ),
    );
    let s = call.parse(&created(SNAPSHOT)).unwrap();
    assert_eq!(
        (
            s.id.as_str(),
            s.name.as_str(),
            s.vps_id.as_deref(),
            s.size_gb
        ),
        ("snap-1", "snap-name", Some(VPS_ID), Some(10.0))
    );
    let unified = litevps::snapshot(&s);
    assert_eq!(
        (unified.id.as_str(), unified.name.as_str()),
        ("snap-1", "snap-name")
    );
    assert_eq!(unified.description.as_deref(), Some("10 GB"));
    assert_eq!(unified.created, Timestamp::parse("2026-01-05T12:00:00Z"));
}

#[test]
fn list_and_delete_snapshots() {
    let call = api().snapshots(VPS_ID);
    assert_request(
        call.request(),
        &get("/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/snapshots"),
    );
    let list = call.parse(&ok(&format!("[{SNAPSHOT}]"))).unwrap();
    assert_eq!(list[0].id, "snap-1");
    let call = api().delete_snapshot(VPS_ID, "snap-1");
    assert_request(
        call.request(),
        &delete("/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/snapshots/snap-1"),
    );
    let d = call
        .parse(&ok(r#"{"id":"snap-1","deleted":true}"#))
        .unwrap();
    assert_eq!((d.id.as_deref(), d.deleted), (Some("snap-1"), true));
}

// --- files ---

#[test]
fn upload_a_file() {
    let call = api()
        .upload_file(VPS_ID, "/root/hello.txt", b"hello\n".to_vec())
        .unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "PUT",
            path: "/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/files",
            query: &[("path", "/root/hello.txt")],
            headers: &[AUTH, ("Content-Type", "application/octet-stream")],
            body: Some(Body::Raw(b"hello\n")),
        },
    );
    let written = call
        .parse(&ok(r#"{"path":"/root/hello.txt","size":6}"#))
        .unwrap();
    assert_eq!(
        (written.path.as_str(), written.size),
        ("/root/hello.txt", Some(6))
    );
}

#[test]
fn download_a_file() {
    let call = api().download_file(VPS_ID, "/etc/hostname").unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/files",
            query: &[("path", "/etc/hostname")],
            headers: &[AUTH],
            body: None,
        },
    );
    let bytes = call
        .parse(&response(
            200,
            "web-01\n",
            &[("content-type", "application/octet-stream")],
        ))
        .unwrap();
    assert_eq!(bytes, b"web-01\n");
    let err = call
        .parse(&response(400, r#"{"error":"path is required"}"#, &[]))
        .unwrap_err();
    assert_eq!(err, ProviderError::validation("path", "path is required"));
    let err = call
        .parse(&response(404, r#"{"error":"not found"}"#, &[]))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::NotFound {
            message: "not found".into()
        }
    );
}

// --- exec and jobs ---

#[test]
fn exec_quick_start_example() {
    let call = api().exec(VPS_ID, &Exec::new("uname -a")).unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/exec",
            r#"{"command":"uname -a"}"#,
        ),
    );
    let out = call
        .parse(&ok(r#"{"stdout":"Linux web-01 6.1.0 x86_64 GNU/Linux\n","stderr":"","exit_code":0,"duration_ms":12}"#))
        .unwrap();
    assert_eq!(out.stdout, "Linux web-01 6.1.0 x86_64 GNU/Linux\n");
    assert_eq!(
        (out.stderr.as_str(), out.exit_code, out.duration_ms),
        ("", Some(0), Some(12))
    );
}

#[test]
fn exec_synchronous_example() {
    let call = api()
        .exec(VPS_ID, &Exec::new("df -h /").timeout(30))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/exec",
            r#"{"command":"df -h /","timeout_seconds":30}"#,
        ),
    );
    let out = call
        .parse(&ok(
            r#"{"stdout":"Filesystem ...","stderr":"","exit_code":0,"duration_ms":142}"#,
        ))
        .unwrap();
    assert_eq!(
        (
            out.stdout.as_str(),
            out.stderr.as_str(),
            out.exit_code,
            out.duration_ms
        ),
        ("Filesystem ...", "", Some(0), Some(142))
    );
}

#[test]
fn exec_asynchronous_example() {
    let call = api()
        .exec_background(VPS_ID, &Exec::new("apt-get update -y").timeout(300))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/exec",
            r#"{"command":"apt-get update -y","timeout_seconds":300,"background":true}"#,
        ),
    );
    let job = call
        .parse(&ok(
            r#"{"job_id":"...","status":"pending","timeout_seconds":300}"#,
        ))
        .unwrap();
    assert_eq!(
        (
            job.job_id.as_str(),
            job.status.as_str(),
            job.timeout_seconds
        ),
        ("...", "pending", Some(300))
    );
}

#[test]
fn exec_on_a_stopped_vps_is_a_conflict() {
    let call = api().exec(VPS_ID, &Exec::new("uptime")).unwrap();
    let err = call
        .parse(&response(409, r#"{"error":"vps is not running"}"#, &[]))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Conflict {
            message: "vps is not running".into()
        }
    );
}

#[test]
fn exec_blocked_by_the_server_names_the_command() {
    let call = api().exec(VPS_ID, &Exec::new("uptime")).unwrap();
    let err = call
        .parse(&response(
            400,
            r#"{"error":"command blocked: contains `mkfs`"}"#,
            &[],
        ))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::validation("command", "command blocked: contains `mkfs`")
    );
}

const JOB: &str = r#"{"job_id":"job-1","vps_id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","command":"apt-get update -y","status":"done","stdout":"Reading package lists...","stderr":"","exit_code":0,"duration_ms":5321,"created_at":"2026-01-05T10:01:00Z","finished_at":"2026-01-05T10:01:05Z"}"#;

#[test]
fn job_status() {
    let call = api().job(VPS_ID, "job-1");
    assert_request(
        call.request(),
        &get("/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/jobs/job-1"),
    );
    let job = call.parse(&ok(JOB)).unwrap();
    assert_eq!(
        (
            job.job_id.as_str(),
            job.vps_id.as_deref(),
            job.command.as_deref()
        ),
        ("job-1", Some(VPS_ID), Some("apt-get update -y"))
    );
    assert_eq!(job.status(), JobStatus::Done);
    assert!(job.status().is_finished());
    assert_eq!(
        (job.stdout.as_deref(), job.exit_code, job.duration_ms),
        (Some("Reading package lists..."), Some(0), Some(5321))
    );
    assert_eq!(job.finished_at.as_deref(), Some("2026-01-05T10:01:05Z"));
}

#[test]
fn job_statuses() {
    for (word, status, finished) in [
        ("pending", JobStatus::Pending, false),
        ("running", JobStatus::Running, false),
        ("done", JobStatus::Done, true),
        ("timeout", JobStatus::Timeout, true),
        ("cancelled", JobStatus::Cancelled, true),
        ("exploded", JobStatus::Unknown, false),
    ] {
        assert_eq!(JobStatus::from_word(word), status);
        assert_eq!(status.is_finished(), finished, "{word}");
    }
}

#[test]
fn cancel_job() {
    let call = api().cancel_job(VPS_ID, "job-1");
    assert_request(
        call.request(),
        &delete("/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/jobs/job-1"),
    );
    let body = JOB
        .replace(r#""status":"done""#, r#""status":"cancelled""#)
        .replace(r#""exit_code":0"#, r#""exit_code":null"#);
    let job = call.parse(&ok(&body)).unwrap();
    assert_eq!(job.status(), JobStatus::Cancelled);
    assert_eq!(job.exit_code, None);
}

// --- batch ---

#[test]
fn batch_create_example() {
    let vms = [
        NewVps::from_template("w1", "ubuntu-22-small"),
        NewVps::from_template("w2", "ubuntu-22-small"),
    ];
    let call = api().batch_create(&vms).unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps/batch",
            r#"{"vms":[{"name":"w1","template":"ubuntu-22-small"},{"name":"w2","template":"ubuntu-22-small"}]}"#,
        ),
    );
    let w2 = VPS_CREATING
        .replace("web-01", "w2")
        .replace("7c9e6679", "8d0f7780");
    let body =
        format!(r#"{{"results":[{{"index":0,"vps":{VPS_CREATING}}},{{"index":1,"vps":{w2}}}]}}"#);
    let batch = call.parse(&response(207, &body, &[])).unwrap();
    assert_eq!(batch.results.len(), 2);
    assert_eq!(batch.results[0].index, 0);
    assert_eq!(batch.results[1].vps.as_ref().unwrap().name, "w2");
    assert!(batch.results.iter().all(|r| r.error.is_none()));
}

#[test]
fn batch_create_item_failure() {
    let call = api()
        .batch_create(&[
            NewVps::from_template("w1", "ubuntu-22-small"),
            NewVps::from_template("w2", "nope"),
        ])
        .unwrap();
    let body = format!(
        r#"{{"results":[{{"index":0,"vps":{VPS_CREATING}}},{{"index":1,"error":"template not found"}}]}}"#
    );
    let batch = call.parse(&response(207, &body, &[])).unwrap();
    assert_eq!(batch.results[1].index, 1);
    assert!(batch.results[1].vps.is_none());
    assert_eq!(
        batch.results[1].error.as_deref(),
        Some("template not found")
    );
}

#[test]
fn batch_delete() {
    let ids = vec!["uuid1".to_string(), "uuid2".to_string()];
    let call = api().batch_delete(&ids).unwrap();
    assert_request(
        call.request(),
        &post("/api/vps/batch/delete", r#"{"ids":["uuid1","uuid2"]}"#),
    );
    let batch = call
        .parse(&response(
            207,
            r#"{"results":[{"id":"uuid1","deleted":true},{"id":"uuid2","error":"not found"}]}"#,
            &[],
        ))
        .unwrap();
    assert_eq!(
        (batch.results[0].id.as_str(), batch.results[0].deleted),
        ("uuid1", true)
    );
    assert!(!batch.results[1].deleted);
    assert_eq!(batch.results[1].error.as_deref(), Some("not found"));
}

#[test]
fn batch_exec_example() {
    let ids = vec!["uuid1".to_string(), "uuid2".to_string()];
    let call = api()
        .batch_exec(&ids, &Exec::new("uptime").timeout(10))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps/batch/exec",
            r#"{"ids":["uuid1","uuid2"],"command":"uptime","timeout_seconds":10}"#,
        ),
    );
    let batch = call
        .parse(&ok(r#"{"results":[{"vps_id":"uuid1","stdout":"...","exit_code":0},{"vps_id":"uuid2","stdout":" 10:00 up 1 day","stderr":"","exit_code":0,"duration_ms":31}]}"#))
        .unwrap();
    let first = &batch.results[0];
    assert_eq!(
        (
            first.vps_id.as_str(),
            first.stdout.as_deref(),
            first.exit_code
        ),
        ("uuid1", Some("..."), Some(0))
    );
    assert_eq!(first.stderr, None);
    assert_eq!(batch.results[1].duration_ms, Some(31));
}

#[test]
fn batch_exec_background_and_failures() {
    let ids = vec!["uuid1".to_string(), "uuid2".to_string()];
    let call = api()
        .batch_exec_background(&ids, &Exec::new("apt-get update -y"))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/vps/batch/exec",
            r#"{"ids":["uuid1","uuid2"],"command":"apt-get update -y","background":true}"#,
        ),
    );
    let batch = call
        .parse(&ok(r#"{"results":[{"vps_id":"uuid1","job_id":"job-9","status":"pending"},{"vps_id":"uuid2","error":"vps is not running"}]}"#))
        .unwrap();
    assert_eq!(
        (
            batch.results[0].job_id.as_deref(),
            batch.results[0].status.as_deref()
        ),
        (Some("job-9"), Some("pending"))
    );
    assert_eq!(
        batch.results[1].error.as_deref(),
        Some("vps is not running")
    );
    assert_eq!(batch.results[1].exit_code, None);
}

// --- SSH keys ---

const KEY: &str = r#"{"id":"key-uuid","name":"my-key","public_key":"ssh-ed25519 ...","fingerprint":"SHA256:abc","created_at":"2026-01-05T09:00:00Z"}"#;

#[test]
fn add_ssh_key() {
    let call = api().add_ssh_key("my-key", "ssh-ed25519 ...").unwrap();
    assert_request(
        call.request(),
        &post(
            "/api/ssh-keys",
            r#"{"name":"my-key","public_key":"ssh-ed25519 ..."}"#,
        ),
    );
    let key = call.parse(&created(KEY)).unwrap();
    assert_eq!(
        (key.id.as_str(), key.fingerprint.as_deref()),
        ("key-uuid", Some("SHA256:abc"))
    );
    let unified = litevps::ssh_key(&key);
    assert_eq!(
        (
            unified.id.as_str(),
            unified.name.as_str(),
            unified.public_key.as_deref()
        ),
        ("key-uuid", "my-key", Some("ssh-ed25519 ..."))
    );
    assert_eq!(unified.created, Timestamp::parse("2026-01-05T09:00:00Z"));
}

#[test]
fn list_and_delete_ssh_keys() {
    let call = api().ssh_keys();
    assert_request(call.request(), &get("/api/ssh-keys"));
    assert_eq!(
        call.parse(&ok(&format!("[{KEY}]"))).unwrap()[0].name,
        "my-key"
    );
    let call = api().delete_ssh_key("key-uuid");
    assert_request(call.request(), &delete("/api/ssh-keys/key-uuid"));
    assert!(
        call.parse(&ok(r#"{"id":"key-uuid","deleted":true}"#))
            .unwrap()
            .deleted
    );
}

// --- billing ---

#[test]
fn add_funds_example() {
    let call = api().add_funds(Decimal::from(10)).unwrap();
    assert_request(
        call.request(),
        &post("/api/billing/add-funds", r#"{"amount":10}"#),
    );
    let checkout = call
        .parse(&ok(
            r#"{"url":"https://checkout.stripe.com/c/pay/cs_test_123"}"#,
        ))
        .unwrap();
    assert_eq!(
        checkout.url,
        "https://checkout.stripe.com/c/pay/cs_test_123"
    );
}

#[test]
fn add_funds_out_of_range_from_the_server() {
    let call = api().add_funds(Decimal::from(10)).unwrap();
    let err = call
        .parse(&response(
            400,
            r#"{"error":"amount must be between 5 and 50"}"#,
            &[],
        ))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::validation("amount", "amount must be between 5 and 50")
    );
}

const TRANSACTIONS: &str = r#"{"transactions":[{"id":"t2","type":"charge","amount":-0.0042,"balance_after":10.4958,"description":"web-01: 1 min","created_at":"2026-01-05T10:02:00Z"},{"id":"t1","type":"topup","amount":10,"balance_after":10.5,"description":"Stripe top-up","created_at":"2026-01-05T10:00:00Z"}],"total":2,"limit":20,"offset":0}"#;

#[test]
fn transactions() {
    let call = api().transactions(Page::default()).unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "GET",
            path: "/api/billing/transactions",
            query: &[("limit", "20"), ("offset", "0")],
            headers: &[AUTH],
            body: None,
        },
    );
    let page = call.parse(&ok(TRANSACTIONS)).unwrap();
    assert_eq!(
        (page.total, page.limit, page.offset),
        (Some(2), Some(20), Some(0))
    );
    let charge = &page.transactions[0];
    assert_eq!(
        (charge.kind.as_str(), charge.amount, charge.balance_after),
        ("charge", -0.0042, Some(10.4958))
    );
    let charge = litevps::invoice(charge);
    assert_eq!(charge.status, InvoiceStatus::Charged);
    assert_eq!(charge.amount.amount.to_string(), "0.0042");
    assert_eq!(charge.description.as_deref(), Some("web-01: 1 min"));
    assert_eq!(charge.created, Timestamp::parse("2026-01-05T10:02:00Z"));
    let topup = litevps::invoice(&page.transactions[1]);
    assert_eq!(topup.status, InvoiceStatus::Paid);
    assert_eq!(topup.amount.minor_units(), 1000);
    assert_eq!(topup.raw["balance_after"], 10.5);
}

#[test]
fn transactions_as_a_bare_array_and_other_pages() {
    let call = api()
        .transactions(Page {
            limit: 5,
            offset: 10,
        })
        .unwrap();
    assert_eq!(call.request().uri().query(), Some("limit=5&offset=10"));
    let page = call
        .parse(&ok(r#"[{"id":"t9","type":"topup","amount":"25.00","balance_after":30,"description":null,"created_at":"2026-01-06T08:00:00Z"}]"#))
        .unwrap();
    assert_eq!(page.total, None);
    assert_eq!(page.transactions[0].amount, 25.0);
    assert_eq!(
        litevps::invoice(&page.transactions[0]).status,
        InvoiceStatus::Paid
    );
}

#[test]
fn billing_email() {
    let call = api().set_billing_email("ops@example.com").unwrap();
    assert_request(
        call.request(),
        &Expected {
            method: "PUT",
            path: "/api/billing/email",
            query: &[],
            headers: &[AUTH, JSON],
            body: Some(Body::Json(r#"{"email":"ops@example.com"}"#)),
        },
    );
    assert_eq!(
        call.parse(&ok(r#"{"email":"ops@example.com"}"#))
            .unwrap()
            .email,
        "ops@example.com"
    );
}

// --- access tokens ---

#[test]
fn create_token_example() {
    let call = api().create_token("ci-deploy", None).unwrap();
    assert_request(
        call.request(),
        &post("/api/tokens", r#"{"name":"ci-deploy"}"#),
    );
    let token = call
        .parse(&created(
            r#"{"id":"...","name":"ci-deploy","token":"vtk_abc123..."}"#,
        ))
        .unwrap();
    assert_eq!(
        (token.id.as_str(), token.name.as_str()),
        ("...", "ci-deploy")
    );
    assert_eq!(token.token.as_ref().unwrap().expose(), "vtk_abc123...");
    assert!(
        !format!("{token:?}").contains("vtk_abc123"),
        "Debug must hide the token"
    );
    let unified = litevps::api_token(&token);
    assert_eq!(unified.prefix.as_deref(), Some("vtk_abc"));
    assert!(unified.active);
    assert!(
        unified.raw.get("token").is_none(),
        "raw must not carry the secret"
    );
}

#[test]
fn create_token_with_a_spend_limit() {
    let call = api()
        .create_token("agent", Some(Decimal::new(250, 2)))
        .unwrap();
    assert_request(
        call.request(),
        &post("/api/tokens", r#"{"name":"agent","spend_limit":2.5}"#),
    );
    let token = call
        .parse(&created(r#"{"id":"tok-2","name":"agent","token":"vtk_zzz","spend_limit":2.5,"spent":0,"created_at":"2026-01-05T10:00:00Z"}"#))
        .unwrap();
    assert_eq!((token.spend_limit, token.spent), (Some(2.5), Some(0.0)));
}

#[test]
fn list_and_revoke_tokens() {
    let call = api().tokens();
    assert_request(call.request(), &get("/api/tokens"));
    let list = call
        .parse(&ok(r#"[{"id":"tok-2","name":"agent","spend_limit":2.5,"spent":2.5,"created_at":"2026-01-05T10:00:00Z"},{"id":"tok-3","name":"ci","spend_limit":null,"spent":1.2,"created_at":"2026-01-05T10:00:00Z"}]"#))
        .unwrap();
    assert!(list[0].token.is_none());
    let spent = litevps::api_token(&list[0]);
    assert!(
        !spent.active,
        "a token at its spend limit is shown inactive"
    );
    assert_eq!(spent.prefix, None);
    assert_eq!(spent.created, Timestamp::parse("2026-01-05T10:00:00Z"));
    assert!(litevps::api_token(&list[1]).active);
    let call = api().delete_token("tok-2");
    assert_request(call.request(), &delete("/api/tokens/tok-2"));
    assert!(
        call.parse(&ok(r#"{"id":"tok-2","deleted":true}"#))
            .unwrap()
            .deleted
    );
}

// --- errors ---

#[test]
fn insufficient_balance_carries_both_amounts() {
    let call = api()
        .create_vps(&NewVps::from_plan("web-01", "plan-uuid"))
        .unwrap();
    let err = call
        .parse(&response(402, "{\n\"error\": \"insufficient balance\",\n\"balance\": 0.0420,\n\"required\": 0.1667\n}", &[]))
        .unwrap_err();
    let ProviderError::PaymentRequired {
        balance,
        required,
        message,
    } = err.clone()
    else {
        panic!("{err:?}")
    };
    let (balance, required) = (balance.unwrap(), required.unwrap());
    assert_eq!(
        (balance.amount, required.amount),
        (Decimal::new(420, 4), Decimal::new(1667, 4))
    );
    assert_eq!(
        (balance.currency.code(), required.currency.code()),
        ("USD", "USD")
    );
    assert_eq!(message, "insufficient balance");
    assert_eq!(
        err.to_string(),
        "Payment required: insufficient balance (balance 0.042 USD, needed 0.1667 USD)"
    );
}

#[test]
fn a_402_without_amounts_still_says_what_to_do() {
    let err = api().list_vps().parse(&response(402, "", &[])).unwrap_err();
    assert!(
        matches!(err, ProviderError::PaymentRequired { balance: None, required: None, ref message } if message.contains("add funds")),
        "{err:?}"
    );
}

#[test]
fn unauthorized_names_the_token() {
    let err = api()
        .list_vps()
        .parse(&response(401, r#"{"error":"unauthorized"}"#, &[]))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Auth {
            message: "unauthorized".into(),
            credential: litevps::TOKEN_CREDENTIAL.into()
        }
    );
}

#[test]
fn spend_limit_is_a_permission_error() {
    let err = api()
        .create_vps(&NewVps::from_plan("w", "p"))
        .unwrap()
        .parse(&response(403, r#"{"error":"spend limit reached"}"#, &[]))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Permission {
            needed: Some("spend_limit".into()),
            message: "spend limit reached".into()
        }
    );
    let other = api()
        .list_vps()
        .parse(&response(403, r#"{"error":"forbidden"}"#, &[]))
        .unwrap_err();
    assert_eq!(
        other,
        ProviderError::Permission {
            needed: None,
            message: "forbidden".into()
        }
    );
}

#[test]
fn documented_statuses_map_to_typed_errors() {
    let call = api().vps(VPS_ID);
    let err = |status: u16, body: &str, headers: &[(&str, &str)]| {
        call.parse(&response(status, body, headers)).unwrap_err()
    };
    assert_eq!(
        err(404, r#"{"error":"not found"}"#, &[]),
        ProviderError::NotFound {
            message: "not found".into()
        }
    );
    assert_eq!(
        err(409, r#"{"error":"vps is busy"}"#, &[]),
        ProviderError::Conflict {
            message: "vps is busy".into()
        }
    );
    assert_eq!(
        err(
            429,
            r#"{"error":"rate limit exceeded"}"#,
            &[("retry-after", "60")]
        ),
        ProviderError::RateLimited {
            retry_after_secs: Some(60),
            message: "rate limit exceeded".into()
        }
    );
    assert_eq!(
        err(500, r#"{"error":"internal"}"#, &[]),
        ProviderError::Provider {
            status: 500,
            message: "internal".into()
        }
    );
    assert!(matches!(
        err(502, "<html>Bad gateway</html>", &[]),
        ProviderError::Provider { status: 502, .. }
    ));
    assert!(matches!(
        err(418, "", &[]),
        ProviderError::UnexpectedBody { status: 418, .. }
    ));
}

#[test]
fn validation_messages_name_their_field() {
    let call = api().create_vps(&NewVps::from_plan("w", "p")).unwrap();
    for (message, field) in [
        ("name is required", "name"),
        ("plan_id or template is required", "plan_id"),
        ("invalid ttl_minutes", "ttl_minutes"),
        ("hostname must be valid", "request"),
        ("spend_limit must be positive", "spend_limit"),
    ] {
        let body = format!(r#"{{"error":"{message}"}}"#);
        assert_eq!(
            call.parse(&response(400, &body, &[])).unwrap_err(),
            ProviderError::validation(field, message)
        );
    }
}

#[test]
fn unreadable_success_body_is_unexpected() {
    let err = api()
        .list_vps()
        .parse(&ok("<html>maintenance</html>"))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::UnexpectedBody { status: 200, ref body, .. } if body.contains("maintenance")),
        "{err:?}"
    );
}

// --- headers, base URL, tokens ---

#[test]
fn balance_header_on_every_response() {
    let r = created(VPS_CREATING);
    let balance = litevps::balance_from_headers(r.headers()).unwrap();
    assert_eq!(balance.amount.to_string(), "10.5000");
    assert_eq!(balance.currency.code(), "USD");
    let r = response(200, "{}", &[("X-Balance-Remaining", " 0.0420 ")]);
    assert_eq!(
        litevps::balance_from_headers(r.headers()).unwrap().amount,
        Decimal::new(420, 4)
    );
    assert_eq!(litevps::balance_from_headers(ok("{}").headers()), None);
    assert_eq!(
        litevps::balance_from_headers(
            response(200, "{}", &[("x-balance-remaining", "lots")]).headers()
        ),
        None
    );
}

#[test]
fn base_url_override_keeps_its_prefix() {
    let api = Api::new(
        Some("http://127.0.0.1:8080/litevps"),
        Some(Secret::new(TOKEN)),
    )
    .unwrap();
    assert_eq!(
        api.vps("v1").request().uri().to_string(),
        "http://127.0.0.1:8080/litevps/api/vps/v1"
    );
    assert_eq!(
        api.agent().request().uri().to_string(),
        "http://127.0.0.1:8080/litevps/.well-known/agent.json"
    );
    assert!(
        matches!(Api::new(Some("ftp://x"), None), Err(ProviderError::Validation { ref field, .. }) if field == "base_url")
    );
}

#[test]
fn ids_are_path_segments_not_paths() {
    let call = api().vps("../tokens");
    assert_eq!(call.request().uri().path(), "/api/vps/..%2Ftokens");
}

#[test]
fn tokens_must_be_vtk_or_jwt() {
    assert!(Api::new(None, Some(Secret::new("vtk_x"))).is_ok());
    assert!(Api::new(None, Some(Secret::new("eyJhbGciOiJIUzI1NiJ9.e30.c2ln"))).is_ok());
    for bad in ["llk_key", "", "vtk_abc\n", "vtk_a b"] {
        assert!(
            matches!(Api::new(None, Some(Secret::new(bad))), Err(ProviderError::Validation { ref field, .. }) if field == "token"),
            "{bad:?}"
        );
    }
}

#[test]
fn without_a_token_protected_calls_carry_no_authorization() {
    let api = Api::new(None, None).unwrap();
    assert!(api
        .list_vps()
        .request()
        .headers()
        .get("authorization")
        .is_none());
}

#[test]
fn curl_redacts_the_token() {
    let curl = api()
        .exec(VPS_ID, &Exec::new("uname -a"))
        .unwrap()
        .to_curl();
    assert!(!curl.contains(TOKEN), "{curl}");
    assert!(curl.contains("Authorization: Bearer <redacted>"), "{curl}");
    assert!(curl.contains("uname -a"), "{curl}");
    assert!(curl.starts_with("curl -X POST https://api.litevps.dev/api/vps/7c9e6679-7425-40de-944b-e07fc1f90ae7/exec"), "{curl}");
}

#[test]
fn api_debug_hides_the_token() {
    assert!(!format!("{:?}", api()).contains(TOKEN));
}
