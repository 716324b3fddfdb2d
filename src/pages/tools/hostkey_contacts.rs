//! HOSTKEY's additional contacts of the billing account (people who get
//! the account's e-mails, or sign in as sub-accounts): listed, added,
//! changed and removed.

use super::{checked, optional, required};
use crate::components::collection::{Added, Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::components::tool::{Ran, Tool};
use crate::state::AppSession;
use leptos::prelude::Callback;
use providers::hostkey::ContactChange;
use providers::{ProviderError, Secret};
use std::rc::Rc;

/// Puts a message under `id` unless `email` looks like an e-mail address
/// (something, `@`, a domain with a dot, no spaces).
pub(super) fn check_email(errors: &mut Errors, id: &'static str, email: &str) {
    if email.is_empty() {
        return;
    }
    let fits = email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
    }) && !email.chars().any(char::is_whitespace);
    if !fits {
        errors.insert(
            id,
            format!("“{email}” is not an e-mail address (name@example.com)."),
        );
    }
}

/// A phone number for SMS: digits with an optional leading `+`, six or more.
fn check_phone(errors: &mut Errors, id: &'static str, phone: Option<&str>) {
    let Some(phone) = phone else { return };
    let digits = phone.strip_prefix('+').unwrap_or(phone);
    if digits.len() < 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        errors.insert(
            id,
            "The phone number must be 6 or more digits, with an optional leading + (+31612345678)."
                .into(),
        );
    }
}

/// The account's additional contacts.
pub struct Contacts;

impl Collection for Contacts {
    type New = ContactChange;
    const TITLE: &'static str = "Contacts";
    const ID: &'static str = "hostkey-contacts";
    const NOUN: &'static str = "contact";
    const COLUMNS: &'static [&'static str] = &["Id", "Name", "E-mail", "Phone"];
    const REMOVABLE: bool = true;

    fn about() -> Option<&'static str> {
        Some("People besides the account holder that HOSTKEY's billing knows. A phone number turns on SMS sign-in codes for the contact.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let list = session.hostkey(|a| a.get_contacts()).await?;
        Ok(list
            .contacts
            .into_iter()
            .map(|c| {
                let name = format!("{} {}", c.firstname, c.lastname).trim().to_string();
                Item {
                    key: c.id.clone(),
                    name: if name.is_empty() {
                        c.email.clone()
                    } else {
                        name.clone()
                    },
                    cells: vec![
                        c.id,
                        if name.is_empty() { "—".into() } else { name },
                        c.email,
                        c.phonenumber
                            .filter(|p| !p.is_empty())
                            .unwrap_or_else(|| "—".into()),
                    ],
                }
            })
            .collect())
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "contact-email",
                "E-mail",
                FieldKind::Text {
                    placeholder: "billing@example.com",
                },
            ),
            Field::new(
                "contact-phone",
                "Phone (optional)",
                FieldKind::Text {
                    placeholder: "+31612345678",
                },
            )
            .hint("For SMS sign-in codes."),
        ]
    }

    fn check(values: &Values) -> Result<ContactChange, Errors> {
        let mut errors = Errors::new();
        let email = required(
            values,
            &mut errors,
            "contact-email",
            "The e-mail address is required.",
        );
        check_email(&mut errors, "contact-email", &email);
        let phonenumber = optional(values, "contact-phone");
        check_phone(&mut errors, "contact-phone", phonenumber.as_deref());
        checked(
            errors,
            ContactChange {
                email,
                phonenumber,
                password2: None,
            },
        )
    }

    async fn add(
        session: Rc<AppSession>,
        _: Scope,
        new: ContactChange,
    ) -> Result<Added, ProviderError> {
        // HOSTKEY creates a contact with a made-up address, then takes the real one.
        let created = session.hostkey(|a| a.add_contact()).await?;
        let id = created.contactid;
        session
            .hostkey(|a| a.update_contact(&id, &new))
            .await
            .map_err(|e| ProviderError::Provider {
                status: 200,
                message: format!(
                    "contact {id} was created, but its e-mail could not be set ({e}); set it with “Change a contact” or remove it"
                ),
            })?;
        Ok(Added {
            message: format!("Added contact {id} ({}).", new.email),
            secret: None,
        })
    }

    async fn remove(session: Rc<AppSession>, _: Scope, key: String) -> Result<(), ProviderError> {
        session.hostkey(|a| a.delete_contact(&key)).await?;
        Ok(())
    }
}

/// The contact to change and its new details.
pub struct ContactEdit {
    id: String,
    change: ContactChange,
}

/// Changes a contact's e-mail, phone or password.
pub struct EditContact;

impl Tool for EditContact {
    type Input = ContactEdit;
    const TITLE: &'static str = "Change a contact";
    const ID: &'static str = "hostkey-edit-contact";
    const SUBMIT: &'static str = "Save the contact";
    const RUNNING: &'static str = "Saving the contact";

    fn about() -> Option<&'static str> {
        Some("HOSTKEY needs the e-mail address with every change; the phone and password stay as they are when left empty.")
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new("edit-contact-id", "Contact id", FieldKind::Number)
                .hint("The first column of the contacts above."),
            Field::new(
                "edit-contact-email",
                "E-mail",
                FieldKind::Text {
                    placeholder: "billing@example.com",
                },
            ),
            Field::new(
                "edit-contact-phone",
                "New phone (optional)",
                FieldKind::Text {
                    placeholder: "+31612345678",
                },
            ),
            Field::new(
                "edit-contact-password",
                "New password (optional)",
                FieldKind::Password,
            )
            .hint("For the contact's own sign-in; at least 4 characters. Not shown again."),
        ]
    }

    fn check(values: &Values) -> Result<ContactEdit, Errors> {
        let mut errors = Errors::new();
        let id = required(
            values,
            &mut errors,
            "edit-contact-id",
            "The contact id is required.",
        );
        if !id.is_empty() && !id.bytes().all(|b| b.is_ascii_digit()) {
            errors.insert(
                "edit-contact-id",
                format!("The contact id must be a number (got “{id}”)."),
            );
        }
        let email = required(
            values,
            &mut errors,
            "edit-contact-email",
            "The e-mail address is required.",
        );
        check_email(&mut errors, "edit-contact-email", &email);
        let phonenumber = optional(values, "edit-contact-phone");
        check_phone(&mut errors, "edit-contact-phone", phonenumber.as_deref());
        let password = values
            .get("edit-contact-password")
            .filter(|p| !p.is_empty())
            .cloned();
        if password.as_ref().is_some_and(|p| p.chars().count() < 4) {
            errors.insert(
                "edit-contact-password",
                "The password must be at least 4 characters.".into(),
            );
        }
        checked(
            errors,
            ContactEdit {
                id,
                change: ContactChange {
                    email,
                    phonenumber,
                    password2: password.map(Secret::new),
                },
            },
        )
    }

    async fn run(
        session: Rc<AppSession>,
        _: Scope,
        edit: ContactEdit,
        _: Callback<String>,
    ) -> Result<Ran, ProviderError> {
        session
            .hostkey(|a| a.update_contact(&edit.id, &edit.change))
            .await?;
        let mut changed = vec![format!("e-mail {}", edit.change.email)];
        if let Some(phone) = &edit.change.phonenumber {
            changed.push(format!("phone {phone}"));
        }
        if edit.change.password2.is_some() {
            changed.push("a new password".into());
        }
        Ok(Ran {
            message: format!(
                "Contact {} saved: {}. Reload the contacts to see it.",
                edit.id,
                changed.join(", ")
            ),
            ..Ran::default()
        })
    }
}
