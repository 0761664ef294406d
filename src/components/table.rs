//! The result tables. Every value arrives as text and is rendered as text.
//!
//! The header is a view like any other; the body is built with plain DOM calls and no
//! reactive state, because a page may hold 500 rows and nothing in a row changes once drawn.
//! Each table builds its row's fixed markup once and clones it per row: one call where
//! building is a dozen, each passing strings from WebAssembly to JavaScript
//! (`docs/performance.md`). Text goes in as text, never as markup.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

use crate::api::{AlertConfig, AlertUse, Integration, Member, Project, ProjectTeam, Rows, Team};
use crate::browser::clock::{local_date, local_date_time};
use crate::browser::dom::{append_element, append_text, element_children};
use crate::components::copy::{copy_id_label, CopyStatus};
use crate::config::RuntimeConfig;
use crate::i18n::{format_locale, lang, Lang};
use crate::labels::{display_value, field_label, integration_type_name, name_or_id, role_names};
use crate::list::alerts::{event_name, notification_text, Through};
use crate::list::members::status_name;
use crate::list::rows::{Column, Sort};
use crate::paging::group_thousands;
use crate::router::Route;

/// The table that shows these rows; `empty` is what it says when there are none. `org_id`
/// is the organization the rows' teams belong to, when known: their names link to their
/// members. `project_id` is the project of integrations: their alert counts link to its alerts.
pub fn rows_table(
    rows: Rows,
    caption: String,
    sort: RwSignal<Option<Sort>>,
    empty: Option<String>,
    node_ref: NodeRef<html::Table>,
    org_id: Option<String>,
    project_id: Option<String>,
) -> AnyView {
    match rows {
        Rows::Integrations(integrations) => {
            view! { <IntegrationsTable caption integrations sort empty node_ref project_id/> }
                .into_any()
        }
        Rows::AlertConfigs(configs) => {
            view! { <AlertConfigsTable caption configs sort empty node_ref/> }.into_any()
        }
        Rows::Teams(teams) => {
            view! { <TeamsTable caption teams sort empty node_ref org_id/> }.into_any()
        }
        Rows::Projects(projects) => {
            view! { <ProjectsTable caption projects sort empty node_ref/> }.into_any()
        }
        Rows::Members(members) => {
            view! { <MembersTable caption members sort empty node_ref/> }.into_any()
        }
        Rows::ProjectTeams(teams) => {
            view! { <ProjectTeamsTable caption teams sort empty node_ref org_id/> }.into_any()
        }
    }
}

/// Upstream text in a class attribute: only letters, digits and dashes, one token.
fn class_token(text: &str) -> String {
    text.chars()
        .map(|ch| match ch {
            'a'..='z' | '0'..='9' => ch,
            'A'..='Z' => ch.to_ascii_lowercase(),
            _ => '-',
        })
        .collect()
}

#[component]
pub fn IntegrationsTable(
    caption: String,
    integrations: Vec<Integration>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the project has no integrations.
    #[prop(default = None)]
    empty: Option<String>,
    /// The `<table>`, for whoever moves focus to it.
    #[prop(optional)]
    node_ref: NodeRef<html::Table>,
    /// The integrations' project: each alert count links to the alerts it counts.
    #[prop(default = None)]
    project_id: Option<String>,
) -> impl IntoView {
    let lang = lang();
    let config = use_context::<RuntimeConfig>();
    let (sort, empty) = table_defaults(
        lang,
        sort,
        empty,
        ["No integrations in this project", "此项目没有集成"],
    );
    let headers = vec![
        Header::sorting(lang.pick("Type", "类型"), Column::Type),
        Header::sorting(lang.pick("Region", "区域"), Column::Region),
        Header::sorting(lang.pick("Alerts", "告警"), Column::Alerts),
        Header::plain(lang.pick("Settings", "设置")),
    ];
    let body = move |tbody: &Element| {
        // Every call is on elements made here, with fixed names: the DOM has no reason to refuse.
        let _ = fill_body(
            tbody,
            "4",
            &empty,
            &integrations,
            integration_prototype,
            |tr, integration| {
                let href = alerts_href(config.as_ref(), project_id.as_deref(), integration);
                integration_row(tr, lang, href.as_deref(), integration)
            },
        );
    };
    results_table(caption, headers, sort, node_ref, lang, Box::new(body))
}

/// `<th scope="row"><span class="badge"></span></th><td class="region"></td><td class="alerts"></td><td><dl class="settings"></dl></td>`
fn integration_prototype(tr: &Element) -> Result<(), JsValue> {
    let th = append_element(tr, "th", None)?;
    th.set_attribute("scope", "row")?;
    append_element(&th, "span", None)?;
    append_element(tr, "td", Some("region"))?;
    append_element(tr, "td", Some("alerts"))?;
    append_element(&append_element(tr, "td", None)?, "dl", Some("settings"))?;
    Ok(())
}

/// The address of the alerts that notify through an integration, when its project is known.
fn alerts_href(
    config: Option<&RuntimeConfig>,
    project_id: Option<&str>,
    integration: &Integration,
) -> Option<String> {
    let through = Through {
        id: integration.id.clone()?,
        kind: integration.kind.clone(),
    };
    // At the largest page size: the list narrows the page it has, and 500 is what was counted.
    let route = Route::AlertConfigs(project_id?.to_string());
    let href = config?.href(&route.href());
    Some(format!("{href}?itemsPerPage=500&{}", through.query()))
}

/// An integration's alerts: how many enabled ones notify through it, as a link to them, and
/// "Not used by any alert" in words when none does; a dash for a type no alert can use.
fn alerts_cell(
    cell: &Element,
    lang: Lang,
    href: Option<&str>,
    alerts: AlertUse,
) -> Result<(), JsValue> {
    let AlertUse::Enabled { count, complete } = alerts else {
        let text = match alerts {
            AlertUse::NotAChannel => "—",
            AlertUse::Unread => "…",
            _ => lang.pick("unknown", "未知"),
        };
        return append_text(cell, text);
    };
    let more = if complete { "" } else { "+" };
    let words = match (lang, count, complete) {
        (Lang::En, 1, true) => "1 alert".to_string(),
        (Lang::En, ..) => format!("{count}{more} alerts"),
        (Lang::ZhCn, ..) => format!("{count}{more} 个告警"),
    };
    match href {
        Some(href) => {
            let link = append_element(cell, "a", None)?;
            link.set_attribute("href", href)?;
            append_text(&link, &words)?;
        }
        None => append_text(cell, &words)?,
    }
    if alerts.unused() {
        unused_note(cell, lang.pick("Not used by any alert", "未被任何告警使用"))?;
    }
    Ok(())
}

/// Says in `words`, after what `cell` holds, that no enabled alert uses an integration: with
/// a mark that is seen and not read, and a space that keeps the words apart when read.
pub fn unused_note(cell: &Element, words: &str) -> Result<(), JsValue> {
    append_text(cell, " ")?;
    let note = append_element(cell, "span", Some("status status-unused"))?;
    let mark = append_element(&note, "span", Some("status-mark"))?;
    mark.set_attribute("aria-hidden", "true")?;
    append_text(&mark, "!")?;
    append_text(&note, words)
}

/// Fills a copy of the prototype: the type's badge, the region, the alerts, then every
/// setting.
fn integration_row(
    tr: &Element,
    lang: Lang,
    alerts_href: Option<&str>,
    integration: &Integration,
) -> Result<(), JsValue> {
    let badge_kind = class_token(&integration.kind);
    let [th, region, alerts, settings_cell] = element_children(tr)?;
    let [badge] = element_children(&th)?;
    let [settings] = element_children(&settings_cell)?;
    badge.set_class_name(&format!("badge badge-{badge_kind}"));
    badge.set_text_content(Some(integration_type_name(&integration.kind)));
    region.set_text_content(Some(integration.region.as_deref().unwrap_or("—")));
    alerts_cell(&alerts, lang, alerts_href, integration.alerts)?;
    if let Some(id) = &integration.id {
        append_text(&append_element(&settings, "dt", None)?, "ID")?;
        let cell = append_element(&settings, "dd", Some("id-cell"))?;
        id_cell_prototype(&cell, lang)?;
        fill_id_cell(&cell, lang, id)?;
    }
    for setting in &integration.settings {
        append_text(
            &append_element(&settings, "dt", None)?,
            &field_label(&setting.name, lang),
        )?;
        append_text(
            &append_element(&settings, "dd", None)?,
            &display_value(&setting.value, lang),
        )?;
    }
    Ok(())
}

#[component]
pub fn TeamsTable(
    caption: String,
    teams: Vec<Team>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the organization has no teams.
    #[prop(default = None)]
    empty: Option<String>,
    #[prop(optional)] node_ref: NodeRef<html::Table>,
    /// The teams' organization: each name links to the team's members.
    #[prop(default = None)]
    org_id: Option<String>,
) -> impl IntoView {
    let lang = lang();
    let config = use_context::<RuntimeConfig>();
    let linked = config.is_some() && org_id.is_some();
    let (sort, empty) = table_defaults(
        lang,
        sort,
        empty,
        ["No teams in this organization", "此组织没有团队"],
    );
    let headers = vec![
        Header::sorting(lang.pick("Name", "名称"), Column::Name),
        Header::sorting("ID", Column::Id),
    ];
    let body = move |tbody: &Element| {
        let _ = fill_body(
            tbody,
            "2",
            &empty,
            &teams,
            |tr| team_prototype(tr, lang, linked),
            |tr, team| {
                let href = members_href(config.as_ref(), org_id.as_deref(), &team.id);
                team_row(tr, lang, href.as_deref(), team)
            },
        );
    };
    results_table(caption, headers, sort, node_ref, lang, Box::new(body))
}

/// `<th scope="row"><a></a></th><td class="id-cell"><code></code> <button>Copy</button></td>`,
/// the `<a>` when the names link to their members.
fn team_prototype(tr: &Element, lang: Lang, linked: bool) -> Result<(), JsValue> {
    let th = append_element(tr, "th", None)?;
    th.set_attribute("scope", "row")?;
    if linked {
        append_element(&th, "a", None)?;
    }
    id_cell_prototype(&append_element(tr, "td", Some("id-cell"))?, lang)
}

/// The address of a team's members, when its organization is known.
fn members_href(
    config: Option<&RuntimeConfig>,
    org_id: Option<&str>,
    team_id: &str,
) -> Option<String> {
    let route = Route::TeamMembers(org_id?.to_string(), team_id.to_string());
    Some(config?.href(&route.href()))
}

/// A team's name in its row's heading cell: in the prototype's link to its members when
/// `href` is known.
fn team_name_cell(th: &Element, href: Option<&str>, name: &str) -> Result<(), JsValue> {
    match href {
        Some(href) => {
            let [link] = element_children(th)?;
            link.set_attribute("href", href)?;
            link.set_text_content(Some(name));
            Ok(())
        }
        None => append_text(th, name),
    }
}

/// Fills a copy of the prototype: the team's name (a link to its members; its ID when it has
/// none, as a link needs words), its ID and the ID's Copy button.
fn team_row(tr: &Element, lang: Lang, href: Option<&str>, team: &Team) -> Result<(), JsValue> {
    let [th, id_cell] = element_children(tr)?;
    let name = match href {
        Some(_) => name_or_id(&team.name, &team.id),
        None => &team.name,
    };
    team_name_cell(&th, href, name)?;
    fill_id_cell(&id_cell, lang, &team.id)
}

/// A team's members: user name, membership status, last sign-in, organization roles.
#[component]
pub fn MembersTable(
    caption: String,
    members: Vec<Member>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the team has no members.
    #[prop(default = None)]
    empty: Option<String>,
    #[prop(optional)] node_ref: NodeRef<html::Table>,
) -> impl IntoView {
    let lang = lang();
    let locale = format_locale(lang);
    let (sort, empty) = table_defaults(
        lang,
        sort,
        empty,
        ["No members in this team", "此团队没有成员"],
    );
    let headers = vec![
        Header::sorting(lang.pick("User name", "用户名"), Column::Name),
        Header::sorting(lang.pick("Status", "状态"), Column::Status),
        Header::sorting(lang.pick("Last sign-in", "上次登录"), Column::LastSignIn),
        Header::plain(lang.pick("Organization roles", "组织角色")),
    ];
    let body = move |tbody: &Element| {
        let _ = fill_body(
            tbody,
            "4",
            &empty,
            &members,
            member_prototype,
            |tr, member| member_row(tr, lang, &locale, member),
        );
    };
    results_table(caption, headers, sort, node_ref, lang, Box::new(body))
}

/// `<th scope="row"></th><td><span class="status"><span class="status-mark" aria-hidden="true"></span></span></td><td><time></time></td><td></td>`
fn member_prototype(tr: &Element) -> Result<(), JsValue> {
    heading_and_status_prototype(tr)?;
    append_element(&append_element(tr, "td", None)?, "time", None)?;
    append_element(tr, "td", None)?;
    Ok(())
}

/// Fills a copy of the prototype. The user name is an e-mail address from Atlas: text, never a
/// `mailto:` link. Anything but an active membership carries a visible mark besides its name.
fn member_row(tr: &Element, lang: Lang, locale: &str, member: &Member) -> Result<(), JsValue> {
    let [name, status_cell, sign_in_cell, roles] = element_children(tr)?;
    let [time] = element_children(&sign_in_cell)?;
    name.set_text_content(Some(&member.username));
    fill_status(
        &status_cell,
        &class_token(&member.status),
        member.status != "ACTIVE",
        status_name(&member.status, lang),
    )?;
    let last_auth = member.last_auth.as_deref();
    let never = lang.pick("never", "从未");
    fill_time(&time, last_auth, |iso| local_date_time(iso, locale), never)?;
    roles.set_text_content(Some(&role_names(&member.org_roles, lang)));
    Ok(())
}

/// The teams with access to a project: each named (or its ID, when it cannot be), with its
/// roles by the names the Atlas UI gives them.
#[component]
pub fn ProjectTeamsTable(
    caption: String,
    teams: Vec<ProjectTeam>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that no team has access.
    #[prop(default = None)]
    empty: Option<String>,
    #[prop(optional)] node_ref: NodeRef<html::Table>,
    /// The project's organization, once known: each team links to its members.
    #[prop(default = None)]
    org_id: Option<String>,
) -> impl IntoView {
    let lang = lang();
    let config = use_context::<RuntimeConfig>();
    let linked = config.is_some() && org_id.is_some();
    let (sort, empty) = table_defaults(
        lang,
        sort,
        empty,
        [
            "No team has access to this project",
            "没有团队可以访问此项目",
        ],
    );
    let headers = vec![
        Header::sorting(lang.pick("Team", "团队"), Column::Name),
        Header::sorting("ID", Column::Id),
        Header::plain(lang.pick("Roles", "角色")),
    ];
    let body = move |tbody: &Element| {
        let _ = fill_body(
            tbody,
            "3",
            &empty,
            &teams,
            |tr| {
                team_prototype(tr, lang, linked)?;
                append_element(tr, "td", None).map(drop)
            },
            |tr, team| {
                let href = members_href(config.as_ref(), org_id.as_deref(), &team.team_id);
                project_team_row(tr, lang, href.as_deref(), team)
            },
        );
    };
    results_table(caption, headers, sort, node_ref, lang, Box::new(body))
}

fn project_team_row(
    tr: &Element,
    lang: Lang,
    href: Option<&str>,
    team: &ProjectTeam,
) -> Result<(), JsValue> {
    let [th, id_cell, roles] = element_children(tr)?;
    team_name_cell(&th, href, team.name.as_deref().unwrap_or(&team.team_id))?;
    fill_id_cell(&id_cell, lang, &team.team_id)?;
    roles.set_text_content(Some(&role_names(&team.roles, lang)));
    Ok(())
}

/// A project's alert configurations: what each watches, whether it is on, whom it notifies
/// through what, and when it last changed.
#[component]
pub fn AlertConfigsTable(
    caption: String,
    configs: Vec<AlertConfig>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the project has no alerts.
    #[prop(default = None)]
    empty: Option<String>,
    #[prop(optional)] node_ref: NodeRef<html::Table>,
) -> impl IntoView {
    let lang = lang();
    let locale = format_locale(lang);
    let (sort, empty) = table_defaults(
        lang,
        sort,
        empty,
        [
            "No alert configurations in this project",
            "此项目没有告警配置",
        ],
    );
    let headers = vec![
        Header::sorting(lang.pick("Alert", "告警"), Column::Name),
        Header::sorting(lang.pick("Enabled", "已启用"), Column::Status),
        Header::plain(lang.pick("Notifications", "通知")),
        Header::sorting(lang.pick("Updated", "更新时间"), Column::Updated),
    ];
    let body = move |tbody: &Element| {
        let _ = fill_body(
            tbody,
            "4",
            &empty,
            &configs,
            alert_config_prototype,
            |tr, config| alert_config_row(tr, lang, &locale, config),
        );
    };
    results_table(caption, headers, sort, node_ref, lang, Box::new(body))
}

/// `<th scope="row"></th><td><span class="status"><span class="status-mark" aria-hidden="true"></span></span></td><td><ul class="notifications"></ul></td><td><time></time></td>`
fn alert_config_prototype(tr: &Element) -> Result<(), JsValue> {
    heading_and_status_prototype(tr)?;
    append_element(
        &append_element(tr, "td", None)?,
        "ul",
        Some("notifications"),
    )?;
    append_element(&append_element(tr, "td", None)?, "time", None)?;
    Ok(())
}

/// Fills a copy of the prototype. A disabled alert says so in words, with a visible mark.
fn alert_config_row(
    tr: &Element,
    lang: Lang,
    locale: &str,
    config: &AlertConfig,
) -> Result<(), JsValue> {
    let [event, enabled_cell, notifications_cell, updated_cell] = element_children(tr)?;
    let [list] = element_children(&notifications_cell)?;
    let [time] = element_children(&updated_cell)?;
    event.set_text_content(Some(&event_name(config, lang)));
    let (class, word) = if config.enabled {
        ("active", lang.pick("Enabled", "已启用"))
    } else {
        ("disabled", lang.pick("Disabled", "已停用"))
    };
    fill_status(&enabled_cell, class, !config.enabled, word)?;
    for notification in &config.notifications {
        append_text(
            &append_element(&list, "li", None)?,
            &notification_text(notification, lang),
        )?;
    }
    let updated = config.updated.as_deref();
    fill_time(&time, updated, |iso| local_date_time(iso, locale), "—")
}

/// An organization's projects, each named by a link to its integrations.
#[component]
pub fn ProjectsTable(
    caption: String,
    projects: Vec<Project>,
    #[prop(optional)] sort: Option<RwSignal<Option<Sort>>>,
    /// What an empty table says; by default, that the organization has no projects.
    #[prop(default = None)]
    empty: Option<String>,
    #[prop(optional)] node_ref: NodeRef<html::Table>,
) -> impl IntoView {
    let lang = lang();
    let config = expect_context::<RuntimeConfig>();
    let locale = format_locale(lang);
    let (sort, empty) = table_defaults(
        lang,
        sort,
        empty,
        ["No projects in this organization", "此组织没有项目"],
    );
    let headers = vec![
        Header::sorting(lang.pick("Name", "名称"), Column::Name),
        Header::sorting("ID", Column::Id),
        Header::sorting(lang.pick("Clusters", "集群"), Column::Clusters),
        Header::sorting(lang.pick("Created", "创建时间"), Column::Created),
    ];
    let body = move |tbody: &Element| {
        let _ = fill_body(
            tbody,
            "4",
            &empty,
            &projects,
            |tr| project_prototype(tr, lang),
            |tr, project| {
                let href = config.href(&Route::Integrations(project.id.clone()).href());
                project_row(tr, lang, &locale, &href, project)
            },
        );
    };
    results_table(caption, headers, sort, node_ref, lang, Box::new(body))
}

/// `<th scope="row"><a></a></th><td class="id-cell">…</td><td></td><td><time></time></td>`
fn project_prototype(tr: &Element, lang: Lang) -> Result<(), JsValue> {
    let th = append_element(tr, "th", None)?;
    th.set_attribute("scope", "row")?;
    append_element(&th, "a", None)?;
    id_cell_prototype(&append_element(tr, "td", Some("id-cell"))?, lang)?;
    append_element(tr, "td", None)?;
    append_element(&append_element(tr, "td", None)?, "time", None)?;
    Ok(())
}

/// Fills a copy of the prototype: the name's link, the ID, the clusters, the creation date in
/// the reader's language (Atlas's own text when it is no date).
fn project_row(
    tr: &Element,
    lang: Lang,
    locale: &str,
    href: &str,
    project: &Project,
) -> Result<(), JsValue> {
    let [name_cell, id_cell, clusters, created_cell] = element_children(tr)?;
    let [link] = element_children(&name_cell)?;
    let [time] = element_children(&created_cell)?;
    link.set_attribute("href", href)?;
    link.set_text_content(Some(name_or_id(&project.name, &project.id)));
    fill_id_cell(&id_cell, lang, &project.id)?;
    let count = project.cluster_count.map(group_thousands);
    clusters.set_text_content(Some(count.as_deref().unwrap_or("—")));
    let created = project.created.as_deref();
    fill_time(&time, created, |iso| local_date(iso, locale), "—")
}

/// `<th scope="row"></th><td><span class="status"><span class="status-mark" aria-hidden="true"></span></span></td>`:
/// a row's heading, then a state in words with a mark beside them.
fn heading_and_status_prototype(tr: &Element) -> Result<(), JsValue> {
    let th = append_element(tr, "th", None)?;
    th.set_attribute("scope", "row")?;
    let status = append_element(&append_element(tr, "td", None)?, "span", None)?;
    append_element(&status, "span", Some("status-mark"))?.set_attribute("aria-hidden", "true")
}

/// Fills the state cell of [`heading_and_status_prototype`]: `status status-{class}`, `word`,
/// and the visible "!" when the state is `marked`: not told by colour alone.
fn fill_status(cell: &Element, class: &str, marked: bool, word: &str) -> Result<(), JsValue> {
    let [status] = element_children(cell)?;
    let [mark] = element_children(&status)?;
    status.set_class_name(&format!("status status-{class}"));
    mark.set_text_content(Some(if marked { "!" } else { "" }));
    append_text(&status, word)
}

/// A `<time>`: Atlas's ISO 8601 value in `datetime`, written the reader's way by `local`
/// (Atlas's own text when it is no time), or `absent` when there is none.
fn fill_time(
    time: &Element,
    iso: Option<&str>,
    local: impl Fn(&str) -> Option<String>,
    absent: &str,
) -> Result<(), JsValue> {
    match iso {
        Some(iso) => match local(iso) {
            Some(text) => {
                time.set_attribute("datetime", iso)?;
                time.set_text_content(Some(&text));
            }
            None => time.set_text_content(Some(iso)),
        },
        None => time.set_text_content(Some(absent)),
    }
    Ok(())
}

/// `<code></code> <button type="button">Copy</button>`: an ID and its Copy button, which the
/// table's one click handler serves.
fn id_cell_prototype(cell: &Element, lang: Lang) -> Result<(), JsValue> {
    append_element(cell, "code", None)?;
    append_text(cell, " ")?;
    let button = append_element(cell, "button", Some("button button-small"))?;
    button.set_attribute("type", "button")?;
    append_text(&button, lang.pick("Copy", "复制"))
}

/// The button copies the `<code>` beside it (`CopyStatus::copy_clicked`).
fn fill_id_cell(cell: &Element, lang: Lang, id: &str) -> Result<(), JsValue> {
    let [code, button] = element_children(cell)?;
    code.set_text_content(Some(id));
    button.set_attribute("aria-label", &copy_id_label(lang, id))
}

/// Replaces the body's rows with one `<tr>` per row, each a copy of the prototype filled in,
/// or with one row that says there are none.
fn fill_body<R>(
    tbody: &Element,
    columns: &str,
    empty: &str,
    rows: &[R],
    prototype: impl Fn(&Element) -> Result<(), JsValue>,
    fill: impl Fn(&Element, &R) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    tbody.set_text_content(None);
    if rows.is_empty() {
        let td = append_element(&append_element(tbody, "tr", Some("empty"))?, "td", None)?;
        td.set_attribute("colspan", columns)?;
        append_text(&td, empty)?;
        return Ok(());
    }
    // The prototype is built where a row goes, then taken out to be copied from.
    let first = append_element(tbody, "tr", None)?;
    prototype(&first)?;
    let first = tbody.remove_child(&first)?;
    for row in rows {
        let tr: Element = first.clone_node_with_deep(true)?.unchecked_into();
        fill(&tr, row)?;
        tbody.append_child(&tr)?;
    }
    Ok(())
}

/// The sort a table is given, or its own; what it says when empty, or by default `none`
/// (English, Chinese).
fn table_defaults(
    lang: Lang,
    sort: Option<RwSignal<Option<Sort>>>,
    empty: Option<String>,
    none: [&'static str; 2],
) -> (RwSignal<Option<Sort>>, String) {
    let sort = sort.unwrap_or_else(|| RwSignal::new(None));
    let empty = empty.unwrap_or_else(|| lang.pick(none[0], none[1]).to_string());
    (sort, empty)
}

/// A column's header: its words, and the column it sorts by, if it sorts.
pub struct Header {
    label: &'static str,
    sorts: Option<Column>,
}

impl Header {
    pub fn sorting(label: &'static str, column: Column) -> Header {
        Header {
            label,
            sorts: Some(column),
        }
    }

    pub fn plain(label: &'static str) -> Header {
        Header { label, sorts: None }
    }
}

/// The one table every list is drawn in: its caption, its headers, and a body that `fill`
/// draws with plain DOM calls. One view for every list, with the body behind a `Box`, keeps
/// one build of it in the bundle rather than one per list. One click handler on the body
/// copies any row's ID: 500 rows need no 500 handlers.
fn results_table(
    caption: String,
    headers: Vec<Header>,
    sort: RwSignal<Option<Sort>>,
    node_ref: NodeRef<html::Table>,
    lang: Lang,
    fill: Box<dyn Fn(&Element)>,
) -> impl IntoView {
    let copy = CopyStatus::current().copy_clicked(lang);
    let SortHeaders { draw, row, clicked } = sort_headers(headers, sort);
    let body = move |tbody: Element| fill(&tbody);
    view! {
        <table class="results" tabindex="-1" node_ref=node_ref>
            <caption>{caption}</caption>
            <thead on:click=clicked>
                <tr node_ref=row use:draw></tr>
            </thead>
            <tbody on:click=copy use:body></tbody>
        </table>
    }
}

/// A table's header row, drawn with plain DOM calls: one build for every table's headers,
/// where a view per header costs its own (`docs/performance.md`).
pub struct SortHeaders<D, C> {
    /// The row's directive: draws `<th scope="col">` each, a sorting one holding
    /// `<button class="sort" data-column="…">label<span class="sort-mark"></span></button>`.
    pub draw: D,
    /// The row, into whose cells the sort in force is written (`aria-sort`, the marks).
    pub row: NodeRef<html::Tr>,
    /// The `<thead>`'s click handler: sorts by the column of the button clicked.
    pub clicked: C,
}

pub fn sort_headers(
    headers: Vec<Header>,
    sort: RwSignal<Option<Sort>>,
) -> SortHeaders<impl Fn(Element) + 'static, impl Fn(leptos::ev::MouseEvent) + 'static> {
    let row = NodeRef::<html::Tr>::new();
    let columns: Vec<Option<Column>> = headers.iter().map(|header| header.sorts).collect();
    let headers = StoredValue::new(headers);
    // Every call is on elements made here, with fixed names: the DOM has no reason to refuse.
    let draw = move |row: Element| {
        headers.with_value(|headers| draw_headers(&row, headers, sort.get_untracked()).ok());
    };
    Effect::new(move |_| {
        let current = sort.get();
        let Some(row) = row.get() else { return };
        headers.with_value(|headers| draw_headers(&row, headers, current).ok());
    });
    let clicked = move |event: leptos::ev::MouseEvent| {
        let column = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.closest("button.sort").ok().flatten())
            .and_then(|button| button.get_attribute("data-column"))
            .and_then(|index| index.parse::<usize>().ok())
            .and_then(|index| columns.get(index).copied().flatten());
        if let Some(column) = column {
            sort.update(|current| *current = Some(Sort::after_click(*current, column)));
        }
    };
    SortHeaders { draw, row, clicked }
}

/// Draws the header cells the first time, then writes `current` into them.
fn draw_headers(row: &Element, headers: &[Header], current: Option<Sort>) -> Result<(), JsValue> {
    if row.child_element_count() == 0 {
        for (index, header) in headers.iter().enumerate() {
            let th = append_element(row, "th", None)?;
            th.set_attribute("scope", "col")?;
            if header.sorts.is_none() {
                append_text(&th, header.label)?;
                continue;
            }
            let button = append_element(&th, "button", Some("sort"))?;
            button.set_attribute("type", "button")?;
            button.set_attribute("data-column", &index.to_string())?;
            append_text(&button, header.label)?;
            append_element(&button, "span", Some("sort-mark"))?
                .set_attribute("aria-hidden", "true")?;
        }
    }
    let mut th = row.first_element_child();
    for header in headers {
        let Some(cell) = th else { break };
        if let Some(column) = header.sorts {
            let state = Sort::aria(current, column);
            cell.set_attribute("aria-sort", state)?;
            if let Some(mark) = cell.query_selector(".sort-mark")? {
                mark.set_text_content(Some(match state {
                    "ascending" => "▲",
                    "descending" => "▼",
                    _ => "",
                }));
            }
        }
        th = cell.next_element_sibling();
    }
    Ok(())
}
