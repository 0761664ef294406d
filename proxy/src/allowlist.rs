//! The only place that decides what may pass to Atlas.
//!
//! A request passes when its raw path is, segment for segment, one of the five list
//! endpoints with a 24-hex-digit ID, and its query holds only known keys with plain values.
//! Nothing is decoded or normalised: an encoded or dotted path simply matches nothing. The
//! upstream path is rebuilt from the checked parts, never copied from the request.

use std::path::Path;

use atlas_panel_common::endpoint::{match_path, ApiFlavour, Endpoint, Owner, QueryValue};
use atlas_panel_common::id::is_atlas_id;
use atlas_panel_common::site_config::{KnownId, SiteConfig};
use thiserror::Error;

use crate::error::ProxyError;

/// A request the allowlist let through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowedRequest {
    pub endpoint: &'static Endpoint,
    pub flavour: ApiFlavour,
    /// The project or organization ID.
    pub owner_id: String,
    /// `/api/...?...` as it will be sent upstream.
    pub path_and_query: String,
    pub query: ListQuery,
}

impl AllowedRequest {
    /// The `Accept` header Atlas is asked with.
    pub fn accept(&self) -> &'static str {
        self.endpoint.accept(self.flavour)
    }

    /// The route's name in metrics: `integrations_v2`.
    pub fn route_label(&self) -> String {
        format!("{}_{}", self.endpoint.list.name(), self.flavour.tag())
    }
}

/// A query value the endpoint table allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryArg {
    Number(u64),
    Flag(bool),
}

/// The query of an allowed request: only keys its endpoint takes, each at most once, in the
/// table's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    args: Vec<(&'static str, QueryArg)>,
}

impl ListQuery {
    fn parse(endpoint: &Endpoint, raw: Option<&str>) -> Result<ListQuery, ProxyError> {
        let mut args = Vec::new();
        let mut seen = Vec::new();
        for pair in raw.unwrap_or("").split('&').filter(|pair| !pair.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let Some(known) = endpoint.query_key(key) else {
                return Err(ProxyError::BadQuery(format!(
                    "Only {} may be given.",
                    key_names(endpoint)
                )));
            };
            if seen.contains(&known.name) {
                return Err(ProxyError::BadQuery(format!(
                    "The query parameter {key} is given more than once."
                )));
            }
            seen.push(known.name);
            let arg = match known.value {
                QueryValue::WholeNumber => QueryArg::Number(number(key, value)?),
                QueryValue::Boolean => QueryArg::Flag(boolean(key, value)?),
            };
            if !is_atlas_default(known.name, arg) {
                args.push((known.name, arg));
            }
        }
        let order = |name: &str| endpoint.query.iter().position(|key| key.name == name);
        args.sort_by_key(|(name, _)| order(name));
        Ok(ListQuery { args })
    }

    fn get(&self, name: &str) -> Option<QueryArg> {
        self.args
            .iter()
            .find_map(|(key, arg)| (*key == name).then_some(*arg))
    }

    pub fn number(&self, name: &str) -> Option<u64> {
        match self.get(name) {
            Some(QueryArg::Number(n)) => Some(n),
            _ => None,
        }
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.get(name) {
            Some(QueryArg::Flag(b)) => Some(b),
            _ => None,
        }
    }

    /// The query as it is sent upstream, in the table's order.
    pub fn to_query_string(&self) -> String {
        let pairs: Vec<String> = self
            .args
            .iter()
            .map(|(name, arg)| match arg {
                QueryArg::Number(n) => format!("{name}={n}"),
                QueryArg::Flag(b) => format!("{name}={b}"),
            })
            .collect();
        pairs.join("&")
    }
}

/// Whether a query argument cannot change Atlas's answer, so that it is left out of the
/// request (and so of the cache key and the client's budget): Atlas's own defaults, and
/// `pretty`, which changes only the whitespace.
fn is_atlas_default(name: &str, arg: QueryArg) -> bool {
    matches!(
        (name, arg),
        ("pretty", _) | ("pageNum", QueryArg::Number(1)) | ("itemsPerPage", QueryArg::Number(100))
    )
}

/// "pageNum, itemsPerPage and pretty"
fn key_names(endpoint: &Endpoint) -> String {
    let names: Vec<&str> = endpoint.query.iter().map(|key| key.name).collect();
    match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "no parameters".to_string(),
    }
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

/// Decides whether `path` (raw, as received) with `query` may go to Atlas: the path must be,
/// segment for segment, one of the endpoint table's below `/api`. The upstream path is rebuilt
/// from the checked parts, never copied from the request.
pub fn check(path: &str, query: Option<&str>) -> Result<AllowedRequest, ProxyError> {
    let not_found = || ProxyError::NotFound(path_for_message(path));
    let matched = path
        .strip_prefix("/api")
        .and_then(match_path)
        .ok_or_else(not_found)?;
    let query = ListQuery::parse(matched.endpoint, query)?;
    let path = format!("/api{}", matched.path());
    let query_string = query.to_query_string();
    let path_and_query = if query_string.is_empty() {
        path
    } else {
        format!("{path}?{query_string}")
    };
    Ok(AllowedRequest {
        endpoint: matched.endpoint,
        flavour: matched.flavour,
        owner_id: matched.owner_id().to_string(),
        path_and_query,
        query,
    })
}

/// The projects and organizations the proxy may show; when both lists are empty, any.
#[derive(Clone, Debug, Default)]
pub struct IdScope {
    pub projects: Vec<KnownId>,
    pub orgs: Vec<KnownId>,
}

#[derive(Debug, Error)]
pub enum ScopeError {
    #[error("{0:?} is not an Atlas ID (24 lowercase hex digits)")]
    BadId(String),
    #[error("--allow-ids {0}: {1}")]
    Unreadable(String, std::io::Error),
    #[error("--allow-ids {file}, line {line}: expected `project ID label` or `org ID label`")]
    BadLine { file: String, line: usize },
}

impl IdScope {
    pub fn new(
        projects: &[String],
        orgs: &[String],
        file: Option<&Path>,
    ) -> Result<IdScope, ScopeError> {
        let known = |id: &String| {
            is_atlas_id(id)
                .then(|| KnownId {
                    id: id.clone(),
                    label: String::new(),
                })
                .ok_or_else(|| ScopeError::BadId(id.clone()))
        };
        let mut scope = IdScope {
            projects: projects.iter().map(known).collect::<Result<_, _>>()?,
            orgs: orgs.iter().map(known).collect::<Result<_, _>>()?,
        };
        if let Some(file) = file {
            let name = file.display().to_string();
            let text = std::fs::read_to_string(file)
                .map_err(|error| ScopeError::Unreadable(name.clone(), error))?;
            for (index, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut words = line.splitn(3, char::is_whitespace);
                let (kind, id, label) = (
                    words.next(),
                    words.next(),
                    words.next().unwrap_or("").trim(),
                );
                let bad_line = || ScopeError::BadLine {
                    file: name.clone(),
                    line: index + 1,
                };
                let id = id.filter(|id| is_atlas_id(id)).ok_or_else(bad_line)?;
                let entry = KnownId {
                    id: id.to_string(),
                    label: label.to_string(),
                };
                match kind {
                    Some("project") => scope.projects.push(entry),
                    Some("org") => scope.orgs.push(entry),
                    _ => return Err(bad_line()),
                }
            }
        }
        Ok(scope)
    }

    pub fn is_open(&self) -> bool {
        self.projects.is_empty() && self.orgs.is_empty()
    }

    /// Whether the request's project or organization may be shown.
    pub fn check(&self, request: &AllowedRequest) -> Result<(), ProxyError> {
        if self.is_open() {
            return Ok(());
        }
        let (list, what) = match request.endpoint.owner {
            Owner::Project => (&self.projects, "project"),
            Owner::Organization => (&self.orgs, "organization"),
        };
        if list.iter().any(|known| known.id == request.owner_id) {
            Ok(())
        } else {
            Err(ProxyError::IdNotAllowed(format!(
                "{what} {}",
                request.owner_id
            )))
        }
    }

    /// `config.json` naming exactly these IDs, for the panel's home page.
    pub fn site_config(&self, api_base: &str) -> SiteConfig {
        SiteConfig {
            api_base: api_base.to_string(),
            projects: self.projects.clone(),
            orgs: self.orgs.clone(),
            ..SiteConfig::default()
        }
    }
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
    use atlas_panel_common::endpoint::List;

    const ID: &str = "5f1a2b3c4d5e6f7a8b9c0d1e";

    #[test]
    fn lets_the_five_list_endpoints_through() {
        for (path, list, flavour) in [
            (
                format!("/api/atlas/v1.0/groups/{ID}/integrations"),
                List::Integrations,
                ApiFlavour::V1,
            ),
            (
                format!("/api/atlas/v2/groups/{ID}/integrations"),
                List::Integrations,
                ApiFlavour::V2,
            ),
            (
                format!("/api/public/v1.0/orgs/{ID}/teams"),
                List::Teams,
                ApiFlavour::V1,
            ),
            (
                format!("/api/atlas/v1.0/orgs/{ID}/teams"),
                List::Teams,
                ApiFlavour::V1,
            ),
            (
                format!("/api/atlas/v2/orgs/{ID}/teams"),
                List::Teams,
                ApiFlavour::V2,
            ),
        ] {
            let allowed = check(&path, None).unwrap();
            assert_eq!(
                (
                    allowed.endpoint.list,
                    allowed.flavour,
                    allowed.path_and_query.as_str()
                ),
                (list, flavour, path.as_str())
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
            "/api/atlas/v1.0/groups/%35f1a2b3c4d5e6f7a8b9c0d1e/integrations".to_string(),
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
            format!("{path}?pageNum=3&itemsPerPage=500&includeCount=false&envelope=true")
        );
        // What cannot change Atlas's answer is left out, so such requests share one answer.
        for same in [
            "pageNum=1&itemsPerPage=100",
            "pretty=true",
            "itemsPerPage=100&pretty=false&pageNum=1",
        ] {
            assert_eq!(
                check(&path, Some(same)).unwrap().path_and_query,
                path,
                "{same}"
            );
        }
        assert_eq!(
            check(&path, Some("pageNum=1&itemsPerPage=50&pretty=true"))
                .unwrap()
                .path_and_query,
            format!("{path}?itemsPerPage=50")
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
    fn a_scope_admits_only_its_ids() {
        let other = "0123456789abcdef01234567";
        let scope = IdScope::new(&[ID.to_string()], &[], None).unwrap();
        assert!(scope
            .check(&check(&format!("/api/atlas/v1.0/groups/{ID}/integrations"), None).unwrap())
            .is_ok());
        let refused = scope.check(
            &check(
                &format!("/api/atlas/v1.0/groups/{other}/integrations"),
                None,
            )
            .unwrap(),
        );
        assert!(matches!(refused, Err(ProxyError::IdNotAllowed(_))));
        // A project ID is no organization ID.
        assert!(scope
            .check(&check(&format!("/api/atlas/v2/orgs/{ID}/teams"), None).unwrap())
            .is_err());
        assert!(IdScope::default()
            .check(&check(&format!("/api/atlas/v2/orgs/{other}/teams"), None).unwrap())
            .is_ok());
        assert!(matches!(
            IdScope::new(&["nope".to_string()], &[], None),
            Err(ScopeError::BadId(_))
        ));
    }

    #[test]
    fn reads_ids_and_labels_from_a_file() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), format!("# ours\nproject {ID} Payments production\norg 0123456789abcdef01234567 Example Corp\n")).unwrap();
        let scope = IdScope::new(&[], &[], Some(file.path())).unwrap();
        assert_eq!(
            scope.projects,
            [KnownId {
                id: ID.to_string(),
                label: "Payments production".to_string()
            }]
        );
        assert_eq!(scope.orgs[0].label, "Example Corp");
        let config = scope.site_config("api");
        assert_eq!(config.projects[0].label, "Payments production");
        std::fs::write(file.path(), "cluster 5f1a2b3c4d5e6f7a8b9c0d1e x\n").unwrap();
        assert!(matches!(
            IdScope::new(&[], &[], Some(file.path())),
            Err(ScopeError::BadLine { line: 1, .. })
        ));
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
