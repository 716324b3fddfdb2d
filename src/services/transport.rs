//! The panel's transport: requests to the in-browser sandbox are answered
//! in-process; in the desktop app the native side sends the rest; in a
//! browser they go out with `fetch`.

use providers::wire::WireRequest;
use providers::{ApiRequest, ApiResponse, Transport, TransportError};
use sandbox::Sandbox;
use std::cell::RefCell;
use std::rc::Rc;

/// The host that addresses the in-browser sandbox (`.invalid` never resolves).
pub const SANDBOX_HOST: &str = "sandbox.invalid";

/// The base URL of a provider in the in-browser sandbox.
pub fn sandbox_base_url(slug: &str) -> String {
    format!("https://{SANDBOX_HOST}/{slug}")
}

/// Sends request values: in-process to the sandbox, through the desktop
/// app's native side for a keychain account, or with `fetch`.
#[derive(Clone)]
pub struct AppTransport {
    sandbox: Rc<RefCell<Sandbox>>,
    keychain_account: Option<String>,
}

impl AppTransport {
    /// A transport answering [`SANDBOX_HOST`] from `sandbox`.
    pub fn new(sandbox: Rc<RefCell<Sandbox>>) -> Self {
        Self {
            sandbox,
            keychain_account: None,
        }
    }

    /// The same transport for an account kept in the desktop app's keychain:
    /// its requests are sent by the native side, which adds the secrets.
    pub fn for_keychain_account(&self, id: &str) -> Self {
        Self {
            sandbox: self.sandbox.clone(),
            keychain_account: Some(id.to_string()),
        }
    }

    /// The in-browser sandbox (for its controls: faults, paying invoices).
    pub fn sandbox(&self) -> &Rc<RefCell<Sandbox>> {
        &self.sandbox
    }

    async fn in_process(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        let served = self.sandbox.borrow_mut().handle(&request);
        if served.delay_ms > 0 {
            gloo_timers::future::sleep(std::time::Duration::from_millis(served.delay_ms)).await;
        }
        match served.response {
            Some(response) => Ok(response),
            None => {
                gloo_timers::future::sleep(super::fetch::TIMEOUT).await;
                Err(TransportError::timeout(format!(
                    "no answer within {} s",
                    super::fetch::TIMEOUT.as_secs()
                )))
            }
        }
    }
}

impl Transport for AppTransport {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        if request.uri().host() == Some(SANDBOX_HOST) {
            self.in_process(request).await
        } else if let Some(account) = &self.keychain_account {
            let wire = WireRequest::from_request(&request);
            super::desktop::send(account, wire)
                .await?
                .into_response()
                .map_err(|e| TransportError::timeout(e.to_string()))
        } else {
            super::fetch::send(request).await
        }
    }
}
