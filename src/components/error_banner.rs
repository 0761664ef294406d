//! The inline banner a failed request leaves in place of the table.

use std::time::Duration;

use leptos::prelude::*;

use crate::api::ApiError;

#[component]
pub fn ErrorBanner(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="banner banner-error" role="alert">
            <BannerFacts error/>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>"Retry"</button>
        </div>
    }
}

/// A 429: counts `Retry-After` down and asks again by itself at zero, unless cancelled.
#[component]
pub fn RateLimitBanner(error: ApiError, seconds: u32, on_retry: Callback<()>) -> impl IntoView {
    let left = RwSignal::new(seconds);
    let cancelled = RwSignal::new(false);
    let tick = move || {
        if cancelled.get_untracked() || left.get_untracked() == 0 {
            return;
        }
        left.update(|n| *n -= 1);
        if left.get_untracked() == 0 {
            on_retry.run(());
        }
    };
    if let Ok(interval) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || interval.clear());
    }
    let countdown = move || match (cancelled.get(), left.get()) {
        (true, _) => "Automatic retry cancelled.".to_string(),
        (false, 0) => "Retrying now…".to_string(),
        (false, n) => format!("Atlas asked for a pause: retrying by itself in {n} s."),
    };
    view! {
        <div class="banner banner-error" role="alert">
            <BannerFacts error/>
            <p class="countdown" role="timer">{countdown}</p>
            <Show when=move || { !cancelled.get() && left.get() > 0 }>
                <button type="button" class="button button-secondary" on:click=move |_| cancelled.set(true)>
                    "Cancel"
                </button>
                " "
            </Show>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>"Retry"</button>
        </div>
    }
}

/// The summary, status, error code and detail of an error, all as text.
#[component]
fn BannerFacts(error: ApiError) -> impl IntoView {
    let summary = error.summary();
    let (error_code, detail) = match &error {
        ApiError::Atlas {
            error_code, detail, ..
        } => (error_code.clone(), detail.clone()),
        _ => (None, None),
    };
    view! {
        <p class="banner-summary">{summary}</p>
        <dl class="banner-facts">
            {error.status().map(|status| view! { <dt>"Status"</dt><dd>{status}</dd> })}
            {error_code.map(|code| view! { <dt>"Error code"</dt><dd><code>{code}</code></dd> })}
            {detail.map(|detail| view! { <dt>"Detail"</dt><dd>{detail}</dd> })}
        </dl>
    }
}
