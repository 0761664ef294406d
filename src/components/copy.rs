//! One-click copy of an ID, with feedback a person sees and a screen reader hears.

use leptos::prelude::*;

use crate::i18n::{lang, Lang};

/// The line that says what was copied; one per page, shared by every copy button on it.
#[derive(Clone, Copy)]
pub struct CopyStatus(RwSignal<Option<String>>);

impl CopyStatus {
    /// A fresh status line for this page, for the buttons below it.
    pub fn provide() -> CopyStatus {
        let status = CopyStatus(RwSignal::new(None));
        provide_context(status);
        status
    }

    /// The page's status line; a table shown on its own (component tests) gets its own.
    pub fn current() -> CopyStatus {
        use_context::<CopyStatus>().unwrap_or_else(CopyStatus::provide)
    }

    pub fn copy(self, lang: Lang, id: String) {
        leptos::task::spawn_local(async move {
            let outcome = match (copy_to_clipboard(&id).await, lang) {
                (true, Lang::En) => format!("Copied ID {id}"),
                (true, Lang::ZhCn) => format!("已复制 ID {id}"),
                (false, Lang::En) => format!("Could not copy ID {id}: select it and copy by hand"),
                (false, Lang::ZhCn) => format!("无法复制 ID {id}：请选中后手动复制"),
            };
            self.0.try_set(Some(outcome));
        });
    }
}

#[component]
pub fn CopyStatusLine() -> impl IntoView {
    let status = CopyStatus::current();
    view! { <p class="copy-status" role="status">{move || status.0.get()}</p> }
}

#[component]
pub fn CopyIdButton(id: String, #[prop(optional)] class: &'static str) -> impl IntoView {
    let (status, lang) = (CopyStatus::current(), lang());
    let label = format!("{} {id}", lang.pick("Copy ID", "复制 ID"));
    view! {
        <button
            type="button"
            class=format!("button button-small {class}")
            aria-label=label
            on:click=move |_| status.copy(lang, id.clone())
        >
            {lang.pick("Copy ID", "复制 ID")}
        </button>
    }
}

async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(window.navigator().clipboard().write_text(text))
        .await
        .is_ok()
}
