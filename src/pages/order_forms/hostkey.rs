//! HOSTKEY's order form (seed: presets → OS → software → traffic plan →
//! `eq/order_instance`, then the invoice): the systems, software and
//! traffic plans offered are the ones HOSTKEY lists for the chosen preset,
//! loaded when it is chosen; the price is estimated from the lists and
//! HOSTKEY's invoice has the final amount.

use super::{provider_rule, required, value};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::order_form::{Checked, OrderForm, Step};
use crate::state::order_flow::{HostkeyOrder, OrderRequest};
use crate::state::AppSession;
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::hostkey::{DeployPeriod, Os, Preset, Software, TrafficPlan, LOCATIONS};
use providers::{Money, ProviderError, ProviderId, Secret};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::rc::Rc;

/// The choice of no extra software.
const NO_SOFTWARE: &str = "none";
/// HOSTKEY's prices are read in euros.
const EUR: &str = "EUR";
/// The key types HOSTKEY installs.
const KEY_TYPES: [&str; 5] = [
    "ssh-ed25519 ",
    "ssh-rsa ",
    "ecdsa-sha2-nistp256 ",
    "ecdsa-sha2-nistp384 ",
    "ecdsa-sha2-nistp521 ",
];

/// What fits one preset in one location.
#[derive(Debug, Clone, PartialEq)]
pub enum Fit {
    /// Being asked for.
    Loading,
    /// HOSTKEY's lists for it.
    Ready {
        /// Systems that install on it.
        os: Vec<Os>,
        /// Extra software.
        software: Vec<Software>,
        /// Traffic plans.
        traffic: Vec<TrafficPlan>,
    },
    /// Why the lists could not be read.
    Failed(String),
}

/// What HOSTKEY offers, by location; what fits each preset, as it loads.
#[derive(Debug, Clone)]
pub struct Offer {
    presets: BTreeMap<String, Vec<Preset>>,
    fits: ArcRwSignal<BTreeMap<(String, String), Fit>>,
    credit: Option<Money>,
}

impl Offer {
    fn preset(&self, location: &str, id: &str) -> Option<&Preset> {
        self.presets.get(location)?.iter().find(|p| p.id == id)
    }

    /// What fits the chosen location and preset (tracked).
    fn fit(&self, values: &Values) -> Option<Fit> {
        let chosen = (
            value(values, "location").to_string(),
            value(values, "preset").to_string(),
        );
        self.fits.with(|f| f.get(&chosen).cloned())
    }
}

/// The form's choice of period.
fn period(values: &Values) -> DeployPeriod {
    value(values, "period")
        .parse()
        .unwrap_or(DeployPeriod::Monthly)
}

fn money(amount: Decimal) -> String {
    format!("{amount:.2} {EUR}")
}

/// Choices from what fits the preset, or a line saying where it stands.
fn fit_choices(
    offer: &Offer,
    values: &Values,
    pick: impl Fn(&Fit, &Values) -> Vec<(String, String)>,
) -> Vec<(String, String)> {
    match offer.fit(values) {
        None => Vec::new(),
        Some(Fit::Loading) => vec![(String::new(), "Loading what fits this preset…".into())],
        Some(Fit::Failed(why)) => vec![(String::new(), format!("Could not load: {why}"))],
        Some(fit) => pick(&fit, values),
    }
}

/// HOSTKEY's form.
pub struct Hostkey;

impl OrderForm for Hostkey {
    type Offer = Offer;
    const PROVIDER: ProviderId = ProviderId::Hostkey;
    const LOADING: &'static str = "Loading HOSTKEY's presets in every location…";
    const SUBMIT: &'static str = "Order and get the invoice";

    async fn load(session: Rc<AppSession>) -> Result<Offer, ProviderError> {
        let lists = futures::future::join_all(LOCATIONS.iter().map(|(code, _)| {
            let session = session.clone();
            async move {
                let list = session.hostkey_public(|a| a.presets(code)).await?;
                Ok::<_, ProviderError>((code.to_string(), list))
            }
        }))
        .await;
        let mut presets = BTreeMap::new();
        for item in lists {
            let (code, list) = item?;
            let list: Vec<Preset> = list
                .into_iter()
                .filter(|p| p.active && p.location_codes().contains(&code))
                .collect();
            presets.insert(code, list);
        }
        let credit = session
            .hostkey(|a| a.get_client())
            .await
            .ok()
            .and_then(|page| page.client.credit());
        Ok(Offer {
            presets,
            fits: ArcRwSignal::new(BTreeMap::new()),
            credit,
        })
    }

    fn follow_choices(offer: &Offer, session: &Rc<AppSession>, values: &Values) {
        let location = value(values, "location").to_string();
        let preset = value(values, "preset").to_string();
        if location.is_empty() || preset.is_empty() || offer.preset(&location, &preset).is_none() {
            return;
        }
        let chosen = (location.clone(), preset.clone());
        if offer.fits.with_untracked(|f| f.contains_key(&chosen)) {
            return;
        }
        offer.fits.update(|f| {
            f.insert(chosen.clone(), Fit::Loading);
        });
        let fits = offer.fits.clone();
        let session = session.clone();
        spawn_local(async move {
            let (os, software, traffic) = futures::join!(
                session.hostkey_public(|a| a.os_list(Some(&preset))),
                session.hostkey_public(|a| a.software(Some(&location), Some(&preset))),
                session.hostkey_public(|a| a.traffic_plans(&location, Some(&preset))),
            );
            let fit = match (os, software, traffic) {
                (Ok(os), Ok(software), Ok(traffic)) => Fit::Ready {
                    os: os.into_iter().filter(|o| o.active).collect(),
                    software: software.into_iter().filter(|s| s.active).collect(),
                    traffic: traffic.into_iter().filter(|t| t.active).collect(),
                },
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => Fit::Failed(e.to_string()),
            };
            fits.update(|f| {
                f.insert(chosen, fit);
            });
        });
    }

    fn steps(offer: &Offer) -> Vec<Step> {
        let locations = LOCATIONS
            .iter()
            .map(|(code, name)| (code.to_string(), format!("{name} ({code})")))
            .collect();
        let presets = {
            let offer = offer.clone();
            move |v: &Values| {
                let location = value(v, "location");
                offer
                    .presets
                    .get(location)
                    .map(|list| {
                        list.iter()
                            .map(|p| {
                                let size: Vec<String> = [
                                    p.cpu.map(|c| format!("{c} CPU")),
                                    p.ram.map(|r| format!("{r} GB RAM")),
                                    p.hdd.map(|d| format!("{d} GB disk")),
                                    p.gpu.clone().filter(|g| !g.is_empty()),
                                ]
                                .into_iter()
                                .flatten()
                                .collect();
                                let price = p
                                    .price_in(location, EUR)
                                    .map(|m| format!(" · {}/month", money(m.amount)))
                                    .unwrap_or_default();
                                (
                                    p.id.clone(),
                                    format!("{} · {}{price}", p.name, size.join(", ")),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            }
        };
        let os = {
            let offer = offer.clone();
            move |v: &Values| {
                fit_choices(&offer, v, |fit, v| match fit {
                    Fit::Ready { os, .. } => os
                        .iter()
                        .map(|o| {
                            let months = period(v).months();
                            let licence = o
                                .price_for(EUR, months)
                                .filter(|m| !m.amount.is_zero())
                                .map(|m| format!(" · licence {}", money(m.amount)))
                                .unwrap_or_default();
                            (o.id.clone(), format!("{}{licence}", o.name))
                        })
                        .collect(),
                    _ => Vec::new(),
                })
            }
        };
        let software = {
            let offer = offer.clone();
            move |v: &Values| {
                let os = value(v, "os").to_string();
                let mut list = vec![(NO_SOFTWARE.to_string(), "No extra software".to_string())];
                list.extend(fit_choices(&offer, v, |fit, _| match fit {
                    Fit::Ready { software, .. } => software
                        .iter()
                        .filter(|s| s.os_ids().is_empty() || s.os_ids().contains(&os))
                        .map(|s| (s.id.clone(), s.name.clone()))
                        .collect(),
                    _ => Vec::new(),
                }));
                list
            }
        };
        let traffic = {
            let offer = offer.clone();
            move |v: &Values| {
                fit_choices(&offer, v, |fit, _| match fit {
                    Fit::Ready { traffic, .. } => traffic
                        .iter()
                        .map(|t| {
                            let price = t
                                .price
                                .filter(|p| *p > 0.0)
                                .map(|p| format!(" · {p:.2} {EUR}/month"))
                                .unwrap_or_else(|| " · included".into());
                            (t.id.clone(), format!("{}{price}", t.name))
                        })
                        .collect(),
                    _ => Vec::new(),
                })
            }
        };
        vec![
            Step {
                title: "Location and preset",
                note: None,
                fields: vec![
                    Field::select("location", "Location", locations).initial("NL"),
                    Field::select_with("preset", "Preset", presets),
                    Field::select(
                        "period",
                        "Billing period",
                        [
                            (DeployPeriod::Monthly, "Monthly"),
                            (DeployPeriod::Quarterly, "Every 3 months"),
                            (DeployPeriod::SemiAnnually, "Every 6 months"),
                            (DeployPeriod::Annually, "Yearly"),
                        ]
                        .into_iter()
                        .map(|(p, label)| (p.as_str().to_string(), label.to_string()))
                        .collect(),
                    )
                    .initial("monthly"),
                ],
            },
            Step {
                title: "System and software",
                note: Some("Only what HOSTKEY lists for the chosen preset is offered.".into()),
                fields: vec![
                    Field::select_with("os", "Operating system", os),
                    Field::select_with("software", "Extra software", software).initial(NO_SOFTWARE),
                ],
            },
            Step {
                title: "Traffic plan",
                note: None,
                fields: vec![Field::select_with("traffic", "Traffic plan", traffic)],
            },
            Step {
                title: "Access",
                note: Some("The root password goes to HOSTKEY only; the panel neither shows nor keeps it.".into()),
                fields: vec![
                    Field::new("hostname", "Host name", FieldKind::Text { placeholder: "web1.example.com" })
                        .hint("The panel recognises the order on its invoice by this name."),
                    Field::new("root-password", "Root password", FieldKind::Password).hint(
                        "At least 8 characters, upper- and lower-case letters and a special character (such as @, #, !).",
                    ),
                    Field::new(
                        "ssh-key",
                        "SSH public key (optional)",
                        FieldKind::Textarea { placeholder: "ssh-ed25519 AAAAC3Nz… you@laptop" },
                    ),
                ],
            },
        ]
    }

    fn price(offer: &Offer, values: &Values) -> Option<Result<String, String>> {
        let location = value(values, "location");
        let preset = offer.preset(location, value(values, "preset"))?;
        let months = period(values).months();
        let Some(monthly) = preset
            .price_in(location, EUR)
            .map(|m| m.amount)
            .or_else(|| preset.monthly_com.and_then(Decimal::from_f64_retain))
        else {
            return Some(Err("HOSTKEY lists no price for this preset here.".into()));
        };
        let mut total = monthly * Decimal::from(months);
        if let Some(Fit::Ready { os, traffic, .. }) = offer.fit(values) {
            if let Some(licence) = os
                .iter()
                .find(|o| o.id == value(values, "os"))
                .and_then(|o| o.price_for(EUR, months))
            {
                total += licence.amount;
            }
            if let Some(plan) = traffic
                .iter()
                .find(|t| t.id == value(values, "traffic"))
                .and_then(|t| t.price)
                .and_then(Decimal::from_f64_retain)
            {
                total += plan * Decimal::from(months);
            }
        }
        let span = if months == 1 {
            "1 month".to_string()
        } else {
            format!("{months} months")
        };
        Some(Ok(format!(
            "{} for {span}, before VAT (the invoice has the final amount)",
            money(total.round_dp(2))
        )))
    }

    fn terms(offer: &Offer) -> String {
        let credit = offer
            .credit
            .as_ref()
            .map(|c| format!(" Your credit: {}.", money(c.amount)))
            .unwrap_or_default();
        format!(
            "HOSTKEY issues an invoice for the order; with automatic payment on and enough credit it is paid at once, otherwise pay it from your credit or on the Billing page. The server is deployed once it is paid (10–30 minutes).{credit}"
        )
    }

    fn check(offer: &Offer, values: &Values) -> Result<Checked, Errors> {
        let mut errors = Errors::new();
        let location = required(values, &mut errors, "location", "Choose a location.");
        let preset = required(values, &mut errors, "preset", "Choose a preset.");
        let os = required(values, &mut errors, "os", "Choose an operating system.");
        let traffic = required(values, &mut errors, "traffic", "Choose a traffic plan.");
        let hostname = required(
            values,
            &mut errors,
            "hostname",
            "The host name is required: the panel finds the order by it.",
        );
        let software = Some(value(values, "software").to_string())
            .filter(|s| !s.is_empty() && s != NO_SOFTWARE);
        let ssh_key = Some(value(values, "ssh-key").to_string()).filter(|k| !k.is_empty());
        if let Some(key) = &ssh_key {
            let shaped = KEY_TYPES.iter().any(|t| key.starts_with(t))
                && key
                    .split_whitespace()
                    .nth(1)
                    .is_some_and(|body| body.starts_with("AAAA"));
            if !shaped || key.lines().count() > 1 {
                errors.insert(
                    "ssh-key",
                    "The SSH key must be one OpenSSH line of type ssh-ed25519, ssh-rsa or ecdsa-sha2-nistp256/384/521.".into(),
                );
            }
        }
        let request = HostkeyOrder {
            // Missing choices are flagged above; stand-ins let HOSTKEY's own
            // rules check the rest of the form at the same time.
            preset: preset.clone().unwrap_or_else(|| "1".into()),
            location: location.clone().unwrap_or_else(|| "NL".into()),
            os_id: os.clone().unwrap_or_else(|| "1".into()),
            soft_id: software,
            traffic_plan: traffic.clone().unwrap_or_else(|| "1".into()),
            period: period(values).as_str().into(),
            hostname: hostname.clone().unwrap_or_else(|| "host".into()),
            ssh_key,
            root_pass: Secret::new(values.get("root-password").cloned().unwrap_or_default()),
        };
        provider_rule(
            &mut errors,
            &[
                ("preset", "preset", "The preset"),
                ("location_name", "location", "The location"),
                ("os_id", "os", "The operating system"),
                ("soft_id", "software", "The software"),
                ("traffic_plan", "traffic", "The traffic plan"),
                ("root_pass", "root-password", "The root password"),
                ("hostname", "hostname", "The host name"),
            ],
            "hostname",
            request.order().and_then(|o| o.validate()),
        );
        let (Some(location), Some(preset_id), Some(_), Some(_), Some(hostname)) =
            (location, preset, os, traffic, hostname)
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let preset_name = offer
            .preset(&location, &preset_id)
            .map(|p| p.name.clone())
            .unwrap_or(preset_id);
        let os_name = match offer.fit(values) {
            Some(Fit::Ready { os, .. }) => os
                .iter()
                .find(|o| o.id == request.os_id)
                .map(|o| o.name.clone())
                .unwrap_or_default(),
            _ => String::new(),
        };
        Ok(Checked {
            summary: format!(
                "{hostname} · {preset_name} · {os_name} · {location} · {}",
                request.period
            ),
            request: OrderRequest::Hostkey(request),
        })
    }
}
