//! HOSTKEY contract tests: every request and response example of the HOSTKEY
//! document, its error shapes, the validation rules, curl redaction, the
//! driver flows over a fake transport and clock, and parser robustness.

mod common;

#[path = "hostkey/account.rs"]
mod account;
#[path = "hostkey/billing.rs"]
mod billing;
#[path = "hostkey/catalog.rs"]
mod catalog;
#[path = "hostkey/driver.rs"]
mod driver;
#[path = "hostkey/errors.rs"]
mod errors;
#[path = "hostkey/network.rs"]
mod network;
#[path = "hostkey/props.rs"]
mod props;
#[path = "hostkey/servers.rs"]
mod servers;

use common::{Body, Expected};
use providers::hostkey::Api;
use providers::Secret;

/// The session token of the examples.
pub const TOKEN: &str = "eeee51003b1d81d2eca65660735c0531";
/// The PIN of the examples.
pub const PIN: &str = "1907";
/// The content type of every HOSTKEY request.
pub const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");
/// The permission list returned by auth/login, auth/whmcslogin and auth/info.
pub const PERMISSIONS: &str = r#"["api_keys/edit","api_keys/view","auth/2fa_check","auth/billing_list","auth/flip_tag","auth/sms_send","customers/update_acl","datacenter/list","datacenter/show","eq/add_ipmi_admin","eq/add_ipmi_user","eq/appraise","eq/boot_dev","eq/console","eq/create_pxe","eq/get_ipmi","eq/get_traffic","eq/list","eq/novnc","eq/off","eq/on","eq/order_instance","eq/reboot","eq/reinstall","eq/remove_ipmi_user","eq/sensors","eq/set_pin","eq/show","eq/status","eq/suspend","eq/unit_reset","eq/unsuspend","foreman/get_hostgroup","foreman/get_media","foreman/get_network","foreman/get_os","foreman/get_ptable","ip/get_ip","ip/get_ptr","ip/get_traffic","ip/list_free_ip","ip/set_main","ip/update_ptr","iso/list_iso","iso/mount_iso","iso/unmount_iso","jenkins/call","jenkins/get_tasks","license/list","location/list","location/show","locations/view","nat/add_static_nat","nat/remove_static_nat","net/block_ip","net/get_acl","net/get_bps_in","net/get_bps_out","net/get_port","net/get_pspeed","net/get_snmp","net/get_status","net/ip_chart","net/ip_settings","net/nmap","net/port_off","net/port_on","net/remove_ipv4","net/show_cacti","net/show_ip_graph","net/unblock_ip","os/list","os/search","paypal/check_order","paypal/check_subscription","paypal/create_order","paypal/create_subscription","pdns/add_dns","pdns/add_domain","pdns/add_subdomain","pdns/create_dns","pdns/create_zone","pdns/delete_domain","pdns/delete_zone","pdns/edit","pdns/get_domains","pdns/get_subdomains","pdns/get_zone","pdns/list_domains","pdns/list_servers","pdns/list_subdomains","pdns/view","pdns/view_zone","pdu/get","presets/list","presets/search","soft/list","ssh_keys/add","ssh_keys/delete","ssh_keys/list","stocks/list","stocks/show","sumsub/get_token","tag/add","tag/clear","tag/list","tag/remove","traffic_plans/list","vat/check_vat","vm/create_snapshot","vm/get_engine","vm/get_snapshot","vm/load_stats","vm/remove_snapshot","vm/restore_snapshot","whmcs/add_contact","whmcs/add_os_addon","whmcs/apply_credit","whmcs/cancel_order","whmcs/create_addfunds","whmcs/delete_cancellation_request","whmcs/delete_contact","whmcs/download_invoice","whmcs/generate_due_invoice","whmcs/getcredits","whmcs/getpaymentgw","whmcs/get_billing_data","whmcs/get_cancellation_requests","whmcs/get_client","whmcs/get_contacts","whmcs/get_invoice","whmcs/get_invoices","whmcs/get_related_invoices","whmcs/mass_pay","whmcs/request_cancellation","whmcs/transactions","whmcs/update_client","whmcs/update_contact","whmcs/update_product","whmcs/verify_address","whmcs/verify_email","yookassa/check_payment","yookassa/init"]"#;

/// An API client holding the example token and PIN.
pub fn api() -> Api {
    Api::new(None, Some(Secret::new(TOKEN)))
        .unwrap()
        .with_pin(Some(Secret::new(PIN)))
}

/// An API client without a session token (login, the public catalogue).
pub fn anonymous() -> Api {
    Api::new(None, None).unwrap()
}

/// A documented form POST to `path`.
pub fn post<'a>(path: &'a str, form: &'a [(&'a str, &'a str)]) -> Expected<'a> {
    Expected {
        method: "POST",
        path,
        query: &[],
        headers: &[FORM],
        body: Some(Body::Form(form)),
    }
}

/// The field named `name` in a form body.
pub fn field(request: &providers::ApiRequest, name: &str) -> Option<String> {
    form_urlencoded::parse(request.body())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}
