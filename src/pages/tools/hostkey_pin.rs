//! HOSTKEY's account PIN: checked, or set and changed. Both calls are
//! asynchronous and followed until HOSTKEY gives the result. The PIN is a
//! secret: typed into password fields, sent once, never shown or kept.

use super::checked;
use super::hostkey_follow::settle;
use crate::components::collection::Scope;
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::{Callable, Callback};
use providers::{ProviderError, Secret};
use std::rc::Rc;

/// The typed PIN of `id` (`None` when left empty), or why it is not a PIN.
fn typed_pin(values: &Values, errors: &mut Errors, id: &'static str) -> Option<Secret> {
    let text = values.get(id).map(|v| v.trim()).unwrap_or_default();
    if text.is_empty() {
        return None;
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        errors.insert(id, "A HOSTKEY PIN is made of digits only.".into());
    }
    Some(Secret::new(text))
}

/// A PIN refused by HOSTKEY, said plainly; other errors as they are.
fn refused(error: ProviderError, reason: &str) -> ProviderError {
    match error {
        ProviderError::Validation { field, .. } if field == "pin" => {
            ProviderError::validation("PIN", reason)
        }
        other => other,
    }
}

/// Checks a PIN (the one saved with the account, or one typed here).
pub struct CheckPin;

impl Tool for CheckPin {
    type Input = Option<Secret>;
    const TITLE: &'static str = "Check the PIN";
    const ID: &'static str = "hostkey-check-pin";
    const SUBMIT: &'static str = "Check";
    const RUNNING: &'static str = "Asking HOSTKEY to check the PIN";

    fn about() -> Option<&'static str> {
        Some("HOSTKEY asks for the account's PIN before power, network and reinstall actions; the panel sends the PIN saved with this account. After five wrong PINs in a row HOSTKEY refuses every PIN for fifteen minutes.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new("check-pin", "PIN (optional)", FieldKind::Password)
                .hint("Leave it empty to check the PIN saved with this account."),
        ]
    }

    fn check(values: &Values) -> Result<Option<Secret>, Errors> {
        let mut errors = Errors::new();
        let pin = typed_pin(values, &mut errors, "check-pin");
        checked(errors, pin)
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        typed: Option<Secret>,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let (which, named) = if typed.is_some() {
            ("The PIN you typed", "the PIN you typed")
        } else {
            (
                "The PIN saved with this account",
                "the PIN saved with this account",
            )
        };
        let pin = typed
            .or_else(|| session.account().pin.clone())
            .filter(|p| !p.is_empty())
            .ok_or_else(|| {
                ProviderError::validation(
                    "PIN",
                    "no PIN is saved with this account: type the one to check",
                )
            })?;
        let accepted = session.hostkey(|a| a.check_pin(&pin)).await?;
        let said = settle(&session, &accepted, move |line| progress.run(line))
            .await
            .map_err(|e| refused(e, &format!("HOSTKEY says {named} is not the account's PIN")))?;
        Ok(Ran {
            message: format!("{which} is right: HOSTKEY says “{said}”."),
            ..Ran::default()
        })
    }
}

/// The PINs the change form holds, once checked.
pub struct PinChange {
    current: Option<Secret>,
    new: Secret,
}

/// Sets the account's first PIN, or changes it.
pub struct SetPin;

impl Tool for SetPin {
    type Input = PinChange;
    const TITLE: &'static str = "Set or change the PIN";
    const ID: &'static str = "hostkey-set-pin";
    const SUBMIT: &'static str = "Change the PIN";
    const RUNNING: &'static str = "Asking HOSTKEY to change the PIN";

    fn about() -> Option<&'static str> {
        Some("The panel keeps using the PIN saved with this account: after changing it here, remove the account on the Accounts page and add it again with the new PIN, or HOSTKEY will refuse the actions that need it. HOSTKEY resets a forgotten PIN only through its support.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new("pin-current", "Current PIN (optional)", FieldKind::Password)
                .hint("Leave it empty to use the PIN saved with this account."),
            Field::new("pin-new", "New PIN", FieldKind::Password).hint("4 to 8 digits."),
            Field::new("pin-repeat", "New PIN again", FieldKind::Password),
        ]
    }

    fn check(values: &Values) -> Result<PinChange, Errors> {
        let mut errors = Errors::new();
        let current = typed_pin(values, &mut errors, "pin-current");
        let new = values
            .get("pin-new")
            .map(|v| v.trim().to_string())
            .unwrap_or_default();
        if !(4..=8).contains(&new.len()) || !new.bytes().all(|b| b.is_ascii_digit()) {
            errors.insert("pin-new", "The new PIN must be 4 to 8 digits.".into());
        }
        let repeat = values
            .get("pin-repeat")
            .map(|v| v.trim())
            .unwrap_or_default();
        if repeat != new {
            errors.insert(
                "pin-repeat",
                "Type the same new PIN twice; the two differ.".into(),
            );
        }
        checked(
            errors,
            PinChange {
                current,
                new: Secret::new(new),
            },
        )
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        change: PinChange,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let current = change
            .current
            .or_else(|| session.account().pin.clone())
            .filter(|p| !p.is_empty());
        let accepted = session
            .hostkey(|a| a.set_pin(current.as_ref(), &change.new))
            .await?;
        let said = settle(&session, &accepted, move |line| progress.run(line))
            .await
            .map_err(|e| {
                refused(
                    e,
                    "HOSTKEY refused the current PIN, so the PIN is unchanged",
                )
            })?;
        Ok(Ran {
            message: format!(
                "HOSTKEY says “{said}”. Now remove this account on the Accounts page and add it again with the new PIN, so the panel sends the right one."
            ),
            ..Ran::default()
        })
    }
}
