//! The table, pager and banner mounted in a real browser (headless Chromium), asserted on
//! the DOM they render. Run with `wasm-bindgen-test-runner`; see scripts/test.
#![cfg(target_arch = "wasm32")]

use atlas_panel::api::types::parse_rows;
use atlas_panel::api::ApiError;
use atlas_panel::components::error_banner::ErrorBanner;
use atlas_panel::components::org_directory::OrgDirectory;
use atlas_panel::components::pager::Pager;
use atlas_panel::components::table::ListTable;
use atlas_panel::config::{RuntimeConfig, SiteConfig};
use atlas_panel::estate::Org;
use atlas_panel::estate::Orgs;
use atlas_panel::i18n::Lang;
use atlas_panel::list::alerts::AlertUse;
use atlas_panel::list::description::Row;
use atlas_panel::list::rows::shown;
use atlas_panel::lists::{
    ALERT_CONFIGS, INTEGRATIONS, PROJECTS, PROJECT_TEAMS, TEAMS, TEAM_MEMBERS,
};
use atlas_panel::paging::{PageRequest, PagerState};
use atlas_panel_common::endpoint::List;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh `<div>` in the document, to mount one component into.
fn container() -> HtmlElement {
    let document = document();
    let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn integrations(json: &str) -> Vec<Row> {
    parse_rows(List::Integrations, 200, json).unwrap().results
}

/// The rows of `list` read from `results`, a JSON array, as the page reads them.
fn rows_of(list: List, results: &str) -> Vec<Row> {
    parse_rows(list, 200, &format!(r#"{{"results":{results}}}"#))
        .unwrap()
        .results
}

fn button(root: &HtmlElement, label: &str) -> HtmlButtonElement {
    root.query_selector(&format!("button[aria-label='{label}']"))
        .unwrap()
        .unwrap()
        .unchecked_into()
}

#[wasm_bindgen_test]
fn clear_secrets_given_to_the_integrations_table_never_reach_the_dom() {
    let rows = integrations(
        r#"{"results":[
        {"type":"PAGER_DUTY","region":"US","serviceKey":"clear-service-key-1234"},
        {"type":"SLACK","apiToken":"xoxb-clear-slack-token-abcd","channelName":"alerts"},
        {"type":"WEBHOOK","url":"https://hooks.example.com/clear-hook-path-wxyz","secret":"clear-secret"},
        {"type":"BRAND_NEW","signingKey":"clear-unknown-key-5678","label":"kept"}
    ]}"#,
    );
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ListTable list=&INTEGRATIONS caption="Integrations".to_string() rows/> }
    });
    let html = root.inner_html();
    for clear in [
        "clear-service",
        "xoxb-clear",
        "clear-hook",
        "clear-secret",
        "clear-unknown",
    ] {
        assert!(!html.contains(clear), "{clear} is in the DOM: {html}");
    }
    assert!(html.contains("********1234"));
    assert!(html.contains("********5678"));
    assert!(html.contains("PagerDuty") && html.contains("Slack") && html.contains("Webhook"));
    assert!(
        html.contains("BRAND_NEW") && html.contains("kept"),
        "unknown types and fields still show"
    );
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 4);
    assert_eq!(
        root.query_selector_all("thead th[scope='col']")
            .unwrap()
            .length(),
        4
    );
    assert!(root.query_selector("caption").unwrap().is_some());
}

#[wasm_bindgen_test]
fn markup_in_upstream_text_stays_text() {
    let teams = rows_of(
        List::Teams,
        r#"[{"id":"5f1a2b3c4d5e6f7a8b9c0d1e","name":"<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>"}]"#,
    );
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ListTable list=&TEAMS caption="Teams".to_string() rows=teams/> }
    });
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root.query_selector("tbody script").unwrap().is_none());
    let name = root
        .query_selector("tbody th")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(name.starts_with("<img src=x"), "{name}");
}

#[wasm_bindgen_test]
fn empty_lists_say_so() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! {
            <ListTable list=&TEAMS caption="Teams".to_string() rows=vec![]/>
            <ListTable list=&INTEGRATIONS caption="Integrations".to_string() rows=vec![]/>
        }
    });
    let text = root.text_content().unwrap();
    assert!(text.contains("No teams in this organization"));
    assert!(text.contains("No integrations in this project"));
}

#[wasm_bindgen_test]
async fn the_pager_disables_dead_ends_and_reports_where_to_go() {
    let asked = RwSignal::new(None::<PageRequest>);
    let request = PageRequest {
        page_num: 1,
        items_per_page: 100,
    };
    let state = PagerState::new(request, Some(1234), true, 100);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Pager state range="1–100 of 1,234".to_string() on_change=Callback::new(move |to| asked.set(Some(to)))/> }
    });
    assert!(button(&root, "First page").disabled());
    assert!(button(&root, "Previous page").disabled());
    assert!(!button(&root, "Next page").disabled());
    assert!(!button(&root, "Last page").disabled());
    assert!(root.text_content().unwrap().contains("1–100 of 1,234"));
    assert!(root.text_content().unwrap().contains("Page 1 of 13"));

    button(&root, "Last page").click();
    leptos::task::tick().await;
    assert_eq!(
        asked.get_untracked(),
        Some(PageRequest {
            page_num: 13,
            items_per_page: 100
        })
    );

    button(&root, "Next page").click();
    leptos::task::tick().await;
    assert_eq!(
        asked.get_untracked(),
        Some(PageRequest {
            page_num: 2,
            items_per_page: 100
        })
    );

    let select: HtmlSelectElement = root
        .query_selector("select")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("500");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(
        asked.get_untracked(),
        Some(PageRequest {
            page_num: 1,
            items_per_page: 500
        })
    );
}

#[wasm_bindgen_test]
fn the_pager_on_the_last_page_cannot_go_further() {
    let state = PagerState::new(
        PageRequest {
            page_num: 13,
            items_per_page: 100,
        },
        Some(1234),
        false,
        34,
    );
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <Pager state range="1,201–1,234 of 1,234".to_string() on_change=Callback::new(|_| {})/> }
    });
    assert!(!button(&root, "First page").disabled());
    assert!(!button(&root, "Previous page").disabled());
    assert!(button(&root, "Next page").disabled());
    assert!(button(&root, "Last page").disabled());
}

#[wasm_bindgen_test]
async fn the_banner_shows_status_code_and_detail_and_retries() {
    let retried = RwSignal::new(0);
    let error = ApiError::from_response(
        404,
        r#"{"error":404,"reason":"Not Found","errorCode":"GROUP_NOT_FOUND","detail":"No group with ID <b>x</b> exists."}"#,
        None,
    );
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ErrorBanner error on_retry=Callback::new(move |()| retried.update(|n| *n += 1))/> }
    });
    let banner = root
        .query_selector("[role='alert']")
        .unwrap()
        .expect("a banner with role=alert");
    let text = banner.text_content().unwrap();
    assert!(
        text.contains("404") && text.contains("Not Found") && text.contains("GROUP_NOT_FOUND"),
        "{text}"
    );
    assert!(
        text.contains("No group with ID <b>x</b> exists."),
        "detail shown as text: {text}"
    );
    assert!(root.query_selector("b").unwrap().is_none());
    let retry: HtmlButtonElement = banner
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(retry.text_content().unwrap(), "Retry");
    retry.click();
    leptos::task::tick().await;
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
fn a_gateway_page_is_summarised_never_shown() {
    let error = ApiError::from_response(
        502,
        "<html><h1>502 Bad Gateway</h1><script>alert(1)</script></html>",
        None,
    );
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ErrorBanner error on_retry=Callback::new(|()| {})/> }
    });
    let html = root.inner_html();
    assert!(html.contains("502"));
    assert!(
        !html.contains("Bad Gateway") && !html.contains("alert(1)") && !html.contains("&lt;h1"),
        "{html}"
    );
}

fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|index| nodes.item(index)?.text_content())
        .map(|text| text.trim().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn a_header_click_sorts_the_rows_and_says_so_in_aria_sort() {
    let rows = integrations(
        r#"{"results":[
        {"type":"SLACK","channelName":"alerts"},
        {"type":"PAGER_DUTY","region":"EU"},
        {"type":"DATADOG","region":"US"}
    ]}"#,
    );
    let sort = RwSignal::new(None);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        move || {
            let shown = shown(&INTEGRATIONS, &rows, "", sort.get());
            view! { <ListTable list=&INTEGRATIONS caption="Integrations".to_string() rows=shown sort/> }
        }
    });
    let aria_sort = |root: &HtmlElement| {
        let headers = root.query_selector_all("thead th").unwrap();
        (0..headers.length())
            .map(|index| {
                let header: web_sys::Element = headers.item(index).unwrap().unchecked_into();
                header.get_attribute("aria-sort").unwrap_or_default()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(aria_sort(&root), ["none", "none", "none", ""]);
    assert_eq!(
        texts(&root, "tbody .badge"),
        ["Slack", "PagerDuty", "Datadog"]
    );

    let type_header = || -> HtmlButtonElement {
        root.query_selector("thead th button.sort")
            .unwrap()
            .unwrap()
            .unchecked_into()
    };
    type_header().click();
    leptos::task::tick().await;
    assert_eq!(aria_sort(&root), ["ascending", "none", "none", ""]);
    assert_eq!(
        texts(&root, "tbody .badge"),
        ["Datadog", "PagerDuty", "Slack"]
    );

    type_header().click();
    leptos::task::tick().await;
    assert_eq!(aria_sort(&root), ["descending", "none", "none", ""]);
    assert_eq!(
        texts(&root, "tbody .badge"),
        ["Slack", "PagerDuty", "Datadog"]
    );
}

#[wasm_bindgen_test]
fn tables_speak_the_language_in_force() {
    let rows = integrations(
        r#"{"results":[{"type":"DATADOG","region":"US","sendDatabaseMetrics":true}]}"#,
    );
    let teams = rows_of(
        List::Teams,
        r#"[{"id":"5f1a2b3c4d5e6f7a8b9c0d1e","name":"Ops"}]"#,
    );
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Lang::ZhCn);
        view! {
            <ListTable list=&INTEGRATIONS caption="集成".to_string() rows/>
            <ListTable list=&TEAMS caption="团队".to_string() rows=teams/>
            <ListTable list=&TEAMS caption="团队".to_string() rows=vec![]/>
        }
    });
    assert_eq!(
        texts(&root, "thead th"),
        ["类型", "区域", "告警", "设置", "名称", "ID", "名称", "ID"]
    );
    assert_eq!(texts(&root, ".settings dt"), ["发送数据库指标"]);
    assert_eq!(texts(&root, ".settings dd"), ["是"]);
    assert_eq!(texts(&root, "tbody button"), ["复制"]);
    assert!(button(&root, "复制 ID 5f1a2b3c4d5e6f7a8b9c0d1e").is_connected());
    assert_eq!(texts(&root, "tr.empty"), ["此组织没有团队"]);
}

/// The configuration of a site served under `/atlas`, as the App provides it.
fn provide_config() {
    provide_context(RuntimeConfig::new(
        "/atlas".into(),
        SiteConfig::default(),
        None,
    ));
}

fn attributes(root: &HtmlElement, selector: &str, name: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|index| {
            let element: web_sys::Element = nodes.item(index).unwrap().unchecked_into();
            element.get_attribute(name).unwrap_or_default()
        })
        .collect()
}

fn projects() -> Vec<Row> {
    let body = r#"{"results":[
        {"id":"6500000000000000000000a1","name":"prod-eu-payments","orgId":"6500000000000000000000c1","clusterCount":1234,"created":"2023-05-01T08:00:00Z"},
        {"id":"6500000000000000000000a2","name":"<img src=x onerror=\"window.__pwned=3\">","orgId":"6500000000000000000000c1"},
        {"id":"6500000000000000000000a3","name":"","orgId":"6500000000000000000000c1","clusterCount":0,"created":"not a date"}
    ]}"#;
    parse_rows(List::Projects, 200, body).unwrap().results
}

#[wasm_bindgen_test]
fn the_projects_table_links_each_name_to_its_integrations() {
    let rows = projects();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_config();
        view! { <ListTable list=&PROJECTS caption="Projects".to_string() rows/> }
    });
    assert_eq!(
        texts(&root, "thead th"),
        ["Name", "ID", "Clusters", "Created"]
    );
    assert_eq!(root.query_selector_all("tbody tr").unwrap().length(), 3);
    assert_eq!(
        attributes(&root, "tbody th[scope='row'] a", "href"),
        [
            "/atlas/groups/6500000000000000000000a1/integrations",
            "/atlas/groups/6500000000000000000000a2/integrations",
            "/atlas/groups/6500000000000000000000a3/integrations",
        ]
    );
    let names = texts(&root, "tbody th a");
    assert_eq!(names[0], "prod-eu-payments");
    assert!(names[1].starts_with("<img src=x"), "{names:?}");
    // A project without a name is named by its ID, so that its link has words.
    assert_eq!(names[2], "6500000000000000000000a3");
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(
        texts(&root, "tbody .id-cell code"),
        [
            "6500000000000000000000a1",
            "6500000000000000000000a2",
            "6500000000000000000000a3"
        ]
    );
    assert!(button(&root, "Copy ID 6500000000000000000000a2").is_connected());
    assert_eq!(texts(&root, "tbody td:nth-child(3)"), ["1,234", "—", "0"]);
    // A date is written the reader's way, with Atlas's own value kept in `datetime`.
    assert_eq!(
        attributes(&root, "tbody time", "datetime"),
        ["2023-05-01T08:00:00Z", "", ""]
    );
    let created = texts(&root, "tbody time");
    assert!(
        created[0].contains("2023") && !created[0].contains('T'),
        "{created:?}"
    );
    assert_eq!(created[1..], ["—", "not a date"]);
}

#[wasm_bindgen_test]
async fn the_projects_table_sorts_by_clusters_and_speaks_chinese() {
    let rows = projects();
    let sort = RwSignal::new(None);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_config();
        provide_context(Lang::ZhCn);
        move || {
            let shown = shown(&PROJECTS, &rows, "", sort.get());
            view! { <ListTable list=&PROJECTS caption="项目".to_string() rows=shown sort/> }
        }
    });
    assert_eq!(texts(&root, "thead th"), ["名称", "ID", "集群", "创建时间"]);
    assert_eq!(texts(&root, "tbody button")[0], "复制");
    let clusters_header: HtmlButtonElement = root
        .query_selector("thead th:nth-child(3) button.sort")
        .unwrap()
        .unwrap()
        .unchecked_into();
    clusters_header.click();
    leptos::task::tick().await;
    assert_eq!(
        attributes(&root, "thead th", "aria-sort"),
        ["none", "none", "ascending", "none"]
    );
    assert_eq!(texts(&root, "tbody td:nth-child(3)"), ["—", "0", "1,234"]);
}

#[wasm_bindgen_test]
fn an_organization_without_projects_says_so() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        provide_config();
        view! { <ListTable list=&PROJECTS caption="Projects".to_string() rows=vec![]/> }
    });
    assert_eq!(
        texts(&root, "tr.empty"),
        ["No projects in this organization"]
    );
    assert_eq!(attributes(&root, "tr.empty td", "colspan"), ["4"]);
}

fn org(id: &str, name: &str) -> Org {
    Org {
        id: id.into(),
        name: name.into(),
    }
}

#[wasm_bindgen_test]
async fn the_organizations_are_links_found_by_name_as_you_type() {
    let orgs = RwSignal::new(Orgs::Loading);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_config();
        view! { <OrgDirectory orgs on_retry=Callback::new(|()| {})/> }
    });
    assert_eq!(texts(&root, "h2"), ["Organizations"]);
    assert_eq!(texts(&root, ".loading"), ["Loading…"]);

    orgs.set(Orgs::Loaded(vec![
        org("6500000000000000000000c1", "Northwind Operations"),
        org("6500000000000000000000c2", "Contoso Labs"),
        org("6500000000000000000000c3", "<b>Bold</b> Ltd"),
    ]));
    leptos::task::tick().await;
    assert_eq!(
        texts(&root, ".org-list a"),
        ["Northwind Operations", "Contoso Labs", "<b>Bold</b> Ltd"]
    );
    assert!(root.query_selector("b").unwrap().is_none());
    assert_eq!(
        attributes(&root, ".org-list a", "href")[0],
        "/atlas/orgs/6500000000000000000000c1"
    );
    assert_eq!(
        texts(&root, ".org-list code")[1],
        "6500000000000000000000c2"
    );
    assert_eq!(texts(&root, "#org-count"), ["3 organizations"]);

    let input: HtmlInputElement = root
        .query_selector("input#org-name")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(texts(&root, "label[for='org-name']"), ["Find by name"]);
    let type_in = |text: &str| {
        input.set_value(text);
        // As a browser's: an input event bubbles (the directory listens above the box).
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        input
            .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
            .unwrap();
    };
    type_in("NORTH");
    leptos::task::tick().await;
    assert_eq!(texts(&root, ".org-list a"), ["Northwind Operations"]);
    assert_eq!(texts(&root, "#org-count"), ["1 of 3 organizations match"]);
    type_in("fabrikam");
    leptos::task::tick().await;
    assert!(texts(&root, ".org-list a").is_empty());
    assert_eq!(
        texts(&root, "#org-count"),
        ["No organization's name holds “fabrikam”."]
    );
}

#[wasm_bindgen_test]
async fn organizations_that_cannot_be_read_leave_a_banner_that_retries() {
    let retried = RwSignal::new(0);
    let error = ApiError::from_response(
        403,
        r#"{"error":403,"reason":"Forbidden","errorCode":"USER_CANNOT_ACCESS_ORGANIZATION"}"#,
        None,
    );
    let orgs = RwSignal::new(Orgs::Failed(error));
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_config();
        provide_context(Lang::ZhCn);
        view! { <OrgDirectory orgs on_retry=Callback::new(move |()| retried.update(|n| *n += 1))/> }
    });
    assert_eq!(texts(&root, "h2"), ["组织"]);
    let banner = root.query_selector("[role='alert']").unwrap().unwrap();
    assert!(banner
        .text_content()
        .unwrap()
        .contains("USER_CANNOT_ACCESS_ORGANIZATION"));
    let retry: HtmlButtonElement = banner
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    retry.click();
    leptos::task::tick().await;
    assert_eq!(retried.get_untracked(), 1);

    orgs.set(Orgs::Loaded(vec![]));
    leptos::task::tick().await;
    assert!(root.query_selector("[role='alert']").unwrap().is_none());
    assert_eq!(texts(&root, "#org-count"), ["代理未显示任何组织。"]);
}

#[wasm_bindgen_test]
fn team_names_link_to_their_members_within_the_organization() {
    // Atlas's IDs are hexadecimal; anything else is encoded as the browser would.
    let teams = rows_of(
        List::Teams,
        r#"[{"id":"6500000000000000000c0001","name":"Platform"},{"id":"6500000000000000000c0002","name":""},{"id":"a b/c?#%é","name":"Odd"}]"#,
    );
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_config();
        let org_id = Some("6500000000000000000000c1".to_string());
        view! { <ListTable list=&TEAMS caption="Teams".to_string() rows=teams org_id/> }
    });
    assert_eq!(
        attributes(&root, "tbody th a", "href"),
        [
            "/atlas/orgs/6500000000000000000000c1/teams/6500000000000000000c0001",
            "/atlas/orgs/6500000000000000000000c1/teams/6500000000000000000c0002",
            "/atlas/orgs/6500000000000000000000c1/teams/a%20b%2Fc%3F%23%25%C3%A9",
        ]
    );
    // A team without a name is named by its ID, so that its link has words.
    assert_eq!(
        texts(&root, "tbody th a"),
        ["Platform", "6500000000000000000c0002", "Odd"]
    );
}

fn members() -> Vec<Row> {
    let member = |username: &str, status: &str, last_auth: Option<&str>, roles: &[&str]| {
        let item = serde_json::json!({
            "id": format!("fd{:022}", username.len()),
            "username": username,
            "orgMembershipStatus": status,
            "lastAuth": last_auth,
            "roles": {"orgRoles": roles},
        });
        rows_of(List::TeamMembers, &format!("[{item}]")).remove(0)
    };
    vec![
        member(
            "ada@example.com",
            "ACTIVE",
            Some("2026-10-01T08:30:00Z"),
            &["ORG_OWNER", "ORG_MEMBER"],
        ),
        member("<b>bob</b>@example.com", "PENDING", None, &["ORG_MEMBER"]),
        member("cy@example.com", "INVITATION_EXPIRED", None, &[]),
        member("di@example.com", "SUSPENDED", None, &["ORG_FUTURE_ROLE"]),
    ]
}

#[wasm_bindgen_test]
fn members_show_their_status_in_words_with_a_mark_unless_active() {
    let rows = members();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ListTable list=&TEAM_MEMBERS caption="Members".to_string() rows/> }
    });
    assert_eq!(
        texts(&root, "thead th"),
        ["User name", "Status", "Last sign-in", "Organization roles"]
    );
    let names = texts(&root, "tbody th");
    assert_eq!(names[1], "<b>bob</b>@example.com");
    // A user name is text: no markup, and no link the panel made of it.
    assert!(root.query_selector("tbody b, tbody a").unwrap().is_none());
    assert_eq!(
        texts(&root, "tbody td:nth-child(2)"),
        [
            "Active",
            "!Invitation pending",
            "!Invitation expired",
            "!SUSPENDED"
        ]
    );
    assert_eq!(
        attributes(&root, "tbody .status-mark", "aria-hidden"),
        ["true"; 4]
    );
    assert_eq!(
        attributes(&root, "tbody .status", "class"),
        [
            "status status-active",
            "status status-pending",
            "status status-invitation-expired",
            "status status-suspended"
        ]
    );
    let signed_in = texts(&root, "tbody time");
    assert!(
        signed_in[0].contains("2026") && !signed_in[0].contains('T'),
        "{signed_in:?}"
    );
    assert_eq!(signed_in[1..], ["never", "never", "never"]);
    assert_eq!(
        attributes(&root, "tbody time", "datetime")[0],
        "2026-10-01T08:30:00Z"
    );
    assert_eq!(
        texts(&root, "tbody td:nth-child(4)"),
        [
            "Organization Owner, Organization Member",
            "Organization Member",
            "",
            "ORG_FUTURE_ROLE"
        ]
    );
}

#[wasm_bindgen_test]
fn members_speak_chinese() {
    let rows = members();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Lang::ZhCn);
        view! {
            <ListTable list=&TEAM_MEMBERS caption="成员".to_string() rows/>
            <ListTable list=&TEAM_MEMBERS caption="成员".to_string() rows=vec![]/>
        }
    });
    assert_eq!(
        texts(&root, "thead th")[..4],
        ["用户名", "状态", "上次登录", "组织角色"]
    );
    assert_eq!(texts(&root, "tbody td:nth-child(2)")[1], "!邀请待接受");
    assert_eq!(texts(&root, "tbody time")[1], "从未");
    assert_eq!(texts(&root, "tr.empty"), ["此团队没有成员"]);
}

#[wasm_bindgen_test]
fn a_project_s_teams_show_names_or_ids_and_readable_roles() {
    let mut teams = rows_of(
        List::ProjectTeams,
        r#"[{"teamId":"6500000000000000000c0001","roleNames":["GROUP_OWNER","GROUP_READ_ONLY"]},
            {"teamId":"6500000000000000000c0009","roleNames":["GROUP_FUTURE_ROLE"]}]"#,
    );
    // Named from the organization's teams, as the page does; the second is not among them.
    teams[0].set("name", "<img src=x onerror=\"window.__pwned=4\">".into());
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_config();
        let org_id = Some("6500000000000000000000c1".to_string());
        view! {
            <ListTable list=&PROJECT_TEAMS caption="Teams with access".to_string() rows=teams org_id/>
            <ListTable list=&PROJECT_TEAMS caption="Teams with access".to_string() rows=vec![]/>
        }
    });
    assert_eq!(texts(&root, "thead th")[..3], ["Team", "ID", "Roles"]);
    let names = texts(&root, "tbody th a");
    assert!(names[0].starts_with("<img src=x"), "{names:?}");
    assert_eq!(names[1], "6500000000000000000c0009");
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(
        attributes(&root, "tbody th a", "href")[1],
        "/atlas/orgs/6500000000000000000000c1/teams/6500000000000000000c0009"
    );
    assert_eq!(
        texts(&root, "tbody td:nth-child(3)"),
        ["Project Owner, Project Read Only", "GROUP_FUTURE_ROLE"]
    );
    assert!(button(&root, "Copy ID 6500000000000000000c0009").is_connected());
    assert_eq!(
        texts(&root, "tr.empty"),
        ["No team has access to this project"]
    );
}

#[wasm_bindgen_test]
fn each_integration_says_how_many_enabled_alerts_use_it_and_marks_the_unused_in_words() {
    let mut rows = integrations(
        r#"{"results":[
        {"id":"650000000000000000000101","type":"PAGER_DUTY"},
        {"id":"650000000000000000000103","type":"DATADOG"},
        {"id":"650000000000000000000109","type":"PROMETHEUS"},
        {"id":"650000000000000000000102","type":"SLACK"},
        {"id":"650000000000000000000105","type":"OPS_GENIE"},
        {"id":"650000000000000000000106","type":"VICTOR_OPS"}
    ]}"#,
    );
    AlertUse::Enabled {
        count: 2,
        complete: true,
    }
    .set(&mut rows[0]);
    AlertUse::Enabled {
        count: 0,
        complete: true,
    }
    .set(&mut rows[1]);
    AlertUse::NotAChannel.set(&mut rows[2]);
    // The alerts could not be read; the last row's are not read yet.
    AlertUse::Unknown.set(&mut rows[4]);
    AlertUse::Enabled {
        count: 1,
        complete: false,
    }
    .set(&mut rows[3]);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_config();
        view! {
            <ListTable list=&INTEGRATIONS caption="Integrations".to_string() rows
                owner_id=Some("6500000000000000000000a1".to_string())/>
        }
    });
    assert_eq!(
        texts(&root, "tbody td.alerts"),
        [
            "2 alerts",
            "0 alerts !Not used by any alert",
            "—",
            "1+ alerts",
            "unknown",
            "…"
        ]
    );
    assert_eq!(
        attributes(&root, "tbody td.alerts a", "href"),
        [
            "/atlas/groups/6500000000000000000000a1/alerts-config?itemsPerPage=500&integration=650000000000000000000101&type=PAGER_DUTY",
            "/atlas/groups/6500000000000000000000a1/alerts-config?itemsPerPage=500&integration=650000000000000000000103&type=DATADOG",
            "/atlas/groups/6500000000000000000000a1/alerts-config?itemsPerPage=500&integration=650000000000000000000102&type=SLACK",
        ]
    );
    // The mark is seen, not read: the words say it.
    assert_eq!(
        attributes(&root, ".status-unused .status-mark", "aria-hidden"),
        ["true"]
    );
    assert_eq!(texts(&root, ".status-unused"), ["!Not used by any alert"]);
}

fn alert_configs(body: &str) -> Vec<Row> {
    parse_rows(List::AlertConfigs, 200, body).unwrap().results
}

#[wasm_bindgen_test]
fn the_alert_table_names_events_states_and_channels_as_text() {
    let configs = alert_configs(
        r#"{"results":[
        {"id":"c1","eventTypeName":"OUTSIDE_METRIC_THRESHOLD","enabled":true,"updated":"2026-11-20T16:45:00Z",
         "metricThreshold":{"metricName":"CONNECTIONS_PERCENT"},
         "notifications":[{"typeName":"PAGER_DUTY","integrationId":"650000000000000000000101","serviceKey":"clear-service-key-1234","delayMin":0,"intervalMin":15},
                          {"typeName":"SMS","mobileNumber":"+1 202-555-0147"}]},
        {"id":"c2","eventTypeName":"<img src=x onerror=\"window.__pwned=9\">","enabled":false,
         "notifications":[{"typeName":"EMAIL","emailAddress":"<b>ops</b>@example.com"}]}
    ]}"#,
    );
    let chinese = configs.clone();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <ListTable list=&ALERT_CONFIGS caption="Alerts".to_string() rows=configs/> }
    });
    assert_eq!(
        texts(&root, "thead th"),
        ["Alert", "Enabled", "Notifications", "Updated"]
    );
    assert_eq!(
        texts(&root, "tbody th"),
        [
            "Metric outside its threshold: CONNECTIONS_PERCENT",
            "<img src=x onerror=\"window.__pwned=9\">"
        ]
    );
    assert_eq!(texts(&root, "tbody .status"), ["Enabled", "!Disabled"]);
    assert_eq!(
        texts(&root, "tbody .notifications li"),
        [
            "PagerDuty, after 0 min, every 15 min, integration 650000000000000000000101",
            "SMS, ********0147",
            "Email, <b>ops</b>@example.com",
        ]
    );
    assert_eq!(
        attributes(&root, "tbody time", "datetime"),
        ["2026-11-20T16:45:00Z", ""]
    );
    assert!(root.query_selector("tbody img, tbody b").unwrap().is_none());
    let html = root.inner_html();
    assert!(
        !html.contains("clear-service") && !html.contains("202-555"),
        "{html}"
    );

    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Lang::ZhCn);
        view! { <ListTable list=&ALERT_CONFIGS caption="告警配置".to_string() rows=chinese/> }
    });
    assert_eq!(
        texts(&root, "thead th"),
        ["告警", "已启用", "通知", "更新时间"]
    );
    assert_eq!(texts(&root, "tbody .status"), ["已启用", "!已停用"]);
}
