//! The only place that decides what may pass to Atlas.
//!
//! A request passes when its raw path is, segment for segment, one of the endpoint table's
//! with 24-hex-digit IDs, and its query holds only its row's keys with plain values.
//! Nothing is decoded or normalised: an encoded or dotted path simply matches nothing. The
//! upstream path is rebuilt from the checked parts, never copied from the request.

use atlas_panel_common::endpoint::{
    is_event_type, is_name_filter, is_utc_date_time, match_path, membership_status, ApiFlavour,
    Endpoint, QueryValue, MAX_EVENT_TYPES, MEMBERSHIP_STATUSES,
};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::error::ProxyError;

/// A request the allowlist let through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowedRequest {
    pub endpoint: &'static Endpoint,
    pub flavour: ApiFlavour,
    /// The project or organization ID.
    pub owner_id: String,
    /// Every ID of the path in order, `owner_id` first (a team's members: the team's second).
    pub ids: Vec<String>,
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryArg {
    Number(u64),
    Flag(bool),
    /// Decoded; encoded again, one way only, when sent.
    Name(String),
    /// Each status once, in the order of [`MEMBERSHIP_STATUSES`].
    Statuses(Vec<&'static str>),
    /// Event types, each once, in alphabetical order: one request however they were given.
    EventTypes(Vec<String>),
    /// An ISO 8601 date-time in UTC, as given.
    DateTime(String),
}

/// What is sent as it is in a name filter: RFC 3986's unreserved characters.
const NAME_AS_IS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The query of an allowed request: only keys its endpoint takes, each at most once (a
/// repeating key's values gathered into one argument), in the table's order.
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
            if !known.value.repeats() {
                if seen.contains(&known.name) {
                    return Err(ProxyError::BadQuery(format!(
                        "The query parameter {key} is given more than once."
                    )));
                }
                seen.push(known.name);
            }
            let arg = match known.value {
                QueryValue::WholeNumber => QueryArg::Number(number(key, value)?),
                QueryValue::Boolean => QueryArg::Flag(boolean(key, value)?),
                QueryValue::Name => QueryArg::Name(name(key, value)?),
                QueryValue::MembershipStatus => {
                    let status = status(key, value)?;
                    let given = args.iter_mut().find(|(name, _)| *name == known.name);
                    if let Some((_, QueryArg::Statuses(statuses))) = given {
                        statuses.push(status);
                        continue;
                    }
                    QueryArg::Statuses(vec![status])
                }
                QueryValue::EventType => {
                    let event_type = event_type(key, value)?;
                    let given = args.iter_mut().find(|(name, _)| *name == known.name);
                    if let Some((_, QueryArg::EventTypes(types))) = given {
                        if types.len() == MAX_EVENT_TYPES {
                            return Err(ProxyError::BadQuery(format!(
                                "The query parameter {key} may be given at most {MAX_EVENT_TYPES} times."
                            )));
                        }
                        types.push(event_type);
                        continue;
                    }
                    QueryArg::EventTypes(vec![event_type])
                }
                QueryValue::DateTime => QueryArg::DateTime(date_time(key, value)?),
            };
            if !is_atlas_default(known.name, &arg) {
                args.push((known.name, arg));
            }
        }
        // One request however the statuses were ordered or repeated: one cached answer.
        for (_, arg) in &mut args {
            if let QueryArg::Statuses(statuses) = arg {
                statuses.sort_by_key(|status| MEMBERSHIP_STATUSES.iter().position(|s| s == status));
                statuses.dedup();
            }
            if let QueryArg::EventTypes(types) = arg {
                types.sort();
                types.dedup();
            }
        }
        let order = |name: &str| endpoint.query.iter().position(|key| key.name == name);
        args.sort_by_key(|(name, _)| order(name));
        Ok(ListQuery { args })
    }

    fn get(&self, name: &str) -> Option<&QueryArg> {
        self.args
            .iter()
            .find_map(|(key, arg)| (*key == name).then_some(arg))
    }

    pub fn number(&self, name: &str) -> Option<u64> {
        match self.get(name) {
            Some(QueryArg::Number(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.get(name) {
            Some(QueryArg::Flag(b)) => Some(*b),
            _ => None,
        }
    }

    /// A name filter, decoded.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(QueryArg::Name(text)) => Some(text),
            _ => None,
        }
    }

    /// The event types asked for, if any.
    pub fn event_types(&self, name: &str) -> Option<&[String]> {
        match self.get(name) {
            Some(QueryArg::EventTypes(types)) => Some(types),
            _ => None,
        }
    }

    /// A date-time asked for, if any.
    pub fn date_time(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(QueryArg::DateTime(text)) => Some(text),
            _ => None,
        }
    }

    /// The membership statuses asked for, if any.
    pub fn statuses(&self, name: &str) -> Option<&[&'static str]> {
        match self.get(name) {
            Some(QueryArg::Statuses(statuses)) => Some(statuses),
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
                QueryArg::Name(text) => format!("{name}={}", utf8_percent_encode(text, NAME_AS_IS)),
                QueryArg::Statuses(statuses) => statuses
                    .iter()
                    .map(|status| format!("{name}={status}"))
                    .collect::<Vec<_>>()
                    .join("&"),
                QueryArg::EventTypes(types) => types
                    .iter()
                    .map(|event_type| format!("{name}={event_type}"))
                    .collect::<Vec<_>>()
                    .join("&"),
                // Digits, `-`, `:`, `.`, `T` and `Z` only: nothing to encode.
                QueryArg::DateTime(text) => format!("{name}={text}"),
            })
            .collect();
        pairs.join("&")
    }
}

/// Whether a query argument cannot change Atlas's answer, so that it is left out of the
/// request (and so of the cache key and the client's budget): Atlas's own defaults, and
/// `pretty`, which changes only the whitespace.
fn is_atlas_default(name: &str, arg: &QueryArg) -> bool {
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

/// A name filter as the browser encoded it (`+` or `%20` for a space), decoded and checked.
/// The message never repeats the value: it may be anything.
fn name(key: &str, value: &str) -> Result<String, ProxyError> {
    percent_decode_str(&value.replace('+', " "))
        .decode_utf8()
        .ok()
        .filter(|text| is_name_filter(text))
        .map(|text| text.into_owned())
        .ok_or_else(|| {
            ProxyError::BadQuery(format!(
                "The query parameter {key} must be 1 to 64 characters, none of them a control character."
            ))
        })
}

/// A membership status exactly as Atlas spells it: no decoding, no other case.
fn status(key: &str, value: &str) -> Result<&'static str, ProxyError> {
    membership_status(value).ok_or_else(|| {
        ProxyError::BadQuery(format!(
            "The query parameter {key} must be one of {}, once per value.",
            MEMBERSHIP_STATUSES.join(", ")
        ))
    })
}

/// An event type exactly as Atlas spells it: capital letters, digits and `_`.
fn event_type(key: &str, value: &str) -> Result<String, ProxyError> {
    is_event_type(value).then(|| value.to_string()).ok_or_else(|| {
        ProxyError::BadQuery(format!(
            "The query parameter {key} must be an event type: 1 to 64 capital letters, digits and underscores."
        ))
    })
}

/// A date-time in UTC as ISO 8601 writes it; `:` may come encoded, as a browser's
/// `URLSearchParams` sends it.
fn date_time(key: &str, value: &str) -> Result<String, ProxyError> {
    let value = value.replace("%3A", ":").replace("%3a", ":");
    is_utc_date_time(&value).then_some(value).ok_or_else(|| {
        ProxyError::BadQuery(format!(
            "The query parameter {key} must be a date and time in UTC, such as 2026-12-07T04:22:11Z."
        ))
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
        ids: matched.ids.clone(),
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
    use atlas_panel_common::endpoint::List;

    const ID: &str = "5f1a2b3c4d5e6f7a8b9c0d1e";
    const TEAM: &str = "0123456789abcdef01234567";

    #[test]
    fn lets_the_list_endpoints_through() {
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
            (
                format!("/api/public/v1.0/groups/{ID}/integrations"),
                List::Integrations,
                ApiFlavour::Public,
            ),
            ("/api/atlas/v2/orgs".to_string(), List::Orgs, ApiFlavour::V2),
            (
                "/api/public/v1.0/orgs".to_string(),
                List::Orgs,
                ApiFlavour::Public,
            ),
            (
                format!("/api/atlas/v1.0/orgs/{ID}/groups"),
                List::Projects,
                ApiFlavour::V1,
            ),
            (
                format!("/api/public/v1.0/groups/{ID}"),
                List::Project,
                ApiFlavour::Public,
            ),
            (
                format!("/api/public/v1.0/orgs/{ID}/teams/{TEAM}/users"),
                List::TeamMembers,
                ApiFlavour::V1,
            ),
            (
                format!("/api/atlas/v1.0/orgs/{ID}/teams/{TEAM}/users"),
                List::TeamMembers,
                ApiFlavour::V1,
            ),
            (
                format!("/api/atlas/v2/orgs/{ID}/teams/{TEAM}/users"),
                List::TeamMembers,
                ApiFlavour::V2,
            ),
            (
                format!("/api/atlas/v1.0/groups/{ID}/teams"),
                List::ProjectTeams,
                ApiFlavour::V1,
            ),
            (
                format!("/api/atlas/v2/groups/{ID}/teams"),
                List::ProjectTeams,
                ApiFlavour::V2,
            ),
            (
                format!("/api/public/v1.0/groups/{ID}/teams"),
                List::ProjectTeams,
                ApiFlavour::Public,
            ),
            (
                format!("/api/atlas/v1.0/groups/{ID}/alertConfigs"),
                List::AlertConfigs,
                ApiFlavour::V1,
            ),
            (
                format!("/api/atlas/v2/groups/{ID}/alertConfigs"),
                List::AlertConfigs,
                ApiFlavour::V2,
            ),
            (
                format!("/api/public/v1.0/groups/{ID}/alertConfigs"),
                List::AlertConfigs,
                ApiFlavour::Public,
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
            "/api/atlas/v2/groups".to_string(),
            format!("/api/atlas/v1.0/groups/{ID}/"),
            format!("/api/atlas/v2/orgs/{ID}"),
            format!("/api/atlas/v2/orgs/{ID}/apiKeys"),
            format!("/api/atlas/v1.0/groups/{ID}/integrations/SLACK"),
            format!("/api/atlas/v1.0/groups/{ID}/databaseUsers"),
            format!("/api/atlas/v1.0/groups/{ID}/integrations/"),
            format!("/api/atlas/v1.0/groups/{}/integrations", ID.to_uppercase()),
            "/api/atlas/v1.0/groups/5f1a2b3c/integrations".to_string(),
            format!("/api/public/v1.0/orgs/{ID}/teams/{TEAM}/users/{ID}"),
            format!("/api/public/v1.0/orgs/{ID}/teams/{TEAM}"),
            format!(
                "/api/atlas/v2/orgs/{ID}/teams/{}/users",
                TEAM.to_uppercase()
            ),
            format!("/api/atlas/v2/orgs/{ID}/teams/byName/users"),
            format!("/api/atlas/v2/groups/{ID}/teams/{TEAM}"),
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
        assert!(
            matches!(check(&path, Some("name=Ops")), Err(ProxyError::BadQuery(_))),
            "teams take no name filter"
        );
    }

    #[test]
    fn a_name_filter_is_decoded_checked_and_encoded_again() {
        let path = format!("/api/atlas/v2/orgs/{ID}/groups");
        for (sent, upstream) in [
            ("prod", "prod"),
            ("prod+eu", "prod%20eu"),
            ("prod%20eu", "prod%20eu"),
            ("a%26b%3Dc", "a%26b%3Dc"),
            ("%E7%94%9F%E4%BA%A7", "%E7%94%9F%E4%BA%A7"),
            ("o'brien(1)", "o%27brien%281%29"),
        ] {
            let allowed = check(&path, Some(&format!("name={sent}"))).unwrap();
            assert_eq!(
                allowed.path_and_query,
                format!("{path}?name={upstream}"),
                "{sent}"
            );
        }
        let long = "x".repeat(65);
        for refused in ["", "%0A", "a%00b", "%FF", long.as_str(), "a%09b"] {
            let Err(ProxyError::BadQuery(message)) = check(&path, Some(&format!("name={refused}")))
            else {
                panic!("{refused:?} accepted");
            };
            assert!(!message.contains(refused) || refused.is_empty());
        }
        assert!(check(
            "/api/atlas/v2/orgs",
            Some("name=Northwind&itemsPerPage=500")
        )
        .is_ok());
        assert!(matches!(
            check(&format!("/api/atlas/v2/groups/{ID}"), Some("pageNum=2")),
            Err(ProxyError::BadQuery(_))
        ));
    }

    #[test]
    fn a_team_s_members_keep_both_ids_the_organization_first() {
        let allowed = check(&format!("/api/atlas/v2/orgs/{ID}/teams/{TEAM}/users"), None).unwrap();
        assert_eq!(allowed.owner_id, ID);
        assert_eq!(allowed.ids, [ID, TEAM]);
        assert_eq!(allowed.accept(), "application/vnd.atlas.2025-02-19+json");
        assert_eq!(allowed.route_label(), "team_members_v2");
        let teams = check(&format!("/api/atlas/v2/groups/{ID}/teams"), None).unwrap();
        assert_eq!(teams.accept(), "application/vnd.atlas.2023-01-01+json");
        assert_eq!(teams.ids, [ID]);
    }

    #[test]
    fn membership_statuses_repeat_their_key_and_go_out_in_one_order() {
        let path = format!("/api/atlas/v2/orgs/{ID}/teams/{TEAM}/users");
        for (sent, upstream) in [
            ("orgMembershipStatuses=ACTIVE", "orgMembershipStatuses=ACTIVE"),
            (
                "orgMembershipStatuses=PENDING&orgMembershipStatuses=ACTIVE",
                "orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING",
            ),
            (
                "orgMembershipStatuses=INVITATION_REJECTED&pageNum=2&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED",
                "pageNum=2&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED",
            ),
            (
                "orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED&itemsPerPage=500",
                "itemsPerPage=500&orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED",
            ),
        ] {
            let allowed = check(&path, Some(sent)).unwrap();
            assert_eq!(allowed.path_and_query, format!("{path}?{upstream}"), "{sent}");
        }
        let allowed = check(
            &path,
            Some("orgMembershipStatuses=PENDING&orgMembershipStatuses=ACTIVE"),
        )
        .unwrap();
        assert_eq!(
            allowed.query.statuses("orgMembershipStatuses"),
            Some(&["ACTIVE", "PENDING"][..])
        );
        assert_eq!(
            check(&path, None)
                .unwrap()
                .query
                .statuses("orgMembershipStatuses"),
            None
        );
        for refused in [
            "orgMembershipStatuses=active",
            "orgMembershipStatuses=ACTIVE,PENDING",
            "orgMembershipStatuses=ACTIVE%2CPENDING",
            "orgMembershipStatuses=%41CTIVE",
            "orgMembershipStatuses=",
            "orgMembershipStatuses",
            "orgMembershipStatuses=DELETED",
            "orgMembershipStatuses[]=ACTIVE",
            "orgMembershipStatus=ACTIVE",
            "username=ada%40example.com",
            "userId=0123456789abcdef01234567",
            // The specification gives this list no count to leave out.
            "includeCount=false",
            "pageNum=1&pageNum=2",
            "orgMembershipStatuses=ACTIVE&pageNum=1&pageNum=2",
        ] {
            let Err(ProxyError::BadQuery(message)) = check(&path, Some(refused)) else {
                panic!("{refused:?} accepted");
            };
            assert!(
                !message.contains("active") && !message.contains("DELETED"),
                "{message}"
            );
        }
        // The statuses belong to a team's members alone.
        for other in [
            format!("/api/atlas/v2/orgs/{ID}/teams"),
            format!("/api/atlas/v2/groups/{ID}/teams"),
            format!("/api/atlas/v2/groups/{ID}/integrations"),
        ] {
            assert!(
                matches!(
                    check(&other, Some("orgMembershipStatuses=ACTIVE")),
                    Err(ProxyError::BadQuery(_))
                ),
                "{other}"
            );
        }
    }

    #[test]
    fn error_messages_carry_no_control_characters() {
        let Err(error) = check("/api/\u{1b}[31m\r\nX-Injected: 1", None) else {
            panic!("accepted")
        };
        let message = error.to_string();
        assert!(!message.contains('\r') && !message.contains('\n') && !message.contains('\u{1b}'));
    }

    #[test]
    fn an_activity_feed_takes_event_types_and_a_period_and_nothing_else() {
        let feed = format!("/api/atlas/v2/groups/{ID}/events");
        let allowed = check(
            &feed,
            Some("eventType=TEAM_ADDED_TO_GROUP&eventType=INTEGRATION_REMOVED&eventType=TEAM_ADDED_TO_GROUP&minDate=2026-11-30T04%3A22%3A11Z&maxDate=2026-12-07T04:22:11.5Z&itemsPerPage=500"),
        )
        .unwrap();
        assert_eq!(
            allowed.path_and_query,
            format!("{feed}?itemsPerPage=500&eventType=INTEGRATION_REMOVED&eventType=TEAM_ADDED_TO_GROUP&minDate=2026-11-30T04:22:11Z&maxDate=2026-12-07T04:22:11.5Z")
        );
        assert_eq!(allowed.endpoint.list, List::ProjectEvents);
        let org_feed = format!("/api/public/v1.0/orgs/{ID}/events");
        assert_eq!(
            check(&org_feed, None).unwrap().endpoint.list,
            List::OrgEvents
        );
        let too_many: Vec<String> = (0..33).map(|n| format!("eventType=TYPE_{n}")).collect();
        assert!(check(&feed, Some(&too_many[..32].join("&"))).is_ok());
        for bad in [
            "eventType=team_added".to_string(),
            "eventType=TEAM%5FADDED".to_string(),
            "eventType=".to_string(),
            format!("eventType={}", "A".repeat(65)),
            too_many.join("&"),
            "minDate=2026-11-30".to_string(),
            "minDate=2026-02-30T00:00:00Z".to_string(),
            "maxDate=2026-11-30T04:22:11%2B01:00".to_string(),
            "minDate=2026-11-30T04:22:11Z&minDate=2026-11-30T04:22:11Z".to_string(),
            "includeRaw=true".to_string(),
            "excludedEventType=X".to_string(),
        ] {
            assert!(
                matches!(check(&feed, Some(&bad)), Err(ProxyError::BadQuery(_))),
                "{bad}"
            );
        }
    }
}
