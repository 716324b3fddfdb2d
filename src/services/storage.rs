//! `localStorage` access for the few things the panel keeps on the device:
//! the theme choice and the encrypted vault. Never a credential in clear.

/// Reads a value.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Writes a value (silently does nothing when storage is unavailable).
pub fn set(key: &str, value: &str) {
    if let Some(s) = local() {
        let _ = s.set_item(key, value);
    }
}

/// Writes a value, saying why when it could not be written.
pub fn try_set(key: &str, value: &str) -> Result<(), String> {
    local()
        .ok_or("this browser keeps no local storage")?
        .set_item(key, value)
        .map_err(|_| "the browser refused to store it (storage full or blocked)".to_string())
}

/// Deletes a value.
pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
