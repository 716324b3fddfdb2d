//! Sandbox-only controls, served under `/_sandbox/` by both front doors:
//!
//! - `GET /_sandbox/credentials`: each provider's test credentials;
//! - `GET /_sandbox/faults`, `PUT /_sandbox/faults/{provider}` (a [`Faults`] JSON body);
//! - `POST /_sandbox/{provider}/pay/{id}`: marks an invoice paid (LNVPS
//!   payments, HOSTKEY invoices);
//! - `GET /_sandbox/time`: the sandbox clock; `POST /_sandbox/time` with
//!   `{"advance_ms": N}` moves it forward.

use crate::{wire, Faults, Provider, Request, Response, Sandbox};
use http::Method;
use serde_json::json;

/// Answers a control request (`path` is below `/_sandbox`).
pub(crate) fn handle(
    sandbox: &mut Sandbox,
    request: &Request,
    path: &str,
    now_ms: u64,
) -> Response {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let mut response = match (request.method(), segments.as_slice()) {
        (&Method::OPTIONS, _) => wire::bytes(204, "text/plain", Vec::new()),
        (&Method::GET, ["credentials"]) => {
            let creds: serde_json::Map<String, serde_json::Value> = sandbox
                .credentials()
                .into_iter()
                .map(|(p, list)| {
                    let fields: serde_json::Map<String, serde_json::Value> =
                        list.into_iter().map(|(k, v)| (k, json!(v))).collect();
                    (p.slug().to_string(), json!(fields))
                })
                .collect();
            wire::json(200, &json!(creds))
        }
        (&Method::GET, ["faults"]) => {
            let all: serde_json::Map<String, serde_json::Value> = Provider::ALL
                .into_iter()
                .map(|p| (p.slug().to_string(), json!(sandbox.faults(p))))
                .collect();
            wire::json(200, &json!(all))
        }
        (&Method::PUT | &Method::POST, ["faults", slug]) => match Provider::from_slug(slug) {
            None => wire::json(404, &json!({ "error": format!("no provider `{slug}`") })),
            Some(p) => match serde_json::from_slice::<Faults>(request.body()) {
                Ok(f) => {
                    sandbox.set_faults(p, f.clone());
                    wire::json(200, &json!(f))
                }
                Err(e) => wire::json(400, &json!({ "error": format!("faults: {e}") })),
            },
        },
        (&Method::POST, [slug, "pay", id]) => match Provider::from_slug(slug) {
            Some(provider) if sandbox.mark_paid(provider, id) => {
                wire::json(200, &json!({ "paid": true, "id": id }))
            }
            Some(_) => wire::json(
                404,
                &json!({ "error": format!("no unpaid payment `{id}`") }),
            ),
            None => wire::json(404, &json!({ "error": format!("no provider `{slug}`") })),
        },
        (&Method::GET, ["time"]) => wire::json(200, &json!({ "now_ms": now_ms })),
        (&Method::POST, ["time"]) => {
            let advance = serde_json::from_slice::<serde_json::Value>(request.body())
                .ok()
                .and_then(|v| v.get("advance_ms").and_then(|n| n.as_u64()));
            match advance {
                Some(ms) => {
                    sandbox.advance_ms(ms);
                    wire::json(200, &json!({ "now_ms": sandbox.now_ms() }))
                }
                None => wire::json(
                    400,
                    &json!({ "error": "body must be {\"advance_ms\": <milliseconds>}" }),
                ),
            }
        }
        _ => wire::json(404, &json!({ "error": "unknown sandbox control" })),
    };
    wire::cors(&mut response, request);
    response
}
