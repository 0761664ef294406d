//! The few things the panel does to the document outside its own components.

use wasm_bindgen::JsCast;

/// `<html>`, where the language and the theme are declared.
pub fn document_root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// Moves keyboard focus to the first element `selector` finds, if any.
pub fn focus(selector: &str) {
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
