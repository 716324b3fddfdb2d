//! LiteVPS's order form (seed: create a VPS from a plan or a template, with
//! SSH keys; a batch of several in one request with a result per server):
//! prepaid balance, charged per minute at the plan's hourly price, checked
//! against the first hour before anything is sent.

use super::{provider_rule, required, value, whole};
use crate::components::form_fields::{Errors, Field, FieldKind, Values, PAYMENT};
use crate::components::order_form::{Checked, OrderForm, Step};
use crate::state::order_flow::OrderRequest;
use crate::state::AppSession;
use providers::litevps::{self, Me, NewVps, PricingPlan, SshKeyInfo, Template};
use providers::{ProviderError, ProviderId};
use std::rc::Rc;

/// The most servers one batch creates (LiteVPS's `max_batch_size`).
const MAX_BATCH: u32 = 10;

/// What LiteVPS offers this account.
#[derive(Debug, Clone)]
pub struct Offer {
    plans: Vec<PricingPlan>,
    templates: Vec<Template>,
    keys: Vec<SshKeyInfo>,
    me: Me,
}

/// What the source choice names.
enum Source<'a> {
    Plan(&'a PricingPlan),
    Template(&'a Template),
}

impl Offer {
    fn source(&self, choice: &str) -> Option<Source<'_>> {
        let (kind, id) = choice.split_once(':')?;
        match kind {
            "plan" => self.plans.iter().find(|p| p.id == id).map(Source::Plan),
            "template" => self
                .templates
                .iter()
                .find(|t| t.name == id)
                .map(Source::Template),
            _ => None,
        }
    }

    /// The hourly price of one server from `source` (a template's plan).
    fn hourly(&self, source: &Source) -> Option<f64> {
        match source {
            Source::Plan(p) => p.price_hourly,
            Source::Template(t) => {
                let plan = t.plan_id.as_deref()?;
                self.plans.iter().find(|p| p.id == plan)?.price_hourly
            }
        }
    }
}

/// `$0.0208`.
fn usd(amount: f64) -> String {
    litevps::usd(amount)
        .map(|m| m.to_string())
        .unwrap_or_else(|| format!("{amount} USD"))
}

/// `2 vCPU, 2048 MB, 40 GB`.
fn size(vcpu: Option<u32>, memory_mb: Option<u64>, disk_gb: Option<u64>) -> String {
    let parts: Vec<String> = [
        vcpu.map(|c| format!("{c} vCPU")),
        memory_mb.map(|m| format!("{m} MB")),
        disk_gb.map(|d| format!("{d} GB")),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(", ")
}

/// LiteVPS's form.
pub struct Litevps;

impl OrderForm for Litevps {
    type Offer = Offer;
    const PROVIDER: ProviderId = ProviderId::Litevps;
    const LOADING: &'static str =
        "Loading plans, templates, SSH keys and your balance from LiteVPS…";
    const SUBMIT: &'static str = "Create";

    async fn load(session: Rc<AppSession>) -> Result<Offer, ProviderError> {
        let (plans, templates, keys, me) = futures::join!(
            session.litevps(|a| Ok(a.pricing())),
            session.litevps(|a| Ok(a.templates())),
            session.litevps(|a| Ok(a.ssh_keys())),
            session.litevps(|a| Ok(a.me())),
        );
        Ok(Offer {
            plans: plans?,
            templates: templates?,
            keys: keys?,
            me: me?,
        })
    }

    fn steps(offer: &Offer) -> Vec<Step> {
        let mut sources: Vec<(String, String)> = offer
            .plans
            .iter()
            .map(|p| {
                let price = p
                    .price_hourly
                    .map(|h| format!(" · {}/hour", usd(h)))
                    .unwrap_or_default();
                (
                    format!("plan:{}", p.id),
                    format!(
                        "Plan {} · {}{price}",
                        p.name,
                        size(p.vcpu, p.memory_mb, p.disk_gb)
                    ),
                )
            })
            .collect();
        sources.extend(offer.templates.iter().map(|t| {
            let ttl = t
                .ttl_minutes
                .map(|m| format!(" · deleted after {m} min"))
                .unwrap_or_default();
            (
                format!("template:{}", t.name),
                format!(
                    "Template {} · {}{ttl}",
                    t.name,
                    size(t.vcpu, t.memory_mb, t.disk_gb)
                ),
            )
        }));
        let mut keys: Vec<(String, String)> = vec![(
            "none".into(),
            "No key (password login from the console)".into(),
        )];
        keys.extend(offer.keys.iter().map(|k| {
            let print = k
                .fingerprint
                .as_deref()
                .map(|f| format!(" · {f}"))
                .unwrap_or_default();
            (k.id.clone(), format!("{}{print}", k.name))
        }));
        let first_key = offer
            .keys
            .first()
            .map(|k| k.id.clone())
            .unwrap_or("none".into());
        vec![
            Step {
                title: "Plan or template",
                note: Some("A template is a plan with its system and cloud-init set up; its sizes are the server's.".into()),
                fields: vec![Field::select("source", "Plan or template", sources)],
            },
            Step {
                title: "Name and number",
                note: None,
                fields: vec![
                    Field::new("name", "Host name", FieldKind::Text { placeholder: "web-1" })
                        .hint("Letters, digits and hyphens, at most 63; several servers are named web-1-1, web-1-2…"),
                    Field::new("count", format!("How many (1–{MAX_BATCH})"), FieldKind::Number)
                        .initial("1")
                        .hint("More than one are created in one batch, each with its own result."),
                ],
            },
            Step {
                title: "SSH key",
                note: Some("Add keys on the LiteVPS account page; the key is installed for root.".into()),
                fields: vec![Field::select("ssh-key", "SSH key", keys).initial(first_key)],
            },
        ]
    }

    fn price(offer: &Offer, values: &Values) -> Option<Result<String, String>> {
        let source = offer.source(value(values, "source"))?;
        let Some(hourly) = offer.hourly(&source) else {
            return Some(Err("LiteVPS lists no price for this choice.".into()));
        };
        let count = value(values, "count")
            .parse::<u32>()
            .unwrap_or(1)
            .clamp(1, MAX_BATCH);
        let each = if count > 1 { " each" } else { "" };
        Some(Ok(format!(
            "{}/hour{each} (about {}/month), charged by the minute; your balance is {}",
            usd(hourly),
            litevps::monthly_cost(hourly)
                .map(|m| format!("{:.2} {}", m.amount, m.currency.code()))
                .unwrap_or_default(),
            usd(offer.me.balance)
        )))
    }

    fn terms(_: &Offer) -> String {
        "LiteVPS is prepaid: the balance must cover each server's first hour, and running servers are charged every minute until deleted.".into()
    }

    fn check(offer: &Offer, values: &Values) -> Result<Checked, Errors> {
        let mut errors = Errors::new();
        let choice = required(
            values,
            &mut errors,
            "source",
            "Choose a plan or a template.",
        );
        let source = choice.as_deref().and_then(|c| offer.source(c));
        let count = whole(values, &mut errors, "count", "How many", (1, MAX_BATCH));
        let name = value(values, "name").to_string();
        let key = value(values, "ssh-key");
        let keys: Vec<String> = match key {
            "" | "none" => Vec::new(),
            id => vec![id.to_string()],
        };
        let new = |name: String, source: &Option<Source>| -> NewVps {
            let mut vps = match source {
                Some(Source::Plan(p)) => NewVps::from_plan(name, p.id.clone()),
                Some(Source::Template(t)) => NewVps::from_template(name, t.name.clone()),
                None => NewVps::from_plan(name, String::new()),
            };
            vps.ssh_key_ids = keys.clone();
            vps
        };
        provider_rule(
            &mut errors,
            &[
                ("name", "name", "The host name"),
                ("plan_id", "source", "The plan"),
                ("ssh_key_ids", "ssh-key", "The SSH key"),
            ],
            "name",
            new(name.clone(), &source).validate(),
        );
        if let (Some(source), Some(count)) = (&source, count) {
            if let Some(hourly) = offer.hourly(source) {
                let first_hour = hourly * f64::from(count);
                if first_hour > offer.me.balance {
                    errors.insert(
                        PAYMENT,
                        format!(
                            "Your LiteVPS balance is {}; {} needs {} for its first hour. Add funds on the billing page first.",
                            usd(offer.me.balance),
                            if count > 1 { "this batch" } else { "this server" },
                            usd(first_hour)
                        ),
                    );
                }
            }
        }
        let (Some(count), false) = (count, source.is_none()) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let list: Vec<NewVps> = if count == 1 {
            vec![new(name.clone(), &source)]
        } else {
            (1..=count)
                .map(|i| new(format!("{name}-{i}"), &source))
                .collect()
        };
        provider_rule(
            &mut errors,
            &[("name", "name", "The host name")],
            "name",
            list.iter().try_for_each(NewVps::validate),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let what = match source {
            Some(Source::Plan(p)) => format!("plan {}", p.name),
            Some(Source::Template(t)) => format!("template {}", t.name),
            None => String::new(),
        };
        let summary = if count == 1 {
            format!("{name} · {what}")
        } else {
            format!("{count} × {name}-N · {what}")
        };
        Ok(Checked {
            request: OrderRequest::Litevps { servers: list },
            summary,
        })
    }
}
