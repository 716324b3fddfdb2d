//! pdns.php: the customer's domains and subdomains and their PowerDNS zones
//! and records. Answers come in the `{"module":"pdns","data":…}` envelope.
//!
//! Several of the document's examples carry the wrong `action` (view_zone,
//! delete_zone, add_dns, delete_subdomain, delete_dns); the action each
//! section names is sent.

use super::file::PDNS;
use super::form::Form;
use super::lenient::{any_text, opt_any_text, opt_i64};
use super::reply::{module_data, ItemId};
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;
use crate::parse::{bool_lenient, string_lenient};
use serde::{Deserialize, Serialize};
use serde_json::Value;

impl Api {
    /// `pdns/list_domains`: the customer's domains.
    pub fn list_domains(&self) -> Result<Call<Vec<Domain>>, ProviderError> {
        Ok(module_data(self.signed(PDNS, "list_domains")?.json()))
    }

    /// `pdns/add_domain`: adds a domain (and creates its zone).
    pub fn add_domain(&self, name: &str) -> Result<Call<Vec<ItemId>>, ProviderError> {
        let name = validate::hostname("name", name)?;
        Ok(module_data(
            self.signed(PDNS, "add_domain")?.field("name", name).json(),
        ))
    }

    /// `pdns/delete_domain`: deletes a domain, its zone and its subdomains.
    pub fn delete_domain(
        &self,
        server_id: &str,
        domain_id: &str,
    ) -> Result<Call<Vec<ItemId>>, ProviderError> {
        let server_id = validate::id("server_id", server_id)?;
        let domain_id = validate::id("domain_id", domain_id)?;
        Ok(module_data(
            self.signed(PDNS, "delete_domain")?
                .field("server_id", server_id)
                .field("domain_id", domain_id)
                .about(server_id)
                .json(),
        ))
    }

    /// `pdns/list_subdomains`: the subdomains of a server.
    pub fn list_subdomains(&self, server_id: &str) -> Result<Call<Vec<Subdomain>>, ProviderError> {
        Ok(module_data(
            self.server_form("list_subdomains", server_id)?.json(),
        ))
    }

    /// `pdns/add_subdomain`.
    pub fn add_subdomain(
        &self,
        server_id: &str,
        domain_id: &str,
        name: &str,
    ) -> Result<Call<Vec<ItemId>>, ProviderError> {
        let domain_id = validate::id("domain_id", domain_id)?;
        let name = validate::hostname("name", name)?;
        Ok(module_data(
            self.server_form("add_subdomain", server_id)?
                .field("domain_id", domain_id)
                .field("name", name)
                .json(),
        ))
    }

    /// `pdns/edit_subdomain`: the document names no field for the new value,
    /// so only the documented `server_id` and `id` are sent.
    pub fn edit_subdomain(
        &self,
        server_id: &str,
        id: &str,
    ) -> Result<Call<Vec<ItemId>>, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(module_data(
            self.server_form("edit_subdomain", server_id)?
                .field("id", id)
                .json(),
        ))
    }

    /// `pdns/delete_subdomain`.
    pub fn delete_subdomain(
        &self,
        server_id: &str,
        id: &str,
    ) -> Result<Call<Vec<ItemId>>, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(module_data(
            self.server_form("delete_subdomain", server_id)?
                .field("id", id)
                .json(),
        ))
    }

    /// `pdns/list_zones`: every zone on the PowerDNS server.
    pub fn list_zones(&self) -> Result<Call<Vec<Zone>>, ProviderError> {
        Ok(module_data(self.signed(PDNS, "list_zones")?.json()))
    }

    /// `pdns/view_zone`: a zone with its records.
    pub fn view_zone(&self, zone: &str) -> Result<Call<Vec<Zone>>, ProviderError> {
        let zone = validate::hostname("zone", zone)?;
        Ok(module_data(
            self.signed(PDNS, "view_zone")?.field("zone", zone).json(),
        ))
    }

    /// `pdns/add_zone`, with the fields of the document's example
    /// (`server_id`, `zonename`, lower-case `kind`).
    pub fn add_zone(&self, zone: &NewZone) -> Result<Call<Vec<Zone>>, ProviderError> {
        zone.validate()?;
        let server_id = zone
            .server_id
            .as_deref()
            .map(|s| validate::id("server_id", s))
            .transpose()?;
        let form = self
            .signed(PDNS, "add_zone")?
            .opt("server_id", server_id)
            .field("zonename", zone.name.trim())
            .field("rrsets", zone.rrsets.to_string())
            .field("dnssec", zone.dnssec.to_string())
            .field("kind", zone.kind.as_str());
        let form = masters(form, "masters[]", &zone.masters);
        let form = zone
            .soa
            .fill(form)
            .list("nameservers", zone.nameservers.iter().map(|n| n.trim()));
        Ok(module_data(form.json()))
    }

    /// `pdns/delete_zone`: deletes a zone with its metadata and records.
    pub fn delete_zone(&self, zone: &str) -> Result<Call<Value>, ProviderError> {
        let zone = validate::hostname("zone", zone)?;
        Ok(module_data(
            self.signed(PDNS, "delete_zone")?.field("zone", zone).json(),
        ))
    }

    /// `pdns/add_dns`: adds a record, or changes one when `old_name` is set.
    pub fn add_dns(&self, record: &DnsRecord) -> Result<Call<Value>, ProviderError> {
        record.validate()?;
        let mut form = self
            .signed(PDNS, "add_dns")?
            .field("zone", record.zone.trim())
            .opt("name", record.name.as_deref())
            .opt("old_name", record.old_name.as_deref())
            .field("type", record.record_type.trim().to_ascii_uppercase())
            .field("content", record.content.trim())
            .opt("ttl", record.ttl.map(|t| t.to_string()))
            .opt(
                "increase_soa_serial",
                record.increase_soa_serial.map(super::auth::flag),
            );
        form = record.soa.fill_flat(form);
        if let Some(srv) = &record.srv {
            form = form
                .field("proto", srv.proto.trim())
                .field("priority", srv.priority.to_string())
                .field("weight", srv.weight.to_string())
                .field("port", srv.port.to_string())
                .field("target", srv.target.trim());
        }
        if let Some(list) = &record.masters {
            form = masters(form, "masters", list);
        }
        if let Some(dns) = &record.dns {
            form = dns.fill(form);
        }
        let form = form.list("nameservers", record.nameservers.iter().map(|n| n.trim()));
        Ok(module_data(form.json()))
    }

    /// `pdns/delete_dns`: deletes the records of a name and type.
    pub fn delete_dns(
        &self,
        zone: &str,
        name: &str,
        record_type: &str,
    ) -> Result<Call<Value>, ProviderError> {
        let zone = validate::hostname("zone", zone)?;
        let name = validate::required("name", name)?;
        let record_type = validate::required("type", record_type)?;
        Ok(module_data(
            self.signed(PDNS, "delete_dns")?
                .field("zone", zone)
                .field("name", name)
                .field("type", record_type.to_ascii_uppercase())
                .json(),
        ))
    }

    fn server_form(&self, action: &str, server_id: &str) -> Result<Form, ProviderError> {
        let server_id = validate::id("server_id", server_id)?;
        Ok(self
            .signed(PDNS, action)?
            .field("server_id", server_id)
            .about(server_id))
    }
}

/// Master servers: one `masters[]` per address, or the document's literal
/// `[]` for none (`masters[]=[]` in add_zone, `masters=[]` in add_dns).
fn masters(form: Form, empty_key: &str, list: &[String]) -> Form {
    if list.is_empty() {
        form.field(empty_key, "[]")
    } else {
        form.list("masters", list.iter().map(|m| m.trim()))
    }
}

/// A zone's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ZoneKind {
    /// Authoritative here.
    Master,
    /// Copied from `masters`.
    Slave,
}

impl ZoneKind {
    /// The word sent (lower-case, as in the document's example).
    pub fn as_str(self) -> &'static str {
        match self {
            ZoneKind::Master => "master",
            ZoneKind::Slave => "slave",
        }
    }
}

/// SOA values (`dns[...]` of add_zone and add_dns, and add_dns's own SOA fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Soa {
    /// Default TTL (3600).
    pub ttl: u32,
    /// Primary name server (`ns1.hostkey.com`).
    pub mname: String,
    /// Administrator mailbox as a name (`admin.example.com`).
    pub rname: String,
    /// Serial, `YYYYMMDD00` recommended.
    pub serial: u64,
    /// Refresh (14400).
    pub refresh: u32,
    /// Retry (3600).
    pub retry: u32,
    /// Expire (604800).
    pub expire: u32,
    /// Minimum TTL (3600).
    pub minimum: u32,
}

impl Soa {
    /// The document's defaults with the given names and serial.
    pub fn new(mname: &str, rname: &str, serial: u64) -> Self {
        Self {
            ttl: 3600,
            mname: mname.to_string(),
            rname: rname.to_string(),
            serial,
            refresh: 14400,
            retry: 3600,
            expire: 604_800,
            minimum: 3600,
        }
    }

    fn validate(&self) -> Result<(), ProviderError> {
        validate::hostname("mname", &self.mname)?;
        validate::hostname("rname", &self.rname)?;
        Ok(())
    }

    fn pairs(&self) -> [(&'static str, String); 8] {
        [
            ("ttl", self.ttl.to_string()),
            ("mname", self.mname.trim().to_string()),
            ("rname", self.rname.trim().to_string()),
            ("serial", self.serial.to_string()),
            ("refresh", self.refresh.to_string()),
            ("retry", self.retry.to_string()),
            ("expire", self.expire.to_string()),
            ("minimum", self.minimum.to_string()),
        ]
    }

    /// As `dns[ttl]`, `dns[mname]`, …
    fn fill(&self, form: Form) -> Form {
        self.pairs()
            .into_iter()
            .fold(form, |f, (k, v)| f.nested("dns", k, v))
    }

    /// As add_dns's own SOA fields (`mname`, `rname`, `serial`, …, without `ttl`).
    fn fill_flat(&self, form: Form) -> Form {
        self.pairs()
            .into_iter()
            .skip(1)
            .fold(form, |f, (k, v)| f.field(k, v))
    }
}

/// A new zone for `pdns/add_zone`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewZone {
    /// The server the zone belongs to (sent in the document's example).
    pub server_id: Option<String>,
    /// Zone name (`example.com`), sent as `zonename`.
    pub name: String,
    /// Use rrsets (true).
    pub rrsets: bool,
    /// DNSSEC (false).
    pub dnssec: bool,
    /// Master or slave.
    pub kind: ZoneKind,
    /// Master servers (for a slave zone).
    pub masters: Vec<String>,
    /// SOA values.
    pub soa: Soa,
    /// Name servers (`ns1.hostkey.com`, `ns2.hostkey.com` by default).
    pub nameservers: Vec<String>,
}

impl NewZone {
    /// HOSTKEY's name servers, the document's default.
    pub const DEFAULT_NAMESERVERS: [&'static str; 2] = ["ns1.hostkey.com", "ns2.hostkey.com"];

    fn validate(&self) -> Result<(), ProviderError> {
        validate::hostname("zonename", &self.name)?;
        for m in &self.masters {
            validate::ip("masters", m)?;
        }
        if self.kind == ZoneKind::Slave && self.masters.is_empty() {
            return Err(ProviderError::validation(
                "masters",
                "a slave zone needs at least one master",
            ));
        }
        self.soa.validate()?;
        if self.nameservers.is_empty() {
            return Err(ProviderError::validation(
                "nameservers",
                "give at least one name server",
            ));
        }
        for ns in &self.nameservers {
            validate::hostname("nameservers", ns)?;
        }
        Ok(())
    }
}

/// An SRV record's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Srv {
    /// Protocol (`tcp`).
    pub proto: String,
    /// Priority (10).
    pub priority: u16,
    /// Weight (5).
    pub weight: u16,
    /// Port (450).
    pub port: u16,
    /// Target (`example.com.`).
    pub target: String,
}

/// A record for `pdns/add_dns`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsRecord {
    /// Zone (`example.com`).
    pub zone: String,
    /// Record name (`www`).
    pub name: Option<String>,
    /// The record's current name, to change an existing record.
    pub old_name: Option<String>,
    /// Type (`A`, `AAAA`, `TXT`, `SRV`, …).
    pub record_type: String,
    /// Value; several values space-separated (`10.56.121.5 10.56.121.6`).
    pub content: String,
    /// TTL in seconds.
    pub ttl: Option<u32>,
    /// Bump the SOA serial.
    pub increase_soa_serial: Option<bool>,
    /// The SOA fields the call requires (`mname`, `rname`, …; `ttl` is not sent).
    pub soa: Soa,
    /// SRV fields, for SRV records.
    pub srv: Option<Srv>,
    /// External masters.
    pub masters: Option<Vec<String>>,
    /// SOA checks (`dns[...]`).
    pub dns: Option<Soa>,
    /// Name servers of the zone.
    pub nameservers: Vec<String>,
}

impl DnsRecord {
    fn validate(&self) -> Result<(), ProviderError> {
        validate::hostname("zone", &self.zone)?;
        let kind = validate::required("type", &self.record_type)?;
        if !kind.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(ProviderError::validation(
                "type",
                format!("`{kind}` is not a record type"),
            ));
        }
        validate::required("content", &self.content)?;
        self.soa.validate()?;
        if let Some(dns) = &self.dns {
            dns.validate()?;
        }
        if let Some(srv) = &self.srv {
            validate::required("proto", &srv.proto)?;
            validate::hostname("target", &srv.target)?;
        }
        for ns in &self.nameservers {
            validate::hostname("nameservers", ns)?;
        }
        Ok(())
    }
}

/// A customer domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    /// Domain id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name (`mydomen.com`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
}

/// A customer subdomain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subdomain {
    /// Subdomain id.
    #[serde(deserialize_with = "string_lenient")]
    pub id: String,
    /// Name (`subdomain`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// Its domain.
    #[serde(default, deserialize_with = "any_text")]
    pub domain_id: String,
    /// Its server.
    #[serde(default, deserialize_with = "any_text")]
    pub server_id: String,
}

/// A PowerDNS zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Zone {
    /// Account.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub account: Option<String>,
    /// API rectify.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub api_rectify: bool,
    /// DNSSEC on.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub dnssec: bool,
    /// Edited serial.
    #[serde(default, deserialize_with = "opt_i64")]
    pub edited_serial: Option<i64>,
    /// Zone id (a name with a trailing dot).
    #[serde(default, deserialize_with = "any_text")]
    pub id: String,
    /// `Master`, `Slave`, `Native`.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub kind: Option<String>,
    /// Last check (Unix seconds).
    #[serde(default, deserialize_with = "opt_i64")]
    pub last_check: Option<i64>,
    /// TSIG keys for masters.
    #[serde(default)]
    pub master_tsig_key_ids: Vec<Value>,
    /// Master servers.
    #[serde(default)]
    pub masters: Vec<String>,
    /// Name (`aaa.com.`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// Notified serial.
    #[serde(default, deserialize_with = "opt_i64")]
    pub notified_serial: Option<i64>,
    /// NSEC3 narrow.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub nsec3narrow: bool,
    /// NSEC3 parameters.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub nsec3param: Option<String>,
    /// Record sets (view_zone).
    #[serde(default)]
    pub rrsets: Vec<Rrset>,
    /// Serial.
    #[serde(default, deserialize_with = "opt_i64")]
    pub serial: Option<i64>,
    /// TSIG keys for slaves.
    #[serde(default)]
    pub slave_tsig_key_ids: Vec<Value>,
    /// SOA-EDIT.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub soa_edit: Option<String>,
    /// SOA-EDIT-API (`DEFAULT`).
    #[serde(default, deserialize_with = "opt_any_text")]
    pub soa_edit_api: Option<String>,
    /// PowerDNS API path.
    #[serde(default, deserialize_with = "opt_any_text")]
    pub url: Option<String>,
}

/// The records of one name and type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rrset {
    /// Comments.
    #[serde(default)]
    pub comments: Vec<Value>,
    /// Name (`www.aaa.com.`).
    #[serde(default, deserialize_with = "any_text")]
    pub name: String,
    /// Records.
    #[serde(default)]
    pub records: Vec<Record>,
    /// TTL.
    #[serde(default, deserialize_with = "opt_i64")]
    pub ttl: Option<i64>,
    /// Type (`TXT`).
    #[serde(rename = "type", default, deserialize_with = "any_text")]
    pub kind: String,
}

/// One record's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Value.
    #[serde(default, deserialize_with = "any_text")]
    pub content: String,
    /// True when disabled.
    #[serde(default, deserialize_with = "bool_lenient")]
    pub disabled: bool,
}
