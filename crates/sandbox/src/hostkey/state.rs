//! Everything the simulated HOSTKEY account holds: the customer, its servers
//! (hardware, IPs, interfaces, tags, power), API keys and sessions, the PIN,
//! billing (client, invoices, credit, contacts, cancellations), DNS and the
//! store of asynchronous operations.

use super::jobs::Jobs;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::net::Ipv4Addr;

/// The whole simulated account and the provider state around it.
pub(super) struct State {
    /// Source of every random key, token and password.
    pub rng: fastrand::Rng,
    /// The customer.
    pub account: Account,
    /// The account's servers by id.
    pub servers: BTreeMap<u64, Server>,
    /// Live session tokens.
    pub sessions: HashMap<String, Session>,
    /// API keys by id.
    pub api_keys: BTreeMap<u64, ApiKey>,
    /// API key history, oldest first.
    pub key_history: Vec<HistoryEntry>,
    /// The account PIN and its brute-force guard.
    pub pin: Pin,
    /// WHMCS-side data.
    pub billing: Billing,
    /// PowerDNS zones and the domain bookkeeping tables.
    pub dns: Dns,
    /// Preset units still orderable, by preset id.
    pub preset_available: HashMap<u64, u32>,
    /// Stock servers already sold.
    pub stock_sold: BTreeSet<u64>,
    /// Asynchronous operations by key.
    pub jobs: Jobs,
    /// Id counters.
    pub next: Counters,
}

/// Monotonic id sources.
pub(super) struct Counters {
    pub server: u64,
    pub tag: u64,
    pub api_key: u64,
    pub history: u64,
    pub invoice: u64,
    pub item: u64,
    pub credit: u64,
    pub transaction: u64,
    pub contact: u64,
    pub cancellation: u64,
    pub domain: u64,
    pub subdomain: u64,
    pub ticket: u64,
    pub service: u64,
    pub order: u64,
    pub interface: u64,
    pub subnet_host: HashMap<usize, u32>,
}

/// The customer behind every credential.
pub(super) struct Account {
    /// invapi customer id.
    pub customer_id: u64,
    /// WHMCS client id.
    pub whmcs_id: u64,
    /// Login e-mail (also the billing user name).
    pub email: String,
    /// Billing password for `auth/whmcslogin`.
    pub billing_password: String,
    /// When the account was opened (Unix seconds).
    pub active_since: u64,
}

/// The account PIN and failed-attempt bookkeeping.
pub(super) struct Pin {
    /// Current PIN digits.
    pub code: String,
    /// Consecutive wrong PINs.
    pub failures: u32,
    /// Until when every PIN is refused (Unix ms), after too many failures.
    pub locked_until_ms: u64,
}

/// How the server is reached for power control.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Platform {
    /// An oVirt virtual machine.
    Vm,
    /// A bare-metal server behind IPMI.
    BareMetal,
}

/// What the server boots from next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BootDevice {
    Disk,
    Pxe,
    Cd,
}

impl BootDevice {
    /// The `media` value naming it.
    pub fn name(self) -> &'static str {
        match self {
            BootDevice::Disk => "disk",
            BootDevice::Pxe => "pxe",
            BootDevice::Cd => "cd",
        }
    }
}

/// Hardware as eq/show and stocks describe it.
#[derive(Debug, Clone)]
pub(super) struct Hardware {
    pub platform: Platform,
    pub config: String,
    pub motherboard: String,
    pub cpu_name: String,
    pub cpu_type: String,
    pub cpu_count: u32,
    pub cpu_cores: u32,
    pub cpu_frq: String,
    pub ram: u32,
    pub ram_type: String,
    pub hdd: u32,
    pub hdd_count: u32,
    pub hdd_kind: String,
    pub gpu_name: Option<String>,
    pub gpu_count: u32,
    pub ipmi_model: String,
    pub hwraid: bool,
}

/// A PXE install configuration written by eq/create_pxe.
#[derive(Debug, Clone)]
pub(super) struct PxeConfig {
    pub os_id: u64,
    pub root_pass: String,
    pub hostname: String,
    pub reinstall_key: Option<String>,
}

/// A block placed by net/block_ip.
#[derive(Debug, Clone, Copy)]
pub(super) struct Block {
    /// When it was placed (Unix seconds).
    pub since: u64,
    /// When it lifts by itself (`four_hours=1`).
    pub until: Option<u64>,
}

/// The subnet an address lives in.
#[derive(Debug, Clone, Copy)]
pub(super) struct Subnet {
    pub id: u64,
    pub network: Ipv4Addr,
    pub cidr: u8,
    pub vlan: u32,
}

impl Subnet {
    /// The gateway (first host).
    pub fn gateway(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.network) + 1)
    }

    /// The broadcast address.
    pub fn broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.network) | (u32::MAX >> self.cidr))
    }

    /// The dotted netmask.
    pub fn netmask(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::MAX << (32 - u32::from(self.cidr)))
    }
}

/// One address of a server.
#[derive(Debug, Clone)]
pub(super) struct Ip {
    pub addr: Ipv4Addr,
    pub port: String,
    pub mac: String,
    pub main: bool,
    pub subnet: Subnet,
    pub ptr: Vec<String>,
    pub block: Option<Block>,
    pub license: Option<(u64, String)>,
}

impl Ip {
    /// The block in force at `now` (Unix seconds), if any.
    pub fn block_at(&self, now: u64) -> Option<Block> {
        self.block
            .filter(|b| b.until.is_none_or(|until| now < until))
    }
}

/// A network interface of a server.
#[derive(Debug, Clone)]
pub(super) struct Interface {
    pub id: u64,
    pub name: String,
    pub mac: String,
    pub main: bool,
    pub enabled: bool,
    pub switch_model: String,
}

/// A tag (`{"id","component","component_id","tag","value","extra","internal"}`).
#[derive(Debug, Clone)]
pub(super) struct Tag {
    pub id: u64,
    pub name: String,
    pub value: String,
    pub extra: String,
    pub internal: bool,
}

/// A licence shown in eq/show.
#[derive(Debug, Clone)]
pub(super) struct License {
    pub id: u64,
    pub name: String,
}

/// A rented server.
#[derive(Debug, Clone)]
pub(super) struct Server {
    pub id: u64,
    /// Seeds its metric series.
    pub seed: u64,
    pub location: &'static str,
    pub preset_name: String,
    pub preset_description: String,
    pub hardware: Hardware,
    /// WHMCS service id (eq/show `account_id`, billing `product_id`).
    pub service_id: u64,
    pub order_id: u64,
    pub reg_date: u64,
    pub next_due: u64,
    pub cycle_months: u32,
    pub recurring_cents: i64,
    pub setup_cents: i64,
    pub traffic_plan: u64,
    pub suspended: bool,
    pub power_on: bool,
    pub boot: BootDevice,
    pub pxe: Option<PxeConfig>,
    /// Key of the install running on it, if any.
    pub install: Option<String>,
    pub ips: Vec<Ip>,
    pub interfaces: Vec<Interface>,
    pub tags: Vec<Tag>,
    pub licenses: Vec<License>,
    /// Private IPMI address (bare metal).
    pub ipmi_ip: Option<Ipv4Addr>,
    /// Temporary IPMI user from eq/add_ipmi_user.
    pub ipmi_user: Option<String>,
    /// Public address of the static NAT to the IPMI.
    pub nat: Option<Ipv4Addr>,
}

impl Server {
    /// The value of tag `name`.
    pub fn tag(&self, name: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.value.as_str())
    }

    /// The hostname tag, or the id when unset.
    pub fn hostname(&self) -> String {
        self.tag("hostname")
            .map_or_else(|| self.id.to_string(), str::to_string)
    }

    /// The main address (the first one when none is marked).
    pub fn main_ip(&self) -> Option<&Ip> {
        self.ips.iter().find(|ip| ip.main).or(self.ips.first())
    }

    /// True for an oVirt VM.
    pub fn is_vm(&self) -> bool {
        self.hardware.platform == Platform::Vm
    }

    /// `ip_ipmi` as power contexts print it (empty for VMs).
    pub fn ipmi_text(&self) -> String {
        self.ipmi_ip.map(|ip| ip.to_string()).unwrap_or_default()
    }
}

/// What a session token was minted from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Credential {
    /// An API key (by id).
    Key(u64),
    /// The billing user and password.
    Billing,
}

/// A session token's record.
#[derive(Debug, Clone)]
pub(super) struct Session {
    pub credential: Credential,
    /// The per-server key's server, when scoped to one.
    pub scope: Option<u64>,
    /// The cached server list (refreshed by eq/update_servers).
    pub servers: BTreeSet<u64>,
    /// Expiry (Unix seconds).
    pub expires: u64,
    /// The address the token is bound to, unless `fix_ip=0`.
    pub bound_ip: Option<String>,
}

/// An API key.
#[derive(Debug, Clone)]
pub(super) struct ApiKey {
    pub id: u64,
    pub name: String,
    pub active: bool,
    /// Allowed addresses, space-separated (empty = any).
    pub ip: String,
    pub server_id: u64,
    pub secret: String,
    pub notify_method: String,
    pub notify_address: Option<String>,
}

/// One api_keys/history line.
#[derive(Debug, Clone)]
pub(super) struct HistoryEntry {
    pub id: u64,
    pub key_id: u64,
    pub at: u64,
    pub message: String,
    pub kind: &'static str,
}

/// An invoice's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InvoiceStatus {
    Unpaid,
    Paid,
    Cancelled,
}

impl InvoiceStatus {
    /// As WHMCS spells it.
    pub fn name(self) -> &'static str {
        match self {
            InvoiceStatus::Unpaid => "Unpaid",
            InvoiceStatus::Paid => "Paid",
            InvoiceStatus::Cancelled => "Cancelled",
        }
    }
}

/// What an invoice bills for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum InvoiceKind {
    /// A server's service period (the server id).
    Service(u64),
    /// A new order, deployed once paid (the deploy key).
    Order(String),
    /// A credit top-up.
    AddFunds,
    /// A mass-pay group of other invoices.
    Group(Vec<u64>),
}

/// One invoice line.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub id: u64,
    pub kind: &'static str,
    pub relid: u64,
    pub description: String,
    pub amount_cents: i64,
}

/// A WHMCS invoice.
#[derive(Debug, Clone)]
pub(super) struct Invoice {
    pub id: u64,
    pub kind: InvoiceKind,
    pub date: u64,
    pub due: u64,
    pub paid_at: Option<u64>,
    pub created: u64,
    pub updated: u64,
    pub status: InvoiceStatus,
    pub method: &'static str,
    pub items: Vec<Item>,
    /// Credit applied to it.
    pub credit_cents: i64,
    /// Paid through a gateway.
    pub paid_cents: i64,
}

impl Invoice {
    /// Sum of the lines.
    pub fn subtotal(&self) -> i64 {
        self.items.iter().map(|i| i.amount_cents).sum()
    }

    /// Subtotal less applied credit.
    pub fn total(&self) -> i64 {
        self.subtotal() - self.credit_cents
    }

    /// What is still owed.
    pub fn balance(&self) -> i64 {
        (self.total() - self.paid_cents).max(0)
    }
}

/// A credit log line (`whmcs/getcredits`).
#[derive(Debug, Clone)]
pub(super) struct CreditEntry {
    pub id: u64,
    pub date: u64,
    pub description: String,
    pub amount_cents: i64,
}

/// A gateway payment (`whmcs/transactions`).
#[derive(Debug, Clone)]
pub(super) struct Transaction {
    pub id: u64,
    pub invoice_id: u64,
    pub date: u64,
    pub gateway: &'static str,
    pub transid: String,
    pub amount_cents: i64,
}

/// An additional contact.
#[derive(Debug, Clone)]
pub(super) struct Contact {
    pub id: u64,
    pub firstname: String,
    pub lastname: String,
    pub email: String,
    pub phonenumber: String,
    pub password_hash: String,
    pub created: Option<u64>,
    pub updated: u64,
}

/// A cancellation request.
#[derive(Debug, Clone)]
pub(super) struct Cancellation {
    pub id: u64,
    pub date: u64,
    pub server_id: u64,
    pub service_id: u64,
    pub reason: String,
    pub immediate: bool,
    /// Unpaid invoices it cancelled, reactivated if the request is withdrawn.
    pub cancelled_invoices: Vec<u64>,
}

/// The WHMCS client record and its money.
pub(super) struct Billing {
    pub firstname: String,
    pub lastname: String,
    pub companyname: String,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub state: String,
    pub postcode: String,
    pub country: String,
    pub phonenumber: String,
    pub currency: u32,
    pub groupid: u32,
    pub status: String,
    pub twofa: bool,
    /// Boolean client flags keyed by their WHMCS name (`taxexempt`, …).
    pub flags: BTreeMap<&'static str, bool>,
    /// Custom `co_*` field values.
    pub custom: BTreeMap<&'static str, String>,
    pub credit_cents: i64,
    pub invoices: BTreeMap<u64, Invoice>,
    pub credits: Vec<CreditEntry>,
    pub transactions: Vec<Transaction>,
    pub contacts: BTreeMap<u64, Contact>,
    pub cancellations: Vec<Cancellation>,
}

/// One DNS record set.
#[derive(Debug, Clone)]
pub(super) struct RrSet {
    pub name: String,
    pub rtype: String,
    pub ttl: u32,
    pub records: Vec<String>,
}

/// A PowerDNS zone.
#[derive(Debug, Clone)]
pub(super) struct Zone {
    pub name: String,
    pub kind: &'static str,
    pub masters: Vec<String>,
    pub dnssec: bool,
    pub serial: u64,
    pub last_check: u64,
    pub rrsets: Vec<RrSet>,
}

/// A row of the domains table.
#[derive(Debug, Clone)]
pub(super) struct Domain {
    pub id: u64,
    pub name: String,
}

/// A row of the subdomains table.
#[derive(Debug, Clone)]
pub(super) struct Subdomain {
    pub id: u64,
    pub name: String,
    pub domain_id: u64,
    pub server_id: u64,
}

/// DNS as pdns.php sees it.
pub(super) struct Dns {
    pub zones: BTreeMap<String, Zone>,
    pub domains: BTreeMap<u64, Domain>,
    pub subdomains: BTreeMap<u64, Subdomain>,
}

/// Money as WHMCS prints it: `"5.00"`, `"-5.00"`.
pub(super) fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}

/// Money as a JSON number, whole when it has no cents (`300`, `334.65`).
pub(super) fn money_number(cents: i64) -> serde_json::Value {
    if cents % 100 == 0 {
        serde_json::Value::from(cents / 100)
    } else {
        serde_json::Value::from(cents as f64 / 100.0)
    }
}

/// Parses a positive amount (`"10"`, `"10.5"`, `"10.50"`) into cents.
pub(super) fn parse_money(text: &str) -> Option<i64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 2 {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

/// `n` random lowercase hex digits.
pub(super) fn hex(rng: &mut fastrand::Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from_digit(rng.u32(0..16), 16).unwrap_or('0'))
        .collect()
}

impl State {
    /// A fresh 32-hex key (session tokens, async keys).
    pub fn key32(&mut self) -> String {
        hex(&mut self.rng, 32)
    }

    /// A new tag id.
    pub fn tag_id(&mut self) -> u64 {
        self.next.tag += 1;
        self.next.tag
    }

    /// Sets tag `name` of a server, adding it (with a new id) when missing.
    pub fn upsert_tag(&mut self, server: u64, name: &str, value: String, internal: bool) {
        let exists = self
            .servers
            .get(&server)
            .is_some_and(|s| s.tags.iter().any(|t| t.name == name));
        let id = if exists { 0 } else { self.tag_id() };
        let Some(s) = self.servers.get_mut(&server) else {
            return;
        };
        match s.tags.iter_mut().find(|t| t.name == name) {
            Some(tag) => tag.value = value,
            None => s.tags.push(Tag {
                id,
                name: name.into(),
                value,
                extra: String::new(),
                internal,
            }),
        }
    }

    /// The server owning IP `addr`.
    pub fn server_by_ip(&self, addr: Ipv4Addr) -> Option<&Server> {
        self.servers
            .values()
            .find(|s| s.ips.iter().any(|ip| ip.addr == addr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_round_trips() {
        assert_eq!(money(500), "5.00");
        assert_eq!(money(-5), "-0.05");
        assert_eq!(parse_money("10"), Some(1000));
        assert_eq!(parse_money("2.5"), Some(250));
        assert_eq!(parse_money("2.5.00"), None);
        assert_eq!(parse_money("-3"), None);
        assert_eq!(parse_money("1.234"), None);
    }

    #[test]
    fn subnet_arithmetic() {
        let net = Subnet {
            id: 1,
            network: Ipv4Addr::new(192, 0, 2, 0),
            cidr: 25,
            vlan: 415,
        };
        assert_eq!(net.gateway(), Ipv4Addr::new(192, 0, 2, 1));
        assert_eq!(net.broadcast(), Ipv4Addr::new(192, 0, 2, 127));
        assert_eq!(net.netmask(), Ipv4Addr::new(255, 255, 255, 128));
    }
}
