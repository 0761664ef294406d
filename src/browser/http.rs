//! All the HTTP the panel does: GETs through gloo-net, their answers read as bytes.

use gloo_net::http::{Headers, Request, Response};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

/// An answer, whatever its status.
pub struct Answer {
    pub status: u16,
    headers: Headers,
    body: Vec<u8>,
}

/// Why no answer came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The signal was aborted: a newer request, a page left.
    Aborted,
    /// Anything else: the network, a CORS refusal, a body cut short.
    Unreachable,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A header's value, if it was sent and the browser lets the page read it.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name)
    }

    /// A header holding a whole number, such as `Age`.
    pub fn number(&self, name: &str) -> Option<u32> {
        self.header(name)
            .and_then(|value| value.trim().parse::<u32>().ok())
    }

    /// The body as text; `None` if it is not UTF-8. A byte-order mark is dropped, as the
    /// browser's `text()` drops it: an editor may write one into `config.json`.
    pub fn text(self) -> Option<String> {
        let mut bytes = self.body;
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        String::from_utf8(bytes).ok()
    }
}

/// Sends a GET with these headers and reads the whole answer. The body is read as bytes, one
/// copy into WebAssembly's memory, where `text()` would have JavaScript re-encode every
/// character (milliseconds for a page of 500 rows).
pub async fn get(
    url: &str,
    headers: &[(&str, &str)],
    signal: Option<&AbortSignal>,
) -> Result<Answer, Failure> {
    let failed = |_| {
        if signal.is_some_and(AbortSignal::aborted) {
            Failure::Aborted
        } else {
            Failure::Unreachable
        }
    };
    // Refresh (`Cache-Control: no-cache`) asks anew; a plain read takes what `boot.js` sent.
    let preloaded = match headers {
        [("Accept", "application/json")] if !signal.is_some_and(AbortSignal::aborted) => {
            take_preloaded(url)
        }
        _ => None,
    };
    let response = match preloaded {
        Some(answer) => {
            // Not abortable: its answer is dropped when the signal came meanwhile.
            let answer = JsFuture::from(answer).await;
            if signal.is_some_and(AbortSignal::aborted) {
                return Err(Failure::Aborted);
            }
            let answer = answer.map_err(|_| Failure::Unreachable)?;
            Response::from(
                answer
                    .dyn_into::<web_sys::Response>()
                    .map_err(|_| Failure::Unreachable)?,
            )
        }
        None => {
            let request = headers
                .iter()
                .fold(Request::get(url), |request, (name, value)| {
                    request.header(name, value)
                })
                .abort_signal(signal);
            request.send().await.map_err(failed)?
        }
    };
    let body = response.binary().await.map_err(failed)?;
    Ok(Answer {
        status: response.status(),
        headers: response.headers(),
        body,
    })
}

/// The answer `boot.js` already asked for at `url` (`window.atlasPanelPreloads`, filled from
/// the URLs the proxy named in the page), taken once: a second read of the same URL asks
/// again.
fn take_preloaded(url: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let answers = js_sys::Reflect::get(&window, &JsValue::from_str("atlasPanelPreloads"))
        .ok()?
        .dyn_into::<js_sys::Map>()
        .ok()?;
    let key = JsValue::from_str(url);
    let answer = answers.get(&key).dyn_into::<js_sys::Promise>().ok()?;
    answers.delete(&key);
    Some(answer)
}

/// Drops what `boot.js` asked for: it was the page's as loaded, and once the reader has moved
/// on, an answer left untaken is old news that must not be shown as new.
pub fn forget_preloaded() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &JsValue::from_str("atlasPanelPreloads"));
    }
}
