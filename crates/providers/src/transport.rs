//! What the driver needs from its environment: a way to send a request value
//! and get a response value back, and a clock to read and wait on.

use serde::{Deserialize, Serialize};
use std::future::Future;
use std::time::Duration;

use crate::{ApiRequest, ApiResponse};

/// Why a request got no response.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{message}")]
pub struct TransportError {
    /// What happened, for the user.
    pub message: String,
    /// True when it timed out (the request may have arrived).
    pub timed_out: bool,
}

impl TransportError {
    /// A failure to connect or send (nothing arrived).
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            timed_out: false,
        }
    }

    /// A timeout (the request may or may not have been acted on).
    pub fn timeout(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            timed_out: true,
        }
    }
}

impl From<TransportError> for crate::ProviderError {
    fn from(e: TransportError) -> Self {
        crate::ProviderError::Transport {
            message: e.message,
            timed_out: e.timed_out,
        }
    }
}

/// Sends request values: browser fetch, the desktop backend, loopback HTTP or
/// the in-process sandbox.
pub trait Transport {
    /// Sends one request and returns the provider's response, whatever its status.
    fn send(
        &self,
        request: ApiRequest,
    ) -> impl Future<Output = Result<ApiResponse, TransportError>>;
}

/// Time as the driver sees it: real time in the apps, virtual time in tests.
pub trait Clock {
    /// Seconds since the Unix epoch.
    fn now(&self) -> u64;

    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()>;
}

impl<T: Transport> Transport for &T {
    fn send(
        &self,
        request: ApiRequest,
    ) -> impl Future<Output = Result<ApiResponse, TransportError>> {
        (**self).send(request)
    }
}

impl<C: Clock> Clock for &C {
    fn now(&self) -> u64 {
        (**self).now()
    }

    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> {
        (**self).sleep(duration)
    }
}
