//! One metric series as an ECharts line chart (through `charming`).

use crate::services::echarts;
use charming::component::{Axis, Grid};
use charming::element::{AreaStyle, AxisLabel, AxisType, Tooltip, Trigger};
use charming::series::Line;
use charming::{Chart, WasmRenderer};
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::{MetricKind, MetricSeries, MetricUnit};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_ID: AtomicUsize = AtomicUsize::new(0);

/// Scales values to a readable unit: (divisor, suffix).
fn scale(unit: MetricUnit, max: f64) -> (f64, &'static str) {
    let per_second = unit == MetricUnit::BytesPerSecond;
    let steps: [(f64, &str, &str); 4] = [
        (1024.0 * 1024.0 * 1024.0, "GiB", "GiB/s"),
        (1024.0 * 1024.0, "MiB", "MiB/s"),
        (1024.0, "KiB", "KiB/s"),
        (1.0, "B", "B/s"),
    ];
    match unit {
        MetricUnit::Percent => (1.0, "%"),
        _ => steps
            .into_iter()
            .find(|(d, _, _)| max >= *d)
            .map(|(d, a, b)| (d, if per_second { b } else { a }))
            .unwrap_or((1.0, if per_second { "B/s" } else { "B" })),
    }
}

fn dark() -> bool {
    let doc = web_sys::window().and_then(|w| w.document());
    let attr = doc
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("data-theme"));
    match attr.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches()),
    }
}

fn chart(series: &MetricSeries) -> Chart {
    let max = series
        .points
        .iter()
        .map(|p| p.value)
        .fold(0.0_f64, f64::max);
    let (div, suffix) = scale(series.unit, max);
    let data: Vec<Vec<f64>> = series
        .points
        .iter()
        .map(|p| {
            vec![
                p.time.unix() as f64 * 1000.0,
                (p.value / div * 100.0).round() / 100.0,
            ]
        })
        .collect();
    Chart::new()
        .grid(Grid::new().left(56).right(16).top(16).bottom(28))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .x_axis(Axis::new().type_(AxisType::Time))
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .min(0)
                .axis_label(AxisLabel::new().formatter(format!("{{value}} {suffix}").as_str())),
        )
        .series(
            Line::new()
                .name(series.kind.label())
                .show_symbol(false)
                .smooth(0.3)
                .area_style(AreaStyle::new().opacity(0.15))
                .data(data),
        )
}

/// A chart of one series; re-draws when the series changes.
#[component]
pub fn MetricChart(kind: MetricKind, series: Signal<Option<MetricSeries>>) -> impl IntoView {
    let id = format!("chart-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    let instance: StoredValue<Option<charming::Echarts>, LocalStorage> =
        StoredValue::new_local(None);
    let error = RwSignal::new(None::<String>);
    let element_id = id.clone();
    Effect::new(move |_| {
        let Some(s) = series.get() else { return };
        let element_id = element_id.clone();
        spawn_local(async move {
            if let Err(e) = echarts::ensure().await {
                error.set(Some(e));
                return;
            }
            let chart = chart(&s);
            let existing = instance.with_value(|i| i.is_some());
            if existing {
                instance.with_value(|i| {
                    if let Some(echarts) = i {
                        WasmRenderer::update(echarts, &chart);
                    }
                });
            } else {
                let theme = if dark() {
                    charming::theme::Theme::Dark
                } else {
                    charming::theme::Theme::Default
                };
                match WasmRenderer::new_opt(None, Some(220))
                    .theme(theme)
                    .render(&element_id, &chart)
                {
                    Ok(echarts) => instance.set_value(Some(echarts)),
                    Err(e) => error.set(Some(format!("{e:?}"))),
                }
            }
        });
    });
    view! {
        <figure class="chart-card" data-testid=format!("chart-{}", kind_slug(kind))>
            <figcaption>{kind.label()}</figcaption>
            <div id=id class="chart"></div>
            {move || error.get().map(|e| view! { <p class="muted small">{format!("Chart unavailable: {e}")}</p> })}
            {move || series.get().filter(|s| s.points.is_empty()).map(|_| view! { <p class="muted small">"No samples yet."</p> })}
        </figure>
    }
}

/// A short name for test ids (`cpu`, `net_in`, …).
pub fn kind_slug(kind: MetricKind) -> &'static str {
    match kind {
        MetricKind::Cpu => "cpu",
        MetricKind::Memory => "memory",
        MetricKind::NetIn => "net_in",
        MetricKind::NetOut => "net_out",
        MetricKind::DiskRead => "disk_read",
        MetricKind::DiskWrite => "disk_write",
    }
}
