//! Real time in the browser, for the provider driver and the in-browser sandbox.

use std::time::Duration;

/// The browser's clock: `Date.now()` and timers.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserClock;

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

impl providers::Clock for BrowserClock {
    fn now(&self) -> u64 {
        now_ms() / 1000
    }

    async fn sleep(&self, duration: Duration) {
        gloo_timers::future::sleep(duration).await;
    }
}

impl sandbox::Clock for BrowserClock {
    fn now_ms(&self) -> u64 {
        now_ms()
    }
}
