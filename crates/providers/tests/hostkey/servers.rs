//! eq.php (servers, power, PIN, remote access, orders, reinstalls),
//! nat.php and the async checks on eq_callback.php and nat_callback.php.

use super::common::{assert_request, ok, Expected};
use super::{api, post, PIN, TOKEN};
use providers::driver::Operation;
use providers::hostkey::{
    self, Api, BootMedia, CallbackState, CreatePxe, DeployPeriod, Order, Reinstall, ServerFilter,
};
use providers::{PowerAction, ProgressState, ProviderError, Secret, ServerStatus};

/// The eq/show example of the document (comments removed, the mangled
/// `**Password**` tag name read as `password`).
pub const SHOW: &str = r#"{"result":"OK","server_data":{"id":34533,"ref_tableName":"VPS","Condition_Component":"rent","account_id":5724,"type_billing":"whmcs_com","is_owner":"Rent","cost_trafficIN":0,"limit_trafficIN":999,"cost_traffic":180,"limit_traffic":3,"new_limit_traffic":0,"limit_bands":1000,"trafficPeriodOut":0,"trafficPeriodIn":0,"trafficPeriodOutBilling":0,"trafficPeriodInBilling":0,"datePeriod":"2024-01-14 00:00:00","IsShape":1,"hwconfig":"4 vCore/4Gb/60Gb SSD","status":"rent","type":"VPS","days_left":18,"due_date":"2024-01-14"},"hardware":{"config":"4 vCore/4Gb/60Gb SSD","components":[{"Type":"Platform","Name":"Ovirt VM","Count":1,"hdd_type":"SSD"},{"Type":"CPU","Name":"VPS Core","Count":4,"hdd_type":"SSD","Cores":4,"cpu_type":"INTEL"},{"Type":"RAM","Name":"VPS RAM 1Gb","Count":4,"hdd_type":"SSD","Size":1},{"Type":"HDD","Name":"VPS HDD 10 Gb","Count":6,"hdd_type":"SSD","Size":10}],"tags":{"platform_ipmi":["ovirt"],"platform_location":["NL,US,FI,IS,DE"],"platform_tdp":["1"],"platform_blades":["100"],"platform_nojava_console":[""],"platform_vm":["true"],"platform_virt":["1"],"cpu_location":["NL,US,FI,IS,TR","NL,US,FI,IS,TR","NL,US,FI,IS,TR","NL,US,FI,IS,TR"],"cpu_deprecation":["8","8","8","8"],"cpu_production_start":["","","",""],"cpu_tdp":["1","1","1","1"],"cpu_virt":["1","1","1","1"],"cpu_frq":["2.4","2.4","2.4","2.4"],"cpu_cores":["1","1","1","1"],"ram_vm":["1","1","1","1"],"ram_location":["NL,US,FI,IS,TR","NL,US,FI,IS,TR","NL,US,FI,IS,TR","NL,US,FI,IS,TR"],"ram_ram_type":["VRAM","VRAM","VRAM","VRAM"],"ram_size":["1","1","1","1"],"ram_ramtype":["VRAM","VRAM","VRAM","VRAM"],"ram_virt":["1","1","1","1"],"hdd_location":["NL,US,FI,IS,TR","NL,US,FI,IS,TR","NL,US,FI,IS,TR","NL,US,FI,IS,TR","NL,US,FI,IS,TR","NL,US,FI,IS,TR"],"hdd_tdp":["0.01","0.01","0.01","0.01","0.01","0.01"],"hdd_size":["10","10","10","10","10","10"],"hdd_type":["HDD","HDD","HDD","HDD","HDD","HDD"],"hdd_virt":["1","1","1","1","1","1"],"hdd_interface":["SATA","SATA","SATA","SATA","SATA","SATA"],"hdd_interface_sata":["SATA","SATA","SATA","SATA","SATA","SATA"],"eta":0.07},"vm":1,"gpu":0,"vds":0,"uefi":0,"hwraid":0,"motherboard_name":"","cpu_name":"vCPU","cpu_type":"vCPU","cpu_count":4,"cpu_cores":4,"cpu_frq":"2.4","ram":4,"ram_type":"vram","hdd":60,"hdd_count":1,"hdd_groups":[{"name":"60Gb SSD","type":"HDD","count":1,"size":"60"}],"hdd_pairs":0,"gpu_name":null,"gpu_count":0,"raid_levels":["LVM_HBA"]},"groups":[{"ID":"26","Code":"Micro","Name":"Micro","active":0},{"ID":"32","Code":"1CPU","Name":"1CPU","active":0},{"ID":"33","Code":"2CPU","Name":"2CPU","active":0},{"ID":"39","Code":"OUT","Name":"OUT","active":0},{"ID":"41","Code":"Gpu","Name":"Gpu","active":0},{"ID":"52","Code":"1CPU_OUT_NEW","Name":"1CPU_OUT_NEW","active":0},{"ID":"53","Code":"Ryzen","Name":"Ryzen","active":0},{"ID":"54","Code":"5Ghz","Name":"5Ghz","active":0},{"ID":"55","Code":"2CPU_OUT_NEW","Name":"2CPU_OUT_NEW","active":0},{"ID":"59","Code":"Promo","Name":"Promo","active":0}],"licenses":[{"id":124,"name":"ISPmanager 6 Lite on IP 31.207.44.105","amount":1,"date_buy":""}],"location":{"dc_location":"NL","location_id":1},"OS":null,"IP":[{"port":"eth0","MAC":"56:6f:ff:5b:08:7b","IP":"31.207.44.105","status":"enable","main_ip":1,"locked":0,"date_block":null,"license_id":124,"main_int":1,"vlan":415,"updated":13,"license_name":"ISPmanager","white_ddos":0,"description":""}],"interfaces":[{"id":122936,"type":"eth0","mac":"56:6f:ff:5b:08:7b","upstream_id":null,"IsMain":1,"IsVirt":0,"Status":"enable","switch_owner":"","switch_model":"virtual"}],"IPMI":{"model":"ovirt","interfaces":[]},"tags":[{"id":799108,"component":"Component1","component_id":34533,"tag":"order_origin","value":"invapi","extra":"1","internal":0},{"id":799112,"component":"Component1","component_id":34533,"tag":"hostname","value":"nl-vmmini","extra":"","internal":0},{"id":799116,"component":"Component1","component_id":34533,"tag":"password","value":"wK5Vjwx_BC","extra":"","internal":0},{"id":799128,"component":"Component1","component_id":34533,"tag":"OS","value":"Ubuntu 22.04","extra":"","internal":0},{"id":799132,"component":"Component1","component_id":34533,"tag":"user_name","value":"root","extra":"","internal":0},{"id":799137,"component":"Component1","component_id":34533,"tag":"webpanel","value":"ispmanager6","extra":"https://isp34533.hostkey.in:1500/ispmgr","internal":0}],"preset":"vm.mini","preset_description":"VM instance 4/4/60 SSD"}"#;

/// Asserts that `request` is the documented eq_callback check of `key`.
fn assert_check(request: &providers::ApiRequest, key: &str) {
    assert_request(
        request,
        &post("/eq_callback.php", &[("action", "check"), ("key", key)]),
    );
}

fn no_pin() -> Api {
    Api::new(None, Some(Secret::new(TOKEN))).unwrap()
}

#[test]
fn set_pin_is_async() {
    let call = api()
        .set_pin(Some(&Secret::new("1234")), &Secret::new("1907"))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "set_pin"),
                ("token", TOKEN),
                ("old_pin", "1234"),
                ("new_pin", "1907"),
            ],
        ),
    );
    let accepted = call
        .parse(&ok(
            r#"{"result":"OK","action":"set_pin","callback":"d4eb60d21f7824a6f33de66060e2f2f5"}"#,
        ))
        .unwrap();
    assert_eq!(accepted.callback, "d4eb60d21f7824a6f33de66060e2f2f5");
    assert_eq!(
        accepted.operation(),
        Operation::Hostkey {
            key: "d4eb60d21f7824a6f33de66060e2f2f5".into(),
            nat: false
        }
    );
    let first = api().set_pin(None, &Secret::new("1907")).unwrap();
    assert_request(
        first.request(),
        &post(
            "/eq.php",
            &[("action", "set_pin"), ("token", TOKEN), ("new_pin", "1907")],
        ),
    );
    assert!(
        matches!(api().set_pin(None, &Secret::new("12a4")), Err(ProviderError::Validation { ref field, .. }) if field == "new_pin")
    );
}

#[test]
fn set_pin_failure_arrives_as_a_failed_result() {
    let result = api()
        .check("4746d646be54d7805f10e1b6c4f003bb")
        .unwrap()
        .parse(&ok(r#"{"result":"Fail","scope":"Invalid PIN/email combination, please check","context":{"action":"set_pin","id":"0"},"status":"failure","created":"2021-05-17 21:07:55","debug":null,"key":"4746d646be54d7805f10e1b6c4f003bb"}"#))
        .unwrap();
    assert_eq!(result.result, CallbackState::Fail);
    assert_eq!(result.status.as_deref(), Some("failure"));
    assert_eq!(result.created.as_deref(), Some("2021-05-17 21:07:55"));
    assert_eq!(result.server_id(), None, "context id 0 is account-level");
    let p = hostkey::progress(&result);
    assert_eq!(p.state, ProgressState::Failed);
    assert_eq!(
        p.message.as_deref(),
        Some("Invalid PIN/email combination, please check")
    );
    assert_eq!(p.stage, "set_pin");
}

#[test]
fn check_pin_sends_pin_and_an_ok_invalid_pin_is_a_failure() {
    let call = api().check_pin(&Secret::new("1907")).unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[("action", "check_pin"), ("token", TOKEN), ("pin", "1907")],
        ),
    );
    let accepted = call
        .parse(&ok(
            r#"{"result":"OK","action":"check_pin","callback":"85dab623da4d091884a86a33ee05ce41"}"#,
        ))
        .unwrap();
    assert_eq!(accepted.callback, "85dab623da4d091884a86a33ee05ce41");
    let result = api()
        .check("d862ecc7ea64c5af55f39b132f3b7502")
        .unwrap()
        .parse(&ok(r#"{ "result": "OK", "scope": "Invalid pin code", "context": { "action": "check_pin", "id": "0" }, "debug": "Blocked For Security Purposes", "key": "d862ecc7ea64c5af55f39b132f3b7502" }"#))
        .unwrap();
    assert!(result.rejects_pin());
    let p = hostkey::progress(&result);
    assert_eq!(p.state, ProgressState::Failed);
    assert_eq!(p.message.as_deref(), Some("Invalid pin code"));
}

#[test]
fn list_returns_ids_only() {
    let call = api().list(&ServerFilter::default()).unwrap();
    assert_request(
        call.request(),
        &post("/eq.php", &[("action", "list"), ("token", TOKEN)]),
    );
    let ids = call
        .parse(&ok(r#"{"servers":[34533,32645,17405],"result":"OK"}"#))
        .unwrap();
    assert_eq!(ids, vec!["34533", "32645", "17405"]);
}

#[test]
fn list_filters() {
    let filter = ServerFilter {
        location: Some("is,nl".into()),
        status: Some("power_off".into()),
        ip: Some("199.100.7.5".into()),
        group: Some("1CPU,AMD".into()),
        ..Default::default()
    };
    let call = api().list(&filter).unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "list"),
                ("token", TOKEN),
                ("location", "IS,NL"),
                ("status", "power_off"),
                ("ip", "199.100.7.5"),
                ("group", "1CPU,AMD"),
            ],
        ),
    );
    let bad = |f: ServerFilter, field: &str| match api().list(&f) {
        Err(ProviderError::Validation { field: got, .. }) => assert_eq!(got, field),
        other => panic!("{field}: {other:?}"),
    };
    bad(
        ServerFilter {
            location: Some("NL,XX".into()),
            ..Default::default()
        },
        "location",
    );
    bad(
        ServerFilter {
            status: Some("active".into()),
            ..Default::default()
        },
        "status",
    );
    bad(
        ServerFilter {
            ip: Some("999.1.1.1".into()),
            ..Default::default()
        },
        "ip",
    );
}

#[test]
fn show_parses_every_part_of_the_example() {
    let call = api().show("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[("action", "show"), ("token", TOKEN), ("id", "34533")],
        ),
    );
    let d = call.parse(&ok(SHOW)).unwrap();
    let data = &d.server_data;
    assert_eq!(data.id, "34533");
    assert_eq!(data.ref_table_name.as_deref(), Some("VPS"));
    assert_eq!(data.condition_component.as_deref(), Some("rent"));
    assert_eq!(data.account_id.as_deref(), Some("5724"));
    assert_eq!(
        (
            data.cost_traffic,
            data.limit_traffic,
            data.limit_traffic_in,
            data.limit_bands
        ),
        (Some(180.0), Some(3.0), Some(999.0), Some(1000.0))
    );
    assert_eq!(data.date_period.as_deref(), Some("2024-01-14 00:00:00"));
    assert!(data.is_shape);
    assert_eq!(data.hwconfig.as_deref(), Some("4 vCore/4Gb/60Gb SSD"));
    assert_eq!(
        (data.status.as_deref(), data.kind.as_deref(), data.days_left),
        (Some("rent"), Some("VPS"), Some(18))
    );
    let hw = d.hardware.as_ref().unwrap();
    assert_eq!(hw.components.len(), 4);
    assert_eq!(
        (hw.components[1].kind.as_str(), hw.components[1].cores),
        ("CPU", Some(4))
    );
    assert_eq!(hw.components[3].size, Some(10.0));
    assert_eq!(hw.tags["eta"], 0.07);
    assert_eq!(hw.tags["platform_ipmi"][0], "ovirt");
    assert!(hw.vm && !hw.gpu);
    assert_eq!(
        (hw.cpu_cores, hw.ram, hw.hdd),
        (Some(4), Some(4.0), Some(60.0))
    );
    assert_eq!(hw.hdd_groups[0].size, "60");
    assert_eq!(hw.raid_levels, vec!["LVM_HBA"]);
    assert_eq!(d.groups.len(), 10);
    assert_eq!(
        (
            d.groups[0].id.as_str(),
            d.groups[0].code.as_str(),
            d.groups[0].active
        ),
        ("26", "Micro", false)
    );
    assert_eq!(d.licenses[0].name, "ISPmanager 6 Lite on IP 31.207.44.105");
    assert_eq!(d.location.as_ref().unwrap().dc_location, "NL");
    assert!(d.os.is_null());
    let ip = &d.ips[0];
    assert_eq!(
        (ip.ip.as_str(), ip.port.as_deref(), ip.vlan.as_deref()),
        ("31.207.44.105", Some("eth0"), Some("415"))
    );
    assert!(ip.main_ip && !ip.locked);
    assert_eq!(d.interfaces[0].kind, "eth0");
    assert!(d.interfaces[0].is_main);
    assert_eq!(d.ipmi.as_ref().unwrap().model.as_deref(), Some("ovirt"));
    assert_eq!(d.hostname().as_deref(), Some("nl-vmmini"));
    assert_eq!(d.os_name().as_deref(), Some("Ubuntu 22.04"));
    assert_eq!(d.user_name().as_deref(), Some("root"));
    assert_eq!(d.root_password().unwrap().expose(), "wK5Vjwx_BC");
    assert_eq!(
        d.web_panel(),
        Some((
            "ispmanager6".into(),
            "https://isp34533.hostkey.in:1500/ispmgr".into()
        ))
    );
    assert_eq!(d.main_ip(), Some("31.207.44.105"));
    assert_eq!(d.preset.as_deref(), Some("vm.mini"));
    assert_eq!(
        d.preset_description.as_deref(),
        Some("VM instance 4/4/60 SSD")
    );
}

#[test]
fn show_as_a_unified_server() {
    let d = api().show("34533").unwrap().parse(&ok(SHOW)).unwrap();
    let s = hostkey::server(&d, None, None);
    assert_eq!(s.id, "34533");
    assert_eq!(s.name, "nl-vmmini");
    assert_eq!(s.status, ServerStatus::Running);
    assert_eq!(s.raw_status, "rent");
    assert_eq!(s.ips, vec!["31.207.44.105"]);
    assert_eq!(s.plan.as_deref(), Some("vm.mini"));
    assert_eq!(s.region.as_deref(), Some("NL"));
    assert_eq!(s.expires.unwrap().to_rfc3339(), "2024-01-14T00:00:00Z");
    assert_eq!(s.specs.cpu_cores, Some(4));
    assert_eq!(s.specs.memory_bytes, Some(4 * 1_073_741_824));
    assert_eq!(s.specs.disk_bytes, Some(60 * 1_073_741_824));
    assert_eq!(s.monthly_cost, None);
    assert!(s.tags.contains(&"OS=Ubuntu 22.04".to_string()));
    assert!(s.tags.contains(&"webpanel=ispmanager6".to_string()));
    assert!(
        !s.tags.iter().any(|t| t.contains("wK5Vjwx_BC")),
        "no password among tags"
    );
    assert!(
        !s.raw.to_string().contains("wK5Vjwx_BC"),
        "no password in raw"
    );
    assert_eq!(s.raw["preset"], "vm.mini");
    assert!(!format!("{s:?}").contains("wK5Vjwx_BC"));
}

#[test]
fn unified_status_follows_the_power_state() {
    let d = api().show("34533").unwrap().parse(&ok(SHOW)).unwrap();
    assert_eq!(
        hostkey::server(&d, Some(ServerStatus::Stopped), None).status,
        ServerStatus::Stopped
    );
    assert_eq!(
        hostkey::server(&d, Some(ServerStatus::Running), None).status,
        ServerStatus::Running
    );
    let suspended = SHOW.replace(r#""status":"rent""#, r#""status":"power_off""#);
    let d = api().show("34533").unwrap().parse(&ok(&suspended)).unwrap();
    let s = hostkey::server(&d, Some(ServerStatus::Running), None);
    assert_eq!(
        (s.status, s.raw_status.as_str()),
        (ServerStatus::Suspended, "power_off")
    );
    let nameless = SHOW.replace(r#""tag":"hostname""#, r#""tag":"label""#);
    let d = api().show("34533").unwrap().parse(&ok(&nameless)).unwrap();
    assert_eq!(hostkey::server(&d, None, None).name, "34533");
}

#[test]
fn update_servers() {
    let call = api().update_servers().unwrap();
    assert_request(
        call.request(),
        &post("/eq.php", &[("action", "update_servers"), ("token", TOKEN)]),
    );
    assert_eq!(
        call.parse(&ok(r#"{"result":"OK"}"#))
            .unwrap()
            .result
            .as_deref(),
        Some("OK")
    );
}

#[test]
fn status_and_its_results() {
    let call = api().status("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[("action", "status"), ("token", TOKEN), ("id", "34533")],
        ),
    );
    let accepted = call
        .parse(&ok(
            r#"{"result":"OK","action":"status","callback":"6fae43c4aca5be531a1275307bd094b1"}"#,
        ))
        .unwrap();
    assert_eq!(accepted.action.as_deref(), Some("status"));
    let poll = api().check(&accepted.callback).unwrap();
    assert_check(poll.request(), "6fae43c4aca5be531a1275307bd094b1");
    let vm = poll
        .parse(&ok(r#"{"result":"OK","scope":"VM is up now","context":{"action":"status","id":"34533","location":"NL","ip_ipmi":""},"debug":"debug","key":"6fae43c4aca5be531a1275307bd094b1"}"#))
        .unwrap();
    assert_eq!(hostkey::power_state(&vm), Some(ServerStatus::Running));
    assert_eq!(vm.server_id(), Some("34533"));
    assert_eq!(vm.context.location.as_deref(), Some("NL"));
    let bm = poll
        .parse(&ok(r#"{"result":"OK","scope":"Chassis Power is on","context":{"action":"status","id":"Server ID","location":"NL"},"debug":"Chassis Power is on","key":"f685eaa0f06e47faa2e6bb5002828b00"}"#))
        .unwrap();
    assert_eq!(hostkey::power_state(&bm), Some(ServerStatus::Running));
    assert_eq!(
        bm.server_id(),
        None,
        "the document's `Server ID` stand-in is not an id"
    );
    let off = poll
        .parse(&ok(r#"{"result":"OK","scope":"Chassis Power is off","context":{"action":"status","id":"42253"},"key":"k"}"#))
        .unwrap();
    assert_eq!(hostkey::power_state(&off), Some(ServerStatus::Stopped));
    let pending = poll
        .parse(&ok(
            r#"{"result":"Not ready","key":"6fae43c4aca5be531a1275307bd094b1"}"#,
        ))
        .unwrap();
    assert_eq!(hostkey::power_state(&pending), None);
}

#[test]
fn sensors() {
    let call = api().sensors("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[("action", "sensors"), ("token", TOKEN), ("id", "34533")],
        ),
    );
    let result = api()
        .check("f685eaa0f06e47faa2e6bb5002828b00")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"CPU Temp         | 36 degrees C      | ok\nPCH Temp         | 37 degrees C      | ok","context":{"action":"get_sensors","id":"Server ID","location":"NL"},"debug":"CPU Temp         | 36 degrees C      | okPCH Temp         | 37 degrees C      | ok","key":"f685eaa0f06e47faa2e6bb5002828b00"}"#))
        .unwrap();
    assert_eq!(result.context.action.as_deref(), Some("get_sensors"));
    assert_eq!(result.scope.as_deref().unwrap().lines().count(), 2);
    assert_eq!(hostkey::progress(&result).state, ProgressState::Done);
}

#[test]
fn power_actions_need_the_pin() {
    for (action, name, key, scope) in [
        (
            PowerAction::Start,
            "on",
            "9f058913338363da1276a003707dc8bd",
            "VM is up now",
        ),
        (
            PowerAction::Stop,
            "off",
            "6ff0b0895a6c25edd31c4069ea009ff7",
            "VM is down now",
        ),
        (
            PowerAction::Restart,
            "reboot",
            "9a3751450d879fd9e933fdea92add6e8",
            "VM is rebooted",
        ),
    ] {
        let call = api().power("34533", action).unwrap();
        assert_request(
            call.request(),
            &post(
                "/eq.php",
                &[
                    ("action", name),
                    ("token", TOKEN),
                    ("id", "34533"),
                    ("pin", PIN),
                ],
            ),
        );
        let accepted = call
            .parse(&ok(&format!(
                r#"{{"result":"OK","action":"{name}","callback":"{key}"}}"#
            )))
            .unwrap();
        assert_eq!(
            accepted.operation(),
            Operation::Hostkey {
                key: key.into(),
                nat: false
            }
        );
        let done = api()
            .check(key)
            .unwrap()
            .parse(&ok(&format!(r#"{{"result":"OK","scope":"{scope}","context":{{"action":"{name}","id":"34533","location":"NL","ip_ipmi":""}},"debug":"debug","key":"{key}"}}"#)))
            .unwrap();
        let p = hostkey::progress(&done);
        assert_eq!(
            (p.state, p.percent, p.server_id.as_deref()),
            (ProgressState::Done, Some(100), Some("34533"))
        );
        assert_eq!(p.message.as_deref(), Some(scope));
        match no_pin().power("34533", action) {
            Err(ProviderError::Validation { field, reason }) => {
                assert_eq!(field, "pin");
                assert_eq!(reason, "HOSTKEY needs your PIN for this");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn bare_metal_power_on_result() {
    let result = api()
        .check("f685eaa0f06e47faa2e6bb5002828b00")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"Post is on","context":{"action":"on","id":"Serve ID","location":"NL"},"debug":"Chassis Power Control: Up/On","key":"f685eaa0f06e47faa2e6bb5002828b00"}"#))
        .unwrap();
    assert_eq!(hostkey::power_state(&result), Some(ServerStatus::Running));
    assert_eq!(
        result.debug.as_deref(),
        Some("Chassis Power Control: Up/On")
    );
}

#[test]
fn async_check_pending_and_unknown_key() {
    let call = api().check("f685eaa0f06e47faa2e6bb5002828b00").unwrap();
    assert_check(call.request(), "f685eaa0f06e47faa2e6bb5002828b00");
    let pending = call
        .parse(&ok(
            r#"{"result":"Not ready","key":"f685eaa0f06e47faa2e6bb5002828b00"}"#,
        ))
        .unwrap();
    assert_eq!(pending.result, CallbackState::NotReady);
    let p = hostkey::progress(&pending);
    assert_eq!((p.state, p.percent), (ProgressState::InProgress, None));
    let err = call
        .parse(&ok(
            r#"{"result":-1,"error":"eq_callback/check: key not found"}"#,
        ))
        .unwrap_err();
    assert!(matches!(err, ProviderError::NotFound { .. }), "{err:?}");
    assert!(
        matches!(api().check("bad key!"), Err(ProviderError::Validation { ref field, .. }) if field == "key")
    );
}

fn order() -> Order {
    Order {
        deploy_period: DeployPeriod::Monthly,
        deploy_notify: true,
        preset: "108".into(),
        location: "NL".into(),
        os_id: "180".into(),
        soft_id: Some("20".into()),
        traffic_plan: "25".into(),
        // The document's example password `mdLus8Ng` lacks the special
        // character its own rule demands; one is added here.
        root_pass: Secret::new("mdLus8Ng!"),
        hostname: None,
        ssh_key: None,
        post_install_callback: None,
        post_install_script: None,
        os_name: None,
        own_os: None,
        root_size: None,
        jenkins_task: None,
    }
}

#[test]
fn order_instance_follows_the_worked_example() {
    let call = api().order_instance(&order()).unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "order_instance"),
                ("token", TOKEN),
                ("deploy_period", "monthly"),
                ("deploy_notify", "true"),
                ("pin", "1907"),
                ("preset", "108"),
                ("location_name", "NL"),
                ("os_id", "180"),
                ("soft_id", "20"),
                ("traffic_plan", "25"),
                ("root_pass", "mdLus8Ng!"),
            ],
        ),
    );
    let placed = call
        .parse(&ok(
            r#"{"result":"OK","action":"order_instance","invoice":50062,"status":"Paid"}"#,
        ))
        .unwrap();
    assert_eq!(placed.invoice.as_deref(), Some("50062"));
    assert!(placed.is_paid());
}

#[test]
fn order_instance_optional_fields_in_the_documented_order() {
    let mut o = order();
    o.hostname = Some("web-1".into());
    o.ssh_key = Some("ssh-ed25519 AAAAC3Nza user@host".into());
    o.post_install_callback = Some("https://example.com/done".into());
    o.post_install_script = Some("#!/bin/sh\necho hi".into());
    o.os_name = Some("Debian 11".into());
    o.own_os = Some(false);
    o.root_size = Some(100);
    o.jenkins_task = Some(-1);
    o.deploy_period = "semi-annually".parse().unwrap();
    let call = api().order_instance(&o).unwrap();
    let names: Vec<String> = form_urlencoded::parse(call.request().body())
        .map(|(k, _)| k.into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "action",
            "token",
            "deploy_period",
            "deploy_notify",
            "pin",
            "preset",
            "location_name",
            "os_id",
            "soft_id",
            "traffic_plan",
            "root_pass",
            "hostname",
            "ssh_key",
            "post_install_callback",
            "post_install_script",
            "os_name",
            "own_os",
            "root_size",
            "jenkins_task"
        ]
    );
    assert_eq!(
        super::field(call.request(), "deploy_period").as_deref(),
        Some("semi-annually")
    );
    assert_eq!(super::field(call.request(), "own_os").as_deref(), Some("0"));
    assert_eq!(
        super::field(call.request(), "jenkins_task").as_deref(),
        Some("-1")
    );
}

#[test]
fn order_validation_names_the_field() {
    type Breaker = fn(&mut Order);
    let cases: Vec<(Breaker, &str)> = vec![
        (|o| o.root_pass = Secret::new("mdLus8Ng"), "root_pass"),
        (|o| o.root_pass = Secret::new("Sh0rt!"), "root_pass"),
        (|o| o.root_pass = Secret::new("alllower!1"), "root_pass"),
        (|o| o.root_pass = Secret::new("ALLUPPER!1"), "root_pass"),
        (|o| o.location = "ND".into(), "location_name"),
        (|o| o.os_id = "".into(), "os_id"),
        (|o| o.traffic_plan = "3Tb".into(), "traffic_plan"),
        (|o| o.preset = " ".into(), "preset"),
        (|o| o.root_size = Some(0), "root_size"),
        (|o| o.jenkins_task = Some(4), "jenkins_task"),
        (|o| o.hostname = Some("bad host".into()), "hostname"),
        (
            |o| o.post_install_callback = Some("ftp://x".into()),
            "post_install_callback",
        ),
    ];
    for (break_it, field) in cases {
        let mut o = order();
        break_it(&mut o);
        match api().order_instance(&o) {
            Err(ProviderError::Validation { field: got, .. }) => assert_eq!(got, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    for period in ["monthly", "quarterly", "semi-annually", "annually"] {
        assert_eq!(period.parse::<DeployPeriod>().unwrap().as_str(), period);
    }
    assert!(
        matches!("month".parse::<DeployPeriod>(), Err(ProviderError::Validation { ref field, .. }) if field == "deploy_period")
    );
    for code in ["nl", "US", "FI", "DE", "IS", "TR", "UK"] {
        let mut o = order();
        o.location = code.into();
        assert!(api().order_instance(&o).is_ok(), "{code}");
    }
    assert!(
        matches!(no_pin().order_instance(&order()), Err(ProviderError::Validation { ref field, .. }) if field == "pin")
    );
}

#[test]
fn order_errors_from_the_document() {
    let call = api().order_instance(&order()).unwrap();
    let err = call
        .parse(&ok(r#"{"result":-1,"error":"reinstall: extra software Odoo (#49) is not compatible with Ubuntu 22.04"}"#))
        .unwrap_err();
    assert!(
        matches!(err, ProviderError::Validation { ref field, .. } if field == "soft_id"),
        "{err:?}"
    );
}

fn reinstall() -> Reinstall {
    Reinstall {
        deploy_notify: Some(true),
        os_id: "205".into(),
        soft_id: Some("18".into()),
        root_pass: Secret::new("mnN48Dl@4"),
        hostname: None,
        ssh_key: None,
        post_install_script: None,
        os_name: None,
        own_os: None,
        root_size: None,
    }
}

#[test]
fn reinstall_through_order_instance() {
    let call = api().reinstall_instance("32645", &reinstall()).unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "order_instance"),
                ("token", TOKEN),
                ("deploy_notify", "true"),
                ("pin", "1907"),
                ("os_id", "205"),
                ("soft_id", "18"),
                ("root_pass", "mnN48Dl@4"),
                ("id", "32645"),
            ],
        ),
    );
    let started = call
        .parse(&ok(r#"{"result":"OK","action":"order_instance","callback":"e2fbe5f43796d4139983b695271da9aa","deploy_status":"reinstall","id":32645,"os_name":"RockyLinux 9","soft_name":"Grafana"}"#))
        .unwrap();
    assert_eq!(
        (started.deploy_status.as_deref(), started.id.as_deref()),
        (Some("reinstall"), Some("32645"))
    );
    assert_eq!(
        (started.os_name.as_deref(), started.soft_name.as_deref()),
        (Some("RockyLinux 9"), Some("Grafana"))
    );
    assert_eq!(
        started.operation(),
        Operation::Hostkey {
            key: "e2fbe5f43796d4139983b695271da9aa".into(),
            nat: false
        }
    );
    let done = api()
        .check("a129bad13781bdf5790746064aba0af6")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"{\"result\":\"deploy_done\"}","context":{"action":"reinstall_vm","id":"32645","location":"NL","ip":"176.222.34.23","ip_ipmi":"0.0.0.0","reinstall":1},"debug":"","key":"a129bad13781bdf5790746064aba0af6"}"#))
        .unwrap();
    assert_eq!(done.scope_result().as_deref(), Some("deploy_done"));
    assert_eq!(done.context.reinstall.as_deref(), Some("1"));
    assert_eq!(done.context.ip.as_deref(), Some("176.222.34.23"));
    let p = hostkey::progress(&done);
    assert_eq!(
        (p.state, p.server_id.as_deref(), p.stage.as_str()),
        (ProgressState::Done, Some("32645"), "reinstall_vm")
    );
}

#[test]
fn reinstall_errors_and_rules() {
    let call = api().reinstall_instance("32645", &reinstall()).unwrap();
    let err = call
        .parse(&ok(
            r#"{"result":-1,"error":"another reinstall in progress for XXXXX, please wait"}"#,
        ))
        .unwrap_err();
    assert!(matches!(err, ProviderError::Conflict { .. }), "{err:?}");
    let mut r = reinstall();
    r.root_pass = Secret::new("password");
    assert!(
        matches!(api().reinstall_instance("32645", &r), Err(ProviderError::Validation { ref field, .. }) if field == "root_pass")
    );
    assert!(
        matches!(api().reinstall_instance("", &reinstall()), Err(ProviderError::Validation { ref field, .. }) if field == "id")
    );
}

#[test]
fn deploy_completion_message() {
    let result = api()
        .check("9889fcb51255146e04224205c04976e8")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"Autodeploy completed, check VRI-208-64405","context":{"action":"deploy_vm","id":"32645","location":"NL","ip":"176.222.34.23","ip_ipmi":"0.0.0.0"},"debug":"0","key":"9889fcb51255146e04224205c04976e8"}"#))
        .unwrap();
    let p = hostkey::progress(&result);
    assert_eq!(
        (p.state, p.stage.as_str(), p.server_id.as_deref()),
        (ProgressState::Done, "deploy_vm", Some("32645"))
    );
    assert_eq!(
        p.message.as_deref(),
        Some("Autodeploy completed, check VRI-208-64405")
    );
}

#[test]
fn pxe_reinstall_master_key_and_stages() {
    let call = api().reinstall("42253").unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[("action", "reinstall"), ("token", TOKEN), ("id", "42253")],
        ),
    );
    let key = call
        .parse(&ok(r#"{"result":"OK","action":"reinstall","stage":"create_pxe","callback":"aa719bfc59c3626c059950c1dcb4dbfa"}"#))
        .unwrap();
    assert_eq!(
        (key.stage.as_deref(), key.callback.as_str()),
        (Some("create_pxe"), "aa719bfc59c3626c059950c1dcb4dbfa")
    );
    let poll = api().check(&key.callback).unwrap();
    assert_check(poll.request(), "aa719bfc59c3626c059950c1dcb4dbfa");
    let stage = poll
        .parse(&ok(r#"{"result":"Stage","scope":" (1\/5) OS installation started","context":{"action":"reinstall","id":"42253","location":"NL"},"key":"aa719bfc59c3626c059950c1dcb4dbfa"}"#))
        .unwrap();
    assert_eq!(stage.stage(), Some(1));
    let p = hostkey::progress(&stage);
    assert_eq!(
        (p.state, p.percent, p.stage.as_str()),
        (
            ProgressState::InProgress,
            Some(20),
            "OS installation started"
        )
    );
    let four = poll
        .parse(&ok(r#"{"result":"Stage","scope":" (4/5) Install is completed, restarting","context":{"action":"reinstall","id":"42253"},"key":"k"}"#))
        .unwrap();
    assert_eq!(hostkey::progress(&four).percent, Some(80));
    let done = poll
        .parse(&ok(r#"{"result":"OK","scope":" Deploy completed, Server is online","context":{"action":"reinstall","id":"42253","location":"NL"},"debug":null,"key":"0aacc95ff67f81943519b44f566bedd8"}"#))
        .unwrap();
    let p = hostkey::progress(&done);
    assert_eq!((p.state, p.percent), (ProgressState::Done, Some(100)));
    assert_eq!(
        p.message.as_deref(),
        Some("Deploy completed, Server is online")
    );
}

#[test]
fn create_pxe_in_the_documented_order() {
    let pxe = CreatePxe {
        email: Some(String::new()),
        os_id: "187".into(),
        root_pass: Secret::new("Passw0rdX"),
        hostname: "node-1.example.com".into(),
        ssh_key: Some("ssh-ed25519 AAAAC3Nza user@host".into()),
        post_install_callback: Some(String::new()),
        post_install_script: Some(String::new()),
        reinstall_key: Some("aa719bfc59c3626c059950c1dcb4dbfa".into()),
    };
    let call = api().create_pxe("9536", &pxe).unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "create_pxe"),
                ("token", TOKEN),
                ("email", ""),
                ("pin", "1907"),
                ("id", "9536"),
                ("os_id", "187"),
                ("root_pass", "Passw0rdX"),
                ("hostname", "node-1.example.com"),
                ("ssh_key", "ssh-ed25519 AAAAC3Nza user@host"),
                ("post_install_callback", ""),
                ("post_install_script", ""),
                ("reinstall_key", "aa719bfc59c3626c059950c1dcb4dbfa"),
            ],
        ),
    );
    let accepted = call
        .parse(&ok(r#"{"result":"OK","action":"create_pxe","callback":"e22cc91dbf065348a4789e6122f6995d"}"#))
        .unwrap();
    assert_eq!(accepted.callback, "e22cc91dbf065348a4789e6122f6995d");
    let done = api()
        .check("e22cc91dbf065348a4789e6122f6995d")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"Configuration_successfully_created","context":{"action":"create_pxe","id":"9536","location":"NL"},"debug":null,"key":"e22cc91dbf065348a4789e6122f6995d"}"#))
        .unwrap();
    assert_eq!(hostkey::progress(&done).stage, "create_pxe");
    let mut weak = pxe.clone();
    weak.root_pass = Secret::new("password1");
    assert!(
        matches!(api().create_pxe("9536", &weak), Err(ProviderError::Validation { ref field, .. }) if field == "root_pass")
    );
    let mut nameless = pxe;
    nameless.hostname = String::new();
    assert!(
        matches!(api().create_pxe("9536", &nameless), Err(ProviderError::Validation { ref field, .. }) if field == "hostname")
    );
}

#[test]
fn boot_dev_media() {
    let call = api().boot_dev("9536", BootMedia::Pxe).unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "boot_dev"),
                ("token", TOKEN),
                ("id", "9536"),
                ("pin", "1907"),
                ("media", "pxe"),
            ],
        ),
    );
    assert_eq!(
        call.parse(&ok(
            r#"{"result":"OK","action":"boot_dev","callback":"9d274e99e293b909fb562129a70988c4"}"#
        ))
        .unwrap()
        .callback,
        "9d274e99e293b909fb562129a70988c4"
    );
    let poll = api().check("9d274e99e293b909fb562129a70988c4").unwrap();
    let pxe = poll
        .parse(&ok(r#"{"result":"OK","scope":"Set Boot Device to pxe","context":{"action":"bootdev_pxe","id":"9536","location":"NL"},"debug":null,"key":"9d274e99e293b909fb562129a70988c4"}"#))
        .unwrap();
    assert_eq!(pxe.context.action.as_deref(), Some("bootdev_pxe"));
    let disk = poll
        .parse(&ok(r#"{"result":"OK","scope":"VM is boot for disk","context":{"action":"bootdev_disk","id":"42253","location":"NL"},"debug":null,"key":"724311d38e9df10e25f987f718820c46"}"#))
        .unwrap();
    assert_eq!(hostkey::progress(&disk).state, ProgressState::Done);
    assert_eq!(
        super::field(
            api()
                .boot_dev("9536", "DISK".parse().unwrap())
                .unwrap()
                .request(),
            "media"
        )
        .as_deref(),
        Some("disk")
    );
    assert_eq!("cd".parse::<BootMedia>().unwrap(), BootMedia::Cd);
    assert!(
        matches!("usb".parse::<BootMedia>(), Err(ProviderError::Validation { ref field, .. }) if field == "media")
    );
}

#[test]
fn clear_pxe() {
    let call = api().clear_pxe("42253", "node-1.example.com").unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "clear_pxe"),
                ("token", TOKEN),
                ("id", "42253"),
                ("hostname", "node-1.example.com"),
            ],
        ),
    );
    assert_eq!(
        call.parse(&ok(
            r#"{"result":"OK","action":"clear_pxe","callback":"ee8a179e8b3a4e28f3a84f44264a10ec"}"#
        ))
        .unwrap()
        .callback,
        "ee8a179e8b3a4e28f3a84f44264a10ec"
    );
    let done = api()
        .check("ee8a179e8b3a4e28f3a84f44264a10ec")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"Configuration_successfully_cleared","context":{"action":"clear_pxe","id":"42253","location":"NL"},"debug":null,"key":"ee8a179e8b3a4e28f3a84f44264a10ec"}"#))
        .unwrap();
    assert_eq!(
        done.scope.as_deref(),
        Some("Configuration_successfully_cleared")
    );
}

#[test]
fn console_file_comes_in_the_scope() {
    let call = api().console("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "console"),
                ("token", TOKEN),
                ("id", "34533"),
                ("pin", "1907"),
            ],
        ),
    );
    assert_eq!(
        call.parse(&ok(
            r#"{"result":"OK","action":"console","callback":"f28dfd83fbc1dbb914710774d8e9e30a"}"#
        ))
        .unwrap()
        .callback,
        "f28dfd83fbc1dbb914710774d8e9e30a"
    );
    let result = api()
        .check("f28dfd83fbc1dbb914710774d8e9e30a")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"[virt-viewer]\ntype=spice\nhost=146.0.78.94\nport=6194\npassword=HY14U9qL\n# Password is valid for 120 seconds.\ndelete-this-file=1\nfullscreen=0\ntitle=34533:%d\ntoggle-fullscreen=shift+f11\nrelease-cursor=shift+f12\nsecure-attention=ctrl+alt+end\ntls-port=6195","context":{"action":"console","id":"34533","location":"NL","ip_ipmi":""},"debug":"","key":"f28dfd83fbc1dbb914710774d8e9e30a"}"#))
        .unwrap();
    let vv = result.scope.unwrap();
    assert!(vv.starts_with("[virt-viewer]\ntype=spice\nhost=146.0.78.94"));
    assert!(vv.contains("tls-port=6195"));
}

#[test]
fn ipmi_users_keep_the_password_secret() {
    let call = api().add_ipmi_user("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "add_ipmi_user"),
                ("token", TOKEN),
                ("id", "34533"),
            ],
        ),
    );
    let result = api()
        .check("f685eaa0f06e47faa2e6bb5002828b00")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"{\"result\":\"OK\",\"message\":\"User added\",\"debug\":\"\"}\n2021/05/17 22:46:55 Set User Password command successful (user 4)\n","context":{"action":"add_ipmi_user","id":"server ID","location":"NL","User":"uHFxxxxx","Password":"4Djxxxxx"},"debug":null,"key":"f685eaa0f06e47faa2e6bb5002828b00"}"#))
        .unwrap();
    let (user, password) = result.ipmi_credentials().unwrap();
    assert_eq!((user.as_str(), password.expose()), ("uHFxxxxx", "4Djxxxxx"));
    assert!(!format!("{result:?}").contains("4Djxxxxx"));
    assert!(!serde_json::to_string(&result).unwrap().contains("4Djxxxxx"));
    let remove = api().remove_ipmi_user("34533").unwrap();
    assert_request(
        remove.request(),
        &post(
            "/eq.php",
            &[
                ("action", "remove_ipmi_user"),
                ("token", TOKEN),
                ("id", "34533"),
            ],
        ),
    );
    let removed = api()
        .check("f685eaa0f06e47faa2e6bb5002828b00")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"2021/05/17 22:50:49  User removed","context":{"action":"remove_ipmi_user","id":"Server ID","location":"NL","User":"uHFxxxxx"},"debug":null,"key":"f685eaa0f06e47faa2e6bb5002828b00"}"#))
        .unwrap();
    assert_eq!(removed.context.user.as_deref(), Some("uHFxxxxx"));
    assert!(removed.ipmi_credentials().is_none());
}

#[test]
fn unit_reset() {
    let call = api().unit_reset("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/eq.php",
            &[
                ("action", "unit_reset"),
                ("token", TOKEN),
                ("id", "34533"),
                ("pin", "1907"),
            ],
        ),
    );
    let result = api()
        .check("f685eaa0f06e47faa2e6bb5002828b00")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"Unit is reset","context":{"action":"unit_reset","id":"Server ID","location":"NL"},"debug":"Sent cold reset command to MC","key":"f685eaa0f06e47faa2e6bb5002828b00"}"#))
        .unwrap();
    assert_eq!(
        result.debug.as_deref(),
        Some("Sent cold reset command to MC")
    );
    assert!(
        matches!(no_pin().unit_reset("34533"), Err(ProviderError::Validation { ref field, .. }) if field == "pin")
    );
}

#[test]
fn static_nat_is_polled_on_nat_callback() {
    let call = api().add_static_nat("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/nat.php",
            &[
                ("action", "add_static_nat"),
                ("token", TOKEN),
                ("id", "34533"),
                ("pin", "1907"),
            ],
        ),
    );
    let accepted = call
        .parse(&ok(r#"{"result":"OK","action":"add_static_nat","callback":"7bc29eb23fb1b879b21fce509597f07c"}"#))
        .unwrap();
    let op = accepted.operation();
    assert_eq!(
        op,
        Operation::Hostkey {
            key: "7bc29eb23fb1b879b21fce509597f07c".into(),
            nat: true
        }
    );
    let poll = api().check_operation(&op).unwrap();
    assert_request(
        poll.request(),
        &Expected {
            method: "GET",
            path: "/nat_callback.php",
            query: &[
                ("action", "check"),
                ("key", "7bc29eb23fb1b879b21fce509597f07c"),
            ],
            headers: &[],
            body: None,
        },
    );
    assert_eq!(poll.request().uri().to_string(), "https://invapi.hostkey.com/nat_callback.php?action=check&key=7bc29eb23fb1b879b21fce509597f07c");
    let result = poll
        .parse(&ok(r#"{"result":"OK","scope":"5.39.221.32","context":{"action":"add_static_nat","id":"server ID","location":"NL"},"debug":"/ip/firewall/nat/add=action=dst-nat=chain=dstnat=dst-address=5.39.221.32=to-addresses=10.77.21.239=.proplist=chain","key":"7bc29eb23fb1b879b21fce509597f07c"}"#))
        .unwrap();
    assert_eq!(
        hostkey::progress(&result).message.as_deref(),
        Some("5.39.221.32")
    );
    let remove = api().remove_static_nat("34533").unwrap();
    assert_request(
        remove.request(),
        &post(
            "/nat.php",
            &[
                ("action", "remove_static_nat"),
                ("token", TOKEN),
                ("id", "34533"),
            ],
        ),
    );
    let removed = remove
        .parse(&ok(r#"{"result":"OK","action":"remove_static_nat","callback":"f685eaa0f06e47faa2e6bb5002828b00"}"#))
        .unwrap();
    assert!(removed.nat);
    let closed = api()
        .check_nat("f685eaa0f06e47faa2e6bb5002828b00")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"5.39.221.32","context":{"action":"remove_staticnat","id":"server ID","location":"NL"},"debug":"/ip/firewall/nat/remove=.id=*42B=.proplist=chain","key":"f685eaa0f06e47faa2e6bb5002828b00"}"#))
        .unwrap();
    assert_eq!(closed.context.action.as_deref(), Some("remove_staticnat"));
    assert!(
        matches!(no_pin().add_static_nat("34533"), Err(ProviderError::Validation { ref field, .. }) if field == "pin")
    );
}
