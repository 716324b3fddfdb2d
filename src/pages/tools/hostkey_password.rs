//! HOSTKEY's billing password: a reset link sent to the account's e-mail.

use super::hostkey_contacts::check_email;
use super::{checked, required};
use crate::components::collection::Scope;
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::ProviderError;
use std::rc::Rc;

/// Asks HOSTKEY to e-mail a link for a new billing password.
pub struct ResetPassword;

impl Tool for ResetPassword {
    type Input = String;
    const TITLE: &'static str = "Reset the billing password";
    const ID: &'static str = "hostkey-reset-password";
    const SUBMIT: &'static str = "Send the reset link";
    const RUNNING: &'static str = "Asking HOSTKEY to send the link";

    fn about() -> Option<&'static str> {
        Some("For the password of HOSTKEY's billing site (and of billing-login accounts in the panel). HOSTKEY sends the link only to the account's own e-mail address.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "reset-email",
            "The account's e-mail",
            FieldKind::Text {
                placeholder: "you@example.com",
            },
        )]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let email = required(
            values,
            &mut errors,
            "reset-email",
            "The e-mail address is required.",
        );
        check_email(&mut errors, "reset-email", &email);
        checked(errors, email)
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        email: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let done = session.hostkey(|a| a.reset_password(&email)).await?;
        let said = done
            .message
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| "HOSTKEY is sending the reset link.".into());
        Ok(Ran {
            message: format!("{said} Look in the inbox of {email}."),
            ..Ran::default()
        })
    }
}
