//! GET through the browser's `fetch`: all the HTTP the panel does. Plain `web_sys` rather than
//! an HTTP crate, whose builder and error types cost bundle bytes the panel does not use.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestInit, Response};

/// Sends a GET with these headers; the answer, whatever its status, or the browser's error
/// when there is none (network failure, CORS refusal, abort).
pub async fn get(
    url: &str,
    headers: &[(&str, &str)],
    signal: Option<&AbortSignal>,
) -> Result<Response, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let init = RequestInit::new();
    let sent_headers = Headers::new()?;
    for (name, value) in headers {
        sent_headers.set(name, value)?;
    }
    init.set_headers(&sent_headers);
    if let Some(signal) = signal {
        init.set_signal(Some(signal));
    }
    JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()
}

/// The answer's body as text; `None` if it is not UTF-8. Read as bytes, one copy into
/// WebAssembly's memory, where `Response.text()` would have JavaScript re-encode every
/// character (milliseconds for a page of 500 rows). A byte-order mark is dropped, as `text()`
/// drops it: an editor may write one into `config.json`.
pub async fn text(response: &Response) -> Result<Option<String>, JsValue> {
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    let mut bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Ok(String::from_utf8(bytes).ok())
}

/// A response header's value, if it was sent and the browser lets the page read it.
pub fn header(response: &Response, name: &str) -> Option<String> {
    response.headers().get(name).ok().flatten()
}
