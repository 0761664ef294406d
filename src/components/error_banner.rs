//! The inline banner a failed request leaves in place of the table.

use std::time::Duration;

use leptos::html;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{lang, Lang};

/// The banner for any failed request: a rate limit counts down, anything else offers Retry.
#[component]
pub fn ApiErrorBanner(
    error: ApiError,
    on_retry: Callback<()>,
    #[prop(optional)] first_button: NodeRef<html::Button>,
) -> impl IntoView {
    match error.rate_limit_wait() {
        Some(seconds) => {
            view! { <RateLimitBanner error seconds on_retry first_button/> }.into_any()
        }
        None => view! { <ErrorBanner error on_retry first_button/> }.into_any(),
    }
}

#[component]
pub fn ErrorBanner(
    error: ApiError,
    on_retry: Callback<()>,
    /// The banner's first button (Retry), for whoever moves focus to it.
    #[prop(optional)]
    first_button: NodeRef<html::Button>,
) -> impl IntoView {
    let lang = lang();
    view! {
        <div class="banner banner-error" role="alert">
            <BannerFacts error/>
            <button type="button" class="button" node_ref=first_button on:click=move |_| on_retry.run(())>{lang.pick("Retry", "重试")}</button>
        </div>
    }
}

/// A 429: counts `Retry-After` down and asks again by itself at zero, unless cancelled.
#[component]
pub fn RateLimitBanner(
    error: ApiError,
    seconds: u32,
    on_retry: Callback<()>,
    /// The banner's first button: Cancel while the countdown runs, so that Enter does not
    /// skip the pause Atlas asked for.
    #[prop(optional)]
    first_button: NodeRef<html::Button>,
) -> impl IntoView {
    let lang = lang();
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
    let countdown = move || match (cancelled.get(), left.get(), lang) {
        (true, _, _) => lang
            .pick("Automatic retry cancelled.", "已取消自动重试。")
            .to_string(),
        (false, 0, _) => lang.pick("Retrying now…", "正在重试…").to_string(),
        (false, n, Lang::En) => format!("Atlas asked for a pause: retrying by itself in {n} s."),
        (false, n, Lang::ZhCn) => format!("Atlas 要求暂停：{n} 秒后自动重试。"),
    };
    view! {
        <div class="banner banner-error" role="alert">
            <BannerFacts error/>
            <p class="countdown" role="timer">{countdown}</p>
            <Show when=move || { !cancelled.get() && left.get() > 0 }>
                <button type="button" class="button button-secondary" node_ref=first_button on:click=move |_| cancelled.set(true)>
                    {lang.pick("Cancel", "取消")}
                </button>
                " "
            </Show>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>{lang.pick("Retry", "重试")}</button>
        </div>
    }
}

/// The summary, status, error code and detail of an error, all as text.
#[component]
fn BannerFacts(error: ApiError) -> impl IntoView {
    let lang = lang();
    let summary = error.summary(lang);
    let (error_code, detail) = match &error {
        ApiError::Atlas {
            error_code, detail, ..
        } => (error_code.clone(), detail.clone()),
        _ => (None, None),
    };
    view! {
        <p class="banner-summary">{summary}</p>
        <dl class="banner-facts">
            {error.status().map(|status| view! { <dt>{lang.pick("Status", "状态")}</dt><dd>{status}</dd> })}
            {error_code.map(|code| view! { <dt>{lang.pick("Error code", "错误代码")}</dt><dd><code>{code}</code></dd> })}
            {detail.map(|detail| view! { <dt>{lang.pick("Detail", "详情")}</dt><dd>{detail}</dd> })}
        </dl>
    }
}
