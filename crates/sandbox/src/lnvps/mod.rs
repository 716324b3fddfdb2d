//! LNVPS simulated: the customer API under `/lnvps/api/v1`, authenticated
//! per request with NIP-98 exactly as the live server checks it, paid with
//! real BOLT11 invoices that `/_sandbox/lnvps/pay/{id}` settles.
//!
//! Where the seed document shows a form it is served (`data.Lightning`,
//! satoshi amounts, `expires = created` on a new order); elsewhere the live
//! server's shapes (`VmStatus` with 0–1 usage fractions, the hourly series,
//! payments, history, account, subscriptions, IP ranges). Any Nostr key is
//! an account, seeded on its first authenticated request.

mod account;
mod auth;
mod billing;
mod bolt11;
mod catalogue;
mod fleet;
mod keys;
mod limiter;
mod methods;
mod metrics;
mod payment;
mod public;
mod ranges;
mod reply;
mod routes;
mod ssh;
mod state;
mod time;
mod vm;
mod vms;

use http::Method;
use nostr::prelude::{Keys, SecretKey, ToBech32};

use crate::{wire, Incoming, Response, Simulator};
use limiter::{Bucket, Limiter};
use reply::{method_not_allowed, not_found, path_id, Reply};
use routes::Route;
use state::{Call, State};

/// The simulated LNVPS.
pub(crate) struct Sim {
    state: State,
    replay: auth::Replay,
    limiter: Limiter,
}

impl Sim {
    /// LNVPS with the catalogue; each new Nostr key gets `servers` VMs drawn from `seed`.
    pub(crate) fn new(servers: usize, seed: u64, _now_ms: u64) -> Self {
        Sim {
            state: State::new(servers, seed),
            replay: auth::Replay::default(),
            limiter: Limiter::default(),
        }
    }

    /// Answers a public endpoint.
    fn public(&mut self, route: Route, request: &Incoming, now: u64) -> Reply {
        match route {
            Route::Templates => public::templates(),
            Route::CustomPrice => public::custom_price(request),
            Route::Images => self.state.images(request, now),
            Route::VerifyEmail => self.state.verify_email(request, now),
            Route::PaymentInfo => public::payment_methods(),
            Route::IpSpaces => public::ip_spaces(request),
            Route::IpSpace(id) => public::ip_space(path_id(id)?),
            Route::Contact => account::contact(request),
            Route::ExchangeRate => public::exchange_rate(request, now),
            _ => Err(not_found()),
        }
    }

    /// Answers an authenticated endpoint.
    fn private(&mut self, route: Route, call: &Call) -> Reply {
        let s = &mut self.state;
        let method = call.request.method;
        match (route, method) {
            (Route::Vms, &Method::GET) => s.list_vms(call),
            (Route::Vms, _) => s.order(call),
            (Route::Vm(id), &Method::GET) => s.get_vm(call, path_id(id)?),
            (Route::Vm(id), _) => s.patch_vm(call, path_id(id)?),
            (Route::Power(id, action), _) => s.power(call, path_id(id)?, action),
            (Route::Reinstall(id), _) => s.reinstall(call, path_id(id)?),
            (Route::Renew(id), _) => s.renew(call, path_id(id)?),
            (Route::RenewQuote(id), _) => s.renew_quote(call, path_id(id)?),
            (Route::UpgradeQuote(id), _) => s.upgrade_quote(call, path_id(id)?),
            (Route::Upgrade(id), _) => s.upgrade(call, path_id(id)?),
            (Route::History(id), _) => s.history(call, path_id(id)?),
            (Route::TimeSeries(id), _) => s.time_series(call, path_id(id)?),
            (Route::VmPayments(id), _) => s.vm_payments(call, path_id(id)?),
            (Route::CustomOrder, _) => s.order_custom(call),
            (Route::SshKeys, &Method::GET) => s.list_keys(call),
            (Route::SshKeys, _) => s.add_key(call),
            (Route::SshKey(id), _) => s.delete_key(call, path_id(id)?),
            (Route::Account, &Method::GET) => s.get_account(call),
            (Route::Account, _) => s.patch_account(call),
            (Route::Payment(id), _) => s.get_payment(call, id),
            (Route::Subscriptions, &Method::GET) => s.list_subscriptions(call),
            (Route::Subscriptions, _) => s.create_subscription(call),
            (Route::Subscription(id), &Method::GET) => s.get_subscription(call, path_id(id)?),
            (Route::Subscription(id), _) => s.patch_subscription(call, path_id(id)?),
            (Route::SubscriptionRenew(id), _) => s.renew_subscription(call, path_id(id)?),
            (Route::SubscriptionRenewQuote(id), _) => {
                s.subscription_renew_quote(call, path_id(id)?)
            }
            (Route::SubscriptionPayments(id), _) => s.subscription_payments(call, path_id(id)?),
            (Route::SubscriptionPayment(id, payment), _) => {
                s.subscription_payment(call, path_id(id)?, payment)
            }
            (Route::IpRange(id), &Method::GET) => s.get_ip_range(call, path_id(id)?),
            (Route::IpRange(id), _) => s.patch_ip_range(call, path_id(id)?),
            (Route::SavedMethods, &Method::GET) => s.list_methods(call),
            (Route::SavedMethods, _) => s.add_method(call),
            (Route::SavedMethod(id), &Method::PATCH) => s.patch_method(call, path_id(id)?),
            (Route::SavedMethod(id), _) => s.delete_method(call, path_id(id)?),
            _ => Err(not_found()),
        }
    }
}

impl Simulator for Sim {
    fn handle(&mut self, request: &Incoming, now_ms: u64) -> Response {
        let route = Route::parse(request.path);
        let mut buckets = vec![Bucket::General];
        if route.is_some_and(Route::strict) {
            buckets.push(Bucket::Strict);
        }
        if let Err(retry_after) = self
            .limiter
            .admit(&limiter::client_ip(request), &buckets, now_ms)
        {
            return self.rate_limited(retry_after);
        }
        let Some(route) = route else {
            return *not_found();
        };
        if !route.methods().contains(request.method) {
            return method_not_allowed(route.methods());
        }
        let reply = if route.public() {
            self.public(route, request, now_ms)
        } else {
            match auth::authenticate(request, now_ms, &mut self.replay) {
                Err(rejection) => Err(rejection),
                Ok(user) => {
                    self.state.enter(&user, now_ms);
                    let call = Call {
                        request,
                        now: now_ms,
                        user,
                    };
                    self.private(route, &call)
                }
            }
        };
        reply.unwrap_or_else(|failure| *failure)
    }

    fn rate_limited(&self, retry_after_secs: u64) -> Response {
        use wire::ResponseExt;
        wire::text(429, "Rate limit exceeded")
            .with_header("retry-after", &retry_after_secs.to_string())
    }

    fn mark_paid(&mut self, payment_id: &str, now_ms: u64) -> bool {
        self.state.settle(payment_id, now_ms)
    }

    fn credentials(&self) -> Vec<(String, String)> {
        let demo = Keys::new(demo_key(self.state.seed));
        vec![
            (
                "Sign-in".into(),
                "any Nostr key (nsec, NIP-07 extension or NIP-46 bunker): the panel signs each request; \
                 a new key gets its own seeded account"
                    .into(),
            ),
            ("Demo nsec".into(), demo.secret_key().to_bech32().unwrap_or_default()),
            ("Demo npub".into(), demo.public_key().to_bech32().unwrap_or_default()),
            ("Pay an invoice".into(), "POST /_sandbox/lnvps/pay/{payment_id}".into()),
        ]
    }
}

/// A secret key drawn from `seed`, shown as the demo sign-in.
fn demo_key(seed: u64) -> SecretKey {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x6465_6d6f_6e73_6563);
    loop {
        let mut bytes = [0u8; 32];
        rng.fill(&mut bytes);
        if let Ok(key) = SecretKey::from_slice(&bytes) {
            return key;
        }
    }
}
