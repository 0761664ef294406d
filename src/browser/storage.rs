//! This browser's `localStorage` (and, for one thing, `sessionStorage`). Failing storage
//! (private windows, quotas) is not an error worth showing: the panel simply forgets.

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn forget(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Remembered until this tab closes.
pub fn save_for_session(key: &str, value: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(key, value);
    }
}

/// Reads and forgets a value saved for the session.
pub fn take_from_session(key: &str) -> Option<String> {
    let storage = session_storage()?;
    let value = storage.get_item(key).ok().flatten();
    let _ = storage.remove_item(key);
    value
}
