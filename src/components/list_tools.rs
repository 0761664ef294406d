//! The row above a table: the filter, how many rows match, and the downloads.

use leptos::prelude::*;

use crate::i18n::lang;
use crate::list::export::Format;

#[component]
pub fn ListTools(
    filter: RwSignal<String>,
    /// "3 of 10 rows match", shown at once.
    status: Memo<Option<String>>,
    /// The same, for screen readers, once typing pauses.
    announced: RwSignal<Option<String>>,
    on_export: Callback<Format>,
    /// Set by the page when the browser refused its last download: said below the tools.
    export_failed: RwSignal<bool>,
    /// The filter's label, in English and Chinese, when not "Filter this page".
    #[prop(optional)]
    label: Option<[&'static str; 2]>,
) -> impl IntoView {
    let lang = lang();
    let [en, zh] = label.unwrap_or(["Filter this page", "筛选本页"]);
    let export_button = move |format: Format, label: &'static str, class: &'static str| {
        view! {
            <button type="button" class=format!("button button-secondary {class}") on:click=move |_| on_export.run(format)>
                {label}
            </button>
        }
    };
    view! {
        <div class="list-tools">
            <div class="filter">
                <label for="filter">{lang.pick(en, zh)}</label>
                <input
                    id="filter"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="filter-status"
                    prop:value=move || filter.get()
                    on:input=move |event| filter.set(event_target_value(&event))
                />
            </div>
            <p id="filter-status" class="filter-status">{move || status.get()}</p>
            <p class="visually-hidden" aria-live="polite">{move || announced.get()}</p>
            <div class="export">
                {export_button(Format::Csv, lang.pick("Download CSV", "下载 CSV"), "export-csv")}
                {export_button(Format::Json, lang.pick("Download JSON", "下载 JSON"), "export-json")}
            </div>
        </div>
        <Show when=move || export_failed.get()>
            <p class="banner banner-error" role="alert">
                {lang.pick("The browser refused the download; nothing was saved.", "浏览器拒绝了下载，未保存任何内容。")}
            </p>
        </Show>
    }
}
