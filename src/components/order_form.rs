//! The order wizard every provider without a payment step of its own shares:
//! the provider's catalog is loaded once, shown as numbered steps of labelled
//! fields, checked by the provider's rules before anything is sent (each
//! broken rule under its field), priced before the order, then placed through
//! [`order_flow::place`], which journals it before it leaves.
//!
//! A provider describes its form with [`OrderForm`]; this module draws it.

use super::error_notice::ErrorNotice;
use super::form_fields::{field_error, field_view, Errors, Field, Inputs, Values, PAYMENT};
use crate::state::order_flow::{self, OrderRequest};
use crate::state::orders::Orders;
use crate::state::{AppSession, Panel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::{ProviderError, ProviderId};
use std::future::Future;
use std::rc::Rc;

/// A numbered group of fields.
#[derive(Clone)]
pub struct Step {
    /// Its title (`SSH key`).
    pub title: &'static str,
    /// A line about it.
    pub note: Option<String>,
    /// Its fields.
    pub fields: Vec<Field>,
}

/// A checked order: what is sent and how it is summarised.
pub struct Checked {
    /// The request, journaled before it leaves.
    pub request: OrderRequest,
    /// What was ordered, in words.
    pub summary: String,
}

/// One provider's order form.
pub trait OrderForm: 'static {
    /// What the provider offers this account (plans, images, keys…).
    type Offer: Clone + Send + Sync + 'static;
    /// The provider.
    const PROVIDER: ProviderId;
    /// What loading says (`Loading plans and locations…`).
    const LOADING: &'static str;
    /// The order button.
    const SUBMIT: &'static str;

    /// Loads the offer.
    fn load(session: Rc<AppSession>) -> impl Future<Output = Result<Self::Offer, ProviderError>>;
    /// The steps, from the offer.
    fn steps(offer: &Self::Offer) -> Vec<Step>;
    /// The price of what the form holds, or why there is none yet.
    fn price(offer: &Self::Offer, values: &Values) -> Option<Result<String, String>>;
    /// How it is paid and what happens next (one or two sentences).
    fn terms(offer: &Self::Offer) -> String;
    /// The order, or the rules the form breaks.
    fn check(offer: &Self::Offer, values: &Values) -> Result<Checked, Errors>;

    /// Called whenever the form's values change, to load what depends on a
    /// choice (HOSTKEY: the systems, software and traffic plans that fit the
    /// chosen preset). Nothing by default.
    fn follow_choices(_offer: &Self::Offer, _session: &Rc<AppSession>, _values: &Values) {}
}

/// The wizard of `F` for one account; `on_placed` gets the new order's key.
pub fn wizard<F: OrderForm>(account_id: String, on_placed: Callback<String>) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let orders = expect_context::<Orders>();
    let account_id = StoredValue::new(account_id);
    let offer = RwSignal::new(None::<F::Offer>);
    let load_error = RwSignal::new(None::<ProviderError>);
    let load = move || {
        let Some(session) = panel.session(&account_id.get_value()) else {
            return;
        };
        load_error.set(None);
        spawn_local(async move {
            match F::load(session).await {
                Ok(o) => offer.set(Some(o)),
                Err(e) => load_error.set(Some(e)),
            }
        });
    };
    load();
    view! {
        {move || load_error.get().map(|e| view! { <ErrorNotice error=e on_retry=Callback::new(move |_| load()) /> })}
        {move || match offer.get() {
            None => load_error.with(Option::is_none).then(|| view! {
                <p class="muted" data-testid="wizard-loading"><span class="spinner"></span>" "{F::LOADING}</p>
            }).into_any(),
            Some(current) => form::<F>(panel, orders, account_id, current, on_placed).into_any(),
        }}
    }
}

/// The loaded form.
fn form<F: OrderForm>(
    panel: Panel,
    orders: Orders,
    account_id: StoredValue<String>,
    offer: F::Offer,
    on_placed: Callback<String>,
) -> impl IntoView {
    let steps = F::steps(&offer);
    let inputs = Inputs::new(steps.iter().flat_map(|s| &s.fields));
    let errors = RwSignal::new(Errors::new());
    let send_error = RwSignal::new(None::<String>);
    let offer = StoredValue::new(offer);
    Effect::new(move |_| {
        let values = inputs.values();
        if let Some(session) = panel.session(&account_id.get_value()) {
            offer.with_value(|o| F::follow_choices(o, &session, &values));
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_error.set(None);
        let checked = offer.with_value(|o| F::check(o, &inputs.values()));
        let checked = match checked {
            Ok(c) => c,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Errors::new());
        match order_flow::place(
            panel,
            orders,
            &account_id.get_value(),
            checked.request,
            checked.summary,
        ) {
            Ok(key) => on_placed.run(key),
            Err(e) => send_error.set(Some(e)),
        }
    };
    let price = move || offer.with_value(|o| F::price(o, &inputs.values()));
    let count = steps.len();
    let testid = format!("{}-wizard", F::PROVIDER.slug());
    view! {
        <form class="wizard" data-testid=testid novalidate on:submit=submit>
            {steps.into_iter().enumerate().map(|(i, step)| view! {
                <fieldset class="card wizard-step">
                    <legend>{format!("{} · {}", i + 1, step.title)}</legend>
                    {step.note.map(|n| view! { <p class="muted small">{n}</p> })}
                    <div class="grid-2">
                        {step.fields.into_iter().map(|f| field_view(f, inputs, errors)).collect_view()}
                    </div>
                </fieldset>
            }).collect_view()}
            <section class="card wizard-step" aria-labelledby="price-heading">
                <h2 id="price-heading">{format!("{} · Price and order", count + 1)}</h2>
                <p data-testid="price" aria-live="polite">
                    {move || match price() {
                        None => view! { <span class="muted">"Choose a plan to see its price."</span> }.into_any(),
                        Some(Ok(text)) => view! { <span>"Price: "<strong>{text}</strong></span> }.into_any(),
                        Some(Err(text)) => view! { <span class="field-error">{text}</span> }.into_any(),
                    }}
                </p>
                <p class="muted small" data-testid="order-terms">{offer.with_value(|o| F::terms(o))}</p>
                {field_error(errors, PAYMENT)}
                {move || send_error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="order-error">{e}</p> })}
                {move || (!errors.with(|e| e.is_empty())).then(|| view! {
                    <p class="field-error" role="alert" data-testid="form-errors">"Nothing was sent: correct the fields marked above."</p>
                })}
                <button type="submit" class="btn primary" data-testid="place-order">{F::SUBMIT}</button>
            </section>
        </form>
    }
}
