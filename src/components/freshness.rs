//! How fresh the rows are: the time Atlas produced them, the API quota left, and Refresh.

use leptos::prelude::*;

use crate::api::client::AnswerMeta;
use crate::browser::clock::local_time_of_day;
use crate::i18n::{format_locale, lang, Lang};
use crate::paging::group_thousands;

#[component]
pub fn Freshness(meta: AnswerMeta, on_refresh: Callback<()>) -> impl IntoView {
    let lang = lang();
    let quota = meta.quota.map(|(remaining, limit)| {
        let (remaining, limit) = (
            group_thousands(remaining.into()),
            group_thousands(limit.into()),
        );
        match lang {
            Lang::En => format!("API quota: {remaining} of {limit}"),
            Lang::ZhCn => format!("API 配额：剩余 {remaining}，共 {limit}"),
        }
    });
    view! {
        <p class="freshness">
            <span>{lang.pick("as of ", "数据更新于 ")} {local_time_of_day(meta.fetched_at_ms, &format_locale(lang))}</span>
            {quota.map(|quota| view! { <span>{quota}</span> })}
            <button type="button" class="button button-secondary button-small" on:click=move |_| on_refresh.run(())>
                {lang.pick("Refresh", "刷新")}
            </button>
        </p>
    }
}
