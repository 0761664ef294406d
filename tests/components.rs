//! The table, pager and banner mounted in a real browser (headless Chromium), asserted on
//! the DOM they render. Run with `wasm-bindgen-test-runner`; see scripts/test.
#![cfg(target_arch = "wasm32")]

use atlas_panel::api::types::parse_page;
use atlas_panel::api::{ApiError, Integration, Team};
use atlas_panel::components::error_banner::ErrorBanner;
use atlas_panel::components::pager::Pager;
use atlas_panel::components::table::{IntegrationsTable, TeamsTable};
use atlas_panel::i18n::Lang;
use atlas_panel::list::rows::shown_rows;
use atlas_panel::paging::{PageRequest, PagerState};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh `<div>` in the document, to mount one component into.
fn container() -> HtmlElement {
    let document = document();
    let div: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

fn integrations(json: &str) -> Vec<Integration> {
    parse_page::<Integration>(200, json).unwrap().results
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
        view! { <IntegrationsTable caption="Integrations".to_string() integrations=rows/> }
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
        3
    );
    assert!(root.query_selector("caption").unwrap().is_some());
}

#[wasm_bindgen_test]
fn markup_in_upstream_text_stays_text() {
    let teams = vec![Team {
        id: "5f1a2b3c4d5e6f7a8b9c0d1e".into(),
        name: "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>".into(),
    }];
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        view! { <TeamsTable caption="Teams".to_string() teams/> }
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
            <TeamsTable caption="Teams".to_string() teams=vec![]/>
            <IntegrationsTable caption="Integrations".to_string() integrations=vec![]/>
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
            let shown = shown_rows(&rows, "", sort.get());
            view! { <IntegrationsTable caption="Integrations".to_string() integrations=shown sort/> }
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
    assert_eq!(aria_sort(&root), ["none", "none", ""]);
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
    assert_eq!(aria_sort(&root), ["ascending", "none", ""]);
    assert_eq!(
        texts(&root, "tbody .badge"),
        ["Datadog", "PagerDuty", "Slack"]
    );

    type_header().click();
    leptos::task::tick().await;
    assert_eq!(aria_sort(&root), ["descending", "none", ""]);
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
    let teams = vec![Team {
        id: "5f1a2b3c4d5e6f7a8b9c0d1e".into(),
        name: "Ops".into(),
    }];
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(Lang::ZhCn);
        view! {
            <IntegrationsTable caption="集成".to_string() integrations=rows/>
            <TeamsTable caption="团队".to_string() teams/>
            <TeamsTable caption="团队".to_string() teams=vec![]/>
        }
    });
    assert_eq!(
        texts(&root, "thead th"),
        ["类型", "区域", "设置", "名称", "ID", "名称", "ID"]
    );
    assert_eq!(texts(&root, ".settings dt"), ["发送数据库指标"]);
    assert_eq!(texts(&root, ".settings dd"), ["是"]);
    assert_eq!(texts(&root, "tbody button"), ["复制"]);
    assert!(button(&root, "复制 ID 5f1a2b3c4d5e6f7a8b9c0d1e").is_connected());
    assert_eq!(texts(&root, "tr.empty"), ["此组织没有团队"]);
}
