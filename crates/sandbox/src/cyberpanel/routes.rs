//! The documented endpoints: which method and path each answers and the
//! access it needs. Unknown paths get a 404 and known paths with another
//! method a 405, both in the error envelope.

use super::fleet::Power;
use super::reply::ApiError;
use crate::wire::ResponseExt;
use crate::Response;
use http::Method;

/// A documented endpoint, with the ids its path carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Route {
    /// `GET /health`.
    Health,
    /// `GET /test`.
    Test,
    /// `GET /scopes`.
    Scopes,
    /// `GET /account`.
    Account,
    /// `GET /billing`.
    Billing,
    /// `GET /account/api-keys`.
    ApiKeys,
    /// `GET /account/api-keys/{key_id}/usage`.
    KeyUsage(u64),
    /// `GET /vps`.
    VpsList,
    /// `GET /vps/summary`.
    Summary,
    /// `GET /vps/plans`.
    Plans,
    /// `GET /vps/locations`.
    Locations,
    /// `GET /vps/templates`.
    Templates,
    /// `POST /vps/create`.
    Create,
    /// `GET /vps/{id}`.
    Detail(u64),
    /// `GET /vps/{id}/status`.
    LiveStatus(u64),
    /// `POST /vps/{id}/start|stop|restart`.
    Power(u64, Power),
    /// `POST /vps/{id}/delete`.
    Delete(u64),
    /// `GET /vps/{id}/console`.
    Console(u64),
    /// `GET /vps/{id}/deployment`.
    Deployment(u64),
    /// `GET /vps/{id}/snapshots`.
    Snapshots(u64),
    /// `POST /vps/{id}/snapshots/create`.
    SnapshotCreate(u64),
}

/// What a route requires of the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    /// No key.
    Public,
    /// Any valid key.
    AnyKey,
    /// A key with this scope (or `all`).
    Scope(&'static str),
}

impl Route {
    /// The access the document gives this endpoint.
    pub fn access(self) -> Access {
        match self {
            Route::Health | Route::Scopes => Access::Public,
            Route::Test => Access::AnyKey,
            Route::Account | Route::ApiKeys | Route::KeyUsage(_) => Access::Scope("account:read"),
            Route::Billing => Access::Scope("billing:read"),
            Route::Create | Route::Power(..) | Route::Delete(_) | Route::SnapshotCreate(_) => {
                Access::Scope("vps:write")
            }
            Route::VpsList
            | Route::Summary
            | Route::Plans
            | Route::Locations
            | Route::Templates
            | Route::Detail(_)
            | Route::LiveStatus(_)
            | Route::Console(_)
            | Route::Deployment(_)
            | Route::Snapshots(_) => Access::Scope("vps:read"),
        }
    }
}

/// A request that matches no route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Miss {
    /// No endpoint at this path.
    NotFound,
    /// The path exists for another method.
    WrongMethod(Method),
}

impl Miss {
    /// The 404 or 405 answer.
    pub fn response(&self, method: &Method, path: &str) -> Response {
        match self {
            Miss::NotFound => ApiError::new(
                404,
                "NOT_FOUND",
                "Not found",
                format!("No endpoint at {method} {path}"),
            )
            .response(),
            Miss::WrongMethod(allowed) => ApiError::new(
                405,
                "METHOD_NOT_ALLOWED",
                "Method not allowed",
                format!("{path} accepts {allowed}, not {method}"),
            )
            .response()
            .with_header("allow", allowed.as_str()),
        }
    }
}

/// The route of `method` + `path` (below the mount).
pub(super) fn resolve(method: &Method, path: &str) -> Result<Route, Miss> {
    let rest = path.strip_prefix("/api/v1/").ok_or(Miss::NotFound)?;
    let segments: Vec<&str> = rest.split('/').collect();
    let id = |raw: &str| {
        if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Miss::NotFound);
        }
        raw.parse::<u64>().map_err(|_| Miss::NotFound)
    };
    let (route, allowed) = match segments.as_slice() {
        ["health"] => (Route::Health, Method::GET),
        ["test"] => (Route::Test, Method::GET),
        ["scopes"] => (Route::Scopes, Method::GET),
        ["account"] => (Route::Account, Method::GET),
        ["billing"] => (Route::Billing, Method::GET),
        ["account", "api-keys"] => (Route::ApiKeys, Method::GET),
        ["account", "api-keys", key, "usage"] => (Route::KeyUsage(id(key)?), Method::GET),
        ["vps"] => (Route::VpsList, Method::GET),
        ["vps", "summary"] => (Route::Summary, Method::GET),
        ["vps", "plans"] => (Route::Plans, Method::GET),
        ["vps", "locations"] => (Route::Locations, Method::GET),
        ["vps", "templates"] => (Route::Templates, Method::GET),
        ["vps", "create"] => (Route::Create, Method::POST),
        ["vps", vps] => (Route::Detail(id(vps)?), Method::GET),
        ["vps", vps, "status"] => (Route::LiveStatus(id(vps)?), Method::GET),
        ["vps", vps, "start"] => (Route::Power(id(vps)?, Power::Start), Method::POST),
        ["vps", vps, "stop"] => (Route::Power(id(vps)?, Power::Stop), Method::POST),
        ["vps", vps, "restart"] => (Route::Power(id(vps)?, Power::Restart), Method::POST),
        ["vps", vps, "delete"] => (Route::Delete(id(vps)?), Method::POST),
        ["vps", vps, "console"] => (Route::Console(id(vps)?), Method::GET),
        ["vps", vps, "deployment"] => (Route::Deployment(id(vps)?), Method::GET),
        ["vps", vps, "snapshots"] => (Route::Snapshots(id(vps)?), Method::GET),
        ["vps", vps, "snapshots", "create"] => (Route::SnapshotCreate(id(vps)?), Method::POST),
        _ => return Err(Miss::NotFound),
    };
    if *method == allowed {
        Ok(route)
    } else {
        Err(Miss::WrongMethod(allowed))
    }
}
