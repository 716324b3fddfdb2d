//! The accounts LiteVPS starts with: `demo@litevps.test` (25.0000 USD, a
//! top-up and past usage, an SSH key, a `vtk_` token with a spend limit and
//! a fleet in mixed states) and `low@litevps.test` with 0.0420 USD, the
//! document's 402 example balance.

use super::account::{Account, Kind, Token};
use super::catalog::Catalog;
use super::keys;
use super::snapshots::Snapshot;
use super::tokens;
use super::vms::{Spec, State, Vm};
use crate::fleet::{hex_token, server_name, uuid, Transition};

const DAY_MS: u64 = 86_400_000;
/// The demo login.
pub(super) const DEMO_EMAIL: &str = "demo@litevps.test";
/// The low-balance login.
pub(super) const LOW_EMAIL: &str = "low@litevps.test";
/// Both accounts' password.
pub(super) const PASSWORD: &str = "sandbox-password";

/// The seeded accounts; `hosts` counts the addresses handed out.
pub(super) fn accounts(
    servers: usize,
    catalog: &Catalog,
    rng: &mut fastrand::Rng,
    hosts: &mut usize,
    now_ms: u64,
) -> Vec<Account> {
    let mut demo = Account::new(uuid(rng), DEMO_EMAIL, PASSWORD, now_ms);
    demo.balance = 30.0;
    let top_up = format!("Stripe checkout cs_test_{}", hex_token(rng, 24));
    demo.record(
        uuid(rng),
        Kind::Topup,
        30.0,
        top_up,
        now_ms.saturating_sub(30 * DAY_MS),
    );
    for days_ago in [24, 18, 12, 6] {
        demo.balance -= 1.25;
        let id = uuid(rng);
        demo.record(
            id,
            Kind::Charge,
            -1.25,
            "usage: running VMs".into(),
            now_ms.saturating_sub(days_ago * DAY_MS),
        );
    }
    let line = keys::generate(rng, "demo@laptop");
    if let Some(key) = keys::record(
        uuid(rng),
        "laptop",
        &line,
        now_ms.saturating_sub(40 * DAY_MS),
    ) {
        demo.keys.push(key);
    }
    demo.tokens.push(Token {
        id: uuid(rng),
        name: "ci-deploy".into(),
        secret: tokens::secret(rng),
        spend_limit: Some(10.0),
        spent: 0.0,
        created_ms: now_ms.saturating_sub(20 * DAY_MS),
    });
    let key_ids: Vec<String> = demo.keys.iter().map(|k| k.id.clone()).collect();
    let lasting: Vec<_> = catalog
        .templates
        .iter()
        .filter(|t| t.ttl_minutes.is_none())
        .collect();
    for index in 0..servers {
        let template = if rng.f64() < 0.4 {
            rng.choice(lasting.iter().copied())
        } else {
            None
        };
        let plan = match template {
            Some(t) => catalog.plan(&t.plan_id),
            None => catalog
                .plans
                .get(rng.usize(..catalog.plans.len().saturating_sub(1).max(1))),
        };
        let Some(plan) = plan else { continue };
        let spec = Spec::of_plan(server_name(rng, index), plan, template, key_ids.clone());
        let state = match (index, rng.f64()) {
            (3, _) => State::Error,
            (_, roll) if roll < 0.25 => State::Stopped,
            _ => State::Running,
        };
        let created = now_ms.saturating_sub(rng.u64(DAY_MS..90 * DAY_MS));
        let mut vm = Vm::build(
            uuid(rng),
            spec,
            *hosts,
            created,
            Transition::settled(state),
            0.1 + rng.f64() * 0.5,
        );
        *hosts += 1;
        if rng.f64() < 0.3 {
            let taken = created + rng.u64(..now_ms.saturating_sub(created).max(1));
            let snapshot = Snapshot::of(&vm, uuid(rng), "before-upgrade", taken);
            vm.snapshots.push(snapshot);
        }
        demo.vms.push(vm);
    }
    let mut low = Account::new(uuid(rng), LOW_EMAIL, PASSWORD, now_ms);
    low.balance = 5.0;
    let top_up = format!("Stripe checkout cs_test_{}", hex_token(rng, 24));
    low.record(
        uuid(rng),
        Kind::Topup,
        5.0,
        top_up,
        now_ms.saturating_sub(60 * DAY_MS),
    );
    low.balance = 0.042;
    low.record(
        uuid(rng),
        Kind::Charge,
        -4.958,
        "usage: running VMs".into(),
        now_ms.saturating_sub(2 * DAY_MS),
    );
    vec![demo, low]
}
