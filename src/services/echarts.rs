//! Loads ECharts (served from this site, never a CDN) the first time a chart is shown.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the build puts ECharts.
const SRC: &str = "/public/vendor/echarts.min.js";
const SCRIPT_ID: &str = "echarts-script";

fn loaded() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("echarts")).ok())
        .is_some_and(|v| !v.is_undefined())
}

/// Resolves once the global `echarts` exists, adding its script tag if needed.
pub async fn ensure() -> Result<(), String> {
    if loaded() {
        return Ok(());
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    if document.get_element_by_id(SCRIPT_ID).is_some() {
        // Another chart is loading it: wait for it (up to 15 s).
        for _ in 0..150 {
            gloo_timers::future::sleep(std::time::Duration::from_millis(100)).await;
            if loaded() {
                return Ok(());
            }
        }
        return Err("the chart library did not load".into());
    }
    let script: web_sys::HtmlScriptElement = document
        .create_element("script")
        .map_err(|_| "cannot add the chart library")?
        .unchecked_into();
    script.set_id(SCRIPT_ID);
    script.set_src(SRC);
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        script.set_onload(Some(&resolve));
        script.set_onerror(Some(&reject));
    });
    document
        .head()
        .ok_or("no <head>")?
        .append_child(&script)
        .map_err(|_| "cannot add the chart library")?;
    JsFuture::from(done)
        .await
        .map_err(|_| format!("could not load {SRC}"))?;
    Ok(())
}
