//! net.php: switch-port state, port on/off, traffic graphs and IP blocking.

use super::file::NET;
use super::form::Form;
use super::reply::{Accepted, Document};
use super::{auth::flag, validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use serde::{Deserialize, Serialize};

impl Api {
    /// `net/get_status`: the switch port's state (PIN; async; the result's
    /// `scope` is JSON, read with `CallbackResult::port_status`).
    pub fn port_status(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        let id = validate::id("id", id)?;
        let pin = self.pin()?;
        Ok(self.net(id, "get_status")?.secret("pin", pin).json())
    }

    /// `net/port_off`: unplugs an interface (PIN; async).
    pub fn port_off(&self, id: &str, port: &str) -> Result<Call<Accepted>, ProviderError> {
        self.port_switch("port_off", id, port)
    }

    /// `net/port_on`: plugs an interface back in (PIN; async).
    pub fn port_on(&self, id: &str, port: &str) -> Result<Call<Accepted>, ProviderError> {
        self.port_switch("port_on", id, port)
    }

    /// `net/show_cacti`: a port's traffic graph as image bytes (PIN).
    ///
    /// The PIN is required by the document's table but missing from its
    /// example; it is sent, after the documented fields.
    pub fn show_cacti(
        &self,
        id: &str,
        port: &str,
        graph: CactiGraph,
    ) -> Result<Call<Document>, ProviderError> {
        let id = validate::id("id", id)?;
        let port = port_name(port)?;
        let pin = self.pin()?;
        Ok(self
            .net(id, "show_cacti")?
            .field("port", port)
            .field("graph", graph.number().to_string())
            .secret("pin", pin)
            .document("a traffic graph image", "image/png"))
    }

    /// `net/block_ip`: blocks an address at HOSTKEY's network layer, for four
    /// hours when `four_hours` is set (PIN; async).
    pub fn block_ip(
        &self,
        id: &str,
        ip: &str,
        description: &str,
        four_hours: Option<bool>,
    ) -> Result<Call<Accepted>, ProviderError> {
        let id = validate::id("id", id)?;
        let ip = validate::ip("ip", ip)?;
        let description = validate::required("description", description)?;
        let pin = self.pin()?;
        Ok(self
            .net(id, "block_ip")?
            .field("ip", ip)
            .secret("pin", pin)
            .field("description", description)
            .opt("four_hours", four_hours.map(flag))
            .json())
    }

    /// `net/unblock_ip`: lifts a block (PIN; async).
    pub fn unblock_ip(&self, id: &str, ip: &str) -> Result<Call<Accepted>, ProviderError> {
        let id = validate::id("id", id)?;
        let ip = validate::ip("ip", ip)?;
        let pin = self.pin()?;
        Ok(self
            .net(id, "unblock_ip")?
            .field("ip", ip)
            .secret("pin", pin)
            .json())
    }

    fn net(&self, id: &str, action: &str) -> Result<Form, ProviderError> {
        Ok(self.signed(NET, action)?.field("id", id).about(id))
    }

    fn port_switch(
        &self,
        action: &str,
        id: &str,
        port: &str,
    ) -> Result<Call<Accepted>, ProviderError> {
        let id = validate::id("id", id)?;
        let port = port_name(port)?;
        let pin = self.pin()?;
        Ok(self
            .net(id, action)?
            .field("port", port)
            .secret("pin", pin)
            .json())
    }
}

/// An interface name such as `eth0`.
fn port_name(port: &str) -> Result<&str, ProviderError> {
    let port = validate::required("port", port)?;
    if !port
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':' | b'/'))
    {
        return Err(ProviderError::validation(
            "port",
            format!("`{port}` is not an interface name"),
        ));
    }
    Ok(port)
}

/// The period of a `net/show_cacti` graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CactiGraph {
    /// `1`: the last day.
    Daily,
    /// `2`: the last month.
    Monthly,
    /// `3`: the last year.
    Annual,
}

impl CactiGraph {
    /// The number HOSTKEY takes.
    pub fn number(self) -> u8 {
        match self {
            CactiGraph::Daily => 1,
            CactiGraph::Monthly => 2,
            CactiGraph::Annual => 3,
        }
    }

    /// The graph for a number (1, 2 or 3).
    pub fn from_number(n: u8) -> Result<Self, ProviderError> {
        match n {
            1 => Ok(CactiGraph::Daily),
            2 => Ok(CactiGraph::Monthly),
            3 => Ok(CactiGraph::Annual),
            other => Err(ProviderError::validation(
                "graph",
                format!("{other} is not 1 (daily), 2 (monthly) or 3 (annual)"),
            )),
        }
    }
}
