//! net.php, ip.php and pdns.php examples.

use super::common::{assert_request, ok, response};
use super::{api, post, TOKEN};
use providers::hostkey::{self, CactiGraph, DnsRecord, NewZone, Soa, Srv, ZoneKind};
use providers::ProviderError;

#[test]
fn port_status_is_json_in_the_scope() {
    let call = api().port_status("34533").unwrap();
    assert_request(
        call.request(),
        &post(
            "/net.php",
            &[
                ("action", "get_status"),
                ("token", TOKEN),
                ("id", "34533"),
                ("pin", "1907"),
            ],
        ),
    );
    assert_eq!(
        call.parse(&ok(
            r#"{"result":"OK","action":"get_status","callback":"a1bc5aebbfb62a8350020d9da42e1c1e"}"#
        ))
        .unwrap()
        .callback,
        "a1bc5aebbfb62a8350020d9da42e1c1e"
    );
    let result = api()
        .check("a1bc5aebbfb62a8350020d9da42e1c1e")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"{\"switch\":\"virtual\",\"port\":\"virtual\",\"vlan\":\"v415\",\"speed\":\"1000\",\"status\":\"connected\",\"mac\":[\"56:6f:ff:5b:08:7b\"],\"port_security\":\"\",\"shape\":\"\",\"interface\":\"eth0\"}","context":{"action":"get_status","id":"34533","location":"NL","ip_ipmi":"0.0.0.0","interface_id":"eth0","port":"eth0"},"debug":"get status port via Ovirt API","key":"a1bc5aebbfb62a8350020d9da42e1c1e"}"#))
        .unwrap();
    let port = result.port_status().unwrap();
    assert_eq!(
        (
            port.switch.as_deref(),
            port.vlan.as_deref(),
            port.speed.as_deref()
        ),
        (Some("virtual"), Some("v415"), Some("1000"))
    );
    assert_eq!(
        (port.status.as_deref(), port.interface.as_deref()),
        (Some("connected"), Some("eth0"))
    );
    assert_eq!(port.mac, vec!["56:6f:ff:5b:08:7b"]);
    assert_eq!(
        (
            result.context.interface_id.as_deref(),
            result.context.port.as_deref()
        ),
        (Some("eth0"), Some("eth0"))
    );
    assert_eq!(result.context.ip_ipmi.as_deref(), Some("0.0.0.0"));
}

#[test]
fn port_off_and_on() {
    for (name, key, scope, debug) in [
        (
            "port_off",
            "97b516c96623a69f707ba423c4e51a30",
            "Port is off",
            "Unplugged",
        ),
        (
            "port_on",
            "4bf035a1b4259cd0df21a4ee1faea867",
            "Port is on",
            "Plugged",
        ),
    ] {
        let call = if name == "port_off" {
            api().port_off("34533", "eth0")
        } else {
            api().port_on("34533", "eth0")
        }
        .unwrap();
        assert_request(
            call.request(),
            &post(
                "/net.php",
                &[
                    ("action", name),
                    ("token", TOKEN),
                    ("id", "34533"),
                    ("port", "eth0"),
                    ("pin", "1907"),
                ],
            ),
        );
        let accepted = call
            .parse(&ok(&format!(
                r#"{{"result":"OK","action":"{name}","callback":"{key}"}}"#
            )))
            .unwrap();
        assert_eq!(accepted.action.as_deref(), Some(name));
        let result = api()
            .check(key)
            .unwrap()
            .parse(&ok(&format!(r#"{{"result":"OK","scope":"{scope}","context":{{"action":"{name}","id":"34533","location":"NL","ip_ipmi":"0.0.0.0","interface_id":"eth0","port":"eth0"}},"debug":"{debug}","key":"{key}"}}"#)))
            .unwrap();
        assert_eq!(hostkey::progress(&result).message.as_deref(), Some(scope));
        assert_eq!(result.debug.as_deref(), Some(debug));
    }
    assert!(
        matches!(api().port_on("34533", ""), Err(ProviderError::Validation { ref field, .. }) if field == "port")
    );
    assert!(
        matches!(api().port_off("34533", "eth0; rm"), Err(ProviderError::Validation { ref field, .. }) if field == "port")
    );
}

#[test]
fn show_cacti_returns_image_bytes() {
    let call = api()
        .show_cacti("34533", "eth0", CactiGraph::Daily)
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/net.php",
            &[
                ("action", "show_cacti"),
                ("token", TOKEN),
                ("id", "34533"),
                ("port", "eth0"),
                ("graph", "1"),
                ("pin", "1907"),
            ],
        ),
    );
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    let mut r = http::Response::new(png.to_vec());
    r.headers_mut()
        .insert("content-type", "image/png".parse().unwrap());
    let image = call.parse(&r).unwrap();
    assert_eq!(image.bytes, png.to_vec());
    assert_eq!(image.content_type, "image/png");
    let untyped = call.parse(&http::Response::new(png.to_vec())).unwrap();
    assert_eq!(
        untyped.content_type, "image/png",
        "the expected type when none is sent"
    );
    assert!(
        !format!("{image:?}").contains("PNG"),
        "Debug shows the size, not the bytes"
    );
}

#[test]
fn show_cacti_failure_is_json() {
    let call = api()
        .show_cacti("34533", "eth0", CactiGraph::Annual)
        .unwrap();
    assert_eq!(super::field(call.request(), "graph").as_deref(), Some("3"));
    let err = call
        .parse(&ok(r#"{"result":-1,"action":"show_cacti","error":"net/show_cacti: failed to load img for server 34533 port eth0: failed to find cacti id for this server interface","context":{"id":34533,"port":"eth0"}}"#))
        .unwrap_err();
    match err {
        ProviderError::Provider { status, message } => {
            assert_eq!(status, 200);
            assert!(message.contains("failed to find cacti id"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        call.parse(&ok(r#"{"result":"OK"}"#)),
        Err(ProviderError::UnexpectedBody { .. })
    ));
    assert!(matches!(
        call.parse(&response(200, "", &[])),
        Err(ProviderError::UnexpectedBody { .. })
    ));
    for (n, graph) in [
        (1, CactiGraph::Daily),
        (2, CactiGraph::Monthly),
        (3, CactiGraph::Annual),
    ] {
        assert_eq!(CactiGraph::from_number(n).unwrap(), graph);
    }
    assert!(
        matches!(CactiGraph::from_number(4), Err(ProviderError::Validation { ref field, .. }) if field == "graph")
    );
}

#[test]
fn block_and_unblock_ip() {
    let call = api()
        .block_ip("34533", "176.222.34.23", "abuse report 1", Some(true))
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/net.php",
            &[
                ("action", "block_ip"),
                ("token", TOKEN),
                ("id", "34533"),
                ("ip", "176.222.34.23"),
                ("pin", "1907"),
                ("description", "abuse report 1"),
                ("four_hours", "1"),
            ],
        ),
    );
    assert_eq!(
        call.parse(&ok(
            r#"{"result":"OK","action":"block_ip","callback":"1b949432268e77944eb66db6ff03043c"}"#
        ))
        .unwrap()
        .callback,
        "1b949432268e77944eb66db6ff03043c"
    );
    let blocked = api()
        .check("1b949432268e77944eb66db6ff03043c")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"blocked","context":{"action":"block_ip","id":"34533","ip":"176.222.34.23"},"debug":null,"key":"1b949432268e77944eb66db6ff03043c"}"#))
        .unwrap();
    assert_eq!(blocked.context.location, None, "block_ip has no location");
    assert_eq!(
        hostkey::progress(&blocked).message.as_deref(),
        Some("blocked")
    );
    let unblock = api().unblock_ip("34533", "176.222.34.23").unwrap();
    assert_request(
        unblock.request(),
        &post(
            "/net.php",
            &[
                ("action", "unblock_ip"),
                ("token", TOKEN),
                ("id", "34533"),
                ("ip", "176.222.34.23"),
                ("pin", "1907"),
            ],
        ),
    );
    let result = api()
        .check("175f385f730fe58327eaa7ab098fce2e")
        .unwrap()
        .parse(&ok(r#"{"result":"OK","scope":"unblocked","context":{"action":"unblock_ip","id":"34533","ip":"176.222.34.23"},"debug":null,"key":"175f385f730fe58327eaa7ab098fce2e"}"#))
        .unwrap();
    assert_eq!(result.scope.as_deref(), Some("unblocked"));
    assert!(
        matches!(api().block_ip("34533", "176.222.34.23", " ", None), Err(ProviderError::Validation { ref field, .. }) if field == "description")
    );
    assert!(
        matches!(api().block_ip("34533", "176.222.34", "x", None), Err(ProviderError::Validation { ref field, .. }) if field == "ip")
    );
}

#[test]
fn get_ip_has_no_envelope() {
    let call = api().get_ip("176.222.34.23").unwrap();
    assert_request(
        call.request(),
        &post(
            "/ip.php",
            &[
                ("action", "get_ip"),
                ("token", TOKEN),
                ("ip", "176.222.34.23"),
            ],
        ),
    );
    let info = call
        .parse(&ok(r#"{"network":"176.222.34.0","broadcast":"176.222.34.127","netmask":"255.255.255.128","gateway":"176.222.34.1","vlan":415,"subnet_id":517,"cidr":25,"location":"NL","ip":"176.222.34.23"}"#))
        .unwrap();
    assert_eq!(
        (info.network.as_str(), info.gateway.as_deref(), info.cidr),
        ("176.222.34.0", Some("176.222.34.1"), Some(25))
    );
    assert_eq!(
        (
            info.vlan.as_deref(),
            info.subnet_id.as_deref(),
            info.ip.as_str()
        ),
        (Some("415"), Some("517"), "176.222.34.23")
    );
}

#[test]
fn get_ptr() {
    let call = api().get_ptr("34533", "176.222.34.23").unwrap();
    assert_request(
        call.request(),
        &post(
            "/ip.php",
            &[
                ("action", "get_ptr"),
                ("token", TOKEN),
                ("id", "34533"),
                ("ip", "176.222.34.23"),
            ],
        ),
    );
    let ptr = call
        .parse(&ok(r#"{"result":"OK","message":["mail.example.net."]}"#))
        .unwrap();
    assert_eq!(ptr.names, vec!["mail.example.net."]);
}

#[test]
fn update_ptr_joins_names_with_newlines() {
    let call = api()
        .update_ptr(
            "34533",
            "176.222.34.23",
            &["mail.example.net.", "smtp.example.net"],
        )
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/ip.php",
            &[
                ("action", "update_ptr"),
                ("token", TOKEN),
                ("id", "34533"),
                ("ip", "176.222.34.23"),
                ("ptr", "mail.example.net.\nsmtp.example.net"),
            ],
        ),
    );
    assert!(String::from_utf8_lossy(call.request().body())
        .contains("ptr=mail.example.net.%0Asmtp.example.net"));
    assert_eq!(
        call.parse(&ok(r#"{"result":"OK","message":""}"#))
            .unwrap()
            .message
            .as_deref(),
        Some("")
    );
    for bad in ["-bad.example.com", "bad..example", "under score!.com", ""] {
        assert!(
            matches!(api().update_ptr("34533", "176.222.34.23", &[bad]), Err(ProviderError::Validation { ref field, .. }) if field == "ptr"),
            "{bad}"
        );
    }
    assert!(
        matches!(api().update_ptr("34533", "176.222.34.23", &[]), Err(ProviderError::Validation { ref field, .. }) if field == "ptr")
    );
}

#[test]
fn set_main() {
    let call = api()
        .set_main("34533", "176.222.34.23", "176.222.34.23")
        .unwrap();
    assert_request(
        call.request(),
        &post(
            "/ip.php",
            &[
                ("action", "set_main"),
                ("token", TOKEN),
                ("id", "34533"),
                ("ip", "176.222.34.23"),
                ("main", "176.222.34.23"),
            ],
        ),
    );
    let done = call
        .parse(&ok(
            r#"{"result":"OK","message":"176.222.34.23 set as main address"}"#,
        ))
        .unwrap();
    assert_eq!(
        done.message.as_deref(),
        Some("176.222.34.23 set as main address")
    );
}

#[test]
fn pdns_domains() {
    let list = api().list_domains().unwrap();
    assert_request(
        list.request(),
        &post("/pdns.php", &[("action", "list_domains"), ("token", TOKEN)]),
    );
    let domains = list.parse(&ok(r#"{"result":"OK","module":"pdns","action":"list_domains","data":[{"id":232,"name":"mydomen.com"}]}"#)).unwrap();
    assert_eq!(
        (domains[0].id.as_str(), domains[0].name.as_str()),
        ("232", "mydomen.com")
    );
    let add = api().add_domain("mydomen.com").unwrap();
    assert_request(
        add.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "add_domain"),
                ("token", TOKEN),
                ("name", "mydomen.com"),
            ],
        ),
    );
    assert_eq!(
        add.parse(&ok(
            r#"{"result":"OK","module":"pdns","action":"add_domain","data":[{"id":1}]}"#
        ))
        .unwrap()[0]
            .id,
        "1"
    );
    let delete = api().delete_domain("34533", "232").unwrap();
    assert_request(
        delete.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "delete_domain"),
                ("token", TOKEN),
                ("server_id", "34533"),
                ("domain_id", "232"),
            ],
        ),
    );
    assert_eq!(
        delete
            .parse(&ok(
                r#"{"result":"OK","module":"pdns","action":"delete_domain","data":[{"id":1}]}"#
            ))
            .unwrap()
            .len(),
        1
    );
    assert!(
        matches!(api().add_domain("not a domain"), Err(ProviderError::Validation { ref field, .. }) if field == "name")
    );
}

#[test]
fn pdns_subdomains() {
    let list = api().list_subdomains("3").unwrap();
    assert_request(
        list.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "list_subdomains"),
                ("token", TOKEN),
                ("server_id", "3"),
            ],
        ),
    );
    let subs = list
        .parse(&ok(r#"{"result":"OK","module":"pdns","action":"list_subdomains","data":[{"id":1,"name":"subdomain","domain_id":2,"server_id":3}]}"#))
        .unwrap();
    assert_eq!(
        (
            subs[0].name.as_str(),
            subs[0].domain_id.as_str(),
            subs[0].server_id.as_str()
        ),
        ("subdomain", "2", "3")
    );
    let add = api().add_subdomain("3", "2", "subdomain").unwrap();
    assert_request(
        add.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "add_subdomain"),
                ("token", TOKEN),
                ("server_id", "3"),
                ("domain_id", "2"),
                ("name", "subdomain"),
            ],
        ),
    );
    assert_eq!(
        add.parse(&ok(
            r#"{"result":"OK","module":"pdns","action":"add_subdomain","data":[{"id":1}]}"#
        ))
        .unwrap()[0]
            .id,
        "1"
    );
    let edit = api().edit_subdomain("3", "1").unwrap();
    assert_request(
        edit.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "edit_subdomain"),
                ("token", TOKEN),
                ("server_id", "3"),
                ("id", "1"),
            ],
        ),
    );
    assert_eq!(
        edit.parse(&ok(
            r#"{"result":"OK","module":"pdns","action":"edit_subdomain","data":[{"id":1}]}"#
        ))
        .unwrap()[0]
            .id,
        "1"
    );
    let delete = api().delete_subdomain("3", "1").unwrap();
    assert_request(
        delete.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "delete_subdomain"),
                ("token", TOKEN),
                ("server_id", "3"),
                ("id", "1"),
            ],
        ),
    );
    let deleted = delete
        .parse(&ok(
            r#"{"result":"OK","module":"pdns","action":"delete_domain","data":[{"id":1}]}"#,
        ))
        .unwrap();
    assert_eq!(
        deleted[0].id, "1",
        "the echoed action `delete_domain` is ignored"
    );
}

const ZONE: &str = r#"{"account":"","api_rectify":false,"dnssec":false,"edited_serial":2023101604,"id":"aaa.com.","kind":"Master","last_check":0,"master_tsig_key_ids":[],"masters":[],"name":"aaa.com.","notified_serial":2023101604,"nsec3narrow":false,"nsec3param":"","rrsets":[{"comments":[],"name":"tesrt._domainkey.aaa.com.","records":[{"content":"\"v=DKIM1; p=dsdsdsd\"","disabled":false}],"ttl":3600,"type":"TXT"}],"serial":2023101604,"slave_tsig_key_ids":[],"soa_edit":"","soa_edit_api":"DEFAULT","url":"/api/v1/servers/localhost/zones/aaa.com."}"#;

#[test]
fn pdns_zones() {
    let list = api().list_zones().unwrap();
    assert_request(
        list.request(),
        &post("/pdns.php", &[("action", "list_zones"), ("token", TOKEN)]),
    );
    let zones = list
        .parse(&ok(r#"{"result":"OK","module":"pdns","action":"list_zones","data":[{"account":"","dnssec":false,"edited_serial":2018041900,"id":"hostbuy.com.","kind":"Master","last_check":1612322161,"masters":["141.105.71.185"],"name":"hostbuy.com.","notified_serial":2018041900,"serial":2018041900,"url":"/api/v1/servers/localhost/zones/hostbuy.com."}]}"#))
        .unwrap();
    assert_eq!(
        (
            zones[0].id.as_str(),
            zones[0].kind.as_deref(),
            zones[0].serial
        ),
        ("hostbuy.com.", Some("Master"), Some(2_018_041_900))
    );
    assert_eq!(zones[0].masters, vec!["141.105.71.185"]);
    let view = api().view_zone("aaa.com.").unwrap();
    assert_request(
        view.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "view_zone"),
                ("token", TOKEN),
                ("zone", "aaa.com."),
            ],
        ),
    );
    let zone = &view
        .parse(&ok(&format!(
            r#"{{"result":"OK","module":"pdns","action":"view_zone","data":[{ZONE}]}}"#
        )))
        .unwrap()[0];
    assert_eq!(zone.rrsets[0].kind, "TXT");
    assert_eq!(zone.rrsets[0].records[0].content, "\"v=DKIM1; p=dsdsdsd\"");
    assert_eq!(zone.soa_edit_api.as_deref(), Some("DEFAULT"));
    let delete = api().delete_zone("aaa.com").unwrap();
    assert_request(
        delete.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "delete_zone"),
                ("token", TOKEN),
                ("zone", "aaa.com"),
            ],
        ),
    );
    assert!(delete
        .parse(&ok(
            r#"{"result":"OK","module":"pdns","action":"delete_zone","data":null}"#
        ))
        .unwrap()
        .is_null());
}

#[test]
fn pdns_add_zone_as_in_the_example() {
    let zone = NewZone {
        server_id: Some("34533".into()),
        name: "example.com".into(),
        rrsets: true,
        dnssec: false,
        kind: ZoneKind::Master,
        masters: Vec::new(),
        soa: Soa::new("ns1.hostkey.com", "admin.example.com", 2_023_101_800),
        nameservers: vec!["ns1.hostkey.com".into(), "ns1.hostkey.com".into()],
    };
    let call = api().add_zone(&zone).unwrap();
    assert_request(
        call.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "add_zone"),
                ("token", TOKEN),
                ("server_id", "34533"),
                ("zonename", "example.com"),
                ("rrsets", "true"),
                ("dnssec", "false"),
                ("kind", "master"),
                ("masters[]", "[]"),
                ("dns[ttl]", "3600"),
                ("dns[mname]", "ns1.hostkey.com"),
                ("dns[rname]", "admin.example.com"),
                ("dns[serial]", "2023101800"),
                ("dns[refresh]", "14400"),
                ("dns[retry]", "3600"),
                ("dns[expire]", "604800"),
                ("dns[minimum]", "3600"),
                ("nameservers[]", "ns1.hostkey.com"),
                ("nameservers[]", "ns1.hostkey.com"),
            ],
        ),
    );
    let zones = call
        .parse(&ok(&format!(
            r#"{{"result":"OK","module":"pdns","action":"view_zone","data":[{ZONE}]}}"#
        )))
        .unwrap();
    assert_eq!(zones[0].name, "aaa.com.");
    let mut slave = zone.clone();
    slave.kind = ZoneKind::Slave;
    assert!(
        matches!(api().add_zone(&slave), Err(ProviderError::Validation { ref field, .. }) if field == "masters")
    );
    slave.masters = vec!["141.105.71.185".into()];
    let with_master = api().add_zone(&slave).unwrap();
    assert_eq!(
        super::field(with_master.request(), "masters[]").as_deref(),
        Some("141.105.71.185")
    );
    assert_eq!(
        super::field(with_master.request(), "kind").as_deref(),
        Some("slave")
    );
    let mut bare = zone;
    bare.nameservers.clear();
    assert!(
        matches!(api().add_zone(&bare), Err(ProviderError::Validation { ref field, .. }) if field == "nameservers")
    );
    assert_eq!(
        NewZone::DEFAULT_NAMESERVERS,
        ["ns1.hostkey.com", "ns2.hostkey.com"]
    );
}

fn record() -> DnsRecord {
    DnsRecord {
        zone: "example.com".into(),
        name: Some("www".into()),
        old_name: Some(String::new()),
        record_type: "A".into(),
        content: "10.56.121.5 10.56.121.6".into(),
        ttl: Some(3600),
        increase_soa_serial: Some(true),
        soa: Soa::new("ns1.example.com", "admin.example.com", 2_023_101_800),
        srv: Some(Srv {
            proto: "tcp".into(),
            priority: 10,
            weight: 5,
            port: 450,
            target: "example.com.".into(),
        }),
        masters: Some(Vec::new()),
        dns: Some(Soa::new(
            "ns1.example.com",
            "admin.example.com",
            2_023_101_800,
        )),
        nameservers: vec!["ns1.example.com".into(), "ns1.example.com".into()],
    }
}

#[test]
fn pdns_add_dns_as_in_the_example() {
    let call = api().add_dns(&record()).unwrap();
    assert_request(
        call.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "add_dns"),
                ("token", TOKEN),
                ("zone", "example.com"),
                ("name", "www"),
                ("old_name", ""),
                ("type", "A"),
                ("content", "10.56.121.5 10.56.121.6"),
                ("ttl", "3600"),
                ("increase_soa_serial", "1"),
                ("mname", "ns1.example.com"),
                ("rname", "admin.example.com"),
                ("serial", "2023101800"),
                ("refresh", "14400"),
                ("retry", "3600"),
                ("expire", "604800"),
                ("minimum", "3600"),
                ("proto", "tcp"),
                ("priority", "10"),
                ("weight", "5"),
                ("port", "450"),
                ("target", "example.com."),
                ("masters", "[]"),
                ("dns[ttl]", "3600"),
                ("dns[mname]", "ns1.example.com"),
                ("dns[rname]", "admin.example.com"),
                ("dns[serial]", "2023101800"),
                ("dns[refresh]", "14400"),
                ("dns[retry]", "3600"),
                ("dns[expire]", "604800"),
                ("dns[minimum]", "3600"),
                ("nameservers[]", "ns1.example.com"),
                ("nameservers[]", "ns1.example.com"),
            ],
        ),
    );
    assert!(call
        .parse(&ok(
            r#"{"result":"OK","module":"pdns","action":"delete_zone","data":null}"#
        ))
        .unwrap()
        .is_null());
}

#[test]
fn pdns_record_type_and_content_are_required() {
    let mut r = record();
    r.record_type = " ".into();
    assert!(
        matches!(api().add_dns(&r), Err(ProviderError::Validation { ref field, .. }) if field == "type")
    );
    let mut r = record();
    r.record_type = "A; DROP".into();
    assert!(
        matches!(api().add_dns(&r), Err(ProviderError::Validation { ref field, .. }) if field == "type")
    );
    let mut r = record();
    r.content = "".into();
    assert!(
        matches!(api().add_dns(&r), Err(ProviderError::Validation { ref field, .. }) if field == "content")
    );
    let mut r = record();
    r.soa.mname = "".into();
    assert!(
        matches!(api().add_dns(&r), Err(ProviderError::Validation { ref field, .. }) if field == "mname")
    );
    let mut r = record();
    r.record_type = "aaaa".into();
    r.srv = None;
    r.masters = None;
    r.dns = None;
    let call = api().add_dns(&r).unwrap();
    assert_eq!(
        super::field(call.request(), "type").as_deref(),
        Some("AAAA")
    );
    assert_eq!(super::field(call.request(), "proto"), None);
    assert_eq!(super::field(call.request(), "masters"), None);
}

#[test]
fn pdns_delete_dns_sends_one_action() {
    let call = api().delete_dns("example.com", "www", "A").unwrap();
    assert_request(
        call.request(),
        &post(
            "/pdns.php",
            &[
                ("action", "delete_dns"),
                ("token", TOKEN),
                ("zone", "example.com"),
                ("name", "www"),
                ("type", "A"),
            ],
        ),
    );
    assert!(call
        .parse(&ok(
            r#"{"result":"OK","module":"pdns","action":"delete_dns","data":null}"#
        ))
        .unwrap()
        .is_null());
    assert!(
        matches!(api().delete_dns("example.com", "www", ""), Err(ProviderError::Validation { ref field, .. }) if field == "type")
    );
}
