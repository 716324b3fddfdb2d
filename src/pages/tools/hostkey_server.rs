//! HOSTKEY, for one server: tags, reverse DNS (PTR) of an address, the
//! network port on or off, an address blocked or unblocked, and requests to
//! the data centre's remote hands. The port and block changes are HOSTKEY's
//! asynchronous calls, protected by the account's PIN and followed (see
//! `hostkey_follow`) until HOSTKEY reports the result. Remote access,
//! reinstalls, network and address details live in their own modules.

use super::hostkey_follow::settle;
use super::{checked, optional, required};
use crate::components::collection::{Added, Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::{Callable, Callback};
use providers::hostkey::{is_secret, RemoteHandsAction};
use providers::ProviderError;
use std::rc::Rc;

/// The server's tags (a secret tag, such as its password, is never shown).
pub struct Tags;

/// A tag to set.
pub struct NewTag {
    name: String,
    value: String,
}

impl Collection for Tags {
    type New = NewTag;
    const TITLE: &'static str = "Tags";
    const ID: &'static str = "hostkey-tags";
    const NOUN: &'static str = "tag";
    const COLUMNS: &'static [&'static str] = &["Tag", "Value"];
    const REMOVABLE: bool = true;

    async fn load(session: Rc<AppSession>, scope: Scope) -> Result<Vec<Item>, ProviderError> {
        let server = scope.server()?;
        let tags = session.hostkey(|a| a.tags(server)).await?;
        Ok(tags
            .into_iter()
            .filter(|t| !t.internal)
            .map(|t| Item {
                key: t.tag.clone(),
                cells: vec![
                    t.tag.clone(),
                    if is_secret(&t) {
                        "•••••• (hidden)".into()
                    } else {
                        t.value.as_text()
                    },
                ],
                name: t.tag,
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "tag-name",
                "Tag",
                FieldKind::Text {
                    placeholder: "team",
                },
            )
            .hint("1–64 letters, digits, “_”, “.” or “-”."),
            Field::new("tag-value", "Value", FieldKind::Text { placeholder: "web" }),
        ]
    }

    fn check(values: &Values) -> Result<NewTag, Errors> {
        let mut errors = Errors::new();
        let name = required(values, &mut errors, "tag-name", "The tag name is required.");
        if name.len() > 64
            || name
                .chars()
                .any(|c| !(c.is_ascii_alphanumeric() || "_.-".contains(c)))
        {
            errors.insert(
                "tag-name",
                "The tag name must be 1–64 letters, digits, “_”, “.” or “-”.".into(),
            );
        }
        let value = values
            .get("tag-value")
            .map(|v| v.trim().to_string())
            .unwrap_or_default();
        checked(errors, NewTag { name, value })
    }

    async fn add(
        session: Rc<AppSession>,
        scope: Scope,
        new: NewTag,
    ) -> Result<Added, ProviderError> {
        let server = scope.server()?;
        session
            .hostkey(|a| a.add_tag(server, &new.name, &new.value, None))
            .await?;
        Ok(Added {
            message: format!("Tag {} set.", new.name),
            secret: None,
        })
    }

    async fn remove(
        session: Rc<AppSession>,
        scope: Scope,
        key: String,
    ) -> Result<(), ProviderError> {
        let server = scope.server()?;
        session.hostkey(|a| a.remove_tag(server, &key)).await?;
        Ok(())
    }
}

/// An address and the names it should answer to.
pub struct PtrChange {
    ip: String,
    names: Vec<String>,
}

/// Reverse DNS of one of the server's addresses.
pub struct Ptr;

impl Tool for Ptr {
    type Input = PtrChange;
    const TITLE: &'static str = "Reverse DNS (PTR)";
    const ID: &'static str = "hostkey-ptr";
    const SUBMIT: &'static str = "Set";
    const RUNNING: &'static str = "Setting the PTR record";

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "ptr-ip",
                "Address",
                FieldKind::Text {
                    placeholder: "203.0.113.10",
                },
            )
            .hint("One of this server's IPv4 addresses (listed above)."),
            Field::new(
                "ptr-names",
                "Host name(s)",
                FieldKind::Text {
                    placeholder: "web1.example.com",
                },
            )
            .hint("Several names are separated by spaces."),
        ]
    }

    fn check(values: &Values) -> Result<PtrChange, Errors> {
        let mut errors = Errors::new();
        let ip = required(values, &mut errors, "ptr-ip", "The address is required.");
        if !ip.is_empty() && ip.parse::<std::net::IpAddr>().is_err() {
            errors.insert("ptr-ip", format!("“{ip}” is not an IP address."));
        }
        let names: Vec<String> = optional(values, "ptr-names")
            .map(|n| n.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default();
        if names.is_empty() {
            errors.insert("ptr-names", "Give at least one host name.".into());
        }
        checked(errors, PtrChange { ip, names })
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        change: PtrChange,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let names: Vec<&str> = change.names.iter().map(String::as_str).collect();
        session
            .hostkey(|a| a.update_ptr(server, &change.ip, &names))
            .await?;
        let now = session.hostkey(|a| a.get_ptr(server, &change.ip)).await?;
        Ok(Ran {
            message: format!("{} now answers to {}.", change.ip, now.names.join(", ")),
            ..Ran::default()
        })
    }
}

/// The server's network port, on or off.
pub struct Port;

impl Tool for Port {
    type Input = (String, bool);
    const TITLE: &'static str = "Network port";
    const ID: &'static str = "hostkey-port";
    const SUBMIT: &'static str = "Apply";
    const RUNNING: &'static str = "Asking HOSTKEY to switch the port";

    fn about() -> Option<&'static str> {
        Some("Switching the port off cuts the server off the network until it is switched on again. Uses the account's PIN.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "port-name",
                "Interface",
                FieldKind::Text {
                    placeholder: "eth0",
                },
            )
            .initial("eth0"),
            Field::select(
                "port-state",
                "Switch",
                vec![("on".into(), "On".into()), ("off".into(), "Off".into())],
            ),
        ]
    }

    fn check(values: &Values) -> Result<(String, bool), Errors> {
        let mut errors = Errors::new();
        let port = required(
            values,
            &mut errors,
            "port-name",
            "The interface is required.",
        );
        let state = required(values, &mut errors, "port-state", "Choose on or off.");
        checked(errors, (port, state == "on"))
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        (port, on): (String, bool),
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let accepted = if on {
            session.hostkey(|a| a.port_on(server, &port)).await?
        } else {
            session.hostkey(|a| a.port_off(server, &port)).await?
        };
        let said = settle(&session, &accepted, |line| progress.run(line)).await?;
        Ok(Ran {
            message: format!("{port}: {said}."),
            ..Ran::default()
        })
    }
}

/// What to do with an address: block (with a reason) or unblock.
pub struct BlockChange {
    ip: String,
    block: Option<String>,
}

/// Blocks or unblocks one of the server's addresses.
pub struct Block;

impl Tool for Block {
    type Input = BlockChange;
    const TITLE: &'static str = "Block an address";
    const ID: &'static str = "hostkey-block";
    const SUBMIT: &'static str = "Apply";
    const RUNNING: &'static str = "Asking HOSTKEY to change the address";

    fn about() -> Option<&'static str> {
        Some("A blocked address takes no traffic until it is unblocked. Uses the account's PIN.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "block-ip",
                "Address",
                FieldKind::Text {
                    placeholder: "203.0.113.10",
                },
            ),
            Field::select(
                "block-action",
                "Action",
                vec![
                    ("block".into(), "Block".into()),
                    ("unblock".into(), "Unblock".into()),
                ],
            ),
            Field::new(
                "block-reason",
                "Reason (to block)",
                FieldKind::Text {
                    placeholder: "under attack",
                },
            )
            .shown_when(|v| v.get("block-action").is_some_and(|a| a == "block")),
        ]
    }

    fn check(values: &Values) -> Result<BlockChange, Errors> {
        let mut errors = Errors::new();
        let ip = required(values, &mut errors, "block-ip", "The address is required.");
        if !ip.is_empty() && ip.parse::<std::net::IpAddr>().is_err() {
            errors.insert("block-ip", format!("“{ip}” is not an IP address."));
        }
        let action = required(
            values,
            &mut errors,
            "block-action",
            "Choose block or unblock.",
        );
        let block = match action.as_str() {
            "block" => Some(required(
                values,
                &mut errors,
                "block-reason",
                "Say why it is blocked (HOSTKEY requires it).",
            )),
            _ => None,
        };
        checked(errors, BlockChange { ip, block })
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        change: BlockChange,
        progress: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let accepted = match &change.block {
            Some(reason) => {
                session
                    .hostkey(|a| a.block_ip(server, &change.ip, reason, None))
                    .await?
            }
            None => {
                session
                    .hostkey(|a| a.unblock_ip(server, &change.ip))
                    .await?
            }
        };
        let said = settle(&session, &accepted, |line| progress.run(line)).await?;
        Ok(Ran {
            message: format!("{}: {said}.", change.ip),
            ..Ran::default()
        })
    }
}

/// A request to the data centre's staff.
pub struct RemoteHands;

impl Tool for RemoteHands {
    type Input = RemoteHandsAction;
    const TITLE: &'static str = "Remote hands";
    const ID: &'static str = "hostkey-remote-hands";
    const SUBMIT: &'static str = "Send the request";
    const RUNNING: &'static str = "Sending the request to HOSTKEY";

    fn about() -> Option<&'static str> {
        Some(
            "HOSTKEY's data-centre staff act on the server by hand and answer in a support ticket.",
        )
    }

    fn fields() -> Vec<Field> {
        vec![Field::select(
            "hands-action",
            "Request",
            [
                (RemoteHandsAction::Check, "Check the server"),
                (RemoteHandsAction::Reboot, "Reboot it by hand"),
                (RemoteHandsAction::PowerOn, "Power it on"),
                (RemoteHandsAction::PowerOff, "Power it off"),
                (RemoteHandsAction::PxeBoot, "Boot it from the network (PXE)"),
                (RemoteHandsAction::Kvm, "Connect a KVM console"),
            ]
            .into_iter()
            .map(|(a, label)| (a.as_str().to_string(), label.to_string()))
            .collect(),
        )]
    }

    fn check(values: &Values) -> Result<RemoteHandsAction, Errors> {
        let chosen = values
            .get("hands-action")
            .map(String::as_str)
            .unwrap_or_default();
        [
            RemoteHandsAction::Check,
            RemoteHandsAction::Reboot,
            RemoteHandsAction::PowerOn,
            RemoteHandsAction::PowerOff,
            RemoteHandsAction::PxeBoot,
            RemoteHandsAction::Kvm,
        ]
        .into_iter()
        .find(|a| a.as_str() == chosen)
        .ok_or_else(|| {
            Errors::from([(
                "hands-action",
                "Choose what the staff should do.".to_string(),
            )])
        })
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        action: RemoteHandsAction,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        let ticket = session.hostkey(|a| a.remote_hands(server, action)).await?;
        let issue = ticket
            .jira_issue
            .clone()
            .unwrap_or_else(|| "a ticket".into());
        Ok(Ran {
            message: format!("HOSTKEY opened {issue}: {}", ticket.action.subject),
            output: None,
            link: ticket.jira_url.map(|url| (format!("Open {issue}"), url)),
            qr: None,
        })
    }
}
