//! The unified model: what the panel shows for every provider.
//!
//! Provider modules parse their own typed responses and convert them into
//! these types; each unified value keeps the provider's original JSON in a
//! `raw` field so provider-specific data stays reachable.

mod account;
mod billing;
mod catalog;
mod keys;
mod metrics;
mod money;
mod progress;
mod provider;
mod server;
mod time;

pub(crate) use account::resolve_base_url;
pub use account::{Account, Credentials};
pub use billing::{Balance, Invoice, InvoiceStatus};
pub use catalog::{Image, Location, Plan};
pub use keys::{ApiToken, Snapshot, SshKey};
pub use metrics::{MetricKind, MetricPoint, MetricRange, MetricSeries, MetricUnit};
pub use money::{Currency, Money};
pub use progress::{Progress, ProgressState, ProgressTask, TaskState};
pub use provider::ProviderId;
pub use server::{PowerAction, Server, ServerStatus, Specs};
pub use time::Timestamp;
