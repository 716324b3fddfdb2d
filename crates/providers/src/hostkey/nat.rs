//! nat.php: a two-hour public-IP pass-through to a bare-metal server's IPMI.
//! Its async keys are polled on `nat_callback.php`.

use super::file::NAT;
use super::reply::Accepted;
use super::{validate, Api};
use crate::call::Call;
use crate::error::ProviderError;

impl Api {
    /// `nat/add_static_nat`: opens a public IP to the server's IPMI for two
    /// hours (PIN; async on nat_callback; the result's `scope` is the IP).
    pub fn add_static_nat(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        let id = validate::id("id", id)?;
        let pin = self.pin()?;
        Ok(nat(self
            .signed(NAT, "add_static_nat")?
            .field("id", id)
            .secret("pin", pin)
            .about(id)
            .json()))
    }

    /// `nat/remove_static_nat`: closes the pass-through (async on nat_callback).
    pub fn remove_static_nat(&self, id: &str) -> Result<Call<Accepted>, ProviderError> {
        let id = validate::id("id", id)?;
        Ok(nat(self
            .signed(NAT, "remove_static_nat")?
            .field("id", id)
            .about(id)
            .json()))
    }
}

/// Marks an accepted NAT call so its key is polled on `nat_callback.php`.
fn nat(call: Call<Accepted>) -> Call<Accepted> {
    call.map(|accepted| Accepted {
        nat: true,
        ..accepted
    })
}
