//! The sandbox in-process: a transport calling [`Sandbox::handle`] and a
//! clock shared with it, moved forward by the driver's waits.

use providers::{ApiRequest, ApiResponse, Clock, Transport, TransportError};
use sandbox::{Config, ManualClock, Sandbox};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

/// 2026-11-22T00:00:00Z, where every in-process run starts.
pub const START_MS: u64 = 1_795_305_600_000;

/// A sandbox, the virtual clock it runs on, and a transport to it.
#[derive(Clone)]
pub struct InProcess {
    /// The sandbox (for controls such as paying an invoice).
    pub sandbox: Rc<RefCell<Sandbox>>,
    /// The clock both sides read.
    pub clock: Arc<ManualClock>,
}

impl InProcess {
    /// A sandbox with `servers` per provider, at [`START_MS`].
    pub fn new(servers: usize) -> Self {
        let clock = Arc::new(ManualClock::new(START_MS));
        let config = Config {
            servers,
            ..Config::default()
        };
        Self {
            sandbox: Rc::new(RefCell::new(Sandbox::new(config, clock.clone()))),
            clock,
        }
    }

    /// The base every provider is mounted under (any host: routing is by path).
    pub fn base(&self) -> &'static str {
        "http://sandbox.test"
    }
}

impl Transport for InProcess {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        let served = self.sandbox.borrow_mut().handle(&request);
        self.clock.advance_ms(served.delay_ms);
        served
            .response
            .ok_or_else(|| TransportError::timeout("the sandbox swallowed the request"))
    }
}

impl Clock for InProcess {
    fn now(&self) -> u64 {
        sandbox::Clock::now_ms(&*self.clock) / 1000
    }

    async fn sleep(&self, duration: Duration) {
        self.clock.advance_ms(duration.as_millis() as u64);
    }
}
