//! eq.php ordering and reinstalling: `eq/order_instance` in its two modes
//! (a new order; a reinstall when `id` is given) and the PXE reinstall path
//! (`eq/reinstall` → `eq/create_pxe` → `eq/boot_dev` → `eq/reboot` → stages →
//! `eq/clear_pxe`).

use super::file::EQ;
use super::lenient::opt_any_text;
use super::reply::Accepted;
use super::{auth::flag, validate, Api};
use crate::call::Call;
use crate::driver::Operation;
use crate::error::ProviderError;
use crate::parse::opt_string_lenient;
use crate::Secret;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

impl Api {
    /// `eq/order_instance` without `id`: orders a preset (or a stock server by
    /// its id) with an OS, optional software and a traffic plan (PIN). Paid
    /// from credit when autopay is set, else an invoice is issued.
    pub fn order_instance(&self, order: &Order) -> Result<Call<Ordered>, ProviderError> {
        order.validate()?;
        let pin = self.pin()?;
        let form = self
            .signed(EQ, "order_instance")?
            .field("deploy_period", order.deploy_period.as_str())
            .field("deploy_notify", bool_word(order.deploy_notify))
            .secret("pin", pin)
            .field("preset", order.preset.trim())
            .field(
                "location_name",
                validate::location("location_name", &order.location)?,
            )
            .field("os_id", order.os_id.trim())
            .opt("soft_id", order.soft_id.as_deref())
            .field("traffic_plan", order.traffic_plan.trim())
            .secret("root_pass", &order.root_pass)
            .opt("hostname", order.hostname.as_deref())
            .opt("ssh_key", order.ssh_key.as_deref())
            .opt(
                "post_install_callback",
                order.post_install_callback.as_deref(),
            )
            .opt("post_install_script", order.post_install_script.as_deref())
            .opt("os_name", order.os_name.as_deref())
            .opt("own_os", order.own_os.map(flag))
            .opt("root_size", order.root_size.map(|s| s.to_string()))
            .opt("jenkins_task", order.jenkins_task.map(|t| t.to_string()));
        Ok(form.json())
    }

    /// `eq/order_instance` with `id`: reinstalls a server with another OS and
    /// optional software (PIN; async, done when the result's scope is
    /// `{"result":"deploy_done"}`).
    pub fn reinstall_instance(
        &self,
        id: &str,
        reinstall: &Reinstall,
    ) -> Result<Call<ReinstallStarted>, ProviderError> {
        let id = validate::id("id", id)?;
        reinstall.validate()?;
        let pin = self.pin()?;
        let form = self
            .signed(EQ, "order_instance")?
            .opt("deploy_notify", reinstall.deploy_notify.map(bool_word))
            .secret("pin", pin)
            .opt("hostname", reinstall.hostname.as_deref())
            .field("os_id", reinstall.os_id.trim())
            .opt("soft_id", reinstall.soft_id.as_deref())
            .secret("root_pass", &reinstall.root_pass)
            .opt("ssh_key", reinstall.ssh_key.as_deref())
            .opt(
                "post_install_script",
                reinstall.post_install_script.as_deref(),
            )
            .opt("os_name", reinstall.os_name.as_deref())
            .opt("own_os", reinstall.own_os.map(flag))
            .opt("root_size", reinstall.root_size.map(|s| s.to_string()))
            .field("id", id)
            .about(id);
        Ok(form.json())
    }

    /// `eq/reinstall`: the master key a PXE reinstall reports its stages to.
    pub fn reinstall(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        Ok(self.server_call("reinstall", id)?.json())
    }

    /// `eq/create_pxe`: the PXE configuration for an OS install (PIN; async).
    pub fn create_pxe(&self, id: &str, pxe: &CreatePxe) -> Result<Call<Accepted>, ProviderError> {
        let id = validate::id("id", id)?;
        pxe.validate()?;
        let pin = self.pin()?;
        let form = self
            .signed(EQ, "create_pxe")?
            .opt("email", pxe.email.as_deref())
            .secret("pin", pin)
            .field("id", id)
            .field("os_id", pxe.os_id.trim())
            .secret("root_pass", &pxe.root_pass)
            .field("hostname", pxe.hostname.trim())
            .opt("ssh_key", pxe.ssh_key.as_deref())
            .opt(
                "post_install_callback",
                pxe.post_install_callback.as_deref(),
            )
            .opt("post_install_script", pxe.post_install_script.as_deref())
            .opt("reinstall_key", pxe.reinstall_key.as_deref())
            .about(id);
        Ok(form.json())
    }

    /// `eq/clear_pxe`: removes the PXE configuration so the server does not
    /// reinstall again on its next network boot (async).
    pub fn clear_pxe(&self, id: &str, hostname: &str) -> Result<Call<Accepted>, ProviderError> {
        let hostname = validate::hostname("hostname", hostname)?;
        Ok(self
            .server_call("clear_pxe", id)?
            .field("hostname", hostname)
            .json())
    }
}

/// `true` or `false`, as `deploy_notify` is sent.
fn bool_word(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// How long an order is paid for at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeployPeriod {
    /// One month.
    Monthly,
    /// Three months.
    Quarterly,
    /// Six months.
    SemiAnnually,
    /// A year.
    Annually,
}

impl DeployPeriod {
    /// The word HOSTKEY uses.
    pub fn as_str(self) -> &'static str {
        match self {
            DeployPeriod::Monthly => "monthly",
            DeployPeriod::Quarterly => "quarterly",
            DeployPeriod::SemiAnnually => "semi-annually",
            DeployPeriod::Annually => "annually",
        }
    }

    /// Months covered (the keys of a `billing_plan`).
    pub fn months(self) -> u32 {
        match self {
            DeployPeriod::Monthly => 1,
            DeployPeriod::Quarterly => 3,
            DeployPeriod::SemiAnnually => 6,
            DeployPeriod::Annually => 12,
        }
    }
}

impl FromStr for DeployPeriod {
    type Err = ProviderError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "monthly" => Ok(DeployPeriod::Monthly),
            "quarterly" => Ok(DeployPeriod::Quarterly),
            "semi-annually" => Ok(DeployPeriod::SemiAnnually),
            "annually" => Ok(DeployPeriod::Annually),
            other => Err(ProviderError::validation(
                "deploy_period",
                format!("`{other}` is not one of monthly, quarterly, semi-annually, annually"),
            )),
        }
    }
}

/// A new order for `eq/order_instance`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// Billing period.
    pub deploy_period: DeployPeriod,
    /// E-mail when the deploy completes.
    pub deploy_notify: bool,
    /// Preset id (`108`) or name (`vm.pico`), or a stock server id.
    pub preset: String,
    /// Location code (sent as `location_name`).
    pub location: String,
    /// OS id from os/list.
    pub os_id: String,
    /// Software id from software/list.
    pub soft_id: Option<String>,
    /// Traffic plan id from traffic_plans/list.
    pub traffic_plan: String,
    /// Root password: at least 8 characters, upper- and lower-case letters
    /// and a special character.
    pub root_pass: Secret,
    /// Host name (defaults to the instance id).
    pub hostname: Option<String>,
    /// A public SSH key for root.
    pub ssh_key: Option<String>,
    /// A URL called after a successful deploy.
    pub post_install_callback: Option<String>,
    /// Code run on first boot.
    pub post_install_script: Option<String>,
    /// OS name.
    pub os_name: Option<String>,
    /// True to ship without an OS.
    pub own_os: Option<bool>,
    /// Percent of the disk for `/` (1–100; HOSTKEY's default is 100).
    pub root_size: Option<u8>,
    /// Jenkins task after deploy: -1 nothing, 1 GPU driver, 2 + NVIDIA docker, 3 + IOMMU patch.
    pub jenkins_task: Option<i8>,
}

impl Order {
    /// Checks the order as HOSTKEY documents it.
    pub fn validate(&self) -> Result<(), ProviderError> {
        validate::required("preset", &self.preset)?;
        validate::location("location_name", &self.location)?;
        validate::id("os_id", &self.os_id)?;
        if let Some(soft) = &self.soft_id {
            validate::id("soft_id", soft)?;
        }
        validate::id("traffic_plan", &self.traffic_plan)?;
        validate::root_pass(&self.root_pass)?;
        check_common(
            self.hostname.as_deref(),
            self.post_install_callback.as_deref(),
            self.root_size,
        )?;
        if let Some(task) = self.jenkins_task {
            if ![-1, 1, 2, 3].contains(&task) {
                return Err(ProviderError::validation(
                    "jenkins_task",
                    "must be -1 (nothing), 1, 2 or 3",
                ));
            }
        }
        Ok(())
    }
}

/// Checks shared by orders, reinstalls and PXE configs.
fn check_common(
    hostname: Option<&str>,
    callback: Option<&str>,
    root_size: Option<u8>,
) -> Result<(), ProviderError> {
    if let Some(name) = hostname.filter(|h| !h.is_empty()) {
        validate::hostname("hostname", name)?;
    }
    if let Some(url) = callback.map(str::trim).filter(|u| !u.is_empty()) {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(ProviderError::validation(
                "post_install_callback",
                "must be an http(s) URL",
            ));
        }
    }
    if let Some(size) = root_size {
        if !(1..=100).contains(&size) {
            return Err(ProviderError::validation(
                "root_size",
                "is a percentage from 1 to 100",
            ));
        }
    }
    Ok(())
}

/// A reinstall through `eq/order_instance` with `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reinstall {
    /// E-mail when done (the example sends `true`; HOSTKEY says no e-mail is sent).
    pub deploy_notify: Option<bool>,
    /// OS id from os/list.
    pub os_id: String,
    /// Software id from software/list.
    pub soft_id: Option<String>,
    /// New root password (same rules as an order).
    pub root_pass: Secret,
    /// Host name.
    pub hostname: Option<String>,
    /// A public SSH key for root.
    pub ssh_key: Option<String>,
    /// Code run on first boot.
    pub post_install_script: Option<String>,
    /// OS name.
    pub os_name: Option<String>,
    /// True to leave the server without an OS.
    pub own_os: Option<bool>,
    /// Percent of the disk for `/`.
    pub root_size: Option<u8>,
}

impl Reinstall {
    /// Checks the reinstall as HOSTKEY documents it.
    pub fn validate(&self) -> Result<(), ProviderError> {
        validate::id("os_id", &self.os_id)?;
        if let Some(soft) = &self.soft_id {
            validate::id("soft_id", soft)?;
        }
        validate::root_pass(&self.root_pass)?;
        check_common(self.hostname.as_deref(), None, self.root_size)
    }
}

/// A PXE install configuration for `eq/create_pxe`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatePxe {
    /// Notification e-mail (the example sends it empty).
    pub email: Option<String>,
    /// OS id from os/list.
    pub os_id: String,
    /// Root password: at least 8 characters with a digit and a capital.
    pub root_pass: Secret,
    /// Host name.
    pub hostname: String,
    /// A public SSH key.
    pub ssh_key: Option<String>,
    /// A URL called when the install is complete.
    pub post_install_callback: Option<String>,
    /// Code run after the install.
    pub post_install_script: Option<String>,
    /// The master key from `eq/reinstall`, to track the stages.
    pub reinstall_key: Option<String>,
}

impl CreatePxe {
    /// Checks the configuration as HOSTKEY documents it.
    pub fn validate(&self) -> Result<(), ProviderError> {
        validate::id("os_id", &self.os_id)?;
        validate::pxe_root_pass(&self.root_pass)?;
        validate::hostname("hostname", &self.hostname)?;
        if let Some(email) = self.email.as_deref().filter(|e| !e.trim().is_empty()) {
            validate::email("email", email)?;
        }
        check_common(None, self.post_install_callback.as_deref(), None)
    }
}

/// The answer to a new order: the invoice and whether it is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ordered {
    /// `order_instance`.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub action: Option<String>,
    /// The invoice issued for the order.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub invoice: Option<String>,
    /// `Paid` (from credit) or `Unpaid`.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub status: Option<String>,
}

impl Ordered {
    /// True when the order was paid from credit.
    pub fn is_paid(&self) -> bool {
        self.status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("paid"))
    }
}

/// The answer to a reinstall through `eq/order_instance`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReinstallStarted {
    /// `order_instance`.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub action: Option<String>,
    /// The async key to poll.
    pub callback: String,
    /// `reinstall`.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub deploy_status: Option<String>,
    /// The server.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub id: Option<String>,
    /// The OS being installed.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub os_name: Option<String>,
    /// The software being installed.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub soft_name: Option<String>,
}

impl ReinstallStarted {
    /// The operation to follow until the reinstall is done.
    pub fn operation(&self) -> Operation {
        Operation::Hostkey {
            key: self.callback.clone(),
            nat: false,
        }
    }
}
