//! The public ordering catalogue: presets, os, software, traffic_plans,
//! stocks and jenkins examples (no token is sent).

use super::common::{assert_request, ok};
use super::{anonymous, api, post};
use providers::hostkey::{self, StockGroup, StockLocation, TagValue};
use providers::{Money, ProviderError};
use rust_decimal::Decimal;

const PRESETS: &str = r#"{"result":"OK","action":"list","presets":[{"id":108,"name":"vm.pico","active":1,"monthly_com":3,"description":"VM instance 1/1/15 SSD","cpu":1,"ram":1,"hdd":"15","gpu":"","locations":"NL,US,FI,DE,IS,TR,UK","virtual":1,"price":{"NL":{"USD":-1,"EUR":3},"US":{"USD":-1,"EUR":3},"FI":{"USD":-1,"EUR":3},"DE":{"USD":-1,"EUR":3},"IS":{"USD":-1,"EUR":3},"TR":{"USD":-1,"EUR":3}},"available":184,"server_type":"Virtual Private Server","tags":[{"id":312305,"component":"presets","component_id":108,"tag":"stock","value":"10","extra":"","internal":0},{"id":312306,"component":"presets","component_id":108,"tag":"web_group","value":"General","extra":"vm","internal":0},{"id":312307,"component":"presets","component_id":108,"tag":"pid_fi","value":"3216","extra":"","internal":0},{"id":346027,"component":"presets","component_id":108,"tag":"web_hdd","value":"SSD","extra":"","internal":0},{"id":346292,"component":"presets","component_id":108,"tag":"web_storage","value":"true","extra":"15GB SSD","internal":0},{"id":438294,"component":"presets","component_id":108,"tag":"pid_de","value":"3219","extra":"","internal":0},{"id":481712,"component":"presets","component_id":108,"tag":"web_geekbench_score_max","value":"11121","extra":"","internal":0},{"id":559071,"component":"presets","component_id":108,"tag":"pre_order","value":"true","extra":"TR","internal":0},{"id":736612,"component":"presets","component_id":108,"tag":"no_increase","value":"","extra":"","internal":0},{"id":312308,"component":"presets","component_id":108,"tag":"vm","value":"true","extra":"","internal":1},{"id":312309,"component":"presets","component_id":108,"tag":"compute","value":"1","extra":"","internal":1},{"id":312311,"component":"presets","component_id":108,"tag":"web_ghz","value":"2.6","extra":"","internal":1},{"id":312312,"component":"presets","component_id":108,"tag":"web_addinfo","value":"true","extra":"param1=Delivery ETA: from 2-5 minutes param2=Upgrade: No","internal":1},{"id":312315,"component":"presets","component_id":108,"tag":"pid_nl","value":"3201","extra":"","internal":1},{"id":312316,"component":"presets","component_id":108,"tag":"pid_us","value":"3203","extra":"","internal":1},{"id":458740,"component":"presets","component_id":108,"tag":"web_geekbench_score","value":"492","extra":"Performance","internal":1},{"id":567279,"component":"presets","component_id":108,"tag":"web_label","value":"true","extra":"[{ &quot;name&quot;: &quot;SSD + Xeon E5-26xx&quot;,&quot;color&quot;: &quot;#E23329&quot;,&quot;number&quot;: 2}]","internal":1},{"id":580969,"component":"presets","component_id":108,"tag":"pid_is","value":"3221","extra":"","internal":1},{"id":581092,"component":"presets","component_id":108,"tag":"pid_tr","value":"3223","extra":"","internal":1}]},{"id":15,"name":"bm.v1-mini","active":1,"monthly_com":35,"description":"BM i3/8/240","cpu":2,"ram":8,"hdd":240,"gpu":"","locations":"NL","virtual":0,"tags":[{"id":7130,"tag":"bm","value":"true","extra":"","internal":1}],"available":3},{"id":8,"name":"vgpu.v1-mini","active":1,"monthly_com":157,"description":"vGPU 4/16/240 + 1080","cpu":4,"ram":16,"hdd":240,"gpu":"1xGTX1080","locations":"NL","virtual":1,"tags":[{"id":7118,"tag":"gpu","value":"1","extra":"","internal":1},{"id":11428,"tag":"vgpu","value":"true","extra":"","internal":1}],"available":1}]}"#;
const OS_LIST: &str = r#"{"result":"OK","action":"list","os_list":[{"id":183,"name":"RockyLinux 8","api_enabled":0,"type_login":1,"pxe_os_id":null,"active":1,"description":"","tags":[{"id":78797,"tag":"bm","value":"true","extra":"","component_id":183,"component":"OS","internal":0},{"id":78798,"tag":"gpu","value":"true","extra":"","component_id":183,"component":"OS","internal":0},{"id":78799,"tag":"vgpu","value":"true","extra":"","component_id":183,"component":"OS","internal":0},{"id":78800,"tag":"vm","value":"true","extra":"","component_id":183,"component":"OS","internal":0},{"id":264231,"tag":"family","value":"RockyLinux","extra":"50","component_id":183,"component":"OS","internal":0},{"id":627236,"tag":"vds","value":"","extra":"","component_id":183,"component":"OS","internal":0}]},{"id":202,"name":"Windows Server 2022 VM","api_enabled":0,"type_login":1,"pxe_os_id":null,"active":0,"description":"WS22 DC for VMs","tags":[{"id":241628,"tag":"vm","value":"true","extra":"","component_id":202,"component":"OS","internal":0},{"id":241630,"tag":"min_ram","value":"4","extra":"","component_id":202,"component":"OS","internal":0},{"id":241631,"tag":"min_hdd","value":"32","extra":"","component_id":202,"component":"OS","internal":0},{"id":241632,"tag":"price_per_core_EUR","value":"2","extra":"","component_id":202,"component":"OS","internal":0},{"id":241634,"tag":"user_name","value":"Administrator","extra":"","component_id":202,"component":"OS","internal":0},{"id":264276,"tag":"family","value":"Windows Server","extra":"70","component_id":202,"component":"OS","internal":0},{"id":264320,"tag":"short_name","value":"WS 2022 for VPS","extra":"","component_id":202,"component":"OS","internal":0}],"price_EUR":2,"billing_plan":{"EUR":{"1":2,"3":6,"6":12,"12":24}}}]}"#;
const SOFTWARE: &str = r#"{"result":"OK","action":"list","software":[{"id":26,"name":"3X-UI + Shadowsocks/Xray/V2ray VPN server","description":"3X-UI provides a graphical user interface for managing a private VPN server with Shadowsocks, V2ray, Xray, Trojan and other popular protocols.","price":0,"active":1,"icon":"","task":"invapi_external_3x_vpn_ui_install.dsl","tags":[{"id":325472,"tag":"vm","value":"1","extra":"","component_id":26,"component":"software","internal":1},{"id":325473,"tag":"bm","value":"1","extra":"","component_id":26,"component":"software","internal":1},{"id":325474,"tag":"group","value":"VPN servers","extra":"","component_id":26,"component":"software","internal":0},{"id":325475,"tag":"task","value":"invapi_external_3x_vpn_ui_install.dsl","extra":"","component_id":26,"component":"software","internal":1},{"id":325476,"tag":"family","value":"VPN servers","extra":"120","component_id":26,"component":"software","internal":0},{"id":345944,"tag":"description_en","value":"","extra":"Various web-panels and software for a private VPN servers","component_id":26,"component":"software","internal":0},{"id":351007,"tag":"vgpu","value":"1","extra":"","component_id":26,"component":"software","internal":1},{"id":353230,"tag":"gpu","value":"1","extra":"","component_id":26,"component":"software","internal":1},{"id":356028,"tag":"os","value":["160","183","184","157","180","144","187","193"],"extra":"U20.4, U22.4, RL8, AL8, D10, D11","component_id":26,"component":"software","internal":0},{"id":538578,"tag":"min_cpu","value":"1","extra":"","component_id":26,"component":"software","internal":0},{"id":538579,"tag":"min_ram","value":"1","extra":"","component_id":26,"component":"software","internal":0},{"id":611129,"tag":"family_desc_en","value":"","extra":"A VPN server is a type of server that enables the hosting and delivery of VPN services. It is a combination of hardware and software technologies that provide a secure connection. Get your ready-to-go VPN server in 15 minutes.","component_id":26,"component":"software","internal":0},{"id":1142361,"tag":"timeout","value":"600","extra":"","component_id":26,"component":"software","internal":1}]},{"id":65,"name":"Minecraft: Java Edition Server","description":"Minecraft: Java Edition Server is a player-owned or business-owned multiplayer game server software.","price":0,"active":1,"icon":"","task":"invapi_external_minecraft_server_install.dsl","tags":[{"id":856009,"tag":"vm","value":"1","extra":"","component_id":65,"component":"software","internal":1},{"id":856011,"tag":"bm","value":"1","extra":"","component_id":65,"component":"software","internal":1},{"id":856013,"tag":"vgpu","value":"1","extra":"","component_id":65,"component":"software","internal":1},{"id":856016,"tag":"min_cpu","value":"1","extra":"","component_id":65,"component":"software","internal":0},{"id":856020,"tag":"min_ram","value":"1","extra":"","component_id":65,"component":"software","internal":0},{"id":856023,"tag":"os","value":["180","219","219","160","187","217"],"extra":"D11,12 U20,22,23","component_id":65,"component":"software","internal":1},{"id":856063,"tag":"tasks","value":"invapi_external_minecraft_server_install.dsl","extra":"","component_id":65,"component":"software","internal":0},{"id":856073,"tag":"docs_en","value":"","extra":"https://url.hostkey.com/Minecraft","component_id":65,"component":"software","internal":0},{"id":856076,"tag":"group","value":"Games","extra":"","component_id":65,"component":"software","internal":0},{"id":856081,"tag":"family","value":"Games","extra":"31","component_id":65,"component":"software","internal":0},{"id":856089,"tag":"family_desc_en","value":"","extra":"Game servers are your gateway to hosting and managing online gaming experiences. From multiplayer setups to collaborative gameplay, this category offers server solutions optimized for seamless, high-performance gaming environments. With HOSTKEY you can build your own gaming infrastructure in a few clicks ordering servers with pre-installed games.","component_id":65,"component":"software","internal":0}]}]}"#;
const TRAFFIC_PLANS: &str = r#"{"result":"OK","action":"list","traffic_plans":[{"id":25,"name":"3Tb traffic (1Gbps) VM","limit_in":999,"limit_out":3,"rate_in":0,"rate_out":2,"bandwidth":1000,"locations":"NL,US,FI,DE,IS,TR,UK,","currency_id":0,"active":1,"web_plan":0,"price":0,"main_plan":37,"tags":[{"id":11449,"component":"traffic_plans","component_id":25,"tag":"vm","value":"true","extra":"","internal":1}]},{"id":37,"name":"3Tb traffic (1Gbps) VM","limit_in":999,"limit_out":3,"rate_in":0,"rate_out":180,"bandwidth":1000,"locations":"NL,US,FI,DE,IS,TR,UK,","currency_id":0,"active":1,"web_plan":0,"price":0,"main_plan":25,"tags":[{"id":11471,"component":"traffic_plans","component_id":37,"tag":"vm","value":"true","extra":"","internal":1}]}]}"#;
const STOCKS: &str = r#"{"result":"OK","action":"list","servers":[{"id":40514,"name":"40514","hardware":{"config":"AMD Ryzen 9 5950X 3.4GHz (16 cores)/128Gb/1Tb NVMe SSD/PSU","motherboard_name":"ASRock X570D4U","cpu_name":"AMD Ryzen 9 5950X 3.4GHz (16 cores)","cpu_type":"AMD-MODERN","cpu_count":1,"cpu_cores":16,"cpu_frq":"3.4","ram":128,"ram_type":"ddr4ecc","hdd_count":1,"hdd_groups":[{"name":"1Tb NVMe SSD","type":"HDD","count":1,"size":"1024"}],"hdd_pairs":0,"gpu_name":null,"gpu_count":0,"raid_levels":["LVM_HBA"]},"location":"FI","cpu_count":"1","cpu_perf":46719,"cpu_perflink":"http://www.cpubenchmark.net/cpu_lookup.php?cpu=AMD+Ryzen+9+5950X&id=3862","tags":{"ipmi":{"tag":"ipmi","value":"ami_bmc","extra":""}},"deployment_estimate":"auto","billing_plan":{"EUR":{"1":115,"3":334.65,"6":648.6,"12":1214.4}},"server_group":"Dedicated Server"},{"id":44717,"name":"44717 2U","hardware":{"config":"2xXeon E5-2680v2 2.8GHz (10 cores)/128Gb/960Gb SSD/2xPSU","motherboard_name":"DELL PE R720 MB (native)","cpu_name":"Xeon E5-2680v2 2.8GHz (10 cores)","cpu_type":"INTEL","cpu_count":2,"cpu_cores":20,"cpu_frq":"2.8","ram":128,"ram_type":"ddr3reg","hdd_count":1,"hdd_groups":[{"name":"960Gb SSD","type":"HDD","count":1,"size":"960"}],"hdd_pairs":0,"gpu_name":null,"gpu_count":0,"raid_levels":["LVM_HBA"]},"location":"FI","cpu_count":"2","cpu_perf":12615,"cpu_perflink":"http://www.cpubenchmark.net/cpu_lookup.php?cpu=Intel+Xeon+E5-2680+v2+%40+2.80GHz&id=2061","tags":{"ipmi":{"tag":"ipmi","value":"dell_idrac9","extra":""},"hwraid":{"tag":"hwraid","value":"1","extra":""}},"deployment_estimate":"auto","billing_plan":{"EUR":{"1":107,"3":311.37,"6":603.48,"12":1129.92}},"server_group":"Dedicated Server"}]}"#;
const STOCK: &str = r#"{"result":"OK","action":"show","server_data":{"id":44717,"name":"44717 2U","hardware":{"config":"2xXeon E5-2680v2 2.8GHz (10 cores)/128Gb/960Gb SSD/2xPSU","motherboard_name":"DELL PE R720 MB (native)","cpu_name":"Xeon E5-2680v2 2.8GHz (10 cores)","cpu_type":"INTEL","cpu_count":2,"cpu_cores":20,"cpu_frq":"2.8","ram":128,"ram_type":"ddr3reg","hdd_count":1,"hdd_groups":[{"name":"960Gb SSD","type":"HDD","count":1,"size":"960"}],"hdd_pairs":0,"gpu_name":null,"gpu_count":0,"raid_levels":["LVM_HBA"]},"location":{"dc_location":"FI","location_id":4,"country":"FI"},"cpu_count":"2","cpu_perf":12615,"cpu_perflink":"http://www.cpubenchmark.net/cpu_lookup.php?cpu=Intel+Xeon+E5-2680+v2+%40+2.80GHz&id=2061","tags":{"ipmi":{"tag":"ipmi","value":"dell_idrac9","extra":""},"hwraid":{"tag":"hwraid","value":"1","extra":""}},"deployment_estimate":"auto","billing_plan":{"EUR":{"1":107,"3":311.37,"6":603.48,"12":1129.92}}}}"#;
const JENKINS: &str = r#"{"result":"OK","tasks":[{"id":-1,"task":"","desc":"Do nothing","tag":"","tags":[{"tag":"gpu"},{"tag":"vgpu"},{"tag":"vm"},{"tag":"bm"}]},{"id":1,"task":"invapi_gpu_conf_iommu_patch_gpu_linux_auto.dsl","desc":"Install GPU drivers","tag":"gpu_driver","tags":[{"tag":"gpu"},{"tag":"vgpu"},{"tag":"default"}]},{"id":2,"task":"invapi_gpu_conf_iommu_patch_gpu_linux_auto.dsl","desc":"Install GPU drivers + NVIDIA docker","tag":"gpu_driver_docker","tags":[{"tag":"gpu"},{"tag":"vgpu"}]},{"id":3,"task":"invapi_gpu_conf_iommu_patch_gpu_linux_auto.dsl","desc":"Install GPU drivers + NVIDIA docker + IOMMU patch","tag":"gpu_driver_docker_iommu","tags":[{"tag":"gpu"},{"tag":"vgpu"}]}]}"#;

fn eur(amount: &str) -> Money {
    Money::new(
        amount.parse::<Decimal>().unwrap(),
        providers::Currency::new("EUR"),
    )
}

#[test]
fn presets_for_a_location() {
    let call = anonymous().presets("nl").unwrap();
    assert_request(
        call.request(),
        &post("/presets.php", &[("action", "list"), ("location", "NL")]),
    );
    let presets = call.parse(&ok(PRESETS)).unwrap();
    assert_eq!(presets.len(), 3);
    let pico = &presets[0];
    assert_eq!(
        (pico.id.as_str(), pico.name.as_str(), pico.active),
        ("108", "vm.pico", true)
    );
    assert_eq!(
        (pico.cpu, pico.ram, pico.hdd),
        (Some(1), Some(1.0), Some(15.0)),
        "hdd `\"15\"` is text here"
    );
    assert_eq!(pico.monthly_com, Some(3.0));
    assert!(pico.is_virtual);
    assert_eq!(pico.available, Some(184));
    assert_eq!(pico.server_type.as_deref(), Some("Virtual Private Server"));
    assert_eq!(
        pico.location_codes(),
        vec!["NL", "US", "FI", "DE", "IS", "TR", "UK"]
    );
    assert_eq!(pico.price_in("NL", "EUR"), Some(eur("3")));
    assert_eq!(pico.price_in("NL", "USD"), None, "-1 means not offered");
    assert_eq!(
        pico.tag("pid_nl").unwrap().value,
        TagValue::Text("3201".into())
    );
    assert!(pico.tag("vm").unwrap().internal);
    assert_eq!(pico.tags.len(), 19);
    let bm = &presets[1];
    assert_eq!(
        (bm.name.as_str(), bm.hdd, bm.is_virtual),
        ("bm.v1-mini", Some(240.0), false)
    );
    assert!(bm.price.is_empty());
    assert_eq!(bm.tags[0].component, None, "later items omit component");
    assert_eq!(presets[2].gpu.as_deref(), Some("1xGTX1080"));
}

#[test]
fn presets_as_plans() {
    let presets = anonymous()
        .presets("NL")
        .unwrap()
        .parse(&ok(PRESETS))
        .unwrap();
    let plan = hostkey::plan(&presets[0], "NL");
    assert_eq!((plan.id.as_str(), plan.name.as_str()), ("108", "vm.pico"));
    assert_eq!(plan.cpu_cores, Some(1));
    assert_eq!(plan.memory_bytes, Some(1_073_741_824));
    assert_eq!(plan.disk_bytes, Some(15 * 1_073_741_824));
    assert_eq!(plan.monthly_price, Some(eur("3")));
    assert_eq!(plan.locations.len(), 7);
    assert_eq!(plan.raw["name"], "vm.pico");
    let uk = hostkey::plan(&presets[0], "UK");
    assert_eq!(
        uk.monthly_price,
        Some(eur("3")),
        "no UK price row: monthly_com"
    );
    let bm = hostkey::plan(&presets[1], "NL");
    assert_eq!(bm.monthly_price, Some(eur("35")));
    let mut unoffered = presets[0].clone();
    unoffered
        .price
        .get_mut("NL")
        .unwrap()
        .insert("EUR".into(), serde_json::json!(-1));
    assert_eq!(hostkey::plan(&unoffered, "NL").monthly_price, None);
}

#[test]
fn locations_are_the_documented_codes() {
    let codes: Vec<String> = hostkey::locations().into_iter().map(|l| l.code).collect();
    assert_eq!(codes, vec!["NL", "US", "FI", "DE", "IS", "TR", "UK"]);
    assert!(hostkey::locations()
        .iter()
        .all(|l| l.available && !l.name.is_empty()));
    for bad in ["", "ND", "XX", "Netherlands"] {
        assert!(
            matches!(anonymous().presets(bad), Err(ProviderError::Validation { ref field, .. }) if field == "location"),
            "{bad}"
        );
    }
}

#[test]
fn os_list_for_an_instance() {
    let call = anonymous().os_list(Some("108")).unwrap();
    assert_request(
        call.request(),
        &post("/os.php", &[("action", "list"), ("instance_id", "108")]),
    );
    let list = call.parse(&ok(OS_LIST)).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        (list[0].id.as_str(), list[0].name.as_str(), list[0].active),
        ("183", "RockyLinux 8", true)
    );
    assert_eq!(list[0].pxe_os_id, None);
    assert_eq!(list[0].tag("family").unwrap().extra, "50");
    let windows = &list[1];
    assert!(!windows.active);
    assert_eq!(windows.price_eur, Some(2.0));
    assert_eq!(windows.billing_plan["EUR"]["12"], 24);
    assert_eq!(windows.tag("min_ram").unwrap().value.as_text(), "4");
    assert_eq!(
        windows.tag("user_name").unwrap().value.as_text(),
        "Administrator"
    );
    let images: Vec<_> = list.iter().map(hostkey::image).collect();
    assert_eq!((images[0].id.as_str(), images[0].available), ("183", true));
    assert_eq!(
        (images[1].name.as_str(), images[1].available),
        ("Windows Server 2022 VM", false)
    );
    let all = anonymous().os_list(None).unwrap();
    assert_request(all.request(), &post("/os.php", &[("action", "list")]));
}

#[test]
fn software_list_reads_the_os_array_tag() {
    let call = anonymous().software(Some("NL"), Some("108")).unwrap();
    assert_request(
        call.request(),
        &post(
            "/software.php",
            &[
                ("action", "list"),
                ("location", "NL"),
                ("instance_id", "108"),
            ],
        ),
    );
    let list = call.parse(&ok(SOFTWARE)).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        (list[0].id.as_str(), list[0].price, list[0].active),
        ("26", Some(0.0), true)
    );
    assert_eq!(
        list[0].task.as_deref(),
        Some("invapi_external_3x_vpn_ui_install.dsl")
    );
    assert_eq!(
        list[0].os_ids(),
        vec!["160", "183", "184", "157", "180", "144", "187", "193"]
    );
    let os_tag = list[0].tags.iter().find(|t| t.tag == "os").unwrap();
    assert!(matches!(os_tag.value, TagValue::List(_)));
    assert_eq!(os_tag.extra, "U20.4, U22.4, RL8, AL8, D10, D11");
    assert_eq!(list[1].name, "Minecraft: Java Edition Server");
    assert_eq!(list[1].os_ids().len(), 6);
    let everything = anonymous().software(None, None).unwrap();
    assert_request(
        everything.request(),
        &post("/software.php", &[("action", "list")]),
    );
}

#[test]
fn traffic_plans_send_instance_as_in_the_example() {
    let call = anonymous().traffic_plans("NL", Some("108")).unwrap();
    assert_request(
        call.request(),
        &post(
            "/traffic_plans.php",
            &[("action", "list"), ("location", "NL"), ("instance", "108")],
        ),
    );
    let plans = call.parse(&ok(TRAFFIC_PLANS)).unwrap();
    assert_eq!(plans.len(), 2);
    let p = &plans[0];
    assert_eq!(
        (p.id.as_str(), p.name.as_str()),
        ("25", "3Tb traffic (1Gbps) VM")
    );
    assert_eq!(
        (p.limit_in, p.limit_out, p.rate_in, p.rate_out, p.bandwidth),
        (Some(999.0), Some(3.0), Some(0.0), Some(2.0), Some(1000.0))
    );
    assert_eq!(
        p.location_codes(),
        vec!["NL", "US", "FI", "DE", "IS", "TR", "UK"],
        "the trailing comma is dropped"
    );
    assert_eq!(
        (p.currency_id, p.main_plan.as_deref()),
        (Some(0), Some("37"))
    );
    assert_eq!(plans[1].rate_out, Some(180.0));
    let err = call
        .parse(&ok(
            r#"{"result":-1,"error":"traffic_plans/list: error while looking for traffic plans"}"#,
        ))
        .unwrap_err();
    assert_eq!(
        err,
        ProviderError::Provider {
            status: 200,
            message: "traffic_plans/list: error while looking for traffic plans".into()
        }
    );
}

#[test]
fn stocks_list_with_tag_maps_and_billing_plans() {
    let call = anonymous().stocks("FI", StockGroup::All).unwrap();
    assert_request(
        call.request(),
        &post(
            "/stocks.php",
            &[("action", "list"), ("location", "FI"), ("group", "ALL")],
        ),
    );
    let stocks = call.parse(&ok(STOCKS)).unwrap();
    assert_eq!(stocks.len(), 2);
    let s = &stocks[0];
    assert_eq!((s.id.as_str(), s.name.as_str()), ("40514", "40514"));
    assert_eq!(s.location.as_ref().map(StockLocation::code), Some("FI"));
    assert_eq!(
        (s.cpu_count, s.hardware.cpu_count, s.hardware.cpu_cores),
        (Some(1), Some(1), Some(16))
    );
    assert_eq!(s.hardware.cpu_type.as_deref(), Some("AMD-MODERN"));
    assert_eq!(s.hardware.disk_gb(), Some(1024.0));
    assert_eq!(s.cpu_perf, Some(46719));
    assert_eq!(s.tag("ipmi").unwrap().value.as_text(), "ami_bmc");
    assert_eq!(s.price_for("EUR", 1), Some(eur("115")));
    assert_eq!(s.price_for("EUR", 3), Some(eur("334.65")));
    assert_eq!(s.server_group.as_deref(), Some("Dedicated Server"));
    assert!(stocks[1].tag("hwraid").is_some());
    for (group, word) in [
        (StockGroup::OneCpu, "1CPU"),
        (StockGroup::TwoCpu, "2CPU"),
        (StockGroup::Gpu, "GPU"),
        (StockGroup::Amd, "AMD"),
        (StockGroup::AmdModern, "AMD-MODERN"),
        (StockGroup::Intel, "INTEL"),
    ] {
        assert_eq!(group.as_str(), word);
        assert_eq!(word.to_lowercase().parse::<StockGroup>().unwrap(), group);
    }
    assert!(
        matches!("ARM".parse::<StockGroup>(), Err(ProviderError::Validation { ref field, .. }) if field == "group")
    );
}

#[test]
fn stock_show_has_a_location_object() {
    let call = anonymous().stock("44717").unwrap();
    assert_request(
        call.request(),
        &post("/stocks.php", &[("action", "show"), ("id", "44717")]),
    );
    let s = call.parse(&ok(STOCK)).unwrap();
    assert_eq!(s.name, "44717 2U");
    match s.location.as_ref().unwrap() {
        StockLocation::Detail(l) => assert_eq!(
            (
                l.dc_location.as_str(),
                l.location_id.as_deref(),
                l.country.as_deref()
            ),
            ("FI", Some("4"), Some("FI"))
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.price_for("EUR", 12), Some(eur("1129.92")));
    assert_eq!(s.server_group, None);
}

#[test]
fn jenkins_tasks() {
    let call = api().jenkins_tasks();
    assert_request(
        call.request(),
        &post("/jenkins.php", &[("action", "get_tasks")]),
    );
    let tasks = call.parse(&ok(JENKINS)).unwrap();
    assert_eq!(tasks.len(), 4);
    assert_eq!(
        (tasks[0].number(), tasks[0].desc.as_str()),
        (Some(-1), "Do nothing")
    );
    assert_eq!(tasks[1].tag, "gpu_driver");
    assert_eq!(
        tasks[1]
            .tags
            .iter()
            .map(|t| t.tag.as_str())
            .collect::<Vec<_>>(),
        vec!["gpu", "vgpu", "default"]
    );
    assert_eq!(tasks[3].tag, "gpu_driver_docker_iommu");
}
