//! What the coverage table shows of a run: its type columns, each cell's words, the rows a
//! filter leaves, the summary line and the CSV. Plain functions over the run's rows.

use crate::coverage::run::{ProjectRow, ProjectState};
use crate::coverage::Matrix;
use crate::i18n::Lang;
use crate::list::export::csv_line;
use crate::list::rows::{lowercase, sorted_order, Column, Sort};
use crate::paging::group_thousands;

/// The order of the known types' columns: the alerting ones first. Others follow by name.
const COLUMN_ORDER: [&str; 11] = [
    "PAGER_DUTY",
    "OPS_GENIE",
    "VICTOR_OPS",
    "SLACK",
    "MICROSOFT_TEAMS",
    "WEBHOOK",
    "DATADOG",
    "PROMETHEUS",
    "NEW_RELIC",
    "FLOWDOCK",
    "HIP_CHAT",
];

/// One column per integration type some project that was read has: the known ones in
/// [`COLUMN_ORDER`], then the others by name.
pub fn type_columns(rows: &[ProjectRow]) -> Vec<String> {
    let mut unknown: Vec<String> = Vec::new();
    let mut known = [false; COLUMN_ORDER.len()];
    for row in rows {
        let ProjectState::Read(found) = &row.state else {
            continue;
        };
        for found in &found.0 {
            match COLUMN_ORDER.iter().position(|kind| *kind == found.kind) {
                Some(rank) => known[rank] = true,
                None => {
                    if let Err(at) = unknown.binary_search(&found.kind) {
                        unknown.insert(at, found.kind.clone());
                    }
                }
            }
        }
    }
    COLUMN_ORDER
        .iter()
        .zip(known)
        .filter(|(_, present)| *present)
        .map(|(kind, _)| kind.to_string())
        .chain(unknown)
        .collect()
}

/// What a project's row says of one type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell<'a> {
    Has {
        region: Option<&'a str>,
        /// Known to serve no enabled alert.
        unused: bool,
    },
    HasNot,
    /// Not read (yet, or it failed).
    Unknown,
}

pub fn cell<'a>(row: &'a ProjectRow, kind: &str) -> Cell<'a> {
    match &row.state {
        ProjectState::Read(found) => match found.get(kind) {
            Some(found) => Cell::Has {
                region: found.region.as_deref(),
                unused: found.alerts.unused(),
            },
            None => Cell::HasNot,
        },
        _ => Cell::Unknown,
    }
}

impl<'a> Cell<'a> {
    /// The words on screen: the region, "Yes" or "none"; empty when unknown.
    pub fn text(self, lang: Lang) -> &'a str {
        match self {
            Cell::Has {
                region: Some(region),
                ..
            } => region,
            Cell::Has { region: None, .. } => lang.pick("yes", "有"),
            Cell::HasNot => lang.pick("none", "无"),
            Cell::Unknown => "",
        }
    }
}

/// The words of a row's status cell: whether it alerts anyone, or why it is not known.
pub fn status_text(row: &ProjectRow, lang: Lang) -> String {
    match &row.state {
        ProjectState::Waiting => lang.pick("Waiting", "等待中").to_string(),
        ProjectState::Reading => lang.pick("Reading…", "读取中…").to_string(),
        ProjectState::Read(found) if found.has_alerting() => {
            lang.pick("Alerting set up", "已设置告警").to_string()
        }
        ProjectState::Read(_) => lang
            .pick("No alerting integration", "没有告警集成")
            .to_string(),
        ProjectState::ReadTeams(teams) => match (teams.len(), lang) {
            (0, _) => lang.pick("No team", "没有团队").to_string(),
            (1, Lang::En) => "1 team".to_string(),
            (n, Lang::En) => format!("{} teams", number(n)),
            (n, Lang::ZhCn) => format!("{} 个团队", number(n)),
        },
        ProjectState::ReadChanges { .. } => lang.pick("Read", "已读取").to_string(),
        ProjectState::Failed(error) => error.summary(lang),
    }
}

/// Whether a row is one the page's checkbox keeps: read and without alerting on the coverage
/// page; read with a team that is Project Owner on the access page (the team picked, when
/// one is).
pub fn flagged(matrix: Matrix, team: &str, row: &ProjectRow) -> bool {
    match matrix {
        Matrix::Coverage => row.has_alerting() == Some(false),
        Matrix::Access => row.has_owner_team(team),
    }
}

/// The indices of the rows to show: those whose name or ID holds `filter`, only the flagged
/// ones if asked, only those with an integration no alert uses if asked, in the chosen order
/// (Atlas's by default).
pub fn shown(
    rows: &[ProjectRow],
    filter: &str,
    only_flagged: Option<(Matrix, &str)>,
    only_unused: bool,
    sort: Option<Sort>,
) -> Vec<usize> {
    let needle = lowercase(filter.trim());
    let matching: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| only_flagged.is_none_or(|(matrix, team)| flagged(matrix, team, row)))
        .filter(|(_, row)| !only_unused || row.has_unused())
        .filter(|(_, row)| {
            needle.is_empty() || lowercase(&row.name).contains(&needle) || row.id.contains(&needle)
        })
        .map(|(index, _)| index)
        .collect();
    let Some(sort) = sort else {
        return matching;
    };
    let keys = matching
        .iter()
        .map(|&index| match sort.column {
            Column::Id => rows[index].id.clone(),
            _ => lowercase(&rows[index].name),
        })
        .collect();
    sorted_order(keys, sort.descending)
        .into_iter()
        .map(|position| matching[position])
        .collect()
}

/// The counts the summary line gives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub failed: usize,
    pub without_alerting: usize,
    /// Read, with an integration no enabled alert uses.
    pub with_unused: usize,
    /// Read, with a team that is Project Owner.
    pub with_owner_team: usize,
    /// Neither read nor failed yet.
    pub unread: usize,
}

pub fn counts(rows: &[ProjectRow]) -> Counts {
    let mut counts = Counts {
        total: rows.len(),
        ..Counts::default()
    };
    for row in rows {
        match &row.state {
            ProjectState::Read(found) => {
                counts.without_alerting += usize::from(!found.has_alerting());
                counts.with_unused += usize::from(found.has_unused());
            }
            ProjectState::ReadTeams(_) if row.has_owner_team("") => counts.with_owner_team += 1,
            ProjectState::ReadTeams(_) | ProjectState::ReadChanges { .. } => {}
            ProjectState::Failed(_) => counts.failed += 1,
            ProjectState::Waiting | ProjectState::Reading => counts.unread += 1,
        }
    }
    counts
}

fn number(n: usize) -> String {
    group_thousands(n as u64)
}

/// "12 of 140 projects have no alerting integration. 1 project could not be read. 3 not read
/// yet." On the access page: "130 of 140 projects have a team that is Project Owner. …"
pub fn summary_text(matrix: Matrix, counts: Counts, lang: Lang) -> String {
    let (n, total) = (number(counts.without_alerting), number(counts.total));
    let mut text = match (matrix, lang) {
        (Matrix::Access, Lang::En) => {
            let projects = if counts.total == 1 {
                "project"
            } else {
                "projects"
            };
            let verb = if counts.with_owner_team == 1 || counts.total == 1 {
                "has"
            } else {
                "have"
            };
            let n = number(counts.with_owner_team);
            format!("{n} of {total} {projects} {verb} a team that is Project Owner.")
        }
        (Matrix::Access, Lang::ZhCn) => format!(
            "{total} 个项目中有 {} 个有担任项目所有者的团队。",
            number(counts.with_owner_team)
        ),
        (Matrix::Coverage, Lang::En) => {
            let projects = if counts.total == 1 {
                "project"
            } else {
                "projects"
            };
            let verb = if counts.without_alerting == 1 || counts.total == 1 {
                "has"
            } else {
                "have"
            };
            format!("{n} of {total} {projects} {verb} no alerting integration.")
        }
        (Matrix::Coverage, Lang::ZhCn) => format!("{total} 个项目中有 {n} 个没有告警集成。"),
    };
    if matrix == Matrix::Coverage && counts.with_unused > 0 {
        let unused = number(counts.with_unused);
        text += &match (lang, counts.with_unused) {
            (Lang::En, 1) => " 1 project has an integration no alert uses.".to_string(),
            (Lang::En, _) => format!(" {unused} projects have an integration no alert uses."),
            (Lang::ZhCn, _) => format!("{unused} 个项目有未被任何告警使用的集成。"),
        };
    }
    if counts.failed > 0 {
        let failed = number(counts.failed);
        text += &match (lang, counts.failed) {
            (Lang::En, 1) => " 1 project could not be read.".to_string(),
            (Lang::En, _) => format!(" {failed} projects could not be read."),
            (Lang::ZhCn, _) => format!("{failed} 个项目无法读取。"),
        };
    }
    if counts.unread > 0 {
        let unread = number(counts.unread);
        text += &lang.pick(
            format!(" {unread} not read yet."),
            format!("{unread} 个尚未读取。"),
        );
    }
    text
}

/// "37 of 140 projects", beside the progress bar.
pub fn progress_text(answered: usize, total: usize, lang: Lang) -> String {
    let (answered, total) = (number(answered), number(total));
    lang.pick(
        format!("{answered} of {total} projects"),
        format!("{total} 个项目中的 {answered} 个"),
    )
}

/// The rows shown, as a CSV file (UTF-8 with a byte order mark, CRLF, cells quoted and
/// defused as the list exports do): name, ID, alerting (`yes`, `no`, or empty when unknown),
/// status, the types no enabled alert uses (API names, space-separated), then one column per
/// type, API-named, holding its region, `yes` or `no`.
pub fn csv(rows: &[ProjectRow], shown: &[usize], columns: &[String]) -> String {
    let header = [
        "project",
        "projectId",
        "alerting",
        "status",
        "unusedByAlerts",
    ]
    .into_iter()
    .map(String::from)
    .chain(columns.iter().cloned());
    let mut out = String::from("\u{feff}");
    out += &csv_line(header);
    for row in shown.iter().filter_map(|&index| rows.get(index)) {
        let alerting = match row.has_alerting() {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        let status = row.state.csv_word();
        let unused = columns
            .iter()
            .filter(|kind| matches!(cell(row, kind), Cell::Has { unused: true, .. }))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        let fixed = [
            row.name.clone(),
            row.id.clone(),
            alerting.into(),
            status,
            unused,
        ];
        let types = columns.iter().map(|kind| match cell(row, kind) {
            Cell::Has { region, .. } => region.unwrap_or("yes").to_string(),
            Cell::HasNot => "no".to_string(),
            Cell::Unknown => String::new(),
        });
        out += &csv_line(fixed.into_iter().chain(types));
    }
    out
}

/// `atlas-coverage-<orgId>-20261123T004926Z.csv` (`atlas-access-…` for the access matrix),
/// from `exported_at` in UTC to the second.
pub fn file_name(matrix: Matrix, org_id: &str, exported_at: &str) -> String {
    let stamp: String = exported_at
        .chars()
        .filter(|ch| !matches!(ch, '-' | ':'))
        .collect();
    let what = match matrix {
        Matrix::Coverage => "coverage",
        Matrix::Access => "access",
    };
    format!("atlas-{what}-{org_id}-{stamp}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiError;
    use crate::coverage::run::{IntegrationsFound, Run};
    use crate::list::alerts::AlertUse;

    const ID_A: &str = "6500000000000000000000a1";
    const ID_B: &str = "6500000000000000000000a2";
    const ID_C: &str = "6500000000000000000000a3";
    const ID_D: &str = "6500000000000000000000a4";

    fn found(kinds: &[(&str, Option<&str>)]) -> IntegrationsFound {
        IntegrationsFound::of_kinds(kinds)
    }

    /// Four projects: one with PagerDuty (EU, used by alerts) and Datadog (used by none), one
    /// with only Prometheus and an unknown type, one that answered 403, one being read.
    fn rows() -> Vec<ProjectRow> {
        let mut run = Run::new([
            (ID_A.to_string(), "payments-eu".to_string()),
            (ID_B.to_string(), "=cmd|' /C calc'!A0".to_string()),
            (ID_C.to_string(), "Archive, old".to_string()),
            (ID_D.to_string(), "<img src=x onerror=alert(1)>".to_string()),
        ]);
        run.start_next(0.0);
        let mut first = found(&[("DATADOG", None), ("PAGER_DUTY", Some("EU"))]);
        first.0[0].alerts = AlertUse::Enabled {
            count: 0,
            complete: true,
        };
        first.0[1].alerts = AlertUse::Enabled {
            count: 2,
            complete: true,
        };
        run.finish(0, Ok(first.into()), 0.0);
        run.finish(
            1,
            Ok(found(&[("CARRIER_PIGEON", None), ("PROMETHEUS", None)]).into()),
            0.0,
        );
        let forbidden = ApiError::Atlas {
            status: 403,
            reason: Some("Forbidden".into()),
            error_code: None,
            detail: None,
            retry_after: None,
        };
        run.finish(2, Err(forbidden), 0.0);
        run.start_next(0.0);
        run.rows().to_vec()
    }

    #[test]
    fn columns_are_the_types_present_alerting_ones_first_unknown_ones_last() {
        assert_eq!(
            type_columns(&rows()),
            ["PAGER_DUTY", "DATADOG", "PROMETHEUS", "CARRIER_PIGEON"]
        );
        assert!(type_columns(Run::new([]).rows()).is_empty());
    }

    #[test]
    fn unknown_types_follow_the_known_ones_by_name() {
        let mut run = Run::new([
            (ID_A.to_string(), "a".to_string()),
            (ID_B.to_string(), "b".to_string()),
        ]);
        run.start_next(0.0);
        run.finish(
            0,
            Ok(found(&[("ZEBRA", None), ("WEBHOOK", None)]).into()),
            0.0,
        );
        run.finish(
            1,
            Ok(found(&[("APPLE", None), ("SLACK", None), ("ZEBRA", None)]).into()),
            0.0,
        );
        assert_eq!(
            type_columns(run.rows()),
            ["SLACK", "WEBHOOK", "APPLE", "ZEBRA"]
        );
    }

    #[test]
    fn cells_say_presence_and_region_in_words() {
        let rows = rows();
        let en = |row: &ProjectRow, kind| cell(row, kind).text(Lang::En).to_string();
        assert_eq!(en(&rows[0], "PAGER_DUTY"), "EU");
        assert_eq!(en(&rows[0], "DATADOG"), "yes");
        assert_eq!(en(&rows[1], "PAGER_DUTY"), "none");
        assert_eq!(cell(&rows[2], "PAGER_DUTY"), Cell::Unknown);
        assert_eq!(cell(&rows[3], "PAGER_DUTY"), Cell::Unknown);
        assert_eq!(Cell::HasNot.text(Lang::ZhCn), "无");
        // Whether an enabled alert uses it: known for the first project's two.
        assert_eq!(
            cell(&rows[0], "DATADOG"),
            Cell::Has {
                region: None,
                unused: true
            }
        );
        assert_eq!(
            cell(&rows[0], "PAGER_DUTY"),
            Cell::Has {
                region: Some("EU"),
                unused: false
            }
        );
        assert_eq!(
            cell(&rows[1], "PROMETHEUS"),
            Cell::Has {
                region: None,
                unused: false
            }
        );
    }

    #[test]
    fn narrows_to_projects_with_an_integration_no_alert_uses() {
        let rows = rows();
        assert!(rows[0].has_unused() && !rows[1].has_unused() && !rows[2].has_unused());
        assert_eq!(shown(&rows, "", None, true, None), [0]);
        assert_eq!(
            shown(&rows, "", Some((Matrix::Coverage, "")), true, None),
            Vec::<usize>::new()
        );
        assert_eq!(shown(&rows, "a2", None, true, None), Vec::<usize>::new());
    }

    #[test]
    fn status_flags_no_alerting_in_words_and_shows_failures() {
        let rows = rows();
        assert_eq!(status_text(&rows[0], Lang::En), "Alerting set up");
        assert_eq!(status_text(&rows[1], Lang::En), "No alerting integration");
        assert_eq!(status_text(&rows[1], Lang::ZhCn), "没有告警集成");
        assert_eq!(
            status_text(&rows[2], Lang::En),
            "The request failed: 403 Forbidden."
        );
        assert_eq!(status_text(&rows[3], Lang::En), "Reading…");
    }

    #[test]
    fn counts_and_says_how_many_have_no_alerting() {
        let counts = counts(&rows());
        assert_eq!(
            counts,
            Counts {
                total: 4,
                failed: 1,
                without_alerting: 1,
                unread: 1,
                with_owner_team: 0,
                with_unused: 1,
            }
        );
        assert_eq!(
            summary_text(Matrix::Coverage, counts, Lang::En),
            "1 of 4 projects has no alerting integration. 1 project has an integration no alert uses. 1 project could not be read. 1 not read yet."
        );
        assert_eq!(
            summary_text(Matrix::Coverage, counts, Lang::ZhCn),
            "4 个项目中有 1 个没有告警集成。1 个项目有未被任何告警使用的集成。1 个项目无法读取。1 个尚未读取。"
        );
        assert_eq!(
            summary_text(
                Matrix::Coverage,
                Counts {
                    total: 140,
                    with_unused: 44,
                    ..Counts::default()
                },
                Lang::En
            ),
            "0 of 140 projects have no alerting integration. 44 projects have an integration no alert uses."
        );
        assert_eq!(
            summary_text(
                Matrix::Coverage,
                Counts {
                    total: 1_400,
                    failed: 0,
                    without_alerting: 12,
                    unread: 0,
                    with_owner_team: 0,
                    with_unused: 0,
                },
                Lang::En
            ),
            "12 of 1,400 projects have no alerting integration."
        );
        assert_eq!(
            summary_text(
                Matrix::Coverage,
                Counts {
                    total: 140,
                    failed: 2,
                    without_alerting: 12,
                    unread: 0,
                    with_owner_team: 0,
                    with_unused: 0,
                },
                Lang::ZhCn
            ),
            "140 个项目中有 12 个没有告警集成。2 个项目无法读取。"
        );
        assert_eq!(
            summary_text(
                Matrix::Coverage,
                Counts {
                    total: 1,
                    ..Counts::default()
                },
                Lang::En
            ),
            "0 of 1 project has no alerting integration."
        );
        assert_eq!(progress_text(37, 140, Lang::En), "37 of 140 projects");
        assert_eq!(progress_text(37, 140, Lang::ZhCn), "140 个项目中的 37 个");
    }

    #[test]
    fn filters_by_name_or_id_narrows_to_no_alerting_and_sorts_by_name() {
        let rows = rows();
        assert_eq!(shown(&rows, "", None, false, None), [0, 1, 2, 3]);
        assert_eq!(
            shown(&rows, "", Some((Matrix::Coverage, "")), false, None),
            [1]
        );
        assert_eq!(shown(&rows, " PAYMENTS ", None, false, None), [0]);
        assert_eq!(shown(&rows, "a3", None, false, None), [2]);
        assert_eq!(
            shown(&rows, "payments", Some((Matrix::Coverage, "")), false, None),
            Vec::<usize>::new()
        );
        let by_name = Some(Sort::after_click(None, Column::Name));
        // "<img…", "=cmd…", "archive, old", "payments-eu"
        assert_eq!(shown(&rows, "", None, false, by_name), [3, 1, 2, 0]);
        let descending = Some(Sort::after_click(by_name, Column::Name));
        assert_eq!(shown(&rows, "", None, false, descending), [0, 2, 1, 3]);
        let by_id = Some(Sort::after_click(None, Column::Id));
        assert_eq!(shown(&rows, "", None, false, by_id), [0, 1, 2, 3]);
    }

    #[test]
    fn writes_what_is_shown_as_a_defused_csv() {
        let rows = rows();
        let columns = type_columns(&rows);
        let csv = csv(&rows, &[1, 0, 2, 3], &columns);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}project,projectId,alerting,status,unusedByAlerts,PAGER_DUTY,DATADOG,PROMETHEUS,CARRIER_PIGEON"
        );
        assert_eq!(
            lines[1],
            format!("'=cmd|' /C calc'!A0,{ID_B},no,read,,no,no,yes,yes")
        );
        assert_eq!(
            lines[2],
            format!("payments-eu,{ID_A},yes,read,DATADOG,EU,yes,no,no")
        );
        assert_eq!(
            lines[3],
            format!("\"Archive, old\",{ID_C},,403 Forbidden,,,,,")
        );
        assert_eq!(
            lines[4],
            format!("<img src=x onerror=alert(1)>,{ID_D},,reading,,,,,")
        );
        assert_eq!(lines[5], "");
        let only_one = super::csv(&rows, &[1], &columns);
        assert_eq!(only_one.split("\r\n").count(), 3);
    }

    #[test]
    fn names_the_file_by_organization_and_time() {
        assert_eq!(
            file_name(Matrix::Coverage, ID_A, "2026-11-23T00:49:26Z"),
            format!("atlas-coverage-{ID_A}-20261123T004926Z.csv")
        );
        assert_eq!(
            file_name(Matrix::Access, ID_A, "2026-11-23T00:49:26Z"),
            format!("atlas-access-{ID_A}-20261123T004926Z.csv")
        );
    }
}
