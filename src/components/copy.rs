//! One-click copy of an ID, with feedback a person sees and a screen reader hears.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

    /// Copies `id`; says so on the status line and, for a moment, on `button` itself, which may
    /// be far down a long table.
    pub fn copy(self, lang: Lang, id: String, button: Option<web_sys::Element>) {
        // Cleared first, so that copying the same ID twice is announced twice.
        self.0.set(None);
        leptos::task::spawn_local(async move {
            let copied = copy_to_clipboard(&id).await;
            let outcome = match (copied, lang) {
                (true, Lang::En) => format!("Copied ID {id}"),
                (true, Lang::ZhCn) => format!("已复制 ID {id}"),
                (false, Lang::En) => format!("Could not copy ID {id}: select it and copy by hand"),
                (false, Lang::ZhCn) => format!("无法复制 ID {id}：请选中后手动复制"),
            };
            self.0.try_set(Some(outcome));
            if let Some(button) = button.filter(|_| copied) {
                let _ = button.class_list().add_1("copied");
                set_timeout(
                    move || {
                        let _ = button.class_list().remove_1("copied");
                    },
                    Duration::from_secs(2),
                );
            }
        });
    }

    /// One handler for a whole table: a click on a `[data-copy]` button copies its ID, and on a
    /// row's button (`.id-cell > button`) the ID in the `<code>` beside it, so 500 rows need no
    /// 500 handlers, nor the ID written a third time into each.
    pub fn copy_clicked(self, lang: Lang) -> impl Fn(leptos::ev::MouseEvent) + Clone + 'static {
        move |event| {
            let button = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok());
            let id = button.as_ref().and_then(|button| {
                button.get_attribute("data-copy").or_else(|| {
                    button
                        .matches(".id-cell > button")
                        .ok()
                        .filter(|&in_cell| in_cell)
                        .and_then(|_| button.previous_element_sibling())
                        .and_then(|code| code.text_content())
                })
            });
            if let Some(id) = id {
                self.copy(lang, id, button);
            }
        }
    }
}

/// The accessible name of a row's Copy button: "Copy ID 5f…", so that 500 buttons differ.
pub fn copy_id_label(lang: Lang, id: &str) -> String {
    format!("{} {id}", lang.pick("Copy ID", "复制 ID"))
}

#[component]
pub fn CopyStatusLine() -> impl IntoView {
    let status = CopyStatus::current();
    view! { <p class="copy-status" role="status">{move || status.0.get()}</p> }
}

#[component]
pub fn CopyIdButton(id: String, #[prop(optional)] class: &'static str) -> impl IntoView {
    let (status, lang) = (CopyStatus::current(), lang());
    let label = copy_id_label(lang, &id);
    view! {
        <button
            type="button"
            class=format!("button button-small {class}")
            aria-label=label
            data-copy=id
            on:click=status.copy_clicked(lang)
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
