//! The starting state, deterministic from the seed: the document's example
//! account (user@example.com, balance 150.00) with its fleet of `servers`
//! VPS (the first is the document's `my-server.example.com`; one stopped, one
//! suspended), a deleted VPS, six API keys for every auth case, usage
//! history, recent hourly charges, and a second user with one VPS.

use super::accounts::{Account, AutoFunding};
use super::catalog::{Plan, LOCATIONS, PLANS, TEMPLATES};
use super::fleet::{Fleet, Snapshot, Status, Vps};
use super::keys::{ApiKey, Keyring, UsageLog, KEY_PREFIX};
use super::money::DOLLAR;
use super::timefmt::{DAY_MS, HOUR_MS, MINUTE_MS};
use super::Sim;
use std::collections::VecDeque;

/// The address the IP-restricted key accepts.
const OFFICE_IP: &str = "203.0.113.50";
/// The main account's balance at start.
const MAIN_BALANCE: i64 = 150 * DOLLAR;
/// The second user's balance at start.
const SECOND_BALANCE: i64 = 15 * DOLLAR;
/// Hours of charges already on the invoices at start.
const CHARGED_HOURS: u64 = 3;

const ROLES: [&str; 16] = [
    "web", "db", "api", "mail", "cache", "git", "ci", "vpn", "cdn", "app", "shop", "blog",
    "monitor", "backup", "dns", "staging",
];
const DOMAINS: [&str; 4] = [
    "example.com",
    "example.net",
    "example.org",
    "shop.example.com",
];
/// Plans the fleet is drawn from, small ones more often.
const PLAN_MIX: [u64; 8] = [1, 1, 1, 2, 2, 3, 4, 5];
/// Requests the seeded usage logs show.
const LOGGED: [(&str, &str, u16); 8] = [
    ("GET", "/api/v1/vps", 200),
    ("GET", "/api/v1/vps/45", 200),
    ("GET", "/api/v1/vps/45/status", 200),
    ("GET", "/api/v1/vps/summary", 200),
    ("GET", "/api/v1/billing", 200),
    ("GET", "/api/v1/account", 200),
    ("POST", "/api/v1/vps/45/restart", 200),
    ("GET", "/api/v1/vps/999", 404),
];

impl Sim {
    /// The platform at `now_ms` with `servers` VPS in the main account.
    pub(crate) fn new(servers: usize, seed: u64, now_ms: u64) -> Self {
        let mut rng = fastrand::Rng::with_seed(seed ^ 0x0C1B_E7FA_4E1C_10D5);
        let hour = now_ms - now_ms % HOUR_MS;
        let ago = |ms: u64| now_ms.saturating_sub(ms);
        let mut fleet = Fleet::new(45, 281);
        let mut suspended_id = None;
        for index in 0..servers {
            let vps = fleet_member(&mut fleet, &mut rng, index, now_ms);
            if vps.status == Status::Suspended {
                suspended_id = suspended_id.or(Some(vps.id));
            }
            fleet.insert(vps);
        }
        let mut retired = member(
            &mut fleet,
            &mut rng,
            "old-staging.example.com",
            0,
            1,
            1,
            ago(60 * DAY_MS),
        );
        retired.status = Status::Deleted;
        retired.deleted_ms = Some(ago(20 * DAY_MS));
        retired.updated_ms = ago(20 * DAY_MS);
        let deleted_id = retired.id;
        fleet.insert(retired);
        let neighbour = member(
            &mut fleet,
            &mut rng,
            "jane-blog.example.org",
            1,
            2,
            2,
            ago(90 * DAY_MS),
        );
        let neighbour_id = neighbour.id;
        fleet.insert(neighbour);

        let mut keys = Keyring::default();
        let mut credentials = Vec::new();
        let mut add_key =
            |key: ApiKey, secret: String, label: &str, history: usize, rng: &mut fastrand::Rng| {
                let mut key = key;
                seed_usage(&mut key, history, now_ms, rng);
                credentials.push((label.to_string(), secret.clone()));
                keys.insert(&secret, key);
            };
        let secret = new_secret(&mut rng);
        let key = ApiKey::new(1, 0, "Production Key", &secret, &["all"], ago(35 * DAY_MS));
        add_key(key, secret, "api key", 142, &mut rng);
        let secret = new_secret(&mut rng);
        let scopes = ["vps:read", "account:read", "billing:read"];
        let key = ApiKey::new(
            2,
            0,
            "Read-only Monitoring",
            &secret,
            &scopes,
            ago(20 * DAY_MS),
        );
        add_key(
            key,
            secret,
            "API key (read-only: vps:read, account:read, billing:read)",
            37,
            &mut rng,
        );
        let secret = new_secret(&mut rng);
        let mut key = ApiKey::new(
            3,
            0,
            "Old CI Key",
            &secret,
            &["vps:read", "vps:write"],
            ago(120 * DAY_MS),
        );
        key.expires_ms = Some(ago(10 * DAY_MS));
        add_key(key, secret, "API key (expired)", 0, &mut rng);
        let secret = new_secret(&mut rng);
        let mut key = ApiKey::new(4, 0, "Revoked Key", &secret, &["all"], ago(60 * DAY_MS));
        key.is_active = false;
        add_key(key, secret, "API key (inactive)", 0, &mut rng);
        let secret = new_secret(&mut rng);
        let mut key = ApiKey::new(5, 0, "Office Key", &secret, &["all"], ago(7 * DAY_MS));
        key.ip_whitelist = vec![OFFICE_IP.to_string()];
        add_key(
            key,
            secret,
            "API key (only from IP 203.0.113.50)",
            0,
            &mut rng,
        );
        let secret = new_secret(&mut rng);
        let key = ApiKey::new(6, 1, "Jane's Key", &secret, &["all"], ago(30 * DAY_MS));
        add_key(
            key,
            secret,
            "API key (second user, balance 15.00)",
            0,
            &mut rng,
        );
        if let Some(id) = suspended_id {
            credentials.push(("Suspended VPS id".to_string(), id.to_string()));
        }
        credentials.push(("Deleted VPS id".to_string(), deleted_id.to_string()));
        credentials.push(("Second user's VPS id".to_string(), neighbour_id.to_string()));

        let mut sim = Sim {
            accounts: vec![main_account(), second_account()],
            keys,
            fleet,
            billed_until_ms: hour.saturating_sub(CHARGED_HOURS * HOUR_MS),
            last_invoice_id: 400,
            rng,
            credentials,
        };
        sim.advance(now_ms);
        for (account, balance) in sim.accounts.iter_mut().zip([MAIN_BALANCE, SECOND_BALANCE]) {
            account.balance = balance;
        }
        sim
    }
}

/// The `index`th VPS of the main account.
fn fleet_member(fleet: &mut Fleet, rng: &mut fastrand::Rng, index: usize, now_ms: u64) -> Vps {
    if index == 0 {
        let created = now_ms - now_ms % HOUR_MS;
        let mut vps = member(
            fleet,
            rng,
            "my-server.example.com",
            0,
            1,
            0,
            created.saturating_sub(5 * HOUR_MS),
        );
        vps.template = "9000";
        vps.snapshots.push(Snapshot {
            name: "pre-upgrade-snapshot".to_string(),
            description: Some("Before system upgrade".to_string()),
            created_ms: created.saturating_sub(29 * HOUR_MS),
            vmstate: false,
        });
        return vps;
    }
    let name = format!(
        "{}-{:02}.{}",
        ROLES[rng.usize(..ROLES.len())],
        index,
        DOMAINS[rng.usize(..DOMAINS.len())]
    );
    let plan = PLAN_MIX[rng.usize(..PLAN_MIX.len())];
    let created = now_ms.saturating_sub(rng.u64(2..400) * DAY_MS + rng.u64(0..DAY_MS));
    let site = rng.usize(..LOCATIONS.len());
    let mut vps = member(fleet, rng, &name, 0, plan, site, created);
    vps.template = TEMPLATES[rng.usize(..TEMPLATES.len())].0;
    match index {
        1 => vps.status = Status::Stopped,
        2 => {
            vps.status = Status::Suspended;
            vps.suspension_reason = Some("abuse report: outbound port scanning".to_string());
        }
        _ if rng.u8(..10) < 3 => vps.status = Status::Stopped,
        _ => {}
    }
    vps.booted_ms = now_ms
        .saturating_sub(rng.u64(HOUR_MS..30 * DAY_MS))
        .max(vps.deployed_ms());
    vps.updated_ms = vps.booted_ms;
    vps
}

/// A running VPS of `owner` on plan `plan_id` at location `site`, created at `created_ms`.
fn member(
    fleet: &mut Fleet,
    rng: &mut fastrand::Rng,
    name: &str,
    owner: usize,
    plan_id: u64,
    site: usize,
    created_ms: u64,
) -> Vps {
    let (id, vmid) = fleet.next_ids();
    let booted = created_ms + super::fleet::DEPLOY_MS;
    Vps {
        id,
        vmid,
        owner,
        name: name.to_string(),
        status: Status::Running,
        suspension_reason: None,
        ip: fleet.allocate_ip(site, false),
        plan: Plan::find(plan_id).unwrap_or(&PLANS[0]),
        site,
        template: "9010",
        created_ms,
        updated_ms: booted,
        booted_ms: booted,
        boots: rng.u32(1..20),
        last_billed_ms: None,
        deleted_ms: None,
        snapshots: Vec::new(),
        seed: rng.u64(..),
    }
}

/// A fresh key secret: `cyp_live_` and 64 hex digits.
fn new_secret(rng: &mut fastrand::Rng) -> String {
    let bytes: Vec<u8> = (0..32).map(|_| rng.u8(..)).collect();
    format!("{KEY_PREFIX}{}", hex::encode(bytes))
}

/// Gives `key` `count` past requests over the last week.
fn seed_usage(key: &mut ApiKey, count: usize, now_ms: u64, rng: &mut fastrand::Rng) {
    let step = 7 * DAY_MS / (count as u64).max(1);
    for n in (0..count as u64).rev() {
        let (method, endpoint, status) = LOGGED[rng.usize(..LOGGED.len())];
        let ip = if rng.bool() {
            "203.0.113.50"
        } else {
            "198.51.100.7"
        };
        key.seed_log(UsageLog {
            endpoint: endpoint.to_string(),
            method: method.to_string(),
            ip: ip.to_string(),
            status,
            response_time_ms: rng.u32(18..=140),
            created_ms: now_ms.saturating_sub(40 * MINUTE_MS + n * step + rng.u64(0..MINUTE_MS)),
        });
    }
    key.request_count = count as u64;
}

fn main_account() -> Account {
    Account {
        id: 123,
        email: "user@example.com".to_string(),
        full_name: "John Doe".to_string(),
        balance: MAIN_BALANCE,
        two_factor_enabled: true,
        registration_ms: 1_705_314_600_000,
        auto_funding: AutoFunding {
            enabled: true,
            threshold: 10 * DOLLAR,
            amount: 50 * DOLLAR,
        },
        invoices: VecDeque::new(),
    }
}

fn second_account() -> Account {
    Account {
        id: 124,
        email: "jane@example.org".to_string(),
        full_name: "Jane Smith".to_string(),
        balance: SECOND_BALANCE,
        two_factor_enabled: false,
        registration_ms: 1_740_903_300_000,
        auto_funding: AutoFunding {
            enabled: false,
            threshold: 5 * DOLLAR,
            amount: 25 * DOLLAR,
        },
        invoices: VecDeque::new(),
    }
}
