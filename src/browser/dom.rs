//! The few things the panel does to the document outside its own components.

use wasm_bindgen::JsValue;
use web_sys::Element;

/// `<html>`, where the language and the theme are declared.
pub fn document_root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// A new `<tag class="…">` as the last child of `parent`.
pub fn append_element(
    parent: &Element,
    tag: &str,
    class: Option<&str>,
) -> Result<Element, JsValue> {
    let element = parent
        .owner_document()
        .ok_or(JsValue::NULL)?
        .create_element(tag)?;
    if let Some(class) = class {
        element.set_class_name(class);
    }
    parent.append_child(&element)?;
    Ok(element)
}

/// `text` as a text node at the end of `parent`: never parsed as markup.
pub fn append_text(parent: &Element, text: &str) -> Result<(), JsValue> {
    parent.append_with_str_1(text)
}

/// The first `N` element children of `parent`, in order; an error if it has fewer.
pub fn element_children<const N: usize>(parent: &Element) -> Result<[Element; N], JsValue> {
    let mut children = Vec::with_capacity(N);
    let mut next = parent.first_element_child();
    while let Some(child) = next {
        // Each step is a call into JavaScript: none past the last child wanted.
        next = (children.len() + 1 < N)
            .then(|| child.next_element_sibling())
            .flatten();
        children.push(child);
    }
    children.try_into().map_err(|_| JsValue::NULL)
}

/// The element of the page with this `id`.
fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// Sets the text of the element with this `id`: never parsed as markup.
pub fn set_text(id: &str, text: &str) {
    if let Some(element) = element(id) {
        element.set_text_content(Some(text));
    }
}

/// Replaces the options of the `<select>` with this `id` after its first with `(text, value)`
/// each, as text.
pub fn set_options(id: &str, options: &[(String, String)]) {
    let Some(select) = element(id) else { return };
    while select.child_element_count() > 1 {
        if let Some(last) = select.last_element_child() {
            last.remove();
        }
    }
    for (text, value) in options {
        // Made here, with a fixed name: the DOM has no reason to refuse.
        if let Ok(option) = append_element(&select, "option", None) {
            let _ = option.set_attribute("value", value);
            option.set_text_content(Some(text));
        }
    }
}

/// Sets an attribute of the element with this `id`, or with `None` takes it away.
pub fn set_attribute(id: &str, name: &str, value: Option<&str>) {
    if let Some(element) = element(id) {
        let _ = match value {
            Some(value) => element.set_attribute(name, value),
            None => element.remove_attribute(name),
        };
    }
}
