//! The order forms of the providers sharing [`crate::components::order_form`]:
//! what each offers, its fields, its price and its rules.

pub mod cyberpanel;
pub mod hostkey;
pub mod litevps;
pub mod llamalink;

use crate::components::form_fields::{Errors, Values};
use providers::ProviderError;

/// The value of `id`, trimmed.
fn value<'a>(values: &'a Values, id: &str) -> &'a str {
    values.get(id).map(|v| v.trim()).unwrap_or_default()
}

/// The value of `id`, or `message` under it when empty.
fn required(
    values: &Values,
    errors: &mut Errors,
    id: &'static str,
    message: &str,
) -> Option<String> {
    let v = value(values, id);
    if v.is_empty() {
        errors.insert(id, message.to_string());
        None
    } else {
        Some(v.to_string())
    }
}

/// A whole number in `min..=max` typed in `id`, or the rule under it.
fn whole(
    values: &Values,
    errors: &mut Errors,
    id: &'static str,
    what: &str,
    (min, max): (u32, u32),
) -> Option<u32> {
    let text = value(values, id);
    match text.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        Ok(n) => {
            errors.insert(
                id,
                format!("{what} must be between {min} and {max} (got {n})."),
            );
            None
        }
        Err(_) => {
            errors.insert(id, format!("{what} must be a whole number (got “{text}”)."));
            None
        }
    }
}

/// A provider's own check, its message put under the form field it names:
/// `fields` maps the provider's field names to the form's ids and labels.
fn provider_rule(
    errors: &mut Errors,
    fields: &[(&str, &'static str, &str)],
    fallback: &'static str,
    result: Result<(), ProviderError>,
) {
    if let Err(error) = result {
        let (id, message) = match &error {
            ProviderError::Validation { field, reason } => {
                let known = fields
                    .iter()
                    .find(|(name, _, _)| field == name || field.ends_with(&format!(".{name}")));
                match known {
                    Some((_, id, label)) => (*id, sentence(label, reason)),
                    None => (fallback, format!("{field}: {reason}.")),
                }
            }
            other => (fallback, other.to_string()),
        };
        errors.entry(id).or_insert(message);
    }
}

/// The provider's reason about the field `label` as one sentence:
/// `The host name must …`, `The server name: use at most …`, or the
/// reason alone when it names what it is about (`Windows needs …`).
fn sentence(label: &str, reason: &str) -> String {
    let reason = reason.trim_end_matches('.');
    if reason.starts_with(char::is_uppercase) {
        format!("{reason}.")
    } else if ["is ", "must ", "may ", "has ", "cannot "]
        .iter()
        .any(|verb| reason.starts_with(verb))
    {
        format!("{label} {reason}.")
    } else {
        format!("{label}: {reason}.")
    }
}
