//! LNVPS IP space: the blocks on sale with their prices, the account's
//! IP-range subscriptions, buying a block (its price shown first, then a
//! Lightning invoice for the first month), renewing, automatic renewal,
//! a subscription's payments, and the AS allowed to announce a range.

use super::{checked, optional, required, when};
use crate::components::collection::{Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::services::clock::now_ms;
use crate::state::AppSession;
use leptos::prelude::{Callable, Callback};
use providers::lnvps::{
    self, BtcUnit, IpSpace, IpSpacePrice, LineItem, LineItemResource, NewLineItem, NewSubscription,
    PageRequest, Price, Renewal, Subscription, SubscriptionPayment, SubscriptionRenewal,
};
use providers::ProviderError;
use serde_json::Value;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// Subscriptions and payments asked for per page.
const PAGE: u32 = 100;

/// Pages of subscriptions read at most.
const MAX_PAGES: u32 = 20;

/// The longest subscription name accepted here.
const MAX_NAME: usize = 64;

thread_local! {
    /// The block whose price [`BuyRange`] showed last: buying is offered
    /// only for that block, and only at that price.
    static PRICED: Cell<Option<Priced>> = const { Cell::new(None) };
}

/// A block and the price shown for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Priced {
    /// The IP space.
    space: u64,
    /// The prefix length.
    prefix: u64,
    /// The monthly price and the setup fee shown, smallest unit.
    amounts: (u64, u64),
}

/// An amount as LNVPS lists it (BTC amounts in satoshis).
fn price(p: &Price) -> String {
    lnvps::money(p.amount, &p.currency, BtcUnit::Sats).to_string()
}

/// A block's monthly price, with its bitcoin equivalent where LNVPS gives one.
fn monthly(p: &IpSpacePrice) -> String {
    match p.other_price.iter().find(|o| o.currency == "BTC") {
        Some(btc) if p.price.currency != "BTC" => format!("{} (≈ {})", price(&p.price), price(btc)),
        _ => price(&p.price),
    }
}

/// A block's setup fee, or “none”.
fn setup(p: &IpSpacePrice) -> String {
    p.setup_fee
        .as_ref()
        .filter(|f| f.amount > 0)
        .map_or_else(|| "none".into(), price)
}

/// How many addresses a `/prefix` of `space` holds, in words.
fn addresses(space: &IpSpace, prefix: u64) -> String {
    if space.ip_version == "ipv6" {
        match 64u64.checked_sub(prefix) {
            Some(bits) if bits < 63 => format!("{} /64 networks", 1u64 << bits),
            _ => "less than a /64".into(),
        }
    } else {
        match 32u64.checked_sub(prefix) {
            Some(bits) => format!("{} addresses", 1u64 << bits),
            None => "—".into(),
        }
    }
}

/// `IPv4 · RIPE` for a space.
fn kind(space: &IpSpace) -> String {
    let version = match space.ip_version.as_str() {
        "ipv6" => "IPv6",
        "ipv4" => "IPv4",
        other => other,
    };
    format!("{version} · {}", space.registry.to_uppercase())
}

/// The block size a line item bought (from its configuration).
fn line_prefix(line: &LineItem) -> Option<u64> {
    line.configuration
        .as_ref()
        .and_then(|c| c.get("prefix_size"))
        .and_then(Value::as_u64)
}

/// The pricing a line item bought (from its configuration).
fn line_pricing(line: &LineItem) -> Option<u64> {
    line.configuration
        .as_ref()
        .and_then(|c| c.get("ip_space_pricing_id"))
        .and_then(Value::as_u64)
}

/// The range a line item pays for, once it is cut.
fn line_range(line: &LineItem) -> Option<u64> {
    match line.resource {
        Some(LineItemResource::IpRange {
            ip_range_subscription_id,
        }) => Some(ip_range_subscription_id),
        _ => None,
    }
}

/// True for a subscription that pays for IP ranges (not a VM's).
fn is_range_subscription(s: &Subscription) -> bool {
    s.line_items
        .iter()
        .any(|l| line_range(l).is_some() || line_pricing(l).is_some())
}

/// `“name” (#id)` of a subscription.
fn titled(s: &Subscription) -> String {
    format!(
        "“{}” (#{})",
        s.name.as_deref().unwrap_or("Subscription"),
        s.id
    )
}

/// Where a subscription stands.
fn state(s: &Subscription) -> &'static str {
    match (s.is_active, &s.expires) {
        (true, _) => "active",
        (false, None) => "awaiting first payment",
        (false, Some(_)) => "expired",
    }
}

/// Every subscription of the account, page by page.
async fn all_subscriptions(session: &AppSession) -> Result<Vec<Subscription>, ProviderError> {
    let mut all = Vec::new();
    for n in 0..MAX_PAGES {
        let page = session
            .lnvps(|a| {
                Ok(a.subscriptions(Some(PageRequest {
                    limit: PAGE,
                    offset: n * PAGE,
                })))
            })
            .await?;
        let read = page.items.len();
        all.extend(page.items);
        let done = page.total.is_some_and(|t| all.len() as u64 >= t);
        if read < PAGE as usize || done {
            break;
        }
    }
    Ok(all)
}

/// The IP-range subscription `sid`, or why it cannot be used here.
async fn range_subscription(session: &AppSession, sid: u64) -> Result<Subscription, ProviderError> {
    let sub = session.lnvps(|a| Ok(a.subscription(sid))).await?;
    if !is_range_subscription(&sub) {
        return Err(ProviderError::validation(
            "subscription",
            format!("#{sid} pays for a VM, not an IP range; renew VMs on the Billing page"),
        ));
    }
    Ok(sub)
}

/// A Lightning invoice for `payment`, as a result to pay from.
fn invoice(message: String, payment: &SubscriptionPayment) -> Ran {
    match payment.bolt11() {
        Some(bolt11) => {
            let uri = format!("lightning:{bolt11}");
            Ran {
                message,
                output: Some(bolt11.to_string()),
                link: Some(("Open in wallet".into(), uri.clone())),
                qr: Some(uri),
            }
        }
        None => Ran {
            message: format!(
                "{message} LNVPS gave no Lightning invoice for payment {}; pay it from LNVPS's site.",
                payment.id
            ),
            ..Ran::default()
        },
    }
}

/// What `payment` asks for, in its currency.
fn payment_total(payment: &SubscriptionPayment) -> String {
    let unit = lnvps::btc_unit(payment.amount.amount, payment.bolt11());
    lnvps::money(payment.total(), &payment.amount.currency, unit).to_string()
}

/// Asks for a Lightning invoice paying `months` of subscription `sid`.
async fn lightning_invoice(
    session: &AppSession,
    sid: u64,
    months: u32,
) -> Result<SubscriptionPayment, ProviderError> {
    let renewal = SubscriptionRenewal {
        renewal: Renewal {
            intervals: Some(months),
            ..Renewal::lightning()
        },
        ..SubscriptionRenewal::default()
    };
    session.lnvps(|a| a.renew_subscription(sid, &renewal)).await
}

/// A whole number above 0 in field `id` (`what` names it in the message).
fn number(values: &Values, errors: &mut Errors, id: &'static str, what: &str) -> u64 {
    let text = required(values, errors, id, &format!("{what} is required."));
    if text.is_empty() {
        return 0;
    }
    match text.parse::<u64>() {
        Ok(n) if n > 0 => n,
        _ => {
            errors.insert(
                id,
                format!("{what} must be a whole number above 0 (got “{text}”)."),
            );
            0
        }
    }
}

/// The IP space LNVPS sells, one row per block size.
pub struct IpSpaceOnSale;

impl Collection for IpSpaceOnSale {
    type New = ();
    const TITLE: &'static str = "IP space on sale";
    const ID: &'static str = "lnvps-ip-space";
    const NOUN: &'static str = "IP space";
    const COLUMNS: &'static [&'static str] = &["Space", "Block", "Holds", "Monthly", "Setup fee"];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("Blocks LNVPS leases for you to announce. The addresses are shown once a block is bought; buy one below with its space number and block size.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let spaces = session
            .lnvps(|a| {
                Ok(a.ip_spaces(Some(PageRequest {
                    limit: PAGE,
                    offset: 0,
                })))
            })
            .await?;
        let mut items = Vec::new();
        for space in &spaces.items {
            for p in &space.pricing {
                items.push(Item {
                    key: p.id.to_string(),
                    name: format!("/{} of space {}", p.prefix_size, space.id),
                    cells: vec![
                        format!("{} — {}", space.id, kind(space)),
                        format!("/{}", p.prefix_size),
                        addresses(space, p.prefix_size),
                        monthly(p),
                        setup(p),
                    ],
                });
            }
        }
        Ok(items)
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// The account's IP-range subscriptions and the ranges they pay for.
pub struct IpRanges;

impl Collection for IpRanges {
    type New = ();
    const TITLE: &'static str = "IP ranges";
    const ID: &'static str = "lnvps-ip-ranges";
    const NOUN: &'static str = "IP range subscription";
    const COLUMNS: &'static [&'static str] = &[
        "Subscription",
        "State",
        "Ranges",
        "Origin AS",
        "Paid until",
        "Auto-renew",
    ];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("Each subscription pays for its blocks monthly. The number after # is what the tools below ask for.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let subs = all_subscriptions(&session).await?;
        let mut items = Vec::new();
        for sub in subs.iter().filter(|s| is_range_subscription(s)) {
            let mut ranges = Vec::new();
            let mut origins = Vec::new();
            for line in &sub.line_items {
                match line_range(line) {
                    Some(id) => {
                        let range = session.lnvps(|a| Ok(a.ip_range(id))).await?;
                        ranges.push(format!("{} (range #{id})", range.cidr));
                        origins.push(
                            range
                                .origin_asn
                                .map_or_else(|| "none".into(), |asn| format!("AS{asn}")),
                        );
                    }
                    None => ranges.push(match line_prefix(line) {
                        Some(prefix) => format!("a /{prefix} once paid"),
                        None => "assigned once paid".into(),
                    }),
                }
            }
            let name = titled(sub);
            items.push(Item {
                key: sub.id.to_string(),
                cells: vec![
                    name.clone(),
                    state(sub).into(),
                    ranges.join(", "),
                    if origins.is_empty() {
                        "—".into()
                    } else {
                        origins.join(", ")
                    },
                    when(sub.expires.as_deref()),
                    if sub.auto_renewal_enabled {
                        "on"
                    } else {
                        "off"
                    }
                    .into(),
                ],
                name,
            });
        }
        Ok(items)
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// What the buy form asks for.
pub struct Purchase {
    space: u64,
    prefix: u64,
    name: Option<String>,
    buy: bool,
}

/// Buys a block: its price first, then (once confirmed) the order and the
/// invoice of its first month.
pub struct BuyRange;

impl Tool for BuyRange {
    type Input = Purchase;
    const TITLE: &'static str = "Buy an IP range";
    const ID: &'static str = "lnvps-buy-range";
    const SUBMIT: &'static str = "Continue";
    const RUNNING: &'static str = "Asking LNVPS";

    fn about() -> Option<&'static str> {
        Some("First see the price of the block; then choose “Buy it” to order it and get the Lightning invoice of the first month (setup fee included). The block is assigned once the invoice is paid.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "buy-space",
                "IP space (number in the Space column)",
                FieldKind::Number,
            ),
            Field::new(
                "buy-size",
                "Block size",
                FieldKind::Text { placeholder: "/29" },
            )
            .hint("The prefix length, such as /29 or /48."),
            Field::new(
                "buy-name",
                "Name (optional)",
                FieldKind::Text {
                    placeholder: "BGP prefixes",
                },
            ),
            Field::select(
                "buy-step",
                "Step",
                vec![
                    ("price".into(), "Show the price".into()),
                    ("buy".into(), "Buy it at the price shown".into()),
                ],
            )
            .initial("price"),
        ]
    }

    fn check(values: &Values) -> Result<Purchase, Errors> {
        let mut errors = Errors::new();
        let space = number(values, &mut errors, "buy-space", "The IP space");
        let size = required(
            values,
            &mut errors,
            "buy-size",
            "The block size is required.",
        );
        let digits = size.trim_start_matches('/');
        let prefix = match digits.parse::<u64>() {
            Ok(p) if (1..=128).contains(&p) && digits.bytes().all(|b| b.is_ascii_digit()) => p,
            _ if size.is_empty() => 0,
            _ => {
                errors.insert(
                    "buy-size",
                    format!("The block size is a prefix length from /1 to /128 (got “{size}”)."),
                );
                0
            }
        };
        let name = optional(values, "buy-name");
        if name.as_ref().is_some_and(|n| n.chars().count() > MAX_NAME) {
            errors.insert(
                "buy-name",
                format!("The name is at most {MAX_NAME} characters."),
            );
        }
        let buy = values.get("buy-step").is_some_and(|v| v == "buy");
        let priced = PRICED
            .get()
            .is_some_and(|p| (p.space, p.prefix) == (space, prefix));
        if buy && errors.is_empty() && !priced {
            errors.insert(
                "buy-step",
                format!("Show the price of a /{prefix} from space {space} first: buying comes after you have seen it."),
            );
        }
        checked(
            errors,
            Purchase {
                space,
                prefix,
                name,
                buy,
            },
        )
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        purchase: Purchase,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let space = session.lnvps(|a| Ok(a.ip_space(purchase.space))).await?;
        let Some(pricing) = space
            .pricing
            .iter()
            .find(|p| p.prefix_size == purchase.prefix)
        else {
            let sizes: Vec<String> = space
                .pricing
                .iter()
                .map(|p| format!("/{}", p.prefix_size))
                .collect();
            return Err(ProviderError::validation(
                "block size",
                format!(
                    "/{} is not sold from space {}; it offers {}",
                    purchase.prefix,
                    space.id,
                    sizes.join(", ")
                ),
            ));
        };
        let terms = format!(
            "A /{} from space {} ({}, {}) costs {} a month, plus a setup fee of {}.",
            pricing.prefix_size,
            space.id,
            kind(&space),
            addresses(&space, pricing.prefix_size),
            monthly(pricing),
            setup(pricing)
        );
        let shown = Priced {
            space: purchase.space,
            prefix: purchase.prefix,
            amounts: (
                pricing.price.amount,
                pricing.setup_fee.as_ref().map_or(0, |f| f.amount),
            ),
        };
        if purchase.buy && PRICED.get() != Some(shown) {
            PRICED.set(Some(shown));
            return Ok(Ran {
                message: format!(
                    "The price changed since it was shown: {terms} Nothing was ordered; continue again to buy at this price."
                ),
                ..Ran::default()
            });
        }
        if !purchase.buy {
            PRICED.set(Some(shown));
            return Ok(Ran {
                message: format!(
                    "{terms} To order it, choose “Buy it at the price shown” and continue."
                ),
                ..Ran::default()
            });
        }
        progress.run("Checking for an unpaid order of this block…".into());
        let existing = all_subscriptions(&session).await?.into_iter().find(|s| {
            s.expires.is_none()
                && !s.is_active
                && s.line_items.len() == 1
                && s.line_items
                    .iter()
                    .all(|l| line_pricing(l) == Some(pricing.id))
                && purchase
                    .name
                    .as_ref()
                    .is_none_or(|n| s.name.as_deref() == Some(n.as_str()))
        });
        let (sub, again) = match existing {
            Some(sub) => (sub, true),
            None => {
                progress.run("Ordering the block…".into());
                let new = NewSubscription {
                    name: purchase.name.clone(),
                    description: None,
                    currency: None,
                    auto_renewal_enabled: None,
                    line_items: vec![NewLineItem::IpRange {
                        ip_space_pricing_id: pricing.id,
                    }],
                };
                (session.lnvps(|a| a.create_subscription(&new)).await?, false)
            }
        };
        PRICED.set(None);
        progress.run("Asking for the invoice of the first month…".into());
        let payment = lightning_invoice(&session, sub.id, 1).await?;
        let ordered = if again {
            format!(
                "This block was already ordered as {} and is not paid yet, so nothing new was ordered.",
                titled(&sub)
            )
        } else {
            format!("Ordered {}. {terms}", titled(&sub))
        };
        Ok(invoice(
            format!(
                "{ordered} Pay {} (payment {}) to get the addresses; they appear under IP ranges once paid (“Payments of a subscription” can wait for it).",
                payment_total(&payment),
                payment.id
            ),
            &payment,
        ))
    }
}

/// The subscription number in field `id`.
fn subscription_field(values: &Values, errors: &mut Errors, id: &'static str) -> u64 {
    number(values, errors, id, "The subscription number")
}

/// A renewal asked for.
pub struct RenewRequest {
    sid: u64,
    months: u32,
    invoice: bool,
}

/// Renews an IP-range subscription: the price, then a Lightning invoice.
pub struct RenewRange;

impl Tool for RenewRange {
    type Input = RenewRequest;
    const TITLE: &'static str = "Renew an IP range";
    const ID: &'static str = "lnvps-renew-range";
    const SUBMIT: &'static str = "Continue";
    const RUNNING: &'static str = "Asking LNVPS for the price";

    fn about() -> Option<&'static str> {
        Some("Pays for more months of a subscription and its ranges. The price comes first; the invoice only when you ask for it.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "renew-sub",
                "Subscription (number after # under IP ranges)",
                FieldKind::Number,
            ),
            Field::new("renew-months", "Months (1–120)", FieldKind::Number).initial("1"),
            Field::select(
                "renew-step",
                "Step",
                vec![
                    ("price".into(), "Show the price".into()),
                    ("invoice".into(), "Show the price and the invoice".into()),
                ],
            )
            .initial("price"),
        ]
    }

    fn check(values: &Values) -> Result<RenewRequest, Errors> {
        let mut errors = Errors::new();
        let sid = subscription_field(values, &mut errors, "renew-sub");
        let months = number(values, &mut errors, "renew-months", "Months");
        let months = u32::try_from(months).unwrap_or(u32::MAX);
        if months > 0 && !lnvps::INTERVALS.contains(&months) {
            errors.insert(
                "renew-months",
                format!(
                    "Months must be from {} to {}.",
                    lnvps::INTERVALS.start(),
                    lnvps::INTERVALS.end()
                ),
            );
        }
        checked(
            errors,
            RenewRequest {
                sid,
                months,
                invoice: values.get("renew-step").is_some_and(|v| v == "invoice"),
            },
        )
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        ask: RenewRequest,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let sub = range_subscription(&session, ask.sid).await?;
        let renewal = Renewal {
            intervals: Some(ask.months),
            ..Renewal::lightning()
        };
        let quote = session
            .lnvps(|a| a.subscription_renew_quote(ask.sid, &renewal))
            .await?;
        let total = lnvps::money(
            quote.amount.saturating_add(quote.tax),
            &quote.currency,
            BtcUnit::Sats,
        );
        let days = quote.time / 86_400;
        let summary = format!(
            "Renewing {} for {} month(s) adds {days} days for {total} (tax included).",
            titled(&sub),
            ask.months
        );
        if !ask.invoice {
            return Ok(Ran {
                message: format!("{summary} Choose “Show the price and the invoice” to pay it."),
                ..Ran::default()
            });
        }
        progress.run("Asking for the invoice…".into());
        let payment = lightning_invoice(&session, ask.sid, ask.months).await?;
        Ok(invoice(
            format!(
                "{summary} Pay {} by Lightning (payment {}); “Payments of a subscription” can wait for it to be paid.",
                payment_total(&payment),
                payment.id
            ),
            &payment,
        ))
    }
}

/// Switches a subscription's automatic renewal.
pub struct AutoRenewal;

impl Tool for AutoRenewal {
    type Input = (u64, bool);
    const TITLE: &'static str = "Automatic renewal of an IP range";
    const ID: &'static str = "lnvps-range-auto-renew";
    const SUBMIT: &'static str = "Save";
    const RUNNING: &'static str = "Saving";

    fn about() -> Option<&'static str> {
        Some("When on, LNVPS renews the subscription from a saved wallet (see the wallets above) before it runs out.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "auto-sub",
                "Subscription (number after # under IP ranges)",
                FieldKind::Number,
            ),
            Field::select(
                "auto-renew",
                "Automatic renewal",
                vec![("on".into(), "On".into()), ("off".into(), "Off".into())],
            )
            .initial("on"),
        ]
    }

    fn check(values: &Values) -> Result<(u64, bool), Errors> {
        let mut errors = Errors::new();
        let sid = subscription_field(values, &mut errors, "auto-sub");
        let on = values.get("auto-renew").is_none_or(|v| v == "on");
        checked(errors, (sid, on))
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        (sid, on): (u64, bool),
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let sub = range_subscription(&session, sid).await?;
        let saved = session
            .lnvps(|a| Ok(a.update_subscription(sid, on)))
            .await?;
        let now = if saved.auto_renewal_enabled {
            "on"
        } else {
            "off"
        };
        Ok(Ran {
            message: format!("Automatic renewal of {} is now {now}.", titled(&sub)),
            ..Ran::default()
        })
    }
}

/// One line about a payment.
fn payment_line(p: &SubscriptionPayment) -> String {
    let paid = if p.is_paid {
        format!("paid {}", when(p.paid_at.as_deref()))
    } else {
        format!("unpaid, payable until {}", when(p.expires.as_deref()))
    };
    format!(
        "{}  {:<9} {:>14}  {paid}  {}",
        when(p.created.as_deref()),
        p.payment_type.as_deref().unwrap_or("payment"),
        payment_total(p),
        p.id
    )
}

/// The time between two checks of a payment followed until it is paid.
const FOLLOW_EVERY: Duration = Duration::from_secs(3);

/// Checks of a followed payment at most (a Lightning invoice is payable for
/// 10 minutes).
const FOLLOW_CHECKS: u32 = 220;

/// Which payments to show, and whether to wait for one to be paid.
pub struct PaymentQuery {
    sid: u64,
    payment: Option<String>,
    follow: bool,
}

/// A subscription's payments, or one of them (followed until paid if asked).
pub struct RangePayments;

impl RangePayments {
    /// The result about one unpaid payment: its invoice again, or that it lapsed.
    fn unpaid(p: &SubscriptionPayment, now_secs: i64) -> Ran {
        let lapsed = p.expires_at().is_some_and(|t| t.unix() <= now_secs);
        if lapsed {
            return Ran {
                message: format!(
                    "Payment {} expired unpaid ({} UTC); nothing was charged. Ask for a new invoice with “Renew an IP range”.",
                    p.id,
                    when(p.expires.as_deref())
                ),
                ..Ran::default()
            };
        }
        invoice(
            format!(
                "Payment {} of {} is not paid yet; it is payable until {} UTC.",
                p.id,
                payment_total(p),
                when(p.expires.as_deref())
            ),
            p,
        )
    }

    /// Payment `id` of subscription `sid`: checked once, or (with `follow`)
    /// every few seconds until it is paid or no longer payable.
    async fn one(
        session: &AppSession,
        sid: u64,
        id: &str,
        follow: bool,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let mut checks = 0;
        loop {
            checks += 1;
            let p = session.lnvps(|a| a.subscription_payment(sid, id)).await?;
            if p.is_paid {
                return Ok(Self::paid(&p));
            }
            let now_secs = i64::try_from(now_ms() / 1000).unwrap_or(i64::MAX);
            let lapsed = p.expires_at().is_some_and(|t| t.unix() <= now_secs);
            if !follow || lapsed || checks >= FOLLOW_CHECKS {
                return Ok(Self::unpaid(&p, now_secs));
            }
            progress.run(format!(
                "Waiting for payment {} of {} (payable until {} UTC); paying the invoice shown above completes it…",
                p.id,
                payment_total(&p),
                when(p.expires.as_deref())
            ));
            gloo_timers::future::sleep(FOLLOW_EVERY).await;
        }
    }

    /// The result about a paid payment.
    fn paid(p: &SubscriptionPayment) -> Ran {
        Ran {
            message: format!(
                "Payment {} of {} is paid ({} UTC).",
                p.id,
                payment_total(p),
                when(p.paid_at.as_deref())
            ),
            ..Ran::default()
        }
    }
}

impl Tool for RangePayments {
    type Input = PaymentQuery;
    const TITLE: &'static str = "Payments of a subscription";
    const ID: &'static str = "lnvps-range-payments";
    const SUBMIT: &'static str = "Show";
    const RUNNING: &'static str = "Reading the payments";

    fn about() -> Option<&'static str> {
        Some("Lists what was paid for a subscription, or checks one invoice, waiting for it to be paid if you like (as long as it is payable).")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "payments-sub",
                "Subscription (number after # under IP ranges)",
                FieldKind::Number,
            ),
            Field::new(
                "payment-id",
                "One payment (optional)",
                FieldKind::Text {
                    placeholder: "the payment id from an invoice",
                },
            ),
            Field::select(
                "payment-follow",
                "For one payment",
                vec![
                    ("once".into(), "Check it once".into()),
                    ("wait".into(), "Wait until it is paid".into()),
                ],
            )
            .initial("once"),
        ]
    }

    fn check(values: &Values) -> Result<PaymentQuery, Errors> {
        let mut errors = Errors::new();
        let sid = subscription_field(values, &mut errors, "payments-sub");
        let payment = optional(values, "payment-id");
        if payment
            .as_ref()
            .is_some_and(|id| !id.bytes().all(|b| b.is_ascii_alphanumeric()))
        {
            errors.insert(
                "payment-id",
                "A payment id has only letters and digits (as shown with the invoice).".into(),
            );
        }
        let follow = values.get("payment-follow").is_some_and(|v| v == "wait");
        if follow && payment.is_none() {
            errors.insert(
                "payment-id",
                "Give the payment to wait for (its id is shown with the invoice).".into(),
            );
        }
        checked(
            errors,
            PaymentQuery {
                sid,
                payment,
                follow,
            },
        )
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        query: PaymentQuery,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let sid = query.sid;
        if let Some(id) = query.payment {
            return Self::one(&session, sid, &id, query.follow, progress).await;
        }
        let page = session
            .lnvps(|a| {
                Ok(a.subscription_payments(
                    sid,
                    Some(PageRequest {
                        limit: PAGE,
                        offset: 0,
                    }),
                ))
            })
            .await?;
        let total = page.total.unwrap_or(page.items.len() as u64);
        let paid = page.items.iter().filter(|p| p.is_paid).count();
        Ok(Ran {
            message: format!("Subscription #{sid} has {total} payment(s), {paid} of them paid."),
            output: (!page.items.is_empty()).then(|| {
                page.items
                    .iter()
                    .map(payment_line)
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
            ..Ran::default()
        })
    }
}

/// Sets or clears the AS allowed to announce a range.
pub struct OriginAsn;

impl Tool for OriginAsn {
    type Input = (u64, Option<u32>);
    const TITLE: &'static str = "Origin AS of a range";
    const ID: &'static str = "lnvps-origin-asn";
    const SUBMIT: &'static str = "Save";
    const RUNNING: &'static str = "Saving the origin AS";

    fn about() -> Option<&'static str> {
        Some("LNVPS publishes a route object and ROA so that this AS may announce the range. Leave the AS empty to clear it.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "asn-range",
                "Range (number after # in the Ranges column)",
                FieldKind::Number,
            ),
            Field::new(
                "asn",
                "AS number (empty to clear)",
                FieldKind::Text {
                    placeholder: "64500",
                },
            ),
        ]
    }

    fn check(values: &Values) -> Result<(u64, Option<u32>), Errors> {
        let mut errors = Errors::new();
        let range = number(values, &mut errors, "asn-range", "The range number");
        let asn = match optional(values, "asn") {
            None => None,
            Some(text) if !text.bytes().all(|b| b.is_ascii_digit()) => {
                errors.insert(
                    "asn",
                    format!("The AS number is digits only, such as 64500 (got “{text}”)."),
                );
                None
            }
            Some(text) => match text.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    errors.insert(
                        "asn",
                        format!("The AS number must be from 1 to 4294967295 (got {text})."),
                    );
                    None
                }
            },
        };
        checked(errors, (range, asn))
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        (id, asn): (u64, Option<u32>),
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let before = session.lnvps(|a| Ok(a.ip_range(id))).await?;
        let after = session.lnvps(|a| Ok(a.update_ip_range(id, asn))).await?;
        let was = before
            .origin_asn
            .map_or_else(|| "none".into(), |a| format!("AS{a}"));
        let message = match after.origin_asn {
            Some(asn) => format!("AS{asn} may now announce {} (before: {was}).", after.cidr),
            None => format!("{} has no origin AS any more (before: {was}).", after.cidr),
        };
        Ok(Ran {
            message,
            ..Ran::default()
        })
    }
}
