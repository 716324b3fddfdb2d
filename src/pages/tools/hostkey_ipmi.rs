//! HOSTKEY, a bare-metal server's BMC (IPMI): its sensor readings, temporary
//! IPMI access (a public address passed through to the BMC and a temporary
//! user, whose credentials are shown once and never kept), a BMC reset and
//! the boot device. Every call is asynchronous and followed to its result.

use super::checked;
use super::hostkey_follow::{finish, settle};
use crate::components::collection::Scope;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::request_view::copy;
use crate::components::tool::{Ran, Tool};
use crate::state::activity::{self, Activity};
use crate::state::{AppSession, Panel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::hostkey::BootMedia;
use providers::ProviderError;
use std::rc::Rc;

/// The word that confirms a BMC reset.
const RESET_WORD: &str = "reset";

/// The BMC's sensor readings (temperatures, fans, voltages).
pub struct Sensors;

impl Tool for Sensors {
    type Input = ();
    const TITLE: &'static str = "Hardware sensors";
    const ID: &'static str = "hostkey-sensors";
    const SUBMIT: &'static str = "Read the sensors";
    const RUNNING: &'static str = "Asking the BMC for its readings";

    fn about() -> Option<&'static str> {
        Some("Temperatures, fans and voltages as the server's BMC reads them (bare-metal servers only).")
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
        let accepted = session.hostkey(|a| a.sensors(server)).await?;
        let answer = finish(&session, &accepted, |line| progress.run(line)).await?;
        let table = answer.scope.unwrap_or_default();
        let rows = table.lines().filter(|l| !l.trim().is_empty()).count();
        Ok(Ran {
            message: format!("{rows} readings from the BMC."),
            output: Some(table.trim_end().to_string()),
            ..Ran::default()
        })
    }
}

/// A cold reset of the BMC, after a typed confirmation.
pub struct BmcReset;

impl Tool for BmcReset {
    type Input = ();
    const TITLE: &'static str = "Reset the BMC";
    const ID: &'static str = "hostkey-bmc-reset";
    const SUBMIT: &'static str = "Reset the BMC";
    const RUNNING: &'static str = "Asking HOSTKEY to reset the BMC";

    fn about() -> Option<&'static str> {
        Some("Restarts the management controller when IPMI stops answering; the server itself keeps running. Open IPMI sessions are cut. Uses the account's PIN.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "confirm-bmc-reset",
            "Type “reset” to confirm",
            FieldKind::Text {
                placeholder: RESET_WORD,
            },
        )]
    }

    fn check(values: &Values) -> Result<(), Errors> {
        let mut errors = Errors::new();
        if values.get("confirm-bmc-reset").map(|v| v.trim()) != Some(RESET_WORD) {
            errors.insert(
                "confirm-bmc-reset",
                "Type “reset” to confirm: the BMC is not reset without it.".into(),
            );
        }
        checked(errors, ())
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        _: (),
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let accepted = session.hostkey(|a| a.unit_reset(server)).await?;
        let answer = finish(&session, &accepted, |line| progress.run(line)).await?;
        let said = answer.scope.unwrap_or_else(|| "done".into());
        let detail = answer.debug.filter(|d| !d.trim().is_empty());
        Ok(Ran {
            message: match detail {
                Some(d) => format!("{}: {}.", said.trim(), d.trim()),
                None => format!("{}.", said.trim()),
            },
            ..Ran::default()
        })
    }
}

/// What the server boots from next.
pub struct BootDevice;

impl Tool for BootDevice {
    type Input = BootMedia;
    const TITLE: &'static str = "Boot device";
    const ID: &'static str = "hostkey-boot-device";
    const SUBMIT: &'static str = "Set the boot device";
    const RUNNING: &'static str = "Asking HOSTKEY to set the boot device";

    fn about() -> Option<&'static str> {
        Some("Takes effect at the next power-on or reboot. Uses the account's PIN.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::select(
            "boot-media",
            "Boot from",
            [
                (BootMedia::Disk, "The local disk"),
                (BootMedia::Pxe, "The network (PXE)"),
                (BootMedia::Cd, "A mounted CD image"),
            ]
            .into_iter()
            .map(|(m, label)| (m.as_str().to_string(), label.to_string()))
            .collect(),
        )]
    }

    fn check(values: &Values) -> Result<BootMedia, Errors> {
        values
            .get("boot-media")
            .and_then(|m| m.parse().ok())
            .ok_or_else(|| {
                Errors::from([(
                    "boot-media",
                    "Choose the disk, the network or a CD.".to_string(),
                )])
            })
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        media: BootMedia,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let accepted = session.hostkey(|a| a.boot_dev(server, media)).await?;
        let said = settle(&session, &accepted, |line| progress.run(line)).await?;
        Ok(Ran {
            message: format!("{said}."),
            ..Ran::default()
        })
    }
}

/// The temporary IPMI access HOSTKEY opened: shown once, never stored.
#[derive(Clone)]
struct Access {
    address: String,
    user: String,
    password: String,
}

/// Where the IPMI access section stands.
#[derive(Clone)]
enum State {
    Idle,
    Working(String),
    Opened(Access),
    Closed(String),
    Failed(ProviderError),
}

/// Opens a public address to the server's IPMI with a temporary user (the
/// credentials shown once, with copy buttons), and closes it again.
pub fn ipmi_access(scope: Scope) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let scope = StoredValue::new(scope);
    let state = RwSignal::new(State::Idle);
    let busy = move || matches!(state.get(), State::Working(_));
    let run = move |open: bool| {
        let Some(session) = panel.session(&scope.read_value().account) else {
            return;
        };
        state.set(State::Working(if open {
            "Opening a public address to the BMC…".into()
        } else {
            "Closing the IPMI access…".into()
        }));
        spawn_local(async move {
            let scope = scope.get_value();
            let outcome = if open {
                open_access(&session, &scope, state)
                    .await
                    .map(State::Opened)
            } else {
                close_access(&session, &scope, state)
                    .await
                    .map(State::Closed)
            };
            let mut entry = Activity::new(if open {
                "open ipmi access"
            } else {
                "close ipmi access"
            })
            .target(scope.server.clone().unwrap_or_default())
            .account(session.account());
            entry = match &outcome {
                Ok(State::Opened(access)) => entry.ok(format!(
                    "IPMI reachable at {} for two hours",
                    access.address
                )),
                Ok(_) => entry.ok("IPMI access closed"),
                Err(e) => entry.failed(e.to_string()),
            };
            activity::record(entry);
            state.set(outcome.unwrap_or_else(State::Failed));
        });
    };
    view! {
        <section class="card tool" data-testid="hostkey-ipmi" aria-labelledby="hostkey-ipmi-title">
            <h2 id="hostkey-ipmi-title">"IPMI access"</h2>
            <p class="muted small">"Opens a public address to the server's BMC for two hours, with a temporary user. The password is shown once: copy it now, the panel does not keep it. Close the access when you are done. Uses the account's PIN (bare-metal servers only)."</p>
            <div class="actions">
                <button class="btn primary" type="button" data-testid="ipmi-open" disabled=busy on:click=move |_| run(true)>"Open IPMI access"</button>
                <button class="btn" type="button" data-testid="ipmi-close" disabled=busy on:click=move |_| run(false)>"Close IPMI access"</button>
            </div>
            {move || match state.get() {
                State::Idle => ().into_any(),
                State::Working(line) => view! {
                    <p class="progress-line" role="status" data-testid="ipmi-running"><span class="spinner" aria-hidden="true"></span>" "{line}</p>
                }.into_any(),
                State::Opened(access) => view! {
                    <div class="notice ok" role="status" data-testid="ipmi-result">
                        <p>"IPMI is reachable for two hours. Copy these now: they are shown only this once."</p>
                        {secret_row("Address", "ipmi-address", access.address)}
                        {secret_row("User", "ipmi-user", access.user)}
                        {secret_row("Password", "ipmi-password", access.password)}
                        <button class="btn small" type="button" data-testid="ipmi-hide" on:click=move |_| state.set(State::Idle)>"Hide the credentials"</button>
                    </div>
                }.into_any(),
                State::Closed(message) => view! {
                    <p class="notice ok" role="status" data-testid="ipmi-result">{message}</p>
                }.into_any(),
                State::Failed(e) => view! { <ErrorNotice error=e /> }.into_any(),
            }}
        </section>
    }
}

/// One credential, read-only, with its copy button.
fn secret_row(label: &'static str, id: &'static str, value: String) -> impl IntoView {
    let copied = value.clone();
    view! {
        <div class="secret-row">
            <span class="muted small" style="min-width: 5.5em">{label}</span>
            <input class="mono" readonly data-testid=id prop:value=value aria-label=label />
            <button class="btn small" type="button" data-testid=format!("{id}-copy") on:click=move |_| copy(&copied)>"Copy"</button>
        </div>
    }
}

/// `nat/add_static_nat` then `eq/add_ipmi_user`, each followed to its end.
async fn open_access(
    session: &AppSession,
    scope: &Scope,
    state: RwSignal<State>,
) -> Result<Access, ProviderError> {
    let server = scope.server()?;
    let report = move |line: String| state.set(State::Working(line));
    let nat = session.hostkey(|a| a.add_static_nat(server)).await?;
    let address = settle(session, &nat, report).await?;
    report("Creating a temporary IPMI user…".into());
    let added = session.hostkey(|a| a.add_ipmi_user(server)).await?;
    let answer = finish(session, &added, report).await?;
    let (user, password) = answer.ipmi_credentials().ok_or_else(|| ProviderError::Provider {
        status: 200,
        message: "HOSTKEY created the IPMI user but sent no credentials; close the access and try again".into(),
    })?;
    Ok(Access {
        address,
        user,
        password: password.expose().to_string(),
    })
}

/// `eq/remove_ipmi_user` then `nat/remove_static_nat`, each followed.
async fn close_access(
    session: &AppSession,
    scope: &Scope,
    state: RwSignal<State>,
) -> Result<String, ProviderError> {
    let server = scope.server()?;
    let report = move |line: String| state.set(State::Working(line));
    let removed = session.hostkey(|a| a.remove_ipmi_user(server)).await?;
    finish(session, &removed, report).await?;
    report("Closing the public address…".into());
    let nat = session.hostkey(|a| a.remove_static_nat(server)).await?;
    let address = settle(session, &nat, report).await?;
    Ok(format!(
        "The temporary IPMI user is removed and {address} no longer leads to the BMC."
    ))
}
