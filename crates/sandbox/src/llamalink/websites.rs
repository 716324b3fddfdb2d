//! LlamaLink website hosting: the list, one site's details, and ordering a
//! new site (provisioning for half a minute, then active).

use super::account::{Account, Kind, Subscription};
use super::catalog::{PHP_VERSIONS, WEBSITE_PLANS};
use super::{body, error, Allocator};
use crate::fleet::uuid;
use crate::{wire, Response};
use serde_json::{json, Value};

/// How long a new site provisions.
pub(super) const PROVISION_MS: u64 = 30_000;
/// The PHP version of a site ordered without one.
const DEFAULT_PHP: &str = "8.2";
/// Name servers every site is told to use.
const NAMESERVERS: [&str; 2] = ["ns1.llamalink.net", "ns2.llamalink.net"];

/// One hosted site.
#[derive(Debug, Clone)]
pub(super) struct Website {
    pub(super) id: String,
    pub(super) domain: String,
    pub(super) plan: &'static str,
    pub(super) php: &'static str,
    pub(super) disk_used_mb: u64,
    pub(super) disk_limit_mb: u64,
    pub(super) ready_ms: u64,
}

impl Website {
    fn status(&self, now_ms: u64) -> &'static str {
        if now_ms < self.ready_ms {
            "provisioning"
        } else {
            "active"
        }
    }

    /// An item of `GET /user/websites`.
    fn summary(&self, now_ms: u64) -> Value {
        json!({
            "id": self.id, "domain": self.domain, "status": self.status(now_ms), "plan": self.plan,
            "diskUsedMb": self.disk_used_mb, "diskLimitMb": self.disk_limit_mb,
        })
    }

    /// `GET /user/websites/info/:id`.
    fn details(&self, now_ms: u64) -> Value {
        let status = self.status(now_ms);
        json!({
            "id": self.id, "domain": self.domain, "status": status, "phpVersion": self.php,
            "ssl": status == "active", "nameservers": NAMESERVERS,
        })
    }
}

/// `GET /user/websites`.
pub(super) fn list(account: &Account, now_ms: u64) -> Response {
    let items: Vec<Value> = account.websites.iter().map(|w| w.summary(now_ms)).collect();
    wire::json(200, &json!(items))
}

/// `GET /user/websites/info/:id`.
pub(super) fn info(account: &Account, id: &str, now_ms: u64) -> Response {
    match account.websites.iter().find(|w| w.id == id) {
        Some(site) => wire::json(200, &site.details(now_ms)),
        None => error(404, "Website not found"),
    }
}

/// `POST /user/websites/new`; `hosted` tells whether a domain is already
/// hosted on any account.
pub(super) fn create(
    account: &mut Account,
    alloc: &mut Allocator,
    body: &[u8],
    hosted: impl Fn(&str) -> bool,
    now_ms: u64,
) -> Response {
    let order = body::object(body).and_then(|b| {
        let domain = body::text(&b, "domain")?.to_ascii_lowercase();
        if !valid_domain(&domain) {
            return Err("domain must be a domain name such as mysite.com".to_string());
        }
        if hosted(&domain) {
            return Err(format!("domain {domain} is already hosted"));
        }
        let plan = body::pick(&b, "planId", &WEBSITE_PLANS, |p| p.id)?;
        let php = match body::optional_text(&b, "phpVersion")? {
            None => DEFAULT_PHP,
            Some(_) => *body::pick(&b, "phpVersion", &PHP_VERSIONS, |v| v)?,
        };
        Ok((domain, plan, php))
    });
    let (domain, plan, php) = match order {
        Ok(order) => order,
        Err(message) => return error(400, &message),
    };
    if !account.can_pay() {
        return error(402, "No valid payment method");
    }
    let site = Website {
        id: uuid(alloc.rng()),
        domain,
        plan: plan.id,
        php,
        disk_used_mb: 0,
        disk_limit_mb: plan.disk_limit_mb,
        ready_ms: now_ms + PROVISION_MS,
    };
    account.subscriptions.push(Subscription {
        id: alloc.subscription_id(),
        kind: Kind::Website,
        name: format!("Website {}", site.domain),
        price_monthly: plan.price,
        started_ms: now_ms,
        ready_ms: site.ready_ms,
    });
    let created = json!({
        "id": site.id, "domain": site.domain, "status": "provisioning", "message": "Website is being provisioned",
    });
    account.websites.push(site);
    wire::json(201, &created)
}

/// A fully qualified domain: two or more labels of letters, digits and
/// inner hyphens, an alphabetic top-level label, 253 characters at most.
fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    domain.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.len())
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}
