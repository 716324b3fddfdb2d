//! CyberPanel Cloud's order form (seed: `POST /vps/create` with plan,
//! location, template, FQDN hostname, root password and an optional SSH
//! key; then the deployment task list until ready). The balance must cover
//! one month of the plan (Windows: at least $20) before anything is sent.

use super::{provider_rule, required, value};
use crate::components::form_fields::{Errors, Field, FieldKind, Values, PAYMENT};
use crate::components::order_form::{Checked, OrderForm, Step};
use crate::state::order_flow::OrderRequest;
use crate::state::AppSession;
use providers::cyberpanel::{
    usd, validate_hostname, validate_password, CreateVps, LocationInfo, PlanInfo, Template,
};
use providers::{ProviderError, ProviderId, Secret};
use rust_decimal::Decimal;
use std::rc::Rc;

/// The least balance a Windows server needs (its template's description).
const WINDOWS_MIN_BALANCE: Decimal = Decimal::from_parts(20, 0, 0, false, 0);

/// What CyberPanel offers this account.
#[derive(Debug, Clone)]
pub struct Offer {
    plans: Vec<PlanInfo>,
    locations: Vec<LocationInfo>,
    templates: Vec<Template>,
    /// The prepaid balance, when the key may read the account.
    balance: Option<Decimal>,
}

impl Offer {
    fn plan(&self, id: &str) -> Option<&PlanInfo> {
        self.plans.iter().find(|p| p.id.to_string() == id)
    }

    fn template(&self, id: &str) -> Option<&Template> {
        self.templates.iter().find(|t| t.id == id)
    }

    /// The balance an order of `plan` with `template` needs.
    fn needed(&self, plan: &PlanInfo, template: Option<&Template>) -> Option<Decimal> {
        let monthly = plan.monthly_price?;
        let windows = template.is_some_and(is_windows);
        Some(if windows {
            monthly.max(WINDOWS_MIN_BALANCE)
        } else {
            monthly
        })
    }
}

fn is_windows(t: &Template) -> bool {
    let os = t.os.as_deref().unwrap_or(&t.name).to_lowercase();
    os.contains("windows")
}

fn available(l: &LocationInfo) -> bool {
    l.is_available && l.available_ips != Some(0)
}

/// CyberPanel's form.
pub struct Cyberpanel;

impl OrderForm for Cyberpanel {
    type Offer = Offer;
    const PROVIDER: ProviderId = ProviderId::Cyberpanel;
    const LOADING: &'static str = "Loading plans, locations and systems from CyberPanel…";
    const SUBMIT: &'static str = "Deploy";

    async fn load(session: Rc<AppSession>) -> Result<Offer, ProviderError> {
        let (plans, locations, templates, account) = futures::join!(
            session.cyberpanel(|a| Ok(a.plans())),
            session.cyberpanel(|a| Ok(a.locations())),
            session.cyberpanel(|a| Ok(a.templates())),
            session.cyberpanel(|a| Ok(a.account())),
        );
        Ok(Offer {
            plans: plans?.data.plans,
            locations: locations?.data.locations,
            templates: templates?.data.templates,
            // A key without `account:read` still orders; the balance is then unknown.
            balance: account.ok().map(|a| a.data.balance),
        })
    }

    fn steps(offer: &Offer) -> Vec<Step> {
        let plans = offer
            .plans
            .iter()
            .map(|p| {
                let size: Vec<String> = [
                    p.cpu_cores.map(|c| format!("{c} vCPU")),
                    p.ram_mb.map(|m| format!("{} GB RAM", m / 1024)),
                    p.disk_gb.map(|d| format!("{d} GB disk")),
                ]
                .into_iter()
                .flatten()
                .collect();
                let price = p
                    .monthly_price
                    .map(|m| format!(" · {}/month", usd(m)))
                    .unwrap_or_default();
                (
                    p.id.to_string(),
                    format!("{} · {}{price}", p.name, size.join(", ")),
                )
            })
            .collect();
        let locations = offer
            .locations
            .iter()
            .filter(|l| available(l))
            .map(|l| {
                let ips = l
                    .available_ips
                    .map(|n| format!(" · {n} addresses free"))
                    .unwrap_or_default();
                (l.code.clone(), format!("{}{ips}", l.name))
            })
            .collect();
        let templates = offer
            .templates
            .iter()
            .map(|t| {
                let about = t
                    .description
                    .as_deref()
                    .map(|d| format!(" · {d}"))
                    .unwrap_or_default();
                (t.id.clone(), format!("{}{about}", t.name))
            })
            .collect();
        let full = offer.locations.iter().filter(|l| !available(l)).count();
        vec![
            Step {
                title: "Plan and location",
                note: (full > 0).then(|| {
                    format!("{full} location(s) without free addresses are not offered.")
                }),
                fields: vec![
                    Field::select("plan", "Plan", plans),
                    Field::select("location", "Location", locations),
                ],
            },
            Step {
                title: "System",
                note: None,
                fields: vec![Field::select("template", "Operating system", templates)],
            },
            Step {
                title: "Access",
                note: Some(
                    "The root password is sent to CyberPanel only; the panel neither shows nor keeps it."
                        .into(),
                ),
                fields: vec![
                    Field::new(
                        "hostname",
                        "Host name (fully qualified)",
                        FieldKind::Text {
                            placeholder: "web1.example.com",
                        },
                    ),
                    Field::new("root-password", "Root password", FieldKind::Password)
                        .hint("8–72 characters, with letters and numbers."),
                    Field::new(
                        "ssh-key",
                        "SSH public key (optional)",
                        FieldKind::Textarea {
                            placeholder: "ssh-ed25519 AAAAC3Nz… you@laptop",
                        },
                    ),
                ],
            },
        ]
    }

    fn price(offer: &Offer, values: &Values) -> Option<Result<String, String>> {
        let plan = offer.plan(value(values, "plan"))?;
        let monthly = plan.monthly_price.map(usd);
        let hourly = plan
            .price_hourly
            .map(|h| format!(" ({}/hour)", usd(h)))
            .unwrap_or_default();
        let balance = offer
            .balance
            .map(|b| format!("; your balance is {}", usd(b)))
            .unwrap_or_default();
        Some(
            monthly
                .map(|m| format!("{m} per month{hourly}, charged hourly while it exists{balance}"))
                .ok_or_else(|| "CyberPanel lists no price for this plan.".to_string()),
        )
    }

    fn terms(_: &Offer) -> String {
        "Nothing is charged when ordering; CyberPanel checks that your balance covers a month of the plan (Windows: at least $20), then charges by the hour. Deployment takes about three minutes.".into()
    }

    fn check(offer: &Offer, values: &Values) -> Result<Checked, Errors> {
        let mut errors = Errors::new();
        let plan = required(values, &mut errors, "plan", "Choose a plan.");
        let location = required(values, &mut errors, "location", "Choose a location.");
        let template = required(
            values,
            &mut errors,
            "template",
            "Choose an operating system.",
        );
        let hostname = value(values, "hostname").to_string();
        let password = values.get("root-password").cloned().unwrap_or_default();
        let ssh_key = Some(value(values, "ssh-key").to_string()).filter(|k| !k.is_empty());
        provider_rule(
            &mut errors,
            &[("hostname", "hostname", "The host name")],
            "hostname",
            validate_hostname(&hostname),
        );
        provider_rule(
            &mut errors,
            &[("root_password", "root-password", "The root password")],
            "root-password",
            validate_password(&password),
        );
        let plan_info = plan.as_deref().and_then(|p| offer.plan(p));
        let template_info = template.as_deref().and_then(|t| offer.template(t));
        if let (Some(p), Some(balance)) = (plan_info, offer.balance) {
            if let Some(needed) = offer.needed(p, template_info) {
                if balance < needed {
                    errors.insert(
                        PAYMENT,
                        format!(
                            "Your CyberPanel balance is {}; this order needs {}. Add funds on the billing page first.",
                            usd(balance),
                            usd(needed)
                        ),
                    );
                }
            }
        }
        let (Some(plan), Some(location), Some(template)) = (plan_info, location, template_info)
        else {
            return Err(errors);
        };
        let order = CreateVps {
            hostname: hostname.clone(),
            plan_id: plan.id,
            location_code: location.clone(),
            template_id: template.id.clone(),
            root_password: Secret::new(password),
            ssh_key,
            webhook_url: None,
            webhook_secret: None,
        };
        provider_rule(
            &mut errors,
            &[
                ("hostname", "hostname", "The host name"),
                ("plan_id", "plan", "The plan"),
                ("location_code", "location", "The location"),
                ("template_id", "template", "The system"),
                ("root_password", "root-password", "The root password"),
                ("ssh_key", "ssh-key", "The SSH key"),
            ],
            "hostname",
            order.validate(),
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        let place = offer
            .locations
            .iter()
            .find(|l| l.code == location)
            .map(|l| l.name.clone())
            .unwrap_or(location);
        Ok(Checked {
            summary: format!("{hostname} · {} · {} · {place}", plan.name, template.name),
            request: OrderRequest::Cyberpanel(order),
        })
    }
}
