//! LiteVPS: SSH keys and `vtk_` access tokens of the account; a server's
//! snapshots, commands (waited for, or as background jobs followed to the
//! end, or cancelled) and files.

use super::{checked, optional, required, when};
use crate::components::collection::{Added, Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::{Callable, Callback};
use providers::driver::PollPolicy;
use providers::litevps::{Exec, VpsState};
use providers::{ProviderError, ProviderId};
use rust_decimal::Decimal;
use std::rc::Rc;

/// The account's SSH keys.
pub struct SshKeys;

/// A key to add: its name and its public key line.
pub struct NewKey {
    name: String,
    public_key: String,
}

impl Collection for SshKeys {
    type New = NewKey;
    const TITLE: &'static str = "SSH keys";
    const ID: &'static str = "litevps-ssh-keys";
    const NOUN: &'static str = "SSH key";
    const COLUMNS: &'static [&'static str] = &["Name", "Fingerprint", "Added"];
    const REMOVABLE: bool = true;

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let keys = session.litevps(|a| Ok(a.ssh_keys())).await?;
        Ok(keys
            .into_iter()
            .map(|k| Item {
                key: k.id.clone(),
                cells: vec![
                    k.name.clone(),
                    k.fingerprint.clone().unwrap_or_else(|| "—".into()),
                    when(k.created_at.as_deref()),
                ],
                name: k.name,
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "key-name",
                "Name",
                FieldKind::Text {
                    placeholder: "laptop",
                },
            ),
            Field::new(
                "public-key",
                "Public key (one OpenSSH line)",
                FieldKind::Textarea {
                    placeholder: "ssh-ed25519 AAAAC3Nz… you@laptop",
                },
            ),
        ]
    }

    fn check(values: &Values) -> Result<NewKey, Errors> {
        let mut errors = Errors::new();
        let name = required(values, &mut errors, "key-name", "The name is required.");
        let public_key = required(values, &mut errors, "public-key", "Paste the public key.");
        checked(errors, NewKey { name, public_key })
    }

    async fn add(session: Rc<AppSession>, _: Scope, new: NewKey) -> Result<Added, ProviderError> {
        let key = session
            .litevps(|a| a.add_ssh_key(&new.name, &new.public_key))
            .await?;
        Ok(Added {
            message: format!("Added SSH key “{}”.", key.name),
            secret: None,
        })
    }

    async fn remove(session: Rc<AppSession>, _: Scope, key: String) -> Result<(), ProviderError> {
        session.litevps(|a| Ok(a.delete_ssh_key(&key))).await?;
        Ok(())
    }
}

/// The account's `vtk_` access tokens, each with its spend limit.
pub struct Tokens;

/// A token to create.
pub struct NewToken {
    name: String,
    spend_limit: Option<Decimal>,
}

impl Collection for Tokens {
    type New = NewToken;
    const TITLE: &'static str = "Access tokens";
    const ID: &'static str = "litevps-tokens";
    const NOUN: &'static str = "token";
    const COLUMNS: &'static [&'static str] = &["Name", "Spent", "Spend limit", "Created"];
    const REMOVABLE: bool = true;

    fn about() -> Option<&'static str> {
        Some("A token acts for this account until it is revoked or has spent its limit (USD). The secret is shown once, when it is created.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let tokens = session.litevps(|a| Ok(a.tokens())).await?;
        let usd = |v: Option<f64>| v.map(|v| format!("{v:.2} USD"));
        Ok(tokens
            .into_iter()
            .map(|t| Item {
                key: t.id.clone(),
                cells: vec![
                    t.name.clone(),
                    usd(t.spent).unwrap_or_else(|| "—".into()),
                    usd(t.spend_limit).unwrap_or_else(|| "no limit".into()),
                    when(t.created_at.as_deref()),
                ],
                name: t.name,
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "token-name",
                "Name",
                FieldKind::Text {
                    placeholder: "ci-deploy",
                },
            ),
            Field::new(
                "spend-limit",
                "Spend limit, USD (optional)",
                FieldKind::Text { placeholder: "10" },
            )
            .hint("Leave empty for no limit."),
        ]
    }

    fn check(values: &Values) -> Result<NewToken, Errors> {
        let mut errors = Errors::new();
        let name = required(values, &mut errors, "token-name", "The name is required.");
        let spend_limit = match optional(values, "spend-limit") {
            None => None,
            Some(text) => {
                match text.parse::<Decimal>() {
                    Ok(limit) if limit > Decimal::ZERO => Some(limit),
                    Ok(_) => {
                        errors.insert("spend-limit", "The spend limit must be more than 0 USD (leave it empty for no limit).".into());
                        None
                    }
                    Err(_) => {
                        errors.insert("spend-limit", format!("The spend limit must be an amount in USD such as 10 or 2.50 (got “{text}”)."));
                        None
                    }
                }
            }
        };
        checked(errors, NewToken { name, spend_limit })
    }

    async fn add(session: Rc<AppSession>, _: Scope, new: NewToken) -> Result<Added, ProviderError> {
        let token = session
            .litevps(|a| a.create_token(&new.name, new.spend_limit))
            .await?;
        Ok(Added {
            message: format!("Created token “{}”.", token.name),
            secret: token.token.map(|s| s.expose().to_string()),
        })
    }

    async fn remove(session: Rc<AppSession>, _: Scope, key: String) -> Result<(), ProviderError> {
        session.litevps(|a| Ok(a.delete_token(&key))).await?;
        Ok(())
    }
}

/// A server's snapshots.
pub struct Snapshots;

impl Collection for Snapshots {
    type New = String;
    const TITLE: &'static str = "Snapshots";
    const ID: &'static str = "litevps-snapshots";
    const NOUN: &'static str = "snapshot";
    const COLUMNS: &'static [&'static str] = &["Name", "Size", "Taken"];
    const REMOVABLE: bool = true;

    async fn load(session: Rc<AppSession>, scope: Scope) -> Result<Vec<Item>, ProviderError> {
        let server = scope.server()?;
        let list = session.litevps(|a| Ok(a.snapshots(server))).await?;
        Ok(list
            .into_iter()
            .map(|s| Item {
                key: s.id.clone(),
                cells: vec![
                    s.name.clone(),
                    s.size_gb
                        .map(|g| format!("{g:.1} GB"))
                        .unwrap_or_else(|| "—".into()),
                    when(s.created_at.as_deref()),
                ],
                name: s.name,
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "snapshot-name",
            "Name",
            FieldKind::Text {
                placeholder: "before-upgrade",
            },
        )]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let name = required(
            values,
            &mut errors,
            "snapshot-name",
            "The snapshot name is required.",
        );
        checked(errors, name)
    }

    async fn add(
        session: Rc<AppSession>,
        scope: Scope,
        name: String,
    ) -> Result<Added, ProviderError> {
        let server = scope.server()?;
        let snapshot = session
            .litevps(|a| a.create_snapshot(server, &name))
            .await?;
        Ok(Added {
            message: format!("Snapshot “{}” taken.", snapshot.name),
            secret: None,
        })
    }

    async fn remove(
        session: Rc<AppSession>,
        scope: Scope,
        key: String,
    ) -> Result<(), ProviderError> {
        let server = scope.server()?;
        session
            .litevps(|a| Ok(a.delete_snapshot(server, &key)))
            .await?;
        Ok(())
    }
}

/// A shell command's result as shown: exit code, output and errors.
fn shown(exit_code: Option<i64>, stdout: &str, stderr: &str, duration_ms: Option<u64>) -> Ran {
    let took = duration_ms
        .map(|ms| format!(" in {:.1} s", ms as f64 / 1000.0))
        .unwrap_or_default();
    let message = match exit_code {
        Some(0) => format!("Finished{took} (exit code 0)."),
        Some(code) => format!("Failed{took} with exit code {code}."),
        None => format!("Ended{took} without an exit code."),
    };
    let mut output = stdout.to_string();
    if !stderr.is_empty() {
        if !output.is_empty() && !output.ends_with('\n') {
            output.push('\n');
        }
        output.push_str(stderr);
    }
    Ran {
        message,
        output: Some(if output.is_empty() {
            "(no output)".into()
        } else {
            output
        }),
        link: None,
        qr: None,
    }
}

/// The ids of a command form's fields (each form on a page has its own).
type ExecIds = (&'static str, &'static str);
/// The fields of "Run a command".
const RUN_IDS: ExecIds = ("command", "timeout");
/// The fields of "Run in the background".
const JOB_IDS: ExecIds = ("job-command", "job-timeout");
/// The fields of "Run on every running server".
const BATCH_IDS: ExecIds = ("batch-command", "batch-timeout");

/// The command and timeout the form describes.
fn exec_input(values: &Values, (command_id, timeout_id): ExecIds) -> Result<Exec, Errors> {
    let mut errors = Errors::new();
    let command = required(values, &mut errors, command_id, "The command is required.");
    let mut exec = Exec::new(command);
    match optional(values, timeout_id).map(|t| t.parse::<u32>()) {
        None => {}
        Some(Ok(seconds)) if (1..=3600).contains(&seconds) => exec = exec.timeout(seconds),
        Some(_) => {
            errors.insert(
                timeout_id,
                "The timeout must be a whole number of seconds from 1 to 3600.".into(),
            );
        }
    }
    if let (true, Err(ProviderError::Validation { reason, .. })) =
        (errors.is_empty(), exec.validate())
    {
        errors.insert(command_id, format!("The command: {reason}."));
    }
    checked(errors, exec)
}

/// The command and timeout fields, with `ids`.
fn exec_fields((command_id, timeout_id): ExecIds) -> Vec<Field> {
    vec![
        Field::new(
            command_id,
            "Command",
            FieldKind::Text {
                placeholder: "uname -a",
            },
        ),
        Field::new(timeout_id, "Timeout, seconds (optional)", FieldKind::Number)
            .hint("LiteVPS stops it after 30 s unless you say otherwise."),
    ]
}

/// Runs a command on the server and shows its output.
pub struct Run;

impl Tool for Run {
    type Input = Exec;
    const TITLE: &'static str = "Run a command";
    const ID: &'static str = "litevps-exec";
    const SUBMIT: &'static str = "Run";
    const RUNNING: &'static str = "Running the command on the server";

    fn about() -> Option<&'static str> {
        Some("Runs as root and waits for the result. For long work, start it in the background below.")
    }

    fn fields() -> Vec<Field> {
        exec_fields(RUN_IDS)
    }

    fn check(values: &Values) -> Result<Exec, Errors> {
        exec_input(values, RUN_IDS)
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        exec: Exec,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let out = session.litevps(|a| a.exec(server, &exec)).await?;
        Ok(shown(
            out.exit_code,
            &out.stdout,
            &out.stderr,
            out.duration_ms,
        ))
    }
}

/// Starts a command in the background and follows the job until it ends.
pub struct Background;

impl Tool for Background {
    type Input = Exec;
    const TITLE: &'static str = "Run in the background";
    const ID: &'static str = "litevps-job";
    const SUBMIT: &'static str = "Start";
    const RUNNING: &'static str = "Starting the job";

    fn about() -> Option<&'static str> {
        Some("LiteVPS runs it as a job; the panel follows the job until it is done.")
    }

    fn fields() -> Vec<Field> {
        exec_fields(JOB_IDS)
    }

    fn check(values: &Values) -> Result<Exec, Errors> {
        exec_input(values, JOB_IDS)
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        exec: Exec,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let started = session
            .litevps(|a| a.exec_background(server, &exec))
            .await?;
        let interval = PollPolicy::for_provider(ProviderId::Litevps).interval;
        loop {
            let job = session
                .litevps(|a| Ok(a.job(server, &started.job_id)))
                .await?;
            let status = job.status();
            if status.is_finished() {
                let mut ran = shown(
                    job.exit_code,
                    job.stdout.as_deref().unwrap_or_default(),
                    job.stderr.as_deref().unwrap_or_default(),
                    job.duration_ms,
                );
                ran.message = format!("Job {} {}: {}", job.job_id, job.status, ran.message);
                return Ok(ran);
            }
            progress.run(format!("Job {} is {}…", job.job_id, job.status));
            gloo_timers::future::sleep(interval).await;
        }
    }
}

/// Cancels a background job that is still waiting or running.
pub struct CancelJob;

impl Tool for CancelJob {
    type Input = String;
    const TITLE: &'static str = "Cancel a job";
    const ID: &'static str = "litevps-cancel-job";
    const SUBMIT: &'static str = "Cancel the job";
    const RUNNING: &'static str = "Cancelling the job";

    fn about() -> Option<&'static str> {
        Some("The job's id is shown while it runs. A job that has finished cannot be cancelled.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "cancel-job-id",
            "Job id",
            FieldKind::Text {
                placeholder: "3f2b9c1e-…",
            },
        )]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let id = required(
            values,
            &mut errors,
            "cancel-job-id",
            "The job id is required.",
        );
        if id.chars().any(|c| !(c.is_ascii_hexdigit() || c == '-')) {
            errors.insert(
                "cancel-job-id",
                format!("“{id}” is not a job id (hexadecimal digits and dashes)."),
            );
        }
        checked(errors, id)
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        id: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let job = session.litevps(|a| Ok(a.cancel_job(server, &id))).await?;
        Ok(Ran {
            message: format!("Job {} is {}.", job.job_id, job.status),
            ..Ran::default()
        })
    }
}

/// What a file upload sends.
pub struct Upload {
    path: String,
    content: String,
}

/// Writes a file on the server.
pub struct PutFile;

impl Tool for PutFile {
    type Input = Upload;
    const TITLE: &'static str = "Write a file";
    const ID: &'static str = "litevps-put-file";
    const SUBMIT: &'static str = "Write";
    const RUNNING: &'static str = "Writing the file";

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "put-path",
                "Path on the server",
                FieldKind::Text {
                    placeholder: "/root/notes.txt",
                },
            ),
            Field::new(
                "put-content",
                "Content",
                FieldKind::Textarea {
                    placeholder: "hello",
                },
            ),
        ]
    }

    fn check(values: &Values) -> Result<Upload, Errors> {
        let mut errors = Errors::new();
        let path = file_path(values, &mut errors, "put-path");
        let content = values.get("put-content").cloned().unwrap_or_default();
        checked(errors, Upload { path, content })
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        up: Upload,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let written = session
            .litevps(|a| a.upload_file(server, &up.path, up.content.as_bytes().to_vec()))
            .await?;
        Ok(Ran {
            message: format!(
                "Wrote {} ({} bytes).",
                written.path,
                written.size.unwrap_or(up.content.len() as u64)
            ),
            output: None,
            link: None,
            qr: None,
        })
    }
}

/// Reads a file from the server.
pub struct GetFile;

impl Tool for GetFile {
    type Input = String;
    const TITLE: &'static str = "Read a file";
    const ID: &'static str = "litevps-get-file";
    const SUBMIT: &'static str = "Read";
    const RUNNING: &'static str = "Reading the file";

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "get-path",
            "Path on the server",
            FieldKind::Text {
                placeholder: "/etc/hostname",
            },
        )]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let path = file_path(values, &mut errors, "get-path");
        checked(errors, path)
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        path: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let bytes = session.litevps(|a| a.download_file(server, &path)).await?;
        Ok(Ran {
            message: format!("{path}: {} bytes.", bytes.len()),
            output: Some(String::from_utf8_lossy(&bytes).into_owned()),
            link: None,
            qr: None,
        })
    }
}

/// An absolute path typed in `id`, or the rule under it.
fn file_path(values: &Values, errors: &mut Errors, id: &'static str) -> String {
    let path = required(values, errors, id, "The path is required.");
    if !path.is_empty() && !path.starts_with('/') {
        errors.insert(
            id,
            format!("The path must be absolute (start with /), e.g. /root/{path}."),
        );
    }
    path
}

/// Runs one command on every running server of the account at once.
pub struct RunEverywhere;

impl Tool for RunEverywhere {
    type Input = Exec;
    const TITLE: &'static str = "Run on every running server";
    const ID: &'static str = "litevps-batch-exec";
    const SUBMIT: &'static str = "Run everywhere";
    const RUNNING: &'static str = "Running the command on every running server";

    fn about() -> Option<&'static str> {
        Some("One request to LiteVPS; each server answers for itself.")
    }

    fn fields() -> Vec<Field> {
        exec_fields(BATCH_IDS)
    }

    fn check(values: &Values) -> Result<Exec, Errors> {
        exec_input(values, BATCH_IDS)
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        exec: Exec,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let servers = session.litevps(|a| Ok(a.list_vps())).await?;
        let running: Vec<(String, String)> = servers
            .into_iter()
            .filter(|v| v.state() == VpsState::Running)
            .map(|v| (v.id, v.name))
            .collect();
        if running.is_empty() {
            return Err(ProviderError::validation(
                "servers",
                "no server of this account is running",
            ));
        }
        progress.run(format!("Running on {} servers…", running.len()));
        let ids: Vec<String> = running.iter().map(|(id, _)| id.clone()).collect();
        let done = session.litevps(|a| a.batch_exec(&ids, &exec)).await?;
        let name = |id: &str| {
            running
                .iter()
                .find(|(i, _)| i == id)
                .map_or(id.to_string(), |(_, n)| n.clone())
        };
        let ok = done
            .results
            .iter()
            .filter(|r| r.exit_code == Some(0))
            .count();
        let lines: Vec<String> = done
            .results
            .iter()
            .map(|r| {
                let result = match (&r.error, r.exit_code) {
                    (Some(e), _) => format!("not run: {e}"),
                    (None, Some(code)) => format!("exit {code}"),
                    (None, None) => r.status.clone().unwrap_or_default(),
                };
                let out = r.stdout.as_deref().unwrap_or_default().trim();
                format!(
                    "{}: {result}{}{out}",
                    name(&r.vps_id),
                    if out.is_empty() { "" } else { " · " }
                )
            })
            .collect();
        Ok(Ran {
            message: format!("Exit code 0 on {ok} of {} servers.", done.results.len()),
            output: Some(lines.join("\n")),
            link: None,
            qr: None,
        })
    }
}
