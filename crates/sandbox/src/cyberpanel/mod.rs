//! cyberpanel simulated (placeholder until the simulator lands).

use crate::{wire, Incoming, Response, Simulator};

/// The simulated cyberpanel.
pub(crate) struct Sim;

impl Sim {
    pub(crate) fn new(_servers: usize, _seed: u64, _now_ms: u64) -> Self {
        Sim
    }
}

impl Simulator for Sim {
    fn handle(&mut self, _request: &Incoming, _now_ms: u64) -> Response {
        wire::text(501, "not simulated yet")
    }

    fn credentials(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}
