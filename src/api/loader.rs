//! Keeps one list page on screen while the URL asks for others.
//!
//! Each new request aborts the one in flight, and an answer that is no longer the newest is
//! dropped. Leptos 0.8's `LocalResource` would drop superseded answers too (by version) and run
//! an `on_cleanup` abort on rerun, as the hackernews example does; this stays an effect because
//! the page needs three things a resource gives only through extra signals around it: the last
//! good page kept apart from the newest error (a banner replaces the rows, Retry brings them
//! back), a busy flag for `aria-busy` while the old rows stay, and Refresh, which re-runs the
//! same request once past the proxy's cache.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::AbortController;

use super::client::{fetch_page, AnswerMeta, ListRequest};
use super::error::ApiError;
use super::types::Page;
use crate::list::description::Row;

/// A page together with the request it answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub request: ListRequest,
    pub page: Page<Vec<Row>>,
    pub meta: AnswerMeta,
}

#[derive(Clone, Copy)]
pub struct PagedList {
    /// The newest page that arrived; kept while the next one loads.
    pub loaded: RwSignal<Option<Loaded>>,
    pub error: RwSignal<Option<ApiError>>,
    pub busy: RwSignal<bool>,
    /// Asks again for the current request.
    pub retry: Callback<()>,
    /// Asks again, past the proxy's cache.
    pub refresh: Callback<()>,
}

impl PagedList {
    /// `aria-busy`'s value: one closure type for every list, so one build of it.
    pub fn busy_text(self) -> impl Fn() -> &'static str + Copy {
        move || if self.busy.get() { "true" } else { "false" }
    }
}

pub fn use_paged_list(request: Memo<Option<ListRequest>>) -> PagedList {
    let loaded = RwSignal::new(None::<Loaded>);
    let error = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let attempt = RwSignal::new(0_u32);
    let fresh = StoredValue::new(false);
    let newest = StoredValue::new(0_u64);
    let in_flight = StoredValue::new_local(None::<AbortController>);

    Effect::new(move |_| {
        attempt.track();
        let request = request.get();
        if let Some(controller) = in_flight.try_update_value(Option::take).flatten() {
            controller.abort();
        }
        let generation = newest.try_update_value(|n| {
            *n += 1;
            *n
        });
        let (Some(request), Some(generation)) = (request, generation) else {
            loaded.set(None);
            error.set(None);
            busy.set(false);
            return;
        };
        // Rows of another list must not stand under this list's heading while it loads.
        if loaded.with_untracked(|l| {
            l.as_ref().is_some_and(|l| {
                l.request.path != request.path || l.request.api_base != request.api_base
            })
        }) {
            loaded.set(None);
        }
        let wants_fresh = fresh.try_update_value(std::mem::take).unwrap_or(false);
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        in_flight.set_value(controller);
        busy.set(true);
        spawn_local(async move {
            let result = fetch_page(&request, wants_fresh, signal.as_ref()).await;
            if newest.try_get_value() != Some(generation) {
                return;
            }
            in_flight.set_value(None);
            busy.set(false);
            match result {
                Ok((page, meta)) => {
                    error.set(None);
                    loaded.set(Some(Loaded {
                        request,
                        page,
                        meta,
                    }));
                }
                Err(ApiError::Aborted) => {}
                Err(failure) => error.set(Some(failure)),
            }
        });
    });

    // Leaving the page asks nothing more of the request in flight.
    on_cleanup(move || {
        if let Some(controller) = in_flight.try_update_value(Option::take).flatten() {
            controller.abort();
        }
    });

    let retry = Callback::new(move |()| attempt.update(|n| *n += 1));
    let refresh = Callback::new(move |()| {
        fresh.set_value(true);
        attempt.update(|n| *n += 1);
    });
    PagedList {
        loaded,
        error,
        busy,
        retry,
        refresh,
    }
}
