//! eq.php: the server list and detail, power, the PIN, and remote access
//! (console, IPMI users, BMC reset). Ordering and reinstalling are in `order`.

use super::file::EQ;
use super::form::Form;
use super::lenient::id_list;
use super::reply::{Accepted, Done};
use super::server::ServerDetail;
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use crate::model::PowerAction;
use crate::Secret;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

impl Api {
    /// `eq/set_pin`: sets the PIN, or changes it when `old_pin` is given (async).
    pub fn set_pin(
        &self,
        old_pin: Option<&Secret>,
        new_pin: &Secret,
    ) -> Result<Call<Accepted>, ProviderError> {
        if let Some(old) = old_pin {
            validate::pin("old_pin", old)?;
        }
        validate::pin("new_pin", new_pin)?;
        Ok(self
            .signed(EQ, "set_pin")?
            .opt_secret("old_pin", old_pin)
            .secret("new_pin", new_pin)
            .json())
    }

    /// `eq/check_pin`: checks a PIN (async; the result's `scope` says whether
    /// it was right). Sent as `pin`, as in the document's example.
    pub fn check_pin(&self, pin: &Secret) -> Result<Call<Accepted>, ProviderError> {
        validate::pin("pin", pin)?;
        Ok(self.signed(EQ, "check_pin")?.secret("pin", pin).json())
    }

    /// `eq/list`: the ids of the servers matching `filter` (all servers when empty).
    pub fn list(&self, filter: &ServerFilter) -> Result<Call<Vec<String>>, ProviderError> {
        let form = filter.fill(self.signed(EQ, "list")?)?;
        Ok(form.json::<ServerIds>().map(|ids| ids.servers))
    }

    /// `eq/show`: everything about one server.
    pub fn show(&self, id: &str) -> Result<Call<ServerDetail>, ProviderError> {
        Ok(self.server_call("show", id)?.json())
    }

    /// `eq/update_servers`: refreshes the token's server list (after an order
    /// or a cancellation).
    pub fn update_servers(&self) -> Result<Call<Done>, ProviderError> {
        Ok(self.signed(EQ, "update_servers")?.json())
    }

    /// `eq/status`: asks for the power state (async; the result's `scope` is
    /// `VM is up now`, `Chassis Power is on`, …).
    pub fn status(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        Ok(self.server_call("status", id)?.json())
    }

    /// `eq/sensors`: reads a bare-metal server's IPMI sensors (async).
    pub fn sensors(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        Ok(self.server_call("sensors", id)?.json())
    }

    /// `eq/on`, `eq/off` or `eq/reboot` (PIN; async).
    pub fn power(&self, id: &str, action: PowerAction) -> Result<Call<Accepted>, ProviderError> {
        let name = match action {
            PowerAction::Start => "on",
            PowerAction::Stop => "off",
            PowerAction::Restart => "reboot",
        };
        self.server_pin_call(name, id)
    }

    /// `eq/console`: a virt-viewer `.vv` file for a VM's console (PIN; async;
    /// the file is the result's `scope`).
    pub fn console(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        self.server_pin_call("console", id)
    }

    /// `eq/add_ipmi_user`: a temporary IPMI user (async; the credentials are in
    /// the result's `context`).
    pub fn add_ipmi_user(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        Ok(self.server_call("add_ipmi_user", id)?.json())
    }

    /// `eq/remove_ipmi_user`: removes the temporary IPMI user (async).
    pub fn remove_ipmi_user(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        Ok(self.server_call("remove_ipmi_user", id)?.json())
    }

    /// `eq/unit_reset`: cold-resets the server's BMC (PIN; async).
    pub fn unit_reset(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        self.server_pin_call("unit_reset", id)
    }

    /// `eq/boot_dev`: sets the boot device (PIN; async).
    pub fn boot_dev(&self, id: &str, media: BootMedia) -> Result<Call<Accepted>, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(self
            .signed(EQ, "boot_dev")?
            .field("id", id)
            .secret("pin", self.pin()?)
            .field("media", media.as_str())
            .about(id)
            .json())
    }

    /// `action`, `token`, `id` for a call about one server.
    pub(crate) fn server_call(&self, action: &str, id: &str) -> Result<Form, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(self.signed(EQ, action)?.field("id", id).about(id))
    }

    /// `action`, `token`, `id`, `pin` for a PIN-protected async call.
    fn server_pin_call(&self, action: &str, id: &str) -> Result<Call<Accepted>, ProviderError> {
        let pin = self.pin()?;
        Ok(self.server_call(action, id)?.secret("pin", pin).json())
    }
}

/// The filters of `eq/list`; empty means every server of the account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerFilter {
    /// Location codes, comma-separated (`IS,NL`).
    pub location: Option<String>,
    /// `rent` (active) or `power_off` (suspended).
    pub status: Option<String>,
    /// Component ids, comma-separated.
    pub component: Option<String>,
    /// An IP address.
    pub ip: Option<String>,
    /// A MAC address.
    pub mac: Option<String>,
    /// Groups that must all match, comma-separated (`1CPU,AMD`).
    pub group: Option<String>,
}

impl ServerFilter {
    fn fill(&self, form: Form) -> Result<Form, ProviderError> {
        let location = self
            .location
            .as_deref()
            .map(|l| validate::locations("location", l))
            .transpose()?;
        let status = match self.status.as_deref().map(str::trim) {
            None => None,
            Some(s @ ("rent" | "power_off")) => Some(s),
            Some(other) => {
                return Err(ProviderError::validation(
                    "status",
                    format!("`{other}` is not rent or power_off"),
                ))
            }
        };
        let ip = self
            .ip
            .as_deref()
            .map(|ip| validate::ip("ip", ip))
            .transpose()?;
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        Ok(form
            .opt("location", location)
            .opt("status", status)
            .opt("component", text(&self.component))
            .opt("ip", ip)
            .opt("mac", text(&self.mac))
            .opt("group", text(&self.group)))
    }
}

/// The answer to `eq/list`: server ids only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerIds {
    /// The matching server ids.
    #[serde(default, deserialize_with = "id_list")]
    pub servers: Vec<String>,
}

/// A boot device for `eq/boot_dev`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BootMedia {
    /// Network boot (reinstalls).
    Pxe,
    /// The local disk.
    Disk,
    /// A mounted CD (virtual media over IPMI).
    Cd,
}

impl BootMedia {
    /// The word HOSTKEY uses.
    pub fn as_str(self) -> &'static str {
        match self {
            BootMedia::Pxe => "pxe",
            BootMedia::Disk => "disk",
            BootMedia::Cd => "cd",
        }
    }
}

impl FromStr for BootMedia {
    type Err = ProviderError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "pxe" => Ok(BootMedia::Pxe),
            "disk" => Ok(BootMedia::Disk),
            "cd" => Ok(BootMedia::Cd),
            other => Err(ProviderError::validation(
                "media",
                format!("`{other}` is not one of pxe, disk, cd"),
            )),
        }
    }
}
