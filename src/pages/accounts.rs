//! Accounts: add one per provider with the credentials its API needs, test
//! the connection, remember it encrypted or keep it for this session, forget
//! it. In the desktop app accounts go to the OS keychain instead.

use crate::components::error_notice::ErrorNotice;
use crate::services::clock::BrowserClock;
use crate::services::signer::{self, AppSigner};
use crate::services::{desktop, vault};
use crate::state::activity::{self, Activity};
use crate::state::{AccountEntry, Keep, Panel, VaultStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use providers::driver::{ConnectionInfo, Session};
use providers::{Account, Credentials, ProviderError, ProviderId, Secret};

/// The accounts page.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let panel = expect_context::<Panel>();
    view! {
        <section class="page accounts">
            <div class="page-head"><h1>"Accounts"</h1></div>
            <VaultBar />
            <div class="account-list" data-testid="account-list">
                {move || {
                    let list = panel.accounts.get();
                    if list.is_empty() {
                        view! { <p class="muted">"No accounts yet. Add one below."</p> }.into_any()
                    } else {
                        list.into_iter().map(|entry| view! { <AccountCard entry=entry /> }).collect_view().into_any()
                    }
                }}
            </div>
            <AddAccount />
        </section>
    }
}

/// Unlock, lock state and erasing of the encrypted vault.
#[component]
fn VaultBar() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let working = RwSignal::new(false);
    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        working.set(true);
        spawn_local(async move {
            let result = panel.unlock(&passphrase.get_untracked()).await;
            working.set(false);
            match result {
                Ok(()) => {
                    passphrase.set(String::new());
                    error.set(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    if panel.desktop {
        return view! {
            <p class="muted small" data-testid="keychain-note">
                "Accounts are kept in your operating system's keychain. This window only ever holds stand-ins for your keys: the app adds them to each request as it leaves."
            </p>
        }
        .into_any();
    }
    view! {
        {move || match panel.vault.get() {
            VaultStatus::Absent => view! {
                <p class="muted small" data-testid="vault-absent">
                    "Accounts are kept in memory for this tab only unless you tick “Remember”: then they are encrypted (AES-256-GCM, key from your passphrase by PBKDF2) before being stored on this device."
                </p>
            }.into_any(),
            VaultStatus::Locked => view! {
                <form class="card vault" on:submit=unlock data-testid="vault-locked">
                    <h2>"Remembered accounts are locked"</h2>
                    <label class="field">
                        <span>"Vault passphrase"</span>
                        <input type="password" autocomplete="current-password" data-testid="vault-passphrase"
                            prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                    </label>
                    <div class="row">
                        <button class="btn primary" type="submit" data-testid="vault-unlock" disabled=move || working.get()>
                            {move || if working.get() { "Unlocking…" } else { "Unlock" }}
                        </button>
                        <button class="btn danger ghost" type="button" on:click=move |_| panel.erase_vault()>"Erase remembered accounts"</button>
                    </div>
                    {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
                </form>
            }.into_any(),
            VaultStatus::Unlocked => view! {
                <p class="muted small" data-testid="vault-unlocked">
                    "Remembered accounts are unlocked for this tab. "
                    <button class="btn link small" on:click=move |_| panel.erase_vault()>"Erase them from this device"</button>
                </p>
            }.into_any(),
        }}
    }
    .into_any()
}

fn keep_label(keep: Keep) -> &'static str {
    match keep {
        Keep::Sandbox => "demo (in-browser sandbox)",
        Keep::Session => "this session only",
        Keep::Remembered => "remembered, encrypted",
        Keep::Keychain => "in the OS keychain",
    }
}

/// One account with its test and forget buttons.
#[component]
fn AccountCard(entry: AccountEntry) -> impl IntoView {
    let panel = expect_context::<Panel>();
    let id = entry.account.id.clone();
    let result = RwSignal::new(None::<Result<ConnectionInfo, ProviderError>>);
    let testing = RwSignal::new(false);
    let test = {
        let id = id.clone();
        move |_| {
            let Some(session) = panel.session(&id) else {
                return;
            };
            testing.set(true);
            spawn_local(async move {
                let r = session.test_connection().await;
                log_test(
                    Activity::new("connection test").account(session.account()),
                    &r,
                );
                testing.set(false);
                result.set(Some(r));
            });
        }
    };
    let forget = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            let Some(entry) = panel.account(&id) else {
                return;
            };
            spawn_local(async move {
                let log = Activity::new("account forgotten").account(&entry.account);
                activity::record(match panel.forget(&id).await {
                    Ok(ended) => log.ok(format!(
                        "removed ({}){}",
                        keep_label(entry.keep),
                        ended.map(|e| format!("; {e}")).unwrap_or_default()
                    )),
                    Err(e) => log.failed(e),
                });
            });
        }
    };
    let a = entry.account;
    view! {
        <article class="card account" data-testid=format!("account-{id}")>
            <div class="section-head">
                <h2>{a.label.clone()}</h2>
                <span class=format!("provider-tag {}", a.provider.slug())>{a.provider.display_name()}</span>
            </div>
            <p class="muted small">
                {keep_label(entry.keep)}" · "{a.base_url.clone().unwrap_or_else(|| a.provider.default_base_url().to_string())}
            </p>
            <div class="row">
                <button class="btn small" data-testid="test-connection" disabled=move || testing.get() on:click=test>
                    {move || if testing.get() { "Testing…" } else { "Test connection" }}
                </button>
                <leptos_router::components::A href=format!("/billing/{id}") attr:class="btn small" attr:data-testid="open-billing">"Billing"</leptos_router::components::A>
                {(entry.keep != Keep::Sandbox).then(|| view! {
                    <button class="btn small danger ghost" data-testid="forget" on:click=forget.clone()>"Forget"</button>
                })}
            </div>
            {move || result.get().map(|r| view! { <ConnectionResult result=r /> })}
        </article>
    }
}

/// Logs a connection test: whether the provider accepted the credentials.
fn log_test(log: Activity, result: &Result<ConnectionInfo, ProviderError>) {
    activity::record(match result {
        Ok(_) => log.ok("connected"),
        Err(e) => log.failed(e.to_string()),
    });
}

/// What a connection test found.
#[component]
fn ConnectionResult(result: Result<ConnectionInfo, ProviderError>) -> impl IntoView {
    match result {
        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
        Ok(info) => view! {
            <div class="notice ok" data-testid="connection-ok">
                <p class="notice-title">"Connected as "{info.identity.clone()}</p>
                {info.balance.map(|b| view! { <p>"Balance: "{b.to_string()}</p> })}
                {(!info.permissions.is_empty()).then(|| view! {
                    <p class="small">"Permissions: "<span class="mono">{info.permissions.join(", ")}</span></p>
                })}
                <dl class="details compact">
                    {info.details.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                </dl>
            </div>
        }.into_any(),
    }
}

/// How an account signs in, as the add form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Key,
    Login,
    Token,
    Nostr,
}

fn methods(p: ProviderId) -> &'static [(Method, &'static str)] {
    match p {
        ProviderId::Lnvps => &[(Method::Nostr, "Nostr key")],
        ProviderId::Hostkey => &[(Method::Key, "API key"), (Method::Login, "Billing login")],
        ProviderId::Cyberpanel => &[(Method::Key, "API key")],
        ProviderId::Litevps => &[
            (Method::Login, "Email and password"),
            (Method::Token, "Access token (vtk_…)"),
        ],
        ProviderId::Llamalink => &[(Method::Key, "API key")],
    }
}

fn key_hint(p: ProviderId) -> &'static str {
    match p {
        ProviderId::Hostkey => "Format 16 hex - 16 hex, from Invapi → API keys.",
        ProviderId::Cyberpanel => {
            "cyp_live_ followed by 64 hex characters, from platform.cyberpersons.com/api-keys."
        }
        ProviderId::Llamalink => "llk_…, from your LlamaLink panel.",
        _ => "",
    }
}

fn new_id() -> String {
    let bytes = vault::random_bytes(6).unwrap_or_default();
    format!(
        "acc-{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    )
}

/// The form that adds an account.
#[component]
fn AddAccount() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let provider = RwSignal::new(ProviderId::Llamalink);
    let method = RwSignal::new(Method::Key);
    let label = RwSignal::new(String::new());
    let base_url = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let npub = RwSignal::new(None::<String>);
    let remember = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let passphrase2 = RwSignal::new(String::new());
    let field_error = RwSignal::new(None::<(String, String)>);
    let test_result = RwSignal::new(None::<Result<ConnectionInfo, ProviderError>>);
    let working = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
    // The id the new account will have (its Nostr key is filed under it on the desktop).
    let form_id = RwSignal::new(new_id());
    let nsec = RwSignal::new(String::new());

    Effect::new(move |_| {
        let p = provider.get();
        method.set(methods(p)[0].0);
        npub.set(None);
        form_id.set(new_id());
        test_result.set(None);
        field_error.set(None);
    });

    let build = move || -> Result<Account, (String, String)> {
        let p = provider.get_untracked();
        let missing = |f: &str| Err((f.to_string(), "is required".to_string()));
        let credentials = match method.get_untracked() {
            Method::Key => {
                let k = key.get_untracked().trim().to_string();
                if k.is_empty() {
                    return missing("api_key");
                }
                Credentials::ApiKey {
                    key: Secret::new(k),
                }
            }
            Method::Login => {
                if user.get_untracked().trim().is_empty() {
                    return missing("user");
                }
                if password.get_untracked().is_empty() {
                    return missing("password");
                }
                Credentials::Login {
                    user: user.get_untracked().trim().to_string(),
                    password: Secret::new(password.get_untracked()),
                }
            }
            Method::Token => {
                let t = key.get_untracked().trim().to_string();
                if t.is_empty() {
                    return missing("token");
                }
                Credentials::Token {
                    token: Secret::new(t),
                }
            }
            Method::Nostr => Credentials::Nostr {
                public_key: npub.get_untracked(),
            },
        };
        let base = base_url.get_untracked().trim().to_string();
        let account = Account {
            id: form_id.get_untracked(),
            provider: p,
            label: Some(label.get_untracked().trim().to_string())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| p.display_name().to_string()),
            credentials,
            base_url: (!base.is_empty()).then_some(base),
            pin: Some(pin.get_untracked())
                .filter(|p| !p.is_empty())
                .map(Secret::new),
        };
        account.base_url().map_err(|e| match e {
            ProviderError::Validation { field, reason } => (field, reason),
            other => ("base_url".into(), other.to_string()),
        })?;
        Ok(account)
    };

    let test = move |_| {
        field_error.set(None);
        let account = match build() {
            Ok(a) => a,
            Err(e) => return field_error.set(Some(e)),
        };
        let signer = if matches!(account.credentials, Credentials::Nostr { .. }) {
            AppSigner::Extension
        } else {
            AppSigner::None
        };
        let provider = account.provider;
        let session = Session::new(account, panel.transport(), signer, BrowserClock);
        working.set(true);
        spawn_local(async move {
            let r = session.test_connection().await;
            log_test(
                Activity::new("connection test")
                    .provider(provider)
                    .target("a new account, before adding it"),
                &r,
            );
            working.set(false);
            test_result.set(Some(r));
        });
    };

    let connect_extension = move |_| {
        spawn_local(async move {
            match signer::npub(&AppSigner::Extension).await {
                Ok(n) => npub.set(Some(n)),
                Err(e) => field_error.set(Some(("nostr".into(), e))),
            }
        });
    };

    let key_busy = RwSignal::new(false);
    let keychain_key = move |import: bool| {
        field_error.set(None);
        key_busy.set(true);
        spawn_local(async move {
            let id = form_id.get_untracked();
            let result = if import {
                desktop::nostr_import(&id, nsec.get_untracked().trim()).await
            } else {
                desktop::nostr_generate(&id).await
            };
            // The nsec is not kept in this window, whatever the outcome.
            nsec.set(String::new());
            key_busy.set(false);
            match result {
                Ok(n) => npub.set(Some(n)),
                Err(e) => field_error.set(Some(("nostr".into(), e))),
            }
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        field_error.set(None);
        let account = match build() {
            Ok(a) => a,
            Err(e) => return field_error.set(Some(e)),
        };
        if panel.desktop && matches!(account.credentials, Credentials::Nostr { public_key: None }) {
            return field_error.set(Some((
                "nostr".into(),
                "generate or import a key first".into(),
            )));
        }
        let remember_it = remember.get_untracked();
        let phrase = if remember_it && panel.vault.get_untracked() != VaultStatus::Unlocked {
            let p = passphrase.get_untracked();
            if panel.vault.get_untracked() == VaultStatus::Absent {
                if p.chars().count() < 8 {
                    return field_error.set(Some((
                        "passphrase".into(),
                        "must have at least 8 characters".into(),
                    )));
                }
                if p != passphrase2.get_untracked() {
                    return field_error
                        .set(Some(("passphrase".into(), "the two entries differ".into())));
                }
            }
            Some(p)
        } else {
            None
        };
        let label_text = account.label.clone();
        let log = Activity::new("account added").account(&account);
        let id = account.id.clone();
        working.set(true);
        spawn_local(async move {
            let r = panel.add_account(account, remember_it, phrase).await;
            activity::record(match &r {
                Ok(()) => log.ok(panel.account(&id).map_or("added", |a| keep_label(a.keep))),
                Err(e) => log.failed(e.clone()),
            });
            working.set(false);
            match r {
                Ok(()) => {
                    added.set(Some(label_text));
                    form_id.set(new_id());
                    npub.set(None);
                    key.set(String::new());
                    password.set(String::new());
                    pin.set(String::new());
                    passphrase.set(String::new());
                    passphrase2.set(String::new());
                    label.set(String::new());
                    test_result.set(None);
                }
                Err(e) => field_error.set(Some(("remember".into(), e))),
            }
        });
    };

    let err_for = move |f: &'static str| {
        move || {
            field_error
                .get()
                .filter(|(x, _)| x == f)
                .map(|(_, r)| view! { <p class="field-error" role="alert">{r}</p> })
        }
    };

    view! {
        <form class="card add-account" on:submit=submit data-testid="add-account">
            <h2>"Add an account"</h2>
            <div class="grid-2">
                <label class="field">
                    <span>"Provider"</span>
                    <select data-testid="add-provider" prop:value=move || provider.get().slug()
                        on:change=move |ev| if let Ok(p) = event_target_value(&ev).parse() { provider.set(p) }>
                        {ProviderId::ALL.into_iter().map(|p| view! { <option value=p.slug()>{p.display_name()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>"Label"</span>
                    <input type="text" data-testid="add-label" placeholder="e.g. production"
                        prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev)) />
                </label>
            </div>
            <Show when=move || { methods(provider.get()).len() > 1 }>
                <fieldset class="segmented">
                    <legend>"Sign in with"</legend>
                    {move || methods(provider.get()).iter().map(|(m, text)| {
                        let m = *m;
                        view! {
                            <label class="radio">
                                <input type="radio" name="method" data-testid=format!("method-{m:?}").to_lowercase()
                                    prop:checked=move || method.get() == m on:change=move |_| method.set(m) />
                                {*text}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            </Show>
            {move || match method.get() {
                Method::Key => view! {
                    <label class="field">
                        <span>"API key"</span>
                        <input type="password" autocomplete="off" data-testid="add-key"
                            prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev)) />
                        <small class="muted">{key_hint(provider.get())}</small>
                        {err_for("api_key")}
                    </label>
                }.into_any(),
                Method::Token => view! {
                    <label class="field">
                        <span>"Access token"</span>
                        <input type="password" autocomplete="off" data-testid="add-key" placeholder="vtk_…"
                            prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev)) />
                        {err_for("token")}
                    </label>
                }.into_any(),
                Method::Login => view! {
                    <div class="grid-2">
                        <label class="field">
                            <span>{move || if provider.get() == ProviderId::Hostkey { "Billing user" } else { "Email" }}</span>
                            <input type="text" autocomplete="username" data-testid="add-user"
                                prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev)) />
                            {err_for("user")}
                        </label>
                        <label class="field">
                            <span>"Password"</span>
                            <input type="password" autocomplete="current-password" data-testid="add-password"
                                prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
                            {err_for("password")}
                        </label>
                    </div>
                }.into_any(),
                Method::Nostr if panel.desktop => view! {
                    <div class="field">
                        <span>"Nostr key"</span>
                        <p class="muted small">"LNVPS signs every request with a Nostr key (NIP-98). The app keeps it in the OS keychain and signs for you; this window never sees it."</p>
                        <div class="row">
                            <button type="button" class="btn small" data-testid="generate-key" on:click=move |_| keychain_key(false)
                                disabled=move || key_busy.get() || npub.get().is_some()>"Generate a key"</button>
                            <input type="password" autocomplete="off" aria-label="nsec to import" placeholder="nsec1… or hex" data-testid="import-nsec"
                                prop:value=move || nsec.get() on:input=move |ev| nsec.set(event_target_value(&ev)) />
                            <button type="button" class="btn small" data-testid="import-key" on:click=move |_| keychain_key(true)
                                disabled=move || key_busy.get() || npub.get().is_some() || nsec.get().trim().is_empty()>"Import"</button>
                        </div>
                        {move || npub.get().map(|n| view! { <p class="mono small" data-testid="npub">{n}</p> })}
                        {err_for("nostr")}
                    </div>
                }.into_any(),
                Method::Nostr => view! {
                    <div class="field">
                        <span>"Nostr extension (NIP-07)"</span>
                        <p class="muted small">"LNVPS signs every request with your Nostr key (NIP-98). The key stays in your browser extension; allow kind 27235 to avoid a prompt per request."</p>
                        <div class="row">
                            <button type="button" class="btn small" data-testid="connect-extension" on:click=connect_extension
                                disabled=move || !signer::extension_available()>"Use my Nostr extension"</button>
                            {move || match npub.get() {
                                Some(n) => view! { <span class="mono small" data-testid="npub">{n}</span> }.into_any(),
                                None if !signer::extension_available() => view! { <span class="muted small">"No NIP-07 extension detected in this browser."</span> }.into_any(),
                                None => ().into_any(),
                            }}
                        </div>
                        {err_for("nostr")}
                    </div>
                }.into_any(),
            }}
            <Show when=move || provider.get() == ProviderId::Hostkey>
                <label class="field">
                    <span>"PIN (optional)"</span>
                    <input type="password" inputmode="numeric" autocomplete="off" data-testid="add-pin"
                        prop:value=move || pin.get() on:input=move |ev| pin.set(event_target_value(&ev)) />
                    <small class="muted">"HOSTKEY asks for it on power, console and order calls."</small>
                </label>
            </Show>
            <label class="field">
                <span>"Base URL (optional)"</span>
                <input type="url" data-testid="add-base-url" placeholder=move || provider.get().default_base_url()
                    prop:value=move || base_url.get() on:input=move |ev| base_url.set(event_target_value(&ev)) />
                <small class="muted">"Leave empty for the provider. Use it for a staging host, a relay of your own, or a loopback sandbox such as http://127.0.0.1:8787/"{move || provider.get().slug()}"."</small>
                {err_for("base_url")}
            </label>
            <Show when=move || !panel.desktop>
            <label class="check">
                <input type="checkbox" data-testid="add-remember" prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev)) />
                " Remember on this device (encrypted with a passphrase)"
            </label>
            </Show>
            <Show when=move || remember.get() && panel.vault.get() != VaultStatus::Unlocked>
                <div class="grid-2">
                    <label class="field">
                        <span>{move || if panel.vault.get() == VaultStatus::Absent { "New vault passphrase" } else { "Vault passphrase" }}</span>
                        <input type="password" autocomplete="new-password" data-testid="add-passphrase"
                            prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev)) />
                        {err_for("passphrase")}
                    </label>
                    <Show when=move || panel.vault.get() == VaultStatus::Absent>
                        <label class="field">
                            <span>"Repeat the passphrase"</span>
                            <input type="password" autocomplete="new-password" data-testid="add-passphrase2"
                                prop:value=move || passphrase2.get() on:input=move |ev| passphrase2.set(event_target_value(&ev)) />
                        </label>
                    </Show>
                </div>
            </Show>
            {err_for("remember")}
            <div class="row">
                <Show when=move || !panel.desktop>
                    <button type="button" class="btn" data-testid="add-test" disabled=move || working.get() on:click=test>"Test connection"</button>
                </Show>
                <button type="submit" class="btn primary" data-testid="add-submit" disabled=move || working.get()>"Add account"</button>
            </div>
            {move || test_result.get().map(|r| view! { <ConnectionResult result=r /> })}
            {move || added.get().map(|l| view! { <p class="notice ok" role="status" data-testid="added">{format!("Added {l}. Its servers are loading in the fleet.")}</p> })}
        </form>
    }
}
