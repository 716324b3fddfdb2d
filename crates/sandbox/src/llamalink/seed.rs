//! The accounts LlamaLink starts with: one with a saved card, a fleet,
//! websites and their subscriptions (the document's examples first), and
//! one without a payment method.

use super::account::{Account, Card, Kind, Profile, Subscription};
use super::catalog::{PLANS, WEBSITE_PLANS};
use super::servers::{Server, Spec};
use super::websites::Website;
use super::Allocator;
use crate::fleet::{self, hex_token, server_name, uuid};
use std::collections::HashMap;

const DAY_MS: u64 = 86_400_000;
/// The document's example server id; the fleet is numbered from here.
const FIRST_VPS_ID: u64 = 42;
/// The document's example subscription id.
const FIRST_SUBSCRIPTION_ID: u64 = 101;
/// Address position of the document's example IP (203.0.113.50).
const FIRST_ADDRESS: usize = 48;

/// The seeded accounts and the allocator that continues their numbering.
pub(super) fn accounts(servers: usize, seed: u64, now_ms: u64) -> (Vec<Account>, Allocator) {
    let mut rng = fleet::rng(seed, "llamalink");
    let mut alloc = Allocator {
        next_vps: FIRST_VPS_ID,
        next_subscription: FIRST_SUBSCRIPTION_ID,
        next_address: FIRST_ADDRESS,
        rng: fastrand::Rng::with_seed(rng.u64(..)),
    };
    let mut with_card = Account {
        key: format!("llk_{}", hex_token(&mut rng, 16)),
        profile: Profile {
            id: 7,
            username: "client1",
            email: "user@example.com",
            realname: "Jane Doe",
            phone: "+972501234567",
        },
        cards: vec![Card {
            id: 3,
            last4: "4242",
            exp_month: 12,
            exp_year: 2027.max(fleet::year(now_ms) + 1),
            brand: "visa",
        }],
        servers: Vec::with_capacity(servers),
        websites: Vec::new(),
        operations: HashMap::new(),
        subscriptions: Vec::with_capacity(servers + 2),
    };
    for index in 0..servers {
        let created = now_ms.saturating_sub(rng.u64(2 * DAY_MS..400 * DAY_MS));
        let plan = &PLANS[rng.usize(..PLANS.len())];
        let id = alloc.vps_id();
        let (name, cpus, ram_gb, disk_share, stopped) = if index == 0 {
            (
                "production-web".to_string(),
                4,
                4,
                40.5 / f64::from(plan.storage_gb),
                None,
            )
        } else {
            let stopped = rng.f64() < 0.2;
            let since = stopped.then(|| now_ms.saturating_sub(rng.u64(DAY_MS / 24..10 * DAY_MS)));
            (
                server_name(&mut rng, index),
                plan.cpus,
                plan.ram_gb,
                0.1 + rng.f64() * 0.7,
                since,
            )
        };
        let spec = Spec {
            name,
            cpus,
            ram_gb,
            storage_gb: plan.storage_gb,
            ips: alloc.addresses(1),
        };
        with_card.servers.push(Server::existing(
            id,
            spec,
            rng.u64(..),
            created,
            stopped,
            disk_share,
        ));
        with_card.subscriptions.push(Subscription {
            id: alloc.subscription_id(),
            kind: Kind::Vps,
            name: format!("VPS {}", plan.name),
            price_monthly: plan.price,
            started_ms: created,
            ready_ms: created,
        });
    }
    let sites = [
        (
            "8f2a1c00-1111-2222-3333-444455556666".to_string(),
            "example.com",
            1,
            "8.2",
            1_200,
        ),
        (uuid(&mut rng), "shop.example.org", 0, "8.1", 640),
    ];
    for (id, domain, plan_index, php, used) in sites {
        let plan = &WEBSITE_PLANS[plan_index];
        let created = now_ms.saturating_sub(rng.u64(30 * DAY_MS..300 * DAY_MS));
        with_card.subscriptions.push(Subscription {
            id: alloc.subscription_id(),
            kind: Kind::Website,
            name: format!("Website {domain}"),
            price_monthly: plan.price,
            started_ms: created,
            ready_ms: created,
        });
        with_card.websites.push(Website {
            id,
            domain: domain.to_string(),
            plan: plan.id,
            php,
            disk_used_mb: used,
            disk_limit_mb: plan.disk_limit_mb,
            ready_ms: created,
        });
    }
    let without_card = Account {
        key: format!("llk_{}", hex_token(&mut rng, 16)),
        profile: Profile {
            id: 8,
            username: "client2",
            email: "billing@example.net",
            realname: "Avi Cohen",
            phone: "+972521234567",
        },
        cards: Vec::new(),
        servers: Vec::new(),
        websites: Vec::new(),
        operations: HashMap::new(),
        subscriptions: Vec::new(),
    };
    (vec![with_card, without_card], alloc)
}
