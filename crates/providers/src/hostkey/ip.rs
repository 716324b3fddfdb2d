//! ip.php: subnet details of an address, reverse DNS (PTR) and the main IP.

use super::file::IP;
use super::lenient::{any_text, opt_any_text, opt_i64};
use super::reply::Done;
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use crate::parse::opt_string_lenient;
use serde::de::Deserializer;
use serde::{Deserialize, Serialize};
use serde_json::Value;

impl Api {
    /// `ip/get_ip`: the subnet, gateway and VLAN of an address.
    pub fn get_ip(&self, ip: &str) -> Result<Call<IpInfo>, ProviderError> {
        let ip = validate::ip("ip", ip)?;
        Ok(self.signed(IP, "get_ip")?.field("ip", ip).json())
    }

    /// `ip/get_ptr`: the PTR records of a server's address.
    pub fn get_ptr(&self, id: &str, ip: &str) -> Result<Call<Ptr>, ProviderError> {
        Ok(self.ip_call("get_ptr", id, ip)?.json())
    }

    /// `ip/update_ptr`: replaces the PTR records of a server's address (several
    /// are sent newline-separated).
    pub fn update_ptr(
        &self,
        id: &str,
        ip: &str,
        ptrs: &[&str],
    ) -> Result<Call<Done>, ProviderError> {
        if ptrs.is_empty() {
            return Err(ProviderError::validation(
                "ptr",
                "give at least one host name",
            ));
        }
        let names = ptrs
            .iter()
            .map(|p| validate::hostname("ptr", p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self
            .ip_call("update_ptr", id, ip)?
            .field("ptr", names.join("\n"))
            .json())
    }

    /// `ip/set_main`: makes `main` the server's main address (only the main
    /// address gets a network config).
    pub fn set_main(&self, id: &str, ip: &str, main: &str) -> Result<Call<Done>, ProviderError> {
        let main = validate::ip("main", main)?;
        Ok(self.ip_call("set_main", id, ip)?.field("main", main).json())
    }

    fn ip_call(
        &self,
        action: &str,
        id: &str,
        ip: &str,
    ) -> Result<super::form::Form, ProviderError> {
        let id = validate::id("id", id)?;
        let ip = validate::ip("ip", ip)?;
        Ok(self
            .signed(IP, action)?
            .field("id", id)
            .field("ip", ip)
            .about(id))
    }
}

/// `ip/get_ip` (an answer without the usual `result` envelope).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpInfo {
    /// Network address.
    #[serde(default, deserialize_with = "any_text")]
    pub network: String,
    /// Broadcast address.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub broadcast: Option<String>,
    /// Netmask.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub netmask: Option<String>,
    /// Gateway.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub gateway: Option<String>,
    /// VLAN.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub vlan: Option<String>,
    /// Subnet id.
    #[serde(default, deserialize_with = "opt_string_lenient")]
    pub subnet_id: Option<String>,
    /// Prefix length.
    #[serde(default, deserialize_with = "opt_i64")]
    pub cidr: Option<i64>,
    /// Location code.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub location: Option<String>,
    /// The address asked about.
    #[serde(default, deserialize_with = "any_text")]
    pub ip: String,
}

/// `ip/get_ptr`: the PTR names (an address may have several).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ptr {
    /// The names, each with its trailing dot (`mail.example.net.`).
    #[serde(rename = "message", default, deserialize_with = "names")]
    pub names: Vec<String>,
}

/// A list of names, or one name (newline-separated names are split).
fn names<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let items: Vec<String> = match Value::deserialize(d)? {
        Value::Array(items) => items
            .iter()
            .filter_map(super::lenient::value_text)
            .collect(),
        Value::String(s) => vec![s],
        _ => Vec::new(),
    };
    Ok(items
        .iter()
        .flat_map(|s| s.split('\n'))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect())
}
