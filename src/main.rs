use atlas_panel::browser::clock::prepare_formatting;
use atlas_panel::config::{load_site_config, site_base, RuntimeConfig};
use atlas_panel::i18n::{format_locale, initial_lang};
use atlas_panel::App;
use leptos::prelude::*;

fn main() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // config.json decides where the proxy is, so it is read before anything renders.
    wasm_bindgen_futures::spawn_local(async {
        let (site, notice) = load_site_config().await;
        let config = RuntimeConfig::new(site_base(), site, notice);
        leptos::mount::mount_to_body(move || view! { <App config/> });
        // Once the page's first requests are on their way (the next frame), so that the locale
        // data loads while they are answered, not before they are asked.
        request_animation_frame(|| prepare_formatting(&format_locale(initial_lang())));
    });
}
