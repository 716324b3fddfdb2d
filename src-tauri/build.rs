//! Tauri's build step: embeds the configuration and the Trunk build of the
//! web app, and turns each command below into an `allow-<command>`
//! permission that `capabilities/default.json` must grant by name
//! (the list is `src/command_names.rs`, shared with the app).

const COMMANDS: &[&str] = &include!("src/command_names.rs");

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {error:#}");
    }
}
