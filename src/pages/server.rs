//! A server's page: details, power actions followed until the state changes,
//! metric charts with auto-refresh, capabilities, and the requests sent.

use super::tools::server_sections;
use crate::components::collection::Scope;
use crate::components::dialog::Dialog;
use crate::components::error_notice::ErrorNotice;
use crate::components::metric_chart::MetricChart;
use crate::components::request_view::RequestView;
use crate::components::status_badge::StatusBadge;
use crate::format;
use crate::state::activity::{self, Activity};
use crate::state::power::under_way;
use crate::state::{AppSession, Panel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use providers::driver::SentRequest;
use providers::{
    Action, Capabilities, MetricKind, MetricRange, MetricSeries, PowerAction, ProviderError,
    Server, Support,
};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The outcome of the last action on this page.
#[derive(Clone, PartialEq)]
enum Outcome {
    Done(String),
    Failed(ProviderError),
}

/// The server page at `/server/:account/:server`.
#[component]
pub fn ServerPage() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let params = use_params_map();
    let account_id = Memo::new(move |_| params.with(|p| p.get("account")).unwrap_or_default());
    let server_id = Memo::new(move |_| params.with(|p| p.get("server")).unwrap_or_default());

    let server = RwSignal::new(None::<Server>);
    let load_error = RwSignal::new(None::<ProviderError>);
    let busy = RwSignal::new(None::<String>);
    let outcome = RwSignal::new(None::<Outcome>);
    let requests = RwSignal::new(Vec::<SentRequest>::new());
    let show_requests = RwSignal::new(false);
    let confirm = RwSignal::new(None::<PowerAction>);
    let confirm_open = RwSignal::new(false);

    let session = move || panel.session(&account_id.get_untracked());

    let load = move || {
        let Some(session) = session() else {
            load_error.set(Some(ProviderError::NotFound {
                message: "this account is not in the panel (it may be locked in the vault)".into(),
            }));
            return;
        };
        let id = server_id.get_untracked();
        spawn_local(async move {
            let mark = session.mark();
            match session.server(&id).await {
                Ok(s) => {
                    server.set(Some(s));
                    load_error.set(None);
                }
                Err(e) => load_error.set(Some(e)),
            }
            requests.set(session.sent_since(mark));
        });
    };

    Effect::new(move |_| {
        let (acc, id) = (account_id.get(), server_id.get());
        let cached = panel.fleet.with_untracked(|f| {
            f.get(&acc)
                .and_then(|a| a.servers.iter().find(|s| s.id == id).map(|s| (**s).clone()))
        });
        server.set(cached);
        outcome.set(None);
        load();
    });

    let run_power = move |action: PowerAction| {
        let Some(session) = session() else { return };
        let id = server_id.get_untracked();
        let acc = account_id.get_untracked();
        busy.set(Some(format!("{}…", under_way(action))));
        outcome.set(None);
        spawn_local(async move {
            let mark = session.mark();
            let result = session
                .power_and_wait(&id, action, |s| {
                    busy.set(Some(format!(
                        "{} — now {}",
                        under_way(action),
                        s.raw_status
                    )));
                    server.set(Some(s.clone()));
                })
                .await;
            requests.set(session.sent_since(mark));
            busy.set(None);
            let name = server.with_untracked(|s| s.as_ref().map(|s| s.name.clone()));
            let log = Activity::new(action.label())
                .account(session.account())
                .target(name.unwrap_or_else(|| id.clone()));
            match result {
                Ok(s) => {
                    let done = format!("{} is {}.", s.name, s.status.label());
                    activity::record(log.ok(done.clone()));
                    outcome.set(Some(Outcome::Done(done)));
                    panel.replace_server(&acc, &s);
                    server.set(Some(s));
                }
                Err(e) => {
                    activity::record(log.failed(e.to_string()));
                    outcome.set(Some(Outcome::Failed(e)));
                }
            }
        });
    };

    let ask = move |action: PowerAction| {
        if action == PowerAction::Start {
            run_power(action);
        } else {
            confirm.set(Some(action));
            confirm_open.set(true);
        }
    };

    // A memo: a reloaded server leaves the sections below (and what they show) in place.
    let provider_memo = Memo::new(move |_| server.with(|s| s.as_ref().map(|s| s.provider)));
    let provider = move || provider_memo.get();
    let power_supported =
        move || provider().is_some_and(|p| Capabilities::of(p).supports(Action::Power));

    view! {
        <section class="page server">
            <nav class="crumbs" aria-label="Breadcrumb">
                <A href="/">"Fleet"</A>" / "
                <A href=move || format!("/account/{}", account_id.get())>
                    {move || panel.account(&account_id.get()).map(|a| a.account.label).unwrap_or_default()}
                </A>
            </nav>
            {move || match server.get() {
                None => match load_error.get() {
                    Some(e) => view! { <ErrorNotice error=e on_retry=Callback::new(move |_| load()) /> }.into_any(),
                    None => view! { <p class="muted"><span class="spinner"></span>" Loading the server…"</p> }.into_any(),
                },
                Some(s) => view! {
                    <div class="page-head">
                        <h1 data-testid="server-name">{s.name.clone()}</h1>
                        <StatusBadge status=s.status raw=s.raw_status.clone() />
                        <span class=format!("provider-tag {}", s.provider.slug())>{s.provider.display_name()}</span>
                    </div>
                    <p class="muted mono">{format!("id {}", s.id)}</p>
                }.into_any(),
            }}
            {move || load_error.get().filter(|_| server.with(|s| s.is_some())).map(|e| view! {
                <ErrorNotice error=e on_retry=Callback::new(move |_| load()) />
            })}

            <div class="actions" role="group" aria-label="Power">
                {[PowerAction::Start, PowerAction::Stop, PowerAction::Restart].into_iter().map(|a| view! {
                    <button class=format!("btn {}", if a == PowerAction::Start { "primary" } else { "" })
                        data-testid=format!("power-{}", a.label())
                        disabled=move || busy.get().is_some() || !power_supported() || !applicable(a, server.with(|s| s.as_ref().map(|s| s.status)))
                        on:click=move |_| ask(a)>
                        {capitalise(a.label())}
                    </button>
                }).collect_view()}
                <button class="btn ghost" data-testid="show-requests" on:click=move |_| show_requests.set(true)>"Show request"</button>
                <button class="btn ghost" data-testid="reload-server" disabled=move || busy.get().is_some() on:click=move |_| load()>"Reload"</button>
            </div>
            {move || busy.get().map(|b| view! {
                <p class="progress-line" role="status" data-testid="busy"><span class="spinner" aria-hidden="true"></span>" "{b}</p>
            })}
            {move || outcome.get().map(|o| match o {
                Outcome::Done(text) => view! { <p class="notice ok" role="status" data-testid="outcome">{text}</p> }.into_any(),
                Outcome::Failed(e) => view! { <ErrorNotice error=e /> }.into_any(),
            })}

            {move || server.get().map(|s| view! { <Details server=s /> })}
            {move || provider().map(|p| view! {
                <Metrics provider=p session=session() server_id=server_id.get() />
                {server_sections(p, Scope { account: account_id.get(), server: Some(server_id.get()) })}
                <CapabilityList provider=p />
            })}
            {move || server.get().map(|s| view! {
                <details class="raw">
                    <summary>"Everything the provider says about this server"</summary>
                    <pre data-testid="raw">{serde_json::to_string_pretty(&s.raw).unwrap_or_default()}</pre>
                </details>
            })}

            <Dialog open=confirm_open title="Confirm" testid="confirm-dialog">
                {move || confirm.get().map(|a| {
                    let name = server.with(|s| s.as_ref().map(|s| s.name.clone()).unwrap_or_default());
                    view! {
                        <p>{format!("{} {name}? ", capitalise(a.label()))}
                            {if a == PowerAction::Stop { "Everything running on it stops until it is started again." } else { "It will be unreachable while it reboots." }}
                        </p>
                        <div class="dialog-actions">
                            <button class="btn" on:click=move |_| confirm_open.set(false)>"Cancel"</button>
                            <button class="btn danger" data-testid="confirm" autofocus on:click=move |_| {
                                confirm_open.set(false);
                                run_power(a);
                            }>{capitalise(a.label())}</button>
                        </div>
                    }
                })}
            </Dialog>
            <Dialog open=show_requests title="Requests sent" testid="requests-dialog">
                {move || view! { <RequestView requests=requests.get() /> }}
            </Dialog>
        </section>
    }
}

/// Whether a power action makes sense in a status (start a stopped server, …).
fn applicable(action: PowerAction, status: Option<providers::ServerStatus>) -> bool {
    status.is_some_and(|s| crate::state::power::not_applicable(action, s).is_none())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The server's facts.
#[component]
fn Details(server: Server) -> impl IntoView {
    let now = format::now_secs();
    let rows: Vec<(&str, String)> = vec![
        (
            "IP addresses",
            if server.ips.is_empty() {
                "—".into()
            } else {
                server.ips.join(", ")
            },
        ),
        ("Plan", server.plan.clone().unwrap_or_else(|| "—".into())),
        (
            "Region",
            server.region.clone().unwrap_or_else(|| "—".into()),
        ),
        (
            "CPU",
            server
                .specs
                .cpu_cores
                .map(|c| format!("{c} cores"))
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "Memory",
            server
                .specs
                .memory_bytes
                .map(format::bytes)
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "Disk",
            server
                .specs
                .disk_bytes
                .map(format::bytes)
                .unwrap_or_else(|| "—".into()),
        ),
        ("Monthly cost", format::money(server.monthly_cost.as_ref())),
        (
            "Created",
            server
                .created
                .map(format::date_time)
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "Expires",
            server
                .expires
                .map(|t| format!("{} ({})", format::date_time(t), format::relative(t, now)))
                .unwrap_or_else(|| "—".into()),
        ),
        ("Provider status", server.raw_status.clone()),
        (
            "Tags",
            if server.tags.is_empty() {
                "—".into()
            } else {
                server.tags.join(", ")
            },
        ),
    ];
    view! {
        <dl class="details" data-testid="details">
            {rows.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
        </dl>
    }
}

/// What this provider can and cannot do, with the reasons.
#[component]
fn CapabilityList(provider: providers::ProviderId) -> impl IntoView {
    view! {
        <section class="card capabilities" data-testid="capabilities">
            <h2>{format!("What {} offers", provider.display_name())}</h2>
            <ul class="caps">
                {Capabilities::of(provider).all().map(|(action, support)| match support {
                    Support::Yes => view! { <li class="cap yes"><span aria-hidden="true">"✓ "</span>{action.label()}</li> }.into_any(),
                    Support::No(reason) => view! {
                        <li class="cap no" data-testid=format!("unsupported-{action:?}")>
                            <button class="btn small" disabled title=reason>{action.label()}</button>
                            <span class="reason">{reason}</span>
                        </li>
                    }.into_any(),
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Seconds between refreshes of history charts and of live samples.
const HISTORY_REFRESH_SECS: u64 = 60;
const LIVE_REFRESH_SECS: u64 = 10;
/// Live samples kept per series.
const LIVE_POINTS: usize = 360;

/// The metrics section: one chart per kind, with range choice and auto-refresh.
#[component]
fn Metrics(
    provider: providers::ProviderId,
    session: Option<Rc<AppSession>>,
    server_id: String,
) -> impl IntoView {
    let caps = Capabilities::of(provider);
    let kinds = caps.metric_kinds();
    if let Support::No(reason) = caps.support(Action::Metrics) {
        return view! {
            <section class="card" data-testid="metrics-unsupported">
                <h2>"Metrics"</h2>
                <p class="muted">{reason}</p>
            </section>
        }
        .into_any();
    }
    let Some(session) = session else {
        return ().into_any();
    };
    let ranges = caps.metric_ranges();
    let live = ranges.is_empty();
    let range = RwSignal::new(ranges.first().copied().unwrap_or(MetricRange::Hour));
    let series: RwSignal<BTreeMap<MetricKind, MetricSeries>> = RwSignal::new(BTreeMap::new());
    let error = RwSignal::new(None::<ProviderError>);
    let auto = RwSignal::new(true);
    let session = StoredValue::new_local(session);
    let id = StoredValue::new(server_id);

    let fetch = move || {
        let session = session.get_value();
        let id = id.get_value();
        let r = range.get_untracked();
        spawn_local(async move {
            match session.metrics(&id, r).await {
                Ok(list) => {
                    error.set(None);
                    series.update(|map| {
                        for s in list {
                            let key = s.kind;
                            if live {
                                let entry = map.entry(key).or_insert_with(|| MetricSeries {
                                    points: Vec::new(),
                                    ..s.clone()
                                });
                                entry.points.extend(s.points);
                                let excess = entry.points.len().saturating_sub(LIVE_POINTS);
                                entry.points.drain(..excess);
                            } else {
                                map.insert(key, s);
                            }
                        }
                    });
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    Effect::new(move |_| {
        range.track();
        if !live {
            series.set(BTreeMap::new());
        }
        fetch();
    });
    let every = std::time::Duration::from_secs(if live {
        LIVE_REFRESH_SECS
    } else {
        HISTORY_REFRESH_SECS
    });
    if let Ok(handle) = set_interval_with_handle(
        move || {
            if auto.get_untracked() {
                fetch()
            }
        },
        every,
    ) {
        on_cleanup(move || handle.clear());
    }

    view! {
        <section class="card metrics" data-testid="metrics">
            <div class="section-head">
                <h2>"Metrics"</h2>
                <div class="segmented" role="group" aria-label="Range">
                    {if live {
                        view! { <span class="muted small">"Live readings, sampled every "{LIVE_REFRESH_SECS}" s while this page is open"</span> }.into_any()
                    } else {
                        ranges.iter().map(|r| {
                            let r = *r;
                            view! {
                                <button class="btn small" aria-pressed=move || (range.get() == r).to_string()
                                    on:click=move |_| range.set(r)>{format!("Last {}", r.as_str())}</button>
                            }
                        }).collect_view().into_any()
                    }}
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || auto.get() on:change=move |ev| auto.set(event_target_checked(&ev)) />
                    {format!(" Auto-refresh ({} s)", every.as_secs())}
                </label>
            </div>
            {move || error.get().map(|e| view! { <ErrorNotice error=e on_retry=Callback::new(move |_| fetch()) /> })}
            <div class="charts">
                {kinds.iter().map(|k| {
                    let k = *k;
                    let s = Signal::derive(move || series.with(|m| m.get(&k).cloned()));
                    view! { <MetricChart kind=k series=s /> }
                }).collect_view()}
            </div>
        </section>
    }
    .into_any()
}
