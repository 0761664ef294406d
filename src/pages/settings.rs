use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::config::{api_base_problem, RuntimeConfig};

/// `/settings`: this browser's own proxy address.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let config = expect_context::<RuntimeConfig>();
    let draft = RwSignal::new(config.api_base());
    let problem = RwSignal::new(None::<&'static str>);
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
    let source = move || {
        if config.api_base_override.get().is_some() {
            "set in this browser"
        } else {
            "from the site's config.json"
        }
    };

    view! {
        <section class="settings-page">
            <h1>"Settings"</h1>
            <p>"API base in force: " <code class="api-base-in-force">{in_force}</code> " (" {source} ")."</p>
            <form class="card" on:submit=on_submit novalidate>
                <label for="api-base">"API base"</label>
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
                    <button type="submit" class="button">"Save"</button>
                    <button type="button" class="button button-secondary" on:click=reset>"Reset"</button>
                </div>
                <p id="api-base-help" class="help">
                    "Where the panel finds atlas-panel-proxy: a path on this site such as /api, or a full URL. "
                    "The site's own value is " <code>{site_api_base}</code> "."
                </p>
                <p id="api-base-problem" class="field-problem" aria-live="polite">{move || problem.get()}</p>
                <p class="saved" aria-live="polite">{move || saved.get().then_some("Saved for this browser.")}</p>
            </form>
        </section>
    }
}
