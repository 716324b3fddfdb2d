//! A HOSTKEY server's hardware tools through its page, against the loopback
//! sandbox: the BMC's sensors, temporary IPMI access (credentials shown once,
//! never stored), a BMC reset and the boot device; power off and on; the
//! console file; the switch port and its traffic graph; an address's details
//! and the main address; a reinstall the usual way and by network boot,
//! followed stage by stage; every remote-hands request.
//!
//! The sandbox seeds VMs 34533 (nl-vmmini) and 32645 (nl-vmpico) and bare-metal
//! servers 17405 (nl-bm-mini) and 40045; each scenario works on its own server
//! so they can run side by side.

use e2e::action::{self, NewAccount};
use e2e::loopback::{self, browser_with_accounts};
use e2e::order::{choose_containing, says};
use e2e::tools::run_tool;
use e2e::{check, find, Browser, World};
use fantoccini::Client;
use std::time::Duration;

/// How long one install stage may take to show (the sandbox spends ten seconds on each).
const STAGE_WAIT: Duration = Duration::from_secs(25);

/// A browser holding the loopback HOSTKEY account (labelled `label`), on the page of server `id`.
async fn open_server(world: &World, label: &str, id: u64) -> Browser {
    let account = NewAccount {
        label: label.into(),
        ..loopback::account(world, "hostkey").await
    };
    let browser = browser_with_accounts(world, &[account], true).await;
    action::click_css(
        &browser.client,
        &format!("[data-testid=server-row][data-provider=hostkey] a[href$='/{id}']"),
    )
    .await;
    find::by_testid(&browser.client, "details").await;
    browser
}

/// The text of `css` once it appears and contains `text`.
async fn shows(c: &Client, css: &str, text: &str) -> String {
    let shown = find::until_js(
        c,
        &format!(
            "(() => {{ const e = document.querySelector({css:?}); \
             return e && e.textContent.includes({text:?}) ? e.textContent : null; }})()"
        ),
        &format!("“{text}” in {css}"),
    )
    .await;
    shown.as_str().unwrap_or_default().to_string()
}

/// The value of the input with `data-testid=id`.
async fn value_of(c: &Client, id: &str) -> String {
    find::by_testid(c, id).await;
    check::js(
        c,
        &format!("document.querySelector('[data-testid={id}]').value"),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

/// HOSTKEY requests of this test binary to `file` with `action` (and `method`).
fn hostkey_calls(method: &str, file: &str, action: &str) -> usize {
    e2e::world::request_log()
        .iter()
        .filter(|e| {
            e["provider"] == "hostkey"
                && e["method"] == method
                && e["path"] == format!("/{file}")
                && e["action"] == action
        })
        .count()
}

/// Everything the page keeps in the browser's storage, as text.
async fn stored(c: &Client) -> String {
    check::js(
        c,
        "JSON.stringify(localStorage) + JSON.stringify(sessionStorage)",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

#[tokio::test]
async fn the_bmc_shows_sensors_opens_ipmi_once_sets_the_boot_device_and_resets() {
    let world = World::get();
    let browser = open_server(world, "hk-bmc", 17405).await;
    let c = &browser.client;

    let said = run_tool(c, "hostkey-sensors", &[]).await;
    assert!(said.contains("12 readings from the BMC."), "{said}");
    let table = check::text(c, "tool-output").await;
    for reading in ["CPU Temp", "degrees C", "FAN", "RPM", "12.06 Volts"] {
        assert!(table.contains(reading), "{reading} in {table}");
    }

    action::click(c, "ipmi-open").await;
    let password = value_of(c, "ipmi-password").await;
    let user = value_of(c, "ipmi-user").await;
    // The sandbox passes 192.0.2.(2 + id % 8) through to the BMC.
    assert_eq!(value_of(c, "ipmi-address").await, "192.0.2.7");
    assert!(
        user.starts_with('u') && user.len() == 8,
        "a temporary user: {user}"
    );
    assert_eq!(password.len(), 8, "a password is shown");
    assert_eq!(hostkey_calls("POST", "nat.php", "add_static_nat"), 1);
    assert!(
        hostkey_calls("GET", "nat_callback.php", "check") >= 1,
        "the NAT key is followed on nat_callback.php"
    );
    assert_eq!(hostkey_calls("POST", "eq.php", "add_ipmi_user"), 1);
    browser.screenshot("hostkey-ipmi-open").await;
    assert!(
        !stored(c).await.contains(&password),
        "the IPMI password is not stored"
    );
    action::click(c, "ipmi-hide").await;
    let page = check::js(c, "document.body.innerHTML").await;
    assert!(
        !page.as_str().unwrap_or_default().contains(&password),
        "the password is gone from the page once hidden"
    );

    action::click(c, "ipmi-close").await;
    let said = shows(
        c,
        "[data-testid=hostkey-ipmi] [data-testid=ipmi-result]",
        "no longer leads to the BMC",
    )
    .await;
    assert!(said.contains("192.0.2.7"), "{said}");
    assert_eq!(hostkey_calls("POST", "eq.php", "remove_ipmi_user"), 1);
    assert_eq!(hostkey_calls("POST", "nat.php", "remove_static_nat"), 1);
    action::click(c, "ipmi-close").await;
    let said = shows(
        c,
        "[data-testid=hostkey-ipmi] .notice.error",
        "no temporary IPMI user",
    )
    .await;
    assert!(said.contains("17405"), "already closed: {said}");

    let said = run_tool(c, "hostkey-boot-device", &[("boot-media", "cd")]).await;
    assert_eq!(said, "Set Boot Device to cd.");
    let said = run_tool(c, "hostkey-boot-device", &[("boot-media", "disk")]).await;
    assert_eq!(said, "Set Boot Device to disk.");
    // The network-boot reinstall sets boot devices too (on another server).
    assert!(hostkey_calls("POST", "eq.php", "boot_dev") >= 2);

    let said = run_tool(c, "hostkey-bmc-reset", &[("confirm-bmc-reset", "yes")]).await;
    assert!(said.contains("Type “reset” to confirm"), "{said}");
    assert_eq!(
        hostkey_calls("POST", "eq.php", "unit_reset"),
        0,
        "nothing sent"
    );
    let said = run_tool(c, "hostkey-bmc-reset", &[("confirm-bmc-reset", "reset")]).await;
    assert_eq!(said, "Unit is reset: Sent cold reset command to MC.");
    assert_eq!(hostkey_calls("POST", "eq.php", "unit_reset"), 1);
    browser.screenshot("hostkey-bmc").await;
    browser.close().await;
}

#[tokio::test]
async fn a_hostkey_server_is_stopped_after_a_confirmation_and_started_again() {
    let world = World::get();
    let browser = open_server(world, "hk-power", 40045).await;
    let c = &browser.client;
    let name = check::text(c, "server-name").await;
    find::until_js(
        c,
        "!document.querySelector('[data-testid=power-stop]').disabled",
        "the power state read",
    )
    .await;
    action::click(c, "power-stop").await;
    let asked = check::text(c, "confirm-dialog").await;
    assert!(asked.contains(&name), "the confirmation names it: {asked}");
    assert_eq!(
        hostkey_calls("POST", "eq.php", "off"),
        0,
        "nothing sent yet"
    );
    action::click(c, "confirm").await;
    let said = shows(c, "[data-testid=outcome]", "stopped").await;
    assert_eq!(said, format!("{name} is stopped."));
    assert_eq!(hostkey_calls("POST", "eq.php", "off"), 1);

    action::click(c, "power-start").await;
    let said = shows(c, "[data-testid=outcome]", "running").await;
    assert_eq!(said, format!("{name} is running."));
    assert_eq!(hostkey_calls("POST", "eq.php", "on"), 1);
    browser.close().await;
}

#[tokio::test]
async fn a_vm_gives_its_console_file_port_status_traffic_graph_and_address_details() {
    let world = World::get();
    let browser = open_server(world, "hk-vm", 34533).await;
    let c = &browser.client;

    let said = run_tool(c, "hostkey-console", &[]).await;
    assert!(
        said.starts_with("Saved console-34533.vv: open it with virt-viewer"),
        "{said}"
    );
    assert_eq!(hostkey_calls("POST", "eq.php", "console"), 1);
    let page = check::js(c, "document.body.innerText").await;
    assert!(
        !page.as_str().unwrap_or_default().contains("password="),
        "the console file's password is not shown"
    );
    assert!(!stored(c).await.contains("virt-viewer]"), "nor stored");

    let said = run_tool(c, "hostkey-sensors", &[]).await;
    assert!(said.contains("bare-metal servers only"), "{said}");

    let said = run_tool(c, "hostkey-port-status", &[]).await;
    assert!(said.starts_with("eth0: connected, 1000 Mbps."), "{said}");
    let details = check::js(
        c,
        "document.querySelector('[data-testid=hostkey-port-status] [data-testid=tool-output]').textContent",
    )
    .await;
    let details = details.as_str().unwrap_or_default();
    assert!(
        details.contains("v415") && details.contains("virtual"),
        "{details}"
    );

    action::type_into(c, "graph-port", "eth9").await;
    action::click(c, "traffic-show").await;
    let said = shows(
        c,
        "[data-testid=hostkey-traffic] .notice.error",
        "failed to find cacti id",
    )
    .await;
    assert!(said.contains("eth9"), "{said}");
    action::type_into(c, "graph-port", "eth0").await;
    action::choose(c, "graph-period", "2").await;
    action::click(c, "traffic-show").await;
    let drawn = find::until_js(
        c,
        "(() => { const i = document.querySelector('[data-testid=traffic-image]'); \
         return i && i.complete && i.naturalWidth > 0 ? [i.src, i.naturalWidth] : null; })()",
        "the traffic graph drawn",
    )
    .await;
    assert!(
        drawn[0].as_str().is_some_and(|s| s.starts_with("blob:")),
        "{drawn}"
    );
    assert_eq!(
        check::text(c, "traffic-caption").await,
        "Traffic on eth0, the last month"
    );
    assert_eq!(hostkey_calls("POST", "net.php", "show_cacti"), 2);
    action::click_css(c, "[data-testid=traffic-image]").await;
    browser.screenshot("hostkey-traffic").await;

    let said = run_tool(
        c,
        "hostkey-address",
        &[("address-ip", "192.0.2.300"), ("address-action", "details")],
    )
    .await;
    assert!(said.contains("is not an IPv4 address"), "{said}");
    let said = run_tool(c, "hostkey-address", &[("address-ip", "192.0.2.10")]).await;
    assert!(said.starts_with("192.0.2.10 is in 192.0.2."), "{said}");
    let details = check::js(
        c,
        "document.querySelector('[data-testid=hostkey-address] [data-testid=tool-output]').textContent",
    )
    .await;
    let details = details.as_str().unwrap_or_default();
    assert!(
        details.contains("Gateway") && details.contains("415") && details.contains("NL"),
        "{details}"
    );
    let said = run_tool(c, "hostkey-address", &[("address-action", "main")]).await;
    assert!(said.contains("Type “main” to confirm"), "{said}");
    assert_eq!(
        hostkey_calls("POST", "ip.php", "set_main"),
        0,
        "nothing sent"
    );
    let said = run_tool(c, "hostkey-address", &[("confirm-main", "main")]).await;
    assert_eq!(said, "HOSTKEY: 192.0.2.10 set as main address.");
    assert_eq!(hostkey_calls("POST", "ip.php", "get_ip"), 1);
    browser.screenshot("hostkey-vm-tools").await;
    browser.close().await;
}

#[tokio::test]
async fn every_remote_hands_request_opens_a_ticket() {
    let world = World::get();
    let browser = open_server(world, "hk-hands", 17405).await;
    let c = &browser.client;
    for (action, subject) in [
        ("request_pon", "Manual power ON"),
        ("request_poff", "Manual power OFF"),
        ("request_reboot", "Manual REBOOT"),
        ("request_PXEboot", "Manual boot from PXE"),
        ("request_kvm", "KVM to"),
    ] {
        let said = run_tool(c, "hostkey-remote-hands", &[("hands-action", action)]).await;
        assert!(
            said.contains("HOSTKEY opened RHR-")
                && said.contains(&format!("CP request: {subject} the server 17405 please")),
            "{action}: {said}"
        );
        assert_eq!(
            hostkey_calls("POST", "jira.php", action),
            1,
            "{action} sent once"
        );
        let link = check::js(
            c,
            "document.querySelector('[data-testid=hostkey-remote-hands] [data-testid=tool-link]').href",
        )
        .await;
        assert!(
            link.as_str()
                .is_some_and(|l| l.starts_with("https://my.hostkey.com/servicedesk/")),
            "{link}"
        );
    }
    browser.close().await;
}

/// Waits until the reinstall shows stage `n` of 5 (or a later one).
async fn stage(c: &Client, n: u8) {
    find::until_js_within(
        c,
        &format!(
            "(() => {{ const e = document.querySelector('[data-testid=reinstall-running]'); \
             const m = e && e.textContent.match(/stage (\\d)\\/5/); return m && +m[1] >= {n}; }})()"
        ),
        &format!("install stage {n}/5"),
        STAGE_WAIT,
    )
    .await;
}

/// Fills the reinstall form (way, system, password, typed name) and sends it.
async fn reinstall(c: &Client, way: &str, system: &str, password: &str, name: &str) {
    action::choose(c, "reinstall-method", way).await;
    choose_containing(c, "reinstall-os", &[system]).await;
    action::type_into(c, "reinstall-password", password).await;
    action::type_into(c, "confirm-reinstall-name", name).await;
    action::click(c, "reinstall-run").await;
}

/// Reloads the server and waits until the provider reports `system` on it.
async fn now_runs(c: &Client, system: &str) {
    action::click(c, "reload-server").await;
    find::until_js(
        c,
        &format!(
            "document.querySelector('[data-testid=raw]')?.textContent.includes({:?})",
            format!("\"value\": \"{system}\"")
        ),
        &format!("{system} on the server"),
    )
    .await;
}

#[tokio::test]
async fn a_vm_is_reinstalled_the_usual_way_after_its_name_is_typed() {
    let world = World::get();
    let browser = open_server(world, "hk-reinstall", 32645).await;
    let c = &browser.client;
    let name = check::text(c, "server-name").await;
    assert_eq!(name, "nl-vmpico");
    reinstall(c, "usual", "Ubuntu 22.04", "weakpass", "nl-vmpico").await;
    says(c, "reinstall-password", "must contain an upper-case letter").await;
    reinstall(c, "usual", "Ubuntu 22.04", "Str0ng!Pass", "nl-vm").await;
    says(c, "confirm-reinstall-name", "Type “nl-vmpico” to confirm").await;
    assert_eq!(
        hostkey_calls("POST", "eq.php", "order_instance"),
        0,
        "nothing sent"
    );
    reinstall(c, "usual", "Ubuntu 22.04", "Str0ng!Pass", "nl-vmpico").await;
    assert_eq!(
        value_of(c, "reinstall-password").await,
        "",
        "the password is not kept"
    );
    for n in 1..=5 {
        stage(c, n).await;
    }
    browser.screenshot("hostkey-reinstall-stages").await;
    let said = shows(c, "[data-testid=reinstall-result]", "reinstalled").await;
    assert_eq!(
        said,
        "nl-vmpico is reinstalled with Ubuntu 22.04; log in as root with the new password."
    );
    assert_eq!(
        check::count(c, "[data-testid=hostkey-reinstall] .stage.done").await,
        7,
        "every stage ticked"
    );
    assert_eq!(hostkey_calls("POST", "eq.php", "order_instance"), 1);
    assert!(hostkey_calls("POST", "os.php", "list") >= 1);
    now_runs(c, "Ubuntu 22.04").await;
    assert!(!stored(c).await.contains("Str0ng!Pass"), "not stored");
    browser.close().await;
}

#[tokio::test]
async fn a_vm_is_reinstalled_by_network_boot_step_by_step() {
    let world = World::get();
    let browser = open_server(world, "hk-pxe", 34533).await;
    let c = &browser.client;
    reinstall(c, "pxe", "Debian 12", "Strong!Pass", "nl-vmmini").await;
    says(c, "reinstall-password", "must contain a digit").await;
    assert_eq!(
        hostkey_calls("POST", "eq.php", "reinstall"),
        0,
        "nothing sent"
    );
    reinstall(c, "pxe", "Debian 12", "Netb00tPass", "nl-vmmini").await;
    shows(
        c,
        "[data-testid=hostkey-reinstall] .stage.current",
        "Rebooted",
    )
    .await;
    for n in 1..=5 {
        stage(c, n).await;
    }
    let said = shows(c, "[data-testid=reinstall-result]", "reinstalled").await;
    assert_eq!(
        said,
        "nl-vmmini is reinstalled with Debian 12; log in as root with the new password."
    );
    assert_eq!(
        check::count(c, "[data-testid=hostkey-reinstall] .stage.done").await,
        11,
        "every step ticked"
    );
    browser.screenshot("hostkey-reinstall-pxe").await;
    for call in ["reinstall", "create_pxe", "reboot", "clear_pxe"] {
        assert_eq!(hostkey_calls("POST", "eq.php", call), 1, "{call}");
    }
    assert!(
        hostkey_calls("POST", "eq.php", "boot_dev") >= 2,
        "network, then disk"
    );
    now_runs(c, "Debian 12").await;
    browser.close().await;
}
