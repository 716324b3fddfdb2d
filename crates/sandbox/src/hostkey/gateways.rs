//! whmcs/getpaymentgw: how to pay an unpaid invoice, one HTML snippet per
//! gateway (PayPal, bank transfer, Alipay, Webmoney, crypto), filled with the
//! invoice's number and balance and the client's details.

use super::call::{ok, Call, Reply};
use super::state::{money, InvoiceStatus, State};
use serde_json::json;

/// whmcs/getpaymentgw.
pub(super) fn getpaymentgw(state: &State, call: &Call) -> Reply {
    let raw = call.required("invoice_id")?;
    let invoice = raw
        .parse::<u64>()
        .ok()
        .and_then(|id| state.billing.invoices.get(&id))
        .ok_or_else(|| call.fail(format!("invalid invoice id {raw}")))?;
    if invoice.status != InvoiceStatus::Unpaid {
        return Err(call.fail(format!(
            "invoice {} is {}, nothing to pay",
            invoice.id,
            invoice.status.name().to_lowercase()
        )));
    }
    let b = &state.billing;
    let (id, amount) = (invoice.id, money(invoice.balance()));
    let cents = invoice.balance();
    let email = &state.account.email;
    let back =
        |outcome: &str| format!("https://invapi.hostkey.com?invoice_id={id}&payment{outcome}=true");
    let hidden = |name: &str, value: &str| {
        format!("<input type=\"hidden\" name=\"{name}\" value=\"{value}\">\n")
    };
    let paypal = [
        ("cmd", "_xclick".to_string()),
        ("business", "billing@hostkey.example".to_string()),
        ("item_name", format!("HOSTKEY - Invoice #{id}")),
        ("amount", amount.clone()),
        ("tax", "0.00".to_string()),
        ("no_note", "1".to_string()),
        ("no_shipping", "1".to_string()),
        ("first_name", b.firstname.clone()),
        ("last_name", b.lastname.clone()),
        ("email", email.clone()),
        ("address1", b.address1.clone()),
        ("city", b.city.clone()),
        ("zip", b.postcode.clone()),
        ("country", b.country.clone()),
        ("charset", "utf-8".to_string()),
        ("currency_code", "EUR".to_string()),
        ("custom", id.to_string()),
        ("return", back("success")),
        ("cancel_return", back("failed")),
        (
            "notify_url",
            "https://bill.hostkey.com/modules/gateways/callback/paypal.php".to_string(),
        ),
        ("bn", "WHMCS_ST".to_string()),
        ("rm", "2".to_string()),
    ]
    .iter()
    .map(|(n, v)| hidden(n, v))
    .collect::<String>();
    let paypal = format!(
        "<table><tr><td><form target=_blank action=\"https://www.paypal.com/cgi-bin/webscr\" method=\"post\">\n{paypal}\
         <input type=\"image\" src=\"https://www.paypal.com/en_US/i/btn/x-click-but03.gif\" border=\"0\" name=\"submit\" alt=\"Make a one time payment with PayPal\">\n</form></td></tr></table>"
    );
    let bank = format!(
        "<span style='text-align:left'>Please wire funds in favor of: <p>HOSTKEY B.V.<br />\r\nWillem Frederik Hermansstraat 91, 1011DG<br />\r\n\
         Amsterdam, the Netherlands<br />\r\nIBAN: NL00 RABO 0000 0000 00 SWIFT: RABONL2U<br />\r\n\
         Bank: Co\u{f6}peratieve Rabobank U.A.<br />Reference Number: {id}</p>"
    );
    let alipay = format!(
        "<form target=_blank action=\"https://bill.hostkey.com/modules/gateways/callback/roudiappstripealipay.php\" method=\"post\" id=\"roudifrm\">\n\
         \t<input type=\"hidden\" name=\"invoiceid\" value=\"{id}\" />\n\t<input type=\"hidden\" name=\"alipay_amount\" value=\"{cents}\" />\n\
         \t<input type=\"hidden\" name=\"currency\" value=\"eur\" />\n\t<input type=\"hidden\" name=\"userid\" value=\"3172\" />\n\
         \t<button class=\"btn btn-primary\" title=\"Pay Now\">Pay Now</button>\n</form>"
    );
    let paymaster = format!(
        "<form target=_blank method=\"post\" action=\"https://psp.paymaster24.com/Payment/Init\">\n\
         \t <input type=\"hidden\" name=\"LMI_PAYMENT_NO\" value=\"{id}\" />\n\t <input type=\"hidden\" name=\"LMI_PAYMENT_AMOUNT\" value=\"{amount}\" />\n\
         \t <input type=\"hidden\" name=\"LMI_CURRENCY\" value=\"EUR\" />\n\t <input type=\"hidden\" name=\"LMI_FAILURE_URL\" value=\"{}\" />\n\
         \t <input type=\"hidden\" name=\"LMI_SUCCESS_URL\" value=\"{}\" />\n\t <input type=\"submit\" value=\"Pay Now\" />\n\t </form>",
        back("failed"),
        back("success"),
    );
    let crypto = format!(
        "<form target=_blank action=\"https://bill.hostkey.com/modules/gateways/bit-pay/createinvoice.php\" method=\"POST\">\
         <input type=\"hidden\" name=\"invoiceId\" value = \"{id}\" /><input type=\"hidden\" name=\"systemURL\" value = \"https://bill.hostkey.com\" />\
         <input type=\"hidden\" name=\"buyerCity\" value = \"{}\" /><input type=\"hidden\" name=\"buyerZip\" value = \"{}\" />\
         <input type=\"hidden\" name=\"buyerEmail\" value = \"{email}\" /><input type=\"submit\" value=\"Pay Now\" /></form>",
        b.city, b.postcode,
    );
    Ok(ok(&json!({
        "result": "OK",
        "methods": {
            "paypal": { "name": "PayPal", "call": paypal },
            "banktransfer": { "name": "Bank Transfer", "call": bank },
            "roudiappstripealipay": { "name": "Alipay (\u{652f}\u{4ed8}\u{5b9d})", "call": alipay },
            "paymaster": { "name": "Webmoney (WME)", "call": paymaster },
            "bitpaycheckout": { "name": "Cryptocurrency (BTC, ETH and other)", "call": crypto },
        },
    })))
}
