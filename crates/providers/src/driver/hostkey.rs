//! hostkey flows (placeholder until the provider module lands).

use super::{ConnectionInfo, Operation, Session};
use crate::error::ProviderError;
use crate::model::*;
use crate::signer::Signer;
use crate::transport::{Clock, Transport};

fn pending<R>() -> Result<R, ProviderError> {
    Err(ProviderError::Unsupported {
        reason: "not implemented yet".into(),
    })
}

pub(super) async fn test_connection<T: Transport, S: Signer, C: Clock>(
    _s: &Session<T, S, C>,
) -> Result<ConnectionInfo, ProviderError> {
    pending()
}

pub(super) async fn list_servers<T: Transport, S: Signer, C: Clock>(
    _s: &Session<T, S, C>,
) -> Result<Vec<Server>, ProviderError> {
    pending()
}

pub(super) async fn server<T: Transport, S: Signer, C: Clock>(
    _s: &Session<T, S, C>,
    _id: &str,
) -> Result<Server, ProviderError> {
    pending()
}

pub(super) async fn power<T: Transport, S: Signer, C: Clock>(
    _s: &Session<T, S, C>,
    _id: &str,
    _action: PowerAction,
) -> Result<Option<Operation>, ProviderError> {
    pending()
}

pub(super) async fn delete<T: Transport, S: Signer, C: Clock>(
    _s: &Session<T, S, C>,
    _id: &str,
) -> Result<(), ProviderError> {
    pending()
}

pub(super) async fn balance<T: Transport, S: Signer, C: Clock>(
    _s: &Session<T, S, C>,
) -> Result<Balance, ProviderError> {
    pending()
}

pub(super) async fn invoices<T: Transport, S: Signer, C: Clock>(
    _s: &Session<T, S, C>,
) -> Result<Vec<Invoice>, ProviderError> {
    pending()
}

pub(super) async fn progress<T: Transport, S: Signer, C: Clock>(
    _s: &Session<T, S, C>,
    _operation: &Operation,
) -> Result<Progress, ProviderError> {
    pending()
}
