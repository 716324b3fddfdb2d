//! HOSTKEY, reinstalling a server's operating system (the disk is wiped),
//! only after the server's name is typed. The usual way is `eq/order_instance`
//! with the server's id; when it does not work, the network-boot way runs
//! the steps by hand: `eq/reinstall` (a key the installer reports to) →
//! `eq/create_pxe` → `eq/boot_dev pxe` → `eq/reboot` → the install stages →
//! `eq/boot_dev disk` → `eq/clear_pxe`. Either way the stages HOSTKEY
//! reports are shown as they come. The root password is sent, never kept.

use super::hostkey_follow::{finish, follow};
use crate::components::collection::Scope;
use crate::components::error_notice::ErrorNotice;
use crate::components::form_fields::{field_view, Errors, Field, FieldKind, Inputs, Values};
use crate::components::stage_progress::{StageAt, StageProgress};
use crate::state::activity::{self, Activity};
use crate::state::{AppSession, Panel};
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::hostkey::{BootMedia, CallbackResult, CallbackState, CreatePxe, Os, Reinstall};
use providers::{PowerAction, ProviderError, Secret};
use std::time::Duration;

/// How often an install is asked about.
const INSTALL_POLL: Duration = Duration::from_secs(3);
/// How many times an install is asked about (an hour and a half).
const INSTALL_LIMIT: u32 = 1_800;

/// The stages of the usual reinstall.
const USUAL_STAGES: &[&str] = &[
    "Reinstall accepted",
    "OS installation started",
    "Base OS installed",
    "Post-install tasks done",
    "Installed, restarting",
    "Server online",
    "Deploy done",
];

/// The stages of the network-boot reinstall.
const PXE_STAGES: &[&str] = &[
    "Reinstall key",
    "PXE configuration",
    "Network boot set",
    "Rebooted",
    "OS installation started",
    "Base OS installed",
    "Post-install tasks done",
    "Installed, restarting",
    "Server online",
    "Disk boot set",
    "PXE configuration cleared",
];

/// Where the PXE install stages start in [`PXE_STAGES`] (stage 1 of 5 is at 4).
const PXE_INSTALL_AT: usize = 3;

/// How the system is reinstalled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    /// `eq/order_instance` with the server's id.
    Usual,
    /// The network-boot steps, one by one.
    Pxe,
}

/// A checked reinstall.
struct Wanted {
    method: Method,
    os_id: String,
    os_name: String,
    root_pass: Secret,
    hostname: String,
}

/// Where the reinstall stands.
#[derive(Clone)]
enum State {
    Idle,
    Working { line: String, at: usize },
    Done(String),
    Failed { error: ProviderError, at: usize },
}

/// The reinstall section of a HOSTKEY server.
pub fn reinstall(scope: Scope) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let scope = StoredValue::new(scope);
    let systems = RwSignal::new(Vec::<(String, String)>::new());
    let list_error = RwSignal::new(None::<ProviderError>);
    let name = Memo::new(move |_| {
        let (account, server) = scope.with_value(|s| (s.account.clone(), s.server.clone()));
        panel.fleet.with(|f| {
            f.get(&account).and_then(|a| {
                a.servers
                    .iter()
                    .find(|s| Some(&s.id) == server.as_ref())
                    .map(|s| s.name.clone())
            })
        })
    });
    if let Some(session) = panel.session(&scope.read_value().account) {
        spawn_local(async move {
            let server = scope.with_value(|s| s.server.clone()).unwrap_or_default();
            match systems_for(&session, &server).await {
                Ok(list) => systems.set(
                    list.into_iter()
                        .filter(|os| os.active)
                        .map(|os| {
                            let label = match os.price_eur.filter(|p| *p > 0.0) {
                                Some(price) => {
                                    format!("{} (licence {price:.2} EUR a month)", os.name)
                                }
                                None => os.name.clone(),
                            };
                            (os.id, label)
                        })
                        .collect(),
                ),
                Err(e) => list_error.set(Some(e)),
            }
        });
    }
    let fields = vec![
        Field::select(
            "reinstall-method",
            "Way",
            vec![
                ("usual".into(), "Reinstall (recommended)".into()),
                ("pxe".into(), "Network boot (PXE)".into()),
            ],
        )
        .initial("usual")
        .hint("Network boot runs HOSTKEY's installer step by step: use it when the usual reinstall fails."),
        Field::select_with("reinstall-os", "Operating system", move |_| systems.get()),
        Field::new("reinstall-password", "New root password", FieldKind::Password).hint(
            "At least 8 characters with an upper-case letter; the usual way also needs a lower-case letter and a special character, the network boot a digit.",
        ),
        Field::new(
            "confirm-reinstall-name",
            "Type the server's name to confirm",
            FieldKind::Text { placeholder: "" },
        ),
    ];
    let inputs = Inputs::new(&fields);
    let errors = RwSignal::new(Errors::new());
    let state = RwSignal::new(State::Idle);
    let method = move || match inputs.signal("reinstall-method").get().as_str() {
        "pxe" => Method::Pxe,
        _ => Method::Usual,
    };
    let busy = move || matches!(state.get(), State::Working { .. });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy() {
            return;
        }
        let wanted = match check(
            &inputs.values(),
            &systems.get_untracked(),
            name.get_untracked(),
        ) {
            Ok(wanted) => wanted,
            Err(found) => {
                errors.set(found);
                return;
            }
        };
        errors.set(Errors::new());
        inputs.signal("reinstall-password").set(String::new());
        let Some(session) = panel.session(&scope.read_value().account) else {
            return;
        };
        state.set(State::Working {
            line: "Asking HOSTKEY to reinstall the server…".into(),
            at: 0,
        });
        spawn_local(async move {
            let scope = scope.get_value();
            let os_name = wanted.os_name.clone();
            let outcome = match scope.server() {
                Ok(server) => match wanted.method {
                    Method::Usual => usual(&session, server, &wanted, state).await,
                    Method::Pxe => network_boot(&session, server, &wanted, state).await,
                },
                Err(e) => Err(e),
            };
            let entry = Activity::new("reinstall")
                .account(session.account())
                .target(wanted.hostname.clone());
            match outcome {
                Ok(()) => {
                    let message = format!(
                        "{} is reinstalled with {os_name}; log in as root with the new password.",
                        wanted.hostname
                    );
                    activity::record(entry.ok(message.clone()));
                    state.set(State::Done(message));
                }
                Err(error) => {
                    activity::record(entry.failed(error.to_string()));
                    let at = match state.get_untracked() {
                        State::Working { at, .. } => at,
                        _ => 0,
                    };
                    state.set(State::Failed { error, at });
                }
            }
        });
    };
    let stages = move || match method() {
        Method::Usual => USUAL_STAGES,
        Method::Pxe => PXE_STAGES,
    };
    let at = Signal::derive(move || match state.get() {
        State::Working { at, .. } => StageAt {
            index: at,
            failed: false,
        },
        State::Failed { at, .. } => StageAt {
            index: at,
            failed: true,
        },
        _ => StageAt {
            index: stages().len(),
            failed: false,
        },
    });
    view! {
        <section class="card tool" data-testid="hostkey-reinstall" aria-labelledby="hostkey-reinstall-title">
            <h2 id="hostkey-reinstall-title">"Reinstall the system"</h2>
            <p class="muted small">"Installs a fresh operating system: everything on the disk is erased. HOSTKEY reports each stage; it takes from a few minutes (VMs) to half an hour (bare metal). Uses the account's PIN."</p>
            {move || list_error.get().map(|e| view! { <ErrorNotice error=e /> })}
            <form class="tool-form" novalidate on:submit=submit>
                <div class="grid-2">
                    {fields.into_iter().map(|f| field_view(f, inputs, errors)).collect_view()}
                </div>
                <p class="muted small" data-testid="reinstall-name">{move || match name.get() {
                    Some(n) => format!("To confirm, type “{n}”."),
                    None => "To confirm, type the server's name as the page heading shows it.".into(),
                }}</p>
                <button type="submit" class="btn danger" data-testid="reinstall-run" disabled=busy>"Erase and reinstall"</button>
            </form>
            {move || (!matches!(state.get(), State::Idle)).then(|| {
                let list = stages();
                view! { <StageProgress stages=list at=at label="Reinstall progress" /> }
            })}
            {move || match state.get() {
                State::Idle => ().into_any(),
                State::Working { line, .. } => view! {
                    <p class="progress-line" role="status" data-testid="reinstall-running"><span class="spinner" aria-hidden="true"></span>" "{line}</p>
                }.into_any(),
                State::Done(message) => view! {
                    <p class="notice ok" role="status" data-testid="reinstall-result">{message}</p>
                }.into_any(),
                State::Failed { error, .. } => view! { <ErrorNotice error=error /> }.into_any(),
            }}
        </section>
    }
}

/// The systems that install on `server`: `os/list` for its preset (found by
/// name in `presets/list` for its location), or every system when the
/// preset is not in the list (a stock server).
async fn systems_for(session: &AppSession, server: &str) -> Result<Vec<Os>, ProviderError> {
    let detail = session.hostkey(|a| a.show(server)).await?;
    let location = detail.location.as_ref().map(|l| l.dc_location.clone());
    let preset = match (detail.preset.as_deref(), location) {
        (Some(name), Some(location)) => session
            .hostkey_public(|a| a.presets(&location))
            .await?
            .into_iter()
            .find(|p| p.name == name)
            .map(|p| p.id),
        _ => None,
    };
    session
        .hostkey_public(|a| a.os_list(preset.as_deref()))
        .await
}

/// The reinstall the form describes, or the rules it breaks.
fn check(
    values: &Values,
    systems: &[(String, String)],
    name: Option<String>,
) -> Result<Wanted, Errors> {
    let mut errors = Errors::new();
    let method = match values.get("reinstall-method").map(String::as_str) {
        Some("pxe") => Method::Pxe,
        Some("usual") => Method::Usual,
        _ => {
            errors.insert("reinstall-method", "Choose how to reinstall.".into());
            Method::Usual
        }
    };
    let os_id = values
        .get("reinstall-os")
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    let os_name = systems
        .iter()
        .find(|(id, _)| *id == os_id)
        .map(|(_, label)| label.clone());
    if os_name.is_none() {
        errors.insert(
            "reinstall-os",
            "Choose the operating system to install.".into(),
        );
    }
    let password = values
        .get("reinstall-password")
        .cloned()
        .unwrap_or_default();
    if let Some(rule) = password_problem(&password, method) {
        errors.insert("reinstall-password", format!("The root password {rule}."));
    }
    let typed = values
        .get("confirm-reinstall-name")
        .map(|v| v.trim().to_string())
        .unwrap_or_default();
    let hostname = match name {
        Some(name) if name == typed => name,
        Some(name) => {
            errors.insert(
                "confirm-reinstall-name",
                format!("Type “{name}” to confirm: nothing is erased without it."),
            );
            name
        }
        None => {
            errors.insert(
                "confirm-reinstall-name",
                "The server's name is not known yet: open the server from the fleet list.".into(),
            );
            typed
        }
    };
    if errors.is_empty() {
        Ok(Wanted {
            method,
            os_id,
            os_name: os_name.unwrap_or_default(),
            root_pass: Secret::new(password),
            hostname,
        })
    } else {
        Err(errors)
    }
}

/// The rule `password` breaks for `method`, if any.
fn password_problem(password: &str, method: Method) -> Option<&'static str> {
    let has = |f: fn(char) -> bool| password.chars().any(f);
    if password.chars().count() < 8 {
        Some("must be at least 8 characters long")
    } else if !has(|c| c.is_ascii_uppercase()) {
        Some("must contain an upper-case letter")
    } else if method == Method::Usual && !has(|c| c.is_ascii_lowercase()) {
        Some("must contain a lower-case letter")
    } else if method == Method::Usual && !has(|c| !c.is_ascii_alphanumeric() && !c.is_whitespace())
    {
        Some("must contain a special character (such as @, #, !)")
    } else if method == Method::Pxe && !has(|c| c.is_ascii_digit()) {
        Some("must contain a digit")
    } else {
        None
    }
}

/// Shows step `at` with `line`.
fn step(state: RwSignal<State>, at: usize, line: impl Into<String>) {
    state.set(State::Working {
        line: line.into(),
        at,
    });
}

/// Follows an install key until it is done, showing each stage; `first` is
/// where stage 1 of 5 sits in the stage list.
async fn install(
    session: &AppSession,
    answer_key: &providers::driver::Operation,
    state: RwSignal<State>,
    first: usize,
) -> Result<CallbackResult, ProviderError> {
    follow(
        session,
        answer_key,
        INSTALL_POLL,
        INSTALL_LIMIT,
        |a: &CallbackResult| match (&a.result, a.stage()) {
            (CallbackState::Stage, Some(n)) => step(
                state,
                first + usize::from(n.clamp(1, 5)),
                format!(
                    "HOSTKEY: stage {n}/5: {}",
                    a.stage_text().unwrap_or_default()
                ),
            ),
            _ => {
                if let State::Working { at, .. } = state.get_untracked() {
                    step(state, at, "HOSTKEY: waiting for the installer to report…");
                }
            }
        },
    )
    .await
}

/// `eq/order_instance` with the server's id, followed to `deploy_done`.
async fn usual(
    session: &AppSession,
    server: &str,
    wanted: &Wanted,
    state: RwSignal<State>,
) -> Result<(), ProviderError> {
    let request = Reinstall {
        deploy_notify: None,
        os_id: wanted.os_id.clone(),
        soft_id: None,
        root_pass: wanted.root_pass.clone(),
        hostname: None,
        ssh_key: None,
        post_install_script: None,
        os_name: None,
        own_os: None,
        root_size: None,
    };
    let started = session
        .hostkey(|a| a.reinstall_instance(server, &request))
        .await?;
    step(
        state,
        1,
        "HOSTKEY accepted the reinstall; waiting for the installer…",
    );
    let answer = install(session, &started.operation(), state, 0).await?;
    match answer.scope_result().as_deref() {
        Some("deploy_done") | None => {
            step(state, USUAL_STAGES.len(), "Deploy done");
            Ok(())
        }
        Some(other) => Err(ProviderError::Provider {
            status: 200,
            message: format!("the install ended with “{other}”"),
        }),
    }
}

/// The network-boot steps, each followed to its end.
async fn network_boot(
    session: &AppSession,
    server: &str,
    wanted: &Wanted,
    state: RwSignal<State>,
) -> Result<(), ProviderError> {
    let report = |at: usize| move |line: String| step(state, at, line);
    step(state, 0, "Asking HOSTKEY for a reinstall key…");
    let master = session.hostkey(|a| a.reinstall(server)).await?;
    step(state, 1, "Writing the PXE configuration…");
    let config = CreatePxe {
        email: None,
        os_id: wanted.os_id.clone(),
        root_pass: wanted.root_pass.clone(),
        hostname: wanted.hostname.clone(),
        ssh_key: None,
        post_install_callback: None,
        post_install_script: None,
        reinstall_key: Some(master.callback.clone()),
    };
    let created = session.hostkey(|a| a.create_pxe(server, &config)).await?;
    finish(session, &created, report(1)).await?;
    step(state, 2, "Setting the network as the boot device…");
    let boot = session
        .hostkey(|a| a.boot_dev(server, BootMedia::Pxe))
        .await?;
    finish(session, &boot, report(2)).await?;
    step(state, 3, "Rebooting into the installer…");
    let reboot = session
        .hostkey(|a| a.power(server, PowerAction::Restart))
        .await?;
    finish(session, &reboot, report(3)).await?;
    install(session, &master.operation(), state, PXE_INSTALL_AT).await?;
    step(state, 9, "Setting the disk as the boot device…");
    let disk = session
        .hostkey(|a| a.boot_dev(server, BootMedia::Disk))
        .await?;
    finish(session, &disk, report(9)).await?;
    step(state, 10, "Clearing the PXE configuration…");
    let cleared = session
        .hostkey(|a| a.clear_pxe(server, &wanted.hostname))
        .await?;
    finish(session, &cleared, report(10)).await?;
    step(state, PXE_STAGES.len(), "PXE configuration cleared");
    Ok(())
}
