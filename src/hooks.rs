//! Reactive helpers that are not components.

use std::time::Duration;

use leptos::prelude::*;

/// `source`'s value, once it has held still for `wait`. The signal itself, not a `ReadSignal`
/// of it: one signal type fewer in the bundle.
pub fn use_debounced<T>(source: Memo<T>, wait: Duration) -> RwSignal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let settled = RwSignal::new(source.get_untracked());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let value = source.get();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || settled.set(value), wait);
        pending.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });
    settled
}
