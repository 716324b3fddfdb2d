//! A scripted transport, a virtual clock and a test account for driving LNVPS
//! sessions in tests, plus reading back the NIP-98 event a request carries.
#![allow(dead_code)]

use base64::Engine;
use nostr::prelude::Event;
use providers::driver::{PollPolicy, Session};
use providers::{
    Account, ApiRequest, ApiResponse, Clock, Credentials, KeySigner, ProviderId, Transport,
    TransportError,
};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::Duration;

/// Answers requests from a queue of canned responses and records every request.
#[derive(Default)]
pub struct FakeTransport {
    answers: RefCell<VecDeque<Result<ApiResponse, TransportError>>>,
    pub requests: RefCell<Vec<ApiRequest>>,
}

impl FakeTransport {
    pub fn new(answers: Vec<ApiResponse>) -> Self {
        Self {
            answers: RefCell::new(answers.into_iter().map(Ok).collect()),
            requests: RefCell::default(),
        }
    }

    pub fn push_failure(&self, error: TransportError) {
        self.answers.borrow_mut().push_front(Err(error));
    }

    /// Method and path-and-query of every request sent, in order.
    pub fn sent(&self) -> Vec<String> {
        self.requests
            .borrow()
            .iter()
            .map(|r| {
                format!(
                    "{} {}",
                    r.method(),
                    r.uri().path_and_query().map(|p| p.as_str()).unwrap_or("")
                )
            })
            .collect()
    }

    pub fn request(&self, i: usize) -> ApiRequest {
        self.requests.borrow()[i].clone()
    }
}

impl Transport for FakeTransport {
    async fn send(&self, request: ApiRequest) -> Result<ApiResponse, TransportError> {
        self.requests.borrow_mut().push(request);
        self.answers
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| Err(TransportError::failed("no canned response left")))
    }
}

/// Virtual time: `sleep` advances it instantly.
pub struct FakeClock {
    pub now: Cell<u64>,
}

impl FakeClock {
    pub fn at(now: u64) -> Self {
        Self {
            now: Cell::new(now),
        }
    }
}

impl Clock for FakeClock {
    fn now(&self) -> u64 {
        self.now.get()
    }

    async fn sleep(&self, duration: Duration) {
        self.now.set(self.now.get() + duration.as_secs().max(1));
    }
}

/// An LNVPS account signed for with a Nostr key, optionally at another origin.
pub fn account(base_url: Option<&str>) -> Account {
    Account {
        id: "lnvps-test".into(),
        provider: ProviderId::Lnvps,
        label: "test".into(),
        credentials: Credentials::Nostr { public_key: None },
        base_url: base_url.map(str::to_string),
        pin: None,
    }
}

/// A session over the fakes with a fixed test key and a fast poll policy.
pub fn session<'a>(
    transport: &'a FakeTransport,
    clock: &'a FakeClock,
    signer: KeySigner,
) -> Session<&'a FakeTransport, KeySigner, &'a FakeClock> {
    Session::new(account(None), transport, signer, clock).with_policy(PollPolicy {
        interval: Duration::from_secs(2),
        max_wait_secs: 60,
        order_attempts: 3,
    })
}

/// The NIP-98 event in a request's `Authorization` header.
pub fn event_of(request: &ApiRequest) -> Event {
    let header = request
        .headers()
        .get("authorization")
        .expect("signed")
        .to_str()
        .unwrap();
    let encoded = header.strip_prefix("Nostr ").expect("Nostr scheme");
    let json = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("standard base64");
    serde_json::from_slice(&json).expect("event JSON")
}

/// The value of the first tag named `name`.
pub fn tag(event: &Event, name: &str) -> Option<String> {
    event
        .tags
        .iter()
        .map(|t| t.as_slice())
        .find(|t| t.first().map(String::as_str) == Some(name))
        .and_then(|t| t.get(1).cloned())
}
