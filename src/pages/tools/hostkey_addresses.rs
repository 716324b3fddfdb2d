//! HOSTKEY, one of a server's addresses: its subnet details (`ip/get_ip`),
//! or making it the server's main address (`ip/set_main`, after a typed
//! confirmation: only the main address gets a network configuration).

use super::{checked, required};
use crate::components::collection::Scope;
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::ProviderError;
use std::rc::Rc;

/// The word that confirms a change of the main address.
const MAIN_WORD: &str = "main";

/// What to do with an address.
pub enum AddressAction {
    /// Show its subnet, gateway and VLAN.
    Details(String),
    /// Make it the main address.
    MakeMain(String),
}

/// An address of the server: its details, or made the main one.
pub struct Address;

impl Tool for Address {
    type Input = AddressAction;
    const TITLE: &'static str = "Addresses";
    const ID: &'static str = "hostkey-address";
    const SUBMIT: &'static str = "Go";
    const RUNNING: &'static str = "Asking HOSTKEY about the address";

    fn about() -> Option<&'static str> {
        Some("The subnet, gateway and VLAN of one of the server's addresses, or make it the main address (the only one HOSTKEY configures on the server).")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "address-ip",
                "Address",
                FieldKind::Text {
                    placeholder: "203.0.113.10",
                },
            )
            .hint("One of this server's IPv4 addresses."),
            Field::select(
                "address-action",
                "Action",
                vec![
                    ("details".into(), "Show its details".into()),
                    ("main".into(), "Make it the main address".into()),
                ],
            )
            .initial("details"),
            Field::new(
                "confirm-main",
                "Type “main” to confirm",
                FieldKind::Text {
                    placeholder: MAIN_WORD,
                },
            )
            .hint("The server's network configuration moves to this address.")
            .shown_when(|v| v.get("address-action").is_some_and(|a| a == "main")),
        ]
    }

    fn check(values: &Values) -> Result<AddressAction, Errors> {
        let mut errors = Errors::new();
        let ip = required(
            values,
            &mut errors,
            "address-ip",
            "The address is required.",
        );
        if !ip.is_empty() && ip.parse::<std::net::Ipv4Addr>().is_err() {
            errors.insert("address-ip", format!("“{ip}” is not an IPv4 address."));
        }
        let action = match values.get("address-action").map(String::as_str) {
            Some("details") => AddressAction::Details(ip),
            Some("main") => {
                if values.get("confirm-main").map(|v| v.trim()) != Some(MAIN_WORD) {
                    errors.insert(
                        "confirm-main",
                        "Type “main” to confirm: the main address is not changed without it."
                            .into(),
                    );
                }
                AddressAction::MakeMain(ip)
            }
            _ => {
                errors.insert("address-action", "Choose what to do.".into());
                AddressAction::Details(ip)
            }
        };
        checked(errors, action)
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        action: AddressAction,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let server = scope.server()?;
        match action {
            AddressAction::Details(ip) => {
                let info = session.hostkey(|a| a.get_ip(&ip)).await?;
                let dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
                let network = match info.cidr {
                    Some(cidr) => format!("{}/{cidr}", info.network),
                    None => info.network.clone(),
                };
                let rows = [
                    ("Network", network.clone()),
                    ("Netmask", dash(info.netmask)),
                    ("Gateway", dash(info.gateway)),
                    ("Broadcast", dash(info.broadcast)),
                    ("VLAN", dash(info.vlan)),
                    ("Subnet id", dash(info.subnet_id)),
                    ("Location", dash(info.location)),
                ];
                Ok(Ran {
                    message: format!("{ip} is in {network}."),
                    output: Some(
                        rows.iter()
                            .map(|(label, value)| format!("{label:<11}{value}"))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ),
                    ..Ran::default()
                })
            }
            AddressAction::MakeMain(ip) => {
                let done = session.hostkey(|a| a.set_main(server, &ip, &ip)).await?;
                Ok(Ran {
                    message: done
                        .message
                        .filter(|m| !m.trim().is_empty())
                        .map(|m| format!("HOSTKEY: {m}."))
                        .unwrap_or_else(|| format!("{ip} is now the main address.")),
                    ..Ran::default()
                })
            }
        }
    }
}
