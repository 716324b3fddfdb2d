//! `auth.php`: session tokens from an API key (`login`) or the billing user
//! and password (`whmcslogin`), `logout` and `info`; and the token and
//! server-ownership checks every other resource runs.

use super::api_keys;
use super::call::{ok, reject, Call, Failure, Reply};
use super::state::{Credential, HistoryEntry, Session, State};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Default token lifetime of auth/login (seconds).
const LOGIN_TTL: u64 = 7_200;
/// Default token lifetime of auth/whmcslogin (seconds).
const BILLING_TTL: u64 = 3_600;

/// The customer role's permissions, verbatim from the document.
pub(super) const PERMISSIONS: &[&str] = &[
    "api_keys/edit",
    "api_keys/view",
    "auth/2fa_check",
    "auth/billing_list",
    "auth/flip_tag",
    "auth/sms_send",
    "customers/update_acl",
    "datacenter/list",
    "datacenter/show",
    "eq/add_ipmi_admin",
    "eq/add_ipmi_user",
    "eq/appraise",
    "eq/boot_dev",
    "eq/console",
    "eq/create_pxe",
    "eq/get_ipmi",
    "eq/get_traffic",
    "eq/list",
    "eq/novnc",
    "eq/off",
    "eq/on",
    "eq/order_instance",
    "eq/reboot",
    "eq/reinstall",
    "eq/remove_ipmi_user",
    "eq/sensors",
    "eq/set_pin",
    "eq/show",
    "eq/status",
    "eq/suspend",
    "eq/unit_reset",
    "eq/unsuspend",
    "foreman/get_hostgroup",
    "foreman/get_media",
    "foreman/get_network",
    "foreman/get_os",
    "foreman/get_ptable",
    "ip/get_ip",
    "ip/get_ptr",
    "ip/get_traffic",
    "ip/list_free_ip",
    "ip/set_main",
    "ip/update_ptr",
    "iso/list_iso",
    "iso/mount_iso",
    "iso/unmount_iso",
    "jenkins/call",
    "jenkins/get_tasks",
    "license/list",
    "location/list",
    "location/show",
    "locations/view",
    "nat/add_static_nat",
    "nat/remove_static_nat",
    "net/block_ip",
    "net/get_acl",
    "net/get_bps_in",
    "net/get_bps_out",
    "net/get_port",
    "net/get_pspeed",
    "net/get_snmp",
    "net/get_status",
    "net/ip_chart",
    "net/ip_settings",
    "net/nmap",
    "net/port_off",
    "net/port_on",
    "net/remove_ipv4",
    "net/show_cacti",
    "net/show_ip_graph",
    "net/unblock_ip",
    "os/list",
    "os/search",
    "paypal/check_order",
    "paypal/check_subscription",
    "paypal/create_order",
    "paypal/create_subscription",
    "pdns/add_dns",
    "pdns/add_domain",
    "pdns/add_subdomain",
    "pdns/create_dns",
    "pdns/create_zone",
    "pdns/delete_domain",
    "pdns/delete_zone",
    "pdns/edit",
    "pdns/get_domains",
    "pdns/get_subdomains",
    "pdns/get_zone",
    "pdns/list_domains",
    "pdns/list_servers",
    "pdns/list_subdomains",
    "pdns/view",
    "pdns/view_zone",
    "pdu/get",
    "presets/list",
    "presets/search",
    "soft/list",
    "ssh_keys/add",
    "ssh_keys/delete",
    "ssh_keys/list",
    "stocks/list",
    "stocks/show",
    "sumsub/get_token",
    "tag/add",
    "tag/clear",
    "tag/list",
    "tag/remove",
    "traffic_plans/list",
    "vat/check_vat",
    "vm/create_snapshot",
    "vm/get_engine",
    "vm/get_snapshot",
    "vm/load_stats",
    "vm/remove_snapshot",
    "vm/restore_snapshot",
    "whmcs/add_contact",
    "whmcs/add_os_addon",
    "whmcs/apply_credit",
    "whmcs/cancel_order",
    "whmcs/create_addfunds",
    "whmcs/delete_cancellation_request",
    "whmcs/delete_contact",
    "whmcs/download_invoice",
    "whmcs/generate_due_invoice",
    "whmcs/getcredits",
    "whmcs/getpaymentgw",
    "whmcs/get_billing_data",
    "whmcs/get_cancellation_requests",
    "whmcs/get_client",
    "whmcs/get_contacts",
    "whmcs/get_invoice",
    "whmcs/get_invoices",
    "whmcs/get_related_invoices",
    "whmcs/mass_pay",
    "whmcs/request_cancellation",
    "whmcs/transactions",
    "whmcs/update_client",
    "whmcs/update_contact",
    "whmcs/update_product",
    "whmcs/verify_address",
    "whmcs/verify_email",
    "yookassa/check_payment",
    "yookassa/init",
];

/// A validated session.
pub(super) struct Auth {
    /// The token.
    pub token: String,
    /// The server a per-server key is limited to.
    pub scope: Option<u64>,
}

/// `auth.php`.
pub(super) fn handle(state: &mut State, call: &Call) -> Reply {
    match call.action {
        "login" => login(state, call),
        "whmcslogin" => whmcslogin(state, call),
        "logout" => {
            let auth = session(state, call)?;
            state.sessions.remove(&auth.token);
            Ok(ok(&json!({ "result": "OK", "action": "logout" })))
        }
        "info" => info(state, call),
        _ => Err(call.unknown()),
    }
}

/// The session named by the `token` field, if valid now and from this address.
pub(super) fn session(state: &State, call: &Call) -> Result<Auth, Failure> {
    let invalid = || {
        let error = if call.module == "whmcs" {
            format!("{}: invalid token, logout", call.prefix())
        } else {
            "auth: invalid token #13".to_string()
        };
        reject(&json!({ "result": -2, "error": error }))
    };
    let token = call.text("token").ok_or_else(invalid)?;
    let session = state.sessions.get(token).ok_or_else(invalid)?;
    if session.expires <= call.now()
        || session
            .bound_ip
            .as_deref()
            .is_some_and(|ip| ip != call.client_ip)
    {
        return Err(invalid());
    }
    Ok(Auth {
        token: token.to_string(),
        scope: session.scope,
    })
}

/// The server id in parameter `name`, if the session may manage it.
pub(super) fn server(state: &State, call: &Call, auth: &Auth, name: &str) -> Result<u64, Failure> {
    let id = call.required_number(name)?;
    owned(state, call, auth, id)
}

/// `id`, if the session may manage that server.
pub(super) fn owned(state: &State, call: &Call, auth: &Auth, id: u64) -> Result<u64, Failure> {
    let cached = state
        .sessions
        .get(&auth.token)
        .is_some_and(|s| s.servers.contains(&id));
    let exists = state.servers.contains_key(&id);
    match (cached, exists) {
        (true, true) => Ok(id),
        (true, false) => Err(call.fail("no server with that ID was found")),
        (false, true) if auth.scope.is_none() => Err(call.fail("no server with that ID was found")),
        _ => Err(call.fail("permission denied #3, this is not your server")),
    }
}

/// The session's cached server ids, newest first.
pub(super) fn cached(state: &State, auth: &Auth) -> Vec<u64> {
    state
        .sessions
        .get(&auth.token)
        .map(|s| s.servers.iter().rev().copied().collect())
        .unwrap_or_default()
}

/// The servers a session for `scope` may see right now (newest first when printed).
pub(super) fn visible_servers(state: &State, scope: Option<u64>) -> BTreeSet<u64> {
    match scope {
        Some(id) => BTreeSet::from([id]),
        None => state.servers.keys().copied().collect(),
    }
}

/// `ttl` and the IP binding (`fix_ip`, or the document's `fix_ix`) of a login call.
fn lifetime(call: &Call, default_ttl: u64) -> Result<(u64, bool), Failure> {
    let ttl = call.number("ttl")?.unwrap_or(default_ttl);
    if ttl == 0 {
        return Err(call.fail("ttl must be a positive number of seconds"));
    }
    let bind = match call.flag("fix_ip")? {
        Some(bind) => bind,
        None => call.flag("fix_ix")?.unwrap_or(true),
    };
    Ok((ttl, bind))
}

/// Reuses a live token for the same credential and binding, or mints one.
/// Returns the token and whether it is new.
fn open(
    state: &mut State,
    call: &Call,
    credential: Credential,
    scope: Option<u64>,
    ttl: u64,
    bind: bool,
) -> (String, bool) {
    let now = call.now();
    state.sessions.retain(|_, s| s.expires > now);
    let bound_ip = bind.then(|| call.client_ip.to_string());
    let reusable = state
        .sessions
        .iter()
        .find(|(_, s)| s.credential == credential && s.scope == scope && s.bound_ip == bound_ip)
        .map(|(token, _)| token.clone());
    if let Some(token) = reusable {
        return (token, false);
    }
    let token = state.key32();
    let servers = visible_servers(state, scope);
    state.sessions.insert(
        token.clone(),
        Session {
            credential,
            scope,
            servers,
            expires: now + ttl,
            bound_ip,
        },
    );
    (token, true)
}

fn login(state: &mut State, call: &Call) -> Reply {
    let key = call.required("key")?;
    let invalid = || reject(&json!({ "result": -1, "error": format!("Invalid API key {key}") }));
    if !api_keys::well_formed(key) {
        return Err(invalid());
    }
    let found = state
        .api_keys
        .values()
        .find(|k| k.active && k.secret.eq_ignore_ascii_case(key))
        .cloned();
    let api_key = found.ok_or_else(invalid)?;
    if !api_keys::allows(&api_key.ip, call.client_ip) {
        return Err(call.fail(format!(
            "access from {} is not allowed for this API key",
            call.client_ip
        )));
    }
    let (ttl, bind) = lifetime(call, LOGIN_TTL)?;
    let scope = (api_key.server_id > 0).then_some(api_key.server_id);
    let (token, new) = open(state, call, Credential::Key(api_key.id), scope, ttl, bind);
    state.next.history += 1;
    state.key_history.push(HistoryEntry {
        id: state.next.history,
        key_id: api_key.id,
        at: call.now(),
        message: format!("Login with api_key {} from {}", api_key.id, call.client_ip),
        kind: "login",
    });
    let expires = state.sessions.get(&token).map_or(0, |s| s.expires);
    let servers = cached(
        state,
        &Auth {
            token: token.clone(),
            scope,
        },
    );
    Ok(ok(&json!({
        "result": {
            "token": token,
            "role": "Customer billing",
            "role_type": "Customer",
            "whmcs_id": state.account.whmcs_id,
            "whmcs_location": "whmcs_com",
            "servers": servers,
            "customer_id": state.account.customer_id,
            "permissions": PERMISSIONS,
            "token_expire": expires,
            "new": i32::from(new),
        }
    })))
}

fn whmcslogin(state: &mut State, call: &Call) -> Reply {
    let user = call.required("user")?;
    let password = call
        .params
        .get("password")
        .filter(|p| !p.is_empty())
        .ok_or_else(|| call.fail("password is required"))?;
    if !user.eq_ignore_ascii_case(&state.account.email)
        || password != state.account.billing_password
    {
        return Err(reject(&json!({
            "result": -2,
            "error": "auth: authenthication failure  ",
            "details": { "result": "error", "message": "Email or Password Invalid" },
        })));
    }
    let (ttl, bind) = lifetime(call, BILLING_TTL)?;
    let (token, new) = open(state, call, Credential::Billing, None, ttl, bind);
    let expires = state.sessions.get(&token).map_or(0, |s| s.expires);
    Ok(ok(&json!({
        "result": {
            "token": token,
            "role": "Customer Billing",
            "role_type": "Customer",
            "whmcs_id": state.account.whmcs_id,
            "whmcs_location": "whmcs_com",
            "whmcs_token": null,
            "permissions": PERMISSIONS,
            "corporate": 0,
            "verified": null,
            "token_expire": expires,
            "new": i32::from(new),
            "billing_options": {
                "location": "NL",
                "company": "HOSTKEY B.V.",
                "active": 1,
                "allowed_payments": ["paypal"],
                "native_endpoint": "invapi.hostkey.com",
            },
        },
        "timings": [
            { "init": 2 },
            { "check_brute_done": 131 },
            { "check_whmcs_user at whmcs_com": 469 },
            { "usleep_done": 84 },
            { "auth_set_token_done": 423 },
            { "whmcslogin total": 1166 },
        ],
    })))
}

fn info(state: &State, call: &Call) -> Reply {
    let auth = session(state, call)?;
    let expires = state.sessions.get(&auth.token).map_or(0, |s| s.expires);
    let servers: serde_json::Map<String, Value> = cached(state, &auth)
        .iter()
        .map(|id| (id.to_string(), json!(id.to_string())))
        .collect();
    Ok(ok(&json!({
        "result": {
            "servers": servers,
            "show_products": 1,
            "manage_products": 1,
            "show_invoices": 1,
            "manage_orders": 1,
            "email": state.account.email,
            "token_expire": expires,
            "whmcs_id": state.account.whmcs_id.to_string(),
            "whmcs_location": "whmcs_com",
            "billing_servers": [],
            "deploy_keys": state.jobs.deploy_keys(),
            "permissions": PERMISSIONS,
            "role_type": "Customer",
            "role_name": "Customer billing",
            "verified": null,
            "sumsub_id": null,
            "sumsub_comment": null,
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
            "billing_options": {
                "url": "https://billing-itb.hostkey.com/",
                "location": "NL",
                "company": "HOSTKEY B.V.",
                "active": 1,
                "allowed_payments": ["paypal"],
                "native_endpoint": "invapi.hostkey.com",
            },
            "client_ip": call.client_ip,
            "timing": [{ "auth_validate_token": 0 }, { "auth_tags": 0 }, { "eq_search": 0 }, { "list_permissions": 0 }],
        }
    })))
}
