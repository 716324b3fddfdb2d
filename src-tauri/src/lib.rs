//! The panel as a desktop app (Tauri 2): the same Trunk build of the web app
//! in a native window, with the parts that need secrets done natively.
//!
//! - [`store`]: the OS keychain (or kernel keyutils, or memory) behind one
//!   small trait;
//! - [`accounts`]: the account book kept there, shown to the web view with
//!   placeholders instead of secrets;
//! - [`outbound`]: the allow-list and the secrets put into requests, then
//!   the native send (no CORS, rustls);
//! - [`nostr_keys`]: LNVPS keys and NIP-98 signing;
//! - [`commands`]: the Tauri commands, the only way in from the web view;
//! - [`sandbox_accounts`] and [`cli`]: `--sandbox-accounts URL`.

pub mod accounts;
pub mod cli;
pub mod commands;
pub mod nostr_keys;
pub mod outbound;
pub mod sandbox_accounts;
pub mod store;

use std::sync::Arc;

/// Starts the app: reads the command line and `PANEL_KEYSTORE`, opens the
/// keychain, loads sandbox accounts when asked, then runs the window until
/// it is closed. Exits with a message on a start-up error.
pub fn run() {
    if let Err(error) = try_run() {
        eprintln!("panel-desktop: {error}");
        std::process::exit(1);
    }
}

fn try_run() -> Result<(), String> {
    let args = match cli::Args::parse(std::env::args().skip(1))? {
        cli::Parsed::Run(args) => args,
        cli::Parsed::Help => {
            println!("{}", cli::USAGE);
            return Ok(());
        }
    };
    let backend = store::Backend::from_env()?;
    let book = accounts::AccountBook::new(
        backend
            .open(&store::service_from_env())
            .map_err(|e| e.to_string())?,
    );
    let client = outbound::client()?;
    if let Some(url) = &args.sandbox_accounts {
        let saved = tauri::async_runtime::block_on(sandbox_accounts::load(&book, &client, url))?;
        eprintln!("panel-desktop: saved {saved} sandbox accounts from {url}");
    }
    let native: commands::Shared = Arc::new(commands::Native { book, client });
    tauri::Builder::default()
        .manage(native)
        .invoke_handler(tauri::generate_handler![
            commands::accounts_list,
            commands::account_save,
            commands::account_delete,
            commands::send,
            commands::nostr_key,
            commands::nostr_generate,
            commands::nostr_import,
            commands::nostr_sign,
            commands::ready,
        ])
        .run(tauri::generate_context!())
        .map_err(|e| format!("the window failed: {e}"))
}
