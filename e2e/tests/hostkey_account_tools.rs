//! HOSTKEY's account-level tools through the panel, against the loopback
//! sandbox: the records of a DNS zone (listed, added, renamed, deleted),
//! domains, subdomains of a server (added, moved to another server,
//! removed), the details and changes of an API key and the keys of a
//! server, the search of servers by tag, stock servers and the post-install
//! tasks. Each form's rules are shown before anything is sent.

use e2e::action::{self, NewAccount};
use e2e::loopback::{self, browser_with_accounts};
use e2e::order::says;
use e2e::tools::{add, column, done, listed, open_tools, reload, remove, run_tool};
use e2e::{check, find, World};
use fantoccini::Client;

/// Opens the page of HOSTKEY server `server` from the fleet list.
async fn open_server(c: &Client, server: &str) {
    action::click(c, "nav-all").await;
    action::click_css(
        c,
        &format!("[data-testid=server-row][data-provider=hostkey] [data-testid=server-link][href$='/{server}']"),
    )
    .await;
    find::by_testid(c, "details").await;
}

/// The lines of the records listing of `zone` whose name column is `name`.
async fn records_named(c: &Client, zone: &str, name: &str) -> Vec<String> {
    let shown = run_tool(c, "hostkey-zone-records", &[("dns-view-zone", zone)]).await;
    assert!(shown.contains(&format!("{zone}: ")), "{shown}");
    shown
        .lines()
        .filter(|l| l.split_whitespace().next() == Some(name))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn records_of_a_zone_are_listed_added_renamed_and_deleted() {
    let world = World::get();
    let browser = open_tools(world, "hostkey", "hk-records").await;
    let c = &browser.client;

    let dkim = records_named(c, "aaa.com", "tesrt._domainkey").await;
    assert!(
        dkim.iter()
            .any(|l| l.contains("TXT") && l.contains("v=DKIM1; p=dsdsdsd")),
        "the seeded DKIM record: {dkim:?}"
    );
    let said = run_tool(
        c,
        "hostkey-zone-records",
        &[("dns-view-zone", "not a zone")],
    )
    .await;
    assert!(said.contains("is not a domain name"), "{said}");

    run_tool(
        c,
        "hostkey-record-edit",
        &[
            ("dns-zone", "aaa.com"),
            ("dns-name", "e2e"),
            ("dns-type", "A"),
            ("dns-content", "192.0.2.300"),
        ],
    )
    .await;
    says(c, "dns-content", "“192.0.2.300” is not an IPv4 address").await;
    run_tool(
        c,
        "hostkey-record-edit",
        &[("dns-content", "192.0.2.44"), ("dns-ttl", "0")],
    )
    .await;
    says(c, "dns-ttl", "from 1 to 2147483647").await;
    let said = run_tool(c, "hostkey-record-edit", &[("dns-ttl", "600")]).await;
    assert!(said.contains("Record e2e A saved in aaa.com."), "{said}");
    assert!(said.contains("192.0.2.44"), "{said}");
    let e2e = records_named(c, "aaa.com", "e2e").await;
    assert!(
        e2e.iter()
            .any(|l| l.contains(" A ") && l.contains("600") && l.contains("192.0.2.44")),
        "{e2e:?}"
    );

    let said = run_tool(
        c,
        "hostkey-record-edit",
        &[
            ("dns-mode", "change"),
            ("dns-old-name", "e2e"),
            ("dns-name", "e2e-renamed"),
            ("dns-content", "192.0.2.45 192.0.2.46"),
        ],
    )
    .await;
    assert!(
        said.contains("Record e2e A renamed to e2e-renamed in aaa.com."),
        "{said}"
    );
    let renamed = records_named(c, "aaa.com", "e2e-renamed").await;
    assert_eq!(renamed.len(), 2, "both values: {renamed:?}");
    assert!(records_named(c, "aaa.com", "e2e").await.is_empty());
    browser.screenshot("hostkey-zone-records").await;

    let said = run_tool(
        c,
        "hostkey-record-delete",
        &[
            ("dns-del-zone", "aaa.com"),
            ("dns-del-name", "e2e-renamed"),
            ("dns-del-type", "A"),
        ],
    )
    .await;
    assert!(said.contains("Type “delete” to confirm"), "{said}");
    assert_eq!(
        records_named(c, "aaa.com", "e2e-renamed").await.len(),
        2,
        "nothing is deleted without the confirmation"
    );
    let said = run_tool(c, "hostkey-record-delete", &[("dns-del-confirm", "delete")]).await;
    assert!(
        said.contains("Deleted the A records of e2e-renamed in aaa.com."),
        "{said}"
    );
    assert!(records_named(c, "aaa.com", "e2e-renamed").await.is_empty());
    browser.close().await;
}

#[tokio::test]
async fn domains_are_added_with_their_zone_and_removed() {
    let world = World::get();
    let browser = open_tools(world, "hostkey", "hk-domains").await;
    let c = &browser.client;
    assert!(column(c, "hostkey-domains", 1)
        .await
        .contains(&"mydomen.com".to_string()));
    add(c, "hostkey-domains", &[("domain-name", "e2e_domain")]).await;
    says(c, "domain-name", "is not a domain name such as example.com").await;
    add(c, "hostkey-domains", &[("domain-name", "e2e-domain.com")]).await;
    assert!(done(c, "hostkey-domains")
        .await
        .contains("Domain e2e-domain.com added, with its zone."));
    listed(c, "hostkey-domains", "e2e-domain.com", true).await;
    reload(c, "hostkey-zones").await;
    listed(c, "hostkey-zones", "e2e-domain.com.", true).await;

    remove(c, "hostkey-domains", "e2e-domain.com").await;
    assert!(done(c, "hostkey-domains")
        .await
        .contains("Removed domain “e2e-domain.com”"));
    reload(c, "hostkey-zones").await;
    listed(c, "hostkey-zones", "e2e-domain.com.", false).await;
    browser.close().await;
}

#[tokio::test]
async fn a_key_is_shown_and_changed_and_servers_are_found_by_tag() {
    let world = World::get();
    let browser = open_tools(world, "hostkey", "hk-keys").await;
    let c = &browser.client;

    let said = run_tool(c, "hostkey-key-details", &[("details-key", "484")]).await;
    assert!(said.contains("Key 484: “new_api”, active."), "{said}");
    assert!(said.contains("the whole account"), "{said}");
    let said = run_tool(c, "hostkey-key-details", &[("details-key", "237")]).await;
    assert!(said.contains("“test_control_panel”"), "{said}");
    assert!(said.contains("server 34533"), "{said}");

    add(c, "hostkey-api-keys", &[("api-key-name", "e2e-change-me")]).await;
    listed(c, "hostkey-api-keys", "e2e-change-me", true).await;
    let ids = column(c, "hostkey-api-keys", 1).await;
    let names = column(c, "hostkey-api-keys", 2).await;
    let id = ids
        .iter()
        .zip(&names)
        .find(|(_, n)| *n == "e2e-change-me")
        .map(|(id, _)| id.clone())
        .unwrap_or_default();
    assert!(!id.is_empty(), "{ids:?} {names:?}");

    let said = run_tool(c, "hostkey-key-edit", &[("edit-key", &id)]).await;
    assert!(said.contains("Nothing to change"), "{said}");
    run_tool(c, "hostkey-key-edit", &[("edit-key-ip", "198.51.100.300")]).await;
    says(c, "edit-key-ip", "is not an IP address or CIDR block").await;
    let said = run_tool(
        c,
        "hostkey-key-edit",
        &[
            ("edit-key-name", "e2e-changed"),
            ("edit-key-ip", "198.51.100.7"),
            ("edit-key-state", "off"),
        ],
    )
    .await;
    assert!(
        said.contains(&format!(
            "Key {id}: “e2e-changed”, allowed from 198.51.100.7, off."
        )),
        "{said}"
    );
    reload(c, "hostkey-api-keys").await;
    listed(c, "hostkey-api-keys", "e2e-changed", true).await;
    let row = check::js(
        c,
        &format!("[...document.querySelectorAll('[data-testid=hostkey-api-keys] [data-key=\"{id}\"] td')].map(td => td.textContent)"),
    )
    .await;
    let row: Vec<String> = serde_json::from_value(row).unwrap_or_default();
    assert!(
        row.contains(&"198.51.100.7".to_string()) && row.contains(&"off".to_string()),
        "{row:?}"
    );
    remove(c, "hostkey-api-keys", "e2e-changed").await;

    let said = run_tool(c, "hostkey-tag-search", &[("tag-search", "")]).await;
    assert!(
        said.contains("Type part of a tag's name or value"),
        "{said}"
    );
    let said = run_tool(c, "hostkey-tag-search", &[("tag-search", "VMMINI")]).await;
    assert!(
        said.contains("1 server has a tag matching “VMMINI”"),
        "{said}"
    );
    assert!(said.contains("Server 34533"), "{said}");
    let said = run_tool(
        c,
        "hostkey-tag-search",
        &[("tag-search", "no-such-tag-e2e")],
    )
    .await;
    assert!(said.contains("No server has a tag matching"), "{said}");
    browser.close().await;
}

#[tokio::test]
async fn stock_servers_and_post_install_tasks_are_shown() {
    let world = World::get();
    let browser = open_tools(world, "hostkey", "hk-stock").await;
    let c = &browser.client;

    let said = run_tool(
        c,
        "hostkey-stocks",
        &[("stock-location", "FI"), ("stock-group", "ALL")],
    )
    .await;
    assert!(said.contains("2 stock server(s) in FI."), "{said}");
    assert!(
        said.contains("40514")
            && said.contains("AMD Ryzen 9 5950X")
            && said.contains("115.00 EUR/month"),
        "{said}"
    );
    assert!(
        said.contains("44717") && said.contains("RAID set up by hand"),
        "{said}"
    );
    let said = run_tool(
        c,
        "hostkey-stocks",
        &[("stock-location", "DE"), ("stock-group", "GPU")],
    )
    .await;
    assert!(
        said.contains("46010") && said.contains("RTX 4090"),
        "{said}"
    );
    let said = run_tool(c, "hostkey-stocks", &[("stock-group", "INTEL")]).await;
    assert!(said.contains("0 stock server(s) in DE."), "{said}");

    let said = run_tool(c, "hostkey-stock-details", &[("stock-id", "44717")]).await;
    assert!(said.contains("Stock server 44717"), "{said}");
    assert!(said.contains("DELL PE R720"), "{said}");
    assert!(
        said.contains("2 × Xeon E5-2680v2 2.8GHz (10 cores), 20 cores in all"),
        "{said}"
    );
    assert!(said.contains("107.00 EUR for 1 month"), "{said}");
    assert!(said.contains("1129.92 EUR for 12 months"), "{said}");
    let said = run_tool(c, "hostkey-stock-details", &[("stock-id", "1")]).await;
    assert!(said.contains("stock server 1 not found"), "{said}");

    assert_eq!(
        column(c, "hostkey-post-install", 1).await,
        ["-1", "1", "2", "3"]
    );
    let what = column(c, "hostkey-post-install", 2).await;
    assert!(
        what.contains(&"Install GPU drivers + NVIDIA docker".to_string()),
        "{what:?}"
    );
    let kinds = column(c, "hostkey-post-install", 3).await;
    assert_eq!(
        kinds.get(1).map(String::as_str),
        Some("GPU servers, virtual GPU servers (chosen by default)")
    );
    browser.screenshot("hostkey-stock").await;
    browser.close().await;
}

#[tokio::test]
async fn subdomains_are_added_moved_and_removed_and_server_keys_listed() {
    let world = World::get();
    let account = NewAccount {
        label: "hk-subdomains".into(),
        ..loopback::account(world, "hostkey").await
    };
    let browser = browser_with_accounts(world, &[account], true).await;
    let c = &browser.client;
    open_server(c, "34533").await;

    assert!(column(c, "hostkey-subdomains", 1)
        .await
        .contains(&"subdomain.mydomen.com".to_string()));
    assert!(column(c, "hostkey-server-keys", 2)
        .await
        .contains(&"test_control_panel".to_string()));

    add(
        c,
        "hostkey-subdomains",
        &[("sub-name", "e2e sub"), ("sub-domain", "mydomen.com")],
    )
    .await;
    says(c, "sub-name", "is not a subdomain name").await;
    add(
        c,
        "hostkey-subdomains",
        &[("sub-name", "e2e-sub"), ("sub-domain", "not-mine.com")],
    )
    .await;
    find::until_js(
        c,
        "document.querySelector('[data-testid=hostkey-subdomains] .notice.error')?.textContent.includes('not-mine.com is not one of this account')",
        "the unknown domain refused",
    )
    .await;
    add(c, "hostkey-subdomains", &[("sub-domain", "mydomen.com")]).await;
    assert!(done(c, "hostkey-subdomains")
        .await
        .contains("Subdomain e2e-sub.mydomen.com added to this server."));
    listed(c, "hostkey-subdomains", "e2e-sub.mydomen.com", true).await;
    let names = column(c, "hostkey-subdomains", 1).await;
    let ids = column(c, "hostkey-subdomains", 2).await;
    let id = names
        .iter()
        .zip(&ids)
        .find(|(n, _)| *n == "e2e-sub.mydomen.com")
        .map(|(_, id)| id.clone())
        .unwrap_or_default();
    assert!(!id.is_empty(), "{names:?} {ids:?}");
    browser.screenshot("hostkey-subdomains").await;

    open_server(c, "32645").await;
    listed(c, "hostkey-subdomains", "e2e-sub.mydomen.com", false).await;
    let said = run_tool(c, "hostkey-subdomain-move", &[("sub-move-id", &id)]).await;
    assert!(
        said.contains(&format!("Subdomain {id} now belongs to server 32645")),
        "{said}"
    );
    reload(c, "hostkey-subdomains").await;
    listed(c, "hostkey-subdomains", "e2e-sub.mydomen.com", true).await;
    remove(c, "hostkey-subdomains", "e2e-sub.mydomen.com").await;

    open_server(c, "34533").await;
    listed(c, "hostkey-subdomains", "subdomain.mydomen.com", true).await;
    listed(c, "hostkey-subdomains", "e2e-sub.mydomen.com", false).await;
    browser.close().await;
}
