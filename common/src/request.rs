//! A list request's URL, byte for byte as the panel sends it: the proxy names a deep link's
//! first requests with the same function, so that the panel finds them by URL.

use crate::endpoint::{Endpoint, List};
use crate::paging::PageRequest;

/// `api_base` then the list's `path`; for a paged list the page, the count where the list
/// gives one, then `extra` (each value percent-encoded) in order. A list that is one item,
/// such as one project, is asked for without paging.
pub fn list_url(
    api_base: &str,
    list: List,
    path: &str,
    page: PageRequest,
    extra: &[(&str, &str)],
) -> String {
    let base = api_base.trim_end_matches('/');
    let endpoint = Endpoint::of(list);
    if !endpoint.paged {
        return format!("{base}{path}");
    }
    let mut url = format!("{base}{path}?{}", page.query());
    if endpoint.query_key("includeCount").is_some() {
        url += "&includeCount=true";
    }
    for (name, value) in extra {
        url += &format!("&{name}={}", encode_query_value(value));
    }
    url
}

/// Percent-encodes every byte of `text` but the unreserved ones (RFC 3986): a name may hold
/// `&`, `+`, `#` or letters of any script.
pub fn encode_query_value(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(byte));
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            encoded.push('%');
            encoded.push(char::from(HEX[usize::from(byte >> 4)]));
            encoded.push(char::from(HEX[usize::from(byte & 15)]));
        }
    }
    encoded
}
