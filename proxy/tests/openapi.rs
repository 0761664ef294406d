//! The demo estate's v2 answers checked against MongoDB's own OpenAPI specification
//! (a verbatim subset, kept in tests/fixtures). Asked in process: no port is needed.

mod common;

use std::collections::HashMap;

use atlas_panel_proxy::demo::{
    estate_project_id, northwind_team_id, ESTATE_FORBIDDEN, ESTATE_PROJECTS, MISSING, ORG_ESTATE,
    ORG_LARGE, ORG_SAMPLES, ORG_SMALL, PROJECT_ALL_TYPES, PROJECT_EMPTY, TEAM_LARGE,
};
use common::InProcess;
use serde_json::{json, Value};

const V2_MEDIA_TYPE: &str = "application/vnd.atlas.2023-01-01+json";
const V2_MEMBERS_MEDIA_TYPE: &str = "application/vnd.atlas.2025-02-19+json";

fn spec() -> Value {
    serde_json::from_str(include_str!("fixtures/atlas-openapi-subset.json"))
        .expect("the specification parses")
}

/// A validator for one of the specification's component schemas.
fn validator(schema: &str) -> jsonschema::Validator {
    let spec = spec();
    let root =
        json!({"$ref": format!("#/components/schemas/{schema}"), "components": spec["components"]});
    jsonschema::draft4::new(&root).expect("the schema compiles")
}

/// OpenAPI 3.0's `nullable: true` as JSON Schema says it: `type: [T, "null"]`.
fn read_nullable(schema: &mut Value) {
    match schema {
        Value::Object(fields) => {
            if fields.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(Value::String(kind)) = fields.get("type").cloned() {
                    fields.insert("type".to_string(), json!([kind, "null"]));
                }
            }
            fields.values_mut().for_each(read_nullable);
        }
        Value::Array(items) => items.iter_mut().for_each(read_nullable),
        _ => {}
    }
}

/// A team member's schema, for the `orgMembershipStatus` it has.
///
/// `OrgUserResponse` is a `oneOf` of `OrgPendingUserResponse` and `OrgActiveUserResponse`,
/// and each of those is `allOf [OrgUserResponse, …]`: a plain validator recurses without end.
/// So a member is validated against the form the specification's discriminator maps its
/// status to, with the back-reference replaced by `OrgUserResponse`'s own properties and
/// required fields (its `oneOf` and `discriminator` left out). `nullable` is read as
/// JSON Schema's null type: a rejected invitation's `invitationExpiresAt` is null.
fn member_validator(status: &str) -> jsonschema::Validator {
    let spec = spec();
    let schemas = &spec["components"]["schemas"];
    let mut base = schemas["OrgUserResponse"].clone();
    let mapped = base["discriminator"]["mapping"][status]
        .as_str()
        .and_then(|reference| reference.rsplit('/').next())
        .unwrap_or_else(|| panic!("the discriminator maps {status}"));
    let form = &schemas[mapped];
    let own = form["allOf"]
        .as_array()
        .and_then(|parts| parts.iter().find(|part| part.get("$ref").is_none()))
        .expect("the form's own part")
        .clone();
    let fields = base.as_object_mut().expect("an object schema");
    fields.remove("oneOf");
    fields.remove("discriminator");
    let mut root = json!({
        "allOf": [base, own],
        "required": form["required"],
        "components": spec["components"],
    });
    read_nullable(&mut root);
    jsonschema::draft4::new(&root).expect("the schema compiles")
}

/// One [`member_validator`] per status, each compiled once.
fn member_validators() -> HashMap<&'static str, jsonschema::Validator> {
    [
        "ACTIVE",
        "PENDING",
        "INVITATION_EXPIRED",
        "INVITATION_REJECTED",
    ]
    .into_iter()
    .map(|status| (status, member_validator(status)))
    .collect()
}

/// Checks a page of team members: the page against `PaginatedOrgUserView` with its items
/// left to [`member_validator`], each member against its form.
///
/// The proxy masks every phone number (the shared rule in common/src/mask.rs), so a served
/// `mobileNumber` is `********` and four digits, which the specification's phone pattern cannot
/// match: it is checked to be masked, then left out. (That pattern, its backslashes escaped
/// twice, matches no plain number either: `2025550147` and `+1 202-555-0147` fail it too.)
fn assert_valid_members(
    members: &HashMap<&'static str, jsonschema::Validator>,
    body: &Value,
    what: &str,
) {
    let spec = spec();
    let mut page = spec["components"]["schemas"]["PaginatedOrgUserView"].clone();
    page["properties"]["results"]["items"] = json!({});
    page["components"] = spec["components"].clone();
    let pages = jsonschema::draft4::new(&page).expect("the schema compiles");
    assert_valid(&pages, body, what);
    for member in body["results"].as_array().expect("results") {
        let mut member = member.clone();
        if let Some(mobile) = member
            .as_object_mut()
            .and_then(|m| m.remove("mobileNumber"))
        {
            let tail = mobile.as_str().and_then(|m| m.strip_prefix("********"));
            assert!(
                tail.is_some_and(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())),
                "{what}: a phone number not masked: {mobile}"
            );
        }
        let status = member["orgMembershipStatus"].as_str().unwrap_or("none");
        let validator = members
            .get(status)
            .unwrap_or_else(|| panic!("{what}: no form for status {status}"));
        assert_valid(
            validator,
            &member,
            &format!("{what}, member {}", member["id"]),
        );
    }
}

fn assert_valid(validator: &jsonschema::Validator, body: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} breaks the specification:\n{}",
        errors.join("\n")
    );
}

#[tokio::test]
async fn v2_integration_pages_follow_the_specification() {
    let proxy = InProcess::new(&["--demo"], HashMap::new());
    let pages = validator("PaginatedIntegrationView");
    for (id, query) in [
        (PROJECT_ALL_TYPES, ""),
        (PROJECT_ALL_TYPES, "?itemsPerPage=3&pageNum=2"),
        (PROJECT_ALL_TYPES, "?includeCount=false"),
        (PROJECT_EMPTY, ""),
    ] {
        let answer = proxy
            .get(&format!("/api/atlas/v2/groups/{id}/integrations{query}"))
            .await;
        assert_eq!(answer.status, 200);
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some(V2_MEDIA_TYPE)
        );
        assert_valid(
            &pages,
            &answer.json(),
            &format!("integrations of {id}{query}"),
        );
    }
    let all = proxy
        .get(&format!(
            "/api/atlas/v2/groups/{PROJECT_ALL_TYPES}/integrations"
        ))
        .await
        .json();
    assert_eq!(
        all["results"].as_array().unwrap().len(),
        8,
        "every type the v2 specification can carry masked"
    );
}

#[tokio::test]
async fn v2_team_pages_follow_the_specification() {
    let proxy = InProcess::new(&["--demo"], HashMap::new());
    let pages = validator("PaginatedTeamView");
    for (id, query) in [
        (ORG_LARGE, ""),
        (ORG_LARGE, "?pageNum=3&itemsPerPage=500"),
        (ORG_SMALL, "?includeCount=false"),
    ] {
        let answer = proxy
            .get(&format!("/api/atlas/v2/orgs/{id}/teams{query}"))
            .await;
        assert_eq!(answer.status, 200);
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some(V2_MEDIA_TYPE)
        );
        assert_valid(&pages, &answer.json(), &format!("teams of {id}{query}"));
    }
}

#[tokio::test]
async fn v2_team_member_pages_follow_the_specification_in_their_2025_form() {
    let proxy = InProcess::new(&["--demo"], HashMap::new());
    let all = "orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED";
    let small_team = format!("{}{:016x}", &ORG_SMALL[..8], 2);
    let mut pages = vec![
        (TEAM_LARGE.to_string(), ORG_ESTATE, String::new()),
        (TEAM_LARGE.to_string(), ORG_ESTATE, "?pageNum=2".to_string()),
        (
            TEAM_LARGE.to_string(),
            ORG_ESTATE,
            format!("?{all}&itemsPerPage=500"),
        ),
        (small_team.clone(), ORG_SMALL, format!("?{all}")),
        (small_team, ORG_SMALL, "?envelope=true".to_string()),
    ];
    for n in 1..=8 {
        pages.push((
            northwind_team_id(n),
            ORG_ESTATE,
            format!("?{all}&itemsPerPage=500"),
        ));
    }
    for status in [
        "ACTIVE",
        "PENDING",
        "INVITATION_EXPIRED",
        "INVITATION_REJECTED",
    ] {
        pages.push((
            TEAM_LARGE.to_string(),
            ORG_ESTATE,
            format!("?orgMembershipStatuses={status}"),
        ));
    }
    let members = member_validators();
    let mut seen = std::collections::HashSet::new();
    for (team, org, query) in pages {
        let path = format!("/api/atlas/v2/orgs/{org}/teams/{team}/users{query}");
        let answer = proxy.get(&path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some(V2_MEMBERS_MEDIA_TYPE)
        );
        let body = answer.json();
        for member in body["results"].as_array().unwrap() {
            seen.insert(member["orgMembershipStatus"].as_str().unwrap().to_string());
        }
        assert_valid_members(&members, &body, &path);
    }
    assert_eq!(seen.len(), 4, "every status validated: {seen:?}");
}

#[tokio::test]
async fn v2_project_team_pages_follow_the_specification() {
    let proxy = InProcess::new(&["--demo"], HashMap::new());
    let pages = validator("PaginatedTeamRoleView");
    let projects = (1..=ESTATE_PROJECTS)
        .filter(|n| *n != ESTATE_FORBIDDEN)
        .map(estate_project_id)
        .chain([PROJECT_ALL_TYPES.to_string(), PROJECT_EMPTY.to_string()]);
    for project in projects {
        let path = format!("/api/atlas/v2/groups/{project}/teams");
        let answer = proxy.get(&path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some(V2_MEDIA_TYPE)
        );
        assert_valid(&pages, &answer.json(), &path);
    }
    let path = format!(
        "/api/atlas/v2/groups/{}/teams?itemsPerPage=2&pageNum=2&includeCount=false",
        estate_project_id(1)
    );
    assert_valid(&pages, &proxy.get(&path).await.json(), &path);
}

/// An alert configuration's schema.
///
/// `GroupAlertsConfig` is a `oneOf` of 18 shapes, told apart by their `eventTypeName` enums;
/// a plain validator picks the one that matches. But a metric threshold (`HostMetricThreshold`)
/// is itself a `oneOf` of 160 forms with a `discriminator` by `metricName`, which a plain
/// validator ignores, so an `OUTSIDE_METRIC_THRESHOLD` configuration matches several forms
/// and fails the `oneOf`. It is validated against `HostMetricAlertConfigViewForNdsGroup`
/// with `metricThreshold` replaced by the form its `metricName` maps to.
fn alert_config_validator(metric_name: Option<&str>) -> jsonschema::Validator {
    let spec = spec();
    let root = match metric_name {
        None => {
            json!({"$ref": "#/components/schemas/GroupAlertsConfig", "components": spec["components"]})
        }
        Some(metric) => {
            let schemas = &spec["components"]["schemas"];
            let mapped = &schemas["HostMetricThreshold"]["discriminator"]["mapping"][metric];
            assert!(mapped.is_string(), "the discriminator maps {metric}");
            let mut config = schemas["HostMetricAlertConfigViewForNdsGroup"].clone();
            config["properties"]["metricThreshold"] = json!({"$ref": mapped});
            config["components"] = spec["components"].clone();
            config
        }
    };
    jsonschema::draft4::new(&root).expect("the schema compiles")
}

#[tokio::test]
async fn v2_alert_configuration_pages_follow_the_specification() {
    let proxy = InProcess::new(&["--demo"], HashMap::new());
    let spec = spec();
    let mut page = spec["components"]["schemas"]["PaginatedAlertConfigView"].clone();
    page["properties"]["results"]["items"] = json!({});
    page["components"] = spec["components"].clone();
    let pages = jsonschema::draft4::new(&page).expect("the schema compiles");
    let plain = alert_config_validator(None);
    let mut by_metric: HashMap<String, jsonschema::Validator> = HashMap::new();
    let projects = (1..=ESTATE_PROJECTS)
        .filter(|n| *n != ESTATE_FORBIDDEN)
        .map(estate_project_id)
        .chain([PROJECT_ALL_TYPES.to_string(), PROJECT_EMPTY.to_string()]);
    let (mut configs, mut metric_configs) = (0, 0);
    for project in projects {
        let path = format!("/api/atlas/v2/groups/{project}/alertConfigs");
        let answer = proxy.get(&path).await;
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some(V2_MEDIA_TYPE)
        );
        let body = answer.json();
        assert_valid(&pages, &body, &path);
        for config in body["results"].as_array().expect("results") {
            configs += 1;
            let what = format!("{path}: {}", config["id"]);
            match config["metricThreshold"]["metricName"].as_str() {
                Some(metric) => {
                    metric_configs += 1;
                    let validator = by_metric
                        .entry(metric.to_string())
                        .or_insert_with(|| alert_config_validator(Some(metric)));
                    assert_valid(validator, config, &what);
                    // Which way it validates: a plain reading of the oneOf refuses it.
                    assert!(!plain.is_valid(config), "{what} passed the plain oneOf");
                }
                None => assert_valid(&plain, config, &what),
            }
        }
    }
    assert!(
        configs > 300 && metric_configs > 100,
        "{configs} configurations, {metric_configs} on a metric"
    );
}

#[tokio::test]
async fn v2_organization_and_project_answers_follow_the_specification() {
    let proxy = InProcess::new(&["--demo"], HashMap::new());
    let orgs = validator("PaginatedOrganizationView");
    for query in [
        "",
        "?name=north",
        "?itemsPerPage=2&pageNum=2",
        "?includeCount=false",
    ] {
        let answer = proxy.get(&format!("/api/atlas/v2/orgs{query}")).await;
        assert_eq!(answer.status, 200);
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some(V2_MEDIA_TYPE)
        );
        assert_valid(&orgs, &answer.json(), &format!("organizations{query}"));
    }
    let groups = validator("PaginatedAtlasGroupView");
    for (org, query) in [
        (ORG_ESTATE, ""),
        (ORG_ESTATE, "?itemsPerPage=500"),
        (ORG_ESTATE, "?name=prod&pageNum=2&itemsPerPage=10"),
        (ORG_SAMPLES, ""),
        (ORG_LARGE, ""),
    ] {
        let answer = proxy
            .get(&format!("/api/atlas/v2/orgs/{org}/groups{query}"))
            .await;
        assert_eq!(answer.status, 200);
        assert_valid(
            &groups,
            &answer.json(),
            &format!("projects of {org}{query}"),
        );
    }
    let group = validator("Group");
    for project in (1..=ESTATE_PROJECTS)
        .map(estate_project_id)
        .chain([PROJECT_ALL_TYPES.to_string(), PROJECT_EMPTY.to_string()])
    {
        let answer = proxy.get(&format!("/api/atlas/v2/groups/{project}")).await;
        assert_eq!(answer.status, 200, "{project}");
        assert_valid(&group, &answer.json(), &format!("project {project}"));
    }
    let pages = validator("PaginatedIntegrationView");
    for n in [1, 7, 10, 30, 77] {
        let answer = proxy
            .get(&format!(
                "/api/atlas/v2/groups/{}/integrations?itemsPerPage=500",
                estate_project_id(n)
            ))
            .await;
        assert_eq!(answer.status, 200);
        assert_valid(
            &pages,
            &answer.json(),
            &format!("integrations of project {n}"),
        );
    }
}

#[tokio::test]
async fn v2_errors_follow_the_specification() {
    let proxy = InProcess::new(&["--demo"], HashMap::new());
    let errors = validator("ApiError");
    for (path, status) in [
        (format!("/api/atlas/v2/orgs/{MISSING}/teams"), 404),
        (format!("/api/atlas/v2/groups/{MISSING}/integrations"), 404),
        (
            format!("/api/atlas/v2/orgs/{ORG_LARGE}/teams?itemsPerPage=501"),
            400,
        ),
        (
            format!("/api/atlas/v2/orgs/{ORG_LARGE}/teams?pageNum=0"),
            400,
        ),
        ("/api/atlas/v2/orgs/nope/teams".to_string(), 404),
        (
            format!("/api/atlas/v2/orgs/{ORG_ESTATE}/teams/{MISSING}/users"),
            404,
        ),
        (format!("/api/atlas/v2/groups/{MISSING}/teams"), 404),
        (
            format!(
                "/api/atlas/v2/groups/{}/teams",
                estate_project_id(ESTATE_FORBIDDEN)
            ),
            403,
        ),
        (format!("/api/atlas/v2/groups/{MISSING}"), 404),
        (
            format!(
                "/api/atlas/v2/groups/{}/integrations",
                estate_project_id(97)
            ),
            403,
        ),
    ] {
        let answer = proxy.get(&path).await;
        assert_eq!(answer.status, status, "{path}");
        assert_eq!(
            answer.header("content-type").as_deref(),
            Some("application/json")
        );
        assert_valid(&errors, &answer.json(), &path);
    }
}

#[test]
fn the_validator_rejects_what_breaks_the_specification() {
    let pages = validator("PaginatedTeamView");
    assert!(
        !pages.is_valid(&json!({"links": []})),
        "results is required"
    );
    assert!(!pages.is_valid(&json!({"results": [{"id": "NOT-HEX"}]})));
    let integrations = validator("PaginatedIntegrationView");
    assert!(!integrations.is_valid(&json!({"results": [{"type": "NEW_RELIC", "accountId": "x", "licenseKey": "********7718", "readToken": "a", "writeToken": "b"}]})));
    let group = validator("Group");
    let project = json!({"name": "prod-eu", "orgId": "6500000000000000000000c1", "clusterCount": 1, "created": "2024-01-01T00:00:00Z"});
    assert!(group.is_valid(&project));
    let mut spaced = project.clone();
    spaced["name"] = json!("prod eu");
    assert!(!group.is_valid(&spaced), "the name pattern is applied");
    let mut orphan = project;
    orphan.as_object_mut().unwrap().remove("orgId");
    assert!(!group.is_valid(&orphan));

    let active = member_validator("ACTIVE");
    let user = json!({"id": "6500000000000000c1000001", "username": "ada@northwind.example", "orgMembershipStatus": "ACTIVE", "roles": {"orgRoles": ["ORG_OWNER"]}, "firstName": "Ada", "lastName": "Lovelace", "createdAt": "2024-01-01T00:00:00Z"});
    assert!(active.is_valid(&user));
    let mut nameless = user.clone();
    nameless.as_object_mut().unwrap().remove("firstName");
    assert!(
        !active.is_valid(&nameless),
        "an active user's own required fields"
    );
    let mut unknown_role = user.clone();
    unknown_role["roles"]["orgRoles"] = json!(["ORG_EMPEROR"]);
    assert!(
        !active.is_valid(&unknown_role),
        "OrgUserResponse's own properties"
    );
    let mut bad_id = user;
    bad_id["id"] = json!("NOT-HEX");
    assert!(!active.is_valid(&bad_id));
    let pending = member_validator("INVITATION_REJECTED");
    let invited = json!({"id": "6500000000000000c1000005", "username": "bob@northwind.example", "orgMembershipStatus": "INVITATION_REJECTED", "roles": {}, "invitationCreatedAt": "2026-08-01T10:00:00Z", "invitationExpiresAt": null, "inviterUsername": "ada@northwind.example"});
    assert!(
        pending.is_valid(&invited),
        "a rejected invitation expires never"
    );
    let mut uninvited = invited;
    uninvited.as_object_mut().unwrap().remove("inviterUsername");
    assert!(!pending.is_valid(&uninvited));
    let roles = validator("PaginatedTeamRoleView");
    assert!(roles.is_valid(&json!({"results": [{"teamId": "6500000000000000000c0001", "roleNames": ["GROUP_FUTURE_ROLE"]}]})));
    assert!(!roles.is_valid(&json!({"results": [{"teamId": "6500000000000000000c0001"}]})));
    assert!(!roles.is_valid(&json!({"results": [{"teamId": "6500000000000000000c0001", "roleNames": ["GROUP_OWNER", "GROUP_OWNER"]}]})));

    let plain = alert_config_validator(None);
    let host_down = json!({"eventTypeName": "HOST_DOWN", "enabled": true, "notifications": [{"typeName": "PAGER_DUTY", "integrationId": "x", "serviceKey": "********7890"}]});
    assert!(plain.is_valid(&host_down));
    let mut unknown_event = host_down.clone();
    unknown_event["eventTypeName"] = json!("HOST_ON_FIRE");
    assert!(!plain.is_valid(&unknown_event), "event types are enums");
    let mut silent = host_down.clone();
    silent["notifications"] = json!([]);
    assert!(!plain.is_valid(&silent), "at least one notification");
    let mut unknown_channel = host_down;
    unknown_channel["notifications"][0]["typeName"] = json!("PIGEON");
    assert!(!plain.is_valid(&unknown_channel));
    let metric = alert_config_validator(Some("CONNECTIONS_PERCENT"));
    let threshold = json!({"eventTypeName": "OUTSIDE_METRIC_THRESHOLD", "notifications": [{"typeName": "EMAIL", "emailAddress": "ops@example.com"}], "metricThreshold": {"metricName": "CONNECTIONS_PERCENT", "operator": "GREATER_THAN", "threshold": 80.0, "units": "RAW", "mode": "AVERAGE"}});
    assert!(metric.is_valid(&threshold));
    let mut odd_units = threshold;
    odd_units["metricThreshold"]["units"] = json!("PARSECS");
    assert!(!metric.is_valid(&odd_units), "the mapped form's units");
}

/// A validator for a feed's page. `DefaultEventViewForNdsGroup` and `DefaultEventViewForOrg`
/// declare `eventTypeName` as `type: object` beside a `oneOf` of string enums, which no string
/// passes: that `type` is left out of those two shapes (as the notes on the specification
/// say), so that an event of theirs (`INTEGRATION_CONFIGURED`) is checked against its enums.
/// Every other shape is the specification's own, and `oneOf` still asks that each event be
/// exactly one of them.
fn events_validator(page: &str) -> jsonschema::Validator {
    let mut spec = spec();
    for shape in ["DefaultEventViewForNdsGroup", "DefaultEventViewForOrg"] {
        let event_type = &mut spec["components"]["schemas"][shape]["properties"]["eventTypeName"];
        if let Some(fields) = event_type.as_object_mut() {
            fields.remove("type");
        }
    }
    let root =
        json!({"$ref": format!("#/components/schemas/{page}"), "components": spec["components"]});
    jsonschema::draft4::new(&root).expect("the schema compiles")
}

#[tokio::test]
async fn v2_activity_feeds_follow_the_specification() {
    use atlas_panel_proxy::demo::{BURST_PROJECT, BUSY_PROJECT};
    let proxy = InProcess::new(&["--demo"], HashMap::new());
    let project_pages = events_validator("GroupPaginatedEventView");
    let kinds = "eventType=INTEGRATION_CONFIGURED&eventType=INTEGRATION_REMOVED&eventType=TEAM_ADDED_TO_GROUP&eventType=TEAM_REMOVED_FROM_GROUP&eventType=TEAM_ROLES_MODIFIED&eventType=ALERT_CONFIG_ADDED_AUDIT&eventType=ALERT_CONFIG_CHANGED_AUDIT&eventType=ALERT_CONFIG_DELETED_AUDIT&eventType=ALERT_CONFIG_ENABLED_AUDIT&eventType=ALERT_CONFIG_DISABLED_AUDIT";
    let mut seen = 0;
    for n in [1, 2, BURST_PROJECT, BUSY_PROJECT, 12, 77, ESTATE_PROJECTS] {
        for query in ["", kinds, "itemsPerPage=500&pageNum=2"] {
            let path = format!(
                "/api/atlas/v2/groups/{}/events?{query}",
                estate_project_id(n)
            );
            let answer = proxy.get(&path).await;
            assert_eq!(answer.status, 200, "{path}");
            assert_eq!(
                answer.header("content-type").as_deref(),
                Some(V2_MEDIA_TYPE)
            );
            let body = answer.json();
            seen += body["results"].as_array().map_or(0, Vec::len);
            assert_valid(&project_pages, &body, &path);
        }
    }
    assert!(seen > 400, "{seen} events checked");
    let org_pages = events_validator("OrgPaginatedEventView");
    for query in [
        "",
        "itemsPerPage=5",
        "eventType=TEAM_CREATED&eventType=JOINED_TEAM",
    ] {
        let path = format!("/api/atlas/v2/orgs/{ORG_ESTATE}/events?{query}");
        let answer = proxy.get(&path).await;
        assert_eq!(answer.status, 200, "{path}");
        let body = answer.json();
        assert!(!body["results"].as_array().unwrap().is_empty(), "{path}");
        assert_valid(&org_pages, &body, &path);
    }
}
