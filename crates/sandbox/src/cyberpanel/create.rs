//! `POST /vps/create`: validation in the document's order (missing fields,
//! hostname, password rules, plan, location, template, balance), then a new
//! VPS that deploys over 180 seconds.

use super::catalog::{self, Location, Plan, LOCATIONS, WINDOWS_MIN_BALANCE, WINDOWS_TEMPLATE};
use super::fleet::{Status, Vps};
use super::params;
use super::reply::{self, ApiError, Reply};
use super::{money, Sim};
use serde_json::{json, Map, Value};

/// The fields a create request must carry.
const REQUIRED: [&str; 5] = [
    "hostname",
    "plan_id",
    "location_code",
    "template_id",
    "root_password",
];

/// A validated order.
struct Order {
    hostname: String,
    plan: &'static Plan,
    site: usize,
    template: &'static str,
    webhook: bool,
}

impl Sim {
    /// `POST /vps/create`.
    pub(super) fn create(&mut self, account: usize, body: &[u8], now_ms: u64) -> Reply {
        let order = self.validate(account, body)?;
        let (id, vmid) = self.fleet.next_ids();
        let ip = self.fleet.allocate_ip(order.site, true);
        let vps = Vps {
            id,
            vmid,
            owner: account,
            name: order.hostname,
            status: Status::Deploying,
            suspension_reason: None,
            ip,
            plan: order.plan,
            site: order.site,
            template: order.template,
            created_ms: now_ms,
            updated_ms: now_ms,
            booted_ms: now_ms,
            boots: 0,
            last_billed_ms: None,
            deleted_ms: None,
            snapshots: Vec::new(),
            seed: self.rng.u64(..),
        };
        let data = json!({
            "vps_id": vps.id,
            "name": vps.name,
            "status": vps.status.as_str(),
            "ip_address": vps.ip,
            "plan": { "id": vps.plan.id, "name": vps.plan.name, "price": money::two(vps.plan.monthly) },
            "location": vps.location().code,
            "template": vps.template,
            "deployment_url": format!("/api/v1/vps/{}/deployment", vps.id),
            "estimated_time_seconds": 180,
            "webhook_configured": order.webhook,
        });
        self.fleet.insert(vps);
        reply::ok_with(
            data,
            "VPS deployment started. Use the deployment endpoint to check progress.",
        )
    }

    fn validate(&self, account: usize, body: &[u8]) -> Result<Order, ApiError> {
        let body = params::object(body)?;
        let missing: Vec<&str> = REQUIRED
            .iter()
            .copied()
            .filter(|f| params::blank(&body, f))
            .collect();
        if !missing.is_empty() {
            return Err(ApiError::missing_fields(format!(
                "Missing required fields: {}",
                missing.join(", ")
            )));
        }
        let hostname = text(&body, "hostname")
            .filter(|h| is_fqdn(h))
            .ok_or_else(|| {
                ApiError::new(
                    400,
                    "INVALID_HOSTNAME",
                    "Invalid hostname",
                    "hostname must be a fully qualified domain name such as my-server.example.com",
                )
            })?;
        let password = text(&body, "root_password")
            .ok_or_else(|| ApiError::invalid_parameter("root_password must be a string"))?;
        check_password(password)?;
        let plan = body
            .get("plan_id")
            .and_then(Value::as_u64)
            .and_then(Plan::find)
            .ok_or_else(|| {
                ApiError::new(
                    400,
                    "PLAN_NOT_FOUND",
                    "Plan not found",
                    format!(
                        "plan_id {} is not a plan from /api/v1/vps/plans",
                        shown(&body, "plan_id")
                    ),
                )
            })?;
        let code = shown(&body, "location_code");
        let site = text(&body, "location_code")
            .and_then(Location::index_of)
            .ok_or_else(|| {
                ApiError::location_not_found(format!(
                    "location_code {code} is not a location from /api/v1/vps/locations"
                ))
            })?;
        if self.fleet.available_ips(site) == 0 {
            let name = LOCATIONS.get(site).map_or("", |l| l.name);
            return Err(ApiError::location_not_found(format!(
                "{name} has no free IP addresses at the moment"
            )));
        }
        let template = text(&body, "template_id").and_then(catalog::template).ok_or_else(|| {
            ApiError::new(
                400,
                "INVALID_TEMPLATE",
                "Invalid template",
                format!(
                    "template_id {} is not a template from /api/v1/vps/templates (ids are strings such as \"9000\")",
                    shown(&body, "template_id")
                ),
            )
        })?;
        let balance = self.accounts.get(account).map_or(0, |a| a.balance);
        let needed = if template == WINDOWS_TEMPLATE {
            plan.monthly.max(WINDOWS_MIN_BALANCE)
        } else {
            plan.monthly
        };
        if balance < needed {
            let why = if template == WINDOWS_TEMPLATE && needed > plan.monthly {
                format!(
                    "Windows Server templates require a balance of at least {}",
                    money::two(needed)
                )
            } else {
                format!(
                    "The {} plan needs a balance of at least {} (one month)",
                    plan.name,
                    money::two(needed)
                )
            };
            return Err(ApiError::new(
                400,
                "INSUFFICIENT_BALANCE",
                "Insufficient balance",
                format!("{why}; your balance is {}", money::two(balance)),
            ));
        }
        for optional in ["ssh_key", "webhook_secret"] {
            params::optional_text(&body, optional)?;
        }
        let webhook = params::optional_text(&body, "webhook_url")?
            .map(str::trim)
            .filter(|u| !u.is_empty());
        if webhook.is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://"))) {
            return Err(ApiError::invalid_parameter(
                "webhook_url must be an http:// or https:// URL",
            ));
        }
        Ok(Order {
            hostname: hostname.to_string(),
            plan,
            site,
            template,
            webhook: webhook.is_some(),
        })
    }
}

/// A string field.
fn text<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    body.get(name).and_then(Value::as_str)
}

/// A field's value as JSON, for messages.
fn shown(body: &Map<String, Value>, name: &str) -> String {
    body.get(name).map(Value::to_string).unwrap_or_default()
}

/// 8 to 72 characters with at least one letter and one digit.
fn check_password(password: &str) -> Result<(), ApiError> {
    let length = password.chars().count();
    if length < 8 {
        return Err(ApiError::new(
            400,
            "PASSWORD_TOO_SHORT",
            "Password too short",
            "root_password must be at least 8 characters",
        ));
    }
    if length > 72 {
        return Err(ApiError::new(
            400,
            "PASSWORD_TOO_LONG",
            "Password too long",
            "root_password must not exceed 72 characters",
        ));
    }
    if !(password.chars().any(char::is_alphabetic) && password.chars().any(|c| c.is_ascii_digit()))
    {
        return Err(ApiError::new(
            400,
            "PASSWORD_WEAK",
            "Password too weak",
            "root_password must contain both letters and numbers",
        ));
    }
    Ok(())
}

/// A fully qualified domain name: two or more labels of letters, digits and
/// inner hyphens (1–63 characters each, 253 in all), ending in an alphabetic
/// top-level domain.
fn is_fqdn(name: &str) -> bool {
    let labels: Vec<&str> = name.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld_ok = labels.last().is_some_and(|t| {
        t.len() >= 2 && (t.bytes().all(|b| b.is_ascii_alphabetic()) || t.starts_with("xn--"))
    });
    name.len() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fqdn_rules() {
        assert!(is_fqdn("my-server.example.com"));
        assert!(is_fqdn("a.b.example.xn--p1ai"));
        assert!(!is_fqdn("localhost"));
        assert!(!is_fqdn("my_server.example.com"));
        assert!(!is_fqdn("-web.example.com"));
        assert!(!is_fqdn("web.example.com."));
        assert!(!is_fqdn("web.example.123"));
        assert!(!is_fqdn(&format!("{}.com", "a".repeat(64))));
    }

    #[test]
    fn password_rules_in_order() {
        assert_eq!(
            check_password("Ab1").map_err(|e| e.code),
            Err("PASSWORD_TOO_SHORT")
        );
        assert_eq!(
            check_password(&"a1".repeat(37)).map_err(|e| e.code),
            Err("PASSWORD_TOO_LONG")
        );
        assert_eq!(
            check_password("onlyletters").map_err(|e| e.code),
            Err("PASSWORD_WEAK")
        );
        assert_eq!(
            check_password("12345678").map_err(|e| e.code),
            Err("PASSWORD_WEAK")
        );
        assert_eq!(check_password("SecurePass123"), Ok(()));
    }
}
