//! The demo account, built deterministically from the seed: the document's
//! customer (John Hostkey, credit 998.39), servers 34533/32645/17405 and as
//! many more as configured, invoices, API keys, a contact, a cancellation
//! request and DNS zones; and the builders a delivered order reuses (servers,
//! addresses, MACs).

use super::catalog::{self, os, presets, Product};
use super::dates::{self, DAY};
use super::jobs::Jobs;
use super::state::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::Ipv4Addr;

/// The PIN the demo account starts with.
pub(super) const PIN: &str = "1234";
/// The billing password of the demo account.
pub(super) const BILLING_PASSWORD: &str = "Hostkey-Sandbox-1";

/// What a new server is built from.
pub(super) struct Spec {
    pub id: u64,
    pub location: &'static str,
    pub product: Product,
    pub hostname: String,
    pub os: Option<&'static os::Os>,
    pub password: String,
    pub reg_date: u64,
    pub next_due: u64,
    pub cycle_months: u32,
    pub recurring_cents: i64,
    pub service_id: u64,
    pub order_id: u64,
    pub traffic_plan: u64,
    pub ip: Ip,
    pub power_on: bool,
    pub suspended: bool,
    /// An ISPmanager panel (tag and licence), as on the document's server.
    pub panel: bool,
}

/// Hostname prefixes for the servers beyond the three from the document.
const ROLES: &[&str] = &[
    "web", "db", "app", "cache", "mail", "vpn", "git", "ci", "api", "edge", "game", "backup",
    "mon", "proxy", "worker", "search", "queue", "files", "dns", "build",
];

impl State {
    /// The seeded account with `servers` servers, as of `now_ms`.
    pub fn seed(servers: usize, seed: u64, now_ms: u64) -> State {
        let now = now_ms / 1000;
        let mut state = State {
            rng: fastrand::Rng::with_seed(seed),
            account: Account {
                customer_id: 38157,
                whmcs_id: 3172,
                email: "john.hostkey@example.com".into(),
                billing_password: BILLING_PASSWORD.into(),
                active_since: now.saturating_sub(400 * DAY),
            },
            servers: BTreeMap::new(),
            sessions: HashMap::new(),
            api_keys: BTreeMap::new(),
            key_history: Vec::new(),
            pin: Pin {
                code: PIN.into(),
                failures: 0,
                locked_until_ms: 0,
            },
            billing: client(),
            dns: Dns {
                zones: BTreeMap::new(),
                domains: BTreeMap::new(),
                subdomains: BTreeMap::new(),
            },
            preset_available: presets::PRESETS
                .iter()
                .map(|p| (p.id, p.available))
                .collect(),
            stock_sold: BTreeSet::new(),
            jobs: Jobs::default(),
            next: Counters {
                server: 0,
                tag: 903_318,
                api_key: 505,
                history: 20_818_097,
                invoice: 0,
                item: 25_731,
                credit: 4_657,
                transaction: 7_400,
                contact: 121,
                cancellation: 507,
                domain: 232,
                subdomain: 1,
                ticket: 10_230,
                service: 0,
                order: 0,
                interface: 122_936,
                subnet_host: HashMap::new(),
            },
        };
        for index in 0..servers {
            let spec = state.spec(index, now);
            let server = state.assemble(spec);
            state.servers.insert(server.id, server);
        }
        state.next.server = state.servers.keys().max().copied().unwrap_or(34_000);
        state.next.service = state
            .servers
            .values()
            .map(|s| s.service_id)
            .max()
            .unwrap_or(5_700);
        state.next.order = state
            .servers
            .values()
            .map(|s| s.order_id)
            .max()
            .unwrap_or(5_400);
        state.seed_billing(now);
        state.seed_keys(now);
        state.seed_dns(now);
        state
    }

    /// The spec of the `index`-th seeded server.
    fn spec(&mut self, index: usize, now: u64) -> Spec {
        let (id, product, location, hostname, os_id, plan) = match index {
            0 => (
                34_533,
                presets::find("vm.mini"),
                "NL",
                "nl-vmmini".to_string(),
                187,
                37,
            ),
            1 => (
                32_645,
                presets::find("vm.pico"),
                "NL",
                "nl-vmpico".to_string(),
                180,
                25,
            ),
            2 => (
                17_405,
                presets::find("bm.v1-mini"),
                "NL",
                "nl-bm-mini".to_string(),
                160,
                41,
            ),
            _ => {
                let preset = self.random_preset();
                let location = preset.locations[self.rng.usize(..preset.locations.len())];
                let role = ROLES[self.rng.usize(..ROLES.len())];
                let hostname = format!("{role}-{}-{index:02}", location.to_lowercase());
                let id = 40_000 + index as u64 * 13 + self.rng.u64(0..13);
                let plan = if preset.kind.is_virtual() { 25 } else { 41 };
                (id, Some(preset), location, hostname, 0, plan)
            }
        };
        let product = Product::Preset(product.unwrap_or(&presets::PRESETS[0]));
        let os = os::find(os_id).or_else(|| {
            let fitting: Vec<&os::Os> = os::SYSTEMS
                .iter()
                .filter(|o| o.active && o.fits(product.kind(), product.ram(), product.hdd()))
                .collect();
            fitting.get(self.rng.usize(..fitting.len().max(1))).copied()
        });
        let cycle_months = match (index, self.rng.u8(0..10)) {
            (0..=2, _) | (_, 0..=6) => 1,
            (_, 7 | 8) => 3,
            _ => 12,
        };
        let age_days = if index == 0 {
            70
        } else {
            self.rng.u64(20..700)
        };
        let roll = self.rng.u8(0..100);
        let password = match index {
            0 => "wK5Vjwx_BC".to_string(),
            _ => self.password(),
        };
        let ip = self.allocate_ip(location);
        Spec {
            id,
            location,
            product,
            hostname,
            os,
            password,
            reg_date: now.saturating_sub(age_days * DAY),
            next_due: next_due(now.saturating_sub(age_days * DAY), cycle_months, now),
            cycle_months,
            recurring_cents: product.period_cents(cycle_months).unwrap_or(0),
            service_id: 5_724 + index as u64 * 7,
            order_id: 5_448 + index as u64 * 5,
            traffic_plan: plan,
            ip,
            power_on: index < 3 || roll >= 12,
            suspended: index >= 3 && roll < 4,
            panel: index == 0
                || (index >= 3 && product.kind().is_virtual() && roll.is_multiple_of(7)),
        }
    }

    fn random_preset(&mut self) -> &'static presets::Preset {
        let pick = self.rng.u8(0..100);
        let name = match pick {
            0..=17 => "vm.pico",
            18..=37 => "vm.nano",
            38..=59 => "vm.mini",
            60..=71 => "vm.medium",
            72..=79 => "vm.large",
            80..=88 => "bm.v1-mini",
            89..=96 => "bm.v2-ryzen",
            97 => "vgpu.v1-mini",
            _ => "gpu.v1-a4000",
        };
        presets::find(name).unwrap_or(&presets::PRESETS[0])
    }

    /// A random root password (upper, lower, digits and one special character).
    pub fn password(&mut self) -> String {
        let mut out: String = (0..8).map(|_| self.rng.alphanumeric()).collect();
        out.insert(
            self.rng.usize(1..out.len()),
            ['_', '!', '@', '#'][self.rng.usize(..4)],
        );
        out.push(self.rng.lowercase());
        out.push(self.rng.uppercase());
        out
    }

    /// A MAC address (oVirt's `56:6f` prefix for VMs, Supermicro's for bare metal).
    pub fn mac(&mut self, vm: bool) -> String {
        let prefix = if vm { "56:6f:" } else { "0c:c4:7a:" };
        let bytes = if vm { 4 } else { 3 };
        let tail: Vec<String> = (0..bytes)
            .map(|_| format!("{:02x}", self.rng.u8(..)))
            .collect();
        format!("{prefix}{}", tail.join(":"))
    }

    /// The next free address in `location`, from the documentation ranges
    /// (then 198.18.0.0/15 once those are used up), in /25 subnets.
    pub fn allocate_ip(&mut self, location: &str) -> Ip {
        let lane = catalog::LOCATIONS
            .iter()
            .position(|(c, _)| *c == location)
            .unwrap_or(0);
        let lanes = catalog::LOCATIONS.len();
        let mut block = lane;
        loop {
            let host = self.next.subnet_host.entry(block).or_insert(10);
            if *host <= 126 {
                let offset = *host;
                *host += 1;
                let network = subnet_base(block);
                let subnet = Subnet {
                    id: 517 + block as u64,
                    network,
                    cidr: 25,
                    vlan: 415 + block as u32,
                };
                return Ip {
                    addr: Ipv4Addr::from(u32::from(network) + offset),
                    port: "eth0".into(),
                    mac: String::new(),
                    main: true,
                    subnet,
                    ptr: Vec::new(),
                    block: None,
                    license: None,
                };
            }
            block += lanes;
        }
    }

    /// Builds a server from a spec: hardware, interface, tags, IPMI.
    pub fn assemble(&mut self, spec: Spec) -> Server {
        let hardware = spec.product.hardware();
        let vm = hardware.platform == Platform::Vm;
        let mac = self.mac(vm);
        self.next.interface += 1;
        let interface = Interface {
            id: self.next.interface,
            name: "eth0".into(),
            mac: mac.clone(),
            main: true,
            enabled: true,
            switch_model: if vm {
                "virtual".into()
            } else {
                "Cisco C3750X".into()
            },
        };
        let mut ip = spec.ip;
        let ip_text = ip.addr.to_string();
        ip.mac = mac;
        ip.ptr = vec![format!(
            "{}.static.hostkey.example.",
            ip.addr.to_string().replace('.', "-")
        )];
        let ipmi_ip = (!vm).then(|| {
            Ipv4Addr::new(
                10,
                77,
                (spec.id / 250 % 250) as u8,
                (spec.id % 250) as u8 + 2,
            )
        });
        let mut server = Server {
            id: spec.id,
            seed: spec.id.wrapping_mul(0x9E37_79B9),
            location: spec.location,
            preset_name: spec.product.name(),
            preset_description: spec.product.description(),
            hardware,
            service_id: spec.service_id,
            order_id: spec.order_id,
            reg_date: spec.reg_date,
            next_due: spec.next_due,
            cycle_months: spec.cycle_months,
            recurring_cents: spec.recurring_cents,
            setup_cents: 0,
            traffic_plan: spec.traffic_plan,
            suspended: spec.suspended,
            power_on: spec.power_on && !spec.suspended,
            boot: BootDevice::Disk,
            pxe: None,
            install: None,
            ips: vec![ip],
            interfaces: vec![interface],
            tags: Vec::new(),
            licenses: Vec::new(),
            ipmi_ip,
            ipmi_user: None,
            nat: None,
        };
        let os_name = spec.os.map_or("", |o| o.name);
        let user = spec.os.map_or("root", |o| o.user_name);
        for (name, value, extra, internal) in [
            ("order_origin", "invapi", "1", false),
            ("hostname", spec.hostname.as_str(), "", false),
            ("password", spec.password.as_str(), "", false),
            ("OS", os_name, "", false),
            ("user_name", user, "", false),
            ("preset_id", &spec.product.name(), "", true),
        ] {
            let id = self.tag_id();
            server.tags.push(Tag {
                id,
                name: name.into(),
                value: value.into(),
                extra: extra.into(),
                internal,
            });
        }
        if spec.panel {
            let id = self.tag_id();
            let url = format!("https://isp{}.hostkey.example:1500/ispmgr", spec.id);
            server.tags.insert(
                5,
                Tag {
                    id,
                    name: "webpanel".into(),
                    value: "ispmanager6".into(),
                    extra: url,
                    internal: false,
                },
            );
            let licence = 124 + spec.id % 1000;
            server.licenses.push(License {
                id: licence,
                name: format!("ISPmanager 6 Lite on IP {}", ip_text),
            });
            if let Some(ip) = server.ips.first_mut() {
                ip.license = Some((licence, "ISPmanager".into()));
            }
        }
        if let Some(os) = spec.os {
            let id = self.tag_id();
            server.tags.push(Tag {
                id,
                name: "os_id".into(),
                value: os.id.to_string(),
                extra: String::new(),
                internal: true,
            });
        }
        server
    }

    fn seed_billing(&mut self, now: u64) {
        let ids: Vec<u64> = self.servers.keys().copied().collect();
        let mut next_id = 30_000;
        for (index, id) in ids.iter().rev().enumerate() {
            let Some(server) = self.servers.get(id).cloned() else {
                continue;
            };
            let period_start = dates::add_months(server.next_due, -i64::from(server.cycle_months));
            let amount = server.recurring_cents;
            match server.id {
                34_533 => {
                    let first = dates::add_months(period_start, -1);
                    self.seed_invoice(10_116, &server, first, amount, Settled::Credit);
                    self.seed_invoice(18_580, &server, period_start, amount, Settled::Credit);
                    self.seed_invoice(23_451, &server, server.next_due, amount, Settled::Unpaid);
                }
                32_645 => self.seed_invoice(23_449, &server, period_start, amount, Settled::Credit),
                _ => {
                    next_id += 2;
                    self.seed_invoice(next_id, &server, period_start, amount, Settled::Gateway);
                    if server.next_due < now + 10 * DAY && index % 3 == 0 {
                        self.seed_invoice(
                            next_id + 1,
                            &server,
                            server.next_due,
                            amount,
                            Settled::Unpaid,
                        );
                    }
                }
            }
        }
        self.next.invoice = self
            .billing
            .invoices
            .keys()
            .max()
            .copied()
            .unwrap_or(24_015)
            .max(24_015);
        let credited: i64 = self.billing.credits.iter().map(|c| -c.amount_cents).sum();
        self.billing.credits.insert(
            0,
            CreditEntry {
                id: 2_520,
                date: self.account.active_since,
                description: "Add Funds Invoice #9921".into(),
                amount_cents: self.billing.credit_cents + credited,
            },
        );
        if let Some(server) = self.servers.get(&34_533) {
            self.billing.cancellations.push(Cancellation {
                id: 507,
                date: now.saturating_sub(2 * DAY),
                server_id: server.id,
                service_id: server.service_id,
                reason: "Not needing for me".into(),
                immediate: false,
                cancelled_invoices: vec![23_451],
            });
            if let Some(invoice) = self.billing.invoices.get_mut(&23_451) {
                invoice.status = InvoiceStatus::Cancelled;
            }
        }
        self.billing.contacts.insert(
            121,
            Contact {
                id: 121,
                firstname: "Dimitry".into(),
                lastname: "Servers".into(),
                email: "dimitry.servers@example.com".into(),
                phonenumber: String::new(),
                password_hash: "$2y$10$pSlFQ1Vvq0UcKD5eE9dZ2.J5s779skGChaD0fPJB7ooURi1/KnDJm"
                    .into(),
                created: None,
                updated: now.saturating_sub(30 * DAY),
            },
        );
    }

    fn seed_invoice(&mut self, id: u64, server: &Server, due: u64, amount: i64, settled: Settled) {
        let date = due.saturating_sub(DAY * 14).max(server.reg_date);
        let paid_at = (settled != Settled::Unpaid).then_some(date + 3600 + id % 7200);
        self.next.item += 1;
        let item = Item {
            id: self.next.item,
            kind: "Hosting",
            relid: server.service_id,
            description: format!(
                "{} ({}) - {} - {} ({} - {})",
                server.preset_description,
                server.hostname(),
                server
                    .main_ip()
                    .map(|ip| ip.addr.to_string())
                    .unwrap_or_default(),
                cycle_name(server.cycle_months),
                dates::date(due),
                dates::date(dates::add_months(due, i64::from(server.cycle_months))),
            ),
            amount_cents: amount,
        };
        let invoice = Invoice {
            id,
            kind: InvoiceKind::Service(server.id),
            date,
            due,
            paid_at,
            created: date,
            updated: paid_at.unwrap_or(date),
            status: if paid_at.is_some() {
                InvoiceStatus::Paid
            } else {
                InvoiceStatus::Unpaid
            },
            method: "paypal",
            items: vec![item],
            credit_cents: if settled == Settled::Credit {
                amount
            } else {
                0
            },
            paid_cents: if settled == Settled::Gateway {
                amount
            } else {
                0
            },
        };
        match (settled, paid_at) {
            (Settled::Credit, Some(at)) => {
                self.next.credit += 1;
                self.billing.credits.push(CreditEntry {
                    id: self.next.credit,
                    date: at,
                    description: format!("Credit Applied to Invoice #{id}"),
                    amount_cents: -amount,
                });
            }
            (Settled::Gateway, Some(at)) => {
                self.next.transaction += 1;
                let transid = format!("PAYID-{}", hex(&mut self.rng, 20).to_uppercase());
                self.billing.transactions.push(Transaction {
                    id: self.next.transaction,
                    invoice_id: id,
                    date: at,
                    gateway: "paypal",
                    transid,
                    amount_cents: amount,
                });
            }
            _ => {}
        }
        self.billing.invoices.insert(id, invoice);
    }

    fn seed_keys(&mut self, now: u64) {
        let account_key = format!("{}-{}", hex(&mut self.rng, 16), hex(&mut self.rng, 16));
        let mut keys = vec![ApiKey {
            id: 484,
            name: "new_api".into(),
            active: true,
            ip: String::new(),
            server_id: 0,
            secret: account_key,
            notify_method: "none".into(),
            notify_address: None,
        }];
        if let Some(first) = self
            .servers
            .get(&34_533)
            .map(|s| s.id)
            .or_else(|| self.servers.keys().next().copied())
        {
            let server_key = format!("{}-{}", hex(&mut self.rng, 16), hex(&mut self.rng, 16));
            keys.push(ApiKey {
                id: 237,
                name: "test_control_panel".into(),
                active: true,
                ip: String::new(),
                server_id: first,
                secret: server_key,
                notify_method: "none".into(),
                notify_address: None,
            });
        }
        for (age, key) in keys.into_iter().rev().enumerate() {
            self.next.history += 1;
            self.key_history.push(HistoryEntry {
                id: self.next.history,
                key_id: key.id,
                at: now.saturating_sub((60 - age as u64 * 20) * DAY),
                message: format!(
                    "Created new api_key {}. json:{{\"name\":\"{}\",\"ip\":\"\",\"login_notify_method\":\"none\",\"active\":\"1\",\"server_id\":\"{}\"}}",
                    key.id, key.name, key.server_id
                ),
                kind: "action",
            });
            self.api_keys.insert(key.id, key);
        }
    }

    fn seed_dns(&mut self, now: u64) {
        let main_ip = self
            .servers
            .get(&34_533)
            .or_else(|| self.servers.values().next())
            .and_then(|s| s.main_ip().map(|ip| (s.id, ip.addr.to_string())));
        let serial = |secs: u64| -> u64 {
            dates::date(secs)
                .replace('-', "")
                .parse::<u64>()
                .unwrap_or(2023101600)
                * 100
                + 1
        };
        let mut mydomain = zone("mydomen.com.", serial(now.saturating_sub(40 * DAY)), 3600);
        if let Some((_, ip)) = &main_ip {
            mydomain
                .rrsets
                .push(rrset("mydomen.com.", "A", vec![ip.clone()]));
            mydomain.rrsets.push(rrset(
                "www.mydomen.com.",
                "CNAME",
                vec!["mydomen.com.".into()],
            ));
            mydomain
                .rrsets
                .push(rrset("subdomain.mydomen.com.", "A", vec![ip.clone()]));
        }
        mydomain.rrsets.push(rrset(
            "mydomen.com.",
            "MX",
            vec!["10 mail.mydomen.com.".into()],
        ));
        let mut hostbuy = zone("hostbuy.com.", 2_018_041_900, 3600);
        hostbuy.masters = vec!["198.51.100.53".into()];
        hostbuy.last_check = 1_612_322_161;
        let mut aaa = zone("aaa.com.", 2_023_101_604, 3600);
        aaa.rrsets.push(rrset(
            "tesrt._domainkey.aaa.com.",
            "TXT",
            vec!["\"v=DKIM1; p=dsdsdsd\"".into()],
        ));
        for z in [mydomain, hostbuy, aaa] {
            self.dns.zones.insert(z.name.clone(), z);
        }
        self.dns.domains.insert(
            232,
            Domain {
                id: 232,
                name: "mydomen.com".into(),
            },
        );
        if let Some((server_id, _)) = main_ip {
            self.dns.subdomains.insert(
                1,
                Subdomain {
                    id: 1,
                    name: "subdomain".into(),
                    domain_id: 232,
                    server_id,
                },
            );
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Settled {
    Unpaid,
    Credit,
    Gateway,
}

/// The first due date after `now` for a service registered at `reg` billed every `months`.
pub(super) fn next_due(reg: u64, months: u32, now: u64) -> u64 {
    let mut periods = 1;
    loop {
        let due = dates::add_months(reg, i64::from(months) * periods);
        if due > now || periods > 1200 {
            return due - due % DAY;
        }
        periods += 1;
    }
}

/// WHMCS billing-cycle names.
pub(super) fn cycle_name(months: u32) -> &'static str {
    match months {
        3 => "Quarterly",
        6 => "Semi-Annually",
        12 => "Annually",
        _ => "Monthly",
    }
}

/// The network of /25 block `index`: the three documentation /24s first, then 198.18.0.0/15.
fn subnet_base(index: usize) -> Ipv4Addr {
    const DOC: [[u8; 3]; 3] = [[192, 0, 2], [198, 51, 100], [203, 0, 113]];
    match DOC.get(index / 2) {
        Some([a, b, c]) => Ipv4Addr::new(*a, *b, *c, if index.is_multiple_of(2) { 0 } else { 128 }),
        None => Ipv4Addr::from(
            u32::from(Ipv4Addr::new(198, 18, 0, 0)) + ((index as u32 - 6) % 1024) * 128,
        ),
    }
}

/// A new zone with SOA and NS records.
pub(super) fn zone(name: &str, serial: u64, ttl: u32) -> Zone {
    Zone {
        name: name.into(),
        kind: "Master",
        masters: Vec::new(),
        dnssec: false,
        serial,
        last_check: 0,
        rrsets: vec![
            RrSet {
                name: name.into(),
                rtype: "SOA".into(),
                ttl,
                records: vec![format!(
                    "ns1.hostkey.com. admin.{name} {serial} 14400 3600 604800 3600"
                )],
            },
            RrSet {
                name: name.into(),
                rtype: "NS".into(),
                ttl,
                records: vec!["ns1.hostkey.com.".into(), "ns2.hostkey.com.".into()],
            },
        ],
    }
}

fn rrset(name: &str, rtype: &str, records: Vec<String>) -> RrSet {
    RrSet {
        name: name.into(),
        rtype: rtype.into(),
        ttl: 3600,
        records,
    }
}

/// The document's WHMCS client record.
fn client() -> Billing {
    let flags = [
        "taxexempt",
        "latefeeoveride",
        "overideduenotices",
        "separateinvoices",
        "disableautocc",
        "emailoptout",
        "overrideautoclose",
    ]
    .into_iter()
    .map(|f| (f, false))
    .chain([("marketingoptin", true), ("allowSingleSignOn", true)])
    .collect();
    let custom = [
        ("co_autopayment", "on"),
        ("co_payfirstday", ""),
        ("co_marktemails", "on"),
        ("co_subscription", ""),
        ("co_marktsms", "on"),
        ("co_smsnum", "310695005645"),
        ("co_customertype", "Individual"),
        ("co_regaddress", ""),
        ("co_bankdata", ""),
        ("co_secret", "server"),
        ("co_skype", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect();
    Billing {
        firstname: "John".into(),
        lastname: "Hostkey".into(),
        companyname: String::new(),
        address1: "Veldweg 111".into(),
        address2: String::new(),
        city: "Amsterdam".into(),
        state: String::new(),
        postcode: "7845 TC".into(),
        country: "NL".into(),
        phonenumber: "79658742356".into(),
        currency: 2,
        groupid: 2,
        status: "Active".into(),
        twofa: false,
        flags,
        custom,
        credit_cents: 99_839,
        invoices: BTreeMap::new(),
        credits: Vec::new(),
        transactions: Vec::new(),
        contacts: BTreeMap::new(),
        cancellations: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_the_document_servers_and_unique_addresses() {
        let state = State::seed(300, 42, 1_717_200_000_000);
        assert_eq!(state.servers.len(), 300);
        for id in [34_533, 32_645, 17_405] {
            assert!(state.servers.contains_key(&id));
        }
        let mut addrs: Vec<Ipv4Addr> = state
            .servers
            .values()
            .flat_map(|s| s.ips.iter().map(|ip| ip.addr))
            .collect();
        addrs.sort();
        addrs.dedup();
        assert_eq!(addrs.len(), 300);
        assert_eq!(state.billing.credit_cents, 99_839);
        let balance: i64 = state.billing.credits.iter().map(|c| c.amount_cents).sum();
        assert_eq!(balance, 99_839);
    }
}
