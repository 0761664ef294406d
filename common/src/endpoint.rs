//! Every list the panel may read, in each form of the Atlas API: the one table the panel
//! builds its URLs from, the proxy's allowlist matches against, and the demo and the fake
//! Atlas answer from. Adding a list is one row here plus its data.

use crate::id::is_atlas_id;

/// Which form of the Atlas Administration API the lists are read from (`apiVersion` in
/// `config.json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ApiFlavour {
    /// Atlas v1.0 (`/api/atlas/v1.0/…`), and Cloud Manager's public v1.0 for teams.
    #[default]
    V1,
    /// The versioned Atlas Administration API (`/api/atlas/v2/…`), which answers 200 only to
    /// its dated media type.
    V2,
    /// Cloud Manager and self-hosted Ops Manager: every list under `/api/public/v1.0/…`.
    Public,
}

impl ApiFlavour {
    pub const ALL: [ApiFlavour; 3] = [ApiFlavour::V1, ApiFlavour::V2, ApiFlavour::Public];

    /// Its name in `config.json` and on the Settings page.
    pub fn tag(self) -> &'static str {
        match self {
            ApiFlavour::V1 => "v1",
            ApiFlavour::V2 => "v2",
            ApiFlavour::Public => "public",
        }
    }

    pub fn from_tag(tag: &str) -> Option<ApiFlavour> {
        ApiFlavour::ALL
            .into_iter()
            .find(|flavour| flavour.tag() == tag)
    }
}

/// Whose list it is: the kind of ID the path's first placeholder takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    /// No ID: whatever the key can see (`/orgs`).
    Estate,
    Project,
    Organization,
}

/// A list the panel reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum List {
    /// The organizations the key can see.
    Orgs,
    /// An organization's projects.
    Projects,
    /// One project: its name and organization. Not paged.
    Project,
    Integrations,
    Teams,
    /// A team's members: active users and pending, expired or rejected invitations.
    TeamMembers,
    /// The teams that hold roles in a project: `teamId` and `roleNames`, no names.
    ProjectTeams,
    /// A project's alert configurations, each with whom it notifies and through what.
    AlertConfigs,
    /// A project's activity feed: who changed what, and when.
    ProjectEvents,
    /// An organization's activity feed.
    OrgEvents,
}

impl List {
    /// Its name in file names, metrics and logs: `integrations`.
    pub fn name(self) -> &'static str {
        match self {
            List::Orgs => "orgs",
            List::Projects => "projects",
            List::Project => "project",
            List::Integrations => "integrations",
            List::Teams => "teams",
            List::TeamMembers => "team_members",
            List::ProjectTeams => "project_teams",
            List::AlertConfigs => "alert_configs",
            List::ProjectEvents => "project_events",
            List::OrgEvents => "org_events",
        }
    }
}

/// How a query parameter's value is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryValue {
    /// One to nine ASCII digits.
    WholeNumber,
    /// `true` or `false`.
    Boolean,
    /// A name to look for: see [`is_name_filter`].
    Name,
    /// One of [`MEMBERSHIP_STATUSES`]. The key may be given once per status
    /// (`orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING`: an array in OpenAPI's
    /// default `form` style, exploded).
    MembershipStatus,
    /// An event type: see [`is_event_type`]; the key given once per type, at most
    /// [`MAX_EVENT_TYPES`] times.
    EventType,
    /// An ISO 8601 date-time in UTC: see [`is_utc_date_time`].
    DateTime,
}

impl QueryValue {
    /// Whether its key may be given more than once, each time with one more value.
    pub fn repeats(self) -> bool {
        matches!(self, QueryValue::MembershipStatus | QueryValue::EventType)
    }
}

/// How many event types one request may name.
pub const MAX_EVENT_TYPES: usize = 32;

/// Whether `value` may be an event type's name: 1 to 64 capital letters, digits and `_`.
pub fn is_event_type(value: &str) -> bool {
    (1..=64).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// Whether `value` is a real date-time in UTC as ISO 8601 writes it:
/// `2026-12-07T04:22:11Z`, with up to nine digits of a second's fraction.
pub fn is_utc_date_time(value: &str) -> bool {
    // Every position below is a byte: anything but ASCII is refused before it is sliced.
    if !value.is_ascii() {
        return false;
    }
    let bytes = value.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = value.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let fixed = bytes.len() >= 20
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes[10] == b'T'
        && bytes[13] == b':'
        && bytes[16] == b':'
        && bytes.last() == Some(&b'Z');
    if !fixed {
        return false;
    }
    let fraction = &value[19..value.len() - 1];
    let fraction_ok = fraction.is_empty()
        || (fraction.len() >= 2
            && fraction.len() <= 10
            && fraction.starts_with('.')
            && fraction[1..].bytes().all(|b| b.is_ascii_digit()));
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    fraction_ok
        && year >= 1970
        && (1..=days_in_month).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60
}

/// An organization member's status, as Atlas names it, in the order the proxy sends them.
pub const MEMBERSHIP_STATUSES: [&str; 4] = [
    "ACTIVE",
    "PENDING",
    "INVITATION_EXPIRED",
    "INVITATION_REJECTED",
];

/// The statuses a team's member list holds when none is asked for (the specification's
/// default for `orgMembershipStatuses`).
pub const DEFAULT_MEMBERSHIP_STATUSES: [&str; 2] = ["ACTIVE", "PENDING"];

/// `value` as one of [`MEMBERSHIP_STATUSES`], exactly as written: no case folding, no decoding.
pub fn membership_status(value: &str) -> Option<&'static str> {
    MEMBERSHIP_STATUSES
        .iter()
        .find(|status| **status == value)
        .copied()
}

/// Whether `value` (decoded) may be sent as a `name` filter: 1 to 64 characters, none of
/// them a control character.
pub fn is_name_filter(value: &str) -> bool {
    (1..=64).contains(&value.chars().count()) && !value.chars().any(char::is_control)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueryKey {
    pub name: &'static str,
    pub value: QueryValue,
}

/// The keys of Atlas's paged lists, in the order the proxy sends them.
pub const PAGING: &[QueryKey] = &[
    QueryKey {
        name: "pageNum",
        value: QueryValue::WholeNumber,
    },
    QueryKey {
        name: "itemsPerPage",
        value: QueryValue::WholeNumber,
    },
    QueryKey {
        name: "includeCount",
        value: QueryValue::Boolean,
    },
    QueryKey {
        name: "envelope",
        value: QueryValue::Boolean,
    },
    QueryKey {
        name: "pretty",
        value: QueryValue::Boolean,
    },
];

/// Paging, and a `name` filter: the listings of organizations and projects.
pub const PAGING_AND_NAME: &[QueryKey] = &[
    PAGING[0],
    PAGING[1],
    PAGING[2],
    PAGING[3],
    PAGING[4],
    QueryKey {
        name: "name",
        value: QueryValue::Name,
    },
];

/// A team's members: paging without `includeCount` (the specification gives this list none),
/// and the statuses to list.
pub const PAGING_AND_MEMBERSHIP: &[QueryKey] = &[
    PAGING[0],
    PAGING[1],
    PAGING[3],
    PAGING[4],
    QueryKey {
        name: "orgMembershipStatuses",
        value: QueryValue::MembershipStatus,
    },
];

/// An activity feed's keys: paging, the event types asked for, and the period.
pub const EVENTS_QUERY: &[QueryKey] = &[
    PAGING[0],
    PAGING[1],
    PAGING[2],
    PAGING[3],
    PAGING[4],
    QueryKey {
        name: "eventType",
        value: QueryValue::EventType,
    },
    QueryKey {
        name: "minDate",
        value: QueryValue::DateTime,
    },
    QueryKey {
        name: "maxDate",
        value: QueryValue::DateTime,
    },
];

/// `unix_seconds` as ISO 8601 writes a time in UTC: `2026-12-07T04:22:11Z`.
pub fn utc_date_time(unix_seconds: i64) -> String {
    let (days, second) = (
        unix_seconds.div_euclid(86_400),
        unix_seconds.rem_euclid(86_400),
    );
    // Howard Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second / 3600,
        second / 60 % 60,
        second % 60
    )
}

/// The seconds since 1970 of a time [`is_utc_date_time`] accepts, its fraction left out.
pub fn unix_seconds(value: &str) -> Option<i64> {
    if !is_utc_date_time(value) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| value.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    // Howard Hinnant's `days_from_civil`.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = era * 146_097 + day_of_era - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second)
}

/// One list, in every flavour it exists in.
#[derive(Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub list: List,
    pub owner: Owner,
    /// Paths below `/api`, each `{…}` segment an Atlas ID. The first path of a flavour is the
    /// one the panel asks for; the proxy accepts every one.
    pub paths: &'static [(ApiFlavour, &'static str)],
    /// The query keys a request may carry; the proxy refuses any other.
    pub query: &'static [QueryKey],
    /// The dated media type v2 answers this list with.
    pub v2_accept: &'static str,
    /// Whether answers hold secrets to mask. The proxy scans every answer regardless.
    pub carries_secrets: bool,
    /// Whether the answer is a page (`{links, results, totalCount}`) rather than one item.
    pub paged: bool,
    /// What the items are when they are themselves projects or organizations, which an ID
    /// scope keeps or removes one by one.
    pub items: Option<Owner>,
    /// Fields of each item the proxy takes out before an answer is kept or sent: internal
    /// documents no page shows.
    pub dropped: &'static [&'static str],
    /// The panel's page of this list, below the site, `{}` for each ID of `paths` in turn:
    /// `/groups/{}/integrations`. The proxy names a deep link's first requests from it.
    pub page: Option<&'static str>,
    /// Query parameters the panel always asks this list with: an activity feed's event types.
    pub fixed: &'static [(&'static str, &'static str)],
}

/// The kinds of change a project's feed records of integrations, teams and alert settings:
/// the only ones the panel asks for (the feed holds hundreds of others: clusters, hosts).
pub const PROJECT_CHANGE_TYPES: &[(&str, &str)] = &[
    ("eventType", "INTEGRATION_CONFIGURED"),
    ("eventType", "INTEGRATION_REMOVED"),
    ("eventType", "TEAM_ADDED_TO_GROUP"),
    ("eventType", "TEAM_REMOVED_FROM_GROUP"),
    ("eventType", "TEAM_ROLES_MODIFIED"),
    ("eventType", "ALERT_CONFIG_ADDED_AUDIT"),
    ("eventType", "ALERT_CONFIG_CHANGED_AUDIT"),
    ("eventType", "ALERT_CONFIG_DELETED_AUDIT"),
    ("eventType", "ALERT_CONFIG_ENABLED_AUDIT"),
    ("eventType", "ALERT_CONFIG_DISABLED_AUDIT"),
];

/// Every kind the panel shows, of either feed: an organization's feed also holds its
/// projects' team changes, which the organization's changes show once.
pub const ORG_CHANGE_TYPES: &[(&str, &str)] = &[
    ("eventType", "INTEGRATION_CONFIGURED"),
    ("eventType", "INTEGRATION_REMOVED"),
    ("eventType", "TEAM_ADDED_TO_GROUP"),
    ("eventType", "TEAM_REMOVED_FROM_GROUP"),
    ("eventType", "TEAM_ROLES_MODIFIED"),
    ("eventType", "TEAM_CREATED"),
    ("eventType", "TEAM_DELETED"),
    ("eventType", "TEAM_UPDATED"),
    ("eventType", "TEAM_NAME_CHANGED"),
    ("eventType", "JOINED_TEAM"),
    ("eventType", "REMOVED_FROM_TEAM"),
    ("eventType", "ALERT_CONFIG_ADDED_AUDIT"),
    ("eventType", "ALERT_CONFIG_CHANGED_AUDIT"),
    ("eventType", "ALERT_CONFIG_DELETED_AUDIT"),
    ("eventType", "ALERT_CONFIG_ENABLED_AUDIT"),
    ("eventType", "ALERT_CONFIG_DISABLED_AUDIT"),
];

const V2_2023: &str = "application/vnd.atlas.2023-01-01+json";

pub static ORGS: Endpoint = Endpoint {
    list: List::Orgs,
    owner: Owner::Estate,
    paths: &[
        (ApiFlavour::V1, "/atlas/v1.0/orgs"),
        (ApiFlavour::V2, "/atlas/v2/orgs"),
        (ApiFlavour::Public, "/public/v1.0/orgs"),
    ],
    query: PAGING_AND_NAME,
    v2_accept: V2_2023,
    carries_secrets: false,
    paged: true,
    items: Some(Owner::Organization),
    dropped: &[],
    page: None,
    fixed: &[],
};

pub static PROJECTS: Endpoint = Endpoint {
    list: List::Projects,
    owner: Owner::Organization,
    paths: &[
        (ApiFlavour::V1, "/atlas/v1.0/orgs/{orgId}/groups"),
        (ApiFlavour::V2, "/atlas/v2/orgs/{orgId}/groups"),
        (ApiFlavour::Public, "/public/v1.0/orgs/{orgId}/groups"),
    ],
    query: PAGING_AND_NAME,
    v2_accept: V2_2023,
    carries_secrets: false,
    paged: true,
    items: Some(Owner::Project),
    dropped: &[],
    page: Some("/orgs/{}/groups"),
    fixed: &[],
};

pub static PROJECT: Endpoint = Endpoint {
    list: List::Project,
    owner: Owner::Project,
    paths: &[
        (ApiFlavour::V1, "/atlas/v1.0/groups/{groupId}"),
        (ApiFlavour::V2, "/atlas/v2/groups/{groupId}"),
        (ApiFlavour::Public, "/public/v1.0/groups/{groupId}"),
    ],
    query: &[],
    v2_accept: V2_2023,
    carries_secrets: false,
    paged: false,
    items: None,
    dropped: &[],
    page: None,
    fixed: &[],
};

pub static INTEGRATIONS: Endpoint = Endpoint {
    list: List::Integrations,
    owner: Owner::Project,
    paths: &[
        (ApiFlavour::V1, "/atlas/v1.0/groups/{groupId}/integrations"),
        (ApiFlavour::V2, "/atlas/v2/groups/{groupId}/integrations"),
        (
            ApiFlavour::Public,
            "/public/v1.0/groups/{groupId}/integrations",
        ),
    ],
    query: PAGING,
    v2_accept: V2_2023,
    carries_secrets: true,
    paged: true,
    items: None,
    dropped: &[],
    page: Some("/groups/{}/integrations"),
    fixed: &[],
};

pub static TEAMS: Endpoint = Endpoint {
    list: List::Teams,
    owner: Owner::Organization,
    // v1 has read teams from Cloud Manager's path since the first release; a request for it
    // matches as v1, which asks exactly as the public flavour does.
    paths: &[
        (ApiFlavour::V1, "/public/v1.0/orgs/{orgId}/teams"),
        (ApiFlavour::V1, "/atlas/v1.0/orgs/{orgId}/teams"),
        (ApiFlavour::V2, "/atlas/v2/orgs/{orgId}/teams"),
        (ApiFlavour::Public, "/public/v1.0/orgs/{orgId}/teams"),
    ],
    query: PAGING,
    v2_accept: V2_2023,
    carries_secrets: false,
    paged: true,
    items: None,
    dropped: &[],
    page: Some("/orgs/{}/teams"),
    fixed: &[],
};

pub static TEAM_MEMBERS: Endpoint = Endpoint {
    list: List::TeamMembers,
    owner: Owner::Organization,
    // v1 reads it where it reads teams.
    paths: &[
        (
            ApiFlavour::V1,
            "/public/v1.0/orgs/{orgId}/teams/{teamId}/users",
        ),
        (
            ApiFlavour::V1,
            "/atlas/v1.0/orgs/{orgId}/teams/{teamId}/users",
        ),
        (
            ApiFlavour::V2,
            "/atlas/v2/orgs/{orgId}/teams/{teamId}/users",
        ),
        (
            ApiFlavour::Public,
            "/public/v1.0/orgs/{orgId}/teams/{teamId}/users",
        ),
    ],
    query: PAGING_AND_MEMBERSHIP,
    // The 2023-01-01 form lists active users only; this one invitations too, with roles.
    v2_accept: "application/vnd.atlas.2025-02-19+json",
    // Active users carry `mobileNumber`.
    carries_secrets: true,
    paged: true,
    items: None,
    dropped: &[],
    page: Some("/orgs/{}/teams/{}"),
    fixed: &[],
};

pub static PROJECT_TEAMS: Endpoint = Endpoint {
    list: List::ProjectTeams,
    owner: Owner::Project,
    paths: &[
        (ApiFlavour::V1, "/atlas/v1.0/groups/{groupId}/teams"),
        (ApiFlavour::V2, "/atlas/v2/groups/{groupId}/teams"),
        (ApiFlavour::Public, "/public/v1.0/groups/{groupId}/teams"),
    ],
    query: PAGING,
    v2_accept: V2_2023,
    carries_secrets: false,
    paged: true,
    items: None,
    dropped: &[],
    page: Some("/groups/{}/teams"),
    fixed: &[],
};

pub static ALERT_CONFIGS: Endpoint = Endpoint {
    list: List::AlertConfigs,
    owner: Owner::Project,
    paths: &[
        (ApiFlavour::V1, "/atlas/v1.0/groups/{groupId}/alertConfigs"),
        (ApiFlavour::V2, "/atlas/v2/groups/{groupId}/alertConfigs"),
        (
            ApiFlavour::Public,
            "/public/v1.0/groups/{groupId}/alertConfigs",
        ),
    ],
    query: PAGING,
    v2_accept: V2_2023,
    // Notifications carry the keys, tokens and webhook URLs they send with, and SMS numbers.
    carries_secrets: true,
    paged: true,
    items: None,
    dropped: &[],
    page: Some("/groups/{}/alerts-config"),
    fixed: &[],
};

pub static PROJECT_EVENTS: Endpoint = Endpoint {
    list: List::ProjectEvents,
    owner: Owner::Project,
    paths: &[
        (ApiFlavour::V1, "/atlas/v1.0/groups/{groupId}/events"),
        (ApiFlavour::V2, "/atlas/v2/groups/{groupId}/events"),
        (ApiFlavour::Public, "/public/v1.0/groups/{groupId}/events"),
    ],
    query: EVENTS_QUERY,
    v2_accept: V2_2023,
    carries_secrets: false,
    paged: true,
    items: None,
    // `includeRaw` is never asked for; an answer that has `raw` anyway loses it.
    dropped: &["raw"],
    page: Some("/groups/{}/changes"),
    fixed: PROJECT_CHANGE_TYPES,
};

pub static ORG_EVENTS: Endpoint = Endpoint {
    list: List::OrgEvents,
    owner: Owner::Organization,
    paths: &[
        (ApiFlavour::V1, "/atlas/v1.0/orgs/{orgId}/events"),
        (ApiFlavour::V2, "/atlas/v2/orgs/{orgId}/events"),
        (ApiFlavour::Public, "/public/v1.0/orgs/{orgId}/events"),
    ],
    query: EVENTS_QUERY,
    v2_accept: V2_2023,
    carries_secrets: false,
    paged: true,
    items: None,
    dropped: &["raw"],
    page: None,
    fixed: ORG_CHANGE_TYPES,
};

/// Every list the panel may read.
pub static ENDPOINTS: &[&Endpoint] = &[
    &ORGS,
    &PROJECTS,
    &PROJECT,
    &INTEGRATIONS,
    &TEAMS,
    &TEAM_MEMBERS,
    &PROJECT_TEAMS,
    &ALERT_CONFIGS,
    &PROJECT_EVENTS,
    &ORG_EVENTS,
];

/// A path of the table that a request's path matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matched {
    pub endpoint: &'static Endpoint,
    pub flavour: ApiFlavour,
    /// The path of the table it matched, e.g. `/atlas/v1.0/orgs/{orgId}/teams`.
    pub pattern: &'static str,
    /// The path's IDs in order; the first is the owner's.
    pub ids: Vec<String>,
}

impl Matched {
    pub fn owner_id(&self) -> &str {
        self.ids.first().map_or("", String::as_str)
    }

    /// The matched path, rebuilt from the table and the checked IDs.
    pub fn path(&self) -> String {
        let ids: Vec<&str> = self.ids.iter().map(String::as_str).collect();
        fill(self.pattern, &ids)
    }
}

impl Endpoint {
    /// The endpoint that lists `list`.
    pub fn of(list: List) -> &'static Endpoint {
        match list {
            List::Orgs => &ORGS,
            List::Projects => &PROJECTS,
            List::Project => &PROJECT,
            List::Integrations => &INTEGRATIONS,
            List::Teams => &TEAMS,
            List::TeamMembers => &TEAM_MEMBERS,
            List::ProjectTeams => &PROJECT_TEAMS,
            List::AlertConfigs => &ALERT_CONFIGS,
            List::ProjectEvents => &PROJECT_EVENTS,
            List::OrgEvents => &ORG_EVENTS,
        }
    }

    /// The address of the panel's page of this list for these IDs, below the site: each `{}`
    /// of `page` in turn, written by `encode`.
    pub fn page_href(&self, ids: &[String], encode: fn(&str) -> String) -> String {
        let page = self.page.unwrap_or_default();
        let mut ids = ids.iter();
        let mut href = String::with_capacity(page.len() + 48);
        for (index, segment) in page.split('/').enumerate() {
            if index > 0 {
                href.push('/');
            }
            match segment {
                "{}" => href.push_str(&ids.next().map(|id| encode(id)).unwrap_or_default()),
                fixed => href.push_str(fixed),
            }
        }
        href
    }

    /// The IDs of a path below the site (its segments), read by `decode`, when it is the
    /// address of this list's page.
    pub fn page_ids(&self, segments: &[&str], decode: fn(&str) -> String) -> Option<Vec<String>> {
        let pattern: Vec<&str> = self.page?.trim_matches('/').split('/').collect();
        if pattern.len() != segments.len() {
            return None;
        }
        let mut ids = Vec::new();
        for (fixed, segment) in pattern.iter().zip(segments) {
            match *fixed {
                "{}" if !segment.is_empty() => ids.push(decode(segment)),
                "{}" => return None,
                fixed if fixed == *segment => {}
                _ => return None,
            }
        }
        Some(ids)
    }

    /// The path below `/api` the panel asks for, with `ids` in its placeholders in order.
    /// A list that does not exist in `flavour` falls back to its first path; the proxy then
    /// asks Atlas with that path's own flavour.
    pub fn path(&self, flavour: ApiFlavour, ids: &[&str]) -> String {
        let pattern = self
            .paths
            .iter()
            .find(|(of, _)| *of == flavour)
            .or(self.paths.first())
            .map_or("", |(_, pattern)| pattern);
        fill(pattern, ids)
    }

    /// The `Accept` header this list is asked for with.
    pub fn accept(&self, flavour: ApiFlavour) -> &'static str {
        match flavour {
            ApiFlavour::V1 | ApiFlavour::Public => "application/json",
            ApiFlavour::V2 => self.v2_accept,
        }
    }

    /// The query key called `name`, if this list takes it.
    pub fn query_key(&self, name: &str) -> Option<&'static QueryKey> {
        self.query.iter().find(|key| key.name == name)
    }
}

/// The table's entry for a raw path below `/api` (`/atlas/v2/orgs/{id}/teams`), segment for
/// segment, every ID 24 lowercase hex digits. Nothing is decoded: an encoded or dotted path
/// matches nothing.
pub fn match_path(path: &str) -> Option<Matched> {
    let segments: Vec<&str> = path.strip_prefix('/')?.split('/').collect();
    ENDPOINTS.iter().find_map(|endpoint| {
        endpoint.paths.iter().find_map(|(flavour, pattern)| {
            let wanted: Vec<&str> = pattern.strip_prefix('/')?.split('/').collect();
            if wanted.len() != segments.len() {
                return None;
            }
            let mut ids = Vec::new();
            for (want, got) in wanted.iter().zip(&segments) {
                if is_placeholder(want) {
                    if !is_atlas_id(got) {
                        return None;
                    }
                    ids.push(got.to_string());
                } else if want != got {
                    return None;
                }
            }
            Some(Matched {
                endpoint,
                flavour: *flavour,
                pattern,
                ids,
            })
        })
    })
}

/// `pattern` with `ids` in its placeholders, in order.
fn fill(pattern: &str, ids: &[&str]) -> String {
    debug_assert_eq!(
        pattern.split('/').filter(|s| is_placeholder(s)).count(),
        ids.len(),
        "{pattern}"
    );
    let mut ids = ids.iter();
    pattern
        .split('/')
        .map(|segment| {
            if is_placeholder(segment) {
                ids.next().copied().unwrap_or_default()
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn is_placeholder(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "5f1a2b3c4d5e6f7a8b9c0d1e";
    const OTHER_ID: &str = "0123456789abcdef01234567";

    #[test]
    fn every_path_of_the_table_matches_itself_and_nothing_else() {
        for endpoint in ENDPOINTS {
            for (flavour, pattern) in endpoint.paths {
                let placeholders = pattern.split('/').filter(|s| is_placeholder(s)).count();
                let ids = &[ID, OTHER_ID][..placeholders];
                assert_eq!(
                    placeholders == 0,
                    endpoint.owner == Owner::Estate,
                    "{pattern}"
                );
                let path = fill(pattern, ids);
                let matched = match_path(&path).unwrap();
                assert_eq!((matched.endpoint, matched.pattern), (*endpoint, *pattern));
                assert_eq!(matched.ids, ids, "{path}");
                assert_eq!(matched.owner_id(), ids.first().copied().unwrap_or(""));
                // A path two flavours share is asked for the same way in both.
                assert_eq!(
                    endpoint.accept(matched.flavour),
                    endpoint.accept(*flavour),
                    "{path}"
                );
                assert_eq!(matched.path(), path);
            }
            for flavour in ApiFlavour::ALL {
                assert!(
                    endpoint.paths.iter().any(|(of, _)| *of == flavour),
                    "{:?} in {flavour:?}",
                    endpoint.list
                );
            }
            assert_eq!(Endpoint::of(endpoint.list), *endpoint);
        }
    }

    #[test]
    fn builds_the_paths_the_panel_asks_for() {
        assert_eq!(
            INTEGRATIONS.path(ApiFlavour::V1, &[ID]),
            format!("/atlas/v1.0/groups/{ID}/integrations")
        );
        assert_eq!(
            TEAMS.path(ApiFlavour::V1, &[ID]),
            format!("/public/v1.0/orgs/{ID}/teams")
        );
        assert_eq!(
            TEAMS.path(ApiFlavour::V2, &[ID]),
            format!("/atlas/v2/orgs/{ID}/teams")
        );
        assert_eq!(
            TEAMS.accept(ApiFlavour::V2),
            "application/vnd.atlas.2023-01-01+json"
        );
        assert_eq!(TEAMS.accept(ApiFlavour::V1), "application/json");
        assert_eq!(
            TEAMS.path(ApiFlavour::Public, &[ID]),
            format!("/public/v1.0/orgs/{ID}/teams")
        );
        assert_eq!(
            INTEGRATIONS.path(ApiFlavour::Public, &[ID]),
            format!("/public/v1.0/groups/{ID}/integrations")
        );
        assert_eq!(ORGS.path(ApiFlavour::V2, &[]), "/atlas/v2/orgs");
        assert_eq!(
            PROJECTS.path(ApiFlavour::Public, &[ID]),
            format!("/public/v1.0/orgs/{ID}/groups")
        );
        assert_eq!(
            PROJECT.path(ApiFlavour::V1, &[ID]),
            format!("/atlas/v1.0/groups/{ID}")
        );
        assert_eq!(INTEGRATIONS.accept(ApiFlavour::Public), "application/json");
        assert_eq!(
            ALERT_CONFIGS.path(ApiFlavour::V2, &[ID]),
            format!("/atlas/v2/groups/{ID}/alertConfigs")
        );
        assert_eq!(
            ALERT_CONFIGS.path(ApiFlavour::Public, &[ID]),
            format!("/public/v1.0/groups/{ID}/alertConfigs")
        );
        assert_eq!(
            TEAM_MEMBERS.path(ApiFlavour::V1, &[ID, OTHER_ID]),
            format!("/public/v1.0/orgs/{ID}/teams/{OTHER_ID}/users")
        );
        assert_eq!(
            TEAM_MEMBERS.path(ApiFlavour::V2, &[ID, OTHER_ID]),
            format!("/atlas/v2/orgs/{ID}/teams/{OTHER_ID}/users")
        );
        assert_eq!(
            TEAM_MEMBERS.path(ApiFlavour::Public, &[ID, OTHER_ID]),
            format!("/public/v1.0/orgs/{ID}/teams/{OTHER_ID}/users")
        );
        assert_eq!(
            PROJECT_TEAMS.path(ApiFlavour::V1, &[ID]),
            format!("/atlas/v1.0/groups/{ID}/teams")
        );
        assert_eq!(
            PROJECT_TEAMS.path(ApiFlavour::V2, &[ID]),
            format!("/atlas/v2/groups/{ID}/teams")
        );
        assert_eq!(
            PROJECT_TEAMS.path(ApiFlavour::Public, &[ID]),
            format!("/public/v1.0/groups/{ID}/teams")
        );
    }

    #[test]
    fn only_team_members_are_asked_for_in_the_2025_form() {
        for endpoint in ENDPOINTS {
            let wanted = if endpoint.list == List::TeamMembers {
                "application/vnd.atlas.2025-02-19+json"
            } else {
                "application/vnd.atlas.2023-01-01+json"
            };
            assert_eq!(
                endpoint.accept(ApiFlavour::V2),
                wanted,
                "{:?}",
                endpoint.list
            );
            assert_eq!(endpoint.accept(ApiFlavour::V1), "application/json");
            assert_eq!(endpoint.accept(ApiFlavour::Public), "application/json");
        }
    }

    #[test]
    fn membership_statuses_are_a_team_s_members_own_and_exact() {
        for status in MEMBERSHIP_STATUSES {
            assert_eq!(membership_status(status), Some(status));
        }
        for bad in [
            "",
            "active",
            "Active",
            "ACTIVE,PENDING",
            " ACTIVE",
            "INVITATION%5FEXPIRED",
            "DELETED",
        ] {
            assert_eq!(membership_status(bad), None, "{bad:?}");
        }
        assert!(DEFAULT_MEMBERSHIP_STATUSES
            .iter()
            .all(|status| membership_status(status).is_some()));
        let holders: Vec<List> = ENDPOINTS
            .iter()
            .filter(|endpoint| endpoint.query_key("orgMembershipStatuses").is_some())
            .map(|endpoint| endpoint.list)
            .collect();
        assert_eq!(holders, [List::TeamMembers]);
        // The repeated keys are the statuses and the event types; every other key may be
        // given once.
        for endpoint in ENDPOINTS {
            for key in endpoint.query {
                assert_eq!(
                    key.value.repeats(),
                    ["orgMembershipStatuses", "eventType"].contains(&key.name),
                    "{}",
                    key.name
                );
            }
        }
        // The specification gives the member list no count to leave out.
        assert_eq!(TEAM_MEMBERS.query_key("includeCount"), None);
        assert!(PROJECT_TEAMS.query_key("includeCount").is_some());
    }

    #[test]
    fn name_filters_are_short_plain_text() {
        for good in [
            "p",
            "prod-eu-1",
            "Zahlungsverkehr (EU)",
            &"x".repeat(64),
            "生产",
        ] {
            assert!(is_name_filter(good), "{good}");
        }
        for bad in ["", &"x".repeat(65), "a\nb", "tab\there", "\u{7f}", "nul\0"] {
            assert!(!is_name_filter(bad), "{bad:?}");
        }
        assert_eq!(
            ORGS.query_key("name").map(|key| key.value),
            Some(QueryValue::Name)
        );
        assert_eq!(INTEGRATIONS.query_key("name"), None);
        assert_eq!(PROJECT.query_key("pageNum"), None);
    }

    #[test]
    fn ids_must_be_atlas_ids_and_paths_exact() {
        for path in [
            "/atlas/v1.0/groups/5F1A2B3C4D5E6F7A8B9C0D1E/integrations".to_string(),
            format!("/atlas/v1.0/groups/{ID}/integrations/"),
            format!("atlas/v1.0/groups/{ID}/integrations"),
            format!("/atlas/v1.0//groups/{ID}/integrations"),
            format!("/atlas/v1.0/groups/{ID}/"),
            format!("/atlas/v1.0/groups/{ID}/clusters"),
            "/atlas/v1.0/orgs/".to_string(),
            "/atlas/v1.0/groups".to_string(),
            format!("/public/v1.0/orgs/{ID}/teams/{ID}/users/"),
            format!("/public/v1.0/orgs/{ID}/teams/users"),
            format!("/public/v1.0/orgs/{ID}/teams/{}/users", ID.to_uppercase()),
            format!("/atlas/v2/orgs/{ID}/teams/{ID}/users/{ID}"),
            format!("/atlas/v2/orgs/{ID}/teams/{ID}"),
            format!("/atlas/v2/groups/{ID}/teams/{ID}"),
            "/atlas/v1.0/groups/{groupId}/integrations".to_string(),
            String::new(),
        ] {
            assert_eq!(match_path(&path), None, "{path}");
        }
        // A team's members: both IDs checked and kept, the organization's first.
        let members =
            match_path(&format!("/public/v1.0/orgs/{ID}/teams/{OTHER_ID}/users")).unwrap();
        assert_eq!(members.endpoint.list, List::TeamMembers);
        assert_eq!(members.flavour, ApiFlavour::V1);
        assert_eq!(members.ids, [ID, OTHER_ID]);
        assert_eq!(members.owner_id(), ID);
    }

    #[test]
    fn flavours_are_named_by_their_tags() {
        for flavour in ApiFlavour::ALL {
            assert_eq!(ApiFlavour::from_tag(flavour.tag()), Some(flavour));
        }
        assert_eq!(ApiFlavour::from_tag("v3"), None);
    }

    #[test]
    fn an_event_type_is_capitals_digits_and_underscores() {
        for good in ["INTEGRATION_CONFIGURED", "TEAM_ADDED_TO_GROUP", "A", "X9"] {
            assert!(is_event_type(good), "{good}");
        }
        for bad in [
            "",
            "integration_configured",
            "TEAM-ADDED",
            "TEAM ADDED",
            "É",
            &"A".repeat(65),
        ] {
            assert!(!is_event_type(bad), "{bad}");
        }
    }

    #[test]
    fn a_date_time_is_a_real_one_in_utc() {
        for good in [
            "2026-12-07T04:22:11Z",
            "2026-12-07T04:22:11.123Z",
            "2024-02-29T00:00:00Z",
            "2026-12-31T23:59:59.999999999Z",
        ] {
            assert!(is_utc_date_time(good), "{good}");
        }
        for bad in [
            "",
            "2026-12-07",
            "2026-12-07T04:22:11",
            "2026-12-07T04:22:11+01:00",
            "2026-12-07 04:22:11Z",
            "2026-13-07T04:22:11Z",
            "2026-02-29T04:22:11Z",
            "2026-04-31T04:22:11Z",
            "2026-12-07T24:00:00Z",
            "2026-12-07T04:60:11Z",
            "2026-12-07T04:22:60Z",
            "2026-12-07T04:22:11.Z",
            "2026-12-07T04:22:11.1234567890Z",
            "+026-12-07T04:22:11Z",
            "2026-12-07T04:22:11Z&x=1",
            "１９７０-01-01T00:00:00Z",
            "2026-12-07T04:22:1éZ",
            "2026-12-07T04:22:11.1éZ",
        ] {
            assert!(!is_utc_date_time(bad), "{bad}");
        }
    }

    #[test]
    fn times_are_written_and_read_back_in_utc() {
        assert_eq!(utc_date_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_date_time(1_796_617_331), "2026-12-07T04:22:11Z");
        assert_eq!(utc_date_time(951_782_400), "2000-02-29T00:00:00Z");
        for seconds in [0, 951_782_400, 1_796_617_331, 4_102_444_799] {
            assert_eq!(unix_seconds(&utc_date_time(seconds)), Some(seconds));
        }
        assert_eq!(unix_seconds("2026-12-07T04:22:11.9Z"), Some(1_796_617_331));
        assert_eq!(unix_seconds("2026-12-07"), None);
    }
}
