//! The account a Nostr key finds on its first request: two SSH keys, an NWC
//! wallet, `servers` VMs with paid history and a paid IP-range subscription,
//! all drawn from the sandbox seed and the key, in a realistic mix: mostly
//! running, some stopped by the owner, one expiring within two days, one
//! lapsed, one still provisioning.

use serde_json::json;

use super::account::Account;
use super::catalogue::{self, Template};
use super::keys::SshKey;
use super::methods;
use super::payment::{Order, Payment, Purpose};
use super::ranges;
use super::state::State;
use super::time::{DAY, HOUR, MINUTE, MONTH, SECOND};
use super::vm::{self, Event, Power, Vm, PROVISION_MS};

/// Names people give their servers' reverse DNS.
const SERVICES: [&str; 14] = [
    "relay",
    "btcpay",
    "blossom",
    "mempool",
    "nextcloud",
    "matrix",
    "gitea",
    "mail",
    "vpn",
    "lnbits",
    "nostr",
    "web",
    "grafana",
    "backup",
];
/// Documentation domains.
const DOMAINS: [&str; 3] = ["example.com", "example.org", "example.net"];
/// Seeded SSH keys: name and age in days.
const KEYS: [(&str, u64); 2] = [("laptop", 400), ("workstation", 60)];

/// FNV-1a of `text`, to mix the public key into the seed.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// How a seeded VM stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Running,
    Stopped,
    ExpiringSoon,
    Lapsed,
    Provisioning,
}

fn standing(index: usize, servers: usize) -> Standing {
    match index {
        1 if servers >= 3 => Standing::Provisioning,
        i if i % 7 == 4 => Standing::Lapsed,
        i if i % 5 == 2 => Standing::Stopped,
        i if i % 6 == 3 => Standing::ExpiringSoon,
        _ => Standing::Running,
    }
}

/// Creates `user`'s account as of `now`.
pub(super) fn seed_account(state: &mut State, user: &str, now: u64) {
    let mut rng = fastrand::Rng::with_seed(state.seed ^ fnv1a(user));
    let mut account = Account::new();

    let mut key_ids = Vec::new();
    for (name, age_days) in KEYS {
        let id = state.ids.key();
        let created_ms = now - age_days * DAY - rng.u64(0..DAY);
        state.keys.insert(
            id,
            SshKey {
                id,
                owner: user.to_string(),
                name: name.to_string(),
                created_ms,
            },
        );
        account.keys.insert(id);
        key_ids.push(id);
    }
    let wallet = state.ids.method();
    methods::save(
        &mut account,
        wallet,
        Some("Alby Hub".into()),
        now - 90 * DAY,
    );

    // Small plans are the most common.
    let catalogue = catalogue::templates();
    let mix: Vec<&Template> = [1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6]
        .iter()
        .filter_map(|id| catalogue.iter().find(|t| t.id == *id))
        .collect();
    for index in 0..state.servers {
        let Some(template) = rng.choice(&mix).map(|t| (*t).clone()) else {
            break;
        };
        let vm = seed_vm(
            state,
            &mut rng,
            user,
            template,
            &key_ids,
            standing(index, state.servers),
            now,
        );
        account.vms.insert(vm.id);
        if let Some(sub) = vm.subscription_id {
            state.subscriptions.insert(sub, vm.id);
        }
        state.vms.insert(vm.id, vm);
    }
    ranges::seed(state, &mut rng, user, now);
    state.accounts.insert(user.to_string(), account);
}

/// One seeded VM, its payments stored in `state`.
fn seed_vm(
    state: &mut State,
    rng: &mut fastrand::Rng,
    user: &str,
    template: Template,
    key_ids: &[u64],
    standing: Standing,
    now: u64,
) -> Vm {
    let id = state.ids.vm();
    let image_id = match template.arch {
        catalogue::Arch::Arm64 => 8,
        catalogue::Arch::X86_64 => *rng.choice(&[1, 1, 1, 2, 2, 3, 4, 5, 6, 7]).unwrap_or(&1),
    };

    let (months, expires_ms) = match standing {
        Standing::Provisioning => (1, now - 10 * SECOND + MONTH),
        Standing::ExpiringSoon => (rng.u64(1..12), now + rng.u64(6 * HOUR..40 * HOUR)),
        Standing::Lapsed => (rng.u64(4..10), now - rng.u64(DAY..3 * DAY)),
        // Within the last paid month, so the first payment lies days back.
        Standing::Running | Standing::Stopped => (rng.u64(1..14), now + rng.u64(3 * DAY..27 * DAY)),
    };
    let paid_since = expires_ms - months * MONTH;
    let created_ms = paid_since - rng.u64(MINUTE..10 * MINUTE);
    let booted_ms = paid_since + PROVISION_MS;

    let mut vm = Vm {
        id,
        owner: user.to_string(),
        created_ms,
        paid_since: Some(paid_since),
        expires_ms,
        image_id,
        ssh_key_id: *rng.choice(key_ids).unwrap_or(&0),
        ips: vm::addresses(id, template.spec.ip4, template.spec.ip6, &mut state.ids.ip),
        template,
        auto_renewal: rng.u8(0..10) < 3,
        subscription_id: Some(state.ids.subscription()),
        power: Power {
            on: true,
            busy_until: booted_ms,
            busy_state: "creating",
            booted_ms,
            off_since: None,
            outage: (0, 0),
        },
        history: Vec::new(),
        payments: Vec::new(),
        seed: state.seed ^ id.wrapping_mul(0x2545_f491_4f6c_dd1d),
        expiry_logged: false,
    };
    if rng.u8(0..10) < 6 {
        let service = rng.choice(SERVICES).unwrap_or("web");
        let domain = rng.choice(DOMAINS).unwrap_or("example.com");
        let name = if rng.bool() {
            format!("{service}.{domain}")
        } else {
            format!("{service}{}.{domain}", rng.u8(1..10))
        };
        if let Some(ip) = vm.ips.first_mut() {
            ip.reverse_dns = Some(name);
        }
    }

    vm.log(Event::new(
        state.ids.event(),
        created_ms,
        "created",
        "owner",
        (None, Some("unknown")),
        "VM ordered",
    ));

    for month in 0..months {
        let first = month == 0;
        let paid_ms = if first {
            paid_since
        } else {
            paid_since + month * MONTH - rng.u64(HOUR..5 * DAY)
        };
        let order = Order {
            owner: user.to_string(),
            vm_id: id,
            range: None,
            amount_sats: vm.template.sats(),
            time_secs: MONTH / SECOND,
            purpose: if first {
                Purpose::Purchase
            } else {
                Purpose::Renewal
            },
            method: "lightning",
        };
        let mut payment = Payment::issue(
            order,
            paid_ms - rng.u64(20 * SECOND..5 * MINUTE),
            &mut state.rng,
        );
        payment.paid_ms = Some(paid_ms);
        let (action, text) = if first {
            ("payment_received", "Payment received")
        } else {
            ("renewed", "VM renewed for 30 days")
        };
        let mut paid = Event::new(
            state.ids.event(),
            paid_ms,
            action,
            "owner",
            (None, None),
            text,
        );
        paid.metadata = Some(json!({ "payment_id": payment.id, "time": MONTH / SECOND }));
        vm.log(paid);
        if first && booted_ms <= now {
            let states = (Some("creating"), Some("running"));
            vm.log(Event::new(
                state.ids.event(),
                booted_ms,
                "started",
                "system",
                states,
                "VM provisioned and started",
            ));
        }
        vm.payments.push(payment.id.clone());
        state.payments.insert(payment.id.clone(), payment);
    }

    if standing == Standing::Stopped {
        // After boot: the first payment is at least three days back.
        let stopped_ms = now - rng.u64(HOUR..2 * DAY);
        vm.power.on = false;
        vm.power.off_since = Some(stopped_ms);
        let states = (Some("running"), Some("stopped"));
        vm.log(Event::new(
            state.ids.event(),
            stopped_ms,
            "stopped",
            "owner",
            states,
            "VM stopped by owner",
        ));
    }
    vm.history.sort_by_key(|e| e.at_ms);
    vm
}
