//! A long operation as a progress bar over the provider's own stage names:
//! the stages passed are ticked, the current one is marked, a failure is
//! shown at the stage it happened. Any order flow or long action can use it.

use leptos::prelude::*;

/// Where an operation stands among its stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageAt {
    /// Index of the current stage (the number of stages once all are done).
    pub index: usize,
    /// True when it stopped with a failure at `index`.
    pub failed: bool,
}

/// The progress bar and the named stages under it.
///
/// ```ignore
/// view! { <StageProgress stages=&["ordered", "awaiting payment", "provisioning", "running"]
///                        at=Signal::derive(|| StageAt { index: 1, failed: false })
///                        label="Order progress" /> }
/// ```
#[component]
pub fn StageProgress(
    /// The stage names, in order.
    stages: &'static [&'static str],
    /// Where the operation stands.
    #[prop(into)]
    at: Signal<StageAt>,
    /// The bar's accessible name.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let total = stages.len();
    let value = move || at.get().index.min(total);
    let text = move || {
        let at = at.get();
        match stages.get(at.index) {
            None => "all stages done".to_string(),
            Some(name) if at.failed => format!("stopped at “{name}”"),
            Some(name) => format!("stage {} of {total}: {name}", at.index + 1),
        }
    };
    view! {
        <div class="stage-progress" data-testid="stage-progress">
            <progress max=total.to_string() value=move || value().to_string() aria-label=label aria-valuetext=text data-testid="progress-bar"></progress>
            <ol class="stage-list">
                {stages.iter().enumerate().map(|(i, name)| {
                    let class = move || {
                        let at = at.get();
                        match i.cmp(&at.index) {
                            std::cmp::Ordering::Less => "stage done",
                            std::cmp::Ordering::Equal if at.failed => "stage failed",
                            std::cmp::Ordering::Equal => "stage current",
                            std::cmp::Ordering::Greater => "stage todo",
                        }
                    };
                    let current = move || (at.get().index == i).then_some("step");
                    view! {
                        <li class=class aria-current=current data-testid="stage">
                            <span class="stage-mark" aria-hidden="true"></span>
                            {*name}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </div>
    }
}
