//! A QR code drawn as SVG by the `qrcode` crate, for payment requests a
//! phone wallet scans.

use leptos::prelude::*;
use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// SVG markup of a QR code for `text`, or `None` when it is too long to encode.
///
/// ```ignore
/// let markup = panel::components::qr::svg("lightning:lnbc1…").unwrap();
/// assert!(markup.contains("<svg"));
/// ```
pub fn svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(240, 240)
            .quiet_zone(true)
            .build(),
    )
}

/// A QR code of `text`, announced to screen readers as `label`.
#[component]
pub fn QrImage(
    /// What the code encodes.
    #[prop(into)]
    text: String,
    /// What it is, for screen readers.
    #[prop(into)]
    label: String,
    /// `data-testid` of the image.
    #[prop(optional, into)]
    testid: String,
) -> impl IntoView {
    match svg(&text) {
        Some(markup) => view! {
            <div class="qr" role="img" aria-label=label data-testid=testid data-text=text inner_html=markup></div>
        }
        .into_any(),
        None => view! {
            <p class="muted" data-testid=testid>"This payment request is too long for a QR code; copy it instead."</p>
        }
        .into_any(),
    }
}
