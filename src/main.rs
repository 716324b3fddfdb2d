//! The panel's web app: a Leptos client-side app compiled to WebAssembly.

mod app;
mod components;
mod format;
mod pages;
mod services;
mod state;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
