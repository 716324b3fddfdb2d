// The commands the web view may call, by name: read by `build.rs` (each
// becomes an `allow-<command>` permission) and by `commands::NAMES`.
[
    "accounts_list",
    "account_save",
    "account_delete",
    "send",
    "nostr_key",
    "nostr_generate",
    "nostr_import",
    "nostr_sign",
    "ready",
]
