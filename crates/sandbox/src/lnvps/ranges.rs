//! IP-range subscriptions (lnvps.md §2.8): `POST /subscriptions` orders
//! blocks from the IP space on sale as an inactive subscription; its first
//! payment (monthly price plus setup fees) cuts each block from its parent and
//! activates it; `GET/PATCH /ip_range/{id}` read a purchased range and set the
//! AS allowed to originate it. Renewal, payments and auto-renewal go through
//! the `/subscriptions/{id}/…` endpoints like a VM's subscription.
//!
//! Blocks are cut in order from each parent, aligned to their size, and never
//! handed out twice, as the live server's first-fit search over a parent
//! nobody returns blocks to would.

use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Deserialize;
use serde_json::{json, Value};

use super::billing::{check_prepay, renewal_quote, renewal_terms};
use super::catalogue::{self, price, sats, IpPricing, IpSpace};
use super::payment::{Order, Payment, Purpose};
use super::reply::{body, fail, forbidden, invalid, not_found, ok, present, Rejection, Reply};
use super::state::{Call, State};
use super::time::{rfc3339, DAY, HOUR, MINUTE, MONTH, SECOND};

/// The name a subscription gets when the order names none (the server's default).
const DEFAULT_NAME: &str = "Subscription";

/// What a subscription's prices are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Currency {
    /// Euro cents, the IP space's list prices.
    Eur,
    /// Satoshis, as every invoice is billed.
    Btc,
}

impl Currency {
    /// The `currency` of an order: `EUR` (also when absent) or `BTC`.
    fn parse(code: Option<&str>) -> Result<Self, Rejection> {
        match code {
            None | Some("EUR") => Ok(Currency::Eur),
            Some("BTC") => Ok(Currency::Btc),
            Some(other @ ("USD" | "GBP" | "CAD" | "CHF" | "AUD" | "JPY")) => Err(invalid(format!(
                "currency: IP space is priced in EUR and billed in BTC; `{other}` is not offered"
            ))),
            Some(other) => Err(invalid(format!(
                "currency: unknown currency `{other}` (use BTC, EUR, USD, GBP, CAD, CHF, AUD or JPY)"
            ))),
        }
    }

    /// A price of `cents` euro cents as a price object in this currency.
    fn price(self, cents: u64) -> Value {
        match self {
            Currency::Eur => price("EUR", cents),
            Currency::Btc => price("BTC", sats(cents)),
        }
    }
}

/// One line of an IP-range subscription: a block of one size from one space.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RangeItem {
    /// Line item id.
    id: u64,
    /// The block size bought.
    pricing: IpPricing,
    /// The range cut for it, once the subscription was first paid.
    range_id: Option<u64>,
}

/// An IP-range subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RangeSubscription {
    id: u64,
    /// Owner's public key (hex).
    owner: String,
    name: String,
    description: Option<String>,
    created_ms: u64,
    /// Paid until; `None` until the first payment.
    expires_ms: Option<u64>,
    auto_renewal: bool,
    currency: Currency,
    items: Vec<RangeItem>,
    /// Its payments' ids, oldest first.
    payments: Vec<String>,
}

impl RangeSubscription {
    /// True while paid up.
    fn active(&self, now: u64) -> bool {
        self.expires_ms.is_some_and(|e| now < e)
    }

    /// The monthly price of all its lines, euro cents.
    fn monthly_cents(&self) -> u64 {
        self.items.iter().map(|i| i.pricing.cents).sum()
    }

    /// The setup fees of all its lines, euro cents.
    fn setup_cents(&self) -> u64 {
        self.items.iter().map(|i| i.pricing.setup_cents).sum()
    }

    /// `Subscription` JSON.
    fn to_json(&self, now: u64) -> Value {
        let items: Vec<Value> = self
            .items
            .iter()
            .map(|item| {
                let p = item.pricing;
                let parent = catalogue::ip_space_by_id(p.space_id).map_or("", |s| s.cidr);
                json!({
                    "id": item.id,
                    "subscription_id": self.id,
                    "name": format!("IP Range: /{} from {parent}", p.prefix),
                    "description": format!("/{} IP range from {parent} block", p.prefix),
                    "price": self.currency.price(p.cents),
                    "setup_fee": self.currency.price(p.setup_cents),
                    "configuration": {
                        "ip_space_pricing_id": p.id,
                        "available_ip_space_id": p.space_id,
                        "prefix_size": p.prefix,
                    },
                    "resource": item.range_id.map(|id| {
                        json!({ "type": "ip_range", "ip_range_subscription_id": id })
                    }),
                })
            })
            .collect();
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "created": rfc3339(self.created_ms),
            "expires": self.expires_ms.map(rfc3339),
            "is_active": self.active(now),
            "auto_renewal_enabled": self.auto_renewal,
            "company_id": 1,
            "line_items": items,
        })
    }
}

/// A purchased IP range.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IpRange {
    id: u64,
    /// Owner's public key (hex).
    owner: String,
    /// The subscription that pays for it.
    subscription_id: u64,
    cidr: String,
    parent_cidr: &'static str,
    /// The AS allowed to originate it (route object and ROA).
    origin_asn: Option<u32>,
    started_ms: u64,
}

/// The IP-range subscriptions, the ranges cut for them and what is left of
/// each parent block.
#[derive(Debug, Default)]
pub(super) struct Ranges {
    /// Subscriptions by id (ids shared with VMs' subscriptions).
    subscriptions: BTreeMap<u64, RangeSubscription>,
    /// Purchased ranges by id.
    blocks: BTreeMap<u64, IpRange>,
    /// Per IP space, the offset of its first address never handed out.
    cursors: HashMap<u64, u128>,
    /// The last range id used.
    last_range: u64,
    /// The last line item id used (far above subscription ids, which VMs'
    /// single line items reuse).
    last_line: u64,
}

/// Line item ids of IP-range subscriptions start above this.
const LINE_IDS_FROM: u64 = 100_000;

/// The first address of `cidr` as a number (IPv4 in the low 32 bits) and its prefix length.
fn parse_cidr(cidr: &str) -> Option<(u128, u8)> {
    let (address, prefix) = cidr.split_once('/')?;
    let prefix = prefix.parse().ok()?;
    let start = match address.parse().ok()? {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    };
    Some((start, prefix))
}

/// `start/prefix` written out (IPv6 compressed).
fn format_cidr(ipv6: bool, start: u128, prefix: u8) -> String {
    if ipv6 {
        format!("{}/{prefix}", Ipv6Addr::from(start))
    } else {
        let v4 = u32::try_from(start).map_or(Ipv4Addr::UNSPECIFIED, Ipv4Addr::from);
        format!("{v4}/{prefix}")
    }
}

/// Where the next `/prefix` block of `space` starts after `cursor` (an offset
/// into the parent), aligned to its size, and the offset after it; `None`
/// when the parent has no room left.
fn next_block(space: &IpSpace, prefix: u8, cursor: u128) -> Option<(u128, u128)> {
    let (_, parent) = parse_cidr(space.cidr)?;
    let bits: u8 = if space.ipv6 { 128 } else { 32 };
    if prefix < parent || prefix > bits {
        return None;
    }
    let size = 1u128.checked_shl(u32::from(bits - prefix))?;
    let room = 1u128.checked_shl(u32::from(bits - parent))?;
    let start = cursor.div_ceil(size).checked_mul(size)?;
    let end = start.checked_add(size)?;
    (end <= room).then_some((start, end))
}

impl Ranges {
    /// True when `id` is an IP-range subscription.
    pub(super) fn contains(&self, id: u64) -> bool {
        self.subscriptions.contains_key(&id)
    }

    /// The ids of `user`'s IP-range subscriptions.
    pub(super) fn owned_by<'a>(&'a self, user: &'a str) -> impl Iterator<Item = u64> + 'a {
        self.subscriptions
            .values()
            .filter(move |s| s.owner == user)
            .map(|s| s.id)
    }

    /// `Subscription` JSON of subscription `id`, if it is an IP-range one.
    pub(super) fn subscription_json(&self, id: u64, now: u64) -> Option<Value> {
        self.subscriptions.get(&id).map(|s| s.to_json(now))
    }

    /// The payment ids of subscription `id`, to add a new one to.
    pub(super) fn payments_mut(&mut self, id: u64) -> Option<&mut Vec<String>> {
        self.subscriptions.get_mut(&id).map(|s| &mut s.payments)
    }

    fn next_line(&mut self) -> u64 {
        self.last_line += 1;
        LINE_IDS_FROM + self.last_line
    }

    /// Checks that every block of `pricings` still fits, in order; the
    /// first that does not is the error.
    fn room_for(&self, pricings: &[IpPricing]) -> Result<(), IpPricing> {
        let mut cursors = self.cursors.clone();
        for p in pricings {
            let space = catalogue::ip_space_by_id(p.space_id).ok_or(*p)?;
            let cursor = cursors.entry(space.id).or_insert(0);
            let (_, end) = next_block(&space, p.prefix, *cursor).ok_or(*p)?;
            *cursor = end;
        }
        Ok(())
    }

    /// Cuts a block for each unallocated line of subscription `id`, starting
    /// at `now`; false (nothing changed) when a parent has no room left.
    fn allocate(&mut self, id: u64, now: u64) -> bool {
        let Some(sub) = self.subscriptions.get(&id) else {
            return false;
        };
        let wanted: Vec<IpPricing> = sub
            .items
            .iter()
            .filter(|i| i.range_id.is_none())
            .map(|i| i.pricing)
            .collect();
        if self.room_for(&wanted).is_err() {
            return false;
        }
        let owner = sub.owner.clone();
        let mut cut = Vec::new();
        for p in wanted {
            let Some(space) = catalogue::ip_space_by_id(p.space_id) else {
                return false;
            };
            let cursor = self.cursors.entry(space.id).or_insert(0);
            let Some((start, end)) = next_block(&space, p.prefix, *cursor) else {
                return false;
            };
            *cursor = end;
            let base = parse_cidr(space.cidr).map_or(0, |(b, _)| b);
            self.last_range += 1;
            let range = IpRange {
                id: self.last_range,
                owner: owner.clone(),
                subscription_id: id,
                cidr: format_cidr(space.ipv6, base + start, p.prefix),
                parent_cidr: space.cidr,
                origin_asn: None,
                started_ms: now,
            };
            cut.push(range.id);
            self.blocks.insert(range.id, range);
        }
        if let Some(sub) = self.subscriptions.get_mut(&id) {
            let mut new = cut.into_iter();
            for item in sub.items.iter_mut().filter(|i| i.range_id.is_none()) {
                item.range_id = new.next();
            }
        }
        true
    }

    /// `IpRangeSubscription` JSON of `range` at `now`: active while its
    /// subscription is paid up, ended when that ran out.
    fn range_json(&self, range: &IpRange, now: u64) -> Value {
        let sub = self.subscriptions.get(&range.subscription_id);
        let active = sub.is_some_and(|s| s.active(now));
        let ended = match sub.and_then(|s| s.expires_ms) {
            Some(expires) if !active => Some(rfc3339(expires)),
            _ => None,
        };
        json!({
            "id": range.id,
            "cidr": range.cidr,
            "origin_asn": range.origin_asn,
            "is_active": active,
            "started_at": rfc3339(range.started_ms),
            "ended_at": ended,
            "parent_cidr": range.parent_cidr,
        })
    }
}

/// `POST /subscriptions` body (`ApiCreateSubscriptionRequest`).
#[derive(Debug, Deserialize)]
struct NewSubscription {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    currency: Option<String>,
    #[serde(default)]
    auto_renewal_enabled: Option<bool>,
    line_items: Vec<NewLineItem>,
}

/// One line of a new subscription, tagged by `type`; the server declares
/// ASN sponsoring and DNS hosting but implements only IP ranges.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum NewLineItem {
    IpRange {
        ip_space_pricing_id: u64,
    },
    AsnSponsoring {
        #[serde(rename = "asn")]
        _asn: u32,
    },
    DnsHosting {
        #[serde(rename = "domain")]
        _domain: String,
    },
}

/// `PATCH /ip_range/{id}` body: `origin_asn` is required; `null` clears it.
#[derive(Debug, Deserialize)]
struct RangePatch {
    #[serde(deserialize_with = "present")]
    origin_asn: Option<Option<u32>>,
}

/// 400 for an AS number that cannot originate a route: reserved, private
/// use or `AS_TRANS`. The documentation numbers (64496–64511, 65536–65551)
/// are accepted: they are what a sandbox is tried with.
fn check_asn(asn: u32) -> Result<(), Rejection> {
    let reason = match asn {
        0 => "reserved (RFC 7607)",
        23_456 => "AS_TRANS (RFC 6793)",
        64_512..=65_534 | 4_200_000_000..=4_294_967_294 => "for private use (RFC 6996)",
        65_535 | 4_294_967_295 => "reserved (RFC 7300)",
        65_552..=131_071 => "reserved by IANA",
        _ => return Ok(()),
    };
    Err(invalid(format!(
        "origin_asn: AS{asn} is {reason} and cannot originate a route"
    )))
}

impl State {
    /// The caller's IP-range subscription `id`: 404 when missing, 403 when someone else's.
    fn range_subscription(&self, call: &Call, id: u64) -> Result<&RangeSubscription, Rejection> {
        match self.ranges.subscriptions.get(&id) {
            Some(sub) if sub.owner != call.user => Err(forbidden("Subscription")),
            Some(sub) => Ok(sub),
            None => Err(not_found()),
        }
    }

    /// The caller's range `id`: 404 when missing, 403 when someone else's.
    fn ip_range(&self, call: &Call, id: u64) -> Result<&IpRange, Rejection> {
        match self.ranges.blocks.get(&id) {
            Some(range) if range.owner != call.user => Err(forbidden("IP range")),
            Some(range) => Ok(range),
            None => Err(not_found()),
        }
    }

    /// `POST /api/v1/subscriptions`: an inactive subscription for the
    /// blocks asked for; nothing is allocated until it is first paid.
    pub(super) fn create_subscription(&mut self, call: &Call) -> Reply {
        let new: NewSubscription = body(call.request)?;
        if new.line_items.is_empty() {
            return Err(invalid("At least one line item is required"));
        }
        let mut pricings = Vec::new();
        for item in &new.line_items {
            match item {
                NewLineItem::IpRange {
                    ip_space_pricing_id,
                } => pricings
                    .push(catalogue::ip_pricing(*ip_space_pricing_id).ok_or_else(not_found)?),
                NewLineItem::AsnSponsoring { .. } => {
                    return Err(fail(501, "ASN sponsoring not yet implemented"))
                }
                NewLineItem::DnsHosting { .. } => {
                    return Err(fail(501, "DNS hosting not yet implemented"))
                }
            }
        }
        let currency = Currency::parse(new.currency.as_deref())?;
        if let Err(full) = self.ranges.room_for(&pricings) {
            return Err(fail(
                409,
                format!("No available /{} blocks left in this IP space", full.prefix),
            ));
        }
        let id = self.ids.subscription();
        let items = pricings
            .into_iter()
            .map(|pricing| RangeItem {
                id: self.ranges.next_line(),
                pricing,
                range_id: None,
            })
            .collect();
        let sub = RangeSubscription {
            id,
            owner: call.user.clone(),
            name: new
                .name
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| DEFAULT_NAME.into()),
            description: new.description.filter(|d| !d.trim().is_empty()),
            created_ms: call.now,
            expires_ms: None,
            auto_renewal: new.auto_renewal_enabled.unwrap_or(true),
            currency,
            items,
            payments: Vec::new(),
        };
        let json = sub.to_json(call.now);
        self.ranges.subscriptions.insert(id, sub);
        ok(json)
    }

    /// `GET /api/v1/subscriptions/{id}` of an IP-range subscription.
    pub(super) fn get_range_subscription(&mut self, call: &Call, id: u64) -> Reply {
        ok(self.range_subscription(call, id)?.to_json(call.now))
    }

    /// `PATCH /api/v1/subscriptions/{id}` of an IP-range subscription.
    pub(super) fn set_range_auto_renewal(&mut self, call: &Call, id: u64, on: bool) -> Reply {
        self.range_subscription(call, id)?;
        let sub = self
            .ranges
            .subscriptions
            .get_mut(&id)
            .ok_or_else(not_found)?;
        sub.auto_renewal = on;
        ok(sub.to_json(call.now))
    }

    /// The payment ids of the caller's IP-range subscription `id`, oldest first.
    pub(super) fn range_payment_ids(
        &self,
        call: &Call,
        id: u64,
    ) -> Result<&Vec<String>, Rejection> {
        Ok(&self.range_subscription(call, id)?.payments)
    }

    /// The renewal the query asks for on IP-range subscription `id`: the
    /// first payment adds the setup fees and buys the blocks.
    fn range_renewal(&self, call: &Call, id: u64) -> Result<Order, Rejection> {
        let sub = self.range_subscription(call, id)?;
        let (method, intervals) = renewal_terms(call)?;
        check_prepay(sub.expires_ms.unwrap_or(call.now), intervals, call.now)?;
        let first = sub.expires_ms.is_none();
        let setup = if first { sub.setup_cents() } else { 0 };
        let cents = sub.monthly_cents().saturating_mul(intervals) + setup;
        Ok(Order {
            owner: call.user.clone(),
            vm_id: 0,
            range: Some(id),
            amount_sats: sats(cents),
            time_secs: intervals * MONTH / SECOND,
            purpose: if first {
                Purpose::Purchase
            } else {
                Purpose::Renewal
            },
            method,
        })
    }

    /// `GET /api/v1/subscriptions/{id}/renew` of an IP-range subscription.
    pub(super) fn renew_range_subscription(&mut self, call: &Call, id: u64) -> Reply {
        let order = self.range_renewal(call, id)?;
        let payment = self.charge(call, order)?;
        let payment = self.payments.get(&payment).ok_or_else(not_found)?;
        ok(payment.subscription_json(id, &self.node))
    }

    /// `GET /api/v1/subscriptions/{id}/renew/quote` of an IP-range subscription.
    pub(super) fn range_renew_quote(&mut self, call: &Call, id: u64) -> Reply {
        ok(renewal_quote(&self.range_renewal(call, id)?))
    }

    /// Settles payment `id` of IP-range subscription `sub`: the first one
    /// cuts the blocks. False when unpayable or no block is left to cut.
    pub(super) fn settle_range(&mut self, id: &str, sub: u64, now: u64) -> bool {
        let Some(time_ms) = self
            .payments
            .get(id)
            .filter(|p| p.payable(now))
            .map(|p| p.time_secs * SECOND)
        else {
            return false;
        };
        if !self.ranges.allocate(sub, now) {
            return false;
        }
        let Some(subscription) = self.ranges.subscriptions.get_mut(&sub) else {
            return false;
        };
        let from = subscription.expires_ms.unwrap_or(now).max(now);
        subscription.expires_ms = Some(from + time_ms);
        if let Some(payment) = self.payments.get_mut(id) {
            payment.paid_ms = Some(now);
        }
        true
    }

    /// `GET /api/v1/ip_range/{id}`.
    pub(super) fn get_ip_range(&mut self, call: &Call, id: u64) -> Reply {
        let range = self.ip_range(call, id)?;
        ok(self.ranges.range_json(range, call.now))
    }

    /// `PATCH /api/v1/ip_range/{id}`: sets (a number) or clears (`null`) the
    /// origin AS; 402 once the subscription has run out.
    pub(super) fn patch_ip_range(&mut self, call: &Call, id: u64) -> Reply {
        let patch: RangePatch = body(call.request)?;
        let origin_asn = patch.origin_asn.flatten();
        let range = self.ip_range(call, id)?;
        let active = self
            .ranges
            .subscriptions
            .get(&range.subscription_id)
            .is_some_and(|s| s.active(call.now));
        if !active {
            return Err(fail(
                402,
                "IP range subscription has expired, renew it first",
            ));
        }
        if let Some(asn) = origin_asn {
            check_asn(asn)?;
        }
        let range = self.ranges.blocks.get_mut(&id).ok_or_else(not_found)?;
        range.origin_asn = origin_asn;
        let range = range.clone();
        ok(self.ranges.range_json(&range, call.now))
    }
}

/// Gives `user` a paid IP-range subscription: a /29 announced from a
/// documentation AS and a /48 not yet announced, paid for a few months and
/// running into the coming weeks, with its payment history.
pub(super) fn seed(state: &mut State, rng: &mut fastrand::Rng, user: &str, now: u64) {
    let pricings: Vec<IpPricing> = [3, 4]
        .into_iter()
        .filter_map(catalogue::ip_pricing)
        .collect();
    if state.ranges.room_for(&pricings).is_err() {
        return;
    }
    let months = rng.u64(2..10);
    let expires_ms = now + rng.u64(4 * DAY..26 * DAY);
    let paid_since = expires_ms - months * MONTH;
    let created_ms = paid_since - rng.u64(MINUTE..10 * MINUTE);
    let id = state.ids.subscription();
    let items = pricings
        .into_iter()
        .map(|pricing| RangeItem {
            id: state.ranges.next_line(),
            pricing,
            range_id: None,
        })
        .collect();
    let mut sub = RangeSubscription {
        id,
        owner: user.to_string(),
        name: "BGP prefixes".into(),
        description: None,
        created_ms,
        expires_ms: None,
        auto_renewal: rng.bool(),
        currency: Currency::Eur,
        items,
        payments: Vec::new(),
    };
    for month in 0..months {
        let first = month == 0;
        let paid_ms = if first {
            paid_since
        } else {
            paid_since + month * MONTH - rng.u64(HOUR..5 * DAY)
        };
        let setup = if first { sub.setup_cents() } else { 0 };
        let order = Order {
            owner: user.to_string(),
            vm_id: 0,
            range: Some(id),
            amount_sats: sats(sub.monthly_cents() + setup),
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
        sub.payments.push(payment.id.clone());
        state.payments.insert(payment.id.clone(), payment);
    }
    sub.expires_ms = Some(expires_ms);
    state.ranges.subscriptions.insert(id, sub);
    if !state.ranges.allocate(id, paid_since) {
        return;
    }
    // The IPv4 block is announced from the customer's (documentation) AS.
    let asn = 64_496 + rng.u32(0..16);
    if let Some(first) = state
        .ranges
        .subscriptions
        .get(&id)
        .and_then(|s| s.items.first())
        .and_then(|i| i.range_id)
    {
        if let Some(range) = state.ranges.blocks.get_mut(&first) {
            range.origin_asn = Some(asn);
        }
    }
}
