//! HOSTKEY's public catalogue on the account page: stock dedicated servers
//! ready to deploy (by location and group, and one in detail with its
//! prices) and the post-install tasks a reinstall or an order can run.

use super::{checked, numeric_id, required};
use crate::components::collection::{Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::hostkey::{Stock, StockGroup, LOCATIONS};
use providers::ProviderError;
use std::rc::Rc;

/// The billing periods stock prices are given for, in months.
const PERIODS: [u32; 4] = [1, 3, 6, 12];

/// The groups `stocks/list` takes, with what they hold.
const GROUPS: [(StockGroup, &str); 7] = [
    (StockGroup::All, "Every server"),
    (StockGroup::OneCpu, "One processor"),
    (StockGroup::TwoCpu, "Two processors"),
    (StockGroup::Gpu, "With GPUs"),
    (StockGroup::Amd, "AMD processors"),
    (StockGroup::AmdModern, "Modern AMD (Ryzen)"),
    (StockGroup::Intel, "Intel processors"),
];

/// The monthly price in euros, or a dash.
fn monthly(stock: &Stock) -> String {
    stock
        .price_for("EUR", 1)
        .map(|m| format!("{m}/month"))
        .unwrap_or_else(|| "—".into())
}

/// The hardware in one line.
fn config(stock: &Stock) -> String {
    stock
        .hardware
        .config
        .clone()
        .or_else(|| stock.hardware.cpu_name.clone())
        .unwrap_or_else(|| "—".into())
}

/// Where to look for stock servers.
pub struct StockQuery {
    location: String,
    group: StockGroup,
}

/// The stock servers of a location and group.
pub struct StockServers;

impl Tool for StockServers {
    type Input = StockQuery;
    const TITLE: &'static str = "Stock servers ready to deploy";
    const ID: &'static str = "hostkey-stocks";
    const SUBMIT: &'static str = "Show the servers";
    const RUNNING: &'static str = "Reading HOSTKEY's stock";

    fn about() -> Option<&'static str> {
        Some("Dedicated servers already built and waiting in a data centre; GPU servers appear only under “With GPUs” and “Every server”.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::select(
                "stock-location",
                "Location",
                LOCATIONS
                    .iter()
                    .map(|(code, name)| (code.to_string(), format!("{name} ({code})")))
                    .collect(),
            )
            .initial("NL"),
            Field::select(
                "stock-group",
                "Kind",
                GROUPS
                    .iter()
                    .map(|(g, label)| (g.as_str().to_string(), label.to_string()))
                    .collect(),
            )
            .initial(StockGroup::All.as_str()),
        ]
    }

    fn check(values: &Values) -> Result<StockQuery, Errors> {
        let mut errors = Errors::new();
        let location = required(values, &mut errors, "stock-location", "Choose a location.");
        if !location.is_empty() && !LOCATIONS.iter().any(|(code, _)| *code == location) {
            errors.insert(
                "stock-location",
                format!("“{location}” is not one of HOSTKEY's locations."),
            );
        }
        let group = required(
            values,
            &mut errors,
            "stock-group",
            "Choose a kind of server.",
        );
        let group = match group.parse::<StockGroup>() {
            Ok(g) => g,
            Err(_) => {
                if !group.is_empty() {
                    errors.insert(
                        "stock-group",
                        format!("“{group}” is not a kind HOSTKEY lists."),
                    );
                }
                StockGroup::All
            }
        };
        checked(errors, StockQuery { location, group })
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        query: StockQuery,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let stocks = session
            .hostkey_public(|a| a.stocks(&query.location, query.group))
            .await?;
        let lines: Vec<String> = stocks
            .iter()
            .map(|s| {
                let mut notes = Vec::new();
                if s.tag("hwraid").is_some() {
                    notes.push("RAID set up by hand, next business day");
                }
                if s.tag("no_autodeploy").is_some() {
                    notes.push("installed by hand");
                }
                let notes = if notes.is_empty() {
                    String::new()
                } else {
                    format!("  ({})", notes.join("; "))
                };
                format!("{:<8} {}  {}{notes}", s.id, config(s), monthly(s))
            })
            .collect();
        Ok(Ran {
            message: format!("{} stock server(s) in {}.", stocks.len(), query.location),
            output: Some(if lines.is_empty() {
                "(none of this kind right now)".into()
            } else {
                lines.join("\n")
            }),
            ..Ran::default()
        })
    }
}

/// One stock server in detail, with its prices.
pub struct StockDetails;

impl Tool for StockDetails {
    type Input = String;
    const TITLE: &'static str = "Details of a stock server";
    const ID: &'static str = "hostkey-stock-details";
    const SUBMIT: &'static str = "Show";
    const RUNNING: &'static str = "Reading the server";

    fn fields() -> Vec<Field> {
        vec![Field::new("stock-id", "Stock server id", FieldKind::Number)
            .hint("The first column of the list above.")]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        numeric_id(values, "stock-id", "The stock server id")
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        id: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let s = session.hostkey_public(|a| a.stock(&id)).await?;
        let h = &s.hardware;
        let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
        let cpu = match (h.cpu_count, &h.cpu_name, h.cpu_cores) {
            (Some(n), Some(name), Some(cores)) if n > 1 => {
                format!("{n} × {name}, {cores} cores in all")
            }
            (_, Some(name), Some(cores)) => format!("{name}, {cores} cores"),
            (_, name, _) => text(name),
        };
        let disks: Vec<String> = h
            .hdd_groups
            .iter()
            .map(|g| match g.count.unwrap_or(1) {
                n if n > 1 && !g.name.starts_with(&format!("{n}x")) => {
                    format!("{n} × {}", g.name)
                }
                _ => g.name.clone(),
            })
            .collect();
        let gpu = match (&h.gpu_name, h.gpu_count) {
            (Some(name), Some(n)) if n > 0 => format!("{n} × {name}"),
            _ => "none".into(),
        };
        let prices: Vec<String> = PERIODS
            .iter()
            .filter_map(|m| {
                s.price_for("EUR", *m).map(|p| {
                    let period = if *m == 1 {
                        "1 month".to_string()
                    } else {
                        format!("{m} months")
                    };
                    format!("{p} for {period}")
                })
            })
            .collect();
        let rows = [
            ("Name", s.name.clone()),
            (
                "Location",
                s.location
                    .as_ref()
                    .map(|l| l.code().to_string())
                    .unwrap_or_else(|| "—".into()),
            ),
            ("Processor", cpu),
            (
                "Memory",
                h.ram
                    .map(|r| format!("{r} GB {}", h.ram_type.clone().unwrap_or_default()))
                    .unwrap_or_else(|| "—".into()),
            ),
            (
                "Disks",
                if disks.is_empty() {
                    "—".into()
                } else {
                    disks.join(", ")
                },
            ),
            ("GPU", gpu),
            ("Motherboard", text(&h.motherboard_name)),
            (
                "Benchmark",
                s.cpu_perf
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "—".into()),
            ),
            (
                "Disk layouts",
                if h.raid_levels.is_empty() {
                    "—".into()
                } else {
                    h.raid_levels.join(", ")
                },
            ),
            (
                "Remote control",
                s.tag("ipmi")
                    .map(|t| t.value.as_text())
                    .unwrap_or_else(|| "—".into()),
            ),
            (
                "Prices",
                if prices.is_empty() {
                    "—".into()
                } else {
                    prices.join("; ")
                },
            ),
        ];
        Ok(Ran {
            message: format!("Stock server {}: {}, {}.", s.id, config(&s), monthly(&s)),
            output: Some(
                rows.iter()
                    .map(|(label, value)| format!("{label:<15}{value}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            ..Ran::default()
        })
    }
}

/// The post-install tasks HOSTKEY can run after an install.
pub struct PostInstallTasks;

impl Collection for PostInstallTasks {
    type New = ();
    const TITLE: &'static str = "Post-install tasks";
    const ID: &'static str = "hostkey-post-install";
    const NOUN: &'static str = "post-install task";
    const COLUMNS: &'static [&'static str] = &["Id", "What it does", "For"];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("Standard jobs HOSTKEY can run once a server is installed; an order or a reinstall names one by its id.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let tasks = session.hostkey_public(|a| Ok(a.jenkins_tasks())).await?;
        Ok(tasks
            .into_iter()
            .map(|t| {
                let kinds: Vec<String> = t
                    .tags
                    .iter()
                    .filter(|tag| tag.tag != "default")
                    .map(|tag| match tag.tag.as_str() {
                        "vm" => "virtual servers".to_string(),
                        "bm" => "dedicated servers".to_string(),
                        "gpu" => "GPU servers".to_string(),
                        "vgpu" => "virtual GPU servers".to_string(),
                        other => other.to_string(),
                    })
                    .collect();
                let default = if t.tags.iter().any(|tag| tag.tag == "default") {
                    " (chosen by default)"
                } else {
                    ""
                };
                Item {
                    key: t.id.clone(),
                    cells: vec![
                        t.id.clone(),
                        t.desc.clone(),
                        format!("{}{default}", kinds.join(", ")),
                    ],
                    name: t.desc,
                }
            })
            .collect())
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}
