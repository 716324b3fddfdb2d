//! Deleting a server (CyberPanel, LiteVPS), or asking HOSTKEY to cancel it:
//! only once the person has typed the confirmation; sent once; the fleet is
//! read again afterwards.

use super::{checked, confirmation, confirmed};
use crate::components::collection::Scope;
use crate::components::form_fields::{Errors, Field, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::{ProviderError, ProviderId};
use std::rc::Rc;

/// The word that confirms a deletion.
pub(super) const CONFIRM: &str = "delete";

/// Deletes (or, at HOSTKEY, cancels) the server.
pub struct DeleteServer;

impl Tool for DeleteServer {
    type Input = ();
    const TITLE: &'static str = "Delete this server";
    const ID: &'static str = "delete-server";
    const SUBMIT: &'static str = "Delete the server";
    const RUNNING: &'static str = "Deleting the server";
    const FINAL: bool = true;

    fn about() -> Option<&'static str> {
        Some("The server and everything on it are gone for good, and billing for it stops. At HOSTKEY this sends a cancellation request.")
    }

    fn fields() -> Vec<Field> {
        vec![confirmation("confirm-delete", CONFIRM)]
    }

    fn check(values: &Values) -> Result<(), Errors> {
        let mut errors = Errors::new();
        confirmed(
            values,
            &mut errors,
            "confirm-delete",
            CONFIRM,
            "Type “delete” to confirm: nothing is deleted without it.",
        );
        checked(errors, ())
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        _: (),
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        session.delete(server).await?;
        Ok(Ran {
            message: match session.provider() {
                ProviderId::Hostkey => {
                    format!("HOSTKEY received the cancellation of server {server}.")
                }
                _ => format!("Server {server} is deleted."),
            },
            ..Ran::default()
        })
    }
}
