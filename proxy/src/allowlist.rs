//! The only place that decides what may pass to Atlas.
//!
//! A request passes when its raw path is, segment for segment, one of the five list
//! endpoints with a 24-hex-digit ID, and its query holds only known keys with plain values.
//! Nothing is decoded or normalised: an encoded or dotted path simply matches nothing. The
//! upstream path is rebuilt from the checked parts, never copied from the request.

use atlas_panel_common::id::is_atlas_id;

use crate::error::ProxyError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ApiVersion {
    V1,
    V2,
}

impl ApiVersion {
    /// v2 answers 200 only to its dated media type.
    pub fn accept(self) -> &'static str {
        match self {
            ApiVersion::V1 => "application/json",
            ApiVersion::V2 => "application/vnd.atlas.2023-01-01+json",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Integrations,
    Teams,
}

/// A request the allowlist let through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowedRequest {
    pub kind: ListKind,
    pub version: ApiVersion,
    /// The project or organization ID.
    pub owner_id: String,
    /// `/api/...?...` as it will be sent upstream.
    pub path_and_query: String,
    pub query: ListQuery,
}

/// The query keys a list request may carry; anything else is refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub page_num: Option<u64>,
    pub items_per_page: Option<u64>,
    pub include_count: Option<bool>,
    pub envelope: Option<bool>,
    pub pretty: Option<bool>,
}

impl ListQuery {
    fn parse(raw: Option<&str>) -> Result<ListQuery, ProxyError> {
        let mut query = ListQuery::default();
        for pair in raw.unwrap_or("").split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let duplicate = || {
                ProxyError::BadQuery(format!(
                    "The query parameter {key} is given more than once."
                ))
            };
            match key {
                "pageNum" => {
                    set_once(&mut query.page_num, number(key, value)?).ok_or_else(duplicate)?
                }
                "itemsPerPage" => set_once(&mut query.items_per_page, number(key, value)?)
                    .ok_or_else(duplicate)?,
                "includeCount" => set_once(&mut query.include_count, boolean(key, value)?)
                    .ok_or_else(duplicate)?,
                "envelope" => {
                    set_once(&mut query.envelope, boolean(key, value)?).ok_or_else(duplicate)?
                }
                "pretty" => {
                    set_once(&mut query.pretty, boolean(key, value)?).ok_or_else(duplicate)?
                }
                _ => return Err(ProxyError::BadQuery(
                    "Only pageNum, itemsPerPage, includeCount, envelope and pretty may be given."
                        .to_string(),
                )),
            }
        }
        Ok(query)
    }

    /// The query as it is sent upstream, in a fixed order.
    pub fn to_query_string(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(v) = self.page_num {
            pairs.push(format!("pageNum={v}"));
        }
        if let Some(v) = self.items_per_page {
            pairs.push(format!("itemsPerPage={v}"));
        }
        if let Some(v) = self.include_count {
            pairs.push(format!("includeCount={v}"));
        }
        if let Some(v) = self.envelope {
            pairs.push(format!("envelope={v}"));
        }
        if let Some(v) = self.pretty {
            pairs.push(format!("pretty={v}"));
        }
        pairs.join("&")
    }
}

fn set_once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

fn number(key: &str, value: &str) -> Result<u64, ProxyError> {
    let digits = !value.is_empty() && value.len() <= 9 && value.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| value.parse().ok()).flatten().ok_or_else(|| {
        ProxyError::BadQuery(format!("The query parameter {key} must be a whole number."))
    })
}

fn boolean(key: &str, value: &str) -> Result<bool, ProxyError> {
    match value {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(ProxyError::BadQuery(format!(
            "The query parameter {key} must be true or false."
        ))),
    }
}

/// Decides whether `path` (raw, as received) with `query` may go to Atlas.
pub fn check(path: &str, query: Option<&str>) -> Result<AllowedRequest, ProxyError> {
    let not_found = || ProxyError::NotFound(path_for_message(path));
    let segments: Vec<&str> = path
        .strip_prefix('/')
        .ok_or_else(not_found)?
        .split('/')
        .collect();
    let (kind, version, owner_id) = match segments.as_slice() {
        ["api", "atlas", "v1.0", "groups", id, "integrations"] => {
            (ListKind::Integrations, ApiVersion::V1, *id)
        }
        ["api", "atlas", "v2", "groups", id, "integrations"] => {
            (ListKind::Integrations, ApiVersion::V2, *id)
        }
        ["api", "public", "v1.0", "orgs", id, "teams"] => (ListKind::Teams, ApiVersion::V1, *id),
        ["api", "atlas", "v1.0", "orgs", id, "teams"] => (ListKind::Teams, ApiVersion::V1, *id),
        ["api", "atlas", "v2", "orgs", id, "teams"] => (ListKind::Teams, ApiVersion::V2, *id),
        _ => return Err(not_found()),
    };
    if !is_atlas_id(owner_id) {
        return Err(not_found());
    }
    let query = ListQuery::parse(query)?;
    let rebuilt = segments.join("/");
    let query_string = query.to_query_string();
    let path_and_query = if query_string.is_empty() {
        format!("/{rebuilt}")
    } else {
        format!("/{rebuilt}?{query_string}")
    };
    Ok(AllowedRequest {
        kind,
        version,
        owner_id: owner_id.to_string(),
        path_and_query,
        query,
    })
}

/// The path as it may appear in an error message: printable ASCII only, and not too long.
fn path_for_message(path: &str) -> String {
    path.chars()
        .filter(|c| c.is_ascii_graphic())
        .take(200)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "5f1a2b3c4d5e6f7a8b9c0d1e";

    #[test]
    fn lets_the_five_list_endpoints_through() {
        for (path, kind, version) in [
            (
                format!("/api/atlas/v1.0/groups/{ID}/integrations"),
                ListKind::Integrations,
                ApiVersion::V1,
            ),
            (
                format!("/api/atlas/v2/groups/{ID}/integrations"),
                ListKind::Integrations,
                ApiVersion::V2,
            ),
            (
                format!("/api/public/v1.0/orgs/{ID}/teams"),
                ListKind::Teams,
                ApiVersion::V1,
            ),
            (
                format!("/api/atlas/v1.0/orgs/{ID}/teams"),
                ListKind::Teams,
                ApiVersion::V1,
            ),
            (
                format!("/api/atlas/v2/orgs/{ID}/teams"),
                ListKind::Teams,
                ApiVersion::V2,
            ),
        ] {
            let allowed = check(&path, None).unwrap();
            assert_eq!(
                (
                    allowed.kind,
                    allowed.version,
                    allowed.path_and_query.as_str()
                ),
                (kind, version, path.as_str())
            );
        }
    }

    #[test]
    fn refuses_everything_else() {
        for path in [
            "/api/atlas/v1.0/groups".to_string(),
            format!("/api/atlas/v1.0/groups/{ID}"),
            format!("/api/atlas/v1.0/groups/{ID}/integrations/SLACK"),
            format!("/api/atlas/v1.0/groups/{ID}/databaseUsers"),
            format!("/api/atlas/v1.0/groups/{ID}/integrations/"),
            format!("/api/atlas/v1.0/groups/{}/integrations", ID.to_uppercase()),
            "/api/atlas/v1.0/groups/5f1a2b3c/integrations".to_string(),
            format!("/api/public/v1.0/orgs/{ID}/teams/{ID}/users"),
            format!("/api/atlas/v1.5/orgs/{ID}/teams"),
            format!("api/atlas/v1.0/orgs/{ID}/teams"),
            String::new(),
        ] {
            assert!(
                matches!(check(&path, None), Err(ProxyError::NotFound(_))),
                "{path}"
            );
        }
    }

    #[test]
    fn refuses_path_tricks_instead_of_normalising_them() {
        for path in [
            format!("/api/atlas/v1.0/groups/{ID}/integrations/../../../orgs/{ID}/apiKeys"),
            format!("/api/atlas/v1.0/groups/{ID}/../{ID}/integrations"),
            format!("/api/atlas/v1.0/groups/{ID}%2Fintegrations"),
            format!("/api/atlas/v1.0/groups/{ID}%2f..%2fx/integrations"),
            format!("/api/atlas/v1.0/groups/%35f1a2b3c4d5e6f7a8b9c0d1e/integrations"),
            format!("/api/atlas/v1.0//groups/{ID}/integrations"),
            format!("/api/atlas/./v1.0/groups/{ID}/integrations"),
            format!("/api/atlas/v1.0/groups/{ID}/integrations;jsessionid=1"),
            format!("/api/atlas/v1.0/groups/{ID}\\..\\integrations"),
            format!("//evil.example/api/atlas/v1.0/groups/{ID}/integrations"),
        ] {
            assert!(check(&path, None).is_err(), "{path}");
        }
    }

    #[test]
    fn keeps_only_known_query_keys_with_plain_values() {
        let path = format!("/api/public/v1.0/orgs/{ID}/teams");
        let allowed = check(
            &path,
            Some("itemsPerPage=500&pageNum=3&includeCount=false&envelope=true&pretty=false"),
        )
        .unwrap();
        assert_eq!(
            allowed.path_and_query,
            format!(
                "{path}?pageNum=3&itemsPerPage=500&includeCount=false&envelope=true&pretty=false"
            )
        );
        for query in [
            "pageNum=1&pageNum=2",
            "pageNum=-1",
            "pageNum=1e3",
            "pageNum=%31",
            "pageNum=1&host=evil.example",
            "includeCount=yes",
            "envelope",
            "itemsPerPage=99999999999999999999",
            "pageNum=1#frag",
        ] {
            assert!(
                matches!(check(&path, Some(query)), Err(ProxyError::BadQuery(_))),
                "{query}"
            );
        }
        assert_eq!(check(&path, Some("")).unwrap().path_and_query, path);
    }

    #[test]
    fn error_messages_carry_no_control_characters() {
        let Err(error) = check("/api/\u{1b}[31m\r\nX-Injected: 1", None) else {
            panic!("accepted")
        };
        let message = error.to_string();
        assert!(!message.contains('\r') && !message.contains('\n') && !message.contains('\u{1b}'));
    }
}
