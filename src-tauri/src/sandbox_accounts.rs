//! `--sandbox-accounts URL`: fills the keychain with one account per
//! provider of a loopback sandbox (`cargo run -p sandbox`), before the
//! window opens. Used by the smoke test and handy for trying the app.
//!
//! The sandbox lists its test credentials at `GET {URL}/_sandbox/credentials`
//! as `{"<slug>": {"<label>": "<value>", …}, …}`; provider `<slug>` is served
//! under `{URL}/<slug>`.

use crate::accounts::{AccountBook, BookError};
use crate::nostr_keys;
use providers::{Account, Credentials, ProviderId, Secret};
use serde_json::Value;

/// The id of the sandbox account of `provider` (`loopback-<slug>`).
pub fn account_id(provider: ProviderId) -> String {
    format!("loopback-{}", provider.slug())
}

fn credential(creds: &Value, provider: ProviderId, label: &str) -> Result<Secret, String> {
    creds[provider.slug()][label]
        .as_str()
        .filter(|v| !v.is_empty())
        .map(Secret::new)
        .ok_or_else(|| {
            format!(
                "the sandbox lists no `{label}` for {}",
                provider.display_name()
            )
        })
}

/// The five sandbox accounts for a sandbox at `base` (no trailing slash),
/// from its credential list. LNVPS signs with a key of the keychain, so its
/// account carries only `lnvps_npub`.
pub fn accounts(base: &str, creds: &Value, lnvps_npub: &str) -> Result<Vec<Account>, String> {
    ProviderId::ALL
        .into_iter()
        .map(|provider| {
            let (credentials, pin) = match provider {
                ProviderId::Lnvps => (
                    Credentials::Nostr {
                        public_key: Some(lnvps_npub.to_string()),
                    },
                    None,
                ),
                ProviderId::Hostkey => (
                    Credentials::ApiKey {
                        key: credential(creds, provider, "api key")?,
                    },
                    Some(credential(creds, provider, "pin")?),
                ),
                ProviderId::Litevps => (
                    Credentials::Login {
                        user: credential(creds, provider, "email")?.expose().to_string(),
                        password: credential(creds, provider, "password")?,
                    },
                    None,
                ),
                ProviderId::Cyberpanel | ProviderId::Llamalink => (
                    Credentials::ApiKey {
                        key: credential(creds, provider, "api key")?,
                    },
                    None,
                ),
            };
            Ok(Account {
                id: account_id(provider),
                provider,
                label: format!("{} (loopback sandbox)", provider.display_name()),
                credentials,
                base_url: Some(format!("{base}/{}", provider.slug())),
                pin,
            })
        })
        .collect()
}

/// Reads the sandbox's credentials at `url` and saves its five accounts in
/// `book` (replacing earlier ones with the same ids). The LNVPS account keeps
/// its Nostr key if it has one, else gets a new one. Returns how many
/// accounts were saved.
pub async fn load(
    book: &AccountBook,
    client: &reqwest::Client,
    url: &str,
) -> Result<usize, String> {
    let base = url.trim().trim_end_matches('/');
    let parsed = url::Url::parse(base).map_err(|e| format!("--sandbox-accounts `{base}`: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!("--sandbox-accounts `{base}`: not an http:// URL"));
    }
    let list = format!("{base}/_sandbox/credentials");
    let response = client
        .get(&list)
        .send()
        .await
        .map_err(|e| format!("cannot reach the sandbox at {base}: {}", e.without_url()))?;
    if !response.status().is_success() {
        return Err(format!("{list} answered {}", response.status()));
    }
    let body = response
        .bytes()
        .await
        .map_err(|e| format!("reading {list}: {}", e.without_url()))?;
    let creds: Value =
        serde_json::from_slice(&body).map_err(|e| format!("{list} did not give JSON: {e}"))?;
    let lnvps_id = account_id(ProviderId::Lnvps);
    let store = book.store();
    let npub = match nostr_keys::public_key(store, &lnvps_id).map_err(|e| e.to_string())? {
        Some(npub) => npub,
        None => nostr_keys::generate(store, &lnvps_id).map_err(|e| e.to_string())?,
    };
    let accounts = accounts(base, &creds, &npub)?;
    let count = accounts.len();
    for account in accounts {
        book.save(account)
            .map_err(|e: BookError| format!("saving a sandbox account: {e}"))?;
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn creds() -> Value {
        json!({
            "lnvps": {"Sign-in": "any Nostr key", "Demo nsec": "nsec1x"},
            "hostkey": {"api key": "hk-key", "pin": "1234", "Billing user": "b"},
            "cyberpanel": {"api key": "cyp_live_abc"},
            "litevps": {"email": "demo@litevps.test", "password": "pw", "access token": "vtk_x"},
            "llamalink": {"api key": "llk_abc", "API key (no payment method)": "llk_poor"}
        })
    }

    #[test]
    fn the_five_sandbox_accounts_come_from_its_credentials() {
        let list = accounts("http://127.0.0.1:8787", &creds(), "npub1test").unwrap();
        let ids: Vec<_> = list.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "loopback-lnvps",
                "loopback-hostkey",
                "loopback-cyberpanel",
                "loopback-litevps",
                "loopback-llamalink"
            ]
        );
        assert_eq!(list[1].label, "HOSTKEY (loopback sandbox)");
        assert_eq!(
            list[1].base_url.as_deref(),
            Some("http://127.0.0.1:8787/hostkey")
        );
        assert_eq!(list[1].pin, Some(Secret::new("1234")));
        assert_eq!(
            list[0].credentials,
            Credentials::Nostr {
                public_key: Some("npub1test".into())
            }
        );
        assert_eq!(
            list[3].credentials,
            Credentials::Login {
                user: "demo@litevps.test".into(),
                password: Secret::new("pw")
            }
        );
        for account in &list {
            account.base_url().unwrap();
        }
    }

    #[test]
    fn a_missing_credential_is_named() {
        let mut c = creds();
        c["cyberpanel"] = json!({});
        let err = accounts("http://127.0.0.1:1", &c, "npub1x").unwrap_err();
        assert!(
            err.contains("api key") && err.contains("CyberPanel"),
            "{err}"
        );
    }
}
