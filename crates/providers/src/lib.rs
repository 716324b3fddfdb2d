//! Sans-IO clients for the five VPS providers the panel manages.
//!
//! Every provider operation is a [`Call`]: a plain `http::Request<Vec<u8>>`
//! paired with the parser for its response. Nothing here performs IO; the
//! [`driver::Driver`] runs multi-step flows (log in then call, sign then call,
//! order then poll) over any [`Transport`], [`Signer`] and [`Clock`].
//!
//! ```
//! use providers::{llamalink, Secret};
//! let api = llamalink::Api::new(None, Secret::new("llk_example")).unwrap();
//! let call = api.list_servers();
//! assert_eq!(call.request().uri().path(), "/user/vps");
//! ```

pub mod call;
pub mod capability;
pub mod curl;
pub mod driver;
pub mod error;
pub mod model;
pub mod nip98;
pub mod pace;
pub mod parse;
pub mod secret;
pub mod signer;
pub mod transport;
pub mod wire;

pub mod cyberpanel;
pub mod hostkey;
pub mod litevps;
pub mod llamalink;
pub mod lnvps;

pub use call::Call;
pub use capability::{Action, Capabilities, Support};
pub use error::ProviderError;
pub use model::*;
pub use secret::Secret;
pub use signer::{KeySigner, Signer};
pub use transport::{Clock, Transport, TransportError};

/// A request value: what every builder returns and every transport sends.
pub type ApiRequest = http::Request<Vec<u8>>;
/// A response value: what every transport returns and every parser reads.
pub type ApiResponse = http::Response<Vec<u8>>;
