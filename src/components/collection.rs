//! A provider's collection of things an account or a server has (SSH keys,
//! API tokens, snapshots, DNS zones, websites): listed in a table; removed,
//! where the provider allows it, only after a confirmation naming the item;
//! added through a form checked by the provider's rules before anything is
//! sent; read again after each change. A secret the provider shows once (a
//! new token) is shown once, with a copy button, and never stored.
//!
//! Each collection describes itself with [`Collection`]; this module draws it.

use super::error_notice::ErrorNotice;
use super::form_fields::{field_view, Errors, Field, Inputs, Values};
use super::request_view::copy;
use crate::state::activity::{self, Activity};
use crate::state::{AppSession, Panel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::ProviderError;
use std::future::Future;
use std::rc::Rc;

/// One item as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The provider's id for it (what removing it names).
    pub key: String,
    /// What a person calls it (in the confirmation and the activity log).
    pub name: String,
    /// One text per column.
    pub cells: Vec<String>,
}

/// What adding an item produced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Added {
    /// What to tell the person (`Token ci-deploy created`).
    pub message: String,
    /// A secret the provider shows only now (a new token), to copy once.
    pub secret: Option<String>,
}

/// Where a collection lives: an account, or one of its servers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// The account id.
    pub account: String,
    /// The server id, for a server's collection (snapshots).
    pub server: Option<String>,
}

impl Scope {
    /// The server id, or a validation error for an account-wide call.
    pub fn server(&self) -> Result<&str, ProviderError> {
        self.server
            .as_deref()
            .ok_or_else(|| ProviderError::validation("server", "no server chosen"))
    }
}

/// One kind of thing a provider keeps for an account or server.
pub trait Collection: 'static {
    /// What the request to add one holds, once checked.
    type New: 'static;
    /// The section's heading (`SSH keys`).
    const TITLE: &'static str;
    /// The test id of the section (`litevps-ssh-keys`).
    const ID: &'static str;
    /// One item, in words (`SSH key`).
    const NOUN: &'static str;
    /// The column headings.
    const COLUMNS: &'static [&'static str];
    /// True when items can be removed here.
    const REMOVABLE: bool;

    /// A line under the heading.
    fn about() -> Option<&'static str> {
        None
    }
    /// Lists the items.
    fn load(
        session: Rc<AppSession>,
        scope: Scope,
    ) -> impl Future<Output = Result<Vec<Item>, ProviderError>>;
    /// The fields to add one; none when nothing can be added here.
    fn fields() -> Vec<Field> {
        Vec::new()
    }
    /// The request the form describes, or the rules it breaks.
    fn check(values: &Values) -> Result<Self::New, Errors>;
    /// Adds one (only called when [`Collection::fields`] has some).
    fn add(
        _session: Rc<AppSession>,
        _scope: Scope,
        _new: Self::New,
    ) -> impl Future<Output = Result<Added, ProviderError>> {
        async { Err(not_offered("add", Self::NOUN)) }
    }
    /// Removes the item with `key` (only called when [`Collection::REMOVABLE`]).
    fn remove(
        _session: Rc<AppSession>,
        _scope: Scope,
        _key: String,
    ) -> impl Future<Output = Result<(), ProviderError>> {
        async { Err(not_offered("remove", Self::NOUN)) }
    }
}

/// The provider documents no call to `what` an item.
fn not_offered(what: &str, noun: &str) -> ProviderError {
    ProviderError::Unsupported {
        reason: format!("the provider's API offers no way to {what} a {noun}"),
    }
}

/// What the section shows after an action.
#[derive(Clone, PartialEq)]
enum Outcome {
    Done(Added),
    Failed(ProviderError),
}

/// The section of collection `C` in `scope`.
pub fn section<C: Collection>(scope: Scope) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let items = RwSignal::new(None::<Result<Vec<Item>, ProviderError>>);
    let scope = StoredValue::new(scope);
    let session = move || panel.session(&scope.read_value().account);
    let load = move || {
        let Some(session) = session() else {
            return;
        };
        spawn_local(async move {
            let result = C::load(session, scope.get_value()).await;
            items.set(Some(result));
        });
    };
    load();
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let confirming = RwSignal::new(None::<Item>);
    let fields = C::fields();
    let inputs = Inputs::new(&fields);
    let errors = RwSignal::new(Errors::new());
    let record = move |what: String, target: String, result: &Result<String, String>| {
        let mut entry = Activity::new(what).target(target);
        if let Some(account) = panel.account(&scope.read_value().account) {
            entry = entry.account(&account.account);
        }
        activity::record(match result {
            Ok(detail) => entry.ok(detail.clone()),
            Err(reason) => entry.failed(reason.clone()),
        });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        let new = match C::check(&inputs.values()) {
            Ok(new) => new,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Errors::new());
        let Some(session) = session() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let result = C::add(session, scope.get_value(), new).await;
            busy.set(false);
            let logged = result
                .as_ref()
                .map(|a| a.message.clone())
                .map_err(ProviderError::to_string);
            record(format!("add {}", C::NOUN), String::new(), &logged);
            outcome.set(Some(match result {
                Ok(added) => {
                    inputs.reset();
                    Outcome::Done(added)
                }
                Err(e) => Outcome::Failed(e),
            }));
            load();
        });
    };
    let remove = move |item: Item| {
        confirming.set(None);
        outcome.set(None);
        let Some(session) = session() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let result = C::remove(session, scope.get_value(), item.key.clone()).await;
            busy.set(false);
            let logged = result
                .as_ref()
                .map(|_| format!("{} removed", item.name))
                .map_err(ProviderError::to_string);
            record(format!("remove {}", C::NOUN), item.name.clone(), &logged);
            outcome.set(Some(match result {
                Ok(()) => Outcome::Done(Added {
                    message: format!("Removed {} “{}”.", C::NOUN, item.name),
                    secret: None,
                }),
                Err(e) => Outcome::Failed(e),
            }));
            load();
        });
    };
    let has_form = !fields.is_empty();
    view! {
        <section class="card collection" data-testid=C::ID aria-labelledby=format!("{}-title", C::ID)>
            <div class="section-head">
                <h2 id=format!("{}-title", C::ID)>{C::TITLE}</h2>
                <button class="btn ghost small" data-testid="collection-reload" on:click=move |_| load()>"Reload"</button>
            </div>
            {C::about().map(|a| view! { <p class="muted small">{a}</p> })}
            {move || outcome.get().map(|o| match o {
                Outcome::Done(added) => view! {
                    <div class="notice ok" role="status" data-testid="collection-done">
                        <p>{added.message}</p>
                        {added.secret.map(|secret| view! {
                            <p class="small">"Copy it now: it is shown only once and the panel does not keep it."</p>
                            <div class="secret-row">
                                <input class="mono" readonly data-testid="collection-secret" prop:value=secret.clone() aria-label="The new secret" />
                                <button class="btn small" type="button" data-testid="collection-copy" on:click=move |_| copy(&secret)>"Copy"</button>
                            </div>
                        })}
                    </div>
                }.into_any(),
                Outcome::Failed(e) => view! { <ErrorNotice error=e /> }.into_any(),
            })}
            {move || match items.get() {
                None => view! { <p class="muted"><span class="spinner"></span>" Loading…"</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=e on_retry=Callback::new(move |_| load()) /> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="muted" data-testid="collection-empty">{format!("No {} yet.", C::NOUN)}</p>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="data collection-table">
                        <thead><tr>
                            {C::COLUMNS.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                            {C::REMOVABLE.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|item| {
                                let asked = item.clone();
                                view! {
                                    <tr data-testid="collection-row" data-key=item.key.clone()>
                                        {item.cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}
                                        {C::REMOVABLE.then(|| view! {
                                            <td class="row-actions">
                                                <button class="btn small danger" data-testid="collection-remove"
                                                    aria-label=format!("Remove {} {}", C::NOUN, item.name)
                                                    disabled=move || busy.get()
                                                    on:click=move |_| confirming.set(Some(asked.clone()))>"Remove"</button>
                                            </td>
                                        })}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
            {move || confirming.get().map(|item| {
                let name = item.name.clone();
                view! {
                    <div class="notice warn" role="alertdialog" data-testid="collection-confirm" aria-label="Confirm removal">
                        <p>{format!("Remove {} “{name}”? This cannot be undone.", C::NOUN)}</p>
                        <div class="actions">
                            <button class="btn danger" data-testid="collection-confirm-remove" on:click=move |_| remove(item.clone())>"Remove"</button>
                            <button class="btn ghost" data-testid="collection-keep" on:click=move |_| confirming.set(None)>"Keep it"</button>
                        </div>
                    </div>
                }
            })}
            {has_form.then(|| view! {
                <form class="collection-add" novalidate on:submit=add>
                    <div class="grid-2">
                        {fields.into_iter().map(|f| field_view(f, inputs, errors)).collect_view()}
                    </div>
                    <button type="submit" class="btn primary" data-testid="collection-add" disabled=move || busy.get()>
                        {format!("Add {}", C::NOUN)}
                    </button>
                </form>
            })}
        </section>
    }
}
