//! LiteVPS, for the whole account: where bills go, deleting several servers
//! in one request, and the service's status and discovery manifest.

use super::delete::CONFIRM;
use super::{checked, confirmation, confirmed, details, email, required};
use crate::components::collection::{Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::{Callable, Callback};
use providers::ProviderError;
use std::rc::Rc;

/// The address LiteVPS sends invoices and low-balance alerts to.
pub struct BillingEmail;

impl Tool for BillingEmail {
    type Input = String;
    const TITLE: &'static str = "Billing e-mail";
    const ID: &'static str = "litevps-billing-email";
    const SUBMIT: &'static str = "Save";
    const RUNNING: &'static str = "Saving the billing address";

    fn about() -> Option<&'static str> {
        Some("Invoices and low-balance alerts go to this address.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "billing-email",
            "E-mail",
            FieldKind::Text {
                placeholder: "billing@example.com",
            },
        )]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let email = email(values, &mut errors, "billing-email");
        checked(errors, email)
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        email: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let saved = session.litevps(|a| a.set_billing_email(&email)).await?;
        Ok(Ran {
            message: format!("Bills now go to {}.", saved.email),
            ..Ran::default()
        })
    }
}

/// Several servers named by the person, to delete at once.
pub struct Doomed {
    names: Vec<String>,
}

/// Deletes several servers in one request, each with its own result.
pub struct DeleteSeveral;

impl Tool for DeleteSeveral {
    type Input = Doomed;
    const TITLE: &'static str = "Delete several servers";
    const ID: &'static str = "litevps-batch-delete";
    const SUBMIT: &'static str = "Delete them";
    const RUNNING: &'static str = "Deleting the servers";
    const FINAL: bool = true;

    fn about() -> Option<&'static str> {
        Some("The servers and everything on them are gone for good, and billing for them stops.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "batch-delete-names",
                "Server names",
                FieldKind::Text {
                    placeholder: "web-1 web-2",
                },
            )
            .hint("As listed in the fleet, separated by spaces or commas."),
            confirmation("confirm-batch-delete", CONFIRM),
        ]
    }

    fn check(values: &Values) -> Result<Doomed, Errors> {
        let mut errors = Errors::new();
        let text = required(
            values,
            &mut errors,
            "batch-delete-names",
            "Name at least one server.",
        );
        let mut names: Vec<String> = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect();
        names.sort();
        names.dedup();
        confirmed(
            values,
            &mut errors,
            "confirm-batch-delete",
            CONFIRM,
            "Type “delete” to confirm: nothing is deleted without it.",
        );
        checked(errors, Doomed { names })
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        doomed: Doomed,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let servers = session.litevps(|a| Ok(a.list_vps())).await?;
        let mut ids = Vec::new();
        let mut unknown = Vec::new();
        for name in &doomed.names {
            match servers.iter().find(|v| &v.name == name) {
                Some(vps) => ids.push(vps.id.clone()),
                None => unknown.push(name.as_str()),
            }
        }
        if !unknown.is_empty() {
            return Err(ProviderError::validation(
                "batch-delete-names",
                format!(
                    "no server of this account is called {}; nothing was deleted",
                    unknown.join(", ")
                ),
            ));
        }
        progress.run(format!("Deleting {} servers…", ids.len()));
        let done = session.litevps(|a| a.batch_delete(&ids)).await?;
        let name = |id: &str| {
            servers
                .iter()
                .find(|v| v.id == id)
                .map_or(id.to_string(), |v| v.name.clone())
        };
        let deleted = done.results.iter().filter(|r| r.deleted).count();
        let lines: Vec<String> = done
            .results
            .iter()
            .map(|r| match (&r.error, r.deleted) {
                (_, true) => format!("{}: deleted", name(&r.id)),
                (Some(e), false) => format!("{}: not deleted: {e}", name(&r.id)),
                (None, false) => format!("{}: not deleted", name(&r.id)),
            })
            .collect();
        Ok(Ran {
            message: format!("Deleted {deleted} of {} servers.", done.results.len()),
            output: Some(lines.join("\n")),
            ..Ran::default()
        })
    }
}

/// Whether the LiteVPS API is up, and what its discovery manifest says.
pub struct Service;

impl Collection for Service {
    type New = ();
    const TITLE: &'static str = "Service";
    const ID: &'static str = "litevps-service";
    const NOUN: &'static str = "detail";
    const COLUMNS: &'static [&'static str] = &["", ""];
    const REMOVABLE: bool = false;

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let health = session.litevps(|a| Ok(a.health())).await?;
        let manifest = session.litevps(|a| Ok(a.agent())).await?;
        let mut rows = vec![("API", health.status), ("Service", manifest.name)];
        let optional = [
            ("About", manifest.description),
            ("API address", manifest.api_base),
            ("API description (OpenAPI)", manifest.openapi),
            (
                "Sign-in",
                manifest.auth.map(|a| match a.login {
                    Some(login) => format!("{} token from {login}", a.kind),
                    None => a.kind,
                }),
            ),
        ];
        rows.extend(optional.into_iter().filter_map(|(k, v)| Some((k, v?))));
        Ok(details(rows))
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}
