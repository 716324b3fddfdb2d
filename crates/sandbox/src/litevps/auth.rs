//! LiteVPS sign-in: HS256 JWTs (`sub`, `email`, `iat`, `exp` 24 h after
//! issue) from `POST /api/auth/login`, registration behind the Turnstile
//! CAPTCHA, and resolving a bearer (JWT or `vtk_` token) to its account.

use super::account::Account;
use super::body::{self, invalid, Refusal};
use crate::fleet::uuid;
use crate::{wire, Response};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// How long a JWT is valid.
const JWT_LIFETIME_SECS: u64 = 24 * 3_600;
/// The only CAPTCHA answer the sandbox accepts.
pub(super) const TURNSTILE_PASS: &str = "sandbox-pass";
/// Shortest password accepted at registration.
const MIN_PASSWORD: usize = 8;

/// HMAC-SHA256 (RFC 2104) of `message` under a 32-byte key.
fn hmac(key: &[u8; 32], message: &[u8]) -> [u8; 32] {
    let mut inner_pad = [0x36_u8; 64];
    let mut outer_pad = [0x5c_u8; 64];
    for ((i, o), k) in inner_pad.iter_mut().zip(outer_pad.iter_mut()).zip(key) {
        *i ^= k;
        *o ^= k;
    }
    let inner = Sha256::new()
        .chain_update(inner_pad)
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(outer_pad)
        .chain_update(inner)
        .finalize()
        .into()
}

/// Issues and checks the JWTs of one sandbox run (no `Debug`: it holds the key).
pub(super) struct Signer {
    key: [u8; 32],
}

impl Signer {
    /// A signer with a key drawn from `rng`.
    pub(super) fn new(rng: &mut fastrand::Rng) -> Self {
        let mut key = [0_u8; 32];
        rng.fill(&mut key);
        Self { key }
    }

    fn sign(&self, signing_input: &str) -> String {
        URL_SAFE_NO_PAD.encode(hmac(&self.key, signing_input.as_bytes()))
    }

    /// A token for `account`, valid for 24 hours from `now_ms`.
    pub(super) fn issue(&self, account: &Account, now_ms: u64) -> String {
        let iat = now_ms / 1_000;
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let claims = json!({ "sub": account.id, "email": account.email, "iat": iat, "exp": iat + JWT_LIFETIME_SECS });
        let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
        let input = format!("{header}.{payload}");
        let signature = self.sign(&input);
        format!("{input}.{signature}")
    }

    /// The account id (`sub`) of a token this signer issued that has not expired.
    pub(super) fn verify(&self, token: &str, now_ms: u64) -> Option<String> {
        let (input, signature) = token.rsplit_once('.')?;
        let (_, payload) = input.split_once('.')?;
        if self.sign(input) != signature {
            return None;
        }
        let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        let exp = claims.get("exp")?.as_u64()?;
        (now_ms / 1_000 < exp).then(|| claims.get("sub")?.as_str().map(str::to_string))?
    }
}

/// `POST /api/auth/login`.
pub(super) fn login(
    accounts: &[Account],
    signer: &Signer,
    body: &[u8],
    now_ms: u64,
) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    let email = body::text(&object, "email").map_err(invalid)?.trim();
    let password = body::text(&object, "password").map_err(invalid)?;
    let account = accounts
        .iter()
        .find(|a| a.email.eq_ignore_ascii_case(email) && a.password == password)
        .ok_or_else(|| body::error(401, "invalid email or password"))?;
    Ok(wire::json(
        200,
        &json!({ "token": signer.issue(account, now_ms) }),
    ))
}

/// `POST /api/auth/register`: a new account with a zero balance.
pub(super) fn register(
    accounts: &mut Vec<Account>,
    rng: &mut fastrand::Rng,
    body: &[u8],
    now_ms: u64,
) -> Result<Response, Refusal> {
    let object = body::object(body).map_err(invalid)?;
    if object.get("cf-turnstile-response").and_then(Value::as_str) != Some(TURNSTILE_PASS) {
        return Err(invalid("CAPTCHA verification failed"));
    }
    let email = body::text(&object, "email").map_err(invalid)?.trim();
    if !body::is_email(email) {
        return Err(invalid("email must be an email address"));
    }
    let password = body::text(&object, "password").map_err(invalid)?;
    if password.chars().count() < MIN_PASSWORD {
        return Err(invalid(format!(
            "password must be at least {MIN_PASSWORD} characters"
        )));
    }
    if accounts.iter().any(|a| a.email.eq_ignore_ascii_case(email)) {
        return Err(body::error(409, "email is already registered"));
    }
    let account = Account::new(uuid(rng), email, password, now_ms);
    let created = json!({ "id": account.id, "email": account.email });
    accounts.push(account);
    Ok(wire::json(201, &created))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_until_expiry_and_reject_forged_claims() {
        let mut rng = fastrand::Rng::with_seed(9);
        let signer = Signer::new(&mut rng);
        let account = Account::new("u1".into(), "a@b.co", "password1", 0);
        let token = signer.issue(&account, 1_000_000);
        assert_eq!(signer.verify(&token, 1_000_000).as_deref(), Some("u1"));
        assert_eq!(
            signer.verify(&token, 1_000_000 + JWT_LIFETIME_SECS * 1_000),
            None
        );
        let mut parts: Vec<&str> = token.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(r#"{"sub":"u2","exp":99999999999}"#);
        parts[1] = &forged;
        assert_eq!(signer.verify(&parts.join("."), 1_000_000), None);
    }

    #[test]
    fn hmac_known_answer() {
        // RFC 4231 test case 1 uses a 20-byte key; zero-extending it to 32 bytes
        // does not change HMAC (keys are zero-padded to the block size).
        let mut key = [0_u8; 32];
        key[..20].copy_from_slice(&[0x0b; 20]);
        assert_eq!(
            hex::encode(hmac(&key, b"Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
    }
}
