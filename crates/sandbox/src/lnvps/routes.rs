//! The paths LNVPS serves below `/api/v1`, the methods each accepts, and
//! which of them need no authentication.

use http::Method;

use super::vms::PowerAction;

/// A recognised path; ids are still text (checked by the handler).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Route<'a> {
    /// `/vm`
    Vms,
    /// `/vm/{id}`
    Vm(&'a str),
    /// `/vm/{id}/start|stop|restart`
    Power(&'a str, PowerAction),
    /// `/vm/{id}/re-install`
    Reinstall(&'a str),
    /// `/vm/{id}/renew`
    Renew(&'a str),
    /// `/vm/{id}/renew/quote`
    RenewQuote(&'a str),
    /// `/vm/{id}/upgrade/quote`
    UpgradeQuote(&'a str),
    /// `/vm/{id}/upgrade`
    Upgrade(&'a str),
    /// `/vm/{id}/history`
    History(&'a str),
    /// `/vm/{id}/time-series`
    TimeSeries(&'a str),
    /// `/vm/{id}/payments`
    VmPayments(&'a str),
    /// `/vm/templates`
    Templates,
    /// `/vm/custom-template/price`
    CustomPrice,
    /// `/vm/custom-template`
    CustomOrder,
    /// `/image`
    Images,
    /// `/ssh-key`
    SshKeys,
    /// `/ssh-key/{id}`
    SshKey(&'a str),
    /// `/account`
    Account,
    /// `/account/verify-email`
    VerifyEmail,
    /// `/payment/methods`
    PaymentInfo,
    /// `/payment/{id}`
    Payment(&'a str),
    /// `/subscriptions`
    Subscriptions,
    /// `/subscriptions/{id}`
    Subscription(&'a str),
    /// `/subscriptions/{id}/renew`
    SubscriptionRenew(&'a str),
    /// `/subscriptions/{id}/renew/quote`
    SubscriptionRenewQuote(&'a str),
    /// `/subscriptions/{id}/payments`
    SubscriptionPayments(&'a str),
    /// `/subscriptions/{id}/payments/{payment}`
    SubscriptionPayment(&'a str, &'a str),
    /// `/ip_space`
    IpSpaces,
    /// `/ip_space/{id}`
    IpSpace(&'a str),
    /// `/ip_range/{id}`
    IpRange(&'a str),
    /// `/contact`
    Contact,
    /// `/payment-methods`
    SavedMethods,
    /// `/payment-methods/{id}`
    SavedMethod(&'a str),
    /// `/exchange-rate`
    ExchangeRate,
}

impl<'a> Route<'a> {
    /// The route of `path` (below the mount), if it is one.
    pub(super) fn parse(path: &'a str) -> Option<Self> {
        let rest = path.strip_prefix("/api/v1/")?;
        let segments: Vec<&str> = rest.split('/').collect();
        if segments.iter().any(|s| s.is_empty()) {
            return None;
        }
        Some(match segments.as_slice() {
            ["vm"] => Route::Vms,
            ["vm", "templates"] => Route::Templates,
            ["vm", "custom-template"] => Route::CustomOrder,
            ["vm", "custom-template", "price"] => Route::CustomPrice,
            ["vm", id] => Route::Vm(id),
            ["vm", id, "start"] => Route::Power(id, PowerAction::Start),
            ["vm", id, "stop"] => Route::Power(id, PowerAction::Stop),
            ["vm", id, "restart"] => Route::Power(id, PowerAction::Restart),
            ["vm", id, "re-install"] => Route::Reinstall(id),
            ["vm", id, "renew"] => Route::Renew(id),
            ["vm", id, "renew", "quote"] => Route::RenewQuote(id),
            ["vm", id, "upgrade"] => Route::Upgrade(id),
            ["vm", id, "upgrade", "quote"] => Route::UpgradeQuote(id),
            ["vm", id, "history"] => Route::History(id),
            ["vm", id, "time-series"] => Route::TimeSeries(id),
            ["vm", id, "payments"] => Route::VmPayments(id),
            ["image"] => Route::Images,
            ["ssh-key"] => Route::SshKeys,
            ["ssh-key", id] => Route::SshKey(id),
            ["account"] => Route::Account,
            ["account", "verify-email"] => Route::VerifyEmail,
            ["payment", "methods"] => Route::PaymentInfo,
            ["payment", id] => Route::Payment(id),
            ["subscriptions"] => Route::Subscriptions,
            ["subscriptions", id] => Route::Subscription(id),
            ["subscriptions", id, "renew"] => Route::SubscriptionRenew(id),
            ["subscriptions", id, "renew", "quote"] => Route::SubscriptionRenewQuote(id),
            ["subscriptions", id, "payments"] => Route::SubscriptionPayments(id),
            ["subscriptions", id, "payments", payment] => Route::SubscriptionPayment(id, payment),
            ["ip_space"] => Route::IpSpaces,
            ["ip_space", id] => Route::IpSpace(id),
            ["ip_range", id] => Route::IpRange(id),
            ["contact"] => Route::Contact,
            ["payment-methods"] => Route::SavedMethods,
            ["payment-methods", id] => Route::SavedMethod(id),
            ["exchange-rate"] => Route::ExchangeRate,
            _ => return None,
        })
    }

    /// The methods the path accepts.
    pub(super) fn methods(self) -> &'static [Method] {
        const GET: &[Method] = &[Method::GET];
        const POST: &[Method] = &[Method::POST];
        const PATCH: &[Method] = &[Method::PATCH];
        const GET_POST: &[Method] = &[Method::GET, Method::POST];
        const GET_PATCH: &[Method] = &[Method::GET, Method::PATCH];
        match self {
            Route::Vms | Route::SshKeys | Route::SavedMethods | Route::Subscriptions => GET_POST,
            Route::Vm(_) | Route::Account | Route::Subscription(_) | Route::IpRange(_) => GET_PATCH,
            Route::Power(..) | Route::Reinstall(_) => PATCH,
            Route::UpgradeQuote(_)
            | Route::Upgrade(_)
            | Route::CustomPrice
            | Route::CustomOrder
            | Route::Contact => POST,
            Route::SshKey(_) => &[Method::DELETE],
            Route::SavedMethod(_) => &[Method::PATCH, Method::DELETE],
            _ => GET,
        }
    }

    /// True for endpoints anyone may call.
    pub(super) fn public(self) -> bool {
        matches!(
            self,
            Route::Templates
                | Route::CustomPrice
                | Route::Images
                | Route::VerifyEmail
                | Route::PaymentInfo
                | Route::IpSpaces
                | Route::IpSpace(_)
                | Route::Contact
                | Route::ExchangeRate
        )
    }

    /// True for endpoints on the 10-a-minute budget.
    pub(super) fn strict(self) -> bool {
        matches!(self, Route::VerifyEmail | Route::Contact)
    }
}
