//! LiteVPS access tokens (`vtk_…`): created with an optional USD spend
//! limit, listed without their secret, revoked.

use super::account::Token;
use super::body::{self, invalid, money, not_found, Refusal};
use super::Ctx;
use crate::fleet::{hex_token, rfc3339, uuid};
use crate::{wire, Response};
use serde_json::{json, Value};

/// Longest token name.
const MAX_NAME: usize = 64;

/// A new token's secret.
pub(super) fn secret(rng: &mut fastrand::Rng) -> String {
    format!("vtk_{}", hex_token(rng, 20))
}

/// `POST /api/tokens`.
pub(super) fn create(ctx: &mut Ctx, body: &[u8]) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let name = body::text(&object, "name").map_err(invalid)?;
    if name.chars().count() > MAX_NAME {
        return Err(invalid(format!(
            "name must be at most {MAX_NAME} characters"
        )));
    }
    let spend_limit = body::optional_number(&object, "spend_limit").map_err(invalid)?;
    if spend_limit.is_some_and(|l| l <= 0.0) {
        return Err(invalid("spend_limit must be a positive USD amount"));
    }
    let token = Token {
        id: uuid(ctx.rng),
        name: name.to_string(),
        secret: secret(ctx.rng),
        spend_limit: spend_limit.map(money),
        spent: 0.0,
        created_ms: ctx.now,
    };
    let created = json!({
        "id": token.id, "name": token.name, "token": token.secret, "spend_limit": token.spend_limit,
        "spent": 0, "created_at": rfc3339(token.created_ms),
    });
    ctx.account.tokens.push(token);
    Ok(wire::json(201, &created))
}

/// `GET /api/tokens`.
pub(super) fn list(ctx: &Ctx) -> Response {
    let items: Vec<Value> = ctx.account.tokens.iter().map(Token::json).collect();
    wire::json(200, &json!(items))
}

/// `DELETE /api/tokens/:id`.
pub(super) fn delete(ctx: &mut Ctx, id: &str) -> Result<Response, Refusal> {
    let before = ctx.account.tokens.len();
    ctx.account.tokens.retain(|t| t.id != id);
    if ctx.account.tokens.len() == before {
        return Err(not_found());
    }
    Ok(wire::json(200, &json!({ "id": id, "deleted": true })))
}
