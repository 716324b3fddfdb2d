//! HOSTKEY, a server's network: the switch port's state (link, speed, VLAN)
//! and the port's traffic graph for the last day, month or year, drawn from
//! the image HOSTKEY sends (held in memory behind a `blob:` link).

use super::hostkey_follow::finish;
use crate::components::collection::Scope;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_fields::{field_view, Errors, Field, FieldKind, Inputs, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::{AppSession, Panel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::hostkey::CactiGraph;
use providers::ProviderError;
use std::rc::Rc;

/// The switch port's state.
pub struct PortStatus;

impl Tool for PortStatus {
    type Input = ();
    const TITLE: &'static str = "Switch port status";
    const ID: &'static str = "hostkey-port-status";
    const SUBMIT: &'static str = "Read the port status";
    const RUNNING: &'static str = "Asking HOSTKEY for the port status";

    fn about() -> Option<&'static str> {
        Some("The link and speed of the server's main network port, as the switch sees it. Uses the account's PIN.")
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        _: (),
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let accepted = session.hostkey(|a| a.port_status(server)).await?;
        let answer = finish(&session, &accepted, |line| progress.run(line)).await?;
        let port = answer
            .port_status()
            .ok_or_else(|| ProviderError::Provider {
                status: 200,
                message: format!(
                    "HOSTKEY's answer is not a port status: {}",
                    answer.scope.unwrap_or_default()
                ),
            })?;
        let or_dash = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .unwrap_or("—")
                .to_string()
        };
        let interface = or_dash(&port.interface);
        let link = or_dash(&port.status);
        let speed = port
            .speed
            .as_deref()
            .map(|s| format!("{s} Mbps"))
            .unwrap_or_else(|| "—".into());
        let rows = [
            ("Interface", interface.clone()),
            ("Link", link.clone()),
            ("Speed", speed.clone()),
            ("VLAN", or_dash(&port.vlan)),
            ("Switch", or_dash(&port.switch)),
            ("Switch port", or_dash(&port.port)),
            ("Speed limit", or_dash(&port.shape)),
            (
                "MAC addresses seen",
                if port.mac.is_empty() {
                    "—".into()
                } else {
                    port.mac.join(", ")
                },
            ),
        ];
        let output = rows
            .iter()
            .map(|(label, value)| format!("{label:<19}{value}"))
            .collect::<Vec<_>>()
            .join("\n");
        Ok(Ran {
            message: format!("{interface}: {link}, {speed}."),
            output: Some(output),
            ..Ran::default()
        })
    }
}

/// A traffic graph on screen: its `blob:` link and what it shows.
#[derive(Clone)]
struct Graph {
    url: String,
    caption: String,
}

/// The port's traffic graph for a chosen period, shown as an image.
pub fn traffic_graph(scope: Scope) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let scope = StoredValue::new(scope);
    let fields = vec![
        Field::new(
            "graph-port",
            "Interface",
            FieldKind::Text {
                placeholder: "eth0",
            },
        )
        .initial("eth0"),
        Field::select(
            "graph-period",
            "Period",
            vec![
                ("1".into(), "The last day".into()),
                ("2".into(), "The last month".into()),
                ("3".into(), "The last year".into()),
            ],
        )
        .initial("1"),
    ];
    let inputs = Inputs::new(&fields);
    let errors = RwSignal::new(Errors::new());
    let running = RwSignal::new(false);
    let graph = RwSignal::new(None::<Graph>);
    let failed = RwSignal::new(None::<ProviderError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if running.get_untracked() {
            return;
        }
        let (port, period) = match check_graph(&inputs.values()) {
            Ok(chosen) => chosen,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Errors::new());
        let Some(session) = panel.session(&scope.read_value().account) else {
            return;
        };
        running.set(true);
        failed.set(None);
        spawn_local(async move {
            let scope = scope.get_value();
            let fetched = match scope.server() {
                Ok(server) => {
                    session
                        .hostkey(|a| a.show_cacti(server, &port, period))
                        .await
                }
                Err(e) => Err(e),
            };
            running.set(false);
            match fetched.and_then(|doc| image_url(&doc.bytes, &doc.content_type)) {
                Ok(url) => {
                    if let Some(old) = graph.get_untracked() {
                        let _ = web_sys::Url::revoke_object_url(&old.url);
                    }
                    graph.set(Some(Graph {
                        url,
                        caption: format!("Traffic on {port}, {}", period_name(period)),
                    }));
                }
                Err(e) => failed.set(Some(e)),
            }
        });
    };
    on_cleanup(move || {
        if let Some(old) = graph.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old.url);
        }
    });
    view! {
        <section class="card tool" data-testid="hostkey-traffic" aria-labelledby="hostkey-traffic-title">
            <h2 id="hostkey-traffic-title">"Traffic graph"</h2>
            <p class="muted small">"The port's traffic in and out, as HOSTKEY's monitoring draws it. Uses the account's PIN."</p>
            <form class="tool-form" novalidate on:submit=submit>
                <div class="grid-2">
                    {fields.into_iter().map(|f| field_view(f, inputs, errors)).collect_view()}
                </div>
                <button type="submit" class="btn primary" data-testid="traffic-show" disabled=move || running.get()>"Show the graph"</button>
            </form>
            {move || running.get().then(|| view! {
                <p class="progress-line" role="status" data-testid="traffic-running"><span class="spinner" aria-hidden="true"></span>" Fetching the graph…"</p>
            })}
            {move || failed.get().map(|e| view! { <ErrorNotice error=e /> })}
            {move || graph.get().map(|g| view! {
                <figure class="traffic-graph">
                    <img src=g.url alt=g.caption.clone() data-testid="traffic-image" style="max-width: 100%; height: auto;" />
                    <figcaption class="muted small" data-testid="traffic-caption">{g.caption}</figcaption>
                </figure>
            })}
        </section>
    }
}

/// The interface and period the form describes, or the rules it breaks.
fn check_graph(values: &Values) -> Result<(String, CactiGraph), Errors> {
    let mut errors = Errors::new();
    let port = values
        .get("graph-port")
        .map(|p| p.trim().to_string())
        .unwrap_or_default();
    if port.is_empty()
        || !port
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-_:/".contains(c))
    {
        errors.insert(
            "graph-port",
            "Give the interface name, such as eth0 (letters, digits, “.”, “-”, “_”, “:” or “/”)."
                .into(),
        );
    }
    let period = values
        .get("graph-period")
        .and_then(|p| p.parse::<u8>().ok())
        .and_then(|n| CactiGraph::from_number(n).ok());
    match period {
        Some(period) if errors.is_empty() => Ok((port, period)),
        Some(_) => Err(errors),
        None => {
            errors.insert("graph-period", "Choose a day, a month or a year.".into());
            Err(errors)
        }
    }
}

/// "the last day", "the last month", "the last year".
fn period_name(graph: CactiGraph) -> &'static str {
    match graph {
        CactiGraph::Daily => "the last day",
        CactiGraph::Monthly => "the last month",
        CactiGraph::Annual => "the last year",
    }
}

/// A `blob:` link to image bytes held by the browser.
fn image_url(bytes: &[u8], content_type: &str) -> Result<String, ProviderError> {
    let refused = |what: &str| ProviderError::Transport {
        message: format!("the browser refused {what}"),
        timed_out: false,
    };
    if !content_type.starts_with("image/") {
        return Err(ProviderError::Provider {
            status: 200,
            message: format!("HOSTKEY sent {content_type}, not an image"),
        });
    }
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| refused("to hold the image"))?;
    web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| refused("a link to the image"))
}
