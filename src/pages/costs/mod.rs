//! The monthly cost summary at `/costs`: every visible server's monthly cost,
//! summed per provider and in total, in one currency the user picks. Rates
//! are typed in (kept on this device) or fetched from LNVPS's exchange-rate
//! feed. Servers without a price, in a currency without a rate, or of an
//! account that has not loaded are listed by name, never silently skipped.

mod lookup;
mod summary;

use crate::services::rates;
use crate::state::{LoadStatus, Panel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use providers::{Currency, Money, ProviderError, ProviderId};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use summary::{Rates, Summary};

/// Currencies always offered as the one to sum in.
const COMMON: [&str; 4] = ["EUR", "USD", "GBP", "BTC"];

/// Reads a rate field: a positive decimal number.
fn parse_rate(text: &str) -> Result<Option<Decimal>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<Decimal>() {
        Ok(r) if r > Decimal::ZERO => Ok(Some(r)),
        _ => Err(format!(
            "must be a number above zero, such as 0.25; `{text}` is not"
        )),
    }
}

/// A rate from LNVPS's feed as an exact decimal (its shortest decimal form).
fn rate_from_feed(rate: f64) -> Option<Decimal> {
    format!("{rate}")
        .parse::<Decimal>()
        .ok()
        .filter(|r| *r > Decimal::ZERO)
}

/// The cost summary page.
#[component]
pub fn CostsPage() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let target = RwSignal::new(rates::currency());
    let stored = RwSignal::new(rates::all());
    // What is typed in each rate field, by source currency (reset when the target changes).
    let texts = RwSignal::new(BTreeMap::<Currency, String>::new());
    let field_errors = RwSignal::new(BTreeMap::<Currency, String>::new());
    let feed_errors = RwSignal::new(Vec::<String>::new());
    let fetching = RwSignal::new(false);
    let lookup = RwSignal::new(lookup::Lookup::default());
    let can_look_up = move || {
        panel
            .rows()
            .iter()
            .any(|r| r.server.monthly_cost.is_none() && lookup::can_look_up(r.server.provider))
    };
    let start_lookup = move |_| {
        if lookup.get_untracked().running {
            return;
        }
        spawn_local(lookup::look_up(panel, panel.rows(), lookup));
    };

    let present = Memo::new(move |_| {
        panel
            .rows()
            .iter()
            .filter_map(|r| r.server.monthly_cost.as_ref().map(|m| m.currency.clone()))
            .collect::<BTreeSet<Currency>>()
    });
    let sources = Memo::new(move |_| {
        let t = target.get();
        present
            .get()
            .into_iter()
            .filter(|c| *c != t)
            .collect::<Vec<_>>()
    });
    Effect::new(move |_| {
        let t = target.get();
        let all = stored.get_untracked();
        texts.set(
            sources
                .get()
                .into_iter()
                .map(|c| {
                    let text = all
                        .get(&(c.clone(), t.clone()))
                        .map(|r| r.normalize().to_string())
                        .unwrap_or_default();
                    (c, text)
                })
                .collect(),
        );
        field_errors.set(BTreeMap::new());
    });
    let active_rates = Memo::new(move |_| {
        let t = target.get();
        stored.with(|all| {
            all.iter()
                .filter(|((_, to), _)| *to == t)
                .map(|((from, _), r)| (from.clone(), *r))
                .collect::<Rates>()
        })
    });
    let summary =
        Memo::new(move |_| summary::summarise(&panel.rows(), &target.get(), &active_rates.get()));

    let set_rate = move |from: Currency, text: String| {
        texts.update(|t| {
            t.insert(from.clone(), text.clone());
        });
        let to = target.get_untracked();
        match parse_rate(&text) {
            Ok(rate) => {
                rates::set(&from, &to, rate);
                stored.set(rates::all());
                field_errors.update(|e| {
                    e.remove(&from);
                });
            }
            Err(reason) => field_errors.update(|e| {
                e.insert(from.clone(), format!("Rate {from} → {to} {reason}."));
            }),
        }
    };

    let lnvps_account = move || {
        panel
            .visible_accounts()
            .into_iter()
            .find(|a| a.account.provider == ProviderId::Lnvps)
            .map(|a| a.account.id)
    };
    let fetch_rates = move |_| {
        let Some(session) = lnvps_account().and_then(|id| panel.session(&id)) else {
            return;
        };
        let to = target.get_untracked();
        let wanted = sources.get_untracked();
        fetching.set(true);
        feed_errors.set(Vec::new());
        spawn_local(async move {
            let mut problems = Vec::new();
            for from in wanted {
                let answer = session.lnvps(|api| api.exchange_rate(from.code())).await;
                match answer.map(|r| r.rates.get(to.code()).copied().and_then(rate_from_feed)) {
                    Ok(Some(rate)) => {
                        rates::set(&from, &to, Some(rate));
                        texts.update(|t| {
                            t.insert(from.clone(), rate.normalize().to_string());
                        });
                    }
                    Ok(None) => problems.push(format!(
                        "LNVPS gives no {from} → {to} rate: enter it by hand."
                    )),
                    Err(ProviderError::Validation { reason, .. }) => problems.push(format!(
                        "LNVPS has no rates for {from} ({reason}): enter it by hand."
                    )),
                    Err(e) => problems.push(format!("{from}: {e}")),
                }
            }
            stored.set(rates::all());
            fetching.set(false);
            feed_errors.set(problems);
        });
    };

    let choices = move || {
        let mut all: BTreeSet<Currency> = present.get();
        all.extend(COMMON.iter().map(|c| Currency::new(c)));
        all.insert(target.get());
        all.into_iter().collect::<Vec<_>>()
    };
    let not_loaded = move || {
        let accounts = panel.visible_accounts();
        panel.fleet.with(|f| {
            accounts
                .into_iter()
                .filter(|a| {
                    !matches!(
                        f.get(&a.account.id).map(|x| &x.status),
                        Some(LoadStatus::Ready)
                    )
                })
                .map(|a| a.account.label)
                .collect::<Vec<_>>()
        })
    };

    view! {
        <section class="page costs">
            <div class="page-head">
                <h1 data-testid="costs-title">"Monthly costs"</h1>
            </div>
            <p class="muted">"Every server the fleet view shows, at its provider's monthly price, converted with the rates below."</p>
            <section class="card" aria-labelledby="rates-title">
                <h2 id="rates-title">"Currency and rates"</h2>
                <div class="inline-form">
                    <label class="field">
                        <span>"Sum in"</span>
                        <select data-testid="cost-currency" prop:value=move || target.get().code().to_string()
                            on:change=move |ev| {
                                let c = Currency::new(&event_target_value(&ev));
                                rates::set_currency(&c);
                                target.set(c);
                            }>
                            {move || choices().into_iter().map(|c| {
                                let code = c.code().to_string();
                                let (mine, value) = (code.clone(), code.clone());
                                view! { <option value=value selected=move || target.get().code() == mine>{code}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    {move || lnvps_account().map(|_| view! {
                        <button class="btn" data-testid="rates-from-lnvps" disabled=move || fetching.get() || sources.get().is_empty()
                            on:click=fetch_rates>
                            {move || if fetching.get() { "Asking LNVPS…" } else { "Fill in LNVPS's rates" }}
                        </button>
                    })}
                </div>
                {move || {
                    let t = target.get();
                    let list = sources.get();
                    if list.is_empty() {
                        return view! { <p class="muted small">"Every priced server is already in this currency."</p> }.into_any();
                    }
                    view! {
                        <div class="rate-grid">
                            {list.into_iter().map(|from| {
                                let code = from.code().to_string();
                                let f1 = from.clone();
                                let f2 = from.clone();
                                let f3 = from.clone();
                                let input_id = format!("rate-{code}");
                                let label_for = input_id.clone();
                                view! {
                                    <label class="field" for=label_for>
                                        <span>{format!("1 {code} = ? {t}")}</span>
                                        <input id=input_id type="text" inputmode="decimal" data-testid=format!("rate-{code}")
                                            aria-invalid=move || field_errors.with(|e| e.contains_key(&f1)).to_string()
                                            prop:value=move || texts.with(|t| t.get(&f2).cloned().unwrap_or_default())
                                            on:input=move |ev| set_rate(f3.clone(), event_target_value(&ev)) />
                                    </label>
                                }
                            }).collect_view()}
                        </div>
                    }.into_any()
                }}
                {move || field_errors.get().into_values().map(|e| view! {
                    <p class="field-error" role="alert" data-testid="rate-error">{e}</p>
                }).collect_view()}
                {move || feed_errors.get().into_iter().map(|e| view! {
                    <p class="notice warn" role="status" data-testid="feed-error">{e}</p>
                }).collect_view()}
            </section>
            {move || {
                let waiting = not_loaded();
                (!waiting.is_empty()).then(|| view! {
                    <p class="notice warn" role="status" data-testid="costs-not-loaded">
                        {format!("Not loaded yet, so not counted: {}.", waiting.join(", "))}
                    </p>
                })
            }}
            <div class="row">
                <button class="btn" data-testid="lookup-prices" disabled=move || lookup.get().running || !can_look_up()
                    on:click=start_lookup>"Look up missing prices"</button>
                <span class="muted small">"HOSTKEY and CyberPanel list servers without prices; this asks for each one."</span>
            </div>
            {move || {
                let l = lookup.get();
                (l.total > 0).then(|| view! {
                    <div class="lookup" role="status" data-testid="lookup-progress" data-done=l.done.to_string() data-running=l.running.to_string()>
                        <progress max=l.total.to_string() value=l.done.to_string()></progress>
                        <span>{if l.running { format!(" Looking up prices: {} of {}", l.done, l.total) } else { format!(" Looked up {} prices", l.total) }}</span>
                        {l.failed.into_iter().map(|f| view! { <p class="field-error">{f}</p> }).collect_view()}
                    </div>
                })
            }}
            {move || view! { <SummaryView summary=summary.get() /> }}
        </section>
    }
}

/// Sums of one currency per code, as `30.00 EUR + 12.50 USD`.
fn originals(sums: &BTreeMap<Currency, Decimal>) -> String {
    sums.iter()
        .map(|(c, a)| Money::new(*a, c.clone()).to_string())
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The per-provider table, the total, and the servers left out.
#[component]
fn SummaryView(summary: Summary) -> impl IntoView {
    let total = summary.total.clone();
    let left_out = summary.left_out.clone();
    view! {
        <section class="card" aria-labelledby="sum-title">
            <h2 id="sum-title">"Per provider"</h2>
            <div class="table-wrap plain">
                <table class="data" data-testid="cost-table">
                    <caption class="visually-hidden">"Monthly cost per provider"</caption>
                    <thead><tr>
                        <th scope="col">"Provider"</th>
                        <th scope="col" class="num">"Servers"</th>
                        <th scope="col" class="num">"In their currencies"</th>
                        <th scope="col" class="num">{format!("In {}", total.currency)}</th>
                    </tr></thead>
                    <tbody>
                        {summary.providers.iter().map(|p| view! {
                            <tr data-testid="cost-provider" data-provider=p.provider.slug()>
                                <td><span class=format!("provider-tag {}", p.provider.slug())>{p.provider.display_name()}</span></td>
                                <td class="num">{p.counted}</td>
                                <td class="num">{originals(&p.original)}</td>
                                <td class="num" data-testid="cost-provider-total" data-amount=p.total.amount.to_string()>{p.total.to_string()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot>
                        <tr class="total">
                            <th scope="row">"Total"</th>
                            <td class="num" data-testid="cost-counted">{summary.counted}</td>
                            <td></td>
                            <td class="num" data-testid="cost-total" data-amount=total.amount.to_string()
                                data-currency=total.currency.code().to_string()>{total.to_string()}</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="muted small">"Each sum is converted exactly and rounded once, to the cent (or satoshi)."</p>
        </section>
        {(!left_out.is_empty()).then(move || view! {
            <section class="card" aria-labelledby="left-out-title" data-testid="left-out">
                <h2 id="left-out-title">{format!("Not in the total: {} servers", left_out.len())}</h2>
                <ul class="plain-list">
                    {left_out.into_iter().map(|l| {
                        let server = &l.row.server;
                        let href = format!("/server/{}/{}", l.row.account_id, server.id);
                        let name = server.name.clone();
                        let slug = server.provider.slug();
                        let why = format!(" · {} · {} — {}", server.provider.display_name(), l.row.account_label, l.reason);
                        view! {
                            <li data-testid="left-out-row" data-provider=slug>
                                <A href=href>{name}</A>
                                <span class="muted">{why}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
