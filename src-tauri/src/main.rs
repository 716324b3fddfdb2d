//! The desktop app: the panel in a native window (see the library crate).

// No console window next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    panel_desktop::run()
}
