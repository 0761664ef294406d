use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use atlas_panel_common::endpoint::ApiFlavour;

use crate::config::{api_base_problem, ApiBaseProblem, RuntimeConfig};
use crate::i18n::{lang, Lang};

/// `/settings`: this browser's own proxy address and API version.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = lang();
    view! {
        <section class="settings-page">
            <h1>{lang.pick("Settings", "设置")}</h1>
            <ApiBaseSetting/>
            <ApiFlavourSetting/>
        </section>
    }
}

fn source_text(lang: Lang, set_here: bool) -> &'static str {
    match set_here {
        true => lang.pick("set in this browser", "在此浏览器中设置"),
        false => lang.pick("from the site's config.json", "来自站点的 config.json"),
    }
}

#[component]
fn ApiBaseSetting() -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let draft = RwSignal::new(config.api_base());
    let problem = RwSignal::new(None::<ApiBaseProblem>);
    let saved = RwSignal::new(false);

    let on_submit = {
        let config = config.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            let value = draft.get_untracked().trim().to_string();
            problem.set(api_base_problem(&value));
            saved.set(problem.get_untracked().is_none());
            if problem.get_untracked().is_none() {
                config.set_api_base(&value);
            }
        }
    };
    let reset = {
        let config = config.clone();
        move |_| {
            config.reset_api_base();
            draft.set(config.api_base());
            problem.set(None);
            saved.set(false);
        }
    };
    let site_api_base = config.site.api_base.clone();
    let in_force = {
        let config = config.clone();
        move || config.api_base()
    };
    let source = move || source_text(lang, config.api_base_override.get().is_some());

    view! {
        <p>
            {lang.pick("API base in force: ", "当前使用的 API 地址：")}
            <code class="api-base-in-force">{in_force}</code>
            {lang.pick(" (", "（")} {source} {lang.pick(").", "）。")}
        </p>
        <form class="card" on:submit=on_submit novalidate>
            <label for="api-base">{lang.pick("API base", "API 地址")}</label>
            <div class="id-form-row">
                <input
                    id="api-base"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="api-base-help api-base-problem"
                    prop:value=move || draft.get()
                    on:input=move |event| draft.set(event_target_value(&event))
                />
                <button type="submit" class="button">{lang.pick("Save", "保存")}</button>
                <button type="button" class="button button-secondary" on:click=reset>{lang.pick("Reset", "重置")}</button>
            </div>
            <p id="api-base-help" class="help">
                {lang.pick(
                    "Where the panel finds atlas-panel-proxy: a path on this site such as /api, or a full URL. The site's own value is ",
                    "面板在哪里找到 atlas-panel-proxy：本站的路径（如 /api）或完整网址。站点自己的设置是 ",
                )}
                <code>{site_api_base}</code>
                {lang.pick(".", "。")}
            </p>
            <p id="api-base-problem" class="field-problem" aria-live="polite">
                {move || problem.get().map(|problem| problem.text(lang))}
            </p>
            <p class="saved" aria-live="polite">
                {move || saved.get().then_some(lang.pick("Saved for this browser.", "已为此浏览器保存。"))}
            </p>
        </form>
    }
}

/// Atlas v1.0, Atlas v2, or Cloud Manager and Ops Manager: applies at once, since either is always a valid choice.
#[component]
fn ApiFlavourSetting() -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let in_force = {
        let config = config.clone();
        move || config.api_version()
    };
    let source = {
        let config = config.clone();
        move || source_text(lang, config.api_version_override.get().is_some())
    };
    let option = |version: ApiFlavour, label: &'static str, help: &'static str| {
        let config = config.clone();
        let in_force = in_force.clone();
        let input_id = format!("api-version-{}", version.tag());
        view! {
            <div class="radio">
                <input
                    type="radio"
                    name="api-version"
                    id=input_id.clone()
                    value=version.tag()
                    prop:checked=move || in_force() == version
                    on:change=move |_| config.set_api_version(version)
                />
                <label for=input_id>{label} <span class="help">{help}</span></label>
            </div>
        }
    };
    view! {
        <form class="card" on:submit=|event: SubmitEvent| event.prevent_default()>
            <fieldset>
                <legend>{lang.pick("API version", "API 版本")}</legend>
                {option(
                    ApiFlavour::V1,
                    "v1.0",
                    lang.pick(
                        " — /api/atlas/v1.0 and /api/public/v1.0, as the Atlas UI's own pages use",
                        " — /api/atlas/v1.0 和 /api/public/v1.0，与 Atlas 界面所用相同",
                    ),
                )}
                {option(
                    ApiFlavour::V2,
                    "v2",
                    lang.pick(
                        " — /api/atlas/v2, the versioned Admin API (the proxy sends its dated Accept header)",
                        " — /api/atlas/v2，带版本的管理 API（代理会发送带日期的版本请求头）",
                    ),
                )}
                {option(
                    ApiFlavour::Public,
                    lang.pick("Cloud Manager / Ops Manager (public v1.0)", "Cloud Manager / Ops Manager（public v1.0）"),
                    lang.pick(
                        " — /api/public/v1.0 for every list, as Cloud Manager and a self-hosted Ops Manager serve it",
                        " — 所有列表都使用 /api/public/v1.0，与 Cloud Manager 和自托管的 Ops Manager 相同",
                    ),
                )}
                <p class="help">{lang.pick("In force: ", "当前：")} {move || in_force().tag()} {lang.pick(" (", "（")} {source} {lang.pick(")", "）")}</p>
            </fieldset>
        </form>
    }
}
