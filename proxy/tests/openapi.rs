//! The demo estate's v2 answers checked against MongoDB's own OpenAPI specification
//! (a verbatim subset, kept in tests/fixtures). Asked in process: no port is needed.

mod common;

use std::collections::HashMap;

use atlas_panel_proxy::demo::{
    estate_project_id, ESTATE_PROJECTS, MISSING, ORG_ESTATE, ORG_LARGE, ORG_SAMPLES, ORG_SMALL,
    PROJECT_ALL_TYPES, PROJECT_EMPTY,
};
use common::InProcess;
use serde_json::{json, Value};

const V2_MEDIA_TYPE: &str = "application/vnd.atlas.2023-01-01+json";

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
}
