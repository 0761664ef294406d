//! The inline banner a failed request leaves in place of the table.

use leptos::prelude::*;

use crate::api::ApiError;

#[component]
pub fn ErrorBanner(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let summary = error.summary();
    let (error_code, detail, wait) = match &error {
        ApiError::Atlas {
            error_code,
            detail,
            retry_after,
            ..
        } => (error_code.clone(), detail.clone(), *retry_after),
        _ => (None, None, None),
    };
    view! {
        <div class="banner banner-error" role="alert">
            <p class="banner-summary">{summary}</p>
            <dl class="banner-facts">
                {error.status().map(|status| view! { <dt>"Status"</dt><dd>{status}</dd> })}
                {error_code.map(|code| view! { <dt>"Error code"</dt><dd><code>{code}</code></dd> })}
                {detail.map(|detail| view! { <dt>"Detail"</dt><dd>{detail}</dd> })}
                {wait.map(|secs| view! { <dt>"Retry after"</dt><dd>{secs} " s"</dd> })}
            </dl>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>"Retry"</button>
        </div>
    }
}
