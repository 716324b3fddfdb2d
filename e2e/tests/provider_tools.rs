//! The providers' keys, tokens, zones, websites and snapshots through the
//! panel, against the loopback sandbox: each listed as the provider has it,
//! added (a new secret shown once), removed only after a confirmation, and
//! the form's rules shown before anything is sent.

use e2e::action::{self, NewAccount};
use e2e::loopback::{self, browser_with_accounts};
use e2e::order::says;
use e2e::tools::{
    add, column, done, listed, names, open_last_server, open_server, open_tools, reload, remove,
    run_tool,
};
use e2e::{check, find, World};

/// A test SSH public key (well formed; the sandboxes parse it).
const PUBLIC_KEY: &str =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl e2e@panel";

#[tokio::test]
async fn litevps_ssh_keys_and_tokens_are_added_shown_once_and_revoked() {
    let world = World::get();
    let browser = open_tools(world, "litevps", "lite-tools").await;
    let c = &browser.client;
    assert!(names(c, "litevps-ssh-keys")
        .await
        .contains(&"laptop".to_string()));
    add(
        c,
        "litevps-ssh-keys",
        &[("key-name", "e2e-key"), ("public-key", PUBLIC_KEY)],
    )
    .await;
    listed(c, "litevps-ssh-keys", "e2e-key", true).await;
    remove(c, "litevps-ssh-keys", "e2e-key").await;

    assert!(names(c, "litevps-tokens")
        .await
        .contains(&"ci-deploy".to_string()));
    add(
        c,
        "litevps-tokens",
        &[("token-name", "e2e-token"), ("spend-limit", "-1")],
    )
    .await;
    says(c, "spend-limit", "must be more than 0 USD").await;
    add(c, "litevps-tokens", &[("spend-limit", "ten")]).await;
    says(c, "spend-limit", "must be an amount in USD").await;
    add(c, "litevps-tokens", &[("spend-limit", "5")]).await;
    assert!(done(c, "litevps-tokens")
        .await
        .contains("Created token “e2e-token”"));
    let secret = check::js(
        c,
        "document.querySelector('[data-testid=collection-secret]').value",
    )
    .await;
    assert!(
        secret.as_str().is_some_and(|s| s.starts_with("vtk_")),
        "{secret}"
    );
    listed(c, "litevps-tokens", "e2e-token", true).await;
    let row = check::js(
        c,
        "[...document.querySelectorAll('[data-testid=litevps-tokens] [data-testid=collection-row]')].find(r => r.textContent.includes('e2e-token')).textContent",
    )
    .await;
    assert!(
        row.as_str().is_some_and(|r| r.contains("5.00 USD")),
        "{row}"
    );
    remove(c, "litevps-tokens", "e2e-token").await;
    // Taken once the new secret is no longer on screen.
    browser.screenshot("tools-litevps").await;
    let stored = check::js(c, "JSON.stringify(localStorage)").await;
    assert!(
        !stored
            .as_str()
            .unwrap_or_default()
            .contains(secret.as_str().unwrap_or("vtk_")),
        "the secret is not stored"
    );
    browser.close().await;
}

#[tokio::test]
async fn hostkey_api_keys_and_dns_zones_are_added_and_removed() {
    let world = World::get();
    let browser = open_tools(world, "hostkey", "hk-tools").await;
    let c = &browser.client;
    assert!(column(c, "hostkey-api-keys", 2)
        .await
        .contains(&"new_api".to_string()));
    add(
        c,
        "hostkey-api-keys",
        &[("api-key-name", "e2e-key"), ("api-key-ip", "not-an-ip")],
    )
    .await;
    says(c, "api-key-ip", "is not an IP address or CIDR block").await;
    add(c, "hostkey-api-keys", &[("api-key-ip", "203.0.113.0/24")]).await;
    assert!(done(c, "hostkey-api-keys")
        .await
        .contains("Created API key “e2e-key”"));
    let secret = check::js(
        c,
        "document.querySelector('[data-testid=collection-secret]').value",
    )
    .await;
    assert!(
        secret.as_str().is_some_and(|s| s.len() >= 16),
        "the new key's secret: {secret}"
    );
    listed(c, "hostkey-api-keys", "e2e-key", true).await;
    remove(c, "hostkey-api-keys", "e2e-key").await;

    assert!(names(c, "hostkey-zones")
        .await
        .contains(&"mydomen.com.".to_string()));
    add(c, "hostkey-zones", &[("zone-name", "e2e-zone.com")]).await;
    assert!(done(c, "hostkey-zones")
        .await
        .contains("Zone e2e-zone.com created"));
    let zones = names(c, "hostkey-zones").await;
    let added = zones
        .iter()
        .find(|z| z.starts_with("e2e-zone.com"))
        .cloned()
        .unwrap_or_default();
    assert!(!added.is_empty(), "{zones:?}");
    browser.screenshot("tools-hostkey").await;
    remove(c, "hostkey-zones", &added).await;
    browser.close().await;
}

#[tokio::test]
async fn lnvps_keys_in_use_are_kept_and_new_ones_come_and_go() {
    let world = World::get();
    let browser = open_tools(world, "lnvps", "lnvps-tools").await;
    let c = &browser.client;
    let keys = names(c, "lnvps-ssh-keys").await;
    assert!(keys.contains(&"laptop".to_string()), "{keys:?}");
    add(
        c,
        "lnvps-ssh-keys",
        &[("key-name", "e2e-key"), ("key-data", "ssh-ed25519")],
    )
    .await;
    says(c, "key-data", "the key itself is missing").await;
    add(c, "lnvps-ssh-keys", &[("key-data", PUBLIC_KEY)]).await;
    listed(c, "lnvps-ssh-keys", "e2e-key", true).await;
    remove(c, "lnvps-ssh-keys", "e2e-key").await;
    // A key a VM uses: LNVPS refuses, and the refusal is shown.
    let used_by = column(c, "lnvps-ssh-keys", 3).await;
    let names_now = names(c, "lnvps-ssh-keys").await;
    let in_use = names_now
        .iter()
        .zip(&used_by)
        .find(|(_, used)| used.as_str() != "no VM")
        .map(|(name, _)| name.clone())
        .expect("a key some VM uses");
    action::click_css(
        c,
        &format!(
            "[data-testid=lnvps-ssh-keys] [data-testid=collection-remove][aria-label$={:?}]",
            format!(" {in_use}")
        ),
    )
    .await;
    action::click(c, "collection-confirm-remove").await;
    find::by_css(c, "[data-testid=lnvps-ssh-keys] .notice.error").await;
    listed(c, "lnvps-ssh-keys", &in_use, true).await;
    browser.screenshot("tools-lnvps").await;
    browser.close().await;
}

#[tokio::test]
async fn llamalink_websites_and_cyberpanel_keys_are_listed_and_a_website_ordered() {
    let world = World::get();
    let browser = open_tools(world, "llamalink", "llama-tools").await;
    let c = &browser.client;
    assert!(names(c, "llamalink-websites")
        .await
        .contains(&"example.com".to_string()));
    add(
        c,
        "llamalink-websites",
        &[("domain", "localhost"), ("site-plan", "starter")],
    )
    .await;
    says(c, "domain", "must be a domain name such as example.com").await;
    add(c, "llamalink-websites", &[("domain", "e2e-site.com")]).await;
    assert!(done(c, "llamalink-websites")
        .await
        .contains("Website e2e-site.com ordered"));
    listed(c, "llamalink-websites", "e2e-site.com", true).await;
    browser.screenshot("tools-llamalink").await;
    browser.close().await;

    let browser = open_tools(world, "cyberpanel", "cp-tools").await;
    let c = &browser.client;
    let ids = names(c, "cyberpanel-api-keys").await;
    assert_eq!(ids.len(), 5, "the account's five keys: {ids:?}");
    let listed_keys = check::text(c, "cyberpanel-api-keys").await;
    assert!(listed_keys.contains("Production Key"), "{listed_keys}");
    assert_eq!(
        check::count(
            c,
            "[data-testid=cyberpanel-api-keys] [data-testid=collection-add]"
        )
        .await,
        0,
        "nothing to add"
    );
    let said = run_tool(c, "cyberpanel-key-usage", &[("usage-key", "x")]).await;
    assert!(said.contains("The key id must be a number"), "{said}");
    let said = run_tool(c, "cyberpanel-key-usage", &[("usage-key", "1")]).await;
    assert!(said.contains("Production Key: the latest 20 of"), "{said}");
    browser.screenshot("tools-cyberpanel").await;
    browser.close().await;
}

#[tokio::test]
async fn snapshots_are_taken_from_a_server_page() {
    let world = World::get();
    for (provider, section, bad, rule) in [
        (
            "cyberpanel",
            "cyberpanel-snapshots",
            "bad-name",
            "only letters, digits and underscores",
        ),
        (
            "litevps",
            "litevps-snapshots",
            "",
            "The snapshot name is required",
        ),
    ] {
        let account = NewAccount {
            label: format!("{provider}-snaps"),
            ..loopback::account(world, provider).await
        };
        let browser = browser_with_accounts(world, &[account], true).await;
        let c = &browser.client;
        action::click_css(c, &format!("[data-testid=server-row][data-provider={provider}][data-status=running] [data-testid=server-link]")).await;
        find::by_testid(c, section).await;
        names(c, section).await;
        add(c, section, &[("snapshot-name", bad)]).await;
        says(c, "snapshot-name", rule).await;
        add(c, section, &[("snapshot-name", "e2e_snapshot")]).await;
        listed(c, section, "e2e_snapshot", true).await;
        if provider == "litevps" {
            remove(c, section, "e2e_snapshot").await;
        }
        browser
            .screenshot(&format!("tools-{provider}-snapshots"))
            .await;
        browser.close().await;
    }
}

#[tokio::test]
async fn litevps_commands_jobs_and_files_run_on_a_server() {
    let world = World::get();
    let browser = open_server(world, "litevps", "lite-exec").await;
    let c = &browser.client;
    let said = run_tool(c, "litevps-exec", &[("command", "rm -rf /")]).await;
    assert!(said.contains("command blocked"), "{said}");
    let said = run_tool(c, "litevps-exec", &[("command", "uname -a")]).await;
    assert!(
        said.contains("exit code 0") && said.contains("Linux"),
        "{said}"
    );
    let said = run_tool(c, "litevps-job", &[("job-command", "sleep 3")]).await;
    assert!(
        said.contains("done") && said.contains("exit code 0"),
        "{said}"
    );
    // A long job, cancelled by its id while it runs.
    action::type_into(c, "job-command", "sleep 600").await;
    action::click_css(c, "[data-testid=litevps-job] [data-testid=tool-run]").await;
    let running = find::until_js(
        c,
        "(() => { const t = (document.querySelector('[data-testid=litevps-job] [data-testid=tool-running]') || {}).textContent || ''; \
         const m = t.match(/Job (\\S+) is (pending|running)/); return m ? m[1] : null; })()",
        "the running job's id",
    )
    .await;
    let job = running.as_str().unwrap_or_default().to_string();
    let said = run_tool(c, "litevps-cancel-job", &[("cancel-job-id", "not a job")]).await;
    assert!(said.contains("is not a job id"), "{said}");
    let said = run_tool(c, "litevps-cancel-job", &[("cancel-job-id", &job)]).await;
    assert!(said.contains(&format!("Job {job} is cancelled")), "{said}");
    let said = find::until_js(
        c,
        "(document.querySelector('[data-testid=litevps-job] [data-testid=tool-result]') || {}).textContent",
        "the job's end",
    )
    .await;
    assert!(
        said.as_str().unwrap_or_default().contains("cancelled"),
        "{said}"
    );
    let said = run_tool(c, "litevps-put-file", &[("put-path", "root/e2e.txt")]).await;
    assert!(said.contains("must be absolute"), "{said}");
    let said = run_tool(
        c,
        "litevps-put-file",
        &[
            ("put-path", "/root/e2e.txt"),
            ("put-content", "hello from the panel"),
        ],
    )
    .await;
    assert!(said.contains("Wrote /root/e2e.txt (20 bytes)"), "{said}");
    let said = run_tool(c, "litevps-get-file", &[("get-path", "/root/e2e.txt")]).await;
    assert!(said.contains("hello from the panel"), "{said}");
    browser.screenshot("tools-litevps-server").await;
    browser.close().await;

    let browser = open_tools(world, "litevps", "lite-batch-exec").await;
    let c = &browser.client;
    let said = run_tool(c, "litevps-batch-exec", &[("batch-command", "hostname")]).await;
    assert!(said.contains("Exit code 0 on"), "{said}");
    let out = check::text(c, "tool-output").await;
    assert!(
        out.lines().count() >= 2,
        "one line per running server: {out}"
    );
    browser.close().await;
}

#[tokio::test]
async fn a_cyberpanel_console_link_and_the_account_summary_are_shown() {
    let world = World::get();
    let browser = open_server(world, "cyberpanel", "cp-console").await;
    let c = &browser.client;
    let said = run_tool(c, "cyberpanel-console", &[]).await;
    assert!(
        said.contains("console link is ready") && said.contains("5 minutes"),
        "{said}"
    );
    let href = check::js(c, "document.querySelector('[data-testid=tool-link]').href").await;
    assert!(
        href.as_str().is_some_and(|h| h.contains("novnc=1")),
        "{href}"
    );
    browser.screenshot("tools-cyberpanel-console").await;
    browser.close().await;

    let browser = open_tools(world, "cyberpanel", "cp-summary").await;
    let c = &browser.client;
    let figures = names(c, "cyberpanel-summary").await;
    assert!(figures.contains(&"Running".to_string()), "{figures:?}");
    let places = names(c, "cyberpanel-locations").await;
    assert!(
        places.contains(&"Los Angeles, USA".to_string()),
        "{places:?}"
    );
    browser.close().await;
}

#[tokio::test]
async fn lnvps_reverse_dns_history_and_reinstall_confirmation() {
    let world = World::get();
    let browser = open_server(world, "lnvps", "lnvps-server").await;
    let c = &browser.client;
    let said = run_tool(c, "lnvps-reverse-dns", &[("reverse-dns", "localhost")]).await;
    assert!(said.contains("must be a host name"), "{said}");
    let said = run_tool(
        c,
        "lnvps-reverse-dns",
        &[("reverse-dns", "vm.e2e.example.com")],
    )
    .await;
    assert!(
        said.contains("Reverse DNS set to vm.e2e.example.com"),
        "{said}"
    );
    assert!(!names(c, "lnvps-history").await.is_empty());
    assert_eq!(
        check::count(c, "[data-testid=delete-server]").await,
        0,
        "LNVPS documents no delete call"
    );
    let said = run_tool(c, "lnvps-reinstall", &[("confirm-reinstall", "yes")]).await;
    assert!(said.contains("Type “wipe” to confirm"), "{said}");
    browser.screenshot("tools-lnvps-server").await;
    browser.close().await;
}

#[tokio::test]
async fn hostkey_tags_ptr_port_and_remote_hands_on_a_server() {
    let world = World::get();
    let browser = open_server(world, "hostkey", "hk-server").await;
    let c = &browser.client;
    names(c, "hostkey-tags").await;
    add(
        c,
        "hostkey-tags",
        &[("tag-name", "team e2e"), ("tag-value", "web")],
    )
    .await;
    says(c, "tag-name", "must be 1–64 letters").await;
    add(c, "hostkey-tags", &[("tag-name", "team")]).await;
    listed(c, "hostkey-tags", "team", true).await;
    remove(c, "hostkey-tags", "team").await;

    browser.screenshot("tools-hostkey-server-top").await;
    let ip = find::until_js(
        c,
        "(document.querySelector('[data-testid=raw]').textContent.match(/\"IP\": \"(\\d+\\.\\d+\\.\\d+\\.\\d+)\"/) || [])[1]",
        "the server's IPv4 address",
    )
    .await;
    let ip = ip.as_str().unwrap_or_default().to_string();
    let said = run_tool(
        c,
        "hostkey-ptr",
        &[("ptr-ip", &ip), ("ptr-names", "web.e2e.example.com")],
    )
    .await;
    assert!(said.contains("web.e2e.example.com"), "{said}");

    let said = run_tool(
        c,
        "hostkey-port",
        &[("port-name", "eth0"), ("port-state", "off")],
    )
    .await;
    assert!(said.to_lowercase().contains("off"), "{said}");
    let said = run_tool(c, "hostkey-port", &[("port-state", "on")]).await;
    assert!(said.to_lowercase().contains("on"), "{said}");
    let said = run_tool(
        c,
        "hostkey-block",
        &[
            ("block-ip", &ip),
            ("block-action", "block"),
            ("block-reason", ""),
        ],
    )
    .await;
    assert!(said.contains("Say why it is blocked"), "{said}");
    let said = run_tool(c, "hostkey-block", &[("block-reason", "e2e check")]).await;
    assert!(said.starts_with(&format!("{ip}: ")), "blocked: {said}");
    let said = run_tool(c, "hostkey-block", &[("block-action", "unblock")]).await;
    assert!(said.starts_with(&format!("{ip}: ")), "unblocked: {said}");
    let said = run_tool(
        c,
        "hostkey-remote-hands",
        &[("hands-action", "request_check")],
    )
    .await;
    assert!(said.contains("RHR-"), "{said}");
    browser.screenshot("tools-hostkey-server").await;
    browser.close().await;
}

#[tokio::test]
async fn llamalink_profile_is_shown() {
    let world = World::get();
    let browser = open_tools(world, "llamalink", "llama-profile").await;
    let c = &browser.client;
    let labels = names(c, "llamalink-profile").await;
    assert!(labels.contains(&"E-mail".to_string()), "{labels:?}");
    let text = check::text(c, "llamalink-profile").await;
    assert!(text.contains("user@example.com"), "{text}");
    browser.close().await;
}

#[tokio::test]
async fn a_server_is_deleted_once_and_only_after_the_confirmation() {
    let world = World::get();
    let account = NewAccount {
        label: "cp-delete".into(),
        ..loopback::account(world, "cyberpanel").await
    };
    let browser = browser_with_accounts(world, &[account], true).await;
    let c = &browser.client;
    // A stopped server: the other scenarios use running ones.
    action::click_css(
        c,
        "[data-testid=server-row][data-provider=cyberpanel][data-status=stopped] [data-testid=server-link]",
    )
    .await;
    find::by_testid(c, "delete-server").await;
    let path = check::js(c, "location.pathname").await;
    let id = path
        .as_str()
        .and_then(|p| p.rsplit('/').next())
        .unwrap_or_default()
        .to_string();
    let deletes = || {
        e2e::world::request_log()
            .iter()
            .filter(|e| {
                e["provider"] == "cyberpanel"
                    && e["method"] == "POST"
                    && e["path"] == format!("/api/v1/vps/{id}/delete")
            })
            .count()
    };
    let said = run_tool(c, "delete-server", &[("confirm-delete", "yes")]).await;
    assert!(said.contains("nothing is deleted without it"), "{said}");
    assert_eq!(deletes(), 0, "nothing sent");
    let said = run_tool(c, "delete-server", &[("confirm-delete", "delete")]).await;
    assert!(said.contains(&format!("Server {id} is deleted")), "{said}");
    let closed = check::js(
        c,
        "document.querySelector('[data-testid=delete-server] [data-testid=tool-run]').disabled",
    )
    .await;
    assert_eq!(
        closed, true,
        "the form closes: a second click sends nothing"
    );
    assert_eq!(deletes(), 1, "deleted once");
    browser.screenshot("tools-delete").await;
    browser.close().await;
}

/// A Nostr Wallet Connect string the sandbox accepts (any 64-hex key and secret).
fn nwc_string() -> String {
    format!(
        "nostr+walletconnect://{}?relay=wss://relay.example.com&secret={}",
        "a".repeat(64),
        "b".repeat(64)
    )
}

#[tokio::test]
async fn lnvps_wallets_and_e_mail_are_managed_from_the_tools_page() {
    let world = World::get();
    let browser = open_tools(world, "lnvps", "lnvps-account").await;
    let c = &browser.client;
    names(c, "lnvps-wallets").await;
    add(
        c,
        "lnvps-wallets",
        &[("wallet-name", "e2e wallet"), ("nwc", "lnurl1xyz")],
    )
    .await;
    says(c, "nwc", "must start with nostr+walletconnect://").await;
    add(c, "lnvps-wallets", &[("nwc", &nwc_string())]).await;
    listed(c, "lnvps-wallets", "e2e wallet", true).await;
    let stored = check::js(c, "JSON.stringify(localStorage)").await;
    assert!(
        !stored
            .as_str()
            .unwrap_or_default()
            .contains(&"b".repeat(64)),
        "the NWC secret is not kept"
    );
    let said = run_tool(
        c,
        "lnvps-wallet-settings",
        &[("wallet-current", "e2e wallet")],
    )
    .await;
    assert!(said.contains("Nothing to change"), "{said}");
    let said = run_tool(
        c,
        "lnvps-wallet-settings",
        &[
            ("wallet-current", "e2e wallet"),
            ("wallet-rename", "e2e phone"),
            ("wallet-enabled", "no"),
        ],
    )
    .await;
    assert!(said.contains("Saved “e2e phone”"), "{said}");
    assert!(said.ends_with("off."), "{said}");
    // The list is read again: the new name, switched off.
    reload(c, "lnvps-wallets").await;
    listed(c, "lnvps-wallets", "e2e phone", true).await;
    let enabled = column(c, "lnvps-wallets", 4).await;
    let wallets = names(c, "lnvps-wallets").await;
    let at = wallets.iter().position(|n| n == "e2e phone");
    assert_eq!(
        at.map(|i| enabled[i].as_str()),
        Some("no"),
        "{wallets:?} {enabled:?}"
    );
    remove(c, "lnvps-wallets", "e2e phone").await;
    assert_eq!(
        names(c, "lnvps-payment-methods").await,
        ["lightning", "nwc", "lnurl"]
    );

    let said = run_tool(c, "lnvps-email", &[("email", "not-an-address")]).await;
    assert!(said.contains("is not an e-mail address"), "{said}");
    let said = run_tool(c, "lnvps-email", &[("email", "e2e@example.com")]).await;
    assert!(said.contains("Saved e2e@example.com"), "{said}");
    let said = run_tool(c, "lnvps-verify-email", &[("email-token", "wrong-token")]).await;
    assert!(
        !said.contains("is verified"),
        "a wrong code is refused: {said}"
    );
    browser.screenshot("tools-lnvps-account").await;
    browser.close().await;
}

#[tokio::test]
async fn an_lnvps_upgrade_is_priced_then_invoiced_as_a_qr_code() {
    let world = World::get();
    let browser = open_server(world, "lnvps", "lnvps-upgrade").await;
    let c = &browser.client;
    let said = run_tool(c, "lnvps-upgrade", &[]).await;
    assert!(said.contains("Give at least one size to grow"), "{said}");
    // One core more than the VM has now.
    let path = check::js(c, "location.pathname").await;
    let id = path
        .as_str()
        .and_then(|p| p.rsplit('/').next())
        .unwrap_or_default()
        .to_string();
    let url = format!("{}/lnvps/api/v1/vm/{id}", world.sandbox);
    let auth = e2e::nostr_shim::nip98_authorization(&url, "GET");
    let (_, body) = e2e::world::http_request_with(
        &world.sandbox,
        "GET",
        &format!("/lnvps/api/v1/vm/{id}"),
        &[("authorization", &auth)],
        None,
    )
    .await;
    let vm: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let cpu = vm["data"]["template"]["cpu"].as_u64().unwrap_or(1) + 1;
    let said = run_tool(c, "lnvps-upgrade", &[("up-cpu", &cpu.to_string())]).await;
    assert!(said.contains("The upgrade costs"), "{said}");
    let said = run_tool(c, "lnvps-upgrade", &[("up-order", "order")]).await;
    assert!(said.contains("Pay this invoice"), "{said}");
    let qr = check::js(
        c,
        "document.querySelector('[data-testid=tool-qr]').dataset.text",
    )
    .await;
    assert!(
        qr.as_str().is_some_and(|t| t.starts_with("lightning:lnbc")),
        "{qr}"
    );
    browser.screenshot("tools-lnvps-upgrade").await;
    browser.close().await;
}

#[tokio::test]
async fn a_hostkey_key_history_is_shown() {
    let world = World::get();
    let browser = open_tools(world, "hostkey", "hk-history").await;
    let c = &browser.client;
    let ids = names(c, "hostkey-api-keys").await;
    assert!(ids.contains(&"484".to_string()), "{ids:?}");
    let said = run_tool(c, "hostkey-key-history", &[("history-key", "")]).await;
    assert!(said.contains("The key id must be a number"), "{said}");
    let said = run_tool(c, "hostkey-key-history", &[("history-key", "484")]).await;
    assert!(said.contains("Key 484:"), "{said}");
    browser.close().await;
}

#[tokio::test]
async fn litevps_and_hostkey_servers_are_deleted_and_an_lnvps_vm_reinstalled() {
    let world = World::get();
    let browser = open_last_server(world, "litevps", "lite-delete").await;
    let c = &browser.client;
    let said = run_tool(c, "delete-server", &[("confirm-delete", "delete")]).await;
    assert!(said.contains("is deleted"), "{said}");
    browser.close().await;

    let browser = open_last_server(world, "hostkey", "hk-cancel").await;
    let c = &browser.client;
    let said = run_tool(c, "delete-server", &[("confirm-delete", "delete")]).await;
    assert!(said.contains("HOSTKEY received the cancellation"), "{said}");
    browser.close().await;

    let browser = open_last_server(world, "lnvps", "lnvps-reinstall").await;
    let c = &browser.client;
    let said = run_tool(c, "lnvps-reinstall", &[("confirm-reinstall", "wipe")]).await;
    assert!(said.contains("LNVPS is re-installing the VM"), "{said}");
    browser.close().await;
}
