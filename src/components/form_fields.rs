//! Labelled form fields described as data ([`Field`]), drawn with their
//! help and their message, one signal per field ([`Inputs`]): the order
//! forms and the add forms of provider features share them.

use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Messages by field id.
pub type Errors = BTreeMap<&'static str, String>;

/// What the form holds, by field id.
pub type Values = BTreeMap<&'static str, String>;

/// The error key of a rule about paying (no card, too little balance),
/// shown with the price.
pub const PAYMENT: &str = "payment";

/// Choices of a select: `(value, label)`.
pub type Choices = Vec<(String, String)>;

/// A rule over the form's values (when a field is shown).
pub type Condition = Arc<dyn Fn(&Values) -> bool + Send + Sync>;

/// How a field is entered.
#[derive(Clone)]
pub enum FieldKind {
    /// One of the choices, which may depend on other fields.
    Select(Arc<dyn Fn(&Values) -> Choices + Send + Sync>),
    /// One line of text.
    Text {
        /// An example of what to type.
        placeholder: &'static str,
    },
    /// A whole number.
    Number,
    /// A secret: never shown, never stored by the panel.
    Password,
    /// Several lines (an SSH public key).
    Textarea {
        /// An example of what to type.
        placeholder: &'static str,
    },
}

/// One labelled field.
#[derive(Clone)]
pub struct Field {
    /// Its id: the test id, the error key and the key in [`Values`].
    pub id: &'static str,
    /// What it asks for.
    pub label: String,
    /// How it is entered.
    pub kind: FieldKind,
    /// A line of help under it.
    pub hint: Option<String>,
    /// Its value when the form opens.
    pub initial: String,
    /// Shown only while this holds (always when `None`).
    pub shown: Option<Condition>,
}

impl Field {
    /// A field of `kind`, empty, always shown.
    pub fn new(id: &'static str, label: impl Into<String>, kind: FieldKind) -> Self {
        Self {
            id,
            label: label.into(),
            kind,
            hint: None,
            initial: String::new(),
            shown: None,
        }
    }

    /// A select over fixed choices.
    pub fn select(id: &'static str, label: impl Into<String>, choices: Choices) -> Self {
        Self::new(
            id,
            label,
            FieldKind::Select(Arc::new(move |_| choices.clone())),
        )
    }

    /// A select whose choices follow other fields.
    pub fn select_with(
        id: &'static str,
        label: impl Into<String>,
        choices: impl Fn(&Values) -> Choices + Send + Sync + 'static,
    ) -> Self {
        Self::new(id, label, FieldKind::Select(Arc::new(choices)))
    }

    /// With a line of help.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// With a starting value.
    pub fn initial(mut self, value: impl Into<String>) -> Self {
        self.initial = value.into();
        self
    }

    /// Shown only while `when` holds.
    pub fn shown_when(mut self, when: impl Fn(&Values) -> bool + Send + Sync + 'static) -> Self {
        self.shown = Some(Arc::new(when));
        self
    }
}

/// A field's message, under it.
pub fn field_error(errors: RwSignal<Errors>, field: &'static str) -> impl IntoView {
    move || {
        errors.with(|e| e.get(field).cloned()).map(|message| {
            view! {
                <p class="field-error" id=format!("error-{field}") data-testid=format!("error-{field}") role="alert">{message}</p>
            }
        })
    }
}

/// The form's values, one signal per field.
#[derive(Clone, Copy)]
pub struct Inputs(StoredValue<BTreeMap<&'static str, (RwSignal<String>, String)>>);

impl Inputs {
    /// One signal per field, holding its starting value.
    pub fn new<'a>(fields: impl IntoIterator<Item = &'a Field>) -> Self {
        let map = fields
            .into_iter()
            .map(|f| (f.id, (RwSignal::new(f.initial.clone()), f.initial.clone())))
            .collect();
        Self(StoredValue::new(map))
    }

    /// Puts every field back to its starting value.
    pub fn reset(&self) {
        self.0.with_value(|m| {
            for (signal, initial) in m.values() {
                signal.set(initial.clone());
            }
        });
    }

    /// The signal of `id`.
    pub fn signal(&self, id: &'static str) -> RwSignal<String> {
        self.0
            .with_value(|m| m.get(id).map(|(signal, _)| *signal))
            .unwrap_or_else(|| RwSignal::new(String::new()))
    }

    /// Every value, tracked.
    pub fn values(&self) -> Values {
        self.0
            .with_value(|m| m.iter().map(|(id, (s, _))| (*id, s.get())).collect())
    }
}

/// One field with its label, help and message.
pub fn field_view(field: Field, inputs: Inputs, errors: RwSignal<Errors>) -> impl IntoView {
    let id = field.id;
    let value = inputs.signal(id);
    let invalid = move || errors.with(|e| e.contains_key(id)).to_string();
    let described = format!("error-{id}");
    let class = match field.kind {
        FieldKind::Textarea { .. } => "field wide",
        _ => "field",
    };
    let input = match field.kind {
        FieldKind::Select(choices) => view! {
            <select data-testid=id aria-describedby=described aria-invalid=invalid
                prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">"Choose…"</option>
                {move || choices(&inputs.values()).into_iter().map(|(v, label)| {
                    let selected = value.get_untracked() == v;
                    view! { <option value=v selected=selected>{label}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        FieldKind::Textarea { placeholder } => view! {
            <textarea rows="3" class="mono" data-testid=id aria-describedby=described aria-invalid=invalid placeholder=placeholder
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any(),
        kind => {
            let (kind, placeholder, mode) = match kind {
                FieldKind::Number => ("number", "", "numeric"),
                FieldKind::Password => ("password", "", "text"),
                FieldKind::Text { placeholder } => ("text", placeholder, "text"),
                _ => ("text", "", "text"),
            };
            view! {
                <input type=kind inputmode=mode data-testid=id aria-describedby=described aria-invalid=invalid
                    placeholder=placeholder autocomplete=if kind == "password" { "new-password" } else { "off" }
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            }
            .into_any()
        }
    };
    let shown = field.shown;
    let hidden = move || shown.as_ref().is_some_and(|when| !when(&inputs.values()));
    view! {
        <label class=class hidden=hidden>
            <span>{field.label}</span>
            {input}
            {field.hint.map(|h| view! { <span class="muted small">{h}</span> })}
            {field_error(errors, id)}
        </label>
    }
}
