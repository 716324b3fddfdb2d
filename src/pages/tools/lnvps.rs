//! LNVPS: the account's SSH keys, NWC wallets (and their settings), the
//! ways LNVPS takes payment, contact details and e-mail;
//! a VM's reverse DNS, upgrade (price, then a Lightning invoice), re-install
//! and history.

use super::{checked, confirmation, confirmed, details, email, optional, required, when};
use crate::components::collection::{Added, Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::lnvps::{
    self, AccountPatch, BtcUnit, NewNwcMethod, NewSshKey, PageRequest, Price, SavedMethodPatch,
    UpgradeRequest, VmPatch, NWC_PREFIX,
};
use providers::{ProviderError, Secret};
use std::rc::Rc;

/// The SSH keys a new VM can be given.
pub struct SshKeys;

impl Collection for SshKeys {
    type New = NewSshKey;
    const TITLE: &'static str = "SSH keys";
    const ID: &'static str = "lnvps-ssh-keys";
    const NOUN: &'static str = "SSH key";
    const COLUMNS: &'static [&'static str] = &["Name", "Added", "Used by"];
    const REMOVABLE: bool = true;

    fn about() -> Option<&'static str> {
        Some("LNVPS installs one of these keys on each new VM. A key a VM still uses cannot be removed.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let keys = session.lnvps(|a| Ok(a.ssh_keys())).await?;
        Ok(keys
            .into_iter()
            .map(|k| Item {
                key: k.id.to_string(),
                cells: vec![
                    k.name.clone(),
                    when(k.created.as_deref()),
                    match k.vms.len() {
                        0 => "no VM".into(),
                        n => format!("{n} VM(s)"),
                    },
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
                "key-data",
                "Public key (one OpenSSH line)",
                FieldKind::Textarea {
                    placeholder: "ssh-ed25519 AAAAC3Nz… you@laptop",
                },
            ),
        ]
    }

    fn check(values: &Values) -> Result<NewSshKey, Errors> {
        let mut errors = Errors::new();
        let key_data = required(values, &mut errors, "key-data", "Paste the public key.");
        let new = NewSshKey {
            name: values
                .get("key-name")
                .map(|n| n.trim().to_string())
                .unwrap_or_default(),
            key_data,
        };
        if let (true, Err(ProviderError::Validation { reason, .. })) =
            (errors.is_empty(), new.validate())
        {
            errors.insert("key-data", format!("The public key {reason}."));
        }
        checked(errors, new)
    }

    async fn add(
        session: Rc<AppSession>,
        _: Scope,
        new: NewSshKey,
    ) -> Result<Added, ProviderError> {
        let key = session.lnvps(|a| a.add_ssh_key(&new)).await?;
        Ok(Added {
            message: format!("Added SSH key “{}”.", key.name),
            secret: None,
        })
    }

    async fn remove(session: Rc<AppSession>, _: Scope, key: String) -> Result<(), ProviderError> {
        let id: u64 = key.parse().map_err(|_| {
            ProviderError::validation("id", format!("`{key}` is not an LNVPS key id"))
        })?;
        session.lnvps(|a| Ok(a.delete_ssh_key(id))).await
    }
}

/// The VM's id, from the page's scope.
fn vm_id(scope: &Scope) -> Result<u64, ProviderError> {
    let id = scope.server()?;
    id.parse()
        .map_err(|_| ProviderError::validation("server", format!("`{id}` is not an LNVPS VM id")))
}

/// The name the VM's addresses answer to (reverse DNS).
pub struct ReverseDns;

impl Tool for ReverseDns {
    type Input = VmPatch;
    const TITLE: &'static str = "Reverse DNS";
    const ID: &'static str = "lnvps-reverse-dns";
    const SUBMIT: &'static str = "Set";
    const RUNNING: &'static str = "Setting the reverse DNS";

    fn about() -> Option<&'static str> {
        Some("LNVPS points every address of the VM back to this name. Point the name at the VM first, so the two agree.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "reverse-dns",
            "Host name",
            FieldKind::Text {
                placeholder: "myserver.example.com",
            },
        )]
    }

    fn check(values: &Values) -> Result<VmPatch, Errors> {
        let mut errors = Errors::new();
        let name = required(
            values,
            &mut errors,
            "reverse-dns",
            "The host name is required.",
        );
        let patch = VmPatch {
            reverse_dns: Some(name),
            ..VmPatch::default()
        };
        if let (true, Err(ProviderError::Validation { reason, .. })) =
            (errors.is_empty(), patch.validate())
        {
            errors.insert("reverse-dns", format!("The host name {reason}."));
        }
        checked(errors, patch)
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        patch: VmPatch,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let id = vm_id(&scope)?;
        session.lnvps(|a| a.update_vm(id, &patch)).await?;
        Ok(Ran {
            message: format!(
                "Reverse DNS set to {}.",
                patch.reverse_dns.unwrap_or_default()
            ),
            ..Ran::default()
        })
    }
}

/// Re-installs the VM's system (the disk is wiped).
pub struct Reinstall;

impl Tool for Reinstall {
    type Input = ();
    const TITLE: &'static str = "Re-install";
    const ID: &'static str = "lnvps-reinstall";
    const SUBMIT: &'static str = "Wipe and re-install";
    const RUNNING: &'static str = "Asking LNVPS to re-install the VM";

    fn about() -> Option<&'static str> {
        Some("Installs the VM's image again with its SSH key. Everything on the disk is lost.")
    }

    fn fields() -> Vec<Field> {
        vec![confirmation("confirm-reinstall", "wipe")]
    }

    fn check(values: &Values) -> Result<(), Errors> {
        let mut errors = Errors::new();
        confirmed(
            values,
            &mut errors,
            "confirm-reinstall",
            "wipe",
            "Type “wipe” to confirm that the disk may be erased.",
        );
        checked(errors, ())
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        _: (),
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let id = vm_id(&scope)?;
        session.lnvps(|a| Ok(a.reinstall(id, None))).await?;
        Ok(Ran {
            message: "LNVPS is re-installing the VM; it is back in about a minute.".into(),
            ..Ran::default()
        })
    }
}

/// What happened to the VM, newest first.
pub struct History;

impl Collection for History {
    type New = ();
    const TITLE: &'static str = "History";
    const ID: &'static str = "lnvps-history";
    const NOUN: &'static str = "event";
    const COLUMNS: &'static [&'static str] = &["When", "What", "By", "Details"];
    const REMOVABLE: bool = false;

    async fn load(session: Rc<AppSession>, scope: Scope) -> Result<Vec<Item>, ProviderError> {
        let id = vm_id(&scope)?;
        let page = session
            .lnvps(|a| {
                Ok(a.history(
                    id,
                    Some(PageRequest {
                        limit: 50,
                        offset: 0,
                    }),
                ))
            })
            .await?;
        Ok(page
            .items
            .into_iter()
            .map(|e| Item {
                key: e.id.to_string(),
                name: e.action_type.clone(),
                cells: vec![
                    when(e.timestamp.as_deref()),
                    e.action_type.replace('_', " "),
                    e.initiated_by.clone().unwrap_or_default(),
                    e.description.clone().unwrap_or_default(),
                ],
            })
            .collect())
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// The Nostr Wallet Connect wallets LNVPS may charge for renewals.
pub struct Wallets;

impl Collection for Wallets {
    type New = NewNwcMethod;
    const TITLE: &'static str = "Wallets for automatic renewal (NWC)";
    const ID: &'static str = "lnvps-wallets";
    const NOUN: &'static str = "wallet";
    const COLUMNS: &'static [&'static str] = &["Name", "Kind", "Default", "Enabled", "Added"];
    const REMOVABLE: bool = true;

    fn about() -> Option<&'static str> {
        Some("LNVPS pays renewals from a wallet saved here when a VM's automatic renewal is on. The connection string goes to LNVPS only; the panel does not keep it.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let methods = session.lnvps(|a| Ok(a.saved_payment_methods())).await?;
        let yes = |b: bool| if b { "yes" } else { "no" }.to_string();
        Ok(methods
            .into_iter()
            .map(|m| {
                let name = m.name.clone().unwrap_or_else(|| format!("wallet {}", m.id));
                Item {
                    key: m.id.to_string(),
                    cells: vec![
                        name.clone(),
                        m.provider.clone(),
                        yes(m.is_default),
                        yes(m.enabled),
                        when(m.created.as_deref()),
                    ],
                    name,
                }
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "wallet-name",
                "Name (optional)",
                FieldKind::Text {
                    placeholder: "Alby Hub",
                },
            ),
            Field::new("nwc", "Connection string", FieldKind::Password)
                .hint("nostr+walletconnect://… from your wallet's NWC settings."),
        ]
    }

    fn check(values: &Values) -> Result<NewNwcMethod, Errors> {
        let mut errors = Errors::new();
        let nwc = required(
            values,
            &mut errors,
            "nwc",
            "Paste the wallet's connection string.",
        );
        if !nwc.is_empty() && !nwc.starts_with(NWC_PREFIX) {
            errors.insert(
                "nwc",
                format!("The connection string must start with {NWC_PREFIX}."),
            );
        }
        let new = NewNwcMethod {
            nwc_connection_string: Secret::new(nwc),
            name: values
                .get("wallet-name")
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
        };
        checked(errors, new)
    }

    async fn add(
        session: Rc<AppSession>,
        _: Scope,
        new: NewNwcMethod,
    ) -> Result<Added, ProviderError> {
        let saved = session.lnvps(|a| a.add_nwc_method(&new)).await?;
        Ok(Added {
            message: format!(
                "Wallet “{}” saved.",
                saved.name.unwrap_or_else(|| saved.id.to_string())
            ),
            secret: None,
        })
    }

    async fn remove(session: Rc<AppSession>, _: Scope, key: String) -> Result<(), ProviderError> {
        let id: u64 = key
            .parse()
            .map_err(|_| ProviderError::validation("id", format!("`{key}` is not a wallet id")))?;
        session
            .lnvps(|a| Ok(a.delete_saved_payment_method(id)))
            .await
    }
}

/// What to change on a saved wallet, found by the name it is listed under.
pub struct WalletChange {
    name: String,
    patch: SavedMethodPatch,
}

/// Renames a saved wallet, makes it the default, or switches it on or off.
pub struct WalletSettings;

/// The choices of a yes/no setting that may be left as it is.
fn keep_or(yes: &str, no: &str) -> Vec<(String, String)> {
    vec![
        ("keep".into(), "Leave as it is".into()),
        ("yes".into(), yes.into()),
        ("no".into(), no.into()),
    ]
}

/// `Some(true)`/`Some(false)` for a chosen yes/no, `None` to leave it.
fn chosen(values: &Values, id: &str) -> Option<bool> {
    match values.get(id).map(String::as_str) {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    }
}

impl Tool for WalletSettings {
    type Input = WalletChange;
    const TITLE: &'static str = "Change a wallet";
    const ID: &'static str = "lnvps-wallet-settings";
    const SUBMIT: &'static str = "Save";
    const RUNNING: &'static str = "Saving the wallet's settings";

    fn about() -> Option<&'static str> {
        Some("Renewals are paid from the default wallet; a wallet switched off is never used.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "wallet-current",
                "Wallet",
                FieldKind::Text {
                    placeholder: "Alby Hub",
                },
            )
            .hint("Its name as listed above."),
            Field::new(
                "wallet-rename",
                "New name (optional)",
                FieldKind::Text {
                    placeholder: "Phone wallet",
                },
            ),
            Field::select(
                "wallet-default",
                "Default",
                keep_or("Make it the default", "Not the default"),
            ),
            Field::select(
                "wallet-enabled",
                "Use it",
                keep_or("Switch it on", "Switch it off"),
            ),
        ]
    }

    fn check(values: &Values) -> Result<WalletChange, Errors> {
        let mut errors = Errors::new();
        let name = required(
            values,
            &mut errors,
            "wallet-current",
            "Give the wallet's name as listed above.",
        );
        let patch = SavedMethodPatch {
            is_default: chosen(values, "wallet-default"),
            enabled: chosen(values, "wallet-enabled"),
            name: optional(values, "wallet-rename").map(Some),
        };
        if errors.is_empty() && patch == SavedMethodPatch::default() {
            errors.insert(
                "wallet-rename",
                "Nothing to change: give a new name or choose a setting.".into(),
            );
        }
        checked(errors, WalletChange { name, patch })
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        change: WalletChange,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let saved = session.lnvps(|a| Ok(a.saved_payment_methods())).await?;
        let listed = |m: &lnvps::SavedPaymentMethod| {
            m.name.clone().unwrap_or_else(|| format!("wallet {}", m.id))
        };
        let wallet = saved
            .iter()
            .find(|m| listed(m) == change.name)
            .ok_or_else(|| {
                ProviderError::validation(
                    "wallet-current",
                    format!("no saved wallet is called “{}”", change.name),
                )
            })?;
        let updated = session
            .lnvps(|a| Ok(a.update_saved_payment_method(wallet.id, &change.patch)))
            .await?;
        let state = |on: bool, yes: &str, no: &str| if on { yes } else { no }.to_string();
        Ok(Ran {
            message: format!(
                "Saved “{}”: {}, {}.",
                listed(&updated),
                state(updated.is_default, "the default", "not the default"),
                state(updated.enabled, "on", "off"),
            ),
            ..Ran::default()
        })
    }
}

/// The ways LNVPS takes payment, with their fees.
pub struct PaymentMethods;

impl Collection for PaymentMethods {
    type New = ();
    const TITLE: &'static str = "Ways to pay";
    const ID: &'static str = "lnvps-payment-methods";
    const NOUN: &'static str = "payment method";
    const COLUMNS: &'static [&'static str] = &["Method", "Currencies", "Fee"];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("What LNVPS accepts for orders and renewals.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let methods = session.lnvps(|a| Ok(a.payment_methods())).await?;
        Ok(methods
            .into_iter()
            .map(|m| {
                let mut fee = Vec::new();
                if let Some(rate) = m.processing_fee_rate.filter(|r| *r > 0.0) {
                    fee.push(format!("{rate} %"));
                }
                if let Some(base) = m.processing_fee_base.filter(|b| *b > 0) {
                    let unit = m.processing_fee_currency.clone().unwrap_or_default();
                    fee.push(format!("{base} {unit}").trim_end().to_string());
                }
                Item {
                    key: m.name.clone(),
                    cells: vec![
                        m.name.clone(),
                        m.currencies.join(", "),
                        if fee.is_empty() {
                            "none".into()
                        } else {
                            fee.join(" + ")
                        },
                    ],
                    name: m.name,
                }
            })
            .collect())
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// The account's contact details at LNVPS.
pub struct Contact;

impl Collection for Contact {
    type New = ();
    const TITLE: &'static str = "Account";
    const ID: &'static str = "lnvps-account";
    const NOUN: &'static str = "detail";
    const COLUMNS: &'static [&'static str] = &["", ""];
    const REMOVABLE: bool = false;

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let a = session.lnvps(|a| Ok(a.account())).await?;
        let email = match (&a.email, a.email_verified) {
            (None, _) => "none".to_string(),
            (Some(e), Some(true)) => format!("{e} (verified)"),
            (Some(e), _) => format!("{e} (not verified yet)"),
        };
        let mut by = Vec::new();
        for (on, how) in [
            (a.contact_nip17, "Nostr DM"),
            (a.contact_email, "e-mail"),
            (a.contact_telegram, "Telegram"),
            (a.contact_whatsapp, "WhatsApp"),
        ] {
            if on {
                by.push(how);
            }
        }
        Ok(details([("E-mail", email), ("Notices by", by.join(", "))]))
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}

/// Sets the account's e-mail address (LNVPS then asks to verify it).
pub struct Email;

impl Tool for Email {
    type Input = String;
    const TITLE: &'static str = "E-mail address";
    const ID: &'static str = "lnvps-email";
    const SUBMIT: &'static str = "Save";
    const RUNNING: &'static str = "Saving the e-mail address";

    fn about() -> Option<&'static str> {
        Some("LNVPS sends renewal notices here once the address is verified by the link it mails.")
    }

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "email",
            "E-mail",
            FieldKind::Text {
                placeholder: "you@example.com",
            },
        )]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let email = email(values, &mut errors, "email");
        checked(errors, email)
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        email: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let current = session.lnvps(|a| Ok(a.account())).await?;
        let patch = AccountPatch {
            email: Some(email.clone()),
            ..AccountPatch::keeping(&current)
        };
        let result = session.lnvps(|a| a.update_account(&patch)).await?;
        Ok(Ran {
            message: format!("Saved {email}; LNVPS has mailed a link to verify it."),
            output: (!result.warnings.is_empty()).then(|| result.warnings.join("\n")),
            ..Ran::default()
        })
    }
}

/// Confirms the e-mail address with the token from LNVPS's mail.
pub struct VerifyEmail;

impl Tool for VerifyEmail {
    type Input = String;
    const TITLE: &'static str = "Verify the e-mail address";
    const ID: &'static str = "lnvps-verify-email";
    const SUBMIT: &'static str = "Verify";
    const RUNNING: &'static str = "Verifying";

    fn fields() -> Vec<Field> {
        vec![Field::new(
            "email-token",
            "Code from the mail",
            FieldKind::Text {
                placeholder: "the code after token=",
            },
        )]
    }

    fn check(values: &Values) -> Result<String, Errors> {
        let mut errors = Errors::new();
        let token = required(
            values,
            &mut errors,
            "email-token",
            "Paste the code from LNVPS's mail.",
        );
        checked(errors, token)
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        token: String,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        session
            .lnvps(|a| a.verify_email(&Secret::new(token.clone())))
            .await?;
        Ok(Ran {
            message: "The e-mail address is verified.".into(),
            ..Ran::default()
        })
    }
}

/// A bigger VM: the price of the difference first, then a Lightning invoice.
pub struct Upgrade;

/// Sizes asked for, in the units shown (GiB); `None` keeps the current one.
pub struct Bigger {
    cpu: Option<u32>,
    memory_gib: Option<u64>,
    disk_gib: Option<u64>,
    confirmed: bool,
}

/// Bytes in a GiB (LNVPS sizes are bytes).
const GIB: u64 = 1 << 30;

impl Tool for Upgrade {
    type Input = Bigger;
    const TITLE: &'static str = "Upgrade";
    const ID: &'static str = "lnvps-upgrade";
    const SUBMIT: &'static str = "Get the price";
    const RUNNING: &'static str = "Asking LNVPS";

    fn about() -> Option<&'static str> {
        Some("LNVPS only upgrades: leave a size empty to keep it. Choose “Order it” to get the invoice; the VM restarts with the new size once it is paid.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new("up-cpu", "CPU cores", FieldKind::Number),
            Field::new("up-memory", "Memory, GiB", FieldKind::Number),
            Field::new("up-disk", "Disk, GiB", FieldKind::Number),
            Field::select(
                "up-order",
                "Then",
                vec![
                    ("quote".into(), "Only show the price".into()),
                    ("order".into(), "Order it and show the invoice".into()),
                ],
            )
            .initial("quote"),
        ]
    }

    fn check(values: &Values) -> Result<Bigger, Errors> {
        let mut errors = Errors::new();
        let mut number = |id: &'static str, what: &str| -> Option<u64> {
            let text = values.get(id).map(|v| v.trim()).unwrap_or_default();
            if text.is_empty() {
                return None;
            }
            match text.parse::<u64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    errors.insert(
                        id,
                        format!("{what} must be a whole number above 0 (got “{text}”)."),
                    );
                    None
                }
            }
        };
        let bigger = Bigger {
            cpu: number("up-cpu", "CPU cores").map(|n| n as u32),
            memory_gib: number("up-memory", "Memory"),
            disk_gib: number("up-disk", "Disk"),
            confirmed: values.get("up-order").is_some_and(|v| v == "order"),
        };
        if errors.is_empty()
            && bigger.cpu.is_none()
            && bigger.memory_gib.is_none()
            && bigger.disk_gib.is_none()
        {
            errors.insert("up-cpu", "Give at least one size to grow.".into());
        }
        checked(errors, bigger)
    }

    async fn run(
        session: Rc<AppSession>,
        scope: Scope,
        bigger: Bigger,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        let id = vm_id(&scope)?;
        let vm = session.lnvps(|a| Ok(a.vm(id))).await?;
        let current = vm.size().ok_or_else(|| {
            ProviderError::validation("size", "LNVPS did not say how big this VM is now")
        })?;
        let request = UpgradeRequest {
            cpu: bigger.cpu,
            memory: bigger.memory_gib.map(|g| g * GIB),
            disk: bigger.disk_gib.map(|g| g * GIB),
        };
        let quote = session
            .lnvps(|a| a.upgrade_quote(id, current, &request, None))
            .await?;
        let price = |p: &Price| lnvps::money(p.amount, &p.currency, BtcUnit::Sats).to_string();
        let summary = format!(
            "The upgrade costs {} now; the renewal becomes {}.",
            price(&quote.cost_difference),
            price(&quote.new_renewal_cost)
        );
        if !bigger.confirmed {
            return Ok(Ran {
                message: summary,
                ..Ran::default()
            });
        }
        let payment = session
            .lnvps(|a| a.upgrade(id, current, &request, None, None))
            .await?;
        let Some(bolt11) = payment.bolt11().map(str::to_string) else {
            return Ok(Ran {
                message: format!("{summary} LNVPS issued payment {} without a Lightning invoice; pay it on the Billing page.", payment.id),
                ..Ran::default()
            });
        };
        let uri = format!("lightning:{bolt11}");
        Ok(Ran {
            message: format!(
                "{summary} Pay this invoice and LNVPS applies the upgrade (the VM restarts)."
            ),
            output: Some(bolt11),
            link: Some(("Open in wallet".into(), uri.clone())),
            qr: Some(uri),
        })
    }
}
