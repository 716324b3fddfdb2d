//! LiteVPS flows: log in for a JWT (kept until its `exp`, renewed once on a
//! 401) or use a `vtk_` access token as is, then call.

use super::{ConnectionInfo, Operation, Session, SessionToken};
use crate::call::Call;
use crate::error::ProviderError;
use crate::litevps::{self, jwt, Api, Page};
use crate::model::*;
use crate::signer::Signer;
use crate::transport::{Clock, Transport};
use crate::Secret;

impl<T: Transport, S: Signer, C: Clock> Session<T, S, C> {
    /// Runs a LiteVPS call built from this account's [`Api`].
    ///
    /// With an email and password it uses the cached JWT, logs in when there
    /// is none or it has expired, and when a cached JWT is refused (401) logs
    /// in once more and retries. A login is made at most once per call. With
    /// an access token (`vtk_…` or a JWT) the token is used as is.
    pub async fn litevps<R: 'static>(
        &self,
        build: impl Fn(&Api) -> Result<Call<R>, ProviderError>,
    ) -> Result<R, ProviderError> {
        let api = Api::new(self.account.base_url.as_deref(), None)?;
        match &self.account.credentials {
            Credentials::Token { token } | Credentials::ApiKey { key: token } => {
                if let Some(exp) = jwt::expires_at(token.expose()) {
                    if exp <= self.clock.now() {
                        return Err(ProviderError::Auth {
                            message: format!(
                                "the JWT expired at {}",
                                Timestamp(i64::try_from(exp).unwrap_or(i64::MAX)).to_rfc3339()
                            ),
                            credential: "LiteVPS token: log in again or use a vtk_ access token"
                                .into(),
                        });
                    }
                }
                self.send(build(&api.with_token(token.clone())?)?).await
            }
            Credentials::Login { user, password } => {
                match self.cached_token() {
                    Some(cached) => match self.send(build(&api.with_token(cached.token)?)?).await {
                        Err(ProviderError::Auth { .. }) => self.sign_out(),
                        other => return other,
                    },
                    // Checks the input before logging in.
                    None => drop(build(&api)?),
                }
                let token = self.litevps_login(&api, user, password).await?;
                self.send(build(&api.with_token(token)?)?).await
            }
            Credentials::Nostr { .. } => Err(ProviderError::validation(
                "credentials",
                "LiteVPS needs an email and password, or an access token (vtk_…)",
            )),
        }
    }

    async fn litevps_login(
        &self,
        api: &Api,
        user: &str,
        password: &Secret,
    ) -> Result<Secret, ProviderError> {
        let answer = self.send(api.login(user, password)?).await?;
        self.store_token(SessionToken {
            token: answer.token.clone(),
            expires_at: jwt::expires_at(answer.token.expose()),
        });
        Ok(answer.token)
    }
}

fn credential_kind(credentials: &Credentials) -> &'static str {
    match credentials {
        Credentials::Login { .. } => "email and password (JWT session)",
        Credentials::Token { token } | Credentials::ApiKey { key: token }
            if token.expose().starts_with("vtk_") =>
        {
            "access token (vtk_…)"
        }
        _ => "JWT",
    }
}

pub(super) async fn test_connection<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<ConnectionInfo, ProviderError> {
    let me = s.litevps(|a| Ok(a.me())).await?;
    let mut details = vec![
        ("user id".to_string(), me.id.clone()),
        (
            "credential".to_string(),
            credential_kind(&s.account.credentials).to_string(),
        ),
    ];
    if let Some(exp) = s.cached_token().and_then(|t| t.expires_at) {
        let exp = Timestamp(i64::try_from(exp).unwrap_or(i64::MAX));
        details.push(("session expires".into(), exp.to_rfc3339()));
    }
    Ok(ConnectionInfo {
        identity: me.email.clone(),
        permissions: Vec::new(),
        balance: litevps::usd(me.balance),
        details,
    })
}

pub(super) async fn list_servers<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Server>, ProviderError> {
    let list = s.litevps(|a| Ok(a.list_vps())).await?;
    Ok(list.iter().map(litevps::server).collect())
}

pub(super) async fn server<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
) -> Result<Server, ProviderError> {
    let vps = s.litevps(|a| Ok(a.vps(id))).await?;
    Ok(litevps::server(&vps))
}

pub(super) async fn power<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
    action: PowerAction,
) -> Result<Option<Operation>, ProviderError> {
    s.litevps(|a| Ok(a.power(id, action))).await?;
    Ok(None)
}

pub(super) async fn delete<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    id: &str,
) -> Result<(), ProviderError> {
    let answer = s.litevps(|a| Ok(a.delete_vps(id))).await?;
    if answer.deleted {
        Ok(())
    } else {
        Err(ProviderError::Conflict {
            message: format!("LiteVPS did not delete {id}"),
        })
    }
}

pub(super) async fn balance<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Balance, ProviderError> {
    let me = s.litevps(|a| Ok(a.me())).await?;
    litevps::balance(&me)
        .ok_or_else(|| ProviderError::unexpected(200, "the balance is not a usable amount", b""))
}

pub(super) async fn invoices<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
) -> Result<Vec<Invoice>, ProviderError> {
    let page = s.litevps(|a| a.transactions(Page::default())).await?;
    let mut invoices: Vec<Invoice> = page.transactions.iter().map(litevps::invoice).collect();
    invoices.sort_by_key(|i| std::cmp::Reverse(i.created));
    Ok(invoices)
}

pub(super) async fn progress<T: Transport, S: Signer, C: Clock>(
    s: &Session<T, S, C>,
    operation: &Operation,
) -> Result<Progress, ProviderError> {
    let Operation::Litevps { vps_id } = operation else {
        return Err(ProviderError::validation(
            "operation",
            "not a LiteVPS operation",
        ));
    };
    let vps = s.litevps(|a| Ok(a.vps(vps_id))).await?;
    Ok(litevps::progress(&vps))
}
