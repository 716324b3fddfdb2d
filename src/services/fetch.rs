//! Sends request values with the browser's `fetch`, with a timeout.

use providers::{ApiRequest, ApiResponse, TransportError};
use std::time::Duration;

/// How long a request may take before it counts as timed out.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// Sends `request` with `fetch` and returns the response, whatever its status.
pub async fn send(request: ApiRequest) -> Result<ApiResponse, TransportError> {
    let url = request.uri().to_string();
    let controller = web_sys::AbortController::new()
        .map_err(|_| TransportError::failed("the browser cannot make requests here"))?;
    let method = gloo_net::http::Method::from_bytes(request.method().as_str().as_bytes())
        .map_err(|_| TransportError::failed("unsupported HTTP method"))?;
    let mut builder = gloo_net::http::RequestBuilder::new(&url)
        .method(method)
        .abort_signal(Some(&controller.signal()));
    for (name, value) in request.headers() {
        if let Ok(value) = value.to_str() {
            builder = builder.header(name.as_str(), value);
        }
    }
    let body = request.body();
    let built = if body.is_empty() {
        builder.build()
    } else {
        builder.body(js_sys::Uint8Array::from(body.as_slice()))
    }
    .map_err(|e| TransportError::failed(format!("could not build the request: {e}")))?;

    let fired = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = {
        let fired = fired.clone();
        gloo_timers::callback::Timeout::new(TIMEOUT.as_millis() as u32, move || {
            fired.set(true);
            controller.abort();
        })
    };
    let sent = built.send().await;
    drop(timer);
    let timed_out = fired.get();
    let response = sent.map_err(|e| {
        if timed_out {
            TransportError::timeout(format!(
                "no answer from {} within {} s",
                host(&url),
                TIMEOUT.as_secs()
            ))
        } else {
            TransportError::failed(format!(
                "could not reach {} (offline, blocked by CORS, or the address is wrong): {e}",
                host(&url)
            ))
        }
    })?;
    let mut out = http::Response::builder().status(response.status());
    for (name, value) in response.headers().entries() {
        out = out.header(name, value);
    }
    let bytes = response
        .binary()
        .await
        .map_err(|e| TransportError::failed(format!("the answer was cut off: {e}")))?;
    out.body(bytes)
        .map_err(|e| TransportError::failed(format!("unreadable answer: {e}")))
}

fn host(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| url.to_string())
}
