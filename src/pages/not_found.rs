//! What an address that is no page of the panel shows.

use leptos::prelude::*;

use crate::config::RuntimeConfig;
use crate::i18n::lang;
use crate::router::Route;

#[component]
pub fn NotFound() -> impl IntoView {
    let lang = lang();
    let home = expect_context::<RuntimeConfig>().href(&Route::Home.href());
    view! {
        <section>
            <h1>{lang.pick("Nothing here", "这里什么也没有")}</h1>
            <p>
                {lang.pick("This address is not a page of the panel. ", "这个地址不是本面板的页面。")}
                <a href=home>{lang.pick("Start from the home page.", "从首页开始。")}</a>
            </p>
        </section>
    }
}
