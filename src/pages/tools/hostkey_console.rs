//! HOSTKEY, a VM's console: `eq/console` prepares a virt-viewer `.vv` file
//! holding a one-time password; the file is saved straight from memory and
//! its contents are never shown, logged or kept.

use super::hostkey_follow::finish;
use crate::components::collection::Scope;
use crate::components::form_fields::{Errors, Values};
use crate::components::tool::{Ran, Tool};
use crate::services::download;
use crate::state::AppSession;
use leptos::prelude::{Callable, Callback};
use providers::ProviderError;
use std::rc::Rc;

/// The content type of a virt-viewer connection file.
const VV_TYPE: &str = "application/x-virt-viewer";

/// Downloads the VM's console connection file.
pub struct Console;

impl Tool for Console {
    type Input = ();
    const TITLE: &'static str = "Console";
    const ID: &'static str = "hostkey-console";
    const SUBMIT: &'static str = "Download the console file";
    const RUNNING: &'static str = "Asking HOSTKEY for a console";

    fn about() -> Option<&'static str> {
        Some("A virt-viewer (.vv) file for the VM's screen and keyboard. Open it with virt-viewer (remote-viewer) within two minutes: its password works once. VMs only; uses the account's PIN.")
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        _: (),
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let accepted = session.hostkey(|a| a.console(server)).await?;
        let answer = finish(&session, &accepted, |line| progress.run(line)).await?;
        let file = answer
            .scope
            .filter(|f| f.contains("[virt-viewer]"))
            .ok_or_else(|| ProviderError::Provider {
                status: 200,
                message: "HOSTKEY answered without a console file".into(),
            })?;
        let name = format!("console-{server}.vv");
        download::save(file.as_bytes(), VV_TYPE, &name).map_err(|reason| {
            ProviderError::Transport {
                message: format!("the console file could not be saved: {reason}"),
                timed_out: false,
            }
        })?;
        Ok(Ran {
            message: format!(
                "Saved {name}: open it with virt-viewer within two minutes (its password works once)."
            ),
            ..Ran::default()
        })
    }
}
