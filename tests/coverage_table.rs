//! The coverage table mounted in headless Chromium: what a run's rows become in the DOM, and
//! how it follows the run as answers arrive. Run with `wasm-bindgen-test-runner`.
#![cfg(target_arch = "wasm32")]

use atlas_panel::api::ApiError;
use atlas_panel::components::coverage_table::{CoverageTable, MatrixView, RUN_DRAW_INTERVAL_MS};
use atlas_panel::config::RuntimeConfig;
use atlas_panel::coverage::run::ProjectTeam;
use atlas_panel::coverage::run::{IntegrationsFound, Run};
use atlas_panel::coverage::Matrix;
use atlas_panel::list::alerts::AlertUse;
use atlas_panel::list::rows::Sort;
use atlas_panel_common::site_config::SiteConfig;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const MARKUP: &str = "<img src=x onerror=\"window.__pwned=1\"><b>bold</b>";

fn container() -> HtmlElement {
    let document = document();
    let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn texts(root: &HtmlElement, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .map(|node| node.text_content().unwrap_or_default())
        .collect()
}

fn found(kinds: &[(&str, Option<&str>)]) -> IntegrationsFound {
    IntegrationsFound::of_kinds(kinds)
}

/// Three projects: one read with PagerDuty (EU), one whose name is markup and that alerts no
/// one, one that answered 403; a fourth being read.
fn run() -> Run {
    let mut run = Run::new([
        (
            "6500000000000000000000a1".to_string(),
            "payments".to_string(),
        ),
        ("6500000000000000000000a2".to_string(), MARKUP.to_string()),
        (
            "6500000000000000000000a3".to_string(),
            "archive".to_string(),
        ),
        ("6500000000000000000000a4".to_string(), "later".to_string()),
    ]);
    run.start_next(0.0);
    run.finish(0, Ok(found(&[("PAGER_DUTY", Some("EU"))]).into()), 0.0);
    // Datadog: no enabled alert uses it.
    let mut datadog = found(&[("DATADOG", None)]);
    datadog.0[0].alerts = AlertUse::Enabled {
        count: 0,
        complete: true,
    };
    run.finish(1, Ok(datadog.into()), 0.0);
    let forbidden = ApiError::Atlas {
        status: 403,
        reason: Some("Forbidden".into()),
        error_code: None,
        detail: None,
        retry_after: None,
    };
    run.finish(2, Err(forbidden), 0.0);
    run.start_next(0.0);
    run
}

/// Waits until the table has drawn what changed: it draws at most once a frame, and an
/// answer while others are in flight at most once every `RUN_DRAW_INTERVAL_MS`.
async fn drawn() {
    leptos::task::tick().await;
    let window = web_sys::window().expect("a window");
    let interval = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            &resolve,
            RUN_DRAW_INTERVAL_MS as i32,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(interval).await;
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
}

/// One frame, no more.
async fn next_frame() {
    leptos::task::tick().await;
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
}

/// Sorts by project name, which draws the table in the next frame, and waits for it.
async fn draw_now(root: &HtmlElement) {
    let header: HtmlButtonElement = root
        .query_selector("thead button.sort")
        .unwrap()
        .unwrap()
        .unchecked_into();
    header.click();
    next_frame().await;
}

#[wasm_bindgen_test]
async fn answers_in_flight_wait_their_turn_and_the_last_is_drawn_in_the_next_frame() {
    let mut two = Run::new([
        ("6500000000000000000000b1".to_string(), "alpha".to_string()),
        ("6500000000000000000000b2".to_string(), "beta".to_string()),
    ]);
    two.start_next(0.0);
    let state = RwSignal::new(Some(two));
    let (root, _mounted) = mount(state, RwSignal::new(None));
    drawn().await;
    let statuses = || texts(&root, "tbody .coverage-status");
    assert_eq!(statuses(), ["Reading…", "Reading…"]);

    // An answer while another is in flight, just after a draw: drawn within the interval,
    // not in the next frame. (Only a frame that came within half the interval shows the
    // wait; a slower one may already be past it.)
    draw_now(&root).await;
    let asked_at = js_sys::Date::now();
    state.update(|run| {
        if let Some(run) = run {
            run.finish(0, Ok(found(&[("SLACK", None)]).into()), 0.0);
        }
    });
    next_frame().await;
    if js_sys::Date::now() - asked_at < RUN_DRAW_INTERVAL_MS / 2.0 {
        assert_eq!(statuses(), ["Reading…", "Reading…"], "held back");
    }
    drawn().await;
    assert_eq!(statuses()[1], "Reading…");
    assert_ne!(statuses()[0], "Reading…");

    // The last answer in flight, just after a draw: in the next frame.
    draw_now(&root).await;
    state.update(|run| {
        if let Some(run) = run {
            run.finish(1, Ok(found(&[("SLACK", None)]).into()), 0.0);
        }
    });
    next_frame().await;
    assert!(
        statuses().iter().all(|status| status != "Reading…"),
        "{:?}",
        statuses()
    );
}

/// The table, mounted; it stays until the handle is dropped.
fn mount(
    run: RwSignal<Option<Run>>,
    sort: RwSignal<Option<Sort>>,
) -> (HtmlElement, Box<dyn std::any::Any>) {
    mount_matrix(Matrix::Coverage, run, sort, RwSignal::new(String::new()))
}

fn mount_matrix(
    matrix: Matrix,
    run: RwSignal<Option<Run>>,
    sort: RwSignal<Option<Sort>>,
    team: RwSignal<String>,
) -> (HtmlElement, Box<dyn std::any::Any>) {
    let root = container();
    let shown_as = MatrixView {
        filter: RwSignal::new(String::new()),
        only_flagged: RwSignal::new(false),
        only_unused: RwSignal::new(false),
        sort,
        team,
    };
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(RuntimeConfig::new(
            String::new(),
            SiteConfig::default(),
            None,
        ));
        view! { <CoverageTable run matrix shown_as team_names=None/> }
    });
    (root, Box::new(mounted))
}

#[wasm_bindgen_test]
async fn rows_say_presence_region_and_the_missing_alerting_in_words() {
    let state = RwSignal::new(Some(run()));
    let (root, _mounted) = mount(state, RwSignal::new(None));
    drawn().await;

    assert_eq!(
        texts(&root, "thead th[scope='col']"),
        ["Project", "ID", "Alerting", "PagerDuty", "Datadog"]
    );
    assert_eq!(
        texts(&root, "caption"),
        ["Integrations of each project: 4 of 4 projects"]
    );
    assert_eq!(
        root.query_selector_all("tbody th[scope='row']")
            .unwrap()
            .length(),
        4
    );
    assert_eq!(
        texts(
            &root,
            "tbody tr:first-child td:not(.id-cell):not(.coverage-status)"
        ),
        ["PagerDuty: EU", "Datadog: none"]
    );
    assert_eq!(
        texts(&root, "tbody tr:first-child .visually-hidden"),
        ["PagerDuty: ", "Datadog: "]
    );
    assert_eq!(
        texts(&root, "tr.no-alerting .coverage-status"),
        ["No alerting integration"]
    );
    assert_eq!(
        texts(&root, "tr.failed .coverage-status"),
        ["The request failed: 403 Forbidden."]
    );
    assert_eq!(
        texts(&root, "tbody .coverage-status")
            .last()
            .map(String::as_str),
        Some("Reading…")
    );
    // An integration no enabled alert uses, in words, with a mark that is seen, not read.
    assert_eq!(
        texts(
            &root,
            "tr.no-alerting td:not(.id-cell):not(.coverage-status)"
        ),
        ["PagerDuty: none", "Datadog: yes !no alert uses it"]
    );
    assert_eq!(texts(&root, "tbody .status-unused .status-mark"), ["!"]);
    assert_eq!(
        root.query_selector("tbody .status-unused .status-mark")
            .unwrap()
            .unwrap()
            .get_attribute("aria-hidden")
            .as_deref(),
        Some("true")
    );
    // Upstream text stays text.
    assert_eq!(texts(&root, "tr.no-alerting th a"), [MARKUP]);
    assert!(root.query_selector("tbody img, tbody b").unwrap().is_none());
    assert_eq!(
        root.query_selector("tbody tr th a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/groups/6500000000000000000000a1/integrations")
    );
}

#[wasm_bindgen_test]
async fn an_answer_redraws_its_row_and_a_new_type_its_column_and_sorting_reorders() {
    let state = RwSignal::new(Some(run()));
    let sort = RwSignal::new(None::<Sort>);
    let (root, _mounted) = mount(state, sort);
    drawn().await;
    // A change that brings no new column (the read in flight stopped, then asked again)
    // draws its own row again; the others stay the same elements in the DOM.
    let rows_before = root.query_selector_all("tbody tr").unwrap();
    let kept = |i: u32| rows_before.item(i).unwrap();
    // Taken out of the DOM and put back, a focused link would lose focus.
    let link: HtmlElement = root
        .query_selector("tbody tr th a")
        .unwrap()
        .unwrap()
        .unchecked_into();
    link.focus().unwrap();
    state.update(|run| {
        if let Some(run) = run {
            run.finish(3, Err(ApiError::Aborted), 0.0);
            run.start_next(0.0);
        }
    });
    drawn().await;
    let rows_after = root.query_selector_all("tbody tr").unwrap();
    for i in 0..3 {
        assert!(kept(i).is_same_node(rows_after.item(i).as_ref()), "row {i}");
    }
    assert!(!kept(3).is_connected(), "the changed row was drawn again");
    let focused = document().active_element();
    assert!(
        focused.is_some_and(|focused| focused.is_same_node(Some(&link))),
        "focus stays on the first row's link"
    );
    let first_row = root.query_selector("tbody tr").unwrap().unwrap();

    state.update(|run| {
        if let Some(run) = run {
            run.finish(3, Ok(found(&[("SLACK", None)]).into()), 0.0);
        }
    });
    drawn().await;
    assert_eq!(
        texts(&root, "thead th[scope='col']"),
        ["Project", "ID", "Alerting", "PagerDuty", "Slack", "Datadog"]
    );
    assert_eq!(
        texts(
            &root,
            "tbody tr:last-child td:not(.id-cell):not(.coverage-status)"
        ),
        ["PagerDuty: none", "Slack: yes", "Datadog: none"]
    );
    // A new column rebuilt every row; the first one again has a cell per type.
    assert!(!first_row.is_connected());

    let project_header: HtmlButtonElement = root
        .query_selector("thead button.sort")
        .unwrap()
        .unwrap()
        .unchecked_into();
    project_header.click();
    drawn().await;
    assert_eq!(
        texts(&root, "tbody th a"),
        [MARKUP, "archive", "later", "payments"]
    );
    assert_eq!(
        texts(&root, "thead th[aria-sort='ascending']"),
        ["Project▲"]
    );
}

fn team(id: &str, roles: &[&str]) -> ProjectTeam {
    ProjectTeam {
        team_id: id.into(),
        name: None,
        roles: roles.iter().map(|role| role.to_string()).collect(),
    }
}

#[wasm_bindgen_test]
async fn the_access_matrix_has_a_column_per_team_and_roles_in_words() {
    let mut access = Run::new([
        ("6500000000000000000000a1".to_string(), "prod".to_string()),
        ("6500000000000000000000a2".to_string(), MARKUP.to_string()),
        ("6500000000000000000000a3".to_string(), "later".to_string()),
    ]);
    access.start_next(0.0);
    access.finish(
        0,
        Ok(vec![
            team("t1", &["GROUP_OWNER"]),
            team("t2", &["GROUP_READ_ONLY", "GROUP_NEW"]),
        ]
        .into()),
        0.0,
    );
    access.finish(
        1,
        Ok(vec![team("t2", &["GROUP_CLUSTER_MANAGER"])].into()),
        0.0,
    );
    let state = RwSignal::new(Some(access));
    let picked = RwSignal::new(String::new());
    let (root, _mounted) = mount_matrix(Matrix::Access, state, RwSignal::new(None), picked);
    drawn().await;

    assert_eq!(
        texts(&root, "thead th[scope='col']"),
        ["Project", "ID", "Teams", "t1", "t2"]
    );
    assert_eq!(
        texts(&root, "caption"),
        ["Teams' roles in each project: 3 of 3 projects"]
    );
    let cells = |row: usize| {
        texts(
            &root,
            &format!("tbody tr:nth-child({row}) td:not(.id-cell)"),
        )
    };
    assert_eq!(
        cells(1),
        [
            "2 teams",
            "t1: Project Owner",
            "t2: Project Read Only, GROUP_NEW"
        ]
    );
    assert_eq!(
        cells(2),
        ["1 team", "t1: none", "t2: Project Cluster Manager"]
    );
    assert_eq!(cells(3), ["Reading…", ""]);
    assert!(root.query_selector("tbody img, tbody b").unwrap().is_none());
    let link = root.query_selector("tbody th a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/groups/6500000000000000000000a1/teams")
    );

    picked.set("t2".into());
    drawn().await;
    assert_eq!(
        texts(&root, "thead th[scope='col']"),
        ["Project", "ID", "Teams", "t2"]
    );
    assert_eq!(cells(2), ["1 team", "t2: Project Cluster Manager"]);
}
