//! Saving bytes the panel received (an invoice PDF) as a file: the bytes
//! become a Blob behind a short-lived `blob:` link, so the request that
//! fetched them carried the credentials and no URL ever does.

use wasm_bindgen::JsCast;

/// How long the temporary link stays valid after the download starts.
const LINK_LIFETIME_MS: u32 = 60_000;

/// Offers `bytes` to the user as a download named `file_name`.
pub fn save(bytes: &[u8], content_type: &str, file_name: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser refused to hold the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused a link to the file".to_string())?;
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or_else(|| "no document to download into".to_string())?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    gloo_timers::callback::Timeout::new(LINK_LIFETIME_MS, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
