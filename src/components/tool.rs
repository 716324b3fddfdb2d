//! A one-shot provider action with a form and a result (reverse DNS, a
//! command run on a server, a console link): the form is checked by the
//! provider's rules before anything is sent, the action shows that it is
//! running, and its result (or the provider's error) is shown under it and
//! recorded in the activity log.
//!
//! Each action describes itself with [`Tool`]; this module draws it.

use super::collection::Scope;
use super::error_notice::ErrorNotice;
use super::form_fields::{field_view, Errors, Field, FieldKind, Inputs, Values};
use super::qr::QrImage;
use super::request_view::copy;
use crate::state::activity::{self, Activity};
use crate::state::{AppSession, Panel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::ProviderError;
use std::future::Future;
use std::rc::Rc;

/// What an action produced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ran {
    /// One line about it (`Reverse DNS set to web1.example.com`).
    pub message: String,
    /// Text to show as is (a command's output).
    pub output: Option<String>,
    /// A link to open (`(label, url)`): a console.
    pub link: Option<(String, String)>,
    /// Text to show as a QR code too (a `lightning:` invoice).
    pub qr: Option<String>,
}

/// One action a provider offers for an account or a server.
pub trait Tool: 'static {
    /// What the form asks for, once checked.
    type Input: 'static;
    /// The section's heading.
    const TITLE: &'static str;
    /// The test id of the section.
    const ID: &'static str;
    /// The button.
    const SUBMIT: &'static str;
    /// What the button does while it runs (`Running the command`).
    const RUNNING: &'static str;
    /// True for an action after which the server is gone (a deletion): the
    /// form closes once it succeeds, and the fleet is read again.
    const FINAL: bool = false;

    /// A line under the heading.
    fn about() -> Option<&'static str> {
        None
    }
    /// The form's fields (none: a button alone).
    fn fields() -> Vec<Field> {
        Vec::new()
    }
    /// The input the form describes, or the rules it breaks.
    fn check(values: &Values) -> Result<Self::Input, Errors>;
    /// Runs the action; `progress` may report how it advances.
    fn run(
        session: Rc<AppSession>,
        scope: Scope,
        input: Self::Input,
        progress: Callback<String>,
    ) -> impl Future<Output = Result<Ran, ProviderError>>;
}

/// The section of tool `T` in `scope`.
pub fn section<T: Tool>(scope: Scope) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let scope = StoredValue::new(scope);
    let fields = T::fields();
    let inputs = Inputs::new(&fields);
    // Passwords and PINs typed for one run are not left in the form after it.
    let secrets = StoredValue::new(
        fields
            .iter()
            .filter(|f| matches!(f.kind, FieldKind::Password))
            .map(|f| f.id)
            .collect::<Vec<&'static str>>(),
    );
    let errors = RwSignal::new(Errors::new());
    let running = RwSignal::new(None::<String>);
    let closed = RwSignal::new(false);
    let result = RwSignal::new(None::<Result<Ran, ProviderError>>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if running.get_untracked().is_some() || closed.get_untracked() {
            return;
        }
        result.set(None);
        let input = match T::check(&inputs.values()) {
            Ok(input) => input,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Errors::new());
        let Some(session) = panel.session(&scope.read_value().account) else {
            return;
        };
        running.set(Some(format!("{}…", T::RUNNING)));
        let progress = Callback::new(move |line: String| running.set(Some(line)));
        spawn_local(async move {
            let outcome = T::run(session, scope.get_value(), input, progress).await;
            running.set(None);
            let mut entry = Activity::new(T::TITLE.to_lowercase())
                .target(scope.read_value().server.clone().unwrap_or_default());
            if let Some(account) = panel.account(&scope.read_value().account) {
                entry = entry.account(&account.account);
            }
            activity::record(match &outcome {
                Ok(ran) => entry.ok(ran.message.clone()),
                Err(e) => entry.failed(e.to_string()),
            });
            if T::FINAL && outcome.is_ok() {
                closed.set(true);
                panel.refresh(&scope.read_value().account);
            }
            for id in secrets.get_value() {
                inputs.signal(id).set(String::new());
            }
            result.set(Some(outcome));
        });
    };
    view! {
        <section class="card tool" data-testid=T::ID aria-labelledby=format!("{}-title", T::ID)>
            <h2 id=format!("{}-title", T::ID)>{T::TITLE}</h2>
            {T::about().map(|a| view! { <p class="muted small">{a}</p> })}
            <form class="tool-form" novalidate on:submit=submit>
                <div class="grid-2">
                    {fields.into_iter().map(|f| field_view(f, inputs, errors)).collect_view()}
                </div>
                <button type="submit" class=if T::FINAL { "btn danger" } else { "btn primary" } data-testid="tool-run"
                    disabled=move || running.get().is_some() || closed.get()>{T::SUBMIT}</button>
            </form>
            {move || running.get().map(|line| view! {
                <p class="progress-line" role="status" data-testid="tool-running"><span class="spinner" aria-hidden="true"></span>" "{line}</p>
            })}
            {move || result.get().map(|r| match r {
                Ok(ran) => view! {
                    <div class="notice ok" role="status" data-testid="tool-result">
                        <p>{ran.message}</p>
                        {ran.link.map(|(label, url)| view! {
                            <a class="btn" href=url target="_blank" rel="noopener noreferrer" data-testid="tool-link">{label}</a>
                        })}
                        {ran.qr.map(|text| {
                            let invoice = text.strip_prefix("lightning:").unwrap_or(&text).to_string();
                            view! {
                                <QrImage text=text.clone() label="The invoice as a QR code" testid="tool-qr" />
                                <div class="secret-row">
                                    <input class="mono" readonly data-testid="tool-qr-text" prop:value=invoice.clone() aria-label="The invoice" />
                                    <button class="btn small" type="button" data-testid="tool-qr-copy" on:click=move |_| copy(&invoice)>"Copy"</button>
                                </div>
                            }
                        })}
                        {ran.output.map(|out| view! { <pre class="tool-output" data-testid="tool-output">{out}</pre> })}
                    </div>
                }.into_any(),
                Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
            })}
        </section>
    }
}
