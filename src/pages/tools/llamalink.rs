//! LlamaLink: the account's websites (listed and ordered; LlamaLink
//! documents no call to delete one).

use super::{checked, details, required};
use crate::components::collection::{Added, Collection, Item, Scope};
use crate::components::form_fields::{Errors, Field, FieldKind, Values};
use crate::state::AppSession;
use providers::llamalink::NewWebsite;
use providers::ProviderError;
use std::rc::Rc;

/// The account's hosted websites.
pub struct Websites;

impl Collection for Websites {
    type New = NewWebsite;
    const TITLE: &'static str = "Websites";
    const ID: &'static str = "llamalink-websites";
    const NOUN: &'static str = "website";
    const COLUMNS: &'static [&'static str] = &["Domain", "Status", "Plan", "PHP", "SSL", "Disk"];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("A new website is charged to your saved card, like a server.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let sites = session.llamalink(|a| Ok(a.websites())).await?;
        let mut items = Vec::new();
        for site in sites {
            let info = session.llamalink(|a| Ok(a.website_info(&site.id))).await?;
            let disk = match (site.disk_used_mb, site.disk_limit_mb) {
                (Some(used), Some(limit)) => format!("{used:.0} of {limit:.0} MB"),
                (Some(used), None) => format!("{used:.0} MB"),
                _ => "—".into(),
            };
            items.push(Item {
                key: site.id.clone(),
                cells: vec![
                    site.domain.clone(),
                    site.status.clone(),
                    site.plan.clone().unwrap_or_default(),
                    info.php_version.clone().unwrap_or_default(),
                    if info.ssl { "yes" } else { "not yet" }.into(),
                    disk,
                ],
                name: site.domain,
            });
        }
        Ok(items)
    }

    fn fields() -> Vec<Field> {
        vec![
            Field::new(
                "domain",
                "Domain",
                FieldKind::Text {
                    placeholder: "example.com",
                },
            ),
            Field::select(
                "site-plan",
                "Plan",
                ["starter", "business", "pro"]
                    .iter()
                    .map(|p| (p.to_string(), p[..1].to_uppercase() + &p[1..]))
                    .collect(),
            ),
            Field::select(
                "php",
                "PHP version",
                ["8.3", "8.2", "8.1", "8.0", "7.4"]
                    .iter()
                    .map(|v| (v.to_string(), format!("PHP {v}")))
                    .collect(),
            )
            .initial("8.3"),
        ]
    }

    fn check(values: &Values) -> Result<NewWebsite, Errors> {
        let mut errors = Errors::new();
        let domain = required(values, &mut errors, "domain", "The domain is required.");
        let plan_id = required(values, &mut errors, "site-plan", "Choose a plan.");
        let php_version = required(values, &mut errors, "php", "Choose a PHP version.");
        let new = NewWebsite {
            domain,
            plan_id,
            php_version,
        };
        if errors.is_empty() {
            if let Err(ProviderError::Validation { field, reason }) = new.validate() {
                let id = match field.as_str() {
                    "planId" => "site-plan",
                    "phpVersion" => "php",
                    _ => "domain",
                };
                errors.insert(
                    id,
                    format!(
                        "The {} {reason}.",
                        if id == "domain" { "domain" } else { "choice" }
                    ),
                );
            }
        }
        checked(errors, new)
    }

    async fn add(
        session: Rc<AppSession>,
        _: Scope,
        new: NewWebsite,
    ) -> Result<Added, ProviderError> {
        let made = session.llamalink(|a| a.new_website(&new)).await?;
        Ok(Added {
            message: format!("Website {} ordered ({}).", made.domain, made.status),
            secret: None,
        })
    }
}

/// Who the account is at LlamaLink.
pub struct Profile;

impl Collection for Profile {
    type New = ();
    const TITLE: &'static str = "Profile";
    const ID: &'static str = "llamalink-profile";
    const NOUN: &'static str = "detail";
    const COLUMNS: &'static [&'static str] = &["", ""];
    const REMOVABLE: bool = false;

    fn about() -> Option<&'static str> {
        Some("Changed in LlamaLink's own account settings.")
    }

    async fn load(session: Rc<AppSession>, _: Scope) -> Result<Vec<Item>, ProviderError> {
        let p = session.llamalink(|a| Ok(a.profile())).await?;
        let rows = [
            ("User name", Some(p.username)),
            ("Name", p.realname),
            ("E-mail", Some(p.email)),
            ("Phone", p.phone),
            ("Role", p.role),
        ];
        Ok(details(
            rows.into_iter()
                .filter_map(|(label, value)| value.map(|v| (label, v))),
        ))
    }

    fn check(_: &Values) -> Result<(), Errors> {
        Ok(())
    }
}
